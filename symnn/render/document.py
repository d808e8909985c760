"""Printers of the lecture document: a list of sections as a complete LaTeX document and as Markdown.

Each :class:`~symnn.document.blocks.Section` becomes a ``\\section``; its blocks are printed
in order (paragraphs with ``$...$`` math, display math, checked derivations as
``align*``, booktabs tables, figures, TikZ pictures). The document ends with the
claims table: every number the lecture states, its exact value and whether the
lecture's figure is right at the digits it shows.

>>> from symnn.document.blocks import Claim, Paragraph, Section
>>> s = Section("Demo", [Paragraph("The value is $x_1 = 0.5$ (50%).")], [Claim("x_1", "0.5", 0.4999)])
>>> print(section_markdown(s))
## Demo
<BLANKLINE>
The value is $x_1 = 0.5$ (50%).
>>> "50\\\\%" in document_latex([s]) and "\\\\checkmark" in document_latex([s])
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from ..core.derivation import Derivation
from ..core.errors import SymnnError
from ..document.blocks import Claim, Figure, Math, Paragraph, Section, Table, TikZ
from .latex import derivation_latex, escape_text
from .markdown import derivation_markdown

__all__ = [
    "TITLE",
    "claim_rows",
    "claims_latex",
    "claims_markdown",
    "document_latex",
    "document_markdown",
    "format_exact",
    "inline_latex",
    "math_width",
    "section_latex",
    "section_markdown",
    "write_figures",
]

TITLE = "symnn — the mathematics of an introductory deep-learning lecture"

PREAMBLE = r"""\documentclass[11pt]{article}
\usepackage[utf8]{inputenc}
\usepackage[a4paper,margin=2.3cm]{geometry}
\usepackage{amsmath}
\usepackage{amssymb}
\usepackage{graphicx}
\usepackage{booktabs}
\usepackage{longtable}
\usepackage{array}
\usepackage{float}
\usepackage[font=small,skip=6pt]{caption}
\captionsetup[table]{position=top}
\usepackage{tikz}
\usepackage[hidelinks]{hyperref}
\allowdisplaybreaks
% a picture or table wider than the line is scaled down to the line
\newsavebox{\symnnbox}
\newcommand{\symnnfit}{\ifdim\wd\symnnbox>\linewidth
  \resizebox{\linewidth}{!}{\usebox{\symnnbox}}\else\usebox{\symnnbox}\fi}
\setlength{\parindent}{0pt}
\setlength{\parskip}{0.6ex plus 0.3ex}
"""

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
def _segments(text: str) -> list[tuple[bool, str]]:
    """``text`` cut into (is_math, piece) at unescaped ``$``; an unmatched ``$`` stays text."""
    parts = re.split(r"(?<!\\)\$", text)
    if len(parts) % 2 == 0:  # an odd number of $: the last one is text
        parts = [*parts[:-2], parts[-2] + "$" + parts[-1]]
    return [(i % 2 == 1, p) for i, p in enumerate(parts) if p]


def inline_latex(text: str) -> str:
    """Text for LaTeX: ``$...$`` math kept, everything else escaped.

    >>> inline_latex("loss & gain: $x_1^2$ costs 5%")
    'loss \\\\& gain: $x_1^2$ costs 5\\\\%'
    """
    return "".join(f"${piece}$" if math else escape_text(piece.replace(r"\$", "$"))
                   for math, piece in _segments(text))


def _cell_markdown(text: str) -> str:
    return text.replace("|", r"\|").replace("\n", " ")


# -- long rows -------------------------------------------------------------------------------
_NAMED = {"tanh", "log", "exp", "sin", "cos", "max", "min", "lim", "sum", "ln", "erf", "sinh", "cosh"}
_ZERO = {"left", "right", "displaystyle", "textstyle", "limits", "nolimits", "big", "Big", "bigg", "Bigg",
         "qquad", "quad", "!"}


def _group(text: str, i: int) -> tuple[str, int]:
    """The brace group starting at text[i] == '{' -> (content, index after it); else one token."""
    if i >= len(text):
        return "", i
    if text[i] != "{":
        if text[i] == "\\":
            m = re.match(r"\\([a-zA-Z]+|.)", text[i:])
            return m.group(0), i + len(m.group(0))
        return text[i], i + 1
    depth = 0
    for j in range(i, len(text)):
        if text[j] == "{":
            depth += 1
        elif text[j] == "}":
            depth -= 1
            if depth == 0:
                return text[i + 1:j], j + 1
    return text[i + 1:], len(text)


def math_width(text: str) -> float:
    """A rough width of one row of LaTeX math, in characters of the normal size (about 7 pt each).

    A fraction is as wide as its wider part, scripts count 0.7, ``\\left``/``\\right`` nothing.

    >>> math_width(r"\\frac{a+b}{c}") < math_width("a+b+c")
    True
    """
    width, i = 0.0, 0
    while i < len(text):
        c = text[i]
        if c == "\\":
            m = re.match(r"\\([a-zA-Z]+|.)", text[i:])
            name = m.group(1)
            i += len(m.group(0))
            if name in ("frac", "dfrac", "tfrac"):
                a, i = _group(text, i)
                b, i = _group(text, i)
                width += max(math_width(a), math_width(b)) + 0.4
            elif name in ("text", "mathrm", "operatorname", "textrm", "mathit", "mathbf", "textbf"):
                a, i = _group(text, i)
                width += len(a) * 0.9 if name.startswith("text") else math_width(a)
            elif name == "sqrt":
                a, i = _group(text, i)
                width += 1 + math_width(a)
            elif name in ("begin", "end"):
                _, i = _group(text, i)
            elif name in _ZERO or name in (",", ";", ":", " "):
                width += 0.3 if name in (",", ";", ":", " ", "quad") else 0
                if name == "qquad":
                    width += 3
            elif name in _NAMED:
                width += len(name) + 0.3
            else:
                width += 1.1
        elif c in "^_":
            a, i = _group(text, i + 1)
            width += 0.7 * math_width(a)
        elif c == "&":
            j = i
            while j < len(text) and text[j] == "&":
                j += 1
            width += 3 if j - i >= 2 else 0
            i = j
        elif c in "=<>+-":
            width += 1.8
            i += 1
        elif c in "{} \n":
            i += 1
        else:
            width += 1
            i += 1
    return width


#: the widest row (in :func:`math_width` units) that fits the text width at each font size
_FITS = ((62, ""), (68, "\\small"), (76, "\\footnotesize"), (84, "\\scriptsize"))


def _rows(body: str) -> list[str]:
    return body.split("\\\\")


def _fitted(body: str, aligned: str) -> str:
    """Display math set smaller, or scaled to the line, when its widest row would not fit."""
    widest = max((math_width(row) for row in _rows(aligned)), default=0)
    for limit, size in _FITS:
        if widest <= limit:
            return body if not size else f"\\begingroup{size}\n{body}\n\\endgroup"
    return ("\\[\n\\resizebox{\\linewidth}{!}{$\\displaystyle\n" + aligned + "\n$}\n\\]")


# -- LaTeX -----------------------------------------------------------------------------------
def _figure_latex(figure: Figure) -> str:
    lines = ["\\begin{figure}[H]", "\\centering",
             rf"\includegraphics[width={figure.width}]{{{figure.filename}}}"]
    if figure.caption:
        lines.append(rf"\caption{{{inline_latex(figure.caption)}}}")
    lines.append("\\end{figure}")
    return "\n".join(lines)


def _table_latex(table: Table) -> str:
    columns = len(table.header)
    for number, row in enumerate(table.rows, start=1):
        if len(row) != columns:
            raise SymnnError(f"table {table.caption or table.header!r}: row {number} has {len(row)} cells, "
                             f"the header has {columns}")
    lines = [" & ".join(inline_latex(c) for c in table.header) + r" \\", r"\midrule"]
    lines += [" & ".join(inline_latex(c) for c in row) + r" \\" for row in table.rows]
    tabular = ("\\begin{tabular}{" + "l" * columns + "}\n\\toprule\n" + "\n".join(lines)
               + "\n\\bottomrule\n\\end{tabular}")
    tabular = _fit(tabular)
    parts = ["\\begin{table}[H]", "\\centering"]
    if table.caption:
        parts.append(rf"\caption{{{inline_latex(table.caption)}}}")
    parts += [tabular, "\\end{table}"]
    return "\n".join(parts)


def _fit(box: str) -> str:
    """``box`` (a tabular or tikzpicture) set as it is, or scaled down to the line if wider."""
    return "\\begin{lrbox}{\\symnnbox}\n" + box + "\n\\end{lrbox}\\symnnfit"


def _tikz_latex(picture: TikZ) -> str:
    code = picture.code.strip()
    if r"\begin{tikzpicture}" not in code:
        code = "\\begin{tikzpicture}\n" + code + "\n\\end{tikzpicture}"
    parts = ["\\begin{figure}[H]", "\\centering", _fit(code)]
    if picture.caption:
        parts.append(rf"\caption{{{inline_latex(picture.caption)}}}")
    parts.append("\\end{figure}")
    return "\n".join(parts)


def _derivation_latex(derivation: Derivation) -> str:
    parts = []
    if derivation.title:
        parts.append(rf"\subsection*{{{inline_latex(derivation.title)}}}")
    if derivation.text:
        parts.append(inline_latex(derivation.text))
    parts.append(_fitted(derivation_latex(derivation), derivation_latex(derivation, environment="aligned")))
    return "\n\n".join(parts)


def _block_latex(block, section: Section) -> str:
    if isinstance(block, Paragraph):
        return inline_latex(block.text)
    if isinstance(block, Math):
        body = block.latex.strip()
        return _fitted("\\[\n" + body + "\n\\]", body)
    if isinstance(block, Derivation):
        return _derivation_latex(block)
    if isinstance(block, Table):
        return _table_latex(block)
    if isinstance(block, Figure):
        return _figure_latex(block)
    if isinstance(block, TikZ):
        return _tikz_latex(block)
    raise SymnnError(f"section {section.title!r}: cannot print a block of type {type(block).__name__} "
                     "(expected Paragraph, Math, Derivation, Table, Figure or TikZ)")


def section_latex(section: Section) -> str:
    """One section as LaTeX: ``\\section{title}`` and its blocks."""
    parts = [rf"\section{{{inline_latex(section.title)}}}"]
    parts += [_block_latex(block, section) for block in section.blocks]
    return "\n\n".join(parts)


def claim_rows(sections: Sequence[Section]) -> list[tuple[str, Claim]]:
    """Every claim of every section, with the title of its section, in document order."""
    return [(section.title, claim) for section in sections for claim in section.claims]


def format_exact(claim: Claim) -> str:
    """The exact value with a few more decimals than the lecture shows.

    >>> format_exact(Claim("E", "0.21", 0.2097097))
    '0.209710'
    """
    return f"{float(claim.exact):.{claim.decimals + 4}f}"


def _number_latex(text: str) -> str:
    """A number as written, in math mode so that its minus sign is a minus (not a hyphen)."""
    text = text.strip()
    return f"${escape_text(text)}$" if re.fullmatch(r"[-+]?[0-9.,eE+-]+", text) else escape_text(text)


def claims_latex(sections: Sequence[Section]) -> str:
    """The closing table of the lecture's numbers (a longtable; empty text when there are none)."""
    rows = claim_rows(sections)
    if not rows:
        return ""
    text_column = r">{\raggedright\arraybackslash}p{%s}"
    columns = "".join(text_column % width for width in ("5.2cm", "5.4cm")) + "rrc"
    lines = ["\\begin{longtable}{" + columns + "}", "\\toprule",
             r"Quantity & Where & Lecture & Exact & Right \\", "\\midrule", "\\endhead"]
    for title, claim in rows:
        mark = r"\checkmark" if claim.right else r"\texttimes"
        where = f"{title}: {claim.where}" if claim.where else title
        lines.append(" & ".join([inline_latex(claim.quantity), inline_latex(where),
                                 _number_latex(claim.stated), _number_latex(format_exact(claim)), mark])
                     + r" \\")
    lines += ["\\bottomrule", "\\end{longtable}"]
    right = sum(1 for _, c in rows if c.right)
    intro = (f"Every number the lecture states, its exact value, and whether the lecture's figure is "
             f"right when the exact value is rounded to the digits shown: {right} of {len(rows)} are.")
    return ("\\section{The lecture's numbers}\n\n" + intro + "\n\n{\\small\\setlength{\\tabcolsep}{4pt}\n"
            + "\n".join(lines) + "\n}")


def document_latex(sections: Sequence[Section], *, title: str = TITLE) -> str:
    """A complete LaTeX document (compiles with pdflatex): title, contents, sections, claims table."""
    body = "\n\n".join(section_latex(s) for s in sections)
    claims = claims_latex(sections)
    text = (f"\\title{{{escape_text(title)}}}\n\\date{{}}\n\n\\begin{{document}}\n\\maketitle\n"
            f"\\tableofcontents\n\n{body}\n\n{claims}\n\n\\end{{document}}\n")
    declarations, _ = _unicode_declarations(text)
    return PREAMBLE + declarations + ("\n" if declarations else "") + "\n" + text


def unknown_characters(text: str) -> list[str]:
    """Non-ASCII characters in ``text`` that the LaTeX document sets as '?' (add them to UNICODE_LATEX)."""
    return _unicode_declarations(text)[1]


# -- Markdown --------------------------------------------------------------------------------
def _table_markdown(table: Table) -> str:
    lines = []
    if table.caption:
        lines += [f"*{table.caption}*", ""]
    lines.append("| " + " | ".join(_cell_markdown(c) for c in table.header) + " |")
    lines.append("|" + "|".join("---" for _ in table.header) + "|")
    lines += ["| " + " | ".join(_cell_markdown(c) for c in row) + " |" for row in table.rows]
    return "\n".join(lines)


def _figure_markdown(figure: Figure) -> str:
    png = str(Path(figure.filename).with_suffix(".png"))
    return f"![{figure.caption}]({png})\n\n*{figure.caption}*" if figure.caption else f"![]({png})"


def _block_markdown(block, section: Section) -> str:
    if isinstance(block, Paragraph):
        return block.text
    if isinstance(block, Math):
        return "$$\n" + block.latex.strip() + "\n$$"
    if isinstance(block, Derivation):
        return derivation_markdown(block)
    if isinstance(block, Table):
        return _table_markdown(block)
    if isinstance(block, Figure):
        return _figure_markdown(block)
    if isinstance(block, TikZ):
        if block.fallback is not None:
            return _block_markdown(block.fallback, section)
        return f"*(Picture: {block.caption or 'see the PDF'}.)*"
    raise SymnnError(f"section {section.title!r}: cannot print a block of type {type(block).__name__} "
                     "(expected Paragraph, Math, Derivation, Table, Figure or TikZ)")


def section_markdown(section: Section) -> str:
    """One section as Markdown: ``## title`` and its blocks."""
    return "\n\n".join([f"## {section.title}", *(_block_markdown(b, section) for b in section.blocks)])


def claims_markdown(sections: Sequence[Section]) -> str:
    """The closing table of the lecture's numbers as a pipe table (✓ right, ✗ wrong)."""
    rows = claim_rows(sections)
    if not rows:
        return ""
    right = sum(1 for _, c in rows if c.right)
    lines = ["## The lecture's numbers", "",
             f"Every number the lecture states, its exact value, and whether the lecture's figure is right "
             f"when the exact value is rounded to the digits shown: {right} of {len(rows)} are.", "",
             "| Quantity | Section | Where | Lecture | Exact | Right |", "|---|---|---|---:|---:|:---:|"]
    for title, claim in rows:
        lines.append("| " + " | ".join([_cell_markdown(claim.quantity), _cell_markdown(title),
                                          _cell_markdown(claim.where), claim.stated, format_exact(claim),
                                          "✓" if claim.right else "✗"]) + " |")
    return "\n".join(lines)


def document_markdown(sections: Sequence[Section], *, title: str = TITLE) -> str:
    """The whole lecture as one Markdown file: ``$$`` math, pipe tables, PNG figures, claims table."""
    parts = [f"# {title}", *(section_markdown(s) for s in sections)]
    claims = claims_markdown(sections)
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


def write_figures(sections: Sequence[Section], out_dir: str | Path) -> list[Path]:
    """Make every figure of the sections under ``out_dir``; returns the files written."""
    out_dir = Path(out_dir)
    written: list[Path] = []
    for section, figure in _figures(sections):
        path = out_dir / figure.filename
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            figure.make(path)
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
