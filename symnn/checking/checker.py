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

import functools
import itertools
import math
import os
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import sympy

from ..core.errors import ParseError, SymnnError, nearest_names
from ..core.functions import ACTIVATIONS
from ..core.numbers import rounded_text, shows
from .parse import (
    BinOp,
    Call,
    Derivative,
    Name,
    Neg,
    Num,
    Part,
    Partial,
    Relation,
    TooComplexError,
    iter_nodes,
    node_text,
    parse_relation,
)
from .precision import DPS, MP
from .problems import AFTER_UPDATE
from .report import (
    LINE_TIMEOUT,
    MAX_BYTES,
    MAX_ROWS,
    MISTAKES,
    RUN_BUDGET,
    VERDICTS,
    CheckReport,
    LineResult,
    shorten,
)
from .report import figure_text as _fig
from .rounding import search_schedules
from .rows import Row, math_rows

__all__ = ["VERDICTS", "CheckReport", "Checker", "LineResult", "Row", "check", "check_file", "math_rows"]

_SEVERITY = {v: k for k, v in enumerate(VERDICTS)}
_SEVERITY["unknown"] = _SEVERITY["formula"] + 0.5  # a name nobody knows is worse than a wrong formula


# --------------------------------------------------------------------------------------------
# Evaluation of written expressions
# --------------------------------------------------------------------------------------------


class _Unresolved(Exception):  # noqa: N818 - a signal, not an error shown to users
    def __init__(self, name: str, position: int):
        self.name = name
        self.position = position


class _NotNumber(Exception):  # noqa: N818
    pass


class _TooLargeError(TooComplexError):
    """A number too large to evaluate by hand or by machine (``2^(2^(2^...))``, ``e^(e^(e^...))``)."""


_POINT = sympy.Symbol("x", real=True)


@functools.cache
def _catalogue_derivative(name: str) -> sympy.Expr:
    """f'(x) of the catalogue function ``name``, as the catalogue differentiates it."""
    return ACTIVATIONS[name].function(_POINT).diff(_POINT)


@functools.lru_cache(maxsize=4096)
def _catalogue_value(name: str, primes: int, x: MP.mpf) -> MP.mpf:
    """The catalogue function ``name`` (``primes`` = 1: its derivative) at ``x``, to 40 digits."""
    point = sympy.Float(x, 40)
    if primes == 0:
        value = ACTIVATIONS[name].function(point)
    elif primes == 1:
        value = _catalogue_derivative(name).subs(_POINT, point)
    else:
        raise _NotNumber
    value = value.evalf(40)
    if not (value.is_number and value.is_extended_real and value.is_finite):
        raise _NotNumber
    return MP.mpf(sympy.Float(value, 40)._mpf_)


def _apply(name: str, args: list, m):
    primes = len(name) - len(name.rstrip("'"))
    base = name.rstrip("'")
    if base in {"max", "min"}:
        return (max if base == "max" else min)(args)
    if len(args) != 1:
        raise _NotNumber
    x = args[0]
    try:
        if base in ACTIVATIONS:
            with MP.workdps(DPS):
                value = _catalogue_value(base, primes, _mp(x))
            return float(value) if m is math else value
        if primes == 0:
            if base == "exp":
                if x > 700:
                    raise _TooLargeError(f"e^{_fig(float(x))} is too large to check")
                return m.exp(x)
            if base == "log":
                return m.log(x)
            if base == "sqrt":
                return m.sqrt(x)
            if base == "abs":
                return abs(x)
            if base == "sin":
                return m.sin(x)
            if base == "cos":
                return m.cos(x)
        elif primes == 1:
            if base == "exp":
                return m.exp(x)
            if base == "log":
                return 1 / x
    except (ValueError, OverflowError, ZeroDivisionError, TypeError) as error:
        raise _NotNumber from error
    raise _NotNumber


class _Evaluator:
    """Evaluates written trees with names looked up in the problem; numbers may be replaced."""

    def __init__(self, lookup_name, lookup_partial, lookup_function):
        self.lookup_name = lookup_name
        self.lookup_partial = lookup_partial
        self.lookup_function = lookup_function

    def value(self, node, numbers: dict | None = None, m=MP):
        numbers = numbers or {}
        with MP.workdps(DPS):
            return self._walk(node, numbers, m)

    def _walk(self, n, numbers, m):
        walk = self._walk
        if isinstance(n, Num):
            v = numbers.get(id(n), n.value)
            if m is math:
                return float(v)
            if isinstance(v, MP.mpf):
                return v
            return MP.mpf(v.numerator) / v.denominator
        if isinstance(n, Name):
            v = self.lookup_name(n)
            return float(v) if m is math else v
        if isinstance(n, Partial):
            v = self.lookup_partial(n)
            return float(v) if m is math else v
        if isinstance(n, Neg):
            return -walk(n.operand, numbers, m)
        if isinstance(n, BinOp):
            a, b = walk(n.left, numbers, m), walk(n.right, numbers, m)
            try:
                if n.op == "+":
                    return a + b
                if n.op == "-":
                    return a - b
                if n.op == "*":
                    return a * b
                if n.op == "/":
                    if b == 0:
                        raise _NotNumber
                    return a / b
                if abs(b) > 1000 and abs(a) != 1 and a != 0:
                    raise _TooLargeError(f"a power with exponent {_fig(float(b))} is too large to check")
                if (a == 0 and b < 0) or (a < 0 and b != int(b)):
                    raise _NotNumber
                result = a**b
                if m is math and isinstance(result, complex):
                    raise _NotNumber
                return result
            except OverflowError as error:
                raise _TooLargeError("a number too large to check") from error
            except (ZeroDivisionError, ValueError) as error:
                raise _NotNumber from error
        if isinstance(n, Call):
            quantity = self.lookup_function(n.function)
            if quantity is not None:
                return float(quantity) if m is math else quantity
            args = [walk(a, numbers, m) for a in n.args]
            result = _apply(n.function, args, m)
            if n.power is not None:
                power = walk(n.power, numbers, m)
                if abs(power) > 1000:
                    raise _TooLargeError("a power with an exponent over 1000 is too large to check")
                result = result**power
            return result
        raise _NotNumber


def _close(a, b) -> bool:
    a, b = float(a), float(b)
    if not (math.isfinite(a) and math.isfinite(b)):
        return False
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b)) + 1e-13


def _mp(value):
    if isinstance(value, MP.mpf):
        return value
    if hasattr(value, "numerator") and hasattr(value, "denominator"):
        with MP.workdps(DPS):
            return MP.mpf(value.numerator) / value.denominator
    return MP.mpf(value)


def _same(a, b) -> bool:
    """Equal to 28 significant digits: exact arithmetic on the decimals written, not floats."""
    with MP.workdps(DPS):
        a, b = _mp(a), _mp(b)
        if not (MP.isfinite(a) and MP.isfinite(b)):
            return False
        return abs(a - b) <= MP.mpf("1e-28") * max(abs(a), abs(b)) + MP.mpf("1e-36")


def _rounds_to(size, number: Num) -> bool:
    """Whether ``size`` shows as the written ``number`` and is not exactly it."""
    return shows(Decimal(MP.nstr(size, 30, min_fixed=-10**6, max_fixed=10**6)), number.source) \
        and not _same(size, number.value)


def _significant(number: Num) -> int:
    """Significant digits written: ``0.0616`` -> 3, ``0.50`` -> 2, ``6.16e-2`` -> 3."""
    mantissa = number.source.lower().split("e")[0].lstrip("-+")
    return len(mantissa.replace(".", "").lstrip("0")) or 1


def _numbers(node) -> list[Num]:
    return [n for n in iter_nodes(node) if isinstance(n, Num)]


def _names(node) -> list:
    return [n for n in iter_nodes(node) if isinstance(n, Name | Partial)]


def _decimal_key(value) -> Decimal:
    return Decimal(value.numerator) / Decimal(value.denominator) if hasattr(value, "numerator") \
        else Decimal(str(value))


# --------------------------------------------------------------------------------------------
# The checker
# --------------------------------------------------------------------------------------------


@dataclass
class Written:
    """A number the writer gave a quantity on an earlier line."""

    line: int
    key: str
    label: str
    value: Decimal
    source: str
    exact: float | None
    mistake: bool = False  # the line that wrote it was a real mistake


@dataclass
class _Link:
    verdict: str
    message: str = ""
    carried: list[int] = field(default_factory=list)
    schedules: list[str] = field(default_factory=list)
    value: object = None          # the part's value with the numbers as written
    position: int | None = None


class Checker:
    """Checks rows one after another, remembering the writer's numbers."""

    def __init__(self, problem, context_text: str = ""):
        self.problem = problem
        self.written: list[Written] = []
        self.context_text = context_text
        self._chain = None  # (quantity, last part, last link) of the previous row, for '&= ...' rows
        self.evaluator = _Evaluator(self._lookup_name, self._lookup_partial, self._lookup_function)
        self._chain_quantities: list = []
        self._expected_parts: list = []  # (label, size, lines) of the parts of what the row claims
        self._written_targets: list = []  # (value, lines) of the row's names with the writer's numbers
        self._used_lines: list[int] = []
        self.internal_errors = 0  # lines that met a bug of the checker (SYMNN_DEBUG=1 raises instead)
        self.symbolic: dict = {}  # without a problem: name -> (variable or None, body node)
        self.defined: dict = {}  # the writer's own names: name -> (quantity, SymPy expression or None)
        self.written_evaluator = _Evaluator(self._lookup_written_name, self._lookup_written_partial,
                                            self._lookup_function)

    # -- the writer's own names -----------------------------------------------------------
    def _resolve(self, name: str) -> list:
        """The quantities a name may be: one the writer defined on an earlier line, or the problem's.

        A node the writer names ``e`` is that node, not Euler's number.
        """
        if name in self.defined:
            return [self.defined[name][0]]
        return [] if name == "e" else self.problem.resolve(name)

    def _define(self, head: Part, parts: list[Part]):
        """``z = w0*x0 + w1*x1 + w2``, ``g_1 = dE/dIn_o1``: a name of the writer's own for what follows."""
        from .problems import ExpressionProblem

        node = head.node
        if not isinstance(node, Name) or self._resolve(node.name) or node.name in {"pi"} \
                or not _names(parts[1].node):
            return None
        if node.name == "e" and not any(isinstance(n, Name) and n.name != "e"
                                        for n in iter_nodes(parts[1].node)):
            return None
        try:
            candidates = self._head_candidates(parts[1])
            quantity = candidates[0] if candidates else self._expression_head(parts[1])
            graph = isinstance(self.problem, ExpressionProblem)
            expr = self._expression_sympy(parts[1].node) if graph else None
        except (_Unresolved, _NotNumber, ParseError, TypeError, ValueError):
            return None
        if quantity is None or quantity.value is None:
            return None
        self.defined[node.name] = (quantity, expr)
        return quantity

    def _graph_partial(self, node: Partial):
        """d top / d variable for nodes of a computation graph, named by the writer or not."""
        import sympy

        from .problems import Quantity

        top = self._expression_sympy(node.numerator)
        variable = self._expression_sympy(node.denominator)
        u = sympy.Dummy("u")
        symbol = isinstance(variable, sympy.Symbol)
        replaced = top.xreplace({variable: u}) if symbol else top.subs(variable, u)
        if u not in replaced.free_symbols:
            raise _Unresolved(node_text(node.denominator), node.position)
        derivative = sympy.diff(replaced, u).subs(u, variable)
        label = f"d{node_text(node.numerator)}/d{node_text(node.denominator)}"
        return Quantity(f"partial:{label}", label, self.problem._value(derivative), "partial", derivative)

    # -- lookups -------------------------------------------------------------------------
    def _lookup_name(self, node: Name):
        candidates = self._resolve(node.name)
        if not candidates or candidates[0].value is None:
            if node.name in {"e"}:
                return MP.e
            if node.name == "pi":
                return MP.pi
            raise _Unresolved(node.name, node.position)
        self._chain_quantities.append(candidates[0])
        return candidates[0].value

    def _writers_number(self, quantity):
        """The number the writer last gave ``quantity`` (its exact value if none), noting the line."""
        for record in reversed(self.written):
            if record.key == quantity.key:
                self._used_lines.append(record.line)
                return MP.mpf(str(record.value))
        return quantity.value

    def _lookup_written_name(self, node: Name):
        candidates = self._resolve(node.name)
        if not candidates or candidates[0].value is None:
            return self._lookup_name(node)
        return self._writers_number(candidates[0])

    def _lookup_written_partial(self, node: Partial):
        return self._writers_number(self._partial_quantity(node))

    def _partial_quantity(self, node: Partial):
        from .problems import ExpressionProblem

        if isinstance(self.problem, ExpressionProblem):
            top = node.numerator
            if isinstance(top, Name) and top.name in self.defined:
                return self._graph_partial(node)
            if not (isinstance(top, Name) and self._resolve(top.name)) and not (
                    isinstance(top, Call) and self.problem.function(top.function)):
                raise _Unresolved(node_text(top), node.position)
            variable = self._expression_sympy(node.denominator)
            quantity = self.problem.derivative_wrt(variable)
            if quantity is None:
                raise _Unresolved(node_text(node.denominator), node.position)
            return quantity
        if not isinstance(node.numerator, Name) or not isinstance(node.denominator, Name):
            raise _Unresolved(node_text(node), node.position)
        candidates = self.problem.resolve_partial(node.numerator.name, node.denominator.name)
        if not candidates:
            for side in (node.numerator, node.denominator):
                if not self._resolve(side.name):
                    raise _Unresolved(side.name, side.position)
            raise _Unresolved(node_text(node), node.position)
        return candidates[0]

    def _lookup_partial(self, node: Partial):
        quantity = self._partial_quantity(node)
        self._chain_quantities.append(quantity)
        return quantity.value

    def _lookup_function(self, name: str):
        quantity = self.problem.function(name)
        return None if quantity is None else quantity.value

    def _expression_sympy(self, node):
        from .parse import to_sympy

        table = self.problem.sympy_names()
        names = {}
        for n in iter_nodes(node):
            if isinstance(n, Name):
                from .problems import normal

                symbol = table.get(normal(n.name))
                if n.name in self.defined and self.defined[n.name][1] is not None:
                    symbol = self.defined[n.name][1]
                if symbol is None and n.name not in {"e", "pi"}:
                    raise _Unresolved(n.name, n.position)
                if symbol is not None:
                    names[n.name] = symbol
        return to_sympy(node, numbers="exact", names=names)

    # -- quantities ----------------------------------------------------------------------
    def _head_candidates(self, part: Part) -> list:
        node = part.node
        if isinstance(node, Name):
            return self._resolve(node.name)
        if isinstance(node, Partial):
            try:
                return [self._partial_quantity(node)]
            except _Unresolved:
                return []
        if isinstance(node, Call):
            quantity = self.problem.function(node.function)
            if quantity is not None:
                return [quantity]
        return []

    def _expression_head(self, part: Part):
        """A quantity for a head that is an expression of known names (``w_0 x_0``)."""
        from .problems import ExpressionProblem, Quantity

        if not _names(part.node):
            return None
        try:
            value = self.evaluator.value(part.node)
        except (_Unresolved, _NotNumber):
            return None
        if isinstance(self.problem, ExpressionProblem):
            try:
                expr = self._expression_sympy(part.node)
                return self.problem.expression_quantity(expr, node_text(part.node))
            except (_Unresolved, ParseError):
                pass
        return Quantity(f"expr:{node_text(part.node)}", node_text(part.node), value, "expression")

    # -- number candidates ---------------------------------------------------------------
    def _candidates(self, number: Num) -> list[tuple[object, list[int], str]]:
        """(value, lines, why) the number may stand for: itself, or a quantity the writer rounded to it."""
        # a written number is never negative in the tree (the sign is a Neg around it); a quantity
        # written -0.009 and used as "-0.009" stands here for -(exact value)
        out: list[tuple[object, list[int], str]] = [(number.value, [], "")]
        key = _decimal_key(number.value)
        seen = set()
        records = [r for r in reversed(self.written) if r.value == key] + \
            [r for r in reversed(self.written) if r.value == -key and key != 0]
        for record in records:
            if record.exact is None or record.key in seen:
                continue
            seen.add(record.key)
            exact = MP.mpf(record.exact) if not isinstance(record.exact, MP.mpf) else record.exact
            meant = exact if record.value > 0 else -exact
            if not _same(meant, number.value) and not any(_same(meant, v) for v, _, _ in out):
                out.append((meant, [record.line], record.label))
        pool = self._pool_for(number) if number.decimals >= 2 else []
        chain = [(q.key, abs(q.value), q.label) for q in self._chain_quantities
                 if q.value is not None and not q.given and _rounds_to(abs(q.value), number)]
        # the parts of what is expected: only for a number that stands for no quantity of its own
        parts = [(f"part:{label}:{lines}", size, label, lines) for label, size, lines in self._expected_parts
                 if _rounds_to(size, number)] if number.decimals >= 1 and len(out) == 1 and not pool \
            and not chain else []
        for key_, size, label, lines in [*((k, v, lab, []) for k, v, lab in [*chain, *pool]), *parts]:
            if key_ in seen or any(_same(size, v) for v, _, _ in out):
                continue
            seen.add(key_)
            out.append((size, lines, label))
        return out

    def _pool_for(self, number: Num) -> list[tuple[str, object, str]]:
        """The problem's quantities whose size rounds to ``number`` (cached per written text)."""
        cache = self.__dict__.setdefault("_pool_cache", {})
        if number.source not in cache:
            cache[number.source] = [
                (q.key, abs(q.value), q.label) for q in self.problem.rounded_candidates()
                if q.value is not None and not q.given and _rounds_to(abs(q.value), number)]
        return cache[number.source]

    def _carried_match(self, node, target) -> tuple[bool, list[int], list[str]] | None:
        """Whether reading some written numbers as the quantities they stand for gives ``target``
        (or what the row's own names give with the writer's numbers)."""
        found = self._consistent_match(node, target)
        if found is not None:
            return found
        targets = [(target, [])] + [(v, lines) for v, lines in self._written_targets]
        try:
            options = self._value_set(node) if len(_numbers(node)) <= 40 else {}
        except (_NotNumber, _Unresolved, OverflowError, TypeError, ZeroDivisionError, ValueError):
            return None
        for goal, goal_lines in targets:
            for value, lines, labels in options.values():
                if _same(value, goal):
                    return True, sorted({*lines, *goal_lines}), list(labels)
        return None

    def _consistent_match(self, node, target) -> tuple[bool, list[int], list[str]] | None:
        """Whether reading each distinct written number as one quantity it stands for gives ``target``."""
        numbers = _numbers(node)
        options = [self._candidates(n) for n in numbers]
        if all(len(o) == 1 for o in options):
            return None
        # first one meaning per distinct written number (0.48 twice is o1 twice), then per occurrence
        distinct: dict[str, list] = {}
        for n, o in zip(numbers, options, strict=True):
            distinct.setdefault(n.source, o)
        keys = list(distinct)
        index = [keys.index(n.source) for n in numbers]
        grouped = (tuple(choice[k] for k in index)
                   for choice in itertools.islice(itertools.product(*distinct.values()), 4096))
        total = math.prod(len(o) for o in options)
        single = itertools.product(*options) if total <= 4096 and len(keys) < len(numbers) else ()
        combos = itertools.chain(grouped, single)
        target_f = float(target)
        for combo in combos:
            replace = {id(n): choice[0] for n, choice in zip(numbers, combo, strict=True)}
            try:
                v = self.evaluator.value(node, replace, m=math)
            except (_NotNumber, _Unresolved, OverflowError, TypeError):
                return None
            if isinstance(v, complex) or not _close(v, target_f):
                continue
            exact = self.evaluator.value(node, replace)
            if _same(exact, target):
                lines = sorted({line for choice in combo for line in choice[1]})
                labels = [choice[2] for choice in combo if choice[2]]
                return True, lines, labels
        return None

    def _value_set(self, n, limit: int = 160) -> dict:
        """Every value ``n`` may have when each written number is read as any quantity it stands
        for: {key: (value, lines, labels)}, at most ``limit`` values per node."""
        if isinstance(n, Num):
            return {str(k): (_mp(v), tuple(lines), (label,) if label else ())
                    for k, (v, lines, label) in enumerate(self._candidates(n))}
        if isinstance(n, Neg):
            inner = self._value_set(n.operand, limit)
            return {k: (-v, lines, labels) for k, (v, lines, labels) in inner.items()}
        if isinstance(n, BinOp) and n.op in "+-*/":
            left, right = self._value_set(n.left, limit), self._value_set(n.right, limit)
            out: dict = {}
            for a, la, ba in left.values():
                for b, lb, bb in right.values():
                    if n.op == "+":
                        v = a + b
                    elif n.op == "-":
                        v = a - b
                    elif n.op == "*":
                        v = a * b
                    else:
                        if b == 0:
                            continue
                        v = a / b
                    out.setdefault(v, (v, la + lb, ba + bb))
                    if len(out) >= limit:
                        return out
            if not out:
                raise _NotNumber
            return out
        if isinstance(n, BinOp) and n.op == "^" and isinstance(n.right, Num) and n.right.decimals == 0 \
                and n.right.value <= 4:
            exponent = int(n.right.value)
            return {k: (v**exponent, lines, labels)
                    for k, (v, lines, labels) in self._value_set(n.left, limit).items()}
        if isinstance(n, Call) and len(n.args) == 1 and n.power is None \
                and self.problem.function(n.function) is None:
            out = {}
            for v, lines, labels in self._value_set(n.args[0], limit).values():
                try:
                    value = _mp(_apply(n.function, [v], MP))
                except _NotNumber:
                    continue
                out.setdefault(value, (value, lines, labels))
            if not out:
                raise _NotNumber
            return out
        value = _mp(self.evaluator.value(n))
        return {value: (value, (), ())}

    # -- checking one row ----------------------------------------------------------------
    def check_row(self, row: Row) -> LineResult:
        """The verdict on one row; every number is handled at 40 significant digits.

        Whatever a line contains, the answer is a verdict: an unexpected failure inside
        SymPy or the LaTeX reader makes the line ``unparsed``, never an exception.
        """
        with MP.workdps(DPS):
            try:
                return self._check_row(row)
            except RecursionError:
                self._chain = None
                return LineResult(row.line, row.text, "too complex", "nested too deeply to judge")
            except Exception as error:  # a line a student wrote must never stop the file
                if os.environ.get("SYMNN_DEBUG"):
                    raise  # a bug of the checker surfaces in tests
                self.internal_errors += 1
                self._chain = None
                return LineResult(row.line, row.text, "unparsed",
                                  f"cannot be judged ({type(error).__name__}: {str(error)[:80]})")

    def _check_row(self, row: Row) -> LineResult:
        try:
            relation = parse_relation(row.text)
        except TooComplexError as error:
            self._chain = None
            return LineResult(row.line, row.text, "too complex", _message(error), position=error.position)
        except ParseError as error:
            self._chain = None
            fallback = self._fallback(row)
            if fallback is not None:
                return fallback
            return LineResult(row.line, row.text, "unparsed", _message(error), position=error.position)
        try:
            return self._check_relation(row, relation)
        except TooComplexError as error:
            return LineResult(row.line, row.text, "too complex", _message(error), position=error.position)
        except ParseError as error:
            return LineResult(row.line, row.text, "unparsed", _message(error), position=error.position)

    def _check_relation(self, row: Row, relation: Relation) -> LineResult:
        general = self._general(row, relation)
        if general is not None:
            return general
        from .problems import FreeProblem

        if isinstance(self.problem, FreeProblem) and not relation.continued:
            numeric = self._numbers_on_their_own(row, relation)
            if numeric is not None:
                return numeric
        self._chain_quantities = []
        parts = list(relation.parts)
        notes = [note for part in parts for note in part.notes]
        previous_link = None
        if relation.continued and self._chain is not None:
            quantity, previous_part, previous_link = self._chain
            judged = parts
        else:
            if relation.continued or len(parts) < 2:
                self._chain = None
                if len(parts) < 2 and not relation.continued:
                    return LineResult(row.line, row.text, "correct", "no relation to check")
                return LineResult(row.line, row.text, "unparsed",
                                  "a row starting with '=' but no chain above")
            head = parts[0]
            defined = self._define(head, parts)
            candidates = [defined] if defined is not None else self._head_candidates(head)
            quantity = self._choose(candidates, parts[1:]) if candidates else None
            if quantity is None and isinstance(head.node, Name | Partial):
                unknown = self._first_unresolved(row, [head])
                if unknown is not None:
                    symbolic = self._symbolic(row, relation)
                    if symbolic is None:
                        symbolic = self._judge_chain(row, relation)
                    return symbolic if symbolic is not None else unknown
            if quantity is None:
                quantity = self._expression_head(head)
            if quantity is None:
                symbolic = self._symbolic(row, relation)
                if symbolic is not None:
                    return symbolic
                problem = self._first_unresolved(row, parts)
                if problem is not None:
                    return problem
                quantity = self._numeric_head(head)
                if quantity is None:
                    return LineResult(row.line, row.text, "unparsed",
                                      "cannot tell which quantity the line is about")
            if quantity is not None and quantity.kind in AFTER_UPDATE and len(parts) > 2:
                # which weights were updated before the second pass is the writer's choice: the
                # chain is judged on its own numbers
                quantity = self._numeric_head(parts[1], names=True) or quantity
            previous_part = head
            judged = parts[1:]
            if quantity is not None and quantity.kind != "written" and head.node is not None:
                self._chain_quantities.append(quantity)
        self._expected_parts = self._parts_for(quantity, parts)
        links: list[tuple[Part, _Link]] = []
        for part in judged:
            link = self._judge(part, quantity, previous_part, previous_link)
            links.append((part, link))
            previous_part, previous_link = part, link
        self._chain = (quantity, previous_part, previous_link)
        return self._line_result(row, quantity, links, notes)

    def _parts_for(self, quantity, parts: list[Part]) -> list[tuple[str, object, list[int]]]:
        """(label, size, lines) of the sub-expressions of what the row claims and of what it writes
        with names, with exact values and with the writer's own numbers (from ``lines``)."""
        from .problems import expected_parts

        out = [(label, size, []) for label, size in expected_parts(self.problem, quantity)] \
            if quantity is not None and quantity.kind != "written" else []
        self._written_targets = []
        saved = list(self._chain_quantities)
        for part in parts:
            if not _names(part.node):
                continue
            for node in iter_nodes(part.node):
                if isinstance(node, Num) or not _names(node):
                    continue
                for evaluator in (self.evaluator, self.written_evaluator):
                    self._used_lines = []
                    try:
                        value = _mp(evaluator.value(node))
                    except (_Unresolved, _NotNumber, OverflowError, ZeroDivisionError, ValueError, TypeError):
                        continue
                    if isinstance(value, MP.mpc):
                        continue
                    lines = sorted(set(self._used_lines)) if evaluator is self.written_evaluator else []
                    if evaluator is self.written_evaluator and not lines:
                        continue
                    out.append((node_text(node), abs(value), lines))
                    if node is part.node and lines:
                        self._written_targets.append((value, lines))
        self._chain_quantities = saved
        return out

    def _numeric_head(self, head: Part, names: bool = False):
        """A numeric first part: the chain claims its value (with the numbers as written)."""
        from .problems import Quantity

        if _names(head.node) and not names:
            return None
        try:
            value = self.evaluator.value(head.node)
        except (_NotNumber, _Unresolved):
            return None
        carried_value = value
        for n in _numbers(head.node):
            if len(self._candidates(n)) > 1:
                break
        return Quantity(f"written:{node_text(head.node)}", node_text(head.node), carried_value, "written")

    def _choose(self, candidates: list, rest: list[Part]):
        if len(candidates) == 1:
            return candidates[0]
        best, best_score = candidates[0], -1
        for candidate in candidates:
            score = 0
            for part in rest:
                try:
                    number = part.number
                    if number is not None:
                        score += shows(Decimal(MP.nstr(candidate.value, 30)), number.source)
                    else:
                        score += _same(self.evaluator.value(part.node), candidate.value)
                except (_Unresolved, _NotNumber, TypeError):
                    continue
            if score > best_score:
                best, best_score = candidate, score
        last = rest[-1].number if rest else None
        if best_score == 0 and last is not None and best.kind not in AFTER_UPDATE:
            # a second forward pass written with the plain names: a figure within 1 % of the value
            # after the update, and nearer to it than to the value before
            written = _mp(last.value)
            after = [c for c in candidates if c.kind in AFTER_UPDATE and c.value is not None
                     and abs(c.value - written) <= abs(c.value) / 100]
            if after and best.value is not None and abs(after[0].value - written) < abs(best.value - written):
                return after[0]
        return best

    def _unknown_result(self, row: Row, name: str, position: int | None) -> LineResult:
        hint = _suggest(name, self.problem.known_names())
        suggestion = f"; did you mean {' or '.join(hint)}?" if hint else ""
        self._chain = None
        return LineResult(row.line, row.text, "unknown", f"unknown name '{name}'{suggestion}",
                          position=position)

    def _first_unresolved(self, row: Row, parts: list[Part]) -> LineResult | None:
        for part in parts:
            for n in iter_nodes(part.node):
                try:
                    if isinstance(n, Name):
                        self._lookup_name(n)
                    elif isinstance(n, Partial):
                        self._partial_quantity(n)
                except _Unresolved as error:
                    return self._unknown_result(row, error.name, error.position)
        return None

    # -- one link ------------------------------------------------------------------------
    def _judge(self, part: Part, quantity, previous: Part, previous_link: _Link | None) -> _Link:
        target = quantity.value
        number = part.number
        if number is not None:
            return self._judge_number(number, quantity, previous, previous_link)
        try:
            value = self.evaluator.value(part.node)
        except _Unresolved as error:
            known = self.problem.known_names()
            hint = _suggest(error.name, known)
            suggestion = f"; did you mean {' or '.join(hint)}?" if hint else ""
            return _Link("unknown", f"unknown name '{error.name}'{suggestion}", position=error.position)
        except (_NotNumber, OverflowError, ZeroDivisionError, ValueError, TypeError):
            return _Link("formula", f"{shorten(part.text, 60)} has no value here", position=part.start)
        if target is None or _same(value, target):
            return _Link("correct", value=value)
        carried = self._carried_match(part.node, target)
        if carried is not None:
            _, lines, labels = carried
            where = _lines_text(lines)
            why = f"with the rounded values of {', '.join(dict.fromkeys(labels))}" if labels else ""
            message = " ".join(x for x in (why, where) if x)
            return _Link("correct", message, lines, value=value)
        # a step of a hand calculation: the numbers of the step before, some of them rounded
        prior = None
        if previous.number is None and not _names(previous.node) and not _names(part.node):
            prior = previous_link.value if previous_link is not None and previous_link.value is not None \
                else target
        if prior is not None:
            carried_lines = list(previous_link.carried) if previous_link is not None else []
            if self._within_rounding(part.node, prior):
                return _Link("correct", "the step before it, with intermediate results rounded",
                             carried_lines, value=value)
            return _Link("arithmetic", f"{shorten(part.text, 60)} is {_fig(float(value))}, but the step "
                         f"before it is {_fig(float(prior))}", value=value, position=part.start)
        if quantity.kind == "written":
            return _Link("arithmetic", f"{shorten(part.text, 60)} is {_fig(float(value))}, "
                         f"not {_fig(float(target))}", value=value, position=part.start)
        return _Link("formula", self._diagnose(part, quantity, value), value=value, position=part.start)

    def _within_rounding(self, node, target) -> bool:
        """Whether ``node`` is ``target`` up to the rounding of its own written numbers (half a unit each)."""
        base = self.evaluator.value(node)
        bound = MP.mpf(0)
        for n in _numbers(node):
            if n.decimals == 0:
                continue  # whole numbers as written (1 - 0.48) are exact
            half = MP.mpf(5) / MP.mpf(10) ** (n.decimals + 1)
            try:
                moved = self.evaluator.value(node, {id(n): _mp(n.value) + half})
            except (_NotNumber, _Unresolved, ZeroDivisionError):
                return False
            bound += abs(moved - base)
        return abs(base - target) <= bound * MP.mpf("1.0001") + abs(target) * MP.mpf("1e-25")

    def _judge_number(self, number: Num, quantity, previous: Part, previous_link: _Link | None) -> _Link:
        target = quantity.value
        exact_text = None
        if target is not None:
            exact = Decimal(MP.nstr(target, 30, min_fixed=-10**6, max_fixed=10**6))
            if shows(exact, number.source):
                return _Link("correct", value=number.value)
            exact_text = rounded_text(exact, number.decimals)
        # the writer's own numbers: the value of the previous part as written
        own = None
        lines: list[int] = []
        if previous_link is not None and previous_link.value is not None and previous.number is None:
            own = previous_link.value
            lines = list(previous_link.carried)
        elif previous.number is None:
            try:
                own = self.evaluator.value(previous.node)
            except (_Unresolved, _NotNumber):
                own = None
        if own is not None:
            own_decimal = Decimal(MP.nstr(own, 30, min_fixed=-10**6, max_fixed=10**6))
            if shows(own_decimal, number.source):
                if lines:
                    wrong = sorted({r.line for r in self.written if r.mistake and r.line in lines})
                    kind = "rounded numbers" if not wrong else \
                        f"numbers (carrying the mistake of {_lines_text(wrong, bare=True)})"
                    message = (f"exact value {_fig(float(target))} shows as {exact_text}; the writer's "
                               f"{kind} from {_lines_text(lines, bare=True)} give "
                               f"{_fig(float(own))}, shown as {number.source}")
                    return _Link("rounding", message, lines, value=number.value)
                if quantity.kind == "written":
                    return _Link("correct", value=number.value)
                if previous_link is None or previous_link.verdict in ("correct", "rounding"):
                    message = (f"exact value {_fig(float(target))} shows as {exact_text}; the numbers "
                               f"written give {_fig(float(own))}, shown as {number.source}")
                    return _Link("rounding", message, value=number.value)
        written_value = float(number.value)
        message = f"{number.source} is not {quantity.label}"
        if exact_text is not None:
            message += f" at {number.decimals} decimals: exact {_fig(float(target))} ({exact_text})"
        if quantity.given:
            message = f"{quantity.label} is given as {_fig(float(target))}, not {number.source}"
        schedules: list[str] = []
        if own is not None and previous.number is None:
            own_text = rounded_text(Decimal(MP.nstr(own, 30, min_fixed=-10**6, max_fixed=10**6)),
                                    number.decimals)
            if lines:
                message += f"; the writer's own rounded numbers give {_fig(float(own))} ({own_text})"
            elif not _same(own, target):
                message += f"; the expression written gives {_fig(float(own))} ({own_text})"
            found = search_schedules(previous.node, number.source) if not _names(previous.node) else []
            schedules = [s.describe() for s, _ in found]
            if found:
                shown = "; ".join(f"{s.describe()} gives {_fig(float(v))}" for s, v in found)
                message += f"; {number.source} is what rounding by hand produces: {shown}"
            elif not _names(previous.node):
                message += "; no rounding schedule (2 or 3 decimals, half-up or half-even) produces it"
        del written_value
        return _Link("arithmetic", message, lines, schedules, value=number.value, position=number.position)

    # -- diagnosis -----------------------------------------------------------------------
    def _diagnose(self, part: Part, quantity, value) -> str:
        base = (f"{shorten(part.text, 60)} is {_fig(float(value))}, but {quantity.label} is "
                f"{_fig(float(quantity.value))}")
        try:
            detail = self._which_factor(part.node, quantity)
        except (_Unresolved, _NotNumber, TypeError, ValueError, OverflowError):
            detail = None
        return detail or base

    def _which_factor(self, node, quantity) -> str | None:
        expected = _expected_factors(quantity, self.problem)
        if expected is None:
            return None
        kind, items = expected
        bare = _strip_neg(node)
        if quantity.paths and len(quantity.paths) > 1 and isinstance(bare, BinOp) and bare.op in "+-":
            detail = self._compare_paths(node, tuple(quantity.paths))  # the paths written out in full
            if detail:
                return detail
        if kind == "product":
            return self._compare_products(node, items, quantity)
        if kind == "sum":
            return self._compare_sums(node, items, quantity)
        if kind == "call":
            _function, argument_items, argument_label = items
            inner = node
            while isinstance(inner, Neg):
                inner = inner.operand
            if isinstance(inner, Call) and inner.args:
                arg_value = self.evaluator.value(inner.args[0])
                detail = self._compare_sums(inner.args[0], argument_items, None)
                expected_value = sum(float(v) for _, _, v in argument_items)
                text = (f"the argument of {inner.function} is {_fig(float(arg_value))}, "
                        f"but {argument_label} is {_fig(expected_value)}")
                return text + (f" ({detail})" if detail else "")
        return None

    def _values_of(self, node) -> list[float]:
        """Plausible values of a written subexpression: as written, and with carried numbers."""
        numbers = _numbers(node)
        options = [self._candidates(n) for n in numbers]
        total = 1
        for o in options:
            total *= len(o)
        combos = itertools.product(*options) if total <= 256 else [tuple(o[0] for o in options)]
        values = []
        for combo in combos:
            try:
                v = self.evaluator.value(node, {id(n): c[0] for n, c in zip(numbers, combo, strict=True)},
                                         m=math)
            except (_NotNumber, OverflowError, ZeroDivisionError):
                continue
            if not isinstance(v, complex):
                values.append(v)
        return values

    def _compare_products(self, node, expected: list, quantity) -> str | None:
        sign, factors = _flatten_product(node)
        written = [(f, self._values_of(f)) for f in factors]
        matched_expected = [False] * len(expected)
        unmatched_written = []
        slips = []
        i = 0
        while i < len(written):
            hit = None
            for run in (1, 2, 3):
                if i + run > len(written):
                    break
                if run > 1 and any(w[1] and all(abs(abs(v) - 1) < 1e-12 for v in w[1])
                                   for w in written[i:i + run]):
                    continue  # a factor 1 (dIn_h1/dIn_h1) is never part of a group: it is a slip
                products = _run_products([w[1] for w in written[i:i + run]])
                for k, (_label, _formula, value) in enumerate(expected):
                    if matched_expected[k]:
                        continue
                    if any(_close(p, value) for p in products):
                        hit = (run, k, False)
                        break
                    if any(_close(p, -value) for p in products) and abs(float(value)) > 0:
                        hit = (run, k, True)
                        break
                if hit:
                    break
            if hit:
                run, k, flipped = hit
                matched_expected[k] = True
                if flipped:
                    sign = -sign
                    slips.append((written[i:i + run], expected[k]))
                i += run
            else:
                unmatched_written.append(written[i])
                i += 1
        missing = [e for e, m in zip(expected, matched_expected, strict=True) if not m]
        if not missing and not unmatched_written:
            if slips and sign < 0:
                group, (label, formula, value) = slips[0]
                text = "*".join(node_text(g[0]) for g in group)
                return (f"a sign slip: the factor {text} should be {label} = {_formula_text(formula)} "
                        f"= {_fig(float(value))}")
            if sign < 0:
                return "a sign slip: the written product has the opposite sign"
            return None
        if len(missing) == 1 and len(unmatched_written) == 1:
            (label, formula, value), (w_node, w_values) = missing[0], unmatched_written[0]
            if isinstance(formula, tuple) and isinstance(_strip_neg(w_node), BinOp) \
                    and _strip_neg(w_node).op in "+-":
                inner = self._compare_paths(_strip_neg(w_node), formula)
                if inner:
                    return inner
            shown = _fig(w_values[0]) if w_values else "?"
            return (f"the factor {node_text(w_node)} = {shown} should be {label} = {_formula_text(formula)} "
                    f"= {_fig(float(value))}")
        parts = []
        if missing:
            parts.append(" and ".join(f"{label} = {_formula_text(formula)} = {_fig(float(value))}"
                                      for label, formula, value in missing))
            parts[-1] = ("the factor " if len(missing) == 1 else "the factors ") + parts[-1] + \
                (" is missing" if len(missing) == 1 else " are missing")
        if unmatched_written:
            listed = ", ".join(node_text(w[0]) for w in unmatched_written)
            parts.append(f"{listed} {'is' if len(unmatched_written) == 1 else 'are'} not a factor of "
                         f"{quantity.label if quantity is not None else 'it'}")
        return "; ".join(parts)

    def _compare_paths(self, node, paths: tuple) -> str | None:
        """A written sum against the chain-rule paths (each a list of factors)."""
        terms = _flatten_sum(node)
        path_values = [math.prod(float(v) for _, _, v in path) for path in paths]
        used = [False] * len(paths)
        stray = []
        for sign, term in terms:
            values = [sign * v for v in self._values_of(term)]
            k = next((k for k, pv in enumerate(path_values) if not used[k] and any(_close(v, pv)
                                                                                 for v in values)), None)
            if k is None:
                stray.append((sign, term))
            else:
                used[k] = True
        left = [p for p, u in zip(paths, used, strict=True) if not u]
        if len(stray) == 1 and len(left) == 1:
            sign, term = stray[0]
            term_node = term if sign > 0 else Neg(term)
            detail = self._compare_products(term_node, left[0], None)
            path_text = "*".join(label for label, _, _ in left[0])
            return f"in the path {path_text}: {detail}" if detail else None
        if not stray and left:
            return "the path " + ", ".join("*".join(label for label, _, _ in p) for p in left) + " is missing"
        return None

    def _compare_sums(self, node, expected: list, quantity) -> str | None:
        terms = _flatten_sum(node)
        matched = [False] * len(expected)
        stray = []
        for sign, term in terms:
            values = [sign * v for v in self._values_of(term)]
            k = next((k for k, (_, _, ev) in enumerate(expected)
                      if not matched[k] and any(_close(v, ev) for v in values)), None)
            if k is None:
                k = next((k for k, (_, _, ev) in enumerate(expected) if not matched[k]
                          and abs(float(ev)) > 0 and any(_close(v, -ev) for v in values)), None)
                if k is not None:
                    matched[k] = True
                    _label, formula, ev = expected[k]
                    text = node_text(term) if sign > 0 else f"-{_wrap_text(term)}"
                    return (f"a sign slip: the term {text} should be {_formula_text(formula)} "
                            f"= {_fig(float(ev))}")
                stray.append((sign, term, values))
            else:
                matched[k] = True
        missing = [e for e, m in zip(expected, matched, strict=True) if not m]
        if len(stray) == 1 and len(missing) == 1:
            sign, term, values = stray[0]
            _label, formula, ev = missing[0]
            shown = _fig(values[0]) if values else "?"
            text = node_text(term) if sign > 0 else f"-{_wrap_text(term)}"
            return f"the term {text} = {shown} should be {_formula_text(formula)} = {_fig(float(ev))}"
        if stray or missing:
            pieces = []
            if stray:
                pieces.append("the terms written: " + ", ".join(
                    f"{node_text(t)} = {_fig(v[0]) if v else '?'}" for _, t, v in stray))
            if missing:
                pieces.append("expected: " + ", ".join(f"{_formula_text(f)} = {_fig(float(ev))}"
                                                       for _, f, ev in missing))
            return "; ".join(pieces)
        return None

    # -- LaTeX beyond our grammar --------------------------------------------------------
    def _fallback(self, row: Row) -> LineResult | None:
        r"""Lines with ``\int``, ``\lim``, ``\binom`` ...: read by latex2sympy2-extended, then compared."""
        import sympy

        from ..core.equality import compare
        from .parse import parse_latex_fallback

        if "\\" not in row.text:
            return None
        try:
            exprs, _relations = parse_latex_fallback(row.text)
        except ParseError:
            return None
        if len(exprs) < 2:
            return None
        values = {}
        for symbol in set().union(*(e.free_symbols for e in exprs)):
            found = self.problem.resolve(symbol.name) if symbol.name != "e" else []
            if found and found[0].value is not None:
                values[symbol] = sympy.Float(MP.nstr(found[0].value, 40), 40)
        exprs = [e.xreplace(values) for e in exprs]
        written = re.search(r"(-?\d+(?:\.\d+)?)\s*\$*\s*$", row.text)
        verdict, message = "correct", "read with latex2sympy2-extended"
        for other in exprs[1:]:
            if other.is_Number and written is not None and exprs[0].is_number and other is exprs[-1]:
                value = sympy.N(exprs[0].doit(), 30)
                if value.is_real and shows(Decimal(str(value)), written.group(1)):
                    continue
                verdict = "arithmetic"
                message += f"; {written.group(1)} is not {_fig(float(value))} at the digits written"
                break
            outcome = compare(exprs[0], other)
            if not outcome.equal:
                verdict = "formula" if outcome.how != "undecided" else "too complex"
                message += f"; {sympy.sstr(other)[:60]} differs from {sympy.sstr(exprs[0])[:60]}"
                break
        return LineResult(row.line, row.text, verdict, message)

    # -- general rules with an index: w_i' = w_i - \eta \delta_i ------------------------------
    def _general(self, row: Row, relation: Relation) -> LineResult | None:
        """A rule with an index letter (i, j, k) is checked for every index the problem knows.

        A rule written without the index (``w' = w - eta * delta``) has it implied: a bare
        name the problem knows only with an index (w1, w2, ...) is read as ``w_i``.
        """
        bare = {n.name for part in relation.parts for n in iter_nodes(part.node)
                if isinstance(n, Name) and re.fullmatch(r"[A-Za-z]+'?", n.name)
                and not self.problem.resolve(n.name) and self.problem.resolve(n.name.rstrip("'") + "1")}
        if bare:
            relation = _renamed(relation, {name: f"{name.rstrip(chr(39))}_i{chr(39) * name.endswith(chr(39))}"
                                           for name in bare})
        indexed = {n.name for part in relation.parts for n in iter_nodes(part.node)
                   if isinstance(n, Name) and _INDEXED.match(n.name)}
        if not indexed or relation.continued or len(relation.parts) < 2:
            return None
        if any(isinstance(n, Num) and n.decimals > 0
               for part in relation.parts for n in iter_nodes(part.node)):
            return None
        letters = {_INDEXED.match(name).group(2) for name in indexed}
        if len(letters) != 1:
            return None
        held, failed = [], []
        saved = (list(self.written), self._chain)
        for k in range(0, 33):
            instance = _instance(relation, next(iter(letters)), str(k))
            if not all(self._resolve(n.name) for part in instance.parts for n in iter_nodes(part.node)
                       if isinstance(n, Name)):
                continue
            result = self._check_relation(Row(row.line, row.text), instance)
            (held if result.verdict == "correct" else failed).append((k, result))
        self.written, self._chain = saved
        self._chain = None
        if not held and not failed:
            return None
        letter = next(iter(letters))
        if failed:
            k, result = failed[0]
            return LineResult(row.line, row.text, result.verdict,
                              f"fails for {letter} = {k}: {result.message}",
                              quantity=node_text(relation.parts[0].node))
        numbers = [k for k, _ in held]
        return LineResult(row.line, row.text, "correct",
                          f"holds for {letter} = {', '.join(map(str, numbers))}",
                          quantity=node_text(relation.parts[0].node))

    # -- symbolic identities -------------------------------------------------------------
    def _judge_chain(self, row: Row, relation: Relation, label: bool = False) -> LineResult | None:
        from .chains import judge_chain

        def evaluate(node, numbers):
            return _mp(self.evaluator.value(node, numbers))

        return judge_chain(self, row, relation, evaluate,
                           (_Unresolved, _NotNumber, OverflowError, ZeroDivisionError, ValueError, TypeError),
                           label=label)

    def _numbers_on_their_own(self, row: Row, relation: Relation) -> LineResult | None:
        """Without a problem: a chain with written decimals is judged at the digits written, and
        ``x = 0.5`` gives x a value for the lines below."""
        from .problems import Quantity

        parts = relation.parts
        free = [n for part in parts[1:] for n in iter_nodes(part.node)
                if isinstance(n, Name) and not self._resolve(n.name) and n.name not in {"e", "pi"}]
        if not any(isinstance(n, Num) and n.decimals > 0 for part in parts for n in iter_nodes(part.node)) \
                and (free or (not isinstance(parts[0].node, Name) and _names(parts[0].node))):
            return None
        head = parts[0].node
        named = isinstance(head, Name) and not self.problem.resolve(head.name) \
            and head.name not in {"pi", "e"}
        result = self._judge_chain(row, relation, label=named)
        if named and len(parts) >= 2:
            for part in parts[1:]:
                try:
                    value = _mp(self.evaluator.value(part.node))
                except (_Unresolved, _NotNumber, OverflowError, ZeroDivisionError, ValueError, TypeError):
                    continue
                quantity = Quantity(f"defined:{head.name}", head.name, value, "defined")
                self.defined[head.name] = (quantity, None)
                if result is None:
                    result = LineResult(row.line, row.text, "correct", f"{head.name} is given the value "
                                        f"{_fig(float(value))}", quantity=head.name)
                break
        return result

    def _symbolic(self, row: Row, relation: Relation) -> LineResult | None:
        """Lines with free variables (``f'(x) = f(x)(1 - f(x))``): checked as identities."""
        from .problems import FreeProblem

        parts = relation.parts
        unresolved = []
        for part in parts:
            for n in iter_nodes(part.node):
                if isinstance(n, Name) and not self._resolve(n.name) and n.name not in {"e", "pi"}:
                    unresolved.append(n)
                if isinstance(n, Call) and n.function.rstrip("'") in {"f", "g"} \
                        and self.problem.function(n.function) is None:
                    unresolved.append(n)
                if isinstance(n, Derivative | Partial):
                    unresolved.append(n)
        if not unresolved and not isinstance(self.problem, FreeProblem):
            return None
        if any(isinstance(n, Num) and n.decimals > 0 for part in parts for n in iter_nodes(part.node)) \
                and not isinstance(self.problem, FreeProblem):
            return None
        if not isinstance(self.problem, FreeProblem):
            # only free one-letter variables make an identity; other names are unknown
            for n in unresolved:
                if isinstance(n, Name) and not re.fullmatch(r"[a-z]|[a-z]\d+|yhat\d+|z\d+", n.name):
                    return None
        from .identities import check_identity

        if isinstance(self.problem, FreeProblem):
            definition = self._symbolic_definition(row, relation)
            if definition is not None:
                return definition
            relation = self._with_definitions(relation)
        verdict, message = check_identity(relation, self._context(row))
        if verdict is None:
            return None
        self._chain = None
        return LineResult(row.line, row.text, verdict, message, quantity=node_text(parts[0].node),
                          links=[(p.text, verdict) for p in parts[1:]])

    def _symbolic_definition(self, row: Row, relation: Relation) -> LineResult | None:
        """``a = tanh(x)``, ``f(x) = sigma(x^2)``: a name for an expression, kept for the lines below."""
        parts = relation.parts
        if len(parts) != 2 or relation.continued:
            return None
        head, body = parts[0].node, parts[1].node
        used = {n.name for n in iter_nodes(body) if isinstance(n, Name)} | \
            {n.function.rstrip("'") for n in iter_nodes(body) if isinstance(n, Call)}
        if isinstance(head, Name) and head.name not in {"e", "pi"} and head.name not in used \
                and not self._resolve(head.name) and len(head.name) <= 2 and _names(body):
            self.symbolic[head.name] = (None, body)
        elif isinstance(head, Call) and head.function in {"f", "g"} and len(head.args) == 1 \
                and isinstance(head.args[0], Name) and head.function not in used:
            self.symbolic[head.function] = (head.args[0].name, body)
        else:
            return None
        self._chain = None
        return LineResult(row.line, row.text, "correct", f"a definition of {node_text(head)}",
                          quantity=node_text(head))

    def _with_definitions(self, relation: Relation) -> Relation:
        """``relation`` with the writer's definitions put in (``f'(x)`` becomes d/dx of f's body)."""
        if not self.symbolic:
            return relation

        def put(node):
            if isinstance(node, Name) and node.name in self.symbolic and self.symbolic[node.name][0] is None:
                return self.symbolic[node.name][1]
            if isinstance(node, Call) and node.function.rstrip("'") in self.symbolic and len(node.args) == 1:
                variable, body = self.symbolic[node.function.rstrip("'")]
                if variable is None:
                    return None
                primes = len(node.function) - len(node.function.rstrip("'"))
                argument = node.args[0]
                if primes == 0:
                    return _rewrite(Relation("", (Part("", 0, body),)),
                                    lambda n: argument if n.name == variable else None).parts[0].node
                if primes == 1 and isinstance(argument, Name):
                    inner = _rewrite(Relation("", (Part("", 0, body),)),
                                     lambda n: argument if n.name == variable else None).parts[0].node
                    return Derivative(inner, argument, node.position)
            return None

        return _rewrite(relation, put, kinds=(Name, Call))

    def _context(self, row: Row) -> str:
        """Words near the row (the line itself and the three lines above) that name an activation."""
        lines = self.context_text.split("\n")
        window = "\n".join(lines[max(0, row.line - 4):row.line])
        return _context_words(window + "\n" + row.text)

    # -- the line's verdict --------------------------------------------------------------
    def _line_result(self, row: Row, quantity, links: list[tuple[Part, _Link]],
                     notes: list[str]) -> LineResult:
        worst = max(links, key=lambda pl: _SEVERITY[pl[1].verdict]) if links else None
        verdict = worst[1].verdict if worst else "correct"
        written = None
        last_part = links[-1][0] if links else None
        if last_part is not None and last_part.number is not None:
            written = last_part.number.source
        carried = sorted({line for _, link in links for line in link.carried}) if verdict != "correct" else []
        message = worst[1].message if worst else ""
        if verdict == "correct":
            kept = [link.message for _, link in links if link.message]
            message = kept[-1] if kept else ""
            carried = []
        if notes:
            message = (message + "; " if message else "") + "; ".join(dict.fromkeys(notes))
        schedules = [s for _, link in links for s in link.schedules]
        exact = float(quantity.value) if quantity is not None and quantity.value is not None else None
        label = quantity.label if quantity is not None else None
        if quantity is not None and quantity.kind == "written":
            exact = None
            label = None
        # remember the writer's number for this quantity
        if written is not None and quantity is not None and quantity.kind != "written" \
                and verdict not in ("unknown", "unparsed", "too complex"):
            self.written.append(Written(row.line, quantity.key, quantity.label,
                                        _decimal_key(last_part.number.value), written,
                                        quantity.value, verdict in MISTAKES))
        position = worst[1].position if worst and verdict not in ("correct", "rounding") else None
        return LineResult(row.line, row.text, verdict, message, label, written, exact, carried, schedules,
                          position, [(p.text, link.verdict) for p, link in links])


_INDEXED = re.compile(r"^([A-Za-z]+)_([ijk])('?)$")


def _renamed(relation: Relation, names: dict[str, str]) -> Relation:
    """``relation`` with the names in ``names`` renamed."""
    return _rewrite(relation, lambda node: Name(names.get(node.name, node.name), node.position))


def _instance(relation: Relation, letter: str, value: str) -> Relation:
    """``relation`` with every name indexed by ``letter`` given the index ``value``."""

    def name(node):
        match = _INDEXED.match(node.name)
        if match and match.group(2) == letter:
            return Name(f"{match.group(1)}{value}{match.group(3)}", node.position)
        return node

    return _rewrite(relation, name)


def _rewrite(relation: Relation, name, kinds: tuple = (Name,)) -> Relation:
    """``relation`` with every node of ``kinds`` (Name) replaced by ``name(node)`` (None: kept)."""
    from dataclasses import fields, replace

    def rename(node):
        if isinstance(node, kinds):
            new = name(node)
            if new is not None:
                return new
        if not hasattr(node, "__dataclass_fields__"):
            return node
        changes = {}
        for f in fields(node):
            item = getattr(node, f.name)
            if isinstance(item, tuple):
                changes[f.name] = tuple(tuple(rename(x) for x in i) if isinstance(i, tuple) else rename(i)
                                        for i in item)
            elif hasattr(item, "__dataclass_fields__"):
                changes[f.name] = rename(item)
        return replace(node, **changes)

    parts = tuple(replace(part, node=rename(part.node)) for part in relation.parts)
    return replace(relation, parts=parts)


def _suggest(name: str, known: list[str]) -> list[str]:
    """Nearest known names; for ``h3`` also the names with the same letters (``h1``, ``h2``).

    >>> _suggest("h3", ["h1", "h2", "o1", "w5"]), _suggest("sigmod", ["sigmoid", "tanh"])
    (['h1', 'h2'], ['sigmoid'])
    """
    hint = nearest_names(name, known)
    letters = re.sub(r"[\d_'{}]", "", name).lower()
    same = [k for k in known if re.sub(r"[\d_'{}]", "", k).lower() == letters and k not in hint]
    return (hint + same)[:4]


def _message(error: ParseError) -> str:
    text = str(error)
    if error.position is not None and "position" not in text:
        text += f" (at position {error.position})"
    return text


def _lines_text(lines: list[int], bare: bool = False) -> str:
    if not lines:
        return ""
    body = ("line " if len(lines) == 1 else "lines ") + ", ".join(str(n) for n in lines)
    return body if bare else f"(carried from {body})"


def _wrap_text(node) -> str:
    text = node_text(node)
    return f"({text})" if isinstance(node, BinOp) and node.op in "+-" else text


def _strip_neg(node):
    while isinstance(node, Neg):
        node = node.operand
    return node


def _flatten_product(node) -> tuple[int, list]:
    """sign and factors of a written product (division kept as a factor ``1/x``)."""
    sign = 1
    factors = []

    def walk(n):
        nonlocal sign
        if isinstance(n, Neg):
            sign = -sign
            walk(n.operand)
        elif isinstance(n, BinOp) and n.op == "*":
            walk(n.left)
            walk(n.right)
        else:
            factors.append(n)

    walk(node)
    return sign, factors


def _flatten_sum(node) -> list[tuple[int, object]]:
    terms = []

    def walk(n, sign):
        if isinstance(n, BinOp) and n.op in "+-":
            walk(n.left, sign)
            walk(n.right, sign if n.op == "+" else -sign)
        elif isinstance(n, Neg) and isinstance(n.operand, BinOp) and n.operand.op in "+-":
            walk(n.operand, -sign)
        else:
            terms.append((sign, n))

    walk(node, 1)
    return terms


def _run_products(value_lists: list[list[float]]) -> list[float]:
    products = [1.0]
    for values in value_lists:
        products = [p * v for p in products for v in values[:8]]
        products = products[:64]
    return products


def _formula_text(formula) -> str:
    import sympy

    if isinstance(formula, tuple):
        return " + ".join("*".join(label for label, _, _ in path) for path in formula)
    if isinstance(formula, sympy.Basic):
        return sympy.sstr(formula)
    return str(formula)


def _expected_factors(quantity, problem):
    """The structure a written expression for ``quantity`` is compared with."""
    import sympy

    def value(expr):
        from .problems import _mpf

        return _mpf(expr.xreplace(problem.values))

    if quantity.paths:
        paths = quantity.paths
        if len(paths) == 1:
            return "product", list(paths[0])
        labels = [{label for label, _, _ in path} for path in paths]
        common_labels = set.intersection(*labels)
        common = [f for f in paths[0] if f[0] in common_labels]
        heads = tuple([f for f in path if f[0] not in common_labels] for path in paths)
        head_value = sum(math.prod(float(v) for _, _, v in head) for head in heads)
        return "product", [("the sum over the paths", heads, head_value), *common]
    structure = quantity.structure
    if structure is None:
        return None
    if isinstance(structure, sympy.Add):
        return "sum", [(sympy.sstr(t), t, value(t)) for t in structure.as_ordered_terms()]
    if isinstance(structure, sympy.Mul):
        return "product", [(sympy.sstr(f), f, value(f)) for f in structure.as_ordered_factors()]
    if isinstance(structure, sympy.Function) and len(structure.args) == 1:
        argument = structure.args[0]
        terms = argument.as_ordered_terms() if isinstance(argument, sympy.Add) else [argument]
        return "call", (type(structure).__name__, [(sympy.sstr(t), t, value(t)) for t in terms],
                        sympy.sstr(argument))
    return None


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
    rows = math_rows(text)
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
    return CheckReport(results, source)


def _over_budget(row: Row, budget: float | None) -> LineResult:
    return LineResult(row.line, row.text, "too complex",
                      f"not judged: the run's time budget ({budget:g} s) is spent")


def read_text(path: str | Path, limit: int = MAX_BYTES) -> str:
    """The text of a regular file, read at most ``limit`` bytes (the size the file claims is not trusted).

    A directory, a FIFO or a device is refused, never read.
    """
    import os
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


def _context_words(text: str) -> str:
    """Words outside math that name an activation ("for the sigmoid"), for identities with f."""
    words = re.findall(r"sigmoid|tanh|relu|softplus|softmax|identity|elu", text, flags=re.IGNORECASE)
    return " ".join(dict.fromkeys(w.lower() for w in words))
