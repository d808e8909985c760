"""Values of written expressions: the evaluator of the syntax tree at 40 digits, and the small
records a check keeps (the writer's numbers, the verdict of one link)."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from decimal import Decimal

import sympy

from ..core.functions import ACTIVATIONS
from ..core.numbers import shows
from .parse import (
    BinOp,
    Call,
    Name,
    Neg,
    Num,
    Partial,
    TooComplexError,
    iter_nodes,
    node_text,
)
from .precision import DPS, MP
from .report import figure_text as _fig

# --------------------------------------------------------------------------------------------
# Evaluation of written expressions
# --------------------------------------------------------------------------------------------


class _Unresolved(Exception):  # noqa: N818 - a signal, not an error shown to users
    def __init__(self, name: str, position: int):
        self.name = name
        self.position = position


class _NotNumber(Exception):  # noqa: N818
    pass


class _TooLargeError(TooComplexError):
    """A number too large to evaluate by hand or by machine (``2^(2^(2^...))``, ``e^(e^(e^...))``)."""


_POINT = sympy.Symbol("x", real=True)


@functools.cache
def _catalogue_derivative(name: str) -> sympy.Expr:
    """f'(x) of the catalogue function ``name``, as the catalogue differentiates it."""
    return ACTIVATIONS[name].function(_POINT).diff(_POINT)


@functools.lru_cache(maxsize=4096)
def _catalogue_value(name: str, primes: int, x: MP.mpf) -> MP.mpf:
    """The catalogue function ``name`` (``primes`` = 1: its derivative) at ``x``, to 40 digits."""
    point = sympy.Float(x, 40)
    if primes == 0:
        value = ACTIVATIONS[name].function(point)
    elif primes == 1:
        value = _catalogue_derivative(name).subs(_POINT, point)
    else:
        raise _NotNumber
    value = value.evalf(40)
    if not (value.is_number and value.is_extended_real and value.is_finite):
        raise _NotNumber
    return MP.mpf(sympy.Float(value, 40)._mpf_)


def _apply(name: str, args: list, m):
    primes = len(name) - len(name.rstrip("'"))
    base = name.rstrip("'")
    if base in {"max", "min"}:
        return (max if base == "max" else min)(args)
    if len(args) != 1:
        raise _NotNumber
    x = args[0]
    try:
        if base in ACTIVATIONS:
            with MP.workdps(DPS):
                value = _catalogue_value(base, primes, _mp(x))
            return float(value) if m is math else value
        if primes == 0:
            if base == "exp":
                if x > 700:
                    raise _TooLargeError(f"e^{_fig(float(x))} is too large to check")
                return m.exp(x)
            if base == "log":
                return m.log(x)
            if base == "sqrt":
                return m.sqrt(x)
            if base == "abs":
                return abs(x)
            if base == "sin":
                return m.sin(x)
            if base == "cos":
                return m.cos(x)
        elif primes == 1:
            if base == "exp":
                return m.exp(x)
            if base == "log":
                return 1 / x
    except (ValueError, OverflowError, ZeroDivisionError, TypeError) as error:
        raise _NotNumber from error
    raise _NotNumber


class _Evaluator:
    """Evaluates written trees with names looked up in the problem; numbers may be replaced."""

    def __init__(self, lookup_name, lookup_partial, lookup_function, replace_text: dict | None = None):
        self.lookup_name = lookup_name
        self.lookup_partial = lookup_partial
        self.lookup_function = lookup_function
        self.replace_text = replace_text  # node text -> value: the writer's figures for expressions
        self.lookup_call = None  # a call the problem gives a value (f'(z) of a graph), or None

    def value(self, node, numbers: dict | None = None, m=MP):
        numbers = numbers or {}
        with MP.workdps(DPS):
            return self._walk(node, numbers, m)

    def float_function(self, node, numbers: list):
        """``node`` as a function of its written numbers (in the order of ``numbers``), in floats:
        names are looked up once, so trying thousands of readings of the numbers is cheap."""
        where = {id(n): k for k, n in enumerate(numbers)}

        def build(n):
            if isinstance(n, Num):
                k = where[id(n)]
                return lambda v: v[k]
            if isinstance(n, Neg):
                inner = build(n.operand)
                return lambda v: -inner(v)
            if isinstance(n, BinOp):
                a, b = build(n.left), build(n.right)
                if n.op == "+":
                    return lambda v: a(v) + b(v)
                if n.op == "-":
                    return lambda v: a(v) - b(v)
                if n.op == "*":
                    return lambda v: a(v) * b(v)
                if n.op == "/":
                    return lambda v: a(v) / b(v)

                def power(v):
                    base, exponent = a(v), b(v)
                    if abs(exponent) > 1000 or (base < 0 and exponent != int(exponent)):
                        raise _NotNumber
                    return base**exponent

                return power
            if isinstance(n, Call) and self.lookup_function(n.function) is None and n.power is None \
                    and (self.lookup_call is None or self.lookup_call(n) is None):
                args = [build(a) for a in n.args]
                name = n.function
                return lambda v: float(_apply(name, [f(v) for f in args], math))
            constant = float(self.value(n))  # a name, a named derivative: looked up once
            return lambda v: constant

        return build(node)

    def _walk(self, n, numbers, m):
        walk = self._walk
        if self.replace_text and not isinstance(n, Num):
            found = self.replace_text.get(node_text(n))
            if found is not None:
                return float(found) if m is math else found
        if isinstance(n, Num):
            v = numbers.get(id(n), n.value)
            if m is math:
                return float(v)
            if isinstance(v, MP.mpf):
                return v
            return MP.mpf(v.numerator) / v.denominator
        if isinstance(n, Name):
            v = numbers.get(("name", n.name))  # a name's figure moved (how far its rounding reaches)
            v = self.lookup_name(n) if v is None else v
            return float(v) if m is math else v
        if isinstance(n, Partial):
            v = self.lookup_partial(n)
            return float(v) if m is math else v
        if isinstance(n, Neg):
            return -walk(n.operand, numbers, m)
        if isinstance(n, BinOp):
            a, b = walk(n.left, numbers, m), walk(n.right, numbers, m)
            try:
                if n.op == "+":
                    return a + b
                if n.op == "-":
                    return a - b
                if n.op == "*":
                    return a * b
                if n.op == "/":
                    if b == 0:
                        raise _NotNumber
                    return a / b
                if abs(b) > 1000 and abs(a) != 1 and a != 0:
                    raise _TooLargeError(f"a power with exponent {_fig(float(b))} is too large to check")
                if (a == 0 and b < 0) or (a < 0 and b != int(b)):
                    raise _NotNumber
                result = a**b
                if m is math and isinstance(result, complex):
                    raise _NotNumber
                return result
            except OverflowError as error:
                raise _TooLargeError("a number too large to check") from error
            except (ZeroDivisionError, ValueError) as error:
                raise _NotNumber from error
        if isinstance(n, Call):
            if self.lookup_call is not None:
                found = self.lookup_call(n)
                if found is not None:
                    return float(found) if m is math else found
            quantity = self.lookup_function(n.function)
            if quantity is not None:
                return float(quantity) if m is math else quantity
            args = [walk(a, numbers, m) for a in n.args]
            result = _apply(n.function, args, m)
            if n.power is not None:
                power = walk(n.power, numbers, m)
                if abs(power) > 1000:
                    raise _TooLargeError("a power with an exponent over 1000 is too large to check")
                result = result**power
            return result
        raise _NotNumber


def _close(a, b) -> bool:
    a, b = float(a), float(b)
    if not (math.isfinite(a) and math.isfinite(b)):
        return False
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b)) + 1e-13


def _mp(value):
    if isinstance(value, MP.mpf):
        return value
    if hasattr(value, "numerator") and hasattr(value, "denominator"):
        with MP.workdps(DPS):
            return MP.mpf(value.numerator) / value.denominator
    return MP.mpf(value)


def _same(a, b) -> bool:
    """Equal to 28 significant digits: exact arithmetic on the decimals written, not floats."""
    with MP.workdps(DPS):
        a, b = _mp(a), _mp(b)
        if not (MP.isfinite(a) and MP.isfinite(b)):
            return False
        return abs(a - b) <= MP.mpf("1e-28") * max(abs(a), abs(b)) + MP.mpf("1e-36")


def _rounds_to(size, number: Num) -> bool:
    """Whether ``size`` shows as the written ``number`` and is not exactly it."""
    return shows(Decimal(MP.nstr(size, 30, min_fixed=-10**6, max_fixed=10**6)), number.source) \
        and not _same(size, number.value)


def _significant(number: Num) -> int:
    """Significant digits written: ``0.0616`` -> 3, ``0.50`` -> 2, ``6.16e-2`` -> 3."""
    mantissa = number.source.lower().split("e")[0].lstrip("-+")
    return len(mantissa.replace(".", "").lstrip("0")) or 1


def _numbers(node) -> list[Num]:
    return [n for n in iter_nodes(node) if isinstance(n, Num)]


def _names(node) -> list:
    return [n for n in iter_nodes(node) if isinstance(n, Name | Partial)]


def _decimal(value) -> Decimal:
    """An mpf (or any number) as a Decimal of 30 significant digits, never in exponent form."""
    return Decimal(MP.nstr(value, 30, min_fixed=-10**6, max_fixed=10**6))


def _decimal_key(value) -> Decimal:
    return Decimal(value.numerator) / Decimal(value.denominator) if hasattr(value, "numerator") \
        else Decimal(str(value))


# --------------------------------------------------------------------------------------------
# The checker
# --------------------------------------------------------------------------------------------


@dataclass
class Written:
    """A number the writer gave a quantity on an earlier line."""

    line: int
    key: str
    label: str
    value: Decimal
    source: str
    exact: float | None
    mistake: bool = False  # the line that wrote it was a real mistake
    structure: object = None  # the SymPy expression of the quantity, in a computation graph


@dataclass
class _Link:
    verdict: str
    message: str = ""
    carried: list[int] = field(default_factory=list)
    schedules: list[str] = field(default_factory=list)
    value: object = None          # the part's value with the numbers as written
    position: int | None = None

