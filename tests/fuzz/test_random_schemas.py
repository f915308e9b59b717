"""The compiler beyond our eight schemas: random schemas inside the supported keyword set, random
instances, and the compiled validator gives jsonschema's verdict. This guards "regenerate when the
spec changes": a schema edit that uses the compiler differently still compiles to the right checks."""

from __future__ import annotations

from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from ..contract.schemas import Oracle
from ..generator.compiled import Compiled

NAMES = st.sampled_from(["a", "b", "c"])
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-3, 3)
    | st.sampled_from([0.5, 1.0, -1.5, 2.5])
    | st.sampled_from(["", "a", "ab", "b1", "ba"])
)
PATTERNS = st.sampled_from(["^a", "b$", "^[0-9]+$", "a|b", "^.{2}$", "\\d", "^$", "^[a-c]*$"])
TYPE_NAMES = st.sampled_from(["null", "boolean", "integer", "number", "string", "array", "object"])
SMALL = st.integers(0, 3)
NUMBERS = st.integers(-2, 2) | st.sampled_from([0.5, -0.5, 1.5])

LEAVES = st.one_of(
    st.booleans(),
    st.builds(lambda t: {"type": t}, TYPE_NAMES | st.lists(TYPE_NAMES, min_size=1, max_size=3, unique=True)),
    *[
        st.builds(lambda n, k=k: {k: n}, NUMBERS)
        for k in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
    ],
    *[
        st.builds(lambda n, k=k: {k: n}, SMALL)
        for k in ("minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties")
    ],
    st.builds(lambda p: {"pattern": p}, PATTERNS),
    st.builds(lambda u: {"uniqueItems": u}, st.booleans()),
    st.builds(lambda m: {"multipleOf": m}, st.sampled_from([1, 2, 0.5])),
    st.builds(lambda values: {"enum": values}, st.lists(SCALARS, min_size=1, max_size=3)),
    st.builds(lambda value: {"const": value}, SCALARS),
    st.builds(lambda names: {"required": names}, st.lists(NAMES, max_size=3, unique=True)),
    st.builds(lambda a, b: {"dependentRequired": {a: [b]}}, NAMES, NAMES),
)


def extend(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    composite = st.one_of(
        st.builds(lambda p: {"properties": p}, st.dictionaries(NAMES, children, max_size=3)),
        st.builds(lambda p: {"additionalProperties": p}, children),
        st.builds(lambda k, p: {"patternProperties": {k: p}}, PATTERNS, children),
        st.builds(lambda p: {"propertyNames": p}, children),
        st.builds(lambda k, p: {"dependentSchemas": {k: p}}, NAMES, children),
        st.builds(lambda p: {"items": p}, children),
        st.builds(lambda p: {"prefixItems": p}, st.lists(children, min_size=1, max_size=2)),
        *[
            st.builds(lambda p, k=k: {k: p}, st.lists(children, min_size=1, max_size=3))
            for k in ("anyOf", "oneOf", "allOf")
        ],
        st.builds(lambda p: {"not": p}, children),
        st.builds(
            lambda p, low, high: {"contains": p, **low, **high},
            children,
            st.just({}) | st.builds(lambda n: {"minContains": n}, SMALL),
            st.just({}) | st.builds(lambda n: {"maxContains": n}, SMALL),
        ),
        st.builds(lambda i, t, e: {"if": i, "then": t, "else": e}, children, children, children),
    )
    # Several keywords in one schema object, as real schemas have them.
    return composite | st.tuples(composite, children).map(lambda pair: merge(*pair))


def merge(left: Any, right: Any) -> Any:
    if isinstance(left, dict) and isinstance(right, dict):
        return {**right, **left}
    return left


SCHEMAS = st.recursive(LEAVES, extend, max_leaves=6)
INSTANCES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(NAMES | st.sampled_from(["d", "1", "ab"]), inner, max_size=3)
    ),
    max_leaves=8,
)


@given(SCHEMAS, st.lists(INSTANCES, min_size=1, max_size=5))
@example({"multipleOf": 0.5}, [True, 1.5, 2])  # booleans are not numbers, even for multipleOf
@example({"enum": [1]}, [True, 1.0])  # true is not 1; 1.0 is
@example({"uniqueItems": True}, [[1, True], [1, 1.0], [{"a": 1}, {"a": 1.0}]])
@example({"pattern": "^$"}, ["", "\n"])  # $ is the end of input, as in ECMA-262
@example({"anyOf": [{"type": "integer"}, {"type": "string"}]}, [1.0, "x", 1.5])
# Found by Hypothesis: a schema location with a backslash (patternProperties "\\d") made an invalid
# escape in a generated docstring.
@example({"patternProperties": {"\\d": {"not": {"type": "null"}}}}, [{"1": None}, {"a": None}])
def test_compiled_verdicts_equal_jsonschema(schema: Any, instances: list[Any]) -> None:
    compiled = Compiled(schema)
    oracle = Oracle(schema)
    for instance in instances:
        expected = oracle.is_valid(instance)
        assert compiled.is_valid(instance) is expected, (instance, compiled.source)
        assert (not compiled.errors(instance)) is expected, (instance, compiled.source)
