"""Validate IndoxHub API responses against the contract; answers come from generated code only.

>>> from indoxhub_contract import is_valid, validate_json
>>> is_valid("Usage", {"tokens_prompt": 1, "tokens_completion": 1, "tokens_total": 2, "cost": 0, "latency": 0.1})
True
>>> validate_json("Usage", b'{"tokens_prompt": 1, "tokens_completion": 1, "tokens_total": 2, "cost": NaN}')
Traceback (most recent call last):
  ...
indoxhub_contract.errors.ContractError: not a valid Usage (1 error):
  (root): NaN is not a JSON number
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import ContractError, ErrorDetail

if TYPE_CHECKING:
    from ._api import TYPES, PayloadCheck, check_payload, is_valid, iter_errors, validate, validate_json

__all__ = [
    "TYPES",
    "ContractError",
    "ErrorDetail",
    "PayloadCheck",
    "check_payload",
    "is_valid",
    "iter_errors",
    "validate",
    "validate_json",
]
_FROM_API = {"TYPES", "PayloadCheck", "check_payload", "is_valid", "iter_errors", "validate", "validate_json"}


def __getattr__(name: str) -> Any:
    """The functions that need the generated validators, loaded on first use (PEP 562), then kept."""
    if name not in _FROM_API:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from . import _api

    value = getattr(_api, name)
    globals()[name] = value
    return value
