"""The installed package runs on the standard library alone: jsonschema is a test oracle, PyYAML an
optional reader, and neither is imported by the API, the models or the command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent

CHECK = (
    "import sys, indoxhub_contract, indoxhub_contract.models, indoxhub_contract.cli, indoxhub_contract._diff, "
    "indoxhub_contract.http, indoxhub_contract.hooks, indoxhub_contract._exchanges; "
    "indoxhub_contract.cli.main(['types']); "
    "print('MODULES', sorted({m.split('.')[0] for m in sys.modules} - set(sys.stdlib_module_names)))"
)


def test_runtime_imports_only_the_standard_library() -> None:
    # -S: no site-packages at all, so a third-party import would fail outright.
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-S", "-c", CHECK], capture_output=True, text=True, check=True, env=env)
    modules = json.loads(done.stdout.split("MODULES ", 1)[1].replace("'", '"'))
    assert set(modules) - {"__main__", "__mp_main__"} == {"indoxhub_contract"}
