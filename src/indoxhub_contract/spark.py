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

from . import is_valid, iter_errors
from .drift import undocumented_members
from .errors import ErrorDetail
from .http import check
from .reading import READER_VARIABLE, ReadError, read_json, reader
from .registry import canonical

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
    try:
        name = canonical(type_name)
    except KeyError as error:
        return None, (ErrorDetail("", "type-name", str(error.args[0]), ""),), []
    if body is None:
        return name, (ErrorDetail("", "body", "no body: the row's body is null", ""),), []
    if isinstance(body, (bytes, bytearray, str)):
        try:
            body = read_json(bytes(body) if isinstance(body, bytearray) else body)
        except ReadError as error:
            return name, (ErrorDetail(error.path, error.keyword, error.message, ""),), []
    elif isinstance(body, list) and body and all(isinstance(pair, tuple) and len(pair) == 2 for pair in body):
        body = dict(body)  # a Spark map arrives as (key, value) pairs
    errors = () if is_valid(name, body, strict=strict) else tuple(iter_errors(name, body, strict=strict))
    return name, errors, undocumented_members(name, body)


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
    return {
        "contract_valid": pa.array([not errors for errors, _ in verdicts], type=pa.bool_()),
        "contract_errors": pa.array(
            [[{"path": e.path, "keyword": e.keyword, "message": e.message} for e in errors] for errors, _ in verdicts],
            type=_errors_type(pa),
        ),
        "contract_details": pa.array(
            [[{"keyword": e.keyword, "schema_path": e.schema_path} for e in errors] for errors, _ in verdicts],
            type=_details_type(pa),
        ),
        "contract_undocumented": pa.array([members for _, members in verdicts], type=pa.list_(pa.string())),
    }


def check_payloads(df: Any, *, body: str = "body", type: str | None = None, type_col: str | None = None, strict: bool = False) -> Any:  # noqa: A002 - the issue's name for it  # fmt: skip
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
            for row in batch.to_pylist():
                name, errors, undocumented = _verdict(row[type_col] if type_col else type, row[body], strict)
                names.append(name)
                verdicts.append((errors, undocumented))
            yield _append(batch, {"contract_type": pa.array(names, type=pa.string()), **_error_columns(pa, verdicts)})

    extra = f"contract_type string, contract_valid boolean, contract_errors {ERRORS}, contract_details {DETAILS}, contract_undocumented array<string>"  # fmt: skip
    return df.mapInArrow(mapper, f"{_ddl(df)}, {extra}")


def check_traffic(df: Any, *, method: str = "method", url: str = "url", status: str = "status", body: str = "body", strict: bool = False) -> Any:  # fmt: skip
    """`df` plus `contract_type` (null when uncovered), `contract_covered`, `contract_valid` and
    `contract_errors`: the routing of `indoxhub-contract traffic`, the same code."""
    use_driver_reader = _driver_reader()

    def mapper(batches: Iterator[Any]) -> Iterator[Any]:
        use_driver_reader()
        pa = _arrow()
        for batch in batches:
            types, covered, verdicts = [], [], []
            for row in batch.to_pylist():
                content = row[body]
                if isinstance(content, bytearray):
                    content = bytes(content)
                result = check(str(row[method]), str(row[url]), int(row[status]), content, strict=strict)
                types.append(result.type)
                covered.append(result.covered)
                verdicts.append((result.findings, undocumented_members(result.type, result.payload)))
            columns = {
                "contract_type": pa.array(types, type=pa.string()),
                "contract_covered": pa.array(covered, type=pa.bool_()),
            }
            yield _append(batch, {**columns, **_error_columns(pa, verdicts)})

    extra = f"contract_type string, contract_covered boolean, contract_valid boolean, contract_errors {ERRORS}, contract_details {DETAILS}, contract_undocumented array<string>"  # fmt: skip
    return df.mapInArrow(mapper, f"{_ddl(df)}, {extra}")


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


def _ddl(df: Any) -> str:
    return ", ".join(f"`{field.name}` {field.dataType.simpleString()}" for field in df.schema.fields)
