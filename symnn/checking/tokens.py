"""Tokens of a line and the notation table of the field (function names, Greek letters,
update marks): what the grammar reads."""

from __future__ import annotations

import contextlib
import contextvars
import functools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from ..core.errors import ParseError
from ..core.functions import ACTIVATION_ALIASES, ACTIVATIONS
from .syntax import (
    MAX_LINE,
    MAX_TOKENS,
    TooComplexError,
)

# --------------------------------------------------------------------------------------------
# Tokens
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Token:
    kind: str  # NUM NAME CMD OP REL END
    text: str
    position: int


_UNICODE = {
    "×": ("OP", "*"), "·": ("OP", "*"), "⋅": ("OP", "*"), "∗": ("OP", "*"), "÷": ("OP", "/"),
    "−": ("OP", "-"), "–": ("OP", "-"), "≈": ("REL", "≈"), "≃": ("REL", "≈"),
    "σ": ("CMD", "sigma"), "η": ("CMD", "eta"), "δ": ("CMD", "delta"), "∂": ("CMD", "partial"),
    "α": ("CMD", "alpha"), "∑": ("CMD", "sum"), "≤": ("CMD", "le"), "≥": ("CMD", "ge"),
    "Δ": ("CMD", "Delta"), "θ": ("CMD", "theta"), "λ": ("CMD", "lambda"), "′": ("OP", "'"),
    "←": ("CMD", "leftarrow"), "Σ": ("CMD", "sum"), "Π": ("CMD", "prod"), "∏": ("CMD", "prod"),
}

def greek_name(ch: str) -> str | None:
    """The LaTeX name of a Greek letter (``β`` -> ``beta``, ``Δ`` -> ``Delta``), None for another character.

    >>> greek_name("β"), greek_name("Θ"), greek_name("ϑ"), greek_name("b")
    ('beta', 'Theta', 'vartheta', None)
    """
    if ch.isascii() or not ch.isalpha():
        return None
    words = unicodedata.name(ch, "").split()
    if len(words) == 4 and words[:2] == ["GREEK", "SMALL"] and words[2] == "LETTER":
        name = words[3].lower()
    elif len(words) == 4 and words[:3] == ["GREEK", "CAPITAL", "LETTER"]:
        name = words[3].capitalize()
    elif len(words) == 3 and words[0] == "GREEK" and words[2] == "SYMBOL":
        name = "var" + words[1].lower()
    elif len(words) == 4 and words[0] == "GREEK" and words[3] == "SYMBOL":
        name = "var" + words[2].lower()  # the lunate epsilon
    else:
        return None
    return name.replace("lamda", "lambda").replace("Lamda", "Lambda")


#: a function name with an underscore (``leaky_relu``, ``gelu_tanh``) applied to an argument: one
#: word, read before ``_`` could start a subscript (``w_1``, ``net_h1`` stay names with subscripts)
@functools.lru_cache(maxsize=8)
def _underscored_pattern(names: tuple[str, ...]) -> re.Pattern:
    ordered = sorted((name for name in names if "_" in name), key=len, reverse=True)
    return re.compile(r"(?:{})(?='*\s*\()".format("|".join(re.escape(name) for name in ordered)),
                      re.IGNORECASE)


def _underscored_call() -> re.Pattern:
    """The pattern of the catalogue's underscored names as of now (an entry registered later is read)."""
    return _underscored_pattern(tuple(sorted({*ACTIVATIONS, *ACTIVATION_ALIASES})))


_NUMBER = re.compile(r"\d+(?:[.,]\d+)?(?:[eE][-+]?\d+(?![A-Za-z]))?|\.\d+", re.ASCII)
#: a whole figure as text, its sign (a Unicode minus too) and exponent included: -0.5, .25, 1.2e-3
FIGURE = re.compile(r"[-−+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")
_WORD = re.compile(r"[A-Za-z]+\d*", re.ASCII)
#: a word in another script (a unit named in Chinese in a spec): letters, then digits
_LETTERS = re.compile(r"[^\W\d_A-Za-z]+\d*")
_COMMAND = re.compile(r"\\([A-Za-z]+|.)")
_OPS = set("+-*/^_()[]{}=,'<>!|&;:")

#: commands that only space or size things out and are dropped
_SPACING = {",", ";", "!", ":", " ", "quad", "qquad", "left", "right", "big", "Big", "bigg", "Bigg",
            "bigl", "bigr", "Bigl", "Bigr", "displaystyle", "textstyle", "limits", "nolimits",
            "middle", "enspace", "thinspace", "medspace", "thickspace", "negthinspace", "hfill",
            "nonumber", "notag", "cdots", "ldots", "dots"}


def tokenize(text: str) -> list[Token]:
    """The tokens of one line; unknown characters raise :class:`ParseError` with their position.

    >>> [t.text for t in tokenize(r"In_{h_1} = 0,5 \\cdot x")]
    ['In', '_', '{', 'h', '_', '1', '}', '=', '0.5', 'cdot', 'x', '']
    """
    if len(text) > MAX_LINE:
        raise TooComplexError(f"line longer than {MAX_LINE} characters", text, MAX_LINE)
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace() or ch == "$":
            i += 1
            continue
        if ch in _UNICODE:
            kind, value = _UNICODE[ch]
            tokens.append(Token(kind, value, i))
            i += 1
        elif "0" <= ch <= "9" or (ch == "." and i + 1 < n and "0" <= text[i + 1] <= "9"):
            match = _NUMBER.match(text, i)
            source = match.group(0)
            # "0,5" is a decimal comma only when no space follows the comma and digits precede it
            if "," in source and i > 0 and text[i - 1] in "(,":
                source = source.split(",", 1)[0]
            tokens.append(Token("NUM", source.replace(",", "."), i))
            i += len(source)
        elif ch.isalpha() and ch.isascii():
            match = None if i and text[i - 1] == "_" else _underscored_call().match(text, i)
            match = match or _WORD.match(text, i)
            tokens.append(Token("NAME", match.group(0), i))
            i = match.end()
        elif ch.isalpha() and not unicodedata.name(ch, "LATIN").startswith("LATIN"):
            # a Greek letter is its LaTeX command (β1 reads as \beta_1); a letter of another script
            # (a unit named in Chinese) starts a name; an accented Latin letter is a word of prose
            greek = greek_name(ch)
            if greek is not None and greek in GREEK:
                tokens.append(Token("CMD", greek, i))
                i += 1
            else:
                # only where it reads as a name (a subscript, or digits, '_' or a prime after it):
                # elsewhere it is a word of prose
                match = _LETTERS.match(text, i)
                if not (text[i - 1:i] in {"_", "{"} or match.group(0)[-1].isdigit()
                        or text[match.end():match.end() + 1] in {"_", "'"}):
                    raise ParseError(f"unexpected character {ch!r}", text, i)
                tokens.append(Token("NAME", match.group(0), i))
                i = match.end()
        elif ch == "\\":
            match = _COMMAND.match(text, i)
            if match is None:
                raise ParseError("a lone backslash", text, i)
            name = match.group(1)
            i = match.end()
            if name in _SPACING:
                continue
            if name == "\\":
                tokens.append(Token("OP", "\\\\", match.start()))
            elif name in "{}":
                tokens.append(Token("OP", "(" if name == "{" else ")", match.start()))
            elif name == "%":
                tokens.append(Token("OP", "%", match.start()))
            else:
                tokens.append(Token("CMD", name, match.start()))
        elif ch == "*" and text.startswith("**", i):
            tokens.append(Token("OP", "^", i))
            i += 2
        elif ch == ":" and text.startswith(":=", i):
            tokens.append(Token("REL", "=", i))
            i += 2
        elif ch == "=":
            tokens.append(Token("REL", "=", i))
            i += 1
        elif ch in _OPS:
            tokens.append(Token("OP", ch, i))
            i += 1
        else:
            raise ParseError(f"unexpected character {ch!r}", text, i)
        if len(tokens) > MAX_TOKENS:
            raise TooComplexError(f"more than {MAX_TOKENS} symbols in one line", text, i)
    tokens.append(Token("END", "", n))
    return tokens


# --------------------------------------------------------------------------------------------
# Notation table
# --------------------------------------------------------------------------------------------

#: function names (after lower-casing) -> canonical function: the activation catalogue with its
#: aliases (also without underscores, as ``\operatorname{gelu_tanh}`` reads), the field's
#: short forms of the sigmoid, and the elementary functions
_FIXED_FUNCTIONS = {
    "sigma": "sigmoid", "sig": "sigmoid",
    "exp": "exp", "log": "log", "ln": "log", "sqrt": "sqrt", "max": "max", "min": "min",
    "abs": "abs", "sin": "sin", "cos": "cos", "softmax": "softmax",
}


@functools.lru_cache(maxsize=8)
def _function_table(names: tuple[str, ...], aliases: tuple[tuple[str, str], ...]) -> dict[str, str]:
    return {**{name.replace("_", ""): name for name in names}, **{name: name for name in names},
            **dict(aliases), **_FIXED_FUNCTIONS}


class _FunctionNames(Mapping):
    """The table as the catalogue stands now: an activation registered after import is read too."""

    def _table(self) -> dict[str, str]:
        return _function_table(tuple(ACTIVATIONS), tuple(ACTIVATION_ALIASES.items()))

    def __getitem__(self, key: str) -> str:
        return self._table()[key]

    def __iter__(self):
        return iter(self._table())

    def __len__(self) -> int:
        return len(self._table())


FUNCTIONS: Mapping[str, str] = _FunctionNames()
class _FunctionLetters:
    """One-letter names that are functions when followed by "(": ``f`` and ``g`` always, and the
    letters a solution defines as functions (``L(w) = (w - 3)^2``) while it is checked."""

    always = frozenset({"f", "g"})

    def __contains__(self, letter: object) -> bool:
        return letter in self.always or letter in _DEFINED_LETTERS.get()

    def __iter__(self):
        return iter(sorted(self.always | _DEFINED_LETTERS.get()))


_DEFINED_LETTERS: contextvars.ContextVar[frozenset] = contextvars.ContextVar("defined_letters",
                                                                             default=frozenset())
#: one-letter names that are functions when followed by "(" (``f(x)``, ``g'(x)``)
FUNCTION_LETTERS = _FunctionLetters()


@contextlib.contextmanager
def function_letters(letters: frozenset):
    """Within the block, ``letters`` are function names too (``L`` after ``L(w) = ...``)."""
    token = _DEFINED_LETTERS.set(frozenset(letters))
    try:
        yield
    finally:
        _DEFINED_LETTERS.reset(token)


_DEFINITION = re.compile(r"(?<![\\\w])([A-Z])\s*\(\s*([a-z])\s*\)\s*(?::=|≔|=)")


def defined_function_letters(text: str) -> frozenset:
    """The capital letters a text defines as functions of one variable: ``L(w) = (w-3)^2``.

    >>> sorted(defined_function_letters("Let $L(w) = (w-3)^2$ and $J(x) = x^2$; then $A(b + c)$"))
    ['J', 'L']
    """
    return frozenset(m.group(1) for m in _DEFINITION.finditer(text))
#: LaTeX commands that are names (Greek letters)
GREEK = {"alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "iota",
         "kappa", "lambda", "mu", "nu", "xi", "pi", "rho", "sigma", "tau", "phi", "varphi", "chi",
         "psi", "omega", "vartheta", "upsilon", "Delta", "Gamma", "Theta", "Lambda", "Sigma", "Phi", "Psi",
         "Omega"}
#: superscripts that mark an updated value, not a power
_UPDATE_MARKS = {"+", "new", "'", "prime", "*", "(new)", "neu", "(1)", "(t+1)"}
#: a subscript that marks an updated value (``w5_new``)
_UPDATE_WORDS = {"new", "neu"}
_RELATIONS = {"approx": "≈", "simeq": "≈", "equiv": "=", "coloneqq": "="}
_COMPARISONS = {"<": "<", ">": ">", "le": "<=", "leq": "<=", "ge": ">=", "geq": ">=", "lt": "<",
                "gt": ">", "leqslant": "<=", "geqslant": ">="}
_TEXT_COMMANDS = {"mathrm", "operatorname", "text", "mathit", "textrm", "mathbf", "boldsymbol",
                  "textit", "mathsf", "bm", "rm"}
_ACCENTS = {"hat": "hat", "widehat": "hat", "bar": "bar", "overline": "bar", "tilde": "tilde",
            "widetilde": "tilde", "vec": "", "dot": "dot"}
_OTHERWISE = {"otherwise", "else", "sonst", "否则", "其他"}


def _sub_text(tokens: list[Token]) -> str:
    """Canonical subscript text: ``h_1`` -> ``h1``, ``o^1`` -> ``o1``, ``total`` -> ``total``."""
    out = []
    for t in tokens:
        if t.kind == "CMD" and t.text in _TEXT_COMMANDS | set(_ACCENTS):
            continue
        if t.text in {"_", "^", "(", ")", "{", "}"} and t.kind == "OP":
            continue
        out.append(t.text)
    return "".join(out)


def canonical_name(base: str, subscript: str = "", updated: bool = False) -> str:
    """The symbol name for ``base`` with ``subscript``: ``w``+``5`` -> ``w5``, ``In``+``h1`` -> ``In_h1``.

    >>> canonical_name("w", "5", updated=True), canonical_name("E", "total"), canonical_name("delta", "o1")
    ("w5'", 'E_total', 'delta_o1')
    """
    if subscript:
        glue = "" if subscript.isdigit() else "_"
        name = base + glue + subscript
    else:
        name = base
    return name + ("'" if updated else "")


