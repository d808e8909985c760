r"""A layer written with matrices: a chain of matrices and vectors is judged entry by entry.

``W_1 = [[w1, w3], [w2, w4]] = [[0.2, 0.5], [-0.4, 0.6]]`` names a matrix by the problem's weights
(and checks its values). From then on ``W_1 x`` is the vector of ``w1 x1 + w3 x2`` and
``w2 x1 + w4 x2``, ``W_2^T \delta_2`` uses the transpose, ``\delta_2 h^T`` is the outer product
(``\delta_{2,r} h_c``), ``\nabla W_2`` the matrix of ``dE/dw5``, ..., ``⊙`` the product entry by
entry, and ``W_2' = W_2 - \eta \nabla W_2`` the matrix of the updated weights: each entry is a
chain of scalars, judged as one.

>>> import symnn
>>> report = symnn.check('''W_1 = [[w1, w3], [w2, w4]] = [[0.2, 0.5], [-0.4, 0.6]]
... z = W_1 x = (0.25, -0.02)
... W_1' = W_1 + \\eta \\nabla W_1 = [[0.1916, 0.4949], [-0.4126, 0.5924]]
... ''', spec="derivations/backprop_lecture.toml", timeout=None)
>>> [(r.line, r.verdict) for r in report.lines]
[(1, 'correct'), (2, 'correct'), (3, 'formula')]
"""

from __future__ import annotations

from .parse import (
    BinOp,
    Call,
    Gradient,
    Name,
    Neg,
    Part,
    Partial,
    Relation,
    Vector,
    iter_nodes,
    node_text,
)
from .report import VERDICTS, LineResult
from .rows import Row

__all__ = ["Matrices"]

_SEVERITY = {v: k for k, v in enumerate(VERDICTS)}
_SEVERITY["unknown"] = _SEVERITY["formula"] + 0.5  # as for a scalar line
#: most entries a matrix written by hand may have
MAX_ENTRIES = 64


class _Shape(Exception):  # noqa: N818 - a signal: sides whose shapes do not fit together
    pass


class Matrices:
    """Chains with matrices, judged entry by entry (a part of :class:`Checker`)."""

    matrices: dict  # name -> (rows, columns, the entries as written: a tuple of rows of nodes)

    def _matrix_relation(self, row: Row, relation: Relation) -> LineResult | None:
        """The verdict on a chain with a matrix in it; None when it has none."""
        parts = relation.parts
        if not any(_matrix_shape(n) is not None or (isinstance(n, Name) and _base(n.name) in self.matrices)
                   for p in parts for n in iter_nodes(p.node)):  # (a matrix written out, or named)
            return None
        self._chain = None
        head = parts[0].node
        definition = self._matrix_definition(row, relation)
        if definition is not None:
            return definition
        try:
            shapes = [None if self._unknown_head(p.node, k) else self._mshape(p.node)
                      for k, p in enumerate(parts)]
            known = [s for s in shapes if s is not None and s[0] != "s"]
            if not known or any(s != known[0] for s in known):
                raise _Shape("the sides are not all the same shape")
            shape = known[0]
            if shape[0] not in ("m", "v"):
                raise _Shape("a row vector is read only as part of a product")
            cells = [(r, c) for r in range(shape[1]) for c in range(shape[2])] if shape[0] == "m" \
                else [(r,) for r in range(shape[1])]
            if len(cells) > MAX_ENTRIES:
                raise _Shape(f"more than {MAX_ENTRIES} entries")
            results = []
            for cell in cells:
                entries = tuple(Part(node_text(e), p.start, e, p.notes) for p, e in
                                ((p, self._head_entry(p.node, cell) if shapes[k] is None
                                  else self._mentry(p.node, cell)) for k, p in enumerate(parts)))
                self._chain = None
                chain = Relation(relation.text, entries, relation.relations, False)
                results.append(self._check_relation(Row(row.line, row.text), chain))
        except _Shape as error:
            return LineResult(row.line, row.text, "unparsed", f"matrices: {error}; not judged")
        self._chain = None
        if isinstance(head, Name) and shapes[0] is None:  # a name the line gives: its vector or matrix
            if shape[0] == "v":
                self.vectors[head.name] = (shape[1], 1)
            else:
                self.matrices[head.name] = (shape[1], shape[2], tuple(
                    tuple(self._head_entry(head, (r, c)) for c in range(shape[2])) for r in range(shape[1])))
        worst = max(results, key=lambda r: _SEVERITY[r.verdict])
        size = "x".join(map(str, shape[1:]))
        if worst.verdict == "correct":
            return LineResult(row.line, row.text, "correct", f"checked entry by entry ({size})",
                              quantity=node_text(head))
        k = results.index(worst)
        where = "entry " + ",".join(str(i + 1) for i in cells[k])
        return LineResult(row.line, row.text, worst.verdict,
                          f"{where} ({worst.quantity or ''}): {worst.message}", quantity=node_text(head),
                          carried=worst.carried, schedules=worst.schedules, position=worst.position)

    def _matrix_definition(self, row: Row, relation: Relation) -> LineResult | None:
        """``W1 = [[w1, w3], [w2, w4]] = [[0.2, 0.5], [-0.4, 0.6]]``: every side after the name written
        out; the entries of the first are the matrix's from then on."""
        parts = relation.parts
        head = parts[0].node
        shapes = [_matrix_shape(p.node) for p in parts[1:]]
        if not isinstance(head, Name) or _base(head.name) in self.matrices or not shapes \
                or any(s is None or s != shapes[0] for s in shapes):
            return None
        rows, columns = shapes[0]
        results = []
        for r in range(rows):
            for c in range(columns):
                entries = tuple(Part(node_text(e), e.position, e, ()) for e in
                                (p.node.items[r].items[c] for p in parts[1:]))
                self._chain = None
                chain = Relation(relation.text, entries, relation.relations[1:], False)
                results.append(self._check_relation(Row(row.line, row.text), chain))
        self._chain = None
        self.matrices[head.name] = (rows, columns, tuple(parts[1].node.items[r].items for r in range(rows)))
        worst = max(results, key=lambda r: _SEVERITY[r.verdict])
        if worst.verdict == "correct":
            return LineResult(row.line, row.text, "correct", f"{head.name} is a {rows}x{columns} matrix, "
                              "checked entry by entry", quantity=head.name)
        return LineResult(row.line, row.text, worst.verdict, f"an entry of {head.name}: {worst.message}",
                          quantity=head.name, carried=worst.carried, position=worst.position)

    # -- shapes and entries ---------------------------------------------------------------
    def _unknown_head(self, node, k: int) -> bool:
        """A first side that is a name the line gives (``z_1 = W_1 x``), whatever it means alone: it
        takes the shape of the other sides."""
        return k == 0 and isinstance(node, Name) and _base(node.name) not in self.matrices \
            and node.name not in self.vectors

    def _mshape(self, node) -> tuple:
        """("m", rows, columns), ("v", n), ("row", n) for a transposed vector, or ("s",) for a scalar."""
        if isinstance(node, Vector):
            shape = _matrix_shape(node)
            return ("m", *shape) if shape else ("v", len(node.items))
        if isinstance(node, Name):
            if _base(node.name) in self.matrices:
                rows, columns, _ = self.matrices[_base(node.name)]
                return ("m", rows, columns)
            n = self._length(node) if node.name in self.vectors else None if self._resolve(node.name) \
                else self._known_components(node)
            return ("v", n) if n else ("s",)
        if isinstance(node, Gradient):
            return self._mshape(node.variable)
        if isinstance(node, Neg):
            return self._mshape(node.operand)
        if isinstance(node, Call) and node.function == "transpose" and len(node.args) == 1:
            if isinstance(node.args[0], Vector) and _matrix_shape(node.args[0]) is None:
                return ("v", len(node.args[0].items))  # (0.25, -0.02)^T: a column written as a row
            inner = self._mshape(node.args[0])
            return ("m", inner[2], inner[1]) if inner[0] == "m" else ("row", inner[1]) if inner[0] == "v" \
                else inner
        if isinstance(node, Call):
            shapes = {self._mshape(a) for a in node.args} - {("s",)}
            if len(shapes) > 1:
                raise _Shape(f"{node.function} of sides of different shapes")
            return shapes.pop() if shapes else ("s",)
        if isinstance(node, BinOp):
            a, b = self._mshape(node.left), self._mshape(node.right)
            if "m" in (a[0], b[0]) and (node.op == "^" or (node.op == "/" and b[0] == "m")):
                raise _Shape("powers and inverses of matrices are not read")
            if node.op in "^/" and b != ("s",):
                raise _Shape(f"{node_text(node)} is not read entry by entry")
            if a == ("s",) or b == ("s",):
                return b if a == ("s",) else a
            if node.op == "*" and a[0] == "m" and b[0] == "m":
                raise _Shape("products of two matrices are not read (write the product with a vector)")
            if node.op == "*":
                if a[0] == "m" and b[0] == "v" and a[2] == b[1]:
                    return ("v", a[1])
                if a[0] == "v" and b[0] == "row":
                    return ("m", a[1], b[1])
                if a[0] == "row" and b[0] == "v" and a[1] == b[1]:
                    return ("s",)
            if node.op in "*+-" and a == b:
                return a  # entry by entry (⊙, +, -)
            raise _Shape(f"{node_text(node.left)} and {node_text(node.right)} do not fit together")
        return ("s",)

    def _mentry(self, node, cell: tuple):
        """The entry ``cell`` ((row,) of a vector, (row, column) of a matrix, from 0) of a side."""
        if isinstance(node, Vector):
            item = node.items[cell[0]]
            return item.items[cell[1]] if isinstance(item, Vector) and len(cell) == 2 else item
        if isinstance(node, Name):
            base = _base(node.name)
            if base in self.matrices and len(cell) == 2:
                entry = self.matrices[base][2][cell[0]][cell[1]]
                primes = node.name[len(base):]
                if primes and isinstance(entry, Name):  # W_2' is the matrix of the updated weights
                    return Name(entry.name + primes, node.position)
                return entry
            return self._component(node, cell[0]) if self._mshape(node)[0] == "v" else node
        if isinstance(node, Gradient):
            return Partial(node.operand, self._mentry(node.variable, cell), node.position)
        if isinstance(node, Neg):
            return Neg(self._mentry(node.operand, cell), node.position)
        if isinstance(node, Call) and node.function == "transpose" and len(node.args) == 1:
            if isinstance(node.args[0], Vector) and _matrix_shape(node.args[0]) is None:
                return node.args[0].items[cell[0]]
            return self._mentry(node.args[0], tuple(reversed(cell)) if len(cell) == 2 else cell[-1:])
        if isinstance(node, Call):
            return Call(node.function, tuple(self._mentry(a, cell) for a in node.args), node.position,
                        node.power)
        if isinstance(node, BinOp):
            a, b = self._mshape(node.left), self._mshape(node.right)
            if node.op == "*" and a[0] == "m" and b[0] == "v":  # a row of the matrix times the vector
                total = None
                for c in range(a[2]):
                    term = BinOp("*", self._mentry(node.left, (cell[0], c)), self._mentry(node.right, (c,)),
                                 node.position)
                    total = term if total is None else BinOp("+", total, term, node.position)
                return total
            if node.op == "*" and a[0] == "v" and b[0] == "row":  # the outer product
                return BinOp("*", self._mentry(node.left, cell[:1]), self._mentry(node.right, cell[1:]),
                             node.position)
            left = node.left if a == ("s",) else self._mentry(node.left, cell)
            right = node.right if b == ("s",) else self._mentry(node.right, cell)
            return BinOp(node.op, left, right, node.position)
        return node

    def _head_entry(self, head, cell: tuple):
        """The entry ``cell`` of a name the line gives: z_1 -> z1_1, a matrix A -> A_12."""
        if len(cell) == 1:
            return self._component(head, cell[0], head=True)
        return Name(f"{head.name}_{cell[0] + 1}{cell[1] + 1}", head.position)


def _base(name: str) -> str:
    return name.rstrip("'")


def _matrix_shape(node) -> tuple[int, int] | None:
    """(rows, columns) of a matrix written out as rows of a vector (``[[a, b], [c, d]]``), or None."""
    if not isinstance(node, Vector) or not node.items or not all(isinstance(i, Vector) for i in node.items):
        return None
    columns = {len(i.items) for i in node.items}
    return (len(node.items), columns.pop()) if len(columns) == 1 else None
