"""Naming a KPI as people do: by its ids, by the number the published table prints, or by name.

The KPI table of the committee papers (資料No.1-2) numbers each KPI by its measure's No., with
``-1``, ``-2`` … after it when the measure has several KPIs (``23-2``). Planners name KPIs
that way, or by their Japanese name; files name them by ids (``medical-staff/local-hires``).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from teijuu.errors import TeijuuError
from teijuu.messages import Text, msg
from teijuu.model import Kpi, Measure, Vision

__all__ = ["KpiRef", "KpiRefError", "kpi_number", "kpi_refs", "resolve_kpi"]


class KpiRefError(TeijuuError):
    """A reference that names no KPI, or several; the message says what would be right."""


@dataclass(frozen=True, slots=True)
class KpiRef:
    """One KPI of a vision, with the names people know it by."""

    measure: Measure
    kpi: Kpi
    number: str
    """As the KPI table prints it: ``23``, or ``23-2`` when the measure has several KPIs."""

    @property
    def ids(self) -> str:
        return f"{self.measure.id}/{self.kpi.id}"


def kpi_number(measure: Measure, kpi: Kpi) -> str:
    """The KPI's number in the published table (:meth:`Measure.kpi_number`)."""
    return measure.kpi_number(kpi)


def kpi_refs(vision: Vision) -> list[KpiRef]:
    """Every KPI of ``vision``, in the order of its measures."""
    return [KpiRef(m, k, kpi_number(m, k)) for m in vision.measures for k in m.kpis]


def _plain(text: str) -> str:
    """A name as typed, compared loosely: full-width letters and digits as half-width, no
    spaces, no case."""
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


def resolve_kpi(vision: Vision, reference: str) -> KpiRef:
    """The KPI of ``vision`` that ``reference`` names: ``MEASURE/KPI`` ids, the table number
    (``23-2``, full-width digits allowed) or the KPI's name. :class:`KpiRefError` when it
    names none or several."""
    refs = kpi_refs(vision)
    by_ids = [r for r in refs if r.ids == reference]
    if by_ids:
        return by_ids[0]
    wanted = _plain(reference)
    for kind, matches in (
        ("number", [r for r in refs if _plain(r.number) == wanted]),
        ("name", [r for r in refs if _plain(r.kpi.name) == wanted]),
    ):
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            listed = ", ".join(f"{r.number} ({r.ids})" for r in matches)
            raise KpiRefError(
                msg(
                    "cli/kpi/ambiguous",
                    reference=reference,
                    kind=msg(f"cli/kpi/{kind}"),
                    count=len(matches),
                    vision=vision.id,
                    listed=listed,
                )
            )
    import difflib

    names = {r.ids: r for r in refs} | {r.kpi.name: r for r in refs}
    close = difflib.get_close_matches(reference, list(names), n=3, cutoff=0.6)
    said = [f"{c} ({names[c].number})" for c in close]
    hint = (
        msg("cli/kpi/hint-close", close=Text(" or ".join(said), "」か「".join(said)))
        if close
        else msg("cli/kpi/hint-count", count=len(refs))
    )
    raise KpiRefError(
        msg(
            "cli/kpi/unknown",
            reference=reference,
            vision=vision.id,
            example=refs[-1].number if refs else "1",
            hint=hint,
        )
    )
