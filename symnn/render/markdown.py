"""Markdown printing of a derivation: ``$$`` display math with ``aligned`` rows.

>>> import sympy
>>> from symnn.core.derivation import Derivation, Rule, Step
>>> x = sympy.Symbol("x")
>>> print(derivation_markdown(Derivation(x * (x + 1), [Step(x**2 + x, Rule.ALGEBRA)])))
$$
\\begin{aligned}
x \\left(x + 1\\right) &= x^{2} + x && \\text{algebra}
\\end{aligned}
$$
"""

from __future__ import annotations

from ..document.i18n import prose_text
from .latex import derivation_latex

__all__ = ["derivation_markdown"]


def derivation_markdown(derivation, lang: str = "en") -> str:
    """A derivation as Markdown: optional heading and text, then one ``$$`` block."""
    parts = []
    if derivation.title:
        parts.append(f"### {prose_text(derivation.title, lang)}\n")
    if derivation.text:
        parts.append(prose_text(derivation.text, lang) + "\n")
    parts.append("$$\n" + derivation_latex(derivation, environment="aligned", lang=lang) + "\n$$")
    return "\n".join(parts)
