"""`indoxhub-contract validate`: check recorded payloads, in files, directories or standard input."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .._checker import progress_bar, run
from .._config import Config, ConfigError, find, settings
from .._drift import append_summary, open_summary
from .._loading import Source, UsageError, expand
from .._registry import canonical
from .._report import RENDERERS, printable
from ..http import response_type
from .exits import EXIT_INVALID, EXIT_VALID, usage_error
from .output import write


def add(commands: Any) -> None:
    parser = commands.add_parser("validate", help="validate payloads against a response type")
    target = parser.add_mutually_exclusive_group()
    target.add_argument(
        "--type",
        dest="type_name",
        help="a type name (ChatResponse) or its file spelling (chat-response); without it (or --endpoint), "
        "each file's type comes from [tool.indoxhub-contract.types] in pyproject.toml",
    )
    target.add_argument("--endpoint", help='pick the type from openapi.yaml, e.g. "POST /chat/completions"')
    parser.add_argument(
        "--strict",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="members the page does not list are errors (default: the table's `strict`, else off)",
    )
    parser.add_argument(
        "--base-url",
        action="append",
        default=[],
        metavar="URL",
        help="another base path --endpoint may carry (default: the table's `base-urls`)",
    )
    parser.add_argument(
        "--unmapped",
        choices=["error", "skip"],
        default="error",
        help="a file named here that no pattern of the table matches: a usage error (default), "
        "or skip = list it as unmapped and go on",
    )
    parser.add_argument("--format", choices=sorted(RENDERERS), default="text")
    parser.add_argument("--jobs", type=positive, default=1, help="worker processes (default 1; at most the CPUs)")
    parser.add_argument("--allow-empty", action="store_true", help="exit 0 when the input holds no payload at all")
    parser.add_argument(
        "--summary", metavar="FILE", help="append the drift report (Markdown) to FILE, e.g. $GITHUB_STEP_SUMMARY"
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="file, directory (recursive) or - for standard input")
    parser.set_defaults(run=execute)


def positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {value}")
    return value


def execute(options: argparse.Namespace) -> int:
    unmapped: list[str] = []
    try:
        config = find()
        strict, base_urls = settings(config, options.strict, options.base_url)
        type_name = (
            response_type(options.endpoint, base_urls)
            if options.endpoint
            else canonical(options.type_name)
            if options.type_name
            else None
        )
        sources = expand(options.paths)
        if type_name is None:
            sources, unmapped = typed_by_config(config, sources, options.paths, options.unmapped == "skip")
    except KeyError as error:
        return usage_error(error.args[0])
    except (UsageError, ConfigError) as error:
        return usage_error(str(error))
    try:
        summary_file = open_summary(options.summary) if options.summary else None
    except OSError as error:
        return usage_error(f"cannot write the summary to {printable(options.summary)}: {error.strerror}")
    outcome = run(type_name, strict, sources, options.jobs, progress_bar(len(sources)), summary=bool(options.summary))
    outcome.unmapped = unmapped
    if summary_file is not None and outcome.drift is not None:
        append_summary(summary_file, outcome.drift.markdown(f"IndoxHub contract: {type_name or 'recorded'} payloads"))
    if sys.stderr is not None and sys.stderr.isatty():
        sys.stderr.write("\r\033[K")
    write(RENDERERS[options.format](outcome))
    if outcome.invalid or outcome.unreadable:
        return EXIT_INVALID
    if outcome.checked == 0 and not options.allow_empty and (sources or not unmapped):
        names = ", ".join(printable(name) for name in outcome.empty[:10])
        more = f" and {len(outcome.empty) - 10} more" if len(outcome.empty) > 10 else ""
        where = f" in {names}{more}" if names else ""
        if sys.stderr is not None:
            print(f"indoxhub-contract: no payloads found{where} (--allow-empty accepts that)", file=sys.stderr)
        return EXIT_INVALID
    return EXIT_VALID


def typed_by_config(
    config: Config, sources: list[Source], named: list[str], skip: bool
) -> tuple[list[Source], list[str]]:
    """Each source with the type of the first pattern it matches; the unmatched ones apart. A file named
    on the command line that matches none is a usage error unless `skip`; a walk's are listed."""
    if config.path is None:
        raise UsageError(
            "pass --type or --endpoint, or map files to types under [tool.indoxhub-contract.types] in pyproject.toml"
        )
    typed: list[Source] = []
    unmapped: list[str] = []
    for source in sources:
        if source.name == "-":
            raise UsageError("standard input has no file name to match: pass --type or --endpoint")
        type_name = config.type_for(source.name)
        if type_name is not None or source.problem is not None:  # an unreadable file is reported, mapped or not
            typed.append(Source(source.name, source.problem, type_name))
        elif source.name in named and not skip:
            raise UsageError(
                f"no type for {source.name}: add a pattern under [tool.indoxhub-contract.types] "
                f"in {config.path} or pass --type"
            )
        else:
            unmapped.append(source.name)
    return typed, unmapped
