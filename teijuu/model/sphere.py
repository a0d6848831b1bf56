"""The sphere (圏域): its municipalities and the history of how it was formed."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field, StrictInt

from teijuu.model.common import (
    API_VERSION,
    AgreementRef,
    DateLike,
    FiscalYear,
    Id,
    MunicipalityRef,
    Period,
    PlanModel,
    Source,
    SourceRef,
    Text,
)


class Municipality(PlanModel):
    id: Id
    name: Text = Field(description="The name as written, e.g. 一関市.")
    prefecture: Text | None = Field(
        default=None, description="Its prefecture as written (岩手県); spheres cross them."
    )
    joined: DateLike | None = Field(
        default=None, description="When it joined, if not at the start."
    )
    left: DateLike | None = Field(default=None, description="When it left (its agreement ended).")
    source: SourceRef | None = None
    note: str | None = None


class EventKind(StrEnum):
    CENTRAL_CITY_DECLARATION = "central-city-declaration"  # 中心市宣言
    AGREEMENT = "agreement"  # 協定締結
    AMENDMENT = "amendment"  # 変更協定
    ABOLITION = "abolition"  # 協定廃止, 中心市宣言の取下げ
    VISION = "vision"  # ビジョン策定
    REVISION = "revision"  # ビジョン改定, 一部改正
    SUCCESSION = "succession"  # succeeded by another partnership (連携中枢都市圏 …)
    OTHER = "other"


class SphereStatus(StrEnum):
    FORMING = "forming"  # 中心市宣言 made, agreements not yet concluded
    ACTIVE = "active"
    ENDED = "ended"  # its agreements abolished


class HistoryEvent(PlanModel):
    """One row of the sphere's history (定住自立圏構想に係る経過)."""

    kind: EventKind
    fiscal_year: FiscalYear | None = Field(default=None, description="年度 of the event.")
    fiscal_year_printed: str | None = Field(default=None, description="年度 as printed.")
    date: DateLike | None = Field(default=None, description="月日 as the source gives it.")
    actors: list[MunicipalityRef] = Field(
        default_factory=list, description="Municipalities acting (主体)."
    )
    actors_printed: str | None = Field(default=None, description="主体 as printed, e.g. 市町.")
    event: Text = Field(description="内容 as written.")
    agreement: AgreementRef | None = Field(
        default=None, description="The agreement concluded, if any."
    )
    vision_edition: StrictInt | None = Field(default=None, ge=1, description="The vision adopted.")
    period: Period | None = Field(default=None, description="The vision's planning period.")
    note: str | None = Field(default=None, description="備考 as written.")
    source: SourceRef | None = None


class Sphere(PlanModel):
    """A 定住自立圏: one central city (中心市) or two (複眼型中心市) and their partners."""

    api_version: Literal["teijuu/v2"] = Field(default=API_VERSION, alias="apiVersion")
    kind: Literal["Sphere"] = "Sphere"
    id: Id
    name: Text
    central_cities: list[MunicipalityRef] = Field(
        min_length=1,
        description="Ids of the central city (中心市) among municipalities; two for a "
        "複眼型中心市 (two neighbouring cities that are one central city together).",
    )
    municipalities: list[Municipality] = Field(min_length=1)
    status: SphereStatus | None = Field(
        default=None, description="Where it stands; absent where the sources do not say."
    )
    formed: DateLike | None = Field(default=None, description="When its first agreement was made.")
    ended: DateLike | None = Field(default=None, description="When its agreements were abolished.")
    succeeded_by: Text | None = Field(
        default=None, description="What replaced it, as written (いばらき県央地域連携中枢都市圏)."
    )
    preceded_by: Text | None = Field(default=None, description="What it grew out of, as written.")
    history: list[HistoryEvent] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list, description="Where the facts come from.")
    note: str | None = None

    def municipality(self, municipality_id: str) -> Municipality | None:
        return next((m for m in self.municipalities if m.id == municipality_id), None)

    @property
    def partners(self) -> list[Municipality]:
        """The municipalities that are not central cities (連携市町村)."""
        return [m for m in self.municipalities if m.id not in self.central_cities]

    @property
    def prefectures(self) -> list[str]:
        """The prefectures of its members, in order of first appearance (empty if unknown)."""
        return list(dict.fromkeys(m.prefecture for m in self.municipalities if m.prefecture))
