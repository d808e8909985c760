"""Cases on the lecture's computation graph f(w,x) = 1/(1+exp(-(w0*x0 + w1*x1 + w2))) (problem = "circuit")."""
from truthlib import Case, F, V, K, I, mpf, sig, exp
from models import CIR as C

CASES = []
Z = [mpf(k) / 7 for k in (-9, -3, 2, 5, 11)]     # sample points for identity checks

# ----------------------------------------------------------------------------- 39
c = Case('39-circuit-slides-2dp.txt', 'circuit',
         'Clean, the slide\'s gate-by-gate backward pass at 2 decimals. df/dx0 = 2.00*0.20 = 0.40, '
         'df/dw1 = -2.00*0.20 = -0.40 and df/dx1 = -3.00*0.20 = -0.60 are rounding effects of the '
         'rounded upstream gradient 0.20 (exact 0.39, -0.39, -0.59), exactly as on the slide.',
         notations='plain text, slide gates (*-1, exp, +1, 1/x), df/dw0, 2 decimals')
c.c('f(w,x) = 1/(1 + exp(-(w0*x0 + w1*x1 + w2)))', 'idok',
    I(C.out, C.f(C.w0, C.x0, C.w1, C.x1, C.w2)))
c.c('w0 = 2.00, x0 = -1.00, w1 = -3.00, x1 = -2.00, w2 = -3.00', 'ok',
    F('2.00', C.w0), F('-1.00', C.x0), F('-3.00', C.w1), F('-2.00', C.x1), F('-3.00', C.w2))
c.t('')
c.t('Forward pass')
c.c('w0*x0 = -2.00,  w1*x1 = 6.00', 'ok', F('-2.00', C.a, '2*(-1)'), F('6.00', C.b, '(-3)*(-2)'))
c.c('-2.00 + 6.00 = 4.00,  4.00 + (-3.00) = 1.00', 'ok',
    V('-2.00', C.a), V('6.00', C.b), F('4.00', C.s, '-2+6'), V('4.00', C.s), K('-3.00'), F('1.00', C.z, '4-3'))
c.c('times (-1):  -1 * 1.00 = -1.00', 'ok', V('1.00', C.z), F('-1.00', C.nz, '-1*1.00'))
c.c('exp(-1.00) = 0.37', 'ok', V('-1.00', C.nz), F('0.37', C.ez, 'exp(-1)'))
c.c('1 + 0.37 = 1.37', 'ok', V('0.37', C.ez), F('1.37', C.den, '1+0.37'))
c.c('1/1.37 = 0.73', 'ok', V('1.37', C.den), F('0.73', C.out, '1/1.37'))
c.t('')
c.t('Backward pass, starting from gradient 1.00 at the output')
c.c('1/x gate: local gradient -1/x^2 = -1/1.37^2 = -0.53, times 1.00 gives -0.53', 'ok',
    V('1.37', C.den), F('-0.53', C.g_den, '-1/1.37**2'), F('1.00', C.g_out), F('-0.53', C.g_den, '-1/1.37**2'))
c.c('+1 gate: local gradient 1, so -0.53 * 1 = -0.53', 'ok', V('-0.53', C.g_den), F('-0.53', C.g_ez, '-0.53*1'))
c.c('exp gate: local gradient exp(-1.00) = 0.37, so 0.37 * (-0.53) = -0.20', 'ok',
    V('-1.00', C.nz), F('0.37', C.ez, 'exp(-1)'), V('0.37', C.ez), V('-0.53', C.g_ez), F('-0.20', C.g_nz, '0.37*(-0.53)'))
c.c('*(-1) gate: (-1) * (-0.20) = 0.20', 'ok', V('-0.20', C.g_nz), F('0.20', C.g_z, '-1*(-0.20)'))
c.c('add gates pass it on unchanged: df/dw2 = 0.20', 'ok', F('0.20', C.g_w2, '0.20'))
c.c('df/dw0 = x0 * 0.20 = -1.00 * 0.20 = -0.20', 'ok', V('0.20', C.g_a), V('-1.00', C.x0), V('0.20', C.g_a), F('-0.20', C.g_w0, '-1*0.20'))
c.c('df/dx0 = w0 * 0.20 = 2.00 * 0.20 = 0.40', 'rnd', V('0.20', C.g_a), V('2.00', C.w0), V('0.20', C.g_a), F('0.40', C.g_x0, '2*0.20'))
c.c('df/dw1 = x1 * 0.20 = -2.00 * 0.20 = -0.40', 'rnd', V('0.20', C.g_b), V('-2.00', C.x1), V('0.20', C.g_b), F('-0.40', C.g_w1, '-2*0.20'))
c.c('df/dx1 = w1 * 0.20 = -3.00 * 0.20 = -0.60', 'rnd', V('0.20', C.g_b), V('-3.00', C.w1), V('0.20', C.g_b), F('-0.60', C.g_x1, '-3*0.20'))
CASES.append(c)

# ----------------------------------------------------------------------------- 40
c = Case('40-circuit-node-names.md', 'circuit',
         'Clean, 4 decimals, the writer names the nodes a, b, c, d, e, f; "e" is the node e = 1 + d '
         '= 1.3679, not Euler\'s number (the exponential is always written \\exp).',
         notations='writer node names a..f (e is a node), Markdown $...$, df/de, \\partial f/\\partial x_0')
c.t('Computation graph, my own node names:')
c.t('')
c.c(r'- $a = w_0 x_0 = 2 \cdot (-1) = -2$', 'ok', F('-2', C.a, '2*(-1)'))
c.c(r'- $b = w_1 x_1 = (-3) \cdot (-2) = 6$', 'ok', F('6', C.b, '(-3)*(-2)'))
c.c(r'- $c = a + b + w_2 = -2 + 6 - 3 = 1$', 'ok', F('1', C.z, '-2+6-3'))
c.c(r'- $d = \exp(-c) = \exp(-1) = 0.3679$', 'ok', F('0.3679', C.ez, 'exp(-1)'))
c.c(r'- $e = 1 + d = 1.3679$', 'ok', F('1.3679', C.den, '1+0.3679'))
c.c(r'- $f = 1/e = 0.7311$', 'ok', F('0.7311', C.out, '1/1.3679'))
c.t('')
c.t('Backward:')
c.t('')
c.c(r'- $\partial f/\partial e = -1/e^2 = -1/1.3679^2 = -0.5344$', 'ok', V('1.3679', C.den), F('-0.5344', C.g_den, '-1/1.3679**2'))
c.c(r'- $\partial f/\partial d = \partial f/\partial e \cdot 1 = -0.5344$', 'ok', F('-0.5344', C.g_ez, '-0.5344'))
c.c(r'- $\partial f/\partial c = \partial f/\partial d \cdot (-\exp(-c)) = -0.5344 \cdot (-0.3679) = 0.1966$', 'ok',
    V('-0.5344', C.g_ez), V('-0.3679', -C.ez), F('0.1966', C.g_z, '-0.5344*(-0.3679)'))
c.c(r'- $\partial f/\partial a = \partial f/\partial b = \partial f/\partial w_2 = 0.1966$', 'ok', F('0.1966', C.g_a, '0.1966'))
c.c(r'- $\partial f/\partial w_0 = x_0 \cdot 0.1966 = -0.1966$', 'ok', V('0.1966', C.g_a), F('-0.1966', C.g_w0, '-1*0.1966'))
c.c(r'- $\partial f/\partial x_0 = w_0 \cdot 0.1966 = 2 \cdot 0.1966 = 0.3932$', 'ok', V('0.1966', C.g_a), V('0.1966', C.g_a), F('0.3932', C.g_x0, '2*0.1966'))
c.c(r'- $\partial f/\partial w_1 = x_1 \cdot 0.1966 = -2 \cdot 0.1966 = -0.3932$', 'ok', V('0.1966', C.g_b), V('0.1966', C.g_b), F('-0.3932', C.g_w1, '-2*0.1966'))
c.c(r'- $\partial f/\partial x_1 = w_1 \cdot 0.1966 = -3 \cdot 0.1966 = -0.5898$', 'ok', V('0.1966', C.g_b), V('0.1966', C.g_b), F('-0.5898', C.g_x1, '-3*0.1966'))
CASES.append(c)

# ----------------------------------------------------------------------------- 41
c = Case('41-circuit-sigmoid-gate.tex', 'circuit',
         'Clean. Collapses the last four gates into one sigmoid gate with local gradient '
         'sigma(z)(1 - sigma(z)); the derivation of that identity is a claim (rows 3-4).',
         notations='LaTeX align*, \\frac{d\\sigma}{dz}, \\left(...\\right), sigmoid gate f(1-f)')
c.c(r'\textbf{Sigmoid gate.} With $z = w_0x_0 + w_1x_1 + w_2$:', 'idok', I(C.z, C.w0 * C.x0 + C.w1 * C.x1 + C.w2))
c.t(r'\begin{align*}')
c.c(r'\sigma(z) &= \frac{1}{1+e^{-z}} \\', 'idok', *[I(sig(t), 1 / (1 + exp(-t))) for t in Z])
c.c(r'\frac{d\sigma}{dz} &= \frac{e^{-z}}{(1+e^{-z})^2} = \left(\frac{1 + e^{-z} - 1}{1 + e^{-z}}\right)\left(\frac{1}{1+e^{-z}}\right) \\', 'idok',
    *[I(sig(t) * (1 - sig(t)), exp(-t) / (1 + exp(-t)) ** 2) for t in Z])
c.c(r'&= \bigl(1 - \sigma(z)\bigr)\,\sigma(z) \\', 'idok', *[I(sig(t) * (1 - sig(t)), (1 - sig(t)) * sig(t)) for t in Z])
c.c(r'z &= 2 \cdot (-1) + (-3)(-2) + (-3) = 1 \\', 'ok', F('1', C.z, '2*(-1)+(-3)*(-2)+(-3)'))
c.c(r'\sigma(1) &= 0.7311 \\', 'ok', F('0.7311', C.out, 'sig(1)'))
c.c(r'\frac{d\sigma}{dz}\Big|_{z=1} &= (1 - 0.7311) \cdot 0.7311 = 0.2689 \cdot 0.7311 = 0.1966 \\', 'ok',
    V('0.7311', C.out), V('0.7311', C.out), F('0.2689', 1 - C.out, '1-0.7311'), V('0.7311', C.out),
    F('0.1966', C.sig_local, '0.2689*0.7311'))
c.c(r'\frac{\partial f}{\partial w_0} &= x_0 \cdot 0.1966 = -0.1966, & \frac{\partial f}{\partial x_0} &= w_0 \cdot 0.1966 = 0.3932 \\', 'ok',
    V('0.1966', C.g_z), V('0.1966', C.g_z), F('-0.1966', C.g_w0, '-1*0.1966'), F('0.3932', C.g_x0, '2*0.1966'))
c.c(r'\frac{\partial f}{\partial w_1} &= x_1 \cdot 0.1966 = -0.3932, & \frac{\partial f}{\partial x_1} &= w_1 \cdot 0.1966 = -0.5898 \\', 'ok',
    V('0.1966', C.g_z), V('0.1966', C.g_z), F('-0.3932', C.g_w1, '-2*0.1966'), F('-0.5898', C.g_x1, '-3*0.1966'))
c.c(r'\frac{\partial f}{\partial w_2} &= 1 \cdot 0.1966 = 0.1966', 'ok', V('0.1966', C.g_z), F('0.1966', C.g_w2, '0.1966'))
c.t(r'\end{align*}')
CASES.append(c)

# ----------------------------------------------------------------------------- 42
c = Case('42-circuit-exp-local-sign.md', 'circuit',
         'Sign slip in a local gradient: for d = exp(-c) the writer uses dd/dc = exp(-c) = 0.3679 '
         '(should be -exp(-c) = -0.3679). df/dc and every gradient below it carry the flipped sign. '
         'The node named e is e = 1 + d = 1.3679 (exp is always written \\exp here).',
         kind='sign slip (local gradient of exp(-c))', notations='Markdown, writer nodes c, d, e, f, \\partial f/\\partial c')
c.c('Nodes: $c = w_0x_0 + w_1x_1 + w_2$, $d = \\exp(-c)$, $e = 1 + d$, $f = 1/e$.', 'idok',
    I(C.z, C.w0 * C.x0 + C.w1 * C.x1 + C.w2), I(C.ez, exp(-C.z)), I(C.den, 1 + C.ez), I(C.out, 1 / C.den))
c.t('')
c.c(r'Forward: $c = 1$, $d = 0.3679$, $e = 1.3679$, $f = 0.7311$.', 'ok',
    F('1', C.z), F('0.3679', C.ez), F('1.3679', C.den), F('0.7311', C.out))
c.t('')
c.c(r'$\frac{\partial f}{\partial e} = -\frac{1}{e^2} = -\frac{1}{1.3679^2} = -0.5344$', 'ok', V('1.3679', C.den), F('-0.5344', C.g_den, '-1/1.3679**2'))
c.c(r'$\frac{\partial f}{\partial d} = -0.5344 \cdot 1 = -0.5344$', 'ok', V('-0.5344', C.g_den), F('-0.5344', C.g_ez, '-0.5344'))
c.c(r'$\frac{\partial d}{\partial c} = \exp(-c) = 0.3679$', 'mis', F('0.3679', -C.ez, '-0.3679'), I(-C.ez, C.ez))
c.c(r'$\frac{\partial f}{\partial c} = -0.5344 \cdot 0.3679 = -0.1966$', 'car', V('-0.5344', C.g_ez), V('0.3679', -C.ez), F('-0.1966', C.g_z, '-0.5344*0.3679'))
c.c(r'$\frac{\partial f}{\partial w_0} = x_0 \cdot (-0.1966) = 0.1966$, $\frac{\partial f}{\partial x_0} = w_0 \cdot (-0.1966) = -0.3932$', 'car',
    V('-0.1966', C.g_z), F('0.1966', C.g_w0, '-1*(-0.1966)'), V('-0.1966', C.g_z), F('-0.3932', C.g_x0, '2*(-0.1966)'))
c.c(r'$\frac{\partial f}{\partial w_1} = x_1 \cdot (-0.1966) = 0.3932$, $\frac{\partial f}{\partial x_1} = w_1 \cdot (-0.1966) = 0.5898$', 'car',
    V('-0.1966', C.g_z), F('0.3932', C.g_w1, '-2*(-0.1966)'), V('-0.1966', C.g_z), F('0.5898', C.g_x1, '-3*(-0.1966)'))
c.c(r'$\frac{\partial f}{\partial w_2} = -0.1966$', 'car', F('-0.1966', C.g_w2, '-0.1966'))
CASES.append(c)

# ----------------------------------------------------------------------------- 43
c = Case('43-circuit-reciprocal-sign.txt', 'circuit',
         'Wrong local derivative: the 1/x gate is given local gradient 1/x^2 (should be -1/x^2), '
         '+0.53 instead of -0.53. Every gradient after it carries the flipped sign.',
         kind='wrong derivative identity (d(1/x)/dx = 1/x^2)', notations='plain text, gate-by-gate, df/dx0, 2 decimals')
c.c('forward: z = 1.00, exp(-z) = 0.37, 1 + exp(-z) = 1.37, f = 0.73', 'ok',
    F('1.00', C.z), F('0.37', C.ez), F('1.37', C.den), F('0.73', C.out))
c.t('')
c.t('backward')
c.c('1/x gate: d(1/x)/dx = 1/x^2 = 1/1.37^2 = 0.53', 'mis', V('1.37', C.den), F('0.53', C.g_den, '-1/1.37**2'),
    I(C.g_den, 1 / C.den ** 2))
c.c('+1 gate: 0.53 * 1 = 0.53', 'car', V('0.53', C.g_den), F('0.53', C.g_ez, '0.53'))
c.c('exp gate: 0.53 * exp(-1) = 0.53 * 0.37 = 0.20', 'car', V('0.53', C.g_ez), V('0.53', C.g_ez), V('0.37', C.ez), F('0.20', C.g_nz, '0.53*0.37'))
c.c('*-1 gate: 0.20 * (-1) = -0.20', 'car', V('0.20', C.g_nz), F('-0.20', C.g_z, '0.20*(-1)'))
c.c('df/dw2 = -0.20', 'car', F('-0.20', C.g_w2, '-0.20'))
c.c('df/dw0 = x0 * (-0.20) = 0.20', 'car', V('-0.20', C.g_a), F('0.20', C.g_w0, '-1*(-0.20)'))
c.c('df/dx0 = w0 * (-0.20) = -0.40', 'car', V('-0.20', C.g_a), F('-0.40', C.g_x0, '2*(-0.20)'))
CASES.append(c)

# ----------------------------------------------------------------------------- 44
c = Case('44-circuit-swap-w1-x1.tex', 'circuit',
         'Swapped factor in a multiply gate: df/dw1 is computed as w1 * 0.1966 = -0.5898 (should be '
         'x1 * 0.1966 = -0.3932). The gradient vector on the last row repeats it (carried); df/dx1 is right.',
         kind='swapped factor (w1 for x1)', notations='LaTeX align*, \\frac{\\partial f}{\\partial w_1}, \\nabla_w f')
c.c(r'From the sigmoid gate, $\partial f/\partial z = 0.1966$ where $z = w_0x_0 + w_1x_1 + w_2$.', 'ok',
    F('0.1966', C.g_z), I(C.z, C.w0 * C.x0 + C.w1 * C.x1 + C.w2))
c.t(r'\begin{align*}')
c.c(r'\frac{\partial f}{\partial w_0} &= \frac{\partial f}{\partial z}\, x_0 = 0.1966 \times (-1) = -0.1966 \\', 'ok',
    V('0.1966', C.g_z), F('-0.1966', C.g_w0, '0.1966*(-1)'))
c.c(r'\frac{\partial f}{\partial x_0} &= \frac{\partial f}{\partial z}\, w_0 = 0.1966 \times 2 = 0.3932 \\', 'ok',
    V('0.1966', C.g_z), F('0.3932', C.g_x0, '0.1966*2'))
c.c(r'\frac{\partial f}{\partial w_1} &= \frac{\partial f}{\partial z}\, w_1 = 0.1966 \times (-3) = -0.5898 \\', 'mis',
    V('0.1966', C.g_z), F('-0.5898', C.g_w1, '0.1966*(-2)'), I(C.g_w1, C.g_z * C.w1))
c.c(r'\frac{\partial f}{\partial x_1} &= \frac{\partial f}{\partial z}\, w_1 = 0.1966 \times (-3) = -0.5898 \\', 'ok',
    V('0.1966', C.g_z), F('-0.5898', C.g_x1, '0.1966*(-3)'))
c.c(r'\frac{\partial f}{\partial w_2} &= \frac{\partial f}{\partial z} \cdot 1 = 0.1966', 'ok', F('0.1966', C.g_w2, '0.1966'))
c.t(r'\end{align*}')
c.c(r'so $\nabla_w f = (-0.1966,\ -0.5898,\ 0.1966)$.', 'car',
    F('-0.1966', C.g_w0, '-0.1966'), F('-0.5898', C.g_w1, '-0.5898'), F('0.1966', C.g_w2, '0.1966'))
CASES.append(c)

# ----------------------------------------------------------------------------- 45
c = Case('45-circuit-unicode-3dp.txt', 'circuit',
         'Clean, 3 decimals, Unicode. ∂f/∂x₀ = 2 × 0.197 = 0.394, ∂f/∂w₁ = −0.394 and ∂f/∂x₁ = −0.591 are '
         'rounding effects of the rounded 0.197 (exact 0.393, −0.393, −0.590).',
         notations='Unicode ∂f/∂w₀, x₀, e^(−1), −, ×, ², 3 decimals')
c.c('z = w₀x₀ + w₁x₁ + w₂ = 2·(−1) + (−3)·(−2) + (−3) = 1', 'ok', F('1', C.z, '2*(-1)+(-3)*(-2)+(-3)'))
c.c('e^(−1) = 0.368', 'ok', F('0.368', C.ez, 'exp(-1)'))
c.c('f = 1/(1 + 0.368) = 1/1.368 = 0.731', 'ok', V('0.368', C.ez), F('1.368', C.den, '1+0.368'), F('0.731', C.out, '1/1.368'))
c.t('')
c.c('∂f/∂(1 + e^(−z)) = −1/1.368² = −0.534', 'ok', V('1.368', C.den), F('−0.534', C.g_den, '-1/1.368**2'))
c.c('∂f/∂(−z) = −0.534 × 0.368 = −0.197', 'ok', V('−0.534', C.g_den), V('0.368', C.ez), F('−0.197', C.g_nz, '-0.534*0.368'))
c.c('∂f/∂z = (−1) × (−0.197) = 0.197', 'ok', V('−0.197', C.g_nz), F('0.197', C.g_z, '0.197'))
c.c('∂f/∂w₀ = x₀ · 0.197 = −0.197', 'ok', V('0.197', C.g_z), F('−0.197', C.g_w0, '-1*0.197'))
c.c('∂f/∂x₀ = w₀ · 0.197 = 2 × 0.197 = 0.394', 'rnd', V('0.197', C.g_z), V('0.197', C.g_z), F('0.394', C.g_x0, '2*0.197'))
c.c('∂f/∂w₁ = x₁ · 0.197 = −2 × 0.197 = −0.394', 'rnd', V('0.197', C.g_z), V('0.197', C.g_z), F('−0.394', C.g_w1, '-2*0.197'))
c.c('∂f/∂x₁ = w₁ · 0.197 = −3 × 0.197 = −0.591', 'rnd', V('0.197', C.g_z), V('0.197', C.g_z), F('−0.591', C.g_x1, '-3*0.197'))
c.c('∂f/∂w₂ = 0.197', 'ok', F('0.197', C.g_w2, '0.197'))
CASES.append(c)

# ----------------------------------------------------------------------------- 46
c = Case('46-circuit-forward-sign.md', 'circuit',
         'Sign slip in the forward pass: w1*x1 = (-3)(-2) written -6 (should be 6). z = -11 and every '
         'later value carries it (f = 1.670e-5, gradients of order 1e-5).',
         kind='sign slip (forward)', notations='Markdown, scientific notation a \\times 10^{k}, \\sigma\'(z), \\partial f/\\partial w_0')
c.t('### Forward')
c.c(r'$w_0 x_0 = 2 \times (-1) = -2$', 'ok', F('-2', C.a, '2*(-1)'))
c.c(r'$w_1 x_1 = (-3) \times (-2) = -6$', 'mis', F('-6', C.b, '(-3)*(-2)'))
c.c(r'$z = -2 + (-6) + (-3) = -11$', 'car', V('-6', C.b), F('-11', C.z, '-2-6-3'))
c.c(r'$e^{-z} = e^{11} = 5.987 \times 10^{4}$', 'car', F(r'5.987 \times 10^{4}', C.ez, 'exp(11)'))
c.c(r'$f = \frac{1}{1 + 5.987 \times 10^{4}} = 1.670 \times 10^{-5}$', 'car',
    V(r'5.987 \times 10^{4}', C.ez), F(r'1.670 \times 10^{-5}', C.out, '1/(1+59870)'))
c.t('')
c.t('### Backward')
c.c(r'$\sigma\'(z) = f(1-f) = 1.670 \times 10^{-5} \times (1 - 1.670 \times 10^{-5}) = 1.670 \times 10^{-5}$'.replace("\\'", "'"), 'car',
    V(r'1.670 \times 10^{-5}', C.out), V(r'1.670 \times 10^{-5}', C.out), F(r'1.670 \times 10^{-5}', C.sig_local, '0.00001670*(1-0.00001670)'))
c.c(r'$\partial f/\partial w_0 = x_0 \sigma\'(z) = -1.670 \times 10^{-5}$'.replace("\\'", "'"), 'car', F(r'-1.670 \times 10^{-5}', C.g_w0, '-0.00001670'))
c.c(r'$\partial f/\partial x_0 = w_0 \sigma\'(z) = 3.340 \times 10^{-5}$'.replace("\\'", "'"), 'car', F(r'3.340 \times 10^{-5}', C.g_x0, '2*0.00001670'))
c.c(r'$\partial f/\partial w_1 = x_1 \sigma\'(z) = -3.340 \times 10^{-5}$'.replace("\\'", "'"), 'car', F(r'-3.340 \times 10^{-5}', C.g_w1, '-2*0.00001670'))
c.c(r'$\partial f/\partial x_1 = w_1 \sigma\'(z) = -5.010 \times 10^{-5}$'.replace("\\'", "'"), 'car', F(r'-5.010 \times 10^{-5}', C.g_x1, '-3*0.00001670'))
c.c(r'$\partial f/\partial w_2 = \sigma\'(z) = 1.670 \times 10^{-5}$'.replace("\\'", "'"), 'car', F(r'1.670 \times 10^{-5}', C.g_w2, '0.00001670'))
c.t('')
c.t('All gradients are tiny because the sigmoid is saturated.')
CASES.append(c)

# ----------------------------------------------------------------------------- 47
c = Case('47-circuit-slash-derivatives.txt', 'circuit',
         'Clean. Uses e^{-1} = 0.368 (3 decimals) and then 4-decimal results: f = 1/1.368 = 0.7310 and '
         '1 - f = 0.2690 are rounding effects (exact 0.7311, 0.2689); f\'(z) = 0.1966 comes out right.',
         notations="plain text, df/dx0, df/dw2, f'(z), e^{-1}")
c.c('z = w0*x0 + w1*x1 + w2 = -2 + 6 - 3 = 1', 'ok', F('1', C.z, '-2+6-3'))
c.c('e^{-1} = 0.368', 'ok', F('0.368', C.ez, 'exp(-1)'))
c.c('f = 1/(1 + 0.368) = 0.7310', 'rnd', V('0.368', C.ez), F('0.7310', C.out, '1/(1+0.368)'))
c.c("f'(z) = f(1 - f) = 0.7310 * 0.2690 = 0.1966", 'rnd', V('0.7310', C.out), F('0.2690', 1 - C.out, '1-0.7310'),
    F('0.1966', C.sig_local, '0.7310*0.2690'))
c.c("df/dw2 = f'(z) * 1 = 0.1966", 'ok', F('0.1966', C.g_w2, '0.1966'))
c.c("df/dw0 = x0 * f'(z) = -1 * 0.1966 = -0.1966", 'ok', V('0.1966', C.g_z), F('-0.1966', C.g_w0, '-1*0.1966'))
c.c("df/dx0 = w0 * f'(z) = 2 * 0.1966 = 0.3932", 'ok', V('0.1966', C.g_z), F('0.3932', C.g_x0, '2*0.1966'))
c.c("df/dw1 = x1 * f'(z) = -2 * 0.1966 = -0.3932", 'ok', V('0.1966', C.g_z), F('-0.3932', C.g_w1, '-2*0.1966'))
c.c("df/dx1 = w1 * f'(z) = -3 * 0.1966 = -0.5898", 'ok', V('0.1966', C.g_z), F('-0.5898', C.g_x1, '-3*0.1966'))
CASES.append(c)

# ----------------------------------------------------------------------------- 48
c = Case('48-circuit-chinese.md', 'circuit',
         'Clean, 4 decimals, Chinese prose with full-width punctuation; sigmoid-gate shortcut and the '
         'chain rule through the multiply gates.',
         notations='Chinese prose, 计算图, 链式法则, Markdown $...$, \\sigma\'(z), \\partial f/\\partial x_1')
c.t('## 计算图的反向传播（课件例题）')
c.t('')
c.c(r'前向：$z = w_0x_0 + w_1x_1 + w_2 = -2 + 6 - 3 = 1$，$f = \sigma(z) = \frac{1}{1+e^{-1}} = 0.7311$。', 'ok',
    F('1', C.z, '-2+6-3'), F('0.7311', C.out, 'sig(1)'))
c.c(r'把后四个门看成一个 sigmoid 门，它的局部梯度是 $\sigma(z)(1-\sigma(z)) = 0.7311 \times 0.2689 = 0.1966$。', 'ok',
    V('0.7311', C.out), F('0.2689', 1 - C.out, '1-0.7311'), F('0.1966', C.sig_local, '0.7311*0.2689'))
c.c(r'加法门把梯度原样传下去，所以 $\frac{\partial f}{\partial w_2} = 0.1966$。', 'ok', F('0.1966', C.g_w2, '0.1966'))
c.c(r'由链式法则，乘法门的梯度要乘上另一个输入：$\frac{\partial f}{\partial w_0} = x_0 \times 0.1966 = -0.1966$，', 'ok',
    V('0.1966', C.g_z), F('-0.1966', C.g_w0, '-1*0.1966'))
c.c(r'$\frac{\partial f}{\partial x_0} = w_0 \times 0.1966 = 0.3932$，', 'ok', V('0.1966', C.g_z), F('0.3932', C.g_x0, '2*0.1966'))
c.c(r'$\frac{\partial f}{\partial w_1} = x_1 \times 0.1966 = -0.3932$，', 'ok', V('0.1966', C.g_z), F('-0.3932', C.g_w1, '-2*0.1966'))
c.c(r'$\frac{\partial f}{\partial x_1} = w_1 \times 0.1966 = -0.5898$。', 'ok', V('0.1966', C.g_z), F('-0.5898', C.g_x1, '-3*0.1966'))
c.t('')
c.t('（注意：$x_0$、$x_1$ 是输入，一般不更新，但梯度一样可以算。）')
CASES.append(c)

# ----------------------------------------------------------------------------- 49
c = Case('49-circuit-evaluated-at.tex', 'circuit',
         'Clean, 5 decimals, derivatives written with \\left.\\frac{..}{..}\\right|_{z=1} and \\dfrac. '
         'The x1 gradient -3 * 0.19661 = -0.58983 is a rounding effect (exact -0.589836 -> -0.58984).',
         notations='LaTeX \\[...\\], \\left.\\frac{\\partial f}{\\partial z}\\right|_{z=1}, \\dfrac, 5 decimals')
c.c(r'\[ f(w,x) = \sigma(z), \qquad z = w_0x_0 + w_1x_1 + w_2 = 1 \]', 'ok',
    F('1', C.z, '2*(-1)+(-3)*(-2)+(-3)'), I(C.out, sig(C.z)))
c.c(r'\[ \sigma(1) = \dfrac{1}{1 + e^{-1}} = 0.73106 \]', 'ok', F('0.73106', C.out, 'sig(1)'))
c.c(r'\[ \left.\frac{\partial f}{\partial z}\right|_{z=1} = \sigma(1)\bigl(1 - \sigma(1)\bigr) = 0.73106 \times 0.26894 = 0.19661 \]', 'ok',
    V('0.73106', C.out), F('0.26894', 1 - C.out, '1-0.73106'), F('0.19661', C.g_z, '0.73106*0.26894'))
c.c(r'\[ \dfrac{\partial f}{\partial x_0} = w_0 \left.\frac{\partial f}{\partial z}\right|_{z=1} = 2 \times 0.19661 = 0.39322 \]', 'ok',
    V('0.19661', C.g_z), F('0.39322', C.g_x0, '2*0.19661'))
c.c(r'\[ \dfrac{\partial f}{\partial w_0} = x_0 \times 0.19661 = -0.19661 \]', 'ok', V('0.19661', C.g_z), F('-0.19661', C.g_w0, '-1*0.19661'))
c.c(r'\[ \dfrac{\partial f}{\partial w_1} = x_1 \times 0.19661 = -0.39322 \]', 'ok', V('0.19661', C.g_z), F('-0.39322', C.g_w1, '-2*0.19661'))
c.c(r'\[ \dfrac{\partial f}{\partial x_1} = w_1 \times 0.19661 = -0.58983 \]', 'rnd', V('0.19661', C.g_z), F('-0.58983', C.g_x1, '-3*0.19661'))
c.c(r'\[ \dfrac{\partial f}{\partial w_2} = 0.19661 \]', 'ok', F('0.19661', C.g_w2, '0.19661'))
CASES.append(c)

# ----------------------------------------------------------------------------- 50
c = Case('50-circuit-add-gate-wrong.md', 'circuit',
         'Wrong local gradient of an add gate: the writer multiplies the upstream gradient by the other '
         'input value, df/dw2 = 0.1966 * (-3) = -0.5898 (an add gate has local gradient 1; should be 0.1966). '
         'Nothing depends on it; the multiply-gate gradients are right.',
         kind='wrong local gradient (add gate treated as multiply)', notations='Markdown, df/dz, df/dw2, gate rules in prose')
c.t('Backward pass through the graph, upstream gradient at $z$ first.')
c.t('')
c.c(r'$\frac{df}{dz} = f(1-f) = 0.7311 \cdot 0.2689 = 0.1966$', 'ok',
    F('0.7311', C.out, '0.7311'), F('0.2689', 1 - C.out, '1-0.7311'), F('0.1966', C.g_z, '0.7311*0.2689'))
c.c(r'Add gate $z = s + w_2$: $\frac{df}{dw_2} = \frac{df}{dz} \cdot w_2 = 0.1966 \cdot (-3) = -0.5898$', 'mis',
    V('0.1966', C.g_z), F('-0.5898', C.g_w2, '0.1966'), I(C.g_w2, C.g_z * C.w2))
c.c(r'and $\frac{df}{ds} = \frac{df}{dz} \cdot 1 = 0.1966$ for $s = w_0x_0 + w_1x_1$.', 'ok', F('0.1966', C.g_s, '0.1966'))
c.c(r'Multiply gates: $\frac{df}{dw_0} = x_0 \cdot 0.1966 = -0.1966$, $\frac{df}{dx_0} = w_0 \cdot 0.1966 = 0.3932$', 'ok',
    V('0.1966', C.g_s), V('0.1966', C.g_s), F('-0.1966', C.g_w0, '-1*0.1966'), F('0.3932', C.g_x0, '2*0.1966'))
c.c(r'$\frac{df}{dw_1} = x_1 \cdot 0.1966 = -0.3932$, $\frac{df}{dx_1} = w_1 \cdot 0.1966 = -0.5898$', 'ok',
    V('0.1966', C.g_s), V('0.1966', C.g_s), F('-0.3932', C.g_w1, '-2*0.1966'), F('-0.5898', C.g_x1, '-3*0.1966'))
CASES.append(c)

# ----------------------------------------------------------------------------- 51
C_h = mpf('1e-4')
fph = C.f(C.w0 + C_h, C.x0, C.w1, C.x1, C.w2)
c = Case('51-circuit-numeric-check.txt', 'circuit',
         'Clean. Finite-difference check of df/dw0 with h = 1e-4 (e-notation). The exact value of each '
         'line is the finite-difference quantity itself (f(w0+h) - f(w0) = -1.96616e-5, quotient -0.196616), '
         'and the analytic value -0.1966 agrees at 4 decimals. Line 2 is prose that fixes h.',
         notations='plain text, e-notation 1e-4, -1.966e-5, limit definition, f(w0 + h)')
c.t('Numerical check of df/dw0 with the limit definition: df/dw0 is about (f(w0 + h) - f(w0)) / h for small h.')
c.p('Take h = 1e-4 (small, but not so small that rounding eats the difference).')
c.c('z(w0 + h) = 2.0001*(-1) + (-3)*(-2) + (-3) = 0.9999', 'ok', V('2.0001', C.w0 + C_h), F('0.9999', (C.w0 + C_h) * C.x0 + C.w1 * C.x1 + C.w2, '2.0001*(-1)+6-3'))
c.c('f(w0 + h) = sigmoid(0.9999) = 0.73103892', 'ok', V('0.9999', 1 - C_h), F('0.73103892', fph, 'sig(0.9999)'))
c.c('f(w0) = sigmoid(1) = 0.73105858', 'ok', F('0.73105858', C.out, 'sig(1)'))
c.c('f(w0 + h) - f(w0) = 0.73103892 - 0.73105858 = -1.966e-5', 'ok',
    V('0.73103892', fph), V('0.73105858', C.out), F('-1.966e-5', fph - C.out, '0.73103892-0.73105858'))
c.c('(f(w0 + h) - f(w0)) / h = -1.966e-5 / 1e-4 = -0.1966', 'ok', V('-1.966e-5', fph - C.out), F('-0.1966', (fph - C.out) / C_h, '-0.00001966/0.0001'))
c.c('analytic: df/dw0 = x0 * f(1 - f) = -1 * 0.7311 * 0.2689 = -0.1966', 'ok',
    V('0.7311', C.out), V('0.2689', 1 - C.out), F('-0.1966', C.g_w0, '-1*0.7311*0.2689'))
c.t('The two agree to four decimals, so the backprop gradient is fine.')
CASES.append(c)
