from lib import Case, Num as N, rnd, sig, M, mp
from values import L

def c01():
    c = Case('01-lecture-notebook', 'txt', 'lecture', 'No mistake: values are notebook outputs of the full-precision computation.')
    c.t('# Q2 (lecture 2-2-2 net), cells copied from my notebook, output under each cell')
    c.t('>>> import numpy as np')
    c.p('>>> sig = lambda z: 1/(1 + np.exp(-z))')
    c.p('>>> x1, x2, y1, y2 = 0.5, 0.3, 0.23, -0.07')
    c.p('>>> w1, w2, w3, w4, w5, w6, w7, w8 = 0.2, -0.4, 0.5, 0.6, 0.1, -0.5, -0.3, 0.8')
    c.c('>>> In_h1 = w1*x1 + w3*x2; In_h2 = w2*x1 + w4*x2')
    c.t('>>> round(In_h1, 4), round(In_h2, 4)')
    c.c('({}, {})'.format(N(L.In_h1, 2), N(L.In_h2, 2)), N(L.In_h1, 2), N(L.In_h2, 2))
    c.c('>>> h1, h2 = sig(In_h1), sig(In_h2)')
    c.t('>>> h1')
    c.c(str(N(L.h1, 16)), N(L.h1, 16))
    c.t('>>> round(h2, 6)')
    c.c(str(N(L.h2, 3)), N(L.h2, 3))
    c.c('>>> In_o1 = w5*h1 + w7*h2; In_o2 = w6*h1 + w8*h2; o1, o2 = sig(In_o1), sig(In_o2)')
    c.t('>>> print(f"{o1:.6f} {o2:.6f}")')
    a, b = N(L.o1, 6), N(L.o2, 6)
    c.c(f'{a} {b}', a, b)
    c.c('>>> E = 0.5*((o1 - y1)**2 + (o2 - y2)**2); round(E, 5)')
    a = N(L.E, 5); c.c(str(a), a)
    c.c('>>> d_o1 = (o1 - y1)*o1*(1 - o1); d_o2 = (o2 - y2)*o2*(1 - o2)')
    c.t('>>> np.round([d_o1*h1, d_o1*h2, d_o2*h1, d_o2*h2], 5)   # dE/dw5, dE/dw7, dE/dw6, dE/dw8')
    ns = [N(L.g[i], 5) for i in (5, 7, 6, 8)]
    c.c('array([{}, {}, {}, {}])'.format(*ns), *ns)
    c.c('>>> d_h1 = (d_o1*w5 + d_o2*w6)*h1*(1 - h1); d_h2 = (d_o1*w7 + d_o2*w8)*h2*(1 - h2)')
    c.t('>>> np.round([d_h1*x1, d_h2*x1, d_h1*x2, d_h2*x2], 5)   # dE/dw1, dE/dw2, dE/dw3, dE/dw4')
    ns = [N(L.g[i], 5) for i in (1, 2, 3, 4)]
    c.c('array([{},  {}, {},  {}])'.format(*ns), *ns)
    c.p('>>> eta = 1.0')
    c.c('>>> np.round([w1 - eta*d_h1*x1, w5 - eta*d_o1*h1, w8 - eta*d_o2*h2], 4)')
    ns = [N(L.new[i], 4) for i in (1, 5, 8)]
    c.c('array([{}, {}, {}])'.format(*ns), *ns)
    return c

def c02():
    c = Case('02-lecture-align-tags', 'tex', 'lecture',
             'Mistake on line 17: dE/dh1 uses w7 instead of w6 (the weight from h1 to o2). Carried into dE/dw1, dE/dw3 and the new w1, w3.')
    c.t(r'\begin{align}')
    c.c(r'In_{h_1} &= w_1 x_1 + w_3 x_2 = 0.2(0.5) + 0.5(0.3) = {} \tag{{1}}\\'.replace('{}', str(N(L.In_h1, 2))).replace('{{1}}', '{1}'), N(L.In_h1, 2))
    c.c(r'In_{h_2} &= w_2 x_1 + w_4 x_2 = -0.2 + 0.18 = ' + str(N(L.In_h2, 2)) + r' \tag{2}\\', N(L.In_h2, 2))
    a, b = N(L.h1, 5), N(L.h2, 5)
    c.c(rf'h_1 &= \sigma(0.25) = {a}, \quad h_2 = \sigma(-0.02) = {b} \tag{{3}}\\', a, b)
    a, b = N(L.In_o1, 5), N(L.o1, 5)
    c.c(rf'In_{{o_1}} &= w_5 h_1 + w_7 h_2 = {a}, \quad o_1 = {b} \tag{{4}}\\', a, b)
    a, b = N(L.In_o2, 5), N(L.o2, 5)
    c.c(rf'In_{{o_2}} &= w_6 h_1 + w_8 h_2 = {a}, \quad o_2 = {b} \tag{{5}}', a, b)
    c.t(r'\end{align}')
    c.p(r'Output layer, writing $\delta_{o_k} = (o_k - y_k)\,o_k(1-o_k)$:')
    c.t(r'\begin{align}')
    a, b, d = N(L.dE_o1, 5), N(L.s1, 5), N(L.d_o1, 6)
    c.c(rf'\delta_{{o_1}} &= {a} \times {b} = {d} \tag{{6}}\\', a, b, d)
    a, b, d = N(L.dE_o2, 5), N(L.s2, 5), N(L.d_o2, 5)
    c.c(rf'\delta_{{o_2}} &= {a} \times {b} = {d} \tag{{7}}\\', a, b, d)
    a, b = N(L.g[5], 6), N(L.g[7], 6)
    c.c(rf'\frac{{\partial E}}{{\partial w_5}} &= \delta_{{o_1}} h_1 = {a}, \qquad \frac{{\partial E}}{{\partial w_7}} = \delta_{{o_1}} h_2 = {b} \tag{{8}}\\', a, b)
    a, b = N(L.g[6], 6), N(L.g[8], 6)
    c.c(rf'\frac{{\partial E}}{{\partial w_6}} &= \delta_{{o_2}} h_1 = {a}, \qquad \frac{{\partial E}}{{\partial w_8}} = \delta_{{o_2}} h_2 = {b} \tag{{9}}', a, b)
    c.t(r'\end{align}')
    c.t(r'Hidden layer:')
    c.t(r'\begin{align}')
    wrong = L.d_o1*L.w[5] + L.d_o2*L.w[7]
    a, b, d = N(L.d_o1*L.w[5], 7), N(L.d_o2*L.w[7], 6), N(wrong, 6, exact=L.back_h1, tag='mistake')
    c.c(rf'\frac{{\partial E}}{{\partial h_1}} &= \delta_{{o_1}} w_5 + \delta_{{o_2}} w_7 = {a} {d.s if False else ""}'.rstrip() + f' - {N(-L.d_o2*L.w[7], 6)} = {d} \\tag{{10}}\\\\', a, N(-L.d_o2*L.w[7], 6), d)
    a = N(L.back_h2, 5)
    c.c(rf'\frac{{\partial E}}{{\partial h_2}} &= \delta_{{o_1}} w_7 + \delta_{{o_2}} w_8 = {a} \tag{{11}}\\', a)
    g1w = wrong*L.sh1*L.x1; g3w = wrong*L.sh1*L.x2
    a, b = N(wrong, 6, exact=L.back_h1, tag='carried'), N(L.sh1, 5)
    d = N(g1w, 7, exact=L.g[1], tag='carried')
    c.c(rf'\frac{{\partial E}}{{\partial w_1}} &= \frac{{\partial E}}{{\partial h_1}}\, h_1(1-h_1)\, x_1 = {a} \times {b} \times 0.5 = {d} \tag{{12}}\\', a, b, d)
    d = N(g3w, 7, exact=L.g[3], tag='carried')
    c.c(rf'\frac{{\partial E}}{{\partial w_3}} &= \frac{{\partial E}}{{\partial h_1}}\, h_1(1-h_1)\, x_2 = {d} \tag{{13}}\\', d)
    a, b, d = N(L.back_h2, 5), N(L.sh2, 5), N(L.g[2], 6)
    c.c(rf'\frac{{\partial E}}{{\partial w_2}} &= {a} \times {b} \times 0.5 = {d} \tag{{14}}\\', a, b, d)
    d = N(L.g[4], 7)
    c.c(rf'\frac{{\partial E}}{{\partial w_4}} &= {a} \times {b} \times 0.3 = {d} \tag{{15}}', a, b, d)
    c.t(r'\end{align}')
    g = N(-g1w, 7, exact=-L.g[1], tag='carried')
    n1 = N(L.w[1]-g1w, 5, exact=L.new[1], tag='carried')
    n3 = N(L.w[3]-g3w, 5, exact=L.new[3], tag='carried')
    n2 = N(L.new[2], 5); n4 = N(L.new[4], 5)
    c.c(rf'With $\eta = 1$: $w_1\' = 0.2 + {g} = {n1}$, $w_3\' = {n3}$, $w_2\' = {n2}$, $w_4\' = {n4}$.'.replace("\\'", "'"), g, n1, n3, n2, n4)
    n5, n6, n7, n8 = [N(L.new[i], 5) for i in (5, 6, 7, 8)]
    c.c(rf"Output weights: $w_5' = {n5}$, $w_6' = {n6}$, $w_7' = {n7}$, $w_8' = {n8}$.", n5, n6, n7, n8)
    return c

def c03():
    c = Case('03-lecture-matrix-form', 'md', 'lecture',
             'Mistake on line 17: the output-layer update adds eta*grad (w + eta*g) instead of subtracting it. No later line uses these values.')
    c.t('## Q2, vectorised')
    c.p(r'Notation: $W^{(1)} = \begin{pmatrix} w_1 & w_3 \\ w_2 & w_4 \end{pmatrix}$, $W^{(2)} = \begin{pmatrix} w_5 & w_7 \\ w_6 & w_8 \end{pmatrix}$, so $In_h = W^{(1)}x$ and $In_o = W^{(2)}h$.')
    c.t('')
    a, b, d, e = N(L.In_h1, 2), N(L.In_h2, 2), N(L.h1, 4), N(L.h2, 4)
    c.c(rf'$In_h = W^{{(1)}}x = ({a},\ {b})^\top$, $h = \sigma(In_h) = ({d},\ {e})^\top$', a, b, d, e)
    a, b, d, e = N(L.In_o1, 4), N(L.In_o2, 4), N(L.o1, 4), N(L.o2, 4)
    c.c(rf'$In_o = W^{{(2)}}h = ({a},\ {b})^\top$, $o = \sigma(In_o) = ({d},\ {e})^\top$', a, b, d, e)
    a = N(L.E, 4)
    c.c(rf'$E = \tfrac12\|o - y\|^2 = {a}$', a)
    c.t('')
    c.p(r'Backward, with $\delta^{(2)} = (o - y)\odot o\odot(1-o)$ and $\delta^{(1)} = (W^{(2)\top}\delta^{(2)})\odot h\odot(1-h)$:')
    a, b, d, e = N(L.dE_o1, 4), N(L.dE_o2, 4), N(L.s1, 4), N(L.s2, 4)
    c.c(rf'$o - y = ({a},\ {b})^\top$, $o\odot(1-o) = ({d},\ {e})^\top$', a, b, d, e)
    a, b = N(L.d_o1, 5), N(L.d_o2, 5)
    c.c(rf'$\delta^{{(2)}} = ({a},\ {b})^\top$', a, b)
    ns = [N(L.g[i], 5) for i in (5, 7, 6, 8)]
    c.c(r'$\nabla_{{W^{{(2)}}}} E = \delta^{{(2)}} h^\top = \begin{{pmatrix}} {} & {} \\ {} & {} \end{{pmatrix}}$'.format(*ns), *ns)
    a, b = N(L.d_o1, 5), N(L.d_o2, 5)
    d, e = N(L.back_h1, 5), N(L.back_h2, 5)
    c.c(rf'$W^{{(2)\top}}\delta^{{(2)}} = (0.1\cdot{a} - 0.5\cdot{b},\ -0.3\cdot{a} + 0.8\cdot{b})^\top = ({d},\ {e})^\top$', a, b, d, e)
    f, g = N(L.sh1, 4), N(L.sh2, 4)
    p, q = N(L.d_h1, 6), N(L.d_h2, 6)
    c.c(rf'$\delta^{{(1)}} = ({d}\cdot{f},\ {e}\cdot{g})^\top = ({p},\ {q})^\top$', d, f, e, g, p, q)
    ns = [N(L.g[i], 6) for i in (1, 3, 2, 4)]
    c.c(r'$\nabla_{{W^{{(1)}}}} E = \delta^{{(1)}} x^\top = \begin{{pmatrix}} {} & {} \\ {} & {} \end{{pmatrix}}$'.format(*ns), *ns)
    c.t('')
    c.p(r'Update with $\eta = 1$: $W \leftarrow W - \eta\,\nabla_W E$.')
    gs = [N(L.g[i], 5) for i in (5, 7, 6, 8)]
    ws = [N(L.w[i] + L.g[i], 5, exact=L.new[i], tag='mistake') for i in (5, 7, 6, 8)]
    c.c(r'$W^{{(2)}} \leftarrow \begin{{pmatrix}} 0.1+{} & -0.3+{} \\ -0.5+{} & 0.8+{} \end{{pmatrix}} = \begin{{pmatrix}} {} & {} \\ {} & {} \end{{pmatrix}}$'.format(*gs, *ws), *gs, *ws)
    ws = [N(L.new[i], 6) for i in (1, 3, 2, 4)]
    c.c(r'$W^{{(1)}} \leftarrow \begin{{pmatrix}} {} & {} \\ {} & {} \end{{pmatrix}}$'.format(*ws), *ws)
    return c

def c04():
    c = Case('04-lecture-chinese', 'txt', 'lecture',
             'No mistake. The writer rounds every intermediate to 4 decimals and computes on with the rounded figures, so a few last digits differ from the exact values (rounding).')
    r = lambda x: rnd(x, 4)
    h1, h2 = r(L.h1), r(L.h2)
    io1 = r(M('0.1')*h1 - M('0.3')*h2); io2 = r(M('-0.5')*h1 + M('0.8')*h2)
    o1, o2 = r(sig(io1)), r(sig(io2))
    E = (o1-L.y1)**2/2 + (o2-L.y2)**2/2
    e1, e2 = r(o1-L.y1), r(o2-L.y2)
    s1, s2 = r(o1*(1-o1)), r(o2*(1-o2))
    c.p('第2题（讲义里的2-2-2网络，无偏置，学习率η = 1）')
    a, b = N(L.In_h1, 2), N(L.In_h2, 2)
    c.c(f'先算隐藏层的输入：In_h1 = 0.2×0.5 + 0.5×0.3 = {a}，In_h2 = −0.4×0.5 + 0.6×0.3 = −0.02。', a)
    a, b = N(h1, 4, exact=L.h1), N(h2, 4, exact=L.h2)
    c.c(f'经过sigmoid以后，隐藏层输出h1 = σ(0.25) ≈ {a}，h2 = σ(−0.02) ≈ {b}。', a, b)
    a, b = N(io1, 4, exact=L.In_o1, uminus=True), N(io2, 4, exact=L.In_o2)
    c.c(f'输出层的输入为In_o1 = 0.1×{h1} − 0.3×{N(h2,4)} ≈ {a}，In_o2 = −0.5×{h1} + 0.8×{N(h2,4)} ≈ {b}。', a, b)
    a, b = N(o1, 4, exact=L.o1), N(o2, 4, exact=L.o2)
    c.c(f'所以o1 = σ({N(io1,4,uminus=True)}) ≈ {a}，o2 = σ({N(io2,4)}) ≈ {b}。', a, b)
    a = N(E, 4, exact=L.E)
    c.c(f'误差Error = ½[({N(o1,4)} − 0.23)² + ({N(o2,4)} + 0.07)²] ≈ {a}。', a)
    c.t('下面做反向传播，讲义里δ5就是∂Error/∂w5。')
    a, b = N(e1, 4, exact=L.dE_o1), N(e2, 4, exact=L.dE_o2)
    c.c(f'先求∂Error/∂o1 = o1 − y1 ≈ {a}，∂Error/∂o2 = o2 − y2 ≈ {b}。', a, b)
    a, b = N(s1, 4, exact=L.s1), N(s2, 4, exact=L.s2)
    c.c(f'sigmoid的导数是o(1−o)，所以o1(1−o1) ≈ {a}，o2(1−o2) ≈ {b}。', a, b)
    g5, g7 = e1*s1*h1, e1*s1*h2
    a, b = N(g5, 4, exact=L.g[5]), N(g7, 4, exact=L.g[7])
    c.c(f'于是δ5 = {N(e1,4)} × {N(s1,4)} × {N(h1,4)} ≈ {a}，同理δ7 = {N(e1,4)} × {N(s1,4)} × {N(h2,4)} ≈ {b}。', a, b)
    g6, g8 = e2*s2*h1, e2*s2*h2
    a, b = N(g6, 4, exact=L.g[6]), N(g8, 4, exact=L.g[8])
    c.c(f'对第二个输出，δ6 = {N(e2,4)} × {N(s2,4)} × {N(h1,4)} ≈ {a}，δ8 = {N(e2,4)} × {N(s2,4)} × {N(h2,4)} ≈ {b}。', a, b)
    do1, do2 = r(e1*s1), r(e2*s2)
    a, b = N(do1, 4, exact=L.d_o1), N(do2, 4, exact=L.d_o2)
    c.c(f'为了往回传，先记输出层的误差信号：{a}（o1）和{b}（o2）。', a, b)
    bh1 = r(do1*M('0.1') + do2*M('-0.5')); bh2 = r(do1*M('-0.3') + do2*M('0.8'))
    a, b = N(bh1, 4, exact=L.back_h1, uminus=True), N(bh2, 4, exact=L.back_h2)
    c.c(f'传到h1的是{N(do1,4)}×0.1 + {N(do2,4)}×(−0.5) ≈ {a}，传到h2的是{N(do1,4)}×(−0.3) + {N(do2,4)}×0.8 ≈ {b}。', a, b)
    sh1, sh2 = r(h1*(1-h1)), r(h2*(1-h2))
    a, b = N(sh1, 4, exact=L.sh1), N(sh2, 4, exact=L.sh2)
    c.c(f'h1(1−h1) ≈ {a}，h2(1−h2) ≈ {b}。', a, b)
    g1, g3 = bh1*sh1*L.x1, bh1*sh1*L.x2
    g2, g4 = bh2*sh2*L.x1, bh2*sh2*L.x2
    a, b = N(g1, 5, exact=L.g[1], uminus=True), N(g3, 5, exact=L.g[3], uminus=True)
    c.c(f'因此δ1 = {N(bh1,4,uminus=True)} × {N(sh1,4)} × 0.5 ≈ {a}，δ3 = {N(bh1,4,uminus=True)} × {N(sh1,4)} × 0.3 ≈ {b}。', a, b)
    a, b = N(g2, 5, exact=L.g[2]), N(g4, 5, exact=L.g[4])
    c.c(f'δ2 = {N(bh2,4)} × {N(sh2,4)} × 0.5 ≈ {a}，δ4 = {N(bh2,4)} × {N(sh2,4)} × 0.3 ≈ {b}。', a, b)
    c.p('最后按w′ = w − η·δ更新（η = 1）：')
    ns = [N(L.w[i] - gg, 4, exact=L.new[i], uminus=True) for i, gg in ((5, g5), (6, g6), (7, g7), (8, g8))]
    c.c('w5′ ≈ {}，w6′ ≈ {}，w7′ ≈ {}，w8′ ≈ {}；'.format(*ns), *ns)
    ns = [N(L.w[i] - gg, 4, exact=L.new[i], uminus=True) for i, gg in ((1, g1), (2, g2), (3, g3), (4, g4))]
    c.c('w1′ ≈ {}，w2′ ≈ {}，w3′ ≈ {}，w4′ ≈ {}。'.format(*ns), *ns)
    return c

def c05():
    c = Case('05-lecture-tables', 'md', 'lecture',
             'Mistake on line 20: h1 = 0.56218 is copied as 0.52618 in the w6 row, so dError/dw6 and the new w6 on that row are wrong. Nothing later uses them.')
    c.t('**Q2, lecture network: forward pass**')
    c.t('')
    c.t('| quantity | formula | value |')
    c.t('|---|---|---|')
    for name, form, val, nd in (('In_h1', 'w1·x1 + w3·x2', L.In_h1, 2), ('In_h2', 'w2·x1 + w4·x2', L.In_h2, 2),
                                ('h1', 'σ(In_h1)', L.h1, 5), ('h2', 'σ(In_h2)', L.h2, 5),
                                ('In_o1', 'w5·h1 + w7·h2', L.In_o1, 5), ('In_o2', 'w6·h1 + w8·h2', L.In_o2, 5),
                                ('o1', 'σ(In_o1)', L.o1, 5), ('o2', 'σ(In_o2)', L.o2, 5)):
        a = N(val, nd, uminus=True)
        c.c(f'| {name} | {form} | {a} |', a)
    c.t('')
    c.t('Backward (δ5 … δ8 are ∂Error/∂w as in the notes):')
    c.t('')
    c.p('| weight | (o−y)·o(1−o) | × input | ∂Error/∂w | new w (η = 1) |')
    c.t('|---|---|---|---|---|')
    rows = ((5, L.d_o1, 'h1', L.h1), (7, L.d_o1, 'h2', L.h2), (6, L.d_o2, 'h1', L.h1), (8, L.d_o2, 'h2', L.h2))
    for i, d, hn, hv in rows:
        a = N(d, 6)
        if i == 6:
            slip = M('0.52618')
            b = N(slip, 5, exact=hv, tag='mistake')
            g = N(d*slip, 6, exact=L.g[6], tag='mistake')
            w = N(L.w[6] - d*slip, 6, exact=L.new[6], tag='mistake', uminus=True)
        else:
            b = N(hv, 5); g = N(L.g[i], 6); w = N(L.new[i], 6, uminus=True)
        c.c(f'| w{i} | {a} | {hn} = {b} | {g} | {w} |', a, b, g, w)
    c.t('')
    c.t('| hidden unit | Σ δ_o·w (weights leaving it) | h(1−h) | δ_h |')
    c.t('|---|---|---|---|')
    a, b, d, e, f = N(L.d_o1, 6), N(L.d_o2, 6), N(L.back_h1, 6, uminus=True), N(L.sh1, 6), N(L.d_h1, 6, uminus=True)
    c.c(f'| h1 | {a}·0.1 + {b}·(−0.5) = {d} | {e} | {f} |', a, b, d, e, f)
    d, e, f = N(L.back_h2, 6), N(L.sh2, 6), N(L.d_h2, 6)
    c.c(f'| h2 | {a}·(−0.3) + {b}·0.8 = {d} | {e} | {f} |', a, b, d, e, f)
    c.t('')
    ns = [N(L.g[i], 6, uminus=True) for i in (1, 3, 2, 4)]
    c.c('∂Error/∂w1 = {}, ∂Error/∂w3 = {}, ∂Error/∂w2 = {}, ∂Error/∂w4 = {}'.format(*ns), *ns)
    ns = [N(L.new[i], 6, uminus=True) for i in (1, 3, 2, 4)]
    c.c("w1' = {}, w3' = {}, w2' = {}, w4' = {}".format(*ns), *ns)
    return c

def c06():
    c = Case('06-lecture-marking-key', 'txt', 'lecture',
             'No mistake. Marking key with graders\' margin notes on the right; the margin figures (3 s.f. values, the value obtained without o(1-o)) are correct too.')
    c.t('Q2 marking key (lecture net)                                  | margin notes for graders')
    c.t('----------------------------------------------------------------+-------------------------')
    c.c('In_h1 = 0.25, In_h2 = -0.02                                     | accept -0.020')
    a, b, d, e = N(L.h1, 6), N(L.h2, 6), N(L.h1, 3), N(L.h2, 3)
    c.c(f'h1 = {a}, h2 = {b}                                   | 3 s.f. fine: {d} / {e}', a, b, d, e)
    a = N(L.In_o1, 6)
    c.c(f'In_o1 = 0.1({N(L.h1,6)}) - 0.3({N(L.h2,6)}) = {a}              | -1 if w6 is used here (row/column mix-up)', a)
    a = N(L.In_o2, 6)
    c.c(f'In_o2 = -0.5({N(L.h1,6)}) + 0.8({N(L.h2,6)}) = {a}              |', a)
    a, b, d, e = N(L.o1, 6), N(L.o2, 6), N(L.E, 6), N(L.E, 2)
    c.c(f'o1 = {a}, o2 = {b}, Error = {d}                 | Error = {e} is enough', a, b, d, e)
    a, b = N(L.dE_o1, 6), N(L.dE_o2, 6)
    c.c(f'dE/do1 = o1 - y1 = {a},  dE/do2 = o2 + 0.07 = {b}         | watch the sign of y2', a, b)
    a, b = N(L.s1, 6), N(L.s2, 6)
    c.c(f'o1(1-o1) = {a},  o2(1-o2) = {b}                           |', a, b)
    a, b = N(L.g[5], 6), N(L.dE_o1*L.h1, 4)
    c.c(f'grad w5 = {N(L.dE_o1,6)}*{N(L.s1,6)}*{N(L.h1,6)} = {a}               | dropping o(1-o) gives {b}: 1/3 marks', a, b)
    a, b, d = N(L.g[7], 6), N(L.g[6], 6), N(L.g[8], 6)
    c.c(f'grad w7 = {a},  grad w6 = {b},  grad w8 = {d}        |', a, b, d)
    a, b, d = N(L.d_o1, 6), N(L.d_o2, 6), N(L.back_h1, 6)
    c.c(f'back to h1: {a}(0.1) + {b}(-0.5) = {d}                  | uses w5, w6 (the weights leaving h1)', a, b, d)
    d = N(L.back_h2, 6)
    c.c(f'back to h2: {a}(-0.3) + {b}(0.8) = {d}                  | uses w7, w8', a, b, d)
    a, b = N(L.back_h1, 6), N(L.sh1, 6)
    c.c(f'grad w1 = {a}*{b}*0.5 = {N(L.g[1],6)}                    |', a, b, N(L.g[1], 6))
    c.c(f'grad w3 = {a}*{b}*0.3 = {N(L.g[3],6)}                    |', a, b, N(L.g[3], 6))
    a, b = N(L.back_h2, 6), N(L.sh2, 6)
    c.c(f'grad w2 = {a}*{b}*0.5 = {N(L.g[2],6)},  grad w4 = {N(L.g[4],6)}    |', a, b, N(L.g[2], 6), N(L.g[4], 6))
    c.p('eta = 1, so new w = w - grad:                                   |')
    ns = [N(L.new[i], 6) for i in (1, 2, 3, 4)]
    c.c('w1..w4 -> {}, {}, {}, {}                  | full marks need the minus sign'.format(*ns), *ns)
    ns = [N(L.new[i], 6) for i in (5, 6, 7, 8)]
    c.c('w5..w8 -> {}, {}, {}, {}                  |'.format(*ns), *ns)
    return c

def CASES():
    return [c01(), c02(), c03(), c04(), c05(), c06()]

if __name__ == '__main__':
    for c in CASES():
        print('=====', c.name); print(c.text()); print(c.toml())
