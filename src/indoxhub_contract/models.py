"""Typed models of the response types: `ChatResponse.from_dict(payload)` and `.to_dict()`.

The classes are generated (generated/models/, datamodel-code-generator); this module hands them the
validator they call before building, so `from_dict` raises ContractError on an invalid payload.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import validate
from .generated.models import (
    AudioResponse,
    ChatResponse,
    CompletionResponse,
    EmbeddingResponse,
    ImageItem,
    ImageResponse,
    Usage,
    VideoJobStatus,
    VideoResponse,
)
from .generated.models._base import Model
from .registry import canonical, validators

__all__ = [
    "AudioResponse",
    "ChatResponse",
    "CompletionResponse",
    "EmbeddingResponse",
    "ImageItem",
    "ImageResponse",
    "Model",
    "Usage",
    "VideoJobStatus",
    "VideoResponse",
]


def _checker(type_name: str) -> tuple[Callable[[Any], bool], Callable[[Any], None]]:
    """What `from_dict` runs first: the generated fast path, then, only on failure, the full report."""
    name = canonical(type_name)

    def raise_errors(payload: Any) -> None:
        validate(name, payload)  # raises ContractError with every error

    return validators(name)[0], raise_errors


Model.checker_hook = _checker
