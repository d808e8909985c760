"""``symnn serve`` end to end: the real server on 127.0.0.1, driven in headless Chromium with Selenium.

1. The lecture's hand calculation is pasted, the Check button is reached with Tab and pressed
   with Enter, and the delta_1 row (``&= -0.009``) comes back marked as the first mistake with
   its diagnosis (the truth: the checker called directly, and the line found in the file).
2. On a phone-sized screen, a student's solution file for an exercise variant (written by
   ``symnn exercise``) is uploaded; the line with the slip is the first mistake.

Screenshots of both are saved in pytest's tmp dir; with SYMNN_SCREENSHOTS=DIR they are also
copied there for review.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = Path(__file__).resolve().parents[1]
LECTURE = ROOT / "derivations" / "lecture_solution.md"
LECTURE_SPEC = ROOT / "derivations" / "backprop_lecture.toml"
# the browser is a requirement of the tests (README; .ci/run installs Debian's chromium and chromium-driver)
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


def line_of(path: Path, marker: str) -> int:
    return next(n for n, t in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if marker in t)


def _env() -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
                NO_COLOR="1")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def exercises(tmp_path_factory) -> Path:
    """Two variants of the lecture's network, written by the real command."""
    out = tmp_path_factory.mktemp("browser") / "ex"
    subprocess.run([sys.executable, "-m", "symnn", "exercise", str(LECTURE_SPEC), "--variants", "2",
                    "--seed", "1", "--out", str(out), "--no-pdf"], cwd=ROOT, env=_env(), check=True,
                   capture_output=True, timeout=300)
    return out


@pytest.fixture(scope="module")
def server(exercises) -> Iterator[str]:
    """``symnn serve`` on a free port of 127.0.0.1; its URL once it answers."""
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "symnn", "serve", "--port", str(port),
                                "--exercises", str(exercises)], cwd=ROOT, env=_env(),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(url + "api/problems", timeout=5) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    out = process.stdout.read() if process.stdout else ""
                    pytest.fail(f"symnn serve did not start: {out}")
                time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _browser(phone: bool = False):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1200,900", "--lang=en-US"):
        options.add_argument(argument)
    if phone:
        options.add_experimental_option("mobileEmulation",
                                        {"deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 2}})
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def _screenshot(browser, path: Path, full_page: bool) -> None:
    """Save the page (the whole page when ``full_page``), and copy it to $SYMNN_SCREENSHOTS if set."""
    if full_page:
        width = browser.execute_script("return document.documentElement.clientWidth")
        height = browser.execute_script("return document.documentElement.scrollHeight")
        browser.set_window_size(max(width, 1200), height + 120)
    assert browser.save_screenshot(str(path))
    review = os.environ.get("SYMNN_SCREENSHOTS")
    if review:
        Path(review).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(review) / path.name)


def _wait_for_result(browser):
    found = expected_conditions.presence_of_element_located((By.ID, "result"))
    return WebDriverWait(browser, 60).until(found)


def test_the_lecture_s_hand_calculation_shows_delta_1_as_the_first_mistake(server, tmp_path):
    from symnn.checking.checker import check

    text = LECTURE.read_text(encoding="utf-8")
    truth = check(text, spec=str(LECTURE_SPEC), timeout=None)
    first_line = line_of(LECTURE, "&= -0.009")
    expected = next(line for line in truth.lines if line.line == first_line)
    assert truth.first_error_line == first_line and expected.verdict == "arithmetic"

    browser = _browser()
    try:
        browser.get(server)
        assert browser.find_element(By.ID, "problem").get_attribute("value") == "lecture"
        box = browser.find_element(By.ID, "text")
        browser.execute_script("arguments[0].value = arguments[1];", box, text)  # pasted
        box.send_keys(Keys.END)
        for _ in range(6):  # Tab to the Check button (past the file field), then Enter
            if browser.switch_to.active_element.tag_name == "button":
                break
            ActionChains(browser).send_keys(Keys.TAB).perform()
        button = browser.switch_to.active_element
        assert button.tag_name == "button" and button.text == "Check"
        ActionChains(browser).send_keys(Keys.ENTER).perform()
        result = _wait_for_result(browser)

        summary = result.find_element(By.CSS_SELECTOR, ".summary").text
        assert f"First real mistake: line {first_line}." in summary
        first = result.find_element(By.CSS_SELECTOR, ".first-mistake")
        assert first.get_attribute("data-line") == str(first_line)
        assert first.get_attribute("data-verdict") == "arithmetic"
        assert "arithmetic mistake" in first.text and "first mistake" in first.text.lower()
        assert expected.message.split(";")[0] in first.text          # the diagnosis
        assert first.find_elements(By.TAG_NAME, "math")               # shown as mathematics
        assert len(browser.find_elements(By.CSS_SELECTOR, ".first-mistake")) == 1
        rows = browser.find_elements(By.CSS_SELECTOR, "ol.lines > li")
        assert len(rows) == len(truth.lines)
        rounding = browser.find_element(By.CSS_SELECTOR, 'li[data-verdict="rounding"]')
        assert "rounding" in rounding.text and "carrying the mistake" in rounding.text  # explained
        _screenshot(browser, tmp_path / "serve-lecture.png", full_page=True)
    finally:
        browser.quit()


def test_an_uploaded_solution_of_an_exercise_variant_on_a_phone(server, exercises, tmp_path):
    key = (exercises / "key.md").read_text(encoding="utf-8")
    start = key.index("### Forward pass")
    forward = key[start:key.index("### Error", start)]       # variant 1's forward pass, from its key
    h1 = next(line for line in forward.splitlines() if line.startswith("h_{1} &="))
    figure = h1.rsplit("\\approx", 1)[1].split()[0]
    slipped = f"{float(figure) + 0.01:.4f}"                   # a slip of the hand in h_1
    solution = tmp_path / "solution.md"
    solution.write_text(forward.replace(h1, h1.replace(figure, slipped)), encoding="utf-8")
    slip_line = line_of(solution, slipped)

    browser = _browser(phone=True)
    try:
        browser.get(server)
        Select(browser.find_element(By.ID, "problem")).select_by_value("ex-v1")
        browser.find_element(By.ID, "file").send_keys(str(solution))
        browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        result = _wait_for_result(browser)
        first = result.find_element(By.CSS_SELECTOR, ".first-mistake")
        assert first.get_attribute("data-line") == str(slip_line)
        assert first.get_attribute("data-verdict") in ("arithmetic", "formula")
        assert f"line {slip_line}" in result.find_element(By.CSS_SELECTOR, ".summary").text
        assert browser.find_element(By.ID, "problem").get_attribute("value") == "ex-v1"  # kept for a re-check
        width = browser.execute_script("return document.documentElement.scrollWidth")
        assert width <= 390                                   # nothing wider than the phone
        browser.execute_script("arguments[0].scrollIntoView();", result)
        _screenshot(browser, tmp_path / "serve-variant-phone.png", full_page=False)
        browser.execute_script("arguments[0].scrollIntoView();", first)
        _screenshot(browser, tmp_path / "serve-variant-phone-mistake.png", full_page=False)
    finally:
        browser.quit()
