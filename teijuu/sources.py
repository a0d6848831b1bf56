"""Where the two sides of a diff come from: a file, a directory, or a git revision.

``plans/…/3rd.yaml`` a file; ``plans/`` a directory; ``main:plans/…`` the file or directory at
that git revision (read with ``git show``, never checked out); a ``@rN`` suffix on a vision
file means the vision as it stood at revision N (``3rd.yaml@r0``: as adopted).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from teijuu.findings import Finding
from teijuu.loading import plan_root
from teijuu.model import Document, Vision
from teijuu.plan import Plan
from teijuu.validate import Validated, validate_paths

_REVISION_SUFFIX = re.compile(r"^(?P<path>.+)@r(?P<revision>[0-9]+)$")
_REVISION_DIGITS = 6
"""A revision number longer than this names no revision (a vision is revised a few times)."""


class SourceError(ValueError):
    """A side that cannot be read; the message says why."""


@dataclass(slots=True)
class Side:
    """One side of a diff: its plan, and its document when it names one file."""

    label: str
    plan: Plan
    document: Document | None
    findings: list[Finding]


def _git(*args: str, cwd: Path | None = None) -> str:
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, check=False, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SourceError(f"git could not run: {exc}") from None
    if done.returncode != 0:
        raise SourceError(done.stderr.strip() or f"git {' '.join(args)} failed")
    return done.stdout


def _git_bytes(*args: str, cwd: Path) -> bytes:
    """A file's bytes from git; a failure is a :class:`SourceError`, like :func:`_git`'s."""
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SourceError(f"git could not run: {exc}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", errors="replace").strip()
        raise SourceError(message or f"git {' '.join(args)} failed")
    return done.stdout


def _is_git_spec(spec: str) -> bool:
    if Path(spec).exists() or ":" not in spec:
        return False
    revision = spec.split(":", 1)[0]
    return bool(revision) and not re.match(r"^[A-Za-z]$", revision)  # not a Windows drive


@contextmanager
def materialise(spec: str) -> Iterator[Path]:
    """The path a spec names, on disk: git revisions are written to a temporary directory."""
    if not _is_git_spec(spec):
        yield Path(spec)
        return
    revision, path = spec.split(":", 1)
    root = Path(_git("rev-parse", "--show-toplevel").strip())
    prefix = _git("rev-parse", "--show-prefix").strip()
    inside = (prefix + path).rstrip("/") if not path.startswith("/") else path.lstrip("/")
    names = _git("ls-tree", "-r", "--name-only", revision, "--", inside or ".", cwd=root)
    files = [n for n in names.splitlines() if n]
    if not files:
        raise SourceError(f"{spec}: nothing at {inside or '.'} in {revision}")
    if files == [inside]:
        # One file: bring the folder of plans around it too (its sphere, framework, vision),
        # as a file on disk has them beside it.
        parts = Path(inside).parts
        context = (
            str(Path(*parts[: parts.index("plans") + 1]))
            if "plans" in parts[:-1]
            else str(Path(inside).parent)
        )
        names = _git("ls-tree", "-r", "--name-only", revision, "--", context, cwd=root)
        files = [n for n in names.splitlines() if n]
    tmp = Path(tempfile.mkdtemp(prefix="teijuu-"))
    try:
        for name in files:
            target = tmp / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(_git_bytes("show", f"{revision}:{name}", cwd=root))
        yield tmp / inside if inside else tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def load_side(spec: str) -> Side:
    """Read one side. A single file brings its sphere's other documents as context."""
    match = _REVISION_SUFFIX.match(spec)
    if match and len(match["revision"].lstrip("0")) > _REVISION_DIGITS:
        shown = match["revision"][:12] + "…"
        raise SourceError(
            f"{match['path']}@r{shown}: no vision has a revision that large; write @r0 "
            "(as adopted), @r1 and so on, up to its latest revision"
        )
    revision = int(match["revision"]) if match else None
    spec_path = match["path"] if match else spec
    with materialise(spec_path) as path:
        if not path.exists():
            raise SourceError(f"{spec}: no such file or directory")
        if path.is_dir():
            if revision is not None:
                raise SourceError(f"{spec}: @rN names a revision of one vision file")
            validated = validate_paths([path])
            return Side(spec, validated.plan, None, validated.findings)
        validated = validate_paths([plan_root(path)])
        document = _document_at(validated, path)
        findings = [
            f for f in validated.findings if f.file and Path(f.file).resolve() == path.resolve()
        ] or validated.findings
        if document is None:
            single = validate_paths([path])
            findings = single.findings
            document = single.plan.documents[0] if single.plan.documents else None
        if document is not None and revision is not None:
            if not isinstance(document, Vision):
                raise SourceError(f"{spec}: @rN needs a vision file")
            if revision > document.revision:
                raise SourceError(
                    f"{spec}: {document.id} has no revision {revision} (latest: "
                    f"{document.revision})"
                )
            document = document.as_of(revision)
        return Side(spec, validated.plan, document, findings)


def _document_at(validated: Validated, path: Path) -> Document | None:
    for source in validated.sources:
        if Path(source.path).resolve() == path.resolve():
            return source.document
    return None
