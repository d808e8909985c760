"""Moodle XML: it parses, has Moodle's structure, and every answer is within tolerance of the truth."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np

from symnn.exercises.exercise import generate, load_exercise, moodle_categories
from symnn.render.moodle import NumericalQuestion, QuestionCategory, quiz_xml

ROOT = Path(__file__).resolve().parents[1]


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def lecture_truth(v: dict, t: dict) -> dict:
    """Every asked quantity of the lecture network, computed by hand (w1, w3 into h1; w5, w7 into o1)."""
    h1 = sigmoid(v["w1"] * v["x1"] + v["w3"] * v["x2"])
    h2 = sigmoid(v["w2"] * v["x1"] + v["w4"] * v["x2"])
    o1 = sigmoid(v["w5"] * h1 + v["w7"] * h2)
    o2 = sigmoid(v["w6"] * h1 + v["w8"] * h2)
    d1 = (o1 - t["o1"]) * o1 * (1 - o1)
    d2 = (o2 - t["o2"]) * o2 * (1 - o2)
    e1 = (d1 * v["w5"] + d2 * v["w6"]) * h1 * (1 - h1)
    e2 = (d1 * v["w7"] + d2 * v["w8"]) * h2 * (1 - h2)
    g = {"w5": d1 * h1, "w7": d1 * h2, "w6": d2 * h1, "w8": d2 * h2,
         "w1": e1 * v["x1"], "w3": e1 * v["x2"], "w2": e2 * v["x1"], "w4": e2 * v["x2"]}
    truth = {"forward.h1": h1, "forward.h2": h2, "forward.o1": o1, "forward.o2": o2,
             "loss": 0.5 * ((o1 - t["o1"]) ** 2 + (o2 - t["o2"]) ** 2)}
    truth.update({f"gradients.{p}": x for p, x in g.items()})
    truth.update({f"updated.{p}": v[p] - 1.0 * x for p, x in g.items()})
    return truth


def test_every_question_has_a_correct_answer_within_its_tolerance():
    result = generate(load_exercise(ROOT / "derivations" / "backprop_lecture.toml"), 30, seed=7)
    root = ET.fromstring(quiz_xml(moodle_categories(result, form="per-quantity")))
    assert root.tag == "quiz"
    variants = {v.index: v for v in result.variants}
    categories = [q for q in root if q.get("type") == "category"]
    numerical = [q for q in root if q.get("type") == "numerical"]
    quantities = result.exercise.quantities()
    assert len(categories) == len(quantities)
    assert len(numerical) == 30 * len(quantities)
    assert root[0].get("type") == "category"
    for category in categories:
        assert category.find("category/text").text.startswith("$course$/top/symnn/")
    checked = set()
    for question in numerical:
        assert question.find("name/text").text
        assert question.find("questiontext").get("format") == "html"
        assert "\\(" in question.find("questiontext/text").text
        answers = question.findall("answer")
        assert [a.get("fraction") for a in answers] == ["100"]
        value = float(answers[0].find("text").text)
        tolerance = float(answers[0].find("tolerance").text)
        match = re.fullmatch(r".*-v(\d+)-(.+)", question.find("idnumber").text)
        index, quantity = int(match.group(1)), match.group(2)
        v = variants[index]
        assert tolerance == 10.0 ** -v.decimals.get(quantity, result.exercise.decimals)
        exact = lecture_truth(v.values, v.targets)[quantity]
        assert abs(value - exact) <= tolerance, (index, quantity, value, exact)
        assert math.isfinite(value)
        checked.add((index, quantity))
    assert len(checked) == len(numerical)


def test_question_text_and_names_are_escaped():
    q = NumericalQuestion("a&b", "x < y & z", "<p>1 < 2 & $x$</p>", -0.5, 0.01, answer_text="-0.50")
    root = ET.fromstring(quiz_xml([QuestionCategory("symnn/a & b", [q], info="i < j")]))
    assert root.find("question[@type='numerical']/name/text").text == "x < y & z"
    assert root.find("question[@type='numerical']/questiontext/text").text == "<p>1 < 2 & $x$</p>"
    assert root.find("question[@type='numerical']/answer/text").text == "-0.50"
    assert root.find("question[@type='category']/category/text").text == "$course$/top/symnn/a & b"


def test_calculated_questions_give_the_activation_and_its_derivative():
    from symnn.checking.parse import parse_expression

    exercise = load_exercise(ROOT / "derivations" / "exercises" / "activation_derivative.toml")
    result = generate(exercise, 20, seed=2)
    root = ET.fromstring(quiz_xml(moodle_categories(result, form="per-quantity")))
    truths = {
        "sigmoid": (lambda x: 1 / (1 + math.exp(-x)), lambda x: math.exp(-x) / (1 + math.exp(-x)) ** 2),
        "tanh": (math.tanh, lambda x: 1 / math.cosh(x) ** 2),
        "softplus": (lambda x: math.log1p(math.exp(x)), lambda x: 1 / (1 + math.exp(-x))),
    }
    calculated = root.findall("question[@type='calculated']")
    assert len(calculated) == 2 * len({v.values["activation"] for v in result.variants})
    for question in calculated:
        name, key = question.find("idnumber").text.split("-")[-2:]
        truth = truths[name][0 if key == "value" else 1]
        answer = question.find("answer")
        assert answer.get("fraction") == "100" and answer.find("tolerancetype").text == "2"
        tolerance = float(answer.find("tolerance").text)
        formula = answer.find("text").text
        items = question.findall("dataset_definitions/dataset_definition/dataset_items/dataset_item")
        used = sorted({v.values["x"] for v in result.variants if v.values["activation"] == name})
        assert [float(item.find("value").text) for item in items] == used
        definition = question.find("dataset_definitions/dataset_definition")
        assert int(definition.find("itemcount").text) == len(items)
        for x in used:
            value = float(parse_expression(formula.replace("{x}", repr(x))).evalf(30))
            assert abs(value - truth(x)) <= tolerance * 1e-6
