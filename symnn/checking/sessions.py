r"""A Python session pasted into a solution (``>>>`` or ``In [3]:`` prompts, the output below them),
read as the claims it makes.

An assignment (``>>> d_o1 = (o1 - y1)*o1*(1 - o1)``) is a claim on its own line, as written in
the notes. A value shown below the line that asks for it (``>>> round(h2, 6)`` then ``0.495``) is a
claim on the output's line: ``h2 = 0.495``. ``round``, ``np.round`` and ``.round`` only say how many
digits are shown; a tuple, a list, ``array([...])`` or an f-string pairs its values one by one.
Imports, ``lambda`` and ``def`` are code, not claims. Nothing is ever run.

>>> session_lines([">>> h1 = sig(0.25)", ">>> round(h1, 4), round(2*h1, 3)", "(0.5622, 1.124)"])
['h1 = sig(0.25)', '', 'h1 = 0.5622; 2*h1 = 1.124']
"""

from __future__ import annotations

import re

from .tokens import FIGURE

__all__ = ["session_lines"]

_PROMPT = re.compile(r"^\s*(?:>>>|In \[\d{1,4}\]:)[ \t]?")
_OUTPUT = re.compile(r"^\s*Out\[\d{1,4}\]:[ \t]?")
_CONTINUATION = re.compile(r"^\s*\.\.\.[ \t]?")
_ROUND = re.compile(r"^(?:np\.|numpy\.)?round\((.+),\s*\d{1,2}\)$")
_METHOD_ROUND = re.compile(r"^(.+)\.round\(\d{1,2}\)$")
_FSTRING = re.compile(r"^print\(f([\"'])(.*)\1\)$")
#: most characters of a line read as a session line
_LIMIT = 2000


def session_lines(lines: list[str]) -> list[str]:
    """The lines of a text with its session lines turned into claims (the others unchanged)."""
    if not any(_PROMPT.match(line) for line in lines[:2000]):
        return lines
    out = list(lines)
    asked: list[str] | None = None  # the expressions whose values the next output line shows
    for k, line in enumerate(lines):
        if len(line) > _LIMIT:
            asked = None
            continue
        prompt = _PROMPT.match(line) or _CONTINUATION.match(line)
        if prompt:
            kept, asked = _statements(_code(line[prompt.end():]))
            out[k] = "; ".join(kept)
            continue
        shown = _OUTPUT.match(line)
        text = line[shown.end():] if shown else line
        if asked is not None and text.strip():
            values = _values(text.strip())
            if values is not None and len(values) == len(asked):
                out[k] = "; ".join(f"{expr} = {value}" for expr, value in zip(asked, values, strict=True))
            asked = None
        elif shown:
            out[k] = ""
    return out


def _code(text: str) -> str:
    """A line of code without its comment (a ``#`` outside a string)."""
    quote = None
    for i, ch in enumerate(text):
        if ch in "\"'":
            quote = None if quote == ch else quote or ch
        elif ch == "#" and quote is None:
            return text[:i].rstrip()
    return text.rstrip()


def _split(text: str, separator: str) -> list[str]:
    """``text`` cut at ``separator`` outside brackets and strings."""
    pieces, depth, quote, start = [], 0, None, 0
    for i, ch in enumerate(text):
        if ch in "\"'":
            quote = None if quote == ch else quote or ch
        elif quote is None and ch in "([{":
            depth += 1
        elif quote is None and ch in ")]}":
            depth -= 1
        elif quote is None and depth == 0 and ch == separator:
            pieces.append(text[start:i])
            start = i + 1
    pieces.append(text[start:])
    return [p.strip() for p in pieces if p.strip()]


def _statements(code: str) -> tuple[list[str], list[str] | None]:
    """The assignments of a line of code (claims) and the expressions of the value it shows."""
    kept: list[str] = []
    asked = None
    statements = _split(code, ";")
    for k, statement in enumerate(statements):
        if statement.startswith(("import ", "from ", "def ", "class ", "for ", "if ")) \
                or "lambda" in statement:
            continue
        if re.match(r"^[A-Za-z_][\w, ]*=(?!=)", statement):
            kept.append(statement)
        elif k == len(statements) - 1:
            asked = _asked(statement)
    return kept, asked


def _asked(expression: str) -> list[str] | None:
    """The expressions a shown value is made of: ``round(h1, 4), h2`` -> [h1, h2]."""
    fstring = _FSTRING.match(expression)
    if fstring:
        fields = re.findall(r"\{([^{}]+)\}", fstring.group(2))
        return [re.sub(r":[^{}]*$", "", field) for field in fields] or None
    if expression.startswith("print("):
        return None
    inner = expression[1:-1] if expression.startswith("[") and expression.endswith("]") else expression
    items = _split(inner, ",")
    out = []
    for item in items:
        for pattern in (_ROUND, _METHOD_ROUND):
            match = pattern.match(item)
            if match:
                item = match.group(1).strip()
        if item.startswith("[") and item.endswith("]") and len(items) == 1:
            return _asked(item)
        out.append(item)
    return out


def _values(text: str) -> list[str] | None:
    """The numbers a shown value is made of: ``(0.25, -0.02)``, ``array([0.1, 0.2])``, ``0.4 0.5``."""
    body = re.sub(r"^array\(\[|\]\)$|^[(\[]|[)\]]$", "", text.strip())
    pieces = [p for p in re.split(r"[,\s]+", body) if p]
    if not pieces or not all(FIGURE.fullmatch(p) for p in pieces):
        return None
    return pieces
