"""docs/modelling.md: every YAML block is a whole plan document, and together they are a valid
plan that grades, totals and diffs as the page says."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from teijuu.diffing import diff_visions
from teijuu.findings import Severity
from teijuu.grading import grade_vision
from teijuu.model import BudgetUnit, Results, Vision
from teijuu.validate import Validated, validate_paths
from teijuu.yamlio import parse_yaml

from .conftest import REPO

PAGE = REPO / "docs" / "modelling.md"


def blocks() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", PAGE.read_text("utf-8"), flags=re.DOTALL)


@pytest.fixture(scope="module")
def validated(tmp_path_factory: pytest.TempPathFactory) -> Validated:
    folder = tmp_path_factory.mktemp("modelling")
    for index, text in enumerate(blocks()):
        data = parse_yaml(text).data
        (folder / f"{index:02d}-{data['kind']}-{data['id']}.yaml").write_text(text, "utf-8")
    return validate_paths([folder])


def test_every_block_is_a_document_and_the_page_has_them_all() -> None:
    kinds = [parse_yaml(text).data["kind"] for text in blocks()]
    assert {"Sphere", "Agreement", "PolicyFramework", "Vision", "Results"} <= set(kinds)


def test_the_examples_are_a_valid_plan(validated: Validated) -> None:
    problems = [
        f.to_text()
        for f in validated.findings
        if f.severity is not Severity.INFO and f.code != "schema-modeline"
    ]
    assert problems == []
    notes = {f.code for f in validated.findings if f.severity is Severity.INFO}
    assert notes == {"era-overflow"}  # H34, printed before the era changed


def _vision(validated: Validated, vision_id: str) -> Vision:
    vision = validated.plan.get(Vision, vision_id)
    assert vision is not None
    return vision


def test_a_limit_target_grades_a_rise_as_met(validated: Validated) -> None:
    vision = _vision(validated, "example-2")
    results = validated.plan.get(Results, "example-2-fy2022")
    graded = grade_vision(vision, results, validated.plan.framework_of(vision))
    grade = graded.grade_of("bus", "riders-decline")
    assert grade is not None
    assert grade.grade == "A"  # −1% against 2%以内


def test_budgets_convert_exactly_and_unknowns_stay_unknown(validated: Validated) -> None:
    vision = _vision(validated, "example-1")
    study, midwifery, wildlife = (m.budget for m in vision.measures)
    assert study is not None
    assert study.total() == Decimal(1740)  # 174 万円 in 千円
    assert study.total(BudgetUnit.TEN_THOUSAND_YEN) == Decimal(174)
    assert midwifery is not None
    assert midwifery.total() is None  # FY2012 is printed as unknown
    assert wildlife is not None
    assert wildlife.total() is None  # 事業費検討中


def test_a_revision_can_be_undone_and_diffed(validated: Validated) -> None:
    vision = _vision(validated, "example-3")
    before = vision.as_of(0)
    clinic = before.measure("clinic")
    assert clinic is not None
    assert clinic.kpis == []
    assert clinic.name == "休日診療事業"
    kinds = sorted(c.kind for c in diff_visions(before, vision))
    assert "kpi-added" in kinds


def test_the_page_is_in_the_site_navigation() -> None:
    assert "modelling.md" in (REPO / "mkdocs.yml").read_text("utf-8")


def test_the_real_spheres_the_page_names_are_in_the_plans() -> None:
    text = PAGE.read_text("utf-8")
    spheres = "".join(p.read_text("utf-8") for p in (REPO / "plans").glob("*/sphere.yaml"))
    for name in ("一関・平泉", "中空知", "東備西播", "北しりべし", "茨城県央"):
        assert name in text
        assert f"{name}定住自立圏" in spheres or f"{name}地域定住自立圏" in spheres, name
