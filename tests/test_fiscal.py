from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from teijuu.fiscal import (
    FiscalYearError,
    era_overflow,
    era_to_western,
    parse_fiscal_year,
    parse_plan_date,
    parse_printed_year,
)


@pytest.mark.parametrize(
    ("text", "year"),
    [
        (2024, 2024),
        ("2024", 2024),
        ("FY2024", 2024),
        ("2024年度", 2024),
        ("R6", 2024),
        ("令和6年度", 2024),
        ("R6年度", 2024),
        ("H31", 2019),
        ("R1", 2019),
        ("R元", 2019),
        ("令和元年度", 2019),
        ("平成25年度", 2013),
        ("H30", 2018),
        ("S64", 1989),
        ("H1", 1989),
        ("R10", 2028),
    ],
)
def test_fiscal_year_forms(text: object, year: int) -> None:
    assert parse_fiscal_year(text) == year


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("R0", "start at 1"),
        ("fy2024", "write the fiscal year as FY2024"),
        ("R 6", "write the fiscal year as 2024"),
        ("2024.5", "is not a fiscal year"),
        ("next year", "is not a fiscal year"),
        (True, "found True"),
        (2024.0, "found 2024.0"),
        (1700, "out of range"),
    ],
)
def test_fiscal_year_errors_say_what_is_right(text: object, reason: str) -> None:
    with pytest.raises(FiscalYearError, match=reason):
        parse_fiscal_year(text)


@given(st.integers(min_value=1, max_value=31))
def test_heisei_and_reiwa_meet_in_2019(era_year: int) -> None:
    western = era_to_western("H", era_year)
    assert western == 1988 + era_year
    assert parse_fiscal_year(f"H{era_year}") == western
    assert parse_fiscal_year(f"平成{era_year}年度") == western


@given(st.integers(min_value=1, max_value=99))
def test_reiwa_years(era_year: int) -> None:
    assert parse_fiscal_year(f"R{era_year}") == 2018 + era_year
    assert parse_fiscal_year(f"令和{era_year}年度") == 2018 + era_year


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("H25.10", "2013-10"),
        ("H25.7", "2013-07"),
        ("R6.3", "2024-03"),
        ("H31.3", "2019-03"),
        ("R7.12.17", "2025-12-17"),
        ("2025-12-17", "2025-12-17"),
        ("2025-12", "2025-12"),
        ("R6", "2024"),
    ],
)
def test_plan_dates_keep_what_was_printed(text: str, iso: str) -> None:
    date = parse_plan_date(text)
    assert date.iso == iso
    assert str(date) == text


@pytest.mark.parametrize("text", ["H25.13", "R6.3.32", "R 6.3", "2025/12/17", "H32.13"])
def test_bad_dates(text: str) -> None:
    with pytest.raises(FiscalYearError):
        parse_plan_date(text)


def test_printed_year_in_both_eras() -> None:
    good = parse_printed_year("2028年 (R10) 度")
    assert (good.western, good.era, good.consistent, good.year) == (2028, 2028, True, 2028)
    bad = parse_printed_year("2023年 (R10) 度")
    assert (bad.western, bad.era, bad.consistent) == (2023, 2028, False)
    assert bad.printed == "2023年 (R10) 度"
    assert parse_printed_year("2022(R4)年度").consistent
    # No era bounds for what was printed: H32 is kept and read as 2020.
    assert parse_printed_year("H32年度").era == 2020
    with pytest.raises(FiscalYearError):
        parse_printed_year("来年度")


@pytest.mark.parametrize(
    ("text", "year", "note"),
    [
        ("H32", 2020, "H32 is read as printed: 平成 ended in H31, so H32 is FY2020 (R2)"),
        ("平成35年度", 2023, "so 平成35 is FY2023 (R5)"),
        ("S65", 1990, "昭和 ended in S64, so S65 is FY1990 (H2)"),
    ],
)
def test_years_past_an_eras_end_are_read_as_printed(text: str, year: int, note: str) -> None:
    # Plans written before 2019 print Heisei years that never came: H32 is FY2020.
    assert parse_fiscal_year(text) == year
    assert note in (era_overflow(text) or "")


def test_years_within_an_era_need_no_note() -> None:
    assert era_overflow("H31") is None
    assert era_overflow("R6") is None
    assert era_overflow("2024") is None
    assert parse_plan_date("H32.3.31").iso == "2020-03-31"
    assert era_overflow("H32.3.31") == (
        "H32.3.31 is read as printed: 平成 ended in H31, so H32 is 2020 (R2)"
    )
