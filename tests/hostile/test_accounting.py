"""Every payload is accounted for: a payload that cannot be read is one finding, with its line, and
reading goes on (issue: "Nothing lost, no false pass", class 1)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from indoxhub_contract._reading import MAX_DEPTH

from ..cli.conftest import COMMAND
from .conftest import CHAT, USAGE, cli, line, nested


def bad_utf8_file(tmp_path: Path) -> Path:
    rows = [line(USAGE)] * 10_000
    rows[4999] = b'{"tokens_prompt": 1, "note": "caf\xe9"}\n'  # Latin-1, not UTF-8
    path = tmp_path / "rec.jsonl"
    path.write_bytes(b"".join(rows))
    return path


EXPECTED_ENCODING = {
    "line": 5000,
    "path": "",
    "keyword": "encoding",
    "message": "not valid UTF-8 at column 34: invalid continuation byte (byte 0xe9)",
}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_invalid_utf8_on_one_line_is_one_finding_and_reading_goes_on(tmp_path: Path, jobs: str) -> None:
    path = bad_utf8_file(tmp_path)
    done = subprocess.run(
        [str(COMMAND), "validate", "--type", "Usage", "--format", "json", "--jobs", jobs, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(done.stdout)
    assert (done.returncode, report["checked"], report["invalid"]) == (1, 10_000, 1), done.stderr
    assert report["errors"] == [{"file": str(path), **EXPECTED_ENCODING}]


def test_invalid_utf8_on_stdin(tmp_path: Path) -> None:
    ran = cli("validate", "--type", "Usage", "--format", "json", "-", stdin=bad_utf8_file(tmp_path).read_bytes())
    assert (ran.code, ran.report["checked"], ran.report["invalid"]) == (1, 10_000, 1), ran
    assert ran.report["errors"] == [{"file": "<stdin>", **EXPECTED_ENCODING}]


def deep_chat(depth: int) -> bytes:
    """A ChatResponse whose free-form raw_response nests `depth` levels below the payload's root."""
    text = json.dumps(dict(CHAT, raw_response={"x": 0}))
    return text.replace('{"x": 0}', "{" + '"x": ' + nested(depth - 2) + "}").encode()


def test_depth_limit_boundary() -> None:
    at_limit, past_limit = deep_chat(MAX_DEPTH), deep_chat(MAX_DEPTH + 1)
    assert cli("validate", "--type", "ChatResponse", "-", stdin=at_limit).code == 0
    ran = cli("validate", "--type", "ChatResponse", "--format", "json", "-", stdin=past_limit)
    assert ran.code == 1 and ran.report["checked"] == 1
    assert [(e["keyword"], e["message"]) for e in ran.report["errors"]] == [
        (
            "depth",
            f"nested deeper than {MAX_DEPTH} levels (at column "
            f"{past_limit.index(b'[' * (MAX_DEPTH - 1)) + MAX_DEPTH - 1})",
        )
    ]


@pytest.mark.parametrize("depth", [990, 5_000, 100_000])
def test_deep_payloads_everywhere_are_one_finding(tmp_path: Path, depth: int) -> None:
    deep = deep_chat(depth)
    (tmp_path / "one.json").write_bytes(deep)
    (tmp_path / "lines.jsonl").write_bytes(line(CHAT) + deep + b"\n" + line(CHAT))
    for args, stdin in (
        (["one.json"], b""),
        (["lines.jsonl"], b""),
        (["-"], deep),
        (["--jobs", "2", "one.json", "lines.jsonl"], b""),
    ):
        ran = cli(
            "validate",
            "--type",
            "ChatResponse",
            "--format",
            "json",
            *[str(tmp_path / a) if a.endswith("json") or a.endswith("l") else a for a in args],
            stdin=stdin,
        )
        keywords = [error["keyword"] for error in ran.report["errors"]]
        assert ran.code == 1 and keywords == ["depth"] * keywords.count("depth") and keywords, (args, ran)
        assert ran.report["invalid"] == keywords.count("depth")


def test_line_separators_inside_a_line_do_not_split_it(tmp_path: Path) -> None:
    """U+2028, U+2029, U+0085 and a bare \\r are legal inside JSON strings; only \\n ends a line."""
    payload = dict(CHAT, data="a\u2028b\u2029c\u0085d\re")
    text = json.dumps(payload, ensure_ascii=False).encode()
    assert b"\r" in text or b"\\r" in text
    raw = json.dumps(payload, ensure_ascii=False).replace("\\r", "\r").encode()  # a raw CR inside the string
    path = tmp_path / "seps.jsonl"
    path.write_bytes(text + b"\n" + text + b"\r\n")
    ran = cli("validate", "--type", "ChatResponse", str(path))
    assert (ran.code, ran.stdout) == (0, "2 payloads checked, 0 invalid, 1 file\n"), ran
    # A raw carriage return inside a string is a control character JSON forbids: one finding, one line.
    path.write_bytes(raw + b"\n" + text + b"\n")
    ran = cli("validate", "--type", "ChatResponse", "--format", "json", str(path))
    assert ran.report["checked"] == 2 and [e["line"] for e in ran.report["errors"]] == [1], ran


@pytest.mark.parametrize(
    ("text", "keyword", "message"),
    [
        (b'{"cost": NaN}', "number", "NaN is not a JSON number"),
        (b'{"cost": -Infinity}', "number", "-Infinity is not a JSON number"),
        (b'{"cost": 1e400}', "number", "1e400 is outside the range of a double (IEEE 754)"),
        (b'{"cost": -1.5E+309}', "number", "-1.5E+309 is outside the range of a double (IEEE 754)"),
        (b'{"a": 1, "b": {"c": 1, "c": 2}}', "duplicate", 'duplicate member "c"'),
        (
            b'{"a": "\\ud800"}',
            "encoding",
            "the string holds a lone surrogate \\ud800: not valid Unicode, cannot be written as UTF-8",
        ),
        (
            b'{"\\udfff": 1}',
            "encoding",
            "the member name holds a lone surrogate \\udfff: not valid Unicode, cannot be written as UTF-8",
        ),
        (b'{"a": 1,}', "parse", "not valid JSON at column 9: Expecting property name enclosed in double quotes"),
        (b'{"a": "\xff"}', "encoding", "not valid UTF-8 at column 8: invalid start byte (byte 0xff)"),
    ],
)
def test_reading_findings_have_one_word_keywords(tmp_path: Path, text: bytes, keyword: str, message: str) -> None:
    path = tmp_path / "rec.jsonl"
    path.write_bytes(line(USAGE) + text + b"\n" + line(USAGE))
    ran = cli("validate", "--type", "Usage", "--format", "json", str(path))
    assert ran.code == 1 and ran.report["checked"] == 3 and ran.report["invalid"] == 1, ran
    (error,) = ran.report["errors"]
    assert (error["line"], error["keyword"], error["message"]) == (2, keyword, message)


def test_lone_surrogate_finding_points_at_the_member() -> None:
    ran = cli("validate", "--type", "Usage", "--format", "json", "-", stdin=b'{"a": [1, {"b": "x\\udc00"}]}')
    assert [(e["path"], e["keyword"]) for e in ran.report["errors"]] == [("/a/1/b", "encoding")]


def test_a_valid_surrogate_pair_is_text() -> None:
    payload = json.dumps(dict(CHAT, data="\U0001f432")).encode()  # json.dumps writes \\ud83d\\udc32
    assert b"\\ud83d\\udc32" in payload
    assert cli("validate", "--type", "ChatResponse", "-", stdin=payload).code == 0


def test_huge_integers_are_read_exactly() -> None:
    """A 5,001-digit integer is valid JSON: fine in raw_response, a bound failure where a bound applies."""
    big = "9" * 5001
    inside = json.dumps(dict(CHAT, raw_response={"n": 0})).replace('"n": 0', f'"n": {big}').encode()
    assert cli("validate", "--type", "ChatResponse", "-", stdin=inside).code == 0
    negative = json.dumps(dict(USAGE, tokens_total=0)).replace('"tokens_total": 0', f'"tokens_total": -{big}')
    ran = cli("validate", "--type", "Usage", "--format", "json", "-", stdin=negative.encode())
    assert [(e["path"], e["keyword"], e["message"]) for e in ran.report["errors"]] == [
        ("/tokens_total", "minimum", "expected an integer >= 0, got an integer of about 5001 digits")
    ]


def test_a_byte_order_mark_is_ignored_everywhere(tmp_path: Path) -> None:
    bom = b"\xef\xbb\xbf"
    (tmp_path / "a.json").write_bytes(bom + line(USAGE))
    (tmp_path / "b.jsonl").write_bytes(bom + line(USAGE) + line(USAGE))
    ran = cli("validate", "--type", "Usage", str(tmp_path / "a.json"), str(tmp_path / "b.jsonl"))
    assert ran.stdout == "3 payloads checked, 0 invalid, 2 files\n", ran
    assert cli("validate", "--type", "Usage", "-", stdin=bom + line(USAGE) + line(USAGE)).stdout.startswith(
        "2 payloads"
    )
    assert cli("validate", "--type", "Usage", "-", stdin=bom + json.dumps(USAGE, indent=2).encode()).code == 0
