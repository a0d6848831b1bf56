"""Errors raised as exceptions (record, sheet, grade, new-edition, diff) read in Japanese with
``--lang ja``, from the catalogue; the English is what teijuu has always printed."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from teijuu.cli import main

_RESULTS = "plans/ichinoseki-hiraizumi/results/3rd-fy2024.yaml"
_VISION = "plans/ichinoseki-hiraizumi/visions/3rd.yaml"


def _run(*argv: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, err.getvalue()


CASES = [
    pytest.param(
        ("record", _RESULTS, "--fy", "2025", "--kpi", "x", "--actual", "1"),
        1,
        f"teijuu record: {_RESULTS} holds FY2024, not FY2025; record into that year's results "
        "file\n",
        f"teijuu record: {_RESULTS} は2024年度の実績で、2025年度のものではありません。"
        "2025年度の実績のファイルに記録してください\n",
        id="record-other-year",
    ),
    pytest.param(
        ("record", _RESULTS, "--fy", "2024", "--kpi", "x", "--actual", "1"),
        1,
        "teijuu record: 'x' is not a KPI of ichinoseki-hiraizumi-3 (give MEASURE/KPI, the number "
        "the KPI table prints such as 33-2, or the KPI's name); `teijuu sheet` or `teijuu grade` "
        "lists its 34 KPIs\n",
        "teijuu record: 「x」は「ichinoseki-hiraizumi-3」のKPIではありません。MEASURE/KPI、"
        "KPI表の番号（33-2 など）、またはKPIの名称で指定してください。"
        "`teijuu sheet` か `teijuu grade` で34件のKPIを一覧できます\n",
        id="record-unknown-kpi",
    ),
    pytest.param(
        ("record", _RESULTS, "--fy", "2024", "--kpi", " ", "--actual", "1"),
        2,
        "teijuu record: kpi: name the KPI: MEASURE/KPI (medical-staff/local-hires), its number "
        "in the KPI table (23-2) or its name\n",
        "teijuu record: kpi: KPIを指定してください。MEASURE/KPI（medical-staff/local-hires）、"
        "KPI表の番号（23-2）、またはKPIの名称で指定できます\n",
        id="record-no-kpi",
    ),
    pytest.param(
        ("sheet", "--fy", "2040", "-o", "x.xlsx", "--vision", "nope"),
        2,
        "teijuu sheet: no vision has the id 'nope'; so nothing holds FY2040; choose with "
        "--vision (visions: ",
        "teijuu sheet: id が「nope」のビジョンはありません。2040年度のビジョンを --vision で"
        "選んでください（ビジョン：",
        id="sheet-no-such-vision",
    ),
    pytest.param(
        ("sheet", "--fy", "2040", "-o", "x.xlsx"),
        2,
        "teijuu sheet: no vision's period holds FY2040; choose with --vision (visions: ",
        "teijuu sheet: 2040年度を計画期間に含むビジョンがありません。--vision で選んでください"
        "（ビジョン：",
        id="sheet-no-vision-for-the-year",
    ),
    pytest.param(
        ("grade", "--fy", "2040"),
        2,
        "teijuu grade: no vision has results for FY2040 in these plans; results there are: "
        "ichinoseki-hiraizumi-3 FY2024\n",
        "teijuu grade: このプランには2040年度の実績のあるビジョンがありません。"
        "実績があるのは次のとおりです：ichinoseki-hiraizumi-3 2024年度\n",
        id="grade-no-results",
    ),
    pytest.param(
        ("grade", "--vision", "nope"),
        2,
        "teijuu grade: no vision has the id 'nope'; visions: ibaraki-kenou-1, ",
        "teijuu grade: id が「nope」のビジョンはありません。次のいずれかを指定してください："
        "ibaraki-kenou-1, ",
        id="grade-no-such-vision",
    ),
    pytest.param(
        ("grade", "--vision", "ichinoseki-hiraizumi-3", "--fy", "2026"),
        2,
        "teijuu grade: ichinoseki-hiraizumi-3 has no results for FY2026; it has: FY2024\n",
        "teijuu grade: 「ichinoseki-hiraizumi-3」には2026年度の実績がありません。"
        "実績がある年度：2024年度\n",
        id="grade-no-results-for-the-year",
    ),
    pytest.param(
        ("report", "--vision", "ichinoseki-hiraizumi-4"),
        2,
        "teijuu report: ichinoseki-hiraizumi-4 has no results to grade\n",
        "teijuu report: 「ichinoseki-hiraizumi-4」には評価する実績がありません\n",
        id="report-no-results",
    ),
    pytest.param(
        ("new-edition", _VISION, "--edition", "2", "--period", "2027-2031"),
        2,
        "teijuu new-edition: edition 2 does not follow ichinoseki-hiraizumi-3 (edition 3)\n",
        "teijuu new-edition: 第2次は「ichinoseki-hiraizumi-3」（第3次）の次の版ではありません。"
        "3より大きい版の番号を指定してください\n",
        id="new-edition-not-next",
    ),
    pytest.param(
        ("new-edition", _VISION, "--edition", "4", "--period", "2020-2031"),
        2,
        "teijuu new-edition: the new period FY2020–FY2031 must start after 2024\n",
        "teijuu new-edition: 新しい計画期間（2020〜2031年度）は2024年度より後に始まる期間に"
        "してください\n",
        id="new-edition-period",
    ),
    pytest.param(
        ("new-edition", _VISION, "--edition", "4", "--period", "2027-2031", "--id", "Bad Id"),
        2,
        "teijuu new-edition: id 'Bad Id' is not an id: use lower-case ASCII letters, digits "
        "and hyphens, e.g. ichinoseki-hiraizumi-4\n",
        "teijuu new-edition: 「Bad Id」は id として使えません。半角の英小文字・数字・ハイフンで"
        "書いてください（例：ichinoseki-hiraizumi-4）\n",
        id="new-edition-bad-id",
    ),
    pytest.param(
        ("new-edition", _RESULTS, "--edition", "4", "--period", "2027-2031"),
        2,
        f"teijuu new-edition: {_RESULTS} is not a vision file\n",
        f"teijuu new-edition: {_RESULTS} はビジョンのファイルではありません\n",
        id="new-edition-not-a-vision",
    ),
    pytest.param(
        ("diff", _VISION, _RESULTS),
        2,
        "teijuu diff: cannot compare a Vision with a Results\n",
        "teijuu diff: Vision と Results は比べられません。同じ種類の文書どうしを比べてください\n",
        id="diff-kinds",
    ),
    pytest.param(
        ("diff", f"{_VISION}@r9", _VISION),
        2,
        f"teijuu diff: {_VISION}@r9: ichinoseki-hiraizumi-3 has no revision 9 (latest: 1)\n",
        f"teijuu diff: {_VISION}@r9：「ichinoseki-hiraizumi-3」に第9回の改定はありません"
        "（最新は第1回）\n",
        id="diff-no-revision",
    ),
    pytest.param(
        ("diff", "nope.yaml", _VISION),
        2,
        "teijuu diff: nope.yaml: no such file or directory\n",
        "teijuu diff: nope.yaml：そのファイルまたはフォルダはありません\n",
        id="diff-missing-side",
    ),
]


def test_the_fail_on_list_reads_in_japanese(
    bundled_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(bundled_copy.parent)
    argv = ("diff", f"{_VISION}@r0", _VISION, "--fail-on", "high")
    code, err = _run(*argv, "--lang", "en")
    assert code == 1
    assert err == (
        "teijuu diff: 1 change(s) at or above high without a change note; explain each in the "
        "change_notes of the document it changes (`- change: ID` and `note: why`):\n"
        f"  vision:period  ({_VISION}:20)\n"
    )
    code, err = _run(*argv, "--lang", "ja")
    assert code == 1
    assert err == (
        "teijuu diff: 重要度「高」以上の変更1件に変更の説明がありません。変更した文書の "
        "change_notes にそれぞれの説明を書いてください（`- change: ID` と `note: 理由`）：\n"
        f"  vision:period  ({_VISION}:20)\n"
    )


@pytest.mark.parametrize(("argv", "status", "english", "japanese"), CASES)
def test_an_error_reads_in_japanese_and_the_english_is_unchanged(
    bundled_copy: Path,
    monkeypatch: pytest.MonkeyPatch,
    argv: tuple[str, ...],
    status: int,
    english: str,
    japanese: str,
) -> None:
    monkeypatch.chdir(bundled_copy.parent)
    before = (bundled_copy.parent / _RESULTS).read_bytes()
    code, err = _run(*argv, "--lang", "en")
    assert (code, err[: len(english)]) == (status, english)
    code, err = _run(*argv, "--lang", "ja")
    assert (code, err[: len(japanese)]) == (status, japanese)
    assert (bundled_copy.parent / _RESULTS).read_bytes() == before  # nothing written


def test_an_import_refused_by_the_edit_reads_in_japanese(
    bundled_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from openpyxl import load_workbook

    from teijuu import importing
    from teijuu.editing import EditError
    from teijuu.messages import msg
    from teijuu.sheet import ENTRY_SHEET

    def refuse(*args: object, **kwargs: object) -> None:
        raise EditError(msg("cli/edit/not-a-vision", vision="nope"))

    monkeypatch.chdir(bundled_copy.parent)
    assert _run("sheet", "--fy", "2025", "-o", "in.xlsx")[0] == 0
    book = load_workbook("in.xlsx")
    sheet = book[ENTRY_SHEET]
    row = next(r for r in range(4, sheet.max_row + 1) if sheet.cell(r, 9).value)  # ids in I
    sheet.cell(row=row, column=7, value=1)  # one actual typed in
    book.save("in.xlsx")
    monkeypatch.setattr(importing, "record_all", refuse)
    code, err = _run("import", "in.xlsx", "--lang", "ja")
    assert code == 1
    assert (
        "取り込めません。何も書き込んでいません：「nope」はこのプランのビジョンではありません"
        in err
    )
    code, err = _run("import", "in.xlsx", "--lang", "en")
    assert code == 1
    assert "nope is not a vision of these plans" in err


def test_a_file_fmt_cannot_read_is_reported_in_japanese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.yaml").write_text("apiVersion: teijuu/v2\nkind: Results\nx: [\n", "utf-8")
    code, err = _run("fmt", ".", "--lang", "en")
    assert code == 1
    assert err.endswith(" (fix it first: `teijuu validate`)\n")
    code, err = _run("fmt", ".", "--lang", "ja")
    assert code == 1
    assert "fmt-error: このファイルは先に直す必要があります（" in err
    assert err.endswith("）。`teijuu validate` で確認して直してください\n")


def test_an_argument_that_is_not_utf8_is_refused_in_japanese(bundled_copy: Path) -> None:
    import os

    results = str(bundled_copy.parent / _RESULTS)
    argv = ("record", results, "--fy", "2024", "--kpi", "m1/k1", "--actual", "1")
    bad = os.fsdecode(b"ab\xff")
    code, err = _run(*argv, "--municipality", bad, "--lang", "en")
    assert (code, err) == (
        2,
        "teijuu record: --municipality: not UTF-8 text (byte 0xff after 'ab'); pass it as "
        "UTF-8, e.g. convert it with `iconv -f CP932 -t UTF-8`\n",
    )
    code, err = _run(*argv, "--municipality", bad, "--lang", "ja")
    assert (code, err) == (
        2,
        "teijuu record: --municipality: UTF-8 の文字列ではありません（「ab」の後の byte 0xff）。"
        "UTF-8 で渡してください（例：`iconv -f CP932 -t UTF-8` で変換）\n",
    )


def test_the_rewrite_guard_says_what_it_refuses_in_either_language() -> None:
    from teijuu.editing import EditError
    from teijuu.guard import check_rewrite

    problem = check_rewrite("a: 1\nc: 67.10\n", "a: 1\nc: 67.1\n", what="fmt")
    assert problem is not None
    assert problem.detail is not None
    error = EditError(problem.detail, problem.mark)
    assert error.message == (
        "c: fmt would read the number 67.1 here, where it must read the number 67.10; nothing "
        "was written. This is a bug of teijuu: please report it with the file"
    )
    assert error.render("ja") == (
        "c：fmt の結果ではここが数値 67.1になりますが、数値 67.10でなければなりません。"
        "何も書き込んでいません。teijuu の不具合ですので、ファイルを添えて報告してください"
    )
    broken = check_rewrite("a: 1\n", "a: [1\n", what="the recorded file")
    assert broken is not None
    assert broken.detail is not None
    assert broken.detail.render("ja").startswith("記録後のファイルがYAMLとして読めなくなるため（")
