"""How the cost of `teijuu validate` grows with its input: 1k, 10k and 100k files, and one
document of 1k, 10k and 100k YAML nodes.

Run: python bench/scaling.py [--sizes 1000 10000 100000] [--repeat N] [--at-least SECONDS]

The files are small generated plans in a temporary directory: groups of four (a sphere, its
policy framework, a vision of one measure and one KPI, and its FY2024 results), each group with
its own ids, all valid. The document is one vision whose measures are repeated under new ids
until it holds about as many YAML nodes as asked (scalars, mappings and sequences), written
beside its sphere and framework.

Each size runs in a fresh Python process, which prints the best wall-clock time of
``--repeat`` in-process runs of ``validate_paths`` (the work, without interpreter start-up),
and of more while the runs add up to under ``--at-least`` seconds, and its peak memory
(maximum resident set); the table adds the slope from the size before: the time ratio per 10×
more input. Linear cost shows as a ratio near 10; n² would be near 100.
A script, not a timed test: the figures depend on the machine. docs/performance.md has them.
"""

from __future__ import annotations

import argparse
import gc
import math
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from ruamel.yaml import YAML

from teijuu.validate import validate_paths

SPHERE = """\
apiVersion: teijuu/v2
kind: Sphere
id: s{n}
name: 試験圏{n}
central_cities: [a]
municipalities:
  - id: a
    name: 甲市
  - id: b
    name: 乙町
"""

FRAMEWORK = """\
apiVersion: teijuu/v2
kind: PolicyFramework
id: f{n}
sphere: s{n}
viewpoints:
  - id: living
    name: 生活機能の強化
    fields:
      - id: medical
        name: 医療
"""

VISION_HEAD = """\
apiVersion: teijuu/v2
kind: Vision
id: v{n}
sphere: s{n}
framework: f{n}
edition: 1
title: 第1次試験ビジョン{n}
status: adopted
period:
  start: 2024
  end: 2028
grading:
  bands:
    - label: A
      min_percent: 100
    - label: B
      min_percent: 80
    - label: C
      min_percent: 50
    - label: D
measures:
"""

MEASURE = """\
  - id: m{m}
    no: {m}
    name: 休日診療事業{m}
    viewpoint: living
    field: medical
    kpis:
      - id: k1
        name: 受診者数
        unit: 人
        baseline:
          fiscal_year: 2022
          value: 10
        target:
          fiscal_year: 2028
          value: 20
    programs:
      - by: a
        names: [当番医事業]
    budget:
      years:
        2024: 48221
        2025: 47349.5
    municipalities: [a, b]
"""

RESULTS = """\
apiVersion: teijuu/v2
kind: Results
id: v{n}-fy2024
vision: v{n}
fiscal_year: 2024
measures:
  - measure: m1
    kpis:
      - kpi: k1
        actual: 18
"""


def write_files(directory: Path, count: int) -> None:
    """``count`` small plan files (a multiple of four), in groups of a hundred per folder."""
    for n in range(count // 4):
        group = directory / f"g{n // 100}"
        group.mkdir(exist_ok=True)
        vision = VISION_HEAD.format(n=n) + MEASURE.format(m=1)
        for name, text in (
            ("sphere", SPHERE.format(n=n)),
            ("framework", FRAMEWORK.format(n=n)),
            ("vision", vision),
            ("results", RESULTS.format(n=n)),
        ):
            (group / f"{name}-{n}.yaml").write_text(text, "utf-8")


def count_nodes(text: str) -> int:
    """Scalars, mappings and sequences in a YAML text (keys count as scalars)."""
    yaml = YAML(typ="safe")
    stack = [yaml.compose(text)]
    nodes = 0
    while stack:
        node = stack.pop()
        nodes += 1
        if isinstance(node.value, list):
            for item in node.value:
                stack.extend(item if isinstance(item, tuple) else (item,))
    return nodes


def write_document(directory: Path, nodes: int) -> int:
    """A vision of about ``nodes`` YAML nodes beside its sphere and framework; returns the
    number of nodes the vision holds."""
    (directory / "sphere.yaml").write_text(SPHERE.format(n=0), "utf-8")
    (directory / "framework.yaml").write_text(FRAMEWORK.format(n=0), "utf-8")
    head = VISION_HEAD.format(n=0)
    per_measure = count_nodes(head + MEASURE.format(m=1) * 2) - count_nodes(
        head + MEASURE.format(m=1)
    )
    measures = max(1, round((nodes - count_nodes(head + "  - {}\n")) / per_measure))
    text = head + "".join(MEASURE.format(m=m) for m in range(1, measures + 1))
    (directory / "vision.yaml").write_text(text, "utf-8")
    return count_nodes(text)


def best_of(repeat: int, run: Callable[[], object], at_least: float = 0.0) -> float:
    """The best time of ``repeat`` runs, and of more while they add up to under ``at_least``
    seconds: a run of a quarter of a second varies by a third on a shared machine, and the
    best of many is what the work costs."""
    times: list[float] = []
    while len(times) < repeat or sum(times) < at_least:
        gc.collect()
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(kind: str, size: int, repeat: int, at_least: float) -> tuple[str, float, float]:
    """In this process: make the input, time validating it; (what, seconds, peak MiB)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp)
        if kind == "files":
            write_files(path, size)
            what = f"{size // 4:,} sphere/framework/vision/results"
        else:
            what = f"one vision of {write_document(path, size):,} nodes"

        def run() -> None:
            result = validate_paths([path])
            assert result.ok, [f.to_text() for f in result.findings][:3]

        seconds = best_of(repeat, run, at_least)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return what, seconds, peak


def series(title: str, kind: str, sizes: list[int], repeat: int, at_least: float) -> None:
    print(title)
    print(f"  {'size':>8}  {'what':<38} {'seconds':>9} {'× per 10×':>10} {'peak MiB':>9}")
    previous: tuple[int, float] | None = None
    for size in sizes:
        child = subprocess.run(
            [
                *(sys.executable, __file__, "--one", kind, str(size)),
                *("--repeat", str(repeat), "--at-least", str(at_least)),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        what, seconds_text, peak_text = child.stdout.strip().rsplit("\t", 2)
        seconds = float(seconds_text)
        slope = ""
        if previous is not None:
            decades = math.log10(size / previous[0])
            slope = f"{(seconds / previous[1]) ** (1 / decades):.1f}×"
        previous = (size, seconds)
        print(
            f"  {size:>8,}  {what:<38} {seconds:>9.2f} {slope:>10} {float(peak_text):>9.0f}",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=1, help="best of N runs (default 1)")
    parser.add_argument(
        "--at-least",
        type=float,
        default=5.0,
        metavar="SECONDS",
        help="and more runs while they add up to under SECONDS (default 5)",
    )
    parser.add_argument("--one", nargs=2, metavar=("KIND", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        what, seconds, peak = measure(args.one[0], int(args.one[1]), args.repeat, args.at_least)
        print(f"{what}\t{seconds}\t{peak}")
        return
    series("validate over N files", "files", args.sizes, args.repeat, args.at_least)
    print()
    series(
        "validate over one document of N nodes", "document", args.sizes, args.repeat, args.at_least
    )


if __name__ == "__main__":
    main()
