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

__all__ = ["PrecisionLossError", "UnsupportedNodeError", "value_at"]


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


#: working precisions tried in turn when a sum cancels more digits than the result can lose
_WORKING = (1, 3, 8)


class PrecisionLossError(UnsupportedNodeError):
    """A sum cancelled more digits than the highest working precision keeps (e.g. e^200 - e^200 + x^2
    past 240 digits): the caller evaluates with SymPy's adaptive evalf instead."""


def value_at(expr: sympy.Basic, point: Mapping, dps: int = 30):
    """``expr`` at ``point`` (symbol -> number) as an mpmath number right to ``dps`` digits.

    A sum whose terms cancel (``(e^100 + x)(e^100 - x) - e^200``) is evaluated again with more
    digits until ``dps`` digits survive the cancellation, as SymPy's ``evalf`` does.
    Raises :class:`UnsupportedNodeError` for a node it does not know, a symbol without a value,
    or a comparison of complex numbers (:class:`PrecisionLossError` when even 8 times the digits
    cancel); ``ZeroDivisionError`` where the value is infinite.

    >>> x = sympy.Symbol("x")
    >>> value_at((sympy.exp(100) + x) * (sympy.exp(100) - x) - sympy.exp(200), {x: 2}, dps=15)
    mpf('-4.0')
    """
    expr = sympy.sympify(expr, strict=True)
    for factor in _WORKING:
        value, cancelled = _value_at(expr, point, dps * factor, dps)
        if not cancelled:
            return value
    if value == 0:
        return value  # terms that cancel exactly at every precision: a true zero
    raise PrecisionLossError("a sum cancels beyond the working precision")


def _value_at(expr: sympy.Basic, point: Mapping, working: int, dps: int):
    """The value at ``working`` digits, and whether a sum lost so many digits that fewer than
    ``dps`` are left."""
    ctx, functions = _context(working)
    keep = ctx.mpf(10) ** (dps + 3 - working)  # a sum may shrink below its largest term by this
    cancelled = False
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
            nonlocal cancelled
            terms = [walk(a) for a in node.args]
            total = ctx.fsum(terms)
            largest = max(abs(t) for t in terms)
            if largest != 0 and abs(total) < largest * keep:
                cancelled = True
            return total
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

    return walk(expr), cancelled
