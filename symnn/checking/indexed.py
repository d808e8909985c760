"""Rules the writer states for every index, used on the lines below.

``J_ij = p_i(δ_ij − p_j)`` on one line makes ``J12`` on a later line mean ``p1(0 − p2)``: the
chain written for J12 is judged against it, so ``J12 = p1·p2`` is a wrong sign even where the
problem itself gives no value for J12. The rule is the writer's; a line that contradicts it is
reported with the rule's line named.
"""

from __future__ import annotations

import re
from fractions import Fraction

import sympy

from ..core.errors import ParseError
from .parse import Name, Num, Part, Relation, iter_nodes, node_text, to_sympy
from .precision import MP
from .rows import Row
from .rules import _rewrite
from .softmax import _KRONECKER

__all__ = ["DescentSteps", "IndexRules"]

#: a name with index letters: J_ij, J_{ij}, g_i
_RULE_HEAD = re.compile(r"([A-Za-z]+)_([ijk]{1,2})")
#: a name with index letters after its base: p_i, delta_ij
_INDEXED = re.compile(r"([A-Za-z]+)_?([ijk]{1,2})")


class IndexRules:
    """Learning and applying the writer's indexed rules (a part of :class:`Checker`)."""

    index_rules: dict  # base name -> (index letters, the rule's right side, its line)

    def _learn_index_rule(self, relation: Relation, line: int) -> None:
        """Remember ``J_ij = ... = p_i(δ_ij − p_j)``: its last side, a formula of indexed names."""
        parts = relation.parts
        if relation.continued or len(parts) < 2 or not isinstance(parts[0].node, Name):
            return
        head = _RULE_HEAD.fullmatch(parts[0].node.name)
        if head is None or len(set(head.group(2))) != len(head.group(2)):
            return
        letters = head.group(2)
        rule = parts[-1].node
        names = [n for n in iter_nodes(rule) if isinstance(n, Name)]
        if any(isinstance(n, Num) and n.decimals > 0 for n in iter_nodes(rule)) or not names:
            return
        for n in names:
            indexed = _INDEXED.fullmatch(n.name)
            if indexed is None or not set(indexed.group(2)) <= set(letters):
                return
        self.index_rules[head.group(1)] = (letters, rule, line)

    def _with_index_rule(self, row: Row, relation: Relation) -> tuple[Relation, int] | None:
        """``J12 = p1·p2 = 0.1453`` with the rule of J: ``J12 = p1(0 − p2) = p1·p2 = 0.1453`` and the
        rule's line, or None."""
        head = relation.parts[0].node if relation.parts else None
        if relation.continued or not isinstance(head, Name) or not self.index_rules:
            return None
        match = re.fullmatch(r"([A-Za-z]+)_?\{?(\d+)\}?", head.name)
        if match is None or match.group(1) not in self.index_rules:
            return None
        letters, rule, line = self.index_rules[match.group(1)]
        if len(match.group(2)) != len(letters) or line == row.line:
            return None
        at = dict(zip(letters, match.group(2), strict=True))

        def put(node):
            kronecker = _KRONECKER.fullmatch(node.name)
            if kronecker and len(kronecker.group(1)) == 2:
                i, j = (at[c] for c in kronecker.group(1))
                return Num(str(int(i == j)), Fraction(int(i == j)), node.position)
            indexed = _INDEXED.fullmatch(node.name)
            return Name(indexed.group(1) + "".join(at[c] for c in indexed.group(2)), node.position)

        instance = _rewrite(Relation("", (Part("", 0, rule),)), put).parts[0].node
        if not all(self._resolve(n.name) for n in iter_nodes(instance) if isinstance(n, Name)):
            return None
        side = Part(node_text(instance), relation.parts[0].start, instance, ())
        return Relation(relation.text, (relation.parts[0], side, *relation.parts[1:]),
                        ("=", *relation.relations), False), line


class DescentSteps:
    """The writer's function L(w): its derivative at a number, and steps of gradient descent on it
    (a part of :class:`Checker`)."""

    def _derivative_at(self, letter: str, argument: Name):
        """``L'(w1)`` where the writer gave w1 a value: a name for the derivative's value there, or None."""
        from .problems import Quantity

        known = self._resolve(argument.name)
        if not known or known[0].value is None:
            return None
        variable, body = self.symbolic[letter]
        try:
            expr = to_sympy(body, numbers="exact")
            symbol = sympy.Symbol(variable)
            if expr.free_symbols - {symbol}:
                return None
            slope = sympy.diff(expr, symbol).subs(symbol, sympy.Float(MP.nstr(known[0].value, 40), 40))
            value = MP.mpf(str(sympy.N(slope, 40)))
        except (TypeError, ValueError, AttributeError, ParseError):
            return None
        label = f"{letter}'({argument.name})"
        self.defined[label] = (Quantity(f"slope:{label}", label, value, "defined"), None)
        return Name(label, argument.position)

    def _with_descent_step(self, relation: Relation) -> Relation | None:
        """``w2 = -0.10 + 0.15*(-4.20) = -0.730`` after ``L(w) = (w-2)^2 + 1`` and ``lr = 0.15``: the
        step is ``w1 - lr * L'(w1)``, put in after the name, so a step the wrong way is a mistake."""
        parts = relation.parts
        head = parts[0].node if parts else None
        if relation.continued or len(parts) < 2 or not isinstance(head, Name) \
                or not any(isinstance(n, Num) for p in parts[1:] for n in iter_nodes(p.node)):
            return None
        match = re.fullmatch(r"([A-Za-z]+)_?\{?(\d{1,3})\}?", head.name)
        if match is None or int(match.group(2)) < 1:
            return None
        stem, k = match.group(1), int(match.group(2))
        previous = next((name for name in (f"{stem}{k - 1}", f"{stem}_{k - 1}") if self._resolve(name)), None)
        function = next((name for name, (variable, _body) in self.symbolic.items() if variable == stem), None)
        rate = next((name for name in ("lr", "eta", "alpha", "learning_rate") if self._resolve(name)), None)
        if previous is None or function is None or rate is None:
            return None
        from .problems import Quantity

        try:
            expr = to_sympy(self.symbolic[function][1], numbers="exact")
            variable = sympy.Symbol(stem)
            if expr.free_symbols - {variable}:
                return None
            start, eta = self._resolve(previous)[0].value, self._resolve(rate)[0].value
            slope = sympy.diff(expr, variable).subs(variable, sympy.Float(MP.nstr(start, 40), 40))
            value = start - eta * MP.mpf(str(sympy.N(slope, 40)))
        except (TypeError, ValueError, AttributeError, IndexError, ParseError):
            return None
        label = f"{previous} - {rate}*{function}'({previous})"
        self.defined[label] = (Quantity(f"step:{label}", label, value, "defined"), None)
        step = Name(label, head.position)
        side = Part(label, parts[0].start, step, ())
        return Relation(relation.text, (parts[0], side, *parts[1:]), ("=", *relation.relations), False)

