"""Compile one schema document in memory and load the result, for tests of the compiler itself."""

from __future__ import annotations

import types
import warnings
from collections.abc import Callable, Iterator
from typing import Any

from compiler import ERRORS, FAST, SchemaSet, compile_module


class Compiled:
    def __init__(
        self, schema: Any, retrieval_uri: str = "https://example.test/root.json", remotes: dict[str, Any] | None = None
    ) -> None:
        schemas = SchemaSet()
        for uri, document in (remotes or {}).items():  # other documents, read when a $ref reaches them
            schemas.offer(uri.removeprefix("http://localhost:1234/"), document, uri)
        root = schemas.add("root.json", schema, retrieval_uri)
        functions = [("is_valid", root, FAST, "fast"), ("iter_errors", root, ERRORS, "errors")]
        self.source = compile_module(schemas, functions, "# compiled by a test", ["is_valid", "iter_errors"])
        namespace = types.ModuleType("compiled_under_test")
        text = self.source  # it imports the runtime from the package, as generated/ does
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # an invalid escape in generated code is a bug, not a warning
            code = compile(text, "<compiled>", "exec")
        exec(code, namespace.__dict__)  # noqa: S102 - our own generated code
        self.is_valid: Callable[[Any], bool] = namespace.is_valid
        self._iter_errors: Callable[[Any], Iterator[tuple[str, str, str, str]]] = namespace.iter_errors

    def errors(self, instance: Any) -> list[tuple[str, str, str, str]]:
        return list(self._iter_errors(instance))
