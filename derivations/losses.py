"""Loss functions: squared errors, the softmax and SVM losses, and the regularised total loss."""

from __future__ import annotations

import sympy

import symnn

#: a public worked example (Stanford CS231n): scores for cat, car, frog of an image of a cat
SCORES = (3.2, 5.1, -1.7)


TEXT = symnn.Translations({
    "title": {"en": "Loss functions", "zh": "损失函数"},
    "intro": {
        "en": "A loss (or cost) function measures the error between what the model predicts and the truth; "
              "training changes the parameters to make it small. The two most common are the mean squared "
              "error and cross-entropy (see the previous section).",
        "zh": "损失函数又称为代价函数，用来计算模型预测值与真实值之间的误差；训练时调整参数使其变小。"
              "两种最常用的损失函数是均方误差损失函数和交叉熵损失函数（见上一节）。"},
    "mse": {
        "en": "The mean squared error of $n$ training examples $x_i$ with true outputs $y_i$ and predictions "
              "$\\hat{y}_i$ is the average squared distance:",
        "zh": "假设有 $n$ 个训练数据 $x_i$，真实输出为 $y_i$，模型预测为 $\\hat{y}_i$，均方误差是它们之间距离"
              "平方的平均值："},
    "mse.title": {"en": "Gradient of the MSE ($n = 3$)", "zh": "均方误差的梯度（$n = 3$）"},
    "half": {
        "en": "The worked backpropagation example uses half the sum of squared errors of the outputs "
              "$o_i$, so that the 2 of the derivative cancels:",
        "zh": "反向传播的算例使用输出 $o_i$ 的平方误差和的一半，这样求导时产生的 2 正好约去："},
    "half.title": {"en": "$\\partial Error / \\partial o_1$", "zh": "$\\partial Error / \\partial o_1$"},
    "scores": {
        "en": "For a classifier a scoring function $s = f(x) = W\\varphi(x)$ maps an input to one confidence "
              "score per class; the labelled data are pairs $(x_i, y_i)$, $1 \\leq i \\leq N$, with $y_i$ "
              "the true class. Two losses are common. The softmax loss is cross-entropy after a softmax of "
              "the scores: the larger the softmax share of the true class, the smaller the loss.",
        "zh": "对于分类器，评分函数 $s = f(x) = W\\varphi(x)$ 把输入映射为每个类别的置信度；标注数据为 "
              "$(x_i, y_i)$，$1 \\leq i \\leq N$，$y_i$ 为真实类别。常用的损失函数有两种。Softmax "
              "损失是对评分"
              "做 Softmax 之后的交叉熵：分类正确的类别的 Softmax 值所占比重越大，损失越小。"},
    "hinge": {
        "en": "The multiclass SVM (hinge) loss asks the score of the true class to beat every other score "
              "by at least 1; each class that does not pays the shortfall:",
        "zh": "多类 SVM（合页）损失要求真实类别的评分比其他每个类别的评分至少高 1；"
              "不满足的类别按差额计入损失："},
    "three": {"en": "With three classes and true class 1 it is, as the library writes it for scores "
                    "$s_1, s_2, s_3$:",
              "zh": "对三个类别、真实类别为 1，程序库对评分 $s_1, s_2, s_3$ 写出的形式为："},
    "kink": {
        "en": "It has a kink where a margin $s_j - s_{y_i} + 1$ is 0, so it has a subgradient rather than a "
              "gradient: a class $j \\neq y_i$ with a positive margin gets 1, the true class gets minus the "
              "number of such classes ($H(m) = 1$ for $m > 0$, else 0):",
        "zh": "在间隔 $s_j - s_{y_i} + 1$ 为 0 处有折点，所以它只有次梯度而没有梯度：间隔为正的类别 "
              "$j \\neq y_i$ 得 1，真实类别得这类类别个数的相反数（$m > 0$ 时 $H(m) = 1$，否则为 0）："},
    "cs231n": {
        "en": "A public worked example (Stanford's CS231n notes): an image of a cat scores 3.2 for cat, 5.1 "
              "for car and $-1.7$ for frog. Computed by the library (natural logarithm):",
        "zh": "一个公开的算例（斯坦福 CS231n 课程笔记）：一张猫的图片对猫、汽车、青蛙的评分分别为 3.2、"
              "5.1 和 "
              "$-1.7$。程序库的计算结果（自然对数）："},
    "table.loss": {"en": "loss", "zh": "损失函数"},
    "table.value": {"en": "value", "zh": "数值"},
    "table.gradient": {"en": "gradient w.r.t. the scores", "zh": "对评分的梯度"},
    "table.softmax": {"en": "softmax", "zh": "Softmax"},
    "table.hinge": {"en": "hinge (SVM)", "zh": "合页（SVM）"},
    "table.caption": {"en": "The two losses for the scores $(3.2, 5.1, -1.7)$, true class cat.",
                      "zh": "评分为 $(3.2, 5.1, -1.7)$、真实类别为猫时的两种损失。"},
    "total": {
        "en": "Over $N$ training examples the data loss is the average of the per-example losses $L_i$. A "
              "regularisation term $R(W)$, weighted by $\\lambda$, keeps the parameters simple: the aim is a "
              "small loss with parameters that are not complicated.",
        "zh": "对 $N$ 个训练数据，数据损失是各样本损失 $L_i$ 的平均值。以 $\\lambda$ 加权的正则项 $R(W)$ "
              "使参数保持简单：优化目标是损失值小、参数不复杂。"},
    "two": {"en": "For three examples and two weights the library writes them as",
            "zh": "对三个样本和两个权重，程序库写出的形式为"},
    "penalties": {
        "en": "and the penalties add to each weight's gradient ${l2}$ (L2, pulls weights towards 0 in "
              "proportion "
              "to their size) or ${l1}$ (L1, a pull of constant size, which tends to drive small weights "
              "to 0).",
        "zh": "正则项给每个权重的梯度加上 ${l2}$（L2，把权重按其大小成比例地拉向 0）或 ${l1}$"
              "（L1，大小恒定的拉力，往往把较小的权重变为 0）。"},
})


def _gradient_derivation(name: str, outputs, targets, title: str, rule: symnn.Rule, note: str):
    """dLoss/d output_1 of catalogue loss ``name``, in one checked step."""
    entry = symnn.loss(name)
    expr = entry.expr(outputs, targets)
    return symnn.Derivation(sympy.Derivative(expr, outputs[0]),
                            [symnn.Step(entry.gradient(outputs, targets)[0], rule, note=note)], title=title)


def _squared_error_blocks(t) -> list:
    o = sympy.symbols("o_1 o_2", real=True)
    y = sympy.symbols("y_1 y_2", real=True)
    yhat = sympy.symbols(r"\hat{y}_1:4", real=True)
    y3 = sympy.symbols("y_1:4", real=True)
    return [
        symnn.Paragraph(t("intro")),
        symnn.Paragraph(t("mse")),
        symnn.Math(r"MSE = \frac{1}{n} \sum_{i=1}^{n} (y_i - \hat{y}_i)^2"),
        _gradient_derivation("mse", yhat, y3, t("mse.title"), symnn.Rule.CHAIN_RULE,
                             r"$\frac{\partial}{\partial \hat{y}_1}(y_1 - \hat{y}_1)^2 = "
                             r"-2(y_1 - \hat{y}_1)$"),
        symnn.Paragraph(t("half")),
        symnn.Math(r"Error = \frac{1}{2} \sum_{i=1}^{2} (o_i - y_i)^2"),
        _gradient_derivation("half_sse", o, y, t("half.title"), symnn.Rule.POWER_RULE,
                             r"$\frac{1}{2} \cdot 2 (o_1 - y_1)$"),
    ]


def _classification_blocks(t) -> list:
    s = sympy.symbols("s_1:4", real=True)
    target = symnn.one_hot(1, 3)
    softmax_loss, hinge = symnn.loss("softmax"), symnn.loss("hinge")
    hinge_expr = hinge.expr(s, target)
    hinge_gradient = hinge.gradient(s, target)
    rows = []
    for name, entry in ((t("table.softmax"), softmax_loss), (t("table.hinge"), hinge)):
        rows.append((name, f"${symnn.format_decimal(entry.value(SCORES, target), 4)}$",
                     "$(" + ", ".join(symnn.format_decimal(g, 4)
                                      for g in entry.gradient_value(SCORES, target))
                     + ")$"))
    return [
        symnn.Paragraph(t("scores")),
        symnn.Math(softmax_loss.formula),
        symnn.Paragraph(t("hinge")),
        symnn.Math(hinge.formula),
        symnn.Paragraph(t("three")),
        symnn.Math(f"L = {symnn.latex(hinge_expr)}"),
        symnn.Paragraph(t("kink")),
        symnn.Math(r"\frac{\partial L}{\partial s} = \left("
                   + ", ".join(symnn.latex(g) for g in hinge_gradient) + r"\right)"),
        symnn.Paragraph(t("cs231n")),
        symnn.Table((t("table.loss"), t("table.value"), t("table.gradient")), tuple(rows),
                    caption=t("table.caption")),
    ]


def _total_blocks(t) -> list:
    w = sympy.symbols("w_1 w_2", real=True)
    lam = sympy.Symbol("lambda", nonnegative=True)
    samples = sympy.symbols("L_1:4")
    l2 = symnn.total_loss(samples, w, strength=lam, regularizer="l2")
    l1 = symnn.total_loss(samples, w, strength=lam, regularizer="l1")
    return [
        symnn.Paragraph(t("total")),
        symnn.Math(r"L = \frac{1}{N} \sum_{i=1}^{N} L_i + \lambda R(W), \qquad "
                   r"R_{L2}(W) = \sum_k w_k^2, \qquad R_{L1}(W) = \sum_k |w_k|"),
        symnn.Paragraph(t("two")),
        symnn.Math(f"L_{{L2}} = {symnn.latex(l2)}, \\qquad L_{{L1}} = {symnn.latex(l1)}"),
        symnn.Paragraph(t("penalties", l2=symnn.latex(symnn.regularization_gradient("l2", w, lam)[0]),
                          l1=symnn.latex(symnn.regularization_gradient("l1", w, lam)[0]))),
    ]


def section(lang: str = "en") -> symnn.Section:
    """Squared-error losses, the softmax and hinge losses with their (sub)gradients, regularisation."""
    def t(key: str, **fields) -> str:
        return TEXT(key, lang, **fields)

    blocks = [*_squared_error_blocks(t), *_classification_blocks(t), *_total_blocks(t)]
    return symnn.Section(t("title"), blocks,
                         claims=[], order=30)
