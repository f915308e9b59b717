"""Every client docs/clients.md lists, built by running the page's blocks as written (scripts/build_clients.py,
`make roundtrip`), then the whole valid fixture corpus through `scripts/roundtrip.py NAME`, run by the
base interpreter (no virtual environment: standard library only). For each answer: it decoded; the
re-encoded payload is valid under the contract; every documented member kept its value, up to the
allowed normalisations (numbers by value, a UUID's case, an explicit null of a nullable optional member
gone); undocumented members kept. The one exemption, an integer written with a fraction (12.0) failing
to decode, is allowed only for the clients the page names for it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from indoxhub_contract import is_valid, iter_errors
from indoxhub_contract._api import undocumented_members

from .conftest import ROOT, valid_fixtures

SCRIPTS = ROOT / "scripts"
PYTHON = getattr(sys, "_base_executable", sys.executable)  # the interpreter under the venv
UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
# docs/clients.md: the clients whose language's decoder refuses 12.0 for an integer member.
FRACTION_EXEMPT = {"go-openapi-generator", "rust-quicktype", "python-openapi-generator"}
# docs/clients.md: the clients that drop undocumented members (none, with the page's settings and patches).
DROP_UNDOCUMENTED: set[str] = set()


def roundtrip(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PYTHON, str(SCRIPTS / "roundtrip.py"), *args], input=stdin, capture_output=True, text=True, check=False
    )


NAMES = roundtrip("--list").stdout.split()


def differences(original: Any, back: Any, where: str = "") -> list[tuple[str, str]]:
    """(pointer, what) for every way `back` differs from `original` beyond the allowed normalisations;
    "dropped" and "null gone" are judged by the caller."""
    if isinstance(original, bool) or isinstance(back, bool):
        return [] if type(original) is type(back) and original == back else [(where, "changed")]
    if isinstance(original, (int, float)) and isinstance(back, (int, float)):
        return [] if original == back else [(where, "changed")]
    if isinstance(original, str) and isinstance(back, str):
        same = original == back or (bool(UUID.match(original)) and original.lower() == back.lower())
        return [] if same else [(where, "changed")]
    if isinstance(original, dict) and isinstance(back, dict):
        found = []
        for key, value in original.items():
            if key not in back:
                found.append((f"{where}/{key}", "null gone" if value is None else "dropped"))
            else:
                found += differences(value, back[key], f"{where}/{key}")
        found += [(f"{where}/{key}", "added") for key in back if key not in original]
        return found
    if isinstance(original, list) and isinstance(back, list) and len(original) == len(back):
        pairs = enumerate(zip(original, back, strict=True))
        return [found for index, pair in pairs for found in differences(*pair, f"{where}/{index}")]
    return [] if original == back else [(where, "changed")]


def fraction_written(value: Any) -> bool:
    if isinstance(value, float):
        return value.is_integer()
    if isinstance(value, dict):
        return any(fraction_written(item) for item in value.values())
    if isinstance(value, list):
        return any(fraction_written(item) for item in value)
    return False


def test_list_names_every_client_by_language() -> None:
    assert NAMES and all(re.fullmatch(r"(go|rust|java|python|typescript)-[a-z0-9-]+", name) for name in NAMES)
    for language in ("go", "rust", "java", "python", "typescript"):
        assert any(name.startswith(language + "-") for name in NAMES), language


@pytest.mark.parametrize("name", NAMES)
def test_every_valid_fixture_survives_the_round_trip(clients: Path, name: str) -> None:
    fixtures = valid_fixtures()
    assert {type_name for type_name, _, _ in fixtures} >= {"ErrorBody", "ValidationErrorBody"}
    lines = "".join(json.dumps({"type": t, "payload": p}) + "\n" for t, _, p in fixtures)
    ran = roundtrip(name, stdin=lines)
    assert ran.returncode == 0, ran.stderr
    answers = [json.loads(line) for line in ran.stdout.splitlines()]
    assert len(answers) == len(fixtures)
    problems = []
    for (type_name, fixture, payload), back in zip(fixtures, answers, strict=True):
        where = f"{type_name} {fixture!r}"
        if isinstance(back, dict) and set(back) == {"error"}:
            if not (name in FRACTION_EXEMPT and fraction_written(payload)):
                problems.append(f"{where}: does not decode: {back['error'][:200]}")
            continue
        if not is_valid(type_name, back):
            problems.append(f"{where}: re-encoded invalid: {[e.message for e in iter_errors(type_name, back)][:3]}")
        undocumented = undocumented_members(type_name, payload)
        for pointer, what in differences(payload, back):
            if what == "null gone":
                continue  # is_valid above holds that the member may be absent
            if what == "dropped" and name in DROP_UNDOCUMENTED and pointer in undocumented:
                continue
            problems.append(f"{where}: {pointer} {what}")
    assert problems == []
    exempt = sum(fraction_written(p) for _, _, p in fixtures)
    print(f"\n{name}: {len(fixtures)} valid fixtures round-tripped ({exempt} written with 12.0)")


def test_requests_are_answered_one_line_each_in_order(clients: Path) -> None:
    name = NAMES[0]
    usage = {"tokens_prompt": 1, "tokens_completion": 2, "tokens_total": 3, "cost": 0.5, "latency": 0.1}
    lines = [
        json.dumps({"type": "Usage", "payload": usage}),
        "not json",
        json.dumps({"type": "Nope", "payload": {}}),
        "",
        json.dumps({"type": "Usage", "payload": {"tokens_prompt": "x"}}),
        json.dumps({"type": "ErrorBody", "payload": {"detail": "no"}}),
    ]
    ran = roundtrip(name, stdin="\n".join(lines) + "\n")
    assert ran.returncode == 0, ran.stderr
    answers = [json.loads(line) for line in ran.stdout.splitlines()]
    assert len(answers) == len(lines)
    assert answers[0] == usage and answers[5] == {"detail": "no"}
    assert [set(answer) for answer in answers[1:5]] == [{"error"}] * 4
    assert "unknown type" in answers[2]["error"] and "Nope" in answers[2]["error"]


def test_unknown_or_unbuilt_clients_exit_2(tmp_path: Path) -> None:
    ran = roundtrip("cobol-nothing")
    assert ran.returncode == 2 and "unknown client 'cobol-nothing'" in ran.stderr
    ran = roundtrip()
    assert ran.returncode == 2 and "usage:" in ran.stderr
    # A checkout where `make roundtrip` has not run: the same scripts and page, no build/ folder.
    for name in ("scripts/roundtrip.py", "scripts/clients_page.py", "docs/clients.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes((ROOT / name).read_bytes())
    fresh = subprocess.run(
        [PYTHON, str(tmp_path / "scripts" / "roundtrip.py"), NAMES[0]], input="", capture_output=True, text=True
    )
    assert fresh.returncode == 2 and "is not built yet: run `make roundtrip`" in fresh.stderr
