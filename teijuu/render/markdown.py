"""The yearly KPI report as Markdown: the committee papers (資料No.1-1 and 1-2) again.

Charts are Mermaid blocks (pie charts of the grades, a bar chart of the rates): GitHub and
the documentation site draw them without any network access.
"""

from __future__ import annotations

from decimal import Decimal

from teijuu.exact import DOWN, decimal_of
from teijuu.grading import Counts
from teijuu.model import Direction, RateMethod
from teijuu.render.escape import markdown_cell, markdown_text, mermaid_label
from teijuu.render.labels import (
    Lang,
    circled,
    label,
    long_year,
    paper_year,
    reason_text,
    short_year,
)
from teijuu.render.report import ReportData, counts_row, number, percent, share, target_year


def _table(header: list[str], rows: list[list[str]], align: str = "") -> list[str]:
    """A Markdown table; ``align`` has one letter per column: l, r or c. Every cell is
    escaped here (``markdown_cell``): pass the texts as they are."""
    rules = {"r": "---:", "c": ":---:"}
    lines = ["| " + " | ".join(markdown_cell(h) for h in header) + " |"]
    lines.append(
        "| " + " | ".join(rules.get(align[i : i + 1], "---") for i in range(len(header))) + " |"
    )
    lines += ["| " + " | ".join(markdown_cell(c) for c in row) + " |" for row in rows]
    return lines


def _band_names(data: ReportData) -> dict[str, str]:
    return {b.label: f"{b.label} {b.name}" if b.name else b.label for b in data.graded.rule.bands}


def _pie(
    title: str, counts: Counts, names: dict[str, str], lang: Lang, charts: str = "mermaid"
) -> list[str]:
    if charts == "svg":
        from teijuu.render.svg import pie_svg

        parts = [(names[g], n) for g, n in counts.by_grade.items()]
        parts.append((label(lang, "ungraded"), counts.ungraded))
        return [f'<div class="teijuu-figure">{pie_svg(title, parts)}</div>']
    lines = ["```mermaid", f"pie showData title {mermaid_label(title)}"]
    for grade, n in counts.by_grade.items():
        if n:
            lines.append(f'    "{mermaid_label(names[grade])}" : {n}')
    if counts.ungraded:
        lines.append(f'    "{mermaid_label(label(lang, "ungraded"))}" : {counts.ungraded}')
    lines.append("```")
    return lines


def _counts_table(counts: Counts, names: dict[str, str], lang: Lang) -> list[str]:
    rows = []
    for grade, n in counts.by_grade.items():
        rows.append([names[grade], str(n), share(counts.share([grade]))])
    if counts.ungraded:
        rows.append([label(lang, "ungraded"), str(counts.ungraded), "—"])
    rows.append([label(lang, "total"), str(counts.total), "100%" if counts.graded else "—"])
    return _table([label(lang, "grade"), label(lang, "items"), label(lang, "share")], rows, "lrr")


def _top_share(counts: Counts, lang: Lang) -> str:
    top = counts.labels[:2]
    joined = markdown_text("及び".join(top) if lang == "ja" else " and ".join(top))
    return label(
        lang,
        "top_share",
        labels=joined,
        percent=share(counts.top_share),
        count=sum(counts.by_grade[g] for g in top),
        graded=counts.graded,
    )


def _statements(data: ReportData, viewpoint: str | None) -> list[str]:
    """The published report's assessments of ``viewpoint`` (None: of the whole vision), as
    printed, in the paper's order: the share, what stayed at C/D, the measures it names, and
    the paragraphs with no figure (those under a heading of their own are left out)."""
    report = data.published
    if report is None:
        return []
    texts = [s.text for s in report.share_statements if s.viewpoint == viewpoint]
    texts += [s.text for s in report.persistence_statements if s.viewpoint == viewpoint]
    if viewpoint is not None:  # a mention names a measure: shown with the measure's viewpoint
        ids = {k.measure_id for k in data.graded.kpis if k.viewpoint == viewpoint}
        texts += [m.text for m in report.mentions if m.measure in ids]
    texts += [r.text for r in report.remarks if r.viewpoint == viewpoint and r.heading is None]
    out: list[str] = []
    for text in dict.fromkeys(texts):
        out += ["", markdown_text(text)]
    return out


def _assessment(data: ReportData, lang: Lang) -> list[str]:
    """【…の達成状況と今後の取組】: the published assessment of the whole vision, and its
    paragraphs under their headings (今後の取組), as printed."""
    report = data.published
    if report is None:
        return []
    year = long_year(data.fiscal_year, lang)
    out = ["", f"#### {label(lang, 'assessment_heading', year=year)}"]
    assessment = _statements(data, None)
    if assessment:
        out += ["", f"**{label(lang, 'assessment')}**", *assessment]
    headed = [r for r in report.remarks if r.viewpoint is None and r.heading is not None]
    for heading in dict.fromkeys(r.heading for r in headed):
        out += ["", f"**● {markdown_text(heading or '')}**"]
        for remark in headed:
            if remark.heading == heading:
                out += ["", markdown_text(remark.text)]
    return out


def render_markdown(
    data: ReportData, lang: Lang = "ja", source: str = "plans/", charts: str = "mermaid"
) -> str:
    """The report as Markdown; ``charts`` is "mermaid" (text that GitHub draws) or "svg"
    (drawn here, for pages that must render with no network)."""
    graded = data.graded
    summary = graded.summary
    rule = graded.rule
    names = _band_names(data)
    year = long_year(data.fiscal_year, lang)
    out: list[str] = [
        f"# {label(lang, 'report_title', vision=markdown_text(data.vision.title), year=year)}",
        "",
        f"> {label(lang, 'generated', source=markdown_text(source))}",
        "",
        f"## {label(lang, 'summary')}",
        "",
        f"### {label(lang, 'method')}",
        "",
    ]
    key = "method_progress" if rule.method is RateMethod.PROGRESS_FROM_BASELINE else "method_text"
    target = target_year(data.vision)
    out.append(
        label(
            lang,
            key,
            year=paper_year(data.fiscal_year, lang),
            target=paper_year(target, lang) if target is not None else "",
        )
    )
    if any(k.direction is Direction.LOWER_IS_BETTER for m in data.vision.measures for k in m.kpis):
        out += ["", label(lang, "lower_note")]
    out.append("")
    for i, band in enumerate(rule.bands):
        if band.min_percent is not None and i == 0:
            span = f"{band.min_percent}%以上" if lang == "ja" else f"{band.min_percent}% or more"
        elif band.min_percent is not None:
            upper = rule.bands[i - 1].min_percent
            span = (
                f"{band.min_percent}%以上{upper}%未満"
                if lang == "ja"
                else f"{band.min_percent}% to under {upper}%"
            )
        else:
            lowest = rule.bands[i - 1].min_percent if i else None
            span = (f"{lowest}%未満" if lang == "ja" else f"under {lowest}%") if lowest else ""
        band_name = markdown_text(names[band.label])
        out.append(f"- {band_name}（{span}）" if lang == "ja" else f"- {band_name} ({span})")
    out += ["", f"### {label(lang, 'overall')}", ""]
    out += _pie(
        label(lang, "pie_title", year=year, scope=label(lang, "all")),
        summary.overall,
        names,
        lang,
        charts,
    )
    out.append("")
    out += _counts_table(summary.overall, names, lang)
    out += ["", _top_share(summary.overall, lang)]
    previous = data.years.get(data.fiscal_year - 1)
    if previous is not None:
        before = label(lang, "previous_pie", year=long_year(data.fiscal_year - 1, lang))
        out += ["", *_pie(before, previous.summary.overall, names, lang, charts)]
    out += _assessment(data, lang)
    out += ["", f"### {label(lang, 'by_viewpoint')}"]
    framework = data.framework
    watched_labels = markdown_text(
        "、".join(rule.watched) if lang == "ja" else ", ".join(rule.watched)
    )
    for n, (viewpoint_id, counts) in enumerate(summary.by_viewpoint.items(), start=1):
        name = graded.viewpoint_name(viewpoint_id)
        out += ["", f"#### ({n}) {markdown_text(name)}", ""]
        if counts.total:
            out += _pie(
                label(lang, "pie_title", year=year, scope=name), counts, names, lang, charts
            )
            out.append("")
        out += [f"**{label(lang, 'watch_heading', labels=watched_labels)}**", ""]
        watched = [w for w in summary.watched if w.viewpoint == viewpoint_id]
        if watched:
            for w in watched:
                name = markdown_text(w.measure_name)
                grades = markdown_text(("、" if lang == "ja" else ", ").join(w.grades))
                out.append(
                    f"- {circled(w.measure_no)} {name}（{grades}）"
                    if lang == "ja"
                    else f"- {circled(w.measure_no)} {name} ({grades})"
                )
        else:
            out.append(f"- {label(lang, 'watch_none')}")
        out += ["", f"**{label(lang, 'by_field_status')}**", ""]
        fields = (
            [f.id for v in framework.viewpoints if v.id == viewpoint_id for f in v.fields]
            if framework
            else []
        )
        fields += [
            f
            for f in summary.by_field
            if f not in fields
            and any(k.field == f and k.viewpoint == viewpoint_id for k in graded.kpis)
        ]
        rows = []
        for field_id in fields:
            field_counts = summary.by_field.get(field_id)
            if field_counts is None or not field_counts.total:
                continue
            rows.append([graded.field_name(field_id), *map(str, counts_row(field_counts))])
        header = [label(lang, "field"), *rule.labels, label(lang, "ungraded"), label(lang, "total")]
        out += _table(header, rows, "l" + "r" * (len(header) - 1))
        if counts.graded:
            out += ["", _top_share(counts, lang)]
        out += _statements(data, viewpoint_id)
    out += ["", f"## {label(lang, 'kpi_table')}", ""]
    header = [
        label(lang, "no"),
        label(lang, "field"),
        label(lang, "measure"),
        label(lang, "kpi"),
        label(lang, "actual"),
        label(lang, "target"),
        label(lang, "rate"),
        *(short_year(y, lang) for y in data.columns),
    ]
    rows = []
    previous_measure = None
    previous_field = None
    for kpi in graded.kpis:
        first_of_measure = kpi.measure_id != previous_measure
        field_name = graded.field_name(kpi.field)
        rows.append(
            [
                str(kpi.measure_no or "") if first_of_measure else "",
                field_name if field_name != previous_field else "",
                kpi.measure_name if first_of_measure else "",
                kpi.kpi_name,
                number(kpi.actual, kpi.unit),
                number(kpi.target, kpi.unit),
                percent(kpi.rate),
                *(data.grade_in(y, kpi) or "" for y in data.columns),
            ]
        )
        previous_measure, previous_field = kpi.measure_id, field_name
    out += _table(header, rows, "rlllrrr" + "c" * len(data.columns))
    ungraded = [k for k in graded.kpis if k.grade is None]
    if ungraded:
        out += ["", f"**{label(lang, 'notes')}**", ""]
        for k in ungraded:
            note = label(
                lang,
                "ungraded_note",
                measure=markdown_text(k.measure_name),
                kpi=markdown_text(k.kpi_name),
                reason=markdown_text(reason_text(k.why, lang)),
            )
            out.append(f"- {note}")
    out += ["", f"### {label(lang, 'rates')}", ""]
    rated = [k for k in graded.kpis if k.rate is not None]
    if rated:
        shown = [decimal_of(k.rate * 100, 1, DOWN) for k in rated if k.rate is not None]
        top = max([Decimal(100), *shown])
        ceiling = int((top / 50).to_integral_value(rounding="ROUND_CEILING") * 50)
        if charts == "svg":
            from teijuu.render.svg import bar_svg

            bars = [(k.number, float(v), k.grade) for k, v in zip(rated, shown, strict=True)]
            chart = bar_svg(f"{year} {label(lang, 'rates')}", bars)
            out.append(f'<div class="teijuu-figure">{chart}</div>')
            return "\n".join(out).rstrip() + "\n"
        keys = ", ".join(f'"{mermaid_label(k.number)}"' for k in rated)
        out += [
            "```mermaid",
            "xychart-beta",
            f'    title "{mermaid_label(year + " " + label(lang, "rates"))}"',
            f"    x-axis [{keys}]",
            f'    y-axis "{mermaid_label(label(lang, "rate_axis"))}" 0 --> {ceiling}',
            f"    bar [{', '.join(str(v) for v in shown)}]",
            f"    line [{', '.join('100' for _ in rated)}]",
            "```",
        ]
    return "\n".join(out).rstrip() + "\n"
