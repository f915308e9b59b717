"""Routing from the contract (every path of openapi.yaml, with and without the base path, query strings,
templated segments, unknown paths, wrong methods) and checking one exchange's status and body."""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml

from indoxhub_contract.http import check, route

from .schemas import ROOT

SPEC = yaml.safe_load((ROOT / "openapi.yaml").read_text())
OPERATIONS = [(m.upper(), p) for p, item in SPEC["paths"].items() for m in item if m != "parameters"]
CHAT = json.loads((ROOT / "schemas" / "chat-response.schema.json").read_text())["examples"][0]


def concrete(template: str) -> str:
    return template.replace("{job_id}", "job-42")


@pytest.mark.parametrize(("method", "template"), OPERATIONS)
@pytest.mark.parametrize(
    "prefix",
    ["https://api.indoxhub.com/api/v1", "http://localhost:8000/api/v1", "/api/v1", "", "https://proxy.test/api/v1/"],
)
def test_every_operation_routes(method: str, template: str, prefix: str) -> None:
    url = prefix.rstrip("/") + concrete(template) + "?stream=false#x"
    found = route(method, url)
    assert found is not None and (found.method, found.template) == (method, template)
    assert found.statuses[200] and found.statuses[404] == "ErrorBody" and found.statuses[422] == "ValidationErrorBody"
    assert route(method.lower(), url) == found


@pytest.mark.parametrize(
    ("method", "url", "reason"),
    [
        ("GET", "/api/v1/chat/completions", "GET is not in the contract for /chat/completions (only POST)"),
        ("POST", "/api/v1/auth/api-key", "no operation in the contract for /auth/api-key"),
        ("GET", "/api/v1/videos/jobs", "no operation in the contract for /videos/jobs"),
        ("GET", "/api/v1/videos/jobs/a/b", "no operation in the contract for /videos/jobs/a/b"),
        ("POST", "/api/v2/chat/completions", "no operation in the contract for /api/v2/chat/completions"),
    ],
)
def test_unknown_paths_and_methods_are_uncovered(method: str, url: str, reason: str) -> None:
    assert route(method, url) is None
    checked = check(method, url, 200, b"{}")
    assert (checked.covered, checked.uncovered, checked.findings) == (False, reason, ())


def test_more_base_urls() -> None:
    assert route("POST", "https://gw.test/indox/chat/completions") is None
    assert route("POST", "https://gw.test/indox/chat/completions", base_urls=("/api/v1", "/indox")) is not None


def pairs(checked: Any) -> list[tuple[str, str]]:
    return [(e.path, e.keyword) for e in checked.findings]


def test_check_by_status() -> None:
    url = "https://api.indoxhub.com/api/v1/chat/completions"
    assert check("POST", url, 200, json.dumps(CHAT).encode()).findings == ()
    assert check("POST", url, 200, CHAT).type == "ChatResponse"  # an already decoded body
    assert pairs(check("POST", url, 200, json.dumps(dict(CHAT, request_id="x")))) == [("/request_id", "pattern")]
    assert check("POST", url, 401, b'{"detail": "Invalid API key"}').type == "ErrorBody"
    assert pairs(check("POST", url, 401, b'{"message": "no"}')) == [("", "required")]
    assert pairs(check("POST", url, 422, b'{"detail": [{"loc": ["body"], "msg": "m", "type": "t"}]}')) == []
    assert pairs(check("POST", url, 401, b'{"detail": "x", "extra": 1}', strict=True)) == [
        ("/extra", "additionalProperties")
    ]
    teapot = check("POST", url, 418, b"{}")
    assert teapot.covered and [(e.keyword, e.message) for e in teapot.findings] == [
        ("status", "status 418 is not in the contract for POST /chat/completions")
    ]
    html = check("POST", url, 502, b"<html>bad gateway</html>", content_type="text/html; charset=utf-8")
    assert [(e.keyword, e.message) for e in html.findings] == [
        ("content-type", "expected JSON (application/json) for status 502, got text/html")
    ]
    unreadable = check("POST", url, 200, b'{"a": 1, "a": 2}')
    assert pairs(unreadable) == [("", "duplicate")]
    stream = check("POST", url, 200, b"data: {}\n\n", content_type="text/event-stream")
    assert (
        not stream.covered
        and stream.uncovered == "an event stream (POST /chat/completions): the page defines no stream frames"
    )
