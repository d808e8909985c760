"""The subcommands of the ``symnn`` command, one module each.

Each module defines ``HELP`` (one line), ``DESCRIPTION`` (the ``--help`` text),
``add_arguments(parser)`` and ``run(args) -> int``. Modules import only argparse
at top level; the heavy work (SymPy, matplotlib, the LaTeX parser) is imported
inside ``run`` so that ``symnn --help`` starts fast.
"""

#: subcommand name -> module, in the order ``symnn --help`` lists them
COMMANDS: dict[str, str] = {
    "lecture": "symnn.commands.lecture",
    "backprop": "symnn.commands.backprop",
    "graph": "symnn.commands.graph",
    "check": "symnn.commands.check",
    "exercise": "symnn.commands.exercise",
    "serve": "symnn.commands.serve",
    "bench": "symnn.commands.bench",
}
