"""ORM rows to the boundary shapes (``IncidentRecord`` and friends)."""

from __future__ import annotations

import datetime as dt
import gc
import json
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import repeat
from typing import Any

from sqlalchemy import String, Text, cast, type_coerce

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


_JSON_FIELDS = frozenset({"minimum_counts", "victim_groups"})
_DAY_FIELDS = frozenset({"date", "date_end", "date_reported"})
_STAMP_FIELDS = frozenset({"created_at", "updated_at"})


def list_columns(dialect: str) -> list[Any]:
    """``LIST_FIELDS`` as a list page selects them: JSON lists as their text and, on
    SQLite, dates and timestamps as stored, so ``light_records`` decodes each distinct
    value once (SQLAlchemy would parse every cell)."""
    columns = []
    for name in LIST_FIELDS:
        column: Any = getattr(Incident, name)
        if name in _JSON_FIELDS:
            column = cast(column, Text)
        elif dialect == "sqlite" and name in _DAY_FIELDS | _STAMP_FIELDS:
            column = type_coerce(column, String)
        columns.append(column.label(name))
    return columns


@contextmanager
def gc_paused() -> Iterator[None]:
    """Cyclic garbage collection held off while a list page's rows and records are made.

    A page of 500 makes some 6,000 containers and no reference cycles; the
    collections those allocations trigger, and the full collections that follow
    once the records have survived them, cost 5-6 ms of CPU per page (PostgreSQL
    benchmark, 1M incidents).  The collector is restored to its previous state; two
    threads pausing at once only pause it a little longer.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def light_records(
    rows: Any,
    secondary: dict[int, list[str]],
    bodies: dict[int, list[tuple[str, str, int | None]]],
) -> list[IncidentRecord]:
    """List-page records from trusted store rows (``list_columns``; a row may carry
    more columns after those), without re-validation (fast).

    Every value was validated when it was written; enums are rebuilt here so a
    record behaves exactly like a validated one (tests compare them).  Built column
    by column: dates, timestamps and JSON lists are decoded once per distinct value
    of their column, enums looked up by ``map``; then one record per row.
    """
    if not rows:
        return []
    columns = list(zip(*rows, strict=False))
    ids = columns[0]
    n = len(ids)
    made: list[Any] = []
    for index, kind in _PLAN:
        if kind is None:
            made.append(columns[index])
        elif kind in _ENUMS:
            made.append(map(_ENUMS[kind].__getitem__, columns[index]))
        elif kind in _JSON_FIELDS:
            lists = {v: _DECODERS[kind](v) for v in set(columns[index])}
            made.append([list(lists[v]) for v in columns[index]])  # a list of its own
        elif kind == "secondary_types":
            made.append([[_TYPES[t] for t in secondary.get(i, ())] for i in ids])
        elif kind == "bodies":
            made.append(
                [
                    [_body_link(b, _ROLES[role], rid) for b, role, rid in bodies.get(i, ())]
                    for i in ids
                ]
            )
        elif kind == "headline_rule":
            made.append(repeat(HEADLINE_RULE, n))
        elif kind == "empty":
            made.append([[] for _ in range(n)])
        else:
            decoded = {v: _DECODERS[kind](v) for v in set(columns[index])}
            made.append(map(decoded.__getitem__, columns[index]))
    return [_construct_values(values) for values in zip(*made, strict=False)]


def _day(value: Any) -> dt.date | None:
    """A date as selected by ``list_columns``: ISO text on SQLite, a date elsewhere."""
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _stamp(value: Any) -> dt.datetime | None:
    """A timestamp as selected by ``list_columns`` (SQLite: stored UTC text), in UTC."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return aware(value)


def _json_list(text: str | None) -> list[Any]:
    return list(json.loads(text) or []) if text else []


def _groups(text: str | None) -> tuple[VictimGroup, ...]:
    return tuple(_GROUPS[g] for g in _json_list(text))


_DECODERS: dict[str, Any] = {
    "day": _day,
    "stamp": _stamp,
    "minimum_counts": lambda text: tuple(_json_list(text)),
    "victim_groups": _groups,
}


def _light_plan() -> tuple[tuple[int, str | None], ...]:
    """Per ``IncidentRecord`` field in declared order: (its index in ``LIST_FIELDS`` or
    -1, how its value is made: None = as read, an enum field, a decoder, or extra)."""
    plan: list[tuple[int, str | None]] = []
    for name in IncidentRecord.model_fields:
        index = LIST_FIELDS.index(name) if name in LIST_FIELDS else -1
        if name in _ENUMS or name in _JSON_FIELDS:
            kind: str | None = name
        elif name in _DAY_FIELDS:
            kind = "day"
        elif name in _STAMP_FIELDS:
            kind = "stamp"
        elif name in ("secondary_types", "bodies", "headline_rule"):
            kind = name
        elif index < 0:  # merged IDs, sources, audit: not on a list page
            kind = "empty"
        else:
            kind = None
        plan.append((index, kind))
    return tuple(plan)


_BODY_FIELDS = set(BodyLink.model_fields)


def _body_link(body_id: str, role: BodyRole, report_id: int | None) -> BodyLink:
    """``BodyLink.model_construct`` of every field, without its per-field loop."""
    link = BodyLink.__new__(BodyLink)
    _set(link, "__dict__", {"body_id": body_id, "role": role, "report_id": report_id})
    _set(link, "__pydantic_fields_set__", set(_BODY_FIELDS))
    _set(link, "__pydantic_extra__", None)
    _set(link, "__pydantic_private__", None)
    return link


_FIELDS = tuple(IncidentRecord.model_fields)
_new_record = IncidentRecord.__new__
_set = object.__setattr__


def _construct_values(values: tuple[Any, ...]) -> IncidentRecord:
    """``IncidentRecord.model_construct`` from the values of every field in declared
    order, without its per-field loop (a list page builds 500; tests check the
    records equal validated ones)."""
    record = _new_record(IncidentRecord)
    _set(record, "__dict__", dict(zip(_FIELDS, values, strict=True)))
    _set(record, "__pydantic_fields_set__", set(_FIELDS))
    _set(record, "__pydantic_extra__", None)
    _set(record, "__pydantic_private__", None)
    return record


_PLAN = _light_plan()
