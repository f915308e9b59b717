"""Helpers every family emitter uses: descending into a subschema, patterns, counts, wording."""

from __future__ import annotations

from indoxhub_contract.pointers import join

from . import patterns
from .errors import CompileError
from .keywords import captured, emit_in_block, json_text
from .keywords import descend as emit_subschema
from .module import Scope
from .refs import Node

__all__ = [
    "captured",
    "check_pattern",
    "compiled_pattern",
    "emit_in_block",
    "emit_subschema",
    "json_text",
    "natural",
    "plural",
]


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
