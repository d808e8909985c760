"""The perceptron exercise: the learning rule on a logic gate, and why XOR has no weights."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property

from ..core.errors import SpecError, UnknownNameError
from ..core.numbers import format_decimal
from ..render.sheets import Display, Grid, Heading, Text, tr
from .base import (
    Candidate,
    Quantity,
    Variant,
    _get,
    _sym,
)
from .named import _NamedValues


class PerceptronExercise(_NamedValues):
    """The perceptron learning rule on a logic gate; for XOR, the proof that no weights exist.

    ``[values]`` holds ``gate`` (AND, NAND, OR, XOR), ``learning_rate`` and the starting
    weights ``w1``, ``w2`` and bias ``b``. The answers are the weights and bias after
    the rule stops, the epochs it took and the mistakes it made; for XOR the rule
    runs into a cycle (the weights at the start of an epoch repeat), and the key
    adds the Farkas certificate: the four inequalities add up to 0 > 0.
    """

    kind = "perceptron"
    title_zh = "感知机学习规则"
    summary = "the perceptron rule on AND/NAND/OR, and why XOR is not linearly separable"
    allowed = ("gate", "learning_rate", "w1", "w2", "b")

    def __init__(self, data: Mapping, source: str, text: str = ""):
        from ..topics.perceptron import TRUTH_TABLES

        super().__init__(data, source, text)
        self._values.setdefault("gate", "AND")
        self._values.setdefault("learning_rate", 1.0)
        for name in ("w1", "w2", "b"):
            self._values.setdefault(name, 0.0)
        for gate in self.options("gate", "AND"):
            if str(gate).upper() not in TRUTH_TABLES:
                raise UnknownNameError(f"gate (in {source})", str(gate), TRUTH_TABLES)
        for eta in self.options("learning_rate", 1.0):
            if isinstance(eta, str) or float(eta) <= 0:
                raise SpecError(f"{source}: learning_rate: expected a positive number, got {eta!r}")

    @cached_property
    def _quantities(self) -> list[Quantity]:
        return [Quantity(("weights", "w1"), "w_1", "w1"),
                Quantity(("weights", "w2"), "w_2", "w2"),
                Quantity(("bias",), "b", "b"),
                Quantity(("epochs",), r"\text{epochs}", "epochs"),
                Quantity(("mistakes",), r"\text{mistakes}", "mistakes")]

    def quantities(self) -> list[Quantity]:
        return self._quantities

    def _train(self, values: Mapping):
        from ..topics.perceptron import train_perceptron, truth_table

        return train_perceptron(truth_table(str(values["gate"])), learning_rate=values["learning_rate"],
                                initial_weights=(values["w1"], values["w2"]), initial_bias=values["b"])

    def evaluate(self, candidates: list[Candidate]) -> None:
        for c in candidates:
            c.values = {k: (float(v) if k != "gate" else str(v).upper()) for k, v in c.values.items()}
            training = self._train(c.values)
            c.answers = {"weights": {"w1": float(training.weights[0]), "w2": float(training.weights[1])},
                         "bias": float(training.bias), "epochs": training.epochs,
                         "mistakes": training.mistakes, "converged": training.converged,
                         "separable": c.values["gate"] != "XOR"}
            c.numbers = {q.name: _get(c.answers, q.key) for q in self.quantities()}
            if training.mistakes == 0:
                c.problems.append("nothing to learn (the starting weights already compute the gate)")
            elif not training.converged and training.cycle is None:
                c.problems.append("the rule did not stop within 100 epochs")

    def task(self, variant: Variant, lang: str) -> list:
        v = variant.values
        rows = tuple((f"${_sym(n)}$" if n != "learning_rate" else r"$\eta$",
                      self.value_text(n, v[n])) for n in ("w1", "w2", "b", "learning_rate"))
        gate = v["gate"]
        words = {"en": ("A threshold unit $y = 1$ if $w_1 x_1 + w_2 x_2 + b \\ge 0$, else $0$, "
                        f"is to compute {gate}. The perceptron rule $w \\leftarrow w + \\eta (t - y) x$, "
                        "$b \\leftarrow b + \\eta (t - y)$ goes through the rows (0,0), (0,1), (1,0), (1,1) "
                        "in order, epoch by epoch, starting from:",
                        "Run the rule until an epoch makes no mistake, or until the weights at the start "
                        "of an epoch repeat. Give the final $w_1, w_2, b$, the number of epochs and of "
                        "mistakes.",
                        f"Is {v['gate']} linearly separable? Prove your answer."),
                 "zh": ("阈值神经元 $y = 1$（当 $w_1 x_1 + w_2 x_2 + b \\ge 0$）否则 $0$，"
                        f"要实现 {gate}。"
                        "感知机学习规则 $w \\leftarrow w + \\eta (t - y) x$，"
                        "$b \\leftarrow b + \\eta (t - y)$，"
                        "按 (0,0)、(0,1)、(1,0)、(1,1) 的顺序逐轮训练，初始值为：",
                        "训练到某一轮没有错误，或某轮开始时的权重重复出现为止。给出最终的 "
                        "$w_1, w_2, b$、轮数与错误次数。",
                        f"{v['gate']} 是否线性可分？请证明。")}[lang]
        return [Text(tr(lang, "round", d=self.decimals, tol=format_decimal(self.tolerance, self.decimals))),
                Text(words[0]), Grid((tr(lang, "symbol"), tr(lang, "value")), rows),
                Heading(tr(lang, "tasks")), Text("1. " + words[1]), Text("2. " + words[2])]

    def solution(self, variant: Variant, lang: str) -> list:
        from ..topics.perceptron import (
            bias_symbol,
            farkas_certificate,
            separation_inequalities,
            truth_table,
            weight_symbols,
        )

        v, a = variant.values, variant.answers
        training = self._train(v)
        header = ("epoch", "$x$", "$t$", "$y$", "$t - y$", "$w_1$", "$w_2$", "$b$")
        rows = tuple((str(u.epoch), f"({u.inputs[0]}, {u.inputs[1]})", str(u.target), str(u.output),
                      str(u.error), self.number(float(u.weights[0])), self.number(float(u.weights[1])),
                      self.number(float(u.bias))) for u in training.updates)
        blocks = [Heading(tr(lang, "update")), Grid(header, rows)]
        if a["separable"]:
            w1, w2, b = (self.number(x) for x in (a["weights"]["w1"], a["weights"]["w2"], a["bias"]))
            gate, epochs, mistakes = v["gate"], a["epochs"], a["mistakes"]
            text = {"en": f"Epoch {epochs} makes no mistake: $w_1 = {w1}$, $w_2 = {w2}$, $b = {b}$ "
                          f"compute {gate} ({mistakes} mistakes), so {gate} is linearly separable.",
                    "zh": f"第 {epochs} 轮没有错误：$w_1 = {w1}$，$w_2 = {w2}$，$b = {b}$ 实现 "
                          f"{gate}（共 {mistakes} 次错误），所以 {gate} 线性可分。"}[lang]
            blocks.append(Text(text))
        else:
            start, period = training.cycle
            text = {"en": f"The weights at the start of epoch {start + period} repeat those of "
                          f"epoch {start}: the rule cycles and never stops. No weights exist: "
                          "the four inequalities the "
                          "truth table asks for add up to a contradiction.",
                    "zh": f"第 {start + period} 轮开始时的权重与第 {start} 轮相同：规则循环，永不停止。"
                          "不存在这样的权重：真值表要求的四个不等式相加得到矛盾。"}[lang]
            blocks.append(Text(text))
            certificate = farkas_certificate(separation_inequalities(truth_table("XOR")),
                                             (*weight_symbols(2), bias_symbol()))
            body = certificate.to_latex().removeprefix("\\begin{aligned}\n").removesuffix("\n\\end{aligned}")
            blocks.append(Display(body))
        return blocks

