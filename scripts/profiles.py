"""The two profiles of one contract (docs/contract.md): default, and strict.

Strict is derived, never written by hand: every object schema that lists its members (`properties`)
and says nothing itself about other members gets `"additionalProperties": false`. Objects documented
as `dict` have no `properties`, so they stay open, as the contract requires.
"""

from __future__ import annotations

import copy
from typing import Any

from indoxhub_contract._wellformed import SUBSCHEMA, SUBSCHEMA_ARRAYS, SUBSCHEMA_MAPS

STRICT_DIRECTORY = "strict/"


def strict(document: Any) -> Any:
    result = copy.deepcopy(document)
    if isinstance(result, dict) and isinstance(result.get("$id"), str):
        head, _, name = result["$id"].rpartition("/")
        result["$id"] = f"{head}/{STRICT_DIRECTORY}{name}"
    _close(result)
    return result


def _close(schema: Any) -> None:
    if not isinstance(schema, dict):
        return
    if "properties" in schema and not {"additionalProperties", "unevaluatedProperties"} & schema.keys():
        schema["additionalProperties"] = False
    for keyword in SUBSCHEMA:
        if keyword in schema:
            _close(schema[keyword])
    for keyword in SUBSCHEMA_MAPS:
        for value in schema.get(keyword, {}).values():
            _close(value)
    for keyword in SUBSCHEMA_ARRAYS:
        for value in schema.get(keyword, []):
            _close(value)
