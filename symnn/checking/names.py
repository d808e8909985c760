"""The names of a worked solution: the problem's quantities, the writer's own names for nodes,
and the lookups the evaluator uses."""

from __future__ import annotations

import re

import sympy

from ..core.errors import ParseError
from .evaluate import (
    _decimal,
    _mp,
    _names,
    _NotNumber,
    _significant,
    _Unresolved,
)
from .parse import (
    BinOp,
    Call,
    Name,
    Neg,
    Num,
    Part,
    Partial,
    iter_nodes,
    node_text,
)
from .precision import MP


def _terms(node, sign: int = 1) -> list[tuple[int, list | None]] | None:
    """The terms of a sum as (sign, factors): factors are names and numbers (None for anything else).

    >>> from .parse import parse_relation
    >>> [(s, [getattr(f, "name", None) or f.source for f in fs])
    ...  for s, fs in _terms(parse_relation("a*0.5 - b*(-2) + 1").parts[0].node)]
    [(1, ['a', '0.5']), (1, ['b', '2']), (1, ['1'])]
    """
    if isinstance(node, BinOp) and node.op in "+-":
        left = _terms(node.left, sign)
        right = _terms(node.right, sign if node.op == "+" else -sign)
        return None if left is None or right is None else left + right
    if isinstance(node, Neg) and isinstance(node.operand, BinOp) and node.operand.op in "+-":
        return _terms(node.operand, -sign)
    factors: list = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, Neg):
            sign = -sign
            stack.append(item.operand)
        elif isinstance(item, BinOp) and item.op == "*":
            stack.extend((item.right, item.left))
        elif isinstance(item, Name | Num) and len(factors) < 4:
            factors.append(item)
        else:
            return [(sign, None)]
    return [(sign, factors)]


#: a component of a one-hot target: y1, y_2
_ONE_HOT = re.compile(r"y_?\{?([1-9])\}?")

#: words that say the values on a line are the ones after the update
_UPDATED_WORDS = re.compile(r"(?i)\b(?:new|updated?|after (?:the |one )?(?:update|step))\b"
                            r"|更新后|更新以后|新的")


def _shows(value, source: str) -> bool:
    """Whether ``value`` rounded to the digits of ``source`` is what ``source`` says."""
    from .carried import _shows_written

    return _shows_written(_decimal(value), source)


class Names:
    """Resolving names and named derivatives to quantities (a part of :class:`Checker`)."""

    def _says_updated(self, row) -> bool:
        """Whether the words before the row on its line, or a short heading line just above it, say
        the values are the updated ones ("new:", "updated weights:", "更新后:")."""
        lines = self.context_text.split("\n")
        if not 0 < row.line <= len(lines):
            return False
        source = lines[row.line - 1]
        before = source[:source.find(row.text)] if row.text in source else ""
        above = next((line.strip() for line in reversed(lines[:row.line - 1]) if line.strip()), "")
        heading = above if len(above) < 60 and "=" not in above and above.endswith((":", "：")) else ""
        return any(_UPDATED_WORDS.search(text) for text in (before, heading))

    def _resolve(self, name: str) -> list:
        """The quantities a name may be: one the writer defined on an earlier line, or the problem's.

        A node the writer names ``e`` is that node, not Euler's number.
        """
        if name in self.defined:
            return [self.defined[name][0]]
        if name == "e":
            return []
        found = self.problem.resolve(name)
        if not found and len(name) > 1 and name[0] == "d" and hasattr(self.problem, "derivative_wrt"):
            # dw0, ddot in a computation graph: the gradient of f with respect to w0, to the node dot
            try:
                return [self._partial_quantity(Partial(Name(self.problem.name, 0), Name(name[1:], 0), 0))]
            except _Unresolved:
                return []
        if not found and (onehot := _ONE_HOT.fullmatch(name)) and hasattr(self, "_stated_true_class"):
            # y1 of a one-hot target the words give ("the true class is the first one")
            true_class = self._stated_true_class()
            if true_class is not None:
                from .problems import Quantity

                value = MP.mpf(int(int(onehot.group(1)) == true_class))
                return [Quantity(f"onehot:{name}", name, value, "defined", given=True)]
        return found

    def _define(self, head: Part, parts: list[Part]):
        """``z = w0*x0 + w1*x1 + w2``, ``g_1 = dE/dIn_o1``: a name of the writer's own for what follows."""
        from .problems import ExpressionProblem

        node = head.node
        bound = self._bind_net_input(node, parts) or self._bind_by_figure(node, parts)
        if bound is not None:
            return bound
        if not isinstance(node, Name) or self._resolve(node.name) or node.name in {"pi"} \
                or not _names(parts[1].node):
            return None
        if node.name == "e" and not any(isinstance(n, Name) and n.name != "e"
                                        for n in iter_nodes(parts[1].node)):
            return None
        try:
            candidates = self._head_candidates(parts[1])
            quantity = candidates[0] if candidates else self._expression_head(parts[1])
            graph = isinstance(self.problem, ExpressionProblem)
            expr = self._expression_sympy(parts[1].node) if graph else None
        except (_Unresolved, _NotNumber, ParseError, TypeError, ValueError):
            return None
        if quantity is None or quantity.value is None:
            return None
        self.defined[node.name] = (quantity, expr)
        return quantity

    # -- the writer's names for net inputs ---------------------------------------------------
    def _bind_net_input(self, node, parts: list[Part]):
        """``z1 = w_{11} x_1 + w_{12} x_2 + β1``, ``s = θ1 net_h1 + θ2 net_h2``: a name that is not the
        spec's, defined by the net input of one unit (up to one term missing or wrong), is that net
        input for the rest of the solution."""
        guessed = getattr(self.problem, "guessed", None)
        if guessed is None or not isinstance(node, Name) \
                or (node.name in self.defined and node.name not in self._net_inputs):
            return None
        meant = self.problem.resolve(node.name)
        if meant and not (guessed(node.name) and all(q.kind == "preactivation" for q in meant)):
            return None  # a spec's name, or a guess that is not a net input (o1 is an output)
        # a name bound before is bound again by a sum of another unit (net = ... for each unit in turn)
        for part in parts[1:]:
            unit = self._net_input_unit(part.node)
            if unit is not None:
                quantity = self.problem.net_input(unit)
                self.defined[node.name] = (quantity, None)
                self._net_inputs[node.name] = f"In_{unit}"
                return quantity
        return None

    def _with_bare_target(self, relation):
        """``o1 − y = 0.4769 − (−0.07)``: a target written without its index, beside one output of the
        network, is that output's target (so using the other output's target is a mistake)."""
        from .rules import _rewrite

        net = getattr(self.problem, "net", None)
        if net is None or len(net.output_units) < 2 or not relation.parts:
            return relation
        head = relation.parts[0].node
        names = [n.name for n in iter_nodes(head) if isinstance(n, Name)]
        bare = [n for n in names if n in ("y", "t", "target") and not self._resolve(n)]
        if not bare:
            return relation
        outputs = {q.label for n in names if n not in bare for q in self._resolve(n)
                   if q.kind == "unit" and q.label in net.output_units}
        if len(outputs) != 1:
            return relation
        target = net.target_name(outputs.pop())
        return _rewrite(relation, lambda n: Name(target, n.position) if n.name in bare else None)

    def _bind_by_figure(self, node, parts: list[Part]):
        """``a1 = 0.593270``, ``z1 = 0.3775`` for Mazur's net: a name that is not the problem's (or only
        by a convention, z1 for the first output's net input), given a bare figure that is one
        quantity of the problem at the digits written and no other, and that the convention's
        meaning is not, is the writer's name for that quantity from here on."""
        # the last figure: of a bare line (a1 = 0.593270), or of a chain with working (a_1 = σ(0.25) = 0.562)
        figure = parts[-1].node.operand if isinstance(parts[-1].node, Neg) else parts[-1].node
        if not isinstance(node, Name) or not isinstance(figure, Num) or node.name in self.defined \
                or node.name == "e":
            return None
        number = figure
        source = ("-" if figure is not parts[-1].node else "") + number.source
        if _significant(number) < 3 or not hasattr(self.problem, "rounded_candidates") \
                or (len(parts) > 2 and not hasattr(self.problem, "net")):
            return None  # (in a computation graph a name with working is a node the formula defines)
        meant = self.problem.resolve(node.name)
        guessed = getattr(self.problem, "guessed", None)
        if meant and (len(parts) > 2 or not (guessed is not None and guessed(node.name))):
            return None
        if any(q.value is not None and _shows(q.value, source) for q in meant):
            return None  # the convention's meaning holds
        if len(parts) > 2 and not self._working_gives(parts[1:-1], source):
            return None  # b = 0.2 * 0.5 = 0.4950: a figure the working does not give names nothing
        found = {q.key: q for q in self.problem.rounded_candidates()
                 if q.value is not None and _shows(q.value, source)}
        values = {MP.nstr(q.value, 25) for q in found.values()}
        if len(values) != 1:
            return None
        # one value, perhaps of two quantities (a ReLU's input and output where it is active): the
        # net input first
        quantity = sorted(found.values(), key=lambda q: q.kind != "preactivation")[0]
        self.defined[node.name] = (quantity, None)
        if quantity.kind in ("preactivation", "unit"):  # dE/dz1 is then dE/dIn_h1
            self._net_inputs[node.name] = quantity.label
        return quantity

    def _working_gives(self, sides: list[Part], source: str) -> bool:
        """Whether every side of the working has a value, and each is the figure ``source`` up to one
        unit in its last digit or 0.5 % (its own numbers rounded): ``(0.247)(0.477)(0.523) = 0.0616``."""
        from ..core.numbers import decimals_written

        figure = MP.mpf(source.replace("−", "-"))
        unit = MP.mpf(10) ** -decimals_written(source)
        for side in sides:
            try:
                value = _mp(self.evaluator.value(side.node))
            except (_Unresolved, _NotNumber, OverflowError, ZeroDivisionError, ValueError, TypeError):
                return False
            if isinstance(value, MP.mpc) or abs(value - figure) > max(unit, abs(figure) / 200):
                return False
        return True

    def _net_input_unit(self, node) -> str | None:
        """The one unit whose net input the sum ``node`` writes, term by term (names or their numbers)."""
        terms = _terms(node)
        if terms is None or len(terms) < 2:
            return None
        matches = []
        for unit in self.problem.net.units:
            expected = self.problem.net_input_terms(unit)
            if len(terms) > len(expected) + 1:
                continue
            free = list(terms)
            found = 0
            for term in expected:
                for written in free:
                    if self._term_is(written, term):
                        free.remove(written)
                        found += 1
                        break
            if found >= max(2, len(expected) - 1):
                matches.append((found, unit))
        best = max((found for found, _ in matches), default=0)
        units = [unit for found, unit in matches if found == best]
        return units[0] if len(units) == 1 else None

    def _term_is(self, written: tuple[int, list], term: tuple) -> bool:
        """Whether a written product (sign, factors) is the product of the quantities ``term``."""
        import itertools

        sign, factors = written
        if factors is None or len(factors) != len(term):
            return False
        for order in itertools.permutations(term):
            if all(self._factor_is(f, q) for f, q in zip(factors, order, strict=True)):
                numbers = [q.value for f, q in zip(factors, order, strict=True) if isinstance(f, Num)]
                expected = 1
                for value in numbers:
                    expected *= 1 if value > 0 else -1 if value < 0 else 0
                return expected == 0 or expected == sign
        return False

    def _factor_is(self, factor, quantity) -> bool:
        from .evaluate import _rounds_to, _same

        if isinstance(factor, Name):
            return any(c.key == quantity.key for c in self._resolve(factor.name))
        if quantity.value is None:
            return False
        size = abs(quantity.value)
        if _same(factor.value, size):
            return True
        if quantity.given:
            return False
        return _rounds_to(size, factor) or any(
            record.key == quantity.key and _same(abs(MP.mpf(str(record.value))), factor.value)
            for record in self.written)

    def _graph_partial(self, node: Partial):
        """d top / d variable for nodes of a computation graph, named by the writer or not."""

        from .problems import Quantity

        numerator = node.numerator
        own = getattr(self.problem, "name", None)
        if isinstance(numerator, Name) and numerator.name == own and own not in self.defined:
            top = self.problem.expr  # f, the expression of the exercise
        else:
            top = self._expression_sympy(numerator)
        variable = self._expression_sympy(node.denominator)
        u = sympy.Dummy("u")
        symbol = isinstance(variable, sympy.Symbol)
        replaced = top.xreplace({variable: u}) if symbol else top.subs(variable, u)
        if u not in replaced.free_symbols:
            raise _Unresolved(node_text(node.denominator), node.position)
        derivative = sympy.diff(replaced, u).subs(u, variable)
        label = f"d{node_text(node.numerator)}/d{node_text(node.denominator)}"
        return Quantity(f"partial:{label}", label, self.problem._value(derivative), "partial", derivative)

    # -- lookups -------------------------------------------------------------------------
    def _lookup_name(self, node: Name):
        candidates = self._resolve(node.name)
        if self._updated_names and candidates and candidates[0].kind in ("unit", "preactivation"):
            lookup = getattr(self.problem, "after_update", None)
            later = [c for c in (lookup(node.name) if lookup is not None else []) if c.value is not None]
            candidates = later[:1] or candidates
        if not candidates or candidates[0].value is None:
            if node.name in {"e"}:
                return MP.e
            if node.name == "pi":
                return MP.pi
            raise _Unresolved(node.name, node.position)
        self._chain_quantities.append(candidates[0])
        return candidates[0].value

    def _writers_number(self, quantity):
        """The number the writer last gave ``quantity`` (its exact value if none), noting the line."""
        for record in reversed(self.written):
            if record.key == quantity.key:
                self._used_lines.append(record.line)
                self._used_records[record.key] = record
                return MP.mpf(str(record.value)) + self._nudged.get(record.key, 0)
        return quantity.value

    def _lookup_written_name(self, node: Name):
        candidates = self._resolve(node.name)
        if not candidates or candidates[0].value is None:
            return self._lookup_name(node)
        return self._writers_number(candidates[0])

    def _with_written_numbers(self, node, exact):
        """The value of ``node`` with the numbers the writer gave its names, and their lines (``exact``
        and no lines when the writer gave none)."""
        saved, self._used_lines = self._used_lines, []
        try:
            value = _mp(self.written_evaluator.value(node))
        except (_Unresolved, _NotNumber, OverflowError, ZeroDivisionError, ValueError, TypeError):
            return exact, []
        finally:
            lines, self._used_lines = sorted(set(self._used_lines)), saved
        return (value, lines) if lines else (exact, [])

    def _lookup_written_partial(self, node: Partial):
        return self._writers_number(self._partial_quantity(node))

    def _partial_quantity(self, node: Partial):
        from .problems import ExpressionProblem, Quantity

        if isinstance(node.numerator, Name) and isinstance(node.denominator, Name) \
                and node.numerator.name == node.denominator.name and self._resolve(node.numerator.name):
            return Quantity(f"one:{node.numerator.name}", node_text(node), MP.mpf(1), "partial")  # df/df
        if isinstance(self.problem, ExpressionProblem):
            top = node.numerator
            if isinstance(top, Name) and top.name in self.defined:
                return self._graph_partial(node)
            if not (isinstance(top, Name) and self._resolve(top.name)) and not (
                    isinstance(top, Call) and self.problem.function(top.function)):
                raise _Unresolved(node_text(top), node.position)
            variable = self._expression_sympy(node.denominator)
            quantity = self.problem.derivative_wrt(variable)
            if quantity is None:
                raise _Unresolved(node_text(node.denominator), node.position)
            return quantity
        if isinstance(node.numerator, Name) and not isinstance(node.denominator, Name):
            unit = self._net_input_unit(node.denominator)  # dE/d(θ1 net_h1 + θ2 net_h2 + θ0)
            if unit is not None:
                node = Partial(node.numerator, Name(f"In_{unit}", node.denominator.position), node.position)
        if not isinstance(node.numerator, Name) or not isinstance(node.denominator, Name):
            raise _Unresolved(node_text(node), node.position)
        bound = self._net_inputs  # dE/dz1 for the writer's z1 = the net input of a1
        candidates = self.problem.resolve_partial(bound.get(node.numerator.name, node.numerator.name),
                                                  bound.get(node.denominator.name, node.denominator.name))
        if not candidates:
            for side in (node.numerator, node.denominator):
                if not self._resolve(side.name):
                    raise _Unresolved(side.name, side.position)
            raise _Unresolved(node_text(node), node.position)
        return candidates[0]

    def _lookup_partial(self, node: Partial):
        quantity = self._partial_quantity(node)
        self._chain_quantities.append(quantity)
        return quantity.value

    def _lookup_call(self, node: Call):
        """``f'(z)`` in a computation graph: df/dz for a node z (named by the writer or not)."""
        from .problems import ExpressionProblem

        if not isinstance(self.problem, ExpressionProblem):
            return None
        if node.function == self.problem.name and not self._own_arguments(node):
            raise _Unresolved(node_text(node), node.position)  # f elsewhere: not the exercise's value
        if len(node.args) != 1 or node.function != self.problem.name + "'" or node.power is not None:
            return None
        try:
            return self._graph_partial(Partial(Name(self.problem.name, node.position), node.args[0],
                                               node.position)).value
        except (_Unresolved, ParseError, TypeError, ValueError):
            return None

    def _lookup_function(self, name: str):
        quantity = self.problem.function(name)
        return None if quantity is None else quantity.value

    def _expression_sympy(self, node):
        from .parse import to_sympy

        table = self.problem.sympy_names()
        names = {}
        for n in iter_nodes(node):
            if isinstance(n, Name):
                from .problems import normal

                symbol = table.get(normal(n.name))
                if n.name in self.defined and self.defined[n.name][1] is not None:
                    symbol = self.defined[n.name][1]
                if symbol is None and n.name not in {"e", "pi"}:
                    raise _Unresolved(n.name, n.position)
                if symbol is not None:
                    names[n.name] = symbol
        return to_sympy(node, numbers="exact", names=names)

    # -- quantities ----------------------------------------------------------------------
    def _head_candidates(self, part: Part) -> list:
        node = part.node
        if isinstance(node, Name):
            return self._resolve(node.name)
        if isinstance(node, Partial):
            try:
                return [self._partial_quantity(node)]
            except _Unresolved:
                return []
        if isinstance(node, Call) and self._own_arguments(node):
            quantity = self.problem.function(node.function)
            if quantity is not None:
                return [quantity]
        return []

    def _own_arguments(self, node: Call) -> bool:
        """Whether ``f(...)`` is the exercise's f at its own point: f(w, x) or f(w0, x0, ...), not
        f(w0 + h) (the writer's f somewhere else)."""
        symbols = set(getattr(self.problem, "symbols", {}))
        return all(isinstance(a, Name) and (a.name in symbols or len(a.name) == 1) for a in node.args)

    def _expression_head(self, part: Part):
        """A quantity for a head that is an expression of known names (``w_0 x_0``)."""
        from .problems import ExpressionProblem, Quantity

        if not _names(part.node):
            return None
        try:
            value = self.evaluator.value(part.node)
        except (_Unresolved, _NotNumber):
            return None
        if isinstance(self.problem, ExpressionProblem):
            try:
                expr = self._expression_sympy(part.node)
                return self.problem.expression_quantity(expr, node_text(part.node))
            except (_Unresolved, ParseError):
                pass
        return Quantity(f"expr:{node_text(part.node)}", node_text(part.node), value, "expression")

    # -- number candidates ---------------------------------------------------------------
