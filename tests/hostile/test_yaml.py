"""YAML payloads: tags, huge integers, deep nesting, duplicate and non-string keys, .nan/.inf, and
alias expansion are findings, never crashes (class 3)."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from indoxhub_contract._reading import MAX_DEPTH, ReadError
from indoxhub_contract._yaml_reading import ALIAS_NODES_FREE, ALIAS_NODES_PER_CHARACTER, documents

from .conftest import cli

VALID = "tokens_prompt: 1\ntokens_completion: 2\ntokens_total: 3\ncost: 0.1\nlatency: 0.2\n"


@pytest.mark.parametrize(
    ("text", "keyword", "message"),
    [
        ("tokens_prompt: !!int abc\n", "tag", "YAML tags are not read in payloads: !!int"),
        ("cost: !!float abc\n", "tag", "YAML tags are not read in payloads: !!float"),
        ("created: !!timestamp abc\n", "tag", "YAML tags are not read in payloads: !!timestamp"),
        ("ok: !!bool maybe\n", "tag", "YAML tags are not read in payloads: !!bool"),
        ("blob: !!binary aGk=\n", "tag", "YAML tags are not read in payloads: !!binary"),
        ("x: !custom 1\n", "tag", "YAML tags are not read in payloads: !custom"),
        ("1: one\n", "key", "member names must be strings, got 1"),
        ("? [a]\n: x\n", "key", "member names must be strings, got 'a sequence'"),
        ("null: x\n", "key", "member names must be strings, got None"),
        ("a: 1\nb: 2\na: 3\n", "duplicate", 'duplicate member "a"'),
        ("cost: .nan\n", "number", ".nan is not a JSON number"),
        ("cost: -.inf\n", "number", "-.inf is not a JSON number"),
        ("a: *nowhere\n", "alias", "alias *nowhere is not defined"),
        ("a: &x [*x]\n", "alias", "alias *x refers to itself"),
        ("<<: {a: 1}\n", "tag", "'<<' reads as !!merge, which is not JSON (merge keys are not read)"),
        ("a: [1, 2\n", "parse", "not valid YAML: did not find expected ',' or ']'"),  # libyaml's words
    ],
)
def test_findings_not_crashes(tmp_path: Path, text: str, keyword: str, message: str) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    for strict in ([], ["--strict"]):
        ran = cli("validate", "--type", "Usage", "--format", "json", *strict, str(path))
        assert ran.code == 1 and ran.report["checked"] == 1, ran
        assert [(e["keyword"], e["message"]) for e in ran.report["errors"]] == [(keyword, message)]


def test_each_document_is_a_payload_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        VALID + "---\n" + VALID.replace("cost: 0.1", "cost: -1") + "---\n" + "a: !!int x\n" + "---\n" + VALID
    )
    ran = cli("validate", "--type", "Usage", "--format", "json", str(path))
    assert (ran.code, ran.report["checked"], ran.report["invalid"]) == (1, 4, 2)
    assert [(e["line"], e["keyword"]) for e in ran.report["errors"]] == [
        (6, "minimum"),
        (13, "tag"),
    ]  # a document's line is its "---"


def test_a_5000_digit_integer_is_read_exactly(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(VALID.replace("tokens_total: 3", "tokens_total: " + "7" * 5000))
    assert cli("validate", "--type", "Usage", str(path)).code == 0
    path.write_text(VALID.replace("tokens_total: 3", "tokens_total: -" + "7" * 5000))
    ran = cli("validate", "--type", "Usage", "--format", "json", str(path))
    assert [e["message"] for e in ran.report["errors"]] == [
        "expected an integer >= 0, got an integer of about 5000 digits"
    ]


@pytest.mark.parametrize("style", ["flow", "block"])
def test_deep_nesting_is_one_finding(tmp_path: Path, style: str) -> None:
    depth = 5_000
    if style == "flow":
        text = "raw: " + "[" * depth + "]" * depth + "\n"
    else:
        text = "".join("  " * level + "- \n" for level in range(depth))
    path = tmp_path / "p.yaml"
    path.write_text(text)
    ran = cli("validate", "--type", "Usage", "--format", "json", str(path))
    assert ran.code == 1 and ran.report["checked"] == 1
    assert [(e["keyword"], e["message"]) for e in ran.report["errors"]] == [
        ("depth", f"nested deeper than {MAX_DEPTH} levels; the rest of the file is not read")
    ]


def alias_bomb(levels: int, fan_out: int = 9) -> str:
    """Each level an anchored list of `fan_out` aliases to the level below: fan_out ** levels rows."""
    lines = ["a0: &a0 [{tokens_prompt: x}]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * fan_out) + "]" for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


def test_alias_expansion_past_the_cap_is_one_finding(tmp_path: Path) -> None:
    text = alias_bomb(12)  # about 700 bytes that would expand to 9**12 rows
    budget = ALIAS_NODES_FREE + ALIAS_NODES_PER_CHARACTER * len(text)
    path = tmp_path / "bomb.yaml"
    path.write_text(text)
    tracemalloc.start()
    ran = cli("validate", "--type", "Usage", "--format", "json", str(path))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert ran.code == 1 and ran.report["checked"] == 1
    assert [(e["keyword"], e["message"]) for e in ran.report["errors"]] == [
        ("alias", f"alias expansion too large (more than {budget} nodes)")
    ]
    assert peak < 20_000_000, f"{peak / 1e6:.0f} MB traced to refuse a {len(text)}-byte file"


def test_aliases_below_the_cap_are_expanded_and_checked(tmp_path: Path) -> None:
    """Three levels (729 rows) fit the budget: every row is a value the validator sees."""
    value = next(documents(alias_bomb(3)))[1]
    assert not isinstance(value, ReadError) and len(value["a3"]) == 9 and len(value["a3"][0]) == 9
    path = tmp_path / "ok.yaml"
    path.write_text(alias_bomb(3).replace("a0: &a0 [{tokens_prompt: x}]", "a0: &a0 [1]") + "tokens_prompt: x\n")
    ran = cli("validate", "--type", "Usage", "--format", "json", str(path))
    assert ran.code == 1 and ran.report["checked"] == 1
    assert ("/tokens_prompt", "type") in [(e["path"], e["keyword"]) for e in ran.report["errors"]]


def test_timestamps_stay_strings_and_quoted_values_stay_text() -> None:
    ((_, value),) = list(documents("at: 2025-10-26T16:48:59\nn: '1'\nb: yes\nz: ~\n"))
    assert value == {"at": "2025-10-26T16:48:59", "n": "1", "b": True, "z": None}
