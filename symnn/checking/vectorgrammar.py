r"""The grammar of vectors and of sums without numeric limits (a part of the parser).

* ``(0.34, 0.46, 0.20)``, ``[a, b]``, ``\left( \frac{\partial f}{\partial w_0}, ... \right)`` and a
  one-row or one-column ``pmatrix``/``bmatrix`` are a :class:`Vector`;
* ``\nabla_w f`` is a :class:`Gradient`;
* ``\sum (\hat y - y)^2`` (no limits: over the components), ``\sum_i y_i \log \hat y_i`` (an index
  without a range) and ``sum over j != y_i of max(0, ...)`` are a :class:`Sum`;
* ``\partial L / \partial \hat y_1`` is the named derivative written inline;
* ``w^\top x``, ``w^T x``: ``transpose(w)`` times x, a dot product where the vectors are known.

>>> from symnn.checking.parse import parse_relation, node_text
>>> node_text(parse_relation(r"\hat y = (0.34,\ 0.46, 0.20)").parts[1].node)
'(0.34, 0.46, 0.20)'
>>> node_text(parse_relation(r"\nabla_w f").parts[0].node)
'grad_w(f)'
>>> node_text(parse_relation(r"\tfrac12 \sum (\hat y - y)^2").parts[0].node)
'1/2*sum((yhat - y)^2)'
>>> node_text(parse_relation("sum over j != y_i of max(0, s_j + 1)").parts[0].node)
'sum_j!=y_i(max(0, s_j + 1))'
>>> node_text(parse_relation(r"\partial L / \partial \hat y_1").parts[0].node)
'dL/dyhat1'
>>> node_text(parse_relation(r"w^\top x + b").parts[0].node)
'transpose(w)*x + b'
"""

from __future__ import annotations

from ..core.errors import ParseError
from .syntax import Gradient, Name, Node, Partial, Sum, Vector
from .tokens import Token

#: environments that hold a vector (one row or one column)
MATRICES = {"pmatrix", "bmatrix", "matrix", "vmatrix", "Bmatrix", "smallmatrix"}
#: most components of one vector
MAX_COMPONENTS = 50


class VectorGrammar:
    """Vectors, gradients and sums without limits (a part of the recursive-descent parser)."""

    def bracketed(self, opening: str, closing: str) -> Node:
        """``( expr )`` or ``[ expr ]``; with commas at the top level, a vector of the expressions."""
        start = self.expect("OP", opening, f"'{opening}'")
        if self.at("OP", closing):
            raise self.error("expected an expression inside the brackets")
        items = [self.expression()]
        while self.at("OP", ","):
            self.advance()
            items.append(self.expression())
            if len(items) > MAX_COMPONENTS:
                raise ParseError(f"a vector of more than {MAX_COMPONENTS} components", self.text,
                                 start.position)
        self.close(closing, start)
        return items[0] if len(items) == 1 else Vector(tuple(items), start.position)

    def matrix(self, t: Token, kind: str) -> Node:
        r"""``\begin{pmatrix} a \\ b \end{pmatrix}`` (a column) or ``a & b`` (a row): a vector; rows of
        several entries: a matrix (a vector of rows)."""
        rows: list[list[list[Token]]] = [[[]]]
        while True:
            tk = self.advance()
            if tk.kind == "END":
                raise ParseError(f"\\begin{{{kind}}} without \\end{{{kind}}}", self.text, t.position)
            if tk.kind == "CMD" and tk.text == "end":
                self.braced_tokens()
                break
            if tk.kind == "OP" and tk.text == "\\\\":
                rows.append([[]])
            elif tk.kind == "OP" and tk.text == "&":
                rows[-1].append([])
            else:
                rows[-1][-1].append(tk)
        rows = [row for row in rows if any(cell for cell in row)]
        cells = [cell for row in rows for cell in row]
        if rows and len(rows) > 1 and any(len(row) > 1 for row in rows):
            # a matrix: a vector of its rows, each a vector of its entries (as [[a, b], [c, d]])
            if len({len(row) for row in rows}) != 1 or any(not cell for cell in cells) \
                    or len(cells) > MAX_COMPONENTS:
                raise ParseError("a matrix with rows of different lengths, an empty entry or too many "
                                 "entries", self.text, t.position)
            return Vector(tuple(Vector(tuple(self.sub_parser(cell).parse() for cell in row), t.position)
                                for row in rows), t.position)
        if not rows:
            raise ParseError("an empty matrix", self.text, t.position)
        if any(not cell for cell in cells) or len(cells) > MAX_COMPONENTS:
            raise ParseError("a vector with an empty or too many components", self.text, t.position)
        items = tuple(self.sub_parser(cell).parse() for cell in cells)
        return items[0] if len(items) == 1 else Vector(items, t.position)

    def nabla(self, t: Token) -> Node:
        r"""``\nabla_w f``: the gradient of what follows by the components of the subscript."""
        if not self.at("OP", "_"):
            # ∇W: the gradient of the loss by the entries of what follows, as ∇_W E
            if not self.at("NAME") and not self.at("CMD"):
                raise ParseError("a gradient needs its variable, e.g. \\nabla_w f", self.text, t.position)
            self.enter()
            variable = self.power()
            self.depth -= 1
            return Gradient(Name("E", t.position), variable, t.position)
        self.advance()
        variable = self.sub_parser(self.braced_tokens()).parse()
        self.enter()
        operand = self.power()
        self.depth -= 1
        return Gradient(operand, variable, t.position)

    def open_sum(self, t: Token, index: Token | None = None) -> Node:
        r"""``\sum x`` or ``\sum_i x_i`` (``index``): a sum whose range is the length of a vector."""
        if index is not None and len(index.text) != 1:
            raise ParseError("expected limits like \\sum_{i=1}^{n} with whole numbers", self.text,
                             t.position)
        self.enter()
        operand = self.term_for_sum()
        self.depth -= 1
        return Sum(operand, index.text if index is not None else "", None, t.position)

    def worded_sum(self, t: Token) -> Node:
        """``sum over j != y_i of max(0, s_j - s_yi + 1)``: a sum over an index, one value left out."""
        self.advance()  # over
        index = self.advance()
        if index.kind != "NAME" or len(index.text) != 1:
            raise ParseError("expected the index of the sum after 'over'", self.text, index.position)
        excluded = None
        if self.at("OP", "≠"):
            self.advance()
            tokens = []
            while not self.at("END") and not self.at("NAME", "of"):
                tokens.append(self.advance())
            if not tokens:
                raise self.error("expected the value left out of the sum")
            excluded = self.sub_parser(tokens).parse()
        if not self.at("NAME", "of"):
            raise self.error("expected 'of' after the range of the sum")
        self.advance()
        self.enter()
        operand = self.term_for_sum()
        self.depth -= 1
        return Sum(operand, index.text, excluded, t.position)

    def transpose_mark(self) -> bool:
        r"""At ``^``: consume ``^\top``, ``^T``, ``^{\top}``, ``^{T}``, ``^\intercal`` or ``^\mathsf{T}`` (a
        transpose) and return True; anything else is left for the exponent."""
        texts = []
        for k in range(1, 7):
            token = self.peek(k)
            texts.append(token.text if token.kind in {"CMD", "NAME", "OP"} else "\0")
        for pattern in (["top"], ["intercal"], ["T"], ["{", "top", "}"], ["{", "T", "}"],
                        ["mathsf", "{", "T", "}"], ["{", "intercal", "}"]):
            if texts[:len(pattern)] == pattern and (pattern[0] != "T" or self.peek(1).kind == "NAME"):
                for _ in range(len(pattern) + 1):
                    self.advance()
                return True
        return False

    def layer_mark(self) -> tuple[str, bool] | None:
        r"""At ``^`` after a name without a subscript: consume ``^{(2)}`` or ``^{(2)\top}`` (the index of
        a layer, W^{(2)} and \delta^{(2)}, not a power) and return (the index, transposed)."""
        texts = [self.peek(k).text if self.peek(k).kind in {"CMD", "NAME", "OP", "NUM"} else "\0"
                 for k in range(1, 8)]
        if texts[:2] != ["{", "("] or not texts[2].isdigit() or len(texts[2]) > 2 or texts[3] != ")":
            return None
        if texts[4] == "}":
            length, transposed = 5, False
        elif texts[4] in {"top", "T"} and texts[5] == "}":
            length, transposed = 6, True
        else:
            return None
        index = texts[2]
        for _ in range(length + 1):
            self.advance()
        return index, transposed

    def inline_partial(self, t: Token) -> Node:
        r"""``\partial L / \partial w``: a named derivative written on one line."""
        self.enter()
        numerator = self.power()
        if not (self.at("OP", "/") and self.peek().kind == "CMD" and self.peek().text == "partial"):
            raise ParseError("\\partial outside of a fraction", self.text, t.position)
        self.advance()
        self.advance()
        denominator = self.power()
        self.depth -= 1
        return Partial(numerator, denominator, t.position)


def merged_inequality(tokens: list[Token]) -> list[Token]:
    """``!=`` (read as ``!`` and a relation) becomes one token ``≠``."""
    out: list[Token] = []
    for token in tokens:
        if token.kind == "REL" and token.text == "=" and out and out[-1].kind == "OP" and out[-1].text == "!":
            out[-1] = Token("OP", "≠", out[-1].position)
            continue
        if token.kind == "CMD" and token.text in {"neq", "ne"}:
            token = Token("OP", "≠", token.position)
        out.append(token)
    return out


__all__ = ["MATRICES", "VectorGrammar", "merged_inequality"]
