"""Judging one link of a chain: a side against the quantity the chain is about, or a written figure
against the side before it (exact, rounded, carrying an earlier mistake, or a real mistake)."""

from __future__ import annotations

import re

from ..core.errors import nearest_names
from ..core.numbers import rounded_text
from .carried import _lines_text, _shows_written
from .evaluate import (
    _decimal,
    _decimal_key,
    _Link,
    _mp,
    _names,
    _NotNumber,
    _numbers,
    _same,
    _significant,
    _Unresolved,
)
from .parse import (
    Name,
    Num,
    Part,
    Partial,
)
from .precision import MP
from .report import figure_text as _fig
from .report import (
    shorten,
)
from .rounding import search_schedules

__all__ = ["Links"]


class Links:
    """The verdict on each link of a chain (a part of :class:`Checker`)."""

    def _judge(self, part: Part, quantity, previous: Part, previous_link: _Link | None) -> _Link:
        target = quantity.value
        number = part.number
        if number is not None:
            return self._judge_number(number, quantity, previous, previous_link)
        try:
            value = self.evaluator.value(part.node)
        except _Unresolved as error:
            known = self.problem.known_names()
            hint = _suggest(error.name, known)
            suggestion = f"; did you mean {' or '.join(hint)}?" if hint else ""
            return _Link("unknown", f"unknown name '{error.name}'{suggestion}", position=error.position)
        except (_NotNumber, OverflowError, ZeroDivisionError, ValueError, TypeError):
            return _Link("formula", f"{shorten(part.text, 60)} has no value here", position=part.start)
        if target is None or _same(value, target):
            return _Link("correct", value=value)
        carried = self._carried_match(part.node, target)
        if carried is not None:
            _, lines, labels = carried
            where = _lines_text(lines)
            why = f"with the rounded values of {', '.join(dict.fromkeys(labels))}" if labels else ""
            message = " ".join(x for x in (why, where) if x)
            return _Link("correct", message, lines, value=value)
        if target is not None and not quantity.given and quantity.kind != "written" and _numbers(part.node) \
                and all(self._stands_for_something(n) for n in _numbers(part.node)) \
                and self._within_rounding(part.node, target, givens_exact=True):
            # (0.247*0.477*0.523*0.1 + ...) * 0.562*0.438: each figure a quantity of the problem (or a
            # part of the formula) rounded, and their rounding reaches the exact value
            return _Link("correct", "with its figures rounded", value=value)
        # a step of a hand calculation: the numbers of the step before, some of them rounded
        prior = None
        if previous.number is None and not _names(previous.node) and not _names(part.node):
            prior = previous_link.value if previous_link is not None and previous_link.value is not None \
                else target
        if prior is not None:
            carried_lines = list(previous_link.carried) if previous_link is not None else []
            if self._within_rounding(part.node, prior):
                return _Link("correct", "the step before it, with intermediate results rounded",
                             carried_lines, value=value)
            return _Link("arithmetic", f"{shorten(part.text, 60)} is {_fig(float(value))}, but the step "
                         f"before it is {_fig(float(prior))}", value=value, position=part.start)
        if quantity.kind == "written":
            return _Link("arithmetic", f"{shorten(part.text, 60)} is {_fig(float(value))}, "
                         f"not {_fig(float(target))}", value=value, position=part.start)
        carried_value = self._carried_target(quantity)
        if carried_value is not None:
            new, lines = carried_value
            # (in a network, the numbers must be the recomputed value itself: a match of some of
            # them would excuse a new slip beside the carried one)
            graph = hasattr(self.problem, "expr")
            if _same(value, new) or self._within_rounding(part.node, new, givens_exact=not graph) \
                    or (graph and self._carried_match(part.node, new) is not None):
                return _Link("correct", f"with the figures the writer carries {_lines_text(lines)}",
                             lines, value=value)
        own = self._written_reading(part.node, target)
        if own is not None:
            return own
        if previous.number is None and _names(previous.node):
            # (o2 - y2)*o2(1 - o2) = 0.7331 * 0.2234: the numbers are the side before it with the
            # writer's own figures for o2, carrying their mistake
            carried = self._numbers_of_writers_figures(previous.node, part.node, value)
            if carried is not None:
                return carried
        blamed = self._blame_expression(part.node, quantity)
        if blamed is not None:
            return blamed
        return _Link("formula", self._diagnose(part, quantity, value), value=value, position=part.start)

    def _blame_expression(self, node, quantity) -> _Link | None:
        """A number the writer gave an expression of their own (``g_1 w_5 + g_2 w_7 = -0.0386``) used
        here where a factor of the chain rule belongs: if that factor makes the line right, the
        mistake is the expression's line, and this line carries it."""
        from .diagnosis import _expected_factors

        expected = _expected_factors(quantity, self.problem)
        if expected is None or expected[0] != "product":
            return None
        # exact values of the factors (the sum over the paths is summed again at 40 digits)
        values = [MP.fsum(MP.fprod(v for _, _, v in head) for head in formula) if isinstance(formula, tuple)
                  else v for _label, formula, v in expected[1]]
        for n in _numbers(node):
            key = _decimal_key(n.value)
            records = [r for r in self.written if r.key.startswith("expr:") and abs(r.value) == abs(key)]
            if not records:
                continue
            record = records[-1]
            for value in values:
                self._override = {id(n): [(MP.mpf(abs(value)), [record.line], "the factor it stands for")]}
                try:
                    found = self._carried_match(node, quantity.value)
                finally:
                    self._override = {}
                if found is not None:
                    self.blame.setdefault(record.line, {})[record.label] = (
                        f"{record.label} = {record.source} is used on a later line as {_fig(float(value))}, "
                        f"a factor of {quantity.label}: it is not")
                    return _Link("correct", f"with the number of line {record.line}, which is not what it "
                                 f"stands for here", [record.line], value=None)
        return None

    def _judge_number(self, number: Num, quantity, previous: Part, previous_link: _Link | None) -> _Link:
        target = quantity.value
        exact_text = None
        if target is not None:
            exact = _decimal(target)
            if _shows_written(exact, number.source):
                return _Link("correct", value=number.value)
            exact_text = rounded_text(exact, number.decimals)
        wrong = sorted({r.line for r in self.written if r.mistake} | self.mistake_lines)
        if previous.number is None and getattr(self, "_gap", False) and target is not None \
                and not quantity.given and _significant(number) >= 2 \
                and abs(target - _mp(number.value)) <= MP.mpf(10) ** -number.decimals * MP.mpf("1.0001"):
            # δ3 = (\ldots) × 0.56 × 0.44 × 0.30 = -0.00506: the working left out may have rounded
            return _Link("rounding", f"exact value {_fig(float(target))} shows as {exact_text}; "
                         f"{number.source} is one unit off in its last digit, as the working left out (...) "
                         "may have rounded",
                         value=number.value)
        # no working: the figure alone, or after names only (∂f/∂b = ∂f/∂w2 ≈ -0.197)
        no_working = previous_link is None or isinstance(previous.node, Name | Partial)
        if no_working and wrong and not quantity.given and quantity.kind != "written":
            # "df/dw2 = -0.20" with no working, after a real mistake: a figure that may carry it
            # cannot be told from a new slip, and the mistake is reported once
            return _Link("rounding", f"not the exact value {_fig(float(target))} ({exact_text}); with no "
                         f"working on the line it may carry the mistake of {_lines_text(wrong, bare=True)}",
                         wrong[-1:], value=number.value)
        # the writer's own numbers: the value of the previous part as written
        own = None
        lines: list[int] = []
        if previous_link is not None and previous_link.value is not None and previous.number is None:
            own = previous_link.value
            lines = list(previous_link.carried)
        elif previous.number is None:
            try:
                own = self.evaluator.value(previous.node)
            except (_Unresolved, _NotNumber):
                own = None
        if own is not None and not lines and _names(previous.node) and not _shows_written(
                _decimal(own), number.source):
            own, lines = self._with_written_numbers(previous.node, own)
        if own is not None:
            own_decimal = _decimal(own)
            if _shows_written(own_decimal, number.source):
                if lines:
                    wrong = sorted({r.line for r in self.written if r.mistake and r.line in lines})
                    source = _lines_text(lines, bare=True)
                    if not wrong:
                        kind = f"rounded numbers from {source}"
                    elif set(wrong) == set(lines):
                        kind = f"numbers from {source} (carrying the mistake there)"
                    else:
                        carried = _lines_text(wrong, bare=True)
                        kind = f"numbers from {source} (carrying the mistake of {carried})"
                    message = (f"exact value {_fig(float(target))} shows as {exact_text}; the writer's "
                               f"{kind} give {_fig(float(own))}, shown as {number.source}")
                    return _Link("rounding", message, lines, value=number.value)
                if quantity.kind == "written":
                    return _Link("correct", value=number.value)
                if previous_link is None or previous_link.verdict in ("correct", "rounding"):
                    message = (f"exact value {_fig(float(target))} shows as {exact_text}; the numbers "
                               f"written give {_fig(float(own))}, shown as {number.source}")
                    return _Link("rounding", message, value=number.value)
            carried = self._with_writers_figures(previous, number) if wrong else None
            if carried is not None:
                return carried
            if previous.number is None and lines and self._last_digit_of_figures(previous.node, own, number):
                message = (f"exact value {_fig(float(target))} shows as {exact_text}; the writer's figures "
                           f"from {_lines_text(lines, bare=True)} give {_fig(float(own))}; {number.source} "
                           "differs in its last digit, as those figures unrounded allow")
                return _Link("rounding", message, lines, value=number.value)
            if previous.number is None and not lines and self._last_digit(previous.node, own, number):
                own_text = rounded_text(_decimal(own),
                                        number.decimals + 2)
                message = (f"the numbers written give {own_text}; {number.source} differs in its last "
                           "digit, as the same numbers unrounded allow")
                return _Link("rounding", message, value=number.value)
        if previous.number is None and own is not None and lines:
            # the side before it, its numbers as written (0.75159344, not the value it stands for)
            try:
                plain = _mp(self.evaluator.value(previous.node))
            except (_Unresolved, _NotNumber, OverflowError, ZeroDivisionError, ValueError, TypeError):
                plain = None
            if plain is not None and not isinstance(plain, MP.mpc) and (_shows_written(
                    _decimal(plain), number.source)
                    or self._last_digit(previous.node, plain, number)):
                shown = rounded_text(_decimal(plain),
                                     number.decimals + 1)
                return _Link("rounding", f"exact value {_fig(float(target))} shows as {exact_text}; the side "
                             f"before it, as written, gives {shown}, shown as {number.source} "
                             f"{_lines_text(lines)}", lines, value=number.value)
        structure = getattr(quantity, "structure", None)
        if previous_link is None and structure is not None and quantity.kind == "updated" \
                and hasattr(self.problem, "net"):
            # w8' ≈ 0.7261 with dE/dw8 written 0.0739 above: 0.8 - 0.0739, the writer's own figure
            # (each figure unrounded may lie half a unit either way: 0.5 + 0.00505 may be 0.5050)
            ends = [self._carried_network_target(structure, rounded=True, nudge=k) for k in (0, -1, 1)]
            from_figures = ends[0]
            if from_figures is not None and None not in ends and (
                    _shows_written(_decimal(from_figures[0]), number.source)
                    or _between(_mp(number.value), number, ends[1][0], ends[2][0])):
                return _Link("rounding", f"exact value {_fig(float(target))} shows as {exact_text}; the "
                             f"writer's figures from {_lines_text(from_figures[1], bare=True)} give "
                             f"{_fig(float(from_figures[0]))}, shown as {number.source}", from_figures[1],
                             value=number.value)
        from_net_input = self._from_written_net_input(quantity)
        if from_net_input is not None and _shows_written(
                _decimal(from_net_input[0]), number.source):
            value, line = from_net_input
            return _Link("rounding", f"exact value {_fig(float(target))} shows as {exact_text}; the "
                         f"activation of the net input the writer wrote on line {line} gives "
                         f"{_fig(float(value))}, shown as {number.source}", [line], value=number.value)
        written_value = float(number.value)
        message = f"{number.source} is not {quantity.label}"
        if exact_text is not None:
            message += f" at {number.decimals} decimals: exact {_fig(float(target))} ({exact_text})"
        if quantity.given:
            message = f"{quantity.label} is given as {_fig(float(target))}, not {number.source}"
        schedules: list[str] = []
        if own is not None and previous.number is None:
            own_text = rounded_text(_decimal(own),
                                    number.decimals)
            if lines:
                message += f"; the writer's own rounded numbers give {_fig(float(own))} ({own_text})"
            elif not _same(own, target):
                message += f"; the expression written gives {_fig(float(own))} ({own_text})"
            found = search_schedules(previous.node, number.source) if not _names(previous.node) else []
            schedules = [s.describe() for s, _ in found]
            if found:
                shown = "; ".join(f"{s.describe()} gives {_fig(float(v))}" for s, v in found)
                message += f"; {number.source} is what rounding by hand produces: {shown}"
            elif not _names(previous.node):
                message += "; no rounding schedule (2 or 3 decimals, half-up or half-even) produces it"
        del written_value
        return _Link("arithmetic", message, lines, schedules, value=number.value, position=number.position)

    # -- diagnosis -----------------------------------------------------------------------


def _between(written, number: Num, low, high) -> bool:
    """Whether the figure ``number`` (value ``written``) may be the rounding of a value from low to high."""
    from .chains import _half_unit

    low, high = min(low, high), max(low, high)
    half = _half_unit(number)
    return low - half <= written <= high + half


def _suggest(name: str, known: list[str]) -> list[str]:
    """Nearest known names; for ``h3`` also the names with the same letters (``h1``, ``h2``).

    >>> _suggest("h3", ["h1", "h2", "o1", "w5"]), _suggest("sigmod", ["sigmoid", "tanh"])
    (['h1', 'h2'], ['sigmoid'])
    """
    hint = nearest_names(name, known)
    letters = re.sub(r"[\d_'{}]", "", name).lower()
    same = [k for k in known if re.sub(r"[\d_'{}]", "", k).lower() == letters and k not in hint]
    return (hint + same)[:4]
