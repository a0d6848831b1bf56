"""Where the bundled plans and schemas are: inside the installed package, or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _first_existing(name: str) -> Path:
    # A wheel carries them inside the package (teijuu/plans); a checkout has them beside it.
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    return _PACKAGE / name


def plans_dir() -> Path:
    """The bundled plans (the 一関・平泉 sphere)."""
    return _first_existing("plans")


def schemas_dir() -> Path:
    """The JSON Schemas of every plan kind and every JSON output."""
    return _first_existing("schemas")
