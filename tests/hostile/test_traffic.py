"""`traffic` against hostile recordings (issue "Nothing lost, no false pass, round 2", items 1 to 3):
cassettes read by the strict YAML reader with one expansion budget per file, records that do not have
their format's shape are findings with their place, and the verdict does not depend on the route.

The real command runs in a subprocess capped at 2 GiB of address space, so a blow-up is a failed test
(MemoryError or a signal), not a stalled machine; the timeout only stops a hang."""

from __future__ import annotations

import base64
import gzip
import json
import os
import resource
import subprocess
from pathlib import Path
from typing import Any

import pytest

from ..cli.conftest import COMMAND
from ..cli.test_traffic import API, CHAT, bomb, exchange

MEMORY = 2 << 30


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def traffic(*args: str, stdin: bytes | None = None) -> tuple[int, dict[str, Any], str]:
    """The real command, `--format json`: (exit status, report, stderr)."""
    done = subprocess.run(
        [str(COMMAND), "traffic", "--format", "json", *args],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        timeout=300,
        preexec_fn=_limit,
        check=False,
    )
    stderr = done.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr and done.returncode in (0, 1, 2), stderr
    return done.returncode, json.loads(done.stdout) if done.stdout else {}, stderr


def interaction(body: str, headers: str = "{}", status: str = "{code: 200, message: OK}") -> str:
    return (
        f"- request: {{method: POST, uri: '{API}/chat/completions', body: null, headers: {{}}}}\n"
        f"  response:\n    status: {status}\n    headers: {headers}\n    body: {body}\n"
    )


def cassette(path: Path, *interactions: str, head: str = "") -> str:
    path.write_text(head + "version: 1\ninteractions:\n" + "".join(interactions))
    return str(path)


def keywords(report: dict[str, Any]) -> list[tuple[int, str]]:
    return [(e["entry"], e["keyword"]) for e in report["errors"]]


# --- item 1: one YAML reader, one budget per file -----------------------------------------------


def test_nested_aliases_in_a_cassette_body_are_a_finding(tmp_path: Path) -> None:
    laughs = "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 10))
    name = cassette(tmp_path / "laughs.yaml", interaction("{string: *a9}"), head="a0: &a0 lol\n" + laughs)
    code, report, _ = traffic(name)
    assert code == 1 and keywords(report) == [(1, "alias")], report
    assert "alias expansion too large" in report["errors"][0]["message"]


def test_many_aliases_to_one_large_body_share_one_budget(tmp_path: Path) -> None:
    body = json.dumps(dict(CHAT, model="m" * (1 << 20)))  # a valid body of about 1 MiB
    head = "body: &big " + json.dumps(body) + "\n"
    name = cassette(tmp_path / "aliases.yaml", *[interaction("{string: *big}")] * 5000, head=head)
    code, report, _ = traffic(name)
    assert code == 1 and report["checked"] == 5000
    size = os.path.getsize(name)
    readable = (64 * 2**20 + 100 * size) // len(body.encode())
    assert report["invalid"] == 5000 - readable
    assert {e["keyword"] for e in report["errors"]} == {"encoding"}
    assert "expand past" in report["errors"][0]["message"] and report["errors"][0]["entry"] == readable + 1


def test_aliases_to_one_gzip_body_share_one_budget(tmp_path: Path) -> None:
    packed = bomb(48 << 20)  # 48 MiB of spaces: under the budget once, not twice
    head = "body: &zip !!binary |\n  " + base64.b64encode(packed).decode() + "\n"
    gz = "{Content-Encoding: [gzip], Content-Type: [application/json]}"
    name = cassette(tmp_path / "zips.yaml", *[interaction("{string: *zip}", gz)] * 20, head=head)
    code, report, _ = traffic(name)
    assert code == 1 and report["checked"] == 20
    # The first body is read (an empty array, not a ChatResponse); the other 19 are over the budget.
    assert [e["keyword"] for e in report["errors"]] == ["type"] + ["encoding"] * 19
    assert all("expand past" in e["message"] for e in report["errors"][1:])


def test_deep_yaml_is_a_depth_finding_not_a_crash(tmp_path: Path) -> None:
    name = cassette(tmp_path / "deep.yaml", interaction("{string: " + "[" * 50_000 + "]" * 50_000 + "}"))
    code, report, _ = traffic(name)
    assert code == 1 and keywords(report) == [(1, "depth")]


def test_duplicate_body_members_are_a_finding(tmp_path: Path) -> None:
    body = "{string: '{}', string: " + json.dumps(json.dumps(CHAT)) + "}"
    name = cassette(tmp_path / "twice.yaml", interaction(body))
    code, report, _ = traffic(name)
    assert code == 1 and keywords(report) == [(1, "duplicate")]
    assert 'duplicate member "string"' in report["errors"][0]["message"]


@pytest.mark.parametrize("tag", ["!!python/object:os.system", "!!str", "!!binary"])
def test_tags_other_than_binary_bodies_are_findings(tmp_path: Path, tag: str) -> None:
    # !!binary is read where VCR.py writes it, a body; as a member name it is not a string.
    body = "{string: 'x'}" if tag == "!!binary" else f"{{string: {tag} '{{}}'}}"
    name = cassette(tmp_path / "tag.yaml", interaction(body, headers="{" + tag + " eA==: x}"))
    code, report, _ = traffic(name)
    assert code == 1 and keywords(report) == [(1, "key" if tag == "!!binary" else "tag")], report


def test_every_gzip_member_is_read_and_trailing_bytes_are_a_finding(tmp_path: Path) -> None:
    text = json.dumps(CHAT).encode()
    gz = "{Content-Encoding: [gzip]}"

    def binary(data: bytes) -> str:
        return "{string: !!binary '" + base64.b64encode(data).decode() + "'}"

    two_members = gzip.compress(text[:100]) + gzip.compress(text[100:])
    broken_second = gzip.compress(text) + gzip.compress(b"{}")[:12]
    trailing = gzip.compress(text) + b"garbage"
    invalid_second = gzip.compress(text[:-1]) + gzip.compress(b', "x": }')
    name = cassette(
        tmp_path / "members.yaml",
        *(interaction(binary(data), gz) for data in (two_members, broken_second, trailing, invalid_second)),
    )
    code, report, _ = traffic(name)
    assert code == 1 and keywords(report) == [(2, "encoding"), (3, "encoding"), (4, "parse")], report
    assert "ends before the compressed stream does" in report["errors"][0]["message"]
    assert "7 bytes follow the end of the compressed stream" in report["errors"][1]["message"]


# --- item 2: a record that does not have its format's shape is a finding with its place ----------


def har(*entries: dict[str, Any]) -> dict[str, Any]:
    return {"log": {"version": "1.2", "creator": {"name": "t", "version": "1"}, "entries": list(entries)}}


def entry(method: Any = "POST", url: Any = API + "/chat/completions", status: Any = 200, content: Any = None) -> Any:
    text = {"mimeType": "application/json", "text": json.dumps(CHAT)}
    return {"request": {"method": method, "url": url}, "response": {"status": status, "content": content or text}}


def test_har_entries_of_the_wrong_shape_are_findings(tmp_path: Path) -> None:
    entries = [
        entry(),
        entry(content={"text": {"id": 1}}),
        entry(content={"text": 12}),
        entry(method=None),
        entry(method=["POST"]),
        entry(url={"href": "x"}),
        entry(status="200"),
        entry(status=200.9),
        entry(status=True),
        entry(status=700),
        entry(status=0, content={"mimeType": "x"}),
    ]
    (tmp_path / "shapes.har").write_text(json.dumps(har(*entries)))
    code, report, _ = traffic(str(tmp_path / "shapes.har"))
    assert code == 1 and (report["checked"], report["invalid"], report["uncovered"]) == (11, 9, 1)
    assert keywords(report) == [(n, "record") for n in range(2, 11)]
    messages = [e["message"] for e in report["errors"]]
    assert messages[0] == 'not a HAR entry: response.content.text must be a string, got {"id": 1}'
    assert messages[2] == "not a HAR entry: request.method must be a method name, got null"
    assert messages[5] == 'not a HAR entry: response.status must be an integer from 100 to 599, got "200"'
    assert messages[7] == "not a HAR entry: response.status must be an integer from 100 to 599, got true"
    assert report["uncovered_exchanges"][0]["entry"] == 11
    assert report["uncovered_exchanges"][0]["reason"].startswith("no response (status 0")


def test_exchange_lines_and_interactions_of_the_wrong_shape_are_findings(tmp_path: Path) -> None:
    lines = [
        exchange("POST", "/chat/completions", 200, CHAT),
        dict(exchange("POST", "/x", 200, {}), status="200"),
        dict(exchange("POST", "/x", 200, {}), url=None),
        [1, 2],
    ]
    (tmp_path / "log.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines))
    code, report, _ = traffic(str(tmp_path / "log.jsonl"))
    assert code == 1 and keywords(report) == [(2, "record"), (3, "record"), (4, "record")]
    name = cassette(tmp_path / "c.yaml", interaction("{string: 12}"), interaction("{string: 'x'}", status="'200'"))
    code, report, _ = traffic(name)
    assert code == 1 and keywords(report) == [(1, "record"), (2, "record")]
    assert "response.body.string must be text or !!binary, got 12" in report["errors"][0]["message"]


# --- item 3: the verdict does not depend on how the bytes arrive ---------------------------------


def test_one_document_has_one_verdict_by_every_route(tmp_path: Path) -> None:
    # An object that is a HAR document and has the members of an exchange too: a HAR, by any route.
    document = dict(har(entry(content={"text": json.dumps(dict(CHAT, model=1))})), method="GET", url="/x", status=200)
    data = (json.dumps(document) + "\n").encode()
    (tmp_path / "walk").mkdir()
    for name in ("one.har", "one.jsonl", "one", "walk/one.json"):
        (tmp_path / name).write_bytes(data)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    writer = subprocess.Popen(["sh", "-c", f"cat {tmp_path / 'one'} > {fifo}"])
    verdicts = [traffic(str(fifo))]
    writer.wait()
    verdicts += [traffic(str(tmp_path / name)) for name in ("one.har", "one.jsonl", "one", "walk")]
    verdicts += [traffic("-", stdin=data)]
    assert {(code, keywords(report)[0]) for code, report, _ in verdicts} == {(1, (1, "type"))}


def test_a_walk_reads_har_saved_as_json_and_skips_hidden_folders(tmp_path: Path) -> None:
    (tmp_path / "rec").mkdir()
    (tmp_path / "rec" / "session.json").write_text(json.dumps(har(entry()), indent=2))
    (tmp_path / "rec" / "package.json").write_text(json.dumps({"name": "app"}, indent=2))
    (tmp_path / "rec" / ".git").mkdir()
    (tmp_path / "rec" / ".git" / "bad.har").write_text("{")
    code, report, _ = traffic(str(tmp_path / "rec"))
    assert code == 1 and report["checked"] == 2
    assert [(Path(e["file"]).name, e["keyword"]) for e in report["errors"]] == [("package.json", "record")]
    assert report["errors"][0]["message"] == "not a HAR file: no log.entries array"
    (tmp_path / "rec" / "package.json").unlink()
    assert traffic(str(tmp_path / "rec"))[:2] == (0, traffic(str(tmp_path / "rec" / "session.json"))[1])


def test_empty_recordings(tmp_path: Path) -> None:
    for name in ("empty.har", "empty.yaml", "empty.json"):
        (tmp_path / name).write_text("")
        code, report, _ = traffic(str(tmp_path / name))
        assert code == 1 and keywords(report) == [(1, "parse")]
    (tmp_path / "empty.jsonl").write_text("\n\n")
    assert traffic(str(tmp_path / "empty.jsonl"))[0] == 1  # no exchanges at all: exit 1 unless --allow-empty
    assert traffic("--allow-empty", str(tmp_path / "empty.jsonl"))[0] == 0
    assert traffic("--allow-empty", "-", stdin=b"")[0] == 0
