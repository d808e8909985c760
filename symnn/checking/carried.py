"""Numbers that stand for quantities: a written number is what it says, a quantity the writer
rounded to it, or a part of the formula expected there (``0.4378`` for ``1 - h1``)."""

from __future__ import annotations

import itertools
import math
from decimal import Decimal

from ..core.numbers import decimals_written, shows
from .evaluate import (
    _apply,
    _close,
    _decimal_key,
    _Link,
    _mp,
    _names,
    _NotNumber,
    _numbers,
    _rounds_to,
    _same,
    _significant,
    _Unresolved,
)
from .parse import (
    BinOp,
    Call,
    Neg,
    Num,
    Part,
    iter_nodes,
    node_text,
)
from .precision import MP
from .report import MISTAKES


class Carried:
    """Reading written numbers as the quantities they stand for (a part of :class:`Checker`)."""

    def _candidates(self, number: Num) -> list[tuple[object, list[int], str]]:
        """(value, lines, why) the number may stand for: itself, or a quantity the writer rounded to it."""
        # a written number is never negative in the tree (the sign is a Neg around it); a quantity
        # written -0.009 and used as "-0.009" stands here for -(exact value)
        out: list[tuple[object, list[int], str]] = [(number.value, [], "")]
        if id(number) in self._override:
            return out + self._override[id(number)]
        key = _decimal_key(number.value)
        seen = set()
        records = [r for r in reversed(self.written) if r.value == key] + \
            [r for r in reversed(self.written) if r.value == -key and key != 0]
        for record in records:
            if record.exact is None or record.key in seen:
                continue
            seen.add(record.key)
            exact = MP.mpf(record.exact) if not isinstance(record.exact, MP.mpf) else record.exact
            meant = exact if record.value > 0 else -exact
            if not _same(meant, number.value) and not any(_same(meant, v) for v, _, _ in out):
                out.append((meant, [record.line], record.label))
        pool = self._pool_for(number) if number.decimals >= 2 else []
        copied = self.mistaken_figures.get(abs(_decimal_key(number.value)))
        if copied is not None and not pool:
            # 0.59632699 for h1 = 0.59326999 on a line judged a mistake, copied again on a later line:
            # it may stand for a quantity within 1 % of it, carrying that mistake
            written = abs(_mp(number.value))
            near = sorted((q for q in self.problem.rounded_candidates() if q.value is not None
                           and not q.given and abs(abs(q.value) - written) <= written / 100),
                          key=lambda q: abs(abs(q.value) - written))
            for q in near[:3]:
                if not any(_same(abs(q.value), v) for v, _, _ in out):
                    out.append((abs(q.value), [copied], q.label))
        chain = [(q.key, abs(q.value), q.label) for q in self._chain_quantities
                 if q.value is not None and not q.given and _rounds_to(abs(q.value), number)]
        # the parts of what is expected: only for a number that stands for no quantity of its own
        parts = [(f"part:{label}:{lines}", size, str(label), lines)
                 for label, size, lines in self._row_expected()[0]
                 if _rounds_to(size, number)] if number.decimals >= 1 and len(out) == 1 and not pool \
            and not chain else []
        for key_, size, label, lines in [*((k, v, lab, []) for k, v, lab in [*chain, *pool]), *parts]:
            if key_ in seen or any(_same(size, v) for v, _, _ in out):
                continue
            seen.add(key_)
            out.append((size, lines, label))
        return out

    def _carried_target(self, quantity) -> tuple[object, list[int]] | None:
        """The value of ``quantity`` in a computation graph recomputed with the figures the writer
        got wrong on earlier lines (``w1*x1 = -6`` written for 6 carries into z, f and the
        gradients), and those lines; None when no such figure is part of it."""
        import sympy

        structure = getattr(quantity, "structure", None)
        if structure is None:
            return None
        if not hasattr(self.problem, "expr"):
            return self._carried_network_target(structure)
        swaps: dict = {}
        lines: list[int] = []
        for record in reversed(self.written):
            if record.mistake and record.structure is not None and record.structure not in swaps \
                    and not record.structure.is_Number:
                swaps[record.structure] = sympy.Rational(str(record.value))
                lines.append(record.line)
        if not swaps:
            return None
        changed = structure.subs(swaps)
        if changed == structure:
            return None
        try:
            value = self.problem._value(changed)
        except (TypeError, ValueError, ZeroDivisionError, OverflowError):
            return None
        return value, sorted(lines)

    def _carried_network_target(self, structure, rounded: bool = False, nudge: int = 0
                                ) -> tuple[object, list[int]] | None:
        """A network quantity (w6' = w6 - eta * dError/dw6) recomputed with the figures the writer gave
        its parts on earlier lines where those carry a mistake (dE/dw6 written with the wrong sign);
        with ``rounded``, with every figure the writer gave them (dE/dw8 written 0.0739 for 0.07384),
        each moved by ``nudge`` (-1, 0, 1) times half a unit of its last digit."""
        import re

        import sympy

        latest = {}
        for record in self.written:
            latest[record.key] = record
        swaps, lines = {}, []
        for symbol in structure.free_symbols:
            match = re.fullmatch(r"d(.+)/d(.+)", symbol.name)
            try:
                found = (self.problem.resolve_partial(*match.groups()) if match
                         else self.problem.resolve(symbol.name))
            except (AttributeError, TypeError, ValueError):
                found = []
            record = latest.get(found[0].key) if found else None
            if record is None and found and found[0].kind == "gradient":
                # dE/dw31 never written, but the delta of the unit it feeds is (dz3 = -0.0614):
                # the gradient is that delta times the weight's input
                through = self._through_delta(found[0].key.split(":", 1)[1], latest, rounded)
                if through is not None:
                    swaps[symbol], line = through
                    lines.append(line)
                continue
            if record is None or record.exact is None:
                continue
            carries = rounded or record.mistake \
                or any(r.mistake for r in self.written if r.line < record.line)
            if carries and (rounded or _off_exact(record)):
                half = sympy.Rational(5, 10 ** (decimals_written(record.source) + 1))
                swaps[symbol] = sympy.Rational(str(record.value)) + nudge * half
                lines.append(record.line)
        if not swaps:
            return None
        try:
            value = self.problem._value(structure.xreplace(swaps))
        except (TypeError, ValueError, ZeroDivisionError, OverflowError):
            return None
        return value, sorted(set(lines))

    def _from_written_net_input(self, quantity) -> tuple[object, int] | None:
        """A unit's value from the figure the writer wrote for its net input (``net_o1 = ... = 1.11 ->
        out_o1 = 0.752``: sigmoid(1.11), the net input rounded before the activation), and that line."""
        net = getattr(self.problem, "net", None)
        if net is None or getattr(quantity, "kind", None) != "unit" or not quantity.key.startswith("unit:"):
            return None
        unit = quantity.key[len("unit:"):]
        record = next((r for r in reversed(self.written) if r.key == f"pre:{unit}"), None)
        if record is None:
            return None
        try:
            expr = net.activation_expr(unit).xreplace({net.preactivation_symbol(unit): record.value})
            value = self.problem._value(expr)
        except (TypeError, ValueError, ZeroDivisionError, OverflowError, AttributeError):
            return None
        return value, record.line

    def _through_delta(self, parameter: str, latest: dict, rounded: bool):
        """The gradient of ``parameter`` from the figure the writer gave the delta of the unit it feeds
        (times its input, for a weight), and that figure's line; None when there is none to use."""
        import sympy

        net = self.problem.net
        for unit in net.units:
            sources = [s for s, p in net.incoming(unit) if p == parameter]
            if not sources and net.bias_of(unit) != parameter:
                continue
            record = latest.get(f"delta:{unit}")
            if record is None or record.exact is None or not (rounded or _carries(record)):
                return None
            factor = sympy.Integer(1)
            if sources:
                source = sources[0]
                kind = "input" if source in net.inputs else "unit"
                quantity = self.problem._quantity(kind, source)
                written = latest.get(quantity.key) if quantity is not None else None
                factor = sympy.Rational(str(written.value)) if written is not None \
                    else sympy.Float(MP.nstr(quantity.value, 40), 40)
            return sympy.Rational(str(record.value)) * factor, record.line
        return None

    def _stands_for_something(self, number: Num) -> bool:
        """Whether a written number is a given of the problem, or may stand for a quantity of it (or a
        part of the formula expected) rounded: 0.9 written for h1 = 0.562 stands for nothing."""
        value = abs(_mp(number.value))
        givens = getattr(self.problem, "values", {}).values()
        return number.decimals == 0 or any(_same(value, abs(_mp(g))) for g in givens) \
            or len(self._candidates(number)) > 1

    def _pool_for(self, number: Num) -> list[tuple[str, object, str]]:
        """The problem's quantities whose size rounds to ``number`` (cached per written text)."""
        cache = self.__dict__.setdefault("_pool_cache", {})
        if number.source not in cache:
            cache[number.source] = [
                (q.key, abs(q.value), q.label) for q in self.problem.rounded_candidates()
                if q.value is not None and not q.given and _rounds_to(abs(q.value), number)]
            if not cache[number.source] and _significant(number) >= 3:
                # a figure the writer computed from rounded numbers may be one unit off in its last
                # digit (0.0739 for 0.0738447, from 0.1492 * 0.495)
                unit = MP.mpf(10) ** -number.decimals
                written = abs(_mp(number.value))
                cache[number.source] = [
                    (q.key, abs(q.value), q.label) for q in self.problem.rounded_candidates()
                    if q.value is not None and not q.given and 0 < abs(abs(q.value) - written) <= unit]
        return cache[number.source]

    def _carried_match(self, node, target) -> tuple[bool, list[int], list[str]] | None:
        """Whether reading some written numbers as the quantities they stand for gives ``target``
        (or what the row's own names give with the writer's numbers)."""
        found = self._consistent_match(node, target)
        if found is not None:
            return found
        # the row's other sides with the writer's numbers (never the side being judged itself)
        targets = [(target, [])] + [(v, lines) for side, v, lines in self._row_expected()[1]
                                    if side is not node]
        try:
            options = self._value_set(node) if len(_numbers(node)) <= 40 else {}
        except (_NotNumber, _Unresolved, OverflowError, TypeError, ZeroDivisionError, ValueError):
            return None
        for goal, goal_lines in targets:
            for value, lines, labels in options.values():
                if _same(value, goal):
                    return True, sorted({*lines, *goal_lines}), list(labels)
        return None

    def _consistent_match(self, node, target) -> tuple[bool, list[int], list[str]] | None:
        """Whether reading each distinct written number as one quantity it stands for gives ``target``."""
        numbers = _numbers(node)
        options = [self._candidates(n) for n in numbers]
        if all(len(o) == 1 for o in options):
            return None
        # first one meaning per distinct written number (0.48 twice is o1 twice), then per occurrence
        distinct: dict[str, list] = {}
        for n, o in zip(numbers, options, strict=True):
            distinct.setdefault(n.source, o)
        keys = list(distinct)
        index = [keys.index(n.source) for n in numbers]
        grouped = (tuple(choice[k] for k in index)
                   for choice in itertools.islice(itertools.product(*distinct.values()), 4096))
        total = math.prod(len(o) for o in options)
        single = itertools.product(*options) if total <= 4096 and len(keys) < len(numbers) else ()
        combos = itertools.chain(grouped, single)
        target_f = float(target)
        try:
            function = self.evaluator.float_function(node, numbers)
        except (_NotNumber, _Unresolved, OverflowError, TypeError, ValueError, ZeroDivisionError):
            return None
        floats = {id(choice): float(choice[0]) for o in options for choice in o}
        for combo in combos:
            try:
                v = function([floats[id(choice)] for choice in combo])
            except (_NotNumber, OverflowError, TypeError, ValueError, ZeroDivisionError):
                continue
            if isinstance(v, complex) or not _close(v, target_f):
                continue
            replace = {id(n): choice[0] for n, choice in zip(numbers, combo, strict=True)}
            exact = self.evaluator.value(node, replace)
            if _same(exact, target):
                lines = sorted({line for choice in combo for line in choice[1]})
                labels = [choice[2] for choice in combo if choice[2]]
                return True, lines, labels
        return None

    def _value_set(self, n, limit: int = 160) -> dict:
        """Every value ``n`` may have when each written number is read as any quantity it stands
        for: {key: (value, lines, labels)}, at most ``limit`` values per node."""
        if isinstance(n, Num):
            return {str(k): (_mp(v), tuple(lines), (label,) if label else ())
                    for k, (v, lines, label) in enumerate(self._candidates(n))}
        if isinstance(n, Neg):
            inner = self._value_set(n.operand, limit)
            return {k: (-v, lines, labels) for k, (v, lines, labels) in inner.items()}
        if isinstance(n, BinOp) and n.op in "+-*/":
            left, right = self._value_set(n.left, limit), self._value_set(n.right, limit)
            out: dict = {}
            for a, la, ba in left.values():
                for b, lb, bb in right.values():
                    if n.op == "+":
                        v = a + b
                    elif n.op == "-":
                        v = a - b
                    elif n.op == "*":
                        v = a * b
                    else:
                        if b == 0:
                            continue
                        v = a / b
                    out.setdefault(v, (v, la + lb, ba + bb))
                    if len(out) >= limit:
                        return out
            if not out:
                raise _NotNumber
            return out
        if isinstance(n, BinOp) and n.op == "^" and isinstance(n.right, Num) and n.right.decimals == 0 \
                and n.right.value <= 4:
            exponent = int(n.right.value)
            return {k: (v**exponent, lines, labels)
                    for k, (v, lines, labels) in self._value_set(n.left, limit).items()}
        if isinstance(n, Call) and len(n.args) == 1 and n.power is None \
                and self.problem.function(n.function) is None:
            out = {}
            for v, lines, labels in self._value_set(n.args[0], limit).values():
                try:
                    value = _mp(_apply(n.function, [v], MP))
                except _NotNumber:
                    continue
                out.setdefault(value, (value, lines, labels))
            if not out:
                raise _NotNumber
            return out
        value = _mp(self.evaluator.value(n))
        return {value: (value, (), ())}

    # -- checking one row ----------------------------------------------------------------
    def _row_expected(self) -> tuple[list, list]:
        """(expected parts, written targets) of the row being judged, worked out once when needed."""
        if self._parts_cache is None:
            if self._row_parts is None:
                return [], []
            quantity, parts = self._row_parts
            expected = self._parts_for(quantity, parts)
            self._parts_cache = (expected, self._written_targets)
        return self._parts_cache

    def _parts_for(self, quantity, parts: list[Part]) -> list[tuple[str, object, list[int]]]:
        """(label, size, lines) of the sub-expressions of what the row claims and of what it writes
        with names, with exact values and with the writer's own numbers (from ``lines``)."""
        from .parts import expected_parts

        out = [(label, size, []) for label, size in expected_parts(self.problem, quantity)] \
            if quantity is not None and quantity.kind != "written" else []
        self._written_targets = []
        saved = list(self._chain_quantities)
        for part in parts:
            if not _names(part.node):
                continue
            for node in iter_nodes(part.node):
                if isinstance(node, Num) or not _names(node):
                    continue
                for evaluator in (self.evaluator, self.written_evaluator):
                    self._used_lines = []
                    try:
                        value = _mp(evaluator.value(node))
                    except (_Unresolved, _NotNumber, OverflowError, ZeroDivisionError, ValueError, TypeError):
                        continue
                    if isinstance(value, MP.mpc):
                        continue
                    lines = sorted(set(self._used_lines)) if evaluator is self.written_evaluator else []
                    if evaluator is self.written_evaluator and not lines:
                        continue
                    out.append((node_text(node), abs(value), lines))
                    if node is part.node and lines:
                        self._written_targets.append((part.node, value, lines))
        self._chain_quantities = saved
        return out

    def _within_rounding(self, node, target, givens_exact: bool = False) -> bool:
        """Whether ``node`` is ``target`` up to the rounding of its own written numbers (half a unit each).

        With ``givens_exact``, a number that is one of the problem's given values exactly (a weight
        0.1 of the spec) is exact too: only the writer's own figures may be rounded.
        """
        base = self.evaluator.value(node)
        bound = MP.mpf(0)
        givens = {_mp(v) for v in getattr(self.problem, "values", {}).values()} if givens_exact else set()
        for n in _numbers(node):
            if n.decimals == 0 or abs(_mp(n.value)) in {abs(g) for g in givens}:
                continue  # whole numbers as written (1 - 0.48) are exact
            half = MP.mpf(5) / MP.mpf(10) ** (n.decimals + 1)
            try:
                moved = self.evaluator.value(node, {id(n): _mp(n.value) + half})
            except (_NotNumber, _Unresolved, ZeroDivisionError):
                return False
            bound += abs(moved - base)
        return abs(base - target) <= bound * MP.mpf("1.0001") + abs(target) * MP.mpf("1e-25")

    def _numbers_of_writers_figures(self, names_node, numbers_node, value) -> _Link | None:
        """``numbers_node`` (worth ``value``) is ``names_node`` with the writer's own figures for its
        names, where one of those figures carries an earlier mistake: up to the rounding of the
        writer's numbers only (the spec's own values are exact)."""
        self._used_lines = []
        try:
            expected = _mp(self.written_evaluator.value(names_node))
        except (_Unresolved, _NotNumber, OverflowError, ZeroDivisionError, ValueError, TypeError):
            return None
        used = sorted(set(self._used_lines))
        carrying = [r for r in self.written if r.line in used and _carries(r)]
        if not carrying or isinstance(expected, MP.mpc):
            return None
        try:
            close = _same(value, expected) or self._within_rounding(numbers_node, expected, givens_exact=True)
        except (_Unresolved, _NotNumber, OverflowError, ZeroDivisionError, ValueError, TypeError):
            return None
        if not close:
            return None
        return _Link("correct", f"with the writer's figures {_lines_text(used)}", used, value=value)

    def _written_reading(self, node, target) -> _Link | None:
        """A side whose names, read as the numbers the writer gave them after a mistake, give
        ``target`` up to the figures written (``f(1-f)`` with the writer's f)."""
        self._used_lines = []
        try:
            value = _mp(self.written_evaluator.value(node))
        except (_Unresolved, _NotNumber, OverflowError, ZeroDivisionError, ValueError, TypeError):
            return None
        used = sorted(set(self._used_lines))
        wrong = [r for r in self.written if r.mistake]
        figures = [len(r.value.as_tuple().digits) for r in self.written if r.line in used]
        if not used or not wrong or not figures or isinstance(value, MP.mpc) or not target:
            return None
        if abs(value - target) > abs(target) * MP.mpf(10) ** (1 - min(figures)):
            return None
        return _Link("correct", f"with the writer's figures {_lines_text(used)}", used, value=value)

    def _with_writers_figures(self, previous: Part, number: Num) -> _Link | None:
        """``df/dw1 = x1 * df/ds = 0.3932`` after a wrong df/ds: the figure is the side before it
        with the writer's own figures for its names, carrying their mistake."""
        if previous.number is not None or not _names(previous.node):
            return None
        self._used_lines = []
        try:
            value = _mp(self.written_evaluator.value(previous.node))
        except (_Unresolved, _NotNumber, OverflowError, ZeroDivisionError, ValueError, TypeError):
            return None
        used = sorted(set(self._used_lines))
        # figures that carry a mistake: wrong themselves, or right only given an earlier wrong one
        wrong = sorted(r.line for r in self.written if r.line in used and _carries(r))
        if not wrong or isinstance(value, MP.mpc):
            return None
        if not _shows_written(Decimal(MP.nstr(value, 30, min_fixed=-10**6, max_fixed=10**6)), number.source):
            return None
        return _Link("rounding", f"{number.source} is what the writer's figures {_lines_text(used)} give, "
                     f"carrying the mistake there", used, value=number.value)

    def _last_digit_of_figures(self, node, own, number: Num) -> bool:
        """Whether ``number`` is ``node``'s value with the writer's earlier figures for its names (``own``)
        off by one in its last digit at most, as far as half a unit of each of those figures reaches:
        ``δ_h2 a_1 = 0.024535`` with δ_h2 written 0.049020 (0.0490196 unrounded)."""
        from .chains import _half_unit, _rounded

        if not _rounded(number):
            return False
        self._used_records = {}
        bound = MP.mpf(0)
        try:
            base = _mp(self.written_evaluator.value(node))
            for key, record in list(self._used_records.items()):
                self._nudged = {key: MP.mpf(5) / MP.mpf(10) ** (decimals_written(record.source) + 1)}
                bound += abs(_mp(self.written_evaluator.value(node)) - base)
        except (_Unresolved, _NotNumber, OverflowError, ZeroDivisionError, ValueError, TypeError):
            return False
        finally:
            self._nudged = {}
        if isinstance(base, MP.mpc) or not _close(base, own):
            return False
        half = _half_unit(number)
        written = MP.mpf(number.value.numerator) / number.value.denominator
        return abs(base - written) <= min(bound + half, 2 * half) * MP.mpf("1.0001")

    def _last_digit(self, node, own, number: Num) -> bool:
        """Whether ``number`` is ``node``'s value off by one in its last digit, as rounded inputs allow."""
        from .chains import last_digit_rounding

        def evaluate(n, numbers):
            return self.evaluator.value(n, numbers)

        written = MP.mpf(number.value.numerator) / number.value.denominator
        try:
            return last_digit_rounding(evaluate, node, own, written, number, self.exact_numbers)
        except (_Unresolved, _NotNumber, OverflowError, ZeroDivisionError, ValueError, TypeError):
            return False


def _lines_text(lines: list[int], bare: bool = False) -> str:
    if not lines:
        return ""
    body = ("line " if len(lines) == 1 else "lines ") + ", ".join(str(n) for n in lines)
    return body if bare else f"(carried from {body})"


def _shows_written(value: Decimal, written: str) -> bool:
    """:func:`shows` at the digits written, scientific notation included: 1.23e3 is 3 significant
    figures (1234 shows as 1.23e3)."""
    if "e" in written.lower():
        mantissa, exponent = written.lower().split("e")
        return shows(value.scaleb(-int(exponent)), mantissa)
    return shows(value, written)


def _right_figure_stands(quantity, links: list) -> list:
    """A line whose final figure is the exact value at the digits written is never a mistake.

    The working before it may hold numbers the checker does not recognise (factors rounded at
    two decimals, a form it has no rule for): that is said in the message, not in the verdict.
    """
    if not links or quantity is None or quantity.kind == "written" or quantity.value is None:
        return links
    last_part, last_link = links[-1]
    if last_part.number is None or last_link.verdict != "correct":
        return links
    exact = Decimal(MP.nstr(quantity.value, 30, min_fixed=-10**6, max_fixed=10**6))
    if not _shows_written(exact, last_part.number.source):
        return links
    kept = []
    for part, link in links:
        if link.verdict in MISTAKES:
            note = (f"the final figure is {quantity.label} at the digits written; not recognised in the "
                    f"working: {link.message}")
            link = _Link("correct", note, link.carried, value=link.value)
        kept.append((part, link))
    return kept


def _off_exact(record) -> bool:
    """Whether the figure the writer gave a quantity is not its exact value at the digits written."""
    return record.exact is not None and not _shows_written(Decimal(repr(float(record.exact))), record.source)


def _carries(record) -> bool:
    """Whether a figure of the writer's carries a mistake: wrong itself, or off its exact value (right
    only given an earlier wrong figure)."""
    return record.mistake or _off_exact(record)
