"""Check a data lake of logged IndoxHub responses with Spark, and write what it found.

    spark-submit --py-files indoxhub_contract-0.1.0-py3-none-any.whl examples/spark/check_logs.py \\
        --type ChatResponse --input 's3://logs/chat/2026-11-*/*.jsonl' --output s3://reports/contract/2026-11

--input: JSON Lines (one response body per line, read with spark.read.text: never spark.read.json,
which accepts NaN and keeps the last of two duplicate members) or Parquet (--format parquet, the body
in --body, as text or binary). Writes <output>/checked (every row with contract_valid and
contract_errors, Parquet), <output>/drift and <output>/undocumented (Parquet) and <output>/summary.md.
"""

from __future__ import annotations

import argparse

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

from indoxhub_contract.spark import check_payloads, drift


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", required=True, help="a path or glob")
    parser.add_argument("--output", required=True, help="a folder for the results")
    parser.add_argument("--type", default=None, help="the response type of every row")
    parser.add_argument("--type-column", default=None, help="or a column holding each row's type")
    parser.add_argument("--format", choices=["jsonl", "parquet"], default="jsonl")
    parser.add_argument("--body", default="body", help="the body column (Parquet input)")
    parser.add_argument("--strict", action="store_true", help="members the page does not list are errors")
    options = parser.parse_args()
    spark = SparkSession.builder.appName("indoxhub-contract").getOrCreate()
    if options.format == "jsonl":
        logs = (
            spark.read.text(options.input).withColumnRenamed("value", "body").withColumn("source", F.input_file_name())
        )
        body = "body"
    else:
        logs = spark.read.parquet(options.input)
        body = options.body
    checked = check_payloads(logs, body=body, type=options.type, type_col=options.type_column, strict=options.strict)
    checked.write.mode("overwrite").parquet(f"{options.output}/checked")
    checked = spark.read.parquet(f"{options.output}/checked")  # check once, aggregate from the written rows
    findings, undocumented = drift(checked)
    findings.write.mode("overwrite").parquet(f"{options.output}/drift")
    undocumented.write.mode("overwrite").parquet(f"{options.output}/undocumented")
    total = checked.count()
    invalid = checked.filter(~F.col("contract_valid")).count()
    lines = [f"## IndoxHub contract: {options.input}", "", f"{total} rows checked, {invalid} invalid.", ""]
    lines += ["| type | schema location | keyword | count |", "|---|---|---|---|"]
    lines += [
        f"| {r['type']} | `{r['schema_path']}` | {r['keyword']} | {r['count']} |"
        for r in findings.orderBy(F.desc("count")).collect()
    ]
    lines += ["", "| type | undocumented member | count |", "|---|---|---|"]
    lines += [
        f"| {r['type']} | `{r['member']}` | {r['count']} |" for r in undocumented.orderBy(F.desc("count")).collect()
    ]
    summary = "\n".join(lines) + "\n"
    spark.sparkContext.parallelize([summary], 1).saveAsTextFile(f"{options.output}/summary.md")
    print(summary)
    spark.stop()


if __name__ == "__main__":
    main()
