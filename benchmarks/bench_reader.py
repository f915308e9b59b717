"""The fast reader's rows of `make bench` (`make bench-reader` alone): the same work with
INDOXHUB_CONTRACT_READER=fast (jiter) and =stdlib, alternating, medians, as ratios in one run.

- `validate` and `traffic` (--jobs 1, whole runs as subprocesses) on 100,000 ChatResponse lines of
  which one in 50 carries a reader finding (every kind in turn): the findings are the same either way
  (tests/reading), so this is the price of each.
- `from_json` with each reader against pydantic's `model_validate_json(strict=True)`.
- Spark (`check_payloads` on local[1], BENCH_SPARK=1): payloads per second per core.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench_cli import payload
from bench_common import fmt, payloads, per_call

BIN = Path(sys.executable).parent
COUNT = int(os.environ.get("BENCH_READER_COUNT", "100000"))
SPARK_COUNT = int(os.environ.get("BENCH_READER_SPARK_COUNT", "1000000"))  # a job's start-up weighs less
ROUNDS = int(os.environ.get("BENCH_READER_ROUNDS", "5"))
MODES = ("stdlib", "fast")
URL = "https://api.indoxhub.com/api/v1/chat/completions"
# Every reader finding, as a chat line would carry it: the cost member's value (or the line) replaced.
FINDINGS: list[Callable[[bytes], bytes]] = [
    lambda line: line.replace(b'"cost": ', b'"cost": NaN, "x": ', 1),
    lambda line: line.replace(b'"cost": ', b'"cost": -Infinity, "x": ', 1),
    lambda line: line.replace(b'"cost": ', b'"cost": 1e400, "x": ', 1),
    lambda line: line.replace(b'"cost": ', b'"latency": 1, "cost": ', 1),  # a duplicate member
    lambda line: line.replace(b'"message": ""', b'"message": "\\ud800"', 1),
    lambda line: line.replace(b'"message": ""', b'"message": "caf\xe9"', 1),
    lambda line: line.replace(b'"raw_response": null', b'"raw_response": ' + b"[" * 600 + b"]" * 600, 1),
    lambda line: line.replace(b'"raw_response": null', b'"raw_response": ' + b"7" * 5000, 1),
    lambda line: line[:-1] + b",}",
    lambda line: line.replace(b'"message": ""', b'"message": "\x01"', 1),
]


def corpus(folder: Path, count: int = COUNT) -> tuple[Path, Path]:
    """chat.jsonl (payloads) and exchanges.jsonl (the same as exchange lines)."""
    rng = random.Random(3)
    lines = []
    for index in range(count):
        line = json.dumps(payload(rng, index)).encode()
        if index % 50 == 49:
            line = FINDINGS[(index // 50) % len(FINDINGS)](line)
        lines.append(line)
    chat, exchanges = folder / "chat.jsonl", folder / "exchanges.jsonl"
    chat.write_bytes(b"\n".join(lines) + b"\n")
    prefix = b'{"method": "POST", "url": "' + URL.encode() + b'", "status": 200, "body": '
    exchanges.write_bytes(b"\n".join(prefix + line + b"}" for line in lines) + b"\n")
    return chat, exchanges


def run_seconds(command: list[str], mode: str) -> tuple[float, str]:
    env = {**os.environ, "INDOXHUB_CONTRACT_READER": mode}
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, env=env, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 1:
        raise SystemExit(f"{command[1]} exited {done.returncode}, not 1: {done.stderr.decode()[:500]}")
    return seconds, done.stdout.decode().splitlines()[-1]


def command_rows(folder: Path) -> list[str]:
    chat, exchanges = corpus(folder)
    commands = {
        "validate --jobs 1": [str(BIN / "indoxhub-contract"), "validate", "--type", "ChatResponse", str(chat)],
        "traffic --jobs 1": [str(BIN / "indoxhub-contract"), "traffic", str(exchanges)],
    }
    lines = [
        f"{COUNT:,} ChatResponse lines, one in 50 with a reader finding (NaN, -Infinity, 1e400, a duplicate,",
        "a lone surrogate, bad UTF-8, 600 levels, a 5,000-digit integer, a trailing comma, a control character).",
        "",
        "| command | stdlib: seconds | payloads/s | fast: seconds | payloads/s | fast / stdlib (rate) |",
        "|---|---|---|---|---|---|",
    ]
    for label, command in commands.items():
        samples: dict[str, list[float]] = {mode: [] for mode in MODES}
        summaries = set()
        for _ in range(ROUNDS):
            for mode in MODES:
                seconds, summary = run_seconds(command, mode)
                samples[mode].append(seconds)
                summaries.add(summary)
        if len(summaries) != 1:
            raise SystemExit(f"the readers disagree on {label}: {summaries}")
        slow, fast = (statistics.median(samples[mode]) for mode in MODES)
        lines.append(
            f"| {label} | {slow:.2f} | {COUNT / slow:,.0f} | {fast:.2f} | {COUNT / fast:,.0f} | {slow / fast:.2f}x |"
        )
    return lines


def from_json_rows(scratch: Path) -> list[str]:
    import bench_models

    from indoxhub_contract._reading import reader

    lines = [
        "| payload | from_json, stdlib | from_json, fast | pydantic v2 (strict) | stdlib / pydantic | fast / "
        "pydantic |",
        "|---|---|---|---|---|---|",
    ]
    for label, (file, value) in payloads().items():
        title = json.loads((bench_models.BUNDLED / f"{file}.schema.json").read_text())["title"]
        peers = bench_models.json_contenders(f"{file}.schema.json", title, scratch)
        ours, pydantic = peers["indoxhub-contract from_json"], peers["pydantic v2 model_validate_json (strict)"]
        data = json.dumps(value).encode()
        samples: dict[str, list[float]] = {"stdlib": [], "fast": [], "pydantic": []}
        verdicts = set()
        for _ in range(15):
            for mode in MODES:
                os.environ["INDOXHUB_CONTRACT_READER"] = mode
                reader()  # a program that changes the variable puts it in use
                verdicts.add(ours(data))
                samples[mode].append(per_call(ours, data))
            samples["pydantic"].append(per_call(pydantic, data))
        os.environ.pop("INDOXHUB_CONTRACT_READER")
        if len(verdicts) != 1 or verdicts != {pydantic(data)}:
            raise SystemExit(f"verdicts differ on {label}")
        slow, fast, peer = (statistics.median(samples[name]) for name in ("stdlib", "fast", "pydantic"))
        lines.append(f"| {label} | {fmt(slow)} | {fmt(fast)} | {fmt(peer)} | {slow / peer:.2f}x | {fast / peer:.2f}x |")
    return lines


def spark_rows(folder: Path) -> list[str]:
    (folder / "spark").mkdir()
    chat, _ = corpus(folder / "spark", SPARK_COUNT)
    lines = [
        f"| Spark check_payloads, local[1], {SPARK_COUNT:,} lines | seconds | payloads/s per core |",
        "|---|---|---|",
    ]
    rates = {}
    for mode in MODES:
        code = (
            f"import os, sys; os.environ['INDOXHUB_CONTRACT_READER'] = {mode!r}; "
            f"sys.path.insert(0, {str(Path(__file__).parent)!r}); import bench_spark; "
            f"print(bench_spark.spark_seconds(__import__('pathlib').Path({str(chat)!r}), 1)[0])"
        )
        done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
        seconds = float(done.stdout.strip().splitlines()[-1])
        rates[mode] = SPARK_COUNT / seconds
        lines.append(f"| {mode} reader | {seconds:.1f} | {SPARK_COUNT / seconds:,.0f} |")
    lines.append(f"| fast / stdlib (rate) | | {rates['fast'] / rates['stdlib']:.2f}x |")
    return lines


def rows() -> list[str]:
    from indoxhub_contract._reading import describe_reader

    os.environ["INDOXHUB_CONTRACT_READER"] = "fast"
    lines = [f"Fast reader: {describe_reader()}.", ""]
    os.environ.pop("INDOXHUB_CONTRACT_READER")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        lines += command_rows(folder) + [""] + from_json_rows(folder)
        if os.environ.get("BENCH_SPARK"):
            lines += [""] + spark_rows(folder)
    return lines


def main() -> int:
    print("\n".join(rows()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
