"""Checks across documents: unique ids, references that resolve, years inside periods.

Each problem names the document and the path inside it (``("measures", 3, "field")``); the
loading layer turns that into ``file:line:column``. The checks know nothing of files.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property, partial

from pydantic import ValidationError

from teijuu.findings import Severity
from teijuu.fiscal import PlanDate, PrintedYear
from teijuu.messages import Message, Text, msg, noun
from teijuu.model import (
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
from teijuu.model.common import reason_of
from teijuu.model.paths import PathError
from teijuu.model.refs import NEAREST, Scope
from teijuu.plan import Plan
from teijuu.refs import RefSite, references

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
    index = _Index(plan)
    for document in plan:
        problems.extend(_source_references(document))
        problems.extend(_unresolved(index, document))
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


@dataclass(frozen=True, slots=True)
class _Known:
    """The ids a reference may take: ``what`` they are, for the message, and the hint's
    choices (the ids themselves unless said otherwise)."""

    what: str | Text
    ids: Collection[str]
    choices: Iterable[str] | None = None


class _AnyEdition(Collection[str]):
    """The ids of a vision as it stands, or else of any earlier revision of it: those are
    worked out only when an id is not among the first (a removed measure, rarely)."""

    def __init__(self, current: Collection[str], earlier: Callable[[], Collection[str]]) -> None:
        self.current = current
        self._earlier = earlier
        self._found: Collection[str] | None = None

    def __contains__(self, item: object) -> bool:
        if item in self.current:
            return True
        if self._found is None:
            self._found = self._earlier()
        return item in self._found

    def __iter__(self) -> Iterator[str]:  # the hint names what the vision holds now
        return iter(self.current)

    def __len__(self) -> int:
        return len(self.current)


class _Index:
    """What the references of a plan may name, gathered once for all its documents."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self._documents: dict[type[Document], _Known] = {}
        self._members: dict[str, set[str] | None] = {}
        self._earlier: dict[int, list[Vision]] = {}

    def documents(self, kind: type[Document], what: str) -> _Known:
        """The documents of ``kind``, those that did not validate too: each is reported with
        its own errors, and a reference to it is not reported again (the hint lists the valid)."""
        known = self._documents.get(kind)
        if known is None:
            valid = [d.id for d in self.plan.of_kind(kind)]
            name = kind.model_fields["kind"].default
            ids = set(valid) | {doc_id for k, doc_id in self.plan.broken if k == name}
            known = self._documents[kind] = _Known(what, ids, valid)
        return known

    def earlier(self, vision: Vision) -> list[Vision]:
        """The vision as each of its revisions left it, before the last (a results file of
        FY2024 names the measures of then, which a later 一部改正 may have removed); those that
        cannot be rebuilt are left out (their revision is reported as such)."""
        found = self._earlier.get(id(vision))
        if found is None:
            found = []
            for revision in range(vision.revision - 1, -1, -1):
                try:
                    found.append(vision.as_of(revision))
                except (PathError, ValidationError):
                    break
            self._earlier[id(vision)] = found
        return found

    def members(self, sphere_id: str) -> set[str] | None:
        """The municipalities of the sphere ``sphere_id``, if the plan holds it."""
        if sphere_id not in self._members:
            sphere = self.plan.get(Sphere, sphere_id)
            self._members[sphere_id] = (
                None if sphere is None else {m.id for m in sphere.municipalities}
            )
        return self._members[sphere_id]


class _Scopes:
    """What the references of one document may name: the sphere, framework and vision it
    belongs to are looked up once, when a reference first needs them."""

    def __init__(self, index: _Index, document: Document) -> None:
        self.index = index
        self.plan = index.plan
        self.document = document

    @cached_property
    def vision(self) -> Vision | None:
        """The vision the document is, or is about."""
        doc = self.document
        if isinstance(doc, Vision):
            return doc
        if isinstance(doc, Results | PublishedReport):
            return self.plan.get(Vision, doc.vision)
        return None

    @cached_property
    def municipalities(self) -> _Known | None:
        doc = self.document
        if isinstance(doc, Sphere):
            return _Known("municipality", {m.id for m in doc.municipalities})
        if isinstance(doc, Results | PublishedReport):
            if self.vision is None:
                return None
            # Not known when the vision's sphere is not here: that reference of the vision is
            # the one finding, not every municipality named under it.
            members = self.index.members(self.vision.sphere)
            return None if members is None else _Known("municipality", members)
        sphere = getattr(doc, "sphere", None)
        members = None if sphere is None else self.index.members(sphere)
        if members is None:
            return None
        if isinstance(doc, Agreement):
            return _Known("municipality of the sphere", members)
        return _Known("municipality", members)

    @cached_property
    def frameworks(self) -> list[PolicyFramework] | None:
        """The frameworks whose viewpoints and fields the document may name (an agreement's:
        every framework of its sphere)."""
        doc = self.document
        if isinstance(doc, Agreement):  # unknown while the plan holds none of them
            return self.plan.frameworks_for_sphere(doc.sphere) or None
        framework = None if self.vision is None else self.plan.framework_of(self.vision)
        return None if framework is None else [framework]

    @cached_property
    def viewpoints(self) -> _Known | None:
        if self.frameworks is None:
            return None
        return _Known("viewpoint", {v.id for f in self.frameworks for v in f.viewpoints})

    @cached_property
    def fields(self) -> _Known | None:
        if self.frameworks is None:
            return None
        return _Known("policy field", {p.id for f in self.frameworks for p in f.all_fields})

    @cached_property
    def measures(self) -> _Known | None:
        vision = self.vision
        if vision is None:
            return None
        what = (
            Text("measure of this vision", "このビジョンの施策")
            if vision is self.document
            else Text(f"measure of {vision.id}", f"{vision.id} の施策")
        )
        ids: Collection[str] = {m.id for m in vision.measures}
        if vision is not self.document:  # results, a report: of a year a revision may predate
            ids = _AnyEdition(ids, lambda: {m.id for v in self._earlier for m in v.measures})
        return _Known(what, ids)

    @cached_property
    def _earlier(self) -> list[Vision]:
        return [] if self.vision is None else self.index.earlier(self.vision)

    @cached_property
    def goals(self) -> _Known | None:
        return None if self.vision is None else _Known("goal", {g.id for g in self.vision.goals})

    def kpis(self, site: RefSite) -> _Known | None:
        """The KPIs of the measure named nearby (none when that measure is not found)."""
        measure_id = site.near.get(NEAREST[Scope.MEASURE])
        return None if measure_id is None else self._kpis_of.get(measure_id)

    @cached_property
    def _kpis_of(self) -> dict[str, _Known]:
        """The KPIs of each measure of the vision, by the measure's id (the first of an id
        given twice, as :meth:`Vision.measure` finds it), looked up once for every reference."""
        found: dict[str, _Known] = {}
        for measure in () if self.vision is None else self.vision.measures:
            if measure.id not in found:
                what = Text(f"KPI of {measure.id}", f"{measure.id} のKPI")
                ids: Collection[str] = {k.id for k in measure.kpis}
                if self.vision is not self.document:
                    ids = _AnyEdition(ids, partial(self._earlier_kpis, measure.id))
                found[measure.id] = _Known(what, ids)
        return found

    def _earlier_kpis(self, measure_id: str) -> set[str]:
        return {
            k.id for v in self._earlier for m in v.measures if m.id == measure_id for k in m.kpis
        }


_RESOLVERS: dict[tuple[str, Scope], Callable[[_Scopes, RefSite], _Known | None]] = {
    ("sphere", Scope.PLAN): lambda s, _: s.index.documents(Sphere, "sphere"),
    ("agreement", Scope.PLAN): lambda s, _: s.index.documents(Agreement, "agreement"),
    ("vision", Scope.PLAN): lambda s, _: s.index.documents(Vision, "vision"),
    ("framework", Scope.PLAN): lambda s, _: s.index.documents(PolicyFramework, "policy framework"),
    ("municipality", Scope.SPHERE): lambda s, _: s.municipalities,
    ("viewpoint", Scope.FRAMEWORK): lambda s, _: s.viewpoints,
    ("field", Scope.FRAMEWORK): lambda s, _: s.fields,
    ("measure", Scope.VISION): lambda s, _: s.measures,
    ("goal", Scope.VISION): lambda s, _: s.goals,
    ("kpi", Scope.MEASURE): _Scopes.kpis,
}
"""Where each kind of reference (its target and scope) finds the ids it may take; None: the
document does not say (its sphere is not here), and the reference is not checked."""

CHECKED_WHILE_READING: frozenset[tuple[str, Scope]] = frozenset({("source", Scope.DOCUMENT)})
"""References checked while a file is read, with no plan around it: ``source:`` names one of
the document's ``sources`` (:func:`teijuu.loading.validate_data`)."""


def _unresolved(index: _Index, document: Document) -> Iterator[Problem]:
    """Each reference the document makes that names nothing it may name."""
    scopes = _Scopes(index, document)
    for site in references(document):
        ref = site.ref
        if site.value in ref.literals or (ref.target, ref.scope) in CHECKED_WHILE_READING:
            continue
        known = _RESOLVERS[(ref.target, ref.scope)](scopes, site)
        if known is None or site.value in known.ids:
            continue
        what = noun(known.what) if isinstance(known.what, str) else known.what
        for literal in ref.literals:  # municipality (or 'common')
            what = Text(f"{what.en} (or '{literal}')", f"{what.ja}（または「{literal}」）")
        choices = known.ids if known.choices is None else known.choices
        yield _missing(document, site.path, what, site.value, choices)


def _check_sphere(plan: Plan, sphere: Sphere) -> Iterator[Problem]:
    yield from _duplicates(
        sphere,
        ((("municipalities", i, "id"), m.id) for i, m in enumerate(sphere.municipalities)),
        "municipality",
    )
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


def _check_framework(plan: Plan, framework: PolicyFramework) -> Iterator[Problem]:
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
    for rule in _VISION_RULES:
        yield from rule(plan, vision)


def _revision_numbers(plan: Plan, vision: Vision) -> Iterator[Problem]:
    """Revisions are numbered 1, 2, 3 … and the edition's ``revision`` is one of them."""
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


def _revision_periods(plan: Plan, vision: Vision) -> Iterator[Problem]:
    """A revision that changes the period keeps its start."""
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


def _measure_ids(plan: Plan, vision: Vision) -> Iterator[Problem]:
    """Each measure has its own id, and each measure's KPIs theirs."""
    yield from _duplicates(
        vision, ((("measures", i, "id"), m.id) for i, m in enumerate(vision.measures)), "measure"
    )
    for i, measure in enumerate(vision.measures):
        yield from _duplicates(
            vision,
            ((("measures", i, "kpis", j, "id"), k.id) for j, k in enumerate(measure.kpis)),
            "KPI",
        )


def _measure_numbers(plan: Plan, vision: Vision) -> Iterator[Problem]:
    """No two measures print the same No. (a warning: some plans do)."""
    numbers = Counter(m.no for m in vision.measures if m.no is not None)
    for i, measure in enumerate(vision.measures):
        if measure.no is not None and numbers[measure.no] > 1:
            yield Problem(
                vision,
                ("measures", i, "no"),
                "duplicate-id",
                msg("duplicate-id/number", no=measure.no),
                Severity.WARNING,
            )


def _placements(plan: Plan, vision: Vision) -> Iterator[Problem]:
    """Each measure's and goal's field is under its viewpoint."""
    framework = plan.get(PolicyFramework, vision.framework)
    if framework is None:
        return
    for i, measure in enumerate(vision.measures):
        yield from _placement(vision, ("measures", i), framework, measure.viewpoint, measure.field)
    for i, goal in enumerate(vision.goals):
        yield from _placement(vision, ("goals", i), framework, goal.viewpoint, goal.field)


def _budgets(plan: Plan, vision: Vision) -> Iterator[Problem]:
    for i, measure in enumerate(vision.measures):
        if measure.budget is not None:
            yield from _check_budget(vision, ("measures", i, "budget"), measure.budget)


def _kpis(plan: Plan, vision: Vision) -> Iterator[Problem]:
    """The KPIs of the measures, and the indicators of the goals."""
    for i, measure in enumerate(vision.measures):
        for j, kpi in enumerate(measure.kpis):
            yield from _check_kpi(vision, ("measures", i, "kpis", j), f"{measure.id}/{kpi.id}", kpi)
    for i, goal in enumerate(vision.goals):
        gpath = ("goals", i)
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
                # medium/long-term goals of the whole sphere look past the period (2040)
                long_term=goal.level is GoalLevel.SPHERE,
            )


def _goal_ids(plan: Plan, vision: Vision) -> Iterator[Problem]:
    yield from _duplicates(
        vision, ((("goals", i, "id"), g.id) for i, g in enumerate(vision.goals)), "goal"
    )


def _placement(
    vision: Vision,
    base: tuple[PathKey, ...],
    framework: PolicyFramework,
    viewpoint_id: str | None,
    field_id: str | None,
) -> Iterator[Problem]:
    """A measure's (or goal's) field is in its viewpoint (that each exists is a reference:
    :func:`_unresolved`)."""
    if viewpoint_id is None or field_id is None:
        return
    viewpoint = framework.viewpoint(viewpoint_id)
    found = framework.field(field_id)
    if viewpoint is None or found is None or found[0] is None or found[0].id == viewpoint.id:
        return
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
    *,
    long_term: bool = False,
) -> Iterator[Problem]:
    period = vision.period
    for part, value in (("baseline", kpi.baseline), ("target", kpi.target)):
        if value is not None:
            yield from _era_problems(vision, (*kpath, part), value, part_of(what, part))
    for v, value in enumerate(kpi.values):
        yield from _era_problems(vision, (*kpath, "values", v), value, part_of(what, "value"))
    target = kpi.target
    outside = (
        target is not None and target.fiscal_year is not None and target.fiscal_year not in period
    )
    if target is not None and outside and not long_term:
        yield Problem(
            vision,
            (*kpath, "target", "fiscal_year"),
            "year-outside-period",
            msg(
                "year-outside-period/target",
                what=what,
                year=target.fiscal_year,
                period=_period_text(period),
            ),
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


def _check_budget(vision: Vision, bpath: tuple[PathKey, ...], budget: Budget) -> Iterator[Problem]:
    """The years of a measure's budget, and of its municipalities' shares, are in the period."""
    period = vision.period

    def years(path: tuple[PathKey, ...], figures: Mapping[int, object]) -> Iterator[Problem]:
        for year in figures:
            if year not in period:
                yield Problem(
                    vision,
                    (*path, str(year)),
                    "budget-outside-period",
                    msg("budget-outside-period/year", year=year, period=_period_text(period)),
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
                    msg(
                        "budget-outside-period/range",
                        span=span.period,
                        period=_period_text(period),
                    ),
                    Severity.WARNING,
                )

    yield from years((*bpath, "years"), budget.years)
    yield from ranges((*bpath, "ranges"), budget.ranges)
    for m, share in enumerate(budget.by_municipality):
        mpath = (*bpath, "by_municipality", m)
        yield from years((*mpath, "years"), share.years)
        yield from ranges((*mpath, "ranges"), share.ranges)


def _revision_paths(plan: Plan, vision: Vision) -> Iterator[Problem]:
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
            yield Problem(
                vision,
                ("revisions",),
                "revision-path",
                msg(
                    "revision-path/invalid",
                    revision=revision.revision,
                    count=exc.error_count(),
                    first=reason_of(exc),
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


def _emptiness(plan: Plan, vision: Vision) -> Iterator[Problem]:
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


_VISION_RULES: tuple[Callable[[Plan, Vision], Iterator[Problem]], ...] = (
    _revision_numbers,
    _revision_periods,
    _measure_ids,
    _measure_numbers,
    _placements,
    _budgets,
    _kpis,
    _goal_ids,
    _revision_paths,
    _emptiness,
)
"""The rules of one vision edition, each a function of the plan and the edition (that what
the edition refers to exists is checked for every document alike: :func:`_unresolved`)."""


def _check_results(plan: Plan, results: Results) -> Iterator[Problem]:
    vision = plan.get(Vision, results.vision)
    if vision is None:  # named, but not here: a reference (_unresolved), or a broken file
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
                period=_period_text(period),
            ),
        )
    yield from _duplicates(
        results,
        ((("measures", i, "measure"), m.measure) for i, m in enumerate(results.measures)),
        "measure result",
    )
    measures = {m.id for m in vision.measures}
    for i, entry in enumerate(results.measures):
        if entry.measure not in measures:
            continue
        yield from _duplicates(
            results,
            ((("measures", i, "kpis", j, "kpi"), k.kpi) for j, k in enumerate(entry.kpis)),
            "KPI result",
        )


def _period_text(period: Period) -> Text:
    """FY2024–FY2026, or 2024～2026年度."""
    return Text(str(period), f"{period.start}～{period.end}年度")


def _check_report(plan: Plan, report: PublishedReport) -> Iterator[Problem]:
    vision = plan.get(Vision, report.vision)
    if vision is None:  # named, but not here: a reference (_unresolved), or a broken file
        return
    if report.fiscal_year not in vision.period:
        yield Problem(
            report,
            ("fiscal_year",),
            "year-outside-period",
            msg("year-outside-period/report", year=report.fiscal_year, vision=vision.id),
        )
    for i, row in enumerate(report.table):
        for year in row.grades:
            if year not in vision.period:
                yield Problem(
                    report,
                    ("table", i, "grades", str(year)),
                    "year-outside-period",
                    msg(
                        "year-outside-period/grade-column",
                        year=year,
                        period=_period_text(vision.period),
                    ),
                    key=True,
                )


def _check_schedule(plan: Plan, schedule: Schedule) -> Iterator[Problem]:
    yield from _duplicates(
        schedule,
        ((("milestones", i, "id"), m.id) for i, m in enumerate(schedule.milestones)),
        "milestone",
    )
