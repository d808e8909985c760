from lib import Case, Num as N, rnd, sig, M, mp
from values import C

def c15():
    c = Case('15-circuit-gate-table', 'md', 'circuit',
             'No mistake. Gate-by-gate table; the result is checked against the sigmoid shortcut f(1-f).')
    c.p('Circuit f = 1/(1 + exp(−(w0·x0 + w1·x1 + w2))) at w0 = 2, x0 = −1, w1 = −3, x1 = −2, w2 = −3.')
    c.p('Node names: a = w0·x0, b = w1·x1, c = a + b, d = c + w2, e = −d, p = exp(e), q = p + 1, f = 1/q.')
    c.t('')
    c.t('| node | forward value | local gradient | ∂f/∂node |')
    c.t('|------|---------------|----------------|----------|')
    a = N(C.df_dg, 4, uminus=True)
    c.c(f'| f = 1/q | {N(C.f,4)} | ∂f/∂q = −1/q² = {a} | 1 |', N(C.f, 4), a)
    c.c(f'| q = p + 1 | {N(C.g,4)} | ∂q/∂p = 1 | {a} |', N(C.g, 4), a)
    c.c(f'| p = exp(e) | {N(C.ex,4)} | ∂p/∂e = exp(e) = {N(C.ex,4)} | {a} |', N(C.ex, 4), N(C.ex, 4), a)
    b = N(C.df_de, 4, uminus=True)
    c.c(f'| e = −d | −1 | ∂e/∂d = −1 | {a} × {N(C.ex,4)} = {b} |', a, N(C.ex, 4), b)
    d = N(C.df_dd, 4)
    c.c(f'| d = c + w2 | 1 | 1 (to c and to w2) | (−1) × ({b}) = {d} |', b, d)
    c.c(f'| c = a + b | 4 | 1 (to a and to b) | {d} |', d)
    c.c(f'| a = w0·x0 | −2 | ∂a/∂w0 = x0 = −1, ∂a/∂x0 = w0 = 2 | {d} |', d)
    c.c(f'| b = w1·x1 | 6 | ∂b/∂w1 = x1 = −2, ∂b/∂x1 = w1 = −3 | {d} |', d)
    c.t('')
    c.t('Reading off the inputs:')
    p, q = N(C.dw0, 4, uminus=True), N(C.dx0, 4)
    c.c(f'∂f/∂w0 = {d} × (−1) = {p},  ∂f/∂x0 = {d} × 2 = {q}', d, p, q)
    p, q = N(C.dw1, 4, uminus=True), N(C.dx1, 4, uminus=True)
    c.c(f'∂f/∂w1 = {d} × (−2) = {p},  ∂f/∂x1 = {d} × (−3) = {q}', d, p, q)
    c.c(f'∂f/∂w2 = {N(C.dw2,4)}', N(C.dw2, 4))
    c.c(f'Check with the sigmoid gate: f(1 − f) = {N(C.f,4)} × {N(1-C.f,4)} = {N(C.local,4)} ✓', N(C.f, 4), N(1-C.f, 4), N(C.local, 4))
    return c

def c16():
    c = Case('16-circuit-ta-key', 'txt', 'circuit',
             'Mistake on line 7: the local gradient of 1/v is written as -1/v instead of -1/v^2. Every later backward value is carried from it.')
    v = C.g
    gv = -1/v
    c.t('Q4 circuit, grading key                                   [margin: notes for markers]')
    c.p('names: s = w0*x0 + w1*x1 + w2, t = -s, u = exp(t), v = 1 + u, f = 1/v')
    c.c('fwd: w0*x0 = -2, w1*x1 = 6, s = 1                          | nearly everyone gets this far')
    c.c(f't = -1, u = e^-1 = {N(C.ex,5)}, v = {N(C.g,5)}, f = {N(C.f,5)}       | accept {N(C.f,3)}', N(C.ex, 5), N(C.g, 5), N(C.f, 5), N(C.f, 3))
    c.t('bwd (g_x means df/dx):')
    c.c('g_f = 1')
    K = dict(tag='carried')
    c.c(f'g_v = -1/v = {N(gv,5,exact=C.df_dg,tag="mistake")}                                  | check students use d(1/v)/dv here', N(gv, 5, exact=C.df_dg, tag='mistake'))
    c.c(f'g_u = g_v * 1 = {N(gv,5,exact=C.df_dex,**K)}', N(gv, 5, exact=C.df_dex, **K))
    gt = gv*C.ex
    c.c(f'g_t = g_u * e^t = {N(gv,5)} * {N(C.ex,5)} = {N(gt,5,exact=C.df_de,**K)}', N(gt, 5, exact=C.df_de, **K))
    gs = -gt
    c.c(f'g_s = g_t * (-1) = {N(gs,5,exact=C.df_dd,**K)}                             | losing this sign flip costs 1 mark', N(gs, 5, exact=C.df_dd, **K))
    c.c(f'g_w0 = g_s * x0 = {N(gs*C.x0,5,exact=C.dw0,**K)},  g_x0 = g_s * w0 = {N(gs*C.w0,5,exact=C.dx0,**K)}', N(gs*C.x0, 5, exact=C.dw0, **K), N(gs*C.w0, 5, exact=C.dx0, **K))
    c.c(f'g_w1 = g_s * x1 = {N(gs*C.x1,5,exact=C.dw1,**K)},  g_x1 = g_s * w1 = {N(gs*C.w1,5,exact=C.dx1,**K)}', N(gs*C.x1, 5, exact=C.dw1, **K), N(gs*C.w1, 5, exact=C.dx1, **K))
    c.c(f'g_w2 = g_s = {N(gs,5,exact=C.dw2,**K)}                                     | 1 mark each, 5 in total', N(gs, 5, exact=C.dw2, **K))
    return c

def c17():
    c = Case('17-circuit-code-comments', 'txt', 'circuit',
             'No mistake. Code-style lines with results in comments; the sigmoid-gate shortcut first, then the gate-by-gate check.')
    c.p('# circuit: f(w, x) = 1/(1 + np.exp(-(w0*x0 + w1*x1 + w2)))')
    c.p('w0, x0, w1, x1, w2 = 2, -1, -3, -2, -3')
    c.c('dot = w0*x0 + w1*x1 + w2          # = -2 + 6 - 3 = 1')
    c.c(f'f = 1/(1 + np.exp(-dot))          # = 1/(1 + {N(C.ex,8)}) = {N(C.f,8)}', N(C.ex, 8), N(C.f, 8))
    c.p('# sigmoid gate in one go: df/ddot = f*(1 - f)')
    c.c(f'ddot = f*(1 - f)                  # = {N(C.f,8)}*{N(1-C.f,8)} = {N(C.local,8)}', N(C.f, 8), N(1-C.f, 8), N(C.local, 8))
    c.c(f'dw0 = x0*ddot                     # = {N(C.dw0,8)}', N(C.dw0, 8))
    c.c(f'dx0 = w0*ddot                     # = {N(C.dx0,8)}', N(C.dx0, 8))
    c.c(f'dw1 = x1*ddot                     # = {N(C.dw1,8)}', N(C.dw1, 8))
    c.c(f'dx1 = w1*ddot                     # = {N(C.dx1,8)}', N(C.dx1, 8))
    c.c(f'dw2 = 1.0*ddot                    # = {N(C.dw2,8)}', N(C.dw2, 8))
    c.p('# the same thing gate by gate, as a check (q = 1 + exp(-dot), f = 1/q):')
    c.c(f'dq = -1/q**2                      # q = {N(C.g,8)}, so dq = {N(C.df_dg,8)}', N(C.g, 8), N(C.df_dg, 8))
    c.c(f'dexp = dq*1; dneg = dexp*np.exp(-dot)   # = {N(C.df_dex,8)}*{N(C.ex,8)} = {N(C.df_de,8)}', N(C.df_dex, 8), N(C.ex, 8), N(C.df_de, 8))
    c.c(f'ddot = -dneg                      # = {N(C.df_dd,8)}, same as above', N(C.df_dd, 8))
    return c

def c18():
    c = Case('18-circuit-chinese', 'txt', 'circuit',
             'Mistake on line 8: the x(-1) gate is treated as passing the gradient through unchanged (sign not flipped). Every later gradient carries the wrong sign.')
    r = lambda x: rnd(x, 3)
    ex = r(C.ex); g = r(1 + ex); f = r(1/g)
    c.p('计算图：记 a = w0·x0，b = w1·x1，c = a + b + w2，d = −c，e = exp(d)，g = 1 + e，f = 1/g。')
    c.c('代入 w0 = 2，x0 = −1，w1 = −3，x1 = −2，w2 = −3，得 a = −2，b = 6，c = 1。')
    c.c(f'于是 d = −1，e = exp(−1) ≈ {N(ex,3,exact=C.ex)}，g ≈ {N(g,3,exact=C.g)}，f = 1/{N(g,3)} ≈ {N(f,3,exact=C.f)}。', N(ex, 3, exact=C.ex), N(g, 3, exact=C.g), N(f, 3, exact=C.f))
    c.c('反向传播从 ∂f/∂f = 1 开始。')
    dg = -1/g**2
    c.c(f'倒数门的局部梯度是 −1/g²，所以 ∂f/∂g = −1/{N(g,3)}² ≈ {N(dg,3,exact=C.df_dg,uminus=True)}。', N(dg, 3, exact=C.df_dg, uminus=True))
    dgr = r(dg)
    c.c(f'加1门不改变梯度，∂f/∂e ≈ {N(dgr,3,exact=C.df_dex,uminus=True)}。', N(dgr, 3, exact=C.df_dex, uminus=True))
    dd = dgr*ex; ddr = r(dd)
    c.c(f'指数门的局部梯度就是 e 本身，∂f/∂d = {N(dgr,3,uminus=True)} × {N(ex,3)} ≈ {N(dd,3,exact=C.df_de,uminus=True)}。', N(dd, 3, exact=C.df_de, uminus=True))
    c.c(f'乘 −1 的门把梯度原样传回去，所以 ∂f/∂c ≈ {N(ddr,3,exact=C.df_dd,uminus=True,tag="mistake")}。', N(ddr, 3, exact=C.df_dd, uminus=True, tag='mistake'))
    K = dict(uminus=True, tag='carried')
    c.c(f'加法门把梯度分给每个输入：∂f/∂a = ∂f/∂b = ∂f/∂w2 ≈ {N(ddr,3,exact=C.df_dd,**K)}。', N(ddr, 3, exact=C.df_dd, **K))
    c.c(f'乘法门交换输入：∂f/∂w0 = x0 · ∂f/∂a = (−1)({N(ddr,3,uminus=True)}) = {N(-ddr,3,exact=C.dw0,**K)}，∂f/∂x0 = w0 · ∂f/∂a = 2 × ({N(ddr,3,uminus=True)}) = {N(2*ddr,3,exact=C.dx0,**K)}。', N(-ddr, 3, exact=C.dw0, **K), N(2*ddr, 3, exact=C.dx0, **K))
    c.c(f'同理 ∂f/∂w1 = x1 · ∂f/∂b = (−2)({N(ddr,3,uminus=True)}) = {N(-2*ddr,3,exact=C.dw1,**K)}，∂f/∂x1 = w1 · ∂f/∂b = (−3)({N(ddr,3,uminus=True)}) = {N(-3*ddr,3,exact=C.dx1,**K)}。', N(-2*ddr, 3, exact=C.dw1, **K), N(-3*ddr, 3, exact=C.dx1, **K))
    ns = [N(-ddr, 3, exact=C.dw0, **K), N(2*ddr, 3, exact=C.dx0, **K), N(-2*ddr, 3, exact=C.dw1, **K), N(-3*ddr, 3, exact=C.dx1, **K), N(ddr, 3, exact=C.dw2, **K)]
    c.c('结果：∂f/∂w0 ≈ {}，∂f/∂x0 ≈ {}，∂f/∂w1 ≈ {}，∂f/∂x1 ≈ {}，∂f/∂w2 ≈ {}。'.format(*ns), *ns)
    return c

def CASES():
    return [c15(), c16(), c17(), c18()]

if __name__ == '__main__':
    for c in CASES():
        print('=====', c.name); print(c.text()); print(c.toml())
