"""Drafting the next edition of a vision from the current one (``teijuu new-edition``).

The draft keeps every measure and KPI with its id, so that the two editions can be compared
measure by measure. What is decided anew stays open: baselines move to the latest actual (with
its fiscal year), targets keep only their year (the end of the new period), budgets and
printed year labels are left out. Nothing is invented. The review points say what to decide:
KPIs already at the top grade (the papers say such targets will be raised), KPIs at a watched
grade two years running, measures whose budget runs out, KPIs with no actual to start from.
"""

from __future__ import annotations

import re
from decimal import Decimal

from teijuu import __version__
from teijuu.errors import TeijuuError
from teijuu.grading import VisionGrades
from teijuu.messages import Text, msg
from teijuu.model import (
    DraftOrigin,
    Kpi,
    KpiValue,
    Measure,
    Period,
    ReviewPoint,
    ReviewReason,
    Vision,
    VisionStatus,
)
from teijuu.plan import Plan


class EditionError(TeijuuError):
    """The draft cannot be made as asked; the message says why."""


def next_id(vision: Vision, edition: int) -> str:
    """``ichinoseki-hiraizumi-3`` → ``ichinoseki-hiraizumi-4``."""
    base = re.sub(r"-\d+$", "", vision.id)
    return f"{base}-{edition}"


_ORDINAL_RE = re.compile(
    r"第(?P<number>[0-9]+|[０-９]+|[一二三四五六七八九十]+)(?P<counter>[次期])"
)
_KANJI_DIGITS = "〇一二三四五六七八九"


def _kanji(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (the numbers an edition reaches)."""
    tens, ones = divmod(number, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _KANJI_DIGITS[tens] + "十")
    return head + (_KANJI_DIGITS[ones] if ones else "") if number else "〇"


def _ordinal(match: re.Match[str], edition: int) -> str:
    """第3次 → 第4次, 第２期 → 第３期, 第二期 → 第三期: the same counter, digits and width."""
    number = match["number"]
    if number.isascii():
        written = str(edition)
    elif number[0] in "０１２３４５６７８９":
        written = str(edition).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    else:
        written = _kanji(edition)
    return f"第{written}{match['counter']}"


def next_ordinal(printed: str | None, edition: int) -> str | None:
    """The next edition's name in the plan's own style (第2期 → 第3期); None where the plan
    names its editions without an ordinal."""
    if printed is None:
        return None
    return _ORDINAL_RE.sub(lambda m: _ordinal(m, edition), printed, count=1)


def next_title(vision: Vision, edition: int) -> str:
    """The title with its ordinal moved on in the plan's own style (第3次 → 第4次, 第2期 →
    第3期); a title that prints no ordinal is kept as it is, as the plan names no edition."""
    return _ORDINAL_RE.sub(lambda m: _ordinal(m, edition), vision.title, count=1)


def _called(vision: Vision) -> str:
    """How review points name the edition drawn from: 第3次, 第2期, or 前回 when unnumbered."""
    if vision.edition_printed:
        return vision.edition_printed
    return f"第{vision.edition}次" if vision.edition is not None else "前回"


def _latest(plan: Plan, vision: Vision) -> list[VisionGrades]:
    return list(plan.grade_years(vision).values())


def new_edition(
    plan: Plan,
    vision: Vision,
    *,
    edition: int,
    period: Period,
    vision_id: str | None = None,
) -> Vision:
    """The draft of the next edition, drawn from ``vision`` and its results in ``plan``."""
    if vision.edition is not None and edition <= vision.edition:
        raise EditionError(
            msg("cli/edition/not-next", edition=edition, vision=vision.id, previous=vision.edition)
        )
    if period.start <= vision.period.start:
        shown = Text(str(period), f"{period.start}〜{period.end}年度")
        raise EditionError(msg("cli/edition/period-start", period=shown, start=vision.period.start))
    years = _latest(plan, vision)
    latest_year = years[-1].fiscal_year if years else None
    rule = vision.grading
    top = rule.labels[0] if rule else "A"
    watched = set(rule.watched) if rule else {"C", "D"}
    measures: list[Measure] = []
    review: list[ReviewPoint] = []
    for measure in vision.measures:
        kpis: list[Kpi] = []
        for kpi in measure.kpis:
            # The latest year with an actual for this KPI (a year may be recorded in part),
            # and the year before that.
            actuals = [
                g
                for year in years
                if (g := year.grade_of(measure.id, kpi.id)) is not None and g.actual is not None
            ]
            graded = actuals[-1] if actuals else None
            earlier = actuals[-2] if len(actuals) > 1 else None
            baseline = kpi.baseline
            if graded is not None and graded.actual is not None:
                baseline = KpiValue(fiscal_year=graded.fiscal_year, value=graded.actual)
            else:
                review.append(
                    ReviewPoint(
                        measure=measure.id,
                        kpi=kpi.id,
                        reason=ReviewReason.NO_ACTUAL,
                        text=f"{measure.name}「{kpi.name}」: 実績値がないため、現状値は"
                        f"{_called(vision)}のものを引き継いでいます。",
                    )
                )
            if baseline is not None and baseline.printed_year is not None:
                baseline = baseline.model_copy(update={"printed_year": None})
            target = KpiValue(fiscal_year=period.end)
            kpis.append(kpi.model_copy(update={"baseline": baseline, "target": target}))
            if graded is not None and graded.grade == top:
                review.append(
                    ReviewPoint(
                        measure=measure.id,
                        kpi=kpi.id,
                        reason=ReviewReason.ALREADY_ACHIEVED,
                        text=f"{measure.name}「{kpi.name}」: FY{graded.fiscal_year}に"
                        f"達成状況{top}（実績値 {graded.actual}、目標値 {graded.target}）。"
                        "目標値の上方修正を検討。",
                    )
                )
            if (
                graded is not None
                and earlier is not None
                and graded.grade in watched
                and earlier.grade in watched
            ):
                review.append(
                    ReviewPoint(
                        measure=measure.id,
                        kpi=kpi.id,
                        reason=ReviewReason.WATCHED_TWO_YEARS,
                        text=f"{measure.name}「{kpi.name}」: "
                        f"FY{earlier.fiscal_year} {earlier.grade}、"
                        f"FY{graded.fiscal_year} {graded.grade}。取組または指標の見直しを検討。",
                    )
                )
        ends = _budget_ends(measure, vision)
        if ends is not None:
            review.append(
                ReviewPoint(
                    measure=measure.id,
                    reason=ReviewReason.BUDGET_ENDS,
                    text=f"{measure.name}: 事業費はFY{ends}から0千円"
                    f"（{_called(vision)}の計画）。継続するか検討。",
                )
            )
        # Budgets are decided anew; a field spelling printed on the old sheet is not carried.
        measures.append(
            measure.model_copy(update={"kpis": kpis, "budget": None, "field_printed": None})
        )
    return Vision(
        id=vision_id or next_id(vision, edition),
        sphere=vision.sphere,
        framework=vision.framework,
        edition=edition,
        edition_printed=next_ordinal(vision.edition_printed, edition),
        revision=0,
        title=next_title(vision, edition),
        status=VisionStatus.DRAFT,
        period=period,
        previous=vision.id,
        # The rule carries over; the old papers' wording of it (with their years) does not.
        grading=vision.grading.model_copy(update={"printed": None}) if vision.grading else None,
        measures=measures,
        drafted_from=DraftOrigin(
            vision=vision.id,
            revision=vision.revision,
            results=latest_year,
            tool=f"teijuu new-edition {__version__}",
        ),
        review_points=review,
    )


def _budget_ends(measure: Measure, vision: Vision) -> int | None:
    """The first fiscal year from which the budget is 0 to the end of the period, if any."""
    figures = measure.budget.known_years if measure.budget is not None else {}
    years = sorted(y for y in figures if y in vision.period)
    if not years or figures[years[0]] == 0:
        return None
    first_zero = None
    for year in years:
        if figures[year] == Decimal(0):
            first_zero = year if first_zero is None else first_zero
        else:
            first_zero = None
    return first_zero


def keep_decisions(draft: Vision, existing: Vision) -> Vision:
    """Carry what people decided in an earlier draft of the same edition into a new draft.

    The earlier draft's measures are kept as they are (targets, budgets, texts and any
    measure added or removed by hand) and only their KPI baselines are refreshed from the new
    draft; its aims, note and change notes are kept, and its printed period if the period is
    the same. Review points are the new draft's."""
    fresh = {(m.id, k.id): k.baseline for m in draft.measures for k in m.kpis}
    measures = [
        measure.model_copy(
            update={
                "kpis": [
                    kpi.model_copy(
                        update={"baseline": fresh.get((measure.id, kpi.id), kpi.baseline)}
                    )
                    for kpi in measure.kpis
                ]
            }
        )
        for measure in existing.measures
    ]
    kept = {(m.id, k.id) for m in measures for k in m.kpis}
    update: dict[str, object] = {
        "aims": existing.aims,
        "note": existing.note,
        "change_notes": existing.change_notes,
        "measures": measures,
        "review_points": [
            p
            for p in draft.review_points
            if (p.measure, p.kpi) in kept
            or (p.kpi is None and any(m.id == p.measure for m in measures))
        ],
    }
    if existing.period.start == draft.period.start and existing.period.end == draft.period.end:
        update["period"] = existing.period
    return draft.model_copy(update=update)


def decisions_kept(kept: Vision) -> Text:
    """What :func:`keep_decisions` carried over from ``kept``, in words: only what it holds, so
    that a draft's header never speaks of targets or budgets it does not have."""
    kpis = [k for m in kept.measures for k in m.kpis]
    targets = sum(1 for k in kpis if k.target is not None and k.target.value is not None)
    budgets = sum(1 for m in kept.measures if m.budget is not None)
    parts = [
        msg("cli/edition/kept-measures", count=len(kept.measures)),
        msg("cli/edition/kept-targets", decided=targets, count=len(kpis))
        if targets
        else msg("cli/edition/kept-no-target"),
        msg("cli/edition/kept-budgets", count=budgets)
        if budgets
        else msg("cli/edition/kept-no-budget"),
    ]
    parts += [
        msg(f"cli/edition/kept-{name}")
        for name, present in (
            ("aims", kept.aims),
            ("note", kept.note),
            ("change-notes", kept.change_notes),
        )
        if present
    ]
    return Text(", ".join(p.render("en") for p in parts), "、".join(p.render("ja") for p in parts))
