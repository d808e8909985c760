"""The numbers of a network: forward pass, loss, backprop deltas and gradients, training."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import sympy

from ...core import numeric
from ...core.errors import SpecError
from ...topics.losses import loss_function

__all__ = ["Evaluation", "NetworkNumerics", "Training"]


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



class NetworkNumerics:
    """The compiled numerics of :class:`~symnn.models.network.Network` (mixed into it)."""

    @cached_property
    def _compiled(self):
        """The NumPy functions: one per layer forward (CSE), the output deltas, all other deltas.

        The output deltas are compiled from their closed forms, where dLoss/do and do/dIn
        cancel (cross-entropy after sigmoid: -y (1 - o); after softmax: o - y), so they stay
        finite where the output underflows; the hidden deltas and the gradients are compiled
        in terms of the output deltas.
        """
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
        output_delta = numeric.compile_expressions(
            [*[self._symbols[u] for u in self.output_units],
             *[self._preactivation[u] for u in self.output_units],
             *[self.target_symbol(u) for u in self.output_units]],
            [self.delta_expr(u) for u in self.output_units])
        placeholder = {u: sympy.Dummy(f"delta_{u}") for u in self.output_units}
        deltas: dict[str, sympy.Expr] = {}
        for unit in reversed(self.units):
            if unit in placeholder:
                deltas[unit] = placeholder[unit]
            else:
                deltas[unit] = self.local_derivative(unit) * sympy.Add(
                    *[self._symbols[w] * deltas[v] for v, w in self._outgoing[unit]])
        gradients = [sympy.Add(*[deltas[u] * self._source_expr(s) for u, s in self.uses(p)])
                     for p in self.parameters]
        backward_arguments = [*[self._symbols[n] for n in [*self.inputs, *self.units, *self.parameters]],
                              *[self._preactivation[u] for u in self.units],
                              *[placeholder[u] for u in self.output_units]]
        backward = numeric.compile_expressions(backward_arguments,
                                               [*[deltas[u] for u in self.units], *gradients])
        return layers, output_delta, backward

    def _output_numbers(self, outputs: np.ndarray, net_inputs: np.ndarray, targets: np.ndarray):
        """(loss per sample, dLoss/do, output deltas) from ``(units, samples)`` arrays.

        A loss that takes the log of the outputs gets it from the net inputs (log-sigmoid,
        log-softmax): cross-entropy stays finite where an output underflows to 0.
        """
        loss = loss_function(self.spec.loss)
        log_outputs = None
        if loss.takes_log:
            log_outputs = numeric.log_activation_numpy(self.spec.layers[-1].activation)(net_inputs)
        losses, output_gradient = loss.numbers(outputs, targets, log_outputs)
        _, output_delta, _ = self._compiled
        n = outputs.shape[1]
        deltas = _rows(output_delta(*outputs, *net_inputs, *targets), n)
        return np.broadcast_to(losses, (n,)), _rows(output_gradient, n), deltas

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
        >>> from symnn.models.network import LECTURE_EXAMPLE, Network
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
        layers, _, backward = self._compiled
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
                a = numeric.activation_numpy(layer.activation)(z)
                for i, unit in enumerate(layer.units):
                    pre[unit] = z[i]
                    activations[unit] = np.asarray(a[i], dtype=float)
            outs = np.stack([activations[u] for u in self.output_units])
            ys = np.stack([column(targets[u]) for u in self.output_units])
            losses, grads_out, output_deltas = self._output_numbers(
                outs, np.stack([pre[u] for u in self.output_units]), ys)
            values = backward(*[activations[n] if n in activations else params[n]
                                for n in [*self.inputs, *self.units]],
                              *[params[p] for p in self.parameters],
                              *[pre[u] for u in self.units], *output_deltas)
        deltas = {u: column(values[i]) for i, u in enumerate(self.units)}
        per_sample = {p: column(values[len(self.units) + i]) for i, p in enumerate(self.parameters)}
        details = {"forward": {u: activations[u] for u in self.units}, "preactivation": pre,
                   "output_gradient": dict(zip(self.output_units, grads_out, strict=True)),
                   "deltas": deltas}
        return column(losses), per_sample, details

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
                from ...core.errors import UnknownNameError

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
        >>> from symnn.models.network import LECTURE_EXAMPLE, Network
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


class _BatchGradient:
    """The batch-reduced loss and gradient of a network: backprop in matrix form.

    Activations, net inputs and deltas of a layer are ``(units, samples)`` arrays. The
    weight matrix of a layer is read off its net-input formulas (the coefficient of each
    source in ``In_u``), so the forward pass is ``W.T @ sources + b`` and the backward sums
    ``sum_v w_{u,v} delta_v`` are ``W @ deltas`` (the same coefficients: dIn_v/du).
    """

    def __init__(self, net: NetworkNumerics):
        self.reduction = net.spec.reduction
        self.names = list(net.parameters)
        self.count = len(self.names)
        self.inputs = list(net.inputs)
        self.output_units = list(net.output_units)
        self.net = net
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
                "forward": numeric.activation_numpy(layer.activation),
                "local": None if number == len(net.spec.layers) - 1 else self._local(net, units)})
        # keep a layer's net inputs only where its derivative is not written in its activations
        # (fewer arrays alive: on large batches their memory costs more than their arithmetic)
        for plan in self.layers[:-1]:
            plan["keeps_net_input"] = plan["local"][1]
        self.layers[-1]["keeps_net_input"] = True  # the output deltas and log-outputs read them

    @staticmethod
    def _local(net: NetworkNumerics, units: list[str]):
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
            losses, _, delta = self.net._output_numbers(outputs, preactivations[-1], np.stack(ys))
            del ys
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


