"""Checking: ``symnn check`` of the lecture's hand calculation, and the worst adversarial line.

* The lecture's full hand calculation (``derivations/lecture_solution.md``)
  checked against ``derivations/backprop_lecture.toml`` with the library call
  :func:`symnn.check`, timed after the imports, each run in a fresh process (so
  nothing is cached from an earlier run). Target: under 1 s.
* Adversarial lines (huge powers, thousands of terms, deep nesting: what the
  checker's own tests feed it), each checked on its own in that fresh process;
  the slowest is reported. Target: bounded at about 2 s.

The ratio is the hand calculation's time over the 1 s target (at most 1 is met).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Sequence
from typing import Any

from . import child_env, entry, lecture_file, summary, unavailable

NAME = "checking"
TITLE = "Checking a worked solution"
TARGET = "lecture's hand calculation checked in < 1 s after import; worst adversarial line <= ~2 s"
SECONDS_TARGET = 1.0
ADVERSARIAL_TARGET = 2.5  # "about 2 s": the bound plus the time to give up on the line
SOLUTION = "lecture_solution.md"
SPEC = "backprop_lecture.toml"

#: lines that make a naive checker hang; the same kinds the checker's tests feed it
ADVERSARIAL: dict[str, str] = {
    "tower of powers": r"$h_1 = 10^{10^{10}}$",
    "power of a power": r"$h_1 = (0.5^{1000})^{1000} = 0$",
    "5,000-term sum": "$h_1 = " + " + ".join(f"{k}" for k in range(1, 5001)) + " = 12502500$",
    "nested fractions": "$h_1 = " + r"\frac{1}{1+" * 60 + "1" + "}" * 60 + " = 0.62$",
    "nested sigmoids": "h_1 = " + "sigmoid(" * 60 + "0.5" + ")" * 60 + " = 0.66",
    "factorial": r"$h_1 = 1000000! = 1$",
    "huge exponent": r"$\delta_5 = e^{e^{e^{e^{10}}}} = 0.03$",
    "long product": "$o_1 = " + r" \cdot ".join(["1.0001"] * 3000) + " = 1.35$",
}


def _read(name: str) -> str:
    return lecture_file(name).read_text(encoding="utf-8")


def check_once(text: str) -> Any:
    """``symnn.check`` of ``text`` against the lecture's spec."""
    import symnn

    return symnn.check(text, spec=symnn.load_spec(lecture_file(SPEC)))


def child(what: str) -> None:
    """Child process: import, warm nothing, time one check; print one JSON line."""
    import symnn

    symnn.check  # noqa: B018 - import the checker (and what it imports) before timing
    from symnn.check import check as _  # noqa: F401

    text = _read(SOLUTION) if what == "lecture" else ADVERSARIAL[what]
    start = time.perf_counter()
    report = check_once(text)
    seconds = time.perf_counter() - start
    verdicts = []
    lines = getattr(report, "lines", None)
    if lines is None and isinstance(report, dict):
        lines = report.get("lines")
    for line in lines or []:
        verdict = line.get("verdict") if isinstance(line, dict) else getattr(line, "verdict", None)
        verdicts.append(str(getattr(verdict, "value", verdict)))
    print(json.dumps({"what": what, "seconds": seconds, "verdicts": verdicts}), flush=True)


def _run_child(what: str, timeout: float) -> tuple[float | None, list[str], str | None]:
    """One child run: seconds, verdicts, and a problem if it failed or timed out."""
    argv = [sys.executable, "-m", "benchmarks.checking", "--child", what]
    try:
        done = subprocess.run(argv, capture_output=True, text=True, env=child_env(), timeout=timeout,
                              check=False)
    except subprocess.TimeoutExpired:
        return None, [], f"no answer within {timeout:g} s"
    records = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not records:
        tail = done.stderr.strip().splitlines()
        return None, [], tail[-1] if tail else f"exit code {done.returncode}"
    return records[-1]["seconds"], records[-1]["verdicts"], None


def _missing() -> str | None:
    """None when the checker and the lecture's files are there, else what is missing."""
    try:
        import symnn

        symnn.check  # noqa: B018
        symnn.load_spec  # noqa: B018
    except (ImportError, AttributeError) as error:
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
    repeats = 3 if quick else 7
    times, verdicts, problem = [], [], None
    for _ in range(repeats):
        seconds, verdicts_run, problem = _run_child("lecture", timeout=120)
        if problem:
            return unavailable(NAME, TITLE, TARGET,
                               f"checking the lecture's hand calculation failed: {problem}")
        times.append(seconds)
        verdicts = verdicts_run
    lecture = summary(times)
    adversarial: dict[str, Any] = {}
    for label in ADVERSARIAL:
        runs: list[float] = []
        line_verdicts: list[str] = []
        for _ in range(1 if quick else 3):
            seconds, line_verdicts, problem = _run_child(label, timeout=60)
            if problem:
                break
            runs.append(seconds)
        adversarial[label] = summary(runs) | ({"problem": problem} if problem else {})
        adversarial[label]["verdicts"] = line_verdicts
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
    """Child-process entry: ``--child lecture`` or ``--child LABEL`` of an adversarial line."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.checking")
    parser.add_argument("--child", required=True, choices=["lecture", *ADVERSARIAL])
    args = parser.parse_args(argv)
    child(args.child)
    return 0


if __name__ == "__main__":
    sys.exit(main())
