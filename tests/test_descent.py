"""Gradient descent: limits against SymPy's diff, the steepest angle, Taylor's error order, convergence."""

from __future__ import annotations

import itertools
import math

import pytest
import sympy

import symnn
from symnn.core.functions import Sigmoid
from symnn.topics.descent import (
    directional_derivation,
    gradient_descent,
    limit_derivation,
    steepest_descent_angle,
    steepest_descent_derivation,
    taylor_table,
    update_derivation,
)

x = sympy.Symbol("x", real=True)


@pytest.mark.parametrize("f", [x**2, x**3 - 2 * x, sympy.exp(x), sympy.sin(x), 1 / (1 + sympy.exp(-x))])
def test_limit_of_the_difference_quotient_is_the_derivative(f):
    derivation = limit_derivation(f, x)
    assert derivation.steps[0].rule is symnn.Rule.DEFINITION
    assert isinstance(derivation.steps[0].expr, sympy.Limit)
    assert sympy.simplify(derivation.result - sympy.diff(f, x)) == 0


def test_sigmoid_limit_written_with_the_function_itself(value_at):
    derivation = limit_derivation(Sigmoid(x), x, in_terms_of=Sigmoid(x) * (1 - Sigmoid(x)))
    s = 1 / (1 + math.exp(-0.7))
    assert value_at(derivation.steps[-2].expr, {x: 0.7}) == pytest.approx(s * (1 - s))


def test_a_wrong_rewrite_of_the_limit_is_refused():
    with pytest.raises(symnn.DerivationError, match="step 4"):
        limit_derivation(x**2, x, in_terms_of=x**2)


def test_steepest_descent_is_against_the_gradient():
    best = steepest_descent_angle()
    assert best.angle == sympy.pi and best.minimum == -1
    assert all(value >= best.minimum for _, value in best.candidates)
    # an independent check: cos on a fine grid of [0, 2pi] is smallest next to pi
    grid = [2 * math.pi * k / 10_000 for k in range(10_001)]
    assert min(grid, key=math.cos) == pytest.approx(math.pi, abs=1e-3)
    g, d = sympy.Symbol(r"\|\nabla f(x)\|", positive=True), sympy.Symbol(r"\|\Delta x\|", positive=True)
    assert steepest_descent_derivation().result == -g * d


def test_first_order_taylor_coefficient_is_gradient_dot_step():
    w1, w2 = sympy.symbols("w_1 w_2", real=True)
    f = w1**2 * w2 + sympy.exp(w2)
    dw = sympy.symbols("d_1 d_2", real=True)
    derivation = directional_derivation(f, [w1, w2], dw)
    gradient_dot_step = sympy.diff(f, w1) * dw[0] + sympy.diff(f, w2) * dw[1]
    assert sympy.expand(derivation.result - gradient_dot_step) == 0


def test_taylor_gap_shrinks_with_the_square_of_the_step():
    w1, w2 = sympy.symbols("w_1 w_2", real=True)
    f = w1**2 + 3 * w2**2 + w1 * w2
    rows = taylor_table(f, [w1, w2], [1.0, -0.5], [0.6, 0.8], sizes=(0.1, 0.01, 0.001))
    for bigger, smaller in itertools.pairwise(rows):
        assert bigger.error / smaller.error == pytest.approx(100, rel=1e-6)  # a quadratic: exactly size^2
    # against the gradient the change is negative: descent
    down = taylor_table(w1**2 + w2**2, [w1, w2], [1.0, 1.0], [-1.0, -1.0], sizes=(0.01,))
    assert down[0].change < 0


def test_update_with_numbers():
    assert float(update_derivation("w_5", "0.10", "0.03", "1").result) == pytest.approx(0.07)
    assert float(update_derivation("w", "0.5", "-0.2", "0.1").result) == pytest.approx(0.52)
    with pytest.raises(symnn.SymnnError, match="learning rate must be positive"):
        update_derivation(learning_rate="0")
    with pytest.raises(symnn.SymnnError, match="weight must be a number"):
        update_derivation(value="abc")


def test_gradient_descent_converges_to_the_minimum():
    w1, w2 = sympy.symbols("w_1 w_2", real=True)
    trace = gradient_descent((w1 - 3) ** 2 + 2 * (w2 + 1) ** 2, [w1, w2], [0.0, 0.0], 0.1, steps=200)
    assert trace[-1].point == pytest.approx((3.0, -1.0), abs=1e-9)
    assert all(b.value <= a.value for a, b in itertools.pairwise(trace))
    assert len(trace) == 201
    with pytest.raises(symnn.SymnnError, match="positive number"):
        gradient_descent(w1**2, [w1], [0.0], -1.0)
    with pytest.raises(symnn.SymnnError, match="needs 1 numbers"):
        gradient_descent(w1**2, [w1], [0.0, 1.0], 0.1)


def test_lecture_sections_use_only_the_public_api_and_keep_their_order():
    import ast
    import importlib
    from pathlib import Path

    orders = {"activations": 10, "softmax_cross_entropy": 20, "losses": 30, "gradient_descent": 40}
    for name, order in orders.items():
        module = importlib.import_module(f"derivations.{name}")
        tree = ast.parse(Path(module.__file__).read_text())
        nodes = list(ast.walk(tree))
        imported = {alias.name for node in nodes if isinstance(node, ast.Import) for alias in node.names}
        imported |= {node.module for node in nodes if isinstance(node, ast.ImportFrom)}
        assert imported <= {"symnn", "sympy", "__future__"}, (name, imported)
        if name in ("losses", "gradient_descent"):  # the others are built by their own tests
            section = module.section()
            assert section.order == order
            kinds = {type(block).__name__ for block in section.blocks}
            assert kinds <= {"Paragraph", "Math", "Derivation", "Table", "Figure", "TikZ"}
