"""The report of a deep network stays readable and right: a gradient with more chain-rule paths
than can be listed is derived by the deltas, its figure checked against 50-digit central
differences of the loss written out here by hand (an independent forward pass)."""

from __future__ import annotations

import random

import symnn
from symnn.models.network.derivations import MAX_PATHS_SHOWN
from symnn.render.backprop import BackpropReport
from symnn.testing.finite_differences import central_differences

#: three hidden layers of three and an output layer of two: 3 * 3 * 2 = 18 paths from a first weight
WIDTHS = [3, 3, 3, 2]
INPUTS = ["x1", "x2"]


def deep_spec() -> tuple[str, dict, list]:
    rng = random.Random(7)
    values, layers, previous, n = {}, [], INPUTS, 0
    for depth, width in enumerate(WIDTHS):
        units = [f"u{depth}{k}" for k in range(width)]
        weights = {}
        for unit in units:
            weights[unit] = {}
            for source in previous:
                n += 1
                weights[unit][source] = f"w{n}"
                values[f"w{n}"] = round(rng.uniform(-1.5, 1.5), 2)
        layers.append((units, weights))
        previous = units
    values.update({"x1": 0.7, "x2": -0.4})
    lines = ['title = "deep"', "[network]", 'inputs = ["x1", "x2"]', 'loss = "half_sse"']
    for units, weights in layers:
        table = ", ".join(f"{u} = {{ " + ", ".join(f'{s} = "{w}"' for s, w in ws.items()) + " }"
                          for u, ws in weights.items())
        lines += ["[[network.layers]]", "units = [" + ", ".join(f'"{u}"' for u in units) + "]",
                  'activation = "sigmoid"', f"weights = {{ {table} }}"]
    lines += ["[values]", *[f"{k} = {v}" for k, v in values.items()],
              "[targets]", *[f"{u} = 0.5" for u in layers[-1][0]]]
    return "\n".join(lines) + "\n", values, layers


def loss(ctx, p, layers):
    out = {x: p[x] for x in INPUTS}
    for units, weights in layers:
        for unit in units:
            z = ctx.fsum(p[w] * out[s] for s, w in weights[unit].items())
            out[unit] = 1 / (1 + ctx.exp(-z))
    return ctx.fsum((out[u] - ctx.mpf("0.5")) ** 2 for u in layers[-1][0]) / 2


def test_a_gradient_with_many_paths_is_derived_by_the_deltas():
    text, values, layers = deep_spec()
    net = symnn.Network(symnn.parse_spec(text))
    assert len(net.chain_rule("w1")) == 18 > MAX_PATHS_SHOWN
    report = BackpropReport(net).to_text()
    section = report.split("Gradient of Error with respect to w1\n")[1].split("\n\n")[0]
    assert "chain rule by the deltas (18 paths" in section
    assert "dError/dIn_u00*x1" in section.replace(" ", "")
    want = central_differences(lambda ctx, p: loss(ctx, p, layers), values, names=["w1"])["w1"]
    shown = float(section.splitlines()[-1].split("[")[0].strip(" ≈="))
    assert abs(shown - float(want)) <= 0.51e-3 * abs(float(want))
    # the whole report: one line per step, no line of a hundred kilobytes
    assert max(len(line) for line in report.splitlines()) < 2000
