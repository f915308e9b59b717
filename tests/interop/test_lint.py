"""Redocly (recommended rules) and Spectral (spectral:oas) on the published dist/openapi.json, and on
the source openapi.yaml with the configuration the repository ships: no error, no warning."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import ROOT, TOOLS, run


@pytest.mark.parametrize("which", ["dist/openapi.json", "openapi.yaml"])
def test_redocly_recommended(dist: Path, which: str, tmp_path: Path) -> None:
    # dist/openapi.json with no configuration at all (the built-in recommended rules); openapi.yaml with
    # redocly.yaml, which turns off one rule for the source only (README: Linting).
    target, cwd = (dist / "openapi.json", tmp_path) if which.startswith("dist") else (ROOT / "openapi.yaml", ROOT)
    done = run([str(TOOLS / "redocly"), "lint", str(target), "--format", "json"], cwd=cwd)
    totals = json.loads(done.stdout)["totals"]
    assert (totals["errors"], totals["warnings"]) == (0, 0), totals


@pytest.mark.parametrize("which", ["dist/openapi.json", "openapi.yaml"])
def test_spectral_oas(dist: Path, which: str) -> None:
    target = dist / "openapi.json" if which.startswith("dist") else ROOT / "openapi.yaml"
    done = run(
        [
            str(TOOLS / "spectral"),
            "lint",
            str(target),
            "--ruleset",
            str(ROOT / ".spectral.yaml"),
            "--format",
            "json",
            "--quiet",
        ]
    )
    assert json.loads(done.stdout or "[]") == []
