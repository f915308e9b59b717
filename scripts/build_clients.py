"""`make roundtrip`: every generator section of docs/clients.md, run as written.

For each section (scripts/clients_page.py), in a fresh build/roundtrip/NAME/ holding two links, `dist`
(the release files, written by `make dist` into build/roundtrip/dist) and `clients` (this repository's
clients/ folder), the page's file blocks are written and its shell blocks run, in order, with bash
(`set -euo pipefail`), the pinned tools first on PATH. A round-trip section leaves an executable
`roundtrip` there for scripts/roundtrip.py.

    python scripts/build_clients.py [NAME...]     (all sections when none is named)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from clients_page import Section, sections
from contract import ROOT

BUILD = ROOT / "build" / "roundtrip"
TOOLS = [
    Path(sys.executable).parent,  # openapi-generator-cli, openapi-python-client, datamodel-codegen
    ROOT / "js" / "interop" / "node_modules" / ".bin",  # quicktype, openapi-typescript, openapi-ts
    ROOT / "js" / "node_modules" / ".bin",  # tsc, esbuild
]


def environment() -> dict[str, str]:
    path = os.pathsep.join([*map(str, TOOLS), os.environ.get("PATH", "")])
    return {**os.environ, "PATH": path}


def dist() -> Path:
    """The release files, once per build, where every section's `dist` link points."""
    output = BUILD / "dist"
    command = [sys.executable, str(ROOT / "scripts" / "dist.py"), "--no-wheel", "--output", str(output)]
    subprocess.run(command, check=True, capture_output=True)
    return output


def build(section: Section, release: Path) -> subprocess.CompletedProcess[str] | None:
    """Run one section's blocks; the first that fails is returned (None: all ran)."""
    folder = BUILD / section.name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    (folder / "dist").symlink_to(release)
    (folder / "clients").symlink_to(ROOT / "clients")
    for block in section.blocks:
        if block.file is not None:
            target = folder / block.file
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(block.text, encoding="utf-8")
            continue
        ran = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", block.text],
            cwd=folder,
            env=environment(),
            capture_output=True,
            text=True,
            check=False,
        )
        if ran.returncode != 0:
            return ran
    return None


def main(names: list[str]) -> int:
    chosen = [section for section in sections() if not names or section.name in names]
    unknown = sorted(set(names) - {section.name for section in chosen})
    if unknown:
        print(f"build_clients: no section named {', '.join(unknown)} in docs/clients.md", file=sys.stderr)
        return 2
    release = dist()
    failed = 0
    for section in chosen:
        failure = build(section, release)
        if failure is None:
            print(f"built {section.name}")
            continue
        failed += 1
        print(f"FAILED {section.name}: {failure.args[-1].strip()}", file=sys.stderr)
        print(failure.stdout[-3000:] + failure.stderr[-3000:], file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
