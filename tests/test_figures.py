"""Figures: valid PDF/PNG files, reproducible bytes, and plotted derivatives that match finite differences."""

import warnings

import numpy as np
import pytest
import sympy

from symnn.core.errors import SymnnError, UnknownNameError
from symnn.core.functions import ACTIVATIONS
from symnn.render.figures import activation_curves, activation_figure, activation_figures, numeric_function

# points where the activation is not differentiable (finite differences straddle a kink)
KINKS = {"relu": [0.0], "leaky_relu": [0.0], "elu": [0.0]}


def kink_free(name, x, h):
    keep = np.ones_like(x, dtype=bool)
    for k in KINKS.get(name, []):
        keep &= np.abs(x - k) > 2 * h
    return keep


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_plotted_derivative_matches_central_differences_of_plotted_function(name, tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no RuntimeWarning from overflow or a branch that should not run
        curves = activation_figure(name, tmp_path / f"{name}.pdf")
    x, y, dy = curves.x, curves.y, curves.dy
    assert np.all(np.isfinite(y)) and np.all(np.isfinite(dy))
    # central differences of the plotted function on the plotted grid (interior points)
    h = x[1] - x[0]
    central = (y[2:] - y[:-2]) / (2 * h)
    keep = kink_free(name, x[1:-1], h)
    assert np.allclose(central[keep], dy[1:-1][keep], atol=2e-3), name
    # the files are a real PDF and a real PNG
    pdf, png = curves.files
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.read_bytes().rstrip().endswith(b"%%EOF")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "softplus", "gelu", "gelu_tanh", "elu"])
def test_curves_agree_with_sympy_diff_of_the_explicit_formula(name):
    # an independent truth: SymPy's diff of the formula written here, evaluated with mpmath
    x = sympy.Symbol("x", real=True)
    formulas = {
        "sigmoid": 1 / (1 + sympy.exp(-x)),
        "tanh": 2 / (1 + sympy.exp(-2 * x)) - 1,
        "softplus": sympy.log(1 + sympy.exp(x)),
        "gelu": x / 2 * (1 + sympy.erf(x / sympy.sqrt(2))),
        "gelu_tanh": x / 2 * (1 + sympy.tanh(sympy.sqrt(2 / sympy.pi) * (x + 0.044715 * x**3))),
        "elu": sympy.Piecewise((sympy.exp(x) - 1, x <= 0), (x, True)),
    }
    points = np.array([-5.5, -2.0, -0.3, 0.4, 1.7, 5.0])
    curves = activation_curves(name, points)
    for value, y, dy in zip(points, curves.y, curves.dy, strict=True):
        assert y == pytest.approx(float(formulas[name].subs(x, value).evalf(20)), abs=1e-12)
        assert dy == pytest.approx(float(sympy.diff(formulas[name], x).subs(x, value).evalf(20)), abs=1e-12)


def test_relu_follows_the_lectures_convention_at_zero():
    curves = activation_curves("relu", np.array([-1.0, 0.0, 1.0]))
    assert curves.dy.tolist() == [0.0, 1.0, 1.0]


def test_figures_are_reproducible_byte_for_byte(tmp_path):
    first = activation_figure("tanh", tmp_path / "a.pdf").files
    second = activation_figure("tanh", tmp_path / "b.png").files
    for one, two in zip(first, second, strict=True):
        assert one.read_bytes() == two.read_bytes()


def test_piecewise_branches_only_see_their_own_points():
    x = sympy.Symbol("x", real=True)
    f = numeric_function(sympy.Piecewise((sympy.log(x), x > 0), (sympy.exp(-1000 * x), x > -1), (0, True)), x)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        values = f(np.array([-5.0, -0.5, 0.0, np.e]))
    assert values[0] == 0.0 and values[3] == pytest.approx(1.0)
    assert values[2] == 1.0


def test_figure_blocks_make_their_files(tmp_path):
    (block,) = activation_figures(["Sigmoid"])
    block.make(tmp_path / block.filename)
    assert (tmp_path / "figures" / "activation-sigmoid.pdf").exists()
    assert (tmp_path / "figures" / "activation-sigmoid.png").exists()


def test_bad_input():
    with pytest.raises(UnknownNameError, match="known:"):
        activation_curves("sigmod")
    with pytest.raises(SymnnError, match="x_range"):
        activation_curves("sigmoid", x_range=(-1000, 1000))
    x, y = sympy.symbols("x y", real=True)
    with pytest.raises(SymnnError, match="depends on y"):
        numeric_function(x * y, x)


def test_unwritable_figure_path_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(SymnnError, match="cannot write figure"):
        activation_figure("relu", blocker / "relu.pdf")
