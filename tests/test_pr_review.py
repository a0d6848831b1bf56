"""Pull-request review (issue 15): changes located in the files, the comment, annotations."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from teijuu.cli import main
from teijuu.diffing import Change, ChangeKind, ChangeSeverity, PlanDiff, Site
from teijuu.findings import Finding, Severity
from teijuu.render.diff import COMMENT_MARKER, Links, render_diff_markdown
from teijuu.render.escape import workflow_data, workflow_property
from teijuu.render.findings import render_findings_markdown
from teijuu.render.github import command, diff_commands, findings_commands

from .conftest import REPO

VISIONS = "plans/ichinoseki-hiraizumi/visions"


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)


def _line_of(path: str, line: int) -> str:
    return (REPO / path).read_text("utf-8").splitlines()[line - 1]


@pytest.mark.usefixtures("in_repo")
def test_every_change_of_the_3rd_and_4th_stands_at_its_place() -> None:
    code, out, _ = _run("diff", f"{VISIONS}/3rd.yaml", f"{VISIONS}/4th.yaml", "--format", "json")
    assert code == 0
    document = json.loads(out)
    jsonschema.validate(document, json.loads((REPO / "schemas/diff.schema.json").read_text()))
    changes = {c["id"]: c for c in document["changes"]}
    assert all(c["old_at"] and c["new_at"] for c in changes.values())
    target = changes["kpi:medical-staff/local-hires:target.value"]
    old, new = target["old_at"], target["new_at"]
    assert old["file"] == f"{VISIONS}/3rd.yaml"
    assert _line_of(old["file"], old["line"])[old["column"] - 1 :] == "15"
    # the 4th leaves the value open: the nearest place written, its target's year
    assert _line_of(new["file"], new["line"]).strip() == "fiscal_year: 2031"
    budget = changes["budget:holiday-night-care:2024"]["old_at"]
    assert _line_of(budget["file"], budget["line"]).strip() == "2024: 48221"


def test_an_output_of_before_the_positions_still_meets_the_schema() -> None:
    """teijuu/diff/v1 only gained optional fields: an output without them is still valid."""
    schema = json.loads((REPO / "schemas/diff.schema.json").read_text("utf-8"))
    change = {
        "id": "vision:period",
        "kind": "vision-changed",
        "path": "period",
        "old": "a",
        "new": "b",
        "severity": "high",
        "subject": "vision",
        "inline": None,
        "note": None,
    }
    summary = {
        "changes": 1,
        "by_severity": {"high": 1},
        "by_kind": {"vision-changed": 1},
        "budget_by_vision": {},
        "budget_by_field": {},
    }
    document = {"schema": "teijuu/diff/v1", "old": "", "new": "", "summary": summary}
    jsonschema.validate({**document, "changes": [change]}, schema)
    assert "old_at" not in schema["$defs"]["DiffChange"]["required"]


@pytest.mark.usefixtures("in_repo")
def test_a_git_side_names_its_files_as_in_the_repository() -> None:
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("not in a git checkout")
    code, out, err = _run(
        "diff", f"HEAD:{VISIONS}/3rd.yaml", f"{VISIONS}/4th.yaml", "--format", "json"
    )
    assert code == 0, err
    sites = [c["old_at"] for c in json.loads(out)["changes"]]
    assert {site["file"] for site in sites} == {f"{VISIONS}/3rd.yaml"}  # not a temporary folder


def _change(id_: str = "kpi:m/k:target.value", **update: object) -> Change:
    base = Change(
        id_,
        ChangeKind.KPI_CHANGED,
        "measures[m].kpis[k].target.value",
        "1",
        "2",
        ChangeSeverity.HIGH,
        "target.value",
        subject="m",
        label="KPI",
        at=(Site("plans/a,b:c.yaml", 3, 5), Site("plans/a,b:c.yaml", 4, 7)),
    )
    from dataclasses import replace

    return replace(base, **update)  # type: ignore[arg-type]


def test_workflow_commands_are_escaped_as_the_actions_toolkit_does() -> None:
    assert workflow_data("100%\r\nnext") == "100%25%0D%0Anext"
    assert workflow_property("a:b,c%") == "a%3Ab%2Cc%25"
    line = command("error", "x\n::stop-commands::y", file="p:q,r.yaml", line=2, column=3, title="t")
    assert line == "::error file=p%3Aq%2Cr.yaml,line=2,col=3,title=t::x%0A::stop-commands::y"
    assert "\n" not in line


def test_annotations_for_findings_and_for_high_changes() -> None:
    findings = [
        Finding(
            "invalid-id", Severity.ERROR, "bad: id, 50%", file="plans/x.yaml", line=3, column=4
        ),
        Finding("schema-modeline", Severity.WARNING, "w", file="plans/y.yaml", line=1, column=1),
        Finding("era-overflow", Severity.INFO, "n"),
    ]
    assert findings_commands(findings).splitlines() == [
        "::error file=plans/x.yaml,line=3,col=4,title=teijuu%3A invalid-id::bad: id, 50%25",
        "::warning file=plans/y.yaml,line=1,col=1,title=teijuu%3A schema-modeline::w",
        "::notice title=teijuu%3A era-overflow::n",
    ]
    diff = PlanDiff(
        [
            _change(),
            _change("kpi:m/j:target.value", note="why"),
            _change("low", severity=ChangeSeverity.LOW),
        ]
    )
    lines = diff_commands(diff, ChangeSeverity.HIGH, "en").splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("::error file=plans/a%2Cb%3Ac.yaml,line=4,col=7,title=")
    assert lines[1].startswith("::notice ")  # explained: shown, but it fails nothing


def test_the_comment_stays_within_githubs_limit_and_says_what_it_left_out() -> None:
    changes = [
        _change(f"kpi:m{i}/k:target.value", subject=f"m{i}", new="x" * 300) for i in range(400)
    ]
    changes += [
        _change(
            f"budget:n{i}:2024",
            subject=f"n{i}",
            severity=ChangeSeverity.MEDIUM,
            kind="budget-changed",
        )
        for i in range(50)
    ]
    comment = render_diff_markdown(PlanDiff(changes), "en", comment=True)
    assert comment.startswith(COMMENT_MARKER + "\n")
    assert len(comment) <= 65_536
    assert "**450 changes**: 400 high (400 unexplained), 50 medium" in comment
    left = comment.strip().splitlines()[-1]
    assert left.startswith("⚠ Left out to stay within GitHub's comment limit")
    shown = comment.count("\n- ")
    assert f"{400 - shown} unexplained high-severity change(s) and 450 section(s)" in left
    small = render_diff_markdown(PlanDiff(changes[-50:]), "en", comment=True, limit=4000)
    assert len(small) <= 4000
    assert "No unexplained high-severity change." in small
    assert "section(s)" in small.strip().splitlines()[-1]


def test_names_in_the_comment_are_escaped() -> None:
    hostile = _change(subject="m", at=(None, Site("plans/[x](y).yaml", 1, 1)))
    diff = PlanDiff([hostile], names={"m": "<b>@here</b> [link](http://e)"})
    comment = render_diff_markdown(diff, "en", comment=True)
    assert "<b>" not in comment
    assert "@here" not in comment
    assert "[link](http://e)" not in comment.split("</summary>")[0].split("<details>")[0]
    assert "\\[link\\](http://e)" in comment  # shown as written, not a link
    linked = render_diff_markdown(diff, "en", Links("", "https://h/"))
    assert "(https://h/plans/%5Bx%5D%28y%29.yaml#L1)" in linked


def test_validate_as_annotations_and_as_a_comment(tmp_path: Path) -> None:
    shutil.copytree(REPO / "plans", tmp_path / "plans")
    results = tmp_path / "plans/ichinoseki-hiraizumi/results/3rd-fy2024.yaml"
    results.write_text(results.read_text("utf-8").replace("kpi: local-hires", "kpi: local-hire"))
    code, out, _ = _run("validate", str(tmp_path / "plans"), "--format", "github")
    assert code == 1
    assert "\n::error file=" in out
    assert ",title=teijuu%3A unresolved-reference::" in out
    code, out, _ = _run("validate", str(tmp_path / "plans"), "--format", "pr")
    assert code == 1
    assert out.startswith(COMMENT_MARKER + "\n## teijuu validate: the plans are invalid")
    assert "`unresolved-reference`" in out
    many = [
        Finding("invalid-id", Severity.ERROR, "m" * 200, file="f.yaml", line=i)
        for i in range(1, 900)
    ]
    comment = render_findings_markdown(many, 1, comment=True)
    assert len(comment) <= 65_536
    assert "more finding(s) left out" in comment


def _errors(plans: Path) -> list[tuple[str, str]]:
    from teijuu.validate import validate_paths

    found = validate_paths([plans]).findings
    return [(Path(f.file or "").name, f.code) for f in found if f.severity is Severity.ERROR]


def test_a_repeated_key_does_not_hide_the_rest_of_the_file(tmp_path: Path) -> None:
    shutil.copytree(REPO / "plans", tmp_path / "plans")
    results = tmp_path / "plans/ichinoseki-hiraizumi/results/3rd-fy2024.yaml"
    text = results.read_text("utf-8").replace("kpi: local-hires", "kpi: local-hire", 1)
    results.write_text(text.replace("fiscal_year: 2024\n", "fiscal_year: 2024\n" * 2, 1))
    assert _errors(tmp_path / "plans") == [
        ("3rd-fy2024.yaml", "duplicate-key"),
        ("3rd-fy2024.yaml", "unresolved-reference"),
    ]


def test_a_file_that_cannot_be_read_is_not_reported_again_by_its_references(
    tmp_path: Path,
) -> None:
    shutil.copytree(REPO / "plans", tmp_path / "plans")
    vision = tmp_path / "plans/ichinoseki-hiraizumi/visions/3rd.yaml"
    vision.write_text(vision.read_text("utf-8").replace("edition: 3\n", "edition: [3\n", 1))
    assert _errors(tmp_path / "plans") == [("3rd.yaml", "yaml-syntax")]
