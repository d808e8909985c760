"""The MCP neuron and the perceptron: AND, NAND, OR learned; XOR proved impossible, two layers do it."""

from __future__ import annotations

import symnn

LOGIC = ("AND", "NAND", "OR")


TEXT = symnn.Translations({
    "title": {"en": "The MCP neuron and the perceptron", "zh": "MCP 神经元与感知机"},
    "mcp": {
        "en": "McCulloch and Pitts (1943) modelled a neuron as a threshold unit. Given $n$ binary inputs "
              "$x_i$ and connection weights $w_i$ ($1 \\le i \\le n$), the MCP neuron adds up the weighted "
              "inputs and compares the sum with a preset threshold $\\theta$: it outputs 1 when the sum "
              "reaches the threshold and 0 otherwise, a two-class decision.",
        "zh": "McCulloch 和 Pitts（1943）把神经元建模为阈值单元。给定 $n$ 个二值化（0 或 1）的输入数据 $x_i$ "
              "与连接参数 $w_i$（$1 \\le i \\le n$），MCP 神经元对输入数据线性加权求和，并与预先设定的阈值 "
              "$\\theta$ 比较：和达到阈值时输出 1，否则输出 0，这是一个二分类决策。"},
    "bias": {
        "en": "Moving the threshold to the left as a bias $b = -\\theta$, the unit fires exactly when "
              "$w_1 x_1 + \\dots + w_n x_n + b \\geq 0$: the inputs that make it fire lie on one side of a "
              "straight line (a hyperplane), the others on the other side. A function of the inputs that a "
              "single unit can compute is therefore called linearly separable.",
        "zh": "把阈值移到左边作为偏置 $b = -\\theta$，单元恰好在 $w_1 x_1 + \\dots + w_n x_n + b \\geq 0$ 时"
              "被激活：使它激活的输入位于一条直线（超平面）的一侧，其余输入位于另一侧。因此，单个单元能够计算的"
              "函数称为线性可分函数。"},
    "truth.caption": {"en": "The four logic functions of the lecture's "
                            "figure.", "zh": "课件图中的四个逻辑函数。"},
    "rule": {
        "en": "Rosenblatt's perceptron learns the weights. It presents the rows of the truth table one by "
              "one; when the output $y$ differs from the target $t$ it moves the weights and the bias "
              "towards the right answer, by the learning rate $\\eta$ times the error:",
        "zh": "Rosenblatt 的感知机能够学习权重。它逐行输入真值表；当输出 $y$ 与目标 $t$ 不同时，按学习率 "
              "$\\eta$ 乘以误差，把权重和偏置向正确答案的方向调整："},
    "start": {
        "en": "Starting from $w = (0, 0)$, $b = 0$ with $\\eta = 1$, one pass over the four rows after "
              "another (an epoch), the rule stops after the first epoch without a mistake. The table lists "
              "what it found; the last column checks the found unit on every row of the truth table.",
        "zh": "从 $w = (0, 0)$、$b = 0$、$\\eta = 1$ 开始，一遍又一遍地遍历四行（每一遍称为一个 epoch），"
              "在第一个没有错误的 epoch 之后停止。下表列出学到的结果；"
              "最后一列在真值表的每一行上检验学到的单元。"},
    "function": {"en": "function", "zh": "函数"},
    "epochs": {"en": "epochs", "zh": "epoch 数"},
    "updates": {"en": "updates", "zh": "更新次数"},
    "holds": {"en": "truth table holds", "zh": "真值表成立"},
    "yes": {"en": "yes", "zh": "是"},
    "no": {"en": "NO", "zh": "否"},
    "found.caption": {"en": "Weights found by the perceptron learning "
                            "rule.", "zh": "感知机学习规则学到的权重。"},
    "or": {"en": "For OR, every presentation of a row, with the weights after the rule:",
           "zh": "对 OR，每次输入一行以及更新后的权重："},
    "epoch": {"en": "epoch", "zh": "epoch"},
    "or.caption": {"en": "The perceptron learning rule on OR, step by "
                         "step.", "zh": "感知机学习规则在 OR 上的逐步过程。"},
    "xor": {
        "en": "XOR is not linearly separable, so no single unit computes it. For a unit with weights "
              "$w_1, w_2$ and bias $b$ to compute XOR, each row of its truth table asks for one inequality:",
        "zh": "逻辑异或（XOR）是非线性可分的，所以单个单元无法计算它。要让权重为 $w_1, w_2$、偏置为 $b$ "
              "的单元"
              "计算 XOR，真值表的每一行都给出一个不等式："},
    "farkas": {
        "en": "These four inequalities have no common solution, and the library proves it rather than "
              "asserting it: Fourier-Motzkin elimination in exact rationals finds nonnegative multipliers "
              "${m}$, one per inequality (a Farkas certificate). Written as $\\text{form} > 0$ "
              "or $\\geq 0$, multiplied and added, the inequalities give:",
        "zh": "这四个不等式没有公共解，程序库给出证明而不只是断言：用精确有理数的 Fourier-Motzkin 消元法找到"
              "非负乘数 ${m}$，每个不等式一个（Farkas 证书）。把不等式写成 $\\text{form} > 0$ 或 $\\geq 0$ "
              "的形式，乘以乘数后相加，得到："},
    "cancel": {
        "en": "Every variable cancels, and the sum claims ${c}$: impossible, because a strict inequality "
              "took "
              "part with a positive multiplier. So no $(w_1, w_2, b)$ makes one threshold unit compute XOR, "
              "whatever the threshold convention's details.",
        "zh": "所有变量都被消去，而和式断言 ${c}$：这是不可能的，因为有一个严格不等式以正的乘数参与了求和。"
              "所以不存在 $(w_1, w_2, b)$ 使一个阈值单元计算 XOR，与阈值约定的细节无关。"},
    "cycle": {
        "en": "The learning rule cannot find weights that do not exist. Run on XOR, the weights at the start "
              "of epoch {end} are those at the start of epoch {start} ({where}): the rule is deterministic, "
              "so it repeats the same {period}-epoch cycle forever, making {mistakes} mistakes in every "
              "epoch of it.",
        "zh": "学习规则找不到并不存在的权重。在 XOR 上运行时，第 {end} 个 epoch 开始时的权重与第 {start} 个 "
              "epoch 开始时相同（{where}）：规则是确定性的，所以它永远重复同一个 {period} 个 epoch 的循环，"
              "其中每个 epoch 都出错 {mistakes} 次。"},
    "starting": {"en": "the starting weights", "zh": "初始权重"},
    "hidden": {
        "en": "A hidden layer removes the obstacle. XOR is true when at least one input is 1 (OR) and not "
              "both are (NAND): $\\mathrm{XOR}(x) = \\mathrm{AND}(\\mathrm{OR}(x), \\mathrm{NAND}(x))$. The "
              "three units below are exactly the ones the learning rule found above; the table evaluates the "
              "network on all four inputs.",
        "zh": "隐藏层可以消除这个障碍。当至少一个输入为 1（OR）且不是两个都为 1（NAND）时 XOR 为真："
              "$\\mathrm{XOR}(x) = \\mathrm{AND}(\\mathrm{OR}(x), \\mathrm{NAND}(x))$。下面的三个单元正是"
              "上面学习规则学到的单元；下表在全部四个输入上计算该网络。"},
    "network.caption": {"en": "A two-layer network of threshold units that computes XOR (weights on the "
                              "edges, "
                              "biases beside the units).",
                        "zh": "计算 XOR 的两层阈值单元网络（边上为权重，单元旁为偏置）。"},
    "network.table": {"en": "The two-layer network on all four "
                            "inputs.", "zh": "两层网络在全部四个输入上的输出。"},
})


def _vector(values) -> str:
    return "(" + ", ".join(symnn.latex(v) for v in values) + ")"


def _mcp_blocks(t) -> list:
    return [
        symnn.Paragraph(t("mcp")),
        symnn.Math(r"y = \Phi\left(\sum_{i=1}^{n} w_i x_i\right), \qquad "
                   r"\Phi(s) = \begin{cases} 1, & s \geq \theta \\ 0, & s < \theta \end{cases}"),
        symnn.Paragraph(t("bias")),
    ]


def _truth_table_block(t) -> symnn.Table:
    tables = {name: dict(symnn.truth_table(name)) for name in (*LOGIC, "XOR")}
    inputs = list(tables["AND"])
    rows = tuple((str(x[0]), str(x[1]), *(str(tables[n][x]) for n in (*LOGIC, "XOR"))) for x in inputs)
    return symnn.Table(("$x_1$", "$x_2$", "AND", "NAND", "OR", "XOR"), rows,
                       caption=t("truth.caption"))


def _learning_blocks(t) -> list:
    trainings = {name: symnn.train_perceptron(symnn.truth_table(name)) for name in LOGIC}
    rows = []
    for name, training in trainings.items():
        checked = all(training.unit(x) == t for x, t in symnn.truth_table(name))
        rows.append((name, f"${_vector(training.weights)}$", f"${symnn.latex(training.bias)}$",
                     f"${symnn.latex(-training.bias)}$", str(training.epochs), str(training.mistakes),
                     t("yes") if checked else t("no")))
    trace = trainings["OR"]
    trace_rows = tuple(
        (str(u.epoch), f"$({u.inputs[0]}, {u.inputs[1]})$", str(u.target), str(u.output), f"${u.error}$",
         f"${_vector(u.weights)}$", f"${symnn.latex(u.bias)}$") for u in trace.updates)
    return [
        symnn.Paragraph(t("rule")),
        symnn.Math(r"w_i \leftarrow w_i + \eta\,(t - y)\,x_i, \qquad b \leftarrow b + \eta\,(t - y)"),
        symnn.Paragraph(t("start")),
        _truth_table_block(t),
        symnn.Table((t("function"), "$w$", "$b$", "$\\theta = -b$", t("epochs"), t("updates"), t("holds")),
                    tuple(rows), caption=t("found.caption")),
        symnn.Paragraph(t("or")),
        symnn.Table((t("epoch"), "$x$", "$t$", "$y$", "$t - y$", "$w$", "$b$"), trace_rows,
                    caption=t("or.caption")),
    ]


def _xor_blocks(t, lang: str) -> list:
    table = symnn.truth_table("XOR")
    weights = symnn.weight_symbols(2)
    bias = symnn.bias_symbol()
    inequalities = symnn.separation_inequalities(table, weights, bias)
    certificate = symnn.farkas_certificate(inequalities, (*weights, bias))
    if certificate is None:  # pragma: no cover - the library says XOR is separable: a bug to report
        raise symnn.SymnnError("no certificate found for XOR")
    conditions = " \\\\\n".join(
        rf"x = ({x[0]}, {x[1]}),\ t = {t}: &\quad {symnn.latex(i.source)}"
        for (x, t), i in zip(table, inequalities, strict=True))
    multipliers = ", ".join(str(m) for m in certificate.multipliers)
    xor = symnn.train_perceptron(table, max_epochs=100)
    start, period = xor.cycle
    state = [u for u in xor.updates if u.epoch == start - 1][-1] if start > 1 else None
    if state is not None:
        where = f"$w = {_vector(state.weights)}$, $b = {symnn.latex(state.bias)}$"
    else:
        where = t("starting")
    return [
        symnn.Paragraph(t("xor")),
        symnn.Math("\\begin{aligned}\n" + conditions + "\n\\end{aligned}"),
        symnn.Paragraph(t("farkas", m="(" + multipliers + ")")),
        symnn.Math(symnn.certificate_latex(certificate, lang)),
        certificate.derivation(),
        symnn.Paragraph(t("cancel", c=certificate.contradiction)),
        symnn.Paragraph(t("cycle", end=start + period, start=start, where=where, period=period,
                          mistakes=sum(1 for u in xor.updates if u.epoch == start and u.error))),
    ]


def _network_blocks(t) -> list:
    network = symnn.xor_network()
    (h_or, h_nand), out = network.hidden, network.output
    table = symnn.truth_table("XOR")
    rows = tuple((str(x[0]), str(x[1]), *(str(h) for h in network.hidden_outputs(x)), str(network(x)), str(t))
                 for x, t in table)
    fallback = symnn.Table(("$x_1$", "$x_2$", "$h_1$ = OR", "$h_2$ = NAND", "$y$ = AND$(h_1, h_2)$", "XOR"),
                           rows, caption=t("network.table"))

    def edge(weight) -> str:
        return symnn.latex(weight)

    tikz = (
        "\\begin{tikzpicture}[x=3.6cm,y=2cm,>=stealth,"
        "unit/.style={circle,draw,minimum size=9mm,inner sep=1pt}]\n"
        "\\node[unit] (x1) at (0,1) {$x_1$};\n\\node[unit] (x2) at (0,0) {$x_2$};\n"
        f"\\node[unit,label=above:{{OR, $b={edge(h_or.bias)}$}}] (h1) at (1,1) {{$h_1$}};\n"
        f"\\node[unit,label=below:{{NAND, $b={edge(h_nand.bias)}$}}] (h2) at (1,0) {{$h_2$}};\n"
        f"\\node[unit,label=right:{{AND, $b={edge(out.bias)}$}}] (y) at (2,0.5) {{$y$}};\n"
        f"\\draw[->] (x1) -- node[pos=0.5,above] {{${edge(h_or.weights[0])}$}} (h1);\n"
        f"\\draw[->] (x2) -- node[pos=0.72,fill=white,inner sep=1pt] {{${edge(h_or.weights[1])}$}} (h1);\n"
        f"\\draw[->] (x1) -- node[pos=0.72,fill=white,inner sep=1pt] {{${edge(h_nand.weights[0])}$}} (h2);\n"
        f"\\draw[->] (x2) -- node[pos=0.5,below] {{${edge(h_nand.weights[1])}$}} (h2);\n"
        f"\\draw[->] (h1) -- node[above] {{${edge(out.weights[0])}$}} (y);\n"
        f"\\draw[->] (h2) -- node[below] {{${edge(out.weights[1])}$}} (y);\n"
        "\\end{tikzpicture}")
    return [
        symnn.Paragraph(t("hidden")),
        symnn.TikZ(tikz, caption=t("network.caption"), fallback=None),
        fallback,
    ]


def section(lang: str = "en") -> symnn.Section:
    """The MCP neuron, the perceptron learning rule, XOR's impossibility proof and a two-layer XOR."""
    def t(key: str, **fields) -> str:
        return TEXT(key, lang, **fields)

    blocks = [*_mcp_blocks(t), *_learning_blocks(t), *_xor_blocks(t, lang), *_network_blocks(t)]
    return symnn.Section(t("title"), blocks, claims=[], order=50)
