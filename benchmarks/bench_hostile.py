"""Time and memory under hostile input (`make bench-hostile`, also run by `make bench`): each bound
the hostile-input rules promise, measured as the input grows, written to docs/hostile.md.

- YAML alias expansion: a file of aliases that would expand without end is refused after a budget
  proportional to its size; one that expands to just under the budget is checked in time linear in it.
- Standard input: JSON Lines are streamed, so peak memory does not grow with the input.
- `diff`: schemas whose members $ref the root (or a DAG of $defs) are walked once per pair of places.
- `--jobs`: never more workers than cores, whatever is asked.
Whole commands run as subprocesses; peak memory is that of the command and the workers it waited for.
"""

from __future__ import annotations

import base64
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMAND = str(Path(sys.executable).parent / "indoxhub-contract")
MEASURE = (
    "import resource, subprocess, sys; "
    "code = subprocess.run(sys.argv[1:], stdin=sys.stdin, stdout=subprocess.DEVNULL, "
    "stderr=subprocess.DEVNULL).returncode; "
    "print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)
USAGE = {"tokens_prompt": 1, "tokens_completion": 2, "tokens_total": 3, "cost": 0.1, "latency": 0.2}


def measured(arguments: list[str], stdin: Path | None = None) -> tuple[int, float, float]:
    """(exit code, seconds, peak MB): the median time of 3 runs, the peak of the last."""
    times = []
    for _ in range(3):
        handle = stdin.open("rb") if stdin else subprocess.DEVNULL
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-I", "-c", MEASURE, COMMAND, *arguments],
            stdin=handle,
            capture_output=True,
            text=True,
            check=True,
        )
        times.append(time.perf_counter() - started)
        if stdin:
            handle.close()  # type: ignore[union-attr]
    code, kilobytes = done.stdout.split()
    return int(code), statistics.median(times), int(kilobytes) / 1024


def alias_file(folder: Path, rows: int, bomb: bool) -> Path:
    """`rows` anchored lists of 9 aliases each to the list before: 9**rows nodes (a bomb), or
    rows x 9 aliases to one small anchored row (benign, well under the budget)."""
    lines = ["a0: &a0 [{tokens_prompt: x}]"]
    for index in range(1, rows + 1):
        target = f"*a{index - 1}" if bomb else "*a0"
        lines.append(f"a{index}: &a{index} [" + ", ".join([target] * 9) + "]")
    path = folder / f"{'bomb' if bomb else 'aliases'}-{rows}.yaml"
    path.write_text("\n".join(lines) + "\n")
    return path


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


def yaml_rows(folder: Path) -> list[list[str]]:
    rows = []
    for count, bomb in ((12, True), (1_000, True), (1_000, False), (10_000, False), (100_000, False)):
        path = alias_file(folder, count, bomb)
        code, seconds, peak = measured(["validate", "--type", "Usage", str(path)])
        kind = "bomb: 9**rows nodes" if bomb else "benign: 9 aliases a row"
        rows.append([kind, f"{count:,}", f"{path.stat().st_size:,}", str(code), f"{seconds:.2f} s", f"{peak:.0f} MB"])
    return rows


def stdin_rows(folder: Path) -> list[list[str]]:
    rows = []
    line = (json.dumps(USAGE) + "\n").encode()
    for megabytes in (20, 60, 180):
        path = folder / f"stdin-{megabytes}.jsonl"
        path.write_bytes(line * (megabytes * 1_000_000 // len(line)))
        for source in ("file", "stdin"):
            arguments = ["validate", "--type", "Usage", str(path) if source == "file" else "-"]
            code, seconds, peak = measured(arguments, stdin=path if source == "stdin" else None)
            rows.append([f"{megabytes} MB", source, str(code), f"{seconds:.2f} s", f"{peak:.0f} MB"])
        path.unlink()
    return rows


def diff_rows() -> list[list[str]]:
    from indoxhub_contract import _diff as diff

    calls = 0
    real = diff.summarize

    def counting(*args: object) -> object:
        nonlocal calls
        calls += 1
        return real(*args)  # type: ignore[arg-type]

    diff.summarize = counting  # type: ignore[assignment]
    rows = []
    shapes: list[tuple[str, Callable[[int], dict[str, object]]]] = [
        ("members $ref the root", lambda n: {"title": "T", "properties": {f"m{i}": {"$ref": "#"} for i in range(n)}}),
        ("DAG: 2 members a level to the next", dag),
    ]
    for label, build in shapes:
        for size in (3, 30, 300):
            schema = build(size)
            calls = 0
            started = time.perf_counter()
            diff.compare({"t.json": schema}, {"t.json": schema})
            elapsed = time.perf_counter() - started
            rows.append([label, str(size), f"{calls:,}", f"{elapsed * 1000:.1f} ms"])
    diff.summarize = real
    return rows


def dag(levels: int) -> dict[str, object]:
    definitions: dict[str, object] = {f"d{levels}": {"type": "integer"}}
    for level in range(levels):
        target = {"$ref": f"#/$defs/d{level + 1}"}
        definitions[f"d{level}"] = {"properties": {"x": target, "y": target}}
    return {"title": "T", "properties": {"a": {"$ref": "#/$defs/d0"}}, "$defs": definitions}


def jobs_rows(folder: Path) -> list[list[str]]:
    path = folder / "jobs.jsonl"
    path.write_bytes((json.dumps(USAGE) + "\n").encode() * 100_000)
    one = folder / "one.json"
    one.write_text(json.dumps(USAGE))
    rows = []
    for target, jobs in ((one, "10000"), (path, "1"), (path, "2"), (path, "10000"), (path, "99999999999999999999")):
        code, seconds, peak = measured(["validate", "--type", "Usage", "--jobs", jobs, str(target)])
        rows.append([target.name, jobs, str(code), f"{seconds:.2f} s", f"{peak:.0f} MB"])
    return rows


API = "https://api.indoxhub.com/api/v1"


def interactions(body: str, count: int, headers: str = "{}") -> str:
    one = (
        f"- request: {{method: POST, uri: '{API}/chat/completions', body: null, headers: {{}}}}\n"
        f"  response: {{status: {{code: 200, message: OK}}, headers: {headers}, body: {body}}}\n"
    )
    return "version: 1\ninteractions:\n" + one * count


def gzip_of_spaces(mebibytes: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    parts = [packer.compress(b"[")] + [packer.compress(b" " * (1 << 20)) for _ in range(mebibytes)]
    return b"".join([*parts, packer.compress(b"]"), packer.flush()])


def traffic_rows(folder: Path) -> list[list[str]]:
    """Cassettes built to blow up: the strict YAML reader and the per-file expansion budget."""
    laughs = "a0: &a0 lol\n" + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 10))
    body = json.dumps("x" * (1 << 20))
    packed = base64.b64encode(gzip_of_spaces(48)).decode()
    cases = [
        ("nested aliases in a body (9**9 nodes)", laughs + interactions("{string: *a9}", 1)),
        ("5,000 aliases to one 1 MiB body", "b: &big " + body + "\n" + interactions("{string: *big}", 5000)),
        (
            "20 aliases to one gzip body of 48 MiB",
            "z: &zip !!binary " + packed + "\n" + interactions("{string: *zip}", 20, "{Content-Encoding: [gzip]}"),
        ),
        ("YAML nested 50,000 deep", interactions("{string: " + "[" * 50_000 + "]" * 50_000 + "}", 1)),
    ]
    rows = []
    for name, text in cases:
        path = folder / "cassette.yaml"
        path.write_text(text)
        code, seconds, peak = measured(["traffic", str(path)])
        rows.append([name, f"{path.stat().st_size:,}", str(code), f"{seconds:.2f} s", f"{peak:.0f} MB"])
    members = {f"undocumented_member_number_{i:06d}": i for i in range(300_000)}
    log = folder / "members.jsonl"
    log.write_text(json.dumps({"method": "POST", "url": API + "/chat/completions", "status": 200, "body": members}))
    summary = folder / "summary.md"
    code, seconds, peak = measured(["traffic", "--summary", str(summary), str(log)])
    size = summary.stat().st_size // 3  # three runs appended
    rows.append(
        [
            f"300,000 undocumented members, --summary ({size:,} bytes a run)",
            f"{log.stat().st_size:,}",
            str(code),
            f"{seconds:.2f} s",
            f"{peak:.0f} MB",
        ]
    )
    return rows


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        sections = [
            "## YAML aliases\n\nBudget: 10,000 nodes plus 10 per character of the file "
            "(`indoxhub_contract._yaml_reading`). A bomb is refused with one `alias` finding (exit 1) in "
            "time and memory bounded by its size; benign aliases are expanded and checked.\n\n"
            + table(["file", "rows", "bytes", "exit", "time", "peak memory"], yaml_rows(folder)),
            "## Standard input is streamed\n\nJSON Lines on standard input, next to the same file named "
            "on the command line: peak memory stays flat as the input triples.\n\n"
            + table(["input", "read from", "exit", "time", "peak memory"], stdin_rows(folder)),
            "## `diff` fan-out\n\n`summarize` calls (one per distinct pair of places and presence, on each "
            "side) and time of "
            "`compare` on a schema against itself: linear in the members, where walking every path "
            "would be 3**depth or 2**levels.\n\n" + table(["schema", "size", "summarize calls", "time"], diff_rows()),
            "## Recorded traffic\n\nCassettes are read by the strict YAML reader (alias budget, depth cap) and the "
            "bodies of one file may expand to 64 MiB plus 100 times its size, all together "
            "(`indoxhub_contract._exchanges`): past it each body is an `encoding` finding. The Markdown summary "
            "stays under 512 KiB a run.\n\n"
            + table(["file", "bytes", "exit", "time", "peak memory"], traffic_rows(folder)),
            f"## `--jobs`\n\nWorkers are capped at the cores ({os.cpu_count()} here); one batch runs "
            "without a pool.\n\n" + table(["input", "--jobs", "exit", "time", "peak memory"], jobs_rows(folder)),
        ]
    machine = (
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {platform.system()}"
    )
    text = (
        "# Hostile input: time and memory\n\n`make bench-hostile` (benchmarks/bench_hostile.py) writes this page; "
        f"figures are measured, never asserted.\n\nRun of {time.strftime('%Y-%m-%d')}. Machine: {machine}. "
        "Times are medians of 3 runs of the whole command (start-up included).\n\n" + "\n\n".join(sections) + "\n"
    )
    (ROOT / "docs" / "hostile.md").write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
