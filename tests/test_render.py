"""Printers: LaTeX that is balanced and uses the field's notation; Markdown and text of the same steps."""

from __future__ import annotations

import re

import pytest
import sympy

import symnn
from symnn.core.functions import Identity, Sigmoid
from symnn.render.latex import latex
from symnn.topics.activations import ACTIVATION_DERIVATIONS, activation_derivation

x = sympy.Symbol("x", real=True)


def balanced(text: str) -> bool:
    text = text.replace(r"\{", "").replace(r"\}", "")
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    if depth:
        return False
    opened = re.findall(r"\\left[(\[.|]", text)
    closed = re.findall(r"\\right[)\].|]", text)
    begins = re.findall(r"\\begin\{(\w+\*?)\}", text)
    ends = re.findall(r"\\end\{(\w+\*?)\}", text)
    return len(opened) == len(closed) and sorted(begins) == sorted(ends)


def test_sympy_numbers_and_fractions_print_correctly():
    assert latex(sympy.pi) == r"\pi"
    assert latex(1 / (1 + sympy.exp(-x))) == r"\frac{1}{1 + e^{- x}}"
    assert latex(Identity(x)) == r"\operatorname{id}\left(x\right)"
    expected = r"\sigma\left(x\right) \left(1 - \sigma\left(x\right)\right)"
    assert latex(Sigmoid(x) * (1 - Sigmoid(x))) == expected


@pytest.mark.parametrize("name", sorted(ACTIVATION_DERIVATIONS))
def test_every_activation_derivation_prints_balanced_latex(name):
    d = activation_derivation(name)
    text = d.to_latex()
    assert balanced(text), text
    assert text.startswith(r"\begin{align*}") and text.rstrip().endswith(r"\end{align*}")
    assert text.count("&=") == len(d.steps)
    markdown = d.to_markdown()
    assert markdown.count("$$") == 2 and r"\begin{aligned}" in markdown
    assert len(d.to_text().splitlines()) == len(d.steps) + 2


def test_expected_commands_appear():
    sigmoid = activation_derivation("sigmoid").to_latex()
    assert r"\sigma\left(x\right)" in sigmoid and r"\frac{d}{d x}" in sigmoid
    assert r"\frac{1}{1 + e^{- x}}" in sigmoid
    tanh = activation_derivation("tanh").to_latex()
    assert r"\tanh^{2}\left(x\right)" in tanh
    relu = activation_derivation("relu").to_latex()
    assert r"\begin{cases}" in relu and r"H\left(x\right)" in relu
    assert r"\sqrt{\pi}" in activation_derivation("gelu").to_latex()


def test_notes_mix_text_and_math():
    text = activation_derivation("sigmoid").to_latex()
    assert r"\text{quotient rule }(\frac{v}{u})' = \frac{v'u - vu'}{u^2}" in text
    assert r"\text{e\^{}" not in text  # math in notes is math, not escaped text


def test_lecture_example_prints_a_column_vector():
    text = symnn.softmax_cross_entropy_example().to_latex()
    assert balanced(text)
    assert r"\begin{matrix}0.34 - 1" in text and "-0.66" in text


def test_unit_names_in_subscripts_print_as_the_lecture_writes_them():
    """The lecture writes In_{o_1} and In_{h_1}; names already braced are left as written."""
    from symnn.render.latex import latex

    assert latex(sympy.Symbol("In_o1")) == "In_{o_{1}}"
    assert latex(sympy.Symbol("In_h2")) == "In_{h_{2}}"
    # a unit's delta is dError/dIn_u; the lecture writes delta_q for dError/dq, so it is delta_{In_u}
    assert latex(sympy.Symbol("delta_o1")) == r"\delta_{In_{o_{1}}}"
    assert latex(sympy.Symbol("w_{11}")) == "w_{11}"
    assert latex(sympy.Symbol("w5")) == "w_{5}"
