"""Reconciling what was published with what the plans compute (``teijuu check``).

A published report states grades per KPI row, counts per policy field, lists of measures graded
C or D with their circled numbers, and percentages. Each statement is compared with the grades
teijuu computes from the plans; every disagreement is a problem at the place in the plan files
where the statement is recorded. Names printed in the report are compared with the measure
sheets, field names with the framework, actuals with the components they are made of, and
years printed in both calendars with each other.

Severities: ``error`` for a statement that the data contradicts, ``warning`` for a name spelled
another way or a figure that holds under another rounding, ``info`` for what cannot be checked.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

from teijuu.checks import PathKey, Problem, _era_problems, part_of
from teijuu.findings import CHECK_CODES, Severity  # the codes: teijuu.findings.Code
from teijuu.grading import VisionGrades, reconcile_components
from teijuu.messages import Message, Text, msg
from teijuu.model import Measure, PolicyFramework, PublishedReport, Results, RoundingMode, Vision
from teijuu.model.claims import Comparator, circled_value
from teijuu.plan import Plan

__all__ = ["CHECK_CODES", "reconcile"]


def _gap(first: int, last: int) -> str:
    """The numbers missing from a table, by their ends when there are more than three: a
    printed No. can be any integer, and listing a gap of a trillion would never end."""
    if last - first < 3:
        return ", ".join(str(n) for n in range(first, last + 1))
    return f"{first} to No.{last} ({last - first + 1:,} numbers)"


def _same_name(a: str, b: str) -> bool:
    """Equal up to full/half width and spaces, which the PDF conversion does not keep."""

    def norm(text: str) -> str:
        return "".join(unicodedata.normalize("NFKC", text).split())

    return norm(a) == norm(b)


def reconcile(plan: Plan) -> list[Problem]:
    """Every disagreement between the plans' published claims and their data."""
    problems: list[Problem] = []
    for vision in plan.visions:
        framework = plan.get(PolicyFramework, vision.framework)
        problems.extend(_vision_names(vision, framework))
        for i, measure in enumerate(vision.measures):
            for j, kpi in enumerate(measure.kpis):
                for part, value in (("baseline", kpi.baseline), ("target", kpi.target)):
                    if value is not None:
                        path: tuple[PathKey, ...] = ("measures", i, "kpis", j, part)
                        problems.extend(
                            _era_problems(
                                vision, path, value, part_of(f"{measure.id}/{kpi.id}", part)
                            )
                        )
        for results in plan.results_of(vision.id):
            problems.extend(_components(vision, results))
    for report in plan.reports:
        problems.extend(_published(plan, report))
    return problems


def _published(plan: Plan, report: PublishedReport) -> Iterator[Problem]:
    vision = plan.get(Vision, report.vision)
    if vision is None:
        return
    framework = plan.get(PolicyFramework, vision.framework)
    years = plan.grade_years(vision)
    graded = years.get(report.fiscal_year)
    if graded is None:
        yield Problem(
            report,
            ("fiscal_year",),
            "unverifiable-claim",
            msg("unverifiable-claim/no-results", vision=vision.id, year=report.fiscal_year),
            Severity.INFO,
        )
        return
    yield from _report(report, vision, framework, graded, years)


def _field_variant(
    doc: PublishedReport | Vision,
    path: tuple[PathKey, ...],
    printed: str,
    field_id: str | None,
    framework: PolicyFramework | None,
) -> Iterator[Problem]:
    found = framework.field(field_id) if framework and field_id else None
    if found is not None and not _same_name(printed, found[1].name):
        yield Problem(
            doc,
            path,
            "field-name-variant",
            msg("field-name-variant/printed", printed=printed, name=found[1].name),
            Severity.WARNING,
        )


def _vision_names(vision: Vision, framework: PolicyFramework | None) -> Iterator[Problem]:
    for i, measure in enumerate(vision.measures):
        if measure.field_printed is not None:
            yield from _field_variant(
                vision,
                ("measures", i, "field_printed"),
                measure.field_printed,
                measure.field,
                framework,
            )


def _components(vision: Vision, results: Results) -> Iterator[Problem]:
    rounding = vision.grading.rounding if vision.grading else None
    for i, entry in enumerate(results.measures):
        for j, kpi_result in enumerate(entry.kpis):
            check = (
                reconcile_components(kpi_result, rounding)
                if rounding
                else reconcile_components(kpi_result)
            )
            if check is None:
                continue
            what = Text(
                f"{entry.measure}/{kpi_result.kpi} FY{results.fiscal_year}",
                f"{entry.measure}/{kpi_result.kpi} {results.fiscal_year}年度",
            )
            half_up = rounding is None or rounding is RoundingMode.HALF_UP
            rounding_name = (
                Text("half-up", "四捨五入") if half_up else Text("truncation", "切り捨て")
            )
            assumed = vision.grading is None or vision.grading.rounding_assumed
            whose = (
                Text(
                    f"the rounding assumed for this plan ({rounding_name.en}; "
                    "the plan states none)",
                    f"計画に記載がないため仮定した端数処理（{rounding_name.ja}）",
                )
                if assumed
                else Text(
                    f"this plan's rounding ({rounding_name.en})",
                    f"計画の端数処理（{rounding_name.ja}）",
                )
            )
            other_name = (
                Text("truncation", "切り捨て") if half_up else Text("rounding half-up", "四捨五入")
            )
            path: tuple[PathKey, ...] = ("measures", i, "kpis", j)
            computed = float(check.computed)
            for c, printed, recomputed in check.component_mismatches:
                yield Problem(
                    results,
                    (*path, "components", c, "printed"),
                    "component-mismatch",
                    msg(
                        "component-mismatch/component",
                        what=what,
                        index=c + 1,
                        printed=printed,
                        recomputed=recomputed,
                    ),
                )
            if check.printed is None or check.matches:
                continue
            if check.other_mode_matches:
                yield Problem(
                    results,
                    (*path, "actual"),
                    "component-rounding",
                    msg(
                        "component-rounding/actual",
                        what=what,
                        computed=f"{computed:.4f}",
                        rounded=check.rounded,
                        whose=whose,
                        printed=check.printed,
                        other=other_name,
                    ),
                    Severity.WARNING,
                )
            else:
                yield Problem(
                    results,
                    (*path, "actual"),
                    "component-mismatch",
                    msg(
                        "component-mismatch/actual",
                        what=what,
                        printed=check.printed,
                        rounded=check.rounded,
                    ),
                )


def _report(
    report: PublishedReport,
    vision: Vision,
    framework: PolicyFramework | None,
    graded: VisionGrades,
    years: dict[int, VisionGrades],
) -> Iterator[Problem]:
    context = _Context(report, vision, framework, graded, years)
    yield from _table(context)
    yield from _field_counts(context)
    yield from _grade_lists(context)
    yield from _shares(context)
    yield from _persistence(context)
    yield from _mentions(context)


@dataclass(frozen=True, slots=True)
class _Context:
    report: PublishedReport
    vision: Vision
    framework: PolicyFramework | None
    graded: VisionGrades
    years: dict[int, VisionGrades]

    @property
    def year(self) -> int:
        return self.report.fiscal_year

    @property
    def measures(self) -> dict[str, Measure]:
        return {m.id: m for m in self.vision.measures}


def _table(c: _Context) -> Iterator[Problem]:
    """The KPI table (資料No.1-2): grades, names, numbering."""
    report = c.report
    framework = c.framework
    graded = c.graded
    years = c.years
    year = c.year
    measures = c.measures
    rows = {(row.measure, row.kpi) for row in report.table}
    previous_no: int | None = None
    for i, row in enumerate(report.table):
        measure = measures.get(row.measure)
        if measure is None:
            continue
        kpi = measure.kpi(row.kpi)
        if row.measure_name_printed and not _same_name(row.measure_name_printed, measure.name):
            yield Problem(
                report,
                ("table", i, "measure_name_printed"),
                "name-mismatch",
                msg(
                    "name-mismatch/table-measure",
                    no=row.no,
                    printed=row.measure_name_printed,
                    name=measure.name,
                ),
                Severity.WARNING,
            )
        if kpi is not None and not _same_name(row.kpi_name_printed, kpi.name):
            yield Problem(
                report,
                ("table", i, "kpi_name_printed"),
                "name-mismatch",
                msg(
                    "name-mismatch/table-kpi",
                    no=row.no or measure.no,
                    printed=row.kpi_name_printed,
                    name=kpi.name,
                ),
                Severity.WARNING,
            )
        if row.field_printed:
            yield from _field_variant(
                report, ("table", i, "field_printed"), row.field_printed, measure.field, framework
            )
        if row.no is not None:
            if previous_no is not None and row.no > previous_no + 1:
                missing = _gap(previous_no + 1, row.no - 1)
                yield Problem(
                    report,
                    ("table", i, "no"),
                    "table-number-gap",
                    msg("table-number-gap/gap", previous=previous_no, no=row.no, missing=missing),
                    Severity.WARNING,
                )
            previous_no = row.no
        for grade_year, printed in row.grades.items():
            computed_year = years.get(grade_year)
            if computed_year is None:
                if grade_year != year:
                    yield Problem(
                        report,
                        ("table", i, "grades", str(grade_year)),
                        "unverifiable-claim",
                        msg(
                            "unverifiable-claim/no-results-for-grade",
                            year=grade_year,
                            printed=printed,
                        ),
                        Severity.INFO,
                    )
                continue
            computed = computed_year.grade_of(row.measure, row.kpi)
            if computed is not None and computed.grade != printed:
                number = row.no or measure.no
                said = {"no": number, "measure": measure.name, "printed": printed}
                if computed.grade is None:
                    detail = msg(
                        "grade-mismatch/no-grade", **said, year=grade_year, reason=computed.reason
                    )
                else:
                    detail = msg(
                        "grade-mismatch/grade",
                        **said,
                        year=grade_year,
                        actual=computed.actual,
                        target=computed.target,
                        rate=f"{float(computed.rate or 0) * 100:.1f}%",
                        grade=computed.grade,
                    )
                yield Problem(
                    report,
                    ("table", i, "grades", str(grade_year)),
                    "grade-mismatch",
                    detail,
                    key=False,
                )
    if report.table:
        for kpi_grade in graded.kpis:
            if (kpi_grade.measure_id, kpi_grade.kpi_id) not in rows:
                yield Problem(
                    report,
                    ("table",),
                    "kpi-not-in-table",
                    msg(
                        "kpi-not-in-table/kpi",
                        measure=kpi_grade.measure_name,
                        no=kpi_grade.measure_no,
                        kpi=kpi_grade.kpi_name,
                        year=year,
                        grade=kpi_grade.grade or Text("ungraded", "評価なし"),
                    ),
                    Severity.WARNING,
                )


def _field_counts(c: _Context) -> Iterator[Problem]:
    """The grade counts per policy field (資料No.1-1)."""
    report = c.report
    vision = c.vision
    framework = c.framework
    graded = c.graded
    year = c.year
    measures = c.measures
    printed_fields = set()
    for i, count in enumerate(report.field_counts):
        printed_fields.add(count.field)
        yield from _field_variant(
            report,
            ("field_counts", i, "field_printed"),
            count.field_printed,
            count.field,
            framework,
        )
        computed_counts = graded.summary.by_field.get(count.field)
        computed = {
            k: v for k, v in (computed_counts.by_grade if computed_counts else {}).items() if v
        }
        printed = {k: v for k, v in count.counts.items() if v}
        if computed != printed:
            table: dict[str, int] = {}
            for row in report.table:
                measure = measures.get(row.measure)
                if measure is not None and measure.field == count.field and year in row.grades:
                    table[row.grades[year]] = table.get(row.grades[year], 0) + 1
            note: Message | str = (
                msg("count-mismatch/table-note", counts=_counts_text(table))
                if table and table != printed and table != computed
                else ""
            )
            yield Problem(
                report,
                ("field_counts", i, "counts"),
                "count-mismatch",
                msg(
                    "count-mismatch/field",
                    field=count.field_printed,
                    printed=_counts_text(printed),
                    computed=_counts_text(computed),
                    note=note,
                ),
            )
    if report.field_counts:
        covered = {c.viewpoint for c in report.field_counts}
        for field_id, counts in graded.summary.by_field.items():
            measure = next((m for m in vision.measures if m.field == field_id), None)
            if (
                counts.total
                and field_id not in printed_fields
                and measure is not None
                and measure.viewpoint in covered
            ):
                yield Problem(
                    report,
                    ("field_counts",),
                    "count-missing",
                    msg(
                        "count-missing/field",
                        field=graded.field_name(field_id),
                        counts=_counts_text(counts.by_grade),
                    ),
                    Severity.WARNING,
                )


def _grade_lists(c: _Context) -> Iterator[Problem]:
    """The lists of measures graded C or D, with their circled numbers."""
    report = c.report
    graded = c.graded
    year = c.year
    measures = c.measures
    for i, grade_list in enumerate(report.grade_lists):
        wanted = set(grade_list.grades)
        expected = {
            w.measure_id: w
            for w in graded.summary.watched
            if set(w.grades) & wanted
            and (grade_list.viewpoint is None or w.viewpoint == grade_list.viewpoint)
        }
        listed = set()
        for j, item in enumerate(grade_list.items):
            listed.add(item.measure)
            measure = measures.get(item.measure)
            if measure is None:
                continue
            if not _same_name(item.name_printed, measure.name):
                yield Problem(
                    report,
                    ("grade_lists", i, "items", j, "name_printed"),
                    "name-mismatch",
                    msg("name-mismatch/listed", printed=item.name_printed, name=measure.name),
                    Severity.WARNING,
                )
            if measure.no is not None and circled_value(item.circled) != measure.no:
                yield Problem(
                    report,
                    ("grade_lists", i, "items", j, "circled"),
                    "list-number-mismatch",
                    msg(
                        "list-number-mismatch/item",
                        circled=item.circled,
                        printed=item.name_printed,
                        no=measure.no,
                    ),
                )
            if item.measure not in expected:
                own = [g.grade for g in graded.kpis if g.measure_id == item.measure]
                yield Problem(
                    report,
                    ("grade_lists", i, "items", j, "measure"),
                    "list-extra",
                    msg(
                        "list-extra/item",
                        circled=item.circled,
                        printed=item.name_printed,
                        grades="/".join(grade_list.grades),
                        own=Text(", ".join(str(g) for g in own), "、".join(str(g) for g in own)),
                        year=year,
                    ),
                )
        for measure_id, watched in expected.items():
            if measure_id not in listed:
                yield Problem(
                    report,
                    ("grade_lists", i, "items"),
                    "list-missing",
                    msg(
                        "list-missing/measure",
                        measure=watched.measure_name,
                        no=watched.measure_no,
                        grades="/".join(watched.grades),
                        year=year,
                    ),
                    key=True,
                )


def _shares(c: _Context) -> Iterator[Problem]:
    """Percentage statements (A及びB … 70%以上)."""
    report = c.report
    graded = c.graded
    for i, statement in enumerate(report.share_statements):
        counts = (
            graded.summary.by_viewpoint.get(statement.viewpoint)
            if statement.viewpoint
            else graded.summary.overall
        )
        share = counts.share(statement.grades) if counts else None
        if share is None:
            continue
        percent = share * 100
        holds = (
            percent >= Fraction(statement.percent)
            if statement.comparator is Comparator.AT_LEAST
            else percent == Fraction(statement.percent)
        )
        if not holds:
            yield Problem(
                report,
                ("share_statements", i, "percent"),
                "share-mismatch",
                msg(
                    "share-mismatch/statement",
                    grades=Text("+".join(statement.grades), "及び".join(statement.grades)),
                    percent=f"{float(percent):.1f}",
                    comparator=Text(
                        str(statement.comparator),
                        "以上" if statement.comparator is Comparator.AT_LEAST else "",
                    ),
                    stated=statement.percent,
                    text=statement.text,
                ),
            )


def _persistence(c: _Context) -> Iterator[Problem]:
    """Statements that measures stayed at some grades (… since FY2023)."""
    report = c.report
    graded = c.graded
    years = c.years
    year = c.year
    measures = c.measures
    for i, statement in enumerate(report.persistence_statements):
        if statement.count is not None and statement.count != len(statement.measures):
            yield Problem(
                report,
                ("persistence_statements", i, "count"),
                "persistence-mismatch",
                msg(
                    "persistence-mismatch/count",
                    count=statement.count,
                    named=len(statement.measures),
                ),
            )
        wanted = set(statement.grades)
        for j, named in enumerate(statement.measures):
            measure = measures.get(named.measure)
            if measure is not None and not _same_name(named.name_printed, measure.name):
                yield Problem(
                    report,
                    ("persistence_statements", i, "measures", j, "name_printed"),
                    "name-mismatch",
                    msg("name-mismatch/named", printed=named.name_printed, name=measure.name),
                    Severity.WARNING,
                )
            for check_year in range(statement.since_fiscal_year, year + 1):
                grades_then = years.get(check_year)
                if grades_then is None:
                    continue
                own = {g.grade for g in grades_then.kpis if g.measure_id == named.measure}
                if not own & wanted:
                    yield Problem(
                        report,
                        ("persistence_statements", i, "measures", j, "measure"),
                        "persistence-mismatch",
                        msg(
                            "persistence-mismatch/measure",
                            printed=named.name_printed,
                            grades="/".join(wanted),
                            since=statement.since_fiscal_year,
                            year=check_year,
                            own=Text(
                                ", ".join(sorted(str(g) for g in own)),
                                "、".join(sorted(str(g) for g in own)),
                            ),
                        ),
                    )
        missing_years = [y for y in range(statement.since_fiscal_year, year + 1) if y not in years]
        if missing_years:
            held = all(
                {g.grade for g in graded.kpis if g.measure_id == n.measure} & wanted
                for n in statement.measures
            )
            yield Problem(
                report,
                ("persistence_statements", i, "since_fiscal_year"),
                "unverifiable-claim",
                msg(
                    "unverifiable-claim/missing-years",
                    years=Text(
                        "FY" + ", FY".join(map(str, missing_years)),
                        "、".join(f"{y}年度" for y in missing_years),
                    ),
                    year=year,
                    held=Text("holds", "です") if held else Text("does not hold", "ではありません"),
                ),
                Severity.INFO,
            )


def _mentions(c: _Context) -> Iterator[Problem]:
    """Other places in the text that name a measure."""
    report = c.report
    measures = c.measures
    for i, mention in enumerate(report.mentions):
        measure = measures.get(mention.measure)
        if measure is not None and not _same_name(mention.name_printed, measure.name):
            yield Problem(
                report,
                ("mentions", i, "name_printed"),
                "name-mismatch",
                msg("name-mismatch/mention", printed=mention.name_printed, name=measure.name),
                Severity.WARNING,
            )


def _counts_text(counts: dict[str, int]) -> Text:
    shown = [(label, n) for label, n in sorted(counts.items()) if n]
    if not shown:
        return Text("none", "なし")
    return Text(
        ", ".join(f"{label} {n}" for label, n in shown),
        "、".join(f"{label} {n}件" for label, n in shown),
    )
