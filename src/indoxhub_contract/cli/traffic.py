"""`indoxhub-contract traffic`: check recorded HTTP exchanges (HAR, VCR.py cassettes, exchange JSON Lines)
against the operation, status and body openapi.yaml promises."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .._checker import run_exchanges
from .._config import ConfigError, find, settings
from .._drift import append_summary, open_summary
from .._loading import UsageError, expand
from .._report import RENDERERS, printable
from .exits import EXIT_INVALID, EXIT_VALID, usage_error
from .output import write
from .validate import positive

SUFFIXES = (".har", ".json", ".jsonl", ".ndjson", ".yaml", ".yml")


def add(commands: Any) -> None:
    parser = commands.add_parser(
        "traffic", help="check recorded HTTP traffic: HAR, VCR.py cassettes, exchange JSON Lines"
    )
    parser.add_argument(
        "--strict",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="members the page does not list are errors (default: [tool.indoxhub-contract] `strict`, else off)",
    )
    parser.add_argument("--format", choices=["github", "json", "text"], default="text")
    parser.add_argument(
        "--base-url",
        action="append",
        default=[],
        metavar="URL",
        help="another base path to strip, besides /api/v1 (default: the table's `base-urls`)",
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


def execute(options: argparse.Namespace) -> int:
    try:
        strict, base_urls = settings(find(), options.strict, options.base_url)
        sources = expand(options.paths, SUFFIXES)
    except (UsageError, ConfigError) as error:
        return usage_error(str(error))
    try:
        summary_file = open_summary(options.summary) if options.summary else None
    except OSError as error:
        return usage_error(f"cannot write the summary to {printable(options.summary)}: {error.strerror}")
    summary = bool(options.summary) or options.format == "json"
    outcome = run_exchanges(sources, strict, base_urls, options.jobs, summary)
    write(RENDERERS[options.format](outcome))
    if summary_file is not None and outcome.drift is not None:
        append_summary(summary_file, outcome.drift.markdown("IndoxHub contract: traffic"))
    if outcome.invalid or (outcome.uncovered and options.fail_on_uncovered):
        return EXIT_INVALID
    if outcome.checked == 0 and not options.allow_empty:
        print("indoxhub-contract: no exchanges found (--allow-empty accepts that)", file=sys.stderr)
        return EXIT_INVALID
    return EXIT_VALID
