"""The entry workbook (実績入力): a year's actuals typed in Excel, and read back exactly.

``teijuu sheet`` writes one row per KPI of a vision for one fiscal year: No. (as the KPI
table prints it), 施策名, KPI, 単位, 目標値, last year's actual, then the two cells to fill,
実績値 and 年度評価 (one per measure, on its first row). The ids are in a hidden column and the
vision and year on a hidden sheet, so that the rows can be read back whatever people do to the
visible texts. The sheet is protected (only the cells to fill are unlocked), and so is the
workbook's structure.

:func:`read_entry_sheet` reads a filled workbook back into :class:`~teijuu.editing.Entry`
values, or into every :class:`CellProblem` it has, each at its cell (``実績入力!G12``): text
where a number belongs, a formula, merged cells, an id that no longer exists, a row deleted
or duplicated. Numbers typed as people type them are accepted where they are unambiguous:
full-width digits (１２３４５), thousands separators (12,345 or １２，３４５), a minus sign.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from io import BytesIO
from typing import Final

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from teijuu.editing import Entry
from teijuu.kpiref import KpiRef, kpi_number, kpi_refs
from teijuu.messages import Message, Text, msg
from teijuu.model import Results, Vision
from teijuu.model.common import MAX_MAGNITUDE, MAX_PLACES
from teijuu.plan import Plan
from teijuu.render.escape import spreadsheet_text
from teijuu.render.labels import long_year, short_year
from teijuu.render.text import width
from teijuu.render.xlsx import JAPANESE_FONT, page_numbers, reproducible

__all__ = [
    "ENTRY_SHEET",
    "FORMAT",
    "CellProblem",
    "EntrySheet",
    "entry_workbook",
    "parse_typed_number",
    "read_entry_sheet",
]

FORMAT: Final = "teijuu/entry-sheet/v1"
ENTRY_SHEET: Final = "実績入力"
_META_SHEET: Final = "teijuu"
_HEADER_ROW: Final = 3
_FIRST_ROW: Final = 4
_COLUMNS: Final = ("No.", "施策名", "KPI", "単位", "目標値", "{last}実績", "実績値（{this}）")
_EVALUATION_HEADER: Final = "年度評価（{this}）"
_ID_HEADER: Final = "id"
COL_NO, COL_ACTUAL, COL_EVALUATION, COL_ID = 1, 7, 8, 9

_FONT = Font(name=JAPANESE_FONT, size=10)
_BOLD = Font(name=JAPANESE_FONT, size=10, bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
_CLOSED_FILL = PatternFill("solid", fgColor="E7E6E6")
_THIN = Side(style="thin", color="808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(vertical="top", wrap_text=True)


# ---------------------------------------------------------------------------------------------
# Writing the workbook


def _number_format(value: Decimal) -> str:
    """Thousands separators, and the decimal places the value has: 12,345 and 66.30."""
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) else 0
    return "#,##0" if places <= 0 else "#,##0." + "0" * places


def _put(sheet: Worksheet, row: int, column: int, value: str | Decimal | None) -> None:
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = spreadsheet_text(value)
        cell.data_type = "s"  # a text never becomes a formula
    elif value is not None:
        cell.value = value
        cell.number_format = _number_format(value)
    cell.font = _FONT
    cell.border = _BOX
    cell.alignment = _WRAP


def _column_width(texts: list[str], least: int, most: int) -> float:
    """A width (in Excel's units, about one half-width character each) that shows the longest
    text on one line where it fits within ``most``, else wraps it."""
    longest = max((width(t) for t in texts), default=0)
    return float(min(most, max(least, longest + 2)))


def entry_workbook(vision: Vision, fiscal_year: int, results: list[Results]) -> bytes:
    """The entry workbook of ``vision`` for ``fiscal_year``; ``results`` are the vision's
    results files (the year's own, if any, fills the cells already recorded; the year
    before's gives the column of last year's actuals)."""
    this = next((r for r in results if r.fiscal_year == fiscal_year), None)
    last = next((r for r in results if r.fiscal_year == fiscal_year - 1), None)
    book = Workbook()
    sheet = book.worksheets[0]
    sheet.title = ENTRY_SHEET
    year = long_year(fiscal_year, "ja")
    title = f"{vision.title} {year} 実績入力"
    sheet.cell(row=1, column=1, value=spreadsheet_text(title)).font = Font(
        name=JAPANESE_FONT, size=14, bold=True
    )
    sheet.cell(
        row=2,
        column=1,
        value="黄色のセルに実績値（数値）と年度評価を入力し、`teijuu import` で取り込んでください。"
        "行の追加・削除・並べ替え、セルの結合はしないでください。",
    ).font = _FONT
    headers = [
        h.format(last=short_year(fiscal_year - 1, "ja"), this=short_year(fiscal_year, "ja"))
        for h in (*_COLUMNS, _EVALUATION_HEADER, _ID_HEADER)
    ]
    for column, text in enumerate(headers, start=1):
        cell = sheet.cell(row=_HEADER_ROW, column=column, value=text)
        cell.font, cell.fill, cell.border = _BOLD, _HEADER_FILL, _BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    refs = kpi_refs(vision)
    earlier = last.results_by_kpi() if last else {}
    recorded = this.results_by_kpi() if this else {}
    row = _FIRST_ROW - 1
    for ref in refs:
        row += 1
        first_of_measure = ref.measure.kpis[0] is ref.kpi
        target = ref.kpi.target
        target_value: str | Decimal | None = None
        if target is not None:
            target_value = target.value if target.value is not None else target.printed
        previous = earlier.get((ref.measure.id, ref.kpi.id))
        current = recorded.get((ref.measure.id, ref.kpi.id))
        values: list[str | Decimal | None] = [
            Decimal(ref.number) if ref.number.isdigit() else ref.number,  # 1, or 23-2
            ref.measure.name,
            ref.kpi.name,
            ref.kpi.unit,
            target_value,
            previous.actual if previous else None,
            current.actual if current else None,
            _evaluation(this, ref) if first_of_measure else None,
            ref.ids,
        ]
        for column, value in enumerate(values, start=1):
            _put(sheet, row, column, value)
        sheet.cell(row=row, column=COL_ACTUAL).number_format = "General"
        for column in (COL_ACTUAL, COL_EVALUATION):
            entry = sheet.cell(row=row, column=column)
            if column == COL_EVALUATION and not first_of_measure:
                entry.fill = _CLOSED_FILL  # one evaluation per measure: on its first row
                continue
            entry.fill = _INPUT_FILL
            entry.protection = Protection(locked=False)
    last_row = row
    _validations(sheet, last_row)
    widths = [
        6,
        _column_width([r.measure.name for r in refs], 16, 30),
        _column_width([r.kpi.name for r in refs], 24, 44),
        _column_width([r.kpi.unit or "" for r in refs], 6, 10),
        12,
        12,
        14,
        48,
        24,
    ]
    for column, size in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = size
    sheet.column_dimensions[get_column_letter(COL_ID)].hidden = True
    sheet.freeze_panes = f"D{_FIRST_ROW}"
    sheet.print_title_rows = f"{_HEADER_ROW}:{_HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    page_numbers(sheet, title)
    # Protected: only the yellow cells can be changed; columns and rows may be resized.
    protection = sheet.protection
    protection.sheet = True
    protection.formatColumns = False
    protection.formatRows = False
    protection.selectLockedCells = False
    protection.selectUnlockedCells = False
    _meta(book, vision, fiscal_year)
    book.security = WorkbookProtection(lockStructure=True)
    book.properties.creator = "teijuu"
    book.properties.title = spreadsheet_text(title)
    buffer = BytesIO()
    book.save(buffer)
    return reproducible(buffer.getvalue())


def _evaluation(results: Results | None, ref: KpiRef) -> str | None:
    """The year's evaluation already recorded for the measure, where it is one text (an
    evaluation split per municipality is not shown: one cell cannot hold it)."""
    if results is None:
        return None
    for measure in results.measures:
        if measure.measure == ref.measure.id and len(measure.evaluation) == 1:
            statement = measure.evaluation[0]
            return statement.text if statement.municipality is None else None
    return None


def _validations(sheet: Worksheet, last_row: int) -> None:
    actual = DataValidation(
        type="decimal",
        operator="between",
        formula1=str(-MAX_MAGNITUDE + 1),
        formula2=str(MAX_MAGNITUDE - 1),
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="実績値",
        error="実績値は数値で入力してください（例：12345、66.3）。",
        showInputMessage=True,
        promptTitle="実績値",
        prompt="数値だけを入力します（単位・文字・数式は不可）。",
    )
    actual.imeMode = "off"
    evaluation = DataValidation(
        type="textLength",
        operator="lessThanOrEqual",
        formula1=str(MAX_EVALUATION),
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="年度評価",
        error=f"年度評価は{MAX_EVALUATION}字以内で入力してください。",
    )
    evaluation.imeMode = "on"
    actual.add(f"G{_FIRST_ROW}:G{last_row}")
    evaluation.add(f"H{_FIRST_ROW}:H{last_row}")
    sheet.add_data_validation(actual)
    sheet.add_data_validation(evaluation)


def _meta(book: Workbook, vision: Vision, fiscal_year: int) -> None:
    """What the sheet is for, on a very hidden sheet that import reads."""
    meta = book.create_sheet(_META_SHEET)
    for row, (key, value) in enumerate(
        (("format", FORMAT), ("vision", vision.id), ("fiscal_year", fiscal_year)), start=1
    ):
        meta.cell(row=row, column=1, value=key)
        meta.cell(row=row, column=2, value=value)
    meta.sheet_state = "veryHidden"
    meta.protection.sheet = True


# ---------------------------------------------------------------------------------------------
# Reading it back


@dataclass(frozen=True, slots=True)
class CellProblem:
    """Why a cell (or the sheet, or the file) cannot be imported: a ``sheet/…`` message of
    :mod:`teijuu.messages`, read in Japanese (:attr:`ja`) or English (:attr:`en`)."""

    file: str
    sheet: str | None
    cell: str | None
    message: Message

    @property
    def ja(self) -> str:
        return self.message.render("ja")

    @property
    def en(self) -> str:
        return self.message.render("en")

    def to_text(self, lang: str | None = None) -> str:
        """``file:sheet!cell: message``: in ``lang``, or (None) in Japanese then English."""
        where = self.file
        if self.sheet is not None:
            where += f":{self.sheet}"
            if self.cell is not None:
                where += f"!{self.cell}"
        text = {"ja": self.ja, "en": self.en}.get(lang or "", f"{self.ja} ({self.en})")
        return f"{where}: {text}"


@dataclass(frozen=True, slots=True)
class EntrySheet:
    """A filled entry workbook as read: its vision, year and entries, or its problems."""

    vision: str
    fiscal_year: int
    entries: list[Entry]
    problems: list[CellProblem]
    rows: dict[str, int] = field(default_factory=dict)
    """The row of each KPI (MEASURE/KPI) in the entry sheet."""


_SEPARATED = re.compile(r"^-?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?$")
_PLAIN = re.compile(r"^-?[0-9]+(?:\.[0-9]+)?$")
_MINUS = str.maketrans({"−": "-", "‐": "-", "‑": "-", "–": "-", "ー": "-", "△": "-", "▲": "-"})


def parse_typed_number(text: str) -> Decimal | None:
    """A number as people type it into a cell, or None when it is not one or not certainly
    one: full-width digits and signs, thousands separators in groups of three (12,345 or
    １２，３４５), a minus sign of any kind, including the △ and ▲ of Japanese accounts.
    ``12,34`` (a decimal comma?) and ``1.234,5`` are refused, as is anything with a unit."""
    plain = unicodedata.normalize("NFKC", text).strip().translate(_MINUS)
    plain = plain.replace(" ", "")
    if _SEPARATED.fullmatch(plain):
        plain = plain.replace(",", "")
    if not _PLAIN.fullmatch(plain):
        return None
    try:
        return Decimal(plain)
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
        return None


MAX_EVALUATION: Final = 4000
"""The longest evaluation (年度評価) the sheet takes, in characters, as its cells say."""


def _exact(value: float) -> Decimal | None:
    """The number Excel shows for a cell's double: the shortest decimal that reads back as the
    same double (``66.3``, not ``66.29999999999999715782905696``); an integral one as an
    integer. None for an infinity or NaN (a pasted 1e400)."""
    if not math.isfinite(value):
        return None
    exact = Decimal(repr(value))
    if abs(exact) >= MAX_MAGNITUDE:  # out of range, as _plausible says: no digits to lay out
        return exact
    return exact.quantize(Decimal(1)) if exact == exact.to_integral_value() else exact.normalize()


def _plausible(value: Decimal) -> bool:
    exponent = value.as_tuple().exponent
    return abs(value) < MAX_MAGNITUDE and not (isinstance(exponent, int) and exponent < -MAX_PLACES)


def read_entry_sheet(content: bytes, name: str, plan: Plan) -> EntrySheet:
    """Read the entry workbook ``content`` (``name`` is how problems name the file) against
    the vision of ``plan`` that it names. Problems come in the order of the cells."""
    reader = _Reader(name)
    try:
        book = load_workbook(BytesIO(content), data_only=False)
    except Exception as exc:  # openpyxl raises many kinds on a file that is not a workbook
        reader.problem(None, None, msg("sheet/not-a-workbook", reason=_why_not_a_book(exc)))
        return EntrySheet("", 0, [], reader.problems)
    return reader.read(book, plan)


def _why_not_a_book(exc: Exception) -> Text:
    """openpyxl's reason (English), and what it means in Japanese."""
    from zipfile import BadZipFile

    if isinstance(exc, BadZipFile):
        ja = "ZIP形式のファイルではありません"
    elif isinstance(exc, KeyError):
        ja = "Excelのブックに必要な部分がありません"
    else:
        ja = "内容を読めません"
    return Text(str(exc), ja)


class _Reader:
    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[CellProblem] = []

    def problem(self, sheet: str | None, cell: str | None, message: Message) -> None:
        self.problems.append(CellProblem(self.name, sheet, cell, message))

    def _meta(self, book: Workbook) -> tuple[str, int] | None:
        if _META_SHEET not in book.sheetnames or ENTRY_SHEET not in book.sheetnames:
            self.problem(None, None, msg("sheet/not-an-entry-workbook"))
            return None
        meta = {
            str(row[0].value): row[1].value
            for row in book[_META_SHEET].iter_rows(min_row=1, max_row=10, max_col=2)
        }
        if meta.get("format") != FORMAT or not isinstance(meta.get("vision"), str):
            self.problem(None, None, msg("sheet/format", format=meta.get("format")))
            return None
        year = meta.get("fiscal_year")
        if not isinstance(year, int) or isinstance(year, bool):
            self.problem(None, None, msg("sheet/fiscal-year"))
            return None
        return str(meta["vision"]), year

    def read(self, book: Workbook, plan: Plan) -> EntrySheet:
        meta = self._meta(book)
        if meta is None:
            return EntrySheet("", 0, [], self.problems)
        vision_id, fiscal_year = meta
        vision = plan.get(Vision, vision_id)
        if vision is None or vision.id != vision_id:
            self.problem(None, None, msg("sheet/vision-not-in-plans", vision=vision_id))
            return EntrySheet(vision_id, fiscal_year, [], self.problems)
        sheet = book[ENTRY_SHEET]
        self._merged(sheet)
        refs = {r.ids: r for r in kpi_refs(vision)}
        seen: dict[str, int] = {}
        rows: list[tuple[int, KpiRef, Decimal | None, str | None]] = []
        for row in range(_FIRST_ROW, sheet.max_row + 1):
            read = self._row(sheet, row, refs, seen)
            if read is not None:
                rows.append((row, *read))
        for ids, ref in refs.items():
            if ids not in seen:
                kpi = Text(ids, ref.kpi.name)
                self.problem(
                    ENTRY_SHEET, None, msg("sheet/row-missing", number=ref.number, kpi=kpi)
                )
        if fiscal_year not in vision.current_period:
            period = vision.current_period
            self.problem(
                None,
                None,
                msg(
                    "sheet/outside-period",
                    year=Text(long_year(fiscal_year, "en"), long_year(fiscal_year, "ja")),
                    start=Text(str(period.start), long_year(period.start, "ja")),
                    end=Text(str(period.end), long_year(period.end, "ja")),
                ),
            )
        entries = self._entries(rows)
        cells = {f"{r.measure.id}/{r.kpi.id}": row for row, r, _, _ in rows}
        return EntrySheet(vision_id, fiscal_year, entries, self.problems, cells)

    def _merged(self, sheet: Worksheet) -> None:
        for merged in sheet.merged_cells.ranges:
            if merged.max_row >= _HEADER_ROW:
                self.problem(
                    ENTRY_SHEET,
                    merged.coord.split(":")[0],
                    msg("sheet/merged", cells=merged.coord),
                )

    def _row(
        self, sheet: Worksheet, row: int, refs: dict[str, KpiRef], seen: dict[str, int]
    ) -> tuple[KpiRef, Decimal | None, str | None] | None:
        ids = sheet.cell(row=row, column=COL_ID).value
        actual_cell = sheet.cell(row=row, column=COL_ACTUAL)
        evaluation_cell = sheet.cell(row=row, column=COL_EVALUATION)
        at = f"A{row}"
        if ids is None or (isinstance(ids, str) and not ids.strip()):
            if _blank(actual_cell.value) and _blank(evaluation_cell.value):
                return None  # an empty row below the table
            self.problem(ENTRY_SHEET, at, msg("sheet/row-added", row=row))
            return None
        ref = refs.get(str(ids))
        if ref is None:
            self.problem(ENTRY_SHEET, at, msg("sheet/kpi-gone", kpi=ids))
            return None
        if str(ids) in seen:
            self.problem(
                ENTRY_SHEET,
                at,
                msg("sheet/row-duplicated", number=ref.number, first=seen[str(ids)], row=row),
            )
            return None
        seen[str(ids)] = row
        actual = self._actual(actual_cell.coordinate, actual_cell.value, actual_cell.data_type)
        evaluation = self._evaluation(
            evaluation_cell.coordinate, evaluation_cell.value, evaluation_cell.data_type
        )
        if evaluation is not None and ref.measure.kpis[0] is not ref.kpi:
            self.problem(
                ENTRY_SHEET,
                evaluation_cell.coordinate,
                msg("sheet/evaluation-not-first", first=refs_first(ref)),
            )
        return ref, actual, evaluation

    def _formula(self, at: str, value: object, data_type: str | None) -> bool:
        if data_type == "f" or (isinstance(value, str) and value.startswith("=")):
            self.problem(ENTRY_SHEET, at, msg("sheet/formula"))
            return True
        if data_type == "e":
            self.problem(ENTRY_SHEET, at, msg("sheet/error-value", value=value))
            return True
        return False

    def _actual(self, at: str, value: object, data_type: str | None) -> Decimal | None:
        if _blank(value) or self._formula(at, value, data_type):
            return None
        number: Decimal | None = None
        if isinstance(value, bool):
            number = None
        elif isinstance(value, int):
            number = Decimal(value)
        elif isinstance(value, float):
            number = _exact(value)
        elif isinstance(value, str):
            number = parse_typed_number(value)
        elif isinstance(value, datetime | date | time):
            self.problem(ENTRY_SHEET, at, msg("sheet/actual-date"))
            return None
        if number is None:
            shown = str(value)[:40]
            self.problem(ENTRY_SHEET, at, msg("sheet/actual-not-number", shown=shown))
            return None
        if not _plausible(number):
            self.problem(ENTRY_SHEET, at, msg("sheet/actual-out-of-range", number=number))
            return None
        return number

    def _evaluation(self, at: str, value: object, data_type: str | None) -> str | None:
        if _blank(value) or self._formula(at, value, data_type):
            return None
        if not isinstance(value, str):
            found = Text(f"; found {value!r}", "")
            self.problem(ENTRY_SHEET, at, msg("sheet/evaluation-not-text", found=found))
            return None
        text = value.strip().replace("\r\n", "\n").replace("_x000D_", "")
        if len(text) > MAX_EVALUATION:  # pasted past the cell's own check
            self.problem(
                ENTRY_SHEET,
                at,
                msg("sheet/evaluation-too-long", length=len(text), limit=MAX_EVALUATION),
            )
            return None
        return text

    def _entries(self, rows: list[tuple[int, KpiRef, Decimal | None, str | None]]) -> list[Entry]:
        """The entries to record; a measure's evaluation goes with an actual of the measure
        (the first filled), as a results file holds it."""
        entries: list[Entry] = []
        for row, ref, _actual, evaluation in rows:
            if evaluation is None:
                continue
            if not any(r.measure is ref.measure and a is not None for _, r, a, _ in rows):
                self.problem(
                    ENTRY_SHEET,
                    f"{get_column_letter(COL_ACTUAL)}{row}",
                    msg("sheet/evaluation-alone"),
                )
        placed: set[str] = set()
        evaluations = {r.measure.id: e for _, r, _, e in rows if e is not None}
        for _, ref, actual, _ in rows:
            if actual is None:
                continue
            evaluation = None
            if ref.measure.id in evaluations and ref.measure.id not in placed:
                evaluation = evaluations[ref.measure.id]
                placed.add(ref.measure.id)
            entries.append(Entry(ref.measure.id, ref.kpi.id, actual, evaluation))
        return entries


def refs_first(ref: KpiRef) -> str:
    """The table number of the first KPI of ``ref``'s measure."""
    return kpi_number(ref.measure, ref.measure.kpis[0])


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
