"""Rounding as people do it by hand: to decimals, half-up or half-even, and rounding schedules.

A hand calculation rarely carries every digit: the writer rounds intermediate
results, then the result. :func:`search_schedules` tries the plausible habits on a
written numeric expression, in the order it is written (``0.25 * 0.48 * 0.52`` is
``(0.25 * 0.48) * 0.52``), and says which of them, if any, produce a printed figure:

* every intermediate result rounded to 2 or 3 decimals (each operation, or only
  each term of a sum and each bracketed group),
* half-up (0.125 -> 0.13, like STACK's NumDecPlaces) or half-even (0.125 -> 0.12),
* then the result rounded to the decimals it is printed with.

The lecture's delta1 line: as written it is -0.0084 (printed at three decimals,
-0.008); rounding every intermediate result to 3 decimals half-up gives -0.0085,
printed -0.009, and so does rounding only the terms of the sum to 3 decimals:

>>> from symnn.checking.parse import parse_relation
>>> node = parse_relation("(0.25 * 0.48 * (1 - 0.48) * 0.1 + 0.6 * 0.53 * (1 - 0.53) * (-0.5))"
...                       " * 0.56 * (1 - 0.56) * 0.50").parts[0].node
>>> exact_value(node)
Decimal('-0.008437968000')
>>> for schedule, value in search_schedules(node, "-0.009"):
...     print(schedule.describe(), value)
every operation rounded to 3 decimals, half-up -0.0085
every term and bracket rounded to 3 decimals, half-up -0.008500800
every term and bracket rounded to 3 decimals, half-even -0.008500800
>>> round_decimal(Decimal("0.125"), 2, HALF_EVEN), round_decimal(Decimal("-0.008438"), 3)
(Decimal('0.12'), Decimal('-0.008'))
"""

from __future__ import annotations

import decimal
from dataclasses import dataclass
from decimal import Decimal

import sympy

from ..core.functions import ACTIVATIONS
from ..core.numbers import DECIMAL_CONTEXT, HALF_EVEN, HALF_UP, round_decimal, shows, to_decimal
from .parse import BinOp, Call, Neg, Node, Num

__all__ = ["SCHEDULES", "Schedule", "exact_value", "search_schedules"]

@dataclass(frozen=True)
class Schedule:
    """A rounding habit: intermediate results rounded to ``decimals`` with ``mode``.

    ``scope`` is ``"operation"`` (every operation and function value) or ``"term"``
    (only each term of a sum, each bracketed sum and each function value).
    """

    decimals: int
    mode: str = HALF_UP
    scope: str = "operation"

    def describe(self) -> str:
        where = "every operation" if self.scope == "operation" else "every term and bracket"
        return f"{where} rounded to {self.decimals} decimals, {self.mode}"


#: the plausible schedules, tried in this order
SCHEDULES: tuple[Schedule, ...] = tuple(
    Schedule(d, m, s) for s in ("operation", "term") for d in (2, 3) for m in (HALF_UP, HALF_EVEN))


class _NotNumericError(Exception):
    """The expression contains a name: no schedule applies."""


def _function(name: str, x: Decimal) -> Decimal:
    from .precision import MP

    if name in ACTIVATIONS:  # every activation of the catalogue, through the catalogue
        value = ACTIVATIONS[name].function(sympy.Float(str(x), 40)).evalf(40)
        if not (value.is_number and value.is_extended_real and value.is_finite):
            raise _NotNumericError
        return Decimal(str(sympy.Float(value, 40)))
    with MP.workdps(40):
        v = MP.mpf(str(x))
        if name == "exp":
            if v > 20_000:
                raise _NotNumericError
            r = MP.exp(v)
        elif name == "log":
            if v <= 0:
                raise _NotNumericError
            r = MP.log(v)
        elif name == "sqrt":
            if v < 0:
                raise _NotNumericError
            r = MP.sqrt(v)
        elif name == "abs":
            r = abs(v)
        else:
            raise _NotNumericError
        return Decimal(MP.nstr(r, 40, strip_zeros=False, min_fixed=-10**6, max_fixed=10**6))


def _evaluate(node: Node, schedule: Schedule | None, in_sum: bool = False, root: bool = True) -> Decimal:
    def finish(value: Decimal, operation: bool, term: bool) -> Decimal:
        if schedule is None or root:  # the result itself is rounded at the decimals printed
            return value
        if schedule.scope == "operation" and operation:
            return round_decimal(value, schedule.decimals, schedule.mode)
        if schedule.scope == "term" and term:
            return round_decimal(value, schedule.decimals, schedule.mode)
        return value

    if isinstance(node, Num):
        return to_decimal(node.value)
    if isinstance(node, Neg):
        return -_evaluate(node.operand, schedule, in_sum, root)
    if isinstance(node, Call):
        if len(node.args) != 1 or node.power is not None:
            raise _NotNumericError
        value = _function(node.function, _evaluate(node.args[0], schedule, root=False))
        return finish(value, True, True)
    if isinstance(node, BinOp):
        is_sum = node.op in "+-"
        left = _evaluate(node.left, schedule, is_sum, False)
        right = _evaluate(node.right, schedule, is_sum, False)
        if node.op == "+":
            value = DECIMAL_CONTEXT.add(left, right)
        elif node.op == "-":
            value = DECIMAL_CONTEXT.subtract(left, right)
        elif node.op == "*":
            value = DECIMAL_CONTEXT.multiply(left, right)
        elif node.op == "/":
            if right == 0:
                raise _NotNumericError
            value = DECIMAL_CONTEXT.divide(left, right)
        else:
            if abs(right) > 1000 or (right != right.to_integral_value() and left < 0):
                raise _NotNumericError
            try:
                value = DECIMAL_CONTEXT.power(left, right)
            except (decimal.InvalidOperation, decimal.Overflow) as error:
                raise _NotNumericError from error
        return finish(value, True, is_sum or in_sum)
    raise _NotNumericError


def exact_value(node: Node) -> Decimal | None:
    """The value of a numeric expression with the numbers as written, to 50 digits (None if it has names)."""
    try:
        return _evaluate(node, None)
    except (_NotNumericError, decimal.InvalidOperation, decimal.Overflow, ZeroDivisionError):
        return None


def search_schedules(node: Node, written: str) -> list[tuple[Schedule, Decimal]]:
    """The schedules whose hand calculation of ``node`` prints ``written``, with the unrounded result.

    The result is rounded at the decimals of ``written`` with the schedule's own mode.
    A schedule that merely reproduces the exact rounding is still listed.
    """
    found = []
    for schedule in SCHEDULES:
        try:
            value = _evaluate(node, schedule)
        except (_NotNumericError, decimal.InvalidOperation, decimal.Overflow, ZeroDivisionError):
            return []
        if shows(value, written, schedule.mode):
            found.append((schedule, value))
    return found
