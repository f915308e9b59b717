"""JSON types in Python: the checks, the names in messages, and the exact Python types for bulk checks."""

from __future__ import annotations

from indoxhub_contract.pointers import join

from .errors import CompileError
from .refs import Node

TYPE_CHECKS = {
    "null": "{v} is None",
    "boolean": "({v} is True or {v} is False)",
    "string": "isinstance({v}, str)",
    "object": "isinstance({v}, dict)",
    "array": "isinstance({v}, list)",
    # `type() is` first: the common case costs one comparison. JSON's rules, not Python's: true is
    # not a number, 1.0 is an integer, and NaN and ±Infinity are no numbers at all (`x - x == 0`
    # is the finiteness test that needs no import and no call).
    "number": "((type({v}) is float and {v} - {v} == 0.0) or type({v}) is int"
    " or (isinstance({v}, (int, float)) and not isinstance({v}, bool) and {v} - {v} == 0))",
    "integer": "(type({v}) is int or (isinstance({v}, int) and not isinstance({v}, bool))"
    " or (isinstance({v}, float) and {v}.is_integer()))",
}
TYPE_NAMES = {
    "null": "null", "boolean": "a boolean", "string": "a string", "object": "an object",
    "array": "an array", "number": "a number", "integer": "an integer",
}  # fmt: skip
# Exact Python types of JSON values per schema type, for the bulk array check.
EXACT_TYPES = {
    "number": "frozenset((int, float))",
    "integer": "frozenset((int,))",
    "string": "frozenset((str,))",
    "boolean": "frozenset((bool,))",
    "null": "frozenset((type(None),))",
    "object": "frozenset((dict,))",
    "array": "frozenset((list,))",
}


def declared_types(node: Node) -> list[str] | None:
    value = node.value.get("type")
    if value is None:
        return None
    types = [value] if isinstance(value, str) else value
    if not isinstance(types, list) or not types or any(t not in TYPE_CHECKS for t in types):
        raise CompileError(node.file, join(node.pointer, "type"), "type", f"not a type or list of types: {value!r}")
    return list(types)


def type_check(types: list[str], var: str) -> str:
    if "number" in types:
        types = [t for t in types if t != "integer"]
    return " or ".join(TYPE_CHECKS[t].format(v=var) for t in types)


def negated_type_check(types: list[str], var: str) -> str:
    if types == ["null"]:
        return f"{var} is not None"
    check = type_check(types, var)
    simple = len(types) == 1 and check.startswith("isinstance(")
    return f"not {check}" if simple else f"not ({check})"


def type_phrase(types: list[str]) -> str:
    names = [TYPE_NAMES[t] for t in types]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
