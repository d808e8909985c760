"""Printers of the lecture document: a list of sections as a complete LaTeX document (English or Chinese).

Each :class:`~symnn.document.blocks.Section` becomes a ``\\section``; its blocks are printed
in order (paragraphs with ``$...$`` math, display math, checked derivations as
``align*`` broken into rows where they are long, booktabs tables, figures, TikZ
pictures). Nothing is ever scaled down to fit: a formula too wide is broken, a
table is set in columns that wrap. The document ends with the claims table: every
number the lecture states, its exact value and whether the lecture's figure is
right at the digits it shows. ``lang="zh"`` prints a ``ctexart`` document for XeLaTeX.

>>> from symnn.document.blocks import Claim, Paragraph, Section
>>> s = Section("Demo", [Paragraph("The value is $x_1 = 0.5$ (50%).")], [Claim("x_1", "0.5", 0.4999)])
>>> "50\\\\%" in document_latex([s]) and "\\\\checkmark" in document_latex([s])
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..core.derivation import Derivation
from ..core.errors import SymnnError
from ..document.blocks import (
    Figure,
    Math,
    Paragraph,
    Section,
    Table,
    TikZ,
    claim_rows,
    format_exact,
    math_segments,
)
from ..document.i18n import STRINGS, check_language, prose_text
from .breaking import LINE_WIDTH, break_math, math_width
from .latex import MATH_SIZES, derivation_latex, escape_text
from .markdown_document import claims_markdown, document_markdown, section_markdown, write_figures

__all__ = [
    "PREAMBLES",
    "TITLE",
    "claim_rows",
    "claims_latex",
    "claims_markdown",
    "display_latex",
    "document_latex",
    "document_markdown",
    "format_exact",
    "inline_latex",
    "math_width",
    "section_latex",
    "section_markdown",
    "unknown_characters",
    "write_figures",
]

TITLE = STRINGS("title", "en")

_PACKAGES = r"""\usepackage[a4paper,margin=2.3cm]{geometry}
\usepackage{amsmath}
\usepackage{amssymb}
\usepackage{graphicx}
\usepackage{booktabs}
\usepackage{longtable}
\usepackage{array}
\usepackage{float}
\usepackage[section]{placeins}
\usepackage{needspace}
\usepackage[skip=6pt]{caption}
\captionsetup[table]{position=top}
\usepackage{tikz}
""" + MATH_SIZES + r"""
\setlength{\tabcolsep}{4pt}
\setlength{\emergencystretch}{2em}
\setlength{\parindent}{0pt}
\setlength{\parskip}{0.6ex plus 0.3ex}
% floats may fill most of a page, so that a page is never left half empty in front of one
\renewcommand{\topfraction}{0.9}
\renewcommand{\bottomfraction}{0.8}
\renewcommand{\textfraction}{0.1}
\renewcommand{\floatpagefraction}{0.75}
"""

#: the start of the document in each language: pdflatex for English, XeLaTeX with ctex for Chinese
PREAMBLES = {
    "en": ("\\documentclass[11pt]{article}\n\\usepackage[utf8]{inputenc}\n\\usepackage{textcomp}\n"
           + _PACKAGES + "\\usepackage[hidelinks]{hyperref}\n"),
    # (XeLaTeX's hyperref driver needs fonts a basic TeX Live lacks: the Chinese edition has no links)
    "zh": "\\documentclass[11pt,UTF8,fontset=fandol]{ctexart}\n" + _PACKAGES,
}
PREAMBLE = PREAMBLES["en"]

#: Unicode characters that may appear in text or math, and how pdflatex should set them.
#: (Latin-1 letters, dashes and quotes are set by inputenc itself.)
UNICODE_LATEX = {
    **{c: rf"\ensuremath{{\{n}}}" for c, n in zip(
        "αβγδεζηθικλμνξπρστυφχψωΓΔΘΛΞΠΣΥΦΨΩ",
        ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
         "lambda", "mu", "nu", "xi", "pi", "rho", "sigma", "tau", "upsilon", "varphi", "chi", "psi",
         "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi",
         "Omega"], strict=True)},
    "ϕ": r"\ensuremath{\phi}", "ε": r"\ensuremath{\varepsilon}", "ϵ": r"\ensuremath{\epsilon}",
    "≈": r"\ensuremath{\approx}", "≤": r"\ensuremath{\leq}", "≥": r"\ensuremath{\geq}",
    "≠": r"\ensuremath{\neq}", "→": r"\ensuremath{\rightarrow}", "←": r"\ensuremath{\leftarrow}",
    "↔": r"\ensuremath{\leftrightarrow}", "⇒": r"\ensuremath{\Rightarrow}",
    "⇔": r"\ensuremath{\Leftrightarrow}",
    "↦": r"\ensuremath{\mapsto}", "∑": r"\ensuremath{\sum}", "∏": r"\ensuremath{\prod}",
    "∂": r"\ensuremath{\partial}", "∇": r"\ensuremath{\nabla}", "∞": r"\ensuremath{\infty}",
    "−": r"\ensuremath{-}", "∈": r"\ensuremath{\in}", "∉": r"\ensuremath{\notin}",
    "∀": r"\ensuremath{\forall}", "∃": r"\ensuremath{\exists}", "√": r"\ensuremath{\surd}",
    "∫": r"\ensuremath{\int}", "′": r"\ensuremath{'}", "″": r"\ensuremath{''}", "⋅": r"\ensuremath{\cdot}",
    "∘": r"\ensuremath{\circ}", "⊙": r"\ensuremath{\odot}", "ℝ": r"\ensuremath{\mathbb{R}}",
    "✓": r"\ensuremath{\checkmark}", "✗": r"\ensuremath{\times}", "∧": r"\ensuremath{\wedge}",
    "∨": r"\ensuremath{\vee}", "¬": r"\ensuremath{\neg}", "⊕": r"\ensuremath{\oplus}",
    "…": r"\ldots{}", "≡": r"\ensuremath{\equiv}", "∝": r"\ensuremath{\propto}",
    "ŷ": r"\ensuremath{\hat{y}}", "∅": r"\ensuremath{\emptyset}",
}


def _set_natively(char: str) -> bool:
    """Characters pdflatex's utf8 input encoding sets without help (Latin-1, dashes, quotes)."""
    return 0xA0 <= ord(char) <= 0xFF or char in "–—‘’“”„•"


def _unicode_declarations(text: str) -> tuple[str, list[str]]:
    """``\\DeclareUnicodeCharacter`` lines for the non-ASCII characters of ``text``; and unknown ones."""
    lines, unknown = [], []
    for char in sorted({c for c in text if ord(c) > 127}):
        if char in UNICODE_LATEX:
            lines.append(rf"\DeclareUnicodeCharacter{{{ord(char):04X}}}{{{UNICODE_LATEX[char]}}}")
        elif not _set_natively(char):
            unknown.append(char)
            lines.append(rf"\DeclareUnicodeCharacter{{{ord(char):04X}}}{{\textbf{{?}}}}")
    return "\n".join(lines), unknown


# -- text with inline math -------------------------------------------------------------------
_MINUS = re.compile(r"(?<![\w.])-(?=\d)")


def _typeset_text(text: str, quotes: list[int]) -> str:
    """Escaped text with true minus signs before numbers and curly quotes for straight ones."""
    out = []
    for piece in re.split(r'(")', text):
        if piece == '"':
            out.append("“" if quotes[0] % 2 == 0 else "”")
            quotes[0] += 1
        else:
            escaped = escape_text(piece)
            out.append(_MINUS.sub(lambda m: r"\ensuremath{-}", escaped))
    return "".join(out)


def inline_latex(text: str) -> str:
    r"""Text for LaTeX: ``$...$`` math kept, everything else escaped; a minus before a number is a
    minus sign (not a hyphen), straight double quotes become opening and closing quotes.

    >>> inline_latex("loss & gain: $x_1^2$ costs 5%")
    'loss \\& gain: $x_1^2$ costs 5\\%'
    >>> inline_latex('reads "-0.009"')
    'reads “\\ensuremath{-}0.009”'
    """
    quotes = [0]
    return "".join(f"${piece}$" if math else _typeset_text(piece.replace(r"\$", "$"), quotes)
                   for math, piece in math_segments(text))


# -- LaTeX -----------------------------------------------------------------------------------
def _figure_latex(figure: Figure, lang: str) -> str:
    lines = ["\\begin{figure}[!htbp]", "\\centering",
             rf"\includegraphics[width={figure.width}]{{{figure.filename}}}"]
    if figure.caption:
        lines.append(rf"\caption{{{inline_latex(figure.caption)}}}")
    lines.append("\\end{figure}")
    return "\n".join(lines)


def _math_only(cell: str) -> bool:
    return bool(re.fullmatch(r"\s*(\$[^$]*\$|[-+−]?[0-9.,]*)\s*", cell))


def _cell_widths(cell: str) -> tuple[float, float]:
    """(natural width, narrowest width it can wrap to) of a table cell, in math_width units."""
    pieces = re.split(r"(\$[^$]*\$)", cell)
    natural = sum(math_width(p[1:-1]) if p.startswith("$") else len(p) * 0.95 for p in pieces)
    # inline math wraps after a plus, a minus or a relation at its top level
    narrowest = max([math_width(row) for p in pieces if p.startswith("$") for row in break_math(p[1:-1], 1)]
                    + [len(word) * 0.95 for p in pieces if not p.startswith("$") for word in p.split()] + [0])
    return natural, narrowest


def _column_spec(table: Table) -> str:
    """``l`` columns, or, for a table too wide for the line, wrapping ``p`` columns for its text."""
    columns = list(zip(table.header, *table.rows, strict=True))
    sizes = [[_cell_widths(c) for c in column] for column in columns]
    natural = [max(n for n, _ in column) for column in sizes]
    narrowest = [max(m for _, m in column) for column in sizes]
    gaps = 1.3 * len(columns)  # \tabcolsep is 4pt
    if sum(natural) + gaps <= LINE_WIDTH:
        return "l" * len(columns)
    flexible = [i for i in range(len(columns)) if narrowest[i] < natural[i]]
    room = LINE_WIDTH - gaps - sum(natural[i] for i in range(len(columns)) if i not in flexible)
    spare = max(0.0, room - sum(narrowest[i] for i in flexible))
    give = sum(natural[i] - narrowest[i] for i in flexible) or 1.0
    spec = []
    for i in range(len(columns)):
        if i in flexible:
            width = narrowest[i] + spare * (natural[i] - narrowest[i]) / give
            spec.append(rf">{{\raggedright\arraybackslash}}p{{{width / LINE_WIDTH:.3f}\linewidth}}")
        else:
            spec.append("l")
    return "".join(spec)


def _table_latex(table: Table) -> str:
    columns = len(table.header)
    for number, row in enumerate(table.rows, start=1):
        if len(row) != columns:
            raise SymnnError(f"table {table.caption or table.header!r}: row {number} has {len(row)} cells, "
                             f"the header has {columns}")
    lines = [" & ".join(inline_latex(c) for c in table.header) + r" \\", r"\midrule"]
    lines += [" & ".join(inline_latex(c) for c in row) + r" \\" for row in table.rows]
    tabular = ("\\begin{tabular}{" + _column_spec(table) + "}\n\\toprule\n" + "\n".join(lines)
               + "\n\\bottomrule\n\\end{tabular}")
    parts = ["\\begin{table}[!htbp]", "\\centering"]
    if table.caption:
        parts.append(rf"\caption{{{inline_latex(table.caption)}}}")
    parts += [tabular, "\\end{table}"]
    return "\n".join(parts)


def _tikz_latex(picture: TikZ) -> str:
    code = picture.code.strip()
    if r"\begin{tikzpicture}" not in code:
        code = "\\begin{tikzpicture}\n" + code + "\n\\end{tikzpicture}"
    parts = ["\\begin{figure}[!htbp]", "\\centering", code]
    if picture.caption:
        parts.append(rf"\caption{{{inline_latex(picture.caption)}}}")
    parts.append("\\end{figure}")
    return "\n".join(parts)


#: an alignment with more rows than this may break across pages; a shorter one is kept on one page
LONG_ALIGNMENT = 10


def _kept_together(align: str, before: int = 0) -> str:
    """An ``align*`` kept on one page (with ``before`` lines of heading and text), or, when long,
    allowed to break between rows."""
    rows = align.split("\\\\")
    if len(rows) > LONG_ALIGNMENT:  # kept with its heading for a few rows, then free to break
        return (f"\\Needspace{{{before + 8}\\baselineskip}}\n\\begingroup\\allowdisplaybreaks\n" + align
                + "\n\\endgroup")
    # a row with a fraction is about two lines high, a plain row about one and a half
    height = sum(2.2 if "\\frac" in row else 1.4 for row in rows) + before + 2
    return f"\\Needspace{{{round(height)}\\baselineskip}}\n" + align


def _derivation_latex(derivation: Derivation, lang: str) -> str:
    parts = []
    before = 0
    if derivation.title:
        parts.append(rf"\subsection*{{{inline_latex(prose_text(derivation.title, lang))}}}")
        before += 3
    if derivation.text:
        parts.append(inline_latex(prose_text(derivation.text, lang)))
        before += 2
    align = _kept_together(derivation_latex(derivation, lang=lang), before)
    if parts and align.startswith("\\Needspace"):
        need, align = align.split("\n", 1)
        parts.insert(0, need)
    parts.append(align)
    return "\n\n".join(parts)


def _top_level(text: str, token: str) -> list[str]:
    """``text`` cut at ``token`` where it stands outside every brace group and environment."""
    pieces, depth, start, i = [], 0, 0, 0
    while i < len(text):
        if text.startswith(r"\begin", i):
            depth += 1
        elif text.startswith(r"\end", i):
            depth -= 1
        elif text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
        elif depth == 0 and text.startswith(token, i):
            pieces.append(text[start:i])
            start = i + len(token)
            i = start
            continue
        i += 1
    pieces.append(text[start:])
    return [p.strip().rstrip(",").strip() for p in pieces if p.strip()]


def display_latex(body: str) -> str:
    """One display formula; too wide for the line it is broken: at ``\\qquad`` between formulas
    first, then each formula after its ``=`` at plus, minus and factors."""
    body = body.strip()
    if math_width(body) <= LINE_WIDTH or "&" in body or "\\\\" in body:
        return "\\[\n" + body + "\n\\]"
    formulas = _top_level(body, r"\qquad")
    rows = []
    for formula in formulas:
        sides = _top_level(formula, "=")
        if math_width(formula) <= LINE_WIDTH or len(sides) < 2:
            rows.append(f"& {formula}" if len(sides) < 2 else f"{sides[0]} &= " + " = ".join(sides[1:]))
            continue
        left, right = sides[0], " = ".join(sides[1:])
        pieces = break_math(right, LINE_WIDTH - math_width(left) - 3)
        rows.append(f"{left} &= {pieces[0]}")
        rows += [rf"&\qquad {{}}{p}" for p in pieces[1:]]
    return "\\begin{align*}\n" + " \\\\\n".join(rows) + "\n\\end{align*}"


def _block_latex(block, section: Section, lang: str) -> str:
    if isinstance(block, Paragraph):
        return inline_latex(block.text)
    if isinstance(block, Math):
        return display_latex(block.latex)
    if isinstance(block, Derivation):
        return _derivation_latex(block, lang)
    if isinstance(block, Table):
        return _table_latex(block)
    if isinstance(block, Figure):
        return _figure_latex(block, lang)
    if isinstance(block, TikZ):
        return _tikz_latex(block)
    raise SymnnError(f"section {section.title!r}: cannot print a block of type {type(block).__name__} "
                     "(expected Paragraph, Math, Derivation, Table, Figure or TikZ)")


def section_latex(section: Section, lang: str = "en") -> str:
    """One section as LaTeX: ``\\section{title}`` and its blocks."""
    parts = [rf"\section{{{inline_latex(section.title)}}}"]
    parts += [_block_latex(block, section, lang) for block in section.blocks]
    return "\n\n".join(parts)


def _number_latex(text: str) -> str:
    """A number as written, in math mode so that its minus sign is a minus (not a hyphen)."""
    text = text.strip()
    return f"${escape_text(text)}$" if re.fullmatch(r"[-+]?[0-9.,]+", text) else escape_text(text)


def claims_latex(sections: Sequence[Section], lang: str = "en") -> str:
    """The closing table of the lecture's numbers, grouped by section (empty text when there are none)."""
    rows = claim_rows(sections)
    if not rows:
        return ""
    heads = [STRINGS(f"claims.{key}", lang) for key in ("quantity", "lecture", "exact", "right")]
    lines = [r"\begin{longtable}{>{\raggedright\arraybackslash}p{0.52\linewidth}rrc}", "\\toprule",
             " & ".join(heads) + r" \\", "\\midrule", "\\endhead", "\\bottomrule", "\\endfoot"]
    current = None
    for title, claim in rows:
        if title != current:
            if current is not None:
                lines.append(r"\addlinespace")
            lines.append(rf"\multicolumn{{4}}{{l}}{{\textbf{{{inline_latex(title)}}}}} \\*")
            current = title
        mark = r"\checkmark" if claim.right else r"\texttimes"
        lines.append(" & ".join([inline_latex(claim.quantity), _number_latex(claim.stated),
                                 _number_latex(format_exact(claim)), mark]) + r" \\")
    lines.append("\\end{longtable}")
    right = sum(1 for _, c in rows if c.right)
    intro = inline_latex(STRINGS("claims.intro", lang, right=right, total=len(rows)))
    return (f"\\section{{{inline_latex(STRINGS('claims.heading', lang))}}}\n\n" + intro + "\n\n"
            + "\n".join(lines))


def document_latex(sections: Sequence[Section], *, title: str | None = None, lang: str = "en") -> str:
    """A complete LaTeX document: title, contents, sections, claims table.

    English compiles with pdflatex, Chinese (``lang="zh"``) with XeLaTeX and ctex.
    """
    check_language(lang)
    title = STRINGS("title", lang) if title is None else title
    body = "\n\n".join(section_latex(s, lang) for s in sections)
    claims = claims_latex(sections, lang)
    text = (f"\\title{{{escape_text(title)}}}\n\\date{{}}\n\n\\begin{{document}}\n\\maketitle\n"
            f"\\tableofcontents\n\n{body}\n\n{claims}\n\n\\end{{document}}\n")
    if lang == "en":
        declarations, _ = _unicode_declarations(text)
        text = declarations + ("\n" if declarations else "") + "\n" + text
    return PREAMBLES[lang] + text


def unknown_characters(text: str) -> list[str]:
    """Non-ASCII characters in ``text`` that the LaTeX document sets as '?' (add them to UNICODE_LATEX)."""
    return _unicode_declarations(text)[1]
