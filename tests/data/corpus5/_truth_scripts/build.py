"""Write every solution text, its truth file and MANIFEST.toml."""
import os, importlib
from lib import Case
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODULES = ['cases_lecture', 'cases_mazur', 'cases_three', 'cases_circuit', 'cases_none']

def all_cases():
    cases = []
    for m in MODULES:
        mod = importlib.import_module(m)
        cases.extend(mod.CASES())
    cases.sort(key=lambda c: c.name)
    return cases

if __name__ == '__main__':
    man = []
    for c in all_cases():
        fn = f"{c.name}.{c.ext}"
        with open(os.path.join(ROOT, fn), 'w', encoding='utf-8') as f:
            f.write(c.text())
        with open(os.path.join(ROOT, f"{c.name}.truth.toml"), 'w', encoding='utf-8') as f:
            f.write(c.toml())
        t = c.truth()
        man.append(f'[[case]]\nfile = "{fn}"\ntruth = "{c.name}.truth.toml"\n'
                   f'problem = "{c.problem}"\nfirst_mistake = {t["first_mistake"]}\n')
        print(fn, len(c.lines), 'lines', 'first_mistake', t['first_mistake'])
    with open(os.path.join(ROOT, 'MANIFEST.toml'), 'w', encoding='utf-8') as f:
        f.write('\n'.join(man))
