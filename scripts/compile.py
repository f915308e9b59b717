"""The compiler on any schema: `python scripts/compile.py SCHEMA.json [MORE.json ...] [--strict]` prints one
self-contained Python module (standard library only, the runtime inlined) to standard output, as
fastjsonschema's `compile_to_code` does:

    is_valid(instance) -> bool          stops at the first failure
    iter_errors(instance) -> Iterator[ErrorDetail]   every error, with .path, .keyword, .message, .schema_path

MORE files are resources that `$ref`s reach by their `$id` (or by file name, relative to SCHEMA);
nothing is fetched. `--strict` adds `additionalProperties: false` to every object schema that lists
its `properties`, as the contract's strict profile does. A schema the compiler refuses (malformed,
a keyword it does not support, a remote `$ref`, a pattern Python reads differently) exits 2 with
file, JSON Pointer and keyword; a file that is not JSON exits 2 with its line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from compiler import ERRORS, FAST, CompileError, SchemaSet, compile_module
from profiles import strict as strict_profile

from indoxhub_contract._reading import ReadError, read_json

PUBLIC = '''

class ErrorDetail(NamedTuple):
    """One way an instance breaks the schema: JSON Pointer, keyword, message, the keyword's place in the schema."""

    path: str
    keyword: str
    message: str
    schema_path: str


def is_valid(instance: Any) -> bool:
    """Whether `instance` (a decoded JSON value) is valid; stops at the first failure."""
    return _is_valid_root(instance)


def iter_errors(instance: Any) -> Iterator[ErrorDetail]:
    """Every way `instance` breaks the schema; nothing for a valid instance."""
    for error in _iter_errors_root(instance):
        yield ErrorDetail(*error)
'''


def standalone(paths: list[Path], strict: bool) -> str:
    """The module's text; CompileError or ReadError for what cannot be compiled."""
    schemas = SchemaSet()
    root = None
    for path in paths:
        try:
            document = read_json(path.read_bytes())
        except ReadError as error:
            error.message = f"{path}:{error.line}: {error.keyword}: {error.message}"
            raise
        root_node = schemas.add(path.name, strict_profile(document) if strict else document, path.resolve().as_uri())
        root = root or root_node
    assert root is not None
    names = ", ".join(path.name for path in paths)
    header = (
        '"""Validator compiled by indoxhub-contract\'s scripts/compile.py from '
        f'{names}{" (strict)" if strict else ""}."""'
    )
    functions = [
        ("_is_valid_root", root, FAST, "Whether the instance is valid."),
        ("_iter_errors_root", root, ERRORS, "Every error."),
    ]
    text = compile_module(schemas, functions, header, ["ErrorDetail", "is_valid", "iter_errors"], standalone=True)
    for warning in schemas.warnings:
        print(
            f"compile.py: warning: {warning.file}#{warning.pointer}: {warning.keyword}: {warning.detail}",
            file=sys.stderr,
        )
    return text.replace("from typing import Any\n", "from typing import Any, NamedTuple\n", 1) + PUBLIC


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("schema", type=Path, help="the schema to compile")
    parser.add_argument("resources", type=Path, nargs="*", help="more schema documents its $refs may reach")
    parser.add_argument("--strict", action="store_true", help="objects listing `properties` admit no other member")
    options = parser.parse_args(argv)
    try:
        sys.stdout.write(standalone([options.schema, *options.resources], options.strict))
    except OSError as error:
        print(f"compile.py: {error.filename}: {error.strerror}", file=sys.stderr)
        return 2
    except ReadError as error:
        print(f"compile.py: {error.message}", file=sys.stderr)
        return 2
    except CompileError as error:
        print(f"compile.py: {error.file}#{error.pointer}: {error.keyword}: {error.detail}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
