"""Gradient descent: the derivative as a limit, the first-order Taylor step, steepest descent, the update.

The lecture's argument, each part done by SymPy rather than asserted:

1. df/dx = lim_{h->0} (f(x+h) - f(x))/h (:func:`limit_derivation`, SymPy's ``limit``);
2. f(x + Δx) - f(x) ≈ (∇f(x))^T Δx, the first-order Taylor step: the exact change and
   the linear prediction agree to O(|Δx|^2) (:func:`directional_derivation`, :func:`taylor_table`);
3. (∇f)^T Δx = |∇f| |Δx| cos θ is smallest at θ = π, i.e. against the gradient
   (:func:`steepest_descent_angle` minimises cos θ on [0, 2π]);
4. hence the update w' = w - η δ (:func:`update_derivation`, :func:`gradient_descent`).

>>> x = sympy.Symbol("x", real=True)
>>> limit_derivation(x**2, x).result
2*x
>>> steepest_descent_angle().angle
pi
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import sympy
from sympy import Derivative, Interval, Limit, pi

from ..core.derivation import Derivation, Rule, Step
from ..core.errors import SymnnError
from ..core.functions import explicit
from ..core.numeric import compile_expressions
from ..core.written import difference, product, quotient

__all__ = [
    "DescentStep",
    "SteepestDescent",
    "TaylorRow",
    "directional_derivation",
    "gradient_descent",
    "limit_derivation",
    "steepest_descent_angle",
    "steepest_descent_derivation",
    "taylor_table",
    "update_derivation",
]


class DescentError(SymnnError):
    """Input that gradient descent cannot use (a learning rate that is not a positive number, ...)."""


def limit_derivation(f: sympy.Expr, x: sympy.Symbol, *, in_terms_of: sympy.Expr | None = None,
                     title: str = "") -> Derivation:
    """df/dx from the definition lim_{h->0} (f(x+h) - f(x))/h, the limit taken by SymPy.

    ``in_terms_of`` adds a last step that writes the result another way (checked too),
    e.g. ``Sigmoid(x)*(1 - Sigmoid(x))``.

    >>> x = sympy.Symbol("x", real=True)
    >>> [s.expr for s in limit_derivation(x**2, x).steps][1:]
    [Limit(h + 2*x, h, 0, dir='+-'), 2*x]
    """
    h = sympy.Symbol("h", real=True)
    shifted = f.xreplace({x: x + h})
    difference_quotient = quotient(difference(shifted, f), h)
    steps = [Step(Limit(difference_quotient, h, 0, "+-"), Rule.DEFINITION,
                  note=r"$\frac{df}{dx} = \lim_{h \to 0} \frac{f(x+h) - f(x)}{h}$")]
    expanded = sympy.cancel(sympy.expand(explicit(shifted) - explicit(f)) / h)
    _, denominator = sympy.fraction(expanded)
    if not denominator.has(h):
        steps.append(Step(Limit(expanded, h, 0, "+-"), Rule.ALGEBRA, note="expand and cancel $h$"))
        value = expanded.subs(h, 0)
    else:
        factored = sympy.factor_terms(sympy.expand(explicit(shifted) - explicit(f)))
        outside, inside = (factored / h).as_independent(h, as_Add=False)
        if outside != 1 and inside.has(h):
            steps.append(Step(product(outside, Limit(inside, h, 0, "+-")), Rule.LIMIT,
                              note="take out the factor that does not depend on $h$"))
            value = outside * sympy.limit(inside, h, 0, "+-")
        else:
            value = sympy.limit(explicit(difference_quotient.doit()), h, 0, "+-")
    value = sympy.simplify(value) if sympy.count_ops(value) > 12 else value
    steps.append(Step(value, Rule.LIMIT))
    if in_terms_of is not None:
        steps.append(Step(in_terms_of, Rule.ALGEBRA))
    return Derivation(Derivative(f, x), steps, title=title or "The derivative as a limit",
                      name="limit", text="SymPy takes the limit of the difference quotient.")


def directional_derivation(f: sympy.Expr, variables: Sequence[sympy.Symbol],
                           increments: Sequence[sympy.Symbol] | None = None) -> Derivation:
    """The first-order Taylor coefficient: d/dt f(x + tΔx) at t = 0 equals (∇f(x))^T Δx.

    So f(x + Δx) - f(x) = (∇f(x))^T Δx + O(|Δx|^2).

    >>> w1, w2 = sympy.symbols("w_1 w_2", real=True)
    >>> d = directional_derivation(w1**2 + 3*w2**2, [w1, w2])
    >>> print(d.result)
    2*\\Delta w_1*w_1 + 6*\\Delta w_2*w_2
    """
    variables = list(variables)
    if increments is None:
        increments = [sympy.Symbol(rf"\Delta {v.name}", real=True) for v in variables]
    increments = list(increments)
    if len(increments) != len(variables):
        raise DescentError(f"one increment per variable: {len(variables)} variables, "
                           f"{len(increments)} increments")
    t = sympy.Symbol("t", real=True)
    moved = f.xreplace({v: v + t * d for v, d in zip(variables, increments, strict=True)})
    partials = [Derivative(f, v) for v in variables]
    return Derivation(sympy.Subs(Derivative(moved, t), t, 0), [
        Step(sympy.Add(*(product(p, d) for p, d in zip(partials, increments, strict=True)), evaluate=False),
             Rule.CHAIN_RULE, note=r"chain rule through each $x_i + t\,\Delta x_i$"),
        Step(sympy.Add(*(sympy.diff(f, v) * d for v, d in zip(variables, increments, strict=True))),
             Rule.ALGEBRA, note=r"$= (\nabla f(x))^{\mathsf{T}} \Delta x$"),
    ], title="First-order Taylor step", name="taylor",
        text=r"The change of $f$ along $\Delta x$, to first order, is the gradient times $\Delta x$.")


@dataclass(frozen=True)
class TaylorRow:
    """One size of step: the exact change f(x+Δx) - f(x), the linear prediction ∇f·Δx and their gap."""

    size: float
    change: float
    linear: float

    @property
    def error(self) -> float:
        return self.change - self.linear


def taylor_table(f: sympy.Expr, variables: Sequence[sympy.Symbol], point: Sequence[float],
                 direction: Sequence[float], sizes: Sequence[float] = (0.1, 0.01, 0.001)) -> list[TaylorRow]:
    """The exact change and the first-order prediction for steps ``size * direction``.

    The gap between them shrinks as size^2.

    >>> w = sympy.Symbol("w", real=True)
    >>> [round(r.error, 8) for r in taylor_table(w**2, [w], [1.0], [1.0], sizes=(0.1, 0.01))]
    [0.01, 0.0001]
    """
    variables = list(variables)
    if not (len(point) == len(direction) == len(variables)):
        raise DescentError("point, direction and variables must have the same length")
    at = {v: sympy.Float(p, 30) for v, p in zip(variables, point, strict=True)}
    value = explicit(f).evalf(30, subs=at)
    gradient = [explicit(sympy.diff(f, v)).evalf(30, subs=at) for v in variables]
    rows = []
    for size in sizes:
        step = [sympy.Float(size, 30) * sympy.Float(d, 30) for d in direction]
        moved = {v: at[v] + s for v, s in zip(variables, step, strict=True)}
        change = explicit(f).evalf(30, subs=moved) - value
        linear = sum(g * s for g, s in zip(gradient, step, strict=True))
        rows.append(TaylorRow(float(size), float(change), float(linear)))
    return rows


@dataclass(frozen=True)
class SteepestDescent:
    """cos θ on [0, 2π]: its critical points and end points, the value at each, and where it is smallest."""

    angle: sympy.Expr
    minimum: sympy.Expr
    candidates: tuple[tuple[sympy.Expr, sympy.Expr], ...]


def steepest_descent_angle() -> SteepestDescent:
    """Minimise cos θ over [0, 2π] with SymPy: the critical points of -sin θ and the end points.

    >>> s = steepest_descent_angle()
    >>> s.angle, s.minimum
    (pi, -1)
    >>> [a for a, _ in s.candidates]
    [0, pi, 2*pi]
    """
    theta = sympy.Symbol("theta", real=True)
    domain = Interval(0, 2 * pi)
    critical = sympy.solveset(sympy.diff(sympy.cos(theta), theta), theta, domain)
    if not isinstance(critical, sympy.FiniteSet):  # pragma: no cover - SymPy solves -sin θ = 0
        raise DescentError(f"could not find the critical points of cos θ: {critical}")
    points = sorted(set(critical) | {domain.start, domain.end}, key=float)
    candidates = tuple((p, sympy.cos(p)) for p in points)
    angle, minimum = min(candidates, key=lambda c: float(c[1]))
    if sympy.minimum(sympy.cos(theta), theta, domain) != minimum:  # pragma: no cover - a second opinion
        raise DescentError("SymPy's minimum of cos θ disagrees with the critical points")
    return SteepestDescent(angle, minimum, candidates)


def steepest_descent_derivation() -> Derivation:
    """(∇f)^T Δx = |∇f||Δx| cos θ, at θ = π: -|∇f||Δx|, the largest decrease for a step of that length."""
    theta = sympy.Symbol("theta", real=True)
    grad_norm = sympy.Symbol(r"\|\nabla f(x)\|", positive=True)
    step_norm = sympy.Symbol(r"\|\Delta x\|", positive=True)
    best = steepest_descent_angle()
    return Derivation(grad_norm * step_norm * sympy.cos(theta), [
        Step(-grad_norm * step_norm, Rule.SUBSTITUTION, values={theta: best.angle},
             note=rf"$\theta = \pi$ minimises $\cos\theta$ on $[0, 2\pi]$ "
                  rf"(minimum ${sympy.latex(best.minimum)}$)"),
    ], title="Steepest descent: against the gradient", name="steepest_descent",
        text=r"The first-order change is smallest (most negative) when $\Delta x$ points against "
             r"the gradient.")


def update_derivation(weight: str = "w", value: str = "0.10", gradient: str = "0.03",
                      learning_rate: str = "1") -> Derivation:
    """The update w' = w - η δ with numbers (written as strings, so the digits shown are kept).

    >>> update_derivation().result
    0.0700000000000000
    """
    numbers = {}
    for label, text in (("weight", value), ("gradient", gradient), ("learning rate", learning_rate)):
        try:
            numbers[label] = sympy.Float(text) if "." in text else sympy.Integer(text)
        except (TypeError, ValueError):
            raise DescentError(f"the {label} must be a number, not {text!r}") from None
    if not numbers["learning rate"] > 0:
        raise DescentError(f"the learning rate must be positive, not {learning_rate}")
    w = sympy.Symbol(weight, real=True)
    w_new = sympy.Symbol(weight + "'", real=True)
    eta = sympy.Symbol("eta", positive=True)
    delta = sympy.Symbol("delta", real=True)
    values = {w: numbers["weight"], eta: numbers["learning rate"], delta: numbers["gradient"]}
    return Derivation(w_new, [
        Step(difference(w, product(eta, delta)), Rule.DEFINITION,
             note=r"$\eta$ the learning rate, $\delta$ the gradient"),
        Step(difference(numbers["weight"], product(numbers["learning rate"], numbers["gradient"])),
             Rule.SUBSTITUTION, values=values),
        Step(numbers["weight"] - numbers["learning rate"] * numbers["gradient"], Rule.NUMERIC),
    ], title="The gradient descent update", name="update")


@dataclass(frozen=True)
class DescentStep:
    """One iterate of gradient descent: the point and the value of f there."""

    point: tuple[float, ...]
    value: float


def gradient_descent(f: sympy.Expr, variables: Sequence[sympy.Symbol], start: Sequence[float],
                     learning_rate: float, steps: int = 10) -> list[DescentStep]:
    """Iterate w <- w - η ∇f(w) from ``start``; returns every iterate (the start first).

    >>> w = sympy.Symbol("w", real=True)
    >>> [round(s.point[0], 4) for s in gradient_descent((w - 3)**2, [w], [0.0], 0.25, steps=3)]
    [0.0, 1.5, 2.25, 2.625]
    """
    variables = list(variables)
    if len(start) != len(variables):
        raise DescentError(f"the start point needs {len(variables)} numbers, got {len(start)}")
    if not (isinstance(learning_rate, int | float) and learning_rate > 0):
        raise DescentError(f"the learning rate must be a positive number, not {learning_rate!r}")
    if not (isinstance(steps, int) and 0 <= steps <= 100_000):
        raise DescentError(f"the number of steps must be a whole number in 0..100000, not {steps!r}")
    explicit_f = explicit(f)
    # arguments and temporaries are Dummies: a variable named x0 or exp cannot be confused
    compiled = compile_expressions(variables, [explicit_f, *[sympy.diff(explicit_f, v) for v in variables]])
    point = np.asarray(start, dtype=float)
    numbers = compiled(*point)
    trace = [DescentStep(tuple(point.tolist()), float(numbers[0]))]
    for _ in range(steps):
        point = point - learning_rate * np.asarray(numbers[1:], dtype=float)
        numbers = compiled(*point)
        trace.append(DescentStep(tuple(point.tolist()), float(numbers[0])))
    return trace
