"""A network from a spec: symbols, forward pass, loss, backprop-structured deltas and their numbers.

Every unit ``u`` has a net input ``In_u = sum_s w_{s,u} s + b_u`` and an activation
``u = f(In_u)``. Backpropagation forms the *delta* of each unit once,

* output unit: ``delta_u = dLoss/du * f'(In_u)`` (softmax layer: the Jacobian sum),
* hidden unit: ``delta_u = f'(In_u) * sum_v w_{u,v} delta_v``,

and every parameter's gradient is ``sum over its edges of delta_unit * source``
(``delta_unit`` for a bias). The fully composed loss is never differentiated.

>>> import symnn
>>> spec = symnn.parse_spec(LECTURE_EXAMPLE, source="lecture.toml")
>>> net = Network(spec)
>>> net.gradient_expr("w5")
h1*o1*(1 - o1)*(o1 - y_o1)
>>> ev = net.evaluate()
>>> round(ev.loss, 4), round(ev.gradients["w5"], 4), round(ev.gradients["w1"], 5)
(0.2097, 0.0346, -0.00842)
>>> [f.numerator + "/" + f.denominator for f in net.chain_rule("w5")[0]]
['Error/o1', 'o1/In_o1', 'In_o1/w5']
"""

from __future__ import annotations

from ..spec import Spec
from .derivations import NetworkDerivations
from .numerics import Evaluation, NetworkNumerics, Training
from .symbolic import LECTURE_EXAMPLE, LOSS_NAME, Factor, SymbolicNetwork, loss_expression
from .written import Approx, Held, Negated, Partial, Power, Product, Total, written

__all__ = ["LECTURE_EXAMPLE", "LOSS_NAME", "Approx", "Evaluation", "Factor", "Held", "Negated", "Network",
           "Partial", "Power", "Product", "Total", "Training", "loss_expression", "written"]


class Network(SymbolicNetwork, NetworkDerivations, NetworkNumerics):
    """The symbolic and numeric network of a :class:`~symnn.models.spec.Spec`."""

    def __init__(self, spec: Spec):
        SymbolicNetwork.__init__(self, spec)

    def __repr__(self) -> str:
        sizes = "-".join(str(len(layer.units)) for layer in self.spec.layers)
        return f"Network({len(self.inputs)}-{sizes}, loss={self.spec.loss})"
