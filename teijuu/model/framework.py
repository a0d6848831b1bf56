"""The policy framework: viewpoints (連携する視点) and the policy fields (政策分野) under each."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from teijuu.model.common import (
    API_VERSION,
    Id,
    PlanModel,
    Source,
    Text,
)


class PolicyField(PlanModel):
    id: Id
    name: Text = Field(description="The field's name as the measure sheets write it.")
    other_names: list[Text] = Field(
        default_factory=list,
        description="Other spellings the sources use for the same field (kept, not corrected).",
    )


class Viewpoint(PlanModel):
    id: Id
    name: Text
    fields: list[PolicyField] = Field(default_factory=list)


class PolicyFramework(PlanModel):
    """The three viewpoints of a 定住自立圏 and the policy fields under each."""

    api_version: Literal["teijuu/v2"] = Field(default=API_VERSION, alias="apiVersion")
    kind: Literal["PolicyFramework"] = "PolicyFramework"
    id: Id
    sphere: Id
    sources: list[Source] = Field(default_factory=list, description="Where the facts come from.")
    viewpoints: list[Viewpoint] = Field(min_length=1)

    def viewpoint(self, viewpoint_id: str) -> Viewpoint | None:
        return next((v for v in self.viewpoints if v.id == viewpoint_id), None)

    def field(self, field_id: str) -> tuple[Viewpoint, PolicyField] | None:
        for viewpoint in self.viewpoints:
            for policy_field in viewpoint.fields:
                if policy_field.id == field_id:
                    return viewpoint, policy_field
        return None
