from build import C, R, M, K, P, ck, case
import mpmath as _mp
from values import EXACT as X
_mp.mp.dps = 50
mp_ = _mp.mpf

# ---------------------------------------------------------------- 22 clean, gate by gate, two decimals
case('22-circuit-gate-by-gate.txt', 'circuit', [
    'Computation graph for the 2-d neuron (CS231n style), 2 decimals',
    P('f(w,x) = 1/(1+exp(-(w0*x0 + w1*x1 + w2)))   with w0 = 2, x0 = -1, w1 = -3, x1 = -2, w2 = -3'),
    '',
    'forward',
    C('  a = w0*x0 = -2.00,  b = w1*x1 = 6.00', ck('-2.00', 'C.a'), ck('6.00', 'C.b')),
    C('  c = a + b = 4.00,   d = c + w2 = 1.00', ck('4.00', 'C.c'), ck('1.00', 'C.d')),
    C('  e = -d = -1.00,     g = exp(e) = 0.37', ck('-1.00', 'C.e'), ck('0.37', 'C.ex')),
    C('  h = 1 + g = 1.37,   f = 1/h = 0.73', ck('1.37', 'C.den'), ck('0.73', 'C.f')),
    '',
    'backward (start with 1.00 at f)',
    C('  df/dh = -1/h^2 = -0.53', ck('-0.53', 'C.dinv')),
    C('  df/dg = -0.53 * 1 = -0.53', ck('-0.53', 'C.dex')),
    C('  df/de = -0.53 * exp(-1) = -0.53 * 0.37 = -0.20', ck('-0.20', 'C.de')),
    C('  df/dd = -0.20 * (-1) = 0.20', ck('0.20', 'C.dd')),
    C('  df/dw2 = 0.20,  df/dc = 0.20   (the add gate just passes the gradient on)', ck('0.20', 'C.gw2'), ck('0.20', 'C.dd', shown='df/dc = 0.20')),
    C('  df/da = df/db = 0.20', ck('0.20', 'C.dd')),
    R('  df/dw0 = x0 * 0.20 = -0.20,  df/dx0 = w0 * 0.20 = 0.40', ck('-0.20', 'C.gw0'), ck('0.40', 'C.gx0', writer=mp_('2') * mp_('0.20'))),
    R('  df/dw1 = x1 * 0.20 = -0.40,  df/dx1 = w1 * 0.20 = -0.60', ck('-0.40', 'C.gw1', writer=mp_('-2') * mp_('0.20')), ck('-0.60', 'C.gx1', writer=mp_('-3') * mp_('0.20'))),
], 'No mistake. The last two lines multiply the rounded 0.20 (exact 0.196612), so dx0 = 0.40, dw1 = -0.40, dx1 = -0.60 are rounding figures (exact 0.39, -0.39, -0.59). The problem-statement line 2 is prose.')

# ---------------------------------------------------------------- 23 clean, sigmoid-gate shortcut
case('23-circuit-sigmoid-gate.md', 'circuit', [
    '# CS231n 例子: 把 sigmoid 当成一个门',
    '',
    P('数据: $w_0 = 2$, $x_0 = -1$, $w_1 = -3$, $x_1 = -2$, $w_2 = -3$.'),
    '',
    C('$z = w_0 x_0 + w_1 x_1 + w_2 = -2 + 6 - 3 = 1$', ck('1', 'C.d')),
    '',
    C('$f = \\sigma(z) = \\sigma(1) = 0.7311$', ck('0.7311', 'C.f')),
    '',
    C('sigmoid 门的局部梯度: $\\frac{d\\sigma}{dz} = (1 - \\sigma(z))\\,\\sigma(z) = 0.2689 \\times 0.7311 = 0.1966$', ck('0.2689', 1 - X['C.f']), ck('0.1966', 'C.loc')),
    '',
    C('- $\\partial f / \\partial w_0 = x_0 \\cdot 0.1966 = -0.1966$', ck('-0.1966', 'C.gw0')),
    C('- $\\partial f / \\partial x_0 = w_0 \\cdot 0.1966 = 0.3932$', ck('0.3932', 'C.gx0')),
    C('- $\\partial f / \\partial w_1 = x_1 \\cdot 0.1966 = -0.3932$', ck('-0.3932', 'C.gw1')),
    C('- $\\partial f / \\partial x_1 = w_1 \\cdot 0.1966 = -0.5898$', ck('-0.5898', 'C.gx1')),
    C('- $\\partial f / \\partial w_2 = 1 \\cdot 0.1966 = 0.1966$', ck('0.1966', 'C.gw2')),
    '',
    C('所以 $\\nabla_w f = (-0.1966,\\ -0.3932,\\ 0.1966)$, 与逐门计算的 $(-0.20, -0.39, 0.20)$ 一致.', ck('-0.1966', 'C.gw0'), ck('-0.3932', 'C.gw1'), ck('0.1966', 'C.gw2', shown='0.1966)'), ck('-0.20', 'C.gw0'), ck('-0.39', 'C.gw1'), ck('0.20', 'C.gw2', shown='0.20)')),
], 'No mistake. Uses the sigmoid gate local gradient f(1-f) directly.')

# ---------------------------------------------------------------- 24 clean, LaTeX, both routes
case('24-circuit-two-routes.tex', 'circuit', [
    '\\subsection*{Exercise 3: the sigmoid neuron as a circuit}',
    P('Take $w = (2, -3, -3)$ and $x = (-1, -2)$.'),
    '\\begin{align*}',
    C('q &= w_0 x_0 + w_1 x_1 = -2 + 6 = 4, \\\\', ck('4', 'C.c')),
    C('z &= q + w_2 = 1, \\\\', ck('1', 'C.d')),
    C('u &= e^{-z} = 0.367879, \\\\', ck('0.367879', 'C.ex')),
    C('f &= \\frac{1}{1+u} = \\frac{1}{1.367879} = 0.731059.', ck('1.367879', 'C.den'), ck('0.731059', 'C.f')),
    '\\end{align*}',
    'Route 1, gate by gate:',
    '\\begin{align*}',
    C('\\frac{\\partial f}{\\partial (1+u)} &= -\\frac{1}{(1.367879)^2} = -0.534447, \\\\', ck('-0.534447', 'C.dinv')),
    C('\\frac{\\partial f}{\\partial z} &= -0.534447 \\times 0.367879 \\times (-1) = 0.196612.', ck('0.196612', 'C.dd')),
    '\\end{align*}',
    'Route 2, sigmoid gate:',
    C('\\[ f(1-f) = 0.731059 \\times 0.268941 = 0.196612 \\]', ck('0.268941', 1 - X['C.f']), ck('0.196612', 'C.loc')),
    'Both routes agree, and then',
    '\\[',
    C('\\left( \\frac{\\partial f}{\\partial w_0}, \\frac{\\partial f}{\\partial x_0}, \\frac{\\partial f}{\\partial w_1}, \\frac{\\partial f}{\\partial x_1} \\right) = (-0.196612,\\ 0.393224,\\ -0.393224,\\ -0.589836)', ck('-0.196612', 'C.gw0'), ck('0.393224', 'C.gx0', shown='0.393224,\\ -'), ck('-0.393224', 'C.gw1'), ck('-0.589836', 'C.gx1')),
    '\\]',
    C('and $\\partial f / \\partial w_2 = 1.96612 \\times 10^{-1}$.', ck('1.96612e-1', 'C.gw2', shown='1.96612 \\times 10^{-1}')),
], 'No mistake. Six-decimal figures; last line in scientific notation.')

# ---------------------------------------------------------------- 25 mistake: the -1 gate dropped
case('25-circuit-lost-minus.txt', 'circuit', [
    P('backprop through f = 1/(1+exp(-s)),  s = w0*x0 + w1*x1 + w2'),
    P('w0 = 2, x0 = -1, w1 = -3, x1 = -2, w2 = -3'),
    '',
    C('s = -2 + 6 - 3 = 1 ; t = -s = -1 ; exp(t) = 0.3679 ; 1 + exp(t) = 1.3679 ; f = 0.7311', ck('1', 'C.d'), ck('-1', 'C.e'), ck('0.3679', 'C.ex'), ck('1.3679', 'C.den'), ck('0.7311', 'C.f')),
    '',
    C('df/d(1+exp t) = -1/1.3679² = -0.5344', ck('-0.5344', 'C.dinv')),
    C('df/dt = -0.5344 · exp(t) = -0.5344 · 0.3679 = -0.1966', ck('-0.1966', 'C.de')),
    M('df/ds = df/dt · dt/ds = -0.1966 · 1 = -0.1966', ck('-0.1966', 'C.dd')),
    '',
    K('df/dw0 = x0 · df/ds = (-1)(-0.1966) = 0.1966', ck('0.1966', 'C.gw0', writer=mp_('0.1966'))),
    K('df/dx0 = w0 · df/ds = 2(-0.1966) = -0.3932', ck('-0.3932', 'C.gx0', writer=mp_('-0.3932'))),
    K('df/dw1 = x1 · df/ds = 0.3932,  df/dx1 = w1 · df/ds = 0.5898', ck('0.3932', 'C.gw1', writer=mp_('0.3932')), ck('0.5898', 'C.gx1', writer=mp_('-3') * mp_('-0.1966'))),
    K('df/dw2 = df/ds = -0.1966', ck('-0.1966', 'C.gw2', writer=mp_('-0.1966'))),
    '',
    C('check with the shortcut: f(1 - f) = 0.7311 · 0.2689 = 0.1966  (same size, ok)', ck('0.1966', 'C.loc')),
], 'Wrong sign: dt/ds = -1 because t = -s, so df/ds = +0.1966. All five parameter gradients carry the flipped sign. The last line (f(1-f) = 0.1966) is right, though the writer does not notice that it contradicts the sign on line 8.')

# ---------------------------------------------------------------- 26 mistake: x1 gradient uses x1 instead of w1
case('26-circuit-swapped-input.md', 'circuit', [
    P('### 2-D neuron, gradients at $w = (2,-3,-3)$, $x = (-1,-2)$'),
    '',
    C('Forward: $w_0x_0 + w_1x_1 + w_2 = 1$, $f = \\frac{1}{1+e^{-1}} = 0.73106$', ck('1', 'C.d'), ck('0.73106', 'C.f')),
    '',
    C('Local gradient of the sigmoid: $f(1-f) = 0.73106 \\cdot 0.26894 = 0.19661$', ck('0.26894', 1 - X['C.f']), ck('0.19661', 'C.loc')),
    '',
    '| parameter | gradient |',
    '|---|---|',
    C('| $w_0$ | $\\partial f/\\partial w_0 = x_0 \\cdot 0.19661 = -0.19661$ |', ck('-0.19661', 'C.gw0')),
    C('| $x_0$ | $\\partial f/\\partial x_0 = w_0 \\cdot 0.19661 = 0.39322$ |', ck('0.39322', 'C.gx0')),
    C('| $w_1$ | $\\partial f/\\partial w_1 = x_1 \\cdot 0.19661 = -0.39322$ |', ck('-0.39322', 'C.gw1')),
    M('| $x_1$ | $\\partial f/\\partial x_1 = x_1 \\cdot 0.19661 = -0.39322$ |', ck('-0.39322', 'C.gx1')),
    C('| $w_2$ | $\\partial f/\\partial w_2 = 1 \\cdot 0.19661 = 0.19661$ |', ck('0.19661', 'C.gw2', shown='= 0.19661$ |')),
], 'Swapped factor: df/dx1 = w1 * f(1-f) = -3 * 0.19661 = -0.58984; the writer multiplies by x1 instead (-0.39322). Nothing later uses it. Table rows are claim lines.')
