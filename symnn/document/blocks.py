"""The lecture document as data: sections of paragraphs, derivations, figures, tables and claims.

A topic module of ``derivations/`` builds a :class:`Section`; the printers in
:mod:`symnn.render.document` turn sections into a LaTeX document and Markdown.
A :class:`Claim` is a number the lecture states, next to its exact value, so that
the document can end with a table saying whether each figure is right at the
digits shown.

>>> c = Claim("Error", "0.21", 0.2097097, where="worked example")
>>> c.decimals, c.right
(2, True)
>>> Claim("delta_1", "-0.009", -0.0084222).right
False
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.numbers import decimals_written, format_decimal

__all__ = ["Claim", "Figure", "Math", "Paragraph", "Section", "Table", "TikZ", "claim_rows",
           "decimals_written",
           "format_exact", "math_segments"]


def math_segments(text: str) -> list[tuple[bool, str]]:
    r"""``text`` cut into (is_math, piece) at unescaped ``$``: how every printer reads ``$...$`` in
    text; an unmatched ``$`` stays text.

    >>> math_segments("a $x^2$ b")
    [(False, 'a '), (True, 'x^2'), (False, ' b')]
    >>> math_segments("costs \\$5 and $y$"), math_segments("one $ sign")
    ([(False, 'costs \\$5 and '), (True, 'y')], [(False, 'one $ sign')])
    """
    import re

    parts = re.split(r"(?<!\\)\$", text)
    if len(parts) % 2 == 0:  # an odd number of $: the last one is text
        parts = [*parts[:-2], parts[-2] + "$" + parts[-1]]
    return [(i % 2 == 1, p) for i, p in enumerate(parts) if p]


@dataclass(frozen=True)
class Paragraph:
    """Plain text; ``$...$`` segments are inline math (LaTeX syntax)."""

    text: str


@dataclass(frozen=True)
class Math:
    """One display formula, as LaTeX (no surrounding ``$$``)."""

    latex: str


@dataclass(frozen=True)
class Figure:
    """A picture written by ``make(path)``; ``filename`` is relative to the output folder.

    Use a ``.pdf`` or ``.png`` name: the LaTeX document includes it with
    ``\\includegraphics`` and the Markdown shows the PNG made beside it.
    """

    filename: str
    caption: str
    make: Callable[[Path], None]
    width: str = r"\linewidth"


@dataclass(frozen=True)
class Table:
    """A table of text cells (``$...$`` allowed in cells)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""


@dataclass(frozen=True)
class TikZ:
    """A TikZ picture for the LaTeX document; ``fallback`` (a Figure or Table) stands in Markdown."""

    code: str
    caption: str = ""
    fallback: Any = None


@dataclass(frozen=True)
class Claim:
    """A number the lecture states (``stated``, as printed) and its exact value."""

    quantity: str
    stated: str
    exact: float
    where: str = ""
    note: str = ""

    @property
    def decimals(self) -> int:
        return decimals_written(self.stated)

    @property
    def right(self) -> bool:
        """Whether ``stated`` is ``exact`` rounded half-up at the decimals shown."""
        from decimal import ROUND_HALF_UP, Decimal

        quantum = Decimal(1).scaleb(-self.decimals)
        exact = Decimal(repr(float(self.exact))).quantize(quantum, rounding=ROUND_HALF_UP)
        return exact == Decimal(self.stated.strip().replace(",", ".")).quantize(quantum)


@dataclass
class Section:
    """One topic of the lecture: a title, blocks in reading order, and the lecture's numbers."""

    title: str
    blocks: list = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    order: int = 100

    def add(self, *blocks) -> Section:
        """Append blocks (Paragraph, Math, Derivation, Figure, Table, TikZ); returns self."""
        self.blocks.extend(blocks)
        return self


def claim_rows(sections) -> list[tuple[str, Claim]]:
    """Every claim of every section, with the title of its section, in document order."""
    return [(section.title, claim) for section in sections for claim in section.claims]


def format_exact(claim: Claim) -> str:
    """The exact value with a few more decimals than the lecture shows.

    >>> format_exact(Claim("E", "0.21", 0.2097097))
    '0.209710'
    """
    return format_decimal(float(claim.exact), claim.decimals + 4)
