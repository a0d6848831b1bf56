"""The locked atomic writer: concurrent records lose nothing, killed writers leave nothing that
matters, and what record writes reads back as what was asked (issue 12, item 2)."""

from __future__ import annotations

import io
import os
import random
import signal
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest

from teijuu.cli import main
from teijuu.editing import expected_after_record, record, record_actual
from teijuu.guard import first_difference
from teijuu.validate import validate_paths
from teijuu.writing import lock_path, locked, write_atomically
from teijuu.yamlio import parse_yaml

from .conftest import SMALL_PLAN, SMALL_VISION, write_plan

WRITERS = 8
KPIS_EACH = 5


def _wide_plan(directory: Path) -> Path:
    """The small plan with WRITERS measures of KPIS_EACH KPIs, and results with none yet."""
    head, _, measure = SMALL_VISION.partition("measures:\n")
    measures = []
    for m in range(WRITERS):
        kpis = "".join(
            f"      - id: k{k}\n        name: 指標{k}\n        unit: 人\n"
            "        baseline:\n          fiscal_year: 2022\n          value: 10\n"
            "        target:\n          fiscal_year: 2028\n          value: 20\n"
            for k in range(KPIS_EACH)
        )
        first, _, rest = measure.partition("    kpis:\n")
        _, _, after = rest.partition("    programs:\n")
        block = first + "    kpis:\n" + kpis + "    programs:\n" + after
        measures.append(block.replace("id: m1", f"id: m{m}").replace("no: 1", f"no: {m + 1}"))
    files = dict(SMALL_PLAN)
    files["vision.yaml"] = head + "measures:\n" + "".join(measures)
    files["results.yaml"] = files["results.yaml"].split("measures:\n")[0] + "measures: []\n"
    plan = write_plan(directory, files)
    assert validate_paths([plan]).ok
    return plan


_WRITER = """
import sys
from teijuu.cli import main
path, measure, values = sys.argv[1], sys.argv[2], sys.argv[3:]
for k, value in enumerate(values):
    code = main(["record", path, "--fy", "2024", "--kpi", f"{measure}/k{k}", "--actual", value,
                 "--eval", f"{measure} k{k}: 評価\\u2028{value}"])
    if code != 0:
        sys.exit(code)
"""


def test_concurrent_records_never_lose_an_update(tmp_path: Path) -> None:
    """WRITERS processes at once, each recording KPIS_EACH actuals into the same file."""
    plan = _wide_plan(tmp_path / "plan")
    results = plan / "results.yaml"
    rng = random.Random(12)
    wanted = {
        (f"m{m}", f"k{k}"): str(Decimal(rng.randrange(0, 10**6)) / 100)
        for m in range(WRITERS)
        for k in range(KPIS_EACH)
    }
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(results), f"m{m}"]
            + [wanted[(f"m{m}", f"k{k}")] for k in range(KPIS_EACH)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for m in range(WRITERS)
    ]
    outputs = [p.communicate(timeout=300) for p in procs]
    for proc, (_, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err.decode()
        assert err.decode().count("teijuu record: recorded") == KPIS_EACH, err.decode()
    data = parse_yaml(results.read_text("utf-8")).data
    found = {
        (m["measure"], k["kpi"]): format(Decimal(str(k["actual"])), "f")
        for m in data["measures"]
        for k in m["kpis"]
    }
    assert found == {key: format(Decimal(v), "f") for key, v in wanted.items()}
    last = KPIS_EACH - 1  # each record replaces its measure's evaluation: the last one stays
    assert {m["measure"]: [s["text"] for s in m["evaluation"]] for m in data["measures"]} == {
        f"m{m}": [f"m{m} k{last}: 評価\u2028{wanted[(f'm{m}', f'k{last}')]}"]
        for m in range(WRITERS)
    }
    assert validate_paths([plan]).ok
    assert sorted(p.name for p in plan.iterdir() if p.name.startswith(".")) == []


def test_a_killed_writer_leaves_nothing_that_matters(tmp_path: Path) -> None:
    """A writer killed holding the lock frees it (the system releases it); the temporary file
    it left is never read as a plan and is removed by the next writer."""
    plan = write_plan(tmp_path / "plan", SMALL_PLAN)
    results = plan / "results.yaml"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\nfrom pathlib import Path\nfrom teijuu.writing import locked\n"
            "with locked(Path(sys.argv[1])):\n    print('held', flush=True)\n    time.sleep(600)\n",
            str(results),
        ],
        stdout=subprocess.PIPE,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline() == b"held\n"
    stray = plan / ".results.yaml.abcd1234.tmp"
    stray.write_text("apiVersion: teijuu/v1\nkind: Sphere\nid: [broken\n", "utf-8")
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    assert validate_paths([plan]).findings == []  # neither the lock nor the .tmp is a plan
    started = time.monotonic()
    outcome = record(results, fiscal_year=2024, measure="m1", kpi="k1", actual=Decimal(19))
    assert time.monotonic() - started < 30
    assert outcome.changed
    assert not stray.exists()
    assert not lock_path(results).exists()
    assert "actual: 19\n" in results.read_text("utf-8")


def test_a_writer_waits_for_the_lock(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    target.write_bytes(b"old\n")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\nfrom pathlib import Path\nfrom teijuu.writing import locked\n"
            "with locked(Path(sys.argv[1])):\n    print('held', flush=True)\n    time.sleep(1)\n"
            "    Path(sys.argv[1]).write_bytes(b'holder\\n')\n",
            str(target),
        ],
        stdout=subprocess.PIPE,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline() == b"held\n"
    with locked(target):  # waits for the holder: it sees the holder's write
        assert target.read_bytes() == b"holder\n"
        write_atomically(target, b"mine\n")  # re-entrant
    holder.wait()
    assert target.read_bytes() == b"mine\n"


def test_eval_text_with_line_breaks_of_libyaml_is_escaped(tmp_path: Path) -> None:
    plan = write_plan(tmp_path / "plan", SMALL_PLAN)
    results = plan / "results.yaml"
    text = "前年\x85比\u2028増\u2029加\t。"
    record(
        results,
        fiscal_year=2024,
        measure="m1",
        kpi="k1",
        actual=Decimal(19),
        evaluation=text,
        municipality="a",
    )
    written = results.read_text("utf-8")
    assert not any(c in written for c in "\x85\u2028\u2029\t")
    data = parse_yaml(written).data
    assert data["measures"][0]["evaluation"][0]["text"] == text


def test_non_utf8_eval_is_a_clear_error(tmp_path: Path) -> None:
    plan = write_plan(tmp_path / "plan", SMALL_PLAN)
    results = plan / "results.yaml"
    before = results.read_bytes()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "teijuu",
            "record",
            str(results),
            "--fy",
            "2024",
            "--kpi",
            "m1/k1",
            "--actual",
            "19",
            os.fsdecode(b"--eval=\x8f\xa1\x82\xa0"),
        ],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", "LC_ALL": "C.UTF-8"},
    )
    assert done.returncode == 2, done.stderr
    assert b"Traceback" not in done.stderr
    assert b"teijuu record: --eval: not UTF-8 text (byte 0x8f" in done.stderr
    assert results.read_bytes() == before
    err = io.StringIO()
    argv = ["record", str(results), "--fy", "2024", "--kpi", "m1/k1", "--actual", "1"]
    argv += ["--municipality", os.fsdecode(b"\xff")]
    assert main(argv, out=io.StringIO(), err=err) == 2
    assert "--municipality: not UTF-8 text (byte 0xff" in err.getvalue()


@pytest.mark.parametrize(
    ("measure", "kpi", "evaluation", "municipality"),
    [
        ("m1", "k1", None, None),  # replace an actual
        ("m1", "k2", "増えた", "b"),  # a new KPI and a new statement in existing lists
        ("m1", "k1", "更新", "a"),  # replace a statement
        ("m2", "k1", "新しい: 施策", None),  # a new measure
    ],
)
def test_what_record_writes_is_what_it_means(
    measure: str, kpi: str, evaluation: str | None, municipality: str | None
) -> None:
    text = SMALL_PLAN["results.yaml"]
    edited = record_actual(
        text,
        measure=measure,
        kpi=kpi,
        actual=Decimal("12.50"),
        evaluation=evaluation,
        municipality=municipality,
    )
    expected = expected_after_record(
        parse_yaml(text).data,
        measure=measure,
        kpi=kpi,
        actual=Decimal("12.50"),
        evaluation=evaluation,
        municipality=municipality,
    )
    assert first_difference(expected, parse_yaml(edited.text).data) is None
    assert first_difference(expected, parse_yaml(text).data) is not None
