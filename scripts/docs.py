"""Reference pages generated from the schemas: each type's members as rows (`members`), written as one
Markdown page per type (`type_page`, dist/docs/*.md) and into the HTML reference (docs_html.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from contract import schema_file

from indoxhub_contract._refs import follow

SCALARS = {
    "string": "string",
    "number": "number",
    "integer": "integer",
    "boolean": "boolean",
    "null": "null",
    "object": "object",
}


def resolve(documents: dict[str, Any], file: str, schema: Any) -> tuple[str, Any]:
    while "$ref" in schema:
        file, schema = follow(documents, file, schema["$ref"])
    return file, schema


def notation(documents: dict[str, Any], file: str, schema: Any) -> str:
    """The member's type in short: `string`, `Usage | null`, `array of ImageItem`; enum values in backticks."""
    if "$ref" in schema:
        target_file, target = resolve(documents, file, schema)
        if target is documents[target_file] and "title" in target:
            return str(target["title"])
        return notation(documents, target_file, target)
    if "anyOf" in schema:
        return " | ".join(notation(documents, file, branch) for branch in schema["anyOf"])
    kinds = schema.get("type", [])
    parts = []
    for kind in [kinds] if isinstance(kinds, str) else kinds:
        if kind == "array":
            parts.append("array of " + notation(documents, file, schema.get("items", {})))
        else:
            parts.append(SCALARS[kind])
    text = " | ".join(parts) or "any"
    if "enum" in schema:
        text += " (" + ", ".join(f"`{value}`" for value in schema["enum"]) + ")"
    if "pattern" in schema:
        text += f" ({schema.get('title', 'pattern')})"
    bounds = [f"{symbol} {schema[key]}" for key, symbol in (("minimum", ">="), ("maximum", "<=")) if key in schema]
    return text + (f", {' and '.join(bounds)}" if bounds else "")


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


@dataclass(frozen=True)
class Member:
    """One row of a type's table."""

    name: str
    kind: str  # notation(): `Usage | null`
    required: bool
    nullable: bool
    default: str | None  # as JSON, when the schema gives one
    description: str


def members(name: str, documents: dict[str, Any]) -> list[Member]:
    file = schema_file(name)
    document = documents[file]
    required = set(document.get("required", []))
    rows = []
    for member, schema in document["properties"].items():
        _, target = resolve(documents, file, schema)
        kind = notation(documents, file, schema)
        has_default = "default" in schema or "default" in target
        default = json.dumps(schema.get("default", target.get("default"))) if has_default else None
        description = schema.get("description") or target.get("description", "")
        rows.append(Member(member, kind, member in required, "null" in kind, default, description))
    return rows


OPEN_OBJECTS = (
    "Members not listed here are allowed in the default profile and rejected by the strict profile "
    "(objects documented as `object` without members stay open in both)."
)


def type_page(name: str, documents: dict[str, Any], number: str) -> str:
    file = schema_file(name)
    document = documents[file]
    lines = [f"# {name}", "", document["description"], "", f"Schema: `schemas/{file}` (contract {number}).", ""]
    lines += ["| member | type | required | nullable | default | description |", "|---|---|---|---|---|---|"]
    for row in members(name, documents):
        default = "" if row.default is None else f"`{row.default}`"
        lines.append(
            f"| `{row.name}` | {cell(row.kind)} | {'yes' if row.required else 'no'} | "
            f"{'yes' if row.nullable else 'no'} | {default} | {cell(row.description)} |"
        )
    lines += ["", OPEN_OBJECTS, ""]
    for index, example in enumerate(document.get("examples", []), 1):
        lines += [f"## Example {index}", "", "```json", json.dumps(example, indent=2, ensure_ascii=False), "```", ""]
    return "\n".join(lines)
