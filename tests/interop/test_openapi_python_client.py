"""openapi-python-client (default settings) on dist/openapi.json: every response model is generated, and
each valid fixture parses with `<Type>.from_dict` and comes back from `to_dict`, up to the generator's
documented normalisation (docs/clients.md: a UUID's case)."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import BIN, NAMES, run, valid_fixtures

PACKAGE = "indox_hub_api_responses_contract_client"
COMMAND = ["openapi-python-client", "generate", "--path", "dist/openapi.json", "--output-path", "client"]


@pytest.fixture(scope="module")
def models(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    folder = tmp_path_factory.mktemp("openapi-python-client")
    env = {"PATH": f"{BIN}:/usr/bin:/bin"}  # its post-generation ruff: the pinned one
    run([str(BIN / COMMAND[0]), *[part.replace("dist/", f"{dist}/") for part in COMMAND[1:]]], cwd=folder, env=env)
    sys.path.insert(0, str(folder / "client"))
    try:
        yield importlib.import_module(f"{PACKAGE}.models")
    finally:
        sys.path.remove(str(folder / "client"))


def normalised(payload: Any) -> Any:
    """What the generator's to_dict gives back: a UUID (format: uuid) in lower case."""
    if isinstance(payload, dict):
        return {
            key: (value.lower() if key == "request_id" and isinstance(value, str) else normalised(value))
            for key, value in payload.items()
        }
    return payload


def test_every_response_model_is_generated(models: Any) -> None:
    assert all(hasattr(models, name) for name in NAMES.values())


@pytest.mark.parametrize(
    ("type_name", "fixture", "payload"), valid_fixtures(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_valid_fixture_round_trips(models: Any, type_name: str, fixture: str, payload: Any) -> None:
    instance = getattr(models, type_name).from_dict(payload)
    assert instance.to_dict() == normalised(payload)
