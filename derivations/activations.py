"""Activation functions: the lecture's table (sigmoid, tanh, ReLU) and the usual extensions, each derived."""

from __future__ import annotations

import sympy

import symnn

x = sympy.Symbol("x", real=True)
ALPHA = sympy.Symbol("alpha", positive=True)
DEFAULT_ALPHA = {"leaky_relu": sympy.Rational(1, 100), "elu": sympy.S.One}

#: the lecture's three, then the extensions, in the order the section shows them
ORDER = ("sigmoid", "tanh", "relu", "leaky_relu", "elu", "softplus", "gelu", "gelu_tanh", "identity")


def _formula_table() -> symnn.Table:
    rows = []
    for name in ORDER:
        info = symnn.activation_info(name)
        derivation = symnn.activation_derivation(name)
        f = info.function(x) if name not in DEFAULT_ALPHA else info.function(x, DEFAULT_ALPHA[name])
        # the derivations keep alpha general; the table shows the catalogue's default slope
        derivative = derivation.result.doit().subs(ALPHA, DEFAULT_ALPHA.get(name, ALPHA))
        rows.append((info.title, f"${symnn.latex(symnn.explicit(f))}$", f"${symnn.latex(derivative)}$"))
    return symnn.Table(("activation", "$f(x)$", "$f'(x)$"), tuple(rows),
                       caption="Each activation and its derivative as derived below "
                               r"($\sigma$ the sigmoid, $H$ the step function with $H(0) = 1$).")


def section() -> symnn.Section:
    """Activation functions and their derivatives, each proved from the explicit form."""
    blocks: list = [
        symnn.Paragraph(
            "A neuron first adds up the information from the neurons before it, weighted: "
            "$In = \\sum_{i=1}^{n} w_i a_i$. It then transforms the sum with a non-linear activation "
            "function $g$. Combining many non-linear functions is what lets a network transform its "
            "input non-linearly; a network of linear units would only ever compute a linear function."),
        symnn.Paragraph(
            "The lecture's table lists the sigmoid $f(x) = \\frac{1}{1 + e^{-x}}$ with "
            "$f'(x) = f(x)(1 - f(x))$, tanh in the form $f(x) = \\frac{2}{1 + e^{-2x}} - 1$ with "
            "$f'(x) = 1 - f(x)^2$, and the ReLU, $0$ for $x < 0$ and $x$ for $x \\geq 0$, whose derivative "
            "is $0$ for $x < 0$ and $1$ for $x \\geq 0$. Below, each derivative is derived from the explicit "
            "form step by step, and every step is checked by SymPy; the leaky ReLU, ELU, softplus, GELU and "
            "identity are added for comparison."),
        _formula_table(),
        *symnn.activation_figures(ORDER),
    ]
    for name in ORDER:
        blocks.append(symnn.activation_derivation(name))
        if name == "relu":
            right, left = symnn.relu_one_sided_derivatives()
            blocks += [
                symnn.Paragraph(
                    "At $x = 0$ the ReLU has no derivative: the difference quotient tends to different "
                    "values from the two sides. The lecture's table takes the right one, $f'(0) = 1$ "
                    "(the library's default; a switch of its ReLU picks 0 or 1/2 instead)."),
                right, left,
            ]
    blocks.append(symnn.Paragraph(
        "The sigmoid and tanh saturate: far from 0 their derivatives are almost 0 (at most $1/4$ for the "
        "sigmoid, at $x = 0$), so gradients that pass through many of them shrink. The ReLU passes a "
        "gradient of exactly 1 wherever it is active."))
    return symnn.Section("Activation functions", blocks, claims=[], order=10)
