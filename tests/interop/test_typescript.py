"""openapi-typescript and @hey-api/openapi-ts (the types-only sections of docs/clients.md, built as written by
the `clients` fixture) on dist/openapi.json: every valid fixture
with only documented members type-checks as its response type under the real `tsc --strict`, and a
fixture with a JSON type swapped in a documented member fails to (each `@ts-expect-error` must meet an
error, or tsc fails)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from indoxhub_contract import is_valid

from .conftest import ROOT, run, valid_fixtures

TSC = ROOT / "js" / "node_modules" / "typescript" / "bin" / "tsc"
GENERATORS = {
    # the section of docs/clients.md: (the import line, how a type is named)
    "typescript-openapi-typescript": ('import type { components } from "./schema";', 'components["schemas"]["{name}"]'),
    "typescript-hey-api": ('import type * as types from "./hey/types.gen";', "types.{name}"),
}


def swapped(payload: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """One payload per documented member whose JSON type is swapped: a number for a string, a string for
    a number, an object for an array."""
    found = []
    for member, value in payload.items():
        if isinstance(value, bool) or value is None:
            continue
        if isinstance(value, str):
            other: Any = 5
        elif isinstance(value, (int, float)):
            other = "5"
        elif isinstance(value, list):
            other = {"a": 1}
        else:
            continue
        found.append((member, {**payload, member: other}))
    return found


def program(import_line: str, type_of: str) -> tuple[str, int, int]:
    """check.ts: every documented-only valid fixture as a typed constant, then swapped ones under
    @ts-expect-error (those our validator rejects: the swap breaks the contract's JSON type)."""
    lines = [import_line, ""]
    valid = wrong = 0
    seen: set[str] = set()
    for type_name, fixture, payload in valid_fixtures(documented_only=True):
        lines.append(f"// {fixture}")
        lines.append(f"export const v{valid}: {type_of.format(name=type_name)} = {json.dumps(payload)};")
        valid += 1
        if type_name in seen or not isinstance(payload, dict):
            continue
        seen.add(type_name)
        for member, changed in swapped(payload):
            if not is_valid(type_name, changed, strict=True):
                lines.append(f"// @ts-expect-error {type_name}.{member} of the wrong JSON type")
                lines.append(f"export const w{wrong}: {type_of.format(name=type_name)} = {json.dumps(changed)};")
                wrong += 1
    return "\n".join(lines) + "\n", valid, wrong


@pytest.mark.parametrize("generator", sorted(GENERATORS))
def test_fixtures_type_check(clients: Path, generator: str) -> None:
    import_line, type_of = GENERATORS[generator]
    folder = clients / generator
    text, valid, wrong = program(import_line, type_of)
    (folder / "check.ts").write_text(text)
    options = ["--noEmit", "--strict", "--target", "es2022", "--module", "esnext", "--moduleResolution", "bundler"]
    run(["node", str(TSC), *options, "check.ts"], cwd=folder)
    assert valid == len(valid_fixtures(documented_only=True)) and wrong > 0, (valid, wrong)
    print(f"\n{generator}: {valid} valid fixtures type-check, {wrong} swapped members rejected")
