from fw import *
from values import lecture, mazur, three_layer, circuit, sig
import mpmath as mp
M = mp.mpf
Lc, Z, T, C = lecture(), mazur(), three_layer(1)[0], circuit()
d = lambda k, **kw: Fmt('dec', k, **kw)
sf = lambda k, **kw: Fmt('sf', k, **kw)
U = dict(minus='−')
CASES = {}

# ---------- lecture ----------
CASES['01-ta-key-lecture'] = ('txt', 'lecture', 'correct', [
 P('Key - Q3 (2-2-2 sigmoid net, no bias, one step, η = 1)'),
 '',
 'Forward',
 L('In_h1 = 0.2(0.5) + 0.5(0.3) = {}', F(Lc['inh1'], d(2))),
 L('In_h2 = -0.4(0.5) + 0.6(0.3) = {}', F(Lc['inh2'], d(2))),
 L('h1 = σ(0.25) = {} ; h2 = σ(-0.02) = {}', F(Lc['h1'], d(4)), F(Lc['h2'], d(4))),
 L('In_o1 = 0.1(0.5622) - 0.3(0.4950) = {}', F(Lc['ino1'], d(4))),
 L('In_o2 = -0.5(0.5622) + 0.8(0.4950) = {}', F(Lc['ino2'], d(4))),
 L('o1 = {}, o2 = {}', F(Lc['o1'], d(4)), F(Lc['o2'], d(4))),
 L('E = ½(0.4769 - 0.23)² + ½(0.5287 + 0.07)² = {}', F(Lc['E'], d(4))),
 '',
 P('Backward (δ = (o - y)·o(1 - o) at each output)'),
 L('δo1 = 0.2469 × 0.2495 = {}', F(Lc['d1'], d(4))),
 L('δo2 = 0.5987 × 0.2492 = {}', F(Lc['d2'], d(4))),
 L('∂E/∂w5 = δo1·h1 = {}', F(Lc['g5'], d(4))),
 L('w5⁺ = 0.1 - 0.0346 = {}', F(Lc['w5+'], d(4))),
 L('∂E/∂w8 = δo2·h2 = {}  ->  w8⁺ = {}', F(Lc['g8'], d(4)), F(Lc['w8+'], d(4))),
])

# student notes, wrong wiring of In_o1 (uses w6 for h2 instead of w7)
h1s, h2s = M('0.56218'), M('0.495')
ino1w = M('0.1')*h1s + M('-0.5')*h2s
o1w = sig(M(str(mp.nstr(ino1w, 5))))
o1wr = M(mp.nstr(o1w, 5))
e1w = o1wr - M('0.23'); s1w = o1wr*(1-o1wr)
d1w = M(mp.nstr(e1w,5))*M(mp.nstr(s1w,5))
g5w = M(mp.nstr(d1w,5))*h1s
CASES['02-messy-notes-lecture'] = ('txt', 'lecture', 'mistake', [
 'bp ex. -- fwd pass first',
 P('x=(.5,.3)  t=(.23,-.07)   eta 1'),
 L('h1: .2*.5+.5*.3 = {} -> sig -> {}', F(Lc['inh1'], d(2, lead=False)), F(Lc['h1'], d(5, lead=False))),
 L('h2: -.4*.5+.6*.3 = {} -> sig -> {}', F(Lc['inh2'], d(2, lead=False)), F(Lc['h2'], d(5, lead=False))),
 L('o1 net: w5 h1 + w6 h2 = .1(.56218) - .5(.495) = {}', F(Lc['ino1'], d(5, lead=False), ino1w), kind='mis'),
 L('  -> o1 = sig(-.19128) = {}', F(Lc['o1'], d(5, lead=False), o1w), kind='car'),
 L('o2 net: w6 h1 + w8 h2 = -.5(.56218)+.8(.495) = {}', F(Lc['ino2'], d(5, lead=False))),
 L('  -> o2 = {}', F(Lc['o2'], d(5, lead=False))),
 '',
 'bwd:',
 L('o1-t1 = {} , o1(1-o1) = {}', F(Lc['e1'], d(5, lead=False), e1w), F(Lc['s1'], d(5, lead=False), s1w), kind='car'),
 L('=> d_o1 = {}', F(Lc['d1'], d(5, lead=False), d1w), kind='car'),
 L('dE/dw5 = d_o1 * h1 = {}', F(Lc['g5'], d(5, lead=False), g5w), kind='car'),
 L('new w5 = .1 - {} = {}', F(Lc['g5'], d(5, lead=False), g5w), F(Lc['w5+'], d(5, lead=False), M('0.1')-M(mp.nstr(g5w,4))), kind='car'),
])

CASES['03-chinese-homework-lecture'] = ('txt', 'lecture', 'correct', [
 '解:',
 P('网络为2-2-2结构,激活函数均为sigmoid,没有偏置,学习率η = 1,误差取 Error = ½Σ(o−y)²。'),
 L('先算隐藏层输入:In_h1 = w1·x1 + w3·x2 = 0.2×0.5 + 0.5×0.3 = {},In_h2 = w2·x1 + w4·x2 = −0.4×0.5 + 0.6×0.3 = {}。', F(Lc['inh1'], d(2)), F(Lc['inh2'], d(2, **U))),
 L('经过sigmoid得到 h1 = {},h2 = {}。', F(Lc['h1'], d(4)), F(Lc['h2'], d(4))),
 L('输出层输入 In_o1 = w5·h1 + w7·h2 = {},In_o2 = w6·h1 + w8·h2 = {}。', F(Lc['ino1'], d(4, **U)), F(Lc['ino2'], d(4))),
 L('所以 o1 = {},o2 = {}。', F(Lc['o1'], d(4)), F(Lc['o2'], d(4))),
 L('总误差 Error = ½(0.4769−0.23)² + ½(0.5287+0.07)² = {}。', F(Lc['E'], d(4))),
 '',
 '反向传播时,先求输出层的误差项,再沿权重传回隐藏层。',
 L('输出层误差项 δ_o1 = (o1−y1)·o1(1−o1) = {},δ_o2 = {}。', F(Lc['d1'], d(4)), F(Lc['d2'], d(4))),
 L('隐藏层 h1 收到的误差为 δ_o1·w5 + δ_o2·w6 = 0.0616×0.1 + 0.1492×(−0.5) = {},', F(Lc['b1'], d(4, **U))),
 L('再乘 h1(1−h1) = {} 得 δ_h1 = {}。', F(Lc['sh1'], d(4)), F(Lc['dh1'], d(5, **U))),
 L('因此 ∂Error/∂w1 = δ_h1·x1 = {},更新后 w1 = 0.2 − (−0.00842) = {}。', F(Lc['g1'], d(5, **U)), F(Lc['w1+'], d(5))),
 L('同理 ∂Error/∂w3 = δ_h1·x2 = {},w3 更新为 {}。', F(Lc['g3'], d(5, **U)), F(Lc['w3+'], d(5))),
])

# LaTeX: hidden delta keeps only the path through o1
b1w = Lc['d1']*M('0.1')
dh1w = M(mp.nstr(b1w, 6))*M(mp.nstr(Lc['sh1'],6))
CASES['04-latex-lecture'] = ('tex', 'lecture', 'mistake', [
 r'\section*{Backpropagation to the first layer}',
 P(r'With $\eta = 1$ and $E=\tfrac12\sum_k (o_k-y_k)^2$ we need the hidden deltas.'),
 r'\begin{aligned}',
 L(r'h_1 &= \sigma\left(0.25\right) = {} \\', F(Lc['h1'], d(6))),
 L(r'h_2 &= \sigma\left(-0.02\right) = {} \\', F(Lc['h2'], d(6))),
 L(r'\delta_{{o1}} &= \left(o_1 - y_1\right) o_1\left(1-o_1\right) = {} \\', F(Lc['d1'], d(6))),
 L(r'\delta_{{o2}} &= \left(o_2 - y_2\right) o_2\left(1-o_2\right) = {} \\', F(Lc['d2'], d(6))),
 L(r'\frac{{\partial E}}{{\partial h_1}} &= \delta_{{o1}} \cdot w_5 = 0.061605 \cdot 0.1 = {} \\', F(Lc['b1'], d(6), b1w), kind='mis'),
 L(r'h_1\left(1-h_1\right) &= {} \\', F(Lc['sh1'], d(6))),
 L(r'\delta_{{h1}} &= {} \cdot 0.246134 = {} \\', F(Lc['b1'], d(6), b1w), F(Lc['dh1'], d(6), dh1w), kind='car'),
 L(r'\frac{{\partial E}}{{\partial w_1}} &= \delta_{{h1}} \cdot x_1 = {} \\', F(Lc['g1'], d(6), M(mp.nstr(dh1w,6))*M('0.5')), kind='car'),
 L(r'w_1^{{+}} &= 0.2 - {} = {}', F(Lc['g1'], d(6), M(mp.nstr(dh1w,6))*M('0.5')), F(Lc['w1+'], d(6), M('0.2')-M(mp.nstr(M(mp.nstr(dh1w,6))*M('0.5'),6))), kind='car'),
 r'\end{aligned}',
])

CASES['05-markdown-8dp-lecture'] = ('md', 'lecture', 'correct', [
 P('## Backprop, one step (η = 1), all numbers to 8 decimals'),
 '',
 L('$$In_{{h1}} = w_1 x_1 + w_3 x_2 = {}, \\quad h_1 = \\sigma(In_{{h1}}) = {}$$', F(Lc['inh1'], d(8)), F(Lc['h1'], d(8))),
 L('$$In_{{h2}} = w_2 x_1 + w_4 x_2 = {}, \\quad h_2 = {}$$', F(Lc['inh2'], d(8)), F(Lc['h2'], d(8))),
 L('$$In_{{o1}} = w_5 h_1 + w_7 h_2 = {}, \\quad o_1 = {}$$', F(Lc['ino1'], d(8)), F(Lc['o1'], d(8))),
 L('$$In_{{o2}} = w_6 h_1 + w_8 h_2 = {}, \\quad o_2 = {}$$', F(Lc['ino2'], d(8)), F(Lc['o2'], d(8))),
 '',
 'Output deltas, then the four output-layer gradients:',
 L('$$\\delta_{{o1}} = {}, \\qquad \\delta_{{o2}} = {}$$', F(Lc['d1'], d(8)), F(Lc['d2'], d(8))),
 L('$$\\frac{{\\partial E}}{{\\partial w_7}} = \\delta_{{o1}} h_2 = {}$$', F(Lc['g7'], d(8))),
 L('$$\\frac{{\\partial E}}{{\\partial w_6}} = \\delta_{{o2}} h_1 = {}$$', F(Lc['g6'], d(8))),
 L('$$w_7^{{+}} = -0.3 - {} = {}$$', F(Lc['g7'], d(8)), F(Lc['w7+'], d(8))),
 L('$$w_6^{{+}} = -0.5 - {} = {}$$', F(Lc['g6'], d(8)), F(Lc['w6+'], d(8))),
 '',
 'Hidden layer, unit h2 (it feeds o1 through w7 and o2 through w8):',
 L('$$\\delta_{{h2}} = (\\delta_{{o1}} w_7 + \\delta_{{o2}} w_8)\\, h_2(1-h_2) = {}$$', F(Lc['dh2'], d(8))),
 L('$$w_4^{{+}} = 0.6 - \\delta_{{h2}} x_2 = {}$$', F(Lc['w4+'], d(8))),
])

# matrices; sign slip in the update (adds the gradient)
CASES['06-matrix-lecture'] = ('md', 'lecture', 'mistake', [
 P('Layer form. W₁ = [[w1, w3], [w2, w4]] = [[0.2, 0.5], [−0.4, 0.6]], W₂ = [[w5, w7], [w6, w8]] = [[0.1, −0.3], [−0.5, 0.8]].'),
 '',
 L('z₁ = W₁x = ({}, {})', F(Lc['inh1'], d(2)), F(Lc['inh2'], d(2, **U))),
 L('h = σ(z₁) = ({}, {})', F(Lc['h1'], d(4)), F(Lc['h2'], d(4))),
 L('z₂ = W₂h = ({}, {})', F(Lc['ino1'], d(4, **U)), F(Lc['ino2'], d(4))),
 L('o = σ(z₂) = ({}, {})', F(Lc['o1'], d(4)), F(Lc['o2'], d(4))),
 L('δ₂ = (o − y) ⊙ o ⊙ (1 − o) = ({}, {})', F(Lc['d1'], d(4)), F(Lc['d2'], d(4))),
 L('∇W₂ = δ₂ hᵀ = [[{}, {}], [{}, {}]]', F(Lc['g5'], d(4)), F(Lc['g7'], d(4)), F(Lc['g6'], d(4)), F(Lc['g8'], d(4))),
 L('W₂ ← W₂ + η∇W₂ = [[{}, {}], [{}, {}]]', F(Lc['w5+'], d(4), M('0.1')+M('0.0346')), F(Lc['w7+'], d(4, **U), M('-0.3')+M('0.0305')), F(Lc['w6+'], d(4, **U), M('-0.5')+M('0.0839')), F(Lc['w8+'], d(4), M('0.8')+M('0.0738')), kind='mis'),
 '',
 L('δ₁ = (W₂ᵀδ₂) ⊙ h ⊙ (1 − h) = ({}, {})', F(Lc['dh1'], d(4, **U)), F(Lc['dh2'], d(4))),
 L('∇W₁ = δ₁ xᵀ = [[{}, {}], [{}, {}]]', F(Lc['g1'], d(4, **U)), F(Lc['g3'], d(4, **U)), F(Lc['g2'], d(4)), F(Lc['g4'], d(4))),
 L('W₁ ← W₁ − η∇W₁ = [[{}, {}], [{}, {}]]', F(Lc['w1+'], d(4)), F(Lc['w3+'], d(4)), F(Lc['w2+'], d(4, **U)), F(Lc['w4+'], d(4))),
])
