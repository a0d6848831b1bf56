"""``teijuu import``: a filled entry workbook (:mod:`teijuu.sheet`) into the results file.

All or nothing: the workbook is read whole first, and any problem of any cell stops the import
before a file is touched. The entries then go through :func:`teijuu.editing.record_all`, the
lossless, proven, validated, locked and atomic path of ``teijuu record``, in one write.
Importing the same workbook again changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from teijuu.editing import EditError, record_all
from teijuu.loading import display_path, plan_root
from teijuu.messages import Text, msg
from teijuu.model import Results, Vision

if TYPE_CHECKING:  # the workbook's module (and openpyxl) load only when a sheet is imported
    from teijuu.sheet import CellProblem, EntrySheet
    from teijuu.validate import Validated

__all__ = ["Imported", "import_sheet", "results_path"]


@dataclass(frozen=True, slots=True)
class Imported:
    """What an import did: the results file, whether it changed, how many actuals the
    workbook held; or, with problems, nothing."""

    path: Path | None
    changed: bool
    entries: int
    problems: list[CellProblem] = field(default_factory=list)


def results_path(validated: Validated, vision: Vision, fiscal_year: int) -> Path:
    """The results file of ``vision`` for ``fiscal_year``: the one the plans hold, else a new
    one beside the vision's other results (``results/<vision file>-fy<year>.yaml``)."""
    sources = {id(s.document): Path(s.path) for s in validated.sources}
    results = validated.plan.results_of(vision.id)
    same = [r for r in results if r.fiscal_year == fiscal_year]
    if same:
        return sources[id(same[0])]
    vision_file = sources[id(vision)]
    folder = sources[id(results[-1])].parent if results else plan_root(vision_file) / "results"
    return folder / f"{vision_file.stem}-fy{fiscal_year}.yaml"


def import_sheet(workbook: Path, validated: Validated) -> Imported:
    """Import the filled entry ``workbook`` into the valid plans ``validated``. ``OSError``
    when the workbook cannot be read or the results file written."""
    from teijuu.sheet import CellProblem, read_entry_sheet

    name = display_path(workbook)
    read = read_entry_sheet(workbook.read_bytes(), name, validated.plan)
    if read.problems:
        return Imported(None, False, len(read.entries), read.problems)
    vision = validated.plan.get(Vision, read.vision)
    assert vision is not None  # read_entry_sheet reported a vision the plans lack
    target = results_path(validated, vision, read.fiscal_year)
    problems = _split_evaluations(validated, read, name)
    if problems:
        return Imported(target, False, len(read.entries), problems)
    if not read.entries:
        return Imported(target, False, 0)
    try:
        done = record_all(
            target, fiscal_year=read.fiscal_year, entries=read.entries, vision=vision.id
        )
    except EditError as exc:
        reason = Text(exc.render("en"), exc.render("ja"))
        problem = CellProblem(name, None, None, msg("sheet/not-imported", reason=reason))
        return Imported(target, False, len(read.entries), [problem])
    return Imported(target, done.changed, len(read.entries))


def _split_evaluations(validated: Validated, read: EntrySheet, name: str) -> list[CellProblem]:
    """An evaluation typed for a measure whose recorded evaluation is split per municipality:
    one cell cannot say whose text it is."""
    from teijuu.sheet import COL_EVALUATION, ENTRY_SHEET, CellProblem

    existing: Sequence[Results] = [
        r for r in validated.plan.results_of(read.vision) if r.fiscal_year == read.fiscal_year
    ]
    split = {
        m.measure: [s.municipality for s in m.evaluation]
        for r in existing
        for m in r.measures
        if any(s.municipality for s in m.evaluation)
    }
    problems = []
    for entry in read.entries:
        if entry.evaluation is None or entry.measure not in split:
            continue
        row = read.rows[f"{entry.measure}/{entry.kpi}"]
        whose = "、".join(str(m) for m in split[entry.measure] if m)
        problems.append(
            CellProblem(
                name,
                ENTRY_SHEET,
                f"{chr(ord('A') + COL_EVALUATION - 1)}{row}",
                msg("sheet/evaluation-split", municipalities=whose),
            )
        )
    return problems
