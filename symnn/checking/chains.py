r"""Numeric chains judged on their own: ``\sigma'(2) = 0.8808 \cdot (1 - 0.8808) = 0.1050``.

Without a spec (or on a line whose first side names nothing the problem knows), a
chain of numbers is judged link by link at the digits written: every written
number with two or more significant digits and a decimal may be a rounded
intermediate result, so it stands for anything within half a unit of its last
digit. Two neighbouring sides agree when their values differ by no more than
what those roundings allow; a final figure agrees when it is the value before
it at the digits written (``correct``) or within the rounding (``rounding``).
Numbers on the first side are the givens and are exact.

>>> import symnn
>>> [r.verdict for r in symnn.check(r"$\sigma'(2) = 0.8808 \cdot (1 - 0.8808) = 0.1050$", timeout=None).lines]
['correct']
"""

from __future__ import annotations

import itertools

from .parse import Name, Num, Relation, iter_nodes, node_text
from .precision import MP
from .report import LineResult, figure_text

__all__ = ["judge_chain", "last_digit_rounding"]


def _significant(number: Num) -> int:
    mantissa = number.source.lower().split("e")[0].lstrip("-+")
    return len(mantissa.replace(".", "").lstrip("0")) or 1


def _places(number: Num) -> int:
    """The place of the last digit written: 2 for 0.25, -2 for 2.2026e4 (a unit of 1)... as a power of ten."""
    mantissa, _, exponent = number.source.lower().partition("e")
    decimals = len(mantissa.split(".", 1)[1]) if "." in mantissa else 0
    return decimals - int(exponent or 0)


def _rounded(number: Num) -> bool:
    """Whether a written number may be a rounded intermediate result: two significant digits and a
    decimal, or a whole number of three digits or more (1 + 1097 written 1098)."""
    if "e" in number.source.lower():
        return _significant(number) >= 2
    return (number.decimals > 0 and _significant(number) >= 2) or _significant(number) >= 3


def _half_unit(number: Num) -> MP.mpf:
    return MP.mpf(5) / MP.mpf(10) ** (_places(number) + 1)


def last_digit_rounding(evaluate, node, value, written, number: Num, exact=()) -> bool:
    """Whether ``written`` (the value of ``number``, its sign included) differs from ``value`` (of
    ``node``, as written) by no more than one unit in its last digit and by no more than the
    rounding of ``node``'s own numbers allows: the writer carried more digits than they wrote
    (``-0.070028 * 1.2 = -0.084033``).
    """
    if not _rounded(number):
        return False
    half = _half_unit(number)
    gap = abs(value - written)
    return gap <= min(_bound(evaluate, node, value, exact) + half, 2 * half) * MP.mpf("1.0001")


def _bound(evaluate, node, base, exact=(), figures=None, numbers: bool = True) -> MP.mpf:
    """How far the value of ``node`` may move when its rounded numbers move by half a unit each
    (numbers whose size is in ``exact`` are data, not rounded). ``figures`` (name -> the number
    written for it) makes a name stand for its figure: ``p1(1 - p1)`` after ``p1 = 0.2312`` moves as
    far as 0.2312 rounded allows, when the figure has four decimals or more (data is not written
    so: such a figure is a result the writer rounded, a softmax's output); so does that figure
    written again (``-ln 0.0986`` after ``p3 = 0.0986``). Data written with fewer decimals
    (``x = 12.5``, ``yhat = (0.341, 0.459, 0.200)``) stays exact. Without ``numbers``, only these
    move (the other numbers of the first side are the givens)."""
    bound = MP.mpf(0)
    seen = set()
    figures = {name: number for name, number in (figures or {}).items() if number.decimals >= 4}
    results = {abs(number.value) for number in figures.values()}  # figures of results, written again
    for n in iter_nodes(node):
        if isinstance(n, Name) and n.name in figures and n.name not in seen:
            seen.add(n.name)
            number, key = figures[n.name], ("name", n.name)
        elif isinstance(n, Num) and ((numbers and _rounded(n) and abs(n.value) not in exact)
                                     or (abs(n.value) in results and n.decimals > 0)):
            number, key = n, id(n)
        else:
            continue
        half = _half_unit(number)
        moved = []
        for step in (half, -half):
            try:
                value = (evaluate(n, {}) if key == ("name", getattr(n, "name", None))
                         else MP.mpf(number.value.numerator) / number.value.denominator) + step
                moved.append(abs(evaluate(node, {key: value}) - base))
            except Exception:
                continue
        bound += max(moved, default=MP.mpf(0))
    return bound


def judge_chain(checker, row, relation: Relation, evaluate, errors: tuple,
                label: bool = False, carried=None, givens_first: bool = True) -> LineResult | None:
    """The verdict on a chain of sides that have values of their own, or None when fewer than two do.

    ``evaluate(node, numbers)`` gives a side's value (``numbers`` replaces written numbers by
    id); ``errors`` are the exceptions that mean "this side has no value here". With ``label``
    the first side only names the chain (``y = ...``) and is not judged. ``carried(node)``, when
    given, is a side's value with the writer's own earlier figures in place of what they stand
    for (``1 - sigma(1)`` with the sigma(1) written above): a link that holds with them is carried.
    ``givens_first=False``: a side that cannot be read came before, so the first side's numbers
    stand for names and may be rounded too.
    """
    parts = list(relation.parts)[1:] if label else list(relation.parts)
    values: list[tuple[object, MP.mpf, MP.mpf]] = []
    skipped = []
    for part in parts:
        try:
            value = evaluate(part.node, {})
        except errors:
            skipped.append(part)
            continue
        if isinstance(value, MP.mpc) or not MP.isfinite(value):
            skipped.append(part)
            continue
        # the first side's numbers are taken as exact for links between expressions; its
        # possible rounding still excuses a final figure off by one in its last digit
        # (the first side is the givens only when it is the first side written: after a side that
        # has no value here, "dE/du1 = delta*theta1 = -0.070028 * 1.2", its numbers stand for names)
        given = givens_first and not values and part is parts[0]
        exact = getattr(checker, "exact_numbers", ())
        full = _bound(evaluate, part.node, value, exact, getattr(checker, "figure_names", None),
                      numbers=not given)
        # the first side's bound: only the writer's earlier figures in it move (-ln 0.0986 after
        # p3 = 0.0986), as far as their rounding reaches
        values.append((part, value, full if values or given else MP.mpf(0), full))
    if len(values) < 2:
        return None
    verdict, message, position = "correct", "", None
    for (prev, a, bound_a, full_a), (part, b, bound_b, _) in itertools.pairwise(values):
        number = part.number
        slack = bound_a + bound_b + (abs(a) + abs(b)) * MP.mpf("1e-25")
        if number is not None:
            from ..core.numbers import shows

            exact = MP.nstr(a, 30, min_fixed=-10**6, max_fixed=10**6)
            if _shows(shows, exact, number.source):
                continue
            slack = bound_a + _half_unit(number) * (1 if _rounded(number) else 0)
            if _rounded(number):
                slack = max(slack, min(full_a + _half_unit(number), 2 * _half_unit(number)))
        if abs(a - b) <= slack * MP.mpf("1.0001"):
            if number is not None and verdict == "correct":
                verdict = "rounding"
                message = (f"{node_text(prev.node)} is {figure_text(float(a))}; {number.source} is what "
                           f"its rounded numbers allow")
            continue
        if carried is not None and _carried_link(carried, prev, part, a, b, slack, number, errors):
            message = message or "with the writer's own earlier figures"
            continue
        verdict = "arithmetic" if number is not None else "formula"
        message = (f"{shorten(part.text)} is {figure_text(float(b))}, but {shorten(prev.text)} is "
                   f"{figure_text(float(a))}")
        position = part.start
        break
    if skipped and not message:
        message = "the numbers are checked; " + ", ".join(shorten(p.text) for p in skipped) + \
            " cannot be checked without a spec"
    head = relation.parts[0]
    quantity = node_text(head.node) if isinstance(head.node, Name) else None
    last = parts[-1].number
    checker._chain = None
    return LineResult(row.line, row.text, verdict, message, quantity=quantity,
                      written=last.source if last is not None else None, position=position)


def _carried_link(carried, prev, part, a, b, slack, number, errors) -> bool:
    """Whether a link holds when the writer's earlier figures stand for what they were written for.

    ``carried(node)`` gives the other values a side may have (its expressions replaced by the
    figures written for them, or its numbers by the exact values they were written for).
    """
    from ..core.numbers import shows

    try:
        lefts, rights = [a, *carried(prev.node)], [b, *carried(part.node)]
    except errors:
        return False
    for a2 in lefts:
        for b2 in rights:
            if a2 == a and b2 == b:
                continue
            if number is not None and b2 == b:
                exact = MP.nstr(a2, 30, min_fixed=-10**6, max_fixed=10**6)
                if _shows(shows, exact, number.source) or abs(a2 - b) <= slack * MP.mpf("1.0001"):
                    return True
            elif abs(a2 - b2) <= slack * MP.mpf("1.0001") + abs(b2) * MP.mpf("1e-25"):
                return True
    return False


def _shows(shows, exact: str, written: str) -> bool:
    from decimal import Decimal, InvalidOperation

    try:
        value = Decimal(exact)
    except InvalidOperation:
        return False
    if "e" in written.lower():
        # 1.23e3 is 3 significant figures: compare the mantissas at the written exponent
        mantissa, exponent = written.lower().split("e")
        return shows(value.scaleb(-int(exponent)), mantissa)
    return shows(value, written)


def shorten(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."
