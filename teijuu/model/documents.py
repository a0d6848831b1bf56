"""The kinds of plan document, by the ``kind:`` each file declares."""

from __future__ import annotations

from typing import Final

from teijuu.model.agreement import Agreement
from teijuu.model.claims import PublishedReport
from teijuu.model.framework import PolicyFramework
from teijuu.model.results import Results
from teijuu.model.schedule import Schedule
from teijuu.model.sphere import Sphere
from teijuu.model.vision import Vision

Document = Sphere | Agreement | PolicyFramework | Vision | Results | PublishedReport | Schedule

KINDS: Final[dict[str, type[Document]]] = {
    "Sphere": Sphere,
    "Agreement": Agreement,
    "PolicyFramework": PolicyFramework,
    "Vision": Vision,
    "Results": Results,
    "PublishedReport": PublishedReport,
    "Schedule": Schedule,
}
"""Every kind, in the order a reader meets them."""

SCHEMA_FILES: Final[dict[str, str]] = {
    "Sphere": "sphere.schema.json",
    "Agreement": "agreement.schema.json",
    "PolicyFramework": "policy-framework.schema.json",
    "Vision": "vision.schema.json",
    "Results": "results.schema.json",
    "PublishedReport": "published-report.schema.json",
    "Schedule": "schedule.schema.json",
}
