"""``teijuu diff`` for people: a terminal listing (coloured on a terminal) and a Markdown
pull-request comment (a summary table first, the details in collapsible sections)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from teijuu.diffing import BudgetTotals, Change, ChangeKind, ChangeSeverity, PlanDiff
from teijuu.render.escape import (
    html_text,
    markdown_cell,
    markdown_code,
    markdown_lines,
    markdown_text,
    markdown_url,
    terminal_text,
)
from teijuu.render.labels import Lang

KIND_LABELS: dict[str, dict[str, str]] = {
    lang: {kind.value: kind.label(lang) for kind in ChangeKind} for lang in ("ja", "en")
}
"""Each change kind's label per language (derived from :class:`teijuu.diff.ChangeKind`)."""
PART_LABELS: dict[str, str] = {
    "target.value": "目標値",
    "target.fiscal_year": "目標年度",
    "baseline.value": "現状値",
    "baseline.fiscal_year": "現状値の年度",
    "name": "名称",
    "unit": "単位",
    "direction": "方向",
    "cumulative": "累計",
    "qualitative": "定性",
    "development": "施策の展開",
    "content": "取組内容",
    "effect": "事業効果",
    "roles": "役割分担",
    "no": "番号",
    "municipalities": "関係市町",
    "field_printed": "政策分野（表記）",
    "note": "備考",
    "period": "計画期間",
    "grading": "評価基準",
    "edition": "次数",
    "revision": "改定",
    "status": "状態",
    "title": "名称",
    "adopted": "策定",
    "previous": "前の版",
    "id": "ID",
    "aims": "策定のねらい",
    "evaluation": "年度評価",
    "next_steps": "次年度以降の取組",
    "grading.printed": "評価基準（表記）",
    "sphere": "圏域",
    "framework": "政策体系",
}
SEVERITY_LABELS = {
    "ja": {"high": "高", "medium": "中", "low": "低"},
    "en": {"high": "high", "medium": "medium", "low": "low"},
}
WORDS = {
    "ja": {
        "title": "teijuu diff",
        "none": "変更はありません。",
        "severity": "重要度",
        "kind": "種類",
        "count": "件数",
        "budget": "事業費（千円）",
        "vision": "ビジョン全体",
        "by_field": "政策分野別の事業費（千円）",
        "field": "政策分野",
        "old": "変更前",
        "new": "変更後",
        "change": "差",
        "changes": "件",
        "open": "（未定）",
        "unknown": "不明",
        "noted": "説明あり",
        "measure": "施策",
        "others": "その他",
        "lead": "説明のない重要な変更",
        "no_lead": "説明のない重要な変更はありません。",
        "nowhere": "（ファイルなし）",
        "grade": "達成状況",
        "more": " ほか{n}件",
        "counts": "重要度別・種類別の件数",
        "left_out": "⚠ コメントの長さの上限（65,536文字）のため、説明のない重要な変更{lead}件と"
        "施策{sections}件（変更{changes}件）を省きました。全体は `teijuu diff` で確認して"
        "ください。",
    },
    "en": {
        "title": "teijuu diff",
        "none": "No changes.",
        "severity": "Severity",
        "kind": "Kind",
        "count": "Changes",
        "budget": "Budget (thousand yen)",
        "vision": "Whole vision",
        "by_field": "Budget by policy field (thousand yen)",
        "field": "Policy field",
        "old": "Before",
        "new": "After",
        "change": "Change",
        "changes": " changes",
        "open": "(open)",
        "unknown": "unknown",
        "noted": "noted",
        "measure": "Measure",
        "others": "Other",
        "lead": "Unexplained high-severity changes",
        "no_lead": "No unexplained high-severity change.",
        "nowhere": "(no file)",
        "grade": "Grade",
        "more": " and {n} more",
        "counts": "Changes by severity and kind",
        "left_out": "⚠ Left out to stay within GitHub's comment limit (65,536 characters): "
        "{lead} unexplained high-severity change(s) and {sections} section(s) ({changes} "
        "change(s)). Run `teijuu diff` to see them all.",
    },
}


def kind_label(kind: str, lang: Lang) -> str:
    return KIND_LABELS[lang].get(kind, kind)


def _value(value: object, lang: Lang, part: str = "") -> str:
    if value is None:
        return WORDS[lang]["open"] if part.startswith(("target", "baseline")) else "—"
    if isinstance(value, str):
        try:
            number = Decimal(value)
        except ArithmeticError:
            return value
        return f"{number:,}" if number == number.to_integral_value() else f"{number:,f}"
    if isinstance(value, dict | list):
        import json

        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _money(value: Decimal | None, lang: Lang) -> str:
    """An amount with separators; an unknown one as 不明 (never 0)."""
    return WORDS[lang]["unknown"] if value is None else f"{value:,}"


def _signed(value: Decimal | None, lang: Lang) -> str:
    if value is None:
        return WORDS[lang]["unknown"]
    return f"+{value:,}" if value > 0 else f"{value:,}"


def _what(change: Change, lang: Lang) -> str:
    part = PART_LABELS.get(change.part, change.part) if lang == "ja" else change.part
    label = kind_label(change.kind, lang)
    if change.kind in {"kpi-changed", "text-changed"} and ".kpis[" in change.path:
        return f"KPI「{change.label}」{part}" if lang == "ja" else f"KPI “{change.label}” {part}"
    if change.kind in {"kpi-added", "kpi-removed"}:
        return label
    if change.kind == "text-changed":
        return part or label
    if change.kind.startswith("budget"):
        return f"{label} FY{change.path.rsplit('.', 1)[-1]}"  # FY2024, or FY2020-2024 (a range)
    return (
        f"{label}（{part}）" if part and lang == "ja" else (f"{label} ({part})" if part else label)
    )


def _inline_markdown(change: Change) -> str:
    assert change.inline is not None
    out = []
    for op, text in change.inline:
        text = markdown_lines(text, leading=False)
        out.append({"=": text, "-": f"<del>{text}</del>", "+": f"<ins>{text}</ins>"}[op])
    return "".join(out)


@dataclass(frozen=True, slots=True)
class Links:
    """Where the files of each side can be read on the web: ``old`` and ``new`` are URL
    prefixes to which a file's path and ``#L<line>`` are appended (on GitHub,
    ``https://github.com/OWNER/REPO/blob/SHA/``). Empty: no links, only ``file:line``."""

    old: str = ""
    new: str = ""


COMMENT_MARKER: Final = "<!-- teijuu-diff -->"
"""The first line of a pull-request comment by ``teijuu diff --format pr``: a workflow finds
its earlier comment by it and updates that one instead of adding another."""
COMMENT_LIMIT: Final = 65_536
"""GitHub refuses a comment longer than this many characters."""


def _where(change: Change, links: Links) -> str:
    """``file:line`` of the change (a link where the side's files are on the web), or ''."""
    side = change.site_side
    if side is None:
        return ""
    site = change.at[side]
    assert site is not None
    shown = markdown_code(f"{site.file}:{site.line}")
    base = (links.old, links.new)[side]
    if not base:
        return shown
    return f"[{shown}]({markdown_url(f'{base}{site.file}#L{site.line}')})"


def _body_markdown(change: Change, lang: Lang) -> str:
    if change.inline is not None:
        return _inline_markdown(change)
    old = markdown_lines(_value(change.old, lang, change.part), leading=False)
    new = markdown_lines(_value(change.new, lang, change.part), leading=False)
    return f"{old} → {new}"


def _line_markdown(change: Change, lang: Lang, links: Links) -> str:
    severity = SEVERITY_LABELS[lang][change.severity.value]
    marker = "**" if change.severity is ChangeSeverity.HIGH else ""
    head = f"{marker}[{severity}]{marker} {markdown_text(_what(change, lang), leading=False)}"
    note = (
        f"<br>　{WORDS[lang]['noted']}: {markdown_lines(change.note, leading=False)}"
        if change.note
        else ""
    )
    where = _where(change, links)
    where = f" {where}" if where else ""
    return (
        f"- {head}: {_body_markdown(change, lang)}{note}{where} "
        f"<sub>{markdown_code(change.id)}</sub>"
    )


def _subject_label(diff: PlanDiff, subject: str, lang: Lang) -> str:
    name = diff.names.get(subject)
    if subject == "vision":
        return WORDS[lang]["vision"]
    if not name:
        return subject
    return f"{name}（{subject}）" if lang == "ja" else f"{name} ({subject})"


def _lead_markdown(diff: PlanDiff, change: Change, lang: Lang, links: Links) -> str:
    """An unexplained high-severity change: where it is, what it is, the grades it moves."""
    words = WORDS[lang]
    where = _where(change, links) or markdown_text(words["nowhere"])
    subject = markdown_text(_subject_label(diff, change.subject, lang), leading=False)
    what = markdown_text(_what(change, lang), leading=False)
    line = f"- {where} {subject}: **{what}**: {_body_markdown(change, lang)}"
    moves = diff.grades_moved_by(change)
    if moves:
        shown = ", ".join(
            f"FY{_fiscal_year(m)} {markdown_text(_value(m.old, lang))} → "
            f"{markdown_text(_value(m.new, lang))}"
            for m in moves[:_GRADES_SHOWN]
        )
        more = len(moves) - _GRADES_SHOWN
        if more > 0:
            shown += words["more"].format(n=more)
        line += f"<br>　{words['grade']}: {shown}"
    return f"{line} <sub>{markdown_code(change.id)}</sub>"


_GRADES_SHOWN: Final = 3


def _fiscal_year(grade: Change) -> str:
    """The fiscal year in a grade change's id (``grade:m/k:FY2024`` or ``…:FY2024:rule``)."""
    for part in grade.id.split(":"):
        if part.startswith("FY"):
            return part[2:]
    return "?"


def _summary_line(diff: PlanDiff, lang: Lang) -> str:
    counts = Counter(c.severity.value for c in diff.changes)
    unexplained = len(diff.failing(ChangeSeverity.HIGH))
    labels = SEVERITY_LABELS[lang]
    if lang == "ja":
        parts = [
            f"{labels[s.value]} {counts[s.value]}件"
            + (f"（うち説明なし {unexplained}件）" if s is ChangeSeverity.HIGH else "")
            for s in ChangeSeverity
            if counts[s.value]
        ]
        return f"**変更 {len(diff.changes)}件**: " + "、".join(parts)
    parts = [
        f"{counts[s.value]} {labels[s.value]}"
        + (f" ({unexplained} unexplained)" if s is ChangeSeverity.HIGH else "")
        for s in ChangeSeverity
        if counts[s.value]
    ]
    return f"**{len(diff.changes)} changes**: " + ", ".join(parts)


def _section_markdown(
    diff: PlanDiff, subject: str, changes: list[Change], lang: Lang, links: Links
) -> list[str]:
    words = WORDS[lang]
    worst = max(c.severity.rank for c in changes)
    marker = " ⚠" if worst == ChangeSeverity.HIGH.rank else ""
    totals: BudgetTotals | None = diff.budget_by_measure.get(subject)
    budget = (
        f" — {words['budget']} {_money(totals.old, lang)} → {_money(totals.new, lang)}"
        if totals
        else ""
    )
    label = html_text(_subject_label(diff, subject, lang))
    return [
        "",
        f"<details><summary>{label}: {len(changes)}{words['changes']}{marker}{budget}</summary>",
        "",
        *(_line_markdown(c, lang, links) for c in changes),
        "",
        "</details>",
    ]


def _counts_markdown(diff: PlanDiff, lang: Lang) -> list[str]:
    words = WORDS[lang]
    severities = Counter(c.severity.value for c in diff.changes)
    kinds = Counter(c.kind for c in diff.changes)
    out = [
        "",
        f"<details><summary>{words['counts']}</summary>",
        "",
        f"| {words['severity']} | {words['count']} |",
        "| --- | ---: |",
    ]
    out += [
        f"| {SEVERITY_LABELS[lang][s.value]} | {severities[s.value]} |"
        for s in ChangeSeverity
        if severities[s.value]
    ]
    out += ["", f"| {words['kind']} | {words['count']} |", "| --- | ---: |"]
    out += [f"| {kind_label(k, lang)} | {n} |" for k, n in sorted(kinds.items())]
    return [*out, "", "</details>"]


def _budget_markdown(diff: PlanDiff, lang: Lang) -> list[str]:
    words = WORDS[lang]
    out = []
    for vision_name, whole in diff.budget_by_vision.items():
        out += [
            "",
            f"**{words['budget']}** {markdown_text(vision_name)}: {_money(whole.old, lang)} → "
            f"{_money(whole.new, lang)} ({_signed(whole.change, lang)})",
        ]
    if diff.budget_by_field:
        out += [
            "",
            f"<details><summary>{words['by_field']}</summary>",
            "",
            f"| {words['field']} | {words['old']} | {words['new']} | {words['change']} |",
            "| --- | ---: | ---: | ---: |",
        ]
        out += [
            f"| {markdown_cell(name)} | {_money(t.old, lang)} | {_money(t.new, lang)} "
            f"| {_signed(t.change, lang)} |"
            for name, t in diff.budget_by_field.items()
        ]
        out += ["", "</details>"]
    return out


def render_diff_markdown(
    diff: PlanDiff,
    lang: Lang = "ja",
    links: Links = Links(),
    *,
    comment: bool = False,
    limit: int = COMMENT_LIMIT,
) -> str:
    """The diff for a reviewer: a summary line; every unexplained high-severity change with
    where it is and the grades it moves, in the open; then counts, budgets and the changes of
    each measure in collapsed sections.

    With ``comment`` it is a pull-request comment: it starts with :data:`COMMENT_MARKER` and
    holds at most ``limit`` characters: sections that do not fit are left out (the lead list
    last), and a closing line says what was left out."""
    words = WORDS[lang]
    old, new = diff.titles
    title = f"## {words['title']}" + (
        f": {markdown_text(old)} → {markdown_text(new)}" if old or new else ""
    )
    head = [COMMENT_MARKER, title, ""] if comment else [title, ""]
    if not diff.changes:
        return "\n".join([*head, words["none"]]) + "\n"
    head.append(_summary_line(diff, lang))
    lead_changes = diff.failing(ChangeSeverity.HIGH)
    lead = [_lead_markdown(diff, c, lang, links) for c in lead_changes]
    lead_head = ["", f"### {words['lead']}", ""] if lead else ["", words["no_lead"]]
    groups: dict[str, list[Change]] = {}
    for change in diff.changes:
        groups.setdefault(change.subject, []).append(change)
    blocks = [_counts_markdown(diff, lang), _budget_markdown(diff, lang)]
    sections = [
        (len(changes), _section_markdown(diff, subject, changes, lang, links))
        for subject, changes in groups.items()
    ]
    if not comment:
        out = [*head, *lead_head, *lead]
        for block in blocks:
            out += block
        for _, section in sections:
            out += section
        return "\n".join(out) + "\n"
    return _bounded(head, lead_head, lead, blocks, sections, lang, limit)


def _bounded(
    head: list[str],
    lead_head: list[str],
    lead: list[str],
    blocks: list[list[str]],
    sections: list[tuple[int, list[str]]],
    lang: Lang,
    limit: int,
) -> str:
    """The comment in at most ``limit`` characters: as much as fits, in order of importance."""
    words = WORDS[lang]
    reserve = 400  # for the closing line that says what was left out
    out = [*head, *lead_head]
    size = len("\n".join(out)) + 1
    lead_left = 0
    for index, line in enumerate(lead):
        if size + len(line) + 1 > limit - reserve:
            lead_left = len(lead) - index
            break
        out.append(line)
        size += len(line) + 1
    sections_left = changes_left = 0
    parts = [(0, block) for block in blocks] + sections
    for count, part in parts:
        length = len("\n".join(part)) + 1
        if lead_left or sections_left or size + length > limit - reserve:
            sections_left += 1 if count else 0
            changes_left += count
            continue
        out += part
        size += length
    if lead_left or sections_left:
        out += [
            "",
            words["left_out"].format(lead=lead_left, sections=sections_left, changes=changes_left),
        ]
    return "\n".join(out) + "\n"


def plain_line(change: Change, lang: Lang) -> str:
    """A change on one line of plain text, for a message elsewhere (an annotation): what, old
    → new (a text as ``[-removed-]{+added+}``), the note, and its id. Not escaped."""
    if change.inline is not None:
        body = "".join(
            t if op == "=" else f"[-{t}-]" if op == "-" else f"{{+{t}+}}" for op, t in change.inline
        )
    else:
        body = f"{_value(change.old, lang, change.part)} → {_value(change.new, lang, change.part)}"
    note = f" ({WORDS[lang]['noted']}: {change.note})" if change.note else ""
    return f"{_what(change, lang)}: {body}{note} [{change.id}]"


_COLOURS = {
    "-": "\033[31m",
    "+": "\033[32m",
    "reset": "\033[0m",
    "high": "\033[1;31m",
    "medium": "\033[33m",
    "low": "\033[2m",
}


_CONTINUATION = " " * 6


def render_diff_text(diff: PlanDiff, lang: Lang = "ja", colour: bool = False) -> str:
    def paint(text: str, key: str) -> str:
        return f"{_COLOURS[key]}{text}{_COLOURS['reset']}" if colour else text

    words = WORDS[lang]
    old, new = (terminal_text(t) for t in diff.titles)
    lines = [f"{old} → {new}" if old or new else words["title"]]
    if not diff.changes:
        return "\n".join([*lines, words["none"]]) + "\n"
    current = None
    for change in diff.changes:
        if change.subject != current:
            current = change.subject
            name = diff.names.get(current)
            heading = f"{name} ({current})" if name else current
            lines += ["", terminal_text(heading)]
        severity = paint(f"[{SEVERITY_LABELS[lang][change.severity.value]}]", change.severity.value)
        if change.inline is not None:
            pieces = [(op, terminal_text(text, lines=True)) for op, text in change.inline]
            body = "".join(
                text if op == "=" else paint(f"[-{text}-]" if op == "-" else f"{{+{text}+}}", op)
                for op, text in pieces
            )
        else:
            old_value = terminal_text(_value(change.old, lang, change.part), lines=True)
            new_value = terminal_text(_value(change.new, lang, change.part), lines=True)
            body = f"{old_value} → {new_value}"
        note = (
            f" ({words['noted']}: {terminal_text(change.note, lines=True)})" if change.note else ""
        )
        what = terminal_text(_what(change, lang))
        site = f"  {terminal_text(str(change.site))}" if change.site else ""
        line = f"  {severity} {what}: {body}{note}  [{terminal_text(change.id)}]{site}"
        # A text's further lines are indented under its change, so none reads as a change.
        lines.append(line.replace("\n", "\n" + _CONTINUATION))
    severities = Counter(c.severity.value for c in diff.changes)
    lines += [
        "",
        ", ".join(
            f"{SEVERITY_LABELS[lang][s.value]} {severities[s.value]}"
            for s in ChangeSeverity
            if severities[s.value]
        ),
    ]
    return "\n".join(lines) + "\n"
