"""Checked derivations of a network: forward pass, loss, deltas, gradients and updates, numbers shown."""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal

import numpy as np
import sympy

from ...core import numeric
from ...core.derivation import Derivation
from ...core.errors import DerivationError
from ...core.functions import explicit
from ...core.numbers import rounded_text
from ...topics.losses import loss_function
from .numerics import Evaluation
from .symbolic import LOSS_NAME, Factor
from .written import Approx, Negated, Partial, Product, Total, shown, written

__all__ = ["MAX_PATHS_SHOWN", "NetworkDerivations", "VerifiedDerivation"]

#: a gradient with more chain-rule paths than this is shown factored by unit only (a deep
#: network's first weights have hundreds of paths: lines of 100 kB nobody reads)
MAX_PATHS_SHOWN = 16


class VerifiedDerivation(Derivation):
    """A :class:`~symnn.core.derivation.Derivation` whose steps SymPy could not decide are checked
    numerically at 50 digits instead, at the network's own values and at three random points,
    and marked as such in their note. A step that is false anywhere still fails.

    ``point`` maps every symbol of the formulas to its value (see ``values_for``).

    Steps are checked at 12 random points to 30 digits, not by algebra (a network's chain-rule
    sums take SymPy seconds to expand); :meth:`~symnn.core.derivation.Derivation.prove` asks
    for the algebra.
    """

    prove_steps = False

    def __init__(self, lhs, steps, *, point: Mapping | None = None, **options):
        self._point = dict(point or {})
        super().__init__(lhs, steps, **options)

    def _check(self) -> None:
        previous = self.lhs
        steps = []
        for number, step in enumerate(self.steps, start=1):
            try:
                self.proofs.append(self._check_step(number, previous, step))
            except DerivationError as error:
                if "could not be decided" not in str(error) or not self._agrees(previous, step):
                    raise
                self.proofs.append("numeric at 50 digits")
                if "checked numerically" not in step.label:  # (prove() checks the steps again)
                    step = replace(step, note=f"{step.label}; checked numerically at 50 digits")
            steps.append(step)
            previous = step.expr
        self.steps = tuple(steps)

    def _agrees(self, previous, step) -> bool:
        before = sympy.sympify(previous, strict=True)
        if step.values:
            before = before.xreplace(dict(step.values))
        a, b = explicit(explicit(before).doit()), explicit(explicit(step.expr).doit())
        symbols = sorted(a.free_symbols | b.free_symbols, key=sympy.default_sort_key)
        rng = random.Random(0)
        points = [{s: sympy.Float(self._point.get(s, rng.uniform(-2, 2)), 50) for s in symbols}]
        points += [{s: sympy.Float(rng.uniform(-2, 2), 50) for s in symbols} for _ in range(3)]
        for point in points:
            va, vb = a.xreplace(point).evalf(50), b.xreplace(point).evalf(50)
            if not (va.is_number and vb.is_number) or va.has(sympy.nan, sympy.zoo):
                return False
            if abs(complex(va) - complex(vb)) > 1e-30 * max(1.0, abs(complex(va))):
                return False
        return True


class NetworkDerivations:
    """The derivations of :class:`~symnn.models.network.Network` (mixed into it)."""

    def values_for(self, evaluation: Evaluation | None = None) -> dict[sympy.Symbol, float]:
        """Symbol -> number for every symbol of the formulas (first sample of ``evaluation``)."""
        ev = evaluation or self.evaluate()
        values: dict[sympy.Symbol, float] = {}
        first = self._first_sample_values(ev)
        for name, value in first.items():
            values[self._symbols[name]] = value
        for unit in self.units:
            values[self._symbols[unit]] = ev.forward[unit]
            values[self._preactivation[unit]] = ev.preactivation[unit]
        return values

    def _first_sample_values(self, ev: Evaluation) -> dict[str, float]:
        first = dict(ev.batch.get("inputs_used", {}))
        return {k: v[0] if isinstance(v, list) else v for k, v in first.items()}

    def _shown_values(self, values: Mapping[sympy.Symbol, float]) -> dict:
        written = {self._symbols[n] for n in [*self.inputs, *self.parameters]}
        written |= {self.target_symbol(u) for u in self.output_units}
        result = {}
        for symbol, value in values.items():
            text = repr(float(value)) if symbol in written else shown(float(value))
            if text.endswith(".0"):
                text = text[:-2]
            result[symbol] = Approx(value, text)
        return result

    def derivation(self, parameter: str, values: Mapping[str, float] | None = None,
                   significant: int = 4):
        """dLoss/dparameter: chain-rule paths -> factored by deltas -> local factors -> numbers.

        ``values`` (names -> numbers) override the spec's values for this derivation.
        """
        from ...core.derivation import Rule, Step

        self._check_parameter(parameter)
        paths = self.chain_rule(parameter)
        lhs = Partial(self.loss_symbol, self._symbols[parameter], self.gradient_expr(parameter))
        title = f"Gradient of {LOSS_NAME} with respect to {parameter}"
        if not self.live_uses(parameter):
            units = ", ".join(dict.fromkeys(u for u, _ in self.uses(parameter)))
            return Derivation(lhs, [Step(sympy.S.Zero, Rule.DEFINITION,
                                         note=f"{units} feeds no unit: no path reaches {LOSS_NAME}")],
                              title=title, name=f"gradient_{parameter}")
        if len(paths) > MAX_PATHS_SHOWN:
            return self._derivation_by_deltas(parameter, lhs, len(paths), values, significant)
        steps = []
        if len(paths) > 1 or len(paths[0]) > 3:
            all_paths = Total(*[Product(*[self._partial(f) for f in path]) for path in paths])
            steps.append(Step(all_paths if len(paths) > 1 else all_paths.args[0], Rule.CHAIN_RULE,
                              note="chain rule, every path"))
        factored = Total(*[self._factored(unit, source, parameter)
                           for unit, source in self.live_uses(parameter)])
        factored = factored.args[0] if len(factored.args) == 1 else factored
        steps.append(Step(factored, Rule.CHAIN_RULE, note="chain rule, factored by unit"))
        local = Total(*[Product(*self._local_factors(unit), self._source_expr(source))
                        for unit, source in self.live_uses(parameter)])
        local = local.args[0] if len(local.args) == 1 else local
        steps.append(Step(local, Rule.SUBSTITUTION, note="local derivatives"))
        ev = self.evaluate(values=values)
        numbers = self._shown_values(self.values_for(ev))
        needed = {s: numbers[s] for s in local.doit().free_symbols | _held_symbols(local) if s in numbers}
        substituted = local.xreplace(needed)
        steps.append(Step(substituted, Rule.SUBSTITUTION, values=needed, note="values substituted"))
        steps.append(_rounded_step(substituted, significant))
        return VerifiedDerivation(lhs, steps, title=title, name=f"gradient_{parameter}",
                                  point=self.values_for(ev))

    def _derivation_by_deltas(self, parameter: str, lhs, paths: int, values, significant: int):
        """dLoss/dparameter = sum of delta_unit * dIn_unit/dparameter, each delta taken from its own
        derivation (the Deltas section): the form backprop computes, for a gradient with too many
        paths to list."""
        from ...core.derivation import Rule, Step

        ev = self.evaluate(values=values)
        numbers = self._shown_values(self.values_for(ev))
        uses = self.live_uses(parameter)
        deltas = {unit: self._partial(Factor(LOSS_NAME, f"In_{unit}", self.delta_expr(unit)))
                  for unit, _ in uses}
        factored = Total(*[Product(deltas[unit], self._partial(
            Factor(f"In_{unit}", parameter, self._source_expr(source)))) for unit, source in uses])
        local = Total(*[Product(deltas[unit], self._source_expr(source)) for unit, source in uses])
        factored, local = (e.args[0] if len(e.args) == 1 else e for e in (factored, local))
        for unit, _ in uses:
            numbers[deltas[unit]] = Approx(ev.deltas[unit], shown(ev.deltas[unit]))
        put = _values_in(local, numbers)
        substituted = local.xreplace(put)
        units = ", ".join(dict.fromkeys(unit for unit, _ in uses))
        note = f"chain rule by the deltas ({paths} paths: the delta of {units} is derived above)"
        steps = [Step(factored, Rule.CHAIN_RULE, note=note),
                 Step(local, Rule.SUBSTITUTION, note="local derivatives"),
                 Step(substituted, Rule.SUBSTITUTION, values=put, note="values substituted"),
                 _rounded_step(substituted, significant)]
        return VerifiedDerivation(lhs, steps, title=f"Gradient of {LOSS_NAME} with respect to {parameter}",
                                  name=f"gradient_{parameter}", point=self.values_for(ev))

    def _factored(self, unit: str, source: str | None, parameter: str) -> sympy.Expr:
        """dError/dIn_unit written backprop-style, times dIn_unit/dparameter."""
        last = self._partial(Factor(f"In_{unit}", parameter, self._source_expr(source)))
        return Product(*self._delta_partials(unit), last)

    def _delta_partials(self, unit: str) -> list:
        """The factors of dError/dIn_unit: for a hidden unit (sum_v dE/dIn_v * w) * du/dIn_u."""
        pre = f"In_{unit}"
        if unit in self.output_units:
            if self.activation_name(unit) == "softmax":
                terms = [Product(self._partial(Factor(LOSS_NAME, k, self._output_gradient[k])),
                                 self._partial(Factor(k, pre, self.local_derivative(k, unit))))
                         for k in self.output_units]
                return [Total(*terms)]
            return [self._partial(Factor(LOSS_NAME, unit, self._output_gradient[unit])),
                    self._partial(Factor(unit, pre, self.local_derivative(unit)))]
        terms = [Product(*self._delta_partials(v), self._symbols[w]) for v, w in self.live_outgoing(unit)]
        inner = terms[0] if len(terms) == 1 else Total(*terms)
        return [inner, self._partial(Factor(unit, pre, self.local_derivative(unit)))]

    def _local_factors(self, unit: str) -> list:
        """The factors of dError/dIn_unit in closed form, in the order of :meth:`_delta_partials`."""
        if unit in self.output_units:
            if self.activation_name(unit) == "softmax" or loss_function(self.spec.loss).takes_log:
                # dLoss/do and do/dIn cancel (-y/o * o(1 - o) = -y(1 - o)): finite where o underflows
                return [written(self.delta_expr(unit))]
            return [written(self._output_gradient[unit]), written(self.local_derivative(unit))]
        terms = [Product(*self._local_factors(v), self._symbols[w]) for v, w in self.live_outgoing(unit)]
        inner = terms[0] if len(terms) == 1 else Total(*terms)
        return [inner, written(self.local_derivative(unit))]

    def forward_derivations(self, unit: str, values: Mapping[str, float] | None = None,
                            significant: int = 4) -> list:
        """Two checked derivations: ``In_u = sum w s + b = numbers ≈ value`` and ``u = f(In_u) ≈ value``."""
        from ...core.derivation import Rule, Step

        self._check_unit(unit)
        ev = self.evaluate(values=values)
        numbers = self._shown_values(self.values_for(ev))
        pre = self._preactivation[unit]
        terms = [Product(self._symbols[p], self._symbols[src]) for src, p in self.incoming(unit)]
        if self.bias_of(unit) is not None:
            terms.append(self._symbols[self.bias_of(unit)])
        form = terms[0] if len(terms) == 1 else Total(*terms)
        put = {s: numbers[s] for s in form.atoms(sympy.Symbol) if s in numbers}
        net_input = Derivation(pre, [
            Step(form, Rule.DEFINITION, note="net input"),
            Step(form.xreplace(put), Rule.SUBSTITUTION, values=put, note="values substituted"),
            _rounded_step(form.xreplace(put), significant)], title=f"Net input of {unit}",
            name=f"net_input_{unit}")
        activation = self.activation_expr(unit)
        put = {pre: numbers[pre]}
        if self.activation_name(unit) == "softmax":
            put = {self._preactivation[v]: numbers[self._preactivation[v]] for v in self.layer(unit).units}
        out = Derivation(self._symbols[unit], [
            Step(activation, Rule.DEFINITION, note=f"activation ({self.activation_name(unit)})"),
            Step(activation.xreplace(put), Rule.SUBSTITUTION, values=put, note="values substituted"),
            _rounded_step(activation.xreplace(put), significant)], title=f"Activation of {unit}",
            name=f"activation_{unit}")
        return [net_input, out]

    def loss_derivation(self, values: Mapping[str, float] | None = None,
                        targets: Mapping[str, float] | None = None, significant: int = 4):
        """The loss of the first sample: its formula, the numbers put in, its value."""
        from ...core.derivation import Rule, Step

        ev = self.evaluate(values=values, targets=targets)
        numbers = self._shown_values(self.values_for(ev))
        form = written(self.loss_expr())
        put = self._logs_of_outputs(ev, form)
        put.update({s: numbers[s] for s in form.atoms(sympy.Symbol) if s in numbers})
        return Derivation(self.loss_symbol, [
            Step(form, Rule.DEFINITION, note=f"loss: {loss_function(self.spec.loss).title.lower()}"),
            Step(form.xreplace(put), Rule.SUBSTITUTION, values=put, note="values substituted"),
            _rounded_step(form.xreplace(put), significant)], title=f"{LOSS_NAME} (loss of one sample)",
            name="loss")

    def _logs_of_outputs(self, ev: Evaluation, form: sympy.Expr) -> dict:
        """log(o) -> its value from the net inputs (log-sigmoid, log-softmax), where an output o
        underflowed to 0 and the loss takes its log: the loss stays finite and shown."""
        outputs = [ev.forward[u] for u in self.output_units]
        if not loss_function(self.spec.loss).takes_log or min(abs(o) for o in outputs) > 1e-300:
            return {}
        net_inputs = np.array([[ev.preactivation[u]] for u in self.output_units])
        logs = numeric.log_activation_numpy(self.spec.layers[-1].activation)(net_inputs)
        put = {}
        for unit, log_value in zip(self.output_units, logs[:, 0], strict=True):
            for term in form.atoms(sympy.log):
                if term.args[0] == self._symbols[unit]:
                    put[term] = Approx(float(log_value), shown(float(log_value)))
        return put

    def output_gradient_derivation(self, unit: str, values: Mapping[str, float] | None = None,
                                   significant: int = 4):
        """dError/d(output unit): the derivative of the loss, then its value (the lecture's δ_o)."""
        from ...core.derivation import Rule, Step

        ev = self.evaluate(values=values)
        numbers = self._shown_values(self.values_for(ev))
        form = written(self.output_gradient_expr(unit))
        put = {s: numbers[s] for s in form.atoms(sympy.Symbol) if s in numbers}
        lhs = Partial(self.loss_symbol, self._symbols[unit], self.output_gradient_expr(unit))
        value = ev.output_gradient[unit]
        if not math.isfinite(value) or not _finite(form.xreplace(put)):
            # an output underflowed to 0: -y/o is beyond a float, or 0/0 where the target is 0
            # (0 log 0 = 0 makes that term, and its derivative, 0)
            what = ("beyond the range of a float" if not math.isfinite(value)
                    else f"{shown(value)} (0 log 0 = 0)")
            return Derivation(lhs, [Step(form, Rule.ALGEBRA, note=f"derivative of the loss; an output "
                                         f"underflowed to 0, its value is {what}")],
                              title=f"Gradient of {LOSS_NAME} at the output {unit}",
                              name=f"output_gradient_{unit}")
        return Derivation(lhs, [
            Step(form, Rule.ALGEBRA, note="derivative of the loss"),
            Step(form.xreplace(put), Rule.SUBSTITUTION, values=put, note="values substituted"),
            _rounded_step(form.xreplace(put), significant)],
            title=f"Gradient of {LOSS_NAME} at the output {unit}",
            name=f"output_gradient_{unit}")

    def delta_derivation(self, unit: str, values: Mapping[str, float] | None = None,
                         significant: int = 4):
        """delta_u = dError/dIn_u one layer deep (from the next layer's deltas), then its value."""
        from ...core.derivation import Rule, Step

        self._check_unit(unit)
        ev = self.evaluate(values=values)
        numbers = self._shown_values(self.values_for(ev))
        pre = f"In_{unit}"
        if unit in self.output_units:
            form = _product(self._delta_partials(unit))
            local = _product(self._local_factors(unit))
        else:
            terms = [Product(self._partial(Factor(LOSS_NAME, f"In_{v}", self.delta_expr(v))),
                             self._symbols[w]) for v, w in self.live_outgoing(unit)]
            inner = terms[0] if len(terms) == 1 else Total(*terms)
            form = Product(inner, self._partial(Factor(unit, pre, self.local_derivative(unit))))
            local = Product(inner, written(self.local_derivative(unit)))
            for v, _ in self.live_outgoing(unit):
                numbers[self._partial(Factor(LOSS_NAME, f"In_{v}", self.delta_expr(v)))] = Approx(
                    ev.deltas[v], shown(ev.deltas[v]))
        put = _values_in(local, numbers)
        lhs = Partial(self.loss_symbol, self._preactivation[unit], self.delta_expr(unit))
        if unit in self.dead_units:
            return Derivation(lhs, [Step(sympy.S.Zero, Rule.DEFINITION,
                                         note=f"{unit} feeds no unit: no path reaches {LOSS_NAME}")],
                              title=f"Delta of {unit}", name=f"delta_{unit}")
        steps = [Step(form, Rule.CHAIN_RULE, note="chain rule")]
        if local != form:
            steps.append(Step(local, Rule.SUBSTITUTION, note="local derivatives"))
        steps += [Step(local.xreplace(put), Rule.SUBSTITUTION, values=put, note="values substituted"),
                  _rounded_step(local.xreplace(put), significant)]
        return VerifiedDerivation(lhs, steps, title=f"Delta of {unit}", name=f"delta_{unit}",
                                  point=self.values_for(ev))

    def update_derivation(self, parameter: str, values: Mapping[str, float] | None = None,
                          learning_rate: float | None = None):
        """The update w' = w - eta * dLoss/dw with the numbers put in (one step)."""
        from ...core.derivation import Rule, Step

        self._check_parameter(parameter)
        eta = self.spec.learning_rate if learning_rate is None else float(learning_rate)
        ev = self.evaluate(values=values)
        w = self._symbols[parameter]
        eta_symbol = sympy.Symbol("eta")
        grad = Partial(self.loss_symbol, w, sympy.Float(ev.gradients[parameter], 17))
        start = self._value_of(parameter, values)
        rule = Total(w, Negated(Product(eta_symbol, grad)))
        put = {w: Approx(start, _written(start)), eta_symbol: Approx(eta, _written(eta)),
               grad: Approx(ev.gradients[parameter], shown(ev.gradients[parameter]))}
        substituted = rule.xreplace(put)
        lhs = sympy.Symbol(f"{parameter}'")
        steps = [Step(rule, Rule.DEFINITION, note="gradient descent"),
                 Step(substituted, Rule.SUBSTITUTION, values=put, note="values substituted"),
                 _rounded_step(substituted, 6)]
        return Derivation(lhs, steps, title=f"Update of {parameter}", name=f"update_{parameter}")

    def _value_of(self, name: str, values: Mapping[str, float] | None) -> float:
        if values and name in values:
            return float(values[name])
        return float(self.spec.values[name])


def _product(factors: list) -> sympy.Expr:
    return factors[0] if len(factors) == 1 else Product(*factors)


def _held_symbols(expr) -> set:
    return {s for s in expr.atoms(sympy.Symbol)}


def _decimals(value: float, significant: int) -> int:
    if value == 0 or not math.isfinite(value):
        return significant
    return max(significant - 1 - math.floor(math.log10(abs(value))), 0)


def _written(value: float) -> str:
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def _rounded_step(previous: sympy.Expr, significant: int):
    """The last step ``≈ value`` of a derivation: ``previous`` (numbers put in) at ``significant`` digits.

    The value is taken at 30 digits and rounded half-up, exactly as the step is checked, so
    a tie (0.36125 at 4 decimals) shows the figure the check expects.
    """
    from ...core.derivation import Rule, Step

    value = sympy.N(previous.doit(), 30)
    digits = _decimals(float(value), significant)
    text = rounded_text(Decimal(str(value)), digits)
    return Step(Approx(float(text), text), Rule.NUMERIC, relation="≈", digits=digits)


def _finite(expr: sympy.Expr) -> bool:
    """Whether the numbers put into ``expr`` give a finite real value."""
    value = sympy.N(expr.doit(), 30)
    return bool(value.is_real and value.is_finite)


def _values_in(expr: sympy.Expr, numbers: Mapping) -> dict:
    """The entries of ``numbers`` whose key (a symbol or a held partial derivative) occurs in ``expr``."""
    present = expr.atoms(sympy.Symbol, Partial)
    return {k: v for k, v in numbers.items() if k in present}
