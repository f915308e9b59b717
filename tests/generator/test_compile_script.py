"""`python scripts/compile.py SCHEMA.json [MORE.json ...] [--strict]`: one self-contained module for any
schema, as fastjsonschema's compile_to_code; refusals exit 2 with file, pointer and keyword."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

SCRIPT = Path(__file__).resolve().parent.parent.parent / "scripts" / "compile.py"


def compile_(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, cwd=tmp_path, check=False
    )


def write(path: Path, document: Any) -> str:
    path.write_text(json.dumps(document))
    return path.name


CHECK = """
import json, sys
sys.path.insert(0, ".")  # -I leaves the working folder out
import validator
print(json.dumps([validator.is_valid(v) for v in VALUES]))
print(json.dumps([[(e.path, e.keyword, e.message) for e in validator.iter_errors(v)] for v in VALUES]))
"""


def run_module(tmp_path: Path, source: str, values: list[Any]) -> tuple[list[bool], list[Any]]:
    """Import the module in an interpreter without site-packages (-I -S): the standard library only."""
    (tmp_path / "validator.py").write_text(source)
    code = CHECK.replace("VALUES", json.dumps(values))
    done = subprocess.run(
        [sys.executable, "-I", "-S", "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True
    )
    verdicts, errors = (json.loads(line) for line in done.stdout.splitlines())
    return verdicts, errors


def test_a_module_with_resources_reached_by_id(tmp_path: Path) -> None:
    write(
        tmp_path / "money.json",
        {"$id": "https://example.test/money.json", "type": "number", "multipleOf": 0.01, "minimum": 0},
    )
    root = {
        "type": "object",
        "properties": {"price": {"$ref": "https://example.test/money.json"}, "tag": {"pattern": "\\bsale"}},
        "required": ["price"],
    }
    done = compile_(tmp_path, write(tmp_path / "order.json", root), "money.json")
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert done.stdout.startswith('"""Validator compiled by indoxhub-contract')
    verdicts, errors = run_module(tmp_path, done.stdout, [{"price": 4.35}, {"price": 4.351, "tag": "résale"}, {}])
    assert verdicts == [True, False, False]
    assert errors == [
        [],
        [["/price", "multipleOf", "expected a multiple of 0.01, got 4.351"]],
        [["", "required", 'missing required member "price"']],
    ]


def test_strict_profile(tmp_path: Path) -> None:
    name = write(tmp_path / "s.json", {"properties": {"a": {"type": "integer"}}})
    default, strict = compile_(tmp_path, name), compile_(tmp_path, name, "--strict")
    assert run_module(tmp_path, default.stdout, [{"b": 1}])[0] == [True]
    assert run_module(tmp_path, strict.stdout, [{"b": 1}])[0] == [False]


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"required": "ab"}, "compile.py: s.json#/required: required: must be an array of distinct strings\n"),
        ({"pattern": 5}, "compile.py: s.json#/pattern: pattern: must be a string\n"),
        ({"properties": {"a": {"$ref": 5}}}, "compile.py: s.json#/properties/a/$ref: $ref: must be a string\n"),
        ({"pattern": "\\a"}, "compile.py: s.json#/pattern: pattern: \\a is not an escape in ECMA-262's Unicode mode\n"),
        (
            {"unevaluatedProperties": False},
            "compile.py: s.json#/unevaluatedProperties: unevaluatedProperties: keyword not supported by the compiler"
            " (see README: supported keywords)\n",
        ),
        (
            {"$ref": "https://example.com/x.json"},
            "compile.py: s.json#/$ref: $ref: 'https://example.com/x.json' points outside the schema set"
            " (https://example.com/x.json); remote references are never fetched\n",
        ),
    ],
)
def test_refused_schemas_exit_2(tmp_path: Path, document: Any, message: str) -> None:
    done = compile_(tmp_path, write(tmp_path / "s.json", document))
    assert (done.returncode, done.stdout, done.stderr) == (2, "", message)


def test_unreadable_files_exit_2(tmp_path: Path) -> None:
    (tmp_path / "dup.json").write_text('{\n"type": "string",\n"type": "integer"}')
    done = compile_(tmp_path, "dup.json")
    assert (done.returncode, done.stderr) == (2, 'compile.py: dup.json:1: duplicate: duplicate member "type"\n')
    done = compile_(tmp_path, "missing.json")
    assert (done.returncode, done.stderr) == (2, "compile.py: missing.json: No such file or directory\n")
