"""The registry of exercise kinds, and reading an exercise spec."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..core.errors import SpecError, UnknownNameError
from .activation import ActivationExercise
from .base import (
    Exercise,
)
from .graph import GraphExercise
from .named import LossExercise, SoftmaxExercise
from .network import NetworkExercise
from .perceptron import PerceptronExercise

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
