"""Stable NumPy forms of the activations and of softmax: no overflow, no warning, no NaN from finite input.

These are the numbers behind the catalogue (:data:`symnn.core.functions.ACTIVATIONS`
holds each activation's stable form as a field) and behind every compiled formula.
NumPy only.

>>> float(sigmoid(np.float64(-1000.0))), float(sigmoid(np.float64(1000.0)))
(0.0, 1.0)
>>> softmax(np.array([1000.0, 1000.0])).round(12).tolist()
[0.5, 0.5]
>>> float(log_sigmoid(np.float64(-800.0)))
-800.0
"""

from __future__ import annotations

import math

import numpy as np

__all__ = [
    "elu",
    "erf",
    "exp_sum",
    "gelu",
    "gelu_tanh",
    "heaviside",
    "identity",
    "leaky_relu",
    "log_sigmoid",
    "log_softmax",
    "log_softplus",
    "logsumexp",
    "relu",
    "sigmoid",
    "softmax",
    "softmax_component",
    "softplus",
    "tanh",
]


# -- activations ----------------------------------------------------------------------------
def sigmoid(x):
    """The logistic sigmoid 1 / (1 + e^{-x}), exactly 0 and 1 far out and without a warning.

    For x below about -709, e^{-x} overflows to infinity and 1 / (1 + inf) is exactly 0;
    that overflow is expected and silenced. Four passes over the data, in place.

    >>> round(float(sigmoid(0.0)), 3), sigmoid(np.array([-1000.0, 1000.0])).tolist()
    (0.5, [0.0, 1.0])
    """
    x = np.asarray(x, dtype=float)
    if x.ndim == 0:
        with np.errstate(over="ignore"):
            return 1.0 / (1.0 + np.exp(-x))
    e = np.negative(x)
    with np.errstate(over="ignore"):
        np.exp(e, out=e)
    e += 1.0
    return np.divide(1.0, e, out=e)


def tanh(x):
    """The hyperbolic tangent (NumPy's is already stable)."""
    return np.tanh(np.asarray(x, dtype=float))


def relu(x):
    """max(0, x)."""
    return np.maximum(np.asarray(x, dtype=float), 0.0)


def leaky_relu(x, alpha=0.01):
    """x for x >= 0, alpha x below."""
    x = np.asarray(x, dtype=float)
    return np.where(x >= 0, x, float(alpha) * x)


def elu(x, alpha=1.0):
    """x for x > 0, alpha (e^x - 1) otherwise; e^x is only taken of the non-positive part."""
    x = np.asarray(x, dtype=float)
    return np.where(x > 0, x, float(alpha) * np.expm1(np.minimum(x, 0.0)))


def softplus(x):
    """log(1 + e^x) as ``logaddexp(0, x)``: no overflow for large x."""
    return np.logaddexp(0.0, np.asarray(x, dtype=float))


_erf = np.frompyfunc(math.erf, 1, 1)


def erf(x):
    """The error function, elementwise."""
    return np.asarray(_erf(np.asarray(x, dtype=float)), dtype=float)


def gelu(x):
    """x Phi(x) = x/2 (1 + erf(x / sqrt 2))."""
    x = np.asarray(x, dtype=float)
    return 0.5 * x * (1.0 + erf(x / math.sqrt(2.0)))


def gelu_tanh(x):
    """The tanh approximation of GELU."""
    x = np.asarray(x, dtype=float)
    return 0.5 * x * (1.0 + np.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x**3)))


def identity(x):
    """x itself."""
    return np.asarray(x, dtype=float)


def heaviside(x, at_zero=1.0):
    """The step function with the value ``at_zero`` at 0."""
    return np.heaviside(np.asarray(x, dtype=float), float(at_zero))


def logsumexp(z, axis=-1):
    """log(sum(exp(z))) along ``axis``, shifted by the maximum so that nothing overflows.

    >>> float(logsumexp(np.array([1000.0, 1000.0])))  # 1000 + log 2
    1000.6931471805599
    """
    z = np.asarray(z, dtype=float)
    top = np.max(z, axis=axis, keepdims=True)
    top = np.where(np.isfinite(top), top, 0.0)
    return np.squeeze(top, axis=axis) + np.log(np.sum(np.exp(z - top), axis=axis))


def log_softmax(z, axis=-1):
    """log(softmax(z)) = z - logsumexp(z), stable."""
    z = np.asarray(z, dtype=float)
    return z - np.expand_dims(logsumexp(z, axis=axis), axis)


def softmax(z, axis=-1):
    """e^{z_i} / sum_j e^{z_j}, computed as e^{z_i - max z} / sum_j e^{z_j - max z} (no overflow).

    >>> softmax(np.array([1000.0, 1000.0])).tolist()
    [0.5, 0.5]
    """
    z = np.asarray(z, dtype=float)
    top = np.max(z, axis=axis, keepdims=True)
    shifted = np.exp(z - np.where(np.isfinite(top), top, 0.0))
    return shifted / np.sum(shifted, axis=axis, keepdims=True)


def log_sigmoid(x):
    """log(1/(1 + e^{-x})) = -log(1 + e^{-x}) = -logaddexp(0, -x): finite for every finite x.

    >>> [round(float(v), 6) for v in log_sigmoid(np.array([-800.0, 0.0, 800.0]))]
    [-800.0, -0.693147, -0.0]
    """
    return -np.logaddexp(0.0, -np.asarray(x, dtype=float))


def log_softplus(x):
    """log(log(1 + e^x)), finite for every finite x (far below 0 it is x + log(1 - e^x/2 + ...)).

    >>> round(float(log_softplus(np.float64(-800.0))), 6), round(float(log_softplus(np.float64(0.0))), 6)
    (-800.0, -0.366513)
    """
    x = np.asarray(x, dtype=float)
    small = x < -30.0  # log1p(e^x) = e^x (1 - e^x/2 + e^2x/3 ...): its log is x + log1p(-e^x/2 + ...)
    with np.errstate(divide="ignore", over="ignore"):
        e = np.exp(np.where(small, x, 0.0))
        far = x + np.log1p(-e / 2 + e * e / 3)
        near = np.log(np.logaddexp(0.0, x))
    return np.where(small, far, near)


def softmax_component(index, *z):
    """Component ``index`` (1-based) of the softmax of the arrays ``z``, computed stably.

    >>> round(float(softmax_component(2, 1000.0, 1001.0, 999.0)), 12)
    0.665240955775
    """
    stacked = np.stack(np.broadcast_arrays(*[np.asarray(v, dtype=float) for v in z]))
    return softmax(stacked, axis=0)[int(index) - 1]


def exp_sum(*z):
    """sum_k e^{z_k} as exp(logsumexp(z)) (overflows only where the sum itself is beyond a float)."""
    stacked = np.stack(np.broadcast_arrays(*[np.asarray(v, dtype=float) for v in z]))
    with np.errstate(over="ignore"):
        return np.exp(logsumexp(stacked, axis=0))
