"""Networks from specs: gradients against independent truths.

Truths used here: Matt Mazur's published figures ("A Step by Step Backpropagation
Example"), the lecture's printed figures, SymPy's own derivative of the explicitly
composed loss, and central finite differences of the forward loss.
"""

from __future__ import annotations

import math
import time
from pathlib import Path

import numpy as np
import pytest
import sympy
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import symnn
from symnn.core.functions import activation, explicit
from symnn.models.network import Network

ROOT = Path(__file__).resolve().parents[1]
LECTURE = ROOT / "derivations" / "backprop_lecture.toml"
MAZUR = ROOT / "derivations" / "specs" / "mazur.toml"
THREE = ROOT / "derivations" / "specs" / "three_layer.toml"
CLASSIFIER = ROOT / "derivations" / "specs" / "softmax_classifier.toml"


def finite_difference_gradients(net: Network, h: float = 1e-6) -> dict[str, float]:
    """Central differences of the forward loss in every parameter."""
    point = {p: float(net.spec.values[p]) for p in net.parameters}
    return symnn.central_difference(lambda values: net.evaluate(values=values).loss, point, h=h)


def composed_loss(net: Network) -> sympy.Expr:
    """The loss of the first sample as one explicit expression of inputs and parameters."""
    replace: dict = {}
    for unit in net.units:
        name = net.activation_name(unit)
        pre = net.preactivation_expr(unit).xreplace(replace)
        if name == "softmax":
            continue
        replace[net.symbol(unit)] = activation(name).explicit_form(pre)
    for unit in net.output_units:
        if net.activation_name(unit) == "softmax":
            layer = net.layer(unit)
            pres = {v: net.preactivation_expr(v).xreplace(replace) for v in layer.units}
            total = sympy.Add(*[sympy.exp(p) for p in pres.values()])
            for v in layer.units:
                replace[net.symbol(v)] = sympy.exp(pres[v]) / total
            break
    sample = net.spec.samples[0]
    loss = explicit(net.loss_expr().rewrite(sympy.exp)).xreplace(replace)
    numbers = {net.symbol(n): v for n, v in sample.inputs.items()}
    numbers.update({net.target_symbol(u): v for u, v in sample.targets.items()})
    return loss.xreplace(numbers)


# -- published and printed figures ------------------------------------------------------------
def test_mazur_published_figures():
    net = Network(symnn.load_spec(MAZUR))
    ev = net.evaluate()
    assert ev.loss == pytest.approx(0.298371109, abs=1e-9)
    assert ev.forward["h1"] == pytest.approx(0.593269992, abs=1e-9)
    assert ev.forward["o1"] == pytest.approx(0.75136507, abs=1e-8)
    assert ev.gradients["w5"] == pytest.approx(0.082167041, abs=1e-9)
    assert ev.gradients["w1"] == pytest.approx(0.000438568, abs=1e-9)
    updated = net.train().updated
    published = {"w5": 0.35891648, "w6": 0.408666186, "w7": 0.511301270, "w8": 0.561370121,
                 "w1": 0.149780716, "w2": 0.19956143, "w3": 0.24975114, "w4": 0.29950229}
    for name, value in published.items():
        assert updated[name] == pytest.approx(value, abs=1e-8), name
    # frozen shared biases keep their values but have gradients (the sum over both units)
    assert updated["b1"] == 0.35 and updated["b2"] == 0.60
    assert ev.gradients["b1"] == pytest.approx(ev.deltas["h1"] + ev.deltas["h2"], rel=1e-12)


def test_mazur_after_ten_thousand_steps():
    # Mazur: "after repeating this process 10,000 times ... the error plummets to 0.0000351085"
    # (he does not update the biases either)
    net = Network(symnn.load_spec(MAZUR))
    training = net.train(steps=10_000)
    assert training.history[0] == pytest.approx(0.298371109, abs=1e-9)
    assert len(training.history) == 10_000
    final = net.evaluate(values=training.updated).loss
    assert final == pytest.approx(0.0000351085, rel=1e-3)


def test_lecture_printed_figures():
    net = Network(symnn.load_spec(LECTURE))
    ev = net.evaluate()
    printed = {"h1": ("0.56", ev.forward["h1"]), "h2": ("0.50", ev.forward["h2"]),
               "o1": ("0.48", ev.forward["o1"]), "o2": ("0.53", ev.forward["o2"]),
               "Error": ("0.21", ev.loss), "do1": ("0.25", ev.output_gradient["o1"]),
               "do2": ("0.60", ev.output_gradient["o2"]), "w5": ("0.03", ev.gradients["w5"]),
               "w7": ("0.03", ev.gradients["w7"]), "w6": ("0.08", ev.gradients["w6"]),
               "w8": ("0.07", ev.gradients["w8"]), "w2": ("0.013", ev.gradients["w2"]),
               "w4": ("0.008", ev.gradients["w4"])}
    for name, (text, value) in printed.items():
        decimals = len(text.split(".")[1])
        assert round(value, decimals) == pytest.approx(float(text)), name
    # the lecture prints delta1 as -0.009; the exact value rounds to -0.008
    assert ev.gradients["w1"] == pytest.approx(-0.00842148, abs=1e-8)
    assert round(ev.gradients["w1"], 3) == -0.008
    assert ev.loss == pytest.approx(0.2097097937, abs=1e-9)
    # the lecture's own arithmetic for delta5: 0.25 * 0.48 * (1 - 0.48) * 0.56 = 0.0349
    assert ev.gradients["w5"] == pytest.approx(0.25 * 0.48 * 0.52 * 0.56, abs=5e-4)


def test_lecture_update_with_learning_rate_one():
    net = Network(symnn.load_spec(LECTURE))
    training = net.train()
    gradients = net.evaluate().gradients
    for name in net.parameters:
        assert training.updated[name] == pytest.approx(net.spec.values[name] - gradients[name], abs=1e-15)


# -- symbolic structure -----------------------------------------------------------------------
def test_lecture_closed_forms_and_chain_rule():
    net = Network(symnn.load_spec(LECTURE))
    o1, h1, x1, w5, w6 = (net.symbol(n) for n in ("o1", "h1", "x1", "w5", "w6"))
    y1 = net.target_symbol("o1")
    assert sympy.simplify(net.gradient_expr("w5") - (o1 - y1) * o1 * (1 - o1) * h1) == 0
    paths = net.chain_rule("w1")
    assert [[(f.numerator, f.denominator) for f in p] for p in paths] == [
        [("Error", "o1"), ("o1", "In_o1"), ("In_o1", "h1"), ("h1", "In_h1"), ("In_h1", "w1")],
        [("Error", "o2"), ("o2", "In_o2"), ("In_o2", "h1"), ("h1", "In_h1"), ("In_h1", "w1")]]
    assert paths[0][2].expr == w5 and paths[1][2].expr == w6 and paths[0][4].expr == x1
    # the product of the factors along the paths is the gradient
    total = sympy.Add(*[sympy.Mul(*[f.expr for f in p]) for p in paths])
    assert sympy.simplify(total - net.gradient_expr("w1")) == 0
    assert net.incoming("h1") == [("x1", "w1"), ("x2", "w3")]
    assert net.preactivation_symbol("o1") == sympy.Symbol("In_o1")
    assert net.bias_of("h1") is None and net.activation_name("o2") == "sigmoid"


def test_gradients_match_sympy_diff_of_the_composed_loss():
    for path in (LECTURE, MAZUR, THREE, CLASSIFIER):
        net = Network(symnn.load_spec(path))
        loss = composed_loss(net)
        point = {net.symbol(p): v for p, v in net.spec.values.items() if p in net.parameters}
        ev = net.evaluate(values={**net.spec.samples[0].inputs})
        for parameter in net.parameters:
            exact = float(sympy.diff(loss, net.symbol(parameter)).xreplace(point).evalf(30))
            assert ev.gradients[parameter] == pytest.approx(exact, rel=1e-9, abs=1e-12), parameter


def test_derivation_steps_are_checked_and_end_at_the_value():
    net = Network(symnn.load_spec(LECTURE))
    derivation = net.derivation("w1")
    assert isinstance(derivation, symnn.Derivation)
    assert derivation.steps[-1].relation == "≈"
    assert float(derivation.result.doit()) == pytest.approx(-0.008421, abs=1e-6)
    text = derivation.to_text()
    assert "dError/do1*do1/dIn_o1*w5 + dError/do2*do2/dIn_o2*w6" in text
    assert "(0.5287 - (-0.07))" in text
    update = net.update_derivation("w5")
    assert float(update.result.doit()) == pytest.approx(0.1 - 0.0346330, abs=1e-6)


def test_three_layers_free_names_and_shared_bias():
    net = Network(symnn.load_spec(THREE))
    assert net.parameters[:2] == ["w_{11}", "w_{12}"]
    assert "γ" in net.parameters and net.bias_of("net_h2") == "γ"
    ev = net.evaluate()
    assert ev.gradients["γ"] == pytest.approx(ev.deltas["net_h1"] + ev.deltas["net_h2"], rel=1e-12)
    fd = finite_difference_gradients(net)
    for name, value in fd.items():
        assert ev.gradients[name] == pytest.approx(value, rel=1e-5, abs=1e-8), name
    history = net.train().history
    assert len(history) == 20 and history[-1] < history[0]


def test_several_samples_average_and_softmax_layer():
    net = Network(symnn.load_spec(CLASSIFIER))
    ev = net.evaluate()
    assert len(ev.losses) == 3
    assert ev.loss == pytest.approx(np.mean(ev.losses))
    per_sample = [net.evaluate(values={**s.inputs}, targets=s.targets) for s in net.spec.samples]
    for name in net.parameters:
        mean = np.mean([e.gradients[name] for e in per_sample])
        assert ev.gradients[name] == pytest.approx(mean, rel=1e-12)
    fd = finite_difference_gradients(net)
    for name, value in fd.items():
        assert ev.gradients[name] == pytest.approx(value, rel=1e-5, abs=1e-8), name
    assert sum(ev.forward[u] for u in net.output_units) == pytest.approx(1.0)


def test_half_sse_sums_over_samples():
    text = MAZUR.read_text().replace("[values]\ni1 = 0.05\ni2 = 0.10\n", "[values]\n").replace(
        "[targets]\no1 = 0.01\no2 = 0.99\n",
        "[[data]]\ni1 = 0.05\ni2 = 0.10\no1 = 0.01\no2 = 0.99\n"
        "[[data]]\ninputs = { i1 = 0.05, i2 = 0.10 }\ntargets = { o1 = 0.01, o2 = 0.99 }\n")
    net = Network(symnn.parse_spec(text, source="twice.toml"))
    assert len(net.spec.samples) == 2
    assert net.evaluate().loss == pytest.approx(2 * 0.298371109, abs=1e-8)


def test_deep_network_is_derived_backprop_style_quickly():
    width, depth = 5, 4
    started = time.perf_counter()
    net = Network(symnn.parse_spec(random_spec_text(
        depth, [width] * depth, ["sigmoid"] * depth, "half_sse", True, seed=1), source="deep.toml"))
    sizes = [sympy.count_ops(net.gradient_expr(p)) for p in net.parameters]
    ev = net.evaluate()
    elapsed = time.perf_counter() - started
    assert elapsed < 20, elapsed
    assert max(sizes) < 5_000  # the composed loss differentiated per weight is far larger
    assert all(math.isfinite(g) for g in ev.gradients.values())


# -- random networks against central differences ----------------------------------------------
SMOOTH = ["sigmoid", "tanh", "softplus", "identity", "gelu_tanh", "elu"]


def random_spec_text(depth: int, widths: list[int], activations: list[str], loss: str,
                     biases: bool, seed: int, inputs: int = 2) -> str:
    rng = np.random.default_rng(seed)
    names = [f"x{i}" for i in range(1, inputs + 1)]
    lines = ["[network]", f"inputs = {names!r}".replace("'", '"'), f'loss = "{loss}"']
    values = {n: float(rng.uniform(-1, 1)) for n in names}
    previous = names
    shared = rng.random() < 0.5
    for layer in range(depth):
        units = [f"u{layer}_{k}" for k in range(widths[layer])]
        weights = []
        for unit in units:
            edges = []
            for source in previous:
                parameter = f"w_{source}_{unit}"
                values[parameter] = float(rng.uniform(-1.5, 1.5))
                edges.append(f'{source} = "{parameter}"')
            weights.append(f"{unit} = {{ {', '.join(edges)} }}")
        lines += ["[[network.layers]]", f"units = {units!r}".replace("'", '"'),
                  f'activation = "{activations[layer]}"', f"weights = {{ {', '.join(weights)} }}"]
        if biases:
            bias = {u: (f"b{layer}" if shared else f"b_{u}") for u in units}
            for parameter in bias.values():
                values[parameter] = float(rng.uniform(-0.5, 0.5))
            lines.append("bias = { " + ", ".join(f'{u} = "{p}"' for u, p in bias.items()) + " }")
        previous = units
    lines.append("[values]")
    lines += [f'"{k}" = {v!r}' for k, v in values.items()]
    lines.append("[targets]")
    if loss in ("cross_entropy", "softmax_cross_entropy", "hinge"):
        label = int(rng.integers(len(previous)))
        lines += [f"{u} = {1 if i == label else 0}" for i, u in enumerate(previous)]
    else:
        lines += [f"{u} = {float(rng.uniform(-1, 1))!r}" for u in previous]
    return "\n".join(lines) + "\n"


@st.composite
def random_networks(draw):
    depth = draw(st.integers(1, 4))
    widths = [draw(st.integers(1, 5)) for _ in range(depth)]
    loss = draw(st.sampled_from(["half_sse", "mse", "cross_entropy", "softmax_cross_entropy", "hinge"]))
    activations = [draw(st.sampled_from(SMOOTH)) for _ in range(depth)]
    if loss == "cross_entropy":
        activations[-1] = draw(st.sampled_from(["softmax", "sigmoid"]))
    elif draw(st.booleans()) and loss not in ("hinge", "softmax_cross_entropy"):
        activations[-1] = "softmax"  # softmax_cross_entropy applies softmax itself: not after a softmax
    if activations[-1] == "softmax":
        widths[-1] = max(widths[-1], 2)
    biases = draw(st.booleans())
    seed = draw(st.integers(0, 2**16))
    return random_spec_text(depth, widths, activations, loss, biases, seed), loss


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_networks())
def test_random_networks_gradients_match_central_differences(case):
    text, loss = case
    net = Network(symnn.parse_spec(text, source="random.toml"))
    ev = net.evaluate()
    assert math.isfinite(ev.loss)
    if loss == "hinge":  # a kink: keep away from margins that are (nearly) zero
        outputs = np.array([ev.forward[u] for u in net.output_units])
        targets = np.array([net.spec.targets[u] for u in net.output_units])
        margins = outputs - outputs[int(np.argmax(targets))] + 1.0
        margins[int(np.argmax(targets))] = 1.0
        assume(np.all(np.abs(margins) > 1e-3))
    fd = finite_difference_gradients(net)
    for name, value in fd.items():
        assert ev.gradients[name] == pytest.approx(value, rel=1e-4, abs=1e-7), name


# -- the batch-reduced gradient ---------------------------------------------------------------
def random_batch(net: Network, n: int, seed: int) -> tuple[dict, dict]:
    """``n`` random inputs around 0 and targets fitting the loss (one-hot for the class losses)."""
    rng = np.random.default_rng(seed)
    inputs = {x: rng.normal(0.0, 1.0, size=n) for x in net.inputs}
    k = len(net.output_units)
    if net.spec.loss in ("cross_entropy", "softmax_cross_entropy", "hinge"):
        labels = rng.integers(k, size=n)
        targets = {u: (labels == i).astype(float) for i, u in enumerate(net.output_units)}
    else:
        targets = {u: rng.uniform(-1.0, 1.0, size=n) for u in net.output_units}
    return inputs, targets


def check_batch_gradient(net: Network, n: int = 6, seed: int = 0) -> bool:
    """The batch gradient equals the reduced per-sample gradients and central differences.

    Central differences are compared only away from the hinge's kinks; returns whether they were.
    """
    inputs, targets = random_batch(net, n, seed)
    parameters = {p: float(net.spec.values[p]) for p in net.parameters}
    reduce = np.sum if net.spec.reduction == "sum" else np.mean
    losses, per_sample, details = net.compile()(inputs, parameters, targets)
    if net.spec.loss == "hinge":  # a kink: keep away from margins that are (nearly) zero
        outputs = np.stack([details["forward"][u] for u in net.output_units])
        labelled = np.sum(outputs * np.stack([targets[u] for u in net.output_units]), axis=0)
        smooth = bool(np.all(np.abs(outputs - labelled + 1.0) > 1e-3))
    else:
        smooth = True
    loss, gradients = net.batch_gradient_function()(inputs, parameters, targets)
    assert set(gradients) == set(net.parameters)
    assert loss == pytest.approx(float(reduce(losses)), rel=1e-12, abs=1e-14)
    for name in net.parameters:
        assert gradients[name] == pytest.approx(float(reduce(per_sample[name])), rel=1e-10, abs=1e-13), name

    def batch_loss(values):
        return float(reduce(net.compile()(inputs, values, targets)[0]))

    if smooth:
        fd = symnn.central_difference(batch_loss, parameters, h=1e-6)
        for name, value in fd.items():
            assert gradients[name] == pytest.approx(value, rel=1e-4, abs=1e-7), name
    return smooth


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_networks(), st.integers(1, 9), st.integers(0, 2**16))
def test_random_networks_batch_gradient_matches_per_sample_sums_and_central_differences(case, n, seed):
    text, _ = case
    check_batch_gradient(Network(symnn.parse_spec(text, source="random.toml")), n=n, seed=seed)


@pytest.mark.parametrize(("loss", "last"), [
    ("half_sse", "sigmoid"), ("half_sse", "softmax"), ("mse", "tanh"), ("mse", "softmax"),
    ("cross_entropy", "softmax"), ("cross_entropy", "sigmoid"), ("softmax_cross_entropy", "identity"),
    ("hinge", "identity")])
@pytest.mark.parametrize("seed", [3, 6])  # one draw with a bias per unit, one with shared biases
def test_batch_gradient_for_every_loss_with_biases(loss, last, seed):
    text = random_spec_text(2, [3, 3], ["tanh", last], loss, True, seed=seed)
    net = Network(symnn.parse_spec(text, source="every.toml"))
    assert len(set(net.spec.layers[0].bias.values())) == (3 if seed == 3 else 1)
    assert check_batch_gradient(net, n=7, seed=seed)


SKIPPING = """
[network]
inputs = ["x1", "x2"]
loss = "mse"
[[network.layers]]
units = ["h1", "h2", "h3"]
activation = "tanh"
weights = { h1 = { x1 = "a", x2 = "b" }, h2 = { x1 = "c" }, h3 = { x2 = "a" } }
bias = { h1 = "b1", h3 = "b1" }
[[network.layers]]
units = ["g1"]
activation = "sigmoid"
weights = { g1 = { h1 = "d", x2 = "e" } }
[[network.layers]]
units = ["o1", "o2"]
activation = "identity"
weights = { o1 = { g1 = "f", h2 = "k" }, o2 = { x1 = "m", g1 = "n" } }
bias = { o2 = "b2" }
[values]
a = 0.5
b = -0.3
c = 0.8
d = 1.1
e = -0.7
f = 0.4
k = 0.9
m = -0.2
n = 0.6
b1 = 0.1
b2 = -0.2
[[data]]
x1 = 0.3
x2 = -0.2
o1 = 0.2
o2 = 0.1
"""


def test_batch_gradient_with_skipped_layers_tied_weights_and_a_dead_end():
    # h2 and x1, x2 feed later layers directly; "a" is on two edges; h3 feeds nothing
    net = Network(symnn.parse_spec(SKIPPING, source="skipping.toml"))
    check_batch_gradient(net, n=5, seed=1)
    inputs, targets = random_batch(net, 5, 1)
    _, gradients = net.batch_gradient_function()(inputs, net.spec.values, targets)
    assert gradients["b1"] != 0.0  # h3's delta is zero, h1's is not


def test_training_uses_the_batch_gradient_reduced_as_the_spec_says():
    for path in (CLASSIFIER, THREE, MAZUR):
        net = Network(symnn.load_spec(path))
        training = net.train(steps=2)
        ev = net.evaluate()
        assert training.history[0] == pytest.approx(ev.loss, rel=1e-12)
        for name in net.parameters:
            assert training.gradients[name] == pytest.approx(ev.gradients[name], rel=1e-10, abs=1e-15), name
