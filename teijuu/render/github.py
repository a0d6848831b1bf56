"""GitHub Actions workflow commands (``--format github``): each finding, and each high-severity
change of a diff, as an annotation that GitHub shows on the line of the pull request's files.

``::error file=PATH,line=L,col=C,title=TITLE::MESSAGE``, one a line, escaped as the Actions
toolkit escapes them (``teijuu.render.escape.workflow_data`` and ``workflow_property``), as
check-jsonschema and oasdiff do.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from teijuu.diffing import Change, ChangeSeverity, PlanDiff
from teijuu.findings import Finding, Severity
from teijuu.render.diff import kind_label, plain_line
from teijuu.render.escape import workflow_data, workflow_property
from teijuu.render.labels import Lang

__all__ = ["command", "diff_commands", "findings_commands"]

_LEVEL: Final = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def command(
    level: str,
    message: str,
    *,
    file: str | None = None,
    line: int | None = None,
    column: int | None = None,
    title: str | None = None,
) -> str:
    """One workflow command: ``level`` is error, warning or notice."""
    properties = []
    if file:
        properties.append(f"file={workflow_property(file)}")
        if line is not None:
            properties.append(f"line={line}")
            if column is not None:
                properties.append(f"col={column}")
    if title:
        properties.append(f"title={workflow_property(title)}")
    head = f"::{level} {','.join(properties)}" if properties else f"::{level}"
    return f"{head}::{workflow_data(message)}"


def findings_commands(findings: Iterable[Finding]) -> str:
    """Every finding as an annotation at its place."""
    lines = [
        command(
            _LEVEL[f.severity],
            f.message,
            file=f.file,
            line=f.line,
            column=f.column,
            title=f"teijuu: {f.code}",
        )
        for f in findings
    ]
    return "".join(f"{line}\n" for line in lines)


def diff_commands(diff: PlanDiff, level: ChangeSeverity | None, lang: Lang = "ja") -> str:
    """Each high-severity change as an annotation at its place: an error when it fails the
    run (``--fail-on``: at or above ``level`` with no change note), else a notice (a change
    the plan explains, or any high change when nothing fails the run)."""
    failing = {id(c) for c in diff.failing(level)} if level is not None else set()
    lines = []
    for change in diff.changes:
        if change.severity is not ChangeSeverity.HIGH and id(change) not in failing:
            continue
        lines.append(_change_command(change, "error" if id(change) in failing else "notice", lang))
    return "".join(f"{line}\n" for line in lines)


def _change_command(change: Change, level: str, lang: Lang) -> str:
    site = change.site
    return command(
        level,
        plain_line(change, lang),
        file=site.file if site else None,
        line=site.line if site else None,
        column=site.column if site else None,
        title=f"teijuu diff: {kind_label(change.kind, lang)}",
    )
