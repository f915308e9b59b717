"""Run the real installed command as a subprocess; on failure, show what it printed."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

COMMAND = Path(sys.executable).parent / "indoxhub-contract"


@dataclass
class Ran:
    code: int
    stdout: str
    stderr: str

    def __str__(self) -> str:
        return f"exit {self.code}\n--- stdout\n{self.stdout}--- stderr\n{self.stderr}"

    @property
    def report(self) -> Any:
        """The --format json report."""
        return json.loads(self.stdout)


@pytest.fixture
def run(tmp_path: Path) -> Callable[..., Ran]:
    def run_line(*args: str, stdin: str | None = None, cwd: Path | None = None) -> Ran:
        done = subprocess.run(
            [str(COMMAND), *args],
            input=stdin,
            capture_output=True,
            text=True,
            cwd=cwd or tmp_path,
            timeout=120,
            check=False,
        )
        return Ran(done.returncode, done.stdout, done.stderr)

    return run_line
