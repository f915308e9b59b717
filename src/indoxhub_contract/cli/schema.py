"""`indoxhub-contract schema TYPE`: print the bundled, self-contained schema of a type."""

from __future__ import annotations

import argparse
from importlib import resources
from typing import Any

from .._registry import schema_file
from .exits import usage_error
from .output import write


def add(commands: Any) -> None:
    parser = commands.add_parser("schema", help="print a type's bundled JSON Schema")
    parser.add_argument("type_name", metavar="TYPE")
    parser.add_argument("--strict", action="store_true", help="the strict profile")
    parser.set_defaults(run=execute)


def execute(options: argparse.Namespace) -> int:
    try:
        name = schema_file(options.type_name)
    except KeyError as error:
        return usage_error(error.args[0])
    folder = resources.files("indoxhub_contract.generated") / "schemas"
    document = (folder / "strict" / name) if options.strict else (folder / name)
    write(document.read_text(encoding="utf-8"))
    return 0
