"""LaTeX printing of symnn's objects: a SymPy printer that knows the activation catalogue.

>>> import sympy
>>> from symnn.core.functions import Sigmoid, ReLU
>>> x = sympy.Symbol("x")
>>> latex(Sigmoid(x) * (1 - Sigmoid(x)))
'\\\\sigma\\\\left(x\\\\right) \\\\left(1 - \\\\sigma\\\\left(x\\\\right)\\\\right)'
>>> latex(sympy.diff(ReLU(x), x))
'H\\\\left(x\\\\right)'
"""

from __future__ import annotations

import re

import sympy
from sympy.printing.latex import LatexPrinter

from ..core.functions import info_of
from ..core.written import in_written_order

__all__ = ["SymnnLatexPrinter", "derivation_latex", "escape_text", "latex"]

_UNIT_SUBSCRIPT = re.compile(r"^([A-Za-z]+)_([A-Za-z]+)(\d+)$")


class SymnnLatexPrinter(LatexPrinter):
    """SymPy's LaTeX printer, plus the catalogue's names and the field's conventions.

    ``log`` is printed as ``\\log`` (natural, as in the field); a step function
    ``Heaviside(x, h0)`` is printed as ``H(x)``.
    """

    # SymPy's own numbers (pi, E, 1/2, ...) print themselves through ``_latex``;
    # another name here makes pi print as \text{\Pi} and 1/x as -x.
    printmethod = "_latex"

    def _print_Function(self, expr, exp=None):
        info = info_of(type(expr))
        if info is None:
            return super()._print_Function(expr, exp)
        name = info.latex_name
        args = ", ".join(self._print(a) for a in expr.args[:1])
        text = rf"{name}\left({args}\right)"
        if exp is not None:
            text = rf"{name}^{{{exp}}}\left({args}\right)"
        return text

    def _print_Identity(self, expr, exp=None):
        # the catalogue's Identity activation, not the identity matrix
        if isinstance(expr, sympy.Function):
            return self._print_Function(expr, exp)
        return super()._print_Identity(expr)

    def _print_Heaviside(self, expr, exp=None):
        text = rf"H\left({self._print(expr.args[0])}\right)"
        return text if exp is None else rf"{text}^{{{exp}}}"

    def _print_Mul(self, expr):
        # the field writes f(x)(1 - f(x)): plain factors first, parenthesised sums after.
        # SymPy also sends 1/x (a Pow) here: its args are (base, exponent), not factors.
        if not expr.is_Mul:
            return super()._print_Mul(expr)
        numbers = [a for a in expr.args if a.is_Number]
        plain = [a for a in expr.args if not a.is_Number and not a.is_Add]
        sums = [a for a in expr.args if a.is_Add]
        ordered = numbers + plain + sums
        if list(expr.args) == ordered or len(expr.args) < 2:
            return super()._print_Mul(expr)
        order = self._settings["order"]
        self._settings["order"] = "none"
        try:
            return super()._print_Mul(sympy.Mul(*ordered, evaluate=False))
        finally:
            self._settings["order"] = order

    def _print_Add(self, expr, order=None):
        # a sum a derivation wrote out (symnn.core.written.total) keeps the order it was written in
        if order is None and in_written_order(expr):
            order = "none"
        return super()._print_Add(expr, order=order)

    def _print_Symbol(self, expr, style="plain"):
        # a unit's name inside a subscript keeps the lecture's own subscript: In_{o_1}, not In_{o1}
        match = _UNIT_SUBSCRIPT.match(expr.name)
        if match is None or expr in self._settings.get("symbol_names", {}):
            return super()._print_Symbol(expr, style)
        head, letters, digits = match.groups()
        return rf"{super()._print_Symbol(sympy.Symbol(head), style)}_{{{letters}_{{{digits}}}}}"

    def _print_UnevaluatedExpr(self, expr):
        return self._print(expr.args[0])


def latex(expr, **settings) -> str:
    """LaTeX for ``expr`` with symnn's names (``\\sigma`` for the sigmoid, ...)."""
    settings.setdefault("ln_notation", False)
    return SymnnLatexPrinter(settings).doprint(expr)


_TEXT_ESCAPES = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
                 "_": r"\_", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\^{}"}


def escape_text(text: str) -> str:
    """``text`` made safe for LaTeX's text mode.

    >>> escape_text("50% of x_1 & y")
    '50\\\\% of x\\\\_1 \\\\& y'
    """
    return "".join(_TEXT_ESCAPES.get(c, c) for c in text)


def _note(text: str) -> str:
    # ``$...$`` in a note is math, as in a paragraph; the rest is text
    parts = text.split("$")
    if len(parts) % 2 == 0:  # an unmatched $ is text
        parts = [text.replace("$", "")]
    return "".join(rf"\text{{{escape_text(p)}}}" if i % 2 == 0 else p
                   for i, p in enumerate(parts) if p)


def derivation_latex(derivation, environment: str = "align*") -> str:
    """A derivation as an ``align*`` (or ``aligned``) block: one step per row, notes on the right."""
    rows = []
    for i, step in enumerate(derivation.steps):
        relation = r"\approx" if step.relation == "≈" else "="
        left = latex(derivation.lhs) if i == 0 else ""
        rows.append(rf"{left} &{relation} {latex(step.expr)} && {_note(step.label)}")
    body = " \\\\\n".join(rows)
    return f"\\begin{{{environment}}}\n{body}\n\\end{{{environment}}}"
