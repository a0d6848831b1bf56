"""The front door: what a script (and the ``teijuu`` command) uses, in one import.

::

    import teijuu

    loaded = teijuu.load()                        # the bundled plans, or the paths given
    vision = loaded.plan.vision("ichinoseki-hiraizumi-3")
    graded = loaded.plan.grade(vision, 2024)      # every KPI, with counts per field
    totals = loaded.plan.budget_totals(vision, by="field")  # exact 千円, None if unknown
    changes = teijuu.diff("old/3rd.yaml", "new/4th.yaml")

Every function here calls the module that does the work; nothing is implemented twice. Errors
meant for people are :class:`~teijuu.errors.TeijuuError` (a ``ValueError``), with the message
saying what would be right; bad plan files are findings, never exceptions.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from teijuu import __version__
from teijuu.budgets import BudgetLine
from teijuu.bundled import plans_dir, schemas_dir
from teijuu.errors import PlanError, TeijuuError
from teijuu.findings import Code, Finding, Severity, findings_document
from teijuu.fiscal import parse_fiscal_year
from teijuu.messages import Message, Text, fy, msg
from teijuu.model import (
    Budget,
    BudgetUnit,
    Document,
    Kpi,
    Measure,
    Period,
    PolicyFramework,
    Results,
    Sphere,
    Vision,
)
from teijuu.plan import Plan
from teijuu.versions import ApiVersion

if TYPE_CHECKING:
    from teijuu.diffing import Change, ChangeKind, ChangeSeverity, PlanDiff
    from teijuu.editing import EditError, RecordOutcome
    from teijuu.grading import KpiGrade, UngradedReason, VisionGrades
    from teijuu.importing import Imported
    from teijuu.validate import Validated

_LAZY: dict[str, str] = {
    "Change": "teijuu.diffing",
    "ChangeKind": "teijuu.diffing",
    "ChangeSeverity": "teijuu.diffing",
    "PlanDiff": "teijuu.diffing",
    "EditError": "teijuu.editing",
    "RecordOutcome": "teijuu.editing",
    "Imported": "teijuu.importing",
    "KpiGrade": "teijuu.grading",
    "UngradedReason": "teijuu.grading",
    "VisionGrades": "teijuu.grading",
}
"""Names whose modules a command that reads and checks plans does not need: imported when first
asked for, so that `teijuu validate` starts without the grading, diff, editing and workbook
code."""


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'teijuu.api' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


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

PathLike = str | Path


def write_file(path: PathLike, content: bytes) -> None:
    """Write an output file (a report, a draft, an entry sheet) as teijuu writes plan files:
    its folder made if need be, under the file's lock, atomically (an interrupted write
    leaves the old file whole). ``OSError`` when it cannot be written."""
    from teijuu.writing import write_atomically

    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, content)


def yaml_reader() -> str:
    """Which YAML reader is in use: libyaml's C composer, or the pure-Python fallback."""
    from teijuu.yamlio import PARSER

    return PARSER


def default_paths() -> list[Path]:
    """Where the plans are when no path is given: ``./plans`` when there is one (a repository
    of plans), else the plans bundled with teijuu."""
    if Path("plans").is_dir():
        return [Path("plans")]
    return [plans_dir()]


@dataclass(frozen=True)
class Loaded:
    """Plans read from files: the plan (every valid document) and every finding about them."""

    plan: Plan
    findings: list[Finding]
    files: int
    documents: int
    _validated: Validated | None = field(default=None, repr=False, compare=False)
    """What :func:`load` read, with where each document is written (for check and import)."""

    def validated(self) -> Validated:
        """What :func:`load` read; ``TypeError`` for plans put together by hand (they have no
        files to check against or to import into)."""
        if self._validated is None:
            raise TypeError("this takes the plans teijuu.load() returned")
        return self._validated

    @property
    def ok(self) -> bool:
        """True when no finding is an error (warnings and notes allowed)."""
        return not self.errors

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def unreadable(self) -> bool:
        """True when a path could not be read at all (a usage or I/O error, not bad plans)."""
        return any(f.code in _IO_CODES for f in self.errors)


_IO_CODES = frozenset({Code.IO_ERROR, Code.NO_PLANS})


def _as_paths(paths: PathLike | Sequence[PathLike] | None) -> list[Path]:
    if paths is None:
        return default_paths()
    if isinstance(paths, str | Path):
        return [Path(paths)]
    return [Path(p) for p in paths] or default_paths()


def load(paths: PathLike | Sequence[PathLike] | None = None) -> Loaded:
    """Read and validate plan files and folders (default: :func:`default_paths`).

    Never raises for bad input: every problem of every file is a finding, and the plan holds
    the documents that are valid."""
    from teijuu.validate import validate_paths

    validated = validate_paths(_as_paths(paths))
    return Loaded(
        validated.plan, validated.findings, validated.files, len(validated.sources), validated
    )


def check(plans: Loaded) -> list[Finding]:
    """What ``teijuu check`` reports: each published claim that the data contradict (error),
    names spelled another way (warning), statements the plans cannot check (info)."""
    from teijuu.validate import reconcile_findings

    return reconcile_findings(plans.validated())


def choose_vision(
    plan: Plan, vision_id: str | None = None, fiscal_year: int | None = None
) -> Vision:
    """The vision named, or else the only one with results (for ``fiscal_year`` if given);
    :class:`PlanError` when there is none, or several to choose from."""
    if vision_id is not None:
        return plan.vision(vision_id)
    candidates = [
        v
        for v in plan.visions
        if any(fiscal_year in (None, r.fiscal_year) for r in plan.results_of(v.id))
    ]
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        have = Text(
            ", ".join(f"{r.vision} FY{r.fiscal_year}" for r in plan.results),
            ", ".join(f"{r.vision} {r.fiscal_year}年度" for r in plan.results),
        )
        year = msg("cli/plan/for-year", year=fy(fiscal_year)) if fiscal_year else ""
        known = msg("cli/plan/results-known", have=have) if plan.results else ""
        raise PlanError(msg("cli/plan/no-results", year=year, known=known))
    raise PlanError(
        msg("cli/plan/several-with-results", candidates=", ".join(v.id for v in candidates))
    )


# ---------------------------------------------------------------------------------------------
# Diff


class DiffError(TeijuuError):
    """Two sides that cannot be compared; ``findings`` holds the errors of a side that is not
    a valid plan file."""

    def __init__(self, message: str | Message | Text, findings: Sequence[Finding] = ()) -> None:
        super().__init__(message)
        self.findings = list(findings)


def _notes(findings: Sequence[Finding]) -> tuple[list[Finding], list[Finding]]:
    """(errors, notes) of a side: a reference to a document that is not beside the file
    (``unresolved-reference``) is a note, for the diff of loose files goes on without it."""
    errors, notes = [], []
    for finding in findings:
        if finding.severity is not Severity.ERROR:
            continue
        if finding.code == Code.UNRESOLVED_REFERENCE:
            notes.append(
                replace(
                    finding,
                    severity=Severity.INFO,
                    message=f"{finding.message} (not among the files compared: the diff goes "
                    "on, with names as the files give them)",
                    detail=None,  # no template for the whole: Japanese reads it generically
                )
            )
        else:
            errors.append(finding)
    return errors, notes


def _diff_one(old_spec: str, new_spec: str) -> PlanDiff:
    from teijuu.diffing import diff_pair, diff_plans
    from teijuu.locations import locate_diff
    from teijuu.sources import SourceError, load_side

    try:
        old, new = load_side(old_spec), load_side(new_spec)
    except SourceError as exc:
        raise DiffError(exc.detail or exc.message) from None
    errors, notes = _notes([*old.findings, *new.findings])
    if errors:
        raise DiffError(msg("cli/diff/invalid-sides"), errors)
    if (old.document is None) != (new.document is None):
        raise DiffError(msg("cli/diff/file-and-folder", old=old_spec, new=new_spec))
    if old.document is not None and new.document is not None:
        if old.document.kind != new.document.kind:
            raise DiffError(msg("cli/diff/kinds", old=old.document.kind, new=new.document.kind))
        found = diff_pair(old.document, new.document, old_plan=old.plan, new_plan=new.plan)
    else:
        found = replace(diff_plans(old.plan, new.plan), titles=(old_spec, new_spec))
    located = locate_diff(found, old.sources, new.sources)  # each change at its file:line
    return replace(located, notes=tuple(notes))


def diff(old: PathLike, new: PathLike) -> PlanDiff:
    """What changed from ``old`` to ``new``: two files of one kind (two visions, two results),
    or two folders of plans. A side is a path, ``REV:PATH`` in git, or ``vision.yaml@rN`` (the
    vision as it stood at revision N). Two loose files whose sphere or framework is not beside
    them are still compared: the missing references are :attr:`PlanDiff.notes`.

    :class:`DiffError` when a side cannot be read or is not a valid plan file."""
    return _diff_one(str(old), str(new))


def diff_against(base: str, paths: Sequence[PathLike] = ()) -> PlanDiff:
    """Each path (default ``plans``) against the same path at git revision ``base``, as one
    diff."""
    from teijuu.diffing import merge_diffs

    news = [str(p) for p in paths] or ["plans"]
    olds = [f"{base}:{p}" for p in news]
    diffs = [_diff_one(a, b) for a, b in zip(olds, news, strict=True)]
    if len(diffs) == 1:
        return diffs[0]
    return merge_diffs(diffs, (" ".join(olds), " ".join(news)))


# ---------------------------------------------------------------------------------------------
# Drafting and editing


@dataclass(frozen=True, slots=True)
class Draft:
    """A drafted edition: the vision, its YAML text, and what was kept from an earlier draft,
    in either language (``str()`` of it is the English; None: nothing)."""

    vision: Vision
    text: str
    kept: Text | None


def _period(period: Period | str) -> Period:
    if isinstance(period, Period):
        return period
    from pydantic import ValidationError

    from teijuu.model.common import reason_of

    start, _, end = period.partition("-")
    try:
        return Period.model_validate({"start": start, "end": end or start})
    except ValidationError as exc:
        reason = reason_of(exc)
        raise TeijuuError(msg("cli/edition/period", period=period, reason=reason)) from None


def new_edition(
    vision_file: PathLike,
    *,
    edition: int,
    period: Period | str,
    vision_id: str | None = None,
    keep_from: PathLike | None = None,
    force: bool = False,
) -> Draft:
    """Draft the next edition of the vision in ``vision_file``: same measures and KPIs,
    baselines moved to the latest actuals, targets and budgets open, review points.

    ``keep_from``: an earlier draft of the same edition, whose decisions (aims, targets,
    notes) are kept. :class:`TeijuuError` for a file that is not a vision, a bad period or id.
    """
    from teijuu.dump import dump_document
    from teijuu.editing import schemas_reference
    from teijuu.edition import decisions_kept, keep_decisions
    from teijuu.edition import new_edition as draft_edition
    from teijuu.model.common import ID_PATTERN
    from teijuu.sources import SourceError, load_side

    try:
        side = load_side(str(vision_file))
    except SourceError as exc:
        raise TeijuuError(exc.detail or exc.message) from None
    errors = [f for f in side.findings if f.severity is Severity.ERROR]
    if errors:  # a file with a repeated key is read, but it is not valid
        listed = Text(
            "\n".join(f.to_text() for f in errors), "\n".join(f.to_text("ja") for f in errors)
        )
        raise TeijuuError(msg("cli/edition/invalid", path=vision_file, listed=listed))
    if not isinstance(side.document, Vision):
        raise TeijuuError(msg("cli/edition/not-a-vision", path=vision_file))
    span = _period(period)
    if vision_id is not None and not re.fullmatch(ID_PATTERN, vision_id):
        raise TeijuuError(msg("cli/edition/bad-id", vision=vision_id))
    if vision_id is not None and side.plan.declared(Vision, vision_id):
        raise TeijuuError(msg("cli/edition/id-taken", vision=vision_id))
    try:
        draft = draft_edition(
            side.plan, side.document, edition=edition, period=span, vision_id=vision_id
        )
    except TeijuuError as exc:  # EditionError: its message, in either language
        raise TeijuuError(exc.detail or exc.message) from None
    except ValueError as exc:  # pydantic's
        raise TeijuuError(str(exc)) from None
    kept = None
    if keep_from is not None and Path(keep_from).exists():
        if os.path.realpath(keep_from) == os.path.realpath(vision_file):
            raise TeijuuError(msg("cli/edition/output-is-source", path=keep_from))
        try:
            existing = load_side(str(keep_from)).document
        except SourceError:
            existing = None
        if isinstance(existing, Vision) and existing.id == draft.id:
            draft = keep_decisions(draft, existing)
            kept = decisions_kept(existing)
        elif not force:  # a results file, another vision: never written over unasked
            raise TeijuuError(msg("cli/edition/output-taken", path=keep_from, vision=draft.id))
    origin = draft.drafted_from
    said = msg(
        "cli/edition/header",
        edition=draft.edition,
        title=draft.title,
        vision=side.document.id,
        revision=side.document.revision,
        results=msg("cli/edition/header-results", year=origin.results)
        if origin and origin.results
        else "",
    )
    lines = {lang: said.render(lang) for lang in ("ja", "en")}
    if kept is not None:
        kept_said = msg("cli/edition/header-kept", kept=kept)
        lines = {lang: f"{text}\n{_fill(kept_said.render(lang))}" for lang, text in lines.items()}
    header = f"{lines['ja']}\n\n{lines['en']}"  # Japanese first, as planners read it
    written_at = Path(keep_from if keep_from is not None else vision_file)  # or beside its source
    text = dump_document(draft, header=header, schemas=schemas_reference(written_at))
    return Draft(draft, text, kept)


def _fill(text: str) -> str:
    import textwrap

    if not text.isascii():  # Japanese has no spaces to break at: kept as one line
        return text
    return textwrap.fill(text, 94)


def record(
    path: PathLike,
    *,
    fiscal_year: int | str,
    kpi: str,
    actual: Decimal | int | str,
    evaluation: str | None = None,
    municipality: str | None = None,
    vision: str | None = None,
) -> RecordOutcome:
    """Record one actual (and its evaluation) in the results file ``path``, in place: only the
    new lines change; the edit is validated with the rest of the plan and proven to read back
    as the old data with this value, then written atomically under the file's lock.

    ``kpi`` names the KPI as people do: ``MEASURE/KPI``, the number the published KPI table
    prints (``23-2``) or the KPI's name; ``fiscal_year`` as plans write it (2025, R7);
    ``actual`` an exact number (never a float). :class:`TeijuuError` when the edit cannot be
    made."""
    from pydantic_core import PydanticCustomError

    from teijuu.editing import record as record_in_file
    from teijuu.model.common import reason_of, to_decimal

    if not kpi.strip():
        raise TeijuuError(msg("cli/edit/kpi-missing"))
    if municipality is not None and evaluation is None:  # it would be dropped unsaid
        raise TeijuuError(msg("cli/edit/municipality-without-eval", municipality=municipality))
    year = parse_fiscal_year(str(fiscal_year)) if isinstance(fiscal_year, str) else fiscal_year
    try:
        amount = to_decimal(actual)
    except PydanticCustomError as exc:
        raise TeijuuError(msg("cli/edit/actual", reason=reason_of(exc))) from None
    return record_in_file(
        Path(path),
        fiscal_year=year,
        measure=None,  # whatever names the KPI: ids, its number or its name
        kpi=kpi,
        actual=amount,
        evaluation=evaluation,
        municipality=municipality,
        vision=vision,
    )


def entry_sheet(plans: Loaded, fiscal_year: int, vision_id: str | None = None) -> bytes:
    """The Excel workbook in which a year's actuals are entered (``teijuu sheet``): one row
    per KPI of the vision whose period holds ``fiscal_year`` (or ``vision_id``), pre-filled with
    what the year's results hold already. :class:`PlanError` when no one vision is meant."""
    from teijuu.sheet import entry_workbook

    plan = plans.plan
    if vision_id is not None:
        vision = plan.get(Vision, vision_id)
        candidates = [vision] if vision is not None else []
    else:
        candidates = plan.visions_for_year(fiscal_year)
    if len(candidates) != 1:
        known = ", ".join(
            f"{v.id} ({v.current_period.start}-{v.current_period.end})"
            for v in (candidates or plan.visions)
        )
        what = "cli/plan/sheet-several" if candidates else "cli/plan/sheet-none"
        if vision_id is not None:
            what = "cli/plan/sheet-no-id"
        raise PlanError(
            msg(what, vision=vision_id, year=fy(fiscal_year), known=known or msg("cli/edit/none"))
        )
    vision = candidates[0]
    if fiscal_year not in vision.current_period:
        period = vision.current_period
        raise PlanError(
            msg(
                "cli/plan/sheet-outside",
                year=fy(fiscal_year),
                vision=vision.id,
                start=period.start,
                end=period.end,
            )
        )
    return entry_workbook(vision, fiscal_year, plan.results_of(vision.id))


def import_entry_sheet(workbook: PathLike, plans: Loaded) -> Imported:
    """Record a filled entry workbook into the results file of its year, all or nothing (as
    :func:`record`, one write): with any bad cell, :attr:`Imported.problems` says where and
    nothing is written. ``OSError`` when the workbook cannot be read or the file written."""
    from teijuu.importing import import_sheet

    return import_sheet(Path(workbook), plans.validated())


@dataclass(frozen=True, slots=True)
class Rewritten:
    """What :func:`fmt` or :func:`migrate` did: the files changed (or that would change, with
    ``check``), and the findings of files that could not be rewritten."""

    changed: list[str]
    findings: list[Finding]

    @property
    def unreadable(self) -> bool:
        return any(f.code in _IO_CODES for f in self.findings)

    @property
    def failed(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.findings)


def fmt(paths: PathLike | Sequence[PathLike] | None = None, *, check: bool = False) -> Rewritten:
    """Put plan files in the canonical layout, comments kept, after proving the new text reads
    as the same data; with ``check``, change nothing and say which files would change."""
    from teijuu.editing import fmt_paths

    return Rewritten(*fmt_paths(_as_paths(paths), check=check))


def migrate(paths: PathLike | Sequence[PathLike], *, check: bool = False) -> Rewritten:
    """Rewrite plan files written for an older apiVersion as the current one
    (:meth:`ApiVersion.current`), in place, comments kept; with ``check``, change nothing."""
    from teijuu.editing import migrate_paths

    return Rewritten(*migrate_paths(_as_paths(paths), check=check))
