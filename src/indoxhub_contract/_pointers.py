"""RFC 6901 JSON Pointers and file-relative `$ref`s: the one place each is done.

The generated validators escape member names with the same `escape` (indoxhub_contract._runtime); the
compiler, `diff`, the docs builder and the tests import these.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote

from ._runtime import escape

__all__ = ["LITERAL_KEYWORDS", "escape", "follow", "join", "lookup", "target", "unescape"]

# Keywords whose values are data, not schemas: a "$ref" member inside them is no reference.
LITERAL_KEYWORDS = frozenset({"const", "default", "enum", "examples"})


def unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def join(pointer: str, *tokens: Any) -> str:
    """`pointer` with `tokens` appended, each escaped: join("/a", "b/c", 0) == "/a/b~1c/0"."""
    return pointer + "".join("/" + escape(token) for token in tokens)


def lookup(document: Any, pointer: str) -> Any:
    """The value at `pointer` (URI-fragment form accepted: percent-escapes are decoded); KeyError if none."""
    value = document
    if pointer == "":
        return value
    if not pointer.startswith("/"):
        raise KeyError(pointer)
    for raw in pointer[1:].split("/"):
        token = unescape(unquote(raw))
        if isinstance(value, list) and token.isdigit() and int(token) < len(value):
            value = value[int(token)]
        elif isinstance(value, dict) and token in value:
            value = value[token]
        else:
            raise KeyError(pointer)
    return value


def target(documents: dict[str, Any], file: str, reference: str) -> tuple[str, str]:
    """Where a `$ref` written in `file` points, as (file, JSON Pointer): the one resolver the compiler's
    well-formedness checks, `diff`, `make dist`, the docs builder and the tests share. Forms: a JSON
    Pointer fragment ("#/$defs/x"), a plain-name fragment naming an `$anchor` ("#thing"), another file of
    the set ("usage.schema.json", with either fragment), or the `$id` of a schema embedded in a file, as
    written. KeyError when it points to nothing."""
    name, _, fragment = reference.partition("#")
    target_file, base = name or file, ""
    if target_file not in documents:
        embedded = _embedded(documents).get(name)
        if embedded is None:
            raise KeyError(reference)
        target_file, base = embedded
    document = documents[target_file]
    if fragment and not fragment.startswith("/"):  # a plain name: the $anchor of a schema in that resource
        pointer = _anchors(lookup(document, base)).get(unquote(fragment))
        if pointer is None:
            raise KeyError(reference)
        return target_file, base + pointer
    lookup(document, base + fragment)
    return target_file, base + fragment


def follow(documents: dict[str, Any], file: str, reference: str) -> tuple[str, Any]:
    """A `$ref` from `file`: (the target's file, the target). KeyError when either is missing."""
    target_file, pointer = target(documents, file, reference)
    return target_file, lookup(documents[target_file], pointer)


def _schemas(document: Any, pointer: str = "") -> Iterator[tuple[str, Any]]:
    """Every object of a document with its pointer, values of literal keywords (data, not schemas) left out."""
    pending = [(pointer, document)]
    while pending:
        where, value = pending.pop()
        if isinstance(value, dict):
            yield where, value
            pending += [(join(where, k), v) for k, v in value.items() if k not in LITERAL_KEYWORDS]
        elif isinstance(value, list):
            pending += [(join(where, i), v) for i, v in enumerate(value)]


def _anchors(resource: Any) -> dict[str, str]:
    """`$anchor` name -> pointer, within one resource (a schema with its own `$id` below it is another)."""
    found: dict[str, str] = {}
    for where, schema in _schemas(resource):
        if where and "$id" in schema:
            continue
        anchor = schema.get("$anchor")
        if isinstance(anchor, str) and not _inside_embedded(resource, where):
            found.setdefault(anchor, where)
    return found


def _inside_embedded(resource: Any, pointer: str) -> bool:
    tokens = pointer.split("/")[1:]
    value = resource
    for token in tokens[:-1]:
        value = value[int(token)] if isinstance(value, list) else value[unescape(token)]
        if isinstance(value, dict) and "$id" in value:
            return True
    return False


def _embedded(documents: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """The `$id` of every schema embedded below a file's root, as written -> (file, pointer)."""
    found: dict[str, tuple[str, str]] = {}
    for file, document in documents.items():
        for where, schema in _schemas(document):
            if where and isinstance(schema.get("$id"), str):
                found.setdefault(schema["$id"], (file, where))
    return found
