"""Checking: ``symnn check`` of the lecture's hand calculation, and the worst adversarial line.

* The lecture's full hand calculation (``derivations/lecture_solution.md``)
  checked against ``derivations/backprop_lecture.toml`` with the library call
  behind ``symnn check`` (each line bounded in a worker process), timed after
  the imports, each run in a fresh process (so nothing is cached from an
  earlier run). Target: under 1 s.
* Adversarial lines (huge powers, thousands of terms, deep nesting: what the
  checker's own tests feed it), each checked on its own in that fresh process;
  the slowest is reported. Target: bounded at about 2 s.

The ratio is the hand calculation's time over the 1 s target (at most 1 is met).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from typing import Any

from . import child_records, entry, lecture_file, summary, unavailable

NAME = "checking"
TITLE = "Checking a worked solution"
TARGET = "lecture's hand calculation checked in < 1 s after import; worst adversarial line <= ~2 s"
SECONDS_TARGET = 1.0
ADVERSARIAL_TARGET = 2.5  # "about 2 s": the bound plus the time to give up on the line
SOLUTION = "lecture_solution.md"
#: the modules a check loads (some only on first use), imported before the clock starts
IMPORTS = ("numpy", "symnn.checking.checker", "symnn.models.spec", "symnn.checking.worker",
           "symnn.checking.parse", "symnn.checking.problems", "symnn.models.network", "symnn.core.numeric")
SPEC = "backprop_lecture.toml"

#: lines that make a naive checker hang: those the checker's own tests feed it (the
#: checker's and the parser's adversarial cases), then legal lines that are heavy to judge
ADVERSARIAL: dict[str, str] = {
    "tower of powers": r"$x = 10^{10^{10}}$",
    "5,000-term sum": "$s = " + " + ".join(["0.5"] * 5000) + " = 2500$",
    "300 nested fractions": "$q = " + r"\frac{1}{" * 300 + "2" + "}" * 300 + " = 0.5$",
    "power tower of 2s": r"$h_2 = 2^{2^{2^{2^{2^{2}}}}} = 1$",
    "nested exponentials": r"$e^{e^{e^{e^{e^{10}}}}} = 1$",
    "unbraced power chain": "$h_1 = 2^2^2^2^2^2 = 1$",
    "200 nested parentheses": "$h_1 = " + "(" * 200 + "1" + ")" * 200 + "$",
    "5,000 symbols": "$h_1 = " + " + ".join(["x"] * 5000) + "$",
    "sum to 100,000": r"$s = \sum_{i=1}^{100000} i = 5000050000$",
    "factorial": r"$h_1 = 1000000! = 1$",
    "3,000-factor product": "$o_1 = " + r" \cdot ".join(["1.0001"] * 3000) + " = 1.35$",
    "identity, power 60": "$(x+1)^{30} (x-1)^{30} = (x^2-1)^{30}$",
    "tanh identity, power 40": r"$\tanh(x)^{40} = (1 - \frac{2}{1+e^{2x}})^{40}$",
}


def _read(name: str) -> str:
    return lecture_file(name).read_text(encoding="utf-8")


def check_once(text: str) -> Any:
    """What ``symnn check FILE --spec derivations/backprop_lecture.toml`` does: the library call."""
    from symnn.checking.checker import check
    from symnn.models.spec import load_spec

    return check(text, spec=load_spec(lecture_file(SPEC)))


def child(what: str) -> None:
    """Child process: import the checker, then time checks (nothing warmed); one JSON line each.

    ``lecture``: the hand calculation once; ``adversarial``: each adversarial line on its own.
    """
    import contextlib
    import importlib

    for module in IMPORTS:  # imports are not part of the time
        with contextlib.suppress(ImportError):
            importlib.import_module(module)
    texts = {"lecture": _read(SOLUTION)} if what == "lecture" else ADVERSARIAL
    if what != "lecture":  # the first check's one-off costs (worker start-up) belong to no line
        check_once("$h_1 = 0.5$")
    for label, text in texts.items():
        start = time.perf_counter()
        report = check_once(text)
        seconds = time.perf_counter() - start
        verdicts = [str(line.verdict) for line in report.lines]
        print(json.dumps({"what": label, "seconds": seconds, "verdicts": verdicts}), flush=True)


def _run_child(what: str, timeout: float) -> tuple[list[dict[str, Any]], str | None]:
    """One child run: its records (one per text checked), and a problem if it failed or timed out."""
    return child_records("benchmarks.checking", [what], timeout)


def _missing() -> str | None:
    """None when the checker and the lecture's files are there, else what is missing."""
    try:
        from symnn.checking.checker import check  # noqa: F401
        from symnn.models.spec import load_spec  # noqa: F401
    except ImportError as error:
        return f"the checker is not available yet ({error})"
    for name in (SOLUTION, SPEC):
        if not lecture_file(name).exists():
            return f"derivations/{name} is not there yet"
    return None


def run(quick: bool = False) -> dict[str, Any]:
    """The suite's entry: the hand calculation's check time and the worst adversarial line."""
    missing = _missing()
    if missing:
        return unavailable(NAME, TITLE, TARGET, missing)
    repeats = 2 if quick else 7
    times, verdicts = [], []
    for _ in range(repeats):
        records, problem = _run_child("lecture", timeout=120)
        if problem or not records:
            return unavailable(NAME, TITLE, TARGET,
                               f"checking the lecture's hand calculation failed: {problem}")
        times.append(records[0]["seconds"])
        verdicts = records[0]["verdicts"]
    lecture = summary(times)
    samples: dict[str, list[float]] = {label: [] for label in ADVERSARIAL}
    line_verdicts: dict[str, list[str]] = {label: [] for label in ADVERSARIAL}
    problems: dict[str, str] = {}
    for _ in range(1 if quick else 3):
        records, problem = _run_child("adversarial", timeout=60 + 10 * len(ADVERSARIAL))
        for record in records:
            samples[record["what"]].append(record["seconds"])
            line_verdicts[record["what"]] = record["verdicts"]
        if problem:  # the line after the last one reported is the one that did not come back
            stuck = next((label for label in ADVERSARIAL if len(samples[label]) < max(
                len(v) for v in samples.values())), None) or next(
                (label for label in ADVERSARIAL if not samples[label]), None)
            if stuck:
                problems[stuck] = problem
            break
    adversarial: dict[str, Any] = {}
    for label in ADVERSARIAL:
        adversarial[label] = summary(samples[label]) | {"verdicts": line_verdicts[label]}
        if label in problems:
            adversarial[label]["problem"] = problems[label]
    timed = {k: v for k, v in adversarial.items() if v["runs"]}
    worst_label = max(timed, key=lambda k: timed[k]["median"]) if timed else None
    worst = timed[worst_label]["median"] if worst_label else None
    failed = [k for k, v in adversarial.items() if not v["runs"]]
    counts: dict[str, int] = {}
    for verdict in verdicts:
        counts[verdict] = counts.get(verdict, 0) + 1
    figures = {"lecture_solution": lecture | {"lines": len(verdicts), "verdicts": counts},
               "adversarial": adversarial, "worst_adversarial": worst_label}
    ratio = lecture["median"] / SECONDS_TARGET
    met = ratio <= 1.0 and worst is not None and worst <= ADVERSARIAL_TARGET and not failed
    table = {"columns": ["input", "seconds (min-max)", "verdicts"],
             "rows": [["lecture hand calculation", _seconds(lecture),
                       ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))]]
             + [[f"adversarial: {k}", _seconds(v) if v["runs"] else v.get("problem", "-"),
                 ", ".join(v["verdicts"])] for k, v in adversarial.items()]}
    extra: dict[str, Any] = {
        "headline": f"hand calculation ({len(verdicts)} lines) {lecture['median']:.2f} s; "
                    f"worst adversarial line ({worst_label}) {worst if worst is None else round(worst, 2)} s",
        "table": table}
    if not met:
        reasons = []
        if ratio > 1.0:
            reasons.append(f"the hand calculation takes {lecture['median']:.2f} s > {SECONDS_TARGET:g} s")
        if worst is not None and worst > ADVERSARIAL_TARGET:
            reasons.append(f"adversarial line '{worst_label}' takes {worst:.2f} s")
        if failed:
            reasons.append("no result for: "
                           + ", ".join(f"{k} ({adversarial[k]['problem']})" for k in failed))
        extra["reason"] = "; ".join(reasons)
    return entry(NAME, TITLE, TARGET, figures, ratio, met, **extra)


def _seconds(figure: dict[str, Any]) -> str:
    return f"{figure['median']:.3g} ({figure['min']:.3g}-{figure['max']:.3g})"


def main(argv: Sequence[str] | None = None) -> int:
    """Child-process entry: ``--child lecture`` or ``--child adversarial``."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.checking")
    parser.add_argument("--child", required=True, choices=["lecture", "adversarial"])
    args = parser.parse_args(argv)
    child(args.child)
    return 0


if __name__ == "__main__":
    sys.exit(main())
