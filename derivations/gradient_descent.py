"""Gradient descent: the derivative as a limit, the first-order Taylor step, steepest descent, the update."""

from __future__ import annotations

import sympy

import symnn

x = sympy.Symbol("x", real=True)
w1, w2 = sympy.symbols("w_1 w_2", real=True)

#: a small loss surface for the numeric illustrations
SURFACE = (w1 - 1) ** 2 + 3 * (w2 + 0.5) ** 2


def _limit_blocks() -> list:
    sigmoid = symnn.Sigmoid(x)
    return [
        symnn.Paragraph(
            "Gradient descent minimises a loss function. For a function of one variable the gradient at "
            "$x$ is the derivative, the limit of the difference quotient:"),
        symnn.Math(r"\frac{df(x)}{dx} = \lim_{h \to 0} \frac{f(x+h) - f(x)}{h}"),
        symnn.Paragraph("SymPy takes these limits; three examples, the last the sigmoid of the first "
                        "section:"),
        symnn.limit_derivation(x**2, x, title="$x^2$ from the limit"),
        symnn.limit_derivation(sympy.exp(x), x, title="$e^x$ from the limit"),
        symnn.limit_derivation(sigmoid, x, in_terms_of=sigmoid * (1 - sigmoid),
                               title="The sigmoid from the limit"),
        symnn.Paragraph(
            "For a function of several variables the gradient is the vector of the derivatives with "
            "respect to each variable. The opposite direction of the gradient is the one in which the "
            "function decreases fastest, so that is the direction to move in. Batch, stochastic and "
            "mini-batch gradient descent differ in how many training examples the gradient is computed on."),
    ]


def _taylor_blocks() -> list:
    rows = symnn.taylor_table(SURFACE, [w1, w2], [0.0, 0.0], [0.6, 0.8], sizes=(0.1, 0.01, 0.001))
    table = symnn.Table(
        (r"$\|\Delta x\|$", r"$f(x + \Delta x) - f(x)$", r"$(\nabla f(x))^{\mathsf{T}} \Delta x$", "gap"),
        tuple((f"{r.size:g}", f"{r.change:.6g}", f"{r.linear:.6g}", f"{r.error:.3g}") for r in rows),
        caption=f"${symnn.latex(SURFACE)}$ at $x = (0, 0)$, steps along $(0.6, 0.8)$: the gap shrinks "
                "a hundredfold for each tenfold smaller step.")
    return [
        symnn.Paragraph(
            "Let the loss $f(x)$ be continuously differentiable in several variables. Its Taylor "
            "expansion for a small increment $\\Delta x$ is"),
        symnn.Math(r"f(x + \Delta x) = f(x) + f'(x)\Delta x + \dots + \frac{1}{n!} f^{(n)}(x) (\Delta x)^n"),
        symnn.Paragraph(
            "so, to first order, $f(x + \\Delta x) - f(x) \\approx (\\nabla f(x))^{\\mathsf{T}} \\Delta x$ "
            "(the lecture prints $\\Delta f$ for the gradient $\\nabla f$ here). The first-order "
            "coefficient is the derivative along $\\Delta x$, which the chain rule turns into the gradient "
            "times the step, here for $f = w_1^2 + 3 w_2^2$:"),
        symnn.directional_derivation(w1**2 + 3 * w2**2, [w1, w2]),
        symnn.Paragraph("Numerically, the first-order prediction is off by an amount of the order of "
                        "$\\|\\Delta x\\|^2$:"),
        table,
    ]


def _steepest_blocks() -> list:
    best = symnn.steepest_descent_angle()
    candidates = ", ".join(f"$\\cos {symnn.latex(a)} = {symnn.latex(v)}$" for a, v in best.candidates)
    trace = symnn.gradient_descent(SURFACE, [w1, w2], [3.0, 1.0], 0.1, steps=30)
    shown = (0, 1, 2, 5, 10, 20, 30)
    rows = tuple((str(k), f"({trace[k].point[0]:.4f}, {trace[k].point[1]:.4f})", f"{trace[k].value:.6f}")
                 for k in shown)
    return [
        symnn.Paragraph(
            "Since $(\\nabla f(x))^{\\mathsf{T}} \\Delta x = "
            "\\|\\nabla f(x)\\| \\|\\Delta x\\| \\cos\\theta$, with $\\theta$ the angle between the "
            "gradient and the step, a step of a given length lowers "
            "the loss most when $\\cos\\theta$ is smallest. The library finds the minimum of $\\cos\\theta$ "
            "on $[0, 2\\pi]$ from the zeros of its derivative $-\\sin\\theta$ and the end points: "
            f"{candidates}, so the minimum is at $\\theta = {symnn.latex(best.angle)}$, against the "
            "gradient:"),
        symnn.steepest_descent_derivation(),
        symnn.Paragraph(
            "The lecture's last formula here reads \"$= -\\frac{1}{2\\pi\\sqrt{2}} \\Delta x$\", a garbled "
            "version of this result; at $\\theta = \\pi$ the first-order change is "
            "$-\\|\\nabla f(x)\\| \\|\\Delta x\\|$."),
        symnn.Paragraph(
            "So each step moves the parameters against the gradient, by the learning rate $\\eta$ times the "
            "gradient $\\delta_i = \\partial Error / \\partial w_i$:"),
        symnn.Math(r"w_i' = w_i - \eta\, \delta_i"),
        symnn.Paragraph(
            "With the numbers of the worked example later in the lecture, rounded as it prints them "
            "($w_5 = 0.10$, $\\delta_5 = 0.03$, $\\eta = 1$):"),
        symnn.update_derivation("w_5", "0.10", "0.03", "1"),
        symnn.Paragraph(
            f"Repeated, the update walks down the surface ${symnn.latex(SURFACE)}$ from $(3, 1)$ with "
            "$\\eta = 0.1$ towards its minimum at $(1, -0.5)$:"),
        symnn.Table(("step", "$(w_1, w_2)$", "$f$"), rows, caption="Gradient descent on a quadratic loss."),
    ]


def section() -> symnn.Section:
    """The derivative as a limit, the first-order Taylor step, steepest descent and the update rule."""
    return symnn.Section("Gradient descent", [*_limit_blocks(), *_taylor_blocks(), *_steepest_blocks()],
                         claims=[], order=40)
