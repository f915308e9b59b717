"""Absent stays absent in openapi-generator's `python` models, which write an absent nullable member
back as `null`:

    python3 keep_absent.py python/openapi_client/models

Each generated `from_dict` passes every member to `model_validate`, `obj.get(name)` giving None for
one the payload did not hold; pydantic then counts it as set, and `to_dict` writes it as null. The patch
passes only the members the payload holds:

    _obj = cls.model_validate({_k: _v for _k, _v in {...}.items() if _k in obj})

Standard library only; run after openapi-generator (docs/clients.md)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

CALL = re.compile(r"(_obj = cls\.model_validate\(\{)(\n.*?\n\s*)(\}\))", re.S)


def patch(text: str) -> str:
    return CALL.sub(lambda m: m[1] + "_k: _v for _k, _v in {" + m[2] + "}.items() if _k in obj" + m[3], text)


def main(folder: str) -> int:
    for path in sorted(Path(folder).glob("*.py")):
        path.write_text(patch(path.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
