"""``teijuu diff`` for people: a terminal listing (coloured on a terminal) and a Markdown
pull-request comment (a summary table first, the details in collapsible sections)."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from teijuu.diff import BudgetTotals, Change, ChangeKind, ChangeSeverity, PlanDiff
from teijuu.render.escape import (
    html_text,
    markdown_cell,
    markdown_code,
    markdown_lines,
    markdown_text,
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


def _line_markdown(change: Change, lang: Lang) -> str:
    severity = SEVERITY_LABELS[lang][change.severity.value]
    marker = "**" if change.severity is ChangeSeverity.HIGH else ""
    head = f"{marker}[{severity}]{marker} {markdown_text(_what(change, lang), leading=False)}"
    if change.inline is not None:
        body = _inline_markdown(change)
    else:
        old = markdown_lines(_value(change.old, lang, change.part), leading=False)
        new = markdown_lines(_value(change.new, lang, change.part), leading=False)
        body = f"{old} → {new}"
    note = (
        f"<br>　{WORDS[lang]['noted']}: {markdown_lines(change.note, leading=False)}"
        if change.note
        else ""
    )
    return f"- {head}: {body}{note} <sub>{markdown_code(change.id)}</sub>"


def render_diff_markdown(diff: PlanDiff, lang: Lang = "ja") -> str:
    words = WORDS[lang]
    old, new = diff.titles
    title = f"## {words['title']}" + (
        f": {markdown_text(old)} → {markdown_text(new)}" if old or new else ""
    )
    out = [title, ""]
    if not diff.changes:
        return "\n".join([*out, words["none"]]) + "\n"
    severities = Counter(c.severity.value for c in diff.changes)
    out += [f"| {words['severity']} | {words['count']} |", "| --- | ---: |"]
    out += [
        f"| {SEVERITY_LABELS[lang][s.value]} | {severities[s.value]} |"
        for s in ChangeSeverity
        if severities[s.value]
    ]
    kinds = Counter(c.kind for c in diff.changes)
    out += ["", f"| {words['kind']} | {words['count']} |", "| --- | ---: |"]
    out += [f"| {kind_label(k, lang)} | {n} |" for k, n in sorted(kinds.items())]
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
    groups: dict[str, list[Change]] = {}
    for change in diff.changes:
        groups.setdefault(change.subject, []).append(change)
    for subject, changes in groups.items():
        measure_name = diff.names.get(subject)
        label = (
            words["vision"]
            if subject == "vision"
            else f"{measure_name}（{subject}）"
            if measure_name
            else subject
        )
        worst = max(c.severity.rank for c in changes)
        marker = " ⚠" if worst == ChangeSeverity.HIGH.rank else ""
        totals: BudgetTotals | None = diff.budget_by_measure.get(subject)
        budget = (
            f" — {words['budget']} {_money(totals.old, lang)} → {_money(totals.new, lang)}"
            if totals
            else ""
        )
        out += [
            "",
            f"<details><summary>{html_text(label)}: {len(changes)}{words['changes']}{marker}"
            f"{budget}</summary>",
            "",
        ]
        out += [_line_markdown(c, lang) for c in changes]
        out += ["", "</details>"]
    return "\n".join(out) + "\n"


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
        line = f"  {severity} {what}: {body}{note}  [{terminal_text(change.id)}]"
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
