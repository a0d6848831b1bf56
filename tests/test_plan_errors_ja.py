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
from teijuu.findings import Finding, generic_japanese
from teijuu.fiscal import FiscalYearError, parse_fiscal_year, parse_plan_date
from teijuu.loading import load_text, validate_data
from teijuu.messages import TEMPLATES, Message
from teijuu.model.documents import KINDS
from teijuu.validate import validate_paths
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


# --- YAML that cannot be read -----------------------------------------------------------------


def _validate_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, lang: str) -> str:
    monkeypatch.chdir(tmp_path)
    Path("bad.yaml").write_text(text, "utf-8")
    out, err = io.StringIO(), io.StringIO()
    main(["validate", "bad.yaml", "--lang", lang], out=out, err=err)
    return out.getvalue()


@pytest.mark.parametrize(
    ("text", "english", "japanese"),
    [
        pytest.param(
            "apiVersion: teijuu/v2\nkind: Vision\ntitle: [第1次\nstatus: adopted\n",
            "bad.yaml:4:7: error: yaml-syntax: while parsing a flow sequence did not find "
            "expected ',' or ']'\n",
            "bad.yaml:4:7: error: yaml-syntax: 「,」か「]」がありません。[ ] の一覧は項目を"
            "「,」で区切り、「]」で閉じてください（[ ] の一覧を読む途中）\n",
            id="flow-sequence",
        ),
        pytest.param(
            "apiVersion: teijuu/v2\nkind: Vision\nperiod:\n\tstart: 2024\n",
            "bad.yaml:4:1: error: yaml-syntax: while scanning for the next token found character "
            "that cannot start any token (a tab: YAML is indented with spaces only)\n",
            "bad.yaml:4:1: error: yaml-syntax: 値の始めに使えない文字（タブ、「@」「`」など）が"
            "あります。タブは空白にし、記号で始まる値は引用符で囲んでください（次の記号を読む途中）"
            "（タブがあります。YAMLの字下げには空白だけを使います）\n",
            id="tab",
        ),
        pytest.param(
            "apiVersion: teijuu/v2\nkind: Vision\ntitle: '第1次\n",
            "bad.yaml:4:1: error: yaml-syntax: while scanning a quoted scalar found unexpected "
            "end of stream\n",
            "bad.yaml:4:1: error: yaml-syntax: 引用符が閉じられないままファイルが終わっています。"
            "文字列を囲む引用符を閉じてください（引用符で囲んだ文字列を読む途中）\n",
            id="unclosed-quote",
        ),
        pytest.param(
            "apiVersion: teijuu/v2\nkind: Vision\ntitle: 第1次: ビジョン\n",
            "bad.yaml:3:11: error: yaml-syntax: mapping values are not allowed in this context\n",
            "bad.yaml:3:11: error: yaml-syntax: ここには「キー: 値」を書けません。値の中に「: 」が"
            "あるなら値を引用符で囲み、そうでなければ字下げを確かめてください\n",
            id="mapping-values",
        ),
        pytest.param(
            "apiVersion: teijuu/v2\nkind: Vision\ntitle: !!python/object/apply:os.system [ls]\n",
            "bad.yaml:3:8: error: forbidden-tag: the tag !!python/object/apply:os.system is not "
            "allowed in plan files; write plain YAML values (text, numbers, true/false, lists "
            "and mappings)\n",
            "bad.yaml:3:8: error: forbidden-tag: プランのファイルではタグ "
            "!!python/object/apply:os.system は使えません。YAMLのふつうの値（文字列、数値、"
            "true/false、リスト、マッピング）で書いてください\n",
            id="tag",
        ),
        pytest.param(
            "apiVersion: teijuu/v2\nkind: Vision\ntitle: &t 第1次\naims: *t\n",
            "bad.yaml:4:7: error: alias-not-allowed: this value is an alias of the one at line 3; "
            "anchors and aliases (&name, *name) are not allowed in plan files, so that every "
            "value can be read where it stands: write the value out\n",
            "bad.yaml:4:7: error: alias-not-allowed: この値は3行目の値のエイリアスです。どの値も"
            "その場所で読めるよう、プランのファイルではアンカーとエイリアス（&名前、*名前）は"
            "使えません。値をそのまま書いてください\n",
            id="alias",
        ),
        pytest.param(
            "apiVersion: teijuu/v2\nkind: Vision\nid: v\nid: w\n",
            "bad.yaml:4:1: error: duplicate-key: the key 'id' appears twice in this mapping "
            "(first at line 3); keep one of them\n",
            "bad.yaml:4:1: error: duplicate-key: このマッピングにキー「id」が二度あります"
            "（一つ目は3行目）。どちらか一つにしてください\n",
            id="duplicate-key",
        ),
        pytest.param(
            "apiVersion: teijuu/v2\nkind: Vision\ntitle: \x01\n",
            "bad.yaml:3:8: error: yaml-syntax: the character U+0001 is not allowed in YAML "
            "(control characters are not); is the file UTF-8 text?\n",
            "bad.yaml:3:8: error: yaml-syntax: U+0001 の文字はYAMLでは使えません（制御文字は"
            "使えません）。ファイルがUTF-8のテキストか確かめてください\n",
            id="control-character",
        ),
    ],
)
def test_yaml_errors_read_in_japanese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, english: str, japanese: str
) -> None:
    """The finding of the YAML (a file with a repeated key is checked further: its other
    findings are left out here)."""
    code = english.split(": ")[2]
    for lang, expected in (("en", english), ("ja", japanese)):
        found = _validate_text(tmp_path, monkeypatch, text, lang).splitlines(True)
        assert [line for line in found if f": {code}: " in line] == [expected]


def _keys(message: Message) -> set[str]:
    """The keys of a message and of the messages it holds."""
    found = {message.key}
    for _, value in message.params:
        if isinstance(value, Message):
            found |= _keys(value)
    return found


# Each of libyaml's texts in the catalogue, made by a real bad file (``pure``: PyYAML's own
# words, for the reader without libyaml): the catalogue's English is the reader's exactly.
LIBYAML_CASES = {
    "flow-sequence": ("a: [1, 2\nb: 3\n", False),
    "flow-mapping": ("a: {x: 1\nb: 3\n", False),
    "mapping-values": ("a: b: c\n", False),
    "mapping-values-here": ("a: b: c\n", True),
    "simple-key": ("a: 1\nb\nc: 2\n", False),
    "cannot-start": ("a: 1\n@b: 2\n", False),
    "expected-key": ("a:\n  b: 1\n c: 2\n", False),
    "expected-dash": ("- a\n - b\n-c: 1\n", False),
    "node-content": ("a: [,]\n", False),
    "tag-handle": ("a: !e!x 1\n", False),
    "end-of-stream": ("a: 'abc\n", False),
    "document-indicator": ('a: "x\n---\n"\n', False),
    "document-separator": ('a: "x\n---\n"\n', True),
    "escape": ('a: "\\q"\n', False),
    "anchor-name": ("a: &\n", False),
    "undefined-alias": ("a: *x\n", False),
    "tab-indent": ("a: |\n  x\n\ty\n", False),
    "tab-violates": ("a: b\n\t# c\n", False),
    "document-start": ("%YAML 1.2\na: 1\n", False),
    "another-document": ("a: 1\n---\nb: 2\n", False),
    "yaml-version": ("%YAML 2.0\n---\na: 1\n", False),
    "indentation-zero": ("a: |0\n  x\n", False),
    "line-break": ("a: |x\n  x\n", False),
    "directive-name": ("%\n---\na: 1\n", False),
    "duplicate-anchor": ("a: &x 1\nb: &x 2\n", False),
    "duplicate-yaml": ("%YAML 1.1\n%YAML 1.1\n---\na: 1\n", False),
    "duplicate-tag": ("%TAG !x! tag:x,2000:\n%TAG !x! tag:y,2000:\n---\na: 1\n", False),
    "tag-uri": ("a: !<tag:%zz> 1\n", False),
    "tag-end": ("a: !<tag:x 1\n", False),
}


@pytest.mark.parametrize(("name", "case"), LIBYAML_CASES.items(), ids=list(LIBYAML_CASES))
def test_each_libyaml_text_of_the_catalogue_is_what_the_reader_says(
    name: str, case: tuple[str, bool]
) -> None:
    text, pure = case
    (problem,) = parse_yaml(text, pure=pure).problems
    assert problem.detail is not None
    assert f"yaml-syntax/problem/{name}" in _keys(problem.detail), problem.message
    assert not _keys(problem.detail) & {"yaml-syntax/unknown", "yaml-syntax/unknown-context"}
    assert problem.detail.render("en") == problem.message


def test_every_libyaml_text_of_the_catalogue_has_its_case() -> None:
    problems = {k.split("/")[-1] for k in TEMPLATES if k.startswith("yaml-syntax/problem/")}
    assert problems == set(LIBYAML_CASES)


def test_a_text_libyaml_says_that_the_catalogue_has_not_is_kept_in_brackets() -> None:
    (problem,) = parse_yaml("a: [1, 2\nb: 3\n", pure=True).problems  # PyYAML's own words
    assert problem.message == "while parsing a flow sequence expected ',' or ']', but got ':'"
    assert problem.detail is not None
    assert problem.detail.render("ja") == (
        "YAMLとして読めません（expected ',' or ']', but got ':'）（[ ] の一覧を読む途中）"
    )


# --- no finding of a bad input falls back to the code's meaning and the English ---------------


def test_no_finding_of_the_bad_inputs_reads_as_the_generic_japanese(tmp_path: Path) -> None:
    """Every finding the bad-input tests provoke (``tests/test_findings.py``,
    ``tests/test_hostile.py`` and ``tests/hostile/``) and every YAML problem above has a
    message of the catalogue: none reads in Japanese as its code's meaning with the English
    detail in brackets (:func:`teijuu.findings.generic_japanese`)."""
    from . import test_findings, test_hostile

    findings: list[Finding] = []
    for number, (_, overrides, *_) in enumerate(test_findings.CASES):
        findings += test_findings._validate(tmp_path / f"findings-{number}", **overrides)
    for name, case in test_hostile.CASES.items():
        (tmp_path / f"hostile-{name}").mkdir()
        findings += validate_paths([case.make(tmp_path / f"hostile-{name}")]).findings
    findings += validate_paths(sorted(test_hostile.HOSTILE.glob("*.yaml"))).findings
    for number, (text, _) in enumerate(LIBYAML_CASES.values()):
        findings += load_text(text, f"case-{number}.yaml").findings
    assert len({f.code for f in findings}) > 40
    generic = [f.to_text() for f in findings if f.detail is None]
    assert generic == []
    assert all(f.text("ja") != generic_japanese(f.code, f.message) for f in findings)


def test_fmt_quotes_the_yaml_error_in_the_language_asked(tmp_path: Path) -> None:
    broken = tmp_path / "x.yaml"
    broken.write_text("apiVersion: teijuu/v2\nkind: Sphere\nid: [x\n", "utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main(["fmt", str(broken), "--lang", "ja"], out=out, err=err) == 1
    assert "先に直す必要があります（「,」か「]」がありません。" in out.getvalue() + err.getvalue()


def test_what_the_walk_skips_and_a_revision_path_read_in_japanese(tmp_path: Path) -> None:
    revised = SMALL_VISION.replace(
        "status: adopted\n",
        "status: adopted\nrevision: 1\nrevisions:\n  - revision: 1\n    status: decided\n"
        "    summary: 指標の追加\n    added: [measures/m9]\n",
        1,
    )
    directory = write_plan(tmp_path / "plan", {**SMALL_PLAN, "vision.yaml": revised})
    outside = tmp_path / "outside"
    outside.mkdir()
    (directory / "shared").symlink_to(outside)  # out of the tree
    (directory / "again").symlink_to(directory)  # back into it: a loop
    findings = validate_paths([directory]).findings
    texts = sorted(f.text("ja") for f in findings if f.code in {"io-error", "revision-path"})
    assert texts == sorted(
        [
            "同じフォルダに二度たどり着きました（シンボリックリンクの輪？）。読み飛ばしました",
            "改定1が指す「measures/m9」は使えません（その場所がありません）。"
            "IDとキーでたどるパスにしてください（例：measures/bus/kpis/riders/target/value）",
            f"{directory} の外へ出るシンボリックリンクのため、読みません。"
            "プランは指定したフォルダの中だけを読みます"
            "（ファイルをコピーするか、フォルダの中でリンクしてください）",
        ]
    )
    assert all(generic_japanese(f.code, f.message) != f.text("ja") for f in findings)


def test_a_period_reads_as_japanese_years(bundled_copy: Path) -> None:
    results = bundled_copy / "ichinoseki-hiraizumi" / "results" / "3rd-fy2024.yaml"
    results.write_text(
        results.read_text("utf-8").replace("\nfiscal_year: 2024\n", "\nfiscal_year: 2030\n", 1),
        "utf-8",
    )
    findings = validate_paths([bundled_copy]).findings
    (outside,) = [f for f in findings if f.code == "year-outside-period"]
    assert outside.text("ja") == (
        "2030年度はichinoseki-hiraizumi-3の計画期間（2024～2026年度）の外です"
    )
    assert outside.message == (
        "FY2030 is outside the period of ichinoseki-hiraizumi-3 (FY2024–FY2026)"
    )


def test_new_edition_and_record_give_the_models_reason_in_the_language_asked(
    bundled_copy: Path,
) -> None:
    sphere = bundled_copy / "ichinoseki-hiraizumi"
    out, err = io.StringIO(), io.StringIO()
    argv = ["new-edition", str(sphere / "visions" / "4th.yaml"), "--edition", "5"]
    assert main([*argv, "--period", "2031-2027", "--lang", "ja"], out=out, err=err) == 2
    assert err.getvalue() == (
        "teijuu new-edition: period「2031-2027」を読み取れません（計画期間が2031年度に始まり、"
        "それより前の2027年度に終わっています。始まりと終わりを確かめてください）。"
        "2027-2031 のように書いてください\n"
    )
    err = io.StringIO()
    results = str(sphere / "results" / "3rd-fy2024.yaml")
    argv = ["record", results, "--fy", "2024", "--kpi", "care-rate", "--actual", "1,234"]
    assert main([*argv, "--lang", "ja"], out=out, err=err) == 2
    assert (
        "（「1,234」には桁区切りがあります。桁区切りも引用符も付けずに 1234 と書いてください）"
        in (err.getvalue())
    )


def test_a_utf16_file_is_said_to_be_utf16_not_shift_jis(tmp_path: Path) -> None:
    plan = tmp_path / "x.yaml"
    plan.write_bytes("apiVersion: teijuu/v2\n".encode("utf-16"))  # with its BOM, as Notepad
    (finding,) = validate_paths([plan]).findings
    assert finding.code == "encoding"
    assert "UTF-16で保存されています" in finding.text("ja")
    assert "iconv -f UTF-16 -t UTF-8" in finding.message


def test_fmt_and_import_say_what_a_file_is_in_japanese(bundled_copy: Path) -> None:
    empty = bundled_copy.parent / "empty.yaml"
    empty.write_text("", "utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main(["fmt", str(empty), "--lang", "ja"], out=out, err=err) == 1
    assert "プランのファイルではありません（空）" in out.getvalue() + err.getvalue()
    book = bundled_copy.parent / "empty.xlsx"
    book.write_bytes(b"")
    out, err = io.StringIO(), io.StringIO()
    argv = ["import", str(book), str(bundled_copy), "--lang", "ja"]
    assert main(argv, out=out, err=err) == 1
    assert "として読めません：ZIP形式のファイルではありません" in out.getvalue() + err.getvalue()
    out, err = io.StringIO(), io.StringIO()
    argv = ["import", str(bundled_copy.parent / "nowhere.xlsx"), str(bundled_copy), "--lang", "ja"]
    assert main(argv, out=out, err=err) == 2
    assert "nowhere.xlsx を読めません（" in err.getvalue()
