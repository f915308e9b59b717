"""Emitters for the keywords that apply to one JSON type only: objects, arrays, strings, numbers.

The compiler guards each family with a type test, except on the fast path where `type` has already
returned False for every other type.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from . import patterns
from .errors import CompileError
from .keywords import ANNOTATIONS, EXACT_TYPES, TYPE_CHECKS, captured, declared_types, emit_in_block, json_text
from .module import FAST, Path, Scope, slug
from .pointers import join
from .refs import Node

Emitter = Callable[[Scope, Node, str, Path], None]


def emit_subschema(scope: Scope, node: Node, var: str, path: Path) -> None:
    from .compile import emit_schema

    emit_schema(scope, node, var, path)


def check_pattern(node: Node, pointer_tokens: tuple[str, ...], source: str) -> str:
    """The Python translation of an ECMA-262 pattern, or CompileError naming where it stands."""
    try:
        return patterns.to_python(source)
    except patterns.PatternError as error:
        raise CompileError(
            node.file, join(node.pointer, *pointer_tokens), pointer_tokens[0], str(error), kind="pattern"
        ) from error


def compiled_pattern(scope: Scope, node: Node, pointer_tokens: tuple[str, ...], source: str) -> str:
    translated = check_pattern(node, pointer_tokens, source)
    return scope.module.constant("PATTERN", f"re.compile({translated!r})")


def natural(node: Node, keyword: str) -> int:
    value = node.value[keyword]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0 or value != int(value):
        raise CompileError(
            node.file, join(node.pointer, keyword), keyword, f"must be a non-negative integer, got {value!r}"
        )
    return int(value)


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


# -- objects ----------------------------------------------------------------------------------------


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
        body = partial(emit_subschema, scope, sub, member, path.literal(name))
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
                scope, f"if {pattern}.search({key}):",
                partial(emit_subschema, scope, sub, member, path.expression(f"{scope.module.runtime('escape')}({key})")),
                prelude=(f"{member} = {var}[{key}]",),
            )  # fmt: skip

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
            emit_subschema(scope, sub, member, member_path)
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
        emit_in_block(scope, f"if {trigger!r} in {var}:", partial(emit_subschema, scope, sub, var, path))


def emit_property_names(scope: Scope, node: Node, var: str, path: Path) -> None:
    """{"propertyNames": {"maxLength": 3}}: every member name is checked as a string."""
    key = scope.local("key")
    emit_in_block(scope, f"for {key} in {var}:", lambda: emit_subschema(scope, node.child("propertyNames"), key, path))


# -- arrays -----------------------------------------------------------------------------------------


def simple_item_type(node: Node) -> str | None:
    """The item type when an items schema is only a scalar `type` (and numeric bounds): bulk-checkable."""
    value = node.value
    if not isinstance(value, dict) or not isinstance(value.get("type"), str) or value["type"] not in EXACT_TYPES:
        return None
    allowed = ANNOTATIONS | {"type"} | (NUMERIC if value["type"] in ("number", "integer") else set())
    return value["type"] if set(value) <= allowed else None


NUMERIC = {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"}
BULK_BOUNDS = (
    ("minimum", "min", "<"),
    ("exclusiveMinimum", "min", "<="),
    ("maximum", "max", ">"),
    ("exclusiveMaximum", "max", ">="),
)


def emit_bulk_items(scope: Scope, items: Node, item_type: str, var: str) -> None:
    # Large homogeneous arrays (an embedding batch: 16 x 1536 floats) are checked in C: the exact
    # type of every item against a set, then min()/max() for bounds. Subclasses, booleans and
    # integral floats miss the set and take the item-by-item check, which is exact.
    exact = scope.module.constant("TYPES", EXACT_TYPES[item_type])
    item = scope.local(f"{var}__item")
    with scope.writer.block(f"if not {exact}.issuperset(map(type, {var})):"):
        with scope.writer.block(f"for {item} in {var}:"):
            with scope.writer.block(f"if not ({TYPE_CHECKS[item_type].format(v=item)}):"):
                scope.writer.line("return False")
    for keyword, function, operator in BULK_BOUNDS:
        if keyword in items.value:
            with scope.writer.block(f"if {var} and {function}({var}) {operator} {items.value[keyword]!r}:"):
                scope.writer.line("return False")


def emit_items(scope: Scope, node: Node, var: str, path: Path) -> None:
    """{"prefixItems": [A], "items": B}: item 0 against A, the rest against B; `"items": false` caps the length."""
    prefix = node.value.get("prefixItems", [])
    for index in range(len(prefix)):
        item = scope.local(f"{var}__{index}")
        sub = node.child("prefixItems", index)
        emit_in_block(scope, f"if len({var}) > {index}:", partial(emit_subschema, scope, sub, item, path.literal(str(index))),
                      prelude=(f"{item} = {var}[{index}]",))  # fmt: skip
    if "items" not in node.value:
        return
    items = node.child("items")
    if items.value is False:
        with scope.writer.block(f"if len({var}) > {len(prefix)}:"):
            scope.fail(
                node, "items", path, f"expected at most {plural(len(prefix), 'item')}; items found", f"len({var})"
            )
        return
    item_type = simple_item_type(items)
    if scope.mode == FAST and item_type and not prefix:
        emit_bulk_items(scope, items, item_type, var)
        return
    item = scope.local(f"{var}__item")
    counter = scope.local(f"{var}__index")
    source = f"{var}[{len(prefix)}:]" if prefix else var
    if scope.mode == FAST:
        emit_in_block(scope, f"for {item} in {source}:", lambda: emit_subschema(scope, items, item, path))
    else:
        emit_in_block(scope, f"for {counter}, {item} in enumerate({source}, {len(prefix)}):",
                      lambda: emit_subschema(scope, items, item, path.expression(f"str({counter})")))  # fmt: skip


def emit_item_count(scope: Scope, node: Node, var: str, path: Path) -> None:
    """{"minItems": 1, "maxItems": 2}: [1] passes, [] does not."""
    for keyword, operator, phrase in (("minItems", "<", "at least"), ("maxItems", ">", "at most")):
        if keyword in node.value:
            bound = natural(node, keyword)
            with scope.writer.block(f"if len({var}) {operator} {bound}:"):
                scope.fail(node, keyword, path, f"expected an array of {phrase} {plural(bound, 'item')}", var)


def emit_unique_items(scope: Scope, node: Node, var: str, path: Path) -> None:
    """{"uniqueItems": true}: [1, 2] passes, [1, 1.0] does not."""
    if node.value["uniqueItems"] is True:
        with scope.writer.block(f"if not {scope.module.runtime('has_unique_items')}({var}):"):
            scope.fail(node, "uniqueItems", path, "expected items that all differ", var)


# -- strings and numbers ----------------------------------------------------------------------------


def emit_length(scope: Scope, node: Node, var: str, path: Path) -> None:
    """{"minLength": 2}: "ab" passes, "a" does not; counted in code points, as JSON Schema says."""
    for keyword, operator, phrase in (("minLength", "<", "at least"), ("maxLength", ">", "at most")):
        if keyword in node.value:
            bound = natural(node, keyword)
            with scope.writer.block(f"if len({var}) {operator} {bound}:"):
                scope.fail(node, keyword, path, f"expected a string of {phrase} {plural(bound, 'character')}", var)


def emit_pattern(scope: Scope, node: Node, var: str, path: Path) -> None:
    """{"pattern": "^a"}: searched, not matched, with ECMA-262 meaning."""
    source = node.value["pattern"]
    pattern = compiled_pattern(scope, node, ("pattern",), source)
    # A title on the subschema names the shape better than the regex does ("UUID (8-4-4-4-12 …)").
    title = node.value.get("title")
    expected = f"expected a string matching {title if isinstance(title, str) else source}"
    with scope.writer.block(f"if not {pattern}.search({var}):"):
        scope.fail(node, "pattern", path, expected, var)


def emit_bounds(scope: Scope, node: Node, var: str, path: Path) -> None:
    """{"minimum": 0, "exclusiveMaximum": 1}: 0 and 0.5 pass, -1 and 1 do not."""
    noun = "an integer" if declared_types(node) == ["integer"] else "a number"
    for keyword, operator, symbol in (
        ("minimum", "<", ">="),
        ("exclusiveMinimum", "<=", ">"),
        ("maximum", ">", "<="),
        ("exclusiveMaximum", ">=", "<"),
    ):
        if keyword in node.value:
            bound = node.value[keyword]
            if isinstance(bound, bool) or not isinstance(bound, (int, float)):
                raise CompileError(node.file, join(node.pointer, keyword), keyword, f"must be a number, got {bound!r}")
            with scope.writer.block(f"if {var} {operator} {bound!r}:"):
                scope.fail(node, keyword, path, f"expected {noun} {symbol} {json_text(bound)}", var)


def emit_multiple_of(scope: Scope, node: Node, var: str, path: Path) -> None:
    """{"multipleOf": 0.5}: 1.5 passes, 1.25 does not."""
    factor = node.value["multipleOf"]
    if isinstance(factor, bool) or not isinstance(factor, (int, float)) or factor <= 0:
        raise CompileError(
            node.file, join(node.pointer, "multipleOf"), "multipleOf", f"must be a number > 0, got {factor!r}"
        )
    if isinstance(factor, int):
        # Integers divide exactly; a float value is a multiple when the quotient is integral.
        condition = f"({var} % {factor} != 0 if isinstance({var}, int) else not ({var} / {factor}).is_integer())"
    else:
        condition = f"not {scope.module.runtime('is_multiple')}({var}, {factor!r})"
    with scope.writer.block(f"if {condition}:"):
        scope.fail(node, "multipleOf", path, f"expected a multiple of {json_text(factor)}", var)


# Families in the order they run; inside each, keyword order matters only where a comment says so.
FAMILIES: list[tuple[str, str, tuple[str, ...], list[tuple[str, Emitter]]]] = [
    ("object", "isinstance({v}, dict)", ("object",), [
        ("required", emit_required),  # first: on the fast path `properties` relies on it
        ("properties", emit_properties),
        ("patternProperties", emit_pattern_properties),
        ("additionalProperties", emit_additional_properties),
        ("minProperties", emit_property_count),
        ("maxProperties", emit_property_count),
        ("dependentRequired", emit_dependent_required),
        ("dependentSchemas", emit_dependent_schemas),
        ("propertyNames", emit_property_names),
    ]),
    ("array", "isinstance({v}, list)", ("array",), [
        ("prefixItems", emit_items),
        ("items", emit_items),
        ("minItems", emit_item_count),
        ("maxItems", emit_item_count),
        ("uniqueItems", emit_unique_items),
    ]),
    ("string", "isinstance({v}, str)", ("string",), [
        ("minLength", emit_length),
        ("maxLength", emit_length),
        ("pattern", emit_pattern),
    ]),
    ("number", "(isinstance({v}, (int, float)) and not isinstance({v}, bool))", ("number", "integer"), [
        ("minimum", emit_bounds),
        ("maximum", emit_bounds),
        ("exclusiveMinimum", emit_bounds),
        ("exclusiveMaximum", emit_bounds),
        ("multipleOf", emit_multiple_of),
    ]),
]  # fmt: skip
