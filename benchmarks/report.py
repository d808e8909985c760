"""The suite's output as text: a summary table, one detail table per benchmark, Markdown for the README."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["markdown", "text"]


def _ratio(entry: dict[str, Any]) -> str:
    """The entry's ratio, or a dash when nothing could be measured."""
    return "-" if entry.get("ratio") is None else f"{entry['ratio']:.3g}"


def _met(entry: dict[str, Any]) -> str:
    return "yes" if entry.get("met") else "no"


def _measured(entry: dict[str, Any]) -> str:
    """One line saying what was measured (or why it could not be)."""
    return entry.get("headline") or entry.get("reason") or ""


def _grid(columns: Sequence[str], rows: Sequence[Sequence[str]], indent: str = "") -> list[str]:
    """A plain-text table with aligned columns.

    >>> print("\\n".join(_grid(["a", "bb"], [["1", "2"]])))
    a  bb
    -  --
    1  2
    """
    widths = [max(len(str(c)), *(len(str(r[k])) for r in rows)) if rows else len(str(c))
              for k, c in enumerate(columns)]
    def line(cells: Sequence[str]) -> str:
        return indent + "  ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=False)).rstrip()

    return [line(columns), line(["-" * w for w in widths]), *(line(r) for r in rows)]


def text(result: dict[str, Any], colour: bool = False) -> str:
    """The summary table and each benchmark's details, for a terminal."""
    from symnn.core.console import colour as paint

    entries = result["benchmarks"]
    rows = [[e["title"], _ratio(e), e["target"], _met(e)] for e in entries]
    lines = [f"symnn benchmarks ({'quick' if result.get('quick') else 'full'}; Python {result['python']}, "
             f"{result['machine']})", ""]
    grid = _grid(["benchmark", "ratio", "target", "met"], rows)
    if colour:
        grid = grid[:2] + [paint(line, "green" if e["met"] else "red")
                           for line, e in zip(grid[2:], entries, strict=True)]
    lines += grid
    for e in entries:
        lines += ["", f"{e['title']} ({e['seconds']} s): {_measured(e)}"]
        if e.get("reason") and e.get("headline"):
            lines.append(f"  not met: {e['reason']}")
        table = e.get("table")
        if table and table.get("rows"):
            lines += _grid(table["columns"], table["rows"], indent="  ")
    return "\n".join(lines)


def markdown(result: dict[str, Any]) -> str:
    """The summary and detail tables in Markdown, for the README."""
    entries = result["benchmarks"]
    lines = [f"Measured with `python -m benchmarks{' --quick' if result.get('quick') else ''}` "
             f"(Python {result['python']}, {result['machine']}); figures are medians of several "
             "runs, ratios taken pair by pair in the same run.", "",
             "| benchmark | measured | ratio | target | met |", "|---|---|---|---|---|"]
    for e in entries:
        lines.append(f"| {e['title']} | {_measured(e)} | {_ratio(e)} | {e['target']} | {_met(e)} |")
    for e in entries:
        table = e.get("table")
        if not table or not table.get("rows"):
            continue
        lines += ["", f"**{e['title']}**", "", "| " + " | ".join(table["columns"]) + " |",
                  "|" + "---|" * len(table["columns"])]
        lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in table["rows"]]
        if e.get("reason") and e.get("headline"):
            lines += ["", f"Not met: {e['reason']}."]
    return "\n".join(lines) + "\n"
