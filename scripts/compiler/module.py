"""One generated module: hoisted constants, helper functions, and the scopes that write function bodies."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from indoxhub_contract._pointers import escape

from .refs import Node, SchemaSet
from .writer import Writer

FAST = "fast"
ERRORS = "errors"


@dataclass(frozen=True)
class Path:
    """A JSON Pointer being built: literal text and Python expressions, rendered only where an error is yielded."""

    parts: tuple[tuple[bool, str], ...] = ()  # (is_literal, text)

    def literal(self, token: str) -> Path:
        return Path((*self.parts, (True, "/" + escape(token))))

    def expression(self, python: str) -> Path:
        return Path((*self.parts, (True, "/"), (False, python)))

    def render(self) -> str:
        merged: list[str] = []
        literal = ""
        for is_literal, text in self.parts:
            if is_literal:
                literal += text
                continue
            if literal:
                merged.append(repr(literal))
                literal = ""
            merged.append(text)
        if literal or not merged:
            merged.append(repr(literal))
        return " + ".join(merged)


def slug(text: str) -> str:
    name = re.sub(r"[^0-9a-zA-Z]+", "_", text).strip("_").lower()
    return name or "schema"


# Writes the checks of one (sub)schema: compile.emit_schema, handed to the Module by whoever starts
# a compilation, so that emitters recurse through `scope.descend` and no module imports the walk.
SchemaEmitter = Callable[["Scope", Node, str, "Path"], None]


@dataclass
class Module:
    """Constants and helper functions of one generated module, named deterministically."""

    schemas: SchemaSet
    emit_schema: SchemaEmitter | None = None
    constants: dict[str, str] = field(default_factory=dict)  # python literal -> name
    constant_lines: list[str] = field(default_factory=list)
    functions: list[str] = field(default_factory=list)
    helpers: dict[tuple[str, str], str] = field(default_factory=dict)  # (mode, location) -> name
    names: set[str] = field(default_factory=set)
    uses: set[str] = field(default_factory=set)  # names imported from _runtime

    def name(self, wanted: str) -> str:
        name = wanted
        counter = 2
        while name in self.names:
            name = f"{wanted}_{counter}"
            counter += 1
        self.names.add(name)
        return name

    def constant(self, prefix: str, literal: str) -> str:
        """A module-level constant holding `literal`, shared by every site that needs the same value."""
        if literal not in self.constants:
            name = self.name(f"_{prefix}_{len(self.constant_lines) + 1}")
            self.constants[literal] = name
            self.constant_lines.append(f"{name} = {literal}")
        return self.constants[literal]

    def runtime(self, name: str) -> str:
        self.uses.add(name)
        return name

    def helper(self, mode: str, node: Node, body: Callable[[Scope], None]) -> str:
        """The name of a function checking `node` in `mode`, writing it on first use (recursion-safe)."""
        key = (mode, node.location)
        if key not in self.helpers:
            stem = slug(node.file.split(".")[0] + "_" + node.pointer)
            prefix = "_is_valid_" if mode == FAST else "_iter_errors_"
            name = self.helpers[key] = self.name(prefix + stem)
            root = Path() if mode == FAST else Path(((False, "path"),))
            scope = Scope(self, mode, Writer(), inline_stack=[node.location], root_path=root)
            if mode == FAST:
                header = f"def {name}(data: Any) -> bool:"
            else:
                header = f"def {name}(data: Any, path: str) -> Iterator[Error]:"
            with scope.writer.block(header):
                scope.writer.docstring(node.location)
                body(scope)
                scope.finish()
            self.functions.append(scope.writer.text())
        return self.helpers[key]


@dataclass
class Scope:
    """The body of one function being written: its mode and its local names."""

    module: Module
    mode: str
    writer: Writer
    inline_stack: list[str]
    locals: set[str] = field(default_factory=set)
    root_path: Path = field(default_factory=Path)
    # Variables whose JSON type an enclosing test has established (var -> the types it allows).
    known_types: dict[str, frozenset[str]] = field(default_factory=dict)

    def descend(self, node: Node, var: str, path: Path) -> None:
        """The checks of subschema `node` on the value in `var`, written into this scope."""
        if self.module.emit_schema is None:
            raise RuntimeError("compile through compile.emit_function, which sets the schema emitter")
        self.module.emit_schema(self, node, var, path)

    def local(self, wanted: str) -> str:
        name = wanted[:60].rstrip("_")
        counter = 2
        while name in self.locals:
            name = f"{wanted[:60]}_{counter}"
            counter += 1
        self.locals.add(name)
        return name

    def fail(self, node: Node, keyword: str, path: Path, message: str, found: str | None = None) -> None:
        """Write the failure: `return False` when fast, else yield one error. `message` is a literal
        prefix; `found` an expression whose description follows it (", got ...")."""
        if self.mode == FAST:
            self.writer.line("return False")
            return
        text = repr(message)
        if found is not None:
            text = f"{repr(message + ', got ')} + {self.module.runtime('describe')}({found})"
        schema_path = node.location + ("/" + keyword if keyword not in ("false",) else "")
        self.writer.line(f"yield ({path.render()}, {keyword!r}, {text}, {schema_path!r})")

    def finish(self) -> None:
        if self.mode == FAST:
            self.writer.line("return True")
        else:
            # Keeps the function a generator even when the schema can never fail.
            self.writer.line("yield from ()")


def literal(value: Any) -> str:
    """A Python literal for a JSON value, stable across runs."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key!r}: {literal(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(literal(item) for item in value) + "]"
    if isinstance(value, float) and value != value:
        return "float('nan')"
    return repr(value)
