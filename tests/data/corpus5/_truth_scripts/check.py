"""Re-check every computed figure of every file against its truth file.

For each figure: parse the number as written in the file on disk, compare it
with the 50-digit exact value rounded to the digits written, and print
ok / off.  An 'off' figure is expected only on lines the truth file lists as
mistakes, carried or rounding (and it must then equal the writer's own value).
Also checks the truth files' structure."""
import os, re, sys, tomllib
import mpmath as mp
from lib import rnd
from build import all_cases, ROOT
from literals import LITERALS

def parse_mant(s):
    s = s.replace('−', '-').replace(',', '.')
    m = re.match(r'\s*([+-]?\d+(?:\.\d+)?)', s)
    return mp.mpf(m.group(1))

bad = 0
counts = {}
total_claims = 0
for c in all_cases():
    fn = f"{c.name}.{c.ext}"
    raw = open(os.path.join(ROOT, fn), encoding='utf-8').read()
    truth = tomllib.load(open(os.path.join(ROOT, f"{c.name}.truth.toml"), 'rb'))
    problems = []
    if not raw.endswith('\n') or raw.endswith('\n\n'):
        problems.append('file must end with exactly one newline')
    lines = raw[:-1].split('\n')
    if not (8 <= len(lines) <= 30):
        problems.append(f'{len(lines)} lines')
    mis, car, rou = set(truth['mistakes']), set(truth['carried']), set(truth['rounding'])
    cla, pro = set(truth['claims']), set(truth['prose'])
    if mis & car or mis & rou or car & rou:
        problems.append('mistakes/carried/rounding overlap')
    if not (mis | car | rou) <= cla:
        problems.append('mistakes/carried/rounding not within claims')
    if cla & pro:
        problems.append('claims/prose overlap')
    if truth['first_mistake'] != (min(mis) if mis else 0):
        problems.append('first_mistake inconsistent')
    for i, ln in enumerate(lines, 1):
        if '=' in ln and i not in cla and i not in pro:
            problems.append(f'line {i} has "=" but is neither claim nor prose')
    gen = c.lines
    if len(gen) != len(lines):
        problems.append('line count differs from generator')
    for i, (text, kind, nums) in enumerate(gen, 1):
        if i > len(lines):
            break
        for n in nums:
            if n.s not in lines[i-1]:
                print(f'{fn}:{i} figure {n.s!r} NOT FOUND'); bad += 1; continue
            written = parse_mant(n.s)
            exact_r = rnd(n.exact / mp.mpf(10)**n.exp, n.nd)
            writer_r = rnd(n.val / mp.mpf(10)**n.exp, n.nd)
            status = 'ok' if written == exact_r else 'off'
            expected_off = i in mis or i in car or i in rou
            note = ''
            if status == 'off':
                if not expected_off:
                    note = '  <-- UNEXPECTED'; bad += 1
                elif written != writer_r:
                    note = '  <-- differs from writer value'; bad += 1
                else:
                    note = '  (' + ('mistake' if i in mis else 'carried' if i in car else 'rounding') + f'; exact {mp.nstr(n.exact, 10)})'
            if n.tie_risk():
                note += '  <-- NEAR ROUNDING TIE'; bad += 1
            print(f'{fn}:{i} {n.s:>22}  {status}{note}')
        if i in (mis | car | rou) and not any(not n.ok_exact() or n.tag == 'mistake' for n in nums):
            # a mistake line may carry a wrong formula rather than a wrong figure
            if not (i in mis and (any(n.tag == 'mistake' for n in nums) or kind == 'mistake')):
                problems.append(f'line {i} flagged but no off figure')
    for (ln, fig, val) in LITERALS.get(c.name, []):
        line = lines[ln-1]
        if fig not in line:
            print(f'{fn}:{ln} literal {fig!r} NOT FOUND'); bad += 1; continue
        m = re.search(r'[−-]?\d+(?:\.\d+)?', fig.replace('= ', '').replace('| ', ''))
        numtxt = m.group(0).replace('−', '-')
        if fig == '-2 + 6 - 3 = 1' or fig.startswith('s = ') or fig.startswith(('a = ', 'b = ', 'c = ')):
            numtxt = fig.split('=')[-1].strip().replace('−', '-')
        ok = abs(mp.mpf(numtxt) - val) < mp.mpf("1e-40")
        print(f'{fn}:{ln} {fig:>22}  literal {"ok" if ok else "off  <-- UNEXPECTED"}')
        if not ok: bad += 1
    for p in problems:
        print(f'{fn}: PROBLEM {p}'); bad += 1
    k = (c.problem, 'mistaken' if mis else 'clean')
    counts[k] = counts.get(k, 0) + 1
    total_claims += len(cla)
print()
for k in sorted(counts):
    print(k, counts[k])
print('claim lines in total:', total_claims)
print('ALL OK' if bad == 0 else f'{bad} PROBLEM(S)')
sys.exit(1 if bad else 0)
