"""indoxhub_contract.spark on a real local[2] session: check_payloads gives each fixture its own findings on
the fixture corpus in both profiles, check_traffic equals the `traffic` command, drift equals its
--summary numbers, and bodies that are not JSON, null bodies and unknown types are findings."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from indoxhub_contract._registry import canonical
from indoxhub_contract.spark import check_payloads, check_traffic, drift

from ..cli.conftest import cli

ROOT = Path(__file__).resolve().parent.parent.parent
CHAT = json.loads((ROOT / "schemas" / "chat-response.schema.json").read_text())["examples"][0]


def corpus() -> list[tuple[str, str, int]]:
    rows: list[tuple[str, str, int]] = []
    for path in sorted((ROOT / "tests" / "fixtures").glob("*.json")):
        for case in json.loads(path.read_text()):
            rows.append((canonical(path.stem), json.dumps(case["payload"]), len(rows)))
    return rows


def expected() -> list[dict[str, Any]]:
    """Each fixture's own verdicts and findings, as the corpus (tests/fixtures) writes them down."""
    return [
        case for path in sorted((ROOT / "tests" / "fixtures").glob("*.json")) for case in json.loads(path.read_text())
    ]


def pairs(errors: Any) -> list[tuple[str, str]]:
    return sorted((e["path"], e["keyword"]) for e in errors)


@pytest.mark.parametrize("strict", [False, True], ids=["default", "strict"])
@pytest.mark.parametrize("kind", ["string", "binary"])
def test_check_payloads_gives_the_fixtures_findings(spark: Any, strict: bool, kind: str) -> None:
    """Held to the corpus, not to iter_errors (which spark itself calls): each row's verdict is the
    fixture's, and in the first profile that rejects it, its (pointer, keyword) pairs are the fixture's;
    strict, after default rejected it, may add members the page does not list."""
    rows = corpus()
    df = spark.createDataFrame(rows, "type string, body string, n int")
    if kind == "binary":
        df = df.withColumn("body", df.body.cast("binary"))
    checked = check_payloads(df, type_col="type", strict=strict).orderBy("n").collect()
    assert len(checked) == len(rows)
    profile = "strict" if strict else "default"
    for case, row in zip(expected(), checked, strict=True):
        assert row["contract_valid"] is case[profile], case["name"]
        found = sorted(set(pairs(row["contract_errors"])))  # a pair per place and keyword, as the corpus lists them
        if case[profile]:
            assert found == [], case["name"]
        elif strict and not case["default"]:
            assert {tuple(pair) for pair in case["errors"]} <= set(found), case["name"]
        else:
            assert found == [tuple(pair) for pair in case["errors"]], case["name"]
    print(f"\ncheck_payloads ({kind}, {profile}): {len(rows)} rows, each with its fixture's findings")


def test_unreadable_null_and_unknown_are_findings(spark: Any) -> None:
    rows = [
        ("ChatResponse", '{"a": 1, "a": 2}'),
        ("ChatResponse", "not json"),
        ("ChatResponse", None),
        ("NoSuchType", "{}"),
        ("chat-response", json.dumps(CHAT)),
        ("ChatResponse", '{"cost": NaN}'),
    ]
    checked = check_payloads(spark.createDataFrame(rows, "type string, body string"), type_col="type").collect()
    assert [
        (r["contract_valid"], [e["keyword"] for e in r["contract_errors"]][:1], r["contract_type"]) for r in checked
    ] == [
        (False, ["duplicate"], "ChatResponse"),
        (False, ["parse"], "ChatResponse"),
        (False, ["body"], "ChatResponse"),
        (False, ["type-name"], None),
        (True, [], "ChatResponse"),
        (False, ["number"], "ChatResponse"),
    ]


def test_a_parsed_struct_body_is_checked_too(spark: Any) -> None:
    df = spark.read.json(spark.sparkContext.parallelize([json.dumps(CHAT["usage"])]))  # lossy, and only for this test
    checked = check_payloads(df.selectExpr("struct(*) as body"), type="Usage").collect()
    assert checked[0]["contract_valid"] is True


EXCHANGES = [
    ("POST", "https://api.indoxhub.com/api/v1/chat/completions", 200, json.dumps(CHAT)),
    ("POST", "/api/v1/chat/completions", 200, json.dumps(dict(CHAT, usage={**CHAT["usage"], "request_count": 3}))),
    ("POST", "/api/v1/chat/completions", 200, json.dumps(dict(CHAT, model=5))),
    ("POST", "/api/v1/chat/completions", 418, "{}"),
    ("GET", "/api/v1/models", 200, "[]"),
    ("GET", "/api/v1/videos/jobs/j-1", 404, '{"detail": "gone"}'),
    ("POST", "/api/v1/chat/completions", 502, "<html>"),
]


def test_check_traffic_and_drift_equal_the_command(spark: Any, tmp_path: Path) -> None:
    lines = "".join(json.dumps({"method": m, "url": u, "status": s, "body": b}) + "\n" for m, u, s, b in EXCHANGES)
    (tmp_path / "log.jsonl").write_text(lines)
    report = cli("traffic", "--format", "json", str(tmp_path / "log.jsonl")).report
    df = spark.createDataFrame(
        [(m, u, s, b, i + 1) for i, (m, u, s, b) in enumerate(EXCHANGES)],
        "method string, url string, status int, body string, entry int",
    )
    checked = check_traffic(df).orderBy("entry").collect()
    expected = Counter((e["entry"], e["path"], e["keyword"]) for e in report["errors"])
    found = Counter((row["entry"], e["path"], e["keyword"]) for row in checked for e in row["contract_errors"])
    assert found == expected
    assert [row["entry"] for row in checked if not row["contract_covered"]] == [
        u["entry"] for u in report["uncovered_exchanges"]
    ]
    assert [row["contract_type"] for row in checked][:2] == ["ChatResponse", "ChatResponse"]
    findings, undocumented = drift(check_traffic(df), id="entry")
    counts = {
        (r["type"], r["status"], r["schema_path"], r["keyword"]): (r["count"], r["first_entry"])
        for r in findings.collect()
    }
    summary = report["summary"]
    # schema findings, by type, location and keyword (reading findings have no schema location to group by)
    assert {
        (f["type"], f["schema_path"], f["keyword"]): f["count"]
        for f in summary["findings"]
        if f["schema_path"] != "(reading)"
    } == {(t, s, k): count for (t, _, s, k), (count, _) in counts.items() if s != ""}
    members = {(r["type"], r["member"]): r["count"] for r in undocumented.collect()}
    assert members == {
        (t, m): n for t, found_members in summary["undocumented"].items() for m, n in found_members.items()
    }


def test_both_json_readers_give_the_same_rows(spark: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The driver's INDOXHUB_CONTRACT_READER goes to the executors (set here after the session
    started, so only check_payloads can carry it): every reader finding, read by jiter or by the
    standard library, gives the same columns."""
    from ..hostile.test_property import SEEDS
    from ..reading.test_readers import HOSTILE

    rows = [("ChatResponse", text, n) for n, text in enumerate([*SEEDS, *HOSTILE])]
    df = spark.createDataFrame(rows, "type string, body binary, n int")
    seen = {}
    for setting in ("fast", "stdlib"):
        monkeypatch.setenv("INDOXHUB_CONTRACT_READER", setting)
        checked = check_payloads(df, type_col="type").orderBy("n").collect()
        seen[setting] = [(r["contract_valid"], r["contract_errors"], r["contract_undocumented"]) for r in checked]
    assert seen["fast"] == seen["stdlib"]
    assert sum(valid for valid, _, _ in seen["fast"]) >= 1 and sum(not valid for valid, _, _ in seen["fast"]) > 50
    monkeypatch.setenv("INDOXHUB_CONTRACT_READER", "fastest")
    with pytest.raises(ValueError, match="expected one of auto, stdlib, fast"):
        check_payloads(df, type_col="type")  # refused on the driver, before a job starts


def test_no_row_fails_the_job(spark: Any, tmp_path: Path) -> None:
    """Rows that used to abort the whole job are findings in their own columns: text that is not UTF-8
    (spark.read.text does not check it), a null, string or fractional status, a null method or URL."""
    chat = json.dumps(CHAT).encode()
    (tmp_path / "logs.jsonl").write_bytes(
        chat + b"\n" + chat.replace(b'"message": ""', b'"message": "caf\xe9"') + b"\n"
    )
    logs = spark.read.text(str(tmp_path / "logs.jsonl")).withColumnRenamed("value", "body")
    rows = check_payloads(logs, type="ChatResponse").collect()
    assert [(r["contract_valid"], [e["keyword"] for e in r["contract_errors"]]) for r in rows] == [
        (True, []),
        (False, ["encoding"]),
    ]
    url = "https://api.indoxhub.com/api/v1/chat/completions"
    for schema, status in (("status int", None), ("status string", "200"), ("status double", 200.9)):
        df = spark.createDataFrame(
            [("POST", url, status, chat.decode()), (None, url, None, "{}")],
            f"method string, url string, {schema}, body string",
        )
        checked = check_traffic(df).collect()
        assert [(r["contract_valid"], [e["keyword"] for e in r["contract_errors"]]) for r in checked] == [
            (False, ["record"]),
            (False, ["record"]),
        ], schema
        assert "status" in checked[0]["contract_errors"][0]["message"]
        assert "method None" in checked[1]["contract_errors"][0]["message"]
    good = spark.createDataFrame(
        [("POST", url, 200, chat.decode())], "method string, url string, status int, body string"
    )
    assert [r["contract_valid"] for r in check_traffic(good).collect()] == [True]


def test_member_names_that_need_quoting(spark: Any) -> None:
    """A struct body (and other columns) whose names are not plain identifiers: `cost-breakdown`, `a b`,
    a backtick. The output schema is the input's own, so no name is spelled into a DDL string."""
    rows = [(json.dumps(CHAT), (1.5, "x"), 1)]
    schema = "body string, `cost-breakdown` struct<`a b`: double, `we``ird`: string>, `n-1` int"
    checked = check_payloads(spark.createDataFrame(rows, schema), type="ChatResponse").collect()
    assert checked[0]["contract_valid"] and checked[0]["cost-breakdown"]["a b"] == 1.5
    struct_body = spark.createDataFrame([((1, 2),)], "body struct<`tokens-prompt`: int, `a b`: int>")
    (row,) = check_payloads(struct_body, type="Usage").collect()
    assert not row["contract_valid"] and "required" in [e["keyword"] for e in row["contract_errors"]]
