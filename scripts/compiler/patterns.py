"""ECMA-262 regular expressions (what JSON Schema's `pattern` means) as Python `re` patterns.

Translation keeps ECMA's meaning where Python differs (`$`, `.`, `\\d`, `\\w`, `\\s`) and refuses, at
generate time, anything Python would read differently or ECMA does not have.
"""

from __future__ import annotations

import re
from typing import Any

try:  # the parser behind `re`: its tree shows which quantifiers nest
    from re import _parser as _sre
except ImportError:  # Python 3.10
    import sre_parse as _sre

_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", _sre.MAX_REPEAT))

# ECMA's \s: WhiteSpace and LineTerminator code points (Python's also takes \x1c-\x1f and \x85).
_ECMA_SPACE = "\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"
_CLASS_ESCAPES = {"d": "0-9", "w": "A-Za-z0-9_", "s": _ECMA_SPACE}
_ESCAPES = {
    "d": "[0-9]",
    "D": "[^0-9]",
    "w": "[A-Za-z0-9_]",
    "W": "[^A-Za-z0-9_]",
    "s": f"[{_ECMA_SPACE}]",
    "S": f"[^{_ECMA_SPACE}]",
}
# ECMA's `.` stops at every line terminator, Python's only at \n.
_DOT = "[^\\n\\r\\u2028\\u2029]"
# Escapes with a meaning in Python that ECMA lacks or spells otherwise.
_REFUSED_ESCAPES = {"A": "\\A", "Z": "\\Z", "z": "\\z", "p": "\\p{...}", "P": "\\P{...}", "k": "\\k<name>"}
# What may follow a backslash in ECMA-262's Unicode mode (the `u` flag JSON Schema implies): syntax
# characters and "/", control escapes, \0, \x, \u, class escapes, assertions and back references.
# Anything else (\a, \e, \_, \") is a SyntaxError there, so it is refused here too.
_UNICODE_MODE_ESCAPES = set("^$\\.*+?()[]{}|/") | set("fnrtv0xudDsSwWbB123456789c")
# ECMA's word characters are [A-Za-z0-9_] even with the `u` flag; Python's \b uses Unicode's.
_WORD = "[A-Za-z0-9_]"
_BOUNDARY = f"(?:(?<={_WORD})(?!{_WORD})|(?<!{_WORD})(?={_WORD}))"
_NOT_BOUNDARY = f"(?:(?<={_WORD})(?={_WORD})|(?<!{_WORD})(?!{_WORD}))"
_HEX4 = re.compile(r"[0-9A-Fa-f]{4}")


class PatternError(ValueError):
    pass


def to_python(pattern: str) -> str:
    """The Python pattern that `re.search` runs with ECMA-262 meaning; PatternError if none."""
    out: list[str] = []
    index = 0
    in_class = False
    # A group nothing refers back to need not capture: `(?:…)` searches faster (about 15% on the
    # date-time pattern) and matches the same strings.
    capture = re.search(r"\\[1-9]", pattern) is not None
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            if index + 1 >= len(pattern):
                raise PatternError("a trailing backslash")
            escaped = pattern[index + 1]
            if escaped in _REFUSED_ESCAPES:
                raise PatternError(f"{_REFUSED_ESCAPES[escaped]} reads differently in Python and ECMA-262")
            if escaped not in _UNICODE_MODE_ESCAPES and not (in_class and escaped == "-"):
                raise PatternError(f"\\{escaped} is not an escape in ECMA-262's Unicode mode")
            if in_class and escaped in "DWSB":
                raise PatternError(f"\\{escaped} inside a character class is not supported")
            if escaped == "u":
                text, index = _unicode_escape(pattern, index)
                out.append(text)
                continue
            if escaped == "c":  # \cJ is the control character J % 32 (a line feed); Python has no \c
                letter = pattern[index + 2 : index + 3]
                if not (letter.isascii() and letter.isalpha()):
                    raise PatternError("\\c must be followed by a letter A-Z or a-z in ECMA-262's Unicode mode")
                out.append(f"\\x{ord(letter) % 32:02x}")
                index += 3
                continue
            if in_class and escaped in _CLASS_ESCAPES:
                out.append(_CLASS_ESCAPES[escaped])
            elif not in_class and escaped in _ESCAPES:
                out.append(_ESCAPES[escaped])
            elif not in_class and escaped in "bB":
                out.append(_BOUNDARY if escaped == "b" else _NOT_BOUNDARY)
            else:
                out.append(char + escaped)  # \b in a class is a backspace in both
            index += 2
            continue
        if in_class:
            if char == "]":
                in_class = False
            elif char == "[":
                out.append("\\")  # Python warns about nested sets; ECMA reads a literal '['.
            out.append(char)
        elif char == "[":
            if pattern.startswith("[^]", index) or pattern.startswith("[]", index):
                raise PatternError("an empty class ([] or [^]) means something else in Python")
            in_class = True
            out.append(char)
        elif char == "$":
            out.append("\\Z")  # end of input only: Python's $ also matches before a final newline
        elif char == ".":
            out.append(_DOT)
        elif char == "(" and pattern.startswith("(?", index):
            _check_group(pattern, index)
            out.append(char)
        elif char == "(" and not capture:
            out.append("(?:")
        elif char in "*+?}" and pattern[index + 1 : index + 2] == "+":
            raise PatternError("possessive quantifiers are not ECMA-262")
        elif char == "{" and pattern[index + 1 : index + 2] == ",":
            raise PatternError("{,n} is a literal in ECMA-262 but a quantifier in Python")
        else:
            out.append(char)
        index += 1
    translated = "".join(out)
    try:
        re.compile(translated)
    except re.error as error:
        raise PatternError(f"not a regular expression Python can run: {error}") from error
    return translated


def _unicode_escape(pattern: str, index: int) -> tuple[str, int]:
    """`\\uXXXX`, `\\u{X…}` or a surrogate pair `\\uD83D\\uDC32` (one code point in Unicode mode, where
    Python would see two lone surrogates) at `index`: the Python escape, and where reading goes on."""
    if pattern.startswith("\\u{", index):
        end = pattern.find("}", index)
        digits = pattern[index + 3 : end] if end != -1 else ""
        if not digits or not all(c in "0123456789abcdefABCDEF" for c in digits) or int(digits, 16) > 0x10FFFF:
            raise PatternError(f"{pattern[index : end + 1 or None]!r} is not a code point escape")
        return f"\\U{int(digits, 16):08x}", end + 1
    if not _HEX4.fullmatch(pattern, index + 2, index + 6):
        raise PatternError("\\u must be followed by four hexadecimal digits or {code point}")
    high = int(pattern[index + 2 : index + 6], 16)
    if (
        0xD800 <= high <= 0xDBFF
        and pattern.startswith("\\u", index + 6)
        and _HEX4.fullmatch(pattern, index + 8, index + 12)
    ):
        low = int(pattern[index + 8 : index + 12], 16)
        if 0xDC00 <= low <= 0xDFFF:
            return f"\\U{0x10000 + (high - 0xD800) * 0x400 + (low - 0xDC00):08x}", index + 12
    return pattern[index : index + 6], index + 6


def _check_group(pattern: str, index: int) -> None:
    head = pattern[index + 2 : index + 4]
    if head[:1] in (":", "=", "!") or head in ("<=", "<!"):
        return
    raise PatternError(f"group syntax {pattern[index : index + 4]!r} is not ECMA-262 or reads differently in Python")


def nested_unbounded(python_pattern: str) -> bool:
    """Whether a quantifier without an upper bound (`*`, `+`, `{n,}`) applies to a part that itself holds
    one: `(a+)+`, `(x*y*)*`, `(\\d+\\.)*`. Such a pattern can backtrack for a time exponential in the
    input's length (`^(a+)+$` on 31 characters: over 20 s); the rule is syntactic, so it also names some
    patterns that happen to be safe. Bounded quantifiers (`{1,4}`) never count."""
    return _holds_nested(_sre.parse(python_pattern), inside_unbounded=False)


def _holds_nested(items: Any, inside_unbounded: bool) -> bool:
    for opcode, argument in items:
        if opcode in _REPEATS:
            _, maximum, body = argument
            unbounded = maximum == _sre.MAXREPEAT
            if (unbounded and inside_unbounded) or _holds_nested(body, inside_unbounded or unbounded):
                return True
        elif opcode == _sre.SUBPATTERN and _holds_nested(argument[-1], inside_unbounded):
            return True
        elif opcode == _sre.BRANCH and any(_holds_nested(branch, inside_unbounded) for branch in argument[1]):
            return True
        elif opcode in (_sre.ASSERT, _sre.ASSERT_NOT) and _holds_nested(argument[1], inside_unbounded):
            return True
    return False
