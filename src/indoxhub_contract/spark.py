"""The contract at data-lake scale, on Apache Spark (`pip install 'indoxhub-contract[spark]'`).

    checked = check_payloads(spark.read.text("s3://logs/chat/*.jsonl").withColumnRenamed("value", "body"),
                             type="ChatResponse")
    checked.filter(~checked.contract_valid).show()
    drift(checked, id="request_id").show()

Built on PySpark's Arrow path (`mapInArrow`): each executor checks its batches with the same generated
validators and the same strict JSON reader as the CLI; nothing is shipped but the installed package.
Read JSON Lines logs with `spark.read.text`, never `spark.read.json` (which accepts NaN and keeps the
last of two duplicate members). A body given as text or binary is read like the CLI reads it, so the
verdicts and error paths equal `iter_errors` row by row; a body Spark has already parsed into a struct
or map is checked as is, which is lossy: Spark cannot tell an absent member from a null one.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

from . import check_payload
from ._reading import READER_VARIABLE, reader
from ._registry import canonical
from ._report import utf8
from .errors import ErrorDetail
from .http import Checked, check

ERRORS = "array<struct<path: string, keyword: string, message: string>>"
# Behind the public columns, what `drift` aggregates: each error's schema location, and the members
# the strict profile would reject (counted even in the default profile).
DETAILS = "array<struct<keyword: string, schema_path: string>>"


def _arrow() -> Any:
    import pyarrow

    return pyarrow


def _errors_type(pa: Any) -> Any:
    return pa.list_(pa.struct([("path", pa.string()), ("keyword", pa.string()), ("message", pa.string())]))


def _details_type(pa: Any) -> Any:
    return pa.list_(pa.struct([("keyword", pa.string()), ("schema_path", pa.string())]))


def _verdict(type_name: Any, body: Any, strict: bool) -> tuple[str | None, tuple[ErrorDetail, ...], list[str]]:
    """(the canonical type name, the errors, the undocumented members) for one row; never raises."""
    if isinstance(type_name, (bytes, bytearray)):
        type_name = _text(type_name) or repr(bytes(type_name))
    try:
        name = canonical(type_name)
    except (KeyError, TypeError) as error:
        return None, (ErrorDetail("", "type-name", str(error.args[0]), ""),), []
    if body is None:
        return name, (ErrorDetail("", "body", "no body: the row's body is null", ""),), []
    if isinstance(body, list) and body and all(isinstance(pair, tuple) and len(pair) == 2 for pair in body):
        body = dict(body)  # a Spark map arrives as (key, value) pairs
    result = check_payload(name, body, strict=strict, undocumented=True)
    return name, result.errors, list(result.undocumented)


def _driver_reader() -> Callable[[], None]:
    """What the executors do first: take the driver's INDOXHUB_CONTRACT_READER, when it is set (an
    executor's environment is its own). Checked on the driver, so a bad value fails before the job."""
    setting = os.environ.get(READER_VARIABLE)
    reader()

    def apply() -> None:
        if setting is not None:
            os.environ[READER_VARIABLE] = setting
            reader()

    return apply


def _append(batch: Any, columns: dict[str, Any]) -> Any:
    pa = _arrow()
    return pa.RecordBatch.from_arrays([*batch.columns, *columns.values()], names=[*batch.schema.names, *columns])


def _error_columns(pa: Any, verdicts: list[tuple[tuple[ErrorDetail, ...], list[str]]]) -> dict[str, Any]:
    """The contract columns. Arrow strings are UTF-8: a lone surrogate in a member name (a pointer, an
    undocumented member) is written as its escape, as the CLI's JSON report writes it."""
    return {
        "contract_valid": pa.array([not errors for errors, _ in verdicts], type=pa.bool_()),
        "contract_errors": pa.array(
            [
                [{"path": utf8(e.path), "keyword": e.keyword, "message": utf8(e.message)} for e in errors]
                for errors, _ in verdicts
            ],
            type=_errors_type(pa),
        ),
        "contract_details": pa.array(
            [[{"keyword": e.keyword, "schema_path": utf8(e.schema_path)} for e in errors] for errors, _ in verdicts],
            type=_details_type(pa),
        ),
        "contract_undocumented": pa.array(
            [[utf8(member) for member in members] for _, members in verdicts], type=pa.list_(pa.string())
        ),
    }


def check_payloads(
    df: Any, *, body: str = "body", type: str | None = None, type_col: str | None = None, strict: bool = False
) -> Any:  # noqa: A002 - the issue's name for it
    """`df` plus `contract_valid` and `contract_errors` (and `contract_type`, the canonical name or null
    for an unknown one, and `contract_details`, `contract_undocumented`, which `drift` reads). `type`
    names one response type for every row, or `type_col` a column holding it."""
    if (type is None) == (type_col is None):
        raise ValueError("give exactly one of type= and type_col=")
    if type is not None:
        canonical(type)  # an unknown name for every row is the caller's mistake: KeyError now
    use_driver_reader = _driver_reader()

    def mapper(batches: Iterator[Any]) -> Iterator[Any]:
        use_driver_reader()
        pa = _arrow()
        for batch in batches:
            names, verdicts = [], []
            bodies = _values(batch, body)
            types = _values(batch, type_col) if type_col else [type] * len(bodies)
            for type_name, content in zip(types, bodies, strict=True):
                name, errors, undocumented = _verdict(type_name, content, strict)
                names.append(name)
                verdicts.append((errors, undocumented))
            yield _append(batch, {"contract_type": pa.array(names, type=pa.string()), **_error_columns(pa, verdicts)})

    extra = (
        f"contract_type string, contract_valid boolean, contract_errors {ERRORS}, contract_details "
        f"{DETAILS}, contract_undocumented array<string>"
    )
    return df.mapInArrow(mapper, _schema(df, extra))


def check_traffic(
    df: Any,
    *,
    method: str = "method",
    url: str = "url",
    status: str = "status",
    body: str = "body",
    strict: bool = False,
) -> Any:
    """`df` plus `contract_type` (null when uncovered), `contract_covered`, `contract_valid` and
    `contract_errors`: the routing of `indoxhub-contract traffic`, the same code."""
    use_driver_reader = _driver_reader()

    def mapper(batches: Iterator[Any]) -> Iterator[Any]:
        use_driver_reader()
        pa = _arrow()
        for batch in batches:
            types, covered, verdicts = [], [], []
            columns = zip(*(_values(batch, name) for name in (method, url, status, body)), strict=True)
            for method_value, url_value, status_value, content in columns:
                result = _exchange(method_value, url_value, status_value, content, strict)
                types.append(result.type)
                covered.append(result.covered)
                verdicts.append((result.findings, list(result.undocumented)))
            columns_out = {
                "contract_type": pa.array(types, type=pa.string()),
                "contract_covered": pa.array(covered, type=pa.bool_()),
            }
            yield _append(batch, {**columns_out, **_error_columns(pa, verdicts)})

    extra = (
        "contract_type string, contract_covered boolean, contract_valid boolean, contract_errors "
        f"{ERRORS}, contract_details {DETAILS}, contract_undocumented array<string>"
    )
    return df.mapInArrow(mapper, _schema(df, extra))


def _values(batch: Any, column: str) -> list[Any]:
    """A column's Python values; text as bytes (Arrow does not check that a string column holds UTF-8,
    and decoding a bad one in to_pylist() would fail the whole job: the reader makes it a finding)."""
    pa = _arrow()
    array = batch.column(batch.schema.get_field_index(column))
    if pa.types.is_string(array.type):
        array = array.cast(pa.binary())
    elif pa.types.is_large_string(array.type):
        array = array.cast(pa.large_binary())
    return list(array.to_pylist())


def _text(value: Any) -> str | None:
    """A string column's value (bytes here) as text; None when it is not valid UTF-8 or not text."""
    if isinstance(value, (bytes, bytearray)):
        try:
            return bytes(value).decode("utf-8")
        except UnicodeDecodeError:
            return None
    return value if isinstance(value, str) else None


def _exchange(method: Any, url: Any, status: Any, body: Any, strict: bool) -> Checked:
    """check() for one row, or a `record` finding for a row that is not an exchange; never raises."""
    shown = {"method": method, "url": url, "status": status}
    bad = ", ".join(f"{key} {value!r:.60}" for key, value in shown.items() if not _is_part(key, value))
    if bad:
        return Checked(None, None, (ErrorDetail("", "record", f"not an exchange: {bad}", ""),))
    method_text, url_text = _text(method), _text(url)
    assert method_text is not None and url_text is not None  # _is_part said so
    content = bytes(body) if isinstance(body, bytearray) else body
    return check(method_text, url_text, status, content, strict=strict, undocumented=True)


def _is_part(key: str, value: Any) -> bool:
    if key == "status":
        return isinstance(value, int) and not isinstance(value, bool)
    return _text(value) is not None


def drift(df_checked: Any, *, id: str | None = None) -> tuple[Any, Any]:  # noqa: A002 - the issue's name for it
    """The drift report as two DataFrames, by Spark aggregations: (findings, undocumented).
    findings: type, status (when the rows have one), schema location, keyword, count, and the smallest
    `id` among the rows, when `id` names a column. undocumented: type, member, count."""
    from pyspark.sql import functions as F

    with_type = df_checked
    keys = ["contract_type", *(["status"] if "status" in df_checked.columns else [])]
    exploded = with_type.select(*keys, *([id] if id else []), F.explode("contract_details").alias("detail"))
    grouped = exploded.groupBy(
        *keys, F.col("detail.schema_path").alias("schema_path"), F.col("detail.keyword").alias("keyword")
    )
    aggregations = [F.count(F.lit(1)).alias("count")] + ([F.min(id).alias(f"first_{id}")] if id else [])
    findings = grouped.agg(*aggregations).withColumnRenamed("contract_type", "type")
    members = with_type.select("contract_type", F.explode("contract_undocumented").alias("member"))
    undocumented = members.groupBy("contract_type", "member").count().withColumnRenamed("contract_type", "type")
    return findings, undocumented


def _schema(df: Any, extra: str) -> Any:
    """The input's schema as it is (a StructType: no DDL string, so any member name, `cost-breakdown`
    or `a b` or one with a backtick, needs no quoting) plus the contract columns."""
    from pyspark.sql.types import StructType, _parse_datatype_string

    contract_columns = _parse_datatype_string(extra)
    assert isinstance(contract_columns, StructType)
    return StructType([*df.schema.fields, *contract_columns.fields])
