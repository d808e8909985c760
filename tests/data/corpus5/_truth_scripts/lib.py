"""Shared helpers: 50-digit values, formatted figures, and case builder.

A case is a list of physical lines.  Each computed figure on a line is a Num:
  val   = the value the writer actually has (exact, rounded recomputation,
          mistaken, or carried-forward value)
  exact = the true value of the quantity (mpmath, 50 digits)
  nd    = decimals written (of the mantissa when exp != 0)
The line class (claim / mistake / carried / rounding) follows from the Nums:
  a Num tagged 'mistake' makes the line a mistake line; a Num tagged
  'carried' whose figure differs from the exact rounding makes it carried;
  an untagged Num whose figure differs from the exact rounding makes the
  line a rounding line.
"""
import mpmath as mp
mp.mp.dps = 50

def M(x):
    return mp.mpf(x) if not isinstance(x, mp.mpf) else x

def sig(x):
    return 1 / (1 + mp.exp(-x))

def rnd(x, nd):
    """round half away from zero to nd decimals, as mpf"""
    q = mp.mpf(10) ** nd
    y = abs(x) * q
    r = mp.floor(y + mp.mpf('0.5'))
    return mp.sign(x) * r / q if r != 0 else mp.mpf(0)

SUP = str.maketrans('-0123456789', '⁻⁰¹²³⁴⁵⁶⁷⁸⁹')

class Num:
    def __init__(self, val, nd, exact=None, tag=None, exp=0, style='plain',
                 comma=False, uminus=False, plus=False, signed_exp_style=None):
        self.val = M(val)
        self.exact = M(exact) if exact is not None else self.val
        self.nd = nd
        self.tag = tag
        self.exp = exp
        self.style = style
        self.comma = comma
        self.uminus = uminus
        self.plus = plus
        self.s = self.render()

    def mant(self, v):
        return rnd(v / mp.mpf(10) ** self.exp, self.nd)

    def render(self):
        m = self.mant(self.val)
        s = mp.nstr(m, 60, min_fixed=-100, max_fixed=100) if False else None
        neg = m < 0
        a = abs(m)
        ip = int(mp.floor(a))
        fp = a - ip
        if self.nd > 0:
            digs = int(mp.nint(fp * mp.mpf(10) ** self.nd))
            body = f"{ip}.{digs:0{self.nd}d}"
        else:
            body = f"{ip}"
        if self.comma:
            body = body.replace('.', ',')
        sgn = ('−' if self.uminus else '-') if neg else ('+' if self.plus else '')
        body = sgn + body
        if self.exp != 0 or self.style != 'plain':
            e = self.exp
            if self.style == 'e':
                body += f"e{e:+03d}" if False else f"e{e}"
            elif self.style == 'tex':
                body += f" \\times 10^{{{e}}}"
            elif self.style == 'times':
                body += f" × 10^{e}"
            elif self.style == 'dot':
                body += "·10" + str(e).translate(SUP)
        return body

    def __str__(self):
        return self.s
    __format__ = lambda self, spec: self.s

    def ok_exact(self):
        return self.mant(self.exact) == self.mant(self.val)

    def tie_risk(self):
        bad = []
        for v in (self.exact, self.val):
            y = abs(v) / mp.mpf(10) ** self.exp * mp.mpf(10) ** self.nd
            fr = y - mp.floor(y)
            if abs(fr - mp.mpf('0.5')) < mp.mpf('1e-4'):
                bad.append(v)
        return bad


class Case:
    def __init__(self, name, ext, problem, notes=''):
        self.name, self.ext, self.problem, self.notes = name, ext, problem, notes
        self.lines = []   # (text, kind_hint, nums)

    def add(self, text, *nums, kind=None):
        """kind: None (auto: claim if nums else plain), 'claim', 'prose', 'text'"""
        for ln in text.split('\n') if False else [text]:
            pass
        self.lines.append((text, kind, list(nums)))
        return self

    def t(self, text):          # plain text line, no '=' claim, no check
        return self.add(text, kind='text')

    def p(self, text):          # prose line containing '=' but not a claim
        return self.add(text, kind='prose')

    def c(self, text, *nums):   # claim line
        return self.add(text, *nums, kind='claim')

    def m(self, text, *nums):   # claim line whose mistake is in the formula itself
        return self.add(text, *nums, kind='mistake')

    def classify(self):
        out = []
        for i, (text, kind, nums) in enumerate(self.lines, 1):
            cls = kind
            if kind == 'mistake':
                cls = 'mistake'
            elif kind == 'claim':
                tags = [n.tag for n in nums]
                if 'mistake' in tags:
                    cls = 'mistake'
                elif any(n.tag == 'carried' and not n.ok_exact() for n in nums):
                    cls = 'carried'
                elif any(not n.ok_exact() for n in nums):
                    cls = 'rounding'
                else:
                    cls = 'claim'
            out.append((i, text, cls, nums))
        return out

    def text(self):
        return '\n'.join(l[0] for l in self.lines) + '\n'

    def truth(self):
        cl = self.classify()
        mistakes = [i for i, _, c, _ in cl if c == 'mistake']
        carried = [i for i, _, c, _ in cl if c == 'carried']
        rounding = [i for i, _, c, _ in cl if c == 'rounding']
        claims = [i for i, _, c, _ in cl if c in ('claim', 'mistake', 'carried', 'rounding')]
        prose = [i for i, _, c, _ in cl if c == 'prose']
        return dict(problem=self.problem, first_mistake=(mistakes[0] if mistakes else 0),
                    mistakes=mistakes, carried=carried, rounding=rounding,
                    claims=claims, prose=prose, notes=self.notes)

    def toml(self):
        t = self.truth()
        L = lambda xs: '[' + ', '.join(str(x) for x in xs) + ']'
        notes = t['notes'].replace('\\', '\\\\').replace('"', '\\"')
        return (f'problem = "{t["problem"]}"\n'
                f'first_mistake = {t["first_mistake"]}\n'
                f'mistakes = {L(t["mistakes"])}\n'
                f'carried = {L(t["carried"])}\n'
                f'rounding = {L(t["rounding"])}\n'
                f'claims = {L(t["claims"])}\n'
                f'prose = {L(t["prose"])}\n'
                f'notes = "{notes}"\n')
