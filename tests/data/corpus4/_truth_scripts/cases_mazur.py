from mpmath import mpf
from fw import Fig as F, rd, rs
import nets
from nets import sig

V = nets.mazur()
w = V.w


def c08(d, M):
    # Markdown blog style with $$, Mazur names, 8 decimals, clean
    d.p("# Backprop by hand: the 2-2-2 example")
    d.p("")
    d.p("Inputs $i_1 = 0.05$, $i_2 = 0.10$, biases $b_1 = 0.35$, $b_2 = 0.60$, targets $0.01$ and $0.99$, learning rate $\\eta = 0.5$.")
    d.p("")
    d.c("$$net_{h1} = 0.15(0.05) + 0.20(0.10) + 0.35 = @@, \\quad out_{h1} = \\frac{1}{1+e^{-@@}} = @@$$", F(V.nh1, None, 'f4'), F(V.nh1, None, 'f4'), F(V.h1, None, 'f8'))
    d.c("$$net_{h2} = 0.25(0.05) + 0.30(0.10) + 0.35 = @@, \\quad out_{h2} = @@$$", F(V.nh2, None, 'f4'), F(V.h2, None, 'f8'))
    d.c("$$net_{o1} = 0.40\\,out_{h1} + 0.45\\,out_{h2} + 0.60 = @@, \\quad out_{o1} = @@$$", F(V.no1, None, 'f8'), F(V.o1, None, 'f8'))
    d.c("$$net_{o2} = 0.50\\,out_{h1} + 0.55\\,out_{h2} + 0.60 = @@, \\quad out_{o2} = @@$$", F(V.no2, None, 'f8'), F(V.o2, None, 'f8'))
    d.c("$$E_{total} = \\tfrac12(0.01 - @@)^2 + \\tfrac12(0.99 - @@)^2 = @@ + @@ = @@$$", F(V.o1, None, 'f8'), F(V.o2, None, 'f8'), F(V.E1, None, 'f8'), F(V.E2, None, 'f8'), F(V.E, None, 'f8'))
    d.p("")
    d.p("Chain rule for $w_5$: $\\frac{\\partial E_{total}}{\\partial w_5} = \\frac{\\partial E_{total}}{\\partial out_{o1}} \\cdot \\frac{\\partial out_{o1}}{\\partial net_{o1}} \\cdot \\frac{\\partial net_{o1}}{\\partial w_5}$")
    d.p("")
    d.c("$$\\frac{\\partial E_{total}}{\\partial out_{o1}} = out_{o1} - target_{o1} = @@$$", F(V.dEo1, None, 'f8'))
    d.c("$$\\frac{\\partial out_{o1}}{\\partial net_{o1}} = out_{o1}(1 - out_{o1}) = @@$$", F(V.s1, None, 'f8'))
    d.c("$$\\frac{\\partial net_{o1}}{\\partial w_5} = out_{h1} = @@$$", F(V.h1, None, 'f8'))
    d.c("$$\\frac{\\partial E_{total}}{\\partial w_5} = @@ \\times @@ \\times @@ = @@$$", F(V.dEo1, None, 'f8'), F(V.s1, None, 'f8'), F(V.h1, None, 'f8'), F(V.g[5], None, 'f8'))
    d.c("$$w_5^+ = 0.4 - 0.5 \\times @@ = @@$$", F(V.g[5], None, 'f8'), F(V.new[5], None, 'f8'))
    d.p("")
    d.p("Repeating for the other three output-layer weights:")
    d.p("")
    d.c("$$w_6^+ = @@, \\qquad w_7^+ = @@, \\qquad w_8^+ = @@$$", F(V.new[6], None, 'f8'), F(V.new[7], None, 'f8'), F(V.new[8], None, 'f8'))


def c09(d, M):
    # plain text, 5 decimals, hidden-layer weight w1, clean
    d.p("Mazur-type net, update of w1 (hidden layer). eta = 0.5, biases fixed.")
    d.p("Forward values (5 d.p.):")
    d.c("out_h1 = @@, out_h2 = @@, out_o1 = @@, out_o2 = @@", F(V.h1, None, 'f5'), F(V.h2, None, 'f5'), F(V.o1, None, 'f5'), F(V.o2, None, 'f5'))
    d.p("")
    d.p("Let delta_o1 = dE_total/dnet_o1 and delta_o2 = dE_total/dnet_o2.")
    d.c("delta_o1 = (out_o1 - 0.01) * out_o1 * (1 - out_o1) = @@ * @@ = @@", F(V.dEo1, None, 'f5'), F(V.s1, None, 'f5'), F(V.d1, None, 'f5'))
    d.c("delta_o2 = (out_o2 - 0.99) * out_o2 * (1 - out_o2) = @@ * @@ = @@", F(V.dEo2, None, 'f5'), F(V.s2, None, 'f5'), F(V.d2, None, 'f5'))
    d.p("")
    d.p("out_h1 feeds net_o1 through w5 and net_o2 through w7:")
    d.c("dE_total/dout_h1 = delta_o1*w5 + delta_o2*w7 = @@*0.40 + (@@)*0.50 = @@", F(V.d1, None, 'f5'), F(V.d2, None, 'f5'), F(V.bh1, None, 'f5'))
    d.c("dout_h1/dnet_h1 = out_h1(1 - out_h1) = @@", F(V.sh1, None, 'f5'))
    d.c("dnet_h1/dw1 = i1 = 0.05")
    d.c("dE_total/dw1 = @@ * @@ * 0.05 = @@", F(V.bh1, None, 'f5'), F(V.sh1, None, 'f5'), F(V.g[1], None, 'e3'))
    d.c("w1+ = 0.15 - 0.5 * @@ = @@", F(V.g[1], None, 'e3'), F(V.new[1], None, 'f5'))
    d.p("")
    d.p("Same path gives w2 with i2 = 0.10 instead of 0.05:")
    d.c("dE_total/dw2 = @@, w2+ = @@", F(V.g[2], None, 'e3'), F(V.new[2], None, 'f5'))


def c10(d, M):
    # LaTeX aligned; MISTAKE: arithmetic slip in the product for dE/dw6; carried into w6+
    if M:
        g6 = mpf('0.07266763')  # writer's slip: wrong leading digit in the product
    else:
        g6 = V.g[6]
    d.p("\\textbf{Q2.} Output-layer update for the Mazur network ($\\eta=0.5$, biases not updated).")
    d.p("\\[")
    d.p("\\begin{aligned}")
    d.c("net_{o1} &= w_5\\,out_{h1} + w_6\\,out_{h2} + b_2 = 0.4(@@) + 0.45(@@) + 0.6 = @@\\\\", F(V.h1, None, 'f6'), F(V.h2, None, 'f6'), F(V.no1, None, 'f6'))
    d.c("out_{o1} &= \\sigma(@@) = @@\\\\", F(V.no1, None, 'f6'), F(V.o1, None, 'f6'))
    d.c("\\delta_{o1} &= (out_{o1}-0.01)\\,out_{o1}(1-out_{o1}) = (@@)(@@) = @@\\\\", F(V.dEo1, None, 'f6'), F(V.s1, None, 'f6'), F(V.d1, None, 'f6'))
    d.c("\\frac{\\partial E_{total}}{\\partial w_5} &= \\delta_{o1}\\,out_{h1} = @@\\times@@ = @@\\\\", F(V.d1, None, 'f6'), F(V.h1, None, 'f6'), F(V.g[5], None, 'f6'))
    d.c("\\frac{\\partial E_{total}}{\\partial w_6} &= \\delta_{o1}\\,out_{h2} = @@\\times@@ = @@", F(V.d1, None, 'f6'), F(V.h2, None, 'f6'), F(V.g[6], g6, 'f6'), bad=True)
    d.p("\\end{aligned}")
    d.p("\\]")
    d.p("Gradient step $w^{+} = w - \\eta\\,\\partial E_{total}/\\partial w$:")
    d.p("\\[")
    d.p("\\begin{aligned}")
    d.c("w_5^{+} &= 0.40 - 0.5(@@) = @@\\\\", F(V.g[5], None, 'f6'), F(V.new[5], None, 'f6'))
    d.c("w_6^{+} &= 0.45 - 0.5(@@) = @@", F(V.g[6], g6, 'f6'), F(V.new[6], w[6] - V.eta * g6, 'f6'))
    d.p("\\end{aligned}")
    d.p("\\]")


def c11(d, M):
    # Chinese + code-like; MISTAKE: transcription slip 0.59326999 -> 0.59632699 for out_h1; carried
    h1w = mpf('0.59632699') if M else rd(V.h1, 8)
    h2w = rd(V.h2, 8)
    no1 = w[5] * h1w + w[6] * h2w + V.b2
    o1 = sig(no1)
    no2 = w[7] * h1w + w[8] * h2w + V.b2
    o2 = sig(no2)
    E1 = (V.t1 - o1) ** 2 / 2; E2 = (V.t2 - o2) ** 2 / 2
    d.p("题目:2-2-2 网络,i1=0.05, i2=0.10, b1=0.35, b2=0.60,目标输出 0.01 和 0.99。求 E_total。")
    d.p("")
    d.p("隐藏层(计算器算到8位小数):")
    d.c("net_h1 = 0.15*0.05 + 0.20*0.10 + 0.35 = @@", F(V.nh1, None, 'f4'))
    d.c("out_h1 = 1/(1 + exp(-@@)) = @@", F(V.nh1, None, 'f4'), F(V.h1, None, 'f8'))
    d.c("net_h2 = 0.25*0.05 + 0.30*0.10 + 0.35 = @@", F(V.nh2, None, 'f4'))
    d.c("out_h2 = 1/(1 + exp(-@@)) = @@", F(V.nh2, None, 'f4'), F(V.h2, None, 'f8'))
    d.p("")
    d.p("输出层:")
    d.c("net_o1 = 0.40*@@ + 0.45*@@ + 0.60 = @@", F(V.h1, h1w, 'f8'), F(V.h2, h2w, 'f8'), F(V.no1, no1, 'f8'), bad=True)
    d.c("out_o1 = sigmoid(@@) = @@", F(V.no1, no1, 'f8'), F(V.o1, o1, 'f8'))
    d.c("net_o2 = 0.50*@@ + 0.55*@@ + 0.60 = @@", F(V.h1, h1w, 'f8'), F(V.h2, h2w, 'f8'), F(V.no2, no2, 'f8'))
    d.c("out_o2 = sigmoid(@@) = @@", F(V.no2, no2, 'f8'), F(V.o2, o2, 'f8'))
    d.p("")
    d.p("误差(平方误差的一半之和):")
    d.c("E_o1 = 1/2 * (0.01 - @@)**2 = @@", F(V.o1, o1, 'f8'), F(V.E1, E1, 'f8'))
    d.c("E_o2 = 1/2 * (0.99 - @@)**2 = @@", F(V.o2, o2, 'f8'), F(V.E2, E2, 'f8'))
    d.c("E_total = E_o1 + E_o2 = @@", F(V.E, E1 + E2, 'f8'))


def c12(d, M):
    # short, 3 s.f. rounding chain, e-notation; clean
    h1 = rs(V.h1, 3); h2 = rs(V.h2, 3)
    no1 = rs(w[5] * h1 + w[6] * h2 + V.b2, 3); o1 = rs(sig(no1), 3)
    no2 = rs(w[7] * h1 + w[8] * h2 + V.b2, 3); o2 = rs(sig(no2), 3)
    d1 = rs((o1 - V.t1) * o1 * (1 - o1), 3); d2 = rs((o2 - V.t2) * o2 * (1 - o2), 3)
    g5 = rs(d1 * h1, 3); g6 = rs(d1 * h2, 3); g7 = rs(d2 * h1, 3); g8 = rs(d2 * h2, 3)
    d.p("mazur net, output weights only, 3 sf (I round as I go)")
    d.c("out_h1 = s(0.3775) = @@, out_h2 = s(0.3925) = @@", F(V.h1, h1, 's3'), F(V.h2, h2, 's3'))
    d.c("net_o1 = .4*@@ + .45*@@ + .6 = @@ -> out_o1 = @@", F(V.h1, h1, 's3'), F(V.h2, h2, 's3'), F(V.no1, no1, 's3'), F(V.o1, o1, 's3'))
    d.c("net_o2 = .5*@@ + .55*@@ + .6 = @@ -> out_o2 = @@", F(V.h1, h1, 's3'), F(V.h2, h2, 's3'), F(V.no2, no2, 's3'), F(V.o2, o2, 's3'))
    d.c("d1 = (@@ - .01)*@@*(1 - @@) = @@", F(V.o1, o1, 's3'), F(V.o1, o1, 's3'), F(V.o1, o1, 's3'), F(V.d1, d1, 's3'))
    d.c("d2 = (@@ - .99)*@@*(1 - @@) = @@", F(V.o2, o2, 's3'), F(V.o2, o2, 's3'), F(V.o2, o2, 's3'), F(V.d2, d2, 's3'))
    d.c("grads: w5 @@, w6 @@, w7 @@, w8 @@", F(V.g[5], g5, 'e2'), F(V.g[6], g6, 'e2'), F(V.g[7], g7, 'e2'), F(V.g[8], g8, 'e2'))
    d.p("step = 0.5 * grad")
    d.c("w5 -> @@   w6 -> @@", F(V.new[5], rs(w[5] - V.eta * g5, 3), 's3'), F(V.new[6], rs(w[6] - V.eta * g6, 3), 's3'))
    d.c("w7 -> @@   w8 -> @@", F(V.new[7], rs(w[7] - V.eta * g7, 3), 's3'), F(V.new[8], rs(w[8] - V.eta * g8, 3), 's3'))


CASES = [
    dict(name='08-mazur-blog', ext='md', problem='mazur', build=c08, mistaken=False,
         notes='Clean. Markdown with display math, 8 dp, full precision.'),
    dict(name='09-mazur-plain', ext='txt', problem='mazur', build=c09, mistaken=False, doc=dict(sci='x'),
         notes='Clean. Plain text, 5 dp, hidden-layer gradient for w1 and w2 in e-notation.'),
    dict(name='10-mazur-aligned', ext='tex', problem='mazur', build=c10, mistaken=True,
         notes='Mistake: arithmetic slip, delta_o1*out_h2 written 0.072668 instead of 0.082668. Carried into w6+.'),
    dict(name='11-mazur-zh', ext='txt', problem='mazur', build=c11, mistaken=True,
         notes='Mistake: out_h1 = 0.59326999 is copied as 0.59632699 into net_o1 (transcription slip). Carried into out_o1, net_o2, out_o2, E_o1, E_o2, E_total.'),
    dict(name='12-mazur-3sf', ext='txt', problem='mazur', build=c12, mistaken=False, doc=dict(sci='xc'),
         notes='Clean. 3 s.f., every intermediate rounded and reused; figures that differ from exact in the last digit are rounding.'),
]
