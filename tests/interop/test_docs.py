"""docs/clients.md gives, for every generator `make interop` runs, the command the tests run, word for
word (so the page cannot rot), and the version it was tested with."""

from __future__ import annotations

import json

from . import (
    test_datamodel_codegen,
    test_openapi_generator,
    test_openapi_python_client,
    test_quicktype,
    test_typescript,
)
from .conftest import ROOT


def test_every_tested_command_is_on_the_page() -> None:
    page = (ROOT / "docs" / "clients.md").read_text()
    commands = [
        test_openapi_python_client.COMMAND,
        test_datamodel_codegen.COMMAND,
        test_quicktype.COMMAND,
        test_quicktype.RUST,
        *[command for command, _, _ in test_typescript.GENERATORS.values()],
        *[
            [part.replace("GENERATOR", name) for part in test_openapi_generator.COMMAND]
            for name in ("python", "typescript-fetch", "go", "java")
        ],
    ]
    missing = [" ".join(command) for command in commands if " ".join(command) not in page]
    assert missing == []
    pins = json.loads((ROOT / "js" / "interop" / "package.json").read_text())["devDependencies"]
    for tool, pinned in pins.items():
        assert f"{tool} {pinned}" in page, tool
    for pin in ("openapi-python-client 0.29.1", "openapi-generator 7.26.0", "datamodel-code-generator 0.89.0"):
        assert pin in page
