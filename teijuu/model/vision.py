"""The symbiosis vision (共生ビジョン): one edition, its grading rule and its measures (施策)."""

from __future__ import annotations

from enum import StrEnum
from itertools import pairwise
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, StrictBool, StrictInt, model_validator

from teijuu.messages import Message, msg
from teijuu.messages import Text as Phrase
from teijuu.model.budget import Budget
from teijuu.model.common import (
    API_VERSION,
    DateLike,
    FieldRef,
    FiscalYear,
    FrameworkRef,
    GoalRef,
    Id,
    KpiRef,
    MeasureNo,
    MeasureRef,
    MunicipalityRef,
    Number,
    Period,
    PlanModel,
    PrintedYearLabel,
    Source,
    SourceRef,
    SphereRef,
    Text,
    ViewpointRef,
    VisionRef,
    invalid,
)
from teijuu.model.paths import undo
from teijuu.model.refs import Ref, Scope

COMMON: Literal["common"] = "common"
"""The ``by`` of programs that all municipalities run together (【共通】)."""


class Direction(StrEnum):
    HIGHER_IS_BETTER = "higher"
    LOWER_IS_BETTER = "lower"


class RateMethod(StrEnum):
    ACTUAL_OVER_TARGET = "actual-over-target"
    PROGRESS_FROM_BASELINE = "progress-from-baseline"


class Bound(StrEnum):
    """A target printed as a limit: 2%以内 (at most), 100人以上 (at least)."""

    AT_MOST = "at-most"
    AT_LEAST = "at-least"


class Aggregate(StrEnum):
    """How a value over several years was formed (平成25年度~平成29年度の平均)."""

    AVERAGE = "average"
    TOTAL = "total"


class ValueKind(StrEnum):
    """What a value printed beside a KPI is."""

    ACTUAL = "actual"  # 実績
    ESTIMATE = "estimate"  # 推計 of a past year
    PROJECTION = "projection"  # 推計 of a future year (社人研 …)
    TARGET = "target"  # 目標


class KpiValue(PlanModel):
    """A KPI value: a baseline (現状値), a target (目標値), or another value the plan prints.

    It belongs to one fiscal year, or to several (``years`` with ``aggregate``: an average). A
    value printed as ``―`` is ``printed: ―`` with no ``value``: open, never 0.
    """

    model_config = ConfigDict(
        json_schema_extra={
            "anyOf": [
                {"required": [key], "properties": {key: {"not": {"type": "null"}}}}
                for key in ("fiscal_year", "date", "calendar_year", "years", "printed")
            ],
            "dependentRequired": {"aggregate": ["years"]},
        }
    )

    fiscal_year: FiscalYear | None = Field(default=None, description="The year it belongs to.")
    date: DateLike | None = Field(
        default=None, description="The day a value is taken at (時点), where the plan gives one."
    )
    calendar_year: StrictInt | None = Field(
        default=None,
        ge=1868,
        le=2200,
        description="A calendar year (年), not a fiscal one, as population tables print them.",
    )
    years: Period | None = Field(
        default=None, description="The years a value over several years covers."
    )
    aggregate: Aggregate | None = Field(
        default=None, description="How the value over `years` was formed."
    )
    value: Number | None = Field(
        default=None, description="The value; absent while it is open (a draft's target, ―)."
    )
    printed: str | None = Field(
        default=None, description="The value as printed, where it is more than a number: ―, 2%以内."
    )
    bound: Bound | None = Field(
        default=None, description="A target printed as a limit (以内: at-most, 以上: at-least)."
    )
    kind: ValueKind | None = Field(
        default=None, description="In a KPI's `values`: what the value is."
    )
    municipality: MunicipalityRef | None = Field(
        default=None, description="Whose value, where split."
    )
    category: Text | None = Field(default=None, description="Which category, e.g. 男性, 女性.")
    printed_year: PrintedYearLabel | None = Field(
        default=None, description="The year label as printed, e.g. '2028年 (R10) 度'."
    )
    source: SourceRef | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _placed(self) -> KpiValue:
        placed = (self.fiscal_year, self.date, self.calendar_year, self.years, self.printed)
        if placed == (None, None, None, None, None):
            raise invalid("kpi_value", msg("invalid-value/kpi-value-year"))
        if self.aggregate is not None and self.years is None:
            raise invalid("kpi_value", msg("invalid-value/kpi-value-aggregate"))
        return self

    @property
    def year(self) -> int | None:
        """The fiscal year, that of its date, or the last of the years a value covers."""
        if self.fiscal_year is not None:
            return self.fiscal_year
        if self.date is not None and self.date.month is not None:
            return self.date.year if self.date.month >= 4 else self.date.year - 1
        if self.years is not None:
            return self.years.end
        return self.calendar_year


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
    method: RateMethod | None = Field(
        default=None, description="How this KPI's rate is computed, where not the vision's rule."
    )
    values: list[KpiValue] = Field(
        default_factory=list,
        description="Other values the plan prints: targets per municipality or category, "
        "interim targets, projections (推計), past actuals.",
    )
    source: SourceRef | None = None
    note: str | None = None


class ProgramGroup(PlanModel):
    """The programs (事業名称) one municipality runs for a measure, or the common ones."""

    by: Annotated[Id, Ref("municipality", Scope.SPHERE, literals=(COMMON,))] = Field(
        description="A municipality id, or 'common' for 【共通】 programs."
    )
    names: list[Text] = Field(min_length=1)


class Role(PlanModel):
    """What a municipality, or a group of them, does in a measure (役割分担), where the plan
    splits it: per municipality, or per party of the agreement (甲: the central cities, 乙: the
    partners)."""

    model_config = ConfigDict(
        json_schema_extra={
            "anyOf": [
                {"required": ["municipality"], "properties": {"municipality": {"type": "string"}}},
                {"required": ["municipalities"], "properties": {"municipalities": {"minItems": 1}}},
            ]
        }
    )

    municipality: MunicipalityRef | None = Field(default=None, description="The one municipality.")
    municipalities: list[MunicipalityRef] = Field(
        default_factory=list, description="The municipalities of a group, e.g. all of 乙."
    )
    party: str | None = Field(default=None, description="The party as printed: 甲, 乙.")
    text: Text

    @model_validator(mode="after")
    def _someone(self) -> Role:
        if self.municipality is None and not self.municipalities:
            raise invalid("role", msg("invalid-value/role"))
        return self

    @property
    def members(self) -> list[str]:
        return [self.municipality] if self.municipality else list(self.municipalities)


class Measure(PlanModel):
    """A measure (施策) of a vision, as one measure sheet describes it."""

    id: Id
    no: MeasureNo | None = None
    name: Text = Field(description="施策名 as written on the sheet.")
    viewpoint: ViewpointRef | None = Field(
        default=None, description="連携する視点; absent where the plan prints none."
    )
    field: FieldRef | None = Field(
        default=None, description="政策分野; absent where the plan prints none."
    )
    field_printed: str | None = Field(
        default=None, description="政策分野 as this sheet prints it, where it differs."
    )
    development: str | None = Field(default=None, description="施策の展開 (政策の内容).")
    content: str | None = Field(default=None, description="取組内容.")
    kpis: list[Kpi] = Field(default_factory=list)
    programs: list[ProgramGroup] = Field(default_factory=list, description="事業名称.")
    effect: str | None = Field(default=None, description="事業効果.")
    budget: Budget | None = Field(
        default=None, description="事業費 as printed; absent where the plan prints none (unknown)."
    )
    roles: str | None = Field(default=None, description="役割分担, as one text.")
    roles_by_municipality: list[Role] = Field(
        default_factory=list, description="役割分担 per municipality, where the plan splits it."
    )
    municipalities: list[MunicipalityRef] = Field(default_factory=list, description="関係市町.")
    goal: GoalRef | None = Field(
        default=None, description="The goal (of `goals`) this measure serves."
    )
    agreement_item: str | None = Field(
        default=None, description="The agreement item (協定項目) it carries out, as printed."
    )
    source: SourceRef | None = None
    note: str | None = None

    def kpi(self, kpi_id: str) -> Kpi | None:
        return next((k for k in self.kpis if k.id == kpi_id), None)

    def kpi_number(self, kpi: Kpi) -> str:
        """The KPI's number in a published KPI table: the measure's No. (its id where it has
        none), and the KPI's place among the measure's KPIs when there are several (23-2)."""
        base = str(self.no) if self.no is not None else self.id
        if len(self.kpis) > 1:
            return f"{base}-{self.kpis.index(kpi) + 1}"
        return base


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


def _listed(labels: list[str]) -> Phrase:
    """Grade labels: a list as Python prints it in English (as ever), 「A」「B」 in Japanese."""
    return Phrase(str(labels), "".join(f"「{label}」" for label in labels))


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
    rounding_assumed: StrictBool = Field(
        default=False,
        description="True when the plan does not state its rounding and `rounding` is assumed.",
    )
    printed: str | None = Field(default=None, description="The rule as the source states it.")

    @model_validator(mode="after")
    def _bands_in_order(self) -> GradingRule:
        labels = [b.label for b in self.bands]
        mins = [b.min_percent for b in self.bands]
        problem: Message | None = None
        if len(set(labels)) != len(labels):
            problem = msg("invalid-grading-rule/labels-repeat", labels=_listed(labels))
        elif mins[-1] is not None:
            problem = msg("invalid-grading-rule/last-band")
        elif any(m is None for m in mins[:-1]):
            problem = msg("invalid-grading-rule/min-percent")
        elif any(a <= b for a, b in pairwise(m for m in mins if m is not None)):
            problem = msg("invalid-grading-rule/order")
        elif self.watch is not None and not set(self.watch) <= set(labels):
            grades = sorted(set(self.watch) - set(labels))
            problem = msg("invalid-grading-rule/watch", grades=_listed(grades))
        if problem:
            raise invalid("grading_rule", problem)
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


class RevisionChange(PlanModel):
    """A value a revision changed or removed, and what it was before.

    ``path`` names it by ids and keys: ``measures/bus/kpis/riders/target/value``.
    """

    path: Text
    was: Any = Field(description="The value before the revision, as it would be written.")


class VisionRevision(PlanModel):
    """A revision (改定, 一部改正) of an adopted edition: what changed and on what basis.

    The file holds the edition as of its latest revision. So that every earlier state can be
    rebuilt (and diffed), a revision that changes content lists what it ``added`` and, with the
    values before, what it ``changed`` and ``removed``.
    """

    revision: StrictInt = Field(ge=1)
    status: RevisionStatus
    date: DateLike | None = Field(default=None, description="When it was decided or stated.")
    fiscal_year: FiscalYear | None = Field(
        default=None, description="The fiscal year, where only that is printed (平成28年度)."
    )
    period: Period | None = Field(default=None, description="The new planning period, if changed.")
    summary: Text
    basis: str | None = Field(default=None, description="The source's words for the change.")
    stated_in: str | None = Field(default=None, description="The document that states it.")
    source: SourceRef | None = None
    added: list[Text] = Field(
        default_factory=list,
        description="Paths of what the revision added, e.g. measures/bus/kpis/riders.",
    )
    changed: list[RevisionChange] = Field(
        default_factory=list, description="What the revision changed, with the values before."
    )
    removed: list[RevisionChange] = Field(
        default_factory=list, description="What the revision removed, with the values before."
    )

    @property
    def changes_content(self) -> bool:
        return bool(self.added or self.changed or self.removed)


class DraftOrigin(PlanModel):
    """Where a draft edition came from, when a tool drew it up from an earlier one."""

    vision: VisionRef = Field(description="The edition it was drawn from.")
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

    measure: MeasureRef
    kpi: KpiRef | None = None
    reason: ReviewReason
    text: Text = Field(description="What to review, for people.")


class ChangeNote(PlanModel):
    """Why a change between editions was made: lets a review accept it (teijuu diff)."""

    change: Text = Field(description="The change id that `teijuu diff` shows.")
    note: Text


class GoalLevel(StrEnum):
    """Where a goal stands above the measures."""

    SPHERE = "sphere"  # 圏域全体: population, ageing rate (中長期的な目標)
    VIEWPOINT = "viewpoint"  # 連携する視点
    FIELD = "field"  # 政策分野: 基本目標
    AGREEMENT_ITEM = "agreement-item"  # 協定項目, shared by its programmes


class Goal(PlanModel):
    """A goal above the measures, with its own indicators (中長期的な目標, 基本目標)."""

    id: Id
    level: GoalLevel
    name: Text = Field(description="The goal as printed.")
    viewpoint: ViewpointRef | None = None
    field: FieldRef | None = None
    agreement_item: str | None = Field(default=None, description="協定項目 as printed.")
    text: str | None = None
    indicators: list[Kpi] = Field(default_factory=list, description="Its indicators (指標).")
    source: SourceRef | None = None
    note: str | None = None


class Vision(PlanModel):
    """One edition of a 共生ビジョン."""

    api_version: Literal["teijuu/v2"] = Field(default=API_VERSION, alias="apiVersion")
    kind: Literal["Vision"] = "Vision"
    id: Id
    sphere: SphereRef
    framework: FrameworkRef
    edition: StrictInt | None = Field(
        default=None,
        ge=1,
        description="Which edition: 1, 2, 3 …; absent where the sources do not say.",
    )
    edition_printed: str | None = Field(
        default=None,
        description="How the plan names its edition (第2期, 第3次); absent where it prints no "
        "ordinal. `teijuu new-edition` names the next one the same way.",
    )
    revision: StrictInt = Field(
        default=0, ge=0, description="The last revision this file includes."
    )
    title: Text
    status: VisionStatus
    period: Period = Field(description="The planning period as adopted (計画期間).")
    adopted: DateLike | None = Field(default=None, description="策定 date.")
    previous: VisionRef | None = Field(default=None, description="The edition this one follows.")
    grading: GradingRule | None = Field(
        default=None, description="How KPIs are graded; absent while undecided (a draft)."
    )
    revisions: list[VisionRevision] = Field(default_factory=list)
    aims: str | None = Field(default=None, description="策定のねらい.")
    partial: StrictBool = Field(
        default=False,
        description="True when the file holds only some of the plan's measures (an excerpt).",
    )
    sources: list[Source] = Field(default_factory=list, description="Where the facts come from.")
    source: SourceRef | None = Field(
        default=None, description="The source of the edition itself (title, period, date)."
    )
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
    goals: list[Goal] = Field(
        default_factory=list, description="Goals above the measures, with their indicators."
    )
    measures: list[Measure] = Field(default_factory=list, description="施策, last: the long part.")

    def measure(self, measure_id: str) -> Measure | None:
        return next((m for m in self.measures if m.id == measure_id), None)

    def goal(self, goal_id: str) -> Goal | None:
        return next((g for g in self.goals if g.id == goal_id), None)

    def as_of(self, revision: int) -> Vision:
        """This edition as it stood at ``revision`` (0: as adopted).

        What later revisions added is taken out again, and what they changed or removed is put
        back as it was. Raises :class:`~teijuu.model.paths.PathError` when a revision names a
        path the edition does not have (``teijuu validate`` reports that).
        """
        kept = [r for r in self.revisions if r.revision <= revision]
        later = sorted(
            (r for r in self.revisions if r.revision > revision and r.changes_content),
            key=lambda r: r.revision,
            reverse=True,
        )
        update = {"revision": min(revision, self.revision), "revisions": kept}
        if not later:
            return self.model_copy(update=update)
        data = self.model_dump(by_alias=True, exclude={"revisions", "revision"})
        for step in later:
            data = undo(
                data,
                step.added,
                [(c.path, c.was) for c in step.changed],
                [(c.path, c.was) for c in step.removed],
                revision=step.revision,
            )
        return Vision.model_validate({**data, **update})

    @property
    def current_period(self) -> Period:
        """The period after the last revision that changed it."""
        period = self.period
        for revision in self.revisions:
            if revision.revision <= self.revision and revision.period is not None:
                period = revision.period
        return period
