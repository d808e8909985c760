"""The Starlette application of ``symnn serve``: the checker page and its JSON API.

Routes:

* ``GET /``: the page; ``POST /``: the page with the report (a form, multipart).
* ``GET /api/problems``: ``[{"id", "title"}]``, the problems a solution can be checked against.
* ``POST /api/check``: JSON ``{"text", "problem"}``, ``{"text", "spec"}`` (a spec's TOML text) or
  ``{"text"}`` (identities); the answer is the object ``symnn check --json`` prints for
  the same input. Errors are ``{"error": "..."}`` with 413 (too large), 415 (not JSON),
  422 (unusable input) or 503 (busy, with Retry-After).
* ``GET /openapi.json``: the API described as OpenAPI 3.

The body of a request is read up to a limit (whatever Content-Length says) and never
written to disk; nothing a student sends is logged.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..core.errors import UnknownNameError
from .page import UPLOAD, PageState, render_page
from .pool import Busy, CheckPool
from .registry import ProblemRegistry
from .strings import LANGUAGES, tr

__all__ = ["LIMITS", "Limits", "create_app"]


@dataclass(frozen=True)
class Limits:
    """What one request may send and spend."""

    text_bytes: int = 200_000       # the solution (the checker's own limit)
    lines: int = 500                # lines of the solution
    spec_bytes: int = 50_000        # an uploaded spec
    body_bytes: int = 300_000       # the whole request body (the text, a spec, JSON or form overhead)
    line_seconds: float = 2.0       # each line, in a forked worker (the checker's bound)
    budget_seconds: float = 30.0    # the whole solution

    def page_fields(self) -> dict[str, Any]:
        """The figures the page states under the form."""
        return {"kb": self.text_bytes // 1000, "lines": self.lines, "seconds": self.line_seconds}


LIMITS = Limits()

_SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
                                 b"base-uri 'none'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
]


class _SecurityHeaders:
    """Adds a strict Content-Security-Policy (no script at all) and no-store to every answer."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (name, value) for name, value in _SECURITY_HEADERS if name not in names]
            await send(message)

        await self.app(scope, receive, send_with_headers)


@dataclass
class RequestError(Exception):
    """A request that cannot be checked: the status code, and the page's string key and fields."""

    status: int
    key: str
    fields: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    suggestions: list[str] = field(default_factory=list)
    detail: str = ""

    def message(self, lang: str = "en") -> str:
        """The error as one sentence or two in ``lang`` (the API answers in English)."""
        text = tr(lang, self.key, **self.fields)
        if self.suggestions:
            text += " " + tr(lang, "did_you_mean", names=" / ".join(f"'{s}'" for s in self.suggestions))
        return f"{text} {self.detail}" if self.detail else text


def _unusable(detail: str) -> RequestError:
    """A RequestError (422) for input that cannot be used, saying why."""
    return RequestError(422, "bad_input", {"detail": detail})


async def _read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it passes ``limit`` bytes (declared or sent)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise RequestError(413, "request_too_large", {"kb": limit // 1000})
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise RequestError(413, "request_too_large", {"kb": limit // 1000})
        chunks.append(chunk)
    return b"".join(chunks)


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def _solution_text(text: str, limits: Limits) -> str:
    """The text with newlines as a file read in text mode has them; refused when empty or too large."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(text.encode("utf-8", errors="replace")) > limits.text_bytes:
        raise RequestError(413, "too_large", {"kb": limits.text_bytes // 1000})
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    if lines > limits.lines:
        raise RequestError(413, "too_many_lines", {"n": lines, "lines": limits.lines})
    if not text.strip():
        raise RequestError(422, "empty")
    return text


class _Service:
    """What the routes share: the problems, the pool, the limits, the page's language."""

    def __init__(self, registry: ProblemRegistry, pool: CheckPool, limits: Limits, lang: str):
        self.registry = registry
        self.pool = pool
        self.limits = limits
        self.lang = lang

    def job(self, text: str, problem: str | None, spec_text: str | None, render: bool) -> dict[str, Any]:
        """The pool's job for a solution and what it solves (a problem id, a spec's text, or neither)."""
        limits = self.limits
        text = _solution_text(text, limits)
        if problem is not None and spec_text is not None:
            raise _unusable("give either 'problem' or 'spec', not both")
        arguments: dict[str, Any] = {}
        if problem is not None:
            try:
                arguments = dict(self.registry.get(problem).arguments)
            except UnknownNameError as error:
                raise RequestError(422, "unknown_problem", {"id": problem}, suggestions=error.suggestions,
                                   detail=f"(known: {', '.join(error.known)})") from None
        if spec_text is not None and len(spec_text.encode("utf-8", errors="replace")) > limits.spec_bytes:
            raise RequestError(413, "spec_too_large", {"kb": limits.spec_bytes // 1000})
        return {"text": text, "arguments": arguments, "spec_text": spec_text, "render": render,
                "timeout": limits.line_seconds, "budget": limits.budget_seconds}

    async def check(self, job: dict[str, Any]) -> dict[str, Any]:
        """Run ``job`` in the pool; Busy and an unusable problem become RequestErrors."""
        try:
            result = await self.pool.run(job)
        except Busy as busy:
            raise RequestError(503, "busy", headers={"Retry-After": str(busy.retry_after)}) from None
        if "error" in result:
            key = "bad_spec" if job.get("spec_text") is not None else "bad_input"
            raise RequestError(422, key, {"detail": result["error"]})
        if "failed" in result:  # logged without anything the student sent
            logging.getLogger("symnn.serve").error("a check failed in the checker: %s", result["failed"])
            raise RequestError(500, "failed")
        return result


def _json_error(error: RequestError) -> JSONResponse:
    return JSONResponse({"error": error.message("en")}, status_code=error.status, headers=error.headers)


async def _api_problems(request: Request) -> Response:
    service: _Service = request.app.state.service
    return JSONResponse(service.registry.listing("en"))


async def _api_check(request: Request) -> Response:
    service: _Service = request.app.state.service
    try:
        if _media_type(request) != "application/json":
            raise RequestError(415, "not_json")
        body = await _read_body(request, service.limits.body_bytes)
        try:
            data = json.loads(body)
        except (ValueError, UnicodeDecodeError) as error:
            raise _unusable(f"the body is not JSON ({error})") from None
        if not isinstance(data, dict):
            raise _unusable('expected an object {"text": ..., "problem": ...}')
        for key in ("text", "problem", "spec"):
            if data.get(key) is not None and not isinstance(data[key], str):
                raise _unusable(f"'{key}' must be a string")
        job = service.job(data.get("text") or "", data.get("problem"), data.get("spec"), render=False)
        result = await service.check(job)
    except RequestError as error:
        return _json_error(error)
    return JSONResponse(result["report"])


async def _page(request: Request) -> Response:
    service: _Service = request.app.state.service
    return HTMLResponse(render_page(_state(service)))


def _state(service: _Service, **fields: Any) -> PageState:
    return PageState(lang=service.lang, problems=service.registry.listing(service.lang),
                     limits=service.limits.page_fields(), version=_version(), **fields)


async def _upload_text(form: Any, name: str) -> str | None:
    """The text of the uploaded file ``name`` of the form (None: no file chosen)."""
    upload = form.get(name)
    if upload is None or isinstance(upload, str) or not upload.filename:
        return None
    data = await upload.read()
    if not data:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise RequestError(422, "not_text") from None


async def _page_check(request: Request) -> Response:
    """The form posted: check it and answer the page with the report (or the error) under the form."""
    service: _Service = request.app.state.service
    lang = service.lang
    problem, text = "lecture", ""
    try:
        media = _media_type(request)
        if media not in ("multipart/form-data", "application/x-www-form-urlencoded"):
            raise RequestError(415, "content_type")
        body = await _read_body(request, service.limits.body_bytes)
        form = await _parse_form(request, body, media, service.limits.body_bytes)
        try:
            problem = str(form.get("problem") or "lecture")
            text = str(form.get("text") or "")
            uploaded = await _upload_text(form, "file")
            if uploaded is not None:
                text = uploaded
            spec_text = await _upload_text(form, "spec_file") if problem == UPLOAD else None
        finally:
            await form.close()
        if problem == UPLOAD and spec_text is None:
            raise RequestError(422, "need_spec")
        job = service.job(text, None if problem == UPLOAD else problem, spec_text, render=True)
        result = await service.check(job)
    except RequestError as error:
        state = _state(service, problem=problem, text=text, error=error.message(lang))
        return HTMLResponse(render_page(state), status_code=error.status, headers=error.headers)
    state = _state(service, problem=problem, text=job["text"], report=result["report"],
                   mathml=result.get("mathml", []))
    return HTMLResponse(render_page(state))


async def _parse_form(request: Request, body: bytes, media: str, limit: int) -> Any:
    """The form in ``body`` (already read within the limit), parsed by Starlette's parsers.

    Uploaded files stay in memory: the parser spools to disk only past 1 MB, more than the body may hold.
    """
    from starlette.formparsers import FormParser, MultiPartException, MultiPartParser

    async def stream() -> AsyncIterator[bytes]:
        yield body
        yield b""

    try:
        if media == "multipart/form-data":
            return await MultiPartParser(request.headers, stream(), max_files=2, max_fields=8,
                                         max_part_size=limit).parse()
        return await FormParser(request.headers, stream(), max_fields=8, max_part_size=limit).parse()
    except (MultiPartException, KeyError, ValueError) as error:
        raise _unusable(str(getattr(error, "message", error))) from None


def _version() -> str:
    from .. import __version__

    return __version__


_STYLE: bytes | None = None


async def _style(request: Request) -> Response:
    global _STYLE
    if _STYLE is None:
        _STYLE = resources.files("symnn.web").joinpath("static", "page.css").read_bytes()
    return Response(_STYLE, media_type="text/css", headers={"Cache-Control": "max-age=3600"})


async def _openapi(request: Request) -> Response:
    return JSONResponse(OPENAPI)


def create_app(exercises: Iterable[str | Path] = (), *, lang: str = "en", workers: int | None = None,
               queue: int | None = None, limits: Limits = LIMITS, warm_up: bool = True) -> Starlette:
    """The checker application: the page in ``lang``, the lecture's problems, the variants of ``exercises``.

    ``workers`` checks run at once (default: one per core) and ``queue`` more may wait
    (default: half as many as workers, at least one); past that a request gets 503 at once.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r} (known: {', '.join(LANGUAGES)})")
    registry = ProblemRegistry(exercises)
    # a check takes at most its budget and the line running then (drawing its lines comes on top)
    pool = CheckPool(workers, queue, check_seconds=limits.budget_seconds + limits.line_seconds)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        pool.start()
        if warm_up:
            await pool.warm_up()
        try:
            yield
        finally:
            pool.stop()

    routes = [
        Route("/", _page, methods=["GET"]),
        Route("/", _page_check, methods=["POST"]),
        Route("/static/page.css", _style, methods=["GET"]),
        Route("/api/problems", _api_problems, methods=["GET"]),
        Route("/api/check", _api_check, methods=["POST"]),
        Route("/openapi.json", _openapi, methods=["GET"]),
    ]
    from starlette.middleware import Middleware

    app = Starlette(routes=routes, lifespan=lifespan, middleware=[Middleware(_SecurityHeaders)])
    app.state.service = _Service(registry, pool, limits, lang)
    return app


_ERROR = {"description": "", "content": {"application/json": {"schema": {
    "type": "object", "properties": {"error": {"type": "string"}}, "required": ["error"]}}}}

OPENAPI: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "symnn checker", "version": "1",
             "description": "Check a worked solution line by line, as `symnn check --json` does."},
    "paths": {
        "/api/problems": {"get": {
            "summary": "The problems a solution can be checked against",
            "responses": {"200": {"description": "a list of problems", "content": {"application/json": {
                "schema": {"type": "array", "items": {"type": "object", "properties": {
                    "id": {"type": "string"}, "title": {"type": "string"}}}}}}}}}},
        "/api/check": {"post": {
            "summary": "Check a solution: the object `symnn check --json` prints",
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "required": ["text"], "properties": {
                    "text": {"type": "string", "description": "the solution (text, Markdown or LaTeX)"},
                    "problem": {"type": "string", "description": "an id of GET /api/problems"},
                    "spec": {"type": "string", "description": "a network spec (TOML text)"}}}}}},
            "responses": {
                "200": {"description": "the report: lines and summary", "content": {"application/json": {
                    "schema": {"type": "object", "properties": {
                        "lines": {"type": "array", "items": {"type": "object"}},
                        "summary": {"type": "object"}}}}}},
                "413": _ERROR | {"description": "too large (text, lines, spec or body)"},
                "415": _ERROR | {"description": "the body is not application/json"},
                "422": _ERROR | {"description": "unusable input: empty text, unknown problem, bad spec"},
                "503": _ERROR | {"description": "busy: every worker is checking and the queue is full; "
                                                 "see Retry-After"}}}},
    },
}
