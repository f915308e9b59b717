"""Files, directories, JSON Lines and standard input -> batches of raw payload text, streamed.

Nothing is parsed here: parsing happens where the payload is validated (possibly in a worker), so a
multi-gigabyte JSONL is read one batch at a time and memory stays flat.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SINGLE = (".json", ".yaml", ".yml")
LINES = (".jsonl", ".ndjson")
SUFFIXES = SINGLE + LINES
BATCH = 2000


@dataclass(frozen=True)
class Batch:
    """Raw payloads from one source: (line or None, text). `kind` says how to parse them."""

    source: str
    kind: str  # "json", "yaml" or "jsonl"
    items: tuple[tuple[int | None, str], ...]


class UsageError(Exception):
    """A path that does not exist or cannot be read as input: exit code 2."""


class ParseError(ValueError):
    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def expand(paths: list[str]) -> list[str]:
    """Files to read, in a stable order: directories are walked for the known suffixes."""
    found: list[str] = []
    for raw in paths:
        if raw == "-":
            found.append(raw)
            continue
        path = Path(raw)
        if path.is_dir():
            found += sorted(str(p) for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
        elif path.is_file():
            found.append(raw)
        else:
            raise UsageError(f"{raw}: no such file or directory")
    return found


def kind_of(source: str) -> str:
    suffix = Path(source).suffix.lower()
    return "jsonl" if suffix in LINES else "yaml" if suffix in (".yaml", ".yml") else "json"


def batches(source: str) -> Iterator[Batch]:
    if source == "-":
        yield from _stdin_batches()
        return
    kind = kind_of(source)
    try:
        if kind != "jsonl":
            # utf-8-sig: a byte-order mark (Windows editors write one) is not part of the payload.
            yield Batch(source, kind, ((None, Path(source).read_text(encoding="utf-8-sig")),))
            return
        with open(source, encoding="utf-8-sig") as handle:
            yield from _line_batches(source, handle)
    except UnicodeDecodeError as error:
        yield Batch(source, "error", ((None, f"not UTF-8 text: {error.reason} at byte {error.start}"),))
    except OSError as error:
        yield Batch(source, "error", ((None, f"cannot read: {error.strerror}"),))


def _line_batches(source: str, lines: Any) -> Iterator[Batch]:
    items: list[tuple[int | None, str]] = []
    for number, line in enumerate(lines, 1):
        if line.strip():  # blank lines are skipped, not errors
            items.append((number, line))
            if len(items) >= BATCH:
                yield Batch(source, "jsonl", tuple(items))
                items = []
    if items:
        yield Batch(source, "jsonl", tuple(items))


def _stdin_batches() -> Iterator[Batch]:
    # One JSON document, or JSON Lines when the whole is not one document.
    text = sys.stdin.read()
    try:
        json.loads(text)
    except ValueError:
        if len([line for line in text.splitlines() if line.strip()]) > 1:
            yield from _line_batches("<stdin>", text.splitlines(keepends=True))
            return
    yield Batch("<stdin>", "json", ((None, text),))


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        duplicate = next(key for key, _ in pairs if key in seen or seen.add(key))  # type: ignore[func-returns-value]
        # Python would keep the last value silently; a contract check must not.
        raise ValueError(f"duplicate member {json.dumps(duplicate)}")
    return result


def parse(kind: str, text: str) -> Any:
    """The payload, or ParseError with a one-sentence reason (and the line inside a single-payload file)."""
    if kind == "yaml":
        return _parse_yaml(text)
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        reason = error.msg.removesuffix(" at")  # "Invalid control character at" reads oddly alone
        raise ParseError(f"not valid JSON at column {error.colno}: {reason}", error.lineno) from None
    except ValueError as error:
        raise ParseError(f"not valid JSON: {error}") from None


def _parse_yaml(text: str) -> Any:
    try:
        import yaml
    except ImportError:
        raise ParseError("reading YAML needs PyYAML: pip install 'indoxhub-contract[yaml]'") from None

    class Loader(yaml.SafeLoader):
        pass

    # YAML would turn an unquoted 2025-10-26T16:48:59 into a datetime: keep it the string it was.
    Loader.yaml_implicit_resolvers = {
        key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    try:
        return yaml.load(text, Loader=Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise ParseError(
            f"not valid YAML: {getattr(error, 'problem', None) or error}", mark.line + 1 if mark else None
        ) from None
