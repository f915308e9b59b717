"""Renderers for a validation run: text, json, github. No validation logic lives here.

Whatever a payload or a file name holds, the report stays one line per finding and valid UTF-8:
control characters, line separators and lone surrogates are written as escapes (`\\n`, `\\u2028`,
`\\udc80`), so a member named "x\\n::error file=evil::forged" cannot start a GitHub workflow command.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


@dataclass(frozen=True)
class Finding:
    """One error in one payload: where (file, line, JSON Pointer), which keyword, and why."""

    file: str
    line: int | None
    path: str
    keyword: str
    message: str


@dataclass
class Outcome:
    checked: int = 0
    invalid: int = 0
    files: int = 0
    findings: list[Finding] = field(default_factory=list)
    unreadable: int = 0  # sources that could not be read at all (their payloads are unknown)
    drift: Any = None  # a drift.Drift when --summary was asked for
    empty: list[str] = field(default_factory=list)  # sources that held no payload (named when none did)


def printable(text: str) -> str:
    """`text` on one line, as valid UTF-8: unprintable characters become backslash escapes."""
    if not _UNPRINTABLE.search(text):
        return text
    return _UNPRINTABLE.sub(lambda m: _SHORT_ESCAPES.get(m[0]) or f"\\u{ord(m[0]):04x}", text)


def utf8(text: str) -> str:
    """For JSON, which escapes control characters itself: only lone surrogates need a written form."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def summary(outcome: Outcome) -> str:
    files = f"{outcome.files} file{'' if outcome.files == 1 else 's'}"
    unreadable = f", {outcome.unreadable} unreadable" if outcome.unreadable else ""
    return f"{outcome.checked} payloads checked, {outcome.invalid} invalid, {files}{unreadable}"


def file_name(name: str) -> str:
    """A file name that starts a line of a text report: printable, and never "::", which would make the
    line a GitHub workflow command."""
    name = printable(name)
    return "./" + name if name.startswith("::") else name


def _where(finding: Finding) -> str:
    return file_name(finding.file) + ("" if finding.line is None else f":{finding.line}")


def _pointer(finding: Finding) -> str:
    """A file that could not be read has no payload to point into."""
    return "" if finding.keyword == "read" else (printable(finding.path) or "(root)") + ": "


def text(outcome: Outcome) -> str:
    lines = [f"{_where(f)}: {_pointer(f)}{printable(f.message)}" for f in outcome.findings]
    lines.append(summary(outcome))
    return "\n".join(lines) + "\n"


def json_report(outcome: Outcome) -> str:
    errors = [
        {
            "file": utf8(f.file),
            "line": f.line,
            "path": utf8(f.path),
            "keyword": f.keyword,
            "message": utf8(f.message),
        }
        for f in outcome.findings
    ]
    document: dict[str, Any] = {
        "checked": outcome.checked,
        "invalid": outcome.invalid,
        "unreadable": outcome.unreadable,
        "errors": errors,
    }
    if outcome.drift is not None:
        document["summary"] = outcome.drift.as_dict()
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def escape_data(value: str) -> str:
    return printable(value).replace("%", "%25")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(outcome: Outcome) -> str:
    """GitHub Actions workflow commands: one ::error annotation per finding, then the summary."""
    lines = []
    for f in outcome.findings:
        where = f"file={escape_property(f.file)}" + ("" if f.line is None else f",line={f.line}")
        title = escape_property("indoxhub-contract " + f.keyword)
        lines.append(f"::error {where},title={title}::{escape_data((f.path or '(root)') + ': ' + f.message)}")
    return "\n".join(lines) + ("\n" if lines else "") + summary(outcome) + "\n"


RENDERERS = {"text": text, "json": json_report, "github": github}
