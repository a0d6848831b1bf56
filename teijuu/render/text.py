"""``teijuu grade`` as a terminal table, CSV or a Markdown table."""

from __future__ import annotations

import csv
import io
import unicodedata

from teijuu.grading import VisionGrades, rate_text
from teijuu.render.escape import csv_text, markdown_cell, markdown_text, terminal_text
from teijuu.render.labels import Lang, label, long_year, reason_text
from teijuu.render.report import number, percent, share

CSV_COLUMNS = (
    "measure_id",
    "measure_no",
    "measure_name",
    "kpi_id",
    "kpi_name",
    "viewpoint",
    "field",
    "unit",
    "actual",
    "target",
    "rate",
    "grade",
    "reason",
)
"""The CSV header in English (``--lang en``): the keys tools read."""

CSV_COLUMNS_JA = (
    "施策ID",
    "No.",
    "施策名",
    "KPI ID",
    "重要業績評価指標（KPI）",
    "連携する視点",
    "政策分野",
    "単位",
    "実績値",
    "目標値",
    "達成率",
    "達成状況",
    "評価なしの理由",
)
"""The CSV header in Japanese (the default of ``teijuu grade``), column for column."""


def width(text: str) -> int:
    """Columns a text takes in a terminal: East Asian wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, size: int, right: bool = False) -> str:
    fill = " " * max(0, size - width(text))
    return fill + text if right else text + fill


def _rows(graded: VisionGrades, lang: Lang) -> tuple[list[str], list[list[str]]]:
    header = [
        label(lang, "no"),
        label(lang, "measure"),
        label(lang, "kpi"),
        label(lang, "actual"),
        label(lang, "target"),
        label(lang, "rate"),
        label(lang, "grade"),
    ]
    rows = []
    for kpi in graded.kpis:
        rows.append(
            [
                str(kpi.measure_no or ""),
                kpi.measure_name,
                kpi.kpi_name,
                number(kpi.actual, kpi.unit),
                number(kpi.target, kpi.unit),
                percent(kpi.rate),
                kpi.grade or f"— ({reason_text(kpi.why, lang)})",
            ]
        )
    return header, rows


def _summary_lines(graded: VisionGrades, lang: Lang) -> list[str]:
    lines = []
    scopes = [(label(lang, "all"), graded.summary.overall)]
    scopes += [(graded.viewpoint_name(v), c) for v, c in graded.summary.by_viewpoint.items()]
    for name, counts in scopes:
        parts = [f"{g} {n}" for g, n in counts.by_grade.items()]
        if counts.ungraded:
            parts.append(f"{label(lang, 'ungraded')} {counts.ungraded}")
        top = "+".join(counts.labels[:2])
        lines.append(
            f"{name}: {', '.join(parts)} / {counts.total}; {top} {share(counts.top_share)}"
        )
    return lines


def render_table(graded: VisionGrades, lang: Lang = "ja", max_text: int = 40) -> str:
    header, rows = _rows(graded, lang)

    def clip(text: str) -> str:
        if width(text) <= max_text:
            return text
        out = ""
        for char in text:
            if width(out + char) > max_text - 1:
                return out + "…"
            out += char
        return out  # pragma: no cover

    rows = [[clip(terminal_text(c)) for c in row] for row in rows]
    sizes = [max(width(r[i]) for r in [header, *rows]) for i in range(len(header))]
    right = {0, 3, 4, 5}
    lines = [f"{terminal_text(graded.vision.title)} {long_year(graded.fiscal_year, lang)}", ""]
    lines.append("  ".join(_pad(h, sizes[i], i in right) for i, h in enumerate(header)))
    lines.append("  ".join("-" * s for s in sizes))
    for row in rows:
        lines.append("  ".join(_pad(c, sizes[i], i in right) for i, c in enumerate(row)))
    lines += ["", *(terminal_text(line) for line in _summary_lines(graded, lang))]
    return "\n".join(lines) + "\n"


def render_csv(graded: VisionGrades, lang: Lang = "en") -> str:
    """One row per KPI, as RFC 4180 says: lines end in CRLF, so that the csv module quotes a
    field holding a line break of either kind (with "\\n" it left a lone CR unquoted, and a
    reader split the row there). Texts go through ``csv_text`` (no cell a spreadsheet would
    read as a formula); numbers are written as numbers, a negative one with its minus sign.
    ``lang`` is that of the header and of the reasons a KPI is ungraded. No BOM here: the
    command puts one before the bytes, for Excel."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS_JA if lang == "ja" else CSV_COLUMNS)
    for kpi in graded.kpis:
        texts = [
            kpi.measure_name,
            kpi.kpi_id,
            kpi.kpi_name,
            graded.viewpoint_name(kpi.viewpoint),
            graded.field_name(kpi.field),
            kpi.unit or "",
        ]
        writer.writerow(
            [
                csv_text(kpi.measure_id),
                kpi.measure_no,
                *map(csv_text, texts),
                "" if kpi.actual is None else kpi.actual,
                "" if kpi.target is None else kpi.target,
                rate_text(kpi.rate) or "",
                csv_text(kpi.grade or ""),
                csv_text(reason_text(kpi.why, lang)),
            ]
        )
    return buffer.getvalue()


def render_grade_markdown(graded: VisionGrades, lang: Lang = "ja") -> str:
    header, rows = _rows(graded, lang)
    title = markdown_text(graded.vision.title, leading=False)
    lines = [f"### {title} {long_year(graded.fiscal_year, lang)}", ""]
    lines.append("| " + " | ".join(markdown_cell(h) for h in header) + " |")
    lines.append("| ---: | --- | --- | ---: | ---: | ---: | :---: |")
    lines += ["| " + " | ".join(markdown_cell(c) for c in row) + " |" for row in rows]
    lines += ["", *[f"- {markdown_text(line)}" for line in _summary_lines(graded, lang)]]
    return "\n".join(lines) + "\n"
