"""``teijuu fmt`` never changes what a file says: each case read the same before and after, or
is refused with where and why, and nothing is written (issue 12, item 1)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from teijuu.cli import main
from teijuu.dump import double_quoted, dump_document, yaml_reader, yaml_writer
from teijuu.editing import EditError, format_text
from teijuu.guard import check_rewrite, first_difference
from teijuu.loading import load_text
from teijuu.model import Budget, Kpi, KpiValue, Measure, Period, ProgramGroup, Vision, VisionStatus
from teijuu.yamlio import parse_yaml

from .conftest import SMALL_RESULTS, SMALL_SPHERE


def _results(old: str, new: str) -> str:
    assert SMALL_RESULTS.count(old) == 1, old
    return SMALL_RESULTS.replace(old, new)


_TEXT = "順調に推移した。"

# Each was rewritten to other data, or to text that does not parse, or crashed (a traceback).
KEPT = {
    "colon-in-flow-list": SMALL_SPHERE + 'other_names: [消防・防災, "http://example.jp/x"]\n',
    "long-decimal": _results("actual: 18", "actual: 12345678901234.5678"),
    "tiny-exponent": _results("actual: 18", "actual: 1e-400"),
    "huge-exponent": _results("actual: 18", "actual: 1e400"),
    "trailing-zeros": _results("actual: 18", "actual: 18.50"),
    "nel-escape": _results(_TEXT, '"順調\\x85推移"'),
    "nel-raw-in-quotes": _results(_TEXT, "'順調\x85推移'"),
    "line-separator": _results(_TEXT, "'順調\u2028推移'"),
    "paragraph-separator-escape": _results(_TEXT, '"順調\\P推移"'),
    "yaml-1.1-directive": "%YAML 1.1\n---\n"
    + SMALL_SPHERE
    + "notes:\n  no: 1\n  yes: on\n  octal: 012\n",
    "tab-in-plain-text": _results(_TEXT, "順調\tに推移"),
    "tab-in-flow-list": SMALL_SPHERE + "other_names: [a\tb, c]\n",
    "5001-digit-integer": _results("actual: 18", "actual: " + "9" * 5001),
    "int-tag-on-text": _results(_TEXT, "!!int x"),
    "timestamp": SMALL_SPHERE + "formed: 2001-12-14t21:59:43.10-05:00\n",
    "control-escape": _results(_TEXT, '"a\\x7fb\\x9fc"'),
    # ruamel marks the folds of a `>` block with "\a": they must not turn the text into escapes
    "folded-japanese": _results(
        f"text: {_TEXT}",
        "text: >-\n          助成プランを\n          「東備西播」の見直し案に盛り込む",
    ),
    "question-mark-in-flow-list": SMALL_SPHERE + 'other_names: [":", "\U0004eaa2?¯", "a?b"]\n',
    "plain-multi-line": _results(
        f"text: {_TEXT}", "text: 助成プランを\n          「東備西播」の案"
    ),
}


@pytest.mark.parametrize("text", [pytest.param(t, id=name) for name, t in KEPT.items()])
def test_fmt_keeps_the_data(text: str) -> None:
    before = parse_yaml(text)
    assert before.problems == [], before.problems  # validate reads it
    once = format_text(text)
    after = parse_yaml(once)
    assert after.problems == [], (once, after.problems)
    assert first_difference(before.data, after.data) is None, once
    assert format_text(once) == once  # and it is canonical now


def test_flow_list_text_with_a_colon_is_quoted() -> None:
    once = format_text(KEPT["colon-in-flow-list"])
    assert 'other_names: [消防・防災, "http://example.jp/x"]' in once


def test_numbers_keep_their_digits() -> None:
    once = format_text(KEPT["long-decimal"])
    assert "actual: 12345678901234.5678\n" in once
    assert "actual: 1e-400\n" in format_text(KEPT["tiny-exponent"])
    assert "actual: 18.50\n" in format_text(KEPT["trailing-zeros"])


def test_yaml_1_1_directive_does_not_turn_no_into_false() -> None:
    once = format_text(KEPT["yaml-1.1-directive"])
    assert "  no: 1\n  yes: on\n  octal: 012\n" in once
    assert "false" not in once


def test_line_breaks_of_libyaml_are_escaped() -> None:
    once = format_text(KEPT["nel-escape"])
    assert "\x85" not in once
    assert '"順調\\N推移"' in once


# Refused, at the place and with what to do; the file is left as it was.
REFUSED = {
    "tab-after-plain-text": (_results(_TEXT, "順調\t"), "replace the tab with spaces"),
    "tab-in-key": (SMALL_SPHERE + "a\tb: 1\n", "replace the tab with spaces"),
}


@pytest.mark.parametrize(
    ("text", "words"), [pytest.param(*case, id=name) for name, case in REFUSED.items()]
)
def test_what_fmt_cannot_lay_out_is_refused_at_its_place(
    text: str, words: str, tmp_path: Path
) -> None:
    assert parse_yaml(text).problems == []
    path = tmp_path / "plan.yaml"
    path.write_text(text, "utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main(["fmt", str(path)], out=out, err=err) == 1
    (line,) = err.getvalue().splitlines()
    assert line.startswith(f"{path}:"), line
    assert ": error: fmt-error: " in line, line
    assert words in line, line
    assert "nothing was written" in line, line
    assert path.read_text("utf-8") == text


def test_the_guard_refuses_a_rewrite_that_changes_data() -> None:
    old = "a: 1\nb: [x, y]\nc: 67.10\n"
    assert check_rewrite(old, "b: [x, y]\nc: 67.10\na: 1\n") is None  # only the order moved
    for new, where in [
        ("a: 1.0\nb: [x, y]\nc: 67.10\n", (1, 4)),  # an int became a decimal
        ("a: 1\nb: [x, y]\nc: 67.1\n", (3, 4)),  # a digit lost
        ("a: '1'\nb: [x, y]\nc: 67.10\n", (1, 4)),  # a number became text
        ("a: 1\nb: [x]\nc: 67.10\n", (2, 4)),  # an item lost
        ("a: 1\nb: [x, y]\n", (3, 4)),  # a key lost
    ]:
        problem = check_rewrite(old, new, what="fmt")
        assert problem is not None, new
        assert problem.mark is not None
        assert (problem.mark.line, problem.mark.column) == where
        assert "nothing was written" in problem.message
    broken = check_rewrite(old, "a: [1\n")
    assert broken is not None
    assert "not be readable YAML" in broken.message


def test_a_rewrite_the_guard_refuses_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Were the writer to change a value (a bug), fmt says where and leaves the file alone."""
    import teijuu.dump

    path = tmp_path / "results.yaml"
    path.write_text(SMALL_RESULTS, "utf-8")
    real = teijuu.dump.yaml_writer

    def lossy() -> Any:
        writer = real()
        writer.Representer.add_representer(teijuu.dump.Verbatim, _as_float)
        return writer

    monkeypatch.setattr(teijuu.dump, "yaml_writer", lossy)
    try:
        with pytest.raises(EditError, match="must read the number 18") as raised:
            format_text(SMALL_RESULTS.replace("actual: 18", "actual:   18"))
        assert raised.value.mark is not None
        assert raised.value.mark.line == SMALL_RESULTS.splitlines().index("        actual: 18") + 1
    finally:
        real().Representer.add_representer(teijuu.dump.Verbatim, teijuu.dump._represent_verbatim)


def _as_float(representer: Any, value: Any) -> Any:
    return representer.represent_scalar("tag:yaml.org,2002:float", str(value) + ".0")


def test_double_quoted_reads_back_as_written() -> None:
    for text in ["a\x85b", "a\u2028b\u2029", 'q"\\', "\t\x00\x1b\x7f\x9f", "\ufeffx", "普通"]:
        assert parse_yaml("k: " + double_quoted(text) + "\n").data == {"k": text}


# -- properties ------------------------------------------------------------------------------

_any_text = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\r"),
    min_size=1,
    max_size=12,
).filter(lambda t: t.strip() == t and t.strip())
_names = st.one_of(
    st.text(alphabet="一関平泉町市事業:#-[]{}, '\"\t", min_size=1), _any_text
).filter(lambda t: t.strip() == t and t != "")
_ids = st.from_regex(r"[a-z][a-z0-9]{0,8}", fullmatch=True)
_values = st.one_of(  # what a plan value may be: below 10^15, at most 12 decimal places
    *(
        st.decimals(min_value=0, max_value=10**15 - 1, places=p, allow_nan=False)
        for p in (0, 1, 12)
    ),
    st.decimals(min_value=0, max_value=1, places=12, allow_nan=False).map(lambda d: d * 10),
)


@st.composite
def visions(draw: st.DrawFn) -> Vision:
    measures = []
    for number, measure_id in enumerate(
        draw(st.lists(_ids, min_size=1, max_size=3, unique=True)), start=1
    ):
        kpis = [
            Kpi(
                id=k,
                name=draw(_names),
                unit=draw(st.sampled_from([None, "人", "%"])),
                baseline=KpiValue(fiscal_year=2022, value=draw(_values)),
                target=KpiValue(fiscal_year=2028, value=draw(_values)),
            )
            for k in draw(st.lists(_ids, min_size=1, max_size=2, unique=True))
        ]
        measures.append(
            Measure(
                id=measure_id,
                no=number,
                name=draw(_names),
                viewpoint="living",
                field="medical",
                content=draw(st.one_of(st.none(), _names, _names.map(lambda t: t + "\n" + t))),
                kpis=kpis,
                programs=[ProgramGroup(by="a", names=draw(st.lists(_names, min_size=1)))],
                budget=Budget(years={y: draw(_values) for y in range(2024, 2027)})
                if draw(st.booleans())
                else None,
                municipalities=["a"],
            )
        )
    return Vision(
        id="v",
        sphere="s",
        framework="f",
        edition=1,
        title=draw(_names),
        status=VisionStatus.ADOPTED,
        period=Period(start=2024, end=2028),
        measures=measures,
    )


def _messed_up(text: str, flow: bool) -> str:
    """The same data laid out otherwise: every mapping's keys reversed, lists of text in flow
    style (``[a, b]``) when ``flow``."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    tree = yaml_reader().load(text)
    pending = [tree]
    while pending:
        node = pending.pop()
        if isinstance(node, CommentedMap):
            for key in reversed(list(node)):
                node.move_to_end(key)
            pending.extend(node.values())
        elif isinstance(node, CommentedSeq):
            if flow and all(isinstance(v, str) for v in node):
                node.fa.set_flow_style()
            pending.extend(node)
    stream = io.StringIO()
    yaml_writer().dump(tree, stream)
    return stream.getvalue()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(visions(), st.booleans())
def test_fmt_of_any_valid_plan_reads_the_same_and_is_idempotent(vision: Vision, flow: bool) -> None:
    canonical = dump_document(vision)
    loaded = load_text(canonical, "generated.yaml")
    assert loaded.document is not None, [f.to_text() for f in loaded.findings]
    assert loaded.document.document == vision
    messy = _messed_up(canonical, flow)
    data = parse_yaml(canonical).data
    assert first_difference(data, parse_yaml(messy).data) is None
    once = format_text(messy)
    assert first_difference(data, parse_yaml(once).data) is None
    assert format_text(once) == once
    assert format_text(canonical) == canonical
