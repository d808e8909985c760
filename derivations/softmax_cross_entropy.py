"""Softmax and cross-entropy: the softmax Jacobian by the quotient rule, and the gradient ŷ - y."""

from __future__ import annotations

import sympy

import symnn

#: the lecture's three-class example: the softmax outputs as printed, and the true class
PREDICTED = ("0.34", "0.46", "0.20")
TRUE_CLASS = 1


def _softmax_blocks() -> list:
    z = symnn.logits(3)
    general = symnn.softmax_jacobian(z)
    checked = all(symnn.compare(sympy.diff(symnn.explicit(y_i), z_j), general[i, j]).equal
                  for i, y_i in enumerate(symnn.softmax_outputs(z)) for j, z_j in enumerate(z))
    if not checked:  # pragma: no cover - the library contradicts SymPy: a bug to report
        raise symnn.SymnnError("the softmax Jacobian disagrees with SymPy's diff")
    return [
        symnn.Paragraph(
            "The softmax function is used for classification into $K$ classes. It maps the inputs "
            "$x_1, \\dots, x_K$ to the probability of each class:"),
        symnn.Math(r"y_i = \operatorname{softmax}(x_i) = \frac{e^{x_i}}{\sum_{j=1}^{K} e^{x_j}}"),
        symnn.Paragraph(
            "Every $y_i$ lies between 0 and 1, because $e^{x} > 0$, and the outputs add up to 1; the class "
            "with the largest probability is the prediction. The second fact, derived:"),
        symnn.softmax_sums_to_one(3),
        symnn.Paragraph(
            "In the lecture's example the network computes intermediate values $(z_1, z_2, z_3)$, and the "
            "softmax turns them into the predicted distribution $\\hat{y} = (\\hat{y}_1, \\hat{y}_2, "
            "\\hat{y}_3)$, $\\hat{y}_k = e^{z_k} / \\sum_k e^{z_k}$. To pass the error back from "
            "$\\hat{y}_1$ to $z_1$ the lecture differentiates with $(e^x)' = e^x$ and the quotient rule "
            "$(\\frac{v}{u})' = \\frac{v'u - vu'}{u^2}$:"),
        symnn.softmax_derivation(1, 1),
        symnn.Paragraph("and from $\\hat{y}_1$ to $z_2$ ($z_3$ is the same):"),
        symnn.softmax_derivation(1, 2),
        symnn.Paragraph(
            "Both cases in one formula, with the Kronecker delta ($\\delta_{ij} = 1$ if $i = j$, else 0); "
            "the library checked each of its nine entries for three classes against SymPy's "
            "derivative of the explicit softmax:"),
        symnn.Math(r"\frac{\partial \hat{y}_i}{\partial z_j} = \hat{y}_i\,(\delta_{ij} - \hat{y}_j)"),
    ]


def _cross_entropy_blocks() -> list:
    y = symnn.one_hot(TRUE_CLASS, 3)
    loss_value = symnn.loss("cross_entropy").value([float(p) for p in PREDICTED], y)
    return [
        symnn.Paragraph(
            "Cross-entropy measures how far a distribution $q$ is from a distribution $p$; the smaller "
            "it is, the closer they are (log is the natural logarithm):"),
        symnn.Math(r"H(p, q) = -\sum_x p(x) \log q(x)"),
        symnn.Paragraph(
            f"The input $x$ belongs to class {TRUE_CLASS}, so its true distribution is "
            f"$y = ({', '.join(map(str, y))})$, and the loss is"),
        symnn.Math(r"\mathrm{CrossEntropy} = -(y_1 \log \hat{y}_1 + y_2 \log \hat{y}_2 + y_3 \log \hat{y}_3)"
                   r" = -\log \hat{y}_1"),
        symnn.Paragraph(
            "because $y_2 = y_3 = 0$ and $y_1 = 1$. Its derivative with respect to $\\hat{y}_1$ is "
            "$-1/\\hat{y}_1$; multiplied by $\\hat{y}_1(1 - \\hat{y}_1)$ from the softmax it gives "
            "$\\hat{y}_1 - 1$. Once the network has predicted $\\hat{y}_1$, subtracting 1 gives the "
            "derivative of the loss with respect to $z_1$:"),
        symnn.cross_entropy_derivation(1),
        symnn.cross_entropy_derivation(2),
        symnn.Paragraph(
            "So the gradient with respect to the logits is the prediction minus the target, "
            "$\\partial L / \\partial z = \\hat{y} - y$. This is why softmax and cross-entropy are used "
            "together (softmax with cross-entropy loss). In the lecture's example the softmax gives "
            f"$\\hat{{y}} = ({', '.join(PREDICTED)})$ for an input of class {TRUE_CLASS}: a poor "
            f"prediction (the loss is $-\\log {PREDICTED[0]} = {loss_value:.4f}$), and the gradient is"),
        symnn.softmax_cross_entropy_example(PREDICTED, TRUE_CLASS),
        symnn.Paragraph(
            "The lecture prints the first entry as \"0.34 1\": the minus sign of $0.34 - 1$ was lost."),
    ]


def _claims() -> list:
    gradient = symnn.softmax_cross_entropy_example(PREDICTED, TRUE_CLASS).steps[1].expr.doit()
    where = "three-class example"
    claims = [symnn.Claim(f"$\\partial L / \\partial z_{k}$", stated, float(value), where=where,
                          note="printed as (0.34 1, ...)" if k == 1 else "")
              for k, (stated, value) in enumerate(zip(("-0.66", "0.46", "0.20"), gradient, strict=True), 1)]
    total = sum(float(p) for p in PREDICTED)
    claims.append(symnn.Claim(r"$\sum_i \hat{y}_i$", "1", total, where=where,
                              note="the example's softmax outputs add up to 1"))
    return claims


def section() -> symnn.Section:
    """Softmax, its Jacobian in the lecture's steps, cross-entropy and the gradient ŷ - y."""
    return symnn.Section("Softmax and cross-entropy", [*_softmax_blocks(), *_cross_entropy_blocks()],
                         claims=_claims(), order=20)
