"""Running commands in the dist tests (the `dist` fixture itself is in tests/conftest.py)."""

from __future__ import annotations

import subprocess
from typing import Any


def run(command: list[str], **options: Any) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(command, capture_output=True, text=True, check=False, **options)
    assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    return done
