"""Hostile spec files: TeX injection through titles and names, and inputs that used to give tracebacks.

The attacks are compiled for real: by symnn (sheets and keys, ``backprop --latex``) and, to show
that the escaping alone suffices, by a plain ``pdflatex`` with TeX Live's default settings. The
truth is the secret's text, written by the test: it must never show in a PDF or a log.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import sympy

from symnn.core.console import PrintableStream, printable
from symnn.render.latex import escape_text, latex, math_literal, safe_math_name
from symnn.render.tex import TexError, compile_tex, tex_environment

ROOT = Path(__file__).resolve().parents[1]
LECTURE = str(ROOT / "derivations" / "backprop_lecture.toml")
SECRET = "TOPSECRET-7f3a9c"
INSIDE = "INSIDESECRET-b21e"


def symnn(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_COLOR="1", PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "symnn", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout)


def one_line_error(done: subprocess.CompletedProcess, *words: str) -> str:
    assert done.returncode == 2, (done.returncode, done.stderr[-2000:])
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def attack_spec(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A spec whose title and weight names try to read, write and run; (spec, out, marker)."""
    secret = tmp_path / "secret.tex"
    secret.write_text(SECRET + "\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / "inside.tex").write_text(INSIDE + "\n")  # TeX's paranoid mode allows reading here
    marker = tmp_path / "MARKER"
    stem = str(secret.with_suffix(""))
    title = (rf"Quiz $\input{{{stem}}}$ \input{{inside}} \immediate\openout5=pwned.tex "
             rf"\immediate\write5{{x}}\immediate\closeout5 \write18{{touch {marker}}} "
             rf"\immediate\write18{{touch {marker}}} ^^5cinput{{{stem}}} \csname input\endcsname{{inside}} "
             r"% # ~ & _ { } $x^^5c$ <script>alert(1)</script>")
    w1, w6 = f"w^^5cinput{{{stem}}}", "w^^5cinput{inside}"
    spec = tmp_path / "attack.toml"
    spec.write_text(f"""title = '{title}'
[network]
inputs = ["x1", "x2"]
loss = "half_sse"
[[network.layers]]
units = ["h1", "h2"]
activation = "sigmoid"
weights = {{ h1 = {{ x1 = "{w1}", x2 = "w3" }}, h2 = {{ x1 = "w2", x2 = "w4" }} }}
[[network.layers]]
units = ["o1"]
activation = "sigmoid"
weights = {{ o1 = {{ h1 = "w5<i>", h2 = "{w6}" }} }}
[values]
x1 = 0.5
x2 = 0.3
"{w1}" = 0.2
w2 = -0.4
w3 = 0.5
w4 = 0.6
"w5<i>" = 0.1
"{w6}" = -0.5
[targets]
o1 = 0.23
""", encoding="utf-8")
    return spec, out, marker


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def assert_harmless(folder: Path, tmp_path: Path, marker: Path) -> None:
    """No secret in any PDF or log under ``folder``; nothing written by TeX; nothing run."""
    for path in folder.rglob("*"):
        if path.suffix == ".pdf":
            text = pdf_text(path)
            assert SECRET not in text and INSIDE not in text, path
            assert "Quiz" in text or "w5" in text or "x" in text  # the document itself is there
        if path.suffix == ".log":
            log = path.read_text(errors="replace")
            assert SECRET not in log and INSIDE not in log, path
            assert "secret" not in log.lower() or "Not reading" not in log
    assert not list(tmp_path.rglob("pwned*")), "\\openout wrote a file"
    assert not marker.exists(), "\\write18 ran a command"


def plain_pdflatex(tex: Path) -> None:
    """Compile ``tex`` with TeX Live's defaults (no symnn hardening) in its folder."""
    env = {k: v for k, v in os.environ.items() if k not in ("openin_any", "openout_any", "shell_escape")}
    done = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", tex.name],
                          cwd=tex.parent, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:]


def test_exercise_sheets_and_keys_resist_injection(tmp_path):
    spec, out, marker = attack_spec(tmp_path)
    done = symnn("exercise", str(spec), "--variants", "2", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert {"sheets.pdf", "key.pdf"} <= set(os.listdir(out))
    for name in ("sheets.tex", "key.tex"):
        text = (out / name).read_text()
        assert "^^" not in text and "\\input{" not in text and "\\write18" not in text
        assert "\\openout" not in text and "\\csname" not in text
    assert_harmless(out, tmp_path, marker)
    assert r"\input{inside}" in pdf_text(out / "sheets.pdf")  # the title is printed as written
    # the escaping alone suffices: the same .tex under TeX Live's default, unrestricted settings
    plain = tmp_path / "plain"
    shutil.copytree(out, plain)
    for name in ("sheets.tex", "key.tex"):
        plain_pdflatex(plain / name)
    assert_harmless(plain, tmp_path, marker)
    # Moodle: the title is text in the HTML, never markup
    for element in ET.parse(out / "moodle.xml").iter("text"):
        assert "<script" not in (element.text or "") and "<i>" not in (element.text or "")
    assert html.escape("<script>", quote=False) in (out / "moodle.xml").read_text().replace("&amp;", "&")


def test_backprop_latex_resists_injection(tmp_path):
    spec, out, marker = attack_spec(tmp_path)
    tex = out / "backprop.tex"
    done = symnn("backprop", str(spec), "--latex", str(tex))
    assert done.returncode == 0, done.stderr
    text = tex.read_text()
    assert "^^" not in text and "\\input{" not in text and "\\write18" not in text
    plain_pdflatex(tex)
    assert_harmless(out, tmp_path, marker)
    compiled = compile_tex(text, out, "backprop")
    (out / "hardened.pdf").write_bytes(compiled.pdf)
    assert_harmless(out, tmp_path, marker)


def test_the_compile_helper_confines_tex(tmp_path, monkeypatch):
    """Even a hand-written document cannot read outside its folder, write outside it, or run commands."""
    secret = tmp_path / "secret.tex"
    secret.write_text(SECRET)
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.log").write_text("mine")
    marker = tmp_path / "MARKER"
    monkeypatch.setenv("TEXMFOUTPUT", str(tmp_path))
    env = tex_environment()
    assert (env["openin_any"], env["openout_any"], env["shell_escape"]) == ("p", "p", "f")
    assert "TEXMFOUTPUT" not in env
    source = ("\\documentclass{article}\\begin{document}x"
              f"\\immediate\\write18{{touch {marker}}}"
              "\\immediate\\openout6=pwned-here.tex \\immediate\\write6{x}\\immediate\\closeout6 "
              "\\end{document}\n")
    compiled = compile_tex(source, out, "doc")
    assert compiled.pdf.startswith(b"%PDF") and compiled.pages == 1
    assert not marker.exists() and not list(tmp_path.rglob("pwned*"))
    assert sorted(os.listdir(out)) == ["notes.log"]  # the work folder is gone, the user's log kept
    outside = ("\\documentclass{article}\\begin{document}x"
               f"\\immediate\\openout5={tmp_path}/pwned.tex \\immediate\\write5{{x}}\\immediate\\closeout5 "
               "\\end{document}\n")
    with pytest.raises(TexError, match="can't write on file"):
        compile_tex(outside, out, "doc")
    assert not list(tmp_path.rglob("pwned*"))
    with pytest.raises(TexError) as caught:
        compile_tex(f"\\documentclass{{article}}\\begin{{document}}\\input{{{secret}}}\\end{{document}}\n",
                    out, "doc")
    assert "LaTeX failed" in str(caught.value) and SECRET not in str(caught.value)
    with pytest.raises(TexError, match=r"Undefined control sequence.*l\.1"):
        compile_tex("\\documentclass{article}\\begin{document}\\nosuchmacro\\end{document}\n", out, "doc")
    with pytest.raises(TexError, match="did not finish"):
        compile_tex("\\documentclass{article}\\begin{document}\\def\\a{\\a}\\a\\end{document}\n", out, "doc",
                    timeout=3)
    assert sorted(os.listdir(out)) == ["notes.log"]


def test_text_escaping_leaves_no_command():
    hostile = "\\input{x} ^^5c $a$ % # ~ & _ { } \x1b[2K\x00 end"
    escaped = escape_text(hostile)
    assert "^^" not in escaped and "\x1b" not in escaped and "\x00" not in escaped
    # every backslash starts one of the escapes, never a word of the input
    commands = {re.match(r"[A-Za-z]+|.", part).group() for part in escaped.split("\\")[1:]}
    assert commands <= {"textbackslash", "textasciicircum", "textasciitilde", "$", "%", "#", "&", "_",
                        "{", "}"}, commands
    for name in ("w^^5cinput{/etc/hostname}", "a\\b", "a$b", "a}{b", "w^", "x\x1b"):
        assert not safe_math_name(name), name
        printed = latex(sympy.Symbol(name))
        assert printed == math_literal(name) and "^^" not in printed
    for name in ("w_{11}", "w_5^+", "h1", "alpha_1", "β"):
        assert safe_math_name(name), name
    assert "^^" not in latex(sympy.Symbol("w^") ** 2)


def test_terminal_output_shows_control_characters(capsys):
    assert printable("ok\x1b[2K\rarithmetic\x9b\u202e") == "ok\\u001b[2K\\u000darithmetic\\u009b\\u202e"
    assert printable("a\r\nb\tc") == "a\nb\tc"
    stream = PrintableStream(sys.stdout)
    stream.write("\x1b[32mok\x1b[0m \x1b]0;title\x07\n")
    assert capsys.readouterr().out == "\x1b[32mok\x1b[0m \\u001b]0;title\\u0007\n"


def test_hostile_text_in_a_report_and_an_error_is_shown_not_obeyed(tmp_path):
    solution = tmp_path / "solution.md"
    solution.write_text("h_1 = 0.56\x1b[2K\x1b[1A arithmetic\n", encoding="utf-8")
    done = symnn("check", str(solution), timeout=120)
    assert "\x1b" not in done.stdout and "\\u001b" in done.stdout
    json_done = symnn("check", str(solution), "--json", timeout=120)
    json.loads(json_done.stdout)
    spec = tmp_path / "bad\x1b[2K.toml"
    one_line_error(symnn("backprop", str(spec)), "\\u001b[2K")


# --- one-line errors instead of tracebacks ----------------------------------------------------------

def answers_file(tmp_path: Path, number: str) -> Path:
    path = tmp_path / "answers.json"
    variants = f'[{{"index": 1, "values": {{"w1": {number}}}, "targets": {{}}}}]'
    path.write_text(f'{{"spec": {json.dumps(LECTURE)}, "variants": {variants}}}')
    return path


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_non_finite_numbers_in_answers(tmp_path, number):
    solution = tmp_path / "s.md"
    solution.write_text("E = 0.2\n")
    done = symnn("check", str(solution), "--answers", str(answers_file(tmp_path, number)), "--variant", "1",
                 timeout=120)
    one_line_error(done, "answers.json", "not a readable answers file")


@pytest.mark.parametrize("value", ["nan", "inf", "-1", "1e9"])
def test_timeout_is_validated(tmp_path, value):
    solution = tmp_path / "s.md"
    solution.write_text("E = 0.2\n")
    done = symnn("check", str(solution), "--timeout", value, timeout=120)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "--timeout" in done.stderr.strip().splitlines()[-1]


def test_huge_bound_in_randomize(tmp_path):
    spec = tmp_path / "rnd.toml"
    spec.write_text('[exercise]\nkind = "activation_derivative"\n[values]\nactivation = "sigmoid"\nx = 0.5\n'
                    '[randomize]\nx = { min = 0, max = "1e999999999", step = 0.1 }\n')
    one_line_error(symnn("exercise", str(spec), "--no-pdf", "--out", str(tmp_path / "out"), timeout=60),
                   "randomize.x.max", "out of bounds")


def test_deeply_nested_toml(tmp_path):
    spec = tmp_path / "deep.toml"
    spec.write_text("a = " + "[" * 100_000 + "]" * 100_000 + "\n")
    for command in ("backprop", "exercise"):
        one_line_error(symnn(command, str(spec), timeout=60), "nested too deeply")
    solution = tmp_path / "s.md"
    solution.write_text("E = 0.2\n")
    one_line_error(symnn("check", str(solution), "--spec", str(spec), timeout=60), "nested too deeply")


# --- documented limits --------------------------------------------------------------------------------

def wide_spec(units: int, inputs: int = 2) -> str:
    names = [f"x{i}" for i in range(inputs)]
    hidden = [f"h{j}" for j in range(units)]
    weights = ", ".join(f"h{j} = {{ " + ", ".join(f'{x} = "w{j}_{i}"' for i, x in enumerate(names)) + " }"
                        for j in range(units))
    values = "\n".join([f"{x} = 0.5" for x in names]
                       + [f"w{j}_{i} = 0.1" for j in range(units) for i in range(inputs)] + ["v = 0.2"])
    return (f'[network]\ninputs = {json.dumps(names)}\nloss = "half_sse"\n[[network.layers]]\n'
            f'units = {json.dumps(hidden)}\nactivation = "sigmoid"\nweights = {{ {weights} }}\n'
            f'[[network.layers]]\nunits = ["o"]\nactivation = "sigmoid"\n'
            f'weights = {{ o = {{ h0 = "v" }} }}\n[values]\n{values}\n[targets]\no = 0.5\n')


def test_spec_size_limits():
    import time

    from symnn.core.errors import SpecError
    from symnn.models.spec import MAX_UNITS, parse_spec

    spec = parse_spec(wide_spec(MAX_UNITS - 1))  # MAX_UNITS - 1 hidden units and one output
    assert sum(len(layer.units) for layer in spec.layers) == MAX_UNITS
    message = rf"{MAX_UNITS + 1} units in the layers, over the limit of {MAX_UNITS}"
    with pytest.raises(SpecError, match=message):
        parse_spec(wide_spec(MAX_UNITS))
    started = time.perf_counter()
    with pytest.raises(SpecError, match="over the limit"):
        parse_spec(wide_spec(1000))
    assert time.perf_counter() - started < 5


def test_variant_and_output_limits(tmp_path):
    from symnn.core.errors import SymnnError
    from symnn.core.files import OutputFolder

    done = symnn("exercise", LECTURE, "--variants", "1001", "--no-pdf", "--out", str(tmp_path / "out"),
                 timeout=120)
    one_line_error(done, "--variants", "limit of 1000")
    folder = OutputFolder(tmp_path / "small")
    folder.limit = 10
    folder.add("a.txt", "12345")
    with pytest.raises(SymnnError, match="over 10 bytes"):
        folder.add("b.txt", "123456")
    assert os.listdir(tmp_path / "small") == []


def test_huge_numbers_in_graph_and_at_are_bounded():
    one_line_error(symnn("graph", "x^(10^10^10)", "--at", "x=1", timeout=60))
    one_line_error(symnn("graph", "x", "--at", "x=1e99999999", timeout=60), "outside the range")
