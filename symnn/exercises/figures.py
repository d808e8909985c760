"""The pictures a quiz question embeds: a network with its weights on the edges, a computation graph
with its node names. PNG bytes drawn with matplotlib (Agg), the same symbols as the sheets.

Edge labels are placed where they are easiest to read: along each edge, at the point farthest
from every crossing of two edges, every node and every label placed before it.

>>> from symnn.models.graph import Circuit
>>> import sympy
>>> x, y = sympy.symbols("x y")
>>> png = circuit_png(Circuit.from_expr(sympy.exp(x * y)))
>>> png[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
True
"""

from __future__ import annotations

import io
import itertools
import math

import numpy as np

__all__ = ["circuit_png", "label_positions", "network_png"]

#: how far along an edge a label may sit (fractions of the edge, from its source)
_STOPS = np.linspace(0.18, 0.82, 33)


def _figure(width: float, height: float):
    import matplotlib

    if matplotlib.get_backend().lower() != "agg":
        matplotlib.use("Agg", force=True)
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=110)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_axis_off()
    return figure, axes


def _png(figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def _crossing(p1, p2, q1, q2) -> tuple[float, float] | None:
    """The point where the open segments p1-p2 and q1-q2 cross, if they do."""
    (x1, y1), (x2, y2), (x3, y3), (x4, y4) = p1, p2, q1, q2
    d = (x2 - x1) * (y4 - y3) - (y2 - y1) * (x4 - x3)
    if abs(d) < 1e-12:
        return None
    t = ((x3 - x1) * (y4 - y3) - (y3 - y1) * (x4 - x3)) / d
    u = ((x3 - x1) * (y2 - y1) - (y3 - y1) * (x2 - x1)) / d
    if 1e-9 < t < 1 - 1e-9 and 1e-9 < u < 1 - 1e-9:
        return x1 + t * (x2 - x1), y1 + t * (y2 - y1)
    return None


def label_positions(edges: list[tuple[tuple[float, float], tuple[float, float]]],
                    nodes: list[tuple[float, float]], label_size: float = 0.35) -> list[tuple[float, float]]:
    """A point on each edge (source, target) for its label: greedily, each edge takes the point of
    its middle part farthest from every crossing, every node and every label already placed.

    >>> edges = [((0, 0), (1, 1)), ((0, 1), (1, 0))]      # an X: they cross at (0.5, 0.5)
    >>> first, second = label_positions(edges, [(0, 0), (0, 1), (1, 0), (1, 1)])
    >>> math.dist(first, (0.5, 0.5)) > 0.15 and math.dist(second, (0.5, 0.5)) > 0.15
    True
    """
    crossings = [c for e, f in itertools.combinations(edges, 2) if (c := _crossing(*e, *f)) is not None]
    placed: list[tuple[float, float]] = []
    out = []
    for (x1, y1), (x2, y2) in edges:
        best, best_score = None, -math.inf
        for t in _STOPS:
            p = (float(x1 + t * (x2 - x1)), float(y1 + t * (y2 - y1)))
            near = [math.dist(p, c) for c in crossings] + [math.dist(p, n) - label_size for n in nodes]
            near += [math.dist(p, q) - label_size for q in placed]
            score = min(near, default=math.inf) - 1e-3 * abs(t - 0.5)  # ties: nearer the middle
            if score > best_score:
                best, best_score = p, score
        placed.append(best)
        out.append(best)
    return out


def _math(latex: str) -> str:
    return f"${latex}$"


def network_png(columns: list[list[str]], edges: list[tuple[str, str, str]], biases: dict[str, str],
                names: dict[str, str]) -> bytes:
    """A layered network: ``columns`` of unit names (inputs first), ``edges`` (source, unit, weight),
    ``biases`` {unit: bias name}; ``names`` gives the LaTeX of every name (units and weights)."""
    tallest = max(len(c) for c in columns)
    position = {}
    for i, column in enumerate(columns):
        for j, name in enumerate(column):
            position[name] = (i * 3.0, (tallest - 1) / 2 * 1.6 - j * 1.6)
    width = 3.0 * (len(columns) - 1)
    figure, axes = _figure(1.4 + 1.9 * (len(columns) - 1), 1.3 + 0.95 * tallest)
    axes.set_xlim(-0.8, width + 0.8)
    axes.set_ylim(-(tallest - 1) / 2 * 1.6 - 0.9, (tallest - 1) / 2 * 1.6 + 1.1)
    axes.set_aspect("equal")
    radius = 0.42
    segments = []
    for source, unit, _ in edges:
        (x1, y1), (x2, y2) = position[source], position[unit]
        length = math.hypot(x2 - x1, y2 - y1)
        dx, dy = (x2 - x1) / length, (y2 - y1) / length
        segments.append(((x1 + radius * dx, y1 + radius * dy), (x2 - radius * dx, y2 - radius * dy)))
    labels = label_positions(segments, list(position.values()), label_size=0.55)
    for (start, end), (x, y), (_, _, weight) in zip(segments, labels, edges, strict=True):
        axes.annotate("", xy=end, xytext=start,
                      arrowprops={"arrowstyle": "-|>", "color": "#333333", "lw": 1.1, "shrinkA": 0,
                                  "shrinkB": 0})
        axes.text(x, y, _math(names[weight]), ha="center", va="center", fontsize=11, color="#0b3d91",
                  bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "#9db3d9",
                        "linewidth": 0.6})
    for i, column in enumerate(columns):
        for name in column:
            x, y = position[name]
            axes.add_patch(_circle((x, y), radius, "#eef2f7" if i == 0 else "white"))
            axes.text(x, y, _math(names[name]), ha="center", va="center", fontsize=13)
    for unit, bias in biases.items():
        x, y = position[unit]
        axes.annotate("", xy=(x, y + radius), xytext=(x, y + radius + 0.45),
                      arrowprops={"arrowstyle": "-|>", "color": "#333333", "lw": 1.0})
        axes.text(x, y + radius + 0.62, _math(names[bias]), ha="center", va="center", fontsize=11,
                  color="#0b3d91")
    return _png(figure)


def _circle(center, radius, colour):
    from matplotlib.patches import Circle

    return Circle(center, radius, facecolor=colour, edgecolor="#222222", linewidth=1.3, zorder=3)


def circuit_png(circuit, names: dict[str, str] | None = None) -> bytes:
    """The computation graph: inputs on the left, each gate a circle showing its operation, its
    node name (n1, n2, ...) beside it, edges from inputs to consumers."""
    from ..render.circuit import layout

    place = layout(circuit, spacing=1.0)
    columns = max(c for c, _ in place.values()) + 1
    rows = max(r for _, r in place.values()) + 1
    figure, axes = _figure(1.0 + 1.55 * columns, 1.0 + 0.95 * rows)
    position = {node: (c * 2.0, -r * 1.25) for node, (c, r) in place.items()}
    axes.set_xlim(-0.9, 2.0 * (columns - 1) + 0.9)
    axes.set_ylim(-1.25 * (rows - 1) - 0.8, 0.8)
    axes.set_aspect("equal")
    radius = 0.34
    names = names or {}
    for node in circuit.nodes:
        for source in node.inputs:
            (x1, y1), (x2, y2) = position[source], position[node.id]
            length = math.hypot(x2 - x1, y2 - y1)
            dx, dy = (x2 - x1) / length, (y2 - y1) / length
            axes.annotate("", xy=(x2 - radius * dx, y2 - radius * dy),
                          xytext=(x1 + radius * dx, y1 + radius * dy),
                          arrowprops={"arrowstyle": "-|>", "color": "#333333", "lw": 1.1, "shrinkA": 0,
                                      "shrinkB": 0})
    for node in circuit.nodes:
        x, y = position[node.id]
        if node.is_input:
            axes.add_patch(_circle((x, y), radius, "#eef2f7"))
            axes.text(x, y, _math(names.get(node.id, node.id)), ha="center", va="center", fontsize=12,
                      zorder=4)
        else:
            axes.add_patch(_circle((x, y), radius, "white"))
            axes.text(x, y, _math(node.gate.latex_label), ha="center", va="center", fontsize=10, zorder=4)
            axes.text(x, y + radius + 0.17, _math(names.get(node.id, node.id)), ha="center", va="center",
                      fontsize=12, color="#0b3d91", zorder=4)
    return _png(figure)
