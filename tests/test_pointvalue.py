"""The one-walk mpmath evaluator against SymPy's own ``evalf`` at 50 digits (an independent path:
``xreplace`` then SymPy's evalf), on seeded random expressions of every node type it knows."""

from __future__ import annotations

import random

import mpmath
import pytest
import sympy

from symnn.core.equality import compare
from symnn.core.functions import ACTIVATIONS, explicit
from symnn.core.pointvalue import UnsupportedNodeError, value_at

X, Y, Z = sympy.symbols("x y z")
UNARY = [sympy.exp, sympy.tanh, sympy.sin, sympy.cos, sympy.Abs, sympy.erf, sympy.atan,
         lambda e: sympy.log(1 + e**2), lambda e: sympy.sqrt(1 + e**2), sympy.Heaviside, sympy.sign,
         lambda e: sympy.Piecewise((e, e > 0), (e / 10, True)),
         lambda e: sympy.Piecewise((0, (e < -1) | (e > 1)), (e**2, True)),
         lambda e: sympy.Max(e, 0), lambda e: sympy.Min(e, sympy.Rational(1, 3))]


def random_expression(rng: random.Random, depth: int) -> sympy.Expr:
    if depth == 0 or rng.random() < 0.2:
        return rng.choice([X, Y, Z, sympy.Integer(rng.randint(-3, 3)), sympy.Rational(rng.randint(1, 5), 7),
                           sympy.Float(rng.uniform(-2, 2), 20), sympy.pi, sympy.E])
    kind = rng.randrange(4)
    if kind == 0:
        return rng.choice(UNARY)(random_expression(rng, depth - 1))
    a, b = random_expression(rng, depth - 1), random_expression(rng, depth - 1)
    if kind == 1:
        return a + b
    if kind == 2:
        return a * b
    return a / (2 + b**2) if rng.random() < 0.5 else (1 + a**2) ** sympy.Rational(rng.randint(-3, 3), 2)


def sympy_value(expr, point):
    v = expr.xreplace(point).evalf(50)
    return None if v.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo) else complex(v)


def test_random_expressions_agree_with_sympy_evalf():
    rng = random.Random(20261202)
    compared = 0
    for _ in range(400):
        expr = random_expression(rng, 4)
        point = {s: sympy.Float(rng.uniform(-2.5, 2.5), 30) for s in (X, Y, Z)}
        want = sympy_value(expr, point)
        if want is None:
            continue
        got = complex(value_at(expr, point, dps=30))
        assert abs(got - want) <= 1e-25 * max(1.0, abs(want)), (expr, point, got, want)
        compared += 1
    assert compared > 300


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_every_activation_in_explicit_form(name):
    f = ACTIVATIONS[name].function
    expr = explicit(sympy.diff(f(X), X) * f(2 * X - 1))
    for x in ("-1.7", "-0.3", "0.4", "2.2"):
        point = {X: sympy.Float(x, 30)}
        want = complex(expr.xreplace(point).evalf(50))
        assert abs(complex(value_at(expr, point)) - want) <= 1e-25 * max(1.0, abs(want))


def test_large_exponents_stay_numbers():
    # exp(800) is beyond a float; mpmath's exponent is not bounded
    value = value_at(sympy.log(1 + sympy.exp(X)), {X: 800})
    assert mpmath.almosteq(value, 800, rel_eps=1e-25)


def test_what_it_does_not_know_is_said():
    with pytest.raises(UnsupportedNodeError):
        value_at(sympy.gamma(X), {X: 1})
    with pytest.raises(UnsupportedNodeError):
        value_at(X + Y, {X: 1})
    with pytest.raises(ZeroDivisionError):
        value_at(1 / X, {X: 0})


def test_compare_without_algebra_still_finds_a_difference():
    relu = ACTIVATIONS["relu"].function
    assert not compare(relu(X) * Y, X * Y, prove=False).equal
    outcome = compare((X + Y) ** 3, X**3 + 3 * X**2 * Y + 3 * X * Y**2 + Y**3, prove=False)
    assert (outcome.equal, outcome.how) == (True, "numeric")


def test_a_sum_that_cancels_is_computed_with_more_digits():
    # (e^100 + x)(e^100 - x) - e^200 is -x^2: at 30 digits the e^200 terms swallow it
    x = X
    cancelling = (sympy.exp(100) + x) * (sympy.exp(100) - x) - sympy.exp(200)
    assert not compare(cancelling, 0).equal
    assert compare(cancelling, -x**2, prove=False).equal
    assert compare((sympy.exp(100) + 1) * (sympy.exp(100) - 1) - sympy.exp(200), -1).equal
    assert mpmath.almosteq(value_at(cancelling, {x: 3}), -9, rel_eps=1e-25)
