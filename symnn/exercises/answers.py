"""Reading ``answers.json`` (written by ``symnn exercise``): the variants a solution is checked against.

A network exercise's ``answers.json`` names the spec it was drawn from (``spec``,
relative to the file's folder unless it exists from the current directory) and,
for every variant, its ``index`` and the numbers that replace the spec's own:
``values`` (inputs, weights, biases) and ``targets``. ``symnn check --answers F
--variant K`` and the checker page of ``symnn serve`` both read it here.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.errors import SymnnError

__all__ = ["MAX_ANSWERS_BYTES", "AnswerSet", "AnswerVariant", "answer_variant", "read_answers"]

#: largest answers.json read (bytes)
MAX_ANSWERS_BYTES = 50_000_000


@dataclass(frozen=True)
class AnswerVariant:
    """One variant: the spec it is checked against and the numbers that replace the spec's."""

    index: int
    spec: str
    values: dict[str, float] = field(default_factory=dict)
    targets: dict[str, float] = field(default_factory=dict)

    def check_arguments(self) -> dict[str, Any]:
        """The keyword arguments of :func:`symnn.checking.checker.check` for this variant."""
        return {"spec": self.spec, "values": dict(self.values), "targets": dict(self.targets)}


@dataclass(frozen=True)
class AnswerSet:
    """The contents of one ``answers.json``: its title, the spec it names, its variants."""

    path: Path
    title: str
    spec: str | None
    variants: tuple[dict, ...]

    @property
    def indices(self) -> list[int]:
        """The indices of the variants, in the file's order."""
        return [v.get("index") for v in self.variants]

    def variant(self, index: int, spec: str | None = None) -> AnswerVariant:
        """Variant ``index``, checked against ``spec`` (default: the spec the file names)."""
        chosen = next((v for v in self.variants if v.get("index") == index), None)
        if chosen is None:
            known = ", ".join(map(str, self.indices))
            raise SymnnError(f"{self.path}: no variant {index} (variants: {known})")
        spec_path = spec or self.spec
        if not spec_path:
            raise SymnnError(f"{self.path}: names no spec; give the spec to check against (--spec SPEC)")
        values = chosen.get("values") or {}
        targets = chosen.get("targets") or {}
        for table, key in ((values, "values"), (targets, "targets")):
            if not isinstance(table, dict) or not all(isinstance(v, int | float) and not isinstance(v, bool)
                                                      for v in table.values()):
                raise SymnnError(f"{self.path}: variant {index}: '{key}' must map names to numbers")
        return AnswerVariant(index, str(spec_path), dict(values), dict(targets))


def _not_a_number(word: str):
    raise ValueError(f"{word} is not a number JSON allows")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text} is too large a number")
    return value


def read_answers(path: str | Path) -> AnswerSet:
    """Read ``answers.json`` at ``path``; an unreadable or malformed file is a SymnnError.

    Only a regular file is read, at most MAX_ANSWERS_BYTES; NaN, Infinity and numbers too
    large for a float are refused (they are not JSON).
    """
    from ..core.files import read_text

    path = Path(path)
    try:
        data = json.loads(read_text(path, limit=MAX_ANSWERS_BYTES), parse_constant=_not_a_number,
                          parse_float=_finite)
    except (ValueError, RecursionError) as error:
        raise SymnnError(f"{path}: not a readable answers file ({error})") from None
    variants = data.get("variants") if isinstance(data, dict) else None
    if not isinstance(variants, list):
        raise SymnnError(f"{path}: expected an object with a list 'variants'")
    spec = data.get("spec")
    if spec:
        spec_path = Path(spec)
        if not spec_path.is_absolute() and not spec_path.exists():
            spec_path = path.parent / spec_path
        spec = str(spec_path)
    title = data.get("title") if isinstance(data.get("title"), str) else path.parent.name
    return AnswerSet(path, title, spec or None, tuple(v for v in variants if isinstance(v, dict)))


def answer_variant(path: str | Path, index: int, spec: str | None = None) -> AnswerVariant:
    """Variant ``index`` of the ``answers.json`` at ``path`` (``spec`` overrides the spec it names)."""
    return read_answers(path).variant(index, spec)
