"""Softmax and cross-entropy: the softmax Jacobian by the quotient rule, and the gradient ŷ - y."""

from __future__ import annotations

import sympy

import symnn

#: the lecture's three-class example: the softmax outputs as printed, and the true class
PREDICTED = ("0.34", "0.46", "0.20")
TRUE_CLASS = 1


TEXT = symnn.Translations({
    "title": {"en": "Softmax and cross-entropy", "zh": "Softmax 与交叉熵"},
    "where": {"en": "three-class example", "zh": "三分类例子"},
    "softmax": {
        "en": "The softmax function is used for classification into $K$ classes. It maps the inputs "
              "$x_1, \\dots, x_K$ to the probability of each class:",
        "zh": "Softmax 函数一般用于多分类问题（$K$ 个类别）。它把输入 $x_1, \\dots, x_K$ "
              "映射为属于每个类别的概率："},
    "sums": {
        "en": "Every $y_i$ lies between 0 and 1, because $e^{x} > 0$, and the outputs add up to 1; the class "
              "with the largest probability is the prediction. The second fact, derived:",
        "zh": "由于 $e^{x} > 0$，每个 $y_i$ 都在 0 和 1 之间，且所有输出之和为 1；"
              "概率最大的类别即为预测结果。"
              "第二个事实的推导如下："},
    "example": {
        "en": "In the lecture's example the network computes intermediate values $(z_1, z_2, z_3)$, and the "
              "softmax turns them into the predicted distribution $\\hat{y} = (\\hat{y}_1, \\hat{y}_2, "
              "\\hat{y}_3)$, $\\hat{y}_k = e^{z_k} / \\sum_k e^{z_k}$. To pass the error back from "
              "$\\hat{y}_1$ to $z_1$ the lecture differentiates with $(e^x)' = e^x$ and the quotient rule "
              "$(\\frac{v}{u})' = \\frac{v'u - vu'}{u^2}$:",
        "zh": "在课件的例子中，网络计算出预测中间值 $(z_1, z_2, z_3)$，经过 Softmax "
              "映射得到预测的类别分布概率 "
              "$\\hat{y} = (\\hat{y}_1, \\hat{y}_2, \\hat{y}_3)$，$\\hat{y}_k = e^{z_k} / \\sum_k e^{z_k}$。"
              "为了把误差从 $\\hat{y}_1$ 传递给 $z_1$，课件利用 $(e^x)' = e^x$ 和商的求导法则 "
              "$(\\frac{v}{u})' = \\frac{v'u - vu'}{u^2}$ 求导："},
    "to_z2": {"en": "and from $\\hat{y}_1$ to $z_2$ ($z_3$ is the same):",
              "zh": "从 $\\hat{y}_1$ 传递给 $z_2$（$z_3$ 的推导同 $z_2$）："},
    "kronecker": {
        "en": "Both cases in one formula, with the Kronecker delta ($\\delta_{ij} = 1$ if $i = j$, else 0); "
              "the library checked each of its nine entries for three classes against SymPy's "
              "derivative of the explicit softmax:",
        "zh": "用克罗内克 δ（$i = j$ 时 $\\delta_{ij} = 1$，否则为 0）可把两种情况合成一个公式；"
              "对三个类别，程序库用 SymPy 对显式 Softmax 求导，逐一验证了全部九个元素："},
    "entropy": {
        "en": "Cross-entropy measures how far a distribution $q$ is from a distribution $p$; the smaller "
              "it is, the closer they are (log is the natural logarithm):",
        "zh": "交叉熵度量两个概率分布 $p$ 和 $q$ 之间的差异；交叉熵越小，两个分布越接近（log 为自然对数）："},
    "true": {"en": "The input $x$ belongs to class {c}, so its true distribution is $y = {y}$, and the "
                   "loss is",
             "zh": "输入 $x$ 属于类别 {c}，所以其实际类别分布为 $y = {y}$，损失函数为"},
    "because": {
        "en": "because $y_2 = y_3 = 0$ and $y_1 = 1$. Its derivative with respect to $\\hat{y}_1$ is "
              "$-1/\\hat{y}_1$; multiplied by $\\hat{y}_1(1 - \\hat{y}_1)$ from the softmax it gives "
              "$\\hat{y}_1 - 1$. Once the network has predicted $\\hat{y}_1$, subtracting 1 gives the "
              "derivative of the loss with respect to $z_1$:",
        "zh": "因为 $y_2 = y_3 = 0$、$y_1 = 1$。它对 $\\hat{y}_1$ 的导数为 $-1/\\hat{y}_1$；乘以 Softmax "
              "给出的 "
              "$\\hat{y}_1(1 - \\hat{y}_1)$ 得到 $\\hat{y}_1 - 1$。网络预测出 $\\hat{y}_1$ 之后，减去 1 "
              "就是损失函数对 $z_1$ 的偏导："},
    "gradient": {
        "en": "So the gradient with respect to the logits is the prediction minus the target, "
              "$\\partial L / \\partial z = \\hat{y} - y$. This is why softmax and cross-entropy are used "
              "together (softmax with cross-entropy loss). In the lecture's example the softmax gives "
              "$\\hat{y} = {p}$ for an input of class {c}: a poor prediction (the loss is "
              "$-\\log {p1} = {loss}$), and the gradient is",
        "zh": "所以对 logits 的梯度等于预测值减去目标值，$\\partial L / \\partial z = \\hat{y} - y$。"
              "这就是 Softmax 和交叉熵常常结合使用的原因，它为偏导计算带来了极大便利。课件的例子中，"
              "对类别 {c} 的输入，Softmax 给出 $\\hat{y} = {p}$：这个预测并不理想（损失为 "
              "$-\\log {p1} = {loss}$），梯度为"},
    "extracted": {
        "en": "The extracted text of this slide reads \"0.34 1\" for the first entry; the slide's formula is "
              "$0.34 - 1 = -0.66$ (the minus sign is lost in the text, as the other entries, $0.46$ and "
              "$0.20$, are the predictions themselves).",
        "zh": "这张幻灯片的提取文本中第一项为“0.34 1”；幻灯片上的公式是 $0.34 - 1 = -0.66$"
              "（减号在文本提取中丢失：其余两项 $0.46$ 和 $0.20$ 正是预测值本身）。"},
    "claim.extracted": {"en": "the extracted text reads (0.34 1, ...)", "zh": "提取文本为 (0.34 1, ...)"},
    "claim.sum": {"en": "the example's softmax outputs add up to 1", "zh": "例子中 Softmax 的输出之和为 1"},
})


def _softmax_blocks(t) -> list:
    z = symnn.logits(3)
    general = symnn.softmax_jacobian(z)
    checked = all(symnn.compare(sympy.diff(symnn.explicit(y_i), z_j), general[i, j]).equal
                  for i, y_i in enumerate(symnn.softmax_outputs(z)) for j, z_j in enumerate(z))
    if not checked:  # pragma: no cover - the library contradicts SymPy: a bug to report
        raise symnn.SymnnError("the softmax Jacobian disagrees with SymPy's diff")
    return [
        symnn.Paragraph(t("softmax")),
        symnn.Math(r"y_i = \operatorname{softmax}(x_i) = \frac{e^{x_i}}{\sum_{j=1}^{K} e^{x_j}}"),
        symnn.Paragraph(t("sums")),
        symnn.softmax_sums_to_one(3),
        symnn.Paragraph(t("example")),
        symnn.softmax_derivation(1, 1),
        symnn.Paragraph(t("to_z2")),
        symnn.softmax_derivation(1, 2),
        symnn.Paragraph(t("kronecker")),
        symnn.Math(r"\frac{\partial \hat{y}_i}{\partial z_j} = \hat{y}_i\,(\delta_{ij} - \hat{y}_j)"),
    ]


def _cross_entropy_blocks(t) -> list:
    y = symnn.one_hot(TRUE_CLASS, 3)
    loss_value = symnn.loss("cross_entropy").value([float(p) for p in PREDICTED], y)
    return [
        symnn.Paragraph(t("entropy")),
        symnn.Math(r"H(p, q) = -\sum_x p(x) \log q(x)"),
        symnn.Paragraph(t("true", c=TRUE_CLASS, y="(" + ", ".join(map(str, y)) + ")")),
        symnn.Math(r"\mathrm{CrossEntropy} = -(y_1 \log \hat{y}_1 + y_2 \log \hat{y}_2 + y_3 \log \hat{y}_3)"
                   r" = -\log \hat{y}_1"),
        symnn.Paragraph(t("because")),
        symnn.cross_entropy_derivation(1),
        symnn.cross_entropy_derivation(2),
        symnn.Paragraph(t("gradient", p="(" + ", ".join(PREDICTED) + ")", c=TRUE_CLASS, p1=PREDICTED[0],
                          loss=symnn.format_decimal(loss_value, 4))),
        symnn.softmax_cross_entropy_example(PREDICTED, TRUE_CLASS),
        symnn.Paragraph(t("extracted")),
    ]


def _claims(t) -> list:
    gradient = symnn.softmax_cross_entropy_example(PREDICTED, TRUE_CLASS).steps[1].expr.doit()
    where = t("where")
    claims = [symnn.Claim(f"$\\partial L / \\partial z_{k}$", stated, float(value), where=where,
                          note=t("claim.extracted") if k == 1 else "")
              for k, (stated, value) in enumerate(zip(("-0.66", "0.46", "0.20"), gradient, strict=True), 1)]
    total = sum(float(p) for p in PREDICTED)
    claims.append(symnn.Claim(r"$\sum_i \hat{y}_i$", "1", total, where=where,
                              note=t("claim.sum")))
    return claims


def section(lang: str = "en") -> symnn.Section:
    """Softmax, its Jacobian in the lecture's steps, cross-entropy and the gradient ŷ - y."""
    def t(key: str, **fields) -> str:
        return TEXT(key, lang, **fields)

    return symnn.Section(t("title"), [*_softmax_blocks(t), *_cross_entropy_blocks(t)], claims=_claims(t),
                         order=20)
