"""Network spec files: TOML read with ``tomllib``, checked, turned into plain dataclasses.

Every problem is reported as one :class:`~symnn.core.errors.SpecError` naming the file, the
key (and its line when it can be found) and what was expected. No text of the file is
ever evaluated: names become symbols, numbers must be TOML numbers.

>>> spec = parse_spec('''
... [network]
... inputs = ["x"]
... loss = "half_sse"
... [[network.layers]]
... units = ["o"]
... activation = "sigmoid"
... weights = { o = { x = "w" } }
... bias = { o = "b" }
... [values]
... x = 1.0
... w = 0.5
... b = 0.0
... [targets]
... o = 1.0
... ''', source="tiny.toml")
>>> spec.inputs, spec.layers[0].weights, spec.layers[0].bias, spec.parameters
(['x'], {'o': {'x': 'w'}}, {'o': 'b'}, ['w', 'b'])
>>> parse_spec('[network]\\ninputs = ["x", "x"]', source="bad.toml")
Traceback (most recent call last):
...
symnn.core.errors.SpecError: bad.toml: network.inputs (line 2): the name 'x' is repeated; ...
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import SpecError, UnknownNameError, nearest_names
from ..topics.losses import LOSS_ALIASES, LOSSES, loss_function

__all__ = ["LayerSpec", "Sample", "Spec", "load_spec", "parse_spec"]

#: an upper bound on ``steps``, so that a typo cannot make the command run for hours
MAX_STEPS = 100_000
#: the largest network a spec may describe: at these limits deriving and evaluating the network
#: takes under ten seconds (measured: 32 units in 5 layers, 8.5 s; 32 units and 320 parameters in
#: 2 layers, 6 s); 64 units take 70 s or more
MAX_INPUTS = 32
MAX_LAYERS = 5
MAX_UNITS = 32
MAX_PARAMETERS = 400

#: names symnn uses itself in formulas
#: the largest spec file read (a spec is a few kB; the largest allowed network fits well within)
MAX_SPEC_BYTES = 1_000_000
RESERVED_NAMES = {"Error": "the loss", "eta": "the learning rate"}

#: characters a name may not contain (they would break formulas and LaTeX)
_FORBIDDEN = set("#$%&~\\\"`;")

#: ``randomize`` and ``exercise`` belong to exercise specs (read by ``symnn exercise``); a network
#: spec ignores them, so one file serves ``backprop``, ``check`` and ``exercise`` alike
_EXERCISE_KEYS = ("randomize", "exercise")
_TOP_KEYS = ("title", "network", "values", "targets", "data", "training", *_EXERCISE_KEYS)
_NETWORK_KEYS = ("inputs", "loss", "layers", "reduction")
_LAYER_KEYS = ("units", "activation", "weights", "bias")
_TRAINING_KEYS = ("learning_rate", "steps", "frozen")
_DATA_KEYS = ("inputs", "targets")


@dataclass
class LayerSpec:
    """One layer: its units, their activation, incoming weights {unit: {source: parameter}}, biases."""

    units: list[str]
    activation: str
    weights: dict[str, dict[str, str]]
    bias: dict[str, str] = field(default_factory=dict)


@dataclass
class Sample:
    """One training sample: input values and target values of the output units."""

    inputs: dict[str, float]
    targets: dict[str, float]


@dataclass
class Spec:
    """A checked network spec."""

    title: str
    inputs: list[str]
    layers: list[LayerSpec]
    loss: str
    values: dict[str, float]
    targets: dict[str, float]
    samples: list[Sample]
    learning_rate: float = 0.1
    steps: int = 1
    frozen: frozenset[str] = frozenset()
    source: str = "<spec>"
    reduction: str = "sum"

    @property
    def units(self) -> list[str]:
        """All non-input units, layer by layer."""
        return [u for layer in self.layers for u in layer.units]

    @property
    def output_units(self) -> list[str]:
        return list(self.layers[-1].units) if self.layers else []

    @property
    def parameters(self) -> list[str]:
        """Every parameter name once, in the order the spec first uses it (weights, then bias, per layer)."""
        seen: dict[str, None] = {}
        for layer in self.layers:
            for unit in layer.units:
                for parameter in layer.weights.get(unit, {}).values():
                    seen.setdefault(parameter, None)
            for unit in layer.units:
                if unit in layer.bias:
                    seen.setdefault(layer.bias[unit], None)
        return list(seen)


def read_spec_text(path: str | Path) -> str:
    """The text of the spec file at ``path``; a missing or unreadable file is a SpecError."""
    from ..core.files import read_text

    return read_text(path, limit=MAX_SPEC_BYTES, error=SpecError)


def toml_data(text: str, source: str) -> dict:
    """The TOML ``text`` as a dict; invalid or too deeply nested TOML is a SpecError naming ``source``."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SpecError(f"{source}: not valid TOML: {error}") from None
    except RecursionError:
        raise SpecError(f"{source}: not usable TOML: arrays or tables nested too deeply") from None


def load_spec(path: str | Path) -> Spec:
    """Read and check the spec file at ``path``."""
    return parse_spec(read_spec_text(path), source=str(path))


def parse_spec(text: str, source: str = "<spec>") -> Spec:
    """Check the TOML ``text`` of a spec; ``source`` names it in error messages."""
    return _Reader(text, source).read(toml_data(text, source))


def with_line(error: SpecError, text: str) -> SpecError:
    """``error`` ("file: key: message") with the line of its key in ``text`` added, where it is found.

    >>> text = "[values]\\nx = 1\\nw5 = 'a lot'\\n"
    >>> str(with_line(SpecError("s.toml: values.w5: expected a number"), text))
    's.toml: values.w5 (line 3): expected a number'
    """
    message = str(error)
    match = re.match(r"^(.*?): ([A-Za-z_][\w.\[\]]*): (.*)$", message, flags=re.DOTALL)
    if match is None or "(line " in message:
        return error
    source, key, rest = match.groups()
    line = _Reader(text, source)._line(key)
    return SpecError(f"{source}: {key} (line {line}): {rest}") if line else error


class _Reader:
    """Walks the TOML data and raises a SpecError at the first problem."""

    def __init__(self, text: str, source: str):
        self.lines = text.splitlines()
        self.source = source

    # -- errors ----------------------------------------------------------------------------
    def _line(self, key: str) -> int | None:
        """The line of ``key`` in the file: its table header, then the key inside that table."""
        parts = key.split(".")
        start, end = 0, len(self.lines)
        headers = [i for i, line in enumerate(self.lines) if re.match(r"^\s*\[", line)]
        for n in range(len(parts), 0, -1):
            match = re.match(r"^(.*?)(?:\[(\d+)\])?$", ".".join(parts[:n]))
            name, index = match.group(1), int(match.group(2) or 0)
            header = re.compile(r"^\s*\[\[?\s*" + re.escape(name) + r"\s*\]\]?\s*(#.*)?$")
            found = [i for i in headers if header.match(self.lines[i])]
            if len(found) > index:
                if n == len(parts):
                    return found[index] + 1
                start = found[index] + 1
                end = next((i for i in headers if i >= start), len(self.lines))
                break
        leaf = re.sub(r"\[\d+\]$", "", parts[-1])
        if not leaf:
            return None
        pattern = re.compile(r'(^|[\s{,])"?' + re.escape(leaf) + r'"?\s*=')
        for number in range(start, end):
            if pattern.search(self.lines[number].split("#", 1)[0]):
                return number + 1
        return None

    def error(self, key: str, message: str) -> SpecError:
        line = self._line(key) if key else None
        where = f"{key} (line {line})" if line else key
        return SpecError(f"{self.source}: {where}: {message}" if where else f"{self.source}: {message}")

    # -- typed access ------------------------------------------------------------------------
    def table(self, data, key: str, required: bool = True) -> dict:
        if data is None:
            if required:
                raise self.error(key, "missing; expected a table")
            return {}
        if not isinstance(data, dict):
            raise self.error(key, f"expected a table, got {_kind(data)}")
        return data

    def string(self, data, key: str) -> str:
        if not isinstance(data, str) or not data.strip():
            raise self.error(key, f"expected a non-empty string, got {_kind(data)}")
        if data != data.strip() or any(c.isspace() for c in data):
            raise self.error(key, f"the name {data!r} contains spaces; expected a name without spaces")
        bad = sorted({c for c in data if c in _FORBIDDEN})
        if bad or data.count("{") != data.count("}"):
            what = f"the character(s) {' '.join(bad)}" if bad else "unbalanced braces"
            raise self.error(key, f"the name {data!r} contains {what}; expected letters, digits, _ and "
                             "balanced {} (as in w_{11})")
        if data in RESERVED_NAMES:
            raise self.error(key, f"the name '{data}' is reserved for {RESERVED_NAMES[data]}; "
                             "expected another name")
        return data

    def names(self, data, key: str) -> list[str]:
        if not isinstance(data, list) or not data:
            raise self.error(key, f"expected a non-empty list of names, got {_kind(data)}")
        names = [self.string(item, f"{key}[{i}]") for i, item in enumerate(data)]
        for name in names:
            if names.count(name) > 1:
                raise self.error(key, f"the name '{name}' is repeated; expected distinct names")
        return names

    def number(self, data, key: str) -> float:
        if isinstance(data, bool) or not isinstance(data, (int, float)):
            raise self.error(key, f"expected a number, got {_kind(data)}")
        value = float(data)
        if not math.isfinite(value):
            raise self.error(key, f"expected a finite number, got {data}")
        return value

    def known_keys(self, data: dict, key: str, allowed: tuple[str, ...]) -> None:
        for name in data:
            if name not in allowed:
                hint = nearest_names(name, allowed)
                suggestion = f"did you mean '{hint[0]}'? " if hint else ""
                where = f"{key}.{name}" if key else name
                raise self.error(where, f"unknown key; {suggestion}expected one of {', '.join(allowed)}")

    # -- the spec ----------------------------------------------------------------------------
    def read(self, data: dict) -> Spec:
        self.known_keys(data, "", _TOP_KEYS)
        title = data.get("title", Path(self.source).stem)
        if not isinstance(title, str):
            raise self.error("title", f"expected a string, got {_kind(title)}")
        network = self.table(data.get("network"), "network")
        self.known_keys(network, "network", _NETWORK_KEYS)
        inputs = self.names(network.get("inputs"), "network.inputs")
        loss = self._loss(network.get("loss"))
        reduction = network.get("reduction", "sum" if loss == "half_sse" else "mean")
        if reduction not in ("sum", "mean"):
            raise self.error("network.reduction", f"expected \"sum\" or \"mean\", got {reduction!r}")
        layers = self._layers(network.get("layers"), inputs)
        self._softmax_twice(loss, layers)
        outputs = layers[-1].units
        parameters = Spec("", inputs, layers, loss, {}, {}, []).parameters
        self._size(inputs, layers, parameters)
        self._reserved(inputs, layers, parameters)

        values_table = self.table(data.get("values"), "values", required=False)
        targets_table = self.table(data.get("targets"), "targets", required=False)
        data_tables = data.get("data")
        values: dict[str, float] = {}
        for name, value in values_table.items():
            if name not in inputs and name not in parameters:
                raise self._unknown(f"values.{name}", name, "input or parameter", inputs + parameters)
            values[name] = self.number(value, f"values.{name}")
        for parameter in parameters:
            if parameter not in values:
                raise self.error("values", f"no value for the parameter '{parameter}'; expected "
                                 f"'{parameter} = <number>' in [values]")
        targets: dict[str, float] = {}
        for name, value in targets_table.items():
            if name not in outputs:
                raise self._unknown(f"targets.{name}", name, "output unit", outputs)
            targets[name] = self.number(value, f"targets.{name}")

        if data_tables is not None:
            samples = self._samples(data_tables, inputs, outputs)
        else:
            for name in inputs:
                if name not in values:
                    raise self.error("values", f"no value for the input '{name}'; expected "
                                     f"'{name} = <number>' in [values] (or [[data]] tables)")
            for name in outputs:
                if name not in targets:
                    raise self.error("targets", f"no target for the output unit '{name}'; expected "
                                     f"'{name} = <number>' in [targets]")
            samples = [Sample({n: values[n] for n in inputs}, {n: targets[n] for n in outputs})]
        learning_rate, steps, frozen = self._training(data.get("training"), parameters)
        return Spec(title=title, inputs=inputs, layers=layers, loss=loss, values=values,
                    targets=targets, samples=samples, learning_rate=learning_rate, steps=steps,
                    frozen=frozen, source=self.source, reduction=reduction)

    def _size(self, inputs: list[str], layers: list[LayerSpec], parameters: list[str]) -> None:
        units = sum(len(layer.units) for layer in layers)
        for key, count, limit, what in (("network.inputs", len(inputs), MAX_INPUTS, "inputs"),
                                        ("network.layers", len(layers), MAX_LAYERS, "layers"),
                                        ("network.layers", units, MAX_UNITS, "units in the layers"),
                                        ("network.layers", len(parameters), MAX_PARAMETERS, "parameters")):
            if count > limit:
                raise self.error(key, f"{count} {what}, over the limit of {limit} (a larger network "
                                 "would take minutes to derive)")

    def _unknown(self, key: str, name: str, kind: str, known) -> SpecError:
        known = list(known)
        hint = nearest_names(name, known)
        suggestion = f"did you mean '{hint[0]}'? " if hint else ""
        return self.error(key, f"unknown {kind} '{name}'; {suggestion}expected one of "
                          f"{', '.join(known) or '(none)'}")

    def _loss(self, loss) -> str:
        """The catalogue name of the loss (any name or alias of :data:`symnn.topics.losses.LOSSES`)."""
        if loss is None:
            raise self.error("network.loss", "missing; expected one of " + ", ".join(LOSSES))
        if not isinstance(loss, str):
            raise self.error("network.loss", f"expected a string, got {_kind(loss)}")
        try:
            return loss_function(loss).name
        except UnknownNameError:
            raise self._unknown("network.loss", loss, "loss", [*LOSSES, *LOSS_ALIASES]) from None

    def _softmax_twice(self, loss: str, layers: list[LayerSpec]) -> None:
        """A loss that applies softmax itself after a softmax layer would apply it twice: refused."""
        if layers[-1].activation == "softmax" and LOSSES[loss].applies_softmax:
            key = f"network.layers[{len(layers) - 1}].activation"
            raise self.error(key, f"the output layer {layers[-1].units} is a softmax and the loss "
                             f"'{loss}' applies softmax itself, so softmax would be applied twice; "
                             "expected loss = \"cross_entropy\" with this softmax layer, or "
                             f"loss = \"{loss}\" with activation = \"identity\" (the logits)")

    def _layers(self, layers, inputs: list[str]) -> list[LayerSpec]:
        from ..core.functions import ACTIVATIONS, activation_info

        if not isinstance(layers, list) or not layers:
            raise self.error("network.layers", "missing; expected one or more [[network.layers]] tables")
        earlier = list(inputs)
        all_units = [u for layer in layers if isinstance(layer, dict)
                     for u in (layer.get("units") or []) if isinstance(u, str)]
        result = []
        for index, layer in enumerate(layers):
            key = f"network.layers[{index}]"
            layer = self.table(layer, key)
            self.known_keys(layer, key, _LAYER_KEYS)
            units = self.names(layer.get("units"), f"{key}.units")
            for unit in units:
                if unit in earlier:
                    kind = "an input" if unit in inputs else "a unit of an earlier layer"
                    raise self.error(f"{key}.units", f"the name '{unit}' is repeated (it is already "
                                     f"{kind}); expected a new name")
            name = layer.get("activation")
            if not isinstance(name, str):
                raise self.error(f"{key}.activation", f"expected an activation name, got {_kind(name)}")
            if name.strip().lower() == "softmax":
                if index != len(layers) - 1:
                    raise self.error(f"{key}.activation", "softmax is only allowed for the output layer; "
                                     "expected an elementwise activation here")
                activation = "softmax"
            else:
                try:
                    activation = activation_info(name).name
                except UnknownNameError:
                    raise self._unknown(f"{key}.activation", name, "activation",
                                        [*ACTIVATIONS, "softmax"]) from None
            weights_table = self.table(layer.get("weights"), f"{key}.weights")
            weights: dict[str, dict[str, str]] = {}
            for unit, incoming in weights_table.items():
                unit_key = f"{key}.weights.{unit}"
                if unit not in units:
                    raise self._unknown(unit_key, unit, "unit of this layer", units)
                incoming = self.table(incoming, unit_key)
                if not incoming:
                    raise self.error(unit_key, "empty; expected { source = \"parameter\", ... }")
                weights[unit] = {}
                for source, parameter in incoming.items():
                    edge_key = f"{unit_key}.{source}"
                    if source not in earlier:
                        if source in units:
                            raise self.error(edge_key, f"'{source}' is a unit of the same layer; expected "
                                             "an input or a unit of an earlier layer")
                        if source in all_units:
                            raise self.error(edge_key, f"'{source}' is a unit of a later layer; expected "
                                             "an input or a unit of an earlier layer")
                        raise self._unknown(edge_key, source, "unit or input", earlier)
                    weights[unit][source] = self.string(parameter, edge_key)
            for unit in units:
                if unit not in weights:
                    raise self.error(f"{key}.weights", f"no incoming weights for the unit '{unit}'; "
                                     f"expected {unit} = {{ source = \"parameter\", ... }}")
            bias_table = self.table(layer.get("bias"), f"{key}.bias", required=False)
            bias: dict[str, str] = {}
            for unit, parameter in bias_table.items():
                if unit not in units:
                    raise self._unknown(f"{key}.bias.{unit}", unit, "unit of this layer", units)
                bias[unit] = self.string(parameter, f"{key}.bias.{unit}")
            result.append(LayerSpec(units, activation, {u: weights[u] for u in units}, bias))
            earlier.extend(units)
        return result

    def _reserved(self, inputs: list[str], layers: list[LayerSpec], parameters: list[str]) -> None:
        units = [u for layer in layers for u in layer.units]
        taken = {name: "an input" for name in inputs}
        taken.update({name: "a unit" for name in units})
        for unit in units:
            taken.setdefault(f"In_{unit}", f"the net input of the unit '{unit}'")
            taken.setdefault(f"delta_{unit}", f"the delta of the unit '{unit}'")
        for unit in layers[-1].units:
            taken.setdefault(f"y_{unit}", f"the target of the unit '{unit}'")
        for index, layer in enumerate(layers):
            for unit in layer.units:
                edges = [(f"network.layers[{index}].weights.{unit}.{s}", p)
                         for s, p in layer.weights[unit].items()]
                if unit in layer.bias:
                    edges.append((f"network.layers[{index}].bias.{unit}", layer.bias[unit]))
                for key, parameter in edges:
                    if parameter in taken:
                        raise self.error(key, f"the name '{parameter}' is repeated (it is already "
                                         f"{taken[parameter]}); expected a new parameter name")
        for unit in units:
            if f"In_{unit}" in inputs or f"y_{unit}" in inputs:
                raise self.error("network.inputs", f"an input name clashes with a name symnn derives for "
                                 f"the unit '{unit}'; rename it")

    def _samples(self, tables, inputs: list[str], outputs: list[str]) -> list[Sample]:
        if not isinstance(tables, list) or not tables:
            raise self.error("data", "expected one or more [[data]] tables")
        samples = []
        for index, table in enumerate(tables):
            key = f"data[{index}]"
            table = self.table(table, key)
            flat: dict[str, object] = {}
            for name, value in table.items():
                if name in _DATA_KEYS and isinstance(value, dict):
                    for inner, number in value.items():
                        flat[inner] = (f"{key}.{name}.{inner}", number)
                else:
                    flat[name] = (f"{key}.{name}", value)
            sample_inputs: dict[str, float] = {}
            sample_targets: dict[str, float] = {}
            for name, (item_key, value) in flat.items():
                if name in inputs:
                    sample_inputs[name] = self.number(value, item_key)
                elif name in outputs:
                    sample_targets[name] = self.number(value, item_key)
                else:
                    raise self._unknown(item_key, name, "input or output unit", inputs + outputs)
            for name in inputs:
                if name not in sample_inputs:
                    raise self.error(key, f"no value for the input '{name}'; expected {name} = <number>")
            for name in outputs:
                if name not in sample_targets:
                    raise self.error(key, f"no target for the output unit '{name}'; expected "
                                     f"{name} = <number>")
            samples.append(Sample({n: sample_inputs[n] for n in inputs},
                                  {n: sample_targets[n] for n in outputs}))
        return samples

    def _training(self, table, parameters: list[str]) -> tuple[float, int, frozenset[str]]:
        table = self.table(table, "training", required=False)
        self.known_keys(table, "training", _TRAINING_KEYS)
        learning_rate = self.number(table.get("learning_rate", 0.1), "training.learning_rate")
        if learning_rate <= 0:
            raise self.error("training.learning_rate", f"expected a positive number, got {learning_rate:g}")
        steps = table.get("steps", 1)
        if isinstance(steps, bool) or not isinstance(steps, int) or not 1 <= steps <= MAX_STEPS:
            raise self.error("training.steps", f"expected a whole number from 1 to {MAX_STEPS}, "
                             f"got {steps!r}")
        frozen_names = table.get("frozen", [])
        if not isinstance(frozen_names, list):
            raise self.error("training.frozen",
                             f"expected a list of parameter names, got {_kind(frozen_names)}")
        frozen = set()
        for i, name in enumerate(frozen_names):
            name = self.string(name, f"training.frozen[{i}]")
            if name not in parameters:
                raise self._unknown("training.frozen", name, "parameter", parameters)
            frozen.add(name)
        return learning_rate, steps, frozenset(frozen)


def _kind(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, str):
        return f"the string {value!r}"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__
