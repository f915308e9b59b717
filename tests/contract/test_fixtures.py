"""The fixture corpus (tests/fixtures/<type>.json): every payload's verdict in both profiles, and where
it fails, from the generated validator and from jsonschema (the oracle) alike."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from indoxhub_contract import ContractError, is_valid, iter_errors, validate

from .schemas import oracle

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def cases() -> list[Any]:
    params = []
    for path in sorted(FIXTURES.glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8")):
            params.append(pytest.param(path.stem, case, id=f"{path.stem}: {case['name']}"))
    return params


@pytest.mark.parametrize(("type_name", "case"), cases())
def test_verdict_in_both_profiles(type_name: str, case: dict[str, Any]) -> None:
    payload = case["payload"]
    for profile in ("default", "strict"):
        strict = profile == "strict"
        expected = case[profile]
        assert is_valid(type_name, payload, strict=strict) is expected, profile
        errors = list(iter_errors(type_name, payload, strict=strict))
        assert (not errors) is expected, (profile, errors)
        title = {"chat-response": "ChatResponse"}.get(type_name) or "".join(p.title() for p in type_name.split("-"))
        assert oracle(title, strict).is_valid(payload) is expected, f"jsonschema disagrees ({profile})"
        if expected:
            validate(type_name, payload, strict=strict)
        else:
            with pytest.raises(ContractError) as raised:
                validate(type_name, payload, strict=strict)
            assert [e.path for e in raised.value.errors] == [e.path for e in errors]
    # Where it fails: exactly the listed pointers in the first profile that rejects the payload,
    # and at least those in strict (which may add unlisted members).
    # The fixture's `errors` pairs (pointer, keyword) are that place with its keyword: exactly ours, and
    # reported by jsonschema too (see oracle_agrees).
    first = "default" if not case["default"] else "strict"
    if not case[first]:
        paths = {error.path for error in iter_errors(type_name, payload, strict=first == "strict")}
        assert paths == set(case["paths"])
        pairs = sorted({(e.path, e.keyword) for e in iter_errors(type_name, payload, strict=first == "strict")})
        assert pairs == [tuple(pair) for pair in case["errors"]]
        assert {path for path, _ in case["errors"]} == set(case["paths"])
        assert oracle_agrees(oracle(title, first == "strict").iter_errors(payload), case["errors"])
        if first == "default":
            assert set(case["paths"]) <= {error.path for error in iter_errors(type_name, payload, strict=True)}
    else:
        assert "errors" not in case and case["paths"] == []


def oracle_agrees(oracle_errors: Any, pairs: list[list[str]]) -> bool:
    """Every (pointer, keyword) is one jsonschema reports too, allowing its two conventions: an
    additionalProperties error points at the object, not the member; a failed anyOf or oneOf holds its
    branches' errors in `context`."""
    reported: set[tuple[str, str]] = set()
    pending = list(oracle_errors)
    while pending:
        error = pending.pop()
        reported.add(
            ("".join("/" + str(t).replace("~", "~0").replace("/", "~1") for t in error.absolute_path), error.validator)
        )
        pending += error.context or []
    parent = {path: path.rsplit("/", 1)[0] for path, _ in pairs}
    return all(
        (path, keyword) in reported or (keyword == "additionalProperties" and (parent[path], keyword) in reported)
        for path, keyword in pairs
    )


def test_corpus_covers_what_the_issue_names() -> None:
    text = "\n".join(path.read_text(encoding="utf-8") for path in FIXTURES.glob("*.json"))
    for needle in ("naive ISO 8601", "upper-case UUID", "member the page does not list", "error body", "is true"):
        assert needle in text, needle
    assert len(cases()) >= 200
