"""What a worked solution refers to: the quantities of a network, a computation graph, or nothing.

A *problem* turns the names a writer uses into quantities with exact values:
``h_1``, ``Out_{h_1}`` and ``out_{h1}`` are the activation of unit h1; ``In_{h_1}``
and ``net_{h1}`` its net input; ``\\delta_5`` and ``\\frac{\\partial Error}{\\partial w_5}``
the gradient of w5 (the lecture writes delta_i for dError/dw_i); ``w_5'``, ``w_5^+``
the updated weight; ``y_1`` the target of the first output; ``\\eta``/``lr`` the
learning rate. Values are exact to 40 digits (mpmath), from the spec's decimals.

>>> import symnn
>>> from symnn.models.network import LECTURE_EXAMPLE
>>> problem = NetworkProblem(symnn.parse_spec(LECTURE_EXAMPLE))
>>> problem.resolve("In_h1")[0].label, float(problem.resolve("h1")[0].value)
('In_h1', 0.5621765008857981)
>>> q = problem.resolve("delta5")[0]
>>> q.label, round(float(q.value), 6)
('dError/dw5', 0.034633)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import sympy

from ..core.errors import SymnnError
from .precision import DPS, MP

__all__ = ["ExpressionProblem", "FreeProblem", "NetworkProblem", "Problem", "Quantity", "normal"]


#: the kinds of quantity that have a value after one step of gradient descent (a second forward pass)
_AFTER = {"unit": "updated_unit", "preactivation": "updated_preactivation", "loss": "updated_loss",
          "parameter": "updated"}  # a weight written with its plain name after the step: its new value
AFTER_UPDATE = ("updated_unit", "updated_preactivation", "updated_loss")


def normal(name: str) -> str:
    """A name reduced for matching: no underscores, braces or spaces, lower case, Greek letters
    spelled as in LaTeX (the spec's ``β1`` is the writer's ``\\beta_1``).

    >>> normal("In_{h_1}"), normal("E_total"), normal("w_5'"), normal("β1"), normal("θ_{0}")
    ('inh1', 'etotal', "w5'", 'beta1', 'theta0')
    """
    if not name.isascii():
        from .tokens import greek_name

        name = "".join(greek_name(ch) or ch for ch in name)
    return re.sub(r"[_{}\s^]", "", name).lower()


@dataclass
class Quantity:
    """A named quantity with its exact value and, where known, its structure for diagnosis.

    ``structure`` is a SymPy expression whose symbols are in ``values`` (used to say
    which factor or term of a written expression differs); ``paths`` holds the
    chain-rule products of a gradient as lists of (label, formula, value).
    """

    key: str
    label: str
    value: MP.mpf | None
    kind: str = "value"
    structure: sympy.Expr | None = None
    paths: list = field(default_factory=list)
    given: bool = False  # a number of the problem statement (input, weight, target)


def _mpf(value) -> MP.mpf:
    with MP.workdps(DPS):
        if isinstance(value, float):
            return MP.mpf(repr(value))
        if isinstance(value, sympy.Basic):
            return MP.mpf(str(sympy.N(value, DPS)))
        return MP.mpf(value)


def _precise(method):
    """Run ``method`` with mpmath at DPS digits (products of mpf values are rounded to the context)."""
    import functools

    @functools.wraps(method)
    def wrapper(*args, **kwargs):
        with MP.workdps(DPS):
            return method(*args, **kwargs)

    return wrapper


class Problem:
    """Base class: resolves names and named derivatives to quantities."""

    #: symbols -> sympy exact numbers, for evaluating structures
    values: dict

    @_precise
    def resolve(self, name: str) -> list[Quantity]:
        return []

    def resolve_partial(self, numerator, denominator) -> list[Quantity]:
        return []

    def function(self, name: str):
        """A quantity for ``f(...)`` when ``f`` names the problem's expression."""
        return None

    def known_names(self) -> list[str]:
        return []

    def rounded_candidates(self) -> list[Quantity]:
        return []


class FreeProblem(Problem):
    """No problem given: lines are symbolic identities in free variables."""

    def __init__(self):
        self.values = {}


# --------------------------------------------------------------------------------------------
# Networks
# --------------------------------------------------------------------------------------------


class NetworkProblem(Problem):
    """The quantities of a network spec (first sample), with values overridable by a variant."""

    def __init__(self, spec, values: dict | None = None, targets: dict | None = None):
        from ..models.network import LOSS_NAME, Network

        self.spec = spec
        self.net = Network(spec)
        net = self.net
        self.loss_name = LOSS_NAME
        sample = spec.samples[0]
        given = dict(spec.values)
        given.update({k: v for k, v in sample.inputs.items()})
        given.update(values or {})
        target_values = dict(sample.targets)
        target_values.update(targets or {})
        self.values: dict[sympy.Symbol, sympy.Expr] = {}
        self.given: dict[str, sympy.Expr] = {}
        for name, value in given.items():
            if name in net.inputs or name in net.parameters:
                exact = sympy.Rational(repr(float(value)))
                self.values[net.symbol(name)] = exact
                self.given[name] = exact
        for unit in net.output_units:
            exact = sympy.Rational(repr(float(target_values[unit])))
            self.values[net.target_symbol(unit)] = exact
            self.given[net.target_name(unit)] = exact
        eta = spec.learning_rate
        self.eta = sympy.Rational(repr(float(eta)))
        self.eta_symbol = sympy.Symbol("eta")
        self.values[self.eta_symbol] = self.eta
        # forward pass at 40 digits
        for layer in spec.layers:
            for unit in layer.units:
                z = net.preactivation_expr(unit).xreplace(self.values)
                self.values[net.preactivation_symbol(unit)] = sympy.N(z, DPS)
            for unit in layer.units:
                a = net.activation_expr(unit).xreplace(self.values)
                self.values[net.symbol(unit)] = sympy.N(a, DPS)
        self.loss_symbol = net.loss_symbol
        self.values[self.loss_symbol] = sympy.N(net.loss_expr().xreplace(self.values), DPS)
        self._several = len(spec.samples) > 1 and not values and not targets
        self._evaluation = net.evaluate() if self._several else None
        self._names = self._name_table()
        self._pool: list[Quantity] | None = None

    # -- names ---------------------------------------------------------------------------
    def _name_table(self) -> dict[str, list[tuple[str, str]]]:
        """normal(name) -> [(kind, network name)] in order of preference."""
        net = self.net
        table: dict[str, list[tuple[str, str]]] = {}

        explicit: set[str] = set()
        self._explicit = explicit

        def add(alias: str, kind: str, name: str, guess: bool = False) -> None:
            if not guess:
                explicit.add(normal(alias))
            table.setdefault(normal(alias), [])
            if (kind, name) not in table[normal(alias)]:
                table[normal(alias)].append((kind, name))

        for name in net.inputs:
            add(name, "input", name)
        for name in net.parameters:
            add(name, "parameter", name)
            add(name + "'", "updated", name)
            match = re.fullmatch(r"[wW]_?\{?(\w+?)\}?", name)
            if match:  # the lecture's delta_i = dError/dw_i
                add("delta" + match.group(1), "gradient", name)
            add("delta" + name, "gradient", name)
            add("d" + name, "gradient", name, guess=True)  # dw11, db1: the gradient, as code names it
        for unit in net.units:
            add(unit, "unit", unit)
            add(unit + "'", "updated_unit", unit)  # after the update: the second forward pass
            for prefix in ("out", "a"):
                add(prefix + unit, "unit", unit)
                add(prefix + unit + "'", "updated_unit", unit)
            for prefix in ("in", "net", "z", "s"):
                add(prefix + unit, "preactivation", unit)
                add(prefix + unit + "'", "updated_preactivation", unit)
            add("delta" + unit, "delta", unit)
            # d_o1, d_net_o1, d_z1 in notes: the delta of the unit (or, for an output, dE/do1 as code
            # names it); a guess, chosen by the figure written
            for prefix in ("", "in", "net", "z"):
                add(f"d{prefix}{unit}", "delta", unit, guess=True)
            if unit in net.output_units:
                add(f"d{unit}", "output_gradient", unit, guess=True)
            else:  # da1 in code: dE/da1, the gradient by the unit's output
                add(f"d{unit}", "unit_gradient", unit, guess=True)
            core = re.fullmatch(r"(?:out|net|in)_\{?(\w+?)\}?", unit, re.IGNORECASE)
            if core:  # a unit named net_h1 or out_o1: its delta is also written δ_{h1}, δ_{o1}
                add("delta" + core.group(1), "delta", unit, guess=True)
                add("d" + core.group(1), "delta", unit, guess=True)
                add(core.group(1), "unit", unit, guess=True)  # and the unit itself h1
                if not unit.lower().startswith("out"):
                    # a unit named net_h2 (or in_h2) is, to many writers, its net input: the figure chooses
                    add(unit, "preactivation", unit, guess=True)
            paired = re.fullmatch(r"a_?\{?(\d+)\}?", unit)
            if paired:  # the field's pairing of a_k (activation) and z_k (its net input)
                add(f"z{paired.group(1)}", "preactivation", unit, guess=True)
                add(f"z{paired.group(1)}'", "updated_preactivation", unit, guess=True)
                add(f"dz{paired.group(1)}", "delta", unit, guess=True)
        for k, unit in enumerate(net.output_units, start=1):
            add(net.target_name(unit), "target", unit)
            add(f"y{k}", "target", unit, guess=True)
            add(f"y{k}", "unit", unit, guess=True)  # y for the network's output (ŷ), chosen by its figure
            add(f"t{k}", "target", unit, guess=True)
            add(f"target{unit}", "target", unit)
            add(f"y{unit}", "target", unit)
            add(f"t{unit}", "target", unit)
            add(f"yhat{k}", "unit", unit, guess=True)
            add(f"o{k}", "unit", unit, guess=True)
            add(f"o{k}'", "updated_unit", unit, guess=True)
            add(f"yhat{k}'", "updated_unit", unit, guess=True)
            add(f"deltao{k}", "output_gradient", unit, guess=True)
            add(f"delta{unit}", "output_gradient", unit)
            add(f"z{k}", "preactivation", unit, guess=True)
            for prefix in ("E", "Error", "L"):  # Mazur's E_o1: the part of the error from one output
                add(f"{prefix}{unit}", "loss_term", unit)
        if len(net.output_units) == 1:  # one output: a plain delta is its delta
            add("delta", "delta", net.output_units[0])
        for alias in ("Error", "E", "Etotal", "L", "Loss", "J", "C", "Err", "Ltotal"):
            add(alias, "loss", self.loss_name)
            add(alias + "'", "updated_loss", self.loss_name)
        for alias in ("eta", "lr", "alpha", "learningrate"):
            add(alias, "eta", "eta")
        return table

    def guessed(self, name: str) -> bool:
        """Whether ``name`` means a quantity only by a convention (``z1``: the net input of the first
        output, or of a unit named ``a1``), not by a name of the spec."""
        key = normal(name)
        return key in self._names and key not in self._explicit

    @_precise
    def net_input_terms(self, unit: str) -> list[tuple[Quantity, ...]]:
        """The terms of the net input of ``unit``: (weight, source) for each connection, (bias,)."""
        net = self.net
        terms = []
        for source, parameter in net.incoming(unit):
            kind = "input" if source in net.inputs else "unit"
            terms.append((self._quantity("parameter", parameter), self._quantity(kind, source)))
        bias = net.bias_of(unit)
        if bias is not None:
            terms.append((self._quantity("parameter", bias),))
        return terms

    def net_input(self, unit: str) -> Quantity:
        """The net input (pre-activation) of ``unit``."""
        return self._quantity("preactivation", unit)

    def known_names(self) -> list[str]:
        net = self.net
        names = [*net.inputs, *net.parameters, *net.units, *[f"In_{u}" for u in net.units],
                 *[f"net_{u}" for u in net.units], *[f"out_{u}" for u in net.units],
                 *[f"y{k}" for k in range(1, len(net.output_units) + 1)], self.loss_name, "E_total", "eta",
                 *[f"{p}'" for p in net.parameters]]
        names += [alias for alias, entries in self._names.items() if alias.startswith("delta")
                  and any(kind == "gradient" for kind, _ in entries)]
        return names

    @_precise
    def resolve(self, name: str) -> list[Quantity]:
        if name == "e":  # Euler's number; the loss is a capital E
            return []
        candidates = []
        for kind, target in self._names.get(normal(name), []):
            quantity = self._quantity(kind, target)
            if quantity is not None and all(q.key != quantity.key for q in candidates):
                candidates.append(quantity)
        return candidates

    @_precise
    def after_update(self, name: str) -> list[Quantity]:
        """What a plain name means in a second forward pass: its value after one step of descent."""
        out = []
        for kind, target in self._names.get(normal(name), []):
            if kind in _AFTER:
                quantity = self._quantity(_AFTER[kind], target)
                if quantity is not None:
                    out.append(quantity)
        return out

    def _node(self, name: str) -> tuple[str, str] | None:
        """A name as a node of the computation: ('loss'|'unit'|'preactivation'|'parameter'|'input', name)."""
        for kind, target in self._names.get(normal(name), []):
            if kind in {"loss", "loss_term", "unit", "preactivation", "parameter", "input"}:
                return kind, target
        return None

    def _value(self, expr: sympy.Expr) -> MP.mpf:
        return _mpf(expr.xreplace(self.values))

    def _quantity(self, kind: str, name: str) -> Quantity | None:
        cache = self.__dict__.setdefault("_quantities", {})
        if (kind, name) not in cache:
            cache[kind, name] = self._make_quantity(kind, name)
        return cache[kind, name]

    @_precise
    def _make_quantity(self, kind: str, name: str) -> Quantity | None:
        net = self.net
        if kind == "input":
            return Quantity(f"input:{name}", name, _mpf(self.given[name]), kind, given=True)
        if kind == "parameter":
            return Quantity(f"parameter:{name}", name, _mpf(self.given[name]), kind, given=True)
        if kind == "target":
            target = net.target_name(name)
            return Quantity(f"target:{name}", f"y({name})", _mpf(self.given[target]), kind, given=True)
        if kind == "eta":
            return Quantity("eta", "eta", _mpf(self.eta), kind, given=True)
        if kind == "unit":
            structure = net.activation_expr(name).xreplace(
                {net.preactivation_symbol(u): net.preactivation_expr(u) for u in net.layer(name).units})
            return Quantity(f"unit:{name}", name, self._value(net.symbol(name)), kind, structure)
        if kind == "preactivation":
            return Quantity(f"pre:{name}", f"In_{name}", self._value(net.preactivation_symbol(name)), kind,
                            net.preactivation_expr(name))
        if kind == "loss":
            value = self._evaluation.loss if self._several else self._value(self.loss_symbol)
            return Quantity("loss", self.loss_name, _mpf(value), kind, net.loss_expr())
        if kind == "loss_term":
            symbol = net.symbol(name)
            loss = net.loss_expr()
            terms = [t for t in sympy.Add.make_args(sympy.expand(loss) if not isinstance(loss, sympy.Add)
                                                    else loss) if symbol in t.free_symbols]
            if not terms:
                return None
            expr = sympy.Add(*terms)
            return Quantity(f"loss_term:{name}", f"{self.loss_name}_{name}", self._value(expr), kind, expr)
        if kind == "output_gradient":
            expr = net.output_gradient_expr(name)
            return Quantity(f"dloss:{name}", f"d{self.loss_name}/d{name}", self._value(expr), kind, expr)
        if kind == "unit_gradient":
            found = self._resolve_partial(self.loss_name, name)
            return Quantity(f"dunit:{name}", f"d{self.loss_name}/d{name}", found[0].value, kind,
                            found[0].structure) if found else None
        if kind == "delta":
            expr = net.delta_expr(name)
            return Quantity(f"delta:{name}", f"d{self.loss_name}/dIn_{name}", self._value(expr), kind, expr)
        if kind == "gradient":
            return self._gradient(name)
        if kind in ("updated_unit", "updated_preactivation", "updated_loss"):
            values = self._updated_values()
            symbol = {"updated_unit": net.symbol, "updated_preactivation": net.preactivation_symbol,
                      "updated_loss": lambda _name: self.loss_symbol}[kind](name)
            label = {"updated_unit": f"{name}'", "updated_preactivation": f"In_{name}'",
                     "updated_loss": f"{self.loss_name}'"}[kind]
            return Quantity(f"{kind}:{name}", f"{label} (after the update)", _mpf(values[symbol]), kind)
        if kind == "updated":
            gradient = self._gradient(name)
            symbol = sympy.Symbol(f"d{self.loss_name}/d{name}")
            structure = net.symbol(name) - self.eta_symbol * symbol
            values = {symbol: sympy.Float(MP.nstr(gradient.value, DPS), DPS)}
            self.values.update(values)
            value = _mpf(self.given[name]) - _mpf(self.eta) * gradient.value
            if name not in net.trainable:
                value = _mpf(self.given[name])
            return Quantity(f"updated:{name}", f"{name}'", value, kind, structure)
        return None  # pragma: no cover

    @_precise
    def _updated_values(self) -> dict:
        """The forward pass again, with every trainable weight moved by one step of gradient descent."""
        if getattr(self, "_after", None) is None:
            net = self.net
            values = dict(self.values)
            for name in net.trainable:
                moved = _mpf(self.given[name]) - _mpf(self.eta) * self._gradient(name).value
                values[net.symbol(name)] = sympy.Float(MP.nstr(moved, DPS), DPS)
            for layer in self.spec.layers:
                for unit in layer.units:
                    z = net.preactivation_expr(unit).xreplace(values)
                    values[net.preactivation_symbol(unit)] = sympy.N(z, DPS)
                for unit in layer.units:
                    values[net.symbol(unit)] = sympy.N(net.activation_expr(unit).xreplace(values), DPS)
            values[self.loss_symbol] = sympy.N(net.loss_expr().xreplace(values), DPS)
            self._after = values
        return self._after

    def _gradient(self, parameter: str) -> Quantity:
        cache = self.__dict__.setdefault("_gradients", {})
        if parameter not in cache:
            cache[parameter] = self._make_gradient(parameter)
        return cache[parameter]

    @_precise
    def _make_gradient(self, parameter: str) -> Quantity:
        net = self.net
        if self._several:
            value = _mpf(self._evaluation.gradients[parameter])
        else:
            value = self._value(net.gradient_expr(parameter))
        paths = []
        for path in net.chain_rule(parameter):
            paths.append([(f"d{f.numerator}/d{f.denominator}", f.expr, self._value(f.expr)) for f in path])
        return Quantity(f"gradient:{parameter}", f"d{self.loss_name}/d{parameter}", value, "gradient",
                        net.gradient_expr(parameter), paths)

    # -- named derivatives ---------------------------------------------------------------
    def resolve_partial(self, numerator: str, denominator: str) -> list[Quantity]:
        cache = self.__dict__.setdefault("_partials", {})
        key = (normal(numerator), normal(denominator))
        if key not in cache:
            cache[key] = self._resolve_partial(numerator, denominator)
        return cache[key]

    @_precise
    def _resolve_partial(self, numerator: str, denominator: str) -> list[Quantity]:
        top, bottom = self._node(numerator), self._node(denominator)
        if top is None or bottom is None:
            return []
        if top[0] == "loss" and bottom[0] == "parameter":
            return [self._gradient(bottom[1])]
        if top[0] == "loss" and bottom[0] == "unit" and bottom[1] in self.net.output_units:
            return [self._quantity("output_gradient", bottom[1])]
        if top[0] == "loss" and bottom[0] == "preactivation":
            return [self._quantity("delta", bottom[1])]
        value = self._total_derivative(top, bottom)
        label = f"d{self._label(top)}/d{self._label(bottom)}"
        return [Quantity(f"partial:{label}", label, value, "partial", self._local_formula(top, bottom))]

    def _label(self, node: tuple[str, str]) -> str:
        kind, name = node
        if kind == "loss_term":
            return f"{self.loss_name}_{name}"
        return f"In_{name}" if kind == "preactivation" else name

    def _children(self, node: tuple[str, str]) -> list[tuple[tuple[str, str], sympy.Expr]]:
        """Direct dependencies of a node with the local derivative d node / d child."""
        net = self.net
        kind, name = node
        if kind == "loss":
            return [(("unit", u), net.output_gradient_expr(u)) for u in net.output_units]
        if kind == "loss_term":  # Mazur's E_o1: the part of the error from one output
            return [(("unit", name), net.output_gradient_expr(name))]
        if kind == "unit":
            if net.activation_name(name) == "softmax":
                return [(("preactivation", v), net.local_derivative(name, v)) for v in net.layer(name).units]
            return [(("preactivation", name), net.local_derivative(name))]
        if kind == "preactivation":
            out = []
            for source, parameter in net.incoming(name):
                source_kind = "input" if source in net.inputs else "unit"
                out.append(((source_kind, source), net.symbol(parameter)))
                out.append((("parameter", parameter), net.symbol(source)))
            bias = net.bias_of(name)
            if bias is not None:
                out.append((("parameter", bias), sympy.S.One))
            return out
        return []

    def _total_derivative(self, top, bottom, memo=None) -> MP.mpf:
        memo = {} if memo is None else memo
        if top == bottom:
            return MP.mpf(1)
        if top in memo:
            return memo[top]
        total = MP.mpf(0)
        for child, local in self._children(top):
            inner = self._total_derivative(child, bottom, memo)
            if inner != 0:
                total += self._value(local) * inner
        memo[top] = total
        return total

    def _local_formula(self, top, bottom) -> sympy.Expr | None:
        for child, local in self._children(top):
            if child == bottom:
                return local
        return None

    def rounded_candidates(self) -> list[Quantity]:
        """Every derived quantity: a written number may be any of them rounded."""
        if self._pool is None:
            net = self.net
            pool: list[Quantity] = []
            kinds = [("unit", u) for u in net.units] + [("preactivation", u) for u in net.units]
            kinds += [("output_gradient", u) for u in net.output_units] + [("delta", u) for u in net.units]
            kinds += [("gradient", p) for p in net.parameters] + [("loss", self.loss_name)]
            for kind, name in kinds:
                quantity = self._quantity(kind, name)
                if quantity is not None:
                    pool.append(quantity)
            for unit in net.units:  # local derivatives d unit / d In_unit
                local = net.local_derivative(unit)
                pool.append(Quantity(f"partial:d{unit}/dIn_{unit}", f"d{unit}/dIn_{unit}", self._value(local),
                                     "partial", local))
            self._pool = pool
        return self._pool


# --------------------------------------------------------------------------------------------
# Computation graphs
# --------------------------------------------------------------------------------------------


class ExpressionProblem(Problem):
    """A computation-graph exercise: an expression ``f`` and the values of its symbols."""

    def __init__(self, expr: sympy.Expr, at: dict, name: str = "f"):
        self.expr = expr
        self.name = name
        self.symbols = {str(s): s for s in expr.free_symbols}
        self.values = {}
        for key, value in at.items():
            if key not in self.symbols:
                raise SymnnError(f"--at gives a value for '{key}', which is not a symbol of the expression "
                                 f"(symbols: {', '.join(sorted(self.symbols))})")
            self.values[self.symbols[key]] = sympy.nsimplify(value) if not isinstance(value, sympy.Basic) \
                else value
        missing = sorted(set(self.symbols) - set(at))
        if missing:
            raise SymnnError(f"--at gives no value for {', '.join(missing)}")

    def _value(self, expr: sympy.Expr) -> MP.mpf:
        return _mpf(expr.xreplace(self.values))

    def known_names(self) -> list[str]:
        return [self.name, *sorted(self.symbols)]

    @_precise
    def resolve(self, name: str) -> list[Quantity]:
        key = normal(name)
        if key == normal(self.name):
            return [Quantity("expr:f", self.name, self._value(self.expr), "expression", self.expr)]
        for symbol_name, symbol in self.symbols.items():
            if normal(symbol_name) == key:
                return [Quantity(f"input:{symbol_name}", symbol_name, self._value(symbol), "input",
                                 given=True)]
        return []

    def function(self, name: str):
        if normal(name) == normal(self.name):
            return self.resolve(self.name)[0]
        return None

    def sympy_names(self) -> dict[str, sympy.Symbol]:
        """canonical written name -> symbol of the expression (``w_0`` -> ``w0``)."""
        table = {}
        for symbol_name, symbol in self.symbols.items():
            table[normal(symbol_name)] = symbol
        return table

    @_precise
    def derivative_wrt(self, variable: sympy.Expr) -> Quantity | None:
        """d f / d variable, where ``variable`` is a symbol or a subexpression (a node) of f."""
        if isinstance(variable, sympy.Symbol) and variable in self.expr.free_symbols:
            d = sympy.diff(self.expr, variable)
            return Quantity(f"partial:f/{variable}", f"d{self.name}/d{variable}", self._value(d), "partial",
                            d)
        u = sympy.Dummy("u")
        replaced = self.expr.subs(variable, u)
        if u not in replaced.free_symbols:
            return None
        d = sympy.diff(replaced, u).subs(u, variable)
        label = f"d{self.name}/d({sympy.sstr(variable)})"
        return Quantity(f"partial:{label}", label, self._value(d), "partial", d)

    def rounded_candidates(self) -> list[Quantity]:
        """Every node of the expression and the gradient of f with respect to it."""
        if getattr(self, "_pool", None) is None:
            pool: list[Quantity] = []
            seen = set()
            for node in sympy.preorder_traversal(self.expr):
                if node in seen or node.is_number or len(pool) > 400:
                    continue
                seen.add(node)
                pool.append(self.expression_quantity(node, sympy.sstr(node)))
                try:
                    gradient = self.derivative_wrt(node)
                except (TypeError, ValueError):
                    gradient = None
                if gradient is not None:
                    pool.append(gradient)
            self._pool = pool
        return self._pool

    def expression_quantity(self, expr: sympy.Expr, text: str) -> Quantity:
        return Quantity(f"expr:{sympy.srepr(expr)}", text, self._value(expr), "expression", expr)
