"""JSON Schemas (Draft 2020-12) of every plan kind and of teijuu's JSON outputs.

The plan schemas are generated from the models, so they cannot disagree with them by more than
a test shows; they are committed under ``schemas/`` for editors (the ``$schema`` modeline at the
top of each plan file) and for other tools. ``teijuu schema --check`` fails when they are stale.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Final

from teijuu.findings import CODES, FINDINGS_SCHEMA_ID
from teijuu.model import API_VERSION, KINDS, SCHEMA_FILES

__all__ = [
    "KINDS",
    "all_schemas",
    "diff_schema",
    "findings_schema",
    "grade_schema",
    "kind_schema",
    "render",
    "stale",
    "write",
]

DRAFT: Final = "https://json-schema.org/draft/2020-12/schema"


def schema_id(contract: str) -> str:
    """The ``$id`` of a published schema: a URN made of the contract id it fixes, e.g.
    ``teijuu/v2`` + ``vision`` → ``urn:teijuu:v2:vision``, ``teijuu/diff/v1`` →
    ``urn:teijuu:diff:v1``. An identifier, not an address: teijuu has no web host, and a URL
    would pretend one. The files ship in ``schemas/`` and inside the package; editors find
    them by the ``$schema=`` path of each plan file's first line. A new major version of a
    contract is a new id; the id of a version never changes."""
    return "urn:" + contract.replace("/", ":")


FINDINGS_FILE: Final = "findings.schema.json"
GRADE_FILE: Final = "grade.schema.json"
DIFF_FILE: Final = "diff.schema.json"


def kind_schema(kind: str) -> dict[str, Any]:
    model = KINDS[kind]
    schema = model.model_json_schema(by_alias=True, mode="validation")
    required = schema.setdefault("required", [])
    for key in ("kind", "apiVersion"):
        if key not in required:
            required.insert(0, key)
    return {
        "$schema": DRAFT,
        "$id": schema_id(f"{API_VERSION}/{SCHEMA_FILES[kind].removesuffix('.schema.json')}"),
        **schema,
        "title": f"{API_VERSION} {kind}",
    }


def findings_schema() -> dict[str, Any]:
    finding = {
        "type": "object",
        "additionalProperties": False,
        "required": ["code", "severity", "message", "file", "line", "column", "subject"],
        "properties": {
            "code": {
                "type": "string",
                "minLength": 1,
                "description": "What kind of problem; validate's codes: "
                + ", ".join(sorted(CODES)),
            },
            "severity": {"enum": ["error", "warning", "info"]},
            "message": {"type": "string", "description": "For people: what, and what is right."},
            "file": {"type": ["string", "null"], "description": "The file, as given."},
            "line": {"type": ["integer", "null"], "minimum": 1},
            "column": {"type": ["integer", "null"], "minimum": 1},
            "subject": {
                "type": ["string", "null"],
                "description": "What the finding is about: a path or Kind/id:path.",
            },
        },
    }
    return {
        "$schema": DRAFT,
        "$id": schema_id(FINDINGS_SCHEMA_ID),
        "title": "teijuu findings (the --format json output of validate and check)",
        "type": "object",
        "additionalProperties": False,
        "required": ["schema", "findings"],
        "properties": {
            "schema": {"const": FINDINGS_SCHEMA_ID},
            "findings": {"type": "array", "items": finding},
        },
    }


def grade_schema() -> dict[str, Any]:
    from teijuu.contracts import GRADE_SCHEMA_ID, GradeOutput

    schema = GradeOutput.model_json_schema(by_alias=True, mode="serialization")
    schema.setdefault("required", []).insert(0, "schema")
    counts = schema["$defs"]["GradeCounts"]
    counts["additionalProperties"] = {"type": "integer", "minimum": 0}
    counts["description"] = (
        "Counts per grade label (A, B, C, D for the default rule), plus ungraded, total and "
        "ab_share."
    )
    return {
        "$schema": DRAFT,
        "$id": schema_id(GRADE_SCHEMA_ID),
        **schema,
        "title": "teijuu grade --format json (teijuu/grade/v1)",
    }


def diff_schema() -> dict[str, Any]:
    from teijuu.contracts import DIFF_SCHEMA_ID, DiffOutput

    schema = DiffOutput.model_json_schema(by_alias=True, mode="serialization")
    schema.setdefault("required", []).insert(0, "schema")
    return {
        "$schema": DRAFT,
        "$id": schema_id(DIFF_SCHEMA_ID),
        **schema,
        "title": "teijuu diff --format json (teijuu/diff/v1)",
    }


def all_schemas() -> dict[str, dict[str, Any]]:
    """File name → schema, for every schema teijuu publishes."""
    schemas = {SCHEMA_FILES[kind]: kind_schema(kind) for kind in KINDS}
    schemas[FINDINGS_FILE] = findings_schema()
    schemas[GRADE_FILE] = grade_schema()
    schemas[DIFF_FILE] = diff_schema()
    return schemas


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def stale(directory: Path) -> list[str]:
    """Names of the schema files in ``directory`` that are missing or differ from the models."""
    out = []
    for name, schema in all_schemas().items():
        path = directory / name
        if not path.is_file() or path.read_text(encoding="utf-8") != render(schema):
            out.append(name)
    return out


def write(directory: Path) -> list[str]:
    from teijuu.writing import write_atomically

    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in all_schemas().items():
        path = directory / name
        text = render(schema)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            write_atomically(path, text.encode("utf-8"))
            written.append(name)
    return written
