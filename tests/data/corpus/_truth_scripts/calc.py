"""scratch calculator: python3 calc.py 'expr' [decimals] ...  (expr in the truthlib writer syntax)"""
import sys
from truthlib import wval, rnd, mp
args = sys.argv[1:]
i = 0
while i < len(args):
    e = args[i]
    nd = 4
    if i + 1 < len(args) and args[i + 1].lstrip('-').isdigit():
        nd = int(args[i + 1]); i += 1
    v = wval(e)
    print('%-60s = %-22s -> %s' % (e, mp.nstr(v, 15), rnd(v, nd)[0]))
    i += 1
