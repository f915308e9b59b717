"""The repository stands alone: what users and maintainers need is in it, and nothing it holds points
at a file outside it (the reference material the project was started from is not part of a clone)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTSIDE = re.compile(r"(?<![\w.])(\.\./)+shared/|\bshared/spec/|\bshared/STYLE\.md|json-schema-test-suite/")


def test_no_file_points_outside_the_repository() -> None:
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    offenders = []
    for name in tracked.decode().split("\0"):
        path = ROOT / name
        if not name or path.is_symlink() or not path.is_file() or name == "tests/test_repository.py":
            continue
        text = path.read_bytes().decode("utf-8", "replace")
        offenders += [f"{name}: {match[0]}" for match in OUTSIDE.finditer(text)]
    assert offenders == []


def test_the_contract_rules_are_linked_from_readme_and_contributing() -> None:
    for name in ("README.md", "CONTRIBUTING.md"):
        assert "(docs/contract.md)" in (ROOT / name).read_text(), name


def test_no_line_escapes_the_formatter() -> None:
    """Line length is the formatter's and E501's (pyproject.toml), with no exceptions kept by hand."""
    tracked = subprocess.run(["git", "ls-files", "-z", "*.py"], cwd=ROOT, capture_output=True, check=True).stdout
    marker = "fmt: " + "skip"  # spelled apart, so this file does not hold it
    offenders = [name for name in tracked.decode().split("\0") if name and marker in (ROOT / name).read_text()]
    assert offenders == []


def test_scripts_need_no_path_edits() -> None:
    """The build helpers import each other as scripts run by path do; no code edits sys.path for that."""
    marker = "sys.path." + "insert(0, str("  # spelled apart, so this file does not hold it
    edits = [
        str(path.relative_to(ROOT))
        for folder in ("scripts", "tests")
        for path in (ROOT / folder).rglob("*.py")
        if marker in path.read_text() and "interop" not in path.parts  # interop imports generated clients
    ]
    assert edits == []


WORKFLOWS = re.search(r"^WORKFLOWS := (.*)$", (ROOT / "Makefile").read_text(), re.M)


def test_make_lint_holds_every_workflow_to_githubs_schema(tmp_path: Path) -> None:
    """Every file in .github/workflows is in the Makefile's list, passes the check `make lint` runs, and
    that check refuses a workflow GitHub would refuse (a job with no runs-on)."""
    assert WORKFLOWS is not None
    listed = sorted(WORKFLOWS[1].split())
    assert listed == sorted(str(p.relative_to(ROOT)) for p in (ROOT / ".github" / "workflows").glob("*.y*ml"))
    command = [str(Path(sys.executable).parent / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows"]
    good = subprocess.run([*command, *listed], cwd=ROOT, capture_output=True, text=True)
    assert good.returncode == 0, good.stdout + good.stderr
    broken = tmp_path / "ci.yml"
    broken.write_text((ROOT / listed[0]).read_text().replace("    runs-on: ubuntu-latest\n", "", 1))
    bad = subprocess.run([*command, str(broken)], capture_output=True, text=True)
    assert bad.returncode == 1 and "runs-on" in bad.stdout, bad.stdout + bad.stderr


def test_the_workflows_run_what_the_project_says() -> None:
    ci = (ROOT / ".github" / "workflows" / "ci.yml").read_text()
    assert "container: debian:bookworm" in ci and "run: bash .ci/run" in ci
    assert re.search(r"^on:\n  push:\n  pull_request:\n", ci, re.M)
    release = (ROOT / ".github" / "workflows" / "release.yml").read_text()
    assert 'tags: ["v*"]' in release and "run: make release" in release
    assert "id-token: write" in release and "pypa/gh-action-pypi-publish" in release
    assert "npm publish --provenance" in release


def test_the_repository_url_is_written_once_and_used_by_every_snippet() -> None:
    """[project.urls] Repository is the one place; every link to the repository in the docs is that URL."""
    url = re.search(r'^Repository = "([^"]+)"$', (ROOT / "pyproject.toml").read_text(), re.M)
    assert url is not None
    docs = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *(ROOT / "docs").glob("*.md")]
    links = {
        m[0] for path in docs for m in re.finditer(r"https://github\.com/[\w.-]+/indoxhub-contract", path.read_text())
    }
    assert links == {url[1]}
