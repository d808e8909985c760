TEXT = r'''# Blind test corpus: worked solutions of neural-network calculations

@@n@@ hand-written worked solutions (@@clean@@ clean, @@faulty@@ with a planted mistake). Each one has a
ground-truth file. They are meant to test a tool that checks such solutions line by line: it
should find the first real mistake and tell honest rounding apart from real mistakes.

The corpus was written **blind**: its author did not read the tool's source, tests or README. The only
inputs were the lecture's text and the two network specs
`derivations/backprop_lecture.toml` and `derivations/specs/mazur.toml`.
Every reference value was computed by the small scripts in `_truth_scripts/` (mpmath, 50 digits),
and checked a second time with numpy.

## Layout

| path | content |
|---|---|
| `NN-short-name.md` / `.txt` / `.tex` | one worked solution, in the style of a real student |
| `NN-short-name.truth.toml` | its ground truth (format below) |
| `MANIFEST.toml` | every case file with its truth file, problem and first_mistake |
| `_truth_scripts/` | the scripts that compute and check the truth (see "How the truth was computed") |
| `_truth_scripts/report.txt` | per claim line and per figure: the exact value, the writer's recomputation, both rounded, the verdict |

## The four problems

* `lecture`: the lecture's 2-2-2 sigmoid network without biases. x = (0.5, 0.3), y = (0.23, -0.07),
  η = 1, Error = ½ Σ (o_i - y_i)². The weights are wired in **column order**:
  In_h1 = w1·x1 + w3·x2, In_h2 = w2·x1 + w4·x2, In_o1 = w5·h1 + w7·h2, In_o2 = w6·h1 + w8·h2.
  So δ5 = (o1-y1)·o1(1-o1)·h1, δ7 = … ·h2, δ6 = (o2-y2)·o2(1-o2)·h1, δ1 = (∂E/∂In_o1·w5 + ∂E/∂In_o2·w6)·h1(1-h1)·x1.
  Some exact values: h1 = 0.562177, h2 = 0.495000, o1 = 0.476946, o2 = 0.528696, Error = 0.209710,
  δ5 = 0.034633, δ6 = 0.083866, δ7 = 0.030495, δ8 = 0.073845, δ1 = -0.008421, δ2 = 0.012607,
  δ3 = -0.005053, δ4 = 0.007564. The error after one step is 0.195033.
* `mazur`: Matt Mazur's example. The weights are wired in **row order** (net_h1 = w1·i1 + w2·i2 + b1).
  Biases are shared and not updated, and η = 0.5. The published figures are reproduced exactly:
  E_total = 0.298371109, w5⁺ = 0.35891648, w1⁺ = 0.149780716, and so on.
  There is one exception: the exact ∂E_o2/∂out_h1 is -0.019049118. Mazur prints -0.019049119,
  which comes from rounding -0.0190491185 half-up.
* `circuit`: f(w,x) = 1/(1+exp(-(w0·x0 + w1·x1 + w2))) at w0=2, x0=-1, w1=-3, x1=-2, w2=-3.
  The values are z = 1, f = 0.731059, f(1-f) = 0.196612, ∂f/∂w0 = -0.196612, ∂f/∂x0 = 0.393224,
  ∂f/∂w1 = -0.393224, ∂f/∂x1 = -0.589836 and ∂f/∂w2 = 0.196612.
* `none`: there is no spec. These cases are identities and numeric chains about sigmoid, tanh, ReLU,
  softmax, cross-entropy and MSE. The exact values are taken with respect to the data the writer
  states, for example the slide's softmax output (0.34, 0.46, 0.20).

## Truth file format

```toml
problem = "lecture"          # lecture | mazur | circuit | none
first_mistake = 14           # 1-based line of the first real mistake; 0 if none
mistakes = [14]              # every line with a real mistake of its own
carried = [18, 22]           # lines that are right GIVEN an earlier mistaken number carried forward
rounding = [9]               # lines whose figure is not the exact value rounded, but is what the
                             # writer's own earlier rounded numbers give (honest rounding effect)
claims = [3, 5, 9, 14, 18, 22]   # every line stating a checkable claim
prose = [1]                  # sentences containing '=' that are NOT claims (e.g. "eta = 1 here")
notes = "what the mistake is, and any subtlety"
```

Line numbers are 1-based, physical lines of the file. Blank lines, headings, `\begin{align*}`,
comments and similar lines count too. Every file ends with a single newline.
`mistakes`, `carried` and `rounding` are subsets of `claims`. They are disjoint from each other.
A claim line that is in none of the three is correct.

## Rules used for the ground truth

1. **Correct.** A figure is correct when it equals the exact value rounded half-up to the digits
   written. For a negative number, half-up means away from zero (Python `Decimal.ROUND_HALF_UP`).
   The digits are the decimals shown: `0.5622` has 4, `2.00` has 2, `1` has 0. In scientific
   notation the resolution is the mantissa's decimals minus the exponent. So `1.261 \times 10^{-2}`,
   `1.261·10⁻²` and `1.261e-2` all mean 5 decimals, and `1.097e3` means 0 decimals.
2. **Rounding.** The figure is not correct, but recomputing the line's own expression gives it.
   The recomputation uses the correct formula and the writer's earlier rounded numbers, exactly as
   written (earlier lines, or factors written on the same line). The inputs must be honest
   roundings. Then the line is `rounding`.
3. **Carried.** The figure is right in the same sense, but at least one input is a number that
   traces back to an earlier mistake. Then the line is `carried`, not a new mistake.
4. **Mistake.** Neither holds for some figure on the line. A wrong identity or formula (checked
   numerically) also makes the line a mistake, and so does a substituted value that is neither
   the exact value nor a number written earlier (for example x1 = 0.5 used where x2 = 0.3 belongs).
5. A line's verdict covers **all** its figures: intermediate results, numbers written for parts of
   a formula (`1 - h1 = 0.4378`, `0.477 × 0.523`), and the final one. Numbers only *substituted*
   into a line (copies of earlier values) never make a line `rounding` on their own.
6. A figure that equals the exact rounding is correct, even when the writer's own numbers would
   give something else. Example: `23-…` line 14 writes E_o1 = 0.274811083. That is exact, although
   ½(0.01 - 0.75136507)² = 0.274811084.
7. Lines after a mistake that do not depend on it are simply correct. Examples: the o1 branch in
   `07`, `09`, `19`; everything after the loss in `16`; the other updates in `27`.
8. Each planted wrong formula appears on one line only, together with its numbers. Later lines
   only reuse the wrong *numbers*, so they are `carried`. For example, in `05` the wrong wiring
   formula and its evaluation share line 5.
9. **Claims** are every line with an `=` (or `＝`) that asserts something checkable. This includes:
   numeric results; lines stating given values (`w1 = 0.20, w2 = -0.40, …`); and symbolic lines.
   The symbolic lines are chain-rule expansions, derivative identities (`tanh'(x) = 1 - tanh^2(x)`),
   network equations (`In_h1 = w1*x1 + w3*x2`), standard definitions (`E_total = Σ ½(target - output)²`)
   and the writer's own node definitions (`d = \exp(-c)`, `e = 1 + d`). All symbolic claims were
   verified numerically at several points.
10. **Prose** lines are sentences with an `=` that only fix a parameter or the data, such as
    "We take the learning rate eta = 1 here", "Take h = 1e-4 …", "At x = 0.5:",
    "The targets are y = (1, 0, 2) …". They are listed in `prose` and not in `claims`. Sentences
    without `=` are neither (Chinese lines that state the givens in words, remarks, headings).
11. No exact half-way case decides any verdict. The script flags such ties, and the figures were
    chosen to avoid them. That is why some Mazur-style numbers have 8 or 10 decimals instead of 9.

## How the truth was computed

Everything is in `_truth_scripts/` and re-runs in a few seconds:

```sh
cd tests/data/corpus/_truth_scripts
python3 models.py            # exact values (mpmath, 50 digits) + numerical-gradient self-check
python3 crosscheck_numpy.py  # independent numpy float64 backprop built from the TOML specs + finite differences
python3 build.py --verify    # re-checks every annotation and compares with the files on disk
python3 check_disk.py        # structural check of the files on disk (lists, line numbers, '=' on claim lines, MANIFEST)
python3 build.py             # (re)writes the case files, truth files, MANIFEST.toml, README.md, report.txt
```

* `models.py` computes the forward pass, the chain-rule gradients and the one-step updates for the
  lecture and Mazur networks, the circuit values, and the second forward pass after the update.
  It asserts that every gradient equals `mpmath.diff` of the loss to 1e-30.
* `crosscheck_numpy.py` reads the two spec files and builds the weight matrices from the spec's
  weight tables. It backpropagates in matrix form and compares with the mpmath values. This checks
  that the wiring (column order vs row order) was transcribed correctly.
* `cases_*.py` holds every solution as a list of lines. Each claim line carries annotations:
  `F(figure, exact, writer_expr)` for each written result; `V(figure, exact)` for each substituted
  value; `K(...)` for given constants; and `I(lhs, rhs)` for identities, which are checked
  numerically. `truthlib.py` computes, for each figure, the exact value rounded to its digits and
  the writer's recomputation rounded to its digits, then classifies the figure (ok / rounding-type /
  bad). It asserts that this agrees with the label declared for the line (ok, rnd, car, mis, idok,
  idbad). A guard requires every decimal number visible on a claim line to be annotated, so that no
  written figure escapes checking. Substituted values that are not exact must appear on an earlier
  line. The truth TOML is derived from the verified labels only.
* The order of work was: compute the reference values, then write each solution with its declared
  per-line labels (the truth), then let the script confirm every label from the numbers. A
  solution's text was final only after its labels had passed. Where a check failed, the text or
  the label was corrected, and never the rule.
* `calc.py` is the small calculator used while writing (`python3 calc.py "0.1*0.5622-0.3*0.4950" 4`).

## Summary

* @@n@@ files: @@lecture@@ `lecture` (@@lecture_clean@@ clean), @@mazur@@ `mazur` (@@mazur_clean@@ clean),
  @@circuit@@ `circuit` (@@circuit_clean@@ clean), @@none@@ `none` (@@none_clean@@ clean).
* @@clean@@ clean solutions. @@clean_with_rounding@@ of them contain honest rounding lines.
  The other @@faulty@@ have exactly one planted first mistake (`22` also has a second, independent one).
* @@claims@@ claim lines in total: @@mistakes@@ mistake lines, @@carried@@ carried lines,
  @@rounding@@ rounding lines, and @@prose@@ prose lines.
* Mistake kinds: arithmetic slip, sign slip, missing o(1-o) factor, swapped weights (three
  variants), wrong target (two variants), wrong update rule w + ηδ, sign slip in an update,
  wrong derivative identity (σ' = f(1+f), d(1/x)/dx = 1/x², tanh' without the square),
  wrong local gradient of an add gate, missing bias, missing chain-rule term, missing ½ in the loss,
  wrong input factor, a slide figure copied wrongly, and wrong formulas hidden in Chinese sentences
  (`12`, `60`).

## Judgment calls (where a grader might reasonably differ)

* **Symbolic lines are claims.** Chain-rule expansions, definitions and node definitions count.
  A checker that only looks at numeric lines will see fewer claims. None of the clean files has a
  wrong symbolic line.
* **Given-value lines are claims.** An example is `w1 = 0.20, …`. Case `07` and case `35` plant
  their mistake (a wrong or swapped target) on exactly such a line. Sentences that only fix a
  parameter are `prose`.
* `10-…`: the lecture slide itself prints δ1 = -0.009. The written expression gives -0.0084
  (exact -0.00842), so at 3 decimals the right figure is -0.008. Copying -0.009 is counted as a
  mistake, and w1' = 0.209 as carried.
* `16-…`: the ½ is dropped in the *value* of Error only. The gradients use o - y, which is right for
  the ½ loss, so nothing is carried.
* `53-…`: line 6 writes tanh'(0.5) = 0.7865 (rounding, from 0.4621²) and line 8 writes 0.7864 (exact,
  from 4σ'(1)). The two lines disagree, but both are legitimate under the rules.
* `36-…`: w6⁺ and w8⁺ are written with 5 decimals (0.40865, 0.56135), because at 4 decimals the
  writer's value would be an exact half-way case. At 5 decimals they are honest rounding effects.
* `25-…`: ∂E_total/∂out_h1 = 0.055399425 + (-0.019049118) = 0.036350307 is `rounding`. Mazur's
  published 0.036350306 relies on his -0.019049119.
* `40-…`, `42-…`: the writer names a node `e` (= 1 + d = 1.3679). To keep those files unambiguous,
  the exponential is always written `\exp` there, and `-1/e^2` means the node.
* `46-…`: after the sign slip, `e^{-z} = e^{11} = 5.987 \times 10^{4}` is carried. It is right for the
  writer's z = -11, and its exact counterpart is e^{-1}.
* Lines that chain several results (`= 0.056 - 0.15 = -0.094`) are judged on all of them. A single
  rounding-type intermediate makes the line `rounding` (for example `01` line 11 and `21` line 5).
* Continuation rows (`&= …` in align*, `    = …` in plain text) are claims about the left-hand side
  of the row above.

## Case table

@@table@@
'''
