"""The CLI in-process (`main(argv)` with captured output and a byte stdin), and payloads to break."""

from __future__ import annotations

import io
import json
import sys
from contextlib import redirect_stderr, redirect_stdout
from typing import Any

from indoxhub_contract.cli import main

from ..cli.conftest import Ran
from ..cli.test_validate import CHAT, RID, USAGE

__all__ = ["CHAT", "RID", "USAGE", "Ran", "cli", "line", "nested"]


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
