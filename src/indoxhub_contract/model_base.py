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
from typing import Any, TypeVar

from . import validate, validate_json
from .registry import validators

ModelT = TypeVar("ModelT", bound="Model")
Converter = Callable[[Any], Any]


@dataclasses.dataclass(frozen=True)
class Plan:
    """How one class is built from a validated payload. Computed once per class."""

    known: frozenset[str]  # the members the schema lists
    defaults: dict[str, Any]  # field defaults, copied in before the payload
    converters: tuple[tuple[str, Converter], ...]  # members whose JSON value becomes a model (or list of)


@dataclasses.dataclass
class Model:
    extra: dict[str, Any] = dataclasses.field(default_factory=dict, kw_only=True, compare=True)
    """Members of the payload that the schema does not list, kept as they were."""

    @classmethod
    def from_dict(cls: type[ModelT], payload: Any, *, strict: bool = False) -> ModelT:
        """Validate `payload` against this type's schema (ContractError if invalid), then build it.
        `strict`: members the page does not list are errors too."""
        is_valid_default, _, is_valid_strict, _ = validators(cls.__name__)
        if not (is_valid_strict if strict else is_valid_default)(payload):
            validate(cls.__name__, payload, strict=strict)  # raises ContractError with every error
        return cls._build(payload)

    @classmethod
    def from_json(cls: type[ModelT], data: bytes | str, *, strict: bool = False) -> ModelT:
        """Read `data` with the strict JSON reader the CLI uses, validate, build: ContractError for
        anything wrong, unreadable JSON (a duplicate member, NaN, bad UTF-8) included."""
        return cls._build(validate_json(cls.__name__, data, strict=strict))

    @classmethod
    def _build(cls: type[ModelT], payload: dict[str, Any]) -> ModelT:
        plan = _PLANS.get(cls) or _plan(cls)
        # The payload is valid, so its members fill the instance directly: no __init__ call, no
        # per-field loop unless the payload holds members the schema does not list. Measured on a
        # chat payload, this halves from_dict's time against a `cls(**values)` build.
        instance = object.__new__(cls)
        values = instance.__dict__
        values.update(plan.defaults)
        if plan.known.issuperset(payload):
            values.update(payload)
            values["extra"] = {}
        else:
            values["extra"] = extra = {}
            for key, value in payload.items():
                if key in plan.known:
                    values[key] = value
                else:
                    extra[key] = value
        for name, convert in plan.converters:
            value = values[name]
            if value is not None and name in payload:
                values[name] = convert(value)
        # Which members the payload had, in order: an attribute, not a field, so eq and repr ignore it.
        values["_present"] = tuple(payload)
        return instance

    def to_dict(self) -> dict[str, Any]:
        """The JSON value: members present in the payload (or set since), then `extra`."""
        present: tuple[str, ...] | None = getattr(self, "_present", None)
        result: dict[str, Any] = {}
        names = (_PLANS.get(type(self)) or _plan(type(self))).known
        fields = [field for field in dataclasses.fields(self) if field.name in names]
        if present is not None:
            for key in present:
                if key in names:
                    result[key] = _dump(getattr(self, key))
                elif key in self.extra:
                    result[key] = _dump(self.extra[key])
        for field in fields:
            if field.name not in result and (present is None or _changed(self, field)):
                result[field.name] = _dump(getattr(self, field.name))
        for key, value in self.extra.items():
            result.setdefault(key, _dump(value))
        return result


def _changed(instance: Model, field: dataclasses.Field[Any]) -> bool:
    """Whether an absent member has been given a value other than its default since from_dict."""
    value = getattr(instance, field.name)
    if field.default is not dataclasses.MISSING:
        return bool(value != field.default)
    if field.default_factory is not dataclasses.MISSING:
        return bool(value != field.default_factory())
    return True


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
    plan = Plan(
        known=frozenset(field.name for field in fields),
        # datamodel-codegen writes scalar defaults only (None, 0, "", False): safe to share.
        defaults={field.name: field.default for field in fields if field.default is not dataclasses.MISSING},
        converters=tuple(converters),
    )
    _PLANS[cls] = plan
    return plan


def _converter(annotation: Any) -> Converter | None:
    """None when the JSON value is already the Python value (str, int, dict[str, Any], …)."""
    if isinstance(annotation, type) and issubclass(annotation, Model):
        return annotation._build
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
