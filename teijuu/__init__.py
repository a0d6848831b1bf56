"""teijuu: 定住自立圏 (settlement and self-reliance sphere) plans as code.

The public API is :mod:`teijuu.api`; its names are re-exported here::

    import teijuu

    loaded = teijuu.load()  # the bundled plans (or ./plans), or the paths given
    for vision in loaded.plan.visions:
        ...
    changes = teijuu.diff("a/3rd.yaml", "b/4th.yaml")

The names are loaded on first use, so that ``import teijuu`` (and the ``teijuu`` command)
starts fast. The other modules are the implementation; their names may change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from teijuu.api import (
        ApiVersion,
        Budget,
        BudgetLine,
        BudgetUnit,
        Change,
        ChangeKind,
        ChangeSeverity,
        Code,
        DiffError,
        Document,
        Draft,
        EditError,
        Finding,
        Imported,
        Kpi,
        KpiGrade,
        Loaded,
        Measure,
        Period,
        Plan,
        PlanDiff,
        PlanError,
        PolicyFramework,
        RecordOutcome,
        Results,
        Rewritten,
        Severity,
        Sphere,
        TeijuuError,
        UngradedReason,
        Vision,
        VisionGrades,
        check,
        choose_vision,
        default_paths,
        diff,
        diff_against,
        entry_sheet,
        findings_document,
        fmt,
        import_entry_sheet,
        load,
        migrate,
        new_edition,
        parse_fiscal_year,
        plans_dir,
        record,
        schemas_dir,
        write_file,
        yaml_reader,
    )

__all__ = [
    "ApiVersion",
    "Budget",
    "BudgetLine",
    "BudgetUnit",
    "Change",
    "ChangeKind",
    "ChangeSeverity",
    "Code",
    "DiffError",
    "Document",
    "Draft",
    "EditError",
    "Finding",
    "Imported",
    "Kpi",
    "KpiGrade",
    "Loaded",
    "Measure",
    "Period",
    "Plan",
    "PlanDiff",
    "PlanError",
    "PolicyFramework",
    "RecordOutcome",
    "Results",
    "Rewritten",
    "Severity",
    "Sphere",
    "TeijuuError",
    "UngradedReason",
    "Vision",
    "VisionGrades",
    "__version__",
    "check",
    "choose_vision",
    "default_paths",
    "diff",
    "diff_against",
    "entry_sheet",
    "findings_document",
    "fmt",
    "import_entry_sheet",
    "load",
    "migrate",
    "new_edition",
    "parse_fiscal_year",
    "plans_dir",
    "record",
    "schemas_dir",
    "write_file",
    "yaml_reader",
]
"""``teijuu.api.__all__``, and ``__version__`` (``tests/test_api.py`` checks it; no name of it may
be a module of this package, or importing that module would put it in the name's place)."""


def __getattr__(name: str) -> Any:
    if name == "api":  # ``import teijuu`` then ``teijuu.api.load``
        import teijuu.api

        return teijuu.api
    if name in __all__:
        from teijuu import api

        value = getattr(api, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'teijuu' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
