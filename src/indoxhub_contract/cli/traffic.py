"""`indoxhub-contract traffic`: check recorded HTTP exchanges (HAR, VCR.py cassettes, exchange JSON Lines)
against the operation, status and body openapi.yaml promises."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

from ..drift import Drift
from ..exchanges import Exchange, cassette_exchanges, har_exchanges, jsonl_exchange, kind_of
from ..http import BASE_URLS, check, path_of
from ..loading import Source, UsageError, batches, display_name, expand
from ..report import escape_data, escape_property, printable
from .exits import EXIT_INVALID, EXIT_VALID, usage_error
from .output import write

SUFFIXES = (".har", ".jsonl", ".ndjson", ".yaml", ".yml")


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
    parser.add_argument(
        "--summary", metavar="FILE", help="append the drift report (Markdown) to FILE, e.g. $GITHUB_STEP_SUMMARY"
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="file, directory (recursive) or - for standard input")
    parser.set_defaults(run=execute)


def exchanges(source: Source) -> Iterator[Exchange]:
    """Every exchange of one source, streamed for JSON Lines; a HAR file or a cassette is read whole."""
    name = display_name(source.name)
    if source.problem is None and source.name.lower().endswith((".har", ".yaml", ".yml")):
        try:
            with open(source.name, "rb") as handle:
                data = handle.read()
        except OSError as error:
            yield Exchange(name, 1, problem=f"cannot read: {error.strerror}")
            return
        yield from (har_exchanges if kind_of(source.name, data[:4096]) == "har" else cassette_exchanges)(name, data)
        return
    for batch in batches(source):
        if batch.kind == "error":
            yield Exchange(name, 1, problem=batch.problem)
        elif batch.kind == "jsonl":
            for line, raw in batch.items:
                yield jsonl_exchange(name, line or 1, raw)
        else:
            ((_, data),) = batch.items
            kind = kind_of(source.name, data[:4096])
            if kind == "jsonl":
                lines = [(number, line) for number, line in enumerate(data.split(b"\n"), 1) if line.strip(b" \t\r")]
                yield from (jsonl_exchange(name, number, line.removesuffix(b"\r")) for number, line in lines)
            else:
                yield from (har_exchanges if kind == "har" else cassette_exchanges)(name, data)


def execute(options: argparse.Namespace) -> int:
    try:
        sources = expand(options.paths, SUFFIXES)
    except UsageError as error:
        return usage_error(str(error))
    base_urls = (*BASE_URLS, *options.base_url)
    findings: list[TrafficFinding] = []
    uncovered: list[dict[str, Any]] = []
    checked = invalid = 0
    drift = Drift()
    for source in sources:
        for exchange in exchanges(source):
            checked += 1
            if exchange.problem is not None:
                if exchange.problem_keyword == "uncovered":
                    uncovered.append(_uncovered(exchange, exchange.problem, base_urls))
                    drift.skip(exchange.problem)
                else:
                    invalid += 1
                    findings.append(TrafficFinding(exchange.file, exchange.entry, exchange.method, exchange.url, exchange.status, None, "", exchange.problem_keyword, exchange.problem))  # fmt: skip
                continue
            result = check(exchange.method, exchange.url, exchange.status, exchange.body, strict=options.strict,
                           content_type=exchange.content_type, base_urls=base_urls)  # fmt: skip
            if result.uncovered is not None:
                uncovered.append(_uncovered(exchange, result.uncovered, base_urls))
                drift.skip(result.uncovered)
                continue
            operation = result.route.operation if result.route else "?"
            drift.add(
                operation,
                exchange.status,
                result.type,
                result.payload,
                result.findings,
                f"{exchange.file}#{exchange.entry}",
            )
            if result.findings:
                invalid += 1
                findings += [TrafficFinding(exchange.file, exchange.entry, exchange.method, exchange.url, exchange.status, result.type, e.path, e.keyword, e.message) for e in result.findings]  # fmt: skip
    if options.format == "json":
        write(json_report(checked, invalid, findings, uncovered, drift.as_dict()))
    else:
        write(RENDERERS[options.format](checked, invalid, findings, uncovered))
    if options.summary:
        try:
            with open(options.summary, "a", encoding="utf-8") as handle:
                handle.write(drift.markdown("IndoxHub contract: traffic"))
        except OSError as error:
            return usage_error(f"cannot write the summary to {options.summary}: {error.strerror}")
    if invalid or (uncovered and options.fail_on_uncovered):
        return EXIT_INVALID
    if checked == 0 and not options.allow_empty:
        print("indoxhub-contract: no exchanges found (--allow-empty accepts that)", file=sys.stderr)
        return EXIT_INVALID
    return EXIT_VALID


def _uncovered(exchange: Exchange, reason: str, base_urls: tuple[str, ...]) -> dict[str, Any]:
    path = path_of(exchange.url, base_urls) if exchange.url else ""
    return {"file": exchange.file, "entry": exchange.entry, "method": exchange.method, "url": exchange.url,
            "path": path, "status": exchange.status, "reason": reason}  # fmt: skip


def _place(f: TrafficFinding) -> str:
    exchange = f"{f.method} {path_of(f.url) if f.url else '?'} {f.status}" if f.method else "(no exchange)"
    return printable(f"{f.file}#{f.entry}: {exchange}")


def _summary(checked: int, invalid: int, uncovered: list[dict[str, Any]]) -> str:
    return f"{checked} exchanges, {invalid} invalid, {len(uncovered)} uncovered"


def text(checked: int, invalid: int, findings: list[TrafficFinding], uncovered: list[dict[str, Any]]) -> str:
    lines = [f"{_place(f)}: {printable(f.path) or '(root)'}: {printable(f.message)}" for f in findings]
    lines += [printable(f"{u['file']}#{u['entry']}: uncovered: {u['reason']}") for u in uncovered]
    return "\n".join([*lines, _summary(checked, invalid, uncovered)]) + "\n"


def json_report(checked: int, invalid: int, findings: list[TrafficFinding], uncovered: list[dict[str, Any]], summary: dict[str, Any] | None = None) -> str:  # fmt: skip
    document = {"checked": checked, "invalid": invalid, "uncovered": len(uncovered),
                "errors": [asdict(f) for f in findings], "uncovered_exchanges": uncovered, "summary": summary or {}}  # fmt: skip
    text_ = json.dumps(document, ensure_ascii=False, indent=2)
    return text_.encode("utf-8", "backslashreplace").decode("utf-8") + "\n"


def github(checked: int, invalid: int, findings: list[TrafficFinding], uncovered: list[dict[str, Any]]) -> str:
    lines = [
        f"::error file={escape_property(f.file)},title={escape_property('indoxhub-contract ' + f.keyword)}::"
        f"{escape_data(_place(f) + ': ' + (f.path or '(root)') + ': ' + f.message)}"
        for f in findings
    ]
    return "\n".join([*lines, _summary(checked, invalid, uncovered)]) + "\n"


RENDERERS = {"text": text, "json": json_report, "github": github}
