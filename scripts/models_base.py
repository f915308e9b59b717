"""Base of the generated dataclasses: `from_dict` (validate, then build typed objects) and `to_dict`.

The generator copies this file into generated/models/_base.py; it uses the standard library only.
Round trips are lossless: members the schema does not list are kept in `extra`, and a member that was
absent stays absent in `to_dict()` (unless it was set since).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from typing import Any, ClassVar, TypeVar

ModelT = TypeVar("ModelT", bound="Model")
Converter = Callable[[Any], Any]


@dataclasses.dataclass
class Model:
    extra: dict[str, Any] = dataclasses.field(default_factory=dict, kw_only=True, compare=True)
    """Members of the payload that the schema does not list, kept as they were."""

    # Installed by the runtime package (indoxhub_contract.models): `validate(type_name, payload)`,
    # raising indoxhub_contract.ContractError. Generated code cannot import the runtime, so the
    # runtime hands it over when the package is imported.
    validate_hook: ClassVar[Callable[[str, Any], None] | None] = None
    _plans: ClassVar[dict[type, tuple[tuple[str, Converter | None], ...]]] = {}

    @classmethod
    def from_dict(cls: type[ModelT], payload: Any) -> ModelT:
        """Validate `payload` against this type's schema (ContractError if invalid), then build it."""
        if Model.validate_hook is None:
            raise RuntimeError("use the models through indoxhub_contract.models, which installs their validator")
        Model.validate_hook(cls.__name__, payload)
        return cls._build(payload)

    @classmethod
    def _build(cls: type[ModelT], payload: dict[str, Any]) -> ModelT:
        values = {}
        for name, convert in _plan(cls):
            if name in payload:
                value = payload[name]
                values[name] = value if convert is None or value is None else convert(value)
        instance = cls(**values)
        instance.extra = {key: value for key, value in payload.items() if key not in values}
        # Which members the payload had, in order: an attribute, not a field, so eq and repr ignore it.
        object.__setattr__(instance, "_present", tuple(payload))
        return instance

    def to_dict(self) -> dict[str, Any]:
        """The JSON value: members present in the payload (or set since), then `extra`."""
        present: tuple[str, ...] | None = getattr(self, "_present", None)
        result: dict[str, Any] = {}
        fields = [field for field in dataclasses.fields(self) if field.name != "extra"]
        names = {field.name for field in fields}
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
    if isinstance(value, Model):
        return value.to_dict()
    if isinstance(value, list):
        return [_dump(item) for item in value]
    if isinstance(value, dict):
        return {key: _dump(item) for key, item in value.items()}
    return value


def _plan(cls: type[Model]) -> tuple[tuple[str, Converter | None], ...]:
    """Per field: how to turn its JSON value into the annotated type. Computed once per class."""
    plan = Model._plans.get(cls)
    if plan is None:
        hints = typing.get_type_hints(cls)
        plan = tuple((f.name, _converter(hints[f.name])) for f in dataclasses.fields(cls) if f.name != "extra")
        Model._plans[cls] = plan
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
        return lambda value: by_json_type[type(value)](value) if type(value) in by_json_type else value
    return None
