"""The reference page against the schemas, member by member: type, nullability, default, presence,
formats and bounds, following docs/contract.md."""

from __future__ import annotations

from typing import Any

import pytest

from indoxhub_contract import TYPES, is_valid
from indoxhub_contract._registry import ERROR_BODIES

from .page import NON_NEGATIVE, Member, members
from .schemas import by_title, resolve

PAGE_TYPES = sorted({member.type_name for member in members()})
SCALARS = {"string": "string", "number": "float", "integer": "integer", "boolean": "boolean", "null": "null"}


def shape(document: Any, schema: Any) -> frozenset[str]:
    """A schema written back in the page's notation: {"type": ["object", "null"]} -> {"dict", "null"}."""
    if "$ref" in schema:
        target_document, target = resolve(document, schema)
        if target is target_document and target_document.get("title") in TYPES:
            return frozenset({target_document["title"]})
        return shape(target_document, target)
    if "anyOf" in schema:
        return frozenset().union(*(shape(document, branch) for branch in schema["anyOf"]))
    types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    result = set()
    for name in types:
        if name == "object":
            if "properties" in schema:
                fields = ", ".join(
                    f"{key}: " + " | ".join(sorted(shape(document, value)))
                    for key, value in schema["properties"].items()
                )
                result.add("{" + fields + "}")
            else:
                result.add("dict")
        elif name == "array":
            result.add(f"list[{' | '.join(sorted(shape(document, schema['items'])))}]")
        else:
            result.add(SCALARS[name])
    return frozenset(result)


def member_schema(member: Member) -> tuple[Any, Any, Any]:
    _, document = by_title(member.type_name)
    schema = document["properties"].get(member.name)
    assert schema is not None, f"{member.type_name}.{member.name} is on the page but not in the schema"
    target_document, target = resolve(document, schema) if "$ref" in schema else (document, schema)
    return document, schema, target


def test_every_page_type_has_a_schema_and_nothing_more() -> None:
    assert PAGE_TYPES == sorted(name for name in TYPES if name not in ERROR_BODIES)  # the bodies: openapi.yaml's
    for name in PAGE_TYPES:
        _, document = by_title(name)
        assert set(document["properties"]) == {m.name for m in members() if m.type_name == name}


@pytest.mark.parametrize("member", members(), ids=lambda m: f"{m.type_name}.{m.name}")
def test_member_matches_page(member: Member) -> None:
    document, schema, target = member_schema(member)
    assert shape(document, schema) == member.shape
    assert (member.name in document.get("required", [])) == member.required
    default = schema.get("default", target.get("default"))
    if member.has_default:
        assert default == member.default and type(default) is type(member.default)
    else:
        assert "default" not in schema and "default" not in target
    if NON_NEGATIVE.match(member.name):
        assert target.get("minimum") == 0
    else:
        assert "minimum" not in target or member.annotation == "0-100"


UUIDS = {
    "3f2b8c1e-6d4a-4f7e-9b2c-1a5d7e9f0c3b": True,
    "3F2B8C1E-6D4A-4F7E-9B2C-1A5D7E9F0C3B": True,
    "3f2b8c1e6d4a4f7e9b2c1a5d7e9f0c3b": False,
    "abc": False,
    "3f2b8c1e-6d4a-4f7e-9b2c-1a5d7e9f0c3b\n": False,
    "{3f2b8c1e-6d4a-4f7e-9b2c-1a5d7e9f0c3b}": False,
    "3f2b8c1e-6d4a-4f7e-9b2c-1a5d7e9f0c3g": False,
}
TIMESTAMPS = {
    "2025-10-26T16:48:59.574195": True,
    "2025-10-26T16:48:59Z": True,
    "2025-10-26T16:48:59+02:00": True,
    "2025-10-26T16:48:59.5-05:30": True,
    "2025-12-31T23:59:60Z": True,
    "2025-10-26 16:48:59": False,
    "2025-13-01T00:00:00": False,
    "2025-10-32T00:00:00": False,
    "2025-10-26T24:00:00": False,
    "2025-10-26T16:60:00": False,
    "2025-10-26": False,
    "2025-10-26T16:48:59+0200": False,
    "2025-10-26T16:48:59Z\n": False,
    "2025-10-26T16:48": False,
}


@pytest.mark.parametrize("member", [m for m in members() if m.annotation], ids=lambda m: f"{m.type_name}.{m.name}")
def test_annotated_member(member: Member) -> None:
    """UUID, ISO 8601, enum and range annotations are asserted, in the generated validator itself."""
    _, document = by_title(member.type_name)
    example = dict(document["examples"][0])
    if member.annotation == "UUID":
        cases: dict[Any, bool] = dict(UUIDS)
    elif member.annotation == "ISO 8601":
        cases = dict(TIMESTAMPS)
    elif member.annotation == "0-100":
        cases = {0: True, 100: True, 50.0: True, -1: False, 101: False, 100.5: False, True: False}
    else:
        allowed = member.annotation.split(" | ") if member.annotation else []
        cases = {value: True for value in allowed} | {"done": False, "PENDING": False, "": False}
    for value, expected in cases.items():
        example[member.name] = value
        assert is_valid(member.type_name, example) is expected, (member.name, value)
