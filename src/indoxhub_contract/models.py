"""Typed models of the ten types (the responses and the error bodies): `ChatResponse.from_dict(payload)`,
`.from_json(data)`, `.to_dict()`.

The classes are generated (generated/models/, datamodel-code-generator) on the runtime's base,
indoxhub_contract.model_base.Model, which validates before it builds.
"""

from __future__ import annotations

from .generated.models import (
    AudioResponse,
    ChatResponse,
    CompletionResponse,
    EmbeddingResponse,
    ErrorBody,
    ImageItem,
    ImageResponse,
    Usage,
    ValidationErrorBody,
    VideoJobStatus,
    VideoResponse,
)
from .model_base import Model

__all__ = [
    "AudioResponse",
    "ChatResponse",
    "CompletionResponse",
    "EmbeddingResponse",
    "ErrorBody",
    "ImageItem",
    "ImageResponse",
    "Model",
    "Usage",
    "ValidationErrorBody",
    "VideoJobStatus",
    "VideoResponse",
]
