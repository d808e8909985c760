"""Plain-text printing: one step per line, the rule in brackets.

>>> import sympy
>>> from symnn.core.derivation import Derivation, Rule, Step
>>> x = sympy.Symbol("x")
>>> print(derivation_text(Derivation(x * (x + 1), [Step(x**2 + x, Rule.ALGEBRA)])))
x*(x + 1)
  = x**2 + x    [algebra]
"""

from __future__ import annotations

import re
import unicodedata

import sympy

__all__ = ["derivation_text", "plain"]

_COMMANDS = {
    r"\partial": "∂", r"\sum": "Σ", r"\prod": "Π", r"\cdot": "·", r"\times": "×", r"\approx": "≈",
    r"\eta": "η", r"\sigma": "σ", r"\delta": "δ", r"\Delta": "Δ", r"\theta": "θ", r"\pi": "π",
    r"\lambda": "λ", r"\alpha": "α", r"\nabla": "∇", r"\infty": "∞", r"\to": "→", r"\neq": "≠",
    r"\leq": "≤", r"\geq": "≥", r"\le": "≤", r"\ge": "≥", r"\log": "log", r"\exp": "exp",
    r"\tanh": "tanh", r"\max": "max", r"\lim": "lim", r"\left": "", r"\right": "", r"\,": " ",
    r"\quad": " ", r"\;": " ", r"\!": "",
}
_FRAC = re.compile(r"\\frac\{([^{}]*)\}\{([^{}]*)\}")
_ACCENT = re.compile(r"\\(hat|widehat|bar|tilde)\{([^{}]*)\}")
_ACCENTS = {"hat": "\u0302", "widehat": "\u0302", "bar": "\u0304", "tilde": "\u0303"}
_SCRIPT = re.compile(r"([_^])\{([^{}]*)\}")
_TEXTCMD = re.compile(r"\\(?:text|mathrm|operatorname|mathbf)\{([^{}]*)\}")


def plain(text: str) -> str:
    """Inline ``$...$`` LaTeX in a note made readable as plain text.

    >>> plain(r"$\\hat{y}_1 = \\frac{e^{z_1}}{\\sum_k e^{z_k}}$")
    'ŷ_1 = (e^z_1)/(Σ_k e^z_k)'
    """
    if "$" not in text and "\\" not in text:
        return text
    text = text.replace("$", "")
    text = _TEXTCMD.sub(r"\1", text)
    text = _ACCENT.sub(lambda m: m.group(2) + _ACCENTS[m.group(1)], text)
    for _ in range(4):
        text = _SCRIPT.sub(lambda m: m.group(1) + (m.group(2) if re.fullmatch(r"\w+|\\\w+", m.group(2))
                                                   else f"({m.group(2)})"), text)
        text = _FRAC.sub(r"(\1)/(\2)", text)
    for command in sorted(_COMMANDS, key=len, reverse=True):
        text = re.sub(re.escape(command) + r"(?![A-Za-z])", _COMMANDS[command], text)
    return unicodedata.normalize("NFC", text.replace("{", "").replace("}", ""))


def derivation_text(derivation) -> str:
    """A derivation as plain text: the title, the left-hand side, then ``= step  [rule]`` rows."""
    lines = []
    if derivation.title:
        lines.append(plain(derivation.title))
    lines.append(sympy.sstr(derivation.lhs))
    for step in derivation.steps:
        lines.append(f"  {step.relation} {sympy.sstr(step.expr)}    [{plain(step.label)}]")
    return "\n".join(lines)
