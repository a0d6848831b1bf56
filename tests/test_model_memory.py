"""Models share what never differs between instances: the set of the fields given."""

from __future__ import annotations

from decimal import Decimal

from teijuu.model import KpiValue


def test_instances_given_the_same_fields_share_one_set_and_copies_do_not_leak() -> None:
    a = KpiValue(fiscal_year=2024, value=Decimal(1))
    b = KpiValue(fiscal_year=2025, value=Decimal(2))
    assert a.model_fields_set is b.model_fields_set
    # model_copy copies the set before it adds the fields updated: the shared set is untouched
    c = a.model_copy(update={"printed": "1件"})
    assert c.model_fields_set == {"fiscal_year", "value", "printed"}
    assert a.model_fields_set == b.model_fields_set == {"fiscal_year", "value"}
    assert KpiValue(fiscal_year=2024).model_fields_set == {"fiscal_year"}
    assert a.model_dump(exclude_unset=True) == {"fiscal_year": 2024, "value": Decimal(1)}
