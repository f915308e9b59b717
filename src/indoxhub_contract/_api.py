"""The package's public functions. indoxhub_contract/__init__.py hands them out lazily, so that importing
a runtime module the compiler needs (pointers, wellformed, _runtime) never loads generated/: `make
generate` runs with generated/ deleted."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ._reading import ReadError, read_json
from ._registry import TYPES, TypeName, canonical, validators
from .errors import ContractError, ErrorDetail

__all__ = ["TYPES", "PayloadCheck", "check_payload", "is_valid", "iter_errors", "validate", "validate_json"]


@dataclass(frozen=True)
class PayloadCheck:
    """What check_payload found in one payload.

    type: the type's name as the page spells it; valid: no errors; errors: every ErrorDetail, a reading
    finding (NaN, a duplicate member, bytes that are not UTF-8...) included; value: the decoded payload,
    None when it could not be read; undocumented: JSON Pointers of the members the strict profile would
    reject (array indexes kept), when asked for, else ().
    """

    type: str
    valid: bool
    errors: tuple[ErrorDetail, ...]
    value: Any = None
    undocumented: tuple[str, ...] = ()


def check_payload(type_name: TypeName, data: Any, *, strict: bool = False, undocumented: bool = False) -> PayloadCheck:
    """The one check every surface runs (validate_json, `validate`, `traffic`, the hooks, the pytest plugin,
    Spark). `data`: JSON text (str or bytes, read by the strict reader) or a value already decoded. Never
    raises: an unknown `type_name` is a `type-name` error naming the known types (validate_json and
    validate raise KeyError for it instead). With `undocumented`, also the members the strict profile
    would reject (for the drift report), found by a strict pass only when there are any."""
    try:
        name = canonical(type_name)
    except (KeyError, TypeError) as error:
        shown = type_name if isinstance(type_name, str) else repr(type_name)
        return PayloadCheck(shown, False, (ErrorDetail("", "type-name", str(error.args[0]), ""),))
    if not isinstance(data, (bytes, bytearray, memoryview, str)):
        return check_value(name, data, strict=strict, undocumented=undocumented)
    try:
        value = read_json(data if isinstance(data, (bytes, str)) else bytes(data))
    except ReadError as error:
        return PayloadCheck(name, False, (reading_error(error),))
    return check_value(name, value, strict=strict, undocumented=undocumented)


def check_value(name: str, value: Any, *, strict: bool = False, undocumented: bool = False) -> PayloadCheck:
    """check_payload's second half, for a value already read (a JSON string document is a str: it is not
    read again). `name` is canonical."""
    errors = () if is_valid(name, value, strict=strict) else tuple(iter_errors(name, value, strict=strict))
    members = undocumented_members(name, value) if undocumented else ()
    return PayloadCheck(name, not errors, errors, value, members)


def reading_error(error: ReadError) -> ErrorDetail:
    """A ReadError as an ErrorDetail: its line, when past the first, is in the message."""
    where = f" (line {error.line})" if error.line is not None and error.line > 1 else ""
    return ErrorDetail(error.path, error.keyword, error.message + where, "")


def undocumented_members(type_name: str, payload: Any) -> tuple[str, ...]:
    """The members the strict profile would reject; the fast path first, since most payloads have none."""
    if is_valid(type_name, payload, strict=True):
        return ()
    return tuple(e.path for e in iter_errors(type_name, payload, strict=True) if e.keyword == "additionalProperties")


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


def validate_json(type_name: TypeName, data: bytes | str | bytearray | memoryview, *, strict: bool = False) -> Any:
    """The payload read from JSON text with the CLI's strict reader, when it is a valid `type_name`.

    ContractError otherwise, for a payload that breaks the contract and for text that is not JSON a
    contract check can trust: a duplicate member, NaN or Infinity, a number out of the double range,
    bytes that are not UTF-8, a lone surrogate, nesting past 512 levels (each with its position or
    pointer). A UTF-8 byte-order mark is ignored.
    """
    if isinstance(data, (bytearray, memoryview)):
        data = bytes(data)
    elif not isinstance(data, (bytes, str)):
        raise TypeError(f"validate_json reads JSON text (str or bytes), got {type(data).__name__}: use validate()")
    result = check_payload(canonical(type_name), data, strict=strict)  # KeyError for an unknown type
    if not result.valid:
        raise ContractError(result.type, result.errors)
    return result.value
