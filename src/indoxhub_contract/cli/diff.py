"""`indoxhub-contract diff`: classify the changes between two schema sets (directories or git revisions)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from .._diff import BREAKING, SchemaError, compare, load_directory, load_revision
from .._report import printable
from .exits import EXIT_INVALID, EXIT_VALID, usage_error
from .output import write


def add(commands: Any) -> None:
    parser = commands.add_parser(
        "diff",
        help="classify schema changes as breaking or compatible for clients reading responses",
        description="OLD and NEW are directories of schemas; --git REV reads schemas/ at REV as OLD "
        "(NEW defaults to schemas/).",
    )
    parser.add_argument("--git", metavar="REV", help="the old side: schemas/ at this git revision")
    parser.add_argument("sides", nargs="*", metavar="DIR", help="OLD NEW, or only NEW with --git")
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.set_defaults(run=execute)


def execute(options: argparse.Namespace) -> int:
    sides: list[str] = options.sides
    try:
        if options.git:
            if len(sides) > 1:
                raise SchemaError("with --git give at most one directory (the new side)")
            old, new = load_revision(options.git), load_directory(Path(sides[0] if sides else "schemas"))
        else:
            if len(sides) != 2:
                raise SchemaError("give OLD and NEW directories, or --git REV [NEW]")
            old, new = load_directory(Path(sides[0])), load_directory(Path(sides[1]))
        changes = compare(old, new)
    except SchemaError as error:
        return usage_error(str(error))
    breaking = sum(change.klass == BREAKING for change in changes)
    if options.format == "json":
        write(json.dumps({"breaking": breaking, "changes": [c.as_dict() for c in changes]}, indent=2) + "\n")
    else:
        lines = [
            f"{c.klass.upper():<10} {c.type_name} {printable(c.path) or '(type)'}: {printable(c.change)}\n"
            for c in changes
        ]
        write("".join(lines) + f"{len(changes)} changes, {breaking} breaking\n")
    return EXIT_INVALID if breaking else EXIT_VALID
