"""The yearly KPI report as an Excel workbook, with native Excel charts (openpyxl).

Sheets: the summary with a pie chart of all grades; the counts per policy field with a pie
chart per viewpoint and the C/D lists; the KPI table; a bar chart of the achievement rates.
Numbers are numbers (not text), so staff can go on computing with them.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from fractions import Fraction
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.chart import BarChart, PieChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from teijuu.grading import Counts
from teijuu.render.escape import FORMULA_TRIGGERS, spreadsheet_text
from teijuu.render.labels import Lang, circled, label, long_year, short_year
from teijuu.render.report import ReportData, share

CellValue = int | Decimal | str | None
"""What the report writes into a cell."""
JAPANESE_FONT = "游ゴシック"
"""The font of every cell: Office's own Japanese font (Yu Gothic), on every Windows since 8.1;
elsewhere a spreadsheet substitutes a Japanese Gothic."""
_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_FIXED_TIME = dt.datetime(
    2000, 1, 1
)  # no build time inside the file: the same plans, the same workbook


def _put(sheet: Worksheet, row: int, column: int, value: CellValue) -> Cell:
    """Write one cell. A text stays a text cell, whatever it starts with: openpyxl would store
    ``=…`` as a formula, so the cell's type is set to string, and a text a spreadsheet would
    read as a formula once edited (``=``, ``+``, ``-``, ``@``, tab, CR: OWASP's list) gets
    Excel's quote prefix, the ``'`` typed before such a text, which is not part of its value.
    Control characters that XML cannot hold are shown (``spreadsheet_text``). Numbers stay
    numbers."""
    if not isinstance(value, str):
        return sheet.cell(row=row, column=column, value=value)
    text = spreadsheet_text(value)
    cell = sheet.cell(row=row, column=column, value=text)
    cell.data_type = "s"
    if text.startswith(FORMULA_TRIGGERS):
        cell.quotePrefix = True
    return cell


def _header(sheet: Worksheet, row: int, values: list[str]) -> None:
    for col, value in enumerate(values, start=1):
        cell = _put(sheet, row=row, column=col, value=value)
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _pie(title: str, sheet: Worksheet, first_row: int, last_row: int) -> PieChart:
    chart = PieChart()
    chart.title = spreadsheet_text(title)
    chart.add_data(
        Reference(sheet, min_col=2, min_row=first_row - 1, max_row=last_row), titles_from_data=True
    )
    chart.set_categories(Reference(sheet, min_col=1, min_row=first_row, max_row=last_row))
    chart.dataLabels = DataLabelList()
    chart.dataLabels.showVal = True
    chart.dataLabels.showPercent = True
    chart.dataLabels.showSerName = False
    chart.dataLabels.showCatName = False
    chart.dataLabels.showLegendKey = False
    chart.height, chart.width = 7.5, 12
    return chart


def _counts_block(
    sheet: Worksheet, row: int, counts: Counts, names: dict[str, str], lang: Lang
) -> int:
    """Grade / count / share rows from ``row``; returns the next free row."""
    _header(sheet, row, [label(lang, "grade"), label(lang, "items"), label(lang, "share")])
    for grade, n in counts.by_grade.items():
        row += 1
        _put(sheet, row=row, column=1, value=names[grade])
        _put(sheet, row=row, column=2, value=n)
        part = counts.share([grade])
        if part is not None:
            cell = _put(sheet, row=row, column=3, value=_exact(part, "0.001", ROUND_HALF_UP))
            cell.number_format = "0.0%"
    if counts.ungraded:
        row += 1
        _put(sheet, row=row, column=1, value=label(lang, "ungraded"))
        _put(sheet, row=row, column=2, value=counts.ungraded)
    row += 1
    _put(sheet, row=row, column=1, value=label(lang, "total")).font = _BOLD
    _put(sheet, row=row, column=2, value=counts.total).font = _BOLD
    return row + 1


def _exact(value: Fraction, step: str, rounding: str) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        Decimal(step), rounding=rounding
    )


def _rate_cell(value: Fraction) -> Decimal:
    """A rate truncated to 0.1%, so that Excel's display never rounds it past a boundary."""
    return _exact(value, "0.001", ROUND_DOWN)


def _fit_to_page(sheet: Worksheet) -> None:
    """Print landscape, as wide as the page: the staff print these for the committee."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0


def page_numbers(sheet: Worksheet, title: str) -> None:
    """The title in the header and ``page / pages`` in the footer of every printed page."""
    header, footer = sheet.oddHeader, sheet.oddFooter
    assert header is not None  # openpyxl makes both
    assert footer is not None
    header.center.text = spreadsheet_text(title).replace("&", "&&")
    header.center.font = f"{JAPANESE_FONT},標準"
    footer.center.text = "&P / &N"


def render_xlsx(data: ReportData, lang: Lang = "ja") -> bytes:
    graded = data.graded
    summary = graded.summary
    rule = graded.rule
    names = {b.label: f"{b.label} {b.name}" if b.name else b.label for b in rule.bands}
    year = long_year(data.fiscal_year, lang)
    book = Workbook()
    book.properties.created = _FIXED_TIME
    book.properties.modified = _FIXED_TIME
    book.properties.creator = "teijuu"
    book.properties.title = spreadsheet_text(
        label(lang, "report_title", vision=data.vision.title, year=year)
    )

    # 1. Summary
    sheet = book.worksheets[0]
    sheet.title = "概要" if lang == "ja" else "Summary"
    _put(sheet, 1, 1, book.properties.title).font = Font(bold=True, size=14)
    _put(sheet, 3, 1, label(lang, "overall")).font = _BOLD
    end = _counts_block(sheet, 4, summary.overall, names, lang)
    top = rule.labels[:2]
    _put(
        sheet,
        row=end + 1,
        column=1,
        value=label(
            lang,
            "top_share",
            labels=("及び" if lang == "ja" else " and ").join(top),
            percent=share(summary.overall.top_share),
            count=sum(summary.overall.by_grade[g] for g in top),
            graded=summary.overall.graded,
        ),
    )
    sheet.add_chart(
        _pie(
            label(lang, "pie_title", year=year, scope=label(lang, "all")),
            sheet,
            5,
            4 + len(rule.labels),
        ),
        "E3",
    )
    sheet.column_dimensions["A"].width = 24

    # 2. By viewpoint and field
    fields_sheet = book.create_sheet("分野別" if lang == "ja" else "By field")
    row = 1
    header = [label(lang, "field"), *rule.labels, label(lang, "ungraded"), label(lang, "total")]
    for viewpoint_id, counts in summary.by_viewpoint.items():
        name = graded.viewpoint_name(viewpoint_id)
        _put(fields_sheet, row=row, column=1, value=name).font = Font(bold=True, size=12)
        row += 1
        pie_at = row
        _header(fields_sheet, row, [label(lang, "grade"), label(lang, "items")])
        for grade, n in counts.by_grade.items():
            row += 1
            _put(fields_sheet, row=row, column=1, value=names[grade])
            _put(fields_sheet, row=row, column=2, value=n)
        if counts.total:
            fields_sheet.add_chart(
                _pie(
                    label(lang, "pie_title", year=year, scope=name), fields_sheet, pie_at + 1, row
                ),
                f"J{pie_at}",
            )
        row += 2
        _header(fields_sheet, row, header)
        for field_id, field_counts in summary.by_field.items():
            kpis = [k for k in graded.kpis if k.field == field_id]
            if not kpis or kpis[0].viewpoint != viewpoint_id:
                continue
            row += 1
            cells: list[CellValue] = [
                graded.field_name(field_id),
                *field_counts.by_grade.values(),
                field_counts.ungraded,
                field_counts.total,
            ]
            for col, value in enumerate(cells, start=1):
                _put(fields_sheet, row=row, column=col, value=value)
        row += 2
        watched = [w for w in summary.watched if w.viewpoint == viewpoint_id]
        joined = ("、" if lang == "ja" else ", ").join(rule.watched)
        _put(
            fields_sheet, row=row, column=1, value=label(lang, "watch_heading", labels=joined)
        ).font = _BOLD
        for w in watched:
            row += 1
            _put(fields_sheet, row=row, column=1, value=f"{circled(w.measure_no)} {w.measure_name}")
            _put(fields_sheet, row=row, column=2, value="、".join(w.grades))
        if not watched:
            row += 1
            _put(fields_sheet, row=row, column=1, value=label(lang, "watch_none"))
        row += 3
    fields_sheet.column_dimensions["A"].width = 36

    # 3. The KPI table
    table = book.create_sheet("KPI一覧" if lang == "ja" else "KPIs")
    columns = [
        label(lang, "no"),
        label(lang, "viewpoint"),
        label(lang, "field"),
        label(lang, "measure"),
        label(lang, "kpi"),
        label(lang, "baseline"),
        label(lang, "actual"),
        label(lang, "target"),
        "単位" if lang == "ja" else "Unit",
        label(lang, "rate"),
        *(short_year(y, lang) for y in data.columns),
    ]
    _header(table, 1, columns)
    for i, kpi in enumerate(graded.kpis, start=2):
        rate = _rate_cell(kpi.rate) if kpi.rate is not None else None
        values: list[CellValue] = [
            kpi.measure_no,
            graded.viewpoint_name(kpi.viewpoint),
            graded.field_name(kpi.field),
            kpi.measure_name,
            kpi.kpi_name,
            kpi.baseline,
            kpi.actual,
            kpi.target,
            kpi.unit,
            rate,
            *(data.grade_in(y, kpi) for y in data.columns),
        ]
        for col, value in enumerate(values, start=1):
            cell = _put(table, row=i, column=col, value=value)
            if col == 10:
                cell.number_format = "0.0%"
            elif col in (6, 7, 8) and value is not None:
                cell.number_format = "#,##0.###"
    for letter, size in zip("ABCDEFGHIJ", (5, 18, 18, 30, 50, 11, 11, 11, 7, 9), strict=True):
        table.column_dimensions[letter].width = size
    for offset in range(len(data.columns)):
        table.column_dimensions[get_column_letter(11 + offset)].width = 6
    table.freeze_panes = "E2"

    # 4. The rates as a bar chart
    rates = book.create_sheet("達成率" if lang == "ja" else "Rates")
    _header(rates, 1, ["KPI", label(lang, "rate")])
    n = 1
    for kpi in graded.kpis:
        if kpi.rate is None:
            continue
        n += 1
        siblings = [k for k in graded.kpis if k.measure_id == kpi.measure_id]
        key = str(kpi.measure_no or kpi.measure_id)
        if len(siblings) > 1:
            key += f"-{siblings.index(kpi) + 1}"
        _put(rates, row=n, column=1, value=key)
        cell = _put(
            rates,
            row=n,
            column=2,
            value=_rate_cell(kpi.rate),
        )
        cell.number_format = "0.0%"
    if n > 1:
        chart = BarChart()
        chart.type = "col"
        chart.title = spreadsheet_text(f"{year} {label(lang, 'rates')}")
        chart.y_axis.title = label(lang, "rate_axis")
        chart.y_axis.numFmt = "0%"
        chart.add_data(Reference(rates, min_col=2, min_row=1, max_row=n), titles_from_data=True)
        chart.set_categories(Reference(rates, min_col=1, min_row=2, max_row=n))
        chart.legend = None
        chart.height, chart.width = 10, 28
        rates.add_chart(chart, "D2")
    for each in book.worksheets:
        _fit_to_page(each)
    buffer = BytesIO()
    book.save(buffer)
    return reproducible(buffer.getvalue())


def reproducible(data: bytes) -> bytes:
    """The same workbook for the same plans, byte for byte: openpyxl stamps the save time into
    docProps/core.xml and every zip entry; both are set to a fixed time here."""
    stamp = _FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = BytesIO()
    with (
        zipfile.ZipFile(BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + stamp.encode() + rb"\g<2>",
                    content,
                )
            entry = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, content)
    return out.getvalue()
