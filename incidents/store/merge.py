"""Merges: two incidents found to be one, and the suggestions that propose it.

The survivor keeps every source; the merged public ID resolves to it forever.
(Re-exported by ``incidents.store.repo``, where callers find every write.)
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import NotFoundError, ValidationFailed
from .models import Incident, MergedId, MergeSuggestion, utcnow
from .repo import _audit, _set_types, _text, refresh, resolve, set_field

log = logging.getLogger(__name__)


def merge_incidents(s: Session, survivor_id: str, merged_id: str, *, actor: str) -> None:
    """Fold ``merged_id`` into ``survivor_id``: every source, body link and type moves
    over, the merged ID resolves to the survivor from now on, both sides are audited."""
    survivor, merged = resolve(s, survivor_id), resolve(s, merged_id)
    if survivor.id == merged.id:
        raise ValidationFailed(f"{survivor_id} and {merged_id} are already one incident")
    supported = {src.report_id for src in survivor.sources}
    for src in list(merged.sources):
        if src.report_id not in supported:
            merged.sources.remove(src)
            survivor.sources.append(src)
    linked = {(b.body_id, b.role, b.report_id) for b in survivor.bodies}
    for body in list(merged.bodies):
        if (body.body_id, body.role, body.report_id) not in linked:
            merged.bodies.remove(body)
            survivor.bodies.append(body)
    extra = [t.type for t in merged.types if t.type not in {x.type for x in survivor.types}]
    if extra:
        secondary = [t.type for t in survivor.types if not t.is_primary] + extra
        _set_types(survivor, survivor.type, secondary)
        _audit(s, survivor, actor, "merge", "secondary_types", None, _text(extra))
    groups = sorted(set(survivor.victim_groups or []) | set(merged.victim_groups or []))
    set_field(s, survivor, "victim_groups", groups, actor=actor, action="merge")
    for old in s.scalars(select(MergedId).where(MergedId.incident_id == merged.id)):
        old.incident_id = survivor.id
    s.add(
        MergedId(
            public_id=merged.public_id, incident_id=survivor.id, merged_at=utcnow(), merged_by=actor
        )
    )
    _audit(s, survivor, actor, "merge", "merged_ids", None, merged.public_id)
    _audit(s, merged, actor, "merged_into", None, merged.public_id, survivor.public_id)
    _settle_suggestions(s, survivor, merged, actor)
    s.flush()
    s.delete(merged)
    s.flush()
    refresh(s, survivor, actor=actor, action="merge")
    s.flush()
    log.info("merged %s into %s", merged.public_id, survivor.public_id)


def _settle_suggestions(s: Session, survivor: Incident, merged: Incident, actor: str) -> None:
    """Open suggestions about the pair are accepted; others follow the survivor."""
    pair = {survivor.id, merged.id}
    stmt = select(MergeSuggestion).where(
        (MergeSuggestion.incident_a_id == merged.id) | (MergeSuggestion.incident_b_id == merged.id)
    )
    for sug in s.scalars(stmt):
        if {sug.incident_a_id, sug.incident_b_id} == pair and sug.status == "open":
            sug.status, sug.decided_by, sug.decided_at = "accepted", actor, utcnow()
        if sug.incident_a_id == merged.id:
            sug.incident_a_id = survivor.id
        if sug.incident_b_id == merged.id:
            sug.incident_b_id = survivor.id


def add_merge_suggestion(
    s: Session, a_id: str, b_id: str, score: float, reasons: list[str], report_id: int | None
) -> int:
    """Record a possible duplicate pair; an open suggestion for the same pair is reused."""
    a, b = resolve(s, a_id), resolve(s, b_id)
    if a.id == b.id:
        raise ValidationFailed(f"{a_id} and {b_id} are the same incident")
    first, second = (a, b) if a.id < b.id else (b, a)
    existing = s.scalar(
        select(MergeSuggestion).where(
            MergeSuggestion.incident_a_id == first.id,
            MergeSuggestion.incident_b_id == second.id,
            MergeSuggestion.status == "open",
        )
    )
    if existing is not None:
        return existing.id
    sug = MergeSuggestion(
        incident_a_id=first.id,
        incident_b_id=second.id,
        a_public_id=first.public_id,
        b_public_id=second.public_id,
        score=float(score),
        reasons=list(reasons),
        status="open",
        report_id=report_id,
        created_at=utcnow(),
    )
    s.add(sug)
    s.flush()
    return sug.id


def list_merge_suggestions(s: Session, status: str | None = "open") -> list[dict[str, Any]]:
    """Suggestions (all when ``status`` is None), best score first."""
    stmt = select(MergeSuggestion).order_by(MergeSuggestion.score.desc(), MergeSuggestion.id)
    if status is not None:
        stmt = stmt.where(MergeSuggestion.status == status)
    ids = {
        i.id: i.public_id
        for i in s.scalars(
            select(Incident).where(
                Incident.id.in_(
                    [
                        x
                        for sug in s.scalars(stmt)
                        for x in (sug.incident_a_id, sug.incident_b_id)
                        if x
                    ]
                )
            )
        )
    }
    return [
        {
            "id": sug.id,
            "a": ids.get(sug.incident_a_id or -1, sug.a_public_id),
            "b": ids.get(sug.incident_b_id or -1, sug.b_public_id),
            "a_public_id": sug.a_public_id,
            "b_public_id": sug.b_public_id,
            "score": sug.score,
            "reasons": list(sug.reasons or []),
            "status": sug.status,
            "report_id": sug.report_id,
            "created_at": sug.created_at,
            "decided_by": sug.decided_by,
            "decided_at": sug.decided_at,
        }
        for sug in s.scalars(stmt)
    ]


def decide_merge_suggestion(s: Session, suggestion_id: int, accept: bool, *, actor: str) -> None:
    """Accept (merge; the older incident survives, keeping the first-published ID) or reject."""
    sug = s.get(MergeSuggestion, suggestion_id)
    if sug is None:
        raise NotFoundError(f"no merge suggestion {suggestion_id}")
    if sug.status != "open":
        raise ValidationFailed(f"merge suggestion {suggestion_id} is already {sug.status}")
    if accept:
        if sug.incident_a_id is None or sug.incident_b_id is None:
            raise ValidationFailed(f"merge suggestion {suggestion_id}: an incident is gone")
        a, b = s.get(Incident, sug.incident_a_id), s.get(Incident, sug.incident_b_id)
        assert a is not None and b is not None
        survivor, merged = (a, b) if a.id < b.id else (b, a)
        merge_incidents(s, survivor.public_id, merged.public_id, actor=actor)
    sug.status = "accepted" if accept else "rejected"
    sug.decided_by, sug.decided_at = actor, utcnow()
    s.flush()
