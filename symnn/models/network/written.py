"""Written forms: expressions shown in the order a person writes them, evaluated by ``doit()``."""

from __future__ import annotations

import math

import sympy
from sympy.core.symbol import Str

__all__ = ["Approx", "Extremum", "Held", "Negated", "Partial", "Power", "Product", "Total", "shown",
           "written"]


class _Written(sympy.Expr):
    """Base of the display forms below: ``doit()`` gives the value, printing keeps the form."""

    is_commutative = True

    def _sympystr(self, printer) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def _symnn_latex(self, printer) -> str:
        return self._latex(printer)

    def _eval_evalf(self, prec):
        return self.doit()._eval_evalf(prec)


def _needs_parentheses(expr) -> bool:
    while isinstance(expr, Held):
        expr = expr.args[0]
    if isinstance(expr, (sympy.Add, Total, Negated)):
        return True
    return _negative(expr)


def _wrap_latex(printer, expr) -> str:
    text = printer._print(expr)
    return rf"\left({text}\right)" if _needs_parentheses(expr) else text


def _wrap_str(printer, expr) -> str:
    text = printer._print(expr)
    return f"({text})" if _needs_parentheses(expr) else text


def _negative(expr) -> bool:
    if isinstance(expr, Approx):
        return expr.value < 0
    return bool(expr.is_Number and expr.is_negative)


class Partial(_Written):
    r"""``∂numerator/∂denominator``, printed as a fraction of partials; ``doit()`` is ``value``.

    >>> o, y = sympy.symbols("o1 y1")
    >>> p = Partial(sympy.Symbol("Error"), o, o - y)
    >>> p, p.doit()
    (dError/do1, o1 - y1)
    """

    def __new__(cls, numerator, denominator, value):
        parts = (numerator, denominator, value)
        return sympy.Expr.__new__(cls, *(sympy.sympify(a, strict=True) for a in parts))

    def doit(self, **hints):
        return self.args[2].doit(**hints)

    def _sympystr(self, printer) -> str:
        return f"d{printer._print(self.args[0])}/d{printer._print(self.args[1])}"

    def _latex(self, printer) -> str:
        return (rf"\frac{{\partial {printer._print(self.args[0])}}}"
                rf"{{\partial {printer._print(self.args[1])}}}")


class Product(_Written):
    """A product shown factor by factor in the given order, joined by a multiplication sign.

    >>> a, b = sympy.symbols("a b")
    >>> Product(a - b, b), Product(a - b, b).doit()
    ((a - b)*b, b*(a - b))
    """

    def __new__(cls, *factors):
        return sympy.Expr.__new__(cls, *map(sympy.sympify, factors))

    def doit(self, **hints):
        return sympy.Mul(*(f.doit(**hints) for f in self.args))

    def _sympystr(self, printer) -> str:
        return "*".join(_wrap_str(printer, f) for f in self.args)

    def _latex(self, printer) -> str:
        return r" \cdot ".join(_wrap_latex(printer, f) for f in self.args)


class Total(_Written):
    """A sum shown term by term in the given order; a :class:`Negated` term is shown as ``- term``.

    >>> o, y = sympy.symbols("o1 y1")
    >>> Total(o, Negated(y)), Total(o, Negated(y)).doit()
    (o1 - y1, o1 - y1)
    """

    def __new__(cls, *terms):
        return sympy.Expr.__new__(cls, *map(sympy.sympify, terms))

    def doit(self, **hints):
        return sympy.Add(*(t.doit(**hints) for t in self.args))

    def _join(self, printer, wrap) -> str:
        text = printer._print(self.args[0])
        for term in self.args[1:]:
            if isinstance(term, Negated):
                text += " - " + wrap(printer, term.args[0])
            elif _negative(term):
                text += " + " + wrap(printer, term)
            else:
                text += " + " + printer._print(term)
        return text

    def _sympystr(self, printer) -> str:
        return self._join(printer, _wrap_str)

    def _latex(self, printer) -> str:
        return self._join(printer, _wrap_latex)


class Negated(_Written):
    """``-expr`` shown as written (the sign is not moved into ``expr``)."""

    def __new__(cls, expr):
        return sympy.Expr.__new__(cls, sympy.sympify(expr, strict=True))

    def doit(self, **hints):
        return -self.args[0].doit(**hints)

    def _sympystr(self, printer) -> str:
        return "-" + _wrap_str(printer, self.args[0])

    def _latex(self, printer) -> str:
        return "-" + _wrap_latex(printer, self.args[0])


class Power(_Written):
    """``base ** exponent`` shown as written, the base in parentheses unless it is a plain symbol."""

    def __new__(cls, base, exponent):
        return sympy.Expr.__new__(cls, sympy.sympify(base, strict=True), sympy.sympify(exponent, strict=True))

    def doit(self, **hints):
        return sympy.Pow(self.args[0].doit(**hints), self.args[1])

    def _base_needs_parentheses(self) -> bool:
        return _needs_parentheses(self.args[0]) or isinstance(self.args[0], (Product, sympy.Mul, Approx))

    def _sympystr(self, printer) -> str:
        base = printer._print(self.args[0])
        if self._base_needs_parentheses():
            base = f"({base})"
        return f"{base}**{printer._print(self.args[1])}"

    def _latex(self, printer) -> str:
        base = printer._print(self.args[0])
        if self._base_needs_parentheses():
            base = rf"\left({base}\right)"
        return f"{base}^{{{printer._print(self.args[1])}}}"


def written(expr) -> sympy.Expr:
    """``expr`` as written forms (:class:`Total`, :class:`Product`, :class:`Negated`) in printing order.

    Substituting numbers into the written form keeps the order and the signs as a person
    writes them: ``o1 - y1`` with o1 = 0.53, y1 = -0.07 shows ``0.53 - (-0.07)``.

    >>> o, y = sympy.symbols("o1 y1")
    >>> w = written(o * (1 - o) * (o - y))
    >>> w
    o1*(1 - o1)*(o1 - y1)
    >>> w.xreplace({o: Approx(0.53, "0.53"), y: Approx(-0.07, "-0.07")})
    0.53*(1 - 0.53)*(0.53 - (-0.07))
    """
    expr = sympy.sympify(expr, strict=True)
    if isinstance(expr, sympy.Add):
        return Total(*[written(t) for t in expr.as_ordered_terms()])
    if isinstance(expr, sympy.Mul):
        coefficient, rest = expr.as_coeff_Mul()
        if coefficient == -1:
            return Negated(written(rest))
        factors = [written(f) for f in expr.as_ordered_factors()]
        return factors[0] if len(factors) == 1 else Product(*factors)
    if isinstance(expr, sympy.Pow) and expr.exp.is_Integer and expr.exp > 1:
        return Power(written(expr.base), expr.exp)
    if isinstance(expr, (sympy.Max, sympy.Min)):
        return Extremum(expr.func, *[written(a) for a in expr.args])
    if isinstance(expr, sympy.Function) and expr.args:
        try:
            return expr.func(*[written(a) for a in expr.args], evaluate=False)
        except TypeError:
            return expr
    return expr


class Extremum(_Written):
    """``max(a, b)`` (or min) shown as written: the arguments may be shown numbers that SymPy's
    ``Max`` cannot compare, and a margin of exactly 0 stays visible.

    >>> a = sympy.Symbol("a")
    >>> m = Extremum(sympy.Max, 0, a - 1)
    >>> m, m.doit().xreplace({a: 3})
    (max(0, a - 1), 2)
    """

    def __new__(cls, func, *args):
        # a Str when xreplace rebuilds it from its own args
        name = func.name if isinstance(func, Str) else "max" if func is sympy.Max else "min"
        return sympy.Expr.__new__(cls, Str(name), *(sympy.sympify(a, strict=True) for a in args))

    @property
    def _function(self):
        return sympy.Max if self.args[0].name == "max" else sympy.Min

    def doit(self, **hints):
        return self._function(*(a.doit(**hints) for a in self.args[1:]))

    def _sympystr(self, printer) -> str:
        return f"{self.args[0].name}(" + ", ".join(printer._print(a) for a in self.args[1:]) + ")"

    def _latex(self, printer) -> str:
        inner = ", ".join(printer._print(a) for a in self.args[1:])
        return rf"\{self.args[0].name}\left({inner}\right)"


class Held(_Written):
    """An expression kept as one factor: printed as itself (parenthesised if a sum)."""

    def __new__(cls, expr):
        return sympy.Expr.__new__(cls, sympy.sympify(expr, strict=True))

    def doit(self, **hints):
        return self.args[0].doit(**hints)

    def _sympystr(self, printer) -> str:
        return printer._print(self.args[0])

    def _latex(self, printer) -> str:
        return printer._print(self.args[0])


class Approx(_Written):
    """A number shown with a few digits (``text``) but carrying its full value.

    >>> Approx(0.4799850, "0.48"), float(Approx(0.4799850, "0.48").doit())
    (0.48, 0.479985)
    """

    def __new__(cls, value, text):
        return sympy.Expr.__new__(cls, sympy.Float(value, 17), Str(str(text)))

    @property
    def value(self) -> float:
        return float(self.args[0])

    @property
    def text(self) -> str:
        return self.args[1].name

    def doit(self, **hints):
        return self.args[0]

    @property
    def is_number(self) -> bool:
        return True

    def _sympystr(self, printer) -> str:
        return self.text

    def _latex(self, printer) -> str:
        return self.text


def shown(value: float, significant: int = 4) -> str:
    """``value`` with ``significant`` significant digits, as a person would write it.

    >>> shown(0.4799850), shown(-0.0084222), shown(0.5), shown(12.0)
    ('0.4800', '-0.008422', '0.5000', '12.00')
    """
    if value == 0 or not math.isfinite(value):
        return "0" if value == 0 else str(value)
    decimals = max(significant - 1 - math.floor(math.log10(abs(value))), 0)
    return f"{value:.{decimals}f}"
