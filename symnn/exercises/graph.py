"""The computation-graph exercise: the forward value and the gradient of every node."""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import cached_property

import sympy

from ..core.errors import SpecError, SymnnError, UnknownNameError
from ..core.numbers import format_decimal
from ..render.latex import latex
from ..render.sheets import Display, Grid, Heading, Picture, Text, tr
from .base import (
    Candidate,
    Exercise,
    Quantity,
    Variant,
    _get,
    _sym,
)


class GraphExercise(Exercise):
    """A computation graph ("circuit"): the forward value and the gradient of every node.

    ``[values]`` holds ``expression`` (plain math, read by the safe parser, never
    evaluated as Python) and a number for each of its symbols; ``[exercise]
    fuse_sigmoid = true`` draws 1/(1 + e^{-z}) as one sigmoid gate.
    """

    kind = "graph"
    title_zh = "计算图的反向传播"
    summary = "a computation graph: forward value and gradient on every node"

    def __init__(self, data: Mapping, source: str, text: str = ""):
        from ..checking.parse import parse_expression
        from ..models.graph import Circuit

        super().__init__(data, source, text)
        values = data.get("values", {})
        if not isinstance(values, Mapping) or not isinstance(values.get("expression"), str):
            raise SpecError(f"{source}: values.expression: expected the expression as a string, "
                            "e.g. expression = \"1/(1+exp(-(w0*x0+w1*x1+w2)))\"")
        if self.randomization.targets:
            raise SpecError(f"{source}: randomize.targets: a graph exercise has no targets")
        fuse = self.settings.get("fuse_sigmoid", False)
        if not isinstance(fuse, bool):
            raise SpecError(f"{source}: exercise.fuse_sigmoid: expected true or false")
        try:
            self.expr = parse_expression(values["expression"])
        except SymnnError as error:
            raise SpecError(f"{source}: values.expression: {error}") from None
        self.circuit = Circuit.from_expr(self.expr, fuse_sigmoid=fuse)
        self.names = [str(sym) for sym in self.circuit.symbols]
        known = ["expression", *self.names]
        for name in [*values, *self.randomization.names]:
            if name not in known:
                raise UnknownNameError(f"symbol of the expression (in {source})", name, self.names)
        for name in self.names:
            if name not in values and name not in self.randomization:
                raise SpecError(f"{source}: values: no value for the symbol '{name}' of the expression")
            value = values.get(name, 0.0)
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise SpecError(f"{source}: values.{name}: expected a number")
        self._values = {n: float(values[n]) for n in self.names if n in values}
        self.gates = [node.id for node in self.circuit.gates]

    def fixed_values(self) -> dict:
        return dict(self._values)

    @cached_property
    def _quantities(self) -> list[Quantity]:
        qs = [Quantity(("value",), "f", "f")]
        qs += [Quantity(("gradients", n), rf"\partial f / \partial {_sym(n)}", f"df/d{n}")
               for n in self.names]
        for node in self.gates:
            qs.append(Quantity(("nodes", node, "forward"), _sym(node), f"{node} forward"))
            qs.append(Quantity(("nodes", node, "gradient"), rf"\partial f / \partial {_sym(node)}",
                               f"df/d{node}"))
        return qs

    def quantities(self) -> list[Quantity]:
        return self._quantities

    def equal_groups(self, candidate: Candidate) -> list[set[str]]:
        """An add gate (x + y, x + c) passes its gradient on unchanged to each input."""
        def gradient(node_id: str) -> str:
            return f"gradients.{node_id}" if node_id in self.names else f"nodes.{node_id}.gradient"

        parent = {}

        def root(name: str) -> str:
            while parent.get(name, name) != name:
                name = parent[name]
            return name

        for node in self.circuit.gates:
            if node.gate.name == "+" or node.gate.name.startswith("+"):
                for source in node.inputs:
                    parent[root(gradient(source))] = root(gradient(node.id))
        groups: dict[str, set[str]] = {}
        for name in parent:
            groups.setdefault(root(name), {root(name)}).add(name)
        return list(groups.values())

    def quiz_order(self) -> list[Quantity]:
        """Forward values node by node, then the gradients backwards, then those of the inputs."""
        by_name = {q.name: q for q in self._quantities}
        order = [by_name[f"nodes.{g}.forward"] for g in self.gates]
        order += [by_name[f"nodes.{g}.gradient"] for g in reversed(self.gates)]
        order += [by_name[f"gradients.{n}"] for n in self.names]
        return order

    @cached_property
    def definitions(self) -> list[tuple[str, sympy.Expr]]:
        """What every gate node computes from its inputs: (node, formula in the input names)."""
        out = []
        for node in self.circuit.gates:
            inputs = {v: sympy.Symbol(i) for v, i in zip(node.gate.variables, node.inputs, strict=True)}
            out.append((node.id, node.gate.formula.xreplace(inputs)))
        return out

    def _definitions_grid(self, lang: str) -> Grid:
        rows = tuple((f"${_sym(node)}$", f"${_sym(node)} = {latex(formula)}$")
                     for node, formula in self.definitions)
        return Grid((tr(lang, "node"), tr(lang, "computes")), rows)

    def figure_names(self, variant: Variant) -> list[str]:
        return ["graph.png"]

    def figure_png(self, variant: Variant, name: str) -> bytes:
        return self._png

    @cached_property
    def _png(self) -> bytes:
        from .figures import circuit_png

        return circuit_png(self.circuit, {n.id: _sym(n.id) for n in self.circuit.nodes})

    def quiz_extra(self, variant: Variant, lang: str) -> list:
        return []  # the node definitions are part of the task

    def describe(self, quantity: Quantity, lang: str) -> str:
        if quantity.key[0] == "nodes" and quantity.key[2] == "forward":
            return tr(lang, "node_forward")
        return ""

    def evaluate(self, candidates: list[Candidate]) -> None:
        from ..core.errors import SymnnError as _Error

        for c in candidates:
            at = {n: float(c.values[n]) for n in self.names}
            try:
                self.circuit.evaluate(at, exact=False)
            except _Error as error:
                c.problems.append(f"cannot be evaluated ({error})")
                c.answers = {}
                c.numbers = {q.name: math.nan for q in self.quantities()}
                continue
            nodes = {n.id: {"forward": float(n.number), "gradient": float(n.gradient_number)}
                     for n in self.circuit.nodes}
            c.answers = {"value": float(self.circuit.output.number),
                         "gradients": {n: nodes[n]["gradient"] for n in self.names},
                         "nodes": {g: nodes[g] for g in self.gates}}
            c.numbers = {q.name: _get(c.answers, q.key) for q in self.quantities()}
            # f is the last node's forward value, and df/d(last node) is 1: asked once, and not at all
            c.unasked = {"value", f"nodes.{self.gates[-1]}.gradient"}

    def _picture(self) -> str:
        """The circuit's TikZ with columns as wide as the page allows (14.5 cm for the gaps, the rest
        for the circles): drawn at full size, never shrunk."""
        from ..render.circuit import circuit_tikz, layout

        columns = max(column for column, _ in layout(self.circuit).values())
        return circuit_tikz(self.circuit, self.decimals, column_width=min(2.4, 14.5 / max(columns, 1)))

    def task(self, variant: Variant, lang: str) -> list:
        import re

        self.circuit.evaluate({n: float(variant.values[n]) for n in self.names}, exact=False)
        picture = self._picture()
        picture = re.sub(r" node\[(forward|gradient)[^\]]*\] \{[^{}]*\}", "", picture)
        # circuit_tikz names each gate above it (n1, n2, ...), as the quiz's figure and the table do
        rows = tuple((f"${_sym(n)}$", self.value_text(n, variant.values[n])) for n in self.names)
        words = {"en": ("The computation graph of", "Compute the forward value of every node.",
                        "Compute by backpropagation the gradient of $f$ with respect to every node "
                        "and input."),
                 "zh": ("计算图：", "计算每个节点的前向值。",
                        "用反向传播计算 $f$ 对每个节点和输入的梯度。")}[lang]
        return [Text(tr(lang, "round", d=self.decimals, tol=format_decimal(self.tolerance, self.decimals))),
                Text(words[0]), Display("f = " + latex(self.expr)),
                Picture(picture, alt="; ".join(f"{n} = {sympy.sstr(f)}" for n, f in self.definitions),
                        image="graph.png"),
                self._definitions_grid(lang),
                Grid((tr(lang, "symbol"), tr(lang, "value")), rows), Heading(tr(lang, "tasks")),
                Text("1. " + words[1]), Text("2. " + words[2])]

    def solution(self, variant: Variant, lang: str) -> list:
        from ..render.circuit import circuit_table

        self.circuit.evaluate({n: float(variant.values[n]) for n in self.names}, exact=False)
        table = circuit_table(self.circuit, self.decimals)
        ex = tr(lang, "exact")
        rows = [rf"f &\approx {self.number(variant.answers['value'])} "
                rf"&& \text{{{ex} {self.exact(variant.answers['value'])}}}"]
        rows += [rf"\frac{{\partial f}}{{\partial {_sym(n)}}} &\approx "
                 rf"{self.shown(variant, f'gradients.{n}', g)} && \text{{{ex} {self.exact(g)}}}"
                 for n, g in variant.answers["gradients"].items()]
        return [Heading(tr(lang, "forward") + " / " + tr(lang, "backprop")),
                Picture(self._picture()),
                Grid(tuple(table.header), tuple(tuple(r) for r in table.rows)),
                Display(" \\\\\n".join(rows))]

