"""Exact (50-digit mpmath) values of the five problems."""
from mpmath import mp, mpf, exp, tanh, log
mp.dps = 50

def sig(z):
    return 1 / (1 + exp(-z))


class NS(dict):
    __getattr__ = dict.__getitem__
    __setattr__ = dict.__setitem__


def lecture():
    v = NS()
    x1, x2 = mpf('0.5'), mpf('0.3')
    y1, y2 = mpf('0.23'), mpf('-0.07')
    w = {i: mpf(s) for i, s in zip(range(1, 9), ['0.2', '-0.4', '0.5', '0.6', '0.1', '-0.5', '-0.3', '0.8'])}
    v.update(x1=x1, x2=x2, y1=y1, y2=y2, w=w)
    v.Ih1 = w[1] * x1 + w[3] * x2
    v.Ih2 = w[2] * x1 + w[4] * x2
    v.h1 = sig(v.Ih1); v.h2 = sig(v.Ih2)
    v.Io1 = w[5] * v.h1 + w[7] * v.h2
    v.Io2 = w[6] * v.h1 + w[8] * v.h2
    v.o1 = sig(v.Io1); v.o2 = sig(v.Io2)
    v.E = (v.o1 - y1) ** 2 / 2 + (v.o2 - y2) ** 2 / 2
    v.E1 = (v.o1 - y1) ** 2 / 2; v.E2 = (v.o2 - y2) ** 2 / 2
    v.dEo1 = v.o1 - y1; v.dEo2 = v.o2 - y2
    v.s1 = v.o1 * (1 - v.o1); v.s2 = v.o2 * (1 - v.o2)
    v.do1 = v.dEo1 * v.s1; v.do2 = v.dEo2 * v.s2   # dE/dIn_o
    v.g = {}
    v.g[5] = v.do1 * v.h1; v.g[7] = v.do1 * v.h2
    v.g[6] = v.do2 * v.h1; v.g[8] = v.do2 * v.h2
    v.sh1 = v.h1 * (1 - v.h1); v.sh2 = v.h2 * (1 - v.h2)
    v.bh1 = v.do1 * w[5] + v.do2 * w[6]   # dE/dh1
    v.bh2 = v.do1 * w[7] + v.do2 * w[8]
    v.dh1 = v.bh1 * v.sh1; v.dh2 = v.bh2 * v.sh2
    v.g[1] = v.dh1 * x1; v.g[3] = v.dh1 * x2
    v.g[2] = v.dh2 * x1; v.g[4] = v.dh2 * x2
    v.new = {i: w[i] - v.g[i] for i in range(1, 9)}
    return v


def mazur():
    v = NS()
    i1, i2 = mpf('0.05'), mpf('0.10')
    w = {i: mpf(s) for i, s in zip(range(1, 9), ['0.15', '0.20', '0.25', '0.30', '0.40', '0.45', '0.50', '0.55'])}
    b1, b2 = mpf('0.35'), mpf('0.60')
    t1, t2 = mpf('0.01'), mpf('0.99')
    eta = mpf('0.5')
    v.update(i1=i1, i2=i2, w=w, b1=b1, b2=b2, t1=t1, t2=t2, eta=eta)
    v.nh1 = w[1] * i1 + w[2] * i2 + b1
    v.nh2 = w[3] * i1 + w[4] * i2 + b1
    v.h1 = sig(v.nh1); v.h2 = sig(v.nh2)
    v.no1 = w[5] * v.h1 + w[6] * v.h2 + b2
    v.no2 = w[7] * v.h1 + w[8] * v.h2 + b2
    v.o1 = sig(v.no1); v.o2 = sig(v.no2)
    v.E1 = (t1 - v.o1) ** 2 / 2; v.E2 = (t2 - v.o2) ** 2 / 2
    v.E = v.E1 + v.E2
    v.dEo1 = v.o1 - t1; v.dEo2 = v.o2 - t2
    v.s1 = v.o1 * (1 - v.o1); v.s2 = v.o2 * (1 - v.o2)
    v.d1 = v.dEo1 * v.s1; v.d2 = v.dEo2 * v.s2
    v.g = {}
    v.g[5] = v.d1 * v.h1; v.g[6] = v.d1 * v.h2
    v.g[7] = v.d2 * v.h1; v.g[8] = v.d2 * v.h2
    v.bh1 = v.d1 * w[5] + v.d2 * w[7]   # dE/dout_h1
    v.bh2 = v.d1 * w[6] + v.d2 * w[8]
    v.sh1 = v.h1 * (1 - v.h1); v.sh2 = v.h2 * (1 - v.h2)
    v.dh1 = v.bh1 * v.sh1; v.dh2 = v.bh2 * v.sh2
    v.g[1] = v.dh1 * i1; v.g[2] = v.dh1 * i2
    v.g[3] = v.dh2 * i1; v.g[4] = v.dh2 * i2
    v.new = {i: w[i] - eta * v.g[i] for i in range(1, 9)}
    return v


def three():
    v = NS()
    x1, x2 = mpf(1), mpf(-2)
    P = dict(w11='0.3', w12='-0.1', w21='0.2', w22='0.4', w31='-0.5', w32='0.1',
             b1='0.05', b2='-0.1', b3='0.2', v11='0.7', v12='-0.6', v13='0.5',
             v21='0.3', v23='0.8', gam='0.1', th1='1.2', th2='-0.7', th0='0.05')
    P = {k: mpf(s) for k, s in P.items()}
    v.update(P); v.update(x1=x1, x2=x2, eta=mpf('0.5'))
    v.z1 = P['w11'] * x1 + P['w12'] * x2 + P['b1']
    v.z2 = P['w21'] * x1 + P['w22'] * x2 + P['b2']
    v.z3 = P['w31'] * x1 + P['w32'] * x2 + P['b3']
    v.a1, v.a2, v.a3 = tanh(v.z1), tanh(v.z2), tanh(v.z3)
    v.u1 = P['v11'] * v.a1 + P['v12'] * v.a2 + P['v13'] * v.a3 + P['gam']
    v.u2 = P['v21'] * v.a1 + P['v23'] * v.a3 + P['gam']
    v.n1 = max(v.u1, 0); v.n2 = max(v.u2, 0)
    v.r1 = 1 if v.u1 > 0 else 0; v.r2 = 1 if v.u2 > 0 else 0
    v.s = P['th1'] * v.n1 + P['th2'] * v.n2 + P['th0']
    v.out = sig(v.s)
    v.L = (v.out - 1) ** 2 / 2
    v.dLout = v.out - 1
    v.sp = v.out * (1 - v.out)
    v.ds = v.dLout * v.sp
    v.gth1 = v.ds * v.n1; v.gth2 = v.ds * v.n2; v.gth0 = v.ds
    v.dn1 = v.ds * P['th1']; v.dn2 = v.ds * P['th2']
    v.du1 = v.dn1 * v.r1; v.du2 = v.dn2 * v.r2
    v.gv11 = v.du1 * v.a1; v.gv12 = v.du1 * v.a2; v.gv13 = v.du1 * v.a3
    v.gv21 = v.du2 * v.a1; v.gv23 = v.du2 * v.a3
    v.ggam = v.du1 + v.du2
    v.da1 = v.du1 * P['v11'] + v.du2 * P['v21']
    v.da2 = v.du1 * P['v12']
    v.da3 = v.du1 * P['v13'] + v.du2 * P['v23']
    v.t1 = 1 - v.a1 ** 2; v.t2 = 1 - v.a2 ** 2; v.t3 = 1 - v.a3 ** 2
    v.dz1 = v.da1 * v.t1; v.dz2 = v.da2 * v.t2; v.dz3 = v.da3 * v.t3
    v.gw11 = v.dz1 * x1; v.gw12 = v.dz1 * x2; v.gb1 = v.dz1
    v.gw21 = v.dz2 * x1; v.gw22 = v.dz2 * x2; v.gb2 = v.dz2
    v.gw31 = v.dz3 * x1; v.gw32 = v.dz3 * x2; v.gb3 = v.dz3
    return v


def circuit():
    v = NS()
    w0, x0, w1, x1, w2 = mpf(2), mpf(-1), mpf(-3), mpf(-2), mpf(-3)
    v.update(w0=w0, x0=x0, w1=w1, x1=x1, w2=w2)
    v.a = w0 * x0; v.b = w1 * x1; v.c = v.a + v.b; v.s = v.c + w2
    v.n = -v.s; v.e = exp(v.n); v.d = 1 + v.e; v.f = 1 / v.d
    # backward
    v.gd = -1 / v.d ** 2          # df/dd
    v.ge = v.gd                   # +1 gate
    v.gn = v.ge * v.e             # exp gate
    v.gs = -v.gn                  # *-1 gate
    v.loc = v.f * (1 - v.f)
    v.gw0 = v.gs * x0; v.gx0 = v.gs * w0
    v.gw1 = v.gs * x1; v.gx1 = v.gs * w1
    v.gw2 = v.gs
    return v
