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
    # a failed `type` hides nothing: every keyword that applies is reported, as other validators do
    (
        {"type": "string", "minItems": 3, "items": {"type": "string"}},
        [1],
        [
            ("", "type", "expected a string, got an array of 1 item"),
            ("/0", "type", "expected a string, got 1"),
            ("", "minItems", "expected an array of at least 3 items, got an array of 1 item"),
        ],
    ),
    # patterns: ECMA word characters are [A-Za-z0-9_] even in Unicode mode; a surrogate pair is one code point
    ({"pattern": "\\bfoo"}, "éfoo", []),
    ({"pattern": "\\b"}, "é", [("", "pattern", 'expected a string matching \\b, got "é"')]),
    ({"pattern": "\\b"}, "\u212a", [("", "pattern", 'expected a string matching \\b, got "\u212a"')]),
    ({"pattern": "\\B"}, "ſ", []),
    ({"pattern": "^\\ud83d\\udc32$"}, "🐲", []),
    ({"pattern": "^\\u{1F432}$"}, "🐲", []),
    ({"pattern": "^\\cJ$"}, "\n", []),
]

# multipleOf, exactly: an integer is itself, a float the decimal of its shortest repr.
MULTIPLES: list[tuple[Any, Any, bool]] = [
    (0.5, 1.0000000001, False),  # the old tolerance grew with the quotient
    (1.0, 500000000.25, False),
    (0.1, 0.30000000000000004, False),
    (0.001, -1e-300, False),
    (7, 1e20, False),  # above 2**53, (v / f).is_integer() was always true
    (1.5, 9007199254740992, False),  # the integer became a float first
    (2.0, 9007199254740993, False),
    (0.5, 1e308, True),  # upstream optional/float-overflow.json: no overflow
    (0.5, 10**400, True),
    (0.3, 0.1, False),
    (0.1, 0.3, True),  # kept where jsonschema is wrong
    (0.01, 4.35, True),
    (1e-8, 3e-8, True),
    (0.01, 19.99, True),
    (7, 14, True),
    (7, 14.0, True),
    (7, -21, True),
    (2**64, 2**65, True),
]


@pytest.mark.parametrize(("factor", "value", "expected"), MULTIPLES)
def test_multiple_of_is_exact(factor: Any, value: Any, expected: bool) -> None:
    compiled = Compiled({"multipleOf": factor})
    assert compiled.is_valid(value) is expected, compiled.source
    assert (not compiled.errors(value)) is expected


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
        ({"pattern": "\\a"}, "/pattern", "pattern", "pattern"),  # a SyntaxError in ECMA's Unicode mode
        ({"pattern": '\\"'}, "/pattern", "pattern", "pattern"),
        # malformed schemas: refused before compiling, never read loosely
        ({"uniqueItems": 1}, "/uniqueItems", "uniqueItems", "invalid"),
        ({"uniqueItems": "yes"}, "/uniqueItems", "uniqueItems", "invalid"),
        ({"required": "ab"}, "/required", "required", "invalid"),
        ({"properties": []}, "/properties", "properties", "invalid"),
        ({"prefixItems": {}}, "/prefixItems", "prefixItems", "invalid"),
        ({"dependentRequired": {"a": "b"}}, "/dependentRequired", "dependentRequired", "invalid"),
        ({"pattern": 5}, "/pattern", "pattern", "invalid"),
        ({"$ref": 5}, "/$ref", "$ref", "invalid"),
        ({"items": {"not": 5}}, "/items/not", "not", "invalid"),
        ({"$schema": "http://json-schema.org/draft-07/schema#"}, "/$schema", "$schema", "dialect"),
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
