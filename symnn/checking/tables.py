r"""Markdown tables in a worked solution: each row's cells read as the claims they make.

A row is read by its table's header. A cell that is a relation (``h1 = 0.52618``) is a claim as
written. A column whose header has a place for the row's name (``∂f/∂(·)``) or ends with the
letter the row's name starts with (``∂Error/∂w`` on the row ``w6``) claims that derivative. A
column whose header is a formula of other columns (``r = ŷ − y``, ``r²``, ``r·x``) claims that
formula of the row's own cells. A row of sums (``Σ``, ``total``) claims the sum of each column
above it.

>>> table = table_header("| x | y | ŷ | r = ŷ − y | r·x |")
>>> row_claims("| 3 | 4.1 | 1.7 | −2.4 | −7.4 |", table)
['(1.7) − (4.1) = −2.4', '(−2.4)·(3) = −7.4']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .tokens import FIGURE

__all__ = ["Table", "is_rule", "row_claims", "table_header"]

#: the rule under a Markdown table's header: |---|:---:|
_RULE = re.compile(r"\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-{0,}:?\s*\|?")
#: the place of the row's name in a column's header: ∂f/∂(·), \partial f/\partial(\cdot)
_PLACEHOLDER = re.compile(r"\((?:\\cdot|·|⋅|\.|\s*)\)")
#: a name a column may have: x, y, ŷ, r, y_hat, \hat y
_NAME = r"(?:\\hat\s*\{?[A-Za-z]\}?|[A-Za-zŷ](?:_?\w{1,6})?)"
#: a derivative by a letter the row names: ∂Error/∂w, dE/dw
_BY_LETTER = re.compile(r"(.*(?:∂|\\partial\s*|d))([A-Za-z]{1,3})\s*$")
#: the first cell of a row of sums
_SUM_WORDS = {"σ", "∑", "sum", "total", "合计", "总和", "求和"}
_RELATION = re.compile(r"=|≈|\\approx")
#: the titles of a table whose rows are chains: | quantity | formula | value |
_NAME_WORDS = {"quantity", "name", "variable", "symbol", "node", "量", "变量", "名称", "符号"}
_VALUE_WORDS = {"formula", "expression", "definition", "value", "result",
                "公式", "表达式", "值", "数值", "结果"}


@dataclass
class Table:
    """A table's header: the math of each column's title, and what each column is."""

    titles: list[str]
    names: list[str | None]  # the name a column gives its cells (x, r), if any
    formulas: list[str | None]  # the formula a column's cells are, in other columns' names, if any
    above: list[list[str]] = field(default_factory=list)  # numbers seen so far, per column
    chain: bool = False  # | quantity | formula | value |: each row is one chain, name = formula = value


def is_rule(line: str) -> bool:
    """Whether a line is the rule under a table's header (``|---|---|``)."""
    return _RULE.fullmatch(line.strip()) is not None


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _math(cell: str) -> str:
    found = re.findall(r"\$([^$]{1,120})\$", cell)
    return found[-1].strip() if found else cell.replace("$", "").strip()


def table_header(line: str) -> Table | None:
    """The header of a table from its first line, or None when the line is not a table row."""
    if not line.lstrip().startswith("|"):
        return None
    titles = [_math(cell) for cell in _cells(line)]
    names: list[str | None] = []
    formulas: list[str | None] = []
    for title in titles:
        named = re.fullmatch(rf"\s*({_NAME})\s*=\s*(.+)", title)
        if named and not _RELATION.search(named.group(2)):
            names.append(named.group(1))
            formulas.append(named.group(2))
        elif re.fullmatch(rf"\s*{_NAME}\s*", title):
            names.append(title.strip())
            formulas.append(None)
        else:
            names.append(None)
            formulas.append(title if len(title) <= 40 else None)
    words = [title.strip().lower() for title in titles]
    chain = len(words) >= 2 and words[0] in _NAME_WORDS and all(w in _VALUE_WORDS for w in words[1:])
    return Table(titles, names, formulas, [[] for _ in titles], chain)


def row_claims(line: str, table: Table | None) -> list[str]:
    """The claims of one table row (its cells that are relations, without a header)."""
    cells = [_math(cell) for cell in _cells(line)]
    if table is None or len(cells) != len(table.titles):
        return [cell for cell in cells if _RELATION.search(cell)]
    out: list[str] = []
    if table.chain:
        kept = [cell for cell in cells if cell]
        return [" = ".join(kept)] if len(kept) >= 2 else []
    if cells[0].strip().lower() in _SUM_WORDS:
        for k, cell in enumerate(cells[1:], start=1):
            if FIGURE.fullmatch(cell) and len(table.above[k]) >= 2:
                out.append(" + ".join(f"({v})" for v in table.above[k]) + f" = {cell}")
        return out
    values = {name: cell for name, cell in zip(table.names, cells, strict=True)
              if name and FIGURE.fullmatch(cell)}
    row_name = cells[0]
    for k, (title, cell) in enumerate(zip(table.titles, cells, strict=True)):
        if not cell:
            continue
        if FIGURE.fullmatch(cell):
            table.above[k].append(cell)
        if k == 0:
            continue
        if _RELATION.search(cell):
            out.append(cell)
            continue
        placeholder = _PLACEHOLDER.search(title)
        by_letter = _BY_LETTER.fullmatch(title)
        formula = _substituted(table.formulas[k], values) if table.formulas[k] else None
        if placeholder and re.fullmatch(r"[A-Za-z\\][\w\\{}^']{0,30}", row_name):
            space = " " if title[:placeholder.start()][-1:].isalpha() else ""  # \partial w_2, ∂w_2
            out.append(f"{title[:placeholder.start()]}{space}{row_name}{title[placeholder.end():]} = {cell}")
        elif by_letter and re.fullmatch(rf"{by_letter.group(2)}_?\{{?\d{{1,3}}\}}?", row_name):
            out.append(f"{by_letter.group(1)}{row_name} = {cell}")
        elif formula is not None:
            out.append(f"{formula} = {cell}")
    return out


def _substituted(formula: str, values: dict[str, str]) -> str | None:
    """``r·x`` with the row's r and x: ``(−2.4)·(3)``; None when a name of it has no number here."""
    text = formula
    for name in sorted(values, key=len, reverse=True):
        text = re.sub(rf"(?<![A-Za-z\\\u0300-\u036f]){re.escape(name)}(?![A-Za-z0-9_\u0300-\u036f])",
                      f"({values[name]})", text)
    bare = re.sub(r"\\(?:cdot|times|frac|left|right)|exp|ln|log|tanh|sigma|σ", "", text)
    return None if re.search(r"[A-Za-zŷ]", bare) or text == formula else text
