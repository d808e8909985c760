from mpmath import mpf, exp
from fw import Fig as F, rd, rs
import nets
from nets import sig

V = nets.lecture()
w = V.w


def c01(d, M):
    # phone chat, 2-3 decimals, rounds every intermediate and computes on
    h1 = rd(sig(mpf('0.25')), 3); h2 = rd(sig(mpf('-0.02')), 3)
    Io1 = rd(w[5] * h1 + w[7] * h2, 3); Io2 = rd(w[6] * h1 + w[8] * h2, 4)
    o1 = rd(sig(Io1), 3); o2 = rd(sig(Io2), 3)
    E = rd((o1 - V.y1) ** 2 / 2 + (o2 - V.y2) ** 2 / 2, 3)
    e1 = rd(o1 - V.y1, 3); e2 = rd(o2 - V.y2, 3)
    g5 = rd(e1 * o1 * (1 - o1) * h1, 4); g7 = rd(e1 * o1 * (1 - o1) * h2, 4)
    g6 = rd(e2 * o2 * (1 - o2) * h1, 4); g8 = rd(e2 * o2 * (1 - o2) * h2, 4)
    dh1 = rd((e1 * o1 * (1 - o1) * w[5] + e2 * o2 * (1 - o2) * w[6]) * h1 * (1 - h1), 4)
    g1 = dh1 * V.x1; g3 = dh1 * V.x2
    d.p("ok here's my backprop for the lecture net, x = (0.5, 0.3), y = (0.23, -0.07), eta = 1")
    d.p("rounding everything to 3 dp as i go")
    d.c("In_h1 = 0.2*0.5 + 0.5*0.3 = @@ -> h1 = sig(0.25) = @@", F(V.Ih1, None, 'f2'), F(V.h1, h1, 'f3'))
    d.c("In_h2 = -0.4*0.5 + 0.6*0.3 = @@ -> h2 = @@", F(V.Ih2, None, 'f2'), F(V.h2, h2, 'f3'))
    d.c("In_o1 = 0.1*@@ - 0.3*@@ = @@ so o1 = @@", F(V.h1, h1, 'f3'), F(V.h2, h2, 'f3'), F(V.Io1, Io1, 'f3'), F(V.o1, o1, 'f3'))
    d.c("In_o2 = -0.5*@@ + 0.8*@@ = @@ so o2 = @@", F(V.h1, h1, 'f3'), F(V.h2, h2, 'f3'), F(V.Io2, Io2, 'f3'), F(V.o2, o2, 'f3'))
    d.c("Error = 0.5*(@@-0.23)^2 + 0.5*(@@+0.07)^2 = @@", F(V.o1, o1, 'f3'), F(V.o2, o2, 'f3'), F(V.E, E, 'f3'))
    d.c("dE/do1 = @@ and dE/do2 = @@", F(V.dEo1, e1, 'f3'), F(V.dEo2, e2, 'f3'))
    d.p("")
    d.p("output weights: (o-y) * o(1-o) * h")
    d.c("w5: @@*@@*@@*@@ = @@", F(V.dEo1, e1, 'f3'), F(V.o1, o1, 'f3'), F(1 - V.o1, 1 - o1, 'f3'), F(V.h1, h1, 'f3'), F(V.g[5], g5, 'f4'))
    d.c("w7: same but times h2 = @@ -> @@", F(V.h2, h2, 'f3'), F(V.g[7], g7, 'f4'))
    d.c("w6: @@*@@*@@*@@ = @@", F(V.dEo2, e2, 'f3'), F(V.o2, o2, 'f3'), F(1 - V.o2, 1 - o2, 'f3'), F(V.h1, h1, 'f3'), F(V.g[6], g6, 'f4'))
    d.c("w8: times h2 instead -> @@", F(V.g[8], g8, 'f4'))
    d.c("new w5 = 0.1 - @@ = @@, new w7 = -0.3 - @@ = @@", F(V.g[5], g5, 'f4'), F(V.new[5], w[5] - g5, 'f4'), F(V.g[7], g7, 'f4'), F(V.new[7], w[7] - g7, 'f4'))
    d.c("new w6 = -0.5 - @@ = @@, new w8 = 0.8 - @@ = @@", F(V.g[6], g6, 'f4'), F(V.new[6], w[6] - g6, 'f4'), F(V.g[8], g8, 'f4'), F(V.new[8], w[8] - g8, 'f4'))
    d.p("")
    d.p("hidden w1, w3 (h1 feeds both outputs so add both paths):")
    d.c("d_h1 = (@@*@@*@@*0.1 + @@*@@*@@*(-0.5)) * @@*@@ = @@",
        F(V.dEo1, e1, 'f3'), F(V.o1, o1, 'f3'), F(1 - V.o1, 1 - o1, 'f3'),
        F(V.dEo2, e2, 'f3'), F(V.o2, o2, 'f3'), F(1 - V.o2, 1 - o2, 'f3'),
        F(V.h1, h1, 'f3'), F(1 - V.h1, 1 - h1, 'f3'), F(V.dh1, dh1, 'f4'))
    d.c("grad w1 = @@*0.5 = @@   grad w3 = @@*0.3 = @@", F(V.dh1, dh1, 'f4'), F(V.g[1], g1, 'f5'), F(V.dh1, dh1, 'f4'), F(V.g[3], g3, 'f5'))
    d.c("w1 -> 0.2 + @@ = @@,  w3 -> 0.5 + @@ = @@", F(-V.g[1], -g1, 'f5'), F(V.new[1], w[1] - g1, 'f5'), F(-V.g[3], -g3, 'f5'), F(V.new[3], w[3] - g3, 'f5'))
    d.p("w2 w4 same idea with w7, w8, will do tmrw")


def c02(d, M):
    # full Chinese, Markdown, 4 decimals, carries full precision
    d.p("## 第7讲 反向传播例题(2-2-2 网络,无偏置)")
    d.p("")
    d.p("已知 $x_1=0.5, x_2=0.3$,标注 $y_1=0.23, y_2=-0.07$,学习率 $\\eta=1$。")
    d.p("")
    d.p("**前向传播**")
    d.p("")
    d.c("- $In_{h_1}=0.2\\times0.5+0.5\\times0.3=@@$,$h_1=Sigmoid(In_{h_1})=@@$", F(V.Ih1, None, 'f2'), F(V.h1, None, 'f4'))
    d.c("- $In_{h_2}=-0.4\\times0.5+0.6\\times0.3=@@$,$h_2=@@$", F(V.Ih2, None, 'f2'), F(V.h2, None, 'f4'))
    d.c("- $In_{o_1}=w_5h_1+w_7h_2=@@$,$o_1=@@$", F(V.Io1, None, 'f4'), F(V.o1, None, 'f4'))
    d.c("- $In_{o_2}=w_6h_1+w_8h_2=@@$,$o_2=@@$", F(V.Io2, None, 'f4'), F(V.o2, None, 'f4'))
    d.c("- 误差 $Error=\\frac12(o_1-0.23)^2+\\frac12(o_2+0.07)^2=@@$", F(V.E, None, 'f4'))
    d.p("")
    d.p("**反向传播**(输出层):$\\delta_i=\\frac{\\partial Error}{\\partial o}\\cdot o(1-o)\\cdot h$")
    d.p("")
    d.c("- $\\frac{\\partial Error}{\\partial o_1}=o_1-y_1=@@$,$o_1(1-o_1)=@@$", F(V.dEo1, None, 'f4'), F(V.s1, None, 'f4'))
    d.c("- $\\frac{\\partial Error}{\\partial o_2}=o_2-y_2=@@$,$o_2(1-o_2)=@@$", F(V.dEo2, None, 'f4'), F(V.s2, None, 'f4'))
    d.c("- $\\delta_5=@@\\times@@\\times@@=@@$", F(V.dEo1, None, 'f4'), F(V.s1, None, 'f4'), F(V.h1, None, 'f4'), F(V.g[5], None, 'f4'))
    d.c("- $\\delta_7=@@\\times h_2=@@$", F(V.do1, None, 'f4'), F(V.g[7], None, 'f4'))
    d.c("- $\\delta_6=@@\\times@@\\times h_1=@@$", F(V.dEo2, None, 'f4'), F(V.s2, None, 'f4'), F(V.g[6], None, 'f4'))
    d.c("- $\\delta_8=@@\\times h_2=@@$", F(V.do2, None, 'f4'), F(V.g[8], None, 'f4'))
    d.p("")
    d.p("**参数更新** $w_i'=w_i-\\eta\\,\\delta_i$:")
    d.p("")
    d.c("$w_5'=@@$,$w_6'=@@$,$w_7'=@@$,$w_8'=@@$", F(V.new[5], None, 'f4'), F(V.new[6], None, 'f4'), F(V.new[7], None, 'f4'), F(V.new[8], None, 'f4'))


def c03(d, M):
    # LaTeX align*, 5 decimals; MISTAKE: w5' = w5 + eta*delta5; carried into a re-check forward pass
    new5 = w[5] + V.g[5] if M else V.new[5]
    Io1n = new5 * V.h1 + V.new[7] * V.h2
    o1n = sig(Io1n)
    d.p("\\section*{Problem 3: backprop on the lecture network}")
    d.p("Given $x=(0.5,0.3)$, $y=(0.23,-0.07)$, $\\eta=1$, no biases.")
    d.p("\\begin{align*}")
    d.c("In_{h_1} &= 0.2(0.5)+0.5(0.3) = @@, & h_1 &= \\sigma(In_{h_1}) = @@\\\\", F(V.Ih1, None, 'f2'), F(V.h1, None, 'f5'))
    d.c("In_{h_2} &= -0.4(0.5)+0.6(0.3) = @@, & h_2 &= @@\\\\", F(V.Ih2, None, 'f2'), F(V.h2, None, 'f5'))
    d.c("In_{o_1} &= 0.1h_1-0.3h_2 = @@, & o_1 &= @@\\\\", F(V.Io1, None, 'f5'), F(V.o1, None, 'f5'))
    d.c("In_{o_2} &= -0.5h_1+0.8h_2 = @@, & o_2 &= @@", F(V.Io2, None, 'f5'), F(V.o2, None, 'f5'))
    d.p("\\end{align*}")
    d.p("For the output layer write $\\delta_{o_k} = (o_k-y_k)\\,o_k(1-o_k)$. Then")
    d.p("\\begin{align*}")
    d.c("\\delta_{o_1} &= (@@)(@@) = @@\\\\", F(V.dEo1, None, 'f5'), F(V.s1, None, 'f5'), F(V.do1, None, 'f5'))
    d.c("\\delta_{o_2} &= (@@)(@@) = @@\\\\", F(V.dEo2, None, 'f5'), F(V.s2, None, 'f5'), F(V.do2, None, 'f5'))
    d.c("\\frac{\\partial Error}{\\partial w_5} &= \\delta_{o_1}h_1 = @@, \\quad \\frac{\\partial Error}{\\partial w_7} = \\delta_{o_1}h_2 = @@\\\\", F(V.g[5], None, 'f5'), F(V.g[7], None, 'f5'))
    d.c("\\frac{\\partial Error}{\\partial w_6} &= \\delta_{o_2}h_1 = @@, \\quad \\frac{\\partial Error}{\\partial w_8} = \\delta_{o_2}h_2 = @@", F(V.g[6], None, 'f5'), F(V.g[8], None, 'f5'))
    d.p("\\end{align*}")
    d.p("Update with $\\eta = 1$:")
    d.p("\\begin{align*}")
    if M:
        d.c("w_5' &= 0.1 + 1\\cdot(@@) = @@\\\\", F(V.g[5], None, 'f5'), F(V.new[5], new5, 'f5'), bad=True)
    else:
        d.c("w_5' &= 0.1 - 1\\cdot(@@) = @@\\\\", F(V.g[5], None, 'f5'), F(V.new[5], new5, 'f5'), bad=True)
    d.c("w_6' &= @@, \\quad w_7' = @@, \\quad w_8' = @@", F(V.new[6], None, 'f5'), F(V.new[7], None, 'f5'), F(V.new[8], None, 'f5'))
    d.p("\\end{align*}")
    d.p("Sanity check: with the new $w_5', w_7'$ the first output moves to")
    d.c("\\[ In_{o_1}' = w_5'h_1 + w_7'h_2 = @@,\\qquad o_1' = @@ \\]", F(V.new[5] * V.h1 + V.new[7] * V.h2, Io1n, 'f5'), F(sig(V.new[5] * V.h1 + V.new[7] * V.h2), o1n, 'f5'))


def c04(d, M):
    # code-like, 6 decimals; MISTAKE: dE_dw6 drops o2*(1-o2); carried into w6_new
    g6 = V.dEo2 * V.h1 if M else V.g[6]
    d.p("# lecture 2-2-2 net, one SGD step (lr = 1), my notes in python-ish form")
    d.p("x1, x2 = 0.5, 0.3 ; y1, y2 = 0.23, -0.07")
    d.p("w1, w2, w3, w4, w5, w6, w7, w8 = 0.2, -0.4, 0.5, 0.6, 0.1, -0.5, -0.3, 0.8")
    d.p("sigmoid(z) = 1/(1 + np.exp(-z))")
    d.c("h1 = sigmoid(w1*x1 + w3*x2) = sigmoid(@@) = @@", F(V.Ih1, None, 'f2'), F(V.h1, None, 'f6'))
    d.c("h2 = sigmoid(w2*x1 + w4*x2) = sigmoid(@@) = @@", F(V.Ih2, None, 'f2'), F(V.h2, None, 'f6'))
    d.c("o1 = sigmoid(w5*h1 + w7*h2) = sigmoid(@@) = @@", F(V.Io1, None, 'f6'), F(V.o1, None, 'f6'))
    d.c("o2 = sigmoid(w6*h1 + w8*h2) = sigmoid(@@) = @@", F(V.Io2, None, 'f6'), F(V.o2, None, 'f6'))
    d.c("E = 0.5*(o1 - y1)**2 + 0.5*(o2 - y2)**2 = @@ + @@ = @@", F(V.E1, None, 'f6'), F(V.E2, None, 'f6'), F(V.E, None, 'f6'))
    d.p("")
    d.c("dE_do1 = o1 - y1 = @@", F(V.dEo1, None, 'f6'))
    d.c("dE_do2 = o2 - y2 = @@", F(V.dEo2, None, 'f6'))
    d.c("dE_dw5 = dE_do1 * o1*(1 - o1) * h1 = @@", F(V.g[5], None, 'f6'))
    d.c("dE_dw7 = dE_do1 * o1*(1 - o1) * h2 = @@", F(V.g[7], None, 'f6'))
    if M:
        d.c("dE_dw6 = dE_do2 * h1 = @@", F(V.g[6], g6, 'f6'), bad=True)
    else:
        d.c("dE_dw6 = dE_do2 * o2*(1 - o2) * h1 = @@", F(V.g[6], g6, 'f6'), bad=True)
    d.c("dE_dw8 = dE_do2 * o2*(1 - o2) * h2 = @@", F(V.g[8], None, 'f6'))
    d.p("")
    d.c("w5_new = w5 - lr*dE_dw5 = @@", F(V.new[5], None, 'f6'))
    d.c("w6_new = w6 - lr*dE_dw6 = @@", F(V.new[6], w[6] - g6, 'f6'))
    d.c("w7_new = @@", F(V.new[7], None, 'f6'))
    d.c("w8_new = @@", F(V.new[8], None, 'f6'))


def c05(d, M):
    # Unicode math, scientific notation for gradients; MISTAKE: uses y2 as target of o1; carried
    e1 = V.o1 - (V.y2 if M else V.y1)
    dd1 = e1 * V.s1
    g5 = dd1 * V.h1; g7 = dd1 * V.h2
    d.p("Lecture net, forward then the four output-layer gradients (η = 1)")
    d.p("x₁ = 0.5, x₂ = 0.3, y₁ = 0.23, y₂ = −0.07")
    d.c("In_h₁ = 0.2·0.5 + 0.5·0.3 = @@  ⇒ h₁ = σ(0.25) ≈ @@", F(V.Ih1, None, 'f2'), F(V.h1, None, 'f4'))
    d.c("In_h₂ = −0.4·0.5 + 0.6·0.3 = @@ ⇒ h₂ ≈ @@", F(V.Ih2, None, 'f2'), F(V.h2, None, 'f4'))
    d.c("In_o₁ = 0.1·h₁ − 0.3·h₂ ≈ @@ ⇒ o₁ ≈ @@", F(V.Io1, None, 'f4'), F(V.o1, None, 'f4'))
    d.c("In_o₂ = −0.5·h₁ + 0.8·h₂ ≈ @@ ⇒ o₂ ≈ @@", F(V.Io2, None, 'f4'), F(V.o2, None, 'f4'))
    d.p("")
    d.p("rule for an output weight: ∂Error/∂w = (o − y)·o(1 − o)·(input on that weight)")
    if M:
        d.c("o₁ − y = @@ − (−0.07) = @@", F(V.o1, None, 'f4'), F(V.dEo1, e1, 'f4'), bad=True)
    else:
        d.c("o₁ − y = @@ − 0.23 = @@", F(V.o1, None, 'f4'), F(V.dEo1, e1, 'f4'), bad=True)
    d.c("o₁(1 − o₁) = @@", F(V.s1, None, 'f4'))
    d.c("δ₅ = @@ × @@ × @@ ≈ @@", F(V.dEo1, e1, 'f4'), F(V.s1, None, 'f4'), F(V.h1, None, 'f4'), F(V.g[5], g5, 'e3'))
    d.c("δ₇ = @@ × @@ × @@ ≈ @@", F(V.dEo1, e1, 'f4'), F(V.s1, None, 'f4'), F(V.h2, None, 'f4'), F(V.g[7], g7, 'e3'))
    d.c("o₂ − y₂ = @@,  o₂(1 − o₂) = @@", F(V.dEo2, None, 'f4'), F(V.s2, None, 'f4'))
    d.c("δ₆ = @@ × @@ × @@ ≈ @@", F(V.dEo2, None, 'f4'), F(V.s2, None, 'f4'), F(V.h1, None, 'f4'), F(V.g[6], None, 'e3'))
    d.c("δ₈ ≈ @@", F(V.g[8], None, 'e3'))
    d.p("")
    d.p("w′ = w − η·δ:")
    d.c("w₅′ = 0.1 − @@ = @@", F(V.g[5], g5, 'e3'), F(V.new[5], w[5] - g5, 'f5'))
    d.c("w₇′ = −0.3 − @@ = @@", F(V.g[7], g7, 'e3'), F(V.new[7], w[7] - g7, 'f5'))
    d.c("w₆′ = @@, w₈′ = @@", F(V.new[6], None, 'f5'), F(V.new[8], None, 'f5'))


def c06(d, M):
    # mixed English / Chinese, hidden layer; MISTAKE: uses w7 instead of w6 in dE/dh1; carried
    wa = w[7] if M else w[6]
    bh1 = V.do1 * w[5] + V.do2 * wa
    dh1 = bh1 * V.sh1
    g1 = dh1 * V.x1; g3 = dh1 * V.x2
    d.p("### Lecture 7 例题 — hidden layer gradients (δ1 ~ δ4)")
    d.p("")
    d.c("From the forward pass (前向已算好): h1 = @@, h2 = @@, o1 = @@, o2 = @@.", F(V.h1, None, 'f6'), F(V.h2, None, 'f6'), F(V.o1, None, 'f6'), F(V.o2, None, 'f6'))
    d.p("")
    d.c("先算输出层的两个 error signal: $g_1 = (o_1-y_1)o_1(1-o_1) = @@$, $g_2 = (o_2-y_2)o_2(1-o_2) = @@$", F(V.do1, None, 'f6'), F(V.do2, None, 'f6'))
    d.p("")
    d.p("h1 连到 o1 (权重 w5) 和 o2 (权重 w6),所以")
    if M:
        d.c("$$\\frac{\\partial Error}{\\partial h_1} = g_1 w_5 + g_2 w_7 = @@(0.1) + @@(-0.3) = @@$$", F(V.do1, None, 'f6'), F(V.do2, None, 'f6'), F(V.bh1, bh1, 'f6'), bad=True)
    else:
        d.c("$$\\frac{\\partial Error}{\\partial h_1} = g_1 w_5 + g_2 w_6 = @@(0.1) + @@(-0.5) = @@$$", F(V.do1, None, 'f6'), F(V.do2, None, 'f6'), F(V.bh1, bh1, 'f6'), bad=True)
    d.c("乘上 sigmoid 导数 $h_1(1-h_1) = @@$:", F(V.sh1, None, 'f6'))
    d.c("$$\\delta_1 = @@ \\times @@ \\times x_1 = @@$$", F(V.bh1, bh1, 'f6'), F(V.sh1, None, 'f6'), F(V.g[1], g1, 'f6'))
    d.c("$$\\delta_3 = (\\ldots) \\times x_2 = @@$$", F(V.g[3], g3, 'f6'))
    d.p("")
    d.p("h2 连到 o1 (w7) 和 o2 (w8):")
    d.c("$$\\frac{\\partial Error}{\\partial h_2} = g_1 w_7 + g_2 w_8 = @@$$", F(V.bh2, None, 'f6'))
    d.c("$h_2(1-h_2) = @@$,所以 $\\delta_2 = @@$,$\\delta_4 = @@$", F(V.sh2, None, 'f6'), F(V.g[2], None, 'f6'), F(V.g[4], None, 'f6'))
    d.p("")
    d.p("Update (η = 1):")
    d.c("- w1' = 0.2 - (@@) = @@", F(V.g[1], g1, 'f6'), F(V.new[1], w[1] - g1, 'f6'))
    d.c("- w3' = 0.5 - (@@) = @@", F(V.g[3], g3, 'f6'), F(V.new[3], w[3] - g3, 'f6'))
    d.c("- w2' = @@, w4' = @@", F(V.new[2], None, 'f6'), F(V.new[4], None, 'f6'))


def c07(d, M):
    # 3 significant figures, rounds every intermediate and computes on with the rounded numbers
    h1 = rs(V.h1, 3); h2 = rs(V.h2, 3)
    Io1 = rs(w[5] * h1 + w[7] * h2, 3); Io2 = rs(w[6] * h1 + w[8] * h2, 3)
    o1 = rs(sig(Io1), 3); o2 = rs(sig(Io2), 3)
    g1o = rs((o1 - V.y1) * o1 * (1 - o1), 3)
    g2o = rs((o2 - V.y2) * o2 * (1 - o2), 3)
    b1 = rs(g1o * w[5] + g2o * w[6], 3)
    b2 = rs(g1o * w[7] + g2o * w[8], 3)
    s1 = rs(h1 * (1 - h1), 3); s2 = rs(h2 * (1 - h2), 3)
    dh1 = rs(b1 * s1, 3); dh2 = rs(b2 * s2, 3)
    d.p("**Lecture net — full step, 3 s.f. throughout**")
    d.p("")
    d.p("Notation: $a_j$ = hidden output, $\\hat y_k$ = network output, $e_k = (\\hat y_k - y_k)\\hat y_k(1-\\hat y_k)$.")
    d.p("")
    d.c("$a_1 = \\sigma(0.25) = @@$, $a_2 = \\sigma(-0.02) = @@$", F(V.h1, h1, 's3'), F(V.h2, h2, 's3'))
    d.c("$z_{o1} = 0.1(@@) - 0.3(@@) = @@$, $\\hat y_1 = @@$", F(V.h1, h1, 's3'), F(V.h2, h2, 's3'), F(V.Io1, Io1, 's3'), F(V.o1, o1, 's3'))
    d.c("$z_{o2} = -0.5(@@) + 0.8(@@) = @@$, $\\hat y_2 = @@$", F(V.h1, h1, 's3'), F(V.h2, h2, 's3'), F(V.Io2, Io2, 's3'), F(V.o2, o2, 's3'))
    d.c("$e_1 = (@@)(@@)(@@) = @@$", F(V.dEo1, o1 - V.y1, 's3'), F(V.o1, o1, 's3'), F(1 - V.o1, 1 - o1, 's3'), F(V.do1, g1o, 's3'))
    d.c("$e_2 = (@@)(@@)(@@) = @@$", F(V.dEo2, o2 - V.y2, 's3'), F(V.o2, o2, 's3'), F(1 - V.o2, 1 - o2, 's3'), F(V.do2, g2o, 's3'))
    d.p("")
    d.c("$\\partial E/\\partial w_5 = e_1 a_1 = @@$, $\\partial E/\\partial w_7 = e_1 a_2 = @@$", F(V.g[5], rs(g1o * h1, 3), 's3'), F(V.g[7], rs(g1o * h2, 3), 's3'))
    d.c("$\\partial E/\\partial w_6 = e_2 a_1 = @@$, $\\partial E/\\partial w_8 = e_2 a_2 = @@$", F(V.g[6], rs(g2o * h1, 3), 's3'), F(V.g[8], rs(g2o * h2, 3), 's3'))
    d.p("")
    d.p("Hidden layer: $\\delta_{h_j} = (\\sum_k e_k w_{jk})\\,a_j(1-a_j)$")
    d.p("")
    d.c("$\\delta_{h_1} = (@@ \\cdot 0.1 + @@ \\cdot (-0.5)) \\cdot @@ = @@ \\cdot @@ = @@$", F(V.do1, g1o, 's3'), F(V.do2, g2o, 's3'), F(V.sh1, s1, 's3'), F(V.bh1, b1, 's3'), F(V.sh1, s1, 's3'), F(V.dh1, dh1, 's3'))
    d.c("$\\delta_{h_2} = (@@ \\cdot (-0.3) + @@ \\cdot 0.8) \\cdot @@ = @@$", F(V.do1, g1o, 's3'), F(V.do2, g2o, 's3'), F(V.sh2, s2, 's3'), F(V.dh2, dh2, 's3'))
    d.c("$\\partial E/\\partial w_1 = 0.5\\,\\delta_{h_1} = @@$, $\\partial E/\\partial w_3 = 0.3\\,\\delta_{h_1} = @@$", F(V.g[1], rs(dh1 * V.x1, 3), 's3'), F(V.g[3], rs(dh1 * V.x2, 3), 's3'))
    d.c("$\\partial E/\\partial w_2 = 0.5\\,\\delta_{h_2} = @@$, $\\partial E/\\partial w_4 = 0.3\\,\\delta_{h_2} = @@$", F(V.g[2], rs(dh2 * V.x1, 3), 's3'), F(V.g[4], rs(dh2 * V.x2, 3), 's3'))
    d.p("")
    d.c("New weights: $w_1 = @@$, $w_2 = @@$, $w_3 = @@$, $w_4 = @@$",
        F(V.new[1], rs(w[1] - dh1 * V.x1, 3), 's3'), F(V.new[2], rs(w[2] - dh2 * V.x1, 3), 's3'),
        F(V.new[3], rs(w[3] - dh1 * V.x2, 3), 's3'), F(V.new[4], rs(w[4] - dh2 * V.x2, 3), 's3'))


CASES = [
    dict(name='01-lecture-chat', ext='txt', problem='lecture', build=c01, mistaken=False,
         notes='Clean. Writer rounds every intermediate to 3-5 dp and computes on with them, so several later figures differ from exact in the last digit (rounding).'),
    dict(name='02-lecture-zh-md', ext='md', problem='lecture', build=c02, mistaken=False,
         notes='Clean. Full Chinese Markdown, 4 dp, full precision carried.'),
    dict(name='03-lecture-align', ext='tex', problem='lecture', build=c03, mistaken=True,
         notes="Mistake: w5' = w5 + eta*delta5 (wrong update direction). Carried into the sanity-check forward pass on the last line."),
    dict(name='04-lecture-code', ext='txt', problem='lecture', build=c04, mistaken=True,
         notes='Mistake: dE_dw6 omits the sigmoid factor o2*(1-o2). Carried into w6_new.'),
    dict(name='05-lecture-unicode', ext='txt', problem='lecture', build=c05, mistaken=True, doc=dict(minus='−', sci='ux'),
         notes='Mistake: o1 is compared with the target of the other output (y2 = -0.07) instead of y1 = 0.23. Carried into delta5, delta7, w5 and w7.'),
    dict(name='06-lecture-mixed', ext='md', problem='lecture', build=c06, mistaken=True,
         notes='Mistake: dE/dh1 uses w7 (-0.3) instead of w6 (-0.5) on the o2 path. Carried into delta1, delta3, w1 and w3.'),
    dict(name='07-lecture-3sf', ext='md', problem='lecture', build=c07, mistaken=False,
         notes='Clean. 3 significant figures, every intermediate rounded and reused; some figures differ from exact in the last digit (rounding).'),
]
