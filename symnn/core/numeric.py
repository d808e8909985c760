"""Numerics: stable NumPy forms of the catalogue, ``lambdify`` with CSE, finite differences.

Formulas are derived symbolically and compiled to NumPy with :func:`compile_expressions`
(``sympy.lambdify`` with common-subexpression elimination). The catalogue's functions
are printed as the stable NumPy functions of this module: a sigmoid that is exactly
0 or 1 far out without an overflow warning, ``logaddexp`` for softplus, log-sum-exp for
softmax and cross-entropy.

>>> import numpy as np
>>> float(sigmoid(np.float64(-1000.0))), float(sigmoid(np.float64(1000.0)))
(0.0, 1.0)
>>> softmax(np.array([1000.0, 1000.0])).round(12).tolist()
[0.5, 0.5]
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

import numpy as np

__all__ = [
    "LOSSES",
    "NUMERIC_FUNCTIONS",
    "central_difference",
    "compile_expressions",
    "cross_entropy",
    "elu",
    "gelu",
    "gelu_tanh",
    "half_sse",
    "hinge",
    "identity",
    "leaky_relu",
    "log_softmax",
    "logsumexp",
    "mse",
    "relu",
    "sigmoid",
    "softmax",
    "softmax_cross_entropy",
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
    """e^{z_i} / sum_j e^{z_j}, computed as exp(log_softmax(z))."""
    return np.exp(log_softmax(z, axis=axis))


# -- losses (outputs and targets: arrays whose last axis runs over the output units) ----------
def half_sse(outputs, targets):
    """1/2 sum_i (o_i - y_i)^2 per sample.

    >>> float(half_sse(np.array([0.48, 0.53]), np.array([0.23, -0.07])))
    0.2112...
    """
    d = np.asarray(outputs, dtype=float) - np.asarray(targets, dtype=float)
    return 0.5 * np.sum(d * d, axis=-1)


def mse(outputs, targets):
    """1/n sum_i (o_i - y_i)^2 per sample (mean over the n outputs)."""
    d = np.asarray(outputs, dtype=float) - np.asarray(targets, dtype=float)
    return np.mean(d * d, axis=-1)


def cross_entropy(outputs, targets):
    """-sum_i y_i log(o_i) per sample (outputs are probabilities)."""
    outputs = np.asarray(outputs, dtype=float)
    targets = np.asarray(targets, dtype=float)
    with np.errstate(divide="ignore"):
        logs = np.log(outputs)
    return -np.sum(np.where(targets == 0, 0.0, targets * logs), axis=-1)


def softmax_cross_entropy(logits, targets):
    """-sum_i y_i log(softmax(z)_i) per sample, through log-sum-exp (logits of any size).

    >>> round(float(softmax_cross_entropy(np.array([1000.0, 0.0]), np.array([0.0, 1.0]))), 6)
    1000.0
    """
    return -np.sum(np.asarray(targets, dtype=float) * log_softmax(logits), axis=-1)


def hinge(outputs, targets):
    """Multi-class hinge (SVM) loss with one-hot targets: sum_{j != c} max(0, s_j - s_c + 1).

    ``s_c`` is the score of the labelled class, read as sum_i y_i s_i.
    """
    outputs = np.asarray(outputs, dtype=float)
    targets = np.asarray(targets, dtype=float)
    labelled = np.sum(targets * outputs, axis=-1, keepdims=True)
    return np.sum((1.0 - targets) * np.maximum(0.0, outputs - labelled + 1.0), axis=-1)


#: loss name -> per-sample NumPy loss of (outputs, targets)
LOSSES: dict[str, Callable] = {
    "half_sse": half_sse,
    "mse": mse,
    "cross_entropy": cross_entropy,
    "softmax_cross_entropy": softmax_cross_entropy,
    "hinge": hinge,
}

#: how ``lambdify`` prints the catalogue's SymPy functions
NUMERIC_FUNCTIONS: dict[str, Callable] = {
    "Sigmoid": sigmoid,
    "Tanh": tanh,
    "ReLU": relu,
    "LeakyReLU": leaky_relu,
    "ELU": elu,
    "Softplus": softplus,
    "GELU": gelu,
    "GELUTanh": gelu_tanh,
    "Identity": identity,
    "erf": erf,
}


def compile_expressions(arguments: Sequence, expressions: Sequence) -> Callable:
    """One NumPy function computing every expression from the argument symbols (CSE on).

    The compiled code never sees a user's names: every argument is replaced by a fresh
    :class:`sympy.Dummy` and the common subexpressions are named by Dummies too, so a
    symbol called ``x0`` (the name ``lambdify`` gives its first temporary) cannot be
    confused with anything of the compiler's own.

    >>> import sympy
    >>> x, y = sympy.symbols("x y")
    >>> f = compile_expressions([x, y], [x * y + 1, (x * y + 1) ** 2])
    >>> f(2.0, 3.0)
    [7.0, 49.0]
    >>> x0, x1 = sympy.symbols("x0 x1")  # names lambdify would give its temporaries
    >>> compile_expressions([x1, x0], [sympy.exp(x0 + x1) * (x0 + x1)])(0.0, 0.0)
    [0.0]
    """
    import sympy

    arguments = list(arguments)
    fresh = [sympy.Dummy(f"a{k}") for k in range(len(arguments))]
    rename = dict(zip(arguments, fresh, strict=True))
    renamed = [sympy.sympify(e, strict=True).xreplace(rename) for e in expressions]
    stray = set().union(*(e.free_symbols for e in renamed)) - set(fresh) if renamed else set()
    if stray:
        names = ", ".join(sorted(str(s) for s in stray))
        raise ValueError(f"compile_expressions: the formulas use {names}, which is not an argument")
    temporaries = sympy.numbered_symbols("t", cls=sympy.Dummy)

    def cse(exprs):
        return sympy.cse(exprs, symbols=temporaries)

    return sympy.lambdify(fresh, renamed, modules=[NUMERIC_FUNCTIONS, "numpy"], cse=cse)


def central_difference(function: Callable[[Mapping[str, float]], float],
                       point: Mapping[str, float], h: float = 1e-6) -> dict[str, float]:
    """The gradient of ``function`` at ``point`` by central differences, one name at a time.

    (f(p + h e_i) - f(p - h e_i)) / 2h has an error of order h^2.

    >>> g = central_difference(lambda p: p["a"] ** 2 * p["b"], {"a": 3.0, "b": 2.0})
    >>> round(g["a"], 6), round(g["b"], 6)
    (12.0, 9.0)
    """
    gradient = {}
    for name in point:
        up = dict(point)
        down = dict(point)
        up[name] = point[name] + h
        down[name] = point[name] - h
        gradient[name] = (float(function(up)) - float(function(down))) / (2 * h)
    return gradient
