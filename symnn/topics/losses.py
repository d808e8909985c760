"""The loss catalogue: each loss as a symbolic expression, its gradient, and stable NumPy numerics.

Every loss takes the network's ``outputs`` (predictions, probabilities, logits or
class scores, see :attr:`Loss.outputs_are`) and the ``targets`` (one target per
output; for the classification losses a one-hot vector) and gives

* ``expr(outputs, targets)``: the loss as a SymPy expression, in the lecture's form;
* ``gradient(outputs, targets)``: the derivative with respect to each output,
  written as the lecture writes it (o - y, ŷ - y, ...); for the hinge loss a subgradient;
* ``value(outputs, targets)`` and ``gradient_value(outputs, targets)``: NumPy numbers,
  computed stably (log-sum-exp for the softmax losses).

>>> o1, o2, y1, y2 = sympy.symbols("o_1 o_2 y_1 y_2", real=True)
>>> loss("half_sse").expr([o1, o2], [y1, y2])
(o_1 - y_1)**2/2 + (o_2 - y_2)**2/2
>>> loss("half_sse").gradient([o1, o2], [y1, y2])
[o_1 - y_1, o_2 - y_2]
>>> loss("softmax_cross_entropy").gradient_value([0.0, 0.0], [1, 0]).tolist()
[-0.5, 0.5]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import sympy
from sympy import Derivative, Heaviside, Max, log

from ..core.derivation import Derivation, Rule, Step
from ..core.errors import SymnnError, UnknownNameError
from ..core.written import difference, negative, product, quotient
from .softmax import ExpSum, log_softmax_numpy, logits, softmax

__all__ = [
    "LOSSES",
    "LOSS_ALIASES",
    "REGULARIZERS",
    "Loss",
    "LossInputError",
    "cross_entropy_derivation",
    "loss",
    "loss_function",
    "one_hot",
    "regularization",
    "regularization_gradient",
    "softmax_cross_entropy_example",
    "total_loss",
]


class LossInputError(SymnnError):
    """Outputs and targets that a loss cannot use (different lengths, a target that is not one-hot, ...)."""


def one_hot(label: int, classes: int) -> list[int]:
    """The target vector of class ``label`` (1-based, as the lecture numbers classes).

    >>> one_hot(1, 3)
    [1, 0, 0]
    """
    if not (isinstance(label, int) and isinstance(classes, int) and 1 <= label <= classes):
        raise LossInputError(f"class {label!r} is not one of 1..{classes!r}")
    return [1 if k == label else 0 for k in range(1, classes + 1)]


def _pair(name: str, outputs, targets) -> tuple[list, list]:
    outputs = [sympy.sympify(o, strict=True) for o in outputs]
    targets = [sympy.sympify(t, strict=True) for t in targets]
    if not outputs:
        raise LossInputError(f"loss '{name}' needs at least one output")
    if len(outputs) != len(targets):
        raise LossInputError(f"loss '{name}' needs one target per output: "
                             f"got {len(outputs)} outputs and {len(targets)} targets")
    return outputs, targets


def _true_class(name: str, targets: list) -> int | None:
    """The 0-based class of a numeric one-hot target, None for symbolic targets."""
    if not all(t.is_number for t in targets):
        return None
    if sorted(targets) != [0] * (len(targets) - 1) + [1]:
        raise LossInputError(f"loss '{name}' needs a one-hot target (one 1, the rest 0), "
                             f"not {[str(t) for t in targets]}")
    return targets.index(1)


def _arrays(name: str, outputs, targets) -> tuple[np.ndarray, np.ndarray]:
    try:
        o = np.asarray(outputs, dtype=float)
        t = np.asarray(targets, dtype=float)
    except (TypeError, ValueError) as error:
        raise LossInputError(f"loss '{name}' needs numbers: {error}") from None
    if o.shape != t.shape or o.ndim != 1 or o.size == 0:
        raise LossInputError(f"loss '{name}' needs outputs and targets of the same length, "
                             f"got shapes {o.shape} and {t.shape}")
    return o, t


# -- the losses ------------------------------------------------------------------------------------
def _half_sse(o, y):
    return sympy.Add(*((oi - yi) ** 2 / 2 for oi, yi in zip(o, y, strict=True)))


def _half_sse_gradient(o, y):
    return [oi - yi for oi, yi in zip(o, y, strict=True)]


def _mse(o, y):
    return sympy.Add(*((yi - oi) ** 2 for oi, yi in zip(o, y, strict=True))) / len(o)


def _mse_gradient(o, y):
    return [sympy.Rational(2, len(o)) * (oi - yi) for oi, yi in zip(o, y, strict=True)]


def _cross_entropy(q, p):
    return -sympy.Add(*(pi * log(qi) for qi, pi in zip(q, p, strict=True)))


def _cross_entropy_gradient(q, p):
    return [-pi / qi for qi, pi in zip(q, p, strict=True)]


def _softmax_cross_entropy(z, y):
    return _cross_entropy(softmax(z), y)


def _softmax_cross_entropy_gradient(z, y):
    # d/dz_j = ŷ_j * sum_i y_i - y_j; the targets of a classifier add up to 1, leaving ŷ_j - y_j
    total = sympy.Add(*y)
    return [(yhat if total == 1 else yhat * total) - yj for yhat, yj in zip(softmax(z), y, strict=True)]


def _softmax_loss(s, y):
    c = _true_class("softmax", y)
    if c is None:
        return _softmax_cross_entropy(s, y)
    return -log(quotient(sympy.exp(s[c]), ExpSum(*s)))


def _hinge(s, y):
    c = _true_class("hinge", y)
    if c is not None:
        return sympy.Add(*(Max(0, s[j] - s[c] + 1) for j in range(len(s)) if j != c))
    true_score = sympy.Add(*(yk * sk for yk, sk in zip(y, s, strict=True)))
    return sympy.Add(*((1 - yj) * Max(0, sj - true_score + 1) for sj, yj in zip(s, y, strict=True)))


def _hinge_gradient(s, y):
    # a subgradient: a margin counts where it is > 0 (at exactly 0 it counts as 0)
    c = _true_class("hinge", y)
    if c is not None:
        active = [Heaviside(s[j] - s[c] + 1, 0) if j != c else sympy.S.Zero for j in range(len(s))]
        return [a if j != c else -sympy.Add(*active) for j, a in enumerate(active)]
    true_score = sympy.Add(*(yk * sk for yk, sk in zip(y, s, strict=True)))
    active = [(1 - yj) * Heaviside(sj - true_score + 1, 0) for sj, yj in zip(s, y, strict=True)]
    return [a - ym * sympy.Add(*active) for a, ym in zip(active, y, strict=True)]


# -- numbers: arrays whose first axis runs over the outputs (units, then samples if any) --------------
def _np_half_sse(o, y, log_o):
    return 0.5 * np.sum((o - y) ** 2, axis=0), o - y


def _np_mse(o, y, log_o):
    return np.mean((y - o) ** 2, axis=0), 2.0 * (o - y) / o.shape[0]


def _np_cross_entropy(q, p, log_q):
    # 0 log 0 = 0: an output with target 0 adds nothing, whatever its probability
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        log_q = np.log(q) if log_q is None else log_q
        loss = -np.sum(np.where(p == 0, 0.0, p * log_q), axis=0)
        gradient = np.where(p == 0, 0.0, -p * np.exp(-log_q))  # -p/q, from log q (q may underflow)
    return loss, gradient


def _np_softmax_cross_entropy(z, y, log_q):
    log_p = log_softmax_numpy(z, axis=0)
    loss = -np.sum(np.where(y == 0, 0.0, y * log_p), axis=0)
    return loss, np.exp(log_p) * np.sum(y, axis=0) - y


def _np_hinge(s, y, log_o):
    # sum_j (1 - y_j) max(0, s_j - s_c + 1) with s_c = sum_k y_k s_k; a margin of exactly 0 counts as 0
    labelled = np.sum(y * s, axis=0)
    margins = s - labelled + 1.0
    active = (1.0 - y) * (margins > 0)
    return np.sum((1.0 - y) * np.maximum(0.0, margins), axis=0), active - y * np.sum(active, axis=0)


@dataclass(frozen=True)
class Loss:
    """A catalogue entry: a loss, its gradient and its numerics (see the module's docstring)."""

    name: str
    title: str
    formula: str
    outputs_are: str
    targets_are: str
    _expr: Callable
    _gradient: Callable
    _numpy: Callable
    applies_softmax: bool = False  # the loss takes logits and applies softmax itself
    takes_log: bool = False  # the loss takes the log of its outputs (needs them > 0)

    def expr(self, outputs: Sequence, targets: Sequence) -> sympy.Expr:
        """The loss of ``outputs`` against ``targets`` as a SymPy expression."""
        return self._expr(*_pair(self.name, outputs, targets))

    def gradient(self, outputs: Sequence, targets: Sequence) -> list[sympy.Expr]:
        """dLoss/d output_j for every output, in the lecture's form (hinge: a subgradient)."""
        return self._gradient(*_pair(self.name, outputs, targets))

    def value(self, outputs, targets) -> float:
        """The loss at numbers, computed stably with NumPy."""
        o, t = _arrays(self.name, outputs, targets)
        if self.takes_log and np.any((o <= 0) & (t != 0)):
            raise LossInputError(f"{self.name} needs predicted probabilities q > 0 where the target is not 0")
        return float(self._numpy(o, t, None)[0])

    def gradient_value(self, outputs, targets) -> np.ndarray:
        """The gradient at numbers, computed stably with NumPy."""
        o, t = _arrays(self.name, outputs, targets)
        if self.takes_log and np.any((o <= 0) & (t != 0)):
            raise LossInputError(f"{self.name} needs predicted probabilities q > 0 where the target is not 0")
        return np.asarray(self._numpy(o, t, None)[1], dtype=float)

    def numbers(self, outputs: np.ndarray, targets: np.ndarray,
                log_outputs: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(loss per sample, dLoss/d output) of ``(outputs, samples)`` arrays; the one NumPy form.

        ``log_outputs``, where the loss takes a log, is log of the outputs computed from the
        net inputs (log-sigmoid, log-softmax): the loss stays finite where an output
        underflows to 0.

        >>> loss("cross_entropy").numbers(np.array([[0.0], [1.0]]), np.array([[1.0], [0.0]]),
        ...                               np.array([[-800.0], [0.0]]))[0].tolist()
        [800.0]
        """
        o = np.asarray(outputs, dtype=float)
        t = np.asarray(targets, dtype=float)
        return self._numpy(o, t, None if log_outputs is None else np.asarray(log_outputs, dtype=float))


#: The catalogue, one entry per loss. Add an entry here to extend symnn.
LOSSES: dict[str, Loss] = {
    entry.name: entry
    for entry in (
        Loss("half_sse", "Half sum of squared errors", r"Error = \frac{1}{2}\sum_i (o_i - y_i)^2",
             "predictions o_i", "values y_i", _half_sse, _half_sse_gradient, _np_half_sse),
        Loss("mse", "Mean squared error", r"MSE = \frac{1}{n}\sum_{i=1}^{n} (y_i - \hat{y}_i)^2",
             "predictions ŷ_i", "values y_i", _mse, _mse_gradient, _np_mse),
        Loss("cross_entropy", "Cross-entropy", r"H(p, q) = -\sum_x p(x) \log q(x)",
             "predicted probabilities q", "true probabilities p", _cross_entropy, _cross_entropy_gradient,
             _np_cross_entropy, takes_log=True),
        Loss("softmax_cross_entropy", "Softmax with cross-entropy",
             r"-\sum_i y_i \log \hat{y}_i,\ \hat{y} = \operatorname{softmax}(z)",
             "logits z_i", "a probability distribution (one-hot)", _softmax_cross_entropy,
             _softmax_cross_entropy_gradient, _np_softmax_cross_entropy, applies_softmax=True),
        Loss("softmax", "Softmax loss", r"L_i = -\log\left(\frac{e^{s_{y_i}}}{\sum_j e^{s_j}}\right)",
             "class scores s_j", "one-hot class", _softmax_loss, _softmax_cross_entropy_gradient,
             _np_softmax_cross_entropy, applies_softmax=True),
        Loss("hinge", "Multiclass SVM (hinge) loss", r"L_i = \sum_{j \ne y_i} \max(0, s_j - s_{y_i} + 1)",
             "class scores s_j", "one-hot class", _hinge, _hinge_gradient, _np_hinge),
    )
}

#: other names users write for losses (alias -> catalogue name)
LOSS_ALIASES = {"sse": "half_sse", "error": "half_sse", "mean_squared_error": "mse", "ce": "cross_entropy",
            "softmax_ce": "softmax_cross_entropy", "svm": "hinge", "multiclass_svm": "hinge",
            "softmax_loss": "softmax"}


def loss(name: str) -> Loss:
    """The loss called ``name`` (case and dashes do not matter); an unknown name lists the known ones.

    >>> loss("MSE").title
    'Mean squared error'
    """
    key = name.strip().lower().replace("-", "_").replace(" ", "_")
    key = LOSS_ALIASES.get(key, key)
    if key not in LOSSES:
        raise UnknownNameError("loss", name, LOSSES)
    return LOSSES[key]


#: the same as :func:`loss`
loss_function = loss


# -- regularisation --------------------------------------------------------------------------------
REGULARIZERS: dict[str, Callable] = {
    "l2": lambda w: sympy.Add(*(wi**2 for wi in w)),
    "l1": lambda w: sympy.Add(*(sympy.Abs(wi) for wi in w)),
}


def regularization(name: str, weights: Sequence) -> sympy.Expr:
    """R(W): ``l2`` = sum w^2, ``l1`` = sum |w|.

    >>> regularization("l2", sympy.symbols("w_1 w_2"))
    w_1**2 + w_2**2
    """
    key = name.strip().lower()
    if key not in REGULARIZERS:
        raise UnknownNameError("regularization", name, REGULARIZERS)
    return REGULARIZERS[key]([sympy.sympify(w, strict=True) for w in weights])


def regularization_gradient(name: str, weights: Sequence, strength=1) -> list[sympy.Expr]:
    """d(lambda R)/dw for each weight: 2 lambda w (L2) or lambda sign(w) (L1, a subgradient)."""
    R = regularization(name, weights)
    return [sympy.diff(strength * R, sympy.sympify(w, strict=True)).rewrite(sympy.sign) for w in weights]


def total_loss(sample_losses: Sequence, weights: Sequence = (), strength=None,
               regularizer: str = "l2") -> sympy.Expr:
    """L = (1/N) sum_i L_i + lambda R(W), the data loss averaged over N samples plus the penalty.

    >>> w = sympy.symbols("w_1 w_2")
    >>> total_loss(sympy.symbols("L_1 L_2"), w, strength=sympy.Symbol("lambda"))
    L_1/2 + L_2/2 + lambda*(w_1**2 + w_2**2)
    """
    if not sample_losses:
        raise LossInputError("the total loss needs at least one sample loss")
    data = sympy.Add(*(sympy.sympify(s, strict=True) for s in sample_losses)) / len(sample_losses)
    if not weights:
        return data
    if strength is None:
        strength = sympy.Symbol("lambda", nonnegative=True)
    strength = sympy.sympify(strength, strict=True)
    return data + strength * regularization(regularizer, weights)


# -- derivations -----------------------------------------------------------------------------------
def cross_entropy_derivation(j: int = 1, classes: int = 3, label: int = 1) -> Derivation:
    """d(-log ŷ_label)/dz_j by the chain rule: ŷ_j - 1 for the true class, ŷ_j otherwise.

    >>> cross_entropy_derivation(1).result
    Softmax(1, z_1, z_2, z_3) - 1
    >>> cross_entropy_derivation(2).result
    Softmax(2, z_1, z_2, z_3)
    """
    z = logits(classes)
    y = softmax(z)
    if not (isinstance(j, int) and 1 <= j <= classes):
        raise LossInputError(f"logit z_{j} is not one of z_1..z_{classes}")
    c = label
    one_hot(c, classes)
    yc, zj = y[c - 1], z[j - 1]
    if j == c:
        jacobian = yc * (1 - yc)
        result_steps = [Step(product(-1 / yc, jacobian), Rule.SUBSTITUTION,
                             note=rf"$\frac{{\partial \hat{{y}}_{c}}}{{\partial z_{c}}} = "
                                  rf"\hat{{y}}_{c}(1 - \hat{{y}}_{c})$"),
                        Step(yc - 1, Rule.ALGEBRA)]
    else:
        jacobian = -yc * y[j - 1]
        result_steps = [Step(product(-1 / yc, jacobian), Rule.SUBSTITUTION,
                             note=rf"$\frac{{\partial \hat{{y}}_{c}}}{{\partial z_{j}}} = "
                                  rf"-\hat{{y}}_{c}\hat{{y}}_{j}$"),
                        Step(y[j - 1], Rule.ALGEBRA)]
    return Derivation(Derivative(-log(yc), zj), [
        Step(product(negative(1 / yc), Derivative(yc, zj)), Rule.CHAIN_RULE,
             note=rf"$\frac{{\partial(-\log \hat{{y}}_{c})}}{{\partial \hat{{y}}_{c}}} = "
                  rf"-\frac{{1}}{{\hat{{y}}_{c}}}$"),
        *result_steps,
    ], title=rf"Cross-entropy after softmax: $\partial(-\log \hat{{y}}_{c}) / \partial z_{j}$",
        name=f"cross_entropy_{j}",
        text=rf"The true class is {c}, so the loss is $-\log \hat{{y}}_{c}$; "
             "the chain rule through the softmax.")


def softmax_cross_entropy_example(predicted: Sequence[str] = ("0.34", "0.46", "0.20"),
                                  label: int = 1) -> Derivation:
    """The lecture's example: ŷ = (0.34, 0.46, 0.20), y = (1, 0, 0) gives dL/dz = ŷ - y = (-0.66, 0.46, 0.20).

    ``predicted`` are the probabilities as written (strings keep the digits).

    >>> softmax_cross_entropy_example().result.T
    Matrix([[-0.66, 0.46, 0.2]])
    """
    classes = len(predicted)
    y = one_hot(label, classes)
    yhat_symbols = [sympy.Symbol(rf"\hat{{y}}_{k}") for k in range(1, classes + 1)]
    y_symbols = [sympy.Symbol(f"y_{k}") for k in range(1, classes + 1)]
    yhat_values = [sympy.Float(p) for p in predicted]
    decimals = max(len(p.split(".")[1]) if "." in p else 0 for p in predicted)
    values = dict(zip(yhat_symbols, yhat_values, strict=True)) | dict(zip(y_symbols, y, strict=True))
    gradient = sympy.ImmutableMatrix([a - b for a, b in zip(yhat_symbols, y_symbols, strict=True)])
    shown = sympy.ImmutableMatrix([difference(a, b) for a, b in zip(yhat_values, y, strict=True)])
    exact = sympy.ImmutableMatrix([sympy.Float(round(float(a) - b, decimals)) for a, b in
                                   zip(yhat_values, y, strict=True)])
    return Derivation(sympy.Symbol(r"\frac{\partial L}{\partial z}"), [
        Step(gradient, Rule.DEFINITION, note=r"$\hat{y} - y$"),
        Step(shown, Rule.SUBSTITUTION, values=values,
             note=rf"$\hat{{y}} = ({', '.join(predicted)})$, $y = ({', '.join(map(str, y))})$"),
        Step(exact, Rule.NUMERIC),
    ], title="The lecture's three-class example", name="softmax_cross_entropy_example",
        text="The gradient of softmax with cross-entropy with respect to the logits is the "
             "prediction minus the target.")
