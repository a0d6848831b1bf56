from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from teijuu.cli import main

from .conftest import REPO


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_validate_bundled_plans_by_default() -> None:
    code, out, err = _run("validate")
    assert code == 0, out
    assert "0 error(s)" in err
    # The two target years printed 2023年 (R10) 度 are the only warnings.
    assert out.count("warning: era-mismatch") == 2
    assert "error:" not in out


def test_validate_json_matches_its_schema(small_plan: Path) -> None:
    (small_plan / "vision.yaml").write_text("apiVersion: teijuu/v2\nkind: Vision\n", "utf-8")
    code, out, _ = _run("validate", "--format", "json", str(small_plan))
    assert code == 1
    document = json.loads(out)
    schema = json.loads((REPO / "schemas" / "findings.schema.json").read_text("utf-8"))
    jsonschema.validate(document, schema)
    assert {f["code"] for f in document["findings"]} >= {"missing-field"}
    assert all(f["file"].endswith(".yaml") for f in document["findings"])


def test_exit_status_two_for_io(tmp_path: Path) -> None:
    code, out, _ = _run("validate", str(tmp_path / "nowhere"))
    assert code == 2
    assert "io-error" in out
    (tmp_path / "empty").mkdir()
    assert _run("validate", str(tmp_path / "empty"))[0] == 2


def test_usage_error_exits_two() -> None:
    code, _, _ = _run("validate", "--format", "xml")
    assert code == 2


def test_no_traceback_for_hostile_input(tmp_path: Path) -> None:
    bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\n" + "".join(
        f"d{i}: &d{i} [*c, *c]\n" for i in range(40)
    )
    (tmp_path / "bomb.yaml").write_text(bomb, "utf-8")
    (tmp_path / "tag.yaml").write_text("a: !!python/object/apply:os.system [ls]\n", "utf-8")
    (tmp_path / "sjis.yaml").write_bytes("名前: 一関市\n".encode("cp932"))
    result = subprocess.run(
        [sys.executable, "-m", "teijuu", "validate", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert "alias-not-allowed" in result.stdout
    assert "forbidden-tag" in result.stdout
    assert "encoding" in result.stdout


def test_schema_check_and_kind(tmp_path: Path) -> None:
    assert _run("schema", "--check")[0] == 0
    code, out, _ = _run("schema", "--kind", "Vision")
    assert code == 0
    assert json.loads(out)["title"] == "teijuu/v2 Vision"
    assert _run("schema", "--kind", "Nope")[0] == 2
    assert _run("schema", "--check", "--dir", str(tmp_path))[0] == 1
    assert _run("schema", "--write", "--dir", str(tmp_path))[0] == 0
    assert _run("schema", "--check", "--dir", str(tmp_path))[0] == 0


def test_docs_list_every_finding_code() -> None:
    from teijuu.findings import CODES
    from teijuu.reconcile import CHECK_CODES

    docs = (REPO / "docs" / "findings.md").read_text("utf-8")
    missing = [code for code in [*CODES, *CHECK_CODES] if f"| `{code}` |" not in docs]
    assert missing == []


def test_record_says_a_grade_without_a_rate_in_words(small_plan: Path) -> None:
    # Lower is better and the actual is 0: the target is met (A), but no rate can be formed.
    vision = small_plan / "vision.yaml"
    text = vision.read_text("utf-8").replace(
        "        unit: 人\n", "        unit: 人\n        direction: lower\n"
    )
    vision.write_text(text, "utf-8")
    out, err = io.StringIO(), io.StringIO()
    argv = ["record", str(small_plan / "results.yaml"), "--fy", "2024", "--kpi", "m1/k1"]
    assert main([*argv, "--actual", "0"], out=out, err=err) == 0, err.getvalue()
    assert "grade A" in err.getvalue()
    assert "None" not in err.getvalue() + out.getvalue()


@pytest.mark.parametrize(
    ("argv", "expected_code", "shown"),
    [
        (["validate"], 0, ""),
        (["check"], 1, "㉔"),
        (["grade", "--fy", "2024"], 0, "一関"),
        (["report", "--fy", "2024"], 0, "㉑"),
        (
            [
                "diff",
                "plans/ichinoseki-hiraizumi/visions/3rd.yaml",
                "plans/ichinoseki-hiraizumi/visions/4th.yaml",
            ],
            0,
            "—",
        ),
    ],
)
def test_commands_survive_a_cp932_output_stream(
    argv: list[str], expected_code: int, shown: str
) -> None:
    # Japanese Windows with output redirected: Python would write cp932, which has no ㉑ or —.
    env = {**os.environ, "PYTHONIOENCODING": "cp932"}
    result = subprocess.run(
        [sys.executable, "-m", "teijuu", *argv], capture_output=True, env=env, cwd=REPO
    )
    stderr = result.stderr.decode("utf-8")
    assert "Traceback" not in stderr
    assert result.returncode == expected_code, stderr
    assert shown in result.stdout.decode("utf-8") + stderr  # written as UTF-8, in full


def test_version_says_which_yaml_reader(capsys: pytest.CaptureFixture[str]) -> None:
    from teijuu.yamlio import PARSER

    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"teijuu 0.1.0 (reads YAML with {PARSER})\n"
    assert "libyaml" in PARSER  # the C extension is installed here


@pytest.mark.parametrize("text", ["", "- a\n- b\n"])
def test_fmt_and_migrate_refuse_a_file_that_is_not_a_plan(tmp_path: Path, text: str) -> None:
    # An empty file would have been rewritten as `null`: not a plan, so nothing is written.
    path = tmp_path / "notes.yaml"
    path.write_text(text, "utf-8")
    for verb in ("fmt", "migrate"):
        out, err = io.StringIO(), io.StringIO()
        assert main([verb, str(path), "--lang", "en"], out=out, err=err) == 1
        assert "not a plan file" in err.getvalue()
        assert path.read_text("utf-8") == text


def test_report_refuses_a_file_name_of_neither_format(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    err = io.StringIO()
    assert main(["report", "--fy", "2024", "-o", str(target)], out=io.StringIO(), err=err) == 2
    assert "a report is Markdown (.md) or Excel (.xlsx)" in err.getvalue()
    assert not target.exists()


def test_new_edition_never_writes_over_its_source_or_another_file(bundled_copy: Path) -> None:
    visions = bundled_copy / "ichinoseki-hiraizumi" / "visions"
    results = bundled_copy / "ichinoseki-hiraizumi" / "results" / "3rd-fy2024.yaml"
    third, before = visions / "3rd.yaml", (visions / "3rd.yaml").read_bytes()
    kept = results.read_bytes()
    base = ["new-edition", str(third), "--edition", "4", "--period", "2027-2031", "--lang", "en"]
    err = io.StringIO()
    assert main([*base, "-o", str(third)], out=io.StringIO(), err=err) == 2
    assert "is the vision the draft is drawn from" in err.getvalue()
    err = io.StringIO()
    assert main([*base, "-o", str(results)], out=io.StringIO(), err=err) == 2
    assert "is not an earlier draft of ichinoseki-hiraizumi-4" in err.getvalue()
    assert third.read_bytes() == before
    assert results.read_bytes() == kept
    # an earlier draft of the same edition is what -o is for; --force for anything else
    assert main([*base, "-o", str(visions / "4th.yaml")], out=io.StringIO(), err=io.StringIO()) == 0
    other = bundled_copy / "notes.yaml"
    other.write_text("# mine\n", "utf-8")
    assert main([*base, "-o", str(other), "--force"], out=io.StringIO(), err=io.StringIO()) == 0


def test_a_loop_of_links_beside_a_vision_is_a_finding_not_a_traceback(
    bundled_copy: Path,
) -> None:
    visions = bundled_copy / "ichinoseki-hiraizumi" / "visions"
    (visions / "l1.yaml").symlink_to("l2.yaml")
    (visions / "l2.yaml").symlink_to("l1.yaml")
    third = str(visions / "3rd.yaml")
    err = io.StringIO()
    code = main(["diff", third, third, "--lang", "en"], out=io.StringIO(), err=err)
    assert "Traceback" not in err.getvalue()
    assert code == 0  # the loop is another file's problem: the vision is still compared


def test_a_file_validated_alone_says_where_its_references_would_be(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(REPO)
    code, out, _ = _run("validate", "plans/ichinoseki-hiraizumi/visions/3rd.yaml", "--lang", "en")
    assert code == 1
    unresolved = [line for line in out.splitlines() if "unresolved-reference" in line]
    assert unresolved == [
        "plans/ichinoseki-hiraizumi/visions/3rd.yaml:13:9: error: unresolved-reference: no sphere "
        "has the id 'ichinoseki-hiraizumi'; only the files named were read: `teijuu validate "
        "plans/ichinoseki-hiraizumi` checks this one with the rest of its sphere",
        "plans/ichinoseki-hiraizumi/visions/3rd.yaml:14:12: error: unresolved-reference: no "
        "policy framework has the id 'ichinoseki-hiraizumi'; only the files named were read: "
        "`teijuu validate plans/ichinoseki-hiraizumi` checks this one with the rest of its sphere",
    ]
    code, out, _ = _run("validate", "plans/ichinoseki-hiraizumi", "--lang", "en")
    assert code == 0
    assert "unresolved-reference" not in out


@pytest.mark.parametrize(
    "text",
    [
        "apiVersion: teijuu/v2\nkind: Sphere\na: &x 1\nb: &x 2\n",  # an anchor given twice
        "%YAML 1.2\n%YAML 1.2\n---\napiVersion: teijuu/v2\n",  # a directive given twice
    ],
)
def test_a_duplicate_anchor_or_directive_is_one_syntax_error(tmp_path: Path, text: str) -> None:
    # Not a repeated key read on (which added "not-a-mapping: an empty file" to it).
    plan = tmp_path / "x.yaml"
    plan.write_text(text, "utf-8")
    code, out, _ = _run("validate", str(plan), "--format", "json", "--lang", "en")
    assert code == 1
    assert [f["code"] for f in json.loads(out)["findings"]] == ["yaml-syntax"]
