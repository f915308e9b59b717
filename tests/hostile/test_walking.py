"""Nothing is skipped silently: what a walk meets and cannot read is a finding, and an input that
holds no payload at all fails unless --allow-empty (class 2)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

from ..cli.conftest import COMMAND
from .conftest import CHAT, USAGE, cli, line


def findings(ran_report: dict[str, Any]) -> list[tuple[str, str, str]]:
    errors = ran_report["errors"]
    return [(str(e["file"]), str(e["keyword"]), str(e["message"])) for e in errors]


def test_dangling_link_fifo_loop_and_dot_json_are_reported(tmp_path: Path) -> None:
    root = tmp_path / "rec"
    (root / "sub").mkdir(parents=True)
    (root / ".json").write_bytes(line(dict(USAGE, cost=-1)))  # a file named exactly ".json"
    (root / "gone.json").symlink_to(tmp_path / "nowhere.json")
    os.mkfifo(root / "pipe.jsonl")
    (root / "sub" / "back").symlink_to(root)  # a loop
    (root / "notes.txt").write_text("not a payload")  # an unknown suffix: not ours to read
    ran = cli("validate", "--type", "Usage", "--format", "json", str(root))
    assert ran.code == 1
    assert (ran.report["checked"], ran.report["invalid"], ran.report["unreadable"]) == (1, 1, 3)
    assert findings(ran.report) == [
        (f"{root}/.json", "minimum", "expected a number >= 0, got -1"),
        (f"{root}/gone.json", "read", f"dangling symbolic link to {tmp_path}/nowhere.json"),
        (f"{root}/pipe.jsonl", "read", "not a regular file (a FIFO); not read"),
        (f"{root}/sub/back", "read", "symbolic link loop: links back to a folder being walked; not followed"),
    ]


def test_a_linked_folder_is_followed_once(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.json").write_bytes(line(dict(USAGE, cost=-1)))
    (tmp_path / "rec").mkdir()
    (tmp_path / "rec" / "linked").symlink_to(tmp_path / "real")
    (tmp_path / "rec" / "again").symlink_to(tmp_path / "real")
    ran = cli("validate", "--type", "Usage", "--format", "json", str(tmp_path / "rec"))
    assert (ran.code, ran.report["checked"], ran.report["invalid"]) == (1, 1, 1), ran
    assert ran.report["errors"][0]["file"] == f"{tmp_path}/rec/again/a.json"


def test_fifo_and_process_substitution_named_on_the_command_line_are_read(tmp_path: Path) -> None:
    fifo = tmp_path / "named"
    os.mkfifo(fifo)
    writer = subprocess.Popen(["sh", "-c", f"cat > {fifo}"], stdin=subprocess.PIPE)
    command = (
        f"{COMMAND} validate --type Usage {fifo} <(printf '%s' '{line(USAGE).decode().strip()}'; echo; echo '{{}}')"
    )
    reader = subprocess.Popen(["bash", "-c", command], stdout=subprocess.PIPE, text=True)
    assert writer.stdin is not None
    writer.stdin.write(line(USAGE) * 3)
    writer.stdin.close()
    writer.wait(timeout=60)
    stdout, _ = reader.communicate(timeout=60)
    assert reader.returncode == 1
    assert stdout.splitlines()[-1] == "5 payloads checked, 1 invalid, 2 files", stdout


def test_an_unreadable_folder_fails_the_run_for_a_user_who_cannot_read_it() -> None:
    """Tests run as root, who reads everything: the command runs as `nobody` (util-linux setpriv)."""
    if os.geteuid() != 0:
        pytest.skip("needs root to drop privileges with setpriv")
    probe = subprocess.run(
        [
            "setpriv",
            "--reuid=nobody",
            "--regid=nogroup",
            "--clear-groups",
            sys.executable,
            "-c",
            "import indoxhub_contract",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if probe.returncode != 0:
        pytest.skip(f"user nobody cannot import the package from this checkout: {probe.stderr.strip()[-200:]}")
    with tempfile.TemporaryDirectory() as scratch:  # pytest's tmp_path sits in a folder only root may enter
        os.chmod(scratch, 0o755)
        run_as_nobody(Path(scratch) / "rec")


def run_as_nobody(root: Path) -> None:
    (root / "locked").mkdir(parents=True)
    (root / "locked" / "bad.json").write_bytes(line({"cost": -1}))
    (root / "ok.json").write_bytes(line(USAGE))
    (root / "secret.json").write_bytes(line(USAGE))
    os.chmod(root / "locked", 0o000)
    os.chmod(root / "secret.json", 0o000)
    done = subprocess.run(
        [
            "setpriv",
            "--reuid=nobody",
            "--regid=nogroup",
            "--clear-groups",
            str(COMMAND),
            "validate",
            "--type",
            "Usage",
            str(root),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    os.chmod(root / "locked", 0o755)
    assert done.returncode == 1, done
    assert done.stdout.splitlines() == [
        f"{root}/locked: cannot read folder: Permission denied",
        f"{root}/secret.json: cannot read: Permission denied",
        "1 payloads checked, 0 invalid, 3 files, 2 unreadable",
    ]


@pytest.mark.parametrize(
    ("setup", "args"),
    [
        ("nothing", ["empty-dir"]),
        ("empty file without a JSON suffix", ["empty.log"]),
        ("blank lines", ["blank.jsonl"]),
        ("empty stdin", ["-"]),
        ("comments only", ["comments.yaml"]),
    ],
)
def test_no_payload_at_all_exits_1_unless_allowed(tmp_path: Path, setup: str, args: list[str]) -> None:
    (tmp_path / "empty-dir").mkdir()
    (tmp_path / "empty.log").write_bytes(b"")
    (tmp_path / "blank.jsonl").write_bytes(b"\n  \r\n\n")
    (tmp_path / "comments.yaml").write_bytes(b"# nothing here\n")
    paths = [a if a == "-" else str(tmp_path / a) for a in args]
    ran = cli("validate", "--type", "Usage", *paths)
    assert ran.code == 1, (setup, ran)
    named = [] if setup == "nothing" else ["<stdin>" if a == "-" else a for a in paths]
    where = f" in {', '.join(named)}" if named else ""
    assert ran.stderr == f"indoxhub-contract: no payloads found{where} (--allow-empty accepts that)\n"
    assert cli("validate", "--type", "Usage", "--allow-empty", *paths).code == 0


def test_stdin_twice_is_a_usage_error() -> None:
    ran = cli("validate", "--type", "Usage", "-", "-")
    assert (ran.code, ran.stderr) == (2, "indoxhub-contract: error: standard input (-) can be read only once\n")


def test_an_empty_or_blank_json_file_is_a_finding_with_its_name(tmp_path: Path) -> None:
    """RFC 8259: JSON text is one value, so a .json file with nothing in it (what a crashed recorder
    leaves) is not a payload that passed. Files whose name promises no single document hold no payload."""
    (tmp_path / "good.json").write_text(json.dumps(CHAT))
    (tmp_path / "empty.json").write_bytes(b"")
    (tmp_path / "blank.json").write_bytes(b"\xef\xbb\xbf \n\t\n")
    ran = cli("validate", "--type", "ChatResponse", str(tmp_path))
    assert ran.code == 1, ran
    assert (
        f"{tmp_path / 'empty.json'}: (root): not valid JSON: the file is empty, and a .json file holds one JSON value"
        in ran.stdout
    )
    assert f"{tmp_path / 'blank.json'}: (root): not valid JSON: the file is blank" in ran.stdout
    assert ran.stdout.endswith("3 payloads checked, 2 invalid, 3 files\n"), ran
    (tmp_path / "none.jsonl").write_bytes(b"\n\n")
    (tmp_path / "recording").write_bytes(b"")
    ran = cli("validate", "--type", "ChatResponse", str(tmp_path / "none.jsonl"), str(tmp_path / "recording"))
    assert ran.code == 1 and ran.stdout.endswith("0 payloads checked, 0 invalid, 2 files\n"), ran
    assert f"no payloads found in {tmp_path / 'none.jsonl'}, {tmp_path / 'recording'} (--allow-empty" in ran.stderr
    assert cli("validate", "--type", "ChatResponse", "--allow-empty", str(tmp_path / "none.jsonl")).code == 0
    ran = cli("validate", "--type", "ChatResponse", "-", stdin=b"")
    assert ran.code == 1 and "no payloads found in <stdin> (--allow-empty accepts that)" in ran.stderr, ran
