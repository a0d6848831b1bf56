"""One walk over a validated document for every reference it makes (:mod:`teijuu.model.refs`).

Which fields refer, and which nested models can hold a field that refers, is read from the
models' field annotations once per model class. The walk visits only those: its cost is one
step per model that may hold a reference, so checking a corpus stays linear in its size.
"""

from __future__ import annotations

import types
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, Final, NamedTuple, Union, get_args, get_origin

from pydantic import BaseModel

from teijuu.model.common import ID_PATTERN
from teijuu.model.documents import KINDS
from teijuu.model.refs import NEAREST, Ref

PathKey = str | int

_NEAR_TARGETS: Final = frozenset(NEAREST.values())


class RefSite(NamedTuple):
    """One reference of a document: its value, its marker and where it is written (a tuple:
    a corpus makes millions)."""

    path: tuple[PathKey, ...]
    """Its path in the document, as :class:`teijuu.checks.Problem` gives it."""
    value: str
    ref: Ref
    near: Mapping[str, str]
    """The references made by the entry it is in and the entries around it, by target, for
    the targets that scope others (:data:`teijuu.model.refs.NEAREST`); the nearest wins."""


@dataclass(frozen=True, slots=True)
class _Field:
    """What one field of a model holds, as far as references go."""

    attr: str
    key: str
    """The key as written in YAML (its alias, if it has one)."""
    many: bool
    ref: Ref | None = None
    model: type[BaseModel] | None = None
    ident: bool = False
    """An id: typed ``Id`` (or a pattern of ids) or marked as a reference."""


def _shape(annotation: Any, metadata: tuple[Any, ...] = ()) -> _Field | None:
    """The field's shape, without its names: a reference, a model, a list of either."""
    origin = get_origin(annotation)
    if origin is Annotated:
        inner, *more = get_args(annotation)
        return _shape(inner, (*metadata, *more))
    if origin is Union or origin is types.UnionType:
        options = [a for a in get_args(annotation) if a is not type(None)]
        return _shape(options[0], metadata) if len(options) == 1 else None
    if origin is list:
        (item,) = get_args(annotation)
        found = _shape(item, metadata)
        return None if found is None else _Field("", "", True, found.ref, found.model, found.ident)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _Field("", "", False, model=annotation)
    if annotation is str:
        ref = next((m for m in metadata if isinstance(m, Ref)), None)
        ident = ref is not None or any(getattr(m, "pattern", None) == ID_PATTERN for m in metadata)
        return _Field("", "", False, ref, ident=ident) if ident else None
    return None


@cache
def _fields(model: type[BaseModel]) -> tuple[_Field, ...]:
    """Every field of ``model`` that is an id, a reference or a nested model."""
    found: list[_Field] = []
    for attr, info in model.model_fields.items():
        shape = _shape(info.annotation, tuple(info.metadata))
        if shape is not None:
            key = info.alias or attr
            found.append(_Field(attr, key, shape.many, shape.ref, shape.model, shape.ident))
    return tuple(found)


@cache
def _walked(model: type[BaseModel]) -> tuple[tuple[_Field, ...], tuple[tuple[str, str], ...]]:
    """The fields of ``model`` the walk follows (references, and models that can hold one),
    and the (attribute, target) of its single references that scope others nearby."""
    walked = tuple(
        f for f in _fields(model) if f.ref is not None or (f.model and _holds_refs(f.model))
    )
    near = tuple(
        (f.attr, f.ref.target)
        for f in walked
        if f.ref is not None and not f.many and f.ref.target in _NEAR_TARGETS
    )
    return walked, near


@cache
def _holds_refs(model: type[BaseModel]) -> bool:
    """Whether a ``model`` can hold a reference, here or in a model nested in it."""
    return any(
        f.ref is not None or (f.model is not None and f.model is not model and _holds_refs(f.model))
        for f in _fields(model)
    )


def references(document: BaseModel) -> list[RefSite]:
    """Every reference ``document`` makes, in the order of its fields."""
    found: list[RefSite] = []
    _walk(document, (), {}, found)
    return found


def _walk(
    model: BaseModel, path: tuple[PathKey, ...], near: Mapping[str, str], found: list[RefSite]
) -> None:
    walked, scoping = _walked(type(model))
    for attr, target in scoping:
        value = getattr(model, attr)
        if value is not None:
            near = {**near, target: value}
    for field in walked:
        value = getattr(model, field.attr)
        if value is None:
            continue
        if field.ref is not None:
            if field.many:
                found.extend(
                    RefSite((*path, field.key, i), item, field.ref, near)
                    for i, item in enumerate(value)
                )
            else:
                found.append(RefSite((*path, field.key), value, field.ref, near))
        elif field.many:
            for i, item in enumerate(value):
                _walk(item, (*path, field.key, i), near, found)
        else:
            _walk(value, (*path, field.key), near, found)


def ref_fields() -> Iterator[tuple[type[BaseModel], str, Ref]]:
    """Every field marked as a reference, in every model a document can hold: (model, key,
    marker)."""
    for model in _models():
        for field in _fields(model):
            if field.ref is not None:
                yield model, field.key, field.ref


@cache
def id_keys() -> frozenset[str]:
    """The keys whose values are ids, in any model a document can hold: fields typed ``Id``
    and fields marked as references."""
    return frozenset(f.key for model in _models() for f in _fields(model) if f.ident)


@cache
def _models() -> tuple[type[BaseModel], ...]:
    """Every model a document can hold, the documents first."""
    seen: dict[type[BaseModel], None] = {}
    pending: list[type[BaseModel]] = list(KINDS.values())
    while pending:
        model = pending.pop(0)
        if model in seen:
            continue
        seen[model] = None
        pending.extend(f.model for f in _fields(model) if f.model is not None)
    return tuple(seen)
