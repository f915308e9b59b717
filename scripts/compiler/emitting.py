"""Helpers the emitters share: blocks that vanish when empty, fast-path helpers, patterns, counts, wording."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from indoxhub_contract._pointers import join

from . import patterns
from .errors import CompileError
from .module import FAST, Scope
from .refs import Node
from .writer import Writer

__all__ = [
    "ANNOTATIONS",
    "captured",
    "check_pattern",
    "compiled_pattern",
    "emit_in_block",
    "fast_helper",
    "json_text",
    "natural",
    "plural",
]


# Keywords that only annotate: an emitter may ignore them (a bulk-checkable item schema may hold them).
ANNOTATIONS = frozenset(
    {
        "$schema",
        "$id",
        "$anchor",
        "$comment",
        "$defs",
        "title",
        "description",
        "default",
        "examples",
        "deprecated",
        "readOnly",
        "writeOnly",
        "format",
        "contentMediaType",
        "contentEncoding",
        "contentSchema",
    }
)


def check_pattern(node: Node, pointer_tokens: tuple[str, ...], source: str) -> str:
    """The Python translation of an ECMA-262 pattern, or CompileError naming where it stands."""
    try:
        return patterns.to_python(source)
    except patterns.PatternError as error:
        raise CompileError(
            node.file, join(node.pointer, *pointer_tokens), pointer_tokens[0], str(error), kind="pattern"
        ) from error


def compiled_pattern(scope: Scope, node: Node, pointer_tokens: tuple[str, ...], source: str) -> str:
    translated = check_pattern(node, pointer_tokens, source)
    if patterns.nested_unbounded(translated):
        message = (
            f"{json_text(source)} nests an unbounded quantifier inside another (as in (a+)+ or (x*y*)*): "
            "matching may take time exponential in the string's length"
        )
        scope.module.schemas.warn(
            CompileError(node.file, join(node.pointer, *pointer_tokens), pointer_tokens[0], message, kind="pattern")
        )
    return scope.module.constant("PATTERN", f"re.compile({translated!r})")


def natural(node: Node, keyword: str) -> int:
    value = node.value[keyword]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0 or value != int(value):
        raise CompileError(
            node.file, join(node.pointer, keyword), keyword, f"must be a non-negative integer, got {value!r}"
        )
    return int(value)


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


@contextmanager
def captured(scope: Scope, extra_indent: int = 1) -> Iterator[Writer]:
    """Write into a detached writer, so a caller can drop a block that came out empty."""
    saved = scope.writer
    scope.writer = Writer(saved.indent + extra_indent)
    try:
        yield scope.writer
    finally:
        scope.writer = saved


def emit_in_block(scope: Scope, header: str, body: Callable[[], None], prelude: tuple[str, ...] = ()) -> None:
    """`header:` + prelude + body, written only when the body wrote something."""
    with captured(scope) as inner:
        body()
    if inner.lines:
        scope.writer.line(header)
        scope.writer.lines.extend("    " * inner.indent + line for line in prelude)
        scope.writer.splice(inner)


def fast_helper(scope: Scope, node: Node) -> str:
    return scope.module.helper(FAST, node, lambda inner: inner.descend(node, "data", inner.root_path))
