"""Exercises with answer keys: seeded variants of a spec, checked for degeneracy, with worked keys.

An exercise spec is a TOML file: the network spec of ``symnn backprop`` (the
*network* exercise), or an ``[exercise]`` table naming another kind, plus an
optional ``[randomize]`` table (see :mod:`symnn.exercises.randomize`) saying how each symbol
varies from one variant to the next.

Variants are drawn from ``seed``: each variant has its own seed (printed on its
sheet) taken from the stream :func:`symnn.exercises.randomize.variant_seeds` gives. A
variant is *degenerate* and rejected when an answer is zero or vanishing, needs
more digits than the sheet asks for, coincides with another answer of its group,
when a unit is saturated, or when it repeats an earlier variant; the rejections
are counted by reason.

The derivation is done once per exercise (per choice of activation): the answers
of all variants come from functions compiled with ``lambdify`` (CSE on) and are
evaluated for all variants at once.

>>> ex = parse_exercise('''
... title = "Sigmoid derivative"
... [exercise]
... kind = "activation_derivative"
... decimals = 4
... [values]
... activation = "sigmoid"
... x = 0.5
... [randomize]
... x = { min = -2, max = 2, step = 0.1 }
... ''', source="demo.toml")
>>> result = generate(ex, 3, seed=7)
>>> [v.index for v in result.variants]
[1, 2, 3]
>>> v = result.variants[0]
>>> import math
>>> s = 1 / (1 + math.exp(-v.values["x"]))
>>> abs(v.answers["derivative"] - s * (1 - s)) < 1e-12
True
"""

from __future__ import annotations

import html
import json
import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import islice
from pathlib import Path

import numpy as np
import sympy

from ..core.errors import SpecError, SymnnError, UnknownNameError
from ..core.functions import activation_info
from ..core.numbers import format_decimal
from ..render.latex import latex
from ..render.sheets import Display, Grid, Heading, Page, Picture, Text, tr
from .randomize import Choice, Randomization, Range, parse_randomize, variant_seeds

__all__ = [
    "KINDS",
    "MAX_DRAWS",
    "MAX_VARIANTS",
    "Exercise",
    "ExerciseSet",
    "Quantity",
    "Stress",
    "Variant",
    "answers_json",
    "generate",
    "generate_variants",
    "load_exercise",
    "parse_exercise",
    "stress",
    "stress_test",
    "write_exercise",
    "write_outputs",
]

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
@dataclass(frozen=True)
class Quantity:
    """One answer a variant asks for.

    ``key`` is its path in the variant's ``answers`` (``("gradients", "w5")``);
    ``latex`` names it on the sheet; ``group`` gathers answers that must not
    coincide; ``small_ok`` marks answers that may legitimately be zero or tiny.
    """

    key: tuple[str, ...]
    latex: str
    text: str
    group: str = ""
    small_ok: bool = False

    @cached_property
    def name(self) -> str:
        return ".".join(self.key)


@dataclass
class Variant:
    """One accepted variant: its index (from 1), seed, drawn values and answers."""

    index: int
    seed: int
    values: dict
    targets: dict
    answers: dict
    numbers: dict[str, float]
    extra: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"index": self.index, "seed": self.seed, "values": self.values,
                "targets": self.targets, "answers": self.answers}


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

    def problems(self, candidate: Candidate) -> list[str]:
        """Kind-specific reasons to reject a candidate (a saturated unit, a kink, ...)."""
        return []

    def task(self, variant: Variant, lang: str) -> list:  # pragma: no cover - abstract
        raise NotImplementedError

    def solution(self, variant: Variant, lang: str) -> list:  # pragma: no cover - abstract
        raise NotImplementedError

    def question_html(self, variant: Variant, quantity: Quantity, lang: str,
                      task_html: str | None = None) -> str:
        """The HTML of a Moodle question asking ``quantity`` of ``variant`` (``task_html``: reused)."""
        task = self.task_html(variant, lang) if task_html is None else task_html
        ask = {"en": "Give", "zh": "计算"}[lang]
        rounding = {"en": f"rounded to {self.decimals} decimals.",
                    "zh": f"（保留 {self.decimals} 位小数）。"}[lang]
        return f"{task}\n<p><b>{ask} \\({_html_escape(quantity.latex)}\\)</b> {rounding}</p>"

    def task_html(self, variant: Variant, lang: str) -> str:
        """The task of ``variant`` as HTML with MathJax formulas (no picture)."""
        from ..render.sheets import _markdown_block

        parts = []
        for block in self.task(variant, lang):
            if isinstance(block, Picture | Heading):
                continue
            if isinstance(block, Grid):
                rows = "".join("<tr>" + "".join(f"<td>{_html_math(c)}</td>" for c in row) + "</tr>"
                               for row in block.rows)
                head = "".join(f"<th>{_html_math(h)}</th>" for h in block.header)
                parts.append(f"<table border=\"1\"><tr>{head}</tr>{rows}</table>")
            elif isinstance(block, Display):
                parts.append(f"<p>\\[{_html_escape(block.latex)}\\]</p>")
            else:
                parts.append(f"<p>{_html_math(_markdown_block(block))}</p>")
        return "\n".join(parts)

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

    def number(self, value: float) -> str:
        """An answer rounded as the sheet asks."""
        return _format(value, self.decimals)

    def exact(self, value: float) -> str:
        """An answer with ten significant digits (the key's "exact" value)."""
        return format(float(value), ".10g")

    def check(self, candidate: Candidate, seen: set) -> list[str]:
        """Every reason to reject ``candidate`` (empty when it is a good variant)."""
        reasons = list(candidate.problems) + self.problems(candidate)  # the cause first
        d = self.decimals
        small = 10.0 ** (1 - d)
        shown: dict[str, dict[str, str]] = {}
        for q in self.quantities():
            value = candidate.numbers[q.name]
            if not math.isfinite(value):
                reasons.append(f"{q.text} is not a finite number")
                continue
            if not q.small_ok:
                if value == 0:
                    reasons.append(f"zero answer ({q.text} = 0)")
                elif abs(value) < 0.5 * 10.0**-d:
                    reasons.append(f"vanishing answer ({q.text} rounds to 0 at {d} decimals)")
                elif abs(value) < small:
                    reasons.append(f"needs more digits than {d} decimals ({q.text} = {value:.3g})")
            if q.group:
                text = self.number(value)
                group = shown.setdefault(q.group, {})
                if text in group:
                    reasons.append(f"two answers coincide ({group[text]} = {q.text} = {text})")
                else:
                    group[text] = q.text
        fingerprint = json.dumps([candidate.values, candidate.targets], sort_keys=True)
        if fingerprint in seen:
            reasons.append("repeats an earlier variant")
        return reasons

    def calculated_categories(self, result: ExerciseSet, lang: str) -> list:
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


# -- generating variants -------------------------------------------------------------------------
@dataclass
class ExerciseSet:
    """The accepted variants of an exercise, and how many candidates were rejected and why."""

    exercise: Exercise
    seed: int
    variants: list[Variant]
    rejected: Counter
    attempts: int

    def to_json(self) -> dict:
        """The ``answers.json`` object (the same seed gives the same object)."""
        ex = self.exercise
        return {
            "spec": ex.answers_spec_name or ex.source,
            "source": ex.source,
            "title": ex.title,
            "kind": ex.kind,
            "seed": self.seed,
            "decimals": ex.decimals,
            "tolerance": ex.tolerance,
            "quantities": [q.name for q in ex.quantities()],
            "rejected": dict(sorted(self.rejected.items())),
            "variants": [v.to_json() for v in self.variants],
        }


def _reason_class(reason: str) -> str:
    return reason.split(" (", 1)[0]


def generate(exercise: Exercise, n: int, seed: int, *, progress=None,
             max_attempts: int | None = None) -> ExerciseSet:
    """Draw ``n`` good variants from ``seed``; candidates are evaluated in batches, accepted in order."""
    _check_count(n, "--variants")
    _check_seed(seed)
    possible = exercise.randomization.count()
    if possible < n:
        raise SymnnError(f"{exercise.source}: the [randomize] table allows only {possible} different "
                         f"variants, fewer than the {n} asked for; widen its ranges")
    limit = max_attempts if max_attempts is not None else MAX_ATTEMPTS_PER_VARIANT * n + ATTEMPTS_SLACK
    seeds = variant_seeds(seed)
    accepted: list[Variant] = []
    rejected: Counter = Counter()
    seen: set = set()
    attempts = 0
    examples: dict[str, str] = {}
    while len(accepted) < n:
        if attempts >= limit:
            summary = "; ".join(f"{count} {reason}" for reason, count in rejected.most_common(4))
            raise SymnnError(f"{exercise.source}: only {len(accepted)} of {n} variants could be drawn in "
                             f"{attempts} attempts; rejected: {summary}. Widen the [randomize] ranges.")
        batch = min(max(16, 2 * (n - len(accepted))), limit - attempts, 4096)
        candidates = [exercise.draw(s) for s in islice(seeds, batch)]
        exercise.evaluate(candidates)
        for candidate in candidates:
            if len(accepted) >= n:
                break
            attempts += 1
            reasons = exercise.check(candidate, seen)
            if reasons:
                reason = _reason_class(reasons[0])
                rejected[reason] += 1
                examples.setdefault(reason, reasons[0])
                continue
            seen.add(json.dumps([candidate.values, candidate.targets], sort_keys=True))
            accepted.append(Variant(len(accepted) + 1, candidate.seed, candidate.values, candidate.targets,
                                    candidate.answers, candidate.numbers, candidate.extra))
            if progress is not None:
                progress.advance()
    result = ExerciseSet(exercise, seed, accepted, rejected, attempts)
    result.examples = examples  # type: ignore[attr-defined]
    return result


@dataclass
class Stress:
    """The spread of every answer over ``draws`` candidates, and the rejections."""

    draws: int
    rejected: Counter
    examples: dict[str, str]
    spread: dict[str, dict[str, float]]

    def to_text(self) -> str:
        lines = [f"{self.draws} draws, {self.draws - sum(self.rejected.values())} good, "
                 f"{sum(self.rejected.values())} degenerate"]
        for reason, count in self.rejected.most_common():
            lines.append(f"  {count:6d}  {reason}  (e.g. {self.examples[reason]})")
        width = max((len(k) for k in self.spread), default=8)
        lines.append(f"{'answer':<{width}}  {'min':>10} {'median':>10} {'max':>10} {'distinct':>8}")
        for name, s in self.spread.items():
            lines.append(f"{name:<{width}}  {s['min']:>10.4g} {s['median']:>10.4g} {s['max']:>10.4g} "
                         f"{int(s['distinct']):>8d}")
        return "\n".join(lines)


def stress(exercise: Exercise, draws: int, seed: int, *, progress=None) -> Stress:
    """Draw ``draws`` candidates and report the spread of every answer and what would be rejected."""
    _check_count(draws, "--stress")
    _check_seed(seed)
    seeds = variant_seeds(seed)
    rejected: Counter = Counter()
    examples: dict[str, str] = {}
    columns: dict[str, list[float]] = {q.name: [] for q in exercise.quantities()}
    seen: set = set()
    done = 0
    while done < draws:
        batch = min(4096, draws - done)
        candidates = [exercise.draw(s) for s in islice(seeds, batch)]
        exercise.evaluate(candidates)
        for candidate in candidates:
            reasons = exercise.check(candidate, seen)
            seen.add(json.dumps([candidate.values, candidate.targets], sort_keys=True))
            if reasons:
                reason = _reason_class(reasons[0])
                rejected[reason] += 1
                examples.setdefault(reason, reasons[0])
            for name in columns:
                columns[name].append(candidate.numbers[name])
        done += batch
        if progress is not None:
            progress.advance(batch)
    spread = {}
    for name, values in columns.items():
        a = np.asarray(values, dtype=float)
        finite = a[np.isfinite(a)]
        if finite.size == 0:
            finite = np.array([math.nan])
        spread[name] = {"min": float(finite.min()), "median": float(np.median(finite)),
                        "max": float(finite.max()),
                        "distinct": float(len({exercise.number(v) for v in finite}))}
    return Stress(draws, rejected, examples, spread)


def _check_count(n, option: str) -> None:
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise SymnnError(f"{option}: expected a whole number of at least 1, got {n!r}")
    if n > MAX_VARIANTS:
        raise SymnnError(f"{option}: {n} is over the limit of {MAX_VARIANTS}")


def _check_seed(seed) -> None:
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise SymnnError(f"--seed: expected a whole number >= 0, got {seed!r}")


def answers_json(result: ExerciseSet) -> str:
    """``answers.json`` as text: sorted keys of each table as written, full-precision floats."""
    return json.dumps(result.to_json(), indent=1, ensure_ascii=False) + "\n"


# -- the activation-derivative exercise ----------------------------------------------------------
_X = sympy.Symbol("x", real=True)


def _numeric_ready(expr: sympy.Expr) -> sympy.Expr:
    from ..core.functions import Identity

    return expr.replace(lambda e: isinstance(e, Identity), lambda e: e.args[0])


class ActivationExercise(Exercise):
    """f(x) and f'(x) of an activation at a point, and the derivative identity to prove.

    ``[values]`` holds ``activation`` (a catalogue name) and ``x``; ``[randomize]``
    may vary both (``activation = ["sigmoid", "tanh"]``).
    """

    kind = "activation_derivative"
    summary = "f(x) and f'(x) of an activation at a point, and the derivative identity"

    def __init__(self, data: Mapping, source: str, text: str = ""):

        super().__init__(data, source, text)
        values = data.get("values", {})
        if not isinstance(values, Mapping):
            raise SpecError(f"{source}: values: expected a table")
        unknown = set(values) - {"activation", "x"}
        unknown |= set(self.randomization.names) - {"activation", "x"}
        if unknown:
            raise UnknownNameError(f"symbol of an {self.kind} exercise in {source}", sorted(unknown)[0],
                                   ["activation", "x"])
        if self.randomization.targets:
            raise SpecError(f"{source}: randomize.targets: an {self.kind} exercise has no targets")
        self._values = {"activation": values.get("activation", "sigmoid"), "x": values.get("x", 0.5)}
        if "x" not in self.randomization and "x" not in values:
            self.defaulted = True
            self.randomization = Randomization(
                (*self.randomization.entries, Range("x", *_dec("-2", "2", "0.1"))),
                self.randomization.targets)
        names = self.activation_names()
        for name in names:
            if not isinstance(name, str):
                raise SpecError(f"{source}: activation: expected a name, got {name!r}")
            activation_info(name)
        if isinstance(self._values["x"], bool) or not isinstance(self._values["x"], int | float):
            raise SpecError(f"{source}: values.x: expected a number")
        self._compiled: dict[str, Callable] = {}

    def activation_names(self) -> list[str]:
        if "activation" in self.randomization:
            entry = self.randomization["activation"]
            return list(entry.options) if isinstance(entry, Choice) else [entry]
        return [self._values["activation"]]

    def fixed_values(self) -> dict:
        return dict(self._values)

    def quantities(self) -> list[Quantity]:
        return [Quantity(("value",), "f(x)", "f(x)", group="f"),
                Quantity(("derivative",), "f'(x)", "f'(x)", group="f")]

    def _function(self, name: str):
        from ..core.functions import activation

        if name not in self._compiled:
            from ..core.numeric import compile_expressions

            f = activation(name)(_X)
            self._compiled[name] = compile_expressions([_X], [_numeric_ready(f),
                                                              _numeric_ready(sympy.diff(f, _X))])
        return self._compiled[name]

    def evaluate(self, candidates: list[Candidate]) -> None:
        groups: dict[str, list[Candidate]] = {}
        for c in candidates:
            groups.setdefault(c.values["activation"], []).append(c)
        for name, group in groups.items():
            x = np.array([float(c.values["x"]) for c in group])
            value, derivative = (np.broadcast_to(np.asarray(a, dtype=float), x.shape)
                                 for a in self._function(name)(x))
            for c, f, d in zip(group, value, derivative, strict=True):
                c.answers = {"value": float(f), "derivative": float(d)}
                c.numbers = {"value": float(f), "derivative": float(d)}

    def problems(self, candidate: Candidate) -> list[str]:

        name = activation_info(candidate.values["activation"]).name
        if activation_info(name).kink and candidate.values["x"] == 0:
            return ["at the kink (x = 0, where f' is a convention)"]
        return []

    def calculated_categories(self, result: ExerciseSet, lang: str) -> list:
        """One calculated question per activation and answer: its formula, the drawn x as the dataset."""
        from ..render.moodle import CalculatedQuestion, QuestionCategory

        title = _html_escape(self.title.replace("/", "-"))
        category = QuestionCategory(f"symnn/{title}/calculated",
                                    info=f"{_html_escape(self.title)}: calculated questions")
        for name in sorted({activation_info(v.values["activation"]).name for v in result.variants}):
            formulas = _MOODLE_FORMULAS.get(name)
            xs = sorted({float(v.values["x"]) for v in result.variants
                         if activation_info(v.values["activation"]).name == name})
            if formulas is None or not xs:
                continue
            for key, formula in zip(("value", "derivative"), formulas, strict=True):
                f = "f" if key == "value" else "f'"
                html = {"en": f"<p>Compute \\({f}(x)\\) for "
                              f"\\(f = {_act_latex(name)}\\) at \\(x = {{x}}\\), rounded to "
                              f"{self.decimals} decimals.</p>",
                        "zh": f"<p>对 \\(f = {_act_latex(name)}\\)，计算 \\(x = {{x}}\\) 处的 "
                              f"\\({f}(x)\\)"
                              f"（保留 {self.decimals} 位小数）。</p>"}[lang]
                category.questions.append(CalculatedQuestion(
                    idnumber=f"{Path(self.source).stem}-calculated-{name}-{key}",
                    name=f"{_html_escape(self.title)} · {name} · {key}", html=html, formula=formula,
                    tolerance=self.tolerance, decimals=self.decimals, datasets={"x": tuple(xs)}))
        return [category] if category.questions else []

    @cached_property
    def _derivations(self) -> dict:
        from ..topics.activations import activation_derivation

        return {activation_info(n).name: activation_derivation(n) for n in self.activation_names()}

    def _names(self, variant: Variant):
        from ..core.functions import activation, activation_info

        info = activation_info(variant.values["activation"])
        f = activation(info.name)(_X)
        return info, f

    def task(self, variant: Variant, lang: str) -> list:
        info, f = self._names(variant)
        x = self.value_text("x", variant.values["x"])
        blocks = [Text(tr(lang, "round", d=self.decimals, tol=format_decimal(self.tolerance, self.decimals))),
                  Display("f(x) = " + latex(f) + " = " + latex(f.rewrite(sympy.exp))),
                  Text("1. " + tr(lang, "act_task_value", f=latex(f).replace(r"\left(x\right)", ""), x=x))]
        derivation = self._derivations[info.name]
        blocks.append(Text("2. " + tr(lang, "act_task_prove",
                                      identity=latex(derivation.lhs) + " = " + latex(derivation.result))))
        return blocks

    def solution(self, variant: Variant, lang: str) -> list:
        info, f = self._names(variant)
        derivation = self._derivations[info.name]
        x = self.value_text("x", variant.values["x"])
        value, slope = variant.answers["value"], variant.answers["derivative"]
        shown = sympy.Symbol(f"({x})" if x.startswith("-") else x)
        rows = [rf"f({x}) &= {latex(f.rewrite(sympy.exp).subs(_X, shown))} "
                rf"\approx {self.number(value)} && \text{{{tr(lang, 'exact')} {self.exact(value)}}}",
                rf"f'({x}) &= \left.{latex(derivation.result)}\right|_{{x = {x}}} \approx "
                rf"{self.number(slope)} && \text{{{tr(lang, 'exact')} {self.exact(slope)}}}"]
        return [Heading(tr(lang, "at_point") + f" $x = {x}$"), Display(" \\\\\n".join(rows)),
                Heading(tr(lang, "act_proof")), _RawDerivation(derivation)]


#: f and f' of the activations whose formulas Moodle's calculator can write ({x} is the wildcard)
_MOODLE_FORMULAS = {
    "sigmoid": ("1/(1+exp(-({x})))", "exp(-({x}))/((1+exp(-({x})))*(1+exp(-({x}))))"),
    "tanh": ("tanh({x})", "1-tanh({x})*tanh({x})"),
    "softplus": ("log(1+exp({x}))", "1/(1+exp(-({x})))"),
    "identity": ("{x}", "1"),
}


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


class _Layout:
    """Symbols and their sheet names for one network (one choice of activation)."""

    def __init__(self, net):
        from ..core.numeric import compile_expressions

        self.net = net
        self._rows: dict[str, tuple[list[str], list[str]]] = {}
        self._templates: dict = {}
        self._delta_rules: dict[str, sympy.Expr] = {}
        self._rule_latex: dict[str, str] = {}
        spec = net.spec
        names = [*net.inputs, *net.units, *net.parameters]
        arguments = [net.symbol(n) for n in names]
        self.layers = []
        for layer in spec.layers:
            function = compile_expressions(arguments, [net.preactivation_expr(u) for u in layer.units])
            self.layers.append((layer, function))
        self.pre_symbols = [net.preactivation_symbol(u) for u in net.units]
        self.target_symbols = [net.target_symbol(u) for u in net.output_units]
        self.arguments = [*arguments, *self.pre_symbols, *self.target_symbols]
        self.names = [*names, *[f"In_{u}" for u in net.units],
                      *[net.target_name(u) for u in net.output_units]]
        self.factors = {p: net.chain_rule(p) for p in net.parameters}
        factor_exprs = [f.expr for p in net.parameters for path in self.factors[p] for f in path]
        self.loss = net.loss_expr()
        expressions = [self.loss, *[net.gradient_expr(p) for p in net.parameters],
                       *[net.delta_expr(u) for u in net.units], *factor_exprs]
        self.backward = compile_expressions(self.arguments, [_numeric_ready(e) for e in expressions])
        self.slopes = {}
        z = sympy.Symbol("z", real=True)
        from ..core.functions import activation

        for layer in spec.layers:
            if layer.activation != "softmax" and layer.activation not in self.slopes:
                f = activation(layer.activation)(z)
                self.slopes[layer.activation] = compile_expressions([z], [_numeric_ready(sympy.diff(f, z))])

    def rule_latex(self, unit: str) -> str:
        """LaTeX of :meth:`delta_rule` (cached)."""
        if unit not in self._rule_latex:
            self._rule_latex[unit] = latex(self.delta_rule(unit))
        return self._rule_latex[unit]

    def delta_rule(self, unit: str) -> sympy.Expr:
        """delta of ``unit`` one layer deep (cached)."""
        if unit not in self._delta_rules:
            self._delta_rules[unit] = self.net.delta_rule(unit)
        return self._delta_rules[unit]

    @cached_property
    def tikz(self) -> str:
        return network_tikz(self.net)

    @cached_property
    def alt(self) -> str:
        return _network_alt(self.net)

    @cached_property
    def uses(self) -> dict[str, list]:
        return {p: self.net.uses(p) for p in self.net.parameters}

    @cached_property
    def loss_latex(self) -> str:
        return latex(self.loss)

    def rows(self, parameter: str) -> tuple[list[str], list[str]]:
        """The chain-rule paths of dE/d``parameter`` as partials and as closed forms (LaTeX, cached)."""
        if parameter not in self._rows:
            paths = self.factors[parameter]
            self._rows[parameter] = (
                [r" \cdot ".join(_partial_latex(f) for f in path) for path in paths],
                [r" \cdot ".join(_factor_latex(f.expr) for f in path) for path in paths])
        return self._rows[parameter]

    def template(self, expr: sympy.Expr) -> tuple[str, list[str]]:
        """``expr`` in LaTeX with numbered slots for its symbols, and the symbols' names (cached).

        The slots are symbols that sort like the ones they stand for, so the printed
        order of the terms is that of ``expr`` itself.
        """
        if expr not in self._templates:
            names = sorted(str(s) for s in expr.free_symbols)
            slots = {sympy.Symbol(n): sympy.Symbol(_slot(i)) for i, n in enumerate(names)}
            self._templates[expr] = (latex(expr.xreplace(slots), mul_symbol="dot"), names)
        return self._templates[expr]

    def run(self, columns: dict[str, np.ndarray], n: int) -> dict[str, np.ndarray]:
        """Every number of the forward and backward pass, one array entry per variant."""
        from ..core import numeric

        net = self.net

        def full(value):
            return np.broadcast_to(np.asarray(value, dtype=float), (n,))

        values = dict(columns)
        for unit in net.units:
            values.setdefault(unit, np.zeros(n))
        with np.errstate(all="ignore"):
            for layer, function in self.layers:
                z = np.stack([full(v) for v in function(*[values[name] for name in
                                                          [*net.inputs, *net.units, *net.parameters]])])
                if layer.activation == "softmax":
                    a = numeric.softmax(z, axis=0)
                else:
                    a = getattr(numeric, layer.activation)(z)
                for i, unit in enumerate(layer.units):
                    values[f"In_{unit}"] = z[i]
                    values[unit] = np.asarray(a[i], dtype=float)
            results = [full(r) for r in self.backward(*[values[name] for name in self.names])]
            slopes = {}
            for layer, _ in self.layers:
                if layer.activation == "softmax":
                    continue
                for unit in layer.units:
                    slopes[unit] = full(self.slopes[layer.activation](values[f"In_{unit}"])[0])
        k = 0
        values["loss"] = results[k]
        k += 1
        for p in net.parameters:
            values[f"gradient:{p}"] = results[k]
            k += 1
        for u in net.units:
            values[f"delta:{u}"] = results[k]
            k += 1
        for p in net.parameters:
            for i, path in enumerate(self.factors[p]):
                for j, _ in enumerate(path):
                    values[f"factor:{p}:{i}:{j}"] = results[k]
                    k += 1
        for unit, slope in slopes.items():
            values[f"slope:{unit}"] = slope
        return values


class NetworkExercise(Exercise):
    """The network exercise: forward pass, loss, gradients by the chain rule, one update.

    The spec is that of ``symnn backprop`` (one sample: [values] and [targets]). Without a
    [randomize] table every weight and bias is drawn from -1 .. 1 in steps of 0.1 (not 0),
    every input from -1 .. 1 in steps of 0.1 (not 0), and every target from 0 .. 1 in steps
    of 0.01 (for cross-entropy and hinge losses: a one-hot class). With a [randomize] table
    only what it names varies. ``[exercise] gradients = ["w5", "w1"]`` chooses the gradients
    (the lecture's delta_i) asked; by default every trainable parameter's.
    """

    kind = "network"
    summary = "forward pass, loss, gradients by the chain rule and one update (a [network] spec)"
    answers_spec_name = "network_spec.toml"

    def answers_spec(self) -> str:
        """The network spec (a network spec ignores [randomize] and [exercise]), for ``symnn check``."""
        return self.text

    def __init__(self, data: Mapping, source: str, text: str = ""):
        from ..models.spec import parse_spec

        super().__init__(data, source, text)
        self.spec = parse_spec(self.answers_spec(), source=source)
        spec = self.spec
        self.parameters: list[str] = spec.parameters
        self.units: list[str] = spec.units
        if len(spec.samples) != 1:
            raise SpecError(f"{source}: data: the network exercise draws one sample; "
                            f"expected [values] and [targets], not {len(spec.samples)} [[data]] tables")
        outputs = spec.output_units
        known = [*spec.inputs, *spec.parameters, "activation", "learning_rate"]
        for name in self.randomization.names:
            if name not in known:
                raise UnknownNameError(f"symbol to randomize (in {source}: randomize)", name, known)
        for entry in self.randomization.targets:
            if entry.name not in [*outputs, "class"]:
                raise UnknownNameError(f"target to randomize (in {source}: randomize.targets)", entry.name,
                                       [*outputs, "class"])
            if entry.name == "class":
                bad = [o for o in getattr(entry, "options", ()) if o not in outputs]
                if not isinstance(entry, Choice) or bad:
                    raise SpecError(f"{source}: randomize.targets.class: expected a list of output units "
                                    f"(one of {', '.join(outputs)})")
        for name in ("activation", "learning_rate"):
            if name in self.randomization:
                entry = self.randomization[name]
                if name == "activation" and not isinstance(entry, Choice):
                    raise SpecError(f"{source}: randomize.activation: expected a list of activation names")
        if not self.randomization:
            self.defaulted = True
            self.randomization = self._default_randomization()
        settings = self.settings
        asked = settings.get("gradients", [p for p in spec.parameters if p not in spec.frozen])
        if not isinstance(asked, list) or not asked or not all(isinstance(p, str) for p in asked):
            raise SpecError(f"{source}: exercise.gradients: expected a list of parameter names")
        for p in asked:
            if p not in spec.parameters:
                raise UnknownNameError(f"parameter (in {source}: exercise.gradients)", p, spec.parameters)
        self.asked = list(asked)
        self._layouts: dict[str, _Layout] = {}

    def _default_randomization(self) -> Randomization:
        spec = self.spec
        entries = [Range(p, *_dec("-1", "1", "0.1"), exclude_zero=True) for p in spec.parameters]
        entries += [Range(x, *_dec("-1", "1", "0.1"), exclude_zero=True) for x in spec.inputs]
        if spec.loss in _CLASS_LOSSES:
            targets = [Choice("class", tuple(spec.output_units))]
        else:
            targets = [Range(u, *_dec("0", "1", "0.01")) for u in spec.output_units]
        return Randomization(tuple(entries), tuple(targets))

    # -- drawing and evaluating ------------------------------------------------------------------
    def draw(self, seed: int) -> Candidate:
        values, targets = self.randomization.draw_all(seed)
        spec = self.spec
        all_values = {n: float(spec.values[n]) if n in spec.values else float(spec.samples[0].inputs[n])
                      for n in [*spec.inputs, *self.parameters]}
        extra = {"activation": values.pop("activation", None),
                 "learning_rate": float(values.pop("learning_rate", spec.learning_rate))}
        all_values.update(values)
        all_targets = {u: float(spec.samples[0].targets[u]) for u in spec.output_units}
        if "class" in targets:
            chosen = targets.pop("class")
            all_targets = {u: 1.0 if u == chosen else 0.0 for u in spec.output_units}
        all_targets.update({u: float(v) for u, v in targets.items()})
        ordered = {n: all_values[n] for n in [*spec.inputs, *self.parameters]}
        return Candidate(seed, ordered, all_targets, extra=extra)

    def layout(self, activation_name: str | None) -> _Layout:
        import dataclasses

        from ..models.network import Network

        key = activation_name or ""
        if key not in self._layouts:
            spec = self.spec
            if activation_name:
                layers = [layer if layer.activation == "softmax" else
                          dataclasses.replace(layer, activation=activation_name) for layer in spec.layers]
                spec = dataclasses.replace(spec, layers=layers)
            self._layouts[key] = _Layout(Network(spec))
        return self._layouts[key]

    def quantities(self) -> list[Quantity]:
        return self._quantities

    @cached_property
    def _quantities(self) -> list[Quantity]:
        net_units = self.spec.units
        qs = [Quantity(("forward", u), _sym(u), u, group="forward", small_ok=True)
              for u in net_units]
        qs.append(Quantity(("loss",), "E", "Error", group="loss"))
        qs += [Quantity(("gradients", p), rf"\frac{{\partial E}}{{\partial {_sym(p)}}}",
                        f"dE/d{p}", group="gradients") for p in self.asked]
        qs += [Quantity(("updated", p), _sym(p) + "'", f"{p}'", group="updated", small_ok=True)
               for p in self.asked]
        return qs

    def evaluate(self, candidates: list[Candidate]) -> None:
        groups: dict[str, list[Candidate]] = {}
        for c in candidates:
            groups.setdefault(c.extra["activation"] or "", []).append(c)
        spec = self.spec
        for key, group in groups.items():
            layout = self.layout(key or None)
            net = layout.net
            n = len(group)
            columns = {name: np.array([c.values[name] for c in group], dtype=float)
                       for name in [*spec.inputs, *spec.parameters]}
            for u in spec.output_units:
                columns[net.target_name(u)] = np.array([c.targets[u] for c in group], dtype=float)
            out = layout.run(columns, n)
            eta = np.array([c.extra["learning_rate"] for c in group])
            factor_keys = [k for k in out if k.startswith("factor:")]
            slope_keys = [k for k in out if k.startswith("slope:")]
            parameters, units = self.spec.parameters, self.spec.units
            for i, c in enumerate(group):
                gradients = {p: float(out[f"gradient:{p}"][i]) for p in parameters}
                updated = {p: (c.values[p] - c.extra["learning_rate"] * gradients[p]
                               if p not in spec.frozen else c.values[p]) for p in parameters}
                loss = float(out["loss"][i])
                c.answers = {
                    "forward": {u: float(out[u][i]) for u in units},
                    "preactivation": {u: float(out[f"In_{u}"][i]) for u in units},
                    "loss": loss,
                    "deltas": {u: float(out[f"delta:{u}"][i]) for u in units},
                    "gradients": gradients,
                    "updated": updated,
                    "history": [loss],
                    "learning_rate": float(eta[i]),
                }
                if c.extra["activation"]:
                    c.answers["activation"] = c.extra["activation"]
                c.numbers = {q.name: _get(c.answers, q.key) for q in self.quantities()}
                c.extra = {**c.extra, "factors": {k: float(out[k][i]) for k in factor_keys},
                           "slopes": {k[6:]: float(out[k][i]) for k in slope_keys}}

    def problems(self, candidate: Candidate) -> list[str]:
        reasons = []
        layout = self.layout(candidate.extra["activation"] or None)
        for unit, slope in candidate.extra["slopes"].items():
            info = activation_info(layout.net.activation_name(unit))
            pre = candidate.answers["preactivation"][unit]
            if info.kink and pre == 0:
                reasons.append(f"unit at the kink ({unit}: In = 0, where f' is a convention)")
            elif slope == 0:
                reasons.append(f"inactive unit ({unit}: In = {pre:.3g}, f'(In) = 0)")
            elif slope < SATURATION * info.peak_slope:
                reasons.append(f"saturated unit ({unit}: In = {pre:.3g}, f'(In) = {slope:.2g})")
        return reasons

    # -- the sheet -------------------------------------------------------------------------------
    def _given(self, variant: Variant, lang: str) -> list:
        spec = self.spec
        rows = [(f"${_sym(n)}$", self.value_text(n, variant.values[n])) for n in spec.inputs]
        rows += [(f"${_sym(p)}$", self.value_text(p, variant.values[p])) for p in self.parameters]
        rows += [(f"$y_{{{_sym(u)}}}$", self.value_text(u, variant.targets[u], target=True))
                 for u in spec.output_units]
        eta = variant.answers["learning_rate"]
        rows.append((r"$\eta$", self.value_text("learning_rate", eta)))
        return [Grid((tr(lang, "symbol"), tr(lang, "value")), tuple(rows))]

    def task(self, variant: Variant, lang: str) -> list:
        layout = self.layout(variant.extra.get("activation") or None)
        spec = layout.net.spec
        acts = sorted({layer.activation for layer in spec.layers})
        loss = _LOSS_WORDS.get(spec.loss, {}).get(lang, spec.loss)
        loss = f" {loss} ${layout.loss_latex}$"
        if len(acts) == 1:
            intro = tr(lang, "network_intro", act=_act_latex(acts[0]), loss=loss)
        else:
            intro = tr(lang, "network_intro_layers", acts=", ".join(f"${_act_latex(a)}$" for a in acts),
                       loss=loss)
        grads = ", ".join(rf"$\partial E/\partial {_sym(p)}$" for p in self.asked)
        updated = ", ".join(f"${_sym(p)}'$" for p in self.asked)
        eta = self.value_text("learning_rate", variant.answers["learning_rate"])
        return [Text(tr(lang, "round", d=self.decimals, tol=format_decimal(self.tolerance, self.decimals))),
                Text(intro), Picture(layout.tikz, alt=layout.alt),
                *self._given(variant, lang), Heading(tr(lang, "tasks")),
                Text("1. " + tr(lang, "task_forward")), Text("2. " + tr(lang, "task_loss")),
                Text("3. " + tr(lang, "task_gradients", names=grads)),
                Text("4. " + tr(lang, "task_updated", lr=eta, names=updated))]

    def _known_text(self, variant: Variant, name: str) -> str:
        spec = self.spec
        if name in variant.values:
            return self.value_text(name, variant.values[name])
        if name.startswith("y_") and name[2:] in variant.targets:
            return self.value_text(name[2:], variant.targets[name[2:]], target=True)
        if name.startswith("In_"):
            return self.number(variant.answers["preactivation"][name[3:]])
        if name.startswith("delta_"):
            return self.number(variant.answers["deltas"][name[6:]])
        if name in spec.units:
            return self.number(variant.answers["forward"][name])
        raise KeyError(name)

    def solution(self, variant: Variant, lang: str) -> list:
        layout = self.layout(variant.extra.get("activation") or None)
        net = layout.net
        ex = tr(lang, "exact")
        blocks = [Heading(tr(lang, "forward"))]
        rows = []
        for unit in net.units:
            terms, numbers = [], []
            for source, p in net.incoming(unit):
                terms.append(f"{_sym(p)} {_sym(source)}")
                numbers.append(rf"{_signed(self._known_text(variant, p))} \cdot "
                               rf"{_signed(self._known_text(variant, source))}")
            bias = net.bias_of(unit)
            if bias is not None:
                terms.append(_sym(bias))
                numbers.append(_signed(self._known_text(variant, bias)))
            pre = variant.answers["preactivation"][unit]
            name = _sym(f"In_{unit}")
            rows.append(rf"{name} &= {' + '.join(terms)} = {' + '.join(numbers)} \approx {self.number(pre)}")
            act = net.activation_name(unit)
            value = variant.answers["forward"][unit]
            if act == "softmax":
                rows.append(rf"{_sym(unit)} &= \operatorname{{softmax}}({name}) "
                            rf"\approx {self.number(value)}")
            else:
                rows.append(rf"{_sym(unit)} &= {_act_latex(act)}({name}) = "
                            rf"{_act_latex(act)}({self.number(pre)}) \approx {self.number(value)}")
        blocks.append(Display(" \\\\\n".join(rows)))
        blocks.append(Heading(tr(lang, "error")))
        loss = variant.answers["loss"]
        blocks.append(Display(rf"E &= {layout.loss_latex} \\ &= {self._fill(layout, layout.loss, variant)} "
                              rf"\approx {self.number(loss)} && \text{{{ex} {self.exact(loss)}}}"))
        blocks.append(Heading(tr(lang, "deltas")))
        rows = []
        for unit in reversed(net.units):
            rule = layout.delta_rule(unit)
            value = self.number(variant.answers["deltas"][unit])
            rows.append(rf"{_sym(f'delta_{unit}')} &= {layout.rule_latex(unit)} = "
                        rf"{self._fill(layout, rule, variant)} \approx {value}")
        blocks.append(Display(" \\\\\n".join(rows)))
        blocks.append(Heading(tr(lang, "backprop")))
        factors = variant.extra["factors"]
        for p in self.asked:
            paths = layout.factors[p]
            symbol = _sym(p)
            partials, closed = layout.rows(p)
            numbers = [r" \cdot ".join(_signed(self.number(factors[f"factor:{p}:{i}:{j}"]))
                                       for j in range(len(path))) for i, path in enumerate(paths)]
            g = variant.answers["gradients"][p]
            more = r" \\ &\quad + "
            uses = layout.uses[p]
            by_delta = " + ".join(f"{_sym(f'delta_{u}')} {_sym(src) if src else ''}".strip()
                                  for u, src in uses)
            by_delta_numbers = " + ".join(
                _signed(self.number(variant.answers["deltas"][u]))
                + (rf" \cdot {_signed(self._known_text(variant, src))}" if src else "") for u, src in uses)
            rows = [rf"\frac{{\partial E}}{{\partial {_name_latex(p)}}} &= " + more.join(partials),
                    f"&= {by_delta} = {by_delta_numbers}",
                    "&= " + r" \\ &\quad + ".join(closed),
                    "&= " + r" \\ &\quad + ".join(numbers),
                    rf"&\approx {self.number(g)} && \text{{{ex} {self.exact(g)}}}"]
            blocks.append(Display(" \\\\\n".join(rows)))
        blocks.append(Heading(tr(lang, "update")))
        eta = self.value_text("learning_rate", variant.answers["learning_rate"])
        rows = []
        for p in self.asked:
            symbol = _sym(p)
            g = variant.answers["gradients"][p]
            new = variant.answers["updated"][p]
            rows.append(rf"{symbol}' &= {symbol} - \eta \frac{{\partial E}}{{\partial {symbol}}} = "
                        rf"{self._known_text(variant, p)} - {eta} \cdot {_signed(self.number(g))} "
                        rf"\approx {self.number(new)} && \text{{{ex} {self.exact(new)}}}")
        blocks.append(Display(" \\\\\n".join(rows)))
        return blocks

    def _fill(self, layout: _Layout, expr: sympy.Expr, variant: Variant) -> str:
        text, names = layout.template(expr)
        for i, name in enumerate(names):
            text = text.replace(_slot(i), _signed(self._known_text(variant, name)))
        return text


_LOSS_WORDS = {
    "half_sse": {"en": "half the sum of squared errors", "zh": "误差平方和的一半"},
    "mse": {"en": "mean squared error", "zh": "均方误差"},
    "cross_entropy": {"en": "cross-entropy", "zh": "交叉熵"},
    "softmax_cross_entropy": {"en": "softmax with cross-entropy", "zh": "Softmax 交叉熵"},
    "hinge": {"en": "hinge loss", "zh": "合页损失"},
}


@lru_cache(maxsize=64)
def _act_latex(name: str) -> str:
    from ..core.functions import activation
    from ..render.latex import FUNCTION_NAMES

    if name == "softmax":
        return r"\operatorname{softmax}"
    return FUNCTION_NAMES.get(activation(name).__name__, rf"\operatorname{{{name}}}")


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


def network_tikz(net) -> str:
    """A TikZ drawing of ``net``: one column per layer, every edge labelled with its weight."""
    columns = [list(net.inputs), *[list(layer.units) for layer in net.spec.layers]]
    tallest = max(len(c) for c in columns)
    position = {}
    lines = [r"\begin{tikzpicture}[x=3.2cm, y=1.5cm, >=stealth,",
             r"  unit/.style={circle, draw, minimum size=9mm, inner sep=1pt},",
             r"  input/.style={circle, draw, fill=black!5, minimum size=9mm, inner sep=1pt},",
             r"  weight/.style={fill=white, inner sep=1pt, font=\scriptsize}]"]
    for i, column in enumerate(columns):
        for j, name in enumerate(column):
            y = (tallest - 1) / 2 - j * 1.0 + 0.0
            node = f"n{i}_{j}"
            position[name] = node
            style = "input" if i == 0 else "unit"
            lines.append(rf"  \node[{style}] ({node}) at ({i},{y:.2f}) {{${_sym(name)}$}};")
    for unit in net.units:
        for k, (source, p) in enumerate(net.incoming(unit)):
            pos = 0.3 + 0.15 * (k % 3)
            lines.append(rf"  \draw[->] ({position[source]}) -- node[weight, pos={pos:.2f}] "
                         rf"{{${_sym(p)}$}} ({position[unit]});")
        bias = net.bias_of(unit)
        if bias is not None:
            lines.append(rf"  \draw[<-] ({position[unit]}) -- ++(0,0.7) node[above, font=\scriptsize] "
                         rf"{{${_sym(bias)}$}};")
    lines.append(r"\end{tikzpicture}")
    return "\n".join(lines)


def _network_alt(net) -> str:
    parts = []
    for unit in net.units:
        edges = ", ".join(f"{source} -({p})-> {unit}" for source, p in net.incoming(unit))
        bias = net.bias_of(unit)
        parts.append(edges + (f", bias {bias}" if bias else ""))
    return "; ".join(parts)


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


class _NamedValues(Exercise):
    """A kind whose [values] are a few named numbers (and names), all of which may be randomised."""

    allowed: tuple[str, ...] = ()

    def __init__(self, data: Mapping, source: str, text: str = ""):
        super().__init__(data, source, text)
        values = data.get("values", {})
        if not isinstance(values, Mapping):
            raise SpecError(f"{source}: values: expected a table")
        self._values = dict(values)
        if self.randomization.targets:
            raise SpecError(f"{source}: randomize.targets: a {self.kind} exercise names its targets "
                            "in [randomize] itself")
        for name in [*self._values, *self.randomization.names]:
            if not self.known(name):
                raise UnknownNameError(f"value of a {self.kind} exercise (in {source})", name, self.allowed)

    def known(self, name: str) -> bool:
        return name in self.allowed

    def fixed_values(self) -> dict:
        return dict(self._values)

    def options(self, name: str, default) -> list:
        """Every value ``name`` can take (its choices, or its one fixed value)."""
        entry = self.randomization.entry(name)
        if isinstance(entry, Choice):
            return list(entry.options)
        if isinstance(entry, Range):
            return list(entry.values) if entry.size <= 1000 else [entry.value(0)]
        return [self._values.get(name, default)]


class SoftmaxExercise(_NamedValues):
    """Softmax probabilities, a Jacobian entry dŷ_i/dz_j, and softmax + cross-entropy.

    ``[values]`` holds the scores ``z1 .. zK``, the true class ``label`` and the
    Jacobian entry ``i``, ``j`` asked (all may be randomised).
    """

    kind = "softmax"
    summary = "softmax probabilities, a Jacobian entry, the cross-entropy and its gradient dL/dz"

    def __init__(self, data: Mapping, source: str, text: str = ""):
        self.allowed = ("label", "i", "j", *[f"z{k}" for k in range(1, 10)])
        super().__init__(data, source, text)
        names = {*self._values, *self.randomization.names}
        self.classes = len([k for k in range(1, 10) if f"z{k}" in names])
        if self.classes < 2 or any(f"z{k}" not in names for k in range(1, self.classes + 1)):
            raise SpecError(f"{source}: values: expected the scores z1, z2, ... (at least two, numbered "
                            "from 1 without gaps)")
        for name, default in (("label", 1), ("i", 1), ("j", 2)):
            for option in self.options(name, default):
                _whole_number(option, f"{source}: {name}", 1, self.classes)
        self._values.setdefault("label", 1)
        self._values.setdefault("i", 1)
        self._values.setdefault("j", 2)

    @cached_property
    def _quantities(self) -> list[Quantity]:
        K = self.classes
        qs = [Quantity(("probabilities", f"y{k}"), rf"\hat{{y}}_{{{k}}}", f"y{k}", group="probabilities",
                       small_ok=True) for k in range(1, K + 1)]
        qs.append(Quantity(("jacobian",), r"\partial \hat{y}_i / \partial z_j", "dy_i/dz_j"))
        qs.append(Quantity(("loss",), "L", "L"))
        qs += [Quantity(("gradients", f"z{k}"), rf"\partial L / \partial z_{{{k}}}", f"dL/dz{k}",
                        group="gradients") for k in range(1, K + 1)]
        return qs

    def quantities(self) -> list[Quantity]:
        return self._quantities

    def draw(self, seed: int) -> Candidate:
        candidate = super().draw(seed)
        for name in ("label", "i", "j"):
            candidate.values[name] = int(candidate.values[name])
        return candidate

    def evaluate(self, candidates: list[Candidate]) -> None:
        from ..core.numeric import softmax

        K = self.classes
        z = np.array([[float(c.values[f"z{k}"]) for k in range(1, K + 1)] for c in candidates])
        y_hat = softmax(z, axis=1)
        for row, c in enumerate(candidates):
            p = y_hat[row]
            i, j, label = c.values["i"] - 1, c.values["j"] - 1, c.values["label"] - 1
            jacobian = p[i] * ((1.0 if i == j else 0.0) - p[j])
            one_hot = np.eye(K)[label]
            c.answers = {"probabilities": {f"y{k + 1}": float(p[k]) for k in range(K)},
                         "jacobian": float(jacobian),
                         "loss": float(-np.log(p[label])),
                         "gradients": {f"z{k + 1}": float(p[k] - one_hot[k]) for k in range(K)}}
            c.numbers = {q.name: _get(c.answers, q.key) for q in self.quantities()}

    def task(self, variant: Variant, lang: str) -> list:
        K = self.classes
        v = variant.values
        rows = tuple((f"$z_{{{k}}}$", self.value_text(f"z{k}", v[f"z{k}"])) for k in range(1, K + 1))
        words = {"en": (f"The scores $z_1, \\dots, z_{K}$ below go through a softmax, "
                        "$\\hat{y}_k = e^{z_k} / \\sum_j e^{z_j}$; "
                        f"the true class is {v['label']}, the loss is the cross-entropy "
                        f"$L = -\\sum_k y_k \\log \\hat{{y}}_k = -\\log \\hat{{y}}_{{{v['label']}}}$.",
                        "Compute the probabilities $\\hat{y}_k$.",
                        f"Derive and compute $\\partial \\hat{{y}}_{{{v['i']}}} / \\partial z_{{{v['j']}}}$.",
                        "Compute $L$ and its gradient $\\partial L / \\partial z_k$ for every $k$ "
                        "(show that it is $\\hat{y}_k - y_k$)."),
                 "zh": (f"下列得分 $z_1, \\dots, z_{K}$ 经过 Softmax："
                        "$\\hat{y}_k = e^{z_k} / \\sum_j e^{z_j}$；"
                        f"真实类别为 {v['label']}，损失函数为交叉熵 "
                        f"$L = -\\sum_k y_k \\log \\hat{{y}}_k = -\\log \\hat{{y}}_{{{v['label']}}}$。",
                        "计算概率 $\\hat{y}_k$。",
                        f"推导并计算 $\\partial \\hat{{y}}_{{{v['i']}}} / \\partial z_{{{v['j']}}}$。",
                        "计算 $L$ 及其梯度 $\\partial L / \\partial z_k$"
                        "（证明它等于 $\\hat{y}_k - y_k$）。")}[lang]
        return [Text(tr(lang, "round", d=self.decimals, tol=format_decimal(self.tolerance, self.decimals))),
                Text(words[0]), Grid((tr(lang, "symbol"), tr(lang, "value")), rows),
                Heading(tr(lang, "tasks")), Text("1. " + words[1]), Text("2. " + words[2]),
                Text("3. " + words[3])]

    def solution(self, variant: Variant, lang: str) -> list:
        from ..topics.losses import cross_entropy_derivation
        from ..topics.softmax import softmax_derivation

        K = self.classes
        v, a = variant.values, variant.answers
        ex = tr(lang, "exact")
        zs = [self.value_text(f"z{k}", v[f"z{k}"]) for k in range(1, K + 1)]
        total = " + ".join(f"e^{{{z}}}" for z in zs)
        rows = [rf"\hat{{y}}_{{{k}}} &= \frac{{e^{{{zs[k - 1]}}}}}{{{total}}} \approx "
                rf"{self.number(a['probabilities'][f'y{k}'])}" for k in range(1, K + 1)]
        i, j, label = v["i"], v["j"], v["label"]
        yi, yj = (self.number(a["probabilities"][f"y{n}"]) for n in (i, j))
        value = rf"{yi} \left(1 - {yi}\right)" if i == j else rf"-{yi} \cdot {yj}"
        blocks = [Heading("Softmax"), Display(" \\\\\n".join(rows)),
                  Heading(rf"$\partial \hat{{y}}_{{{i}}} / \partial z_{{{j}}}$"),
                  _RawDerivation(_cached(softmax_derivation, i, j, K)),
                  Display(rf"\frac{{\partial \hat{{y}}_{{{i}}}}}{{\partial z_{{{j}}}}} &= {value} \approx "
                          rf"{self.number(a['jacobian'])} && \text{{{ex} {self.exact(a['jacobian'])}}}"),
                  Heading(tr(lang, "error"))]
        blocks.append(Display(rf"L &= -\log \hat{{y}}_{{{label}}} = -\log "
                              rf"{self.number(a['probabilities'][f'y{label}'])} "
                              rf"\approx {self.number(a['loss'])} "
                              rf"&& \text{{{ex} {self.exact(a['loss'])}}}"))
        blocks.append(Heading(tr(lang, "gradient_chain")))
        other = next(k for k in range(1, K + 1) if k != label)
        blocks.append(_RawDerivation(_cached(cross_entropy_derivation, label, K, label)))
        blocks.append(_RawDerivation(_cached(cross_entropy_derivation, other, K, label)))
        rows = [rf"\frac{{\partial L}}{{\partial z_{{{k}}}}} &= \hat{{y}}_{{{k}}} - y_{{{k}}} = "
                rf"{self.number(a['probabilities'][f'y{k}'])} - {1 if k == label else 0} \approx "
                rf"{self.number(a['gradients'][f'z{k}'])} "
                rf"&& \text{{{ex} {self.exact(a['gradients'][f'z{k}'])}}}"
                for k in range(1, K + 1)]
        blocks.append(Display(" \\\\\n".join(rows)))
        return blocks


@lru_cache(maxsize=256)
def _cached(function, *args):
    return function(*args)


#: the losses a loss exercise may ask, and whether their targets are a class label
_LOSS_KINDS = {"half_sse": False, "mse": False, "cross_entropy": True, "hinge": True}


class LossExercise(_NamedValues):
    """A loss value and its gradient with respect to every output.

    ``[values]`` holds ``loss`` (half_sse, mse, cross_entropy or hinge), the outputs
    ``o1 .. oK`` and either the targets ``y1 .. yK`` (squared errors) or the true
    class ``label`` (cross-entropy, hinge).
    """

    kind = "loss"
    summary = "a loss (half_sse, mse, cross_entropy, hinge) and its gradient for given outputs"

    def __init__(self, data: Mapping, source: str, text: str = ""):
        self.allowed = ("loss", "label", *[f"o{k}" for k in range(1, 10)], *[f"y{k}" for k in range(1, 10)])
        super().__init__(data, source, text)
        names = {*self._values, *self.randomization.names}
        self.classes = len([k for k in range(1, 10) if f"o{k}" in names])
        if self.classes < 1 or any(f"o{k}" not in names for k in range(1, self.classes + 1)):
            raise SpecError(f"{source}: values: expected the outputs o1, o2, ... "
                            "numbered from 1 without gaps")
        self._values.setdefault("loss", "half_sse")
        for name in self.options("loss", "half_sse"):
            if name not in _LOSS_KINDS:
                raise UnknownNameError(f"loss of a loss exercise (in {source})", str(name), _LOSS_KINDS)
            if _LOSS_KINDS[name]:
                for option in self.options("label", None):
                    _whole_number(option, f"{source}: label", 1, self.classes)
            else:
                missing = [f"y{k}" for k in range(1, self.classes + 1) if f"y{k}" not in names]
                if missing:
                    raise SpecError(f"{source}: values: the loss {name} needs the targets "
                                    f"{', '.join(missing)}")
            if name == "cross_entropy":
                for k in range(1, self.classes + 1):
                    if any(float(o) <= 0 for o in self.options(f"o{k}", 1.0)):
                        raise SpecError(f"{source}: o{k}: cross-entropy needs outputs > 0 (probabilities)")

    @cached_property
    def _quantities(self) -> list[Quantity]:
        qs = [Quantity(("loss",), "L", "L")]
        qs += [Quantity(("gradients", f"o{k}"), rf"\partial L / \partial o_{{{k}}}", f"dL/do{k}",
                        small_ok=True) for k in range(1, self.classes + 1)]
        return qs

    def quantities(self) -> list[Quantity]:
        return self._quantities

    def targets_of(self, values: Mapping) -> list[float]:
        K = self.classes
        if _LOSS_KINDS[values["loss"]]:
            return [1.0 if k == int(values["label"]) else 0.0 for k in range(1, K + 1)]
        return [float(values[f"y{k}"]) for k in range(1, K + 1)]

    def evaluate(self, candidates: list[Candidate]) -> None:
        K = self.classes
        for c in candidates:
            if "label" in c.values:
                c.values["label"] = int(c.values["label"])
            o = np.array([float(c.values[f"o{k}"]) for k in range(1, K + 1)])
            y = np.array(self.targets_of(c.values))
            name = c.values["loss"]
            if name == "half_sse":
                loss, grad = 0.5 * np.sum((o - y) ** 2), o - y
            elif name == "mse":
                loss, grad = np.mean((o - y) ** 2), 2 * (o - y) / K
            elif name == "cross_entropy":
                loss, grad = -np.sum(y * np.log(o)), -y / o
            else:
                label = int(np.argmax(y))
                margins = o - o[label] + 1.0
                margins[label] = 0.0
                loss = np.sum(np.maximum(0.0, margins))
                grad = (margins > 0).astype(float)
                grad[label] = -np.sum(grad)
                if any(margins[k] == 0 for k in range(K) if k != label):
                    c.problems.append("at the kink of the hinge (a margin is exactly 0)")
            c.answers = {"loss": float(loss), "gradients": {f"o{k + 1}": float(grad[k]) for k in range(K)}}
            c.numbers = {q.name: _get(c.answers, q.key) for q in self.quantities()}
            if all(abs(g) < 10.0 ** (1 - self.decimals) for g in grad):
                c.problems.append("vanishing gradient (every dL/do_k is 0 at the decimals asked)")

    def _symbols(self):
        K = self.classes
        return ([sympy.Symbol(f"o_{k}", real=True) for k in range(1, K + 1)],
                [sympy.Symbol(f"y_{k}", real=True) for k in range(1, K + 1)])

    def task(self, variant: Variant, lang: str) -> list:
        from ..topics.losses import loss

        K = self.classes
        v = variant.values
        info = loss(v["loss"])
        rows = [(f"$o_{{{k}}}$", self.value_text(f"o{k}", v[f"o{k}"])) for k in range(1, K + 1)]
        if _LOSS_KINDS[v["loss"]]:
            given = {"en": f"the true class is {v['label']}", "zh": f"真实类别为 {v['label']}"}[lang]
        else:
            rows += [(f"$y_{{{k}}}$", self.value_text(f"y{k}", v[f"y{k}"])) for k in range(1, K + 1)]
            given = {"en": "the targets are $y_k$", "zh": "目标值为 $y_k$"}[lang]
        words = {"en": (f"The loss is {info.title.lower()}, ${info.formula}$; the outputs are $o_k$ "
                        f"and {given}.", "Compute the loss $L$.",
                        "Compute its gradient $\\partial L / \\partial o_k$ for every output."),
                 "zh": (f"损失函数为 {info.title}：${info.formula}$；输出为 $o_k$，{given}。",
                        "计算损失 $L$。", "计算梯度 $\\partial L / \\partial o_k$。")}[lang]
        return [Text(tr(lang, "round", d=self.decimals, tol=format_decimal(self.tolerance, self.decimals))),
                Text(words[0]), Grid((tr(lang, "symbol"), tr(lang, "value")), tuple(rows)),
                Heading(tr(lang, "tasks")), Text("1. " + words[1]), Text("2. " + words[2])]

    def solution(self, variant: Variant, lang: str) -> list:
        from ..topics.losses import loss

        K = self.classes
        v, a = variant.values, variant.answers
        ex = tr(lang, "exact")
        o, y = self._symbols()
        info = loss(v["loss"])
        label_loss = _LOSS_KINDS[v["loss"]]
        targets = self.targets_of(v)
        target_args = [int(t) for t in targets] if label_loss else y
        expr = info.expr(o, target_args)
        gradient = info.gradient(o, target_args)
        numbers = {f"o_{k}": self.value_text(f"o{k}", v[f"o{k}"]) for k in range(1, K + 1)}
        if not label_loss:
            numbers.update({f"y_{k}": self.value_text(f"y{k}", v[f"y{k}"]) for k in range(1, K + 1)})
        rows = [rf"L &= {latex(expr)}",
                rf"&= {_filled(expr, numbers)} \approx {self.number(a['loss'])} "
                rf"&& \text{{{ex} {self.exact(a['loss'])}}}"]
        for k in range(1, K + 1):
            g = a["gradients"][f"o{k}"]
            form = gradient[k - 1]
            if v["loss"] == "hinge":
                form = form.replace(sympy.Heaviside, lambda *args: sympy.Heaviside(args[0], 0))
            rows.append(rf"\frac{{\partial L}}{{\partial o_{{{k}}}}} &= {latex(form)} = "
                        rf"{_filled(form, numbers) if form.free_symbols else latex(form)} "
                        rf"\approx {self.number(g)} "
                        rf"&& \text{{{ex} {self.exact(g)}}}")
        return [Heading(tr(lang, "error")), Display(" \\\\\n".join(rows))]


# -- the computation-graph exercise --------------------------------------------------------------
class GraphExercise(Exercise):
    """A computation graph ("circuit"): the forward value and the gradient of every node.

    ``[values]`` holds ``expression`` (plain math, read by the safe parser, never
    evaluated as Python) and a number for each of its symbols; ``[exercise]
    fuse_sigmoid = true`` draws 1/(1 + e^{-z}) as one sigmoid gate.
    """

    kind = "graph"
    summary = "a computation graph: forward value and gradient on every node"

    def __init__(self, data: Mapping, source: str, text: str = ""):
        from ..checking.parse import parse_expression
        from ..models.graph import Circuit

        super().__init__(data, source, text)
        values = data.get("values", {})
        if not isinstance(values, Mapping) or not isinstance(values.get("expression"), str):
            raise SpecError(f"{source}: values.expression: expected the expression as a string, "
                            "e.g. expression = \"1/(1+exp(-(w0*x0+w1*x1+w2)))\"")
        if self.randomization.targets:
            raise SpecError(f"{source}: randomize.targets: a graph exercise has no targets")
        fuse = self.settings.get("fuse_sigmoid", False)
        if not isinstance(fuse, bool):
            raise SpecError(f"{source}: exercise.fuse_sigmoid: expected true or false")
        try:
            self.expr = parse_expression(values["expression"])
        except SymnnError as error:
            raise SpecError(f"{source}: values.expression: {error}") from None
        self.circuit = Circuit.from_expr(self.expr, fuse_sigmoid=fuse)
        self.names = [str(sym) for sym in self.circuit.symbols]
        known = ["expression", *self.names]
        for name in [*values, *self.randomization.names]:
            if name not in known:
                raise UnknownNameError(f"symbol of the expression (in {source})", name, self.names)
        for name in self.names:
            if name not in values and name not in self.randomization:
                raise SpecError(f"{source}: values: no value for the symbol '{name}' of the expression")
            value = values.get(name, 0.0)
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise SpecError(f"{source}: values.{name}: expected a number")
        self._values = {n: float(values[n]) for n in self.names if n in values}
        self.gates = [node.id for node in self.circuit.gates]

    def fixed_values(self) -> dict:
        return dict(self._values)

    @cached_property
    def _quantities(self) -> list[Quantity]:
        qs = [Quantity(("value",), "f", "f")]
        qs += [Quantity(("gradients", n), rf"\partial f / \partial {_sym(n)}", f"df/d{n}",
                        group="gradients") for n in self.names]
        for node in self.gates:
            qs.append(Quantity(("nodes", node, "forward"), rf"\text{{{node}}}", f"{node} forward",
                               small_ok=True))
            qs.append(Quantity(("nodes", node, "gradient"), rf"\partial f / \partial \text{{{node}}}",
                               f"df/d{node}", small_ok=True))
        return qs

    def quantities(self) -> list[Quantity]:
        return self._quantities

    def evaluate(self, candidates: list[Candidate]) -> None:
        from ..core.errors import SymnnError as _Error

        for c in candidates:
            at = {n: float(c.values[n]) for n in self.names}
            try:
                self.circuit.evaluate(at, exact=False)
            except _Error as error:
                c.problems.append(f"cannot be evaluated ({error})")
                c.answers = {}
                c.numbers = {q.name: math.nan for q in self.quantities()}
                continue
            nodes = {n.id: {"forward": float(n.number), "gradient": float(n.gradient_number)}
                     for n in self.circuit.nodes}
            c.answers = {"value": float(self.circuit.output.number),
                         "gradients": {n: nodes[n]["gradient"] for n in self.names},
                         "nodes": {g: nodes[g] for g in self.gates}}
            c.numbers = {q.name: _get(c.answers, q.key) for q in self.quantities()}

    def task(self, variant: Variant, lang: str) -> list:
        import re

        from ..render.circuit import circuit_tikz

        self.circuit.evaluate({n: float(variant.values[n]) for n in self.names}, exact=False)
        picture = circuit_tikz(self.circuit, self.decimals)
        picture = re.sub(r" node\[(forward|gradient)[^\]]*\] \{[^{}]*\}", "", picture)
        rows = tuple((f"${_sym(n)}$", self.value_text(n, variant.values[n])) for n in self.names)
        words = {"en": ("The computation graph of", "Compute the forward value of every node.",
                        "Compute by backpropagation the gradient of $f$ with respect to every node "
                        "and input."),
                 "zh": ("计算图：", "计算每个节点的前向值。",
                        "用反向传播计算 $f$ 对每个节点和输入的梯度。")}[lang]
        return [Text(tr(lang, "round", d=self.decimals, tol=format_decimal(self.tolerance, self.decimals))),
                Text(words[0]), Display("f = " + latex(self.expr)),
                Picture(picture, alt=" -> ".join(self.gates)),
                Grid((tr(lang, "symbol"), tr(lang, "value")), rows), Heading(tr(lang, "tasks")),
                Text("1. " + words[1]), Text("2. " + words[2])]

    def solution(self, variant: Variant, lang: str) -> list:
        from ..render.circuit import circuit_table, circuit_tikz

        self.circuit.evaluate({n: float(variant.values[n]) for n in self.names}, exact=False)
        table = circuit_table(self.circuit, self.decimals)
        ex = tr(lang, "exact")
        rows = [rf"f &\approx {self.number(variant.answers['value'])} "
                rf"&& \text{{{ex} {self.exact(variant.answers['value'])}}}"]
        rows += [rf"\frac{{\partial f}}{{\partial {_sym(n)}}} &\approx {self.number(g)} "
                 rf"&& \text{{{ex} {self.exact(g)}}}" for n, g in variant.answers["gradients"].items()]
        return [Heading(tr(lang, "forward") + " / " + tr(lang, "backprop")),
                Picture(circuit_tikz(self.circuit, self.decimals)),
                Grid(tuple(table.header), tuple(tuple(r) for r in table.rows)),
                Display(" \\\\\n".join(rows))]


# -- the perceptron exercise ----------------------------------------------------------------------
class PerceptronExercise(_NamedValues):
    """The perceptron learning rule on a logic gate; for XOR, the proof that no weights exist.

    ``[values]`` holds ``gate`` (AND, NAND, OR, XOR), ``learning_rate`` and the starting
    weights ``w1``, ``w2`` and bias ``b``. The answers are the weights and bias after
    the rule stops, the epochs it took and the mistakes it made; for XOR the rule
    runs into a cycle (the weights at the start of an epoch repeat), and the key
    adds the Farkas certificate: the four inequalities add up to 0 > 0.
    """

    kind = "perceptron"
    summary = "the perceptron rule on AND/NAND/OR, and why XOR is not linearly separable"
    allowed = ("gate", "learning_rate", "w1", "w2", "b")

    def __init__(self, data: Mapping, source: str, text: str = ""):
        from ..topics.perceptron import TRUTH_TABLES

        super().__init__(data, source, text)
        self._values.setdefault("gate", "AND")
        self._values.setdefault("learning_rate", 1.0)
        for name in ("w1", "w2", "b"):
            self._values.setdefault(name, 0.0)
        for gate in self.options("gate", "AND"):
            if str(gate).upper() not in TRUTH_TABLES:
                raise UnknownNameError(f"gate (in {source})", str(gate), TRUTH_TABLES)
        for eta in self.options("learning_rate", 1.0):
            if isinstance(eta, str) or float(eta) <= 0:
                raise SpecError(f"{source}: learning_rate: expected a positive number, got {eta!r}")

    @cached_property
    def _quantities(self) -> list[Quantity]:
        return [Quantity(("weights", "w1"), "w_1", "w1", small_ok=True),
                Quantity(("weights", "w2"), "w_2", "w2", small_ok=True),
                Quantity(("bias",), "b", "b", small_ok=True),
                Quantity(("epochs",), r"\text{epochs}", "epochs", small_ok=True),
                Quantity(("mistakes",), r"\text{mistakes}", "mistakes", small_ok=True)]

    def quantities(self) -> list[Quantity]:
        return self._quantities

    def _train(self, values: Mapping):
        from ..topics.perceptron import train_perceptron, truth_table

        return train_perceptron(truth_table(str(values["gate"])), learning_rate=values["learning_rate"],
                                initial_weights=(values["w1"], values["w2"]), initial_bias=values["b"])

    def evaluate(self, candidates: list[Candidate]) -> None:
        for c in candidates:
            c.values = {k: (float(v) if k != "gate" else str(v).upper()) for k, v in c.values.items()}
            training = self._train(c.values)
            c.answers = {"weights": {"w1": float(training.weights[0]), "w2": float(training.weights[1])},
                         "bias": float(training.bias), "epochs": training.epochs,
                         "mistakes": training.mistakes, "converged": training.converged,
                         "separable": c.values["gate"] != "XOR"}
            c.numbers = {q.name: _get(c.answers, q.key) for q in self.quantities()}
            if training.mistakes == 0:
                c.problems.append("nothing to learn (the starting weights already compute the gate)")
            elif not training.converged and training.cycle is None:
                c.problems.append("the rule did not stop within 100 epochs")

    def task(self, variant: Variant, lang: str) -> list:
        v = variant.values
        rows = tuple((f"${_sym(n)}$" if n != "learning_rate" else r"$\eta$",
                      self.value_text(n, v[n])) for n in ("w1", "w2", "b", "learning_rate"))
        gate = v["gate"]
        words = {"en": ("A threshold unit $y = 1$ if $w_1 x_1 + w_2 x_2 + b \\ge 0$, else $0$, "
                        f"is to compute {gate}. The perceptron rule $w \\leftarrow w + \\eta (t - y) x$, "
                        "$b \\leftarrow b + \\eta (t - y)$ goes through the rows (0,0), (0,1), (1,0), (1,1) "
                        "in order, epoch by epoch, starting from:",
                        "Run the rule until an epoch makes no mistake, or until the weights at the start "
                        "of an epoch repeat. Give the final $w_1, w_2, b$, the number of epochs and of "
                        "mistakes.",
                        f"Is {v['gate']} linearly separable? Prove your answer."),
                 "zh": ("阈值神经元 $y = 1$（当 $w_1 x_1 + w_2 x_2 + b \\ge 0$）否则 $0$，"
                        f"要实现 {gate}。"
                        "感知机学习规则 $w \\leftarrow w + \\eta (t - y) x$，"
                        "$b \\leftarrow b + \\eta (t - y)$，"
                        "按 (0,0)、(0,1)、(1,0)、(1,1) 的顺序逐轮训练，初始值为：",
                        "训练到某一轮没有错误，或某轮开始时的权重重复出现为止。给出最终的 "
                        "$w_1, w_2, b$、轮数与错误次数。",
                        f"{v['gate']} 是否线性可分？请证明。")}[lang]
        return [Text(tr(lang, "round", d=self.decimals, tol=format_decimal(self.tolerance, self.decimals))),
                Text(words[0]), Grid((tr(lang, "symbol"), tr(lang, "value")), rows),
                Heading(tr(lang, "tasks")), Text("1. " + words[1]), Text("2. " + words[2])]

    def solution(self, variant: Variant, lang: str) -> list:
        from ..topics.perceptron import (
            bias_symbol,
            farkas_certificate,
            separation_inequalities,
            truth_table,
            weight_symbols,
        )

        v, a = variant.values, variant.answers
        training = self._train(v)
        header = ("epoch", "$x$", "$t$", "$y$", "$t - y$", "$w_1$", "$w_2$", "$b$")
        rows = tuple((str(u.epoch), f"({u.inputs[0]}, {u.inputs[1]})", str(u.target), str(u.output),
                      str(u.error), self.number(float(u.weights[0])), self.number(float(u.weights[1])),
                      self.number(float(u.bias))) for u in training.updates)
        blocks = [Heading(tr(lang, "update")), Grid(header, rows)]
        if a["separable"]:
            w1, w2, b = (self.number(x) for x in (a["weights"]["w1"], a["weights"]["w2"], a["bias"]))
            gate, epochs, mistakes = v["gate"], a["epochs"], a["mistakes"]
            text = {"en": f"Epoch {epochs} makes no mistake: $w_1 = {w1}$, $w_2 = {w2}$, $b = {b}$ "
                          f"compute {gate} ({mistakes} mistakes), so {gate} is linearly separable.",
                    "zh": f"第 {epochs} 轮没有错误：$w_1 = {w1}$，$w_2 = {w2}$，$b = {b}$ 实现 "
                          f"{gate}（共 {mistakes} 次错误），所以 {gate} 线性可分。"}[lang]
            blocks.append(Text(text))
        else:
            start, period = training.cycle
            text = {"en": f"The weights at the start of epoch {start + period} repeat those of "
                          f"epoch {start}: the rule cycles and never stops. No weights exist: "
                          "the four inequalities the "
                          "truth table asks for add up to a contradiction.",
                    "zh": f"第 {start + period} 轮开始时的权重与第 {start} 轮相同：规则循环，永不停止。"
                          "不存在这样的权重：真值表要求的四个不等式相加得到矛盾。"}[lang]
            blocks.append(Text(text))
            certificate = farkas_certificate(separation_inequalities(truth_table("XOR")),
                                             (*weight_symbols(2), bias_symbol()))
            body = certificate.to_latex().removeprefix("\\begin{aligned}\n").removesuffix("\n\\end{aligned}")
            blocks.append(Display(body))
        return blocks


# -- the registry of kinds ----------------------------------------------------------------------
KINDS: dict[str, type[Exercise]] = {
    NetworkExercise.kind: NetworkExercise,
    ActivationExercise.kind: ActivationExercise,
    SoftmaxExercise.kind: SoftmaxExercise,
    LossExercise.kind: LossExercise,
    GraphExercise.kind: GraphExercise,
    PerceptronExercise.kind: PerceptronExercise,
}


def parse_exercise(text: str, source: str = "<spec>") -> Exercise:
    """The exercise described by the TOML ``text``; ``source`` names it (and the key's line) in errors."""
    from ..models.spec import with_line

    try:
        return _parse_exercise(text, source)
    except UnknownNameError:
        raise
    except SpecError as error:
        raise with_line(error, text) from None


def _parse_exercise(text: str, source: str) -> Exercise:
    from ..models.spec import toml_data

    data = toml_data(text, source)
    settings = data.get("exercise", {})
    if not isinstance(settings, Mapping):
        raise SpecError(f"{source}: exercise: expected a table, got {settings!r}")
    kind = settings.get("kind", "network" if "network" in data else None)
    if kind is None:
        raise SpecError(f"{source}: exercise.kind: missing (expected one of {', '.join(KINDS)}, "
                        "or a [network] table for the network exercise)")
    if kind not in KINDS:
        raise UnknownNameError(f"exercise kind (in {source}: exercise.kind)", str(kind), KINDS)
    if kind == "network" and "network" not in data:
        raise SpecError(f"{source}: exercise.kind: the network exercise needs a [network] table")
    if kind != "network" and "network" in data:
        raise SpecError(f"{source}: exercise.kind: a '{kind}' exercise does not fit a spec with a "
                        "[network] table (expected kind = \"network\" or no [network] table)")
    return KINDS[kind](data, source, text)


def load_exercise(path: str | Path) -> Exercise:
    """Read the exercise spec at ``path``."""
    from ..models.spec import read_spec_text

    return parse_exercise(read_spec_text(path), str(path))


def pages(result: ExerciseSet, lang: str = "en", *, key: bool) -> list[Page]:
    """The sheet (``key=False``) or the key pages of every variant."""
    ex = result.exercise
    out = []
    seed_word = tr(lang, "seed")
    for v in result.variants:
        title = f"{ex.title} — {tr(lang, 'variant')} {v.index}"
        blocks = ex.task(v, lang)
        if key:
            blocks = [*blocks, *ex.solution(v, lang), *_answer_table(ex, v, lang)]
        out.append(Page(title, blocks, subtitle=f"{seed_word} {v.seed}"))
    return out


def moodle_categories(result: ExerciseSet, lang: str = "en") -> list:
    """Moodle question categories: one per asked quantity, one numerical question per variant.

    The answer is the value rounded as the sheet asks; the tolerance is the sheet's.
    """
    from ..render.moodle import NumericalQuestion, QuestionCategory

    ex = result.exercise
    title = _html_escape(ex.title.replace("/", "-"))
    slug = "".join(c if c.isalnum() else "-" for c in Path(ex.source).stem)
    categories = []
    tasks = {v.index: ex.task_html(v, lang) for v in result.variants}
    for q in ex.quantities():
        text = _html_escape(q.text)
        category = QuestionCategory(f"symnn/{title}/{text.replace('/', ':')}",
                                    info=f"{_html_escape(ex.title)}: {text}, "
                                         f"{len(result.variants)} variants")
        for v in result.variants:
            value = v.numbers[q.name]
            category.questions.append(NumericalQuestion(
                idnumber=f"{slug}-s{result.seed}-v{v.index}-{q.name}",
                name=f"{_html_escape(ex.title)} · {tr(lang, 'variant')} {v.index} · {text}",
                html=ex.question_html(v, q, lang, tasks[v.index]), value=value, tolerance=ex.tolerance,
                answer_text=ex.number(value),
                feedback_html=f"<p>{tr(lang, 'exact')}: {ex.exact(value)}</p>"))
        categories.append(category)
    categories.extend(ex.calculated_categories(result, lang))
    return categories


def write_outputs(result: ExerciseSet, out: str | Path, lang: str = "en", *, pdf: bool = True,
                  force: bool = False) -> dict:
    """Write sheets and keys (LaTeX, Markdown, PDF), moodle.xml and answers.json into ``out``.

    All or nothing: every file is renamed into place only once all are made (PDFs included); a
    file symnn did not write is not replaced unless ``force`` (see :class:`symnn.core.files.OutputFolder`).
    Returns ``{"files": [...], "pdf": None or a note why there is no PDF}``.
    """
    from ..core.files import OutputFolder
    from ..render.moodle import quiz_xml
    from ..render.sheets import ENGINE_OPTIONS, latex_document, markdown_document, pdf_engine
    from ..render.tex import compile_tex

    out = Path(out)
    folder = OutputFolder(out, force=force)
    ex = result.exercise
    sheet_pages = pages(result, lang, key=False)
    key_pages = pages(result, lang, key=True)
    sheet_title = f"{ex.title} — {tr(lang, 'sheet')}"
    key_title = f"{ex.title} — {tr(lang, 'key')}"
    texts = {
        "sheets.tex": latex_document(sheet_title, sheet_pages, lang),
        "key.tex": latex_document(key_title, key_pages, lang, small=True),
        "sheets.md": markdown_document(sheet_title, sheet_pages),
        "key.md": markdown_document(key_title, key_pages),
        "moodle.xml": quiz_xml(moodle_categories(result, lang)),
        "answers.json": answers_json(result),
    }
    if ex.answers_spec_name:
        texts[ex.answers_spec_name] = ex.answers_spec()
    note = None
    for name in [*texts, *(("sheets.pdf", "key.pdf") if pdf else ())]:
        folder.check(name)  # before any work: a file in the way is reported at once
    with folder:
        for name, text in texts.items():
            folder.add(name, text)
        if pdf:
            engine = pdf_engine(lang)
            if engine is None:
                note = ("no Chinese-capable TeX engine (xelatex with ctex) is installed: the .tex files are "
                        "written for xelatex, no PDF was made") if lang == "zh" else \
                    "no LaTeX engine (pdflatex) is installed: no PDF was made"
            else:
                for name in ("sheets", "key"):
                    compiled = compile_tex(texts[f"{name}.tex"], out, name, engine=ENGINE_OPTIONS[engine])
                    folder.add(f"{name}.pdf", compiled.pdf)
        files = [str(out / name) for name in folder.staged]
    return {"files": files, "pdf": note}


def _answer_table(ex: Exercise, v: Variant, lang: str) -> list:
    rows = tuple((f"${q.latex}$", ex.number(v.numbers[q.name]), ex.exact(v.numbers[q.name]))
                 for q in ex.quantities())
    return [Heading(tr(lang, "answers")),
            Grid((tr(lang, "quantity"), tr(lang, "rounded"), tr(lang, "exact")), rows)]


#: the names of the public API (``symnn.generate_variants`` etc.)
generate_variants = generate
stress_test = stress
write_exercise = write_outputs
