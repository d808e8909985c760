"""Softmax without a spec: its index rules, its Jacobian and cross-entropy gradient with the writer's
figures, and the true class of a one-hot label (a part of :class:`Checker`)."""

from __future__ import annotations

import itertools
import re
from fractions import Fraction

from .parse import BinOp, Derivative, Name, Num, Partial, Relation, iter_nodes, node_text
from .report import MISTAKES, LineResult
from .rows import Row
from .rules import _LOSS_NAMES, _rewrite

__all__ = ["SoftmaxRules"]


class SoftmaxRules:
    """Rules of the softmax and its cross-entropy (a part of :class:`Checker`)."""

    def _softmax_indices(self, row: Row, relation: Relation) -> LineResult | None:
        """``d yhat_i / d z_j = yhat_i (delta_ij - yhat_j)``: a rule over the softmax's indices, checked
        for every i and j of a softmax of three inputs (``delta_ij`` is 1 where i = j, else 0)."""
        from .identities import check_identity

        names = {n.name for part in relation.parts for n in iter_nodes(part.node) if isinstance(n, Name)}
        letters = {m.group(2) for name in names if (m := _SOFTMAX_INDEXED.fullmatch(name))}
        others = {n for n in names if not (_SOFTMAX_INDEXED.fullmatch(n) or _KRONECKER.fullmatch(n))}
        if not letters or not any(name.startswith("yhat") for name in names) or others:
            return None
        failed = []
        lines = self.context_text.split("\n")
        source = lines[row.line - 1] if 0 < row.line <= len(lines) else row.text
        different = _DIFFERENT_INDICES.search(source) is not None  # "for i != j"
        same = not different and _SAME_INDICES.search(source) is not None and len(letters) == 2  # "if i = j"
        for values in itertools.product((1, 2, 3), repeat=len(letters)):
            at = dict(zip(sorted(letters), map(str, values), strict=True))
            if (different and len(set(values)) < len(values)) or (same and len(set(values)) > 1):
                continue

            def put(node, at=at):
                kronecker = _KRONECKER.fullmatch(node.name)
                if kronecker:
                    i, j = (at.get(c, c) for c in kronecker.group(1))
                    return Num(str(int(i == j)), Fraction(int(i == j)), node.position)
                match = _SOFTMAX_INDEXED.fullmatch(node.name)
                return Name(f"{match.group(1)}{at[match.group(2)]}", node.position) if match else None

            verdict, message = check_identity(_rewrite(relation, put), self._context(row))
            if verdict != "correct":
                failed.append((at, verdict, message))
        self._chain = None
        head = node_text(relation.parts[0].node)
        if failed:
            at, verdict, message = failed[0]
            where = ", ".join(f"{k} = {v}" for k, v in at.items())
            return LineResult(row.line, row.text, verdict if verdict in MISTAKES else "unknown",
                              f"fails for {where}: {message}", quantity=head)
        condition = " with i != j" if different else " with i = j" if same else ""
        return LineResult(row.line, row.text, "correct", f"holds for every {' and '.join(sorted(letters))}"
                          f"{condition} of a softmax of three inputs (delta_ij = 1 if i = j, else 0)",
                          quantity=head)

    def _softmax_cross_entropy(self, row: Row, relation: Relation) -> LineResult | None:
        """``dL/dz1 = yhat1 - 1`` in a solution about softmax with cross-entropy that does not write L
        down: L = -log yhat_c for the true class c. The class need not be read from the words: the
        claim is right if it holds for some class, a mistake if for none."""
        from .identities import check_identity
        from .parse import parse_relation

        partials = [n for part in relation.parts for n in iter_nodes(part.node) if isinstance(n, Partial)
                    and isinstance(n.numerator, Name) and n.numerator.name in _LOSS_NAMES
                    and n.numerator.name not in self.symbolic and isinstance(n.denominator, Name)
                    and re.fullmatch(r"z_?\d+", n.denominator.name)]
        if not partials or not _CROSS_ENTROPY.search(self.context_text):
            return None
        size = max(3, *(int(re.sub(r"\D", "", n.name)) for part in relation.parts
                        for n in iter_nodes(part.node) if isinstance(n, Name) and re.search(r"\d", n.name)))
        outcomes = []
        for c in range(1, min(size, 12) + 1):
            loss = parse_relation(f"-\\log \\hat y_{c}").parts[0].node

            def put(node, loss=loss):
                if node in partials:
                    return Derivative(loss, node.denominator, node.position)
                return self._label_value(node) if isinstance(node, Name) else None

            outcomes.append(check_identity(_rewrite(relation, put, kinds=(Partial, Name)),
                                           self._context(row)))
        self._chain = None
        head = node_text(relation.parts[0].node)
        holds = {c for c, (verdict, _) in enumerate(outcomes, start=1) if verdict == "correct"}
        # the true class: stated (y = (0, 1, 0), "true class 2", 真实类别是第二类) or fixed by the
        # lines before; every line must hold for it
        known = self._true_class(len(outcomes))
        rule = "softmax with cross-entropy: dL/dz_k = yhat_k - y_k (y one-hot at the true class"
        if holds & known:
            self._cross_entropy_classes = holds & known
            return LineResult(row.line, row.text, "correct", rule + ")", quantity=head)
        if holds or all(verdict == "formula" for verdict, _ in outcomes):
            where = ", ".join(map(str, sorted(known))) if len(known) < len(outcomes) else None
            why = f"; the true class is {where}" if where else "; this holds for no class"
            if holds and where:
                why += f", this holds only for class {', '.join(map(str, sorted(holds)))}"
            return LineResult(row.line, row.text, "formula", rule + ")" + why, quantity=head)
        return None

    def _with_softmax_values(self, relation: Relation) -> Relation:
        """A numeric line about the softmax written with the writer's figures for it: ``∂ŷ2/∂z3 = -0.0154``
        is ``-ŷ2 ŷ3``, and with cross-entropy for a known true class c, ``∂L/∂z1`` is ``ŷ1 - [1 = c]``
        (the writer's ŷ given as figures; a line without a figure is left to the identities)."""
        from .identities import SOFTMAX_OUTPUT

        if not any(isinstance(n, Num) and n.decimals > 0 for p in relation.parts for n in iter_nodes(p.node)):
            return relation

        def hat(k: str):
            name = f"yhat{k}"
            return Name(name, 0) if self._resolve(name) else None

        def put(node):
            if not isinstance(node.denominator, Name) or not isinstance(node.numerator, Name):
                return None
            bottom = re.fullmatch(r"z_?(\d+)", node.denominator.name)
            if bottom is None:
                return None
            j = bottom.group(1)
            top = node.numerator.name
            if SOFTMAX_OUTPUT.fullmatch(top):
                i = re.sub(r"\D", "", top)
                yi, yj = hat(i), hat(j)
                if yi is None or yj is None:
                    return None
                kronecker = Num(str(int(i == j)), Fraction(int(i == j)), node.position)
                return BinOp("*", yi, BinOp("-", kronecker, yj, node.position), node.position)
            if top in _LOSS_NAMES and _CROSS_ENTROPY.search(self.context_text):
                yj = hat(j)
                classes = self._true_class(max(3, int(j)))
                if yj is None or len(classes) != 1:
                    return None
                hot = int(int(j) in classes)
                return BinOp("-", yj, Num(str(hot), Fraction(hot), node.position), node.position)
            return None

        return _rewrite(relation, put, kinds=(Partial,))

    def _true_class(self, size: int) -> set[int]:
        """The classes the true class may be: stated in the solution, or fixed by its earlier lines."""
        earlier = getattr(self, "_cross_entropy_classes", None)
        if earlier:
            return set(earlier)
        onehot = [self.defined.get(f"y{k}") for k in range(1, size + 1)]
        if all(item is not None for item in onehot):
            values = [item[0].value for item in onehot]
            if sorted(values) == [0] * (size - 1) + [1]:
                return {values.index(1) + 1}
        number = self._stated_true_class()
        if number is not None and 1 <= number <= size:
            return {number}
        return set(range(1, size + 1))

    def _stated_true_class(self) -> int | None:
        """The true class the words state: "true class 3", "the true class is the first one",
        真实类别是第二类."""
        match = _TRUE_CLASS.search(self.context_text)
        if match is None:
            return None
        word = next(g for g in match.groups() if g).lower()
        if word.isdigit():
            return int(word)
        return _ORDINALS.index(word) + 1 if word in _ORDINALS else "一二三四五六七八九".find(word) + 1

    def _label_value(self, node: Name) -> Num | None:
        """A label the solution gives as data (y = (0, 1, 0), y = 1): its 0 or 1, for the identities."""
        if not re.fullmatch(r"y_?\d*", node.name) or node.name in self.symbolic:
            return None
        known = self._resolve(node.name)
        if known and known[0].value in (0, 1) and known[0].key.startswith(("defined:", "onehot:")):
            return Num(str(int(known[0].value)), Fraction(int(known[0].value)), node.position)
        return None


#: softmax names with an index letter (yhat_i, z_j) and the Kronecker delta (delta_ij)
_SOFTMAX_INDEXED = re.compile(r"(yhat|z)_?([ijk])")
_KRONECKER = re.compile(r"delta_?([ijk]{2})")
#: a condition on two indices said beside a rule: i != j, or i = j
_DIFFERENT_INDICES = re.compile(r"\b[ijk]\s*(?:\\neq?|≠|!=|<>)\s*[ijk]\b")
_SAME_INDICES = re.compile(r"\b([ijk])\s*=\s*(?!\1)[ijk]\b")
_CROSS_ENTROPY = re.compile(r"(?i)cross[- ]?entropy|交叉熵|\bCE\b")
_TRUE_CLASS = re.compile(r"(?i)(?:true|correct|target)\s+(?:class|label)\s*(?:is\s*|=\s*)?(?:the\s+)?"
                         r"(?:class\s*)?(\d{1,2}|first|second|third|fourth|fifth)\b"
                         r"|真实类别(?:是|为)?\s*第?\s*([一二三四五六七八九]|\d{1,2})\s*类?")
_ORDINALS = ("first", "second", "third", "fourth", "fifth")
