"""What a yearly KPI report shows, gathered from the plans (no layout here)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from teijuu.errors import PlanError
from teijuu.exact import DOWN, HALF_UP, decimal_of
from teijuu.grading import Counts, KpiGrade, VisionGrades
from teijuu.model import PolicyFramework, PublishedReport, Vision
from teijuu.plan import Plan

ReportError = PlanError
"""The plans cannot give the report asked for (kept under its old name)."""


@dataclass(frozen=True, slots=True)
class ReportData:
    graded: VisionGrades
    """The fiscal year reported."""
    years: dict[int, VisionGrades]
    """Every fiscal year of the vision's (current) period, graded where results exist."""
    columns: list[int]
    published: PublishedReport | None = None
    """The published report of the year, whose assessments and plans (評価, 今後の取組) the
    report shows as printed."""

    @property
    def vision(self) -> Vision:
        return self.graded.vision

    @property
    def framework(self) -> PolicyFramework | None:
        return self.graded.framework

    @property
    def fiscal_year(self) -> int:
        return self.graded.fiscal_year

    def grade_in(self, fiscal_year: int, kpi: KpiGrade) -> str | None:
        graded = self.years.get(fiscal_year)
        if graded is None:
            return None
        found = graded.grade_of(kpi.measure_id, kpi.kpi_id)
        return found.grade if found else None


def report_data(plan: Plan, vision: Vision, fiscal_year: int | None) -> ReportData:
    """What the report of ``vision`` for ``fiscal_year`` (default: the latest with results)
    shows; each year graded once (:meth:`Plan.grade_years`)."""
    reported = plan.results_for(vision, fiscal_year).fiscal_year
    every = plan.grade_years(vision)
    period = vision.current_period
    years = {year: graded for year, graded in every.items() if year in period}
    graded = every[reported]
    published = next(
        (
            r
            for r in plan.of_kind(PublishedReport)
            if r.vision == vision.id and r.fiscal_year == graded.fiscal_year
        ),
        None,
    )
    return ReportData(graded, years, list(period.years), published)


def target_year(vision: Vision) -> int | None:
    """The fiscal year of the vision's targets: that most of its KPIs' targets belong to."""
    from collections import Counter

    years = Counter(
        k.target.year
        for m in vision.measures
        for k in m.kpis
        if k.target is not None and k.target.year is not None
    )
    return years.most_common(1)[0][0] if years else None


def percent(value: Fraction | None, places: int = 1) -> str:
    """An achievement rate as a percentage, truncated: 0.99999 → '99.9%', never '100.0%', so
    that a rate shown never crosses the boundary its grade did not."""
    if value is None:
        return "—"
    return f"{decimal_of(value * 100, places, DOWN)}%"


def share(value: Fraction | None, places: int = 1) -> str:
    """A share of counts as a percentage, rounded half-up: 24/34 → '70.6%'."""
    if value is None:
        return "—"
    return f"{decimal_of(value * 100, places, HALF_UP)}%"


def number(value: Decimal | None, unit: str | None = None) -> str:
    """48221 → '48,221'; with a unit as printed."""
    if value is None:
        return "—"
    text = f"{value:,}" if value == value.to_integral_value() else f"{value:,f}"
    return f"{text}{unit or ''}"


def counts_row(counts: Counts) -> list[int]:
    return [*counts.by_grade.values(), counts.ungraded, counts.total]
