"""The activation-derivative exercise: f(x) and f'(x) at a point, and the identity to prove."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cached_property
from html import escape
from pathlib import Path

import numpy as np
import sympy

from ..core.errors import SpecError, UnknownNameError
from ..core.functions import activation_info
from ..core.numbers import format_decimal
from ..render.latex import latex
from ..render.sheets import Display, Heading, Text, tr
from .base import (
    _X,
    Candidate,
    Exercise,
    Quantity,
    Variant,
    _act_latex,
    _dec,
    _numeric_ready,
    _RawDerivation,
)
from .generate import ExerciseSet
from .randomize import Choice, Randomization, Range


class ActivationExercise(Exercise):
    """f(x) and f'(x) of an activation at a point, and the derivative identity to prove.

    ``[values]`` holds ``activation`` (a catalogue name) and ``x``; ``[randomize]``
    may vary both (``activation = ["sigmoid", "tanh"]``).
    """

    kind = "activation_derivative"
    title_zh = "激活函数的导数"
    summary = "f(x) and f'(x) of an activation at a point, and the derivative identity"

    def __init__(self, data: Mapping, source: str, text: str = ""):

        super().__init__(data, source, text)
        values = data.get("values", {})
        if not isinstance(values, Mapping):
            raise SpecError(f"{source}: values: expected a table")
        unknown = set(values) - {"activation", "x"}
        unknown |= set(self.randomization.names) - {"activation", "x"}
        if unknown:
            raise UnknownNameError(f"symbol of an {self.kind} exercise in {source}", sorted(unknown)[0],
                                   ["activation", "x"])
        if self.randomization.targets:
            raise SpecError(f"{source}: randomize.targets: an {self.kind} exercise has no targets")
        self._values = {"activation": values.get("activation", "sigmoid"), "x": values.get("x", 0.5)}
        if "x" not in self.randomization and "x" not in values:
            self.defaulted = True
            self.randomization = Randomization(
                (*self.randomization.entries, Range("x", *_dec("-2", "2", "0.1"))),
                self.randomization.targets)
        names = self.activation_names()
        for name in names:
            if not isinstance(name, str):
                raise SpecError(f"{source}: activation: expected a name, got {name!r}")
            activation_info(name)
        if isinstance(self._values["x"], bool) or not isinstance(self._values["x"], int | float):
            raise SpecError(f"{source}: values.x: expected a number")
        self._compiled: dict[str, Callable] = {}

    def activation_names(self) -> list[str]:
        if "activation" in self.randomization:
            entry = self.randomization["activation"]
            return list(entry.options) if isinstance(entry, Choice) else [entry]
        return [self._values["activation"]]

    def fixed_values(self) -> dict:
        return dict(self._values)

    def quantities(self) -> list[Quantity]:
        return [Quantity(("value",), "f(x)", "f(x)"),
                Quantity(("derivative",), "f'(x)", "f'(x)")]

    def _function(self, name: str):
        from ..core.functions import activation

        if name not in self._compiled:
            from ..core.numeric import compile_expressions

            f = activation(name)(_X)
            self._compiled[name] = compile_expressions([_X], [_numeric_ready(f),
                                                              _numeric_ready(sympy.diff(f, _X))])
        return self._compiled[name]

    def evaluate(self, candidates: list[Candidate]) -> None:
        groups: dict[str, list[Candidate]] = {}
        for c in candidates:
            groups.setdefault(c.values["activation"], []).append(c)
        for name, group in groups.items():
            x = np.array([float(c.values["x"]) for c in group])
            value, derivative = (np.broadcast_to(np.asarray(a, dtype=float), x.shape)
                                 for a in self._function(name)(x))
            for c, f, d in zip(group, value, derivative, strict=True):
                c.answers = {"value": float(f), "derivative": float(d)}
                c.numbers = {"value": float(f), "derivative": float(d)}

    def problems(self, candidate: Candidate) -> list[str]:

        if candidate.values["x"] == 0:
            kink = activation_info(candidate.values["activation"]).kink
            return ["trivial point (x = 0" + (", where f' is a convention)" if kink else ")")]
        return []

    def calculated_categories(self, result: ExerciseSet, lang: str) -> list:
        """One calculated question per activation and answer: its formula, the drawn x as the dataset."""
        from ..render.moodle import CalculatedQuestion, QuestionCategory

        safe_title = escape(self.title)
        category = QuestionCategory(f"symnn/{safe_title.replace('/', '-')}/calculated",
                                    info=f"{safe_title}: calculated questions")
        for name in sorted({activation_info(v.values["activation"]).name for v in result.variants}):
            formulas = _MOODLE_FORMULAS.get(name)
            xs = sorted({float(v.values["x"]) for v in result.variants
                         if activation_info(v.values["activation"]).name == name})
            if formulas is None or not xs:
                continue
            for key, formula in zip(("value", "derivative"), formulas, strict=True):
                f = "f" if key == "value" else "f'"
                html = {"en": f"<p>Compute \\({f}(x)\\) for "
                              f"\\(f = {_act_latex(name)}\\) at \\(x = {{x}}\\), rounded to "
                              f"{self.decimals} decimals.</p>",
                        "zh": f"<p>对 \\(f = {_act_latex(name)}\\)，计算 \\(x = {{x}}\\) 处的 "
                              f"\\({f}(x)\\)"
                              f"（保留 {self.decimals} 位小数）。</p>"}[lang]
                category.questions.append(CalculatedQuestion(
                    idnumber=f"{Path(self.source).stem}-calculated-{name}-{key}",
                    name=f"{safe_title} · {name} · {key}", html=html, formula=formula,
                    tolerance=self.tolerance, decimals=self.decimals, datasets={"x": tuple(xs)}))
        return [category] if category.questions else []

    @cached_property
    def _derivations(self) -> dict:
        from ..topics.activations import activation_derivation

        return {activation_info(n).name: activation_derivation(n) for n in self.activation_names()}

    def _names(self, variant: Variant):
        from ..core.functions import activation, activation_info

        info = activation_info(variant.values["activation"])
        f = activation(info.name)(_X)
        return info, f

    def task(self, variant: Variant, lang: str) -> list:
        info, f = self._names(variant)
        x = self.value_text("x", variant.values["x"])
        blocks = [Text(tr(lang, "round", d=self.decimals, tol=format_decimal(self.tolerance, self.decimals))),
                  Display("f(x) = " + latex(f) + " = " + latex(f.rewrite(sympy.exp))),
                  Text("1. " + tr(lang, "act_task_value", f=latex(f).replace(r"\left(x\right)", ""), x=x))]
        derivation = self._derivations[info.name]
        blocks.append(Text("2. " + tr(lang, "act_task_prove",
                                      identity=latex(derivation.lhs) + " = " + latex(derivation.result))))
        return blocks

    def solution(self, variant: Variant, lang: str) -> list:
        info, f = self._names(variant)
        derivation = self._derivations[info.name]
        x = self.value_text("x", variant.values["x"])
        value, slope = variant.answers["value"], variant.answers["derivative"]
        shown = sympy.Symbol(f"({x})" if x.startswith("-") else x)
        rows = [rf"f({x}) &= {latex(f.rewrite(sympy.exp).subs(_X, shown))} "
                rf"\approx {self.number(value)} && \text{{{tr(lang, 'exact')} {self.exact(value)}}}",
                rf"f'({x}) &= \left.{latex(derivation.result)}\right|_{{x = {x}}} \approx "
                rf"{self.number(slope)} && \text{{{tr(lang, 'exact')} {self.exact(slope)}}}"]
        return [Heading(tr(lang, "at_point") + f" $x = {x}$"), Display(" \\\\\n".join(rows)),
                Heading(tr(lang, "act_proof")), _RawDerivation(derivation)]


#: f and f' of the activations whose formulas Moodle's calculator can write ({x} is the wildcard)
_MOODLE_FORMULAS = {
    "sigmoid": ("1/(1+exp(-({x})))", "exp(-({x}))/((1+exp(-({x})))*(1+exp(-({x}))))"),
    "tanh": ("tanh({x})", "1-tanh({x})*tanh({x})"),
    "softplus": ("log(1+exp({x}))", "1/(1+exp(-({x})))"),
    "identity": ("{x}", "1"),
}

