"""Checks across documents: unique ids, references that resolve, years inside periods.

Each problem names the document and the path inside it (``("measures", 3, "field")``); the
loading layer turns that into ``file:line:column``. The checks know nothing of files.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from pydantic import ValidationError

from teijuu.findings import Severity
from teijuu.fiscal import PlanDate, PrintedYear
from teijuu.messages import Message, Text, msg, noun
from teijuu.model import (
    COMMON,
    Agreement,
    AgreementStatus,
    Bound,
    Budget,
    BudgetRange,
    Direction,
    Document,
    GoalLevel,
    Kpi,
    KpiValue,
    Period,
    PolicyFramework,
    PublishedReport,
    Results,
    Schedule,
    Sphere,
    SphereStatus,
    Vision,
    VisionStatus,
)
from teijuu.model.paths import PathError
from teijuu.plan import Plan

PathKey = str | int


@dataclass(frozen=True, slots=True)
class Problem:
    document: Document
    path: tuple[PathKey, ...]
    code: str
    message: Message | str  # a message of the catalogue (teijuu.messages), or plain English
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
    for document in plan:
        problems.extend(_source_references(document))
    return problems


def _source_references(document: Document) -> Iterator[Problem]:
    """Each of a document's sources has its own id (that each ``source:`` names one of them is
    checked while the file is read: :func:`teijuu.loading.validate_data`)."""
    yield from _duplicates(
        document,
        ((("sources", i, "id"), s.id) for i, s in enumerate(document.sources)),
        "source",
    )


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
                msg("duplicate-id/item", what=noun(what), item_id=item_id, doc=doc.id),
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
                msg("duplicate-id/document", kind=doc.kind, doc_id=doc.id),
            )
        reported.add(key)


def _missing(
    doc: Document,
    path: tuple[PathKey, ...],
    what: str | Text,
    ref: str,
    choices: Iterable[str],
) -> Problem:
    known: set[str] = set()
    for choice in choices:  # at most 13 looked at: the hint is left out past 12
        known.add(choice)
        if len(known) > 12:
            break
    hint = (
        Text(f"; known: {', '.join(sorted(known))}", f"（あるのは {'、'.join(sorted(known))}）")
        if known and len(known) <= 12
        else ""
    )
    what = noun(what) if isinstance(what, str) else what
    return Problem(
        doc,
        path,
        "unresolved-reference",
        msg("unresolved-reference/id", what=what, ref=ref, hint=hint),
    )


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
    for i, central in enumerate(sphere.central_cities):
        if central not in ids:
            yield _missing(sphere, ("central_cities", i), "municipality", central, ids)
    if len(set(sphere.central_cities)) != len(sphere.central_cities):
        yield Problem(
            sphere,
            ("central_cities",),
            "duplicate-id",
            msg("duplicate-id/central-city"),
        )
    yield from _dated_status(
        sphere, sphere.status is SphereStatus.ENDED, "ended", sphere.ended, "status: ended"
    )
    for i, event in enumerate(sphere.history):
        yield from _date_in_fiscal_year(sphere, ("history", i), event.date, event.fiscal_year)
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
        [
            *(
                (("viewpoints", i, "fields", j, "id"), f.id)
                for i, v in enumerate(framework.viewpoints)
                for j, f in enumerate(v.fields)
            ),
            *((("fields", j, "id"), f.id) for j, f in enumerate(framework.fields)),
        ],
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
    yield from _dated_status(
        agreement,
        agreement.status is AgreementStatus.ABOLISHED,
        "abolished",
        agreement.abolished,
        "status: abolished",
    )
    yield from _dated_status(
        agreement,
        agreement.status is AgreementStatus.AMENDED,
        "amended",
        agreement.amended,
        "status: amended",
        required=False,
    )
    yield from _date_in_fiscal_year(agreement, (), agreement.date, agreement.fiscal_year)
    if agreement.amends is not None and not plan.declared(Agreement, agreement.amends):
        yield _missing(
            agreement, ("amends",), "agreement", agreement.amends, (a.id for a in plan.agreements)
        )
    frameworks = plan.frameworks_for_sphere(agreement.sphere)
    viewpoints = {v.id for f in frameworks for v in f.viewpoints}
    fields = {p.id for f in frameworks for p in f.all_fields}
    for i, viewpoint in enumerate(agreement.viewpoints):
        if viewpoint not in viewpoints:
            yield _missing(agreement, ("viewpoints", i), "viewpoint", viewpoint, viewpoints)
    for i, field_id in enumerate(agreement.fields):
        if field_id not in fields:
            yield _missing(agreement, ("fields", i), "policy field", field_id, fields)


def _dated_status(
    doc: Document,
    in_status: bool,
    key: str,
    date: PlanDate | None,
    status_text: str,
    *,
    required: bool = True,
) -> Iterator[Problem]:
    """A status that has a date (ended, abolished) and the date agree."""
    if date is not None and not in_status:
        yield Problem(
            doc,
            (key,),
            "status-mismatch",
            msg("status-mismatch/date", key=key, date=date, status=status_text),
        )
    elif in_status and date is None and required:
        yield Problem(
            doc,
            ("status",),
            "missing-date",
            msg("missing-date/status", status=status_text, key=key),
            Severity.WARNING,
        )


def _date_in_fiscal_year(
    doc: Document, path: tuple[PathKey, ...], date: PlanDate | None, fiscal_year: int | None
) -> Iterator[Problem]:
    """A date given with a month falls in the fiscal year given beside it (April to March)."""
    if date is None or fiscal_year is None or date.month is None:
        return
    actual = date.year if date.month >= 4 else date.year - 1
    if actual != fiscal_year:
        yield Problem(
            doc,
            (*path, "fiscal_year"),
            "date-fiscal-year-mismatch",
            msg("date-fiscal-year-mismatch/date", date=date, actual=actual, stated=fiscal_year),
        )


def _era_problems(
    doc: Document, path: tuple[PathKey, ...], value: KpiValue, what: str | Text
) -> Iterator[Problem]:
    printed: PrintedYear | None = value.printed_year
    if printed is None:
        return
    if not printed.consistent:
        yield Problem(
            doc,
            (*path, "printed_year"),
            "era-mismatch",
            msg(
                "era-mismatch/printed",
                what=what,
                printed=printed.printed,
                western=printed.western,
                era=printed.era,
                read=value.fiscal_year,
            ),
            Severity.WARNING,
        )
    elif (
        printed.year is not None
        and value.fiscal_year is not None
        and printed.year != value.fiscal_year
    ):
        yield Problem(
            doc,
            (*path, "fiscal_year"),
            "era-mismatch",
            msg(
                "era-mismatch/label",
                what=what,
                year=value.fiscal_year,
                printed=printed.printed,
                label=printed.year,
            ),
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
            msg("revision-mismatch/numbers", listed=listed),
        )
    elif vision.revision > len(listed):
        yield Problem(
            vision,
            ("revision",),
            "revision-mismatch",
            msg("revision-mismatch/count", revision=vision.revision, count=len(listed)),
        )
    for i, revision in enumerate(vision.revisions):
        if revision.period is not None and revision.period.start != vision.period.start:
            yield Problem(
                vision,
                ("revisions", i, "period", "start"),
                "year-outside-period",
                msg(
                    "year-outside-period/revision-start",
                    old=vision.period.start,
                    new=revision.period.start,
                ),
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
                msg("duplicate-id/number", no=measure.no),
                Severity.WARNING,
            )
        if framework is not None:
            yield from _placement(vision, base, framework, measure.viewpoint, measure.field)
        if measure.goal is not None and vision.goal(measure.goal) is None:
            yield _missing(
                vision, (*base, "goal"), "goal", measure.goal, (g.id for g in vision.goals)
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
            for j, role in enumerate(measure.roles_by_municipality):
                rpath = (*base, "roles_by_municipality", j)
                if role.municipality is not None and role.municipality not in members:
                    yield _missing(
                        vision, (*rpath, "municipality"), "municipality", role.municipality, members
                    )
                for k, member in enumerate(role.municipalities):
                    if member not in members:
                        yield _missing(
                            vision, (*rpath, "municipalities", k), "municipality", member, members
                        )
        if measure.budget is not None:
            yield from _check_budget(vision, (*base, "budget"), measure.budget, period, members)
        yield from _duplicates(
            vision, (((*base, "kpis", j, "id"), k.id) for j, k in enumerate(measure.kpis)), "KPI"
        )
        for j, kpi in enumerate(measure.kpis):
            yield from _check_kpi(
                vision, (*base, "kpis", j), f"{measure.id}/{kpi.id}", kpi, members
            )
    for i, goal in enumerate(vision.goals):
        gpath = ("goals", i)
        if framework is not None:
            yield from _placement(vision, gpath, framework, goal.viewpoint, goal.field)
        yield from _duplicates(
            vision,
            (((*gpath, "indicators", j, "id"), k.id) for j, k in enumerate(goal.indicators)),
            "indicator",
        )
        for j, kpi in enumerate(goal.indicators):
            yield from _check_kpi(
                vision,
                (*gpath, "indicators", j),
                Text(f"goal {goal.id}/{kpi.id}", f"基本目標 {goal.id}/{kpi.id}"),
                kpi,
                members,
                # medium/long-term goals of the whole sphere look past the period (2040)
                long_term=goal.level is GoalLevel.SPHERE,
            )
    yield from _duplicates(
        vision, ((("goals", i, "id"), g.id) for i, g in enumerate(vision.goals)), "goal"
    )
    yield from _revision_paths(vision)
    yield from _emptiness(vision)


def _placement(
    vision: Vision,
    base: tuple[PathKey, ...],
    framework: PolicyFramework,
    viewpoint_id: str | None,
    field_id: str | None,
) -> Iterator[Problem]:
    """A measure's (or goal's) viewpoint and field exist, and the field is in the viewpoint."""
    viewpoint = framework.viewpoint(viewpoint_id) if viewpoint_id is not None else None
    found = framework.field(field_id) if field_id is not None else None
    if viewpoint_id is not None and viewpoint is None:
        yield _missing(
            vision,
            (*base, "viewpoint"),
            "viewpoint",
            viewpoint_id,
            (v.id for v in framework.viewpoints),
        )
    if field_id is not None and found is None:
        yield _missing(
            vision,
            (*base, "field"),
            "policy field",
            field_id,
            (f.id for f in framework.all_fields),
        )
    elif (
        found is not None
        and found[0] is not None
        and viewpoint is not None
        and found[0].id != viewpoint.id
    ):
        yield Problem(
            vision,
            (*base, "field"),
            "field-not-in-viewpoint",
            msg(
                "field-not-in-viewpoint/field",
                field_id=field_id,
                field=found[1].name,
                owner=found[0].name,
                viewpoint=viewpoint.name,
            ),
        )


def _check_kpi(
    vision: Vision,
    kpath: tuple[PathKey, ...],
    what: str | Text,
    kpi: Kpi,
    members: set[str] | None,
    *,
    long_term: bool = False,
) -> Iterator[Problem]:
    period = vision.period
    for part, value in (("baseline", kpi.baseline), ("target", kpi.target)):
        if value is not None:
            yield from _era_problems(vision, (*kpath, part), value, part_of(what, part))
    for v, value in enumerate(kpi.values):
        yield from _era_problems(vision, (*kpath, "values", v), value, part_of(what, "value"))
        if members is not None and value.municipality not in (None, *members):
            yield _missing(
                vision,
                (*kpath, "values", v, "municipality"),
                "municipality",
                str(value.municipality),
                members,
            )
    target = kpi.target
    outside = (
        target is not None and target.fiscal_year is not None and target.fiscal_year not in period
    )
    if target is not None and outside and not long_term:
        yield Problem(
            vision,
            (*kpath, "target", "fiscal_year"),
            "year-outside-period",
            msg("year-outside-period/target", what=what, year=target.fiscal_year, period=period),
        )
    if target is not None and target.bound is not None:
        expected = Bound.AT_MOST if kpi.direction is Direction.LOWER_IS_BETTER else Bound.AT_LEAST
        if target.bound is not expected:
            better = "lower" if target.bound is Bound.AT_MOST else "higher"
            yield Problem(
                vision,
                (*kpath, "target", "bound"),
                "bound-direction",
                msg(
                    "bound-direction/target",
                    what=what,
                    bound=target.bound,
                    direction=kpi.direction,
                    better=better,
                ),
            )
    open_target = target is None or target.value is None
    if open_target and not kpi.qualitative and vision.status is not VisionStatus.DRAFT:
        if vision.partial:  # an excerpt of a plan: what was not transcribed stays open
            yield Problem(
                vision,
                (*kpath, "target") if target else kpath,
                "open-target",
                msg("open-target/partial", what=what),
                Severity.WARNING,
            )
        else:
            yield Problem(
                vision,
                (*kpath, "target") if target else kpath,
                "open-target",
                msg("open-target/adopted", what=what, status=_a(vision.status)),
            )


def _check_budget(
    vision: Vision,
    bpath: tuple[PathKey, ...],
    budget: Budget,
    period: Period,
    members: set[str] | None,
) -> Iterator[Problem]:
    def years(path: tuple[PathKey, ...], figures: Mapping[int, object]) -> Iterator[Problem]:
        for year in figures:
            if year not in period:
                yield Problem(
                    vision,
                    (*path, str(year)),
                    "budget-outside-period",
                    msg("budget-outside-period/year", year=year, period=period),
                    key=True,
                )

    def ranges(path: tuple[PathKey, ...], spans: Iterable[BudgetRange]) -> Iterator[Problem]:
        for r, span in enumerate(spans):
            if span.period is None:
                continue
            if span.period.start < period.start or span.period.end > period.end:
                yield Problem(
                    vision,
                    (*path, r, "period"),
                    "budget-outside-period",
                    msg("budget-outside-period/range", span=span.period, period=period),
                    Severity.WARNING,
                )

    yield from years((*bpath, "years"), budget.years)
    yield from ranges((*bpath, "ranges"), budget.ranges)
    for m, share in enumerate(budget.by_municipality):
        mpath = (*bpath, "by_municipality", m)
        if members is not None and share.municipality not in members:
            yield _missing(
                vision, (*mpath, "municipality"), "municipality", share.municipality, members
            )
        yield from years((*mpath, "years"), share.years)
        yield from ranges((*mpath, "ranges"), share.ranges)


def _revision_paths(vision: Vision) -> Iterator[Problem]:
    """Every earlier revision can be rebuilt: what the revisions name is there to undo."""
    for revision in sorted(vision.revisions, key=lambda r: r.revision, reverse=True):
        if not revision.changes_content:
            continue
        try:
            vision.as_of(revision.revision - 1)
        except PathError as exc:
            index = next(i for i, r in enumerate(vision.revisions) if r.revision == exc.revision)
            yield Problem(
                vision,
                ("revisions", index, exc.part, exc.index),
                "revision-path",
                msg(
                    "revision-path/path",
                    revision=exc.revision,
                    path=exc.path,
                    reason=exc.reason,
                ),
            )
            return
        except ValidationError as exc:
            first = exc.errors()[0]
            said = first.get("ctx", {}).get("message")  # the model's own errors carry theirs
            yield Problem(
                vision,
                ("revisions",),
                "revision-path",
                msg(
                    "revision-path/invalid",
                    revision=revision.revision,
                    count=exc.error_count(),
                    first=said if isinstance(said, Message | Text) else first["msg"],
                ),
            )
            return


def _a(word: str) -> Text:
    """'an adopted', 'a superseded' (策定済み, 旧版)."""
    return Text(f"{'an' if word[:1] in 'aeiou' else 'a'} {word}", noun(str(word)).ja)


_PARTS: dict[str, str] = {"baseline": "基準値", "target": "目標値", "value": "値"}


def part_of(what: str | Text, part: str) -> Text:
    """'bus/riders target' (バス/riders の目標値)."""
    en, ja = (what, what) if isinstance(what, str) else (what.en, what.ja)
    return Text(f"{en} {part}", f"{ja} の{_PARTS.get(part, part)}")


def _emptiness(vision: Vision) -> Iterator[Problem]:
    """An adopted edition with nothing to grade says so, rather than passing in silence."""
    if vision.status is VisionStatus.DRAFT:
        return
    excerpt = Text(
        " (or set `partial: true` if the file holds only some of the plan)",
        "（ファイルが計画の一部だけなら `partial: true` にしてください）",
    )
    if not vision.measures and not vision.partial:
        yield Problem(
            vision,
            ("status",),
            "empty-vision",
            msg("empty-vision/vision", status=_a(vision.status), excerpt=excerpt),
            Severity.WARNING,
        )
    # A sphere's population outlook is not graded A–D; measures' KPIs and basic goals are.
    graded = sum(len(g.indicators) for g in vision.goals if g.level is not GoalLevel.SPHERE)
    kpis = sum(len(m.kpis) for m in vision.measures) + graded
    if vision.measures and kpis == 0:
        yield Problem(
            vision,
            ("measures",),
            "no-kpis",
            msg("no-kpis/vision", status=_a(vision.status)),
            Severity.WARNING,
        )
    if kpis and vision.grading is None:
        yield Problem(
            vision,
            ("status",),
            "no-grading-rule",
            msg("no-grading-rule/vision", status=_a(vision.status)),
            Severity.WARNING,
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
            msg(
                "year-outside-period/results",
                year=results.fiscal_year,
                vision=vision.id,
                period=period,
            ),
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
            msg("year-outside-period/report", year=report.fiscal_year, vision=vision.id),
        )
    framework = plan.get(PolicyFramework, vision.framework)
    viewpoints = {v.id for v in framework.viewpoints} if framework else set()
    fields = {f.id for f in framework.all_fields} if framework else set()
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
                    msg("year-outside-period/grade-column", year=year, period=vision.period),
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
    for i, remark in enumerate(report.remarks):
        if remark.viewpoint is not None and framework and remark.viewpoint not in viewpoints:
            yield _missing(
                report, ("remarks", i, "viewpoint"), "viewpoint", remark.viewpoint, viewpoints
            )


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
