"""Spec files: what is read, and one-line errors naming file and key for everything that is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

import symnn
from symnn.core.errors import SpecError

ROOT = Path(__file__).resolve().parents[1]
LECTURE_TEXT = (ROOT / "derivations" / "backprop_lecture.toml").read_text()


def test_lecture_spec_is_read_as_written():
    spec = symnn.load_spec(ROOT / "derivations" / "backprop_lecture.toml")
    assert spec.title == "2-2-2 sigmoid network, one gradient-descent step"
    assert spec.inputs == ["x1", "x2"]
    assert [layer.units for layer in spec.layers] == [["h1", "h2"], ["o1", "o2"]]
    assert spec.layers[0].weights == {"h1": {"x1": "w1", "x2": "w3"}, "h2": {"x1": "w2", "x2": "w4"}}
    assert spec.layers[1].activation == "sigmoid" and spec.layers[0].bias == {}
    assert spec.loss == "half_sse" and spec.reduction == "sum"
    assert spec.values["w6"] == -0.5 and spec.targets == {"o1": 0.23, "o2": -0.07}
    assert spec.samples == [symnn.Sample({"x1": 0.5, "x2": 0.3}, {"o1": 0.23, "o2": -0.07})]
    assert spec.learning_rate == 1.0 and spec.steps == 1 and spec.frozen == frozenset()
    assert spec.source.endswith("backprop_lecture.toml")
    assert spec.parameters == ["w1", "w3", "w2", "w4", "w5", "w7", "w6", "w8"]


def test_shared_bias_frozen_and_data():
    spec = symnn.load_spec(ROOT / "derivations" / "specs" / "mazur.toml")
    assert spec.layers[0].bias == {"h1": "b1", "h2": "b1"}
    assert spec.frozen == frozenset({"b1", "b2"})
    classifier = symnn.load_spec(ROOT / "derivations" / "specs" / "softmax_classifier.toml")
    assert len(classifier.samples) == 3 and classifier.reduction == "mean"
    assert classifier.layers[-1].activation == "softmax"
    assert classifier.samples[2].inputs == {"x1": -1.0, "x2": -1.0}


def replace(old: str, new: str, text: str = LECTURE_TEXT) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


BAD = {
    "unknown source": (replace('h1 = { x1 = "w1"', 'h1 = { x9 = "w1"'),
                       "network.layers[0].weights.h1.x9", "unknown unit or input 'x9'"),
    "unknown unit": (replace('weights = { h1 = {', 'weights = { h9 = {'),
                     "network.layers[0].weights.h9", "unknown unit of this layer 'h9'"),
    "later layer": (replace('h1 = { x1 = "w1", x2 = "w3" }', 'h1 = { x1 = "w1", o1 = "w3" }'),
                    "network.layers[0].weights.h1.o1", "later layer"),
    "missing value": (replace("w8 = 0.8\n", ""), "values", "no value for the parameter 'w8'"),
    "missing input": (replace("x2 = 0.3\n", ""), "values", "no value for the input 'x2'"),
    "missing target": (replace("o2 = -0.07\n", ""), "targets", "no target for the output unit 'o2'"),
    "non-number": (replace("w5 = 0.1", 'w5 = "0.1"'), "values.w5", "expected a number"),
    "boolean": (replace("w5 = 0.1", "w5 = true"), "values.w5", "expected a number"),
    "unknown value name": (replace("w8 = 0.8", "w8 = 0.8\nw9 = 1.0"), "values.w9",
                           "unknown input or parameter 'w9'"),
    "repeated unit": (replace('units = ["o1", "o2"]', 'units = ["o1", "h1"]'), "network.layers[1].units",
                      "'h1' is repeated"),
    "repeated input": (replace('inputs = ["x1", "x2"]', 'inputs = ["x1", "x1"]'), "network.inputs",
                       "'x1' is repeated"),
    "parameter named like a unit": (replace('x1 = "w1"', 'x1 = "h2"'), "network.layers[0].weights.h1.x1",
                                    "'h2' is repeated"),
    "invalid toml": (replace("w5 = 0.1", "w5 = = 0.1"), "line", "not valid TOML"),
    "unknown activation": (replace('activation = "sigmoid"', 'activation = "sigmod"'),
                           "network.layers[0].activation", "did you mean 'sigmoid'"),
    "unknown loss": (replace('loss = "half_sse"', 'loss = "half_sme"'), "network.loss", "unknown loss"),
    "softmax hidden": (replace('activation = "sigmoid"', 'activation = "softmax"'),
                       "network.layers[0].activation", "only allowed for the output layer"),
    "steps": (replace("steps = 1", "steps = 0"), "training.steps", "whole number"),
    "learning rate": (replace("learning_rate = 1", "learning_rate = -1"), "training.learning_rate",
                      "positive"),
    "frozen unknown": (replace("steps = 1", 'steps = 1\nfrozen = ["b7"]'), "training.frozen",
                       "unknown parameter 'b7'"),
    "unknown key": (replace("[training]", "[trainign]"), "trainign", "did you mean 'training'"),
    "reserved name": (replace('x1 = "w1"', 'x1 = "Error"'), "network.layers[0].weights.h1.x1",
                      "reserved for the loss"),
    "bad character": (replace('units = ["h1", "h2"]', 'units = ["h#1", "h2"]'), "network.layers[0].units",
                      "contains the character(s) #"),
    "no layers": ('[network]\ninputs = ["x"]\nloss = "mse"\n', "network.layers", "missing"),
    "bias of other layer": (replace('activation = "sigmoid"\nweights = { h1',
                                    'activation = "sigmoid"\nbias = { o1 = "b" }\nweights = { h1'),
                            "network.layers[0].bias.o1", "unknown unit of this layer 'o1'"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_specs_name_file_and_key(case):
    text, key, message = BAD[case]
    with pytest.raises(SpecError) as raised:
        symnn.parse_spec(text, source="bad.toml")
    line = str(raised.value)
    assert "\n" not in line
    assert line.startswith("bad.toml: ")
    assert key in line and message in line, line


def test_line_numbers_are_given_where_found():
    text = replace("w5 = 0.1", 'w5 = "0.1"')
    with pytest.raises(SpecError) as raised:
        symnn.parse_spec(text, source="bad.toml")
    number = next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith("w5 ="))
    assert f"values.w5 (line {number})" in str(raised.value)
    with pytest.raises(SpecError, match=r"line \d+"):
        symnn.parse_spec("[network\ninputs = 1", source="bad.toml")


def test_missing_file():
    with pytest.raises(SpecError, match=r"no-such\.toml: no such file"):
        symnn.load_spec("no-such.toml")


def test_row_and_column_order_give_the_same_network():
    # the same wiring written with the names swapped: only the per-edge table decides
    row = replace('weights = { h1 = { x1 = "w1", x2 = "w3" }, h2 = { x1 = "w2", x2 = "w4" } }',
                  'weights = { h1 = { x1 = "w1", x2 = "w2" }, h2 = { x1 = "w3", x2 = "w4" } }')
    row = row.replace("w2 = -0.4\nw3 = 0.5", "w2 = 0.5\nw3 = -0.4")
    a = symnn.Network(symnn.parse_spec(LECTURE_TEXT)).evaluate()
    b = symnn.Network(symnn.parse_spec(row)).evaluate()
    assert a.loss == b.loss
    assert a.gradients["w3"] == b.gradients["w2"] and a.gradients["w2"] == b.gradients["w3"]
