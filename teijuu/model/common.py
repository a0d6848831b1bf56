"""Building blocks shared by every plan document: the base model, ids, exact numbers, years.

Every value type here validates the same texts that its JSON Schema accepts, so that an editor
checking a plan against ``schemas/`` and ``teijuu validate`` agree.
"""

from __future__ import annotations

import re
import sys
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Final

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StrictInt,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError, ValidationError

from teijuu.fiscal import (
    FISCAL_YEAR_PATTERN,
    PLAN_DATE_PATTERN,
    PRINTED_YEAR_PATTERN,
    FiscalYearError,
    PlanDate,
    PrintedYear,
    parse_fiscal_year,
    parse_plan_date,
    parse_printed_year,
)
from teijuu.messages import Message, msg, written
from teijuu.messages import Text as Phrase
from teijuu.model.refs import Ref, Scope

API_VERSION: Final = "teijuu/v2"


class PlanModel(BaseModel):
    """Base of every plan model: immutable, strict about unknown keys, keys as written in YAML."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        populate_by_name=True,
        validate_default=False,
        use_enum_values=False,
        defer_build=True,
    )

    def model_post_init(self, context: Any, /) -> None:
        # A national corpus holds two hundred thousand models; two things make each smaller.
        cls = type(self)
        # Frozen models never change which fields were given, so instances given the same
        # fields share one set of their names. (So `model_fields_set` must never be changed
        # in place: pydantic's own model_copy copies it before it adds to it.)
        key = (cls, frozenset(self.__pydantic_fields_set__))
        shared = _FIELDS_SETS.get(key)
        if shared is None:
            shared = _FIELDS_SETS[key] = set(key[1])
        object.__setattr__(self, "__pydantic_fields_set__", shared)
        if _SHARE_KEYS:
            # pydantic gives each instance a dict with a key table of its own. Set one by one
            # on a bare instance, the same values go into a dict that shares its key table with
            # every instance of the class (CPython's key-sharing dicts, PEP 412): about 200
            # bytes less a model, 29 MiB of the corpus's 224. An ordinary dict to all else.
            bare = object.__new__(cls)
            for name, value in self.__dict__.items():
                object.__setattr__(bare, name, value)
            object.__setattr__(self, "__dict__", bare.__dict__)


_FIELDS_SETS: dict[tuple[type, frozenset[str]], set[str]] = {}

_SHARE_KEYS: Final = sys.version_info < (3, 13)
"""Whether models take a key-sharing dict. Python 3.13 keeps an instance's values inline, and
a dict set on it afterwards comes on top of them: 72 bytes more a model, not 136 less."""


def reason_of(error: PydanticCustomError | ValidationError) -> Message | Phrase | str:
    """What a validation error says (the first, of several): the message the model raised it
    with, which reads in either language, else pydantic's English."""
    if isinstance(error, ValidationError):
        first = error.errors()[0]
        said = first.get("ctx", {}).get("message")
        return said if isinstance(said, Message | Phrase) else first["msg"]
    said = (error.context or {}).get("message")
    return said if isinstance(said, Message | Phrase) else error.message()


def invalid(error_type: str, message: Message | Phrase) -> PydanticCustomError:
    """A validation error whose text is ``message``, a message of :mod:`teijuu.messages`:
    pydantic's ``msg`` is its English, and ``ctx["message"]`` the message itself, which the
    loader renders in the language asked for."""
    return PydanticCustomError(error_type, "{message}", {"message": message})


ID_PATTERN: Final = r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$"
Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN),
    Field(description="A stable, readable ASCII slug: lower-case letters, digits and hyphens."),
]
"""A stable id: ``holiday-night-care``. Ids survive from one vision edition to the next."""

Text = Annotated[str, StringConstraints(min_length=1)]
"""Text as written in the source; never empty (leave the key out instead)."""

MeasureNo = Annotated[
    StrictInt | Text,
    Field(
        description="The number as printed: 1, or a label such as 'Ⅱ-1-(1) ア'.",
        examples=[12, "Ⅱ-1-(1) ア"],
    ),
]
"""A measure's number as the plan prints it: an integer, or a label kept as written."""

# ---------------------------------------------------------------------------------------------
# Exact numbers

NUMBER_PATTERN: Final = r"^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$"
_NUMBER_RE = re.compile(NUMBER_PATTERN)
_SEPARATED_RE = re.compile(r"^-?[0-9]{1,3}(?:[,，][0-9]{3})+(?:\.[0-9]+)?$")


def to_decimal(value: Any) -> Decimal:
    """Accept an int, a finite Decimal or a plain decimal string; never a float or a bool."""
    if isinstance(value, bool):
        raise invalid("number", msg("invalid-number/boolean", value=str(value).lower()))
    if isinstance(value, int):
        return _plausible(Decimal(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise invalid("number", msg("invalid-number/not-finite"))
        return _plausible(value)
    if isinstance(value, float):
        raise invalid("number", msg("invalid-number/float"))
    if isinstance(value, str):
        text = value
        if _NUMBER_RE.match(text):
            try:
                return _plausible(Decimal(text))
            except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
                pass
        if _SEPARATED_RE.match(text):
            plain = re.sub(r"[,，]", "", text)
            raise invalid("number", msg("invalid-number/separators", value=value, plain=plain))
        if text.lower().lstrip("+-.") in {"nan", "inf", "infinity"}:
            raise invalid("number", msg("invalid-number/not-finite"))
        raise invalid("number", msg("invalid-number/text", value=value))
    kind = type(value).__name__
    raise invalid("number", msg("invalid-number/kind", kind=Phrase(kind, _KIND_JA.get(kind, kind))))


_KIND_JA: Final = {"NoneType": "空の値", "dict": "マッピング", "list": "リスト"}
"""The Japanese of the Python types a plan's YAML can give where a number belongs."""


MAX_MAGNITUDE: Final = Decimal(10) ** 15
MAX_PLACES: Final = 12


def _plausible(value: Decimal) -> Decimal:
    """No plan value is a quadrillion or finer than 12 decimal places; such a number (1e999999)
    would only make exact arithmetic slow."""
    exponent = value.as_tuple().exponent
    if abs(value) >= MAX_MAGNITUDE or (isinstance(exponent, int) and exponent < -MAX_PLACES):
        raise invalid("number", msg("invalid-number/range", value=str(value)))
    return value


Number = Annotated[
    Decimal,
    BeforeValidator(to_decimal),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "exclusiveMinimum": -(10**15), "exclusiveMaximum": 10**15},
                {"type": "string", "pattern": NUMBER_PATTERN},
            ],
            "description": "An exact decimal number (no thousands separators), less than 10^15 "
            "in size, at most 12 decimal places.",
        }
    ),
]
"""An exact decimal. YAML ``67.1`` is read as ``Decimal('67.1')``, never through a float."""


def _non_negative(value: Decimal) -> Decimal:
    if value < 0:
        raise invalid("negative", msg("negative-amount/budget", value=str(value)))
    return value


Amount = Annotated[
    Decimal,
    BeforeValidator(to_decimal),
    AfterValidator(_non_negative),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "minimum": 0, "exclusiveMaximum": 10**15},
                {"type": "string", "pattern": NUMBER_PATTERN.replace("^-?", "^")},
            ],
            "description": "An exact, non-negative amount (no thousands separators).",
        }
    ),
]
"""An exact, non-negative amount such as a budget in 千円."""


# ---------------------------------------------------------------------------------------------
# Years and dates


def _said(exc: FiscalYearError) -> Message | Phrase:
    """What a :class:`FiscalYearError` says, in either language."""
    return exc.detail if exc.detail is not None else Phrase(exc.message, exc.message)


def _fiscal_year(value: Any) -> int:
    try:
        return parse_fiscal_year(value)
    except FiscalYearError as exc:
        raise invalid("fiscal_year", _said(exc)) from None


FiscalYear = Annotated[
    int,
    BeforeValidator(_fiscal_year),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 1868, "maximum": 2200},
                {"type": "string", "pattern": FISCAL_YEAR_PATTERN},
            ],
            "description": "A fiscal year: 2024, FY2024, 2024年度, R6, 令和6年度, H31 or R1.",
        }
    ),
]
"""A fiscal year (年度), normalised to the Western year in which it starts."""

BY_FISCAL_YEAR: Final[dict[str, Any]] = {"propertyNames": {"pattern": FISCAL_YEAR_PATTERN}}
"""``json_schema_extra`` for a mapping keyed by fiscal year (JSON keys are always strings)."""


def _plan_date(value: Any) -> PlanDate:
    if isinstance(value, PlanDate):
        return value
    if not isinstance(value, str):
        raise invalid("plan_date", msg("invalid-date/not-text", value=written(value)))
    try:
        return parse_plan_date(value)
    except FiscalYearError as exc:
        raise invalid("plan_date", _said(exc)) from None


DateLike = Annotated[
    PlanDate,
    BeforeValidator(_plan_date),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": PLAN_DATE_PATTERN,
            "description": "A date as the source gives it: 2025-12-17, 2025-12, H25.10, R6.3.",
        }
    ),
]
"""A possibly partial, possibly era-labelled date, kept as written."""


def _printed_year(value: Any) -> PrintedYear:
    if isinstance(value, PrintedYear):
        return value
    if not isinstance(value, str):
        raise invalid("printed_year", msg("invalid-date/printed-not-text", value=written(value)))
    try:
        return parse_printed_year(value)
    except FiscalYearError as exc:
        raise invalid("printed_year", _said(exc)) from None


PrintedYearLabel = Annotated[
    PrintedYear,
    BeforeValidator(_printed_year),
    PlainSerializer(lambda y: y.printed, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": PRINTED_YEAR_PATTERN,
            "description": "A year label exactly as printed, e.g. '2028年 (R10) 度'.",
        }
    ),
]
"""A year label as printed in the source, kept so that Western/era mismatches can be found."""


class Period(PlanModel):
    """A span of fiscal years, both ends included."""

    start: FiscalYear
    end: FiscalYear
    printed: str | None = Field(
        default=None, description="The period as printed, e.g. 'R6～10' or 'H26～30'."
    )

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.start > self.end:
            raise invalid("period", msg("invalid-period/order", start=self.start, end=self.end))
        return self

    def __contains__(self, fiscal_year: object) -> bool:
        return isinstance(fiscal_year, int) and self.start <= fiscal_year <= self.end

    @property
    def years(self) -> range:
        return range(self.start, self.end + 1)

    def __str__(self) -> str:
        return f"FY{self.start}–FY{self.end}"


URL_PATTERN: Final = r"^https?://[^\s]+$"


class Source(PlanModel):
    """A public document that facts of a plan come from, cited by its id (``source: …``)."""

    id: Id
    title: Text = Field(description="The document or page as it names itself.")
    url: Annotated[str, StringConstraints(pattern=URL_PATTERN)] | None = Field(
        default=None,
        description="Where it is published.",
        examples=["https://www.city.example.lg.jp/page/1.html"],
    )
    date: DateLike | None = Field(
        default=None, description="The date the document or page shows (策定, 更新日, 掲載日)."
    )
    retrieved: DateLike | None = Field(default=None, description="When it was read.")
    note: str | None = None


SourceRef = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN),
    Field(description="The id of one of the document's `sources`."),
    Ref("source", Scope.DOCUMENT),
]
"""A reference to a :class:`Source` of the same document."""

# ---------------------------------------------------------------------------------------------
# References between documents (teijuu.model.refs): ids that name something defined elsewhere

SphereRef = Annotated[Id, Ref("sphere")]
FrameworkRef = Annotated[Id, Ref("framework")]
AgreementRef = Annotated[Id, Ref("agreement")]
VisionRef = Annotated[Id, Ref("vision")]
MunicipalityRef = Annotated[Id, Ref("municipality", Scope.SPHERE)]
"""A municipality of the sphere the document belongs to."""
ViewpointRef = Annotated[Id, Ref("viewpoint", Scope.FRAMEWORK)]
FieldRef = Annotated[Id, Ref("field", Scope.FRAMEWORK)]
"""A viewpoint or policy field of the framework the document follows."""
MeasureRef = Annotated[Id, Ref("measure", Scope.VISION)]
GoalRef = Annotated[Id, Ref("goal", Scope.VISION)]
"""A measure or goal of the vision the document is, or is about."""
KpiRef = Annotated[Id, Ref("kpi", Scope.MEASURE)]
"""A KPI of the measure named beside it (or in the entry around it)."""
