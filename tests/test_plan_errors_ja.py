"""The errors of a plan file's values and of its YAML read in Japanese with ``--lang ja``, from
the catalogue (``teijuu.messages``); the English is what teijuu has always printed."""

from __future__ import annotations

import copy
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from teijuu.cli import main
from teijuu.fiscal import FiscalYearError, parse_fiscal_year, parse_plan_date
from teijuu.loading import validate_data
from teijuu.messages import Message
from teijuu.model.documents import KINDS
from teijuu.yamlio import parse_yaml

from .conftest import (
    SMALL_PLAN,
    SMALL_RESULTS,
    SMALL_SPHERE,
    SMALL_VISION,
    SPHERE_DIR,
    write_plan,
)


def _validate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, vision: str, lang: str) -> str:
    write_plan(tmp_path / "plan", {**SMALL_PLAN, "vision.yaml": vision})
    monkeypatch.chdir(tmp_path)
    out, err = io.StringIO(), io.StringIO()
    assert main(["validate", "plan/vision.yaml", "--lang", lang], out=out, err=err) == 1
    return out.getvalue()


def _vision(*changes: tuple[str, str]) -> str:
    text = SMALL_VISION
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


_BAD_VALUES = _vision(
    ("edition: 1", "edition: 0"),
    ("title: 第1次試験ビジョン", "title: [1]"),
    ("status: adopted\n", "status: adopted\nadopted: H25.13\n"),
    ("  end: 2028", "  end: 2020"),
    ("      min_percent: 80", "      min_percent: 120"),
    ("        unit: 人", "        unit: 人\n        direction: sideways"),
    ("fiscal_year: 2022", "fiscal_year: R0"),
    ("          value: 10", "          value: 1.5.3"),
    ("2024: 48221", "2024: '48,221'"),
)


def test_value_errors_read_in_japanese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """pydantic's own errors (a bound, a type, a choice) and the model's (a date, a period, a
    grading rule, a fiscal year, numbers), each with the path of its key."""
    assert _validate(tmp_path, monkeypatch, _BAD_VALUES, "ja") == (
        "plan/vision.yaml:7:10: error: invalid-value: edition：1以上の値にしてください\n"
        "plan/vision.yaml:8:8: error: wrong-type: title：文字列を書いてください"
        "（リストが書かれています）\n"
        "plan/vision.yaml:10:10: error: invalid-date: adopted：「H25.13」の13月はありません\n"
        "plan/vision.yaml:12:3: error: invalid-period: period：計画期間が2024年度に始まり、"
        "それより前の2020年度に終わっています。始まりと終わりを確かめてください\n"
        "plan/vision.yaml:15:3: error: invalid-grading-rule: grading：区分は min_percent の"
        "高いものから低いものへ順に並べてください\n"
        "plan/vision.yaml:33:20: error: invalid-value: measures[0].kpis[0].direction："
        "「sideways」は使えません。「higher」か「lower」にしてください\n"
        "plan/vision.yaml:35:24: error: invalid-fiscal-year: "
        "measures[0].kpis[0].baseline.fiscal_year：和暦の年は1（元年）から数えます。"
        "0年はありません\n"
        "plan/vision.yaml:36:18: error: invalid-number: measures[0].kpis[0].baseline.value："
        "「1.5.3」は数値として読めません。48221 や 67.1 のような数値を書いてください\n"
        "plan/vision.yaml:45:15: error: invalid-number: measures[0].budget.years.2024："
        "「48,221」には桁区切りがあります。桁区切りも引用符も付けずに 48221 と書いてください\n"
    )


def test_value_errors_in_english_are_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _validate(tmp_path, monkeypatch, _BAD_VALUES, "en") == (
        "plan/vision.yaml:7:10: error: invalid-value: edition: Input should be greater than or "
        "equal to 1\n"
        "plan/vision.yaml:8:8: error: wrong-type: title: Input should be a valid string, found "
        "list\n"
        "plan/vision.yaml:10:10: error: invalid-date: adopted: 'H25.13': month 13 does not exist\n"
        "plan/vision.yaml:12:3: error: invalid-period: period: the period starts in FY2024 but "
        "ends earlier, in FY2020\n"
        "plan/vision.yaml:15:3: error: invalid-grading-rule: grading: bands go from the highest "
        "min_percent to the lowest\n"
        "plan/vision.yaml:33:20: error: invalid-value: measures[0].kpis[0].direction: "
        "'sideways' is not allowed: input should be 'higher' or 'lower'\n"
        "plan/vision.yaml:35:24: error: invalid-fiscal-year: "
        "measures[0].kpis[0].baseline.fiscal_year: era years start at 1 (元年), not 0\n"
        "plan/vision.yaml:36:18: error: invalid-number: measures[0].kpis[0].baseline.value: "
        "expected a number such as 48221 or 67.1, found '1.5.3'\n"
        "plan/vision.yaml:45:15: error: invalid-number: measures[0].budget.years.2024: '48,221' "
        "has thousands separators; write the number without them and without quotes: 48221\n"
    )


@pytest.mark.parametrize(
    ("call", "english", "japanese"),
    [
        (
            lambda: parse_fiscal_year("x"),
            "'x' is not a fiscal year; write it as 2024, FY2024, 2024年度, R6, 令和6年度, H31 or "
            "R1 (令和元年度)",
            "「x」は年度として読めません。2024、FY2024、2024年度、R6、令和6年度、H31 または R1"
            "（令和元年度）のように書いてください",
        ),
        (
            lambda: parse_fiscal_year(None),
            "expected a fiscal year such as 2024, FY2024, 2024年度, R6, 令和6年度, H31 or R1 "
            "(令和元年度), found None",
            "年度は2024、FY2024、2024年度、R6、令和6年度、H31 または R1（令和元年度）のように"
            "書いてください（「null」と書かれています）",
        ),
        (
            lambda: parse_fiscal_year("2024年"),
            "'2024年': write the fiscal year as 2024",
            "年度「2024年」は 2024 と書いてください",
        ),
        (
            lambda: parse_fiscal_year(2300),
            "fiscal year 2300 is out of range (1868–2200)",
            "2300年度は扱える範囲（1868〜2200年度）の外です",
        ),
        (
            lambda: parse_plan_date("R6.3.32"),
            "'R6.3.32': day 32 does not exist",
            "「R6.3.32」の32日はありません",
        ),
    ],
    ids=["not-a-year", "null", "canonical", "range", "day"],
)
def test_fiscal_year_errors_carry_their_message(call: Any, english: str, japanese: str) -> None:
    """A :class:`FiscalYearError` is English as text (``--fy`` says it) and Japanese rendered."""
    with pytest.raises(FiscalYearError) as raised:
        call()
    assert str(raised.value) == english
    assert raised.value.render("ja") == japanese


# --- the English of pydantic's own errors is pydantic's, as it always was --------------------

_TYPE_NAMES = {bool: "boolean", type(None): "null", dict: "mapping", list: "list", str: "text"}


def _english_as_ever(error: ErrorDetails) -> str:
    """What teijuu printed for a pydantic error before the catalogue had these messages."""
    loc = [part for part in error["loc"] if part != "[key]"]
    where = ""
    for part in loc:
        where += f"[{part}]" if isinstance(part, int) else ("." if where else "") + str(part)
    kind, message = error["type"], error["msg"]
    if kind in {"literal_error", "enum"}:
        message = f"{error['input']!r} is not allowed: {error['msg'].lower()}"
    elif kind.endswith("_type"):
        value = error["input"]
        found = _TYPE_NAMES.get(type(value), "number")
        message = f"{error['msg']}, found {found}"
    return f"{where}: {message}" if where else message


_BAD = ["x", "", 5, -1, 99999, True, None, {"a": 1}, [1], [], Decimal("1.5"), "1.5.3", "R0"]


def _every_path(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path] if path else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _every_path(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node[:1]):
            found += _every_path(value, (*path, index))
    return found


_BUNDLED = ["reports/3rd-fy2024-kondankai.yaml", "schedules/2025-2026.yaml", "framework.yaml"]


def test_every_bad_value_reads_as_ever_in_english_and_in_japanese_words() -> None:
    """Each value of the small plan and of a few bundled files replaced by each of a few bad
    ones: the English of every error is what teijuu always printed, and the Japanese is the
    catalogue's own, never the catch-all that keeps pydantic's English."""
    vision = _vision(
        ("        unit: 人", "        unit: 人\n        cumulative: false"),
        ("          value: 20", "          value: 20\n          printed_year: 2028年 (R10) 度"),
    )
    texts = [vision, SMALL_RESULTS, SMALL_SPHERE]
    texts += [(SPHERE_DIR / name).read_text("utf-8") for name in _BUNDLED]
    types: set[str] = set()
    for text in texts:
        data = parse_yaml(text).data
        model = KINDS[data["kind"]]
        for path in _every_path(data):
            if path in {("apiVersion",), ("kind",)}:
                continue  # what a file says it is: checked before the model
            for bad in _BAD:
                changed = copy.deepcopy(data)
                place = changed
                for part in path[:-1]:
                    place = place[part]
                place[path[-1]] = bad
                try:
                    model.model_validate(changed)
                except ValidationError as exc:
                    errors = exc.errors(include_url=False)
                else:
                    continue
                problems = validate_data(changed).problems
                assert len(problems) == len(errors)
                for error, problem in zip(errors, problems, strict=True):
                    if problem.code in {"missing-field", "unknown-field", "invalid-id"}:
                        continue  # in the catalogue before, in words of its own
                    types.add(error["type"])
                    assert isinstance(problem.message, Message)
                    assert problem.message.render("en") == _english_as_ever(error)
                    assert problem.message.key not in {"invalid-value/other", "wrong-type/other"}
    assert types >= {
        "bool_type",
        "circled",
        "enum",
        "fiscal_year",
        "greater_than_equal",
        "int_type",
        "kpi_value",
        "less_than_equal",
        "list_type",
        "model_type",
        "number",
        "plan_date",
        "printed_year",
        "string_too_short",
        "string_type",
        "too_short",
    }, types
