r"""Vectors in a worked solution: a chain whose sides are vectors is judged component by component.

``p = softmax(z) = (0.6590, 0.2424, 0.0986)`` is three chains, ``p1 = exp(z1)/(exp(z1) + exp(z2) +
exp(z3)) = 0.6590`` and so on, each judged as a chain of scalars (each component at its own digits
written). A vector given as data (``\hat y = (0.34, 0.46, 0.20)``) names its components (``yhat1``,
``yhat2``, ``yhat3``) for the lines below, as ``x = 0.5`` names x, and its numbers are exact: where
they are written again they are the data, not rounded intermediate results. ``p - y`` of two
vectors is component-wise, ``\nabla_w f`` the vector of ``df/dw0``, ``df/dw1``, ..., and a sum
without limits over a vector (``\sum (\hat y - y)^2``) the sum of its components.

>>> import symnn
>>> report = symnn.check('''z = (2.0, 1.0, 0.1)
... p = softmax(z) = (0.6590, 0.2424, 0.0986)
... p - z = (-1.3410, -0.7576, -0.0024)
... ''', timeout=None)
>>> [(r.line, r.verdict) for r in report.lines]
[(1, 'correct'), (2, 'correct'), (3, 'arithmetic')]
>>> report.lines[-1].message
'component 3 (p3 - z3): -0.0024 is -0.0024, but p3 - z3 is -0.00143411'
"""

from __future__ import annotations

from fractions import Fraction

from .parse import (
    BinOp,
    Call,
    Gradient,
    Name,
    Neg,
    Num,
    Part,
    Partial,
    Relation,
    Sum,
    TooComplexError,
    Vector,
    iter_nodes,
    node_text,
)
from .report import VERDICTS, LineResult
from .rows import Row
from .vectorgrammar import MAX_COMPONENTS

_SEVERITY = {v: k for k, v in enumerate(VERDICTS)}
_SEVERITY["unknown"] = _SEVERITY["formula"] + 0.5  # as for a scalar line


class _NoRange(Exception):  # noqa: N818 - a signal: the sum's range is not known here
    pass


_OPEN_SUM = "a sum over an index whose range is not known"
#: most nodes the components of one row may be written out into (softmax of softmax grows fast)
MAX_EXPANDED = 20_000


class _Unread(Exception):  # noqa: N818 - a signal: a function of a vector that is not component-wise
    pass


#: functions whose value at a vector is not the vector of their values (|x| is a norm)
_NOT_COMPONENT_WISE = {"abs", "sqrt"}


class _Mismatch(Exception):  # noqa: N818 - a signal: vectors of different lengths
    pass


class Vectors:
    """Chains of vectors, judged component by component (a part of :class:`Checker`)."""

    vectors: dict  # name -> (number of components, index of the first: 0 for w0, 1 for x1)
    exact_numbers: set  # |value| of every number given as data: exact where it is written again

    def _vector_relation(self, row: Row, relation: Relation) -> LineResult | None:
        """The verdict on a chain with a vector or an open sum in it; None when it has neither."""
        parts = relation.parts
        head = parts[0].node if parts else None
        matrix = self._matrix_relation(row, relation)
        if matrix is not None:
            return matrix
        named = [n for part in parts for n in _names_outside_partials(part.node)
                 if n.name in self.vectors and n is not head]
        if not named and not any(isinstance(n, Vector | Gradient | Sum)
                                 or (isinstance(n, Call) and n.function == "transpose")
                                 for part in parts for n in iter_nodes(part.node)):
            if isinstance(head, Name) and len(parts) > 1:
                self.vectors.pop(head.name, None)  # the name is given anew, as a number
            return None
        if relation.continued and getattr(self, "_vector_side", None) is not None:
            relation = Relation(relation.text, (self._vector_side, *relation.parts),
                                ("=", *relation.relations), False)
        elif relation.continued:
            self._chain = None
            return LineResult(row.line, row.text, "unknown", "a row of vectors that continues a chain "
                              "whose side above is not a vector")
        self._vector_side = None
        self._expanded = 0
        try:
            parts = [Part(p.text, p.start, self._summed(p.node), p.notes) for p in relation.parts]
        except _NoRange as error:
            return self._open_rule(row, relation, str(error) or _OPEN_SUM)
        except (_Mismatch, _Unread) as error:
            return _unread_shape(row, str(error))
        relation = Relation(relation.text, tuple(parts), relation.relations, relation.continued)
        try:
            lengths = {n for n in (self._length(p.node) for p in parts) if n is not None}
        except (_Mismatch, _Unread) as error:
            return _unread_shape(row, str(error))
        if not lengths:
            return self._check_relation(row, relation)  # the sums were scalars
        if len(lengths) > 1:
            return _unread_shape(row, f"the sides are vectors of {' and '.join(map(str, sorted(lengths)))} "
                                 "components")
        size = lengths.pop()
        for part in parts:
            if self._length(part.node) is None and not any(
                    isinstance(n, Name | Partial | Gradient) for n in iter_nodes(part.node)):
                return _unread_shape(row, f"{part.text} is a number, not a vector of {size} components",
                                     part.start)
        results = []
        for k in range(size):
            component = tuple(Part(node_text(node), node.position if isinstance(p.node, Vector) else p.start,
                                   node, p.notes)
                              for p, node in ((p, self._component(p.node, k, head=p is parts[0]))
                                              for p in parts))
            self._chain = None
            defined = isinstance(component[0].node, Name)  # the line names the vector it gives
            missing = [n for part in component[int(defined):] for n in _names_outside_partials(part.node)
                       if n.name not in {"e", "pi"} and not self._resolve(n.name)]
            if missing:  # y1 of a y never given: no value, and no identity in free variables either
                results.append(LineResult(row.line, row.text, "unknown", f"unknown name '{missing[0].name}'",
                                          position=missing[0].position))
                continue
            results.append(self._check_relation(
                Row(row.line, row.text), Relation(relation.text, component, relation.relations, False)))
        self._chain, self._last_side, self._vector_side = None, None, parts[-1]
        return self._vector_result(row, parts, results)

    def _vector_result(self, row: Row, parts: list[Part], results: list[LineResult]) -> LineResult:
        head = parts[0].node
        size = len(results)
        data = isinstance(head, Name) and len(parts) == 2 and isinstance(parts[1].node, Vector) \
            and all(_number(item) is not None for item in parts[1].node.items)
        if isinstance(head, Name) and head.name not in {"e", "pi"} \
                and not any(r.verdict in ("unknown", "unparsed", "too complex") for r in results):
            self.vectors[head.name] = (size, self._base(head.name))
        if data:
            self.exact_numbers.update(abs(_number(item)) for item in parts[1].node.items)
        last = parts[-1].node
        if isinstance(head, Name) and isinstance(last, Vector) and len(last.items) == size:
            # p = (0.2312, ...), p = softmax(z) = (0.72844, ...): p1 may be a rounded result
            for k, item in enumerate(last.items):
                figure = item.operand if isinstance(item, Neg) else item
                if isinstance(figure, Num):
                    self.figure_names[self._indexed(head.name, k)] = figure
        worst_k = max(range(size), key=lambda k: _SEVERITY[results[k].verdict])
        worst = results[worst_k]
        if worst.verdict == "correct":
            if data:
                names = [self._indexed(head.name, k) for k in (0, size - 1)]
                message = f"{head.name} is given as a vector of {size} values ({names[0]} ... {names[1]})"
            else:
                kept = list(dict.fromkeys(r.message for r in results if r.message))
                message = f"checked component by component ({size} components)" + \
                    (": " + kept[0] if kept else "")
            return LineResult(row.line, row.text, "correct", message, quantity=node_text(head))
        label = worst.quantity or node_text(self._component(head, worst_k))
        carried = sorted({line for r in results for line in r.carried})
        return LineResult(row.line, row.text, worst.verdict, f"component {worst_k + 1} ({label}): "
                          f"{worst.message}", quantity=node_text(head), carried=carried,
                          schedules=worst.schedules, position=worst.position)

    def _open_rule(self, row: Row, relation: Relation, reason: str) -> LineResult:
        r"""A sum whose range is not known (``L_i = sum over j != y_i of ...``): a definition; in a
        longer chain the sides around it are judged (``\sum_j e^{z_j} = 2.7183 + 7.3891 = 10.1074``)."""
        self._chain = None
        head = relation.parts[0].node
        if len(relation.parts) == 2 and isinstance(head, Name) and not self._resolve(head.name):
            return LineResult(row.line, row.text, "correct", f"a definition of {head.name} ({reason}: "
                              "it has no value to check here)", quantity=head.name)
        runs: list[list[Part]] = [[]]
        for part in relation.parts:
            if any(isinstance(n, Sum) or _transposed(n) is not None for n in iter_nodes(part.node)):
                runs.append([])  # a link across the side not read is not judged
            else:
                runs[-1].append(part)
        parts = max(runs, key=len)
        if len(parts) >= 2:
            result = self._judge_chain(row, Relation(row.text, tuple(parts), ("=",) * (len(parts) - 1)))
            if result is not None:
                result.message = (result.message + "; " if result.message else "") + f"not read: {reason}"
                return result
        return LineResult(row.line, row.text, "unknown", f"{reason} cannot be checked")

    # -- components ------------------------------------------------------------------------
    def _base(self, name: str) -> int:
        """The index of the first component of ``name``: 0 when the problem knows ``name0`` (w0)."""
        if name in self.vectors:
            return self.vectors[name][1]
        return 0 if self._resolve(f"{name}0") else 1

    def _indexed(self, name: str, k: int) -> str:
        """The name of component ``k`` (from 0): yhat1, w0; img1_1 for a name that ends in a digit."""
        return f"{name}{'_' if name[-1:].isdigit() else ''}{self._base(name) + k}"

    def _is_vector_name(self, name: str) -> bool:
        return name in self.vectors or (name not in {"e", "pi"} and not self._resolve(name))

    def _length(self, node) -> int | None:
        """The number of components of a side (None: a scalar, or not known)."""
        if isinstance(node, Vector):
            return len(node.items)
        if isinstance(node, Name):
            record = self.vectors.get(node.name)
            return record[0] if record else None
        if isinstance(node, Gradient):
            return self._length(node.variable) or self._known_components(node.variable)
        if isinstance(node, Partial):
            return self._length(node.denominator)
        children = [node.operand] if isinstance(node, Neg) else [node.left, node.right] \
            if isinstance(node, BinOp) else list(node.args) if isinstance(node, Call) else []
        lengths = {n for n in (self._length(c) for c in children) if n is not None}
        if not lengths and isinstance(node, Call) and node.function == "softmax":
            raise _Unread(f"softmax of {node_text(node.args[0]) if node.args else ''}: its components are "
                          "not known (give the vector first)")
        if lengths and isinstance(node, Call) and node.function in _NOT_COMPONENT_WISE:
            raise _Unread(f"{node.function} of a vector is not read here")
        if len(lengths) > 1:
            raise _Mismatch(f"{node_text(node)} combines vectors of "
                            f"{' and '.join(map(str, sorted(lengths)))} components")
        return lengths.pop() if lengths else None

    def _known_components(self, node) -> int | None:
        """How many components the problem knows for a name (w0, w1, w2: 3)."""
        if not isinstance(node, Name):
            return None
        base = self._base(node.name)
        count = 0
        while count < MAX_COMPONENTS and self._resolve(f"{node.name}{base + count}"):
            count += 1
        return count or None

    def _problem_components(self, node) -> int | None:
        """``\\sum (t - o)^2`` in a problem that knows t1, t2 and o1, o2: the number of components the
        problem knows for the names of ``node`` that are not values of their own (None unless one)."""
        sizes = {self._known_components(n) for n in _names_outside_partials(node)
                 if n.name not in {"e", "pi"} and not self._resolve(n.name)}
        return sizes.pop() if len(sizes) == 1 and None not in sizes else None

    def _component(self, node, k: int, head: bool = False):
        """Component ``k`` (from 0) of a side; a scalar stays itself. A name that heads a chain of
        vectors is a vector (``E = (0.03, 0.18)`` gives E1 and E2, whatever E alone means)."""
        if isinstance(node, Vector):
            return node.items[k]
        if isinstance(node, Name):
            vector = self._is_vector_name(node.name) or (head and node.name not in {"e", "pi"})
            return Name(self._indexed(node.name, k), node.position) if vector else node
        if isinstance(node, Gradient):
            return Partial(node.operand, self._component(node.variable, k), node.position)
        if isinstance(node, Partial):
            if self._length(node.denominator) is None and isinstance(node.numerator, Name) \
                    and node.numerator.name in self.vectors:
                return Partial(self._component(node.numerator, k), node.denominator, node.position)
            return Partial(node.numerator, self._component(node.denominator, k), node.position)
        if isinstance(node, Neg):
            return Neg(self._component(node.operand, k), node.position)
        if isinstance(node, BinOp):
            return BinOp(node.op, self._component(node.left, k), self._component(node.right, k),
                         node.position)
        if isinstance(node, Call):
            if _transposed(node) is not None:
                return self._component(_transposed(node), k)
            if node.function == "softmax" and len(node.args) == 1:
                size = self._length(node.args[0]) or self._length(node) or 1
                inner = list(iter_nodes(node.args[0]))
                if any(isinstance(n, Call) and n.function == "softmax" for n in inner):
                    raise TooComplexError("a softmax of a softmax is too large to write out")
                self._grow(size * len(inner))
                terms = [Call("exp", (self._component(node.args[0], j),), node.position) for j in range(size)]
                total = terms[0]
                for term in terms[1:]:
                    total = BinOp("+", total, term, node.position)
                return BinOp("/", terms[k], total, node.position)
            return Call(node.function, tuple(self._component(a, k) for a in node.args), node.position,
                        node.power)
        return node

    def _summed(self, node):
        """``node`` with every sum over the components of a vector written out term by term."""
        if isinstance(node, Sum):
            if node.excluded is not None:
                raise _NoRange
            operand = self._summed(node.operand)
            if node.index:
                operand, size = self._indexed_terms(operand, node.index)
            else:
                size = self._length(operand) or self._problem_components(operand)
                if size is None:
                    raise _NoRange
                self._grow(size * sum(1 for _ in iter_nodes(operand)))
                operand = [self._component(operand, k) for k in range(size)]
            total = operand[0]
            for term in operand[1:]:
                total = BinOp("+", total, term, node.position)
            return total
        if isinstance(node, Neg):
            return Neg(self._summed(node.operand), node.position)
        if isinstance(node, BinOp):
            left, right = self._summed(node.left), self._summed(node.right)
            if node.op == "*" and _transposed(left) is not None:
                return self._dot(_transposed(left), right, node.position)
            inner = _transposed(left.right) if isinstance(left, BinOp) and left.op == "*" else None
            if node.op == "*" and inner is not None:  # a w^T x
                return BinOp("*", left.left, self._dot(inner, right, node.position), node.position)
            return BinOp(node.op, left, right, node.position)
        if isinstance(node, Call):
            return Call(node.function, tuple(self._summed(a) for a in node.args), node.position, node.power)
        if isinstance(node, Vector):
            return Vector(tuple(self._summed(item) for item in node.items), node.position)
        return node

    def _grow(self, nodes: int) -> None:
        """Count the nodes a row's components are written out into; refuse a row that grows too large."""
        self._expanded = getattr(self, "_expanded", 0) + nodes
        if self._expanded > MAX_EXPANDED:
            raise TooComplexError(f"the components of this row would have more than {MAX_EXPANDED} terms")

    def _dot(self, left, right, position: int):
        """``w^T x``: the sum of the products of the components."""
        sizes = {self._length(left), self._length(right)}
        if len(sizes) != 1 or None in sizes:
            raise _NoRange("a product of vectors whose components are not known")
        size = sizes.pop()
        self._grow(size * (sum(1 for _ in iter_nodes(left)) + sum(1 for _ in iter_nodes(right))))
        total = None
        for k in range(size):
            term = BinOp("*", self._component(left, k), self._component(right, k), position)
            total = term if total is None else BinOp("+", total, term, position)
        return total

    def _indexed_terms(self, operand, index: str) -> tuple[list, int]:
        """The terms of ``\\sum_i y_i \\log \\hat y_i``: y_i is component i of the vector y."""
        suffix = f"_{index}"
        bases = {n.name[:-len(suffix)] for n in iter_nodes(operand)
                 if isinstance(n, Name) and n.name.endswith(suffix) and len(n.name) > len(suffix)}
        sizes = {self.vectors[b][0] for b in bases if b in self.vectors}
        if not bases or len(sizes) != 1 or any(b not in self.vectors for b in bases):
            raise _NoRange
        size = sizes.pop()
        terms = []
        for k in range(size):
            def put(n, k=k):
                if isinstance(n, Name) and n.name.endswith(suffix) and n.name[:-len(suffix)] in bases:
                    return Name(self._indexed(n.name[:-len(suffix)], k), n.position)
                return None
            terms.append(_replaced(operand, put))
        return terms, size


def _unread_shape(row: Row, why: str, position: int | None = None) -> LineResult:
    """Sides of different shapes: more often a reading the writer did not mean (``(0,5 + 0,3)`` with
    decimal commas is the vector (0, 5.3)) than a mistake, so the line is not judged."""
    return LineResult(row.line, row.text, "unparsed", f"{why}; not judged (a decimal comma after '(' "
                      "is read as a list separator: write 0.5)", position=position)


def _number(node) -> Fraction | None:
    if isinstance(node, Num):
        return node.value
    if isinstance(node, Neg) and isinstance(node.operand, Num):
        return -node.operand.value
    return None


def _transposed(node):
    """The vector ``w`` of ``w^T``, or None."""
    if isinstance(node, Call) and node.function == "transpose" and len(node.args) == 1:
        return node.args[0]
    return None


def _names_outside_partials(node):
    """The names of a side that are values (not the names inside a named derivative)."""
    if isinstance(node, Name):
        yield node
    elif not isinstance(node, Partial):
        children = [node.operand] if isinstance(node, Neg) else [node.left, node.right] \
            if isinstance(node, BinOp) else list(node.args) if isinstance(node, Call) else []
        for child in children:
            yield from _names_outside_partials(child)


def _replaced(node, put):
    """``node`` with each name ``put`` gives a replacement for replaced."""
    new = put(node)
    if new is not None:
        return new
    if isinstance(node, Neg):
        return Neg(_replaced(node.operand, put), node.position)
    if isinstance(node, BinOp):
        return BinOp(node.op, _replaced(node.left, put), _replaced(node.right, put), node.position)
    if isinstance(node, Call):
        return Call(node.function, tuple(_replaced(a, put) for a in node.args), node.position, node.power)
    if isinstance(node, Partial):
        return Partial(_replaced(node.numerator, put), _replaced(node.denominator, put), node.position)
    return node
