"""The computation graph ("circuit") of an expression: gates, forward values, backward gradients.

An expression is split into primitive gates as the lecture draws them: ``+``
and ``*`` (binary, folded left to right, or n-ary), ``*(-1)`` (negation), ``+c``
and ``*c`` (a constant is a parameter of its gate, not a node), ``1/x``, powers
``x^c``, ``exp``, ``log``, and every activation of the catalogue as one gate.
With ``fuse_sigmoid=True`` the pattern 1/(1 + e^{-z}) becomes one sigmoid gate.

The forward pass computes every node's value in topological order; the backward
pass then walks the same order in reverse, once, adding each gate's local
derivative times its upstream gradient into its inputs (gradients add where a
value is used twice). Each node ends with its value and d output / d node.

The lecture's circuit, f(w, x) = 1/(1 + e^{-(w0 x0 + w1 x1 + w2)}):

>>> import sympy
>>> w0, x0, w1, x1, w2 = sympy.symbols("w0 x0 w1 x1 w2")
>>> f = 1 / (1 + sympy.exp(-(w0 * x0 + w1 * x1 + w2)))
>>> c = circuit(f, at={"w0": 2, "x0": -1, "w1": -3, "x1": -2, "w2": -3})
>>> [(n.gate_name, round(float(n.value), 2)) for n in c.gates]
[('*', -2.0), ('*', 6.0), ('+', 4.0), ('+', 1.0), ('*(-1)', -1.0), ('exp', 0.37), ('+1', 1.37), ('1/x', 0.73)]
>>> {str(s): round(float(g), 4) for s, g in c.gradients.items()}
{'w0': -0.1966, 'x0': 0.3932, 'w1': -0.3932, 'x1': -0.5898, 'w2': 0.1966}

The order of the terms is SymPy's printing order (``as_ordered_terms``), which for
the lecture's expression is the written order: w0*x0, then w1*x1, then + w2.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import sympy

from ..core.errors import UnknownNameError
from ..core.functions import ACTIVATIONS, Activation, Sigmoid
from .values import CircuitError, match_values, read_values, to_number

__all__ = ["Circuit", "CircuitError", "Gate", "Node", "circuit", "read_values", "to_number"]

#: significant digits of the numbers when a circuit is evaluated with ``exact=False``
DIGITS = 30


# -- gates ------------------------------------------------------------------------------------

_X, _Y = sympy.symbols("x y")


def _variables(arity: int) -> tuple[sympy.Symbol, ...]:
    if arity == 1:
        return (_X,)
    if arity == 2:
        return (_X, _Y)
    return sympy.symbols(f"x1:{arity + 1}")


@dataclass(frozen=True)
class Gate:
    """A primitive operation: its name, its formula in the variables x (and y, or x1..xn).

    >>> g = Gate.power(-1)
    >>> g.name, g.formula, g.derivatives
    ('1/x', 1/x, (-1/x**2,))
    >>> g.rule
    'd/dx = -1/x**2'
    """

    name: str
    formula: sympy.Expr
    arity: int
    tex: str = ""

    @property
    def variables(self) -> tuple[sympy.Symbol, ...]:
        """The formula's variables, one per input, in input order."""
        return _variables(self.arity)

    @property
    def derivatives(self) -> tuple[sympy.Expr, ...]:
        """The local derivatives d gate / d input, one per input."""
        return tuple(sympy.diff(self.formula, v) for v in self.variables)

    @property
    def rule(self) -> str:
        """The local derivative rule in words the field uses, e.g. ``d/dx = y, d/dy = x``."""
        return ", ".join(f"d/d{v} = {sympy.sstr(d)}" for v, d in zip(self.variables, self.derivatives,
                                                                      strict=True))

    @property
    def latex_label(self) -> str:
        """The gate's label for pictures, in LaTeX math."""
        return self.tex or sympy.latex(self.formula)

    # the gate table: one constructor per primitive
    @classmethod
    def add(cls, arity: int = 2) -> Gate:
        return cls("+", sympy.Add(*_variables(arity)), arity, "+")

    @classmethod
    def multiply(cls, arity: int = 2) -> Gate:
        return cls("*", sympy.Mul(*_variables(arity)), arity, r"\ast")

    @classmethod
    def add_constant(cls, c: sympy.Expr) -> Gate:
        return cls(f"+{_constant_text(c)}", _X + c, 1, f"+{_constant_tex(c)}")

    @classmethod
    def scale(cls, c: sympy.Expr) -> Gate:
        return cls(f"*{_constant_text(c)}", c * _X, 1, rf"\ast{_constant_tex(c)}")

    @classmethod
    def power(cls, c: sympy.Expr) -> Gate:
        if c == -1:
            return cls("1/x", 1 / _X, 1, r"1/x")
        if c == sympy.S.Half:
            return cls("sqrt", sympy.sqrt(_X), 1, r"\sqrt{x}")
        return cls(f"x^{_constant_text(c)}", _X**c, 1, f"x^{{{sympy.latex(c)}}}")

    @classmethod
    def exponential(cls, base: sympy.Expr) -> Gate:
        return cls(f"{_constant_text(base)}^x", base**_X, 1, f"{sympy.latex(base)}^{{x}}")

    @classmethod
    def function(cls, name: str, formula: sympy.Expr, arity: int, tex: str = "") -> Gate:
        return cls(name, formula, arity, tex)


def _constant_text(c: sympy.Expr) -> str:
    text = sympy.sstr(c, full_prec=False)
    return text if re.fullmatch(r"[0-9.]+|[A-Za-z]\w*", text) else f"({text})"


def _constant_tex(c: sympy.Expr) -> str:
    text = sympy.latex(c)
    return text if re.fullmatch(r"[0-9.]+", text) else rf"\left({text}\right)"


_FUNCTION_TEX = {"exp": r"\exp", "log": r"\log", "sigmoid": r"\sigma", "tanh": r"\tanh"}


# -- nodes and the circuit --------------------------------------------------------------------

@dataclass
class Node:
    """A value in the circuit: an input symbol, or the output of one gate.

    ``expr`` is the subexpression the node computes; after :meth:`Circuit.evaluate`,
    ``value`` is its forward value, ``gradient`` is d output / d node, ``local`` the
    gate's local derivatives at the forward values (one per input) and ``upstream``
    the gradient that reached the node along each outgoing edge, as
    ``(consumer id, input position, contribution)``. ``value``, ``gradient`` and
    ``local`` are exact when the circuit was evaluated exactly; ``number``,
    ``gradient_number`` and ``local_numbers`` are always Floats of 30 digits.
    """

    id: str
    expr: sympy.Expr
    gate: Gate | None = None
    inputs: tuple[str, ...] = ()
    value: sympy.Expr | None = None
    gradient: sympy.Expr | None = None
    local: tuple[sympy.Expr, ...] = ()
    upstream: list[tuple[str, int, sympy.Expr]] = field(default_factory=list)
    number: sympy.Float | None = None
    gradient_number: sympy.Float | None = None
    local_numbers: tuple[sympy.Float, ...] = ()

    @property
    def is_input(self) -> bool:
        """Whether the node is an input symbol (a leaf)."""
        return self.gate is None

    @property
    def gate_name(self) -> str:
        """The gate's name, or ``"input"`` for an input symbol."""
        return "input" if self.gate is None else self.gate.name

    @property
    def rule(self) -> str:
        """The gate's local derivative rule (empty for an input)."""
        return "" if self.gate is None else self.gate.rule


class Circuit:
    """A computation graph: nodes in topological (forward) order, the last one the output.

    Build one with :meth:`from_expr` (or :func:`circuit`), then :meth:`evaluate` it.
    """

    def __init__(self, expr: sympy.Expr, nodes: list[Node], *, fuse_sigmoid: bool = False,
                 binary: bool = True, as_written: bool = False):
        self.expr = expr
        self.nodes = nodes
        self.fuse_sigmoid = fuse_sigmoid
        self.binary = binary
        self.as_written = as_written
        self._by_id = {n.id: n for n in nodes}
        self.evaluated = False

    # -- building ------------------------------------------------------------------------------
    @classmethod
    def from_expr(cls, expr: Any, *, fuse_sigmoid: bool = False, binary: bool = True,
                  as_written: bool = False) -> Circuit:
        """Split ``expr`` into gates.

        ``binary=True`` folds sums and products into two-input gates, left to right, as
        the lecture draws them; ``binary=False`` keeps one n-input gate per sum/product.
        ``fuse_sigmoid=True`` makes 1/(1 + e^{-z}) one sigmoid gate. ``as_written=True`` keeps
        the order of the terms and factors of an unevaluated expression (built with
        ``evaluate=False``): ``x + x + x*x`` is drawn with two + gates, not as ``x**2 + 2*x``.

        >>> x, y = sympy.symbols("x y")
        >>> [n.gate_name for n in Circuit.from_expr(x * y + x).nodes]
        ['input', 'input', '*', '+']
        """
        if not isinstance(expr, sympy.Basic):
            if isinstance(expr, (int, float)) and not isinstance(expr, bool):
                expr = sympy.Integer(expr) if isinstance(expr, int) else sympy.Float(expr)
            else:
                raise CircuitError(f"a circuit is built from a SymPy expression, not {type(expr).__name__}")
        try:
            builder = _Builder(expr, fuse_sigmoid=fuse_sigmoid, binary=binary, as_written=as_written)
            builder.build(expr)
        except RecursionError:
            raise CircuitError("the expression is nested too deeply to draw as a circuit") from None
        return cls(expr, builder.nodes, fuse_sigmoid=fuse_sigmoid, binary=binary, as_written=as_written)

    # -- access --------------------------------------------------------------------------------
    @property
    def output(self) -> Node:
        """The output node (the last in forward order)."""
        return self.nodes[-1]

    @property
    def input_nodes(self) -> list[Node]:
        """The input symbols' nodes, in the order they are first used."""
        return [n for n in self.nodes if n.is_input]

    @property
    def gates(self) -> list[Node]:
        """The gate nodes, in forward order."""
        return [n for n in self.nodes if not n.is_input]

    @property
    def symbols(self) -> list[sympy.Symbol]:
        """The input symbols, in the order they are first used."""
        return [n.expr for n in self.input_nodes]

    def node(self, node_id: str) -> Node:
        """The node called ``node_id``."""
        if node_id not in self._by_id:
            raise UnknownNameError("node", node_id, self._by_id)
        return self._by_id[node_id]

    def find(self, expr: Any) -> Node:
        """The node that computes ``expr`` (a subexpression of the circuit's expression).

        >>> x, y = sympy.symbols("x y")
        >>> circuit(sympy.exp(-(x + y))).find(x + y).gate_name
        '+'
        """
        for node in self.nodes:
            if node.expr == expr:
                return node
        raise CircuitError(f"no node of the circuit computes {str(expr)[:60]}")

    def consumers(self, node: Node) -> list[Node]:
        """The gate nodes that take ``node`` as an input, in forward order."""
        return [n for n in self.nodes if node.id in n.inputs]

    def __iter__(self) -> Iterator[Node]:
        return iter(self.nodes)

    def __len__(self) -> int:
        return len(self.nodes)

    def __repr__(self) -> str:
        return f"Circuit({sympy.sstr(self.expr)}, {len(self.gates)} gates)"

    @property
    def value(self) -> sympy.Expr:
        """The output's forward value."""
        self._require_values()
        return self.output.value

    @property
    def gradients(self) -> dict[sympy.Symbol, sympy.Expr]:
        """d output / d input for every input symbol, in order of first use."""
        self._require_values()
        return {n.expr: n.gradient for n in self.input_nodes}

    def _require_values(self) -> None:
        if not self.evaluated:
            raise CircuitError("the circuit has no values yet: call evaluate(at) first")

    # -- forward and backward ------------------------------------------------------------------
    def evaluate(self, at: Mapping | None = None, *, exact: bool = True) -> Circuit:
        """Forward values in topological order, then gradients in reverse order; returns self.

        ``at`` maps each input symbol (or its name) to a number. With ``exact=True``
        integers and fractions stay exact (values like 1/(1 + e^{-1})); with
        ``exact=False`` every value is a Float of 30 significant digits.
        """
        values = match_values(self.symbols, at or {})
        try:
            self._forward_backward(values, exact)
        except RecursionError:
            raise CircuitError("the values are nested too deeply to evaluate exactly; "
                               "evaluate with exact=False") from None
        self.evaluated = True
        return self

    def _forward_backward(self, values: dict[sympy.Symbol, sympy.Expr], exact: bool) -> None:
        # numbers first (30 digits, checked to be finite and real), then exact values if asked
        numeric = self._sweep({s: v.evalf(DIGITS) for s, v in values.items()}, check=True)
        result = self._sweep(values, check=False) if exact else numeric
        for node in self.nodes:
            node.number, node.local_numbers, node.gradient_number, _ = numeric[node.id]
            node.value, node.local, node.gradient, node.upstream = result[node.id]

    def _sweep(self, values: dict[sympy.Symbol, sympy.Expr], check: bool) -> dict[str, tuple]:
        """One forward loop in topological order, then one backward loop in reverse order."""
        value: dict[str, sympy.Expr] = {}
        local: dict[str, tuple[sympy.Expr, ...]] = {}
        for node in self.nodes:
            if node.is_input:
                value[node.id], local[node.id] = values[node.expr], ()
                continue
            gate = node.gate
            args = dict(zip(gate.variables, (value[i] for i in node.inputs), strict=True))
            value[node.id] = gate.formula.xreplace(args)
            local[node.id] = tuple(d.xreplace(args) for d in gate.derivatives)
            if check:
                value[node.id] = _number(value[node.id], node, "value")
                local[node.id] = tuple(_number(d, node, "local derivative") for d in local[node.id])
        one = sympy.Float(1, DIGITS) if check else sympy.S.One
        gradient: dict[str, sympy.Expr] = {node.id: sympy.S.Zero for node in self.nodes}
        gradient[self.output.id] = one
        upstream: dict[str, list] = {node.id: [] for node in self.nodes}
        for node in reversed(self.nodes):
            for position, (input_id, derivative) in enumerate(zip(node.inputs, local[node.id], strict=True)):
                contribution = gradient[node.id] * derivative
                gradient[input_id] = gradient[input_id] + contribution
                upstream[input_id].insert(0, (node.id, position, contribution))
        return {n.id: (value[n.id], local[n.id], gradient[n.id], upstream[n.id]) for n in self.nodes}

    def to_dict(self) -> dict:
        """The evaluated circuit as plain data (floats at full precision), e.g. for JSON."""
        self._require_values()
        return {
            "expression": sympy.sstr(self.expr),
            "value": float(self.output.number),
            "gradients": {str(n.expr): float(n.gradient_number) for n in self.input_nodes},
            "fuse_sigmoid": self.fuse_sigmoid,
            "nodes": [
                {
                    "id": n.id,
                    "gate": n.gate_name,
                    "inputs": list(n.inputs),
                    "expression": sympy.sstr(n.expr),
                    "value": float(n.number),
                    "gradient": float(n.gradient_number),
                    "local": [float(v) for v in n.local_numbers],
                    "rule": n.rule,
                }
                for n in self.nodes
            ],
        }


def circuit(expr: Any, at: Mapping | None = None, *, fuse_sigmoid: bool = False, binary: bool = True,
            exact: bool = True) -> Circuit:
    """The circuit of ``expr``; evaluated (forward and backward) when ``at`` is given.

    >>> x = sympy.Symbol("x")
    >>> c = circuit(1 / (1 + sympy.exp(-x)), at={"x": 0}, fuse_sigmoid=True)
    >>> [n.gate_name for n in c.nodes], c.value, c.gradients
    (['input', 'sigmoid'], 1/2, {x: 1/4})
    """
    built = Circuit.from_expr(expr, fuse_sigmoid=fuse_sigmoid, binary=binary)
    if at is not None or not built.symbols:
        built.evaluate(at or {}, exact=exact)
    return built


# -- splitting an expression into gates -------------------------------------------------------

class _Builder:
    """Walks an expression depth first, without recursion; nodes are appended children first.

    Each subexpression has a *plan*: the subexpressions it needs as nodes, and how to
    make its own node from theirs. Nodes are therefore created in topological order.
    """

    def __init__(self, expr: sympy.Expr, *, fuse_sigmoid: bool, binary: bool, as_written: bool = False):
        self.fuse_sigmoid = fuse_sigmoid
        self.as_written = as_written
        self.binary = binary
        self.nodes: list[Node] = []
        self.memo: dict[sympy.Basic, Node] = {}  # subexpression -> node
        self.gate_memo: dict[tuple, Node] = {}  # (gate, input ids) -> node: shared values are one node
        names = {str(s) for s in expr.free_symbols}
        self.prefix = next(p for p in ("n", "g", "node", "gate_")
                           if not any(re.fullmatch(re.escape(p) + r"\d+", name) for name in names))
        self.count = 0

    def build(self, expr: sympy.Expr) -> Node:
        plans: dict[sympy.Basic, tuple] = {}
        stack: list[tuple[sympy.Expr, bool]] = [(expr, False)]
        while stack:
            current, ready = stack.pop()
            if current in self.memo:
                continue
            if ready:
                children, assemble = plans.pop(current)
                self.memo[current] = assemble([self.memo[c] for c in children])
                continue
            if current in plans:  # already waiting for its children further down the stack
                continue
            plans[current] = children, _ = self.plan(current)
            stack.append((current, True))
            stack.extend((c, False) for c in reversed(children) if c not in self.memo)
        return self.memo[expr]

    def gate(self, gate: Gate, inputs: list[Node], expr: sympy.Expr) -> Node:
        key = (gate, tuple(n.id for n in inputs))
        if key in self.gate_memo:
            return self.gate_memo[key]
        for d in gate.derivatives:
            if d.has(sympy.Derivative, sympy.Subs):
                raise CircuitError(f"no derivative is known for the gate {gate.name} in {sympy.sstr(expr)}")
        self.count += 1
        node = Node(f"{self.prefix}{self.count}", expr, gate, tuple(n.id for n in inputs))
        self.nodes.append(node)
        self.gate_memo[key] = node
        return node

    def plan(self, expr: sympy.Expr) -> tuple[list[sympy.Expr], Callable[[list[Node]], Node]]:
        """(the subexpressions ``expr`` needs as nodes, a function making its node from theirs)."""
        if isinstance(expr, sympy.Symbol):
            return [], lambda _: self._input(expr)
        if expr.is_number:
            # only a whole expression without symbols gets here: constants elsewhere are parameters
            return [], lambda _: self.gate(Gate("constant", expr, 0, sympy.latex(expr)), [], expr)
        if self.fuse_sigmoid:
            z = _sigmoid_argument(expr)
            if z is not None:
                return [z], lambda nodes: self.gate(Gate("sigmoid", Sigmoid(_X), 1, r"\sigma"), nodes, expr)
        if isinstance(expr, sympy.Add):
            return self._sum(expr)
        if isinstance(expr, sympy.Mul):
            return self._product(expr)
        if isinstance(expr, sympy.Pow):
            return self._power(expr)
        if isinstance(expr, sympy.Function) and not isinstance(expr, sympy.Piecewise) and all(
                isinstance(a, sympy.Expr) for a in expr.args):
            return self._function(expr)
        raise CircuitError(f"cannot split {type(expr).__name__} ({_short(expr)}) into gates: "
                           "expected sums, products, powers, exp, log or activation functions")

    def _input(self, symbol: sympy.Symbol) -> Node:
        node = Node(str(symbol), symbol)
        self.nodes.append(node)
        return node

    def _fold(self, terms: list[sympy.Expr], nodes: list[Node], gate_of, combine) -> Node:
        if len(terms) == 1:
            return nodes[0]
        if not self.binary:
            return self.gate(gate_of(len(terms)), nodes, combine(*terms))
        node, so_far = nodes[0], terms[0]
        for term, term_node in zip(terms[1:], nodes[1:], strict=True):
            so_far = combine(so_far, term)
            node = self.gate(gate_of(2), [node, term_node], so_far)
        return node

    def _combine(self, operation):
        """``operation`` (Add or Mul) as written (unevaluated) when the circuit is drawn as written."""
        if self.as_written:
            return lambda *args: operation(*args, evaluate=False)
        return operation

    def _sum(self, expr: sympy.Add):
        terms = list(expr.args) if self.as_written else list(expr.as_ordered_terms())
        constant = sympy.Add(*[t for t in terms if t.is_number])
        others = [t for t in terms if not t.is_number]
        negated = not self.as_written and len(others) >= 2 and all(
            t.could_extract_minus_sign() for t in others) and (
            constant == 0 or constant.could_extract_minus_sign())
        if negated:  # -(a + b + c), as the lecture writes it: one *(-1) gate after the sum
            others, constant = [-t for t in others], -constant

        add = self._combine(sympy.Add)

        def assemble(nodes: list[Node]) -> Node:
            node = self._fold(others, nodes, Gate.add, add)
            body = add(*others)
            if constant != 0:
                body = body + constant
                node = self.gate(Gate.add_constant(constant), [node], body)
            if negated:
                node = self.gate(Gate.scale(sympy.S.NegativeOne), [node], expr)
            return node

        return others, assemble

    def _product(self, expr: sympy.Mul):
        factors = list(expr.args) if self.as_written else list(expr.as_ordered_factors())
        constant = sympy.Mul(*[f for f in factors if f.is_number])
        others = [f for f in factors if not f.is_number]

        multiply = self._combine(sympy.Mul)

        def assemble(nodes: list[Node]) -> Node:
            node = self._fold(others, nodes, Gate.multiply, multiply)
            if constant != 1:
                node = self.gate(Gate.scale(constant), [node], expr)
            return node

        return others, assemble

    def _power(self, expr: sympy.Pow):
        base, exponent = expr.args
        if exponent.is_number:
            return [base], lambda nodes: self.gate(Gate.power(exponent), nodes, expr)
        if base.is_number:
            return [exponent], lambda nodes: self.gate(Gate.exponential(base), nodes, expr)
        return [base, exponent], lambda nodes: self.gate(Gate.function("x^y", _X**_Y, 2, "x^y"), nodes, expr)

    def _function(self, expr: sympy.Function):
        if isinstance(expr, sympy.core.function.AppliedUndef):
            raise CircuitError(f"'{expr.func}' is not a known function, so its gate has no derivative")
        variable_args = [a for a in expr.args if not a.is_number]
        variables = iter(_variables(len(variable_args)))
        formula = expr.func(*[a if a.is_number else next(variables) for a in expr.args])
        name = _function_name(expr)
        tex = _FUNCTION_TEX.get(name, rf"\operatorname{{{name}}}".replace("_", r"\_"))
        gate = Gate.function(name, formula, len(variable_args), tex)
        return variable_args, lambda nodes: self.gate(gate, nodes, expr)


def _function_name(expr: sympy.Function) -> str:
    if isinstance(expr, Activation):
        for name, info in ACTIVATIONS.items():
            if isinstance(expr, info.function):
                return name
    return expr.func.__name__


def _sigmoid_argument(expr: sympy.Expr) -> sympy.Expr | None:
    """z when ``expr`` is 1/(1 + e^{-z}) or Sigmoid(z), else None.

    >>> z = sympy.Symbol("z")
    >>> _sigmoid_argument(1 / (1 + sympy.exp(-z))), _sigmoid_argument(1 / (2 + sympy.exp(-z)))
    (z, None)
    """
    if isinstance(expr, Sigmoid):
        return expr.args[0]
    if not (isinstance(expr, sympy.Pow) and expr.exp == -1 and isinstance(expr.base, sympy.Add)):
        return None
    terms = expr.base.args
    if len(terms) != 2 or sympy.S.One not in terms:
        return None
    other = terms[0] if terms[1] == 1 else terms[1]
    if isinstance(other, sympy.exp):
        return -other.args[0]
    return None


def _short(expr: sympy.Expr, limit: int = 60) -> str:
    text = sympy.sstr(expr)
    return text if len(text) <= limit else text[: limit - 3] + "..."


# -- values -----------------------------------------------------------------------------------

def _number(value: sympy.Expr, node: Node, what: str) -> sympy.Float:
    """``value`` evaluated to 30 digits and checked to be a finite real number.

    The numbers are mpmath's, with exponents of any size: e^800 inside 1/(1 + e^800) is
    an ordinary intermediate, and the result (about e^-800) is converted to a float only
    at the end.
    """
    numeric = value.evalf(DIGITS)
    if numeric.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo) or numeric.is_real is not True:
        raise CircuitError(
            f"the gate {node.gate_name} at node {node.id} ({_short(node.expr)}) has no finite real "
            f"{what} at these values (got {sympy.sstr(numeric)})")
    bits = numeric._mpf_[2] + numeric._mpf_[3] if numeric != 0 else 0
    if abs(bits) > _LARGEST_EXPONENT:
        size = bits * 30103 // 100000  # the power of ten, from the power of two
        about = f" (about 10^{size})" if abs(size) < 10**12 else ""
        raise CircuitError(
            f"the gate {node.gate_name} at node {node.id} ({_short(node.expr)}) has a {what} too large "
            f"to compute with at these values{about}")
    return numeric


#: the largest binary exponent of a value in a circuit (about 10^±300000): far beyond a float,
#: so that intermediates like e^800 are computed, but bounded, so that exp(exp(exp(10))) is refused
_LARGEST_EXPONENT = 10**6
