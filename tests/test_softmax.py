"""Softmax: the Jacobian against finite differences, the lecture's steps, stable numerics."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import symnn
from symnn.topics.softmax import (
    ExpSum,
    Softmax,
    log_softmax_numpy,
    logits,
    logsumexp_numpy,
    softmax,
    softmax_derivation,
    softmax_jacobian,
    softmax_numpy,
    softmax_sums_to_one,
)

z = logits(3)
logit_vectors = st.lists(st.floats(min_value=-4, max_value=4, allow_nan=False), min_size=3, max_size=3)


def by_hand(values):
    exps = [math.exp(v) for v in values]
    return [e / sum(exps) for e in exps]


@settings(max_examples=15, deadline=None)
@given(values=logit_vectors)
def test_jacobian_matches_finite_differences(values, central_difference, value_at):
    point = dict(zip(z, values, strict=True))
    jacobian = softmax_jacobian(z)
    y = by_hand(values)
    for i in range(3):
        for j in range(3):
            expected = y[i] * ((i == j) - y[j])  # y_i (delta_ij - y_j), computed here from floats
            assert value_at(jacobian[i, j], point) == pytest.approx(expected, rel=1e-9, abs=1e-12)
            explicit_yi = sympy.exp(z[i]) / sum(sympy.exp(a) for a in z)
            numeric = central_difference(explicit_yi, z[j], point)
            assert numeric == pytest.approx(expected, rel=1e-7, abs=1e-10)


def test_sympy_diff_of_the_explicit_form_agrees_with_the_jacobian():
    explicit_y = [sympy.exp(a) / sum(sympy.exp(b) for b in z) for a in z]
    for i in range(3):
        for j in range(3):
            assert symnn.compare(sympy.diff(explicit_y[i], z[j]), softmax_jacobian(z)[i, j]).equal


def test_lecture_special_cases():
    y1, y2, _ = softmax(z)
    assert softmax_derivation(1, 1).result == y1 * (1 - y1)
    assert softmax_derivation(1, 2).result == -y1 * y2
    rules = [s.rule for s in softmax_derivation(1, 1).steps]
    assert symnn.Rule.QUOTIENT_RULE in rules and symnn.Rule.EXP_RULE in rules


def test_outputs_sum_to_one_and_lie_in_zero_one(value_at):
    assert softmax_sums_to_one(4).result == 1
    point = dict(zip(z, (0.3, -1.2, 2.0), strict=True))
    values = [value_at(y, point) for y in softmax(z)]
    assert all(0 < v < 1 for v in values)
    assert values == pytest.approx(by_hand([0.3, -1.2, 2.0]))


def test_latex_looks_like_the_lecture():
    latex = softmax_derivation(1, 2).to_latex()
    assert r"\sum_{k} e^{z_{k}}" in latex
    assert r"\hat{y}_{1}" in latex and r"\hat{y}_{2}" in latex
    assert symnn.latex(ExpSum(sympy.Symbol("a"), sympy.Symbol("b"))) == "e^{a} + e^{b}"


def test_bad_indices_are_refused():
    with pytest.raises(symnn.SymnnError, match=r"1\.\.3"):
        softmax_derivation(4, 1)
    with pytest.raises(symnn.SymnnError, match=r"classes are 1\.\.2"):
        Softmax(3, *logits(2))
    with pytest.raises(symnn.SymnnError, match="whole number"):
        logits(0)


def test_numpy_softmax_is_stable():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert softmax_numpy([1000.0, 1000.0, -1000.0]).tolist() == pytest.approx([0.5, 0.5, 0.0])
        assert float(logsumexp_numpy([1000.0, 1000.0])) == pytest.approx(1000 + math.log(2))
        assert log_softmax_numpy([0.0, -1000.0]).tolist() == pytest.approx([0.0, -1000.0])
    rows = softmax_numpy(np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]]))
    assert rows.sum(axis=1).tolist() == pytest.approx([1.0, 1.0])
    assert rows[0].tolist() == pytest.approx(by_hand([1.0, 2.0, 3.0]))


def test_lecture_section_states_the_three_class_gradient_rightly():
    import importlib

    section = importlib.import_module("derivations.softmax_cross_entropy").section()
    assert section.order == 20
    stated = {claim.stated: claim for claim in section.claims}
    assert set(stated) == {"-0.66", "0.46", "0.20", "1"}
    assert all(claim.right for claim in section.claims)
    assert stated["-0.66"].exact == pytest.approx(0.34 - 1)
