"""`make dist`: the release artifacts client teams in other languages take, from generated/ and schemas/.

dist/schemas/<type>.schema.json and dist/schemas/strict/…   self-contained, versioned $id
dist/openapi.json, dist/openapi.yaml                         one file: every schema under components
dist/typescript/index.d.ts                                    json-schema-to-typescript (js/, pinned)
dist/npm/, dist/indoxhub-contract-<version>.tgz               the npm package (scripts/npm_package.py)
dist/docs/<type>.md, dist/docs/README.md                      Markdown reference from the schemas
dist/docs/index.html                                          the same, rendered: one self-contained page (docs_html.py)
The wheel is built by `make dist` too (python -m build), into dist/.
Deterministic: the same sources give the same bytes.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import npm_package
import yaml
from bundle import split_union
from contract import ERROR_BODIES, OPENAPI, PIECES, ROOT, TYPES, load_documents, schema_file, version
from docs_html import reference_page

from docs import type_page
from indoxhub_contract._pointers import LITERAL_KEYWORDS
from indoxhub_contract._refs import follow
from indoxhub_contract._wellformed import SUBSCHEMA_MAPS

GENERATED = ROOT / "generated" / "schemas"
JS = ROOT / "js"


def write_json(path: Path, value: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def schemas(output: Path) -> None:
    """The published schemas are generated/schemas as they are (versioned `$id` included): the same
    bytes as `indoxhub-contract schema T [--strict]` prints. The error bodies too: clients decode them."""
    for name in (*TYPES, *ERROR_BODIES):
        for profile in ("", "strict/"):
            target = output / "schemas" / profile / schema_file(name)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(GENERATED / profile / schema_file(name), target)


def components(documents: dict[str, Any]) -> dict[str, Any]:
    """Every schema file that describes a type as a component named by its title, in the shape client
    generators read without surprises (docs/clients.md):
    - a reference to a whole file is a component reference; a reference into a file's `$defs` (the
      envelope's shared members) is inlined, so no generator has to follow `#/components/schemas/X/$defs/y`
      (openapi-python-client cannot) and no `$defs` entry competes with a component for a name
      (`message` against the request model `Message` in openapi-generator); the envelope, a library of
      `$defs` only, is no component;
    - a member's `default` goes into its description ("Default: `0`."): generators that read `default`
      make the member required (openapi-typescript), and the contract's default is what an absent
      member means, not a value the server always sends;
    - every object says `additionalProperties: true` (the default profile, written out): an object
      documented as `dict` comes out as an open map (`Record<string, unknown>`, `dict[str, Any]`), and
      generators keep a response's undocumented members instead of refusing them (Go) or dropping them;
    - integers say `format: int64` and numbers `format: double` (the OpenAPI format registry), so no
      generator picks int32 or float32 (Go did: `cost` lost digits, 3,000,000,000 tokens did not decode)."""
    titles = {file: document["title"] for file, document in documents.items()}
    libraries = {
        file for file, document in documents.items() if "properties" not in document and "type" not in document
    }

    def rewrite(value: Any, file: str) -> Any:
        if isinstance(value, list):
            return [rewrite(item, file) for item in value]
        if not isinstance(value, dict):
            return value
        reference = value.get("$ref")
        if isinstance(reference, str):
            target, _, fragment = reference.partition("#")
            target = target or file
            siblings = {key: item for key, item in value.items() if key != "$ref"}
            if fragment or target in libraries:
                inlined = rewrite(follow(documents, file, reference)[1], target)
                return openapi_form({**inlined, **rewrite(siblings, file)})
            return openapi_form({"$ref": f"#/components/schemas/{titles[target]}", **rewrite(siblings, file)})
        return openapi_form(
            {key: _inside(key, item, lambda schema: rewrite(schema, file)) for key, item in value.items()}
        )

    found = {}
    for file, document in documents.items():
        if file not in libraries:
            body = {key: item for key, item in document.items() if key not in ("$schema", "$id", "$defs")}
            found[titles[file]] = rewrite(body, file)
    return found


def published_tree(value: Any) -> Any:
    """openapi_form() on a schema and every schema inside it (the request models of openapi.yaml)."""
    if isinstance(value, list):
        return [published_tree(item) for item in value]
    if not isinstance(value, dict):
        return value
    return openapi_form({key: _inside(key, item, published_tree) for key, item in value.items()})


def _inside(keyword: str, value: Any, transform: Any) -> Any:
    """`transform` applied to the schemas a keyword's value holds: none for a literal (enum, default),
    the values of a name -> schema map (properties), the value itself otherwise."""
    if keyword in LITERAL_KEYWORDS:
        return value
    if keyword in SUBSCHEMA_MAPS and isinstance(value, dict):
        return {name: transform(schema) for name, schema in value.items()}
    return transform(value)


def openapi_form(schema: dict[str, Any]) -> dict[str, Any]:
    """One schema object in its published form: default into the description, every object marked open
    (additionalProperties: true, the default profile), integers int64 and numbers double."""
    result = dict(schema)
    if "default" in result:
        default = json.dumps(result.pop("default"))
        description = str(result.get("description", "")).rstrip()
        if "default" not in description.lower():  # most descriptions already say it in words
            result["description"] = f"{description} Default: `{default}`.".strip()
    split_union(result)  # as in the published JSON Schemas
    for schema in [result, *[branch for branch in result.get("anyOf", []) if isinstance(branch, dict)]]:
        _widen(schema)
    return result


def _widen(schema: dict[str, Any]) -> None:
    types = schema.get("type")
    kinds = [types] if isinstance(types, str) else types if isinstance(types, list) else []
    if "object" in kinds and "additionalProperties" not in schema:
        # Open, as the default profile is: generators read an object without it as closed (Go's
        # DisallowUnknownFields) or drop what they do not know; with it they keep unknown members.
        schema["additionalProperties"] = True
    if "format" not in schema:  # the OpenAPI format registry's widths: no int32 or float32 truncation
        if "integer" in kinds:
            schema["format"] = "int64"
        elif "number" in kinds:
            schema["format"] = "double"


# openapi.yaml's intro says its schemas are references into schemas/; in the one-file spec they are not.
BUNDLED_INTRO = (
    "Endpoints of the IndoxHub gateway and what each answers, in one file: every response body's schema is "
    "under components/schemas, bundled from the contract's hand-maintained JSON Schemas (draft 2020-12) of "
    "version {number}, the same ones the indoxhub-contract package validates with. Request bodies list the "
    "main fields from the public documentation and stay open to others."
)


def openapi(output: Path, number: str) -> dict[str, Any]:
    spec: dict[str, Any] = yaml.safe_load(OPENAPI.read_text(encoding="utf-8"))
    spec["info"]["version"] = number
    spec["info"]["description"] = BUNDLED_INTRO.format(number=number)
    documents = load_documents()
    titles = {file: document["title"] for file, document in documents.items()}
    for item in spec["paths"].values():
        for method, operation in item.items():
            if method != "parameters":
                media = operation["responses"]["200"]["content"]["application/json"]
                media["schema"] = {"$ref": "#/components/schemas/" + titles[media["schema"]["$ref"].rsplit("/", 1)[-1]]}
    for response in spec["components"]["responses"].values():  # error bodies: files in schemas/ too
        media = response["content"]["application/json"]
        media["schema"] = {"$ref": "#/components/schemas/" + titles[media["schema"]["$ref"].rsplit("/", 1)[-1]]}
    spec["components"]["schemas"] = {
        **components(documents),
        **{name: published_tree(schema) for name, schema in spec["components"]["schemas"].items()},
    }
    write_json(output / "openapi.json", spec)
    (output / "openapi.yaml").write_text(
        yaml.safe_dump(spec, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8"
    )
    return spec


def typescript(output: Path, spec: dict[str, Any]) -> None:
    """One compile over all types, so Usage is declared once and shared."""
    names = [*TYPES, *ERROR_BODIES, *PIECES]
    root = {
        "title": "IndoxHubContract",
        "type": "object",
        "properties": {name: {"$ref": f"#/$defs/{name}"} for name in names},
        "additionalProperties": False,
        "$defs": _untitled(
            json.loads(json.dumps(spec["components"]["schemas"]).replace("#/components/schemas/", "#/$defs/"))
        ),
    }
    if not (JS / "node_modules").exists():
        raise SystemExit("js/node_modules is missing: run `make install` (it runs npm ci in js/)")
    result = subprocess.run(
        ["node", str(JS / "typescript.mjs")], input=json.dumps(root), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise SystemExit(f"json-schema-to-typescript failed:\n{result.stderr}")
    target = output / "typescript" / "index.d.ts"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(result.stdout, encoding="utf-8")


def _untitled(definitions: dict[str, Any]) -> dict[str, Any]:
    """Titles below the top of each type only word validation messages ("UUID (8-4-4-4-12 …)"); as
    TypeScript names they would be noise, so the type generator does not see them, nor what sits
    beside a $ref."""

    def strip(value: Any, top: bool) -> Any:
        if isinstance(value, dict) and "$ref" in value:
            # A description beside a $ref would make json-schema-to-typescript declare a copy of the
            # target (Usage1 … Usage5): the reference alone names the one shared type.
            return {"$ref": value["$ref"]}
        if isinstance(value, dict):
            return {
                k: strip(v, False) if k not in LITERAL_KEYWORDS else v for k, v in value.items() if top or k != "title"
            }
        if isinstance(value, list):
            return [strip(item, False) for item in value]
        return value

    return {name: strip(schema, True) for name, schema in definitions.items()}


def docs(output: Path, number: str, spec: dict[str, Any]) -> None:
    documents = load_documents()
    folder = output / "docs"
    folder.mkdir(parents=True, exist_ok=True)
    types = [*TYPES, *ERROR_BODIES, *PIECES]
    (folder / "index.html").write_text(reference_page(spec, documents, types, number), encoding="utf-8")
    index = [f"# IndoxHub response contract {number}", "", "| type | schema |", "|---|---|"]
    for name in types:
        page = schema_file(name).replace(".schema.json", ".md")
        (folder / page).write_text(type_page(name, documents, number), encoding="utf-8")
        index.append(f"| [{name}]({page}) | `schemas/{schema_file(name)}` |")
    (folder / "README.md").write_text("\n".join(index) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description="write the release artifacts")
    parser.add_argument("--output", type=Path, default=ROOT / "dist")
    parser.add_argument("--no-wheel", action="store_true", help="skip python -m build (the tests build it themselves)")
    options = parser.parse_args()
    output: Path = options.output
    for part in ("schemas", "typescript", "npm", "docs", "openapi.json", "openapi.yaml"):
        target = output / part
        shutil.rmtree(target, ignore_errors=True) if target.is_dir() else target.unlink(missing_ok=True)
    number = version()
    schemas(output)
    spec = openapi(output, number)
    typescript(output, spec)
    npm_package.build(output, number)
    docs(output, number, spec)
    if not options.no_wheel:
        command = [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(output), str(ROOT)]
        subprocess.run(command, check=True)
    print(f"dist: wrote contract {number} to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
