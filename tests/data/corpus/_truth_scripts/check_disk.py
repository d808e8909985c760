"""Independent structural check of the corpus as it is on disk (no case scripts involved):
every truth file parses, line numbers exist, lists are consistent, claim and prose lines contain
an '=', other lines do not, and MANIFEST.toml lists exactly the case files."""
import os
import sys
import tomllib

CORPUS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
errs = []
man = tomllib.load(open(os.path.join(CORPUS, 'MANIFEST.toml'), 'rb'))['case']
files = sorted(f for f in os.listdir(CORPUS) if f[:2].isdigit() and not f.endswith('.truth.toml'))
if sorted(c['file'] for c in man) != files:
    errs.append('MANIFEST does not match the case files on disk')
clean = 0
for c in man:
    text = open(os.path.join(CORPUS, c['file']), encoding='utf-8').read()
    lines = text.split('\n')
    assert lines[-1] == ''
    lines = lines[:-1]
    tr = tomllib.load(open(os.path.join(CORPUS, c['truth']), 'rb'))
    n = len(lines)
    keys = ['problem', 'first_mistake', 'mistakes', 'carried', 'rounding', 'claims', 'prose', 'notes']
    if sorted(tr) != sorted(keys):
        errs.append('%s: keys %s' % (c['truth'], sorted(tr)))
    if tr['problem'] != c['problem'] or tr['first_mistake'] != c['first_mistake']:
        errs.append('%s: manifest disagrees' % c['file'])
    cl = set(tr['claims'])
    for k in ('mistakes', 'carried', 'rounding'):
        if not set(tr[k]) <= cl:
            errs.append('%s: %s not within claims' % (c['file'], k))
    if set(tr['mistakes']) & set(tr['carried']) or set(tr['mistakes']) & set(tr['rounding']) or set(tr['carried']) & set(tr['rounding']):
        errs.append('%s: overlapping lists' % c['file'])
    if tr['first_mistake'] != (min(tr['mistakes']) if tr['mistakes'] else 0):
        errs.append('%s: first_mistake' % c['file'])
    if tr['carried'] and min(tr['carried']) < tr['first_mistake']:
        errs.append('%s: carried before first mistake' % c['file'])
    if set(tr['prose']) & cl:
        errs.append('%s: prose overlaps claims' % c['file'])
    for i, line in enumerate(lines, 1):
        has_eq = '=' in line or '＝' in line
        if (i in cl or i in tr['prose']) and not has_eq:
            errs.append('%s:%d listed but has no "="' % (c['file'], i))
        if has_eq and i not in cl and i not in tr['prose']:
            errs.append('%s:%d has "=" but is neither claim nor prose' % (c['file'], i))
    for k in ('claims', 'prose'):
        if any(not 1 <= x <= n for x in tr[k]):
            errs.append('%s: %s out of range' % (c['file'], k))
    clean += tr['first_mistake'] == 0
print('%d cases on disk, %d clean, %d faulty' % (len(man), clean, len(man) - clean))
print('\n'.join(errs) if errs else 'structure OK')
sys.exit(1 if errs else 0)
