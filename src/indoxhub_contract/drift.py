"""The drift report: what the traffic says about the contract, beyond pass or fail.

Per endpoint and status, exchanges checked and invalid; findings grouped by type, schema location and
keyword, with counts and the first place each occurs; undocumented members (what the strict profile
would reject, counted even in the default profile) with how often each occurs per type; values
outside an enum, with counts; uncovered exchanges by reason. `--summary FILE` appends it as Markdown
(so `--summary "$GITHUB_STEP_SUMMARY"` works); `--format json` carries the same data under "summary".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from . import is_valid, iter_errors
from .errors import ErrorDetail
from .generated.validators._runtime import describe
from .pointers import lookup


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

    def add(self, where: str, status: int, type_name: str | None, payload: Any, findings: tuple[ErrorDetail, ...], place: str) -> None:  # fmt: skip
        """One checked exchange (or payload, with `where` its type and status 0)."""
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
        for member in undocumented_members(type_name, payload):
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
        data = self.as_dict()
        lines = [f"## {title}", "", "| endpoint (or type) | status | checked | invalid |", "|---|---|---|---|"]
        lines += [
            f"| `{e['endpoint']}` | {e['status'] or ''} | {e['checked']} | {e['invalid']} |" for e in data["endpoints"]
        ]
        if data["findings"]:
            lines += ["", "| type | schema location | keyword | count | first seen |", "|---|---|---|---|---|"]
            lines += [
                f"| {f['type']} | `{f['schema_path']}` | {f['keyword']} | {f['count']} | {f['first']} |"
                for f in data["findings"]
            ]
        if data["undocumented"]:
            lines += [
                "",
                "Undocumented members (the strict profile rejects them):",
                "",
                "| type | member | count |",
                "|---|---|---|",
            ]
            lines += [
                f"| {t} | `{m}` | {n} |" for t, members in data["undocumented"].items() for m, n in members.items()
            ]
        if data["enum_values"]:
            lines += [
                "",
                "Values outside an enum:",
                "",
                "| type | schema location | value | count |",
                "|---|---|---|---|",
            ]
            lines += [
                f"| {e['type']} | `{e['schema_path']}` | `{v}` | {n} |"
                for e in data["enum_values"]
                for v, n in e["values"].items()
            ]
        if data["uncovered"]:
            lines += ["", "Uncovered:", "", "| reason | count |", "|---|---|"]
            lines += [f"| {reason} | {n} |" for reason, n in data["uncovered"].items()]
        return "\n".join(lines) + "\n\n"


def undocumented_members(type_name: str | None, payload: Any) -> list[str]:
    """The members the strict profile would reject; the fast path first, since most payloads have none."""
    if type_name is None or payload is None or is_valid(type_name, payload, strict=True):
        return []
    return [e.path for e in iter_errors(type_name, payload, strict=True) if e.keyword == "additionalProperties"]


def _generic(pointer: str) -> str:
    """Array indexes as `*`: `/images/3/index` and `/images/0/index` are one member."""
    return "/".join("*" if token.isdigit() else token for token in pointer.split("/"))
