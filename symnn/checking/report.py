"""The verdicts on a worked solution: one :class:`LineResult` per line, gathered in a :class:`CheckReport`."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

__all__ = ["MISTAKES", "RUN_BUDGET", "UNREAD", "VERDICTS", "CheckReport", "LineResult", "figure_text",
           "shorten"]

#: verdicts, from best to worst
VERDICTS = ("correct", "rounding", "arithmetic", "formula", "unknown", "unparsed", "too complex")
#: verdicts that are a real mistake of the writer
MISTAKES = ("arithmetic", "formula")
#: verdicts of a line that could not be read or judged
UNREAD = ("unknown", "unparsed", "too complex")
#: largest file the checker reads (bytes) and most math rows it judges
MAX_BYTES = 200_000
MAX_ROWS = 2_000
#: seconds one line may take
LINE_TIMEOUT = 2.0
#: seconds a whole check may take; the lines after it are reported as not judged
RUN_BUDGET = 60.0
#: exit codes: no mistake and every line judged; a real mistake; no mistake but some lines unread
EXIT_PASSED, EXIT_MISTAKE, EXIT_UNREAD = 0, 1, 3


# --------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------


@dataclass
class LineResult:
    """The verdict on one line (one relation chain) of a solution."""

    line: int
    text: str
    verdict: str
    message: str = ""
    quantity: str | None = None
    written: str | None = None
    exact: float | None = None
    carried: list[int] = field(default_factory=list)
    schedules: list[str] = field(default_factory=list)
    position: int | None = None
    links: list[tuple[str, str]] = field(default_factory=list)  # (part text, verdict) per '=' link

    def to_json(self) -> dict:
        """The line as a JSON object (an exact value beyond the float range is null: JSON has no infinity)."""
        exact = self.exact if self.exact is None or math.isfinite(self.exact) else None
        return {"line": self.line, "text": self.text, "quantity": self.quantity, "verdict": self.verdict,
                "written": self.written, "exact": exact, "carried": list(self.carried),
                "message": self.message}


@dataclass
class CheckReport:
    """The verdicts on every line of a solution."""

    lines: list[LineResult]
    source: str = ""

    @property
    def first_error_line(self) -> int | None:
        """The file line of the first real mistake (``arithmetic`` or ``formula``), or None."""
        for result in self.lines:
            if result.verdict in MISTAKES:
                return result.line
        return None

    @property
    def counts(self) -> dict[str, int]:
        return {v: sum(1 for r in self.lines if r.verdict == v) for v in VERDICTS}

    @property
    def passed(self) -> bool:
        """Whether every line is ``correct`` or ``rounding``."""
        return all(r.verdict in ("correct", "rounding") for r in self.lines)

    @property
    def unread_lines(self) -> list[int]:
        """The file lines with a claim that could not be read or judged (unknown, unparsed, too complex)."""
        return sorted({r.line for r in self.lines if r.verdict in UNREAD})

    @property
    def exit_code(self) -> int:
        """0: no mistake and every line judged; 1: a real mistake; 3: no mistake, some lines unread
        (or none at all: a text with no claim in it has not been checked)."""
        if self.first_error_line is not None:
            return EXIT_MISTAKE
        return EXIT_UNREAD if self.unread_lines or not self.lines else EXIT_PASSED

    def to_json(self) -> dict:
        return {"lines": [r.to_json() for r in self.lines],
                "summary": {"first_error_line": self.first_error_line, "counts": self.counts,
                            "unread_lines": self.unread_lines}}

    def to_text(self, colour: bool = False) -> str:
        """The readable report: one row per line, the verdict, the exact value, the reason."""
        from ..core.console import _CODES

        paint = {"correct": "green", "rounding": "cyan", "arithmetic": "red", "formula": "red",
                 "unknown": "yellow", "unparsed": "yellow", "too complex": "yellow"}

        def c(text: str, name: str) -> str:
            return f"\x1b[{_CODES[name]}m{text}\x1b[0m" if colour else text

        out = []
        first = self.first_error_line
        first_result = next((r for r in self.lines if r.verdict in MISTAKES), None)
        for r in self.lines:
            mark = " <- first mistake" if r is first_result else ""
            out.append(f"{r.line:>4}  {c(f'{r.verdict:<11}', paint[r.verdict])} {shorten(r.text, 90)}"
                       + (c(mark, "bold") if mark else ""))
            detail = []
            if r.quantity:
                detail.append(r.quantity + (f" = {r.written}" if r.written else ""))
            if r.exact is not None:
                detail.append(f"exact {figure_text(r.exact)}")
            head = ", ".join(detail)
            if r.message or head:
                text = head + (": " if head and r.message else "") + r.message
                out.append("      " + c(text, "dim") if r.verdict == "correct" else "      " + text)
        counts = ", ".join(f"{n} {v}" for v, n in self.counts.items() if n)
        summary = f"{len(self.lines)} lines: {counts or 'nothing to check (no line states a claim with =)'}"
        if first is not None:
            summary += f"; first real mistake on line {first}"
        elif self.passed and self.lines:
            summary += "; no mistake found"
        elif self.unread_lines:
            summary += "; no mistake found, but lines " + ", ".join(map(str, self.unread_lines)) + \
                " could not be read"
        out.append(summary)
        return "\n".join(out)


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def figure_text(value: float) -> str:
    if value == 0:
        return "0"
    if abs(value) >= 1e-3:
        return f"{value:.6g}"
    return f"{value:.4g}"
