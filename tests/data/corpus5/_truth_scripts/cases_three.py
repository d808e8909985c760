from lib import Case, Num as N, rnd, sig, M, mp
from values import T

def upd(w, g):
    return w - T.eta*g

def c11():
    c = Case('11-three-layer-vectors', 'md', 'three_layer',
             'No mistake. Vector/matrix form; ReLU unit 2 is inactive (pre-activation -0.119538), so theta2, v21, v23 get zero gradient.')
    c.t('### 2-3-2-1 network, one gradient step (eta 0.5)')
    c.p(r'Notation: $z = Wx + \beta$ for the tanh layer, $a = \tanh z$; $u = Va + \gamma$ for the ReLU pre-activations, so $net_h = \mathrm{relu}(u)$; $s = \theta_1 net_{h1} + \theta_2 net_{h2} + \theta_0$.')
    c.t('')
    c.c(r'$z = Wx + \beta = (0.3 + 0.2 + 0.05,\ 0.2 - 0.8 - 0.1,\ -0.5 - 0.2 + 0.2) = (0.55,\ -0.7,\ -0.5)$')
    A = [N(T.a1, 6), N(T.a2, 6), N(T.a3, 6)]
    c.c(r'$a = \tanh z = ({},\ {},\ {})$'.format(*A), *A)
    u1 = N(T.u1, 6)
    c.c(rf'$u_1 = 0.7({A[0]}) - 0.6({A[1]}) + 0.5({A[2]}) + 0.1 = {u1}$', *A, u1)
    u2 = N(T.u2, 6)
    c.c(rf'$u_2 = 0.3({A[0]}) + 0.8({A[2]}) + 0.1 = {u2}$, so $net_h = ({u1},\ 0)$', A[0], A[2], u2, u1)
    s, o, Lo = N(T.s, 6), N(T.out, 6), N(T.loss, 6)
    c.c(rf'$s = 1.2({u1}) - 0.7(0) + 0.05 = {s}$, $out = \sigma(s) = {o}$, $L = \tfrac12(out-1)^2 = {Lo}$', u1, s, o, Lo)
    c.t('')
    c.t('Backward:')
    a, b, d = N(T.dL_out, 6), N(T.sp, 6), N(T.d_s, 6)
    c.c(rf'$\delta_s = (out - 1)\,out\,(1 - out) = {a} \times {b} = {d}$', a, b, d)
    a, b = N(T.g_th1, 6), N(T.g_th0, 6)
    c.c(rf'$\nabla_\theta L = \delta_s\, net_h = ({a},\ 0)$, $\partial L/\partial\theta_0 = \delta_s = {b}$', a, b)
    a = N(T.d_u1, 6)
    c.c(rf'$\delta_u = \delta_s\,(\theta_1, \theta_2) \odot \mathbb{{1}}[u>0] = ({a},\ 0)$ (unit 2 is off)', a)
    G = [N(T.g_v11, 6), N(T.g_v12, 6), N(T.g_v13, 6)]
    c.c(r'$\nabla_V L = \delta_u a^\top$: row 1 $= ({},\ {},\ {})$, row 2 $= (0,\ 0)$ for $v_{{21}}, v_{{23}}$; $\partial L/\partial\gamma = {}$'.format(*G, N(T.g_gam, 6)), *G, N(T.g_gam, 6))
    D = [N(T.da1, 6), N(T.da2, 6), N(T.da3, 6)]
    c.c(r'$V^\top\delta_u = (0.7,\ -0.6,\ 0.5)\,({}) = ({},\ {},\ {})$'.format(a, *D), a, *D)
    P = [N(T.t1p, 6), N(T.t2p, 6), N(T.t3p, 6)]
    c.c(r'$1 - a\odot a = ({},\ {},\ {})$'.format(*P), *P)
    Dz = [N(T.d_z1, 6), N(T.d_z2, 6), N(T.d_z3, 6)]
    c.c(r'$\delta_z = V^\top\delta_u \odot (1 - a\odot a) = ({},\ {},\ {})$'.format(*Dz), *Dz)
    GW = [N(x, 6) for x in (T.g_w11, T.g_w12, T.g_w21, T.g_w22, T.g_w31, T.g_w32)]
    c.c(r'$\nabla_W L = \delta_z x^\top = \begin{{pmatrix}} {} & {} \\ {} & {} \\ {} & {} \end{{pmatrix}}$, $\nabla_\beta L = \delta_z$'.format(*GW), *GW)
    c.t('')
    a, b = N(upd(T.th1, T.g_th1), 6), N(upd(T.th0, T.g_th0), 6)
    c.c(rf'Update: $\theta_1 = {a}$, $\theta_2 = -0.7$ (unchanged), $\theta_0 = {b}$', a, b)
    V = [N(upd(T.v11, T.g_v11), 6), N(upd(T.v12, T.g_v12), 6), N(upd(T.v13, T.g_v13), 6), N(upd(T.gam, T.g_gam), 6)]
    c.c(r'$v_{{11}} = {},\ v_{{12}} = {},\ v_{{13}} = {}$, $v_{{21}}, v_{{23}}$ unchanged, $\gamma = {}$'.format(*V), *V)
    W = [N(upd(w, g), 6) for w, g in ((T.w11, T.g_w11), (T.w12, T.g_w12), (T.w21, T.g_w21), (T.w22, T.g_w22), (T.w31, T.g_w31), (T.w32, T.g_w32))]
    c.c(r'$w_{{11}} = {},\ w_{{12}} = {},\ w_{{21}} = {},\ w_{{22}} = {},\ w_{{31}} = {},\ w_{{32}} = {}$'.format(*W), *W)
    B = [N(upd(T.b1, T.g_b1), 6), N(upd(T.b2, T.g_b2), 6), N(upd(T.b3, T.g_b3), 6)]
    c.c(r'$\beta = ({},\ {},\ {})$'.format(*B), *B)
    return c

def c12():
    c = Case('12-three-layer-phone', 'txt', 'three_layer',
             'Mistake on line 14: the tanh derivative is taken as 1 - tanh instead of 1 - tanh^2. Carried into dz1..dz3 and all first-layer weight and bias updates.')
    r = lambda x: rnd(x, 4)
    a1, a2, a3 = r(T.a1), r(T.a2), r(T.a3)
    c.t('3 layer net q, working on my phone sorry for format')
    c.c(f'z1 = 0.3*1 + (-0.1)(-2) + 0.05 = 0.55, a1 = tanh(0.55) = {N(a1,4,exact=T.a1)}', N(a1, 4, exact=T.a1))
    c.c(f'z2 = 0.2 - 0.8 - 0.1 = -0.7, a2 = {N(a2,4,exact=T.a2)}', N(a2, 4, exact=T.a2))
    c.c(f'z3 = -0.5 - 0.2 + 0.2 = -0.5, a3 = {N(a3,4,exact=T.a3)}', N(a3, 4, exact=T.a3))
    u1 = M('0.7')*a1 - M('0.6')*a2 + M('0.5')*a3 + M('0.1')
    u2 = M('0.3')*a1 + M('0.8')*a3 + M('0.1')
    c.c(f'u1 = .7*.{str(N(a1,4))[2:]} - .6*(-.{str(N(-a2,4))[2:]}) + .5*(-.{str(N(-a3,4))[2:]}) + .1 = {N(u1,4,exact=T.u1)} so net_h1 = {N(u1,4,exact=T.n1)}', N(u1, 4, exact=T.u1), N(u1, 4, exact=T.n1))
    c.c(f'u2 = .3*.{str(N(a1,4))[2:]} + .8*(-.{str(N(-a3,4))[2:]}) + .1 = {N(u2,4,exact=T.u2)} -> relu gives net_h2 = 0', N(u2, 4, exact=T.u2))
    u1r = r(u1)
    s = M('1.2')*u1r + M('0.05'); sr = r(s); o = r(sig(sr))
    c.c(f's = 1.2*{N(u1r,4)} + 0.05 = {N(s,4,exact=T.s)}, out = {N(o,4,exact=T.out)}', N(s, 4, exact=T.s), N(o, 4, exact=T.out))
    c.c(f'loss = 0.5*({N(o,4)}-1)^2 = {N((o-1)**2/2,4,exact=T.loss)}', N((o-1)**2/2, 4, exact=T.loss))
    ds = (o-1)*o*(1-o); dsr = r(ds)
    c.c(f'dL/ds = ({N(o,4)}-1)*{N(o,4)}*{N(1-o,4)} = {N(ds,4,exact=T.d_s)}', N(ds, 4, exact=T.d_s))
    t1 = T.th1 - T.eta*dsr*u1r; t0 = T.th0 - T.eta*dsr
    c.c(f'theta1 -= 0.5*({N(dsr,4)}*{N(u1r,4)}) -> {N(t1,4,exact=upd(T.th1,T.g_th1))}, theta0 -> {N(t0,4,exact=upd(T.th0,T.g_th0))}, theta2 stays -0.7 (net_h2 = 0)', N(t1, 4, exact=upd(T.th1, T.g_th1)), N(t0, 4, exact=upd(T.th0, T.g_th0)))
    du1 = r(dsr*M('1.2'))
    c.c(f'dL/du1 = {N(dsr,4)}*1.2 = {N(du1,4,exact=T.d_u1)} ; dL/du2 = 0 (relu off)', N(du1, 4, exact=T.d_u1))
    v11 = T.v11 - T.eta*du1*a1; v12 = T.v12 - T.eta*du1*a2; v13 = T.v13 - T.eta*du1*a3; gm = T.gam - T.eta*du1
    c.c(f'v11 -> {N(v11,4,exact=upd(T.v11,T.g_v11))}, v12 -> {N(v12,4,exact=upd(T.v12,T.g_v12))}, v13 -> {N(v13,4,exact=upd(T.v13,T.g_v13))}, gamma -> {N(gm,4,exact=upd(T.gam,T.g_gam))} (v21, v23 no change)',
        N(v11, 4, exact=upd(T.v11, T.g_v11)), N(v12, 4, exact=upd(T.v12, T.g_v12)), N(v13, 4, exact=upd(T.v13, T.g_v13)), N(gm, 4, exact=upd(T.gam, T.g_gam)))
    da1, da2, da3 = r(du1*M('0.7')), r(du1*M('-0.6')), r(du1*M('0.5'))
    c.c(f'back to a: da1 = {N(du1,4)}*0.7 = {N(da1,4,exact=T.da1)}, da2 = {N(du1,4)}*(-0.6) = {N(da2,4,exact=T.da2)}, da3 = {N(du1,4)}*0.5 = {N(da3,4,exact=T.da3)}',
        N(da1, 4, exact=T.da1), N(da2, 4, exact=T.da2), N(da3, 4, exact=T.da3))
    p1, p2, p3 = 1-a1, 1-a2, 1-a3
    c.c(f"tanh' = 1 - tanh so 1-a1 = {N(p1,4,exact=T.t1p,tag='mistake')}, 1-a2 = {N(p2,4,exact=T.t2p,tag='mistake')}, 1-a3 = {N(p3,4,exact=T.t3p,tag='mistake')}",
        N(p1, 4, exact=T.t1p, tag='mistake'), N(p2, 4, exact=T.t2p, tag='mistake'), N(p3, 4, exact=T.t3p, tag='mistake'))
    z1, z2, z3 = r(da1*p1), r(da2*p2), r(da3*p3)
    K = dict(tag='carried')
    c.c(f'dz1 = {N(da1,4)}*{N(p1,4)} = {N(z1,4,exact=T.d_z1,**K)}, dz2 = {N(da2,4)}*{N(p2,4)} = {N(z2,4,exact=T.d_z2,**K)}, dz3 = {N(da3,4)}*{N(p3,4)} = {N(z3,4,exact=T.d_z3,**K)}',
        N(z1, 4, exact=T.d_z1, **K), N(z2, 4, exact=T.d_z2, **K), N(z3, 4, exact=T.d_z3, **K))
    w11, w12 = T.w11 - T.eta*z1*T.x1, T.w12 - T.eta*z1*T.x2
    c.c(f'w11 = 0.3 - 0.5*({N(z1,4)})(1) = {N(w11,4,exact=upd(T.w11,T.g_w11),**K)}, w12 = -0.1 - 0.5*({N(z1,4)})(-2) = {N(w12,4,exact=upd(T.w12,T.g_w12),**K)}',
        N(w11, 4, exact=upd(T.w11, T.g_w11), **K), N(w12, 4, exact=upd(T.w12, T.g_w12), **K))
    w21, w22 = T.w21 - T.eta*z2*T.x1, T.w22 - T.eta*z2*T.x2
    c.c(f'w21 = 0.2 - 0.5*{N(z2,4)} = {N(w21,5,exact=upd(T.w21,T.g_w21),**K)}, w22 = 0.4 + {N(z2,4)} = {N(w22,4,exact=upd(T.w22,T.g_w22),**K)}',
        N(w21, 5, exact=upd(T.w21, T.g_w21), **K), N(w22, 4, exact=upd(T.w22, T.g_w22), **K))
    w31, w32 = T.w31 - T.eta*z3*T.x1, T.w32 - T.eta*z3*T.x2
    c.c(f'w31 = -0.5 + {N(-T.eta*z3,4)} = {N(w31,4,exact=upd(T.w31,T.g_w31),**K)}, w32 = 0.1 - {N(-z3,4)} = {N(w32,4,exact=upd(T.w32,T.g_w32),**K)}',
        N(w31, 4, exact=upd(T.w31, T.g_w31), **K), N(w32, 4, exact=upd(T.w32, T.g_w32), **K))
    b1, b2, b3 = T.b1 - T.eta*z1, T.b2 - T.eta*z2, T.b3 - T.eta*z3
    c.c(f'betas: b1 = 0.05 + {N(-T.eta*z1,4)} = {N(b1,4,exact=upd(T.b1,T.g_b1),**K)}, b2 = -0.1 - {N(T.eta*z2,5)} = {N(b2,5,exact=upd(T.b2,T.g_b2),**K)}, b3 = 0.2 + {N(-T.eta*z3,4)} = {N(b3,4,exact=upd(T.b3,T.g_b3),**K)}',
        N(b1, 4, exact=upd(T.b1, T.g_b1), **K), N(b2, 5, exact=upd(T.b2, T.g_b2), **K), N(b3, 4, exact=upd(T.b3, T.g_b3), **K))
    return c

def c13():
    c = Case('13-three-layer-jupyter', 'txt', 'three_layer',
             'No mistake. IPython session; u1, u2 are the ReLU pre-activations (net_h1 = relu(u1), net_h2 = relu(u2)).')
    c.t('In [1]: import numpy as np')
    c.p('In [2]: x = np.array([1., -2.]); W = np.array([[0.3, -0.1], [0.2, 0.4], [-0.5, 0.1]]); beta = np.array([0.05, -0.1, 0.2])')
    c.c('In [3]: a = np.tanh(W @ x + beta); a.round(6)')
    A = [N(T.a1, 5), N(T.a2, 6), N(T.a3, 6)]
    c.c('Out[3]: array([ {} , {}, {}])'.format(*A), *A)
    c.c('In [4]: u1 = 0.7*a[0] - 0.6*a[1] + 0.5*a[2] + 0.1; u2 = 0.3*a[0] + 0.8*a[2] + 0.1   # pre-activations of h1, h2')
    c.t('In [5]: round(u1, 10), round(u2, 10)')
    a, b = N(T.u1, 10), N(T.u2, 10)
    c.c(f'Out[5]: ({a}, {b})', a, b)
    c.c('In [6]: net = np.maximum([u1, u2], 0); s = 1.2*net[0] - 0.7*net[1] + 0.05; out = 1/(1 + np.exp(-s))')
    c.t('In [7]: print(f"{s:.8f} {out:.8f} {0.5*(out - 1)**2:.8f}")')
    a, b, d = N(T.s, 8), N(T.out, 8), N(T.loss, 8)
    c.c(f'{a} {b} {d}', a, b, d)
    c.c('In [8]: ds = (out - 1)*out*(1 - out); g_theta1 = ds*net[0]; g_u1 = ds*1.2   # g_u2 = 0, relu off')
    c.t('In [9]: round(ds, 8), round(g_theta1, 8), round(g_u1, 8)')
    a, b, d = N(T.d_s, 8), N(T.g_th1, 8), N(T.d_u1, 8)
    c.c(f'Out[9]: ({a}, {b}, {d})', a, b, d)
    c.c('In [10]: g_v1 = g_u1*a; g_v1.round(6)     # v11, v12, v13; v21, v23 get 0')
    G = [N(T.g_v11, 5), N(T.g_v12, 6), N(T.g_v13, 6)]
    c.c('Out[10]: array([{} ,  {},  {}])'.format(*G), *G)
    c.c('In [11]: dz = g_u1*np.array([0.7, -0.6, 0.5])*(1 - a**2); dz.round(6)')
    Dz = [N(T.d_z1, 6), N(T.d_z2, 6), N(T.d_z3, 6)]
    c.c('Out[11]: array([{},  {}, {}])'.format(*Dz), *Dz)
    c.c('In [12]: gW = np.outer(dz, x); (W - 0.5*gW).round(4)')
    c.t('Out[12]:')
    def f(x):
        v = rnd(x, 4)
        n = N(x, 4)
        s = str(n).rstrip('0')
        nd = len(s.split('.')[1])
        return N(x, nd)
    W = [f(upd(w, g)) for w, g in ((T.w11, T.g_w11), (T.w12, T.g_w12), (T.w21, T.g_w21), (T.w22, T.g_w22), (T.w31, T.g_w31), (T.w32, T.g_w32))]
    def cell(n):
        s = str(n)
        s = (' ' + s) if not s.startswith('-') else s
        return s.ljust(7)
    c.c('array([[{}, {}],'.format(cell(W[0]), cell(W[1]).rstrip()), W[0], W[1])
    c.c('       [{}, {}],'.format(cell(W[2]), cell(W[3]).rstrip()), W[2], W[3])
    c.c('       [{}, {}]])'.format(cell(W[4]), cell(W[5]).rstrip()), W[4], W[5])
    c.t('In [13]: round(0.05 - 0.5*ds, 6), round(0.1 - 0.5*g_u1, 6), round(1.2 - 0.5*g_theta1, 6)   # theta0, gamma, theta1')
    a, b, d = N(upd(T.th0, T.g_th0), 6), N(upd(T.gam, T.g_gam), 6), N(upd(T.th1, T.g_th1), 6)
    c.c(f'Out[13]: ({a}, {b}, {d})', a, b, d)
    return c

def c14():
    c = Case('14-three-layer-chinese-equation', 'tex', 'three_layer',
             'Mistake on line 11: sign error, dL/dout written as 1 - out instead of out - 1. Every later gradient and update carries the wrong sign.')
    r = lambda x: rnd(x, 4)
    a1, a2, a3 = r(T.a1), r(T.a2), r(T.a3)
    c.t(r'\section*{三层网络（2-3-2-1）的一次梯度下降}')
    c.p(r'记第一层预激活为 $z_i$，ReLU 层的预激活为 $u_1, u_2$，即 $net_{h1} = \mathrm{relu}(u_1)$，$net_{h2} = \mathrm{relu}(u_2)$。')
    c.c(rf'前向：$z = (0.55, -0.7, -0.5)$，$a = \tanh z = ({N(a1,4,exact=T.a1)}, {N(a2,4,exact=T.a2)}, {N(a3,4,exact=T.a3)})$。', N(a1, 4, exact=T.a1), N(a2, 4, exact=T.a2), N(a3, 4, exact=T.a3))
    c.t(r'\begin{equation}')
    u1 = M('0.7')*a1 - M('0.6')*a2 + M('0.5')*a3 + M('0.1'); u2 = M('0.3')*a1 + M('0.8')*a3 + M('0.1')
    c.c(rf'u_1 = 0.7a_1 - 0.6a_2 + 0.5a_3 + 0.1 = {N(u1,4,exact=T.u1)},\qquad u_2 = 0.3a_1 + 0.8a_3 + 0.1 = {N(u2,4,exact=T.u2)}', N(u1, 4, exact=T.u1), N(u2, 4, exact=T.u2))
    c.t(r'\end{equation}')
    u1r = r(u1); s = r(M('1.2')*u1r + M('0.05')); o = r(sig(s))
    c.c(rf'所以 $net_{{h1}} = {N(u1r,4,exact=T.n1)}$，$net_{{h2}} = 0$，输出 $out = \sigma(1.2 \times {N(u1r,4)} + 0.05) = \sigma({N(s,4,exact=T.s)}) = {N(o,4,exact=T.out)}$。', N(u1r, 4, exact=T.n1), N(s, 4, exact=T.s), N(o, 4, exact=T.out))
    c.c(rf'损失 $L = \tfrac12({N(o,4)} - 1)^2 = {N((o-1)**2/2,4,exact=T.loss)}$。', N((o-1)**2/2, 4, exact=T.loss))
    c.t(r'反向传播：')
    c.t(r'\begin{equation}')
    c.c(rf'\frac{{\partial L}}{{\partial out}} = 1 - out = {N(1-o,4,exact=T.dL_out,tag="mistake")}', N(1-o, 4, exact=T.dL_out, tag='mistake'))
    c.t(r'\end{equation}')
    c.t(r'\begin{equation}')
    K = dict(tag='carried')
    d = (1-o)*o*(1-o); dr = r(d)
    c.c(rf'\delta = \frac{{\partial L}}{{\partial s}} = {N(1-o,4)} \times {N(o,4)} \times {N(1-o,4)} = {N(d,4,exact=T.d_s,**K)}', N(d, 4, exact=T.d_s, **K))
    c.t(r'\end{equation}')
    gt1 = r(dr*u1r)
    c.c(rf'因此 $\partial L/\partial\theta_1 = {N(dr,4)} \times {N(u1r,4)} = {N(gt1,4,exact=T.g_th1,**K)}$，$\partial L/\partial\theta_2 = 0$，$\partial L/\partial\theta_0 = {N(dr,4,exact=T.g_th0,**K)}$。', N(gt1, 4, exact=T.g_th1, **K), N(dr, 4, exact=T.g_th0, **K))
    t1 = T.th1 - T.eta*gt1; t0 = T.th0 - T.eta*dr
    c.c(rf'更新：$\theta_1 = 1.2 - 0.5 \times {N(gt1,4)} = {N(t1,5,exact=upd(T.th1,T.g_th1),**K)}$，$\theta_0 = 0.05 - {N(T.eta*dr,3)} = {N(t0,3,exact=upd(T.th0,T.g_th0),**K)}$，$\theta_2$ 不变。', N(t1, 5, exact=upd(T.th1, T.g_th1), **K), N(t0, 3, exact=upd(T.th0, T.g_th0), **K))
    du1 = r(dr*M('1.2'))
    c.c(rf'ReLU 层：$\partial L/\partial u_1 = {N(dr,4)} \times 1.2 = {N(du1,4,exact=T.d_u1,**K)}$，$u_2 < 0$ 故 $\partial L/\partial u_2 = 0$。', N(du1, 4, exact=T.d_u1, **K))
    c.t(r'\begin{equation}')
    g11, g12 = r(du1*a1), r(du1*a2)
    c.c(rf'\frac{{\partial L}}{{\partial v_{{11}}}} = {N(du1,4)} \times {N(a1,4)} = {N(g11,4,exact=T.g_v11,**K)},\quad \frac{{\partial L}}{{\partial v_{{12}}}} = {N(du1,4)} \times ({N(a2,4)}) = {N(g12,4,exact=T.g_v12,**K)}', N(g11, 4, exact=T.g_v11, **K), N(g12, 4, exact=T.g_v12, **K))
    c.t(r'\end{equation}')
    v11, v12, gm = T.v11 - T.eta*g11, T.v12 - T.eta*g12, T.gam - T.eta*du1
    c.c(rf'于是 $v_{{11}} \leftarrow 0.7 - 0.5 \times {N(g11,4)} = {N(v11,4,exact=upd(T.v11,T.g_v11),**K)}$，$v_{{12}} \leftarrow -0.6 + 0.5 \times {N(-g12,4)} = {N(v12,4,exact=upd(T.v12,T.g_v12),**K)}$，$\gamma \leftarrow 0.1 - 0.5 \times {N(du1,4)} = {N(gm,4,exact=upd(T.gam,T.g_gam),**K)}$。',
        N(v11, 4, exact=upd(T.v11, T.g_v11), **K), N(v12, 4, exact=upd(T.v12, T.g_v12), **K), N(gm, 4, exact=upd(T.gam, T.g_gam), **K))
    return c

def CASES():
    return [c11(), c12(), c13(), c14()]

if __name__ == '__main__':
    for c in CASES():
        print('=====', c.name); print(c.text()); print(c.toml())
