"""Re-check every figure of every corpus4 file against its truth file.

For each case: rebuild the exact values (mpmath, 50 digits) and the figure
positions from the case builder, READ THE TEXT FILE FROM DISK, parse the
figure written at each position, and compare it with the exact value rounded
to the digits written.  Prints ok/off per figure, then checks that the truth
file's lists agree with what the figures show:
  - a line listed in mistakes/carried/rounding must have at least one 'off' figure
  - a claim line not listed there must have every figure 'ok'
  - carried lines: the figure differs from the no-mistake rendering of the same writer
  - rounding lines: the figure equals the no-mistake rendering (writer's own rounding)
Usage: python3 check.py [-q]   (-q: only print problems and the summary)
"""
import os, sys, tomllib
from decimal import Decimal
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fw import Doc, parse_fig, fig_ok, tie_distance
from mpmath import nstr
import cases

OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
quiet = '-q' in sys.argv


def run(case, M):
    d = Doc(M, **case.get('doc', {}))
    case['build'](d, M)
    return d


problems = 0
nfig = nclaim = 0
counts = {}
for case in cases.CASES:
    fn = case['name'] + '.' + case['ext']
    raw = open(os.path.join(OUT, fn), encoding='utf-8').read()
    truth = tomllib.load(open(os.path.join(OUT, case['name'] + '.truth.toml'), 'rb'))
    errs = []
    if not raw.endswith('\n') or raw.endswith('\n\n'):
        errs.append('file does not end with exactly one newline')
    flines = raw[:-1].split('\n')
    dm, d0 = run(case, True), run(case, False)
    if len(flines) != len(dm.lines):
        errs.append(f'line count {len(flines)} != spec {len(dm.lines)}')
    if not (8 <= len(flines) <= 30):
        errs.append(f'line count {len(flines)} outside 8..30')
    claims = set(truth['claims']); mis = set(truth['mistakes'])
    car = set(truth['carried']); rnd = set(truth['rounding']); prose = set(truth['prose'])
    if (mis & car) or (mis & rnd) or (car & rnd):
        errs.append('mistakes/carried/rounding not disjoint')
    if not (mis | car | rnd) <= claims:
        errs.append('mistakes/carried/rounding not a subset of claims')
    if claims & prose:
        errs.append('claims and prose overlap')
    if truth['first_mistake'] != (min(mis) if mis else 0):
        errs.append('first_mistake != min(mistakes)')
    if truth['problem'] != case['problem']:
        errs.append('problem mismatch')
    if not quiet:
        print(f'== {fn}')
    for i, (ft, lm, l0) in enumerate(zip(flines, dm.lines, d0.lines), start=1):
        if ft != lm['text']:
            errs.append(f'line {i}: file text differs from spec')
            continue
        if not lm['claim']:
            if i in claims:
                errs.append(f'line {i}: listed as claim but spec says non-claim')
            if ('=' in ft) != (i in prose):
                errs.append(f'line {i}: prose list wrong')
            continue
        nclaim += 1
        if i not in claims:
            errs.append(f'line {i}: claim line missing from claims')
        offs = []
        f0 = {col: r for col, r, _ in l0['figs']}
        for j, (col, r, f) in enumerate(lm['figs']):
            nfig += 1
            parsed = parse_fig(ft, col)
            if parsed is None:
                errs.append(f'line {i}: no figure at col {col}')
                continue
            val, q, s = parsed
            ok = fig_ok(f.exact, val, q)
            exact_r = f.exact
            if tie_distance(f.exact, q) < Decimal('1e-4'):
                errs.append(f'line {i}: figure {s} within 1e-4 ulp of a rounding tie')
            if not ok:
                same_as_clean = (l0['text'] == ft)
                offs.append(same_as_clean)
            if not quiet:
                print(f'  L{i:<3} {s:>22}  exact {nstr(f.exact, 12):>18}  {"ok" if ok else "off"}')
        if offs:
            if i not in (mis | car | rnd):
                errs.append(f'line {i}: figure off but line not labelled')
            if i in rnd and not all(offs):
                errs.append(f'line {i}: labelled rounding but differs from the clean rendering')
            if i in car and all(offs):
                errs.append(f'line {i}: labelled carried but identical to the clean rendering')
            if i in mis and not lm['bad']:
                errs.append(f'line {i}: labelled mistake but spec has no mistake there')
        else:
            if i in (mis | car | rnd):
                errs.append(f'line {i}: labelled {("mistake" if i in mis else "carried" if i in car else "rounding")} but all figures ok')
        if lm['bad'] and i not in mis:
            errs.append(f'line {i}: planted mistake not in mistakes')
    key = (case['problem'], 'mistaken' if mis else 'clean')
    counts[key] = counts.get(key, 0) + 1
    for e in errs:
        print(f'  PROBLEM {fn}: {e}')
    problems += len(errs)
    if quiet and not errs:
        print(f'ok   {fn}')

print()
print('counts:', ', '.join(f'{p}/{k}={n}' for (p, k), n in sorted(counts.items())))
print(f'claim lines: {nclaim}, figures checked: {nfig}, problems: {problems}')
sys.exit(1 if problems else 0)
