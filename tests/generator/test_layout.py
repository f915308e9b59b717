"""The compiler's layout: one keyword table, recursion through the scope, no import circle."""

from __future__ import annotations

import ast
from pathlib import Path

from compiler.keywords import ANY, FAMILIES, KEYWORDS, SUPPORTED

COMPILER = Path(__file__).resolve().parent.parent.parent / "scripts" / "compiler"


def imports() -> dict[str, set[str]]:
    """module -> the compiler modules it imports (relative imports only)."""
    found: dict[str, set[str]] = {}
    for path in COMPILER.glob("*.py"):
        modules: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                modules |= {node.module} if node.module else {alias.name for alias in node.names}
        found[path.stem] = modules
    return found


def test_no_compiler_module_imports_another_in_a_circle() -> None:
    graph = imports()
    circles = []

    def visit(module: str, chain: list[str]) -> None:
        for imported in graph.get(module, set()):
            if imported in chain:
                circles.append(chain[chain.index(imported) :] + [imported])
            else:
                visit(imported, [*chain, imported])

    for module in graph:
        visit(module, [module])
    assert circles == []


def test_no_import_inside_a_function() -> None:
    """A late import is how a circle hides: the compiler has none."""
    for path in COMPILER.glob("*.py"):
        for function in ast.walk(ast.parse(path.read_text())):
            if isinstance(function, ast.FunctionDef):
                inner = [n for n in ast.walk(function) if isinstance(n, (ast.Import, ast.ImportFrom))]
                assert inner == [], f"{path.name}: {function.name} imports"


def test_one_table_lists_each_keyword_once() -> None:
    names = [keyword for keyword, _, _ in KEYWORDS]
    assert len(names) == len(set(names)) == len(SUPPORTED)
    assert {family for _, family, _ in KEYWORDS} == {ANY, *FAMILIES}
    assert names[0] == "type"
