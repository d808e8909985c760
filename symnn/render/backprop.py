"""The report of ``symnn backprop``: forward pass, loss, deltas, gradients and updates as text, LaTeX,
Markdown and JSON, every derivation checked.

>>> import symnn
>>> from symnn.models.network import LECTURE_EXAMPLE
>>> report = BackpropReport(symnn.Network(symnn.parse_spec(LECTURE_EXAMPLE)))
>>> round(report.to_json()["gradients"]["w1"], 5)
-0.00842
"""

from __future__ import annotations

from ..core.console import colour
from ..core.numeric import finite_json
from ..models.network import Network
from ..topics.losses import loss_function
from .latex import MATH_SIZES, OTHER_LETTERS, escape_text, monospace_lines

__all__ = ["BackpropReport"]


class BackpropReport:
    """Everything ``symnn backprop`` shows, as text, JSON, LaTeX or Markdown."""

    def __init__(self, network: Network, steps: int | None = None, learning_rate: float | None = None,
                 digits: int = 4):
        self.network = network
        self.spec = network.spec
        self.steps = self.spec.steps if steps is None else steps
        self.learning_rate = self.spec.learning_rate if learning_rate is None else learning_rate
        self.digits = digits
        self.evaluation = network.evaluate()
        self.training = network.train(steps=self.steps, learning_rate=self.learning_rate)
        self._sections: list | None = None

    # -- the derivations, in reading order -------------------------------------------------------
    def sections(self) -> list[tuple[str, str, list]]:
        """``[(heading, sentence, [Derivation, ...]), ...]``, built (and checked) once per report."""
        if self._sections is None:
            self._sections = self._build_sections()
        return self._sections

    def _build_sections(self) -> list[tuple[str, str, list]]:
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
        deltas = [net.delta_derivation(u, significant=d) for u in reversed(net.units)]
        gradients = [net.derivation(p, significant=d) for p in net.parameters]
        updates = [net.update_derivation(p, learning_rate=self.learning_rate) for p in net.trainable]
        frozen = ", ".join(sorted(self.spec.frozen))
        update_note = f"Gradient descent with learning rate eta = {self.learning_rate:g}."
        if frozen:
            update_note += f" Frozen (not updated): {frozen}."
        return [
            ("Forward pass", "Net input In = sum of weight * source (+ bias), then the activation."
             + sample_note, forward),
            ("Loss", f"The loss ({loss_function(self.spec.loss).title.lower()}, {self.spec.loss}) of the "
             "sample and its derivative at each output.", loss),
            ("Deltas", "delta of a unit = dError/dIn of the unit, from the output layer backwards; "
             "each is formed once and reused by every weight below it.", deltas),
            ("Gradients", "Every parameter: the chain rule along each path, factored by unit, the local "
             "derivatives, the numbers.", gradients),
            ("Update", update_note, updates),
        ]

    # -- formats -------------------------------------------------------------------------------
    def to_json_text(self, indent: int | None = 2) -> str:
        """:meth:`to_json` as JSON text, never NaN or Infinity.

        A number beyond the range of a float (dLoss/do = -y/o where o underflowed to 0) is
        written as ``null`` and named in ``"beyond_float_range"``; a value that is not
        defined (NaN, e.g. the log of a negative output) is an error naming it.
        """
        return finite_json(self.to_json(), overflow="null", indent=indent, ensure_ascii=False)

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
        parts = [rf"\section*{{{escape_text(self.spec.title)}}}"]
        for heading, sentence, derivations in self.sections():
            parts.append(rf"\subsection*{{{escape_text(heading)}}}")
            parts.append(escape_text(sentence))
            for derivation in derivations:
                parts.append(rf"\paragraph{{{self._latex_title(derivation.title)}}}")
                parts.append(derivation.to_latex())
        if self.steps > 1:
            parts.append(r"\subsection*{Training}")
            parts.append(monospace_lines(self._history_lines()))
        body = _latex_safe("\n\n".join(parts))
        if not standalone:
            return body + "\n"
        head = "\\documentclass[10pt]{article}\n"
        if self.latex_engine == "xelatex":  # names in Chinese (or another script pdflatex cannot set)
            head = "% !TEX program = xelatex\n\\documentclass[10pt,UTF8,fontset=fandol]{ctexart}\n"
        return (head + "\\usepackage[a4paper,margin=2cm,landscape]{geometry}\n"
                "\\usepackage{amsmath,amssymb}\n" + MATH_SIZES + "\n\\allowdisplaybreaks\n\\begin{document}\n"
                + body + "\n\\end{document}\n")

    @property
    def latex_engine(self) -> str:
        """``pdflatex``, or ``xelatex`` (with ctex) when a name of the spec has a letter beyond ASCII
        and Greek (隐层1: pdflatex cannot read it)."""
        names = " ".join([*self.network.units, *self.network.parameters, *self.network.inputs,
                          self.spec.title])
        return "xelatex" if OTHER_LETTERS.search(names) else "pdflatex"

    def _latex_title(self, title: str) -> str:
        """A heading with the network's names set as in the formulas (w_3, o_1), the words as text."""
        from .latex import latex

        names = {*self.network.units, *self.network.parameters, *self.network.inputs}
        return " ".join(rf"\ensuremath{{{latex(self.network.symbol(word))}}}" if word in names
                        else escape_text(word) for word in title.split(" "))

    def to_markdown(self, standalone: bool = True) -> str:
        parts = [f"# {self.spec.title}", f"Spec: `{self.spec.source}`"]
        for heading, sentence, derivations in self.sections():
            parts += [f"## {heading}", sentence]
            for derivation in derivations:
                parts.append(derivation.to_markdown().replace("### ", "#### ", 1))
        if self.steps > 1:
            parts.append("## Training\n\n```\n" + "\n".join(self._history_lines()) + "\n```")
        return _latex_safe("\n\n".join(parts)) + "\n"


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
