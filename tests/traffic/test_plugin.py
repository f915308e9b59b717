"""The pytest plugin as a project uses it (issue 22, item 4): a violation fails the test that caused it,
with the exchange; a test that failed anyway gets the violations in its report; the profile and base
URLs come from options or ini keys. Each case runs a real pytest in a subprocess, the answers served by
httpx's MockTransport (no network)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parent.parent.parent
CHAT = json.loads((ROOT / "schemas" / "chat-response.schema.json").read_text())["examples"][0]

TESTS = f"""
import httpx, pytest

CHAT = {CHAT!r}

def client(contract, body, path="/api/v1/chat/completions"):
    def answer(request):
        return httpx.Response(200, json=body)
    watched = contract.watch(httpx.Client(transport=httpx.MockTransport(answer)))
    return lambda: watched.post("https://api.indoxhub.com" + path)

def test_valid(contract):
    client(contract, CHAT)()

def test_violation(contract):
    client(contract, dict(CHAT, duration_ms="slow"))()

def test_violation_and_a_failure(contract):
    client(contract, dict(CHAT, duration_ms="slow"))()
    assert 1 == 2, "the test's own failure"

def test_undocumented_member(contract):
    client(contract, dict(CHAT, trace_id="t"))()

def test_behind_a_gateway(contract):
    client(contract, dict(CHAT, duration_ms="slow"), path="/gw/chat/completions")()
"""


def test_a_violation_fails_its_own_test(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_app=TESTS)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-rA")
    result.assert_outcomes(passed=3, failed=2)  # no error at teardown
    result.stdout.fnmatch_lines(
        [
            "*_ test_violation _*",
            "answers that break the IndoxHub contract:",
            "POST https://api.indoxhub.com/api/v1/chat/completions 200: /duration_ms: type: *",
        ]
    )
    # The test's own failure, with the violations added to its report
    result.stdout.fnmatch_lines(["*AssertionError: the test's own failure*", "*IndoxHub contract violations*"])
    result.stdout.fnmatch_lines(["PASSED test_app.py::test_behind_a_gateway"])  # /gw is not a base path here
    result.stdout.fnmatch_lines(["FAILED test_app.py::test_violation - answers that break the IndoxHub contract:"])


@pytest.mark.parametrize("how", ["option", "ini", "table"])
def test_profile_and_base_urls_from_options_ini_or_table(pytester: pytest.Pytester, how: str) -> None:
    pytester.makepyfile(test_app=TESTS)
    if how == "table":  # [tool.indoxhub-contract] in the pyproject.toml at pytest's rootdir
        pytester.makepyprojecttoml('[tool.indoxhub-contract]\nstrict = true\nbase-urls = ["/gw"]\n')
        args: list[str] = []
    elif how == "ini":
        pytester.makeini("[pytest]\ncontract_strict = true\ncontract_base_urls =\n    /gw\n")
        args = []
    else:
        args = ["--contract-strict", "--contract-base-url", "/gw"]
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-rA", *args)
    result.assert_outcomes(passed=1, failed=4)
    result.stdout.fnmatch_lines(["*/trace_id: additionalProperties: *", "*/gw/chat/completions 200: /duration_ms*"])


def test_ini_keys_win_over_the_table(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_app=TESTS)
    pytester.makepyprojecttoml(
        "[tool.indoxhub-contract]\nstrict = true\n\n[tool.pytest.ini_options]\ncontract_strict = false\n"
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-rA")
    result.assert_outcomes(passed=3, failed=2)  # the undocumented member passes: not strict


def test_a_table_that_cannot_be_used_is_a_usage_error(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_app=TESTS)
    pytester.makepyprojecttoml("[tool.indoxhub-contract]\nstrict = 'yes'\n")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*pyproject.toml: [[]tool.indoxhub-contract[]]: strict must be true or false*"])
