"""The network exercise: forward pass, loss, deltas, gradients by the chain rule, one update."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property

import numpy as np
import sympy

from ..core.errors import SpecError, UnknownNameError
from ..core.functions import activation_info
from ..core.numbers import format_decimal
from ..render.latex import latex
from ..render.sheets import Display, Grid, Heading, Picture, Text, tr
from .base import (
    _CLASS_LOSSES,
    SATURATION,
    Candidate,
    Exercise,
    Quantity,
    Variant,
    _act_latex,
    _dec,
    _factor_latex,
    _get,
    _name_latex,
    _numeric_ready,
    _partial_latex,
    _signed,
    _slot,
    _sym,
)
from .randomize import Choice, Randomization, Range

# -- the network exercise -----------------------------------------------------------------------

class _Layout:
    """Symbols and their sheet names for one network (one choice of activation)."""

    def __init__(self, net):
        from ..core.numeric import compile_expressions

        self.net = net
        self._rows: dict[str, tuple[list[str], list[str]]] = {}
        self._templates: dict = {}
        self._delta_rules: dict[str, sympy.Expr] = {}
        self._rule_latex: dict[str, str] = {}
        spec = net.spec
        names = [*net.inputs, *net.units, *net.parameters]
        arguments = [net.symbol(n) for n in names]
        self.pre_symbols = [net.preactivation_symbol(u) for u in net.units]
        self.target_symbols = [net.target_symbol(u) for u in net.output_units]
        self.arguments = [*arguments, *self.pre_symbols, *self.target_symbols]
        self.names = [*names, *[f"In_{u}" for u in net.units],
                      *[net.target_name(u) for u in net.output_units]]
        self.factors = {p: net.chain_rule(p) for p in net.parameters}
        factor_exprs = [f.expr for p in net.parameters for path in self.factors[p] for f in path]
        self.loss = net.loss_expr()
        # the values come from the network itself (Network.evaluate); only the key's chain-rule
        # factors, one number per factor of every path, are compiled here
        self.factor_function = compile_expressions(self.arguments, [_numeric_ready(e) for e in factor_exprs])
        self.slopes = {}
        z = sympy.Symbol("z", real=True)
        from ..core.functions import activation

        for layer in spec.layers:
            if layer.activation != "softmax" and layer.activation not in self.slopes:
                f = activation(layer.activation)(z)
                self.slopes[layer.activation] = compile_expressions([z], [_numeric_ready(sympy.diff(f, z))])

    def rule_latex(self, unit: str) -> str:
        """LaTeX of :meth:`delta_rule` (cached)."""
        if unit not in self._rule_latex:
            self._rule_latex[unit] = latex(self.delta_rule(unit))
        return self._rule_latex[unit]

    def delta_rule(self, unit: str) -> sympy.Expr:
        """delta of ``unit`` one layer deep (cached)."""
        if unit not in self._delta_rules:
            self._delta_rules[unit] = self.net.delta_rule(unit)
        return self._delta_rules[unit]

    @cached_property
    def tikz(self) -> str:
        return network_tikz(self.net)

    @cached_property
    def png(self) -> bytes:
        return network_figure(self.net)

    @cached_property
    def alt(self) -> str:
        return _network_alt(self.net)

    @cached_property
    def uses(self) -> dict[str, list]:
        return {p: self.net.uses(p) for p in self.net.parameters}

    @cached_property
    def loss_latex(self) -> str:
        return latex(self.loss)

    def rows(self, parameter: str) -> tuple[list[str], list[str]]:
        """The chain-rule paths of dE/d``parameter`` as partials and as closed forms (LaTeX, cached)."""
        if parameter not in self._rows:
            paths = self.factors[parameter]
            self._rows[parameter] = (
                [r" \cdot ".join(_partial_latex(f) for f in path) for path in paths],
                [r" \cdot ".join(_factor_latex(f.expr) for f in path) for path in paths])
        return self._rows[parameter]

    def template(self, expr: sympy.Expr) -> tuple[str, list[str]]:
        """``expr`` in LaTeX with numbered slots for its symbols, and the symbols' names (cached).

        The slots are symbols that sort like the ones they stand for, so the printed
        order of the terms is that of ``expr`` itself.
        """
        if expr not in self._templates:
            names = sorted(str(s) for s in expr.free_symbols)
            slots = {sympy.Symbol(n): sympy.Symbol(_slot(i)) for i, n in enumerate(names)}
            self._templates[expr] = (latex(expr.xreplace(slots), mul_symbol="dot"), names)
        return self._templates[expr]

    def run(self, columns: dict[str, np.ndarray], n: int) -> dict[str, np.ndarray]:
        """Every number of the forward and backward pass, one array entry per variant: the values
        from :meth:`symnn.Network.evaluate`, the chain-rule factors of the key compiled here."""
        net = self.net
        values = dict(columns)
        keys = ["loss", *[f"gradient:{p}" for p in net.parameters], *[f"delta:{u}" for u in net.units],
                *net.units, *[f"In_{u}" for u in net.units]]
        for key in keys:
            values[key] = np.empty(n)
        given = [*net.inputs, *net.parameters]
        for i in range(n):
            evaluation = net.evaluate({name: float(columns[name][i]) for name in given},
                                      {u: float(columns[net.target_name(u)][i]) for u in net.output_units})
            values["loss"][i] = evaluation.loss
            for p in net.parameters:
                values[f"gradient:{p}"][i] = evaluation.gradients[p]
            for u in net.units:
                values[f"delta:{u}"][i] = evaluation.deltas[u]
                values[u][i] = evaluation.forward[u]
                values[f"In_{u}"][i] = evaluation.preactivation[u]

        def full(value):
            return np.broadcast_to(np.asarray(value, dtype=float), (n,))

        with np.errstate(all="ignore"):
            results = [full(r) for r in self.factor_function(*[values[name] for name in self.names])]
            for layer in net.spec.layers:
                if layer.activation != "softmax":
                    for unit in layer.units:
                        values[f"slope:{unit}"] = full(self.slopes[layer.activation](values[f"In_{unit}"])[0])
        k = 0
        for p in net.parameters:
            for i, path in enumerate(self.factors[p]):
                for j, _ in enumerate(path):
                    values[f"factor:{p}:{i}:{j}"] = results[k]
                    k += 1
        return values


class NetworkExercise(Exercise):
    """The network exercise: forward pass, loss, gradients by the chain rule, one update.

    The spec is that of ``symnn backprop`` (one sample: [values] and [targets]). Without a
    [randomize] table every weight and bias is drawn from -1 .. 1 in steps of 0.1 (not 0),
    every input from -1 .. 1 in steps of 0.1 (not 0), and every target from 0 .. 1 in steps
    of 0.01 (for cross-entropy and hinge losses: a one-hot class). With a [randomize] table
    only what it names varies. ``[exercise] gradients = ["w5", "w1"]`` chooses the gradients
    (the lecture's delta_i) asked; by default every trainable parameter's.
    """

    kind = "network"
    title_zh = "神经网络的反向传播"
    summary = "forward pass, loss, gradients by the chain rule and one update (a [network] spec)"
    answers_spec_name = "network_spec.toml"

    def answers_spec(self) -> str:
        """The network spec (a network spec ignores [randomize] and [exercise]), for ``symnn check``."""
        return self.text

    def __init__(self, data: Mapping, source: str, text: str = ""):
        from ..models.spec import parse_spec

        super().__init__(data, source, text)
        self.spec = parse_spec(self.answers_spec(), source=source)
        spec = self.spec
        self.parameters: list[str] = spec.parameters
        self.units: list[str] = spec.units
        if len(spec.samples) != 1:
            raise SpecError(f"{source}: data: the network exercise draws one sample; "
                            f"expected [values] and [targets], not {len(spec.samples)} [[data]] tables")
        outputs = spec.output_units
        known = [*spec.inputs, *spec.parameters, "activation", "learning_rate"]
        for name in self.randomization.names:
            if name not in known:
                raise UnknownNameError(f"symbol to randomize (in {source}: randomize)", name, known)
        for entry in self.randomization.targets:
            if entry.name not in [*outputs, "class"]:
                raise UnknownNameError(f"target to randomize (in {source}: randomize.targets)", entry.name,
                                       [*outputs, "class"])
            if entry.name == "class":
                bad = [o for o in getattr(entry, "options", ()) if o not in outputs]
                if not isinstance(entry, Choice) or bad:
                    raise SpecError(f"{source}: randomize.targets.class: expected a list of output units "
                                    f"(one of {', '.join(outputs)})")
        for name in ("activation", "learning_rate"):
            if name in self.randomization:
                entry = self.randomization[name]
                if name == "activation" and not isinstance(entry, Choice):
                    raise SpecError(f"{source}: randomize.activation: expected a list of activation names")
        if not self.randomization:
            self.defaulted = True
            self.randomization = self._default_randomization()
        settings = self.settings
        asked = settings.get("gradients", [p for p in spec.parameters if p not in spec.frozen])
        if not isinstance(asked, list) or not asked or not all(isinstance(p, str) for p in asked):
            raise SpecError(f"{source}: exercise.gradients: expected a list of parameter names")
        for p in asked:
            if p not in spec.parameters:
                raise UnknownNameError(f"parameter (in {source}: exercise.gradients)", p, spec.parameters)
        self.asked = list(asked)
        self._layouts: dict[str, _Layout] = {}

    def _default_randomization(self) -> Randomization:
        spec = self.spec
        entries = [Range(p, *_dec("-1", "1", "0.1"), exclude_zero=True) for p in spec.parameters]
        entries += [Range(x, *_dec("-1", "1", "0.1"), exclude_zero=True) for x in spec.inputs]
        if spec.loss in _CLASS_LOSSES:
            targets = [Choice("class", tuple(spec.output_units))]
        else:
            targets = [Range(u, *_dec("0", "1", "0.01")) for u in spec.output_units]
        return Randomization(tuple(entries), tuple(targets))

    # -- drawing and evaluating ------------------------------------------------------------------
    def draw(self, seed: int) -> Candidate:
        values, targets = self.randomization.draw_all(seed)
        spec = self.spec
        all_values = {n: float(spec.values[n]) if n in spec.values else float(spec.samples[0].inputs[n])
                      for n in [*spec.inputs, *self.parameters]}
        extra = {"activation": values.pop("activation", None),
                 "learning_rate": float(values.pop("learning_rate", spec.learning_rate))}
        all_values.update(values)
        all_targets = {u: float(spec.samples[0].targets[u]) for u in spec.output_units}
        if "class" in targets:
            chosen = targets.pop("class")
            all_targets = {u: 1.0 if u == chosen else 0.0 for u in spec.output_units}
        all_targets.update({u: float(v) for u, v in targets.items()})
        ordered = {n: all_values[n] for n in [*spec.inputs, *self.parameters]}
        return Candidate(seed, ordered, all_targets, extra=extra)

    def layout(self, activation_name: str | None) -> _Layout:
        import dataclasses

        from ..models.network import Network

        key = activation_name or ""
        if key not in self._layouts:
            spec = self.spec
            if activation_name:
                layers = [layer if layer.activation == "softmax" else
                          dataclasses.replace(layer, activation=activation_name) for layer in spec.layers]
                spec = dataclasses.replace(spec, layers=layers)
            self._layouts[key] = _Layout(Network(spec))
        return self._layouts[key]

    def quantities(self) -> list[Quantity]:
        return self._quantities

    @cached_property
    def _quantities(self) -> list[Quantity]:
        net_units = self.spec.units
        qs = [Quantity(("forward", u), _sym(u), u)
              for u in net_units]
        qs.append(Quantity(("loss",), "E", "Error"))
        qs += [Quantity(("gradients", p), rf"\frac{{\partial E}}{{\partial {_sym(p)}}}",
                        f"dE/d{p}") for p in self.asked]
        qs += [Quantity(("updated", p), _sym(p) + "'", f"{p}'")
               for p in self.asked]
        return qs

    def evaluate(self, candidates: list[Candidate]) -> None:
        groups: dict[str, list[Candidate]] = {}
        for c in candidates:
            groups.setdefault(c.extra["activation"] or "", []).append(c)
        spec = self.spec
        for key, group in groups.items():
            layout = self.layout(key or None)
            net = layout.net
            n = len(group)
            columns = {name: np.array([c.values[name] for c in group], dtype=float)
                       for name in [*spec.inputs, *spec.parameters]}
            for u in spec.output_units:
                columns[net.target_name(u)] = np.array([c.targets[u] for c in group], dtype=float)
            out = layout.run(columns, n)
            eta = np.array([c.extra["learning_rate"] for c in group])
            factor_keys = [k for k in out if k.startswith("factor:")]
            slope_keys = [k for k in out if k.startswith("slope:")]
            parameters, units = self.spec.parameters, self.spec.units
            for i, c in enumerate(group):
                gradients = {p: float(out[f"gradient:{p}"][i]) for p in parameters}
                updated = {p: (c.values[p] - c.extra["learning_rate"] * gradients[p]
                               if p not in spec.frozen else c.values[p]) for p in parameters}
                loss = float(out["loss"][i])
                c.answers = {
                    "forward": {u: float(out[u][i]) for u in units},
                    "preactivation": {u: float(out[f"In_{u}"][i]) for u in units},
                    "loss": loss,
                    "deltas": {u: float(out[f"delta:{u}"][i]) for u in units},
                    "gradients": gradients,
                    "updated": updated,
                    "history": [loss],
                    "learning_rate": float(eta[i]),
                }
                if c.extra["activation"]:
                    c.answers["activation"] = c.extra["activation"]
                c.numbers = {q.name: _get(c.answers, q.key) for q in self.quantities()}
                c.extra = {**c.extra, "factors": {k: float(out[k][i]) for k in factor_keys},
                           "slopes": {k[6:]: float(out[k][i]) for k in slope_keys}}

    def problems(self, candidate: Candidate) -> list[str]:
        reasons = []
        layout = self.layout(candidate.extra["activation"] or None)
        for unit, slope in candidate.extra["slopes"].items():
            info = activation_info(layout.net.activation_name(unit))
            pre = candidate.answers["preactivation"][unit]
            if info.kink and pre == 0:
                reasons.append(f"unit at the kink ({unit}: In = 0, where f' is a convention)")
            elif slope == 0:
                reasons.append(f"inactive unit ({unit}: In = {pre:.3g}, f'(In) = 0)")
            elif slope < SATURATION * info.peak_slope:
                reasons.append(f"saturated unit ({unit}: In = {pre:.3g}, f'(In) = {slope:.2g})")
        return reasons

    # -- the sheet -------------------------------------------------------------------------------
    def _given(self, variant: Variant, lang: str) -> list:
        spec = self.spec
        rows = [(f"${_sym(n)}$", self.value_text(n, variant.values[n])) for n in spec.inputs]
        rows += [(f"${_sym(p)}$", self.value_text(p, variant.values[p])) for p in self.parameters]
        rows += [(f"$y_{{{_sym(u)}}}$", self.value_text(u, variant.targets[u], target=True))
                 for u in spec.output_units]
        eta = variant.answers["learning_rate"]
        rows.append((r"$\eta$", self.value_text("learning_rate", eta)))
        return [Grid((tr(lang, "symbol"), tr(lang, "value")), tuple(rows))]

    def figure_names(self, variant: Variant) -> list[str]:
        return ["network.png"]

    def figure_png(self, variant: Variant, name: str) -> bytes:
        return self.layout(variant.extra.get("activation") or None).png

    def quiz_extra(self, variant: Variant, lang: str) -> list:
        """The wiring as a table: every edge with its weight, every bias."""
        net = self.layout(variant.extra.get("activation") or None).net
        rows = [(rf"${_sym(source)} \to {_sym(unit)}$", f"${_sym(p)}$")
                for unit in net.units for source, p in net.incoming(unit)]
        rows += [(f"$\\to {_sym(unit)}$ ({tr(lang, 'bias')})", f"${_sym(b)}$")
                 for unit in net.units if (b := net.bias_of(unit)) is not None]
        return [Grid((tr(lang, "edge"), tr(lang, "weight")), tuple(rows))]

    def describe(self, quantity: Quantity, lang: str) -> str:
        words = {"forward": "unit_output", "updated": "after_update", "loss": "error"}
        kind = quantity.key[0]
        return tr(lang, words[kind]) if kind in words else ""

    def task(self, variant: Variant, lang: str) -> list:
        layout = self.layout(variant.extra.get("activation") or None)
        spec = layout.net.spec
        acts = sorted({layer.activation for layer in spec.layers})
        loss = _LOSS_WORDS.get(spec.loss, {}).get(lang, spec.loss)
        loss = f" {loss} ${layout.loss_latex}$"
        if len(acts) == 1:
            intro = tr(lang, "network_intro", act=_act_latex(acts[0]), loss=loss)
        else:
            intro = tr(lang, "network_intro_layers", acts=", ".join(f"${_act_latex(a)}$" for a in acts),
                       loss=loss)
        grads = ", ".join(rf"$\partial E/\partial {_sym(p)}$" for p in self.asked)
        updated = ", ".join(f"${_sym(p)}'$" for p in self.asked)
        eta = self.value_text("learning_rate", variant.answers["learning_rate"])
        return [Text(tr(lang, "round", d=self.decimals, tol=format_decimal(self.tolerance, self.decimals))),
                Text(intro), Picture(layout.tikz, alt=layout.alt, image="network.png"),
                *self._given(variant, lang), Heading(tr(lang, "tasks")),
                Text("1. " + tr(lang, "task_forward")), Text("2. " + tr(lang, "task_loss")),
                Text("3. " + tr(lang, "task_gradients", names=grads)),
                Text("4. " + tr(lang, "task_updated", lr=eta, names=updated))]

    def _known_text(self, variant: Variant, name: str) -> str:
        spec = self.spec
        if name in variant.values:
            return self.value_text(name, variant.values[name])
        if name.startswith("y_") and name[2:] in variant.targets:
            return self.value_text(name[2:], variant.targets[name[2:]], target=True)
        if name.startswith("In_"):
            return self.number(variant.answers["preactivation"][name[3:]])
        if name.startswith("delta_"):
            return self.number(variant.answers["deltas"][name[6:]])
        if name in spec.units:
            return self.number(variant.answers["forward"][name])
        raise KeyError(name)

    def solution(self, variant: Variant, lang: str) -> list:
        layout = self.layout(variant.extra.get("activation") or None)
        net = layout.net
        ex = tr(lang, "exact")
        blocks = [Heading(tr(lang, "forward"))]
        rows = []
        for unit in net.units:
            terms, numbers = [], []
            for source, p in net.incoming(unit):
                terms.append(f"{_sym(p)} {_sym(source)}")
                numbers.append(rf"{_signed(self._known_text(variant, p))} \cdot "
                               rf"{_signed(self._known_text(variant, source))}")
            bias = net.bias_of(unit)
            if bias is not None:
                terms.append(_sym(bias))
                numbers.append(_signed(self._known_text(variant, bias)))
            pre = variant.answers["preactivation"][unit]
            name = _sym(f"In_{unit}")
            rows.append(rf"{name} &= {' + '.join(terms)} \\ "
                        rf"&= {' + '.join(numbers)} \approx {self.number(pre)}")
            act = net.activation_name(unit)
            value = variant.answers["forward"][unit]
            if act == "softmax":
                rows.append(rf"{_sym(unit)} &= \operatorname{{softmax}}({name}) "
                            rf"\approx {self.shown(variant, f'forward.{unit}', value)}")
            else:
                rows.append(rf"{_sym(unit)} &= {_act_latex(act)}({name}) = "
                            rf"{_act_latex(act)}({self.number(pre)}) \approx "
                            rf"{self.shown(variant, f'forward.{unit}', value)}")
        blocks.append(Display(" \\\\\n".join(rows)))
        blocks.append(Heading(tr(lang, "error")))
        loss = variant.answers["loss"]
        blocks.append(Display(rf"E &= {layout.loss_latex} \\ &= {self._fill(layout, layout.loss, variant)} "
                              rf"\approx {self.shown(variant, 'loss', loss)} "
                              rf"&& \text{{{ex} {self.exact(loss)}}}"))
        blocks.append(Heading(tr(lang, "deltas")))
        rows = []
        for unit in reversed(net.units):
            rule = layout.delta_rule(unit)
            value = self.number(variant.answers["deltas"][unit])
            rows.append(rf"{_sym(f'delta_{unit}')} &= {layout.rule_latex(unit)} \\ "
                        rf"&= {self._fill(layout, rule, variant)} \approx {value}")
        blocks.append(Display(" \\\\\n".join(rows)))
        blocks.append(Heading(tr(lang, "backprop")))
        factors = variant.extra["factors"]
        for p in self.asked:
            paths = layout.factors[p]
            symbol = _sym(p)
            partials, closed = layout.rows(p)
            numbers = [r" \cdot ".join(_signed(self.number(factors[f"factor:{p}:{i}:{j}"]))
                                       for j in range(len(path))) for i, path in enumerate(paths)]
            g = variant.answers["gradients"][p]
            more = r" \\ &\quad + "
            uses = layout.uses[p]
            by_delta = " + ".join(f"{_sym(f'delta_{u}')} {_sym(src) if src else ''}".strip()
                                  for u, src in uses)
            by_delta_numbers = " + ".join(
                _signed(self.number(variant.answers["deltas"][u]))
                + (rf" \cdot {_signed(self._known_text(variant, src))}" if src else "") for u, src in uses)
            rows = [rf"\frac{{\partial E}}{{\partial {_name_latex(p)}}} &= " + more.join(partials),
                    f"&= {by_delta} = {by_delta_numbers}",
                    "&= " + r" \\ &\quad + ".join(closed),
                    "&= " + r" \\ &\quad + ".join(numbers),
                    rf"&\approx {self.shown(variant, f'gradients.{p}', g)} && \text{{{ex} {self.exact(g)}}}"]
            blocks.append(Display(" \\\\\n".join(rows)))
        blocks.append(Heading(tr(lang, "update")))
        eta = self.value_text("learning_rate", variant.answers["learning_rate"])
        rows = []
        for p in self.asked:
            symbol = _sym(p)
            g = variant.answers["gradients"][p]
            new = variant.answers["updated"][p]
            rows.append(rf"{symbol}' &= {symbol} - \eta \frac{{\partial E}}{{\partial {symbol}}} = "
                        rf"{self._known_text(variant, p)} - {eta} \cdot {_signed(self.number(g))} "
                        rf"\approx {self.shown(variant, f'updated.{p}', new)} "
                        rf"&& \text{{{ex} {self.exact(new)}}}")
        blocks.append(Display(" \\\\\n".join(rows)))
        return blocks

    def _fill(self, layout: _Layout, expr: sympy.Expr, variant: Variant) -> str:
        text, names = layout.template(expr)
        for i, name in enumerate(names):
            text = text.replace(_slot(i), _signed(self._known_text(variant, name)))
        return text


_LOSS_WORDS = {
    "half_sse": {"en": "half the sum of squared errors", "zh": "误差平方和的一半"},
    "mse": {"en": "mean squared error", "zh": "均方误差"},
    "cross_entropy": {"en": "cross-entropy", "zh": "交叉熵"},
    "softmax_cross_entropy": {"en": "softmax with cross-entropy", "zh": "Softmax 交叉熵"},
    "hinge": {"en": "hinge loss", "zh": "合页损失"},
}



def _columns(net) -> list[list[str]]:
    return [list(net.inputs), *[list(layer.units) for layer in net.spec.layers]]


def network_tikz(net) -> str:
    """A TikZ drawing of ``net``: one column per layer, every edge labelled with its weight, each
    label where it is farthest from the crossings of the edges (:func:`.figures.label_positions`)."""
    from .figures import label_positions

    columns = _columns(net)
    tallest = max(len(c) for c in columns)
    position, node_of = {}, {}
    lines = [r"\begin{tikzpicture}[x=3.2cm, y=1.5cm, >=stealth,",
             r"  unit/.style={circle, draw, minimum size=9mm, inner sep=1pt},",
             r"  input/.style={circle, draw, fill=black!5, minimum size=9mm, inner sep=1pt},",
             r"  weight/.style={fill=white, inner sep=1pt}]"]
    for i, column in enumerate(columns):
        for j, name in enumerate(column):
            y = (tallest - 1) / 2 - j * 1.0
            node_of[name], position[name] = f"n{i}_{j}", (float(i), y)
            style = "input" if i == 0 else "unit"
            lines.append(rf"  \node[{style}] ({node_of[name]}) at ({i},{y:.2f}) {{${_sym(name)}$}};")
    edges = [(source, unit, p) for unit in net.units for source, p in net.incoming(unit)]
    scale = (3.2, 1.5)  # cm per unit of x and of y: place the labels in the drawn geometry
    segments = [(tuple(c * s for c, s in zip(position[a], scale, strict=True)),
                 tuple(c * s for c, s in zip(position[b], scale, strict=True))) for a, b, _ in edges]
    nodes = [tuple(c * s for c, s in zip(xy, scale, strict=True)) for xy in position.values()]
    for (source, unit, p), (x, y) in zip(edges, label_positions(segments, nodes, 0.7), strict=True):
        lines.append(rf"  \draw[->] ({node_of[source]}) -- ({node_of[unit]});")
        lines.append(rf"  \node[weight] at ({x / scale[0]:.3f},{y / scale[1]:.3f}) {{${_sym(p)}$}};")
    for unit in net.units:
        bias = net.bias_of(unit)
        if bias is not None:
            lines.append(rf"  \draw[<-] ({node_of[unit]}) -- ++(0,0.7) node[above] "
                         rf"{{${_sym(bias)}$}};")
    lines.append(r"\end{tikzpicture}")
    return "\n".join(lines)


def network_figure(net) -> bytes:
    """The PNG of ``net`` for a quiz question: the same drawing as :func:`network_tikz`."""
    from .figures import network_png

    edges = [(source, unit, p) for unit in net.units for source, p in net.incoming(unit)]
    biases = {u: b for u in net.units if (b := net.bias_of(u)) is not None}
    names = {n: _sym(n) for n in [*net.inputs, *net.units, *net.parameters]}
    return network_png(_columns(net), edges, biases, names)


def _network_alt(net) -> str:
    parts = []
    for unit in net.units:
        edges = ", ".join(f"{source} -({p})-> {unit}" for source, p in net.incoming(unit))
        bias = net.bias_of(unit)
        parts.append(edges + (f", bias {bias}" if bias else ""))
    return "; ".join(parts)

