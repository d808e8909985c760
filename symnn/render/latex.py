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
from ..document.blocks import math_segments
from ..document.i18n import STRINGS, note_text
from .breaking import LINE_WIDTH, break_math, math_width

__all__ = ["MATH_SIZES", "SymnnLatexPrinter", "certificate_latex", "decimal_text", "derivation_latex",
           "derivation_rows", "escape_text", "latex", "math_literal", "monospace_lines", "safe_math_name"]

#: the symbol of a unit's delta, ∂Error/∂In_u (named ``delta_<unit>`` in the library). The lecture writes
#: δ_q for ∂Error/∂q (δ_5 = ∂Error/∂w_5, δ_{o^1} = ∂Error/∂o_1), so the delta of unit u is δ_{In_u}.
UNIT_DELTA_PREFIX = "delta_"
UNIT_DELTA_LATEX = r"\delta_{{In_{{{unit}}}}}"

#: letters a math font has no glyph for: set as text in formulas
OTHER_LETTERS = re.compile(r"[^\x00-\x7f\u0370-\u03ff]+")
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

    def _print_Rational(self, expr):
        text = decimal_text(expr)
        return text if text is not None else super()._print_Rational(expr)

    def _print_Mul(self, expr):
        # the field writes f(x)(1 - f(x)): plain factors first, parenthesised sums after.
        # SymPy also sends 1/x (a Pow) here: its args are (base, exponent), not factors.
        if not expr.is_Mul:
            return super()._print_Mul(expr)
        coefficient, rest = expr.as_coeff_Mul()
        decimal = decimal_text(abs(coefficient)) if coefficient.is_Rational else None
        if decimal is not None and rest is not sympy.S.One:
            body = self._print(rest)
            if rest.is_Add:
                body = rf"\left({body}\right)"
            return ("- " if coefficient < 0 else "") + f"{decimal} {body}"
        if len(expr.args) > 1 and sympy.Mul(*expr.args).args != expr.args:
            # a product written out in an order of its own (symnn.core.written.product): keep it
            order = self._settings["order"]
            self._settings["order"] = "none"
            try:
                return super()._print_Mul(expr)
            finally:
                self._settings["order"] = order
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
        if order is None:
            # the lecture's order: 2/(1 + e^{-2x}) - 1, not -1 + 2/(1 + e^{-2x})
            terms = self._as_ordered_terms(expr, order=None)
            if len(terms) > 1 and terms[0].is_Number and terms[0] < 0:
                moved = [t for t in terms if not t.is_Number] + [t for t in terms if t.is_Number]
                return super()._print_Add(sympy.Add(*moved, evaluate=False), order="none")
        return super()._print_Add(expr, order=order)

    def _print_Symbol(self, expr, style="plain"):
        if not safe_math_name(expr.name):  # a name TeX could read as commands is set as plain text
            return math_literal(expr.name)
        # letters beyond ASCII and Greek (ö, 隐) are set as text: math fonts have no glyph for them
        return OTHER_LETTERS.sub(lambda m: rf"\text{{{m.group(0)}}}", self._symbol(expr, style))

    def _symbol(self, expr, style="plain"):
        name = expr.name
        primes = len(name) - len(name.rstrip("'"))
        if primes and name.rstrip("'") and expr not in self._settings.get("symbol_names", {}):
            # an updated weight: w_5' and w5' both print as w_{5}', the prime outside the subscript
            base = name.rstrip("'")
            unit = re.fullmatch(r"([A-Za-z]+)(\d+)", base)
            base_symbol = sympy.Symbol(f"{unit.group(1)}_{unit.group(2)}" if unit else base)
            return self._symbol(base_symbol, style) + "'" * primes
        if name.startswith(UNIT_DELTA_PREFIX) and _UNIT_SUBSCRIPT.match(name) \
                and expr not in self._settings.get("symbol_names", {}):
            unit = sympy.Symbol(name[len(UNIT_DELTA_PREFIX):])
            return UNIT_DELTA_LATEX.format(unit=self._symbol(unit, style))
        # a unit's name inside a subscript keeps the lecture's own subscript: In_{o_1}, not In_{o1}
        match = _UNIT_SUBSCRIPT.match(name)
        if match is None or expr in self._settings.get("symbol_names", {}):
            return super()._print_Symbol(expr, style)
        head, letters, digits = match.groups()
        return rf"{super()._print_Symbol(sympy.Symbol(head), style)}_{{{letters}_{{{digits}}}}}"

    def _print_ExpSum(self, expr, exp=None):
        # the softmax denominator: sum_k e^{z_k} when its arguments are z_1 ... z_K
        base = expr.indexed_base
        if base is not None:
            text = rf"\sum_{{k}} e^{{{self._print(sympy.Symbol(base + '_k'))}}}"
        else:
            text = " + ".join(rf"e^{{{self._print(a)}}}" for a in expr.args)
        return text if exp is None else rf"\left({text}\right)^{{{exp}}}"

    def _print_Softmax(self, expr, exp=None):
        text = rf"\hat{{y}}_{{{expr.index}}}"
        return text if exp is None else rf"{text}^{{{exp}}}"

    def _print_UnevaluatedExpr(self, expr):
        return self._print(expr.args[0])


def decimal_text(number) -> str | None:
    """A rational with a denominator of 10, 100, ... (or a divisor of one, from 1000 on) as a decimal.

    Decimal constants stay decimals (GELU's 0.044715, not 8943/200000); 1/2 and 1/3 stay fractions.

    >>> decimal_text(sympy.Rational(8943, 200000)), decimal_text(sympy.Rational(1, 2))
    ('0.044715', None)
    """
    if not isinstance(number, sympy.Rational) or number.is_Integer:
        return None
    q = int(number.q)
    rest = q
    for prime in (2, 5):
        while rest % prime == 0:
            rest //= prime
    if rest != 1 or (q % 10 != 0 and q < 1000):
        return None
    from decimal import Decimal, localcontext

    with localcontext() as context:
        context.prec = 60
        text = format(Decimal(int(number.p)) / Decimal(q), "f")
    return text


#: script sizes no smaller than 8 pt at the usual body sizes (10, 10.5, 11 and 12 pt): In_{o_1}'s
#: second-level subscript is 8 pt, not 5 or 6; declare after ``\\usepackage{amsmath}``
MATH_SIZES = "\n".join(rf"\DeclareMathSizes{{{size}}}{{{size}}}{{8}}{{8}}"
                       for size in ("10", "10.5", "10.54", "10.95", "11", "12", "12.045"))


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
    return "".join(p if math else rf"\text{{{escape_text(p)}}}" for math, p in math_segments(text))


def _note_paragraph(text: str, room: float, width: float) -> str:
    """A long note as a paragraph that wraps within the row (``$...$`` in it stays math)."""
    body = "".join(f"${p}$" if math else escape_text(p) for math, p in math_segments(text))
    measure = max(0.25, min(room, math_width(_note(text)) + 2) / width)
    return rf"\parbox[t]{{{measure:.2f}\linewidth}}{{\raggedright {body}}}"


def certificate_latex(certificate, lang: str = "en") -> str:
    """A Farkas certificate: the multiplied inequalities, one per row, and their impossible sum."""
    rows = []
    for m, inequality in zip(certificate.multipliers, certificate.inequalities, strict=True):
        relation = ">" if inequality.strict else r"\geq"
        note = inequality.label.replace("t =", r"t=").replace(", ", r",\ ")
        source = rf"\text{{{STRINGS('certificate.from', lang)} }} {latex(inequality.source)}"
        rows.append(rf"{latex(m)} \cdot \left({latex(inequality.form)}\right) &{relation} 0"
                    rf" && {source} \quad ({note})")
    relation = ">" if certificate.strict else r"\geq"
    rows.append(rf"\text{{{STRINGS('certificate.sum', lang)} }} {latex(certificate.total)} &{relation} 0"
                rf" && \text{{{STRINGS('certificate.impossible', lang)}}}")
    return "\\begin{aligned}\n" + " \\\\\n".join(rows) + "\n\\end{aligned}"


def monospace_lines(lines) -> str:
    """Lines of plain text set in a typewriter face, one per row; a row too long wraps at a space.

    >>> print(monospace_lines(["step 1: loss = 0.5", "w_1 = 0.2, w_2 = 0.3"]))
    \\begin{flushleft}\\ttfamily
    step 1: loss = 0.5 \\\\
    w\\_1 = 0.2, w\\_2 = 0.3
    \\end{flushleft}
    """
    body = " \\\\\n".join(escape_text(line) for line in lines)
    return "\\begin{flushleft}\\ttfamily\n" + body + "\n\\end{flushleft}"


def derivation_rows(derivation, width: float = LINE_WIDTH, lang: str = "en") -> list[str]:
    """The rows of a derivation's alignment: ``lhs &= step && note``, long steps broken into rows.

    A step wider than the row left by the left-hand side and the notes is broken at a
    plus or minus (one term per row) or between factors; its continuation rows are
    indented and carry no note. Where the notes leave too little room, each note is
    set under its step instead of beside it.
    """
    lhs = latex(derivation.lhs)
    notes = [_note(note_text(step.label, lang)) for step in derivation.steps]
    # a note longer than a third of the row goes on a row of its own, under its step
    below = [math_width(n) > width / 3 for n in notes]
    note_width = max((math_width(n) for n, b in zip(notes, below, strict=True) if not b), default=0.0)
    # a wide left-hand side stands on a row of its own, the steps under it
    lhs_above = math_width(lhs) > width * 0.3
    indent = 3.5 if lhs_above else math_width(lhs) + 1
    budget = width - indent - note_width - 6
    if budget < 0.75 * (width - indent - 6):  # the notes would squeeze the formulas: every note below
        below = [True] * len(notes)
        budget = width - indent - 6
    start = r"&\qquad " if lhs_above else "&"
    rows = []
    if lhs_above:
        heads = break_math(lhs, budget - 3.5)  # continuations are indented by \qquad
        rows += [f"& {heads[0]}", *(rf"&\qquad {{}}{piece}" for piece in heads[1:])]
    for i, step in enumerate(derivation.steps):
        relation = r"\approx" if step.relation == "≈" else "="
        left = lhs if i == 0 and not lhs_above else ""
        pieces = break_math(latex(step.expr), budget - 3.5)  # room for the \qquad of continuations
        note = notes[i]
        first = rf"{left} {start}{relation} {pieces[0]}"
        if note and not below[i]:
            first += f" && {note}"
        rows.append(first)
        rows += [rf" {start}\qquad {{}}{piece}" for piece in pieces[1:]]
        if note and below[i]:
            room = budget - 3.5  # beside the column of the other notes, after the indent
            if math_width(note) > room:  # too long even for a row of its own: a paragraph that wraps
                note = _note_paragraph(note_text(step.label, lang), room, width)
            rows.append(rf" {start}\qquad {note}")
    return rows


def derivation_latex(derivation, environment: str = "align*", width: float = LINE_WIDTH,
                     lang: str = "en") -> str:
    """A derivation as an ``align*`` (or ``aligned``) block: one step per row, notes on the right.

    Steps too wide for ``width`` (see :func:`symnn.render.breaking.math_width`) are broken into rows.
    """
    body = " \\\\\n".join(derivation_rows(derivation, width, lang))
    return f"\\begin{{{environment}}}\n{body}\n\\end{{{environment}}}"
