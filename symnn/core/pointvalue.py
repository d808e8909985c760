"""The value of a SymPy expression at a point, computed with mpmath in one walk of the tree.

``expr.xreplace(point).evalf(30)`` rebuilds the whole tree as SymPy objects (every product
and sum re-canonicalised, assumptions asked) before it adds up a single number; on the
chain-rule formulas of a network that is 90 % of the time spent checking a derivation.
:func:`value_at` walks the tree once instead, in a private mpmath context (so threads and
callers never see each other's precision), each shared sub-expression evaluated once.

Only the node types of explicit formulas are known (numbers, symbols, sums, products,
powers, the elementary functions, ``Abs``, ``Max``/``Min``, ``Heaviside``, ``Piecewise``
and their conditions); for anything else :class:`UnsupportedNodeError` is raised and the caller
falls back to SymPy's own ``evalf``.

>>> import sympy
>>> x = sympy.Symbol("x")
>>> value_at(1 / (1 + sympy.exp(-x)), {x: 0})
mpf('0.5')
>>> value_at(sympy.log(x), {x: -1}, dps=15)
mpc(real='0.0', imag='3.1415926535897931')
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping

import mpmath
import sympy
from sympy.core.relational import Relational
from sympy.logic.boolalg import BooleanFalse, BooleanTrue

__all__ = ["UnsupportedNodeError", "value_at"]


class UnsupportedNodeError(Exception):
    """The expression holds a node :func:`value_at` does not evaluate."""


def _functions(ctx) -> dict[type, Callable]:
    return {
        sympy.exp: ctx.exp, sympy.log: ctx.log, sympy.sin: ctx.sin, sympy.cos: ctx.cos,
        sympy.tan: ctx.tan, sympy.sinh: ctx.sinh, sympy.cosh: ctx.cosh, sympy.tanh: ctx.tanh,
        sympy.asin: ctx.asin, sympy.acos: ctx.acos, sympy.atan: ctx.atan, sympy.erf: ctx.erf,
        sympy.erfc: ctx.erfc, sympy.sqrt: ctx.sqrt, sympy.Abs: abs,
    }


_local = threading.local()


def _context(dps: int):
    """A private mpmath context per thread and precision (one costs about 2 ms to build)."""
    contexts = _local.__dict__.setdefault("contexts", {})
    if dps not in contexts:
        ctx = mpmath.MPContext()
        ctx.dps = dps
        contexts[dps] = (ctx, _functions(ctx))
    return contexts[dps]


_COMPARE = {
    sympy.StrictGreaterThan: lambda a, b: a > b, sympy.GreaterThan: lambda a, b: a >= b,
    sympy.StrictLessThan: lambda a, b: a < b, sympy.LessThan: lambda a, b: a <= b,
    sympy.Equality: lambda a, b: a == b, sympy.Unequality: lambda a, b: a != b,
}


def value_at(expr: sympy.Basic, point: Mapping, dps: int = 30):
    """``expr`` at ``point`` (symbol -> number) as an mpmath number with ``dps`` digits.

    Raises :class:`UnsupportedNodeError` for a node it does not know, a symbol without a value,
    or a comparison of complex numbers; ``ZeroDivisionError`` where the value is infinite.
    """
    ctx, functions = _context(dps)
    values = {symbol: ctx.mpf(value) if isinstance(value, (int, float)) else
              ctx.make_mpf(sympy.Float(value, dps)._mpf_) for symbol, value in point.items()}
    memo: dict = {}

    def real(node):
        v = walk(node)
        if isinstance(v, ctx.mpc):
            if v.imag != 0:
                raise UnsupportedNodeError("a comparison of complex numbers")
            v = v.real
        return v

    def truth(node) -> bool:
        if isinstance(node, BooleanTrue):
            return True
        if isinstance(node, BooleanFalse):
            return False
        if isinstance(node, Relational) and type(node) in _COMPARE:
            return _COMPARE[type(node)](real(node.lhs), real(node.rhs))
        if isinstance(node, sympy.And):
            return all(truth(a) for a in node.args)
        if isinstance(node, sympy.Or):
            return any(truth(a) for a in node.args)
        if isinstance(node, sympy.Not):
            return not truth(node.args[0])
        raise UnsupportedNodeError(type(node).__name__)

    def walk(node):  # the tree is alive and unchanged during the walk: ids are stable keys
        key = id(node)
        if key in memo:
            return memo[key]
        result = evaluate(node)
        memo[key] = result
        return result

    def evaluate(node):
        if node.is_Symbol:
            if node not in values:
                raise UnsupportedNodeError(f"no value for {node}")
            return values[node]
        if node.is_Integer:
            return ctx.mpf(int(node))
        if node.is_Rational:
            return ctx.mpf(int(node.p)) / int(node.q)
        if node.is_Float:
            return ctx.make_mpf(node._mpf_)
        if node is sympy.pi:
            return +ctx.pi
        if node is sympy.E:
            return +ctx.e
        if node is sympy.I:
            return ctx.mpc(0, 1)
        kind = type(node)
        if node.is_Add:
            return ctx.fsum(walk(a) for a in node.args)
        if node.is_Mul:
            return ctx.fprod(walk(a) for a in node.args)
        if node.is_Pow:
            base, exponent = node.args
            if exponent == -1:
                return 1 / walk(base)
            if exponent.is_Integer:
                return walk(base) ** int(exponent)
            return ctx.power(walk(base), walk(exponent))
        if kind in functions and len(node.args) == 1:
            return functions[kind](walk(node.args[0]))
        if kind in (sympy.Max, sympy.Min):
            args = [real(a) for a in node.args]
            return max(args) if kind is sympy.Max else min(args)
        if kind is sympy.Heaviside:
            x = real(node.args[0])
            if x != 0:
                return ctx.mpf(1 if x > 0 else 0)
            return walk(node.args[1]) if len(node.args) > 1 else ctx.mpf(0.5)
        if kind is sympy.sign:
            x = real(node.args[0])
            return ctx.mpf((x > 0) - (x < 0))
        if kind is sympy.Piecewise:
            for value, condition in node.args:
                if truth(condition):
                    return walk(value)
            raise UnsupportedNodeError("no branch of a Piecewise holds")
        raise UnsupportedNodeError(kind.__name__)

    return walk(sympy.sympify(expr, strict=True))
