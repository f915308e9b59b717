"""Live checking: response hooks for requests and httpx that hold every answer to the contract.

    session.hooks["response"].append(requests_hook())                   # requests
    httpx.Client(event_hooks={"response": [httpx_hook()]})                # httpx
    httpx.AsyncClient(event_hooks={"response": [async_httpx_hook()]})    # httpx, async

A hook raises ContractError (the exchange in its message) for an answer that breaks the contract, or,
given `collect=` (a list), appends a Seen record and lets the answer through. Exchanges outside the
contract (the client's own /auth calls) are recorded as uncovered, never raised. Neither requests
nor httpx is imported here: the hooks read the response objects they are handed.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from .errors import ContractError
from .http import BASE_URLS, Checked, check


@dataclass(frozen=True)
class Seen:
    """One answer a hook saw: the request's method and URL, the status, and the verdict."""

    method: str
    url: str
    status: int
    checked: Checked

    @property
    def exchange(self) -> str:
        return f"{self.method} {self.url} {self.status}"


def verdict(response: Any, strict: bool, base_urls: tuple[str, ...]) -> Seen:
    """A requests or httpx response, its body already read, held to the contract."""
    request, status, body = response.request, response.status_code, response.content
    method, url, content_type = request.method, str(request.url), response.headers.get("content-type")
    return Seen(method.upper(), url, status, check(method, url, status, body, strict=strict, content_type=content_type, base_urls=base_urls))  # fmt: skip


def _deliver(seen: Seen, collect: list[Seen] | None) -> None:
    if collect is not None:
        collect.append(seen)
    elif seen.checked.findings:
        name = seen.checked.type or (seen.checked.route.operation if seen.checked.route else "answer")
        raise ContractError(name, seen.checked.findings, seen.exchange)


def requests_hook(*, strict: bool = False, collect: list[Seen] | None = None, base_urls: tuple[str, ...] = BASE_URLS) -> Callable[..., Any]:  # fmt: skip
    """For `session.hooks["response"]`: checks the answer, then hands it on unchanged."""

    def hook(response: Any, *args: Any, **kwargs: Any) -> Any:
        seen = verdict(response, strict, base_urls)
        _deliver(seen, collect)
        return response

    return hook


def httpx_hook(*, strict: bool = False, collect: list[Seen] | None = None, base_urls: tuple[str, ...] = BASE_URLS) -> Callable[[Any], None]:  # fmt: skip
    """For `httpx.Client(event_hooks={"response": [...]})`: reads the body, then checks it."""

    def hook(response: Any) -> None:
        response.read()
        seen = verdict(response, strict, base_urls)
        _deliver(seen, collect)

    return hook


def async_httpx_hook(*, strict: bool = False, collect: list[Seen] | None = None, base_urls: tuple[str, ...] = BASE_URLS) -> Callable[[Any], Awaitable[None]]:  # fmt: skip
    """For `httpx.AsyncClient(event_hooks={"response": [...]})`."""

    async def hook(response: Any) -> None:
        await response.aread()
        seen = verdict(response, strict, base_urls)
        _deliver(seen, collect)

    return hook
