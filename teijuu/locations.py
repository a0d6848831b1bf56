"""Where each change of a diff stands in the plan files: file, line and column on each side.

A change names its place by ids (``measures[medical-staff].kpis[local-hires].target.value``);
the loader keeps where every value of a file was written, by its place in the data
(``("measures", 1, "kpis", 0, "target", "value")``). This module turns the one into the other
by walking the document (a list item is found by its id, a key by its name or alias), then asks
the file's positions for the line and column. What cannot be walked to exactly (a KPI that is
gone from this side, a grade, which no file holds) is placed at its nearest written ancestor.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any, Final

from pydantic import BaseModel

from teijuu.diffing import Change, DocumentKey, PlanDiff, Site
from teijuu.fiscal import FiscalYearError, parse_fiscal_year
from teijuu.loading import SourceDocument
from teijuu.yamlio import Path as DataPath
from teijuu.yamlio import PathKey

__all__ = ["data_path", "locate", "locate_changes", "locate_diff"]

_SEGMENT: Final = re.compile(r"\.?([^.\[\]]+)|\[([^\]]*)\]")
_ITEM_KEYS: Final = ("id", "measure", "kpi", "by", "municipality", "revision")
_SYNONYMS: Final = {"kpis": "indicators"}
"""A goal's indicators are diffed as KPIs (``goals[g].kpis[k]``); the file calls them this."""


def _field(node: BaseModel, name: str) -> tuple[str, Any] | None:
    """The key a model's field is written under, and its value."""
    fields = type(node).model_fields
    for field_name, info in fields.items():
        if name in (field_name, info.alias):
            return info.alias or field_name, getattr(node, field_name)
    synonym = _SYNONYMS.get(name)
    return _field(node, synonym) if synonym in fields else None


def _named(node: Any, name: str) -> tuple[tuple[PathKey, ...], Any] | None:
    if isinstance(node, BaseModel):
        found = _field(node, name)
        if found is not None:
            return (found[0],), found[1]
        years = getattr(node, "years", None)  # a budget: `budget.2024` is a year of it
        if isinstance(years, dict) and name.isdigit() and int(name) in years:
            return ("years", int(name)), years[int(name)]
        return None
    if isinstance(node, dict) and name in node:
        return (name,), node[name]
    return None


def _get(item: Any, attr: str) -> Any:
    """A field's value (a model's fields only: never a method such as ``Measure.kpi``)."""
    if isinstance(item, dict):
        return item.get(attr)
    if isinstance(item, BaseModel):
        return item.__dict__.get(attr)
    return None


Keys = dict[int, dict[str, int]]
"""Per list (by ``id``), the first index of each key its items are known by: built once for
all the changes located in one document."""


def _keys_of(items: list[Any]) -> dict[str, int]:
    keys: dict[str, int] = {}
    for index, item in enumerate(items):
        for attr in _ITEM_KEYS:
            value = _get(item, attr)
            if value is not None:
                keys.setdefault(str(value), index)
        measure, kpi = _get(item, "measure"), _get(item, "kpi")
        if measure is not None and kpi is not None:
            keys.setdefault(f"{measure}/{kpi}", index)
    return keys


def _keyed(node: Any, key: str, known: Keys) -> tuple[tuple[PathKey, ...], Any] | None:
    if isinstance(node, list):
        keys = known.get(id(node))
        if keys is None:
            keys = known[id(node)] = _keys_of(node)
        # a renamed measure, ``a~b``: whichever this side has (the first item of either)
        found = [keys[k] for k in (key, *key.split("~")) if k in keys]
        if found:
            return (min(found),), node[min(found)]
        if key.isdigit() and int(key) < len(node):
            return (int(key),), node[int(key)]
        return None
    if isinstance(node, dict) and key in node:
        return (key,), node[key]
    return None


def data_path(document: Any, path: str, known: Keys | None = None) -> DataPath:
    """The place in the data of ``path`` (as a change names it), as far as it can be walked;
    ``known`` keeps the keys of the lists walked, for the next path in the same document."""
    known = {} if known is None else known
    node = document
    out: list[PathKey] = []
    for match in _SEGMENT.finditer(path):
        name, key = match[1], match[2]
        step = _named(node, name) if name is not None else _keyed(node, key, known)
        if step is None:
            break
        keys, node = step
        out.extend(keys)
    return tuple(out)


def _year_key(source: SourceDocument, path: DataPath) -> DataPath:
    """A fiscal year key as written (``R6:`` or ``2024:``): the loader keeps keys as text."""
    if not path or not isinstance(path[-1], int) or path[-2:-1] != ("years",):
        return path
    year, parent = path[-1], path[:-1]
    for written in source.positions.keys_under(parent):
        try:
            if parse_fiscal_year(written) == year:
                return (*parent, written)
        except FiscalYearError:
            continue
    return (*parent, str(year))


def locate(source: SourceDocument, path: str, known: Keys | None = None) -> Site | None:
    """Where ``path`` (a change's path) stands in ``source``'s file; ``known``: as for
    :func:`data_path`, for the paths of one document."""
    where = _year_key(source, data_path(source.document, path, known))
    mark = source.mark(where)
    return None if mark is None else Site(source.path, mark.line, mark.column)


def _index(sources: Iterable[SourceDocument]) -> dict[DocumentKey, SourceDocument]:
    index: dict[DocumentKey, SourceDocument] = {}
    for source in sources:
        index.setdefault((source.document.kind, source.document.id), source)
    return index


def locate_changes(
    changes: Sequence[Change],
    old: Iterable[SourceDocument],
    new: Iterable[SourceDocument],
) -> list[Change]:
    """``changes`` with where each stands on both sides, from the sources each side was read
    from (the documents a change is in are its ``sides``)."""
    indexes = (_index(old), _index(new))
    known: dict[int, Keys] = {}  # per document (by id): the keys of its lists
    out = []
    for change in changes:
        at: list[Site | None] = []
        for side, key in enumerate(change.sides):
            source = indexes[side].get(key) if key is not None else None
            if source is None:
                at.append(None)
                continue
            keys = known.setdefault(id(source.document), {})
            at.append(locate(source, change.path, keys))
        out.append(replace(change, at=(at[0], at[1])))
    return out


def locate_diff(
    diff: PlanDiff, old: Iterable[SourceDocument], new: Iterable[SourceDocument]
) -> PlanDiff:
    """``diff`` with every change located."""
    return replace(diff, changes=locate_changes(diff.changes, old, new))
