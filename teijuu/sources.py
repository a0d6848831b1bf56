"""Where the two sides of a diff come from: a file, a directory, or a git revision.

``plans/…/3rd.yaml`` a file; ``plans/`` a directory; ``main:plans/…`` the file or directory at
that git revision (read with ``git show``, never checked out); a ``@rN`` suffix on a vision
file means the vision as it stood at revision N (``3rd.yaml@r0``: as adopted).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from teijuu.errors import TeijuuError
from teijuu.findings import Finding
from teijuu.loading import SourceDocument, display_path, plan_root
from teijuu.messages import msg
from teijuu.model import Document, Vision
from teijuu.paths import is_within, safe_name
from teijuu.plan import Plan
from teijuu.validate import Validated, validate_paths

_REVISION_SUFFIX = re.compile(r"^(?P<path>.+)@r(?P<revision>[0-9]+)$")
_REVISION_DIGITS = 6
"""A revision number longer than this names no revision (a vision is revised a few times)."""


class SourceError(TeijuuError):
    """A side that cannot be read; the message says why."""


@dataclass(slots=True)
class Side:
    """One side of a diff: its plan, and its document when it names one file."""

    label: str
    plan: Plan
    document: Document | None
    findings: list[Finding]
    sources: list[SourceDocument] = field(default_factory=list)
    """Where each document was read from; a side from git names its files as in the
    repository (``plans/…``), not the temporary folder they were read from."""


def _run_git(args: tuple[str, ...], cwd: Path | None) -> bytes:
    """git's output; a failure is a :class:`SourceError`. File names are never quoted
    (``core.quotePath=false``; listings are read with ``-z``)."""
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotePath=false", *args],
            cwd=cwd,
            capture_output=True,
            check=False,
            timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SourceError(msg("cli/source/git-cannot-run", reason=exc)) from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", errors="replace").strip()
        raise SourceError(message or f"git {' '.join(args)} failed")
    return done.stdout


def _git(*args: str, cwd: Path | None = None) -> str:
    return os.fsdecode(_run_git(args, cwd))


def _git_bytes(*args: str, cwd: Path) -> bytes:
    """A file's bytes from git; a failure is a :class:`SourceError`, like :func:`_git`'s."""
    return _run_git(args, cwd)


def _is_git_spec(spec: str) -> bool:
    if Path(spec).exists() or ":" not in spec:
        return False
    revision = spec.split(":", 1)[0]
    return bool(revision) and not re.match(r"^[A-Za-z]$", revision)  # not a Windows drive


@dataclass(frozen=True, slots=True)
class _Entry:
    mode: str
    kind: str  # blob, tree or commit (a submodule)
    oid: str
    name: str


_OID = re.compile(r"^[0-9a-f]{40}(?:[0-9a-f]{24})?$")


def _tree(oid: str, root: Path, where: str) -> list[_Entry]:
    """The entries of one git tree, each name checked: a tree may list any name at all
    (``..``, ``a/b``: ``git mktree`` makes them), and none may reach out of where it is put."""
    entries = []
    for record in _run_git(("ls-tree", "-z", "--end-of-options", oid), root).split(b"\0"):
        if not record:
            continue
        head, _, raw_name = record.partition(b"\t")
        mode, kind, entry_oid = head.decode("ascii").split(" ")
        name = os.fsdecode(raw_name)
        if not safe_name(name) or not _OID.match(entry_oid):
            raise SourceError(msg("cli/source/unsafe-entry", where=where, name=name))
        entries.append(_Entry(mode, kind, entry_oid, name))
    return entries


def _revision_tree(revision: str, root: Path) -> str:
    """The tree id of ``revision``; a revision is never taken for an option of git."""
    if revision.startswith("-"):
        raise SourceError(msg("cli/source/dash-revision", revision=revision))
    oid = _git(
        "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{tree}}", cwd=root
    )
    oid = oid.strip()
    if not _OID.match(oid):
        raise SourceError(msg("cli/source/not-a-revision", revision=revision))
    return oid


def _find(tree: str, parts: tuple[str, ...], root: Path, spec: str) -> _Entry | None:
    """The entry at ``parts`` under ``tree`` (None: nothing there)."""
    current = _Entry("040000", "tree", tree, "")
    for part in parts:
        if current.kind != "tree":
            return None
        found = next((e for e in _tree(current.oid, root, spec) if e.name == part), None)
        if found is None:
            return None
        current = found
    return current


def _blobs(
    entry: _Entry, parts: tuple[str, ...], root: Path, spec: str
) -> list[tuple[tuple[str, ...], str]]:
    """Every file under ``entry`` (itself if a file): its path parts and blob id. Symbolic
    links and submodules are left out: a plan is a regular file."""
    found: list[tuple[tuple[str, ...], str]] = []
    pending = [(parts, entry)]
    while pending:
        where, current = pending.pop()
        if current.kind == "tree":
            pending.extend(
                ((*where, e.name), e) for e in _tree(current.oid, root, spec or "/".join(where))
            )
        elif current.kind == "blob" and current.mode in ("100644", "100755"):
            found.append((where, current.oid))
    return found


@dataclass(frozen=True, slots=True)
class _GitFolder:
    """A temporary folder holding files of a revision, and the repository's top."""

    folder: Path
    top: Path

    def shown(self, name: str) -> str:
        """A file of the folder named as in the working tree (relative to where we are)."""
        try:
            inside = Path(name).resolve().relative_to(self.folder.resolve())
        except ValueError:
            return name
        return display_path(self.top / inside)


@contextmanager
def _materialise(spec: str) -> Iterator[tuple[Path, _GitFolder | None]]:
    if not _is_git_spec(spec):
        yield Path(spec), None
        return
    revision, path = spec.split(":", 1)
    root = Path(_git("rev-parse", "--show-toplevel").strip())
    prefix = _git("rev-parse", "--show-prefix").strip()
    inside = (prefix + path).rstrip("/") if not path.startswith("/") else path.lstrip("/")
    parts = tuple(p for p in inside.split("/") if p not in ("", "."))
    if ".." in parts:
        raise SourceError(msg("cli/source/dot-dot", spec=spec))
    tree = _revision_tree(revision, root)
    entry = _find(tree, parts, root, spec)
    files = _blobs(entry, parts, root, spec) if entry is not None else []
    if not files:
        raise SourceError(
            msg("cli/source/nothing-at", spec=spec, inside=inside or ".", revision=revision)
        )
    if entry is not None and entry.kind == "blob":
        # One file: bring the folder of plans around it too (its sphere, framework, vision),
        # as a file on disk has them beside it.
        context = parts[: parts.index("plans") + 1] if "plans" in parts[:-1] else parts[:-1]
        around = _find(tree, context, root, spec)
        if around is not None:
            files = _blobs(around, context, root, spec)
    tmp = Path(tempfile.mkdtemp(prefix="teijuu-"))
    try:
        for name, oid in files:
            target = tmp.joinpath(*name)
            if not is_within(tmp, target):  # names are checked; this is the last word
                raise SourceError(msg("cli/source/outside", spec=spec, name="/".join(name)))
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(_git_bytes("cat-file", "blob", oid, cwd=root))
        yield tmp.joinpath(*parts), _GitFolder(tmp, root)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _same_file(a: str | Path, b: str | Path) -> bool:
    """Whether two paths name one file. realpath, unlike Path.resolve, does not raise on a loop
    of links next to the file (that loop is an io-error finding of its own)."""
    return os.path.realpath(a) == os.path.realpath(b)


def load_side(spec: str) -> Side:
    """Read one side. A single file brings its sphere's other documents as context."""
    match = _REVISION_SUFFIX.match(spec)
    if match and len(match["revision"].lstrip("0")) > _REVISION_DIGITS:
        shown = match["revision"][:12] + "…"
        raise SourceError(msg("cli/source/revision-too-large", path=match["path"], shown=shown))
    revision = int(match["revision"]) if match else None
    spec_path = match["path"] if match else spec
    with _materialise(spec_path) as (path, git):
        side = _load(spec, path, revision)
        if git is not None:
            side.sources = [replace(s, path=git.shown(s.path)) for s in side.sources]
            side.findings = [
                replace(f, file=git.shown(f.file)) if f.file else f for f in side.findings
            ]
        return side


def _load(spec: str, path: Path, revision: int | None) -> Side:
    if not path.exists():
        raise SourceError(msg("cli/source/missing", spec=spec))
    if path.is_dir():
        if revision is not None:
            raise SourceError(msg("cli/source/revision-of-folder", spec=spec))
        validated = validate_paths([path])
        return Side(spec, validated.plan, None, validated.findings, validated.sources)
    validated = validate_paths([plan_root(path)])
    sources = validated.sources
    document = _document_at(validated, path)
    findings = [
        f for f in validated.findings if f.file and _same_file(f.file, path)
    ] or validated.findings
    if document is None:
        single = validate_paths([path])
        findings, sources = single.findings, single.sources
        document = single.plan.documents[0] if single.plan.documents else None
    if document is not None and revision is not None:
        if not isinstance(document, Vision):
            raise SourceError(msg("cli/source/revision-not-vision", spec=spec))
        if revision > document.revision:
            raise SourceError(
                msg(
                    "cli/source/no-revision",
                    spec=spec,
                    vision=document.id,
                    revision=revision,
                    latest=document.revision,
                )
            )
        document = document.as_of(revision)
    return Side(spec, validated.plan, document, findings, sources)


def _document_at(validated: Validated, path: Path) -> Document | None:
    for source in validated.sources:
        if _same_file(source.path, path):
            return source.document
    return None
