"""``symnn serve``'s JSON API and page through Starlette's TestClient: every error path, and the
equality of ``POST /api/check`` with ``symnn check --json`` (the CLI run in a subprocess: the truth)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from symnn.cli import main
from symnn.web import LIMITS, Limits, create_app

ROOT = Path(__file__).resolve().parents[1]
LECTURE = ROOT / "derivations" / "lecture_solution.md"
LECTURE_SPEC = ROOT / "derivations" / "backprop_lecture.toml"
MAZUR_SPEC = ROOT / "derivations" / "specs" / "mazur.toml"
MAZUR = ROOT / "tests" / "data" / "solutions" / "mazur.md"
IDENTITIES = ROOT / "tests" / "data" / "solutions" / "identities.md"


def line_of(path: Path, marker: str) -> int:
    return next(n for n, t in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if marker in t)


@pytest.fixture(scope="module")
def exercises(tmp_path_factory) -> Path:
    """An exercise folder as ``symnn exercise`` writes it (two variants of the lecture's network)."""
    out = tmp_path_factory.mktemp("serve") / "ex"
    assert main(["exercise", str(LECTURE_SPEC), "--variants", "2", "--seed", "1", "--out", str(out),
                 "--no-pdf"]) == 0
    return out


@pytest.fixture(scope="module")
def client(exercises):
    with TestClient(create_app([exercises])) as client:
        yield client


def cli_json(*argv: str) -> subprocess.Popen:
    """``symnn check ... --json`` started in a subprocess (its JSON is read by :func:`answer`)."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    return subprocess.Popen([sys.executable, "-m", "symnn", "check", *argv, "--json"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def answer(process: subprocess.Popen) -> dict:
    out, err = process.communicate(timeout=120)
    assert process.returncode in (0, 1), err
    return json.loads(out)


def test_the_api_answers_what_symnn_check_json_prints(client, exercises, tmp_path):
    variant_text = "$h_1 = sigmoid(-0.5 * (-0.8) + (-0.3) * (-1.0)) = 0.67$\n$h_2 = 0.6$\n"
    variant_file = tmp_path / "variant.md"
    variant_file.write_text(variant_text, encoding="utf-8")
    processes = {  # all four at once: the machine checks them side by side
        "lecture": cli_json(str(LECTURE), "--spec", str(LECTURE_SPEC)),
        "spec": cli_json(str(MAZUR), "--spec", str(MAZUR_SPEC)),
        "identities": cli_json(str(IDENTITIES)),
        "variant": cli_json(str(variant_file), "--answers", str(exercises / "answers.json"),
                            "--variant", "1"),
    }
    requests = {
        "lecture": {"text": LECTURE.read_text(encoding="utf-8"), "problem": "lecture"},
        "spec": {"text": MAZUR.read_text(encoding="utf-8"), "spec": MAZUR_SPEC.read_text(encoding="utf-8")},
        "identities": {"text": IDENTITIES.read_text(encoding="utf-8")},
        "variant": {"text": variant_text, "problem": "ex-v1"},
    }
    for name, body in requests.items():
        got = client.post("/api/check", json=body)
        assert got.status_code == 200, got.text
        assert got.json() == answer(processes[name]), name
    lecture = client.post("/api/check", json=requests["lecture"]).json()
    assert lecture["summary"]["first_error_line"] == line_of(LECTURE, "&= -0.009")


def test_windows_newlines_are_read_as_a_file_is(client):
    text = LECTURE.read_text(encoding="utf-8")
    plain = client.post("/api/check", json={"text": text, "problem": "lecture"}).json()
    crlf = client.post("/api/check", json={"text": text.replace("\n", "\r\n"), "problem": "lecture"}).json()
    assert crlf == plain


def test_problems_are_listed_with_the_lecture_and_every_variant(client):
    problems = client.get("/api/problems").json()
    assert all(set(p) == {"id", "title"} for p in problems)
    ids = [p["id"] for p in problems]
    assert any("lecture" in i for i in ids)
    assert {"circuit", "identities", "ex-v1", "ex-v2"} <= set(ids)
    assert "variant 2" in next(p["title"] for p in problems if p["id"] == "ex-v2")


@pytest.mark.parametrize(("body", "status", "words"), [
    ({"text": "x = 1\n" * 40_000}, 413, "at most 200 kB"),
    ({"text": "x = 1\n" * 501}, 413, "at most 500"),
    ({"text": "$h_1 = 0.56$", "spec": "# a comment\n" * 5_000}, 413, "spec is too large"),
    ({"text": ""}, 422, "no text"),
    ({"text": " \n\t\n"}, 422, "no text"),
    ({}, 422, "no text"),
    ({"text": 3}, 422, "'text' must be a string"),
    ({"text": "$h_1 = 0.56$", "problem": "lectur"}, 422, "Did you mean 'lecture'"),
    ({"text": "$h_1 = 0.56$", "problem": "ex-v9"}, 422, "'ex-v9'"),
    ({"text": "$h_1 = 0.56$", "problem": "lecture", "spec": "[network]"}, 422, "either"),
    ({"text": "$h_1 = 0.56$", "spec": "[network]\ninputs = [\"x1\"]\nloss = \"half_sse\"\nfoo = 1"}, 422,
     "network.foo (line 4)"),
    ({"text": "$h_1 = 0.56$", "spec": "not = [toml"}, 422, "not valid TOML"),
])
def test_unusable_input_is_a_json_error_with_its_status(client, body, status, words):
    got = client.post("/api/check", json=body)
    assert got.status_code == status, got.text
    assert set(got.json()) == {"error"} and words in got.json()["error"]


def test_an_unknown_variant_names_the_nearest(client):
    got = client.post("/api/check", json={"text": "$h_1 = 0.56$", "problem": "ex-v3"})
    assert got.status_code == 422 and "'ex-v1'" in got.json()["error"]


def test_a_body_over_the_limit_is_refused_while_it_is_read(client):
    declared = client.post("/api/check", content=b"{" + b" " * LIMITS.body_bytes + b"}",
                           headers={"content-type": "application/json"})
    assert declared.status_code == 413 and "at most 300 kB" in declared.json()["error"]

    def chunks():  # no Content-Length: the size is only known by counting
        for _ in range(400):
            yield b" " * 1_000

    streamed = client.post("/api/check", content=chunks(), headers={"content-type": "application/json"})
    assert streamed.status_code == 413, streamed.text


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", ""])
def test_the_api_wants_json(client, content_type):
    got = client.post("/api/check", content=b'{"text": "x = 1"}', headers={"content-type": content_type})
    assert got.status_code == 415 and "application/json" in got.json()["error"]


def test_a_body_that_is_not_json_is_unusable(client):
    got = client.post("/api/check", content=b'{"text": ', headers={"content-type": "application/json"})
    assert got.status_code == 422 and "not JSON" in got.json()["error"]


#: a solution that keeps a worker busy for seconds: 160 different identities of about 25 ms each
SLOW = "\n".join(rf"$\tanh({v})^{{{k}}} = (1 - \frac{{2}}{{1+e^{{2{v}}}}})^{{{k}}}$"
                 for v in ("x", "y", "t", "u") for k in range(30, 70))


def test_busy_is_503_with_retry_after_never_a_wait(exercises):
    slow = SLOW
    app = create_app(workers=1, queue=0, limits=Limits(line_seconds=0.5))
    with TestClient(app) as client:
        pool = app.state.service.pool
        first: dict = {}
        thread = threading.Thread(target=lambda: first.update(
            response=client.post("/api/check", json={"text": slow})))
        thread.start()
        deadline = time.monotonic() + 20
        while pool.taken == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        start = time.monotonic()
        busy = client.post("/api/check", json={"text": "$h_1 = 0.56$", "problem": "lecture"})
        assert time.monotonic() - start < 1.0
        thread.join(60)
        assert busy.status_code == 503 and int(busy.headers["retry-after"]) >= 1
        assert "busy" in busy.json()["error"]
        assert first["response"].status_code == 200
        again = client.post("/api/check", json={"text": "$h_1 = 0.56$", "problem": "lecture"})
        assert again.status_code == 200 and again.json()["lines"][0]["verdict"] == "correct"


def test_a_worker_that_dies_is_replaced():
    import os
    import signal

    slow = SLOW
    app = create_app(workers=1, queue=1, limits=Limits(line_seconds=1.0))
    with TestClient(app) as client:
        pool = app.state.service.pool
        first: dict = {}
        thread = threading.Thread(target=lambda: first.update(
            response=client.post("/api/check", json={"text": slow})))
        thread.start()
        deadline = time.monotonic() + 20
        while pool.taken == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.3)
        for worker in list(pool._executor._processes.values()):  # the worker is killed mid-check
            os.kill(worker.pid, signal.SIGKILL)
        thread.join(60)
        assert first["response"].status_code == 503 and "retry-after" in first["response"].headers
        again = client.post("/api/check", json={"text": "$h_1 = 0.56$", "problem": "lecture"})
        assert again.status_code == 200 and again.json()["lines"][0]["verdict"] == "correct"


def test_a_check_that_does_not_come_back_is_given_up():
    slow = SLOW
    app = create_app(workers=1, queue=0)
    with TestClient(app) as client:
        app.state.service.pool.job_seconds = 0.5  # as if the pool were stuck
        start = time.monotonic()
        stuck = client.post("/api/check", json={"text": slow})
        assert stuck.status_code == 503 and time.monotonic() - start < 5
        assert app.state.service.pool.taken == 0  # its place is free again
        app.state.service.pool.job_seconds = 60
        again = client.post("/api/check", json={"text": "$h_1 = 0.56$", "problem": "lecture"})
        assert again.status_code == 200


def test_the_pool_is_renewed_and_the_old_workers_end():
    import asyncio

    from symnn.web.pool import CheckPool

    async def checks() -> tuple[list, list]:
        pool = CheckPool(1, 0, checks_per_pool=2)
        pool.start()
        verdicts, retired = [], []
        try:
            for _ in range(5):
                job = {"text": "$h_1 = 0.56$", "arguments": {"spec": str(LECTURE_SPEC)}, "timeout": 2.0}
                verdicts.append((await pool.run(job))["report"]["lines"][0]["verdict"])
                retired += [p for p in pool._retiring if p not in retired]
            deadline = time.monotonic() + 20
            while any(p.is_alive() for p in retired) and time.monotonic() < deadline:
                await asyncio.sleep(0.1)
            return verdicts, [p.is_alive() for p in retired]
        finally:
            pool.stop()

    verdicts, alive = asyncio.run(checks())
    assert verdicts == ["correct"] * 5
    assert len(alive) == 2 and not any(alive)  # two pools replaced; their workers have ended


def test_the_page_has_a_label_for_every_field_and_no_script(client):
    page = client.get("/")
    assert page.status_code == 200
    html = page.text
    for field in ("problem", "spec_file", "text", "file"):
        assert f'<label for="{field}">' in html and f'id="{field}"' in html
    assert '<button type="submit">Check</button>' in html and "<script" not in html
    assert "script-src" not in page.headers["content-security-policy"]  # default-src 'none' covers it
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert client.get("/static/page.css").headers["content-type"].startswith("text/css")


def test_the_page_shows_the_report_with_the_first_mistake(client):
    text = LECTURE.read_text(encoding="utf-8")
    page = client.post("/", data={"problem": "lecture", "text": text})
    assert page.status_code == 200
    html = page.text
    first = line_of(LECTURE, "&= -0.009")
    assert f'id="first-mistake" data-line="{first}" data-verdict="arithmetic"' in html
    assert f"First real mistake: line {first}." in html
    assert "<math" in html and "arithmetic mistake" in html and "rounding" in html


def test_an_uploaded_file_replaces_the_pasted_text(client):
    files = {"file": ("solution.md", b"$h_1 = sigmoid(0.20 * 0.50 + 0.50 * 0.30) = 0.56$\n", "text/markdown")}
    page = client.post("/", data={"problem": "lecture", "text": "ignored = 1"}, files=files)
    assert page.status_code == 200 and 'data-verdict="correct"' in page.text and "ignored" not in page.text


def test_an_uploaded_spec_is_used_and_a_missing_one_is_said(client):
    files = {"spec_file": ("mazur.toml", MAZUR_SPEC.read_bytes(), "application/toml")}
    page = client.post("/", data={"problem": "upload", "text": MAZUR.read_text(encoding="utf-8")},
                       files=files)
    assert page.status_code == 200 and "No mistake found." in page.text
    missing = client.post("/", data={"problem": "upload", "text": "$h_1 = 0.5$"},
                          files={"file": ("empty.md", b"", "text/plain")})
    assert missing.status_code == 422 and "Choose a spec file" in missing.text


def test_the_page_escapes_what_a_student_writes(client):
    text = ("$x = \\text{<script>alert(1)</script>}$\n$y = \\href{javascript:alert(2)}{z}$\n"
            "<img src=x onerror=alert(3)>")
    html = client.post("/", data={"problem": "identities", "text": text}).text
    assert "<script>" not in html and "<img" not in html and "javascript:" not in html.replace(
        "href{javascript:", "")


def test_the_page_refuses_json_and_says_so(client):
    page = client.post("/", json={"text": "x = 1"})
    assert page.status_code == 415 and "multipart/form-data" in page.text


def test_the_page_in_chinese(exercises):
    with TestClient(create_app(lang="zh", warm_up=False)) as client:
        html = client.get("/").text
    assert '<html lang="zh">' in html and "检查" in html and "课堂例题" in html


def test_strings_exist_in_both_languages():
    from symnn.web.strings import TEXTS

    assert set(TEXTS["en"]) == set(TEXTS["zh"])


def test_the_limits_are_the_checker_s_own():
    from symnn.checking.checker import LINE_TIMEOUT, MAX_BYTES

    assert LIMITS.text_bytes == MAX_BYTES and LIMITS.line_seconds == LINE_TIMEOUT


def test_openapi_describes_the_api(client):
    spec = client.get("/openapi.json").json()
    assert {"/api/problems", "/api/check"} <= set(spec["paths"])
    assert {"413", "415", "422", "503"} <= set(spec["paths"]["/api/check"]["post"]["responses"])


def test_a_folder_without_answers_is_refused(tmp_path):
    from symnn.core.errors import SymnnError
    from symnn.web.registry import ProblemRegistry

    with pytest.raises(SymnnError, match=r"no answers\.json"):
        ProblemRegistry([tmp_path])


def test_serve_listens_on_localhost_without_an_access_log(monkeypatch, exercises):
    import uvicorn

    seen: dict = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: seen.update(options))
    assert main(["serve", "--exercises", str(exercises)]) == 0
    assert seen["host"] == "127.0.0.1" and seen["access_log"] is False
    assert main(["serve", "--log", "--port", "9001"]) == 0
    assert seen["access_log"] is True and seen["port"] == 9001
