"""The well-formedness table (indoxhub_contract._wellformed) against the 2020-12 meta-schema that
jsonschema vendors: on every keyword with every value of a corpus, both say the same."""

from __future__ import annotations

from typing import Any

import pytest
from jsonschema import Draft202012Validator

from indoxhub_contract import _wellformed as wellformed

VALUES: list[Any] = [
    None,
    True,
    False,
    0,
    1,
    -1,
    2.0,
    1.5,
    -0.5,
    10**30,
    "",
    "x",
    "a#",
    "a#b",
    "#",
    "_ok.name-1",
    "1bad",
    [],
    ["a"],
    ["a", "a"],
    ["a", "b"],
    [1],
    ["string"],
    ["string", "null"],
    ["string", "string"],
    ["nope"],
    [{}],
    [True, {}],
    [{}, 1],
    {},
    {"a": 1},
    {"a": {}},
    {"a": True},
    {"a": ["x"]},
    {"a": ["x", "x"]},
    {"a": "x"},
    {"https://x": True},
    {"https://x": 1},
    "string",
    "integer",
    "nope",
]
META = Draft202012Validator(Draft202012Validator.META_SCHEMA)


def meta_says(schema: Any) -> bool:
    return META.is_valid(schema)


@pytest.mark.parametrize("keyword", sorted(wellformed.SHAPES))
def test_each_keyword_agrees_with_the_meta_schema(keyword: str) -> None:
    disagreements = []
    for value in VALUES:
        schema = {keyword: value}
        ours = not list(wellformed.problems(schema, "s.json"))
        if ours != meta_says(schema):
            disagreements.append((value, ours))
    assert disagreements == [], f"{keyword}: (value, our verdict) where the meta-schema differs"


def test_subschemas_are_walked_at_every_depth() -> None:
    schema = {"properties": {"a": {"items": {"anyOf": [{"required": "ab"}]}}}, "$defs": {"d": {"not": 5}}}
    found = [(p.pointer, p.keyword, p.message) for p in wellformed.problems(schema, "s.json")]
    assert found == [
        ("/properties/a/items/anyOf/0/required", "required", "must be an array of distinct strings"),
        ("/$defs/d/not", "not", "must be a schema (an object or a boolean)"),
    ]
    assert not meta_says(schema)


def test_the_contract_schemas_are_well_formed() -> None:
    from pathlib import Path

    from indoxhub_contract._reading import read_json

    for path in sorted((Path(__file__).resolve().parent.parent.parent / "schemas").glob("*.json")):
        document = read_json(path.read_bytes())
        assert list(wellformed.problems(document, path.name)) == [] and meta_says(document), path
