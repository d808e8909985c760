"""Framework: a case is a list of lines; claim lines carry figures with exact and writer values.
Displayed figures are formatted from the writer's value; the checker then classifies every figure."""
from decimal import Decimal, ROUND_HALF_EVEN
import mpmath as mp
mp.mp.dps = 50

def D(x):
    return Decimal(mp.nstr(mp.mpf(x), 45, strip_zeros=False, min_fixed=-100, max_fixed=100))

class Fmt:
    def __init__(self, kind, k, minus='-', lead=True, plus=False):
        self.kind, self.k, self.minus, self.lead, self.plus = kind, k, minus, lead, plus
    def q(self, x):
        """quantum (Decimal exponent) for value x"""
        x = D(x)
        if self.kind == 'dec':
            return Decimal(1).scaleb(-self.k)
        # sig figs / sci: exponent of leading digit
        e = x.copy_abs().adjusted() if x != 0 else 0
        r = x.quantize(Decimal(1).scaleb(e - self.k + 1), ROUND_HALF_EVEN)
        e = r.copy_abs().adjusted() if r != 0 else 0   # rounding may bump the exponent
        return Decimal(1).scaleb(e - self.k + 1)
    def __call__(self, x):
        q = self.q(x)
        v = D(x).quantize(q, ROUND_HALF_EVEN)
        if self.kind in ('dec', 'sf'):
            s = format(v, 'f')
        else:
            e = v.copy_abs().adjusted() if v != 0 else 0
            m = (v.scaleb(-e)).quantize(Decimal(1).scaleb(-(self.k - 1)))
            ms = format(m, 'f')
            if self.kind == 'e': s = f'{ms}e{e}'
            elif self.kind == 'tex': s = f'{ms} \\times 10^{{{e}}}'
            elif self.kind == 'uni':
                sup = str.maketrans('-0123456789', '⁻⁰¹²³⁴⁵⁶⁷⁸⁹')
                s = f'{ms}×10{str(e).translate(sup)}'
        if not self.lead:
            s = s.replace('0.', '.', 1) if s.startswith(('0.', '-0.')) else s
        if self.plus and v > 0: s = '+' + s
        s = s.replace('-', self.minus) if self.kind != 'tex' or True else s
        return s, v, q

class F:
    def __init__(self, exact, fmt, writer=None):
        self.exact, self.fmt = mp.mpf(exact), fmt
        self.writer = mp.mpf(exact) if writer is None else mp.mpf(writer)
        self.disp, self.written, self.q = fmt(self.writer)

class L:
    """claim line: template with {} placeholders; kind in claim|mis|car"""
    def __init__(self, tmpl, *figs, kind='claim'):
        self.tmpl, self.figs, self.kind = tmpl, figs, kind
    def text(self):
        return self.tmpl.format(*[f.disp for f in self.figs])

class P(str):
    """prose line containing '=' that is not a claim"""

def render(lines):
    out = []
    for x in lines:
        out.append(x.text() if isinstance(x, L) else str(x))
    return '\n'.join(out) + '\n'

def classify(lines, name):
    res = dict(claims=[], mistakes=[], carried=[], rounding=[], prose=[], report=[])
    for i, x in enumerate(lines, 1):
        if isinstance(x, P):
            assert '=' in x, (name, i); res['prose'].append(i); continue
        if not isinstance(x, L):
            continue
        res['claims'].append(i)
        statuses = []
        for f in x.figs:
            ex = D(f.exact).quantize(f.q, ROUND_HALF_EVEN)
            half = f.q / 2
            frac = abs(D(f.exact) - D(f.exact).quantize(f.q, rounding='ROUND_DOWN'))
            assert abs(frac - half) > f.q * Decimal('1e-4'), f'{name} line {i}: {f.disp} near a tie'
            wr = D(f.writer).quantize(f.q, ROUND_HALF_EVEN)
            assert wr == f.written
            fw = abs(D(f.writer) - D(f.writer).quantize(f.q, rounding='ROUND_DOWN'))
            assert abs(fw - half) > f.q * Decimal('1e-4'), f'{name} line {i}: writer value {f.disp} near a tie'
            st = 'ok' if ex == f.written else 'off'
            statuses.append(st)
            res['report'].append(f'{name} L{i:<3d} shown {f.disp:<22s} exact {mp.nstr(f.exact, 20):<26s} writer {mp.nstr(f.writer, 20):<26s} {st}')
        if x.kind == 'claim':
            if 'off' in statuses: res['rounding'].append(i)
        elif x.kind == 'mis':
            assert 'off' in statuses, f'{name} line {i}: planted mistake equals exact'
            res['mistakes'].append(i)
        elif x.kind == 'car':
            if 'off' in statuses: res['carried'].append(i)
    return res
