"""Findings: what teijuu reports about plans, for people (text) and for tools (JSON).

Every command that reports findings uses the same shape, documented in ``docs/findings.md`` and
fixed by ``schemas/findings.schema.json``::

    {"schema": "teijuu/findings/v1",
     "findings": [{"code", "severity", "message", "file", "line", "column", "subject"}]}

In text a finding reads ``PATH:LINE:COL: SEVERITY: CODE: message``, on one line, with no
control character (``teijuu.render.escape.terminal_text``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from teijuu.render.escape import terminal_text

FINDINGS_SCHEMA_ID: Final = "teijuu/findings/v1"
FINDINGS_PER_FILE: Final = 100
"""At most this many findings of one file are reported; one more finding says how many were
left out (``findings-left-out``)."""


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


CODES: Final[dict[str, str]] = {
    # reading files
    "io-error": "A file or directory cannot be read.",
    "no-plans": "A directory holds no plan files (*.yaml, *.yml).",
    "encoding": "A file is not UTF-8 (a Shift_JIS file must be converted).",
    "yaml-syntax": "The file is not well-formed YAML.",
    "duplicate-key": "A mapping has the same key twice.",
    "forbidden-tag": "An explicit YAML tag (!!python/…, !custom) is not allowed in plans.",
    "alias-not-allowed": "Anchors and aliases (&a, *a) are not allowed in plans.",
    "too-deep": "The document nests deeper than any plan needs.",
    "not-a-mapping": "A plan file must be one YAML mapping.",
    # what the file says it is
    "missing-api-version": "The file does not say `apiVersion: teijuu/v2`.",
    "upgraded-api-version": "The file is written for an older apiVersion; it was upgraded "
    "in memory (`teijuu migrate` rewrites it).",
    "unknown-api-version": "The file's apiVersion is not one teijuu knows.",
    "missing-kind": "The file does not say which `kind:` of plan document it is.",
    "unknown-kind": "The file's kind is not a plan kind.",
    "schema-modeline": "The `# yaml-language-server: $schema=` line is missing or wrong.",
    # one document against its model
    "missing-field": "A required key is absent.",
    "unknown-field": "A key that the kind does not have.",
    "wrong-type": "A value of the wrong type (a list where a mapping belongs, …).",
    "invalid-value": "A value outside what the key allows.",
    "invalid-number": "Not an exact number (a string with separators, a float, NaN …).",
    "negative-amount": "A budget or amount below zero.",
    "invalid-fiscal-year": "Not a fiscal year (2024, FY2024, R6, 令和6年度 …).",
    "invalid-date": "Not a date (2025-12-17, H25.10, R6.3 …).",
    "invalid-id": "An id that is not a lower-case ASCII slug.",
    "invalid-period": "A period that ends before it starts.",
    "invalid-grading-rule": "Grade bands out of order, repeated, or without a lowest band.",
    "era-overflow": "A year printed past its era's end (H32 = FY2020), read as printed.",
    # across documents
    "duplicate-id": "Two things of the same kind share an id.",
    "unresolved-reference": "An id that names nothing in the plans.",
    "field-not-in-viewpoint": "A measure's field belongs to another viewpoint.",
    "year-outside-period": "A fiscal year outside the vision's period.",
    "budget-outside-period": "A budget year outside the vision's period.",
    "open-target": "An adopted vision leaves a KPI target open.",
    "era-mismatch": "A year printed in both calendars names two different years.",
    "revision-mismatch": "The vision's revision number and its list of revisions disagree.",
    # rewriting files
    "fmt-error": "A file cannot be put in the canonical layout (fix what validate reports).",
    "migrate-error": "A file cannot be rewritten for the current apiVersion.",
    "revision-path": "A revision names a path the vision does not have, so the edition as it "
    "stood before cannot be rebuilt.",
    "date-fiscal-year-mismatch": "A date and the fiscal year given beside it disagree.",
    "status-mismatch": "A date of ending or abolition is given, but the status says otherwise.",
    "missing-date": "An ended sphere or an abolished agreement without its date.",
    "bound-direction": "A target printed as a limit (以内, 以上) disagrees with the KPI's "
    "direction.",
    "empty-vision": "An adopted vision with no measures.",
    "no-kpis": "An adopted vision whose measures have no KPI.",
    "no-grading-rule": "An adopted vision with KPIs but no grading rule.",
    # of the report itself
    "findings-left-out": "A file has more findings than are reported; the rest are counted.",
}
"""Every finding code teijuu emits, with what it means."""


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    severity: Severity
    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    subject: str | None = None

    def to_text(self) -> str:
        where = self.file or "<plans>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        line = f"{where}: {self.severity}: {self.code}: {self.message}"
        return terminal_text(line)  # a file name or message may hold an ESC

    def to_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": str(self.severity),
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "subject": self.subject,
        }

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file or "", self.line or 0, self.column or 0, self.code)


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
        by_severity = ", ".join(f"{counts[s]} {s}(s)" for s in Severity if counts[s])
        kept.append(
            Finding(
                "findings-left-out",
                max(counts, key=_RANK.__getitem__),
                f"{len(rest)} more finding(s) of this file are not shown ({by_severity}; "
                f"teijuu reports at most {limit} per file), from this one on "
                f"({first.code}); fix those above and run again",
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


def findings_document(findings: Iterable[Finding]) -> dict[str, object]:
    """The JSON contract: ``{"schema": ..., "findings": [...]}``."""
    return {
        "schema": FINDINGS_SCHEMA_ID,
        "findings": [f.to_json() for f in sorted(findings, key=lambda f: f.sort_key)],
    }
