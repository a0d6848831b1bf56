"""The reader teijuu used before it read through libyaml's composer (teijuu.yamlio), kept
unchanged as the oracle of tests/test_reader_equivalence.py: the same data, positions and
findings on every input there. It is test code only (ruamel.yaml.clib is a dev dependency for
it); remove both once the new reader has been trusted for a release.

Reading YAML safely, with the line and column of every key and value.

ruamel.yaml composes the text into nodes (YAML 1.2, no object construction); this module turns
the nodes into plain Python values itself, so that it can refuse what plans must not contain
(explicit tags, anchors and aliases, duplicate keys, absurd nesting) with a position, and read
every number exactly: ``67.1`` becomes ``Decimal("67.1")``, never a float. Keys are kept as the
text written; dates stay text (YAML 1.2 has no timestamps).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Final

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError

MAX_DEPTH: Final = 64

PathKey = str | int
Path = tuple[PathKey, ...]

_CORE = "tag:yaml.org,2002:"
_FLOAT_RE = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")


@dataclass(frozen=True, slots=True)
class Mark:
    line: int  # 1-based
    column: int  # 1-based


@dataclass(slots=True)
class Positions:
    """Where each value (and each mapping key) of a document was written.

    Only character offsets are kept while reading (two integers a value); lines and columns
    are worked out when a finding needs one, which is rarely.
    """

    spans: dict[Path, tuple[int, int]] = field(default_factory=dict)
    """Character offsets [start, end) of each value in the text, for editing in place."""
    key_spans: dict[Path, tuple[int, int]] = field(default_factory=dict)
    text: str = ""
    _line_starts: list[int] | None = None

    def mark_at(self, index: int) -> Mark:
        if self._line_starts is None:
            self._line_starts = [0, *(m.end() for m in re.finditer("\n", self.text))]
        line = bisect.bisect_right(self._line_starts, index)
        return Mark(line, index - self._line_starts[line - 1] + 1)

    def of(self, path: Path, *, key: bool = False) -> Mark | None:
        """The mark of ``path`` (its key's with ``key``), or of its nearest written ancestor."""
        first, second = (self.key_spans, self.spans) if key else (self.spans, self.key_spans)
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            span = first.get(prefix) or second.get(prefix)
            if span is not None:
                return self.mark_at(span[0])
        return None


@dataclass(frozen=True, slots=True)
class YamlProblem:
    code: str
    message: str
    mark: Mark | None


@dataclass(slots=True)
class ParsedYaml:
    data: Any
    positions: Positions
    problems: list[YamlProblem]


def _mark(node: Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


def _tag(node: Node) -> str:
    tag = node.tag
    return str(getattr(tag, "value", tag))


class _Builder:
    def __init__(self, text: str) -> None:
        self.positions = Positions(text=text)
        self.problems: list[YamlProblem] = []
        self.seen: set[int] = set()

    def problem(self, code: str, message: str, node: Node | None) -> None:
        self.problems.append(YamlProblem(code, message, _mark(node) if node is not None else None))

    def build(self, node: Node, path: Path, depth: int, used_at: Node | None = None) -> Any:
        """Plain values of ``node``; ``used_at`` is the node it stands under, for aliases."""
        if id(node) in self.seen:
            # The composer hands out the anchored node again for each alias (*name).
            first = _mark(node)
            self.problems.append(
                YamlProblem(
                    "alias-not-allowed",
                    f"this value is an alias of the one at line {first.line}; anchors and aliases "
                    "(&name, *name) are not allowed in plan files, so that every value can be read "
                    "where it stands: write the value out",
                    _mark(used_at) if used_at is not None else first,
                )
            )
            return None
        self.seen.add(id(node))
        self.positions.spans.setdefault(path, (node.start_mark.index, node.end_mark.index))
        if depth > MAX_DEPTH:
            self.problem(
                "too-deep", f"nesting deeper than {MAX_DEPTH} levels; no plan needs that many", node
            )
            return None
        tag = _tag(node)
        if isinstance(node, MappingNode):
            if tag != _CORE + "map":
                return self._bad_tag(node, tag)
            return self._mapping(node, path, depth)
        if isinstance(node, SequenceNode):
            if tag != _CORE + "seq":
                return self._bad_tag(node, tag)
            return [
                self.build(item, (*path, i), depth + 1, node) for i, item in enumerate(node.value)
            ]
        assert isinstance(node, ScalarNode)
        return self._scalar(node, tag)

    def _bad_tag(self, node: Node, tag: str) -> None:
        shown = tag.replace(_CORE, "!!")
        self.problem(
            "forbidden-tag",
            f"the tag {shown} is not allowed in plan files; write plain YAML values "
            "(text, numbers, true/false, lists and mappings)",
            node,
        )

    def _mapping(self, node: MappingNode, path: Path, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if _tag(key_node) == _CORE + "merge":
                self.problem(
                    "alias-not-allowed",
                    "merge keys (<<) are not allowed in plan files; write the keys out",
                    key_node,
                )
                continue
            if not isinstance(key_node, ScalarNode):
                self.problem("wrong-type", "a mapping key must be plain text", key_node)
                continue
            key = str(key_node.value)
            if key in result:
                first = self.positions.mark_at(self.positions.key_spans[(*path, key)][0])
                self.problem(
                    "duplicate-key",
                    f"the key {key!r} appears twice in this mapping (first at line "
                    f"{first.line}); keep one of them",
                    key_node,
                )
                continue
            self.positions.key_spans[(*path, key)] = (
                key_node.start_mark.index,
                key_node.end_mark.index,
            )
            result[key] = self.build(value_node, (*path, key), depth + 1, key_node)
        return result

    def _scalar(self, node: ScalarNode, tag: str) -> Any:
        text: str = node.value
        if tag == _CORE + "str" or tag == _CORE + "timestamp":
            return text
        if tag == _CORE + "null":
            return None
        if tag == _CORE + "bool":
            return text.lower() == "true"
        if tag == _CORE + "int":
            cleaned = text.replace("_", "")
            try:
                return (
                    int(cleaned, 0)
                    if cleaned.lstrip("+-")[:2].lower() in ("0x", "0o")
                    else int(cleaned)
                )
            except ValueError:
                return text
        if tag == _CORE + "float":
            # Non-finite values stay text; the models reject them with a clear message.
            return Decimal(text) if _FLOAT_RE.match(text) else text
        return self._bad_tag(node, tag)


MAX_SCAN_DEPTH: Final = MAX_DEPTH + 1
"""Flow nesting ([ and {) past this (the same limit as the builder's, whose root is depth 0) or
indentation past four times it is refused before parsing: libyaml recurses once per level and
would overflow the C stack on tens of thousands of levels."""


_DEEP_INDENT = re.compile(f"^ {{{MAX_SCAN_DEPTH * 4 + 1}}}", re.MULTILINE)


def _too_deep(text: str) -> Mark | None:
    """Where the text nests deeper than any plan, found by a quick scan (no parsing)."""
    if text.count("[") + text.count("{") <= MAX_SCAN_DEPTH and _DEEP_INDENT.search(text) is None:
        return None  # cannot nest that deep: the usual case, decided at C speed
    depth = 0
    line, column = 1, 0
    quote = ""
    at_line_start = True
    indent = 0
    for char in text:
        column += 1
        if char == "\n":
            line, column, at_line_start, indent = line + 1, 0, True, 0
            quote = "" if quote == "'" else quote
            continue
        if at_line_start:
            if char == " ":
                indent += 1
                if indent > MAX_SCAN_DEPTH * 4:
                    return Mark(line, column)
                continue
            at_line_start = False
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'" and depth:
            quote = char
        elif char == "#":
            quote = "\n"  # a comment runs to the end of the line
        elif char in "[{":
            depth += 1
            if depth > MAX_SCAN_DEPTH:
                return Mark(line, column)
        elif char in "]}":
            depth = max(0, depth - 1)
    return None


def parse_yaml(text: str, *, pure: bool = False) -> ParsedYaml:
    """Parse one YAML document; problems are returned, never raised.

    The scanner is libyaml's (ruamel.yaml.clib) unless ``pure`` or it is not installed; the
    values are built here either way, so both read a file the same.
    """
    yaml = YAML(typ="safe", pure=pure)
    yaml.version = (1, 2)
    builder = _Builder(text)
    deep = _too_deep(text)
    if deep is not None:
        message = f"nesting deeper than {MAX_DEPTH} levels; no plan needs that many"
        return ParsedYaml(None, builder.positions, [YamlProblem("too-deep", message, deep)])
    try:
        node = yaml.compose(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Mark(mark.line + 1, mark.column + 1) if mark is not None else None
        reason = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        code = "duplicate-key" if "duplicate" in reason else "yaml-syntax"
        if mark is not None:
            lines = text.split("\n")
            row = lines[mark.line] if mark.line < len(lines) else ""
            if "\t" in row[: mark.column + 1] and "tab" not in reason:
                reason += " (a tab: YAML is indented with spaces only)"
        return ParsedYaml(None, builder.positions, [YamlProblem(code, reason or str(exc), where)])
    except ReaderError as exc:
        # A character YAML does not allow (a NUL, an escape of ISO-2022-JP): say where it is.
        # libyaml counts bytes of UTF-8, the pure reader characters.
        position = (
            exc.position
            if pure
            else len(text.encode("utf-8")[: exc.position].decode("utf-8", errors="ignore"))
        )
        before = text[:position]
        where = Mark(before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1)
        code_point = exc.character if isinstance(exc.character, int) else ord(exc.character)
        message = (
            f"the character U+{code_point:04X} is not allowed in YAML (control "
            "characters are not); is the file UTF-8 text?"
        )
        return ParsedYaml(None, builder.positions, [YamlProblem("yaml-syntax", message, where)])
    except YAMLError as exc:
        first = str(exc).strip().split("\n", 1)[0]
        return ParsedYaml(None, builder.positions, [YamlProblem("yaml-syntax", first, None)])
    except RecursionError:
        return ParsedYaml(
            None,
            builder.positions,
            [YamlProblem("too-deep", "the document nests too deeply to be read", None)],
        )
    if node is None:
        return ParsedYaml(None, builder.positions, [])
    data = builder.build(node, (), 0)
    if any(p.code == "alias-not-allowed" for p in builder.problems):
        _place_aliases(text, builder.problems, pure)
    return ParsedYaml(data, builder.positions, builder.problems)


def _place_aliases(text: str, problems: list[YamlProblem], pure: bool) -> None:
    """Point each alias problem at the ``*name`` it is about (the composer only knows where
    the anchored value is): the aliases of the event stream, in document order."""
    from ruamel.yaml.events import AliasEvent

    try:
        marks = [
            Mark(e.start_mark.line + 1, e.start_mark.column + 1)
            for e in YAML(typ="safe", pure=pure).parse(text)
            if isinstance(e, AliasEvent)
        ]
    except YAMLError:  # pragma: no cover - the text composed already
        return
    index = 0
    for i, problem in enumerate(problems):
        if problem.code == "alias-not-allowed" and problem.message.startswith("this value"):
            if index < len(marks):
                problems[i] = YamlProblem(problem.code, problem.message, marks[index])
            index += 1
