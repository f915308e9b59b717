"""The reference page's notation, parsed: what each member of each type must be."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PAGE = Path(__file__).with_name("response-schemas.page.txt")

# docs/contract.md "Presence": exceptions taken from the live documentation's examples.
OPTIONAL_WITH_DEFAULT = {
    ("Usage", "cache_read_tokens"): 0,
    ("Usage", "cache_write_tokens"): 0,
    ("Usage", "reasoning_tokens"): 0,
    ("Usage", "web_search_count"): 0,
    ("*", "byok_api_key"): False,
}
# docs/contract.md "Bounds the page does not state": members that are >= 0 in any real response.
NON_NEGATIVE = re.compile(r"^(tokens_\w+|\w+_tokens|web_search_count|dimensions|cost|latency|duration_ms)$")


@dataclass(frozen=True)
class Member:
    type_name: str
    name: str
    shape: frozenset[str]  # alternatives, annotations removed: {"string", "null"}, {"list[list[float]]"}
    annotation: str | None  # "UUID", "ISO 8601", "0-100", "pending | in_progress | …"
    default: Any
    has_default: bool
    required: bool


def split_top(text: str, separator: str = " | ") -> list[str]:
    """Split on `separator` outside brackets, braces and parentheses."""
    parts, depth, start, index = [], 0, 0, 0
    while index < len(text):
        char = text[index]
        if char in "[{(":
            depth += 1
        elif char in "]})":
            depth -= 1
        if depth == 0 and text.startswith(separator, index):
            parts.append(text[start:index])
            index += len(separator)
            start = index
            continue
        index += 1
    parts.append(text[start:])
    return [part.strip() for part in parts]


def normalize(alternative: str) -> tuple[str, str | None]:
    """'string (UUID)' -> ('string', 'UUID'); nested lists and records are normalized recursively."""
    match = re.fullmatch(r"(\w+) \((.+)\)", alternative)
    if match:
        return match.group(1), match.group(2)
    if alternative.startswith("list[") and alternative.endswith("]"):
        inner = " | ".join(sorted(normalize(a)[0] for a in split_top(alternative[5:-1])))
        return f"list[{inner}]", None
    if alternative.startswith("{") and alternative.endswith("}"):
        fields = []
        for field in split_top(alternative[1:-1], ", "):
            name, _, notation = field.partition(": ")
            fields.append(f"{name}: " + " | ".join(sorted(normalize(a)[0] for a in split_top(notation))))
        return "{" + ", ".join(fields) + "}", None
    return alternative, None


def parse_default(text: str) -> Any:
    return {"true": True, "false": False, "''": ""}.get(text, text)


def members() -> list[Member]:
    found = []
    type_name = ""
    for line in PAGE.read_text(encoding="utf-8").splitlines():
        if re.fullmatch(r"[A-Z]\w+", line.strip()):
            type_name = line.strip()
            continue
        match = re.fullmatch(r'\s*"(\w+)": "(.*)",?', line)
        if not match:
            continue
        name, notation = match.groups()
        default_match = re.fullmatch(r"(.*) \(default: (.*)\)", notation)
        has_default = default_match is not None
        default = parse_default(default_match.group(2)) if default_match else None
        if default_match:
            notation = default_match.group(1)
        alternatives = [normalize(a) for a in split_top(notation)]
        shape = frozenset(a for a, _ in alternatives)
        annotations = [n for _, n in alternatives if n]
        for key in ((type_name, name), ("*", name)):
            if key in OPTIONAL_WITH_DEFAULT:
                has_default, default = True, OPTIONAL_WITH_DEFAULT[key]
        found.append(
            Member(
                type_name,
                name,
                shape,
                annotations[0] if annotations else None,
                default,
                has_default,
                required=not has_default and "null" not in shape,
            )
        )
    return found
