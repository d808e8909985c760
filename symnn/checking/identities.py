r"""Symbolic identities in a worked solution: ``f'(x) = f(x)(1 - f(x))``, softmax derivatives.

A line with free variables is an identity to prove, not a number to check. Both
sides become SymPy expressions (through :func:`symnn.checking.parse.to_sympy`, never
``sympify``) and are compared with :func:`symnn.core.equality.compare` (random points
first, then cheap algebra). The field's shorthands are understood:

* ``f`` (or ``g``) is an activation: the one the text names ("for the sigmoid"),
  or, if none is named, whichever activation of the catalogue makes the line true;
* ``\hat{y}_k`` is the softmax output ``e^{z_k} / \sum_j e^{z_j}`` when the line
  differentiates it with respect to ``z_j``.

>>> from symnn.checking.parse import parse_relation
>>> check_identity(parse_relation("f'(x) = f(x)(1 - f(x))"), "for the sigmoid")
('correct', 'an identity for f = sigmoid (proved by algebra)')
>>> check_identity(parse_relation(r"\frac{\partial \hat{y}_1}{\partial z_2} = -\hat{y}_1 \hat{y}_2"), "")
('correct', 'an identity with yhat the softmax of z1..z3 (proved by algebra)')
>>> check_identity(parse_relation(r"\frac{d}{dx}\tanh(x) = 1 + \tanh^2(x)"), "")[0]
'formula'
"""

from __future__ import annotations

import re
from decimal import Context, Decimal

import sympy
from sympy.core.function import AppliedUndef

from ..core.equality import compare
from ..core.functions import ACTIVATIONS
from ..core.numbers import rounded_text, shows
from .parse import Name, Relation, to_sympy

__all__ = ["SOFTMAX_OUTPUT", "check_identity"]

_PARTIAL = re.compile(r"^d\((.+)\)/d\((.+)\)$")
#: a name that, without a spec, is an output of the softmax of z1, z2, ...
SOFTMAX_OUTPUT = re.compile(r"yhat_?\d+")
#: the activations an unnamed f may be: the catalogue, in its order


def _softmax_table(exprs: list[sympy.Expr]) -> dict | None:
    """yhat_k and d(yhat_k)/d(z_j) symbols -> softmax expressions, if the line uses them."""
    names = {s.name for e in exprs for s in e.free_symbols}
    indices = set()
    for name in names:
        for match in re.finditer(r"(?:yhat|z)_?(\d+)", name):
            indices.add(int(match.group(1)))
    if not any(n.startswith("yhat") or "(yhat" in n for n in names) or not indices:
        return None
    size = max(max(indices) + 1, 2)
    if size > 12:
        return None
    z = [sympy.Symbol(f"z{k}") for k in range(1, size + 1)]
    total = sum(sympy.exp(v) for v in z)
    soft = {k: sympy.exp(z[k - 1]) / total for k in range(1, size + 1)}
    table = {}
    for name in names:
        match = re.fullmatch(r"yhat_?(\d+)", name)
        if match:
            table[sympy.Symbol(name)] = soft[int(match.group(1))]
        match = _PARTIAL.match(name)
        if match:
            top = re.fullmatch(r"yhat_?(\d+)", match.group(1))
            bottom = re.fullmatch(r"z_?(\d+)", match.group(2))
            if top and bottom:
                table[sympy.Symbol(name)] = sympy.diff(soft[int(top.group(1))], z[int(bottom.group(1)) - 1])
    for k in range(1, size + 1):
        for alias in (f"z_{k}",):
            table[sympy.Symbol(alias)] = z[k - 1]
    return table, size


def _bind(expr: sympy.Expr, name: str, activation) -> sympy.Expr:
    def is_f(e):
        return isinstance(e, AppliedUndef) and e.func.__name__ in {"f", "g"}

    replaced = expr.replace(is_f, lambda e: activation(*e.args))
    if name == "relu":
        replaced = replaced.replace(lambda e: isinstance(e, sympy.Heaviside),
                                    lambda e: sympy.Heaviside(e.args[0], 1))
    return replaced.doit()


def check_identity(relation: Relation, context: str = "") -> tuple[str | None, str]:
    """The verdict (``correct``/``arithmetic``/``formula``/``unknown``) and a reason for a line that
    is an identity, or a calculation without a spec (``tanh(1) = 0.76``, judged at the digits written)."""
    from ..core.functions import activation

    parts = list(relation.parts)
    # numbers as written: Floats with the digits written, compared to 12 significant digits
    exprs = [to_sympy(part.node, numbers="float") for part in parts]
    if len(parts) > 2 and isinstance(parts[0].node, Name) and not any(e.free_symbols for e in exprs[1:]):
        # "y = leaky_relu(-1) = -0.01": the name only labels a calculation
        parts, exprs = parts[1:], exprs[1:]
    notes = ""
    softmax = _softmax_table(exprs)
    if softmax is not None:
        table, size = softmax
        # a derivative with respect to yhat1 is taken before yhat1 becomes the softmax of z (one
        # with respect to z1 after, so that yhat1 depends on z1)
        exprs = [e.replace(lambda d: isinstance(d, sympy.Derivative) and any(v in table for v in d.variables),
                           lambda d: d.doit()).xreplace(table) for e in exprs]
        notes = f" with yhat the softmax of z1..z{size}"
    leftover = [s.name for e in exprs for s in e.free_symbols if _PARTIAL.match(s.name)]
    if leftover:
        return "unknown", f"cannot tell what {leftover[0]} is without a spec or expression"
    uses_f = any(isinstance(a, AppliedUndef) and a.func.__name__ in {"f", "g"}
                 for e in exprs for a in e.atoms(AppliedUndef))
    if uses_f:
        named = [w for w in ACTIVATIONS if w in context.lower().split()]
        candidates = named[:1] or list(ACTIVATIONS)
    else:
        candidates = [None]
    last = None
    for name in candidates:
        bound = [e.doit() if name is None else _bind(e, name, activation(name)) for e in exprs]
        written = _written_number(parts, bound, name, activation)
        if written is not None:
            return written
        outcomes = [compare(bound[0], other) for other in bound[1:]]
        if all(o.equal for o in outcomes):
            how = "proved by algebra" if all(o.how == "symbolic" for o in outcomes) else \
                "equal at 12 random points"
            where = f" for f = {name}" if name else notes
            return "correct", f"an identity{where} ({how})"
        last = next(o for o in outcomes if not o.equal)
    where = f" for f = {candidates[0]}" if uses_f and len(candidates) == 1 else \
        (" for any activation of the catalogue" if uses_f else notes)
    point = ""
    if last is not None and last.point:
        point = " (e.g. at " + ", ".join(f"{k} = {v:.3g}" for k, v in last.point.items()) + ")"
    if last is not None and last.how == "undecided":
        return "too complex", "could not decide whether the two sides are equal"
    return "formula", f"the two sides differ{where}{point}"


def _written_number(parts: list, bound: list, name: str | None, activation) -> tuple[str, str] | None:
    """A numeric line that ends in a written decimal (``tanh(1) = 0.76``) is judged at the digits
    written, like a line of a spec: correct if the value rounds (half-up) to the number written.

    None if the line is not of this kind; the parts before the number are compared as usual.
    """
    last = parts[-1].number
    if last is None or last.decimals == 0 or bound[0].free_symbols or len(parts) < 2:
        return None
    exact = to_sympy(parts[0].node, numbers="exact")  # the value of the numbers as written, exactly
    exact = exact.doit() if name is None else _bind(exact, name, activation(name))
    value = sympy.N(exact, 30)
    if not (value.is_number and value.is_extended_real and value.is_finite):
        return None
    for other in bound[1:-1]:
        outcome = compare(bound[0], other)
        if not outcome.equal:
            return None
    value = Decimal(str(value))
    figure = format(Context(prec=min(max(6, last.decimals + 2), 17)).plus(value).normalize(), "f")
    if shows(value, last.source):
        return "correct", f"{figure} shows as {last.source} at {last.decimals} decimals"
    return "arithmetic", (f"{last.source} is not {figure} at {last.decimals} decimals "
                          f"({rounded_text(value, last.decimals)})")
