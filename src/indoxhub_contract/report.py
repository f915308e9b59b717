"""Renderers for a validation run: text, json, github. No validation logic lives here."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field


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


def text(outcome: Outcome) -> str:
    lines = [
        f"{f.file}{'' if f.line is None else f':{f.line}'}: {f.path or '(root)'}: {f.message}" for f in outcome.findings
    ]
    files = f"{outcome.files} file{'' if outcome.files == 1 else 's'}"
    lines.append(f"{outcome.checked} payloads checked, {outcome.invalid} invalid, {files}")
    return "\n".join(lines) + "\n"


def json_report(outcome: Outcome) -> str:
    document = {"checked": outcome.checked, "invalid": outcome.invalid, "errors": [asdict(f) for f in outcome.findings]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(outcome: Outcome) -> str:
    """GitHub Actions workflow commands: one ::error annotation per finding, then the summary."""
    lines = []
    for f in outcome.findings:
        where = f"file={_escape_property(f.file)}" + ("" if f.line is None else f",line={f.line}")
        lines.append(
            f"::error {where},title={_escape_property('indoxhub-contract ' + f.keyword)}::{_escape_data((f.path or '(root)') + ': ' + f.message)}"
        )
    return "\n".join(lines) + ("\n" if lines else "") + text(Outcome(outcome.checked, outcome.invalid, outcome.files))


RENDERERS = {"text": text, "json": json_report, "github": github}
