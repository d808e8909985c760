r"""Reading the mathematics people write: plain math and LaTeX, safely, in the field's notation.

A line such as ``h_1 = sigmoid(0.20 * 0.50 + 0.50 * 0.30) = 0.56`` or
``$\delta_5 = \frac{\partial Error}{\partial w_5} = 0.25 * 0.48 * (1 - 0.48) * 0.56 = 0.03$``
is read by a small tokenizer and a recursive-descent parser of our own. Nothing a
user wrote is ever handed to ``eval``, ``exec``, ``sympify`` or ``parse_expr``: the
parser builds an abstract syntax tree (:class:`Num`, :class:`Name`, :class:`Partial`,
:class:`BinOp`, ...) from a whitelist of tokens, and :func:`to_sympy` turns that
tree into SymPy objects through their constructors only.

The notation table of the field is built in:

* names with subscripts are one symbol: ``In_{h_1}``, ``net_{h1}``, ``Out_{h_1}``,
  ``E_{total}``, ``\delta_{o^1}``, ``\hat{y}_1`` (never ``I*n``);
* ``w_5'``, ``w_5^+``, ``w_5^{new}`` and ``w_5^{\prime}`` all name the updated weight ``w5'``;
* ``\frac{\partial Error}{\partial w_5}`` is a :class:`Partial` (a named derivative),
  ``\frac{d}{dx}\tanh(x)`` a derivative operator applied to what follows;
* ``\sigma``/``sigmoid``/``Sigmoid``/``\operatorname{sigmoid}`` are the sigmoid,
  ``\log``/``\ln`` the natural logarithm, ``\cdot``/``\times``/``*`` multiplication;
* ``\begin{cases} ... \end{cases}`` is a ``Piecewise``; ``0,5`` (decimal comma) is 0.5.

Every written number keeps the text it was written with (``Num.source``), because
whether ``0.50`` is right depends on the two decimals written, not on the float.

>>> parse_expression("sigmoid(0.20 * 0.50 + 0.50 * 0.30)")
0.562176500885798
>>> parse_expression(r"\frac{1}{1+e^{-(w_0x_0 + w_1x_1 + w_2)}}")
1/(exp(-w0*x0 - w1*x1 - w2) + 1)
>>> parse_expression("In_{h_1} * Out_{h_1}")
In_h1*Out_h1
>>> relation = parse_relation(r"\delta_{o^1} = \frac{\partial Error}{\partial o_1} = o_1 - 0.23 = 0.25")
>>> [part.text for part in relation.parts]
['\\delta_{o^1}', '\\frac{\\partial Error}{\\partial o_1}', 'o_1 - 0.23', '0.25']
>>> relation.parts[-1].node.source
'0.25'
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from fractions import Fraction

import sympy

from ..core.errors import ParseError
from ..core.functions import ACTIVATION_ALIASES, ACTIVATIONS
from ..core.numbers import decimals_written
from .notation import normalize

__all__ = [
    "BinOp",
    "Call",
    "Cases",
    "Condition",
    "Derivative",
    "Name",
    "Neg",
    "Node",
    "Num",
    "Part",
    "Partial",
    "Relation",
    "TooComplexError",
    "decimals_written",
    "iter_nodes",
    "node_text",
    "parse_expression",
    "parse_latex_fallback",
    "parse_relation",
    "to_sympy",
]

#: most digits of one written number
MAX_NUMBER_DIGITS = 60
#: longest line the parser accepts, in characters
MAX_LINE = 4000
#: most tokens in one line
MAX_TOKENS = 1500
#: deepest nesting of brackets, fractions and powers
MAX_DEPTH = 40
#: largest number of decimal digits an integer power may produce
MAX_POWER_DIGITS = 400


class TooComplexError(ParseError):
    """Text that is well formed but too large or too deep to judge within the time bound."""


# --------------------------------------------------------------------------------------------
# Syntax tree
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Num:
    """A number as written: ``source`` keeps the digits (``"0.50"``), ``value`` is exact."""

    source: str
    value: Fraction
    position: int = 0

    @property
    def decimals(self) -> int:
        """Decimals written (``"0.50"`` -> 2, ``"-0.009"`` -> 3, ``"1"`` -> 0, ``"5.622e-1"`` -> 4)."""
        return decimals_written(self.source)


@dataclass(frozen=True)
class Name:
    """A symbol in canonical form: ``In_h1``, ``w5``, ``w5'`` (updated), ``yhat1``, ``delta_o1``."""

    name: str
    position: int = 0


@dataclass(frozen=True)
class Partial:
    r"""A named derivative ``\frac{\partial numerator}{\partial denominator}``."""

    numerator: Node
    denominator: Node
    position: int = 0


@dataclass(frozen=True)
class Derivative:
    r"""The derivative operator applied to an expression: ``\frac{d}{dx} f(x)``."""

    operand: Node
    variable: Node
    position: int = 0


@dataclass(frozen=True)
class BinOp:
    """``left op right`` with op one of ``+ - * / ^``, in the order written."""

    op: str
    left: Node
    right: Node
    position: int = 0


@dataclass(frozen=True)
class Neg:
    """``-operand``."""

    operand: Node
    position: int = 0


@dataclass(frozen=True)
class Call:
    """A function of the whitelist applied to arguments: ``sigmoid(x)``, ``f'(x)``, ``\\max(0, x)``."""

    function: str
    args: tuple
    position: int = 0
    power: Node | None = None  # \tanh^2(x)


@dataclass(frozen=True)
class Condition:
    """``left op right`` inside ``cases`` (op one of ``< <= > >=``), or ``otherwise`` (left None)."""

    op: str
    left: Node | None
    right: Node | None
    position: int = 0


@dataclass(frozen=True)
class Cases:
    """``\\begin{cases} value & condition \\\\ ... \\end{cases}``."""

    pieces: tuple  # ((value, Condition), ...)
    position: int = 0


Node = Num | Name | Partial | Derivative | BinOp | Neg | Call | Cases


def iter_nodes(node: Node):
    """Every node of the tree, parents before children.

    >>> [type(n).__name__ for n in iter_nodes(parse_relation("1 - x").parts[0].node)]
    ['BinOp', 'Num', 'Name']
    """
    yield node
    if isinstance(node, BinOp):
        yield from iter_nodes(node.left)
        yield from iter_nodes(node.right)
    elif isinstance(node, Neg):
        yield from iter_nodes(node.operand)
    elif isinstance(node, Call):
        for arg in node.args:
            yield from iter_nodes(arg)
        if node.power is not None:
            yield from iter_nodes(node.power)
    elif isinstance(node, Partial):
        yield from iter_nodes(node.numerator)
        yield from iter_nodes(node.denominator)
    elif isinstance(node, Derivative):
        yield from iter_nodes(node.operand)
        yield from iter_nodes(node.variable)
    elif isinstance(node, Cases):
        for value, condition in node.pieces:
            yield from iter_nodes(value)
            if condition.left is not None:
                yield from iter_nodes(condition.left)
            if condition.right is not None:
                yield from iter_nodes(condition.right)


_PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2, "^": 3}


def node_text(node: Node) -> str:
    """A compact plain-text form of a node, for messages.

    >>> node_text(parse_relation(r"\\frac{\\partial Error}{\\partial w_5}").parts[0].node)
    'dError/dw5'
    >>> node_text(parse_relation("0.25 * 0.48 * (1 - 0.48)").parts[0].node)
    '0.25*0.48*(1 - 0.48)'
    """
    if isinstance(node, Num):
        return node.source
    if isinstance(node, Name):
        return node.name
    if isinstance(node, Partial):
        return f"d{_wrap(node.numerator)}/d{_wrap(node.denominator)}"
    if isinstance(node, Derivative):
        return f"d/d{_wrap(node.variable)}({node_text(node.operand)})"
    if isinstance(node, Neg):
        inner = node_text(node.operand)
        return f"-({inner})" if isinstance(node.operand, BinOp) and node.operand.op in "+-" else f"-{inner}"
    if isinstance(node, Call):
        text = f"{node.function}({', '.join(node_text(a) for a in node.args)})"
        return text if node.power is None else f"{text}^{_wrap(node.power)}"
    if isinstance(node, Cases):
        return "cases(" + "; ".join(node_text(v) for v, _ in node.pieces) + ")"
    if isinstance(node, BinOp):
        left, right = node_text(node.left), node_text(node.right)
        mine = _PRECEDENCE[node.op]
        if isinstance(node.left, BinOp) and _PRECEDENCE[node.left.op] < mine:
            left = f"({left})"
        if isinstance(node.right, BinOp | Neg) and (
                isinstance(node.right, Neg) or _PRECEDENCE[node.right.op] < mine
                or (_PRECEDENCE[node.right.op] == mine and node.op in "-/")):
            right = f"({right})"
        joiner = {"+": " + ", "-": " - ", "*": "*", "/": "/", "^": "^"}[node.op]
        return left + joiner + right
    return "?"


def _wrap(node: Node) -> str:
    text = node_text(node)
    return text if isinstance(node, Name | Num) else f"({text})"


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
    "←": ("CMD", "leftarrow"),
}

#: a function name with an underscore (``leaky_relu``, ``gelu_tanh``) applied to an argument: one
#: word, read before ``_`` could start a subscript (``w_1``, ``net_h1`` stay names with subscripts)
_UNDERSCORED_NAMES = sorted((name for name in {*ACTIVATIONS, *ACTIVATION_ALIASES} if "_" in name),
                            key=len, reverse=True)
_UNDERSCORED_CALL = re.compile(
    r"(?:{})(?='*\s*\()".format("|".join(re.escape(name) for name in _UNDERSCORED_NAMES)),
    re.IGNORECASE)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?(?:[eE][-+]?\d+(?![A-Za-z]))?|\.\d+", re.ASCII)
_WORD = re.compile(r"[A-Za-z]+\d*", re.ASCII)
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
            match = None if i and text[i - 1] == "_" else _UNDERSCORED_CALL.match(text, i)
            match = match or _WORD.match(text, i)
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
FUNCTIONS = {
    **{name.replace("_", ""): name for name in ACTIVATIONS},
    **{name: name for name in ACTIVATIONS},
    **ACTIVATION_ALIASES,
    "sigma": "sigmoid", "sig": "sigmoid",
    "exp": "exp", "log": "log", "ln": "log", "sqrt": "sqrt", "max": "max", "min": "min",
    "abs": "abs", "sin": "sin", "cos": "cos", "softmax": "softmax",
}
#: one-letter names that are functions when followed by "(" (``f(x)``, ``g'(x)``)
FUNCTION_LETTERS = {"f", "g"}
#: LaTeX commands that are names (Greek letters)
GREEK = {"alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "iota",
         "kappa", "lambda", "mu", "nu", "xi", "pi", "rho", "sigma", "tau", "phi", "varphi", "chi",
         "psi", "omega", "Delta", "Gamma", "Theta", "Lambda", "Sigma", "Phi", "Psi", "Omega"}
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


# --------------------------------------------------------------------------------------------
# Parser
# --------------------------------------------------------------------------------------------


class _Parser:
    """Recursive descent over the tokens of one expression (no relations inside)."""

    def __init__(self, tokens: list[Token], text: str, offset: int = 0):
        self.tokens = tokens
        self.text = text
        self.i = 0
        self.depth = 0
        self.notes: list[str] = []

    # -- helpers -------------------------------------------------------------------------
    @property
    def token(self) -> Token:
        return self.tokens[self.i]

    def peek(self, k: int = 1) -> Token:
        return self.tokens[min(self.i + k, len(self.tokens) - 1)]

    def advance(self) -> Token:
        token = self.tokens[self.i]
        if token.kind != "END":
            self.i += 1
        return token

    def at(self, kind: str, text: str | None = None) -> bool:
        t = self.token
        return t.kind == kind and (text is None or t.text == text)

    def expect(self, kind: str, text: str, what: str) -> Token:
        if not self.at(kind, text):
            raise self.error(f"expected {what}")
        return self.advance()

    def error(self, message: str, token: Token | None = None) -> ParseError:
        token = token or self.token
        found = "end of line" if token.kind == "END" else repr(token.text)
        return ParseError(f"{message}, found {found}", self.text, token.position)

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise TooComplexError(f"nested more than {MAX_DEPTH} levels deep", self.text,
                                  self.token.position)

    # -- grammar -------------------------------------------------------------------------
    def parse(self) -> Node:
        if self.at("END"):
            raise self.error("expected an expression")
        node = self.expression()
        if not self.at("END"):
            raise self.error("expected an operator or the end of the expression")
        return node

    def expression(self) -> Node:
        self.enter()
        if self.at("OP", "+"):
            self.advance()
        node = self.term()
        while self.at("OP", "+") or self.at("OP", "-"):
            op = self.advance()
            node = BinOp(op.text, node, self.term(), op.position)
        self.depth -= 1
        return node

    def term(self) -> Node:
        node = self.unary()
        while True:
            t = self.token
            if (t.kind == "OP" and t.text in "*/") or (t.kind == "CMD" and t.text in {"cdot", "times", "ast",
                                                                                    "div"}):
                self.advance()
                op = "/" if t.text in {"/", "div"} else "*"
                node = BinOp(op, node, self.unary(), t.position)
            elif self.starts_operand(t):
                node = BinOp("*", node, self.power(), t.position)
            else:
                return node

    def starts_operand(self, t: Token) -> bool:
        if t.kind in {"NUM", "NAME"}:
            return True
        if t.kind == "OP":
            return t.text in {"(", "[", "{"}
        if t.kind == "CMD":
            return t.text not in {"cdot", "times", "ast", "div", "end", "approx", "leftarrow",
                                  "Leftarrow", "to", "rightarrow", "quad", "qquad"} and \
                t.text not in _COMPARISONS and t.text not in _RELATIONS
        return False

    def unary(self) -> Node:
        t = self.token
        if t.kind == "OP" and t.text in "+-":
            self.advance()
            self.enter()
            operand = self.unary()
            self.depth -= 1
            return operand if t.text == "+" else Neg(operand, t.position)
        return self.power()

    def power(self) -> Node:
        base = self.primary()
        if self.at("OP", "^"):
            caret = self.advance()
            self.enter()
            exponent = self.exponent()
            self.depth -= 1
            return BinOp("^", base, exponent, caret.position)
        return base

    def exponent(self) -> Node:
        t = self.token
        if t.kind == "OP" and t.text == "{":
            return self.group("{", "}")
        if t.kind == "OP" and t.text in "+-":
            self.advance()
            operand = self.exponent()
            return operand if t.text == "+" else Neg(operand, t.position)
        if t.kind == "NUM" and "\\" in self.text:
            # LaTeX: ^23 means ^2 followed by 3; take one digit
            self.advance()
            if len(t.text) > 1 and t.text.isdigit():
                self.tokens.insert(self.i, Token("NUM", t.text[1:], t.position + 1))
                return Num(t.text[0], Fraction(int(t.text[0])), t.position)
            return _number(t)
        return self.power()

    def group(self, opening: str, closing: str) -> Node:
        start = self.expect("OP", opening, f"'{opening}'")
        if self.at("OP", closing):
            raise self.error("expected an expression inside the brackets")
        node = self.expression()
        self.close(closing, start)
        return node

    def close(self, closing: str, opening: Token) -> None:
        """Consume ``closing``; at the very end of a part a missing ')' is supplied and noted."""
        if self.at("OP", closing):
            self.advance()
            return
        if self.at("END") and closing == ")":
            self.notes.append(f"the '(' at position {opening.position} is never closed; "
                              "read as closed at the end")
            return
        raise self.error(f"expected '{closing}' to close the '{opening.text}' at position {opening.position}")

    def braced_tokens(self) -> list[Token]:
        """The raw tokens of ``{...}`` (balanced), or of one token when there is no brace."""
        if not self.at("OP", "{"):
            t = self.advance()
            if t.kind == "END":
                raise self.error("expected a subscript or argument")
            if t.kind == "NUM" and t.text.isdigit() and len(t.text) > 1:
                # \tfrac12, x_12 as TeX reads them: one digit is the argument
                self.tokens.insert(self.i, Token("NUM", t.text[1:], t.position + 1))
                return [Token("NUM", t.text[0], t.position)]
            return [t]
        start = self.advance()
        depth, out = 1, []
        while True:
            t = self.advance()
            if t.kind == "END":
                raise ParseError(f"'{{' at position {start.position} is never closed", self.text,
                                 start.position)
            if t.kind == "OP" and t.text == "{":
                depth += 1
            elif t.kind == "OP" and t.text == "}":
                depth -= 1
                if depth == 0:
                    return out
            out.append(t)

    def sub_parser(self, tokens: list[Token]) -> _Parser:
        end = tokens[-1].position + len(tokens[-1].text) if tokens else self.token.position
        sub = _Parser([*tokens, Token("END", "", end)], self.text)
        sub.depth = self.depth
        sub.notes = self.notes
        return sub

    def primary(self) -> Node:
        t = self.token
        if t.kind == "NUM":
            self.advance()
            return _number(t)
        if t.kind == "OP" and t.text == "(":
            return self.group("(", ")")
        if t.kind == "OP" and t.text == "[":
            return self.group("[", "]")
        if t.kind == "OP" and t.text == "{":
            return self.group("{", "}")
        if t.kind == "OP" and t.text == "|":
            self.advance()
            inner = self.expression()
            self.expect("OP", "|", "'|' to close the absolute value")
            return Call("abs", (inner,), t.position)
        if t.kind == "NAME":
            return self.name_or_call()
        if t.kind == "CMD":
            return self.command()
        if t.kind == "END":
            raise self.error("expected a number, a name or '('")
        raise self.error("expected a number, a name or '('")

    # -- names ---------------------------------------------------------------------------
    def decorations(self, base: str, position: int, subscript: str = "") -> Node:
        """Subscript, primes and update marks after a name; then a call if a function follows."""
        updated = False
        primes = 0
        while True:
            if self.at("OP", "_") and not subscript:
                self.advance()
                subscript = _sub_text(self.braced_tokens())
                if not subscript:
                    raise self.error("expected a subscript")
            elif self.at("OP", "'"):
                self.advance()
                primes += 1
            elif self.at("OP", "^") and self.update_mark():
                updated = self.mark != "(0)"
            elif self.at("OP", "+") and self.peek().kind in {"END", "REL"}:
                self.advance()  # w5+ = ...: the updated w5
                updated = True
            else:
                break
        if subscript.lower().endswith(tuple(_UPDATE_WORDS)) and subscript.lower() not in _UPDATE_WORDS | {""}:
            # w5_new, w_{5,new}: the updated w5
            subscript = re.sub(r"[,]?(?:new|neu)$", "", subscript, flags=re.IGNORECASE)
            updated = True
        elif subscript.lower() in _UPDATE_WORDS and base.rstrip("0123456789") != base:
            subscript, updated = "", True
        lowered = base.lower()
        is_function = not subscript and (lowered in FUNCTIONS or base in FUNCTION_LETTERS)
        if is_function and (self.at("OP", "(") or ((self.at("OP", "^") and self.peek().kind in {"NUM", "OP"})
                            and base not in FUNCTION_LETTERS)):
            return self.call(FUNCTIONS.get(lowered, base) + "'" * primes, position)
        return Name(canonical_name(base, subscript, updated or primes > 0), position)

    def update_mark(self) -> bool:
        """At ``^``: consume and return True if the superscript marks an updated value."""
        nxt = self.peek()
        self.mark = ""
        if nxt.kind == "OP" and nxt.text == "+":
            after = self.peek(2)
            if after.kind in {"END", "REL"} or (after.kind == "OP" and after.text in {")", "&", ","}):
                self.advance()
                self.advance()
                return True
            return False
        if nxt.kind == "OP" and nxt.text == "{":
            j, depth, inner = self.i + 2, 1, []
            while j < len(self.tokens):
                tok = self.tokens[j]
                if tok.kind == "OP" and tok.text == "{":
                    depth += 1
                elif tok.kind == "OP" and tok.text == "}":
                    depth -= 1
                    if depth == 0:
                        break
                inner.append(tok)
                j += 1
            if j >= len(self.tokens):
                raise ParseError(f"'{{' at position {nxt.position} is never closed", self.text, nxt.position)
            mark = "".join(tk.text for tk in inner if not (tk.kind == "CMD" and tk.text in _TEXT_COMMANDS)
                           and tk.text not in "{}")
            if mark in _UPDATE_MARKS or mark == "(0)":
                self.i = j + 1
                self.mark = mark
                return True
            return False
        if nxt.kind == "CMD" and nxt.text == "prime":
            self.advance()
            self.advance()
            return True
        return False

    def name_or_call(self) -> Node:
        t = self.advance()
        return self.decorations(t.text, t.position)

    def call(self, function: str, position: int) -> Node:
        power = None
        if self.at("OP", "^"):
            self.advance()
            power = self.exponent()
        if self.at("OP", "("):
            opening = self.advance()
            args = [self.expression()]
            while self.at("OP", ","):
                self.advance()
                args.append(self.expression())
            self.close(")", opening)
        elif self.at("OP", "{"):
            args = [self.group("{", "}")]
        else:
            # \log x, \exp x, \tanh x: one operand without brackets
            self.enter()
            args = [self.power()]
            self.depth -= 1
        return Call(function, tuple(args), position, power)

    # -- commands ------------------------------------------------------------------------
    def command(self) -> Node:
        t = self.advance()
        name = t.text
        if name in {"frac", "dfrac", "tfrac", "cfrac"}:
            return self.fraction(t)
        if name == "sqrt":
            index = None
            if self.at("OP", "["):
                index = self.group("[", "]")
            radicand = self.group("{", "}") if self.at("OP", "{") else self.power()
            if index is None:
                return Call("sqrt", (radicand,), t.position)
            return BinOp("^", radicand, BinOp("/", Num("1", Fraction(1), t.position), index, t.position),
                         t.position)
        if name in _TEXT_COMMANDS:
            word = _sub_text(self.braced_tokens()).replace(" ", "")
            if not word:
                raise self.error("expected a name inside the braces")
            if word.lower() in _OTHERWISE:
                raise self.error("'otherwise' outside of cases")
            if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", word):
                raise ParseError(f"{word!r} is not a name", self.text, t.position)
            return self.decorations(word, t.position)
        if name in _ACCENTS:
            inner = self.braced_tokens()
            base = _sub_text(inner)
            if not re.fullmatch(r"[A-Za-z]+[0-9]*", base):
                raise ParseError(f"expected a letter under \\{name}", self.text, t.position)
            subscript = ""
            match = re.fullmatch(r"([A-Za-z])(\d+)", base)
            if match:  # \widehat{y_1}
                base, subscript = match.group(1), match.group(2)
            return self.decorations(base + _ACCENTS[name], t.position, subscript)
        if name in {"mathbb", "mathcal"}:
            raise ParseError(f"\\{name} is not a value", self.text, t.position)
        if name in GREEK:
            if name == "sigma" and (self.at("OP", "(") or self.at("OP", "^") or self.at("OP", "'")):
                return self.decorations("sigmoid", t.position)
            if name == "pi" and not self.at("OP", "_"):
                return Name("pi", t.position)
            return self.decorations(name, t.position)
        if name in {"exp", "log", "ln", "tanh", "sinh", "cosh", "sin", "cos", "max", "min", "sigmoid"}:
            function = FUNCTIONS.get(name, name)
            if name == "log" and self.at("OP", "_"):
                raise ParseError("a logarithm to another base: write \\ln or \\log for the natural log",
                                 self.text, t.position)
            primes = 0
            while self.at("OP", "'"):
                self.advance()
                primes += 1
            return self.call(function + "'" * primes, t.position)
        if name == "partial":
            raise ParseError("\\partial outside of a fraction", self.text, t.position)
        if name == "begin":
            return self.environment(t)
        if name == "sum":
            return self.summation(t)
        if name in {"infty"}:
            raise ParseError("infinity is not a value that can be checked", self.text, t.position)
        raise ParseError(f"unknown command \\{name}", self.text, t.position)

    def fraction(self, t: Token) -> Node:
        numerator = self.braced_tokens()
        denominator = self.braced_tokens()
        kind = _derivative_kind(numerator, denominator)
        if kind:
            num_rest, den_rest = numerator[1:], denominator[1:]
            if kind == "d" and numerator[0].text != "d":
                num_rest = [Token("NAME", numerator[0].text[1:], numerator[0].position + 1), *num_rest]
            if kind == "d" and denominator[0].text != "d":
                den_rest = [Token("NAME", denominator[0].text[1:], denominator[0].position + 1), *den_rest]
            if not den_rest:
                raise ParseError("expected the variable after the d in the denominator", self.text,
                                 t.position)
            variable = self.sub_parser(den_rest).parse()
            if not num_rest:  # \frac{d}{dx} f(x): the operator applies to what follows
                self.enter()
                operand = self.power()
                self.depth -= 1
                return Derivative(operand, variable, t.position)
            return Partial(self.sub_parser(num_rest).parse(), variable, t.position)
        if not numerator or not denominator:
            raise ParseError("a fraction needs a numerator and a denominator", self.text, t.position)
        self.enter()
        top = self.sub_parser(numerator).parse()
        bottom = self.sub_parser(denominator).parse()
        self.depth -= 1
        return BinOp("/", top, bottom, t.position)

    def summation(self, t: Token) -> Node:
        if not self.at("OP", "_"):
            raise ParseError("a sum needs limits, e.g. \\sum_{i=1}^{2}", self.text, t.position)
        self.advance()
        lower = self.braced_tokens()
        if not self.at("OP", "^"):
            raise ParseError("a sum needs an upper limit, e.g. \\sum_{i=1}^{2}", self.text, t.position)
        self.advance()
        upper = self.braced_tokens()
        if len(lower) != 3 or lower[0].kind != "NAME" or lower[1].kind != "REL" or lower[2].kind != "NUM" \
                or len(upper) != 1 or upper[0].kind != "NUM" or not lower[2].text.isdigit() \
                or not upper[0].text.isdigit() or len(lower[2].text) > 6 or len(upper[0].text) > 6:
            raise ParseError("expected limits like \\sum_{i=1}^{n} with whole numbers", self.text, t.position)
        index, first, last = lower[0].text, int(lower[2].text), int(upper[0].text)
        if last - first > 50:
            raise TooComplexError("a sum of more than 50 terms", self.text, t.position)
        start = self.i
        body_node = self.term_for_sum()
        body_tokens = self.tokens[start:self.i]
        total: Node | None = None
        for k in range(first, last + 1):
            replaced = _substitute_index(body_tokens, index, str(k))
            term = self.sub_parser(replaced).parse()
            total = term if total is None else BinOp("+", total, term, t.position)
        if total is None:
            return Num("0", Fraction(0), t.position)
        del body_node
        return total

    def term_for_sum(self) -> Node:
        """The summand: a product of factors (up to the next + or -)."""
        node = self.unary()
        while True:
            tk = self.token
            if (tk.kind == "OP" and tk.text in "*/") or (tk.kind == "CMD" and tk.text in {"cdot", "times"}):
                self.advance()
                node = BinOp("*", node, self.unary(), tk.position)
            elif self.starts_operand(tk):
                node = BinOp("*", node, self.power(), tk.position)
            else:
                return node

    def environment(self, t: Token) -> Node:
        kind = _sub_text(self.braced_tokens())
        if kind not in {"cases", "dcases"}:
            raise ParseError(f"the environment {kind!r} cannot be read here", self.text, t.position)
        rows: list[list[Token]] = [[]]
        while True:
            tk = self.advance()
            if tk.kind == "END":
                raise ParseError("\\begin{cases} without \\end{cases}", self.text, t.position)
            if tk.kind == "CMD" and tk.text == "end":
                self.braced_tokens()
                break
            if tk.kind == "OP" and tk.text == "\\\\":
                rows.append([])
            else:
                rows[-1].append(tk)
        pieces = []
        for row in rows:
            if not row:
                continue
            split = next((k for k, tk in enumerate(row) if tk.kind == "OP" and tk.text in {"&", ","}), None)
            if split is None:
                raise ParseError("each case needs a value and a condition separated by &", self.text,
                                 row[0].position)
            value = self.sub_parser(row[:split]).parse()
            pieces.append((value, self.condition(row[split + 1:], row[split].position)))
        if not pieces:
            raise ParseError("empty cases", self.text, t.position)
        return Cases(tuple(pieces), t.position)

    def condition(self, tokens: list[Token], position: int) -> Condition:
        tokens = [tk for tk in tokens if not (tk.kind in {"NAME", "CMD"} and tk.text in {"if", "for", "text"})
                  and not (tk.kind == "OP" and tk.text in {"{", "}", ","})]
        words = "".join(tk.text for tk in tokens).lower()
        if not tokens or words in _OTHERWISE:
            return Condition("otherwise", None, None, position)
        for k, tk in enumerate(tokens):
            op = None
            if tk.kind == "OP" and tk.text in "<>":
                op = tk.text
                if k + 1 < len(tokens) and tokens[k + 1].kind == "REL":
                    op += "="
                    return Condition(op, self.sub_parser(tokens[:k]).parse(),
                                     self.sub_parser(tokens[k + 2:]).parse(), tk.position)
            elif tk.kind == "CMD" and tk.text in _COMPARISONS:
                op = _COMPARISONS[tk.text]
            if op:
                return Condition(op, self.sub_parser(tokens[:k]).parse(),
                                 self.sub_parser(tokens[k + 1:]).parse(), tk.position)
        raise ParseError("expected a condition such as x < 0 or 'otherwise'", self.text, position)


def _derivative_kind(numerator: list[Token], denominator: list[Token]) -> str | None:
    if not numerator or not denominator:
        return None
    n0, d0 = numerator[0], denominator[0]
    if n0.kind == "CMD" and n0.text == "partial" and d0.kind == "CMD" and d0.text == "partial":
        return "partial"
    if n0.kind == "NAME" and d0.kind == "NAME" and n0.text.startswith("d") and d0.text.startswith("d") \
            and len(d0.text) > 1 and (n0.text == "d" or len(numerator) == 1 or n0.text[1:2].isupper()
                                      or n0.text == "dError"):
        return "d"
    if n0.kind == "NAME" and n0.text == "d" and d0.kind == "NAME" and d0.text == "d" and len(denominator) > 1:
        return "d"
    return None


def _substitute_index(tokens: list[Token], index: str, value: str) -> list[Token]:
    out = []
    for tk in tokens:
        if tk.kind == "NAME" and tk.text == index:
            out.append(Token("NUM", value, tk.position))
        else:
            out.append(tk)
    return out


def _number(t: Token) -> Num:
    text = t.text
    mantissa, _, exponent = text.lower().partition("e")
    # bounded before any work: a Fraction of 1e99999999 would hold 10^99999999
    if len(mantissa) > MAX_NUMBER_DIGITS or len(exponent.lstrip("+-")) > 3 \
            or (exponent and abs(int(exponent)) > 300):
        raise TooComplexError(f"the number {text[:20]} is too large to check", text, t.position)
    try:
        value = Fraction(text)
    except (ValueError, ZeroDivisionError) as error:  # pragma: no cover - the tokenizer's regex
        raise ParseError(f"{text!r} is not a number", text, t.position) from error
    return Num(text, value, t.position)


# --------------------------------------------------------------------------------------------
# Relations: a line is a chain of expressions joined by = or ≈
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """One side of a relation chain: its text, where it starts in the line, and its tree."""

    text: str
    start: int
    node: Node
    notes: tuple = ()

    @property
    def expr(self) -> sympy.Expr:
        """The part as a SymPy expression (numbers as Floats that keep their digits)."""
        return to_sympy(self.node)

    @property
    def is_number(self) -> bool:
        """A bare written number such as ``0.56`` or ``-0.009``."""
        node = self.node
        if isinstance(node, Neg):
            node = node.operand
        return isinstance(node, Num)

    @property
    def number(self) -> Num | None:
        """The written number if the part is one (sign included)."""
        node = self.node
        if isinstance(node, Num):
            return node
        if isinstance(node, Neg) and isinstance(node.operand, Num):
            inner = node.operand
            return Num("-" + inner.source, -inner.value, node.position)
        return None


@dataclass(frozen=True)
class Relation:
    """A chain ``part0 rel part1 rel part2 ...`` with ``relations[k]`` between parts k and k+1.

    ``continued`` is True for a row that starts with a relation (``&= -0.009``): it
    continues the chain of the row above.
    """

    text: str
    parts: tuple
    relations: tuple = field(default_factory=tuple)
    continued: bool = False


def parse_relation(text: str) -> Relation:
    r"""Parse one line as a chain of expressions joined by ``=``, ``\approx`` or ``≈``.

    Alignment marks (``&``) and row ends (``\\``) are ignored; anything after
    ``\leftarrow`` is a remark and is dropped.

    >>> r = parse_relation(r"w_5' &= w_5 - \eta \delta_5 \approx 0.07")
    >>> [node_text(p.node) for p in r.parts], r.relations
    (["w5'", 'w5 - eta*delta5', '0.07'], ('=', '≈'))
    """
    text = normalize(text)
    tokens = tokenize(text)
    cleaned: list[Token] = []
    environments = 0
    for t in tokens:
        if t.kind == "CMD" and t.text in {"begin", "end"}:
            environments += 1 if t.text == "begin" else -1
        if environments > 0:
            cleaned.append(t)
            continue
        if t.kind == "CMD" and t.text in {"leftarrow", "Leftarrow", "longleftarrow", "quad", "qquad",
                                          "tag", "label"}:
            break
        if t.kind == "OP" and t.text in {"&"}:
            continue
        if t.kind == "OP" and t.text == "\\\\":
            continue
        if t.kind == "CMD" and t.text in _RELATIONS:
            cleaned.append(Token("REL", _RELATIONS[t.text], t.position))
            continue
        cleaned.append(t)
    if not cleaned or cleaned[-1].kind != "END":
        cleaned.append(Token("END", "", len(text)))
    # split at relations outside brackets
    groups: list[list[Token]] = [[]]
    relations: list[str] = []
    depth = 0
    for t in cleaned[:-1]:
        # brackets may be unbalanced in handwritten lines; only braces and environments protect a '='
        if (t.kind == "OP" and t.text == "{") or (t.kind == "CMD" and t.text == "begin"):
            depth += 1
        elif (t.kind == "OP" and t.text == "}") or (t.kind == "CMD" and t.text == "end"):
            depth -= 1
        if t.kind == "REL" and depth == 0:
            groups.append([])
            relations.append(t.text)
        else:
            groups[-1].append(t)
    parts = []
    for k, group in enumerate(groups):
        if not group:
            if k == 0 and len(groups) > 1:  # "&= 0.5" continues the row above
                continue
            position = cleaned[-1].position if k == len(groups) - 1 else 0
            raise ParseError("expected an expression", text, position)
        start = group[0].position
        end = group[-1].position + max(len(group[-1].text), 1)
        parser = _Parser([*group, Token("END", "", end)], text)
        node = parser.parse()
        parts.append(Part(text[start:end].strip(), start, node, tuple(parser.notes)))
    continued = len(groups) > 1 and not groups[0]
    if continued:
        relations = relations[1:]
    return Relation(text, tuple(parts), tuple(relations), continued)


def continues_above(text: str) -> bool:
    r"""Whether a row starts with a relation (``&= ...``) and so continues the chain above.

    >>> continues_above(r"&= -0.009 \\"), continues_above("x = 1")
    (True, False)
    """
    stripped = text.lstrip().lstrip("&").lstrip()
    return stripped.startswith(("=", "\\approx", "≈"))


# --------------------------------------------------------------------------------------------
# To SymPy
# --------------------------------------------------------------------------------------------


def _functions() -> dict:
    return {**{name: info.function for name, info in ACTIVATIONS.items()}, "exp": sympy.exp,
            "log": sympy.log, "sqrt": sympy.sqrt, "abs": sympy.Abs, "sin": sympy.sin, "cos": sympy.cos,
            "sinh": sympy.sinh, "cosh": sympy.cosh}


def partial_symbol(numerator: str, denominator: str) -> sympy.Symbol:
    """The symbol that stands for a named derivative, e.g. ``d(Error)/d(w5)``."""
    return sympy.Symbol(f"d({numerator})/d({denominator})")


def to_sympy(node: Node, numbers: str = "float", names: dict | None = None) -> sympy.Expr:
    """The SymPy expression of a tree, built with constructors only.

    ``numbers`` is ``"float"`` (Floats with the digits written), ``"exact"`` (Rationals)
    or ``"symbol"`` (a placeholder symbol ``_n<position>`` per written number).
    ``names`` maps canonical names to replacements.

    >>> to_sympy(parse_relation("0.25 * 0.48").parts[0].node, numbers="exact")
    3/25
    """
    names = names or {}

    def walk(n: Node):
        if isinstance(n, Num):
            if numbers == "exact":
                return sympy.Rational(n.value.numerator, n.value.denominator)
            if numbers == "symbol":
                return sympy.Symbol(f"_n{n.position}")
            if n.value.denominator == 1 and "." not in n.source and "e" not in n.source.lower():
                return sympy.Integer(n.value.numerator)
            return sympy.Float(n.source, max(15, len(n.source)))
        if isinstance(n, Name):
            if n.name in names:
                return names[n.name]
            if n.name == "e":
                return sympy.E
            if n.name == "pi":
                return sympy.pi
            return sympy.Symbol(n.name)
        if isinstance(n, Partial):
            return partial_symbol(node_text(n.numerator), node_text(n.denominator))
        if isinstance(n, Derivative):
            variable = walk(n.variable)
            if not isinstance(variable, sympy.Symbol):
                raise ParseError("a derivative with respect to an expression", "", n.position)
            return sympy.Derivative(walk(n.operand), variable)
        if isinstance(n, Neg):
            return -walk(n.operand)
        if isinstance(n, BinOp):
            left, right = walk(n.left), walk(n.right)
            if n.op == "+":
                return left + right
            if n.op == "-":
                return left - right
            if n.op == "*":
                return left * right
            if n.op == "/":
                return left / right
            _guard_power(left, right, n.position)
            return sympy.Pow(left, right)
        if isinstance(n, Call):
            try:
                return _call(n, walk)
            except (ValueError, TypeError) as error:  # Max(zoo): SymPy refuses the arguments
                raise ParseError(f"{n.function} cannot take these arguments", "", n.position) from error
        if isinstance(n, Cases):
            pieces = []
            for value, condition in n.pieces:
                pieces.append((walk(value), _condition(condition, walk)))
            if pieces[-1][1] is not sympy.true:
                pieces.append((sympy.nan, True))
            return sympy.Piecewise(*pieces)
        raise ParseError(f"cannot convert {type(n).__name__}")  # pragma: no cover

    return walk(node)


def _guard_power(base, exponent, position: int) -> None:
    """Refuse integer powers whose value would have more than MAX_POWER_DIGITS digits."""
    if not (base.is_number and exponent.is_number):
        if exponent.is_number and exponent.is_Integer and abs(int(exponent)) > 10_000:
            raise TooComplexError("an exponent larger than 10000", "", position)
        return
    try:
        b = abs(complex(sympy.N(base, 15)))
        e = abs(complex(sympy.N(exponent, 15)))
    except (TypeError, ValueError, OverflowError) as error:
        raise TooComplexError("a power too large to evaluate", "", position) from error
    if b > 1 and e * math.log10(b) > MAX_POWER_DIGITS:
        raise TooComplexError(f"a power with more than {MAX_POWER_DIGITS} digits", "", position)
    if base.is_Rational and not base.is_Integer:
        # (2/3)^(10^8): an exact fraction whose numerator and denominator both grow
        size = max(abs(base.p), abs(base.q))
        if e * math.log10(size) > MAX_POWER_DIGITS:
            raise TooComplexError(f"a power with more than {MAX_POWER_DIGITS} digits", "", position)


def _call(n: Call, walk) -> sympy.Expr:
    table = _functions()
    args = [walk(a) for a in n.args]
    name = n.function
    primes = len(name) - len(name.rstrip("'"))
    base = name.rstrip("'")
    if base in {"max", "min"}:
        result = (sympy.Max if base == "max" else sympy.Min)(*args)
    elif base == "softmax":
        raise ParseError("softmax of a vector cannot be written in one line", "", n.position)
    elif base in table:
        if len(args) != 1:
            raise ParseError(f"{base} takes one argument", "", n.position)
        function = table[base]
        if primes:
            x = sympy.Dummy("x")
            derivative = sympy.diff(function(x), x, primes)
            result = derivative.xreplace({x: args[0]})
        else:
            result = function(args[0])
    else:
        function = sympy.Function(base)
        result = function(*args)
        if primes:
            if len(args) != 1:
                raise ParseError(f"{name} with more than one argument", "", n.position)
            x = args[0]
            if isinstance(x, sympy.Symbol):
                result = sympy.Derivative(result, x, primes)
            else:
                d = sympy.Dummy("x")
                result = sympy.Subs(sympy.Derivative(function(d), d, primes), d, x)
    if n.power is not None:
        power = walk(n.power)
        _guard_power(result, power, n.position)
        result = sympy.Pow(result, power)
    return result


def _condition(condition: Condition, walk):
    if condition.op == "otherwise":
        return sympy.true
    left, right = walk(condition.left), walk(condition.right)
    return {"<": sympy.Lt, "<=": sympy.Le, ">": sympy.Gt, ">=": sympy.Ge}[condition.op](left, right)


def parse_expression(text: str) -> sympy.Expr:
    """Parse plain math or LaTeX into a SymPy expression, without ``eval``.

    Raises :class:`~symnn.core.errors.ParseError` (with ``position``) on text it cannot read.

    >>> parse_expression("1/(1+exp(-x))")
    1/(1 + exp(-x))
    >>> parse_expression(r"\\begin{cases} 0 & x < 0 \\\\ x & x \\geq 0 \\end{cases}")
    Piecewise((0, x < 0), (x, True))
    >>> parse_expression("2 * (3 +")
    Traceback (most recent call last):
    ...
    symnn.core.errors.ParseError: expected a number, a name or '(', found end of line (at position 8)
    """
    try:
        relation = parse_relation(text)
    except ParseError as error:
        _locate(error, text)
        raise
    if len(relation.parts) != 1:
        error = ParseError("expected one expression, found a relation ('=')", text,
                           relation.parts[1].start if len(relation.parts) > 1 else 0)
        _locate(error, text)
        raise error
    try:
        return relation.parts[0].expr
    except (ValueError, TypeError, ZeroDivisionError, OverflowError, AttributeError) as error:
        # SymPy refuses what the grammar accepted (\max(1/0)): the text has no value
        raise ParseError(f"cannot be read as an expression ({type(error).__name__}: {str(error)[:60]})",
                         text, 0) from None


def _locate(error: ParseError, text: str) -> None:
    """Add '(at position N)' to the message of an error raised while reading ``text``."""
    if error.position is not None and "(at position" not in str(error.args[0]):
        error.args = (f"{error.args[0]} (at position {error.position})",)
    if not error.text:
        error.text = text


# --------------------------------------------------------------------------------------------
# LaTeX beyond our grammar: latex2sympy2-extended, behind the notation table
# --------------------------------------------------------------------------------------------

#: LaTeX commands the fallback may pass on (anything else is refused before latex2sympy2 sees it)
_FALLBACK_COMMANDS = {
    "int", "iint", "lim", "to", "binom", "prod", "sum", "frac", "dfrac", "tfrac", "sqrt", "cdot", "times",
    "div", "left", "right", "exp", "log", "ln", "sin", "cos", "tan", "sinh", "cosh", "tanh", "infty", "pi",
    "partial", "mathrm", "operatorname", "max", "min", "le", "leq", "ge", "geq", "approx", "lfloor",
    "rfloor", "lceil", "rceil", "pm", "mid", "vert", "begin", "end", "matrix", "pmatrix", "bmatrix",
    "det", "cdots", "ldots", "quad", "qquad", ",", ";", "!", " ", "\\", "{", "}", "arcsin", "arccos",
    "arctan", *GREEK}


def parse_latex_fallback(text: str) -> tuple[list[sympy.Expr], list[str]]:
    r"""Read LaTeX our grammar does not cover (``\int``, ``\lim``, ``inom``, ``\prod`` ...) with
    latex2sympy2-extended, after turning the field's names into placeholder symbols.

    Names such as ``In_{h_1}``, ``Error`` or ``w_5'`` become ``Q_{k}`` before the text is
    handed on (so ``In`` is never ``I*n``) and come back as our canonical names; only a
    whitelist of commands is passed on. Returns the parts of the relation chain and the
    relations between them. It is slower than our own parser and is used only when that
    fails; the checker calls it inside its time-bounded worker.

    >>> parts, relations = parse_latex_fallback(r"\int_0^1 In_{h_1} x \, dx = \frac{In_{h_1}}{2}")
    >>> parts[0], parts[1], relations
    (Integral(In_h1*x, (x, 0, 1)), In_h1/2, ['='])
    """
    tokens = tokenize(text)
    for t in tokens:
        if t.kind == "CMD" and t.text not in _FALLBACK_COMMANDS:
            raise ParseError(f"unknown command \\{t.text}", text, t.position)
    pieces: list[tuple[int, int, str]] = []  # (start, end, canonical name)
    i = 0
    while i < len(tokens) - 1:
        t = tokens[i]
        is_word = t.kind == "NAME" and not (len(t.text) == 2 and t.text.startswith("d"))
        if not is_word and not (t.kind == "CMD" and t.text in GREEK):
            i += 1
            continue
        j = i + 1
        subscript = ""
        if tokens[j].kind == "OP" and tokens[j].text == "_":
            j += 1
            if tokens[j].kind == "OP" and tokens[j].text == "{":
                depth, inner = 1, []
                j += 1
                while j < len(tokens) - 1 and depth:
                    if tokens[j].kind == "OP" and tokens[j].text in "{}":
                        depth += 1 if tokens[j].text == "{" else -1
                    if depth:
                        inner.append(tokens[j])
                    j += 1
                subscript = _sub_text(inner)
            else:
                subscript = tokens[j].text
                j += 1
        primes = 0
        while tokens[j].kind == "OP" and tokens[j].text == "'":
            primes += 1
            j += 1
        base = t.text
        if len(base) > 1 or subscript or primes or t.kind == "CMD":
            kept = {"exp", "log", "ln", "sin", "cos", "tanh", "max", "min", "sqrt"}
            if base.lower() in FUNCTIONS and base.lower() not in kept:
                raise ParseError(f"{base} cannot be read here", text, t.position)
            end = tokens[j].position
            pieces.append((t.position, end, canonical_name(base, subscript, primes > 0)))
        i = j
    names: dict[str, str] = {}
    out, last = [], 0
    for start, end, name in pieces:
        placeholder = names.setdefault(name, f"Q_{{{len(names) + 1}}}")
        out.append(text[last:start])
        out.append(" " + placeholder + " ")
        last = end
    out.append(text[last:])
    translated = "".join(out).replace("$", " ")
    back = {}
    for name, placeholder in names.items():
        back[placeholder] = name
        back[placeholder.replace("{", "").replace("}", "")] = name  # latex2sympy2 writes Q_1
    # split the chain at relations outside braces
    parts_text, relations, depth, current = [], [], 0, []
    k = 0
    while k < len(translated):
        ch = translated[k]
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        if depth == 0 and (ch == "=" or translated.startswith("\\approx", k)):
            parts_text.append("".join(current))
            relations.append("=" if ch == "=" else "≈")
            current = []
            k += 1 if ch == "=" else len("\\approx")
            continue
        current.append(ch)
        k += 1
    parts_text.append("".join(current))
    from latex2sympy2_extended import latex2sympy
    from latex2sympy2_extended.latex2sympy2 import ConversionConfig

    config = ConversionConfig(lowercase_symbols=False, interpret_as_mixed_fractions=False)
    exprs = []
    for part in parts_text:
        cleaned = part.replace("&", " ").strip()
        if not cleaned:
            raise ParseError("expected an expression", text, 0)
        try:
            expr = latex2sympy(cleaned, normalization_config=None, conversion_config=config)
        except Exception as error:  # the ANTLR parser raises several kinds
            raise ParseError(f"cannot be read: {str(error).splitlines()[0][:80]}", text, 0) from None
        if not isinstance(expr, sympy.Expr) or isinstance(expr, sympy.Eq | sympy.Rel):
            raise ParseError("not a single expression", text, 0)
        replace = {s: sympy.Symbol(back[s.name]) for s in expr.free_symbols if s.name in back}
        exprs.append(expr.xreplace(replace))
    return exprs, relations
