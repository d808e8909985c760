"""Exact (50-digit) reference values for the four problems of the blind corpus.

Written independently from the specs (backprop_lecture.toml, specs/mazur.toml) and the
lecture slides; every gradient is cross-checked against a numerical derivative
(mpmath.diff) of the loss, so a wiring error in the hand-written chain rule would show up.

Run `python3 models.py` to print every value.
"""
from mpmath import mp, mpf, exp, log, tanh, diff

mp.dps = 50


def sig(x):
    return 1 / (1 + exp(-x))


# ---------------------------------------------------------------- lecture
class Lecture:
    """2-2-2 sigmoid net, no biases, COLUMN wiring:
    In_h1 = w1*x1 + w3*x2, In_h2 = w2*x1 + w4*x2,
    In_o1 = w5*h1 + w7*h2, In_o2 = w6*h1 + w8*h2,
    Error = 1/2 sum (o_i - y_i)^2, eta = 1."""

    P0 = dict(x1=mpf('0.5'), x2=mpf('0.3'),
              w1=mpf('0.2'), w2=mpf('-0.4'), w3=mpf('0.5'), w4=mpf('0.6'),
              w5=mpf('0.1'), w6=mpf('-0.5'), w7=mpf('-0.3'), w8=mpf('0.8'))
    y1 = mpf('0.23')
    y2 = mpf('-0.07')
    eta = mpf(1)

    @classmethod
    def forward(cls, p):
        In_h1 = p['w1'] * p['x1'] + p['w3'] * p['x2']
        In_h2 = p['w2'] * p['x1'] + p['w4'] * p['x2']
        h1, h2 = sig(In_h1), sig(In_h2)
        In_o1 = p['w5'] * h1 + p['w7'] * h2
        In_o2 = p['w6'] * h1 + p['w8'] * h2
        o1, o2 = sig(In_o1), sig(In_o2)
        E = (o1 - cls.y1) ** 2 / 2 + (o2 - cls.y2) ** 2 / 2
        return dict(In_h1=In_h1, In_h2=In_h2, h1=h1, h2=h2, In_o1=In_o1,
                    In_o2=In_o2, o1=o1, o2=o2, E=E)

    def __init__(self):
        p = dict(self.P0)
        self.__dict__.update(p)
        f = self.forward(p)
        self.__dict__.update(f)
        o1, o2, h1, h2 = f['o1'], f['o2'], f['h1'], f['h2']
        self.dE_do1 = o1 - self.y1
        self.dE_do2 = o2 - self.y2
        self.s_o1 = o1 * (1 - o1)          # do1/dIn_o1
        self.s_o2 = o2 * (1 - o2)
        self.s_h1 = h1 * (1 - h1)
        self.s_h2 = h2 * (1 - h2)
        self.d_o1 = self.dE_do1 * self.s_o1  # dError/dIn_o1
        self.d_o2 = self.dE_do2 * self.s_o2
        self.d5 = self.d_o1 * h1
        self.d7 = self.d_o1 * h2
        self.d6 = self.d_o2 * h1
        self.d8 = self.d_o2 * h2
        self.dE_dh1 = self.d_o1 * p['w5'] + self.d_o2 * p['w6']
        self.dE_dh2 = self.d_o1 * p['w7'] + self.d_o2 * p['w8']
        self.d_h1 = self.dE_dh1 * self.s_h1
        self.d_h2 = self.dE_dh2 * self.s_h2
        self.d1 = self.d_h1 * p['x1']
        self.d3 = self.d_h1 * p['x2']
        self.d2 = self.d_h2 * p['x1']
        self.d4 = self.d_h2 * p['x2']
        for i in range(1, 9):
            setattr(self, 'w%dn' % i, p['w%d' % i] - self.eta * getattr(self, 'd%d' % i))
        # after the step
        p2 = {k: (getattr(self, k + 'n') if k.startswith('w') else v) for k, v in p.items()}
        f2 = self.forward(p2)
        self.E_after = f2['E']
        self.after = f2          # the forward pass with the updated weights

    def numeric_check(self):
        for i in range(1, 9):
            k = 'w%d' % i

            def E_of(w, k=k):
                p = dict(self.P0)
                p[k] = w
                return self.forward(p)['E']
            num = diff(E_of, self.P0[k])
            assert abs(num - getattr(self, 'd%d' % i)) < mpf(10) ** -30, (k, num)


# ---------------------------------------------------------------- Mazur
class Mazur:
    """Mazur's example: ROW wiring, shared biases b1 (hidden) and b2 (output),
    net_h1 = w1*i1 + w2*i2 + b1, net_h2 = w3*i1 + w4*i2 + b1,
    net_o1 = w5*out_h1 + w6*out_h2 + b2, net_o2 = w7*out_h1 + w8*out_h2 + b2,
    E_total = sum 1/2 (target - out)^2, eta = 0.5, biases frozen."""

    P0 = dict(i1=mpf('0.05'), i2=mpf('0.10'),
              w1=mpf('0.15'), w2=mpf('0.20'), w3=mpf('0.25'), w4=mpf('0.30'), b1=mpf('0.35'),
              w5=mpf('0.40'), w6=mpf('0.45'), w7=mpf('0.50'), w8=mpf('0.55'), b2=mpf('0.60'))
    t1 = mpf('0.01')
    t2 = mpf('0.99')
    eta = mpf('0.5')

    @classmethod
    def forward(cls, p):
        net_h1 = p['w1'] * p['i1'] + p['w2'] * p['i2'] + p['b1']
        net_h2 = p['w3'] * p['i1'] + p['w4'] * p['i2'] + p['b1']
        out_h1, out_h2 = sig(net_h1), sig(net_h2)
        net_o1 = p['w5'] * out_h1 + p['w6'] * out_h2 + p['b2']
        net_o2 = p['w7'] * out_h1 + p['w8'] * out_h2 + p['b2']
        out_o1, out_o2 = sig(net_o1), sig(net_o2)
        E_o1 = (cls.t1 - out_o1) ** 2 / 2
        E_o2 = (cls.t2 - out_o2) ** 2 / 2
        return dict(net_h1=net_h1, net_h2=net_h2, out_h1=out_h1, out_h2=out_h2,
                    net_o1=net_o1, net_o2=net_o2, out_o1=out_o1, out_o2=out_o2,
                    E_o1=E_o1, E_o2=E_o2, E=E_o1 + E_o2)

    def __init__(self):
        p = dict(self.P0)
        self.__dict__.update(p)
        f = self.forward(p)
        self.__dict__.update(f)
        self.dE_dout_o1 = -(self.t1 - self.out_o1)
        self.dE_dout_o2 = -(self.t2 - self.out_o2)
        self.s_o1 = self.out_o1 * (1 - self.out_o1)
        self.s_o2 = self.out_o2 * (1 - self.out_o2)
        self.s_h1 = self.out_h1 * (1 - self.out_h1)
        self.s_h2 = self.out_h2 * (1 - self.out_h2)
        self.delta_o1 = self.dE_dout_o1 * self.s_o1   # dE/dnet_o1
        self.delta_o2 = self.dE_dout_o2 * self.s_o2
        self.dw5 = self.delta_o1 * self.out_h1
        self.dw6 = self.delta_o1 * self.out_h2
        self.dw7 = self.delta_o2 * self.out_h1
        self.dw8 = self.delta_o2 * self.out_h2
        self.dEo1_dout_h1 = self.delta_o1 * p['w5']
        self.dEo2_dout_h1 = self.delta_o2 * p['w7']
        self.dE_dout_h1 = self.dEo1_dout_h1 + self.dEo2_dout_h1
        self.dEo1_dout_h2 = self.delta_o1 * p['w6']
        self.dEo2_dout_h2 = self.delta_o2 * p['w8']
        self.dE_dout_h2 = self.dEo1_dout_h2 + self.dEo2_dout_h2
        self.delta_h1 = self.dE_dout_h1 * self.s_h1
        self.delta_h2 = self.dE_dout_h2 * self.s_h2
        self.dw1 = self.delta_h1 * p['i1']
        self.dw2 = self.delta_h1 * p['i2']
        self.dw3 = self.delta_h2 * p['i1']
        self.dw4 = self.delta_h2 * p['i2']
        for i in range(1, 9):
            setattr(self, 'w%dn' % i, p['w%d' % i] - self.eta * getattr(self, 'dw%d' % i))
        p2 = {k: (getattr(self, k + 'n') if k.startswith('w') else v) for k, v in p.items()}
        self.after = self.forward(p2)
        self.E_after = self.after['E']

    def numeric_check(self):
        for i in range(1, 9):
            k = 'w%d' % i

            def E_of(w, k=k):
                p = dict(self.P0)
                p[k] = w
                return self.forward(p)['E']
            num = diff(E_of, self.P0[k])
            assert abs(num - getattr(self, 'dw%d' % i)) < mpf(10) ** -30, (k, num)


# ---------------------------------------------------------------- circuit
class Circuit:
    """f(w,x) = 1/(1+exp(-(w0*x0 + w1*x1 + w2))) at w0=2, x0=-1, w1=-3, x1=-2, w2=-3."""
    w0, x0, w1, x1, w2 = mpf(2), mpf(-1), mpf(-3), mpf(-2), mpf(-3)

    @staticmethod
    def f(w0, x0, w1, x1, w2):
        return 1 / (1 + exp(-(w0 * x0 + w1 * x1 + w2)))

    def __init__(self):
        self.a = self.w0 * self.x0            # -2
        self.b = self.w1 * self.x1            # 6
        self.s = self.a + self.b              # 4
        self.z = self.s + self.w2             # 1
        self.nz = -self.z                     # -1
        self.ez = exp(self.nz)                # e^-1
        self.den = 1 + self.ez                # 1.3679
        self.out = 1 / self.den               # 0.7311
        # backward
        self.g_out = mpf(1)
        self.g_den = -1 / self.den ** 2       # local grad of 1/x
        self.g_ez = self.g_den * 1
        self.g_nz = self.g_ez * self.ez       # local grad of exp is exp
        self.g_z = self.g_nz * -1
        self.g_s = self.g_z
        self.g_w2 = self.g_z
        self.g_a = self.g_s
        self.g_b = self.g_s
        self.g_w0 = self.g_a * self.x0
        self.g_x0 = self.g_a * self.w0
        self.g_w1 = self.g_b * self.x1
        self.g_x1 = self.g_b * self.w1
        self.sig_local = self.out * (1 - self.out)

    def numeric_check(self):
        args = [self.w0, self.x0, self.w1, self.x1, self.w2]
        names = ['g_w0', 'g_x0', 'g_w1', 'g_x1', 'g_w2']
        for j, n in enumerate(names):
            def g(t, j=j):
                a = list(args)
                a[j] = t
                return self.f(*a)
            assert abs(diff(g, args[j]) - getattr(self, n)) < mpf(10) ** -30, n
        assert abs(self.sig_local - self.g_z) < mpf(10) ** -40


LEC = Lecture()
MAZ = Mazur()
CIR = Circuit()

if __name__ == '__main__':
    for obj in (LEC, MAZ, CIR):
        obj.numeric_check()
        print('==', type(obj).__name__, '(numeric gradient check passed)')
        for k, v in obj.__dict__.items():
            if isinstance(v, dict):
                for k2, v2 in v.items():
                    print('  %-14s %s' % (k + '.' + k2, mp.nstr(v2, 15)))
            else:
                print('  %-14s %s' % (k, mp.nstr(v, 15)))
