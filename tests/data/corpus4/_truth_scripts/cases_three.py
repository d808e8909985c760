from mpmath import mpf, tanh
from fw import Fig as F, rd, rs
import nets
from nets import sig

V = nets.three()
eta = V.eta


def c13(d, M):
    # Markdown notes, u1/u2 = ReLU pre-activations, 4 dp, clean
    d.p("## 2-3-2-1 net: forward pass and the top-layer gradients")
    d.p("")
    d.p("I write $u_1, u_2$ for the pre-activations of the ReLU layer, so $net_{h1} = \\max(0, u_1)$ and $net_{h2} = \\max(0, u_2)$.")
    d.p("")
    d.c("1. tanh layer: $z_1 = 0.3 - 0.1(-2) + 0.05 = @@$, $z_2 = 0.2 + 0.4(-2) - 0.1 = @@$, $z_3 = -0.5 + 0.1(-2) + 0.2 = @@$", F(V.z1, None, 'f2'), F(V.z2, None, 'f1'), F(V.z3, None, 'f1'))
    d.c("2. $a_1 = \\tanh(0.55) = @@$, $a_2 = \\tanh(-0.7) = @@$, $a_3 = \\tanh(-0.5) = @@$", F(V.a1, None, 'f4'), F(V.a2, None, 'f4'), F(V.a3, None, 'f4'))
    d.c("3. $u_1 = 0.7a_1 - 0.6a_2 + 0.5a_3 + 0.1 = @@$, so $net_{h1} = @@$", F(V.u1, None, 'f4'), F(V.n1, None, 'f4'))
    d.c("4. $u_2 = 0.3a_1 + 0.8a_3 + 0.1 = @@ < 0$, so $net_{h2} = 0$ (ReLU is off)", F(V.u2, None, 'f4'))
    d.c("5. $s = 1.2\\,net_{h1} - 0.7\\,net_{h2} + 0.05 = @@$, $out = \\sigma(s) = @@$", F(V.s, None, 'f4'), F(V.out, None, 'f4'))
    d.c("6. $L = \\frac12(out - 1)^2 = @@$", F(V.L, None, 'f4'))
    d.p("")
    d.p("Backward. Write $\\delta$ for $\\partial L/\\partial s$ (sigmoid output, so it picks up $out(1-out)$):")
    d.p("")
    d.c("- $\\delta = (@@)(@@)(@@) = @@$", F(V.dLout, None, 'f4'), F(V.out, None, 'f4'), F(1 - V.out, None, 'f4'), F(V.ds, None, 'f4'))
    d.c("- $\\partial L/\\partial\\theta_1 = \\delta\\, net_{h1} = @@$", F(V.gth1, None, 'f4'))
    d.c("- $\\partial L/\\partial\\theta_2 = \\delta\\, net_{h2} = 0$")
    d.c("- $\\partial L/\\partial\\theta_0 = \\delta = @@$", F(V.gth0, None, 'f4'))
    d.c("- $\\partial L/\\partial\\gamma = \\delta\\theta_1 \\cdot 1 + \\delta\\theta_2 \\cdot 0 = @@$", F(V.ggam, None, 'f4'))
    d.p("")
    d.c("Updates ($\\eta = 0.5$): $\\theta_1 \\to @@$, $\\theta_2$ stays $-0.7$, $\\theta_0 \\to @@$, $\\gamma \\to @@$",
        F(V.th1 - eta * V.gth1, None, 'f4'), F(V.th0 - eta * V.gth0, None, 'f4'), F(V.gam - eta * V.ggam, None, 'f4'))


def c14(d, M):
    # code-like; MISTAKE: tanh'(z1) written as 1 - a1 instead of 1 - a1**2; carried
    t1 = (1 - V.a1) if M else V.t1
    dz1 = V.da1 * t1
    d.p("# three_layer net, gradient wrt first-layer params of unit 1 (w11, w12, beta1)")
    d.p("# pre-activations: z1 = w11*x_1 + w12*x_2 + beta1 ; u1, u2 = ReLU inputs (net_h1 = relu(u1), net_h2 = relu(u2))")
    d.c("a1, a2, a3 = tanh(0.55), tanh(-0.7), tanh(-0.5) = @@, @@, @@", F(V.a1, None, 'f6'), F(V.a2, None, 'f6'), F(V.a3, None, 'f6'))
    d.c("u1 = @@ ; u2 = @@  # u2 < 0 -> net_h2 = 0, relu'(u2) = 0", F(V.u1, None, 'f6'), F(V.u2, None, 'f6'))
    d.c("out = sigmoid(1.2*@@ + 0.05) = sigmoid(@@) = @@", F(V.n1, None, 'f6'), F(V.s, None, 'f6'), F(V.out, None, 'f6'))
    d.p("")
    d.c("dL_ds = (out - 1) * out * (1 - out) = @@", F(V.ds, None, 'f6'))
    d.c("dL_du1 = dL_ds * theta1 * 1 = @@", F(V.du1, None, 'f6'))
    d.c("dL_du2 = 0  # relu off")
    d.c("dL_da1 = dL_du1 * v11 + dL_du2 * v21 = @@", F(V.da1, None, 'f6'))
    if M:
        d.c("dL_dz1 = dL_da1 * (1 - a1) = @@ * @@ = @@", F(V.da1, None, 'f6'), F(V.t1, t1, 'f6'), F(V.dz1, dz1, 'f6'), bad=True)
    else:
        d.c("dL_dz1 = dL_da1 * (1 - a1**2) = @@ * @@ = @@", F(V.da1, None, 'f6'), F(V.t1, t1, 'f6'), F(V.dz1, dz1, 'f6'), bad=True)
    d.p("")
    d.c("dL_dw11 = dL_dz1 * x_1 = @@", F(V.gw11, dz1 * V.x1, 'f6'))
    d.c("dL_dw12 = dL_dz1 * x_2 = @@", F(V.gw12, dz1 * V.x2, 'f6'))
    d.c("dL_dbeta1 = dL_dz1 = @@", F(V.gb1, dz1, 'f6'))
    d.p("")
    d.p("lr = 0.5")
    d.c("w11 = 0.3 - 0.5*(@@) = @@", F(V.gw11, dz1 * V.x1, 'f6'), F(V.w11 - eta * V.gw11, V.w11 - eta * dz1 * V.x1, 'f6'))
    d.c("w12 = -0.1 - 0.5*(@@) = @@", F(V.gw12, dz1 * V.x2, 'f6'), F(V.w12 - eta * V.gw12, V.w12 - eta * dz1 * V.x2, 'f6'))
    d.c("beta1 = 0.05 - 0.5*(@@) = @@", F(V.gb1, dz1, 'f6'), F(V.b1 - eta * V.gb1, V.b1 - eta * dz1, 'f6'))


def c15(d, M):
    # LaTeX equation environments; MISTAKE: dL/dout = 1 - out (sign error); carried
    dLo = (1 - V.out) if M else V.dLout
    ds = dLo * V.sp
    d.c("\\paragraph{Output unit.} Forward values (from part a): $net_{h1} = @@$, $net_{h2} = 0$.", F(V.n1, None, 'f5'))
    d.c("\\begin{equation} s = \\theta_1 net_{h1} + \\theta_2 net_{h2} + \\theta_0 = 1.2(@@) + 0.05 = @@ \\end{equation}", F(V.n1, None, 'f5'), F(V.s, None, 'f5'))
    d.c("\\begin{equation} out = \\frac{1}{1+e^{-s}} = @@ \\end{equation}", F(V.out, None, 'f5'))
    d.p("Loss $L = \\tfrac12 (out-1)^2$, so by the chain rule")
    if M:
        d.c("\\begin{equation} \\frac{\\partial L}{\\partial out} = 1 - out = @@ \\end{equation}", F(V.dLout, dLo, 'f5'), bad=True)
    else:
        d.c("\\begin{equation} \\frac{\\partial L}{\\partial out} = out - 1 = @@ \\end{equation}", F(V.dLout, dLo, 'f5'), bad=True)
    d.c("\\begin{equation} \\frac{\\partial out}{\\partial s} = out(1-out) = @@ \\end{equation}", F(V.sp, None, 'f5'))
    d.c("\\begin{equation} \\delta_s = \\frac{\\partial L}{\\partial s} = @@ \\times @@ = @@ \\end{equation}", F(V.dLout, dLo, 'f5'), F(V.sp, None, 'f5'), F(V.ds, ds, 'f5'))
    d.p("Gradients of the three output parameters:")
    d.c("\\[ \\frac{\\partial L}{\\partial \\theta_1} = \\delta_s\\, net_{h1} = @@, \\quad \\frac{\\partial L}{\\partial \\theta_2} = 0, \\quad \\frac{\\partial L}{\\partial \\theta_0} = \\delta_s = @@ \\]", F(V.gth1, ds * V.n1, 'f5'), F(V.gth0, ds, 'f5'))
    d.p("and one step of gradient descent with $\\eta = 0.5$:")
    d.c("\\[ \\theta_1' = 1.2 - 0.5(@@) = @@, \\qquad \\theta_0' = 0.05 - 0.5(@@) = @@ \\]", F(V.gth1, ds * V.n1, 'f5'), F(V.th1 - eta * V.gth1, V.th1 - eta * ds * V.n1, 'f5'), F(V.gth0, ds, 'f5'), F(V.th0 - eta * V.gth0, V.th0 - eta * ds, 'f5'))
    d.c("\\[ \\frac{\\partial L}{\\partial net_{h1}} = \\delta_s \\theta_1 = @@ \\]", F(V.dn1, ds * V.th1, 'f5'))


def c16(d, M):
    # full Chinese, Markdown, gradients of the ReLU-layer weights, clean
    d.p("### 三层网络:第二层(ReLU)权重的梯度")
    d.p("")
    d.p("记 ReLU 的输入为 $p_1, p_2$(即激活前的值),则 $net_{h1}=\\mathrm{relu}(p_1)$,$net_{h2}=\\mathrm{relu}(p_2)$。")
    d.p("")
    d.c("第一层输出:$a_1=@@$,$a_2=@@$,$a_3=@@$。", F(V.a1, None, 'f5'), F(V.a2, None, 'f5'), F(V.a3, None, 'f5'))
    d.c("$p_1=0.7a_1-0.6a_2+0.5a_3+0.1=@@>0$,所以 $net_{h1}=@@$,ReLU 导数为 1。", F(V.u1, None, 'f5'), F(V.n1, None, 'f5'))
    d.c("$p_2=0.3a_1+0.8a_3+0.1=@@<0$,所以 $net_{h2}=0$,ReLU 导数为 0。", F(V.u2, None, 'f5'))
    d.c("输出 $out=\\sigma(1.2\\times@@+0.05)=@@$。", F(V.n1, None, 'f5'), F(V.out, None, 'f5'))
    d.p("")
    d.c("输出层误差项:$\\delta_{out}=(out-1)\\,out(1-out)=@@$。", F(V.ds, None, 'f5'))
    d.c("传到 $p_1$:$\\delta_{p_1}=\\delta_{out}\\cdot\\theta_1\\cdot 1=@@$;传到 $p_2$:$\\delta_{p_2}=\\delta_{out}\\cdot\\theta_2\\cdot 0=0$。", F(V.du1, None, 'f5'))
    d.p("")
    d.p("于是(梯度 = 误差项 × 对应输入):")
    d.c("- $\\partial L/\\partial v_{11}=\\delta_{p_1}a_1=@@$", F(V.gv11, None, 'f5'))
    d.c("- $\\partial L/\\partial v_{12}=\\delta_{p_1}a_2=@@$", F(V.gv12, None, 'f5'))
    d.c("- $\\partial L/\\partial v_{13}=\\delta_{p_1}a_3=@@$", F(V.gv13, None, 'f5'))
    d.c("- $\\partial L/\\partial v_{21}=\\partial L/\\partial v_{23}=0$(该单元未激活)")
    d.p("")
    d.c("更新($\\eta=0.5$):$v_{11}'=@@$,$v_{12}'=@@$,$v_{13}'=@@$,$v_{21}$、$v_{23}$ 不变。",
        F(V.v11 - eta * V.gv11, None, 'f5'), F(V.v12 - eta * V.gv12, None, 'f5'), F(V.v13 - eta * V.gv13, None, 'f5'))


def c17(d, M):
    # Unicode; MISTAKE: δ_out = (out − 1) without out(1 − out); carried
    ds = V.dLout if M else V.ds
    d.p("three_layer — output side, Unicode notes (η = 0.5)")
    d.p("notation: n₁ = net_h1, n₂ = net_h2 (already ReLU outputs), s = θ₁n₁ + θ₂n₂ + θ₀")
    d.c("n₁ = @@, n₂ = 0 (pre-activation @@ is negative)", F(V.n1, None, 'f4'), F(V.u2, None, 'f4'))
    d.c("s = 1.2 × @@ − 0.7 × 0 + 0.05 = @@", F(V.n1, None, 'f4'), F(V.s, None, 'f4'))
    d.c("out = σ(@@) = @@", F(V.s, None, 'f4'), F(V.out, None, 'f4'))
    d.c("L = ½(out − 1)² = @@", F(V.L, None, 'e3'))
    d.p("")
    if M:
        d.c("δ = ∂L/∂s = out − 1 = @@", F(V.ds, ds, 'f4'), bad=True)
    else:
        d.c("δ = ∂L/∂s = (out − 1)·out·(1 − out) = @@", F(V.ds, ds, 'f4'), bad=True)
    d.c("∂L/∂θ₁ = δ·n₁ = @@", F(V.gth1, ds * V.n1, 'f4'))
    d.c("∂L/∂θ₀ = δ = @@", F(V.gth0, ds, 'f4'))
    d.c("∂L/∂θ₂ = δ·n₂ = 0")
    d.p("")
    d.c("θ₁ ← 1.2 − 0.5·(@@) = @@", F(V.gth1, ds * V.n1, 'f4'), F(V.th1 - eta * V.gth1, V.th1 - eta * ds * V.n1, 'f4'))
    d.c("θ₀ ← 0.05 − 0.5·(@@) = @@", F(V.gth0, ds, 'f4'), F(V.th0 - eta * V.gth0, V.th0 - eta * ds, 'f4'))
    d.c("θ₂ ← −0.7 (no change)")


CASES = [
    dict(name='13-three-notes', ext='md', problem='three_layer', build=c13, mistaken=False,
         notes='Clean. u1, u2 are the ReLU pre-activations; u2 < 0 so net_h2 = 0 and theta2 gets no gradient.'),
    dict(name='14-three-code', ext='txt', problem='three_layer', build=c14, mistaken=True,
         notes="Mistake: tanh'(z1) taken as 1 - a1 instead of 1 - a1**2. Carried into dL_dw11, dL_dw12, dL_dbeta1 and the three updates."),
    dict(name='15-three-tex', ext='tex', problem='three_layer', build=c15, mistaken=True,
         notes='Mistake: sign error, dL/dout = 1 - out instead of out - 1. Carried into delta_s, the theta gradients and updates, and dL/dnet_h1.'),
    dict(name='16-three-zh', ext='md', problem='three_layer', build=c16, mistaken=False,
         notes='Clean. Full Chinese; p1, p2 are the ReLU pre-activations; the second ReLU unit is off so v21, v23 get zero gradient.'),
    dict(name='17-three-unicode', ext='txt', problem='three_layer', build=c17, mistaken=True, doc=dict(minus='−', sci='u'),
         notes='Mistake: delta = out - 1, the sigmoid factor out(1 - out) is missing. Carried into dL/dtheta1, dL/dtheta0 and both updates.'),
]
