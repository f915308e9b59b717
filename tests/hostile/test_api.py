"""The Python API: numbers JSON cannot carry are invalid, integers of any length are compared
exactly, and nothing but ContractError or KeyError comes out for bad payloads or names (classes 4, 5)."""

from __future__ import annotations

import math
from typing import Any

import pytest

from indoxhub_contract import ContractError, is_valid, iter_errors, validate
from indoxhub_contract.models import ChatResponse, EmbeddingResponse, Usage

from .conftest import CHAT, RID, USAGE

NOT_JSON = [math.nan, math.inf, -math.inf]


@pytest.mark.parametrize("value", NOT_JSON)
@pytest.mark.parametrize("member", ["cost", "latency", "tokens_total"])
def test_nan_and_infinity_are_no_numbers(value: float, member: str) -> None:
    payload = dict(USAGE, **{member: value})
    assert not is_valid("Usage", payload) and not is_valid("Usage", payload, strict=True)
    shown = {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}[repr(value)]
    expected = "an integer" if member == "tokens_total" else "a number"
    found = [(e.path, e.keyword, e.message) for e in iter_errors("Usage", payload)]
    assert found[0] == (f"/{member}", "type", f"expected {expected}, got {shown}")
    assert found[1:] == ([(f"/{member}", "minimum", f"expected {expected} >= 0, got -Infinity")] if value < 0 else [])
    with pytest.raises(ContractError):
        Usage.from_dict(payload)


@pytest.mark.parametrize("value", NOT_JSON)
def test_a_non_finite_number_in_an_embedding_vector(value: float) -> None:
    """The bulk path (16 x 1536 floats checked in C) must not let one NaN through."""
    vectors = [[0.5] * 1536 for _ in range(16)]
    vectors[7][1000] = value
    payload = {
        "request_id": RID,
        "created_at": "2025-10-26T16:48:59",
        "duration_ms": 5,
        "provider": "p",
        "model": "m",
        "success": True,
        "message": "",
        "data": vectors,
        "dimensions": 1536,
        "usage": USAGE,
    }
    assert not is_valid("EmbeddingResponse", payload)
    assert [(e.path, e.keyword) for e in iter_errors("EmbeddingResponse", payload)] == [("/data/7/1000", "type")]
    vectors[7][1000] = 1e308  # finite, and the sum overflows: the item-by-item check decides
    vectors[7][1001] = 1e308
    assert is_valid("EmbeddingResponse", payload)
    vectors[7][1001] = 10**400  # an integer too large for a float beside floats
    assert is_valid("EmbeddingResponse", payload)
    assert EmbeddingResponse.from_dict(payload).data[7][1001] == 10**400


def test_huge_integers_are_compared_exactly_and_described_without_str() -> None:
    assert is_valid("Usage", dict(USAGE, tokens_total=10**5000))
    with pytest.raises(ContractError) as raised:
        validate("Usage", dict(USAGE, tokens_total=-(10**5000)))
    assert [(e.path, e.message) for e in raised.value.errors] == [
        ("/tokens_total", "expected an integer >= 0, got an integer of about 5000 digits")
    ]
    assert "about 5000 digits" in str(raised.value)


def test_non_string_keys_under_strict() -> None:
    payload: dict[Any, Any] = dict(USAGE)
    payload[1] = "x"
    payload[None] = "y"
    assert is_valid("Usage", payload)  # the default profile ignores members it does not list
    with pytest.raises(ContractError) as raised:
        validate("Usage", payload, strict=True)
    assert [(e.path, e.keyword) for e in raised.value.errors] == [
        ("/1", "additionalProperties"),
        ("/None", "additionalProperties"),
    ]


def test_deep_and_self_referencing_values_are_contract_errors() -> None:
    deep: dict[str, Any] = {}
    cursor = deep
    for _ in range(100_000):
        cursor["x"] = {}
        cursor = cursor["x"]
    assert is_valid("ChatResponse", dict(CHAT, raw_response=deep))  # free-form: not walked
    cyclic: list[Any] = []
    cyclic.append(cyclic)
    for payload in (dict(CHAT, model=cyclic), dict(CHAT, usage=dict(USAGE, cost=cyclic))):
        assert not is_valid("ChatResponse", payload)
        with pytest.raises(ContractError):
            validate("ChatResponse", payload)


def test_to_dict_of_a_model_with_a_deep_free_form_member() -> None:
    deep: dict[str, Any] = {}
    cursor = deep
    for _ in range(500):
        cursor["x"] = [{}]
        cursor = cursor["x"][0]
    chat = ChatResponse.from_dict(dict(CHAT, raw_response=deep))
    dumped = chat.to_dict()
    assert dumped["raw_response"] is not deep  # a copy, built without recursion
    depth, cursor = 0, dumped["raw_response"]
    while cursor:
        cursor, depth = cursor["x"][0], depth + 1
    assert depth == 500


@pytest.mark.parametrize("name", [["Usage"], {"Usage": 1}, None, 7, "Nope", ""])
def test_a_bad_type_name_is_a_key_error_naming_the_types(name: Any) -> None:
    for call in (is_valid, validate, lambda n, p: list(iter_errors(n, p))):
        with pytest.raises(KeyError, match="known types: Usage, ChatResponse"):
            call(name, USAGE)
