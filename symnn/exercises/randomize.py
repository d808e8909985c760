"""The ``[randomize]`` table of an exercise spec: ranges on a grid and lists of choices.

A spec says how each symbol of an exercise varies from one student to the next::

    [randomize]
    w1 = { min = -1, max = 1, step = 0.1 }     # a number on the grid -1, -0.9, ..., 1
    activation = ["sigmoid", "tanh"]           # one of the choices
    [randomize.targets]
    o1 = { min = 0, max = 1, step = 0.01 }

Grid values are exact decimals (``0.1 * 3`` is drawn as ``0.3``, not
``0.30000000000000004``) and remember how many decimals they were written with,
so a sheet prints ``0.30`` when the step is ``0.01``.

Every variant is drawn from its own seed, which the sheet prints, so one variant
can be drawn again on its own:

>>> r = parse_randomize({"x": {"min": -1, "max": 1, "step": 0.5}, "f": ["sigmoid", "tanh"]})
>>> r.draw(12) == r.draw(12)
True
>>> sorted(r.draw(12))
['f', 'x']
>>> r["x"].values
(-1.0, -0.5, 0.0, 0.5, 1.0)
>>> parse_randomize({"x": {"min": 0, "max": 1, "step": 0.3}}, source="ex.toml")
Traceback (most recent call last):
...
symnn.core.errors.SpecError: ex.toml: randomize.x: the step 0.3 does not divide the range 0 .. 1 ...
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cached_property

import numpy as np

from ..core.errors import SpecError
from ..core.numbers import format_decimal

__all__ = ["MAX_GRID", "Choice", "Randomization", "Range", "parse_randomize",
           "variant_seeds"]

#: the largest number of grid points a range may have
MAX_GRID = 10**7
#: a range's numbers are below 10**MAX_PLACES in size, with at most MAX_PLACES decimals
MAX_PLACES = 12


def _decimal(value, where: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise SpecError(f"{where}: expected a number, got {value!r}")
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value))
    except InvalidOperation:
        raise SpecError(f"{where}: expected a number, got {value!r}") from None
    if not number.is_finite():
        raise SpecError(f"{where}: expected a finite number, got {value!r}")
    if number and not (-MAX_PLACES <= number.adjusted() < MAX_PLACES and _places(number) <= MAX_PLACES):
        raise SpecError(f"{where}: {value!r} is out of bounds (expected a number below 1e{MAX_PLACES} in "
                        f"size with at most {MAX_PLACES} decimals)")
    return number


def _places(number: Decimal) -> int:
    exponent = number.normalize().as_tuple().exponent
    return max(-int(exponent), 0) if isinstance(exponent, int) else 0


@dataclass(frozen=True)
class Range:
    """Numbers ``min, min + step, ..., max`` (``step`` must divide the range)."""

    name: str
    low: Decimal
    high: Decimal
    step: Decimal
    exclude_zero: bool = False

    @property
    def size(self) -> int:
        return int((self.high - self.low) / self.step) + 1

    @cached_property
    def places(self) -> int:
        """Decimals a drawn value is written with."""
        return max(_places(self.low), _places(self.high), _places(self.step))

    def value(self, k: int) -> float:
        """The ``k``-th grid point as a float (exactly the decimal written)."""
        return float(self.low + self.step * k)

    @property
    def values(self) -> tuple[float, ...]:
        """Every grid point (only sensible for small grids)."""
        return tuple(self.value(k) for k in range(self.size))

    def text(self, value: float) -> str:
        """A drawn value as the sheet prints it."""
        return format_decimal(value, self.places)

    def describe(self) -> str:
        return f"{self.low} .. {self.high} in steps of {self.step}"


@dataclass(frozen=True)
class Choice:
    """One of a list of options (names such as activations, or numbers)."""

    name: str
    options: tuple

    @property
    def size(self) -> int:
        return len(self.options)

    def value(self, k: int):
        return self.options[k]

    def text(self, value) -> str:
        if isinstance(value, float):
            return str(int(value)) if value.is_integer() else repr(value)
        return str(value)

    def describe(self) -> str:
        return "one of " + ", ".join(map(self.text, self.options))


def _parse_range(name: str, table: Mapping, where: str) -> Range:
    unknown = set(table) - {"min", "max", "step", "nonzero"}
    if unknown:
        raise SpecError(f"{where}: unknown key {sorted(unknown)[0]!r} (expected min, max, step, nonzero)")
    missing = [k for k in ("min", "max", "step") if k not in table]
    if missing:
        raise SpecError(f"{where}: missing {', '.join(missing)} "
                        "(expected { min = .., max = .., step = .. })")
    low = _decimal(table["min"], f"{where}.min")
    high = _decimal(table["max"], f"{where}.max")
    step = _decimal(table["step"], f"{where}.step")
    if high < low:
        raise SpecError(f"{where}: the range {low} .. {high} is empty (expected min <= max)")
    if step <= 0:
        raise SpecError(f"{where}: the step {step} is not positive (expected step > 0)")
    count = (high - low) / step
    if count != count.to_integral_value():
        raise SpecError(f"{where}: the step {step} does not divide the range {low} .. {high} "
                        "(expected (max - min) / step to be a whole number)")
    if count + 1 > MAX_GRID:
        raise SpecError(f"{where}: the range has {int(count) + 1} grid points (at most {MAX_GRID})")
    nonzero = table.get("nonzero", False)
    if not isinstance(nonzero, bool):
        raise SpecError(f"{where}.nonzero: expected true or false, got {nonzero!r}")
    result = Range(name, low, high, step, nonzero)
    if nonzero and result.size == 1 and low == 0:
        raise SpecError(f"{where}: the range holds only 0 but nonzero = true")
    return result


def _parse_choice(name: str, options: list, where: str) -> Choice:
    if not options:
        raise SpecError(f"{where}: the list of choices is empty (expected at least one)")
    kinds = {type(o) for o in options}
    numbers = kinds <= {int, float}
    if not (numbers or kinds == {str}) or bool in kinds:
        raise SpecError(f"{where}: expected a list of names or a list of numbers, got {options!r}")
    return Choice(name, tuple(float(o) if numbers else o for o in options))


@dataclass(frozen=True)
class Randomization:
    """The parsed ``[randomize]`` table: symbol ranges and choices, and target ranges."""

    entries: tuple[Range | Choice, ...] = ()
    targets: tuple[Range | Choice, ...] = ()

    def __getitem__(self, name: str) -> Range | Choice:
        for entry in self.entries:
            if entry.name == name:
                return entry
        raise KeyError(name)

    def __contains__(self, name: str) -> bool:
        return any(e.name == name for e in self.entries)

    def __bool__(self) -> bool:
        return bool(self.entries or self.targets)

    def __iter__(self) -> Iterator[Range | Choice]:
        return iter(self.entries)

    @property
    def names(self) -> list[str]:
        return [e.name for e in self.entries]

    @cached_property
    def _sizes(self) -> np.ndarray:
        return np.array([e.size for e in (*self.entries, *self.targets)], dtype=np.int64)

    @cached_property
    def _by_name(self) -> dict[tuple[bool, str], Range | Choice]:
        table = {(False, e.name): e for e in self.entries}
        table.update({(True, e.name): e for e in self.targets})
        return table

    def count(self) -> int:
        """How many different variants the table can draw (a product of grid sizes).

        >>> parse_randomize({"a": [1, 2], "b": {"min": 0, "max": 1, "step": 0.5}}).count()
        6
        """
        total = 1
        for entry in (*self.entries, *self.targets):
            size = entry.size - (1 if isinstance(entry, Range) and entry.exclude_zero
                                 and entry.low <= 0 <= entry.high and (-entry.low) % entry.step == 0 else 0)
            total *= max(size, 0)
        return total

    def draw_indices(self, seed: int) -> tuple[list[int], list[int]]:
        """Grid indices of every entry and target for the variant drawn from ``seed``."""
        rng = np.random.default_rng(seed)
        every = (*self.entries, *self.targets)
        indices = [int(k) for k in rng.integers(0, self._sizes)] if every else []
        for i, entry in enumerate(every):
            if isinstance(entry, Range) and entry.exclude_zero:
                while entry.value(indices[i]) == 0:
                    indices[i] = int(rng.integers(0, entry.size))
        n = len(self.entries)
        return indices[:n], indices[n:]

    def draw(self, seed: int) -> dict:
        """The values (symbol -> value) of the variant drawn from ``seed``."""
        return self.draw_all(seed)[0]

    def draw_all(self, seed: int) -> tuple[dict, dict]:
        """``(values, targets)`` of the variant drawn from ``seed``."""
        ki, kt = self.draw_indices(seed)
        values = {e.name: e.value(k) for e, k in zip(self.entries, ki, strict=True)}
        targets = {e.name: e.value(k) for e, k in zip(self.targets, kt, strict=True)}
        return values, targets

    def text(self, name: str, value, *, target: bool = False) -> str:
        """How the sheet prints a drawn value of ``name``."""
        entry = self._by_name.get((target, name))
        if entry is not None:
            return entry.text(value)
        return format_decimal(value, 4) if isinstance(value, float) else str(value)

    def entry(self, name: str, *, target: bool = False) -> Range | Choice | None:
        """The rule for ``name`` (a target's when ``target``), or None."""
        return self._by_name.get((target, name))


def parse_randomize(table, source: str = "<spec>", *, allow_targets: bool = True) -> Randomization:
    """Read a ``[randomize]`` table (already parsed TOML); errors name ``source`` and the key."""
    if table is None:
        return Randomization()
    if not isinstance(table, Mapping):
        raise SpecError(f"{source}: randomize: expected a table, got {table!r}")
    entries: list[Range | Choice] = []
    targets: list[Range | Choice] = []
    for name, rule in table.items():
        where = f"{source}: randomize.{name}"
        if name == "targets" and allow_targets and isinstance(rule, Mapping) and not (
                set(rule) & {"min", "max", "step"}):
            for unit, sub in rule.items():
                targets.append(_parse_one(unit, sub, f"{source}: randomize.targets.{unit}"))
            continue
        entries.append(_parse_one(name, rule, where))
    return Randomization(tuple(entries), tuple(targets))


def _parse_one(name: str, rule, where: str) -> Range | Choice:
    if isinstance(rule, Mapping):
        return _parse_range(name, rule, where)
    if isinstance(rule, list):
        return _parse_choice(name, rule, where)
    raise SpecError(f"{where}: expected {{ min = .., max = .., step = .. }} or a list of choices, "
                    f"got {rule!r}")


def variant_seeds(seed: int) -> Iterator[int]:
    """The endless, reproducible stream of per-variant seeds drawn from the exercise's ``seed``.

    >>> from itertools import islice
    >>> list(islice(variant_seeds(7), 3)) == list(islice(variant_seeds(7), 3))
    True
    """
    master = np.random.default_rng(seed)
    while True:
        yield from (int(s) for s in master.integers(0, 2**31 - 1, size=64))
