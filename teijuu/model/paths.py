"""Paths that name a place in a plan document by ids and keys, and undoing revisions with them.

A path is ``measures/bus/kpis/riders/target/value``: in a list, a segment is the id of an item
(``id``, or ``by`` / ``municipality`` for the lists keyed by those); in a mapping, a key. Ids never
hold ``/``, so the path is unambiguous. This is how a revision says what it added, changed and
removed (:class:`~teijuu.model.vision.VisionRevision`), and how an earlier state is rebuilt.
"""

from __future__ import annotations

import copy
from typing import Any, Final

from teijuu.errors import TeijuuError
from teijuu.messages import Text

__all__ = ["PathError", "undo"]

_ITEM_KEYS = ("id", "by", "municipality")


class PathError(TeijuuError):
    """A revision names a path the document does not have."""

    def __init__(self, revision: int, part: str, index: int, path: str, reason: Text) -> None:
        super().__init__(f"revision {revision}: {part}[{index}] {path!r}: {reason}")
        self.revision = revision
        self.part = part
        self.index = index
        self.path = path
        self.reason = reason


_NO_SUCH_PLACE: Final = Text("no such place", "その場所がありません")
_NO_PARENT: Final = Text("its parent is not there", "親の項目がありません")
_STILL_THERE: Final = Text("it is still there", "まだ残っています")
_PARENT_IS_A_VALUE: Final = Text("its parent is a value", "親が値になっています")


def _key(node: Any, segment: str) -> Any:
    """The key or index that ``segment`` names in ``node``; KeyError when there is none."""
    if isinstance(node, list):
        for i, item in enumerate(node):
            if isinstance(item, dict) and any(item.get(k) == segment for k in _ITEM_KEYS):
                return i
        raise KeyError(segment)
    if isinstance(node, dict):
        if segment in node:
            return segment
        if segment.isdigit() and int(segment) in node:  # fiscal-year keys (budget years)
            return int(segment)
        raise KeyError(segment)
    raise KeyError(segment)


def _parent(data: Any, path: str) -> tuple[Any, str]:
    segments = path.strip("/").split("/")
    node = data
    for segment in segments[:-1]:
        node = node[_key(node, segment)]
    return node, segments[-1]


def undo(
    data: dict[str, Any],
    added: list[str],
    changed: list[tuple[str, Any]],
    removed: list[tuple[str, Any]],
    *,
    revision: int,
) -> dict[str, Any]:
    """The document before one revision, from the document after it (a new copy).

    What was ``added`` is taken out, what was ``changed`` gets its value before (a value of
    None: the key was absent), and what was ``removed`` is put back (a list item at the end).
    """
    data = copy.deepcopy(data)
    for index, path in enumerate(added):
        try:
            node, last = _parent(data, path)
            del node[_key(node, last)]
        except (KeyError, TypeError, IndexError):
            raise PathError(revision, "added", index, path, _NO_SUCH_PLACE) from None
    for index, (path, was) in enumerate(changed):
        try:
            node, last = _parent(data, path)
            key = _key(node, last)
        except (KeyError, TypeError, IndexError):
            raise PathError(revision, "changed", index, path, _NO_SUCH_PLACE) from None
        if was is None and isinstance(node, dict):
            del node[key]
        else:
            node[key] = was
    for index, (path, was) in enumerate(removed):
        try:
            node, last = _parent(data, path)
        except (KeyError, TypeError, IndexError):
            raise PathError(revision, "removed", index, path, _NO_PARENT) from None
        if isinstance(node, list):
            if any(isinstance(i, dict) and any(i.get(k) == last for k in _ITEM_KEYS) for i in node):
                raise PathError(revision, "removed", index, path, _STILL_THERE)
            node.append(was)
        elif isinstance(node, dict):
            if last in node:
                raise PathError(revision, "removed", index, path, _STILL_THERE)
            node[int(last) if last.isdigit() else last] = was
        else:
            raise PathError(revision, "removed", index, path, _PARENT_IS_A_VALUE)
    return data
