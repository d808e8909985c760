"""Numerics: ``lambdify`` with CSE over the catalogue's stable NumPy forms, finite differences.

Formulas are derived symbolically and compiled to NumPy with :func:`compile_expressions`
(``sympy.lambdify`` with common-subexpression elimination). The catalogue's functions
are printed as their stable NumPy forms (:mod:`symnn.core.stable`, one field of each
catalogue entry): a sigmoid that is exactly 0 or 1 far out without an overflow warning,
``logaddexp`` for softplus, log-sum-exp for softmax.

>>> import numpy as np
>>> float(sigmoid(np.float64(-1000.0))), float(sigmoid(np.float64(1000.0)))
(0.0, 1.0)
>>> softmax(np.array([1000.0, 1000.0])).round(12).tolist()
[0.5, 0.5]
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from .errors import SymnnError
from .functions import ACTIVATIONS, activation_info
from .stable import (
    elu,
    erf,
    exp_sum,
    gelu,
    gelu_tanh,
    heaviside,
    identity,
    leaky_relu,
    log_sigmoid,
    log_softmax,
    log_softplus,
    logsumexp,
    relu,
    sigmoid,
    softmax,
    softmax_component,
    softplus,
    tanh,
)

__all__ = [
    "activation_numpy",
    "central_difference",
    "compile_expressions",
    "elu",
    "erf",
    "exp_sum",
    "finite_json",
    "gelu",
    "gelu_tanh",
    "heaviside",
    "identity",
    "leaky_relu",
    "log_activation_numpy",
    "log_sigmoid",
    "log_softmax",
    "log_softplus",
    "logsumexp",
    "numeric_functions",
    "relu",
    "sigmoid",
    "softmax",
    "softmax_component",
    "softplus",
    "tanh",
]

def numeric_functions() -> dict[str, Callable]:
    """How ``lambdify`` prints SymPy functions: every catalogue entry by its stable NumPy form (read
    from the catalogue at each call, so an entry registered later is known), the lecture's softmax
    (``Softmax``, ``ExpSum``) and erf.

    >>> numeric_functions()["Sigmoid"] is activation_info("sigmoid").numpy
    True
    """
    return {**{info.function.__name__: info.numpy for info in ACTIVATIONS.values()},
            "Softmax": softmax_component, "ExpSum": exp_sum, "erf": erf}


def activation_numpy(name: str) -> Callable:
    """The stable NumPy form of the activation ``name`` (``softmax`` over axis 0: units first).

    >>> float(activation_numpy("sigmoid")(0.0))
    0.5
    """
    if name == "softmax":
        return lambda z: softmax(z, axis=0)
    return activation_info(name).numpy


def log_activation_numpy(name: str) -> Callable:
    """log f(z) computed from the net inputs z where the catalogue knows a stable form, else log of f.

    >>> float(log_activation_numpy("sigmoid")(-800.0))
    -800.0
    """
    if name == "softmax":
        return lambda z: log_softmax(z, axis=0)
    info = activation_info(name)
    if info.log_numpy is not None:
        return info.log_numpy

    def log_of(z):
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.log(info.numpy(z))

    return log_of


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
    >>> [float(v) for v in compile_expressions([x1, x0], [sympy.exp(x0 + x1) * (x0 - x1)])(1.0, 3.0)]
    [109.19630006628847]
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

    return sympy.lambdify(fresh, renamed, modules=[numeric_functions(), "numpy"], cse=cse)


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


def finite_json(data, overflow: str = "error", **options) -> str:
    """``json.dumps(data, allow_nan=False)``; a value that is not finite is named in a clear error.

    With ``overflow="null"`` an infinite value (a number beyond the range of a float, such as
    -1/o for an output o that underflowed to 0) is written as ``null`` and named in a list
    ``"beyond_float_range"``; NaN (a value that is not defined) is always an error.

    >>> finite_json({"loss": 0.5})
    '{"loss": 0.5}'
    >>> finite_json({"g": {"o1": float("-inf")}}, overflow="null")
    '{"g": {"o1": null}, "beyond_float_range": ["g.o1"]}'
    >>> finite_json({"gradients": {"w1": float("nan")}})
    Traceback (most recent call last):
    ...
    symnn.core.errors.SymnnError: gradients.w1 is nan, not a finite number: it cannot be written as JSON
    """
    beyond: list[str] = []

    def walk(value, where: str):
        if isinstance(value, float) and not math.isfinite(value):
            if math.isinf(value) and overflow == "null":
                beyond.append(where)
                return None
            raise SymnnError(f"{where or 'the value'} is {value}, not a finite number: it cannot be written "
                             "as JSON")
        if isinstance(value, dict):
            return {key: walk(item, f"{where}.{key}" if where else str(key)) for key, item in value.items()}
        if isinstance(value, (list, tuple)):
            return [walk(item, f"{where}[{index}]") for index, item in enumerate(value)]
        return value

    cleaned = walk(data, "")
    if beyond and isinstance(cleaned, dict):
        cleaned["beyond_float_range"] = beyond
    return json.dumps(cleaned, allow_nan=False, **options)
