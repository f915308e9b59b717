"""The CLI in-process (`main(argv)` with captured output and a byte stdin), and payloads to break."""

from __future__ import annotations

import io
import json
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from typing import Any

from indoxhub_contract.cli import main

RID = "3f2b8c1e-6d4a-4f7e-9b2c-1a5d7e9f0c3b"
USAGE = {"tokens_prompt": 1, "tokens_completion": 2, "tokens_total": 3, "cost": 0.1, "latency": 0.2}
CHAT = {
    "request_id": RID,
    "created_at": "2025-10-26T16:48:59",
    "duration_ms": 5,
    "provider": "openai",
    "model": "m",
    "data": "hi",
    "usage": USAGE,
}


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


def cli(*args: str, stdin: bytes = b"") -> Ran:
    """`indoxhub-contract ARGS` in this process: what a user sees, without a subprocess's start-up."""
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    try:
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exit:  # argparse's usage errors
                code = int(exit.code or 0)
    finally:
        sys.stdin = saved
    return Ran(code, out.getvalue(), err.getvalue())


def line(payload: Any) -> bytes:
    return json.dumps(payload).encode() + b"\n"


def nested(depth: int) -> str:
    """JSON text of arrays nested `depth` levels deep."""
    return "[" * depth + "]" * depth
