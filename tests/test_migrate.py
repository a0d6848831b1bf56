from __future__ import annotations

from typing import Any

import pytest

from teijuu import migrate
from teijuu.loading import validate_data
from teijuu.yamlio import parse_yaml

from .conftest import SMALL_SPHERE


def test_current_version_needs_no_migration() -> None:
    data = {"apiVersion": "teijuu/v1", "kind": "Sphere"}
    assert migrate.migrate(data) is data


def test_older_files_are_migrated_on_load(monkeypatch: pytest.MonkeyPatch) -> None:
    # A made-up v0 that called the municipalities "members": the chain v0 → v1 upgrades it.
    def v0_to_v1(data: dict[str, Any]) -> dict[str, Any]:
        data = dict(data)
        data["municipalities"] = data.pop("members")
        return data

    monkeypatch.setitem(migrate.MIGRATIONS, "teijuu/v0", ("teijuu/v1", v0_to_v1))
    text = SMALL_SPHERE.replace("teijuu/v1", "teijuu/v0").replace("municipalities:", "members:")
    result = validate_data(parse_yaml(text).data)
    assert result.problems == []
    assert result.document is not None
    assert [m.name for m in result.document.municipalities] == ["甲市", "乙町"]  # type: ignore[union-attr]


def test_unknown_versions_and_loops_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(migrate.MigrationError, match="known: teijuu/v1"):
        migrate.migrate({"apiVersion": "teijuu/v7"})
    monkeypatch.setitem(migrate.MIGRATIONS, "a", ("b", dict))
    monkeypatch.setitem(migrate.MIGRATIONS, "b", ("a", dict))
    with pytest.raises(migrate.MigrationError):
        migrate.migrate({"apiVersion": "a"})
