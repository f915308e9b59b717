"""Type names -> the generated validators. Accepts "ChatResponse" and the file-style "chat-response"."""

from __future__ import annotations

import re

from .generated.validators import ENDPOINTS, ERROR_BODIES, ROUTES, SCHEMA_FILES, VALIDATORS, Validators
from .generated.validators import TYPES as RESPONSE_TYPES

__all__ = [
    "ERROR_BODIES",
    "RESPONSE_TYPES",
    "ROUTES",
    "TYPES",
    "error_statuses",
    "TypeName",
    "canonical",
    "endpoints_of",
    "schema_file",
    "type_for_endpoint",
    "validators",
]

# The package's ten types: the eight responses of the reference page, then the two error bodies (the
# answers to 4xx and 5xx statuses). VALIDATORS also holds the shared pieces (ImageItem), which the
# models' from_dict validates.
TYPES = RESPONSE_TYPES + ERROR_BODIES
_BY_SPELLING = {re.sub(r"[-_]", "", name).lower(): name for name in VALIDATORS}


# A type is named as the page spells it ("ChatResponse"), as its file ("chat-response"), or by its
# model class (indoxhub_contract.models.ChatResponse).
TypeName = str | type


def canonical(type_name: TypeName) -> str:
    """The type's name as the page spells it; KeyError naming the known types for anything else."""
    if isinstance(type_name, type) and type_name.__name__ in VALIDATORS and _is_model(type_name):
        return type_name.__name__
    if not isinstance(type_name, str):  # a list or dict is no name (and cannot be a dict key)
        name = None
    elif type_name in VALIDATORS:
        return type_name
    else:
        name = _BY_SPELLING.get(re.sub(r"[-_]", "", type_name).lower())
    if name is None:
        raise KeyError(f"unknown type {type_name!r}; known types: {', '.join(TYPES)}")
    return name


def _is_model(cls: type) -> bool:
    """A model class says so itself (model_base.Model sets the mark): asking by import would be a circle,
    since the model base imports this module."""
    return getattr(cls, "_contract_model", False) is True


def validators(type_name: TypeName) -> Validators:
    return VALIDATORS[canonical(type_name)]


def type_for_endpoint(operation: str) -> str:
    """The type an endpoint answers with, from openapi.yaml: "POST /chat/completions" -> "ChatResponse"."""
    method, _, path = operation.strip().partition(" ")
    key = f"{method.upper()} {path.strip()}"
    if key not in ENDPOINTS:
        raise KeyError(f"unknown endpoint {operation!r}; known endpoints: {', '.join(ENDPOINTS)}")
    return ENDPOINTS[key]


def endpoints_of(type_name: TypeName) -> list[str]:
    """The operations whose 200 answer is `type_name` ("POST /chat/completions"), in openapi.yaml's order."""
    name = canonical(type_name)
    return [operation for operation, answered in ENDPOINTS.items() if answered == name]


def schema_file(type_name: TypeName) -> str:
    return SCHEMA_FILES[canonical(type_name)]


def error_statuses(type_name: str) -> list[int]:
    """The statuses whose answers carry this error body, in any operation (openapi.yaml)."""
    return sorted({status for _, _, statuses, _ in ROUTES for status, body in statuses.items() if body == type_name})
