"""teijuu check on the bundled plans: every contradiction of the published papers, and no more."""

from __future__ import annotations

import io
import json
from pathlib import Path

import jsonschema
import pytest

from teijuu.cli import main

from .conftest import REPO, assert_golden


def _check(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["check", "plans", *argv], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)


def test_check_golden_text() -> None:
    code, out, err = _check()
    assert code == 1  # the papers contain contradictions
    assert "5 contradiction(s)" in err
    assert_golden("check.txt", out)


def test_check_json_has_the_findings_shape() -> None:
    code, out, _ = _check("--format", "json")
    assert code == 1
    document = json.loads(out)
    schema = json.loads((REPO / "schemas" / "findings.schema.json").read_text("utf-8"))
    jsonschema.validate(document, schema)
    codes = sorted(f["code"] for f in document["findings"] if f["severity"] == "error")
    assert codes == [
        "component-mismatch",  # 地域医療確保対策事業: 医師 0 + 医療介護従事者 10 ≠ 14
        "count-mismatch",  # 交通インフラ整備: printed B 1, C 1; data A 1, C 1
        "list-missing",  # 地産外商促進事業 (D) not in the C/D list
        "list-number-mismatch",  # ⑳ is No.21
        "list-number-mismatch",  # ㉔ is No.26
    ]


def test_each_contradiction_points_at_the_statement() -> None:
    _, out, _ = _check("--format", "json")
    findings = json.loads(out)["findings"]
    for finding in findings:
        path = REPO / finding["file"]
        line = path.read_text("utf-8").split("\n")[finding["line"] - 1]
        assert line.strip(), finding
    by_code = {f["code"]: f for f in findings}
    count = by_code["count-mismatch"]
    line = (REPO / count["file"]).read_text("utf-8").split("\n")[count["line"] - 1]
    assert line.strip() == "counts: {B: 1, C: 1}"


def test_a_consistent_report_has_no_contradictions(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(REPO / "plans", tmp_path / "plans")
    report = tmp_path / "plans" / "ichinoseki-hiraizumi" / "reports" / "3rd-fy2024-kondankai.yaml"
    text = report.read_text("utf-8")
    text = text.replace("    counts: {B: 1, C: 1}", "    counts: {A: 1, C: 1}")
    text = text.replace("      - circled: ⑳", "      - circled: ㉑")
    text = text.replace("      - circled: ㉔", "      - circled: ㉖")
    text = text.replace(
        "      - circled: ⑮",
        "      - circled: ⑭\n        name_printed: 地産外商促進事業\n"
        "        measure: external-sales\n      - circled: ⑮",
    )
    report.write_text(text, "utf-8")
    results = tmp_path / "plans" / "ichinoseki-hiraizumi" / "results" / "3rd-fy2024.yaml"
    text = results.read_text("utf-8").replace(
        "            numerator: 10\n", "            numerator: 14\n"
    )
    results.write_text(text, "utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = main(["check", str(tmp_path / "plans")], out=out, err=err)
    assert code == 0, out.getvalue()
    assert "0 contradiction(s)" in err.getvalue()
