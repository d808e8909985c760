"""Losses: gradients against finite differences, the lecture's numbers, a public worked example."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import symnn
from symnn.topics.losses import (
    LOSSES,
    cross_entropy_derivation,
    loss,
    one_hot,
    regularization,
    regularization_gradient,
    softmax_cross_entropy_example,
    total_loss,
)
from symnn.topics.softmax import logits, softmax

o = sympy.symbols("o_1:4", real=True)
y = sympy.symbols("y_1:4", real=True)
triples = st.lists(st.floats(min_value=-3, max_value=3, allow_nan=False), min_size=3, max_size=3)
probabilities = st.lists(st.floats(min_value=0.05, max_value=1, allow_nan=False), min_size=3, max_size=3)


def check_gradient(name, outputs, targets, central_difference, value_at, rel=1e-7):
    entry = loss(name)
    point = dict(zip(o, outputs, strict=True))
    expr = entry.expr(o, targets)
    gradient = entry.gradient(o, targets)
    for k, symbol in enumerate(o):
        numeric = central_difference(expr, symbol, point)
        assert value_at(gradient[k], point) == pytest.approx(numeric, rel=rel, abs=1e-9)
        assert entry.gradient_value(outputs, targets)[k] == pytest.approx(numeric, rel=rel, abs=1e-9)
    assert entry.value(outputs, targets) == pytest.approx(value_at(expr, point), rel=1e-12, abs=1e-12)


@settings(max_examples=10, deadline=None)
@given(outputs=triples, targets=triples)
def test_squared_errors(outputs, targets, central_difference, value_at):
    for name in ("half_sse", "mse"):
        check_gradient(name, outputs, targets, central_difference, value_at)


@settings(max_examples=10, deadline=None)
@given(q=probabilities, p=probabilities)
def test_cross_entropy(q, p, central_difference, value_at):
    check_gradient("cross_entropy", q, p, central_difference, value_at)


@settings(max_examples=10, deadline=None)
@given(z=triples, label=st.integers(1, 3))
def test_softmax_losses_with_a_one_hot_target(z, label, central_difference, value_at):
    for name in ("softmax_cross_entropy", "softmax"):
        check_gradient(name, z, one_hot(label, 3), central_difference, value_at)


@settings(max_examples=10, deadline=None)
@given(z=triples, p=probabilities)
def test_softmax_cross_entropy_with_any_target_vector(z, p, central_difference, value_at):
    check_gradient("softmax_cross_entropy", z, p, central_difference, value_at)


@settings(max_examples=15, deadline=None)
@given(s=triples, label=st.integers(1, 3))
def test_hinge_subgradient_away_from_the_kinks(s, label, central_difference, value_at):
    c = label - 1
    if any(abs(s[j] - s[c] + 1) < 1e-3 for j in range(3) if j != c):
        return  # a margin at its kink: no derivative there
    check_gradient("hinge", s, one_hot(label, 3), central_difference, value_at)


def test_hinge_with_symbolic_one_hot_targets_matches_the_numeric_form():
    scores = (3.2, 5.1, -1.7)
    entry = loss("hinge")
    general = entry.expr(o, y)
    for label in (1, 2, 3):
        target = one_hot(label, 3)
        at = dict(zip(o, scores, strict=True)) | dict(zip(y, target, strict=True))
        assert float(general.subs(at)) == pytest.approx(float(entry.expr(o, target).subs(at)))
        gradient = [float(g.subs(at)) for g in entry.gradient(o, y)]
        assert gradient == pytest.approx(entry.gradient_value(scores, target).tolist())


def test_public_worked_example_of_the_multiclass_svm_and_softmax_losses():
    # CS231n's example: scores cat 3.2, car 5.1, frog -1.7 for an image of a cat
    scores, cat = [3.2, 5.1, -1.7], one_hot(1, 3)
    assert loss("hinge").value(scores, cat) == pytest.approx(max(0, 5.1 - 3.2 + 1) + max(0, -1.7 - 3.2 + 1))
    assert loss("hinge").value(scores, cat) == pytest.approx(2.9)
    assert loss("softmax").value(scores, cat) == pytest.approx(2.04, abs=0.005)  # -ln 0.13
    exact = -math.log(math.exp(3.2) / sum(math.exp(s) for s in scores))
    assert loss("softmax").value(scores, cat) == pytest.approx(exact)


def test_the_lecture_three_class_example():
    derivation = softmax_cross_entropy_example()
    assert [float(v) for v in derivation.result] == pytest.approx([0.34 - 1, 0.46, 0.20])
    assert [round(float(v), 2) for v in derivation.result] == [-0.66, 0.46, 0.20]
    z = logits(3)
    gradient = loss("softmax_cross_entropy").gradient(z, [1, 0, 0])
    yhat = softmax(z)
    assert gradient == [yhat[0] - 1, yhat[1], yhat[2]]


def test_cross_entropy_chain_rule_as_the_lecture_explains():
    yhat = softmax(logits(3))
    first = cross_entropy_derivation(1)
    assert first.result == yhat[0] - 1
    assert first.steps[0].rule is symnn.Rule.CHAIN_RULE
    assert cross_entropy_derivation(2).result == yhat[1]


def test_numeric_losses_are_stable():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert loss("softmax_cross_entropy").value([1000.0, 0.0], [1, 0]) == pytest.approx(0.0)
        assert loss("softmax_cross_entropy").value([0.0, 1000.0], [1, 0]) == pytest.approx(1000.0)
        assert loss("softmax_cross_entropy").gradient_value([0.0, 1000.0], [1, 0]).tolist() == [-1.0, 1.0]


def test_regularization_and_total_loss():
    w = sympy.symbols("w_1 w_2", real=True)
    lam = sympy.Symbol("lambda", positive=True)
    assert regularization("l2", w) == w[0] ** 2 + w[1] ** 2
    assert regularization("L1", w) == sympy.Abs(w[0]) + sympy.Abs(w[1])
    assert regularization_gradient("l2", w, lam) == [2 * lam * w[0], 2 * lam * w[1]]
    assert regularization_gradient("l1", w, lam) == [lam * sympy.sign(w[0]), lam * sympy.sign(w[1])]
    samples = sympy.symbols("L_1:4")
    total = total_loss(samples, w, strength=lam, regularizer="l1")
    assert sympy.expand(total - (sum(samples) / 3 + lam * (sympy.Abs(w[0]) + sympy.Abs(w[1])))) == 0
    with pytest.raises(symnn.UnknownNameError, match="known: l1, l2"):
        regularization("l3", w)


def test_unknown_loss_lists_the_known_ones():
    with pytest.raises(symnn.UnknownNameError) as error:
        loss("cross_entropi")
    message = str(error.value)
    assert "did you mean 'cross_entropy'" in message
    assert all(name in message for name in LOSSES)


def test_bad_inputs_name_the_problem():
    with pytest.raises(symnn.LossInputError, match="one target per output: got 3 outputs and 2"):
        loss("mse").expr(o, y[:2])
    with pytest.raises(symnn.LossInputError, match="one-hot"):
        loss("hinge").expr(o, [0.5, 0.5, 0])
    with pytest.raises(symnn.LossInputError, match="same length"):
        loss("mse").value([1.0, 2.0], [1.0])
    with pytest.raises(symnn.LossInputError, match="q > 0"):
        loss("cross_entropy").value([0.0, 1.0], [1.0, 0.0])
    with pytest.raises(symnn.LossInputError):
        one_hot(4, 3)
    assert np.isfinite(loss("half_sse").value([1, 2], [0, 0]))
