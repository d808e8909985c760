"""The MCP neuron, the perceptron learning rule, and why one threshold unit cannot compute XOR.

A threshold unit (the McCulloch-Pitts neuron) computes y = Phi(sum_i w_i x_i): Phi
compares the weighted sum with a threshold theta and outputs 1 when the sum reaches
it (>= theta), else 0. Writing b = -theta (the bias), y = 1 exactly when
w . x + b >= 0.

The perceptron learning rule w <- w + eta (t - y) x, b <- b + eta (t - y) finds
weights for every linearly separable truth table (AND, NAND, OR). For XOR no
weights exist: the four inequalities the truth table asks of (w_1, w_2, b) are
infeasible, and :func:`farkas_certificate` proves it by finding nonnegative
multipliers whose combination of the inequalities reads 0 > 0. A second layer
fixes it: XOR(x) = AND(OR(x), NAND(x)).

All arithmetic is exact (SymPy rationals), so the results do not depend on rounding.

>>> training = train_perceptron(truth_table("AND"))
>>> training.converged, training.unit.computes(truth_table("AND"))
(True, True)
>>> variables = (*weight_symbols(2), bias_symbol())
>>> farkas_certificate(separation_inequalities(truth_table("XOR")), variables).multipliers
(1, 1, 1, 1)
>>> xor_network().computes(truth_table("XOR"))
True
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction

import sympy

from ..core.errors import SymnnError, UnknownNameError

__all__ = [
    "TRUTH_TABLES",
    "FarkasCertificate",
    "LinearInequality",
    "ThresholdNetwork",
    "ThresholdUnit",
    "Training",
    "Update",
    "bias_symbol",
    "farkas_certificate",
    "separation_inequalities",
    "train_perceptron",
    "truth_table",
    "weight_symbols",
    "xor_network",
]

#: A truth table: rows of (inputs, target output), inputs and outputs 0 or 1.
TruthTable = tuple[tuple[tuple[int, ...], int], ...]

_INPUTS_2 = ((0, 0), (0, 1), (1, 0), (1, 1))

#: The logic functions of the lecture's figure, as truth tables over two inputs.
TRUTH_TABLES: dict[str, TruthTable] = {
    "AND": tuple((x, int(x[0] and x[1])) for x in _INPUTS_2),
    "NAND": tuple((x, int(not (x[0] and x[1]))) for x in _INPUTS_2),
    "OR": tuple((x, int(x[0] or x[1])) for x in _INPUTS_2),
    "XOR": tuple((x, int(x[0] != x[1])) for x in _INPUTS_2),
}


def truth_table(name: str) -> TruthTable:
    """The truth table of a logic function by name (AND, NAND, OR, XOR; any case).

    >>> truth_table("or")[0]
    ((0, 0), 0)
    """
    key = name.strip().upper()
    if key not in TRUTH_TABLES:
        raise UnknownNameError("logic function", name, TRUTH_TABLES)
    return TRUTH_TABLES[key]


def _check_table(table: Sequence) -> TruthTable:
    rows = tuple((tuple(int(v) for v in inputs), int(target)) for inputs, target in table)
    if not rows:
        raise SymnnError("a truth table needs at least one row")
    width = len(rows[0][0])
    for number, (inputs, target) in enumerate(rows, start=1):
        if len(inputs) != width:
            raise SymnnError(f"truth table row {number} has {len(inputs)} inputs, expected {width}")
        if target not in (0, 1) or any(v not in (0, 1) for v in inputs):
            raise SymnnError(f"truth table row {number}: inputs and target must be 0 or 1")
    return rows


def _number(value) -> sympy.Rational:
    """An exact rational for an int, Fraction, SymPy number or (via its shortest repr) a float."""
    if isinstance(value, float):
        return sympy.Rational(repr(value))
    if isinstance(value, Fraction):
        return sympy.Rational(value.numerator, value.denominator)
    number = sympy.Rational(value) if isinstance(value, int) else value
    if not (isinstance(number, sympy.Rational)):
        raise SymnnError(f"expected an exact number, got {value!r}")
    return number


def weight_symbols(n: int) -> tuple[sympy.Symbol, ...]:
    """The weight symbols w_1 ... w_n.

    >>> weight_symbols(2)
    (w_1, w_2)
    """
    return sympy.symbols(f"w_1:{n + 1}", real=True) if n > 1 else (sympy.Symbol("w_1", real=True),)


def bias_symbol() -> sympy.Symbol:
    """The bias symbol b (= -theta)."""
    return sympy.Symbol("b", real=True)


@dataclass(frozen=True)
class ThresholdUnit:
    """An MCP neuron: y = Phi(sum_i w_i x_i), Phi(s) = 1 if s >= theta else 0.

    >>> unit = ThresholdUnit((1, 1), theta=2)
    >>> [unit(x) for x in [(0, 0), (0, 1), (1, 0), (1, 1)]]
    [0, 0, 0, 1]
    >>> unit.bias
    -2
    """

    weights: tuple
    theta: sympy.Rational = sympy.S.Zero

    def __post_init__(self) -> None:
        object.__setattr__(self, "weights", tuple(_number(w) for w in self.weights))
        object.__setattr__(self, "theta", _number(self.theta))

    @property
    def bias(self) -> sympy.Rational:
        """b = -theta: the unit fires when w . x + b >= 0."""
        return -self.theta

    def weighted_sum(self, inputs: Sequence[int]) -> sympy.Rational:
        """sum_i w_i x_i."""
        if len(inputs) != len(self.weights):
            raise SymnnError(f"the unit has {len(self.weights)} weights but got {len(inputs)} inputs")
        return sum((w * x for w, x in zip(self.weights, inputs, strict=True)), sympy.S.Zero)

    def __call__(self, inputs: Sequence[int]) -> int:
        return int(bool(self.weighted_sum(inputs) >= self.theta))

    def expression(self, inputs: Sequence[sympy.Expr] | None = None) -> sympy.Expr:
        """y as a SymPy expression: Heaviside(sum_i w_i x_i - theta) with H(0) = 1."""
        if inputs is None:
            inputs = sympy.symbols(f"x_1:{len(self.weights) + 1}")
        total = sum((w * x for w, x in zip(self.weights, inputs, strict=True)), sympy.S.Zero)
        return sympy.Heaviside(total - self.theta, 1)

    def computes(self, table: Sequence) -> bool:
        """Whether the unit's output matches every row of the truth table."""
        return all(self(inputs) == target for inputs, target in _check_table(table))


@dataclass(frozen=True)
class Update:
    """One presentation of a training example: what the unit said and the weights after the rule."""

    epoch: int
    inputs: tuple[int, ...]
    target: int
    output: int
    weights: tuple
    bias: sympy.Rational

    @property
    def error(self) -> int:
        """t - y."""
        return self.target - self.output


@dataclass
class Training:
    """The outcome of the perceptron learning rule on a truth table.

    ``epochs`` passes were made; ``converged`` means the last pass made no mistake.
    ``cycle`` = (first epoch, period) when the weights at the start of an epoch repeat
    an earlier state: the rule is deterministic, so it then never converges.
    """

    table: TruthTable
    learning_rate: sympy.Rational
    unit: ThresholdUnit
    epochs: int
    converged: bool
    updates: list[Update] = field(default_factory=list)
    cycle: tuple[int, int] | None = None

    @property
    def weights(self) -> tuple:
        return self.unit.weights

    @property
    def bias(self) -> sympy.Rational:
        return self.unit.bias

    @property
    def mistakes(self) -> int:
        """How many presentations changed the weights."""
        return sum(1 for u in self.updates if u.error)


def train_perceptron(table: Sequence, *, learning_rate=1, max_epochs: int = 100,
                     initial_weights: Sequence | None = None, initial_bias=0) -> Training:
    """Run the perceptron learning rule over the truth table, row by row, epoch by epoch.

    w <- w + eta (t - y) x and b <- b + eta (t - y), starting from zero weights unless
    given. Stops after the first epoch without a mistake, when the state at the start
    of an epoch repeats an earlier one (a cycle: it never converges), or after
    ``max_epochs``.

    >>> t = train_perceptron(truth_table("OR"))
    >>> t.weights, t.bias, t.epochs
    ((1, 1), -1, 4)
    >>> train_perceptron(truth_table("XOR")).cycle
    (3, 1)
    """
    rows = _check_table(table)
    eta = _number(learning_rate)
    if eta <= 0:
        raise SymnnError(f"the learning rate must be positive, got {eta}")
    if max_epochs < 1:
        raise SymnnError(f"max_epochs must be at least 1, got {max_epochs}")
    width = len(rows[0][0])
    weights = [sympy.S.Zero] * width if initial_weights is None else [_number(w) for w in initial_weights]
    if len(weights) != width:
        raise SymnnError(f"initial_weights has {len(weights)} entries, the table has {width} inputs")
    bias = _number(initial_bias)
    updates: list[Update] = []
    seen: dict[tuple, int] = {}
    converged = False
    cycle = None
    epoch = 0
    for epoch in range(1, max_epochs + 1):
        state = (*weights, bias)
        if state in seen:
            cycle = (seen[state], epoch - seen[state])
            epoch -= 1
            break
        seen[state] = epoch
        mistakes = 0
        for inputs, target in rows:
            output = ThresholdUnit(tuple(weights), -bias)(inputs)
            error = target - output
            if error:
                mistakes += 1
                weights = [w + eta * error * x for w, x in zip(weights, inputs, strict=True)]
                bias = bias + eta * error
            updates.append(Update(epoch, inputs, target, output, tuple(weights), bias))
        if not mistakes:
            converged = True
            break
    return Training(rows, eta, ThresholdUnit(tuple(weights), -bias), epoch, converged, updates, cycle)


@dataclass(frozen=True)
class LinearInequality:
    """``form > 0`` (strict) or ``form >= 0``, with the condition as first written (``source``)."""

    form: sympy.Expr
    strict: bool
    source: sympy.core.relational.Relational
    label: str = ""

    @property
    def relational(self) -> sympy.core.relational.Relational:
        """The normalised inequality form > 0 or form >= 0 (unevaluated)."""
        if self.strict:
            return sympy.StrictGreaterThan(self.form, 0, evaluate=False)
        return sympy.GreaterThan(self.form, 0, evaluate=False)

    def holds(self, values: dict) -> bool:
        """Whether the inequality holds at the given values of its variables."""
        value = self.form.xreplace(values)
        return bool(value > 0) if self.strict else bool(value >= 0)


def separation_inequalities(table: Sequence, weights: Sequence[sympy.Symbol] | None = None,
                            bias: sympy.Symbol | None = None) -> list[LinearInequality]:
    """What the truth table asks of (w, b) for one threshold unit: w.x + b >= 0 where t = 1, < 0 where t = 0.

    >>> [str(i.source) for i in separation_inequalities(truth_table("XOR"))]
    ['b < 0', 'b + w_2 >= 0', 'b + w_1 >= 0', 'b + w_1 + w_2 < 0']
    """
    rows = _check_table(table)
    weights = tuple(weights) if weights is not None else weight_symbols(len(rows[0][0]))
    bias = bias if bias is not None else bias_symbol()
    inequalities = []
    for inputs, target in rows:
        total = sum((w * x for w, x in zip(weights, inputs, strict=True)), sympy.S.Zero) + bias
        label = f"x = ({', '.join(map(str, inputs))}), t = {target}"
        if target:
            source = sympy.GreaterThan(total, 0, evaluate=False)
            inequalities.append(LinearInequality(total, False, source, label))
        else:
            source = sympy.StrictLessThan(total, 0, evaluate=False)
            inequalities.append(LinearInequality(-total, True, source, label))
    return inequalities


@dataclass(frozen=True)
class FarkasCertificate:
    """Nonnegative multipliers that combine infeasible linear inequalities into a contradiction.

    Multiplying each inequality ``form_i ⊳ 0`` by its multiplier and adding gives
    ``sum_i m_i form_i ⊳ 0``; the left side is the constant :attr:`total` (every
    variable cancels), and ``total > 0`` (or ``>= 0``) is false.
    """

    inequalities: tuple[LinearInequality, ...]
    multipliers: tuple[sympy.Rational, ...]
    variables: tuple[sympy.Symbol, ...]

    @property
    def combination(self) -> sympy.Expr:
        """sum_i m_i form_i, unevaluated (as written before the terms cancel)."""
        terms = [sympy.Mul(m, i.form, evaluate=False)
                 for m, i in zip(self.multipliers, self.inequalities, strict=True) if m]
        return sympy.Add(*terms, evaluate=False)

    @property
    def total(self) -> sympy.Expr:
        """The combination multiplied out: a constant."""
        return sympy.expand(sum((m * i.form for m, i in zip(self.multipliers, self.inequalities,
                                                            strict=True)), sympy.S.Zero))

    @property
    def strict(self) -> bool:
        """Whether the sum is strict (a strict inequality has a positive multiplier)."""
        return any(m > 0 and i.strict for m, i in zip(self.multipliers, self.inequalities, strict=True))

    @property
    def contradiction(self) -> str:
        """The impossible statement the sum makes, e.g. ``0 > 0``."""
        return f"{self.total} {'>' if self.strict else '>='} 0"

    def is_valid(self) -> bool:
        """Multipliers nonnegative, every variable cancels, and the sum is false."""
        if any(m < 0 for m in self.multipliers):
            return False
        total = self.total
        if total.free_symbols & set(self.variables) or not total.is_number:
            return False
        return bool(total < 0) or (total == 0 and self.strict)

    def derivation(self):
        """The sum of the multiplied inequalities' left sides, checked to be the constant."""
        from ..core.derivation import Derivation, Rule, Step

        names = ", ".join(f"${sympy.latex(v)}$" for v in self.variables)
        return Derivation(
            self.combination, [Step(self.total, Rule.ALGEBRA, note=f"the terms in {names} cancel")],
            title="Sum of the multiplied inequalities")

    def to_latex(self) -> str:
        """The multiplied inequalities, one per row, and their sum (an ``aligned`` block)."""
        from ..render.latex import certificate_latex  # the printing hook: printers live in render/

        return certificate_latex(self)

    def to_text(self) -> str:
        """Plain text: multiplier x inequality per line, then the sum."""
        lines = [f"{m} * ({sympy.sstr(i.form)}) {'>' if i.strict else '>='} 0    [from {i.source}; {i.label}]"
                 for m, i in zip(self.multipliers, self.inequalities, strict=True)]
        lines.append(f"sum: {self.contradiction}    [impossible]")
        return "\n".join(lines)


def _coefficients(form: sympy.Expr, variables: Sequence[sympy.Symbol]) -> tuple[list, sympy.Expr]:
    form = sympy.expand(form)
    coefficients = [form.coeff(v) for v in variables]
    constant = form - sum((c * v for c, v in zip(coefficients, variables, strict=True)), sympy.S.Zero)
    constant = sympy.expand(constant)
    if any(c.free_symbols for c in coefficients) or constant.free_symbols:
        raise SymnnError(f"inequality {form} >= 0 is not linear in {', '.join(map(str, variables))}")
    return coefficients, constant


#: Fourier-Motzkin elimination can grow quickly; beyond this many rows it gives up.
_MOST_ROWS = 20000


def farkas_certificate(inequalities: Sequence[LinearInequality],
                       variables: Sequence[sympy.Symbol]) -> FarkasCertificate | None:
    """Nonnegative multipliers proving the inequalities infeasible, or None if they have a solution.

    Fourier-Motzkin elimination in exact rationals: each variable in turn is removed
    by adding every inequality where it has a positive coefficient to every one where
    it has a negative coefficient, scaled so that it cancels. Each derived row remembers
    how much of every original inequality it contains. When no variable is left, a row
    that reads ``c > 0`` with c <= 0 (or ``c >= 0`` with c < 0) is a contradiction, and
    its remembered amounts are the certificate, scaled to the smallest integers.

    >>> variables = (*weight_symbols(2), bias_symbol())
    >>> farkas_certificate(separation_inequalities(truth_table("AND")), variables) is None
    True
    """
    inequalities = tuple(inequalities)
    variables = tuple(variables)
    n = len(inequalities)
    # a row: (coefficients, constant, strict, multipliers of the original inequalities)
    rows = []
    for index, inequality in enumerate(inequalities):
        coefficients, constant = _coefficients(inequality.form, variables)
        amounts = [sympy.S.Zero] * n
        amounts[index] = sympy.S.One
        rows.append((coefficients, constant, inequality.strict, amounts))
    for k in range(len(variables)):
        positive = [r for r in rows if r[0][k] > 0]
        negative = [r for r in rows if r[0][k] < 0]
        rows = [r for r in rows if r[0][k] == 0]
        for p in positive:
            for q in negative:
                a, c = -q[0][k], p[0][k]  # a * p + c * q cancels variable k
                rows.append(([a * x + c * y for x, y in zip(p[0], q[0], strict=True)],
                             a * p[1] + c * q[1], p[2] or q[2],
                             [a * x + c * y for x, y in zip(p[3], q[3], strict=True)]))
        if len(rows) > _MOST_ROWS:
            raise SymnnError(f"Fourier-Motzkin elimination grew past {_MOST_ROWS} inequalities; "
                             "the system is too large for an exact certificate")
    for _, constant, strict, amounts in rows:
        if constant < 0 or (constant == 0 and strict):
            scale = math.lcm(*(int(v.q) for v in amounts))
            integers = [int(v * scale) for v in amounts]
            divisor = math.gcd(*integers) or 1
            multipliers = tuple(sympy.Integer(v // divisor) for v in integers)
            certificate = FarkasCertificate(inequalities, multipliers, variables)
            if certificate.is_valid():
                return certificate
    return None


@dataclass(frozen=True)
class ThresholdNetwork:
    """Threshold units in two layers: the hidden units see the inputs, the output unit sees them."""

    hidden: tuple[ThresholdUnit, ...]
    output: ThresholdUnit
    hidden_names: tuple[str, ...] = ()

    def hidden_outputs(self, inputs: Sequence[int]) -> tuple[int, ...]:
        """The hidden layer's outputs for ``inputs``."""
        return tuple(unit(inputs) for unit in self.hidden)

    def __call__(self, inputs: Sequence[int]) -> int:
        return self.output(self.hidden_outputs(inputs))

    def computes(self, table: Sequence) -> bool:
        """Whether the network's output matches every row of the truth table."""
        return all(self(inputs) == target for inputs, target in _check_table(table))


def xor_network(learning_rate=1) -> ThresholdNetwork:
    """XOR(x_1, x_2) = AND(OR(x_1, x_2), NAND(x_1, x_2)), every unit found by the learning rule.

    >>> [xor_network()(x) for x in [(0, 0), (0, 1), (1, 0), (1, 1)]]
    [0, 1, 1, 0]
    """
    hidden = tuple(train_perceptron(truth_table(name), learning_rate=learning_rate).unit
                   for name in ("OR", "NAND"))
    output = train_perceptron(truth_table("AND"), learning_rate=learning_rate).unit
    return ThresholdNetwork(hidden, output, ("OR", "NAND"))
