"""The document's words in English and Chinese: translation tables, key -> {en, zh}.

Every string a document prints comes from a :class:`Translations` table: the
library's own words (headings, table heads, notes beside derivation steps) are in
:data:`STRINGS` and :data:`NOTES`; a topic of the lecture keeps its prose in its
own table and looks it up with the language it is built in. The Chinese uses the
lecture's own terms (激活函数, 反向传播, 损失函数, 梯度下降, 感知机, 学习率 ...).

>>> words = Translations({"hello": {"en": "Hello, {name}", "zh": "你好，{name}"}})
>>> words("hello", "zh", name="$w_1$")
'你好，$w_1$'
>>> words("hello", "fr")
Traceback (most recent call last):
...
symnn.core.errors.SymnnError: unknown language 'fr' (known: en, zh)
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..core.errors import SymnnError

__all__ = ["LANGUAGES", "NOTES", "PROSE", "STRINGS", "Translations",
    "check_language", "note_text", "prose_text"]

#: the languages a document can be printed in
LANGUAGES = ("en", "zh")


def check_language(lang: str) -> str:
    """``lang`` if it is one of :data:`LANGUAGES`, else a SymnnError."""
    if lang not in LANGUAGES:
        raise SymnnError(f"unknown language {lang!r} (known: {', '.join(LANGUAGES)})")
    return lang


def _fill(text: str, fields: Mapping[str, object]) -> str:
    """``text`` with each ``{name}`` of ``fields`` filled in; every other brace (LaTeX's) left alone."""
    return re.sub(r"\{(\w+)\}", lambda m: str(fields[m.group(1)]) if m.group(1) in fields else m.group(0),
                  text)


class Translations:
    """A table of strings, key -> {language: text}; every entry has every language.

    Calling it with a key, a language and fields gives the text with each ``{field}``
    filled in (other braces, LaTeX's, are kept). A missing key or language is a SymnnError.
    """

    def __init__(self, table: Mapping[str, Mapping[str, str]]):
        for key, texts in table.items():
            missing = [lang for lang in LANGUAGES if lang not in texts]
            if missing:
                raise SymnnError(f"translation {key!r} has no {', '.join(missing)} text")
        self.table = {key: dict(texts) for key, texts in table.items()}

    def __call__(self, key: str, lang: str = "en", /, **fields) -> str:
        check_language(lang)
        try:
            text = self.table[key][lang]
        except KeyError:
            raise SymnnError(f"no translation for {key!r}") from None
        return _fill(text, fields) if fields else text

    def __contains__(self, key: str) -> bool:
        return key in self.table

    def keys(self):
        return self.table.keys()


#: the library's own words in a lecture document
STRINGS = Translations({
    "title": {"en": "symnn — the mathematics of an introductory deep-learning lecture",
              "zh": "symnn——深度学习入门课程中的数学"},
    "claims.heading": {"en": "The lecture's numbers", "zh": "课件中的数值"},
    "claims.intro": {
        "en": "Every number the lecture states, its exact value, and whether the lecture's figure is right "
              "when the exact value is rounded to the digits shown: {right} of {total} are. The rows are "
              "grouped by section.",
        "zh": "课件中给出的每个数值、它的精确值，以及把精确值按课件所写的位数四舍五入后课件的数值是否正确："
              "{total} 个中有 {right} 个正确。各行按章节分组。"},
    "claims.quantity": {"en": "Quantity", "zh": "量"},
    "claims.where": {"en": "Where", "zh": "位置"},
    "claims.section": {"en": "Section", "zh": "章节"},
    "claims.lecture": {"en": "Lecture", "zh": "课件"},
    "claims.exact": {"en": "Exact", "zh": "精确值"},
    "claims.right": {"en": "Right", "zh": "正确"},
    "picture": {"en": "Picture: {caption}", "zh": "图：{caption}"},
    "picture.pdf": {"en": "see the PDF", "zh": "见 PDF"},
    "figure.activation": {"en": "{name}: the function (left) and its derivative (right).",
                          "zh": "{name}：函数（左）与其导数（右）。"},
    "figure.left_out": {"en": "Picture left out: Graphviz's dot was not found on PATH.",
                        "zh": "此图从略：系统路径（PATH）中找不到 Graphviz 的 dot 程序。"},
    "certificate.from": {"en": "from", "zh": "由"},
    "certificate.sum": {"en": "sum:", "zh": "求和："},
    "certificate.impossible": {"en": "impossible", "zh": "不可能"},
    "figure.function": {"en": "{name}: $f(x)$", "zh": "{name}：$f(x)$"},
    "figure.derivative": {"en": "derivative: $f'(x){stated}$", "zh": "导数：$f'(x){stated}$"},
})

#: the notes printed beside derivation steps (by the library's rules and builders), English -> Chinese
NOTES = Translations({
    "definition": {"en": "definition", "zh": "定义"},
    "substitution": {"en": "substitution", "zh": "代入"},
    "chain rule": {"en": "chain rule", "zh": "链式法则"},
    "quotient rule": {"en": "quotient rule", "zh": "商的求导法则"},
    "product rule": {"en": "product rule", "zh": "乘积的求导法则"},
    "sum rule": {"en": "sum rule", "zh": "和的求导法则"},
    "power rule": {"en": "power rule", "zh": "幂的求导法则"},
    "limit": {"en": "limit", "zh": "极限"},
    "algebra": {"en": "algebra", "zh": "代数化简"},
    "identity": {"en": "identity", "zh": "恒等式"},
    "numeric evaluation": {"en": "numeric evaluation", "zh": "数值计算"},
    "by cases": {"en": "by cases", "zh": "分情况"},
    "values substituted": {"en": "values substituted", "zh": "代入数值"},
    "local derivatives": {"en": "local derivatives", "zh": "局部导数"},
    "chain rule, every path": {"en": "chain rule, every path", "zh": "链式法则，逐条路径"},
    "chain rule, factored by unit": {"en": "chain rule, factored by unit",
                                     "zh": "链式法则，按神经元提取公因子"},
    "net input": {"en": "net input", "zh": "净输入"},
    "gradient descent": {"en": "gradient descent", "zh": "梯度下降"},
    "learning rate": {"en": "learning rate", "zh": "学习率"},
    "target": {"en": "target", "zh": "目标值"},
})


#: notes with a name in them: English pattern -> Chinese pattern
_NOTE_PATTERNS = (
    (re.compile(r"^activation \((.+)\)$"), "激活函数（{0}）"),
    (re.compile(r"^loss \((.+)\)$"), "损失函数（{0}）"),
)


def note_text(note: str, lang: str) -> str:
    """The note beside a step in ``lang``: a known note translated, any other note as written.

    >>> note_text("chain rule", "zh"), note_text("$x = 1$", "zh")
    ('链式法则', '$x = 1$')
    """
    check_language(lang)
    if lang == "en":
        return note
    if note in NOTES:
        return NOTES(note, lang)
    if note in PROSE or any(p.match(note) for p, _ in _PROSE_PATTERNS):
        return prose_text(note, lang)
    for pattern, chinese in _NOTE_PATTERNS:
        match = pattern.match(note)
        if match:
            return chinese.format(*match.groups())
    return _translate_phrases(note, lang)


def _translate_phrases(note: str, lang: str) -> str:
    # a note made of known phrases joined by "; " or ", " (e.g. "definition; substitution")
    for separator in ("; ", ", "):
        parts = note.split(separator)
        if len(parts) > 1 and all(p in NOTES for p in parts):
            return "；".join(NOTES(p, lang) for p in parts)
    return note


def _same(pairs: dict[str, str]) -> dict[str, dict[str, str]]:
    return {english: {"en": english, "zh": chinese} for english, chinese in pairs.items()}


#: the headings and sentences the library's own derivations carry (symnn.topics), English -> Chinese
PROSE = Translations(_same({
    "Derivative of the sigmoid": "Sigmoid 的导数",
    "Quotient rule on the explicit form, then the result written with $f$ itself.":
        "对显式形式用商的求导法则，再把结果用 $f$ 本身表示。",
    "Derivative of tanh": "Tanh 的导数",
    "The lecture's form of tanh; the chain rule, then the result written with $f$ itself.":
        "采用课件中 tanh 的形式；先用链式法则，再把结果用 $f$ 本身表示。",
    "Derivative of the ReLU": "ReLU 的导数",
    "Differentiate each case. At 0 the one-sided derivatives differ (0 and 1); the lecture takes $f'(0) "
    "= 1$.":
        "对每一段分别求导。在 0 处左右导数不同（0 和 1）；课件取 $f'(0) = 1$。",
    "Derivative of the leaky ReLU": "Leaky ReLU 的导数",
    "Differentiate each case; the slope $\\alpha$ (0.01 unless given) keeps a gradient below zero.":
        "对每一段分别求导；斜率 $\\alpha$（未给出时为 0.01）使负半轴上仍有梯度。",
    "Derivative of the ELU": "ELU 的导数",
    "Below zero the derivative is the function plus $\\alpha$.": "在负半轴上，导数等于函数值加 $\\alpha$。",
    "Derivative of the softplus": "Softplus 的导数",
    "The softplus is a smooth ReLU; its derivative is the "
    "sigmoid.": "Softplus 是光滑的 ReLU；它的导数就是 Sigmoid。",
    "Derivative of the GELU (exact)": "GELU（精确形式）的导数",
    "Product rule on $x\\Phi(x)$: the normal distribution function plus $x$ times its density.":
        "对 $x\\Phi(x)$ 用乘积的求导法则：正态分布函数加上 $x$ 乘以其密度。",
    "Derivative of the GELU (tanh approximation)": "GELU（tanh 近似）的导数",
    "Product rule, then the chain rule through tanh, whose derivative is $1 - \\tanh^2$.":
        "先用乘积的求导法则，再对 tanh 用链式法则，tanh 的导数为 $1 - \\tanh^2$。",
    "Derivative of the identity": "恒等函数的导数",
    "The right derivative of the ReLU at 0": "ReLU 在 0 处的右导数",
    "The left derivative of the ReLU at 0": "ReLU 在 0 处的左导数",
    "The derivative as a limit": "导数作为极限",
    "SymPy takes the limit of the difference quotient.": "SymPy 求差商的极限。",
    "First-order Taylor step": "一阶泰勒展开",
    "The change of $f$ along $\\Delta x$, to first order, is the gradient times $\\Delta x$.":
        "$f$ 沿 $\\Delta x$ 的一阶变化量等于梯度乘以 $\\Delta x$。",
    "Steepest descent: against the gradient": "最速下降：沿梯度的反方向",
    "The first-order change is smallest (most negative) when $\\Delta x$ points against the gradient.":
        "当 $\\Delta x$ 指向梯度的反方向时，一阶变化量最小（最负）。",
    "The gradient descent update": "梯度下降的参数更新",
    "The lecture's three-class example": "课件中的三分类例子",
    "The gradient of softmax with cross-entropy with respect to the logits is the prediction minus the "
    "target.":
        "Softmax 与交叉熵组合后，对 logits 的梯度等于预测值减去目标值。",
    "Sum of the multiplied inequalities": "乘以系数后的不等式之和",
    "The quotient rule on the definition of the softmax, as in the lecture.":
        "和课件一样，对 Softmax 的定义用商的求导法则。",
    "The softmax outputs are a probability distribution": "Softmax 的输出是一个概率分布",
    # notes beside steps
    "each case; $f'(0) = 1$ by the lecture's convention": "分段求导；按课件的约定 $f'(0) = 1$",
    "each case; $f'(0) = 1$": "分段求导；$f'(0) = 1$",
    "step function $H$ with $H(0) = 1$": "阶跃函数 $H$，$H(0) = 1$",
    "$f(x) = 0$ for $x < 0$, $x$ for $x \\ge 0$": "$x < 0$ 时 $f(x) = 0$，$x \\ge 0$ 时为 $x$",
    "$f(x) = \\alpha x$ for $x < 0$, $x$ for $x \\ge "
    "0$": "$x < 0$ 时 $f(x) = \\alpha x$，$x \\ge 0$ 时为 $x$",
    "$f(x) = \\alpha(e^x - 1)$ for $x \\le 0$, $x$ for $x > 0$":
        "$x \\le 0$ 时 $f(x) = \\alpha(e^x - 1)$，$x > 0$ 时为 $x$",
    "$(e^x)' = e^x$ in each case": "每一段都用 $(e^x)' = e^x$",
    "$f(x) = \\alpha(e^x - 1)$ for $x \\le 0$": "$x \\le 0$ 时 $f(x) = \\alpha(e^x - 1)$",
    "divide above and below by $e^x$": "分子分母同除以 $e^x$",
    "the sigmoid": "即 Sigmoid",
    "$= \\Phi(x) + x\\varphi(x)$, $\\varphi$ the normal "
    "density": "$= \\Phi(x) + x\\varphi(x)$，$\\varphi$ 为正态密度",
    "quotient rule $(\\frac{v}{u})' = \\frac{v'u - "
    "vu'}{u^2}$": "商的求导法则 $(\\frac{v}{u})' = \\frac{v'u - vu'}{u^2}$",
    "expand and cancel $h$": "展开并约去 $h$",
    "take out the factor that does not depend on $h$": "提出与 $h$ 无关的因子",
    "chain rule through each $x_i + t\\,\\Delta x_i$": "对每个 $x_i + t\\,\\Delta x_i$ 用链式法则",
    "$\\eta$ the learning rate, $\\delta$ the gradient": "$\\eta$ 为学习率，$\\delta$ 为梯度",
    "$(e^x)' = e^x$, then divide out": "用 $(e^x)' = e^x$，再约分",
    "one denominator": "通分",
    "the numerator is $\\sum_k e^{z_k}$": "分子就是 $\\sum_k e^{z_k}$",
    "impossible": "不可能",
}))

#: library headings and sentences with a value in them: English pattern -> Chinese pattern
_PROSE_PATTERNS = (
    (re.compile(r"^Softmax: (\$.*\$)$"), "Softmax：{0}"),
    (re.compile(r"^Cross-entropy after softmax: (\$.*\$)$"), "Softmax 之后的交叉熵：{0}"),
    (re.compile(r"^The true class is (\d+), so the loss is (\$.*\$); the chain rule through the softmax\.$"),
     "真实类别是 {0}，所以损失为 {1}；对 Softmax 用链式法则。"),
    (re.compile(r"^the terms in (.*) cancel$"), "{0} 的各项相互抵消"),
    (re.compile(r"^\$e\^\{z_(\d+)\}\$ does not depend on \$z_(\d+)\$; (\$.*\$)$"),
     "$e^{{z_{0}}}$ 与 $z_{1}$ 无关；{2}"),
    (re.compile(r"^(\$\\theta = \\pi\$) minimises (\$\\cos\\theta\$) on (\$\[0, 2\\pi\]\$) (.*)$"),
     "{0} 使 {1} 在 {2} 上取最小值 {3}"),
    (re.compile(r"^(\$f\(h\) = .*\$) for (\$h [<>] 0\$), (\$f\(0\) = 0\$)$"), "{1} 时 {0}，{2}"),
)


def prose_text(text: str, lang: str) -> str:
    """A heading or sentence of the library's derivations in ``lang`` (unknown text is kept as written).

    >>> prose_text("Derivative of tanh", "zh")
    'Tanh 的导数'
    """
    check_language(lang)
    if lang == "en" or not text:
        return text
    if text in PROSE:
        return PROSE(text, lang)
    for pattern, chinese in _PROSE_PATTERNS:
        match = pattern.match(text)
        if match:
            return chinese.format(*match.groups())
    return text
