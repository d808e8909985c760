"""Writes every solution file, its .truth.toml, MANIFEST.toml and report.txt from the case definitions."""
import os, sys
sys.path.insert(0, os.path.dirname(__file__))
import values, cases_a, cases_b, cases_c, cases_d
from fw import render, classify, L, P

OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOTES = {
 '01-ta-key-lecture': 'All figures are the exact values rounded to 4 decimals. Lines 1 and 12 restate givens/the delta rule.',
 '02-messy-notes-lecture': 'Line 5 wires In_o1 as w5*h1 + w6*h2 (row order) instead of w5*h1 + w7*h2; exact In_o1 = -0.09228. o1, its error and slope, delta_o1, dE/dw5 and new w5 carry the wrong value. The o2 lines (7, 8) are correct.',
 '03-chinese-homework-lecture': 'Correct, 4-5 decimals. Line 2 restates the setup (prose).',
 '04-latex-lecture': 'Line 8 back-propagates to h1 only through o1 (delta_o1*w5 = 0.006161), dropping delta_o2*w6; exact dE/dh1 = -0.068430. delta_h1, dE/dw1 and w1+ carry it (line 9, h1(1-h1), is correct).',
 '05-markdown-8dp-lecture': 'Correct, 8 decimals throughout.',
 '06-matrix-lecture': 'Line 9 adds the gradient (W2 + eta*grad) instead of subtracting it: exact W2+ = [[0.0654, -0.3305], [-0.5839, 0.7262]]. Nothing later uses the updated W2: lines 11-12 use the original W2, and line 13 updates W1 with the correct sign, so there are no carried lines.',
 '07-sci-notation-mazur': 'Correct; e-notation with 4-5 significant figures, last line in LaTeX \\times 10^{} form.',
 '08-three-sig-figs-mazur': 'Correct at 3 s.f.; lines 8 and 9 are rounding lines: 0.741*0.751*0.249 = 0.1386 -> 0.139 (exact 0.13850 -> 0.138) and 0.139*0.593 = 0.0824 (exact 0.082167 -> 0.0822). Line 10 is again exact at 3 s.f. (0.359). net_h1/net_h2 are written exactly (0.3775, 0.3925) since 3 s.f. would be a tie.',
 '09-rule-in-words-mazur': 'The rule (line 1) states eta = 0.5, but line 5 subtracts the full gradient: w5 = 0.31783296 instead of 0.35891648. The sanity-check forward pass (lines 7, 8) uses the wrong w5.',
 '10-own-names-mazur': 'Correct; own names (z, a, z_out, y, g). Lines 1-2 define notation (prose).',
 '11-latex-mazur': 'Line 3: 0.15*0.05 taken as 0.075, giving net_h1 = 0.4450 instead of 0.3775. out_h1, net_o1, out_o1 and E_o1 carry it; the h2 lines are correct.',
 '12-ta-key-three-layer': 'Correct forward pass (tanh, ReLU with the second unit dead, sigmoid).',
 '13-markdown-relu-three-layer': 'Line 8 uses ReLU\'(net_h2) = 1 although net_h2 = -0.1195 < 0, so delta_h2 = 0.049020 instead of 0. dE/dv21, dE/dv23 (exact 0), dE/dgamma (exact -0.084033) and the gamma update (exact 0.14202) carry it.',
 '14-chinese-three-layer': 'Correct; 5 decimals. Line 8: 1 - a2^2 = 0.63474.',
 '15-messy-notes-three-layer': "Line 3 takes tanh'(z1) = 1 - a1 instead of 1 - a1^2 (exact 0.749479). d_z1, dw11, dw12, dbeta1 and both updates carry it.",
 '16-student-notes-circuit': 'Correct at 2 decimals; lines 6 and 7 are rounding lines: the writer multiplies the rounded 0.20 by w0, x1, w1 (0.40, -0.40, -0.60) where the exact values round to 0.39, -0.39, -0.59. The -0.20 on line 6 is exact.',
 '17-latex-circuit': 'Line 10: df/dx1 multiplies by x1 instead of w1, giving -0.3932 instead of -0.5898. Nothing depends on it afterwards.',
 '18-gate-by-gate-circuit': 'Correct; staged (cs231n-style) backward pass, values as d.dddd x 10^k.',
 '19-chinese-circuit': 'Line 2: (-3)x(-2) written as -6 (sign slip) instead of 6, so z = -11 instead of 1; f, df/dz and all input/weight gradients carry it (exact f = 0.7311, df/dz = 0.1966).',
 '20-activation-identities': 'Correct identities and values; lines 5 and 7 are symbolic identity claims without numbers.',
 '21-softmax-jacobian': 'Line 6: off-diagonal Jacobian entry given as +p1*p2; it is -p1*p2 = -0.1453. Line 8 (row sum, exactly 0) carries the wrong sign and gives 0.2907.',
 '22-cross-entropy': 'Correct; line 8 is a true remark without numbers or "=".',
 '23-mse-gd-step': 'Line 5: 0.25 + 0.16 + 2.25 added as 2.56 instead of 2.66; MSE on line 6 carries it (0.85333 instead of 0.88667). The gradient lines use the residuals directly and are correct.',
 '24-logistic-bce-step': 'Correct; figures as d.ddd \\times 10^{k} (4 significant figures).',
}
EXT = {'txt': 'txt', 'md': 'md', 'tex': 'tex'}
allc = {}
for m in (cases_a, cases_b, cases_c, cases_d):
    allc.update(m.CASES)
assert len(allc) == 24
manifest, report = [], []
ok_count = 0
for name in sorted(allc):
    ext, problem, kind, lines = allc[name]
    for i, x in enumerate(lines, 1):
        if not isinstance(x, (L, P)):
            assert '=' not in x, f'{name} line {i} has = but is not marked'
    text = render(lines)
    assert not text.endswith('\n\n')
    r = classify(lines, name)
    if kind == 'correct':
        assert not r['mistakes'] and not r['carried']; ok_count += 1
    else:
        assert r['mistakes']
    first = r['mistakes'][0] if r['mistakes'] else 0
    fn = f'{name}.{EXT[ext]}'
    open(os.path.join(OUT, fn), 'w').write(text)
    for key in ('mistakes', 'carried', 'rounding'):
        assert set(r[key]) <= set(r['claims'])
    assert not (set(r['mistakes']) & set(r['carried'])) and not (set(r['rounding']) & set(r['mistakes'] + r['carried']))
    lst = lambda v: '[' + ', '.join(map(str, v)) + ']'
    notes = NOTES[name].replace('\\', '\\\\').replace('"', '\\"')
    truth = (f'problem = "{problem}"\nfirst_mistake = {first}\nmistakes = {lst(r["mistakes"])}\ncarried = {lst(r["carried"])}\n'
             f'rounding = {lst(r["rounding"])}\nclaims = {lst(r["claims"])}\nprose = {lst(r["prose"])}\nnotes = "{notes}"\n')
    open(os.path.join(OUT, f'{name}.truth.toml'), 'w').write(truth)
    manifest.append(f'[[case]]\nfile = "{fn}"\ntruth = "{name}.truth.toml"\nproblem = "{problem}"\nfirst_mistake = {first}\n')
    report.append(f'### {fn}  (problem {problem}, first_mistake {first})')
    report.extend(r['report'])
    report.append('')
open(os.path.join(OUT, 'MANIFEST.toml'), 'w').write('\n'.join(manifest))
hdr = ['Per claim figure: the figure as shown, the exact value (mpmath, 50 digits, printed to 20),',
       "the writer's own recomputation (from the writer's rounded or mistaken earlier numbers), and",
       'whether the shown figure equals the exact value rounded at the digits written (ok) or not (off).', 'Where the writer kept enough guard digits the writer value is the exact value.', '']
open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'report.txt'), 'w').write('\n'.join(hdr + report) + '\n')
print('written', len(allc), 'cases;', ok_count, 'without mistakes')
