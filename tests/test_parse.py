"""The front end: the field's notation, safety (no eval), positions, written digits.

Truths: SymPy objects built by hand in the test for what each notation means, and
positions counted by hand in the test strings.
"""

from __future__ import annotations

import time

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from symnn.checking.parse import (
    FUNCTIONS,
    BinOp,
    Call,
    Name,
    Num,
    Partial,
    TooComplexError,
    node_text,
    parse_expression,
    parse_relation,
    to_sympy,
)
from symnn.core.errors import ParseError
from symnn.core.functions import (
    ACTIVATION_ALIASES,
    ACTIVATIONS,
    ELU,
    GELU,
    GELUTanh,
    LeakyReLU,
    Sigmoid,
    Tanh,
)

x = sympy.Symbol("x")


@pytest.mark.parametrize(("text", "name"), [
    ("In_{h_1}", "In_h1"), ("net_{h1}", "net_h1"), ("Out_{h_1}", "Out_h1"), ("out_{h1}", "out_h1"),
    ("h_1", "h1"), ("E_{total}", "E_total"), (r"\delta_{o^1}", "delta_o1"), (r"\delta_5", "delta5"),
    (r"\hat{y}_1", "yhat1"), (r"\widehat{y_1}", "yhat1"), ("w_{11}", "w11"), ("Error", "Error"),
    (r"\eta", "eta"), ("lr", "lr"),
])
def test_names_of_the_field_are_one_symbol(text, name):
    expr = parse_expression(text)
    assert expr == sympy.Symbol(name)
    assert not expr.has(sympy.I)  # never I*n


@pytest.mark.parametrize("text", ["w_5'", "w_5^+", "w_5^{new}", r"w_5^{\prime}", r"w_5^{\text{new}}", "w5'"])
def test_update_marks_all_name_the_updated_weight(text):
    node = parse_relation(text).parts[0].node
    assert node == Name("w5'", 0)


@pytest.mark.parametrize("text", [r"\sigma(x)", "sigmoid(x)", "Sigmoid(x)", r"\operatorname{sigmoid}(x)",
                                  r"\mathrm{Sigmoid}(x)", "σ(x)", r"\sigmoid(x)"])
def test_sigmoid_spellings(text):
    assert parse_expression(text) == Sigmoid(x)


@pytest.mark.parametrize("text", [r"2 \cdot x", r"2 \times x", "2 * x", "2x", "2·x", "2 × x"])
def test_multiplication_spellings(text):
    assert parse_expression(text) == 2 * x


def test_log_is_natural_and_e_is_euler():
    assert parse_expression(r"\log(x)") == sympy.log(x)
    assert parse_expression(r"\ln x") == sympy.log(x)
    assert parse_expression("e^{x}") == sympy.exp(x)
    assert parse_expression("exp(x)") == sympy.exp(x)


def test_decimal_comma_and_written_digits():
    assert float(parse_expression("0,5 * 2")) == 1.0
    relation = parse_relation("h_2 = 0.50")
    number = relation.parts[1].number
    assert (number.source, number.decimals, number.value) == ("0.50", 2, sympy.Rational(1, 2))
    negative = parse_relation("d = -0.009").parts[1].number
    assert (negative.source, negative.decimals) == ("-0.009", 3)


@pytest.mark.parametrize(("text", "decimals"), [
    ("5.622e-1", 4), ("5.622E-1", 4), ("56.22e-2", 4), ("1.5e-3", 4), ("2e-2", 2), ("1.25e1", 1),
    ("0,25", 2),
])
def test_decimals_of_scientific_notation_are_those_written_out(text, decimals):
    number = parse_relation(f"h_1 = {text}").parts[1].number
    assert number.decimals == decimals
    # the same number written out in full has as many decimals as that
    written_out = f"{float(text.replace(',', '.')):.{decimals}f}"
    assert float(written_out) == float(text.replace(",", "."))


def test_a_positive_exponent_keeps_the_significant_figures_written():
    # 1.5e2 has two significant figures: 150 to the nearest ten, not exact to the unit
    assert parse_relation("h_1 = 1.5e2").parts[1].number.decimals == -1


def test_cases_become_piecewise():
    relu = parse_expression(r"\begin{cases} 0 & x < 0 \\ x & x \geq 0 \end{cases}")
    assert isinstance(relu, sympy.Piecewise)
    assert relu.subs(x, -1) == 0 and relu.subs(x, 2) == 2
    step = parse_expression(r"\begin{cases} 1 & x > 0 \\ 0 & \text{otherwise} \end{cases}")
    assert step.subs(x, 3) == 1 and step.subs(x, -3) == 0


def test_partial_fractions_and_derivative_operator():
    node = parse_relation(r"\frac{\partial Error}{\partial w_5}").parts[0].node
    assert isinstance(node, Partial)
    assert node.numerator == Name("Error", node.numerator.position)
    assert node.denominator.name == "w5"
    assert node_text(parse_relation(r"\frac{\partial E_{total}}{\partial out_{o1}}").parts[0].node) \
        == "dE_total/dout_o1"
    derivative = parse_expression(r"\frac{d}{dx}\tanh(x)")
    assert sympy.simplify((derivative.doit() - (1 - Tanh(x) ** 2)).rewrite(sympy.exp)) == 0


def test_sum_with_limits_expands_and_without_is_refused():
    o1, o2, y1, y2 = sympy.symbols("o1 o2 y1 y2")
    expr = parse_expression(r"\frac{1}{2}\sum_{i=1}^{2} (o_i - y_i)^2")
    assert sympy.expand(expr - ((o1 - y1) ** 2 + (o2 - y2) ** 2) / 2) == 0
    with pytest.raises(ParseError):
        parse_expression(r"\sum_k e^{z_k}")


def test_the_lectures_lines_parse_into_chains():
    relation = parse_relation(r"\delta_5 = \frac{\partial Error}{\partial w_5} = "
                              r"0.25 * 0.48 * (1 - 0.48) * 0.56 = 0.03")
    assert relation.relations == ("=", "=", "=")
    product = relation.parts[2].node
    assert isinstance(product, BinOp) and product.op == "*"
    assert [n.source for n in _numbers(product)] == ["0.25", "0.48", "1", "0.48", "0.56"]
    continued = parse_relation(r"&= -0.009 \\")
    assert continued.continued and continued.parts[0].number.source == "-0.009"
    # the lecture's o_1 line misses a ')': read, with a note
    typo = parse_relation("o_1 = sigmoid(0.10 * 0.56 + (-0.30 * 0.50) = 0.48")
    assert len(typo.parts) == 3 and typo.parts[1].notes
    assert isinstance(typo.parts[1].node, Call)


def _numbers(node):
    from symnn.checking.parse import iter_nodes

    return [n for n in iter_nodes(node) if isinstance(n, Num)]


def test_remarks_after_leftarrow_are_dropped():
    relation = parse_relation(r"\frac{\partial o_1}{\partial In_{o_1}} &= o_1 * (1 - o_1) "
                              r"&\leftarrow o_1 = Out_{o_1} = Sigmoid(In_{o_1})")
    assert len(relation.parts) == 2


@pytest.mark.parametrize(("text", "position"), [
    ("2 * (3 +", 8),          # end of line where an operand was expected
    ("x.__class__", 1),        # attribute access is not even a token
    ("__import__('os')", 0),
    (r"x + \foo{y}", 4),
    ("h_1 = 0.5 $ # ", 12),
])
def test_errors_carry_the_position(text, position):
    with pytest.raises(ParseError) as caught:
        parse_expression(text)
    assert caught.value.position == position


@pytest.mark.parametrize("text", [
    "__import__('os').system('echo hacked')", "(lambda: 1)()", "open('/etc/passwd').read()",
    "x.__class__.__bases__", "[c for c in ().__class__.__mro__]", "exec('1')", "eval('2')",
])
def test_python_code_is_never_executed(text, capfd):
    with pytest.raises(ParseError):
        parse_expression(text)
    assert "hacked" not in capfd.readouterr().out


@pytest.mark.parametrize("text", [
    r"10^{10^{10}}", "2^2^2^2^2^2", "(" * 200 + "1" + ")" * 200,
    "\\frac{1}{" * 60 + "2" + "}" * 60, " + ".join(["x"] * 5000), r"\sum_{i=1}^{100000} i",
])
def test_adversarial_expressions_are_refused_fast(text):
    start = time.perf_counter()
    with pytest.raises(TooComplexError):
        parse_expression(text)
    assert time.perf_counter() - start < 1.0


_ALPHABET = st.sampled_from([
    *"0123456789.,+-*/^_{}()[]=&|'<> xyzwhoeE", r"\frac", r"\partial", r"\cdot", r"\sigma", r"\delta",
    r"\hat", r"\begin{cases}", r"\end{cases}", r"\\", r"\left(", r"\right)", "sigmoid", "In_",
    r"\sum_{i=1}^{2}", r"\text{x}", r"\sqrt", "$", "σ"])


@settings(max_examples=40, deadline=None)
@given(st.lists(_ALPHABET, max_size=30).map("".join))
def test_garbage_raises_only_parse_errors(text):
    try:
        relation = parse_relation(text)
        for part in relation.parts:
            to_sympy(part.node)  # conversion to SymPy must not raise anything else either
    except ParseError:
        pass


def test_latex_beyond_the_grammar_goes_through_latex2sympy2_with_our_names():
    from symnn.checking.parse import parse_latex_fallback

    parts, relations = parse_latex_fallback(r"\int_0^1 In_{h_1} x \, dx = \frac{In_{h_1}}{2}")
    h = sympy.Symbol("In_h1")
    assert relations == ["="] and parts[1] == h / 2
    assert sympy.simplify(parts[0].doit() - h / 2) == 0
    assert not parts[0].has(sympy.I)                          # In_{h_1} never became I*n
    with pytest.raises(ParseError):
        parse_latex_fallback(r"\input{/etc/passwd} = 1")        # commands outside the whitelist
    with pytest.raises(ParseError):
        parse_latex_fallback("x.__class__ = 1")


@pytest.mark.parametrize(("text", "function"), [
    ("leaky_relu(-1)", LeakyReLU), ("Leaky_ReLU(x)", LeakyReLU), ("leakyrelu(x)", LeakyReLU),
    ("gelu_tanh(x)", GELUTanh), ("gelu_approx(x)", GELUTanh), ("gelu_exact(x)", GELU), ("gelu(x)", GELU),
    ("elu(x)", ELU), (r"\operatorname{gelu_tanh}(x)", GELUTanh), ("leaky_relu (x)", LeakyReLU),
])
def test_catalogue_functions_with_underscores_are_calls(text, function):
    expr = parse_expression(text)
    argument = -1 if "(-1)" in text else x
    assert expr == function(argument)
    if argument == -1:  # leaky ReLU with slope 0.01: -0.01, not the product -leaky_relu
        assert float(expr) == pytest.approx(-0.01)


def test_every_catalogue_name_and_alias_is_a_function():
    for name in [*ACTIVATIONS, *ACTIVATION_ALIASES]:
        assert name in FUNCTIONS
        assert parse_expression(f"{name}(x)") == ACTIVATIONS[FUNCTIONS[name]].function(x)


@pytest.mark.parametrize(("text", "name"), [
    ("w_1", "w1"), ("In_{h_1}", "In_h1"), ("net_h1", "net_h1"), ("E_{total}", "E_total"),
    ("net_{relu}", "net_relu"),
])
def test_subscripts_still_split_at_the_underscore(text, name):
    assert parse_expression(text) == sympy.Symbol(name)
