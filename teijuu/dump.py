"""Writing plan documents as YAML in the canonical layout.

The layout: the ``$schema`` modeline, then ``apiVersion`` and ``kind``, keys in the order the
model declares them, two-space indentation with list items indented under their key, no line
folding (Japanese has no spaces to fold at), multi-line text as ``|-`` blocks, numbers plain and
exact, fiscal-year keys as numbers. ``teijuu fmt`` and ``teijuu new-edition`` write this layout;
:func:`dump_document` of a loaded document loads back equal (a property the tests check).
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.scalarstring import LiteralScalarString

from teijuu.model import SCHEMA_FILES, Document


class _Representer(RoundTripRepresenter):
    pass


def _represent_decimal(representer: RoundTripRepresenter, value: Decimal) -> Any:
    text = format(value, "f")
    tag = "tag:yaml.org,2002:float" if "." in text else "tag:yaml.org,2002:int"
    return representer.represent_scalar(tag, text)


_Representer.add_representer(Decimal, _represent_decimal)


def yaml_writer() -> YAML:
    """The ruamel.yaml round-trip writer with the canonical settings."""
    yaml = YAML(typ="rt")
    yaml.Representer = _Representer
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    yaml.version = None
    return yaml


def to_yaml_tree(value: Any) -> Any:
    """Plain data (from ``model_dump``) as ruamel nodes: block style, literal multi-line text."""
    if isinstance(value, dict):
        mapping = CommentedMap()
        for key, item in value.items():
            mapping[key] = to_yaml_tree(item)
        return mapping
    if isinstance(value, list | tuple):
        return CommentedSeq(to_yaml_tree(v) for v in value)
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    return value


def document_data(document: Document) -> dict[str, Any]:
    """The document as plain data in model order, without defaults that say nothing."""
    data = document.model_dump(mode="python", by_alias=True, exclude_defaults=True)
    data = {"apiVersion": document.api_version, "kind": document.kind, **data}
    return _plain(data)  # type: ignore[no-any-return]


def _plain(value: Any) -> Any:
    from teijuu.fiscal import PlanDate, PrintedYear

    if isinstance(value, dict):
        return {(k if isinstance(k, str | int) else str(k)): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, PlanDate):
        return value.printed
    if isinstance(value, PrintedYear):
        return value.printed
    if hasattr(value, "value") and type(value).__module__.startswith("teijuu"):
        return value.value  # enums
    return value


def modeline(kind: str, schemas: str = "../../../schemas") -> str:
    return f"# yaml-language-server: $schema={schemas}/{SCHEMA_FILES[kind]}"


def dump_document(
    document: Document, *, header: str | None = None, schemas: str = "../../../schemas"
) -> str:
    """The document as canonical YAML text, with its modeline and an optional comment header."""
    stream = io.StringIO()
    yaml_writer().dump(to_yaml_tree(document_data(document)), stream)
    lines = [modeline(document.kind, schemas)]
    if header:
        lines += [f"# {line}".rstrip() for line in header.split("\n")]
    return "\n".join(lines) + "\n" + stream.getvalue()
