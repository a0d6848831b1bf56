"""The public API (teijuu.api, re-exported by teijuu) and the vocabularies it shows."""

from __future__ import annotations

import ast
import inspect
import pkgutil
import re
import shutil
import typing
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

import teijuu
from teijuu import api
from teijuu.errors import PlanError, TeijuuError

from .conftest import REPO, SPHERE_DIR

THIRD = "ichinoseki-hiraizumi-3"


@pytest.fixture(scope="module")
def bundled() -> api.Loaded:
    return api.load()


# ---------------------------------------------------------------------------------------------
# What is exposed (as griffe's test_exposed_objects)


def _modules() -> set[str]:
    return {m.name for m in pkgutil.iter_modules(teijuu.__path__)}


def test_every_name_of_all_is_importable_and_documented() -> None:
    for name in api.__all__:
        value = getattr(api, name)
        if name == "__version__":
            continue
        if inspect.isclass(value) or inspect.isfunction(value):
            assert inspect.getdoc(value), f"teijuu.api.{name} has no docstring"


def test_the_package_re_exports_the_api_and_no_module_shadows_a_name() -> None:
    assert not set(api.__all__) & _modules()  # a module would shadow the name once imported
    assert set(teijuu.__all__) == {*api.__all__, "__version__"}
    for name in teijuu.__all__:
        assert getattr(teijuu, name) is getattr(api, name)
    # What type checkers see is what runs.
    source = (REPO / "teijuu" / "__init__.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "teijuu.api"
        for alias in node.names
    }
    assert imported == set(api.__all__) - {"__version__"}


def test_the_api_is_the_whole_of_the_cli_s_imports() -> None:
    """The CLI calls teijuu.api, and rendering modules (and the catalogue of messages it
    prints, teijuu.messages); nothing else of teijuu."""
    tree = ast.parse((REPO / "teijuu" / "cli.py").read_text(encoding="utf-8"))
    # the API, and the renderers of every output: reports, JSON contracts, JSON Schemas, and
    # the messages (one catalogue, in Japanese and English)
    allowed = re.compile(r"^teijuu(\.api|\.render\.[a-z_]+|\.contracts|\.schemas|\.messages)?$")
    used = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("teijuu"):
            used.add(node.module)
            if node.module == "teijuu":
                assert {a.name for a in node.names} <= {"api", "schemas", "__version__"}
    assert all(allowed.match(m) for m in used), used


def test_editing_does_not_import_the_renderer() -> None:
    tree = ast.parse((REPO / "teijuu" / "editing.py").read_text(encoding="utf-8"))
    modules = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert not any(m and m.startswith("teijuu.render.report") for m in modules)


# ---------------------------------------------------------------------------------------------
# load, grade, budgets


def test_load_defaults_to_the_bundled_plans(bundled: api.Loaded) -> None:
    assert bundled.ok, [f.to_text() for f in bundled.errors]
    assert bundled.plan.vision(THIRD).id == THIRD
    assert api.load(SPHERE_DIR).plan.vision(THIRD).id == THIRD


def test_grade_names_fields_from_the_framework(bundled: api.Loaded) -> None:
    graded = bundled.plan.grade(THIRD, 2024)
    assert graded.framework is not None
    assert graded.field_name("medical") == "医療"
    assert bundled.plan.grade_years(THIRD)[2024].summary == graded.summary


def test_grade_without_its_framework_is_an_error_not_ids() -> None:
    """Before: grade_vision without the framework fell back to ids, silently."""
    plan = api.load(SPHERE_DIR / "visions").plan  # the visions and nothing beside them
    plan = api.Plan.of([*plan.documents, *api.load(SPHERE_DIR / "results").plan.documents])
    with pytest.raises(PlanError, match="framework 'ichinoseki-hiraizumi'") as caught:
        plan.grade(THIRD)
    assert isinstance(caught.value, TeijuuError)
    assert caught.value.code == "unresolved-reference"


def test_grade_asks_for_a_year_it_has(bundled: api.Loaded) -> None:
    with pytest.raises(PlanError, match="no results for FY2019; it has: FY2024"):
        bundled.plan.grade(THIRD, 2019)
    with pytest.raises(PlanError, match="no vision has the id 'nope'"):
        bundled.plan.grade("nope")


def test_budget_totals_agree_by_field_viewpoint_and_year(bundled: api.Loaded) -> None:
    plan = bundled.plan
    by_field = plan.budget_totals(THIRD)
    by_viewpoint = plan.budget_totals(THIRD, by="viewpoint")
    by_year = plan.budget_totals(THIRD, by="year")
    assert by_field["medical"].label == "医療"
    assert by_viewpoint["living"].label == "生活機能の強化"
    assert by_year[2024].label == "FY2024"
    whole = sum(
        (m.budget.total() or Decimal(0) for m in plan.vision(THIRD).measures if m.budget),
        Decimal(0),
    )
    for totals in (by_field, by_viewpoint, by_year):
        amounts = [line.amount for line in totals.values()]
        assert all(isinstance(a, Decimal) for a in amounts)
        assert sum(a for a in amounts if a is not None) == whole == Decimal(35694739)
    in_yen = plan.budget_totals(THIRD, unit=api.BudgetUnit.YEN)["medical"].amount
    assert in_yen == by_field["medical"].amount * 1000  # type: ignore[operator]


def test_budget_totals_of_an_excerpt_are_unknown_never_0(bundled: api.Loaded) -> None:
    excerpt = next(v for v in bundled.plan.visions if v.partial and not v.measures)
    by_year = bundled.plan.budget_totals(excerpt, by="year")
    assert by_year  # the years are there
    assert all(line.amount is None for line in by_year.values())


# ---------------------------------------------------------------------------------------------
# diff


def test_diff_of_two_loose_vision_files(tmp_path: Path) -> None:
    """Before: exit 2, "both sides must be valid plans", for want of the sphere beside them."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    old = shutil.copy(SPHERE_DIR / "visions" / "3rd.yaml", tmp_path / "a" / "3rd.yaml")
    new = shutil.copy(SPHERE_DIR / "visions" / "4th.yaml", tmp_path / "b" / "4th.yaml")
    found = api.diff(old, new)
    in_tree = api.diff(SPHERE_DIR / "visions" / "3rd.yaml", SPHERE_DIR / "visions" / "4th.yaml")
    assert [c.id for c in found.changes] == [c.id for c in in_tree.changes]
    assert found.notes
    assert all(n.severity is api.Severity.INFO for n in found.notes)
    assert {n.code for n in found.notes} == {"unresolved-reference"}
    assert not in_tree.notes
    # Labels fall back to what the files hold: a field as a measure sheet prints it, else its
    # id (the framework that names it is not there).
    measures = api.load(old).plan.vision(THIRD).measures
    printed = {m.field: m.field_printed for m in measures if m.field}
    assert set(found.budget_by_field) <= {printed[f] or f for f in printed}
    assert len(found.budget_by_field) == len(in_tree.budget_by_field)
    assert [t.new for t in found.budget_by_field.values()] == [
        t.new for t in in_tree.budget_by_field.values()
    ]


def test_cli_diff_of_two_loose_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from teijuu.cli import main

    old = shutil.copy(SPHERE_DIR / "visions" / "3rd.yaml", tmp_path / "3rd.yaml")
    (tmp_path / "new").mkdir()
    new = shutil.copy(SPHERE_DIR / "visions" / "4th.yaml", tmp_path / "new" / "4th.yaml")
    assert main(["diff", str(old), str(new), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert '"kind": "kpi-' in captured.out
    assert "info: unresolved-reference" in captured.err


def test_diff_of_a_broken_file_is_still_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("apiVersion: teijuu/v2\nkind: Vision\nid: [\n", encoding="utf-8")
    with pytest.raises(api.DiffError) as caught:
        api.diff(bad, SPHERE_DIR / "visions" / "4th.yaml")
    assert caught.value.findings
    assert caught.value.findings[0].code == "yaml-syntax"


# ---------------------------------------------------------------------------------------------
# Vocabularies, each defined once


def test_finding_codes_are_the_enum() -> None:
    from teijuu.findings import CHECK_CODES, CODES
    from teijuu.reconcile import CHECK_CODES as reconciled

    assert reconciled is CHECK_CODES
    assert set(CODES) | set(CHECK_CODES) == {c.value for c in api.Code}
    for code in api.Code:
        assert code.en
        assert code.ja
        assert code.severity in api.Severity
        assert re.search(r"[ぁ-んァ-ン一-龥]", code.ja), code
    assert api.Code.MISSING_API_VERSION.en.endswith(f"`apiVersion: {api.ApiVersion.current()}`.")


def _docs_table(text: str, heading: str) -> list[list[str]]:
    section = text.split(heading, 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows]


@pytest.mark.parametrize(
    ("heading", "command"),
    [("## Codes\n", "validate"), ("## Codes of `teijuu check`\n", "check")],
)
def test_docs_findings_tables_are_the_enum(heading: str, command: str) -> None:
    text = (REPO / "docs" / "findings.md").read_text(encoding="utf-8")
    codes = [c for c in api.Code if command in c.commands]
    codes.sort(key=lambda c: len(c.commands) > 1 and command == "check")  # shared ones last
    expected = [[f"`{c.value}`", str(c.severity), c.en, c.ja] for c in codes]
    got = _docs_table(text, heading)
    shown = "\n".join(f"| {' | '.join(row)} |" for row in expected)
    assert got == expected, f"docs/findings.md, {heading.strip()}, should read:\n{shown}"


def test_change_kinds_carry_mirror_severity_and_labels() -> None:
    from teijuu.diffing import MIRROR, severity_of
    from teijuu.render.diff import KIND_LABELS

    for kind in api.ChangeKind:
        assert kind.mirror.mirror is kind
        assert MIRROR[kind.value] == kind.mirror.value
        assert KIND_LABELS["ja"][kind] == kind.ja
        assert KIND_LABELS["en"][kind] == kind.en
        assert kind.en
        assert kind.en != kind.value
    assert severity_of("kpi-changed", "target.value") is api.ChangeSeverity.HIGH
    assert severity_of("kpi-changed", "unit") is api.ChangeSeverity.MEDIUM
    assert api.ChangeKind.KPI_ADDED.mirror is api.ChangeKind.KPI_REMOVED


def test_diff_schema_knows_every_kind_of_change() -> None:
    schema = (REPO / "schemas" / "diff.schema.json").read_text(encoding="utf-8")
    kinds = re.findall(r'"([a-z]+(?:-[a-z]+)+)"', schema)
    assert not [k for k in kinds if k.endswith(("-added", "-removed", "-changed"))] or all(
        k in api.ChangeKind.__members__.values() for k in kinds if k.endswith("-changed")
    )


def test_ungraded_reasons_are_worded_once_in_both_languages() -> None:
    """Before: Japanese reasons came from English ones by substring replacement, so a reason
    that was reworded (or one with a value in it) stayed English in a Japanese report."""
    from teijuu.grading import Why, grade_kpi
    from teijuu.model import Kpi, KpiValue

    kpi = Kpi(id="k", name="K", target=KpiValue(printed="増加"))
    graded = grade_kpi(kpi, Decimal(3))
    assert graded.why == Why(api.UngradedReason.TARGET_PRINTED, (("printed", "増加"),))
    assert graded.reason == "the target is printed as '増加', with no value"
    assert graded.why is not None
    assert graded.why.text("ja") == "目標値は「増加」と記載され、数値がない"
    for reason in api.UngradedReason:
        assert re.search(r"[ぁ-んァ-ン一-龥]", reason.ja), reason


def test_api_versions_agree() -> None:
    from teijuu.migration import CURRENT, known_versions
    from teijuu.model import API_VERSION, KINDS

    assert api.ApiVersion.current().value == API_VERSION == CURRENT
    assert set(known_versions()) == {v.value for v in api.ApiVersion}
    for model in KINDS.values():
        annotation = model.model_fields["api_version"].annotation
        assert typing.get_args(annotation) == (API_VERSION,), model


def test_errors_share_one_typed_base() -> None:
    from teijuu.editing import EditError
    from teijuu.edition import EditionError
    from teijuu.fiscal import FiscalYearError
    from teijuu.migration import MigrationError
    from teijuu.model import PathError
    from teijuu.sources import SourceError

    for error in (
        EditError,
        EditionError,
        FiscalYearError,
        MigrationError,
        PathError,
        SourceError,
        PlanError,
    ):
        assert issubclass(error, TeijuuError), error
        assert issubclass(error, ValueError), error
    located = TeijuuError("no such KPI", code="x", file="r.yaml", line=3, column=5)
    assert located.to_text() == "r.yaml:3:5: no such KPI"


# ---------------------------------------------------------------------------------------------
# One rounding of fractions


def test_a_rate_just_under_a_boundary_is_never_shown_on_it() -> None:
    """Before: Decimal division kept 28 digits, so 1 - 10⁻³⁰ was shown as 1.000000 (and
    100.0%), a rate its grade (B) did not reach."""
    from teijuu.exact import HALF_UP, decimal_of
    from teijuu.grading import rate_text
    from teijuu.render.report import percent, share

    almost = Fraction(10**30 - 1, 10**30)
    assert rate_text(almost) == "0.999999"
    assert percent(almost) == "99.9%"
    assert share(Fraction(24, 34)) == "70.6%"
    assert decimal_of(Fraction(-7, 2), 0, HALF_UP) == Decimal(-4)
    assert str(decimal_of(Fraction(1), 3)) == "1.000"


def test_plans_put_together_by_hand_cannot_be_checked_or_imported_into(
    bundled: api.Loaded,
) -> None:
    loaded = bundled
    assert loaded.validated().plan is loaded.plan
    by_hand = teijuu.Loaded(loaded.plan, [], 0, 0)
    with pytest.raises(TypeError, match=r"teijuu\.load\(\) returned"):
        teijuu.check(by_hand)


def test_diff_and_migrate_are_functions_even_after_their_modules_are_imported() -> None:
    import teijuu.diffing
    import teijuu.migration

    assert teijuu.diff is api.diff
    assert teijuu.migrate is api.migrate
    assert callable(teijuu.diffing.diff_pair)
