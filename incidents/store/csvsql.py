"""The fast export's SQL: the incident columns it reads, and the list columns
(secondary types, bodies by role, merged IDs, sources) grouped per incident in SQL,
one query per table and chunk, each list in the order the row export uses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    String,
    Text,
    cast,
    func,
    literal_column,
    or_,
    text,
    type_coerce,
)

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


@dataclass(frozen=True)
class Plan:
    """What the incidents query selects (raw values), and each CSV cell's kind."""

    selected: list[ColumnElement[Any]]
    selected_names: list[str]
    cells: list[tuple[str, str]]  # (kind, column name)


def unsafe_public_id(dialect: str) -> ColumnElement[bool]:
    """True for a public ID a permalink would have to URL-escape."""
    if dialect == "sqlite":
        return or_(Incident.public_id.op("GLOB")("*[^A-Za-z0-9-]*"), Incident.public_id == "")
    return Incident.public_id.op("!~")("^[A-Za-z0-9-]+$")


def plan(dialect: str) -> Plan:
    selected: list[ColumnElement[Any]] = []
    names: list[str] = []
    cells: list[tuple[str, str]] = []
    for name in COLUMNS:
        kind = _kind(name)
        cells.append((kind, name))
        if kind in ("list", "count", "permalink", "region_name"):
            continue
        column = getattr(Incident, name)
        if kind == "date":
            column = cast(column, String)
        elif kind == "stamp":
            column = _stamp(dialect, column)
        elif kind == "json":
            column = cast(column, Text)
        selected.append(column.label(name))
        names.append(name)
    return Plan(selected, names, cells)


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


def _stamp(dialect: str, column: Any) -> Any:
    """SQLite: the stored "YYYY-MM-DD HH:MM:SS.ffffff" (UTC), cut by the caller;
    PostgreSQL: the final "YYYY-MM-DDTHH:MM:SSZ"."""
    if dialect == "sqlite":
        return type_coerce(column, String)
    return func.to_char(
        column.op("AT TIME ZONE")(literal_column("'UTC'")),
        literal_column('\'YYYY-MM-DD"T"HH24:MI:SS"Z"\''),
    )


def _agg(dialect: str, value: str, order: str) -> str:
    """'; '-joined values of a group, in the order of ``order``."""
    if dialect == "sqlite":  # input rows arrive ordered (the subquery's ORDER BY)
        return f"group_concat({value}, '; ')"
    return f"string_agg({value}, '; ' ORDER BY {order})"


_RANGE = "incident_id BETWEEN :lo AND :hi"


def grouped_lists(conn: Connection, lo: int, hi: int) -> dict[str, tuple[list[int], list[Any]]]:
    """List columns of the incidents numbered lo..hi: name -> (incident ids, values)."""
    d = conn.dialect.name
    out: dict[str, tuple[list[int], list[Any]]] = {}
    bind = {"lo": lo, "hi": hi}
    secondary = (
        f"SELECT incident_id, {_agg(d, 'v', 'k')} FROM (SELECT incident_id, type AS v, id AS k "
        f"FROM incident_types WHERE {_RANGE} AND NOT is_primary ORDER BY incident_id, id) t "
        "GROUP BY incident_id ORDER BY incident_id"
    )
    out["secondary_types"] = _pairs(conn.execute(text(secondary), bind).all())
    merged = (
        f"SELECT incident_id, {_agg(d, 'v', 'v')} FROM (SELECT incident_id, public_id AS v "
        f"FROM merged_ids WHERE {_RANGE} ORDER BY incident_id, public_id) t "
        "GROUP BY incident_id ORDER BY incident_id"
    )
    out["merged_ids"] = _pairs(conn.execute(text(merged), bind).all())
    # One entry per body and role, in the order of its first link.
    bodies = (
        f"SELECT incident_id, role, {_agg(d, 'v', 'k')} FROM (SELECT incident_id, role, "
        f"body_id AS v, MIN(id) AS k FROM incident_bodies WHERE {_RANGE} "
        "GROUP BY incident_id, role, body_id ORDER BY incident_id, role, k) t "
        "GROUP BY incident_id, role ORDER BY incident_id, role"
    )
    by_role: dict[str, tuple[list[int], list[Any]]] = {n: ([], []) for n in ROLE_LISTS.values()}
    for inc, role, joined in conn.execute(text(bodies), bind):
        keys, values = by_role[ROLE_LISTS[role]]
        keys.append(inc)
        values.append(joined)
    out.update(by_role)
    sources = (
        "SELECT incident_id, COUNT(*), "
        f"{_agg(d, 'url', 'k')}, {_agg(d, 'pub', 'k')}, {_agg(d, 'day', 'k')}, "
        f"{_agg(d, 'sha', 'k')} FROM (SELECT s.incident_id AS incident_id, s.id AS k, "
        "COALESCE(r.url, '') AS url, COALESCE(r.publisher, '') AS pub, "
        "COALESCE(CAST(r.published AS TEXT), '') AS day, r.sha256 AS sha "
        "FROM incident_sources s JOIN reports r ON r.id = s.report_id "
        f"WHERE s.{_RANGE} ORDER BY s.incident_id, s.id) t "
        "GROUP BY incident_id ORDER BY incident_id"
    )
    rows = conn.execute(text(sources), bind).all()
    ids = [r[0] for r in rows]
    for n, name in enumerate(
        ("source_count", "source_urls", "source_publishers", "source_published", "source_sha256")
    ):
        out[name] = (ids, [r[n + 1] for r in rows])
    return out


def _pairs(rows: Sequence[Any]) -> tuple[list[int], list[Any]]:
    return [r[0] for r in rows], [r[1] for r in rows]
