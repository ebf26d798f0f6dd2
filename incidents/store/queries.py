"""Reads: every query the CLI, the app and the exports make, from one filter."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import (
    ARRAY,
    Connection,
    Integer,
    Select,
    any_,
    bindparam,
    distinct,
    func,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from ..errors import NotFoundError, ValidationFailed
from ..schemas import IncidentFilter, IncidentRecord
from .filters import region_branches, where_clauses
from .models import (
    BODY_BIT,
    TYPE_BIT,
    AuditLog,
    Incident,
    IncidentBody,
    IncidentSource,
    IncidentTypeLink,
    MergedId,
    Report,
)
from .records import gc_paused, incident_record, light_records, list_columns
from .repo import resolve
from .rows import incident_frame, iter_export_rows, manifest_rows

__all__ = [
    "ORDERS", "count_incidents", "coverage", "facets", "get_incident", "incident_frame",
    "iter_export_rows", "list_incidents", "list_publishers", "list_settlements",
    "manifest_rows", "page_ids", "totals",
]  # fmt: skip

ORDERS: dict[str, tuple[Any, ...]] = {
    "date_desc": (Incident.sort_date.desc(), Incident.id.desc()),
    "date_asc": (Incident.sort_date.asc(), Incident.id.asc()),
    "killed_desc": (Incident.killed.desc(), Incident.id.desc()),
    "updated_desc": (Incident.updated_at.desc(), Incident.id.desc()),
    "id": (Incident.id.asc(),),
}
# Orders that an index gives within one region (``ix_incidents_filter_region``:
# region_code, sort_date, id), so a page over several regions merges their ranges.
_MERGED_ORDERS = {
    "date_desc": lambda cols: (cols.sort_date.desc(), cols.id.desc()),
    "date_asc": lambda cols: (cols.sort_date.asc(), cols.id.asc()),
}
# Beyond this many regions most rows match the region filter anyway: walking the date
# index is faster than starting a merge branch per region (PostgreSQL, 1M incidents:
# 10 regions 3.9 ms merged against 5.7 plain; 13 regions 5.0 against 4.6; 32 regions
# 6.5 against 2.2).
MERGED_REGIONS_MAX = 10


def count_incidents(s: Session, f: IncidentFilter) -> int:
    stmt = select(func.count()).select_from(Incident).where(*where_clauses(s, f))
    return int(s.scalar(stmt) or 0)


def list_incidents(
    s: Session, f: IncidentFilter, *, limit: int = 500, offset: int = 0, order: str = "date_desc"
) -> list[IncidentRecord]:
    """One page of records: types and body links loaded, sources and audit not."""
    # One statement: the page's ids from a covering index, then only their rows.
    page = page_ids(s, f, limit=limit, offset=offset, order=order)
    conn = s.connection()  # Core rows: no ORM bookkeeping per row
    fields = select(*list_columns(conn.dialect.name), Incident.type_mask)
    with gc_paused():
        return _page_records(conn, fields.where(Incident.id.in_(page)).order_by(*ORDERS[order]))


def _page_records(conn: Connection, stmt: Select[Any]) -> list[IncidentRecord]:
    """The page's rows with their secondary types and body links, as records."""
    found = conn.execute(stmt).all()
    ids = [r.id for r in found]
    # Only records with more type bits than their primary type have secondary types.
    mixed = [r.id for r in found if r.type_mask != TYPE_BIT.get(r.type, 0)]
    secondary: dict[int, list[str]] = defaultdict(list)
    bodies: dict[int, list[tuple[str, str, int | None]]] = defaultdict(list)
    dialect = conn.dialect.name
    if mixed:
        for inc, t in conn.execute(
            select(IncidentTypeLink.incident_id, IncidentTypeLink.type)
            .where(
                _in_ids(IncidentTypeLink.incident_id, dialect),
                IncidentTypeLink.is_primary.is_(False),
            )
            .order_by(IncidentTypeLink.id),
            {"ids": mixed},
        ):
            secondary[inc].append(t)
    if ids:
        for inc, body, role, rid in conn.execute(
            select(
                IncidentBody.incident_id,
                IncidentBody.body_id,
                IncidentBody.role,
                IncidentBody.report_id,
            )
            .where(_in_ids(IncidentBody.incident_id, dialect))
            .order_by(IncidentBody.id),
            {"ids": ids},
        ):
            bodies[inc].append((body, role, rid))
    return light_records(found, secondary, bodies)  # type_mask, last, is left out


def page_ids(
    s: Session,
    f: IncidentFilter,
    *,
    limit: int = 500,
    offset: int = 0,
    order: str = "date_desc",
    merge_regions: bool | None = None,
) -> Select[Any]:
    """The statement giving the ids of one page, in ``order``.

    ``merge_regions`` (by default on PostgreSQL only, for 2 to ``MERGED_REGIONS_MAX``
    regions in a date order): each region's first ``offset + limit`` rows, read in
    order from its own range of the region index, merged by a Merge Append that
    stops at the end of the page.  PostgreSQL would otherwise read every match of
    the date range in those regions and sort them (or walk the date index past
    every other region): 9-16 ms instead of 2-3 ms for the benchmark's filter at 1M
    incidents.  SQLite reads and sorts the ranges of ``region_code IN (...)`` faster
    than it merges (1.7 against 2.6 ms), so it keeps the plain statement.  Both
    statements give the same ids.
    """
    if order not in ORDERS:
        choices = ", ".join(ORDERS)
        raise ValidationFailed(f"unknown order {order!r}", [f"order: use one of {choices}"])
    if merge_regions is None:
        merge_regions = (
            s.get_bind().dialect.name == "postgresql" and len(f.regions) <= MERGED_REGIONS_MAX
        )
    if not merge_regions or order not in _MERGED_ORDERS or len(f.regions) < 2:
        return (
            select(Incident.id)
            .where(*where_clauses(s, f))
            .order_by(*ORDERS[order])
            .limit(limit)
            .offset(offset)
        )
    firsts = [
        select(Incident.id, Incident.sort_date)
        .where(*clauses)
        .order_by(*ORDERS[order])
        .limit(limit + offset)
        .subquery()
        for clauses in region_branches(s, f)
    ]
    merged = union_all(*(select(first.c.id, first.c.sort_date) for first in firsts)).subquery()
    return (
        select(merged.c.id).order_by(*_MERGED_ORDERS[order](merged.c)).limit(limit).offset(offset)
    )


def _in_ids(column: Any, dialect: str) -> Any:
    """``column IN`` the ids bound as ``ids``, bound whole: one PostgreSQL array (planned
    as one value, where 500 parameters cost the planner milliseconds), on SQLite one
    expanding parameter (not 500 values coerced one by one)."""
    if dialect == "postgresql":
        return column == any_(bindparam("ids", type_=ARRAY(Integer)))
    return column.in_(bindparam("ids", expanding=True))


def get_incident(s: Session, public_id: str, *, include_restricted: bool = False) -> IncidentRecord:
    """The full record (sources, bodies, audit, merged IDs); a merged ID gives the survivor."""
    inc = resolve(s, public_id.strip())
    if inc.visibility != "public" and not include_restricted:
        raise NotFoundError(f"no incident {public_id!r} (and no merged ID that points to one)")
    audit = list(
        s.scalars(select(AuditLog).where(AuditLog.incident_id == inc.id).order_by(AuditLog.id))
    )
    merged = list(
        s.scalars(
            select(MergedId.public_id)
            .where(MergedId.incident_id == inc.id)
            .order_by(MergedId.merged_at, MergedId.public_id)
        )
    )
    return incident_record(inc, full=True, audit=audit, merged_ids=merged)


def totals(s: Session, f: IncidentFilter) -> dict[str, int]:
    """Incidents, killed and injured (sum of headline figures), reports, regions."""
    clauses = where_clauses(s, f)
    row = s.execute(
        select(
            func.count(),
            func.coalesce(func.sum(Incident.killed), 0),
            func.coalesce(func.sum(Incident.injured), 0),
            func.count(distinct(Incident.region_code)),
        ).where(*clauses)
    ).one()
    reports = s.scalar(
        select(func.count(distinct(IncidentSource.report_id))).where(
            IncidentSource.incident_id.in_(select(Incident.id).where(*clauses))
        )
    )
    return {
        "incidents": int(row[0]),
        "killed": int(row[1] or 0),
        "injured": int(row[2] or 0),
        "reports": int(reports or 0),
        "regions": int(row[3]),
    }


def facets(s: Session, f: IncidentFilter) -> dict[str, list[tuple[str, int]]]:
    """Counts of filtered incidents per region, type (primary or secondary), month and
    body (reported or investigates), largest first; records without a value are left out.

    Two GROUP BY queries, each read from one index: (region, month) pairs, and the
    (``type_mask``, ``body_mask``) pairs whose bits are then counted here.
    """
    clauses = where_clauses(s, f)
    n = func.count().label("n")
    places = (
        select(Incident.region_code, Incident.month, n)
        .where(*clauses)
        .group_by(Incident.region_code, Incident.month)
    )
    regions: dict[str, int] = defaultdict(int)
    months: dict[str, int] = defaultdict(int)
    for region, month, count in s.execute(places):
        if region is not None:
            regions[region] += int(count)
        if month is not None:
            months[month] += int(count)
    out = {"region": _largest_first(regions.items()), "month": _largest_first(months.items())}
    masks = select(Incident.type_mask, Incident.body_mask, n).where(*clauses)
    types: dict[str, int] = defaultdict(int)
    bodies: dict[str, int] = defaultdict(int)
    for tmask, bmask, count in s.execute(masks.group_by(Incident.type_mask, Incident.body_mask)):
        _add_bits(types, TYPE_BIT, tmask, count)
        _add_bits(bodies, BODY_BIT, bmask, count)
    out["type"] = _largest_first(types.items())
    out["body"] = _largest_first(bodies.items())
    return {key: out[key] for key in ("region", "type", "month", "body")}


def _add_bits(counts: dict[str, int], bits: dict[str, int], mask: int, n: int) -> None:
    for name, bit in bits.items():
        if mask & bit:
            counts[name] += int(n)


def _largest_first(pairs: Iterable[tuple[str, int]]) -> list[tuple[str, int]]:
    return sorted(((k, v) for k, v in pairs if v), key=lambda p: (-p[1], p[0]))


def list_publishers(s: Session) -> list[str]:
    stmt = select(Report.publisher).where(Report.publisher.is_not(None)).distinct()
    return sorted(str(p) for p in s.scalars(stmt))


def list_settlements(s: Session) -> list[str]:
    stmt = select(Incident.settlement).where(Incident.settlement.is_not(None)).distinct()
    return sorted(str(p) for p in s.scalars(stmt))


def coverage(s: Session) -> dict[str, Any]:
    """What the database holds: report and incident counts, first and last date."""
    first, last, incidents = s.execute(
        select(func.min(Incident.sort_date), func.max(Incident.sort_date), func.count())
    ).one()
    reports = s.scalar(select(func.count()).select_from(Report))
    return {
        "reports": int(reports or 0),
        "incidents": int(incidents or 0),
        "first_date": first,
        "last_date": last,
    }


def data_version(s: Session) -> str:
    """A token that changes whenever the package writes to the store.

    Every write through ``incidents.store`` (ingest, import, edit, merge,
    delete) adds an audit row, and new reports and incidents take new ids, so
    the newest ids of the three tables change with every such write.  Three
    primary-key lookups: cheap enough to run on every page view, so cached
    results can be keyed by it instead of expiring blindly.

    It does not see raw SQL that bypasses the package, nor (on PostgreSQL) a
    transaction that commits a smaller id after a larger one was committed;
    callers keep a time limit on cached results as a backstop for those.
    """
    audit, report, incident = s.execute(
        select(
            select(func.max(AuditLog.id)).scalar_subquery(),
            select(func.max(Report.id)).scalar_subquery(),
            select(func.max(Incident.id)).scalar_subquery(),
        )
    ).one()
    return f"{audit or 0}.{report or 0}.{incident or 0}"
