"""`indoxhub-contract`: validate payloads, list types, print schemas, classify schema changes.

Exit codes: 0 valid (no breaking change), 1 invalid (a breaking change), 2 usage error."""

from __future__ import annotations

import argparse
import sys

from . import diff, schema, traffic, types, validate
from .exits import EXIT_USAGE


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="indoxhub-contract", description=__doc__)
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
        return int(options.run(options))
    except KeyboardInterrupt:
        if sys.stderr is not None:
            print("indoxhub-contract: interrupted", file=sys.stderr)
        return 130
