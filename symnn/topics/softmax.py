"""Softmax: y_i = e^{z_i} / sum_k e^{z_k}, its Jacobian y_i(delta_ij - y_j), and stable numerics.

Two small SymPy functions keep the lecture's notation while staying checkable:
:class:`ExpSum` is the denominator, printed ``\\sum_k e^{z_k}``, and
:class:`Softmax` is one output, printed ``\\hat{y}_i``. Both rewrite to their
explicit form (``symnn.explicit``) and differentiate the way the lecture does.

>>> z = logits(3)
>>> y1, y2, y3 = softmax(z)
>>> sympy.diff(y1, z[0])
(1 - Softmax(1, z_1, z_2, z_3))*Softmax(1, z_1, z_2, z_3)
>>> sympy.diff(y1, z[1])
-Softmax(1, z_1, z_2, z_3)*Softmax(2, z_1, z_2, z_3)
>>> softmax_numpy([1000.0, 1000.0]).tolist()
[0.5, 0.5]
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import sympy
from sympy import Derivative, KroneckerDelta, exp
from sympy.core.function import ArgumentIndexError

from ..core import stable
from ..core.derivation import Derivation, Rule, Step
from ..core.errors import SymnnError
from ..core.functions import DefinedFunction
from ..core.written import difference, negative, product, quotient

__all__ = [
    "ExpSum",
    "Softmax",
    "log_softmax_numpy",
    "logits",
    "logsumexp_numpy",
    "softmax",
    "softmax_derivation",
    "softmax_jacobian",
    "softmax_numpy",
    "softmax_outputs",
    "softmax_sums_to_one",
]


def logits(classes: int, name: str = "z") -> list[sympy.Symbol]:
    """Real symbols ``z_1 ... z_K`` for the inputs of a softmax over ``classes`` classes.

    >>> logits(3)
    [z_1, z_2, z_3]
    """
    if not isinstance(classes, int) or classes < 1:
        raise SymnnError(f"a softmax needs a whole number of classes >= 1, not {classes!r}")
    return [sympy.Symbol(f"{name}_{k}", real=True) for k in range(1, classes + 1)]


def _indexed_base(args) -> str | None:
    """``"z"`` when the args are the symbols z_1, z_2, ..., z_K in order, else None."""
    bases = []
    for k, a in enumerate(args, start=1):
        match = re.fullmatch(r"(.+)_\{?(\d+)\}?", a.name) if isinstance(a, sympy.Symbol) else None
        if match is None or int(match.group(2)) != k:
            return None
        bases.append(match.group(1))
    return bases[0] if len(set(bases)) == 1 else None


class ExpSum(DefinedFunction):
    """The softmax denominator sum_k e^{z_k}, printed as ``\\sum_k e^{z_k}``.

    >>> z = logits(2)
    >>> symnn_latex = __import__("symnn.render.latex", fromlist=["latex"]).latex
    >>> symnn_latex(ExpSum(*z))
    '\\\\sum_{k} e^{z_{k}}'
    >>> ExpSum(*z).rewrite(sympy.exp)
    exp(z_1) + exp(z_2)
    """

    def fdiff(self, argindex=1):
        return exp(self.args[argindex - 1])

    def _eval_rewrite_as_exp(self, *args, **kwargs):
        return sympy.Add(*(exp(a) for a in args))

    def _eval_evalf(self, prec):
        return self.rewrite(exp)._eval_evalf(prec)

    def _eval_is_positive(self):
        if all(a.is_real for a in self.args):
            return True
        return None

    def _eval_is_real(self):
        if all(a.is_real for a in self.args):
            return True
        return None

    @property
    def indexed_base(self) -> str | None:
        """``"z"`` when the arguments are z_1 ... z_K in order (the printers write ∑_k e^{z_k}), else None."""
        return _indexed_base(self.args)


class Softmax(DefinedFunction):
    """Output ``i`` (1-based) of the softmax of ``z_1 ... z_K``: ``Softmax(i, z_1, ..., z_K)``, printed ŷ_i.

    >>> z = logits(3)
    >>> Softmax(2, *z).rewrite(sympy.exp)
    exp(z_2)/(exp(z_1) + exp(z_2) + exp(z_3))
    """

    @classmethod
    def eval(cls, i, *z):
        if not z:
            raise SymnnError("a softmax needs at least one input")
        if not (i.is_Integer and 1 <= int(i) <= len(z)):
            raise SymnnError(f"softmax output {i} does not exist: the classes are 1..{len(z)}")
        return None

    @property
    def index(self) -> int:
        return int(self.args[0])

    @property
    def inputs(self) -> tuple:
        return self.args[1:]

    def fdiff(self, argindex=1):
        if argindex == 1:
            raise ArgumentIndexError(self, argindex)
        j = argindex - 1
        return self * (KroneckerDelta(self.index, j) - Softmax(j, *self.inputs))

    def _eval_rewrite_as_exp(self, i, *z, **kwargs):
        return exp(z[int(i) - 1]) / sympy.Add(*(exp(a) for a in z))

    def _eval_evalf(self, prec):
        return self.rewrite(exp)._eval_evalf(prec)

    def _eval_is_positive(self):
        if all(a.is_real for a in self.inputs):
            return True
        return None

    def _eval_is_real(self):
        return self._eval_is_positive()


def softmax_outputs(z: Sequence[sympy.Expr]) -> list[Softmax]:
    """The softmax outputs ŷ_1 ... ŷ_K of the inputs ``z`` (``symnn.topics.softmax`` is this module).

    >>> softmax_outputs(logits(2))
    [Softmax(1, z_1, z_2), Softmax(2, z_1, z_2)]
    """
    z = list(z)
    return [Softmax(i, *z) for i in range(1, len(z) + 1)]


#: the same as :func:`softmax_outputs`
softmax = softmax_outputs


def softmax_jacobian(z: Sequence[sympy.Expr]) -> sympy.ImmutableMatrix:
    """The matrix dŷ_i/dz_j = ŷ_i (delta_ij - ŷ_j).

    >>> softmax_jacobian(logits(2))[0, 1]
    -Softmax(1, z_1, z_2)*Softmax(2, z_1, z_2)
    """
    y = softmax(z)
    size = len(y)
    return sympy.ImmutableMatrix(size, size, lambda i, j: y[i] * (KroneckerDelta(i, j) - y[j]))


def softmax_derivation(i: int = 1, j: int = 1, classes: int = 3) -> Derivation:
    """The lecture's quotient-rule derivation of dŷ_i/dz_j: ŷ_i(1 - ŷ_i) when i = j, else -ŷ_i ŷ_j.

    >>> softmax_derivation(1, 1).result
    (1 - Softmax(1, z_1, z_2, z_3))*Softmax(1, z_1, z_2, z_3)
    >>> softmax_derivation(1, 2).result
    -Softmax(1, z_1, z_2, z_3)*Softmax(2, z_1, z_2, z_3)
    """
    z = logits(classes)
    for index in (i, j):
        if not (isinstance(index, int) and 1 <= index <= classes):
            raise SymnnError(f"softmax index {index!r} is not one of the classes 1..{classes}")
    y = softmax(z)
    total = ExpSum(*z)
    zi, zj = z[i - 1], z[j - 1]
    definition = Step(Derivative(quotient(exp(zi), total), zj), Rule.DEFINITION,
                      note=rf"$\hat{{y}}_{i} = \frac{{e^{{z_{i}}}}}{{\sum_k e^{{z_k}}}}$")
    if i == j:
        steps = [
            definition,
            Step(quotient(difference(product(Derivative(exp(zi), zi), total), product(exp(zi), exp(zi))),
                          total**2), Rule.QUOTIENT_RULE,
                 note=rf"$(\frac{{v}}{{u}})' = \frac{{v'u - vu'}}{{u^2}}$, "
                      rf"$\frac{{\partial}}{{\partial z_{i}}} \sum_k e^{{z_k}} = e^{{z_{i}}}$"),
            Step(difference(quotient(exp(zi), total),
                            product(quotient(exp(zi), total), quotient(exp(zi), total))), Rule.EXP_RULE,
                 note=r"$(e^x)' = e^x$, then divide out"),
            Step(y[i - 1] * (1 - y[i - 1]), Rule.DEFINITION, note=r"$\hat{y}_k = e^{z_k} / \sum_k e^{z_k}$"),
        ]
        title = rf"Softmax: $\partial \hat{{y}}_{i} / \partial z_{i}$"
    else:
        steps = [
            definition,
            Step(quotient(difference(product(0, total), product(exp(zi), exp(zj))), total**2),
                 Rule.QUOTIENT_RULE, note=rf"$e^{{z_{i}}}$ does not depend on $z_{j}$; "
                      rf"$\frac{{\partial}}{{\partial z_{j}}} \sum_k e^{{z_k}} = e^{{z_{j}}}$"),
            Step(negative(product(quotient(exp(zi), total), quotient(exp(zj), total))), Rule.ALGEBRA),
            Step(-y[i - 1] * y[j - 1], Rule.DEFINITION, note=r"$\hat{y}_k = e^{z_k} / \sum_k e^{z_k}$"),
        ]
        title = rf"Softmax: $\partial \hat{{y}}_{i} / \partial z_{j}$"
    return Derivation(Derivative(y[i - 1], zj), steps, title=title, name=f"softmax_{i}{j}",
                      text="The quotient rule on the definition of the softmax, as in the lecture.")


def softmax_sums_to_one(classes: int = 3) -> Derivation:
    """The outputs of a softmax add up to 1.

    >>> softmax_sums_to_one(3).result
    1
    """
    z = logits(classes)
    total = ExpSum(*z)
    return Derivation(sympy.Add(*softmax(z)), [
        Step(sympy.Add(*(quotient(exp(a), total) for a in z), evaluate=False), Rule.DEFINITION),
        Step(quotient(sympy.Add(*(exp(a) for a in z)), total), Rule.ALGEBRA, note="one denominator"),
        Step(sympy.S.One, Rule.DEFINITION, note=r"the numerator is $\sum_k e^{z_k}$"),
    ], title="The softmax outputs are a probability distribution", name="softmax_sum")


# -- numerics: the one stable implementation, :mod:`symnn.core.stable` ---------------------------------
#: log sum_k e^{z_k}, computed without overflow (the largest z is taken out first)
logsumexp_numpy = stable.logsumexp
#: log ŷ_i = z_i - log sum_k e^{z_k}, stable for large and very negative z
log_softmax_numpy = stable.log_softmax
#: the softmax of ``z`` along ``axis``, stable
softmax_numpy = stable.softmax
