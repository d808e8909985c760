"""`symnn lecture` end to end, in a subprocess as a user runs it."""

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def symnn(*args, timeout=600):
    env = dict(os.environ, NO_COLOR="1")
    env.pop("FORCE_COLOR", None)
    return subprocess.run([sys.executable, "-m", "symnn", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)


def count_page_objects(pdf: Path) -> int:
    """The /Type /Page objects of a PDF, those in compressed object streams included."""
    data = pdf.read_bytes()
    chunks = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        with contextlib.suppress(zlib.error):
            chunks.append(zlib.decompress(match.group(1)))
    return sum(len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", chunk)) for chunk in chunks)


def count_pages(pdf: Path) -> int:
    """Pages of a PDF: pdfinfo when installed, else counted page objects."""
    if shutil.which("pdfinfo"):
        output = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        return int(re.search(r"^Pages:\s+(\d+)", output, re.M).group(1))
    return count_page_objects(pdf)


@pytest.fixture(scope="module")
def lecture(tmp_path_factory):
    """The whole lecture, built once in a subprocess (the JSON report, then the files, are checked)."""
    out = tmp_path_factory.mktemp("lecture") / "build"
    result = symnn("lecture", "--out", str(out), "--json")
    assert result.returncode == 0, result.stderr
    return out, json.loads(result.stdout)


def test_lecture_builds_a_pdf_with_several_pages(lecture):
    out, report = lecture
    pdf = out / "lecture.pdf"
    assert report["pdf"] == str(pdf)
    assert pdf.read_bytes()[:5] == b"%PDF-"
    assert count_pages(pdf) > 1
    for path in report["files"]:
        assert Path(path).exists()


def test_lecture_writes_markdown_and_latex(lecture):
    out, report = lecture
    markdown = (out / "lecture.md").read_text(encoding="utf-8")
    latex = (out / "lecture.tex").read_text(encoding="utf-8")
    assert markdown.startswith("# symnn")
    assert "The MCP neuron and the perceptron" in report["sections"]
    assert "## The MCP neuron and the perceptron" in markdown
    assert r"\section{The MCP neuron and the perceptron}" in latex
    assert latex.rstrip().endswith(r"\end{document}")
    # every figure the Markdown shows exists
    for image in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", markdown):
        assert (out / image).exists(), image


def test_claims_in_the_report_are_those_of_the_document(lecture):
    out, report = lecture
    markdown = (out / "lecture.md").read_text(encoding="utf-8")
    for claim in report["claims"]:
        assert set(claim) >= {"quantity", "stated", "exact", "right"}
        mark = "✓" if claim["right"] else "✗"
        stated, exact = (claim[key].replace("-", "−") for key in ("stated",
            "exact_shown"))  # true minus signs
        assert f"| {stated} | {exact} | {mark} |" in markdown


def test_page_counter_agrees_with_pdflatex_log(lecture):
    out, _ = lecture
    log = (out / "lecture.log").read_text(errors="replace")
    pages = int(re.search(r"Output written on .*?\((\d+) pages?", log).group(1))
    assert count_page_objects(out / "lecture.pdf") == pages
    assert count_pages(out / "lecture.pdf") == pages


def test_report_lists_files_and_ends_with_the_claims_table(tmp_path, monkeypatch, capsys):
    # the human report, in-process on a small section of our own (fast, independent of the topics)
    from symnn import cli
    from symnn.document.blocks import Claim, Paragraph, Section
    from symnn.lecture import build as lecture

    section = Section("Small", [Paragraph("text")],
                      claims=[Claim("$\\sigma(1)$", "0.73", 0.7310586, where="slide 5"),
                              Claim("$E$", "0.29", 0.2983711, where="slide 9")])
    monkeypatch.setattr(lecture, "lecture_sections", lambda **_: [section])
    monkeypatch.setenv("NO_COLOR", "1")
    assert cli.main(["lecture", "--out", str(tmp_path / "b"), "--no-pdf"]) == 0
    output = capsys.readouterr().out
    assert f"wrote {tmp_path / 'b' / 'lecture.tex'}" in output and "note: PDF not compiled" in output
    lines = output.splitlines()
    assert re.search(r"σ\(1\)\s+slide 5\s+0\.73\s+0\.731059\s+✓ yes", output)
    assert re.search(r"E\s+slide 9\s+0\.29\s+0\.298371\s+✗ no", output)
    assert lines[-1].strip() == "1 of 2 figures of the lecture are right at the digits shown."
    assert "\x1b[" not in output


@pytest.mark.parametrize("where", ["under-a-file", "a-file"])
def test_unwritable_out_exits_2_with_one_line(tmp_path, where):
    blocker = tmp_path / "plain-file"
    blocker.write_text("not a folder")
    out = blocker / "build" if where == "under-a-file" else blocker
    result = symnn("lecture", "--out", str(out), "--no-pdf", timeout=120)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("symnn lecture: error: cannot write the lecture to")
    assert str(blocker) in lines[0]
