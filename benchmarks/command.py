"""``symnn bench``: run the performance suite (the same as ``python -m benchmarks``).

The ``symnn`` command finds this module through the ``symnn.commands`` entry point
(pyproject.toml), so the library never imports the benchmarks by name.
"""

from __future__ import annotations

import argparse

HELP = "measure symnn against the naive ways (derivation, numerics, keys, checking, start-up, serving)"
DESCRIPTION = """\
Run the benchmark suite: symnn against what a user would otherwise do, measured
side by side in the same run. Each figure is the median of several runs with its
minimum and maximum; ratios are taken pair by pair. Prints a table (or, with
--json, one JSON object with one entry per benchmark: name, figures, ratio,
target, met). Missing a target is reported, not an error: the exit code is 0.
"""
EPILOG = """\
examples:
  symnn bench --quick              the short suite (under a minute)
  symnn bench --json > bench.json  every figure, for a script
  symnn bench --only derivation    one benchmark
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The suite's options: --quick, --json, --markdown, --only."""
    from .__main__ import add_arguments as suite_arguments

    suite_arguments(parser)


def run(args: argparse.Namespace) -> int:
    """Run the suite and print its result."""
    from .__main__ import run as run_suite

    return run_suite(args)
