"""A copy of the repository's tracked files (staged new files included), for tests that change the tree
or its git history without touching the real one."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def copy_tracked(target: Path, skip: str | None = None) -> Path:
    """Every file `git ls-files` lists (but those under the folder `skip`) copied into `target`; links
    stay links."""
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in tracked.decode().split("\0"):
        if not name or (skip is not None and name.startswith(skip + "/")):
            continue
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        source = ROOT / name
        if source.is_symlink():
            destination.symlink_to(source.readlink())
        elif source.is_file():
            shutil.copyfile(source, destination)
    return target
