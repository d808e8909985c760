from fw import *
from values import sig
import mpmath as mp
import numpy as np
M = mp.mpf
d = lambda k, **kw: Fmt('dec', k, **kw)
sf = lambda k, **kw: Fmt('sf', k, **kw)
e = lambda k, **kw: Fmt('e', k, **kw)
tx = lambda k, **kw: Fmt('tex', k, **kw)
U = dict(minus='−')
CASES = {}

# ---------- none: activation identities ----------
CASES['20-activation-identities'] = ('md', 'none', 'correct', [
 '# Activation functions: identities and a few values',
 '',
 L('- Sigmoid at zero: σ(0) = {}.', F(M('0.5'), d(1))),
 L("- Derivative: σ'(z) = σ(z)(1 − σ(z)), hence σ'(0) = {}.", F(M('0.25'), d(2))),
 L('- Symmetry: σ(−z) = 1 − σ(z).'),
 L('- Values: σ(2) = {} and σ(−2) = 1 − σ(2) = {}.', F(sig(2), d(5)), F(sig(-2), d(5))),
 L('- Tanh in terms of sigmoid: tanh(z) = 2σ(2z) − 1.'),
 L('- Check at z = 0.5: tanh(0.5) = {} and 2σ(1) − 1 = {}.', F(mp.tanh(M('0.5')), d(5)), F(2*sig(1)-1, d(5))),
 L("- tanh'(z) = 1 − tanh²(z), so tanh'(0.5) = {}.", F(1-mp.tanh(M('0.5'))**2, d(5))),
 L("- ReLU: ReLU(−1.3) = {}, ReLU(2.7) = {}, ReLU'(2.7) = {}.", F(0, d(0)), F(M('2.7'), d(1)), F(1, d(0))),
 L("- Largest slope of the sigmoid is σ'(0) = {}, of tanh it is tanh'(0) = {}.", F(M('0.25'), d(2)), F(1, d(0))),
])

# softmax Jacobian, sign slip in an off-diagonal entry
z = [M(1), M(2), M('0.5')]
ex = [mp.e**v for v in z]; S = sum(ex); p = [v/S for v in ex]
J = [[p[i]*((1 if i == j else 0) - p[j]) for j in range(3)] for i in range(3)]
CASES['21-softmax-jacobian'] = ('txt', 'none', 'mistake', [
 P('Softmax of the logits z = (1.0, 2.0, 0.5) and its Jacobian J_ij = ∂p_i/∂z_j = p_i(δ_ij − p_j).'),
 '',
 L('exponentials: e^1 = {}, e^2 = {}, e^0.5 = {}; sum = {}', F(ex[0], d(4)), F(ex[1], d(4)), F(ex[2], d(4)), F(S, d(4))),
 L('p = ({}, {}, {})', F(p[0], d(4)), F(p[1], d(4)), F(p[2], d(4))),
 L('diagonal: J11 = p1(1 − p1) = {}, J22 = {}, J33 = {}', F(J[0][0], d(4)), F(J[1][1], d(4)), F(J[2][2], d(4))),
 L('off-diagonal: J12 = p1·p2 = 0.2312 × 0.6285 = {}', F(J[0][1], d(4), M('0.2312')*M('0.6285')), kind='mis'),
 L('J13 = −p1·p3 = {}', F(J[0][2], d(4, **U))),
 L('row 1 sum: J11 + J12 + J13 = 0.1778 + 0.1453 − 0.0324 = {}', F(sum(J[0]), d(4), M('0.1778')+M('0.1453')-M('0.0324')), kind='car'),
])

# cross-entropy with softmax
z = [M(2), M(1), M('0.1')]
ex = [mp.e**v for v in z]; S = sum(ex); p = [v/S for v in ex]
CASES['22-cross-entropy'] = ('tex', 'none', 'correct', [
 P(r'Logits $z = (2.0,\ 1.0,\ 0.1)$, true class is the first one, loss $L = -\ln p_1$.'),
 r'\begin{aligned}',
 L(r'\sum_k e^{{z_k}} &= 7.3891 + 2.7183 + 1.1052 = {} \\', F(S, d(4))),
 L(r'p &= \left({},\ {},\ {}\right) \\', F(p[0], d(4)), F(p[1], d(4)), F(p[2], d(4))),
 L(r'L &= -\ln {} = {} \\', F(p[0], d(4)), F(-mp.log(p[0]), d(4))),
 L(r'\frac{{\partial L}}{{\partial z}} &= p - y = \left({},\ {},\ {}\right)', F(p[0]-1, d(4)), F(p[1], d(4)), F(p[2], d(4))),
 r'\end{aligned}',
 'The gradient components add up to zero, as they must for softmax with cross-entropy.',
 L(r'If the true class were the third, the loss would be $-\ln {} = {}$.', F(p[2], d(4)), F(-mp.log(p[2]), d(4))),
])

# MSE and a gradient-descent step for y_hat = w x + b; slip adding the squares
xs = [M(1), M(2), M(3)]; ys = [M('1.8'), M('2.9'), M('5.2')]; w, b, eta = M('1.2'), M('0.1'), M('0.05')
yh = [w*x + b for x in xs]; er = [a - t for a, t in zip(yh, ys)]
sq = sum(v**2 for v in er); mse = sq/3
gw = 2*sum(v*x for v, x in zip(er, xs))/3; gb = 2*sum(er)/3
CASES['23-mse-gd-step'] = ('md', 'none', 'mistake', [
 P('**Model** $\\hat y = wx + b$ with $w = 1.2$, $b = 0.1$; data $x = (1, 2, 3)$, $y = (1.8, 2.9, 5.2)$; learning rate $0.05$.'),
 '',
 L('Predictions: $\\hat y = ({}, {}, {})$', F(yh[0], d(1)), F(yh[1], d(1)), F(yh[2], d(1))),
 L('Residuals $\\hat y - y = ({}, {}, {})$', F(er[0], d(1)), F(er[1], d(1)), F(er[2], d(1))),
 L('$$\\sum (\\hat y - y)^2 = 0.25 + 0.16 + 2.25 = {}$$', F(sq, d(2), M('2.56')), kind='mis'),
 L('$$\\text{{MSE}} = \\tfrac{{1}}{{3}} \\cdot 2.56 = {}$$', F(mse, d(5), M('2.56')/3), kind='car'),
 L('$$\\frac{{\\partial\\,\\text{{MSE}}}}{{\\partial w}} = \\tfrac{{2}}{{3}}\\sum (\\hat y - y)\\,x = \\tfrac{{2}}{{3}}(-5.8) = {}$$', F(gw, d(5))),
 L('$$\\frac{{\\partial\\,\\text{{MSE}}}}{{\\partial b}} = \\tfrac{{2}}{{3}}\\sum (\\hat y - y) = {}$$', F(gb, d(5))),
 L('$$w \\leftarrow 1.2 - 0.05 \\cdot (-3.86667) = {}, \\qquad b \\leftarrow 0.1 - 0.05 \\cdot (-1.6) = {}$$', F(w-eta*gw, d(5)), F(b-eta*gb, d(2))),
])

# logistic regression, binary cross-entropy, one step; scientific notation
x = [M(1), M(-2)]; wv = [M('0.4'), M('0.3')]; b0 = M('0.1'); y = 1; eta = M('0.5')
zz = wv[0]*x[0] + wv[1]*x[1] + b0; pp = sig(zz); LL = -mp.log(pp); g = pp - y
CASES['24-logistic-bce-step'] = ('md', 'none', 'correct', [
 '## One step of logistic regression',
 '',
 P('Given: $x = (1.0, -2.0)$, $w = (0.4, 0.3)$, $b = 0.1$, label $y = 1$, $\\eta = 0.5$.'),
 '',
 L('$$z = 0.4 \\cdot 1.0 + 0.3 \\cdot (-2.0) + 0.1 = {}$$', F(zz, d(1))),
 L('$$p = \\sigma(z) = {}$$', F(pp, tx(4))),
 L('$$L = -\\left[y \\ln p + (1-y)\\ln(1-p)\\right] = -\\ln p = {}$$', F(LL, tx(4))),
 'For sigmoid followed by binary cross-entropy the derivative with respect to z collapses to p minus y:',
 L('$$g = \\frac{{\\partial L}}{{\\partial z}} = p - y = {}$$', F(g, tx(4))),
 L('$$\\nabla_w L = g\\,x = \\left({},\\ {}\\right), \\qquad \\nabla_b L = {}$$', F(g*x[0], tx(4)), F(g*x[1], tx(4)), F(g, tx(4))),
 L('$$w \\leftarrow w - \\eta \\nabla_w L = \\left({},\\ {}\\right)$$', F(wv[0]-eta*g*x[0], tx(4)), F(wv[1]-eta*g*x[1], tx(4))),
 L('$$b \\leftarrow 0.1 - 0.5 \\cdot g = {}$$', F(b0-eta*g, tx(4))),
])

def numpy_check():
    zz_ = np.array([1., 2., .5]); pn = np.exp(zz_)/np.exp(zz_).sum(); Jn = np.diag(pn) - np.outer(pn, pn)
    assert abs(Jn[0, 1] - float(J[0][1])) < 1e-14 and abs(Jn[0].sum()) < 1e-14
    z2 = np.array([2., 1., .1]); p2 = np.exp(z2)/np.exp(z2).sum(); assert abs(-np.log(p2[0]) - float(-mp.log(p[0]))) < 1e-14
    X = np.array([1., 2., 3.]); Y = np.array([1.8, 2.9, 5.2]); E = 1.2*X + .1 - Y
    assert abs(np.mean(E**2) - float(mse)) < 1e-14 and abs(2*np.mean(E*X) - float(gw)) < 1e-14
    pz = 1/(1+np.exp(-(.4 - .6 + .1))); assert abs(-np.log(pz) - float(LL)) < 1e-14
    return True
