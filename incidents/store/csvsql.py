"""The fast export's SQL: the incident columns it reads, and the rows behind the list
columns (secondary types, bodies by role, merged IDs, sources) of one range of
incident ids.  Each query has a fixed Arrow schema (``incidents.store.bulk`` reads
them as Arrow tables and groups the list rows there).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyarrow as pa
from sqlalchemy import ColumnElement, String, Text, cast, type_coerce

from ..export.columns import COLUMNS
from .models import Incident

_TEXT = ("public_id", "date_precision", "region_code", "settlement", "geo_precision", "type",
         "perpetrator", "summary", "status", "visibility")  # fmt: skip
_INTS = ("killed", "injured", "missing", "detained", "killed_min", "killed_max", "injured_min",
         "injured_max")  # fmt: skip
_DATES = ("date", "date_end", "date_reported")
_STAMPS = ("created_at", "updated_at")
FLOATS = ("lat", "lon")
JSON_LISTS = ("minimum_counts", "victim_groups")
ROLE_LISTS = {
    "reported": "reporting_bodies",
    "investigates": "investigating_bodies",
    "notified": "notified_bodies",
}
SOURCE_LISTS = ("source_urls", "source_publishers", "source_published", "source_sha256")
_ARROW = {"int": pa.int64(), "float": pa.float64()}


@dataclass(frozen=True)
class Plan:
    """What the incidents query selects (``id`` first, then raw values), their Arrow
    types, and each CSV cell's kind."""

    selected: list[ColumnElement[Any]]
    schema: pa.Schema
    cells: list[tuple[str, str]]  # (kind, column name)


def plan(dialect: str) -> Plan:
    selected: list[ColumnElement[Any]] = [Incident.id.label("id")]
    fields = [pa.field("id", pa.int64())]
    cells: list[tuple[str, str]] = []
    for name in COLUMNS:
        kind = _kind(name)
        cells.append((kind, name))
        if kind in ("list", "count", "permalink", "region_name"):
            continue
        column: Any = getattr(Incident, name)
        if kind == "date":
            column = cast(column, String)  # ISO text: as stored (SQLite), under PG_SETTINGS
        elif kind == "stamp":
            column = _stamp(dialect, column)
        elif kind == "json":
            column = cast(column, Text)
        selected.append(column.label(name))
        fields.append(pa.field(name, _ARROW.get(kind, pa.string())))
    return Plan(selected, pa.schema(fields), cells)


def _kind(name: str) -> str:
    if name in _TEXT:
        return "text"
    if name in _INTS:
        return "int"
    if name in _DATES:
        return "date"
    if name in _STAMPS:
        return "stamp"
    if name in FLOATS:
        return "float"
    if name in JSON_LISTS:
        return "json"
    if name in ("permalink", "region_name"):
        return name
    return "count" if name == "source_count" else "list"


# The PostgreSQL export session's settings: dates and timestamps as ISO text in UTC
# (cheaper than to_char per value), floats in their shortest exact form (any
# positive extra_float_digits, PostgreSQL 12+).  Transaction-local.
PG_SETTINGS = (
    "SET LOCAL DateStyle = 'ISO, YMD'",
    "SET LOCAL TimeZone = 'UTC'",
    "SET LOCAL extra_float_digits = 3",
)


def _stamp(dialect: str, column: Any) -> Any:
    """The stored "YYYY-MM-DD HH:MM:SS.ffffff" (SQLite, UTC) or the ISO text in UTC
    "YYYY-MM-DD HH:MM:SS[.ffffff]+00" (PostgreSQL under ``PG_SETTINGS``); the
    caller cuts either to "YYYY-MM-DDTHH:MM:SSZ"."""
    return type_coerce(column, String) if dialect == "sqlite" else cast(column, String)


@dataclass(frozen=True)
class LinkQuery:
    """Rows of one link table for the incidents numbered :lo..:hi (no order unless
    ``sql`` says so: the caller sorts by ``incident_id`` and ``k``)."""

    sql: str
    schema: pa.Schema


_RANGE = "incident_id BETWEEN :lo AND :hi"
_KEYS = [pa.field("incident_id", pa.int64()), pa.field("k", pa.int64())]


def link_queries(dialect: str) -> dict[str, LinkQuery]:
    day = "CAST(r.published AS TEXT)"  # ISO text (PostgreSQL: under PG_SETTINGS)
    text = pa.string()
    return {
        "secondary_types": LinkQuery(
            f"SELECT incident_id, id AS k, type FROM incident_types WHERE {_RANGE} "
            "AND NOT is_primary",
            pa.schema([*_KEYS, pa.field("type", text)]),
        ),
        # One entry per body and role, placed by its first link (as the row export).
        "bodies": LinkQuery(
            "SELECT incident_id, MIN(id) AS k, role, body_id FROM incident_bodies "
            f"WHERE {_RANGE} GROUP BY incident_id, body_id, role",
            pa.schema([*_KEYS, pa.field("role", text), pa.field("body_id", text)]),
        ),
        # Ordered here: the row export orders merged IDs by the database's collation.
        "merged_ids": LinkQuery(
            "SELECT incident_id, ROW_NUMBER() OVER (ORDER BY incident_id, public_id) AS k, "
            f"public_id FROM merged_ids WHERE {_RANGE}",
            pa.schema([*_KEYS, pa.field("public_id", text)]),
        ),
        "sources": LinkQuery(
            "SELECT s.incident_id, s.id AS k, COALESCE(r.url, '') AS url, "
            f"COALESCE(r.publisher, '') AS publisher, COALESCE({day}, '') AS published, "
            "r.sha256 FROM incident_sources s JOIN reports r ON r.id = s.report_id "
            f"WHERE s.{_RANGE}",
            pa.schema(
                [
                    *_KEYS,
                    pa.field("url", text),
                    pa.field("publisher", text),
                    pa.field("published", text),
                    pa.field("sha256", text),
                ]
            ),
        ),
    }
