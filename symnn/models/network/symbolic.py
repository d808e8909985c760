"""The symbolic network: names, symbols, net inputs, activations, loss, deltas and chain-rule paths."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import sympy

from ...core.errors import SpecError
from ...topics.losses import loss_function
from ..spec import Spec
from .written import Partial

__all__ = ["LECTURE_EXAMPLE", "LOSS_NAME", "Factor", "SymbolicNetwork", "loss_expression",
           "loss_gradient_expressions"]

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


@dataclass(frozen=True)
class Factor:
    """One local derivative of a chain-rule path: d numerator / d denominator = expr."""

    numerator: str
    denominator: str
    expr: sympy.Expr



class SymbolicNetwork:
    """The symbols and formulas of a network: forward one layer deep, deltas, chain-rule paths."""

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
        from ...core.errors import UnknownNameError

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
            from ...core.errors import UnknownNameError

            raise UnknownNameError("unit", unit, self.units)

    def _check_parameter(self, parameter: str) -> None:
        if parameter not in self.parameters:
            from ...core.errors import UnknownNameError

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

    @cached_property
    def dead_units(self) -> list[str]:
        """The hidden units from which no path reaches an output: their deltas are 0.

        >>> import symnn
        >>> from symnn.models.network import LECTURE_EXAMPLE, Network
        >>> Network(symnn.parse_spec(LECTURE_EXAMPLE)).dead_units
        []
        """
        dead: set[str] = set()
        for unit in reversed(self.units):
            if unit not in self.output_units and all(v in dead for v, _ in self._outgoing[unit]):
                dead.add(unit)
        return [u for u in self.units if u in dead]

    def live_outgoing(self, name: str) -> list[tuple[str, str]]:
        """:meth:`outgoing` without the units that feed nothing (their deltas are 0)."""
        dead = set(self.dead_units)
        return [(v, w) for v, w in self._outgoing[name] if v not in dead]

    def live_uses(self, parameter: str) -> list[tuple[str, str | None]]:
        """:meth:`uses` without the places on units that feed nothing."""
        dead = set(self.dead_units)
        return [(u, s) for u, s in self.uses(parameter) if u not in dead]

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
        from ...core.functions import activation

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
        from ...core.functions import activation

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
        >>> from symnn.models.network import LECTURE_EXAMPLE, Network
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
        local = Factor(unit, pre, self.local_derivative(unit))
        for v, w in self._outgoing[unit]:
            for path in self._paths_to_preactivation(v):
                paths.append([*path, Factor(f"In_{v}", unit, self._symbols[w]), local])
        return paths

    def chain_rule(self, parameter: str) -> list[list[Factor]]:
        """The chain-rule products of dLoss/dparameter, one list of factors per path.

        >>> import symnn
        >>> from symnn.models.network import LECTURE_EXAMPLE, Network
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
