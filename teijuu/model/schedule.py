"""Dated milestones: committee meetings, council sessions, agreement and vision steps."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, StrictBool, StrictInt

from teijuu.model.common import (
    API_VERSION,
    DateLike,
    FiscalYear,
    Id,
    MunicipalityRef,
    PlanModel,
    Source,
    SphereRef,
    Text,
    VisionRef,
)


class Milestone(PlanModel):
    id: Id
    fiscal_year: FiscalYear
    month: StrictInt | None = Field(
        default=None, ge=1, le=12, description="Calendar month, where the source states it."
    )
    date: DateLike | None = None
    track: Text = Field(description="The schedule row: 懇談会, 第4次ビジョン, 議会等 …")
    title: Text
    items: list[Text] = Field(default_factory=list, description="Agenda items as printed.")
    tentative: StrictBool = Field(default=False, description="（仮）or otherwise not yet fixed.")
    municipality: MunicipalityRef | None = None
    vision: VisionRef | None = None
    note: str | None = None


class Schedule(PlanModel):
    """A sphere's schedule of milestones over one or more fiscal years."""

    api_version: Literal["teijuu/v2"] = Field(default=API_VERSION, alias="apiVersion")
    kind: Literal["Schedule"] = "Schedule"
    id: Id
    sphere: SphereRef
    title: Text
    sources: list[Source] = Field(default_factory=list, description="Where the facts come from.")
    milestones: list[Milestone] = Field(default_factory=list)
    notes: list[Text] = Field(default_factory=list, description="Notes printed with it.")
