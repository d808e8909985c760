"""Cases on Matt Mazur's step-by-step example (problem = "mazur")."""
from truthlib import Case, F, V, K, I, mpf, sig
from models import MAZ as M

CASES = []

# ----------------------------------------------------------------------------- 23
c = Case('23-mazur-full-9dp.md', 'mazur',
         'Clean. Mazur\'s forward pass, total error and the w5 update with his 8-9 decimal figures. '
         'E_o1 = 0.274811083 is the exact value (recomputing from 0.75136507 would give ...084, but the '
         'written figure is exact).',
         notations='Mazur style net_{h1}, out_{h1}, E_{total}, E_{o1}, \\frac{\\partial E_{total}}{\\partial w_5}, w_5^+, Markdown $...$')
c.t('# The Forward Pass')
c.t('')
c.c(r'$net_{h1} = w_1 * i_1 + w_2 * i_2 + b_1 * 1 = 0.15 * 0.05 + 0.2 * 0.1 + 0.35 * 1 = 0.3775$', 'ok',
    K('0.15', '0.05', '0.2', '0.1', '0.35'), F('0.3775', M.net_h1, '0.15*0.05+0.2*0.1+0.35*1'),
    I(M.net_h1, M.w1 * M.i1 + M.w2 * M.i2 + M.b1))
c.c(r'$out_{h1} = \frac{1}{1+e^{-net_{h1}}} = \frac{1}{1+e^{-0.3775}} = 0.593269992$', 'ok',
    V('0.3775', M.net_h1), F('0.593269992', M.out_h1, 'sig(0.3775)'))
c.c(r'Carrying out the same process for $h_2$: $net_{h2} = 0.3925$ and $out_{h2} = 0.596884378$', 'ok',
    F('0.3925', M.net_h2, '0.25*0.05+0.3*0.1+0.35'), F('0.596884378', M.out_h2, 'sig(0.3925)'))
c.t('')
c.c(r'$net_{o1} = w_5 * out_{h1} + w_6 * out_{h2} + b_2 * 1 = 0.4 * 0.593269992 + 0.45 * 0.596884378 + 0.6 * 1 = 1.105905967$', 'ok',
    K('0.4', '0.45', '0.6'), V('0.593269992', M.out_h1), V('0.596884378', M.out_h2),
    F('1.105905967', M.net_o1, '0.4*0.593269992+0.45*0.596884378+0.6'))
c.c(r'$out_{o1} = \frac{1}{1+e^{-1.105905967}} = 0.75136507$', 'ok', V('1.105905967', M.net_o1), F('0.75136507', M.out_o1, 'sig(1.105905967)'))
c.c(r'and for $o_2$: $net_{o2} = 1.224921404$, $out_{o2} = 0.772928465$', 'ok',
    F('1.224921404', M.net_o2, '0.5*0.593269992+0.55*0.596884378+0.6'), F('0.772928465', M.out_o2, 'sig(1.224921404)'))
c.t('')
c.t('## Calculating the Total Error')
c.t('')
c.c(r'$E_{total} = \sum \frac{1}{2}(target - output)^{2}$', 'idok',
    I(M.E, (M.t1 - M.out_o1) ** 2 / 2 + (M.t2 - M.out_o2) ** 2 / 2))
c.c(r'$E_{o1} = \frac{1}{2}(target_{o1} - out_{o1})^{2} = \frac{1}{2}(0.01 - 0.75136507)^{2} = 0.274811083$', 'ok',
    K('0.01'), V('0.75136507', M.out_o1), F('0.274811083', M.E_o1, '0.5*(0.01-0.75136507)**2'))
c.c(r'$E_{o2} = 0.023560026$', 'ok', F('0.023560026', M.E_o2, '0.5*(0.99-0.772928465)**2'))
c.c(r'$E_{total} = E_{o1} + E_{o2} = 0.274811083 + 0.023560026 = 0.298371109$', 'ok',
    V('0.274811083', M.E_o1), V('0.023560026', M.E_o2), F('0.298371109', M.E, '0.274811083+0.023560026'))
c.t('')
c.t('# The Backwards Pass')
c.t('')
c.c(r'$\frac{\partial E_{total}}{\partial w_{5}} = \frac{\partial E_{total}}{\partial out_{o1}} * \frac{\partial out_{o1}}{\partial net_{o1}} * \frac{\partial net_{o1}}{\partial w_{5}}$', 'idok',
    I(M.dw5, M.dE_dout_o1 * M.s_o1 * M.out_h1))
c.c(r'$\frac{\partial E_{total}}{\partial out_{o1}} = -(target_{o1} - out_{o1}) = -(0.01 - 0.75136507) = 0.74136507$', 'ok',
    K('0.01'), V('0.75136507', M.out_o1), F('0.74136507', M.dE_dout_o1, '-(0.01-0.75136507)'))
c.c(r'$\frac{\partial out_{o1}}{\partial net_{o1}} = out_{o1}(1 - out_{o1}) = 0.75136507(1 - 0.75136507) = 0.186815602$', 'ok',
    V('0.75136507', M.out_o1), V('0.75136507', M.out_o1), F('0.186815602', M.s_o1, '0.75136507*(1-0.75136507)'))
c.c(r'$\frac{\partial net_{o1}}{\partial w_{5}} = out_{h1} = 0.593269992$', 'ok', F('0.593269992', M.out_h1, '0.593269992'))
c.c(r'$\frac{\partial E_{total}}{\partial w_{5}} = 0.74136507 * 0.186815602 * 0.593269992 = 0.082167041$', 'ok',
    V('0.74136507', M.dE_dout_o1), V('0.186815602', M.s_o1), V('0.593269992', M.out_h1),
    F('0.082167041', M.dw5, '0.74136507*0.186815602*0.593269992'))
c.c(r'$w_5^{+} = w_5 - \eta * \frac{\partial E_{total}}{\partial w_{5}} = 0.4 - 0.5 * 0.082167041 = 0.35891648$', 'ok',
    K('0.4', '0.5'), V('0.082167041', M.dw5), F('0.35891648', M.w5n, '0.4-0.5*0.082167041'))
c.c(r'Repeating this process: $w_6^{+} = 0.408666186$, $w_7^{+} = 0.511301270$, $w_8^{+} = 0.561370121$', 'ok',
    F('0.408666186', M.w6n), F('0.511301270', M.w7n), F('0.561370121', M.w8n))
CASES.append(c)

# ----------------------------------------------------------------------------- 24
c = Case('24-mazur-plain-output-layer.txt', 'mazur',
         'Clean. Output-layer gradients and updates in plain text, 9 decimals. dE/dw7 = -0.038098237 * '
         '0.593269992 = -0.022602541 is a rounding effect (exact -0.0226025405 -> -0.022602540). '
         'w7+ is written to 8 decimals, 0.51130127, right either way.',
         notations='plain text, dE/dout_o1, dout_o1/dnet_o1, dE/dnet_o1, dE/dw5, w5+')
c.p('Mazur example, output layer only (eta = 0.5)')
c.t('')
c.c('out_h1 = 0.593269992, out_h2 = 0.596884378', 'ok', F('0.593269992', M.out_h1), F('0.596884378', M.out_h2))
c.c('out_o1 = 0.75136507, out_o2 = 0.772928465', 'ok', F('0.75136507', M.out_o1), F('0.772928465', M.out_o2))
c.t('')
c.c('dE/dout_o1 = out_o1 - target_o1 = 0.75136507 - 0.01 = 0.74136507', 'ok',
    V('0.75136507', M.out_o1), K('0.01'), F('0.74136507', M.dE_dout_o1, '0.75136507-0.01'))
c.c('dout_o1/dnet_o1 = out_o1*(1 - out_o1) = 0.186815602', 'ok', F('0.186815602', M.s_o1, '0.75136507*(1-0.75136507)'))
c.c('dE/dnet_o1 = 0.74136507 * 0.186815602 = 0.138498562', 'ok',
    V('0.74136507', M.dE_dout_o1), V('0.186815602', M.s_o1), F('0.138498562', M.delta_o1, '0.74136507*0.186815602'))
c.c('dE/dw5 = dE/dnet_o1 * out_h1 = 0.138498562 * 0.593269992 = 0.082167041', 'ok',
    V('0.138498562', M.delta_o1), V('0.593269992', M.out_h1), F('0.082167041', M.dw5, '0.138498562*0.593269992'))
c.c('dE/dw6 = dE/dnet_o1 * out_h2 = 0.138498562 * 0.596884378 = 0.082667628', 'ok',
    V('0.138498562', M.delta_o1), V('0.596884378', M.out_h2), F('0.082667628', M.dw6, '0.138498562*0.596884378'))
c.t('')
c.c('dE/dout_o2 = out_o2 - target_o2 = 0.772928465 - 0.99 = -0.217071535', 'ok',
    V('0.772928465', M.out_o2), K('0.99'), F('-0.217071535', M.dE_dout_o2, '0.772928465-0.99'))
c.c('dout_o2/dnet_o2 = 0.772928465*(1 - 0.772928465) = 0.175510053', 'ok',
    V('0.772928465', M.out_o2), V('0.772928465', M.out_o2), F('0.175510053', M.s_o2, '0.772928465*(1-0.772928465)'))
c.c('dE/dnet_o2 = -0.217071535 * 0.175510053 = -0.038098237', 'ok',
    V('-0.217071535', M.dE_dout_o2), V('0.175510053', M.s_o2), F('-0.038098237', M.delta_o2, '-0.217071535*0.175510053'))
c.c('dE/dw7 = -0.038098237 * 0.593269992 = -0.022602541', 'rnd',
    V('-0.038098237', M.delta_o2), V('0.593269992', M.out_h1), F('-0.022602541', M.dw7, '-0.038098237*0.593269992'))
c.c('dE/dw8 = -0.038098237 * 0.596884378 = -0.022740242', 'ok',
    V('-0.038098237', M.delta_o2), V('0.596884378', M.out_h2), F('-0.022740242', M.dw8, '-0.038098237*0.596884378'))
c.t('')
c.c('w5+ = w5 - eta*dE/dw5 = 0.4 - 0.5*0.082167041 = 0.35891648', 'ok',
    K('0.4', '0.5'), V('0.082167041', M.dw5), F('0.35891648', M.w5n, '0.4-0.5*0.082167041'))
c.c('w6+ = 0.45 - 0.5*0.082667628 = 0.408666186', 'ok',
    K('0.45', '0.5'), V('0.082667628', M.dw6), F('0.408666186', M.w6n, '0.45-0.5*0.082667628'))
c.c('w7+ = 0.5 - 0.5*(-0.022602541) = 0.51130127', 'ok',
    K('0.5', '0.5'), V('-0.022602541', M.dw7), F('0.51130127', M.w7n, '0.5+0.5*0.022602541'))
c.c('w8+ = 0.55 - 0.5*(-0.022740242) = 0.561370121', 'ok',
    K('0.55', '0.5'), V('-0.022740242', M.dw8), F('0.561370121', M.w8n, '0.55+0.5*0.022740242'))
CASES.append(c)

# ----------------------------------------------------------------------------- 25
c = Case('25-mazur-hidden-w1-align.tex', 'mazur',
         'Clean. Hidden layer, w1, in align*. dE_o2/dout_h1 = -0.019049118 is the exact rounding. The sum '
         'dE_total/dout_h1 = 0.055399425 - 0.019049118 = 0.036350307 is a rounding effect (exact '
         '0.0363503064 -> 0.036350306; Mazur\'s own 0.036350306 comes from his -0.019049119).',
         notations='LaTeX align*, \\frac{\\partial E_{total}}{\\partial out_{h1}}, \\partial E_{o1}/\\partial net_{o1}, w_1^+, \\eta')
c.t(r'\paragraph{Hidden layer: $w_1$.}')
c.t(r'\begin{align*}')
c.c(r'\frac{\partial E_{total}}{\partial w_{1}} &= \frac{\partial E_{total}}{\partial out_{h1}} \cdot \frac{\partial out_{h1}}{\partial net_{h1}} \cdot \frac{\partial net_{h1}}{\partial w_{1}} \\',
    'idok', I(M.dw1, M.dE_dout_h1 * M.s_h1 * M.i1))
c.c(r'\frac{\partial E_{o1}}{\partial net_{o1}} &= 0.74136507 \cdot 0.186815602 = 0.138498562 \\', 'ok',
    V('0.74136507', M.dE_dout_o1), V('0.186815602', M.s_o1), F('0.138498562', M.delta_o1, '0.74136507*0.186815602'))
c.c(r'\frac{\partial E_{o1}}{\partial out_{h1}} &= \frac{\partial E_{o1}}{\partial net_{o1}} \cdot w_5 = 0.138498562 \cdot 0.40 = 0.055399425 \\', 'ok',
    V('0.138498562', M.delta_o1), K('0.40'), F('0.055399425', M.dEo1_dout_h1, '0.138498562*0.40'))
c.c(r'\frac{\partial E_{o2}}{\partial out_{h1}} &= \frac{\partial E_{o2}}{\partial net_{o2}} \cdot w_7 = -0.038098237 \cdot 0.50 = -0.019049118 \\', 'ok',
    V('-0.038098237', M.delta_o2), K('0.50'), F('-0.019049118', M.dEo2_dout_h1, '-0.038098237*0.50'))
c.c(r'\frac{\partial E_{total}}{\partial out_{h1}} &= 0.055399425 + (-0.019049118) = 0.036350307 \\', 'rnd',
    V('0.055399425', M.dEo1_dout_h1), V('-0.019049118', M.dEo2_dout_h1), F('0.036350307', M.dE_dout_h1, '0.055399425-0.019049118'))
c.c(r'\frac{\partial out_{h1}}{\partial net_{h1}} &= out_{h1}(1 - out_{h1}) = 0.593269992(1 - 0.593269992) = 0.241300709 \\', 'ok',
    V('0.593269992', M.out_h1), V('0.593269992', M.out_h1), F('0.241300709', M.s_h1, '0.593269992*(1-0.593269992)'))
c.c(r'\frac{\partial net_{h1}}{\partial w_{1}} &= i_1 = 0.05 \\', 'ok', F('0.05', M.i1))
c.c(r'\frac{\partial E_{total}}{\partial w_{1}} &= 0.036350307 \cdot 0.241300709 \cdot 0.05 = 0.000438568 \\', 'ok',
    V('0.036350307', M.dE_dout_h1), V('0.241300709', M.s_h1), K('0.05'), F('0.000438568', M.dw1, '0.036350307*0.241300709*0.05'))
c.c(r'w_1^{+} &= w_1 - \eta \cdot \frac{\partial E_{total}}{\partial w_{1}} = 0.15 - 0.5 \cdot 0.000438568 = 0.149780716', 'ok',
    K('0.15', '0.5'), V('0.000438568', M.dw1), F('0.149780716', M.w1n, '0.15-0.5*0.000438568'))
c.t(r'\end{align*}')
CASES.append(c)

# ----------------------------------------------------------------------------- 26
c = Case('26-mazur-sign-dE-dout.md', 'mazur',
         'Sign slip: differentiating 1/2(target - out)^2 the writer drops the inner derivative -1 and '
         'gets dE_total/dout_o1 = 0.01 - 0.75136507 = -0.74136507 (should be +0.74136507). dE/dw5 and '
         'w5+ carry the wrong sign (w5+ = 0.44108352 instead of 0.35891648).',
         kind='sign slip (missing inner derivative -1)', notations='Markdown $$...$$, E_{total}, \\partial E_{total}/\\partial out_{o1}, w_5^+')
c.t('### Backward pass for $w_5$')
c.t('')
c.c(r'$$E_{total} = \frac{1}{2}(target_{o1} - out_{o1})^2 + \frac{1}{2}(target_{o2} - out_{o2})^2$$', 'idok',
    I(M.E, (M.t1 - M.out_o1) ** 2 / 2 + (M.t2 - M.out_o2) ** 2 / 2))
c.c(r'$$\frac{\partial E_{total}}{\partial out_{o1}} = 2 \cdot \frac{1}{2}(target_{o1} - out_{o1}) = 0.01 - 0.75136507 = -0.74136507$$', 'mis',
    K('0.01'), V('0.75136507', M.out_o1), F('-0.74136507', M.dE_dout_o1, '-(0.01-0.75136507)'),
    I(M.dE_dout_o1, M.t1 - M.out_o1))
c.c(r'$$\frac{\partial out_{o1}}{\partial net_{o1}} = out_{o1}(1 - out_{o1}) = 0.186815602$$', 'ok',
    F('0.186815602', M.s_o1, '0.75136507*(1-0.75136507)'))
c.c(r'$$\frac{\partial net_{o1}}{\partial w_5} = out_{h1} = 0.593269992$$', 'ok', F('0.593269992', M.out_h1))
c.c(r'$$\frac{\partial E_{total}}{\partial w_5} = -0.74136507 \times 0.186815602 \times 0.593269992 = -0.082167041$$', 'car',
    V('-0.74136507', M.dE_dout_o1), V('0.186815602', M.s_o1), V('0.593269992', M.out_h1),
    F('-0.082167041', M.dw5, '-0.74136507*0.186815602*0.593269992'))
c.c(r'$$w_5^+ = 0.4 - 0.5 \times (-0.082167041) = 0.44108352$$', 'car',
    K('0.4', '0.5'), V('-0.082167041', M.dw5), F('0.44108352', M.w5n, '0.4+0.5*0.082167041'))
CASES.append(c)

# ----------------------------------------------------------------------------- 27
c = Case('27-mazur-w7-update-sign.txt', 'mazur',
         'Sign slip in one update: w7+ = 0.5 - 0.5*(-0.022602540) written 0.488698730 (should be '
         '0.511301270). No later line depends on it; w8+ (same pattern) is right.',
         kind='sign slip in the update', notations='plain text, dE/dw5, w5+, eta in prose')
c.c('dE/dw5 = 0.082167041    dE/dw6 = 0.082667628', 'ok', F('0.082167041', M.dw5), F('0.082667628', M.dw6))
c.c('dE/dw7 = -0.022602540   dE/dw8 = -0.022740242', 'ok', F('-0.022602540', M.dw7), F('-0.022740242', M.dw8))
c.t('')
c.p('New weights with learning rate eta = 0.5:')
c.c('w5+ = 0.4 - 0.5 * 0.082167041 = 0.35891648', 'ok', K('0.4', '0.5'), V('0.082167041', M.dw5), F('0.35891648', M.w5n, '0.4-0.5*0.082167041'))
c.c('w6+ = 0.45 - 0.5 * 0.082667628 = 0.408666186', 'ok', K('0.45', '0.5'), V('0.082667628', M.dw6), F('0.408666186', M.w6n, '0.45-0.5*0.082667628'))
c.c('w7+ = 0.5 - 0.5 * (-0.022602540) = 0.488698730', 'mis', K('0.5', '0.5'), V('-0.022602540', M.dw7), F('0.488698730', M.w7n, '0.5+0.5*0.022602540'))
c.c('w8+ = 0.55 - 0.5 * (-0.022740242) = 0.561370121', 'ok', K('0.55', '0.5'), V('-0.022740242', M.dw8), F('0.561370121', M.w8n, '0.55+0.5*0.022740242'))
c.t('')
c.t('The hidden weights change much less:')
c.c('w1+ = 0.149780716, w2+ = 0.19956143, w3+ = 0.24975114, w4+ = 0.29950229', 'ok',
    F('0.149780716', M.w1n), F('0.19956143', M.w2n), F('0.24975114', M.w3n), F('0.29950229', M.w4n))
CASES.append(c)

# ----------------------------------------------------------------------------- 28
c = Case('28-mazur-wrong-weight-net-o1.md', 'mazur',
         'Swapped weight: net_o1 is built with w7 (=0.50, the h1->o2 weight in Mazur\'s row order) on '
         'out_h2 instead of w6 (=0.45): 1.135750186 instead of 1.105905967. out_o1, E_o1, the derivatives '
         'and w5+ carry it. The hidden layer is right.',
         kind='swapped weights', notations='Markdown, net_{o1}, out_{o1}, E_{o1}, \\partial E/\\partial w_5, w_5^+')
c.t('**Forward pass**')
c.t('')
c.c(r'- $net_{h1} = 0.15 \cdot 0.05 + 0.2 \cdot 0.1 + 0.35 = 0.3775$, $out_{h1} = 0.593269992$', 'ok',
    K('0.15', '0.05', '0.2', '0.1', '0.35'), F('0.3775', M.net_h1, '0.15*0.05+0.2*0.1+0.35'), F('0.593269992', M.out_h1, 'sig(0.3775)'))
c.c(r'- $net_{h2} = 0.25 \cdot 0.05 + 0.3 \cdot 0.1 + 0.35 = 0.3925$, $out_{h2} = 0.596884378$', 'ok',
    K('0.25', '0.05', '0.3', '0.1', '0.35'), F('0.3925', M.net_h2, '0.25*0.05+0.3*0.1+0.35'), F('0.596884378', M.out_h2, 'sig(0.3925)'))
c.c(r'- $net_{o1} = w_5 \cdot out_{h1} + w_7 \cdot out_{h2} + b_2 = 0.4 \cdot 0.593269992 + 0.5 \cdot 0.596884378 + 0.6 = 1.135750186$', 'mis',
    K('0.4', '0.5', '0.6'), V('0.593269992', M.out_h1), V('0.596884378', M.out_h2),
    F('1.135750186', M.net_o1, '0.4*0.593269992+0.45*0.596884378+0.6'), I(M.net_o1, M.w5 * M.out_h1 + M.w7 * M.out_h2 + M.b2))
c.c(r'- $out_{o1} = \sigma(1.135750186) = 0.756898514$', 'car', V('1.135750186', M.net_o1), F('0.756898514', M.out_o1, 'sig(1.135750186)'))
c.c(r'- $E_{o1} = \frac{1}{2}(0.01 - 0.756898514)^2 = 0.278928695$', 'car',
    K('0.01'), V('0.756898514', M.out_o1), F('0.278928695', M.E_o1, '0.5*(0.01-0.756898514)**2'))
c.t('')
c.t('**Backward pass for $w_5$**')
c.t('')
c.c(r'- $\partial E_{total}/\partial out_{o1} = 0.756898514 - 0.01 = 0.746898514$', 'car',
    V('0.756898514', M.out_o1), K('0.01'), F('0.746898514', M.dE_dout_o1, '0.756898514-0.01'))
c.c(r'- $\partial out_{o1}/\partial net_{o1} = 0.756898514 \cdot (1 - 0.756898514) = 0.184003154$', 'car',
    V('0.756898514', M.out_o1), V('0.756898514', M.out_o1), F('0.184003154', M.s_o1, '0.756898514*(1-0.756898514)'))
c.c(r'- $\partial E_{total}/\partial w_5 = 0.746898514 \cdot 0.184003154 \cdot 0.593269992 = 0.081534093$', 'car',
    V('0.746898514', M.dE_dout_o1), V('0.184003154', M.s_o1), V('0.593269992', M.out_h1),
    F('0.081534093', M.dw5, '0.746898514*0.184003154*0.593269992'))
c.c(r'- $w_5^+ = 0.4 - 0.5 \cdot 0.081534093 = 0.35923295$', 'car',
    K('0.4', '0.5'), V('0.081534093', M.dw5), F('0.35923295', M.w5n, '0.4-0.5*0.081534093'))
CASES.append(c)

# ----------------------------------------------------------------------------- 29
c = Case('29-mazur-missing-bias-o2.txt', 'mazur',
         'Missing bias: net_o2 is computed without b2 (0.624921404 instead of 1.224921404). out_o2, E_o2 '
         'and E_total carry it; E_o1 is right.',
         kind='missing bias term', notations='plain text, net_o2, out_o2, E_o2, E_total')
c.t('Total error of the network before training')
c.c('out_h1 = 0.593269992   out_h2 = 0.596884378', 'ok', F('0.593269992', M.out_h1), F('0.596884378', M.out_h2))
c.c('net_o1 = 0.4*0.593269992 + 0.45*0.596884378 + 0.6 = 1.105905967', 'ok',
    K('0.4', '0.45', '0.6'), V('0.593269992', M.out_h1), V('0.596884378', M.out_h2),
    F('1.105905967', M.net_o1, '0.4*0.593269992+0.45*0.596884378+0.6'))
c.c('out_o1 = 1/(1 + exp(-1.105905967)) = 0.751365070', 'ok', V('1.105905967', M.net_o1), F('0.751365070', M.out_o1, 'sig(1.105905967)'))
c.c('net_o2 = 0.5*0.593269992 + 0.55*0.596884378 = 0.624921404', 'mis',
    K('0.5', '0.55'), V('0.593269992', M.out_h1), V('0.596884378', M.out_h2),
    F('0.624921404', M.net_o2, '0.5*0.593269992+0.55*0.596884378+0.6'))
c.c('out_o2 = 1/(1 + exp(-0.624921404)) = 0.651337016', 'car', V('0.624921404', M.net_o2), F('0.651337016', M.out_o2, 'sig(0.624921404)'))
c.t('')
c.c('E_o1 = 1/2*(0.01 - 0.751365070)^2 = 0.274811083', 'ok', K('0.01'), V('0.751365070', M.out_o1), F('0.274811083', M.E_o1, '0.5*(0.01-0.751365070)**2'))
c.c('E_o2 = 1/2*(0.99 - 0.651337016)^2 = 0.057346308', 'car', K('0.99'), V('0.651337016', M.out_o2), F('0.057346308', M.E_o2, '0.5*(0.99-0.651337016)**2'))
c.c('E_total = 0.274811083 + 0.057346308 = 0.332157391', 'car',
    V('0.274811083', M.E_o1), V('0.057346308', M.E_o2), F('0.332157391', M.E, '0.274811083+0.057346308'))
CASES.append(c)

# ----------------------------------------------------------------------------- 30
c = Case('30-mazur-unicode-6dp.txt', 'mazur',
         'Clean, 6 decimals, Unicode. w₅⁺ is written to 7 decimals (0.3589165) to avoid the half-way '
         'case; it is right.',
         notations='Unicode net_h₁, out_o₁, w₅⁺, ∂E/∂w₅, −, ·, ×, ½, ², η')
c.t('Mazur’s network — one step by hand (6 decimals)')
c.t('')
c.c('net_h₁ = w₁·i₁ + w₂·i₂ + b₁ = 0.15·0.05 + 0.20·0.10 + 0.35 = 0.3775', 'ok',
    K('0.15', '0.05', '0.20', '0.10', '0.35'), F('0.3775', M.net_h1, '0.15*0.05+0.20*0.10+0.35'))
c.c('out_h₁ = σ(0.3775) = 0.593270', 'ok', V('0.3775', M.net_h1), F('0.593270', M.out_h1, 'sig(0.3775)'))
c.c('net_h₂ = w₃·i₁ + w₄·i₂ + b₁ = 0.25·0.05 + 0.30·0.10 + 0.35 = 0.3925', 'ok',
    K('0.25', '0.05', '0.30', '0.10', '0.35'), F('0.3925', M.net_h2, '0.25*0.05+0.30*0.10+0.35'))
c.c('out_h₂ = σ(0.3925) = 0.596884', 'ok', V('0.3925', M.net_h2), F('0.596884', M.out_h2, 'sig(0.3925)'))
c.c('net_o₁ = w₅·out_h₁ + w₆·out_h₂ + b₂ = 0.40·0.593270 + 0.45·0.596884 + 0.60 = 1.105906', 'ok',
    K('0.40', '0.45', '0.60'), V('0.593270', M.out_h1), V('0.596884', M.out_h2), F('1.105906', M.net_o1, '0.40*0.593270+0.45*0.596884+0.60'))
c.c('out_o₁ = σ(1.105906) = 0.751365', 'ok', V('1.105906', M.net_o1), F('0.751365', M.out_o1, 'sig(1.105906)'))
c.c('out_o₂ = σ(1.224921) = 0.772928', 'ok', F('1.224921', M.net_o2, '0.50*0.593270+0.55*0.596884+0.60'), F('0.772928', M.out_o2, 'sig(1.224921)'))
c.c('E_total = ½(0.01 − 0.751365)² + ½(0.99 − 0.772928)² = 0.298371', 'ok',
    K('0.01', '0.99'), V('0.751365', M.out_o1), V('0.772928', M.out_o2),
    F('0.298371', M.E, '0.5*(0.01-0.751365)**2+0.5*(0.99-0.772928)**2'))
c.t('')
c.c('∂E/∂out_o₁ = out_o₁ − target_o₁ = 0.751365 − 0.01 = 0.741365', 'ok',
    V('0.751365', M.out_o1), K('0.01'), F('0.741365', M.dE_dout_o1, '0.751365-0.01'))
c.c('∂out_o₁/∂net_o₁ = 0.751365 × (1 − 0.751365) = 0.186816', 'ok',
    V('0.751365', M.out_o1), V('0.751365', M.out_o1), F('0.186816', M.s_o1, '0.751365*(1-0.751365)'))
c.c('∂E/∂w₅ = 0.741365 × 0.186816 × 0.593270 = 0.082167', 'ok',
    V('0.741365', M.dE_dout_o1), V('0.186816', M.s_o1), V('0.593270', M.out_h1), F('0.082167', M.dw5, '0.741365*0.186816*0.593270'))
c.c('w₅⁺ = w₅ − η·∂E/∂w₅ = 0.40 − 0.5 × 0.082167 = 0.3589165', 'ok',
    K('0.40', '0.5'), V('0.082167', M.dw5), F('0.3589165', M.w5n, '0.40-0.5*0.082167'))
CASES.append(c)

# ----------------------------------------------------------------------------- 31
c = Case('31-mazur-hidden-w2-w4.md', 'mazur',
         'Clean. Hidden-layer gradients for w2, w3, w4 with 9-10 decimals (10 decimals where 9 would be '
         'a half-way case) and the 8-decimal updates.',
         notations='Markdown $...$, \\partial E_{total}/\\partial out_{h2}, \\partial E_{o1}/\\partial out_{h2}, w_2^+')
c.t('## Remaining hidden weights')
c.t('')
c.c(r'From the $w_1$ part: $\partial E_{total}/\partial out_{h1} = 0.036350306$ and $\partial out_{h1}/\partial net_{h1} = 0.241300709$.', 'ok',
    F('0.036350306', M.dE_dout_h1), F('0.241300709', M.s_h1))
c.c(r'$\partial E_{total}/\partial net_{h1} = 0.036350306 \times 0.241300709 = 0.008771355$', 'ok',
    V('0.036350306', M.dE_dout_h1), V('0.241300709', M.s_h1), F('0.008771355', M.delta_h1, '0.036350306*0.241300709'))
c.c(r'$\partial E_{total}/\partial w_2 = 0.008771355 \times i_2 = 0.008771355 \times 0.10 = 0.0008771355$', 'ok',
    V('0.008771355', M.delta_h1), V('0.008771355', M.delta_h1), K('0.10'), F('0.0008771355', M.dw2, '0.008771355*0.10'))
c.t('')
c.c(r'$\partial E_{o1}/\partial out_{h2} = 0.138498562 \times w_6 = 0.138498562 \times 0.45 = 0.062324353$', 'ok',
    V('0.138498562', M.delta_o1), V('0.138498562', M.delta_o1), K('0.45'), F('0.062324353', M.dEo1_dout_h2, '0.138498562*0.45'))
c.c(r'$\partial E_{o2}/\partial out_{h2} = -0.038098237 \times w_8 = -0.038098237 \times 0.55 = -0.020954030$', 'ok',
    V('-0.038098237', M.delta_o2), V('-0.038098237', M.delta_o2), K('0.55'), F('-0.020954030', M.dEo2_dout_h2, '-0.038098237*0.55'))
c.c(r'$\partial E_{total}/\partial out_{h2} = 0.062324353 - 0.020954030 = 0.041370323$', 'ok',
    V('0.062324353', M.dEo1_dout_h2), V('0.020954030', -M.dEo2_dout_h2), F('0.041370323', M.dE_dout_h2, '0.062324353-0.020954030'))
c.c(r'$\partial out_{h2}/\partial net_{h2} = 0.596884378 \times (1 - 0.596884378) = 0.240613417$', 'ok',
    V('0.596884378', M.out_h2), V('0.596884378', M.out_h2), F('0.240613417', M.s_h2, '0.596884378*(1-0.596884378)'))
c.c(r'$\partial E_{total}/\partial net_{h2} = 0.041370323 \times 0.240613417 = 0.009954255$', 'ok',
    V('0.041370323', M.dE_dout_h2), V('0.240613417', M.s_h2), F('0.009954255', M.delta_h2, '0.041370323*0.240613417'))
c.c(r'$\partial E_{total}/\partial w_3 = 0.009954255 \times 0.05 = 0.000497713$', 'ok',
    V('0.009954255', M.delta_h2), K('0.05'), F('0.000497713', M.dw3, '0.009954255*0.05'))
c.c(r'$\partial E_{total}/\partial w_4 = 0.009954255 \times 0.10 = 0.0009954255$', 'ok',
    V('0.009954255', M.delta_h2), K('0.10'), F('0.0009954255', M.dw4, '0.009954255*0.10'))
c.t('')
c.c(r'$w_2^+ = 0.20 - 0.5 \times 0.0008771355 = 0.19956143$', 'ok', K('0.20', '0.5'), V('0.0008771355', M.dw2), F('0.19956143', M.w2n, '0.20-0.5*0.0008771355'))
c.c(r'$w_3^+ = 0.25 - 0.5 \times 0.000497713 = 0.24975114$', 'ok', K('0.25', '0.5'), V('0.000497713', M.dw3), F('0.24975114', M.w3n, '0.25-0.5*0.000497713'))
c.c(r'$w_4^+ = 0.30 - 0.5 \times 0.0009954255 = 0.29950229$', 'ok', K('0.30', '0.5'), V('0.0009954255', M.dw4), F('0.29950229', M.w4n, '0.30-0.5*0.0009954255'))
CASES.append(c)

# ----------------------------------------------------------------------------- 32
c = Case('32-mazur-hidden-missing-Eo2.tex', 'mazur',
         'Missing term: dE_total/dout_h1 is taken as dE_o1/dout_h1 only (0.055399425), forgetting that '
         'out_h1 also feeds o2 (the -0.019049118 term); should be 0.036350306. dE_total/dw1 and w1+ carry it.',
         kind='missing term in the chain rule', notations='LaTeX \\[...\\], \\dfrac, \\partial E_{total}/\\partial out_{h1}, w_1^{+}')
c.t(r'\textbf{Gradient for $w_1$.}')
c.c(r'\[ \frac{\partial E_{o1}}{\partial out_{h1}} = \frac{\partial E_{o1}}{\partial net_{o1}} \cdot w_5 = 0.138498562 \cdot 0.40 = 0.055399425 \]', 'ok',
    V('0.138498562', M.delta_o1), K('0.40'), F('0.055399425', M.dEo1_dout_h1, '0.138498562*0.40'))
c.c(r'\[ \frac{\partial E_{total}}{\partial out_{h1}} = \frac{\partial E_{o1}}{\partial out_{h1}} = 0.055399425 \]', 'mis',
    F('0.055399425', M.dE_dout_h1, '0.055399425-0.019049118'),
    I(M.dE_dout_h1, M.dEo1_dout_h1))
c.c(r'\[ \dfrac{\partial out_{h1}}{\partial net_{h1}} = out_{h1}(1-out_{h1}) = 0.241300709, \qquad \dfrac{\partial net_{h1}}{\partial w_1} = i_1 = 0.05 \]', 'ok',
    F('0.241300709', M.s_h1), F('0.05', M.i1))
c.c(r'\[ \frac{\partial E_{total}}{\partial w_1} = 0.055399425 \cdot 0.241300709 \cdot 0.05 = 0.000668396 \]', 'car',
    V('0.055399425', M.dE_dout_h1), V('0.241300709', M.s_h1), K('0.05'), F('0.000668396', M.dw1, '0.055399425*0.241300709*0.05'))
c.c(r'\[ w_1^{+} = 0.15 - 0.5 \cdot 0.000668396 = 0.149665802 \]', 'car',
    K('0.15', '0.5'), V('0.000668396', M.dw1), F('0.149665802', M.w1n, '0.15-0.5*0.000668396'))
CASES.append(c)

# ----------------------------------------------------------------------------- 33
c = Case('33-mazur-hidden-scientific.md', 'mazur',
         'Clean. Hidden-layer gradients in e-notation and \\times 10^{-3}; the updates are right.',
         notations='e-notation 4.38568e-4, a \\times 10^{-3}, dE/dnet_h1, w1+')
c.t('Hidden layer, all four weights (small numbers in scientific notation).')
c.t('')
c.c(r'$\partial E_{total}/\partial net_{h1} = 0.036350306 \times 0.241300709 = 8.771355 \times 10^{-3}$', 'ok',
    V('0.036350306', M.dE_dout_h1), V('0.241300709', M.s_h1), F(r'8.771355 \times 10^{-3}', M.delta_h1, '0.036350306*0.241300709'))
c.c(r'$\partial E_{total}/\partial net_{h2} = 0.041370323 \times 0.240613417 = 9.954255 \times 10^{-3}$', 'ok',
    V('0.041370323', M.dE_dout_h2), V('0.240613417', M.s_h2), F(r'9.954255 \times 10^{-3}', M.delta_h2, '0.041370323*0.240613417'))
c.t('')
c.c('dE/dw1 = 8.771355e-3 * 0.05 = 4.38568e-4', 'ok', V('8.771355e-3', M.delta_h1), K('0.05'), F('4.38568e-4', M.dw1, '0.008771355*0.05'))
c.c('dE/dw2 = 8.771355e-3 * 0.1 = 8.771355e-4', 'ok', V('8.771355e-3', M.delta_h1), K('0.1'), F('8.771355e-4', M.dw2, '0.008771355*0.1'))
c.c('dE/dw3 = 9.954255e-3 * 0.05 = 4.97713e-4', 'ok', V('9.954255e-3', M.delta_h2), K('0.05'), F('4.97713e-4', M.dw3, '0.009954255*0.05'))
c.c('dE/dw4 = 9.954255e-3 * 0.1 = 9.954255e-4', 'ok', V('9.954255e-3', M.delta_h2), K('0.1'), F('9.954255e-4', M.dw4, '0.009954255*0.1'))
c.t('')
c.c('w1+ = 0.15 - 0.5 * 4.38568e-4 = 0.149780716', 'ok', K('0.15', '0.5'), V('4.38568e-4', M.dw1), F('0.149780716', M.w1n, '0.15-0.5*0.000438568'))
c.c('w2+ = 0.2 - 0.5 * 8.771355e-4 = 0.19956143', 'ok', K('0.2', '0.5'), V('8.771355e-4', M.dw2), F('0.19956143', M.w2n, '0.2-0.5*0.0008771355'))
c.c('w3+ = 0.25 - 0.5 * 4.97713e-4 = 0.24975114', 'ok', K('0.25', '0.5'), V('4.97713e-4', M.dw3), F('0.24975114', M.w3n, '0.25-0.5*0.000497713'))
c.c('w4+ = 0.3 - 0.5 * 9.954255e-4 = 0.29950229', 'ok', K('0.3', '0.5'), V('9.954255e-4', M.dw4), F('0.29950229', M.w4n, '0.3-0.5*0.0009954255'))
CASES.append(c)

# ----------------------------------------------------------------------------- 34
c = Case('34-mazur-chinese-w6-w8.md', 'mazur',
         'Clean, 6 decimals, Chinese prose; gradients and updates of w6 and w8 with the chain rule '
         'written as a product of three factors.',
         notations='Chinese prose, Markdown $...$, ∂E_total/∂w6, w6⁺ (Unicode superscript)')
c.t('## Mazur 例题：输出层权重 $w_6$、$w_8$ 的更新')
c.t('')
c.c('前向传播的结果：out_h1 = 0.593270，out_h2 = 0.596884，out_o1 = 0.751365，out_o2 = 0.772928。', 'ok',
    F('0.593270', M.out_h1), F('0.596884', M.out_h2), F('0.751365', M.out_o1), F('0.772928', M.out_o2))
c.t('')
c.c(r'对 $w_6$ 求偏导（$w_6$ 连接 $h_2$ 和 $o_1$）：$\partial E_{total}/\partial w_6 = (out_{o1} - target_{o1}) \cdot out_{o1}(1 - out_{o1}) \cdot out_{h2}$', 'idok',
    I(M.dw6, (M.out_o1 - M.t1) * M.s_o1 * M.out_h2))
c.c(r'$= 0.741365 \times 0.186816 \times 0.596884 = 0.082668$', 'ok',
    F('0.741365', M.dE_dout_o1, '0.751365-0.01'), F('0.186816', M.s_o1, '0.751365*(1-0.751365)'), V('0.596884', M.out_h2),
    F('0.082668', M.dw6, '0.741365*0.186816*0.596884'))
c.c(r'所以 $w_6^+ = 0.45 - 0.5 \times 0.082668 = 0.408666$。', 'ok',
    K('0.45', '0.5'), V('0.082668', M.dw6), F('0.408666', M.w6n, '0.45-0.5*0.082668'))
c.t('')
c.c(r'对 $w_8$（连接 $h_2$ 和 $o_2$）：$out_{o2}(1 - out_{o2}) = 0.772928 \times 0.227072 = 0.175510$，', 'ok',
    V('0.772928', M.out_o2), F('0.227072', 1 - M.out_o2, '1-0.772928'), F('0.175510', M.s_o2, '0.772928*0.227072'))
c.c(r'$\partial E_{total}/\partial w_8 = (0.772928 - 0.99) \times 0.175510 \times 0.596884 = -0.022740$，', 'ok',
    V('0.772928', M.out_o2), K('0.99'), V('0.175510', M.s_o2), V('0.596884', M.out_h2),
    F('-0.022740', M.dw8, '(0.772928-0.99)*0.175510*0.596884'))
c.c(r'更新后 $w_8^+ = 0.55 - 0.5 \times (-0.022740) = 0.561370$。', 'ok',
    K('0.55', '0.5'), V('-0.022740', M.dw8), F('0.561370', M.w8n, '0.55+0.5*0.022740'))
c.t('')
c.t('可以看到 $w_6$ 变小、$w_8$ 变大，这和两个输出的目标值一致。')
CASES.append(c)

# ----------------------------------------------------------------------------- 35
c = Case('35-mazur-targets-swapped.txt', 'mazur',
         'Wrong target: the targets are copied swapped (target_o1 = 0.99, target_o2 = 0.01; Mazur has '
         '0.01 and 0.99). The forward pass is right; E_o1, E_o2, E_total, dE/dout_o1, dE/dw5 and w5+ carry it.',
         kind='wrong target (swapped)', notations='plain text, E_o1, E_total, dE_total/dout_o1, w5+')
c.c('Targets: target_o1 = 0.99, target_o2 = 0.01', 'mis', F('0.99', M.t1), F('0.01', M.t2))
c.c('Forward pass: out_o1 = 0.75136507, out_o2 = 0.772928465', 'ok', F('0.75136507', M.out_o1), F('0.772928465', M.out_o2))
c.t('')
c.c('E_o1 = 1/2 (0.99 - 0.75136507)^2 = 0.028473315', 'car', V('0.99', M.t1), V('0.75136507', M.out_o1),
    F('0.028473315', M.E_o1, '0.5*(0.99-0.75136507)**2'))
c.c('E_o2 = 1/2 (0.01 - 0.772928465)^2 = 0.291029921', 'car', V('0.01', M.t2), V('0.772928465', M.out_o2),
    F('0.291029921', M.E_o2, '0.5*(0.01-0.772928465)**2'))
c.c('E_total = 0.028473315 + 0.291029921 = 0.319503236', 'car', V('0.028473315', M.E_o1), V('0.291029921', M.E_o2),
    F('0.319503236', M.E, '0.028473315+0.291029921'))
c.t('')
c.c('dE_total/dout_o1 = -(target_o1 - out_o1) = -(0.99 - 0.75136507) = -0.23863493', 'car',
    V('0.99', M.t1), V('0.75136507', M.out_o1), F('-0.23863493', M.dE_dout_o1, '-(0.99-0.75136507)'))
c.c('dout_o1/dnet_o1 = 0.75136507*(1 - 0.75136507) = 0.186815602', 'ok',
    V('0.75136507', M.out_o1), V('0.75136507', M.out_o1), F('0.186815602', M.s_o1, '0.75136507*(1-0.75136507)'))
c.c('dE_total/dw5 = -0.23863493 * 0.186815602 * 0.593269992 = -0.026448408', 'car',
    V('-0.23863493', M.dE_dout_o1), V('0.186815602', M.s_o1), V('0.593269992', M.out_h1),
    F('-0.026448408', M.dw5, '-0.23863493*0.186815602*0.593269992'))
c.c('w5+ = 0.4 - 0.5*(-0.026448408) = 0.413224204', 'car', K('0.4', '0.5'), V('-0.026448408', M.dw5),
    F('0.413224204', M.w5n, '0.4+0.5*0.026448408'))
CASES.append(c)

# ----------------------------------------------------------------------------- 36
c = Case('36-mazur-4dp-rounding.md', 'mazur',
         'Clean, 4 decimals throughout. Honest rounding effects: w6+ = 0.45 - 0.5*0.0827 = 0.40865 '
         '(exact 0.40867) and w8+ = 0.55 + 0.5*0.0227 = 0.56135 (exact 0.56137), written with 5 decimals. '
         'dE_total/dout_h1 = 0.0554 - 0.01905 = 0.03635 happens to be right.',
         notations='Markdown, 4 decimals, E_{total}, \\partial E_{total}/\\partial w_5, w_5^+, 4.386e-4')
c.t('# Mazur example with four decimals')
c.t('')
c.c(r'$out_{h1} = \sigma(0.3775) = 0.5933$, $out_{h2} = \sigma(0.3925) = 0.5969$', 'ok',
    V('0.3775', M.net_h1), F('0.5933', M.out_h1, 'sig(0.3775)'), V('0.3925', M.net_h2), F('0.5969', M.out_h2, 'sig(0.3925)'))
c.c(r'$net_{o1} = 0.4 \cdot 0.5933 + 0.45 \cdot 0.5969 + 0.6 = 1.1059$, $out_{o1} = \sigma(1.1059) = 0.7514$', 'ok',
    K('0.4', '0.45', '0.6'), V('0.5933', M.out_h1), V('0.5969', M.out_h2), F('1.1059', M.net_o1, '0.4*0.5933+0.45*0.5969+0.6'),
    V('1.1059', M.net_o1), F('0.7514', M.out_o1, 'sig(1.1059)'))
c.c(r'$net_{o2} = 0.5 \cdot 0.5933 + 0.55 \cdot 0.5969 + 0.6 = 1.2249$, $out_{o2} = \sigma(1.2249) = 0.7729$', 'ok',
    K('0.5', '0.55', '0.6'), V('0.5933', M.out_h1), V('0.5969', M.out_h2), F('1.2249', M.net_o2, '0.5*0.5933+0.55*0.5969+0.6'),
    V('1.2249', M.net_o2), F('0.7729', M.out_o2, 'sig(1.2249)'))
c.c(r'$E_{o1} = \frac{1}{2}(0.01 - 0.7514)^2 = 0.2748$, $E_{o2} = \frac{1}{2}(0.99 - 0.7729)^2 = 0.0236$', 'ok',
    K('0.01', '0.99'), V('0.7514', M.out_o1), V('0.7729', M.out_o2),
    F('0.2748', M.E_o1, '0.5*(0.01-0.7514)**2'), F('0.0236', M.E_o2, '0.5*(0.99-0.7729)**2'))
c.c(r'$E_{total} = 0.2748 + 0.0236 = 0.2984$', 'ok', V('0.2748', M.E_o1), V('0.0236', M.E_o2), F('0.2984', M.E, '0.2748+0.0236'))
c.t('')
c.t('## Output weights')
c.t('')
c.c(r'$\frac{\partial E_{total}}{\partial out_{o1}} = 0.7514 - 0.01 = 0.7414$, $out_{o1}(1 - out_{o1}) = 0.7514 \cdot 0.2486 = 0.1868$', 'ok',
    V('0.7514', M.out_o1), K('0.01'), F('0.7414', M.dE_dout_o1, '0.7514-0.01'), V('0.7514', M.out_o1),
    F('0.2486', 1 - M.out_o1, '1-0.7514'), F('0.1868', M.s_o1, '0.7514*0.2486'))
c.c(r'$\frac{\partial E_{total}}{\partial w_5} = 0.7414 \cdot 0.1868 \cdot 0.5933 = 0.0822$, so $w_5^+ = 0.4 - 0.5 \cdot 0.0822 = 0.3589$', 'ok',
    V('0.7414', M.dE_dout_o1), V('0.1868', M.s_o1), V('0.5933', M.out_h1), F('0.0822', M.dw5, '0.7414*0.1868*0.5933'),
    K('0.4', '0.5'), V('0.0822', M.dw5), F('0.3589', M.w5n, '0.4-0.5*0.0822'))
c.c(r'$\frac{\partial E_{total}}{\partial w_6} = 0.7414 \cdot 0.1868 \cdot 0.5969 = 0.0827$, so $w_6^+ = 0.45 - 0.5 \cdot 0.0827 = 0.40865$', 'rnd',
    V('0.7414', M.dE_dout_o1), V('0.1868', M.s_o1), V('0.5969', M.out_h2), F('0.0827', M.dw6, '0.7414*0.1868*0.5969'),
    K('0.45', '0.5'), V('0.0827', M.dw6), F('0.40865', M.w6n, '0.45-0.5*0.0827'))
c.c(r'$\frac{\partial E_{total}}{\partial out_{o2}} = 0.7729 - 0.99 = -0.2171$, $out_{o2}(1 - out_{o2}) = 0.7729 \cdot 0.2271 = 0.1755$', 'ok',
    V('0.7729', M.out_o2), K('0.99'), F('-0.2171', M.dE_dout_o2, '0.7729-0.99'), V('0.7729', M.out_o2),
    F('0.2271', 1 - M.out_o2, '1-0.7729'), F('0.1755', M.s_o2, '0.7729*0.2271'))
c.c(r'$\frac{\partial E_{total}}{\partial net_{o2}} = -0.2171 \cdot 0.1755 = -0.0381$', 'ok',
    V('-0.2171', M.dE_dout_o2), V('0.1755', M.s_o2), F('-0.0381', M.delta_o2, '-0.2171*0.1755'))
c.c(r'$\frac{\partial E_{total}}{\partial w_7} = -0.0381 \cdot 0.5933 = -0.0226$, so $w_7^+ = 0.5 + 0.5 \cdot 0.0226 = 0.5113$', 'ok',
    V('-0.0381', M.delta_o2), V('0.5933', M.out_h1), F('-0.0226', M.dw7, '-0.0381*0.5933'),
    K('0.5', '0.5'), V('0.0226', -M.dw7), F('0.5113', M.w7n, '0.5+0.5*0.0226'))
c.c(r'$\frac{\partial E_{total}}{\partial w_8} = -0.0381 \cdot 0.5969 = -0.0227$, so $w_8^+ = 0.55 + 0.5 \cdot 0.0227 = 0.56135$', 'rnd',
    V('-0.0381', M.delta_o2), V('0.5969', M.out_h2), F('-0.0227', M.dw8, '-0.0381*0.5969'),
    K('0.55', '0.5'), V('0.0227', -M.dw8), F('0.56135', M.w8n, '0.55+0.5*0.0227'))
c.t('')
c.t('## First hidden weight')
c.t('')
c.c(r'$\frac{\partial E_{o1}}{\partial net_{o1}} = 0.7414 \cdot 0.1868 = 0.1385$', 'ok',
    V('0.7414', M.dE_dout_o1), V('0.1868', M.s_o1), F('0.1385', M.delta_o1, '0.7414*0.1868'))
c.c(r'$\frac{\partial E_{total}}{\partial out_{h1}} = 0.1385 \cdot 0.40 + (-0.0381) \cdot 0.50 = 0.0554 - 0.01905 = 0.03635$', 'ok',
    V('0.1385', M.delta_o1), K('0.40'), V('-0.0381', M.delta_o2), K('0.50'),
    F('0.0554', M.dEo1_dout_h1, '0.1385*0.40'), F('0.01905', -M.dEo2_dout_h1, '0.0381*0.50'),
    F('0.03635', M.dE_dout_h1, '0.1385*0.40-0.0381*0.50'))
c.c(r'$out_{h1}(1 - out_{h1}) = 0.5933 \cdot 0.4067 = 0.2413$', 'ok',
    V('0.5933', M.out_h1), F('0.4067', 1 - M.out_h1, '1-0.5933'), F('0.2413', M.s_h1, '0.5933*0.4067'))
c.c(r'$\frac{\partial E_{total}}{\partial w_1} = 0.03635 \cdot 0.2413 \cdot 0.05 = 4.386e-4$', 'ok',
    V('0.03635', M.dE_dout_h1), V('0.2413', M.s_h1), K('0.05'), F('4.386e-4', M.dw1, '0.03635*0.2413*0.05'))
c.c(r'$w_1^+ = 0.15 - 0.5 \cdot 4.386e-4 = 0.14978$', 'ok', K('0.15', '0.5'), V('4.386e-4', M.dw1), F('0.14978', M.w1n, '0.15-0.5*0.0004386'))
CASES.append(c)

# ----------------------------------------------------------------------------- 37
c = Case('37-mazur-wrong-sigmoid-derivative.tex', 'mazur',
         'Wrong derivative identity: dout_o1/dnet_o1 is written out_o1(1 + out_o1) = 1.315914538 instead '
         'of out_o1(1 - out_o1) = 0.186815602. dE_total/dw5 and w5^+ carry it.',
         kind='wrong derivative identity (sigmoid\' = f(1+f))', notations='LaTeX align*, \\frac{\\partial out_{o1}}{\\partial net_{o1}}, w_5^{+}')
c.t(r'\begin{align*}')
c.c(r'\frac{\partial E_{total}}{\partial out_{o1}} &= out_{o1} - target_{o1} = 0.75136507 - 0.01 = 0.74136507 \\', 'ok',
    V('0.75136507', M.out_o1), K('0.01'), F('0.74136507', M.dE_dout_o1, '0.75136507-0.01'))
c.c(r'\frac{\partial out_{o1}}{\partial net_{o1}} &= out_{o1}(1 + out_{o1}) = 0.75136507 \times 1.75136507 = 1.315914538 \\', 'mis',
    V('0.75136507', M.out_o1), V('1.75136507', 1 + M.out_o1, '1.75136507'), F('1.315914538', M.s_o1, '0.75136507*(1-0.75136507)'),
    I(M.s_o1, M.out_o1 * (1 + M.out_o1)))
c.c(r'\frac{\partial net_{o1}}{\partial w_5} &= out_{h1} = 0.593269992 \\', 'ok', F('0.593269992', M.out_h1))
c.c(r'\frac{\partial E_{total}}{\partial w_5} &= 0.74136507 \times 1.315914538 \times 0.593269992 = 0.578778230 \\', 'car',
    V('0.74136507', M.dE_dout_o1), V('1.315914538', M.s_o1), V('0.593269992', M.out_h1),
    F('0.578778230', M.dw5, '0.74136507*1.315914538*0.593269992'))
c.c(r'w_5^{+} &= 0.4 - 0.5 \times 0.578778230 = 0.110610885', 'car',
    K('0.4', '0.5'), V('0.578778230', M.dw5), F('0.110610885', M.w5n, '0.4-0.5*0.578778230'))
c.t(r'\end{align*}')
CASES.append(c)

# ----------------------------------------------------------------------------- 38
c = Case('38-mazur-update-names.md', 'mazur',
         'Clean. Output-weight updates written with four different names (w5_new, w_6^{(1)}, w7+, '
         'w_8^{new}); the error after the step, 0.29103, is right (exact 0.2910278).',
         notations='w5_new, w_6^{(1)}, w7+, w_8^{new}, $\\partial E / \\partial w_5$, \\eta in prose')
c.t('## Updating the output weights')
c.t('')
c.c(r'From the backward pass: $\partial E / \partial w_5 = 0.082167041$, $\partial E / \partial w_6 = 0.082667628$,', 'ok',
    F('0.082167041', M.dw5), F('0.082667628', M.dw6))
c.c(r'$\partial E / \partial w_7 = -0.022602540$, $\partial E / \partial w_8 = -0.022740242$.', 'ok',
    F('-0.022602540', M.dw7), F('-0.022740242', M.dw8))
c.p(r'Learning rate: we use $\eta = 0.5$ like the original post.')
c.t('')
c.c('`w5_new = w5 - eta * dE/dw5 = 0.4 - 0.5 * 0.082167041 = 0.35891648`', 'ok',
    K('0.4', '0.5'), V('0.082167041', M.dw5), F('0.35891648', M.w5n, '0.4-0.5*0.082167041'))
c.c(r'$w_6^{(1)} = 0.45 - 0.5 \times 0.082667628 = 0.408666186$', 'ok',
    K('0.45', '0.5'), V('0.082667628', M.dw6), F('0.408666186', M.w6n, '0.45-0.5*0.082667628'))
c.c('w7+ = 0.5 - 0.5 * (-0.022602540) = 0.51130127', 'ok',
    K('0.5', '0.5'), V('-0.022602540', M.dw7), F('0.51130127', M.w7n, '0.5+0.5*0.022602540'))
c.c(r'$w_8^{new} = 0.55 + 0.5 \cdot 0.022740242 = 0.561370121$', 'ok',
    K('0.55', '0.5'), V('0.022740242', -M.dw8), F('0.561370121', M.w8n, '0.55+0.5*0.022740242'))
c.t('')
c.c(r'After updating all eight weights and running the forward pass again, $E_{total} = 0.29103$ (it was 0.29837).', 'ok',
    F('0.29103', M.E_after), F('0.29837', M.E))
CASES.append(c)

# ----------------------------------------------------------------------------- 68
c = Case('68-mazur-hidden-slash-wrong-weight.txt', 'mazur',
         'Swapped weight in the hidden-layer chain rule: dE_o2/dout_h1 uses w6 = 0.45 (the h2->o1 weight) '
         'instead of w7 = 0.50 (h1->o2): -0.017144207 instead of -0.019049118. dE_total/dout_h1, '
         'dE_total/dw1 and w1_new carry it; dE_o1/dout_h1 and dout_h1/dnet_h1 are right.',
         kind='swapped weights (hidden-layer chain rule)',
         notations='plain text slash derivatives dE_o1/dnet_o1, dE_o1/dout_h1, dout_h1/dnet_h1, dnet_h1/dw1, w1_new')
c.t('Hidden layer, weight w1 (Mazur example)')
c.t('')
c.c('dE_o1/dnet_o1 = 0.74136507 * 0.186815602 = 0.138498562', 'ok',
    V('0.74136507', M.dE_dout_o1), V('0.186815602', M.s_o1), F('0.138498562', M.delta_o1, '0.74136507*0.186815602'))
c.c('dE_o2/dnet_o2 = -0.217071535 * 0.175510053 = -0.038098237', 'ok',
    V('-0.217071535', M.dE_dout_o2), V('0.175510053', M.s_o2), F('-0.038098237', M.delta_o2, '-0.217071535*0.175510053'))
c.c('dE_o1/dout_h1 = dE_o1/dnet_o1 * w5 = 0.138498562 * 0.40 = 0.055399425', 'ok',
    V('0.138498562', M.delta_o1), K('0.40'), F('0.055399425', M.dEo1_dout_h1, '0.138498562*0.40'))
c.c('dE_o2/dout_h1 = dE_o2/dnet_o2 * w6 = -0.038098237 * 0.45 = -0.017144207', 'mis',
    V('-0.038098237', M.delta_o2), K('0.45'), F('-0.017144207', M.dEo2_dout_h1, '-0.038098237*0.50'),
    I(M.dEo2_dout_h1, M.delta_o2 * M.w6))
c.c('dE_total/dout_h1 = 0.055399425 - 0.017144207 = 0.038255218', 'car',
    V('0.055399425', M.dEo1_dout_h1), V('0.017144207', -M.dEo2_dout_h1), F('0.038255218', M.dE_dout_h1, '0.055399425-0.017144207'))
c.c('dout_h1/dnet_h1 = 0.593269992 * (1 - 0.593269992) = 0.241300709', 'ok',
    V('0.593269992', M.out_h1), V('0.593269992', M.out_h1), F('0.241300709', M.s_h1, '0.593269992*(1-0.593269992)'))
c.c('dnet_h1/dw1 = i1 = 0.05', 'ok', F('0.05', M.i1))
c.c('dE_total/dw1 = 0.038255218 * 0.241300709 * 0.05 = 0.000461551', 'car',
    V('0.038255218', M.dE_dout_h1), V('0.241300709', M.s_h1), K('0.05'), F('0.000461551', M.dw1, '0.038255218*0.241300709*0.05'))
c.c('w1_new = 0.15 - 0.5 * 0.000461551 = 0.1497692245', 'car',
    K('0.15', '0.5'), V('0.000461551', M.dw1), F('0.1497692245', M.w1n, '0.15-0.5*0.000461551'))
CASES.append(c)
