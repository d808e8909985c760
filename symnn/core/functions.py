"""The activation catalogue: SymPy functions that know their derivative and explicit form.

Each activation is a :class:`sympy.Function` subclass. It knows

* its derivative (``fdiff``), written in terms of the function itself where the
  field does so (sigmoid: f(1 - f), tanh: 1 - f^2);
* its explicit form, reached with ``expr.rewrite(sympy.exp)`` (or :func:`explicit`);
* its numeric value at a number (a Float argument evaluates, a symbol stays).

How a function is *printed* is not its business: see :mod:`symnn.render.latex`.

>>> import sympy
>>> x = sympy.Symbol("x")
>>> sympy.diff(Sigmoid(x), x)
(1 - Sigmoid(x))*Sigmoid(x)
>>> Tanh(x).rewrite(sympy.exp)
-1 + 2/(1 + exp(-2*x))
>>> activation("relu")
ReLU
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sympy
from mpmath.libmp import prec_to_dps
from sympy import Float, Function, Heaviside, Piecewise, S, exp, log, sqrt

from . import stable
from .errors import UnknownNameError

__all__ = [
    "ACTIVATIONS",
    "ELU",
    "GELU",
    "Activation",
    "ActivationInfo",
    "DefinedFunction",
    "GELUTanh",
    "Identity",
    "LeakyReLU",
    "ReLU",
    "Sigmoid",
    "Softplus",
    "Tanh",
    "activation",
    "activation_info",
    "explicit",
]


class DefinedFunction(Function):
    """A function symnn knows the explicit form of: :func:`explicit` rewrites it with ``rewrite(exp)``."""


class Activation(DefinedFunction):
    """Base class of the catalogue: one argument, evaluates at Floats, rewrites to explicit form."""

    nargs = 1

    @classmethod
    def explicit_form(cls, x: sympy.Expr) -> sympy.Expr:  # pragma: no cover - abstract
        raise NotImplementedError

    @classmethod
    def eval(cls, x):
        if isinstance(x, Float):
            return cls.explicit_form(x).evalf(prec_to_dps(x._prec))
        return None

    def fdiff(self, argindex=1):
        """f'(x) from the explicit form; the lecture's activations give it in terms of f instead."""
        point = sympy.Dummy("x", real=True)
        return sympy.diff(self.explicit_form(point), point).subs(point, self.args[0])

    def _eval_rewrite_as_exp(self, x, **kwargs):
        return self.explicit_form(x)

    def _eval_rewrite_as_Piecewise(self, x, **kwargs):
        return self.explicit_form(x)

    def _eval_evalf(self, prec):
        return self.explicit_form(self.args[0])._eval_evalf(prec)

    def _eval_is_real(self):
        return self.args[0].is_real


class Sigmoid(Activation):
    r"""The logistic sigmoid f(x) = 1/(1 + e^{-x}); f'(x) = f(x)(1 - f(x))."""

    @classmethod
    def explicit_form(cls, x):
        return 1 / (1 + exp(-x))

    @classmethod
    def eval(cls, x):
        if x is S.Zero:
            return S.Half
        return super().eval(x)

    def fdiff(self, argindex=1):
        return self * (1 - self)

    def _eval_is_positive(self):
        return self.args[0].is_real


class Tanh(Activation):
    r"""The hyperbolic tangent in the lecture's form 2/(1 + e^{-2x}) - 1; f'(x) = 1 - f(x)^2."""

    @classmethod
    def explicit_form(cls, x):
        return 2 / (1 + exp(-2 * x)) - 1

    @classmethod
    def eval(cls, x):
        if x is S.Zero:
            return S.Zero
        return super().eval(x)

    def fdiff(self, argindex=1):
        return 1 - self**2

    def _eval_rewrite_as_tanh(self, x, **kwargs):
        return sympy.tanh(x)


class ReLU(Activation):
    r"""The rectifier f(x) = max(0, x).

    Its derivative is a step. The lecture takes f'(0) = 1; the class attribute
    ``derivative_at_zero`` holds that convention, and :meth:`with_derivative_at_zero`
    makes a ReLU with another one.

    >>> x = sympy.Symbol("x")
    >>> sympy.diff(ReLU(x), x)
    Heaviside(x, 1)
    >>> sympy.diff(ReLU.with_derivative_at_zero(0)(x), x)
    Heaviside(x, 0)
    """

    derivative_at_zero = S.One

    @classmethod
    def explicit_form(cls, x):
        return Piecewise((S.Zero, x < 0), (x, True))

    @classmethod
    def eval(cls, x):
        if x.is_nonnegative:
            return x
        if x.is_negative:
            return S.Zero
        return super().eval(x)

    def fdiff(self, argindex=1):
        return Heaviside(self.args[0], self.derivative_at_zero)

    def _eval_rewrite_as_Max(self, x, **kwargs):
        return sympy.Max(0, x)

    @classmethod
    def with_derivative_at_zero(cls, value) -> type[ReLU]:
        """A ReLU whose derivative at 0 is ``value`` (0, 1/2 or 1); the same class for the same value.

        >>> ReLU.with_derivative_at_zero(0) is ReLU.with_derivative_at_zero(0.0)
        True
        """
        value = sympy.nsimplify(value)
        if value == ReLU.derivative_at_zero:
            return ReLU
        if value not in _RELU_VARIANTS:
            _RELU_VARIANTS[value] = type("ReLU", (ReLU,), {"derivative_at_zero": value,
                                                           "__module__": __name__})
        return _RELU_VARIANTS[value]


_RELU_VARIANTS: dict = {}


_LEAKY_SLOPE = sympy.Rational(1, 100)


class LeakyReLU(Activation):
    r"""Leaky rectifier: x for x >= 0, alpha x below, with alpha = 1/100 unless given.

    >>> x = sympy.Symbol("x")
    >>> sympy.diff(LeakyReLU(x), x)
    Piecewise((1/100, x < 0), (1, True))
    """

    nargs = (1, 2)

    @property
    def alpha(self):
        return self.args[1] if len(self.args) > 1 else sympy.Rational(1, 100)

    @classmethod
    def explicit_form(cls, x, alpha=_LEAKY_SLOPE):
        return Piecewise((alpha * x, x < 0), (x, True))

    @classmethod
    def eval(cls, x, alpha=None):
        alpha = sympy.Rational(1, 100) if alpha is None else alpha
        if x.is_nonnegative:
            return x
        if x.is_negative:
            return alpha * x
        return None

    def _eval_rewrite_as_exp(self, *args, **kwargs):
        return self.explicit_form(self.args[0], self.alpha)

    _eval_rewrite_as_Piecewise = _eval_rewrite_as_exp

    def _eval_evalf(self, prec):
        return self.explicit_form(self.args[0], self.alpha)._eval_evalf(prec)

    def fdiff(self, argindex=1):
        if argindex != 1:
            return Piecewise((self.args[0], self.args[0] < 0), (S.Zero, True))
        return Piecewise((self.alpha, self.args[0] < 0), (S.One, True))


class ELU(Activation):
    r"""Exponential linear unit: x for x > 0, alpha (e^x - 1) otherwise (alpha = 1 unless given).

    Below zero its derivative is f(x) + alpha, in terms of the function itself.
    """

    nargs = (1, 2)

    @property
    def alpha(self):
        return self.args[1] if len(self.args) > 1 else S.One

    @classmethod
    def explicit_form(cls, x, alpha=S.One):
        return Piecewise((alpha * (exp(x) - 1), x <= 0), (x, True))

    @classmethod
    def eval(cls, x, alpha=None):
        alpha = S.One if alpha is None else alpha
        if x.is_positive:
            return x
        if x is S.Zero:
            return S.Zero
        if isinstance(x, Float):
            return cls.explicit_form(x, alpha).evalf(prec_to_dps(x._prec))
        return None

    def _eval_rewrite_as_exp(self, *args, **kwargs):
        return self.explicit_form(self.args[0], self.alpha)

    _eval_rewrite_as_Piecewise = _eval_rewrite_as_exp

    def _eval_evalf(self, prec):
        return self.explicit_form(self.args[0], self.alpha)._eval_evalf(prec)

    def fdiff(self, argindex=1):
        x = self.args[0]
        if argindex != 1:
            return Piecewise((exp(x) - 1, x <= 0), (S.Zero, True))
        return Piecewise((self + self.alpha, x <= 0), (S.One, True))


class Softplus(Activation):
    r"""Softplus f(x) = log(1 + e^x), a smooth ReLU; f'(x) = sigmoid(x)."""

    @classmethod
    def explicit_form(cls, x):
        return log(1 + exp(x))

    def fdiff(self, argindex=1):
        return Sigmoid(self.args[0])


class GELU(Activation):
    r"""Gaussian error linear unit, exact: x Phi(x) = x/2 (1 + erf(x/sqrt(2)))."""

    @classmethod
    def explicit_form(cls, x):
        return x / 2 * (1 + sympy.erf(x / sqrt(2)))

    @classmethod
    def eval(cls, x):
        if x is S.Zero:
            return S.Zero
        return super().eval(x)

    def fdiff(self, argindex=1):
        x = self.args[0]
        return (1 + sympy.erf(x / sqrt(2))) / 2 + x * exp(-(x**2) / 2) / sqrt(2 * sympy.pi)


class GELUTanh(Activation):
    r"""GELU, tanh approximation: x/2 (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))."""

    c = sympy.Rational(44715, 1000000)

    @classmethod
    def explicit_form(cls, x):
        return x / 2 * (1 + Tanh(sqrt(2 / sympy.pi) * (x + cls.c * x**3)).rewrite(exp))

    @classmethod
    def eval(cls, x):
        if x is S.Zero:
            return S.Zero
        return super().eval(x)

    def fdiff(self, argindex=1):
        x = self.args[0]
        u = sqrt(2 / sympy.pi) * (x + self.c * x**3)
        t = Tanh(u)
        return (1 + t) / 2 + x / 2 * (1 - t**2) * sqrt(2 / sympy.pi) * (1 + 3 * self.c * x**2)


class Identity(Activation):
    r"""The identity (linear) activation f(x) = x; f'(x) = 1."""

    @classmethod
    def explicit_form(cls, x):
        return x

    @classmethod
    def eval(cls, x):
        if x.is_number:
            return x
        return None

    def fdiff(self, argindex=1):
        return S.One


@dataclass(frozen=True)
class ActivationInfo:
    """A catalogue entry: the function, its display name, the lecture's statement of f', its numbers.

    ``numpy`` is the stable NumPy form (finite input gives a finite value, no warning);
    ``log_numpy``, where given, is log f(x) computed without forming f(x) (it stays finite
    where f(x) underflows to 0), used by losses that take the log of an activation.
    """

    name: str
    function: type[Activation]
    title: str
    self_derivative: str | None  # f' in terms of f, as the field writes it; None if none exists
    numpy: Callable = stable.identity
    peak_slope: float = 1.0  # the largest value of f' (a unit is saturated far below it)
    kink: bool = False  # f' jumps at 0, where its value is a convention
    log_numpy: Callable | None = None
    latex: str = ""  # how formulas write it (a LaTeX command); empty: \operatorname{name}

    @property
    def latex_name(self) -> str:
        r"""The LaTeX name of the function: ``\sigma`` for the sigmoid, ``\operatorname{name}`` by default."""
        return self.latex or rf"\operatorname{{{self.name}}}"


#: The catalogue, one line per activation. Add an entry here to extend symnn.
ACTIVATIONS: dict[str, ActivationInfo] = {
    info.name: info
    for info in (
        ActivationInfo("sigmoid", Sigmoid, "Sigmoid", "f(x)(1 - f(x))", stable.sigmoid, peak_slope=0.25,
                       log_numpy=stable.log_sigmoid, latex=r"\sigma"),
        ActivationInfo("tanh", Tanh, "Tanh", "1 - f(x)^2", stable.tanh, latex=r"\tanh"),
        ActivationInfo("relu", ReLU, "ReLU (Rectified Linear Unit)", None, stable.relu, kink=True,
                       latex=r"\operatorname{ReLU}"),
        ActivationInfo("leaky_relu", LeakyReLU, "Leaky ReLU", None, stable.leaky_relu, kink=True,
                       latex=r"\operatorname{LeakyReLU}"),
        ActivationInfo("elu", ELU, "ELU", "f(x) + alpha for x <= 0", stable.elu, latex=r"\operatorname{ELU}"),
        ActivationInfo("softplus", Softplus, "Softplus", None, stable.softplus,
                       log_numpy=stable.log_softplus, latex=r"\operatorname{softplus}"),
        ActivationInfo("gelu", GELU, "GELU (exact)", None, stable.gelu, peak_slope=1.129,
                       latex=r"\operatorname{GELU}"),
        ActivationInfo("gelu_tanh", GELUTanh, "GELU (tanh approximation)", None, stable.gelu_tanh,
                       peak_slope=1.129, latex=r"\operatorname{GELU}_{\tanh}"),
        ActivationInfo("identity", Identity, "Identity", "1", stable.identity, latex=r"\operatorname{id}"),
    )
}

#: other names users write for catalogue entries (alias -> catalogue name)
ACTIVATION_ALIASES = {"logistic": "sigmoid", "linear": "identity", "leakyrelu": "leaky_relu",
            "gelu_exact": "gelu", "gelu_approx": "gelu_tanh"}


def _canonical(name: str) -> str:
    key = name.strip().lower().replace("-", "_").replace(" ", "_")
    return ACTIVATION_ALIASES.get(key, key)


def activation_info(name: str) -> ActivationInfo:
    """The catalogue entry for ``name``; an unknown name lists the known ones.

    >>> activation_info("Sigmoid").title
    'Sigmoid'
    """
    key = _canonical(name)
    if key not in ACTIVATIONS:
        raise UnknownNameError("activation", name, ACTIVATIONS)
    return ACTIVATIONS[key]


def info_of(function: type) -> ActivationInfo | None:
    r"""The catalogue entry whose SymPy class is ``function`` (None for other functions).

    >>> print(info_of(Sigmoid).latex_name)
    \sigma
    """
    for info in ACTIVATIONS.values():
        if info.function is function:
            return info
    return None


def activation(name: str) -> type[Activation]:
    """The activation function class called ``name`` (case and dashes do not matter)."""
    return activation_info(name).function


def explicit(expr: sympy.Expr) -> sympy.Expr:
    """``expr`` with every catalogue function replaced by its explicit form.

    >>> x = sympy.Symbol("x")
    >>> explicit(Sigmoid(x) + ReLU(x))
    Piecewise((0, x < 0), (x, True)) + 1/(1 + exp(-x))
    """
    return sympy.sympify(expr, strict=True).replace(
        lambda e: isinstance(e, DefinedFunction),
        lambda e: e.rewrite(exp),
    )
