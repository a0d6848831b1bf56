"""Upgrading plan files written for an older ``apiVersion``.

When a later schema version changes a kind, it adds a step here that rewrites the raw mapping of
the previous version into the next one; the loader applies the chain from the version a file
declares up to :data:`CURRENT`. Files are never rewritten on disk by loading.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

CURRENT: Final = "teijuu/v1"

Step = Callable[[dict[str, Any]], dict[str, Any]]

MIGRATIONS: dict[str, tuple[str, Step]] = {}
"""``old version → (next version, step)``. teijuu/v1 is the first version: nothing to migrate."""


class MigrationError(ValueError):
    pass


def known_versions() -> list[str]:
    return sorted({CURRENT, *MIGRATIONS})


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Upgrade a raw document to :data:`CURRENT`; raise :class:`MigrationError` if impossible."""
    version = data.get("apiVersion")
    seen: set[str] = set()
    while version != CURRENT:
        if not isinstance(version, str) or version not in MIGRATIONS or version in seen:
            raise MigrationError(
                f"apiVersion {version!r} is not one this teijuu reads; "
                f"known: {', '.join(known_versions())}"
            )
        seen.add(version)
        version, step = MIGRATIONS[version]
        data = {**step(data), "apiVersion": version}
    return data
