"""``symnn check`` end to end: report, JSON, colour, exit codes, variants, bad input.

Truths: the lecture's line numbers found in the files by text, the JSON keys the
specification lists, values recomputed in the test with ``math``.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from symnn.cli import main

ROOT = Path(__file__).resolve().parents[1]
LECTURE = ROOT / "derivations" / "lecture_solution.md"
LECTURE_SPEC = ROOT / "derivations" / "backprop_lecture.toml"
CIRCUIT = ROOT / "derivations" / "circuit_solution.md"
KEYS = {"line", "text", "quantity", "verdict", "written", "exact", "carried", "message"}


def line_of(path: Path, marker: str) -> int:
    return next(n for n, t in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if marker in t)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["check", *argv, "--timeout", "0"])
    out, err = capsys.readouterr()
    return code, out, err


def test_lecture_report_and_exit_code(capsys):
    code, out, _ = run(capsys, str(LECTURE), "--spec", str(LECTURE_SPEC))
    first = line_of(LECTURE, "&= -0.009")
    assert code == 1
    assert f"first real mistake on line {first}" in out
    assert "\x1b[" not in out                       # plain when not a terminal
    row = next(line for line in out.splitlines() if line.startswith(f"{first:>4}  "))
    assert "arithmetic" in row and "<- first mistake" in row


def test_lecture_json(capsys):
    code, out, _ = run(capsys, str(LECTURE), "--spec", str(LECTURE_SPEC), "--json")
    data = json.loads(out)
    assert code == 1 and set(data) == {"lines", "summary"}
    assert all(set(line) == KEYS for line in data["lines"])
    first = line_of(LECTURE, "&= -0.009")
    assert data["summary"]["first_error_line"] == first
    assert data["summary"]["counts"]["arithmetic"] == 1
    assert data["summary"]["counts"]["formula"] == 0
    delta1 = next(line for line in data["lines"] if line["line"] == first)
    assert delta1["written"] == "-0.009" and delta1["verdict"] == "arithmetic"
    update = next(line for line in data["lines"] if line["line"] == line_of(LECTURE, "w_1' ="))
    assert update["verdict"] == "rounding" and update["carried"] == [first]


def test_circuit_passes(capsys):
    code, out, _ = run(capsys, str(CIRCUIT), "--expr", "1/(1+exp(-(w0*x0+w1*x1+w2)))",
                       "--at", "w0=2,x0=-1,w1=-3,x1=-2,w2=-3")
    assert code == 0 and "no mistake found" in out and "rounding" in out


def test_colour_on_request(capsys, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    _, out, _ = run(capsys, str(CIRCUIT), "--expr", "1/(1+exp(-(w0*x0+w1*x1+w2)))",
                    "--at", "w0=2,x0=-1,w1=-3,x1=-2,w2=-3")
    assert "\x1b[32m" in out


def test_variant_of_an_answers_file(capsys, tmp_path):
    values = {"x1": -0.9, "x2": 0.2, "w1": -0.1, "w3": -0.6, "w2": -0.5, "w4": 0.5, "w5": 0.8, "w7": 0.8,
              "w6": -0.6, "w8": -0.9}
    answers = {"spec": str(LECTURE_SPEC), "variants": [
        {"index": 1, "seed": 1, "values": values, "targets": {"o1": 0.86, "o2": 0.67}}]}
    (tmp_path / "answers.json").write_text(json.dumps(answers))
    h1 = 1 / (1 + math.exp(-(-0.1 * -0.9 + -0.6 * 0.2)))
    assert f"{h1:.2f}" == "0.49"
    solution = tmp_path / "solution.md"
    solution.write_text("$h_1 = sigmoid(-0.1 * (-0.9) + (-0.6) * 0.2) = 0.49$\n")
    code, out, _ = run(capsys, str(solution), "--answers", str(tmp_path / "answers.json"), "--variant", "1")
    assert code == 0, out
    code, _, err = run(capsys, str(solution), "--answers", str(tmp_path / "answers.json"), "--variant", "7")
    assert code == 2 and "no variant 7" in err


@pytest.mark.parametrize(("argv", "words"), [
    (["missing.md"], "no such file"),
    (["{lecture}", "--spec", "missing.toml"], "missing.toml"),
    (["{lecture}", "--variant", "1"], "--variant needs --answers"),
    (["{lecture}", "--expr", "1/(1+exp(-x))"], "--expr needs --at"),
    (["{lecture}", "--expr", "1/(1+exp(-x))", "--at", "y=1"], "not a symbol"),
    (["{lecture}", "--expr", "1/(1+", "--at", "x=1"], "position"),
    (["{big}"], "larger than"),
])
def test_unusable_input_is_one_line_and_exit_2(capsys, tmp_path, argv, words):
    big = tmp_path / "big.md"
    big.write_text("x = 1\n" * 60_000)
    argv = [a.format(lecture=LECTURE, big=big) for a in argv]
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and words in err and "Traceback" not in err


def test_real_process_in_a_pipe():
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR",)}
    done = subprocess.run([sys.executable, "-m", "symnn", "check", str(ROOT / "tests" / "data" / "solutions"
                                                                         / "identities.md")],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert done.returncode == 1
    assert "\x1b[" not in done.stdout and "first real mistake on line" in done.stdout
    assert done.stderr == ""


def test_a_text_with_no_claim_has_not_been_checked(capsys, tmp_path):
    # prose only: nothing was judged, so the run cannot say "no mistake" (exit 0)
    solution = tmp_path / "notes.md"
    solution.write_text("# Notes\n\nThe sigmoid squashes its input; we use it in both layers.\n",
                        encoding="utf-8")
    code, out, _ = run(capsys, str(solution))
    assert code == 3
    assert "nothing to check" in out


def test_a_wrong_option_is_one_line_with_the_nearest_choice(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["chek", "x.md"])
    assert stop.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "did you mean check?" in err[0] and "usage" not in err[0]
    with pytest.raises(SystemExit) as stop:
        main(["lecture", "--lang", "de"])
    err = capsys.readouterr().err.strip().splitlines()
    assert stop.value.code == 2 and len(err) == 1 and "en" in err[0] and "zh" in err[0]
    with pytest.raises(SystemExit) as stop:
        main(["check", "x.md", "--jsn"])
    err = capsys.readouterr().err.strip().splitlines()
    assert stop.value.code == 2 and len(err) == 1 and "did you mean --json?" in err[0]
    assert err[0].startswith("symnn check: error")
