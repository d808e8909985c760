"""The problems a solution can be checked against on the page: the lecture's, and exercise variants.

Each problem has an ``id`` (what ``POST /api/check`` names), a title, and the keyword
arguments of :func:`symnn.checking.checker.check` that describe it (paths and numbers only,
so that they travel to a worker process as they are).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from ..core.errors import SymnnError, UnknownNameError
from .strings import tr

__all__ = ["CIRCUIT_AT", "CIRCUIT_EXPR", "Problem", "ProblemRegistry", "lecture_spec_path"]

#: the computation-graph example of the lecture (as ``symnn check --expr ... --at ...``)
CIRCUIT_EXPR = "1/(1+exp(-(w0*x0+w1*x1+w2)))"
CIRCUIT_AT = "w0=2,x0=-1,w1=-3,x1=-2,w2=-3"


def lecture_spec_path() -> str:
    """The path of the lecture's worked example, ``derivations/backprop_lecture.toml``."""
    return str(resources.files("derivations").joinpath("backprop_lecture.toml"))


@dataclass(frozen=True)
class Problem:
    """One choice of the page: its id, its title (a string key or fields of a variant) and check arguments."""

    id: str
    key: str
    arguments: dict[str, Any] = field(default_factory=dict)
    fields: dict[str, Any] = field(default_factory=dict)

    def title(self, lang: str = "en") -> str:
        """The title shown on the page and listed by ``GET /api/problems``."""
        return tr(lang, self.key, **self.fields)


def _slug(name: str) -> str:
    """A name as letters, digits and hyphens (``Week 3/ex`` -> ``week-3-ex``)."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "exercise"


class ProblemRegistry:
    """The problems of one server: the lecture's worked example, its computation graph, identities,
    and every variant of the exercise folders given."""

    def __init__(self, exercises: Iterable[str | Path] = ()):
        self.problems: dict[str, Problem] = {}
        self.notes: list[str] = []
        for problem in (Problem("lecture", "lecture", {"spec": lecture_spec_path()}),
                        Problem("circuit", "circuit", {"expr": CIRCUIT_EXPR, "at": CIRCUIT_AT}),
                        Problem("identities", "identities", {})):
            self.problems[problem.id] = problem
        for folder in exercises:
            self.add_exercises(folder)

    def add_exercises(self, folder: str | Path) -> list[Problem]:
        """Add every variant of the ``answers.json`` in ``folder`` (or in its sub-folders)."""
        from ..exercises.answers import read_answers
        from ..models.spec import load_spec

        folder = Path(folder)
        if not folder.is_dir():
            raise SymnnError(f"{folder}: no such folder")
        found = [folder / "answers.json"] if (folder / "answers.json").is_file() else sorted(
            folder.glob("*/answers.json"))
        if not found:
            raise SymnnError(f"{folder}: no answers.json (written by 'symnn exercise SPEC --out DIR')")
        added = []
        for path in found:
            answers = read_answers(path)
            if answers.spec is None:
                self.notes.append(f"{path}: skipped, it names no network spec to check against")
                continue
            load_spec(answers.spec)  # a missing or broken spec is said now, not at the first check
            base = _slug(path.parent.name)
            while any(p.startswith(base + "-v") for p in self.problems):
                base += "-2"
            for index in answers.indices:
                variant = answers.variant(index)
                problem = Problem(f"{base}-v{index}", "variant", variant.check_arguments(),
                                  {"title": answers.title, "index": index, "folder": path.parent.name})
                self.problems[problem.id] = problem
                added.append(problem)
        return added

    def get(self, problem_id: str) -> Problem:
        """The problem ``problem_id``; an unknown id is an UnknownNameError naming the nearest ids."""
        try:
            return self.problems[problem_id]
        except KeyError:
            raise UnknownNameError("problem", problem_id, self.problems) from None

    def listing(self, lang: str = "en") -> list[dict[str, str]]:
        """``[{"id", "title"}]`` of every problem, in the page's order."""
        return [{"id": p.id, "title": p.title(lang)} for p in self.problems.values()]
