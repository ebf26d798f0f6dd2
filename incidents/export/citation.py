"""How to cite one record: the same text in the CLI (`show --cite`) and the app."""

from __future__ import annotations

import datetime as dt
import json

from ..schemas import IncidentRecord
from ..vocab import INCIDENT_TYPE_LABELS
from .permalink import permalink

DATABASE_NAME = "incidents: war-crimes incident documentation database"
CITATION_FORMATS = ("text", "csl-json")


def record_title(record: IncidentRecord) -> str:
    """ "Strike on civilians in Odesa, Odesa Oblast, 2024-03-02" (only what is known)."""
    title = INCIDENT_TYPE_LABELS.get(record.type.value, record.type.value)
    place = ", ".join(p for p in (record.settlement, record.region_name) if p)
    if place:
        title += f" in {place}"
    if record.date:
        title += f", {record.date.isoformat()}"
        if record.date_end and record.date_end != record.date:
            title += f" to {record.date_end.isoformat()}"
    elif record.date_reported:
        title += f", reported {record.date_reported.isoformat()}"
    return title


def citation(record: IncidentRecord, *, fmt: str = "text", base_url: str, accessed: dt.date) -> str:
    """A citation of the record as plain text or as CSL-JSON (a list of one item)."""
    link = permalink(record.public_id, base_url)
    updated = record.updated_at or record.created_at
    if fmt == "text":
        parts = [
            f"{record_title(record)}.",
            f"Incident record {record.public_id} (status: {record.status.value}).",
            f"In: {DATABASE_NAME}"
            + (f", last updated {updated.date().isoformat()}." if updated else "."),
            f"{link} (accessed {accessed.isoformat()}).",
        ]
        return " ".join(parts)
    if fmt == "csl-json":
        item: dict[str, object] = {
            "id": record.public_id,
            "type": "dataset",
            "title": record_title(record),
            "container-title": DATABASE_NAME,
            "number": record.public_id,
            "URL": link,
            "status": record.status.value,
            "accessed": _date_parts(accessed),
            "note": f"{len(record.sources)} source report(s); status {record.status.value}.",
        }
        if updated:
            item["issued"] = _date_parts(updated.date())
        if record.date:
            item["event-date"] = _date_parts(record.date)
        return json.dumps([item], ensure_ascii=False, indent=2)
    raise ValueError(f"unknown citation format {fmt!r}: use {' or '.join(CITATION_FORMATS)}")


def _date_parts(day: dt.date) -> dict[str, list[list[int]]]:
    return {"date-parts": [[day.year, day.month, day.day]]}
