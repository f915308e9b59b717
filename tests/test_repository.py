"""The repository stands alone: what users and maintainers need is in it, and nothing it holds points
at a file outside it (the reference material the project was started from is not part of a clone)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTSIDE = re.compile(r"(?<![\w.])(\.\./)+shared/|\bshared/spec/|\bshared/STYLE\.md|json-schema-test-suite/")


def test_no_file_points_outside_the_repository() -> None:
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    offenders = []
    for name in tracked.decode().split("\0"):
        path = ROOT / name
        if not name or path.is_symlink() or not path.is_file() or name == "tests/test_repository.py":
            continue
        text = path.read_bytes().decode("utf-8", "replace")
        offenders += [f"{name}: {match[0]}" for match in OUTSIDE.finditer(text)]
    assert offenders == []


def test_the_contract_rules_are_linked_from_readme_and_contributing() -> None:
    for name in ("README.md", "CONTRIBUTING.md"):
        assert "(docs/contract.md)" in (ROOT / name).read_text(), name


def test_no_line_escapes_the_formatter() -> None:
    """Line length is the formatter's and E501's (pyproject.toml), with no exceptions kept by hand."""
    tracked = subprocess.run(["git", "ls-files", "-z", "*.py"], cwd=ROOT, capture_output=True, check=True).stdout
    marker = "fmt: " + "skip"  # spelled apart, so this file does not hold it
    offenders = [name for name in tracked.decode().split("\0") if name and marker in (ROOT / name).read_text()]
    assert offenders == []


def test_scripts_need_no_path_edits() -> None:
    """The build helpers import each other as scripts run by path do; no code edits sys.path for that."""
    marker = "sys.path." + "insert(0, str("  # spelled apart, so this file does not hold it
    edits = [
        str(path.relative_to(ROOT))
        for folder in ("scripts", "tests")
        for path in (ROOT / folder).rglob("*.py")
        if marker in path.read_text() and "interop" not in path.parts  # interop imports generated clients
    ]
    assert edits == []
