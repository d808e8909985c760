"""The blind corpora: worked solutions written by people who had not seen the checker.

Truth: ``tests/data/corpus/NN-name.truth.toml`` (68 solutions), ``tests/data/corpus2/...``
(32 solutions, written later by another writer, with a problem the first did not use),
``corpus3`` (24, a third writer) and ``corpus4`` (28, a fourth), each written and verified
(mpmath at 50 digits, a numpy cross-check) before the checker ran on the files; see each
corpus's README. The last two were first run as held-out sets, after the checker had been tuned
on the others (their counts then: 15 and 20 false alarms); they are pass marks now. Every case
is checked against its problem and the test fails on

* a false alarm: a line not in ``mistakes`` judged ``arithmetic`` or ``formula``;
* a miss: a line in ``mistakes`` not judged ``arithmetic`` or ``formula``;
* a wrong first mistake line;
* more than 3 % of the claim lines unread (``unknown``, ``unparsed``, ``too complex``, or no verdict).

The counts are printed (``pytest -s``).

Mistakes the checker does not find are named in ``KNOWN_MISSES`` with their reason rather
than hidden (there are none today): the test fails if one of them is found (update the list)
and if any other line is missed.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from symnn.checking.checker import check
from symnn.checking.report import MISTAKES, UNREAD

DATA = Path(__file__).parent / "data"
CORPORA = ("corpus", "corpus2", "corpus3", "corpus4")
#: written last, by a fifth writer asked for styles the others had not used (notebook sessions,
#: tables, comma decimals, named local derivatives), after the tuning above: its counts are
#: printed, not asserted (first run, blind: 16 false alarms, 6 misses, 121 of 322 lines unread)
HELD_OUT = "corpus5"
REPO = Path(__file__).parent.parent
PROBLEMS = {
    "lecture": {"spec": str(REPO / "derivations" / "backprop_lecture.toml")},
    "mazur": {"spec": str(REPO / "derivations" / "specs" / "mazur.toml")},
    "three_layer": {"spec": str(REPO / "derivations" / "specs" / "three_layer.toml")},
    "circuit": {"expr": "1/(1+exp(-(w0*x0+w1*x1+w2)))", "at": "w0=2,x0=-1,w1=-3,x1=-2,w2=-3"},
    "none": {},
}
#: mistakes the checker does not find yet: corpus/file -> (lines, the first-mistake line it reports, why).
#: Empty: every planted mistake of the corpora is found. A mistake that cannot be found is named
#: here with its reason, never hidden.
KNOWN_MISSES: dict[str, tuple[list[int], int, str]] = {}
CASES = [{**case, "corpus": corpus}
         for corpus in CORPORA
         for case in tomllib.loads((DATA / corpus / "MANIFEST.toml").read_text(encoding="utf-8"))["case"]]


def _judge(case: dict) -> dict:
    root = DATA / case["corpus"]
    truth = tomllib.loads((root / case["truth"]).read_text(encoding="utf-8"))
    text = (root / case["file"]).read_text(encoding="utf-8")
    report = check(text, timeout=None, budget=None, **PROBLEMS[truth["problem"]])
    verdicts: dict[int, set[str]] = {}
    for result in report.lines:
        verdicts.setdefault(result.line, set()).add(result.verdict)
    mistakes = set(truth["mistakes"])
    flagged = {line for line, found in verdicts.items() if found & set(MISTAKES)}
    unread = [line for line in truth["claims"] if line not in verdicts or verdicts[line] & set(UNREAD)]
    return {"false_alarms": sorted(flagged - mistakes), "misses": sorted(mistakes - flagged),
            "first": report.first_error_line or 0, "truth_first": truth["first_mistake"],
            "claims": len(truth["claims"]), "unread": unread,
            "messages": {r.line: f"{r.verdict}: {r.message}" for r in report.lines}}


@pytest.fixture(scope="module")
def results() -> dict:
    return {f"{case['corpus']}/{case['file']}": _judge(case) for case in CASES}


def test_the_corpora_are_complete():
    first = [case for case in CASES if case["corpus"] == "corpus"]
    assert len(first) >= 60 and sum(1 for case in first if case["first_mistake"] == 0) >= 25
    assert len(CASES) >= 150
    assert {case["problem"] for case in CASES} == set(PROBLEMS)
    for corpus in CORPORA[1:]:  # every later writer wrote for every problem (the first had no three_layer)
        assert {case["problem"] for case in CASES if case["corpus"] == corpus} == set(PROBLEMS)


def test_the_corpus(results):
    false_alarms = {f: r["false_alarms"] for f, r in results.items() if r["false_alarms"]}
    misses = {f: r["misses"] for f, r in results.items() if r["misses"]}
    first = {f: (r["first"], r["truth_first"]) for f, r in results.items()
             if r["first"] != r["truth_first"]}
    claims = sum(r["claims"] for r in results.values())
    unread = {f: r["unread"] for f, r in results.items() if r["unread"]}
    unread_count = sum(len(lines) for lines in unread.values())
    print(f"\ncorpora: {len(results)} solutions, {claims} claim lines; "
          f"{sum(map(len, false_alarms.values()))} false alarms, {sum(map(len, misses.values()))} misses, "
          f"{len(first)} wrong first-mistake lines, "
          f"{unread_count} unread ({100 * unread_count / claims:.1f} %)")
    for name, lines in {**false_alarms, **misses}.items():
        for line in lines:
            print(f"  {name}:{line}  {results[name]['messages'].get(line, '')[:150]}")
    assert not false_alarms, false_alarms
    assert misses == {f: lines for f, (lines, _, _) in KNOWN_MISSES.items()}, misses
    known_first = {f: (found, results[f]["truth_first"]) for f, (_, found, _) in KNOWN_MISSES.items()}
    assert first == known_first, first
    assert unread_count <= 0.03 * claims, unread


def test_every_line_is_judged_without_an_internal_error(results):
    """A line the checker cannot read gets ``unknown`` or ``unparsed`` with a reason, never an
    internal error of the checker (reported as "cannot be judged")."""
    broken = {name: [m for m in r["messages"].values() if "cannot be judged" in m]
              for name, r in results.items()}
    assert not {name: m for name, m in broken.items() if m}


def test_the_held_out_corpus_gets_a_verdict_on_every_line():
    """Every line of the held-out corpus is judged without an internal error of the checker; the
    counts against its ground truth are printed, for the record, and are not yet a pass mark."""
    cases = [{**case, "corpus": HELD_OUT} for case in
             tomllib.loads((DATA / HELD_OUT / "MANIFEST.toml").read_text(encoding="utf-8"))["case"]]
    results = {case["file"]: _judge(case) for case in cases}
    assert not any("cannot be judged" in m for r in results.values() for m in r["messages"].values())
    claims = sum(r["claims"] for r in results.values())
    false_alarms = sum(len(r["false_alarms"]) for r in results.values())
    misses = sum(len(r["misses"]) for r in results.values())
    unread = sum(len(r["unread"]) for r in results.values())
    clean = [case["file"] for case in cases if case["first_mistake"] == 0]
    flagged = [name for name in clean if results[name]["false_alarms"]]
    print(f"\nheld out: {len(cases)} solutions, {claims} claim lines; {false_alarms} false alarms "
          f"({len(flagged)} of {len(clean)} clean solutions), {misses} misses, {unread} unread")
