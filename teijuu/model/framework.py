"""The policy framework: viewpoints (連携する視点) and the policy fields (政策分野) under each."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from teijuu.model.common import (
    API_VERSION,
    Id,
    PlanModel,
    Source,
    SourceRef,
    SphereRef,
    Text,
)


class PolicyField(PlanModel):
    id: Id
    name: Text = Field(description="The field's name as the measure sheets write it.")
    other_names: list[Text] = Field(
        default_factory=list,
        description="Other spellings the sources use for the same field (kept, not corrected).",
    )
    source: SourceRef | None = None


class Viewpoint(PlanModel):
    id: Id
    name: Text
    fields: list[PolicyField] = Field(default_factory=list)
    source: SourceRef | None = None


class PolicyFramework(PlanModel):
    """The three viewpoints of a 定住自立圏 and the policy fields under each."""

    api_version: Literal["teijuu/v2"] = Field(default=API_VERSION, alias="apiVersion")
    kind: Literal["PolicyFramework"] = "PolicyFramework"
    id: Id
    sphere: SphereRef
    sources: list[Source] = Field(default_factory=list, description="Where the facts come from.")
    viewpoints: list[Viewpoint] = Field(min_length=1)
    fields: list[PolicyField] = Field(
        default_factory=list,
        description="Fields the plan names without placing them under a viewpoint.",
    )

    def viewpoint(self, viewpoint_id: str) -> Viewpoint | None:
        return next((v for v in self.viewpoints if v.id == viewpoint_id), None)

    def field(self, field_id: str) -> tuple[Viewpoint | None, PolicyField] | None:
        """The field and its viewpoint (None for a field printed without one)."""
        for viewpoint in self.viewpoints:
            for policy_field in viewpoint.fields:
                if policy_field.id == field_id:
                    return viewpoint, policy_field
        unplaced = next((f for f in self.fields if f.id == field_id), None)
        return (None, unplaced) if unplaced is not None else None

    @property
    def all_fields(self) -> list[PolicyField]:
        """Every field: those under the viewpoints in order, then those without one."""
        return [f for v in self.viewpoints for f in v.fields] + list(self.fields)
