"""A catalogue of schema edits, one test each, with the class each change must get (README: "Breaking
changes"). Edits go into files, into $defs and into $ref'd files; renamed files match by title."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from indoxhub_contract._diff import BREAKING, COMPATIBLE, Change, compare, load_directory

SCHEMAS = Path(__file__).resolve().parent.parent.parent / "schemas"
Edit = Callable[[dict[str, Any]], None]


def changes_after(edit: Edit) -> list[Change]:
    old = load_directory(SCHEMAS)
    new = copy.deepcopy(old)
    edit(new)
    return compare(old, new)


def props(documents: dict[str, Any], file: str) -> dict[str, Any]:
    return documents[f"{file}.schema.json"]["properties"]  # type: ignore[no-any-return]


def envelope(documents: dict[str, Any], name: str) -> dict[str, Any]:
    return documents["envelope.schema.json"]["$defs"][name]  # type: ignore[no-any-return]


def drop_required(file: str, name: str) -> Edit:
    return lambda d: d[f"{file}.schema.json"]["required"].remove(name)


def add_required(documents: dict[str, Any], file: str, name: str, schema: Any) -> None:
    props(documents, file)[name] = schema
    documents[f"{file}.schema.json"]["required"].append(name)


CATALOGUE: list[tuple[str, Edit, tuple[str, str, str, str]]] = [
    # -- breaking: what the server may start sending that a reader has not seen
    (
        "member removed",
        lambda d: props(d, "chat-response").pop("finish_reason"),
        ("ChatResponse", "/finish_reason", "member removed", BREAKING),
    ),
    (
        "required member made optional",
        drop_required("completion-response", "model"),
        ("CompletionResponse", "/model", "required member made optional", BREAKING),
    ),
    (
        "member made nullable (in a $ref'd file, seen through every array item)",
        lambda d: props(d, "image-item")["url"].update(type=["string", "null"]),
        ("ImageResponse", "/data/*/url", "made nullable", BREAKING),
    ),
    (
        "type widened (in a $ref'd file, seen through the referring type)",
        lambda d: props(d, "usage")["tokens_total"].update(type="number"),
        ("ChatResponse", "/usage/tokens_total", "type widened: integer -> number", BREAKING),
    ),
    (
        "type changed",
        lambda d: props(d, "video-job-status")["progress"].update(type="string"),
        ("VideoJobStatus", "/progress", "type changed: integer -> string", BREAKING),
    ),
    (
        "enum value added",
        lambda d: props(d, "video-job-status")["status"]["enum"].append("cancelled"),
        ("VideoJobStatus", "/status", 'enum value added: "cancelled"', BREAKING),
    ),
    (
        "enum removed",
        lambda d: props(d, "video-job-status")["status"].pop("enum"),
        ("VideoJobStatus", "/status", "enum removed: any value may now be sent", BREAKING),
    ),
    (
        "bound loosened",
        lambda d: props(d, "video-job-status")["progress"].update(maximum=1000),
        ("VideoJobStatus", "/progress", "maximum loosened: 100 -> 1000", BREAKING),
    ),
    (
        "bound removed (inside $defs, seen in every enveloped type)",
        lambda d: envelope(d, "duration_ms").pop("minimum"),
        ("EmbeddingResponse", "/duration_ms", "minimum removed (was 0)", BREAKING),
    ),
    (
        "pattern removed (inside $defs)",
        lambda d: envelope(d, "request_id").pop("pattern"),
        ("AudioResponse", "/request_id", "pattern removed", BREAKING),
    ),
    (
        "pattern changed",
        lambda d: envelope(d, "request_id").update(pattern="^.+$"),
        ("ChatResponse", "/request_id", "pattern changed (whether it loosened cannot be decided)", BREAKING),
    ),
    (
        "default changed",
        lambda d: props(d, "chat-response")["success"].update(default=False),
        (
            "ChatResponse",
            "/success",
            "default changed: true -> false (an absent member now reads differently)",
            BREAKING,
        ),
    ),
    ("type removed", lambda d: d.pop("video-job-status.schema.json"), ("VideoJobStatus", "", "type removed", BREAKING)),
    # -- compatible: narrower, or only words
    (
        "optional member added",
        lambda d: props(d, "audio-response").update(language={"type": "string"}),
        ("AudioResponse", "/language", "optional member added", COMPATIBLE),
    ),
    (
        "required member added",
        lambda d: add_required(d, "usage", "request_count", {"type": "integer"}),
        ("Usage", "/request_count", "required member added", COMPATIBLE),
    ),
    (
        "type narrowed",
        lambda d: props(d, "chat-response")["data"].update(type="string"),
        ("ChatResponse", "/data", "type narrowed: object | string -> string", COMPATIBLE),
    ),
    (
        "nullability removed",
        lambda d: props(d, "video-job-status")["error"].update(type="string"),
        ("VideoJobStatus", "/error", "type narrowed: null | string -> string", COMPATIBLE),
    ),
    (
        "optional member made required",
        lambda d: d["chat-response.schema.json"]["required"].append("usage"),
        ("ChatResponse", "/usage", "optional member made required", COMPATIBLE),
    ),
    (
        "bound tightened",
        lambda d: props(d, "video-job-status")["progress"].update(minimum=1),
        ("VideoJobStatus", "/progress", "minimum tightened: 0 -> 1", COMPATIBLE),
    ),
    (
        "bound added (inside $defs)",
        lambda d: envelope(d, "provider").update(maxLength=64),
        ("ImageResponse", "/provider", "maximum length added (64)", COMPATIBLE),
    ),
    (
        "enum value removed",
        lambda d: props(d, "video-job-status")["status"]["enum"].remove("failed"),
        ("VideoJobStatus", "/status", 'enum value removed: "failed"', COMPATIBLE),
    ),
    (
        "description changed",
        lambda d: envelope(d, "model").update(description="Which model answered."),
        ("CompletionResponse", "/model", "description changed", COMPATIBLE),
    ),
    (
        "title changed",
        lambda d: props(d, "usage")["cost"].update(title="Cost"),
        ("Usage", "/cost", "title changed", COMPATIBLE),
    ),
    (
        "example changed",
        lambda d: d["usage.schema.json"]["examples"].append({"tokens_prompt": 0}),
        ("Usage", "", "examples changed", COMPATIBLE),
    ),
]


@pytest.mark.parametrize(("edit", "expected"), [pytest.param(e, x, id=i) for i, e, x in CATALOGUE])
def test_edit_is_classified(edit: Edit, expected: tuple[str, str, str, str]) -> None:
    found = changes_after(edit)
    assert Change(*expected) in found, "\n".join(map(str, found))
    # Nothing else is claimed about the edited member.
    same_place = [c for c in found if (c.type_name, c.path) == expected[:2]]
    assert same_place == [Change(*expected)], same_place


def test_no_edit_no_change() -> None:
    assert changes_after(lambda d: None) == []


def test_renamed_file_is_matched_by_title() -> None:
    def rename(documents: dict[str, Any]) -> None:
        documents["token-usage.schema.json"] = documents.pop("usage.schema.json")
        # every reference and the file's own $id, as make generate needs them (refs resolve against $id)
        text = json.dumps(documents).replace('"usage.schema.json', '"token-usage.schema.json')
        text = text.replace('/usage.schema.json"', '/token-usage.schema.json"')
        documents.clear()
        documents.update(json.loads(text))

    assert changes_after(rename) == []


def test_breaking_changes_come_first() -> None:
    def edit(documents: dict[str, Any]) -> None:
        props(documents, "audio-response").update(language={"type": "string"})
        props(documents, "video-job-status")["status"]["enum"].append("cancelled")

    classes = [change.klass for change in changes_after(edit)]
    assert classes == sorted(classes, key=lambda klass: klass != BREAKING) and classes[0] == BREAKING
