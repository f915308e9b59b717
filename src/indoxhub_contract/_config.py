"""The `[tool.indoxhub-contract]` table of the user's pyproject.toml: which type each file holds, the
profile, and the base URLs, so `validate`, `traffic`, pre-commit and the pytest plugin need no arguments.

The table is looked for from a folder upward: the first pyproject.toml that has it wins, and the search
stops at the repository's root (the folder holding `.git`), so a project never picks up a table from
outside its checkout. Command-line options win over the table."""

from __future__ import annotations

import os
import posixpath
import re
import sys
from dataclasses import dataclass, field
from typing import Any

from ._registry import canonical
from .http import BASE_URLS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 only (the one conditional dependency)
    import tomli as tomllib

TABLE = "indoxhub-contract"


class ConfigError(Exception):
    """A table that cannot be used as written: a usage error, naming the file."""


@dataclass(frozen=True)
class Config:
    """What the table says. `path` is the pyproject.toml it came from (None: no table found)."""

    path: str | None = None
    types: tuple[tuple[str, re.Pattern[str], str], ...] = ()  # (pattern as written, compiled, type name)
    strict: bool | None = None
    base_urls: tuple[str, ...] | None = None
    folder: str = field(default="", repr=False)

    def type_for(self, path: str) -> str | None:
        """The type of the first pattern `path` matches (relative to the table's folder), or None."""
        if not self.types:
            return None
        relative = os.path.relpath(os.path.abspath(path), self.folder).replace(os.sep, "/")
        relative = posixpath.normpath(relative)
        if relative == ".." or relative.startswith("../"):  # outside the project: no pattern reaches it
            return None
        for _, pattern, type_name in self.types:
            if pattern.fullmatch(relative):
                return type_name
        return None


def find(start: str = ".") -> Config:
    """The first pyproject.toml from `start` upward that holds the table, not past the repository's root."""
    folder = os.path.abspath(start)
    while True:
        candidate = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(candidate):
            table = _table(candidate)
            if table is not None:
                return parse(table, candidate)
        if os.path.exists(os.path.join(folder, ".git")):
            return Config()
        parent = os.path.dirname(folder)
        if parent == folder:
            return Config()
        folder = parent


def _table(path: str) -> dict[str, Any] | None:
    try:
        with open(path, "rb") as handle:
            document = tomllib.load(handle)
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None
    tool = document.get("tool")
    table = tool.get(TABLE) if isinstance(tool, dict) else None
    if table is None:
        return None
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.{TABLE}] must be a table")
    return table


def parse(table: dict[str, Any], path: str) -> Config:
    """The table's keys, each checked: an unknown key or a wrong shape is an error, not ignored."""
    where = f"{path}: [tool.{TABLE}]"
    unknown = sorted(set(table) - {"types", "strict", "base-urls"})
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r} (known: types, strict, base-urls)")
    strict = table.get("strict")
    if strict is not None and not isinstance(strict, bool):
        raise ConfigError(f"{where}: strict must be true or false")
    base_urls = table.get("base-urls")
    if base_urls is not None and not (isinstance(base_urls, list) and all(isinstance(u, str) for u in base_urls)):
        raise ConfigError(f"{where}: base-urls must be a list of strings")
    types = table.get("types", {})
    if not isinstance(types, dict):
        raise ConfigError(f'{where}: types must be a table of "glob" = "TypeName"')
    compiled = []
    for pattern, type_name in types.items():
        if not isinstance(type_name, str):
            raise ConfigError(f"{where}.types: {pattern!r} must name a type, as `indoxhub-contract types` prints it")
        try:
            name = canonical(type_name)
        except KeyError as error:
            raise ConfigError(f"{where}.types: {pattern!r}: {error.args[0]}") from None
        compiled.append((pattern, glob_pattern(pattern), name))
    return Config(
        path=path,
        types=tuple(compiled),
        strict=strict,
        base_urls=None if base_urls is None else tuple(base_urls),
        folder=os.path.dirname(os.path.abspath(path)),
    )


def glob_pattern(pattern: str) -> re.Pattern[str]:
    """A glob as a regular expression over a normalised relative path with `/` separators: `*` and `?`
    never cross `/`, a `**` segment matches zero or more folders, `[...]` is a character class. The
    pattern is normalised like the paths (`./a/../b` is `b`), so both sides are compared alike."""
    parts = posixpath.normpath(pattern.replace("\\", "/")).split("/")
    out: list[str] = []
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        if part == "**":
            out.append(".*" if last else "(?:[^/]+/)*")
            continue
        out.append(_segment(part) + ("" if last else "/"))
    return re.compile("".join(out))


def _segment(part: str) -> str:
    out: list[str] = []
    index = 0
    while index < len(part):
        char = part[index]
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[" and (end := part.find("]", index + 2)) != -1:
            body = part[index + 1 : end]
            negate = body.startswith("!")
            body = body[1:] if negate else body
            out.append("[" + ("^/" if negate else "") + body.replace("\\", "\\\\") + "]")
            index = end
        else:
            out.append(re.escape(char))
        index += 1
    return "".join(out)


def settings(config: Config, strict: bool | None, base_urls: list[str] | None) -> tuple[bool, tuple[str, ...]]:
    """The profile and the base URLs to strip: an option given (not None, not empty) wins over the
    table; /api/v1 (http.BASE_URLS) is always among the base URLs."""
    chosen_strict = strict if strict is not None else bool(config.strict)
    chosen_urls = tuple(base_urls) if base_urls else (config.base_urls or ())
    return chosen_strict, (*BASE_URLS, *chosen_urls)
