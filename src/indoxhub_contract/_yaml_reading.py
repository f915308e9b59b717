"""YAML payloads, read as strictly as JSON: each document of a file one payload, or one ReadError.

PyYAML's loader builds the value recursively (deep nesting is a RecursionError), expands aliases
without limit (a 21 KB file of aliases takes minutes and gigabytes to check), keeps the last of two
duplicate keys, and constructs whatever an explicit tag asks for (`!!int abc` is a ValueError,
`!!timestamp` a datetime). Here the value is built from PyYAML's event stream, iteratively:
- explicit tags (`!!int`, `!!binary`, merge keys `<<`) are findings (`tag`): a payload is plain data;
- member names must be strings (`key`), and unique (`duplicate`);
- nesting is capped at MAX_DEPTH (`depth`); `.nan` and `.inf` are not JSON numbers (`number`);
- aliases may expand to at most ALIAS_NODES_PER_CHARACTER nodes per character of the file, plus
  ALIAS_NODES_FREE (`alias`): checking stays linear in the size of the file;
- unquoted timestamps stay the strings they were written as.

Cassettes are read by the same reader, with one tag allowed: `!!binary`, which VCR.py writes for a body
that is bytes, is read as those bytes (base64, as YAML 1.1 defines it).
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ._reading import MAX_DEPTH, ReadError, check_unicode, exact_int

ALIAS_NODES_PER_CHARACTER = 10
ALIAS_NODES_FREE = 10_000
_YAML = "tag:yaml.org,2002:"


def documents(text: str, *, binary: bool = False, lines: dict[int, int] | None = None) -> Iterator[tuple[int, Any]]:
    """(line, value or ReadError) for each document; a syntax error ends the file with one ReadError.
    With `binary`, a `!!binary` scalar is read as bytes (cassettes); any other tag stays a finding. With
    `lines`, the line each mapping starts on is recorded there, by the mapping's id()."""
    try:
        import yaml
    except ImportError:
        yield 1, ReadError("parse", "reading YAML needs PyYAML: pip install 'indoxhub-contract[yaml]'")
        return
    loader: Any = _loader(yaml)(text)
    budget = ALIAS_NODES_FREE + ALIAS_NODES_PER_CHARACTER * len(text)
    builder: _Document | None = None
    try:
        while loader.check_event():
            event: Any = loader.get_event()
            if isinstance(event, yaml.DocumentStartEvent):
                builder = _Document(yaml, loader, _line(event), budget, binary=binary, lines=lines)
            elif isinstance(event, yaml.DocumentEndEvent) and builder is not None:
                budget -= builder.expanded
                yield builder.line, builder.finish()
                builder = None
            elif builder is not None:
                builder.feed(event)
                if isinstance(builder.error, TooDeep):
                    yield builder.line, builder.error
                    return
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else builder.line if builder else 1
        column = mark.column + 1 if mark is not None else None  # PyYAML counts from 0, annotations from 1
        message = f"not valid YAML: {getattr(error, 'problem', None) or error}"
        yield line, ReadError("parse", message, line, column=column)
    finally:
        loader.dispose()


def _loader(yaml: Any) -> Any:
    # libyaml's parser when PyYAML has it (its wheels do): the same events, 60 times faster.
    class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        pass

    # YAML would turn an unquoted 2025-10-26T16:48:59 into a datetime: keep it the string it was.
    Loader.yaml_implicit_resolvers = {
        key: [(tag, regexp) for tag, regexp in resolvers if tag != _YAML + "timestamp"]
        for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return Loader


class TooDeep(ReadError):
    """Ends the file: YAML scanners spend time in proportion to the nesting depth on every token, so
    reading on past the limit would cost time quadratic in the size of the file."""

    def __init__(self, message: str) -> None:
        super().__init__("depth", message)


_NO_KEY = object()


@dataclass
class _Frame:
    container: Any
    anchor: str | None
    size: int = 1
    key: Any = _NO_KEY


@dataclass
class _Document:
    yaml: Any
    loader: Any
    line: int
    budget: int
    binary: bool = False
    lines: dict[int, int] | None = None
    expanded: int = 0
    stack: list[_Frame] = field(default_factory=list)
    anchors: dict[str, tuple[Any, int]] = field(default_factory=dict)
    value: Any = None
    error: ReadError | None = None

    def feed(self, event: Any) -> None:
        if self.error is not None:
            return  # the document is already a finding: read on to its end
        try:
            self._feed(event)
        except ReadError as error:
            error.line = error.line or _line(event)
            self.error = error

    def finish(self) -> Any:
        if self.error is not None:
            return self.error
        try:
            check_unicode(self.value, self.line)
        except ReadError as error:
            return error
        return self.value

    def _feed(self, event: Any) -> None:
        yaml = self.yaml
        if isinstance(event, yaml.ScalarEvent):
            value = self._scalar(event)
            if event.anchor:
                self.anchors[event.anchor] = (value, 1)
            self._add(value, 1)
        elif isinstance(event, yaml.AliasEvent):
            if event.anchor not in self.anchors:
                open_anchors = {frame.anchor for frame in self.stack}
                problem = "refers to itself" if event.anchor in open_anchors else "is not defined"
                raise ReadError("alias", f"alias *{event.anchor} {problem}")
            value, size = self.anchors[event.anchor]
            self.expanded += size
            if self.expanded > self.budget:
                raise ReadError("alias", f"alias expansion too large (more than {self.budget} nodes)")
            self._add(value, size)
        elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            _refuse_tag(event.tag)
            if len(self.stack) >= MAX_DEPTH:
                raise TooDeep(f"nested deeper than {MAX_DEPTH} levels; the rest of the file is not read")
            container: Any = [] if isinstance(event, yaml.SequenceStartEvent) else {}
            if self.lines is not None and isinstance(container, dict):
                self.lines[id(container)] = _line(event)
            self.stack.append(_Frame(container, event.anchor))
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            frame = self.stack.pop()
            if frame.anchor:
                self.anchors[frame.anchor] = (frame.container, frame.size)
            self._add(frame.container, frame.size)

    def _add(self, value: Any, size: int) -> None:
        if not self.stack:
            self.value = value
            return
        frame = self.stack[-1]
        frame.size += size
        if isinstance(frame.container, list):
            frame.container.append(value)
        elif frame.key is _NO_KEY:
            if not isinstance(value, str):
                shown = "a mapping" if isinstance(value, dict) else "a sequence" if isinstance(value, list) else value
                raise ReadError("key", f"member names must be strings, got {shown!r}")
            if value in frame.container:
                raise ReadError("duplicate", f"duplicate member {json.dumps(value, ensure_ascii=False)}")
            frame.key = value
        else:
            frame.container[frame.key] = value
            frame.key = _NO_KEY

    def _scalar(self, event: Any) -> Any:
        if self.binary and event.tag == _YAML + "binary":
            try:
                return base64.b64decode("".join(event.value.split()), validate=True)
            except (binascii.Error, ValueError):
                raise ReadError("encoding", "a !!binary value that is not base64") from None
        _refuse_tag(event.tag)
        if event.tag == "!" or not event.implicit[0]:
            return event.value  # quoted, or the non-specific tag: a string
        tag = self.loader.resolve(self.yaml.ScalarNode, event.value, event.implicit)
        node = self.yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
        if tag == _YAML + "str":
            return event.value
        if tag == _YAML + "null":
            return None
        if tag == _YAML + "bool":
            return self.loader.construct_yaml_bool(node)
        if tag == _YAML + "int":
            try:
                return self.loader.construct_yaml_int(node)
            except ValueError:  # more digits than Python's int() takes
                digits = event.value.replace("_", "").lstrip("+")
                if not digits.lstrip("-").isdigit():
                    raise ReadError("number", f"{event.value[:40]!r} cannot be read as an integer") from None
                return exact_int(digits)
        if tag == _YAML + "float":
            number = self.loader.construct_yaml_float(node)
            if number - number != 0:
                raise ReadError("number", f"{event.value} is not a JSON number")
            return number
        raise ReadError("tag", f"{event.value!r} reads as {_short(tag)}, which is not JSON (merge keys are not read)")


def _refuse_tag(tag: str | None) -> None:
    """Explicit tags are refused, even the plain ones: a payload says what it is without them."""
    if tag is not None and tag != "!":
        raise ReadError("tag", f"YAML tags are not read in payloads: {_short(tag)}")


def _line(event: Any) -> int:
    return int(getattr(event.start_mark, "line", 0)) + 1


def _short(tag: str) -> str:
    return "!!" + tag.removeprefix(_YAML) if tag.startswith(_YAML) else tag
