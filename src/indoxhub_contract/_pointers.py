"""RFC 6901 JSON Pointers: the one place they are done (`$ref`s are resolved in _refs).

The generated validators escape member names with the same `escape` (indoxhub_contract._runtime); the
compiler, `diff`, the docs builder and the tests import these.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

from ._runtime import escape

__all__ = ["LITERAL_KEYWORDS", "escape", "join", "lookup", "unescape"]

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
