"""`indoxhub-contract traffic`: check recorded HTTP exchanges (HAR, VCR.py cassettes, exchange JSON Lines)
against the operation, status and body openapi.yaml promises."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import asdict, dataclass, field
from functools import partial
from typing import Any

from ..drift import Drift, append_summary, open_summary
from ..exchanges import Exchange, cassette_exchanges, har_exchanges, jsonl_exchanges
from ..http import BASE_URLS, check, path_of
from ..loading import Source, UsageError, display_name, expand, first_byte, first_lines, sniffed_batches
from ..pool import for_each
from ..report import escape_data, escape_property, file_name, printable, utf8
from .exits import EXIT_INVALID, EXIT_VALID, usage_error
from .output import write
from .validate import positive

SUFFIXES = (".har", ".json", ".jsonl", ".ndjson", ".yaml", ".yml")


@dataclass(frozen=True)
class TrafficFinding:
    file: str
    entry: int
    method: str
    url: str
    status: int
    type: str | None
    path: str
    keyword: str
    message: str


def add(commands: Any) -> None:
    parser = commands.add_parser(
        "traffic", help="check recorded HTTP traffic: HAR, VCR.py cassettes, exchange JSON Lines"
    )
    parser.add_argument("--strict", action="store_true", help="members the page does not list are errors")
    parser.add_argument("--format", choices=["github", "json", "text"], default="text")
    parser.add_argument(
        "--base-url", action="append", default=[], metavar="URL", help="another base path to strip (besides /api/v1)"
    )
    parser.add_argument(
        "--fail-on-uncovered", action="store_true", help="exit 1 when an exchange is outside the contract"
    )
    parser.add_argument("--allow-empty", action="store_true", help="exit 0 when the input holds no exchange at all")
    parser.add_argument("--jobs", type=positive, default=1, help="worker processes (default 1; at most the CPUs)")
    parser.add_argument(
        "--summary", metavar="FILE", help="append the drift report (Markdown) to FILE, e.g. $GITHUB_STEP_SUMMARY"
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="file, directory (recursive) or - for standard input")
    parser.set_defaults(run=execute)


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


@dataclass
class Tally:
    """What one batch of exchanges gave: counts, findings, uncovered exchanges, the drift report."""

    checked: int = 0
    invalid: int = 0
    findings: list[TrafficFinding] = field(default_factory=list)
    uncovered: list[dict[str, Any]] = field(default_factory=list)
    drift: Drift | None = None

    def merge(self, other: Tally) -> None:
        self.checked += other.checked
        self.invalid += other.invalid
        self.findings += other.findings
        self.uncovered += other.uncovered
        if self.drift is not None and other.drift is not None:
            self.drift.merge(other.drift)


def check_unit(unit: Unit, strict: bool, base_urls: tuple[str, ...], summary: bool) -> Tally:
    """One unit of work, in this process or a worker. The drift report (a strict pass over every body,
    for undocumented members) only when it is asked for: --summary or --format json."""
    result = Tally(drift=Drift() if summary else None)
    for exchange in exchanges_of(unit):
        result.checked += 1
        if exchange.problem is not None:
            if exchange.problem_keyword == "uncovered":
                result.uncovered.append(_uncovered(exchange, exchange.problem, base_urls))
                if result.drift is not None:
                    result.drift.skip(exchange.problem)
            else:
                result.invalid += 1
                result.findings.append(
                    TrafficFinding(
                        exchange.file,
                        exchange.entry,
                        exchange.method,
                        exchange.url,
                        exchange.status,
                        None,
                        "",
                        exchange.problem_keyword,
                        exchange.problem,
                    )
                )
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
            result.uncovered.append(_uncovered(exchange, verdict.uncovered, base_urls))
            if result.drift is not None:
                result.drift.skip(verdict.uncovered)
            continue
        operation = verdict.route.operation if verdict.route else "?"
        if result.drift is not None:
            result.drift.add(
                operation,
                exchange.status,
                verdict.type,
                verdict.payload,
                verdict.findings,
                f"{exchange.file}#{exchange.entry}",
                verdict.undocumented,
            )
        if verdict.findings:
            result.invalid += 1
            result.findings += [
                TrafficFinding(
                    exchange.file,
                    exchange.entry,
                    exchange.method,
                    exchange.url,
                    exchange.status,
                    verdict.type,
                    e.path,
                    e.keyword,
                    e.message,
                )
                for e in verdict.findings
            ]
    return result


def _units(sources: list[Source]) -> Iterator[Unit]:
    for source in sources:
        yield from units(source)


def execute(options: argparse.Namespace) -> int:
    try:
        sources = expand(options.paths, SUFFIXES)
    except UsageError as error:
        return usage_error(str(error))
    try:
        summary_file = open_summary(options.summary) if options.summary else None
    except OSError as error:
        return usage_error(f"cannot write the summary to {printable(options.summary)}: {error.strerror}")
    base_urls = (*BASE_URLS, *options.base_url)
    summary = bool(options.summary) or options.format == "json"
    total = Tally(drift=Drift() if summary else None)
    one = partial(check_unit, strict=options.strict, base_urls=base_urls, summary=summary)
    for_each(options.jobs, one, _units(sources), total.merge)
    if options.format == "json":
        write(
            json_report(
                total.checked,
                total.invalid,
                total.findings,
                total.uncovered,
                total.drift.as_dict() if total.drift else None,
            )
        )
    else:
        write(RENDERERS[options.format](total.checked, total.invalid, total.findings, total.uncovered))
    if summary_file is not None and total.drift is not None:
        append_summary(summary_file, total.drift.markdown("IndoxHub contract: traffic"))
    if total.invalid or (total.uncovered and options.fail_on_uncovered):
        return EXIT_INVALID
    if total.checked == 0 and not options.allow_empty:
        print("indoxhub-contract: no exchanges found (--allow-empty accepts that)", file=sys.stderr)
        return EXIT_INVALID
    return EXIT_VALID


def _uncovered(exchange: Exchange, reason: str, base_urls: tuple[str, ...]) -> dict[str, Any]:
    path = path_of(exchange.url, base_urls) if exchange.url else ""
    return {
        "file": exchange.file,
        "entry": exchange.entry,
        "method": exchange.method,
        "url": exchange.url,
        "path": path,
        "status": exchange.status,
        "reason": reason,
    }


def _place(f: TrafficFinding) -> str:
    exchange = f"{f.method} {path_of(f.url) if f.url else '?'} {f.status}" if f.method else "(no exchange)"
    return file_name(f.file) + printable(f"#{f.entry}: {exchange}")


def _summary(checked: int, invalid: int, uncovered: list[dict[str, Any]]) -> str:
    return f"{checked} exchanges, {invalid} invalid, {len(uncovered)} uncovered"


def text(checked: int, invalid: int, findings: list[TrafficFinding], uncovered: list[dict[str, Any]]) -> str:
    lines = [f"{_place(f)}: {printable(f.path) or '(root)'}: {printable(f.message)}" for f in findings]
    lines += [file_name(u["file"]) + printable(f"#{u['entry']}: uncovered: {u['reason']}") for u in uncovered]
    return "\n".join([*lines, _summary(checked, invalid, uncovered)]) + "\n"


def json_report(
    checked: int,
    invalid: int,
    findings: list[TrafficFinding],
    uncovered: list[dict[str, Any]],
    summary: dict[str, Any] | None = None,
) -> str:
    document = {
        "checked": checked,
        "invalid": invalid,
        "uncovered": len(uncovered),
        "errors": [asdict(f) for f in findings],
        "uncovered_exchanges": uncovered,
        "summary": summary or {},
    }
    return utf8(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


def github(checked: int, invalid: int, findings: list[TrafficFinding], uncovered: list[dict[str, Any]]) -> str:
    lines = [
        f"::error file={escape_property(f.file)},title={escape_property('indoxhub-contract ' + f.keyword)}::"
        f"{escape_data(_place(f) + ': ' + (f.path or '(root)') + ': ' + f.message)}"
        for f in findings
    ]
    return "\n".join([*lines, _summary(checked, invalid, uncovered)]) + "\n"


RENDERERS = {"text": text, "json": json_report, "github": github}
