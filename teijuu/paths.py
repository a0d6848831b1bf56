"""The safe path resolver: nothing teijuu reads or writes under a root leaves that root.

A plan tree is read only within its root: a symbolic link is followed when it leads to a
place inside the root (a shared folder of the sphere, say), and is a finding, not read, when
it leads out (``/etc/passwd``, ``../../.git/config``). Folders are walked with a list of folders
still to visit, not by recursion, so that no depth of nesting exhausts the stack, and each folder
is visited once (a link back up is a loop, said once). Files written under a root (the files of
a git revision in a temporary folder) are checked the same way before they are written.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from teijuu.messages import Message, msg

__all__ = ["Skipped", "is_within", "safe_name", "walk_files"]


def _real(path: Path | str) -> str:
    return os.path.realpath(path)


def is_within(root: Path, path: Path) -> bool:
    """Whether ``path``, every symbolic link in it followed, is ``root`` or inside it."""
    top, real = _real(root), _real(path)
    try:
        return os.path.commonpath([top, real]) == top
    except ValueError:  # another drive on Windows
        return False


def safe_name(name: str) -> bool:
    """Whether ``name`` can be one entry of a folder on every system: not empty, not ``.`` or
    ``..``, no separator, no NUL."""
    return name not in ("", ".", "..") and not any(c in name for c in "/\\\0")


@dataclass(frozen=True, slots=True)
class Skipped:
    """A path the walk did not enter or read, and why."""

    path: Path
    reason: Message
    error: bool


def _unreadable(exc: OSError) -> Message:
    return msg("io-error/unreadable", reason=exc.strerror or str(exc))


def walk_files(root: Path, wanted: tuple[str, ...], skipped: list[Skipped]) -> Iterator[Path]:
    """Files under ``root`` whose names end with one of ``wanted`` (hidden ones left out), in
    no set order; links that lead out of ``root`` and folders reached twice go to ``skipped``."""
    seen: set[tuple[int, int]] = set()
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            info = os.stat(folder)
        except OSError as exc:
            skipped.append(Skipped(folder, _unreadable(exc), True))
            continue
        if (info.st_dev, info.st_ino) in seen:
            skipped.append(Skipped(folder, msg("io-error/loop"), False))
            continue
        seen.add((info.st_dev, info.st_ino))
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            skipped.append(Skipped(folder, _unreadable(exc), True))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if not is_dir and not entry.name.endswith(wanted):
                continue
            if entry.is_symlink() and not is_within(root, path):
                skipped.append(Skipped(path, msg("io-error/link-out", root=root), True))
                continue
            if is_dir:
                pending.append(path)
            else:
                yield path
