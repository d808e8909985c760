"""A parsed tree as SymPy exactly as written: no term merged, reordered or cancelled (for drawing
the computation graph a writer wrote, not the one SymPy would simplify it to)."""

from __future__ import annotations

import sympy

from .parse import BinOp, Call, Name, Neg, Num, to_sympy

__all__ = ["as_written"]


def as_written(node, flatten: bool = False):
    """The SymPy expression of a parsed tree as written: ``x + x + x*x`` keeps its three terms and
    their order (``evaluate=False`` throughout), ``sin(w0 - w0)`` keeps ``w0``.

    >>> from symnn.checking.parse import parse_relation
    >>> as_written(parse_relation("x + x + x*x").parts[0].node).args
    (x + x, x*x)
    >>> as_written(parse_relation("a + b + c").parts[0].node, flatten=True).args  # one n-ary sum
    (a, b, c)
    """
    def walk(n):
        if isinstance(n, Num | Name):
            return to_sympy(n, numbers="exact")
        if isinstance(n, Neg):
            return sympy.Mul(sympy.S.NegativeOne, walk(n.operand), evaluate=False)
        if isinstance(n, BinOp):
            left, right = walk(n.left), walk(n.right)
            if n.op in "+-":
                if n.op == "-":
                    right = sympy.Mul(sympy.S.NegativeOne, right, evaluate=False)
                terms = left.args if flatten and isinstance(left, sympy.Add) else (left,)
                return sympy.Add(*terms, right, evaluate=False)
            if n.op == "*":
                factors = left.args if flatten and isinstance(left, sympy.Mul) else (left,)
                return sympy.Mul(*factors, right, evaluate=False)
            if n.op == "/":
                return sympy.Mul(left, sympy.Pow(right, sympy.S.NegativeOne, evaluate=False), evaluate=False)
            to_sympy(n)  # the parser's own checks (a power too large to compute is refused)
            return sympy.Pow(left, right, evaluate=False)
        if isinstance(n, Call) and n.power is None:
            arguments = [walk(a) for a in n.args]
            holders = [sympy.Dummy(f"a{k}") for k in range(len(arguments))]
            applied = to_sympy(Call(n.function, tuple(Name(h.name) for h in holders), n.position),
                               names={h.name: h for h in holders})
            if isinstance(applied, sympy.Function) and applied.args == tuple(holders):
                return applied.func(*arguments, evaluate=False)
            return applied.xreplace(dict(zip(holders, arguments, strict=True)))
        return to_sympy(n, numbers="exact")

    return walk(node)
