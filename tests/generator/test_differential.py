"""The compiler against references it did not write: random schemas from the supported keywords and
random instances, judged by jsonschema where it is right, by exact decimal arithmetic for `multipleOf`
(an integer is itself, a float the decimal of its shortest repr), and by Node's `RegExp(p, "u")` for
`pattern` (ECMA-262 itself, through js/regexp-oracle.mjs)."""

from __future__ import annotations

import decimal
import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from compiler import CompileError
from hypothesis import example, given
from hypothesis import strategies as st

from .compiled import Compiled

ROOT = Path(__file__).resolve().parent.parent.parent
EXACT = decimal.Context(prec=2000, Emax=10**6, Emin=-(10**6), traps=[decimal.InvalidOperation])


class RegExp:
    """A Node process answering `RegExp(pattern, "u").test(string)`, line by line."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            ["node", str(ROOT / "js" / "regexp-oracle.mjs")], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        self.cache: dict[tuple[str, str], Any] = {}

    def test(self, pattern: str, string: str) -> Any:
        """True or False, or "error" for a pattern ECMA-262's Unicode mode rejects."""
        key = (pattern, string)
        if key not in self.cache:
            assert self.process.stdin and self.process.stdout
            self.process.stdin.write(json.dumps({"pattern": pattern, "string": string}) + "\n")
            self.process.stdin.flush()
            self.cache[key] = json.loads(self.process.stdout.readline())
        return self.cache[key]


@pytest.fixture(scope="module")
def regexp() -> Iterator[RegExp]:
    oracle = RegExp()
    yield oracle
    oracle.process.communicate()


def exact(value: Any) -> decimal.Decimal:
    return decimal.Decimal(value) if isinstance(value, int) else decimal.Decimal(repr(value))


def is_multiple(value: Any, factor: Any) -> bool:
    """The reference: the remainder of exact decimals, at a precision no test value exhausts."""
    return EXACT.remainder(exact(value), exact(factor)) == 0


def oracle(regexp: RegExp) -> Any:
    def multiple_of(validator: Any, factor: Any, instance: Any, schema: Any) -> Iterator[Any]:
        if validator.is_type(instance, "number") and not is_multiple(instance, factor):
            yield jsonschema.ValidationError(f"{instance!r} is not a multiple of {factor!r}")

    def pattern(validator: Any, source: str, instance: Any, schema: Any) -> Iterator[Any]:
        if validator.is_type(instance, "string") and regexp.test(source, instance) is False:
            yield jsonschema.ValidationError(f"{instance!r} does not match {source!r}")

    def pattern_properties(validator: Any, patterns: Any, instance: Any, schema: Any) -> Iterator[Any]:
        if validator.is_type(instance, "object"):
            for source, subschema in patterns.items():
                for name, value in instance.items():
                    if regexp.test(source, name) is True:
                        yield from validator.descend(value, subschema, path=name, schema_path=source)

    keywords = {"multipleOf": multiple_of, "pattern": pattern, "patternProperties": pattern_properties}
    return jsonschema.validators.extend(jsonschema.Draft202012Validator, keywords)  # type: ignore[no-untyped-call]


FACTORS = st.sampled_from([1, 2, 7, 0.5, 0.1, 0.01, 0.3, 1e-8, 4.35, 2**60, 1e308, 1.5])
NUMBERS = st.sampled_from(
    [
        0,
        1,
        2,
        14,
        -3,
        1.5,
        0.5,
        0.3,
        4.35,
        19.99,
        3e-8,
        1e20,
        1e308,
        -1e-300,
        0.30000000000000004,
        1.0000000001,
        500000000.25,
        9007199254740992,
        9007199254740993,
        10**400,
        2**64,
        1e-8,
    ]
)
STRINGS = st.sampled_from(
    ["", "a", "ab", "foo", "éfoo", "é", "\u0663", "\u212a", "ſ", "🐲", "a\nb", "\u2028", "\r", " ", "aa", "b1"]
)
PATTERNS = st.sampled_from(
    [
        "^a",
        "b$",
        "^[0-9]+$",
        "a|b",
        "^.{2}$",
        "\\d",
        "^$",
        "\\bfoo",
        "\\b",
        "\\B",
        "^\\w+$",
        "^\\s*$",
        "\\W",
        "^\\ud83d\\udc32$",
        "^\\u{1F432}$",
        "(a)\\1",
        "\\cJ",
        "^.$",
        "[^a]",
        "é",
        "^[\\b]$",
        "\\S",
    ]
)
SCALARS = st.none() | st.booleans() | st.sampled_from([0, 0.0, 1, 1.0, -1, "", "0", "a"]) | NUMBERS | STRINGS
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=2) | st.dictionaries(st.sampled_from("ab"), inner, max_size=2),
    max_leaves=4,
)
NAMES = st.sampled_from(["a", "b", "c"])

LEAVES = st.one_of(
    st.booleans(),
    st.builds(
        lambda t: {"type": t}, st.sampled_from(["null", "boolean", "integer", "number", "string", "array", "object"])
    ),
    st.builds(lambda f: {"multipleOf": f}, FACTORS),
    st.builds(lambda p: {"pattern": p}, PATTERNS),
    st.builds(lambda values: {"enum": values}, st.lists(VALUES, min_size=1, max_size=3)),
    st.builds(lambda value: {"const": value}, VALUES),
    st.builds(lambda u: {"uniqueItems": u}, st.booleans()),
    st.builds(
        lambda n, k: {k: n}, NUMBERS, st.sampled_from(["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"])
    ),
    st.builds(lambda names: {"required": names}, st.lists(NAMES, max_size=2, unique=True)),
)


def extend(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(
        st.builds(lambda p: {"properties": p}, st.dictionaries(NAMES, children, max_size=2)),
        st.builds(lambda k, p: {"patternProperties": {k: p}}, PATTERNS, children),
        st.builds(lambda p: {"items": p}, children),
        st.builds(lambda p: {"prefixItems": p}, st.lists(children, min_size=1, max_size=2)),
        st.builds(
            lambda k, p: {k: p},
            st.sampled_from(["anyOf", "oneOf", "allOf"]),
            st.lists(children, min_size=1, max_size=2),
        ),
        st.builds(lambda p: {"not": p}, children),
        st.builds(
            lambda p, low: {"contains": p, **low},
            children,
            st.just({}) | st.builds(lambda n: {"minContains": n, "maxContains": n + 1}, st.integers(0, 2)),
        ),
        st.builds(lambda k, p: {"dependentSchemas": {k: p}}, NAMES, children),
        st.builds(lambda i, t, e: {"if": i, "then": t, "else": e}, children, children, children),
    )


BODIES = st.recursive(LEAVES, extend, max_leaves=5)
# $defs only at the root, reached from a member: a $ref that always resolves and never loops.
SCHEMAS = BODIES | st.builds(
    lambda body, target: {"$defs": {"d": target}, "allOf": [body, {"properties": {"r": {"$ref": "#/$defs/d"}}}]},
    BODIES,
    BODIES,
)
INSTANCES = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(NAMES, inner, max_size=3), max_leaves=6
)
PAIRS = {"run": 0}  # differential pairs checked in this session (printed by the last test)


@given(SCHEMAS, st.lists(INSTANCES, min_size=1, max_size=6))
@example({"multipleOf": 0.5}, [1.0000000001, 1e308, 10**400, True])
@example({"multipleOf": 7}, [1e20, 14.0, 9007199254740993])
@example({"multipleOf": 0.01}, [4.35, 19.99, 0.30000000000000004])
@example({"multipleOf": 1e-8}, [3e-8, -1e-300])
@example({"pattern": "\\bfoo"}, ["éfoo", "xfoo", "foo"])
@example({"pattern": "\\b"}, ["é", "\u0663", "\u212a", "ſ", "a"])
@example({"pattern": "^\\ud83d\\udc32$"}, ["🐲", "x🐲"])  # a pair in the pattern is one code point
@example({"enum": [0, False, [0.0], {"a": [False]}]}, [0.0, False, [0], [False], {"a": [0]}, {"a": [False]}])
def test_compiled_verdicts_equal_the_references(regexp: RegExp, schema: Any, instances: list[Any]) -> None:
    try:
        compiled = Compiled(schema)
    except CompileError as error:
        # Only a pattern ECMA-262 itself rejects may be refused; everything else drawn here compiles.
        assert error.kind == "pattern", error
        refused = [p for p in json.dumps(schema) and _patterns(schema) if regexp.test(p, "") == "error"]
        assert refused, f"{error}: ECMA-262 accepts every pattern of {schema!r}"
        return
    assert all(regexp.test(p, "") != "error" for p in _patterns(schema)), (
        f"compiled a pattern ECMA-262 rejects: {schema!r}"
    )
    reference = oracle(regexp)(schema)
    for instance in instances:
        expected = reference.is_valid(instance)
        assert compiled.is_valid(instance) is expected, (instance, compiled.source)
        assert (not compiled.errors(instance)) is expected, (instance, compiled.source)
        PAIRS["run"] += 1


def _patterns(schema: Any) -> list[str]:
    found: list[str] = []
    stack = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("pattern"), str):
                found.append(node["pattern"])
            found += list(node.get("patternProperties", {}))
            stack += [value for key, value in node.items() if key not in ("enum", "const")]
        elif isinstance(node, list):
            stack += node
    return found


def test_zz_pairs_were_run(capsys: pytest.CaptureFixture[str]) -> None:
    """Printed, so a run's count can be quoted; it fails if the property above checked nothing."""
    with capsys.disabled():
        print(f"\ndifferential pairs checked: {PAIRS['run']}")
    assert PAIRS["run"] > 0
