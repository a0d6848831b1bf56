"""What changed between two editions of a plan, in the language of the plan (``teijuu diff``).

Changes are found between two visions (measures matched by id, then by likeness for a measure
whose id changed), between two results of a fiscal year (actuals, and the grades they move),
and between any two documents of the same kind and id. Every change has a stable ``id`` built
from ids, never from wording, so that a review can refer to it (a vision's ``change_notes``),
and the same ``id`` in ``diff(a, b)`` and ``diff(b, a)``: the two are mirror images.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from typing import Any

from teijuu.budgets import measure_total, sum_known
from teijuu.findings import Finding
from teijuu.grading import grade_kpi
from teijuu.model import (
    Budget,
    BudgetUnit,
    Document,
    Kpi,
    Measure,
    PolicyFramework,
    Results,
    Vision,
)
from teijuu.model.budget import convert
from teijuu.plan import Plan


class ChangeSeverity(StrEnum):
    """How closely a review should look: a removed KPI is high, a reworded text low."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def rank(self) -> int:
        return {"high": 3, "medium": 2, "low": 1}[self.value]


class ChangeKind(StrEnum):
    """What a change is, with its data (as griffe's ``BreakageKind``): its severity (higher
    for the parts named in ``high_parts``), its mirror (the kind of the same change seen from
    the other side: added ↔ removed) and its labels for people. The one place kinds are
    defined: :data:`MIRROR`, :func:`severity_of` and the renderers' labels derive from it."""

    base_severity: ChangeSeverity
    high_parts: frozenset[str]
    ja: str
    en: str
    _mirror: str

    def __new__(
        cls, value: str, severity: ChangeSeverity, mirror: str, ja: str, en: str, high: str
    ) -> ChangeKind:
        member = str.__new__(cls, value)
        member._value_ = value
        member.base_severity = severity
        member._mirror = mirror
        member.ja = ja
        member.en = en
        member.high_parts = frozenset(high.split())
        return member

    @property
    def mirror(self) -> ChangeKind:
        """The kind of this change seen from the other side (``kpi-added`` ↔ ``kpi-removed``;
        a kind that reads the same both ways is its own mirror)."""
        return _KIND_BY_VALUE[self._mirror]

    def severity(self, part: str = "") -> ChangeSeverity:
        """The severity of a change of this kind to ``part`` (a KPI's target is high)."""
        return ChangeSeverity.HIGH if part in self.high_parts else self.base_severity

    def label(self, lang: str = "ja") -> str:
        return self.ja if lang == "ja" else self.en

    MEASURE_ADDED = (
        "measure-added",
        ChangeSeverity.MEDIUM,
        "measure-removed",
        "施策の追加",
        "Measure added",
        "",
    )
    MEASURE_REMOVED = (
        "measure-removed",
        ChangeSeverity.HIGH,
        "measure-added",
        "施策の削除",
        "Measure removed",
        "",
    )
    MEASURE_ABSENT = (
        "measure-absent",
        ChangeSeverity.LOW,
        "measure-absent",
        "抜粋にない施策",
        "Measure not in the excerpt",
        "",
    )
    # High: the pairing is a guess by likeness (a wrong one hides a removal behind it), and
    # every results file and change note must follow the new id.
    MEASURE_RENAMED = (
        "measure-renamed",
        ChangeSeverity.HIGH,
        "measure-renamed",
        "施策IDの変更",
        "Measure id changed",
        "",
    )
    MEASURE_MOVED = (
        "measure-moved",
        ChangeSeverity.MEDIUM,
        "measure-moved",
        "政策分野の移動",
        "Moved to another policy field",
        "",
    )
    MEASURE_CHANGED = (
        "measure-changed",
        ChangeSeverity.LOW,
        "measure-changed",
        "施策の変更",
        "Measure changed",
        "",
    )
    TEXT_CHANGED = (
        "text-changed",
        ChangeSeverity.LOW,
        "text-changed",
        "文章の変更",
        "Text changed",
        "",
    )
    KPI_ADDED = ("kpi-added", ChangeSeverity.MEDIUM, "kpi-removed", "KPIの追加", "KPI added", "")
    KPI_REMOVED = ("kpi-removed", ChangeSeverity.HIGH, "kpi-added", "KPIの削除", "KPI removed", "")
    KPI_CHANGED = (
        "kpi-changed",
        ChangeSeverity.MEDIUM,
        "kpi-changed",
        "KPIの変更",
        "KPI changed",
        "target.value target.fiscal_year",
    )
    BUDGET_ADDED = (
        "budget-added",
        ChangeSeverity.MEDIUM,
        "budget-removed",
        "事業費の追加",
        "Budget added",
        "",
    )
    BUDGET_REMOVED = (
        "budget-removed",
        ChangeSeverity.MEDIUM,
        "budget-added",
        "事業費の削除",
        "Budget removed",
        "",
    )
    BUDGET_CHANGED = (
        "budget-changed",
        ChangeSeverity.MEDIUM,
        "budget-changed",
        "事業費の変更",
        "Budget changed",
        "",
    )
    PROGRAM_ADDED = (
        "program-added",
        ChangeSeverity.LOW,
        "program-removed",
        "事業の追加",
        "Programme added",
        "",
    )
    PROGRAM_REMOVED = (
        "program-removed",
        ChangeSeverity.LOW,
        "program-added",
        "事業の削除",
        "Programme removed",
        "",
    )
    ACTUAL_ADDED = (
        "actual-added",
        ChangeSeverity.MEDIUM,
        "actual-removed",
        "実績値の追加",
        "Actual added",
        "",
    )
    ACTUAL_REMOVED = (
        "actual-removed",
        ChangeSeverity.HIGH,
        "actual-added",
        "実績値の削除",
        "Actual removed",
        "",
    )
    ACTUAL_CHANGED = (
        "actual-changed",
        ChangeSeverity.HIGH,
        "actual-changed",
        "実績値の変更",
        "Actual changed",
        "",
    )
    GRADE_CHANGED = (
        "grade-changed",
        ChangeSeverity.MEDIUM,
        "grade-changed",
        "達成状況の変化",
        "Grade moved",
        "",
    )
    VISION_CHANGED = (
        "vision-changed",
        ChangeSeverity.MEDIUM,
        "vision-changed",
        "ビジョンの変更",
        "Vision changed",
        "grading period",
    )
    REVISION_ADDED = (
        "revision-added",
        ChangeSeverity.MEDIUM,
        "revision-removed",
        "改定の追加",
        "Revision added",
        "",
    )
    REVISION_REMOVED = (
        "revision-removed",
        ChangeSeverity.MEDIUM,
        "revision-added",
        "改定の削除",
        "Revision removed",
        "",
    )
    REVIEW_POINT_ADDED = (
        "review-point-added",
        ChangeSeverity.LOW,
        "review-point-removed",
        "見直し事項の追加",
        "Review point added",
        "",
    )
    REVIEW_POINT_REMOVED = (
        "review-point-removed",
        ChangeSeverity.LOW,
        "review-point-added",
        "見直し事項の削除",
        "Review point removed",
        "",
    )
    GOAL_ADDED = (
        "goal-added",
        ChangeSeverity.MEDIUM,
        "goal-removed",
        "目標の追加",
        "Goal added",
        "",
    )
    GOAL_REMOVED = (
        "goal-removed",
        ChangeSeverity.HIGH,
        "goal-added",
        "目標の削除",
        "Goal removed",
        "",
    )
    GOAL_CHANGED = (
        "goal-changed",
        ChangeSeverity.MEDIUM,
        "goal-changed",
        "目標の変更",
        "Goal changed",
        "",
    )
    DOCUMENT_ADDED = (
        "document-added",
        ChangeSeverity.MEDIUM,
        "document-removed",
        "文書の追加",
        "Document added",
        "",
    )
    DOCUMENT_REMOVED = (
        "document-removed",
        ChangeSeverity.HIGH,
        "document-added",
        "文書の削除",
        "Document removed",
        "",
    )
    FIELD_CHANGED = (
        "field-changed",
        ChangeSeverity.LOW,
        "field-changed",
        "項目の変更",
        "Field changed",
        "",
    )


_KIND_BY_VALUE: dict[str, ChangeKind] = {kind.value: kind for kind in ChangeKind}

MIRROR: dict[str, str] = {kind.value: kind.mirror.value for kind in ChangeKind}
"""Each kind's mirror, by value (derived from :class:`ChangeKind`)."""


def severity_of(kind: str, part: str = "") -> ChangeSeverity:
    """The severity of a change, from its kind (and the attribute it touches)."""
    return _KIND_BY_VALUE[kind].severity(part)


Segment = tuple[str, str]
"""An inline text diff piece: ('=', kept), ('-', removed) or ('+', added)."""

DocumentKey = tuple[str, str]
"""A document's (kind, id)."""


@dataclass(frozen=True, slots=True)
class Site:
    """Where a change stands in a plan file (1-based line and column)."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


_GONE_KINDS = frozenset(kind for kind in MIRROR if kind.endswith("-removed"))


@dataclass(frozen=True, slots=True)
class Change:
    id: str
    kind: ChangeKind
    path: str
    old: Any
    new: Any
    severity: ChangeSeverity
    part: str = ""
    inline: tuple[Segment, ...] | None = None
    note: str | None = None
    subject: str = ""
    """Who the change belongs to, for grouping: a measure id, or ``vision``, or a document."""
    label: str = ""
    """What it is about, for people: the KPI's name for a KPI change."""
    sides: tuple[DocumentKey | None, DocumentKey | None] = (None, None)
    """The document the change is in, on each side (None where it has no such document)."""
    at: tuple[Site | None, Site | None] = (None, None)
    """Where the change stands in the files, on each side (see ``teijuu.locations``)."""

    @property
    def site_side(self) -> int | None:
        """The side a reviewer looks at first (0 old, 1 new): the old side for something
        removed, else the new; None where the change stands in no file."""
        first, second = (0, 1) if self.kind in _GONE_KINDS else (1, 0)
        return first if self.at[first] else second if self.at[second] else None

    @property
    def site(self) -> Site | None:
        side = self.site_side
        return None if side is None else self.at[side]

    def mirrored(self) -> Change:
        kind = self.kind.mirror
        inline = None
        if self.inline is not None:
            swap = {"-": "+", "+": "-", "=": "="}
            inline = tuple((swap[op], text) for op, text in self.inline)
        return replace(
            self,
            kind=kind,
            old=self.new,
            new=self.old,
            severity=severity_of(kind, self.part),
            inline=inline,
            note=None,
            sides=(self.sides[1], self.sides[0]),
            at=(self.at[1], self.at[0]),
        )


def inline_diff(old: str, new: str) -> tuple[Segment, ...]:
    """A character diff (Japanese has no spaces to split words at), merged into readable runs:
    equal runs shorter than three characters between two changes are folded into them."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    raw: list[Segment] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            raw.append(("=", old[i1:i2]))
        else:
            if i2 > i1:
                raw.append(("-", old[i1:i2]))
            if j2 > j1:
                raw.append(("+", new[j1:j2]))
    merged: list[Segment] = []
    for index, (sign, text) in enumerate(raw):
        if sign == "=" and len(text) < 3 and 0 < index < len(raw) - 1:
            merged += [("-", text), ("+", text)]
        else:
            merged.append((sign, text))
    out: list[Segment] = []
    # Regroup: consecutive non-equal pieces become one removal and one addition.
    pending_old, pending_new = "", ""
    for sign, text in merged:
        if sign == "=":
            if pending_old:
                out.append(("-", pending_old))
            if pending_new:
                out.append(("+", pending_new))
            pending_old, pending_new = "", ""
            out.append(("=", text))
        elif sign == "-":
            pending_old += text
        else:
            pending_new += text
    if pending_old:
        out.append(("-", pending_old))
    if pending_new:
        out.append(("+", pending_new))
    return tuple(out)


def _json(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, StrEnum):
        return value.value
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    if isinstance(value, list | tuple):
        return [_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json(v) for k, v in value.items()}
    if value is not None and not isinstance(value, str | int | float | bool):
        return str(value)
    return value


@dataclass
class _Collector:
    changes: list[Change] = field(default_factory=list)

    def add(
        self,
        change_id: str,
        kind: str,
        path: str,
        old: Any,
        new: Any,
        *,
        part: str = "",
        subject: str = "",
        label: str = "",
    ) -> None:
        inline = None
        if kind == "text-changed" and isinstance(old, str) and isinstance(new, str):
            inline = inline_diff(old, new)
        self.changes.append(
            Change(
                change_id,
                _KIND_BY_VALUE[kind],
                path,
                _json(old),
                _json(new),
                severity_of(kind, part),
                part,
                inline,
                None,
                subject,
                label,
            )
        )


# ---------------------------------------------------------------------------------------------
# Visions


_VISION_FIELDS = (
    "id",
    "edition",
    "revision",
    "title",
    "status",
    "adopted",
    "previous",
    "aims",
    "note",
    "sphere",
    "framework",
    "edition_printed",
    "partial",
)
_TEXT_FIELDS = ("development", "content", "effect", "roles")


def _likeness(a: Measure, b: Measure) -> float:
    name = difflib.SequenceMatcher(None, a.name, b.name, autojunk=False).ratio()
    content = difflib.SequenceMatcher(
        None, a.content or "", b.content or "", autojunk=False
    ).ratio()
    kpis_a, kpis_b = {k.name for k in a.kpis}, {k.name for k in b.kpis}
    kpis = len(kpis_a & kpis_b) / max(1, len(kpis_a | kpis_b))
    same_field = 1.0 if a.field == b.field else 0.0
    return 0.35 * name + 0.35 * content + 0.2 * kpis + 0.1 * same_field


RENAME_LIKENESS = 0.6
"""How alike two measures with different ids must be to count as one measure renamed."""


def _pair_measures(
    old: Vision, new: Vision
) -> tuple[list[tuple[Measure, Measure]], list[Measure], list[Measure]]:
    new_by_id: dict[str, Measure] = {}
    for measure in new.measures:
        new_by_id.setdefault(measure.id, measure)  # the first of an id, as Vision.measure
    new_ids = new_by_id.keys()
    old_ids = {m.id for m in old.measures}
    pairs = [(m, new_by_id[m.id]) for m in old.measures if m.id in new_ids]
    gone = [m for m in old.measures if m.id not in new_ids]
    came = [m for m in new.measures if m.id not in old_ids]
    candidates = sorted(
        ((_likeness(a, b), i, j) for i, a in enumerate(gone) for j, b in enumerate(came)),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    used_old: set[int] = set()
    used_new: set[int] = set()
    renamed = []
    for score, i, j in candidates:
        if score < RENAME_LIKENESS or i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        renamed.append((gone[i], came[j]))
    matched = [(a, b) for a, b in pairs if b is not None] + renamed
    removed = [m for i, m in enumerate(gone) if i not in used_old]
    added = [m for j, m in enumerate(came) if j not in used_new]
    return matched, removed, added


def _measure_key(a: Measure, b: Measure) -> str:
    return a.id if a.id == b.id else "~".join(sorted((a.id, b.id)))


def diff_visions(old: Vision, new: Vision) -> list[Change]:
    """Every change from ``old`` to ``new``, in a stable order."""
    out = _Collector()
    for name in _VISION_FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        if _json(before) != _json(after):
            kind = "text-changed" if name in {"aims", "note", "title"} else "vision-changed"
            out.add(f"vision:{name}", kind, name, before, after, part=name, subject="vision")
    before_period, after_period = old.current_period, new.current_period
    if (before_period.start, before_period.end) != (after_period.start, after_period.end):
        out.add(
            "vision:period",
            "vision-changed",
            "period",
            str(before_period),
            str(after_period),
            part="period",
            subject="vision",
        )
    rule_a = old.grading.model_copy(update={"printed": None}) if old.grading else None
    rule_b = new.grading.model_copy(update={"printed": None}) if new.grading else None
    if _json(rule_a) != _json(rule_b):
        out.add(
            "vision:grading",
            "vision-changed",
            "grading",
            rule_a,
            rule_b,
            part="grading",
            subject="vision",
        )
    printed_a = old.grading.printed if old.grading else None
    printed_b = new.grading.printed if new.grading else None
    if printed_a != printed_b:
        out.add(
            "vision:grading.printed",
            "text-changed",
            "grading.printed",
            printed_a,
            printed_b,
            part="grading.printed",
            subject="vision",
        )
    old_revisions = {r.revision: r for r in old.revisions if r.revision <= old.revision}
    new_revisions = {r.revision: r for r in new.revisions if r.revision <= new.revision}
    for number in sorted(old_revisions.keys() | new_revisions.keys()):
        rev_a, rev_b = old_revisions.get(number), new_revisions.get(number)
        if rev_a is None or rev_b is None:
            kind = "revision-added" if rev_a is None else "revision-removed"
            out.add(
                f"revision:{number}",
                kind,
                f"revisions[{number}]",
                rev_a.summary if rev_a else None,
                rev_b.summary if rev_b else None,
                subject="vision",
            )
    old_points = {(p.measure, p.kpi, p.reason.value): p for p in old.review_points}
    new_points = {(p.measure, p.kpi, p.reason.value): p for p in new.review_points}
    for key in sorted(old_points.keys() | new_points.keys(), key=str):
        a_point, b_point = old_points.get(key), new_points.get(key)
        if (a_point is None) != (b_point is None):
            kind = "review-point-added" if a_point is None else "review-point-removed"
            where = f"{key[0]}/{key[1]}" if key[1] else key[0]
            out.add(
                f"review:{where}:{key[2]}",
                kind,
                f"review_points[{where}]",
                a_point.text if a_point else None,
                b_point.text if b_point else None,
                subject=key[0],
            )
    _diff_goals(out, old, new)
    matched, removed, added = _pair_measures(old, new)
    for measure in removed:
        out.add(
            f"measure:{measure.id}",
            # an excerpt (partial: true) that lacks a measure does not say it was removed
            "measure-absent" if new.partial else "measure-removed",
            f"measures[{measure.id}]",
            measure.name,
            None,
            subject=measure.id,
        )
    for measure in added:
        out.add(
            f"measure:{measure.id}",
            "measure-absent" if old.partial else "measure-added",
            f"measures[{measure.id}]",
            None,
            measure.name,
            subject=measure.id,
        )
    for a, b in matched:
        _diff_measure(out, a, b)
    order = {m.id: i for i, m in enumerate(new.measures)}
    order |= {m.id: len(order) + i for i, m in enumerate(old.measures) if m.id not in order}
    return sorted(out.changes, key=lambda c: (_subject_rank(c.subject, order), c.id))


def _subject_rank(subject: str, order: Mapping[str, int]) -> tuple[int, int]:
    if subject == "vision":
        return (0, 0)
    return (1, min(order.get(part, 10**6) for part in subject.split("~")))


def _diff_measure(out: _Collector, a: Measure, b: Measure) -> None:
    key = _measure_key(a, b)
    base = f"measures[{key}]"
    if a.id != b.id:
        out.add(f"measure-id:{key}", "measure-renamed", f"{base}.id", a.id, b.id, subject=key)
    if (a.viewpoint, a.field) != (b.viewpoint, b.field):
        out.add(
            f"measure:{key}:field",
            "measure-moved",
            f"{base}.field",
            f"{a.viewpoint}/{a.field}",
            f"{b.viewpoint}/{b.field}",
            subject=key,
        )
    for name in ("name", "no", "field_printed", "municipalities", "note"):
        before, after = getattr(a, name), getattr(b, name)
        if _json(before) != _json(after):
            kind = "text-changed" if name in {"name", "note"} else "measure-changed"
            out.add(
                f"measure:{key}:{name}",
                kind,
                f"{base}.{name}",
                before,
                after,
                part=name,
                subject=key,
            )
    for name in _TEXT_FIELDS:
        before, after = getattr(a, name), getattr(b, name)
        if before != after:
            out.add(
                f"measure:{key}:{name}",
                "text-changed",
                f"{base}.{name}",
                before,
                after,
                part=name,
                subject=key,
            )
    old_programs = {(g.by, n) for g in a.programs for n in g.names}
    new_programs = {(g.by, n) for g in b.programs for n in g.names}
    for by, name in sorted(old_programs ^ new_programs):
        gone = (by, name) in old_programs
        out.add(
            f"program:{key}:{by}:{name}",
            "program-removed" if gone else "program-added",
            f"{base}.programs[{by}]",
            name if gone else None,
            None if gone else name,
            subject=key,
        )
    for year, before_amount, after_amount in _budget_figures(a.budget, b.budget):
        if before_amount == after_amount:
            continue
        kind = (
            "budget-added"
            if before_amount is None
            else "budget-removed"
            if after_amount is None
            else "budget-changed"
        )
        out.add(
            f"budget:{key}:{year}",
            kind,
            f"{base}.budget.{year}",
            before_amount,
            after_amount,
            subject=key,
        )
    _diff_kpis(out, key, base, a.kpis, b.kpis)


def _diff_kpis(
    out: _Collector,
    key: str,
    base: str,
    a_kpis: Sequence[Kpi],
    b_kpis: Sequence[Kpi],
    *,
    id_key: str | None = None,
) -> None:
    """KPIs (of a measure, or indicators of a goal) added, removed or changed. ``key`` is the
    subject the changes are grouped under; ``id_key`` what their ids name (default: ``key``)."""
    id_key = id_key or key
    old_kpis = {k.id: k for k in a_kpis}
    new_kpis = {k.id: k for k in b_kpis}
    for kpi_id in [k.id for k in a_kpis] + [k.id for k in b_kpis if k.id not in old_kpis]:
        before_kpi, after_kpi = old_kpis.get(kpi_id), new_kpis.get(kpi_id)
        where = f"{base}.kpis[{kpi_id}]"
        if before_kpi is None or after_kpi is None:
            kind = "kpi-added" if before_kpi is None else "kpi-removed"
            out.add(
                f"kpi:{id_key}/{kpi_id}",
                kind,
                where,
                before_kpi.name if before_kpi else None,
                after_kpi.name if after_kpi else None,
                subject=key,
                label=(before_kpi or after_kpi).name,  # type: ignore[union-attr]
            )
            continue
        # The same label in both directions (diff(a, b) and diff(b, a) mirror each other).
        label = min(before_kpi.name, after_kpi.name)
        for part, before, after in _kpi_parts(before_kpi, after_kpi):
            kind = "text-changed" if part == "name" else "kpi-changed"
            out.add(
                f"kpi:{id_key}/{kpi_id}:{part}",
                kind,
                f"{where}.{part}",
                before,
                after,
                part=part,
                subject=key,
                label=label,
            )


def _diff_goals(out: _Collector, old: Vision, new: Vision) -> None:
    """Goals above the measures added, removed or changed, with their indicators."""
    old_goals = {g.id: g for g in old.goals}
    new_goals = {g.id: g for g in new.goals}
    for goal_id in [g.id for g in old.goals] + [g.id for g in new.goals if g.id not in old_goals]:
        a, b = old_goals.get(goal_id), new_goals.get(goal_id)
        base = f"goals[{goal_id}]"
        if a is None or b is None:
            out.add(
                f"goal:{goal_id}",
                "goal-added" if a is None else "goal-removed",
                base,
                a.name if a else None,
                b.name if b else None,
                subject="vision",
            )
            continue
        for part in ("name", "text"):
            if getattr(a, part) != getattr(b, part):
                out.add(
                    f"goal:{goal_id}:{part}",
                    "text-changed",
                    f"{base}.{part}",
                    getattr(a, part),
                    getattr(b, part),
                    part=part,
                    subject="vision",
                )
        for part in ("level", "viewpoint", "field", "agreement_item"):
            if getattr(a, part) != getattr(b, part):
                out.add(
                    f"goal:{goal_id}:{part}",
                    "goal-changed",
                    f"{base}.{part}",
                    _json(getattr(a, part)),
                    _json(getattr(b, part)),
                    part=part,
                    subject="vision",
                )
        _diff_kpis(out, "vision", base, a.indicators, b.indicators, id_key=f"goal:{goal_id}")


def _budget_figures(
    a: Budget | None, b: Budget | None
) -> Iterator[tuple[str, Decimal | None, Decimal | None]]:
    """(fiscal year or range, before, after) of two budgets, in 千円 whatever unit was printed;
    None where no figure is printed (or it is printed as unknown)."""
    unit = BudgetUnit.THOUSAND_YEN

    def ranges(budget: Budget | None) -> dict[str, Decimal | None]:
        if budget is None:
            return {}
        return {
            (f"{r.period.start}-{r.period.end}" if r.period else f"total{i}"): None
            if r.amount is None
            else convert(r.amount, budget.unit, unit)
            for i, r in enumerate(budget.ranges)
        }

    years = sorted((a.years.keys() if a else set()) | (b.years.keys() if b else set()))
    for year in years:
        yield (
            str(year),
            a.in_year(year, unit) if a else None,
            b.in_year(year, unit) if b else None,
        )
    old_ranges, new_ranges = ranges(a), ranges(b)
    for span in sorted(old_ranges.keys() | new_ranges.keys()):
        yield span, old_ranges.get(span), new_ranges.get(span)


def _kpi_parts(a: Kpi, b: Kpi) -> Iterator[tuple[str, Any, Any]]:
    for name in ("name", "unit", "direction", "cumulative", "qualitative"):
        if getattr(a, name) != getattr(b, name):
            yield name, getattr(a, name), getattr(b, name)
    for end in ("baseline", "target"):
        va, vb = getattr(a, end), getattr(b, end)
        for part in ("fiscal_year", "value"):
            before = getattr(va, part) if va is not None else None
            after = getattr(vb, part) if vb is not None else None
            if before != after:
                yield f"{end}.{part}", before, after


# ---------------------------------------------------------------------------------------------
# Results


def diff_results(
    old: Results, new: Results, old_vision: Vision | None = None, new_vision: Vision | None = None
) -> list[Change]:
    """Actuals and texts changed between two results, and the grades that move with them."""
    out = _Collector()
    if old.fiscal_year != new.fiscal_year:
        out.add(
            "results:fiscal_year",
            "vision-changed",
            "fiscal_year",
            old.fiscal_year,
            new.fiscal_year,
            subject="vision",
        )
    old_entries = {m.measure: m for m in old.measures}
    new_entries = {m.measure: m for m in new.measures}
    graders = _Grader(old_vision), _Grader(new_vision or old_vision)
    for measure_id in list(old_entries) + [m for m in new_entries if m not in old_entries]:
        a, b = old_entries.get(measure_id), new_entries.get(measure_id)
        a_kpis = {k.kpi: k for k in a.kpis} if a else {}
        b_kpis = {k.kpi: k for k in b.kpis} if b else {}
        for kpi_id in list(a_kpis) + [k for k in b_kpis if k not in a_kpis]:
            before = a_kpis[kpi_id].actual if kpi_id in a_kpis else None
            after = b_kpis[kpi_id].actual if kpi_id in b_kpis else None
            if before == after:
                continue
            kind = (
                "actual-added"
                if before is None
                else "actual-removed"
                if after is None
                else "actual-changed"
            )
            path = f"measures[{measure_id}].kpis[{kpi_id}].actual"
            out.add(
                f"actual:{measure_id}/{kpi_id}:FY{new.fiscal_year}",
                kind,
                path,
                before,
                after,
                subject=measure_id,
            )
            grade_before = graders[0].grade(measure_id, kpi_id, before)
            grade_after = graders[1].grade(measure_id, kpi_id, after)
            if grade_before != grade_after:
                out.add(
                    f"grade:{measure_id}/{kpi_id}:FY{new.fiscal_year}",
                    "grade-changed",
                    path.replace(".actual", ".grade"),
                    grade_before,
                    grade_after,
                    subject=measure_id,
                )
        for part in ("evaluation", "next_steps"):
            texts_a = {s.municipality or "": s.text for s in (getattr(a, part) if a else [])}
            texts_b = {s.municipality or "": s.text for s in (getattr(b, part) if b else [])}
            for who in sorted(texts_a.keys() | texts_b.keys()):
                if texts_a.get(who) != texts_b.get(who):
                    suffix = f"[{who}]" if who else ""
                    out.add(
                        f"text:{measure_id}:{part}{suffix}:FY{new.fiscal_year}",
                        "text-changed",
                        f"measures[{measure_id}].{part}{suffix}",
                        texts_a.get(who),
                        texts_b.get(who),
                        part=part,
                        subject=measure_id,
                    )
    return out.changes


class _Grader:
    """The grade an actual gets under one vision (None: no vision, no actual, no such KPI),
    with the vision's KPIs looked up once, not once an actual."""

    def __init__(self, vision: Vision | None) -> None:
        from teijuu.grading import DEFAULT_RULE

        self.vision = vision
        self.rule = vision.grading or DEFAULT_RULE if vision is not None else DEFAULT_RULE
        self.kpis: dict[tuple[str, str], Kpi] = {}
        measures: set[str] = set()
        for measure in vision.measures if vision is not None else ():
            if measure.id in measures:  # as Vision.measure finds it: the first of an id
                continue
            measures.add(measure.id)
            for kpi in measure.kpis:
                self.kpis.setdefault((measure.id, kpi.id), kpi)

    def grade(self, measure_id: str, kpi_id: str, actual: Decimal | None) -> str | None:
        kpi = self.kpis.get((measure_id, kpi_id))
        if actual is None or kpi is None:  # no vision: no KPIs
            return None
        return grade_kpi(kpi, actual, self.rule).grade


# ---------------------------------------------------------------------------------------------
# Any two documents, and two whole plans


def _generic(kind: str, doc_id: str, old: Any, new: Any, path: str, out: _Collector) -> None:
    if isinstance(old, dict) and isinstance(new, dict):
        for key in list(old) + [k for k in new if k not in old]:
            _generic(
                kind, doc_id, old.get(key), new.get(key), f"{path}.{key}" if path else key, out
            )
    elif (
        isinstance(old, list)
        and isinstance(new, list)
        and all(isinstance(x, dict) and "id" in x for x in [*old, *new])
    ):
        a = {x["id"]: x for x in old}
        b = {x["id"]: x for x in new}
        for key in list(a) + [k for k in b if k not in a]:
            _generic(kind, doc_id, a.get(key), b.get(key), f"{path}[{key}]", out)
    elif (
        isinstance(old, list)
        and isinstance(new, list)
        and all(isinstance(x, dict) for x in [*old, *new])
    ):
        # Rows without ids (a report's table): compare them row by row, not as one value.
        for index in range(max(len(old), len(new))):
            before = old[index] if index < len(old) else None
            after = new[index] if index < len(new) else None
            _generic(kind, doc_id, before, after, f"{path}[{index}]", out)
    elif old != new:
        out.add(
            f"{kind}/{doc_id}:{path}", "field-changed", path, old, new, subject=f"{kind}/{doc_id}"
        )


def diff_documents(old: Document, new: Document) -> list[Change]:
    """Changes between two documents of the same kind (visions and results in detail)."""
    if isinstance(old, Vision) and isinstance(new, Vision):
        return diff_visions(old, new)
    if isinstance(old, Results) and isinstance(new, Results):
        return diff_results(old, new)
    out = _Collector()
    _generic(old.kind, new.id, _json(old), _json(new), "", out)
    return out.changes


@dataclass(frozen=True, slots=True)
class BudgetTotals:
    """Budget totals in 千円 on both sides; None where any part is unknown (不明, never 0)."""

    old: Decimal | None
    new: Decimal | None

    @property
    def change(self) -> Decimal | None:
        return None if self.old is None or self.new is None else self.new - self.old


@dataclass(frozen=True, slots=True)
class PlanDiff:
    """Changes between two plans (or two documents), with budget totals where visions changed."""

    changes: list[Change]
    titles: tuple[str, str] = ("", "")
    budget_by_vision: dict[str, BudgetTotals] = field(default_factory=dict)
    budget_by_field: dict[str, BudgetTotals] = field(default_factory=dict)
    budget_by_measure: dict[str, BudgetTotals] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    """Subject (measure id or pair) → the measure's name, for people."""
    notes: tuple[Finding, ...] = ()
    """What the sides leave unresolved (a sphere or framework not beside two loose files):
    notes (``info``) that do not stop the diff."""

    def failing(self, level: ChangeSeverity) -> list[Change]:
        return [c for c in self.changes if c.severity.rank >= level.rank and c.note is None]

    def grades_moved_by(self, change: Change) -> list[Change]:
        """The grade changes that ``change`` brings about: a KPI's target or an actual moving
        its grade, a removed KPI or measure taking its grades away, a new rule regrading."""
        return [c for c in self.changes if c.kind == "grade-changed" and _moves(change, c)]


def _moves(cause: Change, grade: Change) -> bool:
    kind, _, rest = cause.id.partition(":")
    if cause.kind == "grade-changed":
        return False
    if kind == "kpi":
        where = rest.split(":", 1)[0]  # measure/kpi
        return grade.id.startswith(f"grade:{where}:") and grade.id.endswith(":rule")
    if kind == "actual":
        return grade.id == f"grade:{rest}"
    if kind == "measure" and cause.kind == "measure-removed":
        return grade.id.startswith(f"grade:{rest}/")
    return cause.id == "vision:grading" and grade.id.endswith(":rule")


def merge_diffs(diffs: Sequence[PlanDiff], titles: tuple[str, str] = ("", "")) -> PlanDiff:
    """Several diffs (several paths against one base) as one."""
    return PlanDiff(
        [c for d in diffs for c in d.changes],
        titles,
        {k: v for d in diffs for k, v in d.budget_by_vision.items()},
        {k: v for d in diffs for k, v in d.budget_by_field.items()},
        {k: v for d in diffs for k, v in d.budget_by_measure.items()},
        {k: v for d in diffs for k, v in d.names.items()},
        tuple(n for d in diffs for n in d.notes),
    )


def _totals(
    old: Vision | None, new: Vision | None, names: Mapping[str, str], diff: list[Change]
) -> tuple[dict[str, BudgetTotals], dict[str, BudgetTotals], dict[str, BudgetTotals]]:
    def total(v: Vision | None, pick: Any) -> Decimal | None:
        if v is None:
            return Decimal(0)
        return sum_known(measure_total(m) for m in v.measures if pick(m))

    if not any(c.kind.startswith("budget") for c in diff):
        return {}, {}, {}
    vision_key = (new or old).id if (new or old) else "vision"  # type: ignore[union-attr]
    by_vision = {vision_key: BudgetTotals(total(old, lambda m: True), total(new, lambda m: True))}
    fields = list(dict.fromkeys(m.field for v in (new, old) if v for m in v.measures))
    by_field = {}
    for field_id in fields:
        totals = BudgetTotals(
            total(old, lambda m, f=field_id: m.field == f),
            total(new, lambda m, f=field_id: m.field == f),
        )
        if totals.old != totals.new:
            by_field[names.get(field_id, field_id) if field_id else "—"] = totals
    by_measure = {}
    for change in diff:
        if change.kind.startswith("budget") and change.subject not in by_measure:
            ids = change.subject.split("~")
            a = next((m for m in (old.measures if old else []) if m.id in ids), None)
            b = next((m for m in (new.measures if new else []) if m.id in ids), None)
            by_measure[change.subject] = BudgetTotals(
                measure_total(a) if a else Decimal(0), measure_total(b) if b else Decimal(0)
            )
    return by_vision, by_field, by_measure


def _field_names(
    frameworks: Iterable[PolicyFramework | None], visions: Iterable[Vision | None] = ()
) -> dict[str, str]:
    """Each field's name: the framework's, else (two loose files, no framework beside them)
    the name a measure sheet prints for it (``field_printed``), else nothing (the id)."""
    names: dict[str, str] = {}
    for framework in frameworks:
        if framework is not None:
            for policy_field in framework.all_fields:
                names.setdefault(policy_field.id, policy_field.name)
    for vision in visions:
        for measure in vision.measures if vision else []:
            if measure.field and measure.field_printed:
                names.setdefault(measure.field, measure.field_printed)
    return names


def _measure_names(visions: Iterable[Vision | None]) -> dict[str, str]:
    names: dict[str, str] = {}
    for vision in visions:
        for measure in vision.measures if vision else []:
            names.setdefault(measure.id, measure.name)
    return names


def _apply_notes(changes: list[Change], *documents: Vision | Results | None) -> list[Change]:
    notes: dict[str, str] = {}
    for document in documents:
        for change_note in document.change_notes if document else []:
            notes[change_note.change] = change_note.note
    out = []
    for change in changes:
        reason = notes.get(change.id) or next(
            (
                text
                for key, text in notes.items()
                if key.endswith("*") and change.id.startswith(key[:-1])
            ),
            None,
        )
        out.append(replace(change, note=reason) if reason else change)
    return out


def diff_pair(
    old: Document, new: Document, *, old_plan: Plan | None = None, new_plan: Plan | None = None
) -> PlanDiff:
    """Two documents of the same kind, ids may differ (the 3rd and the 4th vision)."""
    changes = diff_documents(old, new)
    if isinstance(old, Results) and isinstance(new, Results):
        changes = diff_results(
            old,
            new,
            old_plan.get(Vision, old.vision) if old_plan else None,
            new_plan.get(Vision, new.vision) if new_plan else None,
        )
    frameworks = []
    for plan, doc in ((old_plan, old), (new_plan, new)):
        if plan is not None and isinstance(doc, Vision):
            frameworks.append(plan.framework_of(doc))
    old_vision = old if isinstance(old, Vision) else None
    new_vision = new if isinstance(new, Vision) else None
    names = _field_names(frameworks, (new_vision, old_vision))
    changes = _apply_notes(changes, new if isinstance(new, Vision | Results) else None)
    sides = ((old.kind, old.id), (new.kind, new.id))
    changes = [replace(c, sides=sides) for c in changes]
    by_vision, by_field, by_measure = _totals(old_vision, new_vision, names, changes)
    if isinstance(new, Results) and new_plan is not None:
        new_vision = new_plan.get(Vision, new.vision)  # for the measures' names
    if isinstance(old, Results) and old_plan is not None and old_vision is None:
        old_vision = old_plan.get(Vision, old.vision)
    return PlanDiff(
        changes,
        (_title(old), _title(new)),
        by_vision,
        by_field,
        by_measure,
        _subject_names(_measure_names([new_vision, old_vision]), changes),
    )


def _title(document: Document) -> str:
    title = getattr(document, "title", None) or getattr(document, "name", None) or document.id
    if isinstance(document, Vision) and document.revision:
        title += f"（改定{document.revision}）"
    if isinstance(document, Results):
        title = f"{document.vision} FY{document.fiscal_year}"
    return str(title)


def _subject_names(names: Mapping[str, str], changes: Iterable[Change]) -> dict[str, str]:
    out = {}
    for change in changes:
        ids = change.subject.split("~")
        found = [names[i] for i in ids if i in names]
        if found:
            out[change.subject] = found[0]
    return out


def diff_plans(old: Plan, new: Plan) -> PlanDiff:
    """Two whole plans: documents matched by kind and id; added and removed documents too."""
    old_docs = {(d.kind, d.id): d for d in old}
    new_docs = {(d.kind, d.id): d for d in new}
    changes: list[Change] = []
    by_vision: dict[str, BudgetTotals] = {}
    by_field: dict[str, BudgetTotals] = {}
    by_measure: dict[str, BudgetTotals] = {}
    names: dict[str, str] = {}
    renames: dict[str, str] = {}
    for before in old.visions:
        after = new.get(Vision, before.id)
        if after is not None:
            for x, y in _pair_measures(before, after)[0]:
                if x.id != y.id:
                    renames[x.id] = renames[y.id] = _measure_key(x, y)
    for key in sorted(old_docs.keys() | new_docs.keys()):
        a, b = old_docs.get(key), new_docs.get(key)
        if a is None or b is None:
            kind = "document-added" if a is None else "document-removed"
            doc = b or a
            assert doc is not None
            if isinstance(doc, Results):
                # A new (or dropped) year of results: show its figures, not just its name.
                empty = doc.model_copy(update={"measures": [], "change_notes": []})
                pair = diff_pair(
                    empty if a is None else doc,
                    doc if a is None else empty,
                    old_plan=old,
                    new_plan=new,
                )
                changes += pair.changes
                names |= pair.names
            changes.append(
                Change(
                    f"document:{key[0]}/{key[1]}",
                    _KIND_BY_VALUE[kind],
                    f"{key[0]}/{key[1]}",
                    _title(a) if a else None,
                    _title(b) if b else None,
                    severity_of(kind),
                    subject=f"{key[0]}/{key[1]}",
                    sides=(key if a else None, key if b else None),
                )
            )
            continue
        if isinstance(a, Results) and isinstance(b, Results):
            # Follow a measure whose id changed in the vision into its results, so that a
            # rename is not shown as actuals removed and added.
            a, b = _renamed(a, renames), _renamed(b, renames)
        pair = diff_pair(a, b, old_plan=old, new_plan=new)
        changes += pair.changes
        by_vision |= pair.budget_by_vision
        by_field |= pair.budget_by_field
        by_measure |= pair.budget_by_measure
        names |= pair.names
    changes += _grades_moved_by_the_rule(old, new)
    return PlanDiff(changes, ("", ""), by_vision, by_field, by_measure, names)


def _renamed(results: Results, renames: Mapping[str, str]) -> Results:
    if not any(m.measure in renames for m in results.measures):
        return results
    measures = [
        m.model_copy(update={"measure": renames.get(m.measure, m.measure)})
        for m in results.measures
    ]
    return results.model_copy(update={"measures": measures})


def _grades_moved_by_the_rule(old: Plan, new: Plan) -> list[Change]:
    """Grades that move because a vision changed (a target, a direction, the rule) while the
    actual stayed the same: what a reviewer of a target change wants to see."""
    out = _Collector()
    for before in old.visions:
        after = new.get(Vision, before.id)
        if after is None:
            continue
        old_results = {r.id: r for r in old.results_of(before.id)}
        graders = _Grader(before), _Grader(after)
        for results in new.results_of(after.id):
            earlier = old_results.get(results.id)
            if earlier is None:
                continue
            recorded = earlier.results_by_kpi()
            for entry in results.measures:
                for kpi_result in entry.kpis:
                    actual = kpi_result.actual
                    was = recorded.get((entry.measure, kpi_result.kpi))
                    if actual is None or was is None or was.actual != actual:
                        continue  # an actual that changed shows its own grade move
                    grade_before = graders[0].grade(entry.measure, kpi_result.kpi, actual)
                    grade_after = graders[1].grade(entry.measure, kpi_result.kpi, actual)
                    if grade_before != grade_after:
                        where = f"{entry.measure}/{kpi_result.kpi}"
                        out.add(
                            f"grade:{where}:FY{results.fiscal_year}:rule",
                            "grade-changed",
                            f"measures[{entry.measure}].kpis[{kpi_result.kpi}].grade",
                            grade_before,
                            grade_after,
                            subject=entry.measure,
                        )
                        out.changes[-1] = replace(
                            out.changes[-1], sides=((earlier.kind, earlier.id), key_of(results))
                        )
    return out.changes


def key_of(document: Document) -> DocumentKey:
    return (document.kind, document.id)
