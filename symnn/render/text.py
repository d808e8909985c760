"""Plain-text printing: one step per line, the rule in brackets.

>>> import sympy
>>> from symnn.derivation import Derivation, Rule, Step
>>> x = sympy.Symbol("x")
>>> print(derivation_text(Derivation(x * (x + 1), [Step(x**2 + x, Rule.ALGEBRA)])))
x*(x + 1)
  = x**2 + x    [algebra]
"""

from __future__ import annotations

import sympy

__all__ = ["derivation_text"]


def derivation_text(derivation) -> str:
    """A derivation as plain text: the title, the left-hand side, then ``= step  [rule]`` rows."""
    lines = []
    if derivation.title:
        lines.append(derivation.title)
    lines.append(sympy.sstr(derivation.lhs))
    for step in derivation.steps:
        lines.append(f"  {step.relation} {sympy.sstr(step.expr)}    [{step.label}]")
    return "\n".join(lines)
