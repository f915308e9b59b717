"""scripts/compile.py on schemas that used to compile into modules that cannot run (issue 20, item 7):
a $ref cycle that consumes nothing, member names no Python comment can hold, catastrophic patterns."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ..generator.test_compile_script import compile_, run_module, write


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (
            {"$ref": "#"},
            "s.json#/$ref: $ref: closes a cycle that applies to the same instance forever (back to s.json#)",
        ),
        (
            {"$ref": "#/$defs/a", "$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}},
            "s.json#/$defs/b/$ref: $ref: closes a cycle that applies to the same instance forever (back to "
            "s.json#/$defs/a)",
        ),
        (
            {"properties": {"x": {"anyOf": [{"type": "null"}, {"not": {"$ref": "#/properties/x"}}]}}},
            "s.json#/properties/x/anyOf/1/not/$ref: $ref: closes a cycle",
        ),
    ],
)
def test_a_cycle_that_consumes_nothing_is_refused(tmp_path: Path, document: Any, message: str) -> None:
    done = compile_(tmp_path, write(tmp_path / "s.json", document))
    assert done.returncode == 2 and done.stdout == "" and "Traceback" not in done.stderr, done.stderr
    assert done.stderr.startswith(f"compile.py: {message}"), done.stderr


def test_recursion_through_members_still_compiles(tmp_path: Path) -> None:
    """A linked list: each round of the cycle takes one member off the instance, so it ends."""
    document = {"type": "object", "properties": {"next": {"anyOf": [{"type": "null"}, {"$ref": "#"}]}}}
    done = compile_(tmp_path, write(tmp_path / "s.json", document))
    assert done.returncode == 0 and done.stderr == "", done.stderr
    deep: Any = {}  # the values travel as Python literals: no null here
    for _ in range(50):
        deep = {"next": deep}
    assert run_module(tmp_path, done.stdout, [deep, {"next": {"next": 1}}])[0] == [True, False]


def test_any_member_name_compiles_to_a_module_that_imports(tmp_path: Path) -> None:
    names = ["a\u0000b", "line\nbreak", "cr\rx", "sep\u2028x", 'q"\\', "#", "\ufeff", "\x7f"]
    document = {"type": "object", "properties": {name: {"type": "integer"} for name in names}, "required": names[:1]}
    done = compile_(tmp_path, write(tmp_path / "s.json", document))
    assert done.returncode == 0 and done.stderr == "", done.stderr
    values = [{name: 1 for name in names}, {name: "x" for name in names}]
    verdicts, errors = run_module(tmp_path, done.stdout, values)
    assert verdicts == [True, False]
    assert [path for path, _, _ in errors[1]] == [f"/{name}" for name in names]


@pytest.mark.parametrize("pattern", ["^(a+)+$", "(x*y*)*", "^(\\d+\\.)*$", "(?:a|b+)*c"])
def test_a_nested_unbounded_quantifier_compiles_with_a_warning(tmp_path: Path, pattern: str) -> None:
    done = compile_(tmp_path, write(tmp_path / "s.json", {"type": "string", "pattern": pattern}))
    assert done.returncode == 0 and done.stdout.startswith('"""Validator compiled'), done.stderr
    expected = f"compile.py: warning: s.json#/pattern: pattern: {json.dumps(pattern)} nests an unbounded quantifier"
    assert done.stderr.startswith(expected) and done.stderr.count("\n") == 1, done.stderr


@pytest.mark.parametrize("pattern", ["^[a-f0-9]{8}(-[a-f0-9]{4}){3}$", "(a|b)*", "a+b+", "((ab){1,3})+"])
def test_bounded_or_flat_quantifiers_give_no_warning(tmp_path: Path, pattern: str) -> None:
    done = compile_(tmp_path, write(tmp_path / "s.json", {"type": "string", "pattern": pattern}))
    assert done.returncode == 0 and done.stderr == "", done.stderr
