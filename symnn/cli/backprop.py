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
--latex FILE writes a complete LaTeX document when FILE ends in .tex (compile it with
pdflatex), otherwise the body only (for \\input); --md FILE writes Markdown with $$ math.
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
    import json
    import math
    from pathlib import Path

    from ..core.errors import SpecError
    from ..models.network import Network
    from ..models.spec import MAX_STEPS, load_spec

    spec = load_spec(args.spec)
    if args.steps is not None and not 0 <= args.steps <= MAX_STEPS:
        raise SpecError(f"--steps: expected a whole number from 0 to {MAX_STEPS}, got {args.steps}")
    if args.learning_rate is not None and not (math.isfinite(args.learning_rate) and args.learning_rate > 0):
        raise SpecError(f"--learning-rate: expected a positive number, got {args.learning_rate}")
    if not 1 <= args.digits <= 15:
        raise SpecError(f"--digits: expected a whole number from 1 to 15, got {args.digits}")
    network = Network(spec)
    report = Report(network, steps=args.steps, learning_rate=args.learning_rate, digits=args.digits)
    if args.json:
        print(json.dumps(report.to_json(), indent=2, allow_nan=True))
    else:
        print(report.to_text())
    for option, text in ((args.latex, report.to_latex), (args.md, report.to_markdown)):
        if option:
            path = Path(option)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text(standalone=path.suffix == ".tex"), encoding="utf-8")
            except OSError as error:
                raise SpecError(f"{option}: cannot write ({error.strerror or error})") from None
    return 0


class Report:
    """Everything ``symnn backprop`` shows, as text, JSON, LaTeX or Markdown."""

    def __init__(self, network, steps: int | None = None, learning_rate: float | None = None,
                 digits: int = 4):
        self.network = network
        self.spec = network.spec
        self.steps = self.spec.steps if steps is None else steps
        self.learning_rate = self.spec.learning_rate if learning_rate is None else learning_rate
        self.digits = digits
        self.evaluation = network.evaluate()
        self.training = network.train(steps=self.steps, learning_rate=self.learning_rate)

    # -- the derivations, in reading order -------------------------------------------------------
    def sections(self) -> list[tuple[str, str, list]]:
        """``[(heading, sentence, [Derivation, ...]), ...]``."""
        net, d = self.network, self.digits
        n = len(self.spec.samples)
        sample_note = ""
        if n > 1:
            how = "summed" if self.spec.reduction == "sum" else "averaged"
            sample_note = (f" Shown for the first of {n} samples; the loss and the gradients used for "
                           f"the update are {how} over all samples.")
        forward = [x for unit in net.units for x in net.forward_derivations(unit, significant=d)]
        loss = [net.loss_derivation(significant=d)]
        loss += [net.output_gradient_derivation(u, significant=d) for u in net.output_units]
        deltas = [_checked(lambda u=u: net.delta_derivation(u, significant=d),
                           lambda u=u: _unchecked(f"Delta of {u}", f"dError/dIn_{u}", net.delta_expr(u),
                                                  self.evaluation.deltas[u]))
                  for u in reversed(net.units)]
        gradients = [_checked(lambda p=p: net.derivation(p, significant=d),
                              lambda p=p: _unchecked(f"Gradient of Error with respect to {p}", f"dError/d{p}",
                                                     net.gradient_expr(p), self.evaluation.gradients[p]))
                     for p in net.parameters]
        updates = [net.update_derivation(p, learning_rate=self.learning_rate) for p in net.trainable]
        frozen = ", ".join(sorted(self.spec.frozen))
        update_note = f"Gradient descent with learning rate eta = {self.learning_rate:g}."
        if frozen:
            update_note += f" Frozen (not updated): {frozen}."
        return [
            ("Forward pass", "Net input In = sum of weight * source (+ bias), then the activation."
             + sample_note, forward),
            ("Loss", f"The loss ({self.spec.loss}) of the sample and its derivative at each output.", loss),
            ("Deltas", "delta of a unit = dError/dIn of the unit, from the output layer backwards; "
             "each is formed once and reused by every weight below it.", deltas),
            ("Gradients", "Every parameter: the chain rule along each path, factored by unit, the local "
             "derivatives, the numbers.", gradients),
            ("Update", update_note, updates),
        ]

    # -- formats -------------------------------------------------------------------------------
    def to_json(self) -> dict:
        ev, tr = self.evaluation, self.training
        several = len(self.spec.samples) > 1

        def per_unit(kind: str, first: dict) -> dict:
            return dict(ev.batch[kind]) if several else dict(first)

        return {
            "title": self.spec.title,
            "spec": self.spec.source,
            "loss_function": self.spec.loss,
            "samples": len(self.spec.samples),
            "reduction": self.spec.reduction,
            "forward": per_unit("forward", ev.forward),
            "preactivation": per_unit("preactivation", ev.preactivation),
            "loss": ev.loss,
            "output_gradient": per_unit("output_gradient", ev.output_gradient),
            "deltas": per_unit("deltas", ev.deltas),
            "gradients": dict(ev.gradients),
            "learning_rate": self.learning_rate,
            "steps": self.steps,
            "frozen": sorted(self.spec.frozen),
            "updated": dict(tr.updated),
            "history": list(tr.history),
        }

    def _history_lines(self) -> list[str]:
        tr = self.training
        if self.steps <= 1:
            return []
        shown = list(enumerate(tr.history, start=1))
        if len(shown) > 12:
            shown = [*shown[:5], None, *shown[-5:]]
        lines = [f"Loss before each of the {self.steps} steps:"]
        for item in shown:
            lines.append("  ..." if item is None else f"  step {item[0]:>6}: {item[1]:.10g}")
        lines.append("Parameters after all steps: " + ", ".join(
            f"{p} = {v:.10g}" for p, v in tr.updated.items()))
        return lines

    def to_text(self) -> str:
        from ..core.console import colour

        lines = [colour(self.spec.title, "bold"), f"({self.spec.source}; {self.network!r})", ""]
        for heading, sentence, derivations in self.sections():
            lines += [colour(heading, "cyan"), sentence, ""]
            for derivation in derivations:
                body = derivation.to_text().splitlines()
                lines += [colour(body[0], "bold"), *[f"  {line}" for line in body[1:]], ""]
        lines.append(f"Loss = {self.evaluation.loss:.10g}")
        lines += self._history_lines()
        return "\n".join(lines).rstrip() + "\n"

    def to_latex(self, standalone: bool = True) -> str:
        from ..render.latex import MATH_SIZES, escape_text, monospace_lines

        parts = [rf"\section*{{{escape_text(self.spec.title)}}}"]
        for heading, sentence, derivations in self.sections():
            parts.append(rf"\subsection*{{{escape_text(heading)}}}")
            parts.append(escape_text(sentence))
            for derivation in derivations:
                parts.append(rf"\paragraph{{{escape_text(derivation.title)}}}")
                parts.append(derivation.to_latex())
        if self.steps > 1:
            parts.append(r"\subsection*{Training}")
            parts.append(monospace_lines(self._history_lines()))
        body = _latex_safe("\n\n".join(parts))
        if not standalone:
            return body + "\n"
        return ("\\documentclass[10pt]{article}\n\\usepackage[a4paper,margin=2cm,landscape]{geometry}\n"
                "\\usepackage{amsmath,amssymb}\n" + MATH_SIZES + "\n\\allowdisplaybreaks\n\\begin{document}\n"
                + body + "\n\\end{document}\n")

    def to_markdown(self, standalone: bool = True) -> str:
        parts = [f"# {self.spec.title}", f"Spec: `{self.spec.source}`"]
        for heading, sentence, derivations in self.sections():
            parts += [f"## {heading}", sentence]
            for derivation in derivations:
                parts.append(derivation.to_markdown().replace("### ", "#### ", 1))
        if self.steps > 1:
            parts.append("## Training\n\n```\n" + "\n".join(self._history_lines()) + "\n```")
        return _latex_safe("\n\n".join(parts)) + "\n"


#: seconds a derivation may take to be built and checked before a plain summary replaces it
CHECK_SECONDS = 10.0


class _Unchecked:
    """A stand-in for a derivation whose step-by-step check would take too long."""

    def __init__(self, title: str, lhs: str, expr, value: float):
        self.title, self.lhs, self.expr, self.value = title, lhs, expr, value

    def _rows(self, text) -> tuple[str, str]:
        return text(self.expr), f"{self.value:.6g}"

    def to_text(self) -> str:
        import sympy

        return (f"{self.title}\n{self.lhs}\n  = {sympy.sstr(self.expr)}    [closed form]\n"
                f"  = {self.value:.6g}    [numeric evaluation; steps not shown: too large to check quickly]")

    def to_latex(self) -> str:
        from ..render.latex import latex

        return (f"\\begin{{align*}}\n{latex(self.expr)} &= {self.value:.6g} && "
                f"\\text{{closed form, steps too large to check quickly}}\n\\end{{align*}}")

    def to_markdown(self) -> str:
        return f"### {self.title}\n\n$$\n" + self.to_latex().replace("align*", "aligned") + "\n$$"


def _checked(build, fallback):
    """``build()`` within :data:`CHECK_SECONDS` (where the platform allows a timer), else ``fallback()``."""
    import signal
    import threading

    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return build()

    def expire(signum, frame):
        raise TimeoutError

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, CHECK_SECONDS)
    try:
        return build()
    except TimeoutError:
        return fallback()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _unchecked(title: str, lhs: str, expr, value: float) -> _Unchecked:
    return _Unchecked(title, lhs, expr, value)


_GREEK = {
    "α": r"\alpha", "β": r"\beta", "γ": r"\gamma", "δ": r"\delta", "ε": r"\epsilon", "ζ": r"\zeta",
    "η": r"\eta", "θ": r"\theta", "ι": r"\iota", "κ": r"\kappa", "λ": r"\lambda", "μ": r"\mu",
    "ν": r"\nu", "ξ": r"\xi", "π": r"\pi", "ρ": r"\rho", "σ": r"\sigma", "τ": r"\tau", "υ": r"\upsilon",
    "φ": r"\phi", "χ": r"\chi", "ψ": r"\psi", "ω": r"\omega", "Γ": r"\Gamma", "Δ": r"\Delta",
    "Θ": r"\Theta", "Λ": r"\Lambda", "Ξ": r"\Xi", "Π": r"\Pi", "Σ": r"\Sigma", "Φ": r"\Phi",
    "Ψ": r"\Psi", "Ω": r"\Omega",
}


def _latex_safe(text: str) -> str:
    """Greek letters written as Unicode in spec names become LaTeX commands (pdflatex cannot read them)."""
    for letter, command in _GREEK.items():
        text = text.replace(letter, r"\ensuremath{" + command + "}")
    return text
