"""A short neutral summary written from an incident's fields (never a copied sentence).

Shared by the extractor (a draft's summary) and the store, which rewrites a
machine-written summary when a later source changes the headline figures, so
the summary never contradicts the record it sits on.
"""

from __future__ import annotations

from .schemas import IncidentDraft
from .vocab import BODIES, INCIDENT_TYPE_LABELS, GeoPrecision, region_name

# Phrases naming the incident with its main victims ("Execution of 6 POWs").
_WITH_VICTIMS = {
    "pow_execution": ("Execution of {n} POW{s}", "killed"),
    "civilian_killing": ("Killing of {n} civilian{s}", "killed"),
    "unlawful_detention": ("Unlawful detention of {n} civilian{s}", "detained"),
}


def _plural(n: int) -> str:
    return "" if n == 1 else "s"


def _where(d: IncidentDraft) -> str:
    region = region_name(d.region_code)
    if d.settlement:
        near = "near " if d.geo_precision == GeoPrecision.NEAR_SETTLEMENT else "in "
        return f" {near}{d.settlement}" + (f", {region}" if region else "")
    if region:
        return f" in {region}"
    if d.geo_precision == GeoPrecision.COUNTRY:
        return " in Ukraine"
    return ""


def _when(d: IncidentDraft) -> str:
    if d.date:
        return f" on {d.date.isoformat()}"
    return ""


def _reported(d: IncidentDraft) -> str:
    by = BODIES[d.reporting_bodies[0]].name if d.reporting_bodies else None
    if d.date_reported and by:
        return f", reported {d.date_reported.isoformat()} by the {by}"
    if d.date_reported:
        return f", reported {d.date_reported.isoformat()}"
    if by:
        return f", reported by the {by}"
    return ""


def _tolls(d: IncidentDraft, used: str | None) -> str:
    parts = []
    for field in ("killed", "injured", "missing", "detained"):
        value = getattr(d, field)
        if value is None or field == used:
            continue
        least = "at least " if field in d.minimum_counts else ""
        parts.append(f"{least}{value} {field}")
    return "; " + ", ".join(parts) if parts else ""


def write(d: IncidentDraft) -> str:
    itype = d.type.value if d.type else "other"
    head, used = INCIDENT_TYPE_LABELS.get(itype, "Incident"), None
    template = _WITH_VICTIMS.get(itype)
    if template and getattr(d, template[1]):
        n = getattr(d, template[1])
        least = "at least " if template[1] in d.minimum_counts else ""
        head = template[0].format(n=f"{least}{n}", s=_plural(n))
        used = template[1]
    return f"{head}{_where(d)}{_when(d)}{_reported(d)}{_tolls(d, used)}."
