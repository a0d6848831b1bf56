"""The ``teijuu`` command line. Each verb is a thin layer over a library function.

Exit status: 0 when all is well (warnings allowed), 1 when the plans are invalid, 2 for a usage
or I/O error (a path that does not exist, a directory with no plans).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, TypeVar

from teijuu import __version__

if TYPE_CHECKING:
    from teijuu.model import Vision
    from teijuu.plan import Plan
    from teijuu.validate import Validated

T = TypeVar("T")

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2

_IO_CODES = frozenset({"io-error", "no-plans"})


def _paths(values: Sequence[str]) -> list[Path]:
    """The paths given; else ``./plans`` when there is one (a repository of plans); else the
    plans bundled with teijuu."""
    if values:
        return [Path(v) for v in values]
    if Path("plans").is_dir():
        return [Path("plans")]
    from teijuu.bundled import plans_dir

    return [plans_dir()]


def _cmd_validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from teijuu.findings import Severity, findings_document
    from teijuu.validate import validate_paths

    result = validate_paths(_paths(args.paths))
    findings = result.findings
    if args.format == "json":
        json.dump(findings_document(findings), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        for finding in findings:
            out.write(finding.to_text() + "\n")
        errors = sum(f.severity is Severity.ERROR for f in findings)
        warnings = sum(f.severity is Severity.WARNING for f in findings)
        verdict = "valid" if errors == 0 else "invalid"
        err.write(
            f"teijuu: {result.files} file(s), {len(result.sources)} document(s) loaded, "
            f"{errors} error(s), {warnings} warning(s): {verdict}\n"
        )
    if any(f.code in _IO_CODES and f.severity is Severity.ERROR for f in findings):
        return EXIT_USAGE
    return EXIT_OK if result.ok else EXIT_INVALID


def _load_valid(args: argparse.Namespace, out: TextIO, err: TextIO) -> Validated | int:
    """Validate the plans; on errors print them and return the exit status to use."""
    from teijuu.findings import Severity
    from teijuu.validate import validate_paths

    result = validate_paths(_paths(args.paths))
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    if errors:
        for finding in errors:
            err.write(finding.to_text() + "\n")
        err.write(
            f"teijuu: the plans are invalid ({len(errors)} error(s)); "
            "fix them first (`teijuu validate` lists them)\n"
        )
        usage = any(f.code in _IO_CODES for f in errors)
        return EXIT_USAGE if usage else EXIT_INVALID
    return result


def _fiscal_year(text: str) -> int:
    from teijuu.fiscal import FiscalYearError, parse_fiscal_year

    try:
        return parse_fiscal_year(text)
    except FiscalYearError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _for_vision(
    args: argparse.Namespace,
    out: TextIO,
    err: TextIO,
    verb: str,
    build: Callable[[Plan, Vision, int | None], T],
) -> T | int:
    """``build`` for the vision asked for (``--vision``, ``--fy``) in the valid plans, or the
    exit status to use."""
    from teijuu.render.report import ReportError, choose_vision

    loaded = _load_valid(args, out, err)
    if isinstance(loaded, int):
        return loaded
    try:
        vision = choose_vision(loaded.plan, args.vision, args.fy)
        return build(loaded.plan, vision, args.fy)
    except ReportError as exc:
        err.write(f"teijuu {verb}: {exc}\n")
        return EXIT_USAGE


def _cmd_grade(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from teijuu.render.report import grade_year

    graded = _for_vision(args, out, err, "grade", grade_year)
    if isinstance(graded, int):
        return graded
    if args.format == "json":
        from teijuu.contracts import grade_json

        json.dump(grade_json(graded), out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif args.format == "csv":
        from teijuu.render.text import render_csv

        # UTF-8 with a BOM, whatever the console's code page: Excel reads it as UTF-8 then
        text = "\ufeff" + render_csv(graded, args.lang)
        raw = getattr(out, "buffer", None)
        if raw is not None:  # its CRLF as it is: a text stream on Windows would add a CR
            out.flush()
            raw.write(text.encode("utf-8"))
            raw.flush()
        else:
            out.write(text)
    elif args.format == "markdown":
        from teijuu.render.text import render_grade_markdown

        out.write(render_grade_markdown(graded, args.lang))
    else:
        from teijuu.render.text import render_table

        out.write(render_table(graded, args.lang))
    return EXIT_OK


def _cmd_report(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from teijuu.render.report import report_data

    form = _report_format(args.format, args.output)
    if form.startswith("teijuu"):
        err.write(form + "\n")
        return EXIT_USAGE
    data = _for_vision(args, out, err, "report", report_data)
    if isinstance(data, int):
        return data
    if form == "xlsx":
        from teijuu.render.xlsx import render_xlsx

        if not args.output:
            err.write("teijuu report: an Excel workbook needs a file: add --output report.xlsx\n")
            return EXIT_USAGE
        content = render_xlsx(data, args.lang)
        return _write_atomically(Path(args.output), content, err)
    from teijuu.render.markdown import render_markdown

    sources = ", ".join(args.paths) if args.paths else "plans/"
    text = render_markdown(data, args.lang, source=sources)
    if args.output:
        return _write_atomically(Path(args.output), text.encode("utf-8"), err)
    out.write(text)
    return EXIT_OK


_REPORT_SUFFIXES = {".xlsx": "xlsx", ".md": "markdown", ".markdown": "markdown"}


def _report_format(asked: str | None, output: str | None) -> str:
    """The report's format: as asked, else as the output file's extension says (markdown by
    default); or, starting "teijuu report:", why the two disagree."""
    suffix = Path(output).suffix.lower() if output else ""
    implied = _REPORT_SUFFIXES.get(suffix)
    if asked is None:
        return implied or "markdown"
    if (implied is not None and implied != asked) or (
        asked == "xlsx" and implied is None and output
    ):
        right = "report.xlsx" if asked == "xlsx" else "report.md"
        return (
            f"teijuu report: --format {asked} does not go in {output}: a {asked} report is "
            f"a {right.split('.')[1]} file (-o {right}); or leave out --format, and the "
            "extension chooses"
        )
    return asked


def _write_atomically(path: Path, content: bytes, err: TextIO) -> int:
    from teijuu.writing import write_atomically

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, content)
    except OSError as exc:
        err.write(f"teijuu: cannot write {path}: {exc.strerror or exc}\n")
        return EXIT_USAGE
    err.write(f"wrote {path}\n")
    return EXIT_OK


def _cmd_check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from teijuu.findings import Severity, findings_document
    from teijuu.validate import reconcile_findings

    loaded = _load_valid(args, out, err)
    if isinstance(loaded, int):
        return loaded
    findings = reconcile_findings(loaded)
    if args.format == "json":
        json.dump(findings_document(findings), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        for finding in findings:
            out.write(finding.to_text() + "\n")
        counts = {s: sum(f.severity is s for f in findings) for s in Severity}
        err.write(
            f"teijuu check: {counts[Severity.ERROR]} contradiction(s), "
            f"{counts[Severity.WARNING]} warning(s), {counts[Severity.INFO]} note(s)\n"
        )
    return EXIT_INVALID if any(f.severity is Severity.ERROR for f in findings) else EXIT_OK


def _cmd_diff(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from teijuu.diff import ChangeSeverity, PlanDiff, diff_pair, diff_plans
    from teijuu.findings import Severity
    from teijuu.sources import SourceError, load_side

    if args.base:
        olds = [f"{args.base}:{p}" for p in (args.sides or ["plans"])]
        news = list(args.sides or ["plans"])
    elif len(args.sides) == 2:
        olds, news = [args.sides[0]], [args.sides[1]]
    else:
        err.write("teijuu diff: give OLD and NEW, or --base REV [PATH…]\n")
        return EXIT_USAGE
    diffs: list[PlanDiff] = []
    for old_spec, new_spec in zip(olds, news, strict=True):
        try:
            old, new = load_side(old_spec), load_side(new_spec)
        except SourceError as exc:
            err.write(f"teijuu diff: {exc}\n")
            return EXIT_USAGE
        errors = [f for side in (old, new) for f in side.findings if f.severity is Severity.ERROR]
        if errors:
            for finding in errors:
                err.write(finding.to_text() + "\n")
            err.write("teijuu diff: both sides must be valid plans\n")
            return EXIT_USAGE
        if (old.document is None) != (new.document is None):
            err.write(
                "teijuu diff: compare a file with a file, or a folder with a folder "
                f"({old_spec} and {new_spec} are not both)\n"
            )
            return EXIT_USAGE
        if old.document is not None and new.document is not None:
            if old.document.kind != new.document.kind:
                err.write(
                    f"teijuu diff: cannot compare a {old.document.kind} with a "
                    f"{new.document.kind}\n"
                )
                return EXIT_USAGE
            diffs.append(
                diff_pair(old.document, new.document, old_plan=old.plan, new_plan=new.plan)
            )
        else:
            diff = diff_plans(old.plan, new.plan)
            diffs.append(
                PlanDiff(
                    diff.changes,
                    (old_spec, new_spec),
                    diff.budget_by_vision,
                    diff.budget_by_field,
                    diff.budget_by_measure,
                    diff.names,
                )
            )
    if len(diffs) > 1:  # several paths against a base: one diff, one document
        diffs = [
            PlanDiff(
                [c for d in diffs for c in d.changes],
                (" ".join(olds), " ".join(news)),
                {k: v for d in diffs for k, v in d.budget_by_vision.items()},
                {k: v for d in diffs for k, v in d.budget_by_field.items()},
                {k: v for d in diffs for k, v in d.budget_by_measure.items()},
                {k: v for d in diffs for k, v in d.names.items()},
            )
        ]
    if args.format == "json":
        from teijuu.contracts import diff_json

        json.dump(diff_json(diffs[0]), out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif args.format == "markdown":
        from teijuu.render.diff import render_diff_markdown

        out.write("\n".join(render_diff_markdown(d, args.lang) for d in diffs))
    else:
        from teijuu.render.diff import render_diff_text

        colour = args.color == "always" or (args.color == "auto" and out.isatty())
        out.write("\n".join(render_diff_text(d, args.lang, colour) for d in diffs))
    changes = [c for d in diffs for c in d.changes]
    if args.fail_on:
        level = ChangeSeverity(args.fail_on)
        failing = [c for d in diffs for c in d.failing(level)]
        if failing:
            err.write(
                f"teijuu diff: {len(failing)} change(s) at or above {level} without a "
                "change note; explain them in the new edition's change_notes\n"
            )
            return EXIT_INVALID
    if args.exit_code and changes:
        return EXIT_INVALID
    return EXIT_OK


def _cmd_new_edition(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from teijuu.dump import dump_document
    from teijuu.edition import EditionError, decisions_kept, keep_decisions, new_edition
    from teijuu.model import Period, Vision
    from teijuu.sources import SourceError, load_side

    try:
        side = load_side(args.vision)
    except SourceError as exc:
        err.write(f"teijuu new-edition: {exc}\n")
        return EXIT_USAGE
    if not isinstance(side.document, Vision):
        err.write(f"teijuu new-edition: {args.vision} is not a vision file\n")
        return EXIT_USAGE
    start, _, end = args.period.partition("-")
    try:
        period = Period.model_validate({"start": start, "end": end or start})
    except ValueError as exc:
        err.write(f"teijuu new-edition: --period {args.period!r}: write it as 2027-2031 ({exc})\n")
        return EXIT_USAGE
    from teijuu.model.common import ID_PATTERN

    if args.id is not None and not re.fullmatch(ID_PATTERN, args.id):
        err.write(
            f"teijuu new-edition: --id {args.id!r} is not an id: use lower-case ASCII "
            "letters, digits and hyphens, e.g. ichinoseki-hiraizumi-4\n"
        )
        return EXIT_USAGE
    if args.id is not None and side.plan.declared(Vision, args.id):
        err.write(
            f"teijuu new-edition: --id {args.id}: a vision already has that id; give the "
            "new edition its own\n"
        )
        return EXIT_USAGE
    try:
        draft = new_edition(
            side.plan, side.document, edition=args.edition, period=period, vision_id=args.id
        )
    except (EditionError, ValueError) as exc:  # ValueError: pydantic's, for a bad --id
        err.write(f"teijuu new-edition: {exc}\n")
        return EXIT_USAGE
    target = Path(args.output) if args.output else None
    kept = ""
    if target is not None and target.exists():
        existing = load_side(str(target)).document
        if isinstance(existing, Vision) and existing.id == draft.id:
            draft = keep_decisions(draft, existing)
            what = decisions_kept(existing)
            kept = "\n" + textwrap.fill(
                f"Kept from the earlier draft in this file: {what}; baselines refreshed.", 94
            )
            err.write(f"teijuu new-edition: kept from {target}: {what}; refreshed the baselines\n")
    origin = draft.drafted_from
    results = f" and its results up to FY{origin.results}" if origin and origin.results else ""
    header = (
        f"Draft of edition {draft.edition}, drawn up by `teijuu new-edition` from\n"
        f"{side.document.id} (revision {side.document.revision}){results}.\n"
        "Baselines are the latest actuals; targets and budgets are open, to be decided (see\n"
        "review_points). Nothing here is new data." + kept
    )
    text = dump_document(draft, header=header)
    if target is None:
        out.write(text)
        return EXIT_OK
    return _write_atomically(target, text.encode("utf-8"), err)


def _cmd_record(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from pydantic_core import PydanticCustomError

    from teijuu.editing import EditError, record
    from teijuu.model.common import to_decimal

    for option, value in (
        ("--kpi", args.kpi),
        ("--eval", args.eval),
        ("--municipality", args.municipality),
        ("--vision", args.vision),
    ):
        problem = _not_utf8(value)
        if problem:
            err.write(f"teijuu record: {option}: {problem}\n")
            return EXIT_USAGE
    if not args.kpi.strip():
        err.write(
            "teijuu record: --kpi: name the KPI: MEASURE/KPI (medical-staff/local-hires), "
            "its number in the KPI table (23-2) or its name\n"
        )
        return EXIT_USAGE
    try:
        actual = to_decimal(args.actual)
    except PydanticCustomError as exc:
        err.write(f"teijuu record: --actual: {exc.message()}\n")
        return EXIT_USAGE
    try:
        outcome = record(
            Path(args.path),
            fiscal_year=args.fy,
            measure=None,  # --kpi is whatever names the KPI: ids, its number or its name
            kpi=args.kpi,
            actual=actual,
            evaluation=args.eval,
            municipality=args.municipality,
            vision=args.vision,
        )
    except EditError as exc:
        err.write(f"teijuu record: {exc}\n")
        return EXIT_INVALID
    except OSError as exc:
        err.write(f"teijuu record: {args.path}: {exc.strerror or exc}\n")
        return EXIT_USAGE
    state = "recorded" if outcome.changed else "already recorded"
    rate = f" (rate {outcome.rate})" if outcome.rate is not None else ""
    grade = f"; grade {outcome.grade}{rate}" if outcome.grade else "; not graded"
    err.write(
        f"teijuu record: {state} {outcome.kpi} FY{args.fy} = {actual} in {args.path}{grade}\n"
    )
    return EXIT_OK


def _cmd_sheet(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from teijuu.model import Vision
    from teijuu.sheet import entry_workbook

    target = Path(args.output)
    if target.suffix.lower() != ".xlsx":
        err.write(f"teijuu sheet: -o {args.output}: the entry sheet is an Excel workbook: *.xlsx\n")
        return EXIT_USAGE
    if target.exists() and not args.force:
        err.write(
            f"teijuu sheet: {target} exists, and may hold figures typed in; import it first "
            "(`teijuu import`), or pass --force to write over it\n"
        )
        return EXIT_USAGE
    loaded = _load_valid(args, out, err)
    if isinstance(loaded, int):
        return loaded
    plan = loaded.plan
    if args.vision is not None:
        vision = plan.get(Vision, args.vision)
        candidates = [vision] if vision is not None else []
    else:
        candidates = [v for v in plan.visions if args.fy in v.current_period]
        if len(candidates) > 1:  # of those, the visions whose results are kept here
            candidates = [v for v in candidates if plan.results_of(v.id)] or candidates
    if len(candidates) != 1:
        known = (
            ", ".join(
                f"{v.id} ({v.current_period.start}-{v.current_period.end})"
                for v in (candidates or plan.visions)
            )
            or "none"
        )
        what = "several visions' periods hold" if candidates else "no vision's period holds"
        if args.vision is not None:
            what = f"no vision has the id {args.vision!r}; so nothing holds"
        err.write(f"teijuu sheet: {what} FY{args.fy}; choose with --vision (visions: {known})\n")
        return EXIT_USAGE
    vision = candidates[0]
    if args.fy not in vision.current_period:
        period = vision.current_period
        err.write(
            f"teijuu sheet: FY{args.fy} is outside {vision.id}'s period "
            f"({period.start}-{period.end})\n"
        )
        return EXIT_USAGE
    content = entry_workbook(vision, args.fy, plan.results_of(vision.id))
    return _write_atomically(target, content, err)


def _cmd_import(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from teijuu.importing import import_sheet
    from teijuu.loading import display_path

    if not args.paths and not Path("plans").is_dir():
        err.write(
            "teijuu import: say which plans to import into (there is no ./plans here, and the "
            "plans installed with teijuu are not to be rewritten)\n"
        )
        return EXIT_USAGE
    loaded = _load_valid(args, out, err)
    if isinstance(loaded, int):
        return loaded
    try:
        done = import_sheet(Path(args.workbook), loaded)
    except OSError as exc:
        err.write(f"teijuu import: {args.workbook}: {exc.strerror or exc}\n")
        return EXIT_USAGE
    if done.problems:
        for problem in done.problems:
            err.write(problem.to_text() + "\n")
        err.write(
            f"teijuu import: {len(done.problems)} problem(s); nothing was written. "
            "Correct the cells and import again\n"
        )
        return EXIT_INVALID
    where = display_path(done.path) if done.path else ""
    if not done.entries:
        err.write("teijuu import: no 実績値 is filled in; nothing to import\n")
    elif done.changed:
        err.write(f"teijuu import: recorded {done.entries} actual(s) in {where}\n")
    else:
        err.write(f"teijuu import: {where} holds these {done.entries} actual(s) already\n")
    return EXIT_OK


def _not_utf8(value: str | None) -> str | None:
    """What is wrong with an argument that is not UTF-8 text (Python keeps such bytes of argv
    as lone surrogates), or None."""
    if value is None:
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        code = ord(value[exc.start])
        what = f"byte 0x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"U+{code:04X}"
        return (
            f"not UTF-8 text ({what} after {value[: exc.start]!r}); pass it as UTF-8, e.g. "
            "convert it with `iconv -f CP932 -t UTF-8`"
        )
    return None


def _cmd_fmt(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from teijuu.editing import fmt_paths
    from teijuu.findings import Severity

    if not args.paths and not Path("plans").is_dir() and not args.check:
        err.write(
            "teijuu fmt: say which plan files or folders to format (there is no ./plans "
            "here, and the plans installed with teijuu are not to be rewritten)\n"
        )
        return EXIT_USAGE
    changed, findings = fmt_paths(_paths(args.paths), check=args.check)
    for finding in findings:
        err.write(finding.to_text() + "\n")
    for name in changed:
        out.write(f"{'would reformat' if args.check else 'reformatted'} {name}\n")
    if any(f.code in _IO_CODES for f in findings):
        return EXIT_USAGE
    if any(f.severity is Severity.ERROR for f in findings) or (args.check and changed):
        return EXIT_INVALID
    if not changed:
        err.write("teijuu fmt: all files are in the canonical layout\n")
    return EXIT_OK


def _cmd_migrate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from teijuu.editing import migrate_paths
    from teijuu.findings import Severity
    from teijuu.migrate import CURRENT

    changed, findings = migrate_paths(_paths(args.paths), check=args.check)
    for finding in findings:
        err.write(finding.to_text() + "\n")
    for name in changed:
        out.write(f"{'would migrate' if args.check else 'migrated'} {name} to {CURRENT}\n")
    if any(f.code in _IO_CODES for f in findings):
        return EXIT_USAGE
    if any(f.severity is Severity.ERROR for f in findings) or (args.check and changed):
        return EXIT_INVALID
    if not changed:
        err.write(f"teijuu migrate: every file is written for {CURRENT}\n")
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from teijuu import schemas
    from teijuu.bundled import schemas_dir

    directory = Path(args.dir) if args.dir else schemas_dir()
    if args.check:
        stale = schemas.stale(directory)
        for name in stale:
            err.write(f"{directory / name}: stale or missing; run `teijuu schema --write`\n")
        if not stale:
            err.write(
                f"teijuu: the {len(schemas.all_schemas())} schemas in {directory} are up to date\n"
            )
        return EXIT_INVALID if stale else EXIT_OK
    if args.write:
        try:
            written = schemas.write(directory)
        except OSError as exc:
            err.write(f"teijuu schema: cannot write {directory}: {exc.strerror or exc}\n")
            return EXIT_USAGE
        for name in written:
            err.write(f"wrote {directory / name}\n")
        if not written:
            err.write("teijuu: schemas already up to date\n")
        return EXIT_OK
    if args.kind:
        from teijuu.model import KINDS

        if args.kind not in KINDS:
            err.write(f"teijuu schema: unknown kind {args.kind!r}; kinds: {', '.join(KINDS)}\n")
            return EXIT_USAGE
        out.write(schemas.render(schemas.kind_schema(args.kind)))
        return EXIT_OK
    for name in schemas.all_schemas():
        out.write(f"{name}\n")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="teijuu",
        description="定住自立圏 plans as code: validate, grade and diff symbiosis visions.",
        epilog="With no PATH, commands work on ./plans when there is one, else on the plans "
        "bundled with teijuu (一関・平泉).",
    )
    parser.add_argument("--version", action="version", version=f"teijuu {__version__}")
    verbs = parser.add_subparsers(dest="verb", metavar="VERB", required=True)

    validate = verbs.add_parser(
        "validate",
        help="check plan files against their kinds and each other",
        description="Validate plan files: YAML, each document against its kind, then ids, "
        "references and years across documents. Reports every problem at once.",
    )
    validate.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="plan files or directories (default: ./plans, else the bundled plans)",
    )
    validate.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people (default), json for tools",
    )
    validate.set_defaults(handler=_cmd_validate)

    def plan_paths(verb: argparse.ArgumentParser) -> None:
        verb.add_argument(
            "paths",
            nargs="*",
            metavar="PATH",
            help="plan files or directories (default: ./plans, else the bundled plans)",
        )
        verb.add_argument(
            "--vision",
            metavar="ID",
            help="the vision (needed when the plans hold several with results)",
        )
        verb.add_argument(
            "--fy",
            type=_fiscal_year,
            metavar="YEAR",
            help="fiscal year of the results: 2024, FY2024, R6, 令和6年度 "
            "(default: the latest with results)",
        )
        verb.add_argument(
            "--lang", choices=("ja", "en"), default="ja", help="language of labels (default: ja)"
        )

    grade = verbs.add_parser(
        "grade",
        help="grade every KPI of a vision for a fiscal year",
        description="Achievement rate (actual ÷ target, exact) and grade of every KPI, with "
        "counts per policy field and viewpoint.",
    )
    plan_paths(grade)
    grade.add_argument(
        "--format",
        choices=("table", "json", "csv", "markdown"),
        default="table",
        help="table for people (default); json (schema teijuu/grade/v1), csv (UTF-8 with a "
        "BOM, for Excel; headers in --lang) or markdown",
    )
    grade.set_defaults(handler=_cmd_grade)

    report = verbs.add_parser(
        "report",
        help="write the yearly KPI report (the committee papers)",
        description="The summary per viewpoint and field (資料No.1-1) with charts, and the KPI "
        "table (資料No.1-2), as Markdown (Mermaid charts) or an Excel workbook "
        "(native charts).",
    )
    plan_paths(report)
    report.add_argument(
        "--format",
        choices=("markdown", "xlsx"),
        default=None,
        help="markdown or xlsx (default: as the extension of --output says, else markdown)",
    )
    report.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help="write to FILE: report.md or report.xlsx (required for xlsx; markdown goes to stdout)",
    )
    report.set_defaults(handler=_cmd_report)

    check = verbs.add_parser(
        "check",
        help="reconcile the published claims with the data",
        description="Compare what published reports state (grades per row, counts per field, "
        "C/D lists, percentages, names, years in both eras, actuals from their "
        "components) with what teijuu computes. Exit 1 when a claim is "
        "contradicted.",
    )
    check.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="plan files or directories (default: ./plans, else the bundled plans)",
    )
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.set_defaults(handler=_cmd_check)

    diff = verbs.add_parser(
        "diff",
        help="what changed between two editions or plan trees",
        description="Compare two visions (or results, or whole plan trees) in the language of "
        "the plan: measures, KPIs, targets, budgets, programmes, texts, actuals and "
        "the grades they move. OLD and NEW are files, directories or git REV:PATH; "
        "a vision file may end in @rN for its revision N (@r0: as adopted).",
    )
    diff.add_argument(
        "sides",
        nargs="*",
        metavar="OLD NEW",
        help="the two sides; with --base, the paths to compare (default: plans)",
    )
    diff.add_argument(
        "--base", metavar="REV", help="compare PATH (default plans) with the same path at git REV"
    )
    diff.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    diff.add_argument("--lang", choices=("ja", "en"), default="ja")
    diff.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    diff.add_argument(
        "--exit-code", action="store_true", help="exit 1 when there are changes, like diff(1)"
    )
    diff.add_argument(
        "--fail-on",
        choices=("high", "medium", "low"),
        help="exit 1 when a change at or above this severity has no change note",
    )
    diff.set_defaults(handler=_cmd_diff)

    edition = verbs.add_parser(
        "new-edition",
        help="draft the next edition of a vision from the current one",
        description="Same measures and KPIs with their ids; baselines moved to the latest "
        "actual; targets and budgets left open; status draft; review points for "
        "KPIs already achieved, KPIs at C/D two years running, budgets that end.",
    )
    edition.add_argument("vision", metavar="VISION_FILE")
    edition.add_argument("--edition", type=int, required=True, help="e.g. 4")
    edition.add_argument("--period", required=True, help="fiscal years, e.g. 2027-2031")
    edition.add_argument("--id", help="id of the new vision (default: the old id, edition +1)")
    edition.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help="write there (an existing draft's aims and notes are kept)",
    )
    edition.set_defaults(handler=_cmd_new_edition)

    rec = verbs.add_parser(
        "record",
        help="record a KPI actual in a results file, in place",
        description="Write one actual (and optionally an evaluation text) into a results "
        "file. Everything else in the file stays byte for byte as it was; the edit "
        "is validated with the rest of the plan before the file is replaced, "
        "atomically. A missing results file is created (say --vision).",
    )
    rec.add_argument("path", metavar="RESULTS_FILE")
    rec.add_argument(
        "--fy",
        type=_fiscal_year,
        required=True,
        metavar="YEAR",
        help="the fiscal year of the results (2025, R7, 令和7年度)",
    )
    rec.add_argument(
        "--kpi",
        required=True,
        metavar="KPI",
        help="MEASURE/KPI (medical-staff/local-hires), the KPI's number in the published KPI "
        "table (23-2), or its name",
    )
    rec.add_argument(
        "--actual",
        required=True,
        metavar="VALUE",
        help="the actual as an exact number, e.g. 15 or 66.3 (no separators)",
    )
    rec.add_argument("--eval", metavar="TEXT", help="the evaluation text (年度評価)")
    rec.add_argument(
        "--municipality",
        metavar="ID",
        help="whose evaluation it is, where the text is split per municipality",
    )
    rec.add_argument(
        "--vision",
        metavar="ID",
        help="the vision, when creating a results file and more than one vision's "
        "period holds the year",
    )
    rec.set_defaults(handler=_cmd_record)

    sheet = verbs.add_parser(
        "sheet",
        help="write the Excel workbook to enter a year's actuals in (実績入力)",
        description="One row per KPI of the vision: No., 施策名, KPI, 単位, 目標値, last "
        "year's actual, and the cells to fill: 実績値 and 年度評価. Fill it in Excel, then "
        "`teijuu import` it.",
    )
    sheet.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="plan files or directories (default: ./plans, else the bundled plans)",
    )
    sheet.add_argument(
        "--fy",
        type=_fiscal_year,
        required=True,
        metavar="YEAR",
        help="the fiscal year to enter (2025, R7, 令和7年度)",
    )
    sheet.add_argument(
        "--vision", metavar="ID", help="the vision (default: the one whose period holds --fy)"
    )
    sheet.add_argument("--output", "-o", required=True, metavar="FILE", help="e.g. 実績入力.xlsx")
    sheet.add_argument("--force", action="store_true", help="write over an existing workbook")
    sheet.set_defaults(handler=_cmd_sheet)

    imp = verbs.add_parser(
        "import",
        help="record the actuals of a filled entry workbook (all or nothing)",
        description="Read a workbook written by `teijuu sheet` and filled in, and record its "
        "actuals and evaluations into the year's results file as `teijuu record` does. Any "
        "bad cell is reported at its place (実績入力.xlsx:実績入力!G12) and nothing is written.",
    )
    imp.add_argument("workbook", metavar="WORKBOOK", help="the filled workbook (.xlsx)")
    imp.add_argument(
        "paths", nargs="*", metavar="PATH", help="the plans to record into (default: ./plans)"
    )
    imp.set_defaults(handler=_cmd_import)

    fmt = verbs.add_parser(
        "fmt",
        help="put plan files in the canonical layout (comments kept)",
        description="Rewrite plan files in the canonical layout: keys in the model's order, "
        "two-space indentation, no folded lines. Comments are kept. Idempotent.",
    )
    fmt.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="plan files or directories (default: ./plans, else the bundled plans)",
    )
    fmt.add_argument(
        "--check",
        action="store_true",
        help="change nothing; exit 1 when a file is not in the canonical layout",
    )
    fmt.set_defaults(handler=_cmd_fmt)

    mig = verbs.add_parser(
        "migrate",
        help="rewrite plan files written for an older apiVersion (comments kept)",
        description="Rewrite plan files written for an older apiVersion (teijuu/v1) as the "
        "current one, in place and atomically, comments and layout kept. Each rewrite is "
        "proven to read back as the same data before it is written. Files that are current "
        "are left alone. Loading an older file works without this: it is upgraded in memory, "
        "with a note.",
    )
    mig.add_argument("paths", nargs="+", metavar="PATH", help="plan files or directories")
    mig.add_argument(
        "--check",
        action="store_true",
        help="change nothing; exit 1 when a file is written for an older apiVersion",
    )
    mig.set_defaults(handler=_cmd_migrate)

    schema = verbs.add_parser(
        "schema",
        help="print, write or check the JSON Schemas",
        description="The JSON Schemas of every plan kind and output, generated from the models.",
    )
    mode = schema.add_mutually_exclusive_group()
    mode.add_argument(
        "--check",
        action="store_true",
        help="fail when the committed schemas differ from the models",
    )
    mode.add_argument("--write", action="store_true", help="regenerate the schema files")
    mode.add_argument("--kind", help="print the schema of one kind (e.g. Vision)")
    schema.add_argument("--dir", help="schema directory (default: the bundled schemas/)")
    schema.set_defaults(handler=_cmd_schema)
    return parser


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage
        return int(exc.code) if isinstance(exc.code, int) else EXIT_USAGE
    try:
        code: int = args.handler(args, out, err)
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        err.write("teijuu: interrupted\n")
        return 130
    return code


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
