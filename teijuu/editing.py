"""Editing plan files without losing anything: ``teijuu record`` and ``teijuu fmt``.

``record`` writes one actual (and optionally an evaluation text) into a results file by
splicing the text: the value is replaced where it stands, or a line is inserted beside its
siblings with their indentation. Comments, key order, quoting, blank lines and line endings
stay byte for byte as they were; ``git diff`` shows only the new value. The new text is
validated (the document and its plan) before it replaces the file, and the replacement is
atomic: a temporary file in the same folder, flushed and synced, then renamed over the old.

``fmt`` puts files in the canonical layout (``teijuu.dump``) while keeping their comments, and
is idempotent.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ruamel.yaml.error import YAMLError

from teijuu.dump import DEFAULT_SCHEMAS, double_quoted, modeline
from teijuu.errors import TeijuuError
from teijuu.findings import Finding, Severity
from teijuu.loading import decode, display_path, plan_root
from teijuu.messages import Message, Text, fy, msg
from teijuu.migration import CURRENT, MigrationError, migrate
from teijuu.model import KINDS
from teijuu.writing import locked, write_atomically
from teijuu.yamlio import Mark, Positions, parse_yaml

if TYPE_CHECKING:
    from teijuu.model import Vision


class EditError(TeijuuError):
    """An edit that cannot be made; the message says why and what would be right, ``mark``
    where in the file (None: the file as a whole)."""

    def __init__(self, message: str | Message | Text, mark: Mark | None = None) -> None:
        super().__init__(
            message,
            line=mark.line if mark is not None else None,
            column=mark.column if mark is not None else None,
        )
        self.mark = mark


@dataclass(frozen=True, slots=True)
class Recorded:
    text: str
    changed: bool


_PLAIN_SAFE = re.compile(r"^[^\s#:'\"&*!|>%@`{}\[\],?\-][^#]*$")


def yaml_scalar(text: str) -> str:
    """A string as a one-line YAML scalar: plain where that reads back the same, else quoted."""
    plain_ok = (
        _PLAIN_SAFE.match(text) is not None
        and ": " not in text
        and not text.endswith((":", " "))
        and parse_yaml(f"k: {text}\n").data == {"k": text}
    )
    return text if plain_ok else double_quoted(text)


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _column(text: str, index: int) -> int:
    return index - _line_start(text, index)


def _end_of_line(text: str, index: int) -> int:
    """The index just after the line break that ends the line holding ``index``."""
    at = text.find("\n", index)
    return len(text) if at < 0 else at + 1


def _block_end(text: str, positions: Positions, path: tuple[Any, ...]) -> int:
    """Where to insert after the node at ``path``: the end of its last line."""
    _, end = positions.spans[path]
    # ruamel's end mark of a block node is the start of the next token; step back over blank
    # lines and comments that belong to what follows.
    content = text[:end].rstrip()
    return _end_of_line(text, len(content))


def record_actual(
    text: str,
    *,
    measure: str,
    kpi: str,
    actual: Decimal,
    evaluation: str | None = None,
    municipality: str | None = None,
) -> Recorded:
    """``text`` of a results file with ``actual`` recorded for ``measure``/``kpi``."""
    parsed = parse_yaml(text)
    if parsed.problems or not isinstance(parsed.data, dict):
        raise EditError(msg("cli/edit/not-parsed"))
    data: dict[str, Any] = parsed.data
    positions = parsed.positions
    nl = _newline(text)
    value = format(actual, "f")
    entries = data.get("measures")
    if not isinstance(entries, list):
        raise EditError(msg("cli/edit/no-measures"))
    index = next(
        (i for i, m in enumerate(entries) if isinstance(m, dict) and m.get("measure") == measure),
        None,
    )
    if index is None:
        start, _ = positions.spans[("measures",)]
        indent = " " * _column(text, start) if entries else "  "
        block = (
            f"{indent}- measure: {measure}{nl}{indent}  kpis:{nl}{indent}    - kpi: {kpi}{nl}"
            f"{indent}      actual: {value}{nl}"
        )
        if evaluation is not None:
            block += _statement_block(f"{indent}  ", evaluation, municipality, nl, new_list=True)
        at = _block_end(text, positions, ("measures",)) if entries else _end_of_line(text, start)
        if not entries:  # `measures: []`
            a, b = positions.spans[("measures",)]
            return Recorded(
                text[:a].rstrip(" []") + nl + block + text[_end_of_line(text, b) :], True
            )
        return Recorded(text[:at] + block + text[at:], True)
    entry = entries[index]
    base: tuple[Any, ...] = ("measures", index)
    kpis = entry.get("kpis")
    out = text
    changed = False
    # Insertions further down the file first, so that earlier offsets stay valid.
    if evaluation is not None:
        out, did = _record_statement(out, positions, base, entry, evaluation, municipality, nl)
        changed = changed or did
    k_index = (
        next((i for i, k in enumerate(kpis) if isinstance(k, dict) and k.get("kpi") == kpi), None)
        if isinstance(kpis, list)
        else None
    )
    if k_index is not None:
        kpath = (*base, "kpis", k_index)
        if "actual" in kpis[k_index]:
            a, b = positions.spans[(*kpath, "actual")]
            if out[a:b] != value and not _same_number(kpis[k_index]["actual"], actual):
                out = out[:a] + value + out[b:]
                changed = True
        else:
            key_start = positions.key_spans[(*kpath, "kpi")][0]
            indent = " " * _column(out, key_start)
            at = _end_of_line(out, positions.spans[(*kpath, "kpi")][1])
            out = out[:at] + f"{indent}actual: {value}{nl}" + out[at:]
            changed = True
    elif isinstance(kpis, list) and kpis:
        first = positions.spans[(*base, "kpis", 0)][0]
        indent = " " * (_column(out, first) - 2)
        at = _block_end(out, positions, (*base, "kpis"))
        out = out[:at] + f"{indent}- kpi: {kpi}{nl}{indent}  actual: {value}{nl}" + out[at:]
        changed = True
    else:
        key_start, _ = positions.key_spans[(*base, "measure")]
        indent = " " * _column(out, key_start)
        block = f"{indent}kpis:{nl}{indent}  - kpi: {kpi}{nl}{indent}    actual: {value}{nl}"
        if "kpis" in entry:  # `kpis: []`
            a, b = positions.key_spans[(*base, "kpis")][0], positions.spans[(*base, "kpis")][1]
            out = out[: _line_start(out, a)] + block + out[_end_of_line(out, b) :]
        else:
            at = _end_of_line(out, positions.spans[(*base, "measure")][1])
            out = out[:at] + block + out[at:]
        changed = True
    return Recorded(out, changed)


def expected_after_record(
    data: Any,
    *,
    measure: str,
    kpi: str,
    actual: Decimal,
    evaluation: str | None = None,
    municipality: str | None = None,
) -> Any:
    """The data a results file must read as once :func:`record_actual` has recorded into it:
    ``data`` with the one actual (and evaluation) set, worked out on the data, not the text."""
    import copy

    out = copy.deepcopy(data)
    value = parse_yaml(f"v: {format(actual, 'f')}\n").data["v"]
    statement: dict[str, Any] = {"text": evaluation}
    if municipality is not None:
        statement = {"municipality": municipality, "text": evaluation}
    entries: list[Any] = out["measures"]
    entry = _item(entries, "measure", measure)
    if entry is None:
        entry = {"measure": measure, "kpis": [{"kpi": kpi, "actual": value}]}
        if evaluation is not None:
            entry["evaluation"] = [statement]
        entries.append(entry)
        return out
    if evaluation is not None:
        statements = entry.get("evaluation")
        same = _item(statements, "municipality", municipality)
        if same is not None:
            same["text"] = evaluation
        elif isinstance(statements, list) and statements:
            statements.append(statement)
        else:
            entry["evaluation"] = [statement]
    kpis = entry.get("kpis")
    found = _item(kpis, "kpi", kpi)
    if found is not None:
        if not _same_number(found.get("actual"), actual):
            found["actual"] = value
    elif isinstance(kpis, list) and kpis:
        kpis.append({"kpi": kpi, "actual": value})
    else:
        entry["kpis"] = [{"kpi": kpi, "actual": value}]
    return out


def _item(items: Any, key: str, value: object) -> dict[str, Any] | None:
    """The mapping of the list ``items`` whose ``key`` is ``value`` (None: none, or no list)."""
    if not isinstance(items, list):
        return None
    return next((i for i in items if isinstance(i, dict) and i.get(key) == value), None)


def _same_number(current: Any, actual: Decimal) -> bool:
    """True when the value a file holds is ``actual`` already, however written (66.30, 66.3):
    recording it again changes nothing."""
    return (
        isinstance(current, int | Decimal)
        and not isinstance(current, bool)
        and Decimal(current) == actual
    )


def _statement_block(
    indent: str, text: str, municipality: str | None, nl: str, *, new_list: bool
) -> str:
    head = f"{indent}evaluation:{nl}" if new_list else ""
    item = (
        f"{indent}  - municipality: {municipality}{nl}{indent}    text: "
        if municipality
        else f"{indent}  - text: "
    )
    return head + item + yaml_scalar(text) + nl


def _record_statement(
    text: str,
    positions: Positions,
    base: tuple[Any, ...],
    entry: dict[str, Any],
    evaluation: str,
    municipality: str | None,
    nl: str,
) -> tuple[str, bool]:
    statements = entry.get("evaluation")
    if isinstance(statements, list):
        split = [s.get("municipality") for s in statements if isinstance(s, dict)]
        if municipality is None and any(split):
            raise EditError(
                msg(
                    "cli/edit/split-evaluation",
                    municipalities=", ".join(str(m) for m in split if m),
                )
            )
        for i, statement in enumerate(statements):
            if isinstance(statement, dict) and statement.get("municipality") == municipality:
                if statement.get("text") == evaluation:  # however it is written (|-, "…")
                    return text, False
                a, b = positions.spans[(*base, "evaluation", i, "text")]
                # A block scalar's span (|-) runs to the start of the next line: keep its break.
                scalar = yaml_scalar(evaluation) + (nl if text[a:b].endswith("\n") else "")
                return text[:a] + scalar + text[b:], True
        if statements:
            first = positions.spans[(*base, "evaluation", 0)][0]
            indent = " " * (_column(text, first) - 4)
            at = _block_end(text, positions, (*base, "evaluation"))
            return text[:at] + _statement_block(
                indent, evaluation, municipality, nl, new_list=False
            ) + text[at:], True
    key_start, _ = positions.key_spans[(*base, "measure")]
    indent = " " * _column(text, key_start)
    # After the whole measure entry: its last line.
    at = _block_end(text, positions, base)
    block = _statement_block(indent, evaluation, municipality, nl, new_list=True)
    if "evaluation" in entry:  # `evaluation: []`
        a = positions.key_spans[(*base, "evaluation")][0]
        b = positions.spans[(*base, "evaluation")][1]
        return text[: _line_start(text, a)] + block + text[_end_of_line(text, b) :], True
    return text[:at] + block + text[at:], True


def read_text(path: Path) -> tuple[str, bool]:
    """The text of a plan file and whether it had a UTF-8 BOM (kept when writing back)."""
    from teijuu.loading import read_plan_bytes

    raw = read_plan_bytes(path)
    text, findings = decode(raw, display_path(path))
    if text is None:
        raise EditError(_problem(findings[0]))
    return text, raw.startswith(b"\xef\xbb\xbf")


def encode(text: str, bom: bool) -> bytes:
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


# ---------------------------------------------------------------------------------------------
# fmt


def format_text(text: str) -> str:
    """The canonical layout of a plan file's text, keeping its comments.

    The result is proven to read as the same data as ``text`` (:mod:`teijuu.guard`); when it
    would not, or when the text cannot be laid out, :class:`EditError` says where and why.
    """
    from io import StringIO

    from ruamel.yaml.comments import CommentedMap

    from teijuu.dump import yaml_reader, yaml_writer
    from teijuu.guard import check_rewrite

    parsed = parse_yaml(text)
    if parsed.problems:
        first = parsed.problems[0]
        raise EditError(
            msg("cli/edit/fix-first", problem=first.detail or first.message), first.mark
        )
    if not isinstance(parsed.data, dict):  # an empty file would become `null`, a list stay one
        raise EditError(msg("cli/edit/not-a-plan", found=_found(parsed.data)))
    try:
        tree = yaml_reader().load(_quote_unreadable(text, parsed.data, parsed.positions))
        if isinstance(tree, CommentedMap) and isinstance(tree.get("kind"), str):
            _reorder(tree, KINDS.get(tree["kind"]))
        stream = StringIO()
        yaml_writer().dump(tree, stream)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        where = Mark(mark.line + 1, mark.column + 1) if mark is not None else None
        reason = " ".join(
            str(part) for part in (getattr(exc, "context", ""), getattr(exc, "problem", "")) if part
        )
        advice = msg("cli/edit/advice-tab" if "\\t" in reason else "cli/edit/advice-quote")
        raise EditError(
            msg("cli/edit/fmt-cannot", reason=reason or exc, advice=advice), where
        ) from None
    except (ValueError, TypeError, RecursionError) as exc:  # ruamel on input it does not expect
        raise EditError(msg("cli/edit/fmt-bug", reason=f"{type(exc).__name__}: {exc}")) from None
    out = stream.getvalue()
    out = out if out.endswith("\n") else out + "\n"
    problem = check_rewrite(
        text, out, expected=parsed.data, old_positions=parsed.positions, what="fmt"
    )
    if problem is not None:
        raise EditError(problem.detail or problem.message, problem.mark)
    return out


_PLAIN_TROUBLE = re.compile("[\t\x85\u2028\u2029]")
"""What libyaml reads in plain text and ruamel's round-trip reader does not (or not alike)."""


def _quote_unreadable(text: str, data: Any, positions: Positions) -> str:
    """``text`` with each plain scalar that holds a character of :data:`_PLAIN_TROUBLE` written in
    double quotes instead, as libyaml read it, so that the round-trip reader reads it alike."""
    if _PLAIN_TROUBLE.search(text) is None:
        return text
    spans: list[tuple[int, int, str]] = []
    pending: list[tuple[tuple[Any, ...], Any]] = [((), data)]
    while pending:
        path, value = pending.pop()
        if isinstance(value, dict):
            pending.extend(((*path, k), v) for k, v in value.items())
        elif isinstance(value, list):
            pending.extend(((*path, i), v) for i, v in enumerate(value))
        elif isinstance(value, str) and path in positions.spans:
            start, end = positions.spans[path]
            written = text[start:end]
            if written[:1] not in ("'", '"', "|", ">") and _PLAIN_TROUBLE.search(written):
                spans.append((start, end, value))
    for start, end, value in sorted(spans, reverse=True):
        text = text[:start] + double_quoted(value) + text[end:]
    return text


def _reorder(node: Any, model: Any) -> None:
    """Put mapping keys in the model's field order (unknown keys keep their place at the end)."""
    from pydantic import BaseModel
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from teijuu.loading import _inner_model

    if isinstance(node, CommentedSeq):
        for item in node:
            _reorder(item, model)
        return
    if not isinstance(node, CommentedMap) or not (
        isinstance(model, type) and issubclass(model, BaseModel)
    ):
        return
    order = [f.alias or name for name, f in model.model_fields.items()]
    rank = {key: i for i, key in enumerate(order)}
    keys = list(node.keys())
    wanted = sorted(keys, key=lambda k: (rank.get(k, len(order)), keys.index(k)))
    if wanted != keys:
        # Move each key to the end in the wanted order; ruamel keeps a key's comments with it.
        for key in wanted:
            node.move_to_end(key)
    for key in node:
        info = next((f for name, f in model.model_fields.items() if (f.alias or name) == key), None)
        if info is not None:
            _reorder(node[key], _inner_model(info.annotation))


def fmt_paths(paths: Sequence[Path], *, check: bool) -> tuple[list[str], list[Finding]]:
    """Format (or with ``check`` only list) the plan files under ``paths``."""
    from teijuu.loading import discover

    files, findings = discover(paths)
    changed = []
    for path in files:
        try:
            text, bom = read_text(path)
            formatted = format_text(text)
            if formatted != text and not check:
                with locked(path):  # no other writer between this read and the write
                    now, bom = read_text(path)
                    if now != text:  # written meanwhile: lay out what is there now
                        text, formatted = now, format_text(now)
                    if formatted != text:
                        write_atomically(path, encode(formatted, bom))
        except OSError as exc:
            reason = msg("io-error/unreadable", reason=exc.strerror or str(exc))
            findings.append(Finding.of("io-error", Severity.ERROR, reason, file=display_path(path)))
            continue
        except EditError as exc:
            findings.append(
                Finding(
                    "fmt-error",
                    Severity.ERROR,
                    str(exc),
                    file=display_path(path),
                    line=exc.mark.line if exc.mark else None,
                    column=exc.mark.column if exc.mark else None,
                    detail=_detail(exc),
                )
            )
            continue
        if formatted != text:
            changed.append(display_path(path))
    return changed, findings


# ---------------------------------------------------------------------------------------------
# migrate


def migrate_text(text: str) -> str | None:
    """The text of a plan file written for an older apiVersion, rewritten for :data:`CURRENT`
    with its comments; None when it is current already.

    The rewrite is proven before it is returned (:mod:`teijuu.guard`): the new text must read
    back as exactly the data that the in-memory upgrade of the old text gives.
    """
    import copy
    from io import StringIO

    from ruamel.yaml.comments import CommentedMap

    from teijuu.dump import yaml_reader, yaml_writer
    from teijuu.guard import check_rewrite

    parsed = parse_yaml(text)
    if parsed.problems:
        first = parsed.problems[0]
        raise EditError(
            msg("cli/edit/fix-first", problem=first.detail or first.message), first.mark
        )
    data = parsed.data
    if not isinstance(data, dict):
        raise EditError(msg("cli/edit/not-a-plan", found=_found(data)))
    if data.get("apiVersion") == CURRENT:
        return None
    try:
        expected = migrate(copy.deepcopy(data))
        tree = yaml_reader().load(_quote_unreadable(text, data, parsed.positions))
        if not isinstance(tree, CommentedMap):  # pragma: no cover - parse_yaml saw a mapping
            raise EditError(msg("cli/edit/not-a-mapping"))
        migrate(tree)
        stream = StringIO()
        yaml_writer().dump(tree, stream)
    except MigrationError as exc:
        raise EditError(str(exc)) from None
    except (YAMLError, ValueError, TypeError) as exc:
        raise EditError(msg("cli/edit/migrate-cannot", reason=exc)) from None
    out = stream.getvalue()
    problem = check_rewrite(
        text, out, expected=expected, old_positions=parsed.positions, what="migrate"
    )
    if problem is not None:
        raise EditError(problem.detail or problem.message, problem.mark)
    return out


def migrate_paths(paths: Sequence[Path], *, check: bool) -> tuple[list[str], list[Finding]]:
    """Rewrite (or with ``check`` only list) the plan files under ``paths`` that are written
    for an older apiVersion, atomically, comments kept."""
    from teijuu.loading import discover

    files, findings = discover(paths)
    changed = []
    for path in files:
        try:
            text, bom = read_text(path)
            migrated = migrate_text(text)
        except (EditError, OSError) as exc:
            findings.append(
                Finding(
                    "migrate-error",
                    Severity.ERROR,
                    str(exc),
                    file=display_path(path),
                    detail=_detail(exc)
                    if isinstance(exc, EditError)
                    else msg("io-error/unreadable", reason=exc.strerror or str(exc)),
                )
            )
            continue
        if migrated is None:
            continue
        if not check:
            try:
                write_atomically(path, encode(migrated, bom))
            except OSError as exc:
                reason = msg("io-error/unwritable", reason=exc.strerror or str(exc))
                findings.append(
                    Finding.of("io-error", Severity.ERROR, reason, file=display_path(path))
                )
                continue
        changed.append(display_path(path))
    return changed, findings


# ---------------------------------------------------------------------------------------------
# record, on disk


@dataclass(frozen=True, slots=True)
class RecordOutcome:
    """What :func:`record` did: whether the file changed, the value recorded, and the KPI's
    grade and rate (truncated to six places) with it."""

    path: Path
    changed: bool
    grade: str | None
    rate: str | None
    actual: Decimal | None = None
    """The value recorded."""
    kpi: str = ""
    """The KPI recorded, as MEASURE/KPI."""


def schemas_reference(path: Path) -> str:
    """How a plan file written at ``path`` names the schemas in its ``$schema`` line: the
    schemas/ folder beside the plans/ folder that holds it, relative to it and written with
    ``/`` (as editors read it on Windows too), else where it is in a repository of plans."""
    where = path.resolve().parent
    for parent in (where, *where.parents):
        if parent.name == "plans" and (parent.parent / "schemas").is_dir():
            try:
                return Path(os.path.relpath(parent.parent / "schemas", where)).as_posix()
            except ValueError:  # another drive on Windows
                break
    return DEFAULT_SCHEMAS


def _new_results(path: Path, vision_id: str, fiscal_year: int) -> str:
    return (
        modeline("Results", schemas_reference(path)) + "\n"
        f"apiVersion: {CURRENT}\nkind: Results\n"
        f"id: {vision_id}-fy{fiscal_year}\nvision: {vision_id}\nfiscal_year: {fiscal_year}\n"
        "measures: []\n"
    )


@dataclass(frozen=True, slots=True)
class Entry:
    """One actual to record (and the evaluation of its measure, if given)."""

    measure: str
    kpi: str
    actual: Decimal
    evaluation: str | None = None
    municipality: str | None = None


@dataclass(frozen=True, slots=True)
class RecordedAll:
    """What :func:`record_all` did: the file, whether it changed, and each entry's grade."""

    path: Path
    changed: bool
    grades: list[tuple[str | None, str | None]]
    """(grade, rate) of each entry, in the order given."""
    kpis: list[str]
    """MEASURE/KPI of each entry, in the order given."""


def record(
    path: Path,
    *,
    fiscal_year: int,
    measure: str | None,
    kpi: str,
    actual: Decimal,
    evaluation: str | None = None,
    municipality: str | None = None,
    vision: str | None = None,
) -> RecordOutcome:
    """Record an actual in the results file ``path`` (created if missing, with ``vision``).

    ``kpi`` is the KPI's id within ``measure``; with ``measure`` None it is any name people
    give a KPI (:func:`teijuu.kpiref.resolve_kpi`): ``MEASURE/KPI``, the number the KPI table
    prints (``23-2``) or the KPI's name.

    The file's lock is held from reading it to replacing it, so that records at once each
    see the other's value. The edit is validated with the rest of the plan, and the new text
    proven to read as the old data with this one value recorded (:mod:`teijuu.guard`),
    before the file is replaced; on any problem :class:`EditError` is raised and the file is
    left as it was.
    """
    entry = Entry(measure or "", kpi, actual, evaluation, municipality)
    done = record_all(
        path, fiscal_year=fiscal_year, entries=[entry], vision=vision, resolve=measure is None
    )
    grade, rate = done.grades[0]
    return RecordOutcome(path, done.changed, grade, rate, actual=actual, kpi=done.kpis[0])


def record_all(
    path: Path,
    *,
    fiscal_year: int,
    entries: Sequence[Entry],
    vision: str | None = None,
    resolve: bool = False,
) -> RecordedAll:
    """Record every entry in the results file ``path`` at once, all or nothing: the same
    lossless splice, proof and validation as :func:`record`, then one atomic write. With
    ``resolve``, each entry's ``kpi`` is a name people give a KPI and ``measure`` is ignored.
    """
    if not path.parent.is_dir():  # the lock would make it, and it would hold no plans
        raise EditError(msg("cli/edit/no-folder", folder=display_path(path.parent)))
    with locked(path):
        return _record_locked(
            path, fiscal_year=fiscal_year, entries=entries, vision=vision, resolve=resolve
        )


def _record_locked(
    path: Path,
    *,
    fiscal_year: int,
    entries: Sequence[Entry],
    vision: str | None,
    resolve: bool,
) -> RecordedAll:
    from teijuu.grading import rate_text
    from teijuu.guard import check_rewrite
    from teijuu.kpiref import KpiRefError, resolve_kpi
    from teijuu.model import Results, Vision
    from teijuu.validate import validate_paths

    root = plan_root(path)
    before = validate_paths([root])
    if not before.ok:
        raise EditError(msg("cli/edit/invalid-before", problems=_listed(before.findings)))
    if path.exists():
        text, bom = read_text(path)
        document = next(
            (s.document for s in before.sources if Path(s.path).resolve() == path.resolve()), None
        )
        if not isinstance(document, Results):
            raise EditError(msg("cli/edit/not-results", path=display_path(path)))
        if document.fiscal_year != fiscal_year:
            raise EditError(
                msg(
                    "cli/edit/other-year",
                    path=display_path(path),
                    held=fy(document.fiscal_year),
                    year=fy(fiscal_year),
                )
            )
        vision_id = document.vision
    else:
        candidates = [v.id for v in before.plan.visions_for_year(fiscal_year)]
        vision_id = vision or (candidates[0] if len(candidates) == 1 else "")
        if not vision_id:
            raise EditError(
                msg(
                    "cli/edit/which-vision",
                    path=display_path(path),
                    candidates=", ".join(candidates) or msg("cli/edit/none"),
                )
            )
        text, bom = _new_results(path, vision_id, fiscal_year), False
    target = before.plan.get(Vision, vision_id)
    if resolve:
        if target is None:
            raise EditError(msg("cli/edit/not-a-vision", vision=vision_id))
        try:
            refs = [resolve_kpi(target, e.kpi) for e in entries]
        except KpiRefError as exc:
            raise EditError(exc.detail or exc.message) from None
        entries = [
            Entry(r.measure.id, r.kpi.id, e.actual, e.evaluation, e.municipality)
            for r, e in zip(refs, entries, strict=True)
        ]
    for entry in entries:
        _known_kpi(target, vision_id, entry.measure, entry.kpi)
    edited, expected, changed = text, parse_yaml(text).data, False
    for entry in entries:
        step = record_actual(
            edited,
            measure=entry.measure,
            kpi=entry.kpi,
            actual=entry.actual,
            evaluation=entry.evaluation,
            municipality=entry.municipality,
        )
        expected = expected_after_record(
            expected,
            measure=entry.measure,
            kpi=entry.kpi,
            actual=entry.actual,
            evaluation=entry.evaluation,
            municipality=entry.municipality,
        )
        edited, changed = step.text, changed or step.changed
    problem = check_rewrite(text, edited, expected=expected, what="the recorded file")
    if problem is not None:
        raise EditError(problem.detail or problem.message, problem.mark)
    after = validate_paths([root], overrides={path: edited})
    if not after.ok:
        raise EditError(msg("cli/edit/invalid-after", problems=_listed(after.findings)))
    if changed or not path.exists():
        write_atomically(path, encode(edited, bom))
    assert target is not None
    year = after.plan.grade(target, fiscal_year)
    grades: list[tuple[str | None, str | None]] = []
    for entry in entries:
        graded = year.grade_of(entry.measure, entry.kpi)
        grades.append(
            (graded.grade, rate_text(graded.rate)) if graded is not None else (None, None)
        )
    return RecordedAll(path, changed, grades, [f"{e.measure}/{e.kpi}" for e in entries])


def _known_kpi(target: Vision | None, vision_id: str, measure: str, kpi: str) -> None:
    found = target.measure(measure) if target else None
    if found is None or found.kpi(kpi) is None:
        import difflib

        known = [f"{m.id}/{k.id}" for m in (target.measures if target else []) for k in m.kpis]
        close = difflib.get_close_matches(f"{measure}/{kpi}", known, n=3, cutoff=0.6)
        hint = (
            msg("cli/edit/hint-close", close=Text(" or ".join(close), "」か「".join(close)))
            if close
            else msg("cli/edit/hint-count", count=len(known))
        )
        raise EditError(
            msg("cli/edit/not-a-kpi", kpi=f"{measure}/{kpi}", vision=vision_id, hint=hint)
        )


def _found(data: object) -> Text:
    """What a file holds instead of a mapping: ``empty``, ``list``…"""
    if data is None:
        return Text("empty", "空")
    name = type(data).__name__
    return Text(name, {"list": "リスト", "str": "文字列", "int": "数値"}.get(name, name))


def _detail(exc: EditError) -> Message | Text | None:
    """What ``exc`` says in either language, for a finding (None: it reads generically)."""
    return exc.detail


def _problem(finding: Finding) -> Text:
    """A finding as the message of an error, in either language."""
    return Text(finding.message, finding.text("ja"))


def _listed(findings: Sequence[Finding]) -> Text:
    """The first ten errors of ``findings``, a line each, in either language."""
    errors = [f for f in findings if f.severity is Severity.ERROR][:10]
    return Text("\n".join(f.to_text() for f in errors), "\n".join(f.to_text("ja") for f in errors))
