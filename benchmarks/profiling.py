"""``python -m benchmarks --profile NAME``: where symnn's side of a benchmark spends its time (cProfile).

Each benchmark names the symnn call it measures; this runs it once to warm the
imports, then once under :mod:`cProfile`, and prints the functions with the most
time of their own and the most cumulative time.
"""

from __future__ import annotations

import cProfile
import io
import pstats
import tempfile
from collections.abc import Callable
from pathlib import Path

__all__ = ["profile", "subject"]


def subject(name: str) -> tuple[str, Callable[[], object], Callable[[], object]]:
    """What to profile for benchmark ``name``: a label, a warm-up call and the call itself."""
    if name == "derivation":
        from .derivation_scaling import TARGET_SIZE, symnn_gradients

        depth, width = TARGET_SIZE
        return (f"symnn gradients of every parameter, depth {depth} width {width}",
                lambda: symnn_gradients(1, 2), lambda: symnn_gradients(depth, width))
    if name == "numeric":
        from .numeric_evaluation import problems, symnn_gradient

        label, problem = problems()[-1]
        gradient = symnn_gradient(problem)

        def twenty() -> None:
            for _ in range(20):
                gradient()

        return f"symnn batch gradient, {label}, 20 calls", gradient, twenty
    if name == "answer_keys":
        from . import lecture_file
        from .answer_keys import SPEC, make_keys

        def keys(n: int) -> Callable[[], object]:
            def run() -> object:
                with tempfile.TemporaryDirectory() as directory:
                    return make_keys(lecture_file(SPEC), n, 7, Path(directory))
            return run

        return "1,000 variants with answers.json and key.md", keys(2), keys(1000)
    if name == "checking":
        import importlib

        from .checking import IMPORTS, SOLUTION, _read

        text = _read(SOLUTION)

        def imports() -> None:  # what a check loads: the profile is of the checking, after import
            for module in IMPORTS:
                importlib.import_module(module)

        return ("symnn check of the lecture's hand calculation (in-process, no worker, after imports)",
                imports, lambda: _check_in_process(text))
    if name == "startup":
        import sys

        from .startup import heaviest_imports

        def imports() -> None:
            for row in heaviest_imports([sys.executable, "-m", "symnn", "check", "--help"], top=15):
                print(f"  {row['cumulative_ms']:8.1f} ms  {row['module']}")

        return "imports of symnn check --help (python -X importtime)", lambda: None, imports
    raise KeyError(name)


def _check_in_process(text: str) -> object:
    """The check without the worker process, so that the profile sees the checker's own work."""
    from symnn.checking.checker import check
    from symnn.models.spec import load_spec

    from . import lecture_file
    from .checking import SPEC

    return check(text, spec=load_spec(lecture_file(SPEC)), timeout=None)


def profile(name: str, top: int = 20) -> str:
    """The profile of benchmark ``name``'s symnn call, as text."""
    label, warm, call = subject(name)
    warm()
    if name == "startup":
        print(label)
        call()
        return ""
    profiler = cProfile.Profile()
    profiler.enable()
    call()
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    out.write(f"{label}\n\nby own time:\n")
    stats.sort_stats("tottime").print_stats(top)
    out.write("by cumulative time:\n")
    stats.sort_stats("cumulative").print_stats(top)
    return out.getvalue()
