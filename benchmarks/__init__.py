"""The performance suite: symnn measured against what a user would otherwise do.

Every benchmark compares symnn with a baseline *in the same run*, interleaving
the two so that a shared, noisy machine slows both alike, and reports each
figure as the median of several runs with their minimum and maximum. Ratios are
taken pair by pair (run i of symnn against run i of the baseline) and the
median of those ratios is reported.

``python -m benchmarks [--quick] [--json]`` (or ``symnn bench``) runs the suite.
Each benchmark module defines ``NAME``, ``TITLE``, ``TARGET`` and
``run(quick) -> dict``; the dictionary it returns is one entry of the JSON
output: ``name``, ``figures``, ``ratio``, ``target``, ``met`` (and ``reason``
where a part could not be measured).

Only light parts of the standard library are imported here (the rest where it is
used), so that ``symnn --help``, which registers ``symnn bench``, stays fast.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "BENCHMARKS",
    "Entry",
    "child_env",
    "child_records",
    "entry",
    "interleave",
    "lecture_file",
    "pair_ratios",
    "run_benchmark",
    "run_suite",
    "summary",
    "time_call",
    "unavailable",
]

#: benchmark name -> module, in the order the suite runs and prints them
BENCHMARKS: dict[str, str] = {
    "derivation": "benchmarks.derivation_scaling",
    "numeric": "benchmarks.numeric_evaluation",
    "answer_keys": "benchmarks.answer_keys",
    "checking": "benchmarks.checking",
    "startup": "benchmarks.startup",
    "serving": "benchmarks.serving",
}

Entry = dict[str, Any]

#: the directory that holds the ``symnn``, ``derivations`` and ``benchmarks`` packages
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def lecture_file(name: str) -> Path:
    """A file of the ``derivations`` package (the lecture's specs and hand calculations)."""
    from pathlib import Path

    import derivations

    return Path(derivations.__file__).resolve().parent / name


def child_env() -> dict[str, str]:
    """The environment for a child Python: finds this checkout's packages, no colour."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (ROOT, env.get("PYTHONPATH", "")) if p)
    env["NO_COLOR"] = "1"
    env.pop("FORCE_COLOR", None)
    return env


def child_records(module: str, args: Sequence[str],
                  timeout: float) -> tuple[list[dict[str, Any]], str | None]:
    """Run ``python -m module --child ARGS``; the JSON records it printed, and why it stopped if it failed."""
    import json
    import subprocess
    import sys

    argv = [sys.executable, "-m", module, "--child", *args]
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=child_env())
    problem = None
    try:
        out, err = process.communicate(timeout=timeout)
        if process.returncode != 0:
            tail = err.strip().splitlines()
            problem = tail[-1] if tail else f"exit code {process.returncode}"
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
        problem = f"no answer within {timeout:g} s"
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")], problem


def time_call(fn: Callable[[], Any]) -> float:
    """Wall time of one call of ``fn`` in seconds (garbage collected before, not during)."""
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        start = time.perf_counter()
        fn()
        return time.perf_counter() - start
    finally:
        if enabled:
            gc.enable()


def time_command(argv: Sequence[str], timeout: float = 120.0) -> float:
    """Wall time of one run of a command (output discarded); raises if it fails."""
    import subprocess

    start = time.perf_counter()
    done = subprocess.run(list(argv), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          env=child_env(), cwd=ROOT, timeout=timeout, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0,):
        message = done.stderr.decode(errors="replace").strip().splitlines()
        raise RuntimeError(f"{' '.join(argv[1:])} exited with {done.returncode}: "
                           f"{message[-1] if message else ''}")
    return elapsed


def interleave(contenders: Mapping[str, Callable[[], Any]], repeats: int,
               timer: Callable[[Callable[[], Any]], float] = time_call) -> dict[str, list[float]]:
    """Time each contender ``repeats`` times, alternating them run by run.

    The order within a round alternates too, so neither contender always runs
    first (on a warm or a cold cache).

    >>> times = interleave({"a": lambda: None, "b": lambda: None}, repeats=3)
    >>> sorted(times), len(times["a"])
    (['a', 'b'], 3)
    """
    times: dict[str, list[float]] = {name: [] for name in contenders}
    names = list(contenders)
    for round_ in range(repeats):
        order = names if round_ % 2 == 0 else names[::-1]
        for name in order:
            times[name].append(timer(contenders[name]))
    return times


def summary(samples: Sequence[float], digits: int = 6) -> dict[str, Any]:
    """Median, minimum, maximum and number of runs of a list of measurements.

    >>> summary([3.0, 1.0, 2.0])
    {'median': 2.0, 'min': 1.0, 'max': 3.0, 'runs': 3}
    """
    import statistics

    if not samples:
        return {"median": None, "min": None, "max": None, "runs": 0}
    return {"median": _round(statistics.median(samples), digits), "min": _round(min(samples), digits),
            "max": _round(max(samples), digits), "runs": len(samples)}


def pair_ratios(numerators: Sequence[float], denominators: Sequence[float]) -> list[float]:
    """Ratios of runs taken together: ``numerators[i] / denominators[i]``.

    >>> pair_ratios([4.0, 6.0], [2.0, 2.0])
    [2.0, 3.0]
    """
    return [a / b for a, b in zip(numerators, denominators, strict=False) if b > 0]


def _round(value: float, digits: int) -> float:
    """``value`` to ``digits`` significant digits (figures, not noise)."""
    if value == 0 or value != value:
        return value
    return float(f"{value:.{digits}g}")


def entry(name: str, title: str, target: str, figures: Mapping[str, Any], ratio: float | None,
          met: bool, **extra: Any) -> Entry:
    """One entry of the suite's output."""
    result: Entry = {"name": name, "title": title, "figures": dict(figures),
                     "ratio": None if ratio is None else _round(ratio, 4), "target": target,
                     "met": bool(met)}
    result.update(extra)
    return result


def unavailable(name: str, title: str, target: str, reason: str,
                figures: Mapping[str, Any] | None = None) -> Entry:
    """The entry of a benchmark that could not measure what it is for (``met`` is false)."""
    return entry(name, title, target, figures or {}, None, False, reason=reason)


def run_benchmark(name: str, quick: bool) -> Entry:
    """Run one benchmark; a failure becomes an entry that says why, never a crash."""
    import importlib
    import traceback

    module = importlib.import_module(BENCHMARKS[name])
    start = time.perf_counter()
    try:
        result = module.run(quick=quick)
    except Exception as error:  # a part under measurement is missing or broken: say so
        detail = traceback.format_exception_only(type(error), error)[-1].strip()
        result = unavailable(module.NAME, module.TITLE, module.TARGET, f"benchmark failed: {detail}")
    result["seconds"] = round(time.perf_counter() - start, 2)
    return result


def run_suite(names: Sequence[str] | None = None, quick: bool = False,
              progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Run the benchmarks ``names`` (default: all of them) and collect their entries."""
    import platform

    chosen = list(names or BENCHMARKS)
    entries = []
    for name in chosen:
        if progress:
            progress(name)
        entries.append(run_benchmark(name, quick))
    return {
        "suite": "symnn benchmarks",
        "quick": quick,
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "benchmarks": entries,
    }
