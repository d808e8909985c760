"""Long display formulas broken into rows: at a plus or minus first, then between factors.

Mathematics is never shrunk to fit the line. A formula wider than the measure is cut
at the top level of its LaTeX (never inside a ``{...}`` group): a sum one term per
row (a sum over paths, one path per row), a product at a factor with the
continuation indented. A bracket ``\\left( ... \\right)`` too wide for one row is
opened: its two halves get fixed-size delimiters (``\\biggl(`` ... ``\\biggr)``),
which TeX, unlike ``\\left``/``\\right``, lets stand on different rows.

>>> break_math(r"a + b + c", 100)
['a + b + c']
>>> break_math(r"\\frac{x}{y} + \\frac{z}{w} - q", 4)
['\\\\frac{x}{y}', '+ \\\\frac{z}{w}', '- q']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["LINE_WIDTH", "break_math", "math_width"]

#: the widest row of display mathematics, in :func:`math_width` units, that fits a page's text width
#: (a unit is about 7 pt, the width of a plus sign with its spaces is 1.8; A4 with 2.3 cm margins at
#: 11 pt is about 466 pt)
LINE_WIDTH = 64.0

_NAMED = {"tanh", "log", "exp", "sin", "cos", "max", "min", "lim", "sum", "ln", "erf", "sinh", "cosh"}
_ZERO = {"left", "right", "displaystyle", "textstyle", "limits", "nolimits", "!"}


def _group(text: str, i: int) -> tuple[str, int]:
    """The brace group starting at text[i] == '{' -> (content, index after it); else one token."""
    if i >= len(text):
        return "", i
    if text[i] != "{":
        if text[i] == "\\":
            m = re.match(r"\\([a-zA-Z]+|.)", text[i:])
            return m.group(0), i + len(m.group(0))
        return text[i], i + 1
    depth = 0
    for j in range(i, len(text)):
        if text[j] == "{":
            depth += 1
        elif text[j] == "}":
            depth -= 1
            if depth == 0:
                return text[i + 1:j], j + 1
    return text[i + 1:], len(text)


def _environment(text: str, i: int) -> tuple[str, int]:
    """After ``\\begin`` at ``i``: (the body of the environment, the index after its ``\\end{...}``)."""
    name, j = _group(text, i)
    depth = 1
    pattern = re.compile(r"\\(begin|end)\{" + re.escape(name) + r"\}")
    for match in pattern.finditer(text, j):
        depth += 1 if match.group(1) == "begin" else -1
        if depth == 0:
            return text[j:match.start()], match.end()
    return text[j:], len(text)


def _text_width(text: str) -> float:
    """Words of a ``\\text{...}``: a Latin letter about 0.9 of a unit, a Chinese character a full em."""
    return sum(1.6 if "\u2e80" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef" else 0.9 for c in text)


def math_width(text: str) -> float:
    """A rough width of one row of LaTeX math, in characters of the normal size (about 7 pt each).

    A fraction is as wide as its wider part, scripts count 0.7, ``\\left``/``\\right`` nothing.

    >>> math_width(r"\\frac{a+b}{c}") < math_width("a+b+c")
    True
    """
    width, i = 0.0, 0
    while i < len(text):
        c = text[i]
        if c == "\\":
            m = re.match(r"\\([a-zA-Z]+|.)", text[i:])
            name = m.group(1)
            i += len(m.group(0))
            if name in ("frac", "dfrac", "tfrac"):
                a, i = _group(text, i)
                b, i = _group(text, i)
                width += max(math_width(a), math_width(b)) + 0.4
            elif name in ("text", "mathrm", "operatorname", "textrm", "mathit", "mathbf", "textbf"):
                a, i = _group(text, i)
                width += _text_width(a) if name.startswith("text") else math_width(a)
            elif name == "sqrt":
                a, i = _group(text, i)
                width += 1 + math_width(a)
            elif name == "begin":
                inner, i = _environment(text, i)
                rows = re.split(r"\\\\", inner)
                width += max(math_width(row.replace("&", " ")) for row in rows) + 1.5
            elif name == "end":
                _, i = _group(text, i)
            elif name in _ZERO:
                pass
            elif name in (",", ";", ":", " ", "quad"):
                width += 0.3 if name != "quad" else 1.6
            elif name == "qquad":
                width += 3.2
            elif name in ("cdot", "times", "approx", "leq", "geq", "neq"):
                width += 1.8
            elif name in _NAMED:
                width += len(name) + 0.3
            else:
                width += 1.1
        elif c in "^_":
            a, i = _group(text, i + 1)
            width += 0.7 * math_width(a)
        elif c == "&":
            j = i
            while j < len(text) and text[j] == "&":
                j += 1
            width += 3 if j - i >= 2 else 0
            i = j
        elif c in "=<>+-":
            width += 1.8
            i += 1
        elif c in "{} \n":
            i += 1
        else:  # an italic letter is narrower than a digit, a digit than a bracket
            width += 0.75 if c.isalpha() else 0.8 if c.isdigit() else 1
            i += 1
    return width


# -- the top level of a formula ----------------------------------------------------------------
@dataclass
class _Bracket:
    """``\\left<open> inner \\right<close>`` at the top level of a formula."""

    open: str
    inner: list
    close: str

    def text(self) -> str:
        return rf"\left{self.open}{_text(self.inner)}\right{self.close}"


_DELIMITER = re.compile(r"\\[a-zA-Z]+|\\.|.")


def _parse(text: str, i: int = 0, closing: bool = False) -> tuple[list, int]:
    """Items of ``text`` from ``i``: strings (atoms and operators) and :class:`_Bracket` groups."""
    items: list = []
    atom = ""
    while i < len(text):
        if text.startswith(r"\left", i) and not text[i + 5:i + 6].isalpha():
            if atom:
                items.append(atom)
                atom = ""
            m = _DELIMITER.match(text, i + 5)
            inner, i = _parse(text, m.end(), closing=True)
            m2 = _DELIMITER.match(text, i + 6) if i < len(text) else None
            close = m2.group(0) if m2 else "."
            items.append(_Bracket(m.group(0), inner, close))
            i = m2.end() if m2 else len(text)
            continue
        if text.startswith(r"\right", i) and not text[i + 6:i + 7].isalpha():
            if closing:
                break
            atom += r"\right"
            i += 6
            continue
        c = text[i]
        if c == "{":
            _, j = _group(text, i)
            atom += text[i:j]
            i = j
            continue
        if text.startswith(r"\begin", i):
            _, j = _environment(text, i + 6)
            atom += text[i:j]
            i = j
            continue
        if c == "\\":
            m = re.match(r"\\([a-zA-Z]+|.)", text[i:])
            word = m.group(0)
            if word in (r"\cdot", r"\times"):
                if atom:
                    items.append(atom)
                atom = ""
                items.append(word)
            else:
                atom += word
            i += len(word)
            continue
        if c in "+-":
            if atom:
                items.append(atom)
            atom = ""
            items.append(c)
            i += 1
            continue
        if c == " ":
            if atom:
                items.append(atom)
            atom = ""
            i += 1
            continue
        atom += c
        i += 1
    if atom:
        items.append(atom)
    return items, i


def _text(items: list) -> str:
    out = ""
    for item in items:
        piece = item.text() if isinstance(item, _Bracket) else item
        if out and not (out.endswith("^") or out.endswith("_")):
            out += " "
        out += piece
    return out


def _is_operator(item) -> bool:
    return isinstance(item, str) and item in ("+", "-", r"\cdot", r"\times")


def _terms(items: list) -> list[tuple[str, list]]:
    """A sum cut at its binary plus and minus signs: [(sign, term items)], the first sign ''."""
    terms: list[tuple[str, list]] = [("", [])]
    for index, item in enumerate(items):
        binary = item in ("+", "-") and index > 0 and not _is_operator(items[index - 1]) \
            and not (isinstance(items[index - 1], str) and items[index - 1].endswith(("=", "^", "_")))
        if binary:
            terms.append((item, []))
        else:
            terms[-1][1].append(item)
    return terms


def _factors(items: list) -> list[tuple[str, list]]:
    """A product cut at ``\\cdot`` and before each bracket: [(operator, factor items)]."""
    factors: list[tuple[str, list]] = [("", [])]
    for item in items:
        if isinstance(item, str) and item in (r"\cdot", r"\times"):
            factors.append((item, []))
        elif factors[-1][1] and not _is_operator(factors[-1][1][-1]) and not _applies(factors[-1][1][-1]) \
                and not (isinstance(item, str) and item.startswith(("^", "_", "'", "!"))) \
                and not _is_operator(item):
            factors.append(("", [item]))
        else:
            factors[-1][1].append(item)
    return [f for f in factors if f[1]]


_FUNCTION_HEAD = re.compile(r"^(\\[a-zA-Z]+(\{[^{}]*\})?(_\{[^{}]*\})?(\^\{[^{}]*\})?"
                            r"|\\frac\{(\\partial|d)\}.*)$")


def _applies(item) -> bool:
    """Whether ``item`` is a function name or a derivative operator that takes the bracket after it."""
    return isinstance(item, str) and bool(_FUNCTION_HEAD.match(item))


def _size(inner: list) -> tuple[str, str]:
    text = _text(inner)
    if r"\frac" in text or r"\sum" in text:
        return r"\biggl", r"\biggr"
    if r"\left" in text or "^" in text:
        return r"\Bigl", r"\Bigr"
    return r"\bigl", r"\bigr"


def _with(prefix: str, lines: list[str]) -> list[str]:
    return [f"{prefix} {lines[0]}".strip(), *lines[1:]] if lines else [prefix]


def _break_factors(items: list, budget: float) -> list[str]:
    factors = _factors(items)
    lines: list[str] = []
    current = ""
    for operator, factor in factors:
        piece = _text(factor)
        joined = f"{current} {operator} {piece}".strip() if current else piece
        if math_width(joined) <= budget:
            current = joined
            continue
        lead = (operator or r"\cdot") if current or lines else ""
        if current:
            lines.append(current)
        if math_width(f"{lead} {piece}") <= budget:
            current = f"{lead} {piece}".strip()
            continue
        # one factor wider than the row: open its bracket, or set it as it is
        if len(factor) == 1 and isinstance(factor[0], _Bracket) and factor[0].open != ".":
            bracket = factor[0]
            left, right = _size(bracket.inner)
            inner = _break_sum(bracket.inner, budget - 2.5)
            inner[0] = f"{lead} {left}{bracket.open} {inner[0]}".strip()
            inner[-1] = f"{inner[-1]} {right}{bracket.close}"
            lines += inner[:-1]
            current = inner[-1]
        else:
            current = f"{lead} {piece}".strip()
    if current:
        lines.append(current)
    return lines


def _break_sum(items: list, budget: float) -> list[str]:
    terms = _terms(items)
    whole = _text(items)
    if math_width(whole) <= budget:
        return [whole]
    if len(terms) == 1:
        return _break_factors(items, budget)
    lines: list[str] = []
    one_per_row = len(terms) <= 4
    current = ""
    for sign, term in terms:
        piece = f"{sign} {_text(term)}".strip()
        if current and not one_per_row and math_width(f"{current} {piece}") <= budget:
            current = f"{current} {piece}"
            continue
        if current:
            lines.append(current)
        if math_width(piece) <= budget:
            current = piece
        else:
            parts = _with(sign, _break_factors(term, budget - 2))
            lines += parts[:-1]
            current = parts[-1]
    if current:
        lines.append(current)
    return lines


def break_math(text: str, budget: float = LINE_WIDTH) -> list[str]:
    """Rows of the formula ``text`` (LaTeX math), each at most ``budget`` wide where a cut allows.

    Continuation rows begin with their operator (``+``, ``-``, ``\\cdot``), ready to be indented.

    >>> break_math(r"\\left(a + b\\right) \\left(c + d\\right)", 8)
    ['\\\\left(a + b\\\\right)', '\\\\cdot \\\\left(c + d\\\\right)']
    """
    items, _ = _parse(text.strip())
    if math_width(text) <= budget:
        return [text.strip()]
    return _break_sum(items, budget)
