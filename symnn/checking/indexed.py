"""Rules the writer states for every index, used on the lines below.

``J_ij = p_i(δ_ij − p_j)`` on one line makes ``J12`` on a later line mean ``p1(0 − p2)``: the
chain written for J12 is judged against it, so ``J12 = p1·p2`` is a wrong sign even where the
problem itself gives no value for J12. The rule is the writer's; a line that contradicts it is
reported with the rule's line named.
"""

from __future__ import annotations

import re
from fractions import Fraction

from .parse import Name, Num, Part, Relation, iter_nodes, node_text
from .rows import Row

__all__ = ["IndexRules"]

#: a name with index letters: J_ij, J_{ij}, g_i
_RULE_HEAD = re.compile(r"([A-Za-z]+)_([ijk]{1,2})")
#: a name with index letters after its base: p_i, delta_ij
_INDEXED = re.compile(r"([A-Za-z]+)_?([ijk]{1,2})")
_KRONECKER = re.compile(r"delta_?([ijk]{2})")


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
            if not isinstance(node, Name):
                return node
            kronecker = _KRONECKER.fullmatch(node.name)
            if kronecker and len(kronecker.group(1)) == 2:
                i, j = (at[c] for c in kronecker.group(1))
                return Num(str(int(i == j)), Fraction(int(i == j)), node.position)
            indexed = _INDEXED.fullmatch(node.name)
            return Name(indexed.group(1) + "".join(at[c] for c in indexed.group(2)), node.position)

        instance = _mapped(rule, put)
        if not all(self._resolve(n.name) for n in iter_nodes(instance) if isinstance(n, Name)):
            return None
        side = Part(node_text(instance), relation.parts[0].start, instance, ())
        return Relation(relation.text, (relation.parts[0], side, *relation.parts[1:]),
                        ("=", *relation.relations), False), line


def _mapped(node, put):
    """``node`` with every node replaced by ``put(node)``, leaves first."""
    from dataclasses import fields, replace

    if not hasattr(node, "__dataclass_fields__"):
        return node
    changes = {}
    for f in fields(node):
        item = getattr(node, f.name)
        if isinstance(item, tuple):
            changes[f.name] = tuple(_mapped(x, put) for x in item)
        elif hasattr(item, "__dataclass_fields__"):
            changes[f.name] = _mapped(item, put)
    return put(replace(node, **changes) if changes else node)
