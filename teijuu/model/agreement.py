"""Agreements (形成協定, 変更協定) that bind the partners of a sphere."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field

from teijuu.model.common import (
    API_VERSION,
    AgreementRef,
    DateLike,
    FieldRef,
    FiscalYear,
    Id,
    MunicipalityRef,
    PlanModel,
    Source,
    SourceRef,
    SphereRef,
    Text,
    ViewpointRef,
)


class AgreementType(StrEnum):
    FORMATION = "formation"  # 定住自立圏形成協定
    AMENDMENT = "amendment"  # 定住自立圏形成変更協定


class AgreementStatus(StrEnum):
    PLANNED = "planned"
    CONCLUDED = "concluded"
    AMENDED = "amended"  # in force as changed by a 変更協定
    ABOLISHED = "abolished"  # 協定廃止


class Agreement(PlanModel):
    """A 定住自立圏形成協定 or a 変更協定 amending one."""

    api_version: Literal["teijuu/v2"] = Field(default=API_VERSION, alias="apiVersion")
    kind: Literal["Agreement"] = "Agreement"
    id: Id
    sphere: SphereRef
    type: AgreementType
    status: AgreementStatus = AgreementStatus.CONCLUDED
    title: Text = Field(description="The agreement's name as written.")
    parties: list[MunicipalityRef] = Field(
        min_length=1, description="Municipality ids of the parties."
    )
    parties_printed: str | None = Field(default=None, description="Parties as printed, e.g. 市町.")
    date: DateLike | None = Field(default=None, description="Date concluded (or planned).")
    fiscal_year: FiscalYear | None = None
    amended: DateLike | None = Field(default=None, description="Date of the last change to it.")
    abolished: DateLike | None = Field(default=None, description="Date it was abolished (廃止).")
    amends: AgreementRef | None = Field(default=None, description="The agreement this one amends.")
    viewpoints: list[ViewpointRef] = Field(
        default_factory=list, description="Viewpoints (連携する視点) the agreement binds to."
    )
    fields: list[FieldRef] = Field(
        default_factory=list, description="Policy fields (政策分野) the agreement binds to."
    )
    sources: list[Source] = Field(default_factory=list, description="Where the facts come from.")
    source: SourceRef | None = Field(default=None, description="The source that states it.")
    note: str | None = None
