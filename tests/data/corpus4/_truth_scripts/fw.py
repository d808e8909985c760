"""Framework for corpus4: every figure is computed with mpmath (50 digits)
before it is written.  A solution is built by a function build(d) that calls
d.p(...) for non-claim lines and d.c(template, figs..., bad=...) for claim
lines.  Each '@@' in a template is replaced by one rendered figure.

A Fig carries the EXACT value (what a perfect calculation gives at this
point) and the WRITTEN value (what this writer obtained: rounded chain or
mistaken value).  The text shows the written value, rounded to the figure's
format.  Every builder is run twice: M=True (mistake planted) and M=False
(same writer, no mistake); a line whose figure is off is 'carried' if the
two runs disagree on it, else 'rounding'.
"""
from decimal import Decimal, ROUND_HALF_EVEN
import re
from mpmath import mp, mpf

mp.dps = 50

SUP = str.maketrans('-0123456789', '⁻⁰¹²³⁴⁵⁶⁷⁸⁹')


def D(x):
    return Decimal(mp.nstr(mpf(x), 45, strip_zeros=False, min_fixed=-1000, max_fixed=1000))


def rd(x, n):
    """round to n decimals (as the writer would), returned as mpf"""
    q = Decimal(1).scaleb(-n)
    return mpf(str(D(x).quantize(q, rounding=ROUND_HALF_EVEN)))


def lead_exp(x):
    d = D(x)
    if d == 0:
        return 0
    return d.adjusted()


def rs(x, n):
    """round to n significant figures"""
    return rd(x, n - 1 - lead_exp(x))


class Fig:
    def __init__(self, exact, written=None, fmt='f4', sci=None, plus=False):
        self.exact = mpf(exact)
        self.written = self.exact if written is None else mpf(written)
        self.fmt = fmt
        self.sci = sci
        self.plus = plus

    def render(self, doc):
        kind, n = self.fmt[0], int(self.fmt[1:])
        x = self.written
        minus = doc.minus
        if kind == 'f':
            s = str(D(x).quantize(Decimal(1).scaleb(-n), rounding=ROUND_HALF_EVEN))
        elif kind == 's':
            dec = n - 1 - lead_exp(x)
            q = D(x).quantize(Decimal(1).scaleb(-dec), rounding=ROUND_HALF_EVEN)
            if q.adjusted() != lead_exp(x):  # carried over to next power
                dec -= 1
                q = D(x).quantize(Decimal(1).scaleb(-dec), rounding=ROUND_HALF_EVEN)
            s = format(q, 'f')
        elif kind == 'e':
            e = lead_exp(x)
            m = D(x).scaleb(-e).quantize(Decimal(1).scaleb(-n), rounding=ROUND_HALF_EVEN)
            if abs(m) >= 10:
                e += 1
                m = D(x).scaleb(-e).quantize(Decimal(1).scaleb(-n), rounding=ROUND_HALF_EVEN)
            ms = str(m)
            style = self.sci or doc.sci
            if style == 'e':
                s = f"{ms}e{e}"
            elif style == 'e0':
                s = f"{ms}e{'-' if e < 0 else '+'}{abs(e):02d}"
            elif style == 'x':
                s = f"{ms} × 10^{{{e}}}"
            elif style == 'xc':
                s = f"{ms} x 10^{e}"
            elif style == 'tex':
                s = f"{ms} \\times 10^{{{e}}}"
            elif style == 'u':
                s = f"{ms}·10{str(e).translate(SUP)}"
            elif style == 'ux':
                s = f"{ms} × 10{str(e).translate(SUP)}"
            else:
                raise ValueError(style)
            s = s.replace('10^{-', '10^{' + '-')
        else:
            raise ValueError(self.fmt)
        if s.startswith('-'):
            s = minus + s[1:]
        if minus != '-':
            s = s.replace('{-', '{' + minus).replace('^-', '^' + minus)
        if self.plus and not s.startswith(('-', '−')):
            s = '+' + s
        return s


class Doc:
    def __init__(self, M, minus='-', sci='e'):
        self.M = M
        self.minus = minus
        self.sci = sci
        self.lines = []   # dicts: text, claim, bad, figs[(col, rendered, Fig)]

    def p(self, text=''):
        assert '@@' not in text
        self.lines.append(dict(text=text, claim=False, bad=False, figs=[]))

    def c(self, tmpl, *figs, bad=False):
        parts = tmpl.split('@@')
        assert len(parts) == len(figs) + 1, (tmpl, len(figs))
        out = parts[0]
        rec = []
        for f, rest in zip(figs, parts[1:]):
            if not isinstance(f, Fig):
                raise TypeError((tmpl, f))
            r = f.render(self)
            rec.append((len(out), r, f))
            out += r + rest
        self.lines.append(dict(text=out, claim=True, bad=bool(bad and self.M), figs=rec))


NUM_RE = re.compile(
    r"[+\-−]?\d+(?:\.\d+)?"
    r"(?:e[+\-]?\d+"
    r"|\s?(?:×|x|\\times|·|\\cdot)\s?10(?:\^\{?[\-−]?\d+\}?|[⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)"
    r")?")

UNSUP = str.maketrans('⁻⁰¹²³⁴⁵⁶⁷⁸⁹', '-0123456789')


def parse_fig(line, col):
    """parse the figure written at column col of a text line -> (Decimal value, quantum exponent, string)"""
    m = NUM_RE.match(line, col)
    if not m:
        return None
    s = m.group(0)
    t = s.replace('−', '-').lstrip('+')
    mm = re.match(r"(-?\d+(?:\.(\d+))?)(.*)$", t)
    mant, frac, rest = mm.group(1), mm.group(2) or '', mm.group(3)
    e = 0
    if rest:
        r = rest.translate(UNSUP)
        ee = re.search(r"(?:e|10\^?\{?)([+\-]?\d+)\}?$", r)
        e = int(ee.group(1))
    val = Decimal(mant).scaleb(e)
    quantum = -len(frac) + e
    return val, quantum, s


def fig_ok(exact, val, quantum):
    q = D(exact).quantize(Decimal(1).scaleb(quantum), rounding=ROUND_HALF_EVEN)
    return q == val


def tie_distance(exact, quantum):
    """distance (in units of the last place) of exact from a rounding tie"""
    x = D(exact).scaleb(-quantum)
    frac = x - x.to_integral_value(rounding='ROUND_FLOOR')
    return abs(frac - Decimal('0.5'))
