"""The keywords that apply to one JSON type only, by family, in the order they run.

The compiler guards each family with a type test, except on the fast path where `type` has already
returned False for every other type.
"""

from __future__ import annotations

from collections.abc import Callable

from .arrays import emit_contains, emit_item_count, emit_items, emit_unique_items
from .emitting import check_pattern
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

__all__ = ["FAMILIES", "Emitter", "check_pattern"]

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
        ("contains", emit_contains),
        ("minContains", emit_contains),
        ("maxContains", emit_contains),
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
