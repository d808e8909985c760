"""Serving: ``symnn serve`` under the load of a class, on 127.0.0.1 only.

The real server is started (``python -m symnn serve`` on a free port of 127.0.0.1, the
default pool: one worker per core, half as many waiting). Each ordinary submission is sent
alone, one after another, before the load and again after it (the baseline: before and
after, so that a shared machine's drift weighs on both sides alike); ``clients`` threads send
``submissions`` solutions through ``POST /api/check`` as fast as they are answered:
the lecture's hand calculation (with its slip, and with the slip mended), the
computation-graph solution, short forward passes right and wrong, and one in twenty an
adversarial line (a tower of powers, 200 nested parentheses, 300 nested fractions, a
5,000-term sum, nested exponentials: the lines the checker's own tests feed it). A 503
is the documented answer of a full queue: the client waits Retry-After and sends again.
The run stops after ``submissions`` answers or ``seconds`` seconds, whichever is first.

Reported: answers by status (anything but 200 and 503 is a failure), latency of the
answered requests (p50, p95) and from first try to answer (with the waits after 503),
the p95 of ordinary submissions under load over their p95 alone (the ratio; target
within 3x), and the memory of the server at start, once warm, and at the end: the
uvicorn process's RSS and the whole tree's (fork server, pool workers) proportional set
size, with the number of processes (no worker may be left behind).
"""

from __future__ import annotations

import json
import os
import random
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from . import child_env, entry, lecture_file, unavailable

NAME = "serving"
TITLE = "Serving a class (symnn serve under load)"
TARGET = ("no failed request besides documented 503s; p95 of ordinary submissions under load within "
          "3x of one alone; memory flat, no worker left behind")
RATIO_TARGET = 3.0
MEMORY_TARGET = 1.5  # the tree's memory at the end over its memory once warm
#: (submissions, clients, seconds) of the full and the quick run
FULL = (1_000, 50, 300.0)
QUICK = (100, 10, 60.0)
ADVERSARIAL_SHARE = 20  # one submission in twenty
ADVERSARIAL_LINES = ("tower of powers", "200 nested parentheses", "300 nested fractions", "5,000-term sum",
                     "nested exponentials")
CIRCUIT = "circuit_solution.md"


@dataclass(frozen=True)
class Submission:
    """One body for ``POST /api/check`` and what kind of submission it is."""

    kind: str
    body: bytes
    ordinary: bool = True


def submissions() -> list[Submission]:
    """The ordinary submissions (clean and wrong), then the adversarial ones."""
    from .checking import ADVERSARIAL

    lecture = lecture_file("lecture_solution.md").read_text(encoding="utf-8")
    circuit = lecture_file(CIRCUIT).read_text(encoding="utf-8")

    def body(text: str, problem: str | None) -> bytes:
        data = {"text": text} if problem is None else {"text": text, "problem": problem}
        return json.dumps(data).encode()

    ordinary = [
        Submission("lecture, with its slip", body(lecture, "lecture")),
        Submission("lecture, slip mended", body(lecture.replace("&= -0.009", "&= -0.008"), "lecture")),
        Submission("computation graph", body(circuit, "circuit")),
        Submission("forward pass, right", body("$h_1 = sigmoid(0.20 * 0.50 + 0.50 * 0.30) = 0.56$\n"
                                               "$h_2 = sigmoid(-0.40 * 0.50 + 0.60 * 0.30) = 0.50$\n",
                                               "lecture")),
        Submission("forward pass, wrong", body("$h_1 = sigmoid(0.20 * 0.50 + 0.50 * 0.30) = 0.58$\n"
                                               "$o_1 = sigmoid(0.10 * 0.58 + (-0.30 * 0.50)) = 0.48$\n",
                                               "lecture")),
    ]
    adversarial = [Submission(f"adversarial: {name}", body(ADVERSARIAL[name], "lecture"), ordinary=False)
                   for name in ADVERSARIAL_LINES]
    return ordinary + adversarial


def _schedule(count: int, pool: list[Submission]) -> list[Submission]:
    """``count`` submissions: one in twenty adversarial, the rest the ordinary ones in turn."""
    ordinary = [s for s in pool if s.ordinary]
    adversarial = [s for s in pool if not s.ordinary]
    last = ADVERSARIAL_SHARE - 1
    return [adversarial[(i // ADVERSARIAL_SHARE) % len(adversarial)] if i % ADVERSARIAL_SHARE == last
            else ordinary[i % len(ordinary)] for i in range(count)]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running_server(timeout: float = 120.0) -> Iterator[tuple[str, subprocess.Popen]]:
    """``symnn serve`` on a free port of 127.0.0.1: (its URL, the process), stopped afterwards."""
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "symnn", "serve", "--host", "127.0.0.1", "--port",
                                str(port)], env=child_env(), stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(url + "/api/problems", timeout=5) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError(f"symnn serve stopped: {process.stderr.read()[-500:]}") from None
                if time.monotonic() > deadline:
                    raise RuntimeError(f"symnn serve did not answer within {timeout:g} s") from None
                time.sleep(0.2)
        yield url, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _tree(pid: int) -> list[int]:
    """``pid`` and every process below it (read from /proc)."""
    children: dict[int, list[int]] = {}
    for entry_name in os.listdir("/proc"):
        if not entry_name.isdigit():
            continue
        try:
            with open(f"/proc/{entry_name}/stat", encoding="ascii", errors="replace") as stat:
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(parent, []).append(int(entry_name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def _kb(path: str, field: str) -> int:
    """The ``field`` (in kB) of a /proc status-like file, 0 when it is not there."""
    try:
        with open(path, encoding="ascii") as lines:
            for line in lines:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def memory(pid: int) -> dict[str, Any]:
    """The server's memory: its own RSS, the tree's proportional set size (MB), how many processes."""
    tree = _tree(pid)
    pss = sum(_kb(f"/proc/{p}/smaps_rollup", "Pss") for p in tree)
    return {"server_rss_mb": round(_kb(f"/proc/{pid}/status", "VmRSS") / 1024, 1),
            "tree_pss_mb": round(pss / 1024, 1), "processes": len(tree)}


def _left_behind(pids: list[int], wait: float = 15.0) -> int:
    """How many of ``pids`` are still running ``wait`` seconds after the server was stopped."""
    deadline = time.monotonic() + wait
    while True:
        alive = [p for p in pids if os.path.exists(f"/proc/{p}") and _kb(f"/proc/{p}/status", "VmRSS")]
        if not alive or time.monotonic() > deadline:
            return len(alive)
        time.sleep(0.2)


def _post(url: str, body: bytes, timeout: float = 120.0) -> tuple[int, float, dict[str, str]]:
    """One POST /api/check: (status, seconds, headers); status 0 for a connection error."""
    request = urllib.request.Request(url + "/api/check", data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            answer.read()
            return answer.status, time.perf_counter() - start, dict(answer.headers)
    except urllib.error.HTTPError as error:
        error.read()
        return error.code, time.perf_counter() - start, dict(error.headers)
    except OSError:
        return 0, time.perf_counter() - start, {}


def _percentile(values: list[float], share: float) -> float | None:
    """The ``share`` quantile (nearest rank) of ``values``, None when empty.

    >>> _percentile([1.0, 2.0, 3.0, 4.0], 0.5), _percentile([1.0, 2.0, 3.0, 4.0], 0.95)
    (2.0, 4.0)
    """
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))]


def _alone(url: str, pool: list[Submission], rounds: int) -> list[float]:
    """Latencies of each ordinary submission sent alone, ``rounds`` times."""
    times = []
    for _ in range(rounds):
        for submission in pool:
            if submission.ordinary:
                status, seconds, _ = _post(url, submission.body)
                if status != 200:
                    raise RuntimeError(f"{submission.kind} alone: status {status}")
                times.append(seconds)
    return times


def _load(url: str, plan: list[Submission], clients: int, seconds: float) -> dict[str, Any]:
    """``clients`` threads send ``plan`` (each answered or refused with 503, then retried)."""
    lock = threading.Lock()
    state: dict[str, Any] = {"next": 0, "statuses": {}, "answered": [], "ordinary": [], "end_to_end": [],
                             "done": 0, "unfinished": 0}
    deadline = time.monotonic() + seconds
    rng = random.Random(1)

    def client() -> None:
        while True:
            with lock:
                if state["next"] >= len(plan) or time.monotonic() > deadline:
                    return
                submission = plan[state["next"]]
                state["next"] += 1
            first = time.perf_counter()
            while True:
                status, took, headers = _post(url, submission.body)
                with lock:
                    state["statuses"][status] = state["statuses"].get(status, 0) + 1
                if status != 503:
                    break
                wait = float(headers.get("Retry-After") or headers.get("retry-after") or 1)
                if time.monotonic() + wait > deadline:
                    with lock:
                        state["unfinished"] += 1
                    return
                time.sleep(wait * (0.5 + rng.random()))
            with lock:
                state["done"] += 1
                if status == 200:
                    state["answered"].append(took)
                    state["end_to_end"].append(time.perf_counter() - first)
                    if submission.ordinary:
                        state["ordinary"].append(took)

    started = time.perf_counter()
    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 180)
    state["seconds"] = time.perf_counter() - started
    return state


def measure(n: int, clients: int, seconds: float, alone_rounds: int = 2) -> dict[str, Any]:
    """Run the load against a fresh server: every figure of the entry (see the module's doc).

    ``alone_rounds`` rounds of the ordinary submissions alone are sent before the load and as
    many after it.
    """
    pool = submissions()
    plan = _schedule(n, pool)
    with running_server() as (url, process):
        start_memory = memory(process.pid)
        alone = _alone(url, pool, alone_rounds)
        time.sleep(0.5)
        warm_memory = memory(process.pid)
        load = _load(url, plan, clients, seconds)
        time.sleep(1.0)  # the last per-line workers end
        end_memory = memory(process.pid)
        alone += _alone(url, pool, alone_rounds)
        alive = process.poll() is None
        tree = _tree(process.pid)
    left_behind = _left_behind(tree)
    statuses = {str(k): v for k, v in sorted(load["statuses"].items())}
    failed = sum(v for k, v in load["statuses"].items() if k not in (200, 503))
    answered, ordinary, end_to_end = load["answered"], load["ordinary"], load["end_to_end"]
    alone_p95 = _percentile(alone, 0.95)
    ordinary_p95 = _percentile(ordinary, 0.95)
    ratio = ordinary_p95 / alone_p95 if ordinary_p95 and alone_p95 else None

    def ms(value: float | None) -> float | None:
        return None if value is None else round(value * 1000, 1)

    return {
        "submissions": n, "clients": clients, "limit_seconds": seconds,
        "answered": len(answered), "finished": load["done"], "unfinished": load["unfinished"],
        "adversarial": sum(1 for s in plan if not s.ordinary), "seconds": round(load["seconds"], 2),
        "per_second": round(load["done"] / load["seconds"], 2) if load["seconds"] else None,
        "statuses": statuses, "failed": failed, "server_alive": alive, "left_behind": left_behind,
        "latency_ms": {"p50": ms(_percentile(answered, 0.5)), "p95": ms(_percentile(answered, 0.95))},
        "ordinary_latency_ms": {"p50": ms(_percentile(ordinary, 0.5)), "p95": ms(ordinary_p95)},
        "end_to_end_ms": {"p50": ms(_percentile(end_to_end, 0.5)), "p95": ms(_percentile(end_to_end, 0.95))},
        "alone_ms": {"p50": ms(_percentile(alone, 0.5)), "p95": ms(alone_p95), "runs": len(alone)},
        "ratio": None if ratio is None else round(ratio, 3),
        "memory": {"start": start_memory, "warm": warm_memory, "end": end_memory},
    }


def run(quick: bool = False) -> dict[str, Any]:
    """The suite's entry: the full load (1,000 submissions, 50 clients) or the quick one."""
    try:
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError as error:
        return unavailable(NAME, TITLE, TARGET, f"symnn serve cannot run here ({error})")
    n, clients, seconds = QUICK if quick else FULL
    figures = measure(n, clients, seconds)
    warm, end = figures["memory"]["warm"], figures["memory"]["end"]
    memory_ratio = end["tree_pss_mb"] / warm["tree_pss_mb"] if warm["tree_pss_mb"] else None
    figures["memory_ratio"] = None if memory_ratio is None else round(memory_ratio, 3)
    ratio = figures["ratio"]
    reasons = []
    if figures["failed"] or not figures["server_alive"]:
        reasons.append(f"{figures['failed']} failed requests" + ("" if figures["server_alive"] else
                                                                 "; the server stopped"))
    if ratio is None or ratio > RATIO_TARGET:
        reasons.append(f"ordinary p95 under load is {ratio}x the p95 alone")
    if memory_ratio is not None and memory_ratio > MEMORY_TARGET:
        reasons.append(f"memory grew {memory_ratio:.2f}x")
    if end["processes"] > warm["processes"]:
        reasons.append(f"{end['processes'] - warm['processes']} more processes at the end than once warm")
    if figures["left_behind"]:
        reasons.append(f"{figures['left_behind']} processes still running after the server stopped")
    met = not reasons  # how many were answered within the time is reported, not a target
    latency, ordinary, alone = figures["latency_ms"], figures["ordinary_latency_ms"], figures["alone_ms"]
    headline = (f"{figures['finished']:,} of {n:,} submissions answered, {clients} clients, "
                f"{figures['seconds']:.0f} s: "
                f"{figures['failed']} failed, {figures['statuses'].get('503', 0)} answered 503 (retried); "
                f"p50 {latency['p50']:.0f} ms, p95 {latency['p95']:.0f} ms; ordinary p95 "
                f"{ratio if ratio is None else f'{ratio:.2f}'}x alone; "
                f"tree memory {warm['tree_pss_mb']:.0f} -> {end['tree_pss_mb']:.0f} MB")
    table = {"columns": ["measure", "value"], "rows": [
        ["submissions answered / sent",
         f"{figures['finished']} / {n} ({figures['adversarial']} adversarial)"],
        ["clients, seconds, answers per second", f"{clients}, {figures['seconds']}, {figures['per_second']}"],
        ["statuses", ", ".join(f"{k}: {v}" for k, v in figures["statuses"].items())],
        ["failed (not 200, not 503)", str(figures["failed"])],
        ["latency p50 / p95, all answered (ms)", f"{latency['p50']} / {latency['p95']}"],
        ["latency p50 / p95, ordinary (ms)", f"{ordinary['p50']} / {ordinary['p95']}"],
        ["first try to answer p50 / p95 (ms)",
         f"{figures['end_to_end_ms']['p50']} / {figures['end_to_end_ms']['p95']}"],
        ["ordinary alone p50 / p95 (ms)", f"{alone['p50']} / {alone['p95']}"],
        ["ordinary p95 under load / alone", f"{ratio}x"],
        ["server RSS start / warm / end (MB)", " / ".join(str(figures["memory"][k]["server_rss_mb"])
                                                          for k in ("start", "warm", "end"))],
        ["tree PSS start / warm / end (MB)", " / ".join(str(figures["memory"][k]["tree_pss_mb"])
                                                        for k in ("start", "warm", "end"))],
        ["processes start / warm / end", " / ".join(str(figures["memory"][k]["processes"])
                                                    for k in ("start", "warm", "end"))],
        ["processes left after the server stopped", str(figures["left_behind"])],
    ]}
    extra: dict[str, Any] = {"headline": headline, "table": table}
    if reasons:
        extra["reason"] = "; ".join(reasons)
    return entry(NAME, TITLE, TARGET, figures, ratio, met, **extra)
