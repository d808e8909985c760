"""Huge numbers in every command that parses math: bounded before any work, one-line error, exit 2.
(These go through symnn/checking/parse.py.)"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def symnn(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_COLOR="1", PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "symnn", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout)


def one_line_error(done: subprocess.CompletedProcess) -> None:
    assert done.returncode == 2, (done.returncode, done.stderr[-2000:])
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr


@pytest.mark.parametrize("expr", ["x*1e99999999", "(2/3)^(10^8)*x", "x^(10^10^10)"])
def test_graph_bounds_numbers_before_work(expr):
    one_line_error(symnn("graph", expr, "--at", "x=1"))


@pytest.mark.parametrize("expr", ["x*1e99999999", "(2/3)^(10^8)*x"])
def test_check_expr_bounds_numbers_before_work(tmp_path, expr):
    solution = tmp_path / "s.md"
    solution.write_text("f = 1\n")
    one_line_error(symnn("check", str(solution), "--expr", expr, "--at", "x=1"))


@pytest.mark.parametrize("expr", ["x*1e99999999", "(2/3)^(10^8)*x"])
def test_graph_exercise_bounds_numbers_before_work(tmp_path, expr):
    spec = tmp_path / "graph.toml"
    spec.write_text(f'[exercise]\nkind = "graph"\n[values]\nexpression = "{expr}"\nx = 1\n')
    one_line_error(symnn("exercise", str(spec), "--no-pdf", "--out", str(tmp_path / "out")))


def test_at_value_bounded():
    one_line_error(symnn("graph", "x", "--at", "x=1e99999999"))
