"""Edge cases where a network once gave a wrong number, NaN, a traceback or non-JSON, each against
a value computed independently (mpmath at 50 digits or the lecture worked by hand)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import symnn
from symnn.cli import main
from symnn.core.errors import SpecError
from symnn.models.network import Network
from symnn.testing import high_precision, lecture_backprop, strict_json

ROOT = Path(__file__).resolve().parents[1]
LECTURE = (ROOT / "derivations" / "backprop_lecture.toml").read_text(encoding="utf-8")
MP = high_precision(50)


def rename(text: str, names: dict[str, str]) -> str:
    """The spec text with whole-word names replaced."""
    return re.sub(r"\b(" + "|".join(map(re.escape, names)) + r")\b", lambda m: names[m.group(1)], text)


def run_json(capsys, tmp_path, text: str) -> dict:
    path = tmp_path / "spec.toml"
    path.write_text(text, encoding="utf-8")
    assert main(["backprop", str(path), "--json"]) == 0
    return strict_json(capsys.readouterr().out)


# -- names that lambdify's temporaries use -----------------------------------------------------
def test_an_unused_input_named_like_a_temporary_changes_nothing(capsys, tmp_path):
    text = LECTURE.replace('inputs = ["x1", "x2"]', 'inputs = ["x1", "x2", "x3"]').replace(
        "x2 = 0.3", "x2 = 0.3\nx3 = 1.0")
    data = run_json(capsys, tmp_path, text)
    hand = lecture_backprop()
    assert data["gradients"]["w1"] == pytest.approx(hand["gradients"]["w1"], rel=1e-12)  # -0.00842
    for name, value in hand["updated"].items():
        assert data["updated"][name] == pytest.approx(value, rel=1e-12)


def test_weights_named_x0_to_x7_and_an_output_named_x0(capsys, tmp_path):
    weights = {f"w{k}": f"x{k + 2}" for k in range(1, 9)}  # w1 -> x3, ..., w8 -> x10
    text = rename(LECTURE, {"o1": "x0", **weights})
    data = run_json(capsys, tmp_path, text)
    hand = lecture_backprop()
    for name, value in hand["gradients"].items():
        assert data["gradients"][weights[name]] == pytest.approx(value, rel=1e-12), name
        assert data["updated"][weights[name]] == pytest.approx(hand["updated"][name], rel=1e-12), name
    assert data["forward"]["x0"] == pytest.approx(hand["forward"]["o1"], rel=1e-12)
    assert data["history"] == [pytest.approx(hand["loss"], rel=1e-12)]


# -- stable losses -----------------------------------------------------------------------------
def classifier(activation: str, loss: str, scores: list[float], label: int) -> str:
    """A one-input network whose output net inputs are ``scores`` (x = 1, weights = scores)."""
    units = [f"o{k + 1}" for k in range(len(scores))]
    weights = ", ".join(f'{u} = {{ x = "w{k + 1}" }}' for k, u in enumerate(units))
    values = "\n".join(f"w{k + 1} = {s!r}" for k, s in enumerate(scores))
    targets = "\n".join(f"{u} = {1 if k == label else 0}" for k, u in enumerate(units))
    return (f'[network]\ninputs = ["x"]\nloss = "{loss}"\n[[network.layers]]\nunits = {units!r}\n'
            f'activation = "{activation}"\nweights = {{ {weights} }}\n[values]\nx = 1.0\n{values}\n'
            f"[targets]\n{targets}\n").replace("'", '"')


def mp_softmax_cross_entropy(scores: list[float], label: int):
    z = [MP.mpf(s) for s in scores]
    lse = MP.log(MP.fsum(MP.exp(v) for v in z))
    probabilities = [MP.exp(v - lse) for v in z]
    return lse - z[label], [p - (1 if k == label else 0) for k, p in enumerate(probabilities)]


@pytest.mark.parametrize("scale", [1e3, 1e6])
@pytest.mark.parametrize(("activation", "loss"), [("softmax", "cross_entropy"),
                                                  ("identity", "softmax_cross_entropy")])
def test_softmax_cross_entropy_at_large_scores(capsys, tmp_path, scale, activation, loss):
    scores = [scale, 0.0, -scale]  # the label is the lowest score: loss = lse - (-scale), about 2 * scale
    data = run_json(capsys, tmp_path, classifier(activation, loss, scores, label=2))
    loss_value, gradient = mp_softmax_cross_entropy(scores, 2)
    assert data["loss"] == pytest.approx(float(loss_value), rel=1e-12)  # 2000, 2e6
    assert data["loss"] == pytest.approx(2 * scale, rel=1e-12)
    for k in range(3):
        assert data["gradients"][f"w{k + 1}"] == pytest.approx(float(gradient[k]), rel=1e-12, abs=1e-300)


def test_sigmoid_cross_entropy_far_below_zero(capsys, tmp_path):
    data = run_json(capsys, tmp_path, classifier("sigmoid", "cross_entropy", [-800.0, 3.0], label=0)
                    .replace("[[network.layers]]", "[[network.layers]]"))
    z = MP.mpf(-800)
    loss = MP.log(1 + MP.exp(-z)) + MP.log(1 + MP.exp(-MP.mpf(3))) * 0  # target 0 adds nothing
    assert data["loss"] == pytest.approx(float(loss), rel=1e-12)  # 800
    # dLoss/dz = -(1 - sigmoid(z)) for the labelled unit, 0 for the other (0 log 0 = 0)
    assert data["gradients"]["w1"] == pytest.approx(float(-(1 - 1 / (1 + MP.exp(-z)))), rel=1e-12)
    assert data["gradients"]["w2"] == 0.0
    assert data["deltas"]["o2"] == 0.0


def test_json_names_a_number_beyond_the_float_range(capsys, tmp_path):
    # dLoss/do1 = -1/o1 with o1 = e^-800 is about -e^800: null in JSON, and named
    data = run_json(capsys, tmp_path, classifier("sigmoid", "cross_entropy", [-800.0, 3.0], label=0))
    assert data["output_gradient"]["o1"] is None
    assert data["beyond_float_range"] == ["output_gradient.o1"]


def test_json_refuses_a_value_that_is_not_defined(capsys, tmp_path):
    # cross-entropy of an identity output that is negative: log of a negative number
    path = tmp_path / "spec.toml"
    path.write_text(classifier("identity", "cross_entropy", [-0.5, 0.2], label=0), encoding="utf-8")
    assert main(["backprop", str(path), "--json"]) == 2
    err = capsys.readouterr().err
    assert "loss is nan" in err and "Traceback" not in err


# -- every valid spec gives a complete report ---------------------------------------------------
DEAD = LECTURE.replace('units = ["h1", "h2"]', 'units = ["h1", "h2", "h3"]').replace(
    'h2 = { x1 = "w2", x2 = "w4" } }',
    'h2 = { x1 = "w2", x2 = "w4" }, h3 = { x1 = "w9" } }\nbias = { h3 = "b3" }'
).replace("w8 = 0.8", "w8 = 0.8\nw9 = 0.7\nb3 = 0.1")


def report(tmp_path, capsys, text: str, *options: str) -> str:
    path = tmp_path / "spec.toml"
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["backprop", str(path), "--latex", f"{out}.tex", "--md", f"{out}.md", *options]) == 0
    assert (tmp_path / "out.tex").read_text(encoding="utf-8").rstrip().endswith(r"\end{document}")
    assert "Gradient of Error" in (tmp_path / "out.md").read_text(encoding="utf-8")
    return capsys.readouterr().out


def test_a_unit_that_feeds_nothing(capsys, tmp_path):
    text = report(tmp_path, capsys, DEAD)
    assert "h3 feeds no unit" in text
    data = run_json(capsys, tmp_path, DEAD)
    assert data["gradients"]["w9"] == 0.0 and data["gradients"]["b3"] == 0.0 and data["deltas"]["h3"] == 0.0
    hand = lecture_backprop()  # h3 changes nothing else: the lecture's numbers, by hand
    for name, value in hand["gradients"].items():
        assert data["gradients"][name] == pytest.approx(value, rel=1e-12)


HINGE_AT_ZERO = """
[network]
inputs = ["x"]
loss = "hinge"
[[network.layers]]
units = ["s1", "s2"]
activation = "identity"
weights = { s1 = { x = "w1" }, s2 = { x = "w2" } }
[values]
x = 1.0
w1 = 2.0
w2 = 1.0
[targets]
s1 = 1
s2 = 0
"""


def test_a_hinge_margin_of_exactly_zero(capsys, tmp_path):
    text = report(tmp_path, capsys, HINGE_AT_ZERO)
    assert "max(0," in text
    data = run_json(capsys, tmp_path, HINGE_AT_ZERO)
    margin = MP.mpf(1) - MP.mpf(2) + 1  # s2 - s1 + 1 = 0
    assert margin == 0 and data["loss"] == float(MP.fsum([0, max(MP.mpf(0), margin)]))
    # at a margin of exactly 0 the subgradient counts the margin as inactive
    assert data["gradients"] == {"w1": 0.0, "w2": 0.0}


TIE = """
[network]
inputs = ["x"]
loss = "half_sse"
[[network.layers]]
units = ["o"]
activation = "identity"
weights = { o = { x = "w" } }
[values]
x = 1.0
w = 0.36125
[targets]
o = 0.0
"""


def test_a_displayed_value_that_is_a_rounding_tie(capsys, tmp_path):
    text = report(tmp_path, capsys, TIE)
    # 0.36125 as written rounds half-up to 0.3613 at 4 decimals
    assert "≈ 0.3613" in text
    data = run_json(capsys, tmp_path, TIE)
    assert data["gradients"]["w"] == pytest.approx(float(MP.mpf("0.36125")), rel=1e-15)


@pytest.mark.parametrize(("activation", "loss", "scores", "shown"), [
    ("identity", "softmax_cross_entropy", [1e3, 0.0, -1e3], "Loss = 2000"),
    ("softmax", "cross_entropy", [1e3, 0.0, -1e3], "Loss = 2000"),
    ("sigmoid", "cross_entropy", [-800.0, 3.0], "Loss = 800")])
def test_saturated_classifiers_have_a_complete_report(capsys, tmp_path, activation, loss, scores, shown):
    text = report(tmp_path, capsys, classifier(activation, loss, scores, label=len(scores) - 1
                                               if activation != "sigmoid" else 0))
    assert "Gradient of Error with respect to w2" in text and shown in text


# -- specs ---------------------------------------------------------------------------------------
def test_softmax_twice_is_refused_with_both_fixes_named():
    with pytest.raises(SpecError) as error:
        symnn.parse_spec(classifier("softmax", "softmax_cross_entropy", [1.0, 2.0], label=0), source="s.toml")
    message = str(error.value)
    assert "network.layers[0].activation" in message and "softmax would be applied twice" in message
    assert 'loss = "cross_entropy"' in message and 'activation = "identity"' in message


@pytest.mark.parametrize("name", ["sse", "error", "half_sse", "Half-SSE"])
def test_every_name_of_the_loss_catalogue_is_accepted(name):
    net = Network(symnn.parse_spec(LECTURE.replace('loss = "half_sse"', f'loss = "{name}"'), source="s.toml"))
    assert net.spec.loss == "half_sse"
    assert net.evaluate().gradients["w1"] == pytest.approx(lecture_backprop()["gradients"]["w1"], rel=1e-12)


# -- graphs ----------------------------------------------------------------------------------------
def graph_json(capsys, *arguments: str) -> dict:
    assert main(["graph", *arguments, "--json"]) == 0
    return strict_json(capsys.readouterr().out)


def test_graph_sigmoid_far_below_zero(capsys):
    data = graph_json(capsys, "1/(1+exp(-x))", "--at", "x=-800")
    x = MP.mpf(-800)
    value = 1 / (1 + MP.exp(-x))  # about e^-800 = 3.7e-348: below the smallest float, which is 0
    assert data["value"] == float(value) == 0.0
    assert data["gradients"]["x"] == float(value * (1 - value)) == 0.0
    assert data["beyond_float_range"]  # e^800 inside is named, not written as Infinity


@pytest.mark.parametrize(("expression", "index"), [("log(exp(a)+exp(b)+exp(c))", None),
                                                   ("exp(a)/(exp(a)+exp(b)+exp(c))", 0),
                                                   ("exp(b)/(exp(a)+exp(b)+exp(c))", 1)])
def test_graph_softmax_and_log_sum_exp_at_large_scores(capsys, expression, index):
    data = graph_json(capsys, expression, "--at", "a=1000,b=1001,c=999")
    z = [MP.mpf(1000), MP.mpf(1001), MP.mpf(999)]
    lse = MP.log(MP.fsum(MP.exp(v) for v in z))
    p = [MP.exp(v - lse) for v in z]
    if index is None:
        assert data["value"] == pytest.approx(float(lse), rel=1e-15)  # 1001.4076...
        want = p
    else:
        assert data["value"] == pytest.approx(float(p[index]), rel=1e-15)  # 0.2447..., 0.6652...
        want = [p[index] * ((1 if k == index else 0) - p[k]) for k in range(3)]
    for name, w in zip("abc", want, strict=True):
        assert data["gradients"][name] == pytest.approx(float(w), rel=1e-14)


def test_graph_a_variable_that_cancels_is_accepted(capsys):
    data = graph_json(capsys, "sin(w0 - w0)", "--at", "w0=1")
    assert data["value"] == 0.0 and data["gradients"] == {"w0": 0.0}


def test_graph_is_drawn_as_written(capsys):
    data = graph_json(capsys, "x + x + x*x", "--at", "x=1.5")
    assert [n["gate"] for n in data["nodes"]] == ["input", "+", "*", "+"]
    assert data["value"] == 1.5 + 1.5 + 1.5 * 1.5 and data["gradients"]["x"] == 2 + 2 * 1.5


def test_graph_expression_may_start_with_a_minus(capsys):
    data = graph_json(capsys, "-x*y", "--at", "x=1,y=2")
    assert data["value"] == -2.0 and data["gradients"] == {"x": -2.0, "y": -1.0}


def test_a_step_sympy_cannot_decide_is_checked_numerically_and_marked(monkeypatch):
    import sympy

    import symnn.core.derivation as derivation
    from symnn.core.derivation import Rule, Step
    from symnn.core.equality import Comparison
    from symnn.core.errors import DerivationError
    from symnn.models.network.derivations import VerifiedDerivation

    net = Network(symnn.parse_spec(LECTURE, source="lecture.toml"))
    monkeypatch.setattr(derivation, "compare", lambda a, b, **options: Comparison(False, "undecided"))
    built = net.derivation("w1")  # every symbolic step now "could not be decided"
    assert any("checked numerically at 50 digits" in step.label for step in built.steps)
    assert float(built.result.doit()) == pytest.approx(lecture_backprop()["gradients"]["w1"], abs=5e-7)
    x = sympy.Symbol("x")
    with pytest.raises(DerivationError):  # a false step is still refused
        VerifiedDerivation(sympy.sin(x) ** 2, [Step(sympy.S.One, Rule.ALGEBRA)], point={x: 0.3})


def test_saturated_gradients_against_central_differences_at_50_digits(capsys, tmp_path):
    from symnn.testing import central_differences

    scores = {"w1": 1000.0, "w2": 0.0, "w3": -1000.0}

    def loss(ctx, p):  # softmax cross-entropy of the scores, label 3, computed in mpmath
        z = [p["w1"], p["w2"], p["w3"]]
        return ctx.log(ctx.fsum(ctx.exp(v) for v in z)) - z[2]

    want = central_differences(loss, scores, digits=50)
    data = run_json(capsys, tmp_path, classifier("softmax", "cross_entropy", list(scores.values()), label=2))
    for name, value in want.items():
        assert data["gradients"][name] == pytest.approx(float(value), rel=1e-12, abs=1e-300)
