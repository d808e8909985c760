"""Saying what is wrong with a formula: the factor or term that differs from the chain rule's."""

from __future__ import annotations

import itertools
import math

import sympy

from .evaluate import (
    _close,
    _NotNumber,
    _numbers,
    _Unresolved,
)
from .parse import (
    BinOp,
    Call,
    Neg,
    Part,
    node_text,
)
from .report import figure_text as _fig
from .report import (
    shorten,
)


class Diagnosis:
    """Comparing a written product or sum with the expected factors (a part of :class:`Checker`)."""

    def _diagnose(self, part: Part, quantity, value) -> str:
        base = (f"{shorten(part.text, 60)} is {_fig(float(value))}, but {quantity.label} is "
                f"{_fig(float(quantity.value))}")
        try:
            detail = self._which_factor(part.node, quantity)
        except (_Unresolved, _NotNumber, TypeError, ValueError, OverflowError):
            detail = None
        return detail or base

    def _which_factor(self, node, quantity) -> str | None:
        expected = _expected_factors(quantity, self.problem)
        if expected is None:
            return None
        kind, items = expected
        bare = _strip_neg(node)
        if quantity.paths and len(quantity.paths) > 1 and isinstance(bare, BinOp) and bare.op in "+-":
            detail = self._compare_paths(node, tuple(quantity.paths))  # the paths written out in full
            if detail:
                return detail
        if kind == "product":
            return self._compare_products(node, items, quantity)
        if kind == "sum":
            return self._compare_sums(node, items, quantity)
        if kind == "call":
            _function, argument_items, argument_label = items
            inner = node
            while isinstance(inner, Neg):
                inner = inner.operand
            if isinstance(inner, Call) and inner.args:
                arg_value = self.evaluator.value(inner.args[0])
                detail = self._compare_sums(inner.args[0], argument_items, None)
                expected_value = sum(float(v) for _, _, v in argument_items)
                text = (f"the argument of {inner.function} is {_fig(float(arg_value))}, "
                        f"but {argument_label} is {_fig(expected_value)}")
                return text + (f" ({detail})" if detail else "")
        return None

    def _values_of(self, node) -> list[float]:
        """Plausible values of a written subexpression: as written, and with carried numbers."""
        numbers = _numbers(node)
        options = [self._candidates(n) for n in numbers]
        total = 1
        for o in options:
            total *= len(o)
        combos = itertools.product(*options) if total <= 256 else [tuple(o[0] for o in options)]
        values = []
        for combo in combos:
            try:
                v = self.evaluator.value(node, {id(n): c[0] for n, c in zip(numbers, combo, strict=True)},
                                         m=math)
            except (_NotNumber, OverflowError, ZeroDivisionError):
                continue
            if not isinstance(v, complex):
                values.append(v)
        return values

    def _compare_products(self, node, expected: list, quantity) -> str | None:
        sign, factors = _flatten_product(node)
        written = [(f, self._values_of(f)) for f in factors]
        matched_expected = [False] * len(expected)
        unmatched_written = []
        slips = []
        i = 0
        while i < len(written):
            hit = None
            for run in (1, 2, 3):
                if i + run > len(written):
                    break
                if run > 1 and any(w[1] and all(abs(abs(v) - 1) < 1e-12 for v in w[1])
                                   for w in written[i:i + run]):
                    continue  # a factor 1 (dIn_h1/dIn_h1) is never part of a group: it is a slip
                products = _run_products([w[1] for w in written[i:i + run]])
                for k, (_label, _formula, value) in enumerate(expected):
                    if matched_expected[k]:
                        continue
                    if any(_close(p, value) for p in products):
                        hit = (run, k, False)
                        break
                    if any(_close(p, -value) for p in products) and abs(float(value)) > 0:
                        hit = (run, k, True)
                        break
                if hit:
                    break
            if hit:
                run, k, flipped = hit
                matched_expected[k] = True
                if flipped:
                    sign = -sign
                    slips.append((written[i:i + run], expected[k]))
                i += run
            else:
                unmatched_written.append(written[i])
                i += 1
        missing = [e for e, m in zip(expected, matched_expected, strict=True) if not m]
        if not missing and not unmatched_written:
            if slips and sign < 0:
                group, (label, formula, value) = slips[0]
                text = "*".join(node_text(g[0]) for g in group)
                return (f"a sign slip: the factor {text} should be {label} = {_formula_text(formula)} "
                        f"= {_fig(float(value))}")
            if sign < 0:
                return "a sign slip: the written product has the opposite sign"
            return None
        if len(missing) == 1 and len(unmatched_written) == 1:
            (label, formula, value), (w_node, w_values) = missing[0], unmatched_written[0]
            if isinstance(formula, tuple) and isinstance(_strip_neg(w_node), BinOp) \
                    and _strip_neg(w_node).op in "+-":
                inner = self._compare_paths(_strip_neg(w_node), formula)
                if inner:
                    return inner
            shown = _fig(w_values[0]) if w_values else "?"
            return (f"the factor {node_text(w_node)} = {shown} should be {label} = {_formula_text(formula)} "
                    f"= {_fig(float(value))}")
        parts = []
        if missing:
            parts.append(" and ".join(f"{label} = {_formula_text(formula)} = {_fig(float(value))}"
                                      for label, formula, value in missing))
            parts[-1] = ("the factor " if len(missing) == 1 else "the factors ") + parts[-1] + \
                (" is missing" if len(missing) == 1 else " are missing")
        if unmatched_written:
            listed = ", ".join(node_text(w[0]) for w in unmatched_written)
            parts.append(f"{listed} {'is' if len(unmatched_written) == 1 else 'are'} not a factor of "
                         f"{quantity.label if quantity is not None else 'it'}")
        return "; ".join(parts)

    def _compare_paths(self, node, paths: tuple) -> str | None:
        """A written sum against the chain-rule paths (each a list of factors)."""
        terms = _flatten_sum(node)
        path_values = [math.prod(float(v) for _, _, v in path) for path in paths]
        used = [False] * len(paths)
        stray = []
        for sign, term in terms:
            values = [sign * v for v in self._values_of(term)]
            k = next((k for k, pv in enumerate(path_values) if not used[k] and any(_close(v, pv)
                                                                                 for v in values)), None)
            if k is None:
                stray.append((sign, term))
            else:
                used[k] = True
        left = [p for p, u in zip(paths, used, strict=True) if not u]
        if len(stray) == 1 and len(left) == 1:
            sign, term = stray[0]
            term_node = term if sign > 0 else Neg(term)
            detail = self._compare_products(term_node, left[0], None)
            path_text = "*".join(label for label, _, _ in left[0])
            return f"in the path {path_text}: {detail}" if detail else None
        if not stray and left:
            return "the path " + ", ".join("*".join(label for label, _, _ in p) for p in left) + " is missing"
        return None

    def _compare_sums(self, node, expected: list, quantity) -> str | None:
        terms = _flatten_sum(node)
        matched = [False] * len(expected)
        stray = []
        for sign, term in terms:
            values = [sign * v for v in self._values_of(term)]
            k = next((k for k, (_, _, ev) in enumerate(expected)
                      if not matched[k] and any(_close(v, ev) for v in values)), None)
            if k is None:
                k = next((k for k, (_, _, ev) in enumerate(expected) if not matched[k]
                          and abs(float(ev)) > 0 and any(_close(v, -ev) for v in values)), None)
                if k is not None:
                    matched[k] = True
                    _label, formula, ev = expected[k]
                    text = node_text(term) if sign > 0 else f"-{_wrap_text(term)}"
                    return (f"a sign slip: the term {text} should be {_formula_text(formula)} "
                            f"= {_fig(float(ev))}")
                stray.append((sign, term, values))
            else:
                matched[k] = True
        missing = [e for e, m in zip(expected, matched, strict=True) if not m]
        if len(stray) == 1 and len(missing) == 1:
            sign, term, values = stray[0]
            _label, formula, ev = missing[0]
            shown = _fig(values[0]) if values else "?"
            text = node_text(term) if sign > 0 else f"-{_wrap_text(term)}"
            return f"the term {text} = {shown} should be {_formula_text(formula)} = {_fig(float(ev))}"
        if stray or missing:
            pieces = []
            if stray:
                pieces.append("the terms written: " + ", ".join(
                    f"{node_text(t)} = {_fig(v[0]) if v else '?'}" for _, t, v in stray))
            if missing:
                pieces.append("expected: " + ", ".join(f"{_formula_text(f)} = {_fig(float(ev))}"
                                                       for _, f, ev in missing))
            return "; ".join(pieces)
        return None

    # -- LaTeX beyond our grammar --------------------------------------------------------


def _wrap_text(node) -> str:
    text = node_text(node)
    return f"({text})" if isinstance(node, BinOp) and node.op in "+-" else text


def _strip_neg(node):
    while isinstance(node, Neg):
        node = node.operand
    return node


def _flatten_product(node) -> tuple[int, list]:
    """sign and factors of a written product (division kept as a factor ``1/x``)."""
    sign = 1
    factors = []

    def walk(n):
        nonlocal sign
        if isinstance(n, Neg):
            sign = -sign
            walk(n.operand)
        elif isinstance(n, BinOp) and n.op == "*":
            walk(n.left)
            walk(n.right)
        else:
            factors.append(n)

    walk(node)
    return sign, factors


def _flatten_sum(node) -> list[tuple[int, object]]:
    terms = []

    def walk(n, sign):
        if isinstance(n, BinOp) and n.op in "+-":
            walk(n.left, sign)
            walk(n.right, sign if n.op == "+" else -sign)
        elif isinstance(n, Neg) and isinstance(n.operand, BinOp) and n.operand.op in "+-":
            walk(n.operand, -sign)
        else:
            terms.append((sign, n))

    walk(node, 1)
    return terms


def _run_products(value_lists: list[list[float]]) -> list[float]:
    products = [1.0]
    for values in value_lists:
        products = [p * v for p in products for v in values[:8]]
        products = products[:64]
    return products


def _formula_text(formula) -> str:

    if isinstance(formula, tuple):
        return " + ".join("*".join(label for label, _, _ in path) for path in formula)
    if isinstance(formula, sympy.Basic):
        return sympy.sstr(formula)
    return str(formula)


def _expected_factors(quantity, problem):
    """The structure a written expression for ``quantity`` is compared with."""

    def value(expr):
        from .problems import _mpf

        return _mpf(expr.xreplace(problem.values))

    if quantity.paths:
        paths = quantity.paths
        if len(paths) == 1:
            return "product", list(paths[0])
        labels = [{label for label, _, _ in path} for path in paths]
        common_labels = set.intersection(*labels)
        common = [f for f in paths[0] if f[0] in common_labels]
        heads = tuple([f for f in path if f[0] not in common_labels] for path in paths)
        head_value = sum(math.prod(float(v) for _, _, v in head) for head in heads)
        return "product", [("the sum over the paths", heads, head_value), *common]
    structure = quantity.structure
    if structure is None:
        return None
    if isinstance(structure, sympy.Add):
        return "sum", [(sympy.sstr(t), t, value(t)) for t in structure.as_ordered_terms()]
    if isinstance(structure, sympy.Mul):
        return "product", [(sympy.sstr(f), f, value(f)) for f in structure.as_ordered_factors()]
    if isinstance(structure, sympy.Function) and len(structure.args) == 1:
        argument = structure.args[0]
        terms = argument.as_ordered_terms() if isinstance(argument, sympy.Add) else [argument]
        return "call", (type(structure).__name__, [(sympy.sstr(t), t, value(t)) for t in terms],
                        sympy.sstr(argument))
    return None


