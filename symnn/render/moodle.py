"""Moodle XML quiz files: numerical questions, one category per exercise and quantity.

Moodle's XML import format is a ``<quiz>`` of ``<question>`` elements. A question
of ``type="category"`` switches the category that the following questions go into
(``$course$/top/...``); a ``type="numerical"`` question has a question text (HTML,
formulas in ``\\( ... \\)`` for MathJax), and ``<answer fraction="100">`` elements,
each with the value in ``<text>`` and an absolute ``<tolerance>``.

Putting the variants of one quantity (say dError/dw5) in a category of their own
lets a quiz draw one random question per student from it.

>>> q = NumericalQuestion("v1-loss", "Variant 1: loss", "<p>Compute the loss.</p>", 0.2097, 0.0001)
>>> text = quiz_xml([QuestionCategory("symnn/demo/loss", [q])])
>>> import xml.etree.ElementTree as ET
>>> root = ET.fromstring(text)
>>> [e.get("type") for e in root]
['category', 'numerical']
>>> root.find("question[@type='numerical']/answer/tolerance").text
'0.0001'
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field

__all__ = ["NumericalQuestion", "QuestionCategory", "quiz_xml"]


@dataclass(frozen=True)
class NumericalQuestion:
    """One numerical question: the answer ``value`` (as ``answer_text`` when given) ± ``tolerance``."""

    idnumber: str
    name: str
    html: str
    value: float
    tolerance: float
    answer_text: str | None = None
    feedback_html: str = ""
    grade: float = 1.0
    penalty: float = 0.3333333

    @property
    def answer(self) -> str:
        return self.answer_text if self.answer_text is not None else repr(float(self.value))


@dataclass
class QuestionCategory:
    """A category path below ``$course$/top`` and the questions in it."""

    path: str
    questions: list[NumericalQuestion] = field(default_factory=list)
    info: str = ""


def _text(parent: ET.Element, tag: str, text: str, fmt: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, tag)
    if fmt is not None:
        element.set("format", fmt)
    ET.SubElement(element, "text").text = text
    return element


def _number(value: float) -> str:
    return format(float(value), ".12g")


def _category(quiz: ET.Element, category: QuestionCategory) -> None:
    question = ET.SubElement(quiz, "question", type="category")
    _text(question, "category", "$course$/top/" + category.path.strip("/"))
    _text(question, "info", category.info, fmt="html")


def _numerical(quiz: ET.Element, q: NumericalQuestion) -> None:
    question = ET.SubElement(quiz, "question", type="numerical")
    _text(question, "name", q.name)
    _text(question, "questiontext", q.html, fmt="html")
    _text(question, "generalfeedback", q.feedback_html, fmt="html")
    ET.SubElement(question, "defaultgrade").text = _number(q.grade)
    ET.SubElement(question, "penalty").text = _number(q.penalty)
    ET.SubElement(question, "hidden").text = "0"
    ET.SubElement(question, "idnumber").text = q.idnumber
    answer = ET.SubElement(question, "answer", fraction="100", format="moodle_auto_format")
    ET.SubElement(answer, "text").text = q.answer
    _text(answer, "feedback", "", fmt="html")
    ET.SubElement(answer, "tolerance").text = _number(q.tolerance)
    ET.SubElement(question, "unitgradingtype").text = "0"
    ET.SubElement(question, "unitpenalty").text = "0.1000000"
    ET.SubElement(question, "showunits").text = "3"
    ET.SubElement(question, "unitsleft").text = "0"


def quiz_xml(categories: Sequence[QuestionCategory]) -> str:
    """The Moodle XML text of a quiz holding ``categories`` in order."""
    quiz = ET.Element("quiz")
    for category in categories:
        _category(quiz, category)
        for question in category.questions:
            _numerical(quiz, question)
    ET.indent(quiz, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n"
