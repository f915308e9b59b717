"""openapi-generator 7.26 (the PyPI wheel's jar, Java 17), default settings, from dist/openapi.json:
`python` imports and parses every valid fixture with `<Type>.from_dict` (but the integral floats its
StrictInt refuses, listed in docs/clients.md); `typescript-fetch` compiles under tsc --strict; `go` and
`java` generate without error (no Go toolchain or Maven here to compile them)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from .conftest import BIN, FIXTURES, NAMES, ROOT, run

TSC = ROOT / "js" / "node_modules" / "typescript" / "bin" / "tsc"
# Valid in the contract (12.0 is an integer in JSON Schema), refused by the generated python models,
# which type integers as pydantic's StrictInt. The generator's runtime, stricter than the contract.
STRICT_INT = {
    (stem, "usage.tokens_prompt is 12.0 (an integer in JSON Schema)")
    for stem in (
        "audio-response",
        "chat-response",
        "completion-response",
        "embedding-response",
        "image-response",
        "video-response",
    )
}


COMMAND = ["openapi-generator-cli", "generate", "-i", "dist/openapi.json", "-g", "GENERATOR", "-o", "GENERATOR"]


def generate(dist: Path, folder: Path, generator: str) -> Path:
    command = [part.replace("GENERATOR", generator).replace("dist/", f"{dist}/") for part in COMMAND]
    run([str(BIN / command[0]), *command[1:]], cwd=folder)
    return folder / generator


def test_python_client_parses_the_valid_fixtures(dist: Path, tmp_path: Path) -> None:
    output = generate(dist, tmp_path, "python")
    sys.path.insert(0, str(output))
    try:
        from openapi_client import models  # type: ignore[import-not-found]

        refused, parsed = set(), 0
        for path in sorted(FIXTURES.glob("*.json")):
            model = getattr(models, NAMES[path.stem])
            for case in json.loads(path.read_text()):
                if not case["default"]:
                    continue
                try:
                    assert model.from_dict(case["payload"]) is not None
                    parsed += 1
                except ValueError:  # pydantic's ValidationError is a ValueError
                    refused.add((path.stem, case["name"]))
    finally:
        sys.path.remove(str(output))
        for name in [module for module in sys.modules if module.startswith("openapi_client")]:
            del sys.modules[name]
    assert refused == STRICT_INT
    assert hasattr(models, "Message")  # the request model the envelope's `message` once shadowed
    print(f"\nopenapi-generator python: {parsed} valid fixtures parsed, {len(refused)} refused (StrictInt)")


def test_typescript_fetch_compiles_under_strict(dist: Path, tmp_path: Path) -> None:
    output = generate(dist, tmp_path, "typescript-fetch")
    assert (output / "models" / "Message.ts").is_file()
    options = [
        "--noEmit",
        "--strict",
        "--target",
        "es2020",
        "--module",
        "esnext",
        "--moduleResolution",
        "bundler",
        "--lib",
        "es2020,dom",
    ]
    run(["node", str(TSC), *options, "index.ts"], cwd=output)


@pytest.mark.parametrize(("generator", "model"), [("go", "model_chat_response.go"), ("java", "ChatResponse.java")])
def test_go_and_java_generate(dist: Path, tmp_path: Path, generator: str, model: str) -> None:
    output = generate(dist, tmp_path, generator)
    assert [path for path in output.rglob(model)], sorted(p.name for p in output.rglob("*"))[:20]
