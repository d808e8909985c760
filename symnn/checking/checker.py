r"""Checking a worked solution line by line: the first real mistake, and rounding told from error.

Each line of a worked solution is a chain ``quantity = formula = numbers = result``.
Every ``=`` link gets a verdict:

* ``correct`` -- the value is the exact value at the digits written (half-up);
* ``rounding`` -- it is not, but it is what the writer's own earlier rounded numbers
  give (the lines it inherited from are named);
* ``arithmetic`` -- the expression on the line is right, the number it gives is not;
  the plausible hand-rounding schedules are searched and named if one prints it;
* ``formula`` -- the expression is not the quantity it claims to be; the factor or
  term that differs is named (the written product is compared with the chain-rule
  factors of the spec);
* ``unknown`` -- a name nobody knows (the nearest known names are suggested);
* ``unparsed`` -- the line cannot be read (with the position); ``too complex`` -- it
  cannot be judged within the time bound.

The first ``arithmetic`` or ``formula`` line is the first real mistake. Later lines
are judged with the writer's own numbers: a number written earlier for a quantity
stands for that quantity, so one slip is reported once.

>>> import symnn
>>> from symnn.models.network import LECTURE_EXAMPLE
>>> report = check(r'''
... $h_1 = sigmoid(0.20 * 0.50 + 0.50 * 0.30) = 0.56$
... $h_2 = sigmoid(-0.40 * 0.50 + 0.60 * 0.30) = 0.50$
... $o_1 = sigmoid(0.10 * 0.56 + (-0.30 * 0.50)) = 0.48$
... $\delta_5 = 0.25 * 0.48 * (1 - 0.48) * 0.56 = 0.03$
... $\delta_7 = 0.25 * 0.50 = 0.13$
... ''', spec=symnn.parse_spec(LECTURE_EXAMPLE), timeout=None)
>>> [(r.line, r.verdict) for r in report.lines]
[(2, 'correct'), (3, 'correct'), (4, 'correct'), (5, 'correct'), (6, 'formula')]
>>> report.lines[-2].message
'with the rounded values of dError/do1, o1, h1 (carried from lines 2, 4)'
>>> report.lines[-1].message
'the factor do1/dIn_o1 = o1*(1 - o1) = 0.249469 is missing'
"""
from __future__ import annotations

import math
import os
from pathlib import Path

from ..core.errors import SymnnError
from .judge import Checker
from .report import (
    LINE_TIMEOUT,
    MAX_BYTES,
    MAX_ROWS,
    RUN_BUDGET,
    VERDICTS,
    CheckReport,
    LineResult,
)
from .rows import Row, definitions_first, math_rows

__all__ = ["VERDICTS", "CheckReport", "Checker", "LineResult", "Row", "check", "check_file", "math_rows",
           "read_text"]


# --------------------------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------------------------


def _problem_from(spec=None, expr=None, at=None, values=None, targets=None):
    from .problems import ExpressionProblem, FreeProblem, NetworkProblem

    if spec is not None and expr is not None:
        raise SymnnError("give either a spec or an expression, not both")
    if spec is not None:
        if isinstance(spec, str | Path):
            from ..models.spec import load_spec

            spec = load_spec(spec)
        return NetworkProblem(spec, values=values, targets=targets)
    if expr is not None:
        if isinstance(expr, str):
            from .parse import parse_expression

            expr = parse_expression(expr)
        if isinstance(at, str):
            from ..models.graph import read_values

            at = read_values(at)
        return ExpressionProblem(expr, dict(at or {}))
    return FreeProblem()


def check(text: str, spec=None, *, expr=None, at=None, values: dict | None = None,
          targets: dict | None = None, timeout: float | None = LINE_TIMEOUT, source: str = "",
          budget: float | None = RUN_BUDGET) -> CheckReport:
    """Check a worked solution (text, Markdown or LaTeX) line by line.

    ``spec`` is a :class:`~symnn.models.spec.Spec` or a path to one (a network exercise);
    ``expr`` with ``at`` a computation-graph exercise (``f`` names the expression);
    neither: every line is a symbolic identity. ``values``/``targets`` override the
    spec's numbers (an exercise variant). Each line gets at most ``timeout`` seconds
    in a worker process (None: no worker, no bound); the whole run at most ``budget``
    seconds (None: no bound), and the lines after it are reported ``too complex``.
    """
    for name, bound in (("timeout", timeout), ("budget", budget)):
        if bound is not None and not (isinstance(bound, int | float) and math.isfinite(bound) and bound > 0):
            raise SymnnError(f"{name} must be a positive number of seconds, not {bound!r}")
    if len(text.encode("utf-8", errors="replace")) > MAX_BYTES:
        raise SymnnError(f"{source or 'the solution'} is larger than {MAX_BYTES // 1000} kB; "
                         "split it into smaller files")
    import time

    start = time.monotonic()
    deadline = None if budget is None else start + budget
    problem = _problem_from(spec, expr, at, values, targets)
    rows = definitions_first(math_rows(text))
    if len(rows) > MAX_ROWS:
        raise SymnnError(f"{source or 'the solution'} has more than {MAX_ROWS} math lines")
    checker = Checker(problem, context_text=text)
    if timeout is None:
        results = []
        for row in rows:
            if deadline is not None and time.monotonic() > deadline:
                results.append(_over_budget(row, budget))
                continue
            results.append(checker.check_row(row))
    else:
        from .worker import run_rows

        results = run_rows(checker, rows, timeout, deadline=deadline)
        results = [r if r is not None else _over_budget(row, budget)
                   for r, row in zip(results, rows, strict=True)]
    for result in results:  # an expression found wrong by its use on a later line
        blamed = checker.blame.get(result.line, {})
        why = blamed.get(result.quantity) or (next(iter(blamed.values())) if len(blamed) == 1 else None)
        if why is not None and result.verdict in ("correct", "rounding"):
            result.verdict, result.message = "formula", why
    return CheckReport(results, source)


def _over_budget(row: Row, budget: float | None) -> LineResult:
    return LineResult(row.line, row.text, "too complex",
                      f"not judged: the run's time budget ({budget:g} s) is spent")


def read_text(path: str | Path, limit: int = MAX_BYTES) -> str:
    """The text of a regular file, read at most ``limit`` bytes (the size the file claims is not trusted).

    A directory, a FIFO or a device is refused, never read.
    """
    import stat

    path = Path(path)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise SymnnError(f"{path}: no such file") from None
    except OSError as error:
        raise SymnnError(f"{path}: cannot be read ({error.strerror or error})") from None
    if not stat.S_ISREG(mode):
        raise SymnnError(f"{path}: not a regular file")
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        raise SymnnError(f"{path}: cannot be read ({error.strerror or error})") from None
    if len(data) > limit:
        raise SymnnError(f"{path} is larger than the limit of {limit // 1000} kB; "
                         "split it into smaller files")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SymnnError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})") from None


def check_file(path: str | Path, **kwargs) -> CheckReport:
    """:func:`check` of the file at ``path`` (refused when larger than the size limit)."""
    return check(read_text(path), source=str(Path(path)), **kwargs)


