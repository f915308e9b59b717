"""Renderers for a run of `validate` or `traffic`: text, json, github. No validation logic lives here.

Whatever a payload or a file name holds, the report stays one line per finding and valid UTF-8:
control characters, line separators and lone surrogates are written as escapes (`\\n`, `\\u2028`,
`\\udc80`), so a member named "x\\n::error file=evil::forged" cannot start a GitHub workflow command.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._drift import Drift

_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


@dataclass(frozen=True)
class ExchangePlace:
    """The HTTP exchange a traffic finding is about: its entry in the file, request, status, body type.
    `shown` is how a text report names it ("POST /chat/completions 200")."""

    entry: int
    method: str
    url: str
    status: int
    type: str | None
    shown: str


@dataclass(frozen=True)
class Finding:
    """One error in one payload: where (file, line, JSON Pointer; the exchange, for traffic), which
    keyword, and why."""

    file: str
    line: int | None
    path: str
    keyword: str
    message: str
    exchange: ExchangePlace | None = None
    column: int | None = None  # where on `line`, when the reader knows it


@dataclass
class Outcome:
    """A run's counts and findings; `exchanges` when it checked HTTP exchanges (`traffic`), whose
    uncovered ones are listed in `uncovered`."""

    checked: int = 0
    invalid: int = 0
    files: int = 0
    findings: list[Finding] = field(default_factory=list)
    unreadable: int = 0  # sources that could not be read at all (their payloads are unknown)
    drift: Drift | None = None  # when --summary (or, for traffic, --format json) asked for it
    empty: list[str] = field(default_factory=list)  # sources that held no payload (named when none did)
    exchanges: bool = False
    uncovered: list[dict[str, Any]] = field(default_factory=list)
    held: dict[str, int] = field(default_factory=dict)  # source -> payloads it held (or 1: unreadable)
    unmapped: list[str] = field(default_factory=list)  # files no [tool.indoxhub-contract.types] pattern matched

    def merge(self, other: Outcome) -> None:
        """Add a batch's outcome (a worker's) to this one."""
        self.checked += other.checked
        self.invalid += other.invalid
        self.unreadable += other.unreadable
        self.findings += other.findings
        self.uncovered += other.uncovered
        for source, count in other.held.items():
            self.held[source] = self.held.get(source, 0) + count
        if self.drift is not None and other.drift is not None:
            self.drift.merge(other.drift)


UNMAPPED = "not checked: no pattern under [tool.indoxhub-contract.types] matches it"


def printable(text: str) -> str:
    """`text` on one line, as valid UTF-8: unprintable characters become backslash escapes."""
    if not _UNPRINTABLE.search(text):
        return text
    return _UNPRINTABLE.sub(lambda m: _SHORT_ESCAPES.get(m[0]) or f"\\u{ord(m[0]):04x}", text)


def utf8(text: str) -> str:
    """For JSON, which escapes control characters itself: only lone surrogates need a written form."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def counts_line(outcome: Outcome) -> str:
    if outcome.exchanges:
        return f"{outcome.checked} exchanges, {outcome.invalid} invalid, {len(outcome.uncovered)} uncovered"
    files = f"{outcome.files} file{'' if outcome.files == 1 else 's'}"
    unreadable = f", {outcome.unreadable} unreadable" if outcome.unreadable else ""
    unmapped = f", {len(outcome.unmapped)} unmapped" if outcome.unmapped else ""
    return f"{outcome.checked} payloads checked, {outcome.invalid} invalid, {files}{unreadable}{unmapped}"


def file_name(name: str) -> str:
    """A file name that starts a line of a text report: printable, and never "::", which would make the
    line a GitHub workflow command."""
    name = printable(name)
    return "./" + name if name.startswith("::") else name


def _where(finding: Finding) -> str:
    if finding.exchange is not None:
        return file_name(finding.file) + printable(f"#{finding.exchange.entry}: {finding.exchange.shown}")
    return file_name(finding.file) + ("" if finding.line is None else f":{finding.line}")


def _pointer(finding: Finding) -> str:
    """A file that could not be read has no payload to point into."""
    if finding.keyword == "read" and finding.exchange is None:
        return ""
    return (printable(finding.path) or "(root)") + ": "


def text(outcome: Outcome) -> str:
    lines = [f"{_where(f)}: {_pointer(f)}{printable(f.message)}" for f in outcome.findings]
    lines += [file_name(u["file"]) + printable(f"#{u['entry']}: uncovered: {u['reason']}") for u in outcome.uncovered]
    lines += [f"{file_name(name)}: unmapped: {UNMAPPED}" for name in outcome.unmapped]
    lines.append(counts_line(outcome))
    return "\n".join(lines) + "\n"


def _exchange_json(f: Finding) -> dict[str, Any]:
    assert f.exchange is not None
    e = f.exchange
    return {
        "file": f.file,
        "entry": e.entry,
        "line": f.line,
        "method": e.method,
        "url": e.url,
        "status": e.status,
        "type": e.type,
        "path": f.path,
        "keyword": f.keyword,
        "message": f.message,
    }


def _exchanges_json(outcome: Outcome) -> str:
    document = {
        "checked": outcome.checked,
        "invalid": outcome.invalid,
        "uncovered": len(outcome.uncovered),
        "errors": [_exchange_json(f) for f in outcome.findings],
        "uncovered_exchanges": outcome.uncovered,
        "summary": outcome.drift.as_dict() if outcome.drift is not None else {},
    }
    return utf8(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


def json_report(outcome: Outcome) -> str:
    if outcome.exchanges:
        return _exchanges_json(outcome)
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
        "unmapped": [utf8(name) for name in outcome.unmapped],
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
        where += "" if f.line is None or f.column is None else f",col={f.column}"
        title = escape_property("indoxhub-contract " + f.keyword)
        place = "" if f.exchange is None else _where(f) + ": "
        lines.append(f"::error {where},title={title}::{escape_data(place + (f.path or '(root)') + ': ' + f.message)}")
    for name in outcome.unmapped:
        lines.append(f"::notice file={escape_property(name)},title=indoxhub-contract unmapped::{escape_data(UNMAPPED)}")
    return "\n".join(lines) + ("\n" if lines else "") + counts_line(outcome) + "\n"


RENDERERS = {"text": text, "json": json_report, "github": github}
