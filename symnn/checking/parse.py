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

import sympy

from ..core.errors import ParseError
from ..core.functions import ACTIVATIONS
from ..core.numbers import decimals_written
from .grammar import (
    _Parser,
)
from .notation import normalize
from .syntax import (
    MAX_DEPTH,
    MAX_LINE,
    MAX_NUMBER_DIGITS,
    MAX_POWER_DIGITS,
    MAX_TOKENS,
    BinOp,
    Call,
    Cases,
    Condition,
    Derivative,
    Gradient,
    Name,
    Neg,
    Node,
    Num,
    Part,
    Partial,
    Relation,
    Sum,
    TooComplexError,
    Vector,
    iter_nodes,
    node_text,
)
from .tokens import (
    _RELATIONS,
    FUNCTIONS,
    GREEK,
    Token,
    _sub_text,
    canonical_name,
    tokenize,
)
from .vectorgrammar import merged_inequality

__all__ = [
    "FUNCTIONS",
    "GREEK",
    "MAX_DEPTH",
    "MAX_LINE",
    "MAX_NUMBER_DIGITS",
    "MAX_POWER_DIGITS",
    "MAX_TOKENS",
    "BinOp",
    "Call",
    "Cases",
    "Condition",
    "Derivative",
    "Gradient",
    "Name",
    "Neg",
    "Node",
    "Num",
    "Part",
    "Partial",
    "Relation",
    "Sum",
    "TooComplexError",
    "Vector",
    "canonical_name",
    "decimals_written",
    "iter_nodes",
    "node_text",
    "parse_expression",
    "parse_latex_fallback",
    "parse_relation",
    "to_sympy",
    "tokenize",
]

def parse_relation(text: str) -> Relation:
    r"""Parse one line as a chain of expressions joined by ``=``, ``\approx`` or ``≈``.

    Alignment marks (``&``) and row ends (``\\``) are ignored; anything after
    ``\leftarrow`` is a remark and is dropped.

    >>> r = parse_relation(r"w_5' &= w_5 - \eta \delta_5 \approx 0.07")
    >>> [node_text(p.node) for p in r.parts], r.relations
    (["w5'", 'w5 - eta*delta5', '0.07'], ('=', '≈'))
    """
    text = _without_end_mark(normalize(text))
    if "\\text" in text or "\\mbox" in text or "\\textrm" in text:
        text = _PROSE_TEXT.sub(" ", text)  # \text{(each row sums to zero)}: words, not a name
    if "<" in text or ">" in text or "\\lt" in text or "\\gt" in text:
        # "u_2 = ... = -0.1195 < 0": a remark on the sign after the chain, not a side of it (a
        # remark that is false, "-0.0084 > 0", stays, and the line is not read)
        text = _SIGN_REMARK.sub(_true_sign_remark, text)
    if "." in text or "dots" in text:  # (\ldots) * x_2, "...": a side left out, read as a gap
        text = _ELLIPSIS.sub(lambda m: f" {_GAP} ", text)
    tokens = merged_inequality(tokenize(text))
    cleaned: list[Token] = []
    environments = 0
    updated_head = False
    for t in tokens:
        if t.kind == "CMD" and t.text in {"begin", "end"}:
            environments += 1 if t.text == "begin" else -1
        if environments > 0:
            cleaned.append(t)
            continue
        if t.kind == "CMD" and t.text in {"leftarrow", "gets"} and cleaned \
                and not any(c.kind == "REL" for c in cleaned):
            # W^{(2)} \leftarrow W^{(2)} - \eta \nabla W^{(2)}: the name's value after the update
            cleaned.append(Token("REL", "=", t.position))
            updated_head = True
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
    # a side with a gap (\ldots) is not read: the sides around it are joined
    gaps = [any(t.kind == "NAME" and t.text == _GAP for t in group) for group in groups]
    if any(gaps) and not all(gaps):
        kept = [k for k, gap in enumerate(gaps) if not gap]
        relations = [relations[k - 1] for k in kept[1:]]  # the relation written before each side kept
        groups = [groups[k] for k in kept]
        if len(groups) < 2:
            raise ParseError("a side with a gap (...) cannot be checked", text, 0)
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
    if updated_head and parts and isinstance(parts[0].node, Name):
        head = parts[0]
        parts[0] = Part(head.text + "'", head.start, Name(head.node.name + "'", head.node.position),
                        head.notes)
    return Relation(text, tuple(parts), tuple(relations), continued, any(gaps))


#: words in math: \text{...} with a space or a letter beyond ASCII in it (a one-word \text{new} is a name)
_PROSE_TEXT = re.compile(r"\\(?:text|mbox|textrm|textit)\s*\{[^{}]{0,200}?(?:\s|[^\x00-\x7f])[^{}]{0,200}\}")
#: the sign of the last figure of a chain said after it: "= -0.1195 < 0", "= 0.58 > 0"
_SIGN_REMARK = re.compile(r"(?<![\w.])(?P<figure>[-−]?\d+(?:\.\d+)?)\s*(?P<op><|>|\\lt|\\gt)\s*0(?:\.0*)?"
                          r"\s*$")


def _true_sign_remark(match: re.Match) -> str:
    negative = float(match.group("figure").replace("−", "-")) < 0
    says_negative = match.group("op") in ("<", "\\lt")
    return match.group("figure") if negative == says_negative else match.group(0)
#: an ellipsis the writer leaves for a part of the working: \ldots, \dots, \cdots, "...", "…"
_ELLIPSIS = re.compile(r"\\(?:ldots|dots|cdots|dotsc|dotsb)(?![A-Za-z])|\.\.\.+|…")
_GAP = "ELLIPSISGAP"


def _without_end_mark(text: str) -> str:
    r"""The text without the comma or full stop that ends a sentence or a display row
    (``z &= q + w_2 = 1, \\``, ``= 0.196612.``); ``\,`` (a thin space) is kept.

    >>> _without_end_mark(r"u &= e^{-z} = 0.367879, \\"), _without_end_mark("f = 0.731059.")
    ('u &= e^{-z} = 0.367879 \\\\', 'f = 0.731059')
    """
    body = text.rstrip()
    tail = ""
    if body.endswith("\\\\"):
        body, tail = body[:-2].rstrip(), " \\\\"
    if body[-1:] in {",", ".", ";"} and body[-2:-1] != "\\":
        return body[:-1].rstrip() + tail
    return text



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
        if isinstance(n, Vector | Gradient | Sum):
            raise ParseError("a vector is read component by component, not as one expression", "",
                             n.position)
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
        return to_sympy(relation.parts[0].node)
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
            if j >= len(tokens) - 1:  # (the last token is the end of the line)
                raise ParseError("expected a subscript after '_'", text, tokens[-1].position)
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

