"""Every test file under tests/ is collected: pytest's defaults once skipped tests/dist silently."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_test_module_is_collected() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    collected = {line.split("::", 1)[0] for line in done.stdout.splitlines() if "::" in line}
    on_disk = {str(path.relative_to(ROOT)) for path in (ROOT / "tests").rglob("test_*.py")}
    # `make interop` and `make test-spark` run those
    on_disk = {path for path in on_disk if not path.startswith(("tests/interop/", "tests/spark/"))}
    assert on_disk - collected == set(), done.stdout[-2000:]
    assert "tests/dist/test_npm.py" in collected
