"""Judging one row: the chain of ``=`` links about one quantity, link by link."""

from __future__ import annotations

import os
import re
from decimal import Decimal

from ..core.errors import ParseError
from .carried import Carried, _right_figure_stands, _shows_written
from .diagnosis import Diagnosis
from .evaluate import (
    Written,
    _decimal_key,
    _Evaluator,
    _Link,
    _mp,
    _names,
    _NotNumber,
    _numbers,
    _same,
    _Unresolved,
)
from .indexed import DescentSteps, IndexRules
from .links import Links, _suggest
from .matrices import Matrices
from .names import Names
from .parse import (
    BinOp,
    Call,
    Derivative,
    Name,
    Neg,
    Num,
    Part,
    Partial,
    Relation,
    TooComplexError,
    iter_nodes,
    node_text,
    parse_relation,
)
from .precision import DPS, MP
from .problems import AFTER_UPDATE
from .report import (
    MISTAKES,
    VERDICTS,
    LineResult,
    shorten,
)
from .rows import Row
from .rules import Rules
from .softmax import SoftmaxRules
from .tokens import defined_function_letters, function_letters
from .vectors import Vectors

_SEVERITY = {v: k for k, v in enumerate(VERDICTS)}
_SEVERITY["unknown"] = _SEVERITY["formula"] + 0.5  # a name nobody knows is worse than a wrong formula


class Checker(Links, Names, Carried, Diagnosis, Rules, SoftmaxRules, Vectors, Matrices, IndexRules,
              DescentSteps):
    """Checks rows one after another, remembering the writer's numbers."""

    def __init__(self, problem, context_text: str = ""):
        self.problem = problem
        self.written: list[Written] = []
        self.context_text = context_text
        self._chain = None  # (quantity, last part, last link) of the previous row, for '&= ...' rows
        self.evaluator = _Evaluator(self._lookup_name, self._lookup_partial, self._lookup_function)
        self.evaluator.lookup_call = self._lookup_call
        self._chain_quantities: list = []
        self._override: dict = {}  # id of a written number -> what it stands for here (tried by _blame)
        self.mistake_lines: set[int] = set()  # the lines judged a mistake so far
        self.mistaken_figures: dict = {}  # figures of those lines (6 digits or more) -> the line
        self.blame: dict = {}  # line -> {expression: why it is a mistake (seen on a later line)}
        self._last_side = None  # the last side of the row above, for a bare row that starts with '='
        self._updated_names = False  # whether the row's names stand for their values after the update
        self._missing_factors: dict[str, int] = {}  # a factor found missing -> the first line it was
        self._row_parts = None  # (quantity, parts) of the row; its parts are worked out when first needed
        self._parts_cache: tuple | None = None  # (expected parts, written targets) of the row
        self._used_lines: list[int] = []
        self._used_records: dict = {}  # key -> the Written record a lookup used
        self._nudged: dict = {}  # key -> a change of the writer's figure (how far its rounding reaches)
        self.internal_errors = 0  # lines that met a bug of the checker (SYMNN_DEBUG=1 raises instead)
        self.figures: dict = {}  # without a problem: the writer's figure for an expression, by its text
        self.figure_values: list = []  # (figure written, exact value of what it was written for)
        self.symbolic: dict = {}  # without a problem: name -> (variable or None, body node)
        self.defined: dict = {}  # the writer's own names: name -> (quantity, SymPy expression or None)
        self.defined_lines: dict = {}  # without a problem: a name given a number -> the line it was given on
        self._net_inputs: dict = {}  # the writer's names for net inputs: name -> In_<unit>
        self.written_evaluator = _Evaluator(self._lookup_written_name, self._lookup_written_partial,
                                            self._lookup_function)
        from .problems import FreeProblem

        # without a problem, L(w) = (w - 3)^2 makes L a function for the whole solution
        self.function_letters = defined_function_letters(context_text) \
            if isinstance(problem, FreeProblem) else frozenset()
        self.vectors: dict = {}  # the writer's vectors: name -> (components, index of the first)
        self.exact_numbers: set = set()  # numbers given as data (a vector's values): exact, not rounded
        self._vector_side = None  # the last side of a row of vectors, for '&= ...' rows
        self.figure_names: dict = {}  # names the writer gave a figure (p1 = 0.2312): name -> the Num
        self.scalar_data: dict = {}  # names given a number on their own line (η = 0.15): name -> the Num
        self.matrices: dict = {}  # the writer's matrices: name -> (rows, columns, entries)
        self.index_rules: dict = {}  # the writer's rules for every index: J -> ("ij", p_i(δ_ij − p_j), line)

    # -- the writer's own names -----------------------------------------------------------
    def check_row(self, row: Row) -> LineResult:
        """The verdict on one row; every number is handled at 40 significant digits.

        Whatever a line contains, the answer is a verdict: an unexpected failure inside
        SymPy or the LaTeX reader makes the line ``unparsed``, never an exception.
        """
        with MP.workdps(DPS), function_letters(self.function_letters):
            try:
                result = self._check_row(row)
                if result.verdict in MISTAKES:
                    self.mistake_lines.add(row.line)
                    # long figures a later line may copy again, verbatim (0.59632699 for 0.59326999); a
                    # short one written again (0.2480) is as likely a new slip, and stays one
                    for figure in _FIGURES.findall(row.text):
                        if len(figure.replace(".", "").lstrip("0")) >= 6:
                            self.mistaken_figures.setdefault(Decimal(figure), row.line)
                return result
            except RecursionError:
                self._chain = None
                return LineResult(row.line, row.text, "too complex", "nested too deeply to judge")
            except Exception as error:  # a line a student wrote must never stop the file
                if os.environ.get("SYMNN_DEBUG"):
                    raise  # a bug of the checker surfaces in tests
                self.internal_errors += 1
                self._chain = None
                return LineResult(row.line, row.text, "unparsed",
                                  f"cannot be judged ({type(error).__name__}: {str(error)[:80]})")

    def _check_row(self, row: Row) -> LineResult:
        self._updated_names = False
        try:
            relation = parse_relation(row.text)
        except TooComplexError as error:
            self._chain = None
            return LineResult(row.line, row.text, "too complex", _message(error), position=error.position)
        except ParseError as error:
            self._chain = None
            fallback = self._fallback(row)
            if fallback is None:
                fallback = self._readable_sides(row)
            if fallback is not None:
                return fallback
            return LineResult(row.line, row.text, "unparsed", _message(error), position=error.position)
        try:
            vector = self._vector_relation(row, relation)
            if vector is not None:
                return vector
            if row.condition is not None:
                conditional = self._conditional(row, relation)
                if conditional is not None:
                    return conditional
            return self._check_relation(row, relation)
        except TooComplexError as error:
            return LineResult(row.line, row.text, "too complex", _message(error), position=error.position)
        except ParseError as error:
            return LineResult(row.line, row.text, "unparsed", _message(error), position=error.position)

    def _own_number(self, relation: Relation) -> bool:
        """``z = -2 + (-6) + (-3) = -11``: a name of the writer's own (not a slip for a name of the
        problem) given a value by a computation with numbers only (a bare ``q_9 = 0.5`` stays unknown)."""
        parts = relation.parts
        head = parts[0].node if parts else None
        return len(parts) >= 2 and isinstance(head, Name) and head.name not in {"e", "pi"} \
            and not self._resolve(head.name) and not _suggest(head.name, self.problem.known_names()) \
            and not any(isinstance(n, Name | Call | Partial | Derivative)
                        for part in parts[1:] for n in iter_nodes(part.node)) \
            and any(len(list(iter_nodes(part.node))) > 2 for part in parts[1:])

    def _readable_sides(self, row: Row) -> LineResult | None:
        """A chain with a side the grammar cannot read (``\\sum_j e^{z_j} = 2.7183 + ... = 30.1929``):
        the sides that can be read and have values are judged, the others are named."""
        import re

        pieces = [p for p in re.split(r"(?<![<>!\\])=", row.text)]
        if len(pieces) < 3:
            return None
        runs: list[list] = [[]]
        skipped = []
        for piece in pieces:
            try:
                relation = parse_relation(piece)
            except ParseError:
                skipped.append(piece.strip())
                runs.append([])  # a link across a side that cannot be read is not judged
                continue
            if len(relation.parts) == 1:
                runs[-1].append(relation.parts[0])
        parts = max(runs, key=len)
        if len(parts) < 2 or not skipped:
            return None
        # after a side that cannot be read, the first numbers stand for its names: not givens
        first = runs.index(parts) == 0
        result = self._judge_chain(row, Relation(row.text, tuple(parts), ("=",) * (len(parts) - 1)),
                                   givens_first=first)
        if result is not None:
            result.message = (result.message + "; " if result.message else "") + \
                f"not read: {', '.join(shorten(p, 40) for p in skipped)}"
        return result

    def _check_relation(self, row: Row, relation: Relation) -> LineResult:
        if not relation.continued and relation.parts:
            self._last_side = relation.parts[-1]
        relation = self._with_bare_target(relation)
        self._gap = relation.gap
        from .problems import FreeProblem

        if isinstance(self.problem, FreeProblem):
            self._learn_index_rule(relation, row.line)  # J_ij = p_i(δ_ij − p_j), for the lines below
        general = self._general(row, relation)
        if general is not None:
            return general

        if isinstance(self.problem, FreeProblem) and len(relation.parts) == 2 and not relation.continued \
                and isinstance(relation.parts[0].node, Name) and not relation.parts[1].number \
                and any(isinstance(n, Name) and not self._resolve(n.name) and n.name not in {"e", "pi"}
                        for n in iter_nodes(relation.parts[1].node)):
            # "with p = sigma(z)": a name made a function of a free variable, for the identities below
            definition = self._symbolic_definition(row, relation)
            if definition is not None:
                return definition
        if isinstance(self.problem, FreeProblem):
            relation = self._with_softmax_values(relation)
            self._definition_in_chain(relation)
            ruled = self._with_index_rule(row, relation)
            step = self._with_descent_step(relation) if ruled is None else None
            if step is not None:
                ruled = (step, None)
            if ruled is not None:  # J12 = p1·p2 after J_ij = p_i(δ_ij − p_j); w2 = w1 - lr L'(w1)
                result = self._numbers_on_their_own(row, ruled[0])
                if result is not None and result.verdict in MISTAKES:
                    result.message += f" (by the writer's rule of line {ruled[1]})" if ruled[1] else \
                        " (a step of gradient descent goes against the gradient)"
                    self._define_by_sides(relation)  # later lines carry the writer's figure, not the rule's
                if result is not None:
                    return result
        if not relation.continued and (isinstance(self.problem, FreeProblem) or (
                self._own_number(relation) and (not hasattr(self.problem, "net")
                                                or self._bind_by_figure(relation.parts[0].node,
                                                                        list(relation.parts)) is None))):
            # (e_1 = (0.247)(0.477)(0.523) = 0.0616 in a network: a name for the quantity its figure is)
            numeric = self._numbers_on_their_own(row, relation)
            if numeric is not None:
                return numeric
        self._chain_quantities = []
        parts = list(relation.parts)
        notes = [note for part in parts for note in part.notes]
        previous_link = None
        if relation.continued and self._chain is not None:
            quantity, previous_part, previous_link = self._chain
            judged = parts
        else:
            if relation.continued or len(parts) < 2:
                self._chain = None
                if len(parts) < 2 and not relation.continued:
                    return LineResult(row.line, row.text, "correct", "no relation to check")
                # "    = (0.04 + 0.01 + 0.09) / 3" under a row of numbers: the chain goes on from the
                # last side of the row above
                previous, self._last_side = self._last_side, parts[-1]
                if previous is not None:
                    chain = Relation(row.text, (previous, *parts), ("=",) * len(parts))
                    judged = self._judge_chain(row, chain)
                    if judged is not None:
                        self._last_side = parts[-1]
                        return judged
                return LineResult(row.line, row.text, "unparsed",
                                  "a row starting with '=' but no chain above")
            self._last_side = parts[-1]
            head = parts[0]
            defined = self._define(head, parts)
            candidates = [defined] if defined is not None else self._head_candidates(head)
            if defined is None and isinstance(head.node, Name) and candidates \
                    and all(c.kind == "parameter" for c in candidates) \
                    and (self._says_updated(row) or _written_as_update(parts[1].node, candidates)):
                # "new: v11 = 0.72103", "更新后: w5 = ...": the plain name of an updated parameter
                candidates = self._resolve(head.node.name + "'") or candidates
            quantity = self._choose(candidates, parts[1:], head) if candidates else None
            if quantity is None and isinstance(head.node, Name | Partial):
                unknown = self._first_unresolved(row, [head])
                if unknown is not None:
                    symbolic = self._symbolic(row, relation)
                    if symbolic is None:
                        symbolic = self._judge_chain(row, relation)
                    return symbolic if symbolic is not None else unknown
            if quantity is None:
                quantity = self._expression_head(head)
            if quantity is None:
                symbolic = self._symbolic(row, relation)
                if symbolic is not None:
                    return symbolic
                problem = self._first_unresolved(row, parts)
                if problem is not None:
                    return problem
                quantity = self._numeric_head(head)
                if quantity is None:
                    return LineResult(row.line, row.text, "unparsed",
                                      "cannot tell which quantity the line is about")
            # a second forward pass: its names (h_1) stand for their values after the update
            self._updated_names = quantity is not None and quantity.kind in AFTER_UPDATE
            if quantity is not None and quantity.kind in AFTER_UPDATE and len(parts) > 2:
                # which weights were updated before the second pass is the writer's choice: the
                # chain is judged on its own numbers
                quantity = self._numeric_head(parts[1], names=True) or quantity
            previous_part = head
            judged = parts[1:]
            if quantity is not None and quantity.kind != "written" and head.node is not None:
                self._chain_quantities.append(quantity)
        self._row_parts, self._parts_cache = (quantity, parts), None
        links: list[tuple[Part, _Link]] = []
        for part in judged:
            link = self._judge(part, quantity, previous_part, previous_link)
            links.append((part, link))
            previous_part, previous_link = part, link
        self._chain = (quantity, previous_part, previous_link)
        return self._line_result(row, quantity, links, notes)

    def _numeric_head(self, head: Part, names: bool = False):
        """A numeric first part: the chain claims its value (with the numbers as written)."""
        from .problems import Quantity

        if _names(head.node) and not names:
            return None
        try:
            value = self.evaluator.value(head.node)
        except (_NotNumber, _Unresolved):
            return None
        carried_value = value
        for n in _numbers(head.node):
            if len(self._candidates(n)) > 1:
                break
        return Quantity(f"written:{node_text(head.node)}", node_text(head.node), carried_value, "written")

    def _choose(self, candidates: list, rest: list[Part], head: Part | None = None):
        if len(candidates) == 1 and not isinstance(getattr(head, "node", None), Name):
            return candidates[0]
        best, best_score = candidates[0], -1
        for candidate in candidates:
            score = 0
            for part in rest:
                try:
                    number = part.number
                    if number is not None:
                        score += _shows_written(Decimal(MP.nstr(candidate.value, 30)), number.source)
                    else:
                        score += _same(self.evaluator.value(part.node), candidate.value)
                except (_Unresolved, _NotNumber, TypeError):
                    continue
            if score > best_score:
                best, best_score = candidate, score
        last = rest[-1].number if rest else None
        written = _mp(last.value) if last is not None else None
        updated = any(record.key.startswith("updated:") for record in self.written)
        if best_score == 0 and written is not None and best.value is not None \
                and (updated or abs(best.value - written) > abs(best.value) / 100) \
                and isinstance(getattr(head, "node", None), Name) \
                and (head.node.name not in self.defined or head.node.name in self._net_inputs):
            # a second forward pass written with the plain names (after updated weights were written,
            # or with a figure more than 1 % from the value before): a figure within 1 % of the
            # value after the update and nearer to it
            lookup = getattr(self.problem, "after_update", None)
            name = self._net_inputs.get(head.node.name, head.node.name)  # the writer's z1: In_a1
            later = lookup(name) if lookup is not None else []
            after = [c for c in later if c.value is not None and abs(c.value - written) <= abs(c.value) / 100]
            if after and abs(after[0].value - written) < abs(best.value - written):
                return after[0]
        return best

    def _unknown_result(self, row: Row, name: str, position: int | None) -> LineResult:
        hint = _suggest(name, self.problem.known_names())
        suggestion = f"; did you mean {' or '.join(hint)}?" if hint else ""
        self._chain = None
        return LineResult(row.line, row.text, "unknown", f"unknown name '{name}'{suggestion}",
                          position=position)

    def _first_unresolved(self, row: Row, parts: list[Part]) -> LineResult | None:
        for part in parts:
            for n in iter_nodes(part.node):
                try:
                    if isinstance(n, Name):
                        self._lookup_name(n)
                    elif isinstance(n, Partial):
                        self._partial_quantity(n)
                except _Unresolved as error:
                    return self._unknown_result(row, error.name, error.position)
        return None

    # -- one link ------------------------------------------------------------------------
    def _line_result(self, row: Row, quantity, links: list[tuple[Part, _Link]],
                     notes: list[str]) -> LineResult:
        links = _right_figure_stands(quantity, links)
        worst = max(links, key=lambda pl: _SEVERITY[pl[1].verdict]) if links else None
        verdict = worst[1].verdict if worst else "correct"
        written = None
        last_part = links[-1][0] if links else None
        if last_part is not None and last_part.number is not None:
            written = last_part.number.source
        carried = sorted({line for _, link in links for line in link.carried}) if verdict != "correct" else []
        message = worst[1].message if worst else ""
        missing = re.search(r"the factors? (.+?) (?:is|are) missing", message) \
            if verdict == "formula" else None
        if missing is not None:
            # the same factor left out again (dE/dw3 after dE/dw1, both without h1(1 - h1)): the
            # mistake of the first line, repeated, is reported there once
            seen = self._missing_factors.setdefault(missing.group(1), row.line)
            if seen != row.line:
                verdict, carried = "rounding", [seen]
                message = f"the same mistake as line {seen}, repeated: {message}"
        if verdict == "correct":
            kept = [link.message for _, link in links if link.message]
            message = kept[-1] if kept else ""
            carried = []
        if notes:
            message = (message + "; " if message else "") + "; ".join(dict.fromkeys(notes))
        schedules = [s for _, link in links for s in link.schedules]
        exact = float(quantity.value) if quantity is not None and quantity.value is not None else None
        label = quantity.label if quantity is not None else None
        if quantity is not None and quantity.kind == "written":
            exact = None
            label = None
        # remember the writer's number for this quantity
        if written is not None and quantity is not None and quantity.kind != "written" \
                and verdict not in ("unknown", "unparsed", "too complex"):
            self.written.append(Written(row.line, quantity.key, quantity.label,
                                        _decimal_key(last_part.number.value), written,
                                        quantity.value, verdict in MISTAKES, quantity.structure))
        position = worst[1].position if worst and verdict not in ("correct", "rounding") else None
        return LineResult(row.line, row.text, verdict, message, label, written, exact, carried, schedules,
                          position, [(p.text, link.verdict) for p, link in links])




#: the figures of a line (unsigned)
_FIGURES = re.compile(r"(?<![\w.])\d*\.\d+|(?<![\w.])\d+(?![\w.])")


def _written_as_update(node, parameters: list) -> bool:
    """``w11 = 0.3 - 0.5*(-0.029381)``: a side that is the parameter's value plus or minus a step.

    >>> from types import SimpleNamespace
    >>> from .parse import parse_relation
    >>> side = parse_relation("w = 0.3 - 0.5*g").parts[1].node
    >>> _written_as_update(side, [SimpleNamespace(value=MP.mpf("0.3"))])
    True
    """
    if not (isinstance(node, BinOp) and node.op in "+-"):
        return False
    left, sign = (node.left.operand, -1) if isinstance(node.left, Neg) else (node.left, 1)
    if not isinstance(left, Num):
        return False
    start = sign * _mp(left.value)
    return any(q.value is not None and _same(start, q.value) for q in parameters)


def _message(error: ParseError) -> str:
    text = str(error)
    if error.position is not None and "position" not in text:
        text += f" (at position {error.position})"
    return text
