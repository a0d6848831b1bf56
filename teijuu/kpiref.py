"""Naming a KPI as people do: by its ids, by the number the published table prints, or by name.

The KPI table of the committee papers (資料No.1-2) numbers each KPI by its measure's No., with
``-1``, ``-2`` … after it when the measure has several KPIs (``23-2``). Planners name KPIs
that way, or by their Japanese name; files name them by ids (``medical-staff/local-hires``).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from teijuu.model import Kpi, Measure, Vision

__all__ = ["KpiRef", "KpiRefError", "kpi_number", "kpi_refs", "resolve_kpi"]


class KpiRefError(ValueError):
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
    """The KPI's number in the published table: the measure's No. (its id where it has none),
    and the KPI's place among the measure's KPIs when there are several."""
    base = str(measure.no) if measure.no is not None else measure.id
    if len(measure.kpis) > 1:
        return f"{base}-{measure.kpis.index(kpi) + 1}"
    return base


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
                f"{reference!r} is the {kind} of {len(matches)} KPIs of {vision.id}: {listed}; "
                "name one by its number or MEASURE/KPI"
            )
    import difflib

    names = {r.ids: r for r in refs} | {r.kpi.name: r for r in refs}
    close = difflib.get_close_matches(reference, list(names), n=3, cutoff=0.6)
    hint = (
        "; did you mean " + " or ".join(f"{c} ({names[c].number})" for c in close) + "?"
        if close
        else f"; `teijuu sheet` or `teijuu grade` lists its {len(refs)} KPIs"
    )
    raise KpiRefError(
        f"{reference!r} is not a KPI of {vision.id} (give MEASURE/KPI, the number the KPI "
        f"table prints such as {refs[-1].number if refs else '1'}, or the KPI's name){hint}"
    )
