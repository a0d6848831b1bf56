"""Charts as SVG text, drawn with no script and no font from the network.

The documentation site shows the report's charts as these SVGs (inline in the page), so that
they render on machines with no internet access. Colours follow the grades: A blue, B green,
C amber, D red, ungraded grey.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

from teijuu.render.escape import html_text

GRADE_COLOURS = ("#2f6fb0", "#3f9b5a", "#e0a526", "#c8443c", "#8c8c8c", "#7a5fb0")
UNGRADED_COLOUR = "#b5b5b5"
_FONT = "font-family='sans-serif'"


def pie_svg(title: str, parts: Sequence[tuple[str, int]], *, size: int = 220) -> str:
    """A pie chart with a legend: ``parts`` are (label, count); empty parts are left out."""
    shown = [(label, n) for label, n in parts if n > 0]
    total = sum(n for _, n in shown)
    radius = size / 2 - 10
    cx = cy = size / 2
    width = size + 190
    height = max(size, 30 + 22 * len(shown)) + 30
    out = [
        f"<svg xmlns='http://www.w3.org/2000/svg' class='teijuu-chart teijuu-pie' "
        f"viewBox='0 0 {width} {height}' width='{width}' height='{height}' role='img' "
        f"aria-label='{html_text(title)}'>",
        f"<title>{html_text(title)}</title>",
        f"<text x='{width / 2:.0f}' y='18' text-anchor='middle' {_FONT} font-size='14' "
        f"font-weight='bold'>{html_text(title)}</text>",
        "<g transform='translate(0,26)'>",
    ]
    angle = -math.pi / 2
    for index, (label, n) in enumerate(shown):
        colour = _colour(label, index)
        if n == total:
            out.append(f"<circle cx='{cx}' cy='{cy}' r='{radius}' fill='{colour}'/>")
        else:
            sweep = 2 * math.pi * n / total
            x1, y1 = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
            x2 = cx + radius * math.cos(angle + sweep)
            y2 = cy + radius * math.sin(angle + sweep)
            large = 1 if sweep > math.pi else 0
            out.append(
                f"<path d='M{cx:.1f},{cy:.1f} L{x1:.1f},{y1:.1f} "
                f"A{radius:.1f},{radius:.1f} 0 {large} 1 {x2:.1f},{y2:.1f} Z' "
                f"fill='{colour}' stroke='white' stroke-width='1.5'/>"
            )
            mid = angle + sweep / 2
            tx, ty = cx + radius * 0.62 * math.cos(mid), cy + radius * 0.62 * math.sin(mid)
            out.append(
                f"<text x='{tx:.1f}' y='{ty:.1f}' text-anchor='middle' dominant-baseline="
                f"'middle' {_FONT} font-size='13' fill='white'>{n}</text>"
            )
            angle += sweep
    for index, (label, n) in enumerate(shown):
        y = 20 + 22 * index
        share = Fraction(n, total) * 100
        out.append(
            f"<rect x='{size + 10}' y='{y - 11}' width='14' height='14' "
            f"fill='{_colour(label, index)}'/>"
            f"<text x='{size + 30}' y='{y}' {_FONT} font-size='13'>{html_text(label)}: {n}"
            f" ({float(share):.1f}%)</text>"
        )
    out.append("</g></svg>")
    return "".join(out)


def _colour(label: str, index: int) -> str:
    letter = label[:1]
    if letter in "ABCD" and (len(label) == 1 or label[1] == " "):
        return GRADE_COLOURS["ABCD".index(letter)]
    if not letter.isascii():
        return UNGRADED_COLOUR
    return GRADE_COLOURS[index % len(GRADE_COLOURS)]


def bar_svg(
    title: str,
    bars: Sequence[tuple[str, float, str | None]],
    *,
    reference: float = 100.0,
    axis: str = "%",
) -> str:
    """A bar chart: ``bars`` are (label, value, grade); a dashed line marks ``reference``."""
    # Wider bars when labels are long ("23-1"), so that neighbouring labels do not touch.
    longest = max((len(label) for label, _, _ in bars), default=1)
    left, bottom, top_pad, step = 48, 40, 34, 22 if longest <= 2 else 8 * longest + 4
    width = left + step * len(bars) + 20
    plot = 240
    height = top_pad + plot + bottom
    peak = max([reference, *(v for _, v, _ in bars)]) if bars else reference
    ceiling = math.ceil(peak / 50) * 50

    def y_of(value: float) -> float:
        return top_pad + plot - plot * value / ceiling

    out = [
        f"<svg xmlns='http://www.w3.org/2000/svg' class='teijuu-chart teijuu-bar' "
        f"viewBox='0 0 {width} {height}' width='{width}' height='{height}' role='img' "
        f"aria-label='{html_text(title)}'>",
        f"<title>{html_text(title)}</title>",
        f"<text x='{width / 2:.0f}' y='18' text-anchor='middle' {_FONT} font-size='14' "
        f"font-weight='bold'>{html_text(title)}</text>",
    ]
    tick = 50 if ceiling <= 300 else 100
    for grid in range(0, ceiling + 1, tick):
        y = y_of(grid)
        out.append(
            f"<line x1='{left}' y1='{y:.1f}' x2='{width - 10}' y2='{y:.1f}' stroke='#e3e3e3'/>"
            f"<text x='{left - 6}' y='{y + 4:.1f}' text-anchor='end' {_FONT} font-size='11'>"
            f"{grid}{html_text(axis)}</text>"
        )
    for index, (label, value, grade) in enumerate(bars):
        x = left + 4 + step * index
        y = y_of(max(value, 0))
        colour = (
            GRADE_COLOURS["ABCD".index(grade)] if grade in ("A", "B", "C", "D") else UNGRADED_COLOUR
        )
        out.append(
            f"<rect x='{x}' y='{y:.1f}' width='{step - 6}' height='{top_pad + plot - y:.1f}' "
            f"fill='{colour}'><title>{html_text(label)}: {value:.1f}{html_text(axis)}"
            f"{' (' + html_text(grade) + ')' if grade else ''}</title></rect>"
            f"<text x='{x + (step - 6) / 2:.1f}' y='{top_pad + plot + 14}' text-anchor='middle' "
            f"{_FONT} font-size='10'>{html_text(label)}</text>"
        )
    ref = y_of(reference)
    out.append(
        f"<line x1='{left}' y1='{ref:.1f}' x2='{width - 10}' y2='{ref:.1f}' stroke='#c8443c' "
        f"stroke-dasharray='5,4'/>"
    )
    out.append("</svg>")
    return "".join(out)
