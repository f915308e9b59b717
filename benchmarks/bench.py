"""`make bench`: the generated validators against their peers, in one process, alternating, medians.

Peers run on the same contract (the bundled default-profile schema): fastjsonschema (compile_to_code,
loaded as a module), jsonschema-rs, and jsonschema's Draft202012Validator. Each round times every
contender on every payload; the table gives the median per call and the ratio to ours.
"""

from __future__ import annotations

import importlib.util
import json
import os
import platform
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_common import fmt, payloads, per_call

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "generated" / "schemas"
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "15"))


def ours(file: str) -> Callable[[Any], bool]:
    from indoxhub_contract.generated.validators import VALIDATORS

    title = json.loads((BUNDLED / f"{file}.schema.json").read_text())["title"]
    return VALIDATORS[title][0]


def fastjsonschema_validator(schema: Any) -> Callable[[Any], bool]:
    import fastjsonschema

    code = fastjsonschema.compile_to_code(schema)
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as handle:
        handle.write(code)
    spec = importlib.util.spec_from_file_location("fjs_bench", handle.name)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    # compile_to_code names the entry function after the schema's $id: the first def in the module.
    entry = next(line[4:].split("(")[0] for line in code.splitlines() if line.startswith("def "))
    validate = getattr(module, entry)

    def is_valid(payload: Any) -> bool:
        try:
            validate(payload)
        except fastjsonschema.JsonSchemaException:
            return False
        return True

    return is_valid


def contenders(file: str) -> dict[str, Callable[[Any], bool]]:
    import jsonschema
    import jsonschema_rs

    schema = json.loads((BUNDLED / f"{file}.schema.json").read_text())
    return {
        "indoxhub-contract": ours(file),
        "fastjsonschema": fastjsonschema_validator(schema),
        "jsonschema-rs": jsonschema_rs.validator_for(schema).is_valid,
        "jsonschema": jsonschema.Draft202012Validator(schema).is_valid,
    }


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} {platform.machine()}"
    )


def measure(peers: dict[str, Callable[[Any], bool]], label: str, payload: Any) -> dict[str, float]:
    verdicts = {name: check(payload) for name, check in peers.items()}
    if len(set(verdicts.values())) != 1:
        raise SystemExit(f"contenders disagree on {label}: {verdicts}")
    samples: dict[str, list[float]] = {name: [] for name in peers}
    for _ in range(ROUNDS):  # alternate: every contender once per round, so drift hits all alike
        for name, check in peers.items():
            samples[name].append(per_call(check, payload))
    return {name: statistics.median(times) for name, times in samples.items()}


def table(rows: list[tuple[str, dict[str, float]]]) -> list[str]:
    names = list(rows[0][1])
    ours, peers = names[0], names[1:]
    lines = ["| payload | " + " | ".join(names) + " | " + " | ".join(f"ours / {p}" for p in peers) + " |"]
    lines.append("|---" * (2 * len(names)) + "|")
    for label, medians in rows:
        ratios = [f"{medians[ours] / medians[peer]:.3f}x" for peer in peers]
        lines.append(f"| {label} | " + " | ".join(fmt(medians[n]) for n in names) + " | " + " | ".join(ratios) + " |")
    return lines


def main() -> int:
    import bench_fused
    import bench_models

    validator_rows, model_rows, json_rows = [], [], []
    with bench_models.scratch_directory() as scratch:
        for label, (file, payload) in payloads().items():
            validator_rows.append((label, measure(contenders(file), label, payload)))
            title = json.loads((BUNDLED / f"{file}.schema.json").read_text())["title"]
            model_peers = bench_models.contenders(f"{file}.schema.json", title, Path(scratch))
            model_rows.append((label, measure(model_peers, label, payload)))
            json_peers = bench_models.json_contenders(f"{file}.schema.json", title, Path(scratch))
            json_rows.append((label, measure(json_peers, label, json.dumps(payload).encode())))
        chat_label, (_, chat) = next(iter(payloads().items()))
        fused = bench_fused.fused_chat()
        from indoxhub_contract.models import ChatResponse

        fused_peers = {
            "from_dict": lambda p: bool(ChatResponse.from_dict(p)),
            "fused parse": lambda p: fused(p) is not None,
        }
        fused_rows = [(chat_label, measure(fused_peers, chat_label, chat))]
    lines = [f"Machine: {machine()}", f"Medians of {ROUNDS} alternating rounds; ratio = our time / their time.", ""]
    lines += ["Validators (`is_valid`):", ""] + table(validator_rows)
    lines += ["", "Typed models (validation included):", ""] + table(model_rows)
    lines += ["", "JSON text to typed models:", ""] + table(json_rows)
    lines += ["", "The fused parse (benchmarks/bench_fused.py) against from_dict:", ""] + table(fused_rows)
    print("\n".join(lines), flush=True)
    import bench_cli

    print("\nThe command (`validate`, whole runs, JSON parsing included):\n")
    print("\n".join(bench_cli.rows()))
    import bench_reader

    print("\nThe fast reader (INDOXHUB_CONTRACT_READER=fast against =stdlib):\n")
    print("\n".join(bench_reader.rows()))
    import bench_npm

    print("\nThe npm package (`isValid` from the installed tarball, against Ajv compiled at run time):\n")
    print("\n".join(bench_npm.rows()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
