from build import C, R, M, K, P, ck, case
import mpmath as _mp
from values import EXACT as X
_mp.mp.dps = 50
mp_ = _mp.mpf
sig = lambda x: 1 / (1 + _mp.exp(-x))


def f(v, d):
    """writer's rounding of his own value to d decimals"""
    return format(float(v), '.%df' % d)


# ---------------------------------------------------------------- 09 clean, Mazur's own layout
case('09-mazur-step-by-step.md', 'mazur', [
    '# Backpropagation, step by step (Mazur example)',
    '',
    P('Inputs $i_1 = 0.05$, $i_2 = 0.10$, targets $0.01$ and $0.99$, learning rate $\\eta = 0.5$. The biases $b_1 = 0.35$, $b_2 = 0.60$ are not trained.'),
    '',
    '## The forward pass',
    '',
    C('$net_{h1} = w_1 i_1 + w_2 i_2 + b_1 = 0.15 \\cdot 0.05 + 0.2 \\cdot 0.1 + 0.35 \\cdot 1 = 0.3775$', ck('0.3775', 'M.net_h1')),
    '',
    C('$out_{h1} = \\frac{1}{1+e^{-0.3775}} = 0.593269992$', ck('0.593269992', 'M.h1')),
    '',
    C('Same for h2: $out_{h2} = 0.596884378$', ck('0.596884378', 'M.h2')),
    '',
    C('$net_{o1} = 0.4 \\cdot 0.593269992 + 0.45 \\cdot 0.596884378 + 0.6 \\cdot 1 = 1.105905967$', ck('1.105905967', 'M.net_o1')),
    '',
    C('$out_{o1} = \\frac{1}{1+e^{-1.105905967}} = 0.75136507$, and likewise $out_{o2} = 0.772928465$', ck('0.75136507', 'M.o1'), ck('0.772928465', 'M.o2')),
    '',
    '## Total error',
    '',
    C('$E_{o1} = \\frac12 (0.01 - 0.75136507)^2 = 0.274811083$', ck('0.274811083', 'M.E1')),
    C('$E_{o2} = 0.023560026$', ck('0.023560026', 'M.E2')),
    C('$E_{total} = E_{o1} + E_{o2} = 0.274811083 + 0.023560026 = 0.298371109$', ck('0.298371109', 'M.E')),
    '',
    '## Output layer',
    '',
    C('$\\frac{\\partial E_{total}}{\\partial out_{o1}} = -(target_{o1} - out_{o1}) = -(0.01 - 0.75136507) = 0.74136507$', ck('0.74136507', 'M.dE_do1')),
    C('$\\frac{\\partial out_{o1}}{\\partial net_{o1}} = out_{o1}(1 - out_{o1}) = 0.75136507(1 - 0.75136507) = 0.186815602$', ck('0.186815602', 'M.do1')),
    C('$\\frac{\\partial net_{o1}}{\\partial w_5} = out_{h1} = 0.593269992$', ck('0.593269992', 'M.h1')),
    C('$\\frac{\\partial E_{total}}{\\partial w_5} = 0.74136507 \\cdot 0.186815602 \\cdot 0.593269992 = 0.082167041$', ck('0.082167041', 'M.g5')),
    C('$w_5^+ = w_5 - \\eta \\cdot \\frac{\\partial E_{total}}{\\partial w_5} = 0.4 - 0.5 \\cdot 0.082167041 = 0.35891648$', ck('0.35891648', 'M.w5n')),
    C('Repeating this: $w_6^+ = 0.408666186$, $w_7^+ = 0.511301270$, $w_8^+ = 0.561370121$', ck('0.408666186', 'M.w6n'), ck('0.511301270', 'M.w7n'), ck('0.561370121', 'M.w8n')),
    '',
    '## Hidden layer',
    '',
    C('$\\frac{\\partial E_{o1}}{\\partial net_{o1}} = 0.74136507 \\cdot 0.186815602 = 0.138498562$', ck('0.138498562', 'M.d_o1')),
    C('$\\frac{\\partial E_{o1}}{\\partial out_{h1}} = 0.138498562 \\cdot w_5 = 0.138498562 \\cdot 0.40 = 0.055399425$', ck('0.055399425', 'M.dEo1_dh1')),
    C('$\\frac{\\partial E_{o2}}{\\partial out_{h1}} = -0.019049118$', ck('-0.019049118', 'M.dEo2_dh1')),
    C('$\\frac{\\partial E_{total}}{\\partial out_{h1}} = 0.055399425 + (-0.019049118) = 0.036350306$', ck('0.036350306', 'M.s1')),
    C('$\\frac{\\partial out_{h1}}{\\partial net_{h1}} = out_{h1}(1 - out_{h1}) = 0.59326999(1 - 0.59326999) = 0.241300709$', ck('0.241300709', 'M.dh1')),
    C('$\\frac{\\partial E_{total}}{\\partial w_1} = 0.036350306 \\cdot 0.241300709 \\cdot 0.05 = 0.000438568$', ck('0.000438568', 'M.g1')),
    C('$w_1^+ = 0.15 - 0.5 \\cdot 0.000438568 = 0.149780716$', ck('0.149780716', 'M.w1n')),
    C('and $w_2^+ = 0.19956143$, $w_3^+ = 0.24975114$, $w_4^+ = 0.29950229$', ck('0.19956143', 'M.w2n'), ck('0.24975114', 'M.w3n'), ck('0.29950229', 'M.w4n')),
    '',
    C('With all eight new weights the error of the same sample drops from 0.298371109 to $E_{total} = 0.29102777$.', ck('0.298371109', 'M.E'), ck('0.29102777', 'M.E_new')),
], 'No mistake. Follows the well-known blog layout, but two figures differ from the blog on purpose because the blog\'s are off in the last digit: dE_o2/dout_h1 is -0.019049118 (exact -0.01904911826), and the error after the update is 0.29102777 (exact 0.2910277737; the blog prints 0.291027924).')

# ---------------------------------------------------------------- 10 clean, compact Chinese
case('10-mazur-compact-chinese.txt', 'mazur', [
    'Mazur 的例子 (偏置共享且不更新), 保留 6 位小数',
    '',
    P('设 η = 0.5, 输入 i1 = 0.05, i2 = 0.10, 目标 t1 = 0.01, t2 = 0.99'),
    '',
    C('隐藏层: net_h1 = 0.3775, out_h1 = 0.593270; net_h2 = 0.25*0.05 + 0.30*0.10 + 0.35 = 0.3925, out_h2 = 0.596884', ck('0.3775', 'M.net_h1'), ck('0.593270', 'M.h1'), ck('0.3925', 'M.net_h2'), ck('0.596884', 'M.h2')),
    C('输出层: net_o1 = 1.105906, out_o1 = 0.751365; net_o2 = 1.224921, out_o2 = 0.772928', ck('1.105906', 'M.net_o1'), ck('0.751365', 'M.o1'), ck('1.224921', 'M.net_o2'), ck('0.772928', 'M.o2')),
    C('总误差 E_total = 0.274811 + 0.023560 = 0.298371', ck('0.274811', 'M.E1'), ck('0.023560', 'M.E2'), ck('0.298371', 'M.E')),
    '',
    '输出层的 delta (先把 ∂E/∂net 算好):',
    C('δo1 = (out_o1 − t1)·out_o1(1 − out_o1) = 0.741365 × 0.186816 = 0.138499', ck('0.741365', 'M.dE_do1'), ck('0.186816', 'M.do1'), ck('0.138499', 'M.d_o1')),
    C('δo2 = (out_o2 − t2)·out_o2(1 − out_o2) = −0.217072 × 0.175510 = −0.038098', ck('−0.217072', 'M.dE_do2'), ck('0.175510', 'M.do2'), ck('−0.038098', 'M.d_o2')),
    '',
    '隐藏层 (注意 w5, w6 连到 o1, w7, w8 连到 o2):',
    C('∂E/∂out_h1 = δo1·w5 + δo2·w7 = 0.055399 − 0.019049 = 0.036350', ck('0.055399', 'M.dEo1_dh1'), ck('0.036350', 'M.s1')),
    C('∂E/∂out_h2 = δo1·w6 + δo2·w8 = 0.062324 − 0.020954 = 0.041370', ck('0.062324', 'M.dEo1_dh2'), ck('0.041370', 'M.s2')),
    C('δh1 = 0.036350 × 0.241301 = 0.008771,  δh2 = 0.041370 × 0.240613 = 0.009954', ck('0.241301', 'M.dh1'), ck('0.008771', 'M.d_h1'), ck('0.240613', 'M.dh2'), ck('0.009954', 'M.d_h2')),
    '',
    '梯度与更新 (w1, w2 进 h1; w3, w4 进 h2):',
    C('∂E/∂w2 = δh1·i2 = 0.000877,  所以 w2⁺ = 0.20 − 0.5×0.000877 = 0.199561', ck('0.000877', 'M.g2'), ck('0.199561', 'M.w2n')),
    C('∂E/∂w3 = δh2·i1 = 0.000498,  所以 w3⁺ = 0.249751', ck('0.000498', 'M.g3'), ck('0.249751', 'M.w3n')),
    C('∂E/∂w4 = δh2·i2 = 0.000995,  所以 w4⁺ = 0.299502', ck('0.000995', 'M.g4'), ck('0.299502', 'M.w4n')),
], 'No mistake. Hidden deltas are computed with the row wiring of this example (w6 joins h2 to o1, w7 joins h1 to o2).')

# ---------------------------------------------------------------- 11 clean, output layer in LaTeX
case('11-mazur-output-layer.tex', 'mazur', [
    '\\paragraph{Output layer of the Mazur network.}',
    P('We use $\\eta = 0.5$ and $E = \\tfrac12\\sum (t - o)^2$.'),
    '\\begin{align*}',
    C('\\delta_{o_1} &= \\frac{\\partial E}{\\partial out_{o_1}} \\cdot \\frac{\\partial out_{o_1}}{\\partial net_{o_1}} = 0.7413651 \\times 0.1868156 = 0.1384986 \\\\', ck('0.7413651', 'M.dE_do1'), ck('0.1868156', 'M.do1'), ck('0.1384986', 'M.d_o1')),
    C('\\delta_{o_2} &= (0.7729285 - 0.99) \\times 0.7729285 \\times (1 - 0.7729285) = -0.0380982 \\\\', ck('-0.0380982', 'M.d_o2')),
    C('\\frac{\\partial E}{\\partial w_6} &= \\delta_{o_1} \\cdot out_{h_2} = 0.1384986 \\times 0.5968844 = 0.0826676 \\\\', ck('0.0826676', 'M.g6')),
    C('\\frac{\\partial E}{\\partial w_7} &= \\delta_{o_2} \\cdot out_{h_1} = -0.0380982 \\times 0.5932700 = -0.0226025 \\\\', ck('0.5932700', 'M.h1'), ck('-0.0226025', 'M.g7')),
    C('\\frac{\\partial E}{\\partial w_8} &= \\delta_{o_2} \\cdot out_{h_2} = -2.27402 \\times 10^{-2}', ck('-2.27402e-2', 'M.g8', shown='-2.27402 \\times 10^{-2}')),
    '\\end{align*}',
    'hence',
    '\\begin{align*}',
    C("w_6' &= 0.45 - 0.5 \\times 0.0826676 = 0.4086662, \\\\", ck('0.4086662', 'M.w6n')),
    C("w_7' &= 0.50 + 0.5 \\times 0.0226025 = 0.5113013, \\\\", ck('0.5113013', 'M.w7n')),
    C("w_8' &= 0.55 + 0.5 \\times 0.0227402 = 0.5613701.", ck('0.5613701', 'M.w8n')),
    '\\end{align*}',
    P('The biases stay at $b_1 = 0.35$ and $b_2 = 0.60$ because they are frozen in this example.'),
], 'No mistake. The last line only restates the frozen biases (given data), so it is prose.')

# ---------------------------------------------------------------- 12 mistake: bias b1 forgotten
_h1w = sig(mp_('0.0275'))                       # 0.506875
_no1 = mp_('0.4') * mp_('0.5069') + mp_('0.45') * mp_('0.5969') + mp_('0.6')
_no2 = mp_('0.5') * mp_('0.5069') + mp_('0.55') * mp_('0.5969') + mp_('0.6')
_o1 = sig(mp_(f(_no1, 4)))
_o2 = sig(mp_(f(_no2, 4)))
_o1r, _o2r = mp_(f(_o1, 4)), mp_(f(_o2, 4))
_E1 = (mp_('0.01') - _o1r) ** 2 / 2
_E2 = (mp_('0.99') - _o2r) ** 2 / 2
_Et = mp_(f(_E1, 5)) + mp_(f(_E2, 5))
_dE1 = _o1r - mp_('0.01')
_dd1 = _o1r * (1 - _o1r)
_g5 = mp_(f(_dE1, 4)) * mp_(f(_dd1, 4)) * mp_('0.5069')
_w5 = mp_('0.4') - mp_('0.5') * mp_(f(_g5, 5))
case('12-mazur-forgot-bias.md', 'mazur', [
    '**Mazur network, one step** (4 decimals)',
    '',
    P('learning rate $\\eta = 0.5$; biases $b_1 = 0.35$, $b_2 = 0.60$ shared and not updated'),
    '',
    M('1. $net_{h1} = w_1 i_1 + w_2 i_2 = 0.15 \\times 0.05 + 0.20 \\times 0.10 = 0.0275$', ck('0.0275', 'M.net_h1')),
    K('2. $out_{h1} = \\sigma(0.0275) = %s$' % f(_h1w, 4), ck(f(_h1w, 4), 'M.h1', writer=_h1w)),
    C('3. $net_{h2} = 0.25 \\times 0.05 + 0.30 \\times 0.10 + 0.35 = 0.3925$, $out_{h2} = 0.5969$', ck('0.3925', 'M.net_h2'), ck('0.5969', 'M.h2')),
    K('4. $net_{o1} = 0.40 \\times 0.5069 + 0.45 \\times 0.5969 + 0.60 = %s$, $out_{o1} = %s$' % (f(_no1, 4), f(_o1, 4)), ck(f(_no1, 4), 'M.net_o1', writer=_no1), ck(f(_o1, 4), 'M.o1', writer=_o1)),
    K('5. $net_{o2} = 0.50 \\times 0.5069 + 0.55 \\times 0.5969 + 0.60 = %s$, $out_{o2} = %s$' % (f(_no2, 4), f(_o2, 4)), ck(f(_no2, 4), 'M.net_o2', writer=_no2), ck(f(_o2, 4), 'M.o2', writer=_o2)),
    '',
    K('$E_{total} = \\tfrac12(0.01 - %s)^2 + \\tfrac12(0.99 - %s)^2 = %s + %s = %s$' % (f(_o1r, 4), f(_o2r, 4), f(_E1, 5), f(_E2, 5), f(_Et, 5)), ck(f(_E1, 5), 'M.E1', writer=_E1), ck(f(_E2, 5), 'M.E2', writer=_E2), ck(f(_Et, 5), 'M.E', writer=_Et)),
    '',
    K('$\\partial E/\\partial out_{o1} = %s - 0.01 = %s$, $out_{o1}(1 - out_{o1}) = %s$' % (f(_o1r, 4), f(_dE1, 4), f(_dd1, 4)), ck(f(_dE1, 4), 'M.dE_do1', writer=_dE1), ck(f(_dd1, 4), 'M.do1', writer=_dd1)),
    K('$\\partial E/\\partial w_5 = %s \\times %s \\times 0.5069 = %s$' % (f(_dE1, 4), f(_dd1, 4), f(_g5, 5)), ck(f(_g5, 5), 'M.g5', writer=_g5)),
    K('$w_5^{+} = 0.4 - 0.5 \\times %s = %s$' % (f(_g5, 5), f(_w5, 5)), ck(f(_w5, 5), 'M.w5n', writer=_w5)),
], 'Missing term: net_h1 must include the bias b1 = 0.35 (right value 0.3775; the writer adds it for net_h2 on line 7 but not here). out_h1, net_o1/o2, the outputs, the error and the w5 gradient and update carry it. Line 7 does not depend on h1 and is right.')

# ---------------------------------------------------------------- 13 mistake: sign of dE/dout_o1
_d1 = mp_('-0.74136507') * mp_('0.186815602')
_g5s = mp_('-0.138498562') * mp_('0.593269992')
_g6s = mp_('-0.138498562') * mp_('0.596884378')
case('13-mazur-sign-of-error-derivative.txt', 'mazur', [
    'Mazur example -- output weights w5, w6 (they go into o1)',
    '',
    C('eta = 0.5 as in the post; out_h1 = 0.593269992, out_h2 = 0.596884378 from the forward pass', ck('0.593269992', 'M.h1'), ck('0.596884378', 'M.h2')),
    C('out_o1 = 0.75136507,  E_o1 = 1/2 (0.01 - 0.75136507)^2 = 0.274811083', ck('0.75136507', 'M.o1'), ck('0.274811083', 'M.E1')),
    '',
    M('dE_total/dout_o1 = target_o1 - out_o1 = 0.01 - 0.75136507 = -0.74136507', ck('-0.74136507', 'M.dE_do1')),
    C('dout_o1/dnet_o1 = out_o1*(1 - out_o1) = 0.186815602', ck('0.186815602', 'M.do1')),
    K('delta_o1 = -0.74136507 * 0.186815602 = -0.138498562', ck('-0.138498562', 'M.d_o1', writer=_d1)),
    '',
    K('dE/dw5 = delta_o1 * out_h1 = -0.138498562 * 0.593269992 = -0.082167041', ck('-0.082167041', 'M.g5', writer=_g5s)),
    K('w5_new = 0.40 - 0.5*(-0.082167041) = 0.44108352', ck('0.44108352', 'M.w5n', writer=mp_('0.40') + mp_('0.5') * mp_('0.082167041'))),
    K('dE/dw6 = delta_o1 * out_h2 = -0.082667628,  w6_new = 0.45 + 0.041333814 = 0.491333814', ck('-0.082667628', 'M.g6', writer=_g6s), ck('0.491333814', 'M.w6n', writer=mp_('0.45') + mp_('0.041333814'))),
], 'Wrong sign: dE/dout_o1 = -(target - out) = out - target = +0.74136507; the writer drops the minus. delta_o1, the w5/w6 gradients and both updates carry the flipped sign.')

# ---------------------------------------------------------------- 14 mistake: w8 used instead of w7
_m = mp_('-0.038098237') * mp_('0.55')
_s1 = mp_('0.055399425') + mp_(f(_m, 9))
_g1 = mp_(f(_s1, 9)) * mp_('0.241300709') * mp_('0.05')
_g2 = mp_(f(_s1, 9)) * mp_('0.241300709') * mp_('0.10')
case('14-mazur-hidden-swapped-weight.md', 'mazur', [
    '### Mazur example: the hidden weights $w_1$, $w_2$',
    '',
    C('Output deltas from before: $\\delta_{o1} = 0.138498562$, $\\delta_{o2} = -0.038098237$.', ck('0.138498562', 'M.d_o1'), ck('-0.038098237', 'M.d_o2')),
    '',
    C('Both outputs depend on $out_{h1}$, so $\\partial E_{total}/\\partial out_{h1} = \\partial E_{o1}/\\partial out_{h1} + \\partial E_{o2}/\\partial out_{h1}$:'),
    '',
    C('* $\\partial E_{o1}/\\partial out_{h1} = \\delta_{o1} \\cdot w_5 = 0.138498562 \\times 0.40 = 0.055399425$', ck('0.055399425', 'M.dEo1_dh1')),
    M('* $\\partial E_{o2}/\\partial out_{h1} = \\delta_{o2} \\cdot w_8 = -0.038098237 \\times 0.55 = %s$' % f(_m, 9), ck(f(_m, 9), 'M.dEo2_dh1')),
    K('* $\\partial E_{total}/\\partial out_{h1} = 0.055399425 %s = %s$' % (f(_m, 9).replace('-', '- '), f(_s1, 9)), ck(f(_s1, 9), 'M.s1', writer=_s1)),
    '',
    C('$\\partial out_{h1}/\\partial net_{h1} = 0.593269992 \\times 0.406730008 = 0.241300709$', ck('0.406730008', 1 - X['M.h1']), ck('0.241300709', 'M.dh1')),
    '',
    K('$$\\frac{\\partial E_{total}}{\\partial w_1} = %s \\times 0.241300709 \\times 0.05 = %s$$' % (f(_s1, 9), f(_g1, 11)), ck(f(_g1, 11), 'M.g1', writer=_g1)),
    K('$$\\frac{\\partial E_{total}}{\\partial w_2} = %s \\times 0.241300709 \\times 0.10 = %s$$' % (f(_s1, 9), f(_g2, 11)), ck(f(_g2, 11), 'M.g2', writer=_g2)),
    '',
    K('$w_1^+ = 0.15 - 0.5 \\cdot %s = %s$, $w_2^+ = 0.20 - 0.5 \\cdot %s = %s$' % (f(_g1, 11), f(mp_('0.15') - mp_(f(_g1, 11)) / 2, 9), f(_g2, 11), f(mp_('0.20') - mp_(f(_g2, 11)) / 2, 9)),
      ck(f(mp_('0.15') - mp_(f(_g1, 11)) / 2, 9), 'M.w1n', writer=mp_('0.15') - mp_(f(_g1, 11)) / 2),
      ck(f(mp_('0.20') - mp_(f(_g2, 11)) / 2, 9), 'M.w2n', writer=mp_('0.20') - mp_(f(_g2, 11)) / 2)),
], 'Swapped weight: in this row-wired network h1 reaches o2 through w7 = 0.50, not w8 = 0.55 (w8 joins h2 to o2). Right value of dE_o2/dout_h1 is -0.019049118. The sum, both gradients and both updates carry it.')

# ---------------------------------------------------------------- 15 mistake: digit slip in dE/dw7
case('15-mazur-w7-digit-slip.tex', 'mazur', [
    P('\\noindent\\textbf{第 4 问} 求 $w_7, w_8$ 的新值 ($\\eta = 0.5$).'),
    '',
    '\\begin{align*}',
    C('out_{o_2} &= \\sigma(net_{o_2}) = \\sigma(1.2249214) = 0.7729285, \\\\', ck('1.2249214', 'M.net_o2'), ck('0.7729285', 'M.o2')),
    C('\\delta_{o_2} &= (0.7729285 - 0.99)\\cdot 0.7729285 \\cdot 0.2270715 = -0.0380982, \\\\', ck('0.2270715', 1 - X['M.o2']), ck('-0.0380982', 'M.d_o2')),
    M('\\frac{\\partial E}{\\partial w_7} &= \\delta_{o_2}\\, out_{h_1} = -0.0380982 \\times 0.5932700 = -0.0220602, \\\\', ck('-0.0220602', 'M.g7')),
    C('\\frac{\\partial E}{\\partial w_8} &= \\delta_{o_2}\\, out_{h_2} = -0.0380982 \\times 0.5968844 = -0.0227402.', ck('-0.0227402', 'M.g8')),
    '\\end{align*}',
    '所以',
    '\\[',
    K('w_8^{+} = 0.55 + 0.0113701 = 0.5613701, \\qquad w_7^{+} = 0.5 - 0.5 \\times (-0.0220602) = 0.5110301', ck('0.5613701', 'M.w8n'), ck('0.5110301', 'M.w7n', writer=mp_('0.5') + mp_('0.0110301'))),
    '\\]',
], 'Arithmetic slip: -0.0380982 x 0.5932700 = -0.0226025 (digits transposed to -0.0220602). w7+ carries it (right 0.5113013); on line 11 the w8+ figure is right and the final w7+ figure is carried.')
