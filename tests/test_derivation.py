"""Derivation: every step checked when built; false steps refused with their number and both sides."""

from __future__ import annotations

import pytest
import sympy

import symnn
from symnn.core.derivation import Derivation, Rule, Step, rounded_equal
from symnn.core.functions import ReLU, Sigmoid
from symnn.core.written import product

x = sympy.Symbol("x", real=True)


def test_a_false_step_is_refused_with_its_number_and_both_sides():
    f = 1 / (1 + sympy.exp(-x))
    with pytest.raises(symnn.DerivationError) as error:
        Derivation(sympy.Derivative(Sigmoid(x), x), [
            Step(sympy.Derivative(f, x), Rule.DEFINITION),
            Step(sympy.exp(-x) / (1 + sympy.exp(-x)) ** 2, Rule.QUOTIENT_RULE),
            Step(Sigmoid(x) * (1 + Sigmoid(x)), Rule.ALGEBRA),  # the classic sign slip
        ])
    message = str(error.value)
    assert message.startswith("step 3 (algebra) does not follow")
    assert "exp(-x)/(1 + exp(-x))**2" in message and "(Sigmoid(x) + 1)*Sigmoid(x)" in message
    assert "at x = " in message


def test_piecewise_heaviside_and_held_steps_are_checked():
    d = Derivation(sympy.Derivative(ReLU(x), x), [
        Step(sympy.Piecewise((0, x < 0), (1, True)), Rule.CASES),
        Step(sympy.Heaviside(x, 1), Rule.DEFINITION),
        Step(product(1, sympy.Heaviside(x, 1)), Rule.ALGEBRA),
    ])
    assert len(d) == 3
    with pytest.raises(symnn.DerivationError, match="step 2"):
        Derivation(sympy.Derivative(ReLU(x), x), [
            Step(sympy.Piecewise((0, x < 0), (1, True)), Rule.CASES),
            Step(sympy.Heaviside(-x, 1), Rule.DEFINITION),
        ])


def test_substitution_and_rounded_steps():
    w, eta, delta = sympy.symbols("w eta delta")
    d = Derivation(sympy.Symbol("w'"), [
        Step(w - eta * delta, Rule.DEFINITION),
        Step(sympy.Float("0.5") - sympy.Float("0.1") * sympy.Float("0.26"), Rule.SUBSTITUTION,
             values={w: sympy.Float("0.5"), eta: sympy.Float("0.1"), delta: sympy.Float("0.26")}),
        Step(sympy.Float("0.47"), Rule.NUMERIC, relation="≈", digits=2),
    ])
    assert d.proofs[-1] == "rounded"
    with pytest.raises(symnn.DerivationError, match=r"step 3 .* false at 2 decimals"):
        Derivation(sympy.Float("0.474"), [Step(sympy.Float("0.474"), Rule.NUMERIC),
                                          Step(sympy.Float("0.47"), Rule.NUMERIC, relation="≈", digits=2),
                                          Step(sympy.Float("0.46"), Rule.NUMERIC, relation="≈", digits=2)])


def test_rounding_is_half_up_at_the_digits_shown():
    assert rounded_equal(sympy.Float("0.125"), sympy.Float("0.13"), 2)
    assert not rounded_equal(sympy.Float("0.125"), sympy.Float("0.12"), 2)
    assert rounded_equal(sympy.Matrix([0.344, -0.655]), sympy.Matrix([0.34, -0.66]), 2)


def test_malformed_derivations():
    with pytest.raises(symnn.DerivationError, match="no steps"):
        Derivation(x, [])
    with pytest.raises(symnn.DerivationError, match="relation"):
        Step(x, relation="<")
    with pytest.raises(symnn.DerivationError, match="digits"):
        Step(x, relation="≈")
