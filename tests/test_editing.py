"""Editing plans without losing anything: record, fmt, and writing files safely."""

from __future__ import annotations

import difflib
import io
import os
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import teijuu
from teijuu.cli import main
from teijuu.dump import dump_document
from teijuu.editing import EditError, format_text, record, record_actual, schemas_reference
from teijuu.loading import load_text
from teijuu.model import (
    Budget,
    BudgetRange,
    BudgetUnit,
    Kpi,
    KpiValue,
    Measure,
    Period,
    ProgramGroup,
    Vision,
    VisionStatus,
)
from teijuu.writing import write_atomically

from .conftest import PLANS, SPHERE_DIR

RESULTS = SPHERE_DIR / "results" / "3rd-fy2024.yaml"


def _changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def _kpis() -> list[tuple[str, str]]:
    text = RESULTS.read_text("utf-8")
    from teijuu.yamlio import parse_yaml

    data = parse_yaml(text).data
    return [(m["measure"], k["kpi"]) for m in data["measures"] for k in m["kpis"]]


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(_kpis()), st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False)
)
def test_recording_an_actual_touches_only_its_line(kpi: tuple[str, str], value: Decimal) -> None:
    before = RESULTS.read_text("utf-8")
    after = record_actual(before, measure=kpi[0], kpi=kpi[1], actual=value).text
    changed = _changed_lines(before, after)
    if not changed:  # the same value was there already
        return
    assert len(changed) == 2, changed
    old_line, new_line = changed
    # The same line, with only the value replaced (a trailing comment stays).
    prefix, _, rest = old_line[1:].partition("actual: ")
    old_value = rest.split(" ", 1)[0]
    assert new_line[1:] == prefix + "actual: " + format(value, "f") + rest[len(old_value) :]


def test_record_inserts_beside_its_siblings() -> None:
    before = RESULTS.read_text("utf-8")
    after = record_actual(
        before,
        measure="medical-staff",
        kpi="new-kpi",
        actual=Decimal(3),
        evaluation="順調: 注記",
        municipality="hiraizumi",
    ).text
    assert _changed_lines(before, after) == [
        "+      - kpi: new-kpi",
        "+        actual: 3",
        "+      - municipality: hiraizumi",
        '+        text: "順調: 注記"',
    ]
    reloaded = load_text(after, "x")
    assert reloaded.document is not None


def test_record_keeps_bom_and_crlf(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(PLANS, tmp_path / "plans")
    shutil.copytree(PLANS.parent / "schemas", tmp_path / "schemas")
    target = tmp_path / "plans" / "ichinoseki-hiraizumi" / "results" / "3rd-fy2024.yaml"
    original = target.read_bytes().replace(b"\n", b"\r\n")
    target.write_bytes(b"\xef\xbb\xbf" + original)
    outcome = record(
        target, fiscal_year=2024, measure="medical-staff", kpi="local-hires", actual=Decimal(15)
    )
    assert outcome.changed
    assert outcome.grade == "A"
    written = target.read_bytes()
    assert written.startswith(b"\xef\xbb\xbf")
    assert written.count(b"\r\n") == original.count(b"\r\n")
    assert written.replace(b"actual: 15\r\n", b"actual: 14\r\n", 1) == b"\xef\xbb\xbf" + original


def test_an_invalid_edit_writes_nothing(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(PLANS, tmp_path / "plans")
    target = tmp_path / "plans" / "ichinoseki-hiraizumi" / "results" / "3rd-fy2024.yaml"
    before = target.read_bytes()
    with pytest.raises(EditError, match="nothing was written"):
        record(
            target,
            fiscal_year=2024,
            measure="medical-staff",
            kpi="local-hires",
            actual=Decimal(15),
            evaluation="x",
            municipality="sendai",
        )
    with pytest.raises(EditError, match="holds FY2024, not FY2025"):
        record(
            target, fiscal_year=2025, measure="medical-staff", kpi="local-hires", actual=Decimal(15)
        )
    with pytest.raises(EditError, match="did you mean medical-staff/local-hires"):
        record(
            target, fiscal_year=2024, measure="medical-staff", kpi="local-hire", actual=Decimal(15)
        )
    assert target.read_bytes() == before
    assert sorted(p.name for p in target.parent.iterdir()) == ["3rd-fy2024.yaml"]


def test_an_interrupted_write_leaves_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.yaml"
    target.write_bytes(b"old\n")

    def fail(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_atomically(target, b"new\n")
    assert target.read_bytes() == b"old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]  # no temporary file left


def test_record_cli(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(PLANS, tmp_path / "plans")
    new_file = tmp_path / "plans" / "ichinoseki-hiraizumi" / "results" / "3rd-fy2025.yaml"
    out, err = io.StringIO(), io.StringIO()
    code = main(
        [
            "record",
            str(new_file),
            "--fy",
            "R7",
            "--kpi",
            "community-bus/ridership-ratio",
            "--actual",
            "130.5",
        ],
        out=out,
        err=err,
    )
    assert code == 0, err.getvalue()
    assert "grade A" in err.getvalue()
    assert "actual: 130.5" in new_file.read_text("utf-8")
    err = io.StringIO()
    code = main(
        ["record", str(new_file), "--fy", "2025", "--kpi", "x", "--actual", "1"], out=out, err=err
    )
    assert code == 1  # read as a KPI's name, and none has it
    assert "'x' is not a KPI of ichinoseki-hiraizumi-3" in err.getvalue()
    code = main(
        ["record", str(new_file), "--fy", "2025", "--kpi", "a/b", "--actual", "1,000"],
        out=out,
        err=io.StringIO(),
    )
    assert code == 2


# -- fmt -------------------------------------------------------------------------------------


def test_bundled_plans_are_in_the_canonical_layout() -> None:
    for path in sorted(PLANS.rglob("*.yaml")):
        text = path.read_text("utf-8")
        assert format_text(text) == text, path


def test_fmt_is_idempotent_and_keeps_comments(tmp_path: Path) -> None:
    messy = (
        "# a comment that must stay\napiVersion: teijuu/v2\nkind: Sphere\n"
        "municipalities:\n    -   name: 甲市   # first\n        id: a\nname: 試験圏\nid: s\n"
        "central_cities: [a]\n"
    )
    once = format_text(messy)
    assert format_text(once) == once
    assert "# a comment that must stay" in once
    assert "# first" in once
    assert once.index("id: s") < once.index("name: 試験圏") < once.index("municipalities:")
    path = tmp_path / "sphere.yaml"
    path.write_text(messy, "utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main(["fmt", "--check", str(tmp_path)], out=out, err=err) == 1
    assert main(["fmt", str(tmp_path)], out=io.StringIO(), err=err) == 0
    assert main(["fmt", "--check", str(tmp_path)], out=io.StringIO(), err=err) == 0
    assert path.read_text("utf-8") == once


# -- dump and load, and mutations ------------------------------------------------------------

_names = st.text(alphabet="一関平泉町市事業推進の支援ア-ン0-9", min_size=1, max_size=12)
_ids = st.from_regex(r"[a-z][a-z0-9]{0,8}", fullmatch=True)
_values = st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False)


@st.composite
def _budget(draw: st.DrawFn) -> Budget:
    years = {
        y: draw(st.one_of(_values, st.none())) for y in range(2024, 2024 + draw(st.integers(0, 5)))
    }
    ranges = [
        BudgetRange(period=Period(start=2024, end=2028), amount=draw(_values), printed="5年間で")
    ] * draw(st.integers(0, 1))
    return Budget(
        unit=draw(st.sampled_from(list(BudgetUnit))),
        years=years,
        ranges=ranges,
        unknown=None if years or ranges else "事業費検討中",
    )


_budgets = st.one_of(st.none(), _budget())


@st.composite
def visions(draw: st.DrawFn) -> Vision:
    measure_ids = draw(st.lists(_ids, min_size=1, max_size=5, unique=True))
    measures = []
    for number, measure_id in enumerate(measure_ids, start=1):
        kpi_ids = draw(st.lists(_ids, min_size=1, max_size=2, unique=True))
        kpis = [
            Kpi(
                id=k,
                name=draw(_names),
                unit=draw(st.sampled_from([None, "人", "%"])),
                baseline=KpiValue(fiscal_year=2022, value=draw(_values)),
                target=KpiValue(fiscal_year=2028, value=draw(_values)),
                cumulative=draw(st.booleans()),
            )
            for k in kpi_ids
        ]
        measures.append(
            Measure(
                id=measure_id,
                no=draw(st.sampled_from([number, f"Ⅱ-1-({number}) ア", None])),
                name=draw(_names),
                viewpoint=draw(st.sampled_from(["living", None])),
                field=draw(st.sampled_from(["medical", None])),
                content=draw(st.one_of(st.none(), _names, _names.map(lambda t: t + "\n" + t))),
                kpis=kpis,
                programs=[ProgramGroup(by="a", names=[draw(_names)])],
                budget=draw(_budgets),
                municipalities=["a"],
            )
        )
    return Vision(
        id="v",
        sphere="s",
        framework="f",
        edition=draw(st.integers(1, 9)),
        title=draw(_names),
        status=VisionStatus.ADOPTED,
        period=Period(start=2024, end=2028),
        measures=measures,
    )


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(visions())
def test_a_valid_plan_survives_dump_and_load(vision: Vision) -> None:
    text = dump_document(vision)
    loaded = load_text(text, "generated.yaml")
    assert loaded.document is not None, [f.to_text() for f in loaded.findings]
    assert loaded.document.document == vision
    assert format_text(text) == text  # what teijuu writes is already canonical


_SOURCE_TEXT = (SPHERE_DIR / "visions" / "3rd.yaml").read_text("utf-8")[:6000]


@settings(max_examples=300, deadline=None)
@given(
    st.integers(0, len(_SOURCE_TEXT)),
    st.integers(0, 40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=8),
)
def test_any_mutation_validates_or_yields_findings(at: int, cut: int, insert: str) -> None:
    mutated = _SOURCE_TEXT[:at] + insert + _SOURCE_TEXT[at + cut :]
    result = load_text(mutated, "mutated.yaml")  # must not raise
    assert result.document is not None or result.findings


def test_a_new_file_is_readable_as_the_umask_allows(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomically(tmp_path / "new.yaml", b"x\n")
    finally:
        os.umask(old)
    assert (tmp_path / "new.yaml").stat().st_mode & 0o777 == 0o644


def test_commands_default_to_plans_in_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    shutil.copytree(PLANS, tmp_path / "plans")
    monkeypatch.chdir(tmp_path)
    new_file = Path("plans/ichinoseki-hiraizumi/results/3rd-fy2025.yaml")
    assert (
        main(
            [
                "record",
                str(new_file),
                "--fy",
                "2025",
                "--kpi",
                "medical-staff/local-hires",
                "--actual",
                "15",
            ],
            out=io.StringIO(),
            err=io.StringIO(),
        )
        == 0
    )
    out = io.StringIO()
    assert main(["grade", "--fy", "2025"], out=out, err=io.StringIO()) == 0
    assert "地域医療確保対策事業" in out.getvalue()
    err = io.StringIO()
    assert main(["validate"], out=io.StringIO(), err=err) == 0
    # the bundled plans and the results file `record` created, read from ./plans
    bundled = len(list(PLANS.rglob("*.yaml")))
    assert f"{bundled + 1} file(s)" in err.getvalue()


def test_new_edition_uses_each_kpis_latest_actual_and_keeps_decisions(tmp_path: Path) -> None:
    import shutil

    from teijuu.edition import keep_decisions, new_edition
    from teijuu.validate import validate_paths

    shutil.copytree(PLANS, tmp_path / "plans")
    sphere = tmp_path / "plans" / "ichinoseki-hiraizumi"
    record(
        sphere / "results" / "3rd-fy2025.yaml",
        fiscal_year=2025,
        measure="medical-staff",
        kpi="local-hires",
        actual=Decimal(16),
    )
    plan = validate_paths([sphere]).plan
    third = plan.get(Vision, "ichinoseki-hiraizumi-3")
    assert third is not None
    draft = new_edition(plan, third, edition=4, period=Period(start=2027, end=2031))
    baselines = {(m.id, k.id): k.baseline for m in draft.measures for k in m.kpis}
    local = baselines[("medical-staff", "local-hires")]
    care = baselines[("holiday-night-care", "care-rate")]
    assert local is not None
    assert local.fiscal_year == 2025  # recorded for FY2025
    assert local.value == 16
    assert care is not None
    assert care.fiscal_year == 2024  # FY2025 has no actual for it yet
    assert care.value == 84
    # People fill in a target in the draft; drafting again keeps it, refreshing the baseline.
    first = draft.measures[0]
    kpi = first.kpis[0].model_copy(update={"target": KpiValue(fiscal_year=2031, value=Decimal(90))})
    edited = draft.model_copy(
        update={"measures": [first.model_copy(update={"kpis": [kpi]}), *draft.measures[1:]]}
    )
    again = keep_decisions(draft, edited)
    target = again.measures[0].kpis[0].target
    assert target is not None
    assert target.value == 90


def test_record_asks_whose_evaluation_when_it_is_split(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(PLANS, tmp_path / "plans")
    target = tmp_path / "plans" / "ichinoseki-hiraizumi" / "results" / "3rd-fy2024.yaml"
    with pytest.raises(EditError, match="--municipality"):
        record(
            target,
            fiscal_year=2024,
            measure="childcare-environment",
            kpi="support-center-users",
            actual=Decimal(11837),
            evaluation="x",
        )


@pytest.mark.parametrize(
    ("reference", "recorded"),
    [
        ("23-2", "heritage-value/takkoku-survey-progress"),  # as the KPI table prints it
        ("２３－２", "heritage-value/takkoku-survey-progress"),  # typed full-width
        ("25", "community-bus/ridership-ratio"),  # a measure with one KPI: its No. alone
        ("地域子育て支援拠点事業の利用者数", "childcare-environment/support-center-users"),
    ],
)
def test_record_names_a_kpi_by_its_number_or_name(
    tmp_path: Path, reference: str, recorded: str
) -> None:
    import shutil

    shutil.copytree(PLANS, tmp_path / "plans")
    target = tmp_path / "plans" / "ichinoseki-hiraizumi" / "results" / "3rd-fy2025.yaml"
    err = io.StringIO()
    argv = ["record", str(target), "--fy", "2025", "--kpi", reference, "--actual", "7"]
    assert main(argv, out=io.StringIO(), err=err) == 0, err.getvalue()
    assert f"recorded {recorded} FY2025 = 7" in err.getvalue()
    measure, kpi = recorded.split("/")
    text = target.read_text("utf-8")
    assert f"measure: {measure}\n    kpis:\n      - kpi: {kpi}\n        actual: 7\n" in text


def test_record_refuses_a_name_two_kpis_share(tmp_path: Path) -> None:
    from teijuu.kpiref import KpiRefError, resolve_kpi
    from teijuu.model import Vision

    vision = Vision.model_validate(
        {
            "id": "v",
            "sphere": "s",
            "framework": "f",
            "title": "t",
            "status": "draft",
            "period": {"start": 2024, "end": 2026},
            "measures": [
                {
                    "id": "m",
                    "no": 3,
                    "name": "施策",
                    "kpis": [{"id": "a", "name": "参加者数"}, {"id": "b", "name": "参加者数"}],
                },
            ],
        }
    )
    assert resolve_kpi(vision, "3-2").kpi.id == "b"
    with pytest.raises(KpiRefError, match=r"name of 2 KPIs of v: 3-1 \(m/a\), 3-2 \(m/b\)"):
        resolve_kpi(vision, "参加者数")


def test_record_eval_over_a_block_scalar(bundled_copy: Path) -> None:
    """Bug: recording an evaluation over one written as a block scalar (``|-``) ran the new
    text into the next key (``"…"    next_steps:``), and the guard refused the edit; and
    recording the same text again rewrote it in another style."""
    results = bundled_copy / "ichinoseki-hiraizumi" / "results" / "3rd-fy2024.yaml"
    before = results.read_text("utf-8")
    assert "    evaluation:\n      - text: |-\n          行楽客が増える" in before
    same = record(
        results,
        fiscal_year=2024,
        measure="heritage-value",
        kpi="honedera-visitors",
        actual=Decimal(26291),
        evaluation=(
            "行楽客が増えるゴールデンウィークや紅葉シーズンには、これまで同様休館日を設けず、"
            "利用者の利便性向上を図った。\n令和5年の県と関係市町の申し合わせを受け、文化庁・"
            "拡張登録検討委員会の委員と意見交換を行いながら、柳之御所遺跡を追加する事前評価申請書"
            "の提出に向けての作業を進めた。\n史跡達谷窟を構成する要素の一つである磨崖仏の測量調査"
            "を実施した。"
        ),
    )
    assert not same.changed
    assert results.read_text("utf-8") == before
    record(
        results,
        fiscal_year=2024,
        measure="heritage-value",
        kpi="honedera-visitors",
        actual=Decimal(26291),
        evaluation="書き直した評価。",
    )
    after = results.read_text("utf-8")
    assert "    evaluation:\n      - text: 書き直した評価。\n    next_steps:\n" in after


def test_record_and_sheet_mean_the_same_vision_for_a_year_two_periods_hold(
    bundled_copy: Path,
) -> None:
    # The 4th vision's period made to start in FY2026, which the 3rd's current period holds too:
    # the one vision of the two whose results are kept here is meant, by record as by sheet.
    fourth = bundled_copy / "ichinoseki-hiraizumi" / "visions" / "4th.yaml"
    fourth.write_text(
        fourth.read_text("utf-8").replace("period:\n  start: 2027", "period:\n  start: 2026", 1),
        "utf-8",
    )
    plans = teijuu.load(bundled_copy)
    assert [v.id for v in plans.plan.visions_for_year(2026)] == ["ichinoseki-hiraizumi-3"]
    assert [v.id for v in plans.plan.visions_for_year(2027)] == ["ichinoseki-hiraizumi-4"]
    assert teijuu.entry_sheet(plans, 2026).startswith(b"PK")  # sheet: no "several visions"
    new_file = bundled_copy / "ichinoseki-hiraizumi" / "results" / "fy2026.yaml"
    err = io.StringIO()
    kpi = "community-bus/ridership-ratio"
    code = main(
        ["record", str(new_file), "--fy", "2026", "--kpi", kpi, "--actual", "101"],
        out=io.StringIO(),
        err=err,
    )
    assert code == 0, err.getvalue()
    assert "vision: ichinoseki-hiraizumi-3" in new_file.read_text("utf-8")


def test_written_files_name_the_schemas_where_they_are(tmp_path: Path) -> None:
    # record's new results file and new-edition's draft name the schemas/ beside plans/,
    # relative to where each is written, with "/" on every system; elsewhere the usual place.
    plans = tmp_path / "plans"
    (tmp_path / "schemas").mkdir()
    assert schemas_reference(plans / "s" / "results" / "x.yaml") == "../../../schemas"
    assert schemas_reference(plans / "x.yaml") == "../schemas"
    assert schemas_reference(plans / "a" / "b" / "c" / "x.yaml") == "../../../../schemas"
    assert schemas_reference(tmp_path / "elsewhere" / "x.yaml") == "../../../schemas"
    draft = teijuu.new_edition(
        SPHERE_DIR / "visions" / "3rd.yaml", edition=4, period="2027-2031", keep_from=None
    )
    assert draft.text.startswith("# yaml-language-server: $schema=../../../schemas/vision")
    shutil.copytree(SPHERE_DIR, plans / "s")
    draft = teijuu.new_edition(
        plans / "s" / "visions" / "3rd.yaml",
        edition=4,
        period="2027-2031",
        keep_from=plans / "5th.yaml",
    )
    assert draft.text.startswith("# yaml-language-server: $schema=../schemas/vision.schema.json")


def test_a_drafts_header_reads_in_japanese_first_then_english(bundled_copy: Path) -> None:
    visions = bundled_copy / "ichinoseki-hiraizumi" / "visions"
    draft = teijuu.new_edition(
        visions / "3rd.yaml", edition=4, period="2027-2031", keep_from=visions / "4th.yaml"
    )
    head = draft.text.splitlines()[1:9]
    assert head[0] == (
        "# 「第4次一関・平泉定住自立圏共生ビジョン」（第4版）の案。`teijuu new-edition` で "
        "ichinoseki-hiraizumi-3（改定1）と2024年度までの実績から作りました。"
    )
    assert head[3] == (
        "# このファイルの前の案から引き継いだもの：施策32件とその文章、KPIの目標値（未定）、"
        "事業費（未定）、目指す姿、備考。基準値は更新しました。"
    )
    assert head[4] == "#"
    assert head[5] == (
        "# Draft of edition 4, 第4次一関・平泉定住自立圏共生ビジョン, drawn up by "
        "`teijuu new-edition` from"
    )
    assert draft.kept is not None
    assert str(draft.kept).startswith("its 32 measures and their texts, no KPI target decided")


def test_record_refuses_a_municipality_without_an_evaluation(bundled_copy: Path) -> None:
    results = bundled_copy / "ichinoseki-hiraizumi" / "results" / "3rd-fy2024.yaml"
    before = results.read_bytes()
    err = io.StringIO()
    argv = ["record", str(results), "--fy", "2024", "--kpi", "care-rate", "--actual", "70"]
    assert main([*argv, "--municipality", "hiraizumi", "--lang", "en"], err=err) == 2
    assert "--municipality hiraizumi says whose evaluation it is" in err.getvalue()
    assert results.read_bytes() == before


def test_record_into_a_folder_that_does_not_exist_says_so(tmp_path: Path) -> None:
    err = io.StringIO()
    missing = tmp_path / "nowhere" / "fy2025.yaml"
    argv = ["record", str(missing), "--fy", "2025", "--kpi", "k", "--actual", "1", "--lang", "ja"]
    assert main(argv, err=err) == 1
    assert "がありません。プランの results フォルダの中の実績ファイルを指定してください" in (
        err.getvalue()
    )
    assert not missing.parent.exists()
