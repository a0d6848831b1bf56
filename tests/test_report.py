"""The yearly report, rendered from the bundled plans, against its committed golden files."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from teijuu.cli import main

from .conftest import GOLDEN, REPO, assert_golden


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_markdown_report_golden(lang: str) -> None:
    code, out, err = _run("report", "--fy", "2024", "--lang", lang)
    assert code == 0, err
    assert_golden(f"report-fy2024.{lang}.md", out)


def test_markdown_report_draws_the_charts() -> None:
    _, out, _ = _run("report", "--fy", "R6")
    blocks = re.findall(r"```mermaid\n(.*?)```", out, re.S)
    pies = [b for b in blocks if b.startswith("pie")]
    bars = [b for b in blocks if b.startswith("xychart-beta")]
    assert len(pies) == 4  # overall and the three viewpoints
    assert len(bars) == 1
    assert '"A 達成" : 13' in pies[0]
    assert "bar [100.0, 93.3," in bars[0]
    assert "http" not in out  # nothing fetched when it is viewed


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in sorted(archive.namelist())}


def test_xlsx_report_golden(tmp_path: Path) -> None:
    target = tmp_path / "report.xlsx"
    code, _, err = _run("report", "--fy", "2024", "--format", "xlsx", "-o", str(target))
    assert code == 0, err
    produced = target.read_bytes()
    golden = GOLDEN / "report-fy2024.ja.xlsx"
    if golden.exists():  # compare the parts first: a readable diff when something changed
        assert _parts(produced) == _parts(golden.read_bytes())
    assert_golden("report-fy2024.ja.xlsx", produced)  # and then byte for byte


def test_xlsx_has_native_charts_and_numbers(tmp_path: Path) -> None:
    import openpyxl

    target = tmp_path / "report.xlsx"
    assert _run("report", "--format", "xlsx", "-o", str(target))[0] == 0
    parts = _parts(target.read_bytes())
    charts = [v.decode() for k, v in parts.items() if k.startswith("xl/charts/chart")]
    assert sum("<pieChart>" in c for c in charts) == 4
    assert sum("<barChart>" in c for c in charts) == 1
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["概要", "分野別", "KPI一覧", "達成率"]
    table = book["KPI一覧"]
    row = next(r for r in table.iter_rows(min_row=2, values_only=True) if r[0] == 27)
    assert row[4] == "市道及び町道の改良率"
    assert isinstance(row[6], int | float)  # a number, not text
    assert row[6] == 58.4
    assert row[10] == "A"


def test_xlsx_needs_an_output_file() -> None:
    code, _, err = _run("report", "--format", "xlsx")
    assert code == 2
    assert "--output" in err


def test_report_for_a_year_without_results() -> None:
    code, _, err = _run("report", "--fy", "2025")
    assert code == 2
    assert "no vision has results for FY2025" in err
    assert "ichinoseki-hiraizumi-3 FY2024" in err


def test_output_extension_chooses_the_format(tmp_path: Path) -> None:
    """Bug: `-o report.xlsx` without --format wrote Markdown into a file named .xlsx."""
    target = tmp_path / "report.xlsx"
    code, _, err = _run("report", "--fy", "2024", "-o", str(target))
    assert code == 0, err
    assert zipfile.is_zipfile(target)  # a workbook, not Markdown
    markdown = tmp_path / "report.md"
    assert _run("report", "--fy", "2024", "-o", str(markdown))[0] == 0
    assert markdown.read_text("utf-8").startswith("# ")


@pytest.mark.parametrize(
    ("form", "name"),
    [("markdown", "report.xlsx"), ("xlsx", "report.md"), ("xlsx", "report.txt")],
)
def test_a_format_the_extension_contradicts_is_refused(
    tmp_path: Path, form: str, name: str
) -> None:
    target = tmp_path / name
    code, _, err = _run("report", "--fy", "2024", "--format", form, "-o", str(target))
    assert code == 2
    assert f"--format {form} does not go in" in err
    assert not target.exists()


def test_grade_csv_for_excel() -> None:
    """Bug: the CSV had no BOM and English headers, and Japanese Excel showed garbled text."""
    import csv

    code, out, _ = _run("grade", "--fy", "2024", "--format", "csv")
    assert code == 0
    assert out.startswith("\ufeff施策ID,No.,施策名,KPI ID,重要業績評価指標（KPI）,")
    rows = list(csv.reader(io.StringIO(out.removeprefix("\ufeff"))))
    assert len(rows) == 35
    assert rows[0][-3:] == ["達成率", "達成状況", "評価なしの理由"]
    code, out, _ = _run("grade", "--fy", "2024", "--format", "csv", "--lang", "en")
    assert out.startswith("\ufeffmeasure_id,measure_no,measure_name,kpi_id,")


def test_markdown_report_holds_the_papers_sections_in_their_order() -> None:
    """Bug: the 今後の取組 and 評価 statements were in the plans but never rendered, the method
    text lacked the target year, and each field listed its table before its C/D measures."""
    _, out, _ = _run("report", "--fy", "2024")
    assert "2028（令和10）年度目標値に対する2024（令和6）年度実績値" in out
    order = [
        "#### 【令和6年度の達成状況と今後の取組】",
        "**● 達成状況の評価**",
        "取組事業は着実に目標達成に向かっているものと捉えている。",
        "**● 今後の取組**",
        "目標値の見直しを検討します。",
        "第3次定住自立圏共生ビジョンの見直しを行います。",
        "#### (1) 生活機能の強化",
        "**【C、D】の指標に係る施策名**",
        "- ⑥ 介護人材育成事業（C）",
        "**● 政策分野別の達成状況**",
        "| 医療 | 1 | 1 | 0 | 0 | 0 | 2 |",
        "令和5年度から継続してCまたはDの達成状況となっており",
        "#### (2) 結びつきやネットワークの強化",
        "**【C、D】の指標に係る施策名**",
        "**● 政策分野別の達成状況**",
        "主要幹線道路等準備整促進事業は、実績値は着実に増加しているものの",
        "#### (3) 圏域マネジメント能力の強化",
        "引き続き、目標達成に向けた取組を継続して実施する。",
        "## 資料No.1-2",
    ]
    position = 0
    for text in order:  # each after the one before
        found = out.find(text, position)
        assert found >= 0, f"{text!r} missing, or out of order"
        position = found + len(text)
    # A statement of one viewpoint is not repeated under the whole vision.
    assert out.count("主要幹線道路等準備整促進事業は") == 1


def test_xlsx_report_is_ready_to_print(tmp_path: Path) -> None:
    """Bug: the workbook needed half an hour of formatting before it could go to the
    committee: Calibri, no borders, no wrapping, no print titles or page numbers, default
    chart colours, a pie across a page break, numbers as text in the 達成率 sheet."""
    import openpyxl

    from teijuu.render.svg import GRADE_COLOURS

    target = tmp_path / "report.xlsx"
    assert _run("report", "--fy", "2024", "-o", str(target))[0] == 0
    book = openpyxl.load_workbook(target)
    for sheet in book.worksheets:
        assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
        footer, header = sheet.oddFooter, sheet.oddHeader
        assert footer is not None
        assert header is not None
        assert footer.center.text == "&P / &N"
        assert "令和6年度実績" in (header.center.text or "")
        fonts = {c.font.name for row in sheet.iter_rows() for c in row if c.value is not None}
        assert fonts == {"游ゴシック"}, sheet.title
    table = book["KPI一覧"]
    assert table.print_title_rows == "$1:$1"
    name = table.cell(row=2, column=5)
    assert name.alignment.wrap_text
    assert name.border.left.style == "thin"
    grade = table.cell(row=2, column=11)
    assert grade.value == "A"
    assert grade.fill.fgColor.rgb.endswith(GRADE_COLOURS[0][1:].upper())
    rates = book["達成率"]
    keys = [rates.cell(row=r, column=1).value for r in range(2, rates.max_row + 1)]
    assert keys[0] == 1  # a number, not the text "1"
    assert "23-1" in keys  # a second KPI's number stays as printed
    values = [rates.cell(row=r, column=2).value for r in range(2, rates.max_row + 1)]
    assert all(isinstance(v, int | float) for v in values)
    # Each viewpoint on a page of its own, so that no pie is cut by a page break.
    assert len(book["分野別"].row_breaks.brk) == 2
    # The charts in the grades' colours, as the SVG charts draw them.
    parts = _parts(target.read_bytes())
    pie = parts["xl/charts/chart1.xml"].decode()
    for colour in GRADE_COLOURS[:4]:
        assert colour[1:].upper() in pie.upper()
    bar = next(v.decode() for k, v in parts.items() if b"<barChart>" in v)
    assert GRADE_COLOURS[3][1:].upper() in bar.upper()  # the one D
