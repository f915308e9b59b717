"""Emitters for the keywords that apply to every JSON type: type, enum, const, $ref and the applicators.

Each emitter writes Python that checks its keyword on the value held in `var`, calling `scope.fail`
where the keyword fails: `return False` on the fast path, a yielded error on the full path; it
recurses into subschemas through `scope.descend`.
"""

from __future__ import annotations

from typing import Any

from indoxhub_contract._pointers import join

from .emitting import captured, fast_helper, json_text
from .errors import CompileError
from .jsontypes import declared_types, implies, negated_type_check, type_check, type_phrase
from .module import FAST, Path, Scope, literal
from .refs import Node


def emit_type(scope: Scope, node: Node, var: str, path: Path) -> None:
    """{"type": ["string", "null"]}: "a" and null pass, 1 and {} do not."""
    types = declared_types(node)
    if types is None:
        return
    known = scope.known_types.get(var)
    if known is not None and implies(known, types):
        return  # an enclosing test has just established it (a discriminated anyOf branch)
    with scope.writer.block(f"if {negated_type_check(types, var)}:"):
        scope.fail(node, "type", path, f"expected {type_phrase(types)}", var)


def emit_enum(scope: Scope, node: Node, var: str, path: Path) -> None:
    """{"enum": ["a", 1]}: "a", 1 and 1.0 pass; true and "b" do not."""
    options = node.value["enum"]
    if not isinstance(options, list):
        raise CompileError(node.file, join(node.pointer, "enum"), "enum", "must be an array")
    shown = ", ".join(json_text(option) for option in options[:10]) + (", …" if len(options) > 10 else "")
    if options and all(isinstance(option, str) for option in options):
        name = scope.module.constant("ENUM", "frozenset((" + "".join(f"{o!r}, " for o in options) + "))")
        condition = f"not (isinstance({var}, str) and {var} in {name})"
    else:
        name = scope.module.constant("ENUM", "(" + "".join(f"{literal(o)}, " for o in options) + ")")
        condition = f"not {scope.module.runtime('json_in')}({var}, {name})"
    with scope.writer.block(f"if {condition}:"):
        scope.fail(node, "enum", path, f"expected one of {shown}", var)


def emit_const(scope: Scope, node: Node, var: str, path: Path) -> None:
    """{"const": 1}: 1 and 1.0 pass; true does not."""
    value = node.value["const"]
    if isinstance(value, str):
        condition = f"not (isinstance({var}, str) and {var} == {value!r})"
    elif value is None or isinstance(value, bool):
        condition = f"{var} is not {value!r}"
    else:
        condition = f"not {scope.module.runtime('json_equal')}({var}, {literal(value)})"
    with scope.writer.block(f"if {condition}:"):
        scope.fail(node, "const", path, f"expected {json_text(value)}", var)


def emit_ref(scope: Scope, node: Node, var: str, path: Path) -> None:
    """{"$ref": "usage.schema.json"}: inlined, or called where it recurses."""
    target = scope.module.schemas.resolve(node, node.value["$ref"])
    if target.location not in scope.inline_stack and len(scope.inline_stack) < 16:
        scope.inline_stack.append(target.location)
        scope.descend(target, var, path)
        scope.inline_stack.pop()
        return
    helper = scope.module.helper(scope.mode, target, lambda inner: inner.descend(target, "data", inner.root_path))
    if scope.mode == FAST:
        with scope.writer.block(f"if not {helper}({var}):"):
            scope.writer.line("return False")
    else:
        scope.writer.line(f"yield from {helper}({var}, {path.render()})")


def emit_all_of(scope: Scope, node: Node, var: str, path: Path) -> None:
    """{"allOf": [A, B]}: each of A and B, inline."""
    for index in range(len(subschemas(node, "allOf"))):
        scope.descend(node.child("allOf", index), var, path)


def subschemas(node: Node, keyword: str) -> list[Any]:
    value = node.value[keyword]
    if not isinstance(value, list) or not value:
        raise CompileError(node.file, join(node.pointer, keyword), keyword, "must be a non-empty array of schemas")
    return value


def branch_types(scope: Scope, node: Node, depth: int = 0) -> frozenset[str] | None:
    """The JSON types a branch can accept, when its `type` (or its $ref's) says so; None if unknown."""
    value = node.value
    if value is False:
        return frozenset()
    if not isinstance(value, dict):
        return None
    if "type" in value:
        types = declared_types(node) or []
        return frozenset("number" if t == "integer" else t for t in types)
    if "$ref" in value and depth < 8:
        return branch_types(scope, scope.module.schemas.resolve(node, value["$ref"]), depth + 1)
    return None


def emit_discriminated(scope: Scope, node: Node, keyword: str, var: str, path: Path) -> bool:
    """anyOf/oneOf whose branches accept disjoint JSON types: only one branch can match, so check
    that one inline and report its own errors (`/usage/tokens_total`, not a bare "anyOf failed")."""
    branches = [node.child(keyword, index) for index in range(len(subschemas(node, keyword)))]
    sets = [branch_types(scope, branch) for branch in branches]
    known = [s for s in sets if s is not None]
    if len(known) != len(sets) or sum(len(s) for s in known) != len(frozenset().union(*known)):
        return False
    all_types: list[str] = []
    opener = "if"
    for branch, types in zip(branches, known, strict=False):
        if not types:
            continue
        precise = declared_types(branch) if "type" in branch.value else sorted(types)
        all_types.extend(precise or [])
        with scope.writer.block(f"{opener} {type_check(precise or [], var)}:"):
            scope.known_types[var] = frozenset(precise or [])
            scope.descend(branch, var, path)
            del scope.known_types[var]
        opener = "elif"
    if opener == "if":
        scope.fail(node, keyword, path, "no alternative accepts any value", var)
        return True
    with scope.writer.block("else:"):
        scope.fail(node, keyword, path, f"expected {type_phrase(all_types)}", var)
    return True


def emit_any_of(scope: Scope, node: Node, var: str, path: Path) -> None:
    """{"anyOf": [{"$ref": "usage.schema.json"}, {"type": "null"}]}: a Usage or null."""
    if emit_discriminated(scope, node, "anyOf", var, path):
        return
    calls = [f"{fast_helper(scope, node.child('anyOf', i))}({var})" for i in range(len(node.value["anyOf"]))]
    with scope.writer.block(f"if not ({' or '.join(calls)}):"):
        scope.fail(node, "anyOf", path, f"expected a value matching at least one of {len(calls)} alternatives", var)


def emit_one_of(scope: Scope, node: Node, var: str, path: Path) -> None:
    """{"oneOf": [A, B]}: exactly one of A and B."""
    if emit_discriminated(scope, node, "oneOf", var, path):
        return
    count = scope.local("matches")
    calls = [f"{fast_helper(scope, node.child('oneOf', i))}({var})" for i in range(len(node.value["oneOf"]))]
    scope.writer.line(f"{count} = {' + '.join(calls)}")
    with scope.writer.block(f"if {count} != 1:"):
        message = f"expected a value matching exactly one of {len(calls)} alternatives; number matching"
        scope.fail(node, "oneOf", path, message, count)


def emit_not(scope: Scope, node: Node, var: str, path: Path) -> None:
    """{"not": {"type": "null"}}: anything but null."""
    with scope.writer.block(f"if {fast_helper(scope, node.child('not'))}({var}):"):
        scope.fail(node, "not", path, f"expected a value that fails the schema at {node.location}/not", var)


def emit_if(scope: Scope, node: Node, var: str, path: Path) -> None:
    """{"if": A, "then": B, "else": C}: B where A holds, C where it does not; `if` alone only annotates."""
    bodies = []
    for word in ("then", "else"):
        with captured(scope) as body:
            if word in node.value:
                scope.descend(node.child(word), var, path)
        bodies.append(body)
    then_body, else_body = bodies
    if not then_body.lines and not else_body.lines:
        return
    condition = f"{fast_helper(scope, node.child('if'))}({var})"
    if not then_body.lines:
        scope.writer.line(f"if not {condition}:")
        scope.writer.splice(else_body)
        return
    scope.writer.line(f"if {condition}:")
    scope.writer.splice(then_body)
    if else_body.lines:
        scope.writer.line("else:")
        scope.writer.splice(else_body)
