"""The official JSON Schema Test Suite (draft 2020-12), for every keyword the compiler supports.

A group is skipped only when its schema needs what the compiler refuses by design (a keyword outside
the supported set, a remote $ref, a regex feature Python reads differently); the skip names it.
Every other group must compile, and both paths (is_valid and iter_errors) must give the suite's verdict.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from compiler import CompileError

from .compiled import Compiled

SUITE = Path(__file__).resolve().parent.parent / "json_schema_test_suite"
REFUSED = {"unsupported-keyword", "remote-ref", "pattern"}


def groups() -> list[Any]:
    params = []
    for path in sorted(SUITE.glob("*.json")):
        for index, group in enumerate(json.loads(path.read_text(encoding="utf-8"))):
            params.append(pytest.param(group, id=f"{path.stem}[{index}] {group['description']}"))
    return params


@pytest.mark.parametrize("group", groups())
def test_group(group: dict[str, Any]) -> None:
    try:
        compiled = Compiled(group["schema"])
    except CompileError as error:
        if error.kind in REFUSED:
            pytest.skip(f"needs {error.keyword} ({error.kind}): {error.detail}")
        raise
    wrong = []
    for case in group["tests"]:
        fast = compiled.is_valid(case["data"])
        errors = compiled.errors(case["data"])
        if fast != case["valid"] or (not errors) != case["valid"]:
            wrong.append(
                f"{case['description']}: data={case['data']!r} expected valid={case['valid']}, is_valid={fast}, errors={errors}"
            )
    assert not wrong, "\n".join(wrong) + "\n\ngenerated source:\n" + compiled.source
