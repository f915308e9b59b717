"""Each emitter: (schema, payload) -> the exact errors, path, keyword and message. JSON's rules, not Python's."""

from __future__ import annotations

from typing import Any

import pytest
from compiler import CompileError

from .compiled import Compiled

CASES: list[tuple[Any, Any, list[tuple[str, str, str]]]] = [
    # type: true is no integer or number; 1.0 is an integer
    ({"type": "integer"}, True, [("", "type", "expected an integer, got true")]),
    ({"type": "integer"}, 1.0, []),
    ({"type": "integer"}, 1.5, [("", "type", "expected an integer, got 1.5")]),
    ({"type": "number"}, False, [("", "type", "expected a number, got false")]),
    ({"type": ["string", "null"]}, 3, [("", "type", "expected a string or null, got 3")]),
    ({"type": "object"}, [1, 2], [("", "type", "expected an object, got an array of 2 items")]),
    # enum and const: 1 equals 1.0, true is not 1
    ({"enum": [1, "a"]}, 1.0, []),
    ({"enum": [1, "a"]}, True, [("", "enum", 'expected one of 1, "a", got true')]),
    ({"enum": ["a", "b"]}, {"a": 1}, [("", "enum", 'expected one of "a", "b", got an object')]),
    ({"const": 0}, False, [("", "const", "expected 0, got false")]),
    ({"const": {"a": [1]}}, {"a": [1.0]}, []),
    # bounds state the bound and what was found
    ({"type": "integer", "minimum": 0}, -3, [("", "minimum", "expected an integer >= 0, got -3")]),
    ({"exclusiveMaximum": 1}, 1, [("", "exclusiveMaximum", "expected a number < 1, got 1")]),
    ({"maximum": 100}, "101", []),
    ({"minLength": 2}, "a", [("", "minLength", 'expected a string of at least 2 characters, got "a"')]),
    ({"maxItems": 1}, [1, 2], [("", "maxItems", "expected an array of at most 1 item, got an array of 2 items")]),
    # patterns are searched, with ECMA-262 meaning: $ is the end of input, \d is ASCII
    ({"pattern": "b"}, "abc", []),
    ({"pattern": "^a$"}, "a\n", [("", "pattern", 'expected a string matching ^a$, got "a\\n"')]),
    ({"pattern": "^\\d$"}, "\u0663", [("", "pattern", 'expected a string matching ^\\d$, got "\u0663"')]),
    # objects: required at the object, unexpected members and member errors at the member
    ({"required": ["a"]}, {}, [("", "required", 'missing required member "a"')]),
    (
        {"properties": {"a/b": {"type": "string"}}, "additionalProperties": False},
        {"a/b": 1, "c~": 2},
        [
            ("/a~1b", "type", "expected a string, got 1"),
            ("/c~0", "additionalProperties", "unexpected member: only the listed members are allowed here"),
        ],
    ),
    ({"additionalProperties": {"type": "integer"}}, {"x": "1"}, [("/x", "type", 'expected an integer, got "1"')]),
    # arrays: bulk path and item paths
    ({"items": {"type": "number"}}, [1, 2.5, True], [("/2", "type", "expected a number, got true")]),
    ({"items": {"type": "number", "minimum": 0}}, [1, -2.5], [("/1", "minimum", "expected a number >= 0, got -2.5")]),
    (
        {"prefixItems": [{"type": "string"}], "items": False},
        ["a", 1],
        [("", "items", "expected at most 1 item; items found, got 2")],
    ),
    # composition: disjoint types report the matching branch's own errors
    (
        {"anyOf": [{"type": "object", "required": ["a"]}, {"type": "null"}]},
        {},
        [("", "required", 'missing required member "a"')],
    ),
    ({"anyOf": [{"type": "object"}, {"type": "null"}]}, "x", [("", "anyOf", 'expected an object or null, got "x"')]),
    (
        {"anyOf": [{"minimum": 5}, {"maximum": 1}]},
        3,
        [("", "anyOf", "expected a value matching at least one of 2 alternatives, got 3")],
    ),
    (
        {"oneOf": [{"minimum": 0}, {"maximum": 10}]},
        5,
        [("", "oneOf", "expected a value matching exactly one of 2 alternatives; number matching, got 2")],
    ),
    (
        {"not": {"type": "null"}},
        None,
        [("", "not", "expected a value that fails the schema at root.json#/not, got null")],
    ),
    (False, 1, [("", "false", "no value is allowed here, got 1")]),
    # contains counts the matching items
    (
        {"contains": {"type": "integer"}},
        ["a", 1.5],
        [("", "contains", "expected at least 1 item matching the contains schema; items matching, got 0")],
    ),
    (
        {"contains": {"type": "integer"}, "maxContains": 1},
        [1, 2.0],
        [("", "maxContains", "expected at most 1 item matching the contains schema; items matching, got 2")],
    ),
    ({"contains": {"type": "integer"}, "minContains": 0}, [], []),
]


@pytest.mark.parametrize(("schema", "payload", "expected"), CASES, ids=[f"{i}:{c[0]}" for i, c in enumerate(CASES)])
def test_errors(schema: Any, payload: Any, expected: list[tuple[str, str, str]]) -> None:
    compiled = Compiled(schema)
    found = [(path, keyword, message) for path, keyword, message, _ in compiled.errors(payload)]
    assert found == expected, compiled.source
    assert compiled.is_valid(payload) is (not expected), compiled.source


def test_long_values_are_cut() -> None:
    compiled = Compiled({"type": "integer"})
    [(_, _, message, _)] = compiled.errors("x" * 500)
    assert message == 'expected an integer, got "' + "x" * 40 + '…"'


def test_schema_path_names_file_and_keyword() -> None:
    compiled = Compiled({"properties": {"n": {"$ref": "#/$defs/count"}}, "$defs": {"count": {"minimum": 0}}})
    assert compiled.errors({"n": -1}) == [
        ("/n", "minimum", "expected a number >= 0, got -1", "root.json#/$defs/count/minimum")
    ]


def test_recursive_ref_compiles_to_a_function() -> None:
    compiled = Compiled({"type": "object", "properties": {"child": {"$ref": "#"}}, "additionalProperties": False})
    assert compiled.is_valid({"child": {"child": {}}})
    assert [e[0] for e in compiled.errors({"child": {"child": {"x": 1}}})] == ["/child/child/x"]


@pytest.mark.parametrize(
    ("schema", "pointer", "keyword", "kind"),
    [
        (
            {"properties": {"a": {"unevaluatedProperties": False}}},
            "/properties/a/unevaluatedProperties",
            "unevaluatedProperties",
            "unsupported-keyword",
        ),
        ({"items": {"$dynamicRef": "#meta"}}, "/items/$dynamicRef", "$dynamicRef", "unsupported-keyword"),
        ({"typo": 1}, "/typo", "typo", "unsupported-keyword"),
        ({"$ref": "https://example.com/other.json"}, "/$ref", "$ref", "remote-ref"),
        ({"pattern": "a\\Z"}, "/pattern", "pattern", "pattern"),
        ({"pattern": "a++"}, "/pattern", "pattern", "pattern"),
        ({"pattern": "(?i)a"}, "/pattern", "pattern", "pattern"),
        ({"pattern": "a{,3}"}, "/pattern", "pattern", "pattern"),
        ({"patternProperties": {"\\p{L}": {}}}, "/patternProperties/\\p{L}", "patternProperties", "pattern"),
        ({"minimum": "0"}, "/minimum", "minimum", "invalid"),
    ],
)
def test_refused_schemas_name_file_pointer_and_keyword(schema: Any, pointer: str, keyword: str, kind: str) -> None:
    with pytest.raises(CompileError) as raised:
        Compiled(schema)
    assert (raised.value.file, raised.value.pointer, raised.value.keyword, raised.value.kind) == (
        "root.json",
        pointer,
        keyword,
        kind,
    )
    assert str(raised.value).startswith(f"root.json#{pointer}: {keyword}: ")
