"""`make dist`: the artifacts another language's client takes, checked as that client would use them:
self-contained schemas, one-file OpenAPI, TypeScript through the real tsc, Ajv's verdicts equal ours,
and the built wheel installed into a fresh environment running the real CLI."""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
import sys
import venv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from contract import schema_file, version
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openapi_spec_validator import validate as validate_openapi

from indoxhub_contract import TYPES, is_valid

from ..fuzz.mutations import mutations
from ..fuzz.support import FILES, bundled, valid_payloads
from .conftest import run

ROOT = Path(__file__).resolve().parent.parent.parent
JS = ROOT / "js"
VERSION = version()


def all_files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_dist_is_deterministic(dist: Path, tmp_path: Path) -> None:
    run([sys.executable, str(ROOT / "scripts" / "dist.py"), "--output", str(tmp_path), "--no-wheel"])
    assert all_files(tmp_path) == all_files(dist)


@pytest.mark.parametrize("strict", [False, True], ids=["default", "strict"])
@pytest.mark.parametrize("name", TYPES)
def test_published_schema_is_self_contained_and_versioned(dist: Path, name: str, strict: bool) -> None:
    document = json.loads((dist / "schemas" / ("strict" if strict else "") / FILES[name]).read_text())
    jsonschema.Draft202012Validator.check_schema(document)
    assert document["title"] == name
    assert f"/contract/{VERSION}/" in document["$id"]
    text = json.dumps(document)
    assert all(ref.startswith("#") for ref in re.findall(r'"\$ref": "([^"]*)"', text))
    assert (document.get("additionalProperties") is False) is strict


def test_one_file_openapi(dist: Path) -> None:
    spec = json.loads((dist / "openapi.json").read_text())
    validate_openapi(spec)
    assert spec["info"]["version"] == VERSION
    assert all(ref.startswith("#/") for ref in re.findall(r'"\$ref": "([^"]*)"', json.dumps(spec)))
    import yaml

    assert yaml.safe_load((dist / "openapi.yaml").read_text()) == spec


def test_typescript_compiles_with_real_tsc(dist: Path) -> None:
    folder = dist / "typescript"
    shutil.copy(Path(__file__).with_name("usage.ts"), folder / "usage.ts")
    tsc = JS / "node_modules" / "typescript" / "bin" / "tsc"
    run(
        [
            "node",
            str(tsc),
            "--noEmit",
            "--strict",
            "--target",
            "es2020",
            "--module",
            "es2020",
            "--moduleResolution",
            "bundler",
            str(folder / "usage.ts"),
        ]
    )
    declared = set(re.findall(r"export (?:interface|type) (\w+)", (folder / "index.d.ts").read_text()))
    assert set(TYPES) <= declared


def test_docs_page_per_type(dist: Path) -> None:
    for name in (*TYPES, "ErrorBody", "ValidationErrorBody"):
        page = (dist / "docs" / schema_file(name).replace(".schema.json", ".md")).read_text()
        assert page.startswith(f"# {name}\n")
        members = json.loads((ROOT / "generated" / "schemas" / schema_file(name)).read_text())["properties"]
        assert [member for member in members if f"| `{member}` |" not in page] == []


@functools.cache
def corpus() -> tuple[dict[str, Any], ...]:
    """The fixture corpus, then Hypothesis-drawn valid payloads and one mutation of each: drawn once per
    run, for Ajv and both npm builds alike."""
    found = []
    for path in sorted((ROOT / "tests" / "fixtures").glob("*.json")):
        for case in json.loads(path.read_text()):
            for strict in (False, True):
                found.append({"file": path.stem + ".schema.json", "strict": strict, "payload": case["payload"]})
    for name in TYPES:
        for strict in (False, True):
            draw_into(found, name, strict)
    return tuple(found)


def draw_into(drawn: list[dict[str, Any]], name: str, strict: bool) -> None:
    document = bundled(name, strict)

    @settings(max_examples=15, database=None, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.data())
    def draw(data: st.DataObject) -> None:
        payload = data.draw(valid_payloads(name, strict))
        mutation = data.draw(st.sampled_from(mutations(document, payload, strict)))
        for value in (payload, mutation.apply(payload)):
            drawn.append({"file": FILES[name], "strict": strict, "payload": value})

    draw()


def test_ajv_agrees_with_the_python_validator(dist: Path, tmp_path: Path) -> None:
    cases = list(corpus())
    lines = "".join(json.dumps(case) + "\n" for case in cases)
    (tmp_path / "corpus.jsonl").write_text(lines)
    done = run(["node", str(JS / "ajv-verdicts.mjs"), str(dist / "schemas")], input=lines)
    verdicts = done.stdout.split()
    assert len(verdicts) == len(cases)
    titles = {file: name for name, file in FILES.items()}
    disagreements = [
        (case, verdict)
        for case, verdict in zip(cases, verdicts, strict=True)
        if (verdict == "true") != is_valid(titles[case["file"]], case["payload"], strict=case["strict"])
    ]
    assert not disagreements, disagreements[:5]
    assert {"true", "false"} == set(verdicts)


def test_wheel_installs_into_a_fresh_environment_and_validates(tmp_path: Path) -> None:
    # --no-isolation: build with the pinned setuptools already installed, no download at test time.
    run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path / "wheel"), str(ROOT)])
    [wheel] = (tmp_path / "wheel").glob("*.whl")
    venv.EnvBuilder(with_pip=True).create(tmp_path / "env")
    python = tmp_path / "env" / "bin" / "python"
    # --no-index: the package needs nothing beyond the standard library to install or run.
    run([str(python), "-m", "pip", "install", "--quiet", "--no-index", str(wheel)])
    good = json.loads((ROOT / "schemas" / "chat-response.schema.json").read_text())["examples"][0]
    (tmp_path / "good.json").write_text(json.dumps(good))
    (tmp_path / "bad.json").write_text(json.dumps({**good, "request_id": "abc"}))
    command = str(tmp_path / "env" / "bin" / "indoxhub-contract")
    env = {**os.environ, "PYTHONPATH": ""}
    assert run([command, "validate", "--type", "ChatResponse", str(tmp_path / "good.json")], env=env).stdout.endswith(
        "0 invalid, 1 file\n"
    )
    bad = subprocess.run(
        [command, "validate", "--type", "ChatResponse", str(tmp_path / "bad.json")],
        capture_output=True,
        text=True,
        env=env,
    )
    assert bad.returncode == 1 and "/request_id:" in bad.stdout
    # No `fast` extra here: the standard-library reader, named, and a forced fast reader is refused.
    assert (
        run([command, "--version"], env=env).stdout
        == f"indoxhub-contract {version()} (JSON reader: stdlib, jiter is not installed)\n"
    )
    forced = subprocess.run(
        [command, "validate", "--type", "ChatResponse", str(tmp_path / "good.json")],
        capture_output=True,
        text=True,
        env={**env, "INDOXHUB_CONTRACT_READER": "fast"},
    )
    assert (forced.returncode, forced.stdout) == (2, "") and "pip install 'indoxhub-contract[fast]'" in forced.stderr
    shipped = run(
        [
            str(python),
            "-c",
            "import importlib.resources as r; p = r.files('indoxhub_contract'); print((p / "
            "'openapi.yaml').is_file(), (p / 'schemas' / 'usage.schema.json').is_file())",
        ]
    )
    assert shipped.stdout.split() == ["True", "True"]


def test_openapi_shape_for_client_generators(dist: Path) -> None:
    """What the generators people use need (docs/clients.md): every schema a named component or inline,
    no reference into a component's insides, no unused component, no `default` that would make an
    optional member required, open maps marked open."""
    spec = json.loads((dist / "openapi.json").read_text())
    text = json.dumps(spec)
    references = re.findall(r'"\$ref": "([^"]*)"', text)
    assert all(re.fullmatch(r"#/components/(schemas|responses)/[A-Za-z0-9]+", ref) for ref in references), references
    components = spec["components"]["schemas"]
    used = {ref.rsplit("/", 1)[-1] for ref in references if ref.startswith("#/components/schemas/")}
    assert set(components) == used  # none unused
    assert len({name.lower() for name in components}) == len(components)  # none competing for a name
    assert "$defs" not in text and "Envelope" not in components

    def walk(schema: Any) -> Iterator[dict[str, Any]]:
        if isinstance(schema, dict):
            yield schema
            for key, value in schema.items():
                if key not in ("examples", "enum", "const"):
                    yield from walk(value)
        elif isinstance(schema, list):
            for item in schema:
                yield from walk(item)

    schemas = list(walk(components))
    assert not [s for s in schemas if "default" in s]
    free_form = [s for s in schemas if "object" in (s.get("type") or []) and "properties" not in s]
    assert free_form and all(s.get("additionalProperties") is True for s in free_form)
    usage = components["ChatResponse"]["properties"]["success"]
    assert "default true" in usage["description"].lower()  # the contract still says the default


def test_every_published_schema_compiles_in_ajv_strict_mode(dist: Path) -> None:
    """Ajv 2020 with strict: true, with ajv-formats and with validateFormats: false: no error, no warning."""
    problems = run(["node", str(JS / "ajv-strict.mjs"), str(dist / "schemas")]).stdout
    assert problems == ""


@pytest.mark.parametrize("strict", [False, True], ids=["default", "strict"])
@pytest.mark.parametrize("name", TYPES)
def test_schema_command_prints_the_published_file(dist: Path, name: str, strict: bool) -> None:
    """One document, one $id: what `indoxhub-contract schema T` prints is the published file, byte for byte."""
    from ..cli.conftest import cli

    printed = cli("schema", name, *(["--strict"] if strict else []))
    published = (dist / "schemas" / ("strict" if strict else "") / FILES[name]).read_text(encoding="utf-8")
    assert printed.code == 0 and printed.stdout == published
    source = json.loads((ROOT / "schemas" / FILES[name]).read_text())
    assert json.loads(published)["$id"] != source["$id"]


def test_openapi_numbers_are_wide_and_objects_open(dist: Path) -> None:
    """What generators need to keep every value (issue 21, item 1): integers int64, numbers double (no
    int32/float32), and every object says additionalProperties: true (the default profile), so unknown
    members are kept rather than refused or dropped. dist/schemas stays what `schema T` prints."""
    spec = json.loads((dist / "openapi.json").read_text())
    seen: dict[str, int] = {"integer": 0, "number": 0, "object": 0}
    wrong: list[str] = []

    def walk(value: Any, where: str) -> None:
        if isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, f"{where}/{index}")
            return
        if not isinstance(value, dict):
            return
        kinds = value.get("type")
        kinds = [kinds] if isinstance(kinds, str) else kinds if isinstance(kinds, list) else []
        for kind, key, expected in (("integer", "format", "int64"), ("number", "format", "double")):
            if kind in kinds:
                seen[kind] += 1
                if value.get(key) != expected:
                    wrong.append(f"{where}: {kind} without {key} {expected}")
        if "object" in kinds:
            seen["object"] += 1
            if value.get("additionalProperties") is not True:
                wrong.append(f"{where}: object not open")
        for key, item in value.items():
            if key not in ("enum", "const", "examples", "example", "default"):
                walk(item, f"{where}/{key}")

    walk(spec["components"]["schemas"], "#/components/schemas")
    assert wrong == []
    assert min(seen.values()) > 0, seen
    published = json.loads((dist / "schemas" / "usage.schema.json").read_text())
    assert published == json.loads((ROOT / "generated" / "schemas" / "usage.schema.json").read_text())
