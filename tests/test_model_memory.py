"""Models share what never differs between instances: the set of the fields given, and the key
table of their attributes."""

from __future__ import annotations

import pickle
import tracemalloc
from decimal import Decimal

import pytest

from teijuu.model import Kpi, KpiValue, common


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
    assert list(a.__dict__) == list(KpiValue.model_fields)
    kpi = Kpi(id="k", name="指標", unit="件", baseline=a, target=a)
    # Equality, hashing, copies, dumps and pickles see the same values.
    b = KpiValue(fiscal_year=2024, value=Decimal(1))
    assert a == b
    assert hash(a) == hash(b)
    assert a.model_copy(update={"value": Decimal(2)}).value == Decimal(2)
    assert a.value == 1
    assert pickle.loads(pickle.dumps(kpi)) == kpi
    assert KpiValue.model_validate(a.model_dump()) == a


def _bytes_of_models(count: int) -> int:
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        models = [KpiValue(fiscal_year=2024, value=Decimal(i)) for i in range(count)]
        size = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert len(models) == count
    return size


@pytest.mark.skipif(not common._SHARE_KEYS, reason="Python 3.13 keeps an instance's values inline")
def test_models_with_key_sharing_dicts_take_less_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    shared = _bytes_of_models(2000)
    monkeypatch.setattr(common, "_SHARE_KEYS", False)
    own = _bytes_of_models(2000)
    assert shared < 0.85 * own, (shared, own)
