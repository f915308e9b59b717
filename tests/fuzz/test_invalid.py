"""Invalid data: one mutation of a valid payload; both validators reject it, at the same pointers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indoxhub_contract import TYPES, is_valid

from ..contract.schemas import Oracle
from .mutations import mutations
from .support import bundled, oracle_paths, our_paths, same_json, valid_payloads


@pytest.mark.parametrize("strict", [False, True], ids=["default", "strict"])
@pytest.mark.parametrize("name", TYPES)
def test_mutated_payloads_fail_alike(name: str, strict: bool) -> None:
    document = bundled(name, strict)
    oracle = Oracle(document)

    @given(st.data())
    def check(data: st.DataObject) -> None:
        payload = data.draw(valid_payloads(name, strict), label="valid payload")
        mutation = data.draw(st.sampled_from(mutations(document, payload, strict)), label="mutation")
        broken = mutation.apply(payload)
        assert not is_valid(name, broken, strict=strict), mutation.what
        assert not oracle.is_valid(broken), mutation.what
        ours = our_paths(name, strict, broken)
        assert ours == oracle_paths(name, strict, broken), mutation.what
        assert ours == {mutation.expected}, mutation.what  # one change, one failing place

    check()


def test_regression_no_type_mutation_inside_an_any_of_branch() -> None:
    """Found by `make fuzz`: null offered as a wrong type for `usage`, which is `Usage | null`."""
    usage = {"cost": 0.0, "latency": 0.0, "tokens_completion": 0, "tokens_prompt": 0, "tokens_total": 0}
    payload = {
        "created_at": "0000-01-01T00:00:60",
        "data": "",
        "duration_ms": 0.0,
        "model": "",
        "provider": "",
        "request_id": "e3e70682-c209-4cac-629f-6fbed82c07cd",
        "success": False,
        "usage": usage,
    }
    for mutation in mutations(bundled("ChatResponse", False), payload, False):
        broken = mutation.apply(payload)
        assert not is_valid("ChatResponse", broken), mutation.what
        assert (
            our_paths("ChatResponse", False, broken)
            == oracle_paths("ChatResponse", False, broken)
            == {mutation.expected}
        )


def test_regression_every_mutation_changes_the_payload() -> None:
    """Found by Hypothesis: a pattern "mutation" of a UUID that left it unchanged (and valid)."""
    payload = {
        "created_at": "0000-01-01T00:00:60",
        "data": [],
        "duration_ms": 0.0,
        "message": "",
        "model": "",
        "provider": "",
        "request_id": "e3e70682-c209-4cac-629f-6fbed82c07cd",
        "success": False,
        "usage": {"cost": 0.0, "latency": 0.0, "tokens_completion": 0, "tokens_prompt": 0, "tokens_total": 0},
    }
    for mutation in mutations(bundled("ImageResponse", True), payload, True):
        broken = mutation.apply(payload)
        assert not same_json(broken, payload), mutation.what
        assert our_paths("ImageResponse", True, broken) == {mutation.expected}, mutation.what
