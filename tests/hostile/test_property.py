"""Properties over hostile bytes, through the CLI's `main(argv)` in-process: it never raises, every
line is accounted for, and the verdict on a file equals that of its payloads checked one by one."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from .conftest import CHAT, USAGE, Ran, cli

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEEDS = [json.dumps(CHAT).encode(), json.dumps(USAGE).encode(), json.dumps(dict(CHAT, usage=None)).encode()]
PIECES = [
    b"\n",
    b"\r",
    b"\r\n",
    b"\xef\xbb\xbf",
    b"\xff",
    b"\xe2\x80\xa8",
    b"\xc2\x85",
    b"NaN",
    b"1e400",
    b'"\\ud800"',
    b"[" * 600,
    b"]" * 600,
    b"{",
    b"}",
    b'"x": 1, "x": 2',
    b" ",
    b"\t",
    b"\x00",
    b"-0",
]


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A valid payload's JSON text with a few byte-level edits: cuts, insertions of hostile pieces."""
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(data)))
        if draw(st.booleans()):
            data[at:at] = draw(st.sampled_from(PIECES) | st.binary(max_size=4))
        else:
            del data[at : at + draw(st.integers(1, 8))]
    return bytes(data)


def run(name: str, data: bytes, *options: str) -> Ran:
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / name
        path.write_bytes(data)
        ran = cli("validate", "--type", "ChatResponse", "--format", "json", "--allow-empty", *options, str(path))
    assert ran.code in (0, 1) and ran.stderr == "", ran
    report = ran.report
    assert ran.code == (1 if report["invalid"] or report["unreadable"] else 0)
    return ran


def payload_lines(data: bytes) -> list[bytes]:
    """What a user counts as payloads in a JSONL file: the lines (split at \\n only) that are not
    blank; each as a file of its own, where the first keeps its place (a byte-order mark is ignored
    at the start of a file only)."""
    lines = data.split(b"\n")
    lines[0] = lines[0].removeprefix(b"\xef\xbb\xbf")
    return [(b"" if number == 0 else b"\n") + line for number, line in enumerate(lines) if line.strip(b" \t\r")]


@given(st.lists(mutated() | st.binary(max_size=40), min_size=1, max_size=6))
@example([b'{"a": 1}\xe2\x80\xa8', b"\xff", b"\r"])
@example([b"", b"\xef\xbb\xbf"])  # a byte-order mark past the first line is a character, not blank
def test_json_lines_every_line_accounted_and_verdicts_add_up(rows: list[bytes]) -> None:
    data = b"\n".join(rows) + b"\n"
    whole = run("rec.jsonl", data).report
    lines = payload_lines(data)
    assert whole["checked"] == len(lines)
    one_by_one = [run("one.jsonl", line + b"\n").report for line in lines]
    assert whole["invalid"] == sum(report["invalid"] for report in one_by_one)
    assert [(e["path"], e["keyword"], e["message"]) for e in whole["errors"]] == [
        (e["path"], e["keyword"], e["message"]) for report in one_by_one for e in report["errors"]
    ]
    strict = run("rec.jsonl", data, "--strict").report
    assert strict["checked"] == len(lines) and strict["invalid"] >= whole["invalid"]


@given(mutated() | st.binary(max_size=200))
def test_one_json_document_is_one_payload(data: bytes) -> None:
    report = run("doc.json", data).report
    assert report["checked"] == 1  # a .json file holds one JSON document: an empty or blank one is a finding
    if not data.removeprefix(b"\xef\xbb\xbf").strip(b" \t\r\n"):
        assert [error["keyword"] for error in report["errors"]] == ["parse"]


YAML_SEED = "\n".join(f"{key}: {json.dumps(value)}" for key, value in CHAT.items()).encode()
YAML_PIECES = [
    b"!!int ",
    b"&a ",
    b"*a",
    b"---\n",
    b"<<: ",
    b".nan",
    b"? ",
    b"- ",
    b"  ",
    b"[",
    b"]",
    b"{",
    b"}",
    b"1: x\n",
    b"\n",
    b"\xff",
    b'"\\ud800"',
    b"!!binary ",
    b"%YAML 1.1\n",
    b"#",
]


@st.composite
def mutated_yaml(draw: st.DrawFn) -> bytes:
    data = bytearray(YAML_SEED)
    for _ in range(draw(st.integers(0, 5))):
        at = draw(st.integers(0, len(data)))
        if draw(st.booleans()):
            data[at:at] = draw(st.sampled_from(YAML_PIECES))
        else:
            del data[at : at + draw(st.integers(1, 8))]
    return bytes(data)


@given(mutated_yaml())
def test_yaml_never_raises_and_agrees_with_the_reader(data: bytes) -> None:
    from indoxhub_contract import is_valid
    from indoxhub_contract._reading import ReadError, decode
    from indoxhub_contract._yaml_reading import documents

    report = run("doc.yaml", data).report
    try:
        found = [value for _, value in documents(decode(data))]
    except ReadError:
        found = [ReadError("encoding", "")]
    assert report["checked"] == len(found)
    expected = sum(isinstance(v, ReadError) or not is_valid("ChatResponse", v) for v in found)
    assert report["invalid"] == expected
