"""teijuu diff: properties of the semantic diff, the bundled editions, and the CLI."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from functools import cache
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from teijuu.cli import main
from teijuu.diffing import Change, diff_pair, diff_visions, inline_diff
from teijuu.model import KpiValue, Vision
from teijuu.plan import Plan
from teijuu.validate import validate_paths

from .conftest import REPO, SPHERE_DIR, assert_golden


@cache
def plan() -> Plan:
    return validate_paths([SPHERE_DIR]).plan


def third() -> Vision:
    vision = plan().get(Vision, "ichinoseki-hiraizumi-3")
    assert vision is not None
    return vision


def _key(change: Change) -> tuple[str, str, str]:
    return (change.id, change.kind, json.dumps([change.old, change.new], ensure_ascii=False))


def test_a_vision_has_no_changes_against_itself() -> None:
    assert diff_visions(third(), third()) == []
    fourth = plan().get(Vision, "ichinoseki-hiraizumi-4")
    assert fourth is not None
    assert diff_visions(fourth, fourth) == []


def test_the_3rd_and_the_4th_mirror_each_other() -> None:
    fourth = plan().get(Vision, "ichinoseki-hiraizumi-4")
    assert fourth is not None
    forward = diff_visions(third(), fourth)
    backward = diff_visions(fourth, third())
    assert sorted(map(_key, (c.mirrored() for c in forward))) == sorted(map(_key, backward))
    assert {c.id for c in forward} == {c.id for c in backward}


# -- one edit made to a copy is reported once, as exactly that --------------------------------

_measures = st.integers(min_value=0, max_value=31)


def _edit_measure(vision: Vision, index: int, **update: object) -> Vision:
    measures = list(vision.measures)
    measures[index] = measures[index].model_copy(update=update)
    return vision.model_copy(update={"measures": measures})


@given(_measures)
def test_a_renamed_id_is_one_rename(index: int) -> None:
    old = third()
    measure = old.measures[index]
    new = _edit_measure(old, index, id=f"{measure.id}-renamed")
    changes = diff_visions(old, new)
    assert [(c.kind, c.old, c.new) for c in changes] == [
        ("measure-renamed", measure.id, f"{measure.id}-renamed")
    ]
    mirrored = diff_visions(new, old)
    assert [c.id for c in mirrored] == [changes[0].id]


@given(_measures, st.decimals(min_value=1, max_value=10**6, places=1, allow_nan=False))
def test_a_changed_target_is_one_change(index: int, value: Decimal) -> None:
    old = third()
    measure = old.measures[index]
    kpi = measure.kpis[0]
    assert kpi.target is not None
    if kpi.target.value == value:
        value += 1
    target = KpiValue(fiscal_year=kpi.target.fiscal_year, value=value)
    kpis = [kpi.model_copy(update={"target": target}), *measure.kpis[1:]]
    changes = diff_visions(old, _edit_measure(old, index, kpis=kpis))
    assert [(c.kind, c.part, c.severity.value) for c in changes] == [
        ("kpi-changed", "target.value", "high")
    ]
    assert changes[0].new == str(value)


@given(_measures)
def test_a_removed_kpi_is_one_removal(index: int) -> None:
    old = third()
    measure = old.measures[index]
    new = _edit_measure(old, index, kpis=measure.kpis[1:])
    changes = diff_visions(old, new)
    assert [(c.kind, c.id) for c in changes] == [
        ("kpi-removed", f"kpi:{measure.id}/{measure.kpis[0].id}")
    ]
    assert [c.kind for c in diff_visions(new, old)] == ["kpi-added"]


@given(_measures, st.sampled_from([2024, 2025, 2026, 2027, 2028]), st.integers(1, 10**6))
def test_a_budget_change_is_one_change(index: int, year: int, delta: int) -> None:
    old = third()
    measure = old.measures[index]
    assert measure.budget is not None
    years = dict(measure.budget.years)
    years[year] = (years[year] or Decimal(0)) + delta
    budget = measure.budget.model_copy(update={"years": years})
    changes = diff_visions(old, _edit_measure(old, index, budget=budget))
    assert [(c.kind, c.id) for c in changes] == [("budget-changed", f"budget:{measure.id}:{year}")]
    result = diff_pair(old, _edit_measure(old, index, budget=budget), old_plan=plan())
    totals = result.budget_by_measure[measure.id]
    assert totals.change == delta


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.sampled_from(["rename", "target", "drop-kpi", "budget", "text"]),
        min_size=1,
        max_size=4,
        unique=True,
    ),
    _measures,
)
def test_any_edits_mirror(edits: list[str], index: int) -> None:
    old = third()
    new = old
    for edit in edits:
        measure = new.measures[index]
        if edit == "rename":
            new = _edit_measure(new, index, id=measure.id + "-x")
        elif edit == "target":
            kpi = measure.kpis[0].model_copy(update={"target": KpiValue(fiscal_year=2030)})
            new = _edit_measure(new, index, kpis=[kpi, *measure.kpis[1:]])
        elif edit == "drop-kpi" and len(measure.kpis) > 1:
            new = _edit_measure(new, index, kpis=measure.kpis[:1])
        elif edit == "budget":
            new = _edit_measure(new, index, budget=None)
        elif edit == "text":
            new = _edit_measure(new, index, content=(measure.content or "") + "（改）")
    forward = diff_visions(old, new)
    backward = diff_visions(new, old)
    assert sorted(map(_key, (c.mirrored() for c in forward))) == sorted(map(_key, backward))


def test_inline_diff_reads_by_character() -> None:
    assert inline_diff("地元学事業", "地元学学習事業") == (
        ("=", "地元学"),
        ("+", "学習"),
        ("=", "事業"),
    )
    segments = inline_diff("もちマスター検定", "もちマイスター検定")
    assert "".join(t for op, t in segments if op != "+") == "もちマスター検定"
    assert "".join(t for op, t in segments if op != "-") == "もちマイスター検定"


# -- the bundled editions, as a pull request would show them -----------------------------------


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)


VISIONS = "plans/ichinoseki-hiraizumi/visions"


@pytest.mark.usefixtures("in_repo")
def test_golden_diff_of_the_revision() -> None:
    code, out, err = _run(
        "diff", f"{VISIONS}/3rd.yaml@r0", f"{VISIONS}/3rd.yaml", "--format", "markdown"
    )
    assert code == 0, err
    assert "FY2024–FY2028 → FY2024–FY2026" in out
    assert_golden("diff-3rd-revision.md", out)


@pytest.mark.usefixtures("in_repo")
def test_golden_diff_of_the_3rd_and_the_4th_draft() -> None:
    code, out, err = _run("diff", f"{VISIONS}/3rd.yaml", f"{VISIONS}/4th.yaml", "--format", "pr")
    assert code == 0, err
    assert out.startswith("<!-- teijuu-diff -->\n")
    assert len(out) <= 65_536
    # the summary line, then the unexplained high-severity changes, each at its file:line,
    # before anything collapsed
    lead = out[: out.index("<details>")]
    assert "**変更 322件**: 高 69件（うち説明なし 69件）" in lead
    high = [line for line in lead.splitlines() if line.startswith("- ")]
    assert len(high) == 69
    assert all(line.startswith("- `plans/ichinoseki-hiraizumi/visions/") for line in high)
    assert_golden("diff-3rd-4th.md", out)
    # markdown is the same document, without the comment's marker
    code, markdown, _ = _run(
        "diff", f"{VISIONS}/3rd.yaml", f"{VISIONS}/4th.yaml", "--format", "markdown"
    )
    assert markdown == out.removeprefix("<!-- teijuu-diff -->\n")


@pytest.mark.usefixtures("in_repo")
def test_diff_json_matches_its_schema() -> None:
    code, out, _ = _run("diff", f"{VISIONS}/3rd.yaml", f"{VISIONS}/4th.yaml", "--format", "json")
    assert code == 0
    document = json.loads(out)
    schema = json.loads((REPO / "schemas" / "diff.schema.json").read_text("utf-8"))
    jsonschema.validate(document, schema)
    assert document["summary"]["by_kind"]["budget-removed"] == 160
    assert document["summary"]["budget_by_vision"]["ichinoseki-hiraizumi-4"]["old"] == "35694739"


@pytest.mark.usefixtures("in_repo")
def test_exit_code_and_fail_on() -> None:
    same = f"{VISIONS}/3rd.yaml"
    assert _run("diff", same, same, "--exit-code")[0] == 0
    assert _run("diff", f"{VISIONS}/3rd.yaml@r0", same, "--exit-code")[0] == 1
    code, _, err = _run("diff", f"{VISIONS}/3rd.yaml@r0", same, "--fail-on", "high")
    assert code == 1
    assert "change_notes" in err
    assert _run("diff", f"{VISIONS}/3rd.yaml@r9", same)[0] == 2
    assert _run("diff", same)[0] == 2


def test_a_diff_of_plan_trees_reports_added_documents(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(REPO / "plans", tmp_path / "old")
    shutil.copytree(REPO / "plans", tmp_path / "new")
    (tmp_path / "old" / "ichinoseki-hiraizumi" / "reports" / "3rd-fy2024-kondankai.yaml").unlink()
    code, out, _ = _run("diff", str(tmp_path / "old"), str(tmp_path / "new"), "--format", "json")
    assert code == 0
    changes = json.loads(out)["changes"]
    assert [(c["kind"], c["severity"]) for c in changes] == [("document-added", "medium")]
    assert changes[0]["id"] == "document:PublishedReport/ichinoseki-hiraizumi-3-fy2024-kondankai"


def test_a_new_year_of_results_shows_its_figures(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(REPO / "plans", tmp_path / "old")
    shutil.copytree(REPO / "plans", tmp_path / "new")
    results = tmp_path / "new" / "ichinoseki-hiraizumi" / "results" / "3rd-fy2025.yaml"
    results.write_text(
        "# yaml-language-server: $schema=../../../schemas/results.schema.json\n"
        "apiVersion: teijuu/v2\nkind: Results\nid: r2025\nvision: ichinoseki-hiraizumi-3\n"
        "fiscal_year: 2025\nmeasures:\n  - measure: medical-staff\n    kpis:\n"
        "      - kpi: local-hires\n        actual: 15\n",
        "utf-8",
    )
    code, out, _ = _run("diff", str(tmp_path / "old"), str(tmp_path / "new"), "--format", "json")
    assert code == 0
    kinds = {(c["kind"], c["new"]) for c in json.loads(out)["changes"]}
    assert ("actual-added", "15") in kinds
    assert ("grade-changed", "A") in kinds
    assert ("document-added", "ichinoseki-hiraizumi-3 FY2025") in kinds
    _, markdown, _ = _run(
        "diff", str(tmp_path / "old"), str(tmp_path / "new"), "--format", "markdown"
    )
    assert "地域医療確保対策事業（medical-staff）" in markdown


def test_a_corrected_actual_can_be_noted_in_the_results(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(REPO / "plans", tmp_path / "old")
    shutil.copytree(REPO / "plans", tmp_path / "new")
    results = tmp_path / "new" / "ichinoseki-hiraizumi" / "results" / "3rd-fy2024.yaml"
    text = results.read_text("utf-8").replace("        actual: 14\n", "        actual: 10\n")
    noted = text.replace(
        "measures:\n",
        "change_notes:\n  - change: actual:medical-staff/local-hires:FY2024\n"
        "    note: 内訳（医師0人、医療介護従事者10人）に合わせて訂正。\nmeasures:\n",
        1,
    )
    results.write_text(text, "utf-8")
    old, new = str(tmp_path / "old"), str(tmp_path / "new")
    assert _run("diff", old, new, "--fail-on", "high")[0] == 1
    results.write_text(noted, "utf-8")
    code, out, err = _run("diff", old, new, "--fail-on", "high")
    assert code == 0, err
    assert "説明あり" in out


@pytest.mark.usefixtures("in_repo")
def test_sides_must_match_and_a_git_file_brings_its_plans() -> None:
    code, _, err = _run("diff", "plans", f"{VISIONS}/3rd.yaml")
    assert code == 2
    assert "a file with a file" in err
    import shutil

    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("not in a git checkout")
    code, out, err = _run("diff", f"HEAD:{VISIONS}/3rd.yaml", f"{VISIONS}/3rd.yaml")
    assert code == 0, err  # its sphere and framework come from HEAD too
    code, out, err = _run("diff", "--base", "HEAD", "plans", "plans", "--format", "json")
    assert code == 0, err
    assert isinstance(json.loads(out), dict)  # several paths: still one document


@pytest.mark.usefixtures("in_repo")
def test_new_edition_refuses_a_bad_or_taken_id() -> None:
    base = ["new-edition", f"{VISIONS}/3rd.yaml", "--edition", "4", "--period", "2027-2031"]
    code, _, err = _run(*base, "--id", "Bad Id")
    assert code == 2
    assert "is not an id" in err
    code, _, err = _run(*base, "--id", "ichinoseki-hiraizumi-3")
    assert code == 2
    assert "already has that id" in err


def test_a_target_change_shows_the_grade_it_moves(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(REPO / "plans", tmp_path / "new")
    vision = tmp_path / "new" / "ichinoseki-hiraizumi" / "visions" / "3rd.yaml"
    text = vision.read_text("utf-8")
    vision.write_text(text.replace("          value: 15\n", "          value: 18\n", 1), "utf-8")
    forward = json.loads(
        _run("diff", str(REPO / "plans"), str(tmp_path / "new"), "--format", "json")[1]
    )["changes"]
    moves = [(c["id"], c["old"], c["new"]) for c in forward if c["kind"] == "grade-changed"]
    assert moves == [("grade:medical-staff/local-hires:FY2024:rule", "B", "C")]  # 14/18 = 77.8%
    backward = json.loads(
        _run("diff", str(tmp_path / "new"), str(REPO / "plans"), "--format", "json")[1]
    )["changes"]
    assert [(c["old"], c["new"]) for c in backward if c["kind"] == "grade-changed"] == [("C", "B")]


def test_a_renamed_measure_is_followed_into_its_results(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(REPO / "plans", tmp_path / "new")
    sphere = tmp_path / "new" / "ichinoseki-hiraizumi"
    for name in (
        "visions/3rd.yaml",
        "results/3rd-fy2024.yaml",
        "reports/3rd-fy2024-kondankai.yaml",
    ):
        path = sphere / name
        path.write_text(
            path.read_text("utf-8").replace("childcare-environment", "childcare-env"), "utf-8"
        )
    code, out, err = _run("diff", str(REPO / "plans"), str(tmp_path / "new"), "--format", "json")
    assert code == 0, err
    kinds = {c["kind"] for c in json.loads(out)["changes"]}
    assert "measure-renamed" in kinds
    assert not kinds & {"actual-removed", "actual-added", "grade-changed", "text-changed"}


def test_a_review_point_must_name_a_measure_of_its_draft(tmp_path: Path) -> None:
    import shutil

    from teijuu.validate import validate_paths as validate

    shutil.copytree(REPO / "plans", tmp_path / "plans")
    fourth = tmp_path / "plans" / "ichinoseki-hiraizumi" / "visions" / "4th.yaml"
    text = fourth.read_text("utf-8")
    fourth.write_text(
        text.replace("  - measure: holiday-night-care", "  - measure: holiday", 1), "utf-8"
    )
    errors = [f for f in validate([tmp_path / "plans"]).findings if f.severity == "error"]
    assert [(f.code, f.subject) for f in errors] == [
        ("unresolved-reference", "Vision/ichinoseki-hiraizumi-4:review_points.0.measure")
    ]


def test_a_git_failure_is_a_message_not_a_traceback() -> None:
    import shutil

    from teijuu.sources import SourceError, _git_bytes

    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("not in a git checkout")
    with pytest.raises(SourceError, match="nope"):
        _git_bytes("show", "HEAD:nope", cwd=REPO)


def test_a_measure_missing_from_an_excerpt_is_not_removed() -> None:
    old = third()
    excerpt = old.model_copy(update={"partial": True, "measures": old.measures[:1]})
    kinds = {c.kind for c in diff_visions(old, excerpt) if c.kind.startswith("measure")}
    assert kinds == {"measure-absent"}
    assert all(
        c.severity.value == "low" for c in diff_visions(old, excerpt) if c.kind == "measure-absent"
    )
    backward = {c.kind for c in diff_visions(excerpt, old) if c.kind.startswith("measure")}
    assert backward == {"measure-absent"}
