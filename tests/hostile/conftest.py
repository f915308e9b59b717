"""The CLI in-process (`main(argv)` with captured output and a byte stdin), and payloads to break."""

from __future__ import annotations

import json
from typing import Any

from ..cli.conftest import Ran, cli
from ..cli.test_validate import CHAT, RID, USAGE

__all__ = ["CHAT", "RID", "USAGE", "Ran", "cli", "line", "nested"]


def line(payload: Any) -> bytes:
    return json.dumps(payload).encode() + b"\n"


def nested(depth: int) -> str:
    """JSON text of arrays nested `depth` levels deep."""
    return "[" * depth + "]" * depth
