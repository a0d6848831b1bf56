"""Hostile and broken plan files, each run through the real CLI in a child process.

Every case ends with its finding, at its line and column, in bounded time and memory: never a
traceback, a crash or a hang. The child runs ``python -m teijuu validate PATH`` with its address
space limited to ``MEMORY_LIMIT`` and is killed after its timeout; each run records its time and
peak memory (``pytest -rP`` or ``--junitxml`` shows them).

Small inputs live in ``tests/hostile/`` (see its README); the others are made in ``tmp_path``
from the small valid plan of ``conftest.py``, with one value changed so that each case yields
exactly one error.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from teijuu.validate import validate_paths

from .conftest import SMALL_PLAN, SMALL_SPHERE, SMALL_VISION, write_plan

if sys.platform == "win32":  # pragma: no cover
    pytest.skip("needs POSIX resource limits", allow_module_level=True)

import resource

HOSTILE = Path(__file__).resolve().parent / "hostile"
MEMORY_LIMIT = 1 << 30  # address space of the child: 1 GiB
TIMEOUT = 60.0
BIG_TIMEOUT = 10.0  # for a 50 MB file; teijuu reads a 50 MB comment in about 1.5 s
STACK_LIMIT = 8 << 20  # the usual default, so that a stack overflow is the same everywhere
BIG_SIZE = 50_000_000
WARNINGS_ALLOWED = frozenset({"schema-modeline"})

Record = Callable[[str, object], None]

_FINDING_RE = re.compile(
    r"^(?P<file>.+?)(?::(?P<line>\d+)(?::(?P<column>\d+))?)?: "
    r"(?P<severity>error|warning|info): (?P<code>[a-z][a-z-]*): (?P<message>.*)$"
)


@dataclass(frozen=True, slots=True)
class Reported:
    """One finding as the CLI printed it: ``PATH:LINE:COL: SEVERITY: CODE: message``."""

    file: str
    line: int | None
    column: int | None
    severity: str
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class Run:
    argv: list[str]
    status: int | None  # None: killed at the timeout; negative: killed by that signal
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float
    timeout: float

    @property
    def findings(self) -> list[Reported]:
        found = []
        for text in self.stdout.splitlines():
            match = _FINDING_RE.match(text)
            if match is None:
                continue
            line, column = match["line"], match["column"]
            found.append(
                Reported(
                    match["file"],
                    int(line) if line else None,
                    int(column) if column else None,
                    match["severity"],
                    match["code"],
                    match["message"],
                )
            )
        return found

    @property
    def errors(self) -> list[Reported]:
        return [f for f in self.findings if f.severity == "error"]

    def __str__(self) -> str:
        if self.status is None:
            ended = f"no answer after {self.timeout:.0f} s (killed)"
        elif self.status < 0:
            ended = f"killed by signal {-self.status}"
        else:
            ended = f"exit {self.status}"
        out = self.stdout if len(self.stdout) < 4000 else self.stdout[:4000] + "…"
        err = self.stderr if len(self.stderr) < 4000 else self.stderr[-4000:]
        return (
            f"{' '.join(self.argv[2:])}: {ended} in {self.seconds:.2f} s, "
            f"peak {self.peak_mb:.0f} MB\n--- stdout\n{out}--- stderr\n{err}"
        )


def _limit_child() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    _, hard = resource.getrlimit(resource.RLIMIT_STACK)
    stack = STACK_LIMIT if hard == resource.RLIM_INFINITY else min(STACK_LIMIT, hard)
    resource.setrlimit(resource.RLIMIT_STACK, (stack, hard))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crash leaves no core file behind


def _high_water_mb(pid: int) -> float | None:
    """Peak RSS so far of the program ``pid`` runs (Linux), or None."""
    try:
        with open(f"/proc/{pid}/status", "rb") as status:
            for line in status:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def _wait(proc: subprocess.Popen[bytes], timeout: float) -> tuple[int | None, float]:
    """Exit status (None when killed at the timeout) and peak memory in MB of this one child.

    The peak is sampled from /proc while the child runs: its ``ru_maxrss`` would count the
    pages of this (pytest) process that it was forked from. Elsewhere ``ru_maxrss`` it is.
    """
    deadline = time.monotonic() + timeout
    status: int | None = None
    sampled: float | None = None
    pause = 0.002
    try:
        while True:
            high = _high_water_mb(proc.pid)
            if high is not None:
                sampled = max(sampled or 0.0, high)
            pid, wait_status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                status = os.waitstatus_to_exitcode(wait_status)
                break
            if time.monotonic() > deadline:
                break
            time.sleep(pause)
            pause = min(pause * 2, 0.02)
    finally:
        if status is None:  # the timeout, or this test interrupted: leave no child behind
            proc.kill()
            _, wait_status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(wait_status)  # reaped here, not by Popen
    if sampled is not None:
        return status, sampled
    kib = usage.ru_maxrss / 1024 if sys.platform == "darwin" else usage.ru_maxrss
    return status, kib / 1024


def validate(path: Path | str, cwd: Path, record: Record, *, timeout: float = TIMEOUT) -> Run:
    """Run ``python -m teijuu validate PATH`` in a child with bounded memory and time."""
    argv = [sys.executable, "-m", "teijuu", "validate", str(path)]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        proc = subprocess.Popen(
            argv,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            preexec_fn=_limit_child,
        )
        status, peak_mb = _wait(proc, timeout)
        seconds = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        run = Run(
            argv,
            status,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            seconds,
            peak_mb,
            timeout,
        )
    record("seconds", round(seconds, 2))
    record("peak_mb", round(peak_mb, 1))
    print(f"{path}: {seconds:.2f} s, peak {peak_mb:.0f} MB, status {status}")
    return run


def assert_sane(run: Run, *statuses: int) -> None:
    """Ended by itself, with an expected status, no traceback, one finding per output line."""
    assert run.status is not None, str(run)
    assert run.status >= 0, str(run)
    assert "Traceback" not in run.stdout + run.stderr, str(run)
    assert run.status in statuses, str(run)
    unparsed = [t for t in run.stdout.splitlines() if not _FINDING_RE.match(t)]
    assert unparsed == [], f"lines that are not findings: {unparsed}\n{run}"
    assert all(t.startswith("teijuu: ") for t in run.stderr.splitlines()), str(run)


def assert_one_error(
    run: Run,
    status: int,
    code: str,
    file: str,
    place: tuple[int | None, int | None],
    words: str,
) -> Reported:
    assert_sane(run, status)
    errors = run.errors
    assert [f.code for f in errors] == [code], str(run)
    (error,) = errors
    assert error.file.endswith(file), str(run)
    assert (error.line, error.column) == place, str(run)
    assert words in error.message, str(run)
    others = {f.code for f in run.findings if f.severity != "error"}
    assert others <= WARNINGS_ALLOWED, str(run)
    return error


# --- inputs -----------------------------------------------------------------------------------


def _place(text: str, value: str, *, last: bool = False) -> tuple[int, int]:
    """Line and column (from 1, in characters) where ``value`` is written in ``text``."""
    at = text.rindex(value) if last else text.index(value)
    assert last or text.count(value) == 1, value
    line_start = text.rfind("\n", 0, at) + 1
    return text.count("\n", 0, at) + 1, at - line_start + 1


def _vision(old: str, new: str) -> str:
    assert SMALL_VISION.count(old) == 1, old
    return SMALL_VISION.replace(old, new)


def _plan_with(tmp_path: Path, vision: str | bytes) -> Path:
    """The small plan (four valid files) in ``tmp_path/plan`` with another vision.yaml."""
    directory = write_plan(tmp_path / "plan", SMALL_PLAN)
    target = directory / "vision.yaml"
    if isinstance(vision, bytes):
        target.write_bytes(vision)
    else:
        target.write_text(vision, encoding="utf-8")
    return directory


@dataclass(frozen=True, slots=True)
class Case:
    """An input, and the one error it must yield."""

    make: Callable[[Path], Path]  # writes the input under tmp_path, returns the path to validate
    code: str
    file: str  # how the finding's file name ends
    place: tuple[int | None, int | None]
    words: str  # words of the message
    status: int = 1


def _committed(name: str) -> Callable[[Path], Path]:
    return lambda tmp_path: HOSTILE / name


_BOM = b"\xef\xbb\xbf"


def _number_case(
    value: str,
    code: str,
    words: str,
    *,
    old: str = "2024: 48221",
    key: str = "2024: ",
    bom: bool = False,
) -> Case:
    """The small plan whose vision says ``key value`` instead of ``old``; the finding points at
    the value (a byte-order mark before the text moves no column)."""
    text = _vision(old, key + value)
    line, column = _place(text, key + value)
    content = _BOM + text.encode() if bom else text
    return Case(
        lambda tmp_path: _plan_with(tmp_path, content),
        code,
        "plan/vision.yaml",
        (line, column + len(key)),
        words,
    )


def _vision_file(text: str) -> Callable[[Path], Path]:
    """Only the vision file: when it cannot be read, the other files' references to it would
    be reported too."""
    return lambda tmp_path: _plan_with(tmp_path, text) / "vision.yaml"


def _missing(tmp_path: Path) -> Path:
    return tmp_path / "missing.yaml"


def _empty_dir(tmp_path: Path) -> Path:
    (tmp_path / "empty").mkdir()
    return tmp_path / "empty"


def _no_plan_files(tmp_path: Path) -> Path:
    directory = tmp_path / "notes"
    directory.mkdir()
    (directory / "README.txt").write_text("plans go here\n", "utf-8")
    (directory / ".hidden.yaml").write_text(SMALL_SPHERE, "utf-8")  # hidden files are skipped
    (directory / "sub").mkdir()
    return directory


def _self_symlink(tmp_path: Path) -> Path:
    directory = write_plan(tmp_path / "plan", SMALL_PLAN)
    (directory / "self.yaml").symlink_to("self.yaml")
    return directory


_TAB_VISION = _vision("  start: 2024", "\tstart: 2024")

CASES: dict[str, Case] = {
    # YAML that would run code, expand without end or hide where a value comes from
    "python-tag": Case(
        _committed("python-tag.yaml"),
        "forbidden-tag",
        "python-tag.yaml",
        (5, 7),
        "!!python/object/apply:os.system is not allowed",
    ),
    "custom-tag": Case(
        _committed("custom-tag.yaml"),
        "forbidden-tag",
        "custom-tag.yaml",
        (5, 7),
        "!custom is not allowed",
    ),
    "duplicate-key": Case(
        _committed("duplicate-key.yaml"),
        "duplicate-key",
        "duplicate-key.yaml",
        (12, 5),
        "'name' appears twice in this mapping (first at line 11)",
    ),
    "tab-indent": Case(
        _committed("tab-indent.yaml"),
        "yaml-syntax",
        "tab-indent.yaml",
        (9, 1),
        "tab",
    ),
    "tab-before-key": Case(
        _vision_file(_TAB_VISION),
        "yaml-syntax",
        "vision.yaml",
        (_place(_TAB_VISION, "\tstart")[0], 1),
        "",  # libyaml says "found character that cannot start any token", not that it is a tab
    ),
    # bytes that are not UTF-8
    "latin-1": Case(
        _committed("latin-1.yaml"), "encoding", "latin-1.yaml", (5, 8), "save it as UTF-8"
    ),
    "shift-jis": Case(
        _committed("shift-jis.yaml"),
        "encoding",
        "shift-jis.yaml",
        (5, 7),
        "Shift_JIS (CP932); convert it with `iconv -f CP932 -t UTF-8",
    ),
    # numbers that are not exact amounts, where the budget of FY2024 belongs
    "nan": _number_case(".nan", "invalid-number", "NaN and infinities"),
    "inf": _number_case(".inf", "invalid-number", "NaN and infinities"),
    "minus-inf": _number_case("-.inf", "invalid-number", "NaN and infinities"),
    "nan-kpi-target": _number_case(".NaN", "invalid-number", "NaN", old="value: 20", key="value: "),
    "negative": _number_case("-48221", "negative-amount", "cannot be negative, found -48221"),
    "boolean": _number_case("true", "invalid-number", "the boolean true"),
    "date": _number_case("2025-12-17", "invalid-number", "'2025-12-17'"),
    "separators-quoted": _number_case(
        '"48,221"', "invalid-number", "without them and without quotes: 48221"
    ),
    "separators-plain": _number_case(
        "48,221", "invalid-number", "without them and without quotes: 48221"
    ),
    "bom-keeps-columns": _number_case(".nan", "invalid-number", "NaN", bom=True),
    # paths that are not plans
    "missing-file": Case(
        _missing, "io-error", "missing.yaml", (None, None), "no such file", status=2
    ),
    "empty-directory": Case(
        _empty_dir, "no-plans", "empty", (None, None), "no plan files", status=2
    ),
    "no-plan-files": Case(
        _no_plan_files, "no-plans", "notes", (None, None), "no plan files", status=2
    ),
    "symlink-to-itself": Case(
        _self_symlink,
        "io-error",
        "self.yaml",
        (None, None),
        "symbolic links",
        status=2,
    ),
}


@pytest.mark.parametrize(
    "case",
    [pytest.param(case, id=name) for name, case in CASES.items()],
)
def test_hostile_input_yields_its_finding(
    case: Case, tmp_path: Path, record_property: Record
) -> None:
    run = validate(case.make(tmp_path), tmp_path, record_property)
    assert_one_error(run, case.status, case.code, case.file, case.place, case.words)


def test_the_plans_the_cases_change_are_valid(tmp_path: Path) -> None:
    """Each case's error comes from its one change: the inputs it changes are valid."""
    assert validate_paths([write_plan(tmp_path / "plan", SMALL_PLAN)]).findings == []
    sphere = tmp_path / "sphere.yaml"
    sphere.write_text(SMALL_SPHERE.replace("../schemas/", "../../schemas/"), "utf-8")
    assert validate_paths([sphere]).findings == []


# --- accepted as written ----------------------------------------------------------------------


def test_utf8_bom_is_accepted(tmp_path: Path, record_property: Record) -> None:
    assert (HOSTILE / "bom.yaml").read_bytes().startswith(_BOM)
    run = validate(HOSTILE / "bom.yaml", tmp_path, record_property)
    assert_sane(run, 0)
    assert run.findings == []  # not even the modeline, which follows the BOM


def test_crlf_line_ends_are_accepted(tmp_path: Path, record_property: Record) -> None:
    plan = _plan_with(tmp_path, SMALL_VISION.replace("\n", "\r\n").encode())
    run = validate(plan, tmp_path, record_property)
    assert_sane(run, 0)
    assert run.findings == []


def test_shift_jis_advice_works(tmp_path: Path, record_property: Record) -> None:
    """Converted as the message says (CP932 to UTF-8), the Shift_JIS file is valid."""
    converted = tmp_path / "converted.yaml"
    converted.write_bytes((HOSTILE / "shift-jis.yaml").read_bytes().decode("cp932").encode())
    run = validate(converted, tmp_path, record_property)
    assert_sane(run, 0)
    assert run.findings == []


# --- bombs, depth and size --------------------------------------------------------------------


def test_billion_laughs_is_refused_without_expanding(
    tmp_path: Path, record_property: Record
) -> None:
    """Ten levels of nine aliases (3.5 billion strings expanded): each alias is said once."""
    run = validate(HOSTILE / "billion-laughs.yaml", tmp_path, record_property)
    assert_sane(run, 1)
    assert {f.code for f in run.findings} == {"alias-not-allowed"}
    lines = Counter(f.line for f in run.findings)
    assert lines == dict.fromkeys(range(3, 12), 9), str(run)
    for finding in run.findings:
        assert finding.line is not None
        assert f"an alias of the one at line {finding.line - 1};" in finding.message
    assert run.seconds < 10, str(run)
    assert run.peak_mb < 200, str(run)


def test_alias_in_block_list_is_reported_at_the_alias(
    tmp_path: Path, record_property: Record
) -> None:
    run = validate(HOSTILE / "alias-in-list.yaml", tmp_path, record_property)
    assert_one_error(
        run, 1, "alias-not-allowed", "alias-in-list.yaml", (13, 5), "alias of the one at line 8"
    )


def test_aliases_in_flow_list_are_reported_at_their_columns(
    tmp_path: Path, record_property: Record
) -> None:
    run = validate(HOSTILE / "billion-laughs.yaml", tmp_path, record_property)
    assert_sane(run, 1)
    text = (HOSTILE / "billion-laughs.yaml").read_text("utf-8")
    line = text.splitlines()[2]  # lol1: &lol1 [*lol0, *lol0, ...]
    expected = [m.start() + 1 for m in re.finditer(r"\*lol0", line)]
    assert [f.column for f in run.findings if f.line == 3] == expected, str(run)


def _nested(depth: int, opener: str, closer: str) -> tuple[str, int]:
    """``depth`` nested flow collections, and the column of the first one too deep: the root
    is at depth 0 and depth 65 is more than ``MAX_DEPTH`` (64)."""
    return opener * depth + closer * depth + "\n", len(opener) * 65 + 1


@pytest.mark.parametrize(
    ("depth", "opener", "closer"),
    [
        pytest.param(10_000, "[", "", id="10000-unclosed-lists"),
        pytest.param(10_000, "[", "]", id="10000-lists"),
        # libyaml recurses once per level on the C stack: refused before it parses
        pytest.param(50_000, "[", "]", id="50000-lists"),
    ],
)
def test_deep_nesting_is_refused(
    depth: int, opener: str, closer: str, tmp_path: Path, record_property: Record
) -> None:
    text, column = _nested(depth, opener, closer)
    path = tmp_path / "deep.yaml"
    path.write_text(text, "utf-8")
    run = validate(path, tmp_path, record_property)
    assert_sane(run, 1)
    (error,) = run.errors
    assert error.code in {"too-deep", "yaml-syntax"}, str(run)
    if error.code == "too-deep":
        assert (error.line, error.column) == (1, column), str(run)
    else:  # the list never closes: the end of the file is where that shows
        assert error.line == 2, str(run)


def _big_vision(kind: str) -> tuple[str, tuple[int, int]]:
    """A vision of about ``BIG_SIZE`` bytes whose last budget is .nan, and where that is."""
    head, marker, measure = SMALL_VISION.partition("measures:\n")
    bad = measure.replace("2024: 48221", "2024: .nan")
    parts = [head]
    if kind == "comment":
        comment = "# 令和6年度の実績をここに書く。" * 4 + "\n"
        parts.append(comment * (BIG_SIZE // len(comment.encode())))
        parts += [marker, bad]
    elif kind == "string":
        parts.append("aims: " + "定住自立圏" * (BIG_SIZE // 15) + "\n")
        parts += [marker, bad]
    else:
        parts.append(marker)
        count = BIG_SIZE // len(measure.encode())
        for i in range(count):
            numbered = measure.replace("id: m1", f"id: m{i}").replace("id: k1", f"id: k{i}")
            parts.append(numbered.replace("no: 1", f"no: {i + 1}"))
        parts.append(bad.replace("id: m1", "id: last").replace("id: k1", "id: last"))
    text = "".join(parts)
    line, column = _place(text, "2024: .nan", last=True)
    return text, (line, column + len("2024: "))


@pytest.mark.parametrize(
    "kind",
    [
        "comment",
        "string",
        "measures",
    ],
)
def test_50_mb_file_is_answered_in_bounded_time_and_memory(
    kind: str, tmp_path: Path, record_property: Record
) -> None:
    text, place = _big_vision(kind)
    path = tmp_path / "big" / "vision.yaml"
    path.parent.mkdir()
    path.write_text(text, "utf-8")
    del text
    assert path.stat().st_size >= BIG_SIZE * 0.95
    try:
        run = validate(path, tmp_path, record_property, timeout=BIG_TIMEOUT)
    finally:
        path.unlink()
    assert_sane(run, 1, 2)
    (error,) = run.errors
    if run.status == 2:  # refusing a file this big is an answer too
        assert error.code == "io-error", str(run)
        assert "bytes" in error.message, str(run)
    else:
        assert (error.code, (error.line, error.column)) == ("invalid-number", place), str(run)
    assert {f.code for f in run.findings} - {error.code} <= WARNINGS_ALLOWED, str(run)


# --- directories and special files ------------------------------------------------------------


def test_symlink_loop_terminates(tmp_path: Path, record_property: Record) -> None:
    directory = write_plan(tmp_path / "plan", SMALL_PLAN)
    (directory / "loop").symlink_to(".")
    (directory / "sub").mkdir()
    (directory / "sub" / "up").symlink_to("..")
    run = validate(directory, tmp_path, record_property)
    assert_sane(run, 0, 1)
    assert run.errors == [], str(run)  # each file is read once: no duplicate ids
    loops = [f for f in run.findings if f.code == "io-error"]
    assert loops, str(run)
    assert all("symlink loop" in f.message for f in loops), str(run)
    assert "4 file(s), 4 document(s)" in run.stderr, str(run)


def test_fifo_in_plan_directory_does_not_hang(tmp_path: Path, record_property: Record) -> None:
    directory = write_plan(tmp_path / "plan", SMALL_PLAN)
    os.mkfifo(directory / "pipe.yaml")
    run = validate(directory, tmp_path, record_property, timeout=3)
    assert_sane(run, 0, 2)
    pipe = [f for f in run.findings if f.file.endswith("pipe.yaml")]
    assert [f.code for f in pipe] == ["io-error"], str(run)
    assert run.status == (2 if pipe[0].severity == "error" else 0), str(run)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_endless_device_is_refused_in_bounded_memory(
    tmp_path: Path, record_property: Record
) -> None:
    run = validate("/dev/zero", tmp_path, record_property, timeout=5)
    assert_sane(run, 2)
    assert [f.code for f in run.errors] == ["io-error"], str(run)


# --- found by this corpus: positions that are lost or wrong -------------------------------------


@pytest.mark.parametrize(
    ("name", "place"),
    [
        # the message has no line, says "position 121" (characters) and spans two lines
        pytest.param("nul-byte.yaml", (5, 10), id="nul-byte"),
        # 7-bit JIS: ESC (0x1b) is valid UTF-8 but not allowed in YAML; the same
        pytest.param("iso-2022-jp.yaml", (5, 7), id="iso-2022-jp"),
    ],
)
def test_control_character_is_located(
    name: str, place: tuple[int, int], tmp_path: Path, record_property: Record
) -> None:
    run = validate(HOSTILE / name, tmp_path, record_property)
    assert_sane(run, 1)
    (error,) = run.errors
    assert error.code in {"yaml-syntax", "encoding"}, str(run)
    assert (error.line, error.column) == place, str(run)


def test_bad_byte_after_japanese_text_is_located_in_characters(
    tmp_path: Path, record_property: Record
) -> None:
    # line 5 is `name: 試験` and the first two bytes of 圏: character column 9, byte column 13
    run = validate(HOSTILE / "truncated-utf8.yaml", tmp_path, record_property)
    assert_one_error(run, 1, "encoding", "truncated-utf8.yaml", (5, 9), "UTF-8")


def test_corpus_is_what_its_readme_says() -> None:
    """Every committed input is named in the README and used by a test here."""
    readme = (HOSTILE / "README.md").read_text("utf-8")
    source = Path(__file__).read_text("utf-8")
    for path in sorted(HOSTILE.glob("*.yaml")):
        assert f"`{path.name}`" in readme, path.name
        assert f'"{path.name}"' in source, path.name


# --- paths that lead out of the plan tree, and deep trees (issue 12, item 6) --------------------

_SECRET = "root:x:0:0:秘密の内容:/root:/bin/bash"


def test_symlinks_out_of_the_plan_tree_are_not_followed(
    tmp_path: Path, record_property: Record
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "passwd").write_text(_SECRET + "\n", "utf-8")
    (outside / "config.yaml").write_text(f"secret: {_SECRET}\n", "utf-8")
    directory = write_plan(tmp_path / "plan", SMALL_PLAN)
    (directory / "passwd.yaml").symlink_to(outside / "passwd")
    (directory / "shared").symlink_to("../outside")  # a folder
    (directory / "sub").mkdir()
    (directory / "sub" / "sphere-again.yaml").symlink_to("../../plan/sphere.yaml")  # inside
    run = validate(directory, tmp_path, record_property)
    assert_sane(run, 1, 2)
    assert "秘密" not in run.stdout + run.stderr, str(run)
    outward = sorted(f.file for f in run.errors if "leads out of" in f.message)
    assert [Path(f).name for f in outward] == ["passwd.yaml", "shared"], str(run)
    assert all(f.code == "io-error" for f in run.errors if "leads out of" in f.message)
    # the link within the tree is read (its sphere twice: one duplicate id), nothing else
    others = {f.code for f in run.errors if "leads out of" not in f.message}
    assert others == {"duplicate-id"}, str(run)


def test_a_plan_named_through_a_link_inside_its_tree_is_read(
    tmp_path: Path, record_property: Record
) -> None:
    directory = write_plan(tmp_path / "plan", SMALL_PLAN)
    (directory / "results.yaml").rename(directory / "results.txt")
    (directory / "results.yaml").symlink_to("results.txt")
    run = validate(directory, tmp_path, record_property)
    assert_sane(run, 0)
    assert "4 file(s), 4 document(s)" in run.stderr, str(run)


def test_folders_nested_1000_deep_are_walked(tmp_path: Path, record_property: Record) -> None:
    directory = write_plan(tmp_path / "plan", SMALL_PLAN)
    deep = str(directory)
    for _ in range(1000):  # one level at a time: os.makedirs recurses once per level
        deep += "/d"
        os.mkdir(deep)
    (directory / "results.yaml").rename(deep + "/results.yaml")
    try:
        run = validate(directory, tmp_path, record_property)
    finally:  # pytest's clean-up (shutil.rmtree) recurses once per level too
        os.unlink(deep + "/results.yaml")
        while deep != str(directory):
            os.rmdir(deep)
            deep = deep.rsplit("/", 1)[0]
    assert_sane(run, 0)
    assert "RecursionError" not in run.stderr
    assert "4 file(s), 4 document(s)" in run.stderr, str(run)
