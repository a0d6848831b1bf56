"""The JSON outputs other tools read: their shapes (versioned) and how they are built.

``teijuu grade --format json`` prints a :class:`GradeOutput` (``teijuu/grade/v1``), ``teijuu
diff --format json`` a :class:`DiffOutput` (``teijuu/diff/v1``). Their JSON Schemas are
``schemas/grade.schema.json`` and ``schemas/diff.schema.json``, generated from these models.
Fields may be added in a version; removing or renaming one makes a new version.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field

from teijuu.diffing import BudgetTotals, PlanDiff, Site
from teijuu.grading import Counts, VisionGrades, rate_text

GRADE_SCHEMA_ID: Final = "teijuu/grade/v1"


class _Output(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class GradedKpi(_Output):
    measure_id: str
    measure_no: int | None = Field(
        description="The measure's number where the plan prints an integer; see "
        "measure_no_printed for a label such as 'Ⅱ-1-(1) ア'."
    )
    measure_no_printed: str | None = Field(
        default=None,
        description="The measure's number as printed, where it is a label, not an integer "
        "(added in teijuu 0.2; absent or null otherwise).",
    )
    measure_name: str
    kpi_id: str
    kpi_name: str
    viewpoint: str | None = Field(
        description="The viewpoint's Japanese name; null where the plan prints none (v2 plans)."
    )
    field: str | None = Field(
        description="The policy field's Japanese name; null where the plan prints none."
    )
    viewpoint_id: str | None
    field_id: str | None
    unit: str | None
    actual: str | None = Field(description="The actual as an exact decimal string.")
    target: str | None = Field(description="The target as an exact decimal string.")
    rate: str | None = Field(
        description="Achievement rate (1 = 100%) as a decimal string truncated to 6 places; "
        "the grade is computed from the exact rate."
    )
    grade: str | None = Field(description="The band label, or null when ungraded.")
    reason: str | None = Field(description="Why the KPI is ungraded (or how it was graded).")


class GradeCounts(_Output):
    model_config = ConfigDict(extra="allow", frozen=True)

    ungraded: int = Field(ge=0)
    total: int = Field(ge=0)
    ab_share: str | None = Field(
        description="Share of the two highest grades among graded KPIs (decimal string, 1 = "
        "100%, truncated to 6 places); null when nothing is graded."
    )


class GradeSummary(_Output):
    overall: GradeCounts
    by_viewpoint: dict[str, GradeCounts] = Field(description="Keyed by the viewpoint's name.")
    by_field: dict[str, GradeCounts] = Field(description="Keyed by the field's name.")


class Band(_Output):
    label: str
    min_percent: str | None
    name: str | None


class GradeOutput(_Output):
    """``teijuu grade --format json``."""

    schema_: Literal["teijuu/grade/v1"] = Field(default=GRADE_SCHEMA_ID, alias="schema")
    vision: str = Field(description="The vision's id.")
    vision_title: str
    fiscal_year: int
    method: str = Field(description="How rates are computed, e.g. actual-over-target.")
    bands: list[Band] = Field(description="The grades, from the highest to the lowest.")
    kpis: list[GradedKpi]
    summary: GradeSummary


def _counts(counts: Counts) -> GradeCounts:
    return GradeCounts(
        ungraded=counts.ungraded,
        total=counts.total,
        ab_share=rate_text(counts.top_share),
        **counts.by_grade,
    )


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def grade_output(graded: VisionGrades) -> GradeOutput:
    summary = graded.summary
    return GradeOutput(
        vision=graded.vision.id,
        vision_title=graded.vision.title,
        fiscal_year=graded.fiscal_year,
        method=str(graded.rule.method),
        bands=[
            Band(label=b.label, min_percent=_text(b.min_percent), name=b.name)
            for b in graded.rule.bands
        ],
        kpis=[
            GradedKpi(
                measure_id=k.measure_id,
                measure_no=k.measure_no if isinstance(k.measure_no, int) else None,
                measure_no_printed=k.measure_no if isinstance(k.measure_no, str) else None,
                measure_name=k.measure_name,
                kpi_id=k.kpi_id,
                kpi_name=k.kpi_name,
                viewpoint=graded.viewpoint_name(k.viewpoint) if k.viewpoint else None,
                field=graded.field_name(k.field) if k.field else None,
                viewpoint_id=k.viewpoint,
                field_id=k.field,
                unit=k.unit,
                actual=_text(k.actual),
                target=_text(k.target),
                rate=rate_text(k.rate),
                grade=k.grade,
                reason=k.reason,
            )
            for k in graded.kpis
        ],
        summary=GradeSummary(
            overall=_counts(summary.overall),
            by_viewpoint={
                graded.viewpoint_name(v): _counts(c) for v, c in summary.by_viewpoint.items()
            },
            by_field={graded.field_name(f): _counts(c) for f, c in summary.by_field.items()},
        ),
    )


def grade_json(graded: VisionGrades) -> dict[str, object]:
    return grade_output(graded).model_dump(mode="json", by_alias=True)


# ---------------------------------------------------------------------------------------------
# teijuu diff --format json

DIFF_SCHEMA_ID: Final = "teijuu/diff/v1"


class DiffSite(_Output):
    """Where a change stands in a plan file."""

    file: str = Field(
        description="The file, as a person would type it (relative to where "
        "teijuu ran; a git side is named as in the working tree)."
    )
    line: int = Field(ge=1)
    column: int = Field(ge=1)


class DiffChange(_Output):
    id: str = Field(
        description="Stable, built from ids (never wording); the same in both directions."
    )
    kind: str = Field(description="e.g. kpi-removed, budget-changed, text-changed.")
    path: str = Field(
        description="Where, by ids: measures[holiday-night-care].kpis[care-rate].target.value"
    )
    old: object = Field(description="The value before (numbers as decimal strings), or null.")
    new: object = Field(description="The value after, or null.")
    severity: Literal["high", "medium", "low"]
    subject: str = Field(
        description="The measure (id, or 'a~b' for a renamed one), 'vision', or Kind/id."
    )
    inline: list[tuple[Literal["=", "-", "+"], str]] | None = Field(
        description="For texts: a character diff as (op, text) pieces."
    )
    note: str | None = Field(
        description="The reason given in the change_notes of the new side's document."
    )
    old_at: DiffSite | None = Field(
        default=None,
        description="Where the change stands on the old side; null where that side has no "
        "such document (added in teijuu 0.2: absent in earlier outputs).",
    )
    new_at: DiffSite | None = Field(
        default=None,
        description="Where the change stands on the new side; for something removed, the "
        "nearest place that is still written (added in teijuu 0.2).",
    )


class DiffBudget(_Output):
    """Budget totals in 千円 as exact decimal strings; null where any part is unknown."""

    old: str | None
    new: str | None
    change: str | None


class DiffSummary(_Output):
    changes: int
    by_severity: dict[str, int]
    by_kind: dict[str, int]
    budget_by_vision: dict[str, DiffBudget]
    budget_by_field: dict[str, DiffBudget]


class DiffOutput(_Output):
    """``teijuu diff --format json``."""

    schema_: Literal["teijuu/diff/v1"] = Field(default=DIFF_SCHEMA_ID, alias="schema")
    old: str
    new: str
    summary: DiffSummary
    changes: list[DiffChange]


def _site(site: Site | None) -> DiffSite | None:
    return None if site is None else DiffSite(file=site.file, line=site.line, column=site.column)


def diff_json(diff: PlanDiff) -> dict[str, object]:
    from collections import Counter

    def budget(totals: BudgetTotals) -> DiffBudget:
        def text(value: Decimal | None) -> str | None:
            return None if value is None else str(value)

        return DiffBudget(old=text(totals.old), new=text(totals.new), change=text(totals.change))

    output = DiffOutput(
        old=diff.titles[0],
        new=diff.titles[1],
        summary=DiffSummary(
            changes=len(diff.changes),
            by_severity=dict(Counter(c.severity.value for c in diff.changes)),
            by_kind=dict(sorted(Counter(c.kind for c in diff.changes).items())),
            budget_by_vision={k: budget(v) for k, v in diff.budget_by_vision.items()},
            budget_by_field={k: budget(v) for k, v in diff.budget_by_field.items()},
        ),
        changes=[
            DiffChange(
                id=c.id,
                kind=c.kind,
                path=c.path,
                old=c.old,
                new=c.new,
                severity=c.severity.value,
                subject=c.subject,
                inline=list(c.inline) if c.inline is not None else None,
                note=c.note,
                old_at=_site(c.at[0]),
                new_at=_site(c.at[1]),
            )
            for c in diff.changes
        ],
    )
    return output.model_dump(mode="json", by_alias=True)
