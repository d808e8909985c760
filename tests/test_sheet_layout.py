"""Sheets and keys a student can read: for every shipped exercise spec, nothing runs off the page,
nothing is shrunk, and no type is smaller than 8 pt. The truths are TeX's own log and the PDF's words."""

from __future__ import annotations

from pathlib import Path

import pytest

import symnn
from symnn.exercises.outputs import output_files
from symnn.render.tex import compile_tex
from symnn.testing.layout import SMALLEST_TYPE, overfull, shrinking, type_sizes

ROOT = Path(__file__).resolve().parents[1]
SPECS = [*sorted((ROOT / "derivations" / "exercises").glob("*.toml")),
         ROOT / "derivations" / "backprop_lecture.toml"]


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_sheets_and_keys_fit_the_page_at_full_size(spec, tmp_path):
    result = symnn.generate_variants(symnn.load_exercise(str(spec)), 2, seed=5)
    files = output_files(result, "en", "cloze")
    for name in ("sheets", "key"):
        source = files[f"{name}.tex"]
        assert shrinking(source) == [], name
        compiled = compile_tex(source, tmp_path, name)
        assert overfull(compiled.log) == [], (spec.stem, name)
        pdf = tmp_path / f"{name}.pdf"
        pdf.write_bytes(compiled.pdf)
        smallest = type_sizes(pdf)[:1]
        assert smallest and smallest[0][0] >= SMALLEST_TYPE - 0.05, (spec.stem, name, smallest)
