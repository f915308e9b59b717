"""The npm package as a JavaScript team installs it: the packed tarball into a fresh project (no
registry), ESM and CommonJS consumers, the same verdicts and error pairs as the Python validator, the
real tsc --strict on a consumer, and a browser bundle that needs no `fs`."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from contract import version

from indoxhub_contract import is_valid, iter_errors

from ..fuzz.support import FILES
from .conftest import run
from .test_dist import corpus

ROOT = Path(__file__).resolve().parent.parent.parent
JS = ROOT / "js"
HERE = Path(__file__).resolve().parent / "npm"
TITLES = {file: name for name, file in FILES.items()}


@pytest.fixture(scope="module")
def project(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A fresh npm project with the packed tarball installed: --offline, so nothing but the tarball."""
    tarball = dist / f"indoxhub-contract-{version()}.tgz"
    assert tarball.is_file(), sorted(p.name for p in dist.iterdir())
    folder = tmp_path_factory.mktemp("consumer")
    (folder / "package.json").write_text(json.dumps({"name": "consumer", "version": "1.0.0", "private": True}))
    run(["npm", "install", "--offline", "--no-audit", "--no-fund", "--silent", str(tarball)], cwd=folder)
    for source in HERE.iterdir():
        shutil.copy(source, folder / source.name)
    yield folder


def test_the_package_is_self_contained(project: Path) -> None:
    installed = project / "node_modules" / "indoxhub-contract"
    manifest = json.loads((installed / "package.json").read_text())
    assert manifest["version"] == version() and "dependencies" not in manifest
    assert manifest["exports"]["."]["import"]["default"] == "./index.mjs"
    assert manifest["exports"]["."]["require"]["default"] == "./index.cjs"
    assert sorted(p.name for p in (project / "node_modules").iterdir() if not p.name.startswith(".")) == [
        "indoxhub-contract"
    ]
    for module in ("index.mjs", "index.cjs"):
        text = (installed / module).read_text()
        # compiled at build time: no Ajv at run time, no code built from strings
        assert "new Function" not in text and "eval(" not in text and 'require("ajv' not in text


def cases() -> list[dict[str, Any]]:
    return [{"type": TITLES[case["file"]], "strict": case["strict"], "payload": case["payload"]} for case in corpus()]


@pytest.mark.parametrize("consumer", ["verdicts.mjs", "verdicts.cjs"])
def test_same_verdicts_and_error_pairs_as_python(project: Path, consumer: str) -> None:
    drawn = cases()
    lines = "".join(json.dumps(case) + "\n" for case in drawn)
    answers = [json.loads(line) for line in run(["node", consumer], cwd=project, input=lines).stdout.splitlines()]
    assert len(answers) == len(drawn)
    wrong = []
    for case, answer in zip(drawn, answers, strict=True):
        ours = {(e.path, e.keyword) for e in iter_errors(case["type"], case["payload"], strict=case["strict"])}
        expected = is_valid(case["type"], case["payload"], strict=case["strict"])
        if answer["valid"] != expected or {tuple(pair) for pair in answer["pairs"]} != ours:
            wrong.append((case, answer, sorted(ours)))
    assert not wrong, wrong[:3]
    assert {answer["valid"] for answer in answers} == {True, False}
    print(f"\n{consumer}: {len(drawn)} payloads, {sum(not a['valid'] for a in answers)} invalid, all alike")


def test_types_check_under_tsc_strict(project: Path) -> None:
    tsc = JS / "node_modules" / "typescript" / "bin" / "tsc"
    for resolution in (
        ["--module", "nodenext", "--moduleResolution", "nodenext"],
        ["--module", "es2022", "--moduleResolution", "bundler"],
    ):
        run(["node", str(tsc), "--noEmit", "--strict", "--target", "es2022", *resolution, "consumer.ts"], cwd=project)
    # Without its @ts-expect-error, the string for an integer is an error at exactly that line.
    broken = (project / "consumer.ts").read_text().replace("// @ts-expect-error a string where", "// a string where")
    (project / "broken.ts").write_text(broken)
    line = broken.splitlines().index('  tokens_total: "2",') + 1
    done = subprocess.run(
        [
            "node",
            str(tsc),
            "--noEmit",
            "--strict",
            "--target",
            "es2022",
            "--module",
            "nodenext",
            "--moduleResolution",
            "nodenext",
            "broken.ts",
        ],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0 and done.stdout.startswith(f"broken.ts({line},"), done.stdout


def test_a_browser_bundle_needs_no_fs(project: Path) -> None:
    esbuild = JS / "node_modules" / ".bin" / "esbuild"
    run(
        [
            str(esbuild),
            "browser.mjs",
            "--bundle",
            "--platform=browser",
            "--format=esm",
            "--outfile=bundle.js",
            "--log-level=error",
        ],
        cwd=project,
    )
    text = (project / "bundle.js").read_text()
    assert "isChatResponse" in text
    for forbidden in ('require("fs")', "node:fs", 'from "fs"', "readFileSync"):
        assert forbidden not in text


def test_unknown_names_throw_and_validate_throws_contract_errors(project: Path) -> None:
    script = """
    const c = require("indoxhub-contract");
    const out = [];
    try { c.isValid("Nope", {}); } catch (e) { out.push(e.constructor.name + ": " + e.message); }
    try { c.validate("usage", {}); } catch (e) {
      out.push([e instanceof c.ContractError, e instanceof Error, e.type, e.errors.length]);
    }
    out.push(c.validate("chat-response", null === 1 ? 0 : JSON.parse(process.argv[1])) !== undefined);
    out.push(c.TYPES.map((t) => t.name + ":" + t.file + ":" + t.endpoints.join("|")));
    console.log(JSON.stringify(out));
    """
    chat = json.loads((ROOT / "schemas" / "chat-response.schema.json").read_text())["examples"][0]
    out = json.loads(run(["node", "-e", script, json.dumps(chat)], cwd=project).stdout)
    known = "Usage, ChatResponse, CompletionResponse, EmbeddingResponse, ImageResponse, VideoResponse, AudioResponse"
    assert (
        out[0]
        == f'TypeError: unknown type "Nope"; known types: {known}, VideoJobStatus, ErrorBody, ValidationErrorBody'
    )
    assert out[1] == [True, True, "Usage", 5]
    assert out[2] is True
    assert "ChatResponse:chat-response.schema.json:POST /chat/completions" in out[3]
    assert out[3][-2:] == [
        "ErrorBody:error-body.schema.json:",
        "ValidationErrorBody:validation-error-body.schema.json:",
    ]


def test_only_json_data_passes_and_tables_are_frozen_all_the_way_down(project: Path) -> None:
    """A value JSON.parse cannot make is not a payload, however its members read (issue 20, item 10)."""
    script = """
    const c = require("indoxhub-contract");
    const usage = JSON.parse(process.argv[1]);
    const out = {};
    const cases = {
      plain: usage, nullProto: Object.assign(Object.create(null), usage), inherited: Object.create(usage),
      date: Object.assign(new Date(0), usage), map: new Map(Object.entries(usage)), bytes: new Uint8Array(4),
      nestedDate: { ...usage, cost: new Date(0) }, undefinedMember: { ...usage, extra: undefined },
      nan: { ...usage, latency: NaN },
      classInstance: new (class Usage { constructor() { Object.assign(this, usage); } })(),
    };
    for (const [name, value] of Object.entries(cases)) {
      const errors = c.errors("Usage", value).map((e) => e.path + " " + e.message);
      out[name] = [c.isValid("Usage", value), c.isUsage(value), errors];
    }
    try { c.TYPES[1].name = "Usage"; } catch (e) { out.assign = e.constructor.name; }
    try { c.TYPES[0].endpoints.push("x"); } catch (e) { out.push = e.constructor.name; }
    try { c.schemas["usage.schema.json"].title = "X"; } catch (e) { out.schema = e.constructor.name; }
    out.stillChat = c.TYPES[1].name;
    console.log(JSON.stringify(out));
    """
    usage = {"tokens_prompt": 1, "tokens_completion": 1, "tokens_total": 2, "cost": 0.5, "latency": 0.1}
    # Strict mode: assignments to frozen objects throw, so each attempt is seen.
    out = json.loads(run(["node", "--use-strict", "-e", script, json.dumps(usage)], cwd=project).stdout)
    assert out.pop("plain") == [True, True, []] and out.pop("nullProto") == [True, True, []]
    assert out.pop("inherited")[:2] == [False, False]
    assert out.pop("date") == [False, False, [" not JSON data: a Date"]]
    assert out.pop("map")[:2] == [False, False] and out.pop("bytes")[:2] == [False, False]
    assert out.pop("nestedDate") == [False, False, ["/cost not JSON data: a Date"]]
    assert out.pop("undefinedMember") == [False, False, ["/extra not JSON data: undefined"]]
    assert out.pop("nan") == [False, False, ["/latency NaN is not a JSON number"]]
    assert out.pop("classInstance") == [False, False, [" not JSON data: a Usage"]]
    assert out == {"assign": "TypeError", "push": "TypeError", "schema": "TypeError", "stillChat": "ChatResponse"}
