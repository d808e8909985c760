from fw import *
from values import lecture, mazur, three_layer, circuit, sig
import mpmath as mp
M = mp.mpf
Z, T, C = mazur(), three_layer(1)[0], circuit()
d = lambda k, **kw: Fmt('dec', k, **kw)
sf = lambda k, **kw: Fmt('sf', k, **kw)
e = lambda k, **kw: Fmt('e', k, **kw)
tx = lambda k, **kw: Fmt('tex', k, **kw)
un = lambda k, **kw: Fmt('uni', k, **kw)
U = dict(minus='−')
r = lambda x, k: M(mp.nstr(x, k))   # writer keeps k significant digits
CASES = {}

# ---------- mazur ----------
CASES['07-sci-notation-mazur'] = ('txt', 'mazur', 'correct', [
 'Mazur example, forward pass and the w5 step (eta 0.5, biases frozen), in e-notation',
 L('net_h1 = 0.15*0.05 + 0.20*0.10 + 0.35 = {}', F(Z['neth1'], e(4))),
 L('out_h1 = sigma(net_h1) = {}', F(Z['h1'], e(5))),
 L('net_h2 = {}, out_h2 = {}', F(Z['neth2'], e(4)), F(Z['h2'], e(5))),
 L('net_o1 = 0.40*out_h1 + 0.45*out_h2 + 0.60 = {}  ->  out_o1 = {}', F(Z['neto1'], e(5)), F(Z['o1'], e(5))),
 L('net_o2 = {}  ->  out_o2 = {}', F(Z['neto2'], e(5)), F(Z['o2'], e(5))),
 L('E_o1 = 0.5*(0.01 - out_o1)^2 = {}, E_o2 = {}', F(Z['E1'], e(5)), F(Z['E2'], e(5))),
 L('E_total = {}', F(Z['E'], e(5))),
 '',
 L('dE/dout_o1 = out_o1 - target_o1 = {}', F(Z['e1'], e(5))),
 L('dout_o1/dnet_o1 = out_o1*(1 - out_o1) = {}', F(Z['s1'], e(5))),
 L('dE/dw5 = 7.4137e-1 * 1.8682e-1 * 5.9327e-1 = {}', F(Z['g5'], e(5))),
 L('w5+ = 0.40 - 0.5 * 8.2167e-2 = {}', F(Z['w5+'], e(5))),
 L('likewise dE/dw8 = {}, so w8+ = {}', F(Z['g8'], tx(4)), F(Z['w8+'], tx(4))),
])

d1w = M('0.741')*M('0.751')*M('0.249')
g5w = M('0.139')*M('0.593')
CASES['08-three-sig-figs-mazur'] = ('txt', 'mazur', 'correct', [
 P('Mazur network, everything kept to 3 s.f. (η = 0.5, b1 and b2 not trained)'),
 L('net_h1 = 0.15(0.05) + 0.20(0.10) + 0.35 = {}, out_h1 = {}', F(Z['neth1'], d(4)), F(Z['h1'], sf(3))),
 L('net_h2 = {}, out_h2 = {}', F(Z['neth2'], d(4)), F(Z['h2'], sf(3))),
 L('net_o1 = 0.40(0.593) + 0.45(0.597) + 0.60 = {}, out_o1 = {}', F(Z['neto1'], sf(3)), F(Z['o1'], sf(3))),
 L('net_o2 = {}, out_o2 = {}', F(Z['neto2'], sf(3)), F(Z['o2'], sf(3))),
 L('E_total = ½(0.741)² + ½(0.217)² = {}', F(Z['E'], sf(3), M('0.5')*M('0.741')**2 + M('0.5')*M('0.217')**2)),
 '',
 L('δ_o1 = 0.741 × 0.751 × 0.249 = {}', F(Z['d1'], sf(3), d1w)),
 L('∂E/∂w5 = 0.139 × 0.593 = {}', F(Z['g5'], sf(3), g5w)),
 L('w5⁺ = 0.40 − 0.5(0.0824) = {}', F(Z['w5+'], sf(3), M('0.4')-M('0.5')*M('0.0824'))),
 L('δ_o2 = (0.773 − 0.99)(0.773)(0.227) = {}', F(Z['d2'], sf(3, **U), M('-0.217')*M('0.773')*M('0.227'))),
 L('∂E/∂w7 = −0.0381 × 0.593 = {}', F(Z['g7'], sf(3, **U), M('-0.0381')*M('0.593'))),
 L('w7⁺ = 0.50 + 0.5(0.0226) = {}', F(Z['w7+'], sf(3), M('0.5')+M('0.0113'))),
])

w5w = M('0.4') - r(Z['g5'], 7)
neto1_new = Z['w5+']*Z['h1'] + M('0.45')*Z['h2'] + M('0.6')
neto1_w = w5w*r(Z['h1'],8) + M('0.45')*r(Z['h2'],8) + M('0.6')
CASES['09-rule-in-words-mazur'] = ('txt', 'mazur', 'mistake', [
 P('Rule: every weight moves against its gradient, scaled by the learning rate, i.e. new weight = old weight − η × ∂E_total/∂weight, with η = 0.5 here.'),
 'For a weight into an output unit the gradient is (out − target) times out(1 − out) times the hidden output that the weight multiplies.',
 L('Forward values needed: out_h1 = {}, out_h2 = {}, out_o1 = {}.', F(Z['h1'], d(8)), F(Z['h2'], d(8)), F(Z['o1'], d(8))),
 L('Applying it to w5: ∂E/∂w5 = 0.74136507 × 0.18681560 × 0.59326999 = {}.', F(Z['g5'], d(8))),
 L('Then w5 becomes 0.40 − 0.08216704 = {}.', F(Z['w5+'], d(8), w5w), kind='mis'),
 'As a sanity check, re-run o1 with the new w5 and everything else unchanged:',
 L('net_o1 = 0.31783296 × 0.59326999 + 0.45 × 0.59688438 + 0.60 = {}', F(neto1_new, d(8), neto1_w), kind='car'),
 L('out_o1 = σ({}) = {}, down from 0.75136507, so the step went the right way.', F(neto1_new, d(8), neto1_w), F(sig(neto1_new), d(8), sig(r(neto1_w, 9))), kind='car'),
])

CASES['10-own-names-mazur'] = ('txt', 'mazur', 'correct', [
 P('notation: z1, z2 = hidden pre-activations, a1, a2 = hidden outputs, z_out1, z_out2, y1, y2 = net outputs,'),
 P('g(.) = dE/d(.)   [eta 0.5, b1 b2 frozen]'),
 L('z1 = {}   a1 = {}', F(Z['neth1'], d(4)), F(Z['h1'], d(6))),
 L('z2 = {}   a2 = {}', F(Z['neth2'], d(4)), F(Z['h2'], d(6))),
 L('z_out1 = {}   y1 = {}', F(Z['neto1'], d(6)), F(Z['o1'], d(6))),
 L('z_out2 = {}   y2 = {}', F(Z['neto2'], d(6)), F(Z['o2'], d(6))),
 L('g(z_out1) = (0.751365 - 0.01) * 0.751365 * 0.248635 = {}', F(Z['d1'], d(6))),
 L('g(z_out2) = (0.772928 - 0.99) * 0.772928 * 0.227072 = {}', F(Z['d2'], d(6))),
 L('g(a1) = 0.138499*w5 + (-0.038098)*w7 = {} - {} = {}', F(Z['dE1dh1'], d(6)), F(-Z['dE2dh1'], d(6)), F(Z['b1'], d(6))),
 L('g(z1) = g(a1) * a1(1 - a1) = 0.036350 * 0.241301 = {}', F(Z['dh1'], d(6))),
 L('g(w1) = g(z1) * i1 = {}', F(Z['g1'], d(6))),
 L('w1 <- 0.15 - 0.5 * 0.000439 = {}', F(Z['w1+'], d(6))),
 L('same path, g(w2) = g(z1) * i2 = {}  and  w2 <- {}', F(Z['g2'], d(6)), F(Z['w2+'], d(6))),
])

nh1w = M('0.075') + M('0.02') + M('0.35')
h1w = sig(nh1w)
no1w = M('0.4')*r(h1w,6) + M('0.45')*r(Z['h2'],6) + M('0.6')
o1w = sig(r(no1w,7))
E1w = (M('0.01') - r(o1w,6))**2/2
CASES['11-latex-mazur'] = ('tex', 'mazur', 'mistake', [
 r'\textbf{Forward pass (Mazur).}',
 r'\begin{aligned}',
 L(r'net_{{h1}} &= w_1 \cdot i_1 + w_2 \cdot i_2 + b_1 = 0.15 \cdot 0.05 + 0.20 \cdot 0.10 + 0.35 = {} \\', F(Z['neth1'], d(4), nh1w), kind='mis'),
 L(r'out_{{h1}} &= \frac{{1}}{{1+e^{{-{}}}}} = {} \\', F(Z['neth1'], d(4), nh1w), F(Z['h1'], d(6), h1w), kind='car'),
 L(r'net_{{h2}} &= 0.25 \cdot 0.05 + 0.30 \cdot 0.10 + 0.35 = {} \\', F(Z['neth2'], d(4))),
 L(r'out_{{h2}} &= {} \\', F(Z['h2'], d(6))),
 L(r'net_{{o1}} &= 0.40 \cdot {} + 0.45 \cdot {} + 0.60 = {} \\', F(Z['h1'], d(6), h1w), F(Z['h2'], d(6)), F(Z['neto1'], d(6), no1w), kind='car'),
 L(r'out_{{o1}} &= \sigma\left({}\right) = {} \\', F(Z['neto1'], d(6), no1w), F(Z['o1'], d(6), o1w), kind='car'),
 L(r'E_{{o1}} &= \tfrac{{1}}{{2}}\left(0.01 - {}\right)^2 = {}', F(Z['o1'], d(6), o1w), F(Z['E1'], d(6), E1w), kind='car'),
 r'\end{aligned}',
])
