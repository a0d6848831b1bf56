"""The domain model of a 定住自立圏 plan. It knows nothing of files, YAML or terminals."""

from teijuu.model.agreement import Agreement, AgreementStatus, AgreementType
from teijuu.model.claims import (
    FieldCount,
    GradeList,
    ListedMeasure,
    Mention,
    PersistenceStatement,
    PublishedReport,
    ShareStatement,
    TableRow,
)
from teijuu.model.common import API_VERSION, Period
from teijuu.model.documents import KINDS, SCHEMA_FILES, Document
from teijuu.model.framework import PolicyField, PolicyFramework, Viewpoint
from teijuu.model.results import Component, KpiResult, MeasureResult, Results, Statement
from teijuu.model.schedule import Milestone, Schedule
from teijuu.model.sphere import EventKind, HistoryEvent, Municipality, Sphere
from teijuu.model.vision import (
    COMMON,
    Direction,
    GradeBand,
    GradingRule,
    Kpi,
    KpiValue,
    Measure,
    ProgramGroup,
    RateMethod,
    RoundingMode,
    Vision,
    VisionRevision,
    VisionStatus,
)

__all__ = [
    "API_VERSION",
    "COMMON",
    "KINDS",
    "SCHEMA_FILES",
    "Agreement",
    "AgreementStatus",
    "AgreementType",
    "Component",
    "Direction",
    "Document",
    "EventKind",
    "FieldCount",
    "GradeBand",
    "GradeList",
    "GradingRule",
    "HistoryEvent",
    "Kpi",
    "KpiResult",
    "KpiValue",
    "ListedMeasure",
    "Measure",
    "MeasureResult",
    "Mention",
    "Milestone",
    "Municipality",
    "Period",
    "PersistenceStatement",
    "PolicyField",
    "PolicyFramework",
    "ProgramGroup",
    "PublishedReport",
    "RateMethod",
    "Results",
    "RoundingMode",
    "Schedule",
    "ShareStatement",
    "Sphere",
    "Statement",
    "TableRow",
    "Viewpoint",
    "Vision",
    "VisionRevision",
    "VisionStatus",
]
