"""`indoxhub-contract validate`, run as a user runs it: formats, inputs, exit codes, bad input."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import Ran

RID = "3f2b8c1e-6d4a-4f7e-9b2c-1a5d7e9f0c3b"
USAGE = {"tokens_prompt": 1, "tokens_completion": 2, "tokens_total": 3, "cost": 0.1, "latency": 0.2}
CHAT = {
    "request_id": RID,
    "created_at": "2025-10-26T16:48:59",
    "duration_ms": 5,
    "provider": "openai",
    "model": "m",
    "data": "hi",
    "usage": USAGE,
}
BAD = dict(CHAT, usage=dict(USAGE, tokens_total=True))

Run = Callable[..., Ran]


def write(path: Path, payloads: list[Any] | Any, lines: bool = False) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(json.dumps(p) + "\n" for p in payloads) if lines else json.dumps(payloads)
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_file_exits_0(run_process: Run, tmp_path: Path) -> None:
    """The real command, once: the console script, its exit status, and nothing on stderr."""
    write(tmp_path / "chat.json", CHAT)
    ran = run_process("validate", "--type", "ChatResponse", "chat.json")
    assert (ran.code, ran.stdout, ran.stderr) == (0, "1 payloads checked, 0 invalid, 1 file\n", ""), ran


def test_text_output_names_file_line_pointer(run: Run, tmp_path: Path) -> None:
    write(tmp_path / "rec.jsonl", [CHAT, BAD, CHAT], lines=True)
    ran = run("validate", "--type", "chat-response", "rec.jsonl")
    assert ran.code == 1, ran
    assert (
        ran.stdout
        == "rec.jsonl:2: /usage/tokens_total: expected an integer, got true\n3 payloads checked, 1 invalid, 1 file\n"
    )


def test_blank_lines_are_skipped_and_lines_still_counted(run: Run, tmp_path: Path) -> None:
    (tmp_path / "rec.ndjson").write_text(json.dumps(CHAT) + "\n\n  \n" + json.dumps(BAD) + "\n", encoding="utf-8")
    ran = run("validate", "--type", "ChatResponse", "rec.ndjson")
    assert ran.stdout.startswith("rec.ndjson:4: /usage/tokens_total:"), ran


def test_json_format(run: Run, tmp_path: Path) -> None:
    write(tmp_path / "a.json", BAD)
    ran = run("validate", "--type", "ChatResponse", "--format", "json", "a.json")
    assert ran.code == 1
    assert json.loads(ran.stdout) == {
        "checked": 1,
        "invalid": 1,
        "unreadable": 0,
        "errors": [
            {
                "file": "a.json",
                "line": None,
                "path": "/usage/tokens_total",
                "keyword": "type",
                "message": "expected an integer, got true",
            }
        ],
        "unmapped": [],
    }


def test_github_format(run: Run, tmp_path: Path) -> None:
    write(tmp_path / "rec.jsonl", [BAD], lines=True)
    ran = run("validate", "--type", "ChatResponse", "--format", "github", "rec.jsonl")
    first = ran.stdout.splitlines()[0]
    assert first == (
        "::error file=rec.jsonl,line=1,title=indoxhub-contract type::/usage/tokens_total: expected an integer, got true"
    )


def test_strict_profile(run: Run, tmp_path: Path) -> None:
    write(tmp_path / "a.json", dict(CHAT, extra=1))
    assert run("validate", "--type", "ChatResponse", "a.json").code == 0
    ran = run("validate", "--type", "ChatResponse", "--strict", "a.json")
    assert ran.code == 1 and "a.json: /extra: unexpected member" in ran.stdout, ran


def test_endpoint_picks_the_type(run: Run, tmp_path: Path) -> None:
    job = {"job_id": "j", "status": "pending", "progress": 0, "provider": "p", "model": "m", "prompt": "x"}
    write(tmp_path / "job.json", job)
    assert run("validate", "--endpoint", "GET /videos/jobs/{job_id}", "job.json").code == 0
    assert run("validate", "--endpoint", "POST /chat/completions", "job.json").code == 1
    # As a client sends it: with the base path, a concrete path, a whole URL (issue 22, item 5)
    for operation in ("GET /api/v1/videos/jobs/job-7", "get https://api.indoxhub.com/api/v1/videos/jobs/j?x=1"):
        assert run("validate", "--endpoint", operation, "job.json").code == 0, operation
    assert run("validate", "--endpoint", "GET /gw/videos/jobs/j", "job.json").code == 2
    assert run("validate", "--base-url", "/gw", "--endpoint", "GET /gw/videos/jobs/j", "job.json").code == 0
    for operation in ("GET /api/v1/videos/jobs", "POST /api/v1/videos/jobs/j", "GET"):
        ran = run("validate", "--endpoint", operation, "job.json")
        assert ran.code == 2 and f"unknown endpoint {operation!r}" in ran.stderr, operation


def test_directory_recursive_with_all_suffixes(run: Run, tmp_path: Path) -> None:
    write(tmp_path / "rec" / "a.json", CHAT)
    write(tmp_path / "rec" / "deep" / "b.jsonl", [CHAT, CHAT], lines=True)
    (tmp_path / "rec" / "deep" / "c.yaml").write_text(
        "\n".join(f"{k}: {json.dumps(v)}" for k, v in CHAT.items()) + "\n", encoding="utf-8"
    )
    (tmp_path / "rec" / "notes.txt").write_text("not a payload", encoding="utf-8")
    ran = run("validate", "--type", "ChatResponse", "rec")
    assert (ran.code, ran.stdout) == (0, "4 payloads checked, 0 invalid, 3 files\n"), ran


def test_yaml_timestamp_stays_a_string(run: Run, tmp_path: Path) -> None:
    """Unquoted YAML timestamps are not turned into datetimes: the payload is checked as written."""
    text = (
        "job_id: j\nstatus: pending\nprogress: 0\nprovider: p\nmodel: m\nprompt: x\ncreated_at: 2025-10-26T16:48:59\n"
    )
    (tmp_path / "job.yml").write_text(text, encoding="utf-8")
    ran = run("validate", "--type", "VideoJobStatus", "--strict", "job.yml")
    assert ran.code == 0, ran


def test_stdin_single_and_lines(run: Run) -> None:
    assert run("validate", "--type", "ChatResponse", "-", stdin=json.dumps(CHAT)).code == 0
    ran = run("validate", "--type", "ChatResponse", "-", stdin=json.dumps(CHAT) + "\n" + json.dumps(BAD) + "\n")
    assert ran.stdout.startswith("<stdin>:2: /usage/tokens_total"), ran


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '{"a": 1,}',
            "bad.json:1: (root): not valid JSON at column 9: Expecting property name enclosed in double quotes",
        ),
        ('{"a": NaN}', "bad.json:1: (root): NaN is not a JSON number"),
        ('{"a": 1, "a": 2}', 'bad.json:1: (root): duplicate member "a"'),
        ("{", "bad.json:1: (root): not valid JSON at column 2: Expecting property name enclosed in double quotes"),
    ],
)
def test_unparsable_input_is_a_finding_not_a_traceback(run: Run, tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "bad.json").write_text(text, encoding="utf-8")
    write(tmp_path / "good.json", CHAT)
    ran = run("validate", "--type", "ChatResponse", "bad.json", "good.json")
    assert ran.code == 1 and "Traceback" not in ran.stderr, ran
    assert ran.stdout.splitlines()[0] == message
    assert ran.stdout.splitlines()[-1] == "2 payloads checked, 1 invalid, 2 files"


def test_byte_order_mark_and_crlf_are_not_payload(run: Run, tmp_path: Path) -> None:
    (tmp_path / "bom.json").write_bytes(b"\xef\xbb\xbf" + json.dumps(CHAT).encode())
    (tmp_path / "crlf.jsonl").write_bytes(b"\xef\xbb\xbf" + (json.dumps(CHAT) + "\r\n").encode() * 2)
    ran = run("validate", "--type", "ChatResponse", "bom.json", "crlf.jsonl")
    assert (ran.code, ran.stdout) == (0, "3 payloads checked, 0 invalid, 2 files\n"), ran


def test_not_utf8(run: Run, tmp_path: Path) -> None:
    (tmp_path / "bin.json").write_bytes(b'{"a": "\xff"}')
    ran = run("validate", "--type", "ChatResponse", "bin.json")
    assert ran.code == 1 and ran.stdout.startswith(
        "bin.json:1: (root): not valid UTF-8 at column 8: invalid start byte"
    ), ran


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (["validate", "--type", "Nope", "x.json"], "unknown type 'Nope'; known types: Usage, ChatResponse"),
        (["validate", "--type", "ChatResponse", "missing.json"], "missing.json: no such file or directory"),
        (["validate", "--endpoint", "DELETE /x", "x.json"], "unknown endpoint 'DELETE /x'"),
        (["validate", "--type", "ChatResponse", "--format", "xml", "x.json"], "invalid choice: 'xml'"),
        (["validate", "--type", "ChatResponse", "--jobs", "0", "x.json"], "must be 1 or more, got 0"),
        (["validate", "x.json"], "pass --type or --endpoint, or map files to types"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
    ],
)
def test_usage_errors_exit_2(run: Run, run_process: Run, tmp_path: Path, args: list[str], stderr: str) -> None:
    write(tmp_path / "x.json", CHAT)
    ran = run(*args)
    if args == ["frobnicate"]:  # and once through the real command: argparse's exit status there
        assert (run_process(*args).code, run_process(*args).stderr) == (ran.code, ran.stderr)
    assert ran.code == 2 and stderr in ran.stderr and "Traceback" not in ran.stderr, ran


def test_jobs_gives_the_same_report(run: Run, tmp_path: Path) -> None:
    for index in range(4):
        write(tmp_path / "rec" / f"{index}.jsonl", [CHAT, BAD] * 1500, lines=True)
    one = run("validate", "--type", "ChatResponse", "--format", "json", "rec")
    two = run("validate", "--type", "ChatResponse", "--format", "json", "--jobs", "2", "rec")
    assert one.code == two.code == 1
    assert one.stdout == two.stdout
    assert json.loads(one.stdout)["invalid"] == 6000


def test_no_progress_bar_when_not_a_terminal(run: Run, tmp_path: Path) -> None:
    write(tmp_path / "rec.jsonl", [CHAT] * 5000, lines=True)
    assert run("validate", "--type", "ChatResponse", "rec.jsonl").stderr == ""


def test_types_and_schema(run: Run) -> None:
    types = run("types")
    assert types.code == 0 and types.stdout.splitlines()[1].split()[:3] == [
        "ChatResponse",
        "chat-response.schema.json",
        "POST",
    ]
    schema = json.loads(run("schema", "usage", "--strict").stdout)
    assert schema["title"] == "Usage" and schema["additionalProperties"] is False
    assert "additionalProperties" not in json.loads(run("schema", "Usage").stdout)
    assert run("schema", "Nope").code == 2


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    """Standard error is a real terminal (a pty): the counter shows there, and stdout stays clean."""
    import os
    import pty
    import subprocess

    from .conftest import COMMAND

    write(tmp_path / "rec.jsonl", [CHAT] * 5000, lines=True)
    leader, follower = pty.openpty()
    done = subprocess.run(
        [str(COMMAND), "validate", "--type", "ChatResponse", "rec.jsonl"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=follower,
        text=True,
        timeout=120,
        check=False,
    )
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    assert done.returncode == 0 and done.stdout == "5000 payloads checked, 0 invalid, 1 file\n"
    assert b"\r5000 payloads checked, 0 invalid (1 files)" in shown


# Measured from a small wrapper process: a child forked from pytest itself would count pytest's own
# pages in its high-water mark. RUSAGE_CHILDREN covers the command and the workers it waited for.
MEASURE = (
    "import resource, subprocess, sys; "
    "code = subprocess.run(sys.argv[1:], stdin=sys.stdin, stdout=subprocess.DEVNULL).returncode; "
    "print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def peak_memory(tmp_path: Path, megabytes: int, jobs: str, stdin: bool = False) -> int:
    """Peak resident memory (bytes) of the command and its workers over a JSONL of about `megabytes`,
    read from a file or, with `stdin`, from standard input."""
    import subprocess
    import sys

    from .conftest import COMMAND

    line = json.dumps(CHAT) + "\n"
    path = tmp_path / f"big-{megabytes}.jsonl"
    with path.open("w") as handle:
        for _ in range(megabytes):
            handle.write(line * (1_000_000 // len(line)))
    command = [str(COMMAND), "validate", "--type", "ChatResponse", "--jobs", jobs, "-" if stdin else str(path)]
    with path.open("rb") as handle:
        done = subprocess.run(
            [sys.executable, "-I", "-c", MEASURE, *command], stdin=handle, capture_output=True, text=True, check=True
        )
    path.unlink()
    code, kilobytes = done.stdout.split()
    assert code == "0"
    return int(kilobytes) * 1024


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_memory_stays_flat_on_a_large_jsonl(tmp_path: Path, jobs: str) -> None:
    """Three times the data, the same peak memory (within 8 MB): the file is streamed, not loaded."""
    small, large = peak_memory(tmp_path, 20, jobs), peak_memory(tmp_path, 60, jobs)
    assert large - small < 8_000_000, f"peak {small / 1e6:.0f} MB for 20 MB, {large / 1e6:.0f} MB for 60 MB"


def test_summary_counts_undocumented_members_in_the_default_profile(run: Run, tmp_path: Path) -> None:
    usage = dict(USAGE, request_count=1)
    write(tmp_path / "rec.jsonl", [dict(CHAT, usage=usage), dict(CHAT, usage=usage, extra=1), BAD], lines=True)
    summary = tmp_path / "summary.md"
    ran = run("validate", "--type", "ChatResponse", "--format", "json", "--summary", str(summary), "rec.jsonl")
    assert ran.code == 1  # the default profile: only BAD is invalid
    data = ran.report["summary"]
    assert data["endpoints"] == [{"endpoint": "ChatResponse", "status": 0, "checked": 3, "invalid": 1}]
    assert data["undocumented"] == {"ChatResponse": {"/extra": 1, "/usage/request_count": 2}}
    assert [(f["schema_path"], f["count"], f["first"]) for f in data["findings"]] == [
        ("usage.schema.json#/properties/tokens_total/type", 1, "rec.jsonl:3")
    ]
    assert "| `ChatResponse` | `/usage/request_count` | 2 |" in summary.read_text()
    assert "summary" not in run("validate", "--type", "ChatResponse", "--format", "json", "rec.jsonl").report


def test_summary_of_enum_values_json_cannot_print(run: Run, tmp_path: Path) -> None:
    """A 5,000-digit integer where an enum is expected: counted and described, not a traceback."""
    huge = '{"job_id": "j1", "status": ' + "9" * 5000 + "}"
    (tmp_path / "jobs.jsonl").write_text(huge + "\n" + huge + "\n")
    ran = run("validate", "--type", "VideoJobStatus", "--format", "json", "--summary", "summary.md", "jobs.jsonl")
    assert (ran.code, ran.stderr) == (1, "")
    assert ran.report["summary"]["enum_values"] == [
        {
            "type": "VideoJobStatus",
            "schema_path": "video-job-status.schema.json#/properties/status/enum",
            "values": {"an integer of about 5000 digits": 2},
        }
    ]
    assert "| `an integer of about 5000 digits` | 2 |" in (tmp_path / "summary.md").read_text()


def test_github_annotations_carry_the_column_the_reader_knows(run: Run, tmp_path: Path) -> None:
    (tmp_path / "rec.jsonl").write_bytes(b'{"a": }\n' + b"[" * 600 + b"]" * 600 + b"\n" + b'{"a": "caf\xe9"}\n')
    lines = run("validate", "--type", "Usage", "--format", "github", "rec.jsonl").stdout.splitlines()
    assert lines[0] == (
        "::error file=rec.jsonl,line=1,col=7,title=indoxhub-contract parse::(root): not valid JSON at column 7: "
        "Expecting value"
    )
    assert lines[1].startswith("::error file=rec.jsonl,line=2,col=513,title=indoxhub-contract depth::")
    assert lines[2].startswith("::error file=rec.jsonl,line=3,col=11,title=indoxhub-contract encoding::")
