"""The layout: one keyword table, recursion through the scope, and no import circle anywhere in the tree
(the runtime in src/, generated/, scripts/ and the compiler), late imports inside functions included."""

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


ROOT = COMPILER.parent.parent


def tree_imports() -> dict[str, set[str]]:
    """module -> the modules of this tree it imports, anywhere in its code. Modules are named as Python
    imports them: indoxhub_contract.x (generated/ is indoxhub_contract.generated.x), and scripts by
    their own names (scripts/ is on the path when they run: contract, compiler.refs, bench_common)."""
    roots = [
        (ROOT / "src" / "indoxhub_contract", "indoxhub_contract"),
        (ROOT / "generated", "indoxhub_contract.generated"),  # a link in src/, which rglob does not follow
        (ROOT / "scripts", ""),
        (ROOT / "benchmarks", ""),  # run with scripts/ on the path too (the Makefile sets PYTHONPATH)
    ]
    files: dict[str, Path] = {}
    for folder, prefix in roots:
        for path in folder.rglob("*.py"):
            if "__pycache__" in path.parts:
                continue
            parts = list(path.relative_to(folder).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            files[".".join(p for p in [prefix, *parts] if p)] = path
    graph: dict[str, set[str]] = {}
    for module, path in files.items():
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        found: set[str] = set()
        for node in runtime_nodes(ast.parse(path.read_text())):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = package.split(".") if node.level else []
                base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                origin = ".".join([*base, *([node.module] if node.module else [])])
                targets = [
                    f"{origin}.{alias.name}" if f"{origin}.{alias.name}" in files else origin for alias in node.names
                ]
            found |= {target for target in targets if target in files and target != module}
        graph[module] = found
    return graph


def runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node but those under `if TYPE_CHECKING:`, which never run (annotations only)."""
    nodes: list[ast.AST] = []
    pending = [tree]
    while pending:
        node = pending.pop()
        nodes.append(node)
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            pending += node.orelse
            continue
        pending += ast.iter_child_nodes(node)
    return nodes


def test_no_import_circle_anywhere() -> None:
    graph = tree_imports()
    assert {"indoxhub_contract", "indoxhub_contract.generated.validators", "compiler.refs", "bench"} <= set(graph)
    circles = []

    def visit(module: str, chain: list[str]) -> None:
        for imported in sorted(graph.get(module, set())):
            if imported in chain:
                circles.append(chain[chain.index(imported) :] + [imported])
            elif imported not in done:
                visit(imported, [*chain, imported])
        done.add(module)

    done: set[str] = set()
    for module in sorted(graph):
        visit(module, [module])
    assert circles == []


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
