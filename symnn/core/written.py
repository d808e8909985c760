"""Held forms: sums, products, quotients and powers shown as written, not yet evaluated.

A derivation often shows a step such as ``0·(1 + e^{-x}) - 1·(-e^{-x})`` before the
algebra is done. SymPy would evaluate it at once; these constructors keep it as
written (``evaluate=False``). The checker calls ``.doit()``, which evaluates them.

>>> import sympy
>>> x = sympy.Symbol("x")
>>> e = product(sympy.exp(x), sympy.exp(x))
>>> e, e.doit()
(exp(x)*exp(x), exp(2*x))
"""

from __future__ import annotations

import sympy

__all__ = ["difference", "in_written_order", "negative", "power", "product", "quotient", "total"]


def _factor(expr):
    # a fraction among factors would be merged into one big fraction by the printer
    expr = sympy.sympify(expr, strict=True)
    if not expr.is_Atom and not expr.is_Add and sympy.fraction(expr)[1] != 1:
        return sympy.UnevaluatedExpr(expr)
    return expr


def product(*factors) -> sympy.Expr:
    """``factors[0] * factors[1] * ...`` kept as written; fractions stay separate fractions."""
    return sympy.Mul(*(_factor(f) for f in factors), evaluate=False)


#: sums built here, so that the printers keep their terms in the order written
_WRITTEN_ORDER: set = set()


def total(*terms) -> sympy.Expr:
    """``terms[0] + terms[1] + ...`` kept as written, and printed in that order."""
    expr = sympy.Add(*terms, evaluate=False)
    if expr.is_Add:
        _WRITTEN_ORDER.add(expr)
    return expr


def in_written_order(expr: sympy.Expr) -> bool:
    """Whether ``expr`` is a sum built by :func:`total` (printers keep its order)."""
    try:
        return expr in _WRITTEN_ORDER
    except TypeError:  # unhashable
        return False


def negative(term) -> sympy.Expr:
    """``-term`` kept as written (SymPy would distribute the sign over a sum)."""
    return sympy.Mul(sympy.S.NegativeOne, term, evaluate=False)


def difference(a, b) -> sympy.Expr:
    """``a - b`` kept as written."""
    return total(a, negative(b))


def power(base, exponent) -> sympy.Expr:
    """``base ** exponent`` kept as written."""
    return sympy.Pow(base, exponent, evaluate=False)


def quotient(numerator, denominator) -> sympy.Expr:
    """``numerator / denominator`` kept as written (printed as one fraction)."""
    if numerator == 1:
        return sympy.Pow(denominator, -1, evaluate=False)
    return sympy.Mul(numerator, sympy.Pow(denominator, -1, evaluate=False), evaluate=False)
