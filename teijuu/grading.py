"""Grading KPIs: exact achievement rates, grades under a vision's rule, and summaries.

This is the API other tools import::

    from teijuu.grading import grade_kpi, grade_vision

    grade = grade_kpi(kpi, Decimal("14"), rule)      # Grade(rate=Fraction(14, 15), grade="B")
    graded = grade_vision(vision, results, framework)  # every KPI, with counts per field

Rates are :class:`fractions.Fraction`: a grade boundary never depends on float error (a rate of
exactly 100% is A, 79.999…% is C). A KPI that cannot be graded — no actual, an open target, a
zero denominator, a qualitative KPI — gets ``grade=None`` and a ``reason``, never an exception.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from teijuu.exact import DOWN, HALF_UP, decimal_of
from teijuu.model import (
    Direction,
    GradeBand,
    GradingRule,
    Kpi,
    KpiResult,
    PolicyFramework,
    RateMethod,
    Results,
    RoundingMode,
    ValueKind,
    Vision,
    ZeroTarget,
)

__all__ = [
    "DEFAULT_RULE",
    "ComponentCheck",
    "Counts",
    "Grade",
    "GradeChange",
    "KpiGrade",
    "Summary",
    "UngradedReason",
    "VisionGrades",
    "WatchedMeasure",
    "Why",
    "YearComparison",
    "achievement_rate",
    "band_for_rate",
    "compare_years",
    "grade_kpi",
    "grade_vision",
    "rate_text",
    "reconcile_components",
    "summarize",
]

DEFAULT_RULE = GradingRule(
    method=RateMethod.ACTUAL_OVER_TARGET,
    bands=[
        GradeBand(label="A", min_percent=Decimal(100), name="達成"),
        GradeBand(label="B", min_percent=Decimal(80), name="概ね達成"),
        GradeBand(label="C", min_percent=Decimal(50), name="ある程度達成"),
        GradeBand(label="D", name="未達成"),
    ],
)
"""The rule of the 一関・平泉 papers: rate = actual ÷ target of the final year; A ≥ 100%,
B 80% to under 100%, C 50% to under 80%, D under 50%. Used for a vision that states none."""


class UngradedReason(StrEnum):
    """Why a KPI has no grade (or no rate), with its English and Japanese wording; the one
    place these are worded. ``{name}`` fields are filled from :attr:`Why.values`."""

    en: str
    ja: str

    def __new__(cls, value: str, en: str, ja: str) -> UngradedReason:
        member = str.__new__(cls, value)
        member._value_ = value
        member.en = en
        member.ja = ja
        return member

    NO_ACTUAL = ("no-actual", "no actual for this fiscal year", "実績値なし")
    QUALITATIVE = (
        "qualitative",
        "a qualitative KPI is not graded by a rate",
        "定性的な指標（達成率で評価しない）",
    )
    OPEN_TARGET = ("open-target", "the target is open", "目標値が未定")
    TARGET_PRINTED = (
        "target-printed",
        "the target is printed as {printed!r}, with no value",
        "目標値は「{printed}」と記載され、数値がない",
    )
    TARGET_SPLIT = (
        "target-split",
        "targets are given per municipality or category only",
        "目標値は市町別・区分別のみ",
    )
    NO_BASELINE = (
        "no-baseline",
        "progress from baseline needs a baseline, and it is open",
        "現状値が未定で進捗を算定できない",
    )
    TARGET_IS_BASELINE = (
        "target-is-baseline",
        "the target equals the baseline",
        "目標値が現状値と同じ",
    )
    TARGET_BEYOND_BASELINE = (
        "target-beyond-baseline",
        "the target lies on the {side} side of the baseline, but {better} is better",
        "目標値が現状値より{side_ja}が、{better_ja}ほど良い指標",
    )
    TARGET_NOT_POSITIVE = ("target-not-positive", "the target is {target}", "目標値が{target}")
    TARGET_NOT_POSITIVE_LOWER = (
        "target-not-positive-lower",
        "the target is {target} (lower is better)",
        "目標値が{target}（小さいほど良い指標）",
    )


_JA_WORDS = {"higher": "高い", "lower": "低い"}


@dataclass(frozen=True, slots=True)
class Why:
    """Why a KPI is ungraded (or graded without a rate): the reason, the values its wording
    names, and whether the KPI got the lowest band anyway (``zero_target: met-if-reached``)."""

    reason: UngradedReason
    values: tuple[tuple[str, str], ...] = ()
    not_reached: bool = False
    """Graded the lowest band, the target not being reached, where no rate can be formed."""
    no_rate: bool = False
    """No rate can be formed, so no grade."""

    def text(self, lang: str = "en") -> str:
        """The reason in ``lang`` (``en`` or ``ja``)."""
        values = dict(self.values)
        if lang == "ja":
            values |= {f"{k}_ja": _JA_WORDS.get(v, v) for k, v in self.values}
            values["side_ja"] = "高い側にある" if values.get("side") == "higher" else "低い側にある"
            base = self.reason.ja.format(**values)
            if self.not_reached:
                return f"{base}。目標に未到達"
            return f"{base}、達成率を算定できない" if self.no_rate else base
        base = self.reason.en.format(**values)
        if self.not_reached:
            return f"{base}; the target is not reached"
        return f"{base}, so no rate can be computed" if self.no_rate else base


@dataclass(frozen=True, slots=True)
class Grade:
    """The grade of one KPI value: the exact rate, the band label, or why there is none."""

    rate: Fraction | None
    grade: str | None
    why: Why | None = None

    @property
    def graded(self) -> bool:
        return self.grade is not None

    @property
    def reason(self) -> str | None:
        """:attr:`why` in English (the JSON contract's ``reason``)."""
        return self.why.text() if self.why else None


def band_for_rate(rate: Fraction, rule: GradingRule) -> str:
    """The label of the first band whose ``min_percent`` the rate reaches."""
    percent = rate * 100
    for band in rule.bands:
        if band.min_percent is None or percent >= Fraction(band.min_percent):
            return band.label
    return rule.bands[-1].label  # pragma: no cover - the last band has no minimum


def _not_reached_without_rate(why: Why, rule: GradingRule) -> Grade:
    """Not reached, and no rate can be formed (a target of 0 or below, for instance)."""
    if rule.zero_target is ZeroTarget.MET_IF_REACHED:
        return Grade(None, rule.bands[-1].label, replace(why, not_reached=True))
    return Grade(None, None, replace(why, no_rate=True))


def achievement_rate(kpi: Kpi, actual: Decimal, rule: GradingRule = DEFAULT_RULE) -> Grade:
    """The rate of ``actual`` against the KPI's target under ``rule``, with its grade.

    Whatever the direction, an actual that reaches the target gets the top band: 1% against a
    target of 2%以内 (lower is better), and −1% too. Below the target, the rate is
    actual ÷ target (target ÷ actual where lower is better), or the progress from the baseline
    towards the target, so that a better actual never gets a worse grade. Where no such rate
    exists (a target of 0 or below that is not reached), the KPI is ungraded with the reason, or
    gets the lowest band under ``zero_target: met-if-reached``.
    """
    target = kpi.target.value if kpi.target is not None else None
    if target is None:
        return Grade(None, None, _open_target_reason(kpi))
    lower = kpi.direction is Direction.LOWER_IS_BETTER
    reached = actual <= target if lower else actual >= target
    method = kpi.method or rule.method
    if method is RateMethod.PROGRESS_FROM_BASELINE:
        baseline = kpi.baseline.value if kpi.baseline is not None else None
        if baseline is None:
            return Grade(None, None, Why(UngradedReason.NO_BASELINE))
        span = Fraction(target) - Fraction(baseline)
        rate = (Fraction(actual) - Fraction(baseline)) / span if span else None
        if reached:
            return Grade(rate, rule.bands[0].label)
        if span == 0 or (span < 0) != lower:
            why = (
                Why(UngradedReason.TARGET_IS_BASELINE)
                if span == 0
                else Why(
                    UngradedReason.TARGET_BEYOND_BASELINE,
                    (
                        ("side", "higher" if span > 0 else "lower"),
                        ("better", "lower" if lower else "higher"),
                    ),
                )
            )
            return _not_reached_without_rate(why, rule)
        assert rate is not None
        return Grade(rate, band_for_rate(rate, rule))
    if lower:
        if reached:
            rate = Fraction(target) / Fraction(actual) if target > 0 and actual > 0 else None
            return Grade(rate, rule.bands[0].label)
        if target <= 0:
            return _not_reached_without_rate(
                Why(UngradedReason.TARGET_NOT_POSITIVE_LOWER, (("target", str(target)),)), rule
            )
        rate = Fraction(target) / Fraction(actual)  # actual > target > 0
        return Grade(rate, band_for_rate(rate, rule))
    if reached:
        rate = Fraction(actual) / Fraction(target) if target > 0 else None
        return Grade(rate, rule.bands[0].label)
    if target <= 0:
        return _not_reached_without_rate(
            Why(UngradedReason.TARGET_NOT_POSITIVE, (("target", str(target)),)), rule
        )
    rate = Fraction(actual) / Fraction(target)
    return Grade(rate, band_for_rate(rate, rule))


def _open_target_reason(kpi: Kpi) -> Why:
    if kpi.target is not None and kpi.target.printed:
        return Why(UngradedReason.TARGET_PRINTED, (("printed", kpi.target.printed),))
    if any(v.kind is ValueKind.TARGET for v in kpi.values):
        return Why(UngradedReason.TARGET_SPLIT)
    return Why(UngradedReason.OPEN_TARGET)


def grade_kpi(kpi: Kpi, actual: Decimal | None, rule: GradingRule = DEFAULT_RULE) -> Grade:
    """Grade one KPI's actual; ungraded with a reason where that is not possible."""
    if kpi.qualitative:
        return Grade(None, None, Why(UngradedReason.QUALITATIVE))
    if actual is None:
        return Grade(None, None, Why(UngradedReason.NO_ACTUAL))
    return achievement_rate(kpi, actual, rule)


def rate_text(rate: Fraction | None, places: int = 6) -> str | None:
    """A rate as a decimal string, truncated (never rounded up past a boundary)."""
    if rate is None:
        return None
    return str(decimal_of(rate, places, DOWN))


@dataclass(frozen=True, slots=True)
class KpiGrade:
    """One KPI of a vision graded for one fiscal year, with what a report needs beside it."""

    measure_id: str
    measure_no: int | str | None
    measure_name: str
    kpi_id: str
    kpi_name: str
    viewpoint: str | None
    field: str | None
    fiscal_year: int
    actual: Decimal | None
    target: Decimal | None
    baseline: Decimal | None
    unit: str | None
    rate: Fraction | None
    grade: str | None
    why: Why | None
    number: str = ""
    """The KPI's number in a published KPI table (23-2): :meth:`Measure.kpi_number`."""

    @property
    def reason(self) -> str | None:
        """:attr:`why` in English (the JSON contract's ``reason``)."""
        return self.why.text() if self.why else None


@dataclass(frozen=True, slots=True)
class Counts:
    """How many KPIs got each grade."""

    labels: tuple[str, ...]
    by_grade: dict[str, int]
    ungraded: int

    @classmethod
    def of(cls, grades: Iterable[KpiGrade], labels: Sequence[str]) -> Counts:
        by_grade = dict.fromkeys(labels, 0)
        ungraded = 0
        for grade in grades:
            if grade.grade is None:
                ungraded += 1
            else:
                by_grade[grade.grade] += 1
        return cls(tuple(labels), by_grade, ungraded)

    @property
    def graded(self) -> int:
        return sum(self.by_grade.values())

    @property
    def total(self) -> int:
        return self.graded + self.ungraded

    def share(self, labels: Iterable[str]) -> Fraction | None:
        """The share of graded KPIs with one of ``labels``; None when nothing is graded."""
        if self.graded == 0:
            return None
        return Fraction(sum(self.by_grade[label] for label in labels), self.graded)

    @property
    def top_share(self) -> Fraction | None:
        """The share of the two highest grades (A and B) among the graded KPIs."""
        return self.share(self.labels[:2])


@dataclass(frozen=True, slots=True)
class WatchedMeasure:
    """A measure with at least one KPI at a watched grade (C or D)."""

    measure_id: str
    measure_no: int | str | None
    measure_name: str
    viewpoint: str | None
    grades: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Summary:
    overall: Counts
    by_viewpoint: dict[str, Counts]
    by_field: dict[str, Counts]
    watched: list[WatchedMeasure]


@dataclass(frozen=True, slots=True)
class VisionGrades:
    """Every KPI of a vision graded for one fiscal year, and the summary."""

    vision: Vision
    framework: PolicyFramework | None
    fiscal_year: int
    rule: GradingRule
    kpis: list[KpiGrade]
    summary: Summary

    def viewpoint_name(self, viewpoint_id: str | None) -> str:
        """The viewpoint's name ("—" for a measure the plan prints without one)."""
        if viewpoint_id is None:
            return "—"
        found = self.framework.viewpoint(viewpoint_id) if self.framework else None
        return found.name if found else viewpoint_id

    def field_name(self, field_id: str | None) -> str:
        """The policy field's name ("—" for a measure the plan prints without one)."""
        if field_id is None:
            return "—"
        found = self.framework.field(field_id) if self.framework else None
        return found[1].name if found else field_id

    def grade_of(self, measure_id: str, kpi_id: str) -> KpiGrade | None:
        return next(
            (g for g in self.kpis if g.measure_id == measure_id and g.kpi_id == kpi_id), None
        )


def summarize(
    grades: Sequence[KpiGrade], rule: GradingRule, framework: PolicyFramework | None = None
) -> Summary:
    """Counts overall, per viewpoint and per field (in the framework's order), and the measures
    with a watched grade."""
    labels = rule.labels
    viewpoint_ids = [v.id for v in framework.viewpoints] if framework else []
    field_ids = [f.id for f in framework.all_fields] if framework else []
    for grade in grades:  # a measure printed with no viewpoint or field counts only overall
        if grade.viewpoint is not None and grade.viewpoint not in viewpoint_ids:
            viewpoint_ids.append(grade.viewpoint)
        if grade.field is not None and grade.field not in field_ids:
            field_ids.append(grade.field)
    by_viewpoint = {
        v: Counts.of((g for g in grades if g.viewpoint == v), labels) for v in viewpoint_ids
    }
    by_field = {f: Counts.of((g for g in grades if g.field == f), labels) for f in field_ids}
    watched: list[WatchedMeasure] = []
    seen: dict[str, int] = {}
    for grade in grades:
        if grade.grade is None or grade.grade not in rule.watched:
            continue
        if grade.measure_id in seen:
            old = watched[seen[grade.measure_id]]
            watched[seen[grade.measure_id]] = WatchedMeasure(
                old.measure_id,
                old.measure_no,
                old.measure_name,
                old.viewpoint,
                (*old.grades, grade.grade),
            )
        else:
            seen[grade.measure_id] = len(watched)
            watched.append(
                WatchedMeasure(
                    grade.measure_id,
                    grade.measure_no,
                    grade.measure_name,
                    grade.viewpoint,
                    (grade.grade,),
                )
            )
    return Summary(Counts.of(grades, labels), by_viewpoint, by_field, watched)


def grade_vision(
    vision: Vision,
    results: Results | None,
    framework: PolicyFramework | None = None,
    *,
    fiscal_year: int | None = None,
) -> VisionGrades:
    """Grade every KPI of ``vision`` with the actuals of ``results``.

    Without results (or for a KPI the results do not mention) the KPI is ungraded, "no actual".
    The rule is the vision's, or :data:`DEFAULT_RULE` when the vision states none.
    """
    rule = vision.grading or DEFAULT_RULE
    year = results.fiscal_year if results is not None else fiscal_year
    if year is None:
        raise ValueError("grade_vision needs results or a fiscal_year")
    grades = []
    recorded = results.results_by_kpi() if results is not None else {}
    for measure in vision.measures:
        viewpoint = measure.viewpoint
        if viewpoint is None and measure.field is not None and framework is not None:
            found = framework.field(measure.field)
            viewpoint = found[0].id if found and found[0] else None
        for kpi in measure.kpis:
            result = recorded.get((measure.id, kpi.id))
            actual = result.actual if result is not None else None
            graded = grade_kpi(kpi, actual, rule)
            grades.append(
                KpiGrade(
                    measure_id=measure.id,
                    measure_no=measure.no,
                    measure_name=measure.name,
                    kpi_id=kpi.id,
                    kpi_name=kpi.name,
                    viewpoint=viewpoint,
                    field=measure.field,
                    fiscal_year=year,
                    actual=actual,
                    target=kpi.target.value if kpi.target else None,
                    baseline=kpi.baseline.value if kpi.baseline else None,
                    unit=kpi.unit,
                    rate=graded.rate,
                    grade=graded.grade,
                    why=graded.why,
                    number=measure.kpi_number(kpi),
                )
            )
    return VisionGrades(vision, framework, year, rule, grades, summarize(grades, rule, framework))


# ---------------------------------------------------------------------------------------------
# Two fiscal years


@dataclass(frozen=True, slots=True)
class GradeChange:
    measure_id: str
    kpi_id: str
    before: str | None
    after: str | None
    direction: str  # "up", "down" or "graded"/"ungraded" when one side has no grade


@dataclass(frozen=True, slots=True)
class YearComparison:
    earlier: int
    later: int
    changes: list[GradeChange]
    persistent: list[str] = field(default_factory=list)
    """Measures with a watched grade in both years (e.g. C or D since FY2023)."""


def compare_years(earlier: VisionGrades, later: VisionGrades) -> YearComparison:
    """What changed between two fiscal years: grades up or down, measures watched in both."""
    order = {label: i for i, label in enumerate(later.rule.labels)}
    changes = []
    for after in later.kpis:
        before = earlier.grade_of(after.measure_id, after.kpi_id)
        old = before.grade if before else None
        if old == after.grade:
            continue
        if old is None:
            direction = "graded"
        elif after.grade is None:
            direction = "ungraded"
        else:
            direction = "up" if order[after.grade] < order[old] else "down"
        changes.append(GradeChange(after.measure_id, after.kpi_id, old, after.grade, direction))
    watched_before = {m.measure_id for m in earlier.summary.watched}
    persistent = [m.measure_id for m in later.summary.watched if m.measure_id in watched_before]
    return YearComparison(earlier.fiscal_year, later.fiscal_year, changes, persistent)


# ---------------------------------------------------------------------------------------------
# Actuals computed from components


@dataclass(frozen=True, slots=True)
class ComponentCheck:
    """An actual recomputed from its components and compared with the printed one."""

    computed: Fraction
    printed: Decimal | None
    rounded: Decimal
    """The computed value rounded to the printed precision under the plan's rounding rule."""
    matches: bool
    other_mode_matches: bool
    """Whether the other rounding rule (half-up ↔ down) would have matched."""
    component_mismatches: list[tuple[int, Decimal, Decimal]]
    """(index, printed, recomputed-and-rounded) of components whose own printed value differs."""


def _round(value: Fraction, places: int, mode: RoundingMode) -> Decimal:
    return decimal_of(value, places, HALF_UP if mode is RoundingMode.HALF_UP else DOWN)


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def reconcile_components(
    result: KpiResult, rounding: RoundingMode = RoundingMode.HALF_UP
) -> ComponentCheck | None:
    """Recompute an actual from its components; None when it has none.

    Without denominators the actual is the sum of the numerators. With them it is
    ``sum(numerators) / sum(denominators) * scale``, and each component's own printed value is
    checked the same way.
    """
    parts = result.components
    if not parts:
        return None
    numerators = sum((Fraction(c.numerator) for c in parts), Fraction(0))
    ratio = all(c.denominator is not None for c in parts)
    if ratio:
        denominators = sum((Fraction(c.denominator or 0) for c in parts), Fraction(0))
        computed = (
            numerators / denominators * Fraction(result.scale) if denominators else Fraction(0)
        )
    else:
        computed = numerators
    printed = result.actual
    places = _places(printed) if printed is not None else 0
    rounded = _round(computed, places, rounding)
    other = RoundingMode.DOWN if rounding is RoundingMode.HALF_UP else RoundingMode.HALF_UP
    mismatches = []
    for i, part in enumerate(parts):
        if part.printed is not None and part.denominator:
            own = Fraction(part.numerator) / Fraction(part.denominator) * Fraction(result.scale)
            own_rounded = _round(own, _places(part.printed), rounding)
            if own_rounded != part.printed:
                mismatches.append((i, part.printed, own_rounded))
    return ComponentCheck(
        computed=computed,
        printed=printed,
        rounded=rounded,
        matches=printed is not None and rounded == printed,
        other_mode_matches=printed is not None and _round(computed, places, other) == printed,
        component_mismatches=mismatches,
    )
