"""`$ref` resolution, the one resolver: the compiler (scripts/compiler/refs.py builds on it), `diff`,
`make dist`, the docs builder and the tests resolve every `$ref` here, offline, in the same forms: JSON
Pointer fragments, `#anchor` plain names, other files of the set and schemas embedded under their own
`$id`, each against the base URI in force where the `$ref` stands.

A `Node` is one subschema with what a caller needs to place it: the file and JSON Pointer for messages,
and the base URI its `$ref`s resolve against.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urldefrag, urljoin

from . import _wellformed as wellformed
from ._pointers import join, lookup, unescape

__all__ = ["Node", "RefError", "Resources", "follow", "resolve_uri", "target"]


class RefError(Exception):
    """A `$ref` that resolves to nothing: the file, the JSON Pointer of the keyword, and why."""

    def __init__(self, file: str, pointer: str, keyword: str, message: str, kind: str = "invalid") -> None:
        self.file = file
        self.pointer = pointer
        self.keyword = keyword
        self.kind = kind
        self.detail = message
        super().__init__(f"{file}#{pointer}: {keyword}: {message}")


def resolve_uri(base: str, reference: str) -> str:
    # urljoin does not understand URNs; a fragment-only reference needs no joining anyway.
    if reference.startswith("#"):
        return urldefrag(base)[0] + reference
    if ":" in reference.split("/", 1)[0]:
        return reference
    return urljoin(base, reference)


@dataclass(frozen=True)
class Node:
    value: Any
    file: str
    pointer: str
    base: str

    @property
    def location(self) -> str:
        return f"{self.file}#{self.pointer}"

    def child(self, *tokens: str | int) -> Node:
        value = self.value
        for token in tokens:
            value = value[token]
        base = self.base
        if isinstance(value, dict) and isinstance(value.get("$id"), str):
            base = resolve_uri(base, value["$id"])
        return Node(value, self.file, join(self.pointer, *tokens), base)


class Resources:
    """Schema documents indexed by URI: their resources (`$id`) and anchors, and `$ref` resolution.
    Subclasses choose the error raised (`error`) and what else a schema must not hold (`refuse`)."""

    error: type[RefError] = RefError

    def __init__(self) -> None:
        self.resources: dict[str, Node] = {}
        self.anchors: dict[str, Node] = {}
        self.roots: dict[str, Node] = {}
        self.available: dict[str, tuple[str, Any]] = {}  # URI -> (file, document), added when first referenced

    def offer(self, file: str, document: Any, retrieval_uri: str) -> None:
        """Make `document` available at `retrieval_uri` (a local copy of a remote): it is indexed only if a
        $ref reaches it."""
        self.available[urldefrag(retrieval_uri)[0]] = (file, document)

    def add(self, file: str, document: Any, retrieval_uri: str) -> Node:
        root = Node(document, file, "", retrieval_uri).child()
        self.roots[file] = root
        self.resources[urldefrag(retrieval_uri)[0]] = root
        self._index(root)
        return root

    def refuse(self, node: Node) -> None:
        """What a subclass refuses in a schema while indexing it (the compiler: $dynamicAnchor)."""

    def _index(self, node: Node) -> None:
        value = node.value
        if not isinstance(value, dict):
            return
        if isinstance(value.get("$id"), str):
            self.resources[urldefrag(node.base)[0]] = node
        self.refuse(node)
        if isinstance(value.get("$anchor"), str):
            self.anchors[urldefrag(node.base)[0] + "#" + value["$anchor"]] = node
        for keyword in wellformed.SUBSCHEMA:
            if keyword in value:
                self._index(node.child(keyword))
        for keyword in wellformed.SUBSCHEMA_MAPS:
            if isinstance(value.get(keyword), dict):
                for name in value[keyword]:
                    self._index(node.child(keyword, name))
        for keyword in wellformed.SUBSCHEMA_ARRAYS:
            if isinstance(value.get(keyword), list):
                for index in range(len(value[keyword])):
                    self._index(node.child(keyword, index))

    def resolve(self, node: Node, reference: str) -> Node:
        uri, fragment = urldefrag(resolve_uri(node.base, reference))
        if uri not in self.resources and uri in self.available:
            self.add(*self.available.pop(uri), uri)
        resource = self.resources.get(uri)
        if resource is None:
            raise self.error(
                node.file,
                join(node.pointer, "$ref"),
                "$ref",
                f"{reference!r} points outside the schema set ({uri}); remote references are never fetched",
                kind="remote-ref",
            )
        if fragment == "" or fragment.startswith("/"):
            try:
                lookup(resource.value, fragment)
            except (KeyError, IndexError) as missing:
                raise self.error(
                    node.file, join(node.pointer, "$ref"), "$ref", f"{reference!r} points at nothing"
                ) from missing
            target = resource
            for token in fragment.split("/")[1:] if fragment else []:
                decoded = unescape(unquote(token))
                key: str | int = int(decoded) if isinstance(target.value, list) else decoded
                target = target.child(key)
            return target
        anchored = self.anchors.get(uri + "#" + fragment)
        if anchored is None:
            raise self.error(node.file, join(node.pointer, "$ref"), "$ref", f"{reference!r}: no $anchor {fragment!r}")
        return anchored


def uri_of(file: str) -> str:
    """The retrieval URI of a file of the set: the files of one folder, as `make generate` reads them."""
    return f"file:///schemas/{file}"


def resources(documents: dict[str, Any]) -> Resources:
    found = Resources()
    for file, document in documents.items():
        found.add(file, document, uri_of(file))
    return found


def target(documents: dict[str, Any] | Resources, file: str, reference: str) -> tuple[str, str]:
    """Where a `$ref` written at the root level of `file` points, as (file, JSON Pointer). KeyError when it
    points to nothing or outside the set."""
    index = documents if isinstance(documents, Resources) else resources(documents)
    root = index.roots.get(file) or Node(None, file, "", uri_of(file))
    try:
        found = index.resolve(root, reference)
    except RefError as error:
        raise KeyError(reference) from error
    return found.file, found.pointer


def follow(documents: dict[str, Any], file: str, reference: str) -> tuple[str, Any]:
    """A `$ref` from `file`: (the target's file, the target). KeyError when either is missing."""
    target_file, pointer = target(documents, file, reference)
    return target_file, lookup(documents[target_file], pointer)
