"""``symnn check``: verify a worked solution line by line, telling rounding from real mistakes."""

from __future__ import annotations

import argparse

HELP = "check a worked solution line by line: the first real mistake, rounding told from error"

DESCRIPTION = """\
Read a worked solution (plain text, Markdown or LaTeX: $...$, $$...$$, \\[...\\],
align rows or bare lines) and judge every relation chain

  h_1 = sigmoid(0.20 * 0.50 + 0.50 * 0.30) = 0.56
  $\\delta_5 = \\frac{\\partial Error}{\\partial w_5} = 0.25 * 0.48 * (1 - 0.48) * 0.56 = 0.03$

against the problem it solves: a network spec (--spec), a computation graph
(--expr with --at), or nothing (each line is then a symbolic identity, such as
f'(x) = f(x)(1 - f(x)) for the sigmoid).

Verdicts, per line:
  correct      the exact value at the digits written (half-up rounding)
  rounding     not the exact value, but what the writer's own earlier rounded
               numbers give; the lines it inherited from are named
  arithmetic   the expression is right, the number it gives is not; the hand-
               rounding schedules (2 or 3 decimals, half-up or half-even) are
               searched and named when one of them prints the figure
  formula      the expression is not the quantity it claims; the differing
               factor or term is named (compared with the chain-rule factors)
  unknown      a name neither the spec nor the notation table knows
  unparsed     the line cannot be read (the position is given)
  too complex  not judged within the time bound (--timeout seconds per line,
               --budget seconds for the whole file)

The first arithmetic or formula line is the first real mistake. Later lines are
judged with the writer's own numbers, so one slip is reported once.

Notation understood: In_{h_1}/net_{h1} (net input), Out_{h_1}/out_{h1}/h_1,
\\hat{y}_i, \\delta_i, \\frac{\\partial E}{\\partial w_i}, dE/dw5, dError/dw5, ∂E/∂w5,
dE_o1/dnet_o1 (gradients), w_i'/w_i^+/w5+/w5_new/w_i^{new}/w_i^{(1)} (updated
weight), \\eta/lr, \\sigma/sigmoid, \\cdot/\\times/*/·/×, Unicode h₁ w₅⁺ x² δ₅ −,
1.261e-2 and 1.261 \\times 10^{-2}, \\begin{cases}, decimal commas,
Error/E/E_{total}/L, a node of a computation graph named by the writer
(z = w0*x0 + w1*x1 + w2, then dz, e = 1 + d: e is that node). A number may
stand for a part of the formula expected (0.4378 for 1 - h1, 0.0616 for
dE/do1 * do1/dnet_o1). Words around a formula, in any language, are skipped.
"""

EPILOG = """\
examples:
  symnn check derivations/lecture_solution.md --spec derivations/backprop_lecture.toml
  symnn check derivations/circuit_solution.md --expr "1/(1+exp(-(w0*x0+w1*x1+w2)))" \\
      --at "w0=2,x0=-1,w1=-3,x1=-2,w2=-3"
  symnn check identities.md
  symnn check solution.md --answers build/ex/answers.json --variant 3 --json

--json prints one object: {"lines": [{"line", "text", "quantity", "verdict",
"written", "exact", "carried", "message"}], "summary": {"first_error_line",
"counts", "unread_lines"}}. "written" keeps the digits as written (a string).

exit codes:
  0  no mistake, and every line was read and judged
  1  a real mistake (arithmetic or formula) was found
  3  no mistake found, but some lines could not be read or judged (unknown,
     unparsed, too complex); the summary lists them. Also a text with no
     claim in it at all: nothing was checked
  2  unusable input (a missing file, not a regular file, a bad spec, a file
     over the size limit of 200 kB, a bad --timeout)
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the worked solution (text, Markdown or LaTeX)")
    problem = parser.add_argument_group("the problem the solution solves")
    problem.add_argument("--spec", metavar="SPEC", help="a network spec (TOML), as for 'symnn backprop'")
    problem.add_argument("--expr", metavar="EXPR",
                         help="a computation-graph exercise: the expression f (plain math or LaTeX)")
    problem.add_argument("--at", metavar="VALUES", help='values of the symbols of --expr, e.g. "w0=2,x0=-1"')
    problem.add_argument("--answers", metavar="JSON", help="answers.json written by 'symnn exercise'")
    problem.add_argument("--variant", metavar="K", type=int, help="the variant of --answers to check against")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the report")
    parser.add_argument("--timeout", metavar="SECONDS", type=float, default=2.0,
                        help="time bound per line (default 2; 0 turns the worker process off)")
    parser.add_argument("--budget", metavar="SECONDS", type=float, default=60.0,
                        help="time bound for the whole file (default 60); later lines are not judged")


#: the longest --timeout or --budget, in seconds
MAX_SECONDS = 3600.0


def _variant(args: argparse.Namespace) -> dict:
    """The check arguments (spec, values, targets) of --answers/--variant."""
    from ..core.errors import SymnnError
    from ..exercises.answers import answer_variant

    if args.variant is None:
        raise SymnnError("--answers needs --variant K (the index of the variant)")
    return answer_variant(args.answers, args.variant, spec=args.spec).check_arguments()


def run(args: argparse.Namespace) -> int:
    import json
    import sys

    from ..checking.checker import MAX_BYTES, check
    from ..core.console import use_colour
    from ..core.errors import SymnnError
    from ..core.files import read_text

    if args.spec and args.expr:
        raise SymnnError("give either --spec or --expr, not both")
    if args.at and not args.expr:
        raise SymnnError("--at gives values for --expr; give --expr too")
    if args.variant is not None and not args.answers:
        raise SymnnError("--variant needs --answers answers.json")
    import math

    for name in ("timeout", "budget"):
        value = getattr(args, name)
        if not math.isfinite(value) or value < 0 or (name == "budget" and value == 0) or value > MAX_SECONDS:
            low = "from 0 (no worker process)" if name == "timeout" else "above 0"
            raise SymnnError(f"--{name} must be a number of seconds {low} and at most {MAX_SECONDS:g}, "
                             f"not {value}")
    timeout = args.timeout if args.timeout > 0 else None
    kwargs: dict = {"timeout": timeout, "budget": args.budget}
    if args.answers:
        kwargs.update(_variant(args))
    elif args.spec:
        kwargs["spec"] = args.spec
    elif args.expr:
        if not args.at:
            raise SymnnError("--expr needs --at with the values of its symbols")
        kwargs.update(expr=args.expr, at=args.at)
    report = check(read_text(args.file, limit=MAX_BYTES), source=args.file, **kwargs)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=1, allow_nan=False))
    else:
        print(report.to_text(colour=use_colour(sys.stdout)))
    return report.exit_code
