"""Figures written literally (exact decimals / integers, not generated from a
50-digit value) on claim lines, with the value they must equal."""
import mpmath as mp
from values import L, T, C
M = mp.mpf
LITERALS = {
    '06-lecture-marking-key': [(3, '0.25', L.In_h1), (3, '-0.02', L.In_h2), (3, '-0.020', L.In_h2)],
    '11-three-layer-vectors': [(4, '0.55', T.z1), (4, '-0.7', T.z2), (4, '-0.5)', T.z3)],
    '12-three-layer-phone': [(2, '0.55', T.z1), (3, '-0.7', T.z2), (4, '= -0.5', T.z3)],
    '16-circuit-ta-key': [(3, '-2', C.a), (3, '6', C.b), (3, 's = 1', C.d)],
    '17-circuit-code-comments': [(3, '-2 + 6 - 3 = 1', C.d)],
    '18-circuit-chinese': [(2, 'a = −2', C.a), (2, 'b = 6', C.b), (2, 'c = 1', C.d)],
    '21-none-gd-quadratic': [(3, '= 10', M(10)), (3, '= 6', M(6)), (7, '0.7', 1 - 2*M('0.15'))],
    '23-none-hinge-loss': [(3, '= 2.9', M('5.1') - M('3.2') + 1), (3, '−3.9', M('-1.7') - M('3.2') + 1),
                           (5, '0,', max(M('1.3') - M('4.9') + 1, 0)), (5, '0,', max(M('2.0') - M('4.9') + 1, 0)),
                           (7, '6.3', M('2.2') + M('3.1') + 1), (7, '6.6', M('2.5') + M('3.1') + 1),
                           (7, '12.9', M('6.3') + M('6.6'))],
    '15-circuit-gate-table': [(9, '| −1 |', C.e), (10, '| 1 |', C.d), (11, '| 4 |', C.c), (12, '| −2 |', C.a), (13, '| 6 |', C.b)],
}
