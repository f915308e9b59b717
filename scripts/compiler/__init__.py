"""The validator compiler: JSON Schema draft 2020-12 -> plain Python that imports only the standard library.

`compile_module` is the one entry point: `make generate` (generated/validators/, importing the runtime
written by hand in src/indoxhub_contract/_runtime.py), the compiler's tests, and `scripts/compile.py`
(one self-contained module, the runtime inlined) all call it.
"""

from pathlib import Path

from .emit import emit_function
from .errors import CompileError
from .keywords import SUPPORTED
from .module import ERRORS, FAST, Module
from .refs import Node, SchemaSet

__all__ = [
    "ERRORS",
    "FAST",
    "SUPPORTED",
    "CompileError",
    "Module",
    "Node",
    "SchemaSet",
    "compile_module",
    "runtime_body",
]

RUNTIME = Path(__file__).resolve().parents[2] / "src" / "indoxhub_contract" / "_runtime.py"
# A function to write: its name, the schema node, FAST or ERRORS, and its docstring.
Function = tuple[str, Node, str, str]


def runtime_body() -> str:
    """_runtime.py without its docstring and `from __future__` line: what generated code shares."""
    text = RUNTIME.read_text(encoding="utf-8").split('"""', 2)[2]
    return text.replace("from __future__ import annotations\n", "", 1).strip() + "\n"


def compile_module(
    schemas: SchemaSet, functions: list[Function], header: str, public: list[str], *, standalone: bool = False
) -> str:
    """The text of one generated module: header, imports, the runtime (imported from the package, or
    inlined when `standalone`), constants, helpers, then the functions. CompileError for a schema the
    compiler refuses."""
    module = Module(schemas)
    for _, node, _, _ in functions:
        schemas.refuse_empty_cycles(node)
    for name, node, mode, docstring in functions:
        emit_function(module, name, node, mode, docstring)
    lines = [header, "", "from __future__ import annotations", ""]
    if any("re.compile(" in line for line in module.constant_lines):
        lines.append("import re")
    lines += ["from collections.abc import Iterator", "from typing import Any", ""]
    if standalone:  # the runtime's own `from typing import Any` is already above
        lines += [runtime_body().replace("from typing import Any\n", "", 1)]
    else:
        lines.append(f"from indoxhub_contract._runtime import {', '.join(sorted(module.uses | {'Error'}))}")
    lines += ["", f"__all__ = [{', '.join(repr(name) for name in public)}]", ""]
    lines += module.constant_lines
    lines.append("")
    for function in module.functions:
        lines += ["", function]
    return "\n".join(lines).rstrip() + "\n"
