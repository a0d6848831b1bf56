"""The yearly KPI report as an Excel workbook, with native Excel charts (openpyxl).

Sheets: the summary with a pie chart of all grades; the counts per policy field with a pie
chart per viewpoint and the C/D lists; the KPI table; a bar chart of the achievement rates.
Numbers are numbers (not text), so staff can go on computing with them.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from decimal import Decimal
from fractions import Fraction
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.chart import BarChart, PieChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.marker import DataPoint
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from teijuu.exact import DOWN, HALF_UP, decimal_of
from teijuu.grading import Counts
from teijuu.render.escape import FORMULA_TRIGGERS, spreadsheet_text
from teijuu.render.labels import Lang, circled, label, long_year, short_year
from teijuu.render.report import ReportData, share
from teijuu.render.svg import GRADE_COLOURS, UNGRADED_COLOUR

CellValue = int | Decimal | str | None
"""What the report writes into a cell."""
JAPANESE_FONT = "游ゴシック"
"""The font of every cell: Office's own Japanese font (Yu Gothic), on every Windows since 8.1;
elsewhere a spreadsheet substitutes a Japanese Gothic."""
_BOLD = Font(name=JAPANESE_FONT, bold=True)
_THIN = Side(style="thin", color="808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_PIE_ROWS = 17
"""Rows a pie chart (7.5 cm high) takes, and a row to spare."""
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
        cell.border = _BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _pie(title: str, sheet: Worksheet, first_row: int, last_row: int) -> PieChart:
    chart = PieChart()
    chart.title = spreadsheet_text(title)
    chart.add_data(
        Reference(sheet, min_col=2, min_row=first_row - 1, max_row=last_row), titles_from_data=True
    )
    chart.set_categories(Reference(sheet, min_col=1, min_row=first_row, max_row=last_row))
    labels = [sheet.cell(row=r, column=1).value for r in range(first_row, last_row + 1)]
    series = chart.series[0]
    for index, name in enumerate(labels):
        point = DataPoint(idx=index)
        point.graphicalProperties.solidFill = grade_colour(str(name or ""))[1:].upper()
        point.graphicalProperties.line.solidFill = "FFFFFF"
        series.dPt.append(point)
    chart.dataLabels = DataLabelList()
    chart.dataLabels.showVal = True
    chart.dataLabels.showPercent = True
    chart.dataLabels.showSerName = False
    chart.dataLabels.showCatName = False
    chart.dataLabels.showLegendKey = False
    chart.height, chart.width = 7.5, 12
    return chart


def grade_colour(name: str) -> str:
    """The colour of a grade, as the SVG charts draw it (A blue, B green, C amber, D red),
    for a label such as "A" or "A 達成"; grey for anything else."""
    letter = name[:1]
    if letter in "ABCD" and letter and (len(name) == 1 or name[1] == " "):
        return GRADE_COLOURS["ABCD".index(letter)]
    return UNGRADED_COLOUR


def _box(sheet: Worksheet, first_row: int, last_row: int, columns: int) -> None:
    """Borders round every cell of a table, text wrapped, top-aligned."""
    for row in sheet.iter_rows(min_row=first_row, max_row=last_row, max_col=columns):
        for cell in row:
            cell.border = _BOX
            if (cell.row or 0) > first_row:
                cell.alignment = Alignment(
                    vertical="top",
                    wrap_text=True,
                    horizontal=cell.alignment.horizontal,
                )


def _fit_rows(sheet: Worksheet, first_row: int, last_row: int) -> None:
    """Row heights that show every wrapped line: a spreadsheet that opens the file does not
    always measure them (LibreOffice leaves such rows one line high), so they are set here
    from the texts' display widths and the columns' widths."""
    from math import ceil

    from teijuu.render.text import width

    for row in range(first_row, last_row + 1):
        lines = 1
        for cell in sheet[row]:
            if not isinstance(cell.value, str) or cell.column_letter is None:
                continue
            room = (sheet.column_dimensions[cell.column_letter].width or 8.43) - 1
            lines = max(lines, ceil(width(cell.value) / max(room, 1)))
        if lines > 1:
            sheet.row_dimensions[row].height = 15 * lines


def _grade_cell(cell: Cell) -> None:
    """A grade in its colour, the letter in white, centred."""
    if isinstance(cell.value, str) and cell.value:
        cell.fill = PatternFill("solid", fgColor=grade_colour(cell.value)[1:].upper())
        cell.font = Font(name=JAPANESE_FONT, bold=True, color="FFFFFF")
    cell.alignment = Alignment(horizontal="center", vertical="top")


def _counts_block(
    sheet: Worksheet, row: int, counts: Counts, names: dict[str, str], lang: Lang
) -> int:
    """Grade / count / share rows from ``row``; returns the next free row."""
    first = row
    _header(sheet, row, [label(lang, "grade"), label(lang, "items"), label(lang, "share")])
    for grade, n in counts.by_grade.items():
        row += 1
        _put(sheet, row=row, column=1, value=names[grade])
        _put(sheet, row=row, column=2, value=n)
        part = counts.share([grade])
        if part is not None:
            cell = _put(sheet, row=row, column=3, value=_exact(part, 3, HALF_UP))
            cell.number_format = "0.0%"
    if counts.ungraded:
        row += 1
        _put(sheet, row=row, column=1, value=label(lang, "ungraded"))
        _put(sheet, row=row, column=2, value=counts.ungraded)
    row += 1
    _put(sheet, row=row, column=1, value=label(lang, "total")).font = _BOLD
    _put(sheet, row=row, column=2, value=counts.total).font = _BOLD
    _box(sheet, first, row, 3)
    return row + 1


def _exact(value: Fraction, places: int, rounding: str) -> Decimal:
    return decimal_of(value, places, rounding)


def _rate_cell(value: Fraction) -> Decimal:
    """A rate truncated to 0.1%, so that Excel's display never rounds it past a boundary."""
    return _exact(value, 3, DOWN)


def _fit_to_page(sheet: Worksheet, title: str) -> None:
    """Print landscape on A4, as wide as the page, with the title and page numbers on every
    page, every cell in the Japanese font: the staff print these for the committee."""
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is not None and cell.font.name != JAPANESE_FONT:
                font = cell.font
                cell.font = Font(
                    name=JAPANESE_FONT, bold=font.bold, size=font.size, color=font.color
                )
    page_numbers(sheet, title)
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
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
        f"A{end + 3}",  # below the table and its sentence, as the paper has it
    )
    sheet.column_dimensions["A"].width = 24

    # 2. By viewpoint and field
    fields_sheet = book.create_sheet("分野別" if lang == "ja" else "By field")
    row = 1
    header = [label(lang, "field"), *rule.labels, label(lang, "ungraded"), label(lang, "total")]
    for viewpoint_id, counts in summary.by_viewpoint.items():
        if row > 1:  # each viewpoint on a page of its own: no chart across a page break
            fields_sheet.row_breaks.append(Break(id=row - 1))
        name = graded.viewpoint_name(viewpoint_id)
        _put(fields_sheet, row=row, column=1, value=name).font = Font(bold=True, size=12)
        row += 1
        pie_at = row
        _header(fields_sheet, row, [label(lang, "grade"), label(lang, "items")])
        for grade, n in counts.by_grade.items():
            row += 1
            _put(fields_sheet, row=row, column=1, value=names[grade])
            _put(fields_sheet, row=row, column=2, value=n)
        _box(fields_sheet, pie_at, row, 2)
        if counts.total:
            fields_sheet.add_chart(
                _pie(
                    label(lang, "pie_title", year=year, scope=name), fields_sheet, pie_at + 1, row
                ),
                f"J{pie_at}",
            )
        row += 2
        _header(fields_sheet, row, header)
        table_at = row
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
        _box(fields_sheet, table_at, row, len(header))
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
        row = max(row + 3, pie_at + _PIE_ROWS)  # the chart ends above the next page break
    fields_sheet.column_dimensions["A"].width = 36
    fields_sheet.print_area = f"A1:{get_column_letter(9 + 7)}{row}"

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
    _box(table, 1, len(graded.kpis) + 1, len(columns))
    for row_cells in table.iter_rows(min_row=2, min_col=11, max_col=len(columns)):
        for cell in row_cells:
            _grade_cell(cell)
    table.print_title_rows = "1:1"
    for letter, size in zip("ABCDEFGHIJ", (5, 18, 18, 30, 50, 11, 11, 11, 7, 9), strict=True):
        table.column_dimensions[letter].width = size
    for offset in range(len(data.columns)):
        table.column_dimensions[get_column_letter(11 + offset)].width = 6
    _fit_rows(table, 2, len(graded.kpis) + 1)
    table.freeze_panes = "E2"

    # 4. The rates as a bar chart
    rates = book.create_sheet("達成率" if lang == "ja" else "Rates")
    _header(rates, 1, [label(lang, "no"), label(lang, "rate"), label(lang, "grade")])
    n = 1
    for kpi in graded.kpis:
        if kpi.rate is None:
            continue
        n += 1
        key = kpi.number
        _put(rates, row=n, column=1, value=int(key) if key.isdigit() else key)
        cell = _put(
            rates,
            row=n,
            column=2,
            value=_rate_cell(kpi.rate),
        )
        cell.number_format = "0.0%"
        _grade_cell(_put(rates, row=n, column=3, value=kpi.grade))
    _box(rates, 1, n, 3)
    rates.print_title_rows = "1:1"
    if n > 1:
        chart = BarChart()
        chart.type = "col"
        chart.title = spreadsheet_text(f"{year} {label(lang, 'rates')}")
        chart.y_axis.title = label(lang, "rate_axis")
        chart.y_axis.numFmt = "0%"
        chart.add_data(Reference(rates, min_col=2, min_row=1, max_row=n), titles_from_data=True)
        chart.set_categories(Reference(rates, min_col=1, min_row=2, max_row=n))
        chart.legend = None
        chart.height, chart.width = 10, 26
        rated = [k for k in graded.kpis if k.rate is not None]
        for index, kpi in enumerate(rated):  # each bar in its grade's colour
            point = DataPoint(idx=index)
            point.graphicalProperties.solidFill = grade_colour(kpi.grade or "")[1:].upper()
            chart.series[0].dPt.append(point)
        rates.add_chart(chart, "E2")
    for each in book.worksheets:
        _fit_to_page(each, book.properties.title or "")
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
