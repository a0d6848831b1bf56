"""The symbiosis vision (共生ビジョン): one edition, its grading rule and its measures (施策)."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from itertools import pairwise
from typing import Literal

from pydantic import Field, StrictBool, StrictInt, model_validator
from pydantic_core import PydanticCustomError

from teijuu.model.common import (
    API_VERSION,
    BY_FISCAL_YEAR,
    Amount,
    DateLike,
    FiscalYear,
    Id,
    Number,
    Period,
    PlanModel,
    PrintedYearLabel,
    Text,
)

COMMON: Literal["common"] = "common"
"""The ``by`` of programs that all municipalities run together (【共通】)."""


class Direction(StrEnum):
    HIGHER_IS_BETTER = "higher"
    LOWER_IS_BETTER = "lower"


class KpiValue(PlanModel):
    """A KPI value of one fiscal year: a baseline (現状値) or a target (目標値)."""

    fiscal_year: FiscalYear
    value: Number | None = Field(
        default=None, description="The value; absent while it is open (a draft's target)."
    )
    printed_year: PrintedYearLabel | None = Field(
        default=None, description="The year label as printed, e.g. '2028年 (R10) 度'."
    )
    note: str | None = None


class Kpi(PlanModel):
    """A key performance indicator (成果指標, KPI) of a measure."""

    id: Id
    name: Text = Field(description="The KPI as written on the measure sheet.")
    unit: str | None = Field(default=None, description="Unit as printed: 人, %, 台, 千円 …")
    baseline: KpiValue | None = Field(default=None, description="現状値.")
    target: KpiValue | None = Field(default=None, description="目標値 (of the final year).")
    cumulative: StrictBool = Field(
        default=False, description="累計: actuals accumulate over years."
    )
    direction: Direction = Field(
        default=Direction.HIGHER_IS_BETTER, description="Which way is better."
    )
    qualitative: StrictBool = Field(default=False, description="Not graded by a number.")
    note: str | None = None


class ProgramGroup(PlanModel):
    """The programs (事業名称) one municipality runs for a measure, or the common ones."""

    by: Id = Field(description="A municipality id, or 'common' for 【共通】 programs.")
    names: list[Text] = Field(min_length=1)


class Measure(PlanModel):
    """A measure (施策) of a vision, as one measure sheet describes it."""

    id: Id
    no: StrictInt | None = Field(
        default=None, ge=1, description="The number printed in the source."
    )
    name: Text = Field(description="施策名 as written on the sheet.")
    viewpoint: Id = Field(description="連携する視点.")
    field: Id = Field(description="政策分野.")
    field_printed: str | None = Field(
        default=None, description="政策分野 as this sheet prints it, where it differs."
    )
    development: str | None = Field(default=None, description="施策の展開 (政策の内容).")
    content: str | None = Field(default=None, description="取組内容.")
    kpis: list[Kpi] = Field(default_factory=list)
    programs: list[ProgramGroup] = Field(default_factory=list, description="事業名称.")
    effect: str | None = Field(default=None, description="事業効果.")
    budget: dict[FiscalYear, Amount] = Field(
        default_factory=dict,
        description="事業費 per fiscal year, in 千円.",
        json_schema_extra=BY_FISCAL_YEAR,
    )
    roles: str | None = Field(default=None, description="役割分担.")
    municipalities: list[Id] = Field(default_factory=list, description="関係市町.")
    note: str | None = None

    def kpi(self, kpi_id: str) -> Kpi | None:
        return next((k for k in self.kpis if k.id == kpi_id), None)

    @property
    def budget_total(self) -> Decimal:
        return sum(self.budget.values(), Decimal(0))


class RateMethod(StrEnum):
    ACTUAL_OVER_TARGET = "actual-over-target"
    PROGRESS_FROM_BASELINE = "progress-from-baseline"


class GradeBand(PlanModel):
    label: Text = Field(description="A, B, C, D …")
    min_percent: Number | None = Field(
        default=None, description="Lowest achievement rate in %, inclusive; absent for the last."
    )
    name: str | None = Field(default=None, description="e.g. 達成, 概ね達成.")


class RoundingMode(StrEnum):
    HALF_UP = "half-up"
    DOWN = "down"


class ZeroTarget(StrEnum):
    """What to do when a rate's denominator is zero (a target of 0, or target = baseline)."""

    UNGRADED = "ungraded"
    MET_IF_REACHED = "met-if-reached"


class GradingRule(PlanModel):
    """How KPIs are graded: the rate, and bands from the highest to the lowest."""

    method: RateMethod = RateMethod.ACTUAL_OVER_TARGET
    bands: list[GradeBand] = Field(min_length=1)
    zero_target: ZeroTarget = Field(
        default=ZeroTarget.UNGRADED,
        description="When the rate's denominator is 0: leave ungraded, or give the top band "
        "when the actual reaches the target and the lowest when it does not.",
    )
    watch: list[Text] | None = Field(
        default=None,
        description="Grades whose measures are listed for attention (【C、D】); by default "
        "every band after the first two.",
    )
    rounding: RoundingMode = Field(
        default=RoundingMode.HALF_UP,
        description="How a value computed from components is rounded to the printed precision.",
    )
    printed: str | None = Field(default=None, description="The rule as the source states it.")

    @model_validator(mode="after")
    def _bands_in_order(self) -> GradingRule:
        labels = [b.label for b in self.bands]
        mins = [b.min_percent for b in self.bands]
        problem = None
        if len(set(labels)) != len(labels):
            problem = f"band labels repeat: {labels}"
        elif mins[-1] is not None:
            problem = "the last band catches everything below the others: leave out its min_percent"
        elif any(m is None for m in mins[:-1]):
            problem = "every band but the last needs a min_percent"
        elif any(a <= b for a, b in pairwise(m for m in mins if m is not None)):
            problem = "bands go from the highest min_percent to the lowest"
        elif self.watch is not None and not set(self.watch) <= set(labels):
            problem = (
                f"watch names grades that are not bands: {sorted(set(self.watch) - set(labels))}"
            )
        if problem:
            raise PydanticCustomError("grading_rule", "{problem}", {"problem": problem})
        return self

    @property
    def labels(self) -> list[str]:
        return [b.label for b in self.bands]

    @property
    def watched(self) -> list[str]:
        return self.watch if self.watch is not None else self.labels[2:]


class VisionStatus(StrEnum):
    DRAFT = "draft"
    ADOPTED = "adopted"
    SUPERSEDED = "superseded"


class RevisionStatus(StrEnum):
    DECIDED = "decided"
    ADOPTED = "adopted"
    PLANNED = "planned"


class VisionRevision(PlanModel):
    """A revision (改定) of an adopted edition: what changed and on what basis."""

    revision: StrictInt = Field(ge=1)
    status: RevisionStatus
    date: DateLike | None = Field(default=None, description="When it was decided or stated.")
    period: Period | None = Field(default=None, description="The new planning period, if changed.")
    summary: Text
    basis: str | None = Field(default=None, description="The source's words for the change.")
    source: str | None = Field(default=None, description="The document that states it.")


class DraftOrigin(PlanModel):
    """Where a draft edition came from, when a tool drew it up from an earlier one."""

    vision: Id = Field(description="The edition it was drawn from.")
    revision: StrictInt = Field(ge=0, description="That edition's revision.")
    results: FiscalYear | None = Field(
        default=None, description="The latest fiscal year of results its baselines come from."
    )
    tool: Text = Field(description="What drew it up, e.g. 'teijuu new-edition 0.1.0'.")


class ReviewReason(StrEnum):
    ALREADY_ACHIEVED = "already-achieved"  # at the top grade: the target may be raised
    WATCHED_TWO_YEARS = "watched-two-years"  # at a watched grade (C/D) two years running
    BUDGET_ENDS = "budget-ends"  # the budget falls to nothing before the period ends
    NO_ACTUAL = "no-actual"  # no actual to move the baseline to


class ReviewPoint(PlanModel):
    """Something to decide before a draft is adopted."""

    measure: Id
    kpi: Id | None = None
    reason: ReviewReason
    text: Text = Field(description="What to review, for people.")


class ChangeNote(PlanModel):
    """Why a change between editions was made: lets a review accept it (teijuu diff)."""

    change: Text = Field(description="The change id that `teijuu diff` shows.")
    note: Text


class Vision(PlanModel):
    """One edition of a 共生ビジョン."""

    api_version: Literal["teijuu/v1"] = Field(default=API_VERSION, alias="apiVersion")
    kind: Literal["Vision"] = "Vision"
    id: Id
    sphere: Id
    framework: Id
    edition: StrictInt = Field(ge=1, description="第N次.")
    revision: StrictInt = Field(
        default=0, ge=0, description="The last revision this file includes."
    )
    title: Text
    status: VisionStatus
    period: Period = Field(description="The planning period as adopted (計画期間).")
    adopted: DateLike | None = Field(default=None, description="策定 date.")
    previous: Id | None = Field(default=None, description="The edition this one follows.")
    grading: GradingRule | None = Field(
        default=None, description="How KPIs are graded; absent while undecided (a draft)."
    )
    revisions: list[VisionRevision] = Field(default_factory=list)
    aims: str | None = Field(default=None, description="策定のねらい.")
    drafted_from: DraftOrigin | None = Field(
        default=None, description="Set on a draft drawn up by a tool from an earlier edition."
    )
    review_points: list[ReviewPoint] = Field(
        default_factory=list, description="What to decide before adoption."
    )
    change_notes: list[ChangeNote] = Field(
        default_factory=list, description="Why changes from the previous edition were made."
    )
    note: str | None = None
    measures: list[Measure] = Field(default_factory=list, description="施策, last: the long part.")

    def measure(self, measure_id: str) -> Measure | None:
        return next((m for m in self.measures if m.id == measure_id), None)

    def as_of(self, revision: int) -> Vision:
        """This edition as it stood at ``revision`` (0: as adopted)."""
        kept = [r for r in self.revisions if r.revision <= revision]
        return self.model_copy(update={"revision": min(revision, self.revision), "revisions": kept})

    @property
    def current_period(self) -> Period:
        """The period after the last revision that changed it."""
        period = self.period
        for revision in self.revisions:
            if revision.revision <= self.revision and revision.period is not None:
                period = revision.period
        return period
