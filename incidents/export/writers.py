"""CSV, JSON Lines, GeoJSON and manifest writers.  They stream: rows in, text out.

CSV: UTF-8, one header row (plus an optional HXL hashtag row), lists joined
with ``; ``, every text cell in double quotes, numbers bare, unknown values
empty, timestamps as ``YYYY-MM-DDTHH:MM:SSZ`` (UTC).  A text cell a spreadsheet
would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, tab or
carriage return) gets a leading apostrophe; so does a cell that already starts
with one, which keeps the rule reversible: the importer strips exactly one
leading apostrophe.  Counts are never negative and numbers are written as
numbers, so no figure is altered.

Rows are written in column batches through pyarrow's CSV writer, so a million
rows take seconds; ``write_csv_batches`` takes batches that are already
columnar.  The fast export (``incidents.store.bulk``) writes its Arrow tables with
the same writer and ``CSV_WRITE_OPTIONS``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import logging
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import IO, Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from .columns import LIST_SEPARATOR, column_names, hxl_row

log = logging.getLogger(__name__)

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
TRIGGER_RE = "^[=+\\-@\t\r']"
BATCH_ROWS = 20_000
# Every text value in double quotes, numbers bare, nulls empty (the fast export uses it too).
CSV_WRITE_OPTIONS = pacsv.WriteOptions(include_header=False, quoting_style="needed")
MANIFEST_COLUMNS: dict[str, str] = {
    "report_id": "Row id of the report in this database.",
    "url": "Where the report was published.",
    "publisher": "Publisher of the report.",
    "title": "Title of the report.",
    "published": "Publication date.",
    "retrieved_at": "When the text was retrieved (UTC).",
    "language": "Language of the text.",
    "sha256": "SHA-256 of the preserved text (UTF-8): check a copy against it.",
    "text_preserved": "true when this database holds the full text.",
    "incidents": "Public IDs of the filtered incidents this report supports, '; '-separated.",
}


def neutralise(text: str) -> str:
    if text.startswith(FORMULA_TRIGGERS) or text.startswith("'"):
        return "'" + text
    return text


def unneutralise(text: str) -> str:
    """Inverse of ``neutralise`` (used by the importer)."""
    return text[1:] if text.startswith("'") else text


def timestamp_text(value: dt.datetime) -> str:
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def csv_cell(value: Any) -> Any:
    """A Python value as the CSV writes it: str, int, float or None (empty)."""
    if value is None or isinstance(value, str | int | float) and not isinstance(value, bool):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return timestamp_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join("" if v is None else str(v) for v in value)
    return str(value)


def write_csv(
    rows: Iterable[dict[str, Any]],
    fp: IO[str],
    *,
    columns: str = "default",
    hxl: bool = False,
    filter_description: str | None = None,
) -> int:
    """Write rows of the ``columns`` set; returns the number of data rows.

    The filter is not written into the file (the CSV keeps one header row);
    callers show ``filter_description`` beside the file (name, stderr, manifest).
    """
    names = column_names(columns)
    n = write_csv_batches(_batches(rows, names), fp, names, hxl_row(columns) if hxl else None)
    log.info("wrote %d CSV rows (%s)", n, filter_description or "no filter stated")
    return n


def write_manifest(rows: Iterable[dict[str, Any]], fp: IO[str]) -> int:
    """The evidence manifest as CSV (``MANIFEST_COLUMNS``); returns the number of reports."""
    names = list(MANIFEST_COLUMNS)
    return write_csv_batches(_batches(rows, names), fp, names, None)


def _batches(rows: Iterable[dict[str, Any]], names: list[str]) -> Iterator[dict[str, list[Any]]]:
    it = iter(rows)
    while chunk := list(islice(it, BATCH_ROWS)):
        yield {name: [csv_cell(row[name]) for row in chunk] for name in names}


def write_csv_batches(
    batches: Iterable[dict[str, list[Any]]],
    fp: IO[str],
    names: list[str],
    tags: list[str] | None,
) -> int:
    """Write columnar batches (column -> values: str, int, float or None)."""
    write_csv_header(fp, names, tags)
    n = 0
    for batch in batches:
        table = pa.table({name: _array(name, batch[name]) for name in names})
        buf = io.BytesIO()
        pacsv.write_csv(table, buf, CSV_WRITE_OPTIONS)
        fp.write(buf.getvalue().decode("utf-8"))
        n += table.num_rows
    return n


def write_csv_header(fp: IO[str], names: list[str], tags: list[str] | None) -> None:
    """The header row, and the HXL hashtag row when ``tags`` is given."""
    header = io.StringIO()
    writer = csv.writer(header, lineterminator="\n")
    writer.writerow(names)
    if tags is not None:
        writer.writerow(tags)
    fp.write(header.getvalue())


def _array(name: str, values: list[Any]) -> pa.Array:
    """Numbers stay numbers; text is neutralised.  (Types inferred per batch.)"""
    arr = pa.array(values)
    if not pa.types.is_string(arr.type):
        return arr
    risky = pc.match_substring_regex(arr, TRIGGER_RE)
    return pc.if_else(risky, pc.binary_join_element_wise("'", arr, ""), arr)


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | set | frozenset):
        return list(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def to_json(value: Any, **kwargs: Any) -> str:
    return json.dumps(value, default=_json_default, ensure_ascii=False, **kwargs)


def write_jsonl(rows: Iterable[dict[str, Any]], fp: IO[str]) -> int:
    """One JSON object per line; lists stay arrays.  Returns the number of rows."""
    n = 0
    for row in rows:
        fp.write(to_json(row))
        fp.write("\n")
        n += 1
    return n


def write_geojson(
    rows: Iterable[dict[str, Any]], fp: IO[str], *, metadata: dict[str, Any] | None = None
) -> int:
    """A FeatureCollection (RFC 7946): Point [lon, lat], or null geometry when the
    record has no coordinates.  ``metadata`` (e.g. the filter) is a foreign member."""
    fp.write('{"type": "FeatureCollection"')
    if metadata:
        fp.write(', "metadata": ' + to_json(metadata))
    fp.write(', "features": [')
    n = 0
    for row in rows:
        lat, lon = row.get("lat", row.get("latitude")), row.get("lon", row.get("longitude"))
        geometry = None
        if lat is not None and lon is not None:
            geometry = {"type": "Point", "coordinates": [lon, lat]}
        feature = {
            "type": "Feature",
            "id": row.get("public_id", row.get("event_id_cnty")),
            "geometry": geometry,
            "properties": row,
        }
        fp.write(("\n" if n == 0 else ",\n") + to_json(feature))
        n += 1
    fp.write("\n]}\n")
    return n
