"""Budget totals of a vision: over every measure, per policy field, per viewpoint, per year.

Exact (``Decimal``), in 千円 unless another unit is asked for. An unknown figure is ``None``,
never 0: a total over anything unknown is unknown (:func:`sum_known`). A vision transcribed in
part (``partial: true``, an excerpt) has every total unknown: the measures it leaves out have
budgets too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from teijuu.model import Budget, BudgetUnit, Measure, PolicyFramework, Vision
from teijuu.model.budget import convert

__all__ = [
    "NO_GROUP",
    "BudgetLine",
    "GroupBy",
    "budget_by_field",
    "budget_by_viewpoint",
    "budget_by_year",
    "measure_total",
    "sum_known",
]

GroupBy = Literal["field", "viewpoint", "year"]
NO_GROUP = ""
"""The key of measures the plan prints without a policy field (or viewpoint)."""


@dataclass(frozen=True, slots=True)
class BudgetLine:
    """One total: what it is of (an id, or a fiscal year), its label for people, the amount
    (None: unknown, because some figure in it is unknown) and the unit of the amount."""

    key: str | int
    label: str
    amount: Decimal | None
    unit: BudgetUnit
    measures: tuple[str, ...]
    """The ids of the measures summed."""


def sum_known(amounts: Iterable[Decimal | None]) -> Decimal | None:
    """The sum, or None as soon as one amount is unknown: an unknown is never counted as 0."""
    total = Decimal(0)
    for amount in amounts:
        if amount is None:
            return None
        total += amount
    return total


def measure_total(measure: Measure, unit: BudgetUnit = BudgetUnit.THOUSAND_YEN) -> Decimal | None:
    """A measure's whole budget in ``unit``; None where it is unknown (not printed, or printed
    as unknown)."""
    return measure.budget.total(unit) if measure.budget is not None else None


def _in_year(budget: Budget | None, year: int, unit: BudgetUnit) -> Decimal | None:
    """The figure of one fiscal year; None where the plan prints none for that year alone (no
    budget, 事業費検討中, or one figure for several years)."""
    if budget is None or budget.unknown is not None:
        return None
    if year in budget.years:
        return budget.in_year(year, unit)
    if not budget.years and not budget.ranges and budget.by_municipality:
        parts = [m.years.get(year) for m in budget.by_municipality]
        amount = sum_known(parts)
        return None if amount is None else convert(amount, budget.unit, unit)
    return None


def _grouped(
    vision: Vision,
    key_of: Callable[[Measure], str],
    label_of: Callable[[str], str],
    unit: BudgetUnit,
) -> dict[str, BudgetLine]:
    groups: dict[str, list[Measure]] = {}
    for measure in vision.measures:
        groups.setdefault(key_of(measure), []).append(measure)
    return {
        key: BudgetLine(
            key,
            label_of(key),
            None if vision.partial else sum_known(measure_total(m, unit) for m in measures),
            unit,
            tuple(m.id for m in measures),
        )
        for key, measures in groups.items()
    }


def budget_by_field(
    vision: Vision,
    framework: PolicyFramework | None,
    unit: BudgetUnit = BudgetUnit.THOUSAND_YEN,
) -> dict[str, BudgetLine]:
    """Totals per policy field id, in the order the measures come; labels are the framework's
    names (the id where the framework does not name it; "—" for :data:`NO_GROUP`)."""

    def label(field_id: str) -> str:
        found = framework.field(field_id) if framework and field_id else None
        return found[1].name if found else field_id or "—"

    return _grouped(vision, lambda m: m.field or NO_GROUP, label, unit)


def budget_by_viewpoint(
    vision: Vision,
    framework: PolicyFramework | None,
    unit: BudgetUnit = BudgetUnit.THOUSAND_YEN,
) -> dict[str, BudgetLine]:
    """Totals per viewpoint id (a measure's own, else its field's in the framework)."""

    def key(measure: Measure) -> str:
        if measure.viewpoint is not None:
            return measure.viewpoint
        found = framework.field(measure.field) if framework and measure.field else None
        return found[0].id if found and found[0] else NO_GROUP

    def label(viewpoint_id: str) -> str:
        found = framework.viewpoint(viewpoint_id) if framework and viewpoint_id else None
        return found.name if found else viewpoint_id or "—"

    return _grouped(vision, key, label, unit)


def budget_by_year(
    vision: Vision, unit: BudgetUnit = BudgetUnit.THOUSAND_YEN
) -> dict[int, BudgetLine]:
    """Totals per fiscal year: those of the vision's current period and any other year a
    budget prints; a year where any measure's figure is unknown (or printed only for several
    years at once) is None."""
    years = set(vision.current_period.years)
    for measure in vision.measures:
        if measure.budget is not None:
            years.update(measure.budget.years)
            for share in measure.budget.by_municipality:
                years.update(share.years)
    return {
        year: BudgetLine(
            year,
            f"FY{year}",
            None
            if vision.partial
            else sum_known(_in_year(m.budget, year, unit) for m in vision.measures),
            unit,
            tuple(m.id for m in vision.measures),
        )
        for year in sorted(years)
    }
