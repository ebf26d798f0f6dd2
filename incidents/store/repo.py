"""Writes: reports, incidents, sources, edits.  Every change to an incident is audited.

Callers pass a session from ``session_scope``; these functions flush but never
commit, so a caller's batch is one transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import uuid
from typing import Any

from pydantic import ValidationError, field_validator
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from .. import summary
from ..errors import NotFoundError, ValidationFailed
from ..schemas import IncidentDraft, IncidentFields, IncidentRecord, ReportIn
from ..vocab import (
    COUNT_FIELDS,
    BodyRole,
    GeoPrecision,
    IncidentType,
    Status,
    body_rank,
)
from .headline import SourceFigures, choose
from .models import (
    AuditLog,
    Incident,
    IncidentBody,
    IncidentSource,
    IncidentTypeLink,
    MergedId,
    Report,
    body_mask,
    type_mask,
    utcnow,
)
from .records import incident_record

log = logging.getLogger(__name__)


def text_sha256(text: str) -> str:
    """A report's identity: SHA-256 of its text as stored (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def public_id_for(pk: int, year: int) -> str:
    return f"UA-{year}-{pk:06d}"


# --------------------------------------------------------------------- reports


def find_report(s: Session, text: str) -> int | None:
    """The row id of a report with exactly this text (unique SHA-256), if stored."""
    return s.scalar(select(Report.id).where(Report.sha256 == text_sha256(text)))


def get_or_add_report(s: Session, report: ReportIn, *, kind: str | None = None) -> tuple[int, bool]:
    """The report's row id, and whether it was new.  The same text is one row."""
    sha = text_sha256(report.text)
    found = s.scalar(select(Report).where(Report.sha256 == sha))
    if found is not None:
        if kind and not found.kind:
            found.kind = kind
        return found.id, False
    row = Report(
        sha256=sha,
        url=report.url,
        publisher=report.publisher,
        title=report.title,
        language=report.language,
        published=report.published,
        retrieved_at=report.retrieved_at,
        text=report.text,
        kind=kind,
    )
    try:
        with s.begin_nested():
            s.add(row)
            s.flush()
    except IntegrityError:  # another writer stored the same text meanwhile
        existing = s.scalar(select(Report.id).where(Report.sha256 == sha))
        if existing is None:
            raise
        return existing, False
    return row.id, True


# -------------------------------------------------------------------- incidents


def resolve(s: Session, public_id: str) -> Incident:
    """The incident with this public ID, or the survivor it was merged into."""
    inc = s.scalar(select(Incident).where(Incident.public_id == public_id))
    if inc is None:
        inc = s.scalar(
            select(Incident)
            .join(MergedId, MergedId.incident_id == Incident.id)
            .where(MergedId.public_id == public_id)
        )
    if inc is None:
        raise NotFoundError(f"no incident {public_id!r} (and no merged ID that points to one)")
    return inc


def create_incident(
    s: Session, draft: IncidentDraft, report_id: int, *, actor: str, status: str = "draft"
) -> str:
    """Store a new incident from one report's draft; returns its public ID."""
    if draft.type is None:
        raise ValidationFailed("cannot store an incident without a type", ["type: missing"])
    status = Status(status).value
    inc = Incident(public_id=f"pending-{uuid.uuid4().hex[:16]}", status=status)
    for name in _DRAFT_FIELDS:
        setattr(inc, name, _plain(getattr(draft, name)))
    inc.minimum_counts = list(draft.minimum_counts)
    inc.victim_groups = [_plain(g) for g in draft.victim_groups]
    inc.summary = draft.summary or ""
    _set_dates(inc)
    _set_types(inc, _plain(draft.type), [_plain(t) for t in draft.secondary_types])
    s.add(inc)
    s.flush()
    inc.public_id = public_id_for(inc.id, _id_year(s, inc, report_id))
    _audit(s, inc, actor, "create", None, None, inc.public_id)
    _attach_source(s, inc, draft, report_id)
    refresh(s, inc, actor=actor)
    s.flush()
    log.info("created incident %s from report %s", inc.public_id, report_id)
    return inc.public_id


_DRAFT_FIELDS = (
    "date", "date_end", "date_precision", "date_reported", "region_code", "settlement",
    "lat", "lon", "geo_precision", "killed", "injured", "missing", "detained", "perpetrator",
)  # fmt: skip


def _plain(value: Any) -> Any:
    return getattr(value, "value", value)


def _id_year(s: Session, inc: Incident, report_id: int) -> int:
    """The year in the public ID: of the incident date, else of the day it was
    reported, else of the report's publication, else of the record's creation
    (a 2022 incident must not read as 2026 because its day was not stated)."""
    day = inc.date or inc.date_reported
    if day is None:
        day = s.scalar(select(Report.published).where(Report.id == report_id))
    return day.year if day else utcnow().year


def _set_dates(inc: Incident) -> None:
    inc.sort_date = inc.date or inc.date_reported
    inc.month = inc.sort_date.strftime("%Y-%m") if inc.sort_date else None


def _set_types(inc: Incident, primary: str, secondary: list[str]) -> None:
    wanted = [primary] + [t for t in dict.fromkeys(secondary) if t != primary]
    existing = {link.type: link for link in inc.types}
    for link in list(inc.types):
        if link.type not in wanted:
            inc.types.remove(link)
    for t in wanted:
        if t in existing:
            existing[t].is_primary = t == primary
        else:
            inc.types.append(IncidentTypeLink(type=t, is_primary=t == primary))
    inc.type = primary
    inc.type_mask = type_mask(wanted)


def add_source(
    s: Session, public_id: str, draft: IncidentDraft, report_id: int, *, actor: str
) -> bool:
    """Attach another report to an incident; False if that report already supports it."""
    inc = resolve(s, public_id)
    if any(src.report_id == report_id for src in inc.sources):
        return False
    _attach_source(s, inc, draft, report_id)
    _audit(s, inc, actor, "add_source", "sources", None, str(report_id))
    refresh(s, inc, actor=actor)
    s.flush()
    return True


def _attach_source(s: Session, inc: Incident, draft: IncidentDraft, report_id: int) -> None:
    report = s.get(Report, report_id)
    if report is None:
        raise NotFoundError(f"no report with id {report_id}")
    named = draft.reporting_bodies
    # The figures are the most authoritative named reporting body's.
    body = min(named, key=body_rank) if named else None
    src = IncidentSource(
        report=report,
        body_id=body,
        stated_on=draft.date_reported or report.published,
        minimum_counts=list(draft.minimum_counts),
        evidence={k: e.model_dump() for k, e in draft.evidence.items()},
        added_at=utcnow(),
    )
    for field in COUNT_FIELDS:
        setattr(src, field, getattr(draft, field))
    inc.sources.append(src)
    roles = (
        (draft.reporting_bodies, BodyRole.REPORTED),
        (draft.investigating_bodies, BodyRole.INVESTIGATES),
        (draft.notified_bodies, BodyRole.NOTIFIED),
    )
    for bodies, role in roles:
        for body_id in dict.fromkeys(bodies):
            inc.bodies.append(IncidentBody(body_id=body_id, role=role.value, report_id=report_id))


def refresh(s: Session, inc: Incident, *, actor: str, action: str = "recompute") -> None:
    """Recompute headline figures, ranges, search text and body bits from the sources."""
    figures = [
        SourceFigures(
            body_id=src.body_id,
            stated_on=src.stated_on,
            published=src.report.published,
            added_at=src.added_at,
            counts={f: getattr(src, f) for f in COUNT_FIELDS},
            minimum_counts=src.minimum_counts or [],
        )
        for src in inc.sources
    ]
    head = choose(figures)
    for field, value in head.counts.items():
        set_field(s, inc, field, value, actor=actor, action=action)
    kept = [f for f in (inc.minimum_counts or []) if f not in head.counts]
    set_field(
        s, inc, "minimum_counts", sorted(kept + head.minimum_counts), actor=actor, action=action
    )
    for field, value in head.ranges.items():
        if value is not None:  # no source figure: an imported or edited range stands
            set_field(s, inc, field, value, actor=actor, action=action)
    _follow_summary(s, inc, actor=actor, action=action)
    inc.search_text = search_text(inc)
    inc.body_mask = body_mask([(b.body_id, b.role) for b in inc.bodies])


def _follow_summary(s: Session, inc: Incident, *, actor: str, action: str) -> None:
    """A machine-written summary follows the record (a later source's toll must not
    leave "5 killed" above a headline of 44); one an editor or an import wrote stays."""
    new = summary.write(_as_draft(inc))
    if new == inc.summary or not _summary_is_generated(s, inc):
        return
    set_field(s, inc, "summary", new, actor=actor, action=action)


def _summary_is_generated(s: Session, inc: Incident) -> bool:
    if inc.id is None:
        return True
    edited = (AuditLog.action == "update") & (AuditLog.field == "summary")
    human = select(AuditLog.id).where(
        AuditLog.incident_id == inc.id, (AuditLog.action == "import") | edited
    )
    return s.scalar(human.limit(1)) is None


def _as_draft(inc: Incident) -> IncidentDraft:
    """The record's current fields in the shape the summary writer reads; the most
    authoritative reporting body is named."""
    reporting = sorted(
        {b.body_id for b in inc.bodies if b.role != BodyRole.NOTIFIED.value}, key=body_rank
    )
    return IncidentDraft.model_construct(
        date=inc.date, date_reported=inc.date_reported, region_code=inc.region_code,
        settlement=inc.settlement, geo_precision=GeoPrecision(inc.geo_precision or "unknown"),
        type=IncidentType(inc.type), killed=inc.killed, injured=inc.injured,
        missing=inc.missing, detained=inc.detained, minimum_counts=list(inc.minimum_counts or []),
        reporting_bodies=reporting,
    )


def search_text(inc: Incident) -> str:
    parts = [inc.summary or "", inc.settlement or ""]
    for src in inc.sources:
        parts.extend(str(e.get("quote", "")) for e in (src.evidence or {}).values())
    return "\n".join(p for p in parts if p)


def set_field(
    s: Session, inc: Incident, field: str, value: Any, *, actor: str, action: str = "update"
) -> bool:
    """Set one column, auditing old and new value; False when nothing changed."""
    old = getattr(inc, field)
    if old == value:
        return False
    setattr(inc, field, value)
    inc.updated_at = utcnow()
    _audit(s, inc, actor, action, field, _text(old), _text(value))
    return True


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(_plain(value))


def _audit(
    s: Session,
    inc: Incident,
    actor: str,
    action: str,
    field: str | None,
    old: str | None,
    new: str | None,
) -> None:
    if not actor or not actor.strip():
        raise ValidationFailed("every change needs an actor (a name)", ["actor: missing"])
    s.add(
        AuditLog(
            incident_id=inc.id,
            public_id=inc.public_id,
            at=utcnow(),
            actor=actor,
            action=action,
            field=field,
            old_value=old,
            new_value=new,
        )
    )


# ----------------------------------------------------------------------- edits


class IncidentChanges(IncidentFields):
    """The fields an editor may change, validated like a draft."""

    type: IncidentType = IncidentType.OTHER

    @field_validator("minimum_counts")
    @classmethod
    def _counts(cls, v: list[str]) -> list[str]:
        return sorted(set(v))


def validate_changes(changes: dict[str, Any]) -> dict[str, Any]:
    """Validated values for exactly the keys given; ValidationFailed lists every problem."""
    try:
        model = IncidentChanges.model_validate(changes)
    except ValidationError as exc:
        problems = [
            f"{'.'.join(str(p) for p in e['loc']) or 'changes'}: {e['msg']}" for e in exc.errors()
        ]
        raise ValidationFailed("invalid changes", problems) from exc
    out: dict[str, Any] = {}
    for key in changes:
        value = getattr(model, key)
        if isinstance(value, list):
            value = [_plain(v) for v in value]
        out[key] = _plain(value)
    return out


def update_incident(s: Session, public_id: str, changes: dict[str, Any], *, actor: str) -> None:
    """Apply an editor's changes, one audit row per changed field."""
    values = validate_changes(changes)
    inc = resolve(s, public_id)
    for field, value in values.items():
        if field == "type":
            if value != inc.type:
                old = inc.type
                _set_types(inc, value, [t.type for t in inc.types if not t.is_primary])
                _audit(s, inc, actor, "update", "type", old, value)
                inc.updated_at = utcnow()
        elif field == "secondary_types":
            old_sec = [t.type for t in inc.types if not t.is_primary]
            if sorted(old_sec) != sorted(value):
                _set_types(inc, inc.type, value)
                _audit(s, inc, actor, "update", field, _text(old_sec), _text(value))
                inc.updated_at = utcnow()
        else:
            set_field(s, inc, field, value, actor=actor)
    _set_dates(inc)
    inc.search_text = search_text(inc)
    s.flush()


def delete_incident(s: Session, public_id: str, *, actor: str) -> None:
    """Remove an incident (its number is never handed out again); the audit row stays."""
    inc = resolve(s, public_id)
    _audit(s, inc, actor, "delete", None, inc.public_id, None)
    s.flush()
    s.delete(inc)
    s.flush()


def candidate_incidents(
    s: Session,
    *,
    region_code: str | None,
    type: str | None,
    date_from: dt.date | None,
    date_to: dt.date | None,
    limit: int = 50,
) -> list[IncidentRecord]:
    """Incidents an ingest might be adding to: same region, type (primary or
    secondary) and date window; each constraint given as None is not applied."""
    stmt = select(Incident)
    if region_code is not None:
        stmt = stmt.where(Incident.region_code == region_code)
    if type is not None:
        typed = select(IncidentTypeLink.incident_id).where(IncidentTypeLink.type == type)
        stmt = stmt.where(Incident.id.in_(typed))
    if date_from is not None:
        stmt = stmt.where(Incident.sort_date >= date_from)
    if date_to is not None:
        stmt = stmt.where(Incident.sort_date <= date_to)
    stmt = (
        stmt.order_by(Incident.sort_date.desc(), Incident.id.desc())
        .limit(limit)
        .options(
            selectinload(Incident.types),
            selectinload(Incident.bodies),
            selectinload(Incident.sources),
        )
    )
    return [incident_record(inc, full=True) for inc in s.scalars(stmt)]


# Merges live in their own module; re-exported so every write is ``repo.<name>``.
from .merge import (  # noqa: E402
    add_merge_suggestion,
    decide_merge_suggestion,
    list_merge_suggestions,
    merge_incidents,
)

__all__ = [
    "add_merge_suggestion", "add_source", "candidate_incidents", "create_incident",
    "decide_merge_suggestion", "delete_incident", "get_or_add_report", "list_merge_suggestions",
    "merge_incidents", "refresh", "resolve", "set_field", "text_sha256", "update_incident",
    "validate_changes",
]  # fmt: skip
