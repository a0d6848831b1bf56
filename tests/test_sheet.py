"""The planner's year without YAML: the entry workbook out, filled in as people do, and in.

Driven with openpyxl as Excel would leave the file: ``teijuu sheet`` for FY2025 of the bundled
3rd vision, cells filled, ``teijuu import``, then ``teijuu report --fy 2025`` and ``validate``.
Every refusal is tested: the import writes nothing and says where, ``FILE:実績入力!G12``.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from teijuu import api
from teijuu.cli import main
from teijuu.messages import msg
from teijuu.sheet import ENTRY_SHEET, FORMAT, CellProblem, parse_typed_number

FIRST_ROW = 4
Cellable = int | float | str | bool | dt.date
RESULTS_2025 = Path("plans/ichinoseki-hiraizumi/results/3rd-fy2025.yaml")
RESULTS_2024 = Path("plans/ichinoseki-hiraizumi/results/3rd-fy2024.yaml")


@contextmanager
def inside(folder: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def year(bundled_copy: Path) -> Iterator[Path]:
    """A copy of the bundled plans, as the working directory, with the FY2025 entry sheet."""
    with inside(bundled_copy.parent):
        code, _, err = run("sheet", "--fy", "2025", "-o", "実績入力.xlsx")
        assert code == 0, err
        yield bundled_copy.parent


def rows_by_id(sheet: Worksheet) -> dict[str, int]:
    return {
        str(sheet.cell(row=r, column=9).value): r
        for r in range(FIRST_ROW, sheet.max_row + 1)
        if sheet.cell(row=r, column=9).value
    }


def fill(path: Path, change: Callable[[Workbook, Worksheet, dict[str, int]], None]) -> None:
    book = load_workbook(path)
    sheet = book[ENTRY_SHEET]
    change(book, sheet, rows_by_id(sheet))
    book.save(path)


# -- the sheet as written ---------------------------------------------------------------------


def test_the_sheet_has_a_row_per_kpi_with_cells_to_fill(year: Path) -> None:
    book = load_workbook(year / "実績入力.xlsx")
    sheet = book[ENTRY_SHEET]
    assert [c.value for c in sheet[3]] == [
        "No.",
        "施策名",
        "KPI",
        "単位",
        "目標値",
        "R6実績",
        "実績値（R7）",
        "年度評価（R7）",
        "id",
    ]
    ids = rows_by_id(sheet)
    assert len(ids) == 34  # every KPI of the 3rd vision, once
    row = ids["heritage-value/takkoku-survey-progress"]
    assert sheet.cell(row=row, column=1).value == "23-2"  # as the KPI table prints it
    assert sheet.cell(row=ids["community-bus/ridership-ratio"], column=1).value == 25
    local = ids["childcare-environment/support-center-users"]
    assert [c.value for c in sheet[local]][1:7] == [
        "子育て環境整備事業",
        "地域子育て支援拠点事業の利用者数",
        "人",
        10162,  # the target
        11837,  # FY2024's actual
        None,  # to fill
    ]
    # Ids hidden, the sheet protected but for the cells to fill, the structure locked.
    assert sheet.column_dimensions["I"].hidden
    assert sheet.protection.sheet
    assert not sheet.cell(row=local, column=7).protection.locked
    assert not sheet.cell(row=local, column=8).protection.locked
    assert sheet.cell(row=local, column=3).protection.locked
    assert sheet.cell(row=3, column=1).protection.locked
    assert book.security is not None
    assert book.security.lockStructure
    assert book["teijuu"].sheet_state == "veryHidden"
    # A second KPI of a measure has no evaluation cell of its own: one per measure.
    assert sheet.cell(row=row, column=8).protection.locked
    # Data validation: a decimal for 実績値, with the IME off.
    kinds = {(v.type, str(v.sqref)) for v in sheet.data_validations.dataValidation}
    assert ("decimal", f"G{FIRST_ROW}:G{FIRST_ROW + 33}") in kinds
    # A Japanese font; columns wide enough for the names; printed with titles on A4.
    assert sheet.cell(row=local, column=3).font.name == "游ゴシック"
    assert (sheet.column_dimensions["C"].width or 0) >= 30
    assert sheet.print_title_rows == "$3:$3"
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4


def test_sheet_refuses_to_write_over_a_workbook_or_another_format(year: Path) -> None:
    code, _, err = run("sheet", "--fy", "2025", "-o", "実績入力.xlsx")
    assert code == 2
    assert "exists" in err
    assert "--force" in err
    assert run("sheet", "--fy", "2025", "-o", "実績入力.xlsx", "--force")[0] == 0
    code, _, err = run("sheet", "--fy", "2025", "-o", "実績入力.csv")
    assert code == 2
    assert "*.xlsx" in err
    code, _, err = run("sheet", "--fy", "2040", "-o", "x.xlsx")
    assert code == 2
    assert "no vision's period holds FY2040" in err


# -- the year end to end ----------------------------------------------------------------------


def test_a_year_without_yaml(year: Path) -> None:
    """Sheet → filled as people type → import → report (md, xlsx) → validate; re-import and
    a fresh sheet change nothing."""
    typed: dict[str, int | float | str] = {
        "holiday-night-care/care-rate": 85,  # a number
        "medical-staff/local-hires": "１６",  # full-width digits
        "childcare-environment/support-center-users": "１２，３４５",  # and a separator
        "inbound-tourism/foreign-visitors": "170,001",
        "community-bus/ridership-ratio": 66.3,  # a double: read as the 66.3 Excel shows
        "heritage-value/honedera-visitors": 4321.0,  # an integral double: 4321
        "heritage-value/takkoku-survey-progress": " 42.50 ",  # as typed, trailing zero kept
    }

    def change(_book: Workbook, sheet: Worksheet, ids: dict[str, int]) -> None:
        for kpi, value in typed.items():
            sheet.cell(row=ids[kpi], column=7, value=value)
        sheet.cell(
            row=ids["holiday-night-care/care-rate"], column=8, value="前年度並み。\n継続する。"
        )
        sheet.cell(row=ids["heritage-value/honedera-visitors"], column=8, value="増加した。")

    fill(year / "実績入力.xlsx", change)
    code, _, err = run("import", "実績入力.xlsx")
    assert code == 0, err
    assert f"recorded 7 actual(s) in {RESULTS_2025}" in err
    text = (year / RESULTS_2025).read_text("utf-8")
    for line in (
        "actual: 85\n",
        "actual: 16\n",
        "actual: 12345\n",
        "actual: 170001\n",
        "actual: 66.3\n",
        "actual: 4321\n",
        "actual: 42.50\n",
        'text: "前年度並み。\\n継続する。"\n',
        "text: 増加した。\n",
    ):
        assert line in text, line
    # The evaluation is the measure's, beside its first KPI.
    assert text.index("honedera-visitors") < text.index("増加した。")

    # Again: nothing changes, not a byte.
    before = (year / RESULTS_2025).read_bytes()
    code, _, err = run("import", "実績入力.xlsx")
    assert code == 0, err
    assert "holds these 7 actual(s) already" in err
    assert (year / RESULTS_2025).read_bytes() == before

    # A fresh sheet shows what is recorded; importing it as it is changes nothing either.
    assert run("sheet", "--fy", "2025", "-o", "again.xlsx")[0] == 0
    again = load_workbook(year / "again.xlsx")[ENTRY_SHEET]
    ids = rows_by_id(again)
    assert again.cell(row=ids["community-bus/ridership-ratio"], column=7).value == 66.3
    assert again.cell(row=ids["holiday-night-care/care-rate"], column=8).value == (
        "前年度並み。\n継続する。"
    )
    assert run("import", "again.xlsx")[0] == 0
    assert (year / RESULTS_2025).read_bytes() == before

    # The year's papers, and the plans still valid.
    code, out, err = run("report", "--fy", "2025")
    assert code == 0, err
    assert "令和7年度" in out
    assert run("report", "--fy", "2025", "-o", "report.xlsx", "--format", "xlsx")[0] == 0
    code, _, err = run("validate")
    assert code == 0, err
    code, out, _ = run("grade", "--fy", "2025", "--format", "json")
    assert code == 0
    assert '"actual": "12345"' in out or '"actual": 12345' in out


# -- refusals: nothing written, each at its place -----------------------------------------------


def _set(
    kpi: str, column: int, value: Cellable
) -> Callable[[Workbook, Worksheet, dict[str, int]], None]:
    def change(_book: Workbook, sheet: Worksheet, ids: dict[str, int]) -> None:
        sheet.cell(row=ids["holiday-night-care/care-rate"], column=7, value=90)  # one good cell
        sheet.cell(row=ids[kpi], column=column, value=value)

    return change


def _merge(_book: Workbook, sheet: Worksheet, ids: dict[str, int]) -> None:
    row = ids["medical-staff/local-hires"]
    sheet.cell(row=row, column=7, value=10)
    sheet.merge_cells(start_row=row, start_column=7, end_row=row + 1, end_column=7)


def _unknown_id(_book: Workbook, sheet: Worksheet, ids: dict[str, int]) -> None:
    row = ids["medical-staff/local-hires"]
    sheet.cell(row=row, column=9, value="medical-staff/gone")
    sheet.cell(row=row, column=7, value=10)


def _delete_row(_book: Workbook, sheet: Worksheet, ids: dict[str, int]) -> None:
    sheet.cell(row=ids["holiday-night-care/care-rate"], column=7, value=90)
    sheet.delete_rows(ids["medical-staff/local-hires"])


def _duplicate_row(_book: Workbook, sheet: Worksheet, ids: dict[str, int]) -> None:
    row = ids["medical-staff/local-hires"]
    last = sheet.max_row + 1
    for column in range(1, 10):
        sheet.cell(row=last, column=column, value=sheet.cell(row=row, column=column).value)
    sheet.cell(row=last, column=7, value=11)


def _added_row(_book: Workbook, sheet: Worksheet, _ids: dict[str, int]) -> None:
    sheet.cell(row=sheet.max_row + 1, column=7, value=5)


def _no_meta(book: Workbook, _sheet: Worksheet, _ids: dict[str, int]) -> None:
    book.remove(book["teijuu"])


def _other_vision(book: Workbook, _sheet: Worksheet, _ids: dict[str, int]) -> None:
    book["teijuu"]["B2"] = "another-vision"


def _evaluation_alone(_book: Workbook, sheet: Worksheet, ids: dict[str, int]) -> None:
    sheet.cell(row=ids["medical-staff/local-hires"], column=8, value="評価だけ")


@pytest.mark.parametrize(
    ("change", "where", "says"),
    [
        (_set("medical-staff/local-hires", 7, "十五"), "実績入力!G5", "実績値が数値ではありません"),
        (_set("medical-staff/local-hires", 7, "15人"), "実績入力!G5", "not a number"),
        (
            _set("medical-staff/local-hires", 7, "12,34"),
            "実績入力!G5",
            "実績値が数値ではありません",
        ),
        (_set("medical-staff/local-hires", 7, "=1+2"), "実績入力!G5", "数式は取り込めません"),
        (_set("holiday-night-care/care-rate", 8, "=A1"), "実績入力!H4", "a formula"),
        (_set("holiday-night-care/care-rate", 8, "評" * 4001), "実績入力!H4", "4001字あります"),
        (_set("medical-staff/local-hires", 7, True), "実績入力!G5", "実績値が数値ではありません"),
        (_set("medical-staff/local-hires", 7, 1e20), "実績入力!G5", "out of range"),
        (_set("medical-staff/local-hires", 7, 1e28), "実績入力!G5", "out of range"),
        (_set("medical-staff/local-hires", 7, 1e300), "実績入力!G5", "out of range"),
        (
            _set("heritage-value/takkoku-survey-progress", 8, "二つ目"),
            "実績入力!H27",
            "年度評価は施策ごとに1つです",
        ),
        (_merge, "実績入力!G5", "セルが結合されています（G5:G6）"),
        (_unknown_id, "実績入力!A5", "medical-staff/gone"),
        (_delete_row, "実績入力:", "No.2「医師・医療介護従事者修学資金貸付修学者のうち"),
        (_duplicate_row, "実績入力!A38", "No.2 の行が重複しています（5行目と38行目）"),
        (_added_row, "実績入力!A38", "added"),
        (_no_meta, " ", "teijuu の実績入力シートではありません"),
        (_other_vision, " ", "another-vision"),
        (_evaluation_alone, "実績入力!G5", "年度評価だけでは取り込めません"),
    ],
    ids=[
        "kanji-number",
        "unit-typed",
        "ambiguous-separator",
        "formula-actual",
        "formula-evaluation",
        "evaluation-too-long",
        "boolean",
        "out-of-range",
        "out-of-range-1e28",
        "out-of-range-1e300",
        "second-evaluation",
        "merged",
        "id-gone",
        "row-deleted",
        "row-duplicated",
        "row-added",
        "not-a-teijuu-sheet",
        "vision-not-in-plans",
        "evaluation-without-actual",
    ],
)
def test_import_refuses_and_writes_nothing(
    year: Path,
    change: Callable[[Workbook, Worksheet, dict[str, int]], None],
    where: str,
    says: str,
) -> None:
    fill(year / "実績入力.xlsx", change)
    code, _, ja = run("import", "実績入力.xlsx", "--lang", "ja")
    assert code == 1, ja
    code, _, en = run("import", "実績入力.xlsx", "--lang", "en")
    assert code == 1, en
    assert f"実績入力.xlsx:{where}" in ja
    assert f"実績入力.xlsx:{where}" in en
    assert says in ja + en
    assert "何も書き込んでいません" in ja
    assert "nothing was written" in en
    assert not (year / RESULTS_2025).exists()


def test_import_refuses_a_date_in_a_number_cell(year: Path) -> None:
    fill(year / "実績入力.xlsx", _set("medical-staff/local-hires", 7, dt.date(2025, 3, 1)))
    code, _, err = run("import", "実績入力.xlsx", "--lang", "ja")
    assert code == 1
    assert "実績入力.xlsx:実績入力!G5: 実績値が日付になっています" in err
    assert not (year / RESULTS_2025).exists()


def test_import_reports_every_bad_cell_at_once(year: Path) -> None:
    def change(_book: Workbook, sheet: Worksheet, ids: dict[str, int]) -> None:
        sheet.cell(row=ids["medical-staff/local-hires"], column=7, value="abc")
        sheet.cell(row=ids["dx/staff-training-participants"], column=7, value="=B2")

    fill(year / "実績入力.xlsx", change)
    code, _, err = run("import", "実績入力.xlsx")
    assert code == 1
    assert "実績入力!G5:" in err
    assert "実績入力!G37:" in err
    assert "2 problem(s)" in err


def test_import_refuses_an_evaluation_split_per_municipality(bundled_copy: Path) -> None:
    """FY2024's evaluation of 子育て世代の負担軽減事業 is split (一関市, 平泉町): one cell
    cannot say whose a new text is."""
    with inside(bundled_copy.parent):
        assert run("sheet", "--fy", "2024", "-o", "r6.xlsx")[0] == 0
        before = RESULTS_2024.read_bytes()
        fill(
            Path("r6.xlsx"),
            _set("childcare-cost-relief/free-childcare-children", 8, "新しい評価"),
        )
        code, _, err = run("import", "r6.xlsx", "--lang", "ja")
        assert code == 1
        assert "r6.xlsx:実績入力!H6: この施策の年度評価は市町ごとに分かれています" in err
        assert RESULTS_2024.read_bytes() == before


def test_a_fy2024_sheet_imports_as_it_is_without_a_change(bundled_copy: Path) -> None:
    """The round trip: the sheet of a recorded year holds its actuals; importing it as it
    is changes nothing."""
    with inside(bundled_copy.parent):
        before = RESULTS_2024.read_bytes()
        assert run("sheet", "--fy", "2024", "-o", "r6.xlsx")[0] == 0
        code, _, err = run("import", "r6.xlsx")
        assert code == 0, err
        assert "already" in err
        assert RESULTS_2024.read_bytes() == before


def test_import_needs_plans_to_write_into(tmp_path: Path) -> None:
    with inside(tmp_path):
        code, _, err = run("import", "x.xlsx")
    assert code == 2
    assert "not to be rewritten" in err


def test_import_of_a_file_that_is_not_a_workbook(year: Path) -> None:
    Path("broken.xlsx").write_bytes(b"not a zip")
    code, _, err = run("import", "broken.xlsx", "--lang", "ja")
    assert code == 1
    assert "broken.xlsx: Excelのブック（.xlsx）として読めません" in err


# -- what a problem says: a sheet/… message of the catalogue, in either language ---------------


def _meta(cell: str, value: int | str) -> Callable[[Workbook, Worksheet, dict[str, int]], None]:
    def change(book: Workbook, _sheet: Worksheet, _ids: dict[str, int]) -> None:
        book["teijuu"][cell] = value

    return change


def _error_value(_book: Workbook, sheet: Worksheet, ids: dict[str, int]) -> None:
    sheet.cell(row=ids["medical-staff/local-hires"], column=7, value="#DIV/0!")


def _number_as_evaluation(_book: Workbook, sheet: Worksheet, ids: dict[str, int]) -> None:
    sheet.cell(row=ids["medical-staff/local-hires"], column=7, value=3)
    sheet.cell(row=ids["medical-staff/local-hires"], column=8, value=42)


@pytest.mark.parametrize(
    ("change", "key", "cell", "ja", "en"),
    [
        (
            _meta("B1", "teijuu/entry-sheet/v9"),
            "sheet/format",
            None,
            "このブックの形式（teijuu/entry-sheet/v9）は読めません。"
            "`teijuu sheet` で作り直してください",
            f"this workbook's format (teijuu/entry-sheet/v9) is not {FORMAT}; write a new one "
            "with `teijuu sheet`",
        ),
        (
            _meta("B3", "x"),
            "sheet/fiscal-year",
            None,
            "年度が読めません",
            "the fiscal year of the workbook is not readable",
        ),
        (
            _meta("B3", 2019),
            "sheet/outside-period",
            None,
            "令和元年度は共生ビジョンの計画期間（令和6年度～令和8年度）の外です",
            "FY2019 is outside the vision's period (2024-2026)",
        ),
        (
            _delete_row,
            "sheet/row-missing",
            None,
            "No.2「医師・医療介護従事者修学資金貸付修学者のうち、市内就職者数」の行がありません"
            "（行が削除されました）。`teijuu sheet` で作り直してください",
            "the row of KPI 2 (medical-staff/local-hires) is missing (a row was deleted); write "
            "the sheet again with `teijuu sheet`",
        ),
        (
            _set("medical-staff/local-hires", 7, "it's 5"),
            "sheet/actual-not-number",
            "G5",
            "実績値が数値ではありません（「it's 5」）。"
            "数値だけを入力してください（例：12345、66.3）",
            'the actual is not a number ("it\'s 5"); type a number only, such as 12345 or 66.3',
        ),
        (
            _error_value,
            "sheet/error-value",
            "G5",
            "エラー値（#DIV/0!）は取り込めません",
            "an error value (#DIV/0!) cannot be imported; type the value",
        ),
        (
            _number_as_evaluation,
            "sheet/evaluation-not-text",
            "H5",
            "年度評価は文章で入力してください",
            "the evaluation is a text; found 42",
        ),
    ],
    ids=["format", "year", "period", "row-deleted", "quote", "error-value", "number-evaluation"],
)
def test_a_problem_is_a_message_of_the_catalogue(
    year: Path,
    change: Callable[[Workbook, Worksheet, dict[str, int]], None],
    key: str,
    cell: str | None,
    ja: str,
    en: str,
) -> None:
    fill(year / "実績入力.xlsx", change)
    done = api.import_entry_sheet("実績入力.xlsx", api.load("plans"))
    assert [(p.message.key, p.cell, p.ja, p.en) for p in done.problems] == [(key, cell, ja, en)]


def test_a_cell_problem_reads_in_either_language_from_its_message() -> None:
    problem = CellProblem("x.xlsx", ENTRY_SHEET, "G5", msg("sheet/actual-not-number", shown="十五"))
    assert problem.en == problem.message.render("en")
    assert problem.to_text("en") == (
        "x.xlsx:実績入力!G5: the actual is not a number ('十五'); type a number only, such as "
        "12345 or 66.3"
    )
    assert problem.to_text("ja") == f"x.xlsx:実績入力!G5: {problem.message.render('ja')}"
    assert problem.to_text() == f"x.xlsx:実績入力!G5: {problem.ja} ({problem.en})"
    for name in ("ja", "en"):  # read-only: the message is the one truth
        attribute = getattr(CellProblem, name)
        assert isinstance(attribute, property)
        assert attribute.fset is None


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("12345", Decimal("12345")),
        ("１２３４５", Decimal("12345")),
        ("12,345", Decimal("12345")),
        ("１２，３４５", Decimal("12345")),
        ("1,234,567.5", Decimal("1234567.5")),
        (" 66.30 ", Decimal("66.30")),
        ("－５", Decimal("-5")),
        ("−5", Decimal("-5")),
        ("△5", Decimal("-5")),
        ("12,34", None),  # a decimal comma, or a slip? not certain
        ("1.234,5", None),
        ("1,2345", None),
        ("12.", None),
        ("15人", None),
        ("", None),
        ("十五", None),
        ("1e3", None),
    ],
)
def test_numbers_as_people_type_them(typed: str, number: Decimal | None) -> None:
    assert parse_typed_number(typed) == number


def test_a_pasted_infinity_or_nan_is_no_number() -> None:
    # Excel keeps 1e400 pasted into a cell as the text of an infinity; openpyxl reads a float.
    from teijuu.sheet import _exact

    assert _exact(float("inf")) is None
    assert _exact(float("nan")) is None
    assert _exact(1e28) == Decimal("1E+28")  # then refused as out of range
    assert _exact(66.3) == Decimal("66.3")
