"""A network from a spec: symbols, forward pass, loss, backprop-structured deltas and their numbers.

Every unit ``u`` has a net input ``In_u = sum_s w_{s,u} s + b_u`` and an activation
``u = f(In_u)``. Backpropagation forms the *delta* of each unit once,

* output unit: ``delta_u = dLoss/du * f'(In_u)`` (softmax layer: the Jacobian sum),
* hidden unit: ``delta_u = f'(In_u) * sum_v w_{u,v} delta_v``,

and every parameter's gradient is ``sum over its edges of delta_unit * source``
(``delta_unit`` for a bias). The fully composed loss is never differentiated.

>>> import symnn
>>> spec = symnn.parse_spec(LECTURE_EXAMPLE, source="lecture.toml")
>>> net = Network(spec)
>>> net.gradient_expr("w5")
h1*o1*(1 - o1)*(o1 - y_o1)
>>> ev = net.evaluate()
>>> round(ev.loss, 4), round(ev.gradients["w5"], 4), round(ev.gradients["w1"], 5)
(0.2097, 0.0346, -0.00842)
>>> [f.numerator + "/" + f.denominator for f in net.chain_rule("w5")[0]]
['Error/o1', 'o1/In_o1', 'In_o1/w5']
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import sympy
from sympy.core.symbol import Str

from ..core import numeric
from ..core.errors import SpecError
from ..topics.losses import loss_function
from .spec import Spec

__all__ = ["Approx", "Evaluation", "Factor", "Held", "Negated", "Network", "Partial", "Power", "Product",
           "Total", "Training", "loss_expression", "written"]

#: the lecture's worked example as a spec (used in examples and tests)
LECTURE_EXAMPLE = """
title = "2-2-2 sigmoid network, one gradient-descent step"
[network]
inputs = ["x1", "x2"]
loss = "half_sse"
[[network.layers]]
units = ["h1", "h2"]
activation = "sigmoid"
weights = { h1 = { x1 = "w1", x2 = "w3" }, h2 = { x1 = "w2", x2 = "w4" } }
[[network.layers]]
units = ["o1", "o2"]
activation = "sigmoid"
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
learning_rate = 1
steps = 1
"""

#: the name of the loss in formulas, as the lecture writes it
LOSS_NAME = "Error"


# -- written forms: shown in the order given, evaluated by doit() ------------------------------
class _Written(sympy.Expr):
    """Base of the display forms below: ``doit()`` gives the value, printing keeps the form."""

    is_commutative = True

    def _sympystr(self, printer) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def _symnn_latex(self, printer) -> str:
        return self._latex(printer)

    def _eval_evalf(self, prec):
        return self.doit()._eval_evalf(prec)


def _needs_parentheses(expr) -> bool:
    while isinstance(expr, Held):
        expr = expr.args[0]
    if isinstance(expr, (sympy.Add, Total, Negated)):
        return True
    return _negative(expr)


def _wrap_latex(printer, expr) -> str:
    text = printer._print(expr)
    return rf"\left({text}\right)" if _needs_parentheses(expr) else text


def _wrap_str(printer, expr) -> str:
    text = printer._print(expr)
    return f"({text})" if _needs_parentheses(expr) else text


def _negative(expr) -> bool:
    if isinstance(expr, Approx):
        return expr.value < 0
    return bool(expr.is_Number and expr.is_negative)


class Partial(_Written):
    r"""``∂numerator/∂denominator``, printed as a fraction of partials; ``doit()`` is ``value``.

    >>> o, y = sympy.symbols("o1 y1")
    >>> p = Partial(sympy.Symbol("Error"), o, o - y)
    >>> p, p.doit()
    (dError/do1, o1 - y1)
    """

    def __new__(cls, numerator, denominator, value):
        parts = (numerator, denominator, value)
        return sympy.Expr.__new__(cls, *(sympy.sympify(a, strict=True) for a in parts))

    def doit(self, **hints):
        return self.args[2].doit(**hints)

    def _sympystr(self, printer) -> str:
        return f"d{printer._print(self.args[0])}/d{printer._print(self.args[1])}"

    def _latex(self, printer) -> str:
        return (rf"\frac{{\partial {printer._print(self.args[0])}}}"
                rf"{{\partial {printer._print(self.args[1])}}}")


class Product(_Written):
    """A product shown factor by factor in the given order, joined by a multiplication sign.

    >>> a, b = sympy.symbols("a b")
    >>> Product(a - b, b), Product(a - b, b).doit()
    ((a - b)*b, b*(a - b))
    """

    def __new__(cls, *factors):
        return sympy.Expr.__new__(cls, *map(sympy.sympify, factors))

    def doit(self, **hints):
        return sympy.Mul(*(f.doit(**hints) for f in self.args))

    def _sympystr(self, printer) -> str:
        return "*".join(_wrap_str(printer, f) for f in self.args)

    def _latex(self, printer) -> str:
        return r" \cdot ".join(_wrap_latex(printer, f) for f in self.args)


class Total(_Written):
    """A sum shown term by term in the given order; a :class:`Negated` term is shown as ``- term``.

    >>> o, y = sympy.symbols("o1 y1")
    >>> Total(o, Negated(y)), Total(o, Negated(y)).doit()
    (o1 - y1, o1 - y1)
    """

    def __new__(cls, *terms):
        return sympy.Expr.__new__(cls, *map(sympy.sympify, terms))

    def doit(self, **hints):
        return sympy.Add(*(t.doit(**hints) for t in self.args))

    def _join(self, printer, wrap) -> str:
        text = printer._print(self.args[0])
        for term in self.args[1:]:
            if isinstance(term, Negated):
                text += " - " + wrap(printer, term.args[0])
            elif _negative(term):
                text += " + " + wrap(printer, term)
            else:
                text += " + " + printer._print(term)
        return text

    def _sympystr(self, printer) -> str:
        return self._join(printer, _wrap_str)

    def _latex(self, printer) -> str:
        return self._join(printer, _wrap_latex)


class Negated(_Written):
    """``-expr`` shown as written (the sign is not moved into ``expr``)."""

    def __new__(cls, expr):
        return sympy.Expr.__new__(cls, sympy.sympify(expr, strict=True))

    def doit(self, **hints):
        return -self.args[0].doit(**hints)

    def _sympystr(self, printer) -> str:
        return "-" + _wrap_str(printer, self.args[0])

    def _latex(self, printer) -> str:
        return "-" + _wrap_latex(printer, self.args[0])


class Power(_Written):
    """``base ** exponent`` shown as written, the base in parentheses unless it is a plain symbol."""

    def __new__(cls, base, exponent):
        return sympy.Expr.__new__(cls, sympy.sympify(base, strict=True), sympy.sympify(exponent, strict=True))

    def doit(self, **hints):
        return sympy.Pow(self.args[0].doit(**hints), self.args[1])

    def _base_needs_parentheses(self) -> bool:
        return _needs_parentheses(self.args[0]) or isinstance(self.args[0], (Product, sympy.Mul, Approx))

    def _sympystr(self, printer) -> str:
        base = printer._print(self.args[0])
        if self._base_needs_parentheses():
            base = f"({base})"
        return f"{base}**{printer._print(self.args[1])}"

    def _latex(self, printer) -> str:
        base = printer._print(self.args[0])
        if self._base_needs_parentheses():
            base = rf"\left({base}\right)"
        return f"{base}^{{{printer._print(self.args[1])}}}"


def written(expr) -> sympy.Expr:
    """``expr`` as written forms (:class:`Total`, :class:`Product`, :class:`Negated`) in printing order.

    Substituting numbers into the written form keeps the order and the signs as a person
    writes them: ``o1 - y1`` with o1 = 0.53, y1 = -0.07 shows ``0.53 - (-0.07)``.

    >>> o, y = sympy.symbols("o1 y1")
    >>> w = written(o * (1 - o) * (o - y))
    >>> w
    o1*(1 - o1)*(o1 - y1)
    >>> w.xreplace({o: Approx(0.53, "0.53"), y: Approx(-0.07, "-0.07")})
    0.53*(1 - 0.53)*(0.53 - (-0.07))
    """
    expr = sympy.sympify(expr, strict=True)
    if isinstance(expr, sympy.Add):
        return Total(*[written(t) for t in expr.as_ordered_terms()])
    if isinstance(expr, sympy.Mul):
        coefficient, rest = expr.as_coeff_Mul()
        if coefficient == -1:
            return Negated(written(rest))
        factors = [written(f) for f in expr.as_ordered_factors()]
        return factors[0] if len(factors) == 1 else Product(*factors)
    if isinstance(expr, sympy.Pow) and expr.exp.is_Integer and expr.exp > 1:
        return Power(written(expr.base), expr.exp)
    if isinstance(expr, sympy.Function) and expr.args and not isinstance(expr, (sympy.Max, sympy.Min)):
        try:
            return expr.func(*[written(a) for a in expr.args], evaluate=False)
        except TypeError:
            return expr
    return expr


class Held(_Written):
    """An expression kept as one factor: printed as itself (parenthesised if a sum)."""

    def __new__(cls, expr):
        return sympy.Expr.__new__(cls, sympy.sympify(expr, strict=True))

    def doit(self, **hints):
        return self.args[0].doit(**hints)

    def _sympystr(self, printer) -> str:
        return printer._print(self.args[0])

    def _latex(self, printer) -> str:
        return printer._print(self.args[0])


class Approx(_Written):
    """A number shown with a few digits (``text``) but carrying its full value.

    >>> Approx(0.4799850, "0.48"), float(Approx(0.4799850, "0.48").doit())
    (0.48, 0.479985)
    """

    def __new__(cls, value, text):
        return sympy.Expr.__new__(cls, sympy.Float(value, 17), Str(str(text)))

    @property
    def value(self) -> float:
        return float(self.args[0])

    @property
    def text(self) -> str:
        return self.args[1].name

    def doit(self, **hints):
        return self.args[0]

    @property
    def is_number(self) -> bool:
        return True

    def _sympystr(self, printer) -> str:
        return self.text

    def _latex(self, printer) -> str:
        return self.text


def shown(value: float, significant: int = 4) -> str:
    """``value`` with ``significant`` significant digits, as a person would write it.

    >>> shown(0.4799850), shown(-0.0084222), shown(0.5), shown(12.0)
    ('0.4800', '-0.008422', '0.5000', '12.00')
    """
    if value == 0 or not math.isfinite(value):
        return "0" if value == 0 else str(value)
    decimals = max(significant - 1 - math.floor(math.log10(abs(value))), 0)
    return f"{value:.{decimals}f}"


# -- the loss catalogue ----------------------------------------------------------------------
def loss_expression(name: str, outputs: list[sympy.Symbol], targets: list[sympy.Symbol]) -> sympy.Expr:
    """The loss ``name`` of one sample, in terms of output and target symbols.

    Taken from the loss catalogue (:mod:`symnn.topics.losses`).

    >>> o1, o2, y1, y2 = sympy.symbols("o1 o2 y1 y2")
    >>> loss_expression("half_sse", [o1, o2], [y1, y2]).diff(o1)
    o1 - y1
    """
    return sympy.sympify(loss_function(name).expr(list(outputs), list(targets)), strict=True)


def loss_gradient_expressions(name: str, outputs: list[sympy.Symbol],
                              targets: list[sympy.Symbol]) -> list[sympy.Expr]:
    """dLoss/d output for each output, in the loss catalogue's form.

    >>> o1, o2, y1, y2 = sympy.symbols("o1 o2 y1 y2")
    >>> loss_gradient_expressions("half_sse", [o1, o2], [y1, y2])
    [o1 - y1, o2 - y2]
    """
    return [sympy.sympify(g, strict=True) for g in loss_function(name).gradient(list(outputs), list(targets))]


def _numeric_form(expr: sympy.Expr) -> sympy.Expr:
    """``expr`` with functions NumPy does not know (softmax, exp-sums) written out with exp."""
    known = set(numeric.NUMERIC_FUNCTIONS)
    unknown = [f for f in expr.atoms(sympy.Function)
               if isinstance(f, sympy.core.function.AppliedUndef) or (
                   type(f).__module__.startswith("symnn") and type(f).__name__ not in known)]
    return expr.rewrite(sympy.exp) if unknown else expr


# -- results ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Factor:
    """One local derivative of a chain-rule path: d numerator / d denominator = expr."""

    numerator: str
    denominator: str
    expr: sympy.Expr


@dataclass
class Evaluation:
    """The numbers of one forward and backward pass (over all samples, reduced as the spec says).

    ``forward``, ``preactivation``, ``output_gradient`` and ``deltas`` hold the first
    sample's values; ``batch`` holds every sample's arrays under the same keys.
    """

    forward: dict[str, float]
    preactivation: dict[str, float]
    loss: float
    output_gradient: dict[str, float]
    deltas: dict[str, float]
    gradients: dict[str, float]
    losses: list[float] = field(default_factory=list)
    batch: dict[str, dict[str, list[float]]] = field(default_factory=dict)

    def to_json(self) -> dict:
        """A JSON-ready dict (full-precision floats)."""
        return {"forward": dict(self.forward), "preactivation": dict(self.preactivation),
                "loss": self.loss, "output_gradient": dict(self.output_gradient),
                "deltas": dict(self.deltas), "gradients": dict(self.gradients)}


@dataclass
class Training:
    """Gradient descent: the loss before each update, the final parameters, the first gradients."""

    history: list[float]
    updated: dict[str, float]
    gradients: dict[str, float]
    learning_rate: float = 0.0
    steps: int = 0


# -- the network -----------------------------------------------------------------------------
class Network:
    """The symbolic and numeric network of a :class:`~symnn.models.spec.Spec`."""

    def __init__(self, spec: Spec):
        self.spec = spec
        self.inputs: list[str] = list(spec.inputs)
        self.units: list[str] = [u for layer in spec.layers for u in layer.units]
        self.output_units: list[str] = list(spec.layers[-1].units)
        self.parameters: list[str] = spec.parameters
        self.trainable: list[str] = [p for p in self.parameters if p not in spec.frozen]
        self.loss_symbol = sympy.Symbol(LOSS_NAME)
        self._layer_of: dict[str, int] = {}
        for index, layer in enumerate(spec.layers):
            for unit in layer.units:
                self._layer_of[unit] = index
        self._symbols: dict[str, sympy.Symbol] = {}
        for name in [*self.inputs, *self.units, *self.parameters]:
            self._symbols[name] = sympy.Symbol(name)
        for unit in self.output_units:
            self._symbols[self.target_name(unit)] = sympy.Symbol(self.target_name(unit))
        self._preactivation = {u: sympy.Symbol(f"In_{u}") for u in self.units}
        # consumers: unit -> [(next unit, weight parameter)]
        self._outgoing: dict[str, list[tuple[str, str]]] = {n: [] for n in [*self.inputs, *self.units]}
        for unit in self.units:
            for source, parameter in self.incoming(unit):
                self._outgoing[source].append((unit, parameter))
        # placeholders for dLoss/d(output activation), filled in by the loss
        self._output_gradient_symbol = {u: sympy.Dummy(f"g_{u}") for u in self.output_units}
        self._delta_cache: dict[str, sympy.Expr] = {}

    # -- names and symbols ---------------------------------------------------------------------
    @staticmethod
    def target_name(unit: str) -> str:
        """The name of the target of output unit ``unit`` (``y_o1`` for ``o1``)."""
        return f"y_{unit}"

    def symbol(self, name: str) -> sympy.Symbol:
        """The symbol of an input, a unit's activation, a parameter or a target (``y_o1``)."""
        if name in self._symbols:
            return self._symbols[name]
        if name in self.output_units:
            raise SpecError(f"{self.spec.source}: '{name}' is a unit; its target is "
                            f"'{self.target_name(name)}'")
        from ..core.errors import UnknownNameError

        raise UnknownNameError("name", name, self._symbols)

    def preactivation_symbol(self, unit: str) -> sympy.Symbol:
        """The net input of ``unit`` (``In_o1``)."""
        self._check_unit(unit)
        return self._preactivation[unit]

    def target_symbol(self, unit: str) -> sympy.Symbol:
        """The target of output unit ``unit``."""
        return self.symbol(self.target_name(unit))

    def _check_unit(self, unit: str) -> None:
        if unit not in self._layer_of:
            from ..core.errors import UnknownNameError

            raise UnknownNameError("unit", unit, self.units)

    def _check_parameter(self, parameter: str) -> None:
        if parameter not in self.parameters:
            from ..core.errors import UnknownNameError

            raise UnknownNameError("parameter", parameter, self.parameters)

    def layer(self, unit: str):
        """The :class:`~symnn.models.spec.LayerSpec` of ``unit``."""
        self._check_unit(unit)
        return self.spec.layers[self._layer_of[unit]]

    def incoming(self, unit: str) -> list[tuple[str, str]]:
        """``[(source, weight parameter), ...]`` into ``unit``, in spec order."""
        return list(self.layer(unit).weights[unit].items())

    def outgoing(self, name: str) -> list[tuple[str, str]]:
        """``[(unit, weight parameter), ...]`` fed by the input or unit ``name``."""
        return list(self._outgoing[name])

    def bias_of(self, unit: str) -> str | None:
        """The bias parameter of ``unit``, or None."""
        return self.layer(unit).bias.get(unit)

    def activation_name(self, unit: str) -> str:
        """The catalogue name of ``unit``'s activation (or ``softmax``)."""
        return self.layer(unit).activation

    def uses(self, parameter: str) -> list[tuple[str, str | None]]:
        """Where ``parameter`` enters: ``[(unit, source), ...]``; source None for a bias."""
        self._check_parameter(parameter)
        places: list[tuple[str, str | None]] = []
        for unit in self.units:
            for source, p in self.incoming(unit):
                if p == parameter:
                    places.append((unit, source))
            if self.bias_of(unit) == parameter:
                places.append((unit, None))
        return places

    # -- forward, symbolically (one layer deep) --------------------------------------------------
    def preactivation_expr(self, unit: str) -> sympy.Expr:
        """``In_u = sum_s w s + b`` in terms of the previous layer's activation symbols."""
        terms = [self._symbols[p] * self._symbols[s] for s, p in self.incoming(unit)]
        bias = self.bias_of(unit)
        if bias is not None:
            terms.append(self._symbols[bias])
        return sympy.Add(*terms)

    def activation_expr(self, unit: str) -> sympy.Expr:
        """``u = f(In_u)`` (softmax: e^{In_u} / sum_j e^{In_j})."""
        name = self.activation_name(unit)
        z = self._preactivation[unit]
        if name == "softmax":
            layer = self.layer(unit)
            return sympy.exp(z) / sympy.Add(*[sympy.exp(self._preactivation[v]) for v in layer.units])
        from ..core.functions import activation

        return activation(name)(z)

    def loss_expr(self) -> sympy.Expr:
        """The loss of one sample in terms of the output activations and their targets."""
        return loss_expression(self.spec.loss, [self._symbols[u] for u in self.output_units],
                               [self.target_symbol(u) for u in self.output_units])

    # -- backward, symbolically ----------------------------------------------------------------
    def output_gradient_expr(self, unit: str) -> sympy.Expr:
        """dLoss/d(activation of output unit)."""
        if unit not in self.output_units:
            raise SpecError(f"{self.spec.source}: '{unit}' is not an output unit")
        return self._output_gradient[unit]

    @cached_property
    def _output_gradient(self) -> dict[str, sympy.Expr]:
        gradients = loss_gradient_expressions(
            self.spec.loss, [self._symbols[u] for u in self.output_units],
            [self.target_symbol(u) for u in self.output_units])
        return dict(zip(self.output_units, gradients, strict=True))

    def local_derivative(self, unit: str, wrt: str | None = None) -> sympy.Expr:
        """d unit / d In_wrt (``wrt`` defaults to ``unit``), in terms of the activation where possible.

        Sigmoid: ``u(1 - u)``; tanh: ``1 - u^2``; softmax: ``u_k (δ_kj - u_j)``.
        """
        wrt = unit if wrt is None else wrt
        name = self.activation_name(unit)
        u = self._symbols[unit]
        if name == "softmax":
            other = self._symbols[wrt]
            return u * (1 - u) if wrt == unit else -u * other
        if wrt != unit:
            return sympy.S.Zero
        from ..core.functions import activation

        function = activation(name)
        z = self._preactivation[unit]
        return sympy.diff(function(z), z).xreplace({function(z): u})

    def _delta_structured(self, unit: str) -> sympy.Expr:
        """delta_u with dLoss/do_k left as placeholders; formed once per unit and reused."""
        if unit in self._delta_cache:
            return self._delta_cache[unit]
        self._check_unit(unit)
        if unit in self.output_units:
            if self.activation_name(unit) == "softmax":
                delta = sympy.Add(*[self._output_gradient_symbol[k] * self.local_derivative(k, unit)
                                    for k in self.output_units])
            else:
                delta = self._output_gradient_symbol[unit] * self.local_derivative(unit)
        else:
            downstream = sympy.Add(*[self._symbols[w] * self._delta_structured(v)
                                     for v, w in self._outgoing[unit]])
            delta = self.local_derivative(unit) * downstream
        self._delta_cache[unit] = delta
        return delta

    def _fill_output_gradients(self, expr: sympy.Expr) -> sympy.Expr:
        return expr.xreplace({self._output_gradient_symbol[u]: self._output_gradient[u]
                              for u in self.output_units})

    def delta_expr(self, unit: str) -> sympy.Expr:
        """dLoss/dIn_unit in closed form (activation, target and parameter symbols).

        >>> import symnn
        >>> net = Network(symnn.parse_spec(LECTURE_EXAMPLE))
        >>> net.delta_expr("o1")
        o1*(1 - o1)*(o1 - y_o1)
        """
        return self._fill_output_gradients(self._delta_structured(unit))

    def delta_symbol(self, unit: str) -> sympy.Symbol:
        """The symbol ``delta_u`` of dLoss/dIn_u."""
        self._check_unit(unit)
        return sympy.Symbol(f"delta_{unit}")

    def delta_rule(self, unit: str) -> sympy.Expr:
        """delta_u one layer deep: in terms of the next layer's delta symbols (or dLoss/du)."""
        if unit in self.output_units:
            return self.delta_expr(unit)
        downstream = sympy.Add(*[self._symbols[w] * self.delta_symbol(v) for v, w in self._outgoing[unit]])
        return self.local_derivative(unit) * downstream

    def _source_expr(self, source: str | None) -> sympy.Expr:
        return sympy.S.One if source is None else self._symbols[source]

    def _gradient_structured(self, parameter: str) -> sympy.Expr:
        return sympy.Add(*[self._delta_structured(u) * self._source_expr(s) for u, s in self.uses(parameter)])

    def gradient_expr(self, parameter: str) -> sympy.Expr:
        """dLoss/dparameter of one sample: the sum over its edges of delta_unit * source."""
        return self._fill_output_gradients(self._gradient_structured(parameter))

    # -- chain-rule paths ------------------------------------------------------------------------
    def _paths_to_preactivation(self, unit: str) -> list[list[Factor]]:
        error = LOSS_NAME
        pre = f"In_{unit}"
        if unit in self.output_units:
            if self.activation_name(unit) == "softmax":
                return [[Factor(error, k, self._output_gradient[k]),
                         Factor(k, pre, self.local_derivative(k, unit))] for k in self.output_units]
            return [[Factor(error, unit, self._output_gradient[unit]),
                     Factor(unit, pre, self.local_derivative(unit))]]
        paths = []
        for v, w in self._outgoing[unit]:
            for path in self._paths_to_preactivation(v):
                paths.append([*path, Factor(f"In_{v}", unit, self._symbols[w]),
                              Factor(unit, pre, self.local_derivative(unit))])
        return paths

    def chain_rule(self, parameter: str) -> list[list[Factor]]:
        """The chain-rule products of dLoss/dparameter, one list of factors per path.

        >>> import symnn
        >>> net = Network(symnn.parse_spec(LECTURE_EXAMPLE))
        >>> [[f.numerator + "/" + f.denominator for f in p] for p in net.chain_rule("w1")][1]
        ['Error/o2', 'o2/In_o2', 'In_o2/h1', 'h1/In_h1', 'In_h1/w1']
        """
        paths = []
        for unit, source in self.uses(parameter):
            last = Factor(f"In_{unit}", parameter, self._source_expr(source))
            paths.extend([*path, last] for path in self._paths_to_preactivation(unit))
        return paths

    def _name_symbol(self, name: str) -> sympy.Symbol:
        if name == LOSS_NAME:
            return self.loss_symbol
        if name.startswith("In_") and name[3:] in self._preactivation:
            return self._preactivation[name[3:]]
        return self._symbols[name]

    def _partial(self, factor: Factor) -> Partial:
        return Partial(self._name_symbol(factor.numerator), self._name_symbol(factor.denominator),
                       factor.expr)

    # -- derivations -----------------------------------------------------------------------------
    def values_for(self, evaluation: Evaluation | None = None) -> dict[sympy.Symbol, float]:
        """Symbol -> number for every symbol of the formulas (first sample of ``evaluation``)."""
        ev = evaluation or self.evaluate()
        values: dict[sympy.Symbol, float] = {}
        first = self._first_sample_values(ev)
        for name, value in first.items():
            values[self._symbols[name]] = value
        for unit in self.units:
            values[self._symbols[unit]] = ev.forward[unit]
            values[self._preactivation[unit]] = ev.preactivation[unit]
        return values

    def _first_sample_values(self, ev: Evaluation) -> dict[str, float]:
        first = dict(ev.batch.get("inputs_used", {}))
        return {k: v[0] if isinstance(v, list) else v for k, v in first.items()}

    def _shown_values(self, values: Mapping[sympy.Symbol, float]) -> dict:
        written = {self._symbols[n] for n in [*self.inputs, *self.parameters]}
        written |= {self.target_symbol(u) for u in self.output_units}
        result = {}
        for symbol, value in values.items():
            text = repr(float(value)) if symbol in written else shown(float(value))
            if text.endswith(".0"):
                text = text[:-2]
            result[symbol] = Approx(value, text)
        return result

    def derivation(self, parameter: str, values: Mapping[str, float] | None = None,
                   significant: int = 4):
        """dLoss/dparameter: chain-rule paths -> factored by deltas -> local factors -> numbers.

        ``values`` (names -> numbers) override the spec's values for this derivation.
        """
        from ..core.derivation import Derivation, Rule, Step

        self._check_parameter(parameter)
        paths = self.chain_rule(parameter)
        lhs = Partial(self.loss_symbol, self._symbols[parameter], self.gradient_expr(parameter))
        steps = []
        all_paths = Total(*[Product(*[self._partial(f) for f in path]) for path in paths])
        if len(paths) > 1 or len(paths[0]) > 3:
            steps.append(Step(all_paths if len(paths) > 1 else all_paths.args[0], Rule.CHAIN_RULE,
                              note="chain rule, every path"))
        factored = Total(*[self._factored(unit, source, parameter) for unit, source in self.uses(parameter)])
        factored = factored.args[0] if len(factored.args) == 1 else factored
        steps.append(Step(factored, Rule.CHAIN_RULE, note="chain rule, factored by unit"))
        local = Total(*[Product(*self._local_factors(unit), self._source_expr(source))
                        for unit, source in self.uses(parameter)])
        local = local.args[0] if len(local.args) == 1 else local
        steps.append(Step(local, Rule.SUBSTITUTION, note="local derivatives"))
        ev = self.evaluate(values=values)
        numbers = self._shown_values(self.values_for(ev))
        needed = {s: numbers[s] for s in local.doit().free_symbols | _held_symbols(local) if s in numbers}
        substituted = local.xreplace(needed)
        steps.append(Step(substituted, Rule.SUBSTITUTION, values=needed, note="values substituted"))
        exact = float(sympy.N(substituted.doit(), 30))
        digits = _decimals(exact, significant)
        steps.append(Step(Approx(round(exact, digits), f"{exact:.{digits}f}"), Rule.NUMERIC,
                          relation="≈", digits=digits))
        return Derivation(lhs, steps, title=f"Gradient of {LOSS_NAME} with respect to {parameter}",
                          name=f"gradient_{parameter}")

    def _factored(self, unit: str, source: str | None, parameter: str) -> sympy.Expr:
        """dError/dIn_unit written backprop-style, times dIn_unit/dparameter."""
        last = self._partial(Factor(f"In_{unit}", parameter, self._source_expr(source)))
        return Product(*self._delta_partials(unit), last)

    def _delta_partials(self, unit: str) -> list:
        """The factors of dError/dIn_unit: for a hidden unit (sum_v dE/dIn_v * w) * du/dIn_u."""
        pre = f"In_{unit}"
        if unit in self.output_units:
            if self.activation_name(unit) == "softmax":
                terms = [Product(self._partial(Factor(LOSS_NAME, k, self._output_gradient[k])),
                                 self._partial(Factor(k, pre, self.local_derivative(k, unit))))
                         for k in self.output_units]
                return [Total(*terms)]
            return [self._partial(Factor(LOSS_NAME, unit, self._output_gradient[unit])),
                    self._partial(Factor(unit, pre, self.local_derivative(unit)))]
        terms = [Product(*self._delta_partials(v), self._symbols[w]) for v, w in self._outgoing[unit]]
        inner = terms[0] if len(terms) == 1 else Total(*terms)
        return [inner, self._partial(Factor(unit, pre, self.local_derivative(unit)))]

    def _local_factors(self, unit: str) -> list:
        """The factors of dError/dIn_unit in closed form, in the order of :meth:`_delta_partials`."""
        if unit in self.output_units:
            if self.activation_name(unit) == "softmax":
                return [written(self.delta_expr(unit))]
            return [written(self._output_gradient[unit]), written(self.local_derivative(unit))]
        terms = [Product(*self._local_factors(v), self._symbols[w]) for v, w in self._outgoing[unit]]
        inner = terms[0] if len(terms) == 1 else Total(*terms)
        return [inner, written(self.local_derivative(unit))]

    def forward_derivations(self, unit: str, values: Mapping[str, float] | None = None,
                            significant: int = 4) -> list:
        """Two checked derivations: ``In_u = sum w s + b = numbers ≈ value`` and ``u = f(In_u) ≈ value``."""
        from ..core.derivation import Derivation, Rule, Step

        self._check_unit(unit)
        ev = self.evaluate(values=values)
        numbers = self._shown_values(self.values_for(ev))
        pre = self._preactivation[unit]
        terms = [Product(self._symbols[p], self._symbols[src]) for src, p in self.incoming(unit)]
        if self.bias_of(unit) is not None:
            terms.append(self._symbols[self.bias_of(unit)])
        form = terms[0] if len(terms) == 1 else Total(*terms)
        put = {s: numbers[s] for s in form.atoms(sympy.Symbol) if s in numbers}
        exact = ev.preactivation[unit]
        digits = _decimals(exact, significant)
        net_input = Derivation(pre, [
            Step(form, Rule.DEFINITION, note="net input"),
            Step(form.xreplace(put), Rule.SUBSTITUTION, values=put, note="values substituted"),
            Step(Approx(round(exact, digits), f"{exact:.{digits}f}"), Rule.NUMERIC, relation="≈",
                 digits=digits)], title=f"Net input of {unit}", name=f"net_input_{unit}")
        activation = self.activation_expr(unit)
        put = {pre: numbers[pre]}
        if self.activation_name(unit) == "softmax":
            put = {self._preactivation[v]: numbers[self._preactivation[v]] for v in self.layer(unit).units}
        value = ev.forward[unit]
        digits = _decimals(value, significant)
        out = Derivation(self._symbols[unit], [
            Step(activation, Rule.DEFINITION, note=f"activation ({self.activation_name(unit)})"),
            Step(activation.xreplace(put), Rule.SUBSTITUTION, values=put, note="values substituted"),
            Step(Approx(round(value, digits), f"{value:.{digits}f}"), Rule.NUMERIC, relation="≈",
                 digits=digits)], title=f"Activation of {unit}", name=f"activation_{unit}")
        return [net_input, out]

    def loss_derivation(self, values: Mapping[str, float] | None = None,
                        targets: Mapping[str, float] | None = None, significant: int = 4):
        """The loss of the first sample: its formula, the numbers put in, its value."""
        from ..core.derivation import Derivation, Rule, Step

        ev = self.evaluate(values=values, targets=targets)
        numbers = self._shown_values(self.values_for(ev))
        form = written(self.loss_expr())
        put = {s: numbers[s] for s in form.atoms(sympy.Symbol) if s in numbers}
        value = ev.losses[0]
        digits = _decimals(value, significant)
        return Derivation(self.loss_symbol, [
            Step(form, Rule.DEFINITION, note=f"loss ({self.spec.loss})"),
            Step(form.xreplace(put), Rule.SUBSTITUTION, values=put, note="values substituted"),
            Step(Approx(round(value, digits), f"{value:.{digits}f}"), Rule.NUMERIC, relation="≈",
                 digits=digits)], title=f"{LOSS_NAME} (loss of one sample)", name="loss")

    def output_gradient_derivation(self, unit: str, values: Mapping[str, float] | None = None,
                                   significant: int = 4):
        """dError/d(output unit): the derivative of the loss, then its value (the lecture's δ_o)."""
        from ..core.derivation import Derivation, Rule, Step

        ev = self.evaluate(values=values)
        numbers = self._shown_values(self.values_for(ev))
        form = written(self.output_gradient_expr(unit))
        put = {s: numbers[s] for s in form.atoms(sympy.Symbol) if s in numbers}
        value = ev.output_gradient[unit]
        digits = _decimals(value, significant)
        lhs = Partial(self.loss_symbol, self._symbols[unit], self.output_gradient_expr(unit))
        return Derivation(lhs, [
            Step(form, Rule.ALGEBRA, note="derivative of the loss"),
            Step(form.xreplace(put), Rule.SUBSTITUTION, values=put, note="values substituted"),
            Step(Approx(round(value, digits), f"{value:.{digits}f}"), Rule.NUMERIC, relation="≈",
                 digits=digits)], title=f"Gradient of {LOSS_NAME} at the output {unit}",
            name=f"output_gradient_{unit}")

    def delta_derivation(self, unit: str, values: Mapping[str, float] | None = None,
                         significant: int = 4):
        """delta_u = dError/dIn_u one layer deep (from the next layer's deltas), then its value."""
        from ..core.derivation import Derivation, Rule, Step

        self._check_unit(unit)
        ev = self.evaluate(values=values)
        numbers = self._shown_values(self.values_for(ev))
        pre = f"In_{unit}"
        if unit in self.output_units:
            form = _product(self._delta_partials(unit))
            local = _product(self._local_factors(unit))
        else:
            terms = [Product(self._partial(Factor(LOSS_NAME, f"In_{v}", self.delta_expr(v))),
                             self._symbols[w]) for v, w in self._outgoing[unit]]
            inner = terms[0] if len(terms) == 1 else Total(*terms)
            form = Product(inner, self._partial(Factor(unit, pre, self.local_derivative(unit))))
            local = Product(inner, written(self.local_derivative(unit)))
            for v, _ in self._outgoing[unit]:
                numbers[self._partial(Factor(LOSS_NAME, f"In_{v}", self.delta_expr(v)))] = Approx(
                    ev.deltas[v], shown(ev.deltas[v]))
        put = {k: v for k, v in numbers.items()
               if k in local.atoms(sympy.Symbol) or (isinstance(k, Partial) and local.has(k))}
        value = ev.deltas[unit]
        digits = _decimals(value, significant)
        lhs = Partial(self.loss_symbol, self._preactivation[unit], self.delta_expr(unit))
        steps = [Step(form, Rule.CHAIN_RULE, note="chain rule")]
        if local != form:
            steps.append(Step(local, Rule.SUBSTITUTION, note="local derivatives"))
        steps += [Step(local.xreplace(put), Rule.SUBSTITUTION, values=put, note="values substituted"),
                  Step(Approx(round(value, digits), f"{value:.{digits}f}"), Rule.NUMERIC, relation="≈",
                       digits=digits)]
        return Derivation(lhs, steps, title=f"Delta of {unit}", name=f"delta_{unit}")

    def update_derivation(self, parameter: str, values: Mapping[str, float] | None = None,
                          learning_rate: float | None = None):
        """The update w' = w - eta * dLoss/dw with the numbers put in (one step)."""
        from ..core.derivation import Derivation, Rule, Step

        self._check_parameter(parameter)
        eta = self.spec.learning_rate if learning_rate is None else float(learning_rate)
        ev = self.evaluate(values=values)
        w = self._symbols[parameter]
        eta_symbol = sympy.Symbol("eta")
        grad = Partial(self.loss_symbol, w, sympy.Float(ev.gradients[parameter], 17))
        start = self._value_of(parameter, values)
        rule = Total(w, Negated(Product(eta_symbol, grad)))
        put = {w: Approx(start, _written(start)), eta_symbol: Approx(eta, _written(eta)),
               grad: Approx(ev.gradients[parameter], shown(ev.gradients[parameter]))}
        substituted = rule.xreplace(put)
        new = float(sympy.N(substituted.doit(), 30))
        digits = _decimals(new, 6)
        lhs = sympy.Symbol(f"{parameter}'")
        steps = [Step(rule, Rule.DEFINITION, note="gradient descent"),
                 Step(substituted, Rule.SUBSTITUTION, values=put, note="values substituted"),
                 Step(Approx(round(new, digits), f"{new:.{digits}f}"), Rule.NUMERIC, relation="≈",
                      digits=digits)]
        return Derivation(lhs, steps, title=f"Update of {parameter}", name=f"update_{parameter}")

    def _value_of(self, name: str, values: Mapping[str, float] | None) -> float:
        if values and name in values:
            return float(values[name])
        return float(self.spec.values[name])

    # -- numerics ------------------------------------------------------------------------------
    @cached_property
    def _compiled(self):
        """The NumPy functions: one per layer forward (CSE), one for loss, one for all deltas."""
        layers = []
        for index, layer in enumerate(self.spec.layers):
            sources = sorted({s for u in layer.units for s, _ in self.incoming(u)},
                             key=[*self.inputs, *self.units].index)
            params = sorted({p for u in layer.units for _, p in self.incoming(u)}
                            | {layer.bias[u] for u in layer.units if u in layer.bias},
                            key=self.parameters.index)
            arguments = [self._symbols[n] for n in [*sources, *params]]
            function = numeric.compile_expressions(
                arguments, [self.preactivation_expr(u) for u in layer.units])
            layers.append((index, sources, params, function))
        outputs = [self._symbols[u] for u in self.output_units]
        targets = [self.target_symbol(u) for u in self.output_units]
        loss = _numeric_form(self.loss_expr())
        gradients = [_numeric_form(self._output_gradient[u]) for u in self.output_units]
        if self.spec.loss == "softmax_cross_entropy":
            # shift-invariant in the outputs: subtract the largest so that exp cannot overflow
            shift = sympy.Dummy("shift")
            moved = {o: o - shift for o in outputs}
            loss = sympy.expand_log(loss.xreplace(moved), force=True)
            gradients = [g.xreplace(moved) for g in gradients]
        else:
            shift = sympy.Dummy("shift")
        loss_function = numeric.compile_expressions([*outputs, *targets, shift], [loss, *gradients])
        backward_arguments = [*[self._symbols[n] for n in [*self.inputs, *self.units, *self.parameters]],
                              *[self._preactivation[u] for u in self.units],
                              *[self.target_symbol(u) for u in self.output_units],
                              *[self._output_gradient_symbol[u] for u in self.output_units]]
        backward = numeric.compile_expressions(
            backward_arguments,
            [*[self._delta_structured(u) for u in self.units],
             *[self._gradient_structured(p) for p in self.parameters]])
        return layers, loss_function, backward

    def compile(self):
        """A vectorised function ``(inputs {name: array}, parameters {name: number}, targets
        {unit: array}) -> (per-sample losses, {param: per-sample gradient}, details)``.

        For the gradient of the whole batch (summed or averaged, without per-sample arrays)
        use :meth:`batch_gradient_function`, which is much faster on large batches."""
        def run(inputs: Mapping, parameters: Mapping, targets: Mapping):
            return self._run(inputs, parameters, targets)

        return run

    def batch_gradient_function(self):
        """A vectorised function ``(inputs {name: array}, parameters {name: number}, targets
        {unit: array}) -> (batch loss, {param: batch gradient})``, reduced as the spec says.

        The loss and every gradient are summed over the batch (``reduction = "sum"``, the
        default of half-SSE) or averaged (``"mean"``), as :meth:`evaluate` reduces them. It is
        backprop layer by layer: the output deltas and each layer's local derivative are
        compiled from their formulas, the one-layer-deep sums ``sum_v w_{u,v} delta_v`` of
        :meth:`delta_rule` and the forward net inputs are matrix products of the weights read
        off the net-input formulas, and each weight's gradient ``sum over the batch of
        delta_unit * source`` is one matrix product per layer; a bias gets the summed deltas
        of its units. No per-sample gradient array is formed.

        >>> import symnn
        >>> net = Network(symnn.parse_spec(LECTURE_EXAMPLE))
        >>> gradient = net.batch_gradient_function()
        >>> inputs = {"x1": np.array([0.5, 0.5]), "x2": np.array([0.3, 0.3])}
        >>> targets = {"o1": np.array([0.23, 0.23]), "o2": np.array([-0.07, -0.07])}
        >>> loss, gradients = gradient(inputs, net.spec.values, targets)
        >>> round(loss, 4), round(gradients["w5"], 4)  # twice the one-sample figures: summed
        (0.4194, 0.0693)
        """
        return self._batch_plan.run

    @cached_property
    def _batch_plan(self) -> _BatchGradient:
        return _BatchGradient(self)

    def _run(self, inputs: Mapping, parameters: Mapping, targets: Mapping):
        layers, loss_function, backward = self._compiled
        n = max([np.size(v) for v in inputs.values()] + [1])

        def column(v):
            if isinstance(v, np.ndarray) and v.shape == (n,) and v.dtype == float:
                return v
            return np.broadcast_to(np.asarray(v, dtype=float), (n,)).copy()

        activations = {name: column(inputs[name]) for name in self.inputs}
        pre = {}
        params = {name: float(parameters[name]) for name in self.parameters}
        with np.errstate(all="ignore"):
            for index, sources, names, function in layers:
                layer = self.spec.layers[index]
                z = function(*[activations[s] for s in sources], *[params[p] for p in names])
                z = np.stack([column(v) for v in z])  # (units, samples)
                if layer.activation == "softmax":
                    a = numeric.softmax(z, axis=0)
                else:
                    a = _ACTIVATION_NUMERIC[layer.activation](z)
                for i, unit in enumerate(layer.units):
                    pre[unit] = z[i]
                    activations[unit] = np.asarray(a[i], dtype=float)
            outs = [activations[u] for u in self.output_units]
            ys = [column(targets[u]) for u in self.output_units]
            shift = np.max(np.stack(outs), axis=0) if self.spec.loss == "softmax_cross_entropy" else 0.0
            result = loss_function(*outs, *ys, shift)
            losses = column(result[0])
            grads_out = [column(g) for g in result[1:]]
            values = backward(*[activations[n] if n in activations else params[n]
                                for n in [*self.inputs, *self.units]],
                              *[params[p] for p in self.parameters],
                              *[pre[u] for u in self.units], *ys, *grads_out)
        deltas = {u: column(values[i]) for i, u in enumerate(self.units)}
        per_sample = {p: column(values[len(self.units) + i]) for i, p in enumerate(self.parameters)}
        details = {"forward": {u: activations[u] for u in self.units}, "preactivation": pre,
                   "output_gradient": dict(zip(self.output_units, grads_out, strict=True)),
                   "deltas": deltas}
        return losses, per_sample, details

    def _reduce(self, array: np.ndarray) -> float:
        return float(np.sum(array) if self.spec.reduction == "sum" else np.mean(array))

    def evaluate(self, values: Mapping[str, float] | None = None,
                 targets: Mapping[str, float] | None = None) -> Evaluation:
        """Forward and backward pass with the spec's numbers (``values``/``targets`` override them).

        Inputs given in ``values`` replace the spec's samples by that one sample.
        """
        values = dict(values or {})
        for name in values:
            if name not in self.inputs and name not in self.parameters:
                from ..core.errors import UnknownNameError

                raise UnknownNameError("input or parameter", name, [*self.inputs, *self.parameters])
        parameters = {p: values.get(p, self.spec.values.get(p)) for p in self.parameters}
        samples = self.spec.samples
        if any(name in values for name in self.inputs) or targets:
            base = samples[0]
            one_inputs = {n: float(values.get(n, base.inputs[n])) for n in self.inputs}
            one_targets = {u: float((targets or {}).get(u, base.targets[u])) for u in self.output_units}
            inputs = {n: np.array([one_inputs[n]]) for n in self.inputs}
            target_arrays = {u: np.array([one_targets[u]]) for u in self.output_units}
        else:
            inputs = {n: np.array([s.inputs[n] for s in samples]) for n in self.inputs}
            target_arrays = {u: np.array([s.targets[u] for s in samples]) for u in self.output_units}
        return self._evaluation(inputs, parameters, target_arrays)

    def _evaluation(self, inputs, parameters, targets) -> Evaluation:
        losses, per_sample, details = self._run(inputs, parameters, targets)
        first = {kind: {k: float(v[0]) for k, v in table.items()} for kind, table in details.items()}
        used = {n: [float(x) for x in inputs[n]] for n in self.inputs}
        used.update({p: float(parameters[p]) for p in self.parameters})
        used.update({self.target_name(u): [float(x) for x in targets[u]] for u in self.output_units})
        batch = {kind: {k: [float(x) for x in v] for k, v in table.items()}
                 for kind, table in details.items()}
        batch["inputs_used"] = used
        return Evaluation(forward=first["forward"] | {}, preactivation=first["preactivation"],
                          loss=self._reduce(losses), output_gradient=first["output_gradient"],
                          deltas=first["deltas"],
                          gradients={p: self._reduce(g) for p, g in per_sample.items()},
                          losses=[float(x) for x in losses], batch=batch)

    def train(self, steps: int | None = None, learning_rate: float | None = None) -> Training:
        """Full-batch gradient descent; frozen parameters keep their values.

        >>> import symnn
        >>> tr = Network(symnn.parse_spec(LECTURE_EXAMPLE)).train()
        >>> round(tr.history[0], 4), round(tr.updated["w5"], 4)
        (0.2097, 0.0654)
        """
        steps = self.spec.steps if steps is None else int(steps)
        eta = self.spec.learning_rate if learning_rate is None else float(learning_rate)
        if steps < 0:
            raise SpecError(f"{self.spec.source}: steps: expected a whole number >= 0, got {steps}")
        parameters = {p: float(self.spec.values[p]) for p in self.parameters}
        samples = self.spec.samples
        inputs = {n: np.array([s.inputs[n] for s in samples]) for n in self.inputs}
        targets = {u: np.array([s.targets[u] for s in samples]) for u in self.output_units}
        history: list[float] = []
        first: dict[str, float] = {}
        gradient = self.batch_gradient_function() if steps else None
        for step in range(steps):
            loss, gradients = gradient(inputs, parameters, targets)
            if step == 0:
                first = gradients
            history.append(loss)
            for p in self.trainable:
                parameters[p] -= eta * gradients[p]
        return Training(history=history, updated=parameters, gradients=first, learning_rate=eta,
                        steps=steps)

    def __repr__(self) -> str:
        sizes = "-".join(str(len(layer.units)) for layer in self.spec.layers)
        return f"Network({len(self.inputs)}-{sizes}, loss={self.spec.loss})"


class _BatchGradient:
    """The batch-reduced loss and gradient of a network: backprop in matrix form.

    Activations, net inputs and deltas of a layer are ``(units, samples)`` arrays. The
    weight matrix of a layer is read off its net-input formulas (the coefficient of each
    source in ``In_u``), so the forward pass is ``W.T @ sources + b`` and the backward sums
    ``sum_v w_{u,v} delta_v`` are ``W @ deltas`` (the same coefficients: dIn_v/du).
    """

    def __init__(self, net: Network):
        self.reduction = net.spec.reduction
        self.names = list(net.parameters)
        self.count = len(self.names)
        self.inputs = list(net.inputs)
        self.output_units = list(net.output_units)
        self.softmax_loss = net.spec.loss == "softmax_cross_entropy"
        index = {net.symbol(p): k for k, p in enumerate(self.names)}
        zero = self.count  # the index of a 0 appended to the parameter vector
        groups = [self.inputs] + [list(layer.units) for layer in net.spec.layers]
        where = {name: (g, r) for g, members in enumerate(groups) for r, name in enumerate(members)}
        self.group_sizes = [len(members) for members in groups]
        order = [*net.inputs, *net.units].index
        self.layers = []
        for number, layer in enumerate(net.spec.layers):
            units = list(layer.units)
            sources = sorted({s for u in units for s, _ in net.incoming(u)}, key=order)
            source_symbols = [net.symbol(s) for s in sources]
            weight_index = np.full((len(sources), len(units)), zero)
            bias_index = np.full(len(units), zero)
            for j, unit in enumerate(units):
                form = net.preactivation_expr(unit)
                for i, symbol in enumerate(source_symbols):
                    coefficient = form.diff(symbol)
                    if coefficient != 0:
                        weight_index[i, j] = index[coefficient]
                constant = form.xreplace({s: 0 for s in source_symbols})
                if constant != 0:
                    bias_index[j] = index[constant]
            rows, columns = np.nonzero(weight_index != zero)
            located = [where[s] for s in sources]
            whole = next((g for g, members in enumerate(groups) if members == sources), None)
            back_rows = [i for i, (g, _) in enumerate(located) if g > 0]
            self.layers.append({
                "weight_index": weight_index, "bias_index": bias_index,
                "has_bias": bool(np.any(bias_index != zero)), "edge_rows": rows, "edge_columns": columns,
                "edge_parameters": weight_index[rows, columns],
                "bias_units": np.nonzero(bias_index != zero)[0],
                "bias_parameters": bias_index[bias_index != zero], "whole": whole, "located": located,
                "back_rows": back_rows,
                "forward": (lambda z: numeric.softmax(z, axis=0)) if layer.activation == "softmax"
                else _ACTIVATION_NUMERIC[layer.activation],
                "local": None if number == len(net.spec.layers) - 1 else self._local(net, units)})
        outputs = [net.symbol(u) for u in self.output_units]
        _, self.loss_function, _ = net._compiled
        output_deltas = [net._delta_structured(u) for u in self.output_units]
        self.output_delta = numeric.compile_expressions(
            [*outputs, *[net.preactivation_symbol(u) for u in self.output_units],
             *[net._output_gradient_symbol[u] for u in self.output_units]], output_deltas)
        # keep a layer's net inputs only where its derivative is not written in its activations
        # (fewer arrays alive: on large batches their memory costs more than their arithmetic)
        for plan in self.layers[:-1]:
            plan["keeps_net_input"] = plan["local"][1]
        pre = {net.preactivation_symbol(u) for u in self.output_units}
        self.layers[-1]["keeps_net_input"] = any(pre & form.free_symbols for form in output_deltas)

    @staticmethod
    def _local(net: Network, units: list[str]):
        """The layer's local derivative du/dIn_u as one function of the (units, samples) arrays of
        activations and net inputs (a layer has one activation, so every unit has the same form),
        and whether it needs the net inputs."""
        a, z = sympy.Dummy("a"), sympy.Dummy("z")
        form = net.local_derivative(units[0]).xreplace(
            {net.symbol(units[0]): a, net.preactivation_symbol(units[0]): z})
        return numeric.compile_expressions([a, z], [form]), z in form.free_symbols

    def _sources(self, plan: dict, activations: list, n: int):
        if plan["whole"] is not None:
            return activations[plan["whole"]]
        if not plan["located"]:
            return np.zeros((0, n))
        return np.stack([activations[g][r] for g, r in plan["located"]])

    def run(self, inputs: Mapping, parameters: Mapping, targets: Mapping) -> tuple[float, dict[str, float]]:
        n = max([np.size(v) for v in inputs.values()] + [1])
        p = np.empty(self.count + 1)
        p[-1] = 0.0
        for k, name in enumerate(self.names):
            p[k] = parameters[name]
        first = np.empty((len(self.inputs), n))
        for i, name in enumerate(self.inputs):
            first[i] = inputs[name]
        activations, preactivations, sources, weights = [first], [], [], []
        with np.errstate(all="ignore"):
            for plan in self.layers:
                source = self._sources(plan, activations, n)
                W = p[plan["weight_index"]]
                z = W.T @ source
                if plan["has_bias"]:
                    z += p[plan["bias_index"]][:, None]
                activations.append(np.asarray(plan["forward"](z), dtype=float))
                preactivations.append(z if plan["keeps_net_input"] else None)
                del z
                sources.append(source)
                weights.append(W)
            outputs = activations[-1]
            ys = [_column(targets[u], n) for u in self.output_units]
            shift = np.max(outputs, axis=0) if self.softmax_loss else 0.0
            result = self.loss_function(*outputs, *ys, shift)
            losses = np.asarray(result[0], dtype=float)
            net_inputs = preactivations[-1] if preactivations[-1] is not None else [None] * len(outputs)
            delta = _rows(self.output_delta(*outputs, *net_inputs, *result[1:]), n)
            del result, ys
            gradient = np.zeros(self.count + 1)
            upstream: list = [None] * len(activations)
            for number in range(len(self.layers) - 1, -1, -1):
                plan = self.layers[number]
                if plan["local"] is not None:
                    delta = self._hidden_delta(plan, upstream[number + 1], activations[number + 1],
                                               preactivations[number])
                    # done with this layer's arrays: their memory serves the layers below
                    upstream[number + 1] = activations[number + 1] = preactivations[number] = None
                grid = sources[number] @ delta.T  # sum over the batch of source * delta, per edge
                sources[number] = None
                gradient += np.bincount(plan["edge_parameters"], minlength=self.count + 1,
                                        weights=grid[plan["edge_rows"], plan["edge_columns"]])
                if plan["has_bias"]:
                    gradient += np.bincount(plan["bias_parameters"], minlength=self.count + 1,
                                            weights=delta.sum(axis=1)[plan["bias_units"]])
                if plan["back_rows"]:
                    self._send_back(plan, weights[number], delta, upstream, n)
        loss = float(losses.sum()) if losses.ndim else float(losses) * n
        if self.reduction != "sum":
            loss /= n
            gradient /= n
        return loss, dict(zip(self.names, gradient[:-1].tolist(), strict=True))

    @staticmethod
    def _hidden_delta(plan: dict, downstream, a, z):
        """delta = du/dIn_u * sum_v w_{u,v} delta_v for every unit of the layer at once."""
        if downstream is None:  # no unit of a later layer reads this layer
            return np.zeros_like(a)
        downstream *= plan["local"][0](a, z)[0]  # the sums are this call's own array: delta in place
        return downstream

    def _send_back(self, plan: dict, W, delta, upstream: list, n: int) -> None:
        """Add sum_v w_{u,v} delta_v to the downstream sums of the source units u."""
        whole = plan["whole"]
        if whole is not None:
            back = W @ delta
            upstream[whole] = back if upstream[whole] is None else upstream[whole] + back
            return
        rows = plan["back_rows"]
        back = W[rows] @ delta
        for k, i in enumerate(rows):
            g, r = plan["located"][i]
            if upstream[g] is None:
                upstream[g] = np.zeros((self.group_sizes[g], n))
            upstream[g][r] += back[k]


def _column(value, n: int):
    """``value`` as a float array of ``n`` samples (an array that is one already is used as is)."""
    if isinstance(value, np.ndarray) and value.shape == (n,) and value.dtype == float:
        return value
    return np.broadcast_to(np.asarray(value, dtype=float), (n,))


def _rows(values, n: int):
    """A list of per-unit results (arrays or numbers) as one (units, n) array."""
    rows = np.empty((len(values), n))
    for i, value in enumerate(values):
        rows[i] = value
    return rows


_ACTIVATION_NUMERIC = {
    "sigmoid": numeric.sigmoid, "tanh": numeric.tanh, "relu": numeric.relu,
    "leaky_relu": numeric.leaky_relu, "elu": numeric.elu, "softplus": numeric.softplus,
    "gelu": numeric.gelu, "gelu_tanh": numeric.gelu_tanh, "identity": numeric.identity,
}


def _product(factors: list) -> sympy.Expr:
    return factors[0] if len(factors) == 1 else Product(*factors)


def _held_symbols(expr) -> set:
    return {s for s in expr.atoms(sympy.Symbol)}


def _decimals(value: float, significant: int) -> int:
    if value == 0 or not math.isfinite(value):
        return significant
    return max(significant - 1 - math.floor(math.log10(abs(value))), 0)


def _written(value: float) -> str:
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text
