"""Writing files: the one locked, atomic writer every command that writes a file goes through.

A file is replaced atomically: the new content goes to a temporary file in the same folder
(``.NAME.XXXXXXXX.tmp``), flushed and synced, then renamed over the old one, so that an
interrupted write leaves the old file whole. Writers of one file take turns: each holds a lock
on ``.NAME.lock`` beside it (`filelock`_: ``flock`` on POSIX, ``LockFileEx`` on Windows, both
released by the system when a process dies) for the whole of a read-modify-write
(:func:`locked`), so that two ``teijuu record`` at once never lose an update. The holder removes
the lock file before it lets go (a process that was waiting on the removed file sees that and
takes the new one); one left by a killed writer is hidden, as are temporary files, and neither
is ever read as a plan. A temporary file left by a killed writer is removed by the next writer
of that file, under the lock.

.. _filelock: https://py-filelock.readthedocs.io/
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Final

__all__ = ["LOCK_TIMEOUT", "LockBusy", "lock_path", "locked", "write_atomically"]

LOCK_TIMEOUT: Final = 120.0
"""Seconds to wait for another writer of the same file (a record takes well under one)."""

_held: set[Path] = set()
"""Locks this process holds (a command's read-modify-write, then its write, take the same)."""


class LockBusy(OSError):
    """Another process held the file's lock for longer than :data:`LOCK_TIMEOUT`."""


def lock_path(path: Path) -> Path:
    return path.parent / f".{path.name}.lock"


def _stray_temporary(path: Path) -> re.Pattern[str]:
    # mkstemp's names: the prefix, eight characters of [a-z0-9_], the suffix
    return re.compile(rf"\.{re.escape(path.name)}\.[a-z0-9_]{{8}}\.tmp")


@contextmanager
def locked(path: Path, *, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the lock of ``path`` (re-entrant within a process): no other teijuu writes it
    meanwhile. Temporary files a killed writer left beside it are removed."""
    from filelock import FileLock, Timeout

    key = Path(os.path.abspath(path))
    if key in _held:
        yield
        return
    lock = FileLock(lock_path(key), timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise LockBusy(
            f"another program has been writing {path} for {timeout:.0f} s (it holds "
            f"{lock_path(path).name}); try again when it has finished"
        ) from None
    _held.add(key)
    try:
        _remove_stray_temporaries(key)
        yield
    finally:
        _held.discard(key)
        # Leave nothing behind: a writer waiting on the removed file takes a new one. (Windows
        # cannot remove an open file: it removes it on release.)
        with suppress(OSError):
            os.unlink(lock_path(key))
        lock.release()


def _remove_stray_temporaries(path: Path) -> None:
    pattern = _stray_temporary(path)
    try:
        names = [n for n in os.listdir(path.parent) if pattern.fullmatch(n)]
    except OSError:
        return
    for name in names:
        with suppress(OSError):
            os.unlink(path.parent / name)


def write_atomically(path: Path, content: bytes) -> None:
    """Replace ``path`` with ``content`` under its lock: a temporary file in the same folder,
    flushed, synced and renamed over it, so that an interrupted write leaves the old file
    whole. ``OSError`` (:class:`LockBusy` among them) when it cannot."""
    with locked(path):
        if path.exists():
            mode = path.stat().st_mode & 0o777
        else:  # a new file gets what the umask allows, as open() would give it (not 0600)
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, mode)
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
