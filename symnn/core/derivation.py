"""Derivations as data: ordered steps, each with the rule that justifies it, checked when built.

A :class:`Derivation` starts from a left-hand side and chains steps, each related
to the one before (``=`` or ``≈``). Building it checks every step with SymPy; a
false step raises :class:`~symnn.core.errors.DerivationError` naming the step and both
sides. Printers (:mod:`symnn.render`) turn the same steps into LaTeX, Markdown
and plain text.

>>> import sympy
>>> from symnn.core.functions import Sigmoid
>>> x = sympy.Symbol("x")
>>> f = 1 / (1 + sympy.exp(-x))
>>> d = Derivation(
...     sympy.Derivative(Sigmoid(x), x),
...     [Step(sympy.Derivative(f, x), Rule.DEFINITION),
...      Step(sympy.exp(-x) / (1 + sympy.exp(-x)) ** 2, Rule.CHAIN_RULE),
...      Step(Sigmoid(x) * (1 - Sigmoid(x)), Rule.ALGEBRA)],
...     title="Derivative of the sigmoid")
>>> len(d.steps), d.result
(3, (1 - Sigmoid(x))*Sigmoid(x))
>>> Derivation(x**2, [Step(2 * x, Rule.ALGEBRA)])
Traceback (most recent call last):
...
symnn.core.errors.DerivationError: step 1 (algebra) does not follow: x**2 = 2*x is false (at x = ...)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum

import sympy

from .equality import compare
from .errors import DerivationError

__all__ = ["Derivation", "Rule", "Step", "rounded_equal"]


class Rule(Enum):
    """Why a step follows from the one before it. The value is the short note printed beside it."""

    DEFINITION = "definition"
    SUBSTITUTION = "substitution"
    CHAIN_RULE = "chain rule"
    QUOTIENT_RULE = "quotient rule"
    PRODUCT_RULE = "product rule"
    POWER_RULE = "power rule"
    EXP_RULE = "$(e^x)' = e^x$"
    LIMIT = "limit"
    ALGEBRA = "algebra"
    NUMERIC = "numeric evaluation"
    CASES = "by cases"

    @property
    def note(self) -> str:
        return self.value


#: relations a step may have to the one before it
RELATIONS = ("=", "≈")


@dataclass(frozen=True)
class Step:
    """One row of a derivation: ``relation expr`` justified by ``rule``.

    ``values`` (for :attr:`Rule.SUBSTITUTION`) maps symbols to the numbers put in;
    ``note`` overrides the rule's printed note; ``digits`` (for ``≈``) is the number
    of decimals the shown value is rounded to.
    """

    expr: sympy.Expr
    rule: Rule = Rule.ALGEBRA
    relation: str = "="
    note: str | None = None
    values: Mapping = field(default_factory=dict)
    digits: int | None = None

    def __post_init__(self) -> None:
        if self.relation not in RELATIONS:
            raise DerivationError(f"relation {self.relation!r} is not one of {RELATIONS}")
        if self.relation == "≈" and self.digits is None:
            raise DerivationError("a '≈' step needs the number of decimals it is rounded to (digits=)")

    @property
    def label(self) -> str:
        """The note printed beside the step."""
        return self.note if self.note is not None else self.rule.note


def rounded_equal(exact: sympy.Expr, shown: sympy.Expr, digits: int) -> bool:
    """Whether ``shown`` is ``exact`` rounded half-up to ``digits`` decimals.

    >>> rounded_equal(sympy.Float("0.20970"), sympy.Float("0.21"), 2)
    True
    >>> rounded_equal(sympy.Float("0.20970"), sympy.Float("0.20"), 2)
    False
    >>> rounded_equal(sympy.Matrix([0.123, 0.456]), sympy.Matrix([0.12, 0.46]), 2)
    True
    """
    from decimal import ROUND_HALF_UP, Decimal

    if isinstance(exact, sympy.MatrixBase) or isinstance(shown, sympy.MatrixBase):
        return (isinstance(exact, sympy.MatrixBase) and isinstance(shown, sympy.MatrixBase)
                and exact.shape == shown.shape
                and all(rounded_equal(e, s, digits) for e, s in zip(exact, shown, strict=True)))
    value = sympy.N(exact, 30)
    if not value.is_real:
        return False
    target = Decimal(str(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    written = Decimal(str(sympy.N(shown, 30))).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return target == written


class Derivation:
    """An ordered, checked chain ``lhs = step_1 = step_2 ...``.

    Parameters
    ----------
    lhs : the quantity derived (a SymPy expression, e.g. ``Derivative(Sigmoid(x), x)``).
    steps : the steps in order; each is checked against the one before it, the first
        against ``lhs`` (a first step with :attr:`Rule.DEFINITION` whose ``lhs`` is a bare
        symbol *defines* that symbol and is not checked).
    title, text : a heading and a sentence of explanation for the printers.
    prove : whether an ``=`` step that agrees at every random point must also be proved by
        algebra (``proofs`` then says ``"symbolic"`` where a rewrite did it). Without it the
        agreement at 12 points to 30 digits is the check (``"numeric"``) and :meth:`prove`
        asks for the algebra later.
    """

    #: whether building a derivation tries to prove its ``=`` steps by algebra
    prove_steps: bool = True

    def __init__(self, lhs: sympy.Expr, steps: Sequence[Step], *, title: str = "",
                 text: str = "", name: str | None = None, prove: bool | None = None):
        if not steps:
            raise DerivationError(f"derivation {title or lhs!s} has no steps")
        self.lhs = sympy.sympify(lhs, strict=True)
        self.steps = tuple(steps)
        self.title = title
        self.text = text
        self.name = name
        self.proofs: list[str] = []
        if prove is not None:
            self.prove_steps = prove
        self._check()

    # -- checking ---------------------------------------------------------------------------
    def _check(self) -> None:
        previous = self.lhs
        for number, step in enumerate(self.steps, start=1):
            self.proofs.append(self._check_step(number, previous, step))
            previous = step.expr

    def _check_step(self, number: int, previous, step: Step) -> str:
        if number == 1 and step.rule is Rule.DEFINITION and isinstance(previous, sympy.Symbol):
            return "definition"
        before = previous
        if step.values:
            before = sympy.sympify(previous, strict=True).xreplace(dict(step.values))
        if step.relation == "≈":
            if rounded_equal(before.doit(), step.expr.doit(), step.digits):
                return "rounded"
            raise DerivationError(
                f"step {number} ({step.label}) does not follow: {_short(previous)} ≈ "
                f"{_short(step.expr)} is false at {step.digits} decimals "
                f"(exact value {sympy.N(before.doit(), 8)})")
        outcome = compare(before, step.expr, prove=self.prove_steps)
        if outcome.equal:
            return outcome.how
        where = ""
        if outcome.point:
            where = " (at " + ", ".join(f"{k} = {v:.4g}" for k, v in outcome.point.items()) + ")"
        elif outcome.how == "undecided":
            where = " (could not be decided)"
        raise DerivationError(
            f"step {number} ({step.label}) does not follow: {_short(previous)} = "
            f"{_short(step.expr)} is false{where}")

    def prove(self) -> list[str]:
        """Check every step again, trying algebra on those only checked at points; the proofs.

        >>> x = sympy.Symbol("x")
        >>> d = Derivation((x + 1)**2, [Step(x**2 + 2*x + 1)], prove=False)
        >>> d.proofs, d.prove()
        (['numeric'], ['symbolic'])
        """
        self.prove_steps = True
        self.proofs = []
        self._check()
        return self.proofs

    # -- access -----------------------------------------------------------------------------
    @property
    def result(self) -> sympy.Expr:
        """The last step's expression."""
        return self.steps[-1].expr

    def __iter__(self):
        return iter(self.steps)

    def __len__(self) -> int:
        return len(self.steps)

    def __repr__(self) -> str:
        return f"Derivation({self.title or self.lhs!s}, {len(self.steps)} steps)"

    # -- printing (delegated to the printers) ------------------------------------------------
    def to_latex(self) -> str:
        """LaTeX ``align*`` environment, one step per row, the rule as a note."""
        from ..render.latex import derivation_latex

        return derivation_latex(self)

    def to_markdown(self) -> str:
        """Markdown with ``$$`` math."""
        from ..render.markdown import derivation_markdown

        return derivation_markdown(self)

    def to_text(self) -> str:
        """Plain text, one step per line."""
        from ..render.text import derivation_text

        return derivation_text(self)

    def __str__(self) -> str:
        return self.to_text()

    def _repr_latex_(self) -> str:
        from ..render.latex import derivation_latex

        return "$$" + derivation_latex(self, environment="aligned") + "$$"


def _short(expr, limit: int = 160) -> str:
    text = sympy.sstr(expr)
    return text if len(text) <= limit else text[: limit - 3] + "..."
