"""`make release` (issue 22, item 7): the three files a release publishes and their SHA256SUMS, verified by
`sha256sum -c`; the wheel built from the sdist holds what a wheel built from the tree holds; twine and
npm are clean (release.py fails otherwise); the CHANGELOG is drafted from `indoxhub-contract diff`
against the previous tag, and a breaking change without a major version is refused."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from contract import version

from ..tree import copy_tracked

ROOT = Path(__file__).resolve().parent.parent.parent
RELEASE = ROOT / "scripts" / "release.py"


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, str(RELEASE), "build", "--output", str(output)], check=True, capture_output=True)
    return output


def test_sha256sums_lists_the_three_files_and_verifies(released: Path) -> None:
    number = version()
    names = [line.split("  ", 1)[1] for line in (released / "SHA256SUMS").read_text().splitlines()]
    assert names == [
        f"indoxhub_contract-{number}-py3-none-any.whl",
        f"indoxhub_contract-{number}.tar.gz",  # as setuptools names an sdist (PEP 625)
        f"indoxhub-contract-{number}.tgz",
    ]
    checked = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=released, capture_output=True, text=True)
    assert checked.returncode == 0 and checked.stdout.count(": OK") == 3, checked.stdout + checked.stderr
    (released / names[2]).write_bytes((released / names[2]).read_bytes() + b"\0")  # one byte more: caught
    tampered = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=released, capture_output=True, text=True)
    assert tampered.returncode == 1 and f"{names[2]}: FAILED" in tampered.stdout


def test_the_wheel_from_the_sdist_holds_what_the_tree_builds(released: Path, tmp_path: Path) -> None:
    command = [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path), str(ROOT)]
    subprocess.run(command, check=True, capture_output=True)
    name = f"indoxhub_contract-{version()}-py3-none-any.whl"
    with zipfile.ZipFile(released / name) as from_sdist, zipfile.ZipFile(tmp_path / name) as from_tree:
        contents = {info.filename: from_sdist.read(info) for info in from_sdist.infolist()}
        expected = {info.filename: from_tree.read(info) for info in from_tree.infolist()}
    assert sorted(contents) == sorted(expected)
    assert [name for name in contents if contents[name] != expected[name]] == []
    assert (
        "indoxhub_contract/generated/validators/__init__.py" in contents
        and "indoxhub_contract/openapi.yaml" in contents
    )


def test_twine_check_strict_refuses_what_pypi_would(released: Path, tmp_path: Path) -> None:
    """The check release.py runs can fail: a wheel whose long description is declared but empty."""
    number = version()
    good = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", str(released / f"indoxhub_contract-{number}.tar.gz")],
        capture_output=True,
        text=True,
    )
    assert good.returncode == 0, good.stdout
    broken = tmp_path / f"indoxhub_contract-{number}-py3-none-any.whl"
    with zipfile.ZipFile(released / broken.name) as source, zipfile.ZipFile(broken, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.endswith(".dist-info/METADATA"):
                data = data.split(b"\n\n", 1)[0] + b"\n\n"  # the README body gone
            target.writestr(info, data)
    bad = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", str(broken)], capture_output=True, text=True
    )
    assert bad.returncode == 1, bad.stdout


def repository(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A copy of this repository's tree in a git repository of its own, where tags and schema edits cannot
    touch the real one."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t"}
    env["GIT_COMMITTER_EMAIL"] = "t@e"
    clone = copy_tracked(tmp_path / "clone")
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "the tree"]):
        subprocess.run(["git", *command], cwd=clone, check=True, env=env, capture_output=True)
    (clone / ".venv").symlink_to(ROOT / ".venv")
    return clone, env


def changelog(clone: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(clone / "scripts" / "release.py"), "changelog"],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
    )


def test_changelog_first_release_then_a_breaking_change_needs_a_major_version(tmp_path: Path) -> None:
    clone, env = repository(tmp_path)
    ran = changelog(clone, env)
    assert ran.returncode == 0, ran.stderr
    text = (clone / "CHANGELOG.md").read_text()
    assert "## Unreleased\n\nSchema changes (first release, drafted by `make changelog`" in text
    assert "- First release: every type of the contract is new." in text
    subprocess.run(["git", "tag", f"v{version()}"], cwd=clone, check=True, env=env)
    schema_path = clone / "schemas" / "usage.schema.json"
    schema = json.loads(schema_path.read_text())
    dropped = schema["required"].pop(0)  # a member clients rely on may now be absent: breaking for them
    schema_path.write_text(json.dumps(schema, indent=2))
    ran = changelog(clone, env)
    assert ran.returncode == 1 and "needs a major version" in ran.stderr, ran.stdout + ran.stderr
    pyproject = clone / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace(f'version = "{version()}"', 'version = "1.0.0"'))
    ran = changelog(clone, env)
    assert ran.returncode == 0, ran.stderr
    text = (clone / "CHANGELOG.md").read_text()
    assert f"Schema changes (since v{version()}," in text and f"- breaking: Usage /{dropped}: " in text
    assert text.count("Schema changes (") == 1  # the first draft was replaced, not kept beside it
