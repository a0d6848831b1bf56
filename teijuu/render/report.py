"""What a yearly KPI report shows, gathered from the plans (no layout here)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from fractions import Fraction

from teijuu.grading import Counts, KpiGrade, VisionGrades, grade_vision
from teijuu.model import PolicyFramework, PublishedReport, Vision
from teijuu.plan import Plan


class ReportError(ValueError):
    """The plans cannot give the report asked for; the message says what would."""


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


def choose_vision(plan: Plan, vision_id: str | None, fiscal_year: int | None) -> Vision:
    """The vision named, or the only one with results (for ``fiscal_year`` if given)."""
    if vision_id is not None:
        vision = plan.get(Vision, vision_id)
        if vision is None:
            known = ", ".join(v.id for v in plan.visions) or "none"
            raise ReportError(f"no vision has the id {vision_id!r}; visions: {known}")
        return vision
    candidates = [
        v
        for v in plan.visions
        if any(fiscal_year in (None, r.fiscal_year) for r in plan.results_of(v.id))
    ]
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        have = [f"{r.vision} FY{r.fiscal_year}" for r in plan.results]
        year = f" for FY{fiscal_year}" if fiscal_year else ""
        known = f"; results there are: {', '.join(have)}" if have else ""
        raise ReportError(f"no vision has results{year} in these plans{known}")
    raise ReportError(
        "several visions have results; choose one with --vision: "
        + ", ".join(v.id for v in candidates)
    )


def grade_year(plan: Plan, vision: Vision, fiscal_year: int | None) -> VisionGrades:
    """Grade ``vision`` for ``fiscal_year`` (default: the latest year with results)."""
    results = plan.results_of(vision.id)
    if fiscal_year is None:
        if not results:
            raise ReportError(f"{vision.id} has no results to grade")
        chosen = results[-1]
    else:
        found = [r for r in results if r.fiscal_year == fiscal_year]
        if not found:
            have = ", ".join(f"FY{r.fiscal_year}" for r in results) or "none"
            raise ReportError(f"{vision.id} has no results for FY{fiscal_year}; it has: {have}")
        chosen = found[0]
    return grade_vision(vision, chosen, plan.framework_of(vision))


def report_data(plan: Plan, vision: Vision, fiscal_year: int | None) -> ReportData:
    graded = grade_year(plan, vision, fiscal_year)
    period = vision.current_period
    years = {
        r.fiscal_year: graded
        if r.fiscal_year == graded.fiscal_year
        else grade_vision(vision, r, plan.framework_of(vision))
        for r in plan.results_of(vision.id)
        if r.fiscal_year in period
    }
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
    exact = Decimal(value.numerator) * 100 / Decimal(value.denominator)
    return f"{exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_DOWN)}%"


def share(value: Fraction | None, places: int = 1) -> str:
    """A share of counts as a percentage, rounded half-up: 24/34 → '70.6%'."""
    if value is None:
        return "—"
    exact = Decimal(value.numerator) * 100 / Decimal(value.denominator)
    return f"{exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)}%"


def number(value: Decimal | None, unit: str | None = None) -> str:
    """48221 → '48,221'; with a unit as printed."""
    if value is None:
        return "—"
    text = f"{value:,}" if value == value.to_integral_value() else f"{value:,f}"
    return f"{text}{unit or ''}"


def counts_row(counts: Counts) -> list[int]:
    return [*counts.by_grade.values(), counts.ungraded, counts.total]
