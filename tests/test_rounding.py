"""Rounding at written decimals and the search of hand-rounding schedules.

Truths: ties worked out by hand, and the lecture's delta1 product recomputed in the
test step by step with :mod:`decimal` (left to right, as written).
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest

from symnn.checking.parse import parse_relation
from symnn.checking.rounding import SCHEDULES, Schedule, exact_value, search_schedules
from symnn.core.numbers import HALF_EVEN, HALF_UP, round_decimal, rounded_text, shows

DELTA1 = ("(0.25 * 0.48 * (1 - 0.48) * 0.1 + 0.6 * 0.53 * (1 - 0.53) * (-0.5))"
          " * 0.56 * (1 - 0.56) * 0.50")


@pytest.mark.parametrize(("value", "decimals", "mode", "expected"), [
    ("0.125", 2, HALF_UP, "0.13"), ("0.125", 2, HALF_EVEN, "0.12"), ("0.135", 2, HALF_EVEN, "0.14"),
    ("-0.075", 2, HALF_UP, "-0.08"), ("-0.0745", 3, HALF_EVEN, "-0.074"), ("2.5", 0, HALF_EVEN, "2"),
    ("0.0346", 2, HALF_UP, "0.03"), ("-0.0084", 3, HALF_UP, "-0.008"),
])
def test_ties_and_signs(value, decimals, mode, expected):
    assert round_decimal(value, decimals, mode) == Decimal(expected)


def test_digits_come_from_the_text():
    assert shows(0.495, "0.50") and shows(0.495, "0.5")
    assert not shows(0.494, "0.50")
    assert shows(0.2094, "0.21") and not shows(0.2094, "0.210")
    assert rounded_text(-0.0001, 2) == "0.00"


def _by_hand(decimals: int, rounding: str) -> Decimal:
    """The delta1 product, every operation rounded, left to right as written (the root is not)."""
    def r(v: Decimal) -> Decimal:
        return v.quantize(Decimal(1).scaleb(-decimals), rounding=rounding)

    d = Decimal
    t1 = r(r(r(d("0.25") * d("0.48")) * r(1 - d("0.48"))) * d("0.1"))
    t2 = r(r(r(d("0.6") * d("0.53")) * r(1 - d("0.53"))) * d("-0.5"))
    s = r(t1 + t2)
    return r(r(s * d("0.56")) * r(1 - d("0.56"))) * d("0.50")


def test_the_lectures_delta1_schedules():
    node = parse_relation(DELTA1).parts[0].node
    exact = (Fraction("0.25") * Fraction("0.48") * Fraction("0.52") * Fraction("0.1")
             + Fraction("0.6") * Fraction("0.53") * Fraction("0.47") * Fraction("-0.5")) \
        * Fraction("0.56") * Fraction("0.44") * Fraction("0.50")
    assert exact_value(node) == Decimal(exact.numerator) / Decimal(exact.denominator)
    assert not shows(exact_value(node), "-0.009")        # the lecture's own numbers give -0.008
    found = {s: v for s, v in search_schedules(node, "-0.009")}
    up3 = Schedule(3, HALF_UP, "operation")
    assert found[up3] == _by_hand(3, ROUND_HALF_UP) == Decimal("-0.0085")
    assert _by_hand(3, ROUND_HALF_EVEN) == Decimal("-0.0085")  # ... but printed half-even: -0.008
    assert Schedule(3, HALF_EVEN, "operation") not in found
    assert Schedule(2, HALF_UP, "operation") not in found      # -0.010
    assert _by_hand(2, ROUND_HALF_UP) == Decimal("-0.010")
    assert all(s in SCHEDULES for s in found)


def test_names_stop_the_search():
    node = parse_relation("o_1 * (1 - o_1)").parts[0].node
    assert exact_value(node) is None and search_schedules(node, "0.25") == []
