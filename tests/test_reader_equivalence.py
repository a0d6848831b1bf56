"""The reader on PyYAML's C composer reads exactly what the ruamel.yaml reader before it read.

``tests/ruamel_reader.py`` is that reader, kept unchanged for this test only. Every bundled plan,
every file of a small generated national corpus, every hostile input and a table of tricky
snippets (scalars of every YAML 1.1/1.2 kind, tags, anchors, merge keys, duplicate keys, syntax
errors) must give the same data (types included), the same spans of every value and key, and the
same problems with the same messages, lines and columns — with libyaml and with the pure-Python
composer. Remove this file and ``ruamel_reader.py`` together once the old reader is no reference.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from teijuu import yamlio
from teijuu.loading import decode

from . import ruamel_reader
from .conftest import PLANS, REPO

HOSTILE = Path(__file__).resolve().parent / "hostile"

SNIPPETS = [
    # scalars: YAML 1.2 core as ruamel.yaml resolves it, not YAML 1.1
    "a: yes\nb: no\nc: on\nd: off\ne: y\nf: n\ng: Yes\nh: NO\n",
    "a: true\nb: True\nc: TRUE\nd: false\ne: FALSE\nf: tRUE\n",
    "a: 0777\nb: 0o17\nc: 0x1F\nd: -0x1f\ne: 0b101\nf: 1_000\ng: 08\nh: _\ni: +12\nj: -0\n",
    "a: 12:30\nb: 1:20:30\nc: 190:20:30.15\nd: -1:30\n",
    "a: 1.5\nb: .5\nc: 1.\nd: 1e5\ne: 1.5e-3\nf: +.5e+3\ng: 1_000.5\nh: .inf\ni: -.Inf\n",
    "a: .nan\nb: .NaN\nc: .NAN\nd: 6.02E+23\ne: -.5\nf: 0.1\ng: 67.10\nh: 1e\n",
    "a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: nULL\ng: ''\nh: \"\"\n",
    "a: 2025-12-17\nb: 2001-12-14t21:59:43.10-05:00\nc: 2001-12-14 21:59:43.10\nd: 2025-1-1\n",
    "a: '84'\nb: \"67.1\"\nc: 'true'\nd: \"null\"\ne: 'no'\nf: |\n  12\ng: >\n  3.5\n",
    "a: ! 12\nb: ! \"12\"\nc: !!str 12\nd: !!int '12'\ne: !!float 1.5\nf: !!bool yes\n",
    "a: !!null x\nb: !!int abc\nc: !!float abc\nd: !!timestamp 2025-01-01\ne: !!map {x: 1}\n",
    "a: !!seq [1]\nb: !!binary aGk=\nc: !custom x\nd: !<tag:example.com,2000:x> y\n",
    "%TAG !e! tag:example.com,2000:\n---\na: !e!x 1\n",
    "%YAML 1.1\n---\na: yes\nb: 0777\nc: 12:30\n",
    "a: =\nb: <<\n<<: {x: 1}\n",
    "a: !!merge x\n!!merge b: 1\n",
    "a: &x 1\nb: *x\n",
    "a: &x [1, 2]\nb: [*x, *x]\nc: {k: *x}\n",
    "- &a x\n- *a\n- &b {k: *a}\n- *b\n",
    "a: &x 1\n*x : 2\n",
    "a: &x 1\nb: &x 2\nc: *x\n",
    "a: 1\na: 2\n",
    "a:\n  b: 1\n  c: 2\n  b: 3\n",
    "'<<': 1\n<<: {}\n'<<': 2\n",
    "? [a, b]\n: 1\n? {k: v}\n: 2\n",
    "1: a\n2.5: b\ntrue: c\nnull: d\n~: e\n'x': f\n",
    "[1, 2, [3, [4, {a: 5}]]]\n",
    "",
    "# only a comment\n",
    "---\n",
    "--- 1\n",
    "a: 1\n---\nb: 2\n",
    "a: [1, 2\n",
    "a: {b: 1\n",
    "a: 'x\n",
    "a:\n\t- 1\n",
    "a: 1\n b: 2\n",
    "- a\nb: 1\n",
    "a: *nope\n",
    "a: b: c\n",
    "a: 1\r\nb: [x,\r\n  y]\r\n",
    "a: 1\u2028b: 2\n",
    "a: x\u0085b: 2\n",
    "a: 試験\nb: 𠮷野家\nc: [𠮷, 2.5]\nd: 𠮷: x\n",
    "a: \x00\n",
    "a: \x1b$B\n",
    "a:   # comment\n  - 1   # one\n\n  - 2\nb: >-\n  folded\n  text\n\nc: end\n",
    "a: multi\n  line plain\n  scalar\nb: 'single\n  quoted'\n",
    "k: " + "[" * 66 + "]" * 66 + "\n",
    "k: " + "[" * 64 + "]" * 64 + "\n",
    "".join(f"{' ' * (2 * i)}k{i}:\n" for i in range(70)) + " " * 140 + "v\n",
    "a: 1\n...\n",
    "a: " + "9" * 5001 + "\nb: -" + "9" * 5001 + "\nc: " + "9" * 4300 + "\n",
    "a: ? b\n",
    "- ? a\n  : b\n",
    "a: @x\n",
    "a: `x\n",
    "a: |\n  text\n   more\n",
    "a: |2-\n    text\n",
    "a: 'it''s'\nb: \"esc\\t\\u00e9\\x41\"\n",
]


def typed(value: Any) -> Any:
    """``value`` with every scalar's type spelled out (1, True and Decimal(1) are equal)."""
    if isinstance(value, dict):
        return {key: typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [typed(item) for item in value]
    if isinstance(value, Decimal):
        return ("Decimal", str(value))
    return (type(value).__name__, value)


def _code(code: str, message: str) -> str:
    # The one change of code: the old reader called every libyaml error with "duplicate" in it
    # a repeated key, and read on; a duplicate anchor or directive is a syntax error, and
    # nothing is read (teijuu's own repeated-key problem reads "the key 'k' appears twice").
    return "yaml-syntax" if code == "duplicate-key" and "found duplicate" in message else code


def _result(parsed: Any) -> dict[str, Any]:
    return {
        "data": typed(parsed.data),
        "problems": [
            (_code(p.code, p.message), p.message, (p.mark.line, p.mark.column) if p.mark else None)
            for p in parsed.problems
        ],
        "spans": dict(parsed.positions.spans),
        "key_spans": dict(parsed.positions.key_spans),
    }


def _marks(positions: Any, paths: Iterable[tuple[Any, ...]]) -> list[tuple[int, int] | None]:
    """The place of each path and of a missing path under it, as a value and as a key."""
    marks = []
    for path in paths:
        for probe in (path, (*path, "missing", 0)):
            for key in (False, True):
                mark = positions.of(probe, key=key)
                marks.append((mark.line, mark.column) if mark else None)
    return marks


def _flow_indicator_case(text: str, old: dict[str, Any]) -> bool:
    """A syntax error of ruamel.yaml.clib's libyaml (0.1.7) near a ``:`` or ``?`` in a flow
    collection, which PyYAML's libyaml (0.2.6) reads or places differently."""
    return (
        any(p[0] == "yaml-syntax" for p in old["problems"])
        and ("[" in text or "{" in text)
        and (":" in text or "?" in text)
    )


def assert_same(text: str, pure: bool = False) -> None:
    """The new reader reads ``text`` as the old one did with libyaml (ruamel.yaml.clib)."""
    before = ruamel_reader.parse_yaml(text)
    after = yamlio.parse_yaml(text, pure=pure)
    old, new = _result(before), _result(after)
    if _flow_indicator_case(text, old):
        # The one change: libyaml 0.2 (PyYAML's) allows ':' and '?' inside plain scalars
        # in flow collections ([12:30], {url: http://x}), as YAML 1.2 does, where libyaml
        # 0.1.7 (ruamel.yaml.clib's) refused them; and it says where an unclosed flow
        # collection ends rather than where such a scalar starts. Valid YAML 1.2 reads as
        # ruamel's own pure-Python reader read it; what is broken is still refused, in the
        # words of whatever is found first (a duplicate anchor, a tag: [!t 12:30]).
        if new["problems"]:
            refusals = {"yaml-syntax", "forbidden-tag", "alias-not-allowed", "duplicate-key"}
            assert {p[0] for p in new["problems"]} <= refusals, text
        else:
            assert new == _result(ruamel_reader.parse_yaml(text, pure=True)), text
        return
    unparsed = [r["data"] == typed(None) and r["problems"] for r in (old, new)]
    syntax = any(p[0] == "yaml-syntax" for p in old["problems"] + new["problems"])
    if pure and (syntax or all(unparsed)):
        # What the parser refuses it words itself: PyYAML's pure-Python parser in its own
        # words, and it refuses a few odd inputs libyaml reads (a tab right after a scalar).
        return
    assert new == old, text[:200]
    paths = old["spans"].keys() | old["key_spans"].keys()
    assert _marks(after.positions, paths) == _marks(before.positions, paths), text[:200]


def national_corpus(root: Path) -> list[Path]:
    spec = importlib.util.spec_from_file_location("national", REPO / "bench" / "national.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["national"] = module
    try:
        spec.loader.exec_module(module)
        corpus = module.generate(root, spheres=3, editions=2, measures=12)
    finally:
        del sys.modules["national"]
    files: list[Path] = corpus.all_files
    return files


def texts(paths: list[Path]) -> Iterator[tuple[str, str]]:
    for path in paths:
        text, _ = decode(path.read_bytes(), path.name)
        if text is not None:
            yield path.name, text


@pytest.mark.parametrize("pure", [False, True], ids=["libyaml", "pure"])
def test_bundled_plans_and_hostile_inputs_read_the_same(pure: bool) -> None:
    paths = sorted(PLANS.rglob("*.yaml")) + sorted(HOSTILE.glob("*.yaml"))
    read = list(texts(paths))
    assert len(read) >= 15
    for _, text in read:
        assert_same(text, pure)


def test_national_corpus_reads_the_same(tmp_path: Path) -> None:
    paths = national_corpus(tmp_path)
    assert len(paths) == 24  # 3 spheres: sphere, framework, 2 agreements, 2 × (vision, results)
    for _, text in texts(paths):
        assert_same(text)
        assert_same(text, pure=True)


@pytest.mark.parametrize("pure", [False, True], ids=["libyaml", "pure"])
@pytest.mark.parametrize("text", SNIPPETS)
def test_snippet_reads_the_same(text: str, pure: bool) -> None:
    assert_same(text, pure)


_FRAGMENTS = [
    "a",
    "b",
    "k",
    ": ",
    ":",
    "- ",
    "-",
    "\n",
    "\n  ",
    "\n    ",
    " ",
    "[",
    "]",
    "{",
    "}",
    ", ",
    "'",
    '"',
    "#",
    "&x ",
    "*x",
    "!!str ",
    "!t ",
    "! ",
    "<<",
    "?",
    "|",
    ">",
    "1",
    "0.5",
    "0777",
    "yes",
    "~",
    "2025-01-01",
    "12:30",
    ".nan",
    "試",
    "\t",
    "---",
    "...",
    "\r\n",
]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=40))
def test_random_fragments_read_the_same(parts: list[str]) -> None:
    assert_same("".join(parts))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=40))
def test_random_fragments_read_the_same_without_libyaml(parts: list[str]) -> None:
    assert_same("".join(parts), pure=True)
