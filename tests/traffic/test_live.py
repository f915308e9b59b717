"""The published `indoxhub` client against a local stub: its calls recorded by VCR.py into a real
cassette, which `traffic` then checks; and the `contract` fixture watching the client's session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indoxhub_contract import ContractError
from indoxhub_contract.hooks import Seen, requests_hook

from ..cli.conftest import cli
from .stub import serving

ROOT = Path(__file__).resolve().parent.parent.parent
CHAT = json.loads((ROOT / "schemas" / "chat-response.schema.json").read_text())["examples"][0]
MESSAGES = [{"role": "user", "content": "Hi"}]

pytest_plugins = ["pytester"]


def test_vcr_cassette_of_the_official_client_checks_as_recorded(tmp_path: Path) -> None:
    import indoxhub
    import vcr

    cassette = tmp_path / "chat.yaml"
    with serving() as stub, vcr.use_cassette(str(cassette), record_mode="all"):
        stub.answers = [(200, CHAT), (200, dict(CHAT, usage={**CHAT["usage"], "tokens_total": -1})), (200, CHAT)]
        client = indoxhub.Client(api_key="key", base_url=stub.url)
        for _ in range(3):
            client.chat(MESSAGES)
        client.close()
    assert "interactions:" in cassette.read_text()
    report = cli("traffic", "--format", "json", str(cassette)).report
    # the client's own /auth/api-key call is outside the contract: uncovered, not a failure
    assert (report["checked"], report["invalid"], report["uncovered"]) == (4, 1, 1)
    assert [(e["entry"], e["path"], e["keyword"]) for e in report["errors"]] == [(3, "/usage/tokens_total", "minimum")]
    assert report["uncovered_exchanges"][0]["reason"] == "no operation in the contract for /auth/api-key"


def test_requests_hook_raises_or_collects() -> None:
    import indoxhub

    with serving() as stub:
        client = indoxhub.Client(api_key="key", base_url=stub.url)
        seen: list[Seen] = []
        client.session.hooks["response"].append(requests_hook(collect=seen))
        stub.answers = [(200, CHAT), (429, {"detail": "Slow down"}), (200, dict(CHAT, model=5))]
        client.chat(MESSAGES)
        with pytest.raises(indoxhub.exceptions.RateLimitError):  # the client's own error, after the hook saw the answer
            client.chat(MESSAGES)
        client.chat(MESSAGES)
        assert [(s.status, s.checked.type, [e.path for e in s.checked.findings]) for s in seen] == [
            (200, "ChatResponse", []),
            (429, "ErrorBody", []),
            (200, "ChatResponse", ["/model"]),
        ]
        client.session.hooks["response"] = [requests_hook()]
        stub.answers = [(200, dict(CHAT, model=5))]
        with pytest.raises(ContractError) as raised:
            client.chat(MESSAGES)
        assert raised.value.exchange.startswith("POST http://127.0.0.1:") and "/model" in str(raised.value)
        client.close()


def test_contract_fixture_fails_a_test_that_receives_an_invalid_answer(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(stub=(Path(__file__).parent / "stub.py").read_text())
    pytester.makepyfile(
        test_client=f"""
        import indoxhub
        from stub import serving

        CHAT = {CHAT!r}

        def test_valid(contract):
            with serving() as stub:
                client = indoxhub.Client(api_key="key", base_url=stub.url)
                contract.watch(client.session)
                stub.answers = [(200, CHAT)]
                client.chat([{{"role": "user", "content": "Hi"}}])

        def test_invalid(contract):
            with serving() as stub:
                client = indoxhub.Client(api_key="key", base_url=stub.url)
                contract.watch(client.session)
                stub.answers = [(200, dict(CHAT, request_id="nope"))]
                client.chat([{{"role": "user", "content": "Hi"}}])
        """
    )
    summary = pytester.path / "summary.md"
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", f"--contract-summary={summary}")
    result.assert_outcomes(passed=1, failed=1)  # test_invalid fails in its own outcome, not at teardown
    result.stdout.fnmatch_lines(
        [
            "*answers that break the IndoxHub contract:*",
            "*POST http://127.0.0.1:*/api/v1/chat/completions 200: /request_id: pattern:*",
        ]
    )
    report = summary.read_text()
    assert "| `POST /chat/completions` | 200 | 2 | 1 |" in report  # the run's report, both tests
    assert "| `pattern` | 1 | `test_client.py::test_invalid` |" in report


def test_har_written_by_the_stub_checks_as_served(tmp_path: Path) -> None:
    """HAR 1.2 (held to the format's own schema, har-schema 2.0.0 in js/), written from what the stub
    served to the official client: valid and invalid answers, an error body, the client's auth call."""
    import indoxhub
    import jsonschema
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT6

    with serving() as stub:
        stub.answers = [(200, CHAT), (200, dict(CHAT, provider=None)), (400, {"detail": "Bad model"})]
        client = indoxhub.Client(api_key="key", base_url=stub.url)
        client.chat(MESSAGES)
        client.chat(MESSAGES)
        with pytest.raises(indoxhub.exceptions.IndoxHubError):
            client.chat(MESSAGES)
        client.close()
        har = stub.har()
    folder = ROOT / "js" / "node_modules" / "har-schema" / "lib"
    documents = {path.name: json.loads(path.read_text()) for path in folder.glob("*.json")}
    registry = Registry().with_resources(
        (name, Resource.from_contents(doc, default_specification=DRAFT6)) for name, doc in documents.items()
    )
    jsonschema.Draft6Validator(documents["har.json"], registry=registry).validate(har)
    (tmp_path / "session.har").write_text(json.dumps(har))
    report = cli("traffic", "--format", "json", str(tmp_path / "session.har")).report
    assert (report["checked"], report["invalid"], report["uncovered"]) == (4, 1, 1)
    assert [(e["entry"], e["status"], e["path"], e["keyword"]) for e in report["errors"]] == [
        (3, 200, "/provider", "type")
    ]


def test_httpx_hooks_sync_and_async() -> None:
    import asyncio

    import httpx

    from indoxhub_contract.hooks import async_httpx_hook, httpx_hook

    with serving() as stub:
        stub.answers = [(200, CHAT), (200, dict(CHAT, duration_ms="slow")), (200, dict(CHAT, duration_ms="slow"))]
        seen: list[Seen] = []
        with httpx.Client(base_url=stub.url, event_hooks={"response": [httpx_hook(collect=seen)]}) as client:
            client.post("/api/v1/chat/completions", json={})
            client.post("/api/v1/chat/completions", json={})
        assert [[e.path for e in s.checked.findings] for s in seen] == [[], ["/duration_ms"]]

        async def call() -> None:
            async with httpx.AsyncClient(base_url=stub.url, event_hooks={"response": [async_httpx_hook()]}) as client:
                await client.post("/api/v1/chat/completions", json={})

        with pytest.raises(ContractError) as raised:
            asyncio.run(call())
        assert "/duration_ms" in str(raised.value) and raised.value.type_name == "ChatResponse"


def test_checking_one_response_by_hand() -> None:
    """`contract.check(response)`: a requests or an httpx response, its verdict kept for teardown."""
    import httpx
    import requests

    from indoxhub_contract.pytest_plugin import Contract

    contract = Contract()
    with serving() as stub:
        stub.answers = [(200, dict(CHAT, duration_ms="slow"))]
        first = contract.check(requests.post(stub.url + "/api/v1/chat/completions", json={}, timeout=10))
    url = "https://api.indoxhub.com/api/v1/chat/completions"
    second = contract.check(httpx.Response(200, json=CHAT, request=httpx.Request("post", url)))
    assert [(s.method, s.status, s.checked.type, [e.path for e in s.checked.findings]) for s in contract.seen] == [
        ("POST", 200, "ChatResponse", ["/duration_ms"]),
        ("POST", 200, "ChatResponse", []),
    ]
    assert contract.seen == [first, second] and second.url == url
    assert contract.failures() == [
        f'POST {stub.url}/api/v1/chat/completions 200: /duration_ms: type: expected a number, got "slow"'
    ]


def test_the_plugin_is_inert_until_used() -> None:
    """Loading the plugin (every pytest run does, through the entry point) imports neither requests nor httpx."""
    import subprocess
    import sys

    code = "import sys, indoxhub_contract.pytest_plugin; print(sorted({'requests', 'httpx'} & set(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
    from importlib.metadata import entry_points

    assert [e.value for e in entry_points(group="pytest11") if e.name == "indoxhub_contract"] == [
        "indoxhub_contract.pytest_plugin"
    ]
