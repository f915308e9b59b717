"""Every keyword the compiler knows, in one ordered table: which emitter writes it, and for which JSON
type. fastjsonschema's `_json_keywords_to_function` is the model; the order is the order checks run.

Keywords of one family (object, array, string, number) run together under one type guard, except on
the fast path where `type` has already returned False for every other type. Keywords without an
emitter are annotations, or are read by another keyword's emitter (`then`/`else` by `if`,
`minContains` by `contains`). Anything not in the table is refused at generate time.
"""

from __future__ import annotations

from collections.abc import Callable

from indoxhub_contract._pointers import join

from .arrays import emit_contains, emit_item_count, emit_items, emit_unique_items
from .emitting import ANNOTATIONS
from .errors import CompileError
from .generic import (
    emit_all_of,
    emit_any_of,
    emit_const,
    emit_enum,
    emit_if,
    emit_not,
    emit_one_of,
    emit_ref,
    emit_type,
)
from .module import Path, Scope
from .objects import (
    emit_additional_properties,
    emit_dependent_required,
    emit_dependent_schemas,
    emit_pattern_properties,
    emit_properties,
    emit_property_count,
    emit_property_names,
    emit_required,
)
from .refs import Node
from .scalars import emit_bounds, emit_length, emit_multiple_of, emit_pattern

Emitter = Callable[[Scope, Node, str, Path], None]
DRAFT = "https://json-schema.org/draft/2020-12/schema"
ANY = "any"
# family -> (the type test guarding its keywords, the schema types it applies to)
FAMILIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "object": ("isinstance({v}, dict)", ("object",)),
    "array": ("isinstance({v}, list)", ("array",)),
    "string": ("isinstance({v}, str)", ("string",)),
    "number": ("(isinstance({v}, (int, float)) and not isinstance({v}, bool))", ("number", "integer")),
}
KEYWORDS: list[tuple[str, str, Emitter | None]] = [
    ("type", ANY, emit_type),  # first: the fast path relies on it to skip every family's guard
    ("enum", ANY, emit_enum),
    ("const", ANY, emit_const),
    ("$ref", ANY, emit_ref),
    ("allOf", ANY, emit_all_of),
    ("anyOf", ANY, emit_any_of),
    ("oneOf", ANY, emit_one_of),
    ("not", ANY, emit_not),
    ("if", ANY, emit_if),
    ("then", ANY, None),
    ("else", ANY, None),
    ("required", "object", emit_required),  # first of its family: on the fast path `properties` relies on it
    ("properties", "object", emit_properties),
    ("patternProperties", "object", emit_pattern_properties),
    ("additionalProperties", "object", emit_additional_properties),
    ("minProperties", "object", emit_property_count),
    ("maxProperties", "object", emit_property_count),
    ("dependentRequired", "object", emit_dependent_required),
    ("dependentSchemas", "object", emit_dependent_schemas),
    ("propertyNames", "object", emit_property_names),
    ("prefixItems", "array", emit_items),
    ("items", "array", emit_items),
    ("minItems", "array", emit_item_count),
    ("maxItems", "array", emit_item_count),
    ("uniqueItems", "array", emit_unique_items),
    ("contains", "array", emit_contains),
    ("minContains", "array", emit_contains),
    ("maxContains", "array", emit_contains),
    ("minLength", "string", emit_length),
    ("maxLength", "string", emit_length),
    ("pattern", "string", emit_pattern),
    ("minimum", "number", emit_bounds),
    ("maximum", "number", emit_bounds),
    ("exclusiveMinimum", "number", emit_bounds),
    ("exclusiveMaximum", "number", emit_bounds),
    ("multipleOf", "number", emit_multiple_of),
    *((annotation, ANY, None) for annotation in sorted(ANNOTATIONS)),
]
SUPPORTED = frozenset(keyword for keyword, _, _ in KEYWORDS)


def fail_unsupported(node: Node, keyword: str) -> CompileError:
    return CompileError.unsupported(node.file, join(node.pointer, keyword), keyword)
