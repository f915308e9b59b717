"""The fused parse, measured (`make bench`): one function per type that validates and builds in the
same pass, against `from_dict` (the generated fast path, then the builder).

The fused function is written from the generated code itself: the chat validator's fast path with
`return False` turned into `return None`, `return True` into the construction of the instance, and the
inlined Usage checks replaced by a call to Usage's own fused function. It is what the generator would
emit; it is measured here, not shipped, because it does not pay for itself (docs/benchmarks.md).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from indoxhub_contract.generated.validators import chat_response, usage
from indoxhub_contract.models import ChatResponse, Usage


def _function(module: Any, name: str) -> str:
    with open(module.__file__, encoding="utf-8") as handle:
        text = handle.read()
    start = text.index(f"def {name}(")
    return text[start : text.index("\ndef ", start + 1)]


def _construction(model: str, known: str, replacements: str = "") -> str:
    return (
        f"    instance = _new({model})\n    if {known}.issuperset(data):\n        values = data.copy()\n"
        f"        values['extra'] = {{}}\n    else:\n        return {model}.from_dict(data)\n"
        f"{replacements}    instance.__dict__ = values\n    return instance"
    )


def fused_chat() -> Callable[[Any], Any]:
    """ChatResponse's fused parse: the instance, or None for an invalid payload."""
    known = {
        cls.__name__: frozenset(f.name for f in dataclasses.fields(cls)) - {"extra"} for cls in (ChatResponse, Usage)
    }
    usage_source = _function(usage, "is_valid_usage").replace("return False", "return None")
    usage_source = usage_source.replace("def is_valid_usage(data: Any) -> bool:", "def build_usage(data):")
    usage_source = usage_source.replace("    return True", _construction("Usage", "_KNOWN"))
    usage_namespace = {**vars(usage), "_new": object.__new__, "Usage": Usage, "_KNOWN": known["Usage"]}
    exec(compile(usage_source, "<fused usage>", "exec"), usage_namespace)  # noqa: S102 - generated code, measured
    chat_source = _function(chat_response, "is_valid_chat_response").replace("return False", "return None")
    chat_source = chat_source.replace("def is_valid_chat_response(data: Any) -> bool:", "def build_chat(data):")
    start = chat_source.index('    if "usage" in data:')
    end = chat_source.index("    # chat-response.schema.json#/properties/raw_response")
    call = (
        '    built_usage = None\n    if "usage" in data:\n        data__usage = data["usage"]\n'
        "        if isinstance(data__usage, dict):\n            built_usage = build_usage(data__usage)\n"
        "            if built_usage is None:\n                return None\n"
        "        elif data__usage is not None:\n            return None\n"
    )
    chat_source = chat_source[:start] + call + chat_source[end:]
    replace_usage = "    if built_usage is not None:\n        values['usage'] = built_usage\n"
    chat_source = chat_source.replace("    return True", _construction("ChatResponse", "_KNOWN", replace_usage))
    chat_namespace = {
        **vars(chat_response),
        "_new": object.__new__,
        "ChatResponse": ChatResponse,
        "_KNOWN": known["ChatResponse"],
        "build_usage": usage_namespace["build_usage"],
    }
    exec(compile(chat_source, "<fused chat>", "exec"), chat_namespace)  # noqa: S102 - generated code, measured
    build: Callable[[Any], Any] = chat_namespace["build_chat"]
    return build
