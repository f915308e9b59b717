"""dist/docs/index.html: the rendered reference, one self-contained page written from the bundled OpenAPI
and the schemas by this script, standard library only.

Why our own page and not Redocly, Scalar or Swagger UI: those render in the browser from a script
(hundreds of kilobytes, fetched from a CDN unless inlined by hand) and list the types only inside the
operations that use them. This page has no script at all: everything is HTML and one inline stylesheet
with system fonts, so it opens from disk with no network, renders the same in any browser, is
byte-for-byte reproducible, and its models section is written from the same rows as the Markdown pages
(docs.members), so the two cannot disagree."""

from __future__ import annotations

import json
import re
from html import escape
from typing import Any

from contract import schema_file

from docs import OPEN_OBJECTS, members

STYLE = """
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1f2328; }
nav { position: fixed; top: 0; bottom: 0; width: 250px; overflow-y: auto; padding: 16px; background: #f6f8fa;
      border-right: 1px solid #d0d7de; box-sizing: border-box; }
nav h2 { font-size: 13px; text-transform: uppercase; color: #57606a; margin: 16px 0 4px; }
nav a { display: block; color: #0969da; text-decoration: none; padding: 2px 0; font-size: 14px; }
main { margin-left: 250px; padding: 24px 40px; max-width: 1000px; }
h1 { margin-top: 0; } section { border-top: 1px solid #d0d7de; padding-top: 8px; margin-top: 24px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 14px; }
th, td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
code, pre { font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { background: #f6f8fa; padding: 12px; overflow-x: auto; border-radius: 6px; }
.method { display: inline-block; min-width: 48px; text-align: center; color: #fff; border-radius: 4px;
          font: bold 12px ui-monospace, monospace; padding: 2px 6px; margin-right: 6px; }
.post { background: #1a7f37; } .get { background: #0969da; }
.error-body { font-size: 12px; color: #57606a; }
"""


def inline(text: str) -> str:
    """Escaped text, with `code spans` as <code> (the notation and the descriptions use backticks)."""
    parts = re.split(r"`([^`]*)`", text)
    return "".join(
        escape(part) if index % 2 == 0 else f"<code>{escape(part)}</code>" for index, part in enumerate(parts)
    )


def anchor(name: str) -> str:
    return "model-" + schema_file(name).removesuffix(".schema.json")


def operation_id(method: str, path: str) -> str:
    return "op-" + method + re.sub(r"[^a-z0-9]+", "-", path.lower()).rstrip("-")


def body_type(response: dict[str, Any], spec: dict[str, Any]) -> tuple[str, str | None]:
    """A response's description and the type its JSON body has, following a components/responses $ref."""
    if "$ref" in response:
        response = spec["components"]["responses"][response["$ref"].rsplit("/", 1)[-1]]
    schema = response.get("content", {}).get("application/json", {}).get("schema", {})
    ref = schema.get("$ref")
    return response.get("description", ""), ref.rsplit("/", 1)[-1] if ref else None


def operations(spec: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The operations section and its navigation links."""
    html, links = [], []
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method == "parameters":
                continue
            ident = operation_id(method, path)
            title = f'<span class="method {method}">{method.upper()}</span><code>{escape(path)}</code>'
            links.append(f'<a href="#{ident}">{method.upper()} {escape(path)}</a>')
            html += [
                f'<section id="{ident}">',
                f"<h3>{title}</h3>",
                f"<p><b>{inline(operation.get('summary', ''))}</b></p>",
            ]
            if operation.get("description"):
                html.append(f"<p>{inline(operation['description'])}</p>")
            html += ["<table><tr><th>status</th><th>body</th><th>meaning</th></tr>"]
            for status, response in operation["responses"].items():
                description, type_name = body_type(response, spec)
                body = f'<a href="#{anchor(type_name)}">{type_name}</a>' if type_name else ""
                if "text/event-stream" in response.get("content", {}):
                    body += " or <code>text/event-stream</code>"
                html.append(f"<tr><td>{escape(status)}</td><td>{body}</td><td>{inline(description)}</td></tr>")
            html += ["</table>", "</section>"]
    return html, links


def model(name: str, documents: dict[str, Any], error_bodies: dict[str, list[str]]) -> list[str]:
    document = documents[schema_file(name)]
    html = [f'<section id="{anchor(name)}">', f"<h3>{escape(name)}</h3>"]
    if name in error_bodies:
        html.append(f'<p class="error-body">Error body: the answer to status {", ".join(error_bodies[name])}.</p>')
    html += [f"<p>{inline(document['description'])}</p>", f"<p>Schema: <code>schemas/{schema_file(name)}</code></p>"]
    html.append(
        "<table><tr><th>member</th><th>type</th><th>required</th><th>nullable</th><th>default</th>"
        "<th>description</th></tr>"
    )
    for row in members(name, documents):
        default = "" if row.default is None else f"<code>{escape(row.default)}</code>"
        html.append(
            f"<tr><td><code>{escape(row.name)}</code></td><td>{inline(row.kind)}</td>"
            f"<td>{'yes' if row.required else 'no'}</td><td>{'yes' if row.nullable else 'no'}</td>"
            f"<td>{default}</td><td>{inline(row.description)}</td></tr>"
        )
    html += ["</table>", f"<p>{inline(OPEN_OBJECTS)}</p>"]
    for index, example in enumerate(document.get("examples", []), 1):
        shown = escape(json.dumps(example, indent=2, ensure_ascii=False))
        html += [f"<h4>Example {index}</h4>", f"<pre>{shown}</pre>"]
    return [*html, "</section>"]


def statuses_by_body(spec: dict[str, Any]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for name, response in spec["components"]["responses"].items():
        _, type_name = body_type(response, spec)
        if type_name is not None:
            found.setdefault(type_name, []).append(name.removeprefix("Status"))
    return found


def reference_page(spec: dict[str, Any], documents: dict[str, Any], types: list[str], number: str) -> str:
    """The whole page: the spec's intro, every operation, then a model section for every type."""
    info = spec["info"]
    operations_html, operation_links = operations(spec)
    error_bodies = statuses_by_body(spec)
    models_html = [line for name in types for line in model(name, documents, error_bodies)]
    model_links = [f'<a href="#{anchor(name)}">{escape(name)}</a>' for name in types]
    server = escape(spec["servers"][0]["url"])
    title = escape(f"{info['title']} {number}")
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{title}</title>",
            f"<style>{STYLE}</style>",
            "</head>",
            "<body>",
            '<nav><a href="#top"><b>' + title + "</b></a>",
            '<h2><a href="#operations">Operations</a></h2>',
            *operation_links,
            '<h2><a href="#models">Models</a></h2>',
            *model_links,
            "</nav>",
            '<main id="top">',
            f"<h1>{title}</h1>",
            f"<p>{inline(info['description'])}</p>",
            f"<p>Server: <code>{server}</code></p>",
            '<h2 id="operations">Operations</h2>',
            *operations_html,
            '<h2 id="models">Models</h2>',
            *models_html,
            "</main>",
            "</body>",
            "</html>",
            "",
        ]
    )
