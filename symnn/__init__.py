"""symnn: derive, check and explain the mathematics of neural networks symbolically.

The public API is loaded on first use, so ``import symnn`` (and the ``symnn``
command's ``--help``) stays fast.

>>> import symnn
>>> symnn.activation("sigmoid")
Sigmoid
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

#: public name -> module that defines it
_API: dict[str, str] = {
    # errors
    "SymnnError": "symnn.core.errors",
    "UnknownNameError": "symnn.core.errors",
    "DerivationError": "symnn.core.errors",
    "SpecError": "symnn.core.errors",
    "ParseError": "symnn.core.errors",
    # activation catalogue
    "ACTIVATIONS": "symnn.core.functions",
    "Activation": "symnn.core.functions",
    "Sigmoid": "symnn.core.functions",
    "Tanh": "symnn.core.functions",
    "ReLU": "symnn.core.functions",
    "LeakyReLU": "symnn.core.functions",
    "ELU": "symnn.core.functions",
    "Softplus": "symnn.core.functions",
    "GELU": "symnn.core.functions",
    "GELUTanh": "symnn.core.functions",
    "Identity": "symnn.core.functions",
    "activation": "symnn.core.functions",
    "activation_info": "symnn.core.functions",
    "explicit": "symnn.core.functions",
    # derivations
    "Derivation": "symnn.core.derivation",
    "Step": "symnn.core.derivation",
    "Rule": "symnn.core.derivation",
    "rounded_equal": "symnn.core.derivation",
    "compare": "symnn.core.equality",
    # networks from spec files
    "load_spec": "symnn.models.spec",
    "parse_spec": "symnn.models.spec",
    "Spec": "symnn.models.spec",
    "LayerSpec": "symnn.models.spec",
    "Sample": "symnn.models.spec",
    "Network": "symnn.models.network",
    "Evaluation": "symnn.models.network",
    "Training": "symnn.models.network",
    "Factor": "symnn.models.network",
    "central_difference": "symnn.core.numeric",
    # printers
    "latex": "symnn.render.latex",
    # computation graph (circuit)
    "Circuit": "symnn.models.graph",
    "CircuitError": "symnn.models.graph",
    "Gate": "symnn.models.graph",
    "circuit": "symnn.models.graph",
    "read_values": "symnn.models.graph",
    "circuit_text": "symnn.render.circuit",
    "circuit_markdown": "symnn.render.circuit",
    "circuit_table": "symnn.render.circuit",
    "circuit_tikz": "symnn.render.circuit",
    "circuit_dot": "symnn.render.circuit",
    "write_circuit": "symnn.render.circuit",
    # activation derivatives, softmax, losses, gradient descent
    "DefinedFunction": "symnn.core.functions",
    "activation_derivation": "symnn.topics.activations",
    "ACTIVATION_DERIVATIONS": "symnn.topics.activations",
    "relu_one_sided_derivatives": "symnn.topics.activations",
    "ExpSum": "symnn.topics.softmax",
    "Softmax": "symnn.topics.softmax",
    "logits": "symnn.topics.softmax",
    "softmax_outputs": "symnn.topics.softmax",
    "softmax_jacobian": "symnn.topics.softmax",
    "softmax_derivation": "symnn.topics.softmax",
    "softmax_sums_to_one": "symnn.topics.softmax",
    "softmax_numpy": "symnn.topics.softmax",
    "log_softmax_numpy": "symnn.topics.softmax",
    "logsumexp_numpy": "symnn.topics.softmax",
    "LOSSES": "symnn.topics.losses",
    "Loss": "symnn.topics.losses",
    "LossInputError": "symnn.topics.losses",
    "loss": "symnn.topics.losses",
    "loss_function": "symnn.topics.losses",
    "one_hot": "symnn.topics.losses",
    "regularization": "symnn.topics.losses",
    "regularization_gradient": "symnn.topics.losses",
    "total_loss": "symnn.topics.losses",
    "cross_entropy_derivation": "symnn.topics.losses",
    "softmax_cross_entropy_example": "symnn.topics.losses",
    "limit_derivation": "symnn.topics.descent",
    "directional_derivation": "symnn.topics.descent",
    "taylor_table": "symnn.topics.descent",
    "steepest_descent_angle": "symnn.topics.descent",
    "steepest_descent_derivation": "symnn.topics.descent",
    "update_derivation": "symnn.topics.descent",
    "gradient_descent": "symnn.topics.descent",
    # the lecture document
    "Section": "symnn.document.blocks",
    "Paragraph": "symnn.document.blocks",
    "Math": "symnn.document.blocks",
    "Figure": "symnn.document.blocks",
    "Table": "symnn.document.blocks",
    "TikZ": "symnn.document.blocks",
    "Claim": "symnn.document.blocks",
    "Translations": "symnn.document.i18n",
    "format_decimal": "symnn.core.numbers",
    "significant_latex": "symnn.core.numbers",
    "difference": "symnn.core.written",
    "product": "symnn.core.written",
    # MCP neuron and perceptron
    "TRUTH_TABLES": "symnn.topics.perceptron",
    "ThresholdUnit": "symnn.topics.perceptron",
    "ThresholdNetwork": "symnn.topics.perceptron",
    "LinearInequality": "symnn.topics.perceptron",
    "FarkasCertificate": "symnn.topics.perceptron",
    "truth_table": "symnn.topics.perceptron",
    "train_perceptron": "symnn.topics.perceptron",
    "separation_inequalities": "symnn.topics.perceptron",
    "farkas_certificate": "symnn.topics.perceptron",
    "weight_symbols": "symnn.topics.perceptron",
    "bias_symbol": "symnn.topics.perceptron",
    "xor_network": "symnn.topics.perceptron",
    # figures and the lecture build
    "activation_figure": "symnn.render.figures",
    "activation_figures": "symnn.render.figures",
    "activation_curves": "symnn.render.figures",
    "save_figure": "symnn.render.figures",
    "network_tikz": "symnn.render.figures",
    "certificate_latex": "symnn.render.latex",
    "build_lecture": "symnn.lecture.build",
    "lecture_sections": "symnn.lecture.build",
    # reading and checking worked solutions
    "parse_expression": "symnn.checking.parse",
    "parse_relation": "symnn.checking.parse",
    "check": "symnn.checking.checker",
    "check_file": "symnn.checking.checker",
    "CheckReport": "symnn.checking.report",
    "LineResult": "symnn.checking.report",
    # exercises
    "load_exercise": "symnn.exercises.exercise",
    "parse_exercise": "symnn.exercises.exercise",
    "generate_variants": "symnn.exercises.exercise",
    "stress_test": "symnn.exercises.exercise",
    "write_exercise": "symnn.exercises.exercise",
    "read_answers": "symnn.exercises.answers",
    "answer_variant": "symnn.exercises.answers",
}

__all__ = sorted(_API)


def __getattr__(name: str):
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'symnn' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_API))
