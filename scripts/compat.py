"""`make compat BASE=<rev>`: the working tree's schemas against a revision; fails on a breaking change
unless the contract version's major number was raised since that revision.

BASE defaults to the last tag, or the first commit when there is no tag.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from contract import version

ROOT = Path(__file__).resolve().parent.parent


def git(*args: str) -> str:
    return subprocess.run(["git", *args], capture_output=True, text=True, check=True, cwd=ROOT).stdout.strip()


def default_base() -> str:
    tag = subprocess.run(["git", "describe", "--tags", "--abbrev=0"], capture_output=True, text=True, cwd=ROOT)
    if tag.returncode == 0 and tag.stdout.strip():
        return tag.stdout.strip()
    return git("rev-list", "--max-parents=0", "HEAD").splitlines()[-1]


def major(pyproject: str) -> int:
    return int(version(pyproject).split(".")[0])


def main() -> int:
    base = sys.argv[1] if len(sys.argv) > 1 and sys.argv[1] else default_base()
    command = [str(Path(sys.executable).parent / "indoxhub-contract"), "diff", "--git", base, str(ROOT / "schemas")]
    print(f"$ indoxhub-contract diff --git {base} schemas/", flush=True)
    code = subprocess.run(command, cwd=ROOT).returncode
    if code != 1:
        return code
    before, now = major(git("show", f"{base}:pyproject.toml")), major((ROOT / "pyproject.toml").read_text())
    if now > before:
        print(f"compat: breaking changes, and the major version was raised ({before} -> {now}): allowed")
        return 0
    print(f"compat: breaking changes need a major version bump in pyproject.toml (still {now}.x)", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
