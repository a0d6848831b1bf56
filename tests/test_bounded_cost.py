"""Bounded cost: work and output grow with the input, never with a number written in it, and
never with the square of the number of files (issue 12, item 7).

None of these is timed: each counts what the code did or checks what it printed. The figures
of the cost itself come from ``bench/scaling.py``.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest

from teijuu.checks import check_plan
from teijuu.cli import main
from teijuu.findings import FINDINGS_PER_FILE, Severity
from teijuu.plan import Plan
from teijuu.validate import validate_paths

from .conftest import REPO, SMALL_PLAN, SMALL_RESULTS, SMALL_SPHERE, write_plan


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_check_describes_a_huge_gap_in_the_table_by_its_ends(bundled_copy: Path) -> None:
    # Was: range(30, 999999999999999) joined into one string, until memory ran out.
    report = bundled_copy / "ichinoseki-hiraizumi" / "reports" / "3rd-fy2024-kondankai.yaml"
    text = report.read_text("utf-8")
    assert text.count("  - no: 31\n") == 1
    report.write_text(text.replace("  - no: 31\n", "  - no: 999999999999999\n"), "utf-8")
    code, out, err = _run("check", str(bundled_copy))
    gaps = [line for line in out.splitlines() if "table-number-gap" in line]
    assert len(gaps) == 1, gaps
    assert gaps[0].endswith(
        "3rd-fy2024-kondankai.yaml:212:9: warning: table-number-gap: the table goes from "
        "No.29 to No.999999999999999: there is no No.30 to No.999999999999998 "
        "(999,999,999,999,969 numbers)"
    ), gaps
    assert code == 1  # the bundled papers' own contradictions
    assert "Traceback" not in err


def test_a_small_gap_still_lists_its_numbers(bundled_copy: Path) -> None:
    report = bundled_copy / "ichinoseki-hiraizumi" / "reports" / "3rd-fy2024-kondankai.yaml"
    text = report.read_text("utf-8")
    report.write_text(text.replace("  - no: 31\n", "  - no: 33\n"), "utf-8")
    _, out, _ = _run("check", str(bundled_copy))
    assert "there is no No.30, 31, 32\n" in out


class _CountingTuple(tuple):  # type: ignore[type-arg]
    """A tuple that counts how often it is walked."""

    walks = 0

    def __iter__(self) -> Iterator[object]:
        type(self).walks += 1
        return super().__iter__()


@pytest.mark.parametrize("spheres", [50, 400])
def test_cross_document_checks_walk_the_documents_a_fixed_number_of_times(
    tmp_path: Path, spheres: int
) -> None:
    # Was: one walk over every document per sphere (Plan.of_kind for its agreements), so
    # validating n files cost n² (2.5k / 5k / 10k files: 3.7 / 12 / 53 s).
    for n in range(spheres):
        text = SMALL_SPHERE.replace("id: s\n", f"id: s{n}\n")
        (tmp_path / f"s{n}.yaml").write_text(text, "utf-8")
    loaded = validate_paths([tmp_path])
    assert loaded.ok
    _CountingTuple.walks = 0
    plan = Plan(_CountingTuple(loaded.plan.documents))
    assert check_plan(plan) == []
    assert _CountingTuple.walks <= 5


def _results_with_unknown_measures(count: int) -> str:
    rows = "".join(f"  - measure: unknown{n}\n    kpis: []\n" for n in range(count))
    head = SMALL_RESULTS.split("measures:\n", 1)[0]
    return head + "measures:\n" + rows


def test_findings_are_capped_per_file_and_the_rest_counted(tmp_path: Path) -> None:
    plans = write_plan(
        tmp_path / "plan",
        {**SMALL_PLAN, "results.yaml": _results_with_unknown_measures(250)},
    )
    code, out, err = _run("validate", str(plans))
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == FINDINGS_PER_FILE + 1
    assert all("unresolved-reference" in line for line in lines[:-1])
    last = lines[-1]
    assert ": error: findings-left-out: 150 more finding(s) of this file are not shown " in last
    assert "(150 error(s); teijuu reports at most 100 per file)" in last
    assert "250 error(s)" not in err  # the summary counts what was reported
    assert "101 error(s)" in err

    code, out, _ = _run("validate", "--format", "json", str(plans))
    assert code == 1
    document = json.loads(out)
    schema = json.loads((REPO / "schemas" / "findings.schema.json").read_text("utf-8"))
    jsonschema.validate(document, schema)  # the same shape: one more finding, a new code
    findings = document["findings"]
    assert len(findings) == FINDINGS_PER_FILE + 1
    left_out = [f for f in findings if f["code"] == "findings-left-out"]
    assert len(left_out) == 1
    assert left_out[0]["severity"] == "error"
    assert left_out[0]["file"].endswith("results.yaml")
    assert left_out[0]["line"] is not None


def test_warnings_left_out_keep_their_severity(tmp_path: Path) -> None:
    from teijuu.findings import Finding, cap_per_file

    findings = [
        Finding("era-mismatch", Severity.WARNING, "w", file="a.yaml", line=n) for n in range(1, 6)
    ]
    capped = cap_per_file(findings, limit=3)
    assert [f.code for f in capped] == ["era-mismatch"] * 3 + ["findings-left-out"]
    assert capped[-1].severity is Severity.WARNING
    assert capped[-1].line == 4
    assert cap_per_file(findings[:3], limit=3) == findings[:3]


def test_a_file_within_the_cap_is_reported_in_full(tmp_path: Path) -> None:
    plans = write_plan(
        tmp_path / "plan",
        {**SMALL_PLAN, "results.yaml": _results_with_unknown_measures(FINDINGS_PER_FILE)},
    )
    _, out, _ = _run("validate", str(plans))
    assert len(out.splitlines()) == FINDINGS_PER_FILE
    assert "findings-left-out" not in out


def test_diff_of_a_revision_with_five_thousand_digits_is_a_message() -> None:
    vision = REPO / "plans" / "ichinoseki-hiraizumi" / "visions" / "3rd.yaml"
    code, out, err = _run("diff", f"{vision}@r{'9' * 5000}", str(vision))
    assert code == 2
    assert out == ""
    assert err.startswith("teijuu diff: ")
    assert "no vision has a revision that large" in err
    assert len(err) < 1000


def test_locating_a_change_never_prints_a_model() -> None:
    # A list item is matched by its fields only: `Measure.kpi` is a method, whose str() is
    # the whole measure; matching by it made a diff of 1,000 measures take a minute.
    from teijuu.locations import _get
    from teijuu.model import Measure

    measure = Measure.model_validate(
        {"id": "m", "no": 1, "name": "施策", "viewpoint": "v", "field": "f"}
    )
    assert _get(measure, "kpi") is None
    assert _get(measure, "id") == "m"


def test_locating_every_item_of_a_long_list_walks_it_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # Was a walk along the list for each item: n²/2 steps to locate n items (a diff of 8,000
    # measures spent 28 s of 47 there).
    from teijuu.yamlio import Positions, parse_yaml

    steps = 0
    walk = Positions._children

    def counted(self: Positions, node: int) -> Iterator[int]:
        nonlocal steps
        for child in walk(self, node):
            steps += 1
            yield child

    monkeypatch.setattr(Positions, "_children", counted)
    count = 2000
    parsed = parse_yaml("items:\n" + "".join(f"  - id: i{n}\n" for n in range(count)))
    for n in range(count):
        assert parsed.positions.of(("items", n, "id")) is not None
    assert steps < 3 * count * 2, steps  # each list and mapping listed once, not per lookup
