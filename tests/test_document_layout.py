"""The documents an instructor hands out: nothing runs off the page, nothing is shrunk, nothing is tiny.

One build of the lecture per language (module-scoped) and one compilation of ``symnn backprop --latex``
per shipped spec serve every test here. The truths are TeX's own log (an overfull box is text
past the margin) and the PDF's words as ``pdftotext -bbox-layout`` measures them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from symnn.testing.layout import SMALLEST_TYPE, overfull, shrinking, type_sizes

ROOT = Path(__file__).resolve().parents[1]
SPECS = [ROOT / "derivations" / "backprop_lecture.toml",
         *sorted((ROOT / "derivations" / "specs").glob("*.toml"))]




def _env() -> dict:
    return dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))


def _symnn(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "symnn", *args], cwd=ROOT, env=env or _env(),
                          capture_output=True, text=True, timeout=900, check=False)


@pytest.fixture(scope="module", params=["en", "zh"])
def lecture(request, tmp_path_factory) -> tuple[str, Path]:
    lang = request.param
    out = tmp_path_factory.mktemp(f"lecture-{lang}")
    done = _symnn("lecture", "--lang", lang, "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert (out / "lecture.pdf").exists(), done.stdout
    return lang, out


@pytest.fixture(scope="module")
def backprop_documents(tmp_path_factory) -> list[Path]:
    out = tmp_path_factory.mktemp("backprop")
    pdfs = []
    for spec in SPECS:
        tex = out / f"{spec.stem}.tex"
        done = _symnn("backprop", str(spec), "--latex", str(tex))
        assert done.returncode == 0, done.stderr
        compiled = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", tex.name],
                                  cwd=out, capture_output=True, text=True, timeout=300, check=False)
        assert compiled.returncode == 0, compiled.stdout[-2000:]
        pdfs.append(tex.with_suffix(".pdf"))
    return pdfs


def test_the_lecture_runs_off_no_page_and_shrinks_nothing(lecture):
    lang, out = lecture
    assert overfull(out / "lecture.log") == [], f"{lang}: lines wider than the page"
    assert shrinking(out / "lecture.tex") == [], f"{lang}: mathematics set smaller"


def test_the_lecture_has_no_type_smaller_than_8_pt(lecture):
    lang, out = lecture
    smallest = type_sizes(out / "lecture.pdf")[:5]
    assert smallest[0][0] >= SMALLEST_TYPE - 0.05, f"{lang}: smallest words {smallest}"


def test_backprop_latex_of_every_shipped_spec_fits_the_page(backprop_documents):
    for pdf in backprop_documents:
        assert overfull(pdf.with_suffix(".log")) == [], pdf.name
        assert shrinking(pdf.with_suffix(".tex")) == [], pdf.name
        smallest = type_sizes(pdf)[:5]
        assert smallest[0][0] >= SMALLEST_TYPE - 0.05, f"{pdf.name}: smallest words {smallest}"


def test_each_edition_is_in_its_language(lecture):
    lang, out = lecture
    text = (out / "lecture.tex").read_text(encoding="utf-8")
    headings = re.findall(r"\\(?:sub)?section\*?\{([^}]*)\}", text)
    if lang == "en":
        assert r"\documentclass[11pt]{article}" in text
        assert "Backpropagation: the worked example" in headings
        assert not re.search(r"[\u4e00-\u9fff]", text)
        return
    assert r"\documentclass[11pt,UTF8,fontset=fandol]{ctexart}" in text
    for term in ("激活函数", "反向传播", "损失函数", "梯度下降", "感知机", "学习率"):
        assert term in text, term
    # headings are Chinese; English words survive only in names and formulas
    english = [h for h in headings if re.search(r"\b(the|of|and|with|from)\b", h)]
    assert english == []
    markdown = (out / "lecture.md").read_text(encoding="utf-8")
    assert markdown.startswith("# symnn——")


def _path_without_dot(folder: Path) -> str:
    """A PATH with every program of this one except Graphviz's ``dot``."""
    folder.mkdir()
    for directory in os.environ.get("PATH", "").split(os.pathsep):
        if not os.path.isdir(directory):
            continue
        for entry in os.scandir(directory):
            target = folder / entry.name
            if entry.name != "dot" and not target.exists() and os.access(entry.path, os.X_OK):
                target.symlink_to(entry.path)
    return str(folder)


@pytest.mark.parametrize(("lang", "pdf"), [("en", True), ("zh", False)])
def test_without_graphviz_the_lecture_is_written_and_says_what_it_left_out(lang, pdf, tmp_path):
    """A PATH without ``dot``: .tex, .md (and the PDF) are written, and one line names the pictures left out.

    (The Chinese run skips the TeX pass only to save time; its PDF is compiled in the tests above.)
    """
    env = dict(_env(), PATH=_path_without_dot(tmp_path / "bin"))
    assert shutil.which("dot", path=env["PATH"]) is None
    out = tmp_path / "out"
    done = _symnn("lecture", "--lang", lang, "--out", str(out), *([] if pdf else ["--no-pdf"]), env=env)
    assert done.returncode == 0, done.stderr
    assert (out / "lecture.pdf").exists() == pdf
    notes = [line for line in done.stdout.splitlines() if line.startswith("note: left out")]
    assert len(notes) == 1 and "circuit.png" in notes[0] and "dot" in notes[0]
    assert (out / "lecture.tex").exists() and (out / "lecture.md").exists()
    assert not (out / "circuit.png").exists()
    markdown = (out / "lecture.md").read_text(encoding="utf-8")
    assert "](circuit.png)" not in markdown
