"""Messages in Japanese and English: one catalogue (teijuu.messages), chosen by --lang or the
locale; codes the same in both; JSON in the chosen language."""

from __future__ import annotations

import ast
import io
import json
import re
import string
from pathlib import Path

import jsonschema
import pytest

from teijuu.cli import main
from teijuu.findings import Code, Finding, Severity
from teijuu.messages import TEMPLATES, Text, default_lang, fields_of, msg

from .conftest import REPO, assert_golden

_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("code", list(Code), ids=str)
def test_every_code_has_a_japanese_description(code: Code) -> None:
    """A new code without its Japanese fails here: findings of it would read in English."""
    assert _JAPANESE.search(code.ja), code
    assert code.ja != code.en


@pytest.mark.parametrize("key", sorted(TEMPLATES))
def test_every_template_has_both_languages_with_the_same_parameters(key: str) -> None:
    en, ja = TEMPLATES[key]
    assert en.strip()
    assert ja.strip()
    assert fields_of(en) == fields_of(ja), key
    words = "".join(text for text, *_ in string.Formatter().parse(ja))  # besides parameters
    assert _JAPANESE.search(ja) or not words.strip(), f"{key}: the Japanese is not Japanese"
    prefix = key.split("/")[0]
    assert prefix in {"cli", "sheet"} or prefix in {c.value for c in Code}, f"{key}: no code"


def test_a_message_renders_in_either_language_with_named_parameters() -> None:
    m = msg("list-missing/measure", measure="地産外商促進事業", no=14, grades="D", year=2024)
    assert (
        m.render("en") == "地産外商促進事業 (No.14) is graded D for FY2024 but is not in this list"
    )
    assert (
        m.render("ja")
        == "地産外商促進事業（No.14）は2024年度の評価がDですが、この一覧に載っていません"
    )


def test_an_unknown_key_is_a_bug() -> None:
    with pytest.raises(KeyError):
        msg("no-such-code/variant")


def test_a_finding_without_a_template_reads_its_code_in_japanese_then_the_english() -> None:
    finding = Finding("invalid-number", Severity.ERROR, "'1,234' is not an exact number")
    assert finding.text("en") == "'1,234' is not an exact number"
    assert finding.text("ja") == (
        "正確な数値でない（桁区切りのある文字列、浮動小数点数、NaNなど）"
        "（'1,234' is not an exact number）"
    )
    built = Finding.of(
        "no-kpis", Severity.WARNING, msg("no-kpis/vision", status=Text("an adopted", "策定済み"))
    )
    assert built.message.startswith("an adopted vision whose measures have no KPI")
    assert built.text("ja").startswith("策定済みのビジョンの施策にKPIがなく")
    assert built == Finding("no-kpis", Severity.WARNING, built.message)  # detail is not data


def test_check_golden_japanese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    code, out, err = _run("check", "plans", "--lang", "ja")
    assert code == 1
    assert "矛盾5件" in err
    assert_golden("check.ja.txt", out)
    # the same findings, line for line, with the same codes as the English golden
    english = (REPO / "tests" / "golden" / "check.txt").read_text("utf-8").splitlines()
    japanese = out.splitlines()
    assert len(japanese) == len(english)
    for ja, en in zip(japanese, english, strict=True):
        assert ja.split(": ")[:3] == en.split(": ")[:3]  # file:line:col, severity, code
    assert all(_JAPANESE.search(line.split(": ", 3)[3]) for line in japanese)


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "ja_JP.UTF-8"}, "ja"),
        ({"LC_ALL": "ja_JP.eucJP", "LANG": "en_US.UTF-8"}, "ja"),
        ({"LC_ALL": "C", "LANG": "ja_JP.UTF-8"}, "en"),  # LC_ALL wins, as in POSIX
        ({"LC_MESSAGES": "ja_JP.UTF-8", "LANG": "C"}, "ja"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
    ],
)
def test_the_default_language_follows_the_locale(environ: dict[str, str], expected: str) -> None:
    assert default_lang(environ, lambda: (None, None)) == expected


@pytest.mark.parametrize(
    ("system", "expected"),
    [
        (("Japanese_Japan", "932"), "ja"),
        (("ja_JP", "cp932"), "ja"),
        (("English_United States", "1252"), "en"),
        ((None, None), "en"),
    ],
)
def test_on_windows_the_user_locale_decides(
    system: tuple[str | None, str | None], expected: str
) -> None:
    """Windows sets no LANG: the locale Python reads from the user's settings decides."""
    assert default_lang({}, lambda: system) == expected


def test_the_cli_speaks_japanese_in_a_japanese_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("LC_ALL", "ja_JP.UTF-8")
    code, out, err = _run("validate", "plans")
    assert code == 0
    assert "エラー0件、警告7件：問題ありません" in err
    assert ": warning: no-kpis: 策定済みのビジョンの施策にKPIがなく" in out
    code, out, err = _run("validate", "plans", "--lang", "en")  # asked for, it wins
    assert ": valid" in err
    assert "an adopted vision whose measures have no KPI" in out


def test_the_cli_speaks_english_in_another_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    code, _, err = _run("validate", "plans")
    assert code == 0
    assert "0 error(s), 7 warning(s): valid" in err


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_json_carries_the_code_and_the_message_in_the_language_asked(
    lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    code, out, _ = _run("check", "plans", "--format", "json", "--lang", lang)
    assert code == 1
    document = json.loads(out)
    schema = json.loads((REPO / "schemas" / "findings.schema.json").read_text("utf-8"))
    jsonschema.validate(document, schema)
    missing = next(f for f in document["findings"] if f["code"] == "list-missing")
    if lang == "ja":
        assert (
            missing["message"]
            == "地産外商促進事業（No.14）は2024年度の評価がDですが、この一覧に載っていません"
        )
    else:
        assert (
            missing["message"]
            == "地産外商促進事業 (No.14) is graded D for FY2024 but is not in this list"
        )


def test_every_command_that_prints_messages_takes_lang() -> None:
    from teijuu.cli import build_parser

    parser = build_parser()
    verbs = [
        "validate",
        "check",
        "grade",
        "report",
        "diff",
        "record",
        "fmt",
        "migrate",
        "sheet",
        "import",
        "new-edition",
        "schema",
    ]
    for verb in verbs:
        with pytest.raises(SystemExit):
            parser.parse_args([verb, "--lang", "fr"])  # refused: only ja and en


def test_lang_before_the_verb_is_every_verbs_lang(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    code, _, err = _run("--lang", "ja", "validate", "plans")
    assert code == 0
    assert "エラー0件、警告7件：問題ありません" in err
    code, _, err = _run("--lang", "ja", "validate", "plans", "--lang", "en")  # the verb's wins
    assert "0 error(s), 7 warning(s): valid" in err


def test_schema_and_report_refusals_in_japanese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    code, _, err = _run("schema", "--kind", "Foo", "--lang", "ja")
    assert code == 2
    assert err.startswith("teijuu schema: 「Foo」という種類はありません。種類：Sphere, ")
    code, _, err = _run("schema", "--check", "--lang", "ja")
    assert code == 0
    assert "個のスキーマはモデルどおりです" in err
    code, _, err = _run("report", "plans", "--format", "xlsx", "-o", "x.md", "--lang", "ja")
    assert code == 2
    assert err == (
        "teijuu report: --format xlsx の報告書は x.md には書けません。xlsx のファイルにするか"
        "（-o report.xlsx）、--format を省いて拡張子で決めてください\n"
    )
    code, _, err = _run("report", "plans", "-o", "x.pdf", "--lang", "en")
    assert err.startswith("teijuu report: -o x.pdf: a report is Markdown (.md) or Excel")


def test_import_and_record_messages_in_japanese(
    bundled_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(bundled_copy.parent)
    code, _, err = _run("sheet", "--fy", "2025", "-o", "実績入力.xlsx", "--lang", "ja")
    assert code == 0, err
    assert err == "実績入力.xlsx を書き出しました\n"
    code, _, err = _run("import", "実績入力.xlsx", "--lang", "ja")
    assert code == 0, err
    assert err == "teijuu import: 実績値が一つも入力されていないため、取り込むものがありません\n"


# -- the entry workbook's problems come from the catalogue too ---------------------------------

_PROBLEM_SITES = ("teijuu/sheet.py", "teijuu/importing.py")


def _inline_texts(source: str) -> tuple[int, list[int]]:
    """The ``CellProblem(…)`` and ``….problem(…)`` calls of ``source``, and the lines of those
    given a text of their own in Japanese (a string or an f-string) instead of a message."""
    calls, inline = 0, []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name not in {"CellProblem", "problem"}:
            continue
        calls += 1
        for arg in [*node.args, *(k.value for k in node.keywords)]:
            if not isinstance(arg, ast.Constant | ast.JoinedStr):
                continue
            parts = arg.values if isinstance(arg, ast.JoinedStr) else [arg]
            texts = [p.value for p in parts if isinstance(p, ast.Constant)]
            if any(isinstance(t, str) and _JAPANESE.search(t) for t in texts):
                inline.append(node.lineno)
                break
    return calls, inline


def test_the_finder_of_inline_texts_finds_them() -> None:
    source = (
        'CellProblem(name, None, None, "年度が読めません", "the fiscal year is not readable")\n'
        'self.problem(SHEET, at, f"エラー値（{value}）", f"an error value ({value})")\n'
        'self.problem(SHEET, f"A{row}", msg("sheet/formula"))\n'
        'other("年度が読めません")\n'
    )
    assert _inline_texts(source) == (3, [1, 2])


@pytest.mark.parametrize("path", _PROBLEM_SITES)
def test_no_inline_japanese_at_the_entry_workbooks_problems(path: str) -> None:
    """Every problem of the entry workbook is a ``sheet/…`` message of the catalogue: an
    inline pair of texts could not be listed, nor its parameters checked."""
    calls, inline = _inline_texts((REPO / path).read_text("utf-8"))
    assert calls > 0, f"{path}: no CellProblem( or .problem( call found; is the finder stale?"
    assert inline == [], f"{path}: inline texts at lines {inline}; use msg('sheet/…')"


def test_the_entry_workbooks_problems_have_their_section() -> None:
    from teijuu._catalogue import SHEET

    assert SHEET
    assert all(key.startswith("sheet/") and TEMPLATES[key] == SHEET[key] for key in SHEET)


def test_a_bad_fy_is_said_in_the_language_asked() -> None:
    code, _, err = _run("grade", "--fy", "abc", "--lang", "ja")
    assert code == 2
    assert err.startswith("teijuu grade: --fy の年度：「abc」は年度として読めません。")
    code, _, err = _run("--lang", "en", "report", "--fy", "abc")
    assert code == 2
    assert err.startswith("teijuu report: --fy: 'abc' is not a fiscal year")


def test_a_value_is_quoted_as_yaml_writes_it_in_japanese() -> None:
    from teijuu.messages import written

    assert written(["active"]).ja == "[active]"
    assert written({"start": 2024, "end": None}).ja == "{start: 2024, end: null}"
    assert written(["active"]).en == "['active']"


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["--lang", "ja", "nosuch"], "teijuu: エラー: VERB：'nosuch' は選べません（選べるのは "),
        (["record", "--lang", "ja"], "teijuu record: エラー: 次の引数を指定してください："),
        (
            ["--lang=ja", "new-edition", "v.yaml", "--edition", "x", "--period", "2027-2031"],
            "teijuu new-edition: エラー: --edition：'x' は整数として読めません",
        ),
        (["validate", "--bogus", "--lang", "ja"], "teijuu: エラー: 使えない引数です：--bogus"),
        (["validate", "--bogus", "--lang", "en"], "teijuu: error: unrecognized arguments: --bogus"),
        (  # the verb's own --lang wins, as it does for the messages
            ["--lang", "ja", "validate", "--bogus", "--lang", "en"],
            "teijuu: error: unrecognized arguments: --bogus",
        ),
    ],
)
def test_argparse_errors_in_the_language_asked(
    argv: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith("usage: teijuu")
    assert any(line.startswith(said) for line in lines), lines
