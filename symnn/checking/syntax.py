"""The syntax tree of a written line: numbers as written, names, named derivatives, operations,
and the relation chain ``part = part = ...``; with the limits every parse is held to."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from ..core.errors import ParseError
from ..core.numbers import decimals_written

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


@dataclass(frozen=True)
class Vector:
    """A parenthesised comma list ``(0.34, 0.46, 0.20)``, ``[a, b]`` or a ``pmatrix``: one value per
    component."""

    items: tuple
    position: int = 0


@dataclass(frozen=True)
class Gradient:
    r"""``\nabla_w f``: the vector of the derivatives of ``operand`` by the components of ``variable``."""

    operand: Node
    variable: Node
    position: int = 0


@dataclass(frozen=True)
class Sum:
    r"""A sum without numeric limits: ``\sum (\hat y - y)^2`` (over the components of a vector) or
    ``sum over j != y_i of ...`` (``index`` and the excluded value ``excluded`` kept as written)."""

    operand: Node
    index: str = ""
    excluded: Node | None = None
    position: int = 0


Node = Num | Name | Partial | Derivative | BinOp | Neg | Call | Cases | Vector | Gradient | Sum


def iter_nodes(node: Node):
    """Every node of the tree, parents before children.

    >>> from symnn.checking.parse import parse_relation
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
    elif isinstance(node, Vector):
        for item in node.items:
            yield from iter_nodes(item)
    elif isinstance(node, Gradient):
        yield from iter_nodes(node.operand)
        yield from iter_nodes(node.variable)
    elif isinstance(node, Sum):
        yield from iter_nodes(node.operand)
        if node.excluded is not None:
            yield from iter_nodes(node.excluded)
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

    >>> from symnn.checking.parse import parse_relation
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
    if isinstance(node, Vector):
        return "(" + ", ".join(node_text(item) for item in node.items) + ")"
    if isinstance(node, Gradient):
        return f"grad_{_wrap(node.variable)}({node_text(node.operand)})"
    if isinstance(node, Sum):
        over = f"_{node.index}" if node.index else ""
        if node.excluded is not None:
            over += f"!={_wrap(node.excluded)}"
        return f"sum{over}({node_text(node.operand)})"
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
    continues the chain of the row above. ``gap`` is True when a side was left out
    (``(\\ldots) \times x_2``): the figure after it comes from working not shown.
    """

    text: str
    parts: tuple
    relations: tuple = field(default_factory=tuple)
    continued: bool = False
    gap: bool = False


