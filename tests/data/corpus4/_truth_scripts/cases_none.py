from mpmath import mpf, exp, tanh, log
from fw import Fig as F, rd, rs
from nets import sig


def c23(d, M):
    # softmax of 3 scores, cross-entropy, dL/dz and Jacobian entries; Markdown; clean
    z = [mpf('1.5'), mpf('0.3'), mpf('-0.8')]
    ez = [exp(t) for t in z]
    S = sum(ez)
    p = [t / S for t in ez]
    # true class = 2 (second score)
    L = -log(p[1])
    d.p("## Softmax + cross-entropy, three classes")
    d.p("")
    d.p("Scores (logits) $z = (1.5,\\ 0.3,\\ -0.8)$, the sample belongs to class 2, so the one-hot label is $y = (0, 1, 0)$.")
    d.p("")
    d.c("$e^{1.5} = @@$, $e^{0.3} = @@$, $e^{-0.8} = @@$, sum $= @@$", F(ez[0], None, 'f4'), F(ez[1], None, 'f4'), F(ez[2], None, 'f4'), F(S, None, 'f4'))
    d.c("$$\\hat y = \\left(@@,\\ @@,\\ @@\\right)$$", F(p[0], None, 'f4'), F(p[1], None, 'f4'), F(p[2], None, 'f4'))
    d.c("Loss: $L = -\\log \\hat y_2 = -\\ln @@ = @@$", F(p[1], None, 'f4'), F(L, None, 'f4'))
    d.p("")
    d.p("With softmax and cross-entropy together, $\\partial L/\\partial z_i = \\hat y_i - y_i$:")
    d.c("$$\\frac{\\partial L}{\\partial z} = (@@,\\ @@,\\ @@)$$", F(p[0], None, 'f4'), F(p[1] - 1, None, 'f4'), F(p[2], None, 'f4'))
    d.p("")
    d.p("Jacobian of the softmax itself: $\\partial \\hat y_i/\\partial z_i = \\hat y_i(1-\\hat y_i)$ and $\\partial \\hat y_i/\\partial z_j = -\\hat y_i \\hat y_j$ for $i \\ne j$.")
    d.c("- $\\partial \\hat y_1/\\partial z_1 = @@ \\times @@ = @@$", F(p[0], None, 'f4'), F(1 - p[0], None, 'f4'), F(p[0] * (1 - p[0]), None, 'f4'))
    d.c("- $\\partial \\hat y_1/\\partial z_2 = -@@ \\times @@ = @@$", F(p[0], None, 'f4'), F(p[1], None, 'f4'), F(-p[0] * p[1], None, 'f4'))
    d.c("- $\\partial \\hat y_2/\\partial z_3 = @@$", F(-p[1] * p[2], None, 'f4'))
    d.c("- row 1 sums to zero: $@@ - @@ - @@ = 0$", F(p[0] * (1 - p[0]), None, 'f4'), F(p[0] * p[1], None, 'f4'), F(p[0] * p[2], None, 'f4'))


def c24(d, M):
    # gradient descent on L(w) = (w - 2)^2 + 1, 3 steps; MISTAKE at step 2: w + eta*g; carried
    eta = mpf('0.15')
    def L(w): return (w - 2) ** 2 + 1
    def g(w): return 2 * (w - 2)
    we = [mpf('-1')]
    for _ in range(3):
        we.append(we[-1] - eta * g(we[-1]))
    ww = [we[0], we[1]]
    ww.append(ww[1] + eta * g(ww[1]) if M else ww[1] - eta * g(ww[1]))
    ww.append(ww[2] - eta * g(ww[2]))
    d.p("GD on L(w) = (w-2)^2 + 1, start w0 = -1, lr = 0.15")
    d.c("dL/dw = 2(w-2)")
    d.p("")
    d.c("L(w0) = (-1-2)^2 + 1 = @@", F(L(we[0]), None, 'f0'))
    d.c("step 1: g = 2(-1-2) = @@, w1 = -1 - 0.15*(@@) = @@", F(g(we[0]), None, 'f0'), F(g(we[0]), None, 'f0'), F(we[1], None, 'f2'))
    d.c("L(w1) = (@@-2)^2 + 1 = @@", F(we[1], None, 'f2'), F(L(we[1]), None, 'f4'))
    if M:
        d.c("step 2: g = 2(@@-2) = @@, w2 = @@ + 0.15*(@@) = @@", F(we[1], None, 'f2'), F(g(we[1]), None, 'f2'), F(we[1], None, 'f2'), F(g(we[1]), None, 'f2'), F(we[2], ww[2], 'f3'), bad=True)
    else:
        d.c("step 2: g = 2(@@-2) = @@, w2 = @@ - 0.15*(@@) = @@", F(we[1], None, 'f2'), F(g(we[1]), None, 'f2'), F(we[1], None, 'f2'), F(g(we[1]), None, 'f2'), F(we[2], ww[2], 'f3'), bad=True)
    d.c("L(w2) = (@@-2)^2 + 1 = @@", F(we[2], ww[2], 'f3'), F(L(we[2]), L(ww[2]), 'f4'))
    d.c("step 3: g = 2(@@-2) = @@, w3 = @@ - 0.15*(@@) = @@", F(we[2], ww[2], 'f3'), F(g(we[2]), g(ww[2]), 'f3'), F(we[2], ww[2], 'f3'), F(g(we[2]), g(ww[2]), 'f3'), F(we[3], ww[3], 'f4'))
    d.c("L(w3) = @@", F(L(we[3]), L(ww[3]), 'f4'))
    d.p("")
    d.c("minimum is at w = 2 with L = 1, so it should keep going towards 2")


def c25(d, M):
    # sigmoid/tanh values and derivative identities at z = 0.8, LaTeX, clean
    z = mpf('0.8')
    s = sig(z); t = tanh(z); s2 = sig(2 * z)
    d.p("\\noindent\\textbf{Exercise.} Evaluate $\\sigma$ and $\\tanh$ and their derivatives at $z = 0.8$.")
    d.p("\\[")
    d.p("\\begin{aligned}")
    d.c("\\sigma(0.8) &= \\frac{1}{1+e^{-0.8}} = \\frac{1}{1 + @@} = @@ \\\\", F(exp(-z), None, 'f6'), F(s, None, 'f6'))
    d.c("\\sigma'(0.8) &= \\sigma(0.8)\\bigl(1-\\sigma(0.8)\\bigr) = @@ \\times @@ = @@ \\\\", F(s, None, 'f6'), F(1 - s, None, 'f6'), F(s * (1 - s), None, 'f6'))
    d.c("\\tanh(0.8) &= \\frac{e^{0.8}-e^{-0.8}}{e^{0.8}+e^{-0.8}} = \\frac{@@}{@@} = @@ \\\\", F(exp(z) - exp(-z), None, 'f6'), F(exp(z) + exp(-z), None, 'f6'), F(t, None, 'f6'))
    d.c("\\tanh'(0.8) &= 1 - \\tanh^2(0.8) = 1 - @@ = @@", F(t ** 2, None, 'f6'), F(1 - t ** 2, None, 'f6'))
    d.p("\\end{aligned}")
    d.p("\\]")
    d.p("Check with the identity $\\tanh(z) = 2\\sigma(2z) - 1$:")
    d.c("\\[ 2\\sigma(1.6) - 1 = 2(@@) - 1 = @@ \\quad\\checkmark \\]", F(s2, None, 'f6'), F(2 * s2 - 1, None, 'f6'))
    d.p("and the derivative identity $\\tanh'(z) = 4\\sigma'(2z)$:")
    d.c("\\[ 4\\,\\sigma(1.6)\\bigl(1-\\sigma(1.6)\\bigr) = 4 \\times @@ = @@ \\]", F(s2 * (1 - s2), None, 'f6'), F(4 * s2 * (1 - s2), None, 'f6'))


def c26(d, M):
    # full Chinese, logistic regression step; MISTAKE: dL/dz = y - yhat (sign); carried
    x = [mpf('1.0'), mpf('2.0')]; w = [mpf('0.5'), mpf('-0.25')]; b = mpf('0.1'); y = mpf(1); eta = mpf('0.1')
    z = w[0] * x[0] + w[1] * x[1] + b
    yh = sig(z)
    L = -(y * log(yh) + (1 - y) * log(1 - yh))
    gz_e = yh - y
    gz = (y - yh) if M else gz_e
    d.p("逻辑回归,一个样本:x = (1.0, 2.0),标签 y = 1")
    d.p("参数 w = (0.5, -0.25),b = 0.1,学习率 η = 0.1,损失用二元交叉熵。")
    d.p("")
    d.c("线性部分 z = 0.5×1.0 + (-0.25)×2.0 + 0.1 = @@", F(z, None, 'f1'))
    d.c("预测 ŷ = sigmoid(0.1) = @@", F(yh, None, 'f6'))
    d.c("损失 L = -[y·ln ŷ + (1-y)·ln(1-ŷ)] = -ln(@@) = @@", F(yh, None, 'f6'), F(L, None, 'f6'))
    d.p("")
    if M:
        d.c("对 z 求导:dL/dz = y - ŷ = @@", F(gz_e, gz, 'f6'), bad=True)
    else:
        d.c("对 z 求导:dL/dz = ŷ - y = @@", F(gz_e, gz, 'f6'), bad=True)
    d.c("dL/dw1 = dL/dz · x1 = @@", F(gz_e * x[0], gz * x[0], 'f6'))
    d.c("dL/dw2 = dL/dz · x2 = @@", F(gz_e * x[1], gz * x[1], 'f6'))
    d.c("dL/db = dL/dz = @@", F(gz_e, gz, 'f6'))
    d.p("")
    d.p("更新:")
    d.c("w1 ← 0.5 - 0.1×(@@) = @@", F(gz_e * x[0], gz * x[0], 'f6'), F(w[0] - eta * gz_e * x[0], w[0] - eta * gz * x[0], 'f6'))
    d.c("w2 ← -0.25 - 0.1×(@@) = @@", F(gz_e * x[1], gz * x[1], 'f6'), F(w[1] - eta * gz_e * x[1], w[1] - eta * gz * x[1], 'f6'))
    d.c("b ← 0.1 - 0.1×(@@) = @@", F(gz_e, gz, 'f6'), F(b - eta * gz_e, b - eta * gz, 'f6'))
    zn_e = (w[0] - eta * gz_e * x[0]) * x[0] + (w[1] - eta * gz_e * x[1]) * x[1] + b - eta * gz_e
    zn = (w[0] - eta * gz * x[0]) * x[0] + (w[1] - eta * gz * x[1]) * x[1] + b - eta * gz
    d.c("更新后 z = @@,ŷ = @@", F(zn_e, zn, 'f6'), F(sig(zn_e), sig(zn), 'f6'))


def c27(d, M):
    # MSE of a small data set and one GD step of a linear model; Markdown + code-ish; clean
    X = [mpf(1), mpf(2), mpf(3)]; Y = [mpf('2'), mpf('2.5'), mpf('4.5')]
    w, b, eta = mpf(1), mpf(0), mpf('0.05')
    n = len(X)
    pred = [w * x + b for x in X]
    r = [p - y for p, y in zip(pred, Y)]
    mse = sum(t ** 2 for t in r) / n
    gw = 2 * sum(t * x for t, x in zip(r, X)) / n
    gb = 2 * sum(r) / n
    w2 = w - eta * gw; b2 = b - eta * gb
    mse2 = sum((w2 * x + b2 - y) ** 2 for x, y in zip(X, Y)) / n
    d.p("### Linear model $\\hat y = wx + b$, MSE, one gradient step")
    d.p("")
    d.p("Data: $(x, y) = (1, 2), (2, 2.5), (3, 4.5)$. Start from $w = 1$, $b = 0$, step size $\\alpha = 0.05$.")
    d.p("")
    d.c("Predictions $\\hat y = (@@, @@, @@)$, residuals $\\hat y - y = (@@, @@, @@)$", F(pred[0], None, 'f0'), F(pred[1], None, 'f0'), F(pred[2], None, 'f0'), F(r[0], None, 'f1'), F(r[1], None, 'f1'), F(r[2], None, 'f1'))
    d.c("$MSE = \\frac13\\left(@@ + @@ + @@\\right) = @@$", F(r[0] ** 2, None, 'f0'), F(r[1] ** 2, None, 'f2'), F(r[2] ** 2, None, 'f2'), F(mse, None, 'f4'))
    d.p("")
    d.p("Gradients of $MSE = \\frac1n\\sum(\\hat y_i - y_i)^2$:")
    d.c("`dw = 2/3 * (@@*1 + @@*2 + @@*3) = @@`", F(r[0], None, 'f1'), F(r[1], None, 'f1'), F(r[2], None, 'f1'), F(gw, None, 'f4'))
    d.c("`db = 2/3 * (@@ + @@ + @@) = @@`", F(r[0], None, 'f1'), F(r[1], None, 'f1'), F(r[2], None, 'f1'), F(gb, None, 'f0'))
    d.p("")
    d.c("$w \\leftarrow 1 - 0.05(@@) = @@$, $b \\leftarrow 0 - 0.05(@@) = @@$", F(gw, None, 'f4'), F(w2, None, 'f4'), F(gb, None, 'f0'), F(b2, None, 'f1'))
    d.c("New MSE: $@@$ (down from $@@$)", F(mse2, None, 'f4'), F(mse, None, 'f4'))


def c28(d, M):
    # multiclass hinge loss, plain text; MISTAKE: arithmetic slip in one margin; carried into the total
    s = [mpf('2.4'), mpf('3.1'), mpf('-0.6'), mpf('1.9')]
    m = [s[j] - s[0] + 1 for j in range(4)]
    m3w = mpf('0.3') if M else m[3]
    tot_e = max(m[1], 0) + max(m[2], 0) + max(m[3], 0)
    tot = max(m[1], 0) + max(m[2], 0) + max(m3w, 0)
    d.p("Multiclass SVM (hinge) loss, margin Δ = 1")
    d.p("scores s = [2.4, 3.1, -0.6, 1.9], correct class is index 0 (s_y = 2.4)")
    d.p("L_i = sum over j != y of max(0, s_j - s_y + 1)")
    d.p("")
    d.c("j=1: 3.1 - 2.4 + 1 = @@ -> max(0, @@) = @@", F(m[1], None, 'f1'), F(m[1], None, 'f1'), F(max(m[1], 0), None, 'f1'))
    d.c("j=2: -0.6 - 2.4 + 1 = @@ -> @@", F(m[2], None, 'f1'), F(max(m[2], 0), None, 'f0'))
    d.c("j=3: 1.9 - 2.4 + 1 = @@ -> @@", F(m[3], m3w, 'f1'), F(max(m[3], 0), max(m3w, 0), 'f1'), bad=True)
    d.p("")
    d.c("L_i = @@ + 0 + @@ = @@", F(max(m[1], 0), None, 'f1'), F(max(m[3], 0), max(m3w, 0), 'f1'), F(tot_e, tot, 'f1'))
    d.p("")
    d.p("gradient wrt the scores: +1 for every class with a positive margin, and -(count) for the correct class")
    d.c("positive margins: j = 1 and j = 3, so dL/ds = [-2, 1, 0, 1]")
    d.c("average over a batch of 2 where the other sample has loss 0: (@@ + 0)/2 = @@", F(tot_e, tot, 'f1'), F(tot_e / 2, tot / 2, 'f1'))


CASES = [
    dict(name='23-none-softmax', ext='md', problem='none', build=c23, mistaken=False,
         notes='Clean. Softmax of (1.5, 0.3, -0.8), cross-entropy for class 2, dL/dz = yhat - y and three Jacobian entries.'),
    dict(name='24-none-gd-quadratic', ext='txt', problem='none', build=c24, mistaken=True,
         notes='Mistake: step 2 uses w + lr*g instead of w - lr*g. Carried into L(w2), step 3 and L(w3).'),
    dict(name='25-none-sigmoid-tanh', ext='tex', problem='none', build=c25, mistaken=False,
         notes="Clean. sigma, sigma', tanh, tanh' at 0.8 and two identity checks."),
    dict(name='26-none-logreg-zh', ext='txt', problem='none', build=c26, mistaken=True,
         notes='Mistake: sign error, dL/dz = y - yhat instead of yhat - y. Carried into the three gradients, the three updates and the re-evaluated z, yhat.'),
    dict(name='27-none-mse-linear', ext='md', problem='none', build=c27, mistaken=False,
         notes='Clean. MSE of three points for y = wx + b, one gradient step, new MSE.'),
    dict(name='28-none-hinge', ext='txt', problem='none', build=c28, mistaken=True,
         notes='Mistake: arithmetic slip 1.9 - 2.4 + 1 written 0.3 (is 0.5). Carried into L_i and the batch average.'),
]
