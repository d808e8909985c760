"""What an exercise writes: sheets and keys, Moodle XML, QTI, answers.json, figures."""

from __future__ import annotations

from pathlib import Path

from ..core.errors import SymnnError
from ..render.sheets import Grid, Heading, Page, tr
from .base import (
    Exercise,
    Variant,
)
from .generate import ExerciseSet, answers_json


def pages(result: ExerciseSet, lang: str = "en", *, key: bool) -> list[Page]:
    """The sheet (``key=False``) or the key pages of every variant."""
    ex = result.exercise
    out = []
    seed_word = tr(lang, "seed")
    for v in result.variants:
        title = f"{ex.title} — {tr(lang, 'variant')} {v.index}"
        blocks = ex.task(v, lang)
        if key:
            blocks = [*blocks, *ex.solution(v, lang), *_answer_table(ex, v, lang)]
        out.append(Page(title, blocks, subtitle=f"{seed_word} {v.seed}"))
    return out


def moodle_categories(result: ExerciseSet, lang: str = "en") -> list:
    """Moodle question categories: one per asked quantity, one numerical question per variant.

    The answer is the value rounded as the sheet asks; the tolerance is the sheet's.
    """
    from ..render.moodle import NumericalQuestion, QuestionCategory

    ex = result.exercise
    title = ex.title.replace("/", "-")
    slug = "".join(c if c.isalnum() else "-" for c in Path(ex.source).stem)
    categories = []
    tasks = {v.index: ex.task_html(v, lang) for v in result.variants}
    for q in ex.quantities():
        category = QuestionCategory(f"symnn/{title}/{q.text.replace('/', ':')}",
                                    info=f"{ex.title}: {q.text}, {len(result.variants)} variants")
        for v in result.variants:
            value = v.numbers[q.name]
            category.questions.append(NumericalQuestion(
                idnumber=f"{slug}-s{result.seed}-v{v.index}-{q.name}",
                name=f"{ex.title} · {tr(lang, 'variant')} {v.index} · {q.text}",
                html=ex.question_html(v, q, lang, tasks[v.index]), value=value, tolerance=ex.tolerance,
                answer_text=ex.number(value),
                feedback_html=f"<p>{tr(lang, 'exact')}: {ex.exact(value)}</p>"))
        categories.append(category)
    categories.extend(ex.calculated_categories(result, lang))
    return categories


def write_outputs(result: ExerciseSet, out: str | Path, lang: str = "en", *, pdf: bool = True) -> dict:
    """Write sheets and keys (LaTeX, Markdown, PDF), moodle.xml and answers.json into ``out``.

    Returns ``{"files": [...], "pdf": None or a note why there is no PDF}``.
    """
    from ..render.moodle import quiz_xml
    from ..render.sheets import compile_pdf, latex_document, markdown_document, pdf_engine

    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise SymnnError(f"--out {out}: cannot create the folder ({error.strerror})") from None
    ex = result.exercise
    sheet_pages = pages(result, lang, key=False)
    key_pages = pages(result, lang, key=True)
    sheet_title = f"{ex.title} — {tr(lang, 'sheet')}"
    key_title = f"{ex.title} — {tr(lang, 'key')}"
    texts = {
        "sheets.tex": latex_document(sheet_title, sheet_pages, lang),
        "key.tex": latex_document(key_title, key_pages, lang, small=True),
        "sheets.md": markdown_document(sheet_title, sheet_pages),
        "key.md": markdown_document(key_title, key_pages),
        "moodle.xml": quiz_xml(moodle_categories(result, lang)),
        "answers.json": answers_json(result),
    }
    if ex.answers_spec_name:
        texts[ex.answers_spec_name] = ex.answers_spec()
    files = []
    for name, text in texts.items():
        (out / name).write_text(text, encoding="utf-8")
        files.append(str(out / name))
    note = None
    if pdf:
        engine = pdf_engine(lang)
        if engine is None:
            note = ("no Chinese-capable TeX engine (xelatex with ctex) is installed: the .tex files are "
                    "written for xelatex, no PDF was made") if lang == "zh" else \
                "no LaTeX engine (latexmk and pdflatex) is installed: no PDF was made"
        else:
            for name in ("sheets.tex", "key.tex"):
                files.append(str(compile_pdf(out / name, engine)))
    return {"files": files, "pdf": note}


def _answer_table(ex: Exercise, v: Variant, lang: str) -> list:
    rows = tuple((f"${q.latex}$", ex.number(v.numbers[q.name]), ex.exact(v.numbers[q.name]))
                 for q in ex.quantities())
    return [Heading(tr(lang, "answers")),
            Grid((tr(lang, "quantity"), tr(lang, "rounded"), tr(lang, "exact")), rows)]


