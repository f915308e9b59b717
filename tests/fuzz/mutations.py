"""Mutation strategies: take a valid payload, break it in one place, and say where it must fail.

The catalogue (from the issue): drop a required member; a wrong JSON type (true/false where a number is
due included); null where not allowed; numbers out of range; enum misses; bad UUID and timestamp
strings; an undocumented member under strict. Each mutation knows the JSON Pointer it breaks.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from .support import _resolve, pointer, type_matches

WRONG_VALUES: list[Any] = [True, False, None, "text", 7, 2.5, [], {}]
UNDOCUMENTED = "undocumented_member"


@dataclass(frozen=True)
class Mutation:
    what: str
    parts: tuple[str | int, ...]  # where the change is made
    action: str  # "replace", "drop" or "add"
    value: Any
    expected: str  # the JSON Pointer that must fail

    def apply(self, payload: Any) -> Any:
        if not self.parts:
            return copy.deepcopy(self.value)
        result = copy.deepcopy(payload)
        parent = result
        for part in self.parts[:-1]:
            parent = parent[part]
        last = self.parts[-1]
        if self.action == "drop":
            del parent[last]
        else:
            parent[last] = copy.deepcopy(self.value)
        return result


def json_types(document: Any, schema: Any) -> set[str] | None:
    schema = _resolve(document, schema)
    if not isinstance(schema, dict):
        return None
    if "anyOf" in schema:
        found: set[str] = set()
        for branch in schema["anyOf"]:
            types = json_types(document, branch)
            if types is None:
                return None
            found |= types
        return found
    declared = schema.get("type")
    if declared is None:
        return None
    return {declared} if isinstance(declared, str) else set(declared)


def accepts_type(types: set[str], value: Any) -> bool:
    return any(
        type_matches({"type": name}, value) and (name != "integer" or float(value).is_integer()) for name in types
    )


def mutations(document: Any, payload: Any, strict: bool) -> list[Mutation]:
    found: list[Mutation] = []
    _walk(document, document, payload, (), strict, found)
    return found


def _walk(
    document: Any,
    schema: Any,
    value: Any,
    parts: tuple[str | int, ...],
    strict: bool,
    found: list[Mutation],
    typed: bool = True,
) -> None:
    schema = _resolve(document, schema)
    here = pointer(parts)
    types = json_types(document, schema)
    # Inside an anyOf branch the value's type is the anyOf's business: null is no Usage, yet `Usage | null`
    # takes it (regression: make fuzz found "/usage: wrong type None" on a ChatResponse).
    if types is not None and typed:
        for wrong in WRONG_VALUES:
            if not accepts_type(types, wrong):
                found.append(Mutation(f"{here}: wrong type {wrong!r}", parts, "replace", wrong, here))
    if "anyOf" in schema:
        for branch in schema["anyOf"]:
            if type_matches(_resolve(document, branch), value):
                _walk(document, branch, value, parts, strict, found, typed=False)
        return
    for keyword, delta in (("minimum", -1), ("maximum", 1)):
        if keyword in schema and isinstance(value, (int, float)) and not isinstance(value, bool):
            found.append(Mutation(f"{here}: {keyword} missed", parts, "replace", schema[keyword] + delta, here))
    if "enum" in schema:
        found.append(Mutation(f"{here}: enum missed", parts, "replace", "not-a-listed-value", here))
    if "pattern" in schema and isinstance(value, str):
        for bad in ("abc", value + "\n", value.replace("-", "", 1), value.replace("T", " ", 1)):
            if bad == value:
                continue  # not a mutation (regression: "T" -> " " on a UUID changed nothing)
            found.append(Mutation(f"{here}: pattern missed {bad!r}", parts, "replace", bad, here))
    if isinstance(value, dict) and "properties" in schema:
        for name in schema.get("required", []):
            found.append(Mutation(f"{here}: required {name!r} dropped", (*parts, name), "drop", None, here))
        if strict and schema.get("additionalProperties") is False:
            found.append(
                Mutation(f"{here}: undocumented member", (*parts, UNDOCUMENTED), "add", 1, here + "/" + UNDOCUMENTED)
            )
        for name, member in schema["properties"].items():
            if name in value:
                _walk(document, member, value[name], (*parts, name), strict, found)
    if isinstance(value, list) and isinstance(schema.get("items"), dict):
        for index, item in enumerate(value[:3]):
            _walk(document, schema["items"], item, (*parts, index), strict, found)
