"""Loss functions: squared errors, the softmax and SVM losses, and the regularised total loss."""

from __future__ import annotations

import sympy

import symnn

#: a public worked example (Stanford CS231n): scores for cat, car, frog of an image of a cat
SCORES = (3.2, 5.1, -1.7)


def _gradient_derivation(name: str, outputs, targets, title: str, rule: symnn.Rule, note: str):
    """dLoss/d output_1 of catalogue loss ``name``, in one checked step."""
    entry = symnn.loss(name)
    expr = entry.expr(outputs, targets)
    return symnn.Derivation(sympy.Derivative(expr, outputs[0]),
                            [symnn.Step(entry.gradient(outputs, targets)[0], rule, note=note)], title=title)


def _squared_error_blocks() -> list:
    o = sympy.symbols("o_1 o_2", real=True)
    y = sympy.symbols("y_1 y_2", real=True)
    yhat = sympy.symbols(r"\hat{y}_1:4", real=True)
    y3 = sympy.symbols("y_1:4", real=True)
    return [
        symnn.Paragraph(
            "A loss (or cost) function measures the error between what the model predicts and the truth; "
            "training changes the parameters to make it small. The two most common are the mean squared "
            "error and cross-entropy (see the previous section)."),
        symnn.Paragraph(
            "The mean squared error of $n$ training examples $x_i$ with true outputs $y_i$ and predictions "
            "$\\hat{y}_i$ is the average squared distance:"),
        symnn.Math(r"MSE = \frac{1}{n} \sum_{i=1}^{n} (y_i - \hat{y}_i)^2"),
        _gradient_derivation("mse", yhat, y3, r"Gradient of the MSE ($n = 3$)", symnn.Rule.CHAIN_RULE,
                             r"$\frac{\partial}{\partial \hat{y}_1}(y_1 - \hat{y}_1)^2 = "
                             r"-2(y_1 - \hat{y}_1)$"),
        symnn.Paragraph(
            "The worked backpropagation example uses half the sum of squared errors of the outputs "
            "$o_i$, so that the 2 of the derivative cancels:"),
        symnn.Math(r"Error = \frac{1}{2} \sum_{i=1}^{2} (o_i - y_i)^2"),
        _gradient_derivation("half_sse", o, y, r"$\partial Error / \partial o_1$", symnn.Rule.POWER_RULE,
                             r"$\frac{1}{2} \cdot 2 (o_1 - y_1)$"),
    ]


def _classification_blocks() -> list:
    s = sympy.symbols("s_1:4", real=True)
    target = symnn.one_hot(1, 3)
    softmax_loss, hinge = symnn.loss("softmax"), symnn.loss("hinge")
    hinge_expr = hinge.expr(s, target)
    hinge_gradient = hinge.gradient(s, target)
    rows = []
    for name, entry in (("softmax", softmax_loss), ("hinge (SVM)", hinge)):
        rows.append((name, f"{entry.value(SCORES, target):.4f}",
                     "$(" + ", ".join(f"{g:.4f}" for g in entry.gradient_value(SCORES, target)) + ")$"))
    return [
        symnn.Paragraph(
            "For a classifier a scoring function $s = f(x) = W\\varphi(x)$ maps an input to one confidence "
            "score per class; the labelled data are pairs $(x_i, y_i)$, $1 \\leq i \\leq N$, with $y_i$ "
            "the true class. Two losses are common. The softmax loss is cross-entropy after a softmax of "
            "the scores: the larger the softmax share of the true class, the smaller the loss."),
        symnn.Math(softmax_loss.formula),
        symnn.Paragraph(
            "The multiclass SVM (hinge) loss asks the score of the true class to beat every other score "
            "by at least 1; each class that does not pays the shortfall:"),
        symnn.Math(hinge.formula),
        symnn.Paragraph(
            "With three classes and true class 1 it is, as the library writes it for scores "
            "$s_1, s_2, s_3$:"),
        symnn.Math(f"L = {symnn.latex(hinge_expr)}"),
        symnn.Paragraph(
            "It has a kink where a margin $s_j - s_{y_i} + 1$ is 0, so it has a subgradient rather than a "
            "gradient: a class $j \\neq y_i$ with a positive margin gets 1, the true class gets minus the "
            "number of such classes ($H(m) = 1$ for $m > 0$, else 0):"),
        symnn.Math(r"\frac{\partial L}{\partial s} = \left("
                   + ", ".join(symnn.latex(g) for g in hinge_gradient) + r"\right)"),
        symnn.Paragraph(
            "A public worked example (Stanford's CS231n notes): an image of a cat scores 3.2 for cat, 5.1 "
            "for car and -1.7 for frog. Computed by the library (natural logarithm):"),
        symnn.Table(("loss", "value", "gradient w.r.t. the scores"), tuple(rows),
                    caption="The two losses for the scores $(3.2, 5.1, -1.7)$, true class cat."),
    ]


def _total_blocks() -> list:
    w = sympy.symbols("w_1 w_2", real=True)
    lam = sympy.Symbol("lambda", nonnegative=True)
    samples = sympy.symbols("L_1:4")
    l2 = symnn.total_loss(samples, w, strength=lam, regularizer="l2")
    l1 = symnn.total_loss(samples, w, strength=lam, regularizer="l1")
    return [
        symnn.Paragraph(
            "Over $N$ training examples the data loss is the average of the per-example losses $L_i$. A "
            "regularisation term $R(W)$, weighted by $\\lambda$, keeps the parameters simple: the aim is a "
            "small loss with parameters that are not complicated."),
        symnn.Math(r"L = \frac{1}{N} \sum_{i=1}^{N} L_i + \lambda R(W), \qquad "
                   r"R_{L2}(W) = \sum_k w_k^2, \qquad R_{L1}(W) = \sum_k |w_k|"),
        symnn.Paragraph("For three examples and two weights the library writes them as"),
        symnn.Math(f"L_{{L2}} = {symnn.latex(l2)}, \\qquad L_{{L1}} = {symnn.latex(l1)}"),
        symnn.Paragraph(
            "and the penalties add to each weight's gradient "
            f"${symnn.latex(symnn.regularization_gradient('l2', w, lam)[0])}$ (L2, pulls weights towards 0 "
            "in proportion to their size) or "
            f"${symnn.latex(symnn.regularization_gradient('l1', w, lam)[0])}$ (L1, a pull of constant size, "
            "which tends to drive small weights to 0)."),
    ]


def section() -> symnn.Section:
    """Squared-error losses, the softmax and hinge losses with their (sub)gradients, regularisation."""
    return symnn.Section("Loss functions", [*_squared_error_blocks(), *_classification_blocks(),
                                            *_total_blocks()], claims=[], order=30)
