"""The checker page: one HTML document, no script, every student string escaped.

The form posts to ``/`` (multipart, so that files can be uploaded) and the answer is
the same page with the report under the form: the summary first, then one item per
line with its verdict as a colour, a sign and a word, the line as MathML (made by
:mod:`symnn.web.mathml`; plain text where that fails), the figures and the checker's
message. The first real mistake is marked and linked from the summary.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape
from typing import Any

from .strings import VERDICT_SYMBOLS, tr, verdict_word

__all__ = ["PageState", "render_page"]

MISTAKES = ("arithmetic", "formula")  # the verdicts that are a real mistake of the writer
UPLOAD = "upload"  # the value of the problem choice "a network spec I upload"


@dataclass
class PageState:
    """What one page shows: the form as filled in, and a report or an error (or neither)."""

    lang: str = "en"
    problems: Sequence[dict[str, str]] = ()
    problem: str = "lecture"
    text: str = ""
    report: dict[str, Any] | None = None
    mathml: Sequence[str | None] = ()
    error: str | None = None
    limits: dict[str, Any] = field(default_factory=dict)
    version: str = ""


def render_page(state: PageState) -> str:
    """The whole HTML document for ``state``."""
    lang = state.lang
    result = _result(state) if state.report is not None or state.error else ""
    skip = f'<a class="skip" href="#result">{escape(tr(lang, "skip"))}</a>\n' if result else ""
    return f"""<!doctype html>
<html lang="{escape(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(tr(lang, "title"))} · symnn</title>
<link rel="stylesheet" href="/static/page.css">
</head>
<body>
{skip}<header>
<h1>{escape(tr(lang, "title"))}</h1>
<p>{escape(tr(lang, "intro"))}</p>
</header>
<main>
{_form(state)}
{result}
</main>
<footer><p>{escape(tr(lang, "footer", version=state.version))}</p></footer>
</body>
</html>
"""


def _form(state: PageState) -> str:
    lang = state.lang
    options = []
    for problem in [*state.problems, {"id": UPLOAD, "title": tr(lang, "upload_spec")}]:
        selected = " selected" if problem["id"] == state.problem else ""
        options.append(f'<option value="{escape(problem["id"])}"{selected}>'
                       f'{escape(problem["title"])}</option>')
    limits = tr(lang, "limits", **state.limits) if state.limits else ""
    return f"""<form method="post" action="/#result" enctype="multipart/form-data">
<fieldset>
<legend>{escape(tr(lang, "about"))}</legend>
<label for="problem">{escape(tr(lang, "problem"))}</label>
<select id="problem" name="problem">
{chr(10).join(options)}
</select>
<label for="spec_file">{escape(tr(lang, "spec_file"))}</label>
<input type="file" id="spec_file" name="spec_file" accept=".toml,text/plain">
</fieldset>
<fieldset>
<legend>{escape(tr(lang, "solution"))}</legend>
<label for="text">{escape(tr(lang, "text"))}</label>
<textarea id="text" name="text" rows="14" spellcheck="false" autocapitalize="off" autocomplete="off">\
{escape(state.text)}</textarea>
<label for="file">{escape(tr(lang, "file"))}</label>
<input type="file" id="file" name="file" accept=".md,.tex,.txt,text/plain,text/markdown">
</fieldset>
<p class="limits">{escape(limits)}</p>
<button type="submit">{escape(tr(lang, "check"))}</button>
</form>"""


def _result(state: PageState) -> str:
    lang = state.lang
    if state.error:
        return f"""<section id="result" class="result error" role="alert" tabindex="-1">
<h2>{escape(tr(lang, "error"))}</h2>
<p>{escape(state.error)}</p>
</section>"""
    report = state.report or {}
    lines = report.get("lines", [])
    summary = report.get("summary", {})
    first = summary.get("first_error_line")
    items = []
    first_index = next((k for k, line in enumerate(lines) if line["verdict"] in MISTAKES), None)
    for index, line in enumerate(lines):
        mathml = state.mathml[index] if index < len(state.mathml) else None
        items.append(_line(lang, index, line, mathml, first=index == first_index))
    return f"""<section id="result" class="result" aria-labelledby="result-heading" tabindex="-1">
<h2 id="result-heading">{escape(tr(lang, "result"))}</h2>
{_summary(lang, lines, summary, first, _title(state))}
<ol class="lines">
{chr(10).join(items)}
</ol>
</section>"""


def _title(state: PageState) -> str:
    """The title of the problem the solution was checked against."""
    if state.problem == UPLOAD:
        return tr(state.lang, "upload_spec")
    return next((p["title"] for p in state.problems if p["id"] == state.problem), state.problem)


def _summary(lang: str, lines: list[dict], summary: dict, first: int | None, title: str) -> str:
    against = f'<p class="against">{escape(tr(lang, "against", title=title))}</p>'
    if not lines:
        return f'<div class="summary" role="status">{against}<p>{escape(tr(lang, "nothing"))}</p></div>'
    counts = tr(lang, "list_sep").join(f"{n} {verdict_word(lang, v)}"
                                       for v, n in summary.get("counts", {}).items() if n)
    parts = [against, f"<p>{escape(tr(lang, 'summary', n=len(lines), counts=counts))}</p>"]
    if first is not None:
        parts.append(f'<p class="first-at"><strong>{escape(tr(lang, "first_at", line=first))}</strong> '
                     f'<a href="#first-mistake">{escape(tr(lang, "go_first"))}</a></p>')
    elif all(line["verdict"] in ("correct", "rounding") for line in lines):
        parts.append(f'<p class="first-at">{escape(tr(lang, "no_mistake"))}</p>')
    open_lines = sum(1 for line in lines if line["verdict"] in ("unknown", "unparsed", "too complex"))
    if open_lines:
        parts.append(f"<p>{escape(tr(lang, 'open_lines', n=open_lines))}</p>")
    return '<div class="summary" role="status">' + "".join(parts) + "</div>"


def _line(lang: str, index: int, line: dict[str, Any], mathml: str | None, first: bool) -> str:
    verdict = line["verdict"]
    css = "v-" + verdict.replace(" ", "-")
    anchor = "first-mistake" if first else f"row-{index + 1}"
    classes = f"line {css}" + (" first-mistake" if first else "")
    mark = f' <strong class="first-mark">{escape(tr(lang, "first"))}</strong>' if first else ""
    math = (f'<div class="math">{mathml}</div>' if mathml
            else f'<div class="math text"><code>{escape(line["text"])}</code></div>')
    figures = []
    if line.get("quantity"):
        written = f" = {escape(line['written'])}" if line.get("written") else ""
        figures.append(escape(line["quantity"]) + written)
    if line.get("exact") is not None:
        figures.append(f"{escape(tr(lang, 'exact'))} {_figure(line['exact'])}")
    detail = f'<p class="figures">{" · ".join(figures)}</p>' if figures else ""
    message = f'<p class="message">{escape(line["message"])}</p>' if line.get("message") else ""
    source = "" if not mathml else (f'<details><summary>{escape(tr(lang, "source"))}</summary>'
                                    f'<code>{escape(line["text"])}</code></details>')
    data = f'data-line="{int(line["line"])}" data-verdict="{escape(verdict)}"'
    return f"""<li class="{classes}" id="{anchor}" {data}>
<div class="head"><span class="where">{escape(tr(lang, "line", n=line["line"]))}</span>
<span class="verdict"><span aria-hidden="true">{VERDICT_SYMBOLS.get(verdict, "")}</span> \
{escape(verdict_word(lang, verdict))}</span>{mark}</div>
{math}
{detail}{message}{source}
</li>"""


def _figure(value: float) -> str:
    """A float for a person: six significant digits (four below 0.001), as the CLI shows it."""
    if value == 0:
        return "0"
    return f"{value:.6g}" if abs(value) >= 1e-3 else f"{value:.4g}"
