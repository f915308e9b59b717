"""Type names -> the generated validators. Accepts "ChatResponse" and the file-style "chat-response"."""

from __future__ import annotations

import re

from .generated.validators import ENDPOINTS, SCHEMA_FILES, TYPES, VALIDATORS, Validators

__all__ = ["TYPES", "canonical", "schema_file", "type_for_endpoint", "validators"]

# Also the shared pieces (ImageItem), which the models' from_dict validates; TYPES lists the eight.
_BY_SPELLING = {re.sub(r"[-_]", "", name).lower(): name for name in VALIDATORS}


def canonical(type_name: str) -> str:
    """The type's name as the page spells it; KeyError naming the known types for anything else."""
    if not isinstance(type_name, str):  # a list or dict is no name (and cannot be a dict key)
        name = None
    elif type_name in VALIDATORS:
        return type_name
    else:
        name = _BY_SPELLING.get(re.sub(r"[-_]", "", type_name).lower())
    if name is None:
        raise KeyError(f"unknown type {type_name!r}; known types: {', '.join(TYPES)}")
    return name


def validators(type_name: str) -> Validators:
    return VALIDATORS[canonical(type_name)]


def type_for_endpoint(operation: str) -> str:
    """The type an endpoint answers with, from openapi.yaml: "POST /chat/completions" -> "ChatResponse"."""
    method, _, path = operation.strip().partition(" ")
    key = f"{method.upper()} {path.strip()}"
    if key not in ENDPOINTS:
        raise KeyError(f"unknown endpoint {operation!r}; known endpoints: {', '.join(ENDPOINTS)}")
    return ENDPOINTS[key]


def schema_file(type_name: str) -> str:
    return SCHEMA_FILES[canonical(type_name)]
