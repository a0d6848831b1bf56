"""The one catalogue of what teijuu says to people, in Japanese and English.

A site that reports something builds a :class:`Message`: a key of :data:`TEMPLATES` and named
parameters. It renders in either language when it is shown (:meth:`Message.render`), so the
language is chosen at output time, never by replacing strings. A parameter that reads
differently per language is a :class:`Text`; one that is itself a message is rendered in the
same language. Keys are ``CODE/variant`` for findings (``CODE`` a :class:`teijuu.findings.Code`)
``cli/…`` for what the command line says (``cli/FAMILY/…`` for the errors raised:
``edit``, ``kpi``, ``plan``, ``edition``, ``diff``, ``source``), ``sheet/…`` for the cells of
an entry workbook that cannot be imported (:class:`teijuu.sheet.CellProblem`).

The language of a run: ``--lang``, else :func:`default_lang` (the locale).
This module imports nothing of teijuu: the errors and the model may use it.
"""

from __future__ import annotations

import locale
import os
import string
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Final, Literal

from teijuu._catalogue import CLI, ERRORS, FINDINGS, SHEET

__all__ = [
    "LANGS",
    "TEMPLATES",
    "Lang",
    "Message",
    "Text",
    "default_lang",
    "fy",
    "msg",
    "noun",
    "resolve_lang",
    "written",
]

Lang = Literal["ja", "en"]
LANGS: Final = ("ja", "en")


@dataclass(frozen=True, slots=True)
class Text:
    """A parameter that reads differently in each language (a noun, a phrase)."""

    en: str
    ja: str

    def render(self, lang: str) -> str:
        return self.ja if lang == "ja" else self.en

    def __str__(self) -> str:
        return self.en


@dataclass(frozen=True, slots=True)
class Message:
    """A template key of :data:`TEMPLATES` and its named parameters."""

    key: str
    params: tuple[tuple[str, object], ...] = ()

    def render(self, lang: str = "en") -> str:
        en, ja = TEMPLATES[self.key]
        template = ja if lang == "ja" else en
        values = {name: _value(value, lang) for name, value in self.params}
        return template.format_map(values)

    def __str__(self) -> str:
        return self.render("en")


def _value(value: object, lang: str) -> object:
    if isinstance(value, Text | Message):
        return value.render(lang)
    return value


def msg(key: str, /, **params: object) -> Message:
    """The message ``key`` with ``params``; a key not in the catalogue is a bug, caught here."""
    if key not in TEMPLATES:
        raise KeyError(f"no message {key!r} in teijuu.messages.TEMPLATES")
    return Message(key, tuple(params.items()))


def fy(year: object) -> Text:
    """A fiscal year: FY2024 in English, 2024年度 in Japanese."""
    return Text(f"FY{year}", f"{year}年度")


def written(value: object) -> Text:
    """A value as the file gives it: its ``repr`` in English (``'x'``, ``Decimal('1.5')``), as
    YAML writes it in Japanese, for 「」 (``x``, ``1.5``, ``true``, ``null``)."""
    return Text(repr(value), _as_yaml(value))


def _as_yaml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, str | int) or type(value).__name__ == "Decimal":
        return str(value)
    if isinstance(value, list | tuple):  # as a flow sequence: [active]
        return "[" + ", ".join(_as_yaml(v) for v in value) + "]"
    if isinstance(value, dict):  # as a flow mapping: {start: 2024}
        return "{" + ", ".join(f"{_as_yaml(k)}: {_as_yaml(v)}" for k, v in value.items()) + "}"
    return repr(value)


NOUNS: Final[dict[str, str]] = {
    "agreement": "協定",
    "goal": "目標",
    "indicator": "指標",
    "KPI": "KPI",
    "measure": "施策",
    "measure result": "施策の実績",
    "milestone": "日程",
    "municipality": "市町村",
    "municipality of the sphere": "圏域の市町村",
    "policy field": "政策分野",
    "policy framework": "政策体系",
    "source": "出典",
    "sphere": "圏域",
    "viewpoint": "視点",
    "vision": "ビジョン",
    "ended": "終了",
    "abolished": "廃止",
    "amended": "変更",
    "adopted": "策定済み",
    "draft": "案",
    "superseded": "旧版",
}
"""The Japanese of the English nouns the checks name things with."""


def noun(english: str) -> Text:
    """An English noun with its Japanese (the English itself where none is known)."""
    return Text(english, NOUNS.get(english, english))


def resolve_lang(asked: str | None) -> Lang:
    """``asked`` (from ``--lang``), else the locale's language."""
    if asked == "ja":
        return "ja"
    if asked == "en":
        return "en"
    return default_lang()


def default_lang(
    environ: Mapping[str, str] | None = None,
    getlocale: Callable[[], tuple[str | None, str | None]] | None = None,
) -> Lang:
    """Japanese when the locale is Japanese, else English.

    The first of ``LC_ALL``, ``LC_MESSAGES`` and ``LANG`` that is set decides (POSIX order);
    when none is (Windows, as a rule), the user's locale as Python reads it (``Japanese_Japan``
    or ``ja_JP``)."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            return _lang_of(value)
    system = (getlocale or _system_locale)()[0]
    return _lang_of(system or "")


def _lang_of(name: str) -> Lang:
    return "ja" if name.lower().startswith(("ja", "japanese")) else "en"


def _system_locale() -> tuple[str | None, str | None]:
    current = locale.getlocale()
    if current[0]:
        return current
    with warnings.catch_warnings():  # deprecated, yet the one way to the Windows UI locale
        warnings.simplefilter("ignore", DeprecationWarning)
        try:
            return locale.getdefaultlocale()
        except ValueError:  # pragma: no cover - an unparsable locale variable
            return (None, None)


def fields_of(template: str) -> set[str]:
    """The named parameters a template uses."""
    return {name.split(".")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


TEMPLATES: Final[dict[str, tuple[str, str]]] = {**FINDINGS, **CLI, **ERRORS, **SHEET}
"""Every message, as ``key: (English, Japanese)`` (the texts are in ``teijuu._catalogue``)."""
