"""Exact values (mpmath, 50 digits) for every problem in the corpus; cross-checked with numpy."""
import mpmath as mp
import numpy as np
mp.mp.dps = 50
M = mp.mpf
def sig(z): return 1/(1+mp.e**(-z))

def lecture():
    V = {}
    x1,x2 = M('0.5'),M('0.3')
    w = {i: M(s) for i,s in zip(range(1,9),['0.2','-0.4','0.5','0.6','0.1','-0.5','-0.3','0.8'])}
    y1,y2 = M('0.23'),M('-0.07')
    V['inh1'] = w[1]*x1 + w[3]*x2; V['inh2'] = w[2]*x1 + w[4]*x2
    V['h1'] = sig(V['inh1']); V['h2'] = sig(V['inh2'])
    V['ino1'] = w[5]*V['h1'] + w[7]*V['h2']; V['ino2'] = w[6]*V['h1'] + w[8]*V['h2']
    V['o1'] = sig(V['ino1']); V['o2'] = sig(V['ino2'])
    V['E1'] = (V['o1']-y1)**2/2; V['E2'] = (V['o2']-y2)**2/2; V['E'] = V['E1']+V['E2']
    V['e1'] = V['o1']-y1; V['e2'] = V['o2']-y2
    V['s1'] = V['o1']*(1-V['o1']); V['s2'] = V['o2']*(1-V['o2'])
    V['d1'] = V['e1']*V['s1']; V['d2'] = V['e2']*V['s2']
    V['g5'] = V['d1']*V['h1']; V['g7'] = V['d1']*V['h2']; V['g6'] = V['d2']*V['h1']; V['g8'] = V['d2']*V['h2']
    V['sh1'] = V['h1']*(1-V['h1']); V['sh2'] = V['h2']*(1-V['h2'])
    V['b1'] = V['d1']*w[5] + V['d2']*w[6]; V['b2'] = V['d1']*w[7] + V['d2']*w[8]
    V['dh1'] = V['b1']*V['sh1']; V['dh2'] = V['b2']*V['sh2']
    V['g1'] = V['dh1']*x1; V['g3'] = V['dh1']*x2; V['g2'] = V['dh2']*x1; V['g4'] = V['dh2']*x2
    for i in range(1,9): V['w%d+'%i] = w[i] - V['g%d'%i]
    return V

def mazur():
    V = {}
    i1,i2 = M('0.05'),M('0.10')
    w = {i: M(s) for i,s in zip(range(1,9),['0.15','0.20','0.25','0.30','0.40','0.45','0.50','0.55'])}
    b1,b2 = M('0.35'),M('0.60'); y1,y2 = M('0.01'),M('0.99'); eta = M('0.5')
    V['neth1'] = w[1]*i1+w[2]*i2+b1; V['neth2'] = w[3]*i1+w[4]*i2+b1
    V['h1'] = sig(V['neth1']); V['h2'] = sig(V['neth2'])
    V['neto1'] = w[5]*V['h1']+w[6]*V['h2']+b2; V['neto2'] = w[7]*V['h1']+w[8]*V['h2']+b2
    V['o1'] = sig(V['neto1']); V['o2'] = sig(V['neto2'])
    V['E1'] = (y1-V['o1'])**2/2; V['E2'] = (y2-V['o2'])**2/2; V['E'] = V['E1']+V['E2']
    V['e1'] = V['o1']-y1; V['e2'] = V['o2']-y2
    V['s1'] = V['o1']*(1-V['o1']); V['s2'] = V['o2']*(1-V['o2'])
    V['d1'] = V['e1']*V['s1']; V['d2'] = V['e2']*V['s2']
    V['g5'] = V['d1']*V['h1']; V['g6'] = V['d1']*V['h2']; V['g7'] = V['d2']*V['h1']; V['g8'] = V['d2']*V['h2']
    V['b1'] = V['d1']*w[5]+V['d2']*w[7]; V['b2'] = V['d1']*w[6]+V['d2']*w[8]
    V['sh1'] = V['h1']*(1-V['h1']); V['sh2'] = V['h2']*(1-V['h2'])
    V['dh1'] = V['b1']*V['sh1']; V['dh2'] = V['b2']*V['sh2']
    V['g1'] = V['dh1']*i1; V['g2'] = V['dh1']*i2; V['g3'] = V['dh2']*i1; V['g4'] = V['dh2']*i2
    for i in range(1,9): V['w%d+'%i] = w[i] - eta*V['g%d'%i]
    # terms of the hidden backprop
    V['dE1dh1'] = V['d1']*w[5]; V['dE2dh1'] = V['d2']*w[7]
    return V

def three_layer(steps=1):
    P = {'w11':'0.3','w12':'-0.1','w21':'0.2','w22':'0.4','w31':'-0.5','w32':'0.1','be1':'0.05','be2':'-0.1','be3':'0.2',
         'v11':'0.7','v12':'-0.6','v13':'0.5','v21':'0.3','v23':'0.8','ga':'0.1','t1':'1.2','t2':'-0.7','t0':'0.05'}
    P = {k: M(v) for k,v in P.items()}
    x1,x2,y,eta = M(1),M(-2),M(1),M('0.5')
    hist = []
    for s in range(steps):
        V = dict(P)
        V['z1'] = P['w11']*x1+P['w12']*x2+P['be1']; V['z2'] = P['w21']*x1+P['w22']*x2+P['be2']; V['z3'] = P['w31']*x1+P['w32']*x2+P['be3']
        V['a1'],V['a2'],V['a3'] = mp.tanh(V['z1']),mp.tanh(V['z2']),mp.tanh(V['z3'])
        V['u1'] = P['v11']*V['a1']+P['v12']*V['a2']+P['v13']*V['a3']+P['ga']
        V['u2'] = P['v21']*V['a1']+P['v23']*V['a3']+P['ga']
        V['r1'],V['r2'] = max(V['u1'],M(0)),max(V['u2'],M(0))
        V['zo'] = P['t1']*V['r1']+P['t2']*V['r2']+P['t0']
        V['out'] = sig(V['zo']); V['E'] = (V['out']-y)**2/2
        V['dout'] = (V['out']-y)*V['out']*(1-V['out'])
        V['gt1'] = V['dout']*V['r1']; V['gt2'] = V['dout']*V['r2']; V['gt0'] = V['dout']
        V['du1'] = V['dout']*P['t1']*(1 if V['u1']>0 else 0); V['du2'] = V['dout']*P['t2']*(1 if V['u2']>0 else 0)
        V['gv11'] = V['du1']*V['a1']; V['gv12'] = V['du1']*V['a2']; V['gv13'] = V['du1']*V['a3']
        V['gv21'] = V['du2']*V['a1']; V['gv23'] = V['du2']*V['a3']; V['gga'] = V['du1']+V['du2']
        V['da1'] = V['du1']*P['v11']+V['du2']*P['v21']; V['da2'] = V['du1']*P['v12']; V['da3'] = V['du1']*P['v13']+V['du2']*P['v23']
        V['dz1'] = V['da1']*(1-V['a1']**2); V['dz2'] = V['da2']*(1-V['a2']**2); V['dz3'] = V['da3']*(1-V['a3']**2)
        G = {'w11':V['dz1']*x1,'w12':V['dz1']*x2,'w21':V['dz2']*x1,'w22':V['dz2']*x2,'w31':V['dz3']*x1,'w32':V['dz3']*x2,
             'be1':V['dz1'],'be2':V['dz2'],'be3':V['dz3'],'v11':V['gv11'],'v12':V['gv12'],'v13':V['gv13'],'v21':V['gv21'],'v23':V['gv23'],
             'ga':V['gga'],'t1':V['gt1'],'t2':V['gt2'],'t0':V['gt0']}
        for k in G: V['g_'+k] = G[k]
        P = {k: P[k]-eta*G[k] for k in P}
        for k in P: V[k+'+'] = P[k]
        hist.append(V)
    return hist

def circuit():
    V = {}
    w0,x0,w1,x1,w2 = M(2),M(-1),M(-3),M(-2),M(-3)
    V['p0'] = w0*x0; V['p1'] = w1*x1; V['z'] = V['p0']+V['p1']+w2
    V['ez'] = mp.e**(-V['z']); V['den'] = 1+V['ez']; V['f'] = 1/V['den']
    V['dfdz'] = V['f']*(1-V['f'])
    V['dinv'] = -1/V['den']**2  # local grad of 1/x
    V['dexp'] = V['dinv']*V['ez']  # upstream to -z times exp
    V['gw0'] = V['dfdz']*x0; V['gx0'] = V['dfdz']*w0; V['gw1'] = V['dfdz']*x1; V['gx1'] = V['dfdz']*w1; V['gw2'] = V['dfdz']
    return V

def numpy_check():
    s = lambda z: 1/(1+np.exp(-z))
    x = np.array([.5,.3]); W1 = np.array([[.2,.5],[-.4,.6]]); W2 = np.array([[.1,-.3],[-.5,.8]]); y = np.array([.23,-.07])
    h = s(W1@x); o = s(W2@h); d = (o-y)*o*(1-o); dh = (W2.T@d)*h*(1-h)
    L = lecture()
    assert abs(L['g5']-d[0]*h[0])<1e-14 and abs(L['g4']-dh[1]*x[1])<1e-14 and abs(L['g1']-dh[0]*x[0])<1e-14
    x = np.array([.05,.1]); W1 = np.array([[.15,.2],[.25,.3]]); W2 = np.array([[.4,.45],[.5,.55]]); y = np.array([.01,.99])
    h = s(W1@x+.35); o = s(W2@h+.6); d = (o-y)*o*(1-o); dh = (W2.T@d)*h*(1-h)
    Z = mazur()
    assert abs(Z['w5+']-(.4-.5*d[0]*h[0]))<1e-14 and abs(Z['w1+']-(.15-.5*dh[0]*.05))<1e-14 and abs(Z['E']-0.5*np.sum((o-y)**2))<1e-14
    x = np.array([1.,-2.]); W = np.array([[.3,-.1],[.2,.4],[-.5,.1]]); b = np.array([.05,-.1,.2])
    a = np.tanh(W@x+b); Vm = np.array([[.7,-.6,.5],[.3,0,.8]]); u = Vm@a+.1; r = np.maximum(u,0)
    zo = np.array([1.2,-.7])@r+.05; out = s(zo)
    T = three_layer(1)[0]
    assert abs(T['out']-out)<1e-14
    dout = (out-1)*out*(1-out); du = dout*np.array([1.2,-.7])*(u>0); dz = (Vm.T@du)*(1-a**2)
    assert abs(T['g_w12']-dz[0]*-2)<1e-14 and abs(T['g_be3']-dz[2])<1e-14
    C = circuit(); assert abs(C['f']-s(1.0))<1e-15
    return True

if __name__ == '__main__':
    import sys
    numpy_check()
    for name,V in [('lecture',lecture()),('mazur',mazur()),('circuit',circuit())]:
        print('==',name)
        for k,v in V.items(): print(f'{k:8s} {mp.nstr(v,15)}')
    H = three_layer(20)
    print('== three_layer step1')
    for k,v in H[0].items(): print(f'{k:8s} {mp.nstr(v,15)}')
    print('out after steps:', [mp.nstr(h['out'],10) for h in H][:3], mp.nstr(H[-1]['out'],12), mp.nstr(H[-1]['E'],12))
