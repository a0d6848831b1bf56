"""The JSON Schemas and the models accept the same documents.

Valid documents (the bundled plans and a small plan) are mutated at random — a value replaced
by one from a pool of likely mistakes, a key removed or added — and each result is validated
both with ``jsonschema`` against the committed schema of its kind and with the models. They must
agree, except where the models check what JSON Schema cannot express (a period must not end
before it starts).
"""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from teijuu.loading import validate_data
from teijuu.model import SCHEMA_FILES
from teijuu.yamlio import parse_yaml

from .conftest import PLANS, REPO, SMALL_PLAN

POOL: list[Any] = [
    "48,221",
    "R6",
    "H32",
    "FY2024",
    "2024",
    "2024年度",
    "令和6年度",
    -5,
    Decimal("-0.5"),
    Decimal("1.5"),
    0,
    1,
    2024,
    1700,
    True,
    False,
    None,
    "",
    "x",
    "A",
    "⑳",
    "⑳⑳",
    "2025-12-17",
    "H25.10",
    "H25.13",
    "2023年 (R10) 度",
    "来年度",
    [],
    {},
    ["a"],
    {"x": 1},
    "1e5",
    " 5",
    "higher",
    "draft",
    "adopted",
    "common",
    ".nan",
    "teijuu/v2",
    "Vision",
    "Results",
    "Holiday",
    "holiday-night-care",
    "actual-over-target",
    "half-up",
    "at-least",
]


@cache
def corpus() -> list[dict[str, Any]]:
    texts = [p.read_text("utf-8") for p in sorted(PLANS.rglob("*.yaml"))]
    texts += list(SMALL_PLAN.values())
    documents = []
    for text in texts:
        data = parse_yaml(text).data
        assert validate_data(data).document is not None
        documents.append(data)
    return documents


@cache
def validator(kind: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((REPO / "schemas" / SCHEMA_FILES[kind]).read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            out += paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += paths(value, (*prefix, i))
    return out


def mutate(data: dict[str, Any], path: tuple[Any, ...], action: str, value: Any) -> Any:
    data = copy.deepcopy(data)
    if not path:
        return value if action == "replace" else data
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if action == "replace":
        parent[last] = copy.deepcopy(value)
    elif action == "delete" and isinstance(parent, dict):
        del parent[last]
    elif action == "add" and isinstance(parent, dict):
        parent["unexpected_key"] = copy.deepcopy(value)
    elif action == "key" and isinstance(parent, dict) and isinstance(value, str) and value:
        parent[value] = parent.pop(last)
    return data


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, Any]:
    original = draw(st.sampled_from(corpus()))
    kind = original["kind"]
    where = draw(st.sampled_from(paths(original)))
    action = draw(st.sampled_from(["replace", "replace", "delete", "add", "key"]))
    value = draw(st.sampled_from(POOL))
    return kind, mutate(original, where, action, value)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_schema_and_model_agree(case: tuple[str, Any]) -> None:
    kind, data = case
    by_schema = validator(kind).is_valid(data)
    result = validate_data(data)
    by_model = result.document is not None
    if by_schema and not by_model:
        # Rules between fields, which JSON Schema cannot state, may still reject it.
        cross_field = {"invalid-period", "invalid-grading-rule"}
        assert {p.code for p in result.problems} <= cross_field, result.problems
    else:
        assert by_schema == by_model, (by_schema, result.problems)


def test_every_bundled_document_is_valid_under_its_schema() -> None:
    for data in corpus():
        validator(data["kind"]).validate(data)


def test_committed_schemas_are_fresh() -> None:
    from teijuu.schemas import stale

    assert stale(REPO / "schemas") == []


def test_schema_modelines_point_at_the_committed_schemas() -> None:
    for path in sorted(PLANS.rglob("*.yaml")):
        first = path.read_text("utf-8").split("\n", 1)[0]
        target = first.split("$schema=", 1)[1]
        assert (path.parent / target).resolve().is_file(), path
        assert Path(target).name == SCHEMA_FILES[parse_yaml(path.read_text("utf-8")).data["kind"]]


def test_every_schema_has_the_id_of_its_contract() -> None:
    from teijuu.contracts import DIFF_SCHEMA_ID, GRADE_SCHEMA_ID
    from teijuu.findings import FINDINGS_SCHEMA_ID

    ids = {
        path.name: json.loads(path.read_text("utf-8"))["$id"]
        for path in sorted((REPO / "schemas").glob("*.json"))
    }
    assert len(set(ids.values())) == len(ids)  # one id, one schema
    assert ids["vision.schema.json"] == "urn:teijuu:v2:vision"
    assert ids["diff.schema.json"] == "urn:" + DIFF_SCHEMA_ID.replace("/", ":")
    assert ids["grade.schema.json"] == "urn:" + GRADE_SCHEMA_ID.replace("/", ":")
    assert ids["findings.schema.json"] == "urn:" + FINDINGS_SCHEMA_ID.replace("/", ":")
    assert all(i.startswith("urn:teijuu:") for i in ids.values())
