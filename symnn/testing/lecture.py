"""The lecture's worked backpropagation example (2-2-2 sigmoid network, half-SSE), by hand.

Plain Python and ``math`` only, written as the lecture does it on paper: forward pass,
error, the output deltas, the hidden deltas, every gradient, one update with eta = 1.
It shares no code with :class:`symnn.Network`, so a test comparing the two compares two
independent computations.

>>> result = lecture_backprop()
>>> round(result["loss"], 4), round(result["gradients"]["w5"], 4), round(result["gradients"]["w1"], 5)
(0.2097, 0.0346, -0.00842)
"""

from __future__ import annotations

import math

__all__ = ["LECTURE_VALUES", "lecture_backprop"]

#: the lecture's numbers: inputs, weights (w1, w3 into h1; w2, w4 into h2; w5, w7 into o1;
#: w6, w8 into o2), targets, learning rate
LECTURE_VALUES = {"x1": 0.5, "x2": 0.3, "w1": 0.2, "w2": -0.4, "w3": 0.5, "w4": 0.6, "w5": 0.1,
                  "w6": -0.5, "w7": -0.3, "w8": 0.8, "y1": 0.23, "y2": -0.07, "eta": 1.0}


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def lecture_backprop(values: dict | None = None) -> dict:
    """Forward values, loss, deltas, gradients and updated weights of the lecture's network."""
    v = dict(LECTURE_VALUES, **(values or {}))
    x1, x2 = v["x1"], v["x2"]
    in_h1 = v["w1"] * x1 + v["w3"] * x2
    in_h2 = v["w2"] * x1 + v["w4"] * x2
    h1, h2 = _sigmoid(in_h1), _sigmoid(in_h2)
    in_o1 = v["w5"] * h1 + v["w7"] * h2
    in_o2 = v["w6"] * h1 + v["w8"] * h2
    o1, o2 = _sigmoid(in_o1), _sigmoid(in_o2)
    loss = 0.5 * (o1 - v["y1"]) ** 2 + 0.5 * (o2 - v["y2"]) ** 2
    # output deltas: dError/do * do/dIn
    d_o1 = (o1 - v["y1"]) * o1 * (1 - o1)
    d_o2 = (o2 - v["y2"]) * o2 * (1 - o2)
    # hidden deltas: (sum over the units fed of weight * delta) * dh/dIn
    d_h1 = (v["w5"] * d_o1 + v["w6"] * d_o2) * h1 * (1 - h1)
    d_h2 = (v["w7"] * d_o1 + v["w8"] * d_o2) * h2 * (1 - h2)
    gradients = {"w1": d_h1 * x1, "w3": d_h1 * x2, "w2": d_h2 * x1, "w4": d_h2 * x2,
                 "w5": d_o1 * h1, "w7": d_o1 * h2, "w6": d_o2 * h1, "w8": d_o2 * h2}
    updated = {name: v[name] - v["eta"] * g for name, g in gradients.items()}
    return {"forward": {"h1": h1, "h2": h2, "o1": o1, "o2": o2},
            "preactivation": {"h1": in_h1, "h2": in_h2, "o1": in_o1, "o2": in_o2},
            "loss": loss, "deltas": {"h1": d_h1, "h2": d_h2, "o1": d_o1, "o2": d_o2},
            "gradients": gradients, "updated": updated}
