"""The strict JSON reader: text or bytes in, a JSON value out, or one ReadError naming what and where.

Python's `json.loads` is lenient where a contract check must not be: it keeps the last of two
duplicate members, reads `NaN`, `Infinity` and `1e400` (as `inf`), lets lone surrogates through,
refuses integers of more than 4,300 digits and raises RecursionError on deep nesting. Each of
those is a finding here, with one short keyword (listed in the README, "What counts as a finding").

Two readers, one verdict. The standard-library reader below is the reference and writes every
finding. With the `fast` extra (jiter, within JITER_RANGE), jiter reads first: it refuses what this
reader refuses (duplicates, NaN/Infinity, bad UTF-8, lone surrogate escapes) and keeps integers
exact, but reads `1e400` as `inf`, stops near 200 levels, refuses integers past 4,300 digits and a
byte-order mark. So a text that could hold a number out of the double range never reaches it, and
anything it refuses is read again here, which writes the finding: the same findings, messages and
exit codes with and without it. INDOXHUB_CONTRACT_READER picks `auto` (the default), `stdlib` or
`fast` (an error when jiter is not there, so a fast run cannot quietly be a slow one).
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Callable
from typing import Any

from ._runtime import escape

MAX_DEPTH = 512
"""Arrays and objects nest at most this deep. Python's own parser fails near 1,000 levels, and
below the limit no part of the package (validators, models' to_dict, reports) runs out of stack."""

_BOM = "\ufeff"
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_STRUCTURE = re.compile(r'[\[\]{}"\\]')
# Bytes as number shapes: digits and "+" -> "0", e/E -> "e", anything else a space. Only a number
# with an exponent of 3 digits or more ("1e400", "1E+400" -> "0e000", "0e0000"), or with an integer
# part of 210 digits or more (10^209 times an exponent of at most 99 is below 1.8e308), can overflow
# a double; both show as substrings of the mapped text, found in C (a regex scan of the text cost
# 10 µs per chat payload and 4 ms per embedding batch, more than parsing it).
_SHAPES = bytes(48 if 48 <= i <= 57 or i == 43 else 101 if i in (69, 101) else 32 for i in range(256))
_DIGITS_16 = b"0" * 16
_LONG_MANTISSA = b"0" * 210


class ReadError(ValueError):
    """A payload that cannot be read as JSON (or YAML): `keyword` is one short word, `message` one sentence.

    line: the line in the file (None when unknown); path: a JSON Pointer when the place is a member;
    column: the column on that line, when the reader knows it (for GitHub annotations' `col=`).
    """

    def __init__(
        self, keyword: str, message: str, line: int | None = None, path: str = "", column: int | None = None
    ) -> None:
        super().__init__(message)
        self.keyword = keyword
        self.message = message
        self.line = line
        self.path = path
        self.column = column


def decode(data: bytes, first_line: int = 1) -> str:
    """UTF-8 text without its byte-order mark (RFC 8259 lets a reader ignore one); ReadError("encoding")
    naming the line (counted from `first_line`) and column of the first bad byte."""
    try:
        return data.decode("utf-8").removeprefix(_BOM)
    except UnicodeDecodeError as error:
        start = error.start
        line_start = data.rfind(b"\n", 0, start) + 1
        column = len(data[line_start:start].decode("utf-8", "replace")) + 1
        line = data.count(b"\n", 0, start) + first_line
        message = f"not valid UTF-8 at column {column}: {error.reason} (byte 0x{data[start]:02x})"
        raise ReadError("encoding", message, line, column=column) from None


READER_VARIABLE = "INDOXHUB_CONTRACT_READER"
READERS = ("auto", "stdlib", "fast")
JITER_RANGE = ((0, 10), (0, 20))
"""jiter versions the fast path trusts: at least the first, below the second (the `fast` extra's
range in pyproject.toml; tests/reading holds the two equal). Other packages install jiter at versions
of their own: outside the range, the standard-library reader is used."""


class ReaderUnavailable(ValueError):
    """INDOXHUB_CONTRACT_READER names no reader, or `fast` when jiter (in range) is not installed."""


@functools.lru_cache(maxsize=1)
def _selected(setting: str) -> tuple[str, Callable[[bytes], Any] | None]:
    if setting not in READERS:
        raise ReaderUnavailable(f"{READER_VARIABLE}={setting!r}: expected one of {', '.join(READERS)}")
    fast, why = (None, "forced by " + READER_VARIABLE) if setting == "stdlib" else _jiter()
    if setting == "fast" and fast is None:
        message = f"{READER_VARIABLE}=fast, but {why}: pip install 'indoxhub-contract[fast]'"
        raise ReaderUnavailable(message)
    return ("fast" if fast else "stdlib"), fast


def _jiter() -> tuple[Callable[[bytes], Any] | None, str]:
    try:
        import jiter
    except ImportError:
        return None, "jiter is not installed"
    version = getattr(jiter, "__version__", "0")
    parsed = tuple(int(part) if part.isdigit() else 0 for part in version.split(".")[:2])
    if not JITER_RANGE[0] <= parsed < JITER_RANGE[1]:
        low, high = (".".join(map(str, bound)) for bound in JITER_RANGE)
        return None, f"jiter {version} is outside the supported range >={low},<{high}"
    return functools.partial(jiter.from_json, allow_inf_nan=False, catch_duplicate_keys=True), f"jiter {version}"


_chosen = False
_fast: Callable[[bytes], Any] | None = None


def reader() -> str:
    """Reads INDOXHUB_CONTRACT_READER and puts that reader in use: "fast" or "stdlib", or
    ReaderUnavailable for a bad value. The package calls it at its first read (and the command at its
    start, Spark's executors before their first batch); a program that changes the variable later
    calls it again. Not read on every payload: os.environ.get costs a tenth of jiter's parse."""
    global _chosen, _fast
    name, _fast = _selected(os.environ.get(READER_VARIABLE) or "auto")
    _chosen = True
    return name


def describe_reader() -> str:
    """One line for `--version`: which reader, and why."""
    name = reader()
    if name == "fast":
        import jiter

        return f"fast, jiter {getattr(jiter, '__version__', '?')}"
    setting = os.environ.get(READER_VARIABLE) or "auto"
    return "stdlib, " + (_jiter()[1] if setting == "auto" else f"{READER_VARIABLE}=stdlib")


def read_json(data: bytes | str, first_line: int = 1) -> Any:
    """The JSON value in `data`, or ReadError. `first_line`: the line `data` starts on in its file."""
    if not _chosen:
        reader()
    fast = _fast
    if fast is not None:
        try:
            raw = data if isinstance(data, bytes) else data.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate in a str: the reader below names it
            pass
        else:
            if not _may_overflow(raw, raw.translate(_SHAPES)):
                try:
                    return fast(raw)
                except Exception:  # noqa: BLE001 - anything it refuses is read again below, which says why
                    pass
    return _read_stdlib(data, first_line)


def _may_overflow(raw: bytes, shapes: bytes) -> bool:
    """Whether a text (`raw`, and `shapes`: raw.translate(_SHAPES)) may hold a number outside the double
    range: an exponent of three digits or more after a number, or a run of 210 digits or more (looked
    for only after a run of 16). Never a false "no"; a "yes" only sends the text the careful way."""
    at = shapes.find(b"0e000")
    while at != -1:
        if _starts_a_value(raw, at):
            return True
        at = shapes.find(b"0e000", at + 1)
    return _DIGITS_16 in shapes and _LONG_MANTISSA in shapes


_MANTISSA = frozenset(b"0123456789.-")
_BEFORE_A_VALUE = frozenset(b" \t\r\n,:[")


def _starts_a_value(raw: bytes, last_digit: int) -> bool:
    """Whether the mantissa ending at raw[last_digit] starts where a JSON value may: at the start of the
    text or after white space, ",", ":" or "[". So a UUID's "c0e596" (a hex letter before the digits)
    is no number, and the fast reader is not skipped for every fifth UUID."""
    start = last_digit
    while start > 0 and raw[start - 1] in _MANTISSA:
        start -= 1
    return start == 0 or raw[start - 1] in _BEFORE_A_VALUE


def _read_stdlib(data: bytes | str, first_line: int) -> Any:
    text = decode(data, first_line) if isinstance(data, bytes) else data.removeprefix(_BOM)
    _check_depth(text, first_line)
    hooks: dict[str, Any] = {"object_pairs_hook": _no_duplicates, "parse_constant": _reject_constant}
    raw = data if isinstance(data, bytes) else text.encode("utf-8", "surrogatepass")
    if _may_overflow(raw, raw.translate(_SHAPES)):
        hooks["parse_float"] = _finite_float  # a call per float: only where one may overflow
    try:
        value = _loads(text, hooks)
    except json.JSONDecodeError as error:
        reason = error.msg.removesuffix(" at")  # "Invalid control character at" reads oddly alone
        line = error.lineno - 1 + first_line
        raise ReadError(
            "parse", f"not valid JSON at column {error.colno}: {reason}", line, column=error.colno
        ) from None
    except ReadError as error:
        error.line = first_line
        raise
    if _SURROGATE_ESCAPE.search(text):
        check_unicode(value, first_line)
    return value


def _loads(text: str, hooks: dict[str, Any]) -> Any:
    try:
        return json.loads(text, **hooks)
    except json.JSONDecodeError:
        raise
    except ValueError as error:
        if "integer string conversion" not in str(error):
            raise
    # An integer of more than 4,300 digits, which Python's int() refuses (CVE-2020-10735): read
    # again, every integer through the exact reader. Rare, so the common case pays nothing.
    return json.loads(text, parse_int=exact_int, **hooks)


def _reject_constant(name: str) -> Any:
    raise ReadError("number", f"{name} is not a JSON number")


def _finite_float(text: str) -> float:
    value = float(text)
    if value - value != 0:
        shown = text if len(text) <= 40 else text[:40] + "…"
        raise ReadError("number", f"{shown} is outside the range of a double (IEEE 754)")
    return value


def exact_int(text: str) -> int:
    """Any number of digits, exactly: halves until Python's int() takes them (subquadratic, Karatsuba)."""
    if len(text) <= 4000:
        return int(text)
    sign, digits = (-1, text[1:]) if text.startswith("-") else (1, text)
    return sign * _digits_to_int(digits)


def _digits_to_int(digits: str) -> int:
    if len(digits) <= 4000:
        return int(digits)
    low = 2000
    while low * 2 < len(digits):
        low *= 2  # powers of two times 2,000 digits: the powers of ten are reused
    return _digits_to_int(digits[:-low]) * _power_of_ten(low) + _digits_to_int(digits[-low:])


@functools.lru_cache(maxsize=64)
def _power_of_ten(exponent: int) -> int:
    power: int = 10**exponent
    return power


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        duplicate = next(key for key, _ in pairs if key in seen or seen.add(key))  # type: ignore[func-returns-value]
        # Python would keep the last value silently; a contract check must not.
        raise ReadError("duplicate", f"duplicate member {json.dumps(duplicate)}")
    return result


def _check_depth(text: str, first_line: int) -> None:
    """ReadError("depth") past MAX_DEPTH, before Python's parser recurses. Counting brackets is done in
    C and settles almost every payload; only one with more brackets than the limit is scanned."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return
    depth, in_string, skip_to = 0, False, -1
    for match in _STRUCTURE.finditer(text):
        position = match.start()
        if position < skip_to:  # the character after a backslash in a string
            continue
        character = text[position]
        if in_string:
            if character == "\\":
                skip_to = position + 2
            elif character == '"':
                in_string = False
        elif character == '"':
            in_string = True
        elif character in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, position) + first_line
                column = position - text.rfind("\n", 0, position)
                message = f"nested deeper than {MAX_DEPTH} levels (at column {column})"
                raise ReadError("depth", message, line, column=column)
        elif character in "]}":
            depth -= 1


def check_unicode(value: Any, line: int | None = None) -> None:
    """ReadError("encoding") at the first string or member name holding a lone surrogate, which is not
    Unicode and cannot be written as UTF-8. Iterative: the value may be MAX_DEPTH levels deep."""
    stack: list[tuple[str, Any]] = [("", value)]
    while stack:
        path, item = stack.pop()
        if isinstance(item, str):
            _check_string(item, path, line)
        elif isinstance(item, dict):
            for key, member in item.items():
                member_path = f"{path}/{escape(key)}"
                _check_string(key, member_path, line, "member name")
                stack.append((member_path, member))
        elif isinstance(item, list):
            stack.extend((f"{path}/{index}", member) for index, member in enumerate(item))


def _check_string(text: str, path: str, line: int | None, what: str = "string") -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        code = ord(text[error.start])
        message = f"the {what} holds a lone surrogate \\u{code:04x}: not valid Unicode, cannot be written as UTF-8"
        raise ReadError("encoding", message, line, path) from None
