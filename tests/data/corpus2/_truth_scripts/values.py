"""Reference values for every problem, computed with mpmath at 50 digits.
Every quantity is computed a second time in numpy float64 (values_np) and the
two are compared in check_against_numpy()."""
import mpmath as mp
import numpy as np

mp.mp.dps = 50


def _sig(x, lib):
    return 1 / (1 + lib.exp(-x))


def lecture(lib, num):
    V = {}
    x1, x2 = num('0.5'), num('0.3')
    w1, w2, w3, w4 = num('0.2'), num('-0.4'), num('0.5'), num('0.6')
    w5, w6, w7, w8 = num('0.1'), num('-0.5'), num('-0.3'), num('0.8')
    y1, y2 = num('0.23'), num('-0.07')
    V.update(x1=x1, x2=x2, w1=w1, w2=w2, w3=w3, w4=w4, w5=w5, w6=w6, w7=w7, w8=w8)
    V['In_h1'] = w1 * x1 + w3 * x2
    V['In_h2'] = w2 * x1 + w4 * x2
    V['h1'] = _sig(V['In_h1'], lib)
    V['h2'] = _sig(V['In_h2'], lib)
    V['In_o1'] = w5 * V['h1'] + w7 * V['h2']
    V['In_o2'] = w6 * V['h1'] + w8 * V['h2']
    V['o1'] = _sig(V['In_o1'], lib)
    V['o2'] = _sig(V['In_o2'], lib)
    V['E1'] = (V['o1'] - y1) ** 2 / 2
    V['E2'] = (V['o2'] - y2) ** 2 / 2
    V['E'] = V['E1'] + V['E2']
    V['dE_do1'] = V['o1'] - y1
    V['dE_do2'] = V['o2'] - y2
    V['do1'] = V['o1'] * (1 - V['o1'])
    V['do2'] = V['o2'] * (1 - V['o2'])
    V['d_o1'] = V['dE_do1'] * V['do1']
    V['d_o2'] = V['dE_do2'] * V['do2']
    V['g5'] = V['d_o1'] * V['h1']
    V['g7'] = V['d_o1'] * V['h2']
    V['g6'] = V['d_o2'] * V['h1']
    V['g8'] = V['d_o2'] * V['h2']
    V['dh1'] = V['h1'] * (1 - V['h1'])
    V['dh2'] = V['h2'] * (1 - V['h2'])
    V['s1'] = V['d_o1'] * w5 + V['d_o2'] * w6      # dE/dh1
    V['s2'] = V['d_o1'] * w7 + V['d_o2'] * w8      # dE/dh2
    V['d_h1'] = V['s1'] * V['dh1']
    V['d_h2'] = V['s2'] * V['dh2']
    V['g1'] = V['d_h1'] * x1
    V['g3'] = V['d_h1'] * x2
    V['g2'] = V['d_h2'] * x1
    V['g4'] = V['d_h2'] * x2
    eta = num('1')
    for i, w in zip(range(1, 9), [w1, w2, w3, w4, w5, w6, w7, w8]):
        V['w%dn' % i] = w - eta * V['g%d' % i]
    # forward pass again with the new weights
    h1n = _sig(V['w1n'] * x1 + V['w3n'] * x2, lib)
    h2n = _sig(V['w2n'] * x1 + V['w4n'] * x2, lib)
    o1n = _sig(V['w5n'] * h1n + V['w7n'] * h2n, lib)
    o2n = _sig(V['w6n'] * h1n + V['w8n'] * h2n, lib)
    V['h1_new'], V['h2_new'], V['o1_new'], V['o2_new'] = h1n, h2n, o1n, o2n
    V['E_new'] = ((o1n - y1) ** 2 + (o2n - y2) ** 2) / 2
    return V


def mazur(lib, num):
    V = {}
    i1, i2 = num('0.05'), num('0.10')
    w1, w2, w3, w4 = num('0.15'), num('0.20'), num('0.25'), num('0.30')
    w5, w6, w7, w8 = num('0.40'), num('0.45'), num('0.50'), num('0.55')
    b1, b2 = num('0.35'), num('0.60')
    t1, t2 = num('0.01'), num('0.99')
    eta = num('0.5')
    V['net_h1'] = w1 * i1 + w2 * i2 + b1
    V['net_h2'] = w3 * i1 + w4 * i2 + b1
    V['h1'] = _sig(V['net_h1'], lib)
    V['h2'] = _sig(V['net_h2'], lib)
    V['net_o1'] = w5 * V['h1'] + w6 * V['h2'] + b2
    V['net_o2'] = w7 * V['h1'] + w8 * V['h2'] + b2
    V['o1'] = _sig(V['net_o1'], lib)
    V['o2'] = _sig(V['net_o2'], lib)
    V['E1'] = (t1 - V['o1']) ** 2 / 2
    V['E2'] = (t2 - V['o2']) ** 2 / 2
    V['E'] = V['E1'] + V['E2']
    V['dE_do1'] = V['o1'] - t1
    V['dE_do2'] = V['o2'] - t2
    V['do1'] = V['o1'] * (1 - V['o1'])
    V['do2'] = V['o2'] * (1 - V['o2'])
    V['d_o1'] = V['dE_do1'] * V['do1']
    V['d_o2'] = V['dE_do2'] * V['do2']
    V['g5'] = V['d_o1'] * V['h1']
    V['g6'] = V['d_o1'] * V['h2']
    V['g7'] = V['d_o2'] * V['h1']
    V['g8'] = V['d_o2'] * V['h2']
    V['dEo1_dh1'] = V['d_o1'] * w5
    V['dEo2_dh1'] = V['d_o2'] * w7
    V['dEo1_dh2'] = V['d_o1'] * w6
    V['dEo2_dh2'] = V['d_o2'] * w8
    V['s1'] = V['dEo1_dh1'] + V['dEo2_dh1']
    V['s2'] = V['dEo1_dh2'] + V['dEo2_dh2']
    V['dh1'] = V['h1'] * (1 - V['h1'])
    V['dh2'] = V['h2'] * (1 - V['h2'])
    V['d_h1'] = V['s1'] * V['dh1']
    V['d_h2'] = V['s2'] * V['dh2']
    V['g1'] = V['d_h1'] * i1
    V['g2'] = V['d_h1'] * i2
    V['g3'] = V['d_h2'] * i1
    V['g4'] = V['d_h2'] * i2
    for i, w in zip(range(1, 9), [w1, w2, w3, w4, w5, w6, w7, w8]):
        V['w%dn' % i] = w - eta * V['g%d' % i]
    h1n = _sig(V['w1n'] * i1 + V['w2n'] * i2 + b1, lib)
    h2n = _sig(V['w3n'] * i1 + V['w4n'] * i2 + b1, lib)
    o1n = _sig(V['w5n'] * h1n + V['w6n'] * h2n + b2, lib)
    o2n = _sig(V['w7n'] * h1n + V['w8n'] * h2n + b2, lib)
    V['o1_new'], V['o2_new'] = o1n, o2n
    V['E_new'] = ((t1 - o1n) ** 2 + (t2 - o2n) ** 2) / 2
    return V


def three_layer(lib, num, steps=1):
    P = dict(w11=num('0.3'), w12=num('-0.1'), w21=num('0.2'), w22=num('0.4'),
             w31=num('-0.5'), w32=num('0.1'), b1=num('0.05'), b2=num('-0.1'),
             b3=num('0.2'), v11=num('0.7'), v12=num('-0.6'), v13=num('0.5'),
             v21=num('0.3'), v23=num('0.8'), g=num('0.1'), t1=num('1.2'),
             t2=num('-0.7'), t0=num('0.05'))
    x1, x2, y = num('1.0'), num('-2.0'), num('1.0')
    eta = num('0.5')
    hist = []
    for step in range(steps):
        V = dict(P)
        V['z1'] = P['w11'] * x1 + P['w12'] * x2 + P['b1']
        V['z2'] = P['w21'] * x1 + P['w22'] * x2 + P['b2']
        V['z3'] = P['w31'] * x1 + P['w32'] * x2 + P['b3']
        V['a1'], V['a2'], V['a3'] = lib.tanh(V['z1']), lib.tanh(V['z2']), lib.tanh(V['z3'])
        V['u1'] = P['v11'] * V['a1'] + P['v12'] * V['a2'] + P['v13'] * V['a3'] + P['g']
        V['u2'] = P['v21'] * V['a1'] + P['v23'] * V['a3'] + P['g']
        V['n1'] = V['u1'] if V['u1'] > 0 else num('0')
        V['n2'] = V['u2'] if V['u2'] > 0 else num('0')
        V['r1'] = num('1') if V['u1'] > 0 else num('0')
        V['r2'] = num('1') if V['u2'] > 0 else num('0')
        V['s'] = P['t1'] * V['n1'] + P['t2'] * V['n2'] + P['t0']
        V['out'] = _sig(V['s'], lib)
        V['E'] = (V['out'] - y) ** 2 / 2
        V['dE_dout'] = V['out'] - y
        V['dout'] = V['out'] * (1 - V['out'])
        V['d_out'] = V['dE_dout'] * V['dout']
        V['gt1'] = V['d_out'] * V['n1']
        V['gt2'] = V['d_out'] * V['n2']
        V['gt0'] = V['d_out']
        V['dn1'] = V['d_out'] * P['t1'] * V['r1']   # dE/du1
        V['dn2'] = V['d_out'] * P['t2'] * V['r2']   # dE/du2
        V['gv11'] = V['dn1'] * V['a1']
        V['gv12'] = V['dn1'] * V['a2']
        V['gv13'] = V['dn1'] * V['a3']
        V['gv21'] = V['dn2'] * V['a1']
        V['gv23'] = V['dn2'] * V['a3']
        V['gg'] = V['dn1'] + V['dn2']
        V['da1'] = V['dn1'] * P['v11'] + V['dn2'] * P['v21']
        V['da2'] = V['dn1'] * P['v12']
        V['da3'] = V['dn1'] * P['v13'] + V['dn2'] * P['v23']
        V['ta1'] = 1 - V['a1'] ** 2
        V['ta2'] = 1 - V['a2'] ** 2
        V['ta3'] = 1 - V['a3'] ** 2
        V['dz1'] = V['da1'] * V['ta1']
        V['dz2'] = V['da2'] * V['ta2']
        V['dz3'] = V['da3'] * V['ta3']
        grads = dict(w11=V['dz1'] * x1, w12=V['dz1'] * x2, w21=V['dz2'] * x1,
                     w22=V['dz2'] * x2, w31=V['dz3'] * x1, w32=V['dz3'] * x2,
                     b1=V['dz1'], b2=V['dz2'], b3=V['dz3'], v11=V['gv11'],
                     v12=V['gv12'], v13=V['gv13'], v21=V['gv21'], v23=V['gv23'],
                     g=V['gg'], t1=V['gt1'], t2=V['gt2'], t0=V['gt0'])
        for k, gk in grads.items():
            V['g_' + k] = gk
            V['new_' + k] = P[k] - eta * gk
        hist.append(V)
        P = {k: V['new_' + k] for k in P}
    return hist


def circuit(lib, num):
    V = {}
    w0, x0, w1, x1, w2 = num('2'), num('-1'), num('-3'), num('-2'), num('-3')
    V['a'] = w0 * x0
    V['b'] = w1 * x1
    V['c'] = V['a'] + V['b']
    V['d'] = V['c'] + w2
    V['e'] = -V['d']
    V['ex'] = lib.exp(V['e'])
    V['den'] = 1 + V['ex']
    V['f'] = 1 / V['den']
    V['dinv'] = -1 / V['den'] ** 2         # local grad of 1/x
    V['dex'] = V['dinv'] * 1               # through +1
    V['de'] = V['dex'] * V['ex']           # through exp
    V['dd'] = -V['de']                     # through *-1
    V['loc'] = V['f'] * (1 - V['f'])
    V['gw0'] = V['dd'] * x0
    V['gx0'] = V['dd'] * w0
    V['gw1'] = V['dd'] * x1
    V['gx1'] = V['dd'] * w1
    V['gw2'] = V['dd']
    return V


def misc(lib, num):
    V = {}
    # N1 sigmoid identities
    V['sig2'] = _sig(num('2'), lib)
    V['sigm2'] = _sig(num('-2'), lib)
    V['dsig2'] = V['sig2'] * (1 - V['sig2'])
    V['sig05'] = _sig(num('0.5'), lib)
    V['dsig0'] = num('0.25')
    V['e_m2'] = lib.exp(num('-2'))
    # N2 tanh
    V['tanh05'] = lib.tanh(num('0.5'))
    V['dtanh05'] = 1 - V['tanh05'] ** 2
    V['sig1'] = _sig(num('1'), lib)
    V['tanh1'] = lib.tanh(num('1'))
    V['dtanh1'] = 1 - V['tanh1'] ** 2
    # N3 softmax of (2, 1, 0.1)
    z = [num('2'), num('1'), num('0.1')]
    ez = [lib.exp(t) for t in z]
    S = sum(ez)
    V['ez1'], V['ez2'], V['ez3'], V['S'] = ez[0], ez[1], ez[2], S
    p = [t / S for t in ez]
    V['p1'], V['p2'], V['p3'] = p
    V['ce1'] = -lib.log(p[0])
    V['J11'] = p[0] * (1 - p[0])
    V['J12'] = -p[0] * p[1]
    V['J13'] = -p[0] * p[2]
    V['J22'] = p[1] * (1 - p[1])
    V['J23'] = -p[1] * p[2]
    V['J33'] = p[2] * (1 - p[2])
    V['gz1'] = p[0] - 1
    # N4 lecture softmax/CE example (0.34, 0.46, 0.20)
    V['ce034'] = -lib.log(num('0.34'))
    V['ce034_log10'] = -lib.log(num('0.34')) / lib.log(num('10'))
    V['ce034_log2'] = -lib.log(num('0.34')) / lib.log(num('2'))
    # N5 MSE
    y = [num('1'), num('0'), num('2')]
    yh = [num('0.8'), num('0.3'), num('1.5')]
    V['mse'] = sum((a - b) ** 2 for a, b in zip(y, yh)) / 3
    V['mse_g1'] = 2 * (yh[0] - y[0]) / 3
    V['mse_g2'] = 2 * (yh[1] - y[1]) / 3
    V['mse_g3'] = 2 * (yh[2] - y[2]) / 3
    V['sse_half'] = sum((a - b) ** 2 for a, b in zip(y, yh)) / 2
    # N6 hinge / GD on (w-3)^2
    V['hinge'] = max(num('0'), num('5.1') - num('3.2') + 1) + max(num('0'), num('-1.7') - num('3.2') + 1)
    w = num('0')
    for k in range(1, 6):
        w = w - num('0.1') * 2 * (w - 3)
        V['gd%d' % k] = w
        V['gdloss%d' % k] = (w - 3) ** 2
    # N7 logistic regression step
    zz = num('0.5') * 1 + num('-0.25') * 2 + num('0.1')
    V['lr_z'] = zz
    V['lr_p'] = _sig(zz, lib)
    V['lr_bce'] = -lib.log(V['lr_p'])
    V['lr_g1'] = (V['lr_p'] - 1) * 1
    V['lr_g2'] = (V['lr_p'] - 1) * 2
    V['lr_gb'] = (V['lr_p'] - 1)
    V['lr_w1n'] = num('0.5') - num('0.5') * V['lr_g1']
    V['lr_w2n'] = num('-0.25') - num('0.5') * V['lr_g2']
    V['lr_bn'] = num('0.1') - num('0.5') * V['lr_gb']
    zn = V['lr_w1n'] * 1 + V['lr_w2n'] * 2 + V['lr_bn']
    V['lr_zn'] = zn
    V['lr_pn'] = _sig(zn, lib)
    # relu-sigmoid-softmax misc
    V['relu_leak'] = num('0.01') * num('-3')
    return V


MP = (mp, mp.mpf)
NP = (np, np.float64)


def all_values(pair):
    lib, num = pair
    out = {}
    for pre, fn in (('L', lecture), ('M', mazur), ('C', circuit), ('N', misc)):
        for k, v in fn(lib, num).items():
            out[pre + '.' + k] = v
    hist = three_layer(lib, num, steps=20)
    for k, v in hist[0].items():
        out['T.' + k] = v
    for k, v in hist[1].items():
        out['T2.' + k] = v
    for k, v in hist[-1].items():
        out['T20.' + k] = v
    return out


EXACT = all_values(MP)
FLOAT = all_values(NP)


def check_against_numpy():
    bad = []
    for k, v in EXACT.items():
        f = float(FLOAT[k])
        if abs(float(v) - f) > 1e-12 * max(1.0, abs(f)):
            bad.append((k, v, f))
    return bad


if __name__ == '__main__':
    print('numpy mismatches:', check_against_numpy())
    for k, v in EXACT.items():
        if k.startswith('T2.') or k.startswith('T20.'):
            if not any(s in k for s in ('out', '.E', 'n1', 'n2', 'u2')):
                continue
        print('%-14s %s' % (k, mp.nstr(v, 12)))
