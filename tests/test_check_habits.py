"""Habits of people who write worked solutions, each with its verdict worked out by hand first.

Lecture network (column order): h1 = 0.562177, h2 = 0.495000, o1 = 0.476946, o2 = 0.528696,
dE/dw1 = -0.00842148, dE/dw3 = -0.00505289, w5' = 0.0653670.
"""

from __future__ import annotations

from pathlib import Path

from symnn.checking.checker import check

LECTURE = str(Path(__file__).parent.parent / "derivations" / "backprop_lecture.toml")


def verdicts(text: str, **problem) -> list[tuple[int, str]]:
    return [(r.line, r.verdict) for r in check(text, timeout=None, **problem).lines]


def test_a_right_final_figure_is_never_a_mistake():
    # factors at two decimals: (0.25*0.48*0.52*0.1 + 0.6*0.53*0.47*(-0.5)) * 0.56*0.44*0.50 is -0.008437;
    # the figure -0.0084 is dE/dw1 = -0.00842 at four decimals: right, whatever the factors
    text = (r"$\delta_1 = (0.25 \times 0.48 \times 0.52 \times 0.1 + 0.6 \times 0.53 \times 0.47 "
            r"\times (-0.5)) \times 0.56 \times 0.44 \times 0.50 = -0.0084$")
    report = check(text, spec=LECTURE, timeout=None)
    assert [r.verdict for r in report.lines] == ["correct"]
    # each factor is its quantity at two decimals, and their rounding reaches the exact value
    assert "rounded" in report.lines[0].message
    # a working the checker cannot follow (0.9 for w5 = 0.1 gives -0.0023): the right figure stands,
    # and the message says what was not recognised
    text = (r"$\delta_1 = (0.25 \times 0.48 \times 0.52 \times 0.9 + 0.6 \times 0.53 \times 0.47 "
            r"\times (-0.5)) \times 0.56 \times 0.44 \times 0.50 = -0.0084$")
    report = check(text, spec=LECTURE, timeout=None)
    assert [r.verdict for r in report.lines] == ["correct"]
    assert "not recognised" in report.lines[0].message


def test_a_last_digit_from_unrounded_inputs_is_rounding_not_arithmetic():
    # -0.070028 * 1.2 = -0.0840336 (6 decimals: -0.084034); the writer carried more digits of
    # -0.070028 and wrote -0.084033: within one unit of the last digit and of the input's rounding
    assert verdicts("dE/du1 = delta*theta1 = -0.070028 * 1.2 = -0.084033") == [(1, "rounding")]
    # eighteen units off is a slip, however the inputs were rounded
    assert verdicts("dE/du1 = delta*theta1 = -0.070028 * 1.2 = -0.084051") == [(1, "arithmetic")]
    # a first side of plain numbers is the givens: one unit off is a slip there
    assert verdicts("sigmoid(0.25) = 0.562176") == [(1, "arithmetic")]


def test_a_function_the_writer_defines_is_one():
    # L(w) = (w - 3)^2: L'(w) = 2(w - 3); w1 = 0 - 0.1*2*(0 - 3) = 0.6, L(w1) = 2.4^2 = 5.76
    text = "\n".join([
        "$L(w) = (w-3)^2$",
        "$L'(w) = 2(w-3)$",
        "$w_1 = 0 - 0.1 \\cdot 2(0 - 3) = 0.6$",
        "$L(w_1) = 5.76$",
        "$L(w_1) = 5.67$",
        "$L'(w) = 2(w+3)$",
    ])
    assert verdicts(text) == [(1, "correct"), (2, "correct"), (3, "correct"), (4, "correct"),
                              (5, "arithmetic"), (6, "formula")]


def test_a_derivative_through_the_writers_definitions():
    # L = -(y ln p + (1 - y) ln(1 - p)) and p = sigma(z): dL/dz = p - y, not y - p
    text = "\n".join([
        r"$L = -[\,y \ln p + (1-y)\ln(1-p)\,]$",
        r"With $p = \sigma(z)$: $\frac{\partial L}{\partial z} = p - y$",
        r"$\frac{\partial L}{\partial z} = y - p$",
    ])
    assert [v for _, v in verdicts(text)] == ["correct", "correct", "correct", "formula"]


def test_a_derivative_the_definitions_do_not_give_stays_unknown():
    # L depends on p, and nothing says how p depends on z: dL/dz is not 0, it is not known
    text = "$L = -\\ln p$\n$\\frac{\\partial L}{\\partial z} = p - 1$\n"
    assert verdicts(text)[-1] == (2, "unknown")


def test_the_softmax_jacobian_over_its_indices():
    right = r"$\frac{\partial \hat y_i}{\partial z_j} = \hat y_i(\delta_{ij} - \hat y_j)$"
    wrong = r"$\frac{\partial \hat y_i}{\partial z_j} = \hat y_i(1 - \hat y_j)$"  # false for i != j
    assert verdicts(right + "\n" + wrong) == [(1, "correct"), (2, "formula")]


def test_a_second_forward_pass_reads_its_names_after_the_update():
    # after the update every weight w' = w - dE/dw; the second pass: h1 = sigma(0.2084215*0.5 +
    # 0.5050529*0.3) = sigma(0.2557266) = 0.5635855, h2 = 0.4928574, o1 = sigma(0.0653670*h1 -
    # 0.3304946*h2) = sigma(-0.1260468) = 0.4685300 (worked out with the updated weights)
    text = "\n".join([
        r"$w_1' = 0.2 - (-0.0084215) = 0.2084215$, $w_2' = -0.4 - 0.0126067 = -0.4126067$",
        r"$w_3' = 0.5 - (-0.0050529) = 0.5050529$, $w_4' = 0.6 - 0.0075640 = 0.5924360$",
        r"$w_5' = 0.1 - 0.0346330 = 0.0653670$, $w_7' = -0.3 - 0.0304946 = -0.3304946$",
        r"$h_1 = \sigma(0.2084215 \times 0.5 + 0.5050529 \times 0.3) = 0.5635855$",
        r"$h_2 = \sigma(-0.4126067 \times 0.5 + 0.5924360 \times 0.3) = 0.4928574$",
        r"$o_1 = \sigma(0.0653670\,h_1 - 0.3304946\,h_2) = \sigma(-0.1260468) = 0.4685300$",
    ])
    assert all(v in ("correct", "rounding") for _, v in verdicts(text, spec=LECTURE))


def test_new_before_a_parameter_means_its_updated_value():
    # w5' = 0.1 - 1 * 0.034633 = 0.065367
    assert verdicts("new: w5 = 0.065367", spec=LECTURE) == [(1, "correct")]
    assert verdicts("new: w5 = 0.0700", spec=LECTURE) == [(1, "arithmetic")]


def test_a_factor_left_out_again_is_the_first_mistake_repeated():
    # dE/dh1 = 0.0616*0.1 + 0.1492*(-0.5) = -0.0684; dE/dw1 and dE/dw3 both need h1(1 - h1)
    text = "\n".join([
        r"$\partial E/\partial w_1 = -0.06844 \cdot 0.5 = -0.03422$",
        r"$\partial E/\partial w_3 = -0.06844 \cdot 0.3 = -0.02053$",
    ])
    report = check(text, spec=LECTURE, timeout=None)
    assert [r.verdict for r in report.lines] == ["formula", "rounding"]
    assert report.first_error_line == 1 and "line 1" in report.lines[1].message


def test_the_softmax_cross_entropy_gradient_said_in_words():
    # L = -log yhat_c for the true class c: dL/dz_k = yhat_k - y_k, so dL/dz1 = yhat1 - 1 when c = 1,
    # yhat2 when c != 2; "1 - yhat1" holds for no class
    right = "softmax 与交叉熵: 损失对 z1 的偏导等于 ŷ1 − 1，即 0.34 − 1 = −0.66"
    wrong = "softmax 与交叉熵: 损失对 z1 的偏导等于 1 − ŷ1，即 1 − 0.34 = 0.66"
    english = ("With softmax and cross-entropy, the derivative of the loss with respect to $z_2$ "
               "is $\\hat y_2$.")
    assert [v for _, v in verdicts(right)] == ["correct", "correct"]
    assert [v for _, v in verdicts(wrong)] == ["formula", "correct"]
    assert verdicts(english) == [(1, "correct")]
    # without a word of cross-entropy, L is unknown: not judged either way
    assert verdicts("$\\frac{\\partial L}{\\partial z_1} = \\hat y_1 - 1$") == [(1, "unknown")]


def test_a_new_slip_beside_a_carried_one_is_still_a_mistake():
    # h2 = 0.91 is wrong (0.495); then 1.1 written for h1 (0.562) is a new slip, not carried
    text = "h2 = 0.91\nnet_o1 = w5 h1 + w7 h2 = 0.1*1.1 - 0.3*0.91 = -0.163"
    assert verdicts(text, spec=LECTURE) == [(1, "arithmetic"), (2, "formula")]
    # with h1 right and the wrong h2 carried, In_o1 = 0.1*0.5622 - 0.3*0.91 = -0.2168 is carried
    text = "h2 = 0.91\nnet_o1 = w5 h1 + w7 h2 = 0.1*0.5622 - 0.3*0.91 = -0.2168"
    assert verdicts(text, spec=LECTURE) == [(1, "arithmetic"), (2, "rounding")]
    # 0.9 (the wrong h2) put in for o1 (written 0.5): a new mistake
    text = ("h2 = 0.9\no1 = 0.5\nE = 1/2 (o1 - 0.23)^2 + 1/2 (o2 + 0.07)^2 = "
            "0.5*(0.9 - 0.23)^2 + 0.5*(0.5287 + 0.07)^2 = 0.40")
    assert verdicts(text, spec=LECTURE)[-1] == (3, "formula")


def test_the_cross_entropy_gradient_keeps_to_one_true_class():
    # the true class stated (3): dL/dz2 = yhat2, not yhat2 - 1
    stated = ("Softmax, CE loss, true class 3.\n$\\frac{\\partial L}{\\partial z_1} = \\hat y_1$\n"
              "$\\frac{\\partial L}{\\partial z_2} = \\hat y_2 - 1$\n"
              "$\\frac{\\partial L}{\\partial z_3} = \\hat y_3 - 1$")
    assert [v for _, v in verdicts(stated)] == ["correct", "formula", "correct"]
    # not stated: the first line fixes class 1, the second contradicts it
    unstated = ("softmax + CE:\n$\\frac{\\partial L}{\\partial z_1} = \\hat y_1 - 1$\n"
                "$\\frac{\\partial L}{\\partial z_2} = \\hat y_2 - 1$")
    assert [v for _, v in verdicts(unstated)] == ["correct", "formula"]
    # in Chinese, the second class
    chinese = "softmax 与交叉熵，真实类别是第二类。\n损失对 z2 的偏导等于 ŷ2 − 1\n损失对 z1 的偏导等于 ŷ1 − 1"
    assert [v for _, v in verdicts(chinese)] == ["correct", "formula"]


def test_a_rule_over_indices_keeps_its_stated_condition():
    # for i != j the softmax Jacobian is -yhat_i yhat_j; for i = j it is yhat_i (1 - yhat_i)
    assert verdicts("For $i \\neq j$: $\\frac{\\partial \\hat y_i}{\\partial z_j} = -\\hat y_i \\hat y_j$") \
        == [(1, "correct")]
    assert verdicts("For $i \\neq j$: $\\frac{\\partial \\hat y_i}{\\partial z_j} = \\hat y_i \\hat y_j$") \
        == [(1, "formula")]
    diagonal = "For $i = j$: $\\frac{\\partial \\hat y_i}{\\partial z_j} = \\hat y_i (1 - \\hat y_i)$"
    assert verdicts(diagonal)[-1] == (1, "correct")
