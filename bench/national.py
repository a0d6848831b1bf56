"""Benchmark teijuu on a synthetic national corpus.

Goal: "Around 130 spheres publish visions; a national corpus is a few thousand files."

The corpus is made from the bundled 一関・平泉 plans: each synthetic sphere gets its own ids, a
policy framework, two agreements, N editions of its vision (each grown to M measures by
repeating measures under new ids, with its own five-year period) and one Results file per
vision. It is written as ``<root>/plans/<sphere>/…`` beside a copy of ``<root>/schemas/``, so
that every file's ``$schema`` modeline resolves, and it must validate with no error before
anything else is timed (that check is the first in-process ``validate_paths`` run; its plan is
kept for grading and diffing, frozen out of the garbage collector with ``gc.freeze()``).

Then, in one run, the best of ``--repeat`` wall-clock times (default 3; a task starts no further
run once its runs took ``--budget`` seconds, so that the default size stays within ten minutes
on a 2-core machine; every figure says how many runs it is the best of) of:

- ``teijuu validate`` of the whole corpus, in process and as a ``python -m teijuu`` process;
- grading every vision that has results (``teijuu.grading.grade_vision``);
- diffing consecutive editions (``teijuu.diffing.diff_visions``), if that module exists;
- cold start: ``--help`` and ``validate ONE_FILE`` against a bare ``import pydantic``;
- ``check-jsonschema`` over the same files and schemas, once per kind;
- the floor: a bare C-accelerated YAML parse of the same files.

Run::

    python bench/national.py --quick          # 10 spheres, a minute or so
    python bench/national.py                  # 130 spheres × 3 editions × 40 measures
    python bench/national.py --profile        # also cProfile one in-process validate
    python bench/national.py --gc-probe       # time spent in GC, and a run with the GC off
    python bench/national.py --pyyaml-python /tmp/cjs-venv/bin/python   # PyYAML floor elsewhere

``check-jsonschema`` is looked for at ``--check-jsonschema PATH``, then on ``PATH``, then at
``/tmp/cjs-venv/bin/check-jsonschema``; install it apart from the project, e.g.
``python -m venv /tmp/cjs-venv && /tmp/cjs-venv/bin/pip install check-jsonschema
ruamel.yaml.clib`` (without the clib, check-jsonschema parses YAML in pure Python). PyYAML is
a dependency of teijuu (it reads plans with PyYAML's libyaml composer); ``--pyyaml-python``
still names another interpreter to time the same parse in, if wanted.

For teijuu against PyYAML, ruamel.yaml, check-jsonschema and ``json.loads`` on parts of this
corpus, with peak memory, see ``bench/compare.py``.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import importlib
import io
import itertools
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from ruamel.yaml import YAML

from teijuu.bundled import plans_dir, schemas_dir
from teijuu.findings import Finding, Severity
from teijuu.grading import grade_vision
from teijuu.model import PolicyFramework, Results, Vision
from teijuu.model.documents import SCHEMA_FILES
from teijuu.validate import Validated, validate_paths

SOURCE = plans_dir() / "ichinoseki-hiraizumi"
SOURCE_NAME = "一関・平泉定住自立圏"
SOURCE_VISION = SOURCE / "visions" / "3rd.yaml"
SOURCE_RESULTS = SOURCE / "results" / "3rd-fy2024.yaml"
SOURCE_AGREEMENTS = sorted((SOURCE / "agreements").glob("*.yaml"))
LATEST_START = 2024
"""The period of the latest edition starts in FY2024, as the bundled 3rd vision's does."""
PERIOD_YEARS = 5
DEFAULT_CJS = Path("/tmp/cjs-venv/bin/check-jsonschema")


# ---------------------------------------------------------------------------------------------
# Era labels, for the printed years of shifted editions


def _era_base(letter: str) -> int:
    return {"R": 2018, "H": 1988, "S": 1925}[letter]


def fiscal_era(year: int) -> tuple[str, int]:
    """The era label of a fiscal year as the papers print it (FY2019 is R1)."""
    if year >= 2019:
        return "R", year - 2018
    if year >= 1989:
        return "H", year - 1988
    return "S", year - 1925


def calendar_era(year: int, month: int) -> tuple[str, int]:
    """The era of a calendar month (Reiwa began in May 2019)."""
    if year > 2019 or (year == 2019 and month >= 5):
        return "R", year - 2018
    if year >= 1989:
        return "H", year - 1988
    return "S", year - 1925


# ---------------------------------------------------------------------------------------------
# Text transforms of the bundled files


def set_top(text: str, key: str, value: str) -> str:
    """Replace the top-level ``key: …`` line (exactly one must exist)."""
    new, count = re.subn(rf"^{re.escape(key)}: .*$", f"{key}: {value}", text, count=1, flags=re.M)
    if count != 1:
        raise ValueError(f"no top-level `{key}:` line to rewrite")
    return new


_YEAR_LINE = re.compile(r"^(?P<pre>\s+(?:start|end|fiscal_year): )(?P<y>\d{4})(?P<post>\s*(#.*)?)$")
_BUDGET_LINE = re.compile(r"^(?P<ind>\s+)(?P<y>\d{4}): (?P<v>\d+)(?P<post>\s*(#.*)?)$")
_PRINTED_YEAR = re.compile(r"(?P<y>\d{4})(?P<mid>\s*年?\s*)\((?P<era>[RHS])\s*(?P<n>\d+)\)")
_DATE_LINE = re.compile(r"^(?P<pre>\s*date: )(?P<y>\d{4})(?P<rest>-\d\d-\d\d.*)$")
_ADOPTED = re.compile(r"^adopted: (?P<era>[RHS])(?P<n>\d+)\.(?P<m>\d+)(?P<post>.*)$")
_PERIOD_PRINTED = re.compile(
    r"^(?P<ind> *)start: (?P<s>\d{4})\n(?P=ind)end: (?P<e>\d{4})\n(?P=ind)printed: .*$", re.M
)


def _shift_printed_year(match: re.Match[str], shift: int) -> str:
    # Both calendars move by the same number of years, so a label that the source printed
    # inconsistently (2023年 (R10) 度) stays inconsistent in the same way: same warnings.
    western = int(match["y"]) + shift
    era, number = fiscal_era(_era_base(match["era"]) + int(match["n"]) + shift)
    return f"{western}{match['mid']}({era}{number})"


def shift_line(line: str, shift: int, budget_percent: int) -> str:
    """Move every fiscal year of one line of a vision by ``shift`` years."""
    if m := _YEAR_LINE.match(line):
        return f"{m['pre']}{int(m['y']) + shift}{m['post']}"
    if m := _BUDGET_LINE.match(line):
        value = int(m["v"]) * budget_percent // 100
        return f"{m['ind']}{int(m['y']) + shift}: {value}{m['post']}"
    if "printed_year:" in line:
        return _PRINTED_YEAR.sub(lambda p: _shift_printed_year(p, shift), line)
    if m := _DATE_LINE.match(line):
        return f"{m['pre']}{int(m['y']) + shift}{m['rest']}"
    if m := _ADOPTED.match(line):
        month = int(m["m"])
        calendar = _era_base(m["era"]) + int(m["n"]) + shift
        era, number = calendar_era(calendar, month)
        return f"adopted: {era}{number}.{month}{m['post']}"
    return line


def _period_label(match: re.Match[str]) -> str:
    start_era, start_n = fiscal_era(int(match["s"]))
    end_era, end_n = fiscal_era(int(match["e"]))
    end = f"{end_n}" if end_era == start_era else f"{end_era}{end_n}"
    head = match.group(0).rsplit("printed: ", 1)[0]
    return f"{head}printed: {start_era}{start_n}～{end}"


def split_blocks(text: str, item: str) -> tuple[str, list[str]]:
    """The head of a file and the items of its top-level ``measures:`` list, one text each."""
    head, body = text.split("\nmeasures:\n", 1)
    parts = ("\n" + body).split(f"\n  - {item}:")[1:]
    return head, [f"  - {item}:" + part.rstrip("\n") + "\n" for part in parts]


def block_id(block: str) -> str:
    return block.split("\n", 1)[0].split(":", 1)[1].strip()


def rename_block(block: str, new_id: str) -> str:
    first, rest = block.split("\n", 1)
    return first.split(":", 1)[0] + f": {new_id}\n" + rest


@dataclass(frozen=True)
class Edition:
    sphere: str
    name: str
    edition: int
    editions: int

    @property
    def shift(self) -> int:
        return PERIOD_YEARS * (self.edition - self.editions)

    @property
    def vision_id(self) -> str:
        return f"{self.sphere}-{self.edition}"

    @property
    def results_year(self) -> int:
        return LATEST_START + self.shift


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def make_vision(source: str, ed: Edition, measures: int) -> tuple[str, list[tuple[str, str]]]:
    """The vision text of one edition, and (original id, new id) of each of its measures."""
    head, blocks = split_blocks(source, "id")
    numbers = [int(n) for n in re.findall(r"^    no: (\d+)$", source, flags=re.M)]
    first_copy_no = max(numbers, default=0) + 1
    chosen: list[tuple[str, str, str]] = [(block_id(b), block_id(b), b) for b in blocks[:measures]]
    offset = 7 * (ed.edition - 1)  # each edition repeats other measures: its diffs add/remove
    for i in range(measures - len(chosen)):
        block = blocks[(offset + i) % len(blocks)]
        old = block_id(block)
        new = f"{old}-copy{i}"
        copy = rename_block(block, new)
        copy = re.sub(r"^    no: \d+$", f"    no: {first_copy_no + i}", copy, count=1, flags=re.M)
        chosen.append((old, new, copy))
    head = set_top(head, "id", ed.vision_id)
    head = set_top(head, "sphere", ed.sphere)
    head = set_top(head, "framework", ed.sphere)
    head = set_top(head, "edition", str(ed.edition))
    head = set_top(head, "title", f"第{ed.edition}次{ed.name}共生ビジョン")
    if ed.edition < ed.editions:
        head = set_top(head, "status", "superseded")
    if ed.edition > 1:
        head = head.replace(
            f"\nframework: {ed.sphere}\n",
            f"\nframework: {ed.sphere}\nprevious: {ed.sphere}-{ed.edition - 1}\n",
            1,
        )
    text = head + "\nmeasures:\n" + "".join(block for _, _, block in chosen)
    budget_percent = 100 + 3 * (ed.edition - ed.editions)
    lines = [shift_line(line, ed.shift, budget_percent) for line in text.split("\n")]
    text = _PERIOD_PRINTED.sub(_period_label, "\n".join(lines))
    return text, [(old, new) for old, new, _ in chosen]


def make_results(source: str, ed: Edition, measures: list[tuple[str, str]]) -> str:
    """The results of one edition's first year, for every measure that the source graded."""
    head, blocks = split_blocks(source, "measure")
    by_id = {block_id(b): b for b in blocks}
    head = set_top(head, "id", f"{ed.vision_id}-fy{ed.results_year}")
    head = set_top(head, "vision", ed.vision_id)
    head = set_top(head, "fiscal_year", str(ed.results_year))
    chosen = [rename_block(by_id[old], new) for old, new in measures if old in by_id]
    return head + "\nmeasures:\n" + "".join(chosen)


def make_sphere(source: str, sphere: str, name: str) -> str:
    text = set_top(source, "id", sphere)
    text = set_top(text, "name", name)
    return re.sub(r"^(\s+agreement: )(\S+)", rf"\g<1>{sphere}-\g<2>", text, flags=re.M)


def make_framework(source: str, sphere: str) -> str:
    return set_top(set_top(source, "id", sphere), "sphere", sphere)


def make_agreement(source: str, sphere: str) -> str:
    text = re.sub(r"^id: (\S+)", rf"id: {sphere}-\g<1>", source, count=1, flags=re.M)
    text = set_top(text, "sphere", sphere)
    return re.sub(r"^amends: (\S+)", rf"amends: {sphere}-\g<1>", text, count=1, flags=re.M)


# ---------------------------------------------------------------------------------------------
# The corpus


@dataclass
class Corpus:
    root: Path
    plans: Path
    files: dict[str, list[Path]] = field(default_factory=dict)
    """Files by kind, in the order written."""
    one_vision: Path | None = None
    one_sphere: Path | None = None

    @property
    def all_files(self) -> list[Path]:
        return [p for paths in self.files.values() for p in paths]

    @property
    def size_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.all_files)


def generate(root: Path, spheres: int, editions: int, measures: int) -> Corpus:
    plans = root / "plans"
    plans.mkdir(parents=True)
    shutil.copytree(schemas_dir(), root / "schemas")
    corpus = Corpus(root, plans, {k: [] for k in ("Sphere", "PolicyFramework", "Agreement")})
    corpus.files.update({"Vision": [], "Results": []})
    sphere_src = (SOURCE / "sphere.yaml").read_text("utf-8")
    framework_src = (SOURCE / "framework.yaml").read_text("utf-8")
    vision_src = SOURCE_VISION.read_text("utf-8")
    results_src = SOURCE_RESULTS.read_text("utf-8")
    agreements_src = [(p.name, p.read_text("utf-8")) for p in SOURCE_AGREEMENTS]

    def write(kind: str, path: Path, text: str) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
        corpus.files[kind].append(path)
        return path

    for i in range(1, spheres + 1):
        sphere = f"sphere-{i:03d}"
        name = f"{SOURCE_NAME}{i:03d}"
        directory = plans / sphere
        write("Sphere", directory / "sphere.yaml", make_sphere(sphere_src, sphere, name))
        write(
            "PolicyFramework", directory / "framework.yaml", make_framework(framework_src, sphere)
        )
        for filename, text in agreements_src:
            write("Agreement", directory / "agreements" / filename, make_agreement(text, sphere))
        for e in range(1, editions + 1):
            ed = Edition(sphere, name, e, editions)
            vision, ids = make_vision(vision_src, ed, measures)
            path = write("Vision", directory / "visions" / f"{ordinal(e)}.yaml", vision)
            results = make_results(results_src, ed, ids)
            write(
                "Results", directory / "results" / f"{ordinal(e)}-fy{ed.results_year}.yaml", results
            )
            if corpus.one_vision is None:
                corpus.one_vision = path
        if corpus.one_sphere is None:
            corpus.one_sphere = directory
    return corpus


def errors_of(findings: Sequence[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == Severity.ERROR]


def check_corpus(corpus: Corpus, editions: int, measures: int) -> tuple[Validated, float]:
    """Validate the corpus once: no error allowed, every file loaded, the sizes as asked.

    The run is timed: it is the first of the in-process ``validate_paths`` runs.
    """
    gc.collect()
    start = time.perf_counter()
    validated = validate_paths([corpus.plans])
    elapsed = time.perf_counter() - start
    errors = errors_of(validated.findings)
    if errors:
        print(f"the generated corpus has {len(errors)} error(s); the first ones:", file=sys.stderr)
        for finding in errors[:10]:
            print("  " + finding.to_text(), file=sys.stderr)
        raise SystemExit(1)
    files = len(corpus.all_files)
    assert validated.files == files, (validated.files, files)
    assert len(validated.plan.documents) == files, (len(validated.plan.documents), files)
    visions = validated.plan.visions
    assert all(len(v.measures) == measures for v in visions), "a vision has the wrong size"
    assert len(visions) == len(corpus.files["Sphere"]) * editions
    return validated, elapsed


# ---------------------------------------------------------------------------------------------
# Timing


@dataclass
class Timing:
    best: float
    median: float
    runs: int


@dataclass(frozen=True)
class Runs:
    """Up to ``repeat`` runs, but no new run once the runs so far took ``budget`` seconds."""

    repeat: int
    budget: float = float("inf")


def timed(runs: Runs, fn: Callable[[], object], done: Sequence[float] = ()) -> Timing:
    """Best and median of ``fn``'s runs; ``done`` are runs already timed, which count too."""
    times = list(done)
    while len(times) < runs.repeat and sum(times) < runs.budget:
        gc.collect()  # each run starts with no garbage left by the one before
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return Timing(min(times), statistics.median(times), len(times))


def run(cmd: Sequence[str | Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(c) for c in cmd], cwd=cwd, capture_output=True, text=True, check=False
    )


def timed_process(
    runs: Runs, cmd: Sequence[str | Path], cwd: Path
) -> tuple[Timing, subprocess.CompletedProcess[str]]:
    last: list[subprocess.CompletedProcess[str]] = []
    timing = timed(runs, lambda: last.append(run(cmd, cwd)))
    return timing, last[-1]


def show(label: str, t: Timing, extra: str = "") -> None:
    tail = f"  {extra}" if extra else ""
    print(f"  {label:<52} best {t.best:8.3f} s  median {t.median:8.3f} s  (n={t.runs}){tail}")


def first_lines(text: str, count: int = 8) -> str:
    lines = text.strip().splitlines()
    shown = "\n".join("      | " + line[:160] for line in lines[:count])
    more = f"\n      | … ({len(lines) - count} more lines)" if len(lines) > count else ""
    return shown + more


@dataclass
class Row:
    task: str
    seconds: float | None
    count: int | None = None
    unit: str = "files"
    vs_floor: bool = True
    vs_cjs: bool = False
    note: str = ""


def print_table(rows: list[Row], floor: float | None, cjs: float | None) -> None:
    def ratio(value: float | None, base: float | None, wanted: bool) -> str:
        if not wanted or value is None or base is None or base <= 0:
            return "-"
        return f"{value / base:.1f}×"

    header = f"{'task':<48} {'seconds':>9} {'× C parse':>10} {'× cjs':>7} {'throughput':>18}"
    print(header)
    print("-" * len(header))
    for row in rows:
        if row.seconds is None:
            print(f"{row.task:<48} {'skipped':>9}  {row.note}")
            continue
        rate = (
            f"{row.count / row.seconds:,.0f} {row.unit}/s" if row.count and row.seconds > 0 else "-"
        )
        print(
            f"{row.task:<48} {row.seconds:9.3f} {ratio(row.seconds, floor, row.vs_floor):>10} "
            f"{ratio(row.seconds, cjs, row.vs_cjs):>7} {rate:>18}"
            + (f"  {row.note}" if row.note else "")
        )


class GcClock:
    """A ``gc.callbacks`` entry that adds up the time spent in collections, per generation."""

    def __init__(self) -> None:
        self.seconds = [0.0, 0.0, 0.0]
        self.count = [0, 0, 0]
        self._start = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            generation = info["generation"]
            self.seconds[generation] += time.perf_counter() - self._start
            self.count[generation] += 1

    def __str__(self) -> str:
        parts = ", ".join(
            f"gen{g} {self.count[g]}× {self.seconds[g]:.1f} s" for g in range(len(self.seconds))
        )
        return f"{sum(self.seconds):.1f} s in {sum(self.count)} collections ({parts})"


# ---------------------------------------------------------------------------------------------
# The parts


def parse_floor_ruamel(files: Sequence[Path]) -> Callable[[], object]:
    """Read and load every file with ruamel.yaml's libyaml parser (ruamel.yaml.clib).

    The text is decoded first, as teijuu does: ruamel.yaml loads ``str`` faster than ``bytes``.
    """
    yaml = YAML(typ="safe", pure=False)

    def parse() -> None:
        for path in files:
            yaml.load(path.read_bytes().decode("utf-8"))

    return parse


def ruamel_parser_name() -> str:
    parser: Any = YAML(typ="safe", pure=False).Parser
    return str(getattr(parser, "__name__", parser))


def parse_floor_pyyaml(files: Sequence[Path]) -> Callable[[], object] | None:
    """PyYAML's CSafeLoader in this interpreter, when PyYAML (with libyaml) is installed."""
    try:
        pyyaml: ModuleType = importlib.import_module("yaml")
    except ImportError:
        return None
    loader: Any = getattr(pyyaml, "CSafeLoader", None)
    if loader is None:
        return None
    load: Callable[..., object] = pyyaml.load

    def parse() -> None:
        for path in files:
            load(path.read_bytes(), Loader=loader)

    return parse


_PYYAML_TIMER = """
import statistics, sys, time, yaml
files = sys.stdin.read().splitlines()
times = []
while len(times) < int(sys.argv[1]) and sum(times) < float(sys.argv[2]):
    start = time.perf_counter()
    for name in files:
        with open(name, "rb") as f:
            yaml.load(f.read(), Loader=yaml.CSafeLoader)
    times.append(time.perf_counter() - start)
print(min(times), statistics.median(times), len(times))
"""


def pyyaml_floor_elsewhere(python: Path, files: Sequence[Path], runs: Runs) -> Timing | str:
    """The same PyYAML parse timed inside another interpreter (start-up not counted)."""
    done = subprocess.run(
        [str(python), "-c", _PYYAML_TIMER, str(runs.repeat), str(runs.budget)],
        input="\n".join(str(p) for p in files),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        return (done.stderr.strip().splitlines() or ["failed"])[-1]
    best, median, count = done.stdout.split()
    return Timing(float(best), float(median), int(count))


def find_check_jsonschema(flag: str | None) -> Path | None:
    """The check-jsonschema to run, as an absolute path: the runs start in the corpus, so a
    path relative to where this script was started would name nothing there."""
    if flag:
        path = Path(flag).absolute()
        return path if path.exists() else None
    found = shutil.which("check-jsonschema")
    if found:
        return Path(found)
    return DEFAULT_CJS if DEFAULT_CJS.exists() else None


def diff_function() -> Callable[[Vision, Vision], object] | None:
    try:
        module = importlib.import_module("teijuu.diffing")
    except ModuleNotFoundError as exc:
        if exc.name in ("teijuu.diffing",):
            return None
        raise  # teijuu.diffing exists but something it imports does not: a real error
    diff_visions: Callable[[Vision, Vision], object] = module.diff_visions
    return diff_visions


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    return (
        f"Python {platform.python_version()} ({platform.python_implementation()}) on "
        f"{platform.system()} {platform.machine()}; {os.cpu_count()} CPUs"
        + (f" ({affinity} usable)" if affinity is not None else "")
        + (f"; {model}" if model else "")
    )


def versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    out = []
    for name in ("teijuu", "pydantic", "pydantic-core", "ruamel.yaml", "ruamel.yaml.clib"):
        try:
            out.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            out.append(f"{name} -")
    return ", ".join(out)


def source_state() -> str:
    """Which teijuu is measured: its git commit and the files of the package changed since."""
    import teijuu

    package = Path(teijuu.__file__).resolve().parent
    try:
        head = run(["git", "rev-parse", "--short", "HEAD"], package).stdout.strip()
        status = run(["git", "status", "--porcelain", "--", "."], package).stdout.splitlines()
    except OSError:
        return f"{package} (no git)"
    if not head:
        return f"{package} (not a git checkout)"
    changed = [line[3:] for line in status]
    dirty = f", uncommitted changes in {len(changed)}: {' '.join(changed)}" if changed else ""
    return f"{package} at {head}{dirty}"


def profile_validate(plans: Path, top: int) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    validate_paths([plans])
    profiler.disable()
    for order in ("cumulative", "tottime"):
        stream = io.StringIO()
        stats = pstats.Stats(profiler, stream=stream)
        stats.strip_dirs().sort_stats(order).print_stats(top)
        print(f"\ncProfile of one in-process validate_paths, top {top} by {order}:")
        body = stream.getvalue()
        start = body.find("   ncalls")
        print(body[start:].rstrip() if start >= 0 else body.rstrip())


# ---------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--spheres", type=int, default=130)
    parser.add_argument("--editions", type=int, default=3)
    parser.add_argument("--measures", type=int, default=40)
    parser.add_argument("--quick", action="store_true", help="10 spheres (a fast run)")
    parser.add_argument("--repeat", type=int, default=3, help="best of N (default 3)")
    parser.add_argument(
        "--budget",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="start no further repeat of a task once its runs took this long (default 30), "
        "so that the default size stays under ten minutes; the table says how many runs",
    )
    parser.add_argument(
        "--gc-probe",
        action="store_true",
        help="also time one in-process validate with the garbage collector disabled",
    )
    parser.add_argument(
        "--cold-repeat", type=int, default=10, help="best of N for the cold starts (default 10)"
    )
    parser.add_argument("--check-jsonschema", metavar="PATH", help="the check-jsonschema to run")
    parser.add_argument(
        "--pyyaml-python",
        metavar="PYTHON",
        help="time the PyYAML floor inside this interpreter if PyYAML is not importable here",
    )
    parser.add_argument("--keep", metavar="DIR", help="write the corpus to DIR and keep it")
    parser.add_argument("--profile", action="store_true", help="cProfile one validate_paths")
    parser.add_argument("--profile-top", type=int, default=15)
    args = parser.parse_args(argv)
    if args.quick:
        args.spheres = 10
    if min(args.spheres, args.editions, args.measures, args.repeat, args.cold_repeat) < 1:
        parser.error("sizes and repeats must be at least 1")

    started = time.perf_counter()
    print(f"machine: {machine()}")
    print(f"versions: {versions()}")
    print(f"python: {sys.executable}")
    print(f"teijuu: {source_state()}")
    if args.keep:
        root = Path(args.keep).resolve()
        if root.exists() and any(root.iterdir()):
            parser.error(f"--keep {root}: not empty")
        return bench(root, args, started)
    with tempfile.TemporaryDirectory(prefix="teijuu-national-") as tmp:
        return bench(Path(tmp), args, started)


def bench(root: Path, args: argparse.Namespace, started: float) -> int:
    repeat: int = args.repeat
    runs = Runs(repeat, args.budget)
    print(
        f"\ncorpus: {args.spheres} spheres × {args.editions} editions × {args.measures} measures"
        f", one Results per vision, in {root}"
    )
    t0 = time.perf_counter()
    corpus = generate(root, args.spheres, args.editions, args.measures)
    generated = time.perf_counter() - t0
    files = corpus.all_files
    n_files = len(files)
    size = corpus.size_bytes
    kinds = ", ".join(f"{len(paths)} {kind}" for kind, paths in corpus.files.items())
    print(f"  {n_files} files, {size / 1e6:.1f} MB ({kinds}); written in {generated:.1f} s")

    gc_clock = GcClock() if args.gc_probe else None
    if gc_clock is not None:
        gc.callbacks.append(gc_clock)
    validated, first = check_corpus(corpus, args.editions, args.measures)
    if gc_clock is not None:
        gc.callbacks.remove(gc_clock)
    warnings = Counter(f.code for f in validated.findings if f.severity == Severity.WARNING)
    plan = validated.plan
    n_measures = sum(len(v.measures) for v in plan.visions)
    n_kpis = sum(len(m.kpis) for v in plan.visions for m in v.measures)
    print(
        f"  valid: 0 errors, {sum(warnings.values())} warnings {dict(warnings)}; "
        f"{n_measures} measures, {n_kpis} KPIs (this check is the first timed in-process "
        f"validate_paths run: {first:.1f} s)"
    )
    if gc_clock is not None:
        print(f"  garbage collection during that run: {gc_clock}")
    # The plan stays in memory for grading and diffing; keep the collector from walking it
    # again and again while the rest is timed (a CLI process holds no such heap).
    gc.collect()
    gc.freeze()
    frozen = gc.get_freeze_count()
    print(f"  (its plan stays in memory for grading, frozen out of the GC: {frozen} objects)")
    assert corpus.one_vision is not None
    assert corpus.one_sphere is not None
    rows: list[Row] = []

    # f. the floor --------------------------------------------------------------------------
    print(f"\nfloor: bare YAML parse of the same {n_files} files (read + load)")
    ruamel = timed(runs, parse_floor_ruamel(files))
    show(f"ruamel.yaml safe load (str), {ruamel_parser_name()}", ruamel)
    rows.append(Row("C parse floor: ruamel.yaml safe (libyaml)", ruamel.best, n_files))
    pyyaml_parse = parse_floor_pyyaml(files)
    if pyyaml_parse is not None:
        pyyaml = timed(runs, pyyaml_parse)
        show("PyYAML yaml.load(Loader=CSafeLoader)", pyyaml)
        rows.append(Row("C parse: PyYAML CSafeLoader", pyyaml.best, n_files))
    elif args.pyyaml_python:
        elsewhere = pyyaml_floor_elsewhere(Path(args.pyyaml_python), files, runs)
        if isinstance(elsewhere, Timing):
            show(f"PyYAML CSafeLoader, timed inside {args.pyyaml_python}", elsewhere)
            rows.append(Row("C parse: PyYAML CSafeLoader (other python)", elsewhere.best, n_files))
        else:
            print(f"  PyYAML CSafeLoader in {args.pyyaml_python}: {elsewhere}; skipped")
            rows.append(Row("C parse: PyYAML CSafeLoader", None, note="(failed)"))
    else:
        print(
            "  PyYAML CSafeLoader: PyYAML is not importable here; skipped "
            "(--pyyaml-python PYTHON times it in an interpreter that has it)"
        )
        rows.append(Row("C parse: PyYAML CSafeLoader", None, note="(PyYAML not installed)"))
    floor = ruamel.best

    # a. validate ---------------------------------------------------------------------------
    print(f"\nteijuu validate of the whole corpus ({corpus.plans})")
    in_process = timed(runs, lambda: validate_paths([corpus.plans]), done=[first])
    show("in process: validate_paths([plans])", in_process)
    if args.gc_probe:
        gc.collect()
        gc.disable()
        try:
            no_gc = timed(Runs(1), lambda: validate_paths([corpus.plans]))
        finally:
            gc.enable()
        show("in process, gc.disable() (one run)", no_gc)
    cli_cmd: list[str | Path] = [sys.executable, "-m", "teijuu", "validate", corpus.plans]
    cli, cli_done = timed_process(runs, cli_cmd, root)
    cli_tail = cli_done.stdout.strip().splitlines()[-1:] or cli_done.stderr.strip().splitlines()
    show("CLI: python -m teijuu validate DIR", cli, f"exit {cli_done.returncode}")
    print(f"    last line: {cli_tail[0] if cli_tail else '(none)'}")
    if cli_done.returncode != 0:
        print("    the CLI did not exit 0:\n" + first_lines(cli_done.stdout + cli_done.stderr))

    # e. check-jsonschema -------------------------------------------------------------------
    cjs_path = find_check_jsonschema(args.check_jsonschema)
    cjs_best: float | None = None
    cjs_rows: list[Row] = []
    print("\ncheck-jsonschema over the same files, once per kind")
    if cjs_path is None:
        where = args.check_jsonschema or f"PATH or {DEFAULT_CJS}"
        print(f"  check-jsonschema: not found ({where}); skipped. Install it apart, e.g.")
        print("    python -m venv /tmp/cjs-venv && /tmp/cjs-venv/bin/pip install check-jsonschema")
        rows.append(Row("check-jsonschema (all kinds)", None, note="(not installed)"))
    else:
        version = run([cjs_path, "--version"], root).stdout.strip()
        print(f"  {cjs_path}: {version}")
        schemas = root / "schemas"
        per_kind: dict[str, list[float]] = defaultdict(list)
        totals: list[float] = []
        outcome: dict[str, subprocess.CompletedProcess[str]] = {}
        while len(totals) < repeat and sum(totals) < runs.budget:
            total = 0.0
            for kind, paths in corpus.files.items():
                schema = schemas / SCHEMA_FILES[kind]
                cmd: list[str | Path] = [cjs_path, "--schemafile", schema]
                cmd.extend(p.relative_to(root) for p in paths)
                start = time.perf_counter()
                outcome[kind] = run(cmd, root)
                elapsed = time.perf_counter() - start
                per_kind[kind].append(elapsed)
                total += elapsed
            totals.append(total)
        cjs_best = min(totals)
        show(
            f"all kinds ({len(corpus.files)} processes)",
            Timing(cjs_best, statistics.median(totals), len(totals)),
        )
        for kind, paths in corpus.files.items():
            times = per_kind[kind]
            done = outcome[kind]
            status = "ok" if done.returncode == 0 else f"FAILED (exit {done.returncode})"
            show(
                f"  {kind} × {len(paths)} ({SCHEMA_FILES[kind]})",
                Timing(min(times), statistics.median(times), len(times)),
                status,
            )
            if done.returncode != 0:
                print(first_lines(done.stdout + done.stderr))
            cjs_rows.append(
                Row(
                    f"  check-jsonschema {kind} ({len(paths)})",
                    min(times),
                    len(paths),
                    note="" if done.returncode == 0 else "reported failures",
                )
            )
        failed = [k for k, d in outcome.items() if d.returncode != 0]
        note = f"failures in: {', '.join(failed)}" if failed else "all files pass"
        rows.append(Row("check-jsonschema (all kinds, subprocesses)", cjs_best, n_files, note=note))
        rows.extend(cjs_rows)

    rows.append(Row("teijuu validate, in process", in_process.best, n_files, vs_cjs=True))
    if args.gc_probe:
        rows.append(Row("teijuu validate, in process, GC off", no_gc.best, n_files, vs_cjs=True))
    rows.append(Row("teijuu validate, CLI subprocess", cli.best, n_files, vs_cjs=True))

    # b. grading ----------------------------------------------------------------------------
    graded_pairs: list[tuple[Vision, Results, PolicyFramework | None]] = [
        (vision, results, plan.framework_of(vision))
        for vision in plan.visions
        for results in plan.results_of(vision.id)
    ]
    grades: Counter[str] = Counter()
    for vision, results, framework in graded_pairs:
        for kpi in grade_vision(vision, results, framework).kpis:
            grades[kpi.grade or "-"] += 1
    print(f"\ngrading {len(graded_pairs)} (vision, results) pairs: KPI grades {dict(grades)}")
    grading = timed(
        runs,
        lambda: [grade_vision(v, r, f) for v, r, f in graded_pairs],
    )
    show("grade_vision for every vision with results", grading)
    rows.append(
        Row("grade every vision", grading.best, len(graded_pairs), "visions", vs_floor=False)
    )

    # c. diff -------------------------------------------------------------------------------
    diff_visions = diff_function()
    if diff_visions is None:
        print("\ndiff: not available yet")
        rows.append(
            Row("diff consecutive editions", None, note="(teijuu.diffing not available yet)")
        )
    else:
        by_sphere: dict[str, list[Vision]] = defaultdict(list)
        for vision in plan.visions:
            by_sphere[vision.sphere].append(vision)
        pairs = [
            (old, new) for visions in by_sphere.values() for old, new in itertools.pairwise(visions)
        ]
        print(f"\ndiffing {len(pairs)} pairs of consecutive editions")
        differ = diff_visions
        diffing = timed(runs, lambda: [differ(old, new) for old, new in pairs])
        show("teijuu.diffing.diff_visions for every pair", diffing)
        rows.append(Row("diff consecutive editions", diffing.best, len(pairs), "pairs", False))

    # d. cold start -------------------------------------------------------------------------
    cold_repeat: int = args.cold_repeat
    cold_runs = Runs(cold_repeat)
    python = sys.executable
    one_vision = corpus.one_vision.relative_to(root)
    one_sphere = corpus.one_sphere.relative_to(root)
    sphere_files = sum(1 for p in files if corpus.one_sphere in p.parents)
    print(f"\ncold start (fresh processes, best of {cold_repeat})")
    bare, _ = timed_process(cold_runs, [python, "-c", "pass"], root)
    show("python -c pass", bare)
    pydantic, _ = timed_process(cold_runs, [python, "-c", "import pydantic"], root)
    show('python -c "import pydantic"', pydantic)
    helped, help_done = timed_process(cold_runs, [python, "-m", "teijuu", "--help"], root)
    show("python -m teijuu --help", helped, f"exit {help_done.returncode}")
    one, one_done = timed_process(cold_runs, [python, "-m", "teijuu", "validate", one_vision], root)
    one_errors = sum(": error: " in line for line in one_done.stdout.splitlines())
    show(
        f"python -m teijuu validate {one_vision}",
        one,
        f"exit {one_done.returncode}, {one_errors} error line(s)",
    )
    if one_done.returncode != 0:
        print(
            "    (alone, a vision's sphere and framework are not among the paths, so its "
            "references are unresolved:)\n" + first_lines(one_done.stdout, 3)
        )
    dir_t, dir_done = timed_process(
        cold_runs, [python, "-m", "teijuu", "validate", one_sphere], root
    )
    show(
        f"python -m teijuu validate {one_sphere}/ ({sphere_files} files)",
        dir_t,
        f"exit {dir_done.returncode}",
    )
    rows.append(Row("cold: python -c pass", bare.best, vs_floor=False))
    rows.append(Row("cold: python -c 'import pydantic'", pydantic.best, vs_floor=False))
    rows.append(Row("cold: python -m teijuu --help", helped.best, vs_floor=False))
    rows.append(Row("cold: python -m teijuu validate ONE_FILE", one.best, 1, vs_floor=False))
    rows.append(
        Row(
            f"cold: python -m teijuu validate ONE_SPHERE ({sphere_files})",
            dir_t.best,
            sphere_files,
            vs_floor=False,
        )
    )

    # summary -------------------------------------------------------------------------------
    print(
        f"\nsummary: {n_files} files, {size / 1e6:.1f} MB; {len(plan.visions)} visions, "
        f"{n_measures} measures, {n_kpis} KPIs; best of up to {repeat} runs, none started "
        f"after {runs.budget:g} s of a task (n above); cold starts: best of {cold_repeat}; "
        "wall-clock seconds"
    )
    print(f"machine: {machine()}\n")
    print_table(rows, floor, cjs_best)
    print()
    print(
        f"--help ÷ import pydantic: {helped.best / pydantic.best:.2f}× "
        f"({helped.best:.3f} s vs {pydantic.best:.3f} s; python -c pass {bare.best:.3f} s)"
    )
    print(
        f"validate ONE_FILE ÷ import pydantic: {one.best / pydantic.best:.2f}×; "
        f"validate in process: {in_process.best / n_files * 1000:.1f} ms/file, "
        f"C parse floor {floor / n_files * 1000:.2f} ms/file"
    )
    print(
        f"CLI validate − in-process validate: {cli.best - in_process.best:+.3f} s "
        f"(start-up and imports: --help takes {helped.best:.3f} s)"
    )
    if args.profile:
        profile_validate(corpus.plans, args.profile_top)
    print(f"teijuu: {source_state()}")
    print(f"\ntotal run time: {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
