"""``IncidentFilter`` compiled to SQL: one WHERE clause list with bound parameters.

Dates filter on the incident date, or the date reported when the incident
date is unknown (``sort_date``).  Types match primary or secondary types; bodies
match bodies that reported or investigate (not those only notified); publishers
match any source report's publisher.  "Within N km" narrows by a bounding box
in SQL, then measures the geodesic distance (geopy) on those candidates only.
"""

from __future__ import annotations

import math

from geopy.distance import geodesic
from sqlalchemy import ColumnElement, bindparam, false, select
from sqlalchemy.orm import Session

from ..schemas import IncidentFilter
from .models import Incident, IncidentSource, Report, body_bits, type_mask
from .search import text_match

KM_PER_DEGREE_LAT = 110.574  # the shortest degree of latitude (at the equator)
_BOX_MARGIN = 1.01  # a 1% wider box: the exact distance decides afterwards


def where_clauses(s: Session, f: IncidentFilter) -> list[ColumnElement[bool]]:
    """Every condition of ``f``, ANDed by the caller (``.where(*clauses)``)."""
    return _clauses(s, f)[0]


def region_branches(s: Session, f: IncidentFilter) -> list[list[ColumnElement[bool]]]:
    """``where_clauses(s, f)`` once per region of ``f``: the same conditions with
    ``region_code = <that region>`` in place of ``region_code IN (...)``.

    Their rows together are exactly the filter's rows, each in one branch only, so
    a page can read each region's range of an index in order and merge them.
    Every other condition (the distance search's ids included) is compiled once
    and shared by all branches.
    """
    clauses, regional = _clauses(s, f)
    return [
        [Incident.region_code == code if c is regional else c for c in clauses]
        for code in dict.fromkeys(f.regions)
    ]


def _clauses(
    s: Session, f: IncidentFilter
) -> tuple[list[ColumnElement[bool]], ColumnElement[bool] | None]:
    """The conditions of ``f`` and, among them, its region condition (or None)."""
    c: list[ColumnElement[bool]] = []
    regional: ColumnElement[bool] | None = None
    if f.date_from:
        c.append(Incident.sort_date >= f.date_from)
    if f.date_to:
        c.append(Incident.sort_date <= f.date_to)
    if f.regions:
        regional = Incident.region_code.in_(f.regions)
        c.append(regional)
    if f.settlements:
        c.append(Incident.settlement.in_(f.settlements))
    if f.types:
        # Bits of primary and secondary types, read from the covering indexes.
        mask = type_mask([t.value for t in f.types])
        c.append(Incident.type_mask.op("&")(mask) != 0)
    c.extend(_count_clauses(f))
    if f.bodies:
        # Bits of the bodies that reported or investigate, read from the covering indexes.
        c.append(Incident.body_mask.op("&")(body_bits(list(f.bodies))) != 0)
    if f.publishers:
        published = (
            select(IncidentSource.incident_id)
            .join(Report, Report.id == IncidentSource.report_id)
            .where(Report.publisher.in_(f.publishers))
        )
        c.append(Incident.id.in_(published))
    if f.statuses:
        c.append(Incident.status.in_([x.value for x in f.statuses]))
    c.append(Incident.visibility.in_([v.value for v in f.visibility]))
    if f.text:
        dialect = s.get_bind().dialect.name
        c.append(text_match(dialect, Incident.id, Incident.search_text, f.text))
    if f.within_km is not None:
        c.append(_near_clause(s, f, list(c)))
    return c, regional


def _count_clauses(f: IncidentFilter) -> list[ColumnElement[bool]]:
    out: list[ColumnElement[bool]] = []
    if f.killed_min is not None:
        out.append(Incident.killed >= f.killed_min)
    if f.killed_max is not None:
        out.append(Incident.killed <= f.killed_max)
    if f.injured_min is not None:
        out.append(Incident.injured >= f.injured_min)
    if f.injured_max is not None:
        out.append(Incident.injured <= f.injured_max)
    return out


def bounding_box(lat: float, lon: float, km: float) -> tuple[float, float, float, float]:
    """(lat_lo, lat_hi, lon_lo, lon_hi) enclosing every point within ``km``."""
    dlat = km / KM_PER_DEGREE_LAT * _BOX_MARGIN
    lat_lo, lat_hi = max(-90.0, lat - dlat), min(90.0, lat + dlat)
    widest = max(abs(lat_lo), abs(lat_hi))
    cos = math.cos(math.radians(widest))
    if widest >= 89.9 or km / (111.320 * cos) >= 180:
        return lat_lo, lat_hi, -180.0, 180.0
    dlon = km / (111.320 * cos) * _BOX_MARGIN
    return lat_lo, lat_hi, lon - dlon, lon + dlon


def _near_clause(
    s: Session, f: IncidentFilter, others: list[ColumnElement[bool]]
) -> ColumnElement[bool]:
    """Ids within the radius, measured only on rows the other conditions keep."""
    assert f.near_lat is not None and f.near_lon is not None and f.within_km is not None
    lat_lo, lat_hi, lon_lo, lon_hi = bounding_box(f.near_lat, f.near_lon, f.within_km)
    boxed = select(Incident.id, Incident.lat, Incident.lon).where(
        Incident.lat.between(lat_lo, lat_hi), Incident.lon.between(lon_lo, lon_hi), *others
    )
    centre = (f.near_lat, f.near_lon)
    ids = [
        row.id for row in s.execute(boxed) if geodesic(centre, (row.lat, row.lon)).km <= f.within_km
    ]
    if not ids:
        return false()
    # Integers read from the database itself: rendered inline so a wide radius
    # cannot exceed the driver's bound-parameter limit.
    return Incident.id.in_(bindparam("near_ids", ids, expanding=True, literal_execute=True))
