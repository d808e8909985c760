"""The circuit view: gates, forward values and gradients against independent truths.

Truths used: SymPy's own ``diff`` of the expression, central finite differences at
30 digits, and the figures the lecture (and CS231n) print for the circuit example.
"""

from __future__ import annotations

import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import symnn
from symnn.core.errors import ParseError, SymnnError, UnknownNameError
from symnn.core.functions import ReLU, Sigmoid, Softplus, Tanh

w0, x0, w1, x1, w2 = sympy.symbols("w0 x0 w1 x1 w2")
LECTURE = 1 / (1 + sympy.exp(-(w0 * x0 + w1 * x1 + w2)))
AT = {"w0": 2, "x0": -1, "w1": -3, "x1": -2, "w2": -3}


def n(value, digits: int = 30) -> float:
    return float(sympy.N(value, digits))


def central_difference(expr: sympy.Expr, symbol: sympy.Symbol, point: dict, h: str = "1e-12"):
    """(f(x + h) - f(x - h)) / 2h, evaluated with 40 significant digits."""
    step = sympy.Float(h, 40)
    up = {**point, symbol: point[symbol] + step}
    down = {**point, symbol: point[symbol] - step}
    return (expr.evalf(40, subs=up) - expr.evalf(40, subs=down)) / (2 * step)


# -- the lecture's example ----------------------------------------------------------------------

def test_lecture_forward_values_are_the_printed_figures():
    c = symnn.circuit(LECTURE, at=AT)
    shown = [f"{n(node.value):.2f}" for node in c.gates]
    assert shown == ["-2.00", "6.00", "4.00", "1.00", "-1.00", "0.37", "1.37", "0.73"]
    assert [node.gate_name for node in c.gates] == ["*", "*", "+", "+", "*(-1)", "exp", "+1", "1/x"]
    assert abs(n(c.value) - 0.73106) < 5e-6


def test_lecture_backward_values_are_the_printed_figures():
    c = symnn.circuit(LECTURE, at=AT)
    by_value = {f"{n(node.value):.2f}": f"{n(node.gradient):.2f}" for node in c.gates}
    # the figure: 1.00 at the output, -0.53 at 1.37 and at 0.37, -0.20 at -1.00, 0.20 from 1.00 back
    assert by_value == {"0.73": "1.00", "1.37": "-0.53", "0.37": "-0.53", "-1.00": "-0.20",
                        "1.00": "0.20", "4.00": "0.20", "-2.00": "0.20", "6.00": "0.20"}


def test_lecture_input_gradients_exact():
    c = symnn.circuit(LECTURE, at=AT)
    grads = {str(s): n(g) for s, g in c.gradients.items()}
    expected = {"w0": -0.19661, "x0": 0.39322, "w1": -0.39322, "x1": -0.58983, "w2": 0.19661}
    assert list(grads) == ["w0", "x0", "w1", "x1", "w2"]  # the lecture's order
    for name, value in expected.items():
        assert abs(grads[name] - value) < 1e-5, name
    # the lecture prints 0.40, -0.40, -0.60: right only for 0.20 rounded first, then multiplied
    assert f"{grads['x0']:.2f}" == "0.39" and f"{grads['x1']:.2f}" == "-0.59"
    assert f"{grads['w1']:.2f}" == "-0.39" and f"{grads['w0']:.2f}" == "-0.20"


def test_lecture_gradients_equal_sympy_diff_exactly():
    c = symnn.circuit(LECTURE, at=AT)
    point = {sympy.Symbol(k): v for k, v in AT.items()}
    for symbol, gradient in c.gradients.items():
        truth = sympy.diff(LECTURE, symbol).subs(point)
        assert sympy.simplify(gradient - truth) == 0


def test_fused_sigmoid_gate():
    c = symnn.circuit(LECTURE, at=AT, fuse_sigmoid=True)
    assert [node.gate_name for node in c.gates] == ["*", "*", "+", "+", "sigmoid"]
    sigma = c.output
    assert abs(n(sigma.local[0]) - 0.19661) < 1e-5  # (1 - 0.73) 0.73
    assert abs(n(sigma.local[0]) - n((1 - sigma.value) * sigma.value)) < 1e-25
    plain = symnn.circuit(LECTURE, at=AT)
    for s in plain.gradients:
        assert abs(n(plain.gradients[s] - c.gradients[s])) < 1e-25


def test_sigmoid_function_is_one_gate_and_pattern_only_fused_on_request():
    z = sympy.Symbol("z")
    assert [g.gate_name for g in symnn.circuit(Sigmoid(z)).gates] == ["sigmoid"]
    plain = symnn.circuit(1 / (1 + sympy.exp(-z)))
    assert [g.gate_name for g in plain.gates] == ["*(-1)", "exp", "+1", "1/x"]
    assert [g.gate_name for g in symnn.circuit(1 / (2 + sympy.exp(-z)), fuse_sigmoid=True).gates] == [
        "*(-1)", "exp", "+2", "1/x"]


def test_n_ary_sums_and_products():
    c = symnn.circuit(LECTURE, at=AT, binary=False)
    assert [node.gate_name for node in c.gates] == ["*", "*", "+", "*(-1)", "exp", "+1", "1/x"]
    assert c.gates[2].inputs == ("n1", "n2", "w2")
    assert abs(n(c.gradients[x1]) + 0.589836) < 1e-6


def test_constants_are_parameters_not_nodes():
    x = sympy.Symbol("x")
    c = symnn.circuit(3 * x**2 + 5, at={"x": 2})
    assert [node.gate_name for node in c] == ["input", "x^2", "*3", "+5"]
    assert c.value == 17 and c.gradients[x] == 12


def test_decimal_constants_are_labelled_as_written():
    x = sympy.Symbol("x")
    c = symnn.circuit(sympy.Float("0.5") * x + sympy.Float("0.25"), at={"x": 2})
    assert [node.gate_name for node in c.gates] == ["*0.5", "+0.25"]
    assert c.gradients[x] == 0.5


def test_shared_value_is_one_node_and_gradients_add():
    x, y = sympy.symbols("x y")
    s = Sigmoid(x * y)
    expr = s * (1 - s)
    c = symnn.circuit(expr, at={"x": sympy.Rational(1, 2), "y": 3})
    assert [node.gate_name for node in c.gates].count("sigmoid") == 1
    sig = next(node for node in c.gates if node.gate_name == "sigmoid")
    assert len(sig.upstream) == 2
    assert abs(n(sum(u[2] for u in sig.upstream) - sig.gradient)) < 1e-25
    point = {x: sympy.Rational(1, 2), y: 3}
    for symbol in (x, y):
        assert abs(n(c.gradients[symbol] - sympy.diff(expr, symbol).subs(point))) < 1e-25


def test_relu_gate_uses_the_lecture_convention_at_zero():
    x = sympy.Symbol("x")
    c = symnn.circuit(ReLU(x), at={"x": 0})
    assert c.gradients[x] == 1


def test_names_may_drop_subscript_marks():
    w_0, x_0 = sympy.symbols("w_0 x_0")
    c = symnn.circuit(w_0 * x_0, at={"w0": 2, "x0": "-1.5"})
    assert c.value == sympy.Rational(-3) and c.gradients[w_0] == sympy.Rational(-3, 2)


def test_inexact_mode_agrees_with_exact():
    exact = symnn.circuit(LECTURE, at=AT)
    floats = symnn.circuit(LECTURE, at=AT, exact=False)
    assert all(isinstance(node.gradient, sympy.Float) for node in floats.gates)
    for a, b in zip(exact, floats, strict=True):
        assert abs(n(a.value - b.value)) < 1e-25 and abs(n(a.gradient - b.gradient)) < 1e-25


def test_to_dict_shape():
    data = symnn.circuit(LECTURE, at=AT).to_dict()
    assert abs(data["value"] - 0.7310585786300049) < 1e-15
    assert set(data["gradients"]) == {"w0", "x0", "w1", "x1", "w2"}
    assert [d["gate"] for d in data["nodes"]][-1] == "1/x"
    assert {"id", "gate", "inputs", "value", "gradient"} <= set(data["nodes"][0])


# -- errors -----------------------------------------------------------------------------------

def expect_error(kind, call, *words):
    try:
        call()
    except kind as error:
        text = str(error)
        assert "\n" not in text
        for word in words:
            assert word in text, (word, text)
        return error
    raise AssertionError(f"no {kind.__name__}")


def test_missing_extra_and_bad_values():
    expect_error(SymnnError, lambda: symnn.circuit(LECTURE, at={"w0": 2}), "x0", "w2")
    error = expect_error(UnknownNameError, lambda: symnn.circuit(LECTURE, at={**AT, "x11": 1}), "x11", "x1")
    assert error.suggestions
    expect_error(SymnnError, lambda: symnn.circuit(LECTURE, at={**AT, "w0": "two"}), "w0", "number")
    expect_error(SymnnError, lambda: symnn.circuit(LECTURE, at={**AT, "w0": float("nan")}), "w0")


def test_undefined_values_name_the_gate():
    x = sympy.Symbol("x")
    expect_error(SymnnError, lambda: symnn.circuit(1 / x, at={"x": 0}), "1/x")
    expect_error(SymnnError, lambda: symnn.circuit(sympy.log(x), at={"x": -1}), "log")


def test_unsupported_expressions():
    x = sympy.Symbol("x")
    expect_error(SymnnError, lambda: symnn.circuit(sympy.Function("f")(x)), "f")
    expect_error(SymnnError, lambda: symnn.circuit(sympy.Piecewise((x, x > 0), (0, True))), "Piecewise")


def test_deep_nesting_is_an_error_not_a_crash():
    x = sympy.Symbol("x")
    expr = x
    for _ in range(2000):
        expr = Tanh(expr)
    expect_error(SymnnError, lambda: symnn.Circuit.from_expr(expr), "deeply")


def test_a_chain_of_two_hundred_gates_is_built_without_recursion():
    x = sympy.Symbol("x")
    expr = x
    for _ in range(200):
        expr = Tanh(expr)
    c = symnn.circuit(expr, at={"x": "0.5"}, exact=False)
    assert len(c.gates) == 200
    assert abs(n(c.gradients[x]) - n(central_difference(expr, x, {x: sympy.Rational(1, 2)}))) < 1e-12


def test_read_values():
    assert symnn.read_values(" w0 = 2 ,x0=-1e-1;b=3/4") == {
        "w0": 2, "x0": sympy.Rational(-1, 10), "b": sympy.Rational(3, 4)}
    error = expect_error(ParseError, lambda: symnn.read_values("w0=2,x0=abc"), "x0", "position 9")
    assert error.position == 8
    expect_error(ParseError, lambda: symnn.read_values("w0=2,w0=3"), "twice")
    expect_error(ParseError, lambda: symnn.read_values("w0=2 x0=3"), "','")
    expect_error(ParseError, lambda: symnn.read_values("=2"), "name=number")
    expect_error(ParseError, lambda: symnn.read_values("x=1/0"), "x")
    expect_error(ParseError, lambda: symnn.read_values("x=1e999999999"), "outside")  # no giant integer
    expect_error(ParseError, lambda: symnn.read_values("x=" + "9" * 500), "too long")


# -- random expressions built from the gate set -------------------------------------------------

X, Y, Z = sympy.symbols("x y z")
constants = st.sampled_from([sympy.Integer(2), sympy.Integer(-3), sympy.Rational(1, 2), sympy.Integer(-1)])
leaves = st.sampled_from([X, Y, Z])


def _extend(children):
    pair = st.tuples(children, children)
    return st.one_of(
        pair.map(lambda p: p[0] + p[1]),
        pair.map(lambda p: p[0] * p[1]),
        pair.map(lambda p: p[0] - p[1]),
        st.tuples(children, constants).map(lambda p: p[0] + p[1]),
        st.tuples(children, constants).map(lambda p: p[1] * p[0]),
        children.map(lambda a: -a),
        children.map(lambda a: sympy.exp(Tanh(a))),
        children.map(lambda a: 1 / (1 + sympy.exp(-a))),
        children.map(lambda a: 1 / (1 + a**2)),
        children.map(lambda a: sympy.log(1 + a**2)),
        children.map(lambda a: sympy.sqrt(1 + a**2)),
        children.map(lambda a: a**3),
        children.map(Sigmoid),
        children.map(Tanh),
        children.map(Softplus),
    )


expressions = st.recursive(leaves, _extend, max_leaves=6)
points = st.fixed_dictionaries({s: st.integers(-6, 6).map(lambda k: sympy.Rational(k, 4)) for s in (X, Y, Z)})


@settings(max_examples=30, deadline=None)
@given(expr=expressions, point=points, binary=st.booleans(), fuse=st.booleans())
def test_gradients_equal_diff_and_finite_differences(expr, point, binary, fuse):
    at = {s: point[s] for s in expr.free_symbols}
    c = symnn.circuit(expr, at=at, binary=binary, fuse_sigmoid=fuse)
    assert abs(n(c.value - expr.subs(at))) < 1e-20 * (1 + abs(n(c.value)))
    for symbol, gradient in c.gradients.items():
        truth = n(sympy.diff(expr, symbol).evalf(40, subs=at))
        assert abs(n(gradient) - truth) <= 1e-20 * (1 + abs(truth)), (symbol, expr)
        estimate = n(central_difference(expr, symbol, at))
        assert abs(n(gradient) - estimate) <= 1e-12 * (1 + abs(truth)), (symbol, expr)
    # every gate's inputs come before it: the node order is topological
    seen: set[str] = set()
    for node in c:
        assert set(node.inputs) <= seen
        seen.add(node.id)


@settings(max_examples=30, deadline=None)
@given(expr=expressions, point=points)
def test_every_node_computes_its_subexpression(expr, point):
    at = {s: point[s] for s in expr.free_symbols}
    c = symnn.circuit(expr, at=at, exact=False)
    for node in c:
        assert abs(n(node.value) - n(node.expr.evalf(40, subs=at))) <= 1e-20 * (1 + abs(n(node.value)))


# -- the lecture's section ----------------------------------------------------------------------

def test_lecture_section_claims():
    import math

    from derivations import circuit as topic

    section = topic.section()
    assert section.order == 70
    sigma = 1 / (1 + math.exp(-1))
    truth = {"0.37": math.exp(-1), "1.37": 1 + math.exp(-1), "0.73": sigma, "-0.53": -sigma**2,
             "-0.20": -sigma * (1 - sigma), "0.20": sigma * (1 - sigma)}
    wrong = set()
    for claim in section.claims:
        if claim.stated in truth:
            assert abs(claim.exact - truth[claim.stated]) < 1e-12, claim
        if not claim.right:
            wrong.add((claim.quantity, claim.stated))
    assert wrong == {(r"$\partial f / \partial x_0$", "0.40"), (r"$\partial f / \partial w_1$", "-0.40"),
                     (r"$\partial f / \partial x_1$", "-0.60")}
    kinds = [type(b).__name__ for b in section.blocks]
    assert kinds.count("TikZ") == 2 and "Table" in kinds and kinds.count("Derivation") == 3
