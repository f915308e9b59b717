"""Validate IndoxHub API responses against the contract; answers come from generated code only.

>>> from indoxhub_contract import is_valid, validate
>>> is_valid("Usage", {"tokens_prompt": 1, "tokens_completion": 1, "tokens_total": 2, "cost": 0, "latency": 0.1})
True
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .errors import ContractError, ValidationError
from .registry import TYPES, canonical, validators

__all__ = ["TYPES", "ContractError", "ValidationError", "is_valid", "iter_errors", "validate"]


def is_valid(type_name: str, payload: Any, *, strict: bool = False) -> bool:
    """Whether `payload` (a decoded JSON value) is a valid `type_name`; stops at the first failure."""
    is_valid_default, _, is_valid_strict, _ = validators(type_name)
    try:
        return (is_valid_strict if strict else is_valid_default)(payload)
    except RecursionError:  # a self-referencing dict, or one deeper than the stack: not a JSON value
        return False


def iter_errors(type_name: str, payload: Any, *, strict: bool = False) -> Iterator[ValidationError]:
    """Every way `payload` breaks the contract, in schema order; nothing for a valid payload."""
    _, errors_default, _, errors_strict = validators(type_name)
    try:
        for path, keyword, message, schema_path in (errors_strict if strict else errors_default)(payload):
            yield ValidationError(path, keyword, message, schema_path)
    except RecursionError:
        yield ValidationError("", "depth", "nested too deep to check (not a JSON value?)", "")


def validate(type_name: str, payload: Any, *, strict: bool = False) -> None:
    """Raise ContractError, holding every error, unless `payload` is a valid `type_name`."""
    name = canonical(type_name)
    if not is_valid(name, payload, strict=strict):
        raise ContractError(name, tuple(iter_errors(name, payload, strict=strict)))
