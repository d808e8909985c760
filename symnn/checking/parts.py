"""The parts of what a row claims: every sub-expression of a quantity's formula, with its value.

A student writes ``1 - h1`` as 0.4378 or ``dE/do1 * do1/dnet_o1`` as 0.0616 without naming
either; a written number may stand for any of these parts.
"""

from __future__ import annotations

import itertools

import sympy

from .precision import MP
from .problems import Problem, Quantity, _mpf, _precise

__all__ = ["MAX_PARTS", "expected_parts"]


# --------------------------------------------------------------------------------------------
# Parts of what is expected: a written number may stand for any of them
# --------------------------------------------------------------------------------------------

#: most parts collected for one quantity
MAX_PARTS = 400


def _sympy_value(expr: sympy.Expr, values: dict, memo: dict) -> MP.mpf | None:
    """``expr`` at ``values`` (symbols -> numbers), to DPS digits; None when it has no real value."""
    if expr in memo:
        return memo[expr]
    value = None
    try:
        if expr.is_Number:
            value = _mpf(expr)
        elif expr.is_Symbol:
            value = _mpf(values[expr]) if expr in values else None
        elif isinstance(expr, sympy.Add | sympy.Mul):
            args = [_sympy_value(a, values, memo) for a in expr.args]
            if all(a is not None for a in args):
                value = MP.fsum(args) if isinstance(expr, sympy.Add) else MP.fprod(args)
        else:
            number = expr.xreplace(values)
            if number.is_number:
                value = _mpf(number)
    except (TypeError, ValueError, KeyError, ZeroDivisionError):
        value = None
    if value is not None and not MP.isfinite(value):
        value = None
    memo[expr] = value
    return value


class _Label:
    """The text of a part, printed only when a message needs it (printing every part is slow)."""

    __slots__ = ("expr",)

    def __init__(self, expr: sympy.Expr):
        self.expr = expr

    def __str__(self) -> str:
        return sympy.sstr(self.expr)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def _subsets(args: tuple, most: int = 6):
    """Combinations of 2 .. len-1 of ``args`` (the sub-products of a product, sub-sums of a sum)."""
    if len(args) > most:
        return
    for size in range(2, len(args)):
        yield from itertools.combinations(args, size)


@_precise
def expected_parts(problem: Problem, quantity: Quantity) -> list[tuple[str, MP.mpf]]:
    """(label, value) of every sub-expression of what ``quantity`` is: its structure, its
    chain-rule factors, runs of consecutive factors of a path and the sum of the paths.

    A student writes ``1 - h1`` as 0.4378 or ``dE/do1 * do1/dnet_o1`` as 0.0616 without
    naming either; these are the values such numbers stand for.
    """
    cache = problem.__dict__.setdefault("_parts", {})
    if quantity.key in cache:
        return cache[quantity.key]
    values = getattr(problem, "values", {}) or {}
    memo: dict = {}
    out: dict[str, tuple[str, MP.mpf]] = {}

    def add(label, value) -> None:
        if value is not None and len(out) < MAX_PARTS:
            out.setdefault(MP.nstr(abs(value), 25), (label, abs(value)))

    def walk(expr) -> None:
        for node in sympy.preorder_traversal(expr):
            if len(out) >= MAX_PARTS:
                return
            if node.is_Number:
                continue
            add(_Label(node), _sympy_value(node, values, memo))
            if isinstance(node, sympy.Add | sympy.Mul):
                for group in _subsets(node.args):
                    sub = node.func(*group, evaluate=False)
                    add(_Label(sub), _sympy_value(sub, values, memo))

    if quantity.structure is not None:
        walk(quantity.structure)
    for path in quantity.paths:
        for _label, formula, _value in path:
            if isinstance(formula, sympy.Basic):
                walk(formula)
        factors = [(label, value) for label, _formula, value in path]
        for start in range(len(factors)):
            for end in range(start + 2, len(factors) + 1):
                run = factors[start:end]
                add("*".join(label for label, _ in run), MP.fprod(v for _, v in run))
    if len(quantity.paths) > 1:
        for cut in range(1, max(len(p) for p in quantity.paths)):
            heads = [p[:cut] for p in quantity.paths]
            add(" + ".join("*".join(label for label, _, _ in h) for h in heads),
                MP.fsum(MP.fprod(v for _, _, v in h) for h in heads))
    result = list(out.values())
    cache[quantity.key] = result
    return result
