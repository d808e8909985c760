"""``python -m benchmarks [--quick] [--json] [--markdown] [--only NAME ...]``: run the suite.

``--report FILE`` prints the tables (text or ``--markdown``) of a result saved with ``--json``;
``--profile NAME`` shows where symnn's side of one benchmark spends its time.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import BENCHMARKS, run_suite


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The suite's options (shared by ``python -m benchmarks`` and ``symnn bench``)."""
    parser.add_argument("--quick", action="store_true",
                        help="a smaller suite that runs in under a minute (fewer sizes and runs)")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true",
                        help="print one JSON object with one entry per benchmark")
    output.add_argument("--markdown", action="store_true",
                        help="print the tables in Markdown (for the README)")
    parser.add_argument("--only", nargs="+", choices=list(BENCHMARKS), metavar="NAME",
                        help=f"run only these benchmarks ({', '.join(BENCHMARKS)})")
    parser.add_argument("--profile", choices=list(BENCHMARKS), metavar="NAME",
                        help="profile symnn's side of one benchmark (cProfile) instead of running the suite")
    parser.add_argument("--report", metavar="JSON",
                        help="print the tables of a saved --json result instead of running the suite")


def run(args: argparse.Namespace) -> int:
    """Run the suite as ``args`` asks and print the result; 0 even when a target is missed."""
    import json

    from symnn.core.console import use_colour

    from .report import markdown, text

    def progress(name: str) -> None:
        if sys.stderr.isatty():
            print(f"running {name} ...", file=sys.stderr, flush=True)

    if getattr(args, "profile", None):
        from .profiling import profile

        print(profile(args.profile), end="")
        return 0
    if args.report:
        from pathlib import Path

        result = json.loads(Path(args.report).read_text(encoding="utf-8"))
    else:
        result = run_suite(args.only, quick=args.quick, progress=progress)
    if args.json:
        print(json.dumps(result, indent=2))
    elif args.markdown:
        print(markdown(result), end="")
    else:
        print(text(result, colour=use_colour(sys.stdout)))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``python -m benchmarks``."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
