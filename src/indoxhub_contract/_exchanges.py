"""Recorded HTTP traffic -> exchanges: HAR 1.2 files, VCR.py / pytest-recording cassettes, and JSON Lines
of {"method", "url", "status", "body"[, "headers"]}. Nothing is checked here (indoxhub_contract.http does
that); what cannot be read becomes an exchange with a `problem`, numbered like the rest, never dropped.
"""

from __future__ import annotations

import base64
import binascii
import json
import sys
import zlib
from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import dataclass, replace
from typing import Any

from ._loading import Source, display_name, first_byte, first_lines, sniffed_batches
from ._reading import ReadError, decode, read_json
from ._yaml_reading import documents

NOT_RECORDED = "the response body was not recorded"
NO_RESPONSE = "no response (status 0: the request was aborted or blocked before an answer)"


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
    line: int | None = None  # where the record starts in its file, when known
    column: int | None = None  # where on `line` a reading problem is, when the reader knows it


# What a worker is handed: raw JSON Lines (read into exchanges in the worker, so the parsing runs in
# parallel and only bytes are sent), or exchanges already read (a HAR file, a cassette, a problem).
Unit = tuple[str, str, Any]
ONE_DOCUMENT = (".har", ".json", ".yaml", ".yml")  # an empty file of these names is not what it says


def units(source: Source) -> Iterator[Unit]:
    """The work of one source. The content says what it is, whatever the name or the route (file, stdin,
    FIFO, walk): JSON (a HAR document, or exchange JSON Lines, streamed) when it starts with "{" or "[",
    a cassette (YAML) otherwise."""
    name = display_name(source.name)
    if source.problem is not None:
        yield "exchanges", name, [Exchange(name, 1, problem=source.problem)]
        return
    try:
        with nullcontext(sys.stdin.buffer) if source.name == "-" else open(source.name, "rb") as handle:
            lines = enumerate(handle, 1)
            head = first_lines(lines)
            first = first_byte(head)
            if not first:
                if source.name.lower().endswith(ONE_DOCUMENT):
                    problem = f"the file is {'blank' if head else 'empty'}: it holds no recording"
                    yield "exchanges", name, [Exchange(name, 1, problem=problem, problem_keyword="parse")]
            elif first in b"{[":
                for batch in sniffed_batches(name, head, lines, handle):
                    if batch.kind == "jsonl":
                        yield "jsonl", name, batch.items
                    else:
                        yield "exchanges", name, list(har_exchanges(name, batch.items[0][1]))
            else:
                data = b"".join(line for _, line in head) + handle.read()
                yield "exchanges", name, list(cassette_exchanges(name, data))
    except OSError as error:
        yield "exchanges", name, [Exchange(name, 1, problem=f"cannot read: {error.strerror or error}")]


def exchanges_of(unit: Unit) -> list[Exchange]:
    kind, name, content = unit
    if kind == "jsonl":
        return [exchange for line, raw in content for exchange in jsonl_exchanges(name, line or 1, raw)]
    return list(content)


def unreadable(name: str, entry: int, error: ReadError, prefix: str, line: int | None = None) -> Exchange:
    """A record (or a whole file) the reader refused, as an exchange carrying its finding: where the
    reader stopped (`line` when the caller knows it better than the error, which counts within what it
    was given) and the column."""
    return Exchange(
        name,
        entry,
        problem=prefix + error.message,
        problem_keyword=error.keyword,
        line=line or error.line,
        column=error.column,
    )


def har_exchanges(name: str, data: bytes) -> Iterator[Exchange]:
    """HAR 1.2: log.entries[], bodies plain or `encoding: base64`."""
    try:
        document = read_json(data)
    except ReadError as error:
        yield unreadable(name, 1, error, "not a HAR file: ")
        return
    exchanges = list(har_document(name, document, Budget(len(data))))
    lines = _entry_lines(data)
    if len(lines) != len(exchanges):  # the scan missed or misread an entry: no line rather than a wrong one
        yield from exchanges
        return
    for exchange, line in zip(exchanges, lines, strict=True):
        yield replace(exchange, line=line)


def _entry_lines(data: bytes) -> list[int]:
    """The line each element of log.entries starts on, read off the text (JSON readers keep no positions).
    A scan of strings and brackets, linear in the text; har_exchanges uses it only where it found exactly
    one line per entry."""
    text = data.decode("utf-8", "replace")
    lines: list[int] = []
    names: list[str | None] = []  # how each open container was reached: a member name, or None
    kinds: list[str] = []
    keys: list[str | None] = []  # each open object's current member name
    line, last, index = 1, "", 0
    while index < len(text):
        character = text[index]
        if character == '"':
            end = index + 1
            while end < len(text) and text[end] != '"':
                end += 2 if text[end] == "\\" else 1
            last, index = text[index + 1 : end], end + 1
            continue
        if character == "\n":
            line += 1
        elif character == ":" and kinds and kinds[-1] == "{":
            keys[-1] = last
        elif character in "{[":
            name = keys[-1] if kinds and kinds[-1] == "{" else None
            if character == "{" and kinds[-1:] == ["["] and names == [None, "log", "entries"]:
                lines.append(line)
            names.append(name)
            kinds.append(character)
            keys.append(None)
        elif character in "}]" and kinds:
            names.pop()
            kinds.pop()
            keys.pop()
        index += 1
    return lines


def har_document(name: str, document: Any, budget: Budget) -> Iterator[Exchange]:
    """The entries of a HAR document already read (a file, or one line of exchange JSON Lines)."""
    log = document.get("log") if isinstance(document, dict) else None
    entries = log.get("entries") if isinstance(log, dict) else None
    if not isinstance(entries, list):
        yield Exchange(name, 1, problem="not a HAR file: no log.entries array", problem_keyword="record")
        return
    for number, entry in enumerate(entries, 1):
        request = _member(entry, "request")
        response = _member(entry, "response")
        content = _member(response, "content")
        base = _record(
            "HAR entry",
            name,
            number,
            (_member(request, "method"), "request.method"),
            (_member(request, "url"), "request.url"),
            (_member(response, "status"), "response.status"),
        )
        if base.problem is not None:
            yield base
            continue
        text, mime = _member(content, "text"), _member(content, "mimeType")
        base = replace(base, content_type=mime if isinstance(mime, str) else None)
        if text is _ABSENT or text is None:  # not recorded (some tools write null for that)
            yield replace(base, problem=NOT_RECORDED, problem_keyword="uncovered")
        elif not isinstance(text, str):
            message = f"not a HAR entry: response.content.text must be a string, got {_shown(text)}"
            yield replace(base, problem=message, problem_keyword="record")
        elif _member(content, "encoding") == "base64":
            try:
                yield replace(base, body=budget.take(base64.b64decode(text, validate=True)))
            except (binascii.Error, ValueError):
                yield replace(base, problem="the body is not valid base64", problem_keyword="encoding")
            except OSError as error:
                yield replace(base, problem=str(error), problem_keyword="encoding")
        else:
            yield replace(base, body=text.encode("utf-8", "surrogatepass"))


def cassette_exchanges(name: str, data: bytes) -> Iterator[Exchange]:
    """VCR.py cassettes (YAML, `interactions:`), read by the strict YAML reader (`!!binary` bodies allowed),
    gzip/deflate Content-Encoding included."""
    try:
        import yaml  # noqa: F401  (the reader needs it: say so once, not as a YAML finding)
    except ImportError:
        yield Exchange(name, 1, problem="reading cassettes needs PyYAML: pip install 'indoxhub-contract[yaml]'")
        return
    try:
        starts: dict[int, int] = {}
        found = list(documents(decode(data), binary=True, lines=starts))
    except ReadError as error:
        yield unreadable(name, 1, error, "not a cassette: ")
        return
    if len(found) != 1 or isinstance(found[0][1], ReadError):
        line, value = found[-1] if found else (1, None)
        if isinstance(value, ReadError):
            at = value.line or line or None
            yield unreadable(name, 1, value, "not a cassette: " + (f"line {at}: " if at else ""), at)
        else:
            what = "it is empty" if not found else f"it holds {len(found)} YAML documents, a cassette one"
            yield Exchange(name, 1, problem=f"not a cassette: {what}", problem_keyword="record")
        return
    document = found[0][1]
    interactions = _member(document, "interactions")
    if not isinstance(interactions, list):
        yield Exchange(name, 1, problem="not a cassette: no interactions list", problem_keyword="record")
        return
    budget = Budget(len(data))
    for number, interaction in enumerate(interactions, 1):
        request, response = _member(interaction, "request"), _member(interaction, "response")
        status = _member(response, "status")
        headers = _headers(_member(response, "headers"))
        base = _record(
            "cassette interaction",
            name,
            number,
            (_member(request, "method"), "request.method"),
            (_member(request, "uri"), "request.uri"),
            (_member(status, "code"), "response.status.code")
            if isinstance(status, dict)
            else (status, "response.status"),
        )
        base = replace(base, line=starts.get(id(interaction)))
        if base.problem is not None:
            yield base
            continue
        base = replace(base, content_type=headers.get("content-type"))
        body = _member(_member(response, "body"), "string")
        if body is _ABSENT or body is None:
            yield replace(base, problem=NOT_RECORDED, problem_keyword="uncovered")
            continue
        if not isinstance(body, (str, bytes)):
            message = f"not a cassette interaction: response.body.string must be text or !!binary, got {_shown(body)}"
            yield replace(base, problem=message, problem_keyword="record")
            continue
        before = budget.left
        try:
            raw = budget.take(body if isinstance(body, bytes) else body.encode("utf-8", "surrogatepass"))
            yield replace(base, body=decompressed(raw, headers.get("content-encoding", ""), budget))
        except (OSError, zlib.error, EOFError, ValueError) as error:
            budget.left = before  # a body that is a finding keeps nothing: the next may still be read
            yield replace(base, problem=f"the body cannot be decompressed: {error}", problem_keyword="encoding")


def jsonl_exchanges(name: str, line: int, raw: bytes) -> list[Exchange]:
    """One line of exchange JSON Lines: {"method", "url", "status", "body"[, "headers"]}, or a whole HAR
    document on one line (an object with a "log" member), read as a HAR file would be."""
    try:
        record = read_json(raw, line)
    except ReadError as error:
        return [unreadable(name, line, error, "", line)]
    if isinstance(record, dict) and "log" in record:
        return [replace(exchange, line=line) for exchange in har_document(name, record, Budget(len(raw)))]
    return [replace(_exchange_line(name, line, record), line=line)]


def _exchange_line(name: str, line: int, record: Any) -> Exchange:
    if not isinstance(record, dict):
        return Exchange(name, line, problem=f"an exchange is an object, got {_shown(record)}", problem_keyword="record")
    base = _record(
        "exchange",
        name,
        line,
        (record.get("method", _ABSENT), "method"),
        (record.get("url", _ABSENT), "url"),
        (record.get("status", _ABSENT), "status"),
    )
    if base.problem is not None:
        return base
    base = replace(base, content_type=_headers(record.get("headers")).get("content-type"))
    if "body" not in record:
        return replace(base, problem=NOT_RECORDED, problem_keyword="uncovered")
    # A string body is the JSON text as sent; any other value is the JSON value itself, already read by
    # the strict reader with the line (not written out and read again: that tripled the cost).
    body = record["body"]
    return replace(base, body=body.encode("utf-8", "surrogatepass") if isinstance(body, str) else body)


_ABSENT: Any = type("Absent", (), {"__repr__": lambda self: "absent"})()


def _member(container: Any, name: str) -> Any:
    return container.get(name, _ABSENT) if isinstance(container, dict) else _ABSENT


def _shown(value: Any) -> str:
    if value is _ABSENT:
        return "nothing"
    if isinstance(value, bytes):
        return "bytes"
    try:
        shown = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        shown = repr(value)
    return shown if len(shown) <= 40 else shown[:37] + "..."


def _record(fmt: str, name: str, entry: int, method: Any, url: Any, status: Any) -> Exchange:
    """The request line and status of one record, or a `record` finding saying which member is wrong.
    Status 0 is what browsers record for a request aborted or blocked before any answer: uncovered."""
    (method, method_name), (url, url_name), (status, status_name) = method, url, status
    problems = []
    if not isinstance(method, str) or not method.strip():
        problems.append(f"{method_name} must be a method name, got {_shown(method)}")
    if not isinstance(url, str) or not url.strip():
        problems.append(f"{url_name} must be a URL string, got {_shown(url)}")
    if isinstance(status, bool) or not isinstance(status, int) or not (status == 0 or 100 <= status <= 599):
        problems.append(f"{status_name} must be an integer from 100 to 599, got {_shown(status)}")
    if problems:
        return Exchange(name, entry, problem=f"not a {fmt}: " + "; ".join(problems), problem_keyword="record")
    exchange = Exchange(name, entry, method, url, status)
    if status == 0:
        return replace(exchange, problem=NO_RESPONSE, problem_keyword="uncovered")
    return exchange


def _headers(headers: Any) -> dict[str, str]:
    """Lower-case names; VCR.py keeps each header's values in a list."""
    if not isinstance(headers, dict):
        return {}
    flat = {}
    for key, value in headers.items():
        flat[str(key).lower()] = str(value[0] if isinstance(value, list) and value else value)
    return flat


# What the bodies of one file may expand to, decoded (base64, `!!binary`) and decompressed together:
# 64 MiB plus 100 times the file's size. One budget per file, so that aliases to one body or many bombs
# cannot multiply it; past it, each body is a finding, not an allocation of gigabytes (a "zip bomb").
EXPANSION_FREE = 64 << 20
EXPANSION_PER_BYTE = 100


class Budget:
    """The bytes a file's bodies may still take."""

    def __init__(self, file_size: int) -> None:
        self.limit = EXPANSION_FREE + EXPANSION_PER_BYTE * file_size
        self.left = self.limit

    def take(self, data: bytes) -> bytes:
        if len(data) > self.left:
            self.exceeded()
        self.left -= len(data)
        return data

    def exceeded(self) -> None:
        raise OSError(f"the file's bodies expand past {self.limit:,} bytes (64 MiB plus 100 times its size)")


def decompressed(raw: bytes, encoding: str, budget: Budget) -> bytes:
    """A body as sent with Content-Encoding `encoding` -> its bytes. OSError or zlib.error when it cannot be
    decompressed within the budget; ValueError for an encoding not read here (br, zstd, or a chain)."""
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return raw
    if encoding in ("gzip", "x-gzip"):
        return _inflate(raw, 16 + zlib.MAX_WBITS, budget)
    if encoding == "deflate":
        try:
            return _inflate(raw, zlib.MAX_WBITS, budget)
        except zlib.error:
            return _inflate(raw, -zlib.MAX_WBITS, budget)  # raw deflate, as some servers send it
    raise ValueError(f"the body is encoded as {encoding[:40]!r}, which is not read (gzip and deflate are)")


def _inflate(raw: bytes, wbits: int, budget: Budget) -> bytes:
    """Every member of a gzip stream (RFC 1952 allows several); any other byte after the end is a finding."""
    parts, data = [], raw
    while True:
        inflater = zlib.decompressobj(wbits)
        part = inflater.decompress(data, budget.left + 1)  # max_length 0 would mean "no limit"
        parts.append(budget.take(part))
        if inflater.unconsumed_tail:
            budget.exceeded()  # more output waits: over the budget
        if not inflater.eof:
            raise OSError("it ends before the compressed stream does")
        data = inflater.unused_data
        if not data:
            return b"".join(parts)
        if wbits != 16 + zlib.MAX_WBITS or not data.startswith(b"\x1f\x8b"):
            raise OSError(f"{len(data):,} bytes follow the end of the compressed stream")
