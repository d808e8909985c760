"""``symnn backprop``: the forward pass, loss, deltas, chain-rule gradients and update of a spec."""

from __future__ import annotations

import argparse

HELP = "forward pass, deltas, chain-rule gradients and updates of a network spec (TOML)"

DESCRIPTION = """\
Read a network from a spec file (TOML), run the forward pass, and derive by
backpropagation the delta of every unit and the gradient of every parameter,
each in the chain-rule form dError/dw = dError/do * do/dIn_o * dIn_o/dw, then
with the local derivatives in closed form, then with the numbers put in.
Finally one or more gradient-descent steps w' = w - eta * dError/dw.

A spec names the inputs, the layers (units, activation, the weight of every
edge, optional biases), the loss, the values and the targets:

  [network]
  inputs = ["x1", "x2"]
  loss = "half_sse"          # or mse, cross_entropy, softmax_cross_entropy, hinge
  [[network.layers]]
  units = ["h1", "h2"]
  activation = "sigmoid"     # any activation of the catalogue; softmax for the output layer
  weights = { h1 = { x1 = "w1", x2 = "w3" }, h2 = { x1 = "w2", x2 = "w4" } }
  bias = { h1 = "b1", h2 = "b1" }      # optional; a shared bias gets the summed gradient
  ...
  [values]        # every parameter, and the inputs of a single sample
  [targets]       # a target for every output unit
  [[data]]        # instead of values/targets for the inputs: one table per sample
  [training]
  learning_rate = 1
  steps = 1
  frozen = ["b1"]            # get gradients but are not updated

With several samples the loss and gradients are summed over them for half_sse
and averaged otherwise ([network] reduction = "sum" or "mean" overrides this);
the worked derivations show the first sample.
"""

EPILOG = """\
examples:
  symnn backprop derivations/backprop_lecture.toml
  symnn backprop derivations/backprop_lecture.toml --json
  symnn backprop derivations/specs/mazur.toml --steps 100 --json
  symnn backprop derivations/backprop_lecture.toml --latex build/backprop.tex --md build/backprop.md

--json prints one object: forward (unit -> activation), preactivation (unit -> net
input), loss (before the update), output_gradient, deltas, gradients (parameter ->
dLoss/dparameter), updated (parameter -> value after all steps), history (loss
before each step), with full-precision numbers. With several samples forward,
preactivation, output_gradient and deltas hold one list per unit (one entry per sample).
--latex FILE writes a complete LaTeX document when FILE ends in .tex (compile it
with pdflatex, or with xelatex when the spec's names are Chinese: the file says
which), otherwise the body only (for \\input); --md FILE writes Markdown with $$
math.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("spec", metavar="SPEC", help="the network spec file (TOML)")
    parser.add_argument("--steps", type=int, metavar="N",
                        help="number of gradient-descent steps (default: the spec's, else 1)")
    parser.add_argument("--learning-rate", type=float, metavar="ETA",
                        help="learning rate (default: the spec's)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the report")
    parser.add_argument("--latex", metavar="FILE", help="write the derivations as LaTeX to FILE")
    parser.add_argument("--md", metavar="FILE", help="write the derivations as Markdown to FILE")
    parser.add_argument("--digits", type=int, default=4, metavar="D",
                        help="significant digits of the numbers shown in the report (default 4)")


def run(args: argparse.Namespace) -> int:
    import math
    import sys
    from pathlib import Path

    from ..core.errors import SpecError
    from ..core.files import write_text
    from ..models.network import Network
    from ..models.spec import MAX_STEPS, load_spec
    from ..render.backprop import BackpropReport

    spec = load_spec(args.spec)
    if args.steps is not None and not 0 <= args.steps <= MAX_STEPS:
        raise SpecError(f"--steps: expected a whole number from 0 to {MAX_STEPS}, got {args.steps}")
    if args.learning_rate is not None and not (math.isfinite(args.learning_rate) and args.learning_rate > 0):
        raise SpecError(f"--learning-rate: expected a positive number, got {args.learning_rate}")
    if not 1 <= args.digits <= 15:
        raise SpecError(f"--digits: expected a whole number from 1 to 15, got {args.digits}")
    network = Network(spec)
    report = BackpropReport(network, steps=args.steps, learning_rate=args.learning_rate, digits=args.digits)
    if args.json:
        print(report.to_json_text())
    else:
        print(report.to_text())
    for option, text in ((args.latex, report.to_latex), (args.md, report.to_markdown)):
        if option:
            path = Path(option)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise SpecError(f"{option}: cannot write ({error.strerror or error})") from None
            write_text(path, text(standalone=path.suffix == ".tex"))
            if option == args.latex and path.suffix == ".tex":
                print(f"wrote {path} (compile it with {report.latex_engine})", file=sys.stderr)
    return 0
