"""Moodle XML quiz files: Cloze questions (one per variant, all its parts), numerical questions.

A ``type="cloze"`` question (Moodle's "embedded answers", qtype_multianswer) carries its
parts inside the question text: ``{1:NUMERICAL:=0.2097:0.0001#feedback}`` is a numerical
part worth 1 mark whose answer is 0.2097 with an absolute tolerance of 0.0001. Inside an
answer or a feedback the characters ``} # ~ / " \\`` are escaped with a backslash
(:func:`cloze_escape`). Pictures travel inside the file: a ``<file name="..."
encoding="base64">`` element inside ``<questiontext>`` is stored with the question and
referenced from its HTML as ``@@PLUGINFILE@@/name``.

Moodle's XML import format is a ``<quiz>`` of ``<question>`` elements. A question
of ``type="category"`` switches the category that the following questions go into
(``$course$/top/...``); a ``type="numerical"`` question has a question text (HTML,
formulas in ``\\( ... \\)`` for MathJax), and ``<answer fraction="100">`` elements,
each with the value in ``<text>`` and an absolute ``<tolerance>``.

A ``type="calculated"`` question has a formula with wildcards (``{x}``) as its answer
and a dataset of values for each wildcard; Moodle draws one item per attempt.

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

import base64
from collections.abc import Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

__all__ = ["CalculatedQuestion", "ClozeQuestion", "EmbeddedFile", "NumericalQuestion", "QuestionCategory",
           "cloze_escape", "cloze_numerical", "quiz_xml"]

#: the prefix by which a question's HTML refers to a file stored with it
PLUGINFILE = "@@PLUGINFILE@@/"


@dataclass(frozen=True)
class EmbeddedFile:
    """A file stored with a question (a picture its HTML shows as ``@@PLUGINFILE@@/name``)."""

    name: str
    data: bytes


def cloze_escape(text: str) -> str:
    r"""``text`` made safe inside a Cloze answer or feedback: ``} # ~ / " \`` escaped by a backslash.

    >>> print(cloze_escape('x}#~/"\\y'))
    x\}\#\~\/\"\\y
    """
    return "".join("\\" + c if c in '}#~/"\\' else c for c in text)


def cloze_numerical(answer: str, tolerance: str, feedback: str = "", mark: int = 1) -> str:
    """A Cloze NUMERICAL part: ``answer`` ± ``tolerance`` (both decimal numbers as text).

    >>> cloze_numerical("-0.0084", "0.0001", "exact -0.00842148")
    '{1:NUMERICAL:=-0.0084:0.0001#exact -0.00842148}'
    """
    tail = f"#{cloze_escape(feedback)}" if feedback else ""
    return f"{{{mark}:NUMERICAL:={answer}:{tolerance}{tail}}}"


@dataclass(frozen=True)
class ClozeQuestion:
    """A Cloze (embedded answers) question: ``html`` holds its parts (:func:`cloze_numerical`)."""

    idnumber: str
    name: str
    html: str
    files: tuple[EmbeddedFile, ...] = ()
    feedback_html: str = ""
    penalty: float = 0.3333333


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
    files: tuple[EmbeddedFile, ...] = ()

    @property
    def answer(self) -> str:
        return self.answer_text if self.answer_text is not None else repr(float(self.value))


@dataclass(frozen=True)
class CalculatedQuestion:
    """A calculated question: ``formula`` in Moodle's syntax with wildcards ``{x}``, and for
    each wildcard the values Moodle draws from (its dataset items, in order).

    The tolerance is nominal (absolute); the correct answer is shown with ``decimals`` decimals.
    """

    idnumber: str
    name: str
    html: str
    formula: str
    tolerance: float
    decimals: int
    datasets: dict[str, tuple[float, ...]]
    grade: float = 1.0
    penalty: float = 0.3333333


@dataclass
class QuestionCategory:
    """A category path below ``$course$/top`` and the questions in it."""

    path: str
    questions: list = field(default_factory=list)
    info: str = ""


def _esc(text: str) -> str:
    return escape(text)


def _number(value: float) -> str:
    return format(float(value), ".12g")


def _category(category: QuestionCategory) -> str:
    path = _esc("$course$/top/" + category.path.strip("/"))
    return ('  <question type="category">\n'
            f"    <category>\n      <text>{path}</text>\n    </category>\n"
            f'    <info format="html">\n      <text>{_esc(category.info)}</text>\n    </info>\n'
            "  </question>\n")


def _files(files: Sequence[EmbeddedFile]) -> str:
    return "".join(f'      <file name="{_esc(f.name)}" path="/" encoding="base64">'
                   f"{base64.b64encode(f.data).decode('ascii')}</file>\n" for f in files)


def _question_text(html: str, files: Sequence[EmbeddedFile]) -> str:
    return (f'    <questiontext format="html">\n      <text>{_esc(html)}</text>\n{_files(files)}'
            "    </questiontext>\n")


def _cloze(q: ClozeQuestion) -> str:
    return ('  <question type="cloze">\n'
            f"    <name>\n      <text>{_esc(q.name)}</text>\n    </name>\n"
            + _question_text(q.html, q.files)
            + f'    <generalfeedback format="html">\n      <text>{_esc(q.feedback_html)}</text>\n'
            "    </generalfeedback>\n"
            f"    <penalty>{_number(q.penalty)}</penalty>\n"
            "    <hidden>0</hidden>\n"
            f"    <idnumber>{_esc(q.idnumber)}</idnumber>\n"
            "  </question>\n")


def _numerical(q: NumericalQuestion) -> str:
    return ('  <question type="numerical">\n'
            f"    <name>\n      <text>{_esc(q.name)}</text>\n    </name>\n"
            + _question_text(q.html, q.files) +
            f'    <generalfeedback format="html">\n      <text>{_esc(q.feedback_html)}</text>\n'
            "    </generalfeedback>\n"
            f"    <defaultgrade>{_number(q.grade)}</defaultgrade>\n"
            f"    <penalty>{_number(q.penalty)}</penalty>\n"
            "    <hidden>0</hidden>\n"
            f"    <idnumber>{_esc(q.idnumber)}</idnumber>\n"
            '    <answer fraction="100" format="moodle_auto_format">\n'
            f"      <text>{_esc(q.answer)}</text>\n"
            '      <feedback format="html">\n        <text></text>\n      </feedback>\n'
            f"      <tolerance>{_number(q.tolerance)}</tolerance>\n"
            "    </answer>\n"
            "    <unitgradingtype>0</unitgradingtype>\n"
            "    <unitpenalty>0.1000000</unitpenalty>\n"
            "    <showunits>3</showunits>\n"
            "    <unitsleft>0</unitsleft>\n"
            "  </question>\n")


def _dataset(name: str, values: Sequence[float]) -> str:
    items = "".join(f"          <dataset_item>\n            <number>{i}</number>\n"
                    f"            <value>{_number(v)}</value>\n          </dataset_item>\n"
                    for i, v in enumerate(values, start=1))
    decimals = max((len(repr(float(v)).split(".")[1].rstrip("0")) for v in values), default=0)
    return ("      <dataset_definition>\n"
            "        <status>\n          <text>private</text>\n        </status>\n"
            f"        <name>\n          <text>{_esc(name)}</text>\n        </name>\n"
            "        <type>calculated</type>\n"
            "        <distribution>\n          <text>uniform</text>\n        </distribution>\n"
            f"        <minimum>\n          <text>{_number(min(values))}</text>\n        </minimum>\n"
            f"        <maximum>\n          <text>{_number(max(values))}</text>\n        </maximum>\n"
            f"        <decimals>\n          <text>{decimals}</text>\n        </decimals>\n"
            f"        <itemcount>{len(values)}</itemcount>\n"
            f"        <dataset_items>\n{items}        </dataset_items>\n"
            f"        <number_of_items>{len(values)}</number_of_items>\n"
            "      </dataset_definition>\n")


def _calculated(q: CalculatedQuestion) -> str:
    datasets = "".join(_dataset(name, values) for name, values in q.datasets.items())
    return ('  <question type="calculated">\n'
            f"    <name>\n      <text>{_esc(q.name)}</text>\n    </name>\n"
            f'    <questiontext format="html">\n      <text>{_esc(q.html)}</text>\n    </questiontext>\n'
            '    <generalfeedback format="html">\n      <text></text>\n    </generalfeedback>\n'
            f"    <defaultgrade>{_number(q.grade)}</defaultgrade>\n"
            f"    <penalty>{_number(q.penalty)}</penalty>\n"
            "    <hidden>0</hidden>\n"
            f"    <idnumber>{_esc(q.idnumber)}</idnumber>\n"
            "    <synchronize>0</synchronize>\n"
            "    <single>0</single>\n"
            "    <answernumbering>abc</answernumbering>\n"
            "    <shuffleanswers>0</shuffleanswers>\n"
            '    <answer fraction="100">\n'
            f"      <text>{_esc(q.formula)}</text>\n"
            f"      <tolerance>{_number(q.tolerance)}</tolerance>\n"
            "      <tolerancetype>2</tolerancetype>\n"
            "      <correctanswerformat>1</correctanswerformat>\n"
            f"      <correctanswerlength>{q.decimals}</correctanswerlength>\n"
            '      <feedback format="html">\n        <text></text>\n      </feedback>\n'
            "    </answer>\n"
            "    <unitgradingtype>0</unitgradingtype>\n"
            "    <unitpenalty>0.1000000</unitpenalty>\n"
            "    <showunits>3</showunits>\n"
            "    <unitsleft>0</unitsleft>\n"
            f"    <dataset_definitions>\n{datasets}    </dataset_definitions>\n"
            "  </question>\n")


def quiz_xml(categories: Sequence[QuestionCategory]) -> str:
    """The Moodle XML text of a quiz holding ``categories`` in order."""
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n']
    for category in categories:
        parts.append(_category(category))
        writers = {CalculatedQuestion: _calculated, ClozeQuestion: _cloze, NumericalQuestion: _numerical}
        parts.extend(writers[type(q)](q) for q in category.questions)
    parts.append("</quiz>\n")
    return "".join(parts)
