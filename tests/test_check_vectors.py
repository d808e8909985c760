"""Vectors in a worked solution: read, and judged component by component.

Every expected verdict below follows from the arithmetic: softmax(2, 1, 0.1) is
(0.659001, 0.242433, 0.098566), 0.34 x 0.46 is 0.1564, e^-1 is 0.367879, and the circuit
f = sigmoid(w0 x0 + w1 x1 + w2) at w = (2, -3, -3), x = (-1, -2) has df/dz = 0.196612.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import symnn
from symnn.checking.parse import Gradient, Sum, Vector, parse_relation
from symnn.checking.report import MISTAKES

MAZUR = Path(__file__).resolve().parent.parent / "derivations" / "specs" / "mazur.toml"
CIRCUIT = {"expr": "1/(1+exp(-(w0*x0+w1*x1+w2)))", "at": "w0=2,x0=-1,w1=-3,x1=-2,w2=-3"}


def verdicts(text: str, **problem) -> list[tuple[int, str]]:
    return [(r.line, r.verdict) for r in symnn.check(text, timeout=None, **problem).lines]


def last(text: str, **problem):
    return symnn.check(text, timeout=None, **problem).lines[-1]


# -- reading ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, size", [
    (r"(0.34, 0.46, 0.20)", 3),
    (r"(-0.1966,\ -0.3932,\ 0.1966)", 3),
    (r"[0.5, -0.25]", 2),
    (r"\left( \frac{\partial f}{\partial w_0}, \frac{\partial f}{\partial x_0} \right)", 2),
    (r"\begin{pmatrix} 0.5 \\ 0.3 \end{pmatrix}", 2),
    (r"\begin{bmatrix} 1 & 2 & 3 \end{bmatrix}", 3),
])
def test_a_comma_list_is_a_vector(text, size):
    node = parse_relation(text).parts[0].node
    assert isinstance(node, Vector) and len(node.items) == size


def test_gradient_and_open_sums_are_read():
    assert isinstance(parse_relation(r"\nabla_w f").parts[0].node, Gradient)
    assert isinstance(parse_relation(r"\sum (\hat y - y)^2").parts[0].node, Sum)
    node = parse_relation("sum over j != y_i of max(0, s_j - s_yi + 1)").parts[0].node
    assert isinstance(node, Sum) and node.index == "j" and node.excluded is not None


def test_a_bracket_without_comma_is_still_a_group():
    assert not isinstance(parse_relation("(1 + 2)").parts[0].node, Vector)
    assert not isinstance(parse_relation(r"\max(0, x)").parts[0].node, Vector)


def test_a_matrix_is_its_rows_and_a_ragged_one_is_refused():
    matrix = parse_relation(r"\begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}").parts[0].node
    assert [[item.value for item in row.items] for row in matrix.items] == [[1, 2], [3, 4]]
    with pytest.raises(symnn.ParseError):
        parse_relation(r"\begin{pmatrix} 1 & 2 \\ 3 \end{pmatrix}")


def test_vectors_are_bounded():
    with pytest.raises(symnn.ParseError):
        parse_relation("(" + ", ".join(["1"] * 51) + ")")
    result = last("v = (" + ", ".join(["1"] * 51) + ")")
    assert result.verdict == "unparsed"


@pytest.mark.parametrize("row", [r"z &= q + w_2 = 1, \\", r"u &= e^{-z} = 0.367879, \\", "= 0.196612."])
def test_a_comma_or_full_stop_ends_a_row(row):
    relation = parse_relation(row)
    assert relation.parts[-1].number is not None


# -- judging ------------------------------------------------------------------------------------

def test_softmax_of_a_vector_is_judged_per_component():
    text = "z = (2.0, 1.0, 0.1)\np = softmax(z) = (0.6590, 0.2424, 0.0986)\n"
    assert verdicts(text) == [(1, "correct"), (2, "correct")]
    wrong = last("z = (2.0, 1.0, 0.1)\np = softmax(z) = (0.6590, 0.2424, 0.0968)\n")
    assert wrong.verdict == "arithmetic" and wrong.message.startswith("component 3")
    assert wrong.text[wrong.position:].startswith("0.0968")


def test_vector_difference_is_component_wise():
    head = "z = (2.0, 1.0, 0.1)\ny = (1, 0, 0)\np = softmax(z) = (0.6590, 0.2424, 0.0986)\n"
    right = head + "dL/dz = p - y = (0.6590 - 1, 0.2424, 0.0986) = (-0.3410, 0.2424, 0.0986)\n"
    assert all(v == "correct" for _, v in verdicts(right))
    wrong = head + "dL/dz = p - y = (0.6590 - 1, 0.2424, 0.0986) = (-0.3410, 0.2424, 0.0896)\n"
    assert last(wrong).verdict == "arithmetic"


def test_data_numbers_are_exact_not_rounded():
    data = r"$\hat y = (0.34, 0.46, 0.20)$" + "\n"
    slip = r"$-\hat y_1 \hat y_2 = -0.34 \times 0.46 = -0.1546$"
    # 0.34 x 0.46 = 0.1564: with the data given, the 0.34 and 0.46 are exact, 0.1546 is a slip
    assert last(data + slip).verdict == "arithmetic"
    assert last(data + r"$-\hat y_1 \hat y_2 = -0.34 \times 0.46 = -0.1564$").verdict == "correct"
    # a number given on its own line is data too
    scalars = r"$\hat y_1 = 0.34$, $\hat y_2 = 0.46$" + "\n"
    assert last(scalars + slip).verdict == "arithmetic"
    # figures that are not data may be rounded intermediate results: 0.1546 is within their rounding
    assert last(r"$a = 0.1563 + 0.0001 = 0.1564 = 0.34 \times 0.46 = 0.1546$").verdict == "rounding"


def test_a_scaled_vector_and_a_sum_without_limits():
    data = r"$y = (1, 0, 2)$ and $\hat y = (0.8, 0.3, 1.5)$" + "\n"
    gradient = r"$\frac{2}{3}(\hat y - y) = (-0.13333,\ 0.2,\ -0.33333)$"
    assert last(data + gradient).verdict == "correct"
    assert last(data + r"$\frac{2}{3}(\hat y - y) = (-0.13333,\ 0.2,\ -0.3433)$").verdict == "arithmetic"
    # 1/2 (0.04 + 0.09 + 0.25) = 0.19
    assert last(data + r"$E = \tfrac12 \sum (\hat y - y)^2 = 0.19$").verdict == "correct"
    assert last(data + r"$E = \tfrac12 \sum (\hat y - y)^2 = 0.29$").verdict == "arithmetic"


def test_an_indexed_sum_runs_over_the_vector():
    text = (r"$y = (0, 0, 1)$, $\hat y = (0.0900, 0.2447, 0.6652)$" + "\n"
            r"$L = -\sum_i y_i \log \hat y_i = -\log \hat y_3$" + "\n")
    assert last(text).verdict == "correct"


def test_a_vector_times_a_scalar():
    text = "$x = (1, 2)$\n$0.4750 \\cdot x = (0.4750,\\ 0.9500)$\n"
    assert last(text).verdict == "correct"
    assert last("$x = (1, 2)$\n$0.4750 \\cdot x = (0.4750,\\ 0.9600)$\n").verdict == "arithmetic"


def test_rows_ending_in_commas_are_judged():
    text = "\\begin{align*}\nz &= 1 + 2 = 3, \\\\\nu &= e^{-1} = 0.367879.\n\\end{align*}\n"
    assert verdicts(text) == [(2, "correct"), (3, "correct")]
    wrong = "\\begin{align*}\nu &= e^{-1} = 0.367897, \\\\\n\\end{align*}\n"
    assert last(wrong).verdict == "arithmetic"


def test_gradient_of_the_circuit():
    assert last(r"$\nabla_w f = (-0.1966,\ -0.3932,\ 0.1966)$", **CIRCUIT).verdict == "correct"
    assert last(r"$\nabla_w f = (-0.1966,\ -0.5898,\ 0.1966)$", **CIRCUIT).verdict in MISTAKES
    row = (r"$\left( \frac{\partial f}{\partial w_0}, \frac{\partial f}{\partial x_0} \right)"
           r" = (-0.196612,\ 0.393224)$")
    assert last(row, **CIRCUIT).verdict == "correct"


def test_data_vector_of_the_problem_uses_its_indices():
    assert verdicts("$w = (2, -3, -3)$, $x = (-1, -2)$", **CIRCUIT) == [(1, "correct"), (1, "correct")]


def test_what_cannot_be_judged_is_not_a_mistake():
    rule = last("L_i = sum over j != y_i of max(0, s_j - s_yi + 1)")
    assert rule.verdict not in MISTAKES
    unknown = last(r"$\hat y = (0.34, 0.46, 0.20)$" + "\n" + r"$\hat y - y = (-0.66,\ 0.46,\ 0.20)$")
    assert unknown.verdict == "unknown"


def test_sides_of_different_shapes_are_not_judged():
    # more often a misreading (a decimal comma after '(' is a list separator) than a mistake
    assert last("(1, 2) = (1, 2, 3)").verdict == "unparsed"
    assert last("(1, 2) = 3").verdict == "unparsed"
    # a text with decimal points elsewhere: (0,5 + 0,3) is a list, not 0.8
    assert last("x = 1.5\ny = (0,5 + 0,3) = 0,8").verdict == "unparsed"
    # a text that writes every decimal with a comma: 0,5 + 0,3 is 0.8
    assert last("y = (0,5 + 0,3) = 0,8").verdict == "correct"
    assert last("v = (1, 2)\nw = (1, 2, 3)\nv + w = (2, 4, 3)").verdict == "unparsed"


def test_a_norm_is_not_read_as_components():
    assert last("$x = (3, 4)$\n$|x| = (3, 4)$").verdict == "unparsed"
    assert last("$x = (3, 4)$\n$\\sqrt{x} = 5$").verdict == "unparsed"


def test_a_name_given_anew_as_a_number_is_a_scalar():
    assert verdicts("x = (1, 2)\nx = 0.5\n2 x = 1") == [(1, "correct"), (2, "correct"), (3, "correct")]


def test_a_known_vector_without_a_literal_is_component_wise():
    assert last("x = (1, 2)\nx + x = (2, 4)").verdict == "correct"
    assert last("x = (1, 2)\nx + x = (2, 5)").verdict == "arithmetic"


def test_a_sum_without_limits_over_the_outputs_of_a_network():
    # Mazur: E = 1/2 sum over the two outputs of (target - output)^2
    assert last(r"$E = \tfrac12\sum (t - o)^2$", spec=MAZUR).verdict == "correct"
    assert last(r"$E = \tfrac12\sum (t + o)^2$", spec=MAZUR).verdict == "formula"


@pytest.mark.parametrize("product", [r"w^\top x", "w^T x", r"w^{\top} x", r"w^{T}x", r"w^\intercal x"])
def test_a_transpose_times_a_vector_is_the_dot_product(product):
    data = "$w = (0.5, -0.25)$, $x = (1, 2)$, $b = 0.1$\n"
    # 0.5*1 - 0.25*2 + 0.1 = 0.1
    assert last(data + f"$z = {product} + b = 0.5 - 0.5 + 0.1 = 0.1$").verdict == "correct"
    assert last(data + f"$z = {product} + b = 0.5 + 0.5 + 0.1 = 1.1$").verdict in MISTAKES


def test_a_transpose_of_unknown_vectors_is_not_a_mistake():
    assert last("$z = w^T x + b$").verdict not in MISTAKES
    assert not isinstance(parse_relation("x^2").parts[0].node.right, Vector)


def test_a_fresh_worker_continues_with_the_vectors_given():
    from symnn.checking.checker import Checker, _problem_from
    from symnn.checking.rows import Row
    from symnn.checking.worker import _restore, _state

    first = Checker(_problem_from())
    first.check_row(Row(1, r"\hat y = (0.34, 0.46, 0.20)"))
    fresh = Checker(_problem_from())
    _restore(fresh, _state(first))
    assert fresh.vectors == first.vectors and fresh.exact_numbers == first.exact_numbers
    slip = Row(2, r"-\hat y_1 \hat y_2 = -0.34 \times 0.46 = -0.1546")
    assert fresh.check_row(slip).verdict == "arithmetic"


def test_written_out_components_are_bounded():
    z = "z = (" + ", ".join(["1"] * 50) + ")\n"
    fifty = "(" + ", ".join(["0.02"] * 50) + ")"
    assert last(z + f"p = softmax(softmax(z)) = {fifty}").verdict == "too complex"
    assert last(z + f"p = softmax(z + z + z + z + z + z + z + z + z) = {fifty}").verdict == "too complex"
    assert last(z + f"p = softmax(z) = {fifty}").verdict == "correct"


def test_a_name_that_heads_a_vector_is_a_vector():
    # the lecture's E alone is the total error; E = (0.0300, 0.1797) lists two numbers for E1, E2
    lecture = Path(__file__).resolve().parent.parent / "derivations" / "backprop_lecture.toml"
    result = last("E = (0.0300, 0.1797)", spec=lecture)
    assert result.verdict not in MISTAKES
    assert last("x = (0.5, 0.3)", spec=lecture).verdict == "correct"
    assert last("x = (0.5, 0.4)", spec=lecture).verdict in MISTAKES


def test_continued_rows_of_vectors():
    chain = "$z = (1, 2)$\n\\begin{align*}\ny &= 2 z \\\\\n&= (2, 4) \\\\\n&= (2, 5)\n\\end{align*}\n"
    assert [v for _, v in verdicts(chain)] == ["correct", "correct", "correct", "arithmetic"]
    scalar_above = "\\begin{align*}\na &= 1 + 2 \\\\\n&= (1, 2)\n\\end{align*}\n"
    assert last(scalar_above).verdict == "unknown"
