"""The names a worked solution uses for a spec's quantities: Greek letters, deltas named after a
unit, and the writer's own names for net inputs.

Every expected figure is computed here from the network's definition (forward pass by hand,
gradients by central finite differences), never taken from the checker.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

import symnn
from symnn.checking.report import MISTAKES, UNREAD

ROOT = Path(__file__).resolve().parents[1]
THREE = str(ROOT / "derivations" / "specs" / "three_layer.toml")
MAZUR = str(ROOT / "derivations" / "specs" / "mazur.toml")
LECTURE = str(ROOT / "derivations" / "backprop_lecture.toml")

# -- the three-layer network (derivations/specs/three_layer.toml), by hand -------------------------
THREE_VALUES = {"w11": 0.3, "w12": -0.1, "w21": 0.2, "w22": 0.4, "w31": -0.5, "w32": 0.1,
                "b1": 0.05, "b2": -0.1, "b3": 0.2, "v11": 0.7, "v12": -0.6, "v13": 0.5, "v21": 0.3,
                "v23": 0.8, "gamma": 0.1, "t1": 1.2, "t2": -0.7, "t0": 0.05}


def _three(p: dict) -> dict:
    x1, x2 = 1.0, -2.0
    z = [p[f"w{k}1"] * x1 + p[f"w{k}2"] * x2 + p[f"b{k}"] for k in (1, 2, 3)]
    a = [math.tanh(v) for v in z]
    u1 = p["v11"] * a[0] + p["v12"] * a[1] + p["v13"] * a[2] + p["gamma"]
    u2 = p["v21"] * a[0] + p["v23"] * a[2] + p["gamma"]
    h1, h2 = max(0.0, u1), max(0.0, u2)
    s = p["t1"] * h1 + p["t2"] * h2 + p["t0"]
    out = 1 / (1 + math.exp(-s))
    return {"z": z, "a": a, "u1": u1, "u2": u2, "h1": h1, "h2": h2, "s": s, "out": out,
            "E": 0.5 * (out - 1.0) ** 2}


def _three_gradient(name: str) -> float:
    h = 1e-6
    up, down = dict(THREE_VALUES), dict(THREE_VALUES)
    up[name] += h
    down[name] -= h
    return (_three(up)["E"] - _three(down)["E"]) / (2 * h)


FORWARD = _three(THREE_VALUES)


def _verdicts(text: str, spec: str) -> dict[int, set[str]]:
    report = symnn.check(text, spec=spec, timeout=None, budget=None)
    out: dict[int, set[str]] = {}
    for line in report.lines:
        out.setdefault(line.line, set()).add(line.verdict)
    return out


def _judged_right(verdicts: set[str]) -> bool:
    return bool(verdicts) and not verdicts & set(MISTAKES) and not verdicts & set(UNREAD)


# -- Greek letters ------------------------------------------------------------------------------
@pytest.mark.parametrize("written", [r"\beta_1", r"\beta_{1}", "β1", "β₁"])
def test_a_greek_parameter_written_as_latex_or_unicode_is_the_spec_parameter(written):
    right = _verdicts(f"{written} = 0.05\n", THREE)
    wrong = _verdicts(f"{written} = 0.07\n", THREE)
    assert _judged_right(right[1])
    assert wrong[1] & set(MISTAKES)


@pytest.mark.parametrize("written, name, value", [(r"\gamma", "gamma", 0.1), ("γ", "gamma", 0.1),
                                                  (r"\theta_0", "t0", 0.05), ("θ1", "t1", 1.2),
                                                  (r"\theta_{2}", "t2", -0.7)])
def test_greek_biases_and_weights(written, name, value):
    assert THREE_VALUES[name] == value
    assert _judged_right(_verdicts(f"{written} = {value}\n", THREE)[1])
    assert _judged_right(_verdicts(f"${written} = {value}$\n", THREE)[1])


@pytest.mark.parametrize("mark", ["⁺", "'", "^{+}"])
def test_an_updated_greek_parameter(mark):
    """β1 after one step of descent with η = 0.5: β1 - 0.5 dE/dβ1."""
    updated = THREE_VALUES["b1"] - 0.5 * _three_gradient("b1")
    written = f"β1{mark}" if mark != "'" else "\\beta_1'"
    right = _verdicts(f"{written} = {updated:.6f}\n", THREE)
    wrong = _verdicts(f"{written} = {updated + 0.01:.6f}\n", THREE)
    assert _judged_right(right[1])
    assert wrong[1] & set(MISTAKES)


def test_a_derivative_by_a_greek_parameter():
    gradient = _three_gradient("t1")
    for text in (f"∂E/∂θ1 = {gradient:.6f}", f"$\\partial E/\\partial \\theta_1 = {gradient:.6f}$",
                 f"\\frac{{\\partial E}}{{\\partial \\theta_1}} = {gradient:.6f}"):
        assert _judged_right(_verdicts(text + "\n", THREE)[1]), text


# -- deltas named after a unit ---------------------------------------------------------------------
def _mazur_deltas() -> dict[str, float]:
    sig = lambda v: 1 / (1 + math.exp(-v))  # noqa: E731
    h1 = sig(0.15 * 0.05 + 0.20 * 0.10 + 0.35)
    h2 = sig(0.25 * 0.05 + 0.30 * 0.10 + 0.35)
    o1 = sig(0.40 * h1 + 0.45 * h2 + 0.60)
    o2 = sig(0.50 * h1 + 0.55 * h2 + 0.60)
    d1 = (o1 - 0.01) * o1 * (1 - o1)
    d2 = (o2 - 0.99) * o2 * (1 - o2)
    return {"o1": d1, "o2": d2, "h1": (d1 * 0.40 + d2 * 0.50) * h1 * (1 - h1),
            "h2": (d1 * 0.45 + d2 * 0.55) * h2 * (1 - h2)}


MAZUR_DELTAS = _mazur_deltas()


@pytest.mark.parametrize("unit", ["o1", "o2", "h1", "h2"])
@pytest.mark.parametrize("form", ["δ{u}", "δ_{{{u}}}", "\\delta_{{{l}_{n}}}", "delta_{u}", "δ_{l}{sub}"])
def test_the_delta_of_a_unit_by_its_name(unit, form):
    subscripts = dict(zip("0123456789", "₀₁₂₃₄₅₆₇₈₉", strict=True))
    name = form.format(u=unit, l=unit[0], n=unit[1], sub=subscripts[unit[1]])
    value = MAZUR_DELTAS[unit]
    right = _verdicts(f"{name} = {value:.6f}\n", MAZUR)
    wrong = _verdicts(f"{name} = {-value:.6f}\n", MAZUR)
    assert _judged_right(right[1]), name
    assert wrong[1] & set(MISTAKES), name


def test_deltas_of_units_in_a_later_product():
    d = MAZUR_DELTAS
    text = (f"δo1 = {d['o1']:.6f}\nδo2 = {d['o2']:.6f}\n"
            f"∂E/∂out_h1 = δo1·w5 + δo2·w7 = {d['o1'] * 0.40 + d['o2'] * 0.50:.6f}\n")
    verdicts = _verdicts(text, MAZUR)
    assert all(_judged_right(verdicts[k]) for k in (1, 2, 3))


def test_the_lectures_numbered_delta_is_still_the_gradient_of_that_weight():
    """δ5 in the lecture is dError/dw5 (h1 * (o1 - y1) * o1 * (1 - o1)), not a unit's delta."""
    sig = lambda v: 1 / (1 + math.exp(-v))  # noqa: E731
    h1 = sig(0.2 * 0.5 + 0.5 * 0.3)
    h2 = sig(-0.4 * 0.5 + 0.6 * 0.3)
    o1 = sig(0.1 * h1 - 0.3 * h2)
    gradient = h1 * (o1 - 0.23) * o1 * (1 - o1)
    for written in ("δ5", "\\delta_5", "δ₅"):
        assert _judged_right(_verdicts(f"{written} = {gradient:.6f}\n", LECTURE)[1]), written


def test_a_plain_delta_is_the_delta_of_the_single_output():
    out = FORWARD["out"]
    delta = (out - 1.0) * out * (1 - out)
    right = _verdicts(f"\\delta = {delta:.6f}\n", THREE)
    wrong = _verdicts(f"\\delta = {-delta:.6f}\n", THREE)
    assert _judged_right(right[1])
    assert wrong[1] & set(MISTAKES)


# -- the writer's own names for net inputs --------------------------------------------------------
def test_a_name_defined_by_a_units_sum_is_that_units_net_input():
    z1, a1 = FORWARD["z"][0], FORWARD["a"][0]
    text = (f"z1 = w_{{11}} x_1 + w_{{12}} x_2 + \\beta_1 = {z1:.2f}\n"
            f"a_1 = \\tanh(z_1) = {a1:.5f}\n"
            f"\\frac{{\\partial E}}{{\\partial z_1}} = {_three_gradient('b1'):.6f}\n")
    verdicts = _verdicts(text, THREE)
    assert all(_judged_right(verdicts[k]) for k in (1, 2, 3)), verdicts


def test_a_name_defined_by_numbers_of_a_units_sum():
    """z2 = 0.2*1 + 0.4*(-2) + (-0.1): the numbers are w21 x1, w22 x2, β2; a wrong result is an
    arithmetic slip, and tanh of the writer's z2 is then carried, not a new mistake."""
    text = "z2 = 0.2*1 + 0.4*(-2) + (-0.1) = -0.5\na2 = tanh(-0.5) = -0.4621\n"
    verdicts = _verdicts(text, THREE)
    assert verdicts[1] & set(MISTAKES)
    assert not verdicts[2] & set(MISTAKES)
    assert not verdicts[2] & set(UNREAD)


def test_the_relu_pre_activation_by_the_writers_name():
    u1, h1 = FORWARD["u1"], FORWARD["h1"]
    text = (f"u_1 = v_{{11}}a_1 + v_{{12}}a_2 + v_{{13}}a_3 + \\gamma = {u1:.6f}\n"
            f"net_{{h1}} = \\max(0, u_1) = {h1:.6f}\n")
    verdicts = _verdicts(text, THREE)
    assert _judged_right(verdicts[1]) and _judged_right(verdicts[2]), verdicts


def test_a_sum_that_lacks_the_bias_is_a_formula_mistake():
    """s = θ1 net_h1 + θ2 net_h2 leaves out θ0 = 0.05: its figure is not the net input of out."""
    h1, h2 = FORWARD["h1"], FORWARD["h2"]
    without = 1.2 * h1 - 0.7 * h2
    assert abs(without - FORWARD["s"]) > 0.04
    text = (f"s = \\theta_1 net_{{h1}} + \\theta_2 net_{{h2}} = {without:.4f}\n"
            f"out = \\sigma(s) = {1 / (1 + math.exp(-without)):.4f}\n")
    verdicts = _verdicts(text, THREE)
    assert verdicts[1] & set(MISTAKES)
    assert not verdicts[2] & set(MISTAKES)  # it carries the mistake of the line above
    assert not verdicts[2] & set(UNREAD)


def test_a_derivative_by_a_written_net_input():
    out = FORWARD["out"]
    delta = (out - 1.0) * out * (1 - out)
    text = f"δ = ∂E/∂(θ1·net_h1 + θ2·net_h2 + θ0) = {delta:.6f}\n"
    assert _judged_right(_verdicts(text, THREE)[1])


def test_a_single_product_is_not_taken_for_a_net_input():
    """p = w_{11} x_1 is one term of z1's three: p keeps its own value and is no mistake."""
    verdicts = _verdicts("p = w_{11} x_1 = 0.3\n", THREE)
    assert not verdicts[1] & set(MISTAKES)


def test_a_spec_name_is_not_rebound_by_a_wrong_sum():
    """net_h1 written with net_h2's weights is a mistake, not a new name for net_h2's input."""
    u2 = FORWARD["u2"]
    verdicts = _verdicts(f"net_{{h1}} = v_{{21}}a_1 + v_{{23}}a_3 + \\gamma = {u2:.5f}\n", THREE)
    assert verdicts[1] & set(MISTAKES)


# -- letters of other scripts ---------------------------------------------------------------------
def test_a_name_in_another_script_is_read_where_it_reads_as_a_name():
    from symnn.checking.parse import parse_relation

    assert parse_relation("net_{隐} = 0.1").parts[0].node.name == "net_隐"
    assert parse_relation("权1 = 0.2").parts[0].node.name == "权1"


@pytest.mark.parametrize("line", ["Die Ableitung für w5 = 0.03 ist klein.", "σ(0) = 0.5 となります",
                                  "출력 o = 0.5 입니다"])
def test_prose_in_another_script_is_never_a_mistake(line):
    """Words of prose are not variables: without a spec they must not make a claim fail."""
    for spec in (None, LECTURE):
        report = symnn.check(line + "\n", spec=spec, timeout=None, budget=None)
        assert not {r.verdict for r in report.lines} & set(MISTAKES), (spec, line)


def test_a_weight_written_with_its_plain_name_after_the_step():
    """"new: v11 = 0.72103": the value of v11 after one step (0.7 - 0.5 dE/dv11), not a slip."""
    updated = THREE_VALUES["v11"] - 0.5 * _three_gradient("v11")
    assert abs(updated - THREE_VALUES["v11"]) > 0.01
    right = _verdicts(f"new: v11 = {updated:.5f}\n", THREE)
    wrong = _verdicts(f"new: v11 = {updated + 0.004:.5f}\n", THREE)
    given = _verdicts("v11 = 0.7\n", THREE)
    assert _judged_right(right[1]) and _judged_right(given[1])
    assert wrong[1] & set(MISTAKES)


def test_a_writers_net_input_name_in_a_second_pass():
    """After every parameter moved one step, z1 = ... is the new net input of a1, not a slip."""
    new = {k: v - 0.5 * _three_gradient(k) for k, v in THREE_VALUES.items()}
    after = _three(new)
    assert abs(after["z"][0] - FORWARD["z"][0]) > 0.05
    text = (f"z1 = w_{{11}} x_1 + w_{{12}} x_2 + \\beta_1 = {FORWARD['z'][0]:.4f}\n"
            f"after the step: z1 = {after['z'][0]:.4f}\n"
            f"u_1 = v_{{11}}a_1 + v_{{12}}a_2 + v_{{13}}a_3 + \\gamma = {FORWARD['u1']:.5f}\n"
            f"after the step: u_1 = {after['u1']:.5f}\n")
    verdicts = _verdicts(text, THREE)
    assert all(_judged_right(verdicts[k]) for k in (1, 2, 3, 4)), verdicts


def test_a_figure_from_the_writers_own_earlier_number_carries_it():
    """net_o1 = 1.2000 is a slip (1.105905); out_o1 = σ(1.2) = 0.7685 carries it, and
    out_o1(1 - out_o1) = 0.1779 is what the writer's 0.7685 gives: no new mistake; 0.1700 is one."""
    assert abs(1 / (1 + math.exp(-1.2)) - 0.7685) < 5e-5 and abs(0.7685 * 0.2315 - 0.1779) < 5e-5
    head = "net_{o1} = 1.2000\nout_{o1} = \\sigma(1.2) = 0.7685\n"
    verdicts = _verdicts(head + "\\sigma'(net_{o1}) = out_{o1}(1 - out_{o1}) = 0.1779\n", MAZUR)
    assert verdicts[1] & set(MISTAKES)
    assert not verdicts[3] & set(MISTAKES) and not verdicts[3] & set(UNREAD), verdicts
    wrong = _verdicts(head + "\\sigma'(net_{o1}) = out_{o1}(1 - out_{o1}) = 0.1700\n", MAZUR)
    assert wrong[3] & set(MISTAKES)


def test_a_generic_name_for_each_units_net_input_in_turn():
    """Mazur: net = w5 out_h1 + w6 out_h2 + b2 for o1, then net = w7 out_h1 + w8 out_h2 + b2 for o2."""
    sig = lambda v: 1 / (1 + math.exp(-v))  # noqa: E731
    h1 = sig(0.15 * 0.05 + 0.20 * 0.10 + 0.35)
    h2 = sig(0.25 * 0.05 + 0.30 * 0.10 + 0.35)
    n1, n2 = 0.40 * h1 + 0.45 * h2 + 0.60, 0.50 * h1 + 0.55 * h2 + 0.60
    text = (f"net = 0.40*{h1:.6f} + 0.45*{h2:.6f} + 0.60 = {n1:.6f}\nout_o1 = \\sigma(net) = {sig(n1):.6f}\n"
            f"net = 0.50*{h1:.6f} + 0.55*{h2:.6f} + 0.60 = {n2:.6f}\nout_o2 = \\sigma(net) = {sig(n2):.6f}\n"
            f"net = 0.40*{h1:.6f} + 0.45*{h2:.6f} = {n1 - 0.6:.6f}\n")
    verdicts = _verdicts(text, MAZUR)
    assert all(_judged_right(verdicts[k]) for k in (1, 2, 3, 4)), verdicts
    assert verdicts[5] & set(MISTAKES)  # o1's net input without its bias


@pytest.mark.parametrize("line", ["Σ exp(z_j) = 11.2125", "L = -Σ y log p = 0.42", "Π = 3"])
def test_capital_sigma_and_pi_are_operators_not_variables(line):
    """Σ without limits is a sum that cannot be judged, never a variable that makes a claim fail."""
    report = symnn.check(line + "\n", timeout=None, budget=None)
    assert not {r.verdict for r in report.lines} & set(MISTAKES)


def test_the_delta_of_a_unit_named_with_a_prefix():
    """The spec's unit net_h1: δ_{h1} is dE/du1 = (out - y) out (1 - out) θ1 (its ReLU is active)."""
    out = FORWARD["out"]
    assert FORWARD["u1"] > 0
    delta = (out - 1.0) * out * (1 - out) * THREE_VALUES["t1"]
    for written in ("\\delta_{h1}", "δh1", "δ_{net_h1}"):
        assert _judged_right(_verdicts(f"{written} = {delta:.6f}\n", THREE)[1]), written
        assert _verdicts(f"{written} = {-delta:.6f}\n", THREE)[1] & set(MISTAKES), written
