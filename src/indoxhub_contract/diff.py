"""Schema change classification: does an edit of schemas/ break a client that reads responses?

Direction matters: this is a response contract, so what breaks a reader is anything the server may
start sending that the reader has not seen: a new type or enum value, null, a looser bound, a member
that may now be missing. Narrowing what is sent is compatible. (oasdiff applies the same rule to
response bodies; for request bodies it is the mirror image.)

Each schema set is flattened into members keyed by the type's title and a JSON Pointer into the
payload (`/usage/tokens_total`, `/data/*/url` for array items), following `$ref`s across files, so a
type is matched by title whatever its file is called and an edit inside `$defs` shows on every member
that uses it.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BREAKING, COMPATIBLE = "breaking", "compatible"
BOUNDS = {
    # keyword: (loosened when the new value is..., description)
    "minimum": ("lower", "minimum"),
    "exclusiveMinimum": ("lower", "exclusive minimum"),
    "minLength": ("lower", "minimum length"),
    "minItems": ("lower", "minimum items"),
    "maximum": ("higher", "maximum"),
    "exclusiveMaximum": ("higher", "exclusive maximum"),
    "maxLength": ("higher", "maximum length"),
    "maxItems": ("higher", "maximum items"),
}
ANNOTATIONS = ("title", "description", "examples", "$comment")


@dataclass(frozen=True)
class Change:
    type_name: str
    path: str  # JSON Pointer of the member in a payload ("" for the type itself)
    change: str  # what changed, one phrase
    klass: str  # BREAKING or COMPATIBLE

    def as_dict(self) -> dict[str, str]:
        return {"type": self.type_name, "path": self.path, "change": self.change, "class": self.klass}


@dataclass
class Member:
    types: set[str] = field(default_factory=set)
    required: bool = True
    enum: set[str] | None = None
    bounds: dict[str, Any] = field(default_factory=dict)
    pattern: str | None = None
    default: Any = None
    annotations: dict[str, str] = field(default_factory=dict)


class SchemaError(Exception):
    """A schema set that cannot be read: exit code 2."""


def load_directory(directory: Path) -> dict[str, Any]:
    if not directory.is_dir():
        raise SchemaError(f"{directory}: not a directory of schemas")
    documents = {}
    for path in sorted(directory.glob("*.json")):
        try:
            documents[path.name] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise SchemaError(f"{path}: cannot read: {error}") from None
    return documents


def load_revision(revision: str, folder: str = "schemas") -> dict[str, Any]:
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise SchemaError(f"git {' '.join(args)}: {done.stderr.strip() or 'failed'}")
        return done.stdout

    names = [n for n in git("ls-tree", "--name-only", f"{revision}:{folder}").split() if n.endswith(".json")]
    return {name: json.loads(git("show", f"{revision}:{folder}/{name}")) for name in names}


def flatten(documents: dict[str, Any]) -> dict[str, dict[str, Member]]:
    """title -> JSON Pointer -> Member, for every schema file that describes an object type."""
    types = {}
    for file, document in documents.items():
        if isinstance(document, dict) and "title" in document and "properties" in document:
            members: dict[str, Member] = {}
            _walk(documents, file, document, "", Member(required=True), members, depth=0)
            types[document["title"]] = members
    return types


def _resolve(documents: dict[str, Any], file: str, schema: Any) -> tuple[str, Any]:
    hops = 0
    while isinstance(schema, dict) and isinstance(schema.get("$ref"), str) and hops < 32:
        target, _, fragment = schema["$ref"].partition("#")
        file = target or file
        if file not in documents:
            raise SchemaError(f"$ref {schema['$ref']!r} points outside the schema set")
        found = documents[file]
        for token in [t for t in fragment.split("/") if t]:
            found = found[token.replace("~1", "/").replace("~0", "~")]
        # Keywords beside the $ref (a default, a description) stay in force.
        schema = {**found, **{k: v for k, v in schema.items() if k != "$ref"}} if len(schema) > 1 else found
        hops += 1
    return file, schema


def _walk(
    documents: dict[str, Any], file: str, schema: Any, path: str, member: Member, out: dict[str, Member], depth: int
) -> None:
    file, schema = _resolve(documents, file, schema)
    if not isinstance(schema, dict) or depth > 16:
        return
    out[path] = member
    alternatives: list[Any] = schema.get("anyOf") or schema.get("oneOf") or []
    branches = [_resolve(documents, file, branch) for branch in alternatives]
    for branch_file, branch in [(file, schema)] + branches:
        declared = branch.get("type")
        if declared is not None:
            member.types |= {declared} if isinstance(declared, str) else set(declared)
        if "enum" in branch:
            member.enum = (member.enum or set()) | {json.dumps(v) for v in branch["enum"]}
        for keyword in BOUNDS:
            if keyword in branch:
                member.bounds[keyword] = branch[keyword]
        member.pattern = branch.get("pattern", member.pattern)
        required = set(branch.get("required", []))
        for name, child in branch.get("properties", {}).items():
            child_member = Member(required=name in required)
            _walk(
                documents,
                branch_file,
                child,
                f"{path}/{name.replace('~', '~0').replace('/', '~1')}",
                child_member,
                out,
                depth + 1,
            )
        if isinstance(branch.get("items"), dict):
            _walk(documents, branch_file, branch["items"], f"{path}/*", Member(required=True), out, depth + 1)
    if "default" in schema:
        member.default = json.dumps(schema["default"])
    member.annotations = {k: json.dumps(schema[k], sort_keys=True) for k in ANNOTATIONS if k in schema}


def _types(types: set[str]) -> str:
    return " | ".join(sorted(types)) or "any"


Finding = tuple[str, str]  # (what changed, class)


def _type_changes(old: Member, new: Member) -> list[Finding]:
    found: list[Finding] = []
    widened, narrowed = new.types - old.types, old.types - new.types
    # integer is a subset of number: number -> integer narrows, integer -> number widens
    if "integer" in widened and "number" in old.types:
        widened.discard("integer")
    if "integer" in narrowed and "number" in new.types:
        narrowed.discard("integer")
    if old.types and not new.types:
        return [(f"type constraint removed (was {_types(old.types)})", BREAKING)]
    if "null" in widened:
        found.append(("made nullable", BREAKING))
        widened.discard("null")
    if widened and old.types:
        word = "changed" if narrowed else "widened"
        found.append((f"type {word}: {_types(old.types)} -> {_types(new.types)}", BREAKING))
    elif narrowed and new.types:
        found.append((f"type narrowed: {_types(old.types)} -> {_types(new.types)}", COMPATIBLE))
    return found


def _presence_changes(old: Member, new: Member) -> list[Finding]:
    if old.required and not new.required:
        return [("required member made optional", BREAKING)]
    if new.required and not old.required:
        return [("optional member made required", COMPATIBLE)]
    return []


def _enum_changes(old: Member, new: Member) -> list[Finding]:
    if old.enum is not None and new.enum is None:
        return [("enum removed: any value may now be sent", BREAKING)]
    if old.enum is None:
        return [] if new.enum is None else [("enum added", COMPATIBLE)]
    assert new.enum is not None
    found: list[Finding] = []
    if new.enum - old.enum:
        found.append((f"enum value added: {', '.join(sorted(new.enum - old.enum))}", BREAKING))
    if old.enum - new.enum:
        found.append((f"enum value removed: {', '.join(sorted(old.enum - new.enum))}", COMPATIBLE))
    return found


def _bound_changes(old: Member, new: Member) -> list[Finding]:
    found: list[Finding] = []
    for keyword, (looser, words) in BOUNDS.items():
        before, after = old.bounds.get(keyword), new.bounds.get(keyword)
        if before == after:
            continue
        if after is None:
            found.append((f"{words} removed (was {before})", BREAKING))
        elif before is None:
            found.append((f"{words} added ({after})", COMPATIBLE))
        else:
            loosened = after < before if looser == "lower" else after > before
            verb = "loosened" if loosened else "tightened"
            found.append((f"{words} {verb}: {before} -> {after}", BREAKING if loosened else COMPATIBLE))
    if old.pattern != new.pattern:
        if new.pattern is None:
            found.append(("pattern removed", BREAKING))
        elif old.pattern is None:
            found.append(("pattern added", COMPATIBLE))
        else:
            found.append(("pattern changed (whether it loosened cannot be decided)", BREAKING))
    return found


def _annotation_changes(old: Member, new: Member) -> list[Finding]:
    found: list[Finding] = []
    if old.default != new.default:
        found.append(
            (f"default changed: {old.default} -> {new.default} (an absent member now reads differently)", BREAKING)
        )
    for keyword in ANNOTATIONS:
        if old.annotations.get(keyword) != new.annotations.get(keyword):
            found.append((f"{keyword.lstrip('$')} changed", COMPATIBLE))
    return found


RULES = (_type_changes, _presence_changes, _enum_changes, _bound_changes, _annotation_changes)


def compare_member(name: str, path: str, old: Member, new: Member) -> list[Change]:
    return [Change(name, path, change, klass) for rule in RULES for change, klass in rule(old, new)]


def compare(old_documents: dict[str, Any], new_documents: dict[str, Any]) -> list[Change]:
    """Every change, breaking ones first, then by type and path."""
    old_types, new_types = flatten(old_documents), flatten(new_documents)
    changes = []
    for name in sorted(old_types.keys() | new_types.keys()):
        if name not in new_types:
            changes.append(Change(name, "", "type removed", BREAKING))
            continue
        if name not in old_types:
            changes.append(Change(name, "", "type added", COMPATIBLE))
            continue
        old, new = old_types[name], new_types[name]
        for path in sorted(old.keys() | new.keys()):
            parent = path.rsplit("/", 1)[0]
            if path not in new:
                if parent in new or path == "":
                    changes.append(Change(name, path, "member removed", BREAKING))
            elif path not in old:
                if parent in old:
                    kind = "required" if new[path].required else "optional"
                    changes.append(Change(name, path, f"{kind} member added", COMPATIBLE))
            else:
                changes.extend(compare_member(name, path, old[path], new[path]))
    return sorted(changes, key=lambda c: (c.klass != BREAKING, c.type_name, c.path, c.change))
