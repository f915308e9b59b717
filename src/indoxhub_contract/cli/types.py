"""`indoxhub-contract types`: the ten types, their schema files and the endpoints answering with them;
the two error bodies with the statuses that carry them."""

from __future__ import annotations

import argparse
from typing import Any

from .._registry import ERROR_BODIES, TYPES, endpoints_of, error_statuses, schema_file
from .output import write


def add(commands: Any) -> None:
    parser = commands.add_parser("types", help="list the response types and the error bodies")
    parser.set_defaults(run=execute)


def execute(options: argparse.Namespace) -> int:
    lines = []
    for name in TYPES:
        if name in ERROR_BODIES:
            where = "error body: status " + ", ".join(map(str, error_statuses(name))) + " of every endpoint"
        else:
            where = ", ".join(endpoints_of(name)) or "(inside other responses)"
        lines.append(f"{name:<20} {schema_file(name):<34} {where}\n")
    write("".join(lines))
    return 0
