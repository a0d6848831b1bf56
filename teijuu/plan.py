"""A plan: the set of documents that describe one or more spheres, with lookups across them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar

from teijuu.model import (
    Agreement,
    Document,
    PolicyFramework,
    PublishedReport,
    Results,
    Schedule,
    Sphere,
    Vision,
)

D = TypeVar("D", bound=Document)


@dataclass(frozen=True)
class Plan:
    """Documents of any kind; lookups by kind and id. Knows nothing of files."""

    documents: tuple[Document, ...] = field(default_factory=tuple)
    broken: frozenset[tuple[str, str]] = frozenset()
    """``(kind, id)`` of documents that exist but did not validate: references to them are not
    reported again as unresolved."""

    @classmethod
    def of(cls, documents: Iterable[Document], broken: Iterable[tuple[str, str]] = ()) -> Plan:
        return cls(tuple(documents), frozenset(broken))

    def declared(self, kind: type[Document], doc_id: str) -> bool:
        """True when a document of ``kind`` has ``doc_id``, valid or not."""
        name = kind.model_fields["kind"].default
        return self.get(kind, doc_id) is not None or (name, doc_id) in self.broken

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents)

    def of_kind(self, kind: type[D]) -> list[D]:
        return [d for d in self._by_kind.get(kind, ()) if isinstance(d, kind)]

    @cached_property
    def _by_kind(self) -> dict[type, tuple[Document, ...]]:
        """The documents of each kind (class), gathered once: the checks ask for a kind once per
        document, and a walk over every document each time made validating n files cost n²."""
        found: dict[type, list[Document]] = {}
        for document in self.documents:
            found.setdefault(type(document), []).append(document)
        return {kind: tuple(documents) for kind, documents in found.items()}

    def get(self, kind: type[D], doc_id: str) -> D | None:
        found = self._index.get((kind.model_fields["kind"].default, doc_id))
        return found if isinstance(found, kind) else None

    @cached_property
    def _index(self) -> dict[tuple[str, str], Document]:
        index: dict[tuple[str, str], Document] = {}
        for document in self.documents:
            index.setdefault((document.kind, document.id), document)
        return index

    @property
    def spheres(self) -> list[Sphere]:
        return self.of_kind(Sphere)

    @property
    def frameworks(self) -> list[PolicyFramework]:
        return self.of_kind(PolicyFramework)

    @property
    def agreements(self) -> list[Agreement]:
        return self.of_kind(Agreement)

    @property
    def visions(self) -> list[Vision]:
        return list(self._visions)

    @cached_property
    def _visions(self) -> tuple[Vision, ...]:
        return tuple(
            sorted(
                self.of_kind(Vision),
                key=lambda v: (v.sphere, v.period.start, v.edition or 0, v.revision),
            )
        )

    @property
    def results(self) -> list[Results]:
        return list(self._results)

    @cached_property
    def _results(self) -> tuple[Results, ...]:
        return tuple(sorted(self.of_kind(Results), key=lambda r: (r.vision, r.fiscal_year)))

    @property
    def reports(self) -> list[PublishedReport]:
        return self.of_kind(PublishedReport)

    @property
    def schedules(self) -> list[Schedule]:
        return self.of_kind(Schedule)

    def results_of(self, vision_id: str) -> list[Results]:
        return list(self._results_by_vision.get(vision_id, ()))

    @cached_property
    def _results_by_vision(self) -> dict[str, tuple[Results, ...]]:
        found: dict[str, list[Results]] = {}
        for results in self._results:
            found.setdefault(results.vision, []).append(results)
        return {vision: tuple(each) for vision, each in found.items()}

    def frameworks_for_sphere(self, sphere_id: str) -> list[PolicyFramework]:
        return list(self._frameworks_by_sphere.get(sphere_id, ()))

    @cached_property
    def _frameworks_by_sphere(self) -> dict[str, tuple[PolicyFramework, ...]]:
        found: dict[str, list[PolicyFramework]] = {}
        for framework in self.frameworks:
            found.setdefault(framework.sphere, []).append(framework)
        return {sphere: tuple(each) for sphere, each in found.items()}

    def framework_of(self, vision: Vision) -> PolicyFramework | None:
        return self.get(PolicyFramework, vision.framework)
