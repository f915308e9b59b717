"""What the contract is made of: the response types, their schema files, and the endpoint mapping."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from compiler import CompileError

from indoxhub_contract._reading import ReadError, read_json

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schemas"
OPENAPI = ROOT / "openapi.yaml"

# The eight response types on the reference page, in its order (Usage first: the others use it).
TYPES = (
    "Usage",
    "ChatResponse",
    "CompletionResponse",
    "EmbeddingResponse",
    "ImageResponse",
    "VideoResponse",
    "AudioResponse",
    "VideoJobStatus",
)


# Shared pieces that are objects of their own also get validators and a model (for from_dict).
PIECES = ("ImageItem",)
# The bodies of error answers (openapi.yaml's 4xx and 5xx responses): not response types of the page,
# compiled like them for checking HTTP traffic, and listed apart.
ERROR_BODIES = ("ErrorBody", "ValidationErrorBody")


def kebab(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


def snake(name: str) -> str:
    return kebab(name).replace("-", "_")


def schema_file(name: str) -> str:
    return f"{kebab(name)}.schema.json"


def version(pyproject: str | None = None) -> str:
    """The contract version: `version` in pyproject.toml (this checkout's, or the text given), the one
    place it is written."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8") if pyproject is None else pyproject
    match = re.search(r'^version = "([^"]+)"', text, re.M)
    if not match:
        raise SystemExit("pyproject.toml: no version")
    return match.group(1)


def load_documents() -> dict[str, Any]:
    """Every schema in schemas/, by file name, read as strictly as payloads (a duplicate member or NaN
    in a schema is refused like any malformed schema: CompileError)."""
    documents = {}
    for path in sorted(SCHEMAS.glob("*.schema.json")):
        try:
            documents[path.name] = read_json(path.read_bytes())
        except ReadError as error:
            raise CompileError(path.name, "", error.keyword, f"line {error.line}: {error.message}") from None
    return documents


def routes() -> list[tuple[str, str, dict[int, str], bool]]:
    """(METHOD, /path/{template}, {status: type name}, streams) for every operation of openapi.yaml: the
    200's response type, each error status's body type, and whether the 200 may be an event stream."""
    import yaml  # a development tool: the generator's input, never the runtime's

    spec = yaml.safe_load(OPENAPI.read_text(encoding="utf-8"))
    by_file = {schema_file(name): name for name in TYPES + ERROR_BODIES}

    def body_type(response: Any) -> str:
        if "$ref" in response:
            response = spec["components"]["responses"][response["$ref"].rsplit("/", 1)[-1]]
        return by_file[response["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]]

    found = []
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method == "parameters":
                continue
            statuses = {int(status): body_type(response) for status, response in operation["responses"].items()}
            streams = "text/event-stream" in operation["responses"]["200"]["content"]
            found.append((method.upper(), path, statuses, streams))
    return sorted(found, key=lambda route: (route[1], route[0]))


def endpoints() -> dict[str, str]:
    """ "METHOD /path" -> the type its 200 answers with."""
    return {f"{method} {path}": statuses[200] for method, path, statuses, _ in routes()}
