"""JSON types in Python: the checks, the names in messages, and the exact Python types for bulk checks."""

from __future__ import annotations

from indoxhub_contract._pointers import join

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
    "null": "null",
    "boolean": "a boolean",
    "string": "a string",
    "object": "an object",
    "array": "an array",
    "number": "a number",
    "integer": "an integer",
}
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


# Types a single isinstance() call can test together: `isinstance(x, (str, dict))` is one call, not two.
ISINSTANCE = {"string": "str", "object": "dict", "array": "list"}


def type_checks(types: list[str], var: str) -> list[str]:
    """The tests, one per alternative, whose disjunction accepts exactly `types`."""
    if "number" in types:
        types = [t for t in types if t != "integer"]
    grouped = [ISINSTANCE[t] for t in types if t in ISINSTANCE]
    checks: list[str] = []
    for t in types:
        if t not in ISINSTANCE:
            checks.append(TYPE_CHECKS[t].format(v=var))
        elif len(grouped) == 1:
            checks.append(TYPE_CHECKS[t].format(v=var))
        elif t == next(name for name in types if name in ISINSTANCE):  # the group, where its first type stood
            checks.append(f"isinstance({var}, ({', '.join(grouped)}))")
    return checks


def type_check(types: list[str], var: str) -> str:
    return " or ".join(type_checks(types, var))


def negated_type_check(types: list[str], var: str) -> str:
    if types == ["null"]:
        return f"{var} is not None"
    checks = type_checks(types, var)
    simple = len(checks) == 1 and checks[0].startswith("isinstance(")
    return f"not {checks[0]}" if simple else f"not ({' or '.join(checks)})"


def implies(known: frozenset[str], types: list[str]) -> bool:
    """Whether a value known to be of one of `known` is surely one of `types` (an integer is a number)."""
    allowed = set(types) | ({"integer"} if "number" in types else set())
    return known <= allowed


def type_phrase(types: list[str]) -> str:
    names = [TYPE_NAMES[t] for t in types]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
