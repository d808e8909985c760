"""The writer's own notation: labels, legends, names given by their figures, code, rules stated once.

Every verdict here was worked out by hand (50-digit values in the comments) before the checker ran.
Lecture network (column order): In_o1 = w5 h1 + w7 h2 = -0.0922824, dE/dw5 = 0.0346330,
dE/dw3 = -0.00505289. Mazur: out_h1 = 0.593270, out_o1 = 0.751365, dE/dw5 = 0.0821670.
Three layers: u2 = 0.3 a1 + 0.8 a3 + 0.1 = -0.119538. Circuit: f = 0.731059, f(1 - f) = 0.196612.
"""

from __future__ import annotations

from pathlib import Path

from symnn.checking.checker import check
from symnn.checking.report import MISTAKES

ROOT = Path(__file__).parent.parent
LECTURE = {"spec": str(ROOT / "derivations" / "backprop_lecture.toml")}
MAZUR = {"spec": str(ROOT / "derivations" / "specs" / "mazur.toml")}
THREE = {"spec": str(ROOT / "derivations" / "specs" / "three_layer.toml")}
CIRCUIT = {"expr": "1/(1+exp(-(w0*x0+w1*x1+w2)))", "at": "w0=2,x0=-1,w1=-3,x1=-2,w2=-3"}


def verdicts(text: str, **problem) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    for r in check(text, timeout=None, **problem).lines:
        out.setdefault(r.line, set()).add(r.verdict)
    return out


def mistaken(text: str, **problem) -> list[int]:
    return sorted(line for line, seen in verdicts(text, **problem).items() if seen & set(MISTAKES))


def test_a_label_names_the_net_input_it_computes():
    # "o1 net:" is In_o1 = w5 h1 + w7 h2: w6 in its place is the row order, a mistake
    assert mistaken("o1 net: w5 h1 + w6 h2 = .1(.56218) - .5(.495) = -.19128", **LECTURE) == [1]
    # 0.1 * 0.56218 - 0.3 * 0.495 = -0.092282
    assert verdicts("o1 net: w5 h1 + w7 h2 = .1(.56218) - .3(.495) = -.09228", **LECTURE) == {1: {"correct"}}


def test_a_letter_defined_as_the_gradient_is_read_as_one():
    legend = "g(.) = dE/d(.)\n"
    assert mistaken(legend + "g(w5) = 0.082167", **MAZUR) == []
    assert mistaken(legend + "g(w5) = -0.082167", **MAZUR) == [2]


def test_a_name_given_the_figure_of_one_quantity_is_the_writers_name_for_it():
    # z1 (the first output's net input by convention) written 0.3775 is In_h1; a1 = 0.593270 is out_h1
    text = ("z1 = 0.3775   a1 = 0.593270\ne_1 = (0.7514 - 0.01)(0.7514)(0.2486) = 0.1385\n"
            "dE/dw5 = e_1 a1 = 0.082167")
    assert mistaken(text, **MAZUR) == []
    assert verdicts(text, **MAZUR)[3] == {"correct"}  # e_1 * a1 is delta_o1 * out_h1, read as such


def test_code_names_comments_and_tuples():
    text = "\n".join(["x1, x2 = 0.5, 0.3", "dE_dw5 = 0.034633", "dE_dw3 = -0.005053  # hidden weight"])
    assert verdicts(text, **LECTURE) == {1: {"correct"}, 2: {"correct"}, 3: {"correct"}}
    assert mistaken("dE_dw5 = 0.043633", **LECTURE) == [1]
    # dx0 = w0 f(1 - f) = 2 * 0.196612 = 0.393224
    graph = "\n".join(["dot = w0*x0 + w1*x1 + w2   # = 1", "f = 1.0 / (1 + math.exp(-dot))   # = 0.731059",
                       "ddot = (1 - f) * f   # = 0.196612", "dx0 = w0 * ddot   # 3.9322e-1"])
    assert mistaken(graph, **CIRCUIT) == []
    wrong = graph.replace("dx0 = w0", "dx0 = x0").replace("3.9322e-1", "-1.9661e-1")
    assert mistaken(wrong, **CIRCUIT) == [4]


def test_a_parameter_written_as_its_value_minus_a_step_is_the_updated_one():
    # w11' = 0.3 - 0.5 * (-0.044087) = 0.3220435
    assert verdicts("w11 = 0.3 - 0.5*(-0.044087) = 0.322043", **THREE) == {1: {"correct"}}
    assert mistaken("w11 = 0.3 + 0.5*(-0.044087) = 0.277957", **THREE) == [1]


def test_a_target_without_its_index_is_the_target_of_the_output_beside_it():
    assert mistaken("o₁ − y = 0.4769 − (−0.07) = 0.5469", **LECTURE) == [1]
    assert mistaken("o₁ − y = 0.4769 − 0.23 = 0.2469", **LECTURE) == []


def test_working_left_out_may_round_the_figure_after_it():
    # dE/dw3 = -0.00505289 shows as -0.00505; -0.00506 is one unit off: the hidden working rounded
    assert verdicts(r"$\delta_3 = (\ldots) \times x_2 = -0.00506$", **LECTURE) == {1: {"rounding"}}
    assert mistaken(r"$\delta_3 = (\ldots) \times x_2 = -0.00606$", **LECTURE) == [1]


def test_a_rule_stated_for_every_index_judges_the_lines_below():
    text = "J_ij = p_i(δ_ij − p_j)\np = (0.2312, 0.6285, 0.1402)\n"
    assert mistaken(text + "J12 = p1·p2 = 0.1453") == [3]  # the rule gives -p1 p2 = -0.1453
    assert mistaken(text + "J12 = −p1·p2 = −0.1453") == []
    # p1(1 - p1) with p1 = 0.2312 is 0.177747; 0.1778 is what p1 unrounded (0.23122...) gives
    assert mistaken(text + "J11 = p1(1 − p1) = 0.1778") == []


def test_a_step_of_gradient_descent_goes_against_the_gradient():
    text = "L(w) = (w-2)^2 + 1, w0 = -1, lr = 0.15\nw1 = -1 - 0.15*(-6) = -0.10\n"
    assert mistaken(text + "w2 = -0.10 + 0.15*(-4.20) = -0.730") == [3]
    assert mistaken(text + "w2 = -0.10 - 0.15*(-4.20) = 0.53") == []


def test_the_loss_written_before_its_numbers_gives_its_derivative():
    text = "\n".join(["y = 1", "z = 0.1", "ŷ = sigmoid(0.1) = 0.524979",
                      "L = -[y ln ŷ + (1-y) ln(1-ŷ)] = -ln(0.524979) = 0.644397"])
    assert mistaken(text + "\ndL/dz = y - ŷ = 0.475021") == [5]  # dL/dz = ŷ - y
    assert mistaken(text + "\ndL/dz = ŷ - y = -0.475021") == []


def test_softmax_derivatives_with_the_writers_figures():
    text = ("z = (1.5, 0.3, -0.8), softmax with cross-entropy, y = (0, 1, 0)\n"
            "$\\hat y = (0.7135, 0.2149, 0.0715)$\n")
    # dŷ2/dz3 = -ŷ2 ŷ3 = -0.015375; dL/dz1 = ŷ1 - y1 = 0.7135
    assert mistaken(text + "$\\partial \\hat y_2/\\partial z_3 = -0.0154$") == []
    assert mistaken(text + "$\\partial \\hat y_2/\\partial z_3 = 0.0154$") == [3]
    assert mistaken(text + "$\\partial L/\\partial z_1 = 0.7135$") == []


def test_a_rounded_result_written_again_may_be_rounded():
    # -ln 0.0986 = 2.31668, but 0.0986 is p3 rounded (0.098573...): 2.3170 is within its reach
    assert mistaken("$p = (0.6590, 0.2424, 0.0986)$\n$-\\ln 0.0986 = 2.3170$") == []
    assert mistaken("$-\\ln 0.0986 = 2.3170$") == [1]  # a number given on its own line is exact


def test_a_layer_written_with_matrices_is_checked_entry_by_entry():
    assert verdicts("W₁ = [[w1, w3], [w2, w4]] = [[0.2, 0.5], [−0.4, 0.6]]", **LECTURE) == {1: {"correct"}}
    assert mistaken("W₁ = [[w1, w3], [w2, w4]] = [[0.2, 0.5], [0.4, 0.6]]", **LECTURE) == [1]
    layer = "W₁ = [[w1, w3], [w2, w4]] = [[0.2, 0.5], [−0.4, 0.6]]\n"
    # W1 x = (0.2*0.5 + 0.5*0.3, -0.4*0.5 + 0.6*0.3) = (0.25, -0.02): not the scalar w1 times x
    assert verdicts(layer + "z₁ = W₁x = (0.25, −0.02)", **LECTURE)[2] == {"correct"}
    assert mistaken(layer + "z₁ = W₁ᵀx = (0.25, −0.02)", **LECTURE) == [2]  # W1ᵀ x = (-0.02, 0.43)
    # the gradient of W1 is delta1 xᵀ with delta1 = (dE/dIn_h1, dE/dIn_h2) = (-0.0168430, 0.0252...)
    # (dE/dw1 = -0.00842, dE/dw3 = -0.00505); the step goes against it: w1' = 0.2084, w3' = 0.5051
    assert mistaken(layer + "W₁' = W₁ − η∇W₁ = [[0.2084, 0.5051], [−0.4126, 0.5924]]", **LECTURE) == []
    # with the gradient added: 0.2 - 0.0084 = 0.1916, ..., -0.4 + 0.0126 = -0.3874
    assert mistaken(layer + "W₁' = W₁ + η∇W₁ = [[0.1916, 0.4949], [−0.3874, 0.6076]]", **LECTURE) == [2]


def test_a_mistaken_figure_copied_again_carries_the_mistake():
    # 0.59632699 is out_h1 = 0.59326999 miscopied: line 1 is the mistake, line 2 copies it again
    text = ("net_o1 = 0.40*0.59632699 + 0.45*0.59688438 + 0.60 = 1.10712877\n"
            "net_o2 = 0.50*0.59632699 + 0.55*0.59688438 + 0.60 = 1.22644990")
    assert mistaken(text, **MAZUR) == [1]


def test_a_unit_from_the_net_input_the_writer_rounded():
    # sigmoid(1.11) = 0.752129: the net input rounded to 1.11 before the activation
    text = "out_h1 = 0.593, out_h2 = 0.597\nnet_o1 = .4*0.593 + .45*0.597 + .6 = 1.11 -> out_o1 = {}"
    assert mistaken(text.format("0.752"), **MAZUR) == []
    assert mistaken(text.format("0.762"), **MAZUR) == [2]


def test_a_remark_on_the_sign_after_a_chain():
    # u2 = 0.3 a1 + 0.8 a3 + 0.1 = -0.119538 (the dead ReLU's input)
    assert verdicts("$u_2 = 0.3a_1 + 0.8a_3 + 0.1 = -0.1195 < 0$", **THREE) == {1: {"correct"}}


def test_a_table_whose_header_has_a_place_for_the_rows_name():
    # df/dx0 = w0 f(1 - f) = 2 * 0.196612 = 0.3932; df/dw2 = f(1 - f) = 0.1966
    table = "\n".join(["$q = w_0 x_0 + w_1 x_1 + w_2$",
                       "| variable | local $\\partial q/\\partial(\\cdot)$ "
                       "| $\\partial f/\\partial(\\cdot)$ |",
                       "|---|---|---|", "| $x_0$ | $w_0 = 2$ | ${}$ |", "| $w_2$ | $1$ | $0.1966$ |"])
    assert verdicts(table.format("0.3932"), **CIRCUIT) == {1: {"correct"}, 4: {"correct"}, 5: {"correct"}}
    assert mistaken(table.format("-0.3932"), **CIRCUIT) == [4]


def test_readings_that_must_not_excuse_a_slip():
    # a made-up name is not bound by a figure its working does not give: 0.2 * 0.5 = 0.1, not h2
    text = "h2 = sigmoid(-0.4*0.5+0.6*0.3) = 0.4950\nb = 0.2 * 0.5 = 0.4950\na = sigmoid(0.9) = 0.5622"
    assert mistaken(text, **LECTURE) == [2, 3]
    # data written with three decimals is exact where it is written again: -0.341 * 0.459 = -0.156519
    assert mistaken("$\\hat y = (0.341, 0.459, 0.200)$\n$-0.341 \\times 0.459 = -0.1568$") == [2]
    assert mistaken("x = 12.5\ny = x^4 = 24500") == [2]  # 24414.06
    # a short figure of a mistaken line written again for another quantity is a new slip:
    # o2(1 - o2) = 0.249177, not the 0.2480 written (wrongly) for o1(1 - o1) above
    assert mistaken("δo1 = 0.2469 * 0.2480 = 0.0612\nδo2 = 0.5987 * 0.2480 = 0.1485", **LECTURE) == [1, 2]
    # figures that stand for no quantity are not "rounded": 0.9 is not h1 = 0.562
    assert mistaken("dE/dw5 = 0.2 * 0.2 * 0.9 = 0.036", **LECTURE) == [1]
    # a remark on the sign is dropped only when it is true
    assert verdicts("dE/dw1 = -0.0084 > 0", **LECTURE) == {1: {"unparsed"}}
    assert verdicts("dE/dw1 = -0.0084 < 0", **LECTURE) == {1: {"correct"}}


def test_products_and_powers_of_matrices_are_not_read_entry_by_entry():
    layer = "W_1 = [[w1, w3], [w2, w4]] = [[0.2, 0.5], [-0.4, 0.6]]\n"
    for line in ("n = W_1^2 = [[0.04, 0.25], [0.16, 0.36]]", "r = W_1 W_1 = [[-0.16, 0.4], [-0.32, 0.16]]",
                 "m = W_1^{-1} x = [0.46875, 0.8125]"):
        assert verdicts(layer + line, **LECTURE)[2] == {"unparsed"}


def test_a_table_of_a_computation_row_by_row():
    # r = ŷ - y and r·x for each point; the sums below: -1.3 - 1.3 - 2.4 = -5.0, -1.3 - 2.6 - 7.2 = -11.1
    table = "\n".join(["| x | y | ŷ | r = ŷ − y | r·x |", "|---|---|---|---|---|",
                       "| 1 | 2.0 | 0.7 | −1.3 | −1.3 |", "| 2 | 2.5 | 1.2 | −1.3 | −2.6 |",
                       "| 3 | 4.1 | 1.7 | −2.4 | {} |", "| Σ | | | −5.0 | {} |"])
    assert mistaken(table.format("−7.2", "−11.1")) == []
    assert mistaken(table.format("−7.4", "−11.3")) == [5]  # the sum of the figures written carries it
    # a bare cell that is a relation is a claim of its own: h1 is 0.56218, not 0.52618
    weights = "| weight | input | ∂Error/∂w |\n|---|---|---|\n| w6 | h1 = 0.52618 | 0.078496 |"
    assert mistaken(weights, **LECTURE) == [3]


def test_a_pasted_python_session():
    # h1 = sigmoid(0.25) = 0.5621765; dE/dw5 = 0.034633; a value shown below the line that asks for it
    session = "\n".join([">>> import numpy as np", ">>> h1, h2 = sigmoid(0.25), sigmoid(-0.02)",
                         ">>> round(h1, 6), round(h2, 6)", "(0.562177, {})",
                         ">>> print(f\"{{h1:.4f}}\")", "0.5622"])
    assert mistaken(session.format("0.495"), **LECTURE) == []
    assert mistaken(session.format("0.505"), **LECTURE) == [4]


def test_a_grading_key_with_margin_notes_and_a_subscript_legend():
    # g_x means df/dx; d(1/v)/dv = -1/v^2 = -0.534447, so -1/v (= -0.73106) is the slip
    key = "\n".join(["names: s = w0*x0 + w1*x1 + w2, t = -s, u = exp(t), v = 1 + u, f = 1/v",
                     "t = -1, u = 0.36788, v = 1.36788, f = 0.73106       | accept 0.731",
                     "bwd (g_x means df/dx):", "g_f = 1", "g_v = {}        | check the square"])
    assert mistaken(key.format("-1/v^2 = -0.53445"), **CIRCUIT) == []
    assert mistaken(key.format("-1/v = -0.73106"), **CIRCUIT) == [5]


def test_a_table_of_quantity_formula_and_value():
    table = "| quantity | formula | value |\n|---|---|---|\n| In_o1 | w5·h1 + w7·h2 | {} |"
    assert mistaken(table.format("−0.09228"), **LECTURE) == []  # In_o1 = -0.0922824
    assert mistaken(table.format("0.09228"), **LECTURE) == [3]


def test_decimal_commas_in_place_updates_and_words_in_text():
    # a text with decimal commas throughout: w5' = 0.4 - 0.5 * 0.082167 = 0.358916
    assert mistaken("w5 new = 0,4 − 0,5·0,082167 = 0,358916", **MAZUR) == []
    assert mistaken("w5 new = 0,4 + 0,5·0,082167 = 0,441084", **MAZUR) == [1]
    # theta1 -= 0.5 * dE/dθ1 (dE/dθ1 = -0.0407511): 1.2 + 0.0203755 = 1.2204
    assert mistaken("theta1 -= 0.5*(-0.0407511) -> 1.2204", **THREE) == []
    assert mistaken("theta1 += 0.5*(-0.0407511) -> 1.1796", **THREE) == [1]
    # a remark in \text{...} is words, not a name
    row = "$J_{11} + J_{12} + J_{13} = 0.1778 - 0.1453 - 0.0325 = 0 \\quad \\text{(rows sum to zero)}$"
    assert mistaken(row) == []


def test_layers_written_with_superscripts_and_pmatrix():
    # W^{(2)} is the matrix of layer 2, not W squared; δ^{(2)} = (o - y) ⊙ o ⊙ (1 - o) = (0.0616, 0.1492)
    text = "\n".join([r"$W^{(2)} = \begin{pmatrix} w_5 & w_7 \\ w_6 & w_8 \end{pmatrix}$",
                      r"$\delta^{(2)} = (0.0616,\ 0.1492)^\top$",
                      r"$W^{(2)} \leftarrow \begin{pmatrix} 0.1 {} 0.0346 & -0.3 {} 0.0305 \\ "
                      r"-0.5 {} 0.0839 & 0.8 {} 0.0738 \end{pmatrix}$"])
    assert mistaken(text.replace("{}", "-"), **LECTURE) == []  # w' = w - dE/dw
    assert mistaken(text.replace("{}", "+"), **LECTURE) == [3]


def test_decimal_commas_never_turn_a_list_into_a_number():
    # (0,1,0) and (1,2) are lists in a text without decimal points; 0,5 and 12,75 are decimals
    assert verdicts("y = (0,1,0)\nz = (1,2)")[1] == {"correct"}
    assert mistaken("a = 0,5 + 0,25 = 0,75\nb = 12,75 - 0,75 = 12") == []


def test_the_writers_function_at_a_point_and_its_optimum():
    text = "L(w) := (w − 2)² + 1\nw1 = 4.1\n"
    # L'(w1) = 2(4.1 - 2) = 4.2; L(w*) = 1 at the optimum w* = 2
    assert mistaken(text + "L'(w1) = 4.2\nminimum at w* = 2, L(w*) = 1") == []
    assert mistaken(text + "L'(w1) = 2(4.1 + 2) = 12.2") == [3]
