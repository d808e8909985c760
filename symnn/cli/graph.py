"""``symnn graph``: the computation graph (circuit) of an expression, forward and backward."""

from __future__ import annotations

import argparse

HELP = "computation graph of an expression: every gate's forward value and gradient"

DESCRIPTION = """\
Split an expression into the gates of a computation graph ("circuit"), as the
lecture draws it: + and * (two inputs each, left to right), *(-1), +c and *c
(constants are parameters of their gate), 1/x, x^c, exp, log, and each activation
of the catalogue (sigmoid, tanh, relu, ...) as one gate.

Then the forward pass gives every node its value, in order from the inputs, and
the backward pass gives every node its gradient d output / d node, in reverse
order: each gate multiplies the gradient arriving from above by its local
derivative (for * the other input, for + one, for 1/x -1/x^2, for exp e^x) and
passes it to its inputs; where a value is used twice, the gradients add.

EXPR is plain math (1/(1+exp(-(w0*x0+w1*x1+w2)))) or LaTeX
(\\frac{1}{1+e^{-(w_0x_0+w_1x_1+w_2)}}), read without eval. --at gives every
symbol a number: "w0=2, x0=-1, ..." (decimals, 1e-3 or fractions like 1/4;
w_0 may be given as w0).
"""

EPILOG = """\
examples:
  symnn graph "1/(1+exp(-(w0*x0+w1*x1+w2)))" --at "w0=2,x0=-1,w1=-3,x1=-2,w2=-3"
  symnn graph "1/(1+exp(-(w0*x0+w1*x1+w2)))" --at "w0=2,x0=-1,w1=-3,x1=-2,w2=-3" --fuse-sigmoid
  symnn graph "x*y + sigmoid(x)" --at "x=0.5,y=-2" --json
  symnn graph "\\frac{1}{1+e^{-(w_0x_0+w_1x_1+w_2)}}" --at "w0=2,x0=-1,w1=-3,x1=-2,w2=-3" \\
      --png circuit.png --latex circuit.tex

--fuse-sigmoid draws 1/(1+e^{-z}) as one sigmoid gate (local derivative
sigma(1 - sigma)); --nary draws a sum or product of n terms as one gate.
--json prints one object: value (the output), gradients (symbol -> d output /
d symbol) and nodes (forward order: id, gate, inputs, expression, value,
gradient, local derivatives, rule), with full-precision numbers.
--latex FILE writes a complete LaTeX document with the TikZ picture when FILE
ends in .tex (compile it with pdflatex), otherwise the tikzpicture only (for
\\input). --png/--svg FILE draw the graph with Graphviz's dot; --dot FILE writes
the DOT text.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("expression", metavar="EXPR", help="the expression (plain math or LaTeX)")
    _expression_may_start_with_minus(parser)
    parser.add_argument("--at", metavar="VALUES", default=None,
                        help='a number for every symbol: "w0=2, x0=-1, ..."')
    parser.add_argument("--fuse-sigmoid", action="store_true",
                        help="draw 1/(1+exp(-z)) as one sigmoid gate")
    parser.add_argument("--nary", action="store_true",
                        help="one gate per sum or product of n terms (default: two-input gates)")
    parser.add_argument("--digits", type=int, default=4, metavar="D",
                        help="decimals shown in the table and pictures (default 4; TikZ: at most 2)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    parser.add_argument("--latex", metavar="FILE", help="write the TikZ picture to FILE")
    parser.add_argument("--png", metavar="FILE", help="draw the graph to FILE (PNG, needs Graphviz)")
    parser.add_argument("--svg", metavar="FILE", help="draw the graph to FILE (SVG, needs Graphviz)")
    parser.add_argument("--dot", metavar="FILE", help="write the graph in Graphviz's DOT language to FILE")


def run(args: argparse.Namespace) -> int:
    import sys
    from pathlib import Path

    import sympy

    from ..checking.parse import parse_expression, parse_relation
    from ..checking.unevaluated import as_written
    from ..core.errors import SymnnError
    from ..core.numeric import finite_json
    from ..models.graph import Circuit, read_values
    from ..render.circuit import (
        circuit_dot,
        circuit_text,
        circuit_tikz,
        circuit_tikz_document,
        number_text,
        render_dot,
    )

    if not 0 <= args.digits <= 15:
        raise SymnnError(f"--digits {args.digits}: expected a whole number from 0 to 15")
    expr = parse_expression(args.expression)
    relation = parse_relation(args.expression)
    for note in relation.parts[0].notes:  # e.g. a ')' supplied at the end
        print(f"symnn graph: note: {note}", file=sys.stderr)
    if not isinstance(expr, sympy.Expr):
        raise SymnnError(f"EXPR: expected an expression, got a {type(expr).__name__} "
                         "(a relation or condition cannot be drawn as a circuit)")
    drawn = as_written(relation.parts[0].node, flatten=args.nary)
    circuit = Circuit.from_expr(drawn, fuse_sigmoid=args.fuse_sigmoid, binary=not args.nary, as_written=True)
    values = read_values(args.at) if args.at is not None else {}
    if args.at is None and circuit.symbols:
        names = ", ".join(str(s) for s in circuit.symbols)
        example = ",".join(f"{s}=1" for s in circuit.symbols[:3])
        more = ",..." if len(circuit.symbols) > 3 else ""
        raise SymnnError(f'no values given for {names}: add --at "{example}{more}"')
    circuit.evaluate(values, exact=False)

    written = []
    if args.latex:
        path = Path(args.latex)
        picture = (circuit_tikz_document(circuit, min(args.digits, 2)) if path.suffix.lower() == ".tex"
                   else circuit_tikz(circuit, min(args.digits, 2)) + "\n")
        written.append(_write(path, picture))
    if args.dot:
        written.append(_write(Path(args.dot), circuit_dot(circuit, args.digits) + "\n"))
    for option, fmt in ((args.png, "png"), (args.svg, "svg")):
        if option:
            render_dot(circuit_dot(circuit, args.digits), Path(option), fmt)
            written.append(Path(option))

    if args.json:
        print(finite_json(circuit.to_dict(), overflow="null", ensure_ascii=False))
    else:
        print(f"f = {sympy.sstr(drawn, order='none')}")
        print(circuit_text(circuit, args.digits))
        print()
        print(f"value      f = {number_text(circuit.output.number, args.digits)}")
        for node in circuit.input_nodes:
            print(f"gradient   df/d{node.id} = {number_text(node.gradient_number, args.digits)}")
    for path in written:
        print(f"wrote {path}", file=sys.stderr)
    return 0


def _write(path, text: str):
    from ..core.files import write_text

    return write_text(path, text)


def _expression_may_start_with_minus(parser: argparse.ArgumentParser) -> None:
    """Read ``-x*y`` as the expression, not as an unknown option: every option of ``symnn graph``
    is long (``--at``) except ``-h``, so any other word starting with a single '-' is EXPR."""
    read_option = parser._parse_optional

    def parse_optional(text: str):
        if text.startswith("-") and not text.startswith("--") and text != "-h":
            return None
        return read_option(text)

    parser._parse_optional = parse_optional
