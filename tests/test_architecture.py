"""The layers of symnn: imports point only downward, and no two modules import each other in a circle.

Every import of every module is read from its syntax tree, function-level ones included. The
one upward import allowed is a math object's lazy printing hook (``__str__``, ``_repr_latex_``,
``to_latex``, ...) calling a printer in ``render/``, as SymPy's ``Printable`` does.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "symnn"

#: layer of each subpackage, lowest first; a module may import only from its own package or a lower layer
LAYERS: dict[str, int] = {
    "core": 0,
    "testing": 0,
    "topics": 1,
    "models": 2,
    "document": 3,
    "render": 4,
    "checking": 5,
    "exercises": 6,
    "lecture": 6,
    "web": 7,
    "cli": 8,
}
PRINTING_HOOKS = {"__str__", "__repr__", "_repr_latex_", "_repr_markdown_",
                  "to_latex", "to_markdown", "to_text"}
#: packages of the project that are not the library: it must never import them by name
OUTSIDE = {"derivations", "benchmarks", "tests"}


def module_name(path: Path, root: Path = PACKAGE) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def sources(root: Path = PACKAGE) -> dict[str, tuple[str, bool]]:
    """module name -> (source text, is a package)."""
    return {module_name(p, root): (p.read_text(encoding="utf-8"), p.name == "__init__.py")
            for p in sorted(root.rglob("*.py"))}


def imports(module: str, source: str, is_package: bool) -> list[tuple[str, int, str | None]]:
    """(imported module, line, enclosing function or None) for every import in ``source``."""
    package = module if is_package else module.rpartition(".")[0]
    found: list[tuple[str, int, str | None]] = []

    def visit(node: ast.AST, function: str | None) -> None:
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else function
            if isinstance(child, ast.Import):
                found.extend((alias.name, child.lineno, function) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package.split(".")
                    base = base[: len(base) - (child.level - 1)]
                    target = ".".join(base + ([child.module] if child.module else []))
                else:
                    target = child.module or ""
                # "from . import x" may name a module: count the more specific name
                for alias in child.names:
                    found.append((f"{target}.{alias.name}", child.lineno, function))
            elif (isinstance(child, ast.Call) and getattr(child.func, "attr", getattr(child.func, "id", ""))
                  == "import_module" and child.args and isinstance(child.args[0], ast.Constant)
                  and isinstance(child.args[0].value, str)):
                found.append((child.args[0].value, child.lineno, function))
            visit(child, inner)

    visit(ast.parse(source), None)
    return found


def resolve(name: str, modules: set[str]) -> str | None:
    """The symnn module that ``name`` refers to (a module, or the module defining an imported name)."""
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def layer(module: str) -> tuple[str, int] | None:
    parts = module.split(".")
    if len(parts) < 2 or parts[1] not in LAYERS:
        return None
    return parts[1], LAYERS[parts[1]]


def violations(tree: dict[str, tuple[str, bool]]) -> list[str]:
    """Every upward or sideways import, every import of the project's non-library packages, every cycle."""
    modules = set(tree)
    problems: list[str] = []
    edges: dict[str, set[str]] = {m: set() for m in modules}
    for module, (source, is_package) in tree.items():
        here = layer(module)
        for name, line, function in imports(module, source, is_package):
            if name.split(".")[0] in OUTSIDE:
                problems.append(f"{module}:{line} imports {name}, which is not part of the library")
                continue
            target = resolve(name, modules)
            if target is None or target == module:
                continue
            if not (module.startswith(target + ".") and tree[target][1]):
                edges[module].add(target)
            there = layer(target)
            if here is None or there is None or here[0] == there[0]:
                continue
            if there[1] < here[1]:
                continue
            if there[0] == "render" and function in PRINTING_HOOKS:
                continue
            direction = "sideways" if there[1] == here[1] else "upward"
            problems.append(f"{module}:{line} imports {target}: {direction} from {here[0]} to {there[0]}")
    # cycles between modules (package __init__ files that only gather their children are not edges)
    state: dict[str, int] = {}
    stack: list[str] = []

    def walk(module: str) -> None:
        state[module] = 1
        stack.append(module)
        for target in sorted(edges[module]):
            if state.get(target) == 1:
                cycle = [*stack[stack.index(target):], target]
                problems.append("import cycle: " + " -> ".join(cycle))
            elif target not in state:
                walk(target)
        stack.pop()
        state[module] = 2

    for module in sorted(modules):
        if module not in state:
            walk(module)
    return problems


def test_imports_point_only_downward_and_never_in_a_circle():
    tree = sources()
    assert len(tree) > 40
    assert violations(tree) == []


def test_every_module_lives_in_a_layer():
    loose = [m for m in sources() if m.count(".") == 1 and m.split(".")[1] not in LAYERS
             and m not in {"symnn.__main__"}]
    assert loose == []


@pytest.mark.parametrize("line, expected", [
    ("from ..models import network\n", "upward from core to models"),
    ("def f():\n    from ..checking.parse import parse_expression\n", "upward from core to checking"),
    ("def f():\n    from ..render.latex import latex\n", "upward from core to render"),
    ("import importlib\nimportlib.import_module('derivations.backprop')\n", "not part of the library"),
    ("from benchmarks import run\n", "not part of the library"),
])
def test_the_check_catches_a_fabricated_upward_import(line, expected):
    tree = sources()
    source, is_package = tree["symnn.core.numeric"]
    tree["symnn.core.numeric"] = (source + "\n" + line, is_package)
    assert any(expected in problem for problem in violations(tree)), violations(tree)


def test_the_check_catches_a_fabricated_cycle():
    tree = sources()
    source, is_package = tree["symnn.core.errors"]
    tree["symnn.core.errors"] = (source + "\ndef f():\n    from . import equality\n", is_package)
    assert any(p.startswith("import cycle:") and "symnn.core.errors" in p for p in violations(tree))


def test_the_printing_hook_is_the_one_allowed_upward_import():
    tree = sources()
    source, is_package = tree["symnn.core.numeric"]
    tree["symnn.core.numeric"] = (source + "\ndef _repr_latex_():\n    from ..render.latex import latex\n",
                                  is_package)
    assert violations(tree) == []
