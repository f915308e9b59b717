"""examples/spark/check_logs.py run as spark-submit would: a folder of JSON Lines in, the checked rows,
the drift report and the summary out."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
CHAT = json.loads((ROOT / "schemas" / "chat-response.schema.json").read_text())["examples"][0]


def test_check_logs_script(tmp_path: Path) -> None:
    logs = tmp_path / "logs" / "day=2026-11-26"
    logs.mkdir(parents=True)
    lines = [
        json.dumps(CHAT),
        json.dumps(dict(CHAT, usage={**CHAT["usage"], "request_count": 1})),
        json.dumps(dict(CHAT, model=7)),
        "not json",
    ]
    (logs / "part-0.jsonl").write_text("\n".join(lines) + "\n")
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "examples" / "spark" / "check_logs.py"),
            "--type",
            "ChatResponse",
            "--input",
            str(tmp_path / "logs" / "*" / "*.jsonl"),
            "--output",
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        check=False,
        env={"PYSPARK_PYTHON": sys.executable, "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "4 rows checked, 2 invalid." in done.stdout
    assert "| ChatResponse | `envelope.schema.json#/$defs/model/type` | type | 1 |" in done.stdout
    assert "| ChatResponse | `/usage/request_count` | 1 |" in done.stdout
    assert (tmp_path / "out" / "checked").is_dir() and (tmp_path / "out" / "drift").is_dir()
