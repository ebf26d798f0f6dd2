"""Store benchmark: 1,000,000 synthetic incidents, timed the way the app and exports use them.

    python -m bench.bench_store                 # SQLite and PostgreSQL (when reachable)
    python -m bench.bench_store --rows 50000    # a quick run
    python -m bench.bench_store --engine sqlite

Fills a fresh database (bulk insert via Core, or COPY on PostgreSQL, with
indexes and full-text objects built afterwards), then times through the
package's own query layer:
- a combined filter and its first page of 500 rows (median; target < 25 ms); on
  PostgreSQL the page of its three regions is read region by region, each in page
  order from its range of the region index, and merged (``queries.page_ids``),
- the four facet counts for the same filter (median; target < 150 ms),
- a streamed CSV export of every row into a binary file, as ``incidents export
  -o FILE`` writes it (target < 6 s, peak RSS < 500 MB; run in a child process so
  the fill does not count towards its memory).  The export reads through the ADBC
  SQLite driver or PostgreSQL's COPY, with a second thread reading the next range
  of records while one is written (``incidents.store.bulk``): on this 2-core machine
  its time depends on how busy the other core is.
Each figure is printed beside its target.  ``--keep FILE`` keeps the SQLite file;
with ``BENCH_REUSE=1`` a kept file is measured again without refilling it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from incidents.schemas import IncidentFilter
from incidents.store import init_db, make_engine, queries, search, session_scope
from incidents.store.models import Base, body_mask, type_mask
from incidents.vocab import BODIES, REGIONS, IncidentType

PG_URL = os.environ.get(
    "INCIDENTS_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
TARGETS = {"filter_page_ms": 25.0, "facets_ms": 150.0, "export_s": 6.0, "export_rss_mb": 500.0}
FILTER = IncidentFilter(
    date_from=dt.date(2023, 1, 1),
    date_to=dt.date(2024, 12, 31),
    regions=("UA-14", "UA-63", "UA-65"),
    types=("strike_on_civilians", "attack_on_medical", "civilian_killing"),
    killed_min=1,
    statuses=("draft", "verified"),
)
CHUNK = 50_000
START = dt.date(2022, 2, 24)
SPAN_DAYS = (dt.date(2025, 12, 31) - START).days
TYPES = [t.value for t in IncidentType]
REGION_CODES = sorted(REGIONS)
BODY_IDS = sorted(BODIES)
STATUSES = ("draft", "reviewed", "verified", "disputed")
NOW = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def synthetic(
    n: int, seed: int = 1
) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]], dict[str, Any]]]:
    """(incident, type links, body link) for ids 1..n."""
    rng = random.Random(seed)
    for i in range(1, n + 1):
        region = REGIONS[rng.choice(REGION_CODES)]
        day = START + dt.timedelta(days=rng.randrange(SPAN_DAYS))
        killed = None if rng.random() < 0.2 else int(rng.expovariate(0.4))
        injured = None if rng.random() < 0.3 else int(rng.expovariate(0.2))
        kind = rng.choice(TYPES)
        text = f"Synthetic incident {i} in settlement {i % 977} of {region.name}"
        inc = {
            "id": i,
            "public_id": f"UA-{day.year}-{i:06d}",
            "date": day,
            "date_end": None,
            "date_precision": "day",
            "date_reported": day,
            "sort_date": day,
            "month": day.strftime("%Y-%m"),
            "region_code": region.code,
            "settlement": f"Settlement {i % 977}",
            "lat": region.lat + rng.uniform(-0.5, 0.5),
            "lon": region.lon + rng.uniform(-0.5, 0.5),
            "geo_precision": "settlement",
            "type": kind,
            "killed": killed,
            "injured": injured,
            "missing": None,
            "detained": None,
            "minimum_counts": [],
            "killed_min": killed,
            "killed_max": killed,
            "injured_min": injured,
            "injured_max": injured,
            "victim_groups": ["civilians"],
            "perpetrator": None,
            "summary": text,
            "status": rng.choice(STATUSES),
            "visibility": "restricted" if rng.random() < 0.05 else "public",
            "search_text": text,
            "content_hash": None,
            "created_at": NOW,
            "updated_at": NOW,
        }
        links = [{"incident_id": i, "type": kind, "is_primary": True}]
        if rng.random() < 0.2:
            extra = rng.choice(TYPES)
            if extra != kind:
                links.append({"incident_id": i, "type": extra, "is_primary": False})
        inc["type_mask"] = type_mask([link["type"] for link in links])
        body = {
            "incident_id": i,
            "body_id": rng.choice(BODY_IDS),
            "role": "reported",
            "report_id": None,
        }
        inc["body_mask"] = body_mask([(body["body_id"], body["role"])])
        yield inc, links, body


def _chunks(
    n: int,
) -> Iterator[tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]]:
    incs: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    bodies: list[dict[str, Any]] = []
    for inc, lk, body in synthetic(n):
        incs.append(inc)
        links.extend(lk)
        bodies.append(body)
        if len(incs) == CHUNK:
            yield incs, links, bodies
            incs, links, bodies = [], [], []
    if incs:
        yield incs, links, bodies


TABLES = ("incidents", "incident_types", "incident_bodies")


def fill(url: str, n: int) -> float:
    """Bulk-load n incidents with the secondary indexes dropped, then rebuild them."""
    t0 = time.perf_counter()
    init_db(url)
    engine = make_engine(url)
    indexes = [ix for name in TABLES for ix in Base.metadata.tables[name].indexes]
    sqlite = engine.dialect.name == "sqlite"
    with engine.begin() as conn:
        for stmt in search.SQLITE_DROP[:3] if sqlite else search.PG_DROP:
            conn.exec_driver_sql(stmt)
        for ix in indexes:
            ix.drop(conn)
    tables = [Base.metadata.tables[name] for name in TABLES]
    for incs, links, bodies in _chunks(n):
        with engine.begin() as conn:
            if sqlite:
                for table, rows in zip(tables, (incs, links, bodies), strict=True):
                    conn.execute(table.insert(), rows)
            else:
                _copy(conn, tables, (incs, links, bodies))
    with engine.begin() as conn:
        for ix in indexes:
            ix.create(conn)
        if sqlite:
            conn.exec_driver_sql(
                f"INSERT INTO {search.FTS_TABLE}({search.FTS_TABLE}) VALUES('rebuild')"
            )
            for stmt in search.SQLITE_DDL[1:]:
                conn.exec_driver_sql(stmt)
            conn.exec_driver_sql("ANALYZE")
        else:
            for stmt in search.PG_DDL:
                conn.exec_driver_sql(stmt)
            conn.exec_driver_sql(f"SELECT setval(pg_get_serial_sequence('incidents', 'id'), {n})")
    if not sqlite:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
    engine.dispose()
    return time.perf_counter() - t0


def _copy(conn: Any, tables: list[sa.Table], batches: tuple[list[dict[str, Any]], ...]) -> None:
    cursor = conn.connection.driver_connection.cursor()
    for table, rows in zip(tables, batches, strict=True):
        cols = [c.name for c in table.columns if c.name in rows[0]]
        with cursor.copy(f"COPY {table.name} ({', '.join(cols)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(
                    [json.dumps(row[c]) if isinstance(row[c], list) else row[c] for c in cols]
                )


def median_ms(fn: Callable[[], Any], repeat: int) -> float:
    fn()  # warm the cache, as the app's second query would be
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def measure(url: str, repeat: int) -> dict[str, float]:
    engine = make_engine(url)
    out: dict[str, float] = {}

    def timed(fn: Callable[..., Any], f: IncidentFilter, **kw: Any) -> float:
        def once() -> None:
            with session_scope(engine, write=False) as s:
                fn(s, f, **kw)

        return median_ms(once, repeat)

    out["filter_page_ms"] = timed(queries.list_incidents, FILTER, limit=500)
    out["facets_ms"] = timed(queries.facets, FILTER)
    out["count_ms"] = timed(queries.count_incidents, FILTER)
    # The app's landing view: every public incident, no other condition.
    out["all_page_ms"] = timed(queries.list_incidents, IncidentFilter(), limit=500)
    out["all_facets_ms"] = timed(queries.facets, IncidentFilter())
    engine.dispose()
    out.update(export_in_child(url))
    return out


def export_in_child(url: str) -> dict[str, float]:
    """Run the CSV export in a fresh process; its wall time and peak RSS."""
    code = (
        "import sys, time, resource\n"
        "from incidents.schemas import IncidentFilter\n"
        "from incidents.store import make_engine, session_scope\n"
        "from incidents.store.bulk import export_csv\n"
        "e = make_engine(sys.argv[1]); t = time.perf_counter()\n"
        "f = IncidentFilter(visibility=('public', 'restricted'))\n"
        "with session_scope(e, write=False) as s, open(sys.argv[2], 'wb') as fp:\n"
        "    n = export_csv(s, f, fp)\n"
        "u = resource.getrusage(resource.RUSAGE_SELF)\n"
        "print(n, time.perf_counter() - t, u.ru_maxrss / 1024, u.ru_utime + u.ru_stime)\n"
    )
    with tempfile.TemporaryDirectory() as tmp:
        target = str(Path(tmp) / "export.csv")
        done = subprocess.run(
            [sys.executable, "-c", code, url, target], check=True, capture_output=True, text=True
        )
        size = Path(target).stat().st_size
    n, seconds, rss, cpu = done.stdout.split()
    return {
        "export_rows": float(n),
        "export_s": float(seconds),
        "export_rss_mb": float(rss),
        "export_cpu_s": float(cpu),
        "export_mb": size / 1e6,
    }


def report(engine: str, rows: int, fill_s: float, got: dict[str, float]) -> None:
    print(f"\n{engine}: {rows:,} incidents (fill {fill_s:.1f} s)")
    print(f"  filter ({FILTER.describe()})")
    for key, label, unit in (
        ("filter_page_ms", "combined filter + first page of 500", "ms"),
        ("facets_ms", "four facets together", "ms"),
        ("count_ms", "filtered count", "ms"),
        ("all_page_ms", "no filter: first page of 500", "ms"),
        ("all_facets_ms", "no filter: four facets together", "ms"),
        (
            "export_s",
            f"CSV export of {int(got['export_rows']):,} rows ({got['export_mb']:.0f} MB)",
            "s",
        ),
        ("export_rss_mb", "CSV export peak RSS", "MB"),
        # CPU of the export process, all threads, start-up included (not the
        # PostgreSQL server's): on a shared machine the wall time also measures
        # what else runs.
        ("export_cpu_s", "CSV export CPU time (user + system)", "s"),
    ):
        target = TARGETS.get(key)
        verdict = (
            ""
            if target is None
            else (f"target < {target:g} {unit}  {'OK' if got[key] < target else 'MISSED'}")
        )
        print(f"  {label:<52} {got[key]:9.1f} {unit:<3} {verdict}")


def pg_reachable() -> str | None:
    try:
        eng = sa.create_engine(PG_URL, connect_args={"connect_timeout": 3})
        with eng.connect() as conn:
            conn.execute(sa.text("select 1"))
        eng.dispose()
    except Exception as exc:  # any failure means: skip PostgreSQL, say why
        return f"{exc.__class__.__name__}: {exc}"
    return None


def run_sqlite(rows: int, repeat: int, keep: Path | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = keep or Path(tmp) / "bench.db"
        if path.exists() and keep is not None and os.environ.get("BENCH_REUSE") == "1":
            fill_s = 0.0
        else:
            path.unlink(missing_ok=True)
            fill_s = fill(f"sqlite:///{path}", rows)
        report("SQLite", rows, fill_s, measure(f"sqlite:///{path}", repeat))


def run_pg(rows: int, repeat: int) -> None:
    why = pg_reachable()
    if why:
        print(f"\nPostgreSQL: skipped ({why})")
        return
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(PG_URL)
    with admin.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    url = f"{PG_URL}{'&' if '?' in PG_URL else '?'}options=-csearch_path%3D{schema}"
    try:
        fill_s = fill(url, rows)
        report("PostgreSQL", rows, fill_s, measure(url, repeat))
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--engine", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--keep", type=Path, help="SQLite file to write (kept afterwards).")
    args = parser.parse_args(argv)
    if args.engine in ("sqlite", "both"):
        run_sqlite(args.rows, args.repeat, args.keep)
    if args.engine in ("postgresql", "both"):
        run_pg(args.rows, args.repeat)
    print(
        f"\npeak RSS of this process: "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
