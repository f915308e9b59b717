"""Every output escaped for what renders it (issue "Nothing lost, no false pass, round 2", item 4): the
Markdown summary rendered by cmark-gfm, GitHub's own renderer, with raw HTML let through as GitHub
lets `<img>` through; text lines that would start a workflow command; names that are not UTF-8; the
summary bounded; a summary path that cannot be written refused before anything is read."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options

from indoxhub_contract._drift import SUMMARY_BYTES
from indoxhub_contract._report import printable
from indoxhub_contract._runtime import describe

from ..cli.conftest import COMMAND
from ..cli.test_traffic import CHAT, JOB, exchange
from .conftest import cli

pytest_plugins = ["pytester"]

HOSTILE = [
    "x\n## ✅ All checks passed",
    "<script>alert(1)</script>",
    "![pixel](https://tracker.example/p.png)",
    "[click](https://evil.example)",
    "https://evil.example/auto",
    "a|b|c",
    "``tick`` `",
    "**bold** _em_ <img src=x onerror=alert(1)>",
    "\\",
    " lead and trail ",
]


def render(markdown: str) -> str:
    return str(cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE))


def assert_inert(rendered: str, headings: int = 1) -> None:
    """Only what the summary writes itself: its heading, tables, paragraphs and code spans."""
    tags = set(re.findall(r"<([a-z0-9]+)", rendered))
    assert tags <= {"h2", "p", "table", "thead", "tbody", "tr", "th", "td", "code"}, tags
    assert rendered.count("<h2>") == headings
    for table in re.findall(r"<table>.*?</table>", rendered, re.S):
        width = table.split("</tr>")[0].count("<th>")
        assert all(row.count("<td>") == width for row in re.findall(r"<tr>.*?</tr>", table.split("</thead>")[1], re.S))


def member(name: str) -> str:
    """The member's JSON Pointer, as the summary shows it."""
    return printable("/" + name.replace("~", "~0").replace("/", "~1"))


def codes(rendered: str) -> set[str]:
    return {html.unescape(code) for code in re.findall(r"<code>(.*?)</code>", rendered, re.S)}


def test_traffic_summary_escapes_members_values_paths_and_names(tmp_path: Path) -> None:
    members = {name: 1 for name in HOSTILE}
    records = [
        exchange("POST", "/chat/completions", 200, dict(CHAT, **members)),
        *(exchange("GET", "/videos/jobs/j", 200, dict(JOB, status=value)) for value in HOSTILE),
        *(exchange("GET", "/" + value, 200, {}) for value in HOSTILE),
    ]
    name = tmp_path / "::error file=x::<img src=y>.jsonl"
    name.write_text("".join(json.dumps(record) + "\n" for record in records))
    summary = tmp_path / "summary.md"
    ran = cli("traffic", "--summary", str(summary), str(name))
    assert ran.code == 1, ran
    assert not any(line.startswith("::") for line in ran.stdout.splitlines())
    rendered = render(summary.read_text())
    assert_inert(rendered)
    shown = codes(rendered)
    for value in HOSTILE:
        assert member(value).strip() in {code.strip() for code in shown}  # an undocumented member, as written
        assert printable(describe(value)) in shown  # a value outside the status enum, as the report writes it
    assert printable(f"{name}#2") in shown  # where the first enum finding is


def test_validate_summary_escapes_too(tmp_path: Path) -> None:
    (tmp_path / "chat.json").write_text(json.dumps(dict(CHAT, **{name: 1 for name in HOSTILE})))
    summary = tmp_path / "summary.md"
    assert cli("validate", "--type", "ChatResponse", "--summary", str(summary), str(tmp_path)).code == 0
    rendered = render(summary.read_text())
    assert_inert(rendered)
    assert {member(value).strip() for value in HOSTILE} <= {code.strip() for code in codes(rendered)}


def test_the_summary_is_bounded_and_counts_what_it_leaves_out(tmp_path: Path) -> None:
    members = {f"undocumented_member_number_{i:06d}": i for i in range(60_000)}
    (tmp_path / "log.jsonl").write_text(json.dumps(exchange("POST", "/chat/completions", 200, dict(CHAT, **members))))
    summary = tmp_path / "summary.md"
    ran = cli("traffic", "--format", "json", "--summary", str(summary), str(tmp_path / "log.jsonl"))
    assert ran.code == 0 and len(ran.report["summary"]["undocumented"]["ChatResponse"]) == 60_000
    text = summary.read_text()
    assert SUMMARY_BYTES < len(text.encode()) < 512 * 1024
    shown = text.count("| `ChatResponse` | `/undocumented_member_number_")
    assert f"\n{60_000 - shown:,} more rows not shown" in text
    assert_inert(render(text))


def run(*args: str | bytes, stdin: Any = subprocess.DEVNULL) -> subprocess.Popen[bytes]:
    return subprocess.Popen([str(COMMAND), *args], stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_a_name_that_is_not_utf8_is_escaped_everywhere(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path) + b"/rec\xff"
    os.mkdir(folder)
    with open(folder + b"/chat\xfe.jsonl", "wb") as handle:
        handle.write(json.dumps(exchange("POST", "/chat/completions", 200, dict(CHAT, model=1))).encode())
    summary = tmp_path / "summary.md"
    for form in ("text", "json", "github"):
        process = run("traffic", "--format", form, "--summary", str(summary), folder)
        out, err = process.communicate(timeout=120)
        assert process.returncode == 1 and b"Traceback" not in err, err
        assert "\\udcff" in out.decode("utf-8")  # strict UTF-8, the byte written as an escape
    text = summary.read_text(encoding="utf-8")
    assert text.count("## IndoxHub contract: traffic") == 3 and "rec\\udcff/chat\\udcfe.jsonl#1" in text


@pytest.mark.parametrize("command", [["traffic"], ["validate", "--type", "ChatResponse"]])
def test_a_summary_that_cannot_be_written_is_refused_before_reading(tmp_path: Path, command: list[str]) -> None:
    # Standard input stays open and empty: a command that started reading would wait on it forever.
    process = run(*command, "--summary", str(tmp_path), "-", stdin=subprocess.PIPE)
    try:
        assert process.wait(timeout=60) == 2
    finally:
        process.kill()
    err = process.communicate()[1].decode()
    assert err.startswith(f"indoxhub-contract: error: cannot write the summary to {tmp_path}: Is a directory")


def test_pytest_contract_summary_folder_is_a_usage_error(pytester: pytest.Pytester) -> None:
    pytester.makepyfile("def test_nothing(contract):\n    assert contract.seen == []\n")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", f"--contract-summary={pytester.path}")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert "Traceback" not in result.stdout.str() + result.stderr.str()
    result.stderr.fnmatch_lines(["*--contract-summary: cannot write to *: Is a directory*"])


def test_traffic_text_lines_never_start_a_workflow_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    name = "::error file=x::forged.jsonl"
    records = [exchange("POST", "/chat/completions", 200, {}), exchange("GET", "/models", 200, [])]
    Path(name).write_text("".join(json.dumps(record) + "\n" for record in records))
    ran = cli("traffic", name)
    lines = ran.stdout.splitlines()
    assert ran.code == 1 and len(lines) > 2
    assert lines[0].startswith("./::error file=x::forged.jsonl#1: POST /chat/completions 200: ")
    assert lines[-2] == "./::error file=x::forged.jsonl#2: uncovered: no operation in the contract for /models"
    assert cli("validate", "--type", "ChatResponse", name).stdout.startswith("./::error file=x::forged.jsonl:1: ")
