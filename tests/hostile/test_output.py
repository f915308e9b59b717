"""No traceback, ever, and the exit status always tells the truth: echoed text, closed stdout,
--jobs bounds, Ctrl-C, stdin streamed (class 3)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from indoxhub_contract import _pool as pool

from ..cli.conftest import COMMAND
from ..cli.test_validate import peak_memory
from .conftest import CHAT, USAGE, cli, line

FORGED = "x\n::error file=evil::forged"


def hostile_file(tmp_path: Path) -> Path:
    """A file whose name and payload hold newlines, a GitHub command, a lone surrogate and controls."""
    path = tmp_path / "evil\n::warning::name\x1b[31m.jsonl"
    rows = [
        json.dumps(dict(CHAT, **{FORGED: 1})),  # an undocumented member: a strict finding with that name
        json.dumps(dict(CHAT, model=1, provider="\ud800")),  # a finding beside a lone surrogate no message quotes
        json.dumps(dict(CHAT, finish_reason="\ud800\n::error::x")),  # quoted by the type message
    ]
    path.write_bytes(("\n".join(rows) + "\n").encode("utf-8", "surrogatepass"))
    return path


@pytest.mark.parametrize("format", ["text", "json", "github"])
def test_reports_stay_one_line_per_finding_and_valid_utf8(tmp_path: Path, format: str) -> None:
    path = hostile_file(tmp_path)
    done = subprocess.run(
        [str(COMMAND), "validate", "--type", "ChatResponse", "--strict", "--format", format, str(path)],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 1 and done.stderr == b"", done.stderr
    text = done.stdout.decode("utf-8")  # strict: raises on anything that is not UTF-8
    if format == "json":
        report = json.loads(text)
        assert report["checked"] == 3 and report["invalid"] == 3
        assert {e["file"] for e in report["errors"]} == {str(path)}
        assert any(e["path"] == "/" + FORGED for e in report["errors"])
        return
    lines = text.splitlines()
    commands = [line for line in lines if line.startswith("::")]
    if format == "text":
        assert commands == [], lines
        assert len(lines) == 1 + len([found for found in lines if "\\n::warning::name" in found]), lines
    else:
        assert all(line.startswith("::error file=") for line in commands) and len(commands) == len(lines) - 1
        assert all("%0A" not in line and "\n" not in line for line in lines)
    assert "\\ud800" in text and "\\n::error file=evil::forged" in text


def test_lone_surrogates_from_the_python_api_never_crash_a_report() -> None:
    from indoxhub_contract import iter_errors
    from indoxhub_contract._report import RENDERERS, Finding, Outcome

    errors = list(iter_errors("ChatResponse", dict(CHAT, finish_reason="\udcff", **{"k\udc80": 1}), strict=True))
    assert errors
    outcome = Outcome(1, 1, 1, [Finding("f\udcfe", 1, e.path, e.keyword, e.message) for e in errors])
    for render in RENDERERS.values():
        render(outcome).encode("utf-8")  # raises UnicodeEncodeError if a surrogate slipped through


def bash(command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", command], capture_output=True, text=True, check=False)


@pytest.mark.parametrize(
    "redirect",
    ["| head -1", "| (read -r first; exit 0)", "> /dev/full", ">&-", "| true"],
)
def test_closed_stdout_keeps_the_verdict(tmp_path: Path, redirect: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(line(dict(USAGE, cost=-1)) * 20_000)
    done = bash(f"set -o pipefail; {COMMAND} validate --type Usage {path} {redirect}")
    assert done.returncode == 1, done
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr, done.stderr
    valid = tmp_path / "ok.jsonl"
    valid.write_bytes(line(USAGE) * 20_000)
    assert bash(f"set -o pipefail; {COMMAND} validate --type Usage {valid} {redirect}").returncode in (0, 141)


def test_jobs_is_bounded_by_the_machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--jobs 10000 starts no more workers than there are CPUs; an absurd number is no traceback."""
    started: list[int] = []

    class Counting(ProcessPoolExecutor):
        def __init__(self, max_workers: int, **options: Any) -> None:
            started.append(max_workers)
            super().__init__(max_workers, **options)

    monkeypatch.setattr(pool, "ProcessPoolExecutor", Counting)
    path = tmp_path / "rec.jsonl"
    path.write_bytes(line(USAGE) * 5_000)  # three batches: a pool is worth starting
    for jobs in ("10000", "99999999999999999999"):
        ran = cli("validate", "--type", "Usage", "--jobs", jobs, str(path))
        assert (ran.code, ran.stdout, ran.stderr) == (0, "5000 payloads checked, 0 invalid, 1 file\n", ""), ran
    assert started == [os.cpu_count()] * 2
    single = tmp_path / "one.json"
    single.write_bytes(line(USAGE))
    assert cli("validate", "--type", "Usage", "--jobs", "10000", str(single)).code == 0
    assert len(started) == 2, "one batch: no pool at all"


def test_ctrl_c_with_workers_is_one_line_and_exit_130(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_bytes(line(CHAT) * 400_000)
    process = subprocess.Popen(
        [str(COMMAND), "validate", "--type", "ChatResponse", "--jobs", "2", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    time.sleep(1.0)  # the workers are busy by now (the whole run takes several seconds)
    os.killpg(process.pid, signal.SIGINT)  # what a terminal's Ctrl-C does: the whole process group
    stdout, stderr = process.communicate(timeout=60)
    assert (process.returncode, stdout, stderr) == (130, "", "indoxhub-contract: interrupted\n")


def test_stdin_json_lines_are_streamed(tmp_path: Path) -> None:
    """Three times the data on standard input, the same peak memory (within 8 MB)."""
    small, large = peak_memory(tmp_path, 20, "1", stdin=True), peak_memory(tmp_path, 60, "1", stdin=True)
    assert large - small < 8_000_000, f"peak {small / 1e6:.0f} MB for 20 MB, {large / 1e6:.0f} MB for 60 MB"


def test_stdin_sniffing() -> None:
    """JSON Lines when the first line that is not blank holds a complete value; one document otherwise."""
    pretty = json.dumps(USAGE, indent=2).encode()
    assert cli("validate", "--type", "Usage", "-", stdin=b"\n\n" + pretty).stdout.startswith("1 payloads checked")
    lines = b"\n" + line(USAGE) + b'{"tokens_prompt": 1, "tokens_prompt": 2}\n' + line(USAGE)
    ran = cli("validate", "--type", "Usage", "--format", "json", "-", stdin=lines)
    assert (ran.report["checked"], [e["line"] for e in ran.report["errors"]]) == (3, [3])
    # a first line that is a value breaking a rule (NaN) still makes the input JSON Lines
    ran = cli("validate", "--type", "Usage", "--format", "json", "-", stdin=b'{"cost": NaN}\n' + line(USAGE))
    assert ran.report["checked"] == 2
    assert sys.stdin is not None
