"""The ``symnn`` command: subcommands for the lecture, backprop, graphs, checks and exercises."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import signal
import sys
import traceback
from collections.abc import Sequence

#: subcommand name -> module, in the order ``symnn --help`` lists them
COMMANDS: dict[str, str] = {
    "lecture": "symnn.cli.lecture",
    "backprop": "symnn.cli.backprop",
    "graph": "symnn.cli.graph",
    "check": "symnn.cli.check",
    "exercise": "symnn.cli.exercise",
    "serve": "symnn.cli.serve",
}
#: the entry-point group through which other packages add subcommands (the benchmarks add ``bench``)
COMMAND_ENTRY_POINTS = "symnn.commands"


def commands() -> dict[str, str]:
    """Every subcommand: symnn's own, then those other installed packages register."""
    from importlib.metadata import entry_points

    found = dict(COMMANDS)
    for point in entry_points(group=COMMAND_ENTRY_POINTS):
        found.setdefault(point.name, point.value)
    return found

DESCRIPTION = """\
symnn derives, checks and explains the mathematics of neural networks symbolically.

Every formula is derived with SymPy and every step is checked; numbers come from
the derived formulas, compiled to NumPy.
"""

EPILOG = """\
examples:
  symnn lecture --out build
      build the lecture's derivations into build/ (LaTeX, Markdown, figures, PDF)
  symnn backprop derivations/backprop_lecture.toml --json
      forward pass, loss, chain-rule gradients and the update of a network spec
  symnn graph "1/(1+exp(-(w0*x0+w1*x1+w2)))" --at "w0=2,x0=-1,w1=-3,x1=-2,w2=-3"
      the computation graph: every gate's forward value and gradient
  symnn check solution.md --spec derivations/backprop_lecture.toml
      check a worked solution line by line; exit 1 at a real mistake
  symnn exercise derivations/backprop_lecture.toml --variants 30 --seed 7 --out build/ex
      seeded variants: student sheets, worked keys, Moodle XML, answers.json
  symnn bench --quick
      measure symnn against plain SymPy and hand-written NumPy

Run 'symnn COMMAND --help' for the options of one command.
Errors in your input are reported on one line with exit code 2; set SYMNN_DEBUG=1
to see the full traceback of an error that comes from a bug in a derivation module.
"""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line (with the nearest valid choice), exit code 2."""

    def error(self, message: str):
        import re
        import sys

        from ..core.errors import nearest_names

        # the choices are the parser's own, never read back from argparse's wording (which changed
        # between Python versions); an unknown option is compared with this command's options
        choice = re.search(r"invalid choice: '([^']*)'", message)
        if choice is not None:
            known = [c for action in self._actions if action.choices for c in action.choices]
            near = nearest_names(choice.group(1), [str(c) for c in known])
            message += f"; did you mean {' or '.join(near)}?" if near else ""
        unknown = re.search(r"unrecognized arguments: (\S+)", message)
        if unknown is not None and unknown.group(1).startswith("-"):
            near = nearest_names(unknown.group(1), list(self._option_string_actions))
            message += f"; did you mean {' or '.join(near)}?" if near else ""
        sys.stderr.write(f"{self.prog}: error: {message} (see {self.prog} --help)\n")
        sys.exit(2)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand registered."""
    parser = _Parser(
        prog="symnn", description=DESCRIPTION, epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    from .. import __version__

    parser.add_argument("--version", action="version", version=f"symnn {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module_name in commands().items():
        module = importlib.import_module(module_name)
        command = sub.add_parser(
            name, help=module.HELP, description=module.DESCRIPTION,
            epilog=getattr(module, "EPILOG", None),
            formatter_class=argparse.RawDescriptionHelpFormatter)
        module.add_arguments(command)
        command.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``symnn`` command; returns the exit code."""
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:  # reported by the command's own parser, which knows its options
        commands_action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        owner = commands_action.choices.get(getattr(args, "command", None) or "", parser)
        owner.error(f"unrecognized arguments: {' '.join(extra)}")
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    from ..core.console import PrintableStream, printable
    from ..core.errors import SymnnError

    # past a file size limit (ulimit -f) a write fails with EFBIG instead of killing the process;
    # (no such signal on this system, or not the main thread: nothing to do)
    with contextlib.suppress(AttributeError, ValueError):
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    stdout, sys.stdout = sys.stdout, PrintableStream(sys.stdout)
    try:
        return int(args.run(args) or 0)
    except BrokenPipeError:
        return 0
    except (SymnnError, OSError) as error:
        if os.environ.get("SYMNN_DEBUG"):
            traceback.print_exception(error)
        message = str(error) if isinstance(error, SymnnError) else _os_error(error)
        print(f"symnn {args.command}: error: {printable(message)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    finally:
        sys.stdout = stdout


def _os_error(error: OSError) -> str:
    """An operating-system error (a full disk, a folder not writable, ...) as one line."""
    where = f"{error.filename}: " if error.filename else ""
    return f"{where}{error.strerror or error}"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
