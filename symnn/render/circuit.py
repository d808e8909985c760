r"""Pictures and tables of a computation graph: text, Markdown, TikZ and Graphviz.

* :func:`circuit_rows` / :func:`circuit_text` / :func:`circuit_table`: one row per
  node (gate, inputs, forward value, gradient, local rule);
* :func:`circuit_tikz`: the lecture's picture, left to right, each edge with the
  forward value above it and the gradient below it in red;
* :func:`circuit_dot` and :func:`write_circuit`: a Graphviz picture in the style of
  micrograd's ``draw_dot`` (each value a box with its data and grad, each gate a
  small circle), written as PNG, SVG or PDF by the ``dot`` program.

>>> import sympy
>>> from symnn.models.graph import circuit
>>> x, y = sympy.symbols("x y")
>>> print(circuit_text(circuit(x * y + 3, at={"x": 2, "y": -1}), digits=2))
node  computes   gate  inputs  forward  gradient  local rule
x     x          input          2.00     -1.00
y     y          input         -1.00      2.00
n1    x*y        *     x, y    -2.00      1.00    d/dx = y, d/dy = x
n2    x*y + 3    +3    n1       1.00      1.00    d/dx = 1
"""

from __future__ import annotations

import html
import itertools
import math
import re
import shutil
import subprocess
from pathlib import Path

import sympy

from ..core.errors import SymnnError
from ..core.files import write_text
from ..core.numbers import format_decimal
from ..document.blocks import Table
from ..models.graph import Circuit, Node
from .figures import FigureLeftOutError
from .latex import escape_text, latex

__all__ = [
    "circuit_dot",
    "circuit_markdown",
    "circuit_rows",
    "circuit_table",
    "circuit_text",
    "circuit_tikz",
    "circuit_tikz_document",
    "layout",
    "write_circuit",
]

HEADER = ("node", "computes", "gate", "inputs", "forward", "gradient", "local rule")

#: seconds the ``dot`` program may take for one picture
DOT_TIMEOUT = 60


def number_text(value, digits: int) -> str:
    """``value`` with ``digits`` decimals (half-up, as everywhere), never ``-0.00``; a value beyond
    the range of a float (an intermediate like e^800) in scientific notation.

    >>> number_text(-0.001, 2), number_text(0.73106, 2), number_text(0.125, 2)
    ('0.00', '0.73', '0.13')
    >>> number_text(sympy.exp(800).evalf(30), 2)
    '2.73e+347'
    """
    if not math.isfinite(float(value)):
        return sympy.sstr(sympy.Float(value, max(digits, 1) + 1), full_prec=False)
    return format_decimal(float(value), digits)


def _short(expr, limit: int, as_written: bool = False) -> str:
    # a circuit drawn as written shows its terms in the order written
    text = sympy.sstr(expr, order="none") if as_written else sympy.sstr(expr)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def circuit_rows(circuit: Circuit, digits: int = 4, width: int = 40) -> list[tuple[str, ...]]:
    """One row per node in forward order, the cells of :data:`HEADER` (``computes`` cut at ``width``)."""
    circuit._require_values()
    written = getattr(circuit, "as_written", False)
    return [(n.id, _short(n.expr, width, written), n.gate_name, ", ".join(n.inputs),
             number_text(n.number, digits), number_text(n.gradient_number, digits), n.rule)
            for n in circuit.nodes]


def circuit_text(circuit: Circuit, digits: int = 4) -> str:
    """The node table as aligned plain text (numbers right-aligned)."""
    rows = [HEADER, *circuit_rows(circuit, digits)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADER))]
    numeric = {4, 5}
    lines = []
    for row in rows:
        cells = [cell.rjust(w) if i in numeric and row is not rows[0] else cell.ljust(w)
                 for i, (cell, w) in enumerate(zip(row, widths, strict=True))]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _code(text: str) -> str:
    return f"`{text}`" if text else ""


def circuit_markdown(circuit: Circuit, digits: int = 4) -> str:
    """The node table as a Markdown pipe table."""
    lines = ["| " + " | ".join(HEADER) + " |", "|---|---|---|---|---:|---:|---|"]
    for row in circuit_rows(circuit, digits):
        cells = [row[0], _code(row[1]), _code(row[2]), row[3], row[4], row[5], _code(row[6])]
        lines.append("| " + " | ".join(c.replace("|", r"\|") for c in cells) + " |")
    return "\n".join(lines)


def circuit_table(circuit: Circuit, digits: int = 2, caption: str = "") -> Table:
    """The node table as a document :class:`~symnn.document.blocks.Table` (math cells in ``$...$``)."""
    circuit._require_values()
    rows = []
    for n in circuit.nodes:
        gate = "input" if n.is_input else f"${n.gate.latex_label}$"
        rule = "" if n.is_input else ", ".join(
            f"$\\partial/\\partial {latex(v)} = {latex(d)}$"
            for v, d in zip(n.gate.variables, n.gate.derivatives, strict=True))
        rows.append((n.id, f"${latex(n.expr)}$", gate, ", ".join(n.inputs),
                     number_text(n.number, digits), number_text(n.gradient_number, digits), rule))
    return Table(("node", "computes", "gate", "inputs", "forward", "gradient", "local rule"),
                 tuple(rows), caption)


# -- layout ---------------------------------------------------------------------------------

def layout(circuit: Circuit, spacing: float = 1.0) -> dict[str, tuple[int, float]]:
    """(column, row) of every node: inputs in column 0 in order of use, each gate one column
    left of its first consumer (and right of all its inputs), at the mean height of its
    inputs, never two nodes closer than ``spacing`` in one column (rows grow downwards).

    >>> import sympy
    >>> from symnn.models.graph import circuit
    >>> x, y = sympy.symbols("x y")
    >>> layout(circuit(sympy.exp(x * y) + sympy.log(x)))
    {'x': (0, 0.0), 'y': (0, 1.0), 'n1': (1, 0.5), 'n2': (2, 1.0), 'n3': (2, 0.0), 'n4': (3, 0.25)}
    """
    column: dict[str, int] = {}
    row: dict[str, float] = {}
    inputs = circuit.input_nodes
    for i, node in enumerate(inputs):
        column[node.id], row[node.id] = 0, i * spacing
    for node in circuit.gates:
        column[node.id] = 1 + max((column[i] for i in node.inputs), default=0)
    for node in reversed(circuit.gates[:-1]):  # then as late as its consumers allow: shorter edges
        consumers = [c for c in circuit.gates if node.id in c.inputs]
        if consumers:
            column[node.id] = min(column[c.id] for c in consumers) - 1
    for node in circuit.gates:
        row[node.id] = sum(row[i] for i in node.inputs) / len(node.inputs) if node.inputs else 0.0
    by_column: dict[int, list[str]] = {}
    for node in circuit.nodes:
        by_column.setdefault(column[node.id], []).append(node.id)
    for ids in by_column.values():
        ids.sort(key=lambda i: row[i])
        for above, below in itertools.pairwise(ids):
            if row[below] < row[above] + spacing:
                row[below] = row[above] + spacing
    return {i: (column[i], row[i]) for i in column}


# -- TikZ -----------------------------------------------------------------------------------

FORWARD_COLOUR = "green!40!black"
GRADIENT_COLOUR = "red!80!black"


def _tikz_name(index: int) -> str:
    return f"v{index}"


def circuit_tikz(circuit: Circuit, digits: int = 2, *, column_width: float = 2.4,
                 row_height: float = 1.3) -> str:
    r"""The circuit as a ``tikzpicture``: gates as circles, left to right, each named as in
    :func:`circuit_table` (n1, n2, ...); on every edge the value flowing forward (above,
    green) and the gradient flowing back (below, red), all in the text's own size.

    Needs only ``\usepackage{tikz}`` (no libraries).
    """
    circuit._require_values()
    place = layout(circuit)
    names = {n.id: _tikz_name(k) for k, n in enumerate(circuit.nodes)}
    lines = [
        rf"\begin{{tikzpicture}}[>=stealth, x={column_width}cm, y=-{row_height}cm,",
        r"  gate/.style={circle, draw, thick, minimum size=8mm, inner sep=1pt},",
        r"  input/.style={inner sep=2pt},",
        r"  tablename/.style={text=black!60, inner sep=1pt},",
        rf"  forward/.style={{above, text={FORWARD_COLOUR}, inner sep=1.5pt}},",
        rf"  gradient/.style={{below, text={GRADIENT_COLOUR}, inner sep=1.5pt}}]",
    ]
    for node in circuit.nodes:
        x, y = place[node.id]
        style = "input" if node.is_input else "gate"
        label = _input_label(node.expr) if node.is_input else node.gate.latex_label
        # a gate carries the name of its node in the circuit's table (n1, n2, ...)
        name = "" if node.is_input else rf", label={{[tablename]above:{escape_text(node.id)}}}"
        lines.append(rf"\node[{style}{name}] ({names[node.id]}) at ({x}, {y:.3f}) {{${label}$}};")
    for node in circuit.gates:
        for position, input_id in enumerate(node.inputs):
            source = circuit.node(input_id)
            contribution = _edge_gradient(source, node.id, position)
            pos = 0.35 if source.is_input else 0.5  # where input edges converge, label them early
            bend = _bend(place, input_id, node.id, column_width, row_height)
            path = "--" if bend is None else f"to[bend left={bend}]"
            lines.append(
                rf"\draw[->] ({names[input_id]}) {path} node[forward, pos={pos}] "
                rf"{{${number_text(source.number, digits)}$}}"
                rf" node[gradient, pos={pos}] {{${number_text(contribution, digits)}$}} ({names[node.id]});")
    out = circuit.output
    x, y = place[out.id]
    lines.append(rf"\coordinate (output) at ({x + 0.85}, {y:.3f});")
    lines.append(
        rf"\draw[->] ({names[out.id]}) -- node[forward] {{${number_text(out.number, digits)}$}}"
        rf" node[gradient] {{${number_text(out.gradient_number, digits)}$}} (output);")
    lines.append(r"\end{tikzpicture}")
    return "\n".join(lines)


def _input_label(symbol: sympy.Symbol) -> str:
    """The symbol in math mode; a name with LaTeX's special characters is set as text."""
    label = latex(symbol)
    return rf"\text{{{escape_text(str(symbol))}}}" if re.search(r"[&%#$~^\\]", str(symbol)) else label


def _bend(place: dict[str, tuple[int, float]], source: str, target: str, column_width: float,
          row_height: float, clearance: float = 0.7) -> int | None:
    """The angle to bend an edge by so that it clears the nodes it would run through, or None."""
    (c0, r0), (c1, r1) = place[source], place[target]
    for other, (c, r) in place.items():
        if other in (source, target) or not c0 < c < c1:
            continue
        on_line = r0 + (r1 - r0) * (c - c0) / (c1 - c0)
        if abs(on_line - r) * row_height < clearance:
            half = (c1 - c0) * column_width / 2
            return max(10, min(60, round(math.degrees(2 * math.atan(1.2 * clearance / half)))))
    return None


def _edge_gradient(source: Node, consumer_id: str, position: int):
    """The gradient that flowed back into ``source`` along the edge to ``consumer_id`` (30 digits)."""
    for consumer, pos, contribution in source.upstream:
        if consumer == consumer_id and pos == position:
            return sympy.N(contribution, 30)
    return source.gradient_number  # pragma: no cover - every edge has a contribution


def circuit_tikz_document(circuit: Circuit, digits: int = 2, *, column_width: float = 2.4,
                          row_height: float = 1.3) -> str:
    """A LaTeX document of one page the size of the circuit picture (compile it with pdflatex).

    Uses only ``article``, ``geometry`` and ``tikz``: the page size comes from the layout.
    """
    place = layout(circuit)
    columns = max(c for c, _ in place.values()) + 1
    rows = max(r for _, r in place.values()) - min(r for _, r in place.values())
    width = (columns - 1 + 0.85) * column_width + 2.2
    height = rows * row_height + 2.8
    return ("\\documentclass{article}\n"
            f"\\usepackage[paperwidth={width:.1f}cm,paperheight={height:.1f}cm,margin=0.4cm]{{geometry}}\n"
            "\\usepackage{amsmath}\n\\usepackage{tikz}\n\\pagestyle{empty}\n"
            "\\begin{document}\n\\centering\n" + circuit_tikz(circuit, digits, column_width=column_width,
                                                             row_height=row_height)
            + "\n\\end{document}\n")


# -- Graphviz -------------------------------------------------------------------------------

def _html(text: str) -> str:
    return html.escape(text, quote=True)


def circuit_dot(circuit: Circuit, digits: int = 4) -> str:
    """The circuit in Graphviz's DOT language, drawn left to right as micrograd's ``draw_dot``:
    a box per value (name | data | grad) and a small circle per gate.

    >>> import sympy
    >>> from symnn.models.graph import circuit
    >>> x = sympy.Symbol("x")
    >>> print(circuit_dot(circuit(2 * x, at={"x": 3}), digits=1))  # doctest: +ELLIPSIS
    digraph circuit {
      rankdir=LR;
    ...
      node0 [shape=plaintext, label=<...<td>x</td><td>data 3.0</td><td><font ...>grad 2.0</font></td>...>];
    ...
    """
    circuit._require_values()
    lines = [
        "digraph circuit {",
        "  rankdir=LR;",
        '  node [fontname="Helvetica", fontsize=11];',
        '  edge [color="#555555"];',
    ]
    for k, node in enumerate(circuit.nodes):
        text = sympy.sstr(node.expr)
        name = node.id if node.is_input or len(text) > 16 else f"{node.id}: {text}"
        label = ('<table border="0" cellborder="1" cellspacing="0" cellpadding="4"><tr>'
                 f"<td>{_html(name)}</td><td>data {number_text(node.number, digits)}</td>"
                 f'<td><font color="#c00000">grad {number_text(node.gradient_number, digits)}</font></td>'
                 "</tr></table>")
        lines.append(f"  node{k} [shape=plaintext, label=<{label}>];")
        if not node.is_input:
            lines.append(f'  node{k}_gate [shape=circle, width=0.45, fixedsize=false, '
                         f'label="{_dot_string(node.gate.name)}"];')
            lines.append(f"  node{k}_gate -> node{k};")
    index = {n.id: k for k, n in enumerate(circuit.nodes)}
    for k, node in enumerate(circuit.nodes):
        for input_id in node.inputs:
            lines.append(f"  node{index[input_id]} -> node{k}_gate;")
    lines.append("}")
    return "\n".join(lines)


def _dot_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}


def write_circuit(circuit: Circuit, path: str | Path, digits: int = 4) -> Path:
    """Write the circuit picture to ``path``: ``.png``, ``.svg`` or ``.pdf`` (through Graphviz's
    ``dot``), ``.dot`` (the DOT text) or ``.tex`` (a standalone TikZ document)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".dot":
        write_text(path, circuit_dot(circuit, digits) + "\n")
    elif suffix == ".tex":
        write_text(path, circuit_tikz_document(circuit, min(digits, 2)))
    elif suffix in FORMATS:
        render_dot(circuit_dot(circuit, digits), path, FORMATS[suffix])
    else:
        raise SymnnError(f"{path}: cannot tell the picture format from '{path.suffix}' "
                         "(expected .png, .svg, .pdf, .dot or .tex)")
    return path


def render_dot(source: str, path: Path, fmt: str) -> None:
    """Run Graphviz's ``dot`` on ``source``, writing ``path`` in format ``fmt`` (png, svg, pdf)."""
    program = shutil.which("dot")
    if program is None:
        raise FigureLeftOutError("Graphviz's 'dot' program is not installed (needed for PNG, SVG and PDF "
                         "pictures; write .dot or .tex instead, or install graphviz)")
    if not path.parent.exists():
        raise SymnnError(f"{path}: the folder {path.parent} does not exist")
    try:  # dot writes to a pipe; the file is written like every output, atomically, never through a link
        done = subprocess.run([program, f"-T{fmt}"], input=source.encode("utf-8"),
                              capture_output=True, timeout=DOT_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise SymnnError(f"{path}: Graphviz's dot took longer than {DOT_TIMEOUT} s") from None
    except OSError as error:
        raise SymnnError(f"{path}: Graphviz's dot could not be run ({error})") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SymnnError(f"{path}: Graphviz's dot failed ({message[0] if message else done.returncode})")
    write_text(path, done.stdout)
