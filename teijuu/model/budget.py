"""Budgets (事業費) as plans print them: in a unit, per fiscal year or over a range of years.

Plans differ: one prints 千円 per fiscal year, another 万円, another one figure for five years
(5年間で174万円), another nothing yet (事業費検討中). A :class:`Budget` keeps what was printed
and normalises it exactly (``Decimal``) on request. An unknown figure is ``None``, never 0: a
total over anything unknown is unknown.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from pydantic import ConfigDict, Field, model_validator

from teijuu.messages import msg
from teijuu.model.common import (
    BY_FISCAL_YEAR,
    Amount,
    FiscalYear,
    MunicipalityRef,
    Period,
    PlanModel,
    SourceRef,
    Text,
    invalid,
)


class BudgetUnit(StrEnum):
    """The unit a budget is printed in."""

    YEN = "円"
    THOUSAND_YEN = "千円"
    TEN_THOUSAND_YEN = "万円"
    MILLION_YEN = "百万円"
    HUNDRED_MILLION_YEN = "億円"

    @property
    def yen(self) -> int:
        """How many yen one unit is."""
        return _YEN[self]


_YEN = {
    BudgetUnit.YEN: 1,
    BudgetUnit.THOUSAND_YEN: 1_000,
    BudgetUnit.TEN_THOUSAND_YEN: 10_000,
    BudgetUnit.MILLION_YEN: 1_000_000,
    BudgetUnit.HUNDRED_MILLION_YEN: 100_000_000,
}


def convert(amount: Decimal, source: BudgetUnit, target: BudgetUnit) -> Decimal:
    """``amount`` in ``source`` units, exactly, in ``target`` units (174 万円 → 1740 千円)."""
    return amount * source.yen / target.yen if source is not target else amount


class BudgetRange(PlanModel):
    """One figure for several fiscal years, where no per-year figure is printed."""

    period: Period | None = Field(
        default=None,
        description="The fiscal years the figure covers, both ends included; absent where the "
        "plan prints a figure for no stated years.",
    )
    amount: Amount | None = Field(default=None, description="The figure; absent when unknown.")
    printed: str | None = Field(default=None, description="As printed, e.g. 5年間で174万円.")


class MunicipalBudget(PlanModel):
    """One municipality's share of a measure's budget, where the plan prints it."""

    municipality: MunicipalityRef
    years: dict[FiscalYear, Amount | None] = Field(
        default_factory=dict,
        description="Figure per fiscal year; null where the plan prints none.",
        json_schema_extra=BY_FISCAL_YEAR,
    )
    ranges: list[BudgetRange] = Field(default_factory=list)
    unknown: Text | None = Field(default=None, description="Why no figure is given, as printed.")

    def total(self) -> Decimal | None:
        return _total(self.years, self.ranges, self.unknown)


class Budget(PlanModel):
    """A measure's budget (事業費) as printed, in one unit."""

    model_config = ConfigDict(
        json_schema_extra={
            "anyOf": [
                {"required": ["years"], "properties": {"years": {"minProperties": 1}}},
                {"required": ["ranges"], "properties": {"ranges": {"minItems": 1}}},
                {
                    "required": ["by_municipality"],
                    "properties": {"by_municipality": {"minItems": 1}},
                },
                {"required": ["unknown"], "properties": {"unknown": {"not": {"type": "null"}}}},
            ]
        }
    )

    unit: BudgetUnit = Field(default=BudgetUnit.THOUSAND_YEN, description="As printed.")
    years: dict[FiscalYear, Amount | None] = Field(
        default_factory=dict,
        description="Figure per fiscal year; null where the plan prints none (unknown, not 0).",
        json_schema_extra=BY_FISCAL_YEAR,
    )
    ranges: list[BudgetRange] = Field(
        default_factory=list, description="Figures for several years at once (5年間で…)."
    )
    by_municipality: list[MunicipalBudget] = Field(
        default_factory=list, description="Per-municipality figures, where printed."
    )
    unknown: Text | None = Field(
        default=None, description="Why no figure is given, as printed (事業費検討中)."
    )
    printed: str | None = Field(default=None, description="The budget as printed, if unusual.")
    source: SourceRef | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _says_something(self) -> Budget:
        if not (self.years or self.ranges or self.by_municipality or self.unknown):
            raise invalid("budget", msg("invalid-value/budget"))
        return self

    def total(self, unit: BudgetUnit = BudgetUnit.THOUSAND_YEN) -> Decimal | None:
        """Everything printed, in ``unit``; None when any part is unknown (never counted as 0).

        Per-municipality figures are a breakdown: they make the total only where the sphere
        prints no figure of its own.
        """
        if self.years or self.ranges or self.unknown:
            amount = _total(self.years, self.ranges, self.unknown)
        else:
            parts = [m.total() for m in self.by_municipality]
            known = [p for p in parts if p is not None]
            amount = sum(known, Decimal(0)) if len(known) == len(parts) else None
        return None if amount is None else convert(amount, self.unit, unit)

    def in_year(
        self, fiscal_year: int, unit: BudgetUnit = BudgetUnit.THOUSAND_YEN
    ) -> Decimal | None:
        """The figure printed for one fiscal year, in ``unit``; None when none is printed."""
        amount = self.years.get(fiscal_year)
        return None if amount is None else convert(amount, self.unit, unit)

    @property
    def known_years(self) -> dict[int, Decimal]:
        """The fiscal years with a printed figure, in the printed unit."""
        return {year: amount for year, amount in self.years.items() if amount is not None}


def _total(
    years: dict[int, Decimal | None], ranges: list[BudgetRange], unknown: str | None
) -> Decimal | None:
    if unknown is not None:
        return None
    amounts = [*years.values(), *(r.amount for r in ranges)]
    if not amounts or any(a is None for a in amounts):
        return None
    return sum((a for a in amounts if a is not None), Decimal(0))
