"""The results of one fiscal year: KPI actuals, their components and the evaluation texts."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field

from teijuu.model.common import (
    API_VERSION,
    FiscalYear,
    Id,
    KpiRef,
    MeasureRef,
    MunicipalityRef,
    Number,
    PlanModel,
    Source,
    Text,
    VisionRef,
)
from teijuu.model.vision import ChangeNote


class Component(PlanModel):
    """A part of an actual: one municipality's (or one category's) numerator and denominator.

    Without denominators the actual is the sum of the numerators; with them, it is
    ``sum(numerators) / sum(denominators) * scale`` (the KPI result's ``scale``).
    """

    municipality: MunicipalityRef | None = Field(default=None, description="Whose figure this is.")
    label: str | None = Field(default=None, description="What it counts, as written.")
    numerator: Number
    numerator_label: str | None = None
    denominator: Number | None = None
    denominator_label: str | None = None
    printed: Number | None = Field(
        default=None, description="This component's own value as printed (e.g. 135.8 for %)."
    )


class KpiResult(PlanModel):
    kpi: KpiRef
    actual: Number | None = Field(default=None, description="実績値; absent when not reported.")
    components: list[Component] = Field(default_factory=list)
    scale: Number = Field(
        default=Decimal(1), description="Multiplier for ratio components (100 for %)."
    )
    note: str | None = None


class Statement(PlanModel):
    """A text of the results sheet, for one municipality where the source splits it."""

    municipality: MunicipalityRef | None = Field(default=None, description="Absent when not split.")
    text: Text


class MeasureResult(PlanModel):
    measure: MeasureRef
    kpis: list[KpiResult] = Field(default_factory=list)
    evaluation: list[Statement] = Field(default_factory=list, description="年度評価.")
    next_steps: list[Statement] = Field(default_factory=list, description="次年度以降の取組.")


class Results(PlanModel):
    """The results (実績) of a vision's KPIs for one fiscal year."""

    api_version: Literal["teijuu/v2"] = Field(default=API_VERSION, alias="apiVersion")
    kind: Literal["Results"] = "Results"
    id: Id
    vision: VisionRef
    fiscal_year: FiscalYear
    stated_in: str | None = Field(
        default=None, description="Where the figures were published, as a text."
    )
    change_notes: list[ChangeNote] = Field(
        default_factory=list,
        description="Why published figures were changed (a corrected actual): `teijuu diff` "
        "change ids with a note each.",
    )
    sources: list[Source] = Field(default_factory=list, description="Where the facts come from.")
    measures: list[MeasureResult] = Field(default_factory=list)

    def result(self, measure_id: str, kpi_id: str) -> KpiResult | None:
        for measure in self.measures:
            if measure.measure == measure_id:
                return next((k for k in measure.kpis if k.kpi == kpi_id), None)
        return None

    def results_by_kpi(self) -> dict[tuple[str, str], KpiResult]:
        """Every KPI result by (measure id, KPI id), as :meth:`result` finds each (the first
        entry of a measure given twice): for a loop over many KPIs, one walk, not one each."""
        found: dict[tuple[str, str], KpiResult] = {}
        seen: set[str] = set()
        for measure in self.measures:
            if measure.measure in seen:
                continue
            seen.add(measure.measure)
            for kpi in measure.kpis:
                found.setdefault((measure.measure, kpi.kpi), kpi)
        return found
