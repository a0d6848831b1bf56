"""Typed references: the walker reaches every marked field, and every dangling reference is
reported once, where it is written."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

import teijuu
from teijuu.checks import _RESOLVERS, CHECKED_WHILE_READING
from teijuu.findings import Finding
from teijuu.model import KINDS
from teijuu.refs import RefSite, _fields, _models, id_keys, ref_fields, references
from teijuu.validate import validate_paths

from .conftest import (
    PLANS,
    SMALL_FRAMEWORK,
    SMALL_PLAN,
    SMALL_RESULTS,
    SMALL_SPHERE,
    SMALL_VISION,
    write_plan,
)

# -- the walker -----------------------------------------------------------------------------


def _filled(model: type[BaseModel], path: tuple[Any, ...], expected: set[Any]) -> BaseModel:
    """An instance of ``model`` (not validated) with every reference and every nested model
    given, and the path of each reference it holds added to ``expected``."""
    values: dict[str, Any] = {}
    for field in _fields(model):
        here = (*path, field.key)
        if field.ref is not None:
            if field.many:
                values[field.attr] = ["x-1", "x-2"]
                expected.update({(*here, 0), (*here, 1)})
            else:
                values[field.attr] = "x"
                expected.add(here)
        elif field.model is not None and field.many:
            values[field.attr] = [_filled(field.model, (*here, i), expected) for i in range(2)]
        elif field.model is not None:
            values[field.attr] = _filled(field.model, here, expected)
    return model.model_construct(**values)


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_reference_of_every_model_is_reached(kind: str) -> None:
    expected: set[tuple[Any, ...]] = set()
    document = _filled(KINDS[kind], (), expected)
    sites = references(document)
    assert [s.path for s in sites if s.path not in expected] == []
    assert {s.path for s in sites} == expected
    assert len(sites) == len(expected)  # each once


def test_every_model_with_a_reference_is_in_a_document() -> None:
    """A model no document can hold would have references that no walk reaches."""
    import inspect

    import teijuu.model as package

    defined = {
        model
        for module in vars(package).values()
        if inspect.ismodule(module) and module.__name__.startswith("teijuu.model.")
        for model in vars(module).values()
        if isinstance(model, type)
        and issubclass(model, BaseModel)
        and any(f.ref is not None for f in _fields(model))
    }
    assert len(defined) > 20
    assert defined <= set(_models())
    assert {m for m, _, _ in ref_fields()} == defined


def test_the_measure_named_nearby_scopes_a_kpi() -> None:
    from teijuu.model import Results

    results = Results.model_validate(
        {
            "apiVersion": "teijuu/v2",
            "kind": "Results",
            "id": "r",
            "vision": "v",
            "fiscal_year": 2024,
            "measures": [{"measure": "m1", "kpis": [{"kpi": "k1"}]}, {"measure": "m2"}],
        }
    )
    kpi = next(s for s in references(results) if s.ref.target == "kpi")
    assert kpi.path == ("measures", 0, "kpis", 0, "kpi")
    assert kpi.near == {"measure": "m1"}


def test_every_id_that_is_not_a_definition_is_a_reference() -> None:
    """A field typed Id refers to something unless it is the id of what it is in: a new one
    must be marked (teijuu.model.common's *Ref types) to be checked at all."""
    unmarked = [
        (model.__name__, f.key)
        for model in _models()
        for f in _fields(model)
        if f.ident and f.ref is None and f.key != "id"
    ]
    assert unmarked == []


def test_every_kind_of_reference_is_resolved_somewhere() -> None:
    kinds = {(ref.target, ref.scope) for _, _, ref in ref_fields()}
    assert kinds <= set(_RESOLVERS) | CHECKED_WHILE_READING
    assert kinds >= set(_RESOLVERS)  # and no resolver is left over


def test_id_keys_come_from_the_model() -> None:
    keys = id_keys()
    assert {"id", "sphere", "parties", "central_cities", "goal", "source", "by", "kpi"} <= keys
    assert "central_city" not in keys  # the hand list had it; no model has it
    assert not keys & {"name", "title", "no", "agreement_item", "unit"}


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ("    municipalities: [a, b]\n", "    municipalities: [a, b]\n    goal: Goal_1\n", "goal"),
        ("  - id: m1\n", "  - id: m1\n    source: Src 1\n", "source"),
    ],
)
def test_a_malformed_id_is_said_to_be_an_id(tmp_path: Path, old: str, new: str, key: str) -> None:
    """goal and source are ids (the hand list in loading missed them): a malformed one is an
    invalid-id, not a value against a pattern."""
    directory = write_plan(
        tmp_path / "plan", {**SMALL_PLAN, "vision.yaml": SMALL_VISION.replace(old, new, 1)}
    )
    findings = validate_paths([directory]).findings
    assert [(f.code, f.subject) for f in findings] == [("invalid-id", f"measures[0].{key}")]


# -- every dangling reference is one finding, at its place ---------------------------------

SPHERE = PLANS / "ichinoseki-hiraizumi"


@dataclass(frozen=True)
class _Site:
    tree: Path
    kind: str
    file: str
    site: RefSite
    line: int
    column: int


@cache
def _sites() -> list[_Site]:
    """Every reference of every bundled sphere's plans, with where it is written."""
    found = []
    for tree in sorted(p for p in PLANS.iterdir() if p.is_dir()):
        for source in validate_paths([tree]).sources:
            for site in references(source.document):
                mark = source.mark(site.path)
                assert mark is not None
                kind = source.document.kind
                found.append(_Site(tree, kind, source.path, site, mark.line, mark.column))
    return found


def _dangling(at: _Site) -> list[Finding]:
    text = Path(at.file).read_text(encoding="utf-8").split("\n")
    written, start = text[at.line - 1], at.column - 1
    assert written[start : start + len(at.site.value)] == at.site.value
    text[at.line - 1] = written[:start] + "zz-nowhere" + written[start + len(at.site.value) :]
    findings = validate_paths([at.tree], {Path(at.file): "\n".join(text)}).findings
    return [f for f in findings if f.code == "unresolved-reference"]


def test_the_bundled_plans_resolve() -> None:
    findings = validate_paths([PLANS]).findings
    assert [f for f in findings if f.code == "unresolved-reference"] == []
    assert len(_sites()) > 1000
    assert {s.site.ref.target for s in _sites()} >= {t for t, _ in _RESOLVERS} | {"source"}


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_a_dangling_reference_is_one_finding_at_its_place(data: st.DataObject) -> None:
    at = data.draw(st.sampled_from(_sites()))
    found = _dangling(at)
    path, line, column = at.file, at.line, at.column
    assert [(f.file, f.line, f.column) for f in found] == [(path, line, column)], [
        f.to_text() for f in found
    ]
    assert "'zz-nowhere'" in found[0].message


@pytest.mark.parametrize(
    "file",
    [
        "ichinoseki-hiraizumi/visions/3rd.yaml",  # its results' municipalities: none to name
        "tobi-seiban/agreements/formation-ako.yaml",  # its viewpoints and fields: no framework
        "tobi-seiban/framework.yaml",  # the agreements' viewpoints and fields: no framework
    ],
)
def test_a_lost_sphere_is_one_finding_not_a_cascade(file: str) -> None:
    # What a reference names in a scope that is not known (the sphere, or its framework, not
    # here) is not checked: the lost sphere is the one finding, at its place.
    at = next(s for s in _sites() if s.file.endswith(file) and s.site.path == ("sphere",))
    found = _dangling(at)
    assert [(f.file, f.line, f.column) for f in found] == [(at.file, at.line, at.column)], [
        f.to_text() for f in found
    ]


# -- references checked now that were not before --------------------------------------------


def _report_findings(tmp_path: Path, old: str, new: str) -> list[Finding]:
    tree = tmp_path / "plans"
    shutil.copytree(SPHERE, tree, ignore=shutil.ignore_patterns("source"))
    report = tree / "reports" / "3rd-fy2024-kondankai.yaml"
    text = report.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    report.write_text(text.replace(old, new), encoding="utf-8")
    return [f for f in validate_paths([tree]).findings if f.code == "unresolved-reference"]


@pytest.mark.parametrize(
    "old",
    [
        "    viewpoint: management\n    grades: [A, B]\n    comparator: equal\n",  # share
        "    viewpoint: living\n    grades: [C, D]\n    since_fiscal_year: 2023\n",  # persistence
    ],
)
def test_a_statement_of_a_report_names_a_viewpoint(tmp_path: Path, old: str) -> None:
    found = _report_findings(tmp_path, old, old.replace("viewpoint: ", "viewpoint: zz-"))
    assert [f.message.split(";")[0] for f in found] == [
        f"no viewpoint has the id 'zz-{old.split()[1]}'"
    ]


def _small(tmp_path: Path, **files: str) -> list[Finding]:
    directory = write_plan(tmp_path / "plan", {**SMALL_PLAN, **files})
    return [f for f in validate_paths([directory]).findings if f.code == "unresolved-reference"]


def test_results_under_an_unknown_measure_name_municipalities(tmp_path: Path) -> None:
    results = SMALL_RESULTS.replace("measure: m1", "measure: m9").replace(
        "municipality: a", "municipality: zz"
    )
    found = _small(tmp_path, **{"results.yaml": results})
    assert sorted((f.line, f.message.split(";")[0]) for f in found) == [
        (8, "no measure of v has the id 'm9'"),
        (13, "no municipality has the id 'zz'"),
    ]


@pytest.mark.parametrize("part", ["baseline", "target"])
def test_a_kpi_baseline_or_target_names_a_municipality(tmp_path: Path, part: str) -> None:
    old = f"        {part}:\n"
    vision = SMALL_VISION.replace(old, f"{old}          municipality: zz\n", 1)
    found = _small(tmp_path, **{"vision.yaml": vision})
    assert [(f.subject, f.message.split(";")[0]) for f in found] == [
        (f"Vision/v:measures.0.kpis.0.{part}.municipality", "no municipality has the id 'zz'")
    ]


def test_a_malformed_central_city_is_said_to_be_an_id(tmp_path: Path) -> None:
    """The hand list in loading named ``central_city``, a key no model has."""
    directory = write_plan(
        tmp_path / "plan",
        {
            **SMALL_PLAN,
            "sphere.yaml": SMALL_SPHERE.replace("central_cities: [a]", "central_cities: [A]"),
        },
    )
    findings = validate_paths([directory]).findings
    in_sphere = [(f.code, f.subject) for f in findings if f.file and f.file.endswith("sphere.yaml")]
    assert in_sphere == [("invalid-id", "central_cities[0]")]


def test_every_kind_of_dangling_reference_reads_in_japanese() -> None:
    # what the reference names ("KPI of m1", "municipality (or 'common')") in Japanese too
    firsts: dict[tuple[str, str, tuple[str, ...]], _Site] = {}
    for at in _sites():
        key = (at.site.ref.target, at.site.ref.scope, at.site.ref.literals)
        firsts.setdefault(key, at)
    assert len(firsts) >= 9
    for at in firsts.values():
        if (at.site.ref.target, at.site.ref.scope) in CHECKED_WHILE_READING:
            continue  # source: said in a message of its own
        (finding,) = _dangling(at)
        said = finding.text("ja")
        assert said.startswith("ID「zz-nowhere」の"), said
        words = re.findall(r"[A-Za-z][A-Za-z -]*[A-Za-z]", said)
        ids = {w for w in words if re.fullmatch(r"[a-z0-9-]+", w)}
        assert set(words) - ids <= {"ID", "KPI"}, said


def test_a_framework_that_does_not_validate_is_not_also_unresolved(tmp_path: Path) -> None:
    # Its own error is the one finding; the vision that names it is not told it has none.
    field = "        name: 医療\n"
    broken = SMALL_FRAMEWORK.replace(field, field + "        typo: 1\n")
    directory = write_plan(tmp_path / "plan", {**SMALL_PLAN, "framework.yaml": broken})
    errors = [f for f in validate_paths([directory]).findings if f.severity == "error"]
    assert [(f.code, Path(f.file or "").name) for f in errors] == [
        ("unknown-field", "framework.yaml")
    ]


def test_results_may_name_a_measure_a_later_revision_removed(bundled_copy: Path) -> None:
    # FY2024's results and report name the measures of then; a 一部改正 of FY2026 that removes
    # one must not make them invalid (nor be written by editing history).
    from teijuu.dump import dump_document
    from teijuu.model import Vision

    path = bundled_copy / "ichinoseki-hiraizumi" / "visions" / "3rd.yaml"
    vision = teijuu.load(path).plan.visions[0]
    gone = next(m for m in vision.measures if m.id == "holiday-night-care")
    revision = {
        "revision": 2,
        "status": "decided",
        "fiscal_year": 2026,
        "summary": "施策の廃止",
        "removed": [{"path": "measures/holiday-night-care", "was": gone.model_dump(mode="json")}],
    }
    data = vision.model_dump(mode="json", by_alias=True, exclude_unset=True)
    data["measures"] = [m for m in data["measures"] if m["id"] != "holiday-night-care"]
    data["revision"] = 2
    data["revisions"] = [*data["revisions"], revision]
    path.write_text(dump_document(Vision.model_validate(data)), "utf-8")
    findings = validate_paths([bundled_copy / "ichinoseki-hiraizumi"]).findings
    assert [f.to_text() for f in findings if f.code == "unresolved-reference"] == []
    assert [f.to_text() for f in findings if f.severity == "error"] == []
    # A measure no revision ever had is still unresolved.
    results = bundled_copy / "ichinoseki-hiraizumi" / "results" / "3rd-fy2024.yaml"
    text = results.read_text("utf-8")
    results.write_text(text.replace("measure: holiday-night-care", "measure: never-was", 1))
    findings = validate_paths([bundled_copy / "ichinoseki-hiraizumi"]).findings
    assert ["never-was" in f.message for f in findings if f.code == "unresolved-reference"] == [
        True
    ]
