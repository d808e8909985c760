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

__all__ = ["SymnnLatexPrinter", "derivation_latex", "escape_text", "latex", "math_literal", "safe_math_name"]

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
        if not safe_math_name(expr.name):  # a name TeX could read as commands is set as plain text
            return math_literal(expr.name)
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
    # TeX reads two superscript characters in a row (^^5c) as another character (a backslash)
    return SymnnLatexPrinter(settings).doprint(expr).replace("^^", "^{}^")


_TEXT_ESCAPES = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
                 "_": r"\_", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}",
                 "^": r"\textasciicircum{}"}


def _control(c: str) -> bool:
    code = ord(c)
    return (code < 32 and c not in "\n\t") or 127 <= code < 160 or c in "\u2028\u2029"


def escape_text(text: str) -> str:
    """``text`` made safe for LaTeX's text mode: every character TeX treats specially is set as itself.

    Control characters become spaces. A title such as ``$\\input{/etc/passwd}$`` prints as those
    characters; ``^^5c`` (TeX's code for a backslash) prints as two circumflexes and ``5c``.

    >>> escape_text("50% of x_1 & y")
    '50\\\\% of x\\\\_1 \\\\& y'
    >>> escape_text("^^5c")
    '\\\\textasciicircum{}\\\\textasciicircum{}5c'
    """
    return "".join(_TEXT_ESCAPES.get(c, " " if _control(c) else c) for c in text)


_UNSAFE_IN_MATH = set("\\$&#%~\"`")


def safe_math_name(name: str) -> bool:
    """Whether the symbol name ``name`` can go into math mode as it is (SymPy reads ``_``, ``^``, ``{}``).

    Refused: TeX's special characters (backslash, $ & # % ~), control characters, ``^^``, a name
    ending in ``^`` or ``_``, and braces that do not pair up.

    >>> safe_math_name("w_{11}"), safe_math_name("w^+"), safe_math_name("w^^5cinput"), safe_math_name("a}{b")
    (True, True, False, False)
    """
    if not name or "^^" in name or name[-1] in "^_" or any(c in _UNSAFE_IN_MATH or _control(c) or c.isspace()
                                                          for c in name):
        return False
    depth = 0
    for c in name:
        depth += (c == "{") - (c == "}")
        if depth < 0:
            return False
    return depth == 0


def math_literal(name: str) -> str:
    """``name`` as text inside math: ``\\text{...}`` with every special character escaped.

    >>> math_literal("a&b")
    '\\\\text{a\\\\&b}'
    """
    return rf"\text{{{escape_text(name)}}}"


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
