from lib import Case, Num as N, rnd, sig, M, mp

def c19():
    c = Case('19-none-softmax-jacobian', 'tex', 'none',
             'No mistake. Softmax of z = (1.5, 0.2, -0.8), its Jacobian entries p_i(delta_ij - p_j), cross-entropy for class 1 and dL/dz = p - y.')
    z = [M('1.5'), M('0.2'), M('-0.8')]
    ez = [mp.exp(v) for v in z]; S = sum(ez); p = [e/S for e in ez]
    c.p(r'Scores $z = (1.5,\ 0.2,\ -0.8)$, true class $1$ (one-hot $y = (1, 0, 0)$).')
    c.t(r'\begin{align*}')
    E = [N(e, 5) for e in ez]
    c.c(r'e^{{z}} &= ({},\ {},\ {}), \qquad \textstyle\sum_k e^{{z_k}} = {} \\'.format(*E, N(S, 5)), *E, N(S, 5))
    P = [N(v, 5) for v in p]
    c.c(r'p = \operatorname{{softmax}}(z) &= ({},\ {},\ {}) \\'.format(*P), *P)
    c.p(r'\frac{\partial p_i}{\partial z_j} &= p_i(\delta_{ij} - p_j) \\')
    J = lambda i, j: p[i]*((1 if i == j else 0) - p[j])
    a, b, d = N(J(0, 0), 5), N(J(1, 1), 5), N(J(2, 2), 5)
    c.c(rf'J_{{11}} &= {N(p[0],5)}(1 - {N(p[0],5)}) = {a}, \quad J_{{22}} = {b}, \quad J_{{33}} = {d} \\', N(p[0], 5), a, b, d)
    a, b, d = N(J(0, 1), 5), N(J(0, 2), 5), N(J(1, 2), 6)
    c.c(rf'J_{{12}} &= -p_1 p_2 = {a}, \quad J_{{13}} = -p_1 p_3 = {b}, \quad J_{{23}} = -p_2 p_3 = {d} \\', a, b, d)
    a = N(J(0, 0) + J(0, 1) + J(0, 2), 0)
    c.c(rf'J_{{11}} + J_{{12}} + J_{{13}} &= {a} \quad \text{{(each row of the Jacobian sums to zero)}} \\', a)
    L = -mp.log(p[0])
    c.c(rf'L = -\ln p_1 &= -\ln {N(p[0],5)} = {N(L,5)} \\', N(p[0], 5), N(L, 5))
    G = [N(p[0]-1, 5), N(p[1], 5), N(p[2], 5)]
    c.c(r'\frac{{\partial L}}{{\partial z}} = p - y &= ({},\ {},\ {})'.format(*G), *G)
    c.t(r'\end{align*}')
    c.c(r'Check via the chain rule: $\partial L/\partial z_2 = -\frac{1}{p_1} J_{12} = p_2$, as above.')
    return c

def c20():
    c = Case('20-none-logistic-comma', 'txt', 'none',
             'Mistake on line 11: dL/dw2 is written as yhat - y, dropping the factor x2 = -0,5. Carried into the new w2 on line 14.')
    K = dict(comma=True, uminus=True)
    x1, x2, y = M('1.5'), M('-0.5'), M(1)
    w1, w2, b, eta = M('0.4'), M('0.3'), M('0.1'), M('0.2')
    z = w1*x1 + w2*x2 + b; yh = sig(z); L = -mp.log(yh); g = yh - y
    c.t('Logistische Regression, ein Schritt (one step)')
    c.p('Gegeben: x = (1,5; −0,5), y = 1, w = (0,4; 0,3), b = 0,1, η = 0,2')
    c.c(f'z = 0,4·1,5 + 0,3·(−0,5) + 0,1 = 0,6 − 0,15 + 0,1 = {N(z,2,**K)}', N(z, 2, **K))
    c.c(f'ŷ = σ(z) = 1/(1 + e^(−0,55)) = {N(yh,6,**K)}', N(yh, 6, **K))
    c.c(f'L = −[y·ln ŷ + (1 − y)·ln(1 − ŷ)] = −ln {N(yh,6,**K)} = {N(L,6,**K)}', N(yh, 6, **K), N(L, 6, **K))
    c.t('')
    c.p('Ableitungen (derivatives), mit dL/dz = ŷ − y:')
    c.c(f'dL/dz = {N(yh,6,**K)} − 1 = {N(g,6,**K)}', N(yh, 6, **K), N(g, 6, **K))
    c.c(f'dL/dw1 = (ŷ − y)·x1 = {N(g,6,**K)} · 1,5 = {N(g*x1,6,**K)}', N(g, 6, **K), N(g*x1, 6, **K))
    c.c(f'dL/db = ŷ − y = {N(g,6,**K)}', N(g, 6, **K))
    c.c(f'dL/dw2 = ŷ − y = {N(g,6,exact=g*x2,tag="mistake",**K)}', N(g, 6, exact=g*x2, tag='mistake', **K))
    c.t('')
    c.c(f'w1_neu = 0,4 − 0,2·({N(g*x1,6,**K)}) = {N(w1-eta*g*x1,6,**K)}', N(g*x1, 6, **K), N(w1-eta*g*x1, 6, **K))
    c.c(f'w2_neu = 0,3 − 0,2·({N(g,6,**K)}) = {N(w2-eta*g,6,exact=w2-eta*g*x2,tag="carried",**K)}', N(w2-eta*g, 6, exact=w2-eta*g*x2, tag='carried', **K))
    c.c(f'b_neu = 0,1 − 0,2·({N(g,6,**K)}) = {N(b-eta*g,6,**K)}', N(b-eta*g, 6, **K))
    return c

def c21():
    c = Case('21-none-gd-quadratic', 'txt', 'none',
             'No mistake. Three gradient-descent steps on L(w) = (w - 2)^2 + 1 from w = 5 with eta = 0.15; every figure is exact.')
    eta = M('0.15')
    c.p('L(w) := (w − 2)² + 1,   L\'(w) = 2(w − 2),   w₀ := 5,   η := 0.15')
    c.p('update rule:  w_{k+1} := w_k − η·L\'(w_k) = w_k − 0.3(w_k − 2)')
    w = M(5)
    c.c(f'L(w₀) = 3² + 1 = 10,   L\'(w₀) = 6')
    for k in range(3):
        g = 2*(w-2); wn = w - eta*g
        def fmt(v):
            if v == mp.floor(v):
                return N(v, 0)
            s = mp.nstr(v, 15)
            nd = len(s.split('.')[1]) if '.' in s else 0
            return N(v, nd)
        a, b, d = fmt(wn), fmt((wn-2)**2 + 1), fmt(2*(wn-2))
        c.c(f'w{"₁₂₃"[k]} := {fmt(w)} − 0.15·{fmt(g)} = {a}   ⇒   L(w{"₁₂₃"[k]}) = {b},   L\'(w{"₁₂₃"[k]}) = {d}', fmt(w), fmt(g), a, b, d)
        w = wn
    c.c('each step multiplies the distance to the minimum by 1 − 2η = 0.7:')
    c.c(f'w₃ − 2 = 3·0.7³ = {N(3*M("0.7")**3, 3)}   ✓', N(3*M("0.7")**3, 3))
    c.c(f'L(w₃) − 1 = 9·0.7⁶ ≈ {N(9*M("0.7")**6, 4)},   so L(w₃) ≈ {N(1+9*M("0.7")**6, 4)}', N(9*M('0.7')**6, 4), N(1+9*M('0.7')**6, 4))
    c.c('minimum at w* = 2, L(w*) = 1; with η = 0.15 the iterates approach it monotonically (0 < 1 − 2η < 1)')
    return c

def c22():
    c = Case('22-none-activations-notebook', 'txt', 'none',
             'Mistake on line 9: tanh derivative typed as 1 - np.tanh(x)*2 instead of 1 - np.tanh(x)**2. Its output (line 10) and the backpropagated value on line 14 are carried.')
    x = M('0.8')
    s = sig(x); ds = s*(1-s); t = mp.tanh(x); dt = 1 - t**2; dtw = 1 - 2*t
    c.p('# activation functions at x = 0.8, checking the derivative identities')
    c.p('>>> import numpy as np; x = 0.8')
    c.c('>>> s = 1/(1 + np.exp(-x)); round(s, 12)')
    c.c(str(N(s, 12)), N(s, 12))
    c.c('>>> ds = s*(1 - s); round(ds, 6)        # sigma\' = sigma(1 - sigma)')
    c.c(str(N(ds, 5)), N(ds, 5))
    c.c('>>> t = np.tanh(x); round(t, 6)')
    c.c(str(N(t, 6)), N(t, 6))
    c.m('>>> dt = 1 - np.tanh(x)*2; round(dt, 6)  # tanh\' = 1 - tanh^2')
    c.c(str(N(dtw, 6, exact=dt, tag='carried')), N(dtw, 6, exact=dt, tag='carried'))
    c.c('>>> round(2/(1 + np.exp(-2*x)) - 1, 6)   # identity tanh(x) = 2*sigma(2x) - 1')
    c.c(str(N(t, 6)), N(t, 6))
    c.c('>>> g = 0.5; round(g*ds, 6), round(g*dt, 6)   # upstream gradient 0.5 through each unit')
    c.c(f'({N(ds/2,6)}, {N(dtw/2,6,exact=dt/2,tag="carried")})', N(ds/2, 6), N(dtw/2, 6, exact=dt/2, tag='carried'))
    c.c('>>> round(ds / (s*(1 - s)), 6)   # sanity check of the sigmoid identity')
    c.c('1.0')
    return c

def c23():
    c = Case('23-none-hinge-loss', 'txt', 'none',
             'No mistake. Multiclass hinge loss (margin 1) for three stated score vectors, their mean, and the score gradient of the first example.')
    c.p('multiclass SVM loss, margin Δ = 1:  L_i = Σ_{j≠y_i} max(0, s_j − s_{y_i} + 1)')
    c.p('ex 1: s = (3.2, 5.1, −1.7), correct class = 1 (first entry)')
    c.c('   max(0, 5.1 − 3.2 + 1) = 2.9,   max(0, −1.7 − 3.2 + 1) = max(0, −3.9) = 0   →  L_1 = 2.9')
    c.p('ex 2: s = (1.3, 4.9, 2.0), correct class = 2')
    c.c('   max(0, 1.3 − 4.9 + 1) = 0,   max(0, 2.0 − 4.9 + 1) = 0   →  L_2 = 0')
    c.p('ex 3: s = (2.2, 2.5, −3.1), correct class = 3')
    c.c('   max(0, 2.2 + 3.1 + 1) = 6.3,   max(0, 2.5 + 3.1 + 1) = 6.6   →  L_3 = 12.9')
    mean = (M('2.9') + M('12.9'))/3
    c.c(f'mean loss = (2.9 + 0 + 12.9)/3 = 15.8/3 ≈ {N(mean,4)}', N(mean, 4))
    c.t('')
    c.t('gradient wrt the scores for ex 1 (only the active margin counts):')
    c.c('   dL_1/ds_2 = +1 (margin active),  dL_1/ds_3 = 0 (inactive),  dL_1/ds_1 = −1')
    c.c('   so dL_1/ds = (−1, 1, 0)')
    c.c('ex 3 has both margins active: dL_3/ds = (1, 1, −2)')
    return c

def c24():
    c = Case('24-none-mse-table', 'md', 'none',
             'Mistake on line 7: r*x for the third point is written -7.4 instead of -7.2. Carried into the column sum, dMSE/dw, the new w and the new MSE (lines 9, 12, 14, 16).')
    xs = [M(1), M(2), M(3), M(4)]; ys = [M(2), M('2.5'), M('4.1'), M('4.4')]
    w, b, eta = M('0.5'), M('0.2'), M('0.05')
    yh = [w*x + b for x in xs]; r = [p - y for p, y in zip(yh, ys)]
    c.p('Model $\\hat y = wx + b$ with $w = 0.5$, $b = 0.2$; loss $\\mathrm{MSE} = \\frac1n\\sum (\\hat y - y)^2$, $\\eta = 0.05$.')
    c.t('')
    c.p('| x | y | ŷ | r = ŷ − y | r² | r·x |')
    c.t('|---|---|---|---|---|---|')
    rx = [ri*xi for ri, xi in zip(r, xs)]
    rx_w = list(rx); rx_w[2] = M('-7.4')
    for i in range(4):
        fm = lambda v, nd: N(v, nd, uminus=True)
        d = N(rx_w[i], 1, exact=rx[i], uminus=True, tag=('mistake' if i == 2 else None))
        c.c(f'| {int(xs[i])} | {mp.nstr(ys[i], 3)} | {fm(yh[i],1)} | {fm(r[i],1)} | {fm(r[i]**2,2)} | {d} |', fm(yh[i], 1), fm(r[i], 1), fm(r[i]**2, 2), d)
    Sr = sum(r); Sr2 = sum(v**2 for v in r); Srx = sum(rx); Srx_w = sum(rx_w)
    c.c(f'| Σ | | | {N(Sr,1,uminus=True)} | {N(Sr2,2)} | {N(Srx_w,1,exact=Srx,uminus=True,tag="carried")} |', N(Sr, 1, uminus=True), N(Sr2, 2), N(Srx_w, 1, exact=Srx, uminus=True, tag='carried'))
    c.t('')
    c.c(f'MSE = {N(Sr2,2)}/4 = {N(Sr2/4,3)}', N(Sr2, 2), N(Sr2/4, 3))
    gw, gw_w, gb = 2*Srx/4, 2*Srx_w/4, 2*Sr/4
    c.c(f'∂MSE/∂w = (2/n) Σ r·x = 0.5 · ({N(Srx_w,1,exact=Srx,uminus=True,tag="carried")}) = {N(gw_w,2,exact=gw,uminus=True,tag="carried")}', N(Srx_w, 1, exact=Srx, uminus=True, tag='carried'), N(gw_w, 2, exact=gw, uminus=True, tag='carried'))
    c.c(f'∂MSE/∂b = (2/n) Σ r = 0.5 · ({N(Sr,1,uminus=True)}) = {N(gb,1,uminus=True)}', N(Sr, 1, uminus=True), N(gb, 1, uminus=True))
    wn_w, wn, bn = w - eta*gw_w, w - eta*gw, b - eta*gb
    c.c(f'w ← 0.5 − 0.05·({N(gw_w,2,exact=gw,uminus=True,tag="carried")}) = {N(wn_w,4,exact=wn,tag="carried")}', N(gw_w, 2, exact=gw, uminus=True, tag='carried'), N(wn_w, 4, exact=wn, tag='carried'))
    c.c(f'b ← 0.2 − 0.05·({N(gb,1,uminus=True)}) = {N(bn,2)}', N(gb, 1, uminus=True), N(bn, 2))
    mse_w = sum((wn_w*x + bn - y)**2 for x, y in zip(xs, ys))/4
    mse = sum((wn*x + bn - y)**2 for x, y in zip(xs, ys))/4
    c.c(f'new MSE with w = {N(wn_w,4,exact=wn,tag="carried")}, b = {N(bn,2)}: ≈ {N(mse_w,4,exact=mse,tag="carried")} (down from {N(Sr2/4,3)})', N(wn_w, 4, exact=wn, tag='carried'), N(bn, 2), N(mse_w, 4, exact=mse, tag='carried'), N(Sr2/4, 3))
    return c

def CASES():
    return [c19(), c20(), c21(), c22(), c23(), c24()]

if __name__ == '__main__':
    for c in CASES():
        print('=====', c.name); print(c.text()); print(c.toml())
