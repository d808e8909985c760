"""``symnn exercise``: seeded exercise variants with student sheets, worked keys, a Moodle quiz and JSON."""

from __future__ import annotations

import argparse

HELP = "seeded exercise variants: student sheets, worked answer keys, Moodle and QTI quizzes, answers.json"

DESCRIPTION = """\
Make one exercise per student from a spec: every variant has its own numbers,
drawn reproducibly from --seed (each variant's own seed is printed on its
sheet), and an answer key with the whole derivation in the lecture's notation:
the chain rule factor by factor, the closed forms, the numbers put in, the
value rounded as the sheet asks and the exact value.

Exercise kinds (the spec decides which; see derivations/exercises/ for one of each):
  network                a spec of 'symnn backprop' ([network] table): forward pass, error,
                         the delta of every unit, the gradients dE/dw (the lecture's
                         delta_i) by the chain rule, one update w' = w - eta * dE/dw
  activation_derivative  f(x) and f'(x) of an activation at a point, and the derivative
                         identity to prove ([values] activation, x)
  softmax                softmax probabilities, a Jacobian entry dy_i/dz_j, the
                         cross-entropy and dL/dz_k = yhat_k - y_k ([values] z1..zK, label, i, j)
  loss                   half_sse, mse, cross_entropy or hinge and dL/do_k
                         ([values] loss, o1..oK, y1..yK or label)
  graph                  a computation graph: forward value and gradient of every node
                         ([values] expression = "1/(1+exp(-(w0*x0+w1*x1+w2)))", w0, ...)
  perceptron             the perceptron rule on AND/NAND/OR; for XOR the cycle and the
                         proof that no weights exist ([values] gate, learning_rate, w1, w2, b)
All but the network kind say [exercise] kind = "...".

How the numbers vary is said by a [randomize] table:

  [randomize]
  w1 = { min = -1, max = 1, step = 0.1 }           # the grid -1, -0.9, ..., 1
  w5 = { min = -1, max = 1, step = 0.1, nonzero = true }
  activation = ["sigmoid", "tanh"]                # one of the choices (every layer but softmax)
  learning_rate = [0.5, 1]
  [randomize.targets]
  o1 = { min = 0, max = 1, step = 0.01 }          # or: class = ["o1", "o2"] (one-hot)
  [exercise]
  decimals = 4                                    # answers are asked to 4 decimals
  gradients = ["w5", "w1"]                        # which dE/dw to ask (default: all)

Only what [randomize] names varies; the rest keeps the spec's values. A network
spec WITHOUT a [randomize] table (such as the lecture's) gets this default:
every weight and bias from -1 .. 1 in steps of 0.1 (never 0), every input from
-1 .. 1 in steps of 0.1 (never 0), every target from 0 .. 1 in steps of 0.01
(one-hot classes for cross-entropy and hinge losses); the learning rate stays.

Degenerate variants are rejected and counted with their reasons: every asked
answer must lie at least 10 tolerances away from 0 (and so from its sign flip);
an answer that does not at the sheet's decimals is asked to up to 2 more decimals
(said on its sheet and in its quiz part), else the variant is redrawn. Two answers
within two tolerances of each other are rejected too, unless the task makes them
equal (a graph's add gates, softmax's dL/dz_k = y-hat_k); so are a saturated unit
(f'(In) below a tenth of its largest value), a unit at a kink, a trivial point
(x = 0 for an activation) and a repeated variant. --stress N draws N variants and
reports the spread of every answer, what would be rejected, and how many good
variants still have an answer within 10 tolerances of 0 (always 0), without
writing anything.

Written into --out: sheets.tex/.pdf and key.tex/.pdf (one page per variant),
sheets.md and key.md, moodle.xml, qti.zip, the figures (network.png, graph.png)
and answers.json. moodle.xml (Moodle XML) holds one Cloze question per variant
with every answer a NUMERICAL part in the order of the worked solution, answer
rounded as asked, tolerance one unit in the last decimal asked, the figure
embedded; --moodle per-quantity writes one numerical question per answer and
variant instead (one category per quantity); calculated questions are added where
Moodle can write the formula. qti.zip is an IMS QTI 2.1 content package with one
item per variant (a float text entry per answer, absolute tolerance). answers.json
(for a network: the same names as 'symnn backprop --json': forward, preactivation,
loss, deltas, gradients, updated, history; variants numbered from 1; "decimals"
where an answer is asked to more decimals, "figures" the variant's figure files).
A network exercise also writes network_spec.toml, the spec 'symnn check --answers
answers.json --variant K' reads. The same seed always gives byte-identical
answers.json.

Outputs are all or nothing: every file is written under a temporary name and
renamed into --out only when the whole run (PDFs included) has succeeded, so a
failed LaTeX build leaves no answers.json or moodle.xml behind. symnn lists what
it wrote in --out/.symnn-manifest.json and replaces only those files, unchanged
since; a file it did not write (or one edited since) is an error unless --force.
Limits: at most 1000 variants a run and 1 GB of outputs.

--lang zh writes the sheets, keys and quiz questions in Chinese (误差, 学习率,
链式求导, 反向传播, 参数更新; the title from [exercise] title_zh, else the kind's)
for xelatex with ctex; without xelatex the .tex files are written and no PDF is made.
"""

EPILOG = """\
examples:
  symnn exercise derivations/backprop_lecture.toml --variants 30 --seed 7 --out build/ex
  symnn exercise derivations/exercises/backprop_randomized.toml --variants 30 --seed 1 --out build/ex2
  symnn exercise derivations/exercises/activation_derivative.toml --variants 10 --out build/act --lang zh
  symnn exercise derivations/backprop_lecture.toml --stress 1000
  python3 -m symnn check solution.md --answers build/ex/answers.json --variant 3
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("spec", metavar="SPEC", help="the exercise spec (TOML)")
    parser.add_argument("--variants", default="10", metavar="N",
                        help="number of variants (default 10, at most 1000)")
    parser.add_argument("--seed", default="0", metavar="S", help="the seed, a whole number >= 0 (default 0)")
    parser.add_argument("--out", default="build/exercise", metavar="DIR",
                        help="output folder (default build/exercise)")
    parser.add_argument("--lang", choices=("en", "zh"), default="en", help="language of sheets and keys")
    parser.add_argument("--decimals", metavar="D", help="decimals the answers are asked to (default: the "
                        "spec's [exercise] decimals, else 4)")
    parser.add_argument("--no-pdf", action="store_true", help="write the .tex files but do not compile them")
    parser.add_argument("--force", action="store_true",
                        help="replace files in --out that symnn did not write (or that changed since)")
    parser.add_argument("--stress", metavar="N", help="draw N variants and report the spread of the answers")
    parser.add_argument("--moodle", choices=("cloze", "per-quantity"), default="cloze",
                        help="moodle.xml holds one Cloze question per variant with all its parts (cloze, the "
                             "default) or one numerical question per answer and variant (per-quantity)")


def _whole(text: str, option: str, low: int) -> int:
    from ..core.errors import SymnnError

    try:
        value = int(str(text).strip())
    except ValueError:
        raise SymnnError(f"{option}: expected a whole number, got {text!r}") from None
    if value < low:
        raise SymnnError(f"{option}: expected a whole number >= {low}, got {value}")
    return value


def run(args: argparse.Namespace) -> int:
    import sys

    from ..core.console import Progress, colour
    from ..core.errors import SymnnError
    from ..exercises.exercise import MAX_DRAWS, MAX_VARIANTS, generate, load_exercise, stress, write_outputs
    from ..exercises.generate import rejection_lines

    seed = _whole(args.seed, "--seed", 0)
    exercise = load_exercise(args.spec)
    if args.decimals is not None:
        decimals = _whole(args.decimals, "--decimals", 0)
        if decimals > 10:
            raise SymnnError(f"--decimals: expected at most 10, got {decimals}")
        exercise.decimals = decimals
    if args.stress is not None:
        draws = _whole(args.stress, "--stress", 1)
        if draws > MAX_DRAWS:
            raise SymnnError(f"--stress: {draws} is over the limit of {MAX_DRAWS}")
        with Progress(draws, "drawing") as bar:
            report = stress(exercise, draws, seed, progress=bar)
        print(f"{exercise.title} ({exercise.kind}), seed {seed}, {exercise.decimals} decimals")
        print(report.to_text())
        return 0
    n = _whole(args.variants, "--variants", 1)
    if n > MAX_VARIANTS:
        raise SymnnError(f"--variants: {n} is over the limit of {MAX_VARIANTS}")
    with Progress(n, "variants") as bar:
        result = generate(exercise, n, seed, progress=bar)
    written = write_outputs(result, args.out, args.lang, pdf=not args.no_pdf, moodle=args.moodle,
                            force=args.force)
    rejected = sum(result.rejected.values())
    print(f"{exercise.title} ({exercise.kind}): {n} variants from seed {seed}, "
          f"{result.attempts} drawn, {rejected} rejected as degenerate"
          + (" (default randomisation: the spec has no [randomize] table)" if exercise.defaulted else ""))
    for line in rejection_lines(result.rejected, result.examples):
        print(line)
    for path in written["files"]:
        print(f"wrote {path}")
    if written["pdf"]:
        print(colour("note: " + written["pdf"], "yellow", sys.stdout))
    return 0
