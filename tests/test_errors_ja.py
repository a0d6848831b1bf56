"""Errors raised as exceptions (record, sheet, grade, new-edition, diff) read in Japanese with
``--lang ja``, from the catalogue; the English is what teijuu has always printed."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from teijuu.cli import main

_RESULTS = "plans/ichinoseki-hiraizumi/results/3rd-fy2024.yaml"


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
]


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
