"""`make compat BASE=<rev>`: the working tree's schemas against a revision; fails on a breaking change
unless the contract version's major number was raised since that revision.

BASE defaults to the last release tag (v*), or the first commit when there is none. release.py drafts the
CHANGELOG from the same diff and holds a release to the same rule.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from contract import version

ROOT = Path(__file__).resolve().parent.parent


def git(*args: str) -> str:
    return subprocess.run(["git", *args], capture_output=True, text=True, check=True, cwd=ROOT).stdout.strip()


def last_tag() -> str | None:
    """The newest release tag (v*) reachable from HEAD, or None before the first release."""
    found = subprocess.run(
        ["git", "describe", "--tags", "--abbrev=0", "--match", "v*"], capture_output=True, text=True, cwd=ROOT
    )
    return found.stdout.strip() if found.returncode == 0 and found.stdout.strip() else None


def default_base() -> str:
    return last_tag() or git("rev-list", "--max-parents=0", "HEAD").splitlines()[-1]


def diff(base: str, output_format: str = "text") -> subprocess.CompletedProcess[str]:
    """`indoxhub-contract diff` of schemas/ at `base` against the working tree's (exit 1: breaking)."""
    command = [str(Path(sys.executable).parent / "indoxhub-contract"), "diff", "--git", base, "--format"]
    ran = subprocess.run([*command, output_format, str(ROOT / "schemas")], cwd=ROOT, capture_output=True, text=True)
    if ran.returncode not in (0, 1):
        raise SystemExit(f"compat: indoxhub-contract diff against {base} failed (exit {ran.returncode}):\n{ran.stderr}")
    return ran


def changes(base: str) -> dict[str, Any]:
    """The diff's JSON report: {"breaking": N, "changes": [{"type", "path", "change", "class"}, ...]}."""
    report: dict[str, Any] = json.loads(diff(base, "json").stdout)
    return report


def major(pyproject: str) -> int:
    return int(version(pyproject).split(".")[0])


def majors(base: str) -> tuple[int, int]:
    """The contract's major number at `base` and in the working tree."""
    return major(git("show", f"{base}:pyproject.toml")), major((ROOT / "pyproject.toml").read_text())


def main() -> int:
    base = sys.argv[1] if len(sys.argv) > 1 and sys.argv[1] else default_base()
    print(f"$ indoxhub-contract diff --git {base} schemas/", flush=True)
    ran = diff(base)
    print(ran.stdout, end="")
    if ran.returncode == 0:
        return 0
    before, now = majors(base)
    if now > before:
        print(f"compat: breaking changes, and the major version was raised ({before} -> {now}): allowed")
        return 0
    print(f"compat: breaking changes need a major version bump in pyproject.toml (still {now}.x)", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
