"""Emitters for the keywords that apply to strings and numbers."""

from __future__ import annotations

from fractions import Fraction

from indoxhub_contract._pointers import join

from .emitting import compiled_pattern, json_text, natural, plural
from .errors import CompileError
from .jsontypes import declared_types
from .module import Path, Scope
from .refs import Node


def emit_length(scope: Scope, node: Node, var: str, path: Path) -> None:
    """{"minLength": 2}: "ab" passes, "a" does not; counted in code points, as JSON Schema says."""
    for keyword, operator, phrase in (("minLength", "<", "at least"), ("maxLength", ">", "at most")):
        if keyword in node.value:
            bound = natural(node, keyword)
            with scope.writer.block(f"if len({var}) {operator} {bound}:"):
                scope.fail(node, keyword, path, f"expected a string of {phrase} {plural(bound, 'character')}", var)


def emit_pattern(scope: Scope, node: Node, var: str, path: Path) -> None:
    """{"pattern": "^a"}: searched, not matched, with ECMA-262 meaning."""
    source = node.value["pattern"]
    pattern = compiled_pattern(scope, node, ("pattern",), source)
    # A title on the subschema names the shape better than the regex does ("UUID (8-4-4-4-12 …)").
    title = node.value.get("title")
    expected = f"expected a string matching {title if isinstance(title, str) else source}"
    with scope.writer.block(f"if not {pattern}.search({var}):"):
        scope.fail(node, "pattern", path, expected, var)


def emit_bounds(scope: Scope, node: Node, var: str, path: Path) -> None:
    """{"minimum": 0, "exclusiveMaximum": 1}: 0 and 0.5 pass, -1 and 1 do not."""
    noun = "an integer" if declared_types(node) == ["integer"] else "a number"
    for keyword, operator, symbol in (
        ("minimum", "<", ">="),
        ("exclusiveMinimum", "<=", ">"),
        ("maximum", ">", "<="),
        ("exclusiveMaximum", ">=", "<"),
    ):
        if keyword in node.value:
            bound = node.value[keyword]
            if isinstance(bound, bool) or not isinstance(bound, (int, float)):
                raise CompileError(node.file, join(node.pointer, keyword), keyword, f"must be a number, got {bound!r}")
            with scope.writer.block(f"if {var} {operator} {bound!r}:"):
                scope.fail(node, keyword, path, f"expected {noun} {symbol} {json_text(bound)}", var)


def emit_multiple_of(scope: Scope, node: Node, var: str, path: Path) -> None:
    """{"multipleOf": 0.5}: 1.5 passes, 1.25 does not."""
    factor = node.value["multipleOf"]
    if isinstance(factor, bool) or not isinstance(factor, (int, float)) or factor <= 0:
        raise CompileError(
            node.file, join(node.pointer, "multipleOf"), "multipleOf", f"must be a number > 0, got {factor!r}"
        )
    # The factor as an exact fraction: a float is the decimal of its shortest repr (0.01 is 1/100).
    exact = Fraction(factor) if isinstance(factor, int) else Fraction(repr(factor))
    check = f"{scope.module.runtime('is_multiple')}({var}, {exact.numerator}, {exact.denominator})"
    if exact.denominator == 1:  # the fast path: an integer factor divides an integer value with %
        condition = f"({var} % {exact.numerator} != 0 if type({var}) is int else not {check})"
    else:
        condition = f"not {check}"
    with scope.writer.block(f"if {condition}:"):
        scope.fail(node, "multipleOf", path, f"expected a multiple of {json_text(factor)}", var)
