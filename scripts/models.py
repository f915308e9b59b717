"""Dataclasses from the schemas, written by datamodel-code-generator (pinned in pyproject.toml).

Run on the whole schemas/ directory, so a shared type is one class in one module (`Usage` lives in
usage_schema.py and the others import it). The flags say why each is there.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

FLAGS = [
    "--input-file-type", "jsonschema",
    "--output-model-type", "dataclasses.dataclass",
    "--target-python-version", "3.10",
    "--disable-timestamp",  # reproducible output
    "--strict-nullable",  # Optional only where the schema allows null, not merely where a member is optional
    "--enum-field-as-literal", "all",  # "pending" stays a str: no Enum to convert in from_dict/to_dict
    "--use-standard-collections",
    "--use-union-operator",
    "--use-schema-description",
    "--use-field-description",  # descriptions become field docstrings
    "--use-title-as-name",  # class names are the page's type names
    "--collapse-root-models",
    "--keep-model-order",
    "--base-class", "indoxhub_contract.generated.models._base.Model",  # from_dict / to_dict / extra
    "--formatters", "ruff-format",
    "--no-allow-remote-refs",  # never fetch: the compiler has already refused any remote $ref
]  # fmt: skip


def build(schemas: Path) -> dict[str, str]:
    """Module name -> source, as datamodel-code-generator writes them (header lines included)."""
    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch) / "models"
        command = [
            sys.executable,
            "-m",
            "datamodel_code_generator",
            "--input",
            str(schemas),
            "--output",
            str(output),
            *FLAGS,
        ]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise SystemExit(f"datamodel-codegen failed:\n{result.stderr}")
        return {path.name: path.read_text(encoding="utf-8") for path in sorted(output.glob("*.py"))}
