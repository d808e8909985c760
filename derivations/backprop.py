"""Backpropagation: the lecture's worked example, from the spec ``backprop_lecture.toml``.

A 2-2-2 sigmoid network without biases, input (0.5, 0.3), targets (0.23, -0.07),
Error = 1/2 sum (o_i - y_i)^2, learning rate 1. Every number below is computed by
symnn from the spec and every derivation step is checked; the lecture's printed
figures are listed as claims beside the exact values.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import sympy

import symnn

SPEC = Path(__file__).with_name("backprop_lecture.toml")

#: the lecture's order of the output-layer gradients, then the hidden-layer ones
OUTPUT_WEIGHTS = ("w5", "w7", "w6", "w8")
HIDDEN_WEIGHTS = ("w1", "w3", "w2", "w4")

TEXT = symnn.Translations({
    "title": {"en": "Backpropagation: the worked example", "zh": "反向传播：完整算例"},
    "where": {"en": "backprop worked example", "zh": "反向传播算例"},
    "intro": {
        "en": "The lecture's example network has two inputs $x_1, x_2$, two sigmoid hidden units "
              "$h_1, h_2$ and two sigmoid outputs $o_1, o_2$, no biases. Each unit first forms its net "
              "input $In$, the weighted sum of the activations before it, then applies the sigmoid: "
              "$In_{h_1} = w_1 x_1 + w_3 x_2$, $h_1 = \\sigma(In_{h_1})$, and so on. The weights are wired "
              "in the lecture's column order ($w_1$ and $w_3$ go into $h_1$). The whole example is the spec "
              "file backprop_lecture.toml, and the command symnn backprop prints the same derivations "
              "for any "
              "other network.",
        "zh": "课件中的示例网络有两个输入 $x_1, x_2$、两个使用 Sigmoid 激活函数的隐藏层神经元 $h_1, h_2$ "
              "和两个 Sigmoid 输出 $o_1, o_2$，没有偏置。每个神经元先计算净输入 $In$，即前一层激活值的"
              "加权和，再经过 Sigmoid：$In_{h_1} = w_1 x_1 + w_3 x_2$，$h_1 = \\sigma(In_{h_1})$，依此类推。"
              "权重按课件的列顺序连接（$w_1$ 和 $w_3$ 连到 $h_1$）。整个算例就是描述文件 "
              "backprop_lecture.toml，命令 symnn backprop 可以对任何其他网络打印同样的推导。"},
    "figure": {"en": "The 2-2-2 network of the example, each edge with its weight.",
               "zh": "算例中的 2-2-2 网络，每条边上标出其权重。"},
    "table.caption": {"en": "The example's numbers, as the spec file gives them.",
                      "zh": "算例中的数值（取自描述文件）。"},
    "table.name": {"en": "name", "zh": "名称"},
    "table.role": {"en": "role", "zh": "含义"},
    "table.value": {"en": "value", "zh": "数值"},
    "role.input": {"en": "input", "zh": "输入"},
    "role.weight": {"en": "weight", "zh": "权重"},
    "role.target": {"en": "target of ${unit}$", "zh": "${unit}$ 的目标值"},
    "forward": {"en": "Forward pass. Each net input, then each activation:",
                "zh": "前向传播：先算每个净输入，再算每个激活值。"},
    "net_input": {"en": "Net input of ${unit}$", "zh": "${unit}$ 的净输入"},
    "activation": {"en": "Activation of ${unit}$", "zh": "${unit}$ 的激活值"},
    "loss": {
        "en": "The error of the sample is half the sum of squared differences between outputs and "
              "targets; its derivative at each output is $o_i - y_i$ (the lecture's $\\delta_{o^1}$, "
              "$\\delta_{o^2}$):",
        "zh": "该样本的误差是输出与目标值之差的平方和的一半；它对每个输出的导数是 $o_i - y_i$"
              "（即课件中的 $\\delta_{o^1}$、$\\delta_{o^2}$）："},
    "loss.title": {"en": "$Error$, the loss of one sample", "zh": "$Error$：一个样本的损失"},
    "loss.note": {"en": "half the sum of squared errors", "zh": "平方误差和的一半"},
    "output.title": {"en": "The derivative of $Error$ at the output ${unit}$",
                     "zh": "$Error$ 对输出 ${unit}$ 的导数"},
    "notation": {
        "en": "Notation. The lecture writes $\\delta$ with a subscript for the derivative of $Error$ with "
              "respect to what the subscript names: $\\delta_5 = \\partial Error / \\partial w_5$, "
              "$\\delta_{o^1} = \\partial Error / \\partial o_1$. The same rule names the quantity "
              "backpropagation passes from layer to layer, the derivative with respect to a unit's net "
              "input (the keys of the exercises and the command symnn backprop use this symbol too):",
        "zh": "记号。课件用带下标的 $\\delta$ 表示 $Error$ 对下标所指之量的导数："
              "$\\delta_5 = \\partial Error / \\partial w_5$，$\\delta_{o^1} = \\partial Error / "
              "\\partial o_1$。"
              "按同样的规则，反向传播在层与层之间传递的量，即对神经元净输入的导数，记作如下"
              "（练习的答案和命令 symnn backprop 也使用这个记号）："},
    "output_weights": {
        "en": "Gradients of the output-layer weights $w_5 \\ldots w_8$. Each is one chain-rule product, "
              "e.g. $\\delta_5 = \\frac{\\partial Error}{\\partial o_1}"
              " \\frac{\\partial o_1}{\\partial In_{o_1}} \\frac{\\partial In_{o_1}}{\\partial w_5}$"
              " with the local factors $o_1 - y_1$, "
              "$o_1(1 - o_1)$ (the sigmoid's derivative in terms of its output) and $h_1$:",
        "zh": "输出层权重 $w_5 \\ldots w_8$ 的梯度。每个梯度是一个链式法则乘积，例如 "
              "$\\delta_5 = \\frac{\\partial Error}{\\partial o_1}"
              " \\frac{\\partial o_1}{\\partial In_{o_1}} \\frac{\\partial In_{o_1}}{\\partial w_5}$，"
              "其局部因子为 $o_1 - y_1$、$o_1(1 - o_1)$（用输出表示的 Sigmoid 导数）和 $h_1$："},
    "gradient.title": {"en": "$\\delta_{index} = \\partial Error / \\partial w_{index}$",
                       "zh": "$\\delta_{index} = \\partial Error / \\partial w_{index}$"},
    "hidden_weights": {
        "en": "Gradients of the hidden-layer weights $w_1 \\ldots w_4$. A hidden weight reaches the error "
              "along two paths, one through each output, so its gradient is a sum of two chain-rule "
              "products, written one path per row; the common factors $\\frac{\\partial h_1}{\\partial "
              "In_{h_1}}"
              "\\frac{\\partial In_{h_1}}{\\partial w_1}$ are taken out, and what remains in the bracket is "
              "the delta $\\delta_{In_{o_k}}$ of each output times the weight from $h_1$ to it. "
              "Backpropagation computes those output deltas once and reuses them for every weight below:",
        "zh": "隐藏层权重 $w_1 \\ldots w_4$ 的梯度。一个隐藏层权重沿两条路径影响误差，每条经过一个输出，"
              "所以它的梯度是两个链式法则乘积之和，每行写一条路径；提出公因子 "
              "$\\frac{\\partial h_1}{\\partial In_{h_1}}\\frac{\\partial In_{h_1}}{\\partial w_1}$ 后，"
              "括号里剩下"
              "的是每个输出的 $\\delta_{In_{o_k}}$ 乘以从 $h_1$ 到该输出的权重。"
              "反向传播只计算一次这些输出层的 "
              "$\\delta$，并在下面每个权重中重复使用："},
    "update": {
        "en": "The update. Every weight moves against its gradient, $w_i' = w_i - \\eta \\delta_i$, with the "
              "learning rate $\\eta = 1$:",
        "zh": "参数更新。每个权重沿梯度的反方向移动，$w_i' = w_i - \\eta \\delta_i$，其中学习率 $\\eta = "
              "1$："},
    "update.title": {"en": "The update of $w_{index}$", "zh": "$w_{index}$ 的更新"},
    "update.note": {"en": "gradient descent, $\\eta$ the learning rate",
                    "zh": "梯度下降，$\\eta$ 为学习率"},
    "update.table": {"en": "One gradient-descent step $w_i' = w_i - \\eta \\delta_i$ with $\\eta = 1$.",
                     "zh": "一步梯度下降 $w_i' = w_i - \\eta \\delta_i$，$\\eta = 1$。"},
    "update.weight": {"en": "weight", "zh": "权重"},
    "update.before": {"en": "before", "zh": "更新前"},
    "update.after": {"en": "after one step", "zh": "一步之后"},
    "checks": {
        "en": "Checks against the lecture. The lecture prints $\\delta_1 = -0.009$; the exact value is "
              "{exact}, which rounds to $-0.008$, and even the lecture's own expression with its rounded "
              "numbers, $(0.25 \\cdot 0.48 \\cdot (1 - 0.48) \\cdot 0.1 + 0.6 \\cdot 0.53 \\cdot (1 - 0.53) "
              "\\cdot (-0.5)) \\cdot 0.56 \\cdot (1 - 0.56) \\cdot 0.50$, gives {rounded}: the printed "
              "$-0.009$ is an arithmetic slip. The lecture writes out $\\delta_3$ without its value: it is "
              "{d3}. Its $\\delta_5 = 0.03$ and $\\delta_7 = 0.03$ are right at two decimals "
              "({d5} and {d7}). After the step the error falls from {before} to {after}.",
        "zh": "与课件核对。课件给出 $\\delta_1 = -0.009$；精确值为 {exact}，四舍五入为 $-0.008$；"
              "即使用课件自己"
              "的算式和它取整后的数 $(0.25 \\cdot 0.48 \\cdot (1 - 0.48) \\cdot 0.1 + 0.6 \\cdot 0.53 \\cdot "
              "(1 - 0.53) \\cdot (-0.5)) \\cdot 0.56 \\cdot (1 - 0.56) \\cdot 0.50$ 计算，结果也是 "
              "{rounded}："
              "课件中的 $-0.009$ 是一处计算错误。课件写出了 $\\delta_3$ 的算式但没有给出数值：它等于 {d3}。"
              "课件中的 $\\delta_5 = 0.03$ 和 $\\delta_7 = 0.03$ 在两位小数下是正确的（{d5} 和 {d7}）。"
              "更新一步之后，误差从 {before} 降到 {after}。"},
    "claim.forward": {"en": "forward pass", "zh": "前向传播"},
    "claim.error": {"en": "half the sum of squared errors", "zh": "平方误差和的一半"},
    "claim.delta1": {"en": "exact {exact}; the lecture's rounded numbers give {rounded}",
                     "zh": "精确值 {exact}；用课件取整后的数得 {rounded}"},
})


def _math_number(value: float, places: int) -> str:
    """A number in math mode (a true minus sign)."""
    return f"${symnn.format_decimal(value, places)}$"


def _network_tikz(net: symnn.Network) -> str:
    """The network: one column per layer, each weight written off the crossings of the edges."""
    label = {name: symnn.latex(net.symbol(name)) for name in net.inputs}
    label.update({u: symnn.latex(net.symbol(u)) for u in net.units})
    layers = [[label[n] for n in net.inputs], *[[label[u] for u in layer.units] for layer in net.spec.layers]]
    edges = [(label[source], label[unit], symnn.latex(net.symbol(parameter)))
             for unit in net.units for source, parameter in net.incoming(unit)]
    return symnn.network_tikz(layers, edges)


def _value_table(net: symnn.Network, t) -> symnn.Table:
    spec = net.spec
    rows = [(f"${symnn.latex(net.symbol(n))}$", t("role.input"), f"${spec.values[n]:g}$") for n in net.inputs]
    rows += [(f"${symnn.latex(net.symbol(p))}$", t("role.weight"), f"${spec.values[p]:g}$")
             for p in net.parameters]
    rows += [(f"${symnn.latex(net.target_symbol(u))}$", t("role.target", unit=symnn.latex(net.symbol(u))),
              f"${spec.targets[u]:g}$") for u in net.output_units]
    return symnn.Table((t("table.name"), t("table.role"), t("table.value")), tuple(rows),
                       caption=t("table.caption"))


def _update_derivation(net: symnn.Network, parameter: str, gradient: float, t) -> symnn.Derivation:
    """w' = w - η δ in the lecture's notation, with the numbers put in."""
    index = parameter[1:]
    w, eta, delta = sympy.symbols(f"w_{index} eta delta_{index}")
    start = sympy.Float(str(net.spec.values[parameter]))
    rate = sympy.Float(str(net.spec.learning_rate)) if net.spec.learning_rate != 1 else sympy.Integer(1)
    shown = sympy.Float(symnn.format_decimal(gradient, 6), 6)
    values = {w: start, eta: rate, delta: sympy.Float(gradient, 17)}
    new = float(start) - float(rate) * gradient
    return symnn.Derivation(sympy.Symbol(f"w_{index}'"), [
        symnn.Step(symnn.difference(w, symnn.product(eta, delta)), symnn.Rule.DEFINITION,
                   note=t("update.note")),
        symnn.Step(symnn.difference(start, symnn.product(rate, shown)), symnn.Rule.SUBSTITUTION, relation="≈",
                   values=values, digits=6),
        symnn.Step(sympy.Float(symnn.format_decimal(new, 6), 6), symnn.Rule.NUMERIC, relation="≈", digits=6),
    ], title=t("update.title", index=index))


def _update_table(net: symnn.Network, training, gradients: dict, t) -> symnn.Table:
    rows = tuple((f"${symnn.latex(net.symbol(p))}$", _math_number(net.spec.values[p], 2),
                  _math_number(gradients[p], 6), _math_number(training.updated[p], 6))
                 for p in (*OUTPUT_WEIGHTS, *HIDDEN_WEIGHTS))
    return symnn.Table((t("update.weight"), t("update.before"), r"$\delta_i = \partial Error / \partial w_i$",
                        t("update.after")), rows, caption=t("update.table"))


def _loss_derivation(net: symnn.Network, t) -> symnn.Derivation:
    """The loss of the sample, its defining step noted in words rather than by the catalogue's key."""
    derivation = net.loss_derivation(significant=4)
    derivation.steps = tuple(dataclasses.replace(step, note=t("loss.note")) if step.label.startswith("loss (")
                             else step for step in derivation.steps)
    derivation.title = t("loss.title")
    return derivation


def _titled(derivation: symnn.Derivation, title: str) -> symnn.Derivation:
    derivation.title = title
    return derivation


def _gradient(net: symnn.Network, parameter: str, t) -> symnn.Derivation:
    return _titled(net.derivation(parameter, significant=4), t("gradient.title", index=parameter[1:]))


def section(lang: str = "en") -> symnn.Section:
    """The complete worked example: forward pass, Error, every gradient, the update; the lecture's claims."""
    def t(key: str, **fields) -> str:
        return TEXT(key, lang, **fields)

    net = symnn.Network(symnn.load_spec(SPEC))
    ev = net.evaluate()
    training = net.train()
    g = ev.gradients
    blocks: list = [
        symnn.Paragraph(t("intro")),
        symnn.TikZ(_network_tikz(net), caption=t("figure"), fallback=_value_table(net, t)),
        _value_table(net, t),
        symnn.Paragraph(t("forward")),
    ]
    for unit in net.units:
        name = symnn.latex(net.symbol(unit))
        net_input, activation = net.forward_derivations(unit, significant=4)
        blocks += [_titled(net_input, t("net_input", unit=name)), _titled(activation, t(
            "activation", unit=name))]
    blocks += [
        symnn.Paragraph(t("loss")),
        _loss_derivation(net, t),
        *[_titled(net.output_gradient_derivation(u, significant=4),
                  t("output.title", unit=symnn.latex(net.symbol(u)))) for u in net.output_units],
        symnn.Paragraph(t("notation")),
        symnn.Math(r"\delta_{In_{o_1}} = \frac{\partial Error}{\partial In_{o_1}} = "
                   r"\frac{\partial Error}{\partial o_1} \frac{\partial o_1}{\partial In_{o_1}}"),
        symnn.Paragraph(t("output_weights")),
        *[_gradient(net, p, t) for p in OUTPUT_WEIGHTS],
        symnn.Paragraph(t("hidden_weights")),
        *[_gradient(net, p, t) for p in HIDDEN_WEIGHTS],
        symnn.Paragraph(t("update")),
        *[_update_derivation(net, p, g[p], t) for p in ("w5", "w1")],
        _update_table(net, training, g, t),
    ]
    rounded = (0.25 * 0.48 * (1 - 0.48) * 0.1 + 0.6 * 0.53 * (1 - 0.53) * (-0.5)) * 0.56 * (1 - 0.56) * 0.50
    after = net.evaluate(values=training.updated).loss
    blocks.append(symnn.Paragraph(t(
        "checks", exact=_math_number(g["w1"], 6), rounded=_math_number(rounded, 6),
        d3=_math_number(g["w3"], 6),
        d5=_math_number(g["w5"], 4), d7=_math_number(g["w7"], 4), before=_math_number(ev.loss, 4),
        after=_math_number(after, 4))))
    where = t("where")
    claims = [
        symnn.Claim("$h_1$", "0.56", ev.forward["h1"], where, t("claim.forward")),
        symnn.Claim("$h_2$", "0.50", ev.forward["h2"], where, t("claim.forward")),
        symnn.Claim("$o_1$", "0.48", ev.forward["o1"], where, t("claim.forward")),
        symnn.Claim("$o_2$", "0.53", ev.forward["o2"], where, t("claim.forward")),
        symnn.Claim("$Error$", "0.21", ev.loss, where, t("claim.error")),
        symnn.Claim("$\\delta_{o^1} = \\partial Error / \\partial o_1$", "0.25", ev.output_gradient["o1"],
                    where, "$o_1 - 0.23$"),
        symnn.Claim("$\\delta_{o^2} = \\partial Error / \\partial o_2$", "0.60", ev.output_gradient["o2"],
                    where, "$o_2 - (-0.07)$"),
        symnn.Claim("$\\delta_5$", "0.03", g["w5"], where),
        symnn.Claim("$\\delta_7$", "0.03", g["w7"], where),
        symnn.Claim("$\\delta_6$", "0.08", g["w6"], where),
        symnn.Claim("$\\delta_8$", "0.07", g["w8"], where),
        symnn.Claim("$\\delta_1$", "-0.009", g["w1"], where,
                    t("claim.delta1", exact=_math_number(g["w1"], 6), rounded=_math_number(rounded, 6))),
        symnn.Claim("$\\delta_2$", "0.013", g["w2"], where),
        symnn.Claim("$\\delta_4$", "0.008", g["w4"], where),
    ]
    return symnn.Section(t("title"), blocks, claims=claims, order=60)
