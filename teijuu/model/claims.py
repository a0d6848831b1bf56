"""What a published report (the committee papers) states: data to reconcile, not to trust.

The committee papers print a grade per KPI row, counts of grades per policy field, lists of the
measures graded C or D with their circled numbers, and percentage statements. Each is kept here
as printed, so that ``teijuu check`` can compare it with what teijuu computes.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StrictInt, WithJsonSchema

from teijuu.messages import msg
from teijuu.model.common import (
    API_VERSION,
    BY_FISCAL_YEAR,
    DateLike,
    FieldRef,
    FiscalYear,
    Id,
    KpiRef,
    MeasureRef,
    Number,
    PlanModel,
    Source,
    Text,
    ViewpointRef,
    VisionRef,
    invalid,
)

CIRCLED_PATTERN = "^[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf]$"
"""①–⑳, ㉑–㉟, ㊱–㊿: the circled numbers 1 to 50."""
_CIRCLED_RE = re.compile(CIRCLED_PATTERN)


def _circled(value: str) -> str:
    if not _CIRCLED_RE.match(value):
        raise invalid("circled", msg("invalid-value/circled", value=value))
    return value


CircledNumber = Annotated[
    str,
    AfterValidator(_circled),
    WithJsonSchema({"type": "string", "pattern": CIRCLED_PATTERN}),
]


def circled_value(circled: str) -> int:
    """⑥ → 6, ㉓ → 23."""
    return int(unicodedata.numeric(circled))


class TableRow(PlanModel):
    """One row of the KPI table (資料No.1-2)."""

    no: StrictInt | None = Field(
        default=None, description="No. as printed; absent on a 2nd KPI row."
    )
    field_printed: str | None = Field(default=None, description="政策分野 as printed.")
    measure: MeasureRef
    measure_name_printed: str | None = Field(default=None, description="施策名 as printed.")
    kpi: KpiRef
    kpi_name_printed: Text = Field(description="KPI as printed (without the leading ○).")
    grades: dict[FiscalYear, Text] = Field(
        default_factory=dict,
        description="The grade printed in each fiscal year's column.",
        json_schema_extra=BY_FISCAL_YEAR,
    )


class FieldCount(PlanModel):
    """The grade counts printed for one policy field (政策分野別の達成状況)."""

    viewpoint: ViewpointRef
    field: FieldRef
    field_printed: Text
    counts: dict[str, StrictInt] = Field(description="Label → number of items, e.g. {A: 1, B: 1}.")


class ListedMeasure(PlanModel):
    circled: CircledNumber = Field(description="The circled number as printed, e.g. ⑳.")
    name_printed: Text
    measure: MeasureRef

    @property
    def number(self) -> int:
        return circled_value(self.circled)


class GradeList(PlanModel):
    """A list of measures with KPIs at given grades (【C、D】の指標に係る施策名)."""

    viewpoint: ViewpointRef | None = Field(default=None, description="Absent for the whole vision.")
    grades: list[Text] = Field(min_length=1)
    items: list[ListedMeasure] = Field(default_factory=list)


class Comparator(StrEnum):
    AT_LEAST = "at-least"
    EQUAL = "equal"


class ShareStatement(PlanModel):
    """A percentage statement, e.g. 達成状況A及びBの項目は、合わせて70%以上."""

    text: Text
    viewpoint: ViewpointRef | None = Field(default=None, description="Absent for the whole vision.")
    grades: list[Text] = Field(min_length=1, description="The grades whose share is stated.")
    comparator: Comparator
    percent: Number


class NamedMeasure(PlanModel):
    name_printed: Text
    measure: MeasureRef


class PersistenceStatement(PlanModel):
    """A statement that measures stayed at some grades since an earlier year."""

    text: Text
    viewpoint: ViewpointRef | None = None
    grades: list[Text] = Field(min_length=1)
    since_fiscal_year: FiscalYear
    count: StrictInt | None = Field(default=None, ge=0, description="The number of items printed.")
    measures: list[NamedMeasure] = Field(default_factory=list)


class Mention(PlanModel):
    """A place where the report's text names a measure (kept to compare names)."""

    text: Text = Field(description="The sentence, as printed.")
    name_printed: Text
    measure: MeasureRef


class Remark(PlanModel):
    """A paragraph of the papers that states no figure: an assessment or the way forward."""

    viewpoint: ViewpointRef | None = Field(default=None, description="Absent for the whole vision.")
    heading: str | None = Field(
        default=None, description="The heading it stands under, e.g. 今後の取組."
    )
    text: Text = Field(description="As printed.")


class PublishedReport(PlanModel):
    """The published KPI report of one fiscal year for a vision (e.g. 資料No.1-1 and 1-2)."""

    api_version: Literal["teijuu/v2"] = Field(default=API_VERSION, alias="apiVersion")
    kind: Literal["PublishedReport"] = "PublishedReport"
    id: Id
    vision: VisionRef
    fiscal_year: FiscalYear = Field(description="The fiscal year of the results reported.")
    title: Text
    date: DateLike | None = None
    documents: list[Text] = Field(default_factory=list, description="e.g. 資料No.1-2.")
    rule_printed: str | None = Field(default=None, description="The grading rule as printed.")
    table: list[TableRow] = Field(default_factory=list)
    field_counts: list[FieldCount] = Field(default_factory=list)
    grade_lists: list[GradeList] = Field(default_factory=list)
    share_statements: list[ShareStatement] = Field(default_factory=list)
    persistence_statements: list[PersistenceStatement] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    remarks: list[Remark] = Field(
        default_factory=list, description="Paragraphs that state no figure, in the paper's order."
    )
    sources: list[Source] = Field(default_factory=list, description="Where the facts come from.")

    @staticmethod
    def share(count: int, total: int) -> Decimal:
        return Decimal(count) / Decimal(total) * 100 if total else Decimal(0)
