"""``symnn lecture``: build every derivation of the lecture into LaTeX, Markdown, figures and a PDF."""

from __future__ import annotations

import argparse

HELP = "build the lecture's derivations into lecture.tex, lecture.md, figures and lecture.pdf"

DESCRIPTION = """\
Build every topic of the lecture (activations, softmax and cross-entropy, losses,
gradient descent, the perceptron, ...) into one document. Every derivation is
checked step by step while it is built; a false step stops the build and names it.

Written to the output folder:
  lecture.tex        a complete LaTeX document (pdflatex)
  lecture.md         the same in Markdown, with $$ math and PNG figures
  figures/           each activation beside its derivative, as PDF and PNG
  lecture.pdf        when pdflatex is on PATH (xelatex for --lang zh; its log beside it, lecture.log)

symnn lists what it wrote in the folder's .symnn-manifest.json and replaces only those
files, unchanged since; anything else in the way is an error unless --force.
Graphviz is optional: without `dot` the circuit pictures of the Markdown are
left out (the PDF draws them with TikZ) and the build says so.

It ends with a table of every number the lecture states, its exact value, and
whether the lecture's figure is right when the exact value is rounded to the
digits the lecture shows.

examples:
  symnn lecture                       build into ./build
  symnn lecture --out notes --no-pdf  LaTeX and Markdown only, no TeX run
  symnn lecture --lang zh --out zh    the Chinese edition (xelatex and ctex)
  symnn lecture --json > build.json   one JSON object: files written and claims
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", default="build", metavar="FOLDER",
                        help="folder to write into (created if missing; default: build)")
    parser.add_argument("--topics", default="derivations", metavar="PACKAGE",
                        help="the Python package whose modules define section() (default: derivations, "
                             "the lecture shipped with symnn)")
    parser.add_argument("--lang", choices=("en", "zh"), default="en",
                        help="the document's language: en (pdflatex) or zh, Chinese (xelatex with ctex)")
    parser.add_argument("--force", action="store_true",
                        help="replace files in --out that symnn did not write (or that changed since)")
    parser.add_argument("--no-pdf", action="store_true", help="do not run LaTeX, write .tex/.md/figures only")
    parser.add_argument("--json", action="store_true",
                        help="print one JSON object (files, PDF, claims) instead of the report")


def _claims_table(build, stream) -> list[str]:
    from ..core.console import colour
    from ..document.blocks import format_exact
    from ..render.text import plain

    header = ("quantity", "where", "lecture", "exact", "right at the digits shown")
    rows = [(plain(claim.quantity), plain(claim.where or title), claim.stated, format_exact(claim),
             claim.right) for title, claim in build.claims]
    widths = [max([len(header[i]), *(len(str(r[i])) for r in rows)]) for i in range(4)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, [*widths, 0], strict=True)).rstrip()]
    for quantity, where, stated, exact, right in rows:
        mark = colour("✓ yes", "green", stream) if right else colour("✗ no", "red", stream)
        cells = [quantity.ljust(widths[0]), where.ljust(widths[1]), stated.rjust(widths[2]),
                 exact.rjust(widths[3])]
        lines.append("  ".join([*cells, mark]))
    right = sum(1 for r in rows if r[4])
    lines.append(f"{right} of {len(rows)} figures of the lecture are right at the digits shown.")
    return lines


def run(args: argparse.Namespace) -> int:
    import json
    import sys

    from ..core.console import Progress
    from ..document.blocks import format_exact
    from ..lecture.build import build_lecture

    progress = None
    if not args.json and sys.stderr.isatty():
        progress = Progress(1, "sections")

    def on_section(name: str, number: int, total: int) -> None:
        if progress is not None:
            progress.total = total
            progress.label = f"building {name:<24.24}"
            progress.advance()

    def on_stage(what: str) -> None:
        if progress is not None:
            if progress.done:
                progress.__exit__(None, None, None)
                progress.done = 0
            sys.stderr.write(f"{what} ...\n")
            sys.stderr.flush()

    try:
        build = build_lecture(args.out, pdf=not args.no_pdf, package=args.topics, force=args.force,
                              on_section=on_section, on_stage=on_stage, lang=args.lang)
    finally:
        if progress is not None and progress.done:
            progress.__exit__(None, None, None)

    if args.json:
        print(json.dumps({
            "out": str(build.out_dir),
            "files": [str(p) for p in build.files],
            "pdf": str(build.pdf) if build.pdf else None,
            "engine": build.engine,
            "pages": build.pages,
            "sections": [s.title for s in build.sections],
            "messages": build.messages,
            "lang": build.lang,
            "left_out": [name for name, _ in build.left_out],
            "claims": [{"quantity": c.quantity, "section": title, "where": c.where, "stated": c.stated,
                        "exact": float(c.exact), "exact_shown": format_exact(c), "decimals": c.decimals,
                        "right": c.right, "note": c.note} for title, c in build.claims],
        }, ensure_ascii=False, indent=2, allow_nan=False))
        return 0

    print(f"built {len(build.sections)} sections: " + ", ".join(s.title for s in build.sections))
    for path in build.files:
        print(f"wrote {path}")
    if build.pdf:
        pages = f", {build.pages} page{'s' if build.pages != 1 else ''}" if build.pages else ""
        print(f"compiled {build.pdf} with {build.engine}{pages}")
    for message in build.messages:
        print(f"note: {message}")
    if build.claims:
        print()
        print("The lecture's numbers:")
        for line in _claims_table(build, sys.stdout):
            print("  " + line)
    return 0
