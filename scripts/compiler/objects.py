"""Emitters for the keywords that apply to objects: members, their presence, their names."""

from __future__ import annotations

from functools import partial

from .emitting import captured, compiled_pattern, emit_in_block, json_text, natural, plural
from .module import FAST, Path, Scope, slug
from .refs import Node


def emit_required(scope: Scope, node: Node, var: str, path: Path) -> None:
    """{"required": ["a"]}: {"a": null} passes, {} does not (reported at the object, naming "a")."""
    names = node.value["required"]
    if not names:
        return
    if scope.mode == FAST:
        condition = " or ".join(f"{name!r} not in {var}" for name in names)
        with scope.writer.block(f"if {condition}:"):
            scope.writer.line("return False")
        return
    for name in names:
        with scope.writer.block(f"if {name!r} not in {var}:"):
            scope.fail(node, "required", path, f"missing required member {json_text(name)}")


def emit_properties(scope: Scope, node: Node, var: str, path: Path) -> None:
    """{"properties": {"a": {"type": "string"}}}: {"a": "x"} and {} pass, {"a": 1} does not."""
    # On the fast path `required` has already returned False when a required member is missing.
    present = set(node.value.get("required", ())) if scope.mode == FAST else set()
    for name in node.value["properties"]:
        member = scope.local(f"{var}__{slug(name)}")
        assign = f"{member} = {var}[{name!r}]"
        sub = node.child("properties", name)
        body = partial(scope.descend, sub, member, path.literal(name))
        with captured(scope, 0) as block:
            if name in present:
                with captured(scope, 0) as inner:
                    body()
                if inner.lines:
                    scope.writer.line(assign)
                    scope.writer.splice(inner)
            else:
                emit_in_block(scope, f"if {name!r} in {var}:", body, prelude=(assign,))
        if block.lines:
            scope.writer.comment(sub.location)  # where the checks below come from
            scope.writer.splice(block)


def emit_pattern_properties(scope: Scope, node: Node, var: str, path: Path) -> None:
    """{"patternProperties": {"^x_": {"type": "string"}}}: members named x_… must be strings."""
    key = scope.local("key")

    def body() -> None:
        for source in node.value["patternProperties"]:
            pattern = compiled_pattern(scope, node, ("patternProperties", source), source)
            member = scope.local(f"{var}__value")
            sub = node.child("patternProperties", source)
            emit_in_block(
                scope,
                f"if {pattern}.search({key}):",
                partial(scope.descend, sub, member, path.expression(f"{scope.module.runtime('escape')}({key})")),
                prelude=(f"{member} = {var}[{key}]",),
            )

    emit_in_block(scope, f"for {key} in {var}:", body)


def emit_additional_properties(scope: Scope, node: Node, var: str, path: Path) -> None:
    """{"properties": {"a": {}}, "additionalProperties": false}: {"a": 1} passes, {"b": 1} does not."""
    names = list(node.value.get("properties", {}))
    sources = list(node.value.get("patternProperties", {}))
    known = (
        scope.module.constant("MEMBERS", "frozenset((" + "".join(f"{n!r}, " for n in names) + "))") if names else None
    )
    if node.value["additionalProperties"] is False and not sources and scope.mode == FAST:
        # dict_keys <= frozenset runs in C: the common strict-profile check costs one comparison.
        condition = f"not {var}.keys() <= {known}" if known else f"{var}"
        with scope.writer.block(f"if {condition}:"):
            scope.writer.line("return False")
        return
    key = scope.local("key")
    conditions = [f"{key} not in {known}"] if known else []
    for source in sources:
        pattern = compiled_pattern(scope, node, ("patternProperties", source), source)
        conditions.append(f"not {pattern}.search({key})")
    member_path = path.expression(f"{scope.module.runtime('escape')}({key})")
    sub = node.child("additionalProperties")

    def body() -> None:
        if sub.value is False:
            scope.fail(
                node, "additionalProperties", member_path, "unexpected member: only the listed members are allowed here"
            )
            return
        member = scope.local(f"{var}__value")
        with captured(scope, 0) as inner:
            scope.descend(sub, member, member_path)
        if inner.lines:
            scope.writer.line(f"{member} = {var}[{key}]")
            scope.writer.splice(inner)

    def loop_body() -> None:
        if conditions:
            emit_in_block(scope, f"if {' and '.join(conditions)}:", body)
        else:
            body()

    emit_in_block(scope, f"for {key} in {var}:", loop_body)


def emit_property_count(scope: Scope, node: Node, var: str, path: Path) -> None:
    """{"minProperties": 1, "maxProperties": 2}: {"a": 1} passes, {} does not."""
    for keyword, operator, phrase in (("minProperties", "<", "at least"), ("maxProperties", ">", "at most")):
        if keyword in node.value:
            bound = natural(node, keyword)
            with scope.writer.block(f"if len({var}) {operator} {bound}:"):
                scope.fail(
                    node,
                    keyword,
                    path,
                    f"expected an object with {phrase} {plural(bound, 'member')}; members found",
                    f"len({var})",
                )


def emit_dependent_required(scope: Scope, node: Node, var: str, path: Path) -> None:
    """{"dependentRequired": {"a": ["b"]}}: {"a": 1, "b": 2} and {} pass, {"a": 1} does not."""
    for trigger, names in node.value["dependentRequired"].items():
        for name in names:
            with scope.writer.block(f"if {trigger!r} in {var} and {name!r} not in {var}:"):
                message = f"missing member {json_text(name)}, required when {json_text(trigger)} is present"
                scope.fail(node, "dependentRequired", path, message)


def emit_dependent_schemas(scope: Scope, node: Node, var: str, path: Path) -> None:
    """{"dependentSchemas": {"a": {"required": ["b"]}}}: where "a" is present, the object also meets the schema."""
    for trigger in node.value["dependentSchemas"]:
        sub = node.child("dependentSchemas", trigger)
        emit_in_block(scope, f"if {trigger!r} in {var}:", partial(scope.descend, sub, var, path))


def emit_property_names(scope: Scope, node: Node, var: str, path: Path) -> None:
    """{"propertyNames": {"maxLength": 3}}: every member name is checked as a string."""
    key = scope.local("key")
    emit_in_block(scope, f"for {key} in {var}:", lambda: scope.descend(node.child("propertyNames"), key, path))
