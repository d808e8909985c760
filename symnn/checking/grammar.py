"""The grammar: a recursive-descent parser from tokens to the syntax tree, bounded in depth,
in the size of every number and in the terms of a sum."""

from __future__ import annotations

import re
from fractions import Fraction

from ..core.errors import ParseError
from .syntax import (
    MAX_DEPTH,
    MAX_NUMBER_DIGITS,
    BinOp,
    Call,
    Cases,
    Condition,
    Derivative,
    Name,
    Neg,
    Node,
    Num,
    Partial,
    TooComplexError,
    iter_nodes,
)
from .tokens import (
    _ACCENTS,
    _COMPARISONS,
    _OTHERWISE,
    _RELATIONS,
    _TEXT_COMMANDS,
    _UPDATE_MARKS,
    _UPDATE_WORDS,
    FUNCTION_LETTERS,
    FUNCTIONS,
    GREEK,
    Token,
    _sub_text,
    canonical_name,
)
from .vectorgrammar import MATRICES, VectorGrammar

# --------------------------------------------------------------------------------------------
# Parser
# --------------------------------------------------------------------------------------------


class _Parser(VectorGrammar):
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
        if self.at("OP", "^") and self.transpose_mark():
            return Call("transpose", (base,), base.position if hasattr(base, "position") else 0)
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
            return self.bracketed("(", ")")
        if t.kind == "OP" and t.text == "[":
            return self.bracketed("[", "]")
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
        transposed = False
        while True:
            if self.at("OP", "_") and (not subscript or self.peek().kind in {"NAME", "NUM"}):
                # y_hat_1 in plain text: one subscript "hat1"
                self.advance()
                more = _sub_text(self.braced_tokens())
                if not more:
                    raise self.error("expected a subscript")
                subscript += more
            elif self.at("OP", "'"):
                self.advance()
                primes += 1
            elif self.at("OP", "^") and not subscript and (layer := self.layer_mark()) is not None:
                subscript, transposed = f"L{layer[0]}", layer[1]  # W^{(2)}: the matrix of layer 2
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
        name = Name(canonical_name(base, subscript, updated or primes > 0), position)
        return Call("transpose", (name,), position) if transposed else name

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
        if t.text == "sum" and self.at("NAME", "over"):
            return self.worded_sum(t)
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
        if function in FUNCTION_LETTERS and power is None and len(args) == 1 \
                and any(isinstance(n, Name) and n.name == function for n in iter_nodes(args[0])):
            # f(1 - f): the sigmoid gate's local gradient, a product, not f applied to 1 - f
            return BinOp("*", Name(function, position), args[0], position)
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
            return self.inline_partial(t)
        if name == "nabla":
            return self.nabla(t)
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
            return self.open_sum(t)  # over the components of a vector
        self.advance()
        lower = self.braced_tokens()
        if not self.at("OP", "^") and len(lower) == 1 and lower[0].kind == "NAME":
            return self.open_sum(t, lower[0])  # \sum_i y_i: over the components
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
        if kind in MATRICES:
            return self.matrix(t, kind)
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


