"""Rounding rules of symnn.core.numbers against published cases (tests/data/numeric_cases.json)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from symnn.core.numbers import decimals_written, rounded_text, shows

DATA = Path(__file__).parent / "data" / "numeric_cases.json"
CASES = json.loads(DATA.read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[f"{c['written']}~{c['value']}" for c in CASES])
def test_published_cases(case):
    assert shows(Decimal(case["value"]), case["written"]) is case["expected"], case["source"]


def test_positive_exponents_keep_their_significant_figures():
    assert decimals_written("1.23e3") == -1 and decimals_written("6.022e23") == -20
    assert rounded_text(1234, decimals_written("1.23e3")) == "1230"


def test_messages_never_print_exponent_form():
    assert rounded_text(Decimal("1E+1"), 0) == "10"
    assert rounded_text(10, -1) == "10"
