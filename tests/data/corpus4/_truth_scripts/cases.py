"""All corpus4 cases, in file order."""
import cases_lecture, cases_mazur, cases_three, cases_circuit, cases_none
CASES = []
for m in [cases_lecture, cases_mazur, cases_three, cases_circuit, cases_none]:
    CASES += m.CASES
