"""One self-contained schema per type: the files it references copied into `$defs` under their titles,
every `$ref` rewritten to point inside the document. Nothing is fetched; nothing is left outside.
"""

from __future__ import annotations

import copy
from typing import Any

from indoxhub_contract._pointers import LITERAL_KEYWORDS
from indoxhub_contract._refs import Resources, resources, target


def bundle(documents: dict[str, Any], root_file: str) -> Any:
    """`documents` maps file names (as written in `$ref`s, relative to one directory) to schemas. Where
    each `$ref` points is asked of the one resolver (indoxhub_contract._refs), so an `$anchor`, an
    embedded `$id` or a JSON Pointer bundles as the compiler reads it."""
    index = resources(documents)
    embedded: dict[str, str] = {}  # file -> title under $defs
    queue = [root_file]
    while queue:
        file = queue.pop()
        for reference in _references(documents[file]):
            target_file = target(index, file, reference)[0]
            if target_file != root_file and target_file not in embedded:
                embedded[target_file] = documents[target_file]["title"]
                queue.append(target_file)
    result = copy.deepcopy(documents[root_file])
    _rewrite(result, root_file, index, embedded, root_file)
    defs = result.setdefault("$defs", {})
    for file in sorted(embedded, key=embedded.__getitem__):
        copied = copy.deepcopy(documents[file])
        copied.pop("$schema", None)
        copied.pop("$id", None)
        _rewrite(copied, file, index, embedded, root_file)
        defs[embedded[file]] = copied
    return result


def _references(value: Any) -> list[str]:
    if isinstance(value, dict):
        found = [value["$ref"]] if isinstance(value.get("$ref"), str) else []
        return found + [ref for key, item in value.items() if key not in LITERAL_KEYWORDS for ref in _references(item)]
    if isinstance(value, list):
        return [ref for item in value for ref in _references(item)]
    return []


def _rewrite(value: Any, file: str, index: Resources, embedded: dict[str, str], root_file: str) -> None:
    """Every `$ref` in `value` (a copy of `file`) made to point inside the bundle."""
    if isinstance(value, dict):
        reference = value.get("$ref")
        if isinstance(reference, str):
            target_file, pointer = target(index, file, reference)
            value["$ref"] = "#" + ("" if target_file == root_file else "/$defs/" + embedded[target_file]) + pointer
        for key, item in value.items():
            if key not in LITERAL_KEYWORDS:
                _rewrite(item, file, index, embedded, root_file)
    elif isinstance(value, list):
        for item in value:
            _rewrite(item, file, index, embedded, root_file)


def published(document: Any, number: str) -> Any:
    """A bundled document as it is published, the one form shipped everywhere (generated/schemas, the
    wheel's `indoxhub-contract schema T`, dist/schemas):
    - its `$id` carries the contract version (`…/contract/<version>/…`): the source file keeps the
      unversioned `$id`, so no two different documents share one;
    - a `type` listing two or more non-null types becomes an `anyOf` of single types, the same values,
      which Ajv's strict mode compiles without `allowUnionTypes` (["string", "null"] it accepts as is).
    """
    result = copy.deepcopy(document)
    head, _, tail = result["$id"].partition("/contract/")
    result["$id"] = f"{head}/contract/{number}/{tail}"
    _split_unions(result)
    return result


def _split_unions(value: Any) -> None:
    if isinstance(value, list):
        for item in value:
            _split_unions(item)
        return
    if not isinstance(value, dict):
        return
    for key, item in value.items():
        if key not in LITERAL_KEYWORDS:
            _split_unions(item)
    split_union(value)


def split_union(schema: dict[str, Any]) -> None:
    """Two or more non-null types become an anyOf of single types, in place (openapi-generator reads
    `type: [string, object]` as a string alone; Ajv's strict mode wants `allowUnionTypes`). An
    `additionalProperties` moves into the object branch, the one type it applies to; any other typed
    keyword beside the union leaves it alone (every branch would need it)."""
    types = schema.get("type")
    if not isinstance(types, list) or len([t for t in types if t != "null"]) < 2:
        return
    if TYPED & schema.keys():
        return
    open_map = schema.pop("additionalProperties", None)
    del schema["type"]
    schema["anyOf"] = [
        {"type": t, **({"additionalProperties": open_map} if t == "object" and open_map is not None else {})}
        for t in types
    ]


# Keywords that apply to one JSON type: a union beside them is left alone (a branch would need them).
# additionalProperties is not among them: split_union moves it into the object branch.
TYPED = {
    "properties",
    "required",
    "items",
    "prefixItems",
    "minItems",
    "maxItems",
    "minLength",
    "maxLength",
    "pattern",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "patternProperties",
    "propertyNames",
    "minProperties",
    "maxProperties",
    "anyOf",
}
