"""The README's install blocks, run as written in fresh environments (issue 22, item 9): from a git
checkout (the repository's URL replaced by a local clone, and nothing else) and from the files `make
release` writes (checked with sha256sum, then the wheel into a fresh venv and the tarball into a fresh
npm project). Each installed package then checks a payload."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import venv
from pathlib import Path

import yaml

from .conftest import ROOT, repository_url

CHAT = json.loads((ROOT / "schemas" / "chat-response.schema.json").read_text())["examples"][0]


def install_section() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## Install\n") : readme.index("## Python API")]
    return re.findall(r"```sh\n(.*?)```", section, re.S)


def fresh_venv(folder: Path) -> dict[str, str]:
    venv.EnvBuilder(with_pip=True).create(folder)
    return {**os.environ, "PATH": f"{folder / 'bin'}{os.pathsep}{os.environ['PATH']}", "VIRTUAL_ENV": str(folder)}


def shell(lines: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(["bash", "-euo", "pipefail", "-c", lines], cwd=cwd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, f"{lines}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


def checks_a_payload(env: dict[str, str], folder: Path) -> None:
    (folder / "chat.yaml").write_text(yaml.safe_dump(CHAT))  # YAML: the [yaml] extra or PyYAML present
    (folder / "bad.json").write_text(json.dumps(dict(CHAT, duration_ms="slow")))
    shell("indoxhub-contract validate --type ChatResponse chat.yaml", folder, env)
    bad = subprocess.run(
        ["indoxhub-contract", "validate", "--type", "ChatResponse", "bad.json"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 1 and "/duration_ms" in bad.stdout, bad.stdout + bad.stderr


def test_install_from_a_git_checkout(tmp_path: Path) -> None:
    (block,) = [block for block in install_section() if "git+" in block]
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--branch", "main", str(ROOT), str(clone)], check=True)
    project = tmp_path / "project"
    project.mkdir()
    env = fresh_venv(tmp_path / "venv")
    # file://localhost/…: the pip a fresh venv starts with (23.x) refuses `name @ git+file:///…` as a requirement
    shell(block.replace(repository_url(), f"file://localhost{clone}"), project, env)
    checks_a_payload(env, project)


def test_install_from_the_release_files(tmp_path: Path) -> None:
    (block,) = [block for block in install_section() if "SHA256SUMS" in block]
    files = tmp_path / "dist"
    command = [sys.executable, str(ROOT / "scripts" / "release.py"), "build", "--output", str(files)]
    subprocess.run(command, check=True, capture_output=True)
    env = fresh_venv(tmp_path / "venv")
    shell(block, files, env)  # sha256sum -c, pip install ./<wheel>, npm install ./<tgz>, verbatim
    subprocess.run(["pip", "install", "--quiet", "pyyaml"], env=env, check=True, capture_output=True)
    checks_a_payload(env, tmp_path)
    node = shell(
        "node -e \"const c = require('indoxhub-contract'); console.log(c.TYPES.length, c.isValid('Usage', {}))\"",
        files,
        env,
    )
    assert node.stdout.split()[0].isdigit() and node.stdout.split()[1] == "false", node.stdout
