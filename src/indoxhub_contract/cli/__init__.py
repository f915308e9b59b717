"""`indoxhub-contract`: validate payloads, list types, print schemas, classify schema changes.

Exit codes: 0 valid (no breaking change), 1 invalid (a breaking change), 2 usage error."""

from __future__ import annotations

import argparse
import sys
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from .._reading import ReaderUnavailable, describe_reader, reader
from . import diff, schema, traffic, types, validate
from .exits import EXIT_USAGE, usage_error


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


class Version(argparse.Action):
    """`--version`: the package's version and the JSON reader in use (INDOXHUB_CONTRACT_READER)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, help="print the version and the JSON reader, then exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: Any) -> None:
        try:
            number = version("indoxhub-contract")
        except PackageNotFoundError:  # run from a source tree that was never installed
            number = "unknown"
        try:
            which = describe_reader()
        except ReaderUnavailable as error:
            raise SystemExit(usage_error(str(error))) from None
        print(f"indoxhub-contract {number} (JSON reader: {which})")
        raise SystemExit(0)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="indoxhub-contract", description=__doc__)
    parser.add_argument("--version", action=Version)
    commands = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    validate.add(commands)
    traffic.add(commands)
    types.add(commands)
    schema.add(commands)
    diff.add(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        options = build_parser().parse_args(argv)
        try:
            reader()  # a bad INDOXHUB_CONTRACT_READER is a usage error before anything is read
        except ReaderUnavailable as error:
            return usage_error(str(error))
        return int(options.run(options))
    except KeyboardInterrupt:
        if sys.stderr is not None:
            print("indoxhub-contract: interrupted", file=sys.stderr)
        return 130
