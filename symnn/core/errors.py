"""Errors a user can cause; the CLI prints them as one line and exits with code 2."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class SymnnError(Exception):
    """Base class of every error a user of symnn can cause."""


class UnknownNameError(SymnnError, KeyError):
    """A name (activation, loss, symbol, ...) that is not in a catalogue.

    >>> str(UnknownNameError("activation", "sigmod", ["sigmoid", "tanh"]))
    "unknown activation 'sigmod'; did you mean 'sigmoid'? (known: sigmoid, tanh)"
    """

    def __init__(self, kind: str, name: str, known: Iterable[str]):
        self.kind = kind
        self.name = name
        self.known = sorted(set(known))
        self.suggestions = nearest_names(name, self.known)
        super().__init__(kind, name)

    def __str__(self) -> str:
        hint = ""
        if self.suggestions:
            hint = "; did you mean " + " or ".join(f"'{s}'" for s in self.suggestions) + "?"
        return f"unknown {self.kind} '{self.name}'{hint} (known: {', '.join(self.known)})"


class DerivationError(SymnnError):
    """A derivation step that does not follow from the one before it."""


class SpecError(SymnnError):
    """A spec file that cannot be used: names the file, the key and what was expected."""


class ParseError(SymnnError):
    """Text that cannot be read as mathematics; carries the position of the problem."""

    def __init__(self, message: str, text: str = "", position: int | None = None):
        self.text = text
        self.position = position
        super().__init__(message)


def nearest_names(name: str, known: Iterable[str], n: int = 3) -> list[str]:
    """The known names closest to ``name``, best first.

    >>> nearest_names("tanhh", ["tanh", "sigmoid", "softplus"])
    ['tanh']
    """
    known = list(known)
    lowered = {k.lower(): k for k in known}
    hits = difflib.get_close_matches(name.lower(), list(lowered), n=n, cutoff=0.6)
    return [lowered[h] for h in hits]
