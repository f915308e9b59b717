"""`indoxhub-contract diff` (in-process, through `main(argv)`) and `make compat` (a real subprocess):
exit codes, formats, git revisions."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from ..cli.conftest import cli

ROOT = Path(__file__).resolve().parent.parent.parent


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    previous = os.getcwd()
    os.chdir(cwd)
    try:
        ran = cli(*args)
    finally:
        os.chdir(previous)
    return subprocess.CompletedProcess(list(args), ran.code, ran.stdout, ran.stderr)


def copy_schemas(target: Path) -> Path:
    shutil.copytree(ROOT / "schemas", target)
    return target


def test_exit_codes_and_text(tmp_path: Path) -> None:
    old, new = copy_schemas(tmp_path / "old"), copy_schemas(tmp_path / "new")
    assert run("diff", str(old), str(new), cwd=tmp_path).stdout == "0 changes, 0 breaking\n"
    usage = json.loads((new / "usage.schema.json").read_text())
    usage["properties"]["cost"]["minimum"] = -1
    usage["properties"]["request_count"] = {"type": "integer"}
    (new / "usage.schema.json").write_text(json.dumps(usage))
    ran = run("diff", str(old), str(new), cwd=tmp_path)
    assert ran.returncode == 1
    lines = ran.stdout.splitlines()
    assert lines[0] == "BREAKING   AudioResponse /usage/cost: minimum loosened: 0 -> -1"
    assert lines[-2] == "COMPATIBLE VideoResponse /usage/request_count: optional member added"
    assert lines[-1].endswith(" breaking")
    data = json.loads(run("diff", "--format", "json", str(old), str(new), cwd=tmp_path).stdout)
    assert data["breaking"] == 7 and data["changes"][0] == {
        "type": "AudioResponse",
        "path": "/usage/cost",
        "change": "minimum loosened: 0 -> -1",
        "class": "breaking",
    }


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("diff", str(tmp_path / "nope"), str(tmp_path), cwd=tmp_path).returncode == 2
    assert run("diff", str(tmp_path), cwd=tmp_path).returncode == 2
    bad = run("diff", "--git", "no-such-revision", str(ROOT / "schemas"), cwd=ROOT)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and "no-such-revision" in bad.stderr


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=repo, check=True, capture_output=True
    )


def test_git_revision_and_make_compat(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    copy_schemas(repo / "schemas")
    (repo / "pyproject.toml").write_text('[project]\nversion = "1.4.0"\n')
    shutil.copytree(ROOT / "scripts", repo / "scripts")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    job = json.loads((repo / "schemas" / "video-job-status.schema.json").read_text())
    job["properties"]["status"]["enum"].append("cancelled")
    (repo / "schemas" / "video-job-status.schema.json").write_text(json.dumps(job))
    ran = run("diff", "--git", "HEAD", "schemas", cwd=repo)
    assert ran.returncode == 1 and 'VideoJobStatus /status: enum value added: "cancelled"' in ran.stdout
    compat = [sys.executable, str(repo / "scripts" / "compat.py")]
    blocked = subprocess.run(compat, capture_output=True, text=True, cwd=repo)
    assert blocked.returncode == 1 and "major version bump" in blocked.stderr
    (repo / "pyproject.toml").write_text('[project]\nversion = "2.0.0"\n')
    allowed = subprocess.run(compat, capture_output=True, text=True, cwd=repo)
    assert allowed.returncode == 0 and "1 -> 2" in allowed.stdout
