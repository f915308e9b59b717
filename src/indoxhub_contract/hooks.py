"""Live checking: response hooks for requests and httpx that hold every answer to the contract.

    session.hooks["response"].append(requests_hook())                   # requests
    httpx.Client(event_hooks={"response": [httpx_hook()]})                # httpx
    httpx.AsyncClient(event_hooks={"response": [async_httpx_hook()]})    # httpx, async

A hook raises ContractError (the exchange in its message) for an answer that breaks the contract, or,
given `collect=` (a list), appends a Seen record and lets the answer through. Exchanges outside the
contract (the client's own /auth calls) are recorded as uncovered, never raised.

Checking never changes what the application receives, or when:
- requests reads a response's body after the hooks unless it was opened with `stream=True`; such a
  response is not read here (uncovered, "streamed, not read": check it with `check()` after reading it).
- httpx calls response hooks before any body is read, streamed or not. The hook reads nothing: it passes
  the bytes through as the application reads them, keeps a copy, and checks when the body ends (in raise
  mode the ContractError comes out of `client.get()`, or at the end of iterating `client.stream()`). An
  event stream is not kept at all: uncovered.
- An error of the checker itself is never the application's: a `checker` finding in collect mode, a
  ContractCheckerWarning in raise mode.
Neither requests nor httpx is imported until a hook is handed an httpx response.
"""

from __future__ import annotations

import warnings
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ._exchanges import EXPANSION_FREE, Budget, decompressed
from .errors import ContractError, ErrorDetail
from .http import BASE_URLS, Checked, check

STREAMED = "streamed, not read (stream=True): check it with contract.check() after reading it"
NOT_AVAILABLE = "body not available: the application already consumed it"
NOT_FINISHED = "the application closed the response before reading its body to the end"
TOO_LARGE = f"the body is larger than {EXPANSION_FREE >> 20} MiB: not kept, not checked"


class ContractCheckerWarning(RuntimeWarning):
    """The checker itself failed on an answer (raise mode): the answer went through unchecked."""


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
    """A requests or httpx response, its body already read, held to the contract. A body the application
    consumed (streamed and read) is no longer there: uncovered, "body not available"."""
    try:
        body = response.content
    except Exception:  # requests: RuntimeError; httpx: ResponseNotRead, StreamConsumed
        return _uncovered(response, NOT_AVAILABLE)
    return _checked(response, body, strict, base_urls)


def _checked(response: Any, body: Any, strict: bool, base_urls: tuple[str, ...]) -> Seen:
    request, status = response.request, response.status_code
    method, url, content_type = request.method.upper(), str(request.url), response.headers.get("content-type")
    result = check(method, url, status, body, strict=strict, content_type=content_type, base_urls=base_urls)
    return Seen(method, url, status, result)


def _uncovered(response: Any, reason: str) -> Seen:
    request = response.request
    return Seen(request.method.upper(), str(request.url), response.status_code, Checked(None, None, uncovered=reason))


def _deliver(seen: Seen, collect: list[Seen] | None) -> None:
    if collect is not None:
        collect.append(seen)
    elif seen.checked.findings:
        name = seen.checked.type or (seen.checked.route.operation if seen.checked.route else "answer")
        raise ContractError(name, seen.checked.findings, seen.exchange)


def _guarded(response: Any, collect: list[Seen] | None, judge: Callable[[], Seen]) -> None:
    """Deliver `judge()`'s verdict; if the checker itself fails, say so without breaking the request."""
    try:
        seen = judge()
    except Exception as error:  # noqa: BLE001 - the checker's own failure, whatever it is
        message = f"the checker failed on this answer: {type(error).__name__}: {error}"
        if collect is None:
            warnings.warn(f"indoxhub-contract: {message}", ContractCheckerWarning, stacklevel=2)
            return
        try:
            request = response.request
            method, url, status = request.method.upper(), str(request.url), int(response.status_code)
        except Exception:  # noqa: BLE001
            method, url, status = "?", "?", 0
        seen = Seen(method, url, status, Checked(None, None, (ErrorDetail("", "checker", message, ""),)))
    _deliver(seen, collect)


def requests_hook(
    *, strict: bool = False, collect: list[Seen] | None = None, base_urls: tuple[str, ...] = BASE_URLS
) -> Callable[..., Any]:
    """For `session.hooks["response"]`: checks the answer, then hands it on unchanged."""

    def hook(response: Any, *args: Any, **kwargs: Any) -> Any:
        if kwargs.get("stream"):
            _guarded(response, collect, lambda: _uncovered(response, STREAMED))
        else:  # requests reads the body right after the hooks anyway
            _guarded(response, collect, lambda: verdict(response, strict, base_urls))
        return response

    return hook


class _Copy:
    """The bytes of a body as they pass to the application, kept up to EXPANSION_FREE, then judged."""

    def __init__(self, response: Any, strict: bool, base_urls: tuple[str, ...], collect: list[Seen] | None) -> None:
        self.response, self.strict, self.base_urls, self.collect = response, strict, base_urls, collect
        self.parts: list[bytes] = []
        self.size = 0
        self.done = False

    def keep(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size <= EXPANSION_FREE:
            self.parts.append(chunk)
        else:
            self.parts = []

    def finish(self) -> None:
        """At the end of the body: the verdict (may raise ContractError, in raise mode)."""
        if not self.done:
            self.done = True
            _guarded(self.response, self.collect, self._judge)

    def abandon(self) -> None:
        """Closed before the end: recorded as uncovered, never raised."""
        if not self.done:
            self.done = True
            _guarded(self.response, self.collect, lambda: _uncovered(self.response, NOT_FINISHED))

    def _judge(self) -> Seen:
        if self.size > EXPANSION_FREE:
            return _uncovered(self.response, TOO_LARGE)
        raw = b"".join(self.parts)
        self.parts = []
        encoding = self.response.headers.get("content-encoding", "")
        try:
            body = decompressed(raw, encoding, Budget(len(raw)))
        except (OSError, zlib.error, EOFError) as error:
            return _uncovered(self.response, f"the body cannot be decompressed ({encoding}): {error}")
        except ValueError as error:  # an encoding this package does not read (br, zstd)
            return _uncovered(self.response, str(error))
        return _checked(self.response, body, self.strict, self.base_urls)


def _judged_now(response: Any, strict: bool, base_urls: tuple[str, ...], collect: list[Seen] | None) -> bool:
    """An event stream (never kept: uncovered), or a body httpx already holds (a response built with its
    content, as MockTransport's are), is judged at once; any other is judged at the end of its body."""
    media = str(response.headers.get("content-type", "")).split(";")[0].strip().lower()
    if media == "text/event-stream":
        _guarded(response, collect, lambda: _checked(response, None, strict, base_urls))
        return True
    try:
        body = response.content  # reads nothing: raises ResponseNotRead when the body is still to come
    except Exception:  # noqa: BLE001
        return False
    _guarded(response, collect, lambda: _checked(response, body, strict, base_urls))
    return True


def httpx_hook(
    *, strict: bool = False, collect: list[Seen] | None = None, base_urls: tuple[str, ...] = BASE_URLS
) -> Callable[[Any], None]:
    """For `httpx.Client(event_hooks={"response": [...]})`: checks the body as the application reads it."""

    def hook(response: Any) -> None:
        if _judged_now(response, strict, base_urls, collect):
            return
        import httpx

        copy = _Copy(response, strict, base_urls, collect)
        inner = response.stream

        class Passing(httpx.SyncByteStream):
            def __iter__(self) -> Iterator[bytes]:
                for chunk in inner:
                    copy.keep(chunk)
                    yield chunk
                copy.finish()

            def close(self) -> None:
                try:
                    inner.close()
                finally:
                    copy.abandon()

        response.stream = Passing()

    return hook


def async_httpx_hook(
    *, strict: bool = False, collect: list[Seen] | None = None, base_urls: tuple[str, ...] = BASE_URLS
) -> Callable[[Any], Awaitable[None]]:
    """For `httpx.AsyncClient(event_hooks={"response": [...]})`."""

    async def hook(response: Any) -> None:
        if _judged_now(response, strict, base_urls, collect):
            return
        import httpx

        copy = _Copy(response, strict, base_urls, collect)
        inner = response.stream

        class Passing(httpx.AsyncByteStream):
            async def __aiter__(self) -> AsyncIterator[bytes]:
                async for chunk in inner:
                    copy.keep(chunk)
                    yield chunk
                copy.finish()

            async def aclose(self) -> None:
                try:
                    await inner.aclose()
                finally:
                    copy.abandon()

        response.stream = Passing()

    return hook
