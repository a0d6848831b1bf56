"""Japanese fiscal years and era-labelled dates.

A Japanese fiscal year (年度) runs from April to March and is named by the calendar year in which
it starts. Plans write it in many ways: ``2024``, ``FY2024``, ``2024年度``, ``R6``, ``令和6年度``;
the year of the 2019 era change is ``H31`` or ``R1`` (``令和元年度``). :func:`parse_fiscal_year`
turns any of them into the Western year.

Dates in the sources are often era-labelled and partial (``H25.10``, ``R 6. 3月``). They are kept
as :class:`PlanDate`: the text as printed plus its Western year, month and day.

Plans written before the era change print Heisei years past H31 (``H32`` for FY2020, ``H35`` for
FY2023): the years never existed, but the source means them. They are read as printed, counting
on from the era's start, and :func:`era_overflow` says so, for a note beside the value.

Where a source prints a year in both calendars (``2028年 (R10) 度``), :class:`PrintedYear` keeps
the printed text and both readings, so that a mismatch such as ``2023年 (R10) 度`` can be found.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from teijuu.errors import TeijuuError
from teijuu.messages import Message, Text, msg, written

__all__ = [
    "ERAS",
    "FISCAL_YEAR_PATTERN",
    "PLAN_DATE_PATTERN",
    "PRINTED_YEAR_PATTERN",
    "Era",
    "FiscalYearError",
    "PlanDate",
    "PrintedYear",
    "era_overflow",
    "era_to_western",
    "parse_fiscal_year",
    "parse_plan_date",
    "parse_printed_year",
]


class FiscalYearError(TeijuuError):
    """A text that is not a fiscal year or date; the message (a :class:`Message`, ``detail``)
    says what would be."""


@dataclass(frozen=True, slots=True)
class Era:
    letter: str
    kanji: str
    first_year: int  # Western year of the era's year 1
    last_era_year: int | None  # None for the current era

    def western(self, era_year: int) -> int:
        return self.first_year + era_year - 1


ERAS: tuple[Era, ...] = (
    Era("M", "明治", 1868, 45),
    Era("T", "大正", 1912, 15),
    Era("S", "昭和", 1926, 64),
    Era("H", "平成", 1989, 31),
    Era("R", "令和", 2019, None),
)
_BY_NAME = {e.letter: e for e in ERAS} | {e.kanji: e for e in ERAS}

MIN_YEAR = 1868
MAX_YEAR = 2200

_FORMS = Text(
    "2024, FY2024, 2024年度, R6, 令和6年度, H31 or R1 (令和元年度)",
    "2024、FY2024、2024年度、R6、令和6年度、H31 または R1（令和元年度）",
)


def _normalise(text: str) -> str:
    # Full-width digits and letters (Ｒ６) become ASCII and spaces are dropped, for printed labels.
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def era_to_western(era_name: str, era_year: int, *, overflow: bool = False) -> int:
    """The Western year of ``era_year`` in the era named by its letter or kanji.

    With ``overflow``, a year past the era's end (H32, printed before the era changed) is
    counted on from the era's start (H32 → 2020) instead of refused.
    """
    era = _BY_NAME.get(era_name.upper() if era_name.isascii() else era_name)
    if era is None:
        raise FiscalYearError(msg("invalid-fiscal-year/unknown-era", era=era_name))
    if era_year < 1:
        raise FiscalYearError(msg("invalid-fiscal-year/era-year", year=era_year))
    if era.last_era_year is not None and era_year > era.last_era_year and not overflow:
        nxt = ERAS[ERAS.index(era) + 1]
        western = era.western(era_year)
        raise FiscalYearError(
            msg(
                "invalid-fiscal-year/era-ended",
                era=era.kanji,
                letter=era.letter,
                last=era.last_era_year,
                year=era_year,
                western=western,
                next=nxt.letter,
                next_year=western - nxt.first_year + 1,
            )
        )
    return era.western(era_year)


_ERA_RE = r"(?P<era>[MTSHR]|明治|大正|昭和|平成|令和)(?P<ey>\d{1,2}|元)"
_LENIENT_FY_RE = re.compile(
    rf"^(?:(?:FY)?(?P<west>\d{{4}})(?:年度?)?|{_ERA_RE}(?:年度?)?)$", re.IGNORECASE
)

# The strict forms a plan file may use. The same patterns are the JSON Schemas' ``pattern``s, so
# that the schemas and the models accept exactly the same texts.
_WEST_PATTERN = r"(?:186[89]|18[7-9][0-9]|19[0-9][0-9]|2[01][0-9][0-9]|2200)"
# Era years are not bounded by the era's end: a plan printed before an era changed names years
# past it (H32 = FY2020), and those are read as printed (see era_overflow).
_ERA_YEAR_PATTERNS = {
    "M": r"(?:M|明治)(?:元|[1-9][0-9]?)",
    "T": r"(?:T|大正)(?:元|[1-9][0-9]?)",
    "S": r"(?:S|昭和)(?:元|[1-9][0-9]?)",
    "H": r"(?:H|平成)(?:元|[1-9][0-9]?)",
    "R": r"(?:R|令和)(?:元|[1-9][0-9]?)",
}
_ERA_YEAR_PATTERN = "(?:" + "|".join(_ERA_YEAR_PATTERNS.values()) + ")"
FISCAL_YEAR_PATTERN = rf"^(?:(?:FY)?{_WEST_PATTERN}(?:年度)?|{_ERA_YEAR_PATTERN}(?:年度)?)$"
_MONTH = r"(?:[1-9]|1[0-2])"
_DAY = r"(?:[1-9]|[12][0-9]|3[01])"
PLAN_DATE_PATTERN = (
    rf"^(?:{_WEST_PATTERN}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?"
    rf"|{_ERA_YEAR_PATTERN}(?:\.{_MONTH}(?:\.{_DAY})?)?)$"
)
_FISCAL_YEAR_RE = re.compile(FISCAL_YEAR_PATTERN)
_PLAN_DATE_RE = re.compile(PLAN_DATE_PATTERN)


def _lenient_fiscal_year(text: str) -> int:
    match = _LENIENT_FY_RE.match(_normalise(text))
    if match is None:
        raise FiscalYearError(msg("invalid-fiscal-year/not-a-year", text=text, forms=_FORMS))
    if match["west"] is not None:
        return int(match["west"])
    era_year = 1 if match["ey"] == "元" else int(match["ey"])
    return era_to_western(match["era"], era_year, overflow=True)


def parse_fiscal_year(value: object) -> int:
    """Normalise a fiscal year to the Western year in which it starts.

    >>> parse_fiscal_year("R6"), parse_fiscal_year("令和元年度"), parse_fiscal_year("H35")
    (2024, 2019, 2023)
    """
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise FiscalYearError(msg("invalid-fiscal-year/found", forms=_FORMS, value=written(value)))
    if isinstance(value, int):
        year = value
    else:
        year = _lenient_fiscal_year(value)  # raises with the most helpful reason
        if not _FISCAL_YEAR_RE.match(value):
            canonical = f"FY{year}" if value.upper().startswith("FY") else str(year)
            raise FiscalYearError(
                msg("invalid-fiscal-year/canonical", text=value, canonical=canonical)
            )
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise FiscalYearError(
            msg("invalid-fiscal-year/range", year=year, low=MIN_YEAR, high=MAX_YEAR)
        )
    return year


@dataclass(frozen=True, slots=True)
class PlanDate:
    """A date as a source prints it, possibly partial and era-labelled (``H25.10``)."""

    printed: str
    year: int
    month: int | None = None
    day: int | None = None

    def __str__(self) -> str:
        return self.printed

    @property
    def iso(self) -> str:
        """``2013-10`` style, as precise as the printed date."""
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
        if self.day is not None:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)


_ISO_DATE_RE = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?)?$")
_ERA_DATE_RE = re.compile(rf"^{_ERA_RE}(?:\.(?P<m>\d{{1,2}})(?:\.(?P<d>\d{{1,2}}))?)?$")

_DATE_FORMS = Text("2025-12-17, 2025-12, H25.10 or R6.3.31", "2025-12-17、2025-12、H25.10、R6.3.31")


def parse_plan_date(text: str) -> PlanDate:
    """Parse an ISO or era-labelled date (``H25.10``); the text is kept as it was written."""
    match = _ISO_DATE_RE.match(text)
    if match is not None:
        year = int(match["y"])
        month, day = match["m"], match["d"]
    else:
        match = _ERA_DATE_RE.match(text)
        if match is None:
            raise FiscalYearError(msg("invalid-date/not-a-date", text=text, forms=_DATE_FORMS))
        era_year = 1 if match["ey"] == "元" else int(match["ey"])
        year = era_to_western(match["era"], era_year, overflow=True)
        month, day = match["m"], match["d"]
    m = int(month) if month else None
    d = int(day) if day else None
    if m is not None and not 1 <= m <= 12:
        raise FiscalYearError(msg("invalid-date/month", text=text, month=m))
    if d is not None and not 1 <= d <= 31:
        raise FiscalYearError(msg("invalid-date/day", text=text, day=d))
    if not _PLAN_DATE_RE.match(text):
        raise FiscalYearError(msg("invalid-date/not-a-date", text=text, forms=_DATE_FORMS))
    return PlanDate(printed=text, year=year, month=m, day=d)


@dataclass(frozen=True, slots=True)
class PrintedYear:
    """A year label as printed, e.g. ``2028年 (R10) 度``, with both of its readings."""

    printed: str
    western: int | None
    era: int | None

    @property
    def consistent(self) -> bool:
        """False when the Western and the era reading name different years."""
        return self.western is None or self.era is None or self.western == self.era

    @property
    def year(self) -> int | None:
        """The era reading where there is one (eras are what the sources check), else Western."""
        return self.era if self.era is not None else self.western


_PRINTED_WEST_RE = re.compile(r"(?<![0-9])([0-9]{4})(?![0-9])")
_PRINTED_ERA_RE = re.compile(r"(?P<era>[MTSHR]|明治|大正|昭和|平成|令和)\s*(?P<ey>[0-9]{1,2}|元)")
PRINTED_YEAR_PATTERN = (
    r"(?<![0-9])[0-9]{4}(?![0-9])|(?:[MTSHR]|明治|大正|昭和|平成|令和)\s*(?:[0-9]|元)"
)


def parse_printed_year(text: str) -> PrintedYear:
    """Read the Western and the era year out of a printed label; either may be absent."""
    west_match = _PRINTED_WEST_RE.search(text)
    era_match = _PRINTED_ERA_RE.search(text)
    if west_match is None and era_match is None:
        raise FiscalYearError(msg("invalid-date/no-year", text=text))
    western = int(west_match.group(1)) if west_match else None
    era: int | None = None
    if era_match is not None:
        # No era bounds here: a printed label is kept as printed, however wrong (H32 is 2020).
        era_year = 1 if era_match["ey"] == "元" else int(era_match["ey"])
        era = _BY_NAME[era_match["era"]].western(era_year)
    return PrintedYear(printed=text, western=western, era=era)


_OVERFLOW_RE = re.compile(r"^(?:FY)?" + _ERA_RE + r"(?:年度?|[.].*)?$")


def era_overflow(text: str) -> str | None:
    """A note for a fiscal year or date printed past its era's end (``H35``), else None.

    >>> era_overflow("H35")
    'H35 is read as printed: 平成 ended in H31, so H35 is FY2023 (R5)'
    """
    note = era_overflow_message(text)
    return note.render("en") if note is not None else None


def era_overflow_message(text: str) -> Message | None:
    """:func:`era_overflow` as a message of :mod:`teijuu.messages` (English or Japanese)."""
    match = _OVERFLOW_RE.match(_normalise(text))
    if match is None:
        return None
    era = _BY_NAME.get(match["era"].upper() if match["era"].isascii() else match["era"])
    era_year = 1 if match["ey"] == "元" else int(match["ey"])
    if era is None or era.last_era_year is None or era_year <= era.last_era_year:
        return None
    western = era.western(era_year)
    nxt = next(
        (e for e in ERAS if e.last_era_year is None or western <= e.western(e.last_era_year)),
        ERAS[-1],
    )
    printed_year = f"{match['era']}{match['ey']}"
    now = western - nxt.first_year + 1
    year = (  # a date's year is a calendar year
        Text(f"{western}", f"{western}年")
        if "." in text
        else Text(f"FY{western}", f"{western}年度")
    )
    return msg(
        "era-overflow/year",
        text=text,
        era=era.kanji,
        last=Text(f"{era.letter}{era.last_era_year}", f"{era.kanji}{era.last_era_year}年"),
        printed=printed_year,
        year=year,
        now=Text(f"{nxt.letter}{now}", f"{nxt.kanji}{now}年" + ("" if "." in text else "度")),
    )
