"""A deliberately broken copy of the bundled plans: one finding per problem, at its place.

A document that fails its own model is not checked against the others (its references cannot
be trusted), so the problems are spread so that each is reachable in one run.
"""

from __future__ import annotations

from pathlib import Path

from teijuu.findings import Severity
from teijuu.validate import validate_paths


def _edit(path: Path, old: str, new: str) -> int:
    """Replace the first ``old`` by ``new``; return the 1-based line where it was."""
    text = path.read_text("utf-8")
    assert old in text, old
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), "utf-8")
    return line


def test_one_finding_per_problem(bundled_copy: Path) -> None:
    root = bundled_copy / "ichinoseki-hiraizumi"
    vision = root / "visions" / "3rd.yaml"
    results = root / "results" / "3rd-fy2024.yaml"
    report = root / "reports" / "3rd-fy2024-kondankai.yaml"
    agreement = root / "agreements" / "amendment-2019.yaml"
    schedule = root / "schedules" / "2025-2026.yaml"
    expected = {
        ("unresolved-reference", "3rd.yaml", _edit(vision, "field: welfare", "field: welfar"), 12),
        ("budget-outside-period", "3rd.yaml", _edit(vision, "2028: 47349", "2029: 47349"), 9),
        (
            "unresolved-reference",
            "3rd-fy2024.yaml",
            _edit(results, "kpi: bus-riders", "kpi: bus-rider"),
            14,
        ),
        (
            "unresolved-reference",
            "3rd-fy2024-kondankai.yaml",
            _edit(report, "measure: tourist-shuttle", "measure: tourist-shutle"),
            14,
        ),
        ("invalid-date", "amendment-2019.yaml", _edit(agreement, "date: H31.3", "date: H31.13"), 7),
        (
            "unknown-field",
            "2025-2026.yaml",
            _edit(schedule, "    track: 懇談会", "    trak: 懇談会"),
            5,
        ),
        # the id is gone: the finding points at the milestone, which now starts a line below
        (
            "missing-field",
            "2025-2026.yaml",
            _edit(schedule, "  - id: fy2025-kondankai-1\n", "  -\n") + 1,
            5,
        ),
    }
    findings = [f for f in validate_paths([bundled_copy]).findings if f.severity is Severity.ERROR]
    got = {(f.code, Path(f.file or "").name, f.line, f.column) for f in findings}
    assert got == expected, [f.to_text() for f in findings]
