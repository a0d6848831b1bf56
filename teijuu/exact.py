"""A fraction as a decimal of so many places, exactly: the one place teijuu rounds a
:class:`~fractions.Fraction` (a rate, a share, an actual computed from its parts).

The division is done on integers, never on ``Decimal`` (whose context keeps 28 digits): a rate
of 0.999…9 with thirty nines is shown 0.999999, never rounded up to 1.000000 past the grade
boundary it did not reach.
"""

from __future__ import annotations

import math
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Final

__all__ = ["DOWN", "HALF_UP", "decimal_of"]

DOWN: Final = ROUND_DOWN
"""Truncate towards zero: what is shown never crosses a boundary the value did not."""
HALF_UP: Final = ROUND_HALF_UP
"""Round half away from zero (四捨五入), as printed figures are."""


def decimal_of(value: Fraction, places: int, rounding: str = DOWN) -> Decimal:
    """``value`` with ``places`` decimal places (``places`` may be 0), rounded by ``rounding``
    (:data:`DOWN` or :data:`HALF_UP`), computed exactly."""
    scaled = abs(value) * 10**places
    if rounding == ROUND_DOWN:
        digits = math.floor(scaled)
    elif rounding == ROUND_HALF_UP:
        digits = math.floor(scaled + Fraction(1, 2))
    else:
        raise ValueError(f"rounding {rounding!r}: use DOWN or HALF_UP")
    sign = "-" if value < 0 and digits else ""
    return Decimal(f"{sign}{digits}E-{places}") if places else Decimal(f"{sign}{digits}")
