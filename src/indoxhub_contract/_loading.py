"""Files, directories, JSON Lines and standard input -> batches of raw payload bytes, streamed.

Nothing is decoded or parsed here: that happens where the payload is validated (possibly in a
worker), so one bad byte is a finding for its payload alone and a multi-gigabyte JSONL is read one
batch at a time. Nothing is skipped silently either: whatever a walk meets and cannot read (a
dangling link, a link loop, a FIFO, a folder it may not open) becomes a Source with a `problem`.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from itertools import chain
from typing import IO

from ._reading import ReadError, read_json

SINGLE = (".json", ".yaml", ".yml")
LINES = (".jsonl", ".ndjson")
SUFFIXES = SINGLE + LINES
BATCH_LINES = 2000
BATCH_BYTES = 4 << 20  # a batch of long lines is cut sooner, so a worker's memory stays bounded
STDIN = "<stdin>"


@dataclass(frozen=True)
class Source:
    """A path to read ("-" for standard input), or a problem met while walking that stands for it."""

    name: str
    problem: str | None = None
    type_name: str | None = None  # the type its payloads are held to, when it is not one for all (config)


@dataclass(frozen=True)
class Batch:
    """Raw payloads from one source: (line or None, bytes). `kind` says how to read them."""

    source: str
    kind: str  # "json", "yaml", "jsonl", or "error" (then `problem` says why)
    items: tuple[tuple[int | None, bytes], ...] = ()
    problem: str = ""
    type_name: str | None = None  # the Source's, carried to the worker that checks the batch


class UsageError(Exception):
    """A path that does not exist, or inputs that cannot be combined: exit code 2."""


def expand(paths: list[str], suffixes: tuple[str, ...] = SUFFIXES) -> list[Source]:
    """What to read, in a stable order: files and FIFOs named on the command line are read whatever
    their names; directories are walked for the known suffixes."""
    if paths.count("-") > 1:
        raise UsageError("standard input (-) can be read only once")
    found: list[Source] = []
    for raw in paths:
        if raw == "-":
            found.append(Source("-"))
            continue
        try:
            is_dir = stat.S_ISDIR(os.stat(raw).st_mode)
        except FileNotFoundError:
            raise UsageError(f"{raw}: no such file or directory") from None
        except OSError as error:
            found.append(Source(raw, f"cannot read: {error.strerror}"))
            continue
        found += sorted(walk(raw, suffixes), key=lambda source: source.name) if is_dir else [Source(raw)]
    return found


def has_suffix(name: str, suffixes: tuple[str, ...] = SUFFIXES) -> bool:
    return name.lower().endswith(suffixes)  # also a file named exactly ".json"


def walk(root: str, suffixes: tuple[str, ...] = SUFFIXES) -> Iterator[Source]:
    """Every file with a known suffix under `root`. Hidden folders (a name starting with ".") are not
    walked, unless named as the root. Links to folders are followed; a link back to a folder being
    walked (a loop) is reported, and a folder reached twice is walked once."""
    root_stat = os.stat(root)
    seen = {(root_stat.st_dev, root_stat.st_ino)}
    pending: list[tuple[str, frozenset[tuple[int, int]]]] = [(root, frozenset(seen))]
    while pending:
        folder, ancestors = pending.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as error:
            yield Source(folder, f"cannot read folder: {error.strerror}")
            continue
        for entry in entries:
            try:
                info = os.stat(entry.path)  # follows links
            except FileNotFoundError:
                yield Source(entry.path, f"dangling symbolic link to {os.readlink(entry.path)}")
                continue
            except OSError as error:
                yield Source(entry.path, f"cannot read: {error.strerror}")
                continue
            if stat.S_ISDIR(info.st_mode):
                key = (info.st_dev, info.st_ino)
                if entry.name.startswith("."):  # .git, .venv, .tox: tools' folders, not recordings
                    continue
                if key in ancestors:
                    yield Source(entry.path, "symbolic link loop: links back to a folder being walked; not followed")
                elif key not in seen:
                    seen.add(key)
                    pending.append((entry.path, ancestors | {key}))
            elif has_suffix(entry.name, suffixes):
                if stat.S_ISREG(info.st_mode):
                    yield Source(entry.path)
                else:  # reading a FIFO met in a walk could wait forever: name it instead
                    yield Source(entry.path, f"not a regular file ({_file_kind(info.st_mode)}); not read")


def _file_kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "not a file"


def display_name(source: str) -> str:
    return STDIN if source == "-" else source


def kind_of(source: str) -> str:
    """By suffix; "auto" (JSON Lines or one document, sniffed) for stdin, FIFOs and other names."""
    lowered = source.lower()
    if lowered.endswith(LINES):
        return "jsonl"
    if lowered.endswith((".yaml", ".yml")):
        return "yaml"
    return "json" if lowered.endswith(".json") else "auto"


def batches(source: Source) -> Iterator[Batch]:
    if source.type_name is None:
        yield from _batches(source)
    else:
        for batch in _batches(source):
            yield replace(batch, type_name=source.type_name)


def _batches(source: Source) -> Iterator[Batch]:
    name = display_name(source.name)
    if source.problem is not None:
        yield Batch(name, "error", problem=source.problem)
        return
    try:
        if source.name == "-":
            yield from _stream_batches(name, kind_of(name), sys.stdin.buffer)
            return
        with open(source.name, "rb") as handle:
            yield from _stream_batches(name, kind_of(source.name), handle)
    except OSError as error:
        yield Batch(name, "error", problem=f"cannot read: {error.strerror or error}")


def _stream_batches(name: str, kind: str, handle: IO[bytes]) -> Iterator[Batch]:
    if kind in ("json", "yaml"):
        yield Batch(name, kind, ((None, handle.read()),))
    elif kind == "jsonl":
        yield from _line_batches(name, enumerate(handle, 1))
    else:
        yield from _sniffed_batches(name, handle)


def _sniffed_batches(name: str, handle: IO[bytes]) -> Iterator[Batch]:
    lines = enumerate(handle, 1)
    yield from sniffed_batches(name, first_lines(lines), lines, handle)


def first_lines(lines: Iterator[tuple[int, bytes]]) -> list[tuple[int, bytes]]:
    """The lines up to and including the first that is not blank (all of them when none is)."""
    head: list[tuple[int, bytes]] = []
    for number, line in lines:
        head.append((number, line))
        if not _is_blank(line, number):
            break
    return head


def first_byte(head: list[tuple[int, bytes]]) -> bytes:
    """The first byte of the input that is not blank, b"" when there is none."""
    if not head or _is_blank(head[-1][1], head[-1][0]):
        return b""
    return _strip_line(head[-1][1], head[-1][0]).lstrip(b" \t\r")[:1]


def sniffed_batches(
    name: str, head: list[tuple[int, bytes]], lines: Iterator[tuple[int, bytes]], handle: IO[bytes]
) -> Iterator[Batch]:
    """JSON Lines when the first line that is not blank holds a complete JSON value (read on as a
    stream), otherwise one JSON document (read whole). `head` is what first_lines took from `lines`."""
    if head and _is_one_line_value(head[-1][1], head[-1][0]):
        yield from _line_batches(name, chain(head, lines))
    else:
        yield Batch(name, "json", ((None, b"".join(line for _, line in head) + handle.read()),))


def _is_one_line_value(line: bytes, number: int) -> bool:
    try:
        read_json(_strip_line(line, number), number)
    except ReadError as error:
        return error.keyword != "parse"  # a value, if one that breaks a rule (a duplicate, NaN)
    return True


def _line_batches(name: str, lines: Iterator[tuple[int, bytes]]) -> Iterator[Batch]:
    """Lines are split at b"\\n" only (a \\r, U+2028 or U+0085 inside a line is part of it); blank
    lines are skipped, not payloads."""
    items: list[tuple[int | None, bytes]] = []
    size = 0
    for number, line in lines:
        stripped = _strip_line(line, number)
        if not stripped.strip(b" \t\r"):  # blank
            continue
        items.append((number, stripped))
        size += len(line)
        if len(items) >= BATCH_LINES or size >= BATCH_BYTES:
            yield Batch(name, "jsonl", tuple(items))
            items, size = [], 0
    if items:
        yield Batch(name, "jsonl", tuple(items))


def _strip_line(line: bytes, number: int) -> bytes:
    if number == 1:
        line = line.removeprefix(b"\xef\xbb\xbf")  # a byte-order mark is not part of the payload
    return line.removesuffix(b"\n").removesuffix(b"\r")


def _is_blank(line: bytes, number: int) -> bool:
    return not _strip_line(line, number).strip(b" \t\r")
