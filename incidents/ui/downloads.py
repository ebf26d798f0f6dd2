"""Downloads of exactly the filtered set, through the same export code as the CLI.

The bytes are produced when the reader clicks (Streamlit calls ``data`` lazily),
so rendering the start page never pays for a 100,000-row CSV.  The filter
passed here is the page's filter, which public mode has already reduced to
public records: a download can never hold more than the table shows.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .. import export
from ..schemas import IncidentFilter
from ..store import queries as q
from ..store import session_scope
from . import cache


@dataclass(frozen=True, slots=True)
class Format:
    key: str
    label: str
    extension: str
    mime: str
    writer: Callable[[Any, Any], Any]


FORMATS: tuple[Format, ...] = (
    Format("csv", "CSV", "csv", "text/csv", export.write_csv),
    Format("geojson", "GeoJSON", "geojson", "application/geo+json", export.write_geojson),
    Format("jsonl", "JSON Lines", "jsonl", "application/x-ndjson", export.write_jsonl),
)


def export_bytes(db_url: str, f: IncidentFilter, fmt: str) -> bytes:
    """The export file for ``f`` in format ``fmt`` (csv, geojson, jsonl), as bytes."""
    chosen = next((x for x in FORMATS if x.key == fmt), None)
    if chosen is None:
        known = ", ".join(x.key for x in FORMATS)
        raise ValueError(f"unknown export format {fmt!r}; one of {known}")
    buf = io.StringIO()
    with session_scope(cache.engine(db_url), write=False) as s:
        chosen.writer(q.iter_export_rows(s, f), buf)
    return buf.getvalue().encode("utf-8")


def file_name(fmt: Format, stamp: str) -> str:
    return f"incidents-{stamp}.{fmt.extension}"
