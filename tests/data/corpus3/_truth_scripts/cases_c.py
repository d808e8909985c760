from fw import *
from values import three_layer, circuit, sig
import mpmath as mp
M = mp.mpf
T, C = three_layer(1)[0], circuit()
d = lambda k, **kw: Fmt('dec', k, **kw)
sf = lambda k, **kw: Fmt('sf', k, **kw)
e = lambda k, **kw: Fmt('e', k, **kw)
tx = lambda k, **kw: Fmt('tex', k, **kw)
un = lambda k, **kw: Fmt('uni', k, **kw)
U = dict(minus='−')
r = lambda x, k: M(mp.nstr(x, k))
CASES = {}

# ---------- three_layer ----------
CASES['12-ta-key-three-layer'] = ('txt', 'three_layer', 'correct', [
 P('Q5 key (forward pass only). x = (1, -2), target 1.'),
 L('z_a1 = 0.3(1) - 0.1(-2) + 0.05 = {}  ->  a1 = tanh = {}', F(T['z1'], d(2)), F(T['a1'], d(4))),
 L('z_a2 = 0.2 - 0.8 - 0.1 = {}  ->  a2 = {}', F(T['z2'], d(1)), F(T['a2'], d(4))),
 L('z_a3 = -0.5 - 0.2 + 0.2 = {}  ->  a3 = {}', F(T['z3'], d(1)), F(T['a3'], d(4))),
 L('net_h1 = 0.7a1 - 0.6a2 + 0.5a3 + γ = {}  ->  ReLU = {}', F(T['u1'], d(4)), F(T['r1'], d(4))),
 L('net_h2 = 0.3a1 + 0.8a3 + γ = {}  ->  ReLU = {}', F(T['u2'], d(4)), F(T['r2'], d(0))),
 L('z_out = 1.2(0.5819) - 0.7(0) + 0.05 = {}', F(T['zo'], d(4))),
 L('out = σ(z_out) = {}', F(T['out'], d(4))),
 L('E = ½(1 - 0.6788)² = {}', F(T['E'], d(4))),
])

du2w = T['dout']*M('-0.7')
CASES['13-markdown-relu-three-layer'] = ('md', 'three_layer', 'mistake', [
 '### Backward pass, last two layers',
 '',
 L('Forward gave $out = {}$, $net_{{h1}} = {}$, $net_{{h2}} = {}$.', F(T['out'], d(6)), F(T['u1'], d(6)), F(T['u2'], d(6))),
 '',
 L('$$\\delta_{{out}} = (out - 1)\\,out\\,(1-out) = {}$$', F(T['dout'], d(6))),
 L('$$\\frac{{\\partial E}}{{\\partial \\theta_1}} = \\delta_{{out}}\\,\\mathrm{{ReLU}}(net_{{h1}}) = {}, \\qquad \\frac{{\\partial E}}{{\\partial \\theta_0}} = {}$$', F(T['gt1'], d(6)), F(T['gt0'], d(6))),
 L('$$\\delta_{{h1}} = \\delta_{{out}}\\,\\theta_1\\,\\mathrm{{ReLU}}\'(net_{{h1}}) = {}$$', F(T['du1'], d(6))),
 L('$$\\delta_{{h2}} = \\delta_{{out}}\\,\\theta_2\\,\\mathrm{{ReLU}}\'(net_{{h2}}) = {}$$', F(T['du2'], d(6), du2w), kind='mis'),
 '',
 L('$$\\frac{{\\partial E}}{{\\partial v_{{21}}}} = \\delta_{{h2}}\\,a_1 = {}$$', F(T['gv21'], d(6), M('0.049020')*M('0.500520')), kind='car'),
 L('$$\\frac{{\\partial E}}{{\\partial v_{{23}}}} = \\delta_{{h2}}\\,a_3 = {}$$', F(T['gv23'], d(6), M('0.049020')*M('-0.462117')), kind='car'),
 L('$$\\frac{{\\partial E}}{{\\partial \\gamma}} = \\delta_{{h1}} + \\delta_{{h2}} = {}$$', F(T['gga'], d(6), M('-0.084033')+M('0.049020')), kind='car'),
 L('$$\\gamma \\leftarrow 0.1 - 0.5\\,({}) = {}$$', F(T['gga'], d(6), M('-0.035013')), F(T['ga+'], d(5), M('0.1')+M('0.5')*M('0.035013')), kind='car'),
])

CASES['14-chinese-three-layer'] = ('txt', 'three_layer', 'correct', [
 '解:前向传播已求得各层输出,下面做一次梯度下降(学习率0.5)。',
 L('输出 out = {},目标为1,误差 E = {}。', F(T['out'], d(4)), F(T['E'], d(4))),
 L('输出层误差项 δ = (out−1)·out·(1−out) = {}。', F(T['dout'], d(5, **U))),
 L('θ1 的梯度为 δ·h1 = {},因为 net_h2 < 0,ReLU 输出为0,所以 θ2 的梯度为 {}。', F(T['gt1'], d(5, **U)), F(T['gt2'], d(0))),
 L('更新:θ1 = 1.2 − 0.5×(−0.04075) = {},θ0 = 0.05 + 0.5×0.07003 = {}。', F(T['t1+'], d(5)), F(T['t0+'], d(5))),
 L('传回 net_h1 的误差项为 δ·θ1 = {}(ReLU 在正区间导数为1)。', F(T['du1'], d(5, **U))),
 L('a2 只连到 net_h1,收到的梯度为 −0.08403×(−0.6) = {}。', F(T['da2'], d(5))),
 L('tanh 的导数为 1 − a2²,其中 a2 = −0.60437,所以 1 − a2² = {}。', F(1-T['a2']**2, d(5))),
 L('于是 δ_a2 = 0.05042×0.63474 = {},w_{{22}} 的梯度为 δ_a2·x_2 = {}。', F(T['dz2'], d(5)), F(T['g_w22'], d(5, **U))),
 L('最后 w_{{22}} 更新为 0.4 − 0.5×(−0.06401) = {},β2 更新为 {}。', F(T['w22+'], d(5)), F(T['be2+'], d(5, **U))),
])

sa1w = 1 - r(T['a1'],6)
dz1w = r(T['da1'],6)*r(sa1w,6)
CASES['15-messy-notes-three-layer'] = ('txt', 'three_layer', 'mistake', [
 L('layer 1 grads (tanh)  -- have: a1={}, d_h1={}, d_h2={} (h2 dead), eta .5', F(T['a1'], d(6, lead=False)), F(T['du1'], d(6, lead=False)), F(T['du2'], d(0))),
 L('dE/da1 = d_h1*v11 + d_h2*v21 = -.084033*.7 + 0 = {}', F(T['da1'], d(6, lead=False))),
 L("tanh'(z1) = 1 - a1 = {}", F(1-T['a1']**2, d(6, lead=False), sa1w), kind='mis'),
 L('=> d_z1 = -.058823*.499480 = {}', F(T['dz1'], d(6, lead=False), dz1w), kind='car'),
 L('dw11 = d_z1*x1 = {}', F(T['g_w11'], d(6, lead=False), r(dz1w,5)), kind='car'),
 L('dw12 = d_z1*x2 = {}', F(T['g_w12'], d(6, lead=False), r(dz1w,5)*-2), kind='car'),
 L('dβ1 = d_z1 = {}', F(T['g_be1'], d(6, lead=False), r(dz1w,5)), kind='car'),
 L('w11 <- .3 - .5*dw11 = {}', F(T['w11+'], d(6, lead=False), M('0.3')-M('0.5')*dz1w), kind='car'),
 L('w12 <- -.1 - .5*dw12 = {}', F(T['w12+'], d(6, lead=False), M('-0.1')+M('0.5')*dz1w*2), kind='car'),
])

# ---------- circuit ----------
CASES['16-student-notes-circuit'] = ('txt', 'circuit', 'correct', [
 P('f(w,x) = 1/(1+e^-(w0x0+w1x1+w2)),  w0=2 x0=-1 w1=-3 x1=-2 w2=-3'),
 L('fwd: w0x0 = 2(-1) = {},  w1x1 = (-3)(-2) = {}', F(C['p0'], d(0)), F(C['p1'], d(0))),
 L('  + w2  ->  z = -2 + 6 - 3 = {}', F(C['z'], d(0))),
 L('  f = 1/(1+e^-1) = {}', F(C['f'], d(2))),
 L('bwd: sigmoid gate, local grad f(1-f) = .73*.27 = {}', F(C['dfdz'], d(2, lead=False), M('0.73')*M('0.27'))),
 L('  -> dw0 = x0*.20 = {},  dx0 = w0*.20 = {}', F(C['gw0'], d(2, lead=False), M('-0.2')), F(C['gx0'], d(2, lead=False), M('0.4'))),
 L('  -> dw1 = x1*.20 = {},  dx1 = w1*.20 = {}', F(C['gw1'], d(2, lead=False), M('-0.4')), F(C['gx1'], d(2, lead=False), M('-0.6'))),
 L('  -> dw2 = {}  (add gate just copies)', F(C['gw2'], d(2, lead=False))),
])

CASES['17-latex-circuit'] = ('tex', 'circuit', 'mistake', [
 P(r'For $f = \dfrac{1}{1+e^{-(w_0x_0+w_1x_1+w_2)}}$ at $w_0=2$, $x_0=-1$, $w_1=-3$, $x_1=-2$, $w_2=-3$:'),
 r'\[',
 r'\begin{aligned}',
 L(r'z &= w_0 x_0 + w_1 x_1 + w_2 = {} \\', F(C['z'], d(0))),
 L(r'f &= \sigma\left(z\right) = {} \\', F(C['f'], d(4))),
 L(r'\frac{{\partial f}}{{\partial z}} &= f\left(1-f\right) = {} \\', F(C['dfdz'], d(4))),
 L(r'\frac{{\partial f}}{{\partial w_0}} &= x_0 \cdot 0.1966 = {} \\', F(C['gw0'], d(4))),
 L(r'\frac{{\partial f}}{{\partial x_0}} &= w_0 \cdot 0.1966 = {} \\', F(C['gx0'], d(4))),
 L(r'\frac{{\partial f}}{{\partial w_1}} &= x_1 \cdot 0.1966 = {} \\', F(C['gw1'], d(4))),
 L(r'\frac{{\partial f}}{{\partial x_1}} &= x_1 \cdot 0.1966 = {} \\', F(C['gx1'], d(4), M('-2')*C['dfdz']), kind='mis'),
 L(r'\frac{{\partial f}}{{\partial w_2}} &= {}', F(C['gw2'], d(4))),
 r'\end{aligned}',
 r'\]',
])

CASES['18-gate-by-gate-circuit'] = ('txt', 'circuit', 'correct', [
 'Gate-by-gate, values in scientific notation.',
 L('forward: s = w0·x0 + w1·x1 + w2 = {};  −s = {}', F(C['z'], d(0)), F(-C['z'], d(0, **U))),
 L('exp gate: e^(−s) = {};  +1 gate: 1 + e^(−s) = {}', F(C['ez'], un(5)), F(C['den'], un(5))),
 L('1/x gate: f = {}', F(C['f'], un(5))),
 P('backward, starting from ∂f/∂f = 1:'),
 L('1/x gate: local −1/x² = {}, so grad at its input = {}', F(C['dinv'], un(5, **U)), F(C['dinv'], un(5, **U))),
 L('+1 gate passes it on; exp gate multiplies by e^(−s): {}', F(C['dexp'], un(5, **U))),
 L('×(−1) gate flips the sign: ∂f/∂s = {}', F(C['dfdz'], un(5))),
 L('∂f/∂w0 = x0·∂f/∂s = {},  ∂f/∂x0 = w0·∂f/∂s = {}', F(C['gw0'], un(5, **U)), F(C['gx0'], un(5))),
 L('∂f/∂w1 = {},  ∂f/∂x1 = {},  ∂f/∂w2 = {}', F(C['gw1'], un(5, **U)), F(C['gx1'], un(5, **U)), F(C['gw2'], un(5))),
])

zw = M(-11); fw_ = sig(zw); dfw = r(fw_,4)*(1-r(fw_,4))
CASES['19-chinese-circuit'] = ('txt', 'circuit', 'mistake', [
 P('解:f = 1/(1+exp(−(w0·x0 + w1·x1 + w2))),代入 w0=2,x0=−1,w1=−3,x1=−2,w2=−3。'),
 L('前向:w0·x0 = 2×(−1) = {},w1·x1 = (−3)×(−2) = {}。', F(C['p0'], d(0, **U)), F(C['p1'], d(0, **U), M(-6)), kind='mis'),
 L('于是 z = −2 + (−6) + (−3) = {}。', F(C['z'], d(0, **U), zw), kind='car'),
 L('f = 1/(1+e^{{11}}) = {}。', F(C['f'], un(4), fw_), kind='car'),
 L('反向:∂f/∂z = f(1−f) = {}。', F(C['dfdz'], un(4), dfw), kind='car'),
 L('∂f/∂w0 = x0·∂f/∂z = {},∂f/∂x0 = w0·∂f/∂z = {}。', F(C['gw0'], un(4, **U), -r(dfw,4)), F(C['gx0'], un(4), 2*r(dfw,4)), kind='car'),
 L('∂f/∂w1 = x1·∂f/∂z = {},∂f/∂x1 = w1·∂f/∂z = {}。', F(C['gw1'], un(4, **U), -2*r(dfw,4)), F(C['gx1'], un(4, **U), -3*r(dfw,4)), kind='car'),
 L('∂f/∂w2 = ∂f/∂z = {}。输入几乎不影响输出,梯度很小。', F(C['gw2'], un(4), r(dfw,4)), kind='car'),
])
