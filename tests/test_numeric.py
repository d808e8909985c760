"""Stable NumPy forms: no overflow warnings, agreement with the plain formulas where those are safe."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from symnn.core import numeric
from symnn.core.functions import ACTIVATIONS
from symnn.topics.losses import loss as loss_named


def test_sigmoid_has_no_overflow_at_large_arguments():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        values = numeric.sigmoid(np.array([-1000.0, -50.0, 0.0, 50.0, 1000.0]))
    assert values[0] == 0.0 and values[-1] == 1.0 and values[2] == 0.5
    assert values[1] == pytest.approx(math.exp(-50) / (1 + math.exp(-50)), rel=1e-12)


def test_sigmoid_is_exact_at_the_extremes_for_numbers_and_arrays_and_leaves_its_argument():
    x = np.array([[-1000.0, 1000.0], [-745.5, 710.0]])
    kept = x.copy()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        grid = numeric.sigmoid(x)
        low, high = numeric.sigmoid(-1000.0), numeric.sigmoid(np.float64(1000.0))
        zero_d = numeric.sigmoid(np.array(-1000.0))
    assert grid.tolist() == [[0.0, 1.0], [0.0, 1.0]]
    assert float(low) == 0.0 and float(high) == 1.0 and float(zero_d) == 0.0
    assert np.array_equal(x, kept)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(-800, 800), min_size=1, max_size=8))
def test_sigmoid_agrees_with_the_two_branch_form(values):
    x = np.array(values)
    e = np.exp(-np.abs(x))
    two_branch = np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = numeric.sigmoid(x)
    # below about -709 the value is subnormal (< 2.3e-308) and is given as 0
    assert got == pytest.approx(two_branch, rel=1e-14, abs=1e-300)


def test_softmax_and_cross_entropy_use_log_sum_exp():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        p = numeric.softmax(np.array([1000.0, 999.0, -1000.0]))
        loss = loss_named("softmax_cross_entropy").value(np.array([1000.0, 0.0]), np.array([0.0, 1.0]))
        lse = numeric.logsumexp(np.array([[1000.0, 1000.0], [-1000.0, -1000.0]]))
    assert p.sum() == pytest.approx(1.0)
    assert p[0] / p[1] == pytest.approx(math.e)
    assert loss == pytest.approx(1000.0)
    assert lse == pytest.approx([1000 + math.log(2), -1000 + math.log(2)])


@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(-30, 30), min_size=1, max_size=6))
def test_losses_agree_with_the_plain_formulas(z):
    z = np.array(z)
    k = len(z)
    target = np.zeros(k)
    target[0] = 1.0
    plain_softmax = np.exp(z) / np.exp(z).sum()
    assert numeric.softmax(z) == pytest.approx(plain_softmax, rel=1e-12, abs=1e-300)
    assert loss_named("softmax_cross_entropy").value(z, target) == pytest.approx(
        -math.log(plain_softmax[0]), rel=1e-9)
    y = np.linspace(-1, 1, k)
    assert loss_named("half_sse").value(z, y) == pytest.approx(
        0.5 * sum((a - b) ** 2 for a, b in zip(z, y, strict=True)))
    assert loss_named("mse").value(z, y) == pytest.approx(
        sum((a - b) ** 2 for a, b in zip(z, y, strict=True)) / k)
    margins = [max(0.0, z[j] - z[0] + 1) for j in range(1, k)]
    assert loss_named("hinge").value(z, target) == pytest.approx(sum(margins))


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_numeric_activations_match_the_catalogue(name):
    function = ACTIVATIONS[name].function
    stable = ACTIVATIONS[name].numpy
    for x in (-3.2, -0.7, 0.4, 2.5):
        exact = float(function(sympy.Float(x, 30)))
        assert float(stable(np.float64(x))) == pytest.approx(exact, rel=1e-12, abs=1e-14)


def test_compiled_expressions_print_catalogue_functions_stably():
    from symnn.core.functions import Sigmoid, Softplus

    x = sympy.Symbol("x")
    f = numeric.compile_expressions([x], [Sigmoid(x), Softplus(x), sympy.diff(Sigmoid(x), x)])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s, p, d = f(np.array([-1000.0, 0.0, 1000.0]))
    assert s.tolist() == [0.0, 0.5, 1.0]
    assert p.tolist() == pytest.approx([0.0, math.log(2), 1000.0])
    assert d.tolist() == [0.0, 0.25, 0.0]


def test_central_difference_is_second_order():
    def f(p):
        return math.sin(p["a"]) * math.exp(p["b"])

    g = numeric.central_difference(f, {"a": 0.3, "b": -0.2}, h=1e-5)
    assert g["a"] == pytest.approx(math.cos(0.3) * math.exp(-0.2), rel=1e-9)
    assert g["b"] == pytest.approx(math.sin(0.3) * math.exp(-0.2), rel=1e-9)


def test_numeric_never_imports_the_higher_layers():
    import ast
    from pathlib import Path

    tree = ast.parse(Path(numeric.__file__).read_text())
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                 for alias in node.names}
    assert not any(name and name.split(".")[-1] in {"network", "check", "cli", "spec"} for name in imported)
