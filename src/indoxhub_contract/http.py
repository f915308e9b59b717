"""HTTP exchanges against the contract: which operation a method and URL are (from openapi.yaml, through
the generated routing table), and whether the status and body are what it promises.

    route("POST", "https://api.indoxhub.com/api/v1/chat/completions?x=1")  # Route(... "ChatResponse" ...)
    check("GET", "/api/v1/videos/jobs/j-1", 404, b'{"detail": "not found"}')  # covered, no findings

An exchange the contract does not describe (an unknown path or method, an event stream: the page defines
no stream frames) is *uncovered*: `Checked.uncovered` says why, and it has no findings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from . import check_payload
from ._registry import ROUTES, type_for_endpoint
from .errors import ErrorDetail

BASE_URLS = ("/api/v1",)
"""The server's base path (openapi.yaml `servers`), stripped from every URL; more with `base_urls=`."""


@dataclass(frozen=True)
class Route:
    """One operation: "POST /chat/completions", and the body type of each documented status."""

    method: str
    template: str
    statuses: dict[int, str]
    streams: bool  # a 200 may be text/event-stream instead of JSON

    @property
    def operation(self) -> str:
        return f"{self.method} {self.template}"


@dataclass(frozen=True)
class Checked:
    """The verdict on one exchange: its route and body type when covered, findings, or why it is uncovered."""

    route: Route | None
    type: str | None
    findings: tuple[ErrorDetail, ...] = ()
    uncovered: str | None = None
    payload: Any = None  # the decoded body, when it could be read
    undocumented: tuple[str, ...] = ()  # members the strict profile would reject, when asked for

    @property
    def covered(self) -> bool:
        return self.uncovered is None


ROUTING = tuple(Route(method, template, dict(statuses), streams) for method, template, statuses, streams in ROUTES)


def path_of(url: str, base_urls: tuple[str, ...] = BASE_URLS) -> str:
    """The path under the server's base: any host, query and fragment ignored, the longest base stripped.
    A base may be a path ("/llm") or a whole URL ("https://proxy.example/llm"): its path is what counts."""
    path = urlsplit(url).path or "/"
    for base in sorted((urlsplit(b).path.rstrip("/") for b in base_urls), key=len, reverse=True):
        if base and (path == base or path.startswith(base + "/")):
            return path[len(base) :] or "/"
    return path


def _matches(template: str, path: str) -> bool:
    expected, actual = template.strip("/").split("/"), path.strip("/").split("/")
    return len(expected) == len(actual) and all(
        (want.startswith("{") and want.endswith("}") and bool(have)) or want == have
        for want, have in zip(expected, actual, strict=True)
    )


def route(method: str, url: str, base_urls: tuple[str, ...] = BASE_URLS) -> Route | None:
    """The operation `method` and `url` are, or None when the contract has none."""
    path = path_of(url, base_urls)
    for candidate in ROUTING:
        if candidate.method == method.upper() and _matches(candidate.template, path):
            return candidate
    return None


def response_type(operation: str, base_urls: tuple[str, ...] = BASE_URLS) -> str:
    """The type a 200 of `operation` carries: "POST /chat/completions" as openapi.yaml writes it, or as a
    client sends it, with the base path, a concrete path or a whole URL ("GET /api/v1/videos/jobs/j-1").
    KeyError naming the known endpoints otherwise."""
    try:
        return type_for_endpoint(operation)
    except KeyError:
        method, _, url = operation.strip().partition(" ")
        found = route(method, url.strip(), base_urls) if url.strip() else None
        if found is None or 200 not in found.statuses:
            raise
        return found.statuses[200]


def _uncovered_reason(method: str, url: str, base_urls: tuple[str, ...]) -> str:
    path = path_of(url, base_urls)
    methods = sorted({r.method for r in ROUTING if _matches(r.template, path)})
    if methods:
        return f"{method.upper()} is not in the contract for {path} (only {', '.join(methods)})"
    return f"no operation in the contract for {path}"


def check(
    method: str,
    url: str,
    status: int,
    body: Any,
    *,
    strict: bool = False,
    content_type: str | None = None,
    base_urls: tuple[str, ...] = BASE_URLS,
    undocumented: bool = False,
) -> Checked:
    """Findings for one exchange. `body`: the JSON text (bytes or str, read with the strict reader), or a
    value already decoded. `content_type`: the response's, when known. The body is held to its type by
    check_payload; `undocumented` asks it for the members the strict profile would reject."""
    found = route(method, url, base_urls)
    if found is None:
        return Checked(None, None, uncovered=_uncovered_reason(method, url, base_urls))
    media = (content_type or "").split(";")[0].strip().lower()
    if media == "text/event-stream":
        return Checked(found, None, uncovered=f"an event stream ({found.operation}): the page defines no stream frames")
    if status not in found.statuses:
        message = f"status {status} is not in the contract for {found.operation}"
        return Checked(found, None, (ErrorDetail("", "status", message, ""),))
    type_name = found.statuses[status]
    if media and media != "application/json" and not media.endswith("+json"):
        message = f"expected JSON (application/json) for status {status}, got {media}"
        return Checked(found, type_name, (ErrorDetail("", "content-type", message, ""),))
    result = check_payload(type_name, body, strict=strict, undocumented=undocumented)
    return Checked(found, type_name, result.errors, payload=result.value, undocumented=result.undocumented)
