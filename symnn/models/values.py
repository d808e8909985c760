"""Numbers for a computation graph: a user's values read exactly, never as code.

>>> read_values("w0=2, x0=-1.5; b = 1/4")
{'w0': 2, 'x0': -3/2, 'b': 1/4}
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import sympy

from ..core.errors import ParseError, SymnnError, UnknownNameError

__all__ = ["CircuitError", "match_values", "read_values", "to_number"]


class CircuitError(SymnnError):
    """An expression that cannot be drawn as a circuit, or values at which it is undefined."""


#: the longest number text read, and the largest power of ten it may have
_LONGEST_NUMBER = 400
_EXPONENT_LIMIT = 300

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_FRACTION = re.compile(r"([+-]?\d+)/(\d+)")


def to_number(value: Any, name: str = "value") -> sympy.Expr:
    """A user's number as a SymPy number: decimal text stays exact (``"0.1"`` is 1/10).

    >>> to_number("0.1"), to_number(-3), to_number("1/4"), to_number(2.5)
    (1/10, -3, 1/4, 2.50000000000000)
    """
    if isinstance(value, bool):
        raise CircuitError(f"{name}: expected a number, got {value!r}")
    if isinstance(value, str):
        text = value.strip()
        if len(text) > _LONGEST_NUMBER:
            raise CircuitError(f"{name}: a number of {len(text)} characters is too long")
        if _NUMBER.fullmatch(text):
            if not -_EXPONENT_LIMIT <= Decimal(text).adjusted() <= _EXPONENT_LIMIT:
                raise CircuitError(f"{name}: {text} is outside the range of numbers a circuit is "
                                   f"evaluated with (10^-{_EXPONENT_LIMIT} to 10^{_EXPONENT_LIMIT})")
            return sympy.Rational(text)
        fraction = _FRACTION.fullmatch(text)
        if fraction and int(fraction.group(2)) != 0:
            return sympy.Rational(int(fraction.group(1)), int(fraction.group(2)))
        raise CircuitError(f"{name}: expected a number (like 2, -0.5, 1e-3 or 1/4), got {_quoted(value)}")
    if isinstance(value, int):
        return sympy.Integer(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise CircuitError(f"{name}: expected a finite number, got {value!r}")
        return sympy.Float(value)
    if isinstance(value, sympy.Basic) and value.is_number:
        if value.is_real is not True or value.has(sympy.oo, -sympy.oo, sympy.zoo, sympy.nan):
            raise CircuitError(f"{name}: expected a finite real number, got {value}")
        return value
    raise CircuitError(f"{name}: expected a number, got {value!r}")


def _plain(name: str) -> str:
    return re.sub(r"[_{}\\\s]", "", name)


def match_values(symbols: list[sympy.Symbol], at: Mapping) -> dict[sympy.Symbol, sympy.Expr]:
    """Each input symbol's number from ``at`` (keys: symbols or names; ``w_0`` may be given as ``w0``)."""
    by_name = {str(s): s for s in symbols}
    plain: dict[str, list[sympy.Symbol]] = {}
    for s in symbols:
        plain.setdefault(_plain(str(s)), []).append(s)
    values: dict[sympy.Symbol, sympy.Expr] = {}
    for key, value in at.items():
        name = str(key)
        symbol = by_name.get(name)
        if symbol is None and len(plain.get(_plain(name), [])) == 1:
            symbol = plain[_plain(name)][0]
        if symbol is None:
            raise UnknownNameError("symbol", name, by_name or ["(the expression has no symbols)"])
        if symbol in values:
            raise CircuitError(f"two values given for {symbol}")
        values[symbol] = to_number(value, name)
    missing = [str(s) for s in symbols if s not in values]
    if missing:
        raise CircuitError(f"no value given for {', '.join(missing)} (every input symbol needs one)")
    return values


_ASSIGNMENT = re.compile(r"\s*([^\s=,;]+)\s*=\s*([^\s,;]*)\s*")


def _quoted(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[: limit - 3] + "...")


def read_values(text: str) -> dict[str, sympy.Expr]:
    """Values written as ``"w0=2, x0=-1"`` (commas or semicolons) -> name -> exact number.

    This reads names and numbers only, never an expression.

    >>> read_values("w0=2, x0=-1.5; b = 1/4")
    {'w0': 2, 'x0': -3/2, 'b': 1/4}
    >>> read_values("w0=2, x0")
    Traceback (most recent call last):
    ...
    symnn.core.errors.ParseError: expected name=number at position 7 of 'w0=2, x0'
    """
    values: dict[str, sympy.Expr] = {}
    position = 0
    while position < len(text):
        match = _ASSIGNMENT.match(text, position)
        if match is None:
            start = len(text) - len(text[position:].lstrip())
            raise ParseError(f"expected name=number at position {start + 1} of {_quoted(text)}", text, start)
        name, number = match.group(1), match.group(2)
        if name in values:
            raise ParseError(f"{name} is given twice (position {match.start(1) + 1} of {_quoted(text)})",
                             text, match.start(1))
        try:
            values[name] = to_number(number, name)
        except CircuitError as error:
            raise ParseError(f"{error} (at position {match.start(2) + 1} of {_quoted(text)})", text,
                             match.start(2)) from None
        position = match.end()
        if position < len(text):
            if text[position] not in ",;":
                raise ParseError(f"expected ',' between values at position {position + 1} of {_quoted(text)}",
                                 text, position)
            position += 1
    return values
