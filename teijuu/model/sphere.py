"""The sphere (圏域): its municipalities and the history of how it was formed."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field, StrictInt

from teijuu.model.common import API_VERSION, DateLike, FiscalYear, Id, Period, PlanModel, Text


class Municipality(PlanModel):
    id: Id
    name: Text = Field(description="The name as written, e.g. 一関市.")


class EventKind(StrEnum):
    CENTRAL_CITY_DECLARATION = "central-city-declaration"  # 中心市宣言
    AGREEMENT = "agreement"  # 協定締結
    VISION = "vision"  # ビジョン策定
    OTHER = "other"


class HistoryEvent(PlanModel):
    """One row of the sphere's history (定住自立圏構想に係る経過)."""

    kind: EventKind
    fiscal_year: FiscalYear | None = Field(default=None, description="年度 of the event.")
    fiscal_year_printed: str | None = Field(default=None, description="年度 as printed.")
    date: DateLike | None = Field(default=None, description="月日 as the source gives it.")
    actors: list[Id] = Field(default_factory=list, description="Municipalities acting (主体).")
    actors_printed: str | None = Field(default=None, description="主体 as printed, e.g. 市町.")
    event: Text = Field(description="内容 as written.")
    agreement: Id | None = Field(default=None, description="The agreement concluded, if any.")
    vision_edition: StrictInt | None = Field(default=None, ge=1, description="The vision adopted.")
    period: Period | None = Field(default=None, description="The vision's planning period.")
    note: str | None = Field(default=None, description="備考 as written.")


class Sphere(PlanModel):
    """A 定住自立圏: a central city (中心市) and its partner municipalities."""

    api_version: Literal["teijuu/v1"] = Field(default=API_VERSION, alias="apiVersion")
    kind: Literal["Sphere"] = "Sphere"
    id: Id
    name: Text
    central_city: Id = Field(description="Id of the central city (中心市) among municipalities.")
    municipalities: list[Municipality] = Field(min_length=1)
    history: list[HistoryEvent] = Field(default_factory=list)

    def municipality(self, municipality_id: str) -> Municipality | None:
        return next((m for m in self.municipalities if m.id == municipality_id), None)
