"""The pytest plugin (entry point `pytest11`): a `contract` fixture that watches HTTP clients in a test
and fails that test, in its own outcome, listing every answer that broke the contract.

    def test_chat(contract):
        client = indoxhub.Client(api_key="…")
        contract.watch(client.session)          # a requests.Session, httpx.Client or httpx.AsyncClient
        client.chat([{"role": "user", "content": "Hi"}])

Options: --contract-strict (ini contract_strict), --contract-base-url URL (ini contract_base_urls),
--contract-summary FILE; profile and base URLs also from [tool.indoxhub-contract] in pyproject.toml.
Inert unless used: loading the plugin imports neither requests nor httpx.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from typing import IO, Any

import pytest

from ._api import undocumented_members
from ._config import Config, ConfigError, find, settings
from ._drift import Drift, append_summary, open_summary
from ._report import printable
from .hooks import Seen, async_httpx_hook, httpx_hook, requests_hook, verdict
from .http import BASE_URLS


class Contract:
    """What the fixture hands a test: watch clients, or check one response by hand."""

    def __init__(self, strict: bool = False, base_urls: tuple[str, ...] = BASE_URLS) -> None:
        self.strict = strict
        self.base_urls = base_urls
        self.seen: list[Seen] = []
        self.reported = 0  # how many of `seen` the test's own report already holds

    def watch(self, client: Any) -> Any:
        """Check every answer `client` receives from now on; returns the client."""
        options: dict[str, Any] = {"strict": self.strict, "collect": self.seen, "base_urls": self.base_urls}
        hooks = getattr(client, "hooks", None)
        if isinstance(hooks, dict) and "response" in hooks:  # requests.Session
            hooks["response"].append(requests_hook(**options))
            return client
        event_hooks = getattr(client, "event_hooks", None)
        if isinstance(event_hooks, dict):  # httpx: the async client wants a coroutine, subclasses included
            asynchronous = any(
                kind.__name__ == "AsyncClient" and kind.__module__.partition(".")[0] == "httpx"
                for kind in type(client).__mro__
            )
            hook = async_httpx_hook(**options) if asynchronous else httpx_hook(**options)
            client.event_hooks = {**event_hooks, "response": [*event_hooks.get("response", []), hook]}
            return client
        raise TypeError(f"cannot watch a {type(client).__name__}: give a requests.Session or an httpx client")

    def check(self, response: Any) -> Seen:
        """Check one response (requests or httpx) now, its body read; the verdict is also kept for teardown.
        A body the application consumed as a stream is gone: uncovered, "body not available"."""
        seen = verdict(response, self.strict, self.base_urls)
        self.seen.append(seen)
        return seen

    def failures(self) -> list[str]:
        return [failure for seen in self.seen for failure in self.describe(seen)]

    @staticmethod
    def describe(seen: Seen) -> list[str]:
        return [f"{seen.exchange}: {e.path or '(root)'}: {e.keyword}: {e.message}" for e in seen.checked.findings]


SUMMARY = pytest.StashKey[Drift]()
TABLE = pytest.StashKey[Config]()
SUMMARY_FILE = pytest.StashKey[IO[str]]()
VIOLATIONS = pytest.StashKey[list[tuple[str, list[str]]]]()  # (test id, findings) for the terminal summary


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("indoxhub-contract", "IndoxHub contract (the contract fixture)")
    group.addoption(
        "--contract-summary",
        metavar="FILE",
        help="append the drift report of every answer the contract fixture saw (Markdown) to FILE",
    )
    group.addoption(
        "--contract-strict",
        action="store_true",
        default=None,
        help="members the page does not list are violations (the strict profile); ini: contract_strict",
    )
    group.addoption(
        "--contract-base-url",
        action="append",
        default=[],
        metavar="URL",
        help="another base path to strip from URLs, besides /api/v1 (repeatable); ini: contract_base_urls",
    )
    parser.addini("contract_strict", "the contract fixture checks in the strict profile", type="bool", default=None)
    parser.addini("contract_base_urls", "base paths the contract fixture strips, besides /api/v1", type="linelist")


def _settings(config: pytest.Config) -> tuple[bool, tuple[str, ...]]:
    """The fixture's profile and base URLs: the command-line options, else the ini keys, else the
    [tool.indoxhub-contract] table found from pytest's rootdir (read once, in pytest_configure)."""
    strict = config.getoption("--contract-strict", None)
    if strict is None:
        strict = config.getini("contract_strict")
    base_urls = config.getoption("--contract-base-url", None) or list(config.getini("contract_base_urls"))
    return settings(config.stash.get(TABLE, Config()), strict, base_urls)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """A violation fails the test that caused it, in its own outcome, with the exchanges: added to the
    failure's report when the test body failed too. An xfail test keeps its outcome (the terminal summary
    lists its violations)."""
    report = yield
    watcher = getattr(item, "funcargs", {}).get("contract")
    if report.when != "call" or not isinstance(watcher, Contract):
        return report
    failures = watcher.failures()
    if not failures:
        return report
    watcher.reported = len(watcher.seen)
    item.config.stash.setdefault(VIOLATIONS, []).append((item.nodeid, failures))
    text = "answers that break the IndoxHub contract:\n" + "\n".join(failures)
    if hasattr(report, "wasxfail"):
        return report
    if report.failed:
        report.sections.append(("IndoxHub contract violations", text))
    else:
        report.outcome = "failed"
        report.longrepr = text
    return report


def pytest_configure(config: pytest.Config) -> None:
    try:  # a table that cannot be used is the run's usage error, not every test's
        config.stash[TABLE] = find(str(config.rootpath))
    except ConfigError as error:
        raise pytest.UsageError(str(error)) from None
    path = config.getoption("--contract-summary", None)
    if path:
        try:  # before any test runs: a path that cannot be written is a usage error, not a late traceback
            config.stash[SUMMARY_FILE] = open_summary(path)
        except OSError as error:
            raise pytest.UsageError(
                f"--contract-summary: cannot write to {printable(path)}: {error.strerror}"
            ) from None
        config.stash[SUMMARY] = Drift()


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    """Every violation the fixture saw, xfail tests' included (their failure is expected, their findings
    are still news)."""
    violations = config.stash.get(VIOLATIONS, [])
    if violations:
        terminalreporter.section("IndoxHub contract violations")
        for test, failures in violations:
            terminalreporter.line(printable(test))
            for failure in failures:
                terminalreporter.line("  " + printable(failure))


def pytest_sessionfinish(session: pytest.Session) -> None:
    drift = session.config.stash.get(SUMMARY, None)
    handle = session.config.stash.get(SUMMARY_FILE, None)
    if drift is not None and handle is not None:
        append_summary(handle, drift.markdown("IndoxHub contract: answers seen in the test run"))


@pytest.fixture
def contract(request: pytest.FixtureRequest) -> Iterator[Contract]:
    strict, base_urls = _settings(request.config)
    watcher = Contract(strict, base_urls)
    yield watcher
    drift = request.config.stash.get(SUMMARY, None)
    if drift is not None:
        for seen in watcher.seen:
            if seen.checked.uncovered is not None:
                drift.skip(seen.checked.uncovered)
            else:
                where = seen.checked.route.operation if seen.checked.route else "?"
                drift.add(
                    where,
                    seen.status,
                    seen.checked.type,
                    seen.checked.payload,
                    seen.checked.findings,
                    request.node.nodeid,
                    undocumented_members(seen.checked.type, seen.checked.payload) if seen.checked.type else (),
                )
    # Answers that arrived after the test body (in other fixtures' teardown) fail the teardown instead.
    late = [failure for seen in watcher.seen[watcher.reported :] for failure in Contract.describe(seen)]
    if late:
        request.config.stash.setdefault(VIOLATIONS, []).append((request.node.nodeid, late))
        pytest.fail("answers that break the IndoxHub contract:\n" + "\n".join(late), pytrace=False)
