"""Writing plan documents as YAML in the canonical layout.

The layout: the ``$schema`` modeline, then ``apiVersion`` and ``kind``, keys in the order the
model declares them, two-space indentation with list items indented under their key, no line
folding (Japanese has no spaces to fold at), multi-line text as ``|-`` blocks, numbers plain and
exact, fiscal-year keys as numbers. ``teijuu fmt`` and ``teijuu new-edition`` write this layout;
:func:`dump_document` of a loaded document loads back equal (a property the tests check).

``teijuu fmt`` reads a file with ruamel.yaml's round-trip reader (:func:`yaml_reader`), which
keeps comments, and writes it back with :func:`yaml_writer`. Both are set up to agree with the
reader every command uses (:func:`teijuu.yamlio.parse_yaml`): YAML 1.2 whatever a ``%YAML``
directive says; numbers, booleans, nulls and timestamps kept as the text written (never a
float); text quoted whenever libyaml would read it differently plain (a ``:`` in a flow list)
or raw (a tab, NEL, U+2028, a control character: double quotes with escapes).
"""

from __future__ import annotations

import io
import re
from decimal import Decimal
from typing import Any, Final

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.emitter import Emitter
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarstring import LiteralScalarString

from teijuu.model import SCHEMA_FILES, Document


class _Representer(RoundTripRepresenter):
    pass


def _represent_decimal(representer: RoundTripRepresenter, value: Decimal) -> Any:
    text = format(value, "f")
    tag = "tag:yaml.org,2002:float" if "." in text else "tag:yaml.org,2002:int"
    return representer.represent_scalar(tag, text)


_Representer.add_representer(Decimal, _represent_decimal)


class Verbatim(str):
    """A scalar that is not text (a number, boolean, null or timestamp) as it was written, with
    its tag: read and written back unchanged, so that ``12345678901234.5678`` never passes
    through a float and ``1e-400`` never becomes ``0e+000``."""

    __slots__ = ("tag",)
    tag: str

    def __new__(cls, text: str, tag: str) -> Verbatim:
        made = super().__new__(cls, text)
        made.tag = tag
        return made


def _represent_verbatim(representer: RoundTripRepresenter, value: Verbatim) -> Any:
    return representer.represent_scalar(value.tag, str(value))


_Representer.add_representer(Verbatim, _represent_verbatim)


class _Constructor(RoundTripConstructor):
    def construct_verbatim(self, node: ScalarNode) -> Verbatim:
        return Verbatim(str(node.value), str(getattr(node.tag, "value", node.tag)))


for _kind in ("int", "float", "bool", "null", "timestamp"):
    _Constructor.add_constructor(f"tag:yaml.org,2002:{_kind}", _Constructor.construct_verbatim)


class _Resolver(VersionedResolver):
    """YAML 1.2 always, as :func:`teijuu.yamlio.parse_yaml` reads: a ``%YAML 1.1`` directive
    would turn ``no:`` into ``false:``."""

    @property
    def processing_version(self) -> Any:
        return (1, 2)


_NEVER_RAW: Final = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]"
)
"""Characters libyaml reads differently raw (NEL, U+2028, U+2029 are line breaks to it) or not
at all (controls): such text is written in double quotes, where they are escapes."""


def double_quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar that every reader reads back as ``text``: JSON's
    escapes (which YAML shares) and ``\\uXXXX`` for the characters of :data:`_NEVER_RAW`."""
    import json

    quoted = json.dumps(text, ensure_ascii=False)
    return _NEVER_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


_FLOW_INDICATORS: Final = re.compile(r"[:?#,\[\]{}&*!|>'\"%@`]")
"""Characters that make a plain scalar in a flow list ambiguous to libyaml: quoted there."""


class _Emitter(Emitter):
    def choose_scalar_style(self) -> Any:
        value = self.event.value
        if self.event.style == ">":  # ruamel marks a folded block's folds with "\a"
            value = value.replace("\a", "")
        if _NEVER_RAW.search(value):
            return '"'
        style = super().choose_scalar_style()
        if style == "" and (
            "\t" in value or (self.flow_level and _FLOW_INDICATORS.search(value))
        ):  # libyaml reads neither plain: a tab, or an indicator inside [ ] (`:` as a key, `?`)
            return '"'
        return style


def yaml_writer() -> YAML:
    """The ruamel.yaml round-trip writer with the canonical settings."""
    yaml = YAML(typ="rt")
    yaml.Representer = _Representer
    yaml.Emitter = _Emitter
    yaml.Resolver = _Resolver
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    yaml.version = None
    return yaml


def yaml_reader() -> YAML:
    """The round-trip reader ``teijuu fmt`` uses: comments kept, scalars that are not text kept
    as written (:class:`Verbatim`), YAML 1.2 whatever the file's directive says."""
    yaml = YAML(typ="rt", pure=True)
    yaml.Constructor = _Constructor
    yaml.Resolver = _Resolver
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


DEFAULT_SCHEMAS: Final = "../../../schemas"
"""Where the schemas are from a file of ``plans/SPHERE/KIND/`` in a repository of plans."""


def modeline(kind: str, schemas: str = DEFAULT_SCHEMAS) -> str:
    """The first line of a plan file: the ``$schema`` that editors check it against."""
    return f"# yaml-language-server: $schema={schemas}/{SCHEMA_FILES[kind]}"


def dump_document(
    document: Document, *, header: str | None = None, schemas: str = DEFAULT_SCHEMAS
) -> str:
    """The document as canonical YAML text, with its modeline and an optional comment header."""
    stream = io.StringIO()
    yaml_writer().dump(to_yaml_tree(document_data(document)), stream)
    lines = [modeline(document.kind, schemas)]
    if header:
        lines += [f"# {line}".rstrip() for line in header.split("\n")]
    return "\n".join(lines) + "\n" + stream.getvalue()
