"""Checks run in a bounded pool of worker processes shared by every request of the server.

At most ``workers`` solutions are checked at once (one per core by default), and at
most ``queue`` more wait; a request beyond that is refused at once (:class:`Busy`, the
server answers 503 with Retry-After) instead of waiting without end. Each pool worker
runs :func:`symnn.checking.checker.check`, which judges every line in a forked process under
the per-line time bound, within a time budget for the whole solution.

The workers are forked from a fork server that has already imported the checker
(SymPy, the parser), so a new worker is ready at once. A worker keeps little between
checks (the lines are judged in processes forked for each check), and after
``checks_per_pool`` checks the pool is replaced by a fresh one while the old one finishes
what it holds, so that nothing a check leaves in memory can pile up. (Not with
``max_tasks_per_child``: it can leave a pool without workers on Python 3.11 to 3.14,
CPython issue 115634.) A check that has not come back
long after it could have (``check_seconds`` for itself and for each check it may wait
behind, plus a margin) is given up and the pool is started again: no request waits for
ever, whatever happens in a worker.
"""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

__all__ = ["RENDER_SECONDS", "Busy", "CheckPool", "judge"]

#: modules the fork server imports once, before it forks the workers
PRELOAD = ["symnn.checking.checker", "symnn.models.spec", "symnn.checking.problems", "symnn.checking.parse",
           "symnn.models.network", "symnn.core.numeric", "symnn.models.graph", "symnn.web.mathml",
           "latex2mathml.converter"]
#: seconds a check may spend turning its lines into MathML (then the rest is shown as text)
RENDER_SECONDS = 5.0


class Busy(Exception):  # noqa: N818 - a state of the pool, answered with 503
    """Every worker is checking and the queue is full: try again after ``retry_after`` seconds."""

    def __init__(self, retry_after: int = 2):
        self.retry_after = retry_after
        super().__init__(f"busy; retry after {retry_after} s")


def judge(job: dict[str, Any]) -> dict[str, Any]:
    """Check one solution (runs in a pool worker): ``{"report": ...}``, ``{"error": ...}`` (unusable
    input) or ``{"failed": ...}`` (the checker failed; the name of the exception).

    ``job``: ``text``, ``arguments`` (keyword arguments of :func:`symnn.checking.checker.check`),
    ``spec_text`` (an uploaded spec, read with :func:`symnn.models.spec.parse_spec`, or None),
    ``timeout`` and ``budget`` (seconds), ``render`` (also return each line as MathML).
    """
    from symnn.checking.checker import check
    from symnn.core.errors import SymnnError

    arguments = dict(job.get("arguments") or {})
    try:
        if job.get("spec_text") is not None:
            from symnn.models.spec import parse_spec

            arguments["spec"] = parse_spec(job["spec_text"], source="the uploaded spec")
        report = check(job["text"], timeout=job.get("timeout"), budget=job.get("budget"), **arguments)
    except SymnnError as error:
        return {"error": str(error)}
    except Exception as error:  # a fault of the checker, not of the input: said without the input
        return {"failed": type(error).__name__}
    result: dict[str, Any] = {"report": report.to_json()}
    if job.get("render"):
        result["mathml"] = _render([line.text for line in report.lines])
    return result


def _render(texts: list[str]) -> list[str | None]:
    """Each text as MathML (None: shown as text), within :data:`RENDER_SECONDS` in all."""
    import signal

    from symnn.web.mathml import to_mathml

    class _OutOfTime(Exception):  # noqa: N818
        pass

    def stop(signum, frame):
        raise _OutOfTime

    rendered: list[str | None] = [None] * len(texts)
    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, RENDER_SECONDS)
    try:
        for index, text in enumerate(texts):
            rendered[index] = to_mathml(text)
    except _OutOfTime:
        pass
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return rendered


def _watch(server: int) -> None:
    """Each worker's start: end the worker when the server process ends, even when it is killed.

    A worker waiting for work would otherwise wait for ever (its queue has other writers).
    A thread waits on a pidfd of the server; it holds no lock, so the worker still forks safely.
    """
    import select

    try:
        handle = os.pidfd_open(server)
    except ProcessLookupError:
        os._exit(0)
    except (AttributeError, OSError):  # pragma: no cover - no pidfd (not Linux): ends with the server's exit
        return

    def wait() -> None:
        select.select([handle], [], [])
        os._exit(0)

    threading.Thread(target=wait, name="symnn-server-watch", daemon=True).start()


def _ready() -> int:
    """A no-op run in each new worker at start-up: its process id."""
    return os.getpid()


class CheckPool:
    """A process pool with a bounded queue; :meth:`run` checks a job or raises :class:`Busy`."""

    def __init__(self, workers: int | None = None, queue: int | None = None, check_seconds: float = 32.0,
                 checks_per_pool: int = 200):
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.queue = max(0, max(1, self.workers // 2) if queue is None else queue)
        self.checks_per_pool = checks_per_pool
        self._checks = 0
        self._retiring: list = []  # workers of replaced pools, finishing their last checks
        #: seconds after which a check that has not come back is given up (the pool is restarted)
        self.job_seconds = (1 + -(-self.queue // self.workers)) * check_seconds + 30.0
        self._executor: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        self._taken = 0

    @property
    def taken(self) -> int:
        """Checks running or waiting now."""
        return self._taken

    def start(self) -> None:
        """Start the fork server and the pool (workers start on the first checks)."""
        import multiprocessing

        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        self._executor = ProcessPoolExecutor(self.workers, mp_context=context,
                                             initializer=_watch, initargs=(os.getpid(),))

    async def warm_up(self) -> list[int]:
        """Start every worker now (not at the first checks); their process ids."""
        assert self._executor is not None
        futures = [asyncio.wrap_future(self._executor.submit(_ready)) for _ in range(self.workers)]
        return list(await asyncio.gather(*futures))

    def stop(self) -> None:
        """Stop the pool and end its workers (the server answered its requests before it stops)."""
        executor, self._executor = self._executor, None
        if executor is not None:
            _end(executor)
        _end_processes(self._retiring)
        self._retiring = []

    def _renew(self) -> None:
        """Replace the pool by a fresh one; the old one finishes its checks, then its workers exit."""
        old = self._executor
        self._retiring = [p for p in self._retiring if p.is_alive()]
        self._retiring += list((getattr(old, "_processes", None) or {}).values())
        self._executor = None
        self.start()
        if old is not None:
            old.shutdown(wait=False)

    def _slot(self) -> Callable[..., None]:
        """Take a place (raises :class:`Busy` when none is left); the function that gives it back, once."""
        with self._lock:
            if self._taken >= self.workers + self.queue:
                raise Busy(retry_after=max(1, round(self._taken / self.workers)))
            self._taken += 1
        given_back = False

        def give_back(*_future: Future) -> None:
            nonlocal given_back
            with self._lock:
                if not given_back:
                    given_back = True
                    self._taken -= 1

        return give_back

    async def run(self, job: dict[str, Any]) -> dict[str, Any]:
        """:func:`judge` of ``job`` in a worker; :class:`Busy` at once when the queue is full."""
        give_back = self._slot()
        if self._executor is None:
            self.start()
        executor = self._executor
        try:
            future = executor.submit(judge, job)
        except (BrokenProcessPool, RuntimeError):  # a worker died: start a new pool for the next request
            give_back()
            self._restart(executor)
            raise Busy(retry_after=1) from None
        future.add_done_callback(give_back)  # the place is free when the worker is, not before
        try:
            result = await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(future)), self.job_seconds)
        except (TimeoutError, BrokenProcessPool):  # a worker died, or the pool is stuck
            self._restart(executor)
            give_back()  # its workers are ended: the place is free even if the future never ends
            raise Busy(retry_after=1) from None
        self._checks += 1
        if self._checks >= self.checks_per_pool and executor is self._executor:
            self._checks = 0
            self._renew()
        return result

    def _restart(self, broken: ProcessPoolExecutor | None) -> None:
        """A new pool in place of ``broken`` (once: other requests of the broken pool find it replaced)."""
        if broken is not self._executor:
            return
        self._executor = None
        if broken is not None:
            _end(broken)
        self.start()


def _end(executor: ProcessPoolExecutor) -> None:
    """Shut ``executor`` down and end its workers now.

    ``shutdown`` alone leaves the workers to a thread that may not run again: uvicorn ends
    the process by its signal once it has stopped, and no exit handler runs then.
    """
    workers = list((getattr(executor, "_processes", None) or {}).values())
    executor.shutdown(wait=False, cancel_futures=True)
    _end_processes(workers)


def _end_processes(workers: list) -> None:
    """Terminate ``workers`` (multiprocessing processes), then kill those that stay."""
    for worker in workers:
        if worker.is_alive():
            worker.terminate()
    for worker in workers:
        worker.join(5)
        if worker.is_alive():  # pragma: no cover - a worker that ignores SIGTERM
            worker.kill()
            worker.join(5)
