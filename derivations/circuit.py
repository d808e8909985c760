"""The computation graph ("circuit") of f(w, x) = 1/(1 + e^{-(w0 x0 + w1 x1 + w2)}): forward and backward."""

from __future__ import annotations

from pathlib import Path

import sympy

import symnn

w0, x0, w1, x1, w2 = sympy.symbols("w0 x0 w1 x1 w2")
z = sympy.Symbol("z")

#: the lecture's function and the values of its circuit
F = 1 / (1 + sympy.exp(-(w0 * x0 + w1 * x1 + w2)))
AT = {w0: 2, x0: -1, w1: -3, x1: -2, w2: -3}

SUM = w0 * x0 + w1 * x1 + w2
WHERE = "computation graph"


def _number(value) -> float:
    return float(sympy.N(value, 30))


def _picture_blocks(circuit: symnn.Circuit, filename: str, caption: str) -> list:
    def make(path: Path) -> None:
        symnn.write_circuit(circuit, path, digits=2)

    fallback = symnn.Figure(filename, caption, make)
    return [symnn.TikZ(symnn.circuit_tikz(circuit, digits=2, column_width=1.9), caption, fallback=fallback)]


def _gradient_derivation(circuit: symnn.Circuit, symbol: sympy.Symbol,
                         other: sympy.Symbol) -> symnn.Derivation:
    """d f / d symbol as the product of the local derivatives along its path through the gates."""
    u = 1 + sympy.exp(-SUM)  # the value at the output of the +1 gate
    # one factor per gate from the output back: 1/x, exp, *(-1), * (the +1 and + gates give factors 1)
    factors = [-1 / u**2, sympy.exp(-SUM), -1, other]
    chain = sympy.Mul(*[sympy.UnevaluatedExpr(f) for f in factors], evaluate=False)
    values = {k: v for k, v in AT.items() if k in SUM.free_symbols}
    exact = _number(circuit.gradients[symbol])
    return symnn.Derivation(
        sympy.Derivative(F, symbol),
        [symnn.Step(chain, symnn.Rule.CHAIN_RULE,
                    note="local derivatives of 1/x, exp, *(-1), * (+1 and + pass it on)"),
         symnn.Step(chain.xreplace(values), symnn.Rule.SUBSTITUTION, values=values),
         symnn.Step(sympy.Float(f"{exact:.4f}", 4), symnn.Rule.NUMERIC, relation="≈", digits=4)],
        title=f"The gradient of ${symnn.latex(symbol)}$ through the gates")


def _sigmoid_derivation() -> symnn.Derivation:
    sigma = symnn.Sigmoid(z)
    return symnn.Derivation(
        sympy.Derivative(sigma, z),
        [symnn.Step(sympy.Derivative(1 / (1 + sympy.exp(-z)), z), symnn.Rule.DEFINITION),
         symnn.Step(sympy.exp(-z) / (1 + sympy.exp(-z)) ** 2, symnn.Rule.CHAIN_RULE),
         symnn.Step((1 - sigma) * sigma, symnn.Rule.ALGEBRA,
                    note=r"$\frac{e^{-z}}{1+e^{-z}} = 1 - \sigma(z)$"),
         symnn.Step((1 - symnn.Sigmoid(sympy.Integer(1))) * symnn.Sigmoid(sympy.Integer(1)),
                    symnn.Rule.SUBSTITUTION, values={z: 1}),
         symnn.Step(sympy.Mul(sympy.Float("0.27", 2), sympy.Float("0.73", 2), evaluate=False),
                    symnn.Rule.NUMERIC, relation="≈", digits=2, note=r"$\sigma(1) \approx 0.73$"),
         symnn.Step(sympy.Float("0.197", 3), symnn.Rule.NUMERIC, relation="≈", digits=3)],
        title="The sigmoid gate's local derivative",
        text="The whole chain from the sum to the output is one sigmoid gate; its local derivative is "
             "written with its own output, so the backward pass needs no new exponential.")


def _claims(plain: symnn.Circuit, fused: symnn.Circuit) -> list[symnn.Claim]:
    node = plain.find
    inner = r"e^{-(w_0x_0+w_1x_1+w_2)}"
    g = plain.gradients
    rounded_first = "the lecture multiplies its rounded 0.20: {} = {}; exactly {} = {:.5f}"
    return [
        symnn.Claim(f"${inner}$", "0.37", _number(node(sympy.exp(-SUM)).value), WHERE, "forward"),
        symnn.Claim(f"$1 + {inner}$", "1.37", _number(node(1 + sympy.exp(-SUM)).value), WHERE, "forward"),
        symnn.Claim("$f(w, x)$", "0.73", _number(plain.value), WHERE, "forward"),
        symnn.Claim(f"$\\partial f / \\partial (1 + {inner})$", "-0.53",
                    _number(node(1 + sympy.exp(-SUM)).gradient), WHERE, "backward, input of the 1/x gate"),
        symnn.Claim(f"$\\partial f / \\partial {inner}$", "-0.53",
                    _number(node(sympy.exp(-SUM)).gradient), WHERE, "backward, output of the exp gate"),
        symnn.Claim(r"$\partial f / \partial (-(w_0x_0+w_1x_1+w_2))$", "-0.20",
                    _number(node(-SUM).gradient), WHERE, "backward, input of the exp gate"),
        symnn.Claim(r"$\partial f / \partial (w_0x_0+w_1x_1+w_2)$", "0.20",
                    _number(node(SUM).gradient), WHERE, "backward, input of the *(-1) gate"),
        symnn.Claim(r"$\partial f / \partial w_0$", "-0.20", _number(g[w0]), WHERE, "(-1.00) x 0.20"),
        symnn.Claim(r"$\partial f / \partial x_0$", "0.40", _number(g[x0]), WHERE,
                    rounded_first.format("2.00 x 0.20", "0.40", "2 x 0.19661", _number(g[x0]))),
        symnn.Claim(r"$\partial f / \partial w_1$", "-0.40", _number(g[w1]), WHERE,
                    rounded_first.format("(-2.00) x 0.20", "-0.40", "(-2) x 0.19661", _number(g[w1]))),
        symnn.Claim(r"$\partial f / \partial x_1$", "-0.60", _number(g[x1]), WHERE,
                    rounded_first.format("(-3.00) x 0.20", "-0.60", "(-3) x 0.19661", _number(g[x1]))),
        symnn.Claim(r"$\partial f / \partial w_2$", "0.20", _number(g[w2]), WHERE, "1 x 0.20"),
        symnn.Claim(r"$\sigma'(1) = (1 - \sigma)\sigma$", "0.20", _number(fused.output.local[0]), WHERE,
                    "sigmoid gate: (0.73)(0.27)"),
    ]


def section() -> symnn.Section:
    """The lecture's circuit: gates, the forward values, the backward gradients, the fused sigmoid gate."""
    plain = symnn.circuit(F, at=AT)
    fused = symnn.circuit(F, at=AT, fuse_sigmoid=True)
    g = plain.gradients
    blocks = [
        symnn.Paragraph(
            "Backpropagation is the chain rule applied gate by gate. Written as a computation graph "
            "(a circuit), the function"),
        symnn.Math(r"f(w, x) = \frac{1}{1 + e^{-(w_0 x_0 + w_1 x_1 + w_2)}}"),
        symnn.Paragraph(
            "is a chain of primitive gates: two products, two sums, a negation $\\ast(-1)$, the exponential, "
            "an addition of the constant 1 and the reciprocal $1/x$. The forward pass computes every "
            "value from the inputs $w_0 = 2$, $x_0 = -1$, $w_1 = -3$, $x_1 = -2$, $w_2 = -3$ (green, above "
            "each edge); the backward pass starts from $\\partial f/\\partial f = 1$ at the output and "
            "multiplies, gate by gate in reverse order, the gradient arriving from above by the gate's "
            "local derivative (red, below each edge)."),
        *_picture_blocks(plain, "circuit.png",
                         "The circuit of $f(w, x)$: forward values above the edges, gradients below."),
        symnn.Paragraph(
            "The local derivatives are those of the primitive gates: $1/x$ gives $-1/x^2$, so "
            "$-1/1.37^2 = -0.53$; $+1$ passes the gradient on unchanged; $e^x$ gives $e^x$, so "
            "$0.37 \\cdot (-0.53) = -0.20$; $\\ast(-1)$ flips the sign to $0.20$; a sum hands the same "
            "gradient to each of its inputs; a product hands each input the other input's value times the "
            "gradient, so $\\partial f/\\partial w_0 = x_0 \\cdot 0.20$ and "
            "$\\partial f/\\partial x_0 = w_0 \\cdot 0.20$."),
        symnn.circuit_table(plain, digits=2,
                            caption="Every node of the circuit, forward value and gradient "
                                    "$\\partial f/\\partial$ node (two decimals)."),
        _gradient_derivation(plain, x0, w0),
        _gradient_derivation(plain, x1, w1),
        symnn.Paragraph(
            f"The lecture's figure shows $0.40$, $-0.40$ and $-0.60$ for the gradients of $x_0$, $w_1$ and "
            f"$x_1$: it rounded the gradient of the sum to $0.20$ first and then multiplied. With the exact "
            f"$0.19661$ the gradients are ${_number(g[x0]):.5f}$, ${_number(g[w1]):.5f}$ and "
            f"${_number(g[x1]):.5f}$, that is $0.39$, $-0.39$ and $-0.59$ at two decimals (CS231n's figure "
            "of the same circuit prints these). The other figures of the lecture are right at the digits "
            "shown."),
        symnn.Paragraph(
            "The four gates after the sum together compute the sigmoid $\\sigma(z)$ of "
            "$z = w_0 x_0 + w_1 x_1 + w_2$. Drawn as one sigmoid gate, the circuit is shorter, and the "
            "backward pass through it is one multiplication by $(1 - \\sigma(z))\\,\\sigma(z)$:"),
        *_picture_blocks(fused, "circuit_sigmoid.png",
                         "The same circuit with one sigmoid gate: its local derivative is "
                         "$(1 - 0.73)\\cdot 0.73 = 0.20$."),
        _sigmoid_derivation(),
        symnn.Paragraph(
            "Every gradient above equals SymPy's derivative of $f$ at these values, and the tests also "
            "compare them with central finite differences."),
    ]
    return symnn.Section("The computation graph (circuit)", blocks, claims=_claims(plain, fused), order=70)
