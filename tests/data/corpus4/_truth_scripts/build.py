"""Render every case of corpus4 and write text, truth toml, MANIFEST.toml.
Run:  python3 build.py   (from this directory)"""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fw import Doc, parse_fig, fig_ok, tie_distance
import cases
from decimal import Decimal

OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(case, M):
    d = Doc(M, **case.get('doc', {}))
    case['build'](d, M)
    return d


def label(case):
    dm = run(case, True)
    d0 = run(case, False)
    assert len(dm.lines) == len(d0.lines), case['name']
    lab = dict(mistakes=[], carried=[], rounding=[], claims=[], prose=[], warn=[])
    for i, (lm, l0) in enumerate(zip(dm.lines, d0.lines), start=1):
        if not lm['claim']:
            if '=' in lm['text']:
                lab['prose'].append(i)
            continue
        lab['claims'].append(i)
        off = []
        for col, r, f in lm['figs']:
            val, q, s = parse_fig(lm['text'], col)
            assert s == r, (case['name'], i, s, r)
            td = tie_distance(f.exact, q)
            if td < Decimal('1e-4'):
                lab['warn'].append(f"TIE!! line {i}: {r}")
            elif td < Decimal('1e-3'):
                lab['warn'].append(f"(near tie {td:.1e}) line {i}: {r}")
            off.append(not fig_ok(f.exact, val, q))
        if lm['bad']:
            assert any(off), (case['name'], i, 'mistake line has no off figure')
            lab['mistakes'].append(i)
        elif any(off):
            if lm['text'] != l0['text']:
                lab['carried'].append(i)
            else:
                lab['rounding'].append(i)
    lab['first_mistake'] = min(lab['mistakes']) if lab['mistakes'] else 0
    return dm, lab


def toml_list(xs):
    return '[' + ', '.join(str(x) for x in xs) + ']'


def main():
    names = set()
    manifest = []
    for case in cases.CASES:
        dm, lab = label(case)
        assert case['name'] not in names
        names.add(case['name'])
        fn = case['name'] + '.' + case['ext']
        tn = case['name'] + '.truth.toml'
        text = '\n'.join(l['text'] for l in dm.lines).rstrip('\n') + '\n'
        assert len(text.split('\n')) - 1 == len(dm.lines), (fn, 'trailing blank lines')
        with open(os.path.join(OUT, fn), 'w') as fh:
            fh.write(text)
        notes = case['notes'].replace('"', "'")
        truth = (f'problem = "{case["problem"]}"\n'
                 f'first_mistake = {lab["first_mistake"]}\n'
                 f'mistakes = {toml_list(lab["mistakes"])}\n'
                 f'carried = {toml_list(lab["carried"])}\n'
                 f'rounding = {toml_list(lab["rounding"])}\n'
                 f'claims = {toml_list(lab["claims"])}\n'
                 f'prose = {toml_list(lab["prose"])}\n'
                 f'notes = "{notes}"\n')
        with open(os.path.join(OUT, tn), 'w') as fh:
            fh.write(truth)
        manifest.append((fn, tn, case['problem'], lab['first_mistake']))
        nl = len(dm.lines)
        print(f"{fn:40s} lines={nl:2d} claims={len(lab['claims']):2d} mis={lab['mistakes']} car={lab['carried']} rnd={lab['rounding']}",
              ('WARN ' + '; '.join(lab['warn'])) if lab['warn'] else '')
        if not (8 <= nl <= 30):
            print('   !! line count out of range', nl)
        if bool(case.get('mistaken')) != bool(lab['mistakes']):
            print('   !! mistaken flag does not match')
    with open(os.path.join(OUT, 'MANIFEST.toml'), 'w') as fh:
        for fn, tn, pr, fm in manifest:
            fh.write(f'[[case]]\nfile = "{fn}"\ntruth = "{tn}"\nproblem = "{pr}"\nfirst_mistake = {fm}\n\n')
        # strip final blank line
    with open(os.path.join(OUT, 'MANIFEST.toml')) as fh:
        t = fh.read().rstrip('\n') + '\n'
    with open(os.path.join(OUT, 'MANIFEST.toml'), 'w') as fh:
        fh.write(t)


if __name__ == '__main__':
    main()
