"""Lines that are not a chain about one quantity: general rules with an index, identities and
definitions without a problem, numeric chains on their own, LaTeX beyond the grammar."""

from __future__ import annotations

import contextlib
import re
from decimal import Decimal

import sympy

from ..core.errors import ParseError
from ..core.functions import ACTIVATIONS
from ..core.numbers import shows
from .evaluate import (
    _Evaluator,
    _mp,
    _names,
    _NotNumber,
    _numbers,
    _Unresolved,
)
from .parse import (
    Call,
    Derivative,
    Name,
    Neg,
    Num,
    Part,
    Partial,
    Relation,
    iter_nodes,
    node_text,
)
from .precision import MP
from .report import (
    MISTAKES,
    LineResult,
)
from .report import figure_text as _fig
from .rows import Row
from .tokens import FUNCTION_LETTERS


class Rules:
    """Rules, identities, definitions and numeric chains (a part of :class:`Checker`)."""

    def _fallback(self, row: Row) -> LineResult | None:
        r"""Lines with ``\int``, ``\lim``, ``\binom`` ...: read by latex2sympy2-extended, then compared."""

        from ..core.equality import compare
        from .parse import parse_latex_fallback

        if "\\" not in row.text:
            return None
        try:
            exprs, _relations = parse_latex_fallback(row.text)
        except ParseError:
            return None
        if len(exprs) < 2:
            return None
        values = {}
        for symbol in set().union(*(e.free_symbols for e in exprs)):
            found = self.problem.resolve(symbol.name) if symbol.name != "e" else []
            if found and found[0].value is not None:
                values[symbol] = sympy.Float(MP.nstr(found[0].value, 40), 40)
        exprs = [e.xreplace(values) for e in exprs]
        written = re.search(r"(-?\d+(?:\.\d+)?)\s*\$*\s*$", row.text)
        verdict, message = "correct", "read with latex2sympy2-extended"
        for other in exprs[1:]:
            if other.is_Number and written is not None and exprs[0].is_number and other is exprs[-1]:
                value = sympy.N(exprs[0].doit(), 30)
                if value.is_real and shows(Decimal(str(value)), written.group(1)):
                    continue
                verdict = "arithmetic"
                message += f"; {written.group(1)} is not {_fig(float(value))} at the digits written"
                break
            outcome = compare(exprs[0], other)
            if not outcome.equal:
                verdict = "formula" if outcome.how != "undecided" else "too complex"
                message += f"; {sympy.sstr(other)[:60]} differs from {sympy.sstr(exprs[0])[:60]}"
                break
        return LineResult(row.line, row.text, verdict, message)

    # -- general rules with an index: w_i' = w_i - \eta \delta_i ------------------------------
    def _general(self, row: Row, relation: Relation) -> LineResult | None:
        """A rule with an index letter (i, j, k) is checked for every index the problem knows.

        A rule written without the index (``w' = w - eta * delta``) has it implied: a bare
        name the problem knows only with an index (w1, w2, ...) is read as ``w_i``.
        """
        bare = {n.name for part in relation.parts for n in iter_nodes(part.node)
                if isinstance(n, Name) and re.fullmatch(r"[A-Za-z]+'?", n.name)
                and not self.problem.resolve(n.name) and self.problem.resolve(n.name.rstrip("'") + "1")}
        if bare:
            relation = _renamed(relation, {name: f"{name.rstrip(chr(39))}_i{chr(39) * name.endswith(chr(39))}"
                                           for name in bare})
        indexed = {n.name for part in relation.parts for n in iter_nodes(part.node)
                   if isinstance(n, Name) and _INDEXED.match(n.name)}
        if not indexed or relation.continued or len(relation.parts) < 2:
            return None
        if any(isinstance(n, Num) and n.decimals > 0
               for part in relation.parts for n in iter_nodes(part.node)):
            return None
        letters = {_INDEXED.match(name).group(2) for name in indexed}
        if len(letters) != 1:
            return None
        held, failed = [], []
        saved = (list(self.written), self._chain)
        for k in range(0, 33):
            instance = _instance(relation, next(iter(letters)), str(k))
            if not all(self._resolve(n.name) for part in instance.parts for n in iter_nodes(part.node)
                       if isinstance(n, Name)):
                continue
            result = self._check_relation(Row(row.line, row.text), instance)
            (held if result.verdict == "correct" else failed).append((k, result))
        self.written, self._chain = saved
        self._chain = None
        if not held and not failed:
            return None
        letter = next(iter(letters))
        if failed:
            k, result = failed[0]
            if bare:
                # the index was read into a rule written without one (delta = (o - y) o(1 - o)): the
                # reading may be wrong, so a failure is not the writer's mistake
                return LineResult(row.line, row.text, "unknown", f"read as a rule for every {letter}, it "
                                  f"fails for {letter} = {k}; write the index to have it checked",
                                  quantity=node_text(relation.parts[0].node))
            return LineResult(row.line, row.text, result.verdict,
                              f"fails for {letter} = {k}: {result.message}",
                              quantity=node_text(relation.parts[0].node))
        numbers = [k for k, _ in held]
        return LineResult(row.line, row.text, "correct",
                          f"holds for {letter} = {', '.join(map(str, numbers))}",
                          quantity=node_text(relation.parts[0].node))

    # -- symbolic identities -------------------------------------------------------------
    def _judge_chain(self, row: Row, relation: Relation, label: bool = False,
                     givens_first: bool = True) -> LineResult | None:
        from .chains import judge_chain

        def evaluate(node, numbers):
            return _mp(self.evaluator.value(node, numbers))

        carried = None
        if self.figures or self.written:
            figures = _Evaluator(self._lookup_name, self._lookup_partial, self._lookup_function, self.figures)

            exact_of = {str(value): exact for value, exact in self.figure_values}

            def carried(node):
                # a figure inside an expression stands for what it was written for; a figure alone
                # is the writer's claim and stays as written
                alone = isinstance(node, Num) or (isinstance(node, Neg) and isinstance(node.operand, Num))
                numbers = {} if alone else {id(n): exact_of[str(_mp(n.value))] for n in _numbers(node)
                                            if str(_mp(n.value)) in exact_of}
                # figures stand for the expressions inside a side, not for the side itself
                figures.replace_text = {k: v for k, v in self.figures.items() if k != node_text(node)}
                out = [_mp(figures.value(node))]
                if numbers:
                    out.append(_mp(self.evaluator.value(node, numbers)))
                with contextlib.suppress(*errors):  # names read as the writer's own figures for them
                    out.append(_mp(self.written_evaluator.value(node)))
                return out

        errors = (_Unresolved, _NotNumber, OverflowError, ZeroDivisionError, ValueError, TypeError)
        result = judge_chain(self, row, relation, evaluate, errors, label=label, carried=carried,
                             givens_first=givens_first)
        # the writer's figure for an expression (sigma(1) = 0.7301) stands for it on the lines below
        head, last = relation.parts[0], relation.parts[-1].number
        if result is not None and last is not None and not isinstance(head.node, Name) \
                and len(relation.parts) > 1:
            self.figures[node_text(head.node)] = _mp(last.value)
            with contextlib.suppress(*errors):
                self.figure_values.append((_mp(last.value), _mp(self.evaluator.value(head.node))))
        return result

    def _numbers_on_their_own(self, row: Row, relation: Relation) -> LineResult | None:
        """Without a problem: a chain with written decimals is judged at the digits written, and
        ``x = 0.5`` gives x a value for the lines below."""
        if any(isinstance(n, Call) and n.function.endswith("'") and n.function.rstrip("'") in self.symbolic
               for part in relation.parts for n in iter_nodes(part.node)):
            # L'(w1) = 2(0.6 - 3) = -4.8 after L(w) = (w - 3)^2 and w1 = 0.6: L'(w1) is a number
            relation = self._with_definitions(relation)
        parts = relation.parts
        free = [n for part in parts[1:] for n in iter_nodes(part.node)
                if isinstance(n, Name) and not self._resolve(n.name) and n.name not in {"e", "pi"}]
        if not any(isinstance(n, Num) and n.decimals > 0 for part in parts for n in iter_nodes(part.node)) \
                and (free or (not isinstance(parts[0].node, Name) and _names(parts[0].node))):
            return None
        head = parts[0].node
        rule = self._defined_rule(row, relation)
        if rule is not None and rule.verdict != "correct":
            return rule  # dL/dz = y - p = 1 - 0.525 = 0.475: the rule is wrong, whatever the numbers
        named = isinstance(head, Name) and not self.problem.resolve(head.name) \
            and head.name not in {"pi", "e"}
        # L'(w1), put in as the number it is, is a side to judge, not a name the line gives
        slope = named and head.name in self.defined and self.defined[head.name][0].key.startswith("slope:")
        result = self._judge_chain(row, relation, label=named and not slope)
        if slope:
            return result
        if rule is not None and result is not None and result.verdict == "correct":
            result.message = rule.message
        if named and len(parts) == 2 and parts[1].number is not None:
            self.exact_numbers.add(abs(parts[1].number.value))  # data: exact where written again
            self.figure_names[head.name] = parts[1].number  # but p1 = 0.2312 may be a rounded result
            self.scalar_data[head.name] = parts[1].number
        value = self._define_by_sides(relation, row.line) if named and len(parts) >= 2 else None
        if value is not None and result is None:
            result = LineResult(row.line, row.text, "correct", f"{head.name} is given the value "
                                f"{_fig(float(value))}", quantity=head.name)
        return result

    def _define_by_sides(self, relation: Relation, line: int | None = None):
        """The first side after the name that has a value gives the name that value; the value, or None."""
        from .problems import Quantity

        head, parts = relation.parts[0].node, relation.parts
        for part in parts[1:]:
            try:
                value = _mp(self.evaluator.value(part.node))
            except (_Unresolved, _NotNumber, OverflowError, ZeroDivisionError, ValueError, TypeError):
                continue
            quantity = Quantity(f"defined:{head.name}", head.name, value, "defined")
            self._through_figure(head.name, parts[1].node)
            self.defined[head.name] = (quantity, None)
            if line is not None:
                self.defined_lines[head.name] = line
            return value
        return None

    def _defined_rule(self, row: Row, relation: Relation) -> LineResult | None:
        """The first link of ``dL/dz = y - p = 1 - 0.525 = 0.475`` when the writer's definitions give
        dL/dz (L of p, p of z): an identity, checked before the numbers."""
        from .identities import check_identity

        head = relation.parts[0].node
        if len(relation.parts) < 3 or not isinstance(head, Partial) or not isinstance(head.numerator, Name) \
                or not isinstance(head.denominator, Name) or head.numerator.name not in self.symbolic \
                or self.symbolic[head.numerator.name][0] is not None \
                or not self._depends(head.numerator.name, head.denominator.name) \
                or any(isinstance(n, Num) for n in iter_nodes(relation.parts[1].node)):
            return None
        rule = self._with_definitions(Relation(relation.text, relation.parts[:2], relation.relations[:1]))
        # the names of the rule are variables here, not the numbers given to them
        verdict, message = check_identity(rule, self._context(row))
        if verdict not in ("correct", "formula"):
            return None
        said = f"{node_text(head)} = {node_text(relation.parts[1].node)}"
        return LineResult(row.line, row.text, verdict, f"{said}: {message}", quantity=node_text(head))

    def _through_figure(self, name: str, node) -> None:
        """``p = sigma(0.1)`` just after ``z = ... = 0.1``: p is sigma of z, for the identities below
        (dL/dz through L of p). The figure must be the last one written for a name (the latest
        wins where two names share it), and the function one of the catalogue."""
        if name in self.symbolic or not isinstance(node, Call) or len(node.args) != 1 \
                or node.power is not None or node.function not in {*ACTIVATIONS, "exp", "log", "tanh"}:
            return
        argument = node.args[0]
        if not isinstance(argument, Num):
            return
        target = _mp(argument.value)
        same = [(line, other) for other, line in self.defined_lines.items()
                if other != name and self.defined[other][0].value == target]
        if same:
            variable = max(same)[1]
            self.symbolic[name] = (None, Call(node.function, (Name(variable, argument.position),),
                                              node.position, None))

    def _symbolic(self, row: Row, relation: Relation) -> LineResult | None:
        """Lines with free variables (``f'(x) = f(x)(1 - f(x))``): checked as identities."""
        from .problems import FreeProblem

        parts = relation.parts
        unresolved = []
        for part in parts:
            for n in iter_nodes(part.node):
                if isinstance(n, Name) and not self._resolve(n.name) and n.name not in {"e", "pi"}:
                    unresolved.append(n)
                if isinstance(n, Call) and n.function.rstrip("'") in FUNCTION_LETTERS \
                        and self.problem.function(n.function) is None:
                    unresolved.append(n)
                if isinstance(n, Derivative | Partial):
                    unresolved.append(n)
        if not unresolved and not isinstance(self.problem, FreeProblem):
            return None
        if any(isinstance(n, Num) and n.decimals > 0 for part in parts for n in iter_nodes(part.node)) \
                and not isinstance(self.problem, FreeProblem):
            return self._symbolic_then_numbers(row, relation, unresolved)
        if not isinstance(self.problem, FreeProblem):
            # only free one-letter variables make an identity; other names are unknown
            for n in unresolved:
                if isinstance(n, Name) and not re.fullmatch(r"[a-z]|[a-z]\d+|yhat\d+|z\d+", n.name):
                    return None
        from .identities import check_identity

        if isinstance(self.problem, FreeProblem):
            definition = self._symbolic_definition(row, relation)
            if definition is not None:
                return definition
            relation = self._with_definitions(relation)
            names = [n for part in relation.parts for n in iter_nodes(part.node) if isinstance(n, Name)]
            if names and all(self._resolve(n.name) for n in names):
                # L(w1) = 5.76 with w1 = 0.6 given above: the writer's function at a number
                judged = self._judge_chain(row, relation)
                if judged is not None:
                    return judged
            indexed = self._softmax_indices(row, relation)
            if indexed is not None:
                return indexed
            cross_entropy = self._softmax_cross_entropy(row, relation)
            if cross_entropy is not None:
                return cross_entropy
        head = relation.parts[0].node
        if len(relation.parts) > 2 and isinstance(head, Name) and not self._resolve(head.name) \
                and not any(isinstance(n, Name) and n.name == head.name
                            for part in relation.parts[1:] for n in iter_nodes(part.node)):
            # w_{k+1} := w_k - η L'(w_k) = w_k - 0.3(w_k - 2): the name is defined, the rest is the claim
            relation = Relation(relation.text, relation.parts[1:], relation.relations[1:], False)
        verdict, message = check_identity(relation, self._context(row))
        if verdict in MISTAKES and self.scalar_data:
            # w_{k+1} = w_k - η·L'(w_k) = w_k - 0.3(w_k - 2) with η = 0.15 given: true for the η given
            given = {n.name for part in relation.parts for n in iter_nodes(part.node)
                     if isinstance(n, Name) and n.name in self.scalar_data}
            if given:
                at = _rewrite(relation, lambda n: self.scalar_data[n.name] if n.name in given else None)
                if check_identity(at, self._context(row))[0] == "correct":
                    verdict, message = "correct", "holds with " + ", ".join(
                        f"{name} = {self.scalar_data[name].source}" for name in sorted(given)) + " as given"
        if verdict is None:
            return None
        self._chain = None
        sequence = self._sequence_name(relation)
        if verdict in MISTAKES and sequence is not None:
            # w_k - 3 = -3 * 0.8^k after w_{k+1} = w_k - 0.2(w_k - 3): a closed form of a sequence the
            # solution defines step by step; as an identity in free variables it would be "false"
            return LineResult(row.line, row.text, "unknown", f"{sequence} is a sequence defined step by "
                              "step above; a closed form for it is not checked",
                              quantity=node_text(parts[0].node))
        return LineResult(row.line, row.text, verdict, message, quantity=node_text(parts[0].node),
                          links=[(p.text, verdict) for p in parts[1:]])

    def _symbolic_then_numbers(self, row: Row, relation: Relation, unresolved: list) -> LineResult | None:
        """``d(1/x)/dx = 1/x^2 = 1/1.37^2 = 0.53``: a rule for a local variable of a gate, then the
        rule at a number. The sides with the variable are checked as an identity, the sides after
        them as arithmetic."""
        from .identities import check_identity

        parts = relation.parts
        names = [n for n in unresolved if isinstance(n, Name)]
        if not names or any(not re.fullmatch(r"[a-z]", n.name) for n in names):
            return None
        ids = {id(n) for n in unresolved}
        last = max(k for k, part in enumerate(parts) if any(id(n) in ids for n in iter_nodes(part.node)))
        tail = parts[last + 1:]
        if not tail or any(isinstance(n, Name | Call | Derivative | Partial)
                           for part in tail for n in iter_nodes(part.node)):
            return None
        results = []
        if last >= 1:
            verdict, message = check_identity(Relation(row.text, parts[:last + 1], relation.relations[:last]),
                                              self._context(row))
            if verdict is None:
                return None
            results.append((verdict, message))
        if len(tail) >= 2:
            judged = self._judge_chain(row, Relation(row.text, tail, relation.relations[last + 1:]))
            if judged is None:
                return None
            results.append((judged.verdict, judged.message))
        if not results:
            return None
        verdict, message = next((r for r in results if r[0] != "correct"), results[0])
        self._chain = None
        return LineResult(row.line, row.text, verdict, message, quantity=node_text(parts[0].node))

    def _conditional(self, row: Row, relation: Relation) -> LineResult | None:
        """``ReLU'(x) = 1 for x > 0``: a claim about a free variable checked only where its
        condition holds (at three points on that side of the bound)."""
        from .identities import check_identity
        from .parse import parse_relation

        letter, op, bound = row.condition  # the condition makes the letter a variable here
        sign = 1 if op in (">", ">=", "≥") else -1
        verdicts = []
        for step in ("0.37", "1.9", "5.3"):
            value = MP.mpf(bound) + sign * MP.mpf(step)
            number = parse_relation(MP.nstr(abs(value), 12)).parts[0].node
            node = number if value >= 0 else Neg(number, number.position)
            instance = _rewrite(relation, lambda n, node=node: node if n.name == letter else None)
            verdict, message = check_identity(instance, self._context(row))
            if verdict is None:
                return None
            verdicts.append((verdict, message, MP.nstr(value, 6)))
        wrong = [v for v in verdicts if v[0] != "correct"]
        self._chain = None
        where = f"for {letter} {op} {bound}"
        if wrong:
            verdict, message, at = wrong[0]
            verdict = "formula" if verdict in ("arithmetic", "rounding") else verdict  # a rule, not a figure
            return LineResult(row.line, row.text, verdict, f"{message} {where} (at {letter} = {at})",
                              quantity=node_text(relation.parts[0].node))
        return LineResult(row.line, row.text, "correct", f"holds {where} (checked at "
                          f"{', '.join(v[2] for v in verdicts)})", quantity=node_text(relation.parts[0].node))

    def _sequence_name(self, relation: Relation) -> str | None:
        """A name ``w_k`` (an index letter) of the relation whose sequence the solution defines
        (``w_{k+1} = ...``) or gives terms of (``w_1 = 0.6``), or None."""
        for part in relation.parts:
            for n in iter_nodes(part.node):
                match = isinstance(n, Name) and _INDEXED.match(n.name)
                if not match:
                    continue
                stem = match.group(1)
                if any(re.fullmatch(rf"{re.escape(stem)}_?[a-z]?\+?\d*", name) for name in self.symbolic) \
                        or self._resolve(f"{stem}1"):
                    return n.name
        return None

    def _symbolic_definition(self, row: Row, relation: Relation) -> LineResult | None:
        """``a = tanh(x)``, ``f(x) = sigma(x^2)``: a name for an expression, kept for the lines below."""
        parts = relation.parts
        if len(parts) != 2 or relation.continued:
            return None
        head, body = parts[0].node, parts[1].node
        used = {n.name for n in iter_nodes(body) if isinstance(n, Name)} | \
            {n.function.rstrip("'") for n in iter_nodes(body) if isinstance(n, Call)}
        free = [n for n in iter_nodes(body) if isinstance(n, Name) and n.name not in {"e", "pi"}
                and not self._resolve(n.name) and n.name not in self.symbolic]
        if isinstance(head, Name) and head.name not in {"e", "pi"} and head.name not in used \
                and (not self._resolve(head.name) or free) and _names(body):
            # (a name given a number earlier may be made a function of a free variable: "with
            # p = sigma(z)" after "p = 0.8"; the numbers stay for the numeric lines)
            self.symbolic[head.name] = (None, body)
        elif isinstance(head, Call) and head.function in FUNCTION_LETTERS and len(head.args) == 1 \
                and isinstance(head.args[0], Name) and head.function not in used \
                and not (head.function in self.symbolic and self._resolve(head.args[0].name)):
            self.symbolic[head.function] = (head.args[0].name, body)
        else:
            return None
        self._chain = None
        return LineResult(row.line, row.text, "correct", f"a definition of {node_text(head)}",
                          quantity=node_text(head))

    def _definition_in_chain(self, relation: Relation) -> None:
        """``L = -[y ln ŷ + (1-y) ln(1-ŷ)] = -ln(0.524979) = 0.644397``: the formula written for the loss,
        before its numbers, defines it for the lines below (dL/dz is then the derivative of it)."""
        parts = relation.parts
        if relation.continued or len(parts) < 3 or not isinstance(parts[0].node, Name) \
                or parts[0].node.name not in _LOSS_NAMES:
            return
        head, body = parts[0].node, parts[1].node
        if head.name in self.symbolic or self._resolve(head.name) or head.name in {"e", "pi"} \
                or not _names(body) or any(isinstance(n, Num) and n.decimals > 0 for n in iter_nodes(body)) \
                or head.name in {n.name for n in iter_nodes(body) if isinstance(n, Name)} \
                or not any(p.number is not None for p in parts[2:]):
            return
        self.symbolic[head.name] = (None, body)

    def _with_definitions(self, relation: Relation) -> Relation:
        """``relation`` with the writer's definitions put in (``f'(x)`` becomes d/dx of f's body)."""
        if not self.symbolic:
            return relation

        def put(node):
            if isinstance(node, Derivative):  # its variable stays the name it is written with
                inner = _rewrite(Relation("", (Part("", 0, node.operand),)), put,
                                 kinds=(Name, Call, Partial, Derivative)).parts[0].node
                return Derivative(inner, node.variable, node.position)
            if isinstance(node, Name) and self._label_value(node) is not None:
                return self._label_value(node)
            if isinstance(node, Name) and node.name in self.symbolic and self.symbolic[node.name][0] is None:
                return self.symbolic[node.name][1]
            if isinstance(node, Partial) and isinstance(node.numerator, Name) \
                    and isinstance(node.denominator, Name) and node.numerator.name in self.symbolic \
                    and self.symbolic[node.numerator.name][0] is None \
                    and self._depends(node.numerator.name, node.denominator.name):
                # dL/dyhat1 after L = -log(yhat1): the derivative of the writer's definition
                return Derivative(self.symbolic[node.numerator.name][1], node.denominator, node.position)
            if isinstance(node, Partial) and isinstance(node.numerator, Name) \
                    and isinstance(node.denominator, Name) and node.numerator.name in self.symbolic \
                    and self.symbolic[node.numerator.name][0] == node.denominator.name:
                # dL/dw after L(w) = (w - 2)^2 + 1
                return Derivative(self.symbolic[node.numerator.name][1], node.denominator, node.position)
            if isinstance(node, Partial) and isinstance(node.numerator, Name) \
                    and node.numerator.name in self.symbolic:
                return node  # dL/dw1 where L does not depend on w1 through the definitions: kept as written
            if isinstance(node, Call) and node.function.rstrip("'") in self.symbolic and len(node.args) == 1:
                variable, body = self.symbolic[node.function.rstrip("'")]
                if variable is None:
                    return None
                primes = len(node.function) - len(node.function.rstrip("'"))
                argument = node.args[0]
                if primes == 0:
                    return _rewrite(Relation("", (Part("", 0, body),)),
                                    lambda n: argument if n.name == variable else None).parts[0].node
                if primes == 1 and isinstance(argument, Name):
                    at = self._derivative_at(node.function.rstrip("'"), argument)
                    if at is not None:  # L'(w1) with w1 = 4.1 written above: a number
                        return at
                    inner = _rewrite(Relation("", (Part("", 0, body),)),
                                     lambda n: argument if n.name == variable else None).parts[0].node
                    return Derivative(inner, argument, node.position)
            return None

        # definitions may use each other (L of p, p of z): put them in until nothing changes
        for _ in range(len(self.symbolic) + 1):
            rewritten = _rewrite(relation, put, kinds=(Name, Call, Partial, Derivative))
            if rewritten == relation:
                break
            relation = rewritten
        return relation

    def _depends(self, name: str, variable: str, depth: int = 0) -> bool:
        """Whether the writer's definition of ``name`` depends on ``variable``, through their other
        definitions (dL/dz needs L of p and p of z; without p of z it is not 0, it is unknown)."""
        if depth > len(self.symbolic):
            return False
        body = self.symbolic[name][1]
        for n in iter_nodes(body):
            if isinstance(n, Name) and n.name == variable:
                return True
            if isinstance(n, Name) and n.name in self.symbolic and self.symbolic[n.name][0] is None \
                    and self._depends(n.name, variable, depth + 1):
                return True
        from .identities import SOFTMAX_OUTPUT

        # yhat1 is the softmax of z1..zn without a definition of the writer's
        return any(isinstance(n, Name) and SOFTMAX_OUTPUT.fullmatch(n.name) for n in iter_nodes(body)) \
            and re.fullmatch(r"z_?\d+", variable) is not None

    def _context(self, row: Row) -> str:
        """Words near the row (the line itself and the three lines above) that name an activation."""
        lines = self.context_text.split("\n")
        window = "\n".join(lines[max(0, row.line - 4):row.line])
        return _context_words(window + "\n" + row.text)

    # -- the line's verdict --------------------------------------------------------------

_INDEXED = re.compile(r"^([A-Za-z]+)_([ijk])('?)$")
#: names a loss goes by
_LOSS_NAMES = {"L", "E", "J", "Loss", "loss", "CE"}


def _renamed(relation: Relation, names: dict[str, str]) -> Relation:
    """``relation`` with the names in ``names`` renamed."""
    return _rewrite(relation, lambda node: Name(names.get(node.name, node.name), node.position))


def _instance(relation: Relation, letter: str, value: str) -> Relation:
    """``relation`` with every name indexed by ``letter`` given the index ``value``."""

    def name(node):
        match = _INDEXED.match(node.name)
        if match and match.group(2) == letter:
            return Name(f"{match.group(1)}{value}{match.group(3)}", node.position)
        return node

    return _rewrite(relation, name)


def _rewrite(relation: Relation, name, kinds: tuple = (Name,)) -> Relation:
    """``relation`` with every node of ``kinds`` (Name) replaced by ``name(node)`` (None: kept)."""
    from dataclasses import fields, replace

    def rename(node):
        if isinstance(node, kinds):
            new = name(node)
            if new is not None:
                return new
        if not hasattr(node, "__dataclass_fields__"):
            return node
        changes = {}
        for f in fields(node):
            item = getattr(node, f.name)
            if isinstance(item, tuple):
                changes[f.name] = tuple(tuple(rename(x) for x in i) if isinstance(i, tuple) else rename(i)
                                        for i in item)
            elif hasattr(item, "__dataclass_fields__"):
                changes[f.name] = rename(item)
        return replace(node, **changes)

    parts = tuple(replace(part, node=rename(part.node)) for part in relation.parts)
    return replace(relation, parts=parts)




def _context_words(text: str) -> str:
    """Words outside math that name an activation of the catalogue ("for the sigmoid"), for identities
    with f: the catalogue's names and aliases, as canonical names."""
    from ..core.functions import ACTIVATION_ALIASES

    table = {**{name: name for name in ACTIVATIONS}, **ACTIVATION_ALIASES}
    pattern = "|".join(re.escape(word) for word in sorted(table, key=len, reverse=True))
    words = re.findall(rf"(?<![a-z])(?:{pattern})(?![a-z])", text.lower())
    return " ".join(dict.fromkeys(table[w] for w in words))

