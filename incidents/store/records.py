"""ORM rows to the boundary shapes (``IncidentRecord`` and friends)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..schemas import AuditEntry, BodyLink, Evidence, IncidentRecord, SourceRecord
from ..vocab import (
    BodyRole,
    DatePrecision,
    GeoPrecision,
    IncidentType,
    Status,
    VictimGroup,
    Visibility,
)
from .headline import HEADLINE_RULE
from .models import AuditLog, Incident, IncidentSource


def aware(value: dt.datetime | None) -> dt.datetime | None:
    """Datetimes in UTC: SQLite hands them back naive, PostgreSQL in the session's zone."""
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


def secondary_types(inc: Incident) -> list[str]:
    return [t.type for t in inc.types if not t.is_primary]


def incident_record(
    inc: Incident,
    *,
    full: bool = False,
    audit: list[AuditLog] | None = None,
    merged_ids: list[str] | None = None,
) -> IncidentRecord:
    data: dict[str, Any] = {
        name: getattr(inc, name)
        for name in (
            "public_id", "date", "date_end", "date_precision", "date_reported",
            "region_code", "settlement", "lat", "lon", "geo_precision", "type",
            "killed", "injured", "missing", "detained", "killed_min", "killed_max",
            "injured_min", "injured_max", "perpetrator", "summary", "status", "visibility",
        )
    }  # fmt: skip
    data["secondary_types"] = secondary_types(inc)
    data["minimum_counts"] = list(inc.minimum_counts or [])
    data["victim_groups"] = list(inc.victim_groups or [])
    data["created_at"] = aware(inc.created_at)
    data["updated_at"] = aware(inc.updated_at)
    data["headline_rule"] = HEADLINE_RULE
    data["bodies"] = [
        BodyLink(body_id=b.body_id, role=b.role, report_id=b.report_id)  # type: ignore[arg-type]
        for b in inc.bodies
    ]
    if full:
        data["sources"] = [source_record(src) for src in inc.sources]
        data["audit"] = [audit_entry(a) for a in audit or []]
        data["merged_ids"] = list(merged_ids or [])
    return IncidentRecord.model_validate(data)


def source_record(src: IncidentSource) -> SourceRecord:
    rep = src.report
    return SourceRecord(
        report_id=rep.id,
        sha256=rep.sha256,
        url=rep.url,
        publisher=rep.publisher,
        title=rep.title,
        published=rep.published,
        retrieved_at=aware(rep.retrieved_at),
        body_id=src.body_id,
        stated_on=src.stated_on,
        killed=src.killed,
        injured=src.injured,
        missing=src.missing,
        detained=src.detained,
        minimum_counts=list(src.minimum_counts or []),
        evidence={k: Evidence.model_validate(v) for k, v in (src.evidence or {}).items()},
        added_at=aware(src.added_at),
    )


def audit_entry(row: AuditLog) -> AuditEntry:
    return AuditEntry(
        at=aware(row.at) or row.at,
        actor=row.actor,
        action=row.action,
        field=row.field,
        old_value=row.old_value,
        new_value=row.new_value,
    )


# Columns a list page needs (no sources, audit, search text).
LIST_FIELDS = (
    "id", "public_id", "date", "date_end", "date_precision", "date_reported", "region_code",
    "settlement", "lat", "lon", "geo_precision", "type", "killed", "injured", "missing",
    "detained", "minimum_counts", "killed_min", "killed_max", "injured_min", "injured_max",
    "victim_groups", "perpetrator", "summary", "status", "visibility", "created_at", "updated_at",
)  # fmt: skip


def light_record(
    row: Any, secondary: list[str], bodies: list[tuple[str, str, int | None]]
) -> IncidentRecord:
    """A list-page record from a trusted store row, without re-validation (fast).

    Every value was validated when it was written; enums are rebuilt here so the
    record behaves exactly like a validated one.
    """
    data = {name: getattr(row, name) for name in LIST_FIELDS[1:]}
    data["date_precision"] = DatePrecision(row.date_precision) if row.date_precision else None
    data["geo_precision"] = GeoPrecision(row.geo_precision)
    data["type"] = IncidentType(row.type)
    data["secondary_types"] = [IncidentType(t) for t in secondary]
    data["minimum_counts"] = list(row.minimum_counts or [])
    data["victim_groups"] = [VictimGroup(g) for g in row.victim_groups or []]
    data["status"] = Status(row.status)
    data["visibility"] = Visibility(row.visibility)
    data["created_at"] = aware(row.created_at)
    data["updated_at"] = aware(row.updated_at)
    data["headline_rule"] = HEADLINE_RULE
    data["bodies"] = [
        BodyLink.model_construct(body_id=b, role=BodyRole(role), report_id=rid)
        for b, role, rid in bodies
    ]
    data["merged_ids"], data["sources"], data["audit"] = [], [], []
    return IncidentRecord.model_construct(**data)
