"""`symnn exercise` end to end, in a subprocess as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
LECTURE = "derivations/backprop_lecture.toml"


def symnn(*args, timeout=600):
    env = dict(os.environ, NO_COLOR="1")
    env.pop("FORCE_COLOR", None)
    return subprocess.run([sys.executable, "-m", "symnn", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)


def symnn_here(capsys, *args) -> tuple[int, str, str]:
    """Run the command in this process (faster than a subprocess for the quick cases)."""
    from symnn.cli import main

    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


@pytest.fixture(scope="module")
def lecture_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("ex")
    done = symnn("exercise", LECTURE, "--variants", "30", "--seed", "7", "--out", str(out))
    assert done.returncode == 0, done.stderr
    return out, done


def test_writes_every_file_and_compiles_the_pdfs(lecture_build):
    out, done = lecture_build
    for name in ("sheets.tex", "sheets.pdf", "key.tex", "key.pdf", "sheets.md", "key.md", "moodle.xml",
                 "qti.zip", "network.png", "answers.json", "network_spec.toml"):
        assert (out / name).stat().st_size > 0, name
    answers = json.loads((out / "answers.json").read_text())
    assert all(v["figures"] == ["network.png"] for v in answers["variants"])
    assert (out / "network.png").read_bytes().startswith(b"\x89PNG")
    assert "![" in (out / "sheets.md").read_text() and "](network.png)" in (out / "sheets.md").read_text()
    for line in done.stdout.splitlines():     # each reason once, then one example without the reason again
        if "(e.g. " in line:
            head, example = line.split("(e.g. ", 1)
            reason = head.strip().split(None, 1)[1].strip()
            assert reason not in example, line
    assert (out / "sheets.pdf").read_bytes().startswith(b"%PDF")
    assert (out / "key.pdf").read_bytes().startswith(b"%PDF")
    assert "rejected as degenerate" in done.stdout
    assert "\r" not in done.stderr            # no progress bar when piped
    sheets = (out / "sheets.tex").read_text()
    assert sheets.count("\\newpage") == 29    # one page per variant
    ET.parse(out / "moodle.xml")


def test_answers_json_is_byte_identical_for_the_same_seed(lecture_build, tmp_path):
    out, _ = lecture_build
    again = symnn("exercise", LECTURE, "--variants", "30", "--seed", "7", "--out", str(tmp_path), "--no-pdf")
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "answers.json").read_bytes() == (out / "answers.json").read_bytes()
    assert (tmp_path / "key.md").read_bytes() == (out / "key.md").read_bytes()


def test_answers_json_matches_a_hand_written_forward_and_backward_pass(lecture_build):
    out, _ = lecture_build
    data = json.loads((out / "answers.json").read_text())
    assert data["seed"] == 7 and len(data["variants"]) == 30
    for variant in data["variants"]:
        v, t, a = variant["values"], variant["targets"], variant["answers"]
        h = sigmoid(np.array([[v["w1"], v["w3"]], [v["w2"], v["w4"]]]) @ [v["x1"], v["x2"]])
        w_out = np.array([[v["w5"], v["w7"]], [v["w6"], v["w8"]]])
        o = sigmoid(w_out @ h)
        y = np.array([t["o1"], t["o2"]])
        delta = (o - y) * o * (1 - o)
        assert a["loss"] == pytest.approx(0.5 * np.sum((o - y) ** 2), rel=1e-12)
        assert a["gradients"]["w7"] == pytest.approx(delta[0] * h[1], rel=1e-10)
        hidden = (w_out.T @ delta) * h * (1 - h)
        assert a["gradients"]["w3"] == pytest.approx(hidden[0] * v["x2"], rel=1e-9)
        assert a["updated"]["w3"] == pytest.approx(v["w3"] - hidden[0] * v["x2"], rel=1e-12)


def test_check_accepts_a_variant_of_the_answers(lecture_build, tmp_path):
    out, _ = lecture_build
    data = json.loads((out / "answers.json").read_text())
    answers = data["variants"][2]["answers"]
    good = tmp_path / "good.md"
    w5 = answers["gradients"]["w5"]
    good.write_text(f"$Error = {answers['loss']:.4f}$\n"
                    f"$\\delta_5 = \\frac{{\\partial Error}}{{\\partial w_5}} = {w5:.4f}$\n")
    done = symnn("check", str(good), "--answers", str(out / "answers.json"), "--variant", "3")
    assert done.returncode == 0, done.stdout + done.stderr
    bad = tmp_path / "bad.md"
    bad.write_text(f"$Error = {answers['loss'] + 0.05:.4f}$\n")
    assert symnn("check", str(bad), "--answers", str(out / "answers.json"), "--variant", "3").returncode == 1


def test_stress_reports_the_spread(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    code, out, err = symnn_here(capsys, "exercise", LECTURE, "--stress", "300", "--seed", "1")
    assert code == 0, err
    assert "300 draws" in out
    assert "gradients.w5" in out and "median" in out


def test_chinese_sheets_are_written(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    code, out, err = symnn_here(capsys, "exercise", "derivations/exercises/activation_derivative.toml",
                                "--variants", "3", "--seed", "2", "--out", str(tmp_path), "--lang", "zh")
    assert code == 0, err
    sheet = (tmp_path / "sheets.tex").read_text()
    assert "ctexart" in sheet and "保留" in sheet
    key = (tmp_path / "key.md").read_text()
    assert "答案" in key
    # xelatex with ctex (installed by .ci/run) compiles both documents
    for name in ("sheets.pdf", "key.pdf"):
        assert (tmp_path / name).read_bytes()[:5] == b"%PDF-", out + err


def test_chinese_network_key_compiles_with_xelatex(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    code, out, err = symnn_here(capsys, "exercise", LECTURE, "--variants", "2", "--seed", "7",
                                "--out", str(tmp_path), "--lang", "zh")
    assert code == 0, err
    key = (tmp_path / "key.tex").read_text()
    assert "误差" in key and "学习率" in key
    for name in ("sheets.pdf", "key.pdf"):
        assert (tmp_path / name).read_bytes()[:5] == b"%PDF-", out + err


@pytest.mark.parametrize(("args", "message"), [
    (["--seed", "1.5"], "--seed: expected a whole number"),
    (["--seed", "-3"], "--seed"),
    (["--variants", "0"], "--variants"),
    (["--variants", "1000000"], "over the limit"),
    (["--stress", "abc"], "--stress"),
])
def test_bad_options_give_one_line_and_exit_2(args, message, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    code, _, err = symnn_here(capsys, "exercise", LECTURE, "--out", str(tmp_path), "--no-pdf", *args)
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1


def test_bad_specs_give_one_line_and_exit_2(tmp_path, capsys):
    spec = tmp_path / "bad.toml"
    spec.write_text((ROOT / LECTURE).read_text() + "\n[randomize]\nw1 = { min = 0, max = 1, step = 0.3 }\n")
    code, _, err = symnn_here(capsys, "exercise", str(spec), "--out", str(tmp_path), "--no-pdf")
    assert code == 2 and "randomize.w1" in err and "does not divide" in err
    spec.write_text('title = "x"\n[exercise]\nkind = "activation_derivative"\n'
                    '[values]\nactivation = "sigmod"\n')
    code, _, err = symnn_here(capsys, "exercise", str(spec), "--out", str(tmp_path), "--no-pdf")
    assert code == 2 and "sigmoid" in err
    assert len(err.strip().splitlines()) == 1
    code, _, err = symnn_here(capsys, "exercise", str(tmp_path / "missing.toml"), "--no-pdf")
    assert code == 2 and "no such file" in err


def test_exercise_spec_errors_name_the_key_and_its_line(tmp_path, capsys):
    spec = tmp_path / "bad.toml"
    spec.write_text('[exercise]\nkind = "activation_derivative"\ndecimals = 40\n\n'
                    '[values]\nactivation = "sigmoid"\nx = 0.5\n', encoding="utf-8")
    code, _, err = symnn_here(capsys, "exercise", str(spec), "--variants", "2", "--out", str(tmp_path / "o"))
    assert code == 2
    assert "exercise.decimals (line 3)" in err and len(err.strip().splitlines()) == 1
    text = spec.read_text().replace("decimals = 40", "decimals = 4")
    spec.write_text(text.replace("x = 0.5", 'x = "half"'))
    code, _, err = symnn_here(capsys, "exercise", str(spec), "--variants", "2", "--out", str(tmp_path / "o"))
    assert code == 2 and "values.x (line 7)" in err
