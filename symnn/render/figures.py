"""Figures: each activation beside its derivative, written as PDF (for LaTeX) and PNG (for Markdown).

The curves are numbers from the catalogue's own formulas: the activation's explicit
form and the explicit form of its derivative (as the catalogue states it, e.g.
sigmoid f(1 - f)), compiled with ``sympy.lambdify``. Piecewise forms are evaluated
branch by branch on the points each branch covers (``lambdify`` alone would evaluate
every branch everywhere), so no branch sees an argument it was not meant for.

matplotlib is imported only when a figure is drawn, with the Agg backend; the files
carry no creation date, so the same figure gives the same bytes on every run.

>>> import numpy as np
>>> curves = activation_curves("relu", np.array([-1.0, 0.0, 2.0]))
>>> curves.y.tolist(), curves.dy.tolist()
([0.0, 0.0, 2.0], [0.0, 1.0, 1.0])
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import sympy

from ..core.errors import SymnnError
from ..core.functions import ACTIVATIONS, activation_info, explicit
from ..document.blocks import Figure
from ..document.i18n import STRINGS

__all__ = [
    "FIGURE_STYLE",
    "ActivationCurves",
    "FigureLeftOutError",
    "activation_curves",
    "activation_figure",
    "activation_figures",
    "network_tikz",
    "numeric_function",
    "save_figure",
]

class FigureLeftOutError(SymnnError):
    """A figure cannot be made because a program it needs is missing; a document goes on without it."""


#: matplotlib settings for every symnn figure (reproducible files; 9 pt type at the page's width)
FIGURE_STYLE = {
    "font.size": 9,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "svg.hashsalt": "symnn",
    "path.simplify": False,
}

#: the widest x-range a figure draws: the explicit forms stay inside float range there
LARGEST_ABS_X = 10.0

_X = sympy.Symbol("x", real=True)


def _modules() -> list:
    import math

    return [{"erf": np.vectorize(math.erf, otypes=[float])}, "numpy"]


def numeric_function(expr: sympy.Expr, x: sympy.Symbol = _X) -> Callable[[np.ndarray], np.ndarray]:
    """A NumPy function of one array for ``expr`` in ``x``: explicit forms, Piecewise by branches.

    >>> x = sympy.Symbol("x", real=True)
    >>> f = numeric_function(sympy.Piecewise((sympy.log(x), x > 0), (0, True)), x)
    >>> f(np.array([-1.0, 1.0])).tolist()
    [0.0, 0.0]
    """
    folded = sympy.piecewise_fold(explicit(sympy.sympify(expr, strict=True)))
    extra = folded.free_symbols - {x}
    if extra:
        names = ", ".join(sorted(map(str, extra)))
        raise SymnnError(f"cannot plot {expr}: it depends on {names} besides {x}")
    if isinstance(folded, sympy.Piecewise):
        branches = [(sympy.lambdify(x, e, _modules()), sympy.lambdify(x, c, _modules()))
                    for e, c in folded.args]
    else:
        branches = [(sympy.lambdify(x, folded, _modules()), lambda v: True)]

    def evaluate(values: np.ndarray) -> np.ndarray:
        values = np.asarray(values, dtype=float)
        out = np.full(values.shape, np.nan)
        remaining = np.ones(values.shape, dtype=bool)
        for value, condition in branches:
            mask = remaining & np.broadcast_to(np.asarray(condition(values), dtype=bool), values.shape)
            if mask.any():
                out[mask] = np.broadcast_to(np.asarray(value(values[mask]), dtype=float), (int(mask.sum()),))
            remaining &= ~mask
        return out

    return evaluate


@dataclass(frozen=True)
class ActivationCurves:
    """The points of one activation's figure: x, f(x) and f'(x) (and the files written, if any)."""

    name: str
    x: np.ndarray
    y: np.ndarray
    dy: np.ndarray
    files: tuple[Path, ...] = ()


def activation_curves(name: str, x: np.ndarray | None = None, *,
                      x_range: tuple[float, float] = (-6.0, 6.0), points: int = 601) -> ActivationCurves:
    """f and f' of the catalogue's activation ``name`` at the points ``x`` (default: a grid on x_range)."""
    info = activation_info(name)
    if x is None:
        low, high = (float(v) for v in x_range)
        if not (-LARGEST_ABS_X <= low < high <= LARGEST_ABS_X):
            raise SymnnError(f"x_range must satisfy -{LARGEST_ABS_X:g} <= low < high <= {LARGEST_ABS_X:g}, "
                             f"got {x_range}")
        x = np.linspace(low, high, points)
    x = np.asarray(x, dtype=float)
    f = info.function(_X)
    y = numeric_function(f)(x)
    dy = numeric_function(sympy.diff(f, _X))(x)
    return ActivationCurves(info.name, x, y, dy)


def save_figure(figure, path: str | Path) -> tuple[Path, Path]:
    """Write ``figure`` as PDF and PNG beside each other (``path`` with either suffix); closes it.

    The files carry no date or software stamp, so repeated runs give the same bytes.
    """
    import io

    import matplotlib.pyplot as plt

    from ..core.files import write_text

    path = Path(path)
    pdf, png = path.with_suffix(".pdf"), path.with_suffix(".png")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # drawn into memory, then written like every output: atomically, never through a link
        for target, options in ((pdf, {"metadata": {"CreationDate": None, "ModDate": None}}),
                                (png, {"metadata": {"Software": None}, "dpi": 150})):
            buffer = io.BytesIO()
            figure.savefig(buffer, format=target.suffix[1:], bbox_inches="tight", **options)
            write_text(target, buffer.getvalue())
    except OSError as error:
        raise SymnnError(f"cannot write figure {path}: {error.strerror or error}") from None
    finally:
        plt.close(figure)
    return pdf, png


def _pyplot():
    import matplotlib

    matplotlib.use("Agg", force=False) if matplotlib.get_backend().lower() != "agg" else None
    import matplotlib.pyplot as plt

    return plt


def activation_figure(name: str, path: str | Path, *, x_range: tuple[float, float] = (-6.0, 6.0),
                      points: int = 601) -> ActivationCurves:
    """Plot activation ``name`` (left) beside its derivative (right); write PDF and PNG at ``path``.

    Returns the plotted points, read back from the figure's lines.
    """
    info = activation_info(name)
    curves = activation_curves(name, x_range=x_range, points=points)
    plt = _pyplot()
    import matplotlib

    with matplotlib.rc_context(FIGURE_STYLE):
        figure, (left, right) = plt.subplots(1, 2, figsize=(6.4, 2.3))
        (line_f,) = left.plot(curves.x, curves.y, color="tab:blue", linewidth=1.6)
        (line_d,) = right.plot(curves.x, curves.dy, color="tab:red", linewidth=1.6)
        # no words in the picture: the same figure serves every language of a document
        left.set_title(f"{info.title}: $f(x)$")
        stated = info.self_derivative
        derivative = f" = {stated}" if stated and "alpha" not in stated and stated != "1" else ""
        right.set_title(f"$f'(x){derivative}$")
        for axes in (left, right):
            axes.axhline(0, color="black", linewidth=0.6)
            axes.axvline(0, color="black", linewidth=0.6)
            axes.set_xlabel("$x$")
            axes.set_xlim(curves.x[0], curves.x[-1])
        figure.tight_layout()
        plotted = ActivationCurves(info.name, *(np.asarray(data, dtype=float) for data in (
            line_f.get_xdata(), line_f.get_ydata(), line_d.get_ydata())))
        files = save_figure(figure, path)
    return ActivationCurves(plotted.name, plotted.x, plotted.y, plotted.dy, files)


def activation_figures(names: Iterable[str] | None = None, folder: str = "figures", lang: str = "en") -> list:
    """Figure blocks (for a :class:`~symnn.document.blocks.Section`): each activation beside its derivative.

    >>> [f.filename for f in activation_figures(["sigmoid", "tanh"])]
    ['figures/activation-sigmoid.pdf', 'figures/activation-tanh.pdf']
    """

    blocks = []
    for name in (names if names is not None else ACTIVATIONS):
        info = activation_info(name)

        def make(path: Path, _name: str = info.name) -> None:
            activation_figure(_name, path)

        blocks.append(Figure(f"{folder}/activation-{info.name}.pdf",
                             STRINGS("figure.activation", lang, name=info.title), make))
    return blocks


def network_tikz(layers: Sequence[Sequence[str]], edges: Sequence[tuple[str, str, str]], *,
                 column_width: float = 3.4, row_height: float = 1.7) -> str:
    r"""A layered network as a ``tikzpicture``: a column of named units per layer, each edge with its weight.

    ``layers`` are lists of unit labels (LaTeX math, e.g. ``x_{1}``), first layer left; ``edges`` are
    (source, target, weight label). A weight is written where no other edge crosses: on a straight
    (horizontal) edge above its middle, on a slanted edge a quarter of the way from its source, on the
    side away from the crossing, so that a reader can tell w_2 from w_3 in a fully connected layer.

    >>> print(network_tikz([["x"], ["h"]], [("x", "h", "w")]))  # doctest: +ELLIPSIS
    \begin{tikzpicture}[x=3.4cm, y=1.7cm, ...
    \node[unit] (u0-0) at (0, 0.00) {$x$};
    \node[unit] (u1-0) at (1, 0.00) {$h$};
    \draw[->] (u0-0) -- node[weight, above, pos=0.5] {$w$} (u1-0);
    \end{tikzpicture}
    """
    lines = [rf"\begin{{tikzpicture}}[x={column_width}cm, y={row_height}cm, >=stealth,"
             r" unit/.style={circle, draw, minimum size=9mm, inner sep=0pt},"
             r" weight/.style={fill=white, inner sep=1.5pt}]"]
    position: dict[str, tuple[str, float]] = {}
    for column, names in enumerate(layers):
        for row, name in enumerate(names):
            y = (len(names) - 1) / 2 - row
            position[name] = (f"u{column}-{row}", y)
            lines.append(rf"\node[unit] ({position[name][0]}) at ({column}, {y:.2f}) {{${name}$}};")
    for source, target, weight in edges:
        (a, ya), (b, yb) = position[source], position[target]
        if abs(ya - yb) < 1e-9:
            where = "above, pos=0.5"
        else:
            # the side away from the crossing: above an edge that falls, below one that rises
            where = ("below" if yb > ya else "above") + ", pos=0.22, sloped"
        lines.append(rf"\draw[->] ({a}) -- node[weight, {where}] {{${weight}$}} ({b});")
    lines.append(r"\end{tikzpicture}")
    return "\n".join(lines)
