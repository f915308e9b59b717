"""`diff` is as careful as `validate`: malformed schemas are usage errors naming file and pointer,
the walk is linear in the schemas, and git revisions are read whatever their file names (class 6)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from indoxhub_contract import _diff as diff

from .conftest import cli

ROOT = Path(__file__).resolve().parent.parent.parent


def schemas_with(tmp_path: Path, name: str, text: str | bytes) -> tuple[Path, Path]:
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(ROOT / "schemas", old)
    shutil.copytree(ROOT / "schemas", new)
    target = new / name
    target.write_bytes(text if isinstance(text, bytes) else text.encode())
    return old, new


def usage_with(edit: dict[str, Any], **root: Any) -> str:
    usage = json.loads((ROOT / "schemas" / "usage.schema.json").read_text())
    usage["properties"]["cost"] = edit
    return json.dumps(dict(usage, **root))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            usage_with({"$ref": "#/$defs/missing"}),
            "usage.schema.json#/properties/cost/$ref: '#/$defs/missing' points to nothing",
        ),
        (
            usage_with({"$ref": "other.json#/x"}),
            "usage.schema.json#/properties/cost/$ref: 'other.json#/x' points outside the schema set",
        ),
        (
            usage_with({"type": 5}),
            "#/properties/cost/type: type: must be a type name or a non-empty array of distinct type names",
        ),
        (usage_with({"required": 5}), "#/properties/cost/required: required: must be an array of distinct strings"),
        (usage_with({"enum": 5}), "#/properties/cost/enum: enum: must be an array"),
        (
            usage_with({"anyOf": {"type": "number"}}),
            "#/properties/cost/anyOf: anyOf: must be a non-empty array of schemas",
        ),
        (
            usage_with({"properties": []}),
            "#/properties/cost/properties: properties: must be an object whose values are schemas",
        ),
        (usage_with({"title": 5}), "#/properties/cost/title: title: must be a string"),
        (
            usage_with({"$ref": "#/$defs/a"}, **{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}}),
            "usage.schema.json#/$defs/b/$ref: '#/$defs/a' is a cycle of $refs",
        ),
        (
            b'{"title": "Usage", "properties": {"cost": {"type": "number"}}, "title": "U"}',
            ':1: duplicate: duplicate member "title"',
        ),
        (b'{"title": "Usage", "properties": {"cost": {"minimum": NaN}}}', ":1: number: NaN is not a JSON number"),
        (b'{"title": "Usage\xff"}', ":1: encoding: not valid UTF-8 at column 17: invalid start byte (byte 0xff)"),
        (b'{"title": ', ":1: parse: not valid JSON at column 11: Expecting value"),
    ],
)
def test_malformed_schemas_are_usage_errors(tmp_path: Path, text: str | bytes, message: str) -> None:
    old, new = schemas_with(tmp_path, "usage.schema.json", text)
    for sides in ([str(old), str(new)], [str(new), str(old)]):
        ran = cli("diff", *sides)
        assert ran.code == 2 and message in ran.stderr and ran.stdout == "", ran
        assert ran.stderr.startswith("indoxhub-contract: error: ") and ran.stderr.count("\n") == 1


def test_three_refs_to_the_root_walk_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The walk is linear: each (old place, new place) pair is summarized a bounded number of times."""
    calls = 0
    real = diff.summarize

    def counting(*args: Any) -> Any:
        nonlocal calls
        calls += 1
        return real(*args)

    monkeypatch.setattr(diff, "summarize", counting)
    for fan_out in (3, 30):
        calls = 0
        tree = {"title": "T", "properties": {f"m{i}": {"$ref": "#"} for i in range(fan_out)}}
        assert diff.compare({"t.json": tree}, {"t.json": tree}) == []
        assert calls == 2 * 2  # the root as the type, then as a member (not required): once each
    definitions: dict[str, Any] = {}
    chain = {"title": "T", "properties": {"a": {"$ref": "#/$defs/d0"}}, "$defs": definitions}
    for level in range(40):  # a DAG: two members per level, both to the next level: 2**40 paths
        definitions[f"d{level}"] = {
            "properties": {"x": {"$ref": f"#/$defs/d{level + 1}"}, "y": {"$ref": f"#/$defs/d{level + 1}"}}
        }
    definitions["d40"] = {"type": "integer"}
    calls = 0
    changed = json.loads(json.dumps(chain))
    changed["$defs"]["d40"]["type"] = "number"
    found = diff.compare({"t.json": chain}, {"t.json": changed})
    assert [(c.path, c.change) for c in found] == [("/a" + "/x" * 40, "type widened: integer -> number")]
    assert calls < 2 * 200


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=repo, check=True, capture_output=True
    )


@pytest.mark.parametrize("name", ["audio-réponse.schema.json", "with space.schema.json", "tab\tname.json"])
def test_git_revision_with_any_file_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "schemas", repo / "schemas")
    os.rename(repo / "schemas" / "audio-response.schema.json", repo / "schemas" / name)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    audio = json.loads((repo / "schemas" / name).read_text())
    audio["required"].remove("model")
    (repo / "schemas" / name).write_text(json.dumps(audio))
    monkeypatch.chdir(repo)
    ran = cli("diff", "--git", "HEAD", "schemas")
    assert ran.code == 1 and "BREAKING   AudioResponse /model: required member made optional" in ran.stdout, ran


def test_git_usage_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    ran = cli("diff", "--git=--output=/tmp/x", "schemas")
    assert (ran.code, ran.stderr) == (
        2,
        "indoxhub-contract: error: not a revision: '--output=/tmp/x' (a revision never starts with '-')\n",
    )
    monkeypatch.setenv("PATH", str(tmp_path))  # no git here
    ran = cli("diff", "--git", "HEAD", "schemas")
    assert ran.code == 2 and "cannot run git" in ran.stderr and "is git installed and on PATH?" in ran.stderr, ran


def test_a_revision_holding_a_malformed_schema(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "schemas", repo / "schemas")
    (repo / "schemas" / "usage.schema.json").write_bytes(b'{"title": "Usage\xff", "properties": {}}')
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    shutil.copy(ROOT / "schemas" / "usage.schema.json", repo / "schemas" / "usage.schema.json")
    monkeypatch.chdir(repo)
    ran = cli("diff", "--git", "HEAD", "schemas")
    assert ran.code == 2 and "HEAD:schemas/usage.schema.json:1: encoding: not valid UTF-8" in ran.stderr, ran


def test_an_added_member_whose_ref_points_to_nothing_is_refused(tmp_path: Path) -> None:
    """The new side is held to what `make generate` holds it to: an added member (which the walk never
    resolves, having nothing to compare it with) with a dangling $ref is a usage error, not 'compatible'."""
    usage = json.loads((ROOT / "schemas" / "usage.schema.json").read_text())
    usage["properties"]["extra_cost"] = {"$ref": "#/$defs/nothing"}
    old, new = schemas_with(tmp_path, "usage.schema.json", json.dumps(usage))
    ran = cli("diff", str(old), str(new))
    assert ran.code == 2 and ran.stdout == "", ran
    assert "usage.schema.json#/properties/extra_cost/$ref: '#/$defs/nothing' points to nothing" in ran.stderr
    usage["properties"]["extra_cost"] = {"type": "number", "examples": [{"$ref": "not a reference"}]}
    old, new = schemas_with(tmp_path / "ok", "usage.schema.json", json.dumps(usage))
    ran = cli("diff", str(old), str(new))
    assert ran.code == 0 and "optional member added" in ran.stdout, ran


def test_diff_reads_refs_in_every_form_the_compiler_reads(tmp_path: Path) -> None:
    """An `$anchor` named by "#name" and a schema embedded under its own `$id` resolve in `diff` as in
    compile.py (one resolver, _pointers.target); a change behind either is classified, not refused."""

    def usage(bound: int) -> str:
        document = json.loads(usage_with({"$ref": "#money"}))
        document["$defs"] = {
            "money": {"$anchor": "money", "type": "number", "minimum": bound},
            "seconds": {"$id": "latency.json", "type": "number", "minimum": bound},
        }
        document["properties"]["latency"] = {"$ref": "latency.json"}
        return json.dumps(document)

    old, new = schemas_with(tmp_path, "usage.schema.json", usage(1))
    (old / "usage.schema.json").write_text(usage(0))
    ran = cli("diff", str(old), str(new))
    assert ran.code == 0, ran
    assert "COMPATIBLE Usage /cost: minimum tightened: 0 -> 1" in ran.stdout
    assert "COMPATIBLE Usage /latency: minimum tightened: 0 -> 1" in ran.stdout
    compiled = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), str(ROOT / "scripts" / "compile.py"), str(new / "usage.schema.json")],
        capture_output=True,
        text=True,
        check=False,
    )  # the compiler reads the same file
    assert compiled.returncode == 0, compiled.stderr
