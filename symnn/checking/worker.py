"""A time bound that works from any thread: each line is judged in a worker process.

``signal.alarm`` only works in the main thread and cannot interrupt SymPy inside C
code; a forked worker can simply be killed. The worker checks the rows one after
another and sends back each verdict with the checker's state (the writer's numbers
so far); when a row takes longer than the bound, the worker is killed, the row gets
``too complex``, and a fresh worker continues from the state after the last row.
"""

from __future__ import annotations

import multiprocessing
import os

__all__ = ["run_rows"]


#: what a checker remembers from one row to the next (the writer's numbers, names and figures)
_STATE = ("written", "_chain", "defined", "symbolic", "figures", "figure_values", "_last_side", "blame",
          "vectors", "exact_numbers", "_vector_side", "figure_names", "index_rules",
          "matrices", "scalar_data")


def _state(checker) -> tuple:
    return tuple(getattr(checker, name) for name in _STATE)


def _restore(checker, state) -> None:
    for name, value in zip(_STATE, state, strict=True):
        setattr(checker, name, value.copy() if isinstance(value, list | dict | set) else value)


def _end_with_parent() -> None:  # pragma: no cover - runs in the worker
    """Ask Linux to kill this worker when the process that forked it ends (killed or not)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL))  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _serve(connection, checker, rows, start: int) -> None:  # pragma: no cover - runs in the worker
    from .report import LineResult

    _end_with_parent()
    for index in range(start, len(rows)):
        row = rows[index]
        try:
            result = checker.check_row(row)
        except RecursionError:
            result = LineResult(row.line, row.text, "too complex", "nested too deeply to judge")
        except Exception as error:  # check_row answers every line; this is a bug (SYMNN_DEBUG raises it)
            if os.environ.get("SYMNN_DEBUG"):
                raise
            result = LineResult(row.line, row.text, "unparsed", f"cannot be judged ({type(error).__name__})")
        try:
            connection.send((index, result, _state(checker)))
        except Exception:
            connection.send((index, result, None))
    connection.close()


def run_rows(checker, rows: list, timeout: float, deadline: float | None = None) -> list:
    """Judge ``rows`` with ``checker``, at most ``timeout`` seconds each, in a forked worker.

    After ``deadline`` (a ``time.monotonic()`` value) the rows left get None: not judged.
    """
    import time

    from .report import LineResult

    if "fork" not in multiprocessing.get_all_start_methods():  # pragma: no cover - not Linux
        return [checker.check_row(row) if deadline is None or time.monotonic() < deadline else None
                for row in rows]
    context = multiprocessing.get_context("fork")
    results: list = []
    index = 0
    while index < len(rows):
        if deadline is not None and time.monotonic() >= deadline:
            results.extend([None] * (len(rows) - index))
            break
        receiver, sender = context.Pipe(duplex=False)
        worker = context.Process(target=_serve, args=(sender, checker, rows, index), daemon=True)
        worker.start()
        sender.close()
        try:
            while index < len(rows):
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    break
                wait = timeout if left is None else min(timeout, left)
                if not receiver.poll(wait):
                    row = rows[index]
                    if wait < timeout:  # the run's budget, not the line, ran out
                        break
                    results.append(LineResult(row.line, row.text, "too complex",
                                              f"not judged within {timeout:g} s"))
                    checker._chain = None
                    index += 1
                    break
                try:
                    got, result, state = receiver.recv()
                except EOFError:
                    row = rows[index]
                    results.append(LineResult(row.line, row.text, "too complex", "the worker stopped"))
                    checker._chain = None
                    index += 1
                    break
                results.append(result)
                if state is not None:
                    _restore(checker, state)
                index = got + 1
        finally:
            if worker.is_alive():
                worker.kill()
            worker.join()
            receiver.close()
    return results
