"""The generated dataclasses: annotations that admit exactly what the schema admits, and lossless
from_dict / to_dict (the fuzz tests check the same properties on drawn payloads)."""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from typing import Any

import pytest

from indoxhub_contract import TYPES, ContractError, models

from .page import members
from .schemas import ROOT

RID = "3f2b8c1e-6d4a-4f7e-9b2c-1a5d7e9f0c3b"
CHAT = {
    "request_id": RID,
    "created_at": "2025-10-26T16:48:59",
    "duration_ms": 1,
    "provider": "p",
    "model": "m",
    "data": "x",
}


def admits_none(annotation: Any) -> bool:
    return typing.get_origin(annotation) in (typing.Union, types.UnionType) and type(None) in typing.get_args(
        annotation
    )


@pytest.mark.parametrize("member", members(), ids=lambda m: f"{m.type_name}.{m.name}")
def test_annotation_admits_null_exactly_where_the_page_does(member: Any) -> None:
    model = getattr(models, member.type_name)
    hints = typing.get_type_hints(model)
    assert admits_none(hints[member.name]) == ("null" in member.shape)
    field = {f.name: f for f in dataclasses.fields(model)}[member.name]
    if member.required:
        assert field.default is dataclasses.MISSING
    elif member.has_default:
        assert field.default == member.default and type(field.default) is type(member.default)
    else:
        assert field.default is None


def test_every_type_is_a_model() -> None:
    for name in TYPES:
        assert issubclass(getattr(models, name), models.Model)


def test_nested_members_are_typed_objects() -> None:
    example = json.loads((ROOT / "schemas" / "image-response.schema.json").read_text())["examples"][0]
    image = models.ImageResponse.from_dict(example)
    assert isinstance(image.usage, models.Usage) and image.usage.tokens_total == example["usage"]["tokens_total"]
    assert all(isinstance(item, models.ImageItem) for item in image.data)


def test_absent_stays_absent_and_defaults_are_readable() -> None:
    chat = models.ChatResponse.from_dict(CHAT)
    assert (chat.success, chat.message, chat.usage) == (True, "", None)
    assert chat.to_dict() == CHAT and list(chat.to_dict()) == list(CHAT)


def test_a_member_set_after_from_dict_is_written() -> None:
    chat = models.ChatResponse.from_dict(CHAT)
    chat.finish_reason = "stop"
    assert chat.to_dict() == {**CHAT, "finish_reason": "stop"}


def test_unlisted_members_are_kept_at_every_level() -> None:
    usage = {
        "tokens_prompt": 1,
        "tokens_completion": 1,
        "tokens_total": 2,
        "cost": 0,
        "latency": 0.5,
        "request_count": 1,
    }
    payload = {**CHAT, "usage": usage, "trace": {"id": 1}}
    chat = models.ChatResponse.from_dict(payload)
    assert chat.extra == {"trace": {"id": 1}}
    assert chat.usage is not None and chat.usage.extra == {"request_count": 1}
    assert json.dumps(chat.to_dict()) == json.dumps(payload)


def test_invalid_payload_raises_contract_error_with_every_error() -> None:
    with pytest.raises(ContractError) as raised:
        models.ChatResponse.from_dict({**CHAT, "duration_ms": True, "usage": {"tokens_prompt": -1}})
    assert [error.path for error in raised.value.errors] == [
        "/duration_ms",
        "/usage",
        "/usage",
        "/usage",
        "/usage",
        "/usage/tokens_prompt",
    ]


def test_constructed_instance_serializes_every_field() -> None:
    usage = models.Usage(tokens_prompt=1, tokens_completion=2, tokens_total=3, cost=0.5, latency=0.1)
    assert usage.to_dict() == {
        "tokens_prompt": 1,
        "tokens_completion": 2,
        "tokens_total": 3,
        "cost": 0.5,
        "latency": 0.1,
        "cache_read_tokens": 0,
        "cache_write_tokens": 0,
        "reasoning_tokens": 0,
        "web_search_count": 0,
    }
