"""Answer keys: variants of the lecture's network exercise with JSON answers and Markdown keys.

One run goes from the spec to the files: read the exercise
(``derivations/backprop_lecture.toml``), draw N seeded variants (rejecting
degenerate ones), and write ``answers.json`` and the worked keys as Markdown
(``key.md``); PDF compilation is excluded. Each N runs in a child process, after
the imports, with SymPy's cache cleared before every run. The ratio is variants
per second at N = 1,000 (target: at least 100, i.e. under 10 s); the scaling
exponent is the slope of log time on log N.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import child_env, entry, lecture_file, summary, unavailable

NAME = "answer_keys"
TITLE = "Answer keys (lecture network exercise)"
TARGET = "1,000 variants with JSON answers and Markdown keys in < 10 s (>= 100 variants/s)"
RATE_TARGET = 100.0
TARGET_N = 1000
SPEC = "backprop_lecture.toml"


def make_keys(spec: Path, n: int, seed: int, out: Path) -> dict[str, Any]:
    """Spec -> ``n`` variants -> ``answers.json`` and ``key.md`` in ``out``; what was made."""
    from symnn.exercises.exercise import answers_json, generate, load_exercise, pages
    from symnn.render.sheets import markdown_document

    exercise = load_exercise(spec)
    result = generate(exercise, n, seed)
    (out / "answers.json").write_text(answers_json(result), encoding="utf-8")
    key = markdown_document(f"{exercise.title}: key", pages(result, "en", key=True))
    (out / "key.md").write_text(key, encoding="utf-8")
    return {"variants": len(result.variants), "rejected": sum(result.rejected.values()),
            "key_bytes": len(key.encode("utf-8"))}


def measure(n: int, repeats: int, seed: int = 7) -> None:
    """Child process: time ``repeats`` runs of :func:`make_keys`; print one JSON line per run."""
    from sympy.core.cache import clear_cache

    spec = lecture_file(SPEC)
    with tempfile.TemporaryDirectory() as warm:  # first-use costs (imports) are not key making
        make_keys(spec, 2, seed, Path(warm))
    for _ in range(repeats):
        clear_cache()
        with tempfile.TemporaryDirectory() as directory:
            start = time.perf_counter()
            made = make_keys(spec, n, seed, Path(directory))
            seconds = time.perf_counter() - start
        print(json.dumps({"n": n, "seconds": seconds, **made}), flush=True)


def _missing() -> str | None:
    """None when the exercise generator and the lecture spec are there, else what is missing."""
    try:
        from symnn.exercises.exercise import answers_json, generate, load_exercise, pages  # noqa: F401
        from symnn.render.sheets import markdown_document  # noqa: F401
    except ImportError as error:
        return f"the exercise generator is not available yet ({error})"
    if not lecture_file(SPEC).exists():
        return f"derivations/{SPEC} is not there yet"
    return None


def fit_exponent(points: Sequence[tuple[float, float]]) -> float | None:
    """Slope of log time on log N (see :func:`benchmarks.derivation_scaling.fit_exponent`)."""
    from .derivation_scaling import fit_exponent as fit

    if len({n for n, _ in points}) == 2:
        import math

        (n1, t1), (n2, t2) = sorted({n: t for n, t in points}.items())
        return math.log(t2 / t1) / math.log(n2 / n1)
    return fit(points)


def run(quick: bool = False) -> dict[str, Any]:
    """The suite's entry: time per N, variants per second at 1,000, the scaling exponent."""
    missing = _missing()
    if missing:
        return unavailable(NAME, TITLE, TARGET, missing)
    plan = [(100, 2), (1000, 1)] if quick else [(100, 5), (1000, 3), (10_000, 1)]
    budget = 30.0 if quick else 400.0  # seconds one run may be predicted to take
    rows: list[dict[str, Any]] = []
    skipped = []
    for n, repeats in plan:
        if rows:
            predicted = rows[-1]["seconds"]["median"] * n / rows[-1]["n"]
            if predicted > budget:
                skipped.append(f"{n:,} skipped (about {predicted:.0f} s predicted from {rows[-1]['n']:,})")
                continue
        argv = [sys.executable, "-m", "benchmarks.answer_keys", "--child", str(n), "--repeats", str(repeats)]
        done = subprocess.run(argv, capture_output=True, text=True, env=child_env(), timeout=900,
                              check=False)
        records = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
        if done.returncode != 0 or not records:
            tail = done.stderr.strip().splitlines()
            return unavailable(NAME, TITLE, TARGET, f"making {n} keys failed: {tail[-1] if tail else '?'}",
                               {"sizes": rows})
        times = [r["seconds"] for r in records]
        rows.append({"n": n, "seconds": summary(times),
                     "variants_per_second": summary([n / t for t in times], 4),
                     "rejected": records[-1]["rejected"], "key_bytes": records[-1]["key_bytes"]})
    at_target = next((r for r in rows if r["n"] == TARGET_N), None)
    if at_target is None:  # too slow to run in this mode: the rate measured at the largest N run
        at_target = rows[-1]
    rate = at_target["variants_per_second"]["median"]
    exponent = fit_exponent([(r["n"], r["seconds"]["median"]) for r in rows])
    figures = {"sizes": rows, "exponent": None if exponent is None else round(exponent, 3),
               "seconds_at_1000": at_target["seconds"] if at_target["n"] == TARGET_N else None,
               "skipped": skipped}
    met = rate >= RATE_TARGET and at_target["n"] == TARGET_N
    table = {"columns": ["variants", "seconds (min-max)", "variants/s", "rejected", "key.md bytes"],
             "rows": [[f"{r['n']:,}", f"{r['seconds']['median']:.3g} ({r['seconds']['min']:.3g}-"
                       f"{r['seconds']['max']:.3g})", f"{r['variants_per_second']['median']:.0f}",
                       str(r["rejected"]), f"{r['key_bytes']:,}"] for r in rows]}
    extra: dict[str, Any] = {
        "headline": f"{at_target['n']:,} variants in {at_target['seconds']['median']:.2f} s ({rate:.0f}/s); "
                    f"time grows as N^{figures['exponent']}" + "".join(f"; {s}" for s in skipped),
        "table": table}
    if not met:
        extra["reason"] = f"{rate:.0f} variants/s < {RATE_TARGET:g}" + "".join(f"; {s}" for s in skipped)
    return entry(NAME, TITLE, TARGET, figures, rate, met, **extra)


def main(argv: Sequence[str] | None = None) -> int:
    """Child-process entry: ``--child N --repeats R``."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.answer_keys")
    parser.add_argument("--child", type=int, required=True, metavar="N")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    measure(args.child, args.repeats)
    return 0


if __name__ == "__main__":
    sys.exit(main())
