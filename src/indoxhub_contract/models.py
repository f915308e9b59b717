"""Typed models of the response types: `ChatResponse.from_dict(payload)` and `.to_dict()`.

The classes are generated (generated/models/, datamodel-code-generator); this module hands them the
validator they call before building, so `from_dict` raises ContractError on an invalid payload.
"""

from __future__ import annotations

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


def _validate(type_name: str, payload: Any) -> None:
    validate(type_name, payload)


Model.validate_hook = _validate
