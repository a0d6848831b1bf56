"""The data-equality guard: no rewrite of a plan file changes what it says by accident.

Every command that rewrites a plan file (``teijuu fmt``, ``teijuu record``) reads the new text
with the reader every command uses (:func:`teijuu.yamlio.parse_yaml`) before writing it, and
compares the data with what it must be: for ``fmt`` the data of the old text, for ``record``
the old data with the one value recorded. Values and their types must be the same (``1`` is
not ``1.0`` nor ``"1"`` nor ``true``), decimals digit for digit (``67.10`` stays ``67.10``);
only the order of mapping keys may change. When they differ, the rewrite is refused with where
and what, and nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Final

from teijuu.messages import Message, Text, msg
from teijuu.yamlio import Mark, Path, Positions, parse_yaml

__all__ = ["RewriteProblem", "check_rewrite", "first_difference"]

_SHOWN_LENGTH: Final = 60
_MISSING: Final = object()


@dataclass(frozen=True, slots=True)
class RewriteProblem:
    """Why a rewrite is refused, at a place in the old text (``mark`` None: the whole file)."""

    message: str
    mark: Mark | None
    detail: Message | None = None
    """The message in either language (:mod:`teijuu.messages`); ``message`` is its English."""


def _problem(said: Message, mark: Mark | None) -> RewriteProblem:
    return RewriteProblem(said.render("en"), mark, said)


_WHAT: Final = {
    "fmt": "fmt の結果",
    "migrate": "migrate の結果",
    "the recorded file": "記録後のファイル",
}
"""The Japanese of the ``what`` of :func:`check_rewrite` that teijuu passes."""


def _same(old: Any, new: Any) -> bool:
    if type(old) is not type(new):
        return False
    if isinstance(old, Decimal):
        return bool(old.as_tuple() == new.as_tuple())
    return bool(old == new)


def first_difference(old: Any, new: Any) -> tuple[Path, Any, Any] | None:
    """The first place where ``new`` differs from ``old`` (the path and the two values there;
    ``_MISSING`` for a key one side lacks), or None when they are the same data."""
    pending: list[tuple[Path, Any, Any]] = [((), old, new)]
    while pending:
        path, a, b = pending.pop()
        if isinstance(a, dict) and isinstance(b, dict):
            for key in reversed([*a, *(k for k in b if k not in a)]):
                pending.append(((*path, key), a.get(key, _MISSING), b.get(key, _MISSING)))
        elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
            pending.extend(((*path, i), a[i], b[i]) for i in reversed(range(len(a))))
        elif not _same(a, b):
            return path, a, b
    return None


def _shown(value: Any) -> Text:
    if value is _MISSING:
        return Text("nothing", "何もない状態")
    if isinstance(value, dict):
        return Text("a mapping", "マッピング")
    if isinstance(value, list):
        return Text(f"a list of {len(value)}", f"{len(value)}項目の一覧")
    if isinstance(value, bool):
        shown = str(value).lower()
        return Text("the boolean " + shown, f"真偽値 {shown}")
    if value is None:
        return Text("null", "null")
    if isinstance(value, str):
        text = value if len(value) <= _SHOWN_LENGTH else value[:_SHOWN_LENGTH] + "…"
        return Text("the text " + repr(text), f"文字列「{text}」")
    if isinstance(value, int) and value.bit_length() > 64:
        digits = len(str(abs(value)))
        return Text(f"a {digits}-digit number", f"{digits}桁の数値")
    number = format(value, "f") if isinstance(value, Decimal) else str(value)
    return Text("the number " + number, f"数値 {number}")


def _dotted(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out or "the document"


def check_rewrite(
    old_text: str,
    new_text: str,
    *,
    expected: Any = _MISSING,
    old_positions: Positions | None = None,
    what: str = "the rewrite",
) -> RewriteProblem | None:
    """None when ``new_text`` reads as ``expected`` (default: the data of ``old_text``), else
    where it does not. ``old_positions`` spares reading ``old_text`` again to place it."""
    if expected is _MISSING or old_positions is None:
        old = parse_yaml(old_text)
        if expected is _MISSING:
            if old.problems:
                first = old.problems[0]
                return _problem(
                    msg("cli/guard/fix-first", problem=first.detail or first.message), first.mark
                )
            expected = old.data
        old_positions = old.positions
    new = parse_yaml(new_text)
    said = Text(what, _WHAT.get(what, what))
    if new.problems:
        first = new.problems[0]
        line = msg("cli/guard/at-line", line=first.mark.line) if first.mark else ""
        return _problem(
            msg(
                "cli/guard/unreadable", what=said, problem=first.detail or first.message, line=line
            ),
            None,
        )
    difference = first_difference(expected, new.data)
    if difference is None:
        return None
    path, want, got = difference
    return _problem(
        msg(
            "cli/guard/changed",
            path=_dotted(path),
            what=said,
            got=_shown(got),
            want=_shown(want),
        ),
        old_positions.of(path),
    )
