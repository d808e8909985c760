"""The checker against independent truths.

Truths: the lecture's network recomputed in this file with ``math`` (forward pass and
chain rule written out by hand), Mazur's published figures, the circuit's gradients
worked out by hand, and deliberately wrong solutions whose first mistake is known.
"""

from __future__ import annotations

import json
import math
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import symnn
from symnn.checking.checker import VERDICTS, Checker, Row, check, check_file, math_rows
from symnn.core.errors import SymnnError

ROOT = Path(__file__).resolve().parents[1]
LECTURE_SPEC = ROOT / "derivations" / "backprop_lecture.toml"
MAZUR_SPEC = ROOT / "derivations" / "specs" / "mazur.toml"
SOLUTIONS = ROOT / "tests" / "data" / "solutions"
CIRCUIT = "1/(1+exp(-(w0*x0+w1*x1+w2)))"
AT = "w0=2,x0=-1,w1=-3,x1=-2,w2=-3"


def sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-z))


# the lecture's network, by hand: w1, w3 into h1; w2, w4 into h2; w5, w7 into o1; w6, w8 into o2
X1, X2, Y1, Y2 = 0.5, 0.3, 0.23, -0.07
W = {"w1": 0.2, "w2": -0.4, "w3": 0.5, "w4": 0.6, "w5": 0.1, "w6": -0.5, "w7": -0.3, "w8": 0.8}
H1 = sigmoid(W["w1"] * X1 + W["w3"] * X2)
H2 = sigmoid(W["w2"] * X1 + W["w4"] * X2)
O1 = sigmoid(W["w5"] * H1 + W["w7"] * H2)
O2 = sigmoid(W["w6"] * H1 + W["w8"] * H2)
ERROR = 0.5 * (O1 - Y1) ** 2 + 0.5 * (O2 - Y2) ** 2
D_O1 = (O1 - Y1) * O1 * (1 - O1)
D_O2 = (O2 - Y2) * O2 * (1 - O2)
DELTA5 = D_O1 * H1
DELTA1 = (D_O1 * W["w5"] + D_O2 * W["w6"]) * H1 * (1 - H1) * X1


def line_of(path: Path, marker: str) -> int:
    """The number of the first line of ``path`` that contains ``marker``."""
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if marker in text:
            return number
    raise AssertionError(f"{marker!r} not in {path}")


@pytest.fixture(scope="module")
def lecture():
    return check_file(ROOT / "derivations" / "lecture_solution.md", spec=LECTURE_SPEC, timeout=None)


def test_the_lecture_passes_every_line_but_delta1(lecture):
    path = ROOT / "derivations" / "lecture_solution.md"
    delta1 = line_of(path, "&= -0.009")
    assert lecture.first_error_line == delta1
    for result in lecture.lines:
        if result.line == delta1:
            assert result.verdict == "arithmetic"
        else:
            assert result.verdict in ("correct", "rounding"), (result.line, result.verdict, result.message)
    assert lecture.exit_code == 1


def test_delta1_report_says_exact_carried_and_schedule(lecture):
    path = ROOT / "derivations" / "lecture_solution.md"
    result = next(r for r in lecture.lines if r.line == line_of(path, "&= -0.009"))
    assert result.exact == pytest.approx(DELTA1, rel=1e-12)
    assert round(DELTA1, 5) == -0.00842
    assert "(-0.008)" in result.message                       # exact at the digits written
    own = (0.25 * 0.48 * (1 - 0.48) * 0.1 + 0.6 * 0.53 * (1 - 0.53) * -0.5) * 0.56 * (1 - 0.56) * 0.50
    assert f"own rounded numbers give {own:.6g} (-0.008)" in result.message   # -0.0084
    assert "every operation rounded to 3 decimals, half-up" in result.message
    assert "every operation rounded to 3 decimals, half-up" in result.schedules
    assert not any("2 decimals" in s for s in result.schedules)


def test_lecture_exact_values_are_the_networks(lecture):
    path = ROOT / "derivations" / "lecture_solution.md"
    by_line = {r.line: r for r in lecture.lines}
    expected = {"h_1 = sigmoid": H1, "h_2 = sigmoid": H2, "o_1 = sigmoid": O1, "o_2 = sigmoid": O2,
                "(0.53 - (-0.07))^2 = 0.21": ERROR, r"\delta_5 = ": DELTA5}
    for marker, value in expected.items():
        assert by_line[line_of(path, marker)].exact == pytest.approx(value, rel=1e-12), marker


def test_later_lines_use_the_lectures_own_numbers(lecture):
    path = ROOT / "derivations" / "lecture_solution.md"
    update = next(r for r in lecture.lines if r.line == line_of(path, "w_1' = "))
    # exact w1' = 0.2 - delta1 = 0.20842 shows as 0.208; the lecture's -0.009 gives 0.209
    assert round(W["w1"] - DELTA1, 3) == 0.208
    assert update.verdict == "rounding" and update.written == "0.209"
    assert update.carried == [line_of(path, "&= -0.009")]


def test_the_circuit_figures():
    path = ROOT / "derivations" / "circuit_solution.md"
    report = check_file(path, expr=CIRCUIT, at=AT, timeout=None)
    assert report.passed and report.first_error_line is None
    s = sigmoid(2 * -1 + -3 * -2 + -3)                      # 0.73
    local = s * (1 - s)                                      # 0.1966: the lecture's 0.20
    by_line = {r.line: r for r in report.lines}
    for marker, exact, written in [(r"\partial x_0} = ", 2 * local, "0.40"),
                                   (r"\partial x_1} = ", -3 * local, "-0.60"),
                                   (r"\partial w_1} = ", -2 * local, "-0.40")]:
        result = by_line[line_of(path, marker)]
        assert result.verdict == "rounding" and result.written == written
        assert result.exact == pytest.approx(exact, rel=1e-12)
        assert f"shows as {exact:.2f}" in result.message     # 0.39, -0.59, -0.39
        assert result.carried
    checks = [(r"f(w, x) = \frac{1}{1.37}", s), (r"\partial w_0} = ", -1 * local),
              (r"\partial w_2} = ", local)]
    for marker, exact in checks:
        result = by_line[line_of(path, marker)]
        assert result.verdict == "correct" and result.exact == pytest.approx(exact, rel=1e-12)


@pytest.mark.parametrize(("name", "marker", "verdict", "words"), [
    ("missing_factor", "0.25 * 0.56 = 0.14", "formula", "do1/dIn_o1 = o1*(1 - o1)"),
    ("sign_slip", "0.23 - o_1 = -0.25", "formula", "sign slip"),
    ("swapped_weight", "sigmoid(0.50 * 0.50 + 0.20 * 0.30)", "formula", "w1*x1 + w3*x2"),
    ("wrong_target", "o_1 - 0.32 = 0.16", "formula", "-0.32 = -0.32 should be -y_o1 = -0.23"),
    ("forward_slip", "0.50 * 0.30) = 0.65", "arithmetic", "(0.56)"),
])
def test_wrong_solutions_first_mistake_and_no_false_alarms(name, marker, verdict, words):
    path = SOLUTIONS / f"{name}.md"
    report = check_file(path, spec=LECTURE_SPEC, timeout=None)
    first = line_of(path, marker)
    assert report.first_error_line == first
    mistake = next(r for r in report.lines if r.line == first)
    assert mistake.verdict == verdict and words in mistake.message, mistake.message
    later = [r for r in report.lines if r.line > first]
    assert later and all(r.verdict in ("correct", "rounding") for r in later), \
        [(r.line, r.verdict, r.message) for r in later]
    assert any(r.verdict == "rounding" and first in r.carried for r in later)


def test_another_notation_with_biases():
    path = SOLUTIONS / "mazur.md"
    report = check_file(path, spec=MAZUR_SPEC, timeout=None)
    assert report.passed, [(r.line, r.verdict, r.message) for r in report.lines if r.verdict != "correct"]
    by_line = {r.line: r for r in report.lines}
    published = {"E_{total} = ": 0.298371109, r"\partial E_{total}}{\partial w_5} = 0.74": 0.082167041,
                 "w_5^+": 0.35891648, r"\partial E_{total}}{\partial w_1} = 0.03": 0.000438568,
                 "w_1^+": 0.149780716, "net_{h1} = ": 0.3775}
    for marker, figure in published.items():
        assert by_line[line_of(path, marker)].exact == pytest.approx(figure, abs=6e-9), marker


def test_identities_without_a_problem():
    path = SOLUTIONS / "identities.md"
    report = check_file(path, timeout=None)
    wrong = line_of(path, r"= 1 + \tanh^2(x)")
    assert report.first_error_line == wrong
    assert all(r.verdict == "correct" for r in report.lines if r.line != wrong)
    assert "sigmoid" in report.lines[0].message


def test_unknown_names_get_suggestions_and_unparsed_a_position():
    report = check("$h_3 = 0.5$\n$Out_{h_9} = 0.56$\n$h_1 = sigmod(0.25) = 0.56$\n$h_1 = (0.2 * = 0.5$",
                   spec=LECTURE_SPEC, timeout=None)
    verdicts = [r.verdict for r in report.lines]
    assert verdicts == ["unknown", "unknown", "unknown", "unparsed"]
    assert "h3" in report.lines[0].message and "h1" in report.lines[0].message
    assert "sigmod" in report.lines[2].message
    assert report.lines[3].position == 12


def test_given_values_misread():
    report = check("$w_5 = 0.15$\n$x_1 = 0.5$", spec=LECTURE_SPEC, timeout=None)
    assert [r.verdict for r in report.lines] == ["arithmetic", "correct"]
    assert "given as 0.1" in report.lines[0].message


def test_library_call_and_json_shape():
    report = symnn.check("h_1 = sigmoid(0.20 * 0.50 + 0.50 * 0.30) = 0.56",
                         spec=symnn.load_spec(LECTURE_SPEC), timeout=None)
    data = report.to_json()
    assert set(data) == {"lines", "summary"}
    assert set(data["lines"][0]) == {"line", "text", "quantity", "verdict", "written", "exact", "carried",
                                     "message"}
    assert data["lines"][0]["exact"] == pytest.approx(H1, rel=1e-12)
    assert data["summary"] == {"first_error_line": None, "counts": {v: int(v == "correct") for v in VERDICTS},
                               "unread_lines": []}
    json.dumps(data)


def test_variant_values_override_the_spec():
    text = "$h_1 = sigmoid(0.20 * 0.60 + 0.50 * 0.30) = 0.57$"
    assert round(sigmoid(0.2 * 0.6 + 0.5 * 0.3), 2) == 0.57
    assert check(text, spec=LECTURE_SPEC, values={"x1": 0.6}, timeout=None).passed
    assert not check(text, spec=LECTURE_SPEC, timeout=None).passed


def test_document_rows():
    text = ("Intro $a$ text\n$$\\begin{split} h_1 &= 0.56 \\\\\n&= 0.560 \\end{split}$$\n"
            "<!-- $h_1 = 9$ -->\n\\[ o_1 = 0.48 \\]\nbare h_2 = 0.50\n这里 $x = 1$\n")
    rows = [(r.line, r.text) for r in math_rows(text)]
    assert rows == [(2, "h_1 &= 0.56"), (3, "&= 0.560"), (5, "o_1 = 0.48"), (6, "h_2 = 0.50"),
                    (7, "x = 1")]


def test_size_limit():
    with pytest.raises(SymnnError, match="larger than"):
        check("x = 1\n" * 100_000)


_PIECES = st.sampled_from([
    "h_1", "o_1", "w_5", "0.25", "0.48", "1", "(", ")", "*", "+", "-", "=", r"\frac{", "}{", "}",
    r"\partial", "Error", r"\delta_5", "sigmoid(", "^2", "e^{", "In_{h_1}", " ", "&", r"\\", "x", "f(x)",
    r"\begin{cases}", "0.0000001", "1e308", "10^{999}", "/", "0", "$"])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(_PIECES, max_size=14).map("".join), min_size=1, max_size=4))
def test_garbage_lines_only_get_verdicts(lines):
    text = "\n".join("$" + line + " = 0.5$" for line in lines)
    report = check(text, spec=LECTURE_SPEC, timeout=None)
    assert all(r.verdict in VERDICTS for r in report.lines)
    report.to_text()
    json.dumps(report.to_json())


class _SlowChecker(Checker):
    def check_row(self, row):
        if "slow" in row.text:
            time.sleep(30)
        return super().check_row(row)


def test_a_line_over_the_time_bound_is_cut_off_and_the_rest_is_checked():
    from symnn.checking.problems import NetworkProblem
    from symnn.checking.worker import run_rows

    checker = _SlowChecker(NetworkProblem(symnn.load_spec(LECTURE_SPEC)))
    rows = [Row(1, "h_1 = 0.56"), Row(2, "slow = 1"), Row(3, "h_2 = 0.50"), Row(4, "o_1 = 0.48")]
    start = time.perf_counter()
    results = run_rows(checker, rows, timeout=1.0)
    assert time.perf_counter() - start < 6
    assert [r.verdict for r in results] == ["correct", "too complex", "correct", "correct"]


def test_the_budget_of_the_whole_solution_cuts_off_the_rows_left():
    from symnn.checking.problems import NetworkProblem
    from symnn.checking.worker import run_rows

    checker = _SlowChecker(NetworkProblem(symnn.load_spec(LECTURE_SPEC)))
    rows = [Row(1, "h_1 = 0.56"), Row(2, "slow = 1"), Row(3, "h_2 = 0.50"), Row(4, "slow = 2")]
    start = time.perf_counter()
    results = run_rows(checker, rows, timeout=5.0, deadline=time.monotonic() + 0.5)
    assert time.perf_counter() - start < 3
    # the first row is judged; the slow one is cut off by the budget, and the rows after it are not judged
    assert results[0].verdict == "correct"
    assert results[1:] == [None, None, None]


def test_adversarial_lines_within_the_bound():
    lines = [r"$x = 10^{10^{10}}$", "$s = " + " + ".join(["0.5"] * 5000) + " = 2500$",
             "$q = " + r"\frac{1}{" * 300 + "2" + "}" * 300 + " = 0.5$", r"$h_2 = 2^{2^{2^{2^{2^{2}}}}} = 1$",
             r"$e^{e^{e^{e^{e^{10}}}}} = 1$", "$h_1 = sigmoid(0.20 * 0.50 + 0.50 * 0.30) = 0.56$"]
    start = time.perf_counter()
    report = check("\n".join(lines), spec=LECTURE_SPEC, timeout=2.0)
    assert time.perf_counter() - start < 2.0 * len(lines)
    assert [r.verdict for r in report.lines[:-1]] == ["too complex"] * 5
    assert report.lines[-1].verdict == "correct"


def test_rules_with_an_index_hold_for_every_index():
    report = check("$$w_i' = w_i - \\eta * \\delta_i$$\n$$w_i' = w_i + \\eta * \\delta_i$$\n"
                   "$$\\frac{\\partial Error}{\\partial o_i} = o_i - y_i$$", spec=LECTURE_SPEC, timeout=None)
    assert [r.verdict for r in report.lines] == ["correct", "formula", "correct"]
    assert "i = 1, 2, 3, 4, 5, 6, 7, 8" in report.lines[0].message
    assert "i = 1, 2" in report.lines[2].message


def test_the_named_activation_binds_f():
    text = "For the tanh:\n\n$f'(x) = f(x)(1 - f(x))$\n\nFor the sigmoid:\n\n$f'(x) = f(x)(1 - f(x))$\n"
    report = check(text, timeout=None)
    assert [r.verdict for r in report.lines] == ["formula", "correct"]


def test_latex_beyond_the_grammar_is_still_judged():
    report = check("$$\\int_0^1 2x \\, dx = 1$$\n$$\\binom{4}{2} = 7$$\n$$\\int_0^1 x \\, dx = 0.50$$",
                   timeout=None)
    assert [r.verdict for r in report.lines] == ["correct", "arithmetic", "correct"]
    assert all("latex2sympy2" in r.message for r in report.lines)


def test_the_misprints_of_the_lectures_derivation_slide():
    path = SOLUTIONS / "lecture_derivation_slide.md"
    report = check_file(path, spec=LECTURE_SPEC, timeout=None)
    verdicts = {r.line: r for r in report.lines}
    first = line_of(path, r"\frac{\partial In_{h_{1}}}{\partial In_{h_{1}}}")
    assert report.first_error_line == first
    assert "dIn_h1/dIn_h1 = 1 should be dh1/dIn_h1 = h1*(1 - h1)" in verdicts[first].message
    assert verdicts[line_of(path, r"\frac{\partial o_{1}}{\partial h_{1}} * \frac")].verdict == "formula"
    assert verdicts[line_of(path, r"w_{5} + ")].verdict == "correct"
    assert verdicts[line_of(path, r"\delta_{1} &= ")].verdict == "correct"


def test_steps_that_round_intermediate_results():
    # 0.25 * 0.48 = 0.12 exactly; 1 - 0.48 = 0.52; 0.52 * 0.56 = 0.2912, written 0.29
    text = ("$\\delta_5 = 0.25 * 0.48 * (1 - 0.48) * 0.56 = 0.12 * 0.52 * 0.56 = 0.12 * 0.29 = 0.035$\n"
            "$\\delta_7 = 0.25 * 0.48 * (1 - 0.48) * 0.50 = 0.12 * 0.62 * 0.50 = 0.037$")
    report = check(text, spec=LECTURE_SPEC, timeout=None)
    assert [r.verdict for r in report.lines] == ["correct", "arithmetic"]
    assert round(0.12 * 0.29, 3) == 0.035 and round(DELTA5, 3) == 0.035
    assert "0.0312" in report.lines[1].message              # 0.25 * 0.48 * 0.52 * 0.50 = 0.0312


@pytest.mark.parametrize(("written", "verdict"), [
    ("5.622e-1", "correct"), ("56.22e-2", "correct"), ("5.6218e-1", "correct"), ("5.62E-1", "correct"),
    ("0.5622", "correct"), ("5.621e-1", "arithmetic"), ("5.623e-1", "arithmetic"),
])
def test_scientific_notation_is_judged_at_the_decimals_written_out(written, verdict):
    exact = sigmoid(0.2 * 0.5 + 0.5 * 0.3)  # h1 of the lecture's network
    decimals = {"5.6218e-1": 5, "5.62E-1": 3}.get(written, 4)
    assert (round(exact, decimals) == float(written)) == (verdict == "correct")
    report = check(f"h_1 = {written}\n", spec=LECTURE_SPEC, timeout=None)
    assert report.lines[0].verdict == verdict, report.lines[0].message


def _gelu(z: float) -> float:
    return z / 2 * (1 + math.erf(z / math.sqrt(2)))


def _gelu_tanh(z: float) -> float:
    return z / 2 * (1 + math.tanh(math.sqrt(2 / math.pi) * (z + 0.044715 * z**3)))


@pytest.mark.parametrize(("call", "exact"), [
    ("leaky_relu(-1)", -0.01), ("elu(-1)", math.exp(-1) - 1), ("gelu(1)", _gelu(1.0)),
    ("gelu_tanh(1)", _gelu_tanh(1.0)), ("gelu_tanh(-0.5)", _gelu_tanh(-0.5)),
    ("softplus(1)", math.log(1 + math.e)), ("elu'(-1)", math.exp(-1)),
])
def test_every_catalogue_activation_is_evaluated(call, exact):
    right = f"{exact:.3f}"
    wrong = f"{exact + 0.002:.3f}"
    report = check(f"{call} = {right}\n{call} = {wrong}\n", spec=LECTURE_SPEC, timeout=None)
    assert [r.verdict for r in report.lines] == ["correct", "arithmetic"], report.lines
    assert f"exact {exact:.6g}" in report.lines[1].message and f"({right})" in report.lines[1].message


@pytest.mark.parametrize(("call", "exact"), [
    ("tanh(1)", math.tanh(1)), ("gelu(1)", _gelu(1.0)), ("sigmoid(0.25)", sigmoid(0.25)),
    ("leaky_relu(-1)", -0.01), ("elu(-1)", math.exp(-1) - 1), ("gelu_tanh(1)", _gelu_tanh(1.0)),
])
@pytest.mark.parametrize("decimals", [15, 4, 3, 2])
def test_numeric_lines_without_a_spec_are_judged_at_the_digits_written(call, exact, decimals):
    right = f"{exact:.{decimals}f}"
    wrong = f"{exact + 10.0**-decimals:.{decimals}f}"
    assert float(right) != float(wrong)
    text = f"{call} = {right}\ny = {call} = {right}\n{call} = {wrong}\ny = {call} = {wrong}\n"
    report = check(text, timeout=None)
    assert [r.verdict for r in report.lines] == ["correct", "correct", "arithmetic", "arithmetic"], \
        [(r.verdict, r.message) for r in report.lines]


def test_numeric_lines_without_a_spec_still_check_their_middle_steps():
    right = f"{sigmoid(0.25):.3f}"
    report = check(f"sigmoid(0.25) = 1/(1 + exp(-0.25)) = {right}\n"
                   f"sigmoid(0.25) = 1/(1 + exp(0.25)) = {right}\n", timeout=None)
    assert [r.verdict for r in report.lines] == ["correct", "formula"]


def test_rounding_schedules_evaluate_every_catalogue_activation():
    exact = (math.exp(-1) - 1) * 0.5                    # elu(-1) * 0.5 = -0.31606
    by_hand = round(math.exp(-1) - 1, 2) * 0.5          # elu(-1) rounded first: -0.63 * 0.5 = -0.315
    assert f"{exact:.3f}" == "-0.316" and f"{by_hand:.3f}" == "-0.315"
    report = check("elu(-1) * 0.5 = -0.315\n", spec=LECTURE_SPEC, timeout=None)
    line = report.lines[0]
    assert line.verdict == "arithmetic"
    assert "every operation rounded to 2 decimals, half-up" in line.schedules
    assert "no rounding schedule" not in line.message


# --------------------------------------------------------------------------------------------
# Numbers written for parts of a formula, notations and prose (truth: the lecture's exact values,
# worked out in the comments; a right figure is never a mistake)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("line", [
    # (o1 - y1) o1 (1 - o1) w5 + ...: 0.0616 = dE/dIn_o1, 0.1492 = dE/dIn_o2, 0.4378 = 1 - h1; exact -0.01684
    r"$\delta_{h_1} = (0.0616 \cdot 0.1 + 0.1492 \cdot (-0.5)) \cdot 0.5622 \cdot 0.4378 = -0.0168$",
    # 0.247 = o1 - y1, 0.477 = o1, 0.523 = 1 - o1, 0.495 = h2; exact dE/dw7 = 0.030495
    r"$\frac{\partial E}{\partial w_7} = 0.247 \times 0.477 \times 0.523 \times 0.495 = 0.0305$",
])
def test_numbers_for_parts_of_the_formula_are_recognised(line):
    report = check(line, spec=LECTURE_SPEC, timeout=None)
    assert [r.verdict for r in report.lines] == ["correct"], report.lines[0].message


def test_rounded_factors_give_rounding_not_arithmetic():
    # exact dE/dw8 = 0.0738447 shows as 0.0738; 0.5987 * 0.2492 * 0.4950 = 0.073853 shows as 0.0739
    line = r"$\frac{\partial E}{\partial w_8} = 0.5987 \times 0.2492 \times 0.4950 = 0.0739$"
    assert [r.verdict for r in check(line, spec=LECTURE_SPEC, timeout=None).lines] == ["rounding"]


@pytest.mark.parametrize("line, verdict", [
    ("dE/dw5 = 0.0346", "correct"), ("dError/dw5 = 0.0346", "correct"), ("∂E/∂w5 = 0.0346", "correct"),
    (r"$\partial E / \partial w_5 = 0.0346$", "correct"), ("dout_h1/dnet_h1 = 0.2461", "correct"),
    ("h₁ = 0.5622", "correct"), ("δ₅ = 0.0346", "correct"), ("w₅⁺ = 0.0654", "correct"),
    ("w5' = 0.0654", "correct"), ("w5_new = 0.0654", "correct"), ("w5+ = 0.0654", "correct"),
    (r"$w_5^{new} = 0.0654$", "correct"), (r"$w_5^{(1)} = 0.0654$", "correct"),
    (r"$\delta_2 = 1.261 \times 10^{-2}$", "correct"), ("δ₂ = 1.261·10⁻²", "correct"),
    ("delta2 = 1.261e-2", "correct"), ("o1 = 4.77e-1", "correct"),
    # the Chinese sentence holds a mistake: sigmoid(-0.0923) is 0.4769, not 0.5231
    ("输出层 o1 = sigmoid(-0.0923) = 0.5231", "arithmetic"),
    ("We take the learning rate eta = 1 here.", "correct"),
])
def test_notations_are_read(line, verdict):
    report = check(line, spec=LECTURE_SPEC, timeout=None)
    assert [r.verdict for r in report.lines] == [verdict], [(r.verdict, r.message) for r in report.lines]


def test_without_a_spec_rounded_chains_are_judged_at_the_digits_written():
    # sigma(2) = 0.880797, sigma'(2) = 0.104994; e = 2.71828, e^2 = 7.38906, e^3 = 20.0855
    text = ("$\\sigma'(2) = 0.8808 \\cdot (1 - 0.8808) = 0.1050$\n"
            "$p_1 = \\frac{2.7183}{30.1929} = 0.0900$\n"
            "$\\sigma'(2) = 0.8808 \\cdot (1 - 0.8808) = 0.1150$\n")
    assert [r.verdict for r in check(text, timeout=None).lines] == ["correct", "correct", "arithmetic"]


def test_a_graph_node_named_e_is_that_node():
    text = ("$c = w_0 x_0 + w_1 x_1 + w_2 = 1$\n$d = \\exp(-c) = 0.3679$\n$e = 1 + d = 1.3679$\n"
            "$f = 1/e = 0.7311$\n")
    report = check(text, expr="1/(1+exp(-(w0*x0+w1*x1+w2)))", at="w0=2,x0=-1,w1=-3,x1=-2,w2=-3", timeout=None)
    assert [r.verdict for r in report.lines] == ["correct"] * 4


def test_an_expression_found_wrong_by_its_use_below():
    # dE/dh1 = dE/dIn_o1 * w5 + dE/dIn_o2 * w6 (exact -0.06843); w7 belongs to h2, so -0.0386 is not it,
    # and delta1 = -0.0386 * h1(1 - h1) * x1 carries that number
    text = ("$g_1 = \\frac{\\partial Error}{\\partial In_{o_1}} = 0.2469 \\times 0.2495 = 0.0616$\n"
            "$g_2 = \\frac{\\partial Error}{\\partial In_{o_2}} = 0.5987 \\times 0.2492 = 0.1492$\n"
            "$g_1 w_5 + g_2 w_7 = 0.0616 \\times 0.1 + 0.1492 \\times (-0.3) = -0.0386$\n"
            "$\\delta_1 = -0.0386 \\times 0.2461 \\times 0.5 = -0.0047$\n")
    report = check(text, spec=LECTURE_SPEC, timeout=None)
    assert [r.verdict for r in report.lines][:3] == ["correct", "correct", "formula"]
    assert report.lines[3].verdict in ("correct", "rounding") and report.lines[3].carried == [3]
    assert report.first_error_line == 3


def test_positive_exponents_keep_their_significant_figures():
    # e^7 = 1096.633...: 1.10e3 at three significant figures, 1.097e3 at four; 1.09e3 is wrong
    verdicts = [r.verdict for r in check("$e^{7} = 1.10e3$\n$e^{7} = 1.097e3$\n$e^{7} = 1.09e3$\n",
                                         timeout=None).lines]
    assert verdicts == ["correct", "correct", "arithmetic"]
