"""The official JSON Schema Test Suite (draft 2020-12): the required files, `optional/` (but `format/`:
`format` stays an annotation) and `remotes/` (served from http://localhost:1234/ in memory, as the
suite prescribes; nothing is fetched).

A group is skipped only when its schema needs what the compiler refuses by design, and the skip says
which: a keyword outside the supported set (`unevaluated*`, `$dynamicRef`, `$vocabulary`, unknown
keywords, draft 2019's `dependencies`), a reference to a document the suite does not ship (the
2020-12 meta-schema, cross-draft's draft 2019-09 remotes), a regex feature Python reads differently.
Every other group must compile, and both paths (is_valid and iter_errors) must give the suite's verdict.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from compiler import CompileError

from .compiled import Compiled

SUITE = Path(__file__).resolve().parent.parent / "json_schema_test_suite"
REFUSED = {"unsupported-keyword", "remote-ref", "pattern", "dialect"}
REMOTE_BASE = "http://localhost:1234/"


@cache
def remotes() -> dict[str, Any]:
    """Every file under remotes/, by the URI the suite serves it at."""
    folder = SUITE / "remotes"
    return {
        REMOTE_BASE + path.relative_to(folder).as_posix(): json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(folder.rglob("*.json"))
    }


def files() -> list[Path]:
    return sorted(SUITE.glob("*.json")) + sorted((SUITE / "optional").glob("*.json"))


def groups() -> list[Any]:
    params = []
    for path in files():
        name = path.relative_to(SUITE).with_suffix("").as_posix()
        for index, group in enumerate(json.loads(path.read_text(encoding="utf-8"))):
            params.append(pytest.param(group, id=f"{name}[{index}] {group['description']}"))
    return params


@pytest.mark.parametrize("group", groups())
def test_group(group: dict[str, Any]) -> None:
    try:
        compiled = Compiled(group["schema"], remotes=remotes())
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
                f"{case['description']}: data={case['data']!r} expected valid={case['valid']}, "
                f"is_valid={fast}, errors={errors}"
            )
    assert not wrong, "\n".join(wrong) + "\n\ngenerated source:\n" + compiled.source
