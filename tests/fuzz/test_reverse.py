"""Reverse direction: Hypothesis builds dataclass instances from their type hints; `to_dict()` of every
one is valid against the schema. Where a hint is looser than the schema (a pattern, a bound, an enum,
a float that could be NaN, a dict that could hold non-JSON), the field's strategy comes from its schema."""

from __future__ import annotations

import dataclasses
import typing
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from indoxhub_contract import TYPES, is_valid, models

from .support import FORMATS, _resolve, bundled

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8,
)
PLAIN = ({"type": "string"}, {"type": "boolean"})


def is_model(document: Any, member: Any) -> bool:
    if "anyOf" in member:
        return all(branch == {"type": "null"} or is_model(document, branch) for branch in member["anyOf"])
    if member.get("type") == "array" and isinstance(member.get("items"), dict):
        return is_model(document, member["items"])
    return "$ref" in member and _resolve(document, member).get("title") in vars(models)


def field_strategies(
    document: Any, schema: Any, with_extra: bool, model: type | None = None
) -> dict[str, st.SearchStrategy[Any]]:
    overrides: dict[str, st.SearchStrategy[Any]] = {}
    hints = typing.get_type_hints(model) if model is not None else {}
    for name, member in schema["properties"].items():
        target = _resolve(document, member)
        if is_model(document, member):
            continue  # a nested model (or null): inferred from the hint, through the strategy registered below
        item_model = _inline_item_model(member, hints.get(name))
        if item_model is not None:  # a list of objects defined in place (ValidationErrorBody's DetailItem)
            items = st.builds(item_model, **field_strategies(document, member["items"], with_extra, item_model))
            overrides[name] = st.lists(items, max_size=3)
            continue
        core = {k: v for k, v in target.items() if k not in ("description", "title", "examples", "$comment", "default")}
        if core in PLAIN:
            continue  # the hint (str, bool) is exactly the schema
        overrides[name] = from_schema({**member, "$defs": document.get("$defs", {})}, custom_formats=FORMATS)
    reserved = set(schema["properties"])
    extra = st.dictionaries(st.text().filter(lambda key: key not in reserved), JSON, max_size=2)
    overrides["extra"] = extra if with_extra else st.just({})
    return overrides


def _inline_item_model(member: Any, hint: Any) -> type | None:
    """The model a list member's hint names for items the schema defines in place, or None."""
    items = member.get("items")
    if member.get("type") != "array" or not isinstance(items, dict) or "properties" not in items:
        return None
    if typing.get_origin(hint) is not list:
        return None
    (item,) = typing.get_args(hint)
    return item if isinstance(item, type) and issubclass(item, models.Model) else None


def register(document: Any, with_extra: bool) -> None:
    """Nested models (Usage, ImageItem) are built with their own schema-derived field strategies."""
    for title, schema in document.get("$defs", {}).items():
        model = getattr(models, title, None)
        if isinstance(model, type) and issubclass(model, models.Model):
            st.register_type_strategy(model, st.builds(model, **field_strategies(document, schema, with_extra)))


@pytest.mark.parametrize("with_extra", [False, True], ids=["exact", "with-extra"])
@pytest.mark.parametrize("name", TYPES)
def test_built_instances_serialize_to_valid_payloads(name: str, with_extra: bool) -> None:
    document = bundled(name, strict=False)
    register(document, with_extra)
    model = getattr(models, name)

    @given(st.builds(model, **field_strategies(document, document, with_extra, model)))
    def check(instance: Any) -> None:
        payload = instance.to_dict()
        assert is_valid(name, payload), payload
        # Without undocumented members, the payload also passes the strict profile.
        assert is_valid(name, payload, strict=True) is not with_extra or not _has_extra(instance)
        assert model.from_dict(payload) == instance

    check()


def _has_extra(instance: Any) -> bool:
    if isinstance(instance, models.Model):
        return bool(instance.extra) or any(_has_extra(getattr(instance, f.name)) for f in dataclasses.fields(instance))
    if isinstance(instance, list):
        return any(_has_extra(item) for item in instance)
    return False
