"""Valid data drawn from the schemas: both validators accept, and the dataclass round trip is exact."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indoxhub_contract import TYPES, is_valid, models

from ..contract.schemas import Oracle
from .support import bundled, same_json, valid_payloads


@pytest.mark.parametrize("strict", [False, True], ids=["default", "strict"])
@pytest.mark.parametrize("name", TYPES)
def test_drawn_payloads_are_valid_and_round_trip(name: str, strict: bool) -> None:
    oracle = Oracle(bundled(name, strict))
    model = getattr(models, name)

    @given(valid_payloads(name, strict))
    def check(payload: Any) -> None:
        assert oracle.is_valid(payload), "hypothesis-jsonschema drew an invalid payload"
        assert is_valid(name, payload, strict=strict)
        assert is_valid(name, payload)  # strict-valid is always default-valid
        assert same_json(model.from_dict(payload).to_dict(), payload)

    check()


@given(st.data())
def test_round_trip_keeps_member_order(data: st.DataObject) -> None:
    payload = data.draw(valid_payloads("ChatResponse", False))
    assert list(models.ChatResponse.from_dict(payload).to_dict()) == list(payload)
