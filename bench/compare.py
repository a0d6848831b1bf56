"""Compare `teijuu validate` with the tools around it on 1/8, 1/4, 1/2 and all of a national corpus.

The corpus is the one of ``bench/national.py`` (130 spheres × 3 editions × 40 measures, one
Results per vision: 1,300 files, 42 MB, by default). For each fraction (the first spheres of
it), each of these runs as a fresh process, the runs interleaved, the median of ``--repeat``:

- ``teijuu validate`` — ``python -m teijuu validate SPHERE_DIR…``;
- PyYAML C — ``yaml.load(text, Loader=yaml.CSafeLoader)`` of every file (no validation);
- ruamel C — ``YAML(typ="safe", pure=False).load(text)`` of every file (libyaml through
  ruamel.yaml.clib, no validation);
- check-jsonschema — one process per kind of document, against that kind's schema (their
  times add up; the peak memory is the largest of them);
- ``json.loads`` — of the same data written as JSON: the floor for just reading it.

Each figure is the process's wall time and its peak memory (the maximum resident set of the
child, as ``wait4`` reports it; the processes are started by a small runner, whose own few
megabytes the table gives as a baseline). Then the cold start: ``teijuu validate ONE_FILE``
against check-jsonschema on the same file (median of ``--cold-repeat``). The last lines set
the figures against the targets of issue 16.

Run::

    pip install check-jsonschema     # into the same environment, or give --check-jsonschema
    python bench/compare.py                      # the whole corpus, about 15 minutes
    python bench/compare.py --spheres 16         # a quick look
    python bench/compare.py --corpus DIR         # reuse a corpus kept with --keep DIR
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
FRACTIONS = ((1, 8), (1, 4), (1, 2), (1, 1))
TOOLS = ("teijuu validate", "PyYAML C", "ruamel C", "check-jsonschema", "json.loads")
MIB = 1024 * 1024

# Started with the command to time as its arguments; writes "seconds max_rss_kib status" to
# the file named by its first argument. It imports nothing but os, sys and time, so that the
# memory a child starts with (counted in its peak) is small.
RUNNER = """\
import os, sys, time
start = time.perf_counter()
pid = os.posix_spawn(sys.argv[2], sys.argv[2:], os.environ)
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - start
with open(sys.argv[1], "w") as out:
    out.write(f"{seconds} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}")
"""


# The child that reads every file named in a listing (one path a line) in one of three ways;
# run with `python -c`, so that it imports only what its way needs.
LOADER = """\
import sys
how, listing = sys.argv[1], sys.argv[2]
with open(listing, encoding="utf-8") as handle:
    paths = handle.read().splitlines()
if how == "pyyaml":
    import yaml
    load = lambda text: yaml.load(text, Loader=yaml.CSafeLoader)
elif how == "ruamel":
    from ruamel.yaml import YAML
    load = YAML(typ="safe", pure=False).load
else:
    import json
    load = json.loads
for path in paths:
    with open(path, encoding="utf-8") as handle:
        load(handle.read())
"""


@dataclass
class Run:
    seconds: float
    peak_kib: int
    status: int


@dataclass
class Task:
    """One tool on one fraction: the commands of one run (more than one for check-jsonschema)."""

    tool: str
    commands: list[list[str]]
    runs: list[Run] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def peak_mib(self) -> float:
        return max(r.peak_kib for r in self.runs) / 1024


def timed(command: Sequence[str], cwd: Path, scratch: Path) -> tuple[Run, str]:
    """Run ``command`` under the runner: its wall time, peak memory, status and output."""
    result = scratch / "run.txt"
    program = shutil.which(command[0]) or command[0]
    done = subprocess.run(
        [sys.executable, "-S", "-c", RUNNER, str(result), program, *command[1:]],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0 or not result.exists():
        raise SystemExit(f"the runner failed on {command[:3]}…:\n{done.stderr}")
    seconds, peak, status = result.read_text().split()
    result.unlink()
    return Run(float(seconds), int(peak), int(status)), done.stdout + done.stderr


def run_task(
    task: Task, cwd: Path, scratch: Path, expect: frozenset[int] | set[int] = frozenset({0})
) -> None:
    """One run of ``task``: its commands one after the other, their times added up."""
    total, peak, status = 0.0, 0, 0
    for command in task.commands:
        run, output = timed(command, cwd, scratch)
        if run.status not in expect:
            tail = "\n".join(output.strip().splitlines()[-5:])
            raise SystemExit(f"{task.tool} failed (exit {run.status}):\n{tail}")
        total, peak, status = total + run.seconds, max(peak, run.peak_kib), status or run.status
    task.runs.append(Run(total, peak, status))


def find_check_jsonschema(flag: str | None) -> Path | None:
    """``--check-jsonschema`` (relative to the directory this was started in), else the one
    beside this Python, else the one on PATH."""
    if flag:
        path = Path(flag).absolute()
        return path if path.exists() else None
    beside = Path(sys.executable).parent / "check-jsonschema"
    if beside.exists():
        return beside
    found = shutil.which("check-jsonschema")
    return Path(found).absolute() if found else None


def write_json(corpus_root: Path, files: Sequence[Path]) -> dict[Path, Path]:
    """Each file's data as JSON under ``corpus_root/json`` (dates and decimals as text)."""
    import yaml

    out = {}
    for path in files:
        target = corpus_root / "json" / path.relative_to(corpus_root).with_suffix(".json")
        target.parent.mkdir(parents=True, exist_ok=True)
        data = yaml.load(path.read_text("utf-8"), Loader=yaml.CSafeLoader)
        target.write_text(json.dumps(data, ensure_ascii=False, default=str), "utf-8")
        out[path] = target
    return out


def tasks_for(
    root: Path,
    spheres: list[Path],
    by_kind: dict[str, list[Path]],
    as_json: dict[Path, Path],
    cjs: Path | None,
    scratch: Path,
    name: str,
) -> list[Task]:
    from teijuu.model.documents import SCHEMA_FILES

    chosen = {
        k: [p for p in ps if any(p.is_relative_to(s) for s in spheres)] for k, ps in by_kind.items()
    }
    files = [p for ps in chosen.values() for p in ps]
    listing = scratch / f"{name}.yaml.txt"
    listing.write_text("\n".join(str(p) for p in files), "utf-8")
    json_listing = scratch / f"{name}.json.txt"
    json_listing.write_text("\n".join(str(as_json[p]) for p in files), "utf-8")
    python = sys.executable
    tasks = [
        Task(TOOLS[0], [[python, "-m", "teijuu", "validate", *(str(s) for s in spheres)]]),
        Task(TOOLS[1], [[python, "-c", LOADER, "pyyaml", str(listing)]]),
        Task(TOOLS[2], [[python, "-c", LOADER, "ruamel", str(listing)]]),
    ]
    if cjs is not None:
        commands = [
            [str(cjs), "--schemafile", str(root / "schemas" / SCHEMA_FILES[kind]), *map(str, ps)]
            for kind, ps in chosen.items()
            if ps
        ]
        tasks.append(Task(TOOLS[3], commands))
    tasks.append(Task(TOOLS[4], [[python, "-c", LOADER, "json", str(json_listing)]]))
    return tasks


def ratio(value: float, base: float | None) -> str:
    return f"{value / base:5.2f}×" if base else "    -"


def print_table(fraction: str, size: int, count: int, tasks: list[Task]) -> None:
    by_tool = {t.tool: t for t in tasks}
    pyyaml = by_tool[TOOLS[1]].seconds
    cjs = by_tool[TOOLS[3]].seconds if TOOLS[3] in by_tool else None
    print(f"\n{fraction} of the corpus: {count} files, {size / MIB:.1f} MiB")
    header = (
        f"  {'tool':<18} {'seconds':>8} {'× PyYAML C':>10} {'× cjs':>7} {'peak MiB':>9} "
        f"{'× corpus':>9}  runs"
    )
    print(header)
    for task in tasks:
        print(
            f"  {task.tool:<18} {task.seconds:8.2f} {ratio(task.seconds, pyyaml):>10} "
            f"{ratio(task.seconds, cjs):>7} {task.peak_mib:9.0f} "
            f"{task.peak_mib * MIB / size:8.1f}×  {len(task.runs)}"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--spheres", type=int, default=130)
    parser.add_argument("--editions", type=int, default=3)
    parser.add_argument("--measures", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3, help="median of N runs (default 3)")
    parser.add_argument("--cold-repeat", type=int, default=7, help="for the cold starts")
    parser.add_argument("--check-jsonschema", metavar="PATH", help="the check-jsonschema to run")
    parser.add_argument("--corpus", metavar="DIR", help="a corpus kept before with --keep")
    parser.add_argument("--keep", metavar="DIR", help="write the corpus to DIR and keep it")
    args = parser.parse_args(argv)
    if min(args.spheres, args.editions, args.measures, args.repeat, args.cold_repeat) < 1:
        parser.error("sizes and repeats must be at least 1")
    cjs = find_check_jsonschema(args.check_jsonschema)
    if args.check_jsonschema and cjs is None:
        parser.error(f"--check-jsonschema {args.check_jsonschema}: no such file")
    sys.path.insert(0, str(HERE))
    import national

    print(f"machine: {national.machine()}")
    print(f"versions: {national.versions()}")
    print(f"teijuu: {national.source_state()}")
    import compileall

    import teijuu
    from teijuu.yamlio import PARSER

    print(f"teijuu reads YAML with {PARSER}")
    # As an installed wheel has it (and check-jsonschema, installed by pip, has it): with
    # PYTHONDONTWRITEBYTECODE set, a source checkout would be compiled again by every run.
    compileall.compile_dir(Path(teijuu.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory(prefix="teijuu-compare-") as tmp:
        scratch = Path(tmp)
        if args.corpus:
            root = Path(args.corpus).absolute()
        else:
            root = Path(args.keep).absolute() if args.keep else scratch / "corpus"
            if root.exists() and any(root.iterdir()):
                parser.error(f"--keep {root}: not empty")
            national.generate(root, args.spheres, args.editions, args.measures)
        return compare(root, cjs, args, scratch)


def compare(root: Path, cjs: Path | None, args: argparse.Namespace, scratch: Path) -> int:
    from teijuu.loading import discover
    from teijuu.validate import validate_paths

    spheres = sorted(p for p in (root / "plans").iterdir() if p.is_dir())
    files, _ = discover([root / "plans"])
    by_kind: dict[str, list[Path]] = {}
    validated = validate_paths([root / "plans"])
    if not validated.ok or validated.files != len(files):
        raise SystemExit(f"the corpus in {root} is not valid: {validated.findings[:3]}")
    for source in validated.sources:
        by_kind.setdefault(source.document.kind, []).append(Path(source.path).absolute())
    del validated
    as_json = write_json(root, [p for ps in by_kind.values() for p in ps])
    print(f"corpus: {root}: {len(spheres)} spheres, {len(files)} files (all valid)")
    if cjs is None:
        print("check-jsonschema: not found (pip install check-jsonschema); left out")
    else:
        version = subprocess.run([cjs, "--version"], capture_output=True, text=True, check=False)
        print(f"check-jsonschema: {cjs} ({version.stdout.strip()})")

    baseline, _ = timed([sys.executable, "-S", "-c", "pass"], root, scratch)
    print(
        f"runner baseline: a bare `python -S -c pass` peaks at {baseline.peak_kib / 1024:.0f} MiB "
        "(every peak below includes what a fresh Python takes)"
    )
    plan: list[tuple[str, int, int, list[Task]]] = []
    for num, den in FRACTIONS:
        chosen = spheres[: max(1, round(len(spheres) * num / den))]
        name = f"{num}-{den}"
        tasks = tasks_for(root, chosen, by_kind, as_json, cjs, scratch, name)
        chosen_files = [
            p for ps in by_kind.values() for p in ps if any(p.is_relative_to(s) for s in chosen)
        ]
        size = sum(p.stat().st_size for p in chosen_files)
        plan.append((f"{num}/{den}" if den > 1 else "all", size, len(chosen_files), tasks))
    for repeat in range(args.repeat):
        for label, _, _, tasks in plan:
            for task in tasks:
                run_task(task, root, scratch)
            print(f"  run {repeat + 1}/{args.repeat}, {label}: done", flush=True)
    for label, size, count, tasks in plan:
        print_table(label, size, count, tasks)

    one = next(p for p in by_kind["Vision"])
    cold = [
        Task("teijuu validate ONE_FILE", [[sys.executable, "-m", "teijuu", "validate", str(one)]])
    ]
    if cjs is not None:
        from teijuu.model.documents import SCHEMA_FILES

        schema = root / "schemas" / SCHEMA_FILES["Vision"]
        cold.append(
            Task("check-jsonschema ONE_FILE", [[str(cjs), "--schemafile", str(schema), str(one)]])
        )
    for _ in range(args.cold_repeat):
        for task in cold:
            # A vision alone names a sphere and a framework that are not given: teijuu
            # reports them (exit 1) after the same reading and validation.
            run_task(task, root, scratch, expect={0, 1})
    kib = one.stat().st_size / 1024
    print(f"\ncold start on one vision ({kib:.0f} KiB), median of {args.cold_repeat}:")
    for task in cold:
        print(f"  {task.tool:<28} {task.seconds:6.3f} s  peak {task.peak_mib:4.0f} MiB")

    whole = {t.tool: t for t in plan[-1][3]}
    size = plan[-1][1]
    teijuu = whole[TOOLS[0]]
    print("\ntargets (issue 16), on the whole corpus:")
    verdicts = [
        ("time ≤ 1.3× PyYAML C", teijuu.seconds / whole[TOOLS[1]].seconds, 1.3),
        ("peak memory ≤ 5× the corpus", teijuu.peak_mib * MIB / size, 5.0),
    ]
    if TOOLS[3] in whole:
        verdicts.append(
            ("time ≤ 0.25× check-jsonschema", teijuu.seconds / whole[TOOLS[3]].seconds, 0.25)
        )
        verdicts.append(
            ("cold validate ≤ 0.6× check-jsonschema", cold[0].seconds / cold[1].seconds, 0.6)
        )
    for what, value, target in verdicts:
        print(f"  {what:<40} {value:5.2f}  {'met' if value <= target else 'NOT MET'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
