"""Quiz files read as the platforms read them, every answer checked against NumPy written out here.

moodle.xml is read with the rules of Moodle's importer: question types, the Cloze grammar of
qtype_multianswer (its ANSWER_REGEX and NUMERICAL_ALTERNATIVE_REGEX, transcribed below from
question/type/multianswer/questiontype.php), embedded files decoded from base64 and opened as
images, unique names and idnumbers. qti.zip is read with xml.etree: the manifest, every item's
correct responses and tolerances. The truths are computed from each variant's drawn values.
"""

from __future__ import annotations

import base64
import io
import itertools
import json
import math
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from symnn.exercises.exercise import generate, load_exercise, stress
from symnn.exercises.outputs import output_files

ROOT = Path(__file__).resolve().parents[1]
EXERCISES = ROOT / "derivations" / "exercises"
SPECS = [*sorted(EXERCISES.glob("*.toml")), ROOT / "derivations" / "backprop_lecture.toml"]

# -- Moodle's Cloze grammar (qtype_multianswer), PCRE transcribed to Python's re ------------------
# PHP's (?<!\\|&|&amp;) has branches of different widths, which Python's re refuses: three
# look-behinds in a row say the same.
FRACTION = r"=|%(-?[0-9]+(?:[.,][0-9]*)?)%"
ALT_ANSWER = r".+?(?<!\\)(?<!&)(?<!&amp;)(?=[~#}]|$)"
ALT_FEEDBACK = r".*?(?<!\\)(?=[~}]|$)"
ALTERNATIVE = f"({FRACTION})?({ALT_ANSWER})(#({ALT_FEEDBACK}))?"
NUMBER = r"-?(([0-9]+[.,]?[0-9]*|[.,][0-9]+)([eE][-+]?[0-9]+)?)"
NUMERICAL_ALTERNATIVE = f"^({NUMBER})(:{NUMBER})?$"
TYPE_DEF = ("(NUMERICAL|NM)|(MULTICHOICE|MC)|(MULTICHOICE_V|MCV)|(MULTICHOICE_H|MCH)|"
            "(SHORTANSWER|SA|MW)|(SHORTANSWER_C|SAC|MWC)|"
            "(MULTICHOICE_S|MCS)|(MULTICHOICE_VS|MCVS)|(MULTICHOICE_HS|MCHS)|"
            "(MULTIRESPONSE|MR)|(MULTIRESPONSE_H|MRH)|(MULTIRESPONSE_S|MRS)|(MULTIRESPONSE_HS|MRHS)")
ANSWER_REGEX = r"\{([0-9]*):(" + TYPE_DEF + "):(" + ALTERNATIVE + "(~" + ALTERNATIVE + r")*)\}"
NORM, TYPE_NUMERICAL, ALTERNATIVES = 1, 3, 16


def cloze_parts(text: str) -> tuple[list[dict], str]:
    """The subquestions Moodle's qtype_multianswer_extract_question finds in ``text``, and the text
    with each replaced by {#k}, as Moodle stores it."""
    parts = []
    while (match := re.search(ANSWER_REGEX, text, re.S)) is not None:
        assert match.group(TYPE_NUMERICAL), "every part is NUMERICAL"
        answers, remaining = [], match.group(ALTERNATIVES)
        while (alt := re.search("~?" + ALTERNATIVE, remaining, re.S)) is not None:
            number = re.search(NUMERICAL_ALTERNATIVE, alt.group(3), re.S)
            assert number is not None, alt.group(3)
            answers.append({"fraction": 1.0 if alt.group(1) == "=" else 0.0,
                            "answer": float(number.group(1)),
                            "tolerance": float(number.group(6)) if number.group(6) else 0.0,
                            "tolerance_text": number.group(6), "feedback": alt.group(5) or ""})
            remaining = remaining.split(alt.group(0), 1)[1]
        parts.append({"mark": int(match.group(NORM) or 1), "answers": answers})
        text = text.replace(match.group(0), f"{{#{len(parts)}}}", 1)
    return parts, text


def test_the_grammar_reads_moodle_documented_examples():
    parts, stored = cloze_parts("Pi is {1:NUMERICAL:=3.14159:0.001#Good~%50%3.1:0.1#close} and "
                                "e is {2:NM:=2.718:0.01}.")
    assert stored == "Pi is {#1} and e is {#2}."
    assert [p["mark"] for p in parts] == [1, 2]
    first = parts[0]["answers"]
    assert (first[0]["answer"], first[0]["tolerance"], first[0]["feedback"]) == (3.14159, 0.001, "Good")
    assert first[1]["fraction"] == 0.0 and first[1]["answer"] == 3.1  # %50% is not "="


# -- the truths, written out from the drawn values ----------------------------------------------
def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def network_truth(v: dict, t: dict, eta: float) -> dict:
    """The lecture network (w1, w3 into h1; w2, w4 into h2; w5, w7 into o1; w6, w8 into o2), by hand."""
    h1 = sigmoid(v["w1"] * v["x1"] + v["w3"] * v["x2"])
    h2 = sigmoid(v["w2"] * v["x1"] + v["w4"] * v["x2"])
    o1 = sigmoid(v["w5"] * h1 + v["w7"] * h2)
    o2 = sigmoid(v["w6"] * h1 + v["w8"] * h2)
    d1, d2 = (o1 - t["o1"]) * o1 * (1 - o1), (o2 - t["o2"]) * o2 * (1 - o2)
    e1 = (d1 * v["w5"] + d2 * v["w6"]) * h1 * (1 - h1)
    e2 = (d1 * v["w7"] + d2 * v["w8"]) * h2 * (1 - h2)
    g = {"w5": d1 * h1, "w7": d1 * h2, "w6": d2 * h1, "w8": d2 * h2,
         "w1": e1 * v["x1"], "w3": e1 * v["x2"], "w2": e2 * v["x1"], "w4": e2 * v["x2"]}
    truth = {"forward.h1": h1, "forward.h2": h2, "forward.o1": o1, "forward.o2": o2,
             "loss": 0.5 * ((o1 - t["o1"]) ** 2 + (o2 - t["o2"]) ** 2)}
    truth.update({f"gradients.{p}": x for p, x in g.items()})
    truth.update({f"updated.{p}": v[p] - eta * x for p, x in g.items()})
    return truth


def graph_truth(v: dict, _t, _eta) -> dict:
    """The lecture's circuit 1/(1 + exp(-(w0 x0 + w1 x1 + w2))), node by node, forward and backward."""
    n1, n2 = v["w0"] * v["x0"], v["w1"] * v["x1"]
    n3 = n1 + n2
    n4 = n3 + v["w2"]
    n5 = -n4
    n6 = math.exp(n5)
    n7 = n6 + 1
    n8 = 1 / n7
    g8 = 1.0
    g7 = -g8 / n7**2
    g6 = g7
    g5 = g6 * n6
    g4 = -g5
    g3 = g1 = g2 = gw2 = g4
    truth = {f"nodes.n{k}.forward": x for k, x in enumerate((n1, n2, n3, n4, n5, n6, n7, n8), start=1)}
    gradients = (g1, g2, g3, g4, g5, g6, g7, g8)
    truth.update({f"nodes.n{k}.gradient": x for k, x in enumerate(gradients, start=1)})
    truth.update({"gradients.w0": g1 * v["x0"], "gradients.x0": g1 * v["w0"], "gradients.w1": g2 * v["x1"],
                  "gradients.x1": g2 * v["w1"], "gradients.w2": gw2, "value": n8})
    return truth


def softmax_truth(v: dict, _t, _eta) -> dict:
    z = np.array([v["z1"], v["z2"], v["z3"]])
    p = np.exp(z - z.max()) / np.exp(z - z.max()).sum()
    i, j, label = v["i"] - 1, v["j"] - 1, v["label"] - 1
    y = np.eye(3)[label]
    truth = {f"probabilities.y{k + 1}": p[k] for k in range(3)}
    truth.update({f"gradients.z{k + 1}": p[k] - y[k] for k in range(3)})
    truth.update({"jacobian": p[i] * (float(i == j) - p[j]), "loss": -math.log(p[label])})
    return truth


def activation_truth(v: dict, _t, _eta) -> dict:
    x, name = v["x"], v["activation"]
    if name == "sigmoid":
        s = 1 / (1 + math.exp(-x))
        return {"value": s, "derivative": s * (1 - s)}
    if name == "tanh":
        return {"value": math.tanh(x), "derivative": 1 - math.tanh(x) ** 2}
    return {"value": math.log1p(math.exp(x)), "derivative": 1 / (1 + math.exp(-x))}


CASES = [("backprop_randomized.toml", network_truth), ("computation_graph.toml", graph_truth),
         ("softmax_cross_entropy.toml", softmax_truth), ("activation_derivative.toml", activation_truth)]


@pytest.fixture(scope="module")
def built():
    out = {}
    for name, truth in CASES:
        result = generate(load_exercise(EXERCISES / name), 6, seed=11)
        out[name] = (result, output_files(result, "en"), truth)
    return out


def png_ok(data: bytes) -> tuple[int, int]:
    """The size of a valid PNG: its signature, its IHDR chunk first, and PIL decodes every pixel."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    image = Image.open(io.BytesIO(data))
    image.load()
    assert image.size == (width, height) and width > 100 and height > 100
    return width, height


@pytest.mark.parametrize(("name", "truth_of"), CASES)
def test_moodle_cloze_questions_as_moodle_imports_them(built, name, truth_of):
    result, files, _ = built[name]
    answers = json.loads(files["answers.json"])
    root = ET.fromstring(files["moodle.xml"])
    assert root.tag == "quiz"
    types = [q.get("type") for q in root.findall("question")]
    assert types[0] == "category" and set(types) <= {"category", "cloze", "calculated"}
    cloze = root.findall("question[@type='cloze']")
    assert len(cloze) == len(result.variants)
    names = [q.find("name/text").text for q in root.findall("question") if q.get("type") != "category"]
    idnumbers = [q.find("idnumber").text for q in root.findall("question") if q.get("type") != "category"]
    assert len(set(names)) == len(names) and len(set(idnumbers)) == len(idnumbers)
    for question, variant in zip(cloze, answers["variants"], strict=True):
        text = question.find("questiontext/text").text
        assert question.find("questiontext").get("format") == "html"
        files_in = {f.get("name"): base64.b64decode(f.text, validate=True)
                    for f in question.findall("questiontext/file")}
        assert all(f.get("encoding") == "base64" for f in question.findall("questiontext/file"))
        shown = set(re.findall(r"@@PLUGINFILE@@/([\w.-]+)", text))
        assert shown == set(files_in) == set(variant.get("figures", []))
        for data in files_in.values():
            png_ok(data)
        parts, _ = cloze_parts(text)
        truth = truth_of(variant["values"], variant["targets"], variant["answers"].get("learning_rate", 1))
        asked = [q for q in answers["quantities"] if q in truth]
        labels = re.findall(r"<tr><td>(\d+)</td><td>(.*?)</td><td>\{1:NUMERICAL", text)
        assert [int(k) for k, _ in labels] == list(range(1, len(parts) + 1))
        assert len(parts) >= 2
        values = []
        for (k, label), part in zip(labels, parts, strict=True):
            (answer,) = part["answers"]
            assert answer["fraction"] == 1.0 and part["mark"] == 1
            # the part's quantity: the one whose value the answer rounds (and whose symbol the label shows)
            tolerance = answer["tolerance"]
            assert answer["tolerance_text"] in {"0.01", "0.001", "0.0001", "0.00001", "0.000001"}
            near = [q for q in asked if abs(truth[q] - answer["answer"]) <= 0.5 * tolerance + 1e-12]
            assert near, (k, label, answer)
            exact = truth[near[0]]
            assert abs(exact) >= 10 * tolerance              # 10 tolerances from 0 and from -exact
            values.append((exact, tolerance))
        values.sort()
        for (a, ta), (b, tb) in itertools.pairwise(values):  # distinct, or equal by the task's structure
            assert b - a > 2 * max(ta, tb) or b - a < 1e-12


@pytest.mark.parametrize(("name", "truth_of"), CASES[:2])
def test_every_part_is_the_right_quantity_in_the_order_of_the_solution(built, name, truth_of):
    _result, files, _ = built[name]
    answers = json.loads(files["answers.json"])
    root = ET.fromstring(files["moodle.xml"])
    for question, variant in zip(root.findall("question[@type='cloze']"), answers["variants"], strict=True):
        text = question.find("questiontext/text").text
        parts, _ = cloze_parts(text)
        truth = truth_of(variant["values"], variant["targets"], variant["answers"].get("learning_rate", 1))
        if name == "computation_graph.toml":  # forward node by node, then backwards, then the inputs
            order = [f"nodes.n{k}.forward" for k in range(1, 9)] + \
                    [f"nodes.n{k}.gradient" for k in range(7, 0, -1)] + \
                    [f"gradients.{n}" for n in ("w0", "x0", "w1", "x1", "w2")]
            for k, formula in enumerate(["w_{0} x_{0}", "w_{1} x_{1}", "n_{1} + n_{2}", "n_{3} + w_{2}",
                                         "- n_{4}", "e^{n_{5}}", "n_{6} + 1", r"\frac{1}{n_{7}}"], start=1):
                assert f"n_{{{k}}} = {formula}" in text                # every node defined in the text
        else:  # forward, error, gradients, updated weights
            asked = ("w5", "w6", "w1", "w2")  # the spec's [exercise] gradients, in its order
            order = [f"forward.{u}" for u in ("h1", "h2", "o1", "o2")] + ["loss"] + \
                    [f"gradients.{p}" for p in asked] + [f"updated.{p}" for p in asked]
            for edge, weight in (("x_{1} \\to h_{1}", "w_{1}"), ("x_{2} \\to h_{1}", "w_{3}"),
                                 ("h_{2} \\to o_{1}", "w_{7}"), ("h_{1} \\to o_{2}", "w_{6}")):
                assert f"<td>\\({edge}\\)</td><td>\\({weight}\\)</td>" in text  # the wiring as a table
        assert len(parts) == len(order)
        for quantity, part in zip(order, parts, strict=True):
            (answer,) = part["answers"]
            d = variant.get("decimals", {}).get(quantity, answers["decimals"])
            assert answer["tolerance"] == pytest.approx(10.0 ** -d, rel=1e-12)
            assert abs(answer["answer"] - truth[quantity]) <= 0.5 * 10.0 ** -d + 1e-12, quantity


@pytest.mark.parametrize(("name", "truth_of"), CASES)
def test_qti_package_items_and_tolerances(built, name, truth_of):
    result, files, _ = built[name]
    answers = json.loads(files["answers.json"])
    ns = {"q": "http://www.imsglobal.org/xsd/imsqti_v2p1", "cp": "http://www.imsglobal.org/xsd/imscp_v1p1"}
    with zipfile.ZipFile(io.BytesIO(files["qti.zip"])) as archive:
        names = set(archive.namelist())
        manifest = ET.fromstring(archive.read("imsmanifest.xml"))
        resources = manifest.findall("cp:resources/cp:resource", ns)
        assert len(resources) == len(result.variants)
        for resource, variant in zip(resources, answers["variants"], strict=True):
            assert resource.get("type") == "imsqti_item_xmlv2p1"
            hrefs = [f.get("href") for f in resource.findall("cp:file", ns)]
            assert set(hrefs) <= names and resource.get("href") in hrefs
            item = ET.fromstring(archive.read(resource.get("href")))
            assert item.tag == f"{{{ns['q']}}}assessmentItem"
            for image in item.iter(f"{{{ns['q']}}}img"):
                assert image.get("src") in hrefs
                png_ok(archive.read(image.get("src")))
            entries = [e.get("responseIdentifier") for e in item.iter(f"{{{ns['q']}}}textEntryInteraction")]
            declarations = {d.get("identifier"): d for d in item.findall("q:responseDeclaration", ns)}
            assert entries and set(entries) == set(declarations)
            truth = truth_of(variant["values"], variant["targets"],
                             variant["answers"].get("learning_rate", 1))
            tolerances = {}
            for condition in item.findall("q:responseProcessing/q:responseCondition", ns):
                equal = condition.find("q:responseIf/q:equal", ns)
                assert equal.get("toleranceMode") == "absolute"
                low, high = (float(x) for x in equal.get("tolerance").split())
                identifier = equal.find("q:variable", ns).get("identifier")
                assert equal.find("q:correct", ns).get("identifier") == identifier and low == high
                tolerances[identifier] = low
            assert set(tolerances) == set(entries)
            for identifier in entries:
                declaration = declarations[identifier]
                assert (declaration.get("baseType"), declaration.get("cardinality")) == ("float", "single")
                value = float(declaration.find("q:correctResponse/q:value", ns).text)
                tolerance = tolerances[identifier]
                assert any(abs(value - x) <= 0.5 * tolerance + 1e-12 for x in truth.values())
                assert abs(value) >= 10 * tolerance * 0.95


def test_per_quantity_option_keeps_one_numerical_question_per_answer(built):
    from symnn.exercises.outputs import moodle_categories
    from symnn.render.moodle import quiz_xml

    result, _, truth_of = built["backprop_randomized.toml"]
    root = ET.fromstring(quiz_xml(moodle_categories(result, "en", "per-quantity")))
    numerical = root.findall("question[@type='numerical']")
    assert len(numerical) == 13 * len(result.variants)  # 4 outputs, E, 4 gradients, 4 updated weights
    for question in numerical:
        assert question.find("questiontext/file") is not None  # the figure travels with every question
        index, quantity = re.fullmatch(r".*-v(\d+)-(.+)", question.find("idnumber").text).groups()
        v = result.variants[int(index) - 1]
        exact = truth_of(v.values, v.targets, v.answers["learning_rate"])[quantity]
        tolerance = float(question.find("answer/tolerance").text)
        assert abs(float(question.find("answer/text").text) - exact) <= tolerance


def test_chinese_quiz_text_and_titles(built):
    result, _, _ = built["computation_graph.toml"]
    files = output_files(result, "zh")
    root = ET.fromstring(files["moodle.xml"])
    question = root.find("question[@type='cloze']")
    assert question.find("name/text").text.startswith("计算图的反向传播")
    text = question.find("questiontext/text").text
    assert "保留 4 位小数" in text and "节点" in text and "前向值" in text
    assert "计算图的反向传播" in files["sheets.md"]


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.name)
def test_no_accepted_variant_has_an_answer_near_zero(spec):
    exercise = load_exercise(spec)
    report = stress(exercise, 200, seed=5)
    assert report.near_zero == 0 and report.accepted > 0
    assert "within 10 tolerances of 0 or of its sign flip: 0" in report.to_text()
    assert "(e.g. " not in "".join(line.split("(e.g. ", 1)[1] for line in report.to_text().splitlines()
                                  if "(e.g. " in line)   # one example, not the reason repeated inside
    for variant in generate(exercise, 20, seed=5).variants:  # and checked here, answer by answer
        for q in exercise.quantities():
            if q.name in variant.unasked:
                continue
            tolerance = 10.0 ** -variant.decimals.get(q.name, exercise.decimals)
            value = variant.numbers[q.name]
            assert abs(value) >= 10 * tolerance and abs(2 * value) >= 10 * tolerance, (q.name, value)
