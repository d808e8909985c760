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


TEXT = symnn.Translations({
    "title": {"en": "The computation graph (circuit)", "zh": "计算图（电路）"},
    "where": {"en": "computation graph", "zh": "计算图"},
    "intro": {"en": "Backpropagation is the chain rule applied gate by gate. Written as a computation graph "
                    "(a circuit), the function",
              "zh": "反向传播就是逐个门地应用链式法则。把函数写成计算图（电路），函数"},
    "gates": {
        "en": "is a chain of primitive gates: two products, two sums, a negation $\\ast(-1)$, the "
              "exponential, "
              "an addition of the constant 1 and the reciprocal $1/x$. The forward pass computes every "
              "value from the inputs $w_0 = 2$, $x_0 = -1$, $w_1 = -3$, $x_1 = -2$, $w_2 = -3$ (green, above "
              "each edge); the backward pass starts from $\\partial f/\\partial f = 1$ at the output and "
              "multiplies, gate by gate in reverse order, the gradient arriving from above by the gate's "
              "local derivative (red, below each edge). Each gate is labelled with the name of its row in "
              "the table below (n1 to n8).",
        "zh": "是一串基本门：两个乘法、两个加法、一个取负 $\\ast(-1)$、指数函数、加常数 1 和取倒数 $1/x$。"
              "前向传播从输入 $w_0 = 2$、$x_0 = -1$、$w_1 = -3$、$x_1 = -2$、$w_2 = -3$ 算出每个值"
              "（绿色，写在每条边上方）；反向传播从输出处的 $\\partial f/\\partial f = 1$ 开始，按相反的顺序"
              "逐个门地把上游传来的梯度乘以该门的局部导数（红色，写在每条边下方）。每个门旁标有它在下表中"
              "对应行的名称（n1 到 n8）。"},
    "circuit.caption": {"en": "The circuit of $f(w, x)$: forward values above the edges, gradients below.",
                        "zh": "$f(w, x)$ 的计算图：边的上方为前向传播的值，下方为梯度。"},
    "local": {
        "en": "The local derivatives are those of the primitive gates: $1/x$ gives $-1/x^2$, so "
              "$-1/1.37^2 = -0.53$; $+1$ passes the gradient on unchanged; $e^x$ gives $e^x$, so "
              "$0.37 \\cdot (-0.53) = -0.20$; $\\ast(-1)$ flips the sign to $0.20$; a sum hands the same "
              "gradient to each of its inputs; a product hands each input the other input's value times the "
              "gradient, so $\\partial f/\\partial w_0 = x_0 \\cdot 0.20$ and "
              "$\\partial f/\\partial x_0 = w_0 \\cdot 0.20$.",
        "zh": "局部导数就是各基本门的导数：$1/x$ 的导数为 $-1/x^2$，所以 $-1/1.37^2 = -0.53$；$+1$ 把梯度原样"
              "传下去；$e^x$ 的导数为 $e^x$，所以 $0.37 \\cdot (-0.53) = -0.20$；$\\ast(-1)$ 把符号变为 "
              "$0.20$；"
              "加法门把同样的梯度传给它的每个输入；乘法门传给每个输入的是另一个输入的值乘以梯度，所以 "
              "$\\partial f/\\partial w_0 = x_0 \\cdot 0.20$，$\\partial f/\\partial x_0 = w_0 \\cdot "
              "0.20$。"},
    "table.caption": {"en": "Every node of the circuit, forward value and gradient $\\partial "
                            "f/\\partial$ node "
                            "(two decimals).",
                      "zh": "计算图的每个节点：前向值和梯度 $\\partial f/\\partial$ 节点（两位小数）。"},
    "table.header": {"en": "node|computes|gate|inputs|forward|gradient|local rule",
                     "zh": "节点|计算|门|输入|前向值|梯度|局部导数"},
    "gradient.title": {"en": "The gradient of ${x}$ through the gates", "zh": "${x}$ 经过各门的梯度"},
    "gradient.note": {"en": "local derivatives of $1/x$, $\\exp$, $\\ast(-1)$, $\\ast$",
                      "zh": "$1/x$、$\\exp$、$\\ast(-1)$、$\\ast$ 的局部导数"},
    "slip": {
        "en": "The lecture's figure shows $0.40$, $-0.40$ and $-0.60$ for the gradients of $x_0$, $w_1$ and "
              "$x_1$. The figure's own numbers say how they arose: it rounds the gradient of the sum to "
              "$0.20$ "
              "and multiplies, $2.00 \\cdot 0.20 = 0.40$. With the exact $0.19661$ the gradients are {g0}, "
              "{g1} and {g2}, that is $0.39$, $-0.39$ and $-0.59$ at two decimals (CS231n's figure of "
              "the same "
              "circuit prints these). The other figures of the lecture are right at the digits shown.",
        "zh": "课件的图中 $x_0$、$w_1$、$x_1$ 的梯度为 $0.40$、$-0.40$ 和 $-0.60$。"
              "图中自己的数说明了它们的来历："
              "先把加法门的梯度取整为 $0.20$ 再相乘，$2.00 \\cdot 0.20 = 0.40$。用精确值 $0.19661$ 计算，"
              "梯度为 {g0}、{g1} 和 {g2}，即两位小数下的 $0.39$、$-0.39$ 和 $-0.59$（CS231n "
              "中同一电路的图给出"
              "的正是这些值）。课件中的其他数值在所给位数下都是正确的。"},
    "fused": {
        "en": "The four gates after the sum together compute the sigmoid $\\sigma(z)$ of "
              "$z = w_0 x_0 + w_1 x_1 + w_2$. Drawn as one sigmoid gate, the circuit is shorter, and the "
              "backward pass through it is one multiplication by $(1 - \\sigma(z))\\,\\sigma(z)$:",
        "zh": "加法之后的四个门合起来计算 $z = w_0 x_0 + w_1 x_1 + w_2$ 的 Sigmoid $\\sigma(z)$。画成一个 "
              "Sigmoid 门后电路更短，经过它的反向传播只需乘以 $(1 - \\sigma(z))\\,\\sigma(z)$："},
    "fused.caption": {"en": "The same circuit with one sigmoid gate: its local derivative is "
                            "$(1 - 0.73)\\cdot 0.73 = 0.20$.",
                      "zh": "只用一个 Sigmoid 门的同一电路：其局部导数为 $(1 - 0.73)\\cdot 0.73 = 0.20$。"},
    "sigmoid.title": {"en": "The sigmoid gate's local derivative", "zh": "Sigmoid 门的局部导数"},
    "sigmoid.text": {
        "en": "The whole chain from the sum to the output is one sigmoid gate; its local derivative is "
              "written with its own output, so the backward pass needs no new exponential.",
        "zh": "从加法门到输出的整条链是一个 Sigmoid 门；它的局部导数用它自己的输出表示，所以反向传播时不需要"
              "再计算指数。"},
    "sigmoid.note": {"en": "$\\frac{e^{-z}}{1+e^{-z}} = 1 - "
                           "\\sigma(z)$", "zh": "$\\frac{e^{-z}}{1+e^{-z}} = 1 - \\sigma(z)$"},
    "sigmoid.value": {"en": "$\\sigma(1) \\approx 0.73$", "zh": "$\\sigma(1) \\approx 0.73$"},
    "checked": {
        "en": "Every gradient above equals SymPy's derivative of $f$ at these values, and the tests also "
              "compare them with central finite differences.",
        "zh": "上面的每个梯度都等于 SymPy 在这些值处对 $f$ 求出的导数，测试还用中心差分对它们作了比较。"},
    "claim.forward": {"en": "forward", "zh": "前向"},
    "claim.backward": {"en": "backward, {where}", "zh": "反向，{where}"},
    "claim.rounded": {"en": "the lecture multiplies its rounded 0.20: {shown} = {value}; exactly {exact} "
                            "= {result}",
                      "zh": "课件用取整后的 0.20 相乘：{shown} = {value}；精确计算 {exact} = {result}"},
})


def _number(value) -> float:
    return float(sympy.N(value, 30))


def _picture_blocks(circuit: symnn.Circuit, filename: str, caption: str) -> list:
    def make(path: Path) -> None:
        symnn.write_circuit(circuit, path, digits=2)

    fallback = symnn.Figure(filename, caption, make)
    picture = symnn.circuit_tikz(circuit, digits=2, column_width=1.9, row_height=1.7)
    return [symnn.TikZ(picture, caption, fallback=fallback)]


def _gradient_derivation(circuit: symnn.Circuit, symbol: sympy.Symbol,
                         other: sympy.Symbol, t) -> symnn.Derivation:
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
                    note=t("gradient.note")),
         symnn.Step(chain.xreplace(values), symnn.Rule.SUBSTITUTION, values=values),
         symnn.Step(sympy.Float(f"{exact:.4f}", 4), symnn.Rule.NUMERIC, relation="≈", digits=4)],
        title=t("gradient.title", x=symnn.latex(symbol)))


def _sigmoid_derivation(t) -> symnn.Derivation:
    sigma = symnn.Sigmoid(z)
    return symnn.Derivation(
        sympy.Derivative(sigma, z),
        [symnn.Step(sympy.Derivative(1 / (1 + sympy.exp(-z)), z), symnn.Rule.DEFINITION),
         symnn.Step(sympy.exp(-z) / (1 + sympy.exp(-z)) ** 2, symnn.Rule.CHAIN_RULE),
         symnn.Step((1 - sigma) * sigma, symnn.Rule.ALGEBRA,
                    note=t("sigmoid.note")),
         symnn.Step((1 - symnn.Sigmoid(sympy.Integer(1))) * symnn.Sigmoid(sympy.Integer(1)),
                    symnn.Rule.SUBSTITUTION, values={z: 1}),
         symnn.Step(sympy.Mul(sympy.Float("0.27", 2), sympy.Float("0.73", 2), evaluate=False),
                    symnn.Rule.NUMERIC, relation="≈", digits=2, note=t("sigmoid.value")),
         symnn.Step(sympy.Float("0.197", 3), symnn.Rule.NUMERIC, relation="≈", digits=3)],
        title=t("sigmoid.title"), text=t("sigmoid.text"))


def _claims(plain: symnn.Circuit, fused: symnn.Circuit, t) -> list[symnn.Claim]:
    node = plain.find
    inner = r"e^{-(w_0x_0+w_1x_1+w_2)}"
    g = plain.gradients
    where = t("where")

    def rounded_first(shown: str, value: str, exact: str, result: float) -> str:
        return t("claim.rounded", shown=shown, value=value, exact=exact,
                 result=symnn.format_decimal(result, 5))

    def backward(text: str) -> str:
        return t("claim.backward", where=text)

    return [
        symnn.Claim(f"${inner}$", "0.37", _number(node(sympy.exp(-SUM)).value), where, t("claim.forward")),
        symnn.Claim(f"$1 + {inner}$", "1.37", _number(node(1 + sympy.exp(-SUM)).value), where,
                    t("claim.forward")),
        symnn.Claim("$f(w, x)$", "0.73", _number(plain.value), where, t("claim.forward")),
        symnn.Claim(f"$\\partial f / \\partial (1 + {inner})$", "-0.53",
                    _number(node(1 + sympy.exp(-SUM)).gradient), where, backward("$1/x$")),
        symnn.Claim(f"$\\partial f / \\partial {inner}$", "-0.53",
                    _number(node(sympy.exp(-SUM)).gradient), where, backward("$\\exp$")),
        symnn.Claim(r"$\partial f / \partial (-(w_0x_0+w_1x_1+w_2))$", "-0.20",
                    _number(node(-SUM).gradient), where, backward("$\\exp$")),
        symnn.Claim(r"$\partial f / \partial (w_0x_0+w_1x_1+w_2)$", "0.20",
                    _number(node(SUM).gradient), where, backward("$\\ast(-1)$")),
        symnn.Claim(r"$\partial f / \partial w_0$", "-0.20", _number(g[w0]), where, "$(-1.00) \\cdot 0.20$"),
        symnn.Claim(r"$\partial f / \partial x_0$", "0.40", _number(g[x0]), where,
                    rounded_first("$2.00 \\cdot 0.20$", "$0.40$", "$2 \\cdot 0.19661$", _number(g[x0]))),
        symnn.Claim(r"$\partial f / \partial w_1$", "-0.40", _number(g[w1]), where,
                    rounded_first("$(-2.00) \\cdot "
                                  "0.20$", "$-0.40$", "$(-2) \\cdot 0.19661$", _number(g[w1]))),
        symnn.Claim(r"$\partial f / \partial x_1$", "-0.60", _number(g[x1]), where,
                    rounded_first("$(-3.00) \\cdot "
                                  "0.20$", "$-0.60$", "$(-3) \\cdot 0.19661$", _number(g[x1]))),
        symnn.Claim(r"$\partial f / \partial w_2$", "0.20", _number(g[w2]), where, "$1 \\cdot 0.20$"),
        symnn.Claim(r"$\sigma'(1) = (1 - \sigma)\sigma$", "0.20", _number(fused.output.local[0]), where,
                    "$(0.73)(0.27)$"),
    ]


def _table(circuit: symnn.Circuit, t) -> symnn.Table:
    """The circuit's table, its heads in the document's language."""
    table = symnn.circuit_table(circuit, digits=2)
    header = tuple(t("table.header").split("|"))
    if len(header) != len(table.header):  # pragma: no cover - the library's table changed its columns
        raise symnn.SymnnError(f"the circuit table has the columns {table.header}, the translation {header}")
    return symnn.Table(header, table.rows, caption=t("table.caption"))


def section(lang: str = "en") -> symnn.Section:
    """The lecture's circuit: gates, the forward values, the backward gradients, the fused sigmoid gate."""
    def t(key: str, **fields) -> str:
        return TEXT(key, lang, **fields)

    plain = symnn.circuit(F, at=AT)
    fused = symnn.circuit(F, at=AT, fuse_sigmoid=True)
    g = plain.gradients
    blocks = [
        symnn.Paragraph(t("intro")),
        symnn.Math(r"f(w, x) = \frac{1}{1 + e^{-(w_0 x_0 + w_1 x_1 + w_2)}}"),
        symnn.Paragraph(t("gates")),
        *_picture_blocks(plain, "circuit.png", t("circuit.caption")),
        symnn.Paragraph(t("local")),
        _table(plain, t),
        _gradient_derivation(plain, x0, w0, t),
        _gradient_derivation(plain, x1, w1, t),
        symnn.Paragraph(t("slip", g0=f"${symnn.format_decimal(_number(g[x0]), 5)}$",
                          g1=f"${symnn.format_decimal(_number(g[w1]), 5)}$",
                          g2=f"${symnn.format_decimal(_number(g[x1]), 5)}$")),
        symnn.Paragraph(t("fused")),
        *_picture_blocks(fused, "circuit_sigmoid.png", t("fused.caption")),
        _sigmoid_derivation(t),
        symnn.Paragraph(t("checked")),
    ]
    return symnn.Section(t("title"), blocks, claims=_claims(plain, fused, t), order=70)
