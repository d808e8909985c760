"""compare(): numbers at random points, then algebra; robust to the forms derivations use."""

from __future__ import annotations

import sympy

from symnn.core.equality import compare, sample_points
from symnn.core.functions import ELU, ReLU, Sigmoid, Tanh
from symnn.core.written import product, quotient

x, y = sympy.symbols("x y", real=True)


def test_equal_and_unequal():
    assert compare(sympy.diff(1 / (1 + sympy.exp(-x)), x), Sigmoid(x) * (1 - Sigmoid(x))).equal
    result = compare(Sigmoid(x), 1 - Sigmoid(x))
    assert not result.equal and result.how == "counterexample" and "x" in result.point


def test_tanh_in_the_lecture_form_is_the_hyperbolic_tangent():
    assert compare(Tanh(x), sympy.tanh(x)).equal


def test_piecewise_and_heaviside():
    assert compare(sympy.Derivative(ReLU(x), x), sympy.Heaviside(x, 1)).equal
    assert compare(sympy.Piecewise((0, x < 0), (1, True)), sympy.Heaviside(x)).equal  # equal off x = 0
    assert not compare(sympy.Piecewise((0, x < 0), (1, True)), sympy.Heaviside(-x)).equal
    assert compare(sympy.diff(ELU(x), x), sympy.Piecewise((sympy.exp(x), x <= 0), (1, True))).equal


def test_held_forms_and_unevaluated_expressions():
    assert compare(product(sympy.exp(x), sympy.exp(x)), sympy.exp(2 * x)).equal
    assert compare(quotient(x * y, y), x).equal
    assert compare(sympy.UnevaluatedExpr(x) * 2, 2 * x).equal


def test_limits_of_catalogue_functions():
    h = sympy.Symbol("h", positive=True)
    assert compare(sympy.Limit((ReLU(h) - ReLU(0)) / h, h, 0, "+"), 1).equal


def test_matrices_entry_by_entry():
    assert compare(sympy.Matrix([x + x, 1]), sympy.Matrix([2 * x, 1])).equal
    assert not compare(sympy.Matrix([x, 1]), sympy.Matrix([x, 2])).equal
    assert not compare(sympy.Matrix([x, 1]), sympy.Matrix([x, 1, 0])).equal


def test_decimals_agree_to_twelve_digits():
    assert compare(sympy.Float("0.34") - 1, sympy.Float("-0.66")).equal
    assert not compare(sympy.Float("0.34") - 1, sympy.Float("-0.67")).equal
    assert not compare(sympy.Rational(1, 3), sympy.Rational(1, 3) + sympy.Rational(1, 10**15)).equal


def test_sample_points_respect_signs_and_are_reproducible():
    p = sympy.Symbol("p", positive=True)
    n = sympy.Symbol("n", negative=True)
    points = sample_points({p, n}, 20, seed=3)
    assert all(pt[p] > 0 and pt[n] < 0 for pt in points)
    assert points == sample_points({p, n}, 20, seed=3)
