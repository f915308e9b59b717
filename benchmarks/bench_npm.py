"""The npm rows of `make bench`: packed size, and `isValid` from the installed tarball against plain Ajv
compiled at run time on the chat and 16 x 1536 embedding payloads, in the same Node process."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_common import fmt, payloads
from contract import version

ROOT = Path(__file__).resolve().parent.parent


def rows() -> list[str]:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "dist.py"), "--output", str(folder / "dist"), "--no-wheel"],
            check=True,
            capture_output=True,
        )
        tarball = folder / "dist" / f"indoxhub-contract-{version()}.tgz"
        project = folder / "project"
        project.mkdir()
        (project / "package.json").write_text('{"name": "bench", "version": "1.0.0", "private": true}')
        subprocess.run(
            ["npm", "install", "--offline", "--no-audit", "--no-fund", "--silent", str(tarball)],
            cwd=project,
            check=True,
        )
        # Ajv for the peer row comes from js/node_modules, the same pinned version the package was built with.
        shutil.copytree(ROOT / "js" / "node_modules" / "ajv", project / "node_modules" / "ajv")
        for dependency in ("fast-deep-equal", "fast-uri", "json-schema-traverse", "require-from-string"):
            shutil.copytree(ROOT / "js" / "node_modules" / dependency, project / "node_modules" / dependency)
        shutil.copy(ROOT / "benchmarks" / "bench_npm.mjs", project / "bench.mjs")
        chosen = [(label, file, payload) for label, (file, payload) in payloads().items() if "wrong" not in label]
        titles = {"chat-response": "ChatResponse", "embedding-response": "EmbeddingResponse"}
        cases = [
            {"label": label, "type": titles[file], "file": f"{file}.schema.json", "payload": payload}
            for label, file, payload in chosen
        ]
        (project / "payloads.json").write_text(json.dumps(cases))
        done = subprocess.run(
            ["node", "bench.mjs", "payloads.json", str(folder / "dist" / "schemas")],
            cwd=project,
            check=True,
            capture_output=True,
            text=True,
        )
        measured = json.loads(done.stdout)
        size = tarball.stat().st_size
        unpacked = sum(p.stat().st_size for p in (project / "node_modules" / "indoxhub-contract").iterdir())
    lines = [
        f"Packed size {size / 1024:.0f} KB ({unpacked / 1024:.0f} KB installed, ESM and CommonJS builds, "
        "declarations, README).",
        "",
    ]
    lines += ["| payload | indoxhub-contract isValid | Ajv compiled at run time | ours / Ajv |", "|---|---|---|---|"]
    for row in measured:
        ours, peer = row["indoxhub-contract isValid"], row["Ajv compiled at run time"]
        lines.append(f"| {row['label']} | {fmt(ours)} | {fmt(peer)} | {ours / peer:.3f}x |")
    return lines


if __name__ == "__main__":
    print("\n".join(rows()))
