"""Ground-truth machinery for the blind corpus.

Every case is written as a list of lines.  Each claim line carries annotations:

  F(tok, exact, writer)  a figure written on the line (final result, an intermediate, or a
                         substituted factor).  `tok` is the text exactly as written
                         (e.g. '0.5622', '−0.0084', '1.261 \\times 10^{-2}', '4.386e-4');
                         `exact` is the exact value (mpf, from models.py or an mpmath
                         expression); `writer` is an expression string that recomputes the
                         figure with the CORRECT formula from the writer's own earlier rounded
                         numbers (or the numbers written in the same line).  writer=None means
                         "same as exact" (a given value).
  K(*toks)               decimal tokens on the line that are given constants of the problem
                         (checked to be members of the problem's set of given values).
  I(lhs, rhs, ...)       a symbolic identity / formula claim, checked numerically
                         (pairs of mpf that must agree if the formula is right).

Classification of each F (the corpus rules):
  ok   written == exact rounded half-up to the written digits
  wr   not ok, but written == writer-recomputation rounded half-up to the written digits
  bad  neither
The declared line label must be consistent:
  ok      all F ok (and any I holds)
  rnd     no bad, >=1 wr, inputs are honest roundings          -> `rounding`
  car     no bad, >=1 wr, inputs carry an earlier mistake       -> `carried`
  mis     >=1 bad F, or a failing I                             -> `mistakes`
  idok    symbolic claim, I holds
  idbad   symbolic claim, I fails                               -> `mistakes`
Non-claim lines: t (text / blank / heading / prose without '='), p (prose WITH an '=' that is
not a claim -> `prose`).

Also a guard: every decimal number (d.d) visible on a claim line must be covered by an F or K
token, so that no written number escapes checking.
"""
import re
from decimal import Decimal, ROUND_HALF_UP, ROUND_HALF_DOWN
from mpmath import mp, mpf, exp, log, tanh, sqrt, diff

mp.dps = 50

SUP = str.maketrans('⁻⁰¹²³⁴⁵⁶⁷⁸⁹', '-0123456789')


def sig(x):
    return 1 / (1 + exp(-x))


ln = log


def parse_tok(tok):
    """-> (Decimal value, number of decimals of the written resolution)"""
    s = tok.replace('−', '-').replace('$', '').strip()
    s = s.replace('{', '').replace('}', '')
    m = re.fullmatch(r'([+-]?\d+(?:\.\d+)?)\s*(?:\\times|×|·|\\cdot|\*)\s*10\^?([+-]?\d+|[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)', s)
    if m:
        mant, ex = m.group(1), int(m.group(2).translate(SUP))
    else:
        m = re.fullmatch(r'([+-]?\d+(?:\.\d+)?)[eE]([+-]?\d+)', s)
        if m:
            mant, ex = m.group(1), int(m.group(2))
        else:
            m = re.fullmatch(r'[+-]?\d+(?:\.\d+)?', s)
            if not m:
                raise ValueError('cannot parse figure %r' % tok)
            mant, ex = s, 0
    dec = len(mant.split('.')[1]) if '.' in mant else 0
    return Decimal(mant).scaleb(ex), dec - ex


def rnd(x, nd):
    """round mpf x half-up (away from zero on .5) to nd decimals; also report ties"""
    d = Decimal(mp.nstr(mpf(x), 45))
    q = Decimal(1).scaleb(-nd)
    r = d.quantize(q, rounding=ROUND_HALF_UP)
    frac = abs(d.scaleb(nd)) % 1
    tie = abs(frac - Decimal('0.5')) < Decimal('1e-25')
    return r, tie


NUMRE = re.compile(r'(?<![\w.])(\d+\.\d+|\d+)(?![\w.])')


def wval(expr):
    if expr is None:
        return None
    e = expr.replace('−', '-').replace('^', '**')
    e = NUMRE.sub(lambda m: "mpf('%s')" % m.group(1), e)
    return eval(e, {'mpf': mpf, 'sig': sig, 'exp': exp, 'ln': log, 'log': log,
                    'tanh': tanh, 'sqrt': sqrt})


class F:
    def __init__(self, tok, exact, writer=None):
        self.tok = tok
        self.exact = mpf(exact)
        self.writer_expr = writer
        self.writer = mpf(wval(writer)) if writer is not None else None
        self.val, self.nd = parse_tok(tok)
        self.rx, self.tie_x = rnd(self.exact, self.nd)
        if self.writer is not None:
            self.rw, self.tie_w = rnd(self.writer, self.nd)
        else:
            self.rw, self.tie_w = None, False
        if self.val == self.rx:
            self.cls = 'ok'
        elif self.rw is not None and self.val == self.rw:
            self.cls = 'wr'
        else:
            self.cls = 'bad'
        # a tie that decides the verdict would make the line ambiguous
        self.ambiguous = self.tie_x
        if self.cls != 'ok' and self.tie_w:
            # only a problem if the written figure is one of the two candidate roundings
            alt = Decimal(mp.nstr(self.writer, 45)).quantize(Decimal(1).scaleb(-self.nd), rounding=ROUND_HALF_DOWN)
            self.ambiguous = self.val in (self.rw, alt)

    def report(self):
        w = ('%s -> %s' % (mp.nstr(self.writer, 12), self.rw)) if self.writer is not None else '(given)'
        return '    %-26s exact %-20s -> %-12s writer[%s] %s  => %s%s' % (
            self.tok, mp.nstr(self.exact, 12), self.rx, self.writer_expr or '', w, self.cls,
            '  !!TIE' if self.ambiguous else '')


class V(F):
    """a value substituted into the line (an input, not a result of the line).  It is fine
    if it equals the exact value rounded to its digits, or a number the writer wrote on an
    earlier line (writer defaults to the token itself, and the checker then requires the
    token to appear on an earlier line).  It never makes a line `rounding` by itself."""
    def __init__(self, tok, exact, writer=None):
        if writer is None:
            writer = format(parse_tok(tok)[0], 'f')
        super().__init__(tok, exact, writer)
        self.ambiguous = False


class K:
    def __init__(self, *toks):
        self.toks = toks


class I:
    def __init__(self, *pairs):
        # pairs: (lhs, rhs), ...  (a single pair may be passed as two args)
        if len(pairs) == 2 and not isinstance(pairs[0], tuple):
            pairs = (pairs,)
        self.pairs = [(mpf(a), mpf(b)) for a, b in pairs]
        self.holds = all(abs(a - b) < mpf(10) ** -25 for a, b in self.pairs)

    def report(self):
        return '    identity: ' + ', '.join('%s vs %s' % (mp.nstr(a, 12), mp.nstr(b, 12))
                                           for a, b in self.pairs) + ('  holds' if self.holds else '  FAILS')


GIVENS = {
    'lecture': ['0.5', '0.3', '0.2', '-0.4', '0.5', '0.6', '0.1', '-0.5', '-0.3', '0.8', '0.23', '-0.07', '1'],
    'mazur': ['0.05', '0.1', '0.15', '0.2', '0.25', '0.3', '0.35', '0.4', '0.45', '0.5', '0.55', '0.6',
              '0.01', '0.99', '0.5'],
    'circuit': ['2', '-1', '-3', '-2', '-3', '1'],
    'none': None,
}

DECRE = re.compile(r'\d+\.\d+')


class Case:
    def __init__(self, fname, problem, notes, kind='none', notations=''):
        self.fname = fname
        self.problem = problem
        self.notes = notes
        self.kind = kind            # mistake kind for the README table ('none' for clean)
        self.notations = notations  # short description for the README table
        self.lines = []             # (text, label, annotations)

    # text lines
    def t(self, text=''):
        self.lines.append((text, 't', []))

    def p(self, text):
        assert '=' in text or '＝' in text, 'prose line without "=" should be t(): %r' % text
        self.lines.append((text, 'p', []))

    def c(self, text, label, *ann):
        assert label in ('ok', 'rnd', 'car', 'mis', 'idok', 'idbad'), label
        self.lines.append((text, label, list(ann)))

    # ------------------------------------------------------------- checking
    def check(self):
        errs = []
        out = ['## %s  (%s)' % (self.fname, self.problem)]
        for n, (text, label, ann) in enumerate(self.lines, 1):
            if label in ('t', 'p'):
                if label == 't' and ('=' in text or '＝' in text):
                    errs.append('line %d: text line has "="; make it p() or c()' % n)
                continue
            fs = [a for a in ann if isinstance(a, F) and not isinstance(a, V)]
            vs = [a for a in ann if isinstance(a, V)]
            ks = [a for a in ann if isinstance(a, K)]
            ids = [a for a in ann if isinstance(a, I)]
            out.append('  L%d [%s] %s' % (n, label, text))
            for a in vs:
                out.append(a.report().replace('    ', '    (in) ', 1))
                if a.tok not in text:
                    errs.append('line %d: input token %r not in text' % (n, a.tok))
                if a.cls == 'wr':
                    tokre = re.compile(r'(?<![\w.])' + re.escape(a.tok.replace('−', '-').lstrip('-')) + r'(?![\w]|\.\d)')
                    if not (any(tokre.search(t.replace('−', '-')) for t, l, x in self.lines[:n - 1])
                            or len(tokre.findall(text.replace('−', '-'))) >= 2):
                        errs.append('line %d: input %s neither exact nor written earlier' % (n, a.tok))
            for a in fs:
                out.append(a.report())
                if a.ambiguous:
                    errs.append('line %d: tie in rounding of %s' % (n, a.tok))
                if a.tok.replace('$', '') not in text.replace('$', '') and a.tok not in text:
                    errs.append('line %d: token %r not in text' % (n, a.tok))
            for a in ids:
                out.append(a.report())
            # guard: every decimal on the line is annotated
            shown = DECRE.findall(text)
            covered = []
            for a in fs + vs:
                covered += DECRE.findall(a.tok)
            for k in ks:
                for tok in k.toks:
                    covered += DECRE.findall(tok)
                    gl = GIVENS[self.problem]
                    if gl is not None:
                        v = Decimal(tok.replace('−', '-'))
                        if not any(abs(v) == abs(Decimal(g)) for g in gl):
                            errs.append('line %d: K token %s is not a given of %s' % (n, tok, self.problem))
            rest = list(shown)
            for cv in covered:
                if cv in rest:
                    rest.remove(cv)
                else:
                    errs.append('line %d: annotated token %s not shown on line' % (n, cv))
            if rest:
                errs.append('line %d: un-annotated decimals %s' % (n, rest))
            classes = [a.cls for a in fs]
            if any(a.cls == 'bad' for a in vs):
                classes.append('bad')
            id_ok = all(a.holds for a in ids)
            if label == 'ok':
                good = all(c == 'ok' for c in classes) and id_ok and (fs or ids)
            elif label in ('rnd', 'car'):
                good = 'bad' not in classes and 'wr' in classes and id_ok
            elif label == 'mis':
                good = ('bad' in classes) or (ids and not id_ok)
            elif label == 'idok':
                good = bool(ids) and id_ok and all(c == 'ok' for c in classes)
            elif label == 'idbad':
                good = bool(ids) and not id_ok
            if not good:
                errs.append('line %d: declared %s but F classes %s, identity %s' % (n, label, classes, id_ok))
        return errs, out

    def truth(self):
        lab = {n: l for n, (t, l, a) in enumerate(self.lines, 1)}
        claims = [n for n, l in lab.items() if l not in ('t', 'p')]
        mistakes = [n for n, l in lab.items() if l in ('mis', 'idbad')]
        carried = [n for n, l in lab.items() if l == 'car']
        rounding = [n for n, l in lab.items() if l == 'rnd']
        prose = [n for n, l in lab.items() if l == 'p']
        return dict(problem=self.problem, first_mistake=min(mistakes) if mistakes else 0,
                    mistakes=mistakes, carried=carried, rounding=rounding, claims=claims,
                    prose=prose, notes=self.notes)

    def sanity(self):
        tr = self.truth()
        errs = []
        if tr['carried'] and not tr['mistakes']:
            errs.append('carried lines without a mistake')
        if tr['carried'] and min(tr['carried']) < tr['first_mistake']:
            errs.append('carried line before the first mistake')
        if self.kind == 'none' and tr['mistakes']:
            errs.append('kind none but mistakes present')
        if self.kind != 'none' and not tr['mistakes']:
            errs.append('kind %s but no mistake' % self.kind)
        return errs

    def text(self):
        return '\n'.join(t for t, l, a in self.lines) + '\n'


def toml_list(xs):
    return '[' + ', '.join(str(x) for x in xs) + ']'


def toml_str(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"').replace('\n', ' ') + '"'


def truth_toml(case):
    tr = case.truth()
    return '\n'.join([
        'problem = %s' % toml_str(tr['problem']),
        'first_mistake = %d' % tr['first_mistake'],
        'mistakes = %s' % toml_list(tr['mistakes']),
        'carried = %s' % toml_list(tr['carried']),
        'rounding = %s' % toml_list(tr['rounding']),
        'claims = %s' % toml_list(tr['claims']),
        'prose = %s' % toml_list(tr['prose']),
        'notes = %s' % toml_str(tr['notes']),
    ]) + '\n'
