"""Second, independent computation of the reference values with numpy float64 in matrix form
(weights as matrices built straight from the TOML specs, gradients by backprop in matrix form
and by central finite differences), compared with the 50-digit mpmath values of models.py.

Run: python3 crosscheck_numpy.py     (prints the max deviation per problem; exits 1 on mismatch)
"""
import sys
import tomllib
import numpy as np

from models import LEC, MAZ, CIR

import os
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
SPEC_LECTURE = os.path.join(REPO, 'derivations', 'backprop_lecture.toml')
SPEC_MAZUR = os.path.join(REPO, 'derivations', 'specs', 'mazur.toml')


def sig(x):
    return 1.0 / (1.0 + np.exp(-x))


def build(spec):
    v = spec['values']
    net = spec['network']
    layers = []
    prev = net['inputs']
    for L in net['layers']:
        W = np.array([[v[L['weights'][u][p]] for p in prev] for u in L['units']], dtype=float)
        bias = L.get('bias')
        b = np.array([v[bias[u]] for u in L['units']]) if bias else np.zeros(len(L['units']))
        wnames = [[L['weights'][u][p] for p in prev] for u in L['units']]
        layers.append((W, b, wnames))
        prev = L['units']
    x = np.array([v[i] for i in net['inputs']], dtype=float)
    y = np.array([spec['targets'][u] for u in net['layers'][-1]['units']], dtype=float)
    return x, y, layers, spec['training']['learning_rate']


def loss(x, y, Ws, bs):
    a = x
    for W, b in zip(Ws, bs):
        a = sig(W @ a + b)
    return 0.5 * np.sum((a - y) ** 2)


def backprop(x, y, Ws, bs):
    acts, a = [x], x
    for W, b in zip(Ws, bs):
        a = sig(W @ a + b)
        acts.append(a)
    grads = [None] * len(Ws)
    delta = (acts[-1] - y) * acts[-1] * (1 - acts[-1])
    for k in range(len(Ws) - 1, -1, -1):
        grads[k] = np.outer(delta, acts[k])
        if k:
            delta = (Ws[k].T @ delta) * acts[k] * (1 - acts[k])
    return acts, grads


def check(spec_path, ref, gname):
    spec = tomllib.load(open(spec_path, 'rb'))
    x, y, layers, eta = build(spec)
    Ws = [L[0] for L in layers]
    bs = [L[1] for L in layers]
    acts, grads = backprop(x, y, Ws, bs)
    worst = 0.0
    for (W, b, names), G in zip(layers, grads):
        for i in range(W.shape[0]):
            for j in range(W.shape[1]):
                n = names[i][j]
                g_ref = float(getattr(ref, gname(n)))
                # finite differences
                h = 1e-6
                Wp = [w.copy() for w in Ws]
                Wm = [w.copy() for w in Ws]
                k = [l[0] is W for l in layers].index(True)
                Wp[k][i, j] += h
                Wm[k][i, j] -= h
                fd = (loss(x, y, Wp, bs) - loss(x, y, Wm, bs)) / (2 * h)
                worst = max(worst, abs(G[i, j] - g_ref))
                assert abs(fd - g_ref) < 1e-8, (n, fd, g_ref)
                new_ref = float(getattr(ref, n + 'n'))
                worst = max(worst, abs((W[i, j] - eta * G[i, j]) - new_ref))
    worst = max(worst, abs(loss(x, y, Ws, bs) - float(ref.E)))
    return worst, acts


def main():
    ok = True
    w, acts = check(SPEC_LECTURE, LEC, lambda n: 'd' + n[1:])
    print('lecture: max |numpy - mpmath| = %.2e   (o = %s)' % (w, acts[-1]))
    ok &= w < 1e-12
    w, acts = check(SPEC_MAZUR, MAZ, lambda n: 'd' + n)
    print('mazur  : max |numpy - mpmath| = %.2e   (out_o = %s)' % (w, acts[-1]))
    ok &= w < 1e-12
    # circuit: numpy forward and central differences
    v = np.array([2.0, -1.0, -3.0, -2.0, -3.0])
    f = lambda t: 1 / (1 + np.exp(-(t[0] * t[1] + t[2] * t[3] + t[4])))
    refs = [CIR.g_w0, CIR.g_x0, CIR.g_w1, CIR.g_x1, CIR.g_w2]
    worst = abs(f(v) - float(CIR.out))
    for k in range(5):
        e = np.zeros(5)
        e[k] = 1e-6
        worst = max(worst, abs((f(v + e) - f(v - e)) / 2e-6 - float(refs[k])))
    print('circuit: max |numpy - mpmath| = %.2e' % worst)
    ok &= worst < 1e-8
    sys.exit(0 if ok else 1)


if __name__ == '__main__':
    main()
