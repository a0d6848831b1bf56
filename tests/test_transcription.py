"""The bundled plans are a faithful transcription of their source.

These tests read the committee papers themselves (the copy kept beside the plans) and parse
their tab-separated rows, independently of how the plans were written, then compare every
budget figure, baseline, target and FY2024 actual, every measure and KPI name, and every row of
the published KPI table with the plans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

import pytest

from teijuu.model import PublishedReport, Results, Vision
from teijuu.validate import validate_paths

from .conftest import SOURCE, SPHERE_DIR

_NUMBER = re.compile(r"([0-9][0-9,]*(?:\.[0-9]+)?)")


def number(cell: str) -> Decimal:
    """The first number in a printed cell: '28,108人/年' → 28108."""
    match = _NUMBER.search(cell)
    assert match is not None, cell
    return Decimal(match.group(1).replace(",", ""))


def cells(line: str) -> list[str]:
    return [c.strip() for c in line.split("\t")]


@dataclass
class Sheet:
    name: str
    kpi_names: str = ""
    baselines: list[Decimal | None] = field(default_factory=list)
    targets: list[Decimal] = field(default_factory=list)
    year_labels: list[str] = field(default_factory=list)
    budget: dict[int, Decimal] = field(default_factory=dict)
    actuals: list[Decimal] = field(default_factory=list)


@cache
def source_lines() -> tuple[str, ...]:
    return tuple(SOURCE.read_text(encoding="utf-8").split("\n"))


@cache
def sheets() -> tuple[Sheet, ...]:
    lines = source_lines()
    starts = [i for i, line in enumerate(lines) if re.match(r"^連携する(事項|視点)\t", line)]
    end_of_sheets = next(i for i, line in enumerate(lines) if line.startswith("## 第4次"))
    out = []
    for start, end in zip(starts, [*starts[1:], end_of_sheets], strict=True):
        above = start - 1
        while not lines[above].strip():
            above -= 1
        sheet = Sheet(name=[c for c in cells(lines[above]) if c][-1])
        block = lines[start:end]
        for k, line in enumerate(block):
            row = cells(line)
            label = row[0]
            if label == "成果指標 (KPI)":
                sheet.kpi_names = row[1]
            elif label.startswith("現状値"):
                # 現状値 (label) | baseline | 目標値 (label) | target | [2nd target] | 関係市町
                sheet.year_labels = [label, row[2]]
                sheet.baselines.append(number(row[1]))
                sheet.targets.append(number(row[3]))
                if _NUMBER.match(row[4]):
                    sheet.baselines.append(None)
                    sheet.targets.append(number(row[4]))
                following = cells(block[k + 1])
                if following[0] == "" and len(following) > 3 and following[1]:
                    sheet.baselines.append(number(following[1]))
                    sheet.targets.append(number(following[3]))
            elif label.startswith("事業費"):
                figures = [c for c in row[1:] if c]
                sheet.budget = {2024 + i: number(c) for i, c in enumerate(figures)}
            elif label == "実績値":
                inline = re.sub(r"^2024\s*\(R6\)\s*", "", row[1])
                if inline:
                    sheet.actuals.append(number(inline))
                m = k + 1
                while block[m].startswith("\t") and block[m].strip():
                    # Values in the order printed; a 2nd KPI's actual may stand in a later column.
                    sheet.actuals.extend(number(c) for c in cells(block[m])[1:] if c)
                    m += 1
        out.append(sheet)
    return tuple(out)


@cache
def plan() -> tuple[Vision, Results, PublishedReport]:
    result = validate_paths([SPHERE_DIR])
    assert result.ok, [f.to_text() for f in result.findings]
    vision = result.plan.get(Vision, "ichinoseki-hiraizumi-3")
    results = result.plan.get(Results, "ichinoseki-hiraizumi-3-fy2024")
    report = result.plan.get(PublishedReport, "ichinoseki-hiraizumi-3-fy2024-kondankai")
    assert vision is not None
    assert results is not None
    assert report is not None
    return vision, results, report


def test_every_sheet_has_its_measure_and_no_more() -> None:
    vision, _, _ = plan()
    assert len(sheets()) == 32
    assert [s.name for s in sheets()] == [m.name for m in vision.measures]


@pytest.mark.parametrize("index", range(32))
def test_measure_figures_equal_the_source(index: int) -> None:
    vision, results, _ = plan()
    sheet = sheets()[index]
    measure = vision.measures[index]
    assert measure.name == sheet.name
    assert measure.budget is not None
    assert str(measure.budget.unit) == "千円"
    assert measure.budget.years == sheet.budget
    assert " ".join(k.name for k in measure.kpis) == sheet.kpi_names
    assert [k.baseline.value if k.baseline else None for k in measure.kpis] == sheet.baselines
    assert [k.target.value if k.target else None for k in measure.kpis] == sheet.targets
    for kpi in measure.kpis:
        assert kpi.baseline is not None
        assert kpi.target is not None
        assert kpi.baseline.printed_year is not None
        assert kpi.target.printed_year is not None
        assert f"({kpi.baseline.printed_year.printed})" in sheet.year_labels[0]
        assert f"({kpi.target.printed_year.printed})" in sheet.year_labels[1]
        assert kpi.cumulative == ("累計" in kpi.name)
    actuals = [results.result(measure.id, k.id) for k in measure.kpis]
    assert [a.actual if a else None for a in actuals] == sheet.actuals


def test_budget_figures_count() -> None:
    vision, _, _ = plan()
    assert sum(len(m.budget.years) for m in vision.measures if m.budget) == 160
    assert sum(len(m.kpis) for m in vision.measures) == 34


def _table_rows() -> list[list[str]]:
    lines = source_lines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Nº\t政策分野"))
    rows = []
    for line in lines[start + 1 :]:
        if not line.strip():
            break
        rows.append(cells(line))
    return rows


def test_published_table_is_transcribed_row_by_row() -> None:
    _, _, report = plan()
    rows = _table_rows()
    assert len(rows) == len(report.table) == 33
    for row, claim in zip(rows, report.table, strict=True):
        no, field_printed, name, kpi, *grades = row
        assert claim.no == (int(no) if no else None)
        assert (claim.field_printed or "") == field_printed
        assert (claim.measure_name_printed or "") == name
        assert claim.kpi_name_printed == kpi.removeprefix("○")
        printed = {2024 + i: g for i, g in enumerate(grades) if g}
        assert claim.grades == printed


def test_published_field_counts_are_transcribed() -> None:
    _, _, report = plan()
    printed: dict[str, dict[str, int]] = {}
    for line in source_lines():
        match = re.match(r"^(\S+)\t((?:[A-D] : \d+項目\s*)+)$", line)
        if match:
            counts = re.findall(r"([A-D]) : (\d+)項目", match.group(2))
            printed[match.group(1)] = {grade: int(n) for grade, n in counts}
    assert {c.field_printed: c.counts for c in report.field_counts} == printed


def test_published_grade_lists_are_transcribed() -> None:
    _, _, report = plan()
    printed = []
    in_list = False
    for line in source_lines():
        if line.startswith("#### "):
            in_list = "【C、D】の指標に係る施策名" in line
        elif in_list and line.startswith("- "):
            printed.append((line[2], line[4:]))
    listed = [(i.circled, i.name_printed) for g in report.grade_lists for i in g.items]
    assert listed == printed
