"""The CLI as a user runs it: in-process through `main(argv)` (most tests: no interpreter start-up),
or as the real installed command in a subprocess (exit codes, pipes, terminals). On failure, both
show what the command printed."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from indoxhub_contract.cli import main

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


def cli(*args: str, stdin: bytes | str = b"") -> Ran:
    """`indoxhub-contract ARGS` in this process, with standard input from `stdin`."""
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin
    data = stdin.encode() if isinstance(stdin, str) else stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    try:
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exit:  # argparse's usage errors and --help
                code = int(exit.code or 0)
    finally:
        sys.stdin = saved
    return Ran(code, out.getvalue(), err.getvalue())


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., Ran]]:
    """The command in-process, in `tmp_path`."""
    monkeypatch.chdir(tmp_path)
    yield lambda *args, stdin="": cli(*args, stdin=stdin)


@pytest.fixture
def run_process(tmp_path: Path) -> Callable[..., Ran]:
    """The real installed command in a subprocess, in `tmp_path`."""

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
