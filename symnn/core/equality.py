"""Deciding whether two expressions are equal: numbers at random points first, then algebra.

``simplify`` can take minutes on modest expressions, so equality is decided in two
cheap stages. First both sides are evaluated at random points with 30 significant
digits: one clear disagreement settles it (and gives a counterexample). If they
agree everywhere, a few targeted rewrites (``expand``, ``together``, ``cancel`` of
the explicit difference) try to prove it; if none does, the agreement at every
point is reported as numeric evidence.

>>> import sympy
>>> from symnn.core.functions import Sigmoid
>>> x = sympy.Symbol("x")
>>> compare(sympy.diff(1 / (1 + sympy.exp(-x)), x), Sigmoid(x) * (1 - Sigmoid(x))).equal
True
>>> compare(Sigmoid(x), 1 - Sigmoid(x)).equal
False
"""

from __future__ import annotations

import cmath
import random
from dataclasses import dataclass, field

import sympy
from sympy.matrices import MatrixBase

from .functions import explicit
from .pointvalue import UnsupportedNodeError, value_at

__all__ = ["Comparison", "compare", "sample_points"]

_DIGITS = 30


@dataclass(frozen=True)
class Comparison:
    """The outcome of comparing two expressions.

    ``how`` is ``"symbolic"`` (an algebraic rewrite made the difference zero),
    ``"numeric"`` (equal at every sampled point to 30 digits, no proof found),
    ``"counterexample"`` (unequal; ``point`` shows where) or ``"undecided"``.
    """

    equal: bool
    how: str
    point: dict = field(default_factory=dict)
    difference: float | None = None


def _interval(symbol: sympy.Symbol) -> tuple[float, float]:
    if symbol.is_positive or symbol.is_nonnegative:
        return (0.05, 3.0)
    if symbol.is_negative or symbol.is_nonpositive:
        return (-3.0, -0.05)
    return (-3.0, 3.0)


def sample_points(symbols, n: int, seed: int = 0) -> list[dict]:
    """``n`` reproducible random points for ``symbols``, each respecting its sign assumptions."""
    rng = random.Random(seed)
    symbols = sorted(symbols, key=sympy.default_sort_key)
    points = []
    for _ in range(n):
        point = {}
        for s in symbols:
            lo, hi = _interval(s)
            value = rng.uniform(lo, hi)
            if s.is_integer:
                value = round(value)
            point[s] = sympy.Float(value, _DIGITS)
        points.append(point)
    return points


def _value(expr: sympy.Expr, point: dict):
    try:
        v = value_at(expr, point, _DIGITS)
    except ZeroDivisionError:
        return None
    except (UnsupportedNodeError, ValueError, OverflowError, TypeError):
        return _sympy_value(expr, point)  # SymPy's own evalf decides (a domain error, a node it knows)
    v = complex(v)
    return v if cmath.isfinite(v) else None


def _sympy_value(expr: sympy.Expr, point: dict):
    try:
        # substituting first lets SymPy fold the numbers as it rebuilds the tree: evalf(subs=...)
        # re-walks the whole symbolic tree per point and was measured 70 times slower on long sums
        v = expr.xreplace(point).evalf(_DIGITS)
    except (TypeError, ValueError, ZeroDivisionError, OverflowError):
        return None
    if v.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo) or not v.is_number:
        return None
    try:
        return complex(v)
    except (TypeError, ValueError):
        return None


#: above this many operations the algebraic rewrites can take minutes (``expand`` of a product
#: of sums grows exponentially); agreement at the random points then stands as numeric evidence
PROOF_SIZE_LIMIT = 400


def _proves_zero(difference: sympy.Expr) -> bool:
    if difference == 0:
        return True
    if sympy.count_ops(difference) > PROOF_SIZE_LIMIT:
        return False
    # together first: it proves rational identities of exponentials (tanh written with exp, to the
    # 40th power) in milliseconds where expand multiplies out for seconds
    for attempt in (sympy.together, sympy.expand, sympy.cancel, lambda e: sympy.expand(sympy.powsimp(e))):
        try:
            if attempt(difference) == 0:
                return True
        except (TypeError, ValueError, NotImplementedError, sympy.PolynomialError):
            continue
    return False


def compare(a: sympy.Expr, b: sympy.Expr, *, points: int = 12, rel_tol: float = 1e-20,
            seed: int = 0, prove: bool = True) -> Comparison:
    """Decide whether ``a`` and ``b`` are equal as functions of their free symbols.

    With ``prove=False`` agreement at every point is the answer (``how="numeric"``) and no
    algebra is tried: the rewrites cost seconds on a network's chain-rule sums, the points
    milliseconds. Algebra is still tried when no point could be evaluated.

    Matrices (a gradient, a Jacobian) are compared entry by entry; numbers written
    as decimals (Floats) are equal when they agree to 12 significant digits.

    >>> compare(sympy.Matrix([0.34 - 1, 0.46]), sympy.Matrix([-0.66, 0.46])).equal
    True
    """
    a, b = sympy.sympify(a, strict=True), sympy.sympify(b, strict=True)
    if isinstance(a, MatrixBase) or isinstance(b, MatrixBase):
        return _compare_matrices(a, b, points=points, rel_tol=rel_tol, seed=seed)
    # explicit forms first (SymPy cannot take limits or derivatives of what it does not know),
    # then evaluate, then explicit again (a derivative may bring catalogue functions back)
    a = explicit(explicit(a).doit())
    b = explicit(explicit(b).doit())
    if a.has(sympy.Float) or b.has(sympy.Float):
        rel_tol = max(rel_tol, 1e-12)
    difference = a - b
    if difference == 0:
        return Comparison(True, "symbolic")
    # every symbol of either side gets a value (one that cancels in the difference still has
    # to be given one for each side to be a number)
    symbols = a.free_symbols | b.free_symbols
    if not symbols:
        va, vb = _value(a, {}), _value(b, {})
        if va is None or vb is None:
            proved = _proves_zero(difference)
            return Comparison(proved, "symbolic" if proved else "undecided")
        gap = abs(va - vb)
        ok = gap <= rel_tol * max(1.0, abs(va), abs(vb))
        return Comparison(ok, "numeric" if ok else "counterexample", {}, gap)
    evaluated = 0
    for point in sample_points(symbols, points, seed):
        va, vb = _value(a, point), _value(b, point)
        if va is None or vb is None:
            continue
        evaluated += 1
        gap = abs(va - vb)
        if gap > 1e-12 * max(1.0, abs(va), abs(vb)):
            return Comparison(False, "counterexample", {str(k): float(v) for k, v in point.items()}, gap)
    if evaluated and not prove:
        return Comparison(True, "numeric")
    if _proves_zero(difference):
        return Comparison(True, "symbolic")
    if evaluated == 0:
        return Comparison(False, "undecided")
    return Comparison(True, "numeric")


def _compare_matrices(a, b, **options) -> Comparison:
    if not (isinstance(a, MatrixBase) and isinstance(b, MatrixBase)) or a.shape != b.shape:
        return Comparison(False, "counterexample")  # different shapes
    how = "symbolic"
    for entry_a, entry_b in zip(a, b, strict=True):
        outcome = compare(entry_a, entry_b, **options)
        if not outcome.equal:
            return outcome
        if outcome.how != "symbolic":
            how = outcome.how
    return Comparison(True, how)
