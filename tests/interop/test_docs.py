"""docs/clients.md states the versions `make interop` runs: every pinned tool of js/interop and the
interop extra, at its pinned version. (That the page's blocks run as written is proved by building every
section with them: tests/interop/test_roundtrip.py and test_typescript.py.)"""

from __future__ import annotations

import json
import re

from clients_page import sections

from .conftest import ROOT


def test_the_page_names_the_pinned_versions() -> None:
    page = (ROOT / "docs" / "clients.md").read_text()
    pins = json.loads((ROOT / "js" / "interop" / "package.json").read_text())["devDependencies"]
    pins.pop("@redocly/cli"), pins.pop("@stoplight/spectral-cli")  # linters: named in their own section
    missing = [f"{tool} {pinned}" for tool, pinned in pins.items() if f"{tool} {pinned}" not in page]
    extra = (ROOT / "pyproject.toml").read_text()
    for tool in ("openapi-python-client", "openapi-generator-cli", "datamodel-code-generator"):
        match = re.search(rf'"{tool}==([^"]+)"', extra)
        assert match is not None, tool
        if f"{tool.removesuffix('-cli')} {match[1]}" not in page:
            missing.append(f"{tool} {match[1]}")
    typescript = json.loads((ROOT / "js" / "package.json").read_text())["devDependencies"]["typescript"]
    if f"TypeScript {typescript}" not in page:
        missing.append(f"TypeScript {typescript}")
    assert missing == []


def test_every_section_has_blocks_to_run() -> None:
    found = sections()
    assert len(found) >= 10
    assert [section.name for section in found if not any(block.file is None for block in section.blocks)] == []
