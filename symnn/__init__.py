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
    "SymnnError": "symnn.errors",
    "UnknownNameError": "symnn.errors",
    "DerivationError": "symnn.errors",
    "SpecError": "symnn.errors",
    "ParseError": "symnn.errors",
    # activation catalogue
    "ACTIVATIONS": "symnn.functions",
    "Activation": "symnn.functions",
    "Sigmoid": "symnn.functions",
    "Tanh": "symnn.functions",
    "ReLU": "symnn.functions",
    "LeakyReLU": "symnn.functions",
    "ELU": "symnn.functions",
    "Softplus": "symnn.functions",
    "GELU": "symnn.functions",
    "GELUTanh": "symnn.functions",
    "Identity": "symnn.functions",
    "activation": "symnn.functions",
    "activation_info": "symnn.functions",
    "explicit": "symnn.functions",
    # derivations
    "Derivation": "symnn.derivation",
    "Step": "symnn.derivation",
    "Rule": "symnn.derivation",
    "rounded_equal": "symnn.derivation",
    "compare": "symnn.equality",
    # networks from spec files
    "load_spec": "symnn.spec",
    "parse_spec": "symnn.spec",
    "Spec": "symnn.spec",
    "LayerSpec": "symnn.spec",
    "Sample": "symnn.spec",
    "Network": "symnn.network",
    "Evaluation": "symnn.network",
    "Training": "symnn.network",
    "Factor": "symnn.network",
    "central_difference": "symnn.numeric",
    # printers
    "latex": "symnn.render.latex",
    # computation graph (circuit)
    "Circuit": "symnn.graph",
    "CircuitError": "symnn.graph",
    "Gate": "symnn.graph",
    "circuit": "symnn.graph",
    "read_values": "symnn.graph",
    "circuit_text": "symnn.render.circuit",
    "circuit_markdown": "symnn.render.circuit",
    "circuit_table": "symnn.render.circuit",
    "circuit_tikz": "symnn.render.circuit",
    "circuit_dot": "symnn.render.circuit",
    "write_circuit": "symnn.render.circuit",
    # activation derivatives, softmax, losses, gradient descent
    "DefinedFunction": "symnn.functions",
    "activation_derivation": "symnn.derivatives",
    "ACTIVATION_DERIVATIONS": "symnn.derivatives",
    "relu_one_sided_derivatives": "symnn.derivatives",
    "ExpSum": "symnn.softmax",
    "Softmax": "symnn.softmax",
    "logits": "symnn.softmax",
    "softmax_outputs": "symnn.softmax",
    "softmax_jacobian": "symnn.softmax",
    "softmax_derivation": "symnn.softmax",
    "softmax_sums_to_one": "symnn.softmax",
    "softmax_numpy": "symnn.softmax",
    "log_softmax_numpy": "symnn.softmax",
    "logsumexp_numpy": "symnn.softmax",
    "LOSSES": "symnn.losses",
    "Loss": "symnn.losses",
    "LossInputError": "symnn.losses",
    "loss": "symnn.losses",
    "loss_function": "symnn.losses",
    "one_hot": "symnn.losses",
    "regularization": "symnn.losses",
    "regularization_gradient": "symnn.losses",
    "total_loss": "symnn.losses",
    "cross_entropy_derivation": "symnn.losses",
    "softmax_cross_entropy_example": "symnn.losses",
    "limit_derivation": "symnn.descent",
    "directional_derivation": "symnn.descent",
    "taylor_table": "symnn.descent",
    "steepest_descent_angle": "symnn.descent",
    "steepest_descent_derivation": "symnn.descent",
    "update_derivation": "symnn.descent",
    "gradient_descent": "symnn.descent",
    # the lecture document
    "Section": "symnn.document",
    "Paragraph": "symnn.document",
    "Math": "symnn.document",
    "Figure": "symnn.document",
    "Table": "symnn.document",
    "TikZ": "symnn.document",
    "Claim": "symnn.document",
    # MCP neuron and perceptron
    "TRUTH_TABLES": "symnn.perceptron",
    "ThresholdUnit": "symnn.perceptron",
    "ThresholdNetwork": "symnn.perceptron",
    "LinearInequality": "symnn.perceptron",
    "FarkasCertificate": "symnn.perceptron",
    "truth_table": "symnn.perceptron",
    "train_perceptron": "symnn.perceptron",
    "separation_inequalities": "symnn.perceptron",
    "farkas_certificate": "symnn.perceptron",
    "weight_symbols": "symnn.perceptron",
    "bias_symbol": "symnn.perceptron",
    "xor_network": "symnn.perceptron",
    # figures and the lecture build
    "activation_figure": "symnn.render.figures",
    "activation_figures": "symnn.render.figures",
    "activation_curves": "symnn.render.figures",
    "save_figure": "symnn.render.figures",
    "build_lecture": "symnn.lecture",
    "lecture_sections": "symnn.lecture",
    # reading and checking worked solutions
    "parse_expression": "symnn.parse",
    "parse_relation": "symnn.parse",
    "check": "symnn.checker",
    "check_file": "symnn.checker",
    "CheckReport": "symnn.checker",
    "LineResult": "symnn.checker",
    # exercises
    "load_exercise": "symnn.exercise",
    "parse_exercise": "symnn.exercise",
    "generate_variants": "symnn.exercise",
    "stress_test": "symnn.exercise",
    "write_exercise": "symnn.exercise",
    "read_answers": "symnn.answers",
    "answer_variant": "symnn.answers",
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
