"""What the fuzz tests share: bundled schemas, Hypothesis strategies drawn from them, and the oracle's
errors in the same shape as ours (JSON Pointer sets)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from indoxhub_contract import TYPES, iter_errors
from indoxhub_contract._pointers import join
from indoxhub_contract._refs import follow
from indoxhub_contract._registry import schema_file

from ..contract.schemas import Oracle

BUNDLED = Path(__file__).resolve().parent.parent.parent / "generated" / "schemas"
FILES = {name: schema_file(name) for name in TYPES}
# hypothesis-jsonschema ignores `format: uuid` unless told; the pattern beside it decides anyway.
FORMATS = {"uuid": st.uuids().map(str)}


@cache
def bundled(name: str, strict: bool) -> Any:
    folder = BUNDLED / "strict" if strict else BUNDLED
    return json.loads((folder / FILES[name]).read_text(encoding="utf-8"))


def valid_payloads(name: str, strict: bool) -> st.SearchStrategy[Any]:
    return from_schema(bundled(name, strict), custom_formats=FORMATS)


def pointer(parts: Any) -> str:
    return join("", *parts)


def type_matches(schema: Any, instance: Any) -> bool:
    """Whether a branch's declared `type` accepts the instance's JSON type (the branch we report)."""
    declared = schema.get("type") if isinstance(schema, dict) else None
    if declared is None:
        return False
    kinds: dict[str, type] = {"object": dict, "array": list, "string": str, "null": type(None), "boolean": bool}
    for name in [declared] if isinstance(declared, str) else declared:
        if name in ("number", "integer"):
            if isinstance(instance, (int, float)) and not isinstance(instance, bool):
                return True
        elif isinstance(instance, kinds[name]) and not (name != "boolean" and isinstance(instance, bool)):
            return True
    return False


def oracle_paths(name: str, strict: bool, payload: Any) -> set[str]:
    """jsonschema's failing pointers, reported where ours are: an unexpected member at the member, and a
    failed anyOf of type-disjoint branches inside the branch that the value's type selects."""
    document = bundled(name, strict)
    validator = Oracle(document)
    return {path for error in validator.iter_errors(payload) for path in _paths(validator, error)}


def _paths(validator: Any, error: Any) -> list[str]:
    here = pointer(error.absolute_path)
    if error.validator == "additionalProperties" and error.validator_value is False:
        listed = error.schema.get("properties", {})
        return [here + pointer([key]) for key in error.instance if key not in listed]
    if error.validator in ("anyOf", "oneOf"):
        chosen = [
            i
            for i, b in enumerate(error.validator_value)
            if type_matches(_resolve(validator.schema, b), error.instance)
        ]
        if len(chosen) == 1:
            inner = [e for e in error.context if e.relative_schema_path[0] == chosen[0]]
            return [p for e in inner for p in _paths(validator, e)]
    return [here]


def _resolve(document: Any, schema: Any) -> Any:
    """A bundled schema's `$ref`s all point inside it (`#/$defs/…`)."""
    while isinstance(schema, dict) and "$ref" in schema:
        _, schema = follow({"": document}, "", schema["$ref"])
    return schema


def our_paths(name: str, strict: bool, payload: Any) -> set[str]:
    return {error.path for error in iter_errors(name, payload, strict=strict)}


def same_json(left: Any, right: Any) -> bool:
    """Equal as JSON text, member order included: Python's == would take True for 1 and 1 for 1.0."""
    return json.dumps(left) == json.dumps(right)
