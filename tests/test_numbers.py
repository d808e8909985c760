"""One rounding rule everywhere: a tie such as 0.125 at two decimals shows as 0.13 (half-up)."""

from __future__ import annotations

from symnn.cli import main
from symnn.core.numbers import format_decimal, rounded_text, shows


def test_the_number_module_rounds_ties_half_up():
    assert format_decimal(0.125, 2) == "0.13"
    assert rounded_text(0.125, 2) == "0.13"
    assert shows(0.125, "0.13") and not shows(0.125, "0.12")
    assert format_decimal(-0.125, 2) == "-0.13"


def test_circuit_table_tikz_and_dot_show_the_tie_as_keys_and_the_checker_do(capsys, tmp_path):
    tikz, dot = tmp_path / "c.tex", tmp_path / "c.dot"
    assert main(["graph", "x*y", "--at", "x=0.5,y=0.25", "--digits", "2",
                 "--latex", str(tikz), "--dot", str(dot)]) == 0
    table = capsys.readouterr().out
    for text in (table, tikz.read_text(), dot.read_text()):
        assert "0.13" in text and "0.12" not in text
