"""Small kinds with named values: softmax with cross-entropy, and a loss with its gradient."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property

import numpy as np
import sympy

from ..core.errors import SpecError, UnknownNameError
from ..core.numbers import format_decimal
from ..render.latex import latex
from ..render.sheets import Display, Grid, Heading, Text, tr
from .base import (
    Candidate,
    Exercise,
    Quantity,
    Variant,
    _cached,
    _filled,
    _get,
    _RawDerivation,
    _whole_number,
)
from .randomize import Choice, Range


class _NamedValues(Exercise):
    """A kind whose [values] are a few named numbers (and names), all of which may be randomised."""

    allowed: tuple[str, ...] = ()

    def __init__(self, data: Mapping, source: str, text: str = ""):
        super().__init__(data, source, text)
        values = data.get("values", {})
        if not isinstance(values, Mapping):
            raise SpecError(f"{source}: values: expected a table")
        self._values = dict(values)
        if self.randomization.targets:
            raise SpecError(f"{source}: randomize.targets: a {self.kind} exercise names its targets "
                            "in [randomize] itself")
        for name in [*self._values, *self.randomization.names]:
            if not self.known(name):
                raise UnknownNameError(f"value of a {self.kind} exercise (in {source})", name, self.allowed)

    def known(self, name: str) -> bool:
        return name in self.allowed

    def fixed_values(self) -> dict:
        return dict(self._values)

    def options(self, name: str, default) -> list:
        """Every value ``name`` can take (its choices, or its one fixed value)."""
        entry = self.randomization.entry(name)
        if isinstance(entry, Choice):
            return list(entry.options)
        if isinstance(entry, Range):
            return list(entry.values) if entry.size <= 1000 else [entry.value(0)]
        return [self._values.get(name, default)]


class SoftmaxExercise(_NamedValues):
    """Softmax probabilities, a Jacobian entry dŷ_i/dz_j, and softmax + cross-entropy.

    ``[values]`` holds the scores ``z1 .. zK``, the true class ``label`` and the
    Jacobian entry ``i``, ``j`` asked (all may be randomised).
    """

    kind = "softmax"
    title_zh = "Softmax 与交叉熵"
    summary = "softmax probabilities, a Jacobian entry, the cross-entropy and its gradient dL/dz"

    def __init__(self, data: Mapping, source: str, text: str = ""):
        self.allowed = ("label", "i", "j", *[f"z{k}" for k in range(1, 10)])
        super().__init__(data, source, text)
        names = {*self._values, *self.randomization.names}
        self.classes = len([k for k in range(1, 10) if f"z{k}" in names])
        if self.classes < 2 or any(f"z{k}" not in names for k in range(1, self.classes + 1)):
            raise SpecError(f"{source}: values: expected the scores z1, z2, ... (at least two, numbered "
                            "from 1 without gaps)")
        for name, default in (("label", 1), ("i", 1), ("j", 2)):
            for option in self.options(name, default):
                _whole_number(option, f"{source}: {name}", 1, self.classes)
        self._values.setdefault("label", 1)
        self._values.setdefault("i", 1)
        self._values.setdefault("j", 2)

    @cached_property
    def _quantities(self) -> list[Quantity]:
        K = self.classes
        qs = [Quantity(("probabilities", f"y{k}"), rf"\hat{{y}}_{{{k}}}", f"y{k}") for k in range(1, K + 1)]
        qs.append(Quantity(("jacobian",), r"\partial \hat{y}_i / \partial z_j", "dy_i/dz_j"))
        qs.append(Quantity(("loss",), "L", "L"))
        qs += [Quantity(("gradients", f"z{k}"), rf"\partial L / \partial z_{{{k}}}", f"dL/dz{k}")
               for k in range(1, K + 1)]
        return qs

    def quantities(self) -> list[Quantity]:
        return self._quantities

    def part_latex(self, variant: Variant, quantity: Quantity) -> str:
        if quantity.name == "jacobian":
            v = variant.values
            return rf"\partial \hat{{y}}_{{{v['i']}}} / \partial z_{{{v['j']}}}"
        return quantity.latex

    def equal_groups(self, candidate: Candidate) -> list[set[str]]:
        """dL/dz_k = y-hat_k - y_k is y-hat_k itself for every class but the true one."""
        label = candidate.values["label"]
        return [{f"probabilities.y{k}", f"gradients.z{k}"} for k in range(1, self.classes + 1) if k != label]

    def draw(self, seed: int) -> Candidate:
        candidate = super().draw(seed)
        for name in ("label", "i", "j"):
            candidate.values[name] = int(candidate.values[name])
        return candidate

    def evaluate(self, candidates: list[Candidate]) -> None:
        from ..core.numeric import softmax

        K = self.classes
        z = np.array([[float(c.values[f"z{k}"]) for k in range(1, K + 1)] for c in candidates])
        y_hat = softmax(z, axis=1)
        for row, c in enumerate(candidates):
            p = y_hat[row]
            i, j, label = c.values["i"] - 1, c.values["j"] - 1, c.values["label"] - 1
            jacobian = p[i] * ((1.0 if i == j else 0.0) - p[j])
            one_hot = np.eye(K)[label]
            c.answers = {"probabilities": {f"y{k + 1}": float(p[k]) for k in range(K)},
                         "jacobian": float(jacobian),
                         "loss": float(-np.log(p[label])),
                         "gradients": {f"z{k + 1}": float(p[k] - one_hot[k]) for k in range(K)}}
            c.numbers = {q.name: _get(c.answers, q.key) for q in self.quantities()}

    def task(self, variant: Variant, lang: str) -> list:
        K = self.classes
        v = variant.values
        rows = tuple((f"$z_{{{k}}}$", self.value_text(f"z{k}", v[f"z{k}"])) for k in range(1, K + 1))
        words = {"en": (f"The scores $z_1, \\dots, z_{K}$ below go through a softmax, "
                        "$\\hat{y}_k = e^{z_k} / \\sum_j e^{z_j}$; "
                        f"the true class is {v['label']}, the loss is the cross-entropy "
                        f"$L = -\\sum_k y_k \\log \\hat{{y}}_k = -\\log \\hat{{y}}_{{{v['label']}}}$.",
                        "Compute the probabilities $\\hat{y}_k$.",
                        f"Derive and compute $\\partial \\hat{{y}}_{{{v['i']}}} / \\partial z_{{{v['j']}}}$.",
                        "Compute $L$ and its gradient $\\partial L / \\partial z_k$ for every $k$ "
                        "(show that it is $\\hat{y}_k - y_k$)."),
                 "zh": (f"下列得分 $z_1, \\dots, z_{K}$ 经过 Softmax："
                        "$\\hat{y}_k = e^{z_k} / \\sum_j e^{z_j}$；"
                        f"真实类别为 {v['label']}，损失函数为交叉熵 "
                        f"$L = -\\sum_k y_k \\log \\hat{{y}}_k = -\\log \\hat{{y}}_{{{v['label']}}}$。",
                        "计算概率 $\\hat{y}_k$。",
                        f"推导并计算 $\\partial \\hat{{y}}_{{{v['i']}}} / \\partial z_{{{v['j']}}}$。",
                        "计算 $L$ 及其梯度 $\\partial L / \\partial z_k$"
                        "（证明它等于 $\\hat{y}_k - y_k$）。")}[lang]
        return [Text(tr(lang, "round", d=self.decimals, tol=format_decimal(self.tolerance, self.decimals))),
                Text(words[0]), Grid((tr(lang, "symbol"), tr(lang, "value")), rows),
                Heading(tr(lang, "tasks")), Text("1. " + words[1]), Text("2. " + words[2]),
                Text("3. " + words[3])]

    def solution(self, variant: Variant, lang: str) -> list:
        from ..topics.losses import cross_entropy_derivation
        from ..topics.softmax import softmax_derivation

        K = self.classes
        v, a = variant.values, variant.answers
        ex = tr(lang, "exact")
        zs = [self.value_text(f"z{k}", v[f"z{k}"]) for k in range(1, K + 1)]
        total = " + ".join(f"e^{{{z}}}" for z in zs)
        rows = [rf"\hat{{y}}_{{{k}}} &= \frac{{e^{{{zs[k - 1]}}}}}{{{total}}} \approx "
                rf"{self.number(a['probabilities'][f'y{k}'])}" for k in range(1, K + 1)]
        i, j, label = v["i"], v["j"], v["label"]
        yi, yj = (self.number(a["probabilities"][f"y{n}"]) for n in (i, j))
        value = rf"{yi} \left(1 - {yi}\right)" if i == j else rf"-{yi} \cdot {yj}"
        blocks = [Heading("Softmax"), Display(" \\\\\n".join(rows)),
                  Heading(rf"$\partial \hat{{y}}_{{{i}}} / \partial z_{{{j}}}$"),
                  _RawDerivation(_cached(softmax_derivation, i, j, K)),
                  Display(rf"\frac{{\partial \hat{{y}}_{{{i}}}}}{{\partial z_{{{j}}}}} &= {value} \approx "
                          rf"{self.number(a['jacobian'])} && \text{{{ex} {self.exact(a['jacobian'])}}}"),
                  Heading(tr(lang, "error"))]
        blocks.append(Display(rf"L &= -\log \hat{{y}}_{{{label}}} = -\log "
                              rf"{self.number(a['probabilities'][f'y{label}'])} "
                              rf"\approx {self.number(a['loss'])} "
                              rf"&& \text{{{ex} {self.exact(a['loss'])}}}"))
        blocks.append(Heading(tr(lang, "gradient_chain")))
        other = next(k for k in range(1, K + 1) if k != label)
        blocks.append(_RawDerivation(_cached(cross_entropy_derivation, label, K, label)))
        blocks.append(_RawDerivation(_cached(cross_entropy_derivation, other, K, label)))
        rows = [rf"\frac{{\partial L}}{{\partial z_{{{k}}}}} &= \hat{{y}}_{{{k}}} - y_{{{k}}} = "
                rf"{self.number(a['probabilities'][f'y{k}'])} - {1 if k == label else 0} \approx "
                rf"{self.number(a['gradients'][f'z{k}'])} "
                rf"&& \text{{{ex} {self.exact(a['gradients'][f'z{k}'])}}}"
                for k in range(1, K + 1)]
        blocks.append(Display(" \\\\\n".join(rows)))
        return blocks



#: the losses a loss exercise may ask, and whether their targets are a class label
_LOSS_KINDS = {"half_sse": False, "mse": False, "cross_entropy": True, "hinge": True}


class LossExercise(_NamedValues):
    """A loss value and its gradient with respect to every output.

    ``[values]`` holds ``loss`` (half_sse, mse, cross_entropy or hinge), the outputs
    ``o1 .. oK`` and either the targets ``y1 .. yK`` (squared errors) or the true
    class ``label`` (cross-entropy, hinge).
    """

    kind = "loss"
    title_zh = "损失函数及其梯度"
    summary = "a loss (half_sse, mse, cross_entropy, hinge) and its gradient for given outputs"

    def __init__(self, data: Mapping, source: str, text: str = ""):
        self.allowed = ("loss", "label", *[f"o{k}" for k in range(1, 10)], *[f"y{k}" for k in range(1, 10)])
        super().__init__(data, source, text)
        names = {*self._values, *self.randomization.names}
        self.classes = len([k for k in range(1, 10) if f"o{k}" in names])
        if self.classes < 1 or any(f"o{k}" not in names for k in range(1, self.classes + 1)):
            raise SpecError(f"{source}: values: expected the outputs o1, o2, ... "
                            "numbered from 1 without gaps")
        self._values.setdefault("loss", "half_sse")
        for name in self.options("loss", "half_sse"):
            if name not in _LOSS_KINDS:
                raise UnknownNameError(f"loss of a loss exercise (in {source})", str(name), _LOSS_KINDS)
            if _LOSS_KINDS[name]:
                for option in self.options("label", None):
                    _whole_number(option, f"{source}: label", 1, self.classes)
            else:
                missing = [f"y{k}" for k in range(1, self.classes + 1) if f"y{k}" not in names]
                if missing:
                    raise SpecError(f"{source}: values: the loss {name} needs the targets "
                                    f"{', '.join(missing)}")
            if name == "cross_entropy":
                for k in range(1, self.classes + 1):
                    if any(float(o) <= 0 for o in self.options(f"o{k}", 1.0)):
                        raise SpecError(f"{source}: o{k}: cross-entropy needs outputs > 0 (probabilities)")

    @cached_property
    def _quantities(self) -> list[Quantity]:
        qs = [Quantity(("loss",), "L", "L")]
        qs += [Quantity(("gradients", f"o{k}"), rf"\partial L / \partial o_{{{k}}}", f"dL/do{k}")
               for k in range(1, self.classes + 1)]
        return qs

    def quantities(self) -> list[Quantity]:
        return self._quantities

    def equal_groups(self, candidate: Candidate) -> list[set[str]]:
        """The hinge's dL/do_k is 1 for every class whose margin is active."""
        if candidate.values["loss"] != "hinge":
            return []
        return [{f"gradients.o{k}" for k in range(1, self.classes + 1)
                 if k != int(candidate.values["label"]) and candidate.numbers[f"gradients.o{k}"] == 1.0}]

    def targets_of(self, values: Mapping) -> list[float]:
        K = self.classes
        if _LOSS_KINDS[values["loss"]]:
            return [1.0 if k == int(values["label"]) else 0.0 for k in range(1, K + 1)]
        return [float(values[f"y{k}"]) for k in range(1, K + 1)]

    def evaluate(self, candidates: list[Candidate]) -> None:
        K = self.classes
        for c in candidates:
            if "label" in c.values:
                c.values["label"] = int(c.values["label"])
            o = np.array([float(c.values[f"o{k}"]) for k in range(1, K + 1)])
            y = np.array(self.targets_of(c.values))
            name = c.values["loss"]
            if name == "half_sse":
                loss, grad = 0.5 * np.sum((o - y) ** 2), o - y
            elif name == "mse":
                loss, grad = np.mean((o - y) ** 2), 2 * (o - y) / K
            elif name == "cross_entropy":
                loss, grad = -np.sum(y * np.log(o)), -y / o
            else:
                label = int(np.argmax(y))
                margins = o - o[label] + 1.0
                margins[label] = 0.0
                loss = np.sum(np.maximum(0.0, margins))
                grad = (margins > 0).astype(float)
                grad[label] = -np.sum(grad)
                if any(margins[k] == 0 for k in range(K) if k != label):
                    c.problems.append("at the kink of the hinge (a margin is exactly 0)")
            c.answers = {"loss": float(loss), "gradients": {f"o{k + 1}": float(grad[k]) for k in range(K)}}
            c.numbers = {q.name: _get(c.answers, q.key) for q in self.quantities()}
            if name == "cross_entropy":  # -y_k / o_k is 0 by the formula for every class but the true one
                c.unasked = {f"gradients.o{k + 1}" for k in range(K) if y[k] == 0}
            if all(abs(g) < 10.0 ** (1 - self.decimals) for g in grad):
                c.problems.append("vanishing gradient (every dL/do_k is 0 at the decimals asked)")

    def _symbols(self):
        K = self.classes
        return ([sympy.Symbol(f"o_{k}", real=True) for k in range(1, K + 1)],
                [sympy.Symbol(f"y_{k}", real=True) for k in range(1, K + 1)])

    def task(self, variant: Variant, lang: str) -> list:
        from ..topics.losses import loss

        K = self.classes
        v = variant.values
        info = loss(v["loss"])
        rows = [(f"$o_{{{k}}}$", self.value_text(f"o{k}", v[f"o{k}"])) for k in range(1, K + 1)]
        if _LOSS_KINDS[v["loss"]]:
            given = {"en": f"the true class is {v['label']}", "zh": f"真实类别为 {v['label']}"}[lang]
        else:
            rows += [(f"$y_{{{k}}}$", self.value_text(f"y{k}", v[f"y{k}"])) for k in range(1, K + 1)]
            given = {"en": "the targets are $y_k$", "zh": "目标值为 $y_k$"}[lang]
        words = {"en": (f"The loss is {info.title.lower()}, ${info.formula}$; the outputs are $o_k$ "
                        f"and {given}.", "Compute the loss $L$.",
                        "Compute its gradient $\\partial L / \\partial o_k$ for every output."),
                 "zh": (f"损失函数为 {info.title}：${info.formula}$；输出为 $o_k$，{given}。",
                        "计算损失 $L$。", "计算梯度 $\\partial L / \\partial o_k$。")}[lang]
        return [Text(tr(lang, "round", d=self.decimals, tol=format_decimal(self.tolerance, self.decimals))),
                Text(words[0]), Grid((tr(lang, "symbol"), tr(lang, "value")), tuple(rows)),
                Heading(tr(lang, "tasks")), Text("1. " + words[1]), Text("2. " + words[2])]

    def solution(self, variant: Variant, lang: str) -> list:
        from ..topics.losses import loss

        K = self.classes
        v, a = variant.values, variant.answers
        ex = tr(lang, "exact")
        o, y = self._symbols()
        info = loss(v["loss"])
        label_loss = _LOSS_KINDS[v["loss"]]
        targets = self.targets_of(v)
        target_args = [int(t) for t in targets] if label_loss else y
        expr = info.expr(o, target_args)
        gradient = info.gradient(o, target_args)
        numbers = {f"o_{k}": self.value_text(f"o{k}", v[f"o{k}"]) for k in range(1, K + 1)}
        if not label_loss:
            numbers.update({f"y_{k}": self.value_text(f"y{k}", v[f"y{k}"]) for k in range(1, K + 1)})
        rows = [rf"L &= {latex(expr)}",
                rf"&= {_filled(expr, numbers)} \approx {self.number(a['loss'])} "
                rf"&& \text{{{ex} {self.exact(a['loss'])}}}"]
        for k in range(1, K + 1):
            g = a["gradients"][f"o{k}"]
            form = gradient[k - 1]
            if v["loss"] == "hinge":
                form = form.replace(sympy.Heaviside, lambda *args: sympy.Heaviside(args[0], 0))
            rows.append(rf"\frac{{\partial L}}{{\partial o_{{{k}}}}} &= {latex(form)} = "
                        rf"{_filled(form, numbers) if form.free_symbols else latex(form)} "
                        rf"\approx {self.number(g)} "
                        rf"&& \text{{{ex} {self.exact(g)}}}")
        return [Heading(tr(lang, "error")), Display(" \\\\\n".join(rows))]

