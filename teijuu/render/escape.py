"""Names and texts from the plans, made safe for each output format, in one place.

A plan's names and texts are data: whatever they hold, an output shows them as written and
they never add structure to it — no heading, image, link, mention, HTML tag or table column in
Markdown, no closed fence or forged slice in a Mermaid chart, no formula in a spreadsheet, no
escape sequence in a terminal. Each renderer passes every name and text it writes through the
function for its format, and writes its own structure around the result:

| where the text goes | function |
| --- | --- |
| Markdown, inside a line (a heading, a list item, a paragraph) | ``markdown_text`` |
| the same, for a text that keeps its line breaks (as ``<br>``) | ``markdown_lines`` |
| a Markdown table cell | ``markdown_cell`` |
| a Markdown code span | ``markdown_code`` |
| HTML: ``<details><summary>…</summary>``, an SVG text | ``html_text`` |
| a Mermaid label (quoted or a title) | ``mermaid_label`` |
| a terminal | ``terminal_text`` |
| a CSV cell | ``csv_text`` |
| a link's target in Markdown | ``markdown_url`` |
| a GitHub workflow command: its message, a property | ``workflow_data``, ``workflow_property`` |
| an Excel cell (with ``xlsx`` keeping it a text cell) | ``spreadsheet_text`` |

Control characters (C0, DEL, C1) are shown, never passed on: C0 and DEL as their Unicode
control pictures (ESC is ``␛``, U+241B), C1 as ``\\x85``-style text; the same input always
gives the same output.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = [
    "FORMULA_TRIGGERS",
    "csv_text",
    "html_text",
    "markdown_cell",
    "markdown_code",
    "markdown_lines",
    "markdown_text",
    "markdown_url",
    "mermaid_label",
    "show_controls",
    "spreadsheet_text",
    "terminal_text",
    "workflow_data",
    "workflow_property",
]

_CONTROLS: Final = re.compile("[\x00-\x1f\x7f-\x9f]")
_LINE_BREAK: Final = re.compile("\r\n|[\n\r\x0b\x0c\x85\u2028\u2029]")

FORMULA_TRIGGERS: Final = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet reads a cell that starts with one of these as a formula (OWASP, CSV
Injection)."""


def _picture(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"\\x{code:02x}"  # C1: no picture exists


def show_controls(text: str, keep: str = "") -> str:
    """``text`` with every control character except those in ``keep`` made visible."""
    return _CONTROLS.sub(lambda m: m[0] if m[0] in keep else _picture(m[0]), text)


def terminal_text(text: str, *, lines: bool = False) -> str:
    """Text for a terminal: no control character reaches it (an ESC could recolour, move the
    cursor, retitle the window or hide what follows); tabs are kept, and line breaks too when
    ``lines`` (a multi-line text shown as such)."""
    if lines:
        text = text.replace("\r\n", "\n")
    return show_controls(text, keep="\t\n" if lines else "\t")


def _one_line(text: str, newline: str) -> str:
    return _LINE_BREAK.sub(newline, text)


_MARKDOWN: Final = str.maketrans(
    {
        "\\": "\\\\",
        "`": "\\`",
        "*": "\\*",
        "_": "\\_",
        "~": "\\~",
        "|": "\\|",
        "[": "\\[",
        "]": "\\]",
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
    }
)
_LEADING_MARKER: Final = re.compile(r"^(\s*)(?:([#>+\-=])|(\d{1,9})([.)])(?=\s|$))")
_MENTION: Final = "@&#8203;"
"""``@`` then a zero-width space: GitHub does not turn ``@name`` into a mention (and a
notification) when something stands between them."""


def markdown_text(text: str, *, leading: bool = True) -> str:
    """Text inside a Markdown line, shown as written.

    Line breaks become spaces (``markdown_lines`` keeps them, as ``<br>``), so that no
    heading, list, quote or fence can start; backslashes, code spans, emphasis, links and
    images, HTML tags and entities, and ``|`` (a table column) are escaped; ``@`` cannot
    mention anyone; a block marker (``#``, ``>``, ``-``, ``1.``) that starts the text is
    escaped unless ``leading`` is False (a piece of text that never starts a line). Non-ASCII
    text is left as it is."""
    text = show_controls(_one_line(text, " "))
    text = text.translate(_MARKDOWN).replace("@", _MENTION)
    return _LEADING_MARKER.sub(_escape_marker, text, count=1) if leading else text


def markdown_lines(text: str, *, leading: bool = True) -> str:
    """``markdown_text`` for a text that keeps its lines: each line break becomes ``<br>``."""
    return "<br>".join(
        markdown_text(line, leading=leading and i == 0)
        for i, line in enumerate(_one_line(text, "\n").split("\n"))
    )


def _escape_marker(match: re.Match[str]) -> str:
    """``# x`` → ``\\# x``; ``1. x`` → ``1\\. x``."""
    if match[2] is not None:
        return f"{match[1]}\\{match[2]}"
    return f"{match[1]}{match[3]}\\{match[4]}"


def markdown_cell(text: str) -> str:
    """Text in a Markdown table cell: ``markdown_text``, which already escapes ``|`` (after
    the backslash, so that ``\\|`` becomes ``\\\\\\|``, a backslash and a pipe in one cell);
    named for where it goes."""
    return markdown_text(text)


def markdown_code(text: str) -> str:
    """A Markdown code span holding ``text``: fenced with one more backtick than the longest
    run inside it, on one line."""
    text = show_controls(_one_line(text, " "))
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def html_text(text: str) -> str:
    """Text inside HTML (``<summary>``, an SVG ``<text>``): ``& < > " '`` as entities, on one
    line (a blank line would end the HTML block of a Markdown page), controls shown, ``@``
    mentioning no one."""
    text = show_controls(_one_line(text, " "))
    text = (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )
    return text.replace("@", _MENTION)


_MERMAID: Final = str.maketrans(
    {
        "#": "#35;",
        '"': "#quot;",
        "`": "#96;",
        "<": "#lt;",
        ">": "#gt;",
        "&": "#amp;",
    }
)


def mermaid_label(text: str) -> str:
    """Text of a Mermaid label, quoted or a title to the end of its line: on one line (a line
    break could close the fence or start a statement), with ``"``, ``#``, ``<``, ``>``, ``&``
    and backticks as Mermaid's entity codes (``#quot;``), so that no quote ends the label and
    no slice or tag can be forged."""
    return show_controls(_one_line(text, " ")).translate(_MERMAID)


def csv_text(text: str) -> str:
    """A text cell of a CSV file, following OWASP's CSV Injection advice: a cell that starts
    with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'``, which
    spreadsheets read as "this is text" and hide. Quoting (commas, quotes, line breaks) is the
    csv module's. Numbers are not texts: write them as numbers, not through this."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def spreadsheet_text(text: str) -> str:
    """A text for an Excel cell: the control characters that XML 1.0 (and so openpyxl) refuses
    are shown as control pictures; tabs and line breaks are kept. The cell must also be kept a
    text cell (``teijuu.render.xlsx`` does so), or ``=…`` would be stored as a formula."""
    return show_controls(text, keep="\t\n\r")


def markdown_url(url: str) -> str:
    """A URL as the target of a Markdown link, ``[text](url)``: every character that could end
    the target or the link (a space, ``)``, ``<``, ``>``, a quote, a control) is
    percent-encoded; characters outside ASCII are encoded as UTF-8."""
    from urllib.parse import quote

    return quote(url, safe="/:?#&=%+~@!$,;*")


def workflow_data(text: str) -> str:
    """The message of a GitHub workflow command (``::error …::MESSAGE``), escaped as the
    Actions toolkit does (``%`` → ``%25``, CR → ``%0D``, LF → ``%0A``): a message keeps its
    lines but can never start a command of its own. Other controls are shown."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return show_controls(text)


def workflow_property(text: str) -> str:
    """A property of a GitHub workflow command (``file=…``, ``title=…``): ``workflow_data``
    and also ``:`` → ``%3A`` and ``,`` → ``%2C``, which would end the property."""
    return workflow_data(text).replace(":", "%3A").replace(",", "%2C")
