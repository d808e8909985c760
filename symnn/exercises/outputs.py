"""What an exercise writes: sheets and keys, Moodle XML, QTI, answers.json, figures."""

from __future__ import annotations

from pathlib import Path

from ..core.errors import SymnnError
from ..core.numbers import format_decimal
from ..render.sheets import Grid, Heading, Page, Text, tr
from .base import (
    Exercise,
    Variant,
)
from .generate import ExerciseSet, answers_json

#: the quiz formats of ``symnn exercise --moodle``
MOODLE_FORMATS = ("cloze", "per-quantity")


def pages(result: ExerciseSet, lang: str = "en", *, key: bool) -> list[Page]:
    """The sheet (``key=False``) or the key pages of every variant."""
    ex = result.exercise
    out = []
    seed_word = tr(lang, "seed")
    for v in result.variants:
        title = f"{ex.title_in(lang)} — {tr(lang, 'variant')} {v.index}"
        blocks = ex.task(v, lang)
        blocks[1:1] = _more_decimals(ex, v, lang)
        if key:
            blocks = [*blocks, *ex.solution(v, lang), *_answer_table(ex, v, lang)]
        out.append(Page(title, blocks, subtitle=f"{seed_word} {v.seed}"))
    return out


def _more_decimals(ex: Exercise, v: Variant, lang: str) -> list:
    """The line telling which answers are asked to more decimals than the sheet's rule."""
    by_places: dict[int, list[str]] = {}
    for q in ex.asked_quantities(v):
        if q.name in v.decimals:
            by_places.setdefault(v.decimals[q.name], []).append(f"${q.latex}$")
    return [Text(tr(lang, "more_decimals", names=", ".join(names), d=d, tol=format_decimal(10.0 ** -d, d)))
            for d, names in sorted(by_places.items())]


def moodle_categories(result: ExerciseSet, lang: str = "en", form: str = "cloze") -> list:
    """Moodle question categories: ``"cloze"`` gives one Cloze question per variant with all its
    parts; ``"per-quantity"`` one category per quantity, one numerical question per variant."""
    from .quiz import moodle_per_quantity, moodle_quiz

    if form not in MOODLE_FORMATS:
        raise SymnnError(f"--moodle: expected one of {', '.join(MOODLE_FORMATS)}, got {form!r}")
    return moodle_quiz(result, lang) if form == "cloze" else moodle_per_quantity(result, lang)


def output_files(result: ExerciseSet, lang: str = "en", moodle: str = "cloze") -> dict[str, str | bytes]:
    """Every file ``write_outputs`` writes but the PDFs: name -> text or bytes."""
    from ..render.moodle import quiz_xml
    from ..render.qti import qti_package
    from ..render.sheets import latex_document, markdown_document
    from .quiz import qti_items

    ex = result.exercise
    title = ex.title_in(lang)
    files: dict[str, str | bytes] = {
        "sheets.tex": latex_document(f"{title} — {tr(lang, 'sheet')}", pages(result, lang, key=False), lang),
        "key.tex": latex_document(f"{title} — {tr(lang, 'key')}", pages(result, lang, key=True), lang),
        "sheets.md": markdown_document(f"{title} — {tr(lang, 'sheet')}", pages(result, lang, key=False)),
        "key.md": markdown_document(f"{title} — {tr(lang, 'key')}", pages(result, lang, key=True)),
        "moodle.xml": quiz_xml(moodle_categories(result, lang, moodle)),
        "qti.zip": qti_package(qti_items(result, lang), f"symnn-{Path(ex.source).stem}-s{result.seed}"),
        "answers.json": answers_json(result),
    }
    for v in result.variants:
        for name in v.figures:
            if name not in files:
                files[name] = ex.figure_png(v, name)
    if ex.answers_spec_name:
        files[ex.answers_spec_name] = ex.answers_spec()
    return files


def write_outputs(result: ExerciseSet, out: str | Path, lang: str = "en", *, pdf: bool = True,
                  moodle: str = "cloze", force: bool = False) -> dict:
    """Write sheets and keys (LaTeX, Markdown, PDF), moodle.xml, qti.zip, the figures and answers.json
    into ``out``: the one place exercise outputs are written.

    All or nothing: every file is renamed into place only once all are made (PDFs included); a
    file symnn did not write is not replaced unless ``force`` (see :class:`symnn.core.files.OutputFolder`).
    Returns ``{"files": [...], "pdf": None or a note why there is no PDF}``.
    """
    from ..core.files import OutputFolder
    from ..render.sheets import ENGINE_OPTIONS, pdf_engine
    from ..render.tex import compile_tex

    out = Path(out)
    folder = OutputFolder(out, force=force)
    files = output_files(result, lang, moodle)
    note = None
    for name in [*files, *(("sheets.pdf", "key.pdf") if pdf else ())]:
        folder.check(name)  # before any work: a file in the way is reported at once
    with folder:
        for name, content in files.items():
            folder.add(name, content)
        if pdf:
            engine = pdf_engine(lang)
            if engine is None:
                note = ("no Chinese-capable TeX engine (xelatex with ctex) is installed: the .tex files are "
                        "written for xelatex, no PDF was made") if lang == "zh" else \
                    "no LaTeX engine (pdflatex) is installed: no PDF was made"
            else:
                for name in ("sheets", "key"):
                    compiled = compile_tex(files[f"{name}.tex"], out, name, engine=ENGINE_OPTIONS[engine])
                    folder.add(f"{name}.pdf", compiled.pdf)
        written = [str(out / name) for name in folder.staged]
    return {"files": written, "pdf": note}


def _answer_table(ex: Exercise, v: Variant, lang: str) -> list:
    rows = tuple((f"${q.latex}$", ex.number(v.numbers[q.name], ex.decimals_of(v, q)),
                  ex.exact(v.numbers[q.name])) for q in ex.quantities())
    return [Heading(tr(lang, "answers")),
            Grid((tr(lang, "quantity"), tr(lang, "rounded"), tr(lang, "exact")), rows)]
