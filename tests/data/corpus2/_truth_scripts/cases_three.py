from build import C, R, M, K, P, ck, case
import mpmath as _mp
from values import EXACT as X
_mp.mp.dps = 50
mp_ = _mp.mpf
sig = lambda x: 1 / (1 + _mp.exp(-x))


def f(v, d):
    return format(float(v), '.%df' % d)


# ---------------------------------------------------------------- 16 clean
case('16-three-layer-forward-theta.tex', 'three_layer', [
    '\\section*{2--3--2--1 网络: 前向与输出层梯度}',
    P('输入 $x_1 = 1$, $x_2 = -2$, 目标 $y = 1$, 学习率 $\\eta = 0.5$, $E = \\tfrac12(\\text{out} - y)^2$.'),
    '\\begin{align*}',
    C('z_1 &= w_{11}x_1 + w_{12}x_2 + \\beta_1 = 0.3 + 0.2 + 0.05 = 0.55, & a_1 &= \\tanh(0.55) = 0.50052 \\\\', ck('0.55', 'T.z1'), ck('0.50052', 'T.a1')),
    C('z_2 &= w_{21}x_1 + w_{22}x_2 + \\beta_2 = 0.2 - 0.8 - 0.1 = -0.7, & a_2 &= \\tanh(-0.7) = -0.60437 \\\\', ck('-0.7', 'T.z2'), ck('-0.60437', 'T.a2')),
    C('z_3 &= w_{31}x_1 + w_{32}x_2 + \\beta_3 = -0.5 - 0.2 + 0.2 = -0.5, & a_3 &= \\tanh(-0.5) = -0.46212', ck('-0.5', 'T.z3'), ck('-0.46212', 'T.a3')),
    '\\end{align*}',
    'ReLU 层 (记激活前的量为 $u_1, u_2$; 注意 $net_{h2}$ 没有来自 $a_2$ 的连接):',
    '\\begin{align*}',
    C('u_1 &= v_{11}a_1 + v_{12}a_2 + v_{13}a_3 + \\gamma = 0.35036 + 0.36262 - 0.23106 + 0.1 = 0.58193 \\\\', ck('0.35036', X['T.v11'] * X['T.a1']), ck('0.36262', X['T.v12'] * X['T.a2']), ck('-0.23106', X['T.v13'] * X['T.a3'], shown='- 0.23106'), ck('0.58193', 'T.u1')),
    C('net_{h1} &= \\max(0, u_1) = 0.58193 \\\\', ck('0.58193', 'T.n1')),
    C('u_2 &= v_{21}a_1 + v_{23}a_3 + \\gamma = 0.15016 - 0.36969 + 0.1 = -0.11954 \\\\', ck('0.15016', X['T.v21'] * X['T.a1']), ck('-0.36969', X['T.v23'] * X['T.a3'], shown='- 0.36969'), ck('-0.11954', 'T.u2')),
    C('net_{h2} &= \\max(0, -0.11954) = 0', ck('0', 'T.n2')),
    '\\end{align*}',
    '输出:',
    '\\[',
    C('\\theta_1\\, net_{h1} + \\theta_2\\, net_{h2} + \\theta_0 = 1.2 \\times 0.58193 + 0 + 0.05 = 0.74831, \\qquad \\text{out} = \\sigma(0.74831) = 0.67881', ck('0.74831', 'T.s'), ck('0.67881', 'T.out')),
    '\\]',
    C('\\[ E = \\tfrac12 (0.67881 - 1)^2 = 0.05158 \\]', ck('0.05158', 'T.E')),
    '反向:',
    '\\begin{align*}',
    C('\\frac{\\partial E}{\\partial \\text{out}} &= -0.32119, \\quad \\text{out}(1-\\text{out}) = 0.21803, \\quad \\delta = -0.32119 \\times 0.21803 = -0.07003 \\\\', ck('-0.32119', 'T.dE_dout'), ck('0.21803', 'T.dout'), ck('-0.07003', 'T.d_out')),
    C('\\frac{\\partial E}{\\partial \\theta_1} &= \\delta\\, net_{h1} = -0.04075, \\quad \\frac{\\partial E}{\\partial \\theta_2} = \\delta\\, net_{h2} = 0, \\quad \\frac{\\partial E}{\\partial \\theta_0} = \\delta = -0.07003 \\\\', ck('-0.04075', 'T.gt1'), ck('0', 'T.gt2'), ck('-0.07003', 'T.gt0')),
    C('\\frac{\\partial E}{\\partial \\gamma} &= \\delta\\theta_1 \\cdot 1 + \\delta\\theta_2 \\cdot 0 = -0.08403', ck('-0.08403', 'T.gg')),
    '\\end{align*}',
    '更新:',
    '\\begin{align*}',
    C("\\theta_1' &= 1.2 - 0.5(-0.040751) = 1.22038, & \\theta_0' &= 0.05 + 0.035014 = 0.085014, \\\\", ck('1.22038', 'T.new_t1'), ck('0.085014', 'T.new_t0')),
    C("\\gamma' &= 0.1 + 0.042017 = 0.142017, & \\theta_2' &= -0.7", ck('0.142017', 'T.new_g'), ck('-0.7', 'T.new_t2')),
    '\\end{align*}',
], 'No mistake. net_h2 is a dead ReLU (pre-activation -0.11954), so theta_2 gets zero gradient and gamma (shared by both ReLU units) only gets the net_h1 path.')

# ---------------------------------------------------------------- 17 clean, down to the first layer
case('17-three-layer-first-layer.md', 'three_layer', [
    '## 第二问: 把误差传到第一层 (tanh 层)',
    '',
    C('上一问得到 δ = ∂E/∂(θ1·net_h1 + θ2·net_h2 + θ0) = −0.070028, 且 net_h2 的 ReLU 没激活.', ck('−0.070028', 'T.d_out')),
    '',
    C('- 经过 net_h1 的 ReLU (导数为 1): ∂E/∂u₁ = δ·θ1 = −0.070028 × 1.2 = −0.084033', ck('−0.084033', 'T.dn1')),
    C('- 经过 net_h2 的 ReLU (导数为 0): ∂E/∂u₂ = 0', ck('0', 'T.dn2')),
    '',
    C('对 a₁: ∂E/∂a₁ = −0.084033 × v₁₁ + 0 × v₂₁ = −0.084033 × 0.7 = −0.058823', ck('−0.058823', 'T.da1')),
    C('tanh′: 1 − a₁² = 1 − 0.250520 = 0.749480', ck('0.250520', X['T.a1'] ** 2), ck('0.749480', 'T.ta1')),
    C('∂E/∂z₁ = −0.058823 × 0.749480 = −0.044087', ck('−0.044087', 'T.dz1')),
    '',
    C('所以 ∂E/∂w₁₁ = −0.044087 · x₁ = −0.044087, ∂E/∂w₁₂ = −0.044087 · (−2) = 0.088174, ∂E/∂β1 = −0.044087', ck('−0.044087', 'T.g_w11'), ck('0.088174', 'T.g_w12'), ck('−0.044087', 'T.g_b1', shown='β1 = −0.044087')),
    '',
    C('对 a₂ (只连到 net_h1): ∂E/∂a₂ = −0.084033 × (−0.6) = 0.050420, 1 − a₂² = 0.634740, ∂E/∂z₂ = 0.032004', ck('0.050420', 'T.da2'), ck('0.634740', 'T.ta2'), ck('0.032004', 'T.dz2')),
    C('∂E/∂w₂₁ = 0.032004, ∂E/∂w₂₂ = −0.064007, ∂E/∂β2 = 0.032004', ck('0.032004', 'T.g_w21'), ck('−0.064007', 'T.g_w22'), ck('0.032004', 'T.g_b2', shown='β2 = 0.032004')),
    '',
    P('### 更新 (η = 0.5)'),
    '',
    C('w₁₁⁺ = 0.3 + 0.5·0.044087 = 0.322043;  w₁₂⁺ = −0.1 − 0.044087 = −0.144087;  β1⁺ = 0.072043', ck('0.322043', 'T.new_w11'), ck('−0.144087', 'T.new_w12'), ck('0.072043', 'T.new_b1')),
    C('w₂₁⁺ = 0.2 − 0.016002 = 0.183998;  w₂₂⁺ = 0.4 + 0.032004 = 0.432004;  β2⁺ = −0.116002', ck('0.183998', 'T.new_w21'), ck('0.432004', 'T.new_w22'), ck('−0.116002', 'T.new_b2')),
], 'No mistake. u1, u2 are the writer\'s names for the ReLU pre-activations (the spec names the ReLU outputs net_h1, net_h2).')

# ---------------------------------------------------------------- 18 clean, dead relu and second forward pass
case('18-three-layer-dead-relu.txt', 'three_layer', [
    'three_layer net -- the v weights, and what happens after one step',
    '',
    P('data: x_1 = 1, x_2 = -2, y = 1, eta = 0.5 (one sample)'),
    C('from the forward pass: a1 = 0.5005, a2 = -0.6044, a3 = -0.4621, net_h1 = 0.5819, net_h2 = 0', ck('0.5005', 'T.a1'), ck('-0.6044', 'T.a2'), ck('-0.4621', 'T.a3'), ck('0.5819', 'T.n1'), ck('0', 'T.n2')),
    C('dE/d(pre-act of net_h1) = delta_out * θ1 = -0.07003 * 1.2 = -0.08403', ck('-0.08403', 'T.dn1')),
    '',
    C('dE/dv11 = -0.08403 * 0.5005 = -0.04206', ck('-0.04206', 'T.gv11')),
    C('dE/dv12 = -0.08403 * (-0.6044) = 0.05079', ck('0.05079', 'T.gv12')),
    C('dE/dv13 = -0.08403 * (-0.4621) = 0.03883', ck('0.03883', 'T.gv13')),
    C('dE/dv21 = dE/dv23 = 0   (net_h2 has pre-activation -0.1195 < 0, ReLU gradient 0)', ck('0', 'T.gv21'), ck('-0.1195', 'T.u2')),
    '',
    C('new: v11 = 0.72103, v12 = -0.62539, v13 = 0.48058; v21, v23, θ2 unchanged', ck('0.72103', 'T.new_v11'), ck('-0.62539', 'T.new_v12'), ck('0.48058', 'T.new_v13')),
    '',
    'After updating ALL parameters once and running the sample again',
    C('pre-activation of net_h2 = 0.0154 > 0, so net_h2 becomes active in the second step', ck('0.0154', 'T2.u2')),
    C('net_h1 = 0.8005, out = 0.7410, E = 0.03354   (was 0.05158)', ck('0.8005', 'T2.n1'), ck('0.7410', 'T2.out'), ck('0.03354', 'T2.E'), ck('0.05158', 'T.E')),
], 'No mistake. The second forward pass uses every parameter after one gradient step with eta = 0.5; the dead ReLU unit net_h2 becomes active (pre-activation 0.01536).')

# ---------------------------------------------------------------- 19 mistake: theta0 dropped
_s = mp_('1.2') * mp_('0.5819')
_o = sig(mp_(f(_s, 4)))
_or = mp_(f(_o, 4))
_E = (_or - 1) ** 2 / 2
_dE = _or - 1
_do = _or * (1 - _or)
_d = mp_(f(_dE, 4)) * mp_(f(_do, 4))
_gt1 = mp_(f(_d, 5)) * mp_('0.5819')
_t1n = mp_('1.2') - mp_('0.5') * mp_(f(_gt1, 5))
case('19-three-layer-missing-theta0.md', 'three_layer', [
    '**Q2 (c)** output unit and $\\theta$ updates',
    '',
    C('From (b): $net_{h1} = 0.5819$ and $net_{h2} = \\mathrm{ReLU}(-0.1195) = 0$.', ck('0.5819', 'T.n1'), ck('0', 'T.n2')),
    '',
    M('$$s = \\theta_1 \\, net_{h1} + \\theta_2 \\, net_{h2} = 1.2 \\times 0.5819 + (-0.7) \\times 0 = %s$$' % f(_s, 4), ck(f(_s, 4), 'T.s')),
    K('$$out = \\sigma(s) = \\frac{1}{1 + e^{-%s}} = %s$$' % (f(_s, 4), f(_o, 4)), ck(f(_o, 4), 'T.out', writer=_o)),
    K('$$E = \\tfrac{1}{2}(%s - 1)^2 = %s$$' % (f(_or, 4), f(_E, 4)), ck(f(_E, 4), 'T.E', writer=_E)),
    '',
    K('$\\partial E/\\partial out = %s$, $\\sigma\'(s) = out(1 - out) = %s$, so $\\delta = %s$' % (f(_dE, 4), f(_do, 4), f(_d, 5)), ck(f(_dE, 4), 'T.dE_dout', writer=_dE), ck(f(_do, 4), 'T.dout', writer=_do), ck(f(_d, 5), 'T.d_out', writer=_d)),
    K('$\\partial E/\\partial \\theta_1 = \\delta \\cdot net_{h1} = %s \\times 0.5819 = %s$' % (f(_d, 5), f(_gt1, 5)), ck(f(_gt1, 5), 'T.gt1', writer=_gt1)),
    C('$\\partial E/\\partial \\theta_2 = \\delta \\cdot 0 = 0$', ck('0', 'T.gt2')),
    K('$\\theta_1 \\leftarrow 1.2 - 0.5 \\times (%s) = %s$' % (f(_gt1, 5), f(_t1n, 6)), ck(f(_t1n, 6), 'T.new_t1', writer=_t1n)),
], 'Missing term: the output unit has the bias theta0 = 0.05, s = 0.7483 (writer gives 0.6983). out, E, delta, dE/dtheta1 and the theta1 update carry it. dE/dtheta2 = 0 stays right because net_h2 = 0.')

# ---------------------------------------------------------------- 20 mistake: tanh derivative 1 - a instead of 1 - a^2
_t = 1 - mp_('0.50052')
_dz = mp_('-0.058823') * _t
_w11 = mp_('0.3') - mp_('0.5') * mp_(f(_dz, 6))
_w12 = mp_('-0.1') - mp_('0.5') * (-2 * mp_(f(_dz, 6)))
case('20-three-layer-tanh-derivative.tex', 'three_layer', [
    '\\textbf{(d)} Gradient for $w_{11}$, $w_{12}$ and $\\beta_1$.',
    '',
    '\\begin{align*}',
    C('\\frac{\\partial E}{\\partial a_1} &= \\delta_{out}\\,\\theta_1 \\cdot \\mathbb{1}[u_1 > 0] \\cdot v_{11} = -0.070028 \\times 1.2 \\times 1 \\times 0.7 = -0.058823 \\\\', ck('-0.058823', 'T.da1')),
    M('\\frac{\\partial a_1}{\\partial z_1} &= 1 - \\tanh(z_1) = 1 - 0.50052 = %s \\\\' % f(_t, 5), ck(f(_t, 5), 'T.ta1')),
    K('\\frac{\\partial E}{\\partial z_1} &= -0.058823 \\times %s = %s \\\\' % (f(_t, 5), f(_dz, 6)), ck(f(_dz, 6), 'T.dz1', writer=_dz)),
    K('\\frac{\\partial E}{\\partial w_{11}} &= %s \\cdot x_1 = %s, \\qquad \\frac{\\partial E}{\\partial w_{12}} = %s \\cdot (-2) = %s \\\\' % (f(_dz, 6), f(_dz, 6), f(_dz, 6), f(-2 * mp_(f(_dz, 6)), 6)), ck(f(_dz, 6), 'T.g_w11', writer=_dz), ck(f(-2 * mp_(f(_dz, 6)), 6), 'T.g_w12', writer=-2 * mp_(f(_dz, 6)))),
    K('\\frac{\\partial E}{\\partial \\beta_1} &= %s' % f(_dz, 6), ck(f(_dz, 6), 'T.g_b1', writer=_dz)),
    '\\end{align*}',
    P('With $\\eta = 0.5$:'),
    K("\\[ w_{11}' = 0.3 - 0.5(%s) = %s, \\quad w_{12}' = -0.1 - 0.5(%s) = %s \\]" % (f(_dz, 6), f(_w11, 7), f(-2 * mp_(f(_dz, 6)), 6), f(_w12, 6)), ck(f(_w11, 7), 'T.new_w11', writer=_w11), ck(f(_w12, 6), 'T.new_w12', writer=_w12)),
], 'Wrong formula: the derivative of tanh is 1 - tanh^2(z1) = 1 - 0.50052^2 = 0.74948, not 1 - tanh(z1). dE/dz1, the w11/w12/beta1 gradients and the updates carry it (right dE/dz1 = -0.044087).')

# ---------------------------------------------------------------- 21 mistake: z2 slip
_a2 = _mp.tanh(mp_('-0.5'))
_u1 = mp_('0.35036') + mp_('-0.6') * mp_(f(_a2, 4)) + mp_('-0.23106') + mp_('0.1')
_s6 = mp_('1.2') * mp_(f(_u1, 4)) + mp_('0.05')
_o6 = sig(mp_(f(_s6, 4)))
_E6 = (mp_(f(_o6, 4)) - 1) ** 2 / 2
case('21-three-layer-z2-slip.txt', 'three_layer', [
    '三层网络 (tanh -> relu -> sigmoid) 前向传播',
    '',
    P('x_1 = 1, x_2 = -2;  目标 y = 1'),
    '',
    C('tanh 层:  z1 = 0.3*1 + (-0.1)*(-2) + 0.05 = 0.55,  a1 = tanh(0.55) = 0.5005', ck('0.55', 'T.z1'), ck('0.5005', 'T.a1')),
    M('          z2 = 0.2*1 + 0.4*(-2) + (-0.1) = -0.5', ck('-0.5', 'T.z2')),
    K('          a2 = tanh(-0.5) = %s' % f(_a2, 4), ck(f(_a2, 4), 'T.a2', writer=_a2)),
    C('          z3 = -0.5*1 + 0.1*(-2) + 0.2 = -0.5,  a3 = tanh(-0.5) = -0.4621', ck('-0.5', 'T.z3'), ck('-0.4621', 'T.a3')),
    '',
    K('relu 层:  net_h1 = relu(0.7*0.5005 - 0.6*(%s) + 0.5*(-0.4621) + 0.1) = relu(%s) = %s' % (f(_a2, 4), f(_u1, 4), f(_u1, 4)), ck(f(_u1, 4), 'T.n1', writer=_u1)),
    C('          net_h2 = relu(0.3*0.5005 + 0.8*(-0.4621) + 0.1) = relu(-0.1195) = 0', ck('-0.1195', 'T.u2'), ck('0', 'T.n2')),
    '',
    K('输出:     out = sigmoid(1.2*%s - 0.7*0 + 0.05) = sigmoid(%s) = %s' % (f(_u1, 4), f(_s6, 4), f(_o6, 4)), ck(f(_s6, 4), 'T.s', writer=_s6), ck(f(_o6, 4), 'T.out', writer=_o6)),
    K('误差 E = 0.5*(1 - %s)^2 = %s' % (f(_o6, 4), f(_E6, 4)), ck(f(_E6, 4), 'T.E', writer=_E6)),
], 'Arithmetic slip: z2 = 0.2 - 0.8 - 0.1 = -0.7, written -0.5. a2, net_h1, the output and E carry it. net_h2 has no connection from a2, so its line stays right.')
