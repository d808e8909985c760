"""The checker page of ``symnn serve`` and its JSON API (Starlette, served by uvicorn).

``create_app(exercises, lang=...)`` builds the application: :mod:`.app` (routes, limits),
:mod:`.registry` (the problems a solution is checked against), :mod:`.pool` (the bounded
pool of worker processes), :mod:`.page` and :mod:`.strings` (the page and its English and
Chinese strings), :mod:`.mathml` (each line as MathML, made on the server), ``static/``.
"""

from __future__ import annotations

from .app import LIMITS, Limits, create_app

__all__ = ["LIMITS", "Limits", "create_app"]
