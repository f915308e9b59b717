"""Schema -> Python source: walks a schema node and lets the keyword emitters write its checks."""

from __future__ import annotations

from functools import partial

from indoxhub_contract._pointers import join

from .emitting import check_pattern, emit_in_block
from .errors import CompileError
from .jsontypes import declared_types
from .keywords import ANY, DRAFT, FAMILIES, KEYWORDS, SUPPORTED, Emitter, fail_unsupported
from .module import FAST, Module, Path, Scope
from .refs import Node
from .writer import Writer


def emit_schema(scope: Scope, node: Node, var: str, path: Path) -> None:
    """Checks for one (sub)schema on the value in `var`; `path` is where that value sits in the payload."""
    value = node.value
    if value is True:
        return
    if value is False:
        scope.fail(node, "false", path, "no value is allowed here", var)
        return
    if not isinstance(value, dict):
        raise CompileError(node.file, node.pointer, "(schema)", "a schema must be an object or a boolean")
    for keyword in value:
        if keyword not in SUPPORTED:
            raise fail_unsupported(node, keyword)
    if "$schema" in value and value["$schema"] != DRAFT:
        message = f"only {DRAFT} is compiled (a custom meta-schema, with its $vocabulary, is not read)"
        raise CompileError(node.file, join(node.pointer, "$schema"), "$schema", message, kind="dialect")
    by_family: dict[str, list[Emitter]] = {family: [] for family in FAMILIES}
    for keyword, family, emitter in KEYWORDS:
        if emitter is None or keyword not in value:
            continue
        if family == ANY:
            emitter(scope, node, var, path)
        elif emitter not in by_family[family]:  # one emitter may serve several keywords (minItems, maxItems)
            by_family[family].append(emitter)
    types = declared_types(node)
    for family, emitters in by_family.items():
        guard, family_types = FAMILIES[family]
        if not emitters:
            continue
        if scope.mode == FAST and types is not None and not set(types) & set(family_types):
            # `type` has already returned False for every value these keywords apply to: no code on
            # the fast path, but a pattern is still held to ECMA-262. The full report still checks
            # them: {"type": "string", "minItems": 3} on [1] fails `type` and `minItems` both.
            if "pattern" in value and family == "string":
                check_pattern(node, ("pattern",), value["pattern"])
            continue
        body = partial(run_emitters, emitters, scope, node, var, path)
        if scope.mode == FAST and types is not None and set(types) <= set(family_types):
            body()  # on the fast path `type` has returned False for anything else
        else:
            emit_in_block(scope, f"if {guard.format(v=var)}:", body)


def run_emitters(emitters: list[Emitter], scope: Scope, node: Node, var: str, path: Path) -> None:
    for emitter in emitters:
        emitter(scope, node, var, path)


def emit_function(module: Module, name: str, node: Node, mode: str, docstring: str) -> None:
    """Write function `name` checking `node` in `mode` into `module`: the one entry to the compiler."""
    module.emit_schema = emit_schema
    scope = Scope(module, mode, Writer(), inline_stack=[node.location])
    returns = "bool" if mode == FAST else "Iterator[Error]"
    with scope.writer.block(f"def {name}(data: Any) -> {returns}:"):
        scope.writer.docstring(docstring)
        emit_schema(scope, node, "data", Path())
        scope.finish()
    module.functions.append(scope.writer.text())
