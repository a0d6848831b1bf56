"""One base for every error teijuu raises for a person to read: :class:`TeijuuError`.

Each carries its message and, where known, the finding code, the file, line and column, and
the subject (``Kind/id:path``), so that a caller can show it as ``file:line:column: message``
or turn it into a finding. It is a :class:`ValueError`, as the errors it is the base of were.
This module imports nothing of teijuu: the model may raise its errors too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from teijuu.messages import Message, Text

__all__ = ["PlanError", "TeijuuError"]


class TeijuuError(ValueError):
    """An error for people: what is wrong and what would be right, with where when known.

    ``message`` is a :class:`teijuu.messages.Message` where the site has one (or a
    :class:`teijuu.messages.Text`): it renders in either language, and ``message`` keeps its
    English. Else English text."""

    def __init__(
        self,
        message: str | Message | Text,
        *,
        code: str | None = None,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        subject: str | None = None,
        detail: Message | Text | None = None,
    ) -> None:
        if not isinstance(message, str):  # either language: English kept as text
            detail = message
            message = detail.render("en")
        super().__init__(message)
        self.message = message
        self.detail = detail
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.subject = subject

    @property
    def where(self) -> str | None:
        """``file:line:column`` (as much as is known), or None."""
        if self.file is None:
            return None
        parts = [self.file, *(str(n) for n in (self.line, self.column) if n is not None)]
        return ":".join(parts)

    def render(self, lang: str = "en") -> str:
        """The message in ``lang``: its :mod:`teijuu.messages` template where it was raised
        with one (``detail``), else the English message."""
        if self.detail is not None and lang == "ja":
            return self.detail.render(lang)
        return self.message

    def to_text(self, lang: str = "en") -> str:
        """``file:line:column: message`` (the message alone where no file is known)."""
        text = self.render(lang)
        return f"{self.where}: {text}" if self.where else text


class PlanError(TeijuuError):
    """The plans cannot give what was asked (no such vision, no results for the year, a
    framework missing); the message says what would."""
