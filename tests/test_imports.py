"""eventwire's modules import each other without cycles.

The import graph is read from the source with ``ast`` (nothing is imported). Two graphs are checked:
the imports at module level, which Python runs on import, and the same with the imports inside
functions added. A function-level import that closes a cycle is how misplaced code hides (two modules
that each need the other), so both must be acyclic. Imports under ``if TYPE_CHECKING:`` never run and
are left out. ``from package import name`` counts as importing ``package.name`` when that is a module,
else ``package`` itself; the parent packages Python runs first are not counted.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "eventwire"


@dataclass
class ImportGraph:
    """Which eventwire modules each module imports, at module level and inside functions."""

    modules: set[str]
    top: dict[str, set[str]] = field(default_factory=dict)
    inner: dict[str, set[str]] = field(default_factory=dict)

    def everything(self) -> dict[str, set[str]]:
        return {m: self.top.get(m, set()) | self.inner.get(m, set()) for m in self.modules}


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _targets(module: str, is_package: bool, node: ast.Import | ast.ImportFrom, modules: set[str]) -> Iterator[str]:
    """The modules one import statement names (absolute names; may lie outside eventwire)."""
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
        return
    base = node.module or ""
    if node.level:
        package = module if is_package else module.rpartition(".")[0]
        for _ in range(node.level - 1):
            package = package.rpartition(".")[0]
        base = f"{package}.{node.module}" if node.module else package
    for alias in node.names:
        yield f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base


def _known(name: str, modules: set[str]) -> str | None:
    """``name`` or its nearest enclosing module that is one of ``modules``."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def _is_type_checking(node: ast.AST) -> bool:
    test = node.test if isinstance(node, ast.If) else None
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _walk(node: ast.AST, inside_function: bool = False) -> Iterator[tuple[ast.Import | ast.ImportFrom, bool]]:
    """Every runtime import statement under ``node``, with whether it sits inside a function."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.Import | ast.ImportFrom):
            yield child, inside_function
        elif _is_type_checking(child):
            assert isinstance(child, ast.If)
            for branch in child.orelse:
                yield from _walk(branch, inside_function)
        else:
            function = isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            yield from _walk(child, inside_function or function)


def import_graph(root: Path = PACKAGE) -> ImportGraph:
    """The import graph of the package at ``root``."""
    paths = {module_name(p, root): p for p in sorted(root.rglob("*.py"))}
    graph = ImportGraph(set(paths))
    for module, path in paths.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node, inside in _walk(tree):
            for target in _targets(module, path.name == "__init__.py", node, graph.modules):
                found = _known(target, graph.modules)
                if found and found != module:
                    (graph.inner if inside else graph.top).setdefault(module, set()).add(found)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as ``[a, b, ..., a]``, or None when the graph is acyclic."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt):], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        state[node] = 2
        path.pop()
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


@pytest.fixture(scope="module")
def graph() -> ImportGraph:
    return import_graph()


def test_the_graph_covers_the_package(graph: ImportGraph) -> None:
    assert {"eventwire.ingest", "eventwire.worker", "eventwire.store.database", "eventwire.store.parquet"} <= (
        graph.modules)
    assert "eventwire.worker" in graph.top["eventwire.distributed"]
    assert "eventwire.store.parquet" in graph.inner["eventwire.store.database"]


def test_module_level_imports_have_no_cycle(graph: ImportGraph) -> None:
    cycle = find_cycle(graph.top)
    assert cycle is None, f"import cycle at module level: {' -> '.join(cycle or [])}"


def test_imports_inside_functions_close_no_cycle(graph: ImportGraph) -> None:
    cycle = find_cycle(graph.everything())
    assert cycle is None, (f"import cycle through an import inside a function: {' -> '.join(cycle or [])}; "
                           "move the code both modules need into a module of its own")


def test_the_worker_imports_neither_ingest_nor_the_store(graph: ImportGraph) -> None:
    """What runs in a worker process stays light: it loads the coder and codes, it never stores."""
    imported = graph.everything()["eventwire.worker"]
    assert not {m for m in imported if m.startswith(("eventwire.store", "eventwire.ingest", "eventwire.distributed"))}


def test_a_cycle_through_a_function_level_import_is_found(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("")
    (package / "a.py").write_text("from .sub import b\n")
    (package / "sub" / "b.py").write_text("def f():\n    from ..a import g\n")
    (package / "c.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from . import a\n")
    found = import_graph(package)
    assert find_cycle(found.top) is None and found.top.get("pkg.c") is None
    assert find_cycle(found.everything()) == ["pkg.a", "pkg.sub.b", "pkg.a"]
