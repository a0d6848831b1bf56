"""The ``teijuu`` command line. Each verb is a thin layer over a library function.

Exit status: 0 when all is well (warnings allowed), 1 when the plans are invalid, 2 for a usage
or I/O error (a path that does not exist, a directory with no plans).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from teijuu import __version__

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2

_IO_CODES = frozenset({"io-error", "no-plans"})


def _paths(values: Sequence[str]) -> list[Path]:
    if values:
        return [Path(v) for v in values]
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
        written = schemas.write(directory)
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
        epilog="With no PATH, commands work on the bundled plans (一関・平泉).",
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
        help="plan files or directories (default: the bundled plans)",
    )
    validate.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people (default), json for tools",
    )
    validate.set_defaults(handler=_cmd_validate)

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
