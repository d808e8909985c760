"""``symnn backprop`` end to end: the report, the JSON numbers, LaTeX that compiles, one-line errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from symnn.cli import main
from symnn.testing import strict_json

ROOT = Path(__file__).resolve().parents[1]
LECTURE = ROOT / "derivations" / "backprop_lecture.toml"
MAZUR = ROOT / "derivations" / "specs" / "mazur.toml"


def run_json(capsys, *args) -> dict:
    assert main(["backprop", *map(str, args), "--json"]) == 0
    out = capsys.readouterr().out
    return strict_json(out)


def test_lecture_json(capsys):
    data = run_json(capsys, LECTURE)
    assert {"forward", "preactivation", "loss", "gradients", "updated", "history"} <= set(data)
    assert data["loss"] == pytest.approx(0.2097097937, abs=1e-10)
    assert data["gradients"]["w5"] == pytest.approx(0.0346329893, abs=1e-10)
    assert data["gradients"]["w1"] == pytest.approx(-0.0084214805, abs=1e-10)
    assert data["forward"] == pytest.approx({"h1": 0.5621765009, "h2": 0.4950001667,
                                             "o1": 0.4769457586, "o2": 0.5286964003}, abs=1e-10)
    assert data["preactivation"]["h1"] == pytest.approx(0.25)
    assert data["updated"]["w5"] == pytest.approx(0.1 - 0.0346329893, abs=1e-10)
    assert data["history"] == [data["loss"]]


def test_mazur_json_and_steps(capsys):
    data = run_json(capsys, MAZUR, "--steps", "3")
    assert data["loss"] == pytest.approx(0.298371109, abs=1e-9)
    assert len(data["history"]) == 3 and data["history"][0] == data["loss"]
    assert data["history"][2] < data["history"][1] < data["history"][0]
    assert data["updated"]["b1"] == 0.35  # frozen
    one = run_json(capsys, MAZUR)
    assert one["updated"]["w5"] == pytest.approx(0.35891648, abs=1e-8)
    assert one["updated"]["w1"] == pytest.approx(0.149780716, abs=1e-9)


def test_report_shows_forward_loss_deltas_chain_rule_and_update(capsys):
    assert main(["backprop", str(LECTURE)]) == 0
    out = capsys.readouterr().out
    for text in ("Forward pass", "Sigmoid(0.2500)", "≈ 0.5622", "Error", "≈ 0.2097",
                 "dError/do1*do1/dIn_o1*dIn_o1/dw5", "(o1 - y_o1)*o1*(1 - o1)*h1",
                 "(dError/do1*do1/dIn_o1*w5 + dError/do2*do2/dIn_o2*w6)*dh1/dIn_h1*dIn_h1/dw1",
                 "≈ -0.008421", "w5 - eta*dError/dw5", "0.1 - 1*0.03463"):
        assert text in out, text


GREEK = """
[network]
inputs = ["ξ"]
loss = "mse"
[[network.layers]]
units = ["net_h1"]
activation = "tanh"
weights = { net_h1 = { "ξ" = "w_{11}" } }
bias = { net_h1 = "β" }
[values]
"ξ" = 0.5
"w_{11}" = -1.5
"β" = 0.25
[targets]
net_h1 = 0.1
"""


def compile_latex(path: Path) -> None:
    result = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", path.name],
                            cwd=path.parent, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-2000:]
    assert path.with_suffix(".pdf").stat().st_size > 1000


def test_latex_compiles_and_markdown_is_written(tmp_path, capsys):
    tex = tmp_path / "backprop.tex"
    md = tmp_path / "backprop.md"
    assert main(["backprop", str(MAZUR), "--steps", "2", "--latex", str(tex), "--md", str(md)]) == 0
    capsys.readouterr()
    text = tex.read_text()
    assert text.startswith("\\documentclass") and "\\frac{\\partial Error}" in text
    compile_latex(tex)
    assert "$$" in md.read_text() and "## Deltas" in md.read_text()
    body = tmp_path / "body.txt"
    assert main(["backprop", str(LECTURE), "--latex", str(body)]) == 0
    assert not body.read_text().startswith("\\documentclass")


def test_greek_and_braced_names_compile(tmp_path, capsys):
    spec = tmp_path / "greek.toml"
    spec.write_text(GREEK, encoding="utf-8")
    tex = tmp_path / "greek.tex"
    assert main(["backprop", str(spec), "--latex", str(tex)]) == 0
    assert "β" in capsys.readouterr().out
    text = tex.read_text()
    assert "\\ensuremath{\\beta}" in text and "β" not in text
    compile_latex(tex)


def bad_cli(tmp_path, text: str, *extra: str) -> subprocess.CompletedProcess:
    spec = tmp_path / "broken.toml"
    spec.write_text(text)
    return subprocess.run([sys.executable, "-m", "symnn", "backprop", str(spec), *extra],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


@pytest.mark.parametrize("old,new,key", [
    ('h1 = { x1 = "w1"', 'h1 = { x9 = "w1"', "network.layers[0].weights.h1.x9"),
    ("w8 = 0.8\n", "", "values"),
    ("w5 = 0.1", 'w5 = "a lot"', "values.w5"),
    ('units = ["o1", "o2"]', 'units = ["o1", "o1"]', "network.layers[1].units"),
    ('h1 = { x1 = "w1", x2 = "w3" }', 'h1 = { x1 = "w1", o2 = "w3" }', "network.layers[0].weights.h1.o2"),
    ("w5 = 0.1", "w5 = 0.1 0.2", "line"),
])
def test_bad_specs_exit_2_with_one_line(tmp_path, old, new, key):
    text = LECTURE.read_text()
    assert old in text
    result = bad_cli(tmp_path, text.replace(old, new, 1))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "broken.toml" in lines[0] and key in lines[0]
    assert "Traceback" not in result.stderr


def test_bad_options_and_missing_file(tmp_path):
    result = bad_cli(tmp_path, LECTURE.read_text(), "--steps", "-1")
    assert result.returncode == 2 and "--steps" in result.stderr
    missing = subprocess.run([sys.executable, "-m", "symnn", "backprop", "nowhere.toml"],
                             capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert missing.returncode == 2 and "nowhere.toml" in missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1
