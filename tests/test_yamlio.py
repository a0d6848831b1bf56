"""Reading YAML: the same values and positions with libyaml's scanner and the pure one."""

from __future__ import annotations

from decimal import Decimal

import pytest

from teijuu.yamlio import parse_yaml

TEXT = """\
a: 67.1
b: 0.1
c: 48221
d: yes
e: 2025-12-17
f: "84"
g: null
h: [1, 2.50]
2024: x
"""


@pytest.mark.parametrize("pure", [True, False])
def test_values_are_exact_and_yaml_1_2(pure: bool) -> None:
    parsed = parse_yaml(TEXT, pure=pure)
    assert parsed.problems == []
    assert parsed.data == {
        "a": Decimal("67.1"),
        "b": Decimal("0.1"),
        "c": 48221,
        "d": "yes",  # YAML 1.2: not a boolean
        "e": "2025-12-17",  # YAML 1.2: no timestamps
        "f": "84",
        "g": None,
        "h": [1, Decimal("2.50")],
        "2024": "x",  # keys are text as written
    }
    assert isinstance(parsed.data["a"], Decimal)
    mark = parsed.positions.of(("h", 1))
    assert mark is not None
    assert (mark.line, mark.column) == (8, 8)
    key = parsed.positions.of(("2024",), key=True)
    assert key is not None
    assert (key.line, key.column) == (9, 1)


@pytest.mark.parametrize("pure", [True, False])
def test_refusals_are_the_same(pure: bool) -> None:
    text = "a: &x [1]\nb: *x\nc: !!binary aGk=\nd: 1\nd: 2\n"
    problems = parse_yaml(text, pure=pure).problems
    assert [(p.code, p.mark.line if p.mark else None) for p in problems] == [
        ("alias-not-allowed", 2),
        ("forbidden-tag", 3),
        ("duplicate-key", 5),
    ]


@pytest.mark.parametrize("pure", [True, False])
def test_billion_laughs_is_refused_quickly(pure: bool) -> None:
    lines = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 10)]
    problems = parse_yaml("\n".join(lines) + "\n", pure=pure).problems
    assert {p.code for p in problems} == {"alias-not-allowed"}
    assert len(problems) == 81  # each alias once, never expanded


@pytest.mark.parametrize("pure", [True, False])
def test_colons_in_flow_plain_scalars_are_yaml_1_2(pure: bool) -> None:
    """libyaml 0.1.7 (ruamel.yaml.clib's, the reader before) refused these; YAML 1.2 allows
    them, and so did ruamel's own pure-Python reader."""
    parsed = parse_yaml("times: [12:30, 9:00]\nsite: {url: http://example.jp}\n", pure=pure)
    assert parsed.problems == []
    assert parsed.data == {"times": ["12:30", "9:00"], "site": {"url": "http://example.jp"}}


def test_positions_keep_lines_not_text() -> None:
    text = "a: 1\nb:\n  - x\n  - 試験\n"
    positions = parse_yaml(text).positions
    assert not hasattr(positions, "text")
    assert positions.spans[("b", 1)] == (text.index("試験"), text.index("試験") + 2)
    assert positions.key_spans[("b",)] == (5, 6)
    assert ("b", 2) not in positions.spans
    assert dict(positions.spans).keys() == {(), ("a",), ("b",), ("b", 0), ("b", 1)}
    mark = positions.of(("b", 1, "missing"))
    assert mark is not None
    assert (mark.line, mark.column) == (4, 5)


@pytest.mark.parametrize("pure", [True, False])
def test_an_integer_too_long_to_convert_stays_text(pure: bool) -> None:
    """Python refuses to convert more than 4,300 digits: never a traceback, the text."""
    digits = "9" * 5001
    parsed = parse_yaml(f"a: {digits}\nb: -{digits}\n", pure=pure)
    assert parsed.problems == []
    assert parsed.data == {"a": digits, "b": "-" + digits}
