"""The serving benchmark at a tiny size (20 submissions, 5 clients), and the server's processes ending
with it: stopped (SIGTERM) or killed (SIGKILL), no worker may be left behind."""

from __future__ import annotations

import os
import signal
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import serving  # noqa: E402


def test_the_load_benchmark_runs_at_a_tiny_size():
    figures = serving.measure(20, 5, 120.0, alone_rounds=1)
    assert figures["finished"] == 20 and figures["unfinished"] == 0
    assert figures["failed"] == 0 and set(figures["statuses"]) <= {"200", "503"}
    assert figures["server_alive"] and figures["left_behind"] == 0
    assert figures["adversarial"] == 1
    for key in ("latency_ms", "ordinary_latency_ms", "alone_ms"):
        assert figures[key]["p50"] <= figures[key]["p95"]
    assert figures["memory"]["end"]["processes"] == figures["memory"]["warm"]["processes"]
    assert figures["ratio"] > 0


def test_the_schedule_is_one_in_twenty_adversarial():
    plan = serving._schedule(1_000, serving.submissions())
    assert sum(1 for s in plan if not s.ordinary) == 50
    assert {s.kind for s in plan if s.ordinary} == {s.kind for s in serving.submissions() if s.ordinary}


def test_no_worker_outlives_a_killed_server():
    with serving.running_server() as (url, process):
        request = urllib.request.Request(url + "/api/check", data=b'{"text": "$h_1 = 0.56$", "problem": '
                                         b'"lecture"}', headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as answer:
            assert answer.status == 200
        tree = serving._tree(process.pid)
        assert len(tree) >= 3                          # the server, the fork server, a worker
        os.kill(process.pid, signal.SIGKILL)
        process.wait(10)
    deadline = time.monotonic() + 15
    while serving._left_behind(tree, wait=0) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert serving._left_behind(tree, wait=0) == 0
