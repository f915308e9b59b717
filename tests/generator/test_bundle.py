"""scripts/bundle.py asks the one resolver (indoxhub_contract._refs) where each `$ref` points, so a
bundled document reads every form the compiler reads: another file, a JSON Pointer into it, an $anchor."""

from __future__ import annotations

from typing import Any

from bundle import bundle
from compiler import ERRORS, FAST, SchemaSet, compile_module


def test_anchors_pointers_and_files_bundle_as_the_compiler_reads_them() -> None:
    documents: dict[str, Any] = {
        "a.json": {
            "$id": "https://example.test/a.json",
            "title": "A",
            "type": "object",
            "properties": {"cost": {"$ref": "b.json#money"}, "b": {"$ref": "b.json"}, "n": {"$ref": "#/$defs/n"}},
            "$defs": {"n": {"type": "integer"}},
        },
        "b.json": {
            "$id": "https://example.test/b.json",
            "title": "B",
            "type": "object",
            "properties": {"m": {"$ref": "#money"}},
            "$defs": {"money": {"$anchor": "money", "type": "number", "minimum": 0}},
        },
    }
    bundled = bundle(documents, "a.json")
    assert bundled["properties"] == {
        "cost": {"$ref": "#/$defs/B/$defs/money"},
        "b": {"$ref": "#/$defs/B"},
        "n": {"$ref": "#/$defs/n"},
    }
    assert bundled["$defs"]["B"]["properties"]["m"] == {"$ref": "#/$defs/B/$defs/money"}
    # The bundle, compiled alone, checks what the two files checked.
    schemas = SchemaSet()
    root = schemas.add("bundle.json", bundled, "https://example.test/bundle.json")
    source = compile_module(schemas, [("is_valid", root, FAST, "fast"), ("iter_errors", root, ERRORS, "e")], "#", [])
    namespace: dict[str, Any] = {}
    exec(compile(source, "<bundle>", "exec"), namespace)  # noqa: S102 - our own generated code
    assert namespace["is_valid"]({"cost": 1, "b": {"m": 2}, "n": 3})
    assert [e[0] for e in namespace["iter_errors"]({"cost": -1, "b": {"m": -2}, "n": 3})] == ["/cost", "/b/m"]
