"""docs/scale.md's figures (`make bench-spark`): payloads per second for indoxhub_contract.spark on
local[1] and local[2] over 1,000,000 generated ChatResponse payloads (JSON Lines, spark.read.text),
next to `indoxhub-contract validate --jobs 1/2` on the same file and machine."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_cli import payload

COUNT = int(os.environ.get("BENCH_SPARK_COUNT", "1000000"))
BIN = Path(sys.executable).parent


def spark_seconds(path: Path, cores: int) -> tuple[float, int]:
    """Seconds for one check of every row (the session already up), and the invalid rows found."""
    os.environ["PYSPARK_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    from indoxhub_contract.spark import check_payloads

    spark = (
        SparkSession.builder.master(f"local[{cores}]")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.files.maxPartitionBytes", str(32 << 20))
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    logs = spark.read.text(str(path)).withColumnRenamed("value", "body")
    checked = check_payloads(logs, type="ChatResponse")
    checked.limit(1000).write.format("noop").mode("overwrite").save()  # warm the workers
    start = time.perf_counter()
    invalid = checked.filter(~F.col("contract_valid")).count()
    seconds = time.perf_counter() - start
    spark.stop()
    return seconds, invalid


def main() -> int:
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "chat.jsonl"
        with path.open("w") as handle:
            for index in range(COUNT):
                handle.write(json.dumps(payload(rng, index)) + "\n")
        rows = []
        for jobs in ("1", "2"):
            start = time.perf_counter()
            subprocess.run(
                [str(BIN / "indoxhub-contract"), "validate", "--type", "ChatResponse", "--jobs", jobs, str(path)],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            seconds = time.perf_counter() - start
            rows.append((f"indoxhub-contract validate --jobs {jobs}", seconds))
        for cores in (1, 2):
            code = (
                f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); import bench_spark; "
                f"print(bench_spark.spark_seconds(__import__('pathlib').Path({str(path)!r}), {cores})[0])"
            )
            done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
            rows.append((f"check_payloads, Spark local[{cores}]", float(done.stdout.strip().splitlines()[-1])))
    print(f"{COUNT:,} ChatResponse payloads ({path.name}, JSON Lines)\n")
    print("| run | seconds | payloads/s | per core |\n|---|---|---|---|")
    for label, seconds in rows:
        cores = 2 if label.endswith(("2", "[2]")) else 1
        print(f"| {label} | {seconds:.1f} | {COUNT / seconds:,.0f} | {COUNT / seconds / cores:,.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
