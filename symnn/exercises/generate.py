"""Drawing variants: accepted in order from a seed, degenerate ones rejected and counted."""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from itertools import islice

import numpy as np

from ..core.errors import SymnnError
from .base import (
    ATTEMPTS_SLACK,
    MARGIN,
    MAX_ATTEMPTS_PER_VARIANT,
    MAX_VARIANTS,
    Exercise,
    Variant,
)
from .randomize import variant_seeds


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


def _reason_class(reason: str) -> tuple[str, str]:
    """A reason's class and its example: ``"zero answer (f = 0)"`` gives ``("zero answer", "f = 0")``."""
    head, _, detail = reason.partition(" (")
    return head, detail[:-1] if detail.endswith(")") else detail


def rejection_lines(rejected: Counter, examples: dict[str, str]) -> list[str]:
    """One line per reason, most frequent first: the count, the reason, one example."""
    return [f"  {count:6d}  {reason}" + (f"  (e.g. {examples[reason]})" if examples.get(reason) else "")
            for reason, count in rejected.most_common()]


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
                reason, example = _reason_class(reasons[0])
                rejected[reason] += 1
                examples.setdefault(reason, example)
                continue
            seen.add(json.dumps([candidate.values, candidate.targets], sort_keys=True, allow_nan=False))
            variant = Variant(len(accepted) + 1, candidate.seed, candidate.values, candidate.targets,
                              candidate.answers, candidate.numbers, candidate.extra,
                              decimals=candidate.decimals, unasked=frozenset(candidate.unasked))
            variant.figures = exercise.figure_names(variant)
            accepted.append(variant)
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
    accepted: int = 0
    more_digits: int = 0
    near_zero: int = 0

    def to_text(self) -> str:
        lines = [f"{self.draws} draws, {self.accepted} good, {sum(self.rejected.values())} degenerate",
                 f"good variants asking an answer to more decimals (to keep it {MARGIN} tolerances from 0): "
                 f"{self.more_digits}",
                 f"good variants with an answer within {MARGIN} tolerances of 0 or of its sign flip: "
                 f"{self.near_zero}"]
        lines += rejection_lines(self.rejected, self.examples)
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
    done = accepted = more_digits = near_zero = 0
    while done < draws:
        batch = min(4096, draws - done)
        candidates = [exercise.draw(s) for s in islice(seeds, batch)]
        exercise.evaluate(candidates)
        for candidate in candidates:
            reasons = exercise.check(candidate, seen)
            seen.add(json.dumps([candidate.values, candidate.targets], sort_keys=True, allow_nan=False))
            if reasons:
                reason, example = _reason_class(reasons[0])
                rejected[reason] += 1
                examples.setdefault(reason, example)
            else:
                accepted += 1
                if candidate.decimals:
                    more_digits += 1
                near_zero += _near_zero(exercise, candidate)
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
    return Stress(draws, rejected, examples, spread, accepted, more_digits, near_zero)


def _near_zero(exercise: Exercise, candidate) -> int:
    """1 if an asked answer of an accepted ``candidate`` lies within MARGIN tolerances of 0 or of its
    sign flip (at the decimals it is asked to), else 0: the count a stress test must find to be 0."""
    for q in exercise.quantities():
        if q.name in candidate.unasked:
            continue
        value = candidate.numbers[q.name]
        tolerance = 10.0 ** -candidate.decimals.get(q.name, exercise.decimals)
        if abs(value) < MARGIN * tolerance or abs(value - (-value)) < MARGIN * tolerance:
            return 1
    return 0


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
    return json.dumps(result.to_json(), indent=1, ensure_ascii=False, allow_nan=False) + "\n"

