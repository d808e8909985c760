"""The pieces of an exercise: quantities, variants, candidates, and the base class of the kinds."""

from __future__ import annotations

import html
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import sympy

from ..core.errors import SpecError
from ..core.numbers import format_decimal
from ..render.latex import latex
from ..render.sheets import Display
from .randomize import parse_randomize

#: the most variants one run may make: every variant's sheet, key and questions are held in memory
#: until all are written (measured: 0.28 MB a variant for the lecture's 2-2-2 network, 1.2 MB for
#: a 2-3-2-1 network; 1,000 lecture variants peak at 370 MB and write 93 MB without PDFs)
MAX_VARIANTS = 1_000
#: the most variants a stress test may draw (it keeps only the answers)
MAX_DRAWS = 100_000

#: candidates drawn before giving up: this many per wanted variant, plus ATTEMPTS_SLACK
MAX_ATTEMPTS_PER_VARIANT = 5
ATTEMPTS_SLACK = 2000


# -- the pieces of an exercise -------------------------------------------------------------------
#: an asked answer must be at least this many tolerances away from 0 (and so from its sign flip)
MARGIN = 10

#: decimals an answer may ask beyond the sheet's, to keep it MARGIN tolerances away from 0
MAX_EXTRA_DECIMALS = 2


@dataclass(frozen=True)
class Quantity:
    """One answer a variant asks for.

    ``key`` is its path in the variant's ``answers`` (``("gradients", "w5")``);
    ``latex`` names it on the sheet and in the quiz; ``text`` in plain text.
    """

    key: tuple[str, ...]
    latex: str
    text: str

    @cached_property
    def name(self) -> str:
        return ".".join(self.key)


@dataclass
class Variant:
    """One accepted variant: its index (from 1), seed, drawn values and answers.

    ``decimals`` holds the answers asked to more decimals than the sheet's (to keep them
    well away from 0); ``unasked`` the answers the quiz does not ask (zero by the task's
    structure, such as dL/do_k of cross-entropy for a class that is not the true one).
    """

    index: int
    seed: int
    values: dict
    targets: dict
    answers: dict
    numbers: dict[str, float]
    extra: dict = field(default_factory=dict)
    decimals: dict[str, int] = field(default_factory=dict)
    unasked: frozenset[str] = frozenset()
    figures: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        data = {"index": self.index, "seed": self.seed, "values": self.values,
                "targets": self.targets, "answers": self.answers}
        if self.decimals:
            data["decimals"] = dict(sorted(self.decimals.items()))
        if self.figures:
            data["figures"] = list(self.figures)
        return data


@dataclass
class Candidate:
    """A drawn, evaluated variant before the degeneracy checks."""

    seed: int
    values: dict
    targets: dict
    answers: dict = field(default_factory=dict)
    numbers: dict[str, float] = field(default_factory=dict)
    extra: dict = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    decimals: dict[str, int] = field(default_factory=dict)
    unasked: set[str] = field(default_factory=set)


def needed_decimals(value: float, decimals: int, extra: int = MAX_EXTRA_DECIMALS) -> int | None:
    """The fewest decimals from ``decimals`` to ``decimals + extra`` whose tolerance (one unit in the
    last decimal) puts ``value`` at least MARGIN tolerances away from 0; None if none does.

    >>> needed_decimals(0.0123, 4), needed_decimals(0.000121, 4), needed_decimals(0.0000012, 4)
    (4, 5, None)
    """
    for d in range(decimals, decimals + extra + 1):
        if abs(value) >= MARGIN * 10.0 ** -d:
            return d
    return None


def _get(answers: Mapping, key: Sequence[str]) -> float:
    value = answers
    for part in key:
        value = value[part]
    return float(value)


def _fixed_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value) if not isinstance(value, float) else format(value, "g")


class Exercise:
    """Base class of the exercise kinds.

    A kind says which quantities it asks (:meth:`quantities`), evaluates a batch of
    drawn candidates (:meth:`evaluate`), adds its own degeneracy checks
    (:meth:`problems`) and writes the task and the worked key of a variant as blocks.
    """

    kind: str = ""
    #: one line for ``symnn exercise --help``
    summary: str = ""
    #: the Chinese title when the spec gives none (``[exercise] title_zh``)
    title_zh: str = "练习"
    #: the file name, beside answers.json, of the spec a grader checks against (None: the source)
    answers_spec_name: str | None = None

    def answers_spec(self) -> str | None:
        """The text of the spec written beside answers.json (None: none is written)."""
        return None

    def __init__(self, data: Mapping, source: str, text: str = ""):
        self.data = data
        self.source = source
        self.text = text
        settings = data.get("exercise", {})
        if not isinstance(settings, Mapping):
            raise SpecError(f"{source}: exercise: expected a table")
        self.settings = settings
        self.title = data.get("title", Path(source).stem)
        if not isinstance(self.title, str):
            raise SpecError(f"{source}: title: expected a string")
        self.title_zh = settings.get("title_zh", type(self).title_zh)
        if not isinstance(self.title_zh, str):
            raise SpecError(f"{source}: exercise.title_zh: expected a string")
        decimals = settings.get("decimals", 4)
        if isinstance(decimals, bool) or not isinstance(decimals, int) or not 0 <= decimals <= 10:
            raise SpecError(f"{source}: exercise.decimals: expected a whole number from 0 to 10, "
                            f"got {decimals!r}")
        self.decimals = decimals
        self.randomization = parse_randomize(data.get("randomize"), source)
        self.defaulted = False

    # -- to be provided by each kind --------------------------------------------------------------
    def quantities(self) -> list[Quantity]:  # pragma: no cover - abstract
        raise NotImplementedError

    def evaluate(self, candidates: list[Candidate]) -> None:  # pragma: no cover - abstract
        """Fill ``answers``, ``numbers`` (and ``extra``) of every candidate."""
        raise NotImplementedError

    def equal_groups(self, candidate: Candidate) -> list[set[str]]:
        """Answers equal by the structure of the task (not by chance), as groups of names: a response
        right for one is right for the others, so they may coincide."""
        return []

    def problems(self, candidate: Candidate) -> list[str]:
        """Kind-specific reasons to reject a candidate (a saturated unit, a kink, ...)."""
        return []

    def task(self, variant: Variant, lang: str) -> list:  # pragma: no cover - abstract
        raise NotImplementedError

    def solution(self, variant: Variant, lang: str) -> list:  # pragma: no cover - abstract
        raise NotImplementedError

    # -- shared machinery -------------------------------------------------------------------------
    @property
    def tolerance(self) -> float:
        """The absolute tolerance the sheet states: one unit in the last decimal asked."""
        return 10.0 ** -self.decimals

    def draw(self, seed: int) -> Candidate:
        """The candidate variant drawn from ``seed`` (values completed with the spec's fixed ones)."""
        values, targets = self.randomization.draw_all(seed)
        return Candidate(seed, {**self.fixed_values(), **values}, {**self.fixed_targets(), **targets})

    def fixed_values(self) -> dict:
        return {}

    def fixed_targets(self) -> dict:
        return {}

    def value_text(self, name: str, value, *, target: bool = False) -> str:
        """A value as the sheet prints it (drawn values with the decimals of their grid)."""
        entry = self.randomization.entry(name, target=target)
        return entry.text(value) if entry is not None else _fixed_text(value)

    def number(self, value: float, decimals: int | None = None) -> str:
        """An answer rounded as the sheet asks (or to ``decimals``)."""
        return _format(value, self.decimals if decimals is None else decimals)

    def shown(self, variant: Variant, name: str, value: float) -> str:
        """The answer called ``name`` rounded as ``variant`` asks it (more decimals where it must)."""
        return self.number(value, variant.decimals.get(name))

    def decimals_of(self, variant: Variant, quantity: Quantity) -> int:
        """The decimals ``variant`` asks ``quantity`` to."""
        return variant.decimals.get(quantity.name, self.decimals)

    def asked_quantities(self, variant: Variant) -> list[Quantity]:
        """The quantities a quiz asks of ``variant``, in the order of the worked solution."""
        return [q for q in self.quiz_order() if q.name not in variant.unasked]

    def quiz_order(self) -> list[Quantity]:
        """Every quantity in the order of the worked solution (by default that of :meth:`quantities`)."""
        return self.quantities()

    def exact(self, value: float) -> str:
        """An answer with ten significant digits (the key's "exact" value)."""
        return format(float(value), ".10g")

    def check(self, candidate: Candidate, seen: set) -> list[str]:
        """Every reason to reject ``candidate`` (empty when it is a good variant).

        Each asked answer must lie MARGIN tolerances or more away from 0 (so from its sign
        flip too), asking up to MAX_EXTRA_DECIMALS more decimals where that is enough; and no
        two answers may lie within two tolerances of each other, unless the task's structure makes
        them equal (:meth:`equal_groups`). ``candidate.decimals`` gets the answers that need more
        decimals.
        """
        reasons = list(candidate.problems) + self.problems(candidate)  # the cause first
        d = self.decimals
        decimals: dict[str, int] = {}
        asked: list[tuple[float, float, Quantity]] = []
        for q in self.quantities():
            if q.name in candidate.unasked:
                continue
            value = candidate.numbers[q.name]
            if not math.isfinite(value):
                reasons.append(f"not a finite number ({q.text})")
                continue
            if value == 0:
                reasons.append(f"zero answer ({q.text} = 0)")
                continue
            places = needed_decimals(value, d)
            if places is None:
                reasons.append(f"answer too close to 0 ({q.text} = {value:.3g}, under {MARGIN} "
                               f"tolerances even at {d + MAX_EXTRA_DECIMALS} decimals)")
                continue
            if places > d:
                decimals[q.name] = places
            asked.append((value, 10.0 ** -places, q))
        asked.sort(key=lambda item: item[0])
        same = {name: min(group) for group in self.equal_groups(candidate) for name in group}
        widest = 2 * 10.0 ** -d
        for i, (a, tol_a, qa) in enumerate(asked):
            for b, tol_b, qb in asked[i + 1:]:
                if b - a > widest:
                    break
                equal = b - a <= 1e-9 * max(1.0, abs(a))
                if equal and same.get(qa.name, qa.name) == same.get(qb.name, qb.name):
                    continue  # equal by the structure of the task: right for one is right for the other
                if b - a <= 2 * max(tol_a, tol_b):
                    reasons.append(f"two answers coincide ({qa.text} = {a:.6g}, {qb.text} = {b:.6g})")
        fingerprint = json.dumps([candidate.values, candidate.targets], sort_keys=True, allow_nan=False)
        if fingerprint in seen:
            reasons.append("repeats an earlier variant")
        candidate.decimals = decimals
        return reasons

    def title_in(self, lang: str) -> str:
        """The exercise's title in ``lang``."""
        return self.title_zh if lang == "zh" else self.title

    def quiz_extra(self, variant: Variant, lang: str) -> list:
        """Blocks a quiz question adds to the task's (the wiring of a network, ...)."""
        return []

    def part_latex(self, variant: Variant, quantity: Quantity) -> str:
        """The symbol of ``quantity`` where a quiz asks it for ``variant`` (by default its ``latex``)."""
        return quantity.latex

    def describe(self, quantity: Quantity, lang: str) -> str:
        """A few words beside an asked quantity in a quiz ("output of the unit", ...)."""
        return ""

    def figure_names(self, variant: Variant) -> list[str]:
        """The file names of the figures ``variant``'s question shows (written beside answers.json)."""
        return []

    def figure_png(self, variant: Variant, name: str) -> bytes:  # pragma: no cover - kinds with figures
        """The PNG bytes of the figure called ``name`` of ``variant``."""
        raise KeyError(name)

    def calculated_categories(self, result, lang: str) -> list:
        """Moodle calculated questions of this kind (none unless a kind knows its formulas)."""
        return []


@lru_cache(maxsize=1 << 16)
def _format(value: float, places: int) -> str:
    return format_decimal(value, places)


def _html_escape(text: str) -> str:
    return html.escape(text, quote=False)


def _html_math(text: str) -> str:
    parts = _html_escape(text).split("$")
    return "".join(f"\\({p}\\)" if i % 2 else p for i, p in enumerate(parts))



_X = sympy.Symbol("x", real=True)


def _numeric_ready(expr: sympy.Expr) -> sympy.Expr:
    from ..core.functions import Identity

    return expr.replace(lambda e: isinstance(e, Identity), lambda e: e.args[0])



def _dec(*texts: str):
    from decimal import Decimal

    return tuple(Decimal(t) for t in texts)


@dataclass(frozen=True)
class _RawDerivation(Display):
    """A checked derivation shown as an aligned block."""

    def __init__(self, derivation):
        from ..render.latex import derivation_latex

        body = derivation_latex(derivation, environment="aligned")
        body = body.removeprefix("\\begin{aligned}\n").removesuffix("\n\\end{aligned}")
        object.__setattr__(self, "latex", body)


# -- the network exercise -----------------------------------------------------------------------
#: losses whose targets are one-hot class labels
_CLASS_LOSSES = ("cross_entropy", "softmax_cross_entropy", "hinge")

#: the largest value of f' of each activation, to tell a saturated unit
#: a unit is saturated when f'(In) is below this fraction of the largest slope
SATURATION = 0.1



def _slot(i: int) -> str:
    """The name of the ``i``-th slot symbol: letters only, so LaTeX prints it as written."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return "Zslot" + letters[i // 26 % 26] + letters[i % 26]


def _signed(text: str) -> str:
    return rf"\left({text}\right)" if text.startswith("-") else text



@lru_cache(maxsize=64)
def _act_latex(name: str) -> str:
    from ..core.functions import activation_info

    if name == "softmax":
        return r"\operatorname{softmax}"
    return activation_info(name).latex_name


@lru_cache(maxsize=4096)
def _sym(name: str) -> str:
    """LaTeX of the symbol called ``name`` (cached: keys print the same names thousands of times)."""
    return latex(sympy.Symbol(name))


def _name_latex(name: str) -> str:
    return "E" if name == "Error" else _sym(name)


def _partial_latex(factor) -> str:
    return rf"\frac{{\partial {_name_latex(factor.numerator)}}}{{\partial {_name_latex(factor.denominator)}}}"


def _factor_latex(expr: sympy.Expr) -> str:
    text = latex(expr)
    return rf"\left({text}\right)" if expr.is_Add else text



# -- small kinds with named values: softmax and losses ----------------------------------------
@lru_cache(maxsize=256)
def _template(expr: sympy.Expr) -> tuple[str, tuple[str, ...]]:
    """``expr`` in LaTeX with numbered slots for its symbols, and the symbols' names (cached).

    The slots sort like the symbols they stand for, so the terms print in the same order.
    """
    names = tuple(sorted(str(s) for s in expr.free_symbols))
    slots = {s: sympy.Symbol(_slot(names.index(str(s)))) for s in expr.free_symbols}
    return latex(expr.xreplace(slots), mul_symbol="dot"), names


def _filled(expr: sympy.Expr, numbers: Mapping[str, str]) -> str:
    """LaTeX of ``expr`` with every symbol replaced by its number (negative numbers in parentheses)."""
    text, names = _template(expr)
    for i, name in enumerate(names):
        text = text.replace(_slot(i), _signed(numbers[name]))
    return text


def _whole_number(value, where: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float) or float(value) != int(value) \
            or not low <= int(value) <= high:
        raise SpecError(f"{where}: expected a whole number from {low} to {high}, got {value!r}")
    return int(value)



@lru_cache(maxsize=256)
def _cached(function, *args):
    return function(*args)

