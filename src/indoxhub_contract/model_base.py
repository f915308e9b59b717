"""Base of the generated dataclasses: `from_dict` / `from_json` (validate, then build typed objects)
and `to_dict`.

The generated models (generated/models/, datamodel-code-generator's `--base-class`) import this class;
it belongs to the runtime, like openai-python's `_models.py` beside its generated `types/`. Round
trips are lossless: members the schema does not list are kept in `extra`, and a member that was
absent stays absent in `to_dict()` (unless it was set since).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from typing import Any, ClassVar, TypeVar

from . import validate, validate_json
from ._registry import validators

ModelT = TypeVar("ModelT", bound="Model")
Converter = Callable[[Any], Any]


@dataclasses.dataclass(frozen=True)
class Plan:
    """How one class is built from a validated payload. Computed once per class."""

    known: frozenset[str]  # the members the schema lists
    is_valid: tuple[Callable[[Any], bool], Callable[[Any], bool]]  # the generated fast paths: default, strict
    build: Callable[[dict[str, Any]], Any]  # a valid payload -> an instance


@dataclasses.dataclass
class Model:
    _contract_model: ClassVar[bool] = True  # what registry.canonical looks for in a type given as a class
    extra: dict[str, Any] = dataclasses.field(default_factory=dict, kw_only=True, compare=True)
    """Members of the payload that the schema does not list, kept as they were."""

    @classmethod
    def from_dict(cls: type[ModelT], payload: Any, *, strict: bool = False) -> ModelT:
        """Validate `payload` against this type's schema (ContractError if invalid), then build it.
        `strict`: members the page does not list are errors too."""
        plan = _PLANS.get(cls) or _plan(cls)
        if not plan.is_valid[strict](payload):
            validate(cls.__name__, payload, strict=strict)  # raises ContractError with every error
        built: ModelT = plan.build(payload)
        return built

    @classmethod
    def from_json(cls: type[ModelT], data: bytes | str, *, strict: bool = False) -> ModelT:
        """Read `data` with the strict JSON reader the CLI uses, validate, build: ContractError for
        anything wrong, unreadable JSON (a duplicate member, NaN, bad UTF-8) included."""
        return cls._build(validate_json(cls.__name__, data, strict=strict))

    @classmethod
    def _build(cls: type[ModelT], payload: dict[str, Any]) -> ModelT:
        """An instance from a payload already validated (no check here)."""
        built: ModelT = (_PLANS.get(cls) or _plan(cls)).build(payload)
        return built

    def to_dict(self) -> dict[str, Any]:
        """The JSON value: the members present in the payload (or set since) in the payload's order,
        then `extra`. A member left absent stays absent."""
        values = self.__dict__
        names = (_PLANS.get(type(self)) or _plan(type(self))).known
        extra: dict[str, Any] = values.get("extra", {})
        result: dict[str, Any] = {}
        for key in values.get(_ORDER, values):
            if key in names and key in values:
                result[key] = _dump(values[key])
            elif key in extra:
                result[key] = _dump(extra[key])
        for key, value in extra.items():
            result.setdefault(key, _dump(value))
        return result


def _builder(
    cls: type[Model], known: frozenset[str], converters: tuple[tuple[str, Converter], ...]
) -> Callable[[dict[str, Any]], Any]:
    """The function that builds `cls` from a valid payload, without __init__: the instance dictionary
    is a copy of the payload (one C call), so the members present are exactly the payload's, in its
    order; an absent member reads its default from the class, where the dataclass keeps it
    (datamodel-code-generator writes scalar defaults only). A closure, so nothing is looked up per
    call. Measured on the chat payload: 0.67 µs, where filling defaults and members into the
    instance's own dictionary took 1.6 µs (docs/benchmarks.md)."""
    new = object.__new__

    def build(payload: dict[str, Any]) -> Any:
        instance = new(cls)
        if known.issuperset(payload):
            values = payload.copy()
            values["extra"] = {}
        else:  # members the schema does not list go to `extra`; the payload's order is kept apart
            values = {key: value for key, value in payload.items() if key in known}
            values["extra"] = {key: value for key, value in payload.items() if key not in known}
            values[_ORDER] = tuple(payload)
        for name, convert in converters:
            value = values.get(name)
            if value is not None:
                values[name] = convert(value)
        instance.__dict__ = values
        return instance

    return build


# The payload's member order when it held members the schema does not list (they live in `extra`).
# Not a field: eq, repr and dataclasses.fields() ignore it.
_ORDER = "_payload_order"


def _dump(value: Any) -> Any:
    """A copy of `value` with models turned into dicts. Iterative: a free-form member (`raw_response`)
    may nest hundreds of levels deep, past what recursion in Python can take."""
    if isinstance(value, Model):
        return value.to_dict()
    if not isinstance(value, (list, dict)):
        return value
    holder: list[Any] = [None]
    pending: list[tuple[Any, Any, Any]] = [(holder, 0, value)]
    while pending:
        target, key, item = pending.pop()
        if isinstance(item, Model):
            target[key] = item.to_dict()  # as deep as the schema, not as the data
        elif isinstance(item, list):
            target[key] = items = [None] * len(item)
            pending.extend((items, index, member) for index, member in enumerate(item))
        elif isinstance(item, dict):
            target[key] = members = dict.fromkeys(item)  # member order kept
            pending.extend((members, name, member) for name, member in item.items())
        else:
            target[key] = item
    return holder[0]


_PLANS: dict[type, Plan] = {}


def _plan(cls: type[Model]) -> Plan:
    hints = typing.get_type_hints(cls)
    fields = [field for field in dataclasses.fields(cls) if field.name != "extra"]
    converters = []
    for field in fields:
        convert = _converter(hints[field.name])
        if convert is not None:
            converters.append((field.name, convert))
    factories = [field.name for field in fields if field.default_factory is not dataclasses.MISSING]
    if factories:  # the builder relies on class attributes for defaults: a factory default has none
        raise TypeError(f"{cls.__name__}: members {factories} have default factories, which cannot stay absent")
    try:
        is_valid_default, _, is_valid_strict, _ = validators(cls.__name__)
    except KeyError:  # an object inside one schema only (ValidationErrorBody's DetailItem): built by its parent
        is_valid_default = is_valid_strict = _no_schema(cls.__name__)
    known = frozenset(field.name for field in fields)
    plan = Plan(known, (is_valid_default, is_valid_strict), _builder(cls, known, tuple(converters)))
    _PLANS[cls] = plan
    return plan


def _no_schema(name: str) -> Callable[[Any], bool]:
    def refuse(payload: Any) -> bool:
        raise TypeError(f"{name} has no schema of its own: it is validated and built by the model that holds it")

    return refuse


def _converter(annotation: Any) -> Converter | None:
    """None when the JSON value is already the Python value (str, int, dict[str, Any], …)."""
    if isinstance(annotation, type) and issubclass(annotation, Model):
        # The nested model's builder itself, planned now: no lookup per value. (No model of the
        # contract contains itself; one that did would need a late lookup here.)
        return (_PLANS.get(annotation) or _plan(annotation)).build
    origin = typing.get_origin(annotation)
    if origin is list:
        (item,) = typing.get_args(annotation) or (Any,)
        item_converter = _converter(item)
        if item_converter is None:
            return None
        convert: Converter = item_converter
        return lambda values: [convert(value) for value in values]
    if origin in (typing.Union, types.UnionType):
        # A validated payload's JSON type picks the alternative: an object builds a model, an array a list.
        by_json_type: dict[type, Converter] = {}
        for alternative in typing.get_args(annotation):
            alternative_converter = _converter(alternative)
            if alternative_converter is not None:
                kind = list if typing.get_origin(alternative) is list else dict
                by_json_type[kind] = alternative_converter
        if not by_json_type:
            return None
        if (
            len(by_json_type) == 1
            and len(typing.get_args(annotation)) == 2
            and type(None) in typing.get_args(annotation)
        ):
            return next(iter(by_json_type.values()))  # `Model | None`: null never reaches a converter
        return lambda value: by_json_type[type(value)](value) if type(value) in by_json_type else value
    return None
