"""Quiz questions a student answers on a learning platform: one self-contained question per variant.

The question shows the variant's task as the sheet does (the rounding rule, the figure, the
given values, for a network its wiring as a table, for a computation graph what every node
computes) and then every asked answer, in the order of the worked solution, each with its
own answer box. The same body is written as a Moodle Cloze question (:func:`moodle_quiz`,
the figure embedded as ``@@PLUGINFILE@@``) and as a QTI 2.1 item (:func:`qti_items`, the
figure beside the item in the package); :func:`moodle_per_quantity` keeps one numerical
question per answer and variant for instructors who want them.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from ..core.numbers import format_decimal
from ..render.sheets import Display, Grid, Heading, Picture, Text, tr
from .base import Exercise, Quantity, Variant, _html_math
from .generate import ExerciseSet

__all__ = ["answer_parts", "moodle_per_quantity", "moodle_quiz", "qti_items", "quiz_body"]

#: a picture's name -> the src of its <img>
ImageSource = Callable[[str], str]
#: (part number from 1, quantity, answer text, tolerance text, feedback) -> the answer box markup
AnswerBox = Callable[[int, Quantity, str, str, str], str]


def answer_parts(ex: Exercise, variant: Variant, lang: str) -> list[tuple[Quantity, str, str, str]]:
    """Every asked part of ``variant``: (quantity, answer rounded as asked, tolerance, feedback)."""
    parts = []
    for q in ex.asked_quantities(variant):
        d = ex.decimals_of(variant, q)
        value = variant.numbers[q.name]
        parts.append((q, ex.number(value, d), format_decimal(10.0 ** -d, d),
                      f"{tr(lang, 'exact')} {ex.exact(value)}"))
    return parts


def _intro(ex: Exercise, variant: Variant, lang: str) -> list:
    """The task as the sheet gives it (its headings left out), then the kind's quiz additions."""
    return [*(b for b in ex.task(variant, lang) if not isinstance(b, Heading)), *ex.quiz_extra(variant, lang)]


def _grid_html(grid: Grid, table: str) -> str:
    head = "".join(f"<th>{_html_math(h)}</th>" for h in grid.header)
    rows = "".join("<tr>" + "".join(f"<td>{_html_math(c)}</td>" for c in row) + "</tr>" for row in grid.rows)
    return f"{table}<tbody><tr>{head}</tr>{rows}</tbody></table>"


def quiz_body(ex: Exercise, variant: Variant, lang: str, image: ImageSource, box: AnswerBox, *,
              styled: bool = True) -> str:
    """The question's HTML (well-formed XHTML, formulas as MathJax ``\\( \\)``): the task, then one
    row per asked part with its answer box. ``styled=False`` leaves out the presentation attributes
    (borders, sizes) that QTI's content model does not have."""
    table = '<table border="1" cellpadding="4">' if styled else "<table>"
    size = ' style="max-width:100%"' if styled else ""
    figures = iter(variant.figures)
    out = []
    for block in _intro(ex, variant, lang):
        if isinstance(block, Picture):
            name = next(figures, None)
            if name is not None:
                out.append(f'<p><img src="{html.escape(image(name))}" alt="{html.escape(block.alt)}"'
                           f"{size}/></p>")
        elif isinstance(block, Grid):
            out.append(_grid_html(block, table))
        elif isinstance(block, Display):
            out.append(f"<p>\\[{html.escape(block.latex, quote=False)}\\]</p>")
        elif isinstance(block, Text):
            out.append(f"<p>{_html_math(block.text)}</p>")
    rows = []
    for k, (q, answer, tolerance, feedback) in enumerate(answer_parts(ex, variant, lang), start=1):
        words = ex.describe(q, lang)
        symbol = html.escape(ex.part_latex(variant, q), quote=False)
        label = f"\\({symbol}\\)" + (f" ({_html_math(words)})" if words else "")
        d = ex.decimals_of(variant, q)
        more = f" ({html.escape(tr(lang, 'to_decimals', d=d))})" if d != ex.decimals else ""
        answer_box = box(k, q, answer, tolerance, feedback)
        rows.append(f"<tr><td>{k}</td><td>{label}</td><td>{answer_box}{more}</td></tr>")
    out.append(f"<p><b>{html.escape(tr(lang, 'quiz_parts'))}</b></p>")
    out.append(f'{table}<tbody><tr><th>#</th><th>{html.escape(tr(lang, "quantity"))}'
               f"</th><th>{html.escape(tr(lang, 'answer'))}</th></tr>{''.join(rows)}</tbody></table>")
    return "\n".join(out)


def _slug(ex: Exercise) -> str:
    return "".join(c if c.isalnum() else "-" for c in Path(ex.source).stem)


def _files(ex: Exercise, variant: Variant) -> list[tuple[str, bytes]]:
    return [(name, ex.figure_png(variant, name)) for name in variant.figures]


def moodle_quiz(result: ExerciseSet, lang: str = "en") -> list:
    """Moodle question categories: one category per exercise holding one Cloze question per variant,
    every asked answer a NUMERICAL part with the answer rounded as asked and its tolerance."""
    from ..render.moodle import PLUGINFILE, ClozeQuestion, EmbeddedFile, QuestionCategory, cloze_numerical

    ex = result.exercise
    title = html.escape(ex.title_in(lang))
    category = QuestionCategory(f"symnn/{title.replace('/', '-')}",
                                info=f"{title}: {len(result.variants)} {tr(lang, 'variants')}")
    for v in result.variants:
        body = quiz_body(ex, v, lang, lambda name: PLUGINFILE + name,
                         lambda k, q, answer, tol, feedback: cloze_numerical(answer, tol, feedback))
        category.questions.append(ClozeQuestion(
            idnumber=f"{_slug(ex)}-s{result.seed}-v{v.index}",
            name=f"{title} · {tr(lang, 'variant')} {v.index}", html=body,
            files=tuple(EmbeddedFile(n, data) for n, data in _files(ex, v))))
    return [category, *ex.calculated_categories(result, lang)]


def moodle_per_quantity(result: ExerciseSet, lang: str = "en") -> list:
    """Moodle question categories: one per asked quantity, one numerical question per variant (the
    same self-contained task, asking that one answer)."""
    from ..render.moodle import PLUGINFILE, EmbeddedFile, NumericalQuestion, QuestionCategory

    ex = result.exercise
    title = html.escape(ex.title_in(lang))
    categories = []
    for q in ex.quiz_order():
        text = html.escape(q.text)
        category = QuestionCategory(f"symnn/{title.replace('/', '-')}/{text.replace('/', ':')}",
                                    info=f"{title}: {text}")
        for v in result.variants:
            if q.name in v.unasked:
                continue
            d = ex.decimals_of(v, q)
            value = v.numbers[q.name]
            asked = {q.name}
            body = quiz_body(ex, _only(v, ex, asked), lang, lambda name: PLUGINFILE + name,
                             lambda k, q, answer, tol, feedback: "______")
            category.questions.append(NumericalQuestion(
                idnumber=f"{_slug(ex)}-s{result.seed}-v{v.index}-{q.name}",
                name=f"{title} · {tr(lang, 'variant')} {v.index} · {text}", html=body, value=value,
                tolerance=10.0 ** -d, answer_text=ex.number(value, d),
                feedback_html=f"<p>{tr(lang, 'exact')}: {ex.exact(value)}</p>",
                files=tuple(EmbeddedFile(n, data) for n, data in _files(ex, v))))
        if category.questions:
            categories.append(category)
    return [*categories, *ex.calculated_categories(result, lang)]


def _only(variant: Variant, ex: Exercise, names: set[str]) -> Variant:
    """``variant`` asking only the quantities ``names``."""
    from dataclasses import replace

    others = {q.name for q in ex.quantities()} - names
    return replace(variant, unasked=frozenset(variant.unasked | others))


def qti_items(result: ExerciseSet, lang: str = "en") -> list:
    """One QTI 2.1 item per variant: a float text entry per asked answer, tolerance as asked."""
    from ..render.qti import QtiItem, QtiPart

    ex = result.exercise
    title = ex.title_in(lang)
    items = []
    for v in result.variants:
        parts = []

        def box(k, q, answer, tol, feedback, parts=parts):
            parts.append(QtiPart(f"RESPONSE_{k}", answer, float(tol)))
            return f'<textEntryInteraction responseIdentifier="RESPONSE_{k}" expectedLength="12"/>'

        body = quiz_body(ex, v, lang, lambda name: name, box, styled=False)
        items.append(QtiItem(f"q-{_slug(ex)}-s{result.seed}-v{v.index:04d}",
                             f"{title} · {tr(lang, 'variant')} {v.index}", f"<div>{body}</div>", tuple(parts),
                             tuple(_files(ex, v))))
    return items
