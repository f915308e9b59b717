"""The drift report: what the traffic says about the contract, beyond pass or fail.

Per endpoint and status, exchanges checked and invalid; findings grouped by type, schema location and
keyword, with counts and the first place each occurs; undocumented members (what the strict profile
would reject, counted even in the default profile) with how often each occurs per type; values
outside an enum, with counts; uncovered exchanges by reason. `--summary FILE` appends it as Markdown
(so `--summary "$GITHUB_STEP_SUMMARY"` works); `--format json` carries the same data under "summary".
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from typing import IO, Any

from ._pointers import lookup
from ._report import printable
from ._runtime import describe
from .errors import ErrorDetail


@dataclass
class Drift:
    checked: Counter[tuple[str, int]] = field(default_factory=Counter)  # (operation or type, status)
    invalid: Counter[tuple[str, int]] = field(default_factory=Counter)
    findings: dict[tuple[str, str, str], list[Any]] = field(
        default_factory=dict
    )  # (type, schema path, keyword) -> [count, first place]
    undocumented: dict[str, Counter[str]] = field(default_factory=dict)  # type -> member pointer -> count
    enum_values: dict[tuple[str, str], Counter[str]] = field(
        default_factory=dict
    )  # (type, schema path) -> value -> count
    uncovered: Counter[str] = field(default_factory=Counter)

    def add(
        self,
        where: str,
        status: int,
        type_name: str | None,
        payload: Any,
        findings: tuple[ErrorDetail, ...],
        place: str,
        undocumented: Iterable[str] = (),
    ) -> None:
        """One checked exchange (or payload, with `where` its type and status 0). `undocumented`: the
        members the strict profile would reject (check_payload's `undocumented`)."""
        self.checked[(where, status)] += 1
        if findings:
            self.invalid[(where, status)] += 1
        for finding in findings:
            key = (type_name or where, finding.schema_path or "(reading)", finding.keyword)
            entry = self.findings.setdefault(key, [0, place])
            entry[0] += 1
            if finding.keyword == "enum":
                try:
                    value = describe(lookup(payload, finding.path))
                except KeyError:
                    continue
                self.enum_values.setdefault((type_name or where, finding.schema_path), Counter())[value] += 1
        for member in undocumented:
            self.undocumented.setdefault(str(type_name), Counter())[_generic(member)] += 1

    def skip(self, reason: str) -> None:
        self.uncovered[reason] += 1

    def merge(self, other: Drift) -> None:
        """Add another report's counts (a worker's batch) to this one; first places stay the earliest seen."""
        self.checked.update(other.checked)
        self.invalid.update(other.invalid)
        for finding, (count, first) in other.findings.items():
            self.findings.setdefault(finding, [0, first])[0] += count
        for type_name, members in other.undocumented.items():
            self.undocumented.setdefault(type_name, Counter()).update(members)
        for location, values in other.enum_values.items():
            self.enum_values.setdefault(location, Counter()).update(values)
        self.uncovered.update(other.uncovered)

    def as_dict(self) -> dict[str, Any]:
        return {
            "endpoints": [
                {"endpoint": where, "status": status, "checked": count, "invalid": self.invalid[(where, status)]}
                for (where, status), count in sorted(self.checked.items())
            ],
            "findings": [
                {"type": t, "schema_path": s, "keyword": k, "count": count, "first": first}
                for (t, s, k), (count, first) in sorted(self.findings.items(), key=lambda item: (-item[1][0], item[0]))
            ],
            "undocumented": {t: dict(sorted(c.items())) for t, c in sorted(self.undocumented.items())},
            "enum_values": [
                {"type": t, "schema_path": s, "values": dict(sorted(c.items()))}
                for (t, s), c in sorted(self.enum_values.items())
            ],
            "uncovered": dict(sorted(self.uncovered.items())),
        }

    def markdown(self, title: str) -> str:
        """The report as GitHub-flavoured Markdown, every value from the traffic escaped (see `code`) and
        the whole section under SUMMARY_BYTES: rows past it are counted in an "N more" line."""
        data = self.as_dict()
        section = _Section(f"## {title}")
        section.table(
            "",
            ("endpoint (or type)", "status", "checked", "invalid"),
            (
                (code(e["endpoint"]), str(e["status"] or ""), str(e["checked"]), str(e["invalid"]))
                for e in data["endpoints"]
            ),
        )
        section.table(
            "",
            ("type", "schema location", "keyword", "count", "first seen"),
            (
                (code(f["type"]), code(f["schema_path"]), code(f["keyword"]), str(f["count"]), code(f["first"]))
                for f in data["findings"]
            ),
        )
        section.table(
            "Undocumented members (the strict profile rejects them):",
            ("type", "member", "count"),
            ((code(t), code(m), str(n)) for t, members in data["undocumented"].items() for m, n in members.items()),
        )
        section.table(
            "Values outside an enum:",
            ("type", "schema location", "value", "count"),
            (
                (code(e["type"]), code(e["schema_path"]), code(v), str(n))
                for e in data["enum_values"]
                for v, n in e["values"].items()
            ),
        )
        section.table(
            "Uncovered:", ("reason", "count"), ((code(reason), str(n)) for reason, n in data["uncovered"].items())
        )
        return section.text()


# GitHub keeps at most 1 MiB of step summary per step, and two runs may append to one step.
SUMMARY_BYTES = 512 * 1024 - 4096
CELL_CHARACTERS = 300


class _Section:
    """Markdown tables that stop growing at SUMMARY_BYTES; the rows left out are counted, not lost."""

    def __init__(self, heading: str) -> None:
        self.lines = [heading]
        self.size = len(heading.encode()) + 1

    def table(self, caption: str, header: tuple[str, ...], rows: Iterator[tuple[str, ...]]) -> None:
        first = next(rows, None)
        if first is None:
            return
        head = ["", *([caption, ""] if caption else []), "| " + " | ".join(header) + " |", "|---" * len(header) + "|"]
        self._add(*head)
        left_out = 0
        for row in chain([first], rows):
            line = "| " + " | ".join(row) + " |"
            if left_out or self.size + len(line.encode()) + 1 > SUMMARY_BYTES:
                left_out += 1
            else:
                self._add(line)
        if left_out:
            self._add(
                "", f"{left_out:,} more rows not shown (the summary is kept under 512 KiB; --format json has them all)"
            )

    def _add(self, *lines: str) -> None:
        self.lines += lines
        self.size += sum(len(line.encode()) + 1 for line in lines)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n\n"


def code(value: str) -> str:
    """`value` as a Markdown code span in a table cell, where GitHub renders nothing of it: no HTML, link,
    image, emphasis or heading. One line (control characters and separators written as escapes, see
    report.printable), at most CELL_CHARACTERS, the fence longer than any run of backticks inside, and
    `|` escaped (GFM table cells split on it even inside a code span)."""
    text = printable(value)
    if len(text) > CELL_CHARACTERS:
        text = text[: CELL_CHARACTERS - 1] + "…"
    text = text.replace("|", "\\|")
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if not text or text[0] in "` " or text[-1] in "` " else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def open_summary(path: str) -> IO[str]:
    """The summary file, opened for appending before any payload is read: a path that cannot be written is
    a usage error at once, not after the run (OSError here)."""
    return open(path, "a", encoding="utf-8", errors="backslashreplace")


def append_summary(handle: IO[str], text: str) -> None:
    """Write the summary to a file open_summary opened, and close it; a failure is said on standard error,
    never a traceback, and the run's verdict is kept."""
    try:
        with handle:
            handle.write(text)
    except OSError as error:
        if sys.stderr is not None:
            print(f"indoxhub-contract: cannot write the summary: {error.strerror or error}", file=sys.stderr)


def _generic(pointer: str) -> str:
    """Array indexes as `*`: `/images/3/index` and `/images/0/index` are one member."""
    return "/".join("*" if token.isdigit() else token for token in pointer.split("/"))
