"""Checks across documents: unique ids, references that resolve, years inside periods.

Each problem names the document and the path inside it (``("measures", 3, "field")``); the
loading layer turns that into ``file:line:column``. The checks know nothing of files.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from teijuu.findings import Severity
from teijuu.fiscal import PrintedYear
from teijuu.model import (
    COMMON,
    Agreement,
    Document,
    KpiValue,
    PolicyFramework,
    PublishedReport,
    Results,
    Schedule,
    Sphere,
    Vision,
    VisionStatus,
)
from teijuu.plan import Plan

PathKey = str | int


@dataclass(frozen=True, slots=True)
class Problem:
    document: Document
    path: tuple[PathKey, ...]
    code: str
    message: str
    severity: Severity = Severity.ERROR
    key: bool = False  # point at the key rather than the value


def check_plan(plan: Plan) -> list[Problem]:
    """Every cross-document problem of ``plan``."""
    problems: list[Problem] = []
    problems.extend(_unique_documents(plan))
    for sphere in plan.spheres:
        problems.extend(_check_sphere(plan, sphere))
    for framework in plan.frameworks:
        problems.extend(_check_framework(plan, framework))
    for agreement in plan.agreements:
        problems.extend(_check_agreement(plan, agreement))
    for vision in plan.visions:
        problems.extend(_check_vision(plan, vision))
    for results in plan.results:
        problems.extend(_check_results(plan, results))
    for report in plan.reports:
        problems.extend(_check_report(plan, report))
    for schedule in plan.schedules:
        problems.extend(_check_schedule(plan, schedule))
    return problems


def _duplicates(
    doc: Document, items: Iterable[tuple[tuple[PathKey, ...], str]], what: str
) -> Iterator[Problem]:
    seen: dict[str, tuple[PathKey, ...]] = {}
    for path, item_id in items:
        if item_id in seen:
            yield Problem(
                doc,
                path,
                "duplicate-id",
                f"{what} id {item_id!r} is used twice in {doc.id}; ids must be unique",
            )
        else:
            seen[item_id] = path


def _unique_documents(plan: Plan) -> Iterator[Problem]:
    counts = Counter((d.kind, d.id) for d in plan)
    reported: set[tuple[str, str]] = set()
    for doc in plan:
        key = (doc.kind, doc.id)
        if counts[key] > 1 and key in reported:
            yield Problem(
                doc,
                ("id",),
                "duplicate-id",
                f"another {doc.kind} already has the id {doc.id!r}; give each document its own id",
            )
        reported.add(key)


def _missing(
    doc: Document, path: tuple[PathKey, ...], what: str, ref: str, choices: Iterable[str]
) -> Problem:
    known: set[str] = set()
    for choice in choices:  # at most 13 looked at: the hint is left out past 12
        known.add(choice)
        if len(known) > 12:
            break
    hint = f"; known: {', '.join(sorted(known))}" if known and len(known) <= 12 else ""
    return Problem(doc, path, "unresolved-reference", f"no {what} has the id {ref!r}{hint}")


def _municipalities(plan: Plan, sphere_id: str) -> set[str] | None:
    sphere = plan.get(Sphere, sphere_id)
    return None if sphere is None else {m.id for m in sphere.municipalities}


def _check_sphere(plan: Plan, sphere: Sphere) -> Iterator[Problem]:
    ids = {m.id for m in sphere.municipalities}
    yield from _duplicates(
        sphere,
        ((("municipalities", i, "id"), m.id) for i, m in enumerate(sphere.municipalities)),
        "municipality",
    )
    if sphere.central_city not in ids:
        yield _missing(sphere, ("central_city",), "municipality", sphere.central_city, ids)
    for i, event in enumerate(sphere.history):
        for j, actor in enumerate(event.actors):
            if actor not in ids:
                yield _missing(sphere, ("history", i, "actors", j), "municipality", actor, ids)
        if event.agreement is not None and not plan.declared(Agreement, event.agreement):
            yield _missing(
                sphere,
                ("history", i, "agreement"),
                "agreement",
                event.agreement,
                (a.id for a in plan.agreements),
            )


def _check_framework(plan: Plan, framework: PolicyFramework) -> Iterator[Problem]:
    if not plan.declared(Sphere, framework.sphere):
        yield _missing(
            framework, ("sphere",), "sphere", framework.sphere, (s.id for s in plan.spheres)
        )
    yield from _duplicates(
        framework,
        ((("viewpoints", i, "id"), v.id) for i, v in enumerate(framework.viewpoints)),
        "viewpoint",
    )
    yield from _duplicates(
        framework,
        (
            (("viewpoints", i, "fields", j, "id"), f.id)
            for i, v in enumerate(framework.viewpoints)
            for j, f in enumerate(v.fields)
        ),
        "policy field",
    )


def _check_agreement(plan: Plan, agreement: Agreement) -> Iterator[Problem]:
    members = _municipalities(plan, agreement.sphere)
    if members is None and not plan.declared(Sphere, agreement.sphere):
        yield _missing(
            agreement, ("sphere",), "sphere", agreement.sphere, (s.id for s in plan.spheres)
        )
    elif members is not None:
        for i, party in enumerate(agreement.parties):
            if party not in members:
                yield _missing(
                    agreement, ("parties", i), "municipality of the sphere", party, members
                )
    if agreement.amends is not None and not plan.declared(Agreement, agreement.amends):
        yield _missing(
            agreement, ("amends",), "agreement", agreement.amends, (a.id for a in plan.agreements)
        )
    frameworks = plan.frameworks_for_sphere(agreement.sphere)
    viewpoints = {v.id for f in frameworks for v in f.viewpoints}
    fields = {p.id for f in frameworks for v in f.viewpoints for p in v.fields}
    for i, viewpoint in enumerate(agreement.viewpoints):
        if viewpoint not in viewpoints:
            yield _missing(agreement, ("viewpoints", i), "viewpoint", viewpoint, viewpoints)
    for i, field_id in enumerate(agreement.fields):
        if field_id not in fields:
            yield _missing(agreement, ("fields", i), "policy field", field_id, fields)


def _era_problems(
    doc: Document, path: tuple[PathKey, ...], value: KpiValue, what: str
) -> Iterator[Problem]:
    printed: PrintedYear | None = value.printed_year
    if printed is None:
        return
    if not printed.consistent:
        yield Problem(
            doc,
            (*path, "printed_year"),
            "era-mismatch",
            f"{what} year is printed as {printed.printed!r}: {printed.western} in the Western "
            f"calendar but FY{printed.era} by its era; kept as printed, read as "
            f"FY{value.fiscal_year}",
            Severity.WARNING,
        )
    elif printed.year is not None and printed.year != value.fiscal_year:
        yield Problem(
            doc,
            (*path, "fiscal_year"),
            "era-mismatch",
            f"{what} fiscal_year is FY{value.fiscal_year} but its printed label "
            f"{printed.printed!r} says FY{printed.year}",
            Severity.WARNING,
        )


def _check_vision(plan: Plan, vision: Vision) -> Iterator[Problem]:
    sphere = plan.get(Sphere, vision.sphere)
    if not plan.declared(Sphere, vision.sphere):
        yield _missing(vision, ("sphere",), "sphere", vision.sphere, (s.id for s in plan.spheres))
    framework = plan.get(PolicyFramework, vision.framework)
    if framework is None:
        yield _missing(
            vision,
            ("framework",),
            "policy framework",
            vision.framework,
            (f.id for f in plan.frameworks),
        )
    if vision.previous is not None and not plan.declared(Vision, vision.previous):
        yield _missing(
            vision, ("previous",), "vision", vision.previous, (v.id for v in plan.visions)
        )
    listed = [r.revision for r in vision.revisions]
    if listed != list(range(1, len(listed) + 1)):
        yield Problem(
            vision,
            ("revisions",),
            "revision-mismatch",
            f"revisions are numbered {listed}; number them 1, 2, 3 … in order",
        )
    elif vision.revision > len(listed):
        yield Problem(
            vision,
            ("revision",),
            "revision-mismatch",
            f"revision: {vision.revision} but only {len(listed)} revision(s) are "
            "listed under revisions",
        )
    for i, revision in enumerate(vision.revisions):
        if revision.period is not None and revision.period.start != vision.period.start:
            yield Problem(
                vision,
                ("revisions", i, "period", "start"),
                "year-outside-period",
                f"a revision moves the start of the period from "
                f"FY{vision.period.start} to FY{revision.period.start}",
                Severity.WARNING,
            )
    if vision.drafted_from is not None and not plan.declared(Vision, vision.drafted_from.vision):
        yield _missing(
            vision,
            ("drafted_from", "vision"),
            "vision",
            vision.drafted_from.vision,
            (v.id for v in plan.visions),
        )
    for i, point in enumerate(vision.review_points):
        reviewed = vision.measure(point.measure)
        if reviewed is None:
            yield _missing(
                vision,
                ("review_points", i, "measure"),
                "measure of this vision",
                point.measure,
                (m.id for m in vision.measures),
            )
        elif point.kpi is not None and reviewed.kpi(point.kpi) is None:
            yield _missing(
                vision,
                ("review_points", i, "kpi"),
                f"KPI of {reviewed.id}",
                point.kpi,
                (k.id for k in reviewed.kpis),
            )
    members = {m.id for m in sphere.municipalities} if sphere else None
    yield from _duplicates(
        vision, ((("measures", i, "id"), m.id) for i, m in enumerate(vision.measures)), "measure"
    )
    numbers = Counter(m.no for m in vision.measures if m.no is not None)
    period = vision.period
    for i, measure in enumerate(vision.measures):
        base = ("measures", i)
        if measure.no is not None and numbers[measure.no] > 1:
            yield Problem(
                vision,
                (*base, "no"),
                "duplicate-id",
                f"the number {measure.no} is printed on more than one measure",
                Severity.WARNING,
            )
        if framework is not None:
            viewpoint = framework.viewpoint(measure.viewpoint)
            found = framework.field(measure.field)
            if viewpoint is None:
                yield _missing(
                    vision,
                    (*base, "viewpoint"),
                    "viewpoint",
                    measure.viewpoint,
                    (v.id for v in framework.viewpoints),
                )
            if found is None:
                yield _missing(
                    vision,
                    (*base, "field"),
                    "policy field",
                    measure.field,
                    (f.id for v in framework.viewpoints for f in v.fields),
                )
            elif viewpoint is not None and found[0].id != viewpoint.id:
                yield Problem(
                    vision,
                    (*base, "field"),
                    "field-not-in-viewpoint",
                    f"the field {measure.field!r} ({found[1].name}) belongs to "
                    f"{found[0].name}, not to {viewpoint.name}",
                )
        if members is not None:
            for j, municipality in enumerate(measure.municipalities):
                if municipality not in members:
                    yield _missing(
                        vision, (*base, "municipalities", j), "municipality", municipality, members
                    )
            for j, group in enumerate(measure.programs):
                if group.by != COMMON and group.by not in members:
                    yield _missing(
                        vision,
                        (*base, "programs", j, "by"),
                        f"municipality (or '{COMMON}')",
                        group.by,
                        members,
                    )
        for year in measure.budget:
            if year not in period:
                yield Problem(
                    vision,
                    (*base, "budget", str(year)),
                    "budget-outside-period",
                    f"budget for FY{year} is outside the vision's period {period}",
                    key=True,
                )
        yield from _duplicates(
            vision, (((*base, "kpis", j, "id"), k.id) for j, k in enumerate(measure.kpis)), "KPI"
        )
        for j, kpi in enumerate(measure.kpis):
            kpath = (*base, "kpis", j)
            what = f"{measure.id}/{kpi.id}"
            for part, value in (("baseline", kpi.baseline), ("target", kpi.target)):
                if value is not None:
                    yield from _era_problems(vision, (*kpath, part), value, f"{what} {part}")
            if kpi.target is not None and kpi.target.fiscal_year not in period:
                yield Problem(
                    vision,
                    (*kpath, "target", "fiscal_year"),
                    "year-outside-period",
                    f"{what}: the target year FY{kpi.target.fiscal_year} is outside "
                    f"the period {period}",
                )
            open_target = kpi.target is None or kpi.target.value is None
            if open_target and not kpi.qualitative and vision.status is not VisionStatus.DRAFT:
                yield Problem(
                    vision,
                    (*kpath, "target") if kpi.target else kpath,
                    "open-target",
                    f"{what}: an {vision.status} vision needs every KPI target; "
                    "only a draft may leave a target open",
                )


def _check_results(plan: Plan, results: Results) -> Iterator[Problem]:
    vision = plan.get(Vision, results.vision)
    if vision is None:
        if plan.declared(Vision, results.vision):
            return
        yield _missing(results, ("vision",), "vision", results.vision, (v.id for v in plan.visions))
        return
    period = vision.current_period
    if results.fiscal_year not in period:
        yield Problem(
            results,
            ("fiscal_year",),
            "year-outside-period",
            f"FY{results.fiscal_year} is outside the period of {vision.id} ({period})",
        )
    members = _municipalities(plan, vision.sphere) or set()
    yield from _duplicates(
        results,
        ((("measures", i, "measure"), m.measure) for i, m in enumerate(results.measures)),
        "measure result",
    )
    for i, entry in enumerate(results.measures):
        measure = vision.measure(entry.measure)
        if measure is None:
            yield _missing(
                results,
                ("measures", i, "measure"),
                f"measure of {vision.id}",
                entry.measure,
                (m.id for m in vision.measures),
            )
            continue
        yield from _duplicates(
            results,
            ((("measures", i, "kpis", j, "kpi"), k.kpi) for j, k in enumerate(entry.kpis)),
            "KPI result",
        )
        for j, kpi_result in enumerate(entry.kpis):
            if measure.kpi(kpi_result.kpi) is None:
                yield _missing(
                    results,
                    ("measures", i, "kpis", j, "kpi"),
                    f"KPI of {measure.id}",
                    kpi_result.kpi,
                    (k.id for k in measure.kpis),
                )
            for c, component in enumerate(kpi_result.components):
                if component.municipality is not None and component.municipality not in members:
                    yield _missing(
                        results,
                        ("measures", i, "kpis", j, "components", c, "municipality"),
                        "municipality",
                        component.municipality,
                        members,
                    )
        for part in ("evaluation", "next_steps"):
            for s, statement in enumerate(getattr(entry, part)):
                if statement.municipality is not None and statement.municipality not in members:
                    yield _missing(
                        results,
                        ("measures", i, part, s, "municipality"),
                        "municipality",
                        statement.municipality,
                        members,
                    )


def _check_report(plan: Plan, report: PublishedReport) -> Iterator[Problem]:
    vision = plan.get(Vision, report.vision)
    if vision is None:
        if plan.declared(Vision, report.vision):
            return
        yield _missing(report, ("vision",), "vision", report.vision, (v.id for v in plan.visions))
        return
    if report.fiscal_year not in vision.period:
        yield Problem(
            report,
            ("fiscal_year",),
            "year-outside-period",
            f"FY{report.fiscal_year} is outside the period of {vision.id}",
        )
    framework = plan.get(PolicyFramework, vision.framework)
    viewpoints = {v.id for v in framework.viewpoints} if framework else set()
    fields = {f.id for v in framework.viewpoints for f in v.fields} if framework else set()
    measures = {m.id: m for m in vision.measures}

    def measure_ref(path: tuple[PathKey, ...], measure_id: str) -> Iterator[Problem]:
        if measure_id not in measures:
            yield _missing(report, path, f"measure of {vision.id}", measure_id, measures)

    for i, row in enumerate(report.table):
        yield from measure_ref(("table", i, "measure"), row.measure)
        measure = measures.get(row.measure)
        if measure is not None and measure.kpi(row.kpi) is None:
            yield _missing(
                report,
                ("table", i, "kpi"),
                f"KPI of {measure.id}",
                row.kpi,
                (k.id for k in measure.kpis),
            )
        for year in row.grades:
            if year not in vision.period:
                yield Problem(
                    report,
                    ("table", i, "grades", str(year)),
                    "year-outside-period",
                    f"a grade column for FY{year}, outside {vision.period}",
                    key=True,
                )
    for i, count in enumerate(report.field_counts):
        if framework is not None and count.viewpoint not in viewpoints:
            yield _missing(
                report, ("field_counts", i, "viewpoint"), "viewpoint", count.viewpoint, viewpoints
            )
        if framework is not None and count.field not in fields:
            yield _missing(
                report, ("field_counts", i, "field"), "policy field", count.field, fields
            )
    for i, grade_list in enumerate(report.grade_lists):
        if (
            grade_list.viewpoint is not None
            and framework
            and grade_list.viewpoint not in viewpoints
        ):
            yield _missing(
                report,
                ("grade_lists", i, "viewpoint"),
                "viewpoint",
                grade_list.viewpoint,
                viewpoints,
            )
        for j, item in enumerate(grade_list.items):
            yield from measure_ref(("grade_lists", i, "items", j, "measure"), item.measure)
    for i, statement in enumerate(report.persistence_statements):
        for j, named in enumerate(statement.measures):
            yield from measure_ref(
                ("persistence_statements", i, "measures", j, "measure"), named.measure
            )

    for i, mention in enumerate(report.mentions):
        yield from measure_ref(("mentions", i, "measure"), mention.measure)


def _check_schedule(plan: Plan, schedule: Schedule) -> Iterator[Problem]:
    members = _municipalities(plan, schedule.sphere)
    if members is None and not plan.declared(Sphere, schedule.sphere):
        yield _missing(
            schedule, ("sphere",), "sphere", schedule.sphere, (s.id for s in plan.spheres)
        )
    yield from _duplicates(
        schedule,
        ((("milestones", i, "id"), m.id) for i, m in enumerate(schedule.milestones)),
        "milestone",
    )
    for i, milestone in enumerate(schedule.milestones):
        if milestone.vision is not None and not plan.declared(Vision, milestone.vision):
            yield _missing(
                schedule,
                ("milestones", i, "vision"),
                "vision",
                milestone.vision,
                (v.id for v in plan.visions),
            )
        if (
            milestone.municipality is not None
            and members is not None
            and milestone.municipality not in members
        ):
            yield _missing(
                schedule,
                ("milestones", i, "municipality"),
                "municipality",
                milestone.municipality,
                members,
            )
