"""What validating leaves behind: no reference cycles, and what was read frozen out of the
cycle collector (``gc.freeze()``), with the collector as the caller had it."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from teijuu.validate import validate_paths

from .conftest import PLANS

HOSTILE = Path(__file__).resolve().parent / "hostile"


@pytest.fixture
def collector() -> Iterator[None]:
    """The collector enabled, nothing frozen; as it was afterwards."""
    was_enabled = gc.isenabled()
    gc.unfreeze()
    gc.collect()
    gc.enable()
    yield
    gc.unfreeze()
    if not was_enabled:
        gc.disable()


@pytest.mark.usefixtures("collector")
def test_reading_makes_no_reference_cycles() -> None:
    """So freezing what was read keeps nothing alive that would otherwise be freed."""
    gc.disable()
    validated = validate_paths([PLANS, *sorted(HOSTILE.glob("*.yaml"))])
    assert validated.findings  # the hostile files were read, and refused
    assert gc.collect() == 0


@pytest.mark.usefixtures("collector")
def test_what_was_read_is_frozen_and_the_collector_left_enabled() -> None:
    before = gc.get_freeze_count()
    validated = validate_paths([PLANS])
    assert gc.isenabled()
    assert gc.get_freeze_count() > before
    document = validated.plan.documents[0]
    assert not any(o is document for o in gc.get_objects())  # not in any generation


@pytest.mark.usefixtures("collector")
def test_a_disabled_collector_stays_disabled() -> None:
    gc.disable()
    validate_paths([PLANS])
    assert not gc.isenabled()
