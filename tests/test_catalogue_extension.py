"""One catalogue entry is enough: an activation and a loss registered there alone work on every path.

The path: spec -> evaluate -> train -> LaTeX -> derivation -> exercise generation -> checking a
line that uses the activation. The expected numbers come from HIPS autograd on the plain
formulas written in this file, never from symnn.
"""

from __future__ import annotations

import math

import autograd.numpy as anp
import numpy as np
import pytest
import sympy
from autograd import grad

import symnn
from symnn.core import functions
from symnn.topics import losses


class Swish(functions.Activation):
    """x * sigmoid(x): an activation the lecture does not have."""

    @classmethod
    def explicit_form(cls, x):
        return x / (1 + sympy.exp(-x))


def swish_numpy(x):
    with np.errstate(over="ignore"):
        return x / (1.0 + np.exp(-x))


def _quartic(o, y):
    return sympy.Add(*((oi - yi) ** 4 / 4 for oi, yi in zip(o, y, strict=True)))


def _quartic_gradient(o, y):
    return [(oi - yi) ** 3 for oi, yi in zip(o, y, strict=True)]


def _quartic_numpy(o, y, log_o):
    return np.sum((o - y) ** 4, axis=0) / 4, (o - y) ** 3


@pytest.fixture
def registered(monkeypatch):
    """The dummy activation and loss, registered in the catalogues only."""
    monkeypatch.setitem(functions.ACTIVATIONS, "swish",
                        functions.ActivationInfo("swish", Swish, "Swish", None, numpy=swish_numpy))
    monkeypatch.setitem(losses.LOSSES, "quartic",
                        losses.Loss("quartic", "Quartic loss", r"\frac{1}{4}\sum_i (o_i - y_i)^4",
                                    "predictions o_i", "values y_i", _quartic, _quartic_gradient,
                                    _quartic_numpy))


SPEC = """
title = "2-2-2 swish network with a quartic loss"

[network]
inputs = ["x1", "x2"]
loss = "quartic"

[[network.layers]]
units = ["h1", "h2"]
activation = "swish"
weights = { h1 = { x1 = "w1", x2 = "w3" }, h2 = { x1 = "w2", x2 = "w4" } }

[[network.layers]]
units = ["o1", "o2"]
activation = "swish"
weights = { o1 = { h1 = "w5", h2 = "w7" }, o2 = { h1 = "w6", h2 = "w8" } }

[values]
x1 = 0.5
x2 = 0.3
w1 = 0.2
w2 = -0.4
w3 = 0.5
w4 = 0.6
w5 = 0.1
w6 = -0.5
w7 = -0.3
w8 = 0.8

[targets]
o1 = 0.23
o2 = -0.07

[training]
learning_rate = 0.5
steps = 1
"""
NAMES = ["w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8"]
VALUES = {"x1": 0.5, "x2": 0.3, "w1": 0.2, "w2": -0.4, "w3": 0.5, "w4": 0.6,
          "w5": 0.1, "w6": -0.5, "w7": -0.3, "w8": 0.8}


def _swish(z):
    return z / (1.0 + anp.exp(-z))


def _loss(w, x1=0.5, x2=0.3, y1=0.23, y2=-0.07):
    h1 = _swish(w[0] * x1 + w[2] * x2)
    h2 = _swish(w[1] * x1 + w[3] * x2)
    o1 = _swish(w[4] * h1 + w[6] * h2)
    o2 = _swish(w[5] * h1 + w[7] * h2)
    return ((o1 - y1) ** 4 + (o2 - y2) ** 4) / 4


def test_a_registered_activation_and_loss_evaluate_and_train(registered):
    network = symnn.Network(symnn.parse_spec(SPEC))
    evaluation = network.evaluate()
    w = np.array([VALUES[n] for n in NAMES])
    assert evaluation.loss == pytest.approx(_loss(w), rel=1e-12)
    expected = grad(_loss)(w)
    for name, value in zip(NAMES, expected, strict=True):
        assert evaluation.gradients[name] == pytest.approx(value, rel=1e-9, abs=1e-15)
    training = network.train(steps=2)
    for _ in range(2):
        w = w - 0.5 * grad(_loss)(w)
    for name, value in zip(NAMES, w, strict=True):
        assert training.updated[name] == pytest.approx(value, rel=1e-9)


def test_a_registered_activation_prints_derives_and_is_checked(registered):
    x = sympy.Symbol("x")
    assert symnn.latex(Swish(x)) == r"\operatorname{swish}\left(x\right)"
    derivation = symnn.activation_derivation("swish")
    (variable,) = derivation.result.free_symbols
    at = 0.7
    slope = float(grad(_swish)(at))
    assert float(derivation.result.subs(variable, at).evalf(30)) == pytest.approx(slope, rel=1e-12)
    network = symnn.Network(symnn.parse_spec(SPEC))
    forward = network.forward_derivations("h1")
    forward = forward if isinstance(forward, list | tuple) else [forward]
    assert any(r"\operatorname{swish}" in d.to_latex() for d in forward)
    assert network.derivation("w1").to_latex().count(r"\\") >= 3
    # a line of a worked solution that uses it: right, and wrong
    value = 1.0 / (1.0 + math.exp(-1.0))
    right = symnn.check(f"$y = swish(1) = {value:.4f}$", timeout=None)
    wrong = symnn.check(f"$y = swish(1) = {value + 0.01:.4f}$", timeout=None)
    assert [r.verdict for r in right.lines] == ["correct"]
    assert [r.verdict for r in wrong.lines] == ["arithmetic"]


def test_a_registered_activation_makes_exercises(registered):
    exercise = symnn.parse_exercise("""
title = "Swish at a point"

[exercise]
kind = "activation_derivative"
decimals = 4

[values]
activation = "swish"
x = 0.5

[randomize]
x = { min = -2.0, max = 2.0, step = 0.1 }
""", source="swish.toml")
    result = symnn.generate_variants(exercise, 5, seed=3)
    assert len(result.variants) == 5
    for variant in result.variants:
        x = float(variant.values["x"])
        numbers = variant.numbers
        assert any(v == pytest.approx(float(_swish(x)), rel=1e-9) for v in numbers.values())
        assert any(v == pytest.approx(float(grad(_swish)(x)), rel=1e-9) for v in numbers.values())
    network = symnn.parse_exercise(SPEC, source="swish_network.toml")
    made = symnn.generate_variants(network, 3, seed=1)
    assert len(made.variants) == 3
