"""The round-trip program of the Python clients (docs/clients.md): JSON Lines {"type": T, "payload": P}
on standard input; for each, P decoded into the client's model T and encoded again, or {"error": ...}.

    python3 clients/python/roundtrip.py GENERATOR FOLDER

GENERATOR is one of CLIENTS below; FOLDER is where the page's blocks wrote its output."""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Callable
from typing import Any

Convert = Callable[[str, Any], Any]


def openapi_python_client(folder: str) -> Convert:
    sys.path.insert(0, f"{folder}/client")
    models = importlib.import_module("indox_hub_api_responses_contract_client.models")
    return lambda name, payload: getattr(models, name).from_dict(payload).to_dict()


def openapi_generator(folder: str) -> Convert:
    sys.path.insert(0, f"{folder}/python")
    models = importlib.import_module("openapi_client.models")

    def convert(name: str, payload: Any) -> Any:
        # to_dict() holds uuid.UUID objects for `format: uuid` members (its own to_json() fails on them)
        return json.loads(json.dumps(getattr(models, name).from_dict(payload).to_dict(), default=str))

    return convert


def datamodel_code_generator(folder: str) -> Convert:
    sys.path.insert(0, folder)
    models = importlib.import_module("models")

    def convert(name: str, payload: Any) -> Any:
        # exclude_unset: a member the payload did not hold is not written (pydantic writes its default)
        return getattr(models, name).model_validate(payload).model_dump(mode="json", by_alias=True, exclude_unset=True)

    return convert


CLIENTS: dict[str, Callable[[str], Convert]] = {
    "openapi-python-client": openapi_python_client,
    "openapi-generator": openapi_generator,
    "datamodel-code-generator": datamodel_code_generator,
}


def main(generator: str, folder: str) -> int:
    convert = CLIENTS[generator](folder)
    for line in sys.stdin:
        try:
            request = json.loads(line)
            answer = json.dumps(convert(request["type"], request["payload"]), ensure_ascii=False)
        except Exception as error:  # the client's own exceptions: any of them is this line's answer
            answer = json.dumps({"error": f"{type(error).__name__}: {error}"[:1000]}, ensure_ascii=False)
        sys.stdout.write(answer + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
