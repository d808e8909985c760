"""Builds every worked solution, its .truth.toml, MANIFEST.toml and report.txt.

Each case is a list of lines.  A line is either
  * a plain string            -> no claim (must not contain '=')
  * P(text)                   -> contains '=' but is not a claim
  * C(text, *checks)          -> a right claim: every figure is the exact value
                                 rounded at the digits written
  * R(text, *checks)          -> rounding: the last figure is NOT the exact value
                                 rounded, but is what the writer's earlier rounded
                                 numbers give (writer value supplied)
  * M(text, *checks)          -> the planted mistake: last figure is wrong
  * K(text, *checks)          -> carried: last figure is wrong vs the exact value
                                 but right given the earlier mistaken number
A check is ck(written, ref, writer=None): `written` is the figure as a Python
literal, `ref` a key of values.EXACT or an mpmath number, `writer` the
writer's own recomputation from the numbers he wrote earlier.
The build asserts all of this, so a case that does not behave as labelled
stops the build."""
import os, re, sys
import mpmath as mp
from values import EXACT, FLOAT, check_against_numpy

mp.mp.dps = 50
OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class ck:
    def __init__(self, written, ref, writer=None, shown=None):
        self.written = written
        self.ref = ref
        self.writer = writer
        self.shown = shown


class Line:
    def __init__(self, kind, text, checks):
        self.kind, self.text, self.checks = kind, text, list(checks)


def C(text, *c): return Line('claim', text, c)
def R(text, *c): return Line('rounding', text, c)
def M(text, *c): return Line('mistake', text, c)
def K(text, *c): return Line('carried', text, c)
def P(text): return Line('prose', text, [])


def ref_value(r):
    if isinstance(r, str):
        return EXACT[r], float(FLOAT[r])
    if isinstance(r, (int, float)):
        r = mp.mpf(repr(r)) if isinstance(r, float) else mp.mpf(r)
    return mp.mpf(r), float(r)


def half_ulp(written):
    s = written.lower().replace('−', '-')
    m = re.fullmatch(r'([+-]?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?', s)
    assert m, written
    dec = len(m.group(3) or '')
    ex = int(m.group(4) or 0)
    return mp.mpf(10) ** (-(dec - ex)) / 2


def matches(written, value):
    w = mp.mpf(written.replace('−', '-'))
    return abs(w - value) <= half_ulp(written) * (1 + mp.mpf('1e-30'))


def writer_arith(text, shown):
    """Best effort: evaluate the purely numeric expression that stands right
    before `= shown` on the line (e.g. '0.2469*0.2495' in '... = 0.2469*0.2495 = 0.06161').
    Returns an mpmath number or None when that segment is not plain arithmetic."""
    i = text.rfind(shown)
    if i < 0:
        return None
    left = text[:i].rstrip()
    if not left.endswith('='):
        return None
    left = left[:-1]
    seg = left.split('=')[-1]
    seg = seg.split('&')[-1]
    t = seg.strip().strip('$').strip()
    for a, b in (('\\left', ''), ('\\right', ''), ('\\times', '*'), ('\\cdot', '*'), ('×', '*'),
                 ('·', '*'), ('−', '-'), ('²', '**2'), ('^', '**'), ('{', '('), ('}', ')'),
                 ('\\,', ''), ('\\tfrac12', '(1/2)'), ('½', '(1/2)')):
        t = t.replace(a, b)
    if not t or not re.fullmatch(r'[0-9.+\-*/() ]+', t):
        return None
    if not re.search(r'[*/+]|\d\s*-', t):
        return None
    t = re.sub(r'(\d+(?:\.\d+)?)', r"mp.mpf('\1')", t)
    try:
        return eval(t, {'mp': mp})
    except Exception:
        return None


CASES = []


def case(fname, problem, lines, notes):
    CASES.append((fname, problem, lines, notes))


def build():
    bad = check_against_numpy()
    assert not bad, bad
    manifest, report = [], []
    for fname, problem, lines, notes in CASES:
        text_lines, truth = [], dict(mistakes=[], carried=[], rounding=[], claims=[], prose=[])
        report.append('=' * 78)
        report.append('%s   (problem = %s)' % (fname, problem))
        for no, ln in enumerate(lines, 1):
            if isinstance(ln, str):
                assert '=' not in ln, (fname, no, ln)
                text_lines.append(ln)
                continue
            text_lines.append(ln.text)
            if ln.kind == 'prose':
                assert '=' in ln.text, (fname, no)
                truth['prose'].append(no)
                continue
            truth['claims'].append(no)
            if ln.kind != 'claim':
                truth[{'mistake': 'mistakes', 'carried': 'carried', 'rounding': 'rounding'}[ln.kind]].append(no)
            rep = []
            for i, c in enumerate(ln.checks):
                shown = c.shown or c.written
                assert shown in ln.text, (fname, no, shown, ln.text)
                exact, flt = ref_value(c.ref)
                # mpmath and numpy must agree
                assert abs(float(exact) - flt) <= 1e-12 * max(1, abs(flt)), (fname, no)
                last = (i == len(ln.checks) - 1)
                ok = matches(c.written, exact)
                # the numpy (float64) value must give the same verdict
                assert ok == matches(c.written, mp.mpf(flt)), ('mpmath and numpy disagree', fname, no, c.written)
                wr = None if c.writer is None else mp.mpf(c.writer)
                # no figure may sit on a rounding tie, neither for the exact value nor for the writer's value
                for v in (exact,) + ((wr,) if wr is not None else ()):
                    d = abs(mp.mpf(c.written.replace('−', '-')) - v)
                    assert abs(d - half_ulp(c.written)) > half_ulp(c.written) * mp.mpf('1e-6'), ('tie', fname, no, c.written)
                if ln.kind == 'claim' or not last:
                    if ln.kind == 'claim':
                        assert ok, ('figure not the rounded exact value', fname, no, c.written, mp.nstr(exact, 15))
                    if ln.kind == 'rounding':
                        assert ok or (wr is not None and matches(c.written, wr)), ('rounding part', fname, no, c.written)
                else:
                    assert not ok, ('figure unexpectedly right', fname, no, c.written, mp.nstr(exact, 15))
                    if ln.kind in ('rounding', 'carried'):
                        assert wr is not None and matches(c.written, wr), ('writer value does not give the figure', fname, no, c.written, wr)
                wa = writer_arith(ln.text, shown)
                if wr is not None:
                    wtxt = 'writer %s' % mp.nstr(wr, 12)
                elif wa is not None:
                    wtxt = 'writer %s' % mp.nstr(wa, 12)
                else:
                    wtxt = 'writer = figure quoted from earlier work'
                flag = ''
                if wa is not None and not matches(c.written, wa):
                    flag = ' (writer arithmetic on the rounded factors would not give this figure)'
                rep.append('    %-14s exact %-22s %-30s %s%s' % (
                    shown, mp.nstr(exact, 15), wtxt,
                    'OK' if ok else 'DIFFERS from exact', flag))
            report.append('%3d [%s] %s' % (no, ln.kind, ln.text))
            report.extend(rep)
        if truth['mistakes']:
            first = min(truth['mistakes'])
            assert not [n for n in truth['carried'] + truth['rounding'] if n < first and n in truth['carried']]
        else:
            first = 0
            assert not truth['carried']
        path = os.path.join(OUT, fname)
        with open(path, 'w', encoding='utf-8') as fh:
            fh.write('\n'.join(text_lines).rstrip('\n') + '\n')
        stem = fname.rsplit('.', 1)[0]
        tname = stem + '.truth.toml'
        fl = lambda xs: '[' + ', '.join(str(x) for x in xs) + ']'
        esc = notes.replace('\\', '\\\\').replace('"', '\\"')
        with open(os.path.join(OUT, tname), 'w', encoding='utf-8') as fh:
            fh.write('problem = "%s"\n' % problem)
            fh.write('first_mistake = %d\n' % first)
            fh.write('mistakes = %s\n' % fl(truth['mistakes']))
            fh.write('carried = %s\n' % fl(truth['carried']))
            fh.write('rounding = %s\n' % fl(truth['rounding']))
            fh.write('claims = %s\n' % fl(truth['claims']))
            fh.write('prose = %s\n' % fl(truth['prose']))
            fh.write('notes = "%s"\n' % esc)
        manifest.append((fname, tname, problem, first))
        report.append('truth: first_mistake=%d mistakes=%s carried=%s rounding=%s' % (
            first, truth['mistakes'], truth['carried'], truth['rounding']))
    with open(os.path.join(OUT, 'MANIFEST.toml'), 'w', encoding='utf-8') as fh:
        for f, t, p, fm in manifest:
            fh.write('[[case]]\nfile = "%s"\ntruth = "%s"\nproblem = "%s"\nfirst_mistake = %d\n\n' % (f, t, p, fm))
    with open(os.path.join(OUT, '_truth_scripts', 'report.txt'), 'w', encoding='utf-8') as fh:
        fh.write('\n'.join(report) + '\n')
    n0 = sum(1 for m in manifest if m[3] == 0)
    print('cases', len(manifest), 'clean', n0, 'with mistake', len(manifest) - n0)


if __name__ == '__main__':
    # the case modules register themselves in the module `build`, not in `__main__`
    import build as _b
    import cases_lecture, cases_mazur, cases_three, cases_circuit, cases_none  # noqa: F401
    _b.build()
