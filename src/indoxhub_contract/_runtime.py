"""Helpers shared by the generated validators: JSON equality, value descriptions, pointer escaping.

Written by hand, once: the generated validators import it (`from indoxhub_contract._runtime import ...`),
the runtime's own modules too, and scripts/compile.py inlines it into the one self-contained module it
writes (its users do not install this package). Standard library only, and it imports nothing of the
package, so the compiler can load it while generated/ does not exist.
"""

from __future__ import annotations

import json
from fractions import Fraction
from typing import Any

# (JSON Pointer into the payload, keyword, message, schema path): turned into a record by the runtime.
Error = tuple[str, str, str, str]

_CUT = 40
_BITS = 3_000  # about 900 digits: more than any message shows


def escape(token: Any) -> str:
    """One RFC 6901 reference token. A member name is a string in JSON; a dict handed to the Python
    API may hold another key, which is named by its text rather than crash the report."""
    text = token if isinstance(token, str) else str(token)
    return text.replace("~", "~0").replace("/", "~1")


def describe(value: Any) -> str:
    """What was found, short: the value for scalars (cut to ~40 characters), the kind for containers."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return f"an array of {len(value)} item{'' if len(value) == 1 else 's'}"
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, str):
        return json.dumps(value if len(value) <= _CUT else value[:_CUT] + "…", ensure_ascii=False)
    if isinstance(value, float) and value - value != 0:
        return "NaN" if value != value else "Infinity" if value > 0 else "-Infinity"
    if isinstance(value, int) and value.bit_length() > _BITS:  # Python refuses str() past 4,300 digits
        return f"an integer of about {int(value.bit_length() * 0.30103)} digits"
    if isinstance(value, (int, float)):
        text = repr(value)
        return text if len(text) <= _CUT else text[:_CUT] + "…"
    return f"a Python {type(value).__name__}, which is not a JSON value"


def json_equal(left: Any, right: Any) -> bool:
    """JSON equality: 1 equals 1.0, but true is not 1 and false is not 0."""
    if isinstance(left, bool) or isinstance(right, bool):
        return left is right
    if isinstance(left, (int, float)) and isinstance(right, (int, float)):
        return left == right
    if isinstance(left, str) or isinstance(right, str):
        return isinstance(left, str) and isinstance(right, str) and left == right
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(json_equal(a, b) for a, b in zip(left, right, strict=False))
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(json_equal(left[key], right[key]) for key in left)
    return left is None and right is None


def json_in(value: Any, options: tuple[Any, ...]) -> bool:
    return any(json_equal(value, option) for option in options)


def has_finite_sum(items: list[Any]) -> bool:
    """Whether the numbers add up to a finite sum, which no NaN or Infinity among them can."""
    try:
        total = sum(items)
    except OverflowError:  # an integer too large for a float beside a float: not decided here
        return False
    return bool(total - total == 0)


def has_unique_items(items: list[Any]) -> bool:
    return not any(json_equal(items[i], items[j]) for i in range(len(items)) for j in range(i + 1, len(items)))


def is_multiple(value: float, numerator: int, denominator: int) -> bool:
    """Whether `value` is a multiple of numerator/denominator (the factor, exactly), exactly.

    An integer is itself; a float is the decimal of its shortest round-trip repr (0.1 is 1/10, not the
    binary fraction nearest to it; digits past double precision in the JSON text were gone once it was
    read). value / factor is an integer when p*d is divisible by q*n, for value p/q and factor n/d: no
    float division, no tolerance, no overflow, whatever the magnitudes.
    """
    if isinstance(value, int):
        return value * denominator % numerator == 0
    exact = Fraction(repr(value))
    return exact.numerator * denominator % (numerator * exact.denominator) == 0
