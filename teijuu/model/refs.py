"""References: a value that names something defined elsewhere, marked in the model's types.

A field that refers is typed with a :class:`Ref` marker beside its id type, as
``sphere: Annotated[Id, Ref("sphere")]`` (the aliases are in :mod:`teijuu.model.common`). The
marker is plain data: what the value names, and where the names it may take are found. It
changes nothing in validation or in the JSON Schemas; :mod:`teijuu.refs` walks a document for
the marked values, and :mod:`teijuu.checks` reports those that name nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final


class Scope(StrEnum):
    """Where the ids a reference may take are found."""

    PLAN = "plan"
    """A document of the plan: a sphere, policy framework, agreement or vision."""
    SPHERE = "sphere"
    """A municipality of the sphere the document belongs to."""
    FRAMEWORK = "framework"
    """A viewpoint or policy field of the framework the document follows."""
    VISION = "vision"
    """A measure or goal of the vision the document is, or is about."""
    MEASURE = "measure"
    """A KPI of the measure named by the nearest ``measure`` reference beside it or above it."""
    DOCUMENT = "document"
    """An entry of the document's own list (its ``sources``)."""


@dataclass(frozen=True, slots=True)
class Ref:
    """The marker of a reference: ``target`` is what it names (``"municipality"``)."""

    target: str
    scope: Scope = Scope.PLAN
    literals: tuple[str, ...] = ()
    """Values that are allowed and name nothing, such as ``common`` for 【共通】 programs."""


NEAREST: Final[dict[Scope, str]] = {Scope.MEASURE: "measure"}
"""The scopes given by a reference nearby: the KPIs of the measure that the nearest
``measure`` reference (in the same entry, or in one around it) names."""
