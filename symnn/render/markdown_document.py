"""The lecture document as Markdown: ``$$`` math, pipe tables, PNG figures, the claims table; and its figures.

>>> from symnn.document.blocks import Claim, Paragraph, Section
>>> s = Section("Demo", [Paragraph("The value is $x_1 = 0.5$ (50%).")], [Claim("x_1", "0.5", 0.4999)])
>>> print(section_markdown(s))
## Demo
<BLANKLINE>
The value is $x_1 = 0.5$ (50%).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..core.derivation import Derivation
from ..core.errors import SymnnError
from ..document.blocks import Figure, Math, Paragraph, Section, Table, TikZ, claim_rows, format_exact
from ..document.i18n import STRINGS, check_language
from .figures import FigureLeftOutError
from .markdown import derivation_markdown

__all__ = ["claims_markdown", "document_markdown", "section_markdown", "write_figures"]


def _cell(text: str) -> str:
    return text.replace("|", r"\|").replace("\n", " ")


def _table_markdown(table: Table) -> str:
    lines = []
    if table.caption:
        lines += [f"*{table.caption}*", ""]
    lines.append("| " + " | ".join(_cell(c) for c in table.header) + " |")
    lines.append("|" + "|".join("---" for _ in table.header) + "|")
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in table.rows]
    return "\n".join(lines)


def _figure_markdown(figure: Figure, lang: str, left_out: frozenset) -> str:
    if figure.filename in left_out:
        return f"*({STRINGS('figure.left_out', lang)} {figure.caption})*"
    png = str(Path(figure.filename).with_suffix(".png"))
    return f"![{figure.caption}]({png})\n\n*{figure.caption}*" if figure.caption else f"![]({png})"


def _block_markdown(block, section: Section, lang: str, left_out: frozenset) -> str:
    if isinstance(block, Paragraph):
        return block.text
    if isinstance(block, Math):
        return "$$\n" + block.latex.strip() + "\n$$"
    if isinstance(block, Derivation):
        return derivation_markdown(block, lang)
    if isinstance(block, Table):
        return _table_markdown(block)
    if isinstance(block, Figure):
        return _figure_markdown(block, lang, left_out)
    if isinstance(block, TikZ):
        if block.fallback is not None:
            return _block_markdown(block.fallback, section, lang, left_out)
        return "*(" + STRINGS("picture", lang, caption=block.caption or STRINGS("picture.pdf", lang)) + ")*"
    raise SymnnError(f"section {section.title!r}: cannot print a block of type {type(block).__name__} "
                     "(expected Paragraph, Math, Derivation, Table, Figure or TikZ)")


def section_markdown(section: Section, lang: str = "en", left_out: frozenset = frozenset()) -> str:
    """One section as Markdown: ``## title`` and its blocks (figures in ``left_out`` named, not shown)."""
    return "\n\n".join([f"## {section.title}",
                        *(_block_markdown(b, section, lang, left_out) for b in section.blocks)])


def claims_markdown(sections: Sequence[Section], lang: str = "en") -> str:
    """The closing table of the lecture's numbers as a pipe table (✓ right, ✗ wrong), grouped by section."""
    rows = claim_rows(sections)
    if not rows:
        return ""
    right = sum(1 for _, c in rows if c.right)
    heads = [STRINGS(f"claims.{key}", lang) for key in ("section", "quantity", "lecture", "exact", "right")]
    lines = [f"## {STRINGS('claims.heading', lang)}", "",
             STRINGS("claims.intro", lang, right=right, total=len(rows)), "",
             "| " + " | ".join(heads) + " |", "|---|---|---:|---:|:---:|"]
    current = None
    for title, claim in rows:
        shown = f"**{_cell(title)}**" if title != current else ""
        current = title
        lines.append("| " + " | ".join([shown, _cell(claim.quantity), claim.stated.replace("-", "−"),
                                          format_exact(claim).replace("-", "−"),
                                          "✓" if claim.right else "✗"]) + " |")
    return "\n".join(lines)


def document_markdown(sections: Sequence[Section], *, title: str | None = None, lang: str = "en",
                      left_out: Sequence[str] = ()) -> str:
    """The whole lecture as one Markdown file: ``$$`` math, pipe tables, PNG figures, claims table.

    Figures named in ``left_out`` (files that could not be made) are named in a note instead.
    """
    check_language(lang)
    title = STRINGS("title", lang) if title is None else title
    missing = frozenset(left_out)
    parts = [f"# {title}", *(section_markdown(s, lang, missing) for s in sections)]
    claims = claims_markdown(sections, lang)
    if claims:
        parts.append(claims)
    return "\n\n".join(parts) + "\n"


# -- figures ---------------------------------------------------------------------------------
def _figures(sections: Sequence[Section]):
    for section in sections:
        for block in section.blocks:
            if isinstance(block, Figure):
                yield section, block
            elif isinstance(block, TikZ) and isinstance(block.fallback, Figure):
                yield section, block.fallback


def write_figures(sections: Sequence[Section], out_dir: str | Path,
                  left_out: list[tuple[str, str]] | None = None) -> list[Path]:
    """Make every figure of the sections under ``out_dir``; returns the files written.

    A figure whose ``make`` raises :class:`FigureLeftOutError` is skipped and listed in ``left_out``
    as (filename, reason); without that list it is an error.
    """
    out_dir = Path(out_dir)
    written: list[Path] = []
    for section, figure in _figures(sections):
        path = out_dir / figure.filename
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            figure.make(path)
        except FigureLeftOutError as error:
            if left_out is None:
                raise
            left_out.append((figure.filename, str(error)))
            continue
        except SymnnError:
            raise
        except OSError as error:
            raise SymnnError(f"cannot write figure {path}: {error.strerror or error}") from None
        except Exception as error:
            raise SymnnError(f"section {section.title!r}: figure {figure.filename} failed: "
                             f"{type(error).__name__}: {error}") from None
        made = [p for p in (path, path.with_suffix(".pdf"), path.with_suffix(".png")) if p.exists()]
        if not path.exists():
            raise SymnnError(f"section {section.title!r}: figure {figure.filename} was not written")
        written += sorted(set(made))
    return written
