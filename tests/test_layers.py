"""The modules form layers (docs/architecture.md): no module imports, even inside a function,
one that imports it back. A circle means two modules that cannot be understood, tested or
changed apart; checks/run.py <-> dataset.py was the last one."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

import relgraph

PACKAGE = Path(relgraph.__file__).parent


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> nx.DiGraph:
    """Module -> each relgraph module it imports, at the top or inside a function."""
    modules = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = package
                for _ in range(node.level - 1):
                    base = base.rpartition(".")[0]
                target = ".".join(filter(None, [base, node.module])) if node.level \
                    else node.module or ""
                for alias in node.names:
                    child = f"{target}.{alias.name}"
                    graph.add_edge(name, child if child in modules else target)
            elif isinstance(node, ast.Import):
                graph.add_edges_from((name, alias.name) for alias in node.names)
    # Only edges between relgraph's own modules; the package itself (`relgraph`: its version,
    # and `load`, which imports api lazily) is the entry point, not a layer.
    return graph.subgraph(set(modules) - {"relgraph"}).copy()


def test_the_import_graph_has_the_modules_it_should():
    graph = import_graph()
    # Edges this test must see, or it would pass by seeing none: a top-level import, a
    # relative one two levels up and one inside a function.
    assert graph.has_edge("relgraph.checks.run", "relgraph.datafiles")
    assert graph.has_edge("relgraph.dataset", "relgraph.checks.run")  # inside check_dataset
    assert graph.has_edge("relgraph.cli", "relgraph.render")


def test_no_module_imports_one_that_imports_it_back():
    assert list(nx.simple_cycles(import_graph())) == []
