"""Findings: what teijuu reports about plans, for people (text) and for tools (JSON).

Every command that reports findings uses the same shape, documented in ``docs/findings.md`` and
fixed by ``schemas/findings.schema.json``::

    {"schema": "teijuu/findings/v1",
     "findings": [{"code", "severity", "message", "file", "line", "column", "subject"}]}

In text a finding reads ``PATH:LINE:COL: SEVERITY: CODE: message``, on one line, with no
control character (``teijuu.render.escape.terminal_text``).

The message is in English (``message``) or Japanese (:meth:`Finding.text`): a finding built
with a :class:`teijuu.messages.Message` (``detail``) renders it in either language; one without
reads in Japanese as its code's Japanese description with the English detail in brackets.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final

from teijuu.messages import Message, Text, msg
from teijuu.render.escape import terminal_text
from teijuu.versions import API_VERSION

FINDINGS_SCHEMA_ID: Final = "teijuu/findings/v1"
FINDINGS_PER_FILE: Final = 100
"""At most this many findings of one file are reported; one more finding says how many were
left out (``findings-left-out``)."""


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Command(StrEnum):
    """The command that reports a finding code."""

    VALIDATE = "validate"
    CHECK = "check"


class Code(StrEnum):
    """Every finding code teijuu reports, with its data: the worst severity it is reported at
    (some are reported at a lower one where the case is milder), what it means in English and
    in Japanese, and the commands that report it. The one place codes are defined:
    :data:`CODES`, :data:`CHECK_CODES` and the tables of ``docs/findings.md`` derive from it.
    """

    severity: Severity
    en: str
    ja: str
    commands: frozenset[Command]

    def __new__(cls, value: str, severity: Severity, en: str, ja: str, commands: str) -> Code:
        member = str.__new__(cls, value)
        member._value_ = value
        member.severity = severity
        member.en = en.format(current=API_VERSION)
        member.ja = ja.format(current=API_VERSION)
        member.commands = frozenset(c for c in Command if c.value[0].upper() in commands)
        return member

    def description(self, lang: str = "en") -> str:
        """What the code means, in ``lang`` (``ja`` or ``en``)."""
        return self.ja if lang == "ja" else self.en

    IO_ERROR = (
        "io-error",
        Severity.ERROR,
        "A file or directory cannot be read.",
        "ファイルまたはフォルダを読めない。",
        "V",
    )
    NO_PLANS = (
        "no-plans",
        Severity.ERROR,
        "A directory holds no plan files (*.yaml, *.yml).",
        "フォルダにプランのファイル（*.yaml, *.yml）がない。",
        "V",
    )
    ENCODING = (
        "encoding",
        Severity.ERROR,
        "A file is not UTF-8 (a Shift_JIS file must be converted).",
        "ファイルがUTF-8でない（Shift_JISのファイルは変換が必要）。",
        "V",
    )
    YAML_SYNTAX = (
        "yaml-syntax",
        Severity.ERROR,
        "The file is not well-formed YAML.",
        "YAMLとして正しく書かれていない。",
        "V",
    )
    DUPLICATE_KEY = (
        "duplicate-key",
        Severity.ERROR,
        "A mapping has the same key twice.",
        "同じキーが一つのマッピングに二度ある。",
        "V",
    )
    FORBIDDEN_TAG = (
        "forbidden-tag",
        Severity.ERROR,
        "An explicit YAML tag (!!python/…, !custom) is not allowed in plans.",
        "YAMLのタグ（!!python/…、!custom）はプランでは使えない。",
        "V",
    )
    ALIAS_NOT_ALLOWED = (
        "alias-not-allowed",
        Severity.ERROR,
        "Anchors and aliases (&a, *a) are not allowed in plans.",
        "アンカーとエイリアス（&a、*a）はプランでは使えない。",
        "V",
    )
    TOO_DEEP = (
        "too-deep",
        Severity.ERROR,
        "The document nests deeper than any plan needs.",
        "どのプランにも要らないほど入れ子が深い。",
        "V",
    )
    NOT_A_MAPPING = (
        "not-a-mapping",
        Severity.ERROR,
        "A plan file must be one YAML mapping.",
        "プランのファイルは一つのYAMLマッピングでなければならない。",
        "V",
    )
    MISSING_API_VERSION = (
        "missing-api-version",
        Severity.ERROR,
        "The file does not say `apiVersion: {current}`.",
        "ファイルに `apiVersion: {current}` の記載がない。",
        "V",
    )
    UPGRADED_API_VERSION = (
        "upgraded-api-version",
        Severity.INFO,
        "The file is written for an older apiVersion; it was upgraded in memory "
        "(`teijuu migrate` rewrites it).",
        "古いapiVersionで書かれたファイルを読み込み時に変換した"
        "（`teijuu migrate` で書き換えられる）。",
        "V",
    )
    UNKNOWN_API_VERSION = (
        "unknown-api-version",
        Severity.ERROR,
        "The file's apiVersion is not one teijuu knows.",
        "ファイルのapiVersionはteijuuの知らないものである。",
        "V",
    )
    MISSING_KIND = (
        "missing-kind",
        Severity.ERROR,
        "The file does not say which `kind:` of plan document it is.",
        "プラン文書の種類（`kind:`）の記載がない。",
        "V",
    )
    UNKNOWN_KIND = (
        "unknown-kind",
        Severity.ERROR,
        "The file's kind is not a plan kind.",
        "ファイルのkindはプラン文書の種類ではない。",
        "V",
    )
    SCHEMA_MODELINE = (
        "schema-modeline",
        Severity.WARNING,
        "The `# yaml-language-server: $schema=` line is missing or wrong.",
        "`# yaml-language-server: $schema=` の行がないか、誤っている。",
        "V",
    )
    MISSING_FIELD = (
        "missing-field",
        Severity.ERROR,
        "A required key is absent.",
        "必須のキーがない。",
        "V",
    )
    UNKNOWN_FIELD = (
        "unknown-field",
        Severity.ERROR,
        "A key that the kind does not have.",
        "その種類の文書にないキーである。",
        "V",
    )
    WRONG_TYPE = (
        "wrong-type",
        Severity.ERROR,
        "A value of the wrong type (a list where a mapping belongs, …).",
        "値の型が違う（マッピングの位置にリストがあるなど）。",
        "V",
    )
    INVALID_VALUE = (
        "invalid-value",
        Severity.ERROR,
        "A value outside what the key allows.",
        "キーが認める範囲外の値である。",
        "V",
    )
    INVALID_NUMBER = (
        "invalid-number",
        Severity.ERROR,
        "Not an exact number (a string with separators, a float, NaN …).",
        "正確な数値でない（桁区切りのある文字列、浮動小数点数、NaNなど）。",
        "V",
    )
    NEGATIVE_AMOUNT = (
        "negative-amount",
        Severity.ERROR,
        "A budget or amount below zero.",
        "事業費または金額が負である。",
        "V",
    )
    INVALID_FISCAL_YEAR = (
        "invalid-fiscal-year",
        Severity.ERROR,
        "Not a fiscal year (2024, FY2024, R6, 令和6年度 …).",
        "年度でない（2024、FY2024、R6、令和6年度など）。",
        "V",
    )
    INVALID_DATE = (
        "invalid-date",
        Severity.ERROR,
        "Not a date (2025-12-17, H25.10, R6.3 …).",
        "日付でない（2025-12-17、H25.10、R6.3など）。",
        "V",
    )
    INVALID_ID = (
        "invalid-id",
        Severity.ERROR,
        "An id that is not a lower-case ASCII slug.",
        "IDが半角英小文字・数字・ハイフンでない。",
        "V",
    )
    INVALID_PERIOD = (
        "invalid-period",
        Severity.ERROR,
        "A period that ends before it starts.",
        "期間の終わりが始まりより前である。",
        "V",
    )
    INVALID_GRADING_RULE = (
        "invalid-grading-rule",
        Severity.ERROR,
        "Grade bands out of order, repeated, or without a lowest band.",
        "評価区分の順序が誤っているか、重複しているか、最下位の区分がない。",
        "V",
    )
    ERA_OVERFLOW = (
        "era-overflow",
        Severity.INFO,
        "A year printed past its era's end (H32 = FY2020), read as printed.",
        "元号の終わりを過ぎた年の表記（H32 = 2020年度）。表記どおりに読んだ。",
        "V",
    )
    DUPLICATE_ID = (
        "duplicate-id",
        Severity.ERROR,
        "Two things of the same kind share an id.",
        "同じ種類の二つのものが同じIDを持つ。",
        "V",
    )
    UNRESOLVED_REFERENCE = (
        "unresolved-reference",
        Severity.ERROR,
        "An id that names nothing in the plans.",
        "プランのどこにもないものを指すID。",
        "V",
    )
    FIELD_NOT_IN_VIEWPOINT = (
        "field-not-in-viewpoint",
        Severity.ERROR,
        "A measure's field belongs to another viewpoint.",
        "施策の政策分野が別の視点に属している。",
        "V",
    )
    YEAR_OUTSIDE_PERIOD = (
        "year-outside-period",
        Severity.ERROR,
        "A fiscal year outside the vision's period.",
        "ビジョンの計画期間外の年度。",
        "V",
    )
    BUDGET_OUTSIDE_PERIOD = (
        "budget-outside-period",
        Severity.ERROR,
        "A budget year outside the vision's period.",
        "ビジョンの計画期間外の年度の事業費。",
        "V",
    )
    OPEN_TARGET = (
        "open-target",
        Severity.ERROR,
        "An adopted vision leaves a KPI target open.",
        "策定済みのビジョンでKPIの目標値が未定である。",
        "V",
    )
    ERA_MISMATCH = (
        "era-mismatch",
        Severity.WARNING,
        "A year printed in both calendars names two different years.",
        "西暦と和暦の併記が異なる二つの年を指している。",
        "VC",
    )
    REVISION_MISMATCH = (
        "revision-mismatch",
        Severity.ERROR,
        "The vision's revision number and its list of revisions disagree.",
        "ビジョンの改定番号と改定の一覧が合わない。",
        "V",
    )
    FMT_ERROR = (
        "fmt-error",
        Severity.ERROR,
        "A file cannot be put in the canonical layout (fix what validate reports).",
        "ファイルを標準の書式に整えられない（validateの指摘を先に直す）。",
        "V",
    )
    MIGRATE_ERROR = (
        "migrate-error",
        Severity.ERROR,
        "A file cannot be rewritten for the current apiVersion.",
        "ファイルを現行のapiVersionに書き換えられない。",
        "V",
    )
    REVISION_PATH = (
        "revision-path",
        Severity.ERROR,
        "A revision names a path the vision does not have, so the edition as it stood "
        "before cannot be rebuilt.",
        "改定が指す箇所がビジョンになく、改定前の版を復元できない。",
        "V",
    )
    DATE_FISCAL_YEAR_MISMATCH = (
        "date-fiscal-year-mismatch",
        Severity.ERROR,
        "A date and the fiscal year given beside it disagree.",
        "日付と併記された年度が合わない。",
        "V",
    )
    STATUS_MISMATCH = (
        "status-mismatch",
        Severity.ERROR,
        "A date of ending or abolition is given, but the status says otherwise.",
        "終了日・廃止日があるのに、状態がそれと合わない。",
        "V",
    )
    MISSING_DATE = (
        "missing-date",
        Severity.WARNING,
        "An ended sphere or an abolished agreement without its date.",
        "終了した圏域または廃止された協定に日付がない。",
        "V",
    )
    BOUND_DIRECTION = (
        "bound-direction",
        Severity.ERROR,
        "A target printed as a limit (以内, 以上) disagrees with the KPI's direction.",
        "以内・以上で示された目標値がKPIの方向と合わない。",
        "V",
    )
    EMPTY_VISION = (
        "empty-vision",
        Severity.WARNING,
        "An adopted vision with no measures.",
        "策定済みのビジョンに施策がない。",
        "V",
    )
    NO_KPIS = (
        "no-kpis",
        Severity.WARNING,
        "An adopted vision whose measures have no KPI.",
        "策定済みのビジョンの施策にKPIがない。",
        "V",
    )
    NO_GRADING_RULE = (
        "no-grading-rule",
        Severity.WARNING,
        "An adopted vision with KPIs but no grading rule.",
        "策定済みのビジョンにKPIがあるのに評価基準がない。",
        "V",
    )
    FINDINGS_LEFT_OUT = (
        "findings-left-out",
        Severity.ERROR,
        "A file has more findings than are reported; the rest are counted.",
        "一つのファイルの指摘が多すぎるため、残りは件数のみ示す。",
        "V",
    )
    GRADE_MISMATCH = (
        "grade-mismatch",
        Severity.ERROR,
        "A grade printed in the table differs from the grade the data gives.",
        "表に記載された達成状況がデータから求めたものと異なる。",
        "C",
    )
    KPI_NOT_IN_TABLE = (
        "kpi-not-in-table",
        Severity.WARNING,
        "A KPI of the vision has no row in the published table.",
        "ビジョンのKPIが公表された表にない。",
        "C",
    )
    TABLE_NUMBER_GAP = (
        "table-number-gap",
        Severity.WARNING,
        "The table's numbers skip one (a gap of more than three is given by its ends).",
        "表の番号が飛んでいる（四つ以上の欠番は両端で示す）。",
        "C",
    )
    COUNT_MISMATCH = (
        "count-mismatch",
        Severity.ERROR,
        "A printed count of grades per field differs from the data.",
        "政策分野別の達成状況の件数がデータと異なる。",
        "C",
    )
    COUNT_MISSING = (
        "count-missing",
        Severity.WARNING,
        "A field with graded KPIs has no printed count.",
        "評価されたKPIのある政策分野に件数の記載がない。",
        "C",
    )
    LIST_MISSING = (
        "list-missing",
        Severity.ERROR,
        "A measure graded C/D is missing from the printed list.",
        "C・D評価の施策が一覧に載っていない。",
        "C",
    )
    LIST_EXTRA = (
        "list-extra",
        Severity.ERROR,
        "A listed measure has no KPI at the listed grades.",
        "一覧に載った施策に、その評価のKPIがない。",
        "C",
    )
    LIST_NUMBER_MISMATCH = (
        "list-number-mismatch",
        Severity.ERROR,
        "A circled number differs from the measure's number in the table.",
        "丸数字が表の施策番号と異なる。",
        "C",
    )
    SHARE_MISMATCH = (
        "share-mismatch",
        Severity.ERROR,
        "A percentage statement does not hold for the data.",
        "割合の記述がデータと合わない。",
        "C",
    )
    PERSISTENCE_MISMATCH = (
        "persistence-mismatch",
        Severity.ERROR,
        "A measure said to stay at some grades is not at them.",
        "引き続きその評価とされた施策が、その評価でない。",
        "C",
    )
    UNVERIFIABLE_CLAIM = (
        "unverifiable-claim",
        Severity.INFO,
        "A statement needs data the plans do not have.",
        "記述の確認に、プランにないデータが要る。",
        "C",
    )
    NAME_MISMATCH = (
        "name-mismatch",
        Severity.WARNING,
        "A measure or KPI name printed differently from the measure sheet.",
        "施策名またはKPI名が施策シートと異なる表記である。",
        "C",
    )
    FIELD_NAME_VARIANT = (
        "field-name-variant",
        Severity.WARNING,
        "A policy field printed differently from the framework's name.",
        "政策分野が政策体系の名称と異なる表記である。",
        "C",
    )
    COMPONENT_MISMATCH = (
        "component-mismatch",
        Severity.ERROR,
        "An actual, or a component's value, does not follow from its parts.",
        "実績値または内訳の値が、その内訳から求めた値と合わない。",
        "C",
    )
    COMPONENT_ROUNDING = (
        "component-rounding",
        Severity.WARNING,
        "An actual follows from its parts only under another rounding.",
        "実績値が別の端数処理でのみ内訳と合う。",
        "C",
    )


CODES: Final[dict[str, str]] = {c.value: c.en for c in Code if Command.VALIDATE in c.commands}
"""The codes of ``teijuu validate`` (and of fmt and migrate), with what each means."""
CHECK_CODES: Final[dict[str, str]] = {c.value: c.en for c in Code if Command.CHECK in c.commands}
"""The codes of ``teijuu check``: published claims against the data."""


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    severity: Severity
    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    subject: str | None = None
    detail: Message | Text | None = field(default=None, compare=False)
    """The message as a template of :mod:`teijuu.messages` and its parameters, when the site
    that found it gives one: it renders in Japanese too."""

    @classmethod
    def of(
        cls,
        code: str,
        severity: Severity,
        detail: Message | str,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        subject: str | None = None,
    ) -> Finding:
        """A finding whose message is ``detail``: a message of the catalogue (English kept in
        ``message``), or plain English text."""
        if isinstance(detail, Message):
            return cls(code, severity, detail.render("en"), file, line, column, subject, detail)
        return cls(code, severity, detail, file, line, column, subject)

    def text(self, lang: str = "en") -> str:
        """The message in ``lang`` (``ja`` or ``en``)."""
        if lang != "ja":
            return self.message
        if self.detail is not None:
            return self.detail.render("ja")
        return generic_japanese(self.code, self.message)

    def to_text(self, lang: str = "en") -> str:
        where = self.file or "<plans>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        line = f"{where}: {self.severity}: {self.code}: {self.text(lang)}"
        return terminal_text(line)  # a file name or message may hold an ESC

    def to_json(self, lang: str = "en") -> dict[str, object]:
        return {
            "code": self.code,
            "severity": str(self.severity),
            "message": self.text(lang),
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "subject": self.subject,
        }

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file or "", self.line or 0, self.column or 0, self.code)


def generic_japanese(code: str, english: str) -> str:
    """The Japanese of a message the catalogue has no template for: what the code means in
    Japanese, then the English detail in brackets."""
    known = {c.value: c for c in Code}.get(code)
    if known is None:  # not a finding code of teijuu: the English alone
        return english
    description = known.ja.rstrip("。")
    return f"{description}（{english}）"


_SEVERITY_JA: Final = {Severity.ERROR: "エラー", Severity.WARNING: "警告", Severity.INFO: "注記"}
_RANK: Final = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


def cap_per_file(findings: list[Finding], limit: int = FINDINGS_PER_FILE) -> list[Finding]:
    """The first ``limit`` findings of each file (in the order given, which should be sorted),
    then, for a file that has more, one finding at the first left out that counts them all.

    Its severity is the worst of those left out, so an invalid plan stays invalid."""
    per_file = Counter(f.file for f in findings)
    if all(n <= limit for n in per_file.values()):
        return findings
    kept: list[Finding] = []
    seen: Counter[str | None] = Counter()
    left_out: dict[str | None, list[Finding]] = {}
    for finding in findings:
        seen[finding.file] += 1
        if seen[finding.file] <= limit:
            kept.append(finding)
        elif seen[finding.file] == limit + 1:
            left_out[finding.file] = [finding]
        else:
            left_out[finding.file].append(finding)
    for file, rest in left_out.items():
        first = rest[0]
        counts = Counter(f.severity for f in rest)
        by_severity = Text(
            ", ".join(f"{counts[s]} {s}(s)" for s in Severity if counts[s]),
            "、".join(f"{_SEVERITY_JA[s]}{counts[s]}件" for s in Severity if counts[s]),
        )
        kept.append(
            Finding.of(
                "findings-left-out",
                max(counts, key=_RANK.__getitem__),
                msg(
                    "findings-left-out/file",
                    count=len(rest),
                    by_severity=by_severity,
                    limit=limit,
                    code=first.code,
                ),
                file=file,
                line=first.line,
                column=first.column,
                subject=first.subject,
            )
        )
    kept.sort(key=lambda f: f.sort_key)
    return kept


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)


def findings_document(findings: Iterable[Finding], lang: str = "en") -> dict[str, object]:
    """The JSON contract: ``{"schema": ..., "findings": [...]}``, messages in ``lang``."""
    return {
        "schema": FINDINGS_SCHEMA_ID,
        "findings": [f.to_json(lang) for f in sorted(findings, key=lambda f: f.sort_key)],
    }
