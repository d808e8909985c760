"""Shared test fixtures: an independent numeric derivative and value of an expression."""

from __future__ import annotations

import pytest
import sympy

from symnn.core.functions import explicit
from symnn.testing import strict_json as _strict_json


def _central_difference(expr, symbol, point: dict, h: str = "1e-12") -> float:
    """(f(x+h) - f(x-h)) / 2h of the explicit form of ``expr`` at 40 digits (error ~ h^2)."""
    f = explicit(sympy.sympify(expr).doit())
    step = sympy.Float(h, 40)
    at = {k: sympy.Float(v, 40) for k, v in point.items()}
    up = f.evalf(40, subs={**at, symbol: at[symbol] + step})
    down = f.evalf(40, subs={**at, symbol: at[symbol] - step})
    return float((up - down) / (2 * step))


def _value(expr, point: dict) -> float:
    """The explicit form of ``expr`` at ``point``, as a float."""
    at = {k: sympy.Float(v, 30) for k, v in point.items()}
    return float(explicit(sympy.sympify(expr).doit()).evalf(30, subs=at))


@pytest.fixture(scope="session")
def central_difference():
    return _central_difference


@pytest.fixture(scope="session")
def value_at():
    return _value



@pytest.fixture(scope="session")
def strict_json():
    """``json.loads`` refusing NaN and Infinity (see :func:`symnn.testing.strict_json`)."""
    return _strict_json
