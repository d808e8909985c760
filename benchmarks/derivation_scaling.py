"""Symbolic derivation scaling: every parameter's gradient, symnn against ``sympy.diff``.

Fully connected sigmoid networks with ``width`` inputs and ``depth`` layers of
``width`` units each (the lecture's 2-2-2 network is depth 2, width 2) and a
half-SSE loss. Two ways to get the symbolic gradient of every weight:

* **symnn**: the spec (TOML text) read by :func:`symnn.parse_spec`, the
  :class:`symnn.Network` built, and ``gradient_expr`` asked for every
  parameter: backprop-structured, each unit's delta formed once.
* **naive**: what a user would otherwise write: the loss composed in full
  (``1/(1 + exp(-z))`` nested layer by layer) and ``sympy.diff`` of it per
  parameter.

Each size runs in a child process (fresh SymPy cache, and a hard time limit for
the naive method, whose cost explodes with depth); inside it the two methods
alternate run by run, with SymPy's cache cleared before every run. Reported per
size: time (median, min, max), operation count of the result after CSE, and the
growth exponent of each method's time in the number of parameters (a
least-squares fit of log time on log parameters).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from collections.abc import Sequence
from typing import Any

from . import child_records, entry, pair_ratios, summary, unavailable

NAME = "derivation"
TITLE = "Symbolic derivation scaling"
TARGET = ">= 20x faster than naive sympy.diff at depth 3 width 4; symnn time exponent in parameters <= 1.3"

#: (depth, width) measured by the full suite and by ``--quick``
FULL_SIZES = [(d, w) for d in (1, 2, 3, 4) for w in (2, 4, 6, 8)]
QUICK_SIZES = [(1, 2), (2, 2), (3, 2), (3, 4)]
#: the size the speed-up target is stated at
TARGET_SIZE = (3, 4)
SPEEDUP_TARGET = 20.0
#: the two methods' gradients are compared numerically up to this many parameters
AGREEMENT_MAX_PARAMETERS = 32
EXPONENT_TARGET = 1.3


# -- the network, three ways: parameter names, a spec for symnn, the composed loss for naive ---
def weight_name(layer: int, source: int, unit: int) -> str:
    """Name of the weight from unit ``source`` of the layer below into ``unit`` of ``layer``."""
    return f"w{layer}_{source}_{unit}"


def spec_text(depth: int, width: int, seed: int = 0) -> str:
    """The spec (TOML) of a ``depth`` x ``width`` sigmoid network with half-SSE loss and values."""
    rng = random.Random(seed)
    inputs = [f"x{i}" for i in range(1, width + 1)]
    lines = [f'title = "{depth} x {width} sigmoid network"', "", "[network]",
             "inputs = [" + ", ".join(f'"{x}"' for x in inputs) + "]", 'loss = "half_sse"', ""]
    below = inputs
    values: dict[str, float] = {x: round(rng.uniform(-1, 1), 2) for x in inputs}
    for layer in range(1, depth + 1):
        prefix = "o" if layer == depth else f"h{layer}_"
        units = [f"{prefix}{j}" for j in range(1, width + 1)]
        table = []
        for j, unit in enumerate(units, start=1):
            edges = []
            for i, source in enumerate(below, start=1):
                name = weight_name(layer, i, j)
                edges.append(f"{source} = \"{name}\"")
                values[name] = round(rng.uniform(-1, 1), 2)
            table.append(f"{unit} = {{ {', '.join(edges)} }}")
        lines += ["[[network.layers]]", "units = [" + ", ".join(f'"{u}"' for u in units) + "]",
                  'activation = "sigmoid"', "weights = { " + ", ".join(table) + " }", ""]
        below = units
    lines.append("[values]")
    lines += [f"{name} = {value}" for name, value in values.items()]
    lines += ["", "[targets]"]
    lines += [f"{unit} = {round(rng.uniform(0, 1), 2)}" for unit in below]
    return "\n".join(lines) + "\n"


def naive_gradients(depth: int, width: int) -> tuple[list, list]:
    """The naive way: compose the loss in full, then ``sympy.diff`` it per weight."""
    import sympy

    activations = list(sympy.symbols(f"x1:{width + 1}"))
    targets = [sympy.Symbol(f"y_o{j}") for j in range(1, width + 1)]
    parameters = []
    for layer in range(1, depth + 1):
        new = []
        for j in range(1, width + 1):
            z = sympy.S.Zero
            for i, a in enumerate(activations, start=1):
                w = sympy.Symbol(weight_name(layer, i, j))
                parameters.append(w)
                z += w * a
            new.append(1 / (1 + sympy.exp(-z)))
        activations = new
    loss = sympy.Rational(1, 2) * sum((o - y) ** 2 for o, y in zip(activations, targets, strict=True))
    return parameters, [sympy.diff(loss, w) for w in parameters]


def symnn_gradients(depth: int, width: int) -> tuple[list, list]:
    """symnn's way: spec -> Network -> ``gradient_expr`` of every parameter.

    The gradients are in terms of the units' activations, so the result also holds
    the forward pass that computes them (``u = f(In_u)``, ``In_u = sum w s``): the
    second list is the gradients followed by those definitions, one per unit.
    """
    import symnn

    network = symnn.Network(symnn.parse_spec(spec_text(depth, width), source=f"<{depth}x{width}>"))
    parameters = list(network.parameters)
    gradients = [network.gradient_expr(p) for p in parameters]
    forward = [network.activation_expr(u) for u in network.units]
    forward += [network.preactivation_expr(u) for u in network.units]
    return parameters, gradients + forward


def _composed(depth: int, width: int, gradients: list) -> list:
    """symnn's gradients with the forward pass substituted: in terms of inputs, weights, targets."""
    import sympy

    import symnn

    network = symnn.Network(symnn.parse_spec(spec_text(depth, width), source=f"<{depth}x{width}>"))
    forward: dict = {}
    for unit in network.units:
        pre = network.preactivation_expr(unit).xreplace(forward)
        forward[network.preactivation_symbol(unit)] = pre
        forward[sympy.Symbol(unit)] = network.activation_expr(unit).xreplace(forward)
    return [g.xreplace(forward).xreplace(forward) for g in gradients[:len(network.parameters)]]


METHODS = {"symnn": symnn_gradients, "naive": naive_gradients}


def operation_count(expressions: Sequence) -> tuple[int, int]:
    """Operations of a list of expressions before and after common-subexpression elimination."""
    import sympy

    from symnn.core.functions import explicit

    expressions = [explicit(e) if isinstance(e, sympy.Basic) else sympy.S(e) for e in expressions]
    before = sum(sympy.count_ops(e) for e in expressions)
    replacements, reduced = sympy.cse(expressions)
    after = sympy.count_ops([value for _, value in replacements] + list(reduced))
    return int(before), int(after)


# -- the child process: one size, both methods interleaved, one JSON line per measurement ------
def measure_size(depth: int, width: int, repeats: dict[str, int]) -> None:
    """Time each method ``repeats[method]`` times on one size, alternating; print JSON lines as they come."""
    from sympy.core.cache import clear_cache

    from . import time_call

    def emit(record: dict[str, Any]) -> None:
        print(json.dumps(record), flush=True)

    methods = list(repeats)
    for method in methods:  # warm-up on a tiny network: first-use costs are not derivation
        METHODS[method](1, 2)
    results: dict[str, list] = {}
    for round_ in range(max(repeats.values())):
        order = methods if round_ % 2 == 0 else methods[::-1]
        for method in [m for m in order if round_ < repeats[m]]:
            clear_cache()
            holder: dict[str, Any] = {}

            def run(method: str = method, holder: dict[str, Any] = holder) -> None:
                holder["result"] = METHODS[method](depth, width)

            seconds = time_call(run)
            results[method] = holder["result"]
            emit({"method": method, "round": round_, "seconds": seconds})
    for method, (_, gradients) in results.items():
        before, after = operation_count(gradients)
        emit({"method": method, "ops": before, "ops_cse": after})
    if len(results) == 2 and len(results["naive"][0]) <= AGREEMENT_MAX_PARAMETERS:
        composed = (results["symnn"][0], _composed(depth, width, results["symnn"][1]))
        emit({"agree": gradients_agree(composed, results["naive"])})


def gradients_agree(first: tuple[list, list], second: tuple[list, list]) -> bool:
    """Whether two methods give the same gradients at a random point (names matched by string)."""
    import sympy

    from symnn.core.functions import explicit

    rng = random.Random(1)
    a = dict(zip(map(str, first[0]), first[1], strict=True))
    b = dict(zip(map(str, second[0]), second[1], strict=True))
    if set(a) != set(b):
        return False
    symbols = set()
    for expression in list(a.values()) + list(b.values()):
        symbols |= sympy.S(expression).free_symbols
    point = {s: rng.uniform(-1, 1) for s in symbols}
    by_name = {str(s): v for s, v in point.items()}
    for name in a:
        x = complex(explicit(a[name]).xreplace(point).evalf()).real
        y = complex(explicit(b[name]).xreplace({s: by_name.get(str(s), v) for s, v in point.items()})
                    .evalf()).real
        if not math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-12):
            return False
    return True


def run_child(depth: int, width: int, repeats: dict[str, int],
              limit: float) -> tuple[list[dict[str, Any]], str | None]:
    """Run one size in a child process; the records it printed, and why it stopped early if it did."""
    sizes = ",".join(f"{m}={n}" for m, n in repeats.items())
    return child_records("benchmarks.derivation_scaling", [str(depth), str(width), "--repeats", sizes], limit)


def fit_exponent(points: Sequence[tuple[float, float]]) -> float | None:
    """Slope of log(time) against log(parameters), least squares; None with fewer than 3 sizes.

    >>> round(fit_exponent([(1, 2.0), (2, 4.0), (4, 8.0)]), 3)
    1.0
    """
    points = [(p, t) for p, t in points if p > 0 and t and t > 0]
    if len({p for p, _ in points}) < 3:
        return None
    xs = [math.log(p) for p, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx


def _symnn_available() -> str | None:
    """None when symnn's Network and spec reader are there, else why not."""
    try:
        import symnn

        symnn.Network  # noqa: B018 - the lazy attribute import is the check
        symnn.parse_spec  # noqa: B018
    except (ImportError, AttributeError) as error:
        return f"symnn.Network / symnn.parse_spec not available yet ({error})"
    return None


def run(quick: bool = False) -> dict[str, Any]:
    """Measure every size; the suite's entry for this benchmark."""
    sizes = QUICK_SIZES if quick else FULL_SIZES
    naive_limit = 40.0 if quick else 60.0  # seconds one naive run may take
    slow = 30.0  # a naive run this long: larger sizes would exceed the limit, skip them
    missing = _symnn_available()
    rows = []
    ceiling: list[tuple[int, int]] = []  # sizes at which naive was too slow
    for depth, width in sizes:
        parameters = depth * width * width
        repeats = {} if missing else {"symnn": 3 if quick else 5}
        if not any(depth >= d and width >= w for d, w in ceiling):
            if parameters <= 8:
                repeats["naive"] = 3 if quick else 5
            elif parameters <= 32:
                repeats["naive"] = 1 if quick else 5
            elif (depth, width) == TARGET_SIZE:
                repeats["naive"] = 1 if quick else 3
            else:
                repeats["naive"] = 1
        if not repeats:
            continue
        limit = naive_limit * repeats.get("naive", 0) + 30
        records, problem = run_child(depth, width, repeats, limit)
        row = _row(depth, width, parameters, records)
        if problem:
            if "naive" in repeats and row["naive"]["runs"] < repeats["naive"]:
                ceiling.append((depth, width))
                row["note"] = f"naive stopped: {problem}"
            else:
                row["note"] = problem
            if "symnn" in repeats and row["symnn"]["runs"] < repeats["symnn"]:
                extra, problem2 = run_child(depth, width, {"symnn": repeats["symnn"]}, 600)
                row = _row(depth, width, parameters, [r for r in records if r.get("method") != "symnn"]
                           + extra, keep_note=row.get("note"))
                if problem2:
                    row["note"] = f"{row.get('note', '')}; symnn: {problem2}".strip("; ")
        elif "naive" not in repeats:
            row["note"] = f"naive skipped: a smaller size took over {slow:g} s or hit the time limit"
        elif row["naive"]["median"] and row["naive"]["median"] > slow:
            ceiling.append((depth, width))
        rows.append(row)
    return _entry(rows, missing, naive_limit, quick)


def _row(depth: int, width: int, parameters: int, records: list[dict[str, Any]],
         keep_note: str | None = None) -> dict[str, Any]:
    """One size's figures from the child's records."""
    row: dict[str, Any] = {"depth": depth, "width": width, "parameters": parameters}
    for method in ("symnn", "naive"):
        times = [r["seconds"] for r in records if r.get("method") == method and "seconds" in r]
        ops = [r for r in records if r.get("method") == method and "ops" in r]
        row[method] = summary(times)
        row[method]["samples"] = times
        if ops:
            row[method]["ops"] = ops[-1]["ops"]
            row[method]["ops_cse"] = ops[-1]["ops_cse"]
    ratios = pair_ratios(row["naive"]["samples"], row["symnn"]["samples"])
    row["speedup"] = summary(ratios, 4) if ratios else None
    agree = [r["agree"] for r in records if "agree" in r]
    if agree:
        row["gradients_agree"] = agree[-1]
    if keep_note:
        row["note"] = keep_note
    return row


def _entry(rows: list[dict[str, Any]], missing: str | None, naive_limit: float,
           quick: bool) -> dict[str, Any]:
    """The suite entry: per-size table, exponents, the speed-up at the target size."""
    exponents = {}
    for method in ("symnn", "naive"):
        exponents[method] = fit_exponent([(r["parameters"], r[method]["median"]) for r in rows])
        if exponents[method] is not None:
            exponents[method] = round(exponents[method], 3)
    target_row = next((r for r in rows if (r["depth"], r["width"]) == TARGET_SIZE), None)
    speedup = target_row["speedup"]["median"] if target_row and target_row["speedup"] else None
    for row in rows:
        for method in ("symnn", "naive"):
            row[method].pop("samples", None)
    figures = {"sizes": rows, "exponent": exponents, "naive_time_limit_s": naive_limit,
               "speedup_at_depth3_width4": target_row["speedup"] if target_row else None}
    table = {"columns": ["depth", "width", "params", "symnn s (min-max)", "naive s (min-max)",
                         "speed-up", "ops after CSE symnn / naive"],
             "rows": [_table_row(r) for r in rows]}
    if missing:
        return unavailable(NAME, TITLE, TARGET, missing, figures) | {"table": table}
    exponent = exponents["symnn"]
    met = bool(speedup is not None and speedup >= SPEEDUP_TARGET and exponent is not None
               and exponent <= EXPONENT_TARGET)
    disagree = [f"{r['depth']}x{r['width']}" for r in rows if r.get("gradients_agree") is False]
    headline = (f"{speedup:.1f}x faster than naive at depth 3 width 4; exponent symnn "
                f"{exponent}, naive {exponents['naive']}" if speedup is not None
                else f"exponent symnn {exponent}, naive {exponents['naive']}")
    extra: dict[str, Any] = {"headline": headline, "table": table}
    if disagree:
        extra["reason"] = f"symnn and naive gradients disagree at {', '.join(disagree)}"
        met = False
    elif not met:
        reasons = []
        if speedup is None:
            reasons.append("no speed-up measured at depth 3 width 4")
        elif speedup < SPEEDUP_TARGET:
            reasons.append(f"speed-up {speedup:.1f}x < {SPEEDUP_TARGET:g}x")
        if exponent is None or exponent > EXPONENT_TARGET:
            reasons.append(f"symnn exponent {exponent} > {EXPONENT_TARGET}")
        extra["reason"] = "; ".join(reasons)
    return entry(NAME, TITLE, TARGET, figures, speedup, met, **extra)


def _seconds(figure: dict[str, Any]) -> str:
    """``median (min-max)`` of a time figure, or a dash."""
    if not figure.get("runs"):
        return "-"
    return f"{figure['median']:.3g} ({figure['min']:.3g}-{figure['max']:.3g})"


def _table_row(row: dict[str, Any]) -> list[str]:
    """One line of the per-size table."""
    speed = f"{row['speedup']['median']:.1f}x" if row.get("speedup") else "-"
    ops = f"{row['symnn'].get('ops_cse', '-')} / {row['naive'].get('ops_cse', '-')}"
    naive = _seconds(row["naive"])
    if naive == "-" and row.get("note"):
        naive = "> limit" if row["note"].startswith("naive stopped") else "skipped"
    return [str(row["depth"]), str(row["width"]), str(row["parameters"]), _seconds(row["symnn"]),
            naive, speed, ops]


def main(argv: Sequence[str] | None = None) -> int:
    """Child-process entry: ``--child DEPTH WIDTH --repeats symnn=N,naive=M``."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.derivation_scaling")
    parser.add_argument("--child", nargs=2, type=int, metavar=("DEPTH", "WIDTH"), required=True)
    parser.add_argument("--repeats", default="symnn=3,naive=3", help="runs per method: symnn=N,naive=M")
    args = parser.parse_args(argv)
    repeats = {name: int(n) for name, n in (part.split("=") for part in args.repeats.split(","))}
    start = time.perf_counter()
    measure_size(args.child[0], args.child[1], repeats)
    print(json.dumps({"child_seconds": time.perf_counter() - start}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
