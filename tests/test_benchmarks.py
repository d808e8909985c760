"""The quick benchmark suite runs; every entry has name, figures, ratio, target, met (no speed asserted)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ENTRIES = {"derivation", "numeric", "answer_keys", "checking", "startup", "serving"}


@pytest.fixture(scope="module")
def quick_suite() -> dict:
    """``python -m benchmarks --quick --json``, run once."""
    env = dict(os.environ, NO_COLOR="1")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    done = subprocess.run([sys.executable, "-m", "benchmarks", "--quick", "--json"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=900, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_quick_suite_has_every_entry(quick_suite: dict) -> None:
    assert quick_suite["quick"] is True
    names = [e["name"] for e in quick_suite["benchmarks"]]
    assert sorted(names) == sorted(ENTRIES)


def test_every_entry_has_name_figures_ratio_target_and_met(quick_suite: dict) -> None:
    for e in quick_suite["benchmarks"]:
        assert {"name", "figures", "ratio", "target", "met"} <= set(e), e
        assert isinstance(e["figures"], dict)
        assert e["ratio"] is None or isinstance(e["ratio"], (int, float))
        assert isinstance(e["target"], str) and e["target"]
        assert isinstance(e["met"], bool)
        if e["ratio"] is None:  # nothing measured: the entry must say why
            assert e["met"] is False and e.get("reason")


def test_median_min_max_are_ordered(quick_suite: dict) -> None:
    def figures(value):
        if isinstance(value, dict):
            if {"median", "min", "max"} <= set(value) and value["median"] is not None:
                yield value
            for inner in value.values():
                yield from figures(inner)
        elif isinstance(value, list):
            for inner in value:
                yield from figures(inner)

    for e in quick_suite["benchmarks"]:
        for figure in figures(e["figures"]):
            assert figure["min"] <= figure["median"] <= figure["max"], (e["name"], figure)


def test_the_text_and_markdown_reports_show_every_entry(quick_suite: dict) -> None:
    sys.path.insert(0, str(ROOT))
    from benchmarks.report import markdown, text

    plain = text(quick_suite)
    table = markdown(quick_suite)
    for e in quick_suite["benchmarks"]:
        assert e["title"] in plain
        assert f"| {e['title']} |" in table


def test_fit_exponent_and_pair_ratios() -> None:
    sys.path.insert(0, str(ROOT))
    from benchmarks import pair_ratios, summary
    from benchmarks.derivation_scaling import fit_exponent

    assert fit_exponent([(2, 4.0), (4, 16.0), (8, 64.0)]) == pytest.approx(2.0)
    assert pair_ratios([2.0, 9.0], [1.0, 3.0]) == [2.0, 3.0]
    assert summary([]) == {"median": None, "min": None, "max": None, "runs": 0}


def test_naive_baseline_composes_the_loss_of_the_spec_network() -> None:
    """The naive gradients and symnn's spec describe the same network (same weight names)."""
    sys.path.insert(0, str(ROOT))
    from benchmarks.derivation_scaling import naive_gradients, spec_text
    from symnn.models.spec import parse_spec

    parameters, gradients = naive_gradients(2, 2)
    assert [str(p) for p in parameters] == parse_spec(spec_text(2, 2)).parameters
    assert len(gradients) == 8


def test_hand_written_backprop_matches_finite_differences() -> None:
    sys.path.insert(0, str(ROOT))
    from benchmarks.derivation_scaling import spec_text
    from benchmarks.numeric_evaluation import by_name, finite_differences, make_problem, numpy_backprop

    problem = make_problem(spec_text(2, 3), "<2x3>", batch=50)
    exact = by_name(problem, *numpy_backprop(problem.weights, problem.biases, problem.X, problem.Y))
    numeric = finite_differences(problem)
    for name, value in exact.items():
        assert numeric[name] == pytest.approx(value, rel=1e-5, abs=1e-8)


@pytest.mark.parametrize("module", ["benchmarks", "benchmarks.report", "benchmarks.derivation_scaling",
                                    "benchmarks.numeric_evaluation", "benchmarks.serving"])
def test_doctests_of_the_suite(module: str) -> None:
    import doctest
    import importlib

    sys.path.insert(0, str(ROOT))
    failures, _ = doctest.testmod(importlib.import_module(module))
    assert failures == 0


def test_a_saved_result_is_reported_again(quick_suite: dict, tmp_path: Path) -> None:
    saved = tmp_path / "bench.json"
    saved.write_text(json.dumps(quick_suite), encoding="utf-8")
    env = dict(os.environ, NO_COLOR="1")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    done = subprocess.run([sys.executable, "-m", "benchmarks", "--report", str(saved), "--markdown"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert "| benchmark | measured | ratio | target | met |" in done.stdout


def test_the_profile_names_symnn_functions() -> None:
    sys.path.insert(0, str(ROOT))
    from benchmarks.profiling import profile

    text = profile("derivation", top=10)
    assert "symnn gradients of every parameter" in text
    assert "symnn/models/network/" in text  # the network package's own functions are named
