"""Recorded HTTP traffic -> exchanges: HAR 1.2 files, VCR.py / pytest-recording cassettes, and JSON Lines
of {"method", "url", "status", "body"[, "headers"]}. Nothing is checked here (indoxhub_contract.http does
that); what cannot be read becomes an exchange with a `problem`, numbered like the rest, never dropped.
"""

from __future__ import annotations

import base64
import binascii
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from .reading import ReadError, decode, read_json

NOT_RECORDED = "the response body was not recorded"


@dataclass(frozen=True)
class Exchange:
    """One request and its response. `entry` counts from 1 in its file (HAR entry, interaction, line).
    `body` is the bytes as recorded, or a JSON value already read by the strict reader (an exchange line's
    body); None when not recorded. `problem` says why the exchange cannot be read."""

    file: str
    entry: int
    method: str = ""
    url: str = ""
    status: int = 0
    body: Any = None
    content_type: str | None = None
    problem: str | None = None
    problem_keyword: str = "read"


def kind_of(name: str, head: bytes) -> str:
    """By suffix, else by content: "har", "cassette" or "jsonl"."""
    lowered = name.lower()
    if lowered.endswith(".har"):
        return "har"
    if lowered.endswith((".yaml", ".yml")):
        return "cassette"
    if lowered.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    return "har" if head.lstrip().startswith(b"{") and b'"log"' in head else "jsonl"


def har_exchanges(name: str, data: bytes) -> Iterator[Exchange]:
    """HAR 1.2: log.entries[], bodies plain or `encoding: base64`."""
    try:
        document = read_json(data)
        entries = document["log"]["entries"]
        if not isinstance(entries, list):
            raise TypeError
    except ReadError as error:
        yield Exchange(name, 1, problem=f"not a HAR file: {error.message}", problem_keyword=error.keyword)
        return
    except (KeyError, TypeError):
        yield Exchange(name, 1, problem="not a HAR file: no log.entries array")
        return
    for number, entry in enumerate(entries, 1):
        try:
            request, response = entry["request"], entry["response"]
            content = response.get("content") or {}
            text = content.get("text")
            base = Exchange(name, number, str(request["method"]), str(request["url"]), int(response["status"]),
                            content_type=content.get("mimeType"))  # fmt: skip
        except (KeyError, TypeError, ValueError, AttributeError):
            yield Exchange(
                name, number, problem="not a HAR entry: request.method, request.url and response.status are needed"
            )
            continue
        if not isinstance(text, str):
            yield replace(base, problem=NOT_RECORDED, problem_keyword="uncovered")
        elif content.get("encoding") == "base64":
            try:
                yield replace(base, body=base64.b64decode(text, validate=True))
            except (binascii.Error, ValueError):
                yield replace(base, problem="the body is not valid base64", problem_keyword="encoding")
        else:
            yield replace(base, body=text.encode("utf-8", "surrogatepass"))


def cassette_exchanges(name: str, data: bytes) -> Iterator[Exchange]:
    """VCR.py cassettes (YAML, `interactions:`), `!!binary` bodies and gzip/deflate Content-Encoding included."""
    try:
        import yaml
    except ImportError:
        yield Exchange(name, 1, problem="reading cassettes needs PyYAML: pip install 'indoxhub-contract[yaml]'")
        return
    try:
        document = yaml.load(decode(data), Loader=yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader)  # noqa: S506
        interactions = document["interactions"]
        if not isinstance(interactions, list):
            raise TypeError
    except ReadError as error:
        yield Exchange(name, 1, problem=error.message, problem_keyword=error.keyword)
        return
    except (yaml.YAMLError, KeyError, TypeError, RecursionError, ValueError) as error:
        yield Exchange(
            name,
            1,
            problem=f"not a cassette: {str(error).splitlines()[0][:200] if str(error) else 'no interactions list'}",
        )
        return
    for number, interaction in enumerate(interactions, 1):
        try:
            request, response = interaction["request"], interaction["response"]
            headers = _headers(response.get("headers") or {})
            status = response["status"]
            code = int(status["code"] if isinstance(status, dict) else status)
            body = (response.get("body") or {}).get("string")
            base = Exchange(
                name,
                number,
                str(request["method"]),
                str(request["uri"]),
                code,
                content_type=headers.get("content-type"),
            )
        except (KeyError, TypeError, ValueError, AttributeError):
            yield Exchange(
                name,
                number,
                problem="not a cassette interaction: request.method, request.uri and response.status are needed",
            )
            continue
        if body is None:
            yield replace(base, problem=NOT_RECORDED, problem_keyword="uncovered")
            continue
        raw = body if isinstance(body, bytes) else str(body).encode("utf-8", "surrogatepass")
        try:
            yield replace(base, body=_decoded(raw, headers.get("content-encoding", "")))
        except (OSError, zlib.error, EOFError) as error:
            yield replace(base, problem=f"the body cannot be decompressed: {error}", problem_keyword="encoding")


def jsonl_exchange(name: str, line: int, raw: bytes) -> Exchange:
    """One line of exchange JSON Lines: {"method", "url", "status", "body"[, "headers"]}."""
    try:
        record = read_json(raw, line)
    except ReadError as error:
        return Exchange(name, line, problem=error.message, problem_keyword=error.keyword)
    try:
        headers = _headers(record.get("headers") or {})
        method, url, status = str(record["method"]), str(record["url"]), int(record["status"])
        body = record.get("body")
    except (KeyError, TypeError, ValueError, AttributeError):
        return Exchange(name, line, problem='an exchange needs "method", "url" and "status"')
    if "body" not in record:
        return Exchange(name, line, method, url, status, problem=NOT_RECORDED, problem_keyword="uncovered")
    # A string body is the JSON text as sent; any other value is the JSON value itself, already read by
    # the strict reader with the line (not written out and read again: that tripled the cost).
    if isinstance(body, str):
        body = body.encode("utf-8", "surrogatepass")
    return Exchange(name, line, method, url, status, body, headers.get("content-type"))


def _headers(headers: Any) -> dict[str, str]:
    """Lower-case names; VCR.py keeps each header's values in a list."""
    if not isinstance(headers, dict):
        return {}
    flat = {}
    for key, value in headers.items():
        flat[str(key).lower()] = str(value[0] if isinstance(value, list) and value else value)
    return flat


# A compressed body may expand this much (plus a mebibyte): beyond, it is a finding, not an
# allocation of gigabytes (a "zip bomb" in a cassette); memory stays linear in the file's size.
EXPANSION = 1000


def _decoded(raw: bytes, encoding: str) -> bytes:
    encoding = encoding.strip().lower()
    if encoding == "gzip":
        return _inflate(raw, 16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        try:
            return _inflate(raw, zlib.MAX_WBITS)
        except zlib.error:
            return _inflate(raw, -zlib.MAX_WBITS)  # raw deflate, as some servers send it
    return raw


def _inflate(raw: bytes, wbits: int) -> bytes:
    limit = EXPANSION * len(raw) + (1 << 20)
    inflater = zlib.decompressobj(wbits)
    data = inflater.decompress(raw, limit)
    if inflater.unconsumed_tail:
        raise OSError(f"it expands past {limit:,} bytes ({EXPANSION} times its size)")
    if not inflater.eof:
        raise OSError("it ends before the compressed stream does")
    return data
