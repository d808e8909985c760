"""The document printers: LaTeX that the real pdflatex compiles, Markdown, and the claims table."""

import re
import shutil
import subprocess

import pytest
import sympy

from symnn.core.derivation import Derivation, Rule, Step
from symnn.core.errors import SymnnError
from symnn.core.functions import Sigmoid
from symnn.document.blocks import Claim, Figure, Math, Paragraph, Section, Table, TikZ
from symnn.lecture.build import build_lecture, compile_latex, lecture_sections
from symnn.render.document import document_latex, document_markdown, inline_latex, write_figures


def small_figure(path):
    """A tiny matplotlib figure written as PDF and PNG (stands in for any figure maker)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from symnn.render.figures import save_figure

    figure, axes = plt.subplots(figsize=(2, 1.5))
    axes.plot([0, 1, 2], [0, 1, 4])
    save_figure(figure, path)


def small_section() -> Section:
    x = sympy.Symbol("x")
    f = 1 / (1 + sympy.exp(-x))
    derivation = Derivation(
        sympy.Derivative(Sigmoid(x), x),
        [Step(sympy.Derivative(f, x), Rule.DEFINITION),
         Step(sympy.exp(-x) / (1 + sympy.exp(-x)) ** 2, Rule.CHAIN_RULE),
         Step(Sigmoid(x) * (1 - Sigmoid(x)), Rule.ALGEBRA)],
        title="Derivative of the sigmoid", text="Start from $f(x) = 1/(1+e^{-x})$ & differentiate.")
    return Section(
        "A small section: 100% of the #1 cases_with_underscores",
        [Paragraph("Special characters & 50% of x_1 cost \\$5 and ~{braces}; σ ≈ 0.5 → ŷ, "
                   "with math $\\sigma(x) = \\frac{1}{1 + e^{-x}}$ inline."),
         Math(r"\sum_{i=1}^{n} w_i x_i \geq \theta"),
         derivation,
         Table(("$x$", "name_with_underscore", "value"), (("$0$", "a & b", "0.50"), ("$1$", "c % d", "0.73")),
               caption="A table with $math$ & text"),
         Figure("figures/small.pdf", "A small figure: $y = x^2$.", small_figure, width=r"0.4\linewidth"),
         TikZ(r"\draw[->] (0,0) -- (1,0) node[right] {$x$};", caption="An arrow",
              fallback=Table(("a",), (("arrow",),)))],
        claims=[Claim("$\\sigma(1)$", "0.73", 0.7310586, where="slide 5"),
                Claim("Error_total", "0.29", 0.2983711, where="worked example")],
        order=5)


def pdflatex(tex_path):
    """Compile with the real pdflatex; fail the test with the log's error lines."""
    result = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", tex_path.name],
                            cwd=tex_path.parent, capture_output=True, text=True, timeout=240)
    log = tex_path.with_suffix(".log").read_text(errors="replace")
    if result.returncode != 0:
        errors = [line for line in log.splitlines() if line.startswith("!") or re.match(r"l\.\d+", line)]
        pytest.fail("pdflatex failed:\n" + "\n".join(errors[:10]))
    return log


def test_pdflatex_is_on_path():
    assert shutil.which("pdflatex"), "the tests need a TeX engine (pdflatex)"


def test_small_document_compiles_with_pdflatex(tmp_path):
    section = small_section()
    written = write_figures([section], tmp_path)
    assert (tmp_path / "figures" / "small.pdf") in written and (tmp_path / "figures" / "small.png") in written
    tex = tmp_path / "small.tex"
    tex.write_text(document_latex([section]), encoding="utf-8")
    log = pdflatex(tex)
    assert "Output written on small.pdf" in log
    assert (tmp_path / "small.pdf").read_bytes()[:5] == b"%PDF-"
    assert "Unicode character" not in log


def test_latex_has_the_expected_structure():
    text = document_latex([small_section()])
    assert text.startswith(r"\documentclass")
    for package in ("amsmath", "amssymb", "graphicx", "booktabs", "tikz", "hyperref"):
        assert package in text
    assert r"\section{A small section: 100\% of the \#1 cases\_with\_underscores}" in text
    assert r"\begin{align*}" in text and r"\toprule" in text
    assert r"\includegraphics[width=0.4\linewidth]{figures/small.pdf}" in text
    assert r"\begin{tikzpicture}" in text
    assert "50\\% of x\\_1" in text and r"$\sigma(x) = \frac{1}{1 + e^{-x}}$" in text
    # the claims table: 0.73 is sigma(1) = 0.7311 rounded; 0.29 is not 0.2984 rounded
    claims = text[text.index("The lecture's numbers"):]
    rows = [line for line in claims.splitlines() if "& $0.73$" in line or "& $0.29$" in line]
    assert r"\checkmark" in rows[0] and r"\texttimes" in rows[1]
    assert "1 of 2" in claims


def test_markdown_has_math_tables_figures_and_claims():
    text = document_markdown([small_section()])
    assert text.startswith("# symnn")
    assert "## A small section" in text
    assert "$$\n\\sum_{i=1}^{n}" in text
    assert "| $x$ | name_with_underscore | value |" in text and "|---|---|---|" in text
    assert "![A small figure: $y = x^2$.](figures/small.png)" in text
    assert "| arrow |" in text  # the TikZ picture's fallback
    claims = text[text.index("## The lecture's numbers"):]
    assert re.search(r"\| 0\.73 \| 0\.731059 \| ✓ \|", claims)
    assert re.search(r"\| 0\.29 \| 0\.298371 \| ✗ \|", claims)


def test_inline_math_is_kept_and_text_escaped():
    assert inline_latex("a_b $a_b$ 5%") == r"a\_b $a_b$ 5\%"
    assert inline_latex("costs \\$5") == r"costs \$5"
    assert inline_latex("a lone $ sign") == r"a lone \$ sign"


def long_derivation(n: int) -> Derivation:
    x = sympy.symbols(f"x_1:{n + 1}")
    return Derivation(sum(x), [Step(sympy.Add(*reversed(x), evaluate=False), Rule.ALGEBRA)])


def test_long_derivation_rows_are_broken_never_shrunk():
    text = document_latex([Section("Long", [long_derivation(30)])])
    for command in (r"\resizebox", r"\scalebox", r"\small", r"\footnotesize", r"\scriptsize", r"\tiny"):
        assert command not in text
    align = text[text.index(r"\begin{align*}"):text.index(r"\end{align*}")]
    rows = align.split("\\\\")
    assert len(rows) >= 3  # thirty terms do not fit one row
    # every term is still there, once on each side
    assert sorted(int(n) for n in re.findall(r"x_\{(\d+)\}", align)) == sorted([*range(1, 31)] * 2)


def test_long_rows_do_not_overflow_the_page(tmp_path):
    # text that must wrap beside numbers and formulas that must not
    sentence = "a cell of running text that is much too long for one column of a table on the page"
    wide_table = Table(("name", "formula", "what it means", "value", "remark"),
                       tuple((f"$w_{{{i}}}$", r"$\frac{\partial Error}{\partial w_1} \cdot w_5 + x_1$",
                              sentence, f"${i}.25$", sentence) for i in range(3)))
    picture = TikZ(r"\draw (0,0) -- (15,0);", caption="A line 15 cm long")
    claims = [Claim("$\\partial f / \\partial w_{" + str(i) + "}$ of the long computation graph example",
                    "0.20", 0.196612, where="a rather long place in the lecture, slide 42") for i in range(3)]
    section = Section("Long section title of a topic with several words",
                      [*(long_derivation(n) for n in (7, 8, 9, 10, 11, 12, 30)), wide_table, picture],
                      claims=claims)
    tex = tmp_path / "long.tex"
    tex.write_text(document_latex([section]), encoding="utf-8")
    log = pdflatex(tex)
    assert "Overfull \\hbox" not in log


def test_bad_blocks_and_tables_name_the_section():
    with pytest.raises(SymnnError, match=r"section 'Broken'.*str"):
        document_latex([Section("Broken", ["just a string"])])
    with pytest.raises(SymnnError, match="row 1 has 1 cells, the header has 2"):
        document_latex([Section("Table", [Table(("a", "b"), (("1",),))])])


def test_failing_figure_names_its_section(tmp_path):
    def broken(path):
        raise ValueError("no data")

    with pytest.raises(SymnnError, match=r"section 'S': figure figures/f\.pdf failed: ValueError: no data"):
        write_figures([Section("S", [Figure("figures/f.pdf", "", broken)])], tmp_path)


def test_latex_error_quotes_the_log(tmp_path):
    tex = tmp_path / "broken.tex"
    tex.write_text("\\documentclass{article}\n\\begin{document}\n\\undefinedmacro\n\\end{document}\n")
    with pytest.raises(SymnnError, match=r"Undefined control sequence.*l\.3"):
        compile_latex(tex, timeout=120)


def test_build_with_own_sections_and_no_pdf(tmp_path):
    build = build_lecture(tmp_path / "out", pdf=False, sections=[small_section()])
    assert (tmp_path / "out" / "lecture.tex").exists() and (tmp_path / "out" / "lecture.md").exists()
    assert build.pdf is None and any("not compiled" in m for m in build.messages)
    assert [c.stated for _, c in build.claims] == ["0.73", "0.29"]


def test_unknown_characters_are_reported_and_still_compile(tmp_path):
    section = Section("Unicode", [Paragraph("Neuron 神经元 and ✓ and ∑.")])
    build = build_lecture(tmp_path, sections=[section])
    assert build.pdf is not None and build.pdf.exists()
    assert any("神" in m for m in build.messages)


def test_unwritable_out_dir_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(SymnnError, match=r"cannot write the lecture to .*file"):
        build_lecture(blocker / "build", pdf=False, sections=[])
    with pytest.raises(SymnnError, match="it is a file"):
        build_lecture(blocker, pdf=False, sections=[])


def make_package(root, name, modules):
    package = root / name
    package.mkdir()
    (package / "__init__.py").write_text("")
    for module, source in modules.items():
        (package / f"{module}.py").write_text(source)
    return name


SECTION = "import symnn\n\ndef section():\n    return symnn.Section({title!r}, order={order})\n"


def test_sections_are_collected_and_sorted_by_order(tmp_path, monkeypatch):
    name = make_package(tmp_path, "lecture_pkg_ok", {
        "later": SECTION.format(title="Later", order=20),
        "earlier": SECTION.format(title="Earlier", order=10),
        "helpers": "VALUE = 1\n",  # no section(): not a topic
    })
    monkeypatch.syspath_prepend(str(tmp_path))
    calls = []
    sections = lecture_sections(name, on_section=lambda *a: calls.append(a))
    assert [s.title for s in sections] == ["Earlier", "Later"]
    assert len(calls) == 3


@pytest.mark.parametrize(("source", "message"), [
    ("import no_such_module_anywhere\n", r"pkg_\w+/broken\.py cannot be imported: ModuleNotFoundError"),
    ("def section():\n    raise ValueError('step 3 is wrong')\n",
     r"pkg_\w+/broken\.py: section\(\) failed: ValueError: step 3 is wrong"),
    ("def section():\n    return 42\n", r"broken\.py: section\(\) returned int"),
])
def test_a_broken_topic_module_is_named(tmp_path, monkeypatch, source, message):
    name = make_package(tmp_path, "pkg_" + re.sub(r"\W", "_", tmp_path.name), {"broken": source})
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(SymnnError, match=message):
        lecture_sections(name)


def test_without_a_tex_engine_the_rest_is_written(tmp_path, monkeypatch):
    import symnn.lecture.build

    monkeypatch.setattr(symnn.lecture.build.shutil, "which", lambda name: None)
    build = build_lecture(tmp_path, sections=[Section("S", [Paragraph("text")])])
    assert build.pdf is None and not (tmp_path / "lecture.pdf").exists()
    assert (tmp_path / "lecture.tex").exists() and (tmp_path / "lecture.md").exists()
    assert any("no TeX engine" in m for m in build.messages)
