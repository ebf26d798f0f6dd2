"""Export rows, streamed: one dict per incident in the data dictionary's columns.

Incidents are read in chunks (``yield_per``); for each chunk the types, body
links, merged IDs and sources of its incidents come in one query each, so a
million rows stream in constant memory.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..config import get_settings
from ..export.columns import COLUMNS, acled_row
from ..export.permalink import permalink
from ..schemas import IncidentFilter
from ..vocab import BodyRole, region_name
from .filters import where_clauses
from .models import Incident, IncidentBody, IncidentSource, IncidentTypeLink, MergedId, Report
from .records import aware

if TYPE_CHECKING:
    import pandas as pd

CHUNK = 2000

_INCIDENT_COLUMNS = (
    Incident.id, Incident.public_id, Incident.date, Incident.date_end, Incident.date_precision,
    Incident.date_reported, Incident.region_code, Incident.settlement, Incident.lat,
    Incident.lon, Incident.geo_precision, Incident.type, Incident.killed, Incident.injured,
    Incident.missing, Incident.detained, Incident.minimum_counts, Incident.killed_min,
    Incident.killed_max, Incident.injured_min, Incident.injured_max, Incident.victim_groups,
    Incident.perpetrator, Incident.summary, Incident.status, Incident.visibility,
    Incident.created_at, Incident.updated_at,
)  # fmt: skip


def iter_export_rows(
    s: Session,
    f: IncidentFilter,
    columns: str = "default",
    *,
    base_url: str | None = None,
    limit: int | None = None,
    newest_first: bool = False,
) -> Iterator[dict[str, Any]]:
    """Rows of the filtered incidents (by record number, or newest first) in the
    ``columns`` set: "default" (``COLUMNS``) or "acled" (``ACLED_COLUMNS``)."""
    if columns not in ("default", "acled"):
        raise ValueError(f"unknown column set {columns!r}: use default or acled")
    base = base_url if base_url is not None else get_settings().base_url
    # Record-number order: the cheapest to stream (a table scan on SQLite).
    order: tuple[Any, ...] = (Incident.id,)
    if newest_first:
        order = (Incident.sort_date.desc(), Incident.id.desc())
    stmt = (
        select(*_INCIDENT_COLUMNS)
        .where(*where_clauses(s, f))
        .order_by(*order)
        .execution_options(yield_per=CHUNK)
    )
    if limit is not None:
        stmt = stmt.limit(limit)
    for chunk in s.execute(stmt).partitions():
        for row in _rows_for_chunk(s, chunk, base):
            yield acled_row(row) if columns == "acled" else row


def _rows_for_chunk(s: Session, chunk: Any, base: str) -> Iterator[dict[str, Any]]:
    ids = [r.id for r in chunk]
    secondary = _grouped(
        s,
        select(IncidentTypeLink.incident_id, IncidentTypeLink.type)
        .where(IncidentTypeLink.incident_id.in_(ids), IncidentTypeLink.is_primary.is_(False))
        .order_by(IncidentTypeLink.id),
    )
    bodies: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for inc_id, body_id, role in s.execute(
        select(IncidentBody.incident_id, IncidentBody.body_id, IncidentBody.role)
        .where(IncidentBody.incident_id.in_(ids))
        .order_by(IncidentBody.id)
    ):
        if body_id not in bodies[inc_id][role]:
            bodies[inc_id][role].append(body_id)
    merged = _grouped(
        s,
        select(MergedId.incident_id, MergedId.public_id)
        .where(MergedId.incident_id.in_(ids))
        .order_by(MergedId.public_id),
    )
    sources: dict[int, list[Any]] = defaultdict(list)
    for src in s.execute(
        select(
            IncidentSource.incident_id,
            Report.url,
            Report.publisher,
            Report.published,
            Report.sha256,
        )
        .join(Report, Report.id == IncidentSource.report_id)
        .where(IncidentSource.incident_id.in_(ids))
        .order_by(IncidentSource.id)
    ):
        sources[src.incident_id].append(src)
    for r in chunk:
        yield _row(
            r,
            base,
            secondary.get(r.id, []),
            bodies.get(r.id, {}),
            merged.get(r.id, []),
            sources.get(r.id, []),
        )


def _grouped(s: Session, stmt: Any) -> dict[int, list[Any]]:
    out: dict[int, list[Any]] = defaultdict(list)
    for key, value in s.execute(stmt):
        out[key].append(value)
    return out


def _row(
    r: Any,
    base: str,
    secondary: list[str],
    bodies: dict[str, list[str]],
    merged: list[str],
    sources: list[Any],
) -> dict[str, Any]:
    row: dict[str, Any] = {
        "public_id": r.public_id,
        "permalink": permalink(r.public_id, base),
        "date": r.date,
        "date_end": r.date_end,
        "date_precision": r.date_precision,
        "date_reported": r.date_reported,
        "region_code": r.region_code,
        "region_name": region_name(r.region_code),
        "settlement": r.settlement,
        "lat": r.lat,
        "lon": r.lon,
        "geo_precision": r.geo_precision,
        "type": r.type,
        "secondary_types": secondary,
        "killed": r.killed,
        "injured": r.injured,
        "missing": r.missing,
        "detained": r.detained,
        "minimum_counts": list(r.minimum_counts or []),
        "killed_min": r.killed_min,
        "killed_max": r.killed_max,
        "injured_min": r.injured_min,
        "injured_max": r.injured_max,
        "victim_groups": list(r.victim_groups or []),
        "perpetrator": r.perpetrator,
        "reporting_bodies": bodies.get(BodyRole.REPORTED.value, []),
        "investigating_bodies": bodies.get(BodyRole.INVESTIGATES.value, []),
        "notified_bodies": bodies.get(BodyRole.NOTIFIED.value, []),
        "summary": r.summary,
        "status": r.status,
        "visibility": r.visibility,
        "created_at": aware(r.created_at),
        "updated_at": aware(r.updated_at),
        "merged_ids": merged,
        "source_count": len(sources),
        "source_urls": [x.url or "" for x in sources],
        "source_publishers": [x.publisher or "" for x in sources],
        "source_published": [x.published.isoformat() if x.published else "" for x in sources],
        "source_sha256": [x.sha256 for x in sources],
    }
    return row


def incident_frame(s: Session, f: IncidentFilter, *, limit: int | None = None) -> pd.DataFrame:
    """The export's default columns as a DataFrame (one row per incident, newest first).

    ``date``, ``date_end`` and ``date_reported`` are pandas datetimes (NaT when
    unknown); list columns hold Python lists.
    """
    import pandas as pd

    rows = list(iter_export_rows(s, f, limit=limit, newest_first=True))
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    for col in ("date", "date_end", "date_reported"):
        frame[col] = pd.to_datetime(frame[col], errors="coerce")
    return frame


def manifest_rows(s: Session, f: IncidentFilter) -> Iterator[dict[str, Any]]:
    """The evidence manifest: one row per source report behind the filtered incidents."""
    ids = select(Incident.id).where(*where_clauses(s, f))
    stmt = (
        select(
            Report.id,
            Report.url,
            Report.publisher,
            Report.title,
            Report.published,
            Report.retrieved_at,
            Report.language,
            Report.sha256,
            (func.coalesce(func.length(Report.text), 0) > 0).label("preserved"),
            Incident.public_id,
        )
        .join(IncidentSource, IncidentSource.report_id == Report.id)
        .join(Incident, Incident.id == IncidentSource.incident_id)
        .where(IncidentSource.incident_id.in_(ids))
        .order_by(Report.id, Incident.id)
    )
    current: dict[str, Any] | None = None
    for report in s.execute(stmt):
        public_id = report.public_id
        if current is not None and current["report_id"] == report.id:
            current["incidents"].append(public_id)
            continue
        if current is not None:
            yield current
        current = {
            "report_id": report.id,
            "url": report.url,
            "publisher": report.publisher,
            "title": report.title,
            "published": report.published,
            "retrieved_at": aware(report.retrieved_at),
            "language": report.language,
            "sha256": report.sha256,
            "text_preserved": bool(report.preserved),
            "incidents": [public_id],
        }
    if current is not None:
        yield current
