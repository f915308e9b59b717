"""docs/clients.md read as what it is: for each generator, the blocks a team runs, in order.

A generator's section is a `###` heading that ends with its name in backticks, e.g.
`### Go: openapi-generator 7.26.0 (`go-openapi-generator`)`. Its fenced blocks are either shell
(```` ```sh ````), run verbatim with bash in the section's folder, or file contents, whose info string
names the file (```` ```toml file=Cargo.toml ````), written there first. A section whose heading says
"(types only: `name`)" builds no decoder, so it has no round trip (its output is type-checked by its own tests).
Standard library only: scripts/roundtrip.py reads the page too."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

PAGE = Path(__file__).resolve().parent.parent / "docs" / "clients.md"
HEADING = re.compile(r"^### (.*)\((types only: )?`([a-z0-9-]+)`\)\s*$")
FENCE = re.compile(r"^```(\S*)(?:\s+file=(\S+))?\s*$")


@dataclass
class Block:
    text: str
    file: str | None = None  # the file this block's text is written to; None for a shell block


@dataclass
class Section:
    name: str
    title: str
    round_trip: bool  # False for "types only": no decoder to round-trip
    blocks: list[Block] = field(default_factory=list)


def sections(text: str | None = None) -> list[Section]:
    found: list[Section] = []
    current: Section | None = None
    lines = iter((PAGE.read_text(encoding="utf-8") if text is None else text).splitlines())
    for line in lines:
        heading = HEADING.match(line)
        if heading:
            current = Section(heading[3], heading[1].strip(), heading[2] is None)
            found.append(current)
            continue
        if line.startswith(("# ", "## ", "### ")):
            current = None
            continue
        fence = FENCE.match(line)
        if fence and fence[1]:
            body = []
            for inner in lines:
                if inner.startswith("```"):
                    break
                body.append(inner)
            if current is not None and (fence[1] == "sh" or fence[2]):
                current.blocks.append(Block("\n".join(body) + "\n", fence[2]))
    return found


def round_trips(text: str | None = None) -> list[str]:
    return [section.name for section in sections(text) if section.round_trip]
