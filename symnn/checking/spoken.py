"""Notation said in words or defined once: a derivative of the loss said in a sentence, and a
letter the writer defines as the gradient (``g(.) = dE/d(.)``, ``g_x means df/dx``), written as the
derivatives they stand for."""

from __future__ import annotations

import re

__all__ = ["spoken_derivatives"]


#: a letter defined as the gradient of the loss: "g(.) = dE/d(.)", "g(x) = ∂L/∂x"
_GRADIENT_OPERATOR = re.compile(r"(?<![A-Za-z\\])(?P<op>[A-Za-z])\((?P<arg>\.|·|x|\*|•)\)\s*(?::=|=)\s*"
                                r"(?P<d>d|∂)(?P<loss>E|L|J|C|E_?total|Error|Loss)\s*/\s*(?P=d)\(?(?P=arg)\)?"
                                # g_x means df/dx: a subscript names what the gradient is by
                                r"|(?<![A-Za-z\\])(?P<sub>[A-Za-z])_(?P<var>[a-z])\s*(?:means|:=|=|is)\s*"
                                r"(?P<d2>d|∂)(?P<top>[A-Za-z]\w{0,6})\s*/\s*(?P=d2)(?P=var)(?![A-Za-z0-9])")


def _gradient_of(line: str, operator: tuple[str, str]) -> str:
    """``g(z_out1)`` written as the derivative it stands for, ``dE/dz_out1``.

    >>> _gradient_of("g(z1) = g(a1) * a1(1 - a1)", ("g", "E"))
    'dE/dz1 = dE/da1 * a1(1 - a1)'
    >>> _gradient_of("g_u = g_v * 1 = -0.73106", ("g", "f", True))
    'df/du = df/dv * 1 = -0.73106'
    """
    letter, loss, subscript = (*operator, False)[:3]
    if subscript:  # g_v = -1/v after "g_x means df/dx": df/dv
        return re.sub(rf"(?<![A-Za-z0-9_\\]){letter}_\{{?([A-Za-z][A-Za-z0-9]{{0,6}})\}}?(?![A-Za-z0-9_])",
                      rf"d{loss}/d\1", line)
    return re.sub(rf"(?<![A-Za-z0-9_\\]){letter}\(\s*([A-Za-z][A-Za-z0-9_]{{0,12}})\s*\)",
                  rf"d{loss}/d\1", line)


#: the loss in words: it is L in the formulas
_LOSS_WORDS = r"(?:损失函数|损失|误差|代价|(?:the\s+)?(?:loss|error|cost))"
# (each run of spaces can be read one way only: no two optional spaces side by side)
_SPOKEN_NAME = r"(?:\$\s*)?(?P<den>[A-Za-z\\][\w\\{}^]*)(?:\s*\$)?"
_SPOKEN_VALUE = r"(?:\$(?P<math>[^$]{1,120})\$|(?P<plain>[^，。；;,\n]{1,120}))"
_SPOKEN = [
    # 损失对 z1 的偏导等于 1 − ŷ1: "the derivative of the loss with respect to z1 equals ..."
    re.compile(rf"{_LOSS_WORDS}\s*对\s*{_SPOKEN_NAME}\s*的\s*(?:偏导数?|导数|梯度)\s*(?:等于|为|是)\s*"
               rf"{_SPOKEN_VALUE}"),
    re.compile(rf"(?i)\b(?:the\s+)?(?:partial\s+)?(?:derivative|gradient)\s+of\s+{_LOSS_WORDS}\s+"
               rf"(?:with\s+respect\s+to|w\.r\.t\.?|wrt)\s+{_SPOKEN_NAME}\s+(?:is|equals)\s+{_SPOKEN_VALUE}"),
]


#: longer lines are not searched for a derivative said in words (a sentence is shorter)
_SPOKEN_LIMIT = 2000


def spoken_derivatives(line: str) -> str:
    r"""A derivative of the loss said in words, written as the formula it states.

    >>> spoken_derivatives("损失对 z1 的偏导等于 1 − ŷ1，即 1 − 0.34 = 0.66")
    '∂L/∂z1 = 1 − ŷ1，即 1 − 0.34 = 0.66'
    >>> spoken_derivatives("the derivative of the loss with respect to $z_2$ is $\\hat y_2$.")
    '$\\partial L/\\partial z_2 = \\hat y_2$.'
    """
    if len(line) > _SPOKEN_LIMIT:
        return line
    for pattern in _SPOKEN:
        match = pattern.search(line)
        if match is None:
            continue
        if match.group("math") is not None:
            formula = f"$\\partial L/\\partial {match.group('den')} = {match.group('math').strip()}$"
        else:
            formula = f"∂L/∂{match.group('den')} = {match.group('plain').strip()}"
        return line[:match.start()] + formula + line[match.end():]
    return line
