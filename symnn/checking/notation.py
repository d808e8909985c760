r"""The notations people write, brought to the one the grammar reads.

Everything here is a text-to-text rewrite done once per line, in time linear in
the line: Unicode sub- and superscripts (``h₁``, ``w₅⁺``, ``x²``, ``10⁻²``),
full-width forms (``（``, ``＝``), slash derivatives (``dE/dw5``, ``dout_h1/dnet_h1``,
``∂E/∂w5``, ``\partial E / \partial w_5``) and scientific notation written as a
product (``1.261 \times 10^{-2}``, ``1.261·10⁻²``), which becomes one number
(``1.261e-2``) so that its digits are the digits written.

>>> normalize("h₁ = σ(0.25)"), normalize("dE_o1/dnet_o1 = 0.2"), normalize("1.261·10⁻²")
('h_{1} = σ(0.25)', '\\frac{\\partial E_o1}{\\partial net_o1} = 0.2', '1.261e-2')
>>> normalize("δo1·w5"), normalize("∂E/∂β1")
('δ_{o1}·w5', '\\frac{\\partial E}{\\partial β_{1}}')
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalize"]

_SUBSCRIPTS = dict(zip("₀₁₂₃₄₅₆₇₈₉₊₋ₐₑₒₓₕₖₗₘₙₚₛₜ", "0123456789+-aeoxhklmnpst", strict=True))
_SUPERSCRIPTS = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻ⁿⁱ", "0123456789+-ni", strict=True))
_FRACTIONS = {"½": "(1/2)", "⅓": "(1/3)", "¼": "(1/4)", "¾": "(3/4)", "⅔": "(2/3)"}
_GREEK_LETTERS = "αβγδεζηθικλμνξπρστυφχψωΔΣΘ"

#: a name as written after a d or ∂: letters, digits, subscripts, primes
_NAME = r"(?:[A-Za-z]+|[\u0370-\u03ff])\d*(?:_\{[^{}]{0,40}\}|_[A-Za-z0-9]+)*'*"
_SLASH = re.compile(rf"(?<![A-Za-z0-9\\])d(?!elta)({_NAME})\s*/\s*d({_NAME})(?![A-Za-z0-9])")
_EVALUATED_AT = re.compile(r"(?:\\left\.\s*)?\\frac\{d\}\{d([a-z])\}\s*\\?([A-Za-z]+)\s*\(\s*\1\s*\)\s*"
                           r"\\(?:right|Big|big|Bigg)\|_\{?\s*\1\s*=\s*([-+]?)(\d+(?:\.\d+)?)\s*\}?")
#: df/d(1 + exp t): the derivative by a bracketed expression (a node of a computation graph)
_BY_EXPRESSION = re.compile(rf"(?<![A-Za-z0-9\\])d(?!elta)({_NAME})\s*/\s*d\(([^()]{{1,60}})\)")
#: d(1/x)/dx: the derivative of a bracketed expression
_OF_EXPRESSION = re.compile(r"(?<![A-Za-z0-9\\])d\(([^()]{1,60})\)\s*/\s*d([a-z])(?![A-Za-z0-9_])")
_OPERATOR = re.compile(r"(?<![A-Za-z0-9\\])d\s*/\s*d([a-z])(?![A-Za-z0-9_])")
#: after a ∂ a Greek letter may be a command: ∂E/∂\theta_1
_ACCENTED = (r"\\(?:hat|bar|tilde|vec)(?:\s*\{\s*[A-Za-z]\s*\}|\s+[A-Za-z]|[A-Za-z](?![A-Za-z]))"
             r"(?:_\{[^{}]{0,40}\}|_[A-Za-z0-9]+)*'*")
_PARTIAL_NAME = rf"(?:{_ACCENTED}|\\?{_NAME})"
_PARTIAL_SLASH = re.compile(rf"(?:∂|\\partial)\s*({_PARTIAL_NAME})\s*/\s*"
                            rf"(?:∂|\\partial)\s*({_PARTIAL_NAME})")
#: ∂E/∂(θ1·net_h1 + θ0): the derivative with respect to a bracketed sum
_PARTIAL_OF_SUM = re.compile(rf"(?:∂|\\partial)\s*({_PARTIAL_NAME})\s*/\s*"
                             r"(?:∂|\\partial)\s*\(([^()]{1,80})\)")
_UNIT_DELTA = re.compile(r"(?<![A-Za-z0-9_\\])δ([A-Za-z]{1,8}\d{0,3})(?![A-Za-z0-9_(])")
_TIMES_TEN = re.compile(r"(\d+(?:\.\d+)?)\s*(?:\\times|\\cdot|×|·|⋅|\*)\s*10\s*\^\s*"
                        r"(?:\{\s*([-+−]?\s*\d{1,4})\s*\}|([-+−]?\d{1,4}))(?![\d.])")


#: ln, log, exp written in plain text before an operand without brackets
_PLAIN_FUNCTION = re.compile(r"(?<![A-Za-z\\])(ln|log|exp) +(?=[A-Za-z0-9.\\])")


def _scripts(text: str) -> str:
    """Runs of Unicode sub/superscripts as ``_{...}`` and ``^{...}``."""
    if not any(ch in _SUBSCRIPTS or ch in _SUPERSCRIPTS or ch in _FRACTIONS for ch in text):
        return text
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        table = _SUBSCRIPTS if ch in _SUBSCRIPTS else _SUPERSCRIPTS if ch in _SUPERSCRIPTS else None
        if table is None:
            out.append(_FRACTIONS.get(ch, ch))
            i += 1
            continue
        j = i
        while j < n and text[j] in table:
            j += 1
        run = "".join(table[c] for c in text[i:j])
        if table is _SUBSCRIPTS:
            # In_h₁ is In_h1; h₁ and δ₅ get a subscript
            k = len(out)
            word = ""
            while k > 0 and (out[k - 1].isalnum() or out[k - 1] == "_") and len(word) < 40:
                word = out[k - 1] + word
                k -= 1
            out.append(run if "_" in word else "_{" + run + "}")
        else:
            out.append("^{" + run + "}")
        i = j
    return "".join(out)


def _hat(match: re.Match) -> str:
    subscript = match.group(2)
    return "\\hat{" + match.group(1) + "}" + ("_{" + subscript + "}" if subscript else "")


def normalize(text: str) -> str:
    """The line in the notation the grammar reads (see the module's docstring)."""
    if "ᵀ" in text or "⊙" in text or "∇" in text or "\\odot" in text or "∘" in text:
        # W₂ᵀ (a transpose), ⊙ and ∘ (the product entry by entry), ∇W (a gradient)
        text = text.replace("ᵀ", "^{T}").replace("⊙", "*").replace("\\odot", "*").replace("∘", "*") \
            .replace("∇", "\\nabla ")
    text = _scripts(text)
    if "right|" in text or "Big|" in text or "big|" in text:
        # \left.\frac{d}{dx}\tanh(x)\right|_{x=0.5} is tanh'(0.5)
        text = _EVALUATED_AT.sub(lambda m: f"\\{m.group(2)}'({m.group(3)}{m.group(4)})", text)
    if not text.isascii():
        if "\u0302" in unicodedata.normalize("NFD", text):
            # ŷ1 (a letter with a circumflex) is \hat{y}_1
            text = re.sub("([A-Za-z])\u0302(\\d*)", _hat, unicodedata.normalize("NFD", text))
        text = unicodedata.normalize("NFKC", text).replace("⁄", "/")
        # δ5, η1: a Greek letter followed by digits has them as a subscript
        text = re.sub(f"([{_GREEK_LETTERS}])(\\d+)", r"\1_{\2}", text)
        # δo1, δh1, δout: a delta named after a unit has the unit's name as its subscript
        text = _UNIT_DELTA.sub(r"δ_{\1}", text)
    if "/" in text:
        text = _OPERATOR.sub(r"\\frac{d}{d\1}", text)
        text = _OF_EXPRESSION.sub(r"\\frac{d}{d\2}(\1)", text)
        text = _SLASH.sub(r"\\frac{\\partial \1}{\\partial \2}", text)
        text = _BY_EXPRESSION.sub(r"\\frac{\\partial \1}{\\partial (\2)}", text)
        if "∂" in text or "\\partial" in text:
            text = _PARTIAL_SLASH.sub(r"\\frac{\\partial \1}{\\partial \2}", text)
            text = _PARTIAL_OF_SUM.sub(r"\\frac{\\partial \1}{\\partial (\2)}", text)
    if "ln " in text or "log " in text or "exp " in text:
        # ln ŷ, log p written in plain text: the function of the operand after it, as \ln ŷ is
        text = _PLAIN_FUNCTION.sub(r"\\\1 ", text)
    if "10" in text and "^" in text:
        text = _TIMES_TEN.sub(lambda m: f"{m.group(1)}e{(m.group(2) or m.group(3)).replace('−', '-')}"
                              .replace(" ", ""), text)
    return text
