"""`indoxhub-contract traffic`: exchange JSON Lines, HAR 1.2 and VCR.py cassettes, checked by route,
status and body; findings name file, entry, method, path and status; uncovered exchanges are listed."""

from __future__ import annotations

import base64
import gzip
import json
import zlib
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import cli

ROOT = Path(__file__).resolve().parent.parent.parent
CHAT = json.loads((ROOT / "schemas" / "chat-response.schema.json").read_text())["examples"][0]
JOB = json.loads((ROOT / "schemas" / "video-job-status.schema.json").read_text())["examples"][0]
API = "https://api.indoxhub.com/api/v1"


def exchange(method: str, path: str, status: int, body: Any, **more: Any) -> dict[str, Any]:
    return {"method": method, "url": API + path, "status": status, "body": body, **more}


def jsonl(path: Path, records: list[dict[str, Any]]) -> str:
    path.write_text("".join(json.dumps(record) + "\n" for record in records))
    return str(path)


def test_exchange_json_lines(tmp_path: Path) -> None:
    name = jsonl(
        tmp_path / "log.jsonl",
        [
            exchange("POST", "/chat/completions", 200, CHAT),
            exchange("POST", "/chat/completions?debug=1", 200, dict(CHAT, usage={"cost": 1})),
            exchange("GET", "/videos/jobs/job-7", 200, JOB),
            exchange("GET", "/videos/jobs/job-7", 404, '{"detail": "not found"}'),
            exchange("POST", "/chat/completions", 422, {"detail": "text"}),
            exchange("POST", "/chat/completions", 418, {}),
            exchange("POST", "/auth/api-key", 200, {"token": "t"}),
            exchange("POST", "/chat/completions", 200, "data: {}\n\n", headers={"Content-Type": "text/event-stream"}),
            exchange("POST", "/chat/completions", 502, "<html></html>", headers={"content-type": ["text/html"]}),
        ],
    )
    ran = cli("traffic", "--format", "json", name)
    assert ran.code == 1, ran
    report = ran.report
    assert (report["checked"], report["invalid"], report["uncovered"]) == (9, 4, 2)
    assert sorted({(e["entry"], e["status"], e["type"], e["path"], e["keyword"]) for e in report["errors"]}) == [
        (2, 200, "ChatResponse", "/usage", "required"),
        (5, 422, "ValidationErrorBody", "/detail", "type"),
        (6, 418, None, "", "status"),
        (9, 502, "ErrorBody", "", "content-type"),
    ]
    assert [(u["entry"], u["reason"]) for u in report["uncovered_exchanges"]] == [
        (7, "no operation in the contract for /auth/api-key"),
        (8, "an event stream (POST /chat/completions): the page defines no stream frames"),
    ]
    text = cli("traffic", name).stdout.splitlines()
    assert text[0].startswith(f"{name}#2: POST /chat/completions 200: /usage: missing required member")
    assert text[-1] == "9 exchanges, 4 invalid, 2 uncovered"


def test_uncovered_fails_only_when_asked(tmp_path: Path) -> None:
    name = jsonl(
        tmp_path / "log.jsonl", [exchange("POST", "/chat/completions", 200, CHAT), exchange("GET", "/health", 200, {})]
    )
    assert cli("traffic", name).code == 0
    assert cli("traffic", "--fail-on-uncovered", name).code == 1


def test_base_urls(tmp_path: Path) -> None:
    name = jsonl(
        tmp_path / "log.jsonl",
        [{"method": "POST", "url": "https://gw.test/indox/chat/completions", "status": 200, "body": CHAT}],
    )
    assert cli("traffic", "--format", "json", name).report["uncovered"] == 1
    ran = cli("traffic", "--format", "json", "--base-url", "/indox", name)
    assert (ran.code, ran.report["uncovered"], ran.report["invalid"]) == (0, 0, 0)


def test_har_plain_base64_and_missing_bodies(tmp_path: Path) -> None:
    def entry(status: int, content: dict[str, Any]) -> dict[str, Any]:
        return {
            "request": {"method": "POST", "url": API + "/chat/completions"},
            "response": {"status": status, "content": content},
        }

    log = {
        "log": {
            "version": "1.2",
            "creator": {"name": "test", "version": "1"},
            "entries": [
                entry(200, {"mimeType": "application/json", "text": json.dumps(CHAT)}),
                entry(
                    200,
                    {
                        "mimeType": "application/json",
                        "text": base64.b64encode(json.dumps(dict(CHAT, model=1)).encode()).decode(),
                        "encoding": "base64",
                    },
                ),
                entry(200, {"mimeType": "application/json"}),
                entry(200, {"mimeType": "application/json", "text": "%%%", "encoding": "base64"}),
            ],
        }
    }
    (tmp_path / "session.har").write_text(json.dumps(log, indent=2))
    report = cli("traffic", "--format", "json", str(tmp_path / "session.har")).report
    assert (report["checked"], report["invalid"], report["uncovered"]) == (4, 2, 1)
    assert [(e["entry"], e["path"], e["keyword"]) for e in report["errors"]] == [
        (2, "/model", "type"),
        (4, "", "encoding"),
    ]
    assert report["uncovered_exchanges"][0]["reason"] == "the response body was not recorded"


@pytest.mark.parametrize("encoding", ["gzip", "deflate", None])
def test_vcr_cassette_with_binary_and_compressed_bodies(tmp_path: Path, encoding: str | None) -> None:
    body = json.dumps(dict(CHAT, duration_ms=-1)).encode()
    packed = gzip.compress(body) if encoding == "gzip" else zlib.compress(body) if encoding == "deflate" else body
    headers = {"Content-Type": ["application/json"], **({"Content-Encoding": [encoding]} if encoding else {})}
    cassette = {
        "version": 1,
        "interactions": [
            {
                "request": {"method": "POST", "uri": API + "/chat/completions", "body": None, "headers": {}},
                "response": {"status": {"code": 200, "message": "OK"}, "headers": headers, "body": {"string": packed}},
            },
            {
                "request": {"method": "POST", "uri": API + "/auth/api-key", "body": None, "headers": {}},
                "response": {"status": {"code": 200, "message": "OK"}, "headers": {}, "body": {"string": "{}"}},
            },
        ],
    }
    (tmp_path / "cassette.yaml").write_text(yaml.safe_dump(cassette))  # bytes become !!binary, as VCR.py writes them
    assert "!!binary" in (tmp_path / "cassette.yaml").read_text() or encoding is None
    report = cli("traffic", "--format", "json", str(tmp_path)).report
    assert (report["checked"], report["invalid"], report["uncovered"]) == (2, 1, 1)
    assert [(e["entry"], e["path"], e["keyword"]) for e in report["errors"]] == [(1, "/duration_ms", "minimum")]


def test_hostile_lines_and_empty_input(tmp_path: Path) -> None:
    good = json.dumps(exchange("POST", "/chat/completions", 200, CHAT)).encode()
    (tmp_path / "log.jsonl").write_bytes(
        good + b"\n" + b'{"method": "POST", "url": "\xff"}\n' + b'{"method": "GET"}\n' + good + b"\n"
    )
    report = cli("traffic", "--format", "json", str(tmp_path / "log.jsonl")).report
    assert (report["checked"], report["invalid"]) == (4, 2)
    assert [(e["entry"], e["keyword"]) for e in report["errors"]] == [(2, "encoding"), (3, "record")]
    (tmp_path / "empty.jsonl").write_text("\n")
    ran = cli("traffic", str(tmp_path / "empty.jsonl"))
    assert (ran.code, ran.stderr) == (1, "indoxhub-contract: no exchanges found (--allow-empty accepts that)\n")
    assert cli("traffic", "--allow-empty", str(tmp_path / "empty.jsonl")).code == 0


def test_drift_summary_counts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A corpus with known drift: undocumented members, an unknown enum value, an undocumented status.
    The README shows its Markdown summary; the test holds it to what the command writes."""
    monkeypatch.chdir(tmp_path)
    usage = dict(CHAT["usage"], request_count=1)
    name = jsonl(
        Path("log.jsonl"),
        [
            exchange("POST", "/chat/completions", 200, dict(CHAT, usage=usage)),
            exchange("POST", "/chat/completions", 200, dict(CHAT, usage=usage, cost_breakdown={})),
            exchange("POST", "/chat/completions", 200, CHAT),
            exchange("GET", "/videos/jobs/j1", 200, dict(JOB, status="queued")),
            exchange("GET", "/videos/jobs/j2", 200, dict(JOB, status="queued")),
            exchange("GET", "/videos/jobs/j3", 200, dict(JOB, status="cancelled")),
            exchange("POST", "/chat/completions", 418, {}),
            exchange("GET", "/models", 200, []),
        ],
    )
    summary_file = tmp_path / "summary.md"
    summary_file.write_text("# earlier step\n\n")
    ran = cli("traffic", "--format", "json", "--summary", str(summary_file), name)
    summary = ran.report["summary"]
    assert summary["endpoints"] == [
        {"endpoint": "GET /videos/jobs/{job_id}", "status": 200, "checked": 3, "invalid": 3},
        {"endpoint": "POST /chat/completions", "status": 200, "checked": 3, "invalid": 0},
        {"endpoint": "POST /chat/completions", "status": 418, "checked": 1, "invalid": 1},
    ]
    assert summary["undocumented"] == {"ChatResponse": {"/cost_breakdown": 1, "/usage/request_count": 2}}
    assert summary["enum_values"] == [
        {
            "type": "VideoJobStatus",
            "schema_path": "video-job-status.schema.json#/properties/status/enum",
            "values": {'"cancelled"': 1, '"queued"': 2},
        }
    ]
    assert [(f["type"], f["keyword"], f["count"], f["first"]) for f in summary["findings"]] == [
        ("VideoJobStatus", "enum", 3, f"{name}#4"),
        ("POST /chat/completions", "status", 1, f"{name}#7"),
    ]
    assert summary["uncovered"] == {"no operation in the contract for /models": 1}
    markdown = summary_file.read_text()
    assert markdown.startswith(
        "# earlier step\n\n## IndoxHub contract: traffic\n"
    )  # appended, as GitHub's step summary wants
    assert "| `ChatResponse` | `/usage/request_count` | 2 |" in markdown
    assert '| `VideoJobStatus` | `video-job-status.schema.json#/properties/status/enum` | `"queued"` | 2 |' in markdown
    readme = (ROOT / "README.md").read_text()
    shown = readme[readme.index("```\n## IndoxHub contract: traffic") + 4 :]
    assert markdown.removeprefix("# earlier step\n\n") == shown[: shown.index("```")] + "\n"


def test_jobs_give_the_same_report(tmp_path: Path) -> None:
    records = [exchange("POST", "/chat/completions", 200, CHAT if i % 3 else dict(CHAT, model=i)) for i in range(5000)]
    name = jsonl(tmp_path / "log.jsonl", records + [exchange("GET", "/models", 200, [])])
    one = cli("traffic", "--format", "json", name)
    two = cli("traffic", "--format", "json", "--jobs", "2", name)
    assert one.code == two.code == 1 and one.stdout == two.stdout
    assert (one.report["checked"], one.report["invalid"], one.report["uncovered"]) == (5001, 1667, 1)


def test_standard_input_is_read_as_exchange_lines(tmp_path: Path) -> None:
    lines = "".join(
        json.dumps(record) + "\n"
        for record in [exchange("POST", "/chat/completions", 200, CHAT), exchange("POST", "/chat/completions", 200, {})]
    )
    ran = cli("traffic", "--format", "json", "-", stdin=lines)
    assert (ran.code, ran.report["checked"], ran.report["invalid"]) == (1, 2, 1)
    assert {e["file"] for e in ran.report["errors"]} == {"<stdin>"}


def bomb(size: int) -> bytes:
    """gzip of `size` spaces between brackets, compressed a mebibyte at a time (about 1,000 to 1)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = b" " * (1 << 20)
    parts = [packer.compress(b"[")] + [packer.compress(chunk) for _ in range(size >> 20)]
    return b"".join([*parts, packer.compress(b"]"), packer.flush()])


def test_a_compressed_bomb_is_a_finding(tmp_path: Path) -> None:
    # 200 MiB from about 200 KB: past 64 MiB plus 100 times the cassette's size.
    cassette = {
        "version": 1,
        "interactions": [
            {
                "request": {"method": "POST", "uri": API + "/chat/completions", "body": None, "headers": {}},
                "response": {
                    "status": {"code": 200, "message": "OK"},
                    "headers": {"Content-Encoding": ["gzip"]},
                    "body": {"string": bomb(200 << 20)},
                },
            },
            {
                "request": {"method": "POST", "uri": API + "/chat/completions", "body": None, "headers": {}},
                "response": {
                    "status": {"code": 200, "message": "OK"},
                    "headers": {"Content-Encoding": ["gzip"]},
                    "body": {"string": gzip.compress(json.dumps(CHAT).encode())[:-8]},
                },
            },
        ],
    }
    (tmp_path / "bomb.yaml").write_text(yaml.safe_dump(cassette))
    report = cli("traffic", "--format", "json", str(tmp_path / "bomb.yaml")).report
    assert [(e["entry"], e["keyword"], e["message"].split(":")[0]) for e in report["errors"]] == [
        (1, "encoding", "the body cannot be decompressed"),
        (2, "encoding", "the body cannot be decompressed"),
    ]
    assert "64 MiB plus 100 times its size" in report["errors"][0]["message"]
    assert "ends before the compressed stream does" in report["errors"][1]["message"]


def test_findings_carry_the_line_their_record_starts_on(tmp_path: Path) -> None:
    """Annotations and the JSON report say where in the file (issue 22, item 5): the JSON Lines line, the
    line a HAR entry or a cassette interaction starts on."""
    bad = dict(CHAT, model=1)
    name = jsonl(
        tmp_path / "log.jsonl",
        [exchange("POST", "/chat/completions", 200, CHAT)] * 2 + [exchange("POST", "/chat/completions", 200, bad)],
    )
    entries = [
        {
            "request": {"method": "POST", "url": API + "/chat/completions"},
            "response": {"status": 200, "content": {"mimeType": "application/json", "text": json.dumps(body)}},
        }
        for body in (CHAT, bad)
    ]
    har_text = json.dumps(
        {"log": {"version": "1.2", "creator": {"name": "t", "version": "1"}, "entries": entries}}, indent=2
    )
    (tmp_path / "s.har").write_text(har_text)
    second_entry = har_text.splitlines().index("      {", har_text.splitlines().index('    "entries": [') + 2) + 1
    interactions = "".join(
        f"- request: {{method: POST, uri: '{API}/chat/completions'}}\n"
        f"  response:\n    status: {{code: 200}}\n    body: {{string: {json.dumps(json.dumps(body))}}}\n"
        for body in (CHAT, bad)
    )
    (tmp_path / "c.yaml").write_text("version: 1\ninteractions:\n" + interactions)
    report = cli("traffic", "--format", "json", name, str(tmp_path / "s.har"), str(tmp_path / "c.yaml")).report
    assert [(Path(e["file"]).name, e["entry"], e["line"]) for e in report["errors"]] == [
        ("log.jsonl", 3, 3),
        ("s.har", 2, second_entry),
        ("c.yaml", 2, 7),
    ]
    github = cli("traffic", "--format", "github", name).stdout.splitlines()
    assert github[0].startswith(f"::error file={name},line=3,title=indoxhub-contract type::")


def test_reading_findings_carry_line_and_column(tmp_path: Path) -> None:
    """A record the reader refuses: the annotation says the line and the column the reader stopped at."""
    (tmp_path / "log.jsonl").write_text('{"method": "GET", "url": "/x", "status": 200}\n{"method": "GET", "url" 1}\n')
    (tmp_path / "s.har").write_text('{"log": {"entries": [\n  {"x": tru}]}}')  # `tru` starts at column 9
    (tmp_path / "c.yaml").write_text("version: 1\ninteractions:\n- {a: 1]\n")  # `]` where `}` is due: column 8
    found = {}
    for name in ("log.jsonl", "s.har", "c.yaml"):
        line = cli("traffic", "--format", "github", str(tmp_path / name)).stdout.splitlines()[0]
        found[name] = line.split(",title=")[0].split(",", 1)[1]
    assert found == {"log.jsonl": "line=2,col=25", "s.har": "line=2,col=9", "c.yaml": "line=3,col=8"}
