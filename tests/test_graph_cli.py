"""``symnn graph`` end to end, and the circuit pictures: TikZ through pdflatex, PNG/SVG through dot.

Numbers are checked against the closed form of the lecture's function computed here
with the standard library (sigma(z)(1 - sigma(z)) times the other input), never
against what the command printed before.
"""

from __future__ import annotations

import math
import subprocess
import sys

import sympy

import symnn
from symnn.cli import main
from symnn.render.circuit import circuit_dot, circuit_markdown, circuit_tikz_document, write_circuit
from symnn.testing import strict_json

EXPR = "1/(1+exp(-(w0*x0+w1*x1+w2)))"
LATEX = r"\frac{1}{1+e^{-(w_0x_0+w_1x_1+w_2)}}"
AT = "w0=2,x0=-1,w1=-3,x1=-2,w2=-3"

SIGMA = 1 / (1 + math.exp(-1.0))  # z = 2*(-1) + (-3)*(-2) - 3 = 1
DSIGMA = SIGMA * (1 - SIGMA)
TRUTH = {"w0": -1 * DSIGMA, "x0": 2 * DSIGMA, "w1": -2 * DSIGMA, "x1": -3 * DSIGMA, "w2": DSIGMA}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["graph", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_shape_and_values(capsys):
    code, out, err = run(capsys, EXPR, "--at", AT, "--json")
    assert code == 0 and err == ""
    data = strict_json(out)  # exactly one object: json.loads refuses trailing text
    assert isinstance(data, dict)
    assert abs(data["value"] - SIGMA) < 1e-15
    assert set(data["gradients"]) == set(TRUTH)
    for name, value in TRUTH.items():
        assert abs(data["gradients"][name] - value) < 1e-15, name
    nodes = data["nodes"]
    seen = set()
    for node in nodes:
        assert {"id", "gate", "inputs", "value", "gradient"} <= set(node)
        assert set(node["inputs"]) <= seen  # forward order
        seen.add(node["id"])
    assert [n["gate"] for n in nodes if n["gate"] != "input"] == [
        "*", "*", "+", "+", "*(-1)", "exp", "+1", "1/x"]
    by_gate = {n["gate"]: n for n in nodes}
    assert abs(by_gate["exp"]["value"] - math.exp(-1)) < 1e-15
    assert abs(by_gate["+1"]["gradient"] + 1 / (1 + math.exp(-1)) ** 2) < 1e-15
    assert nodes[-1]["gradient"] == 1.0


def test_latex_input_gives_the_same_circuit(capsys):
    _, plain, _ = run(capsys, EXPR, "--at", AT, "--json")
    _, tex, _ = run(capsys, LATEX, "--at", AT, "--json")
    assert strict_json(plain)["gradients"] == strict_json(tex)["gradients"]


def test_fused_sigmoid(capsys):
    code, out, _ = run(capsys, EXPR, "--at", AT, "--json", "--fuse-sigmoid")
    data = strict_json(out)
    assert code == 0 and [n["gate"] for n in data["nodes"]][-1] == "sigmoid"
    assert abs(data["nodes"][-1]["local"][0] - DSIGMA) < 1e-15
    assert abs(data["gradients"]["x1"] - TRUTH["x1"]) < 1e-15


def test_default_table(capsys):
    code, out, err = run(capsys, EXPR, "--at", AT)
    assert code == 0 and err == ""
    assert "1/x" in out and "exp" in out
    for name, value in TRUTH.items():
        assert f"df/d{name} = {value:.4f}" in out


def test_nary_sum(capsys):
    _, out, _ = run(capsys, EXPR, "--at", AT, "--json", "--nary")
    gates = [n["gate"] for n in strict_json(out)["nodes"] if n["gate"] != "input"]
    assert gates == ["*", "*", "+", "*(-1)", "exp", "+1", "1/x"]


def expect_failure(capsys, *argv: str, words: tuple[str, ...] = ()) -> str:
    code, out, err = run(capsys, *argv)
    assert code == 2, (argv, out, err)
    assert out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    for word in words:
        assert word in err, (word, err)
    return err


def test_bad_input_is_one_line_and_exit_2(capsys, tmp_path):
    expect_failure(capsys, EXPR, "--at", "w0=2,x0=-1,w1=-3,x1=-2", words=("w2",))
    expect_failure(capsys, EXPR, "--at", AT + ",x11=1", words=("x11", "x1"))
    expect_failure(capsys, EXPR, "--at", "w0=2,x0=two,w1=-3,x1=-2,w2=-3", words=("x0", "number"))
    expect_failure(capsys, EXPR, "--at", "w0=2,x0", words=("position",))
    expect_failure(capsys, "2*(3+", words=("position",))
    expect_failure(capsys, "w0 * * x0", "--at", "w0=1,x0=1", words=("position",))
    expect_failure(capsys, EXPR, words=("--at",))
    expect_failure(capsys, "log(x)", "--at", "x=-1", words=("log",))
    expect_failure(capsys, "1/x", "--at", "x=0", words=("1/x",))
    expect_failure(capsys, "exp(exp(exp(x)))", "--at", "x=10", words=("too large",))
    expect_failure(capsys, "x*y", "--at", "x=1,y=2", "--png", str(tmp_path / "missing" / "c.png"))


def test_unclosed_bracket_at_the_end_is_read_as_closed_with_a_note(capsys):
    code, out, err = run(capsys, "1/(1+exp(-(w0*x0+w1*x1+w2)", "--at", AT, "--json")
    assert code == 0 and "never closed" in err
    assert abs(strict_json(out)["gradients"]["x1"] - TRUTH["x1"]) < 1e-15


def test_command_line_end_to_end():
    done = subprocess.run([sys.executable, "-m", "symnn", "graph", "exp(x) +", "--at", "x=1"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("symnn graph: error:") and done.stderr.count("\n") == 1


# -- pictures ---------------------------------------------------------------------------------

def lecture_circuit(**options) -> symnn.Circuit:
    w0, x0, w1, x1, w2 = sympy.symbols("w0 x0 w1 x1 w2")
    f = 1 / (1 + sympy.exp(-(w0 * x0 + w1 * x1 + w2)))
    return symnn.circuit(f, at={"w0": 2, "x0": -1, "w1": -3, "x1": -2, "w2": -3}, **options)


def compile_latex(path):
    done = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", path.name],
                          cwd=path.parent, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-2000:]
    pdf = path.with_suffix(".pdf")
    assert pdf.read_bytes()[:5] == b"%PDF-"
    return done.stdout


def test_tikz_compiles_with_pdflatex(tmp_path):
    x, y = sympy.symbols("x y")
    s = symnn.Sigmoid(x * y)
    shared = symnn.circuit(s * (1 - s) + sympy.log(x), at={"x": "0.5", "y": 3})  # a bent edge
    odd = sympy.Symbol("a&b%c")  # LaTeX's special characters in a name
    named = symnn.circuit(odd * sympy.Symbol("w_{1}") + sympy.Symbol("alpha"),
                          at={"a&b%c": 1, "w_{1}": 2, "alpha": 3})
    for k, c in enumerate((lecture_circuit(), lecture_circuit(fuse_sigmoid=True), shared, named)):
        path = tmp_path / f"circuit{k}.tex"
        path.write_text(circuit_tikz_document(c), encoding="utf-8")
        log = compile_latex(path)
        assert "Output written" in log


def test_tikz_shows_the_lecture_figures():
    code = symnn.circuit_tikz(lecture_circuit(), digits=2)
    for figure in ("-2.00", "6.00", "4.00", "1.00", "-1.00", "0.37", "1.37", "0.73", "-0.53", "-0.20",
                   "0.20", "0.39", "-0.39", "-0.59"):
        assert "{$" + figure + "$}" in code, figure


def test_latex_option_writes_a_compilable_document(capsys, tmp_path):
    path = tmp_path / "circuit.tex"
    code, _, err = run(capsys, EXPR, "--at", AT, "--latex", str(path))
    assert code == 0 and "wrote" in err
    compile_latex(path)


def test_png_svg_and_dot(capsys, tmp_path):
    png, svg, dot = tmp_path / "c.png", tmp_path / "c.svg", tmp_path / "c.dot"
    code, out, err = run(capsys, EXPR, "--at", AT, "--png", str(png), "--svg", str(svg), "--dot", str(dot),
                         "--json")
    assert code == 0 and err.count("wrote") == 3
    strict_json(out)  # files are reported on stderr, stdout stays one JSON object
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"<svg" in svg.read_bytes()[:2000]
    text = dot.read_text(encoding="utf-8")
    assert text.startswith("digraph") and "grad -0.5898" in text  # -3 sigma'(1) = -0.58984


def test_write_circuit_formats(tmp_path):
    c = lecture_circuit()
    assert write_circuit(c, tmp_path / "c.pdf").read_bytes()[:5] == b"%PDF-"
    assert "tikzpicture" in write_circuit(c, tmp_path / "c.tex").read_text(encoding="utf-8")
    try:
        write_circuit(c, tmp_path / "c.jpeg")
    except symnn.SymnnError as error:
        assert ".jpeg" in str(error)
    else:
        raise AssertionError("no error for an unknown picture format")


def test_dot_escapes_names():
    less = sympy.Symbol("a<b&c")
    dot = circuit_dot(symnn.circuit(2 * less, at={"a<b&c": 1}))
    assert "a&lt;b&amp;c" in dot and "a<b&c" not in dot


def test_markdown_table():
    table = circuit_markdown(lecture_circuit(), digits=2)
    lines = table.splitlines()
    assert len(lines) == 2 + 13  # header, rule, 5 inputs and 8 gates
    assert all(line.count("|") == 8 for line in lines)
