"""The compiler's schema set: the one resolver (indoxhub_contract._refs) raising CompileError, holding
each added document to 2020-12's shapes, refusing $dynamicAnchor, and refusing $ref cycles that consume
nothing. Offline, always.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from indoxhub_contract import _wellformed as wellformed
from indoxhub_contract._pointers import join
from indoxhub_contract._refs import Node, Resources, resolve_uri

from .errors import CompileError

__all__ = ["Node", "SchemaSet", "resolve_uri"]


class SchemaSet(Resources):
    """Every schema document the compiler may reach, indexed by URI."""

    error = CompileError

    def __init__(self) -> None:
        super().__init__()
        self.warnings: list[CompileError] = []  # what compiles but may not behave: scripts/compile.py prints them

    def warn(self, warning: CompileError) -> None:
        if all(str(warning) != str(seen) for seen in self.warnings):  # each pattern is compiled per mode
            self.warnings.append(warning)

    def add(self, file: str, document: Any, retrieval_uri: str) -> Node:
        """Index `document`, refused (CompileError) unless every keyword has the shape 2020-12 gives it."""
        for problem in wellformed.problems(document, file):
            raise CompileError(file, problem.pointer, problem.keyword or "(schema)", problem.message)
        return super().add(file, document, retrieval_uri)

    def refuse(self, node: Node) -> None:
        if isinstance(node.value, dict) and "$dynamicAnchor" in node.value:
            # refused here: a plain $ref may point at one before it is compiled
            raise CompileError.unsupported(node.file, join(node.pointer, "$dynamicAnchor"), "$dynamicAnchor")

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
