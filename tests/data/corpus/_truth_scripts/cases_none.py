"""Cases with no network spec (problem = "none"): activation / softmax / loss identities and chains."""
from truthlib import Case, F, V, K, I, mpf, sig, exp, tanh, ln, diff

CASES = []
PTS = [mpf(k) / 7 for k in (-11, -4, 3, 6, 13)]      # sample points for identity checks
POS = [mpf(k) / 7 for k in (2, 5, 9, 20)]            # positive sample points
dsig = lambda t: diff(sig, t)
one = mpf(1)

# ----------------------------------------------------------------------------- 52
c = Case('52-none-sigmoid-derivative.md', 'none',
         'Clean. sigma(2) through e^{-2}, sigma\'(2) = 0.8808*(1 - 0.8808) = 0.1050, symmetry and the '
         'maximum of sigma\'.',
         notations="Markdown $...$, \\sigma'(2), f'(x) = f(x)(1 - f(x)), \\cdot")
c.t('# Sigmoid and its derivative')
c.t('')
c.c(r"The lecture gives $f(x) = \frac{1}{1+e^{-x}}$ and $f'(x) = f(x)(1 - f(x))$.", 'idok',
    *[I(dsig(t), sig(t) * (1 - sig(t))) for t in PTS])
c.t('')
c.c(r'$e^{-2} = 0.1353$', 'ok', F('0.1353', exp(-2)))
c.c(r'$\sigma(2) = \frac{1}{1 + 0.1353} = 0.8808$', 'ok', V('0.1353', exp(-2)), F('0.8808', sig(2), '1/(1+0.1353)'))
c.c(r"$\sigma'(2) = 0.8808 \cdot (1 - 0.8808) = 0.1050$", 'ok', V('0.8808', sig(2)), V('0.8808', sig(2)),
    F('0.1050', dsig(2), '0.8808*(1-0.8808)'))
c.c(r'$\sigma(-2) = 1 - \sigma(2) = 0.1192$', 'ok', F('0.1192', sig(-2), '1-0.8808'), I(sig(-2), 1 - sig(2)))
c.c(r"$\sigma'(-2) = \sigma'(2) = 0.1050$", 'ok', F('0.1050', dsig(-2), '0.1050'), I(dsig(-2), dsig(2)))
c.c(r"$\sigma(0) = 0.5$ and $\sigma'(0) = 0.5 \cdot 0.5 = 0.25$", 'ok', F('0.5', sig(0)), V('0.5', sig(0)), V('0.5', 1 - sig(0)),
    F('0.25', dsig(0), '0.5*0.5'))
c.c(r"So the largest possible value of $\sigma'$ is $0.25$, reached at $x = 0$.", 'ok', F('0.25', dsig(0)), F('0', mpf(0)))
CASES.append(c)

# ----------------------------------------------------------------------------- 53
c = Case('53-none-tanh.txt', 'none',
         "Clean. tanh(0.5) via the lecture's 2/(1+e^(-2x)) - 1 form; tanh'(0.5) = 1 - 0.4621^2 = "
         '1 - 0.2135 = 0.7865 is a rounding effect (exact 0.78645 -> 0.7864; 0.4621^2 = 0.2135 but exact '
         'tanh^2 = 0.21355 -> 0.2136). The later check 4*sigma\'(1) = 0.7864 is right. Line 3 is prose.',
         notations="plain text, tanh'(x) = 1 - tanh^2(x), e^(-1), ReLU'(x), sigma'(0.5)")
c.c('tanh(x) = 2/(1 + e^(-2x)) - 1', 'idok', *[I(tanh(t), 2 / (1 + exp(-2 * t)) - 1) for t in PTS])
c.c("tanh'(x) = 1 - tanh^2(x)", 'idok', *[I(diff(tanh, t), 1 - tanh(t) ** 2) for t in PTS])
c.p('At x = 0.5:')
c.c('e^(-1) = 0.3679', 'ok', F('0.3679', exp(-1)))
c.c('tanh(0.5) = 2/(1 + 0.3679) - 1 = 0.4621', 'ok', V('0.5', mpf('0.5')), V('0.3679', exp(-1)), F('0.4621', tanh(0.5), '2/(1+0.3679)-1'))
c.c("tanh'(0.5) = 1 - 0.4621^2 = 1 - 0.2135 = 0.7865", 'rnd', V('0.5', mpf('0.5')), V('0.4621', tanh(0.5)),
    F('0.2135', tanh(0.5) ** 2, '0.4621**2'), F('0.7865', 1 - tanh(0.5) ** 2, '1-0.4621**2'))
c.c("sigma(0.5) = 0.6225, so sigma'(0.5) = 0.6225 * 0.3775 = 0.2350", 'ok', V('0.5', mpf('0.5')), F('0.6225', sig(0.5)),
    V('0.5', mpf('0.5')), V('0.6225', sig(0.5)), F('0.3775', 1 - sig(0.5), '1-0.6225'), F('0.2350', dsig(0.5), '0.6225*0.3775'))
c.c("Check: tanh'(x) = 4 sigma'(2x), and 4 sigma'(1) = 4 * 0.1966 = 0.7864", 'ok',
    *[I(diff(tanh, t), 4 * dsig(2 * t)) for t in PTS], V('0.1966', dsig(1)), F('0.7864', 4 * dsig(1), '4*0.1966'))
c.c("ReLU'(x) = 1 for x > 0 and 0 for x < 0, so ReLU'(0.5) = 1", 'ok', V('0.5', mpf('0.5')), F('1', one))
CASES.append(c)

# ----------------------------------------------------------------------------- 54
z = [mpf(1), mpf(2), mpf(3)]
S = sum(exp(t) for t in z)
p = [exp(t) / S for t in z]
c = Case('54-none-softmax.md', 'none',
         'Clean. Softmax of (1, 2, 3) through e^z. The check 0.0900 + 0.2447 + 0.6652 = 0.9999 is a '
         'rounding effect (the exact sum is 1).',
         notations='Markdown $...$, e^{z}, \\sum_j e^{z_j}, \\frac, softmax')
c.t('## Softmax of the scores (1, 2, 3)')
c.t('')
c.c(r'$e^{1} = 2.7183$, $e^{2} = 7.3891$, $e^{3} = 20.0855$', 'ok', F('2.7183', exp(1)), F('7.3891', exp(2)), F('20.0855', exp(3)))
c.c(r'$\sum_j e^{z_j} = 2.7183 + 7.3891 + 20.0855 = 30.1929$', 'ok',
    V('2.7183', exp(1)), V('7.3891', exp(2)), V('20.0855', exp(3)), F('30.1929', S, '2.7183+7.3891+20.0855'))
c.c(r'$y_1 = \frac{e^{1}}{\sum_j e^{z_j}} = \frac{2.7183}{30.1929} = 0.0900$', 'ok', V('2.7183', exp(1)), V('30.1929', S), F('0.0900', p[0], '2.7183/30.1929'))
c.c(r'$y_2 = \frac{7.3891}{30.1929} = 0.2447$', 'ok', V('7.3891', exp(2)), V('30.1929', S), F('0.2447', p[1], '7.3891/30.1929'))
c.c(r'$y_3 = \frac{20.0855}{30.1929} = 0.6652$', 'ok', V('20.0855', exp(3)), V('30.1929', S), F('0.6652', p[2], '20.0855/30.1929'))
c.t('')
c.c(r'Check: $0.0900 + 0.2447 + 0.6652 = 0.9999$, which is 1 up to rounding.', 'rnd',
    V('0.0900', p[0]), V('0.2447', p[1]), V('0.6652', p[2]), F('0.9999', sum(p), '0.0900+0.2447+0.6652'))
CASES.append(c)

# ----------------------------------------------------------------------------- 55
c = Case('55-none-softmax-sum-slip.txt', 'none',
         'Arithmetic slip: 2.718 + 7.389 + 20.086 written 30.293 (should be 30.193). The three '
         'probabilities, the loss and dL/dz3 carry it.',
         kind='arithmetic slip', notations='plain text, softmax([1, 2, 3]), -ln(p3), dL/dz3')
c.t('softmax([1, 2, 3]) and the cross-entropy when the true class is the 3rd')
c.c('e^1 = 2.718, e^2 = 7.389, e^3 = 20.086', 'ok', F('2.718', exp(1)), F('7.389', exp(2)), F('20.086', exp(3)))
c.c('sum = 2.718 + 7.389 + 20.086 = 30.293', 'mis', V('2.718', exp(1)), V('7.389', exp(2)), V('20.086', exp(3)),
    F('30.293', S, '2.718+7.389+20.086'))
c.c('p1 = 2.718 / 30.293 = 0.0897', 'car', V('2.718', exp(1)), V('30.293', S), F('0.0897', p[0], '2.718/30.293'))
c.c('p2 = 7.389 / 30.293 = 0.2439', 'car', V('7.389', exp(2)), V('30.293', S), F('0.2439', p[1], '7.389/30.293'))
c.c('p3 = 20.086 / 30.293 = 0.6631', 'car', V('20.086', exp(3)), V('30.293', S), F('0.6631', p[2], '20.086/30.293'))
c.c('loss = -ln(p3) = -ln(0.6631) = 0.4108', 'car', V('0.6631', p[2]), F('0.4108', -ln(p[2]), '-ln(0.6631)'))
c.c('dL/dz3 = p3 - 1 = -0.3369', 'car', F('-0.3369', p[2] - 1, '0.6631-1'))
CASES.append(c)

# ----------------------------------------------------------------------------- 56
c = Case('56-none-cross-entropy.tex', 'none',
         'Clean. Cross-entropy of the softmax output for class 3: L = -ln 0.6652 = 0.4077 is a rounding '
         'effect (exact -ln(0.665241) = 0.40761 -> 0.4076). The gradient y_hat - y is right.',
         notations='LaTeX \\[...\\], \\log/\\ln, \\hat y, \\frac{\\partial L}{\\partial z_i}')
c.t(r'\section*{Cross-entropy of the softmax output}')
c.c(r'The true class is the third one, $y = (0, 0, 1)$, and $\hat y = (0.0900, 0.2447, 0.6652)$.', 'ok',
    F('0.0900', p[0]), F('0.2447', p[1]), F('0.6652', p[2]))
c.c(r'\[ L = -\sum_i y_i \log \hat y_i = -\log \hat y_3 \]', 'idok', I(-ln(p[2]), -(0 * ln(p[0]) + 0 * ln(p[1]) + 1 * ln(p[2]))))
c.c(r'\[ L = -\ln 0.6652 = 0.4077 \]', 'rnd', V('0.6652', p[2]), F('0.4077', -ln(p[2]), '-ln(0.6652)'))
c.c(r'\[ \frac{\partial L}{\partial z_i} = \hat y_i - y_i \]', 'idok',
    *[I(diff(lambda t, i=i: -ln(exp(t if i == 2 else z[2]) / (exp(t if i == 0 else z[0]) + exp(t if i == 1 else z[1]) + exp(t if i == 2 else z[2]))), z[i]),
        p[i] - (1 if i == 2 else 0)) for i in range(3)])
c.c(r'\[ \frac{\partial L}{\partial z} = (0.0900,\ 0.2447,\ 0.6652 - 1) = (0.0900,\ 0.2447,\ -0.3348) \]', 'ok',
    F('0.0900', p[0]), F('0.2447', p[1]), V('0.6652', p[2]), F('0.0900', p[0]), F('0.2447', p[1]), F('-0.3348', p[2] - 1, '0.6652-1'))
CASES.append(c)

# ----------------------------------------------------------------------------- 57
c = Case('57-none-sigmoid-wrong-identity.md', 'none',
         "Wrong derivative identity: sigma'(x) = sigma(x)(1 + sigma(x)); sigma'(1) = 1.2656 instead of "
         '0.1966. The chain-rule product with the upstream gradient 2 carries it.',
         kind="wrong derivative identity (sigma' = f(1+f))", notations="Markdown $...$, \\sigma'(x), \\partial L/\\partial z")
c.t('### Local gradient of a sigmoid unit')
c.t('')
c.c(r'$\sigma(1) = \frac{1}{1+e^{-1}} = 0.7311$', 'ok', F('0.7311', sig(1)))
c.c(r"$\sigma'(x) = \sigma(x)(1+\sigma(x))$, so $\sigma'(1) = 0.7311 \times 1.7311 = 1.2656$", 'mis',
    V('0.7311', sig(1)), V('1.7311', 1 + sig(1), '1.7311'), F('1.2656', dsig(1), '0.7311*(1-0.7311)'),
    *[I(dsig(t), sig(t) * (1 + sig(t))) for t in PTS])
c.c(r'With $\partial L/\partial \sigma = 2$: $\partial L/\partial z = 2 \times 1.2656 = 2.5312$', 'car',
    F('2', mpf(2)), V('1.2656', dsig(1)), F('2.5312', 2 * dsig(1), '2*1.2656'))
CASES.append(c)

# ----------------------------------------------------------------------------- 58
c = Case('58-none-derivative-rules.txt', 'none',
         'Clean. Basic derivative identities (power, exp, log, reciprocal, quotient rule, ReLU) and two '
         'numeric values.',
         notations="plain text, d/dx x^2 = 2x, f'(3), (ln x)', (v/u)' quotient rule, ReLU'(x)")
c.t('Derivative rules used in backprop')
c.t('')
c.c('d/dx x^2 = 2x', 'idok', *[I(diff(lambda u: u ** 2, t), 2 * t) for t in PTS])
c.c("so for f(x) = x^2 we get f'(3) = 2*3 = 6", 'ok', F('6', diff(lambda u: u ** 2, 3), '2*3'))
c.c('d/dx e^x = e^x', 'idok', *[I(diff(exp, t), exp(t)) for t in PTS])
c.c("(ln x)' = 1/x", 'idok', *[I(diff(ln, t), 1 / t) for t in POS])
c.c('d/dx (1/x) = -1/x^2', 'idok', *[I(diff(lambda u: 1 / u, t), -1 / t ** 2) for t in POS])
c.c("(v/u)' = (v'u - vu')/u^2", 'idok',
    *[I(diff(lambda s: exp(s) / (s * s + 1), t), (exp(t) * (t * t + 1) - exp(t) * 2 * t) / (t * t + 1) ** 2) for t in PTS])
c.c('d/dx x^3 at x = 2: 3*2^2 = 12', 'ok', F('12', diff(lambda u: u ** 3, 2), '3*2**2'))
c.c("ReLU'(x) = 1 for x > 0 and ReLU'(x) = 0 for x < 0", 'idok',
    *[I(diff(lambda u: max(u, 0), t), 1 if t > 0 else 0) for t in PTS])
CASES.append(c)

# ----------------------------------------------------------------------------- 59
yh = [mpf('0.34'), mpf('0.46'), mpf('0.20')]
c = Case('59-none-chinese-ce-gradient.md', 'none',
         'Clean. The slide\'s example: softmax output (0.34, 0.46, 0.20), class 1; the loss, the softmax '
         'Jacobian entries and dL/dz = y_hat - y, with Chinese prose.',
         notations='Chinese prose, Markdown $...$, \\hat y_1, -\\log, \\frac{\\partial L}{\\partial z_1}')
c.t('## 交叉熵损失的梯度（课件例子）')
c.t('')
c.c(r'样本属于第一类，真实分布 $y = (1, 0, 0)$，预测 $\hat y = (0.34, 0.46, 0.20)$。', 'ok',
    F('0.34', yh[0]), F('0.46', yh[1]), F('0.20', yh[2]))
c.c(r'交叉熵 $L = -\log \hat y_1 = -\ln 0.34 = 1.0788$。', 'ok', V('0.34', yh[0]), F('1.0788', -ln(yh[0]), '-ln(0.34)'))
c.c(r'由于 $\frac{\partial \hat y_1}{\partial z_1} = \hat y_1(1 - \hat y_1) = 0.34 \times 0.66 = 0.2244$，', 'ok',
    V('0.34', yh[0]), F('0.66', 1 - yh[0], '1-0.34'), F('0.2244', yh[0] * (1 - yh[0]), '0.34*0.66'))
c.c(r'$\frac{\partial \hat y_1}{\partial z_2} = -\hat y_1 \hat y_2 = -0.34 \times 0.46 = -0.1564$，', 'ok',
    V('0.34', yh[0]), V('0.46', yh[1]), F('-0.1564', -yh[0] * yh[1], '-0.34*0.46'))
c.c(r'而 $\frac{\partial L}{\partial \hat y_1} = -\frac{1}{\hat y_1} = -2.9412$，', 'ok', F('-2.9412', -1 / yh[0], '-1/0.34'))
c.c(r'所以 $\frac{\partial L}{\partial z_1} = -2.9412 \times 0.2244 = -0.6600$，正好是 $\hat y_1 - 1 = -0.66$。', 'ok',
    V('-2.9412', -1 / yh[0]), V('0.2244', yh[0] * (1 - yh[0])), F('-0.6600', yh[0] - 1, '-2.9412*0.2244'), F('-0.66', yh[0] - 1, '0.34-1'))
c.c(r'$\frac{\partial L}{\partial z_2} = -2.9412 \times (-0.1564) = 0.4600 = \hat y_2$。', 'ok',
    V('-2.9412', -1 / yh[0]), V('-0.1564', -yh[0] * yh[1]), F('0.4600', yh[1], '-2.9412*(-0.1564)'))
c.c(r'同理 $\frac{\partial L}{\partial z_3} = \hat y_3 = 0.20$，梯度为 $(-0.66, 0.46, 0.20)$。', 'ok',
    F('0.20', yh[2]), F('-0.66', yh[0] - 1), F('0.46', yh[1]), F('0.20', yh[2]))
CASES.append(c)

# ----------------------------------------------------------------------------- 60
c = Case('60-none-chinese-ce-wrong-sign.txt', 'none',
         'Wrong formula hidden in a Chinese sentence: the derivative of the cross-entropy w.r.t. z1 is '
         'stated as 1 - y_hat_1 (should be y_hat_1 - 1), giving 0.66 instead of -0.66. The gradient '
         'vector and the update amount carry it. Line 5 states the learning rate in words.',
         kind='wrong formula (sign) in a Chinese sentence', notations='Chinese prose, full-width punctuation, ŷ1, plain text')
c.t('预测的类别分布为 (0.34, 0.46, 0.20)，样本的真实类别是第一类。')
c.c('根据 softmax 与交叉熵结合的结论，损失对 z1 的偏导等于 1 − ŷ1，即 1 − 0.34 = 0.66；', 'mis',
    V('0.34', yh[0]), F('0.66', yh[0] - 1, '0.34-1'), I(yh[0] - 1, 1 - yh[0]))
c.c('对 z2、z3 的偏导分别等于 ŷ2 = 0.46 和 ŷ3 = 0.20。', 'ok', F('0.46', yh[1]), F('0.20', yh[2]))
c.c('所以梯度向量 = (0.66, 0.46, 0.20)。', 'car', F('0.66', yh[0] - 1, '0.66'), F('0.46', yh[1]), F('0.20', yh[2]))
c.t('取学习率为 0.1，沿负梯度方向更新：')
c.c('z1 的变化量 = −0.1 × 0.66 = −0.066', 'car', K('0.1'), V('0.66', yh[0] - 1), F('−0.066', -mpf('0.1') * (yh[0] - 1), '-0.1*0.66'))
CASES.append(c)

# ----------------------------------------------------------------------------- 61
yt = [mpf(1), mpf(0), mpf(2)]
yp = [mpf('0.8'), mpf('0.1'), mpf('2.3')]
mse = sum((a - b) ** 2 for a, b in zip(yt, yp)) / 3
c = Case('61-none-mse.txt', 'none',
         'Clean. Mean squared error of three predictions and its gradient. Lines 2-3 are prose that set '
         'the data and n.',
         notations='plain text, MSE = 1/n sum, dMSE/dy_hat_1, continuation lines starting with =')
c.t('Mean squared error for three predictions')
c.p('The targets are y = (1, 0, 2) and the predictions are y_hat = (0.8, 0.1, 2.3).')
c.p('Here n = 3 because there are three samples.')
c.c('MSE = 1/n * sum_i (y_i - y_hat_i)^2', 'idok', I(mse, sum((a - b) ** 2 for a, b in zip(yt, yp)) / 3))
c.c('    = ((1 - 0.8)^2 + (0 - 0.1)^2 + (2 - 2.3)^2) / 3', 'idok', K('0.8', '0.1', '2.3'),
    I(mse, ((1 - yp[0]) ** 2 + (0 - yp[1]) ** 2 + (2 - yp[2]) ** 2) / 3))
c.c('    = (0.04 + 0.01 + 0.09) / 3', 'ok', F('0.04', (1 - yp[0]) ** 2), F('0.01', yp[1] ** 2), F('0.09', (2 - yp[2]) ** 2))
c.c('    = 0.0467', 'ok', F('0.0467', mse, '(0.04+0.01+0.09)/3'))
c.c('dMSE/dy_hat_i = -2/n * (y_i - y_hat_i)', 'idok',
    *[I(diff(lambda t, i=i: sum((yt[j] - (t if j == i else yp[j])) ** 2 for j in range(3)) / 3, yp[i]), -mpf(2) / 3 * (yt[i] - yp[i])) for i in range(3)])
c.c('dMSE/dy_hat_1 = -2/3 * 0.2 = -0.1333', 'ok', V('0.2', 1 - yp[0]), F('-0.1333', -mpf(2) / 3 * (yt[0] - yp[0]), '-2/3*0.2'))
c.c('dMSE/dy_hat_2 = -2/3 * (-0.1) = 0.0667', 'ok', V('-0.1', 0 - yp[1]), F('0.0667', -mpf(2) / 3 * (yt[1] - yp[1]), '-2/3*(-0.1)'))
c.c('dMSE/dy_hat_3 = -2/3 * (-0.3) = 0.2', 'ok', V('-0.3', 2 - yp[2]), F('0.2', -mpf(2) / 3 * (yt[2] - yp[2]), '-2/3*(-0.3)'))
CASES.append(c)

# ----------------------------------------------------------------------------- 62
c = Case('62-none-saturation-scientific.md', 'none',
         'Clean. Sigmoid saturation and vanishing gradients in scientific notation (\\times 10^{k} and '
         'e-notation such as 1.097e3).',
         notations="Markdown, a \\times 10^{-5}, 1.097e3, 9.11e-4, \\sigma'(0)")
c.t('# Why sigmoid layers make gradients vanish')
c.t('')
c.c(r'$\sigma(-10) = \frac{1}{1 + e^{10}} = \frac{1}{1 + 2.2026 \times 10^{4}} = 4.540 \times 10^{-5}$', 'ok',
    F(r'2.2026 \times 10^{4}', exp(10)), F(r'4.540 \times 10^{-5}', sig(-10), '1/(1+22026)'))
c.c(r"$\sigma'(-10) = 4.540 \times 10^{-5} \times (1 - 4.540 \times 10^{-5}) = 4.540 \times 10^{-5}$", 'ok',
    V(r'4.540 \times 10^{-5}', sig(-10)), V(r'4.540 \times 10^{-5}', sig(-10)),
    F(r'4.540 \times 10^{-5}', dsig(-10), '0.00004540*(1-0.00004540)'))
c.c(r'$e^{7} = 1.097e3$, so $\sigma(-7) = 1/1098 = 9.11e-4$', 'ok', F('1.097e3', exp(7)), F('9.11e-4', sig(-7), '1/1098'))
c.c(r"The best case is $\sigma'(0) = 0.25$.", 'ok', F('0.25', dsig(0)))
c.c(r'Through 5 sigmoid layers at best $0.25^5 = 9.766 \times 10^{-4}$,', 'ok', V('0.25', dsig(0)), F(r'9.766 \times 10^{-4}', mpf('0.25') ** 5, '0.25**5'))
c.c(r'through 10 layers $0.25^{10} = 9.537 \times 10^{-7}$.', 'ok', V('0.25', dsig(0)), F(r'9.537 \times 10^{-7}', mpf('0.25') ** 10, '0.25**10'))
CASES.append(c)

# ----------------------------------------------------------------------------- 63
c = Case('63-none-tanh-missing-square.tex', 'none',
         "Missing square: tanh'(0.5) is evaluated as 1 - 0.4621 = 0.5379 although the identity on the line "
         'before says 1 - tanh^2 (should be 0.7864). The chain-rule product carries it. Line 4 is prose '
         'that sets the upstream gradient.',
         kind='missing square (applies 1 - tanh instead of 1 - tanh^2)',
         notations="LaTeX \\[...\\], \\left.\\frac{d}{dx}\\tanh(x)\\right|_{x=0.5}, \\tanh'")
c.c(r'\[ \tanh(0.5) = 0.4621 \]', 'ok', V('0.5', mpf('0.5')), F('0.4621', tanh(0.5)))
c.c(r'\[ \frac{d}{dx}\tanh(x) = 1 - \tanh^2(x) \]', 'idok', *[I(diff(tanh, t), 1 - tanh(t) ** 2) for t in PTS])
c.c(r'\[ \left.\frac{d}{dx}\tanh(x)\right|_{x=0.5} = 1 - 0.4621 = 0.5379 \]', 'mis',
    V('0.5', mpf('0.5')), V('0.4621', tanh(0.5)), F('0.5379', 1 - tanh(0.5) ** 2, '1-0.4621**2'))
c.p(r'The upstream gradient is $\partial L/\partial a = 2.0$ where $a = \tanh(x)$, so')
c.c(r"\[ \frac{\partial L}{\partial x} = \frac{\partial L}{\partial a}\,\tanh'(0.5) = 2.0 \times 0.5379 = 1.0758 \]", 'car',
    V('0.5', mpf('0.5')), V('2.0', mpf(2)), V('0.5379', 1 - tanh(0.5) ** 2), F('1.0758', 2 * (1 - tanh(0.5) ** 2), '2.0*0.5379'))
CASES.append(c)

# ----------------------------------------------------------------------------- 64
f = lambda t: sig(t * t)
c = Case('64-none-chain-rule-sigmoid-square.md', 'none',
         "Clean. f(x) = sigma(x^2) at x = 1: f'(1) = sigma'(1)*2 = 0.3932, checked with a difference "
         'quotient (0.7350 - 0.7311)/0.01 = 0.39 (the exact quotient is 0.3933). Line 3 is a definition '
         'sentence.',
         notations="Markdown $...$, \\left.\\frac{d}{dx}\\sigma(x^2)\\right|_{x=1}, f'(x), x^2")
c.t('## Chain rule example')
c.t('')
c.p(r'Let $f(x) = \sigma(x^2)$ where $\sigma$ is the logistic sigmoid.')
c.c(r"$f'(x) = \sigma'(x^2) \cdot 2x$", 'idok', *[I(diff(f, t), dsig(t * t) * 2 * t) for t in PTS])
c.c(r"$\sigma(1) = 0.7311$, $\sigma'(1) = 0.7311 \times 0.2689 = 0.1966$", 'ok',
    F('0.7311', sig(1)), V('0.7311', sig(1)), F('0.2689', 1 - sig(1), '1-0.7311'), F('0.1966', dsig(1), '0.7311*0.2689'))
c.c(r'$\left.\frac{d}{dx}\sigma(x^2)\right|_{x=1} = 0.1966 \times 2 = 0.3932$', 'ok', V('0.1966', dsig(1)), F('0.3932', diff(f, 1), '0.1966*2'))
c.c(r'Check with a difference quotient: $\frac{\sigma(1.01^2) - \sigma(1)}{0.01} = \frac{0.7350 - 0.7311}{0.01} = 0.39$', 'ok',
    K('1.01', '0.01', '0.01'), F('0.7350', sig(mpf('1.01') ** 2), 'sig(1.0201)'), V('0.7311', sig(1)),
    F('0.39', (sig(mpf('1.01') ** 2) - sig(1)) / mpf('0.01'), '(0.7350-0.7311)/0.01'))
CASES.append(c)

# ----------------------------------------------------------------------------- 65
c = Case('65-none-softmax-jacobian.tex', 'none',
         'Clean. Softmax Jacobian row for y_hat_3 at z = (1, 2, 3); the row sums to 0.',
         notations='LaTeX align*, \\tfrac, \\delta_{ij}, \\hat y_3(1 - \\hat y_3)')
c.c(r'Softmax of $z = (1, 2, 3)$ gave $\hat y = (0.0900, 0.2447, 0.6652)$, and', 'ok',
    F('0.0900', p[0]), F('0.2447', p[1]), F('0.6652', p[2]))
c.c(r'$\tfrac{\partial \hat y_i}{\partial z_j} = \hat y_i(\delta_{ij} - \hat y_j)$.', 'idok',
    *[I(diff(lambda t, i=i, j=j: exp(t if i == j else z[i]) / sum(exp(t if k == j else z[k]) for k in range(3)), z[j]),
        p[i] * ((1 if i == j else 0) - p[j])) for i in range(3) for j in range(3)])
c.t(r'\begin{align*}')
c.c(r'\frac{\partial \hat y_3}{\partial z_3} &= \hat y_3 (1 - \hat y_3) = 0.6652 \times 0.3348 = 0.2227 \\', 'ok',
    V('0.6652', p[2]), F('0.3348', 1 - p[2], '1-0.6652'), F('0.2227', p[2] * (1 - p[2]), '0.6652*0.3348'))
c.c(r'\frac{\partial \hat y_3}{\partial z_1} &= -\hat y_3 \hat y_1 = -0.6652 \times 0.0900 = -0.0599 \\', 'ok',
    V('0.6652', p[2]), V('0.0900', p[0]), F('-0.0599', -p[2] * p[0], '-0.6652*0.0900'))
c.c(r'\frac{\partial \hat y_3}{\partial z_2} &= -\hat y_3 \hat y_2 = -0.6652 \times 0.2447 = -0.1628 \\', 'ok',
    V('0.6652', p[2]), V('0.2447', p[1]), F('-0.1628', -p[2] * p[1], '-0.6652*0.2447'))
c.c(r'\sum_j \frac{\partial \hat y_3}{\partial z_j} &= 0.2227 - 0.0599 - 0.1628 = 0', 'ok',
    V('0.2227', p[2] * (1 - p[2])), V('0.0599', p[2] * p[0]), V('0.1628', p[2] * p[1]), F('0', mpf(0), '0.2227-0.0599-0.1628'))
c.t(r'\end{align*}')
CASES.append(c)

# ----------------------------------------------------------------------------- 66
c = Case('66-none-reciprocal-slip.txt', 'none',
         'Arithmetic slip: 1/1.3679 written 0.7301 (should be 0.7311; 0.7310 from the writer\'s own '
         "1.3679). 1 - sigma(1), sigma'(1) and sigma(-1) carry it.",
         kind='arithmetic slip', notations="plain text, e^(-1), sigma'(1), sigma(-1)")
c.t('sigma(1) by hand')
c.c('e^(-1) = 0.3679', 'ok', F('0.3679', exp(-1)))
c.c('1 + e^(-1) = 1.3679', 'ok', F('1.3679', 1 + exp(-1), '1+0.3679'))
c.c('sigma(1) = 1/1.3679 = 0.7301', 'mis', V('1.3679', 1 + exp(-1)), F('0.7301', sig(1), '1/1.3679'))
c.c('1 - sigma(1) = 0.2699', 'car', F('0.2699', 1 - sig(1), '1-0.7301'))
c.c("sigma'(1) = 0.7301 * 0.2699 = 0.1971", 'car', V('0.7301', sig(1)), V('0.2699', 1 - sig(1)), F('0.1971', dsig(1), '0.7301*0.2699'))
c.c('sigma(-1) = 1 - sigma(1) = 0.2699', 'car', F('0.2699', sig(-1), '1-0.7301'))
CASES.append(c)

# ----------------------------------------------------------------------------- 67
c = Case('67-none-binary-cross-entropy.md', 'none',
         'Clean. Binary cross-entropy at p = 0.8 for both labels, and dL/dz = p - y through a sigmoid output.',
         notations='Markdown $...$, -[y \\ln p + (1-y)\\ln(1-p)], \\frac{\\partial L}{\\partial z}, \\frac{dp}{dz}')
c.t('# Binary cross-entropy')
c.t('')
c.c(r'$L = -[\,y \ln p + (1-y)\ln(1-p)\,]$', 'idok',
    I(-ln(mpf('0.8')), -(1 * ln(mpf('0.8')) + 0 * ln(mpf('0.2')))), I(-ln(mpf('0.2')), -(0 * ln(mpf('0.8')) + 1 * ln(mpf('0.2')))))
c.c(r'For $y = 1$, $p = 0.8$: $L = -\ln 0.8 = 0.2231$', 'ok', K('0.8', '0.8'), F('0.2231', -ln(mpf('0.8'))))
c.c(r'For $y = 0$, $p = 0.8$: $L = -\ln(1 - 0.8) = -\ln 0.2 = 1.6094$', 'ok', K('0.8', '0.8'), F('0.2', mpf('0.2')), F('1.6094', -ln(mpf('0.2'))))
c.c(r'With $p = \sigma(z)$: $\frac{\partial L}{\partial z} = p - y$', 'idok',
    *[I(diff(lambda t, y=y: -(y * ln(sig(t)) + (1 - y) * ln(1 - sig(t))), zz), sig(zz) - y) for zz in PTS for y in (0, 1)])
c.c(r'so for $y = 1$: $\frac{\partial L}{\partial z} = 0.8 - 1 = -0.2$', 'ok', K('0.8'), F('-0.2', mpf('-0.2'), '0.8-1'))
c.c(r'Check: $\frac{\partial L}{\partial p} = -\frac{1}{p} = -1.25$ and $\frac{dp}{dz} = p(1-p) = 0.16$, product $-1.25 \times 0.16 = -0.2$', 'ok',
    F('-1.25', -1 / mpf('0.8'), '-1/0.8'), F('0.16', mpf('0.8') * mpf('0.2'), '0.8*0.2'), V('-1.25', -1 / mpf('0.8')), V('0.16', mpf('0.16')),
    F('-0.2', mpf('-0.2'), '-1.25*0.16'))
CASES.append(c)
