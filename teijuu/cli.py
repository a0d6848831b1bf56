"""The ``teijuu`` command line: each verb turns its arguments into one call of :mod:`teijuu.api`
and renders what it returns (:mod:`teijuu.render`, :mod:`teijuu.contracts`).

Exit status: 0 when all is well (warnings allowed), 1 when the plans are invalid, 2 for a usage
or I/O error (a path that does not exist, a directory with no plans).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, NoReturn, TextIO, TypeVar

from teijuu import __version__
from teijuu.messages import LANGS, Message

if TYPE_CHECKING:
    from teijuu.api import (
        Change,
        ChangeSeverity,
        Finding,
        Loaded,
        Plan,
        PlanDiff,
        Rewritten,
        Vision,
    )

T = TypeVar("T")

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2


def _paths(values: Sequence[str]) -> list[Path] | None:
    """The paths given, or None: the API's default (``./plans``, else the bundled plans)."""
    return [Path(v) for v in values] or None


def _print(findings: Sequence[Finding], stream: TextIO, lang: str = "en") -> None:
    for finding in findings:
        stream.write(finding.to_text(lang) + "\n")


def _say(args: argparse.Namespace, key: str, /, **params: object) -> str:
    """The message ``key`` of :mod:`teijuu.messages` in the run's language, as a line."""
    from teijuu.messages import msg

    return msg(key, **params).render(args.say) + "\n"


def _os(exc: OSError) -> str:
    """What the operating system says (in its own language: Japanese on Japanese Windows)."""
    return exc.strerror or str(exc)


def _write_json(document: object, out: TextIO) -> None:
    json.dump(document, out, ensure_ascii=False, indent=2)
    out.write("\n")


def _cmd_validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from teijuu import api

    loaded = api.load(_paths(args.paths))
    if args.format == "json":
        _write_json(api.findings_document(loaded.findings, args.say), out)
    elif args.format == "github":
        from teijuu.render.github import findings_commands

        out.write(findings_commands(loaded.findings))
    elif args.format == "pr":
        from teijuu.render.findings import render_findings_markdown

        out.write(render_findings_markdown(loaded.findings, loaded.files, comment=True))
    else:
        _print(loaded.findings, out, args.say)
    if args.format in ("text", "github"):
        from teijuu.messages import msg

        warnings = sum(f.severity is api.Severity.WARNING for f in loaded.findings)
        err.write(
            _say(
                args,
                "cli/validate-verdict",
                files=loaded.files,
                documents=loaded.documents,
                errors=len(loaded.errors),
                warnings=warnings,
                verdict=msg("cli/valid" if loaded.ok else "cli/invalid"),
            )
        )
    if loaded.unreadable:
        return EXIT_USAGE
    return EXIT_OK if loaded.ok else EXIT_INVALID


def _load_valid(args: argparse.Namespace, err: TextIO) -> Loaded | int:
    """The valid plans; on errors print them and return the exit status to use."""
    from teijuu import api

    loaded = api.load(_paths(args.paths))
    if loaded.errors:
        _print(loaded.errors, err, args.say)
        err.write(_say(args, "cli/plans-invalid", errors=len(loaded.errors)))
        return EXIT_USAGE if loaded.unreadable else EXIT_INVALID
    return loaded


def _fiscal_year(args: argparse.Namespace, err: TextIO) -> bool:
    """``--fy`` as a year (``R7``, ``令和7年度``: its text until now), or say why it is not one,
    in the run's language (argparse would say it in English, before ``--lang`` is known)."""
    text = getattr(args, "fy", None)
    if not isinstance(text, str):
        return True
    from teijuu import api

    try:
        args.fy = api.parse_fiscal_year(text)
    except api.TeijuuError as exc:
        err.write(_say(args, "cli/bad-fy", verb=args.verb, reason=exc.detail or exc.message))
        return False
    return True


def _for_vision(
    args: argparse.Namespace, err: TextIO, verb: str, build: Callable[[Plan, Vision, int | None], T]
) -> T | int:
    """``build`` for the vision asked for (``--vision``, ``--fy``) in the valid plans, or the
    exit status to use."""
    from teijuu import api

    loaded = _load_valid(args, err)
    if isinstance(loaded, int):
        return loaded
    try:
        vision = api.choose_vision(loaded.plan, args.vision, args.fy)
        return build(loaded.plan, vision, args.fy)
    except api.TeijuuError as exc:
        err.write(f"teijuu {verb}: {exc.render(args.say)}\n")
        return EXIT_USAGE


def _cmd_grade(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    graded = _for_vision(args, err, "grade", lambda plan, vision, fy: plan.grade(vision, fy))
    if isinstance(graded, int):
        return graded
    if args.format == "json":
        from teijuu.contracts import grade_json

        _write_json(grade_json(graded), out)
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
    if not isinstance(form, str):
        err.write(form.render(args.say) + "\n")
        return EXIT_USAGE
    data = _for_vision(args, err, "report", report_data)
    if isinstance(data, int):
        return data
    if form == "xlsx":
        from teijuu.render.xlsx import render_xlsx

        if not args.output:
            err.write(_say(args, "cli/report-needs-file"))
            return EXIT_USAGE
        content = render_xlsx(data, args.lang)
        return _write_atomically(Path(args.output), content, err, args.say)
    from teijuu.render.markdown import render_markdown

    sources = ", ".join(args.paths) if args.paths else "plans/"
    text = render_markdown(data, args.lang, source=sources)
    if args.output:
        return _write_atomically(Path(args.output), text.encode("utf-8"), err, args.say)
    out.write(text)
    return EXIT_OK


_REPORT_SUFFIXES = {".xlsx": "xlsx", ".md": "markdown", ".markdown": "markdown"}


def _report_format(asked: str | None, output: str | None) -> str | Message:
    """The report's format: as asked, else as the output file's extension says (markdown by
    default); or the message that says why the two disagree."""
    from teijuu.messages import msg

    suffix = Path(output).suffix.lower() if output else ""
    implied = _REPORT_SUFFIXES.get(suffix)
    if asked is None and suffix and implied is None:  # report.pdf, and no --format to go by
        return msg("cli/report/unknown-suffix", output=output)
    if asked is None:
        return implied or "markdown"
    if (implied is not None and implied != asked) or (
        asked == "xlsx" and implied is None and output
    ):
        right = "report.xlsx" if asked == "xlsx" else "report.md"
        return msg(
            "cli/report/format-and-suffix",
            asked=asked,
            output=output,
            suffix=right.split(".")[1],
            right=right,
        )
    return asked


def _write_atomically(path: Path, content: bytes, err: TextIO, lang: str = "en") -> int:
    from teijuu import api
    from teijuu.messages import msg

    try:
        api.write_file(path, content)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        err.write(msg("cli/cannot-write", path=path, reason=reason).render(lang) + "\n")
        return EXIT_USAGE
    err.write(msg("cli/wrote", path=path).render(lang) + "\n")
    return EXIT_OK


def _cmd_check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from teijuu import api

    loaded = _load_valid(args, err)
    if isinstance(loaded, int):
        return loaded
    findings = api.check(loaded)
    if args.format == "json":
        _write_json(api.findings_document(findings, args.say), out)
    else:
        _print(findings, out, args.say)
        counts = {s: sum(f.severity is s for f in findings) for s in api.Severity}
        err.write(
            _say(
                args,
                "cli/check-counts",
                errors=counts[api.Severity.ERROR],
                warnings=counts[api.Severity.WARNING],
                notes=counts[api.Severity.INFO],
            )
        )
    return EXIT_INVALID if any(f.severity is api.Severity.ERROR for f in findings) else EXIT_OK


def _cmd_diff(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from teijuu import api

    if not args.base and len(args.sides) != 2:
        err.write(_say(args, "cli/diff-sides"))
        return EXIT_USAGE
    try:
        diff = (
            api.diff_against(args.base, args.sides)
            if args.base
            else api.diff(args.sides[0], args.sides[1])
        )
    except api.DiffError as exc:
        _print(exc.findings, err, args.say)
        err.write(f"teijuu diff: {exc.render(args.say)}\n")
        return EXIT_USAGE
    _print(diff.notes, err, args.say)
    level = api.ChangeSeverity(args.fail_on) if args.fail_on else None
    text = _render_diff(args, diff, out)
    if args.annotate:
        from teijuu.render.github import diff_commands

        out.write(diff_commands(diff, level, args.lang))
    if args.output:
        code = _write_atomically(Path(args.output), text.encode("utf-8"), err, args.say)
        if code != EXIT_OK:
            return code
    else:
        out.write(text)
    if level is not None:
        failing = diff.failing(level)
        if failing:
            err.write(_unexplained(failing, level, args.say))
            return EXIT_INVALID
    return EXIT_INVALID if args.exit_code and diff.changes else EXIT_OK


def _render_diff(args: argparse.Namespace, diff: PlanDiff, out: TextIO) -> str:
    """The diff in the format asked for."""
    from teijuu.api import ChangeSeverity

    if args.format == "json":
        from teijuu.contracts import diff_json

        return json.dumps(diff_json(diff), ensure_ascii=False, indent=2) + "\n"
    if args.format == "github":
        from teijuu.render.github import diff_commands

        level = ChangeSeverity(args.fail_on) if args.fail_on else None
        return diff_commands(diff, level, args.lang)
    if args.format in ("markdown", "pr"):
        from teijuu.render.diff import Links, render_diff_markdown

        links = Links(args.link_old or "", args.link_new or "")
        return render_diff_markdown(diff, args.lang, links, comment=args.format == "pr")
    from teijuu.render.diff import render_diff_text

    colour = not args.output and (args.color == "always" or (args.color == "auto" and out.isatty()))
    return render_diff_text(diff, args.lang, colour)


_NAMED_UNEXPLAINED = 10


def _unexplained(failing: Sequence[Change], level: ChangeSeverity, lang: str = "en") -> str:
    """What ``--fail-on`` says: which changes need a note, and in which file to write it (the
    change_notes of the document on the new side, be it a new edition or the same one)."""
    from teijuu.messages import Text, msg
    from teijuu.render.diff import SEVERITY_LABELS

    shown = Text(str(level), SEVERITY_LABELS["ja"][level.value])
    lines = [msg("cli/diff/unexplained", count=len(failing), level=shown).render(lang)]
    for change in failing[:_NAMED_UNEXPLAINED]:
        site = change.at[1] or change.site
        where = f"{site.file}:{site.line}" if site else "—"
        lines.append(f"  {change.id}  ({where})")
    if len(failing) > _NAMED_UNEXPLAINED:
        more = msg("cli/diff/more", count=len(failing) - _NAMED_UNEXPLAINED)
        lines.append(more.render(lang))
    from teijuu.render.escape import terminal_text

    return "".join(terminal_text(line) + "\n" for line in lines)


def _cmd_new_edition(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from teijuu import api

    try:
        draft = api.new_edition(
            args.vision,
            edition=args.edition,
            period=args.period,
            vision_id=args.id,
            keep_from=args.output,
            force=args.force,
        )
    except api.TeijuuError as exc:
        err.write(f"teijuu new-edition: {exc.render(args.say)}\n")
        return EXIT_USAGE
    if draft.kept:
        err.write(_say(args, "cli/new-edition-kept", path=args.output, kept=draft.kept))
    if args.output is None:
        out.write(draft.text)
        return EXIT_OK
    return _write_atomically(Path(args.output), draft.text.encode("utf-8"), err, args.say)


def _cmd_record(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from teijuu import api

    for option, value in (
        ("--kpi", args.kpi),
        ("--eval", args.eval),
        ("--municipality", args.municipality),
        ("--vision", args.vision),
    ):
        problem = _not_utf8(value)
        if problem:
            err.write(f"teijuu record: {option}: {problem.render(args.say)}\n")
            return EXIT_USAGE
    try:
        outcome = api.record(
            args.path,
            fiscal_year=args.fy,
            kpi=args.kpi,
            actual=args.actual,
            evaluation=args.eval,
            municipality=args.municipality,
            vision=args.vision,
        )
    except api.EditError as exc:  # the plans or the file do not allow it
        err.write(f"teijuu record: {exc.render(args.say)}\n")
        return EXIT_INVALID
    except api.TeijuuError as exc:  # the arguments
        err.write(f"teijuu record: {exc.render(args.say)}\n")
        return EXIT_USAGE
    except OSError as exc:
        err.write(_say(args, "cli/cannot-read", verb="record", path=args.path, reason=_os(exc)))
        return EXIT_USAGE
    from teijuu.messages import msg

    if not outcome.grade:
        grade = msg("cli/record-not-graded")
    elif outcome.rate is None:
        grade = msg("cli/record-grade", grade=outcome.grade)
    else:
        grade = msg("cli/record-grade-rate", grade=outcome.grade, rate=outcome.rate)
    err.write(
        _say(
            args,
            "cli/recorded" if outcome.changed else "cli/already-recorded",
            kpi=outcome.kpi,
            year=args.fy,
            actual=outcome.actual,
            path=args.path,
            grade=grade,
        )
    )
    return EXIT_OK


def _cmd_sheet(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from teijuu import api

    target = Path(args.output)
    if target.suffix.lower() != ".xlsx":
        err.write(_say(args, "cli/sheet-suffix", output=args.output))
        return EXIT_USAGE
    if target.exists() and not args.force:
        err.write(_say(args, "cli/sheet-exists", path=target))
        return EXIT_USAGE
    loaded = _load_valid(args, err)
    if isinstance(loaded, int):
        return loaded
    try:
        content = api.entry_sheet(loaded, args.fy, args.vision)
    except api.PlanError as exc:
        err.write(f"teijuu sheet: {exc.render(args.say)}\n")
        return EXIT_USAGE
    return _write_atomically(target, content, err, args.say)


def _cmd_import(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from teijuu import api

    if not args.paths and not Path("plans").is_dir():
        err.write(_say(args, "cli/import-where"))
        return EXIT_USAGE
    loaded = _load_valid(args, err)
    if isinstance(loaded, int):
        return loaded
    try:
        done = api.import_entry_sheet(args.workbook, loaded)
    except OSError as exc:
        reason = _os(exc)
        err.write(_say(args, "cli/cannot-read", verb="import", path=args.workbook, reason=reason))
        return EXIT_USAGE
    if done.problems:
        for problem in done.problems:
            err.write(problem.to_text(args.say) + "\n")
        err.write(_say(args, "cli/import-problems", count=len(done.problems)))
        return EXIT_INVALID
    where = str(done.path) if done.path else ""
    if not done.entries:
        err.write(_say(args, "cli/import-empty"))
    elif done.changed:
        err.write(_say(args, "cli/import-recorded", count=done.entries, path=where))
    else:
        err.write(_say(args, "cli/import-unchanged", count=done.entries, path=where))
    return EXIT_OK


def _not_utf8(value: str | None) -> Message | None:
    """What is wrong with an argument that is not UTF-8 text (Python keeps such bytes of argv
    as lone surrogates), or None."""
    if value is None:
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        code = ord(value[exc.start])
        what = f"byte 0x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"U+{code:04X}"
        from teijuu.messages import msg

        return msg("cli/not-utf8", what=what, before=value[: exc.start])
    return None


def _rewritten(
    args: argparse.Namespace, verb: str, done: Rewritten, out: TextIO, err: TextIO
) -> int:
    """Report what fmt or migrate did; the exit status."""
    from teijuu.api import ApiVersion

    check = args.check
    _print(done.findings, err, args.say)
    would, did = (
        ("cli/would-reformat", "cli/reformatted")
        if verb == "fmt"
        else ("cli/would-migrate", "cli/migrated")
    )
    for name in done.changed:
        out.write(_say(args, would if check else did, name=name, current=ApiVersion.current()))
    if done.unreadable:
        return EXIT_USAGE
    if done.failed or (check and done.changed):
        return EXIT_INVALID
    return EXIT_OK


def _cmd_fmt(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from teijuu import api

    if not args.paths and not Path("plans").is_dir() and not args.check:
        err.write(_say(args, "cli/fmt-where"))
        return EXIT_USAGE
    done = api.fmt(_paths(args.paths), check=args.check)
    status = _rewritten(args, "fmt", done, out, err)
    if status == EXIT_OK and not done.changed:
        err.write(_say(args, "cli/fmt-done"))
    return status


def _cmd_migrate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from teijuu import api

    done = api.migrate(_paths(args.paths) or [], check=args.check)
    current = api.ApiVersion.current()
    status = _rewritten(args, "migrate", done, out, err)
    if status == EXIT_OK and not done.changed:
        err.write(_say(args, "cli/migrate-done", current=current))
    return status


def _cmd_schema(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from teijuu import api, schemas

    directory = Path(args.dir) if args.dir else api.schemas_dir()
    if args.check:
        stale = schemas.stale(directory)
        for name in stale:
            err.write(_say(args, "cli/schema/stale", path=directory / name))
        if not stale:
            count = len(schemas.all_schemas())
            err.write(_say(args, "cli/schema/up-to-date", count=count, directory=directory))
        return EXIT_INVALID if stale else EXIT_OK
    if args.write:
        try:
            written = schemas.write(directory)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            err.write(_say(args, "cli/schema/cannot-write", directory=directory, reason=reason))
            return EXIT_USAGE
        for name in written:
            err.write(_say(args, "cli/wrote", path=directory / name))
        if not written:
            err.write(_say(args, "cli/schema/already"))
        return EXIT_OK
    if args.kind:
        if args.kind not in schemas.KINDS:
            kinds = ", ".join(schemas.KINDS)
            err.write(_say(args, "cli/schema/unknown-kind", kind=args.kind, kinds=kinds))
            return EXIT_USAGE
        out.write(schemas.render(schemas.kind_schema(args.kind)))
        return EXIT_OK
    for name in schemas.all_schemas():
        out.write(f"{name}\n")
    return EXIT_OK


class _Version(argparse.Action):
    """``--version``: also which YAML reader is in use (libyaml, or the pure-Python fallback),
    imported only when asked."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from teijuu.api import yaml_reader

        sys.stdout.write(f"teijuu {__version__} (reads YAML with {yaml_reader()})\n")
        parser.exit()


def _message_lang(verb: argparse.ArgumentParser) -> None:
    verb.add_argument(
        "--lang",
        choices=LANGS,
        help="language of the messages: ja or en (default: the locale's, Japanese when it is "
        "Japanese)",
    )


class _Parser(argparse.ArgumentParser):
    """argparse's parser, whose errors (a missing argument, an unknown choice…) are said in
    ``lang``: argparse has only English, and runs before ``--lang`` is known."""

    def __init__(self, *args: Any, lang: str = "en", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lang = lang

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        if self.lang == "ja":
            self.exit(2, f"{self.prog}: エラー: {_argparse_in_japanese(message)}\n")
        self.exit(2, f"{self.prog}: error: {message}\n")


# argparse's error messages (its templates, which it has kept since Python 3.2) in Japanese;
# a message none of them reads is kept in English.
_ARGPARSE_JA: Final[tuple[tuple[re.Pattern[str], str], ...]] = tuple(
    (re.compile(pattern, re.DOTALL), ja)
    for pattern, ja in (
        (r"the following arguments are required: (.+)", r"次の引数を指定してください：\1"),
        (r"unrecognized arguments: (.+)", r"使えない引数です：\1"),
        (
            r"argument (\S+): invalid choice: (.+?) \(choose from (.+)\)",
            r"\1：\2 は選べません（選べるのは \3）",
        ),
        (r"argument (\S+): invalid int value: (.+)", r"\1：\2 は整数として読めません"),
        (r"argument (\S+): expected one argument", r"\1 には値を一つ指定してください"),
        (r"argument (\S+): not allowed with argument (\S+)", r"\1 は \2 と一緒には使えません"),
        (r"argument (\S+): ignored explicit argument (.+)", r"\1 は値をとりません（\2）"),
    )
)


def _argparse_in_japanese(message: str) -> str:
    for pattern, ja in _ARGPARSE_JA:
        if pattern.fullmatch(message):
            return pattern.sub(ja, message)
    return message


def _lang_asked(argv: Sequence[str]) -> str | None:
    """The ``--lang`` of a command line, before argparse reads it (for argparse's errors): the
    last given, as the verb's own wins over one before the verb."""
    asked = None
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            asked = argv[i + 1]
        elif arg.startswith("--lang="):
            asked = arg.partition("=")[2]
    return asked


def build_parser(lang: str = "en") -> argparse.ArgumentParser:
    """The command line; ``lang``: the language of argparse's errors."""
    parser = _Parser(
        lang=lang,
        prog="teijuu",
        description="定住自立圏 plans as code: validate, grade and diff symbiosis visions.",
        epilog="With no PATH, commands work on ./plans when there is one, else on the plans "
        "bundled with teijuu (一関・平泉).",
    )
    parser.add_argument(
        "--version", action=_Version, nargs=0, help="show the version and the YAML reader, and exit"
    )
    parser.add_argument(
        "--lang",
        choices=LANGS,
        dest="lang_before_verb",
        help="as every verb's --lang, given before the verb (teijuu --lang en validate)",
    )
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
        choices=("text", "json", "github", "pr"),
        default="text",
        help="text for people (default), json for tools, github for workflow commands that "
        "annotate each finding, pr for the Markdown of a pull-request comment",
    )
    _message_lang(validate)
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
            metavar="YEAR",
            help="fiscal year of the results: 2024, FY2024, R6, 令和6年度 "
            "(default: the latest with results)",
        )
        verb.add_argument(
            "--lang",
            choices=LANGS,
            help="language of the labels (default: ja) and of the messages (default: the "
            "locale's, Japanese when it is Japanese)",
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
    _message_lang(check)
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
    diff.add_argument(
        "--format",
        choices=("text", "markdown", "pr", "json", "github"),
        default="text",
        help="text for people (default); markdown; pr, the Markdown of a pull-request comment "
        "(a marker to update it by, at most 65,536 characters); json (schema teijuu/diff/v1); "
        "github, workflow commands that annotate the high-severity changes",
    )
    diff.add_argument(
        "--lang",
        choices=LANGS,
        help="language of the diff (default: ja) and of the messages (default: the locale's)",
    )
    diff.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    diff.add_argument(
        "--output", "-o", metavar="FILE", help="write the diff to FILE instead of stdout"
    )
    diff.add_argument(
        "--annotate",
        action="store_true",
        help="also print the --format github workflow commands on stdout (with --output, "
        "one run gives the comment, the annotations and the exit status)",
    )
    diff.add_argument(
        "--link-new",
        metavar="URL",
        help="in markdown and pr, link each file:line of the new side to URL + path + #Lline "
        "(on GitHub: https://github.com/OWNER/REPO/blob/HEAD_SHA/)",
    )
    diff.add_argument("--link-old", metavar="URL", help="the same for the old side")
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
    edition.add_argument(
        "--force",
        action="store_true",
        help="write over an existing -o file that is not an earlier draft of this edition",
    )
    _message_lang(edition)
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
    _message_lang(rec)
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
        required=True,
        metavar="YEAR",
        help="the fiscal year to enter (2025, R7, 令和7年度)",
    )
    sheet.add_argument(
        "--vision", metavar="ID", help="the vision (default: the one whose period holds --fy)"
    )
    sheet.add_argument("--output", "-o", required=True, metavar="FILE", help="e.g. 実績入力.xlsx")
    sheet.add_argument("--force", action="store_true", help="write over an existing workbook")
    _message_lang(sheet)
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
    _message_lang(imp)
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
    _message_lang(fmt)
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
    _message_lang(mig)
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
    _message_lang(schema)
    schema.set_defaults(handler=_cmd_schema)
    for verb in verbs.choices.values():  # made by add_parser as _Parser, in English
        verb.lang = lang
    return parser


def _text_streams() -> None:
    """What teijuu writes survives any console code page.

    Redirected output (a file, a pipe) is always UTF-8: on Japanese Windows Python would write
    cp932 there, which has no ㉑, ㉔ or —, and fail. A terminal keeps its own encoding, and a
    character it cannot show is replaced rather than ending the command in a traceback.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:  # replaced by a caller (a test, an embedding program)
            continue
        try:
            if stream.isatty():
                reconfigure(errors="replace")
            else:
                reconfigure(encoding="utf-8", errors="replace")
        except (OSError, ValueError):  # pragma: no cover - a closed or odd stream
            continue


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    if out is None or err is None:
        _text_streams()
    out = out or sys.stdout
    err = err or sys.stderr
    from teijuu.messages import resolve_lang

    words = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(resolve_lang(_lang_asked(words)))
    try:
        args = parser.parse_args(words)
    except SystemExit as exc:  # argparse has printed the usage
        return int(exc.code) if isinstance(exc.code, int) else EXIT_USAGE
    if getattr(args, "lang", None) is None:  # the verb's --lang, else the one before it
        args.lang = args.lang_before_verb
    args.say = resolve_lang(args.lang)  # the language of messages
    if not _fiscal_year(args, err):
        return EXIT_USAGE
    if getattr(args, "lang", None) is None:
        args.lang = "ja"  # labels of reports, tables and diffs: the papers' language
    try:
        code: int = args.handler(args, out, err)
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        err.write(_say(args, "cli/interrupted"))
        return 130
    return code


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
