"""The CLI rows of `make bench`: `indoxhub-contract validate` over a JSONL of 100,000 ChatResponse
payloads (written here), in payloads per second and peak memory, with --jobs 1 and 2, next to
check-jsonschema, the tool a team would otherwise reach for.

check-jsonschema reads one instance per file and has no JSON Lines input, so it gets the same
payloads as separate .json files, a sample of 2,000 (it would take minutes for all 100,000); its rate
is payloads per second over that sample.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
COUNT, SAMPLE = 100_000, 2_000
MEASURE = (
    "import resource, subprocess, sys; "
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode; "
    "print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def payload(rng: random.Random, index: int) -> dict[str, object]:
    tokens = rng.randint(10, 4000), rng.randint(1, 1000)
    return {
        "request_id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "created_at": f"2025-10-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:"
        f"{rng.randint(0, 59):02d}.{rng.randint(0, 999999):06d}",
        "duration_ms": rng.uniform(50, 5000),
        "provider": "openai",
        "model": "gpt-4o-mini",
        "success": True,
        "message": "",
        "data": f"Answer number {index}: " + "lorem ipsum " * rng.randint(5, 30),
        "finish_reason": "stop",
        "usage": {
            "tokens_prompt": tokens[0],
            "tokens_completion": tokens[1],
            "tokens_total": sum(tokens),
            "cost": rng.uniform(0, 0.01),
            "latency": rng.uniform(0.1, 5),
        },
        "raw_response": None,
    }


def measure(command: list[str]) -> tuple[float, int]:
    """Seconds and peak resident memory (MB, the command and the workers it waited for)."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-I", "-c", MEASURE, *command], capture_output=True, text=True, check=True)
    elapsed = time.perf_counter() - start
    code, kilobytes = done.stdout.split()
    if code != "0":
        raise SystemExit(f"{command[0]} reported invalid payloads (exit {code})")
    return elapsed, int(kilobytes) // 1024


def rows() -> list[str]:
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        records = [payload(rng, i) for i in range(COUNT)]
        (folder / "chat.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
        (folder / "sample").mkdir()
        for index, record in enumerate(records[:SAMPLE]):
            (folder / "sample" / f"{index}.json").write_text(json.dumps(record))
        size = (folder / "chat.jsonl").stat().st_size / 1e6
        lines = [f"{COUNT:,} ChatResponse payloads, {size:.0f} MB of JSON Lines.", ""]
        lines += ["| command | payloads | seconds | payloads/s | peak memory |", "|---|---|---|---|---|"]
        for jobs in ("1", "2"):
            command = [
                str(BIN / "indoxhub-contract"),
                "validate",
                "--type",
                "ChatResponse",
                "--jobs",
                jobs,
                str(folder / "chat.jsonl"),
            ]
            seconds, peak = measure(command)
            lines.append(
                f"| indoxhub-contract validate --jobs {jobs} | {COUNT:,} | {seconds:.2f} | "
                f"{COUNT / seconds:,.0f} | {peak} MB |"
            )
        schema = ROOT / "generated" / "schemas" / "chat-response.schema.json"
        files = sorted(str(p) for p in (folder / "sample").glob("*.json"))
        seconds, peak = measure([str(BIN / "check-jsonschema"), "--schemafile", str(schema), *files])
        lines.append(
            f"| check-jsonschema (one file per payload) | {SAMPLE:,} | {seconds:.2f} | {SAMPLE / seconds:,.0f} "
            f"| {peak} MB |"
        )
        seconds, peak = measure([str(BIN / "indoxhub-contract"), "validate", "--type", "ChatResponse", *files])
        lines.append(
            f"| indoxhub-contract validate, same files | {SAMPLE:,} | {seconds:.2f} | {SAMPLE / seconds:,.0f} "
            f"| {peak} MB |"
        )
        lines += ["", *traffic_rows(folder, records)]
    return lines


def traffic_rows(folder: Path, records: list[dict[str, object]]) -> list[str]:
    """`traffic` on the same payloads as 100,000 exchanges (method, URL, status, body), next to
    `validate` on the bodies alone: the routing overhead, as a ratio."""
    url = "https://api.indoxhub.com/api/v1/chat/completions"
    exchanges = "".join(json.dumps({"method": "POST", "url": url, "status": 200, "body": r}) + "\n" for r in records)
    (folder / "exchanges.jsonl").write_text(exchanges)
    lines = [
        "| command | exchanges | seconds | exchanges/s | peak memory | time / validate's |",
        "|---|---|---|---|---|---|",
    ]
    for jobs in ("1", "2"):
        validate, _ = measure(
            [
                str(BIN / "indoxhub-contract"),
                "validate",
                "--type",
                "ChatResponse",
                "--jobs",
                jobs,
                str(folder / "chat.jsonl"),
            ]
        )
        seconds, peak = measure(
            [str(BIN / "indoxhub-contract"), "traffic", "--jobs", jobs, str(folder / "exchanges.jsonl")]
        )
        lines.append(
            f"| indoxhub-contract traffic --jobs {jobs} | {COUNT:,} | {seconds:.2f} | {COUNT / seconds:,.0f} | "
            f"{peak} MB | {seconds / validate:.2f}x |"
        )
    return lines


if __name__ == "__main__":
    print("\n".join(rows()))
