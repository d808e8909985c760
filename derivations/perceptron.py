"""The MCP neuron and the perceptron: AND, NAND, OR learned; XOR proved impossible, two layers do it."""

from __future__ import annotations

import symnn

LOGIC = ("AND", "NAND", "OR")


def _vector(values) -> str:
    return "(" + ", ".join(symnn.latex(v) for v in values) + ")"


def _mcp_blocks() -> list:
    return [
        symnn.Paragraph(
            "McCulloch and Pitts (1943) modelled a neuron as a threshold unit. Given $n$ binary inputs "
            "$x_i$ and connection weights $w_i$ ($1 \\le i \\le n$), the MCP neuron adds up the weighted "
            "inputs and compares the sum with a preset threshold $\\theta$: it outputs 1 when the sum "
            "reaches the threshold and 0 otherwise, a two-class decision."),
        symnn.Math(r"y = \Phi\left(\sum_{i=1}^{n} w_i x_i\right), \qquad "
                   r"\Phi(s) = \begin{cases} 1, & s \geq \theta \\ 0, & s < \theta \end{cases}"),
        symnn.Paragraph(
            "Moving the threshold to the left as a bias $b = -\\theta$, the unit fires exactly when "
            "$w_1 x_1 + \\dots + w_n x_n + b \\geq 0$: the inputs that make it fire lie on one side of a "
            "straight line (a hyperplane), the others on the other side. A function of the inputs that a "
            "single unit can compute is therefore called linearly separable."),
    ]


def _truth_table_block() -> symnn.Table:
    tables = {name: dict(symnn.truth_table(name)) for name in (*LOGIC, "XOR")}
    inputs = list(tables["AND"])
    rows = tuple((str(x[0]), str(x[1]), *(str(tables[n][x]) for n in (*LOGIC, "XOR"))) for x in inputs)
    return symnn.Table(("$x_1$", "$x_2$", "AND", "NAND", "OR", "XOR"), rows,
                       caption="The four logic functions of the lecture's figure.")


def _learning_blocks() -> list:
    trainings = {name: symnn.train_perceptron(symnn.truth_table(name)) for name in LOGIC}
    rows = []
    for name, training in trainings.items():
        checked = all(training.unit(x) == t for x, t in symnn.truth_table(name))
        rows.append((name, f"${_vector(training.weights)}$", f"${symnn.latex(training.bias)}$",
                     f"${symnn.latex(-training.bias)}$", str(training.epochs), str(training.mistakes),
                     "yes" if checked else "NO"))
    trace = trainings["OR"]
    trace_rows = tuple(
        (str(u.epoch), f"$({u.inputs[0]}, {u.inputs[1]})$", str(u.target), str(u.output), f"${u.error}$",
         f"${_vector(u.weights)}$", f"${symnn.latex(u.bias)}$") for u in trace.updates)
    return [
        symnn.Paragraph(
            "Rosenblatt's perceptron learns the weights. It presents the rows of the truth table one by "
            "one; when the output $y$ differs from the target $t$ it moves the weights and the bias "
            "towards the right answer, by the learning rate $\\eta$ times the error:"),
        symnn.Math(r"w_i \leftarrow w_i + \eta\,(t - y)\,x_i, \qquad b \leftarrow b + \eta\,(t - y)"),
        symnn.Paragraph(
            "Starting from $w = (0, 0)$, $b = 0$ with $\\eta = 1$, one pass over the four rows after "
            "another (an epoch), the rule stops after the first epoch without a mistake. The table lists "
            "what it found; the last column checks the found unit on every row of the truth table."),
        _truth_table_block(),
        symnn.Table(("function", "$w$", "$b$", "$\\theta = -b$", "epochs", "updates", "truth table holds"),
                    tuple(rows), caption="Weights found by the perceptron learning rule."),
        symnn.Paragraph("For OR, every presentation of a row, with the weights after the rule:"),
        symnn.Table(("epoch", "$x$", "$t$", "$y$", "$t - y$", "$w$", "$b$"), trace_rows,
                    caption="The perceptron learning rule on OR, step by step."),
    ]


def _xor_blocks() -> list:
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
        where = "the starting weights"
    return [
        symnn.Paragraph(
            "XOR is not linearly separable, so no single unit computes it. For a unit with weights "
            "$w_1, w_2$ and bias $b$ to compute XOR, each row of its truth table asks for one inequality:"),
        symnn.Math("\\begin{aligned}\n" + conditions + "\n\\end{aligned}"),
        symnn.Paragraph(
            "These four inequalities have no common solution, and the library proves it rather than "
            "asserting it: Fourier-Motzkin elimination in exact rationals finds nonnegative multipliers "
            f"$({multipliers})$, one per inequality (a Farkas certificate). Written as $\\text{{form}} > 0$ "
            "or $\\geq 0$, multiplied and added, the inequalities give:"),
        symnn.Math(certificate.to_latex()),
        certificate.derivation(),
        symnn.Paragraph(
            f"Every variable cancels, and the sum claims ${certificate.contradiction}$: impossible, "
            "because a strict inequality took part with a positive multiplier. So no $(w_1, w_2, b)$ "
            "makes one threshold unit compute XOR, whatever the threshold convention's details."),
        symnn.Paragraph(
            f"The learning rule cannot find weights that do not exist. Run on XOR, the weights at the start "
            f"of epoch {start + period} are those at the start of epoch {start} ({where}): the rule is "
            f"deterministic, so it repeats the same {period}-epoch cycle forever, making "
            f"{sum(1 for u in xor.updates if u.epoch == start and u.error)} mistakes in every epoch of it."),
    ]


def _network_blocks() -> list:
    network = symnn.xor_network()
    (h_or, h_nand), out = network.hidden, network.output
    table = symnn.truth_table("XOR")
    rows = tuple((str(x[0]), str(x[1]), *(str(h) for h in network.hidden_outputs(x)), str(network(x)), str(t))
                 for x, t in table)
    fallback = symnn.Table(("$x_1$", "$x_2$", "$h_1$ = OR", "$h_2$ = NAND", "$y$ = AND$(h_1, h_2)$", "XOR"),
                           rows, caption="The two-layer network on all four inputs.")

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
        symnn.Paragraph(
            "A hidden layer removes the obstacle. XOR is true when at least one input is 1 (OR) and not "
            "both are (NAND): $\\mathrm{XOR}(x) = \\mathrm{AND}(\\mathrm{OR}(x), \\mathrm{NAND}(x))$. The "
            "three units below are exactly the ones the learning rule found above; the table evaluates the "
            "network on all four inputs."),
        symnn.TikZ(tikz, caption="A two-layer network of threshold units that computes XOR "
                                 "(weights on the edges, biases beside the units).", fallback=None),
        fallback,
    ]


def section() -> symnn.Section:
    """The MCP neuron, the perceptron learning rule, XOR's impossibility proof and a two-layer XOR."""
    blocks = [*_mcp_blocks(), *_learning_blocks(), *_xor_blocks(), *_network_blocks()]
    return symnn.Section("The MCP neuron and the perceptron", blocks, claims=[], order=50)
