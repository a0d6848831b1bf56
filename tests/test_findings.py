"""Every finding code, provoked on purpose, at the line and column where the problem is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from teijuu.findings import CODES, Finding, Severity
from teijuu.validate import validate_paths

from .conftest import SMALL_PLAN, SMALL_RESULTS, SMALL_SPHERE, SMALL_VISION, write_plan


def _validate(tmp_path: Path, **overrides: str | bytes) -> list[Finding]:
    directory = tmp_path / "plan"
    write_plan(directory, SMALL_PLAN)
    for name, content in overrides.items():
        path = directory / f"{name}.yaml"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return validate_paths([directory]).findings


def _vision(old: str, new: str) -> str:
    assert old in SMALL_VISION, old
    return SMALL_VISION.replace(old, new, 1)


# (case id, overrides of the small plan, code, file, line, column, words in the message)
CASES: list[tuple[str, dict[str, str | bytes], str, str, int, int, str]] = [
    (
        "separators",
        {"vision": _vision("2024: 48221", '2024: "48,221"')},
        "invalid-number",
        "vision",
        43,
        15,
        "without them and without quotes: 48221",
    ),
    (
        "float-nan",
        {"vision": _vision("2025: 47349.5", "2025: .nan")},
        "invalid-number",
        "vision",
        44,
        15,
        "NaN",
    ),
    (
        "boolean",
        {"vision": _vision("value: 10", "value: true")},
        "invalid-number",
        "vision",
        34,
        18,
        "boolean",
    ),
    (
        "negative",
        {"vision": _vision("2025: 47349.5", "2025: -5")},
        "negative-amount",
        "vision",
        44,
        15,
        "cannot be negative",
    ),
    (
        "fiscal-year",
        {"vision": _vision("fiscal_year: 2022", "fiscal_year: R0")},
        "invalid-fiscal-year",
        "vision",
        33,
        24,
        "start at 1",
    ),
    (
        "date",
        {"vision": _vision("status: adopted\n", "status: adopted\nadopted: H25.13\n")},
        "invalid-date",
        "vision",
        10,
        10,
        "month 13",
    ),
    (
        "id",
        {"vision": _vision("  - id: m1", "  - id: M 1")},
        "invalid-id",
        "vision",
        23,
        9,
        "lower-case ASCII",
    ),
    (
        "period",
        {"vision": _vision("start: 2024", "start: 2029")},
        "invalid-period",
        "vision",
        11,
        3,
        "ends earlier",
    ),
    (
        "bands",
        {"vision": _vision("      min_percent: 80", "      min_percent: 120")},
        "invalid-grading-rule",
        "vision",
        14,
        3,
        "from the highest min_percent to the lowest",
    ),
    (
        "missing",
        {"vision": _vision("    name: 休日診療事業\n", "")},
        "missing-field",
        "vision",
        23,
        5,
        "`name` is required",
    ),
    (
        "unknown",
        {"vision": _vision("    name: 休日診療事業", "    nmae: 休日診療事業")},
        "unknown-field",
        "vision",
        25,
        5,
        "did you mean 'name'",
    ),
    (
        "wrong-type",
        {"vision": _vision("municipalities: [a, b]", "municipalities: a")},
        "wrong-type",
        "vision",
        45,
        21,
        "list",
    ),
    (
        "enum",
        {"vision": _vision("status: adopted", "status: final")},
        "invalid-value",
        "vision",
        9,
        9,
        "'final'",
    ),
    (
        "no-api-version",
        {"vision": _vision("apiVersion: teijuu/v2\n", "")},
        "missing-api-version",
        "vision",
        2,
        1,
        "apiVersion: teijuu/v2",
    ),
    (
        "api-version",
        {"vision": _vision("apiVersion: teijuu/v2", "apiVersion: teijuu/v9")},
        "unknown-api-version",
        "vision",
        2,
        13,
        "teijuu/v9",
    ),
    ("no-kind", {"vision": _vision("kind: Vision\n", "")}, "missing-kind", "vision", 2, 1, "kind:"),
    (
        "kind",
        {"vision": _vision("kind: Vision", "kind: Visoin")},
        "unknown-kind",
        "vision",
        3,
        7,
        "did you mean 'Vision'",
    ),
    (
        "modeline",
        {"vision": SMALL_VISION.split("\n", 1)[1]},
        "schema-modeline",
        "vision",
        1,
        1,
        "vision.schema.json",
    ),
    ("list", {"vision": "- a\n- b\n"}, "not-a-mapping", "vision", 1, 1, "a list"),
    ("empty", {"vision": ""}, "not-a-mapping", "vision", 1, 1, "an empty file"),
    (
        "syntax",
        {"vision": _vision("title: 第1次試験ビジョン", "title: [第1次")},
        "yaml-syntax",
        "vision",
        9,
        7,
        "expected ',' or ']'",
    ),
    (
        "duplicate-key",
        {"vision": _vision("edition: 1\n", "edition: 1\nedition: 2\n")},
        "duplicate-key",
        "vision",
        8,
        1,
        "first at line 7",
    ),
    (
        "python-tag",
        {
            "vision": _vision(
                "title: 第1次試験ビジョン", "title: !!python/object/apply:os.system [ls]"
            )
        },
        "forbidden-tag",
        "vision",
        8,
        8,
        "!!python/object/apply:os.system",
    ),
    (
        "custom-tag",
        {"vision": _vision("title: 第1次試験ビジョン", "title: !secret x")},
        "forbidden-tag",
        "vision",
        8,
        8,
        "!secret",
    ),
    (
        "alias",
        {"vision": _vision("title: 第1次試験ビジョン", "title: &t 第1次\naims: *t")},
        "alias-not-allowed",
        "vision",
        9,
        7,
        "an alias of the one at line 8",
    ),
    (
        "deep",
        {"vision": _vision("title: 第1次試験ビジョン", "title: " + "[" * 80 + "]" * 80)},
        "too-deep",
        "vision",
        8,
        72,
        "deeper than 64",
    ),
    (
        "shift-jis",
        {"vision": SMALL_VISION.encode("cp932")},
        "encoding",
        "vision",
        8,
        8,
        "iconv -f CP932 -t UTF-8",
    ),
    (
        "latin-1",
        {"vision": b"apiVersion: teijuu/v2\nkind: \xff\xfe\xfa\n"},
        "encoding",
        "vision",
        2,
        7,
        "UTF-8",
    ),
    (
        "duplicate-id",
        {
            "vision": SMALL_VISION
            + SMALL_VISION[SMALL_VISION.index("  - id: m1") :].replace("no: 1", "no: 2")
        },
        "duplicate-id",
        "vision",
        46,
        9,
        "'m1' is used twice",
    ),
    (
        "reference",
        {"vision": _vision("field: medical", "field: dental")},
        "unresolved-reference",
        "vision",
        27,
        12,
        "'dental'; known: medical, transport",
    ),
    (
        "viewpoint",
        {"vision": _vision("field: medical", "field: transport")},
        "field-not-in-viewpoint",
        "vision",
        27,
        12,
        "belongs to 結びつきやネットワークの強化",
    ),
    (
        "results-year",
        {"results": SMALL_RESULTS.replace("fiscal_year: R6", "fiscal_year: R11")},
        "year-outside-period",
        "results",
        6,
        14,
        "FY2029",
    ),
    (
        "budget-year",
        {"vision": _vision("2025: 47349.5", "2030: 47349.5")},
        "budget-outside-period",
        "vision",
        44,
        9,
        "FY2030",
    ),
    (
        "open-target",
        {"vision": _vision("          value: 20\n", "")},
        "open-target",
        "vision",
        36,
        11,
        "only a draft (or an excerpt, `partial: true`) may leave a target open",
    ),
    (
        "era",
        {
            "vision": _vision(
                "          value: 20\n",
                "          value: 20\n          printed_year: 2023年 (R10) 度\n",
            )
        },
        "era-mismatch",
        "vision",
        38,
        25,
        "2023 in the Western calendar but FY2028",
    ),
    (
        "revision",
        {"vision": _vision("edition: 1\n", "edition: 1\nrevision: 2\n")},
        "revision-mismatch",
        "vision",
        8,
        11,
        "only 0 revision(s)",
    ),
    (
        "upgraded",
        {"vision": _vision("apiVersion: teijuu/v2", "apiVersion: teijuu/v1")},
        "upgraded-api-version",
        "vision",
        2,
        13,
        "`teijuu migrate FILE` rewrites it",
    ),
    (
        "era-overflow",
        {"vision": _vision("fiscal_year: 2022", "fiscal_year: H32")},
        "era-overflow",
        "vision",
        33,
        24,
        "平成 ended in H31, so H32 is FY2020 (R2)",
    ),
    (
        "revision-path",
        {
            "vision": _vision(
                "status: adopted\n",
                "status: adopted\nrevision: 1\nrevisions:\n  - revision: 1\n    status: decided\n"
                "    summary: 指標の追加\n    added: [measures/m9]\n",
            )
        },
        "revision-path",
        "vision",
        15,
        13,
        "names 'measures/m9', but no such place",
    ),
    (
        "date-fiscal-year",
        {
            "sphere": SMALL_SPHERE
            + "history:\n  - kind: agreement\n    fiscal_year: 2013\n    date: H25.3\n"
            "    event: 協定締結\n"
        },
        "date-fiscal-year-mismatch",
        "sphere",
        14,
        18,
        "the date H25.3 falls in FY2012",
    ),
    (
        "source-reference",
        {
            "sphere": SMALL_SPHERE.replace(
                "    name: 乙町\n", "    name: 乙町\n    source: gazette\n"
            )
            + "sources:\n  - id: web\n    title: 乙町のページ\n"
        },
        "unresolved-reference",
        "sphere",
        12,
        13,
        "no source of this file has the id 'gazette'; known: web",
    ),
    (
        "status-mismatch",
        {"sphere": SMALL_SPHERE + "ended: R4.3.31\n"},
        "status-mismatch",
        "sphere",
        12,
        8,
        "set `status: ended`",
    ),
    (
        "missing-date",
        {"sphere": SMALL_SPHERE + "status: ended\n"},
        "missing-date",
        "sphere",
        12,
        9,
        "status: ended without a date",
    ),
    (
        "bound-direction",
        {
            "vision": _vision(
                "          value: 20\n", "          value: 20\n          bound: at-most\n"
            )
        },
        "bound-direction",
        "vision",
        38,
        18,
        "set `direction: lower`",
    ),
    (
        "empty-vision",
        {
            "vision": SMALL_VISION[: SMALL_VISION.index("measures:")],
            "results": SMALL_RESULTS[: SMALL_RESULTS.index("measures:")],
        },
        "empty-vision",
        "vision",
        9,
        9,
        "no measures",
    ),
    (
        "no-kpis",
        {
            "vision": SMALL_VISION[: SMALL_VISION.index("    kpis:")]
            + SMALL_VISION[SMALL_VISION.index("    programs:") :],
            "results": SMALL_RESULTS[: SMALL_RESULTS.index("measures:")],
        },
        "no-kpis",
        "vision",
        23,
        3,
        "nothing can be graded",
    ),
    (
        "no-grading-rule",
        {
            "vision": SMALL_VISION[: SMALL_VISION.index("grading:")]
            + SMALL_VISION[SMALL_VISION.index("measures:") :]
        },
        "no-grading-rule",
        "vision",
        9,
        9,
        "state the plan's own rule",
    ),
]


@pytest.mark.parametrize(
    ("overrides", "code", "file", "line", "column", "words"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_finding_is_located(
    tmp_path: Path,
    overrides: dict[str, str | bytes],
    code: str,
    file: str,
    line: int,
    column: int,
    words: str,
) -> None:
    findings = _validate(tmp_path, **overrides)
    matching = [f for f in findings if f.code == code]
    assert len(matching) == 1, [f.to_text() for f in findings]
    finding = matching[0]
    assert finding.file is not None
    assert finding.file.endswith(f"plan/{file}.yaml")
    assert (finding.line, finding.column) == (line, column), finding.to_text()
    assert words in finding.message
    others = [f for f in findings if f is not finding and f.severity is Severity.ERROR]
    if code == "unknown-field":  # the misspelt key leaves the right one missing: both are said
        assert [f.code for f in others] == ["missing-field"]
    else:
        # When the vision file cannot be read at all, the results' reference to it is still
        # reported, saying which file may hold it; nothing else may be reported.
        assert all(
            f.code == "unresolved-reference" and "could not be read: " in f.message for f in others
        ), [f.to_text() for f in others]


def test_io_codes(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    findings = validate_paths([tmp_path / "missing.yaml", tmp_path / "empty"]).findings
    assert [f.code for f in findings] == ["no-plans", "io-error"] or sorted(
        f.code for f in findings
    ) == ["io-error", "no-plans"]


def test_every_code_is_provoked_by_a_test() -> None:
    # io codes: test_io_codes; fmt-error and migrate-error: tests/test_editing.py,
    # test_migrate.py; findings-left-out: tests/test_bounded_cost.py
    provoked = {case[2] for case in CASES} | {
        "io-error",
        "no-plans",
        "fmt-error",
        "migrate-error",
        "findings-left-out",
    }
    assert provoked == set(CODES), set(CODES) ^ provoked


def test_small_plan_is_valid(small_plan: Path) -> None:
    result = validate_paths([small_plan])
    assert result.findings == []
    assert len(result.plan.documents) == 4


def test_all_problems_of_all_files_at_once(tmp_path: Path) -> None:
    findings = _validate(
        tmp_path,
        vision=_vision("status: adopted", "status: final").replace("2024: 48221", "2024: x"),
        results="apiVersion: teijuu/v2\nkind: Results\nid: r\nvision: v\n",
        extra="apiVersion: teijuu/v2\nkind: Nope\n",
    )
    codes = sorted(f.code for f in findings if f.severity is Severity.ERROR)
    assert codes == ["invalid-number", "invalid-value", "missing-field", "unknown-kind"]


def test_json_findings_shape(tmp_path: Path) -> None:
    from teijuu.findings import findings_document

    findings = _validate(tmp_path, vision=_vision("status: adopted", "status: final"))
    document = findings_document(findings)
    assert document["schema"] == "teijuu/findings/v1"
    items = document["findings"]
    assert isinstance(items, list)
    (item,) = items
    assert set(item) == {"code", "severity", "message", "file", "line", "column", "subject"}
    assert item["subject"] == "status"
    json.dumps(document)
