"""Numeric evaluation: the gradient over a batch of 10,000 inputs, symnn against NumPy by hand.

Two networks: the lecture's 2-2-2 sigmoid network (``derivations/backprop_lecture.toml``)
and a 3-layer sigmoid network of width 8 (192 weights), both with half-SSE loss
summed over the batch. The quantity is the same for every contender: the gradient
of the batch loss with respect to every parameter.

* **symnn**: ``Network.batch_gradient_function``: the deltas derived symbolically
  once, compiled by ``lambdify`` with common-subexpression elimination, evaluated on
  the whole batch layer by layer, each layer's weight gradients one matrix product.
* **hand-written NumPy**: the backprop a practitioner writes with weight
  matrices and ``@`` (the practical limit of plain NumPy).
* **finite differences**: central differences of the batch loss, one parameter
  at a time, with the same hand-written NumPy forward pass.
* **torch.autograd** on CPU, where PyTorch is installed (it is never a
  dependency; otherwise the entry says "not installed").

The measurement runs in a child process with BLAS on one thread (see
``ONE_THREAD``). Compilation (and derivation) is done once before timing, as a
training loop would; each contender is then called repeatedly, alternating, and every pair of
calls gives one ratio. All contenders are checked against each other first.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from . import entry, interleave, lecture_file, pair_ratios, summary, unavailable

NAME = "numeric"
TITLE = "Numeric evaluation (batch of 10,000)"
TARGET = "symnn's lambdified gradient within 1.5x of hand-written NumPy backprop"
RATIO_TARGET = 1.5
BATCH = 10_000


@dataclass
class Problem:
    """A layered sigmoid network in matrix form, with a batch of inputs and targets."""

    title: str
    parameters: list[str]                # parameter names, in the spec's order
    inputs: list[str]                    # input names, column order of ``X``
    outputs: list[str]                   # output unit names, column order of ``Y``
    weights: list[Any]                   # weights[l][i, j]: unit i of layer l-1 into unit j of layer l
    biases: list[Any]                    # biases[l][j], zero where a unit has none
    weight_names: list[dict[tuple[int, int], str]]
    bias_names: list[dict[int, str]]
    spec: Any                            # the parsed spec (symnn.models.spec.Spec)
    X: Any                               # (BATCH, inputs)
    Y: Any                               # (BATCH, outputs)


def make_problem(text: str, source: str, batch: int, seed: int = 0) -> Problem:
    """Read a spec (only sigmoid layers with half-SSE loss) and draw a batch around its values."""
    import numpy as np

    from symnn.models.spec import parse_spec

    spec = parse_spec(text, source=source)
    values = dict(spec.values)
    below = list(spec.inputs)
    weights, biases, weight_names, bias_names = [], [], [], []
    for layer in spec.layers:
        if layer.activation != "sigmoid":
            raise ValueError(f"{source}: only sigmoid layers are benchmarked, not {layer.activation}")
        W = np.zeros((len(below), len(layer.units)))
        b = np.zeros(len(layer.units))
        names: dict[tuple[int, int], str] = {}
        bnames: dict[int, str] = {}
        for j, unit in enumerate(layer.units):
            for source_unit, parameter in layer.weights.get(unit, {}).items():
                i = below.index(source_unit)
                W[i, j] = float(values[parameter])
                names[(i, j)] = parameter
            if unit in layer.bias:
                b[j] = float(values[layer.bias[unit]])
                bnames[j] = layer.bias[unit]
        weights.append(W)
        biases.append(b)
        weight_names.append(names)
        bias_names.append(bnames)
        below = list(layer.units)
    rng = np.random.default_rng(seed)
    x0 = np.array([float(values[x]) for x in spec.inputs])
    targets = getattr(spec, "targets", None) or {}
    y0 = np.array([float(targets.get(o, 0.5)) for o in below])
    X = x0 + rng.normal(0.0, 0.5, size=(batch, len(x0)))
    Y = y0 + rng.normal(0.0, 0.1, size=(batch, len(y0)))
    return Problem(spec.title, list(spec.parameters), list(spec.inputs), below, weights, biases,
                   weight_names, bias_names, spec, X, Y)


# -- hand-written NumPy: what a practitioner writes -------------------------------------------
def numpy_forward_loss(weights: list, biases: list, X, Y) -> float:
    """Half-SSE batch loss of the network, forward pass with matrices."""
    import numpy as np

    a = X
    for W, b in zip(weights, biases, strict=True):
        a = 1.0 / (1.0 + np.exp(-(a @ W + b)))
    d = a - Y
    return 0.5 * float(np.sum(d * d))


def numpy_backprop(weights: list, biases: list, X, Y) -> tuple[list, list]:
    """Gradients of the half-SSE batch loss: forward, output delta, deltas layer by layer down."""
    import numpy as np

    activations = [X]
    for W, b in zip(weights, biases, strict=True):
        activations.append(1.0 / (1.0 + np.exp(-(activations[-1] @ W + b))))
    out = activations[-1]
    delta = (out - Y) * out * (1.0 - out)
    grad_w: list = [None] * len(weights)
    grad_b: list = [None] * len(weights)
    for layer in range(len(weights) - 1, -1, -1):
        grad_w[layer] = activations[layer].T @ delta
        grad_b[layer] = delta.sum(axis=0)
        if layer:
            a = activations[layer]
            delta = (delta @ weights[layer].T) * a * (1.0 - a)
    return grad_w, grad_b


def by_name(problem: Problem, grad_w: list, grad_b: list) -> dict[str, float]:
    """Matrix gradients back to parameter names (a shared bias sums over its units)."""
    result: dict[str, float] = {}
    for layer, names in enumerate(problem.weight_names):
        for (i, j), name in names.items():
            result[name] = result.get(name, 0.0) + float(grad_w[layer][i, j])
    for layer, names in enumerate(problem.bias_names):
        for j, name in names.items():
            result[name] = result.get(name, 0.0) + float(grad_b[layer][j])
    return result


def finite_differences(problem: Problem, h: float = 1e-6) -> dict[str, float]:
    """Central differences of the batch loss, one parameter (matrix entry) at a time."""
    weights = [W.copy() for W in problem.weights]
    biases = [b.copy() for b in problem.biases]
    grad_w = [W * 0.0 for W in weights]
    grad_b = [b * 0.0 for b in biases]
    X, Y = problem.X, problem.Y
    for layer, names in enumerate(problem.weight_names):
        for (i, j) in names:
            keep = weights[layer][i, j]
            weights[layer][i, j] = keep + h
            up = numpy_forward_loss(weights, biases, X, Y)
            weights[layer][i, j] = keep - h
            down = numpy_forward_loss(weights, biases, X, Y)
            weights[layer][i, j] = keep
            grad_w[layer][i, j] = (up - down) / (2 * h)
    for layer, names in enumerate(problem.bias_names):
        for j in names:
            keep = biases[layer][j]
            biases[layer][j] = keep + h
            up = numpy_forward_loss(weights, biases, X, Y)
            biases[layer][j] = keep - h
            down = numpy_forward_loss(weights, biases, X, Y)
            biases[layer][j] = keep
            grad_b[layer][j] = (up - down) / (2 * h)
    return by_name(problem, grad_w, grad_b)


def torch_gradient(problem: Problem) -> Callable[[], dict[str, float]]:
    """``torch.autograd`` on CPU (float64) of the same batch loss; only where PyTorch is installed."""
    import torch

    X = torch.tensor(problem.X, dtype=torch.float64)
    Y = torch.tensor(problem.Y, dtype=torch.float64)
    weights = [torch.tensor(W, dtype=torch.float64, requires_grad=True) for W in problem.weights]
    biases = [torch.tensor(b, dtype=torch.float64, requires_grad=True) for b in problem.biases]

    def gradient() -> dict[str, float]:
        for tensor in weights + biases:
            tensor.grad = None
        a = X
        for W, b in zip(weights, biases, strict=True):
            a = torch.sigmoid(a @ W + b)
        loss = 0.5 * torch.sum((a - Y) ** 2)
        loss.backward()
        return by_name(problem, [W.grad.numpy() for W in weights], [b.grad.numpy() for b in biases])

    return gradient


# -- symnn --------------------------------------------------------------------------------------
def symnn_gradient(problem: Problem) -> Callable[[], dict[str, float]]:
    """symnn's batch gradient: derived once, lambdified with CSE, called on the whole batch.

    ``Network.batch_gradient_function`` gives the gradient of the batch loss (summed over
    the batch, as half-SSE is), backprop layer by layer.
    """
    import symnn

    network = symnn.Network(problem.spec)
    function = network.batch_gradient_function()  # (inputs, parameters, targets) -> (loss, gradients)
    parameters = {name: float(problem.spec.values[name]) for name in network.parameters}
    columns = {name: problem.X[:, k] for k, name in enumerate(problem.inputs)}
    targets = {name: problem.Y[:, k] for k, name in enumerate(problem.outputs)}

    def gradient() -> dict[str, float]:
        _, gradients = function(columns, parameters, targets)
        return gradients

    return gradient


def _agree(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Largest relative difference between two gradients (over the larger of the two magnitudes)."""
    worst = 0.0
    for name in a:
        scale = max(abs(a[name]), abs(b.get(name, 0.0)), 1e-12)
        worst = max(worst, abs(a[name] - b.get(name, float("nan"))) / scale)
    return worst


def measure(problem: Problem, repeats: int, fd_rounds: int) -> dict[str, Any]:
    """Time every available contender on one problem, interleaved; ratios against symnn.

    Finite differences cost two forward passes per parameter, so they get
    ``fd_rounds`` rounds of their own (paired with symnn), none in a quick run.
    """
    def hand() -> dict[str, float]:
        return by_name(problem, *numpy_backprop(problem.weights, problem.biases, problem.X, problem.Y))

    contenders: dict[str, Callable[[], Any]] = {"numpy": hand}
    notes: dict[str, str] = {}
    try:
        contenders["symnn"] = symnn_gradient(problem)
    except Exception as error:  # symnn's numeric side not there yet: measure the rest
        notes["symnn"] = f"not available: {type(error).__name__}: {error}"
    contenders["finite_differences"] = lambda: finite_differences(problem)
    if importlib.util.find_spec("torch") is not None:
        try:
            contenders["torch"] = torch_gradient(problem)
        except Exception as error:
            notes["torch"] = f"failed: {type(error).__name__}: {error}"
    else:
        notes["torch"] = "not installed"
    truth = hand()
    errors = {}
    for name, fn in contenders.items():
        if name != "finite_differences" or fd_rounds:
            errors[name] = _agree(truth, fn())  # also a warm-up call
    light = {k: v for k, v in contenders.items() if k != "finite_differences"}
    times = interleave(light, repeats)
    partner = "symnn" if "symnn" in contenders else "numpy"
    fd_pair = interleave({"finite_differences": contenders["finite_differences"],
                          partner: contenders[partner]}, fd_rounds) if fd_rounds else {}
    figures: dict[str, Any] = {"batch": len(problem.X), "parameters": len(truth)}
    for name, samples in times.items():
        figures[name] = summary(samples)
    figures["finite_differences"] = summary(fd_pair["finite_differences"]) if fd_rounds else \
        {"note": "timed by the full suite only"}
    figures["max_relative_difference_from_numpy"] = {k: float(f"{v:.3g}") for k, v in errors.items()}
    if "symnn" in contenders:
        figures["symnn_over_numpy"] = summary(pair_ratios(times["symnn"], times["numpy"]), 4)
        if fd_rounds:
            figures["finite_differences_over_symnn"] = summary(
                pair_ratios(fd_pair["finite_differences"], fd_pair["symnn"]), 4)
        if "torch" in times:
            figures["symnn_over_torch"] = summary(pair_ratios(times["symnn"], times["torch"]), 4)
    for name, note in notes.items():
        figures.setdefault(name, {})
        figures[name] = {"note": note} if not isinstance(figures[name], dict) or not figures[name] \
            else figures[name] | {"note": note}
    return figures


def problems() -> list[tuple[str, Problem]]:
    """The lecture's 2-2-2 network and the 3-layer width-8 network, each with a batch."""
    from .derivation_scaling import spec_text

    batch = BATCH
    path = lecture_file("backprop_lecture.toml")
    lecture = path.read_text(encoding="utf-8") if path.exists() else None
    chosen = []
    if lecture is not None:
        chosen.append(("lecture 2-2-2", make_problem(lecture, str(path), batch)))
    else:
        chosen.append(("lecture 2-2-2 (spec file missing: same shape)",
                       make_problem(spec_text(2, 2), "<2x2>", batch)))
    chosen.append(("3 layers, width 8", make_problem(spec_text(3, 8), "<3x8>", batch)))
    return chosen


#: BLAS on one thread: on a shared, busy machine multi-threaded BLAS waits for cores and the
#: hand-written matrix products slow down several times; symnn's elementwise NumPy uses one
#: thread anyway. One thread keeps the baseline at its best and the ratio steady.
ONE_THREAD = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def run(quick: bool = False) -> dict[str, Any]:
    """The suite's entry, measured in a child process with BLAS on one thread."""
    import json
    import subprocess
    import sys

    from . import child_env

    argv = [sys.executable, "-m", "benchmarks.numeric_evaluation", *(["--quick"] if quick else [])]
    done = subprocess.run(argv, capture_output=True, text=True, env=child_env() | ONE_THREAD,
                          timeout=1800, check=False)
    if done.returncode != 0 or not done.stdout.strip():
        tail = done.stderr.strip().splitlines()
        return unavailable(NAME, TITLE, TARGET, f"the measurement failed: {tail[-1] if tail else '?'}")
    result = json.loads(done.stdout)
    result["figures"]["blas_threads"] = 1
    return result


def measure_all(quick: bool = False) -> dict[str, Any]:
    """Both networks, the symnn/NumPy ratio against the 1.5x target (in this process)."""
    repeats = 7 if quick else 41
    networks = {}
    for k, (label, problem) in enumerate(problems()):
        fd_rounds = (1 if k == 0 else 0) if quick else 3
        networks[label] = measure(problem, repeats, fd_rounds)
    ratios = [f["symnn_over_numpy"]["median"] for f in networks.values() if "symnn_over_numpy" in f]
    figures = {"networks": networks}
    table = {"columns": ["network", "params", "symnn ms", "NumPy by hand ms", "symnn / NumPy",
                         "finite diff. ms", "finite diff. / symnn", "torch ms"],
             "rows": [_table_row(label, f) for label, f in networks.items()]}
    if len(ratios) < len(networks):
        reason = next(f["symnn"]["note"] for f in networks.values() if "note" in f.get("symnn", {}))
        return unavailable(NAME, TITLE, TARGET, f"symnn's batch gradient {reason}", figures) \
            | {"table": table}
    worst = max(ratios)
    bad = [label for label, f in networks.items()
           if max(f["max_relative_difference_from_numpy"].values()) > 1e-5]
    met = worst <= RATIO_TARGET and not bad
    extra: dict[str, Any] = {"table": table, "headline": "symnn / hand-written NumPy: " + ", ".join(
        f"{label} {f['symnn_over_numpy']['median']:.2f}x" for label, f in networks.items())}
    if bad:
        extra["reason"] = f"gradients disagree with hand-written NumPy on {', '.join(bad)}"
    elif not met:
        extra["reason"] = f"symnn is {worst:.2f}x the time of hand-written NumPy (target {RATIO_TARGET}x)"
    return entry(NAME, TITLE, TARGET, figures, worst, met, **extra)


def _ms(figure: Mapping[str, Any] | None) -> str:
    """A time figure in milliseconds, ``median (min-max)``."""
    if not figure or not figure.get("runs"):
        return (figure or {}).get("note", "-")
    return f"{_3(figure['median'] * 1e3)} ({_3(figure['min'] * 1e3)}-{_3(figure['max'] * 1e3)})"


def _3(value: float) -> str:
    """Three significant digits, without an exponent.

    >>> _3(1391.7), _3(2.613), _3(0.01234)
    ('1,392', '2.61', '0.0123')
    """
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"


def _table_row(label: str, f: Mapping[str, Any]) -> list[str]:
    """One line of the per-network table."""
    def ratio(key: str) -> str:
        return f"{f[key]['median']:.2f}x" if key in f else "-"

    return [label, str(f["parameters"]), _ms(f.get("symnn")), _ms(f.get("numpy")), ratio("symnn_over_numpy"),
            _ms(f.get("finite_differences")), ratio("finite_differences_over_symnn"), _ms(f.get("torch"))]


def main(argv: list[str] | None = None) -> int:
    """Child-process entry: print the entry of :func:`measure_all` as JSON."""
    import argparse
    import json
    import sys

    parser = argparse.ArgumentParser(prog="python -m benchmarks.numeric_evaluation")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    print(json.dumps(measure_all(quick=args.quick)))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
