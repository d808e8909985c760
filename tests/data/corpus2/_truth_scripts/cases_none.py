from build import C, R, M, K, P, ck, case
import mpmath as _mp
from values import EXACT as X
_mp.mp.dps = 50
mp_ = _mp.mpf
sig = lambda x: 1 / (1 + _mp.exp(-x))


def f(v, d):
    return format(float(v), '.%df' % d)


# ---------------------------------------------------------------- 27 clean, sigmoid facts
case('27-none-sigmoid-facts.md', 'none', [
    '# Sigmoid 的几个性质 (数值验证)',
    '',
    P('记 $\\sigma(x) = \\frac{1}{1+e^{-x}}$, 下面都用 6 位小数.'),
    '',
    C('1. $\\sigma(0) = \\frac{1}{1+1} = 0.5$, $\\sigma\'(0) = 0.5 \\times 0.5 = 0.25$', ck('0.5', mp_('0.5')), ck('0.25', 'N.dsig0')),
    C('2. $\\sigma(2) = \\frac{1}{1+e^{-2}} = \\frac{1}{1.135335} = 0.880797$', ck('1.135335', 1 + X['N.e_m2']), ck('0.880797', 'N.sig2')),
    C('3. $\\sigma(-2) = 1 - \\sigma(2) = 1.19203 \\times 10^{-1}$', ck('1.19203e-1', 'N.sigm2', shown='1.19203 \\times 10^{-1}')),
    C('4. $\\sigma\'(2) = \\sigma(2)\\bigl(1-\\sigma(2)\\bigr) = 0.880797 \\times 0.119203 = 0.104994$', ck('0.104994', 'N.dsig2')),
    C('5. 对称: $\\sigma\'(-2) = \\sigma\'(2) = 0.104994$', ck('0.104994', 'N.dsig2')),
    C('6. 与 tanh 的关系 $\\tanh(x) = 2\\sigma(2x) - 1$: $\\tanh(1) = 2 \\times 0.880797 - 1 = 0.761594$', ck('0.761594', 'N.tanh1')),
    C('7. $\\tanh\'(1) = 1 - 0.761594^2 = 0.419974$', ck('0.419974', 'N.dtanh1')),
    R('8. $\\sigma(0.5) = 0.622459$, 所以 $\\tanh(0.25) = 2 \\times 0.622459 - 1 = 0.244918$', ck('0.622459', 'N.sig05'), ck('0.244918', _mp.tanh(mp_('0.25')), writer=2 * mp_('0.622459') - 1)),
    '',
    C('结论: $\\sigma\'(x) \\le 0.25$, 最大值在 $x = 0$ 处取到.', ck('0.25', 'N.dsig0')),
], 'No mistake. Line 7 is in scientific notation. Line 12 is a rounding line: tanh(0.25) = 0.2449187 (6 decimals 0.244919), the writer doubles the rounded sigma(0.5). Line 14 is an inequality claim (max of the sigmoid derivative is 0.25 at 0).')

# ---------------------------------------------------------------- 28 clean, softmax + CE + Jacobian
case('28-none-softmax-jacobian.txt', 'none', [
    'softmax + cross-entropy, 3 classes',
    P('z = (2.0, 1.0, 0.1), true class is the first one, so y = (1, 0, 0)'),
    '',
    C('e^z = (7.3891, 2.7183, 1.1052),  sum = 11.2125', ck('7.3891', 'N.ez1'), ck('2.7183', 'N.ez2'), ck('1.1052', 'N.ez3'), ck('11.2125', 'N.S')),
    C('p = softmax(z) = (0.6590, 0.2424, 0.0986)', ck('0.6590', 'N.p1'), ck('0.2424', 'N.p2'), ck('0.0986', 'N.p3')),
    C('L = -ln(p1) = -ln(0.6590) = 0.4170', ck('0.4170', 'N.ce1')),
    C('dL/dz = p - y = (0.6590 - 1, 0.2424, 0.0986) = (-0.3410, 0.2424, 0.0986)', ck('-0.3410', 'N.gz1'), ck('0.2424', 'N.p2', shown='(-0.3410, 0.2424'), ck('0.0986', 'N.p3', shown='0.0986)')),
    '',
    C('Jacobian of softmax: dp_i/dz_j = p_i (δ_ij - p_j)'),
    C('  J11 = p1(1 - p1) = 0.6590 * 0.3410 = 0.2247', ck('0.2247', 'N.J11')),
    C('  J12 = -p1 p2 = -0.1598,   J13 = -p1 p3 = -0.0650', ck('-0.1598', 'N.J12'), ck('-0.0650', 'N.J13')),
    R('  row 1 sums to 0.2247 - 0.1598 - 0.0650 = -0.0001   (should be 0, rounding)', ck('-0.0001', mp_(0), writer=mp_('0.2247') - mp_('0.1598') - mp_('0.0650'))),
    C('  J22 = p2(1 - p2) = 0.1837,  J23 = -p2 p3 = -0.0239,  J33 = p3(1 - p3) = 0.0889', ck('0.1837', 'N.J22'), ck('-0.0239', 'N.J23'), ck('0.0889', 'N.J33')),
    '',
    C('chain rule check: dL/dz1 = -(1/p1) * J11 = -(1/0.6590)(0.2247) = -0.3410, same as p1 - 1', ck('-0.3410', 'N.gz1')),
], 'No mistake. Line 12 is a rounding line: the exact row sum of a softmax Jacobian is 0; -0.0001 comes from the writer\'s 4-decimal entries. The Jacobian formula on line 9 is a claim without a number.')

# ---------------------------------------------------------------- 29 clean, gradient descent + MSE
case('29-none-gradient-descent.tex', 'none', [
    '\\textbf{Problem 5.} Gradient descent on a parabola, then an MSE.',
    '',
    P('Let $L(w) = (w-3)^2$, start at $w_0 = 0$, step size $\\eta = 0.1$.'),
    C('Since $L\'(w) = 2(w-3)$, each step is $w_{k+1} = w_k - 0.2(w_k - 3)$.'),
    '\\begin{align*}',
    C('w_1 &= 0 - 0.1 \\cdot 2(0 - 3) = 0.6, & L(w_1) &= 5.76 \\\\', ck('0.6', 'N.gd1'), ck('5.76', 'N.gdloss1')),
    C('w_2 &= 0.6 - 0.1 \\cdot 2(0.6 - 3) = 1.08, & L(w_2) &= 3.6864 \\\\', ck('1.08', 'N.gd2'), ck('3.6864', 'N.gdloss2')),
    C('w_3 &= 1.08 + 0.384 = 1.464, & L(w_3) &= 2.359296 \\\\', ck('1.464', 'N.gd3'), ck('2.359296', 'N.gdloss3')),
    C('w_4 &= 1.464 + 0.3072 = 1.7712, & L(w_4) &= 1.50994944 \\\\', ck('1.7712', 'N.gd4'), ck('1.50994944', 'N.gdloss4')),
    C('w_5 &= 1.7712 + 0.24576 = 2.01696, & L(w_5) &= 0.96637', ck('2.01696', 'N.gd5'), ck('0.96637', 'N.gdloss5')),
    '\\end{align*}',
    C('In closed form $w_k - 3 = -3 \\cdot 0.8^k$, so $w_5 = 3 - 3 \\times 0.32768 = 2.01696$.', ck('0.32768', mp_('0.8') ** 5), ck('2.01696', 'N.gd5')),
    '',
    P('Now the MSE with $y = (1, 0, 2)$ and $\\hat y = (0.8, 0.3, 1.5)$:'),
    C('\\[ \\mathrm{MSE} = \\frac{1}{3}\\left(0.2^2 + 0.3^2 + 0.5^2\\right) = \\frac{0.38}{3} = 0.12667 \\]', ck('0.38', 3 * X['N.mse']), ck('0.12667', 'N.mse')),
    C('\\[ \\frac{\\partial\\, \\mathrm{MSE}}{\\partial \\hat y} = \\frac{2}{3}(\\hat y - y) = (-0.13333,\\ 0.2,\\ -0.33333) \\]', ck('-0.13333', 'N.mse_g1'), ck('0.2', 'N.mse_g2', shown='0.2,'), ck('-0.33333', 'N.mse_g3')),
    C('and with $E = \\tfrac12 \\sum (\\hat y - y)^2$ instead one gets $E = 0.19$.', ck('0.19', 'N.sse_half')),
], 'No mistake. Lines 3 and 14 state the data (prose); line 4 is a formula claim (derivative and update rule).')

# ---------------------------------------------------------------- 30 mistake: hinge margin slip
_L1w = mp_('1.9')
_avg_w = (_L1w + 0 + mp_('12.9')) / 3
_avg = (mp_('2.9') + 0 + mp_('12.9')) / 3
case('30-none-hinge-loss.txt', 'none', [
    'Multiclass SVM loss, three images, margin 1',
    P('scores (cat, car, frog):  img1 = (3.2, 5.1, -1.7) label cat;  img2 = (1.3, 4.9, 2.0) label car;  img3 = (2.2, 2.5, -3.1) label frog'),
    C('L_i = sum over j != y_i of max(0, s_j - s_yi + 1)'),
    '',
    M('img1:  max(0, 5.1 - 3.2 + 1) + max(0, -1.7 - 3.2 + 1) = 1.9 + 0 = 1.9', ck('1.9', mp_('2.9'))),
    C('img2:  max(0, 1.3 - 4.9 + 1) + max(0, 2.0 - 4.9 + 1) = 0 + 0 = 0', ck('0', mp_(0))),
    C('img3:  max(0, 2.2 + 3.1 + 1) + max(0, 2.5 + 3.1 + 1) = 6.3 + 6.6 = 12.9', ck('6.3', mp_('6.3')), ck('6.6', mp_('6.6')), ck('12.9', mp_('12.9'))),
    '',
    K('average loss L = (1.9 + 0 + 12.9)/3 = 4.93', ck('4.93', _avg, writer=_avg_w)),
    '',
    C('gradient for img1 w.r.t. the scores: dL1/ds = (-1, 1, 0)   (only the car margin is active)', ck('-1', mp_(-1))),
], 'Arithmetic slip: 5.1 - 3.2 + 1 = 2.9, not 1.9; the average (2.9 + 0 + 12.9)/3 = 5.27 is carried as 4.93. The gradient line is right (only the car margin is positive either way).')

# ---------------------------------------------------------------- 31 mistake: y - p instead of p - y
_p = mp_('0.5250')
_g = mp_('1') - _p                    # writer: y - p
_w1 = mp_('0.5') - mp_('0.5') * _g
_w2 = mp_('-0.25') - mp_('0.5') * 2 * _g
_b = mp_('0.1') - mp_('0.5') * _g
_z = _w1 * 1 + _w2 * 2 + _b
_pn = sig(_z)
case('31-none-logistic-step.md', 'none', [
    '## 逻辑回归, 一步梯度下降',
    '',
    P('样本 $x = (1, 2)$, 标签 $y = 1$; 参数 $w = (0.5, -0.25)$, $b = 0.1$; 学习率 $\\eta = 0.5$; 损失 $L = -[y\\ln p + (1-y)\\ln(1-p)]$.'),
    '',
    C('- $z = w^\\top x + b = 0.5 - 0.5 + 0.1 = 0.1$', ck('0.1', 'N.lr_z')),
    C('- $p = \\sigma(0.1) = 0.5250$', ck('0.5250', 'N.lr_p')),
    C('- $L = -\\ln 0.5250 = 0.6444$', ck('0.6444', 'N.lr_bce')),
    '',
    M('- $\\dfrac{\\partial L}{\\partial z} = y - p = 1 - 0.5250 = 0.4750$', ck('0.4750', 'N.lr_gb')),
    K('- $\\dfrac{\\partial L}{\\partial w} = 0.4750 \\cdot x = (0.4750,\\ 0.9500)$, $\\dfrac{\\partial L}{\\partial b} = 0.4750$', ck('0.4750', 'N.lr_g1', writer=_g, shown='(0.4750'), ck('0.9500', 'N.lr_g2', writer=2 * _g), ck('0.4750', 'N.lr_gb', writer=_g, shown='b} = 0.4750')),
    '',
    K("- $w_1' = 0.5 - 0.5 \\times 0.4750 = %s$, $w_2' = -0.25 - 0.5 \\times 0.9500 = %s$, $b' = 0.1 - 0.2375 = %s$" % (f(_w1, 4), f(_w2, 4), f(_b, 4)), ck(f(_w1, 4), 'N.lr_w1n', writer=_w1), ck(f(_w2, 4), 'N.lr_w2n', writer=_w2), ck(f(_b, 4), 'N.lr_bn', writer=_b)),
    K("- 新的 $z' = %s + 2 \\times (%s) + (%s) = %s$, $p' = \\sigma(%s) = %s$" % (f(_w1, 4), f(_w2, 4), f(_b, 4), f(_z, 4), f(_z, 4), f(_pn, 4)), ck(f(_z, 4), 'N.lr_zn', writer=_z), ck(f(_pn, 4), 'N.lr_pn', writer=_pn)),
], 'Wrong sign: for sigmoid + binary cross-entropy dL/dz = p - y = -0.4750. The parameter gradients, the updates and the new z\', p\' carry it (right values: w\' = (0.7375, 0.2250), b\' = 0.3375, z\' = 1.5251, p\' = 0.8213).')

# ---------------------------------------------------------------- 32 mistake: slip in a Jacobian entry
_J12w = mp_('-0.1546')
_row = mp_('0.2244') + _J12w - mp_('0.0680')
_dz2 = -(1 / mp_('0.34')) * _J12w
case('32-none-softmax-jacobian-slip.tex', 'none', [
    '\\paragraph{课件的 softmax 例子再算一遍.}',
    P('设 softmax 输出为 $\\hat y = (0.34, 0.46, 0.20)$, 真实类别为第 1 类, 损失 $L = -\\log \\hat y_1$.'),
    '\\begin{align*}',
    C('L &= -\\ln 0.34 = 1.0788 \\\\', ck('1.0788', 'N.ce034')),
    C('\\frac{\\partial \\hat y_1}{\\partial z_1} &= \\hat y_1 (1 - \\hat y_1) = 0.34 \\times 0.66 = 0.2244 \\\\', ck('0.2244', mp_('0.34') * mp_('0.66'))),
    M('\\frac{\\partial \\hat y_1}{\\partial z_2} &= -\\hat y_1 \\hat y_2 = -0.34 \\times 0.46 = -0.1546 \\\\', ck('-0.1546', -mp_('0.34') * mp_('0.46'))),
    C('\\frac{\\partial \\hat y_1}{\\partial z_3} &= -\\hat y_1 \\hat y_3 = -0.34 \\times 0.20 = -0.0680', ck('-0.0680', -mp_('0.34') * mp_('0.20'))),
    '\\end{align*}',
    K('Check: $0.2244 - 0.1546 - 0.0680 = %s$ (close to 0).' % f(_row, 4), ck(f(_row, 4), mp_(0), writer=_row)),
    '',
    C('Chain rule with $\\partial L / \\partial \\hat y_1 = -1/\\hat y_1$:'),
    '\\begin{align*}',
    C('\\frac{\\partial L}{\\partial z_1} &= -\\frac{1}{0.34} \\times 0.2244 = -0.66 \\\\', ck('-0.66', mp_('0.34') - 1)),
    K('\\frac{\\partial L}{\\partial z_2} &= -\\frac{1}{0.34} \\times (-0.1546) = %s \\\\' % f(_dz2, 4), ck(f(_dz2, 4), mp_('0.46'), writer=_dz2)),
    C('\\frac{\\partial L}{\\partial z_3} &= -\\frac{1}{0.34} \\times (-0.0680) = 0.20', ck('0.20', mp_('0.20'))),
    '\\end{align*}',
    C('so the gradient is $\\hat y - y = (-0.66,\\ %s,\\ 0.20)$.' % '0.46', ck('-0.66', mp_('-0.66')), ck('0.20', mp_('0.20'), shown='0.20)')),
], 'Arithmetic slip: 0.34 x 0.46 = 0.1564, written 0.1546. The row-sum check (exact 0) and dL/dz2 (exact 0.46) carry it. dL/dz1, dL/dz3 are right; the last line quotes the known shortcut y_hat - y = (-0.66, 0.46, 0.20), which is right, so it is a claim but not carried (the writer does not notice the clash with line 14).')
