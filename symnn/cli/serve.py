"""``symnn serve``: a checker page for a class, and its JSON API."""

from __future__ import annotations

import argparse

HELP = "a checker page for a class: students paste or upload a solution and see every line judged"

DESCRIPTION = """\
Serve a web page on which a student pastes a worked solution (or uploads a .md,
.tex or .txt file), says what it solves, and presses Check: every line comes back
as mathematics beside its verdict, the first real mistake marked with its
diagnosis, the summary on top. The page needs no internet (no script, no CDN:
the mathematics is MathML made on the server).

What a solution can be checked against: the lecture's worked example
(derivations/backprop_lecture.toml), the computation-graph example, identities
(no spec), every variant of the exercise folders given with --exercises (each
written by 'symnn exercise ... --out DIR'), or a network spec the student uploads.

JSON API (the same checks):
  GET  /api/problems  [{"id", "title"}, ...]
  POST /api/check     {"text": "...", "problem": "lecture"} or {"text": "...", "spec": "<TOML>"}
                      or {"text": "..."}: the object 'symnn check --json' prints;
                      errors {"error": "..."} with 413, 415, 422 or 503 (Retry-After)
  GET  /openapi.json  the API as OpenAPI 3

Limits: a solution of at most 200 kB and 500 lines (a request of at most 300 kB),
2 s per line and 30 s per solution, checked in a pool of --workers processes
(default: one per core) with at most --queue more waiting; past that the answer is
503 with Retry-After at once. Nothing a student sends is written to disk or logged
(the access log is off unless --log is given).
"""

EPILOG = """\
examples:
  symnn serve                                  http://127.0.0.1:8000
  symnn serve --exercises build/ex --lang zh   the variants of build/ex, the page in Chinese
  symnn serve --host 0.0.0.0 --port 8080       reachable from the classroom's network
  curl -s localhost:8000/api/check -H 'content-type: application/json' \\
       -d '{"text": "$h_1 = sigmoid(0.2*0.5 + 0.5*0.3) = 0.56$", "problem": "lecture"}'
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1: this machine only)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    parser.add_argument("--exercises", nargs="+", default=[], metavar="DIR",
                        help="folders written by 'symnn exercise' (answers.json); each variant is a problem")
    parser.add_argument("--lang", choices=("en", "zh"), default="en", help="language of the page")
    parser.add_argument("--workers", type=int, default=None, metavar="N",
                        help="solutions checked at once (default: the number of cores)")
    parser.add_argument("--queue", type=int, default=None, metavar="N",
                        help="solutions that may wait for a worker (default: half the workers, at least 1)")
    parser.add_argument("--log", action="store_true", help="log every request (method, path, status)")


def run(args: argparse.Namespace) -> int:
    import signal
    import sys

    import uvicorn

    from ..core.errors import SymnnError
    from ..web import create_app

    if not 0 <= args.port <= 65535:
        raise SymnnError(f"--port: expected 0 .. 65535, got {args.port}")
    for option in ("workers", "queue"):
        value = getattr(args, option)
        if value is not None and value < (1 if option == "workers" else 0):
            raise SymnnError(f"--{option}: expected a whole number >= {1 if option == 'workers' else 0}")
    app = create_app(args.exercises, lang=args.lang, workers=args.workers, queue=args.queue)
    service = app.state.service
    for note in service.registry.notes:
        print(f"note: {note}", file=sys.stderr)
    print(f"symnn serve: http://{args.host}:{args.port}/ ({len(service.registry.problems)} problems, "
          f"{service.pool.workers} workers, queue {service.pool.queue})", flush=True)
    # uvicorn stops on SIGTERM, then hands the signal back to the handler it found: exit normally
    # then, so that the pool's queues and semaphores are released as at any exit
    signal.signal(signal.SIGTERM, _exit)
    uvicorn.run(app, host=args.host, port=args.port, access_log=args.log,
                log_level="info" if args.log else "warning", server_header=False,
                limit_concurrency=200, timeout_keep_alive=5,
                timeout_graceful_shutdown=service.limits.budget_seconds + 10)
    return 0


def _exit(signum: int, frame: object) -> None:
    raise SystemExit(0)
