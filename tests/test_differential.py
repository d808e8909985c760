"""Differential tests: symnn's numbers against HIPS autograd on random specs and random graphs.

Every spec and every graph is drawn from a seeded generator, written down as a structure
first (the ground truth), then turned into a TOML spec (or an expression's text) for
symnn and into an autograd function for the oracle. Loss, forward values, net inputs,
dLoss/do, deltas, gradients (per sample and batch-reduced), updates and the loss history
must agree to a relative 1e-9; the text report must build for every spec.
"""

from __future__ import annotations

import math
import time

import autograd.numpy as anp
import numpy as np
from autograd import grad
from autograd.scipy.special import erf as aerf

import symnn
from symnn.models.network import Network
from symnn.render.backprop import BackpropReport
from symnn.render.tex import compile_tex

SPECS = 200
GRAPHS = 120
RELATIVE = 1e-9
ABSOLUTE = 1e-13  # a value that is 0 up to rounding (a sum that cancels) on both sides

#: names a user may write that collide with what a compiler or SymPy calls its own
SPECIAL_NAMES = ["x0", "x12", "exp", "lambda", "E", "I", "隐层1", "x1", "sin", "pi", "S", "N", "O", "Q",
                 "beta", "gamma", "x3", "y", "z0", "w_{11}"]
ELEMENTWISE = ["sigmoid", "tanh", "relu", "leaky_relu", "elu", "softplus", "gelu", "gelu_tanh", "identity"]
CLASS_LOSSES = {"cross_entropy", "softmax_cross_entropy", "softmax", "hinge"}
LOSS_NAMES = ["half_sse", "sse", "mse", "cross_entropy", "ce", "softmax_cross_entropy", "softmax", "hinge",
              "svm"]
CANONICAL = {"sse": "half_sse", "ce": "cross_entropy", "svm": "hinge"}


# -- the oracle: autograd --------------------------------------------------------------------
def _activate(name: str, z):
    if name == "sigmoid":
        return 0.5 * (anp.tanh(0.5 * z) + 1.0)
    if name == "tanh":
        return anp.tanh(z)
    if name == "relu":
        return anp.where(z >= 0, z, 0.0 * z)
    if name == "leaky_relu":
        return anp.where(z >= 0, z, 0.01 * z)
    if name == "elu":
        return anp.where(z > 0, z, anp.expm1(anp.where(z > 0, 0.0, z)))  # slope 1 on both sides of 0
    if name == "softplus":
        return anp.logaddexp(0.0, z)
    if name == "gelu":
        return 0.5 * z * (1.0 + aerf(z / math.sqrt(2.0)))
    if name == "gelu_tanh":
        return 0.5 * z * (1.0 + anp.tanh(math.sqrt(2.0 / math.pi) * (z + 0.044715 * z**3)))
    if name == "identity":
        return z
    raise AssertionError(name)


def _log_softmax(z):  # z: (units, samples)
    top = anp.max(z, axis=0)
    return z - (top + anp.log(anp.sum(anp.exp(z - top), axis=0)))


def _sample_losses(loss: str, o, y):
    """Per-sample loss of outputs ``o`` and targets ``y`` (units, samples), as the lecture defines it."""
    if loss == "half_sse":
        return 0.5 * anp.sum((o - y) ** 2, axis=0)
    if loss == "mse":
        return anp.mean((y - o) ** 2, axis=0)
    if loss == "cross_entropy":
        return -anp.sum(y * anp.log(o), axis=0)
    if loss in ("softmax_cross_entropy", "softmax"):
        return -anp.sum(y * _log_softmax(o), axis=0)
    if loss == "hinge":
        true_score = anp.sum(y * o, axis=0)
        margin = o - true_score + 1.0
        return anp.sum((1.0 - y) * anp.where(margin > 0, margin, 0.0 * margin), axis=0)  # 0 at a margin of 0
    raise AssertionError(loss)


class Oracle:
    """The network of a structure, written with autograd.numpy."""

    def __init__(self, structure: dict):
        self.s = structure
        self.parameters = structure["parameters"]
        self.units = [u for layer in structure["layers"] for u in layer["units"]]

    def run(self, theta, inputs: dict, targets, offsets=None):
        """(per-sample losses, activations, net inputs, outputs); ``offsets`` are added to net inputs."""
        value = dict(zip(self.parameters, theta, strict=True))
        acts = dict(inputs)
        pre = {}
        for layer in self.s["layers"]:
            zs = []
            for unit in layer["units"]:
                z = sum(value[w] * acts[src] for src, w in layer["weights"][unit].items())
                if unit in layer["bias"]:
                    z = z + value[layer["bias"][unit]]
                if offsets is not None:
                    z = z + offsets[self.units.index(unit)]
                zs.append(z)
            z = anp.stack(zs)
            name = layer["activation"]
            a = anp.exp(_log_softmax(z)) if name == "softmax" else _activate(name, z)
            for i, unit in enumerate(layer["units"]):
                pre[unit], acts[unit] = z[i], a[i]
        outputs = anp.stack([acts[u] for u in self.s["layers"][-1]["units"]])
        return _sample_losses(self.s["loss"], outputs, targets), acts, pre, outputs

    def reduced(self, theta, inputs, targets):
        losses = self.run(theta, inputs, targets)[0]
        return anp.sum(losses) if self.s["reduction"] == "sum" else anp.mean(losses)

    def everything(self) -> dict:
        s = self.s
        theta = np.array([s["values"][p] for p in self.parameters])
        samples = s["samples"]
        inputs = {x: np.array([smp["inputs"][x] for smp in samples]) for x in s["inputs"]}
        outs = s["layers"][-1]["units"]
        targets = np.array([[smp["targets"][u] for smp in samples] for u in outs])
        _, acts, pre, outputs = self.run(theta, inputs, targets)
        first_inputs = {x: v[:1] for x, v in inputs.items()}
        first_targets = targets[:, :1]

        def first_loss_of_offsets(offsets):
            return anp.sum(self.run(theta, first_inputs, first_targets, offsets)[0])

        def first_loss_of_outputs(o):
            return anp.sum(_sample_losses(s["loss"], o, first_targets))

        deltas = grad(first_loss_of_offsets)(np.zeros((len(self.units), 1)))
        output_gradient = grad(first_loss_of_outputs)(np.asarray(outputs)[:, :1])
        gradient = grad(self.reduced)
        result = {
            "loss": float(self.reduced(theta, inputs, targets)),
            "forward": {u: float(acts[u][0]) for u in self.units},
            "preactivation": {u: float(pre[u][0]) for u in self.units},
            "deltas": {u: float(deltas[i, 0]) for i, u in enumerate(self.units)},
            "output_gradient": {u: float(output_gradient[i, 0]) for i, u in enumerate(outs)},
            "gradients": dict(zip(self.parameters, map(float, gradient(theta, inputs, targets)),
                                  strict=True)),
        }
        history = []
        trainable = np.array([p not in s["frozen"] for p in self.parameters], dtype=float)
        for _ in range(s["steps"]):
            history.append(float(self.reduced(theta, inputs, targets)))
            theta = theta - s["learning_rate"] * trainable * gradient(theta, inputs, targets)
        result["history"] = history
        result["updated"] = dict(zip(self.parameters, map(float, theta), strict=True))
        return result


# -- the generator -------------------------------------------------------------------------------
def _names(rng: np.random.Generator, count: int) -> list[str]:
    special = list(SPECIAL_NAMES)
    rng.shuffle(special)
    taken = special[: int(rng.integers(0, 6))]
    return taken + [f"n{k}" for k in range(count)]


def random_structure(seed: int) -> dict:
    """A random network written down as plain data."""
    rng = np.random.default_rng(seed)
    depth = int(rng.integers(1, 5))
    widest = {1: 5, 2: 4, 3: 3, 4: 2}[depth]  # small sizes: every spec compiles in well under a second
    widths = [int(rng.integers(1, widest + 1)) for _ in range(depth)]
    loss_name = LOSS_NAMES[int(rng.integers(len(LOSS_NAMES)))]
    loss = CANONICAL.get(loss_name, loss_name)
    activations = [ELEMENTWISE[int(rng.integers(len(ELEMENTWISE)))] for _ in range(depth)]
    if loss == "cross_entropy":
        activations[-1] = ["softmax", "sigmoid", "softplus"][int(rng.integers(3))]
    elif loss in ("softmax_cross_entropy", "softmax"):
        activations[-1] = ["identity", "tanh", "sigmoid"][int(rng.integers(3))]
    elif loss in ("half_sse", "mse") and rng.random() < 0.25:
        activations[-1] = "softmax"
    if activations[-1] == "softmax" or loss in CLASS_LOSSES:
        widths[-1] = max(widths[-1], 2)
    names = iter(_names(rng, 200))
    inputs = [next(names) for _ in range(int(rng.integers(1, 4)))]
    earlier = [list(inputs)]
    layers, parameters, values = [], [], {}
    dead_chosen = False

    def parameter(kind: str) -> str:
        if parameters and rng.random() < 0.08:  # a shared parameter
            return parameters[int(rng.integers(len(parameters)))]
        name = next(names)
        parameters.append(name)
        values[name] = float(rng.uniform(-1.2, 1.2))
        return name

    for index in range(depth):
        units = [next(names) for _ in range(widths[index])]
        previous = earlier[-1]
        # a hidden unit that feeds nothing: the next layer takes no edge from it
        excluded = set()
        if index > 0 and len(previous) > 1 and rng.random() < 0.3:
            excluded.add(previous[int(rng.integers(len(previous)))])
            dead_chosen = True
        weights = {}
        for unit in units:
            pool = [p for p in previous if p not in excluded]
            chosen = [p for p in pool if rng.random() < 0.8] or [pool[int(rng.integers(len(pool)))]]
            if index > 0 and rng.random() < 0.3:  # a skip connection from an earlier layer
                flat = [n for group in earlier[:-1] for n in group if n not in excluded]
                if flat:
                    extra = flat[int(rng.integers(len(flat)))]
                    if extra not in chosen:
                        chosen.append(extra)
            weights[unit] = {src: parameter("w") for src in chosen}
        kind = ["none", "each", "shared", "cross"][int(rng.integers(4))]
        bias = {}
        if kind == "each":
            bias = {u: parameter("b") for u in units}
        elif kind == "shared":
            shared = parameter("b")
            bias = {u: shared for u in units}
        elif kind == "cross" and any(layer["bias"] for layer in layers):
            earlier_biases = [b for layer in layers for b in layer["bias"].values()]
            bias = {u: earlier_biases[int(rng.integers(len(earlier_biases)))] for u in units}
        layers.append({"units": units, "activation": activations[index], "weights": weights, "bias": bias})
        earlier.append(units)
    outs = layers[-1]["units"]
    samples = []
    for _ in range(int(rng.integers(1, 4))):
        sample_inputs = {x: float(rng.uniform(-2, 2)) for x in inputs}
        if loss in CLASS_LOSSES:
            label = int(rng.integers(len(outs)))
            sample_targets = {u: float(k == label) for k, u in enumerate(outs)}
        else:
            sample_targets = {u: float(rng.uniform(-1, 1)) for u in outs}
        samples.append({"inputs": sample_inputs, "targets": sample_targets})
    frozen = [p for p in parameters if rng.random() < 0.1]
    return {"inputs": inputs, "layers": layers, "loss": loss, "loss_name": loss_name,
            "reduction": "sum" if loss == "half_sse" else "mean", "parameters": parameters,
            "values": values, "samples": samples, "steps": int(rng.integers(1, 4)),
            "learning_rate": float(rng.uniform(0.05, 1.0)), "frozen": frozen, "dead": dead_chosen}


def _q(name: str) -> str:
    return '"' + name + '"'


def spec_text(s: dict) -> str:
    """The structure as a TOML spec, every name quoted."""
    lines = ["[network]", f"inputs = [{', '.join(map(_q, s['inputs']))}]", f"loss = {_q(s['loss_name'])}"]
    for layer in s["layers"]:
        weights = ", ".join(f"{_q(u)} = {{ {', '.join(f'{_q(a)} = {_q(w)}' for a, w in e.items())} }}"
                            for u, e in layer["weights"].items())
        lines += ["[[network.layers]]", f"units = [{', '.join(map(_q, layer['units']))}]",
                  f"activation = {_q(layer['activation'])}", f"weights = {{ {weights} }}"]
        if layer["bias"]:
            biases = ", ".join(f"{_q(u)} = {_q(b)}" for u, b in layer["bias"].items())
            lines.append("bias = { " + biases + " }")
    lines.append("[values]")
    lines += [f"{_q(p)} = {v!r}" for p, v in s["values"].items()]
    for sample in s["samples"]:
        lines.append("[[data]]")
        lines += [f"{_q(k)} = {v!r}" for k, v in {**sample["inputs"], **sample["targets"]}.items()]
    lines += ["[training]", f"learning_rate = {s['learning_rate']!r}", f"steps = {s['steps']}",
              f"frozen = [{', '.join(map(_q, s['frozen']))}]"]
    return "\n".join(lines) + "\n"


# -- comparing -----------------------------------------------------------------------------------
class Tally:
    def __init__(self):
        self.numbers = 0
        self.worst = 0.0
        self.where = ""

    def close(self, got: float, want: float, where: str) -> None:
        self.numbers += 1
        gap = abs(got - want)
        scale = max(abs(got), abs(want))
        assert math.isfinite(got), f"{where}: symnn gives {got}, autograd {want}"
        assert gap <= RELATIVE * scale or gap <= ABSOLUTE, f"{where}: symnn {got!r}, autograd {want!r}"
        if scale >= 1e-6 and gap / scale > self.worst:  # the relative difference, away from 0
            self.worst, self.where = gap / scale, where


def compare_spec(seed: int, tally: Tally) -> tuple[Network, dict]:
    structure = random_structure(seed)
    text = spec_text(structure)
    net = Network(symnn.parse_spec(text, source=f"random-{seed}.toml"))
    ev = net.evaluate()
    training = net.train()
    want = Oracle(structure).everything()
    label = f"spec {seed}"
    tally.close(ev.loss, want["loss"], f"{label} loss")
    for kind in ("forward", "preactivation", "deltas", "output_gradient"):
        for unit, value in want[kind].items():
            tally.close(getattr(ev, kind)[unit], value, f"{label} {kind} {unit}")
    samples = structure["samples"]
    inputs = {x: np.array([s["inputs"][x] for s in samples]) for x in structure["inputs"]}
    targets = {u: np.array([s["targets"][u] for s in samples]) for u in net.output_units}
    batch_loss, batch_gradients = net.batch_gradient_function()(inputs, structure["values"], targets)
    tally.close(batch_loss, want["loss"], f"{label} batch loss")
    for p, value in want["gradients"].items():
        tally.close(ev.gradients[p], value, f"{label} gradient {p}")
        tally.close(batch_gradients[p], value, f"{label} batch gradient {p}")
        tally.close(training.updated[p], want["updated"][p], f"{label} updated {p}")
    assert len(training.history) == len(want["history"])
    for k, value in enumerate(want["history"]):
        tally.close(training.history[k], value, f"{label} history {k}")
    for unit in net.dead_units:
        assert ev.deltas[unit] == 0.0
    return net, want


def shown_gradients(text: str) -> dict[str, float]:
    """The last figure of each 'Gradient of Error with respect to p' section of a text report."""
    found = {}
    for section in text.split("Gradient of Error with respect to ")[1:]:
        name, *lines = section.split("\n\n")[0].splitlines()
        last = lines[-1].split("[")[0].strip()
        found[name.strip()] = float(last.lstrip("=≈ ").strip("()"))
    return found


#: the LaTeX report of every LATEX_EVERY-th spec is compiled by pdflatex
LATEX_EVERY = 25


def test_random_specs_agree_with_autograd(tmp_path):
    tally = Tally()
    compiled = 0
    start = time.perf_counter()
    reports = figures = 0
    dead = skips = 0
    for seed in range(SPECS):
        net, want = compare_spec(seed, tally)
        dead += bool(net.dead_units)
        skips += any(src not in ([*net.inputs] if i == 0 else net.spec.layers[i - 1].units)
                     for i, layer in enumerate(net.spec.layers) for unit in layer.units
                     for src in layer.weights[unit])
        # the complete text report (every step of every derivation checked) builds for every spec
        report = BackpropReport(net)
        text = report.to_text()
        latex, markdown = report.to_latex(), report.to_markdown()
        assert latex.count(r"\paragraph{Gradient of Error with respect to") == len(net.parameters)
        assert markdown.count("Gradient of Error with respect to") == len(net.parameters)
        if seed % LATEX_EVERY == 0:
            compiled_tex = compile_tex(latex, tmp_path, f"report{seed}", engine=report.latex_engine)
            assert compiled_tex.pdf.startswith(b"%PDF") and compiled_tex.pages
            compiled += 1
        shown = shown_gradients(text)
        assert set(shown) == set(net.parameters), seed
        if len(net.spec.samples) == 1:  # the report shows the first sample's gradients, rounded
            # a gradient that is 0 in exact arithmetic (a softmax's shared bias) comes out of floats
            # as ~1e-16 of the largest: the absolute tolerance is that scale
            scale = 1e-12 * max(1.0, *(abs(v) for v in want["gradients"].values()))
            for p, value in want["gradients"].items():
                assert math.isclose(shown[p], value, rel_tol=6e-4, abs_tol=scale), (seed, p, shown[p], value)
                figures += 1
        reports += 1
    elapsed = time.perf_counter() - start
    print(f"\n{SPECS} specs ({dead} with a dead unit, {skips} with a skip connection, {reports} reports, "
          f"{figures} of their figures, {compiled} compiled), "
          f"{tally.numbers} numbers, largest relative difference {tally.worst:.2e} ({tally.where}), "
          f"{elapsed:.1f} s")
    assert tally.numbers > 10 * SPECS and dead > 10 and skips > 10


# -- random computation graphs ---------------------------------------------------------------------
GRAPH_VARIABLES = ["x", "y", "w0", "x0", "b"]


def random_graph(seed: int) -> tuple[str, object, dict]:
    """(expression text, the same expression as an autograd function of a dict, values)."""
    rng = np.random.default_rng(seed)
    variables = GRAPH_VARIABLES[: int(rng.integers(1, len(GRAPH_VARIABLES) + 1))]

    def build(depth: int):
        if depth == 0 or rng.random() < 0.25:
            if rng.random() < 0.2:
                c = float(rng.choice([0.5, 2.0, 3.0, 1.5]))
                return repr(c), (lambda v, c=c: c)
            name = variables[int(rng.integers(len(variables)))]
            return name, (lambda v, name=name: v[name])
        kind = int(rng.integers(11))
        a_text, a = build(depth - 1)
        if kind <= 4:
            b_text, b = build(depth - 1)
            op = "+-*/*"[kind]
            if op == "+":
                return f"({a_text} + {b_text})", lambda v: a(v) + b(v)
            if op == "-":
                return f"({a_text} - {b_text})", lambda v: a(v) - b(v)
            if op == "*":
                return f"({a_text})*({b_text})", lambda v: a(v) * b(v)
            return f"({a_text})/(1 + ({b_text})^2)", lambda v: a(v) / (1 + b(v) ** 2)
        unary = {5: ("exp", lambda t: anp.exp(0.3 * t), "exp(0.3*({}))"),
                 6: ("sigmoid", lambda t: 0.5 * (anp.tanh(0.5 * t) + 1.0), "sigmoid({})"),
                 7: ("tanh", anp.tanh, "tanh({})"),
                 8: ("log", lambda t: anp.log(1 + t**2), "log(1 + ({})^2)"),
                 9: ("sin", anp.sin, "sin({})"),
                 10: ("softplus", lambda t: anp.logaddexp(0.0, t), "softplus({})")}[kind]
        return unary[2].format(a_text), (lambda v, f=unary[1]: f(a(v)))

    text, function = build(int(rng.integers(1, 5)))
    values = {name: float(np.round(rng.uniform(-2, 2), 3)) for name in variables}
    return text, function, values


def test_random_graphs_agree_with_autograd():
    from symnn.checking.parse import parse_relation
    from symnn.checking.unevaluated import as_written
    from symnn.models.graph import Circuit

    tally = Tally()
    compared = 0
    start = time.perf_counter()
    for seed in range(GRAPHS):
        text, function, values = random_graph(seed)
        drawn = as_written(parse_relation(text).parts[0].node)
        circuit = Circuit.from_expr(drawn, as_written=True)
        present = {str(s) for s in circuit.symbols}
        at = {k: repr(v) for k, v in values.items() if k in present}
        circuit.evaluate(at, exact=False)
        order = sorted(present)
        point = {k: values[k] for k in order}

        def f(vector, order=order, function=function):
            return function(dict(zip(order, vector, strict=True)))

        vector = np.array([point[k] for k in order])
        tally.close(float(circuit.output.number), float(f(vector)), f"graph {seed} value {text}")
        if order:
            gradient = grad(f)(vector)
            for k, name in enumerate(order):
                node = next(n for n in circuit.input_nodes if str(n.expr) == name)
                tally.close(float(node.gradient_number), float(gradient[k]), f"graph {seed} d/d{name} {text}")
        compared += 1
    print(f"\n{compared} graphs, {tally.numbers} numbers, largest relative difference {tally.worst:.2e} "
          f"({tally.where}), {time.perf_counter() - start:.1f} s")
    assert compared >= 100
