"""The validator compiler: JSON Schema draft 2020-12 -> plain Python that imports only the standard library."""

from .compile import emit_function
from .errors import CompileError
from .keywords import SUPPORTED
from .module import ERRORS, FAST, Module
from .refs import SchemaSet

__all__ = ["ERRORS", "FAST", "SUPPORTED", "CompileError", "Module", "SchemaSet", "emit_function", "module_source"]


def module_source(module: Module, header: str, public: list[str]) -> str:
    """The text of a generated module: header, imports, constants, helpers, then the public functions."""
    lines = [header, "", "from __future__ import annotations", ""]
    if any("re.compile(" in line for line in module.constant_lines):
        lines.append("import re")
    lines += ["from collections.abc import Iterator", "from typing import Any", ""]
    lines.append(f"from ._runtime import {', '.join(sorted(module.uses | {'Error'}))}")
    lines += ["", f"__all__ = [{', '.join(repr(name) for name in public)}]", ""]
    lines += module.constant_lines
    lines.append("")
    for function in module.functions:
        lines += ["", function]
    return "\n".join(lines).rstrip() + "\n"
