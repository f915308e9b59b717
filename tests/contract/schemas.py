"""The hand-maintained schemas, loaded, with a registry that resolves every `$ref` offline."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from indoxhub_contract._refs import follow

ROOT = Path(__file__).resolve().parent.parent.parent
SCHEMAS = ROOT / "schemas"


@cache
def documents() -> dict[str, Any]:
    return {path.name: json.loads(path.read_text(encoding="utf-8")) for path in sorted(SCHEMAS.glob("*.schema.json"))}


def by_title(title: str) -> tuple[str, Any]:
    for file, document in documents().items():
        if document.get("title") == title:
            return file, document
    raise KeyError(title)


@cache
def registry() -> Registry:
    """Every schema under its $id; a $ref to anything else fails instead of reaching the network."""
    resources = [
        (doc["$id"], Resource.from_contents(doc, default_specification=DRAFT202012)) for doc in documents().values()
    ]
    return Registry().with_resources(resources)


def ecma_pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Any:
    """`pattern` with ECMA-262 meaning. jsonschema runs Python's re.search, where `$` also matches
    before a final newline: it would accept "<uuid>\\n", which Ajv and our validator reject."""
    from compiler.patterns import to_python

    if isinstance(instance, str) and not re.search(to_python(pattern), instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


Oracle = jsonschema.validators.extend(  # type: ignore[no-untyped-call]
    jsonschema.Draft202012Validator, {"pattern": ecma_pattern}
)


def oracle(title: str, strict: bool = False) -> Any:
    """jsonschema, the test-only oracle, on the same files (the strict profile derived the same way)."""
    from profiles import strict as make_strict

    file, document = by_title(title)
    reg = registry()
    if strict:
        reg = Registry().with_resources(
            (make_strict(doc)["$id"], Resource.from_contents(make_strict(doc), default_specification=DRAFT202012))
            for doc in documents().values()
        )
        document = make_strict(document)
    return Oracle(document, registry=reg)


def resolve(document: Any, schema: Any) -> tuple[Any, Any]:
    """Follow a `$ref` (one level) from `schema` inside `document`; returns (target document, target)."""
    own = {"": document}
    file, target = follow({**documents(), **own}, "", schema["$ref"])
    return own.get(file, documents().get(file)), target
