"""Activation functions: the lecture's table (sigmoid, tanh, ReLU) and the usual extensions, each derived."""

from __future__ import annotations

import sympy

import symnn

x = sympy.Symbol("x", real=True)
ALPHA = sympy.Symbol("alpha", positive=True)
DEFAULT_ALPHA = {"leaky_relu": sympy.Rational(1, 100), "elu": sympy.S.One}

#: the lecture's three, then the extensions, in the order the section shows them
ORDER = ("sigmoid", "tanh", "relu", "leaky_relu", "elu", "softplus", "gelu", "gelu_tanh", "identity")


TEXT = symnn.Translations({
    "title": {"en": "Activation functions", "zh": "激活函数"},
    "table.caption": {
        "en": "Each activation and its derivative as derived below ($\\sigma$ the sigmoid, $H$ the step "
              "function with $H(0) = 1$).",
        "zh": "各激活函数及其导数，推导见下文（$\\sigma$ 为 Sigmoid，$H$ 为阶跃函数，$H(0) = 1$）。"},
    "table.activation": {"en": "activation", "zh": "激活函数"},
    "table.below": {"en": "derived below", "zh": "见下文推导"},
    "neuron": {
        "en": "A neuron first adds up the information from the neurons before it, weighted: "
              "$In = \\sum_{i=1}^{n} w_i a_i$. It then transforms the sum with a non-linear activation "
              "function $g$. Combining many non-linear functions is what lets a network transform its "
              "input non-linearly; a network of linear units would only ever compute a linear function.",
        "zh": "神经元先对相邻前一层神经元传来的信息加权累加：$In = \\sum_{i=1}^{n} w_i a_i$，"
              "再用非线性的激活函数 $g$ 对累加结果进行变换。神经网络正是通过组合多个非线性函数，"
              "实现对输入信息的非线性变换；只由线性单元组成的网络只能计算线性函数。"},
    "lecture": {
        "en": "The lecture's table lists the sigmoid $f(x) = \\frac{1}{1 + e^{-x}}$ with "
              "$f'(x) = f(x)(1 - f(x))$, tanh in the form $f(x) = \\frac{2}{1 + e^{-2x}} - 1$ with "
              "$f'(x) = 1 - f(x)^2$, and the ReLU, $0$ for $x < 0$ and $x$ for $x \\geq 0$, whose derivative "
              "is $0$ for $x < 0$ and $1$ for $x \\geq 0$. Below, each derivative is derived from the "
              "explicit "
              "form step by step, and every step is checked by SymPy; the leaky ReLU, ELU, softplus, "
              "GELU and "
              "identity are added for comparison.",
        "zh": "课件的表格列出了 Sigmoid $f(x) = \\frac{1}{1 + e^{-x}}$，其导数 $f'(x) = f(x)(1 - f(x))$；"
              "形如 $f(x) = \\frac{2}{1 + e^{-2x}} - 1$ 的 Tanh，其导数 $f'(x) = 1 - f(x)^2$；以及 ReLU："
              "$x < 0$ 时为 $0$，$x \\geq 0$ 时为 $x$，其导数在 $x < 0$ 时为 $0$，在 $x \\geq 0$ 时为 $1$。"
              "下面从显式形式出发逐步推导每个导数，每一步都由 SymPy 验证；另外加入 Leaky ReLU、ELU、"
              "Softplus、GELU 和恒等函数作比较。"},
    "relu_zero": {
        "en": "At $x = 0$ the ReLU has no derivative: the difference quotient tends to different "
              "values from the two sides. The lecture's table takes the right one, $f'(0) = 1$ "
              "(the library's default; a switch of its ReLU picks 0 or 1/2 instead).",
        "zh": "在 $x = 0$ 处 ReLU 不可导：差商从两侧趋于不同的值。课件的表格取右导数 $f'(0) = 1$"
              "（这也是本程序库的默认值；ReLU 的一个开关可改为取 0 或 1/2）。"},
    "saturate": {
        "en": "The sigmoid and tanh saturate: far from 0 their derivatives are almost 0 (at most $1/4$ "
              "for the "
              "sigmoid, at $x = 0$), so gradients that pass through many of them shrink. The ReLU passes a "
              "gradient of exactly 1 wherever it is active.",
        "zh": "Sigmoid 和 Tanh 会饱和：远离 0 时它们的导数几乎为 0（Sigmoid 的导数最大为 $1/4$，在 $x = "
              "0$ 处），"
              "因此经过许多这类函数的梯度会越来越小。ReLU 在激活区域内传递的梯度恰好为 1。"},
})

#: the widest formula (characters of LaTeX) a cell of the table shows; a longer one is derived below
WIDEST_CELL = 90


def _formula_table(t) -> symnn.Table:
    rows = []
    for name in ORDER:
        info = symnn.activation_info(name)
        derivation = symnn.activation_derivation(name)
        f = info.function(x) if name not in DEFAULT_ALPHA else info.function(x, DEFAULT_ALPHA[name])
        # the derivations keep alpha general; the table shows the catalogue's default slope
        derivative = symnn.latex(derivation.result.doit().subs(ALPHA, DEFAULT_ALPHA.get(name, ALPHA)))
        rows.append((info.title, f"${symnn.latex(symnn.explicit(f))}$",
                     f"${derivative}$" if len(derivative) <= WIDEST_CELL else t("table.below")))
    return symnn.Table((t("table.activation"), "$f(x)$", "$f'(x)$"), tuple(rows), caption=t("table.caption"))


def section(lang: str = "en") -> symnn.Section:
    """Activation functions and their derivatives, each proved from the explicit form."""
    def t(key: str) -> str:
        return TEXT(key, lang)

    blocks: list = [
        symnn.Paragraph(t("neuron")),
        symnn.Paragraph(t("lecture")),
        _formula_table(t),
        *symnn.activation_figures(ORDER, lang=lang),
    ]
    for name in ORDER:
        blocks.append(symnn.activation_derivation(name))
        if name == "relu":
            right, left = symnn.relu_one_sided_derivatives()
            blocks += [symnn.Paragraph(t("relu_zero")), right, left]
    blocks.append(symnn.Paragraph(t("saturate")))
    return symnn.Section(t("title"), blocks, claims=[], order=10)
