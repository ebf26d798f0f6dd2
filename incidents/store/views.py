"""Lean reads for the app's panels: each returns only what one panel draws.

The export frame (``rows.incident_frame``) carries every column of the data
dictionary with list columns and source links; building it for 100,000
incidents takes seconds.  A panel never needs that:

- the map needs ten scalar columns of the newest N located incidents, plus
  counts of what it leaves out (``map_points``, ``map_counts``);
- the per-region layer needs one row per region (``region_totals``: SQL
  ``GROUP BY``, so it counts every incident, not only the drawn points);
- the timeline needs one row per (period, primary type) (``timeline_rows``:
  ``GROUP BY`` on the database, ``strftime`` on SQLite, ``date_trunc`` on
  PostgreSQL);
- the table needs one page of rows (``table_page``).

Every query takes the same ``IncidentFilter`` through ``filters.where_clauses``,
so the panels, the figures and the downloads always describe the same set.
Results are plain pandas frames of scalars (cheap to pickle into Streamlit's
cache); nothing here imports Streamlit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd
from sqlalchemy import ColumnElement, Date, and_, case, cast, func, select
from sqlalchemy.orm import Session

from ..schemas import IncidentFilter
from ..vocab import GeoPrecision
from .filters import where_clauses
from .models import Incident

Freq = Literal["week", "month"]
FREQS: tuple[Freq, ...] = ("month", "week")

# Geo precisions that name a place a reader could stand in: drawn as filled dots.
EXACT_PRECISIONS: tuple[str, ...] = (
    GeoPrecision.SETTLEMENT.value,
    GeoPrecision.NEAR_SETTLEMENT.value,
)
MAP_COLUMNS: tuple[str, ...] = (
    "public_id", "lat", "lon", "type", "killed", "injured", "geo_precision", "date",
    "settlement", "region_code",
)  # fmt: skip
TABLE_COLUMNS: tuple[str, ...] = (
    "public_id", "date", "region_code", "settlement", "type", "killed", "injured", "status",
    "summary",
)  # fmt: skip
REGION_COLUMNS: tuple[str, ...] = ("region_code", "incidents", "killed", "injured")
TIMELINE_COLUMNS: tuple[str, ...] = ("period", "type", "incidents", "killed", "injured")
# Newest first, the order of the table, the map's point cap and the exports'
# ``newest_first``.
NEWEST_FIRST = (Incident.sort_date.desc(), Incident.id.desc())


@dataclass(frozen=True, slots=True)
class MapCounts:
    """How the filtered incidents split on the map (every incident, not only drawn ones)."""

    incidents: int
    exact: int  # located at a settlement (filled dots)
    region_only: int  # located, but only to a region (or coarser): rings on its centre

    @property
    def located(self) -> int:
        return self.exact + self.region_only

    @property
    def without_location(self) -> int:
        return self.incidents - self.located


def _located() -> ColumnElement[bool]:
    return and_(Incident.lat.is_not(None), Incident.lon.is_not(None))


def _frame(rows: Any, columns: tuple[str, ...]) -> pd.DataFrame:
    return pd.DataFrame([tuple(r) for r in rows], columns=list(columns))


def map_points(s: Session, f: IncidentFilter, limit: int) -> pd.DataFrame:
    """The newest ``limit`` located incidents, one row each in ``MAP_COLUMNS``.

    ``date`` is the incident date (``None`` when unknown); ``killed`` and
    ``injured`` are the headline figures (``None`` when no source gave one).
    """
    if limit < 0:
        raise ValueError(f"limit must be 0 or more, not {limit}")
    stmt = (
        select(*(getattr(Incident, c) for c in MAP_COLUMNS))
        .where(*where_clauses(s, f), _located())
        .order_by(*NEWEST_FIRST)
        .limit(limit)
    )
    return _frame(s.execute(stmt), MAP_COLUMNS)


def map_counts(s: Session, f: IncidentFilter) -> MapCounts:
    """Incidents, those at an exact place and those located only to a region, in one scan."""
    located = _located()
    exact = and_(located, Incident.geo_precision.in_(EXACT_PRECISIONS))
    row = s.execute(
        select(
            func.count(),
            func.coalesce(func.sum(case((exact, 1), else_=0)), 0),
            func.coalesce(func.sum(case((located, 1), else_=0)), 0),
        ).where(*where_clauses(s, f))
    ).one()
    total, n_exact, n_located = (int(v or 0) for v in row)
    return MapCounts(incidents=total, exact=n_exact, region_only=n_located - n_exact)


def region_totals(s: Session, f: IncidentFilter) -> pd.DataFrame:
    """Incidents and summed headline figures per region (``REGION_COLUMNS``), by code.

    Sums treat an unknown figure as adding nothing, like the headline totals.
    """
    stmt = (
        select(
            Incident.region_code,
            func.count(),
            func.coalesce(func.sum(Incident.killed), 0),
            func.coalesce(func.sum(Incident.injured), 0),
        )
        .where(*where_clauses(s, f), Incident.region_code.is_not(None))
        .group_by(Incident.region_code)
        .order_by(Incident.region_code)
    )
    frame = _frame(s.execute(stmt), REGION_COLUMNS)
    for col in REGION_COLUMNS[1:]:
        frame[col] = frame[col].astype("int64")
    return frame


def period_start(dialect: str, freq: Freq) -> ColumnElement[Any]:
    """The first day of the incident date's month, or the Monday of its week."""
    if freq not in FREQS:
        raise ValueError(f"freq must be one of {', '.join(FREQS)}, not {freq!r}")
    if dialect == "sqlite":
        if freq == "month":
            return func.strftime("%Y-%m-01", Incident.date)
        # 'weekday 1' moves forward to a Monday; from six days back that is the
        # Monday on or before the date.
        return func.date(Incident.date, "-6 days", "weekday 1")
    return cast(func.date_trunc(freq, Incident.date), Date)


def timeline_rows(s: Session, f: IncidentFilter, freq: Freq) -> tuple[pd.DataFrame, int]:
    """Per period and primary type: incidents and summed figures; and the undated count.

    ``period`` is a pandas datetime (the period's first day).  Incidents
    without a known date cannot be placed on a timeline: they are counted apart.
    """
    period = period_start(s.get_bind().dialect.name, freq).label("period")
    clauses = where_clauses(s, f)
    stmt = (
        select(
            period,
            Incident.type,
            func.count(),
            func.coalesce(func.sum(Incident.killed), 0),
            func.coalesce(func.sum(Incident.injured), 0),
        )
        .where(*clauses, Incident.date.is_not(None))
        .group_by(period, Incident.type)
        .order_by(period, Incident.type)
    )
    frame = _frame(s.execute(stmt), TIMELINE_COLUMNS)
    frame["period"] = pd.to_datetime(frame["period"].map(_iso_day))
    for col in TIMELINE_COLUMNS[2:]:
        frame[col] = frame[col].astype("int64")
    undated = s.scalar(
        select(func.count()).select_from(Incident).where(*clauses, Incident.date.is_(None))
    )
    return frame, int(undated or 0)


def _iso_day(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    return str(value)[:10]


def table_page(s: Session, f: IncidentFilter, *, limit: int, offset: int = 0) -> pd.DataFrame:
    """One page of the filtered incidents, newest first, in ``TABLE_COLUMNS``."""
    if limit < 1 or offset < 0:
        raise ValueError(f"limit must be 1 or more and offset 0 or more, not {limit}, {offset}")
    stmt = (
        select(*(getattr(Incident, c) for c in TABLE_COLUMNS))
        .where(*where_clauses(s, f))
        .order_by(*NEWEST_FIRST)
        .limit(limit)
        .offset(offset)
    )
    return _frame(s.execute(stmt), TABLE_COLUMNS)
