"""Terminal output: colour on a terminal, plain text in a pipe, and a progress bar.

Colour follows the common conventions: ``NO_COLOR`` turns it off, ``FORCE_COLOR``
turns it on, otherwise it is on only when the stream is a terminal.
"""

from __future__ import annotations

import os
import re
import sys
import time
from typing import TextIO

__all__ = ["PrintableStream", "Progress", "colour", "printable", "use_colour"]

_CODES = {"red": "31", "green": "32", "yellow": "33", "blue": "34", "magenta": "35",
          "cyan": "36", "bold": "1", "dim": "2"}


def use_colour(stream: TextIO | None = None) -> bool:
    """Whether to colour output written to ``stream`` (default: stdout)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    stream = stream or sys.stdout
    return hasattr(stream, "isatty") and stream.isatty()


def colour(text: str, name: str, stream: TextIO | None = None) -> str:
    """``text`` wrapped in the ANSI colour ``name`` when colour is in use.

    >>> colour("ok", "green", stream=None) in ("ok", "\\x1b[32mok\\x1b[0m")
    True
    """
    if not use_colour(stream):
        return text
    return f"\x1b[{_CODES[name]}m{text}\x1b[0m"


class Progress:
    """A one-line progress bar on stderr, shown only when stderr is a terminal.

    >>> with Progress(3, "variants") as bar:
    ...     for _ in range(3):
    ...         bar.advance()
    """

    def __init__(self, total: int, label: str = "", stream: TextIO | None = None):
        self.total = max(int(total), 1)
        self.label = label
        self.stream = stream or sys.stderr
        self.done = 0
        self.enabled = hasattr(self.stream, "isatty") and self.stream.isatty()
        self._last = 0.0

    def __enter__(self) -> Progress:
        return self

    def advance(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        if self.enabled and (now - self._last > 0.05 or self.done >= self.total):
            self._last = now
            width = 30
            filled = int(width * self.done / self.total)
            bar = "#" * filled + "-" * (width - filled)
            self.stream.write(f"\r{self.label} [{bar}] {self.done}/{self.total}")
            self.stream.flush()

    def __exit__(self, *exc) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()


#: C0 and C1 control characters (but newline and tab), DEL, and the Unicode marks that reorder
#: or break lines on a terminal
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
#: the colour codes :func:`colour` writes, which :class:`PrintableStream` lets through
_OWN_COLOURS = re.compile("(\x1b\\[(?:" + "|".join(sorted(set(_CODES.values()) | {"0"})) + ")m)")


def printable(text: str) -> str:
    """``text`` with control characters and terminal escape sequences shown, not obeyed.

    Each becomes a visible ``\\uXXXX`` (valid in JSON strings too); CR LF line ends become LF.

    >>> printable("ok\\x1b[2K\\rarithmetic")
    'ok\\\\u001b[2K\\\\u000darithmetic'
    """
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text.replace("\r\n", "\n"))


class PrintableStream:
    """A text stream that writes through :func:`printable`, keeping only symnn's own colour codes.

    The ``symnn`` command wraps stdout in one, so that nothing read from a file (a student's
    line, a spec's name) can move the cursor, erase a line or retitle the terminal.
    """

    def __init__(self, stream: TextIO):
        self.stream = stream

    def write(self, text: str) -> int:
        parts = _OWN_COLOURS.split(text)
        self.stream.write("".join(p if i % 2 else printable(p) for i, p in enumerate(parts)))
        return len(text)

    def __getattr__(self, name: str):
        return getattr(self.stream, name)
