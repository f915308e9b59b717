"""RFC 6901 JSON Pointers: escaping tokens, walking documents."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote


def escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def join(pointer: str, *tokens: str | int) -> str:
    return pointer + "".join("/" + escape(str(token)) for token in tokens)


def walk(document: Any, pointer: str) -> Any:
    """The value at `pointer` (URI-fragment form accepted: percent-escapes are decoded)."""
    value = document
    if pointer == "":
        return value
    if not pointer.startswith("/"):
        raise KeyError(pointer)
    for raw in pointer[1:].split("/"):
        token = unescape(unquote(raw))
        if isinstance(value, list):
            if not token.isdigit():
                raise KeyError(pointer)
            value = value[int(token)]
        elif isinstance(value, dict):
            value = value[token]
        else:
            raise KeyError(pointer)
    return value
