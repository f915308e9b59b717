"""quicktype (TypeScript, from dist/schemas/, default settings but the top-level name): the code compiles
under tsc --strict, and its runtime-checked `Convert.to<Type>` accepts every valid fixture (default
profile, undocumented members included)."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import NAMES, ROOT, TOOLS, run, valid_fixtures

TSC = ROOT / "js" / "node_modules" / "typescript" / "bin" / "tsc"
ESBUILD = ROOT / "js" / "node_modules" / ".bin" / "esbuild"

COMMAND = [
    "quicktype",
    "--lang",
    "ts",
    "--src-lang",
    "schema",
    "--top-level",
    "ChatResponse",
    "dist/schemas/chat-response.schema.json",
    "-o",
    "chat-response.ts",
]
RUST = [
    "quicktype",
    "--lang",
    "rust",
    "--src-lang",
    "schema",
    "--top-level",
    "ChatResponse",
    "dist/schemas/chat-response.schema.json",
    "-o",
    "chat_response.rs",
]

RUNNER = """
import { readFileSync } from "node:fs";
MODULES
const convert: Record<string, (text: string) => unknown> = CONVERT;
const fixtures = JSON.parse(readFileSync("fixtures.json", "utf8"));
const refused = [];
for (const [type, name, payload] of fixtures) {
  try { convert[type](JSON.stringify(payload)); } catch (error) {
    refused.push([type, name, String(error).slice(0, 200)]);
  }
}
console.log(JSON.stringify(refused));
"""


def test_convert_accepts_every_valid_fixture(dist: Path, tmp_path: Path) -> None:
    for stem, name in NAMES.items():
        command = [part.replace("ChatResponse", name).replace("chat-response", stem) for part in COMMAND]
        run([str(TOOLS / command[0]), *[part.replace("dist/", f"{dist}/") for part in command[1:]]], cwd=tmp_path)
    modules = "\n".join(f'import {{ Convert as C{i} }} from "./{stem}";' for i, stem in enumerate(NAMES))
    convert = (
        "{" + ", ".join(f'"{name}": (t: string) => C{i}.to{name}(t)' for i, name in enumerate(NAMES.values())) + "}"
    )
    (tmp_path / "runner.ts").write_text(RUNNER.replace("MODULES", modules).replace("CONVERT", convert))
    fixtures = valid_fixtures()
    (tmp_path / "fixtures.json").write_text(json.dumps(fixtures))
    options = [
        "--noEmit",
        "--strict",
        "--target",
        "es2022",
        "--module",
        "esnext",
        "--moduleResolution",
        "bundler",
        "--types",
        "node",
    ]
    run(["node", str(TSC), *options[:-2], *[f"{stem}.ts" for stem in NAMES]], cwd=tmp_path)
    run(
        [
            str(ESBUILD),
            "runner.ts",
            "--bundle",
            "--platform=node",
            "--outfile=runner.mjs",
            "--format=esm",
            "--log-level=error",
        ],
        cwd=tmp_path,
    )
    refused = json.loads(run(["node", "runner.mjs"], cwd=tmp_path).stdout)
    assert refused == [], refused[:5]
    print(f"\nquicktype: {len(fixtures)} valid fixtures accepted by Convert")


def test_rust_generates(dist: Path, tmp_path: Path) -> None:
    """Generation only: no crate registry here to compile it."""
    for stem, name in NAMES.items():
        command = [
            part.replace("ChatResponse", name)
            .replace("chat-response", stem)
            .replace("chat_response", stem.replace("-", "_"))
            for part in RUST
        ]
        run([str(TOOLS / command[0]), *[part.replace("dist/", f"{dist}/") for part in command[1:]]], cwd=tmp_path)
        assert f"pub struct {name}" in (tmp_path / f"{stem.replace('-', '_')}.rs").read_text()
