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

from collections.abc import Mapping

from ..core.errors import SymnnError

__all__ = ["LANGUAGES", "NOTES", "STRINGS", "Translations", "check_language", "note_text"]

#: the languages a document can be printed in
LANGUAGES = ("en", "zh")


def check_language(lang: str) -> str:
    """``lang`` if it is one of :data:`LANGUAGES`, else a SymnnError."""
    if lang not in LANGUAGES:
        raise SymnnError(f"unknown language {lang!r} (known: {', '.join(LANGUAGES)})")
    return lang


class Translations:
    """A table of strings, key -> {language: text}; every entry has every language.

    Calling it with a key, a language and fields gives the text with ``{field}``
    filled in (``str.format``). A missing key or language is a SymnnError.
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
        return text.format(**fields) if fields else text

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
    return _translate_phrases(note, lang)


def _translate_phrases(note: str, lang: str) -> str:
    # a note made of known phrases joined by "; " or ", " (e.g. "definition; substitution")
    for separator in ("; ", ", "):
        parts = note.split(separator)
        if len(parts) > 1 and all(p in NOTES for p in parts):
            return "；".join(NOTES(p, lang) for p in parts)
    return note
