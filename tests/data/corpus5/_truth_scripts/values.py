"""Exact (50-digit) values for the four network problems."""
from lib import mp, M, sig

# ---- lecture: 2-2-2 sigmoid, no biases
class Lec: pass
L = Lec()
L.x1, L.x2 = M('0.5'), M('0.3')
L.y1, L.y2 = M('0.23'), M('-0.07')
w = [None] + [M(s) for s in ('0.2', '-0.4', '0.5', '0.6', '0.1', '-0.5', '-0.3', '0.8')]
L.w = w
L.eta = M(1)
L.In_h1 = w[1]*L.x1 + w[3]*L.x2
L.In_h2 = w[2]*L.x1 + w[4]*L.x2
L.h1, L.h2 = sig(L.In_h1), sig(L.In_h2)
L.In_o1 = w[5]*L.h1 + w[7]*L.h2
L.In_o2 = w[6]*L.h1 + w[8]*L.h2
L.o1, L.o2 = sig(L.In_o1), sig(L.In_o2)
L.E = (L.o1-L.y1)**2/2 + (L.o2-L.y2)**2/2
L.dE_o1, L.dE_o2 = L.o1-L.y1, L.o2-L.y2
L.s1, L.s2 = L.o1*(1-L.o1), L.o2*(1-L.o2)
L.d_o1, L.d_o2 = L.dE_o1*L.s1, L.dE_o2*L.s2          # error signals at output nets
L.g = [None]*9
L.g[5] = L.d_o1*L.h1; L.g[7] = L.d_o1*L.h2
L.g[6] = L.d_o2*L.h1; L.g[8] = L.d_o2*L.h2
L.back_h1 = L.d_o1*w[5] + L.d_o2*w[6]
L.back_h2 = L.d_o1*w[7] + L.d_o2*w[8]
L.sh1, L.sh2 = L.h1*(1-L.h1), L.h2*(1-L.h2)
L.d_h1, L.d_h2 = L.back_h1*L.sh1, L.back_h2*L.sh2
L.g[1] = L.d_h1*L.x1; L.g[3] = L.d_h1*L.x2
L.g[2] = L.d_h2*L.x1; L.g[4] = L.d_h2*L.x2
L.new = [None] + [w[i] - L.eta*L.g[i] for i in range(1, 9)]

# ---- mazur
class Maz: pass
Z = Maz()
Z.i1, Z.i2 = M('0.05'), M('0.10')
v = [None] + [M(s) for s in ('0.15', '0.20', '0.25', '0.30', '0.40', '0.45', '0.50', '0.55')]
Z.w = v
Z.b1, Z.b2 = M('0.35'), M('0.60')
Z.t1, Z.t2 = M('0.01'), M('0.99')
Z.eta = M('0.5')
Z.net_h1 = v[1]*Z.i1 + v[2]*Z.i2 + Z.b1
Z.net_h2 = v[3]*Z.i1 + v[4]*Z.i2 + Z.b1
Z.h1, Z.h2 = sig(Z.net_h1), sig(Z.net_h2)
Z.net_o1 = v[5]*Z.h1 + v[6]*Z.h2 + Z.b2
Z.net_o2 = v[7]*Z.h1 + v[8]*Z.h2 + Z.b2
Z.o1, Z.o2 = sig(Z.net_o1), sig(Z.net_o2)
Z.E1, Z.E2 = (Z.t1-Z.o1)**2/2, (Z.t2-Z.o2)**2/2
Z.E = Z.E1 + Z.E2
Z.dE_o1, Z.dE_o2 = Z.o1-Z.t1, Z.o2-Z.t2
Z.s1, Z.s2 = Z.o1*(1-Z.o1), Z.o2*(1-Z.o2)
Z.d_o1, Z.d_o2 = Z.dE_o1*Z.s1, Z.dE_o2*Z.s2
Z.g = [None]*9
Z.g[5] = Z.d_o1*Z.h1; Z.g[6] = Z.d_o1*Z.h2
Z.g[7] = Z.d_o2*Z.h1; Z.g[8] = Z.d_o2*Z.h2
Z.back_h1 = Z.d_o1*v[5] + Z.d_o2*v[7]
Z.back_h2 = Z.d_o1*v[6] + Z.d_o2*v[8]
Z.sh1, Z.sh2 = Z.h1*(1-Z.h1), Z.h2*(1-Z.h2)
Z.d_h1, Z.d_h2 = Z.back_h1*Z.sh1, Z.back_h2*Z.sh2
Z.g[1] = Z.d_h1*Z.i1; Z.g[2] = Z.d_h1*Z.i2
Z.g[3] = Z.d_h2*Z.i1; Z.g[4] = Z.d_h2*Z.i2
Z.new = [None] + [v[i] - Z.eta*Z.g[i] for i in range(1, 9)]

# ---- three_layer 2-3-2-1
class TL: pass
T = TL()
T.x1, T.x2 = M(1), M(-2)
T.w11, T.w12, T.w21, T.w22, T.w31, T.w32 = [M(s) for s in ('0.3', '-0.1', '0.2', '0.4', '-0.5', '0.1')]
T.b1, T.b2, T.b3 = M('0.05'), M('-0.1'), M('0.2')
T.v11, T.v12, T.v13, T.v21, T.v23 = [M(s) for s in ('0.7', '-0.6', '0.5', '0.3', '0.8')]
T.gam = M('0.1')
T.th1, T.th2, T.th0 = M('1.2'), M('-0.7'), M('0.05')
T.eta = M('0.5')
T.z1 = T.w11*T.x1 + T.w12*T.x2 + T.b1
T.z2 = T.w21*T.x1 + T.w22*T.x2 + T.b2
T.z3 = T.w31*T.x1 + T.w32*T.x2 + T.b3
T.a1, T.a2, T.a3 = mp.tanh(T.z1), mp.tanh(T.z2), mp.tanh(T.z3)
T.u1 = T.v11*T.a1 + T.v12*T.a2 + T.v13*T.a3 + T.gam
T.u2 = T.v21*T.a1 + T.v23*T.a3 + T.gam
T.n1, T.n2 = max(T.u1, 0), max(T.u2, 0)
T.s = T.th1*T.n1 + T.th2*T.n2 + T.th0
T.out = sig(T.s)
T.loss = (T.out - 1)**2/2
T.dL_out = T.out - 1
T.sp = T.out*(1-T.out)
T.d_s = T.dL_out*T.sp
T.g_th1, T.g_th2, T.g_th0 = T.d_s*T.n1, T.d_s*T.n2, T.d_s
T.r1 = 1 if T.u1 > 0 else 0
T.r2 = 1 if T.u2 > 0 else 0
T.d_u1 = T.d_s*T.th1*T.r1
T.d_u2 = T.d_s*T.th2*T.r2
T.g_v11, T.g_v12, T.g_v13 = T.d_u1*T.a1, T.d_u1*T.a2, T.d_u1*T.a3
T.g_v21, T.g_v23 = T.d_u2*T.a1, T.d_u2*T.a3
T.g_gam = T.d_u1 + T.d_u2
T.da1 = T.d_u1*T.v11 + T.d_u2*T.v21
T.da2 = T.d_u1*T.v12
T.da3 = T.d_u1*T.v13 + T.d_u2*T.v23
T.t1p, T.t2p, T.t3p = 1-T.a1**2, 1-T.a2**2, 1-T.a3**2
T.d_z1, T.d_z2, T.d_z3 = T.da1*T.t1p, T.da2*T.t2p, T.da3*T.t3p
T.g_w11, T.g_w12 = T.d_z1*T.x1, T.d_z1*T.x2
T.g_w21, T.g_w22 = T.d_z2*T.x1, T.d_z2*T.x2
T.g_w31, T.g_w32 = T.d_z3*T.x1, T.d_z3*T.x2
T.g_b1, T.g_b2, T.g_b3 = T.d_z1, T.d_z2, T.d_z3

# ---- circuit
class Cir: pass
C = Cir()
C.w0, C.x0, C.w1, C.x1, C.w2 = M(2), M(-1), M(-3), M(-2), M(-3)
C.a = C.w0*C.x0; C.b = C.w1*C.x1; C.c = C.a + C.b; C.d = C.c + C.w2
C.e = -C.d; C.ex = mp.exp(C.e); C.g = C.ex + 1; C.f = 1/C.g
C.df_dg = -1/C.g**2
C.df_dex = C.df_dg
C.df_de = C.df_dex*C.ex
C.df_dd = -C.df_de
C.local = C.f*(1-C.f)
C.dw0 = C.df_dd*C.x0; C.dx0 = C.df_dd*C.w0
C.dw1 = C.df_dd*C.x1; C.dx1 = C.df_dd*C.w1
C.dw2 = C.df_dd

if __name__ == '__main__':
    for name, obj in (('L', L), ('Z', Z), ('T', T), ('C', C)):
        for k, val in vars(obj).items():
            if isinstance(val, list):
                for j, x in enumerate(val):
                    if x is not None:
                        print(name, f"{k}[{j}]", mp.nstr(x, 12))
            else:
                print(name, k, mp.nstr(val, 12) if not isinstance(val, int) else val)
