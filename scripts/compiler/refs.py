"""Schema documents, their resources ($id), anchors and $ref resolution: offline, always.

A `Node` is one subschema with everything the compiler needs to place it: the file and JSON Pointer
for messages and schema paths, and the base URI that its `$ref`s resolve against.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urldefrag, urljoin

from indoxhub_contract import _wellformed as wellformed
from indoxhub_contract._pointers import join, lookup, unescape

from .errors import CompileError


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


class SchemaSet:
    """Every schema document the compiler may reach, indexed by URI."""

    def __init__(self) -> None:
        self.resources: dict[str, Node] = {}
        self.anchors: dict[str, Node] = {}
        self.roots: dict[str, Node] = {}
        self.available: dict[str, tuple[str, Any]] = {}  # URI -> (file, document), added when first referenced
        self.warnings: list[CompileError] = []  # what compiles but may not behave: scripts/compile.py prints them

    def warn(self, warning: CompileError) -> None:
        if all(str(warning) != str(seen) for seen in self.warnings):  # each pattern is compiled per mode
            self.warnings.append(warning)

    def offer(self, file: str, document: Any, retrieval_uri: str) -> None:
        """Make `document` available at `retrieval_uri` (a local copy of a remote): it is indexed, and
        held to the same rules, only if a $ref reaches it."""
        self.available[urldefrag(retrieval_uri)[0]] = (file, document)

    def add(self, file: str, document: Any, retrieval_uri: str) -> Node:
        """Index `document`, refused (CompileError) unless every keyword has the shape 2020-12 gives it."""
        for problem in wellformed.problems(document, file):
            raise CompileError(file, problem.pointer, problem.keyword or "(schema)", problem.message)
        root = Node(document, file, "", retrieval_uri).child()
        self.roots[file] = root
        self.resources[urldefrag(retrieval_uri)[0]] = root
        self._index(root)
        return root

    def _index(self, node: Node) -> None:
        value = node.value
        if not isinstance(value, dict):
            return
        if isinstance(value.get("$id"), str):
            self.resources[urldefrag(node.base)[0]] = node
        if "$dynamicAnchor" in value:  # refused here: a plain $ref may point at one before it is compiled
            raise CompileError.unsupported(node.file, join(node.pointer, "$dynamicAnchor"), "$dynamicAnchor")
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
            raise CompileError(
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
                raise CompileError(
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
            raise CompileError(node.file, join(node.pointer, "$ref"), "$ref", f"{reference!r}: no $anchor {fragment!r}")
        return anchored

    def refuse_empty_cycles(self, root: Node) -> None:
        """CompileError at the keyword that closes a cycle of `$ref`s and in-place applicators (allOf,
        anyOf, oneOf, not, if/then/else, dependentSchemas) reachable from `root`: such a cycle applies
        to the same instance forever, so the compiled code would only ever raise RecursionError
        (`{"$ref": "#"}`, a -> b -> a). A cycle through `properties` or `items` consumes part of the
        instance each round and ends: that is recursion, and it compiles. Linear in the schemas."""
        done: set[str] = set()
        entries = [root]
        while entries:
            entry = entries.pop()
            if entry.location in done:
                continue
            path = {entry.location}
            stack = [(entry, self._in_place(entry))]
            while stack:
                node, edges = stack[-1]
                step = next(edges, None)
                if step is None:
                    stack.pop()
                    path.discard(node.location)
                    done.add(node.location)
                    entries.extend(self._consuming(node))
                    continue
                (pointer, keyword), target = step
                if target.location in path:
                    message = f"closes a cycle that applies to the same instance forever (back to {target.location})"
                    raise CompileError(node.file, pointer, keyword, message)
                if target.location not in done:
                    path.add(target.location)
                    stack.append((target, self._in_place(target)))

    def _in_place(self, node: Node) -> Iterator[tuple[tuple[str, str], Node]]:
        """The subschemas applied to the same instance as `node`: ((keyword's pointer, keyword), target)."""
        value = node.value
        if not isinstance(value, dict):
            return
        if isinstance(value.get("$ref"), str):
            yield (join(node.pointer, "$ref"), "$ref"), self.resolve(node, value["$ref"])
        for keyword in ("allOf", "anyOf", "oneOf"):
            if isinstance(value.get(keyword), list):
                for index in range(len(value[keyword])):
                    yield (join(node.pointer, keyword, index), keyword), node.child(keyword, index)
        for keyword in ("not", "if", "then", "else"):
            if keyword in value:
                yield (join(node.pointer, keyword), keyword), node.child(keyword)
        if isinstance(value.get("dependentSchemas"), dict):
            for name in value["dependentSchemas"]:
                yield (
                    (join(node.pointer, "dependentSchemas", name), "dependentSchemas"),
                    node.child("dependentSchemas", name),
                )

    @staticmethod
    def _consuming(node: Node) -> Iterator[Node]:
        """The subschemas applied to a part of the instance (members, items, names)."""
        value = node.value
        if not isinstance(value, dict):
            return
        for keyword in (
            "items",
            "contains",
            "additionalProperties",
            "propertyNames",
            "unevaluatedItems",
            "unevaluatedProperties",
        ):
            if keyword in value:
                yield node.child(keyword)
        for keyword in ("properties", "patternProperties"):
            if isinstance(value.get(keyword), dict):
                yield from (node.child(keyword, name) for name in value[keyword])
        if isinstance(value.get("prefixItems"), list):
            yield from (node.child("prefixItems", index) for index in range(len(value["prefixItems"])))
