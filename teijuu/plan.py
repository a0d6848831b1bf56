"""A plan: the set of documents that describe one or more spheres, with lookups across them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Literal, TypeVar, overload

from teijuu.errors import PlanError
from teijuu.messages import Text, fy, msg
from teijuu.model import (
    Agreement,
    BudgetUnit,
    Document,
    PolicyFramework,
    PublishedReport,
    Results,
    Schedule,
    Sphere,
    Vision,
)

if TYPE_CHECKING:
    from teijuu.budgets import BudgetLine
    from teijuu.grading import VisionGrades

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

    def visions_for_year(self, fiscal_year: int) -> list[Vision]:
        """The visions for which ``fiscal_year``'s actuals are entered (``teijuu sheet`` and
        ``teijuu record``): those whose current period holds the year, and of several, the ones
        whose results are kept here, if any are. One vision is the one meant."""
        holding = [v for v in self.visions if fiscal_year in v.current_period]
        if len(holding) > 1:
            return [v for v in holding if v.id in self._results_by_vision] or holding
        return holding

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

    # -----------------------------------------------------------------------------------------
    # Grades and budgets, with the framework the vision names (never ids for want of it)

    def vision(self, vision: Vision | str) -> Vision:
        """The vision itself, or the one with this id; :class:`PlanError` when there is none."""
        if isinstance(vision, Vision):
            return vision
        found = self.get(Vision, vision)
        if found is None:
            known = ", ".join(v.id for v in self.visions) or msg("cli/edit/none")
            raise PlanError(
                msg("cli/plan/no-such-vision", vision=vision, known=known), subject=vision
            )
        return found

    def framework_for(self, vision: Vision) -> PolicyFramework:
        """The policy framework ``vision`` names; :class:`PlanError` when these plans do not
        hold it (its fields would be shown as bare ids)."""
        framework = self.framework_of(vision)
        if framework is None:
            raise PlanError(
                msg("cli/plan/no-framework", vision=vision.id, framework=vision.framework),
                code="unresolved-reference",
                subject=f"Vision/{vision.id}:framework",
            )
        return framework

    def grade(self, vision: Vision | str, fiscal_year: int | None = None) -> VisionGrades:
        """Every KPI of ``vision`` graded for ``fiscal_year`` (default: the latest year with
        results), with counts per field and viewpoint named by the vision's framework."""
        from teijuu.grading import grade_vision

        chosen = self.vision(vision)
        return grade_vision(
            chosen, self.results_for(chosen, fiscal_year), self.framework_for(chosen)
        )

    def results_for(self, vision: Vision | str, fiscal_year: int | None = None) -> Results:
        """The results of ``vision`` for ``fiscal_year`` (default: the latest year with
        results); :class:`PlanError` when there are none."""
        chosen = self.vision(vision)
        results = self.results_of(chosen.id)
        if fiscal_year is None:
            if not results:
                raise PlanError(
                    msg("cli/plan/no-results-to-grade", vision=chosen.id), subject=chosen.id
                )
            return results[-1]
        found = [r for r in results if r.fiscal_year == fiscal_year]
        if not found:
            have = (
                Text(
                    ", ".join(f"FY{r.fiscal_year}" for r in results),
                    "、".join(f"{r.fiscal_year}年度" for r in results),
                )
                if results
                else msg("cli/edit/none")
            )
            raise PlanError(
                msg(
                    "cli/plan/no-results-for-year",
                    vision=chosen.id,
                    year=fy(fiscal_year),
                    have=have,
                ),
                subject=chosen.id,
            )
        return found[0]

    def grade_years(self, vision: Vision | str) -> dict[int, VisionGrades]:
        """``vision`` graded for every fiscal year it has results for, in order of years (the
        one place a vision's years are graded: reports, checks and new editions use it)."""
        from teijuu.grading import grade_vision

        chosen = self.vision(vision)
        results = self.results_of(chosen.id)
        if not results:
            return {}
        framework = self.framework_for(chosen)
        return {r.fiscal_year: grade_vision(chosen, r, framework) for r in results}

    @overload
    def budget_totals(
        self,
        vision: Vision | str,
        by: Literal["field", "viewpoint"] = "field",
        *,
        unit: BudgetUnit = BudgetUnit.THOUSAND_YEN,
    ) -> dict[str, BudgetLine]: ...

    @overload
    def budget_totals(
        self,
        vision: Vision | str,
        by: Literal["year"],
        *,
        unit: BudgetUnit = BudgetUnit.THOUSAND_YEN,
    ) -> dict[int, BudgetLine]: ...

    def budget_totals(
        self,
        vision: Vision | str,
        by: Literal["field", "viewpoint", "year"] = "field",
        *,
        unit: BudgetUnit = BudgetUnit.THOUSAND_YEN,
    ) -> dict[str, BudgetLine] | dict[int, BudgetLine]:
        """The budget (事業費) of ``vision`` summed per policy field id, viewpoint id or fiscal
        year, exactly, in ``unit`` (千円 by default), each with its label beside; an amount is
        None where any figure in it is unknown, never counted as 0. Measures printed without a
        field (or viewpoint) are under the key ``""`` (label "—")."""
        from teijuu.budgets import budget_by_field, budget_by_viewpoint, budget_by_year

        chosen = self.vision(vision)
        if by == "year":
            return budget_by_year(chosen, unit)
        framework = self.framework_for(chosen)
        if by == "viewpoint":
            return budget_by_viewpoint(chosen, framework, unit)
        if by == "field":
            return budget_by_field(chosen, framework, unit)
        raise PlanError(msg("cli/plan/budget-by", by=by))
