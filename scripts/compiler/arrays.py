"""Emitters for the keywords that apply to arrays; large arrays of scalars get a bulk path."""

from __future__ import annotations

from functools import partial

from .emitting import ANNOTATIONS, emit_in_block, fast_helper, natural, plural
from .jsontypes import EXACT_TYPES, TYPE_CHECKS
from .module import FAST, Path, Scope
from .refs import Node

NUMERIC = {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"}

BULK_BOUNDS = (
    ("minimum", "min", "<"),
    ("exclusiveMinimum", "min", "<="),
    ("maximum", "max", ">"),
    ("exclusiveMaximum", "max", ">="),
)


def simple_item_type(node: Node) -> str | None:
    """The item type when an items schema is only a scalar `type` (and numeric bounds): bulk-checkable."""
    value = node.value
    if not isinstance(value, dict) or not isinstance(value.get("type"), str) or value["type"] not in EXACT_TYPES:
        return None
    allowed = ANNOTATIONS | {"type"} | (NUMERIC if value["type"] in ("number", "integer") else set())
    return value["type"] if set(value) <= allowed else None


def emit_bulk_items(scope: Scope, items: Node, item_type: str, var: str) -> None:
    # Large homogeneous arrays (an embedding batch: 16 x 1536 floats) are checked in C: the exact
    # type of every item against a set, then min()/max() for bounds. Subclasses, booleans and
    # integral floats miss the set and take the item-by-item check, which is exact.
    exact = scope.module.constant("TYPES", EXACT_TYPES[item_type])
    item = scope.local(f"{var}__item")
    condition = f"not {exact}.issuperset(map(type, {var}))"
    if item_type == "number":  # one NaN or Infinity makes the sum non-finite: then look item by item
        condition += f" or not {scope.module.runtime('has_finite_sum')}({var})"
    with scope.writer.block(f"if {condition}:"):
        with scope.writer.block(f"for {item} in {var}:"):
            with scope.writer.block(f"if not ({TYPE_CHECKS[item_type].format(v=item)}):"):
                scope.writer.line("return False")
    for keyword, function, operator in BULK_BOUNDS:
        if keyword in items.value:
            with scope.writer.block(f"if {var} and {function}({var}) {operator} {items.value[keyword]!r}:"):
                scope.writer.line("return False")


def emit_items(scope: Scope, node: Node, var: str, path: Path) -> None:
    """{"prefixItems": [A], "items": B}: item 0 against A, the rest against B; `"items": false` caps the length."""
    prefix = node.value.get("prefixItems", [])
    for index in range(len(prefix)):
        item = scope.local(f"{var}__{index}")
        sub = node.child("prefixItems", index)
        emit_in_block(
            scope,
            f"if len({var}) > {index}:",
            partial(scope.descend, sub, item, path.literal(str(index))),
            prelude=(f"{item} = {var}[{index}]",),
        )
    if "items" not in node.value:
        return
    items = node.child("items")
    if items.value is False:
        with scope.writer.block(f"if len({var}) > {len(prefix)}:"):
            scope.fail(
                node, "items", path, f"expected at most {plural(len(prefix), 'item')}; items found", f"len({var})"
            )
        return
    item_type = simple_item_type(items)
    if scope.mode == FAST and item_type and not prefix:
        emit_bulk_items(scope, items, item_type, var)
        return
    item = scope.local(f"{var}__item")
    counter = scope.local(f"{var}__index")
    source = f"{var}[{len(prefix)}:]" if prefix else var
    if scope.mode == FAST:
        emit_in_block(scope, f"for {item} in {source}:", lambda: scope.descend(items, item, path))
    else:
        emit_in_block(
            scope,
            f"for {counter}, {item} in enumerate({source}, {len(prefix)}):",
            lambda: scope.descend(items, item, path.expression(f"str({counter})")),
        )


def emit_item_count(scope: Scope, node: Node, var: str, path: Path) -> None:
    """{"minItems": 1, "maxItems": 2}: [1] passes, [] does not."""
    for keyword, operator, phrase in (("minItems", "<", "at least"), ("maxItems", ">", "at most")):
        if keyword in node.value:
            bound = natural(node, keyword)
            with scope.writer.block(f"if len({var}) {operator} {bound}:"):
                scope.fail(node, keyword, path, f"expected an array of {phrase} {plural(bound, 'item')}", var)


def emit_unique_items(scope: Scope, node: Node, var: str, path: Path) -> None:
    """{"uniqueItems": true}: [1, 2] passes, [1, 1.0] does not."""
    if node.value["uniqueItems"] is True:
        with scope.writer.block(f"if not {scope.module.runtime('has_unique_items')}({var}):"):
            scope.fail(node, "uniqueItems", path, "expected items that all differ", var)


def emit_contains(scope: Scope, node: Node, var: str, path: Path) -> None:
    """{"contains": {"type": "integer"}, "minContains": 2}: [1, "a", 2] passes, [1, "a"] does not."""
    low = natural(node, "minContains") if "minContains" in node.value else 1
    high = natural(node, "maxContains") if "maxContains" in node.value else None
    if "contains" not in node.value:
        return  # minContains and maxContains alone only annotate
    helper = fast_helper(scope, node.child("contains"))
    item = scope.local(f"{var}__item")
    count = scope.local(f"{var}__matches")
    scope.writer.line(f"{count} = sum(1 for {item} in {var} if {helper}({item}))")
    keyword = "minContains" if "minContains" in node.value else "contains"
    with scope.writer.block(f"if {count} < {low}:"):
        scope.fail(
            node,
            keyword,
            path,
            f"expected at least {plural(low, 'item')} matching the contains schema; items matching",
            count,
        )
    if high is not None:
        with scope.writer.block(f"if {count} > {high}:"):
            scope.fail(
                node,
                "maxContains",
                path,
                f"expected at most {plural(high, 'item')} matching the contains schema; items matching",
                count,
            )
