"""Each kind's quiz question, as a student's browser shows it: headless Chromium renders the Cloze
question text (its embedded figure resolved to a data: URI, each answer part an input box, as
Moodle shows them), and the screenshot shows the figure drawn and the text names every asked
quantity. Screenshots go to $SYMNN_QUIZ_SCREENS when set (else a temporary folder)."""

from __future__ import annotations

import base64
import io
import os
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

from symnn.exercises.exercise import generate, load_exercise
from symnn.exercises.outputs import output_files

ROOT = Path(__file__).resolve().parents[1]
KINDS = {"network": ROOT / "derivations" / "exercises" / "backprop_randomized.toml",
         "graph": ROOT / "derivations" / "exercises" / "computation_graph.toml",
         "activation": ROOT / "derivations" / "exercises" / "activation_derivative.toml",
         "softmax": ROOT / "derivations" / "exercises" / "softmax_cross_entropy.toml",
         "loss": ROOT / "derivations" / "exercises" / "loss_gradient.toml",
         "perceptron": ROOT / "derivations" / "exercises" / "perceptron.toml"}
CLOZE = re.compile(r"\{\d*:NUMERICAL:[^}]*\}")


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1300,2400", "--hide-scrollbars"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"),
                              options=options)
    yield driver
    driver.quit()


def page(question: ET.Element) -> str:
    """The question as a page: figures as data: URIs, each Cloze part an input box."""
    text = question.find("questiontext/text").text
    for file in question.findall("questiontext/file"):
        uri = f"data:image/png;base64,{file.text.strip()}"
        text = text.replace(f"@@PLUGINFILE@@/{file.get('name')}", uri)
    count = iter(range(1, 1000))
    text = CLOZE.sub(lambda _: f'<input type="text" size="12" name="part{next(count)}"/>', text)
    style = "body{font-family:sans-serif;margin:16px;background:#fff}"
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><style>{style}</style></head>'
            f'<body><div id="question">{text}</div></body></html>')


@pytest.mark.parametrize("kind", list(KINDS))
def test_question_shows_its_figure_and_names_every_asked_quantity(browser, kind, tmp_path):
    exercise = load_exercise(KINDS[kind])
    result = generate(exercise, 1, seed=3)
    variant = result.variants[0]
    files = output_files(result, "en")
    question = ET.fromstring(files["moodle.xml"]).find("question[@type='cloze']")
    html_path = tmp_path / f"{kind}.html"
    html_path.write_text(page(question), encoding="utf-8")
    browser.get(html_path.as_uri())
    screens = Path(os.environ.get("SYMNN_QUIZ_SCREENS", tmp_path))
    screens.mkdir(parents=True, exist_ok=True)
    body = browser.find_element(By.ID, "question")
    browser.set_window_size(1300, min(8000, max(900, body.rect["height"] + 400)))
    png = browser.get_screenshot_as_png()
    (screens / f"{kind}.png").write_bytes(png)
    shot = np.asarray(Image.open(io.BytesIO(png)).convert("L"))
    text = body.text
    asked = exercise.asked_quantities(variant)
    assert len(browser.find_elements(By.CSS_SELECTOR, "input[type=text]")) == len(asked)
    for q in asked:
        symbol = exercise.part_latex(variant, q)
        assert f"\\({symbol}\\)" in text, symbol          # the symbol, where its box is
    images = browser.find_elements(By.TAG_NAME, "img")
    assert len(images) == len(variant.figures)
    for image in images:
        loaded = browser.execute_script("return arguments[0].complete && arguments[0].naturalWidth", image)
        assert loaded > 100
        r = image.rect
        scale = shot.shape[1] / browser.execute_script("return window.innerWidth")
        box = shot[int(r["y"] * scale):int((r["y"] + r["height"]) * scale),
                   int(r["x"] * scale):int((r["x"] + r["width"]) * scale)]
        assert box.size > 0 and r["width"] > 200
        drawn = (box < 240).mean()                          # non-white pixels in the image's box
        assert 0.01 < drawn < 0.6, drawn                    # lines and labels drawn, not a blank box
        assert base64.b64decode(question.find("questiontext/file").text)[:4] == b"\x89PNG"
    if kind == "network":
        for row in ("x_{1} \\to h_{1}", "h_{2} \\to o_{2}"):
            assert row in text                               # the wiring, also as a table
    if kind == "activation":                                 # the point is given where f' is asked
        assert f"x = {exercise.value_text('x', variant.values['x'])}" in text
    if kind == "graph":
        assert "n_{3} = n_{1} + n_{2}" in text               # every node defined in the text
