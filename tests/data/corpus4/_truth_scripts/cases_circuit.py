from mpmath import mpf, exp
from fw import Fig as F, rd, rs
import nets

V = nets.circuit()


def c18(d, M):
    # gate by gate, 2 dp, rounds each backward value and reuses it; clean
    e = rd(V.e, 2); dd = rd(V.d, 2); f = rd(V.f, 2)
    gd = rd(-1 / dd ** 2, 2)
    gn = rd(gd * e, 2)
    gs = -gn
    d.p("circuit f = 1/(1+exp(-(w0*x0 + w1*x1 + w2))), w0=2, x0=-1, w1=-3, x1=-2, w2=-3")
    d.p("names: a = w0*x0, b = w1*x1, c = a+b, s = c+w2, n = -s, e = exp(n), d = 1+e, f = 1/d")
    d.p("forward:")
    d.c("a = 2*(-1) = @@, b = (-3)*(-2) = @@, c = @@, s = @@", F(V.a, None, 'f0'), F(V.b, None, 'f0'), F(V.c, None, 'f0'), F(V.s, None, 'f0'))
    d.c("n = @@, e = exp(-1) = @@, d = @@, f = 1/@@ = @@", F(V.n, None, 'f0'), F(V.e, e, 'f2'), F(V.d, dd, 'f2'), F(V.d, dd, 'f2'), F(V.f, f, 'f2'))
    d.p("backward, start with df/df = 1:")
    d.c("1/x gate: df/dd = -1/d^2 = -1/@@^2 = @@", F(V.d, dd, 'f2'), F(V.gd, gd, 'f2'))
    d.c("+1 gate passes it through: df/de = @@", F(V.ge, gd, 'f2'))
    d.c("exp gate: local grad is exp(n) = @@, so df/dn = @@ * @@ = @@", F(V.e, e, 'f2'), F(V.gd, gd, 'f2'), F(V.e, e, 'f2'), F(V.gn, gn, 'f2'))
    d.c("*(-1) gate: df/ds = @@", F(V.gs, gs, 'f2'))
    d.c("add gates copy the gradient: df/dw2 = df/dc = df/da = df/db = @@", F(V.gw2, gs, 'f2'))
    d.p("mult gates swap the inputs:")
    d.c("df/dw0 = x0 * @@ = @@,   df/dx0 = w0 * @@ = @@", F(V.gs, gs, 'f2'), F(V.gw0, gs * V.x0, 'f2'), F(V.gs, gs, 'f2'), F(V.gx0, gs * V.w0, 'f2'))
    d.c("df/dw1 = x1 * @@ = @@,   df/dx1 = w1 * @@ = @@", F(V.gs, gs, 'f2'), F(V.gw1, gs * V.x1, 'f2'), F(V.gs, gs, 'f2'), F(V.gx1, gs * V.w1, 'f2'))


def c19(d, M):
    # sigmoid gate shortcut, Markdown, 4 dp, clean
    d.p("**Circuit example, using the sigmoid gate as one block**")
    d.p("")
    d.p("Let $q = w_0x_0 + w_1x_1 + w_2$ so that $f = \\sigma(q)$ and $\\frac{df}{dq} = \\sigma(q)\\,(1-\\sigma(q))$.")
    d.p("")
    d.c("- $q = (2)(-1) + (-3)(-2) + (-3) = @@$", F(V.s, None, 'f0'))
    d.c("- $f = \\sigma(1) = 1/(1+e^{-1}) = @@$", F(V.f, None, 'f4'))
    d.c("- $\\frac{df}{dq} = @@ \\times (1 - @@) = @@$", F(V.f, None, 'f4'), F(V.f, None, 'f4'), F(V.loc, None, 'f4'))
    d.p("")
    d.p("Since $q$ is linear, each local gradient is just the other factor of that product:")
    d.p("")
    d.p("| variable | local $\\partial q/\\partial(\\cdot)$ | $\\partial f/\\partial(\\cdot)$ |")
    d.p("|---|---|---|")
    d.c("| $w_0$ | $x_0 = -1$ | $@@$ |", F(V.gw0, None, 'f4'))
    d.c("| $x_0$ | $w_0 = 2$ | $@@$ |", F(V.gx0, None, 'f4'))
    d.c("| $w_1$ | $x_1 = -2$ | $@@$ |", F(V.gw1, None, 'f4'))
    d.c("| $x_1$ | $w_1 = -3$ | $@@$ |", F(V.gx1, None, 'f4'))
    d.c("| $w_2$ | $1$ | $@@$ |", F(V.gw2, None, 'f4'))


def c20(d, M):
    # Chinese + LaTeX; MISTAKE: d(1/x)/dx taken as +1/x^2; carried through every later gradient
    gd = (1 / V.d ** 2) if M else V.gd
    gn = gd * V.e
    gs = -gn
    d.p("% 计算图:逐个门反向传播")
    d.p("设 $a=w_0x_0$, $b=w_1x_1$, $s=a+b+w_2$, $t=-s$, $u=e^{t}$, $v=1+u$, $f=1/v$。")
    d.p("\\begin{align*}")
    d.c("s &= (2)(-1)+(-3)(-2)+(-3) = @@, \\quad u = e^{-1} = @@, \\quad v = @@, \\quad f = @@\\\\", F(V.s, None, 'f0'), F(V.e, None, 'f5'), F(V.d, None, 'f5'), F(V.f, None, 'f5'))
    if M:
        d.c("\\frac{\\partial f}{\\partial v} &= \\frac{1}{v^2} = @@\\\\", F(V.gd, gd, 'f5'), bad=True)
    else:
        d.c("\\frac{\\partial f}{\\partial v} &= -\\frac{1}{v^2} = @@\\\\", F(V.gd, gd, 'f5'), bad=True)
    d.c("\\frac{\\partial f}{\\partial u} &= \\frac{\\partial f}{\\partial v}\\cdot 1 = @@\\\\", F(V.ge, gd, 'f5'))
    d.c("\\frac{\\partial f}{\\partial t} &= \\frac{\\partial f}{\\partial u}\\cdot e^{t} = @@\\times@@ = @@\\\\", F(V.ge, gd, 'f5'), F(V.e, None, 'f5'), F(V.gn, gn, 'f5'))
    d.c("\\frac{\\partial f}{\\partial s} &= -\\frac{\\partial f}{\\partial t} = @@", F(V.gs, gs, 'f5'))
    d.p("\\end{align*}")
    d.p("加法门把梯度原样分给 $a$、$b$、$w_2$;乘法门交换输入:")
    d.p("\\begin{align*}")
    d.c("\\frac{\\partial f}{\\partial w_0} &= x_0\\frac{\\partial f}{\\partial s} = @@, & \\frac{\\partial f}{\\partial x_0} &= w_0\\frac{\\partial f}{\\partial s} = @@\\\\", F(V.gw0, gs * V.x0, 'f5'), F(V.gx0, gs * V.w0, 'f5'))
    d.c("\\frac{\\partial f}{\\partial w_1} &= x_1\\frac{\\partial f}{\\partial s} = @@, & \\frac{\\partial f}{\\partial x_1} &= w_1\\frac{\\partial f}{\\partial s} = @@\\\\", F(V.gw1, gs * V.x1, 'f5'), F(V.gx1, gs * V.w1, 'f5'))
    d.c("\\frac{\\partial f}{\\partial w_2} &= @@", F(V.gw2, gs, 'f5'))
    d.p("\\end{align*}")


def c21(d, M):
    # code-like, 6 dp and e-notation, gradient via the sigmoid local gradient, clean
    d.p("// sigmoid circuit, values then grads")
    d.p("w0, x0, w1, x1, w2 = 2, -1, -3, -2, -3")
    d.c("dot = w0*x0 + w1*x1 + w2   # = @@", F(V.s, None, 'f0'))
    d.c("f = 1.0 / (1 + math.exp(-dot))   # = @@", F(V.f, None, 'f6'))
    d.c("ddot = (1 - f) * f   # = @@ * @@ = @@", F(1 - V.f, None, 'f6'), F(V.f, None, 'f6'), F(V.loc, None, 'f6'))
    d.c("dw0 = x0 * ddot   # @@", F(V.gw0, None, 'e4'))
    d.c("dx0 = w0 * ddot   # @@", F(V.gx0, None, 'e4'))
    d.c("dw1 = x1 * ddot   # @@", F(V.gw1, None, 'e4'))
    d.c("dx1 = w1 * ddot   # @@", F(V.gx1, None, 'e4'))
    d.c("dw2 = 1.0 * ddot  # @@", F(V.gw2, None, 'e4'))
    d.p("// cross-check through the exp node: -1/(1+e)^2 * e * (-1)")
    d.c("check = exp(-1) / (1 + exp(-1))**2   # = @@, same as ddot", F(V.loc, None, 'f6'))


def c22(d, M):
    # chat style, 3 dp; MISTAKE: df/dx0 uses x0 instead of w0 (swapped input of the multiply gate); not carried
    gx0 = V.gs * V.x0 if M else V.gx0
    d.p("hey, for the f(w,x) circuit q:")
    d.p("I called z = w0*x0 + w1*x1 + w2 and p = exp(-z), so f = 1/(1+p)")
    d.c("z = -2 + 6 - 3 = @@", F(V.s, None, 'f0'))
    d.c("p = exp(-1) = @@ and f = 1/(1 + @@) = @@", F(V.e, None, 'f3'), F(V.e, None, 'f3'), F(V.f, None, 'f3'))
    d.c("df/dp = -1/(1+p)^2 = @@", F(V.gd, None, 'f3'))
    d.c("dp/dz = -exp(-z) = @@", F(-V.e, None, 'f3'))
    d.c("so df/dz = @@ * @@ = @@ (positive, makes sense, sigmoid is increasing)", F(V.gd, None, 'f3'), F(-V.e, None, 'f3'), F(V.gs, None, 'f3'))
    d.c("that's also f(1-f) = @@*@@ = @@ ok", F(V.f, None, 'f3'), F(1 - V.f, None, 'f3'), F(V.loc, None, 'f3'))
    d.p("now the leaves:")
    d.c("df/dw0 = x0 * df/dz = @@", F(V.gw0, None, 'f3'))
    if M:
        d.c("df/dx0 = x0 * df/dz = @@", F(V.gx0, gx0, 'f3'), bad=True)
    else:
        d.c("df/dx0 = w0 * df/dz = @@", F(V.gx0, gx0, 'f3'), bad=True)
    d.c("df/dw1 = x1 * df/dz = @@", F(V.gw1, None, 'f3'))
    d.c("df/dx1 = w1 * df/dz = @@", F(V.gx1, None, 'f3'))
    d.c("df/dw2 = @@", F(V.gw2, None, 'f3'))


CASES = [
    dict(name='18-circuit-gates', ext='txt', problem='circuit', build=c18, mistaken=False,
         notes='Clean. Gate by gate at 2 dp, each backward value rounded and reused, so df/dx0, df/dw1, df/dx1 come out as 0.40, -0.40, -0.60 (rounding).'),
    dict(name='19-circuit-sigmoid', ext='md', problem='circuit', build=c19, mistaken=False,
         notes='Clean. Sigmoid-gate shortcut f(1-f), table of gradients, 4 dp.'),
    dict(name='20-circuit-zh', ext='tex', problem='circuit', build=c20, mistaken=True,
         notes='Mistake: sign error, d(1/v)/dv written +1/v^2. Carried into df/du, df/dt, df/ds and all five leaf gradients.'),
    dict(name='21-circuit-code', ext='txt', problem='circuit', build=c21, mistaken=False, doc=dict(sci='e'),
         notes='Clean. Code-like notation, gradients in e-notation.'),
    dict(name='22-circuit-chat', ext='txt', problem='circuit', build=c22, mistaken=True,
         notes='Mistake: df/dx0 = x0 * df/dz (should be w0 * df/dz): swapped input of the multiply gate. Nothing later uses it.'),
]
