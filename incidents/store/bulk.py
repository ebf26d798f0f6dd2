"""The fast CSV export: columns from SQL straight into Arrow, written by the same
Arrow CSV writer as the row export, with no Python work per row or cell.

Produces exactly what ``write_csv(iter_export_rows(...))`` produces (tests check
byte equality on both engines):

- incidents are read by ranges of ``CHUNK`` record numbers.  Each range arrives
  as one Arrow table: on SQLite through the ADBC SQLite driver, which builds
  Arrow arrays in C (the ``sqlite3`` module would make a Python object of every
  one of 28 million values); on PostgreSQL through ``COPY ... TO STDOUT`` in
  CSV, parsed by Arrow's CSV reader;
- the rows behind the list columns (secondary types, bodies by role, merged IDs,
  sources) are read for the same range, one plain query per table
  (``incidents.store.csvsql``; on PostgreSQL packed into one row of
  ``string_agg`` columns), then ordered and '; '-joined per incident in Arrow, as
  the row export orders them, and matched to the rows by ``index_in``;
- text cells are neutralised column-wise, permalinks escaped where an ID needs it,
  and the table goes through ``pyarrow.csv.write_csv`` with the row export's
  options;
- a reading thread reads the next range while this one is rendered (the drivers
  and Arrow release the GIL).

On SQLite the reads run in one read transaction of a read-only connection of
their own: one consistent snapshot of what is committed (not of changes the
caller's session has not committed).  A database the driver cannot open by path
(a ``file:`` URI, memory) is read through the session's ``sqlite3`` connection
instead, in the calling thread: the same tables, slower.  On PostgreSQL the reads
run in the session's transaction.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import queue
import threading
from collections.abc import Callable, Generator, Iterator
from contextlib import closing, contextmanager, suppress
from pathlib import Path
from typing import IO, Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
from sqlalchemy import Connection, Text, bindparam, cast, func, literal, select, text
from sqlalchemy import column as sql_column
from sqlalchemy.orm import Session

from ..config import get_settings
from ..errors import StoreError
from ..export.columns import COLUMNS, LIST_SEPARATOR, hxl_row
from ..export.permalink import permalink
from ..export.writers import CSV_WRITE_OPTIONS, FORMULA_TRIGGERS, write_csv_header
from ..schemas import IncidentFilter
from ..vocab import region_name
from . import csvsql
from .filters import where_clauses
from .models import Incident

log = logging.getLogger(__name__)

CHUNK = 20_000  # record numbers per range: one incidents query and four list queries each
SQLITE_BUSY_TIMEOUT_MS = 30_000

Reader = Callable[[Any, pa.Schema], pa.Table]
LinkReader = Callable[[csvsql.LinkQuery, int, int], pa.Table]


def export_csv(
    s: Session,
    f: IncidentFilter,
    fp: IO[str] | IO[bytes],
    *,
    hxl: bool = False,
    base_url: str | None = None,
) -> int:
    """The filtered incidents as CSV in the default columns; returns the row count.

    ``fp`` is a text stream, or a binary one (the UTF-8 bytes go out as they are
    made: the CLI writes files so)."""
    base = base_url if base_url is not None else get_settings().base_url
    binary = not isinstance(fp, io.TextIOBase)
    header = io.StringIO()
    write_csv_header(header, list(COLUMNS), hxl_row("default") if hxl else None)
    _write(fp, header.getvalue().encode("utf-8"), binary)
    n = 0
    for data, count in iter_csv_chunks(s, f, base_url=base):
        _write(fp, data, binary)
        n += count
    log.info("wrote %d CSV rows (%s)", n, f.describe())
    return n


def _write(fp: IO[Any], data: bytes | pa.Buffer, binary: bool) -> None:
    if binary:
        fp.write(memoryview(data))  # an Arrow buffer goes out without a copy
    else:
        fp.write(bytes(memoryview(data)).decode("utf-8"))


def iter_csv_chunks(
    s: Session, f: IncidentFilter, *, base_url: str
) -> Iterator[tuple[pa.Buffer, int]]:
    """(UTF-8 CSV of the data rows of one range of record numbers, row count), in
    public-ID number order.  The next range is read while this one is rendered
    (a reading thread: the drivers and Arrow work without the GIL)."""
    conn = s.connection()
    dialect = conn.dialect.name
    plan = csvsql.plan(dialect)
    clauses = where_clauses(s, f)  # may query (a radius): here, not in the thread
    memo: dict[str | None, str] = {}
    with _reader(s) as (read, read_links, threaded):
        # The record numbers in use, read as the ranges will be (the same snapshot).
        bounds = read(select(func.min(Incident.id), func.max(Incident.id)), _BOUNDS)
        first, last = bounds.column(0)[0].as_py(), bounds.column(1)[0].as_py()
        if first is None:
            return
        ranges = range(first, last + 1, CHUNK)
        chunks = _read_chunks(read, read_links, plan, clauses, csvsql.link_queries(dialect), ranges)
        source: Generator[Chunk, None, None] = _ahead(chunks) if threaded else chunks
        with closing(source):
            for table, ids, lists in source:
                yield _render(plan, table, ids, lists, base_url, memo), table.num_rows


Chunk = tuple[pa.Table, pa.Array, "dict[str, Found]"]
_BOUNDS = pa.schema([pa.field("first", pa.int64()), pa.field("last", pa.int64())])


def _read_chunks(
    read: Reader,
    read_links: LinkReader,
    plan: csvsql.Plan,
    clauses: list[Any],
    links: dict[str, csvsql.LinkQuery],
    ranges: range,
) -> Generator[Chunk, None, None]:
    """Per range of record numbers with filtered incidents: their columns, ids and lists."""
    for lo in ranges:
        in_range = Incident.id.between(bindparam("lo", lo), bindparam("hi", lo + CHUNK - 1))
        stmt = select(*plan.selected).where(*clauses, in_range).order_by(Incident.id)
        table = read(stmt, plan.schema)
        if table.num_rows == 0:
            continue
        ids = table.column("id").combine_chunks()
        yield table, ids, _lists(read_links, links, ids[0].as_py(), ids[-1].as_py())


_DONE = object()


def _ahead(chunks: Iterator[Chunk]) -> Generator[Chunk, None, None]:
    """``chunks``, produced by a thread one chunk ahead of the consumer."""
    ready: queue.Queue[Any] = queue.Queue(maxsize=1)
    stop = threading.Event()

    def produce() -> None:
        try:
            for chunk in chunks:
                if stop.is_set():
                    return
                ready.put(chunk)
            ready.put(_DONE)
        except BaseException as exc:  # handed to the consumer, raised there
            ready.put(exc)

    worker = threading.Thread(target=produce, name="csv-export-reader", daemon=True)
    worker.start()
    try:
        while (item := ready.get()) is not _DONE:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        while worker.is_alive():  # unblock a producer waiting on a full queue
            with suppress(queue.Empty):
                ready.get(timeout=0.1)
        worker.join()


# ------------------------------------------------------------------ reading


@contextmanager
def _reader(s: Session) -> Iterator[tuple[Reader, LinkReader, bool]]:
    """Readers of query results and of link rows for the session's database, and
    whether they may run in another thread."""
    conn = s.connection()
    if conn.dialect.name != "sqlite":
        read = _copy_reader(conn)
        yield read, _packed_link_reader(conn, _link_reader(read)), True
        return
    path = _sqlite_path(conn)
    if path is None:
        read = _row_reader(conn)
        yield read, _link_reader(read), False
        return
    import adbc_driver_sqlite.dbapi as adbc

    # Read-only (a wrong path cannot make an empty database); autocommit off: every
    # read of the export runs in one read transaction.  The connection is only used
    # by the reading thread (after this set-up).
    db = adbc.connect(f"{path.as_uri()}?mode=ro")
    try:
        with db.cursor() as cur:
            cur.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
            cur.fetchall()
        read = _adbc_reader(db)
        yield read, _link_reader(read), True
    finally:
        db.rollback()
        db.close()


def _link_reader(read: Reader) -> LinkReader:
    def read_links(query: csvsql.LinkQuery, lo: int, hi: int) -> pa.Table:
        return read(text(query.sql).bindparams(lo=lo, hi=hi), query.schema)

    return read_links


_SEP = "\x1f"  # between the values of a packed column


def _packed_link_reader(conn: Connection, plain: LinkReader) -> LinkReader:
    """PostgreSQL: the link rows of a range as one row of ``string_agg`` columns, split
    in Arrow (a result row costs the client about a microsecond; a range has tens of
    thousands).  Every column is aggregated in the same row order.  A value holding
    the separator (or a NULL) makes the parts miscount: that range is read plainly."""

    def read_links(query: csvsql.LinkQuery, lo: int, hi: int) -> pa.Table:
        names = query.schema.names
        rows = text(query.sql).bindparams(lo=lo, hi=hi).columns(*(sql_column(n) for n in names))
        t = rows.subquery("t")
        sep = literal(_SEP)
        stmt = select(func.count(), *(func.string_agg(cast(t.c[n], Text), sep) for n in names))
        count, *packed = conn.execute(stmt).one()
        if not count:
            return query.schema.empty_table()
        columns = []
        for value, field in zip(packed, query.schema, strict=True):
            parts = pc.split_pattern(pa.array([value], pa.string()), _SEP).flatten()
            if len(parts) != count:
                return plain(query, lo, hi)
            columns.append(parts.cast(field.type))
        return pa.Table.from_arrays(columns, schema=query.schema)

    return read_links


def _sqlite_path(conn: Connection) -> Path | None:
    """The database file, when the URL names one by path (not memory, not a URI)."""
    database = conn.engine.url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    path = Path(database).expanduser().resolve()
    return path if path.is_file() else None


def _adbc_reader(db: Any) -> Reader:
    dialect = _sqlite_dialect()

    def read(stmt: Any, schema: pa.Schema) -> pa.Table:
        compiled = stmt.compile(dialect=dialect, compile_kwargs={"render_postcompile": True})
        params = compiled.construct_params()
        values = [_sqlite_value(params[name]) for name in compiled.positiontup or ()]
        with db.cursor() as cur:
            # One batch per range: the driver infers each column's type from its batch.
            cur.adbc_statement.set_options(**{"adbc.sqlite.query.batch_rows": str(CHUNK)})
            cur.execute(compiled.string, values)
            table = cur.fetch_arrow_table()
        try:
            return _conform(table, schema)
        except _Mismatch as bad:
            raise StoreError(_mismatch_message(db, bad, params)) from None

    return read


class _Mismatch(Exception):
    def __init__(self, field: pa.Field, found: pa.DataType) -> None:
        super().__init__(field.name)
        self.field, self.found = field, found


_STORAGE = {pa.int64(): "integer", pa.float64(): "real"}


def _mismatch_message(db: Any, bad: _Mismatch, params: dict[str, Any]) -> str:
    """What the export cannot write, naming the records when they can be found."""
    name, want = bad.field.name, bad.field.type
    text_ = f"cannot export column {name!r}: it holds {bad.found} values where {want} belongs"
    storage = _STORAGE.get(want)
    if storage is None or name not in Incident.__table__.c or "lo" not in params:
        return text_
    with db.cursor() as cur:
        cur.execute(
            "SELECT public_id FROM incidents WHERE id BETWEEN ? AND ? "
            f"AND typeof({name}) NOT IN ('null', '{storage}') ORDER BY id LIMIT 5",
            [params["lo"], params["hi"]],
        )
        found = [row[0] for row in cur.fetchall()]
    where = ", ".join(found) or f"records numbered {params['lo']} to {params['hi']}"
    return f"{text_} (in {where}): correct those records"


def _sqlite_dialect() -> Any:
    from sqlalchemy.dialects import sqlite

    return sqlite.dialect()


def _sqlite_value(value: Any) -> Any:
    """A bound value as SQLAlchemy stores it in SQLite (dates as ISO text)."""
    if isinstance(value, dt.datetime):
        raise StoreError(f"the fast export cannot bind a timestamp ({value!r})")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def _conform(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """``table`` with ``schema``'s types (a column the driver saw only NULLs in comes
    back as int64: it is cast).  A column holding values of another type (text in a
    number column, say) raises ``_Mismatch``: the export would write it altered."""
    if table.num_columns != len(schema):
        raise StoreError(
            f"the export query returned {table.num_columns} columns, not {len(schema)}"
        )
    columns = []
    for column, field in zip(table.columns, schema, strict=True):
        if column.type == field.type:
            columns.append(column)
        elif column.null_count == len(column):
            columns.append(pa.nulls(len(column), field.type))
        else:
            raise _Mismatch(field, column.type)
    return pa.Table.from_arrays(columns, schema=schema)


def _row_reader(conn: Connection) -> Reader:
    """Through the session's own DB-API connection: plain tuples into Arrow."""

    def read(stmt: Any, schema: pa.Schema) -> pa.Table:
        rows = conn.execute(stmt).cursor.fetchall()
        struct = pa.array(rows, type=pa.struct(list(schema)))
        return pa.Table.from_batches([pa.RecordBatch.from_struct_array(struct)], schema=schema)

    return read


def _copy_reader(conn: Connection) -> Reader:
    """PostgreSQL: ``COPY (query) TO STDOUT`` as CSV, parsed by Arrow, in the
    session's transaction.  NULL is an unquoted empty field, '' a quoted one."""
    driver = conn.connection.driver_connection
    assert driver is not None
    dialect = conn.dialect
    with driver.cursor() as cur:
        for statement in csvsql.PG_SETTINGS:
            cur.execute(statement)

    def read(stmt: Any, schema: pa.Schema) -> pa.Table:
        compiled = stmt.compile(dialect=dialect, compile_kwargs={"render_postcompile": True})
        buf = bytearray()
        with (
            driver.cursor() as cur,
            cur.copy(
                f"COPY ({compiled.string}) TO STDOUT WITH (FORMAT csv)",
                compiled.construct_params(),
            ) as copy,
        ):
            for block in copy:
                buf += block
        if not buf:
            return schema.empty_table()
        return pacsv.read_csv(
            pa.py_buffer(bytes(buf)),
            read_options=pacsv.ReadOptions(column_names=schema.names),
            parse_options=pacsv.ParseOptions(newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                column_types=schema,
                null_values=[""],
                strings_can_be_null=True,
                quoted_strings_can_be_null=False,
            ),
        )

    return read


# ------------------------------------------------------------------ list columns


Found = tuple[pa.Array, pa.Array]  # (incident ids, values), ids ascending


def _lists(
    read_links: LinkReader, links: dict[str, csvsql.LinkQuery], lo: int, hi: int
) -> dict[str, Found]:
    """Every list column of the incidents numbered lo..hi: name -> (ids, values)."""

    def rows(name: str) -> pa.Table:
        table = read_links(links[name], lo, hi)
        return table.sort_by([("incident_id", "ascending"), ("k", "ascending")])

    out: dict[str, Found] = {}
    types = rows("secondary_types")
    out["secondary_types"] = _joined(types["incident_id"], types["type"])[:2]
    merged = rows("merged_ids")
    out["merged_ids"] = _joined(merged["incident_id"], merged["public_id"])[:2]
    out.update(_bodies(rows("bodies")))
    sources = rows("sources")
    for name, column in zip(
        csvsql.SOURCE_LISTS, ("url", "publisher", "published", "sha256"), strict=True
    ):
        keys, values, counts = _joined(sources["incident_id"], sources[column])
        out[name] = (keys, values)
    out["source_count"] = (keys, pa.array(counts, pa.int64()))
    return out


def _joined(keys: Any, values: Any) -> tuple[pa.Array, pa.Array, np.ndarray]:
    """Rows ordered by incident id: (each incident id once, its values '; '-joined in
    row order, how many)."""
    ids = np.asarray(keys.to_numpy(), dtype=np.int64)
    if len(ids) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return pa.array(empty), pa.array([], pa.string()), empty
    starts = np.flatnonzero(np.concatenate(([True], ids[1:] != ids[:-1])))
    offsets = np.append(starts, len(ids)).astype(np.int32)
    flat = values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values
    lists = pa.ListArray.from_arrays(pa.array(offsets), flat)
    return pa.array(ids[starts]), pc.binary_join(lists, LIST_SEPARATOR), np.diff(offsets)


def _bodies(links: pa.Table) -> dict[str, Found]:
    """Bodies by role, each once, in the order of its first link (``links`` holds one
    row per body and role, ``k`` its first link, ordered by incident and ``k``)."""
    out: dict[str, Found] = {}
    for role, name in csvsql.ROLE_LISTS.items():
        part = links.filter(pc.equal(links["role"], role))
        out[name] = _joined(part["incident_id"], part["body_id"])[:2]
    return out


# ------------------------------------------------------------------ rendering


def _render(
    plan: csvsql.Plan,
    table: pa.Table,
    ids: pa.Array,
    lists: dict[str, Found],
    base_url: str,
    memo: dict[str | None, str],
) -> pa.Buffer:
    raw = {name: table.column(name).combine_chunks() for name in table.column_names}
    columns: list[pa.Array] = []
    for kind, name in plan.cells:
        if kind in ("text", "date"):
            columns.append(_neutral(raw[name]))
        elif kind in ("int", "float"):
            columns.append(raw[name])
        elif kind == "stamp":
            columns.append(_neutral(_stamps(raw[name])))
        elif kind == "permalink":
            columns.append(_neutral(_permalinks(raw["public_id"], base_url)))
        elif kind == "region_name":
            columns.append(_neutral(_region_names(raw["region_code"])))
        elif kind == "json":
            columns.append(_neutral(_json_lists(raw[name], memo)))
        elif kind == "count":
            columns.append(_lookup(ids, lists[name], pa.int64(), 0))
        else:
            keys, values = lists[name]
            columns.append(_lookup(ids, (keys, _neutral(values)), pa.string(), ""))
    out = pa.BufferOutputStream()
    pacsv.write_csv(pa.table(columns, names=list(COLUMNS)), out, CSV_WRITE_OPTIONS)
    return out.getvalue()


_TRIGGERS = pa.array(FORMULA_TRIGGERS + ("'",), pa.string())


def _neutral(arr: Any) -> Any:
    """Text as the CSV writer neutralises it (``incidents.export.writers``): a cell
    whose first character is a formula trigger or an apostrophe gets an apostrophe."""
    risky = pc.is_in(pc.utf8_slice_codeunits(arr, 0, 1), value_set=_TRIGGERS)
    if not pc.any(risky).as_py():
        return arr
    return pc.if_else(risky, pc.binary_join_element_wise("'", arr, ""), arr)


def _stamps(arr: pa.Array) -> pa.Array:
    """Stored "YYYY-MM-DD HH:MM:SS.ffffff" (SQLite) or "YYYY-MM-DD HH:MM:SS+00"
    (PostgreSQL in UTC) as "YYYY-MM-DDTHH:MM:SSZ" (one already ending in Z stays)."""
    done = pc.ends_with(arr, "Z")
    if pc.all(done).as_py():
        return arr
    cut = pc.utf8_replace_slice(pc.utf8_slice_codeunits(arr, 0, 19), 10, 11, "T")
    cut = pc.binary_join_element_wise(cut, "Z", "")
    return pc.if_else(done, arr, cut) if pc.any(done).as_py() else cut


def _permalinks(public_ids: pa.Array, base_url: str) -> pa.Array:
    """``permalink(public_id, base_url)`` per row: the prefix and the ID where the ID
    needs no URL escaping (every ID this package makes), else the ID escaped."""
    links = pc.binary_join_element_wise(permalink("", base_url), public_ids, "")
    unsafe = pc.match_substring_regex(public_ids, "[^A-Za-z0-9-]")
    if not pc.any(unsafe).as_py():
        return links
    escaped = [permalink(p, base_url) for p in public_ids.filter(unsafe).to_pylist()]
    return pc.replace_with_mask(links, unsafe, pa.array(escaped, pa.string()))


def _region_names(codes: pa.Array) -> pa.Array:
    """Like ``incidents.vocab.region_name``: None when empty, else the name, else the code."""
    encoded = codes.dictionary_encode()
    names = [region_name(code) for code in encoded.dictionary.to_pylist()]
    return pc.take(pa.array(names, pa.string()), encoded.indices)


def _lookup(ids: pa.Array, found: Found, kind: pa.DataType, empty: Any) -> Any:
    """Per incident of ``ids``, its value in ``found`` (ids, values), else ``empty``."""
    keys, values = found
    if len(keys) == 0:
        return pa.repeat(pa.scalar(empty, kind), len(ids))
    where = pc.index_in(ids, value_set=keys)
    return pc.fill_null(pc.take(values, where), pa.scalar(empty, kind))


def _json_lists(raw: pa.Array, memo: dict[str | None, str]) -> pa.Array:
    """JSON list texts as '; '-joined strings (few distinct values: decoded once each)."""
    encoded = raw.dictionary_encode()
    decoded = [
        memo[v] if v in memo else _joined_json(v, memo) for v in encoded.dictionary.to_pylist()
    ]
    joined = pc.take(pa.array(decoded, pa.string()), encoded.indices)
    return pc.fill_null(joined, "")


def _joined_json(raw: str | None, memo: dict[str | None, str]) -> str:
    items = json.loads(raw) if raw else None
    value = LIST_SEPARATOR.join(items) if items else ""
    memo[raw] = value
    return value
