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


_ENUMS: dict[str, dict[Any, Any]] = {
    "date_precision": {e.value: e for e in DatePrecision} | {None: None},
    "geo_precision": {e.value: e for e in GeoPrecision},
    "type": {e.value: e for e in IncidentType},
    "status": {e.value: e for e in Status},
    "visibility": {e.value: e for e in Visibility},
}
_TYPES = _ENUMS["type"]
_GROUPS = {e.value: e for e in VictimGroup}
_ROLES = {e.value: e for e in BodyRole}


def light_record(
    row: Any, secondary: list[str], bodies: list[tuple[str, str, int | None]]
) -> IncidentRecord:
    """A list-page record from a trusted store row, without re-validation (fast).

    ``row`` holds ``LIST_FIELDS`` in order.  Every value was validated when it
    was written; enums are rebuilt here so the record behaves exactly like a
    validated one.
    """
    data = dict(zip(LIST_FIELDS, row, strict=True))
    del data["id"]
    for name, members in _ENUMS.items():
        data[name] = members[data[name]]
    data["secondary_types"] = [_TYPES[t] for t in secondary]
    data["minimum_counts"] = list(data["minimum_counts"] or [])
    data["victim_groups"] = [_GROUPS[g] for g in data["victim_groups"] or []]
    data["created_at"] = aware(data["created_at"])
    data["updated_at"] = aware(data["updated_at"])
    data["headline_rule"] = HEADLINE_RULE
    data["bodies"] = [
        BodyLink.model_construct(body_id=b, role=_ROLES[role], report_id=rid)
        for b, role, rid in bodies
    ]
    data["merged_ids"], data["sources"], data["audit"] = [], [], []
    return _construct(data)


_FIELDS = tuple(IncidentRecord.model_fields)
_new_record = IncidentRecord.__new__
_set = object.__setattr__


def _construct(data: dict[str, Any]) -> IncidentRecord:
    """``IncidentRecord.model_construct(**data)`` for a ``data`` holding every field,
    without its per-field loop (a list page builds 500 of them; a test checks
    that both give equal records)."""
    record = _new_record(IncidentRecord)
    _set(record, "__dict__", {name: data[name] for name in _FIELDS})  # in declared order
    _set(record, "__pydantic_fields_set__", set(_FIELDS))
    _set(record, "__pydantic_extra__", None)
    _set(record, "__pydantic_private__", None)
    return record
