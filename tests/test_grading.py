"""Grading: the FY2024 grades of the source, exact boundaries, and properties of the rules."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from functools import cache

import pytest
from hypothesis import given
from hypothesis import strategies as st

from teijuu.grading import (
    DEFAULT_RULE,
    VisionGrades,
    band_for_rate,
    compare_years,
    grade_kpi,
    grade_vision,
    rate_text,
    reconcile_components,
)
from teijuu.model import (
    Bound,
    Component,
    Direction,
    GradingRule,
    Kpi,
    KpiResult,
    KpiValue,
    PolicyFramework,
    RateMethod,
    Results,
    RoundingMode,
    Vision,
    ZeroTarget,
)
from teijuu.validate import validate_paths

from .conftest import SOURCE, SPHERE_DIR


@cache
def bundled() -> VisionGrades:
    result = validate_paths([SPHERE_DIR])
    vision = result.plan.get(Vision, "ichinoseki-hiraizumi-3")
    results = result.plan.get(Results, "ichinoseki-hiraizumi-3-fy2024")
    framework = result.plan.get(PolicyFramework, "ichinoseki-hiraizumi")
    assert vision is not None
    assert results is not None
    return grade_vision(vision, results, framework)


def _published_rows() -> list[tuple[int | None, str, str]]:
    """(No., KPI as printed, R6 grade) of every row of the source's KPI table."""
    lines = SOURCE.read_text("utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("Nº\t政策分野"))
    rows = []
    for line in lines[start + 1 :]:
        if not line.strip():
            break
        no, _, _, kpi, r6, *_ = line.split("\t")
        rows.append((int(no) if no else None, kpi, r6))
    return rows


@pytest.mark.parametrize(("index", "row"), list(enumerate(_published_rows())))
def test_fy2024_grade_matches_the_published_table(index: int, row: tuple) -> None:  # type: ignore[type-arg]
    no, _kpi, printed = row
    graded = bundled()
    measures = [k for k in graded.kpis if k.measure_no is not None]
    if no is None:  # the second KPI of the measure above (No.33)
        previous = _published_rows()[index - 1][0]
        own = [k for k in measures if k.measure_no == previous]
        kpi = own[1]
    else:
        kpi = next(k for k in measures if k.measure_no == no)
    assert kpi.grade == printed, (kpi.measure_name, kpi.kpi_name, rate_text(kpi.rate))


def test_every_kpi_is_graded_and_the_counts_are_the_papers() -> None:
    summary = bundled().summary
    assert summary.overall.by_grade == {"A": 13, "B": 11, "C": 9, "D": 1}
    assert summary.overall.ungraded == 0
    assert summary.overall.top_share == Fraction(24, 34)
    assert summary.by_viewpoint["living"].top_share == Fraction(16, 25)
    assert summary.by_viewpoint["network"].top_share == Fraction(6, 7)
    assert summary.by_viewpoint["management"].top_share == 1
    # 資料No.1-1 prints 交通インフラ整備 B 1, C 1; the data (and the table) give A 1, C 1.
    assert summary.by_field["transport-infrastructure"].by_grade == {"A": 1, "B": 0, "C": 1, "D": 0}
    watched = [w.measure_no for w in summary.watched]
    assert watched == [6, 7, 9, 10, 14, 15, 19, 21, 23, 26]


def _kpi(target: str | None, baseline: str | None = "0", direction: str = "higher") -> Kpi:
    return Kpi(
        id="k",
        name="指標",
        baseline=KpiValue(fiscal_year=2022, value=Decimal(baseline)) if baseline else None,
        target=KpiValue(fiscal_year=2028, value=Decimal(target) if target else None),
        direction=Direction(direction),
    )


@pytest.mark.parametrize(
    ("actual", "target", "grade"),
    [
        ("100", "100", "A"),
        ("99.99999999", "100", "B"),
        ("80", "100", "B"),
        ("79.99999999", "100", "C"),
        ("50", "100", "C"),
        ("49.99999999", "100", "D"),
        ("0", "100", "D"),
        ("58.4", "58.1", "A"),  # 幹線道路等整備事業: 100.5%
        ("0.3", "0.3", "A"),  # 0.1 + 0.2 is not 0.3 in floats; here it is exact
        ("1", "3", "D"),
        ("2.4", "3", "B"),  # exactly 80%
    ],
)
def test_boundaries_are_exact(actual: str, target: str, grade: str) -> None:
    assert grade_kpi(_kpi(target), Decimal(actual)).grade == grade


def test_ungraded_has_a_reason_never_an_exception() -> None:
    assert grade_kpi(_kpi("10"), None).reason == "no actual for this fiscal year"
    assert grade_kpi(_kpi(None), Decimal(5)).reason == "the target is open"
    # 5 reaches a target of 0 (higher is better); -5 does not, and no rate can say how far.
    assert grade_kpi(_kpi("0"), Decimal(5)).grade == "A"
    assert "target is 0" in (grade_kpi(_kpi("0"), Decimal(-5)).reason or "")
    qualitative = _kpi("10").model_copy(update={"qualitative": True})
    assert grade_kpi(qualitative, Decimal(5)).grade is None


def test_lower_is_better_and_zero_targets() -> None:
    lower = _kpi("10", "20", "lower")
    assert grade_kpi(lower, Decimal(10)).grade == "A"
    assert grade_kpi(lower, Decimal("12.5")).rate == Fraction(4, 5)
    assert grade_kpi(lower, Decimal("12.5")).grade == "B"
    assert grade_kpi(lower, Decimal(40)).grade == "D"
    met = DEFAULT_RULE.model_copy(update={"zero_target": ZeroTarget.MET_IF_REACHED})
    zero_accidents = _kpi("0", "3", "lower")
    assert grade_kpi(zero_accidents, Decimal(0), met).grade == "A"
    assert grade_kpi(zero_accidents, Decimal(2), met).grade == "D"
    # Reaching a target is the top grade under any rule; missing a target of 0 has no rate.
    assert grade_kpi(zero_accidents, Decimal(0)).grade == "A"
    assert grade_kpi(zero_accidents, Decimal(2)).grade is None


@pytest.mark.parametrize(
    ("actual", "grade"), [("-1", "A"), ("0", "A"), ("1", "A"), ("2", "A"), ("3", "C"), ("5", "D")]
)
def test_a_target_within_a_limit(actual: str, grade: str) -> None:
    # 中空知: 路線バス利用者数の減少率, target 2%以内 (lower is better). A fall of 1% or a rise
    # (−1%) meets it; 3% gets 2/3 = 66.7% (C).
    within = _kpi("2", "2", "lower").model_copy(
        update={
            "target": KpiValue(
                fiscal_year=2022, value=Decimal(2), printed="2%以内", bound=Bound.AT_MOST
            )
        }
    )
    assert grade_kpi(within, Decimal(actual)).grade == grade


def test_progress_from_baseline() -> None:
    rule = DEFAULT_RULE.model_copy(update={"method": RateMethod.PROGRESS_FROM_BASELINE})
    kpi = _kpi("60", "40")
    assert grade_kpi(kpi, Decimal(50), rule).rate == Fraction(1, 2)
    assert grade_kpi(kpi, Decimal(50), rule).grade == "C"
    assert grade_kpi(kpi, Decimal(30), rule).grade == "D"
    assert grade_kpi(kpi, Decimal(60), rule).grade == "A"
    assert grade_kpi(_kpi("60", None), Decimal(50), rule).grade is None
    assert grade_kpi(_kpi("40", "40"), Decimal(50), rule).grade == "A"  # reached
    assert grade_kpi(_kpi("40", "40"), Decimal(30), rule).grade is None  # no span to measure
    # A target below the baseline for a higher-is-better KPI: no rate, but reaching it is A.
    assert grade_kpi(_kpi("40", "60"), Decimal(50), rule).grade == "A"
    assert "lower side of the baseline" in (
        grade_kpi(_kpi("40", "60"), Decimal(30), rule).reason or ""
    )
    lower = _kpi("40", "60", "lower")
    assert grade_kpi(lower, Decimal(50), rule).rate == Fraction(1, 2)
    assert grade_kpi(lower, Decimal(50), rule).grade == "C"


def test_bands_are_data() -> None:
    rule = GradingRule.model_validate(
        {
            "bands": [
                {"label": "◎", "min_percent": 120},
                {"label": "○", "min_percent": 100},
                {"label": "△", "min_percent": 70},
                {"label": "×"},
            ]
        }
    )
    assert band_for_rate(Fraction(6, 5), rule) == "◎"
    assert band_for_rate(Fraction(119, 100), rule) == "○"
    assert band_for_rate(Fraction(69, 100), rule) == "×"
    assert rule.watched == ["△", "×"]


_values = st.decimals(min_value=0, max_value=10**7, places=3, allow_nan=False)
_targets = st.decimals(min_value=Decimal("0.001"), max_value=10**7, places=3, allow_nan=False)


@given(_values, _values, _targets, st.sampled_from(["higher", "lower"]))
def test_a_better_actual_never_gets_a_worse_grade(
    a: Decimal, b: Decimal, target: Decimal, direction: str
) -> None:
    kpi = _kpi(str(target), direction=direction)
    order = DEFAULT_RULE.labels
    worse, better = sorted([a, b], reverse=direction == "lower")
    grade_worse = grade_kpi(kpi, worse).grade
    grade_better = grade_kpi(kpi, better).grade
    if grade_worse is not None and grade_better is not None:
        assert order.index(grade_better) <= order.index(grade_worse)


_any_values = st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False)


@given(
    _any_values,
    _any_values,
    _any_values,
    st.one_of(st.none(), _any_values),
    st.sampled_from(["higher", "lower"]),
    st.sampled_from(list(RateMethod)),
    st.sampled_from(list(ZeroTarget)),
)
def test_monotone_in_every_direction_method_and_sign(
    a: Decimal,
    b: Decimal,
    target: Decimal,
    baseline: Decimal | None,
    direction: str,
    method: RateMethod,
    zero: ZeroTarget,
) -> None:
    # A better actual never gets a worse grade, and never loses its grade: targets and actuals
    # of zero or below zero, baselines on either side, both methods, both zero rules.
    rule = DEFAULT_RULE.model_copy(update={"method": method, "zero_target": zero})
    kpi = _kpi(str(target), str(baseline) if baseline is not None else None, direction)
    order = DEFAULT_RULE.labels
    worse, better = sorted([a, b], reverse=direction == "lower")
    grade_worse = grade_kpi(kpi, worse, rule)
    grade_better = grade_kpi(kpi, better, rule)
    if grade_worse.grade is not None:
        assert grade_better.grade is not None, (grade_worse, grade_better)
        assert order.index(grade_better.grade) <= order.index(grade_worse.grade)
    reached = better <= target if direction == "lower" else better >= target
    if reached and (method is RateMethod.ACTUAL_OVER_TARGET or baseline is not None):
        assert grade_better.grade == "A"


@given(_targets)
def test_reaching_the_target_exactly_is_always_the_top_grade(target: Decimal) -> None:
    for direction in ("higher", "lower"):
        assert grade_kpi(_kpi(str(target), direction=direction), target).grade == "A"


@given(st.fractions(min_value=0, max_value=10))
def test_band_matches_the_definition(rate: Fraction) -> None:
    percent = rate * 100
    expected = "A" if percent >= 100 else "B" if percent >= 80 else "C" if percent >= 50 else "D"
    assert band_for_rate(rate, DEFAULT_RULE) == expected


def test_rate_text_never_rounds_up() -> None:
    assert rate_text(Fraction(9999999, 10000000)) == "0.999999"
    assert rate_text(Fraction(14, 15)) == "0.933333"
    assert rate_text(None) is None


def test_compare_years() -> None:
    later = bundled()
    results = Results(
        id="r",
        vision=later.vision.id,
        fiscal_year=2023,
        measures=[
            {"measure": "external-sales", "kpis": [{"kpi": "new-participant-share", "actual": 10}]},
            {"measure": "tourist-shuttle", "kpis": [{"kpi": "bus-riders", "actual": 2500}]},
        ],
    )
    earlier = grade_vision(later.vision, results, later.framework)
    comparison = compare_years(earlier, later)
    moves = {(c.measure_id, c.direction) for c in comparison.changes}
    assert ("tourist-shuttle", "down") in moves  # A (125%) → C
    assert ("holiday-night-care", "graded") in moves  # no FY2023 actual
    assert comparison.persistent == ["external-sales"]  # D in both years


def test_components_of_the_bundled_results() -> None:
    results = validate_paths([SPHERE_DIR]).plan.get(Results, "ichinoseki-hiraizumi-3-fy2024")
    assert results is not None
    checks = {
        (m.measure, k.kpi): reconcile_components(k)
        for m in results.measures
        for k in m.kpis
        if k.components
    }
    bus = checks[("community-bus", "ridership-ratio")]
    assert bus is not None
    assert bus.computed == Fraction(143576, 111129) * 100
    assert bus.matches
    assert bus.component_mismatches == []
    students = checks[("next-generation", "students-with-goals")]
    assert students is not None
    assert students.rounded == 66
    assert not students.matches
    assert students.other_mode_matches  # 65.53 … truncated is the printed 65
    medical = checks[("medical-staff", "local-hires")]
    assert medical is not None
    assert medical.computed == 10
    assert medical.printed == 14
    assert not medical.matches


def test_component_own_printed_value_is_checked() -> None:
    result = KpiResult(
        kpi="k",
        actual=Decimal(50),
        scale=Decimal(100),
        components=[
            Component(numerator=Decimal(1), denominator=Decimal(3), printed=Decimal("33.4")),
            Component(numerator=Decimal(2), denominator=Decimal(1)),
        ],
    )
    check = reconcile_components(result, RoundingMode.HALF_UP)
    assert check is not None
    assert check.computed == 75
    assert check.component_mismatches == [(0, Decimal("33.4"), Decimal("33.3"))]


def test_printed_year_of_the_source_is_kept() -> None:
    # The rule's text is the papers' own words.
    assert re.search(r"2028（令和10）年度目標値", bundled().rule.printed or "")
