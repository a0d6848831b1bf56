"""Findings as the Markdown of a pull-request comment (``teijuu validate --format pr``).

The comment carries the same marker as the diff's (``teijuu.render.diff.COMMENT_MARKER``), so a
workflow keeps one comment per pull request: the findings while the plans are invalid, the
diff once they are valid.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Final

from teijuu.findings import Finding, Severity
from teijuu.render.diff import COMMENT_LIMIT, COMMENT_MARKER
from teijuu.render.escape import markdown_code, markdown_lines

__all__ = ["render_findings_markdown"]

_RESERVE: Final = 300


def _line(finding: Finding) -> str:
    where = finding.file or "<plans>"
    if finding.line is not None:
        where += f":{finding.line}"
        if finding.column is not None:
            where += f":{finding.column}"
    severity = f"**{finding.severity}**" if finding.severity is Severity.ERROR else finding.severity
    return (
        f"- {markdown_code(where)} {severity} {markdown_code(finding.code)}: "
        f"{markdown_lines(finding.message, leading=False)}"
    )


def render_findings_markdown(
    findings: Sequence[Finding], files: int, *, comment: bool = False, limit: int = COMMENT_LIMIT
) -> str:
    """A summary line, then every finding (errors first) at its ``file:line:column``; as a
    comment, with the marker and in at most ``limit`` characters (what is left out is said)."""
    counts = Counter(f.severity for f in findings)
    verdict = "invalid" if counts[Severity.ERROR] else "valid"
    out = [COMMENT_MARKER] if comment else []
    out += [
        f"## teijuu validate: the plans are {verdict}",
        "",
        f"**{files} file(s)**: {counts[Severity.ERROR]} error(s), "
        f"{counts[Severity.WARNING]} warning(s), {counts[Severity.INFO]} note(s).",
        "",
    ]
    ordered = sorted(findings, key=lambda f: (f.severity is not Severity.ERROR, f.sort_key))
    size = len("\n".join(out)) + 1
    for index, finding in enumerate(ordered):
        line = _line(finding)
        if comment and size + len(line) + 1 > limit - _RESERVE:
            left = Counter(f.severity for f in ordered[index:])
            out += [
                "",
                f"⚠ {len(ordered) - index} more finding(s) left out to stay within "
                f"GitHub's comment limit ({limit:,} characters): "
                + ", ".join(f"{left[s]} {s}(s)" for s in Severity if left[s])
                + ". Run `teijuu validate` to see them all.",
            ]
            break
        out.append(line)
        size += len(line) + 1
    return "\n".join(out) + "\n"
