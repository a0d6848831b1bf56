"""Models share what never differs between instances: the set of the fields given, and the key
table of their attributes."""

from __future__ import annotations

import pickle
import sys
from decimal import Decimal

from teijuu.model import Kpi, KpiValue


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


def test_attributes_share_their_key_table_and_behave_as_a_plain_dict() -> None:
    a = KpiValue(fiscal_year=2024, value=Decimal(1))
    # A dict with a key table of its own (what pydantic gives) is larger than the shared one.
    assert sys.getsizeof(a.__dict__) < sys.getsizeof(dict(a.__dict__))
    assert list(a.__dict__) == list(KpiValue.model_fields)
    kpi = Kpi(id="k", name="指標", unit="件", baseline=a, target=a)
    assert sys.getsizeof(kpi.__dict__) < sys.getsizeof(dict(kpi.__dict__))
    # Equality, hashing, copies, dumps and pickles see the same values.
    b = KpiValue(fiscal_year=2024, value=Decimal(1))
    assert a == b
    assert hash(a) == hash(b)
    assert a.model_copy(update={"value": Decimal(2)}).value == Decimal(2)
    assert a.value == 1
    assert pickle.loads(pickle.dumps(kpi)) == kpi
    assert KpiValue.model_validate(a.model_dump()) == a
