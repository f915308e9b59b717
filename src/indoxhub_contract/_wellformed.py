"""Is a schema well formed? One table of the value shape of every draft 2020-12 keyword, checked
before a schema is compiled (scripts/compiler) or compared (`diff`).

The table restates the 2020-12 meta-schema (tests/contract/test_wellformed.py holds it against the
meta-schema with jsonschema, on a corpus of malformed schemas), in the standard library, so that
`required: "ab"` is refused with its file and pointer instead of being read as ["a", "b"], and
`pattern: 5` is refused instead of crashing the compiler. Unknown keywords are not this module's
business: the meta-schema allows them, and the compiler refuses them on its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from ._runtime import escape

SIMPLE_TYPES = frozenset({"array", "boolean", "integer", "null", "number", "object", "string"})
_ANCHOR = re.compile(r"[A-Za-z_][-A-Za-z0-9._]*\Z")
_NO_FRAGMENT = re.compile(r"[^#]*#?\Z")


class SchemaProblem(ValueError):
    """A keyword whose value has the wrong shape: where (file, JSON Pointer into the schema), which, why."""

    def __init__(self, file: str, pointer: str, keyword: str, message: str) -> None:
        super().__init__(f"{file}#{pointer}: {keyword}: {message}")
        self.file, self.pointer, self.keyword, self.message = file, pointer, keyword, message


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_natural(value: Any) -> bool:
    """The meta-schema's nonNegativeInteger: an integer in JSON's sense, so 2.0 counts."""
    return _is_number(value) and value >= 0 and (isinstance(value, int) or float(value).is_integer())


def _is_string_array(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value) and len(set(value)) == len(value)


def _is_type(value: Any) -> bool:
    if isinstance(value, str):
        return value in SIMPLE_TYPES
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(item, str) and item in SIMPLE_TYPES for item in value)
        and len(set(value)) == len(value)
    )


# What a keyword's value must be, in words and as a test. Subschemas are walked separately (SUBSCHEMAS).
Shape = tuple[str, Callable[[Any], bool]]
_STRING: Shape = ("a string", lambda v: isinstance(v, str))
_BOOLEAN: Shape = ("a boolean", lambda v: isinstance(v, bool))
_NUMBER: Shape = ("a number", _is_number)
_NATURAL: Shape = ("an integer >= 0", _is_natural)
_SCHEMA: Shape = ("a schema (an object or a boolean)", lambda v: isinstance(v, (dict, bool)))
_SCHEMA_MAP: Shape = (
    "an object whose values are schemas",
    lambda v: isinstance(v, dict) and all(isinstance(s, (dict, bool)) for s in v.values()),
)
_SCHEMA_ARRAY: Shape = (
    "a non-empty array of schemas",
    lambda v: isinstance(v, list) and bool(v) and all(isinstance(s, (dict, bool)) for s in v),
)
SHAPES: dict[str, Shape] = {
    # core
    "$id": ("a URI reference without a fragment", lambda v: isinstance(v, str) and bool(_NO_FRAGMENT.match(v))),
    "$schema": _STRING,
    "$ref": _STRING,
    "$anchor": ("a plain name (letters, digits, -._)", lambda v: isinstance(v, str) and bool(_ANCHOR.match(v))),
    "$dynamicRef": _STRING,
    "$dynamicAnchor": ("a plain name (letters, digits, -._)", lambda v: isinstance(v, str) and bool(_ANCHOR.match(v))),
    "$vocabulary": (
        "an object of booleans",
        lambda v: isinstance(v, dict) and all(isinstance(b, bool) for b in v.values()),
    ),
    "$comment": _STRING,
    "$defs": _SCHEMA_MAP,
    "definitions": _SCHEMA_MAP,
    # applicators
    "prefixItems": _SCHEMA_ARRAY,
    "items": _SCHEMA,
    "contains": _SCHEMA,
    "additionalProperties": _SCHEMA,
    "properties": _SCHEMA_MAP,
    "patternProperties": _SCHEMA_MAP,
    "dependentSchemas": _SCHEMA_MAP,
    "propertyNames": _SCHEMA,
    "if": _SCHEMA,
    "then": _SCHEMA,
    "else": _SCHEMA,
    "allOf": _SCHEMA_ARRAY,
    "anyOf": _SCHEMA_ARRAY,
    "oneOf": _SCHEMA_ARRAY,
    "not": _SCHEMA,
    "unevaluatedItems": _SCHEMA,
    "unevaluatedProperties": _SCHEMA,
    # validation
    "type": ("a type name or a non-empty array of distinct type names", _is_type),
    "enum": ("an array", lambda v: isinstance(v, list)),
    "multipleOf": ("a number > 0", lambda v: _is_number(v) and v > 0),
    "maximum": _NUMBER,
    "exclusiveMaximum": _NUMBER,
    "minimum": _NUMBER,
    "exclusiveMinimum": _NUMBER,
    "maxLength": _NATURAL,
    "minLength": _NATURAL,
    "pattern": _STRING,
    "maxItems": _NATURAL,
    "minItems": _NATURAL,
    "uniqueItems": _BOOLEAN,
    "maxContains": _NATURAL,
    "minContains": _NATURAL,
    "maxProperties": _NATURAL,
    "minProperties": _NATURAL,
    "required": ("an array of distinct strings", _is_string_array),
    "dependentRequired": (
        "an object whose values are arrays of distinct strings",
        lambda v: isinstance(v, dict) and all(_is_string_array(names) for names in v.values()),
    ),
    # meta-data, format, content
    "title": _STRING,
    "description": _STRING,
    "deprecated": _BOOLEAN,
    "readOnly": _BOOLEAN,
    "writeOnly": _BOOLEAN,
    "examples": ("an array", lambda v: isinstance(v, list)),
    "format": _STRING,
    "contentEncoding": _STRING,
    "contentMediaType": _STRING,
    "contentSchema": _SCHEMA,
}
SUBSCHEMA = (
    "items",
    "contains",
    "additionalProperties",
    "propertyNames",
    "if",
    "then",
    "else",
    "not",
    "unevaluatedItems",
    "unevaluatedProperties",
    "contentSchema",
)
SUBSCHEMA_MAPS = ("$defs", "definitions", "properties", "patternProperties", "dependentSchemas")
SUBSCHEMA_ARRAYS = ("prefixItems", "allOf", "anyOf", "oneOf")


def problems(schema: Any, file: str = "") -> Iterator[SchemaProblem]:
    """Every keyword of `schema` and its subschemas whose value has the wrong shape, in document order.
    Iterative, and each subschema is visited once: the walk is linear in the schema's size."""
    pending: list[tuple[str, Any]] = [("", schema)]
    while pending:
        pointer, node = pending.pop()
        if isinstance(node, bool):
            continue
        if not isinstance(node, dict):
            yield SchemaProblem(file, pointer, "", "a schema must be an object or a boolean")
            continue
        children: list[tuple[str, Any]] = []
        for keyword, value in node.items():
            shape = SHAPES.get(keyword)
            if shape is None:
                continue
            where = f"{pointer}/{escape(keyword)}"
            if not shape[1](value):
                yield SchemaProblem(file, where, keyword, f"must be {shape[0]}")
            elif keyword in SUBSCHEMA:
                children.append((where, value))
            elif keyword in SUBSCHEMA_MAPS:
                children += [(f"{where}/{escape(name)}", sub) for name, sub in value.items()]
            elif keyword in SUBSCHEMA_ARRAYS:
                children += [(f"{where}/{index}", sub) for index, sub in enumerate(value)]
        pending.extend(reversed(children))


def check(schema: Any, file: str = "") -> None:
    """Raise the first SchemaProblem of `schema`, if any."""
    for problem in problems(schema, file):
        raise problem
