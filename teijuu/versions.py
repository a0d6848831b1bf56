"""The versions of the plan format (``apiVersion``), defined once.

The models' ``apiVersion`` literals, ``teijuu.model.API_VERSION`` and ``teijuu.migration.CURRENT``
must agree with :meth:`ApiVersion.current` (``tests/test_api.py`` checks it); this module
imports nothing, so that any of them may derive from it.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

__all__ = ["API_VERSION", "ApiVersion"]


class ApiVersion(StrEnum):
    """A version of the plan format, with whether teijuu still reads it and how."""

    V1 = "teijuu/v1"
    V2 = "teijuu/v2"

    @classmethod
    def current(cls) -> ApiVersion:
        """The version teijuu writes."""
        return cls.V2

    @property
    def is_current(self) -> bool:
        return self is ApiVersion.current()

    @property
    def upgraded_in_memory(self) -> bool:
        """An older version that teijuu still reads, upgrading it as it loads (with a note);
        ``teijuu migrate`` rewrites such files."""
        return not self.is_current


API_VERSION: Final = ApiVersion.current().value
