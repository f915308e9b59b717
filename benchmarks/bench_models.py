"""The typed-model rows of `make bench`: our `from_dict` (validation included) against pydantic v2
`model_validate(..., strict=True)` and msgspec `convert`, on models that datamodel-code-generator
writes from the same bundled schema with the same flags (only the output type differs)."""

from __future__ import annotations

import copy
import importlib.util
import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from build_models import FLAGS

BUNDLED = Path(__file__).resolve().parent.parent / "generated" / "schemas"


def _strip_formats(value: Any) -> Any:
    # `format: uuid` would make pydantic and msgspec fields UUID objects, which strict mode refuses to
    # build from a string; the pattern beside it is the contract, so the peers check that instead.
    if isinstance(value, dict):
        return {key: _strip_formats(item) for key, item in value.items() if key != "format"}
    if isinstance(value, list):
        return [_strip_formats(item) for item in value]
    return value


def _generate(file: str, output_type: str, scratch: Path) -> Any:
    schema = _strip_formats(json.loads((BUNDLED / file).read_text()))
    source = scratch / f"in-{output_type}-{file}"
    source.write_text(json.dumps(schema))
    target = scratch / f"{output_type.replace('.', '_')}_{file.split('.')[0].replace('-', '_')}.py"
    flags = copy.copy(FLAGS)
    flags[flags.index("dataclasses.dataclass")] = output_type
    base = flags.index("--base-class")
    del flags[base : base + 2]
    command = [
        sys.executable,
        "-m",
        "datamodel_code_generator",
        "--input",
        str(source),
        "--output",
        str(target),
        *flags,
    ]
    subprocess.run(command, check=True, capture_output=True)
    spec = importlib.util.spec_from_file_location(target.stem, target)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[target.stem] = module
    spec.loader.exec_module(module)
    return module


def _verdict(call: Callable[[Any], Any], errors: type[Exception]) -> Callable[[Any], bool]:
    """True when `call` accepts its input, False when it raises one of `errors`."""

    def check(payload: Any) -> bool:
        try:
            call(payload)
        except errors:
            return False
        return True

    return check


def contenders(file: str, title: str, scratch: Path) -> dict[str, Callable[[Any], bool]]:
    import msgspec
    import pydantic

    from indoxhub_contract import ContractError, models

    ours = getattr(models, title)
    pydantic_model = getattr(_generate(file, "pydantic_v2.BaseModel", scratch), title)
    msgspec_struct = getattr(_generate(file, "msgspec.Struct", scratch), title)
    return {
        "indoxhub-contract from_dict": _verdict(ours.from_dict, ContractError),
        "pydantic v2 (strict)": _verdict(
            lambda p: pydantic_model.model_validate(p, strict=True), pydantic.ValidationError
        ),
        "msgspec convert": _verdict(lambda p: msgspec.convert(p, msgspec_struct), msgspec.ValidationError),
    }


def json_contenders(file: str, title: str, scratch: Path) -> dict[str, Callable[[Any], bool]]:
    """JSON text in, a typed object out: our from_json (the CLI's strict reader) against pydantic's
    model_validate_json(strict=True) and msgspec's json.decode(type=)."""
    import msgspec
    import pydantic

    from indoxhub_contract import ContractError, models

    ours = getattr(models, title)
    pydantic_model = getattr(_generate(file, "pydantic_v2.BaseModel", scratch), title)
    msgspec_struct = getattr(_generate(file, "msgspec.Struct", scratch), title)
    return {
        "indoxhub-contract from_json": _verdict(ours.from_json, ContractError),
        "pydantic v2 model_validate_json (strict)": _verdict(
            lambda data: pydantic_model.model_validate_json(data, strict=True), pydantic.ValidationError
        ),
        "msgspec json.decode": _verdict(
            lambda data: msgspec.json.decode(data, type=msgspec_struct), msgspec.ValidationError
        ),
    }


def scratch_directory() -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory()
