"""Gradient descent: the derivative as a limit, the first-order Taylor step, steepest descent, the update."""

from __future__ import annotations

import sympy

import symnn

x = sympy.Symbol("x", real=True)
w1, w2 = sympy.symbols("w_1 w_2", real=True)

#: a small loss surface for the numeric illustrations
SURFACE = (w1 - 1) ** 2 + 3 * (w2 + 0.5) ** 2


TEXT = symnn.Translations({
    "title": {"en": "Gradient descent", "zh": "梯度下降"},
    "limit": {
        "en": "Gradient descent minimises a loss function. For a function of one variable the gradient at "
              "$x$ is the derivative, the limit of the difference quotient:",
        "zh": "梯度下降算法是一种使损失函数最小化的方法。一元函数在 $x$ 处的梯度就是导数，即差商的极限："},
    "three": {"en": "SymPy takes these limits; three examples, the last the sigmoid of the first section:",
              "zh": "SymPy 可以求这些极限；下面是三个例子，最后一个是第一节中的 Sigmoid："},
    "x2": {"en": "$x^2$ from the limit", "zh": "由极限求 $x^2$ 的导数"},
    "ex": {"en": "$e^x$ from the limit", "zh": "由极限求 $e^x$ 的导数"},
    "sigmoid": {"en": "The sigmoid from the limit", "zh": "由极限求 Sigmoid 的导数"},
    "several": {
        "en": "For a function of several variables the gradient is the vector of the derivatives with "
              "respect to each variable. The opposite direction of the gradient is the one in which the "
              "function decreases fastest, so that is the direction to move in. Batch, stochastic and "
              "mini-batch gradient descent differ in how many training examples the gradient is computed on.",
        "zh": "在多元函数中，梯度是对每一变量所求导数组成的向量。梯度的反方向是函数值下降最快的方向，"
              "因此是求解的方向。批量梯度下降、随机梯度下降和小批量梯度下降的区别在于每次用多少个训练数据"
              "计算梯度。"},
    "taylor": {
        "en": "Let the loss $f(x)$ be continuously differentiable in several variables. Its Taylor "
              "expansion for a small increment $\\Delta x$ is",
        "zh": "假设损失函数 $f(x)$ 是连续可微的多元函数，对微小的增量 $\\Delta x$，其泰勒展开为"},
    "first": {
        "en": "so, to first order, $f(x + \\Delta x) - f(x) \\approx (\\nabla f(x))^{\\mathsf{T}} "
              "\\Delta x$. "
              "(The extracted text of the slide reads $\\Delta f(x)$ here; the symbol of the gradient is "
              "$\\nabla$, as in the slide's next formula.) The first-order coefficient is the derivative "
              "along $\\Delta x$, which the chain rule turns into the gradient times the step, here for "
              "$f = w_1^2 + 3 w_2^2$:",
        "zh": "所以在一阶近似下，$f(x + \\Delta x) - f(x) \\approx (\\nabla f(x))^{\\mathsf{T}} \\Delta x$。"
              "（此处幻灯片的提取文本为 $\\Delta f(x)$；梯度的符号是 $\\nabla$，与幻灯片下一个公式一致。）"
              "一阶系数是沿 $\\Delta x$ 的方向导数，链式法则把它化为梯度乘以步长，这里以 "
              "$f = w_1^2 + 3 w_2^2$ 为例："},
    "numeric": {"en": "Numerically, the first-order prediction is off by an amount of the order of "
                      "$\\|\\Delta x\\|^2$:",
                "zh": "数值上，一阶近似的误差与 $\\|\\Delta x\\|^2$ 同阶："},
    "gap": {"en": "gap", "zh": "误差"},
    "taylor.caption": {
        "en": "${f}$ at $x = (0, 0)$, steps along $(0.6, 0.8)$: the gap shrinks a hundredfold for each "
              "tenfold smaller step.",
        "zh": "${f}$ 在 $x = (0, 0)$ 处沿 $(0.6, 0.8)$ 方向的步长：步长每缩小十倍，误差缩小一百倍。"},
    "angle": {
        "en": "Since $(\\nabla f(x))^{\\mathsf{T}} \\Delta x = \\|\\nabla f(x)\\| \\|\\Delta x\\| "
              "\\cos\\theta$, with $\\theta$ the angle between the gradient and the step, a step of a given "
              "length lowers the loss most when $\\cos\\theta$ is smallest. The library finds the minimum of "
              "$\\cos\\theta$ on $[0, 2\\pi]$ from the zeros of its derivative $-\\sin\\theta$ and the end "
              "points: {candidates}, so the minimum is at $\\theta = {best}$, against the gradient:",
        "zh": "因为 $(\\nabla f(x))^{\\mathsf{T}} \\Delta x = \\|\\nabla f(x)\\| \\|\\Delta x\\| "
              "\\cos\\theta$，其中 $\\theta$ 为梯度与步长之间的夹角，所以给定步长时，$\\cos\\theta$ 最小时"
              "损失下降最多。程序库由导数 $-\\sin\\theta$ 的零点和区间端点求 $\\cos\\theta$ 在 "
              "$[0, 2\\pi]$ 上的最小值：{candidates}，所以最小值在 $\\theta = {best}$ 处取得，"
              "即沿梯度的反方向："},
    "garbled": {
        "en": "The extracted text of the slide ends this formula with $-\\frac{1}{2\\pi\\sqrt{2}} "
              "\\Delta x$; "
              "the result derived here, at $\\theta = \\pi$, is $-\\|\\nabla f(x)\\| \\|\\Delta x\\|$, "
              "the first-order change for a step against the gradient.",
        "zh": "幻灯片的提取文本中这个公式以 $-\\frac{1}{2\\pi\\sqrt{2}} \\Delta x$ 结尾；这里推导出的结果"
              "（$\\theta = \\pi$）是 $-\\|\\nabla f(x)\\| \\|\\Delta x\\|$，"
              "即沿梯度反方向走一步时的一阶变化量。"},
    "update": {
        "en": "So each step moves the parameters against the gradient, by the learning rate $\\eta$ "
              "times the "
              "gradient $\\delta_i = \\partial Error / \\partial w_i$:",
        "zh": "所以每一步都沿梯度的反方向更新参数，步长为学习率 $\\eta$ 乘以梯度 "
              "$\\delta_i = \\partial Error / \\partial w_i$："},
    "numbers": {
        "en": "With the numbers of the worked example later in the lecture, rounded as it prints them "
              "($w_5 = 0.10$, $\\delta_5 = 0.03$, $\\eta = 1$):",
        "zh": "用课件后面算例中的数（按课件给出的位数取整：$w_5 = 0.10$，$\\delta_5 = 0.03$，$\\eta = "
              "1$）："},
    "walk": {
        "en": "Repeated, the update walks down the surface ${f}$ from $(3, 1)$ with $\\eta = 0.1$ "
              "towards its "
              "minimum at $(1, -0.5)$:",
        "zh": "反复更新，参数从 $(3, 1)$ 出发、以 $\\eta = 0.1$ 沿曲面 ${f}$ 下降，趋向其最小值点 $(1, "
              "-0.5)$："},
    "step": {"en": "step", "zh": "步数"},
    "walk.caption": {"en": "Gradient descent on a quadratic loss.", "zh": "二次损失函数上的梯度下降。"},
})


def _limit_blocks(t) -> list:
    sigmoid = symnn.Sigmoid(x)
    return [
        symnn.Paragraph(t("limit")),
        symnn.Math(r"\frac{df(x)}{dx} = \lim_{h \to 0} \frac{f(x+h) - f(x)}{h}"),
        symnn.Paragraph(t("three")),
        symnn.limit_derivation(x**2, x, title=t("x2")),
        symnn.limit_derivation(sympy.exp(x), x, title=t("ex")),
        symnn.limit_derivation(sigmoid, x, in_terms_of=sigmoid * (1 - sigmoid),
                               title=t("sigmoid")),
        symnn.Paragraph(t("several")),
    ]


def _taylor_blocks(t) -> list:
    rows = symnn.taylor_table(SURFACE, [w1, w2], [0.0, 0.0], [0.6, 0.8], sizes=(0.1, 0.01, 0.001))
    table = symnn.Table(
        (r"$\|\Delta x\|$", r"$f(x + \Delta x) - f(x)$", r"$(\nabla f(x))^{\mathsf{T}} \Delta x$", t("gap")),
        tuple((f"${r.size:g}$", symnn.significant_latex(r.change, 6), symnn.significant_latex(r.linear, 6),
               symnn.significant_latex(r.error, 3))
              for r in rows),
        caption=t("taylor.caption", f=symnn.latex(SURFACE)))
    return [
        symnn.Paragraph(t("taylor")),
        symnn.Math(r"f(x + \Delta x) = f(x) + f'(x)\Delta x + \dots + \frac{1}{n!} f^{(n)}(x) (\Delta x)^n"),
        symnn.Paragraph(t("first")),
        symnn.directional_derivation(w1**2 + 3 * w2**2, [w1, w2]),
        symnn.Paragraph(t("numeric")),
        table,
    ]


def _steepest_blocks(t) -> list:
    best = symnn.steepest_descent_angle()
    candidates = ", ".join(f"$\\cos {symnn.latex(a)} = {symnn.latex(v)}$" for a, v in best.candidates)
    trace = symnn.gradient_descent(SURFACE, [w1, w2], [3.0, 1.0], 0.1, steps=30)
    shown = (0, 1, 2, 5, 10, 20, 30)
    rows = tuple((str(k), "$(" + ", ".join(symnn.format_decimal(v, 4) for v in trace[k].point) + ")$",
                  f"${symnn.format_decimal(trace[k].value, 6)}$") for k in shown)
    return [
        symnn.Paragraph(t("angle", candidates=candidates, best=symnn.latex(best.angle))),
        symnn.steepest_descent_derivation(),
        symnn.Paragraph(t("garbled")),
        symnn.Paragraph(t("update")),
        symnn.Math(r"w_i' = w_i - \eta\, \delta_i"),
        symnn.Paragraph(t("numbers")),
        symnn.update_derivation("w_5", "0.10", "0.03", "1"),
        symnn.Paragraph(t("walk", f=symnn.latex(SURFACE))),
        symnn.Table((t("step"), "$(w_1, w_2)$", "$f$"), rows, caption=t("walk.caption")),
    ]


def section(lang: str = "en") -> symnn.Section:
    """The derivative as a limit, the first-order Taylor step, steepest descent and the update rule."""
    def t(key: str, **fields) -> str:
        return TEXT(key, lang, **fields)

    return symnn.Section(t("title"), [*_limit_blocks(t), *_taylor_blocks(t), *_steepest_blocks(t)],
                         claims=[], order=40)
