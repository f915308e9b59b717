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
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import _wellformed as wellformed
from ._pointers import escape, lookup
from ._reading import ReadError, read_json
from ._refs import resources, target

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
    """A schema set that cannot be read or is malformed: exit code 2."""


def load_directory(directory: Path) -> dict[str, Any]:
    if not directory.is_dir():
        raise SchemaError(f"{directory}: not a directory of schemas")
    return {path.name: _document(str(path), path.read_bytes) for path in sorted(directory.glob("*.json"))}


def load_revision(revision: str, folder: str = "schemas") -> dict[str, Any]:
    """schemas/ at a git revision. Names are read NUL-separated (-z), so spaces and non-ASCII survive."""
    if revision.startswith("-"):
        raise SchemaError(f"not a revision: {revision!r} (a revision never starts with '-')")

    def git(*args: str) -> bytes:
        try:
            done = subprocess.run(["git", *args], capture_output=True, check=False)
        except OSError as error:
            raise SchemaError(f"cannot run git: {error.strerror} (is git installed and on PATH?)") from None
        if done.returncode != 0:
            message = done.stderr.decode("utf-8", "replace").strip() or "failed"
            raise SchemaError(f"git {' '.join(args)}: {message}")
        return done.stdout

    listing = git("ls-tree", "-z", "--name-only", f"{revision}:{folder}", "--")
    names = [os.fsdecode(name) for name in listing.split(b"\0") if name.endswith(b".json")]
    return {
        name: _document(f"{revision}:{folder}/{name}", lambda n=name: git("show", f"{revision}:{folder}/{n}"))
        for name in names
    }


def _document(where: str, read: Any) -> Any:
    """One schema file through the strict reader and the well-formedness check: SchemaError naming it."""
    try:
        document = read_json(read())
        wellformed.check(document, where)
    except OSError as error:
        raise SchemaError(f"{where}: cannot read: {error.strerror}") from None
    except ReadError as error:
        raise SchemaError(f"{where}:{error.line}: {error.keyword}: {error.message}") from None
    except wellformed.SchemaProblem as error:
        raise SchemaError(str(error)) from None
    return document


@dataclass(frozen=True)
class Site:
    """A schema at a place in its file (for messages), $refs followed; `key` identifies it for memoizing."""

    file: str
    pointer: str
    schema: Any
    key: str = ""

    def identity(self) -> str:
        return self.key or f"{self.file}#{self.pointer}"


class SchemaFiles:
    """The documents of one side, with $ref resolution that names the file and pointer it fails at."""

    def __init__(self, documents: dict[str, Any]) -> None:
        self.documents = documents
        self.index = resources(documents)

    def resolve(self, site: Site) -> Site:
        seen: set[tuple[str, str]] = set()
        while isinstance(site.schema, dict) and "$ref" in site.schema:
            reference = site.schema["$ref"]
            try:
                file, fragment = target(self.index, site.file, reference)
            except KeyError as error:
                outside = getattr(error.__cause__, "kind", "") == "remote-ref"
                problem = "points outside the schema set" if outside else "points to nothing"
                raise SchemaError(f"{site.file}#{site.pointer}/$ref: {reference!r} {problem}") from None
            if (file, fragment) in seen:
                raise SchemaError(f"{site.file}#{site.pointer}/$ref: {reference!r} is a cycle of $refs")
            seen.add((file, fragment))
            found = lookup(self.documents[file], fragment)
            siblings = {k: v for k, v in site.schema.items() if k != "$ref"}
            if siblings:  # keywords beside the $ref (a default, a description) stay in force, at this site
                merged = {**found, **siblings} if isinstance(found, dict) else found
                site = Site(file, fragment, merged, key=f"{site.identity()}+{file}#{fragment}")  # never shared
            else:
                site = Site(file, fragment, found)
        return site


# Keywords whose values are data, not schemas: a "$ref" member inside an example is no reference.
_DATA_KEYWORDS = frozenset({"enum", "const", "examples", "default"})


def check_references(schemas: SchemaFiles) -> None:
    """SchemaError naming the first `$ref` (file and pointer) that points to nothing, outside the set, or
    into a cycle, wherever it stands: an added member's $ref is checked before it is called compatible."""
    for file, document in sorted(schemas.documents.items()):
        pending: list[tuple[str, Any]] = [("", document)]
        while pending:
            pointer, node = pending.pop()
            if isinstance(node, dict):
                if isinstance(node.get("$ref"), str):
                    schemas.resolve(Site(file, pointer, node))
                pending.extend(
                    (f"{pointer}/{escape(key)}", value) for key, value in node.items() if key not in _DATA_KEYWORDS
                )
            elif isinstance(node, list):
                pending.extend((f"{pointer}/{index}", value) for index, value in enumerate(node))


@dataclass
class Level:
    """One member: its summary, and its children (member name, or "*" for array items) with where they are."""

    member: Member
    children: dict[str, tuple[Site, bool]]  # name -> (site, required)


def summarize(schemas: SchemaFiles, site: Site, required: bool) -> Level:
    """One member of a resolved site: what it allows, and its children."""
    member = Member(required=required)
    children: dict[str, tuple[Site, bool]] = {}
    schema = site.schema
    if not isinstance(schema, dict):
        return Level(member, children)
    branches = [site]
    for keyword in ("anyOf", "oneOf"):
        for index, branch in enumerate(schema.get(keyword, [])):
            branches.append(schemas.resolve(Site(site.file, f"{site.pointer}/{keyword}/{index}", branch)))
    for branch in branches:
        value = branch.schema
        if not isinstance(value, dict):
            continue
        declared = value.get("type")
        if declared is not None:
            member.types |= {declared} if isinstance(declared, str) else set(declared)
        if "enum" in value:
            member.enum = (member.enum or set()) | {_json(v) for v in value["enum"]}
        for keyword in BOUNDS:
            if keyword in value:
                member.bounds[keyword] = value[keyword]
        member.pattern = value.get("pattern", member.pattern)
        names = set(value.get("required", []))
        for name, child in value.get("properties", {}).items():
            children[name] = (Site(branch.file, f"{branch.pointer}/properties/{escape(name)}", child), name in names)
        if isinstance(value.get("items"), dict):
            children["*"] = (Site(branch.file, f"{branch.pointer}/items", value["items"]), True)
    if "default" in schema:
        member.default = _json(schema["default"])
    member.annotations = {k: _json(schema[k]) for k in ANNOTATIONS if k in schema}
    return Level(member, children)


def _json(value: Any) -> str:
    """A value as JSON text, for comparing and showing. Python refuses str() of an integer past 4,300
    digits, but not hex(): such an integer shows in hexadecimal, exactly."""
    try:
        return json.dumps(value, sort_keys=True)
    except ValueError:
        return json.dumps(_hex_huge(value), sort_keys=True)


def _hex_huge(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 10_000:
        return f"<integer {value:#x}>"
    if isinstance(value, list):
        return [_hex_huge(item) for item in value]
    if isinstance(value, dict):
        return {key: _hex_huge(item) for key, item in value.items()}
    return value


def object_types(documents: dict[str, Any]) -> dict[str, str]:
    """title -> file, for every schema file that describes an object type."""
    return {
        document["title"]: file
        for file, document in documents.items()
        if isinstance(document, dict) and "title" in document and "properties" in document
    }


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
    old_set, new_set = SchemaFiles(old_documents), SchemaFiles(new_documents)
    check_references(new_set)  # the new side as `make generate` holds it: every $ref resolves
    old_types, new_types = object_types(old_documents), object_types(new_documents)
    changes = []
    for name in sorted(old_types.keys() | new_types.keys()):
        if name not in new_types:
            changes.append(Change(name, "", "type removed", BREAKING))
        elif name not in old_types:
            changes.append(Change(name, "", "type added", COMPATIBLE))
        else:
            old_root = Site(old_types[name], "", old_documents[old_types[name]])
            new_root = Site(new_types[name], "", new_documents[new_types[name]])
            changes += _compare_type(name, (old_set, old_root), (new_set, new_root))
    return sorted(changes, key=lambda c: (c.klass != BREAKING, c.type_name, c.path, c.change))


def _compare_type(name: str, old: tuple[SchemaFiles, Site], new: tuple[SchemaFiles, Site]) -> list[Change]:
    """Walk both sides together, member by member. A pair of schemas (old place, new place) is
    descended into once per type: a schema $ref'd from many members, or from itself, costs one
    walk, so the work is linear in the schemas' size; its changes are reported at the first member
    (in name order) that reaches it."""
    changes: list[Change] = []
    compared: set[tuple[str, str, bool, bool]] = set()
    descended: set[tuple[str, str]] = set()
    pending = [("", old[1], new[1], True, True)]
    while pending:
        path, old_site, new_site, old_required, new_required = pending.pop()
        old_site, new_site = old[0].resolve(old_site), new[0].resolve(new_site)
        pair = (old_site.identity(), new_site.identity())
        if (*pair, old_required, new_required) in compared:
            continue  # the same member, reached again: its changes are already reported
        compared.add((*pair, old_required, new_required))
        old_level, new_level = summarize(old[0], old_site, old_required), summarize(new[0], new_site, new_required)
        changes += compare_member(name, path, old_level.member, new_level.member)
        if pair in descended:
            continue
        descended.add(pair)
        for child in sorted(old_level.children.keys() | new_level.children.keys(), reverse=True):
            child_path = f"{path}/{'*' if child == '*' else escape(child)}"
            if child not in new_level.children:
                changes.append(Change(name, child_path, "member removed", BREAKING))
            elif child not in old_level.children:
                kind = "required" if new_level.children[child][1] else "optional"
                changes.append(Change(name, child_path, f"{kind} member added", COMPATIBLE))
            else:
                (old_child, was_required), (new_child, is_required) = (
                    old_level.children[child],
                    new_level.children[child],
                )
                pending.append((child_path, old_child, new_child, was_required, is_required))
    return changes
