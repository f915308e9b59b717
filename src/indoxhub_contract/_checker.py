"""The checking loops: batches of payloads (`validate`) or units of recorded exchanges (`traffic`) in,
one Outcome out, in one process or several, with bounded memory. Every payload goes through
check_payload (via http.check for an exchange); report.py renders the Outcome."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import partial
from typing import Any

from ._api import check_value
from ._drift import Drift
from ._exchanges import Exchange, Unit, exchanges_of, units
from ._loading import Batch, Source, batches, display_name, kind_of
from ._pool import for_each
from ._reading import ReadError, decode, read_json
from ._report import ExchangePlace, Finding, Outcome
from ._yaml_reading import documents
from .errors import ErrorDetail
from .http import check, path_of


def payloads(batch: Batch) -> Iterator[tuple[int | None, Any]]:
    """(line, value or ReadError) for every payload of a batch: JSONL lines, a document, YAML documents.
    An empty (or blank) document is no payload."""
    if batch.kind == "jsonl":
        for line, raw in batch.items:
            yield line, _read(raw, line or 1)
        return
    ((_, raw),) = batch.items
    if not raw.removeprefix(b"\xef\xbb\xbf").strip(b" \t\r\n"):
        if kind_of(batch.source) == "json":  # its name says it holds one JSON document (RFC 8259)
            what = "empty" if not raw else "blank"
            yield None, ReadError("parse", f"not valid JSON: the file is {what}, and a .json file holds one JSON value")
        return
    if batch.kind == "json":
        yield None, _read(raw, 1)
        return
    try:
        text = decode(raw)
    except ReadError as error:
        yield None, error
        return
    found = list(documents(text))
    for line, value in found:
        yield (line if len(found) > 1 else None), value


def _read(raw: bytes, line: int) -> Any:
    try:
        return read_json(raw, line)
    except ReadError as error:
        return error


def check_batch(type_name: str | None, strict: bool, batch: Batch, summary: bool = False) -> Outcome:
    """One batch's verdicts, held to the batch's own type (from the configuration) or else `type_name`;
    with `summary`, also its drift report (undocumented members cost a strict pass over every payload,
    so only then)."""
    type_name = batch.type_name or type_name or ""
    drift = Drift() if summary else None
    if batch.kind == "error":  # the source could not be read at all
        if drift is not None:
            drift.skip(f"cannot read {batch.source}: {batch.problem}")
        finding = Finding(batch.source, None, "", "read", batch.problem)
        return Outcome(findings=[finding], unreadable=1, drift=drift, held={batch.source: 1})
    findings: list[Finding] = []
    checked = invalid = 0
    for line, payload in payloads(batch):
        checked += 1
        place = batch.source if line is None else f"{batch.source}:{line}"
        if isinstance(payload, ReadError):
            invalid += 1
            where = payload.line or line
            findings.append(
                Finding(batch.source, where, payload.path, payload.keyword, payload.message, column=payload.column)
            )
            if drift is not None:
                reading = (ErrorDetail(payload.path, payload.keyword, payload.message, ""),)
                drift.add(type_name, 0, None, None, reading, place)
            continue
        result = check_value(type_name, payload, strict=strict, undocumented=drift is not None)
        details = result.errors
        if drift is not None:
            drift.add(type_name, 0, type_name, payload, details, place, result.undocumented)
        if details:
            invalid += 1
            findings.extend(Finding(batch.source, line, e.path, e.keyword, e.message) for e in details)
    return Outcome(checked, invalid, findings=findings, drift=drift, held={batch.source: checked})


def check_exchanges(unit: Unit, strict: bool, base_urls: tuple[str, ...], summary: bool) -> Outcome:
    """One unit of recorded traffic, in this process or a worker: each exchange routed and its body held
    to its type by http.check. The drift report only when asked for (--summary or --format json)."""
    result = Outcome(exchanges=True, drift=Drift() if summary else None)
    for exchange in exchanges_of(unit):
        result.checked += 1
        if exchange.problem is not None:
            if exchange.problem_keyword == "uncovered":
                _uncovered(result, exchange, exchange.problem, base_urls)
            else:
                result.invalid += 1
                finding = Finding(
                    exchange.file,
                    exchange.line,
                    "",
                    exchange.problem_keyword,
                    exchange.problem,
                    column=exchange.column,
                )
                result.findings.append(replace(finding, exchange=_shown(exchange, None)))
            continue
        verdict = check(
            exchange.method,
            exchange.url,
            exchange.status,
            exchange.body,
            strict=strict,
            content_type=exchange.content_type,
            base_urls=base_urls,
            undocumented=summary,
        )
        if verdict.uncovered is not None:
            _uncovered(result, exchange, verdict.uncovered, base_urls)
            continue
        if result.drift is not None:
            operation = verdict.route.operation if verdict.route else "?"
            place = f"{exchange.file}#{exchange.entry}"
            result.drift.add(
                operation, exchange.status, verdict.type, verdict.payload, verdict.findings, place, verdict.undocumented
            )
        if verdict.findings:
            result.invalid += 1
            shown = _shown(exchange, verdict.type)
            result.findings += [
                Finding(exchange.file, exchange.line, e.path, e.keyword, e.message, shown) for e in verdict.findings
            ]
    return result


def _shown(exchange: Exchange, type_name: str | None) -> ExchangePlace:
    if exchange.method:
        shown = f"{exchange.method} {path_of(exchange.url) if exchange.url else '?'} {exchange.status}"
    else:
        shown = "(no exchange)"
    return ExchangePlace(exchange.entry, exchange.method, exchange.url, exchange.status, type_name, shown)


def _uncovered(result: Outcome, exchange: Exchange, reason: str, base_urls: tuple[str, ...]) -> None:
    path = path_of(exchange.url, base_urls) if exchange.url else ""
    result.uncovered.append(
        {
            "file": exchange.file,
            "entry": exchange.entry,
            "method": exchange.method,
            "url": exchange.url,
            "path": path,
            "status": exchange.status,
            "reason": reason,
        }
    )
    if result.drift is not None:
        result.drift.skip(reason)


def run_exchanges(sources: list[Source], strict: bool, base_urls: tuple[str, ...], jobs: int, summary: bool) -> Outcome:
    """`traffic`: every exchange of every source, in `jobs` processes."""
    outcome = Outcome(files=len(sources), exchanges=True, drift=Drift() if summary else None)
    work = (unit for source in sources for unit in units(source))
    for_each(jobs, partial(check_exchanges, strict=strict, base_urls=base_urls, summary=summary), work, outcome.merge)
    return outcome


def _all_batches(sources: list[Source]) -> Iterator[Batch]:
    for source in sources:
        yield from batches(source)


def run(
    type_name: str | None,
    strict: bool,
    sources: list[Source],
    jobs: int,
    progress: Callable[[Outcome], None],
    summary: bool = False,
) -> Outcome:
    outcome = Outcome(files=len(sources), drift=Drift() if summary else None)
    outcome.held = dict.fromkeys((display_name(source.name) for source in sources), 0)

    def add(batch: Outcome) -> None:
        outcome.merge(batch)
        progress(outcome)

    for_each(jobs, partial(check_batch, type_name, strict, summary=summary), _all_batches(sources), add)
    outcome.empty = [name for name, count in outcome.held.items() if count == 0]
    return outcome


def progress_bar(total_files: int) -> Callable[[Outcome], None]:
    """A one-line counter on standard error when it is a terminal; nothing otherwise."""
    if sys.stderr is None or not sys.stderr.isatty():
        return lambda outcome: None

    def show(outcome: Outcome) -> None:
        sys.stderr.write(f"\r{outcome.checked} payloads checked, {outcome.invalid} invalid ({total_files} files)")
        sys.stderr.flush()

    return show
