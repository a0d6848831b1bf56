"""Reading YAML safely, with the line and column of every key and value.

libyaml (through PyYAML's C composer) composes the text into nodes, with no object construction
and no tag resolution; this module turns the nodes into plain Python values itself, so that it
can refuse what plans must not contain (explicit tags, anchors and aliases, duplicate keys,
absurd nesting) with a position, resolve plain scalars by the YAML 1.2 core schema (``no``,
``on`` and ``0777``-style octals are not YAML 1.1 here), and read every number exactly:
``67.1`` becomes ``Decimal("67.1")``, never a float. Keys are kept as the text written; dates
stay text (YAML 1.2 has no timestamps); quoted scalars are always text.

Positions are kept compactly: five integers a node in one array (the offsets of its value and
of its key, and where its subtree ends); a path is looked up, and a line and column worked
out, only when something asks for one, which is rarely (a finding, an edit).

When PyYAML's C extension is not installed, PyYAML's pure-Python composer is used instead
(about six times slower, the same values); :data:`PARSER` says which one reads.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from itertools import accumulate
from sys import intern
from typing import Any, Final

from yaml.composer import Composer
from yaml.error import MarkedYAMLError, YAMLError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader, ReaderError
from yaml.scanner import Scanner

from teijuu.messages import TEMPLATES, Message, msg

try:
    from yaml._yaml import CParser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    LIBYAML = False
else:
    LIBYAML = True

MAX_DEPTH: Final = 64

PARSER: Final = "libyaml (PyYAML's C composer)" if LIBYAML else "PyYAML (pure Python)"
"""Which composer :func:`parse_yaml` uses by default."""

PathKey = str | int
Path = tuple[PathKey, ...]

_CORE = "tag:yaml.org,2002:"
_STR: Final = _CORE + "str"
_SEQ: Final = _CORE + "seq"
_MAP: Final = _CORE + "map"
_MERGE: Final = _CORE + "merge"
_FLOAT_RE = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")

# The YAML 1.2 implicit resolvers of ruamel.yaml (which read plans before this module did),
# in its order, by the first character of a plain scalar: the same text gets the same type.
_RESOLVERS_12: Final = [
    (_CORE + "bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
    (
        _CORE + "float",
        re.compile(
            r"""^(?:
             [-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
            |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
            |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
            |[-+]?\.(?:inf|Inf|INF)
            |\.(?:nan|NaN|NAN))$""",
            re.X,
        ),
        "-+0123456789.",
    ),
    (
        _CORE + "int",
        re.compile(
            r"""^(?:[-+]?0b[0-1_]+
            |[-+]?0o?[0-7_]+
            |[-+]?[0-9_]+
            |[-+]?0x[0-9a-fA-F_]+)$""",
            re.X,
        ),
        "-+0123456789",
    ),
    (_MERGE, re.compile(r"^(?:<<)$"), "<"),
    (_CORE + "null", re.compile(r"^(?: ~ |null|Null|NULL | )$", re.X), ["~", "n", "N", ""]),
    (
        _CORE + "timestamp",
        re.compile(
            r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
            |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
            (?:[Tt]|[ \t]+)[0-9][0-9]?
            :[0-9][0-9] :[0-9][0-9] (?:\.[0-9]*)?
            (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""",
            re.X,
        ),
        "0123456789",
    ),
    (_CORE + "value", re.compile(r"^(?:=)$"), "="),
]
_RESOLVERS: Final[dict[str, list[tuple[str, re.Pattern[str]]]]] = {}
for _tag, _regexp, _first in _RESOLVERS_12:
    for _char in _first:
        _RESOLVERS.setdefault(_char, []).append((_tag, _regexp))


def resolve_plain(text: str) -> str:
    """The YAML 1.2 core tag of a plain (unquoted, untagged) scalar."""
    for tag, regexp in _RESOLVERS.get(text[:1], ()):
        if regexp.match(text):
            return tag
    return _STR


@dataclass(frozen=True, slots=True)
class Mark:
    line: int  # 1-based
    column: int  # 1-based


_NO_SPAN: Final = -1
_FIELDS: Final = 5  # per node: value start, value end, key start, key end, end of subtree


class Positions:
    """Where each value (and each mapping key) of a document was written.

    Only character offsets are kept, in one flat array, with where each line of the text
    starts (not the text); paths are looked up, and lines and columns worked out, when a
    finding or an edit needs one.
    """

    __slots__ = ("_keys", "_line_starts", "_lookup", "_nodes")

    def __init__(
        self, text: str = "", nodes: array[int] | None = None, keys: list[str | None] | None = None
    ) -> None:
        self._nodes: array[int] = nodes if nodes is not None else array("i")
        self._keys: list[str | None] = keys if keys is not None else []
        # The offset after each "\n", worked out at C speed: 1 + the length of each line,
        # added up (the last, past the end of the text, is dropped).
        self._line_starts = array("i", [0])
        self._line_starts.extend(accumulate(map((1).__add__, map(len, text.split("\n")))))
        self._line_starts.pop()
        # Each node's children by index and by key, listed when a path first goes through it.
        self._lookup: dict[int, tuple[list[int], dict[str, int]]] | None = None

    @property
    def spans(self) -> Mapping[Path, tuple[int, int]]:
        """Character offsets [start, end) of each value in the text, for editing in place."""
        return _Spans(self, 0)

    @property
    def key_spans(self) -> Mapping[Path, tuple[int, int]]:
        """Character offsets [start, end) of each mapping key, by the path of its value."""
        return _Spans(self, 2)

    def mark_at(self, index: int) -> Mark:
        line = bisect.bisect_right(self._line_starts, index)
        return Mark(line, index - self._line_starts[line - 1] + 1)

    def of(self, path: Path, *, key: bool = False) -> Mark | None:
        """The mark of ``path`` (its key's with ``key``), or of its nearest written ancestor."""
        first, second = (2, 0) if key else (0, 2)
        nodes = self._nodes
        for node in reversed(self._chain(path)):
            for offset in (first, second):
                start = nodes[node * _FIELDS + offset]
                if start != _NO_SPAN:
                    return self.mark_at(start)
        return None

    def span(self, node: int, offset: int) -> tuple[int, int] | None:
        base = node * _FIELDS + offset
        start = self._nodes[base]
        return None if start == _NO_SPAN else (start, self._nodes[base + 1])

    def _children(self, node: int) -> Iterator[int]:
        nodes = self._nodes
        child, end = node + 1, nodes[node * _FIELDS + 4]
        while child < end:
            yield child
            child = nodes[child * _FIELDS + 4]

    def _chain(self, path: Path) -> list[int]:
        """The nodes at ``path`` and its ancestors that were read, from the root down."""
        if not self._keys:
            return []
        chain = [0]
        for part in path:
            found = self._child(chain[-1], part)
            if found is None:
                break
            chain.append(found)
        return chain

    def _child(self, node: int, part: PathKey) -> int | None:
        """The child of ``node`` at ``part``: an index of a list, a key of a mapping (its first
        of a key written twice). A node's children are listed once, when first looked in, so
        that locating every item of a long list is not a walk along it for each."""
        if self._lookup is None:
            self._lookup = {}
        listed = self._lookup.get(node)
        if listed is None:
            items: list[int] = []
            keyed: dict[str, int] = {}
            for child in self._children(node):
                key = self._keys[child]
                if key is None:
                    items.append(child)
                else:
                    keyed.setdefault(key, child)
            listed = self._lookup[node] = (items, keyed)
        items, keyed = listed
        if isinstance(part, int):
            return items[part] if 0 <= part < len(items) else None  # a mapping has no items
        return keyed.get(part)

    def keys_under(self, path: Path) -> list[str]:
        """The keys written in the mapping at ``path`` (none where it is not a mapping read)."""
        chain = self._chain(path)
        if len(chain) != len(path) + 1:  # not read that far
            return []
        keys = (self._keys[child] for child in self._children(chain[-1]))
        return [key for key in keys if key is not None]

    def paths(self) -> Iterator[tuple[Path, int]]:
        """Every node read, with its path, in document order."""
        stack: list[tuple[Path, int]] = [((), 0)] if self._keys else []
        while stack:
            path, node = stack.pop()
            yield path, node
            children = list(self._children(node))
            for i, child in reversed(list(enumerate(children))):
                key = self._keys[child]
                stack.append(((*path, key if key is not None else i), child))


class _Spans(Mapping[Path, tuple[int, int]]):
    """A read-only view of the value (``offset`` 0) or key (2) spans of :class:`Positions`."""

    __slots__ = ("_offset", "_positions")

    def __init__(self, positions: Positions, offset: int) -> None:
        self._positions = positions
        self._offset = offset

    def __getitem__(self, path: Path) -> tuple[int, int]:
        chain = self._positions._chain(path)
        span = (
            self._positions.span(chain[-1], self._offset) if len(chain) == len(path) + 1 else None
        )
        if span is None:
            raise KeyError(path)
        return span

    def __iter__(self) -> Iterator[Path]:
        for path, node in self._positions.paths():
            if self._positions.span(node, self._offset) is not None:
                yield path

    def __len__(self) -> int:
        return sum(1 for _ in self)


@dataclass(frozen=True, slots=True)
class YamlProblem:
    code: str
    message: str
    mark: Mark | None
    detail: Message | None = field(default=None, compare=False)
    """The message as a template of :mod:`teijuu.messages` and its parameters: it renders in
    Japanese too (``message`` is its English)."""

    @classmethod
    def of(cls, code: str, detail: Message, mark: Mark | None) -> YamlProblem:
        return cls(code, detail.render("en"), mark, detail)


@dataclass(slots=True)
class ParsedYaml:
    data: Any
    positions: Positions
    problems: list[YamlProblem]


def _mark(node: Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


_NOTHING: Final[dict[object, object]] = {}


class _Resolving:
    """Composes nodes without resolving their tags: a plain, untagged scalar gets the tag
    ``None`` (this module resolves it), any other the tag written or the default one."""

    def resolve(self, kind: type[Node], value: str | None, implicit: Any) -> str | None:
        if kind is ScalarNode:
            return None if implicit[0] else _STR
        return _SEQ if kind is SequenceNode else _MAP

    # The composer calls these two around every node (for path resolvers, which this module
    # has none of): C built-ins that do nothing cost less than Python methods that do nothing.
    descend_resolver = staticmethod(_NOTHING.get)  # (_NOTHING.get(node, index): no effect)
    ascend_resolver = staticmethod(tuple)  # (tuple(): no effect)


if LIBYAML:

    class _CComposer(_Resolving, CParser):
        pass


class _PyComposer(_Resolving, Reader, Scanner, Parser, Composer):
    def __init__(self, text: str) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)

    def compose_scalar_node(self, anchor: Any) -> ScalarNode:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if event.tag == "!" and not event.value and event.style is None:
            # As libyaml reads a node of nothing but the tag `!` (not `! ''` or `! |`): text
            event.implicit = (False, False)
        node: ScalarNode = Composer.compose_scalar_node(self, anchor)
        return node


class _Builder:
    """Plain values of a node tree, with the offsets of each node in ``nodes``.

    Plain scalars under a mapping or a list, the most of any plan, are read in the loops of
    :meth:`_mapping` and :meth:`_sequence`; everything else goes through :meth:`build`.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.problems: list[YamlProblem] = []
        # An alias needs an anchor (&) and a star (*): without both, no node can come twice.
        self.seen: set[int] | None = set() if "&" in text and "*" in text else None
        self.nodes: list[int] = []  # _FIELDS a node, in document order
        self.keys: list[str | None] = []  # the key each node stands under (None: an item)

    def problem(self, code: str, message: Message, node: Node) -> None:
        self.problems.append(YamlProblem.of(code, message, _mark(node)))

    def build(
        self,
        node: Node,
        depth: int,
        key: str | None = None,
        key_node: Node | None = None,
        used_at: Node | None = None,
    ) -> Any:
        """Plain values of ``node``; ``used_at`` is the node it stands under, for aliases."""
        index = len(self.keys)
        self.keys.append(key)
        nodes = self.nodes
        key_start, key_end = (
            (_NO_SPAN, 0)
            if key_node is None
            else (key_node.start_mark.index, key_node.end_mark.index)
        )
        if self.seen is not None:
            if id(node) in self.seen:
                # The composer hands out the anchored node again for each alias (*name).
                nodes += (_NO_SPAN, 0, key_start, key_end, index + 1)
                first = _mark(node)
                self.problems.append(
                    YamlProblem.of(
                        "alias-not-allowed",
                        msg("alias-not-allowed/alias", line=first.line),
                        _mark(used_at) if used_at is not None else first,
                    )
                )
                return None
            self.seen.add(id(node))
        nodes += (node.start_mark.index, node.end_mark.index, key_start, key_end, index + 1)
        if depth > MAX_DEPTH:
            self.problem("too-deep", msg("too-deep/nesting", depth=MAX_DEPTH), node)
            return None
        tag = node.tag
        if tag is None:  # a plain scalar
            value = node.value
            if not value or value[0] in _RESOLVERS:
                return self._plain(node, value)
            return intern(value) if len(value) <= _SHARED_TEXT else value
        if isinstance(node, ScalarNode):
            return self._scalar(node, tag)
        result: dict[str, Any] | list[Any]
        if isinstance(node, MappingNode):
            if tag != _MAP:
                return self._bad_tag(node, tag)
            result = self._mapping(node, depth + 1)
        else:
            assert isinstance(node, SequenceNode)
            if tag != _SEQ:
                return self._bad_tag(node, tag)
            result = self._sequence(node, depth + 1)
        nodes[index * _FIELDS + 4] = len(self.keys)
        return result

    def _bad_tag(self, node: Node, tag: str) -> None:
        shown = tag.replace(_CORE, "!!")
        self.problem("forbidden-tag", msg("forbidden-tag/tag", tag=shown), node)

    def _mapping(self, node: MappingNode, depth: int) -> dict[str, Any]:
        """The items of ``node``, whose values are at ``depth``."""
        result: dict[str, Any] = {}
        nodes, keys = self.nodes, self.keys
        fast = self.seen is None and depth <= MAX_DEPTH
        for key_node, value_node in node.value:
            tag = key_node.tag
            if tag == _MERGE or (tag is None and key_node.value == "<<"):
                self.problem("alias-not-allowed", msg("alias-not-allowed/merge"), key_node)
                continue
            if not isinstance(key_node, ScalarNode):
                self.problem("wrong-type", msg("wrong-type/key"), key_node)
                continue
            # Interned: the positions keep every key, and a plan repeats a few dozen of them.
            key = intern(str(key_node.value))
            if key in result:
                first = self._first_key_line(node, key)
                self.problem(
                    "duplicate-key", msg("duplicate-key/key", key=key, line=first), key_node
                )
                continue
            if fast and value_node.tag is None:  # a plain scalar: the usual value
                keys.append(key)
                nodes += (
                    value_node.start_mark.index,
                    value_node.end_mark.index,
                    key_node.start_mark.index,
                    key_node.end_mark.index,
                    len(keys),
                )
                value = value_node.value
                if not value or value[0] in _RESOLVERS:
                    value = self._plain(value_node, value)
                elif len(value) <= _SHARED_TEXT:
                    value = intern(value)
                result[key] = value
            else:
                result[key] = self.build(value_node, depth, key, key_node, key_node)
        return result

    def _sequence(self, node: SequenceNode, depth: int) -> list[Any]:
        """The items of ``node``, at ``depth``."""
        result: list[Any] = []
        nodes, keys = self.nodes, self.keys
        fast = self.seen is None and depth <= MAX_DEPTH
        for item in node.value:
            if fast and item.tag is None:  # a plain scalar
                keys.append(None)
                nodes += (item.start_mark.index, item.end_mark.index, _NO_SPAN, 0, len(keys))
                value = item.value
                if not value or value[0] in _RESOLVERS:
                    value = self._plain(item, value)
                elif len(value) <= _SHARED_TEXT:
                    value = intern(value)
                result.append(value)
            else:
                result.append(self.build(item, depth, None, None, node))
        return result

    def _first_key_line(self, node: MappingNode, key: str) -> int:
        """The line where ``key`` is first written in the mapping ``node``, counted in the
        text as :meth:`Positions.mark_at` counts (for a duplicate key)."""
        for key_node, _ in node.value:
            merge = key_node.tag == _MERGE or (key_node.tag is None and key_node.value == "<<")
            if isinstance(key_node, ScalarNode) and str(key_node.value) == key and not merge:
                return self.text.count("\n", 0, key_node.start_mark.index) + 1
        raise AssertionError("a duplicate key has a first occurrence")  # pragma: no cover

    def _plain(self, node: ScalarNode, text: str) -> Any:
        """The value of a plain scalar that may be other than text."""
        if text.isdigit() and text.isascii():  # what the int resolver makes of it, sooner
            try:
                return int(text)
            except ValueError:  # more digits than Python converts: text, as _scalar says
                return text
        return self._scalar(node, resolve_plain(text))

    def _scalar(self, node: ScalarNode, tag: str) -> Any:
        text: str = node.value
        if tag == _STR or tag == _CORE + "timestamp":
            return intern(text) if len(text) <= _SHARED_TEXT else text
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


_SHARED_TEXT: Final = 32
"""Texts this short (ids, units, names of fields and municipalities, labels) recur in every plan
and across its files: each is kept once (interned, as keys are). Longer texts are kept as read."""

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


def _composer(text: str, pure: bool) -> Any:
    if pure or not LIBYAML:
        return _PyComposer(text)
    return _CComposer(text)


def parse_yaml(text: str, *, pure: bool = False) -> ParsedYaml:
    """Parse one YAML document; problems are returned, never raised.

    The composer is libyaml's (PyYAML's C extension) unless ``pure`` or it is not installed;
    the values are built here either way, so both read a file the same.
    """
    deep = _too_deep(text)
    if deep is not None:
        message = msg("too-deep/nesting", depth=MAX_DEPTH)
        return ParsedYaml(None, Positions(text), [YamlProblem.of("too-deep", message, deep)])
    try:
        node = _composer(text, pure).get_single_node()
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Mark(mark.line + 1, mark.column + 1) if mark is not None else None
        reason = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        # The composer never sees a repeated key (the builder below does): its "duplicate" is an
        # anchor or a directive given twice, a syntax error that leaves nothing to read.
        code = "yaml-syntax"
        tab: Message | str = ""
        if mark is not None:
            lines = text.split("\n")
            row = lines[mark.line] if mark.line < len(lines) else ""
            if "\t" in row[: mark.column + 1] and "tab" not in reason:
                tab = msg("yaml-syntax/tab")
        message = (
            _libyaml_message(exc.context, exc.problem, tab)
            if reason
            else msg("yaml-syntax/unknown", problem=str(exc))
        )
        return ParsedYaml(None, Positions(text), [YamlProblem.of(code, message, where)])
    except ReaderError as exc:
        # A character YAML does not allow (a NUL, an escape of ISO-2022-JP): say where it is.
        # libyaml counts bytes of UTF-8, the pure reader characters.
        position = (
            exc.position
            if pure or not LIBYAML
            else len(text.encode("utf-8")[: exc.position].decode("utf-8", errors="ignore"))
        )
        before = text[:position]
        where = Mark(before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1)
        code_point = exc.character if isinstance(exc.character, int) else ord(exc.character)
        message = msg("yaml-syntax/character", code_point=code_point)
        return ParsedYaml(None, Positions(text), [YamlProblem.of("yaml-syntax", message, where)])
    except YAMLError as exc:
        first = msg("yaml-syntax/unknown", problem=str(exc).strip().split("\n", 1)[0])
        return ParsedYaml(None, Positions(text), [YamlProblem.of("yaml-syntax", first, None)])
    except RecursionError:
        deep_message = msg("too-deep/recursion")
        return ParsedYaml(None, Positions(text), [YamlProblem.of("too-deep", deep_message, None)])
    if node is None:
        return ParsedYaml(None, Positions(text), [])
    builder = _Builder(text)
    data = builder.build(node, 0)
    positions = Positions(text, array("i", builder.nodes), builder.keys)
    if any(p.code == "alias-not-allowed" for p in builder.problems):
        _place_aliases(text, builder.problems, pure)
    return ParsedYaml(data, positions, builder.problems)


def _place_aliases(text: str, problems: list[YamlProblem], pure: bool) -> None:
    """Point each alias problem at the ``*name`` it is about (the composer only knows where
    the anchored value is): the aliases of the event stream, in document order."""
    from yaml.events import AliasEvent

    parser = _composer(text, pure)
    marks = []
    try:
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, AliasEvent) and event.start_mark is not None:
                marks.append(Mark(event.start_mark.line + 1, event.start_mark.column + 1))
    except YAMLError:  # pragma: no cover - the text composed already
        return
    index = 0
    for i, problem in enumerate(problems):
        if problem.detail is not None and problem.detail.key == "alias-not-allowed/alias":
            if index < len(marks):
                problems[i] = replace(problem, mark=marks[index])
            index += 1


_LIBYAML: Final = {
    msg(key).render("en"): key
    for key in TEMPLATES
    if key.startswith(("yaml-syntax/problem/", "yaml-syntax/context/"))
}
"""The catalogue's messages for libyaml's own words, by those words."""


def _libyaml_message(context: str | None, problem: str | None, tab: Message | str) -> Message:
    """What libyaml says (``while parsing a flow sequence`` ``did not find expected ',' or
    ']'``) as a message: its words, in English as it says them, in Japanese where the
    catalogue has them and in brackets where it does not."""
    if context and problem:
        return msg(
            "yaml-syntax/parse",
            context=_libyaml_words(context, "context"),
            problem=_libyaml_words(problem, "problem"),
            tab=tab,
        )
    said = _libyaml_words(context or problem, "problem")
    return msg("yaml-syntax/parse-bare", problem=said, tab=tab)


def _libyaml_words(text: str | None, part: str) -> Message:
    """libyaml's ``context`` or ``problem``: the catalogue's message for it, else its words."""
    key = _LIBYAML.get(str(text))
    if key is not None:
        return msg(key)
    if part == "context":
        return msg("yaml-syntax/unknown-context", context=text)
    return msg("yaml-syntax/unknown", problem=text)
