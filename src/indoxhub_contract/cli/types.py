"""`indoxhub-contract types`: the response types, their schema files and the endpoints answering with them."""

from __future__ import annotations

import argparse
from typing import Any

from .._registry import TYPES, endpoints_of, schema_file
from .output import write


def add(commands: Any) -> None:
    parser = commands.add_parser("types", help="list the response types")
    parser.set_defaults(run=execute)


def execute(options: argparse.Namespace) -> int:
    lines = []
    for name in TYPES:
        endpoints = ", ".join(endpoints_of(name))
        lines.append(f"{name:<20} {schema_file(name):<34} {endpoints or '(inside other responses)'}\n")
    write("".join(lines))
    return 0
