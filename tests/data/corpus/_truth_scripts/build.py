"""Build / verify the blind corpus.

  python3 build.py            check every case, then write the case files, the truth files,
                              MANIFEST.toml and report.txt (per-line exact & writer values)
  python3 build.py --verify   check every case and compare with the files on disk
                              (nothing is written); exit status 1 on any difference

The truth of each case is decided by the annotations in cases_*.py (see truthlib.py).
"""
import os
import sys
import tomllib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from truthlib import truth_toml  # noqa: E402
import cases_lecture  # noqa: E402
import cases_mazur  # noqa: E402
import cases_circuit  # noqa: E402
import cases_none  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.dirname(HERE)


def all_cases():
    cs = cases_lecture.CASES + cases_mazur.CASES + cases_circuit.CASES + cases_none.CASES
    cs.sort(key=lambda c: c.fname)
    return cs


def truth_name(fname):
    return fname.rsplit('.', 1)[0] + '.truth.toml'


def fmt_of(c):
    text = c.text()
    ext = c.fname.rsplit('.', 1)[1]
    parts = [{'txt': 'plain text', 'md': 'Markdown', 'tex': 'LaTeX'}[ext]]
    if '\\begin{align*}' in text:
        parts.append('align*')
    if '\\[' in text:
        parts.append('\\[..\\]')
    if '$' in text.replace('$$', ''):
        parts.append('$..$')
    if '$$' in text:
        parts.append('$$..$$')
    if any('\u4e00' <= ch <= '\u9fff' for ch in text):
        parts.append('Chinese')
    if any(ch in text for ch in '₀₁₂₃₄₅₆₇₈₉⁺⁻²−·×½σδ∂'):
        parts.append('Unicode')
    return ', '.join(parts)


def write_readme(cases):
    import readme_template
    rows = ['| file | problem | format | first_mistake | mistake kind | notations covered |',
            '|---|---|---|---|---|---|']
    esc = lambda t: t.replace('|', '\\|')
    for c in cases:
        tr = c.truth()
        rows.append('| `%s` | %s | %s | %d | %s | %s |' % (
            c.fname, c.problem, esc(fmt_of(c)), tr['first_mistake'],
            esc(c.kind if c.kind != 'none' else '(clean)'), esc(c.notations)))
    clean = sum(1 for c in cases if c.truth()['first_mistake'] == 0)
    stats = {
        'n': len(cases), 'clean': clean, 'faulty': len(cases) - clean,
        'rounding': sum(len(c.truth()['rounding']) for c in cases),
        'carried': sum(len(c.truth()['carried']) for c in cases),
        'claims': sum(len(c.truth()['claims']) for c in cases),
        'mistakes': sum(len(c.truth()['mistakes']) for c in cases),
        'prose': sum(len(c.truth()['prose']) for c in cases),
        'clean_with_rounding': sum(1 for c in cases if c.truth()['first_mistake'] == 0 and c.truth()['rounding']),
    }
    for p in ('lecture', 'mazur', 'circuit', 'none'):
        stats[p] = sum(1 for c in cases if c.problem == p)
        stats[p + '_clean'] = sum(1 for c in cases if c.problem == p and c.truth()['first_mistake'] == 0)
    text = readme_template.TEXT.replace('@@table@@', '\n'.join(rows))
    for k, v in stats.items():
        text = text.replace('@@%s@@' % k, str(v))
    assert '@@' not in text, 'unfilled placeholder in README template'
    return text


def main():
    verify = '--verify' in sys.argv
    cases = all_cases()
    names = [c.fname for c in cases]
    assert len(set(names)) == len(names), 'duplicate file names'
    nums = [n.split('-')[0] for n in names]
    assert len(set(nums)) == len(nums), 'duplicate case numbers'
    report, bad = [], 0
    for c in cases:
        errs, out = c.check()
        errs += c.sanity()
        report += out
        if errs:
            bad += 1
            print('FAIL', c.fname)
            for e in errs:
                print('   ', e)
    if bad:
        print('%d case(s) failed their own checks' % bad)
        sys.exit(1)
    diffs = 0
    manifest = ['# Blind corpus: every case file and its ground truth.', '']
    for c in cases:
        tr = c.truth()
        manifest += ['[[case]]', 'file = "%s"' % c.fname, 'truth = "%s"' % truth_name(c.fname),
                     'problem = "%s"' % c.problem, 'first_mistake = %d' % tr['first_mistake'], '']
        files = {c.fname: c.text(), truth_name(c.fname): truth_toml(c)}
        tomllib.loads(files[truth_name(c.fname)])   # must parse
        for fn, content in files.items():
            path = os.path.join(CORPUS, fn)
            if verify:
                old = open(path, encoding='utf-8').read() if os.path.exists(path) else None
                if old != content:
                    diffs += 1
                    print('DIFFERS', fn)
            else:
                with open(path, 'w', encoding='utf-8') as fh:
                    fh.write(content)
    files = {'MANIFEST.toml': '\n'.join(manifest),
             'README.md': write_readme(cases),
             os.path.join('_truth_scripts', 'report.txt'): '\n'.join(report) + '\n'}
    for fn, content in files.items():
        path = os.path.join(CORPUS, fn)
        if verify:
            old = open(path, encoding='utf-8').read() if os.path.exists(path) else None
            if old != content:
                diffs += 1
                print('DIFFERS', fn)
        else:
            with open(path, 'w', encoding='utf-8') as fh:
                fh.write(content)
    clean = sum(1 for c in cases if c.truth()['first_mistake'] == 0)
    print('%d cases: %d clean, %d with a mistake' % (len(cases), clean, len(cases) - clean))
    by = {}
    for c in cases:
        by[c.problem] = by.get(c.problem, 0) + 1
    print('by problem:', by)
    print('rounding lines:', sum(len(c.truth()['rounding']) for c in cases),
          ' carried lines:', sum(len(c.truth()['carried']) for c in cases),
          ' prose lines:', sum(len(c.truth()['prose']) for c in cases))
    if verify:
        print('verify: %s' % ('all files match' if not diffs else '%d file(s) differ' % diffs))
        sys.exit(1 if diffs else 0)


if __name__ == '__main__':
    main()
