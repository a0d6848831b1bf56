"""Validation of plan files: each file against its model, then the documents against each other."""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from teijuu.checks import Problem, check_plan
from teijuu.findings import Finding, cap_per_file, has_errors
from teijuu.loading import LoadResult, SourceDocument, display_path, load_paths, plan_root
from teijuu.messages import msg
from teijuu.plan import Plan


@dataclass(slots=True)
class Validated:
    """What validating some paths found: the plan (valid documents) and every finding."""

    plan: Plan
    sources: list[SourceDocument]
    findings: list[Finding] = field(default_factory=list)
    files: int = 0

    @property
    def ok(self) -> bool:
        return not has_errors(self.findings)


def by_document(sources: Sequence[SourceDocument]) -> dict[int, SourceDocument]:
    """The source of each document, by the document's identity: for ``locate``."""
    return {id(s.document): s for s in reversed(sources)}


def locate(problem: Problem, sources: Mapping[int, SourceDocument]) -> Finding:
    """Turn a cross-document problem into a finding at its file, line and column; ``sources``
    is ``by_document`` of the sources the documents were read from."""
    source = sources.get(id(problem.document))
    subject = f"{problem.document.kind}/{problem.document.id}"
    if problem.path:
        subject += ":" + ".".join(str(p) for p in problem.path)
    if source is None:
        return Finding.of(problem.code, problem.severity, problem.message, subject=subject)
    mark = source.mark(problem.path, key=problem.key)
    return Finding.of(
        problem.code,
        problem.severity,
        problem.message,
        file=source.path,
        line=mark.line if mark else None,
        column=mark.column if mark else None,
        subject=subject,
    )


@contextmanager
def _no_garbage_collection() -> Iterator[None]:
    """Reading builds millions of small, acyclic objects that live to the end of the run; the
    cycle collector would walk them again and again for nothing (40% of the time on a
    national corpus). Reference counting still frees what is dropped.

    Afterwards what was read is frozen (``gc.freeze()``): no later collection, in this run or
    at exit, walks it again. Reading makes no reference cycles, so nothing is kept that would
    otherwise be freed; see docs/performance.md for what this means to a long-lived process."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def validate_paths(paths: Sequence[Path], overrides: Mapping[Path, str] | None = None) -> Validated:
    """Load and check everything under ``paths``; never raises for bad input.

    ``overrides`` replaces the text of some files (to check an edit before writing it). A file
    with more than ``FINDINGS_PER_FILE`` findings keeps that many, and one that counts the rest
    (``teijuu.findings.cap_per_file``)."""
    with _no_garbage_collection():
        loaded: LoadResult = load_paths(paths, overrides)
        plan = Plan.of((s.document for s in loaded.documents), loaded.broken)
        problems = check_plan(plan)
    findings = list(loaded.findings)
    sources = by_document(loaded.documents)
    unreadable = ", ".join(loaded.unreadable[:3])
    if len(loaded.unreadable) > 3:
        unreadable += f" and {len(loaded.unreadable) - 3} more"
    alone = {display_path(p): p for p in paths if p.is_file()}  # named on their own
    folders: dict[str, str] = {}  # of those, the sphere folder each belongs to, once looked for
    for problem in problems:
        finding = locate(problem, sources)
        if problem.code == "unresolved-reference" and loaded.unreadable:
            detail = msg(
                "unresolved-reference/unreadable",
                detail=finding.detail or finding.message,
                files=unreadable,
            )
            finding = replace(finding, message=detail.render("en"), detail=detail)
        elif problem.code == "unresolved-reference" and finding.file in alone:
            if finding.file not in folders:
                folders[finding.file] = _sphere_folder(alone[finding.file])
            detail = msg(
                "unresolved-reference/file-alone",
                detail=finding.detail or finding.message,
                root=folders[finding.file],
            )
            finding = replace(finding, message=detail.render("en"), detail=detail)
        findings.append(finding)
    findings.sort(key=lambda f: f.sort_key)
    return Validated(plan, loaded.documents, cap_per_file(findings), loaded.files)


def _sphere_folder(path: Path) -> str:
    """The folder of the sphere a file named on its own belongs to, as a command would name it:
    what the file refers to may be there, unread (looked for only when a reference is)."""
    shown = display_path(plan_root(path))
    return shown if " " not in shown else f'"{shown}"'


def reconcile_findings(validated: Validated) -> list[Finding]:
    """What ``teijuu check`` reports: published claims against the data, located in the files."""
    from teijuu.reconcile import reconcile

    sources = by_document(validated.sources)
    findings = [locate(p, sources) for p in reconcile(validated.plan)]
    findings.sort(key=lambda f: f.sort_key)
    return cap_per_file(findings)
