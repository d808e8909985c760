"""Start-up: ``symnn --help`` and ``symnn check --help`` against ``python -c "import sympy"``.

Importing SymPy is the floor every symnn command pays for real work; the help
texts should cost little more, which holds only if the heavy modules
(matplotlib, the LaTeX parser, SymPy itself) are imported where they are used.
Every command is a fresh interpreter; the three commands alternate run by run
and each help run is divided by the floor run of the same round.
"""

from __future__ import annotations

import sys
from typing import Any

from . import entry, interleave, pair_ratios, summary, time_command, unavailable

NAME = "startup"
TITLE = "Start-up time"
TARGET = "symnn --help and symnn check --help within 1.5x of python -c 'import sympy'"
RATIO_TARGET = 1.5

COMMANDS: dict[str, list[str]] = {
    "import sympy": [sys.executable, "-c", "import sympy"],
    "symnn --help": [sys.executable, "-m", "symnn", "--help"],
    "symnn check --help": [sys.executable, "-m", "symnn", "check", "--help"],
}


def heaviest_imports(argv: list[str], top: int = 5) -> list[dict[str, Any]]:
    """The modules (nested at most two deep) with the largest cumulative import time (``-X importtime``)."""
    import subprocess

    from . import ROOT, child_env

    done = subprocess.run([argv[0], "-X", "importtime", *argv[1:]], capture_output=True, text=True,
                          env=child_env(), cwd=ROOT, timeout=120, check=False)
    rows = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        cumulative_us, name = _split(line)
        depth = (len(name) - len(name.lstrip()) - 1) // 2  # nested imports are indented further
        if depth <= 2:
            rows.append({"module": name.strip(), "cumulative_ms": round(cumulative_us / 1000, 1)})
    rows.sort(key=lambda r: -r["cumulative_ms"])
    return rows[:top]


def _split(line: str) -> tuple[int, str]:
    """One ``-X importtime`` line: (cumulative microseconds, module name with its indentation)."""
    _, cumulative, name = line.split("|", 2)
    return int(cumulative), name.rstrip()


def run(quick: bool = False) -> dict[str, Any]:
    """The suite's entry: the help commands' wall time over the floor, pair by pair."""
    repeats = 3 if quick else 10
    try:
        for argv in COMMANDS.values():  # warm the file cache and prove every command works
            time_command(argv)
    except Exception as error:
        return unavailable(NAME, TITLE, TARGET, f"a command fails: {error}")
    contenders = {name: (lambda argv=argv: argv) for name, argv in COMMANDS.items()}
    times = interleave(contenders, repeats, timer=lambda make: time_command(make()))
    floor = times["import sympy"]
    figures: dict[str, Any] = {name: summary(samples) for name, samples in times.items()}
    ratios = {}
    for name in ("symnn --help", "symnn check --help"):
        ratios[name] = summary(pair_ratios(times[name], floor), 4)
        figures[f"{name} / import sympy"] = ratios[name]
    worst_name = max(ratios, key=lambda k: ratios[k]["median"])
    worst = ratios[worst_name]["median"]
    met = worst <= RATIO_TARGET
    extra: dict[str, Any] = {
        "headline": ", ".join(f"{k} {v['median']:.2f}x the floor" for k, v in ratios.items()),
        "table": {"columns": ["command", "wall time s (min-max)", "over import sympy"],
                  "rows": [[name, f"{f['median']:.3f} ({f['min']:.3f}-{f['max']:.3f})",
                            f"{ratios[name]['median']:.2f}x" if name in ratios else "1 (floor)"]
                           for name, f in ((n, figures[n]) for n in COMMANDS)]},
    }
    if not met:
        figures["heaviest_imports"] = heaviest_imports(COMMANDS[worst_name])
        heavy = ", ".join(f"{r['module']} {r['cumulative_ms']} ms" for r in figures["heaviest_imports"])
        extra["reason"] = f"{worst_name} takes {worst:.2f}x the floor; heaviest imports: {heavy}"
    return entry(NAME, TITLE, TARGET, figures, worst, met, **extra)
