"""The package's public functions. indoxhub_contract/__init__.py hands them out lazily, so that importing
a runtime module the compiler needs (pointers, wellformed, _runtime) never loads generated/: `make
generate` runs with generated/ deleted."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .errors import ContractError, ErrorDetail
from .reading import ReadError, read_json
from .registry import TYPES, TypeName, canonical, validators

__all__ = ["TYPES", "is_valid", "iter_errors", "validate", "validate_json"]


def is_valid(type_name: TypeName, payload: Any, *, strict: bool = False) -> bool:
    """Whether `payload` (a decoded JSON value) is a valid `type_name`; stops at the first failure.
    `type_name`: "ChatResponse", "chat-response", or the model class `models.ChatResponse`."""
    is_valid_default, _, is_valid_strict, _ = validators(type_name)
    try:
        return (is_valid_strict if strict else is_valid_default)(payload)
    except RecursionError:  # a self-referencing dict, or one deeper than the stack: not a JSON value
        return False


def iter_errors(type_name: TypeName, payload: Any, *, strict: bool = False) -> Iterator[ErrorDetail]:
    """Every way `payload` breaks the contract, in schema order; nothing for a valid payload."""
    _, errors_default, _, errors_strict = validators(type_name)
    try:
        for path, keyword, message, schema_path in (errors_strict if strict else errors_default)(payload):
            yield ErrorDetail(path, keyword, message, schema_path)
    except RecursionError:
        yield ErrorDetail("", "depth", "nested too deep to check (not a JSON value?)", "")


def validate(type_name: TypeName, payload: Any, *, strict: bool = False) -> Any:
    """`payload` itself when it is a valid `type_name`; ContractError, holding every error, otherwise."""
    name = canonical(type_name)
    if not is_valid(name, payload, strict=strict):
        raise ContractError(name, tuple(iter_errors(name, payload, strict=strict)))
    return payload


def validate_json(type_name: TypeName, data: bytes | str, *, strict: bool = False) -> Any:
    """The payload read from JSON text with the CLI's strict reader, when it is a valid `type_name`.

    ContractError otherwise, for a payload that breaks the contract and for text that is not JSON a
    contract check can trust: a duplicate member, NaN or Infinity, a number out of the double range,
    bytes that are not UTF-8, a lone surrogate, nesting past 512 levels (each with its position or
    pointer). A UTF-8 byte-order mark is ignored.
    """
    name = canonical(type_name)
    try:
        payload = read_json(data)
    except ReadError as error:
        where = f" (line {error.line})" if error.line is not None and error.line > 1 else ""
        raise ContractError(name, (ErrorDetail(error.path, error.keyword, error.message + where, ""),)) from None
    return validate(name, payload, strict=strict)
