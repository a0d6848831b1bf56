"""Loading plan files: from paths on disk to validated documents, or findings that say why not.

The loader reads every file it is given (or finds under a directory), reports every problem of
every file, and never raises for bad input. Each loaded document keeps where it came from and
where each of its values was written, so that later checks can point at a line and column.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from teijuu.findings import Code, Finding, Severity
from teijuu.fiscal import era_overflow_message
from teijuu.messages import Message, Text, msg, written
from teijuu.migration import CURRENT, MigrationError, migrate
from teijuu.model.common import URL_PATTERN
from teijuu.model.documents import KINDS, SCHEMA_FILES, Document
from teijuu.refs import id_keys
from teijuu.yamlio import Mark, Positions, parse_yaml
from teijuu.yamlio import Path as DataPath

PLAN_SUFFIXES: Final = (".yaml", ".yml")
MAX_FILE_BYTES: Final = 8 * 1024 * 1024
"""No plan file comes near this (the 3rd vision, 32 measures, is 75 KB); a bigger one is refused."""
_MODELINE_RE = re.compile(r"^#\s*yaml-language-server:\s*\$schema=(\S+)\s*$")


@dataclass(slots=True)
class SourceDocument:
    """A validated document and where it came from."""

    path: str
    document: Document
    positions: Positions

    def mark(self, path: DataPath, *, key: bool = False) -> Mark | None:
        return self.positions.of(path, key=key)


@dataclass(slots=True)
class FileResult:
    """One file: its document if valid, its findings, and the (kind, id) it declares."""

    document: SourceDocument | None
    findings: list[Finding]
    declared: tuple[str, str] | None = None


@dataclass(slots=True)
class LoadResult:
    documents: list[SourceDocument] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    files: int = 0
    broken: set[tuple[str, str]] = field(default_factory=set)
    """(kind, id) declared by files that did not validate."""
    unreadable: list[str] = field(default_factory=list)
    """Files so broken that what they declare is unknown."""


def display_path(path: Path) -> str:
    """A path as a person would type it: relative to the working directory when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") else rel


def discover(paths: Sequence[Path]) -> tuple[list[Path], list[Finding]]:
    """Plan files under the given paths, in a stable order; unreadable paths become findings."""
    files: list[Path] = []
    findings: list[Finding] = []
    for root in paths:
        shown = display_path(root)
        if not root.exists():
            findings.append(
                Finding.of("io-error", Severity.ERROR, msg("io-error/missing"), file=shown)
            )
        elif root.is_dir():
            found = sorted(_walk(root, findings))
            if not found:
                findings.append(
                    Finding.of(
                        "no-plans",
                        Severity.ERROR,
                        msg("no-plans/empty-directory"),
                        file=shown,
                    )
                )
            files.extend(found)
        else:
            files.append(root)
    return files, findings


def _walk(root: Path, findings: list[Finding]) -> list[Path]:
    """Plan files under ``root``, through :func:`teijuu.paths.walk_files`: never out of it."""
    from teijuu.paths import Skipped, walk_files

    skipped: list[Skipped] = []
    found = list(walk_files(root, PLAN_SUFFIXES, skipped))
    for skip in skipped:
        severity = Severity.ERROR if skip.error else Severity.WARNING
        findings.append(Finding.of("io-error", severity, skip.reason, file=display_path(skip.path)))
    return found


def decode(raw: bytes, shown: str) -> tuple[str | None, list[Finding]]:
    """UTF-8 (a BOM is accepted); say how to convert anything else."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        # Columns count characters, as in every other finding, not bytes.
        column = len(raw[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # Notepad's, Excel's "Unicode text"
            key = "encoding/utf-16"
        else:
            try:
                raw.decode("cp932")
            except UnicodeDecodeError:
                key = "encoding/not-utf8"
            else:
                key = "encoding/shift-jis"
        return None, [
            Finding.of(
                "encoding",
                Severity.ERROR,
                msg(key, byte=exc.start),
                file=shown,
                line=line,
                column=column,
            )
        ]


def load_paths(paths: Sequence[Path], overrides: Mapping[Path, str] | None = None) -> LoadResult:
    """Load every plan file under ``paths``; all problems of all files are collected.

    ``overrides`` gives the text to use for some files instead of what is on disk (an edit
    being checked before it is written); a file that does not exist yet is added.
    """
    files, findings = discover(paths)
    pending = {_absolute(p): text for p, text in (overrides or {}).items()}
    if pending:
        present = {_absolute(f) for f in files}
        files = [*files, *(p for p in pending if p not in present)]
    result = LoadResult(findings=findings, files=len(files))
    for path in files:
        text = pending.get(_absolute(path)) if pending else None
        loaded = load_text(text, display_path(path)) if text is not None else load_file(path)
        result.findings.extend(loaded.findings)
        if loaded.document is not None:
            result.documents.append(loaded.document)
        elif loaded.declared is not None:
            result.broken.add(loaded.declared)
        else:
            result.unreadable.append(display_path(path))
    return result


def _absolute(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        return path.absolute()


def read_plan_bytes(path: Path) -> bytes:
    """A plan file's bytes: refuses what is not a regular file (a FIFO, a device) and what is
    larger than any plan, reading at most one byte past the limit (``OSError`` otherwise)."""
    import stat

    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise OSError(
            f"not a regular file ({stat.filemode(info.st_mode)[0]}); a plan is a YAML file"
        )
    with path.open("rb") as handle:
        raw = handle.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        raise OSError(
            f"larger than any plan needs ({info.st_size:,} bytes; the limit is "
            f"{MAX_FILE_BYTES // 1024 // 1024} MiB): is this the right file?"
        )
    return raw


def load_file(path: Path) -> FileResult:
    shown = display_path(path)
    try:
        raw = read_plan_bytes(path)
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop on Python < 3.13
        reason = getattr(exc, "strerror", None) or str(exc)
        detail = msg("io-error/unreadable", reason=reason)
        return FileResult(None, [Finding.of("io-error", Severity.ERROR, detail, file=shown)])
    text, findings = decode(raw, shown)
    if text is None:
        return FileResult(None, findings)
    return load_text(text, shown)


_SPHERE_RE = re.compile(r"^kind:\s*Sphere\s*$", re.MULTILINE)


def plan_root(path: Path) -> Path:
    """The directory of the sphere a plan file belongs to: the nearest folder above it that
    holds a Sphere document (its other documents give the file its context), else its own."""
    start = path.resolve()
    for folder in [start, *start.parents] if start.is_dir() else start.parents:
        try:
            children = [
                c
                for c in folder.iterdir()
                if c.suffix in PLAN_SUFFIXES and c.is_file() and not c.is_symlink()
            ]
        except OSError:
            continue
        for child in children:
            try:
                with child.open("rb") as handle:  # the head only: never a whole big file
                    head = handle.read(4096).decode("utf-8", errors="replace")
            except OSError:
                continue
            if _SPHERE_RE.search(head):
                return folder
        if folder.name == "plans" or (folder / ".git").exists():
            break
    return start if start.is_dir() else start.parent


@dataclass(frozen=True, slots=True)
class DataProblem:
    """A problem of a document's data, at a path inside it (before positions are known)."""

    path: DataPath
    code: str
    message: Message | str
    key: bool = False
    severity: Severity = Severity.ERROR


@dataclass(slots=True)
class DataResult:
    document: Document | None
    problems: list[DataProblem]
    declared: tuple[str, str] | None = None


def validate_data(data: Any) -> DataResult:
    """Validate one document's parsed data: what it says it is, then its kind's model.

    This is everything a JSON Schema of the kind can express, plus the few rules between
    fields that it cannot (a period's end not before its start).
    """
    if not isinstance(data, dict):
        found = (
            Text("an empty file", "空のファイル")
            if data is None
            else Text(f"a {_type_name(data)}", _TYPE_JA.get(_type_name(data), _type_name(data)))
        )
        return DataResult(
            None,
            [
                DataProblem(
                    (),
                    "not-a-mapping",
                    msg("not-a-mapping/file", current=CURRENT, found=found),
                )
            ],
        )
    problems: list[DataProblem] = []
    if "apiVersion" not in data:
        problems.append(
            DataProblem(
                (),
                "missing-api-version",
                msg("missing-api-version/file", current=CURRENT),
            )
        )
    kind = data.get("kind")
    doc_id = data.get("id")
    declared: tuple[str, str] | None = None
    if isinstance(kind, str) and kind in KINDS and isinstance(doc_id, str):
        declared = (kind, doc_id)
    if kind is None or kind == "":
        problems.append(
            DataProblem((), "missing-kind", msg("missing-kind/file", kinds=", ".join(KINDS)))
        )
    elif not isinstance(kind, str) or kind not in KINDS:
        problems.append(
            DataProblem(
                ("kind",),
                "unknown-kind",
                msg(
                    "unknown-kind/file",
                    kind=kind,
                    hint=_did_you_mean(str(kind), KINDS),
                    kinds=", ".join(KINDS),
                ),
            )
        )
    if problems or not isinstance(kind, str):
        return DataResult(None, problems, declared)
    notes: list[DataProblem] = []
    version = data["apiVersion"]
    if version != CURRENT:
        try:
            data = migrate(data)
        except MigrationError as exc:
            said = exc.detail if isinstance(exc.detail, Message) else exc.message
            return DataResult(
                None, [DataProblem(("apiVersion",), "unknown-api-version", said)], declared
            )
        notes.append(
            DataProblem(
                ("apiVersion",),
                "upgraded-api-version",
                msg("upgraded-api-version/file", version=version, current=CURRENT),
                severity=Severity.INFO,
            )
        )
    model = KINDS[kind]
    try:
        document = model.model_validate(data)
    except ValidationError as exc:
        problems = [_from_pydantic(error, model) for error in exc.errors(include_url=False)]
        return DataResult(None, [*notes, *problems], declared)
    notes.extend(_inside_the_document(data))
    return DataResult(document, notes, declared)


_ERA_INITIALS: Final = frozenset("MTSH明大昭平F")


def _inside_the_document(data: dict[str, Any]) -> list[DataProblem]:
    """What one walk of a valid document's data finds: fiscal years and dates printed past
    their era's end (a note: H32 = FY2020), and ``source:`` references to no entry of the
    document's ``sources``.

    The walk is iterative and builds a node's path only for what it reports: it runs over every
    value of every file, so it must cost little.
    """
    sources = data.get("sources")
    known: set[str] = set()
    if isinstance(sources, list):
        known = {s["id"] for s in sources if isinstance(s, dict) and isinstance(s.get("id"), str)}
    found: list[DataProblem] = []
    # (node, where): where is None for the root, else (the parent's where, the key or index)
    pending: list[tuple[Any, Any]] = [(data, None)]
    while pending:
        node, where = pending.pop()
        if type(node) is dict:
            for key, value in node.items():
                if type(key) is str and key[:1] in _ERA_INITIALS:
                    note = era_overflow_message(key)
                    if note is not None:
                        path = (*_path_of(where), key)
                        found.append(DataProblem(path, "era-overflow", note, True, Severity.INFO))
                if key == "source" and type(value) is str and value not in known:
                    hint = (
                        Text(
                            f"; known: {', '.join(sorted(known))}",
                            f"（あるのは {'、'.join(sorted(known))}）",
                        )
                        if known
                        else ""
                    )
                    found.append(
                        DataProblem(
                            (*_path_of(where), key),
                            "unresolved-reference",
                            msg("unresolved-reference/source", value=value, hint=hint),
                        )
                    )
                if type(value) is dict or type(value) is list or type(value) is str:
                    pending.append((value, (where, key)))
        elif type(node) is list:
            pending.extend((item, (where, index)) for index, item in enumerate(node))
        elif node[:1] in _ERA_INITIALS and len(node) < 16:
            note = era_overflow_message(node)
            if note is not None:
                found.append(
                    DataProblem(_path_of(where), "era-overflow", note, severity=Severity.INFO)
                )
    found.reverse()  # the walk pops from the end: give them in document order
    return found


def _path_of(where: Any) -> DataPath:
    parts: list[Any] = []
    while where is not None:
        where, key = where
        parts.append(key)
    return tuple(reversed(parts))


_RECOVERABLE: Final = frozenset({"duplicate-key"})
"""YAML problems after which the data is still whole (a repeated key: the first is kept), so
that the file is checked further in the same run: a repeated key must not hide a misspelt id
until the next commit. The file stays invalid."""
_TOP_LEVEL_RE: Final = re.compile(r"^(kind|id):[ \t]*['\"]?([^'\"#\s]+)", re.MULTILINE)


def _declared_in_text(text: str) -> tuple[str, str] | None:
    """The (kind, id) a file that cannot be read says it is, from its top-level lines: so
    that references to it are not reported as unresolved on top of its own error."""
    found: dict[str, str] = {m[1]: m[2] for m in _TOP_LEVEL_RE.finditer(text)}
    kind, doc_id = found.get("kind"), found.get("id")
    return (kind, doc_id) if kind in KINDS and doc_id else None


def load_text(text: str, shown: str) -> FileResult:
    """Validate one document's text. ``shown`` names it in findings."""
    parsed = parse_yaml(text)
    findings = [
        Finding.of(
            p.code,
            Severity.ERROR,
            p.detail or p.message,
            file=shown,
            line=p.mark.line if p.mark else None,
            column=p.mark.column if p.mark else None,
        )
        for p in parsed.problems
    ]
    if any(p.code not in _RECOVERABLE for p in parsed.problems):
        return FileResult(None, findings, _declared_in_text(text))
    positions = parsed.positions
    result = validate_data(parsed.data)
    if result.declared is not None:
        modeline = _check_modeline(text, result.declared[0])
        if modeline is not None:
            findings.append(
                Finding.of(
                    "schema-modeline", Severity.WARNING, modeline, file=shown, line=1, column=1
                )
            )
    for problem in result.problems:
        mark = positions.of(problem.path, key=problem.key)
        findings.append(
            Finding.of(
                problem.code,
                problem.severity,
                problem.message,
                file=shown,
                line=mark.line if mark else 1,
                column=mark.column if mark else 1,
                subject=_dotted(problem.path) or None,
            )
        )
    if result.document is None:
        return FileResult(None, findings, result.declared)
    return FileResult(SourceDocument(shown, result.document, positions), findings, result.declared)


def _check_modeline(text: str, kind: str) -> Message | None:
    expected = SCHEMA_FILES[kind]
    first = text.split("\n", 1)[0]
    match = _MODELINE_RE.match(first)
    if match is None:
        return msg("schema-modeline/missing", expected=expected)
    target = match.group(1)
    if not target.endswith("/" + expected) and target != expected:
        return msg("schema-modeline/wrong", target=target, kind=kind, expected=expected)
    return None


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if value is None:
        return "null"
    return {dict: "mapping", list: "list", str: "text", int: "number"}.get(
        type(value), "number" if type(value).__name__ == "Decimal" else type(value).__name__
    )


def _dotted(path: Iterable[Any]) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _did_you_mean(word: str, choices: Iterable[str]) -> Text | str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return (
        Text(f" (did you mean {close[0]!r}?)", f"（「{close[0]}」のことですか）") if close else ""
    )


_TYPE_JA: Final = {
    "boolean": "真偽値",
    "null": "空の値",
    "mapping": "マッピング",
    "list": "リスト",
    "text": "文字列",
    "number": "数値",
}


_CUSTOM_CODES: Final[dict[str, Code]] = {
    # the error types of the model's own validators (PydanticCustomError) → finding codes
    "number": Code.INVALID_NUMBER,
    "negative": Code.NEGATIVE_AMOUNT,
    "fiscal_year": Code.INVALID_FISCAL_YEAR,
    "plan_date": Code.INVALID_DATE,
    "printed_year": Code.INVALID_DATE,
    "period": Code.INVALID_PERIOD,
    "circled": Code.INVALID_VALUE,
    "grading_rule": Code.INVALID_GRADING_RULE,
}


def _allowed_keys(model: type[Document], loc: tuple[Any, ...]) -> list[str]:
    """The keys the mapping at ``loc`` may have (best effort, for did-you-mean)."""
    from pydantic import BaseModel

    current: Any = model
    for part in loc:
        if isinstance(part, int) or not (
            isinstance(current, type) and issubclass(current, BaseModel)
        ):
            continue
        info = current.model_fields.get(part) or next(
            (f for f in current.model_fields.values() if f.alias == part), None
        )
        if info is None:
            return []
        current = _inner_model(info.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or name for name, f in current.model_fields.items()]
    return []


def _inner_model(annotation: Any) -> Any:
    from typing import get_args

    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _from_pydantic(error: ErrorDetails, model: type[Document]) -> DataProblem:
    loc = tuple(part for part in error["loc"] if part != "[key]")
    kind = error["type"]
    where = _dotted(loc)
    if kind == "missing":
        parent, name = loc[:-1], loc[-1]
        return DataProblem(
            parent,
            "missing-field",
            msg(
                "missing-field/key",
                parent=_dotted(parent) or Text("the document", "この文書"),
                name=name,
            ),
            key=True,
        )
    if kind == "extra_forbidden":
        name = str(loc[-1])
        allowed = _allowed_keys(model, loc[:-1])
        hint = _did_you_mean(name, allowed)
        known = (
            Text(
                f"; keys here: {', '.join(allowed)}", f"（ここで使えるキー：{', '.join(allowed)}）"
            )
            if allowed and not hint
            else ""
        )
        return DataProblem(
            loc,
            "unknown-field",
            msg("unknown-field/key", where=where, name=name, hint=hint, known=known),
            key=True,
        )
    where_ = Text(f"{where}: ", f"{where}：") if where else ""
    said = (error.get("ctx") or {}).get("message")
    if isinstance(said, Message | Text):  # the model's own errors (teijuu.model.common.invalid)
        code = _CUSTOM_CODES.get(kind, Code.INVALID_VALUE)
        return DataProblem(loc, code, msg("invalid-value/at", where=where_, detail=said))
    if kind == "string_pattern_mismatch" and loc and _looks_like_id(loc):
        return DataProblem(
            loc, "invalid-id", msg("invalid-id/value", where=where_, value=error["input"])
        )
    if kind.endswith("_type"):
        return DataProblem(loc, "wrong-type", _wrong_type(error, where_))
    return DataProblem(loc, "invalid-value", _invalid_value(error, where_))


_WRONG_TYPES: Final = {
    # pydantic's error types for a value of another type → the catalogue's variant of wrong-type
    "string_type": "wrong-type/string",
    "int_type": "wrong-type/int",
    "bool_type": "wrong-type/bool",
    "list_type": "wrong-type/list",
    "dict_type": "wrong-type/dict",
    "model_type": "wrong-type/model",
}


def _wrong_type(error: ErrorDetails, where: Text | str) -> Message:
    """``Input should be a valid string, found mapping`` (and its Japanese)."""
    kind = _type_name(error["input"])
    found = Text(kind, _TYPE_JA.get(kind, kind))
    key = _WRONG_TYPES.get(error["type"])
    if key is None:  # a type no plan model has: pydantic's English, kept in the Japanese
        return msg("wrong-type/other", where=where, detail=error["msg"], found=found)
    return msg(key, where=where, found=found, **(error.get("ctx") or {}))


def _invalid_value(error: ErrorDetails, where: Text | str) -> Message:
    """A value of the right type that is not allowed, in pydantic's words (English) and the
    catalogue's (Japanese)."""
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind in {"literal_error", "enum"}:
        expected = str(ctx.get("expected", ""))
        return msg(
            "invalid-value/choice",
            where=where,
            value=written(error["input"]),
            expected=Text(expected.lower(), _choices(expected)),
        )
    bound = _BOUNDS.get(kind)
    if bound is not None:
        return msg(bound, where=where, **ctx)
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        return msg("invalid-value/empty-text", where=where)
    if kind == "too_short" and ctx.get("min_length") == 1 and ctx.get("actual_length") == 0:
        return msg("invalid-value/empty-list", where=where)
    if kind == "string_pattern_mismatch":
        url = ctx.get("pattern") == URL_PATTERN
        return msg("invalid-value/url" if url else "invalid-value/pattern", where=where, **ctx)
    return msg("invalid-value/other", where=where, detail=error["msg"])


_BOUNDS: Final = {
    "greater_than_equal": "invalid-value/greater-equal",
    "less_than_equal": "invalid-value/less-equal",
    "greater_than": "invalid-value/greater",
    "less_than": "invalid-value/less",
}
_QUOTED: Final = re.compile(r"'((?:[^'\\]|\\.)*)'")


def _choices(expected: str) -> str:
    """pydantic's ``'higher' or 'lower'`` as 「higher」か「lower」 (the values as written)."""
    values = _QUOTED.findall(expected)
    if not values:
        return f"「{expected}」"
    if len(values) == 1:
        return f"「{values[0]}」"
    if len(values) == 2:
        return f"「{values[0]}」か「{values[1]}」"
    return "、".join(f"「{value}」" for value in values) + "のいずれか"


def _looks_like_id(loc: tuple[Any, ...]) -> bool:
    """Whether ``loc`` ends at an id: a key the model types ``Id`` or marks as a reference."""
    names = [p for p in loc if isinstance(p, str)]
    return bool(names) and names[-1] in id_keys()
