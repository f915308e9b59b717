"""pre-commit as a project writes it (issue 22, item 3): the real `pre-commit` (pinned in the interop
extra) installs this repository's hooks into their own environment, from the package index, in a sample
project that has a [tool.indoxhub-contract] table. Each hook fails on a bad recording and passes once it
is fixed; the project's own JSON and YAML configuration is never a finding; YAML works out of the box.
The README's snippet runs as written, with a local clone (tagged as the release procedure tags it) in
place of the repository's URL."""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Iterator
from importlib.metadata import metadata
from pathlib import Path

import pytest
import yaml

from .conftest import BIN, ROOT, repository_url

API = "https://api.indoxhub.com/api/v1"
CHAT = json.loads((ROOT / "schemas" / "chat-response.schema.json").read_text())["examples"][0]
BAD = dict(CHAT, duration_ms="slow")
TABLE = """[project]
name = "app"
version = "1"

[tool.indoxhub-contract.types]
"recordings/chat/**" = "ChatResponse"
"""


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """One pre-commit home for the module: the hooks' environment is built once (pip, from the index)."""
    home = tmp_path_factory.mktemp("pre-commit-home")
    who = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t"}
    return {**os.environ, "PRE_COMMIT_HOME": str(home), **who, "GIT_COMMITTER_EMAIL": "t@example.com"}


def git(folder: Path, *args: str, env: dict[str, str]) -> None:
    subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True)


@pytest.fixture
def project(tmp_path: Path, env: dict[str, str]) -> Iterator[Path]:
    """A project with the table, its own configuration files, and recordings."""
    folder = tmp_path / "app"
    folder.mkdir()
    git(folder, "init", "-q", "-b", "main", env=env)
    (folder / "pyproject.toml").write_text(TABLE)
    (folder / ".pre-commit-config.yaml").write_text("repos: []\n")
    (folder / "package.json").write_text('{"name": "app", "private": true}\n')
    (folder / "config").mkdir()
    (folder / "config" / "settings.yaml").write_text("debug: true\nport: 8080\n")
    (folder / "docker-compose.yml").write_text("services:\n  app:\n    image: app\n")
    chat = folder / "recordings" / "chat"
    chat.mkdir(parents=True)
    (chat / "answer.yaml").write_text(yaml.safe_dump(CHAT))  # YAML: PyYAML must be in the hook's environment
    yield folder


def pre_commit(folder: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    git(folder, "add", "-A", env=env)
    return subprocess.run(
        [str(BIN / "pre-commit"), *args], cwd=folder, env=env, capture_output=True, text=True, check=False
    )


def cassette(body: object) -> str:
    interaction = {
        "request": {"method": "POST", "uri": API + "/chat/completions", "body": None, "headers": {}},
        "response": {
            "status": {"code": 200, "message": "OK"},
            "headers": {"Content-Type": ["application/json"]},
            "body": {"string": json.dumps(body)},
        },
    }
    return yaml.safe_dump({"version": 1, "interactions": [interaction]})


def test_validate_hook_fails_on_a_bad_payload_and_passes_once_fixed(project: Path, env: dict[str, str]) -> None:
    (project / "recordings" / "chat" / "bad.json").write_text(json.dumps(BAD))
    ran = pre_commit(project, env, "try-repo", str(ROOT), "indoxhub-contract", "--all-files")
    assert ran.returncode == 1, ran.stdout + ran.stderr
    assert "recordings/chat/bad.json: /duration_ms: expected a number" in ran.stdout, ran.stdout
    own = [line for line in ran.stdout.splitlines() if line.startswith(("config/", "package.json", ".pre-commit"))]
    assert own and all(": unmapped: not checked" in line for line in own), own  # listed, never a finding
    (project / "recordings" / "chat" / "bad.json").write_text(json.dumps(CHAT))
    ran = pre_commit(project, env, "try-repo", str(ROOT), "indoxhub-contract", "--all-files")
    assert ran.returncode == 0, ran.stdout + ran.stderr


def test_traffic_hook_checks_cassettes_and_har_files(project: Path, env: dict[str, str]) -> None:
    cassettes = project / "tests" / "cassettes"
    cassettes.mkdir(parents=True)
    (cassettes / "test_chat.yaml").write_text(cassette(BAD))
    har = {"log": {"version": "1.2", "creator": {"name": "t", "version": "1"}, "entries": []}}
    (project / "session.har").write_text(json.dumps(har))
    ran = pre_commit(project, env, "try-repo", str(ROOT), "indoxhub-contract-traffic", "--all-files")
    assert ran.returncode == 1, ran.stdout + ran.stderr
    assert "tests/cassettes/test_chat.yaml#1: POST /chat/completions 200: /duration_ms" in ran.stdout
    assert "docker-compose.yml" not in ran.stdout and "settings.yaml" not in ran.stdout  # not traffic
    (cassettes / "test_chat.yaml").write_text(cassette(CHAT))
    ran = pre_commit(project, env, "try-repo", str(ROOT), "indoxhub-contract-traffic", "--all-files")
    assert ran.returncode == 0, ran.stdout + ran.stderr


def test_the_readme_snippet_runs_as_written(project: Path, env: dict[str, str], tmp_path: Path) -> None:
    """The README's .pre-commit-config.yaml, word for word but for the repository's URL: a local clone,
    tagged v<version> as CONTRIBUTING's release procedure does."""
    url, version = repository_url(), metadata("indoxhub-contract")["Version"]
    readme = (ROOT / "README.md").read_text()
    (snippet,) = re.findall(r"```yaml\n# \.pre-commit-config\.yaml\n(.*?)```", readme, re.S)
    assert url in snippet and f"rev: v{version}" in snippet
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(ROOT), str(clone), env=env)
    git(clone, "tag", f"v{version}", env=env)
    (project / ".pre-commit-config.yaml").write_text(snippet.replace(url, str(clone)))
    (project / "recordings" / "chat" / "bad.json").write_text(json.dumps(BAD))
    ran = pre_commit(project, env, "run", "--all-files")
    assert ran.returncode == 1 and "recordings/chat/bad.json: /duration_ms" in ran.stdout, ran.stdout + ran.stderr
    (project / "recordings" / "chat" / "bad.json").write_text(json.dumps(CHAT))
    ran = pre_commit(project, env, "run", "--all-files")
    assert ran.returncode == 0, ran.stdout + ran.stderr
