"""A line of a solution as MathML for the browser, made on the server (no script, no CDN).

The row's LaTeX (or plain math) is lightly rewritten into the lecture's look
(``sigmoid`` and ``Error`` upright, ``*`` as a centred dot, alignment ``&`` dropped),
converted by latex2mathml, and then rebuilt element by element from a whitelist of
MathML elements and attributes: whatever a student writes (``\\href``, ``\\style``,
raw ``<script>`` in ``\\text``) cannot put markup of its own in the page. When any of
this fails, the caller shows the plain text instead.

>>> print(to_mathml("h_1 = 0.5"))
<math displaystyle="true"><mrow><msub><mi>h</mi><mn>1</mn></msub><mo>=</mo><mn>0.5</mn></mrow></math>
>>> to_mathml(r"\\href{javascript:alert(1)}{x}").count("href")
0
>>> to_mathml(r"\\text{<script>alert(1)</script>}") is None
True
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

__all__ = ["MAX_MATH_CHARS", "readable_latex", "to_mathml"]

#: longest row converted (characters); longer rows are shown as text
MAX_MATH_CHARS = 1_500
#: deepest nesting of braces and brackets converted
MAX_DEPTH = 40

_NS = "{http://www.w3.org/1998/Math/MathML}"
_ELEMENTS = frozenset({
    "math", "mrow", "mi", "mn", "mo", "ms", "mtext", "mspace", "msub", "msup", "msubsup", "mfrac",
    "msqrt", "mroot", "mstyle", "mtable", "mtr", "mtd", "munder", "mover", "munderover", "mpadded",
    "mphantom", "menclose", "merror", "semantics"})
_ATTRIBUTES = frozenset({
    "display", "mathvariant", "stretchy", "fence", "form", "lspace", "rspace", "linethickness",
    "columnalign", "rowalign", "columnspacing", "rowspacing", "columnlines", "rowlines", "frame",
    "accent", "accentunder", "movablelimits", "width", "height", "depth", "separator", "minsize",
    "maxsize", "symmetric", "displaystyle", "scriptlevel", "linebreak", "notation", "largeop",
    "mathsize"})
_SAFE_VALUE = re.compile(r"^[\w .%+\-#]*$")

#: words of the field written upright (an operator name), not as a product of letters
_OPERATORS = ("sigmoid", "Sigmoid", "softmax", "softplus", "ReLU", "relu")
_UPRIGHT = ("Error", "In", "Out", "net", "out", "lr", "total")
_GREEK = ("alpha", "beta", "gamma", "delta", "eta", "theta", "lambda", "sigma", "tau", "phi")
_FUNCTIONS = ("exp", "log", "ln", "tanh", "sin", "cos")
_WORDS = "|".join(_OPERATORS + _UPRIGHT + _GREEK + _FUNCTIONS)
_WORD = re.compile(r"(?<![\\A-Za-z])(" + _WORDS + r")(?![A-Za-z])")
_COMMAND_BEFORE = re.compile(r"\\(?:mathrm|operatorname|text|mathit|mathbf|textrm|textit)\s*\{$")


def readable_latex(text: str) -> str:
    """The row's text rewritten for display: field words upright, ``*`` as ``\\cdot``, no ``&``.

    >>> print(readable_latex("&= sigmoid(0.2 * x) + eta"))
    = \\operatorname{sigmoid}(0.2 \\cdot  x) + \\eta
    """
    if "\\begin" not in text:
        text = text.replace("&", " ").strip()

    def word(match: re.Match) -> str:
        name = match.group(1)
        if _COMMAND_BEFORE.search(text, 0, match.start()):
            return name
        if name in _GREEK or name in _FUNCTIONS:
            return "\\" + name + " "
        if name in _OPERATORS:
            return "\\operatorname{" + name + "}"
        return "\\mathrm{" + name + "}"

    text = _WORD.sub(word, text)
    return text.replace("*", "\\cdot ").strip()


def _depth(text: str) -> int:
    deepest = depth = 0
    for char in text:
        if char in "{([":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "})]":
            depth -= 1
    return deepest


def to_mathml(text: str) -> str | None:
    """The row as sanitised MathML (``<math displaystyle="true">``); None when it cannot be shown."""
    if not text.strip() or len(text) > MAX_MATH_CHARS or _depth(text) > MAX_DEPTH:
        return None
    try:
        from latex2mathml.converter import convert

        root = ET.fromstring(convert(readable_latex(text), display="inline"))
        _mark_signs(root)
        root.attrib.pop("display", None)
        root.set("displaystyle", "true")
        return _rebuild(root)
    except Exception:  # any failure of the converter or the parser: the caller shows plain text
        return None


_SIGNS = ("\u2212", "-", "+", "\u00b1")
_CLOSING = (")", "]", "}", "|", "\u2016", "\u27e9")


_TALL = ("mfrac", "mtable", "munderover", "munder", "mover")


def _mark_signs(element: ET.Element) -> None:
    """A minus or plus that opens a row or follows an operator is a sign (``-0.5``), not a subtraction;
    ``\\left( ... \\right)`` around nothing taller than a line keeps brackets of the text's size."""
    children = list(element)
    if (len(children) >= 2 and all(c.tag.removeprefix(_NS) == "mo" and c.get("fence") == "true"
                                    for c in (children[0], children[-1]))
            and not any(e.tag.removeprefix(_NS) in _TALL for e in element.iter())):
        children[0].set("stretchy", "false")
        children[-1].set("stretchy", "false")
    previous = None
    for child in element:
        tag = child.tag.removeprefix(_NS)
        if tag == "mo" and (child.text or "").strip() in _SIGNS and (
                previous is None or (previous.tag.removeprefix(_NS) == "mo"
                                     and (previous.text or "").strip() not in _CLOSING)):
            child.set("form", "prefix")
            child.set("lspace", "0")
            child.set("rspace", "0")
        elif tag == "mo" and (child.text or "").isalpha():  # an operator name: sigmoid(x), not sigmoid (x)
            child.set("rspace", "0")
        _mark_signs(child)
        previous = child


def _rebuild(element: ET.Element) -> str:
    """``element`` and its children written again from the whitelist (raises ValueError outside it)."""
    tag = element.tag.removeprefix(_NS)
    if tag not in _ELEMENTS:
        raise ValueError(f"element {tag!r} is not shown")
    attributes = []
    for name, value in sorted(element.attrib.items()):
        if name in _ATTRIBUTES and _SAFE_VALUE.match(value):
            attributes.append(f' {name}="{html.escape(value, quote=True)}"')
    inner = [html.escape(element.text or "", quote=False)]
    for child in element:
        inner.append(_rebuild(child))
        inner.append(html.escape(child.tail or "", quote=False))
    return f"<{tag}{''.join(attributes)}>{''.join(inner)}</{tag}>"
