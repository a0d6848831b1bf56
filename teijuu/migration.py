"""Upgrading plan files written for an older ``apiVersion``.

When a schema version changes a kind, it adds a step here that rewrites the raw mapping of the
previous version into the next one. The loader applies the chain in memory, from the version a
file declares up to :data:`CURRENT`, and says so with a note; ``teijuu migrate`` applies the same
steps to the file itself, comments kept.

Steps work on any mutable mapping in place and keep the order of keys, so that the same step
serves the loader's plain dicts and ruamel.yaml's round-trip maps (which carry the comments).

teijuu/v1 → teijuu/v2:

- ``Sphere.central_city: x`` → ``central_cities: [x]`` (a sphere may have two: 複眼型中心市);
- ``Measure.budget: {FY: amount}`` (千円) → ``budget: {unit: 千円, years: {FY: amount}}``, and an
  empty budget is left out (unknown, not 0);
- ``VisionRevision.source`` and ``Results.source`` (the text naming the document that states
  them) → ``stated_in``, as ``source`` now names one of the document's ``sources``.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping, MutableSequence
from typing import Any, Final

from teijuu.errors import TeijuuError
from teijuu.messages import msg, written

CURRENT: Final = "teijuu/v2"

Step = Callable[[MutableMapping[str, Any]], None]


class MigrationError(TeijuuError):
    pass


def _replace_key(mapping: MutableMapping[str, Any], old: str, new: str, value: Any) -> None:
    """Put ``new: value`` where ``old`` stood, keeping the order (and ruamel's comments)."""
    keys = list(mapping)
    position = keys.index(old)
    insert = getattr(mapping, "insert", None)
    if insert is not None:  # a ruamel CommentedMap: its comments are keyed by the key
        comments = mapping.ca.items.pop(old, None)  # type: ignore[attr-defined]
        del mapping[old]
        insert(position, new, value)
        if comments is not None:
            mapping.ca.items[new] = comments  # type: ignore[attr-defined]
        return
    items = [(new, value) if key == old else (key, mapping[key]) for key in keys]
    mapping.clear()
    mapping.update(items)


def _same_kind(template: Any) -> MutableMapping[str, Any]:
    """An empty mapping of the same type as ``template`` (so ruamel maps stay ruamel maps)."""
    try:
        made = type(template)()
    except TypeError:  # pragma: no cover - every mapping the readers build has a bare constructor
        return {}
    return made if isinstance(made, MutableMapping) else {}


def _v1_to_v2(data: MutableMapping[str, Any]) -> None:
    kind = data.get("kind")
    if kind == "Sphere" and "central_city" in data:
        central = data["central_city"]
        cities: MutableSequence[Any] = [central]
        seq = _sequence_like(data.get("municipalities"))
        if seq is not None:
            seq.append(central)
            cities = seq
            if hasattr(cities, "fa"):
                cities.fa.set_flow_style()
        _replace_key(data, "central_city", "central_cities", cities)
    if kind == "Results" and "source" in data and "stated_in" not in data:
        _replace_key(data, "source", "stated_in", data["source"])
    if kind != "Vision":
        return
    for revision in _items(data.get("revisions")):
        if "source" in revision and "stated_in" not in revision:
            _replace_key(revision, "source", "stated_in", revision["source"])
    for measure in _items(data.get("measures")):
        budget = measure.get("budget")
        if not isinstance(budget, MutableMapping) or "years" in budget or "unit" in budget:
            continue
        if not budget:
            del measure["budget"]
            continue
        wrapped = _same_kind(budget)
        wrapped["unit"] = "千円"
        wrapped["years"] = budget
        comments = getattr(budget, "ca", None)
        if comments is not None:  # ruamel keeps `budget:  # …` twice: the key's, and the map's
            comments.comment = None
        _replace_key(measure, "budget", "budget", wrapped)


def _items(value: Any) -> list[MutableMapping[str, Any]]:
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, MutableMapping)]


def _sequence_like(template: Any) -> MutableSequence[Any] | None:
    """An empty sequence of the same type as ``template`` (a ruamel CommentedSeq stays one)."""
    if not isinstance(template, list):
        return None
    try:
        made = type(template)()
    except TypeError:  # pragma: no cover
        return None
    return made if isinstance(made, list) else None


MIGRATIONS: dict[str, tuple[str, Step]] = {"teijuu/v1": ("teijuu/v2", _v1_to_v2)}
"""``old version → (next version, step)``."""


def known_versions() -> list[str]:
    return sorted({CURRENT, *MIGRATIONS})


def migrate(data: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    """Upgrade a raw document to :data:`CURRENT` in place (and return it); raise
    :class:`MigrationError` if that is impossible. A current document is returned as it is."""
    version = data.get("apiVersion")
    seen: set[str] = set()
    while version != CURRENT:
        if not isinstance(version, str) or version not in MIGRATIONS or version in seen:
            known = ", ".join(known_versions())
            raise MigrationError(
                msg("unknown-api-version/version", version=written(version), known=known)
            )
        seen.add(version)
        version, step = MIGRATIONS[version]
        step(data)
        data["apiVersion"] = version
    return data
