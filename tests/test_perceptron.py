"""The perceptron: weights checked on truth tables in plain Python, XOR's certificate multiplied out here."""

from fractions import Fraction
from itertools import product

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from symnn.core.errors import SymnnError, UnknownNameError
from symnn.topics.perceptron import (
    ThresholdUnit,
    bias_symbol,
    farkas_certificate,
    separation_inequalities,
    train_perceptron,
    truth_table,
    weight_symbols,
    xor_network,
)

# the truth tables written out by hand, independent of the module's own tables
LOGIC = {
    "AND": {(0, 0): 0, (0, 1): 0, (1, 0): 0, (1, 1): 1},
    "NAND": {(0, 0): 1, (0, 1): 1, (1, 0): 1, (1, 1): 0},
    "OR": {(0, 0): 0, (0, 1): 1, (1, 0): 1, (1, 1): 1},
    "XOR": {(0, 0): 0, (0, 1): 1, (1, 0): 1, (1, 1): 0},
}


def fires(weights, bias, inputs) -> int:
    """The threshold unit in plain Python: 1 when w.x + b >= 0."""
    total = sum(Fraction(int(w.p), int(w.q)) * x for w, x in zip(weights, inputs, strict=True))
    total += Fraction(int(bias.p), int(bias.q))
    return 1 if total >= 0 else 0


def test_module_tables_are_the_logic_functions():
    for name, table in LOGIC.items():
        assert dict(truth_table(name)) == table


@pytest.mark.parametrize("name", ["AND", "NAND", "OR"])
def test_learning_rule_finds_weights_that_reproduce_the_truth_table(name):
    training = train_perceptron(truth_table(name))
    assert training.converged and training.cycle is None
    for inputs, target in LOGIC[name].items():
        assert fires(training.weights, training.bias, inputs) == target


def test_learning_rule_is_deterministic_and_reports_epochs():
    first, second = train_perceptron(truth_table("AND")), train_perceptron(truth_table("AND"))
    assert (first.weights, first.bias, first.epochs) == (second.weights, second.bias, second.epochs)
    # the last epoch is a clean pass over the four rows
    last = [u for u in first.updates if u.epoch == first.epochs]
    assert len(last) == 4 and all(u.error == 0 for u in last)


def replay_rule(table, epochs):
    """The learning rule in plain Python (eta = 1, zero start); mistakes per epoch."""
    w, b, per_epoch = [0, 0], 0, []
    for _ in range(epochs):
        mistakes = 0
        for x, t in table.items():
            y = 1 if w[0] * x[0] + w[1] * x[1] + b >= 0 else 0
            if t != y:
                mistakes += 1
                w = [w[0] + (t - y) * x[0], w[1] + (t - y) * x[1]]
                b += t - y
        per_epoch.append(mistakes)
    return per_epoch


def test_learning_rule_on_xor_cycles_and_never_converges():
    training = train_perceptron(truth_table("XOR"), max_epochs=50)
    assert not training.converged
    assert training.cycle is not None
    start, period = training.cycle
    assert start >= 1 and period >= 1
    assert all(m > 0 for m in replay_rule(LOGIC["XOR"], 200))
    # the replay agrees with the library on the epochs it ran
    mistakes = [sum(1 for u in training.updates if u.epoch == e and u.error)
                for e in range(1, training.epochs + 1)]
    assert mistakes == replay_rule(LOGIC["XOR"], training.epochs)


def test_xor_certificate_multiplied_out_here():
    w1, w2, b = (*weight_symbols(2), bias_symbol())
    inequalities = separation_inequalities(truth_table("XOR"))
    certificate = farkas_certificate(inequalities, (w1, w2, b))
    assert certificate is not None
    m = certificate.multipliers
    assert all(v >= 0 for v in m)
    # XOR's four conditions as (coefficients of w1, w2, b), strict?, all as "form > 0" or ">= 0"
    rows = {(0, 0): ((0, 0, -1), True), (0, 1): ((0, 1, 1), False),
            (1, 0): ((1, 0, 1), False), (1, 1): ((-1, -1, -1), True)}
    order = [(0, 0), (0, 1), (1, 0), (1, 1)]
    total = [sum(int(m[i]) * rows[x][0][k] for i, x in enumerate(order)) for k in range(3)]
    assert total == [0, 0, 0]
    assert any(m[i] > 0 and rows[x][1] for i, x in enumerate(order))  # so the sum reads 0 > 0
    assert certificate.contradiction == "0 > 0"
    # the derivation of the sum is a checked Derivation ending in 0
    assert certificate.derivation().result == 0


@pytest.mark.parametrize("name", ["AND", "NAND", "OR"])
def test_separable_tables_have_no_certificate(name):
    variables = (*weight_symbols(2), bias_symbol())
    assert farkas_certificate(separation_inequalities(truth_table(name)), variables) is None


def test_three_input_parity_is_not_separable():
    table = [(x, sum(x) % 2) for x in product((0, 1), repeat=3)]
    variables = (*weight_symbols(3), bias_symbol())
    inequalities = separation_inequalities(table)
    certificate = farkas_certificate(inequalities, variables)
    assert certificate is not None
    # multiply out independently: sum m_i * (sign_i * (w.x + b)) must vanish in every variable
    sums = [0, 0, 0, 0]
    for m, (x, t) in zip(certificate.multipliers, table, strict=True):
        sign = 1 if t else -1
        for k, coefficient in enumerate((*x, 1)):
            sums[k] += int(m) * sign * coefficient
    assert sums == [0, 0, 0, 0]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(-4, 4), min_size=3, max_size=3), st.integers(-6, 6))
def test_tables_made_by_a_threshold_unit_are_learned(weights, bias):
    table = [(x, 1 if sum(w * v for w, v in zip(weights, x, strict=True)) + bias >= 0 else 0)
             for x in product((0, 1), repeat=3)]
    training = train_perceptron(table, max_epochs=500)
    assert training.converged
    for x, t in table:
        assert fires(training.weights, training.bias, x) == t
    variables = (*weight_symbols(3), bias_symbol())
    assert farkas_certificate(separation_inequalities(table), variables) is None


@settings(max_examples=40, deadline=None)
@given(st.fractions(-10, 10), st.fractions(-10, 10), st.fractions(-10, 10))
def test_no_weights_compute_xor(w1, w2, b):
    unit = ThresholdUnit((sympy.Rational(w1.numerator, w1.denominator),
                          sympy.Rational(w2.numerator, w2.denominator)),
                         theta=sympy.Rational(-b.numerator, b.denominator))
    assert [unit(x) for x in LOGIC["XOR"]] != list(LOGIC["XOR"].values())


def test_two_layer_network_computes_xor():
    network = xor_network()
    for x, t in LOGIC["XOR"].items():
        hidden = [fires(u.weights, u.bias, x) for u in network.hidden]
        assert hidden == [LOGIC["OR"][x], LOGIC["NAND"][x]]
        assert fires(network.output.weights, network.output.bias, tuple(hidden)) == t
        assert network(x) == t


def test_mcp_neuron_threshold_and_expression():
    unit = ThresholdUnit((1, 1), theta=2)
    x1, x2 = sympy.symbols("x_1 x_2")
    expression = unit.expression((x1, x2))
    for x in LOGIC["AND"]:
        assert expression.subs({x1: x[0], x2: x[1]}) == LOGIC["AND"][x] == unit(x)


def test_bad_input_is_refused_with_a_clear_message():
    with pytest.raises(UnknownNameError, match="known: AND, NAND, OR, XOR"):
        truth_table("XNOR")
    with pytest.raises(SymnnError, match="row 2"):
        train_perceptron([((0, 0), 0), ((0, 1), 2)])
    with pytest.raises(SymnnError, match="learning rate"):
        train_perceptron(truth_table("AND"), learning_rate=0)
