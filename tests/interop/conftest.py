"""`make interop`: the published contract through the client generators and linters people use, each
with its default settings (tools pinned in js/interop/package-lock.json and the `interop` extra)."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import metadata
from pathlib import Path
from typing import Any

import pytest

from indoxhub_contract._registry import canonical

ROOT = Path(__file__).resolve().parent.parent.parent
TOOLS = ROOT / "js" / "interop" / "node_modules" / ".bin"
BIN = Path(sys.executable).parent
FIXTURES = ROOT / "tests" / "fixtures"


def repository_url() -> str:
    """[project.urls] Repository, as installed: the one place the repository's address is written."""
    urls = dict(entry.split(", ", 1) for entry in metadata("indoxhub-contract").get_all("Project-URL") or [])
    return str(urls["Repository"])


@pytest.fixture(scope="session")
def clients() -> Path:
    """Every section of docs/clients.md run as written (`make roundtrip`), once: build/roundtrip/NAME/."""
    ran = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_clients.py")], capture_output=True, text=True)
    assert ran.returncode == 0, ran.stdout[-3000:] + ran.stderr[-6000:]
    return ROOT / "build" / "roundtrip"


def run(command: list[str], **options: Any) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(command, capture_output=True, text=True, check=False, **options)
    assert done.returncode == 0, f"{command}\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
    return done


def valid_fixtures(documented_only: bool = False) -> list[tuple[str, str, Any]]:
    """(type name, fixture name, payload) for every fixture valid in the default profile; with
    `documented_only`, only those valid in the strict profile too (no member the page does not list)."""
    found = []
    for path in sorted(FIXTURES.glob("*.json")):
        for case in json.loads(path.read_text()):
            if case["default"] and (case["strict"] or not documented_only):
                found.append((canonical(path.stem), case["name"], case["payload"]))
    return found
