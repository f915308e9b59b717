"""The schema files themselves: valid 2020-12, stable ids, titles, descriptions, examples, offline refs;
openapi.yaml valid and pointing into schemas/."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
import yaml
from openapi_spec_validator import validate as validate_openapi
from referencing.exceptions import Unresolvable

from indoxhub_contract import TYPES, is_valid
from indoxhub_contract._registry import ERROR_BODIES

from .schemas import ROOT, by_title, documents, oracle, registry

FILES = sorted(documents())


@pytest.mark.parametrize("file", FILES)
def test_schema_is_valid_2020_12(file: str) -> None:
    document = documents()[file]
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(document)


@pytest.mark.parametrize("file", FILES)
def test_id_title_description(file: str) -> None:
    document = documents()[file]
    assert document["$id"] == f"https://schemas.indoxhub.com/contract/{file}"
    assert document["title"] and document["description"]


@pytest.mark.parametrize("name", TYPES)
def test_every_member_is_described(name: str) -> None:
    """A member's description may sit on its $ref target (the envelope's shared definitions)."""
    file, document = by_title(name)
    for member, schema in document["properties"].items():
        target = schema
        if "description" not in schema and "$ref" in schema:
            target = registry().resolver(document["$id"]).lookup(schema["$ref"]).contents
        assert isinstance(target.get("description"), str) and target["description"], f"{file}: {member}"


def refs(value: Any) -> list[str]:
    if isinstance(value, dict):
        own = [value["$ref"]] if isinstance(value.get("$ref"), str) else []
        return own + [r for key, item in value.items() if key != "examples" for r in refs(item)]
    if isinstance(value, list):
        return [r for item in value for r in refs(item)]
    return []


@pytest.mark.parametrize("file", FILES)
def test_every_ref_resolves_offline(file: str) -> None:
    document = documents()[file]
    resolver = registry().resolver(document["$id"])
    for reference in refs(document):
        assert not reference.startswith(("http:", "https:")), f"{file}: absolute $ref {reference}"
        try:
            resolver.lookup(reference)
        except Unresolvable as error:
            pytest.fail(f"{file}: $ref {reference!r} does not resolve: {error}")


@pytest.mark.parametrize("file", FILES)
def test_every_file_has_examples_that_validate(file: str) -> None:
    """Shared pieces too: the envelope's example against each of its member definitions."""
    document = documents()[file]
    assert document["examples"]
    for example in document["examples"]:
        validator = jsonschema.Draft202012Validator(document, registry=registry())
        assert not list(validator.iter_errors(example))
        for member, definition in document.get("$defs", {}).items():
            member_validator = jsonschema.Draft202012Validator(definition)
            assert member_validator.is_valid(example[member]), (file, member)


@pytest.mark.parametrize("name", TYPES)
def test_examples_validate_everywhere(name: str) -> None:
    _, document = by_title(name)
    assert document["examples"]
    for example in document["examples"]:
        for strict in (False, True):
            assert is_valid(name, example, strict=strict)
            assert not list(oracle(name, strict).iter_errors(example))


def test_openapi_is_valid_and_points_into_schemas() -> None:
    with (ROOT / "openapi.yaml").open(encoding="utf-8") as handle:
        spec = yaml.safe_load(handle)
    validate_openapi(spec, base_uri=(ROOT / "openapi.yaml").as_uri())
    assert spec["openapi"].startswith("3.1")
    assert spec["servers"] == [{"url": "https://api.indoxhub.com/api/v1"}]
    assert spec["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "description": "Authorization: Bearer <API key>",
    }
    answered = set()
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method == "parameters":
                continue
            schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
            assert set(schema) == {"$ref"} and schema["$ref"].startswith("./schemas/"), (method, path)
            answered.add(schema["$ref"].removeprefix("./schemas/"))
            for status in ("400", "401", "402", "403", "404", "422", "429", "500", "502", "503", "504"):
                assert status in operation["responses"], (method, path, status)
    assert answered == {by_title(name)[0] for name in TYPES if name not in ("Usage", *ERROR_BODIES)}


def test_openapi_lists_every_endpoint_of_the_reference() -> None:
    table = ROOT.parent / "shared" / "spec" / "api-endpoints.md"
    with (ROOT / "openapi.yaml").open(encoding="utf-8") as handle:
        spec = yaml.safe_load(handle)
    operations = {f"{m.upper()} {p}" for p, item in spec["paths"].items() for m in item if m != "parameters"}
    expected = {
        "POST /chat/completions",
        "POST /completions",
        "POST /embeddings",
        "POST /images/generations",
        "POST /videos/generations",
        "GET /videos/jobs/{job_id}",
        "POST /audio/tts/generations",
        "POST /audio/stt/transcriptions",
        "POST /audio/stt/translations",
    }
    assert operations == expected
    if table.exists():  # beside a checkout, also hold the list against the reference itself
        text = table.read_text(encoding="utf-8")
        for operation in expected:
            method, path = operation.split(" ")
            assert f"| {method} | `{path}`" in text
