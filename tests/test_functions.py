"""The activation catalogue: derivatives against SymPy's diff of the explicit form and finite differences."""

from __future__ import annotations

import math
import warnings

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import symnn
from symnn.core.functions import ACTIVATIONS, ReLU, Sigmoid, Tanh, activation, explicit
from symnn.topics.activations import ACTIVATION_DERIVATIONS, activation_derivation, relu_one_sided_derivatives

x = sympy.Symbol("x", real=True)

#: the explicit forms, written here from the lecture and the literature (not taken from the code)
TEXTBOOK = {
    "sigmoid": 1 / (1 + sympy.exp(-x)),
    "tanh": 2 / (1 + sympy.exp(-2 * x)) - 1,
    "relu": sympy.Max(0, x),
    "leaky_relu": sympy.Piecewise((x / 100, x < 0), (x, True)),
    "elu": sympy.Piecewise((sympy.exp(x) - 1, x <= 0), (x, True)),
    "softplus": sympy.log(1 + sympy.exp(x)),
    "gelu": x * (1 + sympy.erf(x / sympy.sqrt(2))) / 2,
    "gelu_tanh": x / 2 * (1 + sympy.tanh(sympy.sqrt(2 / sympy.pi)
                                         * (x + sympy.Rational(44715, 10**6) * x**3))),
    "identity": x,
}

#: points away from the kink at 0 of the piecewise functions
points = st.floats(min_value=-6, max_value=6, allow_nan=False).filter(lambda v: abs(v) > 1e-3)


def test_textbook_covers_the_catalogue():
    assert set(TEXTBOOK) == set(ACTIVATIONS) == set(ACTIVATION_DERIVATIONS)


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_explicit_form_is_the_textbook_formula(name, value_at):
    f = activation(name)(x)
    for v in (-2.5, -0.3, 0.7, 3.1):
        assert value_at(f, {x: v}) == pytest.approx(value_at(TEXTBOOK[name], {x: v}), rel=1e-12, abs=1e-14)


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
@settings(max_examples=12, deadline=None)
@given(v=points)
def test_derivative_matches_diff_of_explicit_form_and_finite_differences(name, v, value_at,
                                                                         central_difference):
    f = activation(name)(x)
    stated = sympy.diff(f, x)  # the catalogue's own derivative (fdiff, in terms of f)
    truth = sympy.diff(TEXTBOOK[name], x)  # SymPy's diff of the textbook formula
    expected = value_at(truth, {x: v})
    assert value_at(stated, {x: v}) == pytest.approx(expected, rel=1e-10, abs=1e-12)
    assert central_difference(TEXTBOOK[name], x, {x: v}) == pytest.approx(expected, rel=1e-8, abs=1e-10)


@pytest.mark.parametrize("name", sorted(ACTIVATION_DERIVATIONS))
def test_each_derivation_ends_at_the_true_derivative(name, value_at):
    derivation = activation_derivation(name)
    assert derivation.lhs == sympy.Derivative(activation(name)(x), x) or name in ("leaky_relu", "elu")
    result = derivation.result
    if name in ("leaky_relu", "elu"):  # derived for a general alpha; the textbook uses the default
        default = 1 if name == "elu" else sympy.Rational(1, 100)
        result = result.subs(sympy.Symbol("alpha", positive=True), default)
    for v in (-2.0, -0.4, 0.3, 1.7):
        assert value_at(result, {x: v}) == pytest.approx(value_at(sympy.diff(TEXTBOOK[name], x), {x: v}),
                                                         rel=1e-10, abs=1e-12)


def test_derivatives_in_terms_of_the_function_as_the_lecture_writes_them():
    f = Sigmoid(x)
    assert activation_derivation("sigmoid").result == f * (1 - f)
    assert activation_derivation("tanh").result == 1 - Tanh(x) ** 2
    assert activation_derivation("softplus").result == Sigmoid(x)
    assert activation_derivation("identity").result == 1
    assert activation_derivation("sigmoid").steps[1].rule is symnn.Rule.QUOTIENT_RULE


def test_relu_derivative_at_zero_follows_the_lecture_and_can_be_switched():
    assert sympy.diff(ReLU(x), x).subs(x, 0) == 1
    assert sympy.diff(ReLU.with_derivative_at_zero(0)(x), x).subs(x, 0) == 0
    assert sympy.diff(ReLU.with_derivative_at_zero(sympy.S.Half)(x), x).subs(x, 0) == sympy.S.Half
    assert ReLU.with_derivative_at_zero(0) is ReLU.with_derivative_at_zero(0)


def test_relu_one_sided_difference_quotients():
    right, left = relu_one_sided_derivatives()
    h = 1e-9
    assert right.result == round((max(0, h) - 0) / h)
    assert left.result == round((max(0, -h) - 0) / -h)


def test_unknown_activation_lists_the_known_ones():
    with pytest.raises(symnn.UnknownNameError) as error:
        activation_derivation("sigmod")
    message = str(error.value)
    assert "did you mean 'sigmoid'" in message
    assert all(name in message for name in ACTIVATIONS)


def test_names_ignore_case_and_dashes():
    assert activation("Leaky-ReLU") is activation("leaky_relu")
    assert activation("logistic") is Sigmoid


def test_float_arguments_evaluate_without_overflow():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert float(Sigmoid(sympy.Float(-1000))) == pytest.approx(math.exp(-1000), abs=1e-300)
        assert float(Sigmoid(sympy.Float(0.5))) == pytest.approx(1 / (1 + math.exp(-0.5)))
        assert float(Tanh(sympy.Float(0.5))) == pytest.approx(math.tanh(0.5))


def test_explicit_rewrites_nested_and_softmax_functions():
    z = symnn.logits(2)
    expr = Sigmoid(Tanh(x)) + symnn.Softmax(1, *z)
    rewritten = explicit(expr)
    assert not rewritten.has(Sigmoid, Tanh, symnn.Softmax)
    assert rewritten.has(sympy.exp)


def test_activation_section_derives_every_catalogue_function():
    import importlib

    section = importlib.import_module("derivations.activations").section()
    assert section.order == 10
    derived = {block.name for block in section.blocks if isinstance(block, symnn.Derivation)}
    assert set(ACTIVATIONS) <= derived
    figures = [block.filename for block in section.blocks if isinstance(block, symnn.Figure)]
    assert len(figures) == len(ACTIVATIONS)


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_peak_slope_and_kink_are_true_of_the_function(name):
    """The catalogue's largest f' and its kink flag, against central differences of the explicit form."""
    import numpy as np

    info = ACTIVATIONS[name]
    x = sympy.Symbol("x", real=True)
    f = sympy.lambdify(x, explicit(info.function(x)), "mpmath")
    h = 1e-6

    def slope(v: float) -> float:
        return float((f(v + h) - f(v - h)) / (2 * h))

    grid = np.linspace(-8, 8, 3201)
    largest = max(slope(float(v)) for v in grid)
    assert largest == pytest.approx(info.peak_slope, rel=2e-3)
    left = float((f(0.0) - f(-h)) / h)
    right = float((f(h) - f(0.0)) / h)
    assert (abs(right - left) > 0.5) == info.kink
