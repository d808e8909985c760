"""The derivative of every activation, derived step by step from its explicit form.

Each derivation starts from the formula the lecture gives (sigmoid 1/(1+e^{-x}),
tanh 2/(1+e^{-2x}) - 1, ReLU by cases, ...) and ends at the derivative written
the way the field writes it, in terms of the function itself where that is
possible (sigmoid f(1 - f), tanh 1 - f^2, ELU f + alpha below zero). Every step is
checked when the :class:`~symnn.core.derivation.Derivation` is built.

>>> d = activation_derivation("sigmoid")
>>> d.result
(1 - Sigmoid(x))*Sigmoid(x)
>>> [step.rule.name for step in d.steps][:3]
['DEFINITION', 'QUOTIENT_RULE', 'CHAIN_RULE']
"""

from __future__ import annotations

from collections.abc import Callable

import sympy
from sympy import Derivative, Heaviside, Limit, Piecewise, S, erf, exp, log, pi, sqrt

from ..core.derivation import Derivation, Rule, Step
from ..core.errors import SymnnError
from ..core.functions import (
    ELU,
    GELU,
    GELUTanh,
    Identity,
    LeakyReLU,
    ReLU,
    Sigmoid,
    Softplus,
    Tanh,
    activation_info,
)
from ..core.written import difference, negative, product, quotient, total

__all__ = ["ACTIVATION_DERIVATIONS", "activation_derivation", "relu_one_sided_derivatives"]

x = sympy.Symbol("x", real=True)
alpha = sympy.Symbol("alpha", positive=True)


def _sigmoid() -> Derivation:
    u = exp(-x)
    return Derivation(Derivative(Sigmoid(x), x), [
        Step(Derivative(1 / (1 + u), x), Rule.DEFINITION, note=r"$f(x) = \frac{1}{1 + e^{-x}}$"),
        Step(quotient(difference(product(0, 1 + u), product(1, Derivative(1 + u, x))), (1 + u) ** 2),
             Rule.QUOTIENT_RULE, note=r"quotient rule $(\frac{v}{u})' = \frac{v'u - vu'}{u^2}$"),
        Step(quotient(u, (1 + u) ** 2), Rule.CHAIN_RULE, note=r"$(e^{-x})' = -e^{-x}$"),
        Step(product(1 / (1 + u), quotient(u, 1 + u)), Rule.ALGEBRA),
        Step(product(1 / (1 + u), difference(1, 1 / (1 + u))), Rule.ALGEBRA,
             note=r"$\frac{e^{-x}}{1 + e^{-x}} = 1 - \frac{1}{1 + e^{-x}}$"),
        Step(Sigmoid(x) * (1 - Sigmoid(x)), Rule.DEFINITION, note=r"$f(x) = \frac{1}{1 + e^{-x}}$"),
    ], title="Derivative of the sigmoid", name="sigmoid",
        text="Quotient rule on the explicit form, then the result written with $f$ itself.")


def _tanh() -> Derivation:
    u = exp(-2 * x)
    f = 2 / (1 + u) - 1
    return Derivation(Derivative(Tanh(x), x), [
        Step(Derivative(f, x), Rule.DEFINITION, note=r"$f(x) = \frac{2}{1 + e^{-2x}} - 1$"),
        Step(negative(quotient(product(2, Derivative(1 + u, x)), (1 + u) ** 2)), Rule.CHAIN_RULE,
             note=r"$(\frac{1}{g})' = -\frac{g'}{g^2}$"),
        Step(quotient(4 * u, (1 + u) ** 2), Rule.CHAIN_RULE, note=r"$(e^{-2x})' = -2e^{-2x}$"),
        Step(product(quotient(2 * u, 1 + u), 2 / (1 + u)), Rule.ALGEBRA),
        Step(product(difference(1, f), total(f, 1)), Rule.ALGEBRA,
             note=r"$\frac{2e^{-2x}}{1 + e^{-2x}} = 1 - f(x)$, $\frac{2}{1 + e^{-2x}} = 1 + f(x)$"),
        Step(product(1 - Tanh(x), 1 + Tanh(x)), Rule.DEFINITION, note=r"$f(x) = \frac{2}{1 + e^{-2x}} - 1$"),
        Step(1 - Tanh(x) ** 2, Rule.ALGEBRA),
    ], title="Derivative of tanh", name="tanh",
        text="The lecture's form of tanh; the chain rule, then the result written with $f$ itself.")


def _relu() -> Derivation:
    return Derivation(Derivative(ReLU(x), x), [
        Step(Derivative(ReLU.explicit_form(x), x), Rule.DEFINITION,
             note=r"$f(x) = 0$ for $x < 0$, $x$ for $x \ge 0$"),
        Step(Piecewise((S.Zero, x < 0), (S.One, True)), Rule.CASES,
             note=r"each case; $f'(0) = 1$ by the lecture's convention"),
        Step(Heaviside(x, 1), Rule.DEFINITION, note=r"step function $H$ with $H(0) = 1$"),
    ], title="Derivative of the ReLU", name="relu",
        text="Differentiate each case. At 0 the one-sided derivatives differ (0 and 1); "
             "the lecture takes $f'(0) = 1$.")


def _leaky_relu() -> Derivation:
    return Derivation(Derivative(LeakyReLU(x, alpha), x), [
        Step(Derivative(LeakyReLU.explicit_form(x, alpha), x), Rule.DEFINITION,
             note=r"$f(x) = \alpha x$ for $x < 0$, $x$ for $x \ge 0$"),
        Step(Piecewise((alpha, x < 0), (S.One, True)), Rule.CASES, note=r"each case; $f'(0) = 1$"),
    ], title="Derivative of the leaky ReLU", name="leaky_relu",
        text="Differentiate each case; the slope $\\alpha$ (0.01 unless given) keeps a gradient below zero.")


def _elu() -> Derivation:
    return Derivation(Derivative(ELU(x, alpha), x), [
        Step(Derivative(ELU.explicit_form(x, alpha), x), Rule.DEFINITION,
             note=r"$f(x) = \alpha(e^x - 1)$ for $x \le 0$, $x$ for $x > 0$"),
        Step(Piecewise((alpha * exp(x), x <= 0), (S.One, True)), Rule.CASES,
             note=r"$(e^x)' = e^x$ in each case"),
        Step(Piecewise((total(alpha * (exp(x) - 1), alpha), x <= 0), (S.One, True)), Rule.ALGEBRA,
             note=r"$\alpha e^x = \alpha(e^x - 1) + \alpha$"),
        Step(Piecewise((ELU(x, alpha) + alpha, x <= 0), (S.One, True)), Rule.DEFINITION,
             note=r"$f(x) = \alpha(e^x - 1)$ for $x \le 0$"),
    ], title="Derivative of the ELU", name="elu",
        text="Below zero the derivative is the function plus $\\alpha$.")


def _softplus() -> Derivation:
    return Derivation(Derivative(Softplus(x), x), [
        Step(Derivative(log(1 + exp(x)), x), Rule.DEFINITION, note=r"$f(x) = \log(1 + e^x)$"),
        Step(quotient(Derivative(1 + exp(x), x), 1 + exp(x)), Rule.CHAIN_RULE,
             note=r"$(\log g)' = \frac{g'}{g}$"),
        Step(quotient(exp(x), 1 + exp(x)), Rule.EXP_RULE),
        Step(quotient(1, 1 + exp(-x)), Rule.ALGEBRA, note=r"divide above and below by $e^x$"),
        Step(Sigmoid(x), Rule.DEFINITION, note="the sigmoid"),
    ], title="Derivative of the softplus", name="softplus",
        text="The softplus is a smooth ReLU; its derivative is the sigmoid.")


def _gelu() -> Derivation:
    u = x / sqrt(2)
    phi = (1 + erf(u)) / 2
    return Derivation(Derivative(GELU(x), x), [
        Step(Derivative(product(x, phi), x), Rule.DEFINITION,
             note=r"$f(x) = x\Phi(x)$, $\Phi(x) = \frac{1}{2}(1 + \operatorname{erf}\frac{x}{\sqrt{2}})$"),
        Step(total(phi, product(x / 2, Derivative(erf(u), x))), Rule.PRODUCT_RULE),
        Step(total(phi, product(x / 2, 2 / sqrt(pi) * exp(-(u**2)), 1 / sqrt(2))), Rule.CHAIN_RULE,
             note=r"$\operatorname{erf}'(u) = \frac{2}{\sqrt{\pi}} e^{-u^2}$"),
        Step(total(phi, x * exp(-(x**2) / 2) / sqrt(2 * pi)), Rule.ALGEBRA,
             note=r"$= \Phi(x) + x\varphi(x)$, $\varphi$ the normal density"),
    ], title="Derivative of the GELU (exact)", name="gelu",
        text="Product rule on $x\\Phi(x)$: the normal distribution function plus $x$ times its density.")


def _gelu_tanh() -> Derivation:
    c = GELUTanh.c
    k = sqrt(2 / pi)
    u = k * (x + c * x**3)
    return Derivation(Derivative(GELUTanh(x), x), [
        Step(Derivative(product(x / 2, 1 + Tanh(u)), x), Rule.DEFINITION,
             note=r"$f(x) = \frac{x}{2}(1 + \tanh(\sqrt{2/\pi}\,(x + 0.044715x^3)))$"),
        Step(total((1 + Tanh(u)) / 2, product(x / 2, Derivative(Tanh(u), x))), Rule.PRODUCT_RULE),
        Step(total((1 + Tanh(u)) / 2, product(x / 2, 1 - Tanh(u) ** 2, Derivative(u, x))), Rule.CHAIN_RULE,
             note=r"$\tanh' = 1 - \tanh^2$"),
        Step(total((1 + Tanh(u)) / 2, product(x / 2, 1 - Tanh(u) ** 2, k * (1 + 3 * c * x**2))),
             Rule.POWER_RULE),
    ], title="Derivative of the GELU (tanh approximation)", name="gelu_tanh",
        text="Product rule, then the chain rule through tanh, whose derivative is $1 - \\tanh^2$.")


def _identity() -> Derivation:
    return Derivation(Derivative(Identity(x), x), [
        Step(Derivative(x, x), Rule.DEFINITION, note=r"$f(x) = x$"),
        Step(S.One, Rule.POWER_RULE),
    ], title="Derivative of the identity", name="identity")


#: catalogue name -> the function that builds its derivation
ACTIVATION_DERIVATIONS: dict[str, Callable[[], Derivation]] = {
    "sigmoid": _sigmoid,
    "tanh": _tanh,
    "relu": _relu,
    "leaky_relu": _leaky_relu,
    "elu": _elu,
    "softplus": _softplus,
    "gelu": _gelu,
    "gelu_tanh": _gelu_tanh,
    "identity": _identity,
}


def activation_derivation(name: str) -> Derivation:
    """The checked derivation of the activation ``name``'s derivative (an unknown name lists the known).

    >>> activation_derivation("tanh").result
    1 - Tanh(x)**2
    """
    info = activation_info(name)
    build = ACTIVATION_DERIVATIONS.get(info.name)
    return build() if build is not None else _from_explicit_form(info)


def _from_explicit_form(info) -> Derivation:
    """The derivation of a catalogue entry that has no hand-written one: its explicit form, differentiated.

    Any activation registered in the catalogue gets a checked derivation this way; the
    lecture's activations have their own, in the lecture's steps, above.
    """
    function = info.function(x)
    form = function.rewrite(exp)
    if form == function:
        raise SymnnError(f"the activation '{info.name}' has no explicit form to differentiate "
                         "(give its class a _eval_rewrite_as_exp)")
    derivative = sympy.diff(form, x)
    steps = [Step(Derivative(form, x), Rule.DEFINITION, note=f"the explicit form of {info.title}"),
             Step(derivative, Rule.CHAIN_RULE)]
    in_terms_of_f = function.fdiff()
    if in_terms_of_f.has(info.function) and not in_terms_of_f.has(Derivative, sympy.Subs):
        steps.append(Step(in_terms_of_f, Rule.DEFINITION, note="written with f itself"))
    return Derivation(Derivative(function, x), steps, title=f"Derivative of {info.title}", name=info.name,
                      text="The explicit form differentiated, rule by rule.")


def relu_one_sided_derivatives() -> tuple[Derivation, Derivation]:
    """The ReLU's difference quotient at 0 from the right (1) and from the left (0).

    They differ, so the ReLU has no derivative at 0; the lecture takes the right one.

    >>> [d.result for d in relu_one_sided_derivatives()]
    [1, 0]
    """
    derivations = []
    for direction, sign, value in (("+", {"positive": True}, S.One), ("-", {"negative": True}, S.Zero)):
        h = sympy.Symbol("h", **sign)
        side = "right" if direction == "+" else "left"
        quotient_at_zero = quotient(difference(ReLU(h, evaluate=False), ReLU(0, evaluate=False)), h)
        held_value = h if direction == "+" else S.Zero
        derivations.append(Derivation(Limit(quotient_at_zero, h, 0, direction), [
            Step(Limit(quotient(held_value, h), h, 0, direction), Rule.DEFINITION,
                 note=f"$f(h) = {held_value}$ for $h {'>' if direction == '+' else '<'} 0$, $f(0) = 0$"),
            Step(value, Rule.LIMIT),
        ], title=f"The {side} derivative of the ReLU at 0", name=f"relu_{side}"))
    return derivations[0], derivations[1]
