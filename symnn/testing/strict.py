"""A JSON reader that refuses what is not JSON: bare NaN, Infinity and -Infinity."""

from __future__ import annotations

import json

__all__ = ["strict_json"]


def _refuse(name: str):
    raise ValueError(f"not JSON: a bare {name} (NaN and Infinity are not JSON numbers)")


def strict_json(text: str):
    """``json.loads`` with NaN, Infinity and -Infinity refused.

    >>> strict_json('{"loss": 0.5}')
    {'loss': 0.5}
    >>> strict_json('{"loss": NaN}')
    Traceback (most recent call last):
    ...
    ValueError: not JSON: a bare NaN (NaN and Infinity are not JSON numbers)
    """
    return json.loads(text, parse_constant=_refuse)
