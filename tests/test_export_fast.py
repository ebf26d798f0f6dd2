"""The fast CSV export (``incidents.store.bulk``) against the row export, byte for byte,
where the fast path has its own code: list columns grouped in Arrow (several sources,
a body linked from several reports and in several roles, merged IDs), ranges of
record numbers (empty ones, gaps), the reading thread, filters that query, public
IDs that need URL escaping, both output streams, both SQLite readers and errors."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from factories import fill, make_report, report_and_draft
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from incidents.config import get_settings
from incidents.errors import StoreError
from incidents.export import permalink, write_csv
from incidents.schemas import IncidentFilter, IncidentRecord
from incidents.store import bulk, init_db, make_engine, queries, repo, session_scope

BOTH = ("public", "restricted")


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    init_db(db_url)
    eng = make_engine(db_url)
    _fill_links(eng)
    yield eng
    eng.dispose()


def _fill_links(eng: Engine) -> list[str]:
    """Incidents whose list columns are long and awkward to order."""
    rng = random.Random(71)
    with session_scope(eng) as s:
        ids = fill(s, 14, seed=72)
        survivor = ids[2]
        for pid, bodies in (
            (survivor, {"reporting_bodies": ["ua-police", "un-hrmmu"]}),
            (survivor, {"reporting_bodies": ["ua-police"], "investigating_bodies": ["ua-pgo"]}),
            (ids[5], {"investigating_bodies": ["ua-pgo", "icc"], "notified_bodies": ["icrc"]}),
            (ids[5], {"notified_bodies": ["icrc", "un-ohchr"], "reporting_bodies": ["icc"]}),
        ):
            _, draft = report_and_draft(rng, **bodies)
            # A report without URL, publisher or date: empty entries keep their place.
            report = make_report(rng, url=None, publisher=None, published=None)
            rid, _ = repo.get_or_add_report(s, report)
            repo.add_source(s, pid, draft, rid, actor="t")
        repo.update_incident(s, ids[7], {"secondary_types": ["torture", "pillage"]}, actor="t")
        # Merged IDs, absorbed out of their sort order; one merged record had merged IDs.
        repo.merge_incidents(s, ids[9], ids[10], actor="t")
        for merged in (ids[11], ids[3], ids[9]):
            repo.merge_incidents(s, survivor, merged, actor="t")
        repo.delete_incident(s, ids[12], actor="t")  # a gap in the record numbers
        repo.update_incident(s, ids[13], {"visibility": "restricted"}, actor="t")
    return ids


def _exports(eng: Engine, f: IncidentFilter) -> tuple[str, str, int]:
    with session_scope(eng, write=False) as s:
        slow, fast = io.StringIO(), io.StringIO()
        n = write_csv(queries.iter_export_rows(s, f), slow)
        assert bulk.export_csv(s, f, fast) == n
    return slow.getvalue(), fast.getvalue(), n


@pytest.mark.parametrize("chunk", [1, 3, 20_000])
def test_fast_export_equals_row_export_in_any_range_size(
    engine: Engine, chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk, "CHUNK", chunk)
    slow, fast, n = _exports(engine, IncidentFilter(visibility=BOTH))
    assert fast == slow and n == 9  # 14 stored, 4 merged away, 1 deleted
    # The lists this data was built for are there, so the comparison covers them.
    rows = {r["public_id"]: r for r in csv.DictReader(io.StringIO(fast))}
    survivor = next(r for r in rows.values() if r["merged_ids"])
    reporting = survivor["reporting_bodies"].split("; ")
    # ua-police linked again after un-hrmmu: still placed by its first link, once.
    assert reporting[-2:] == ["ua-police", "un-hrmmu"] and reporting.count("ua-police") == 1
    assert survivor["investigating_bodies"] == "ua-pgo"
    merged = survivor["merged_ids"].split("; ")
    assert len(merged) == 4 and merged == sorted(merged)
    assert survivor["source_count"] == "7"
    assert survivor["source_publishers"].endswith("; ; ")  # two reports without one
    assert survivor["source_urls"].count("https://") == 5
    roles = [(r["investigating_bodies"], r["notified_bodies"]) for r in rows.values()]
    assert ("ua-pgo; icc", "icrc; un-ohchr") in roles
    assert any(r["secondary_types"] == "torture; pillage" for r in rows.values())


@pytest.mark.parametrize(
    "f",
    [
        IncidentFilter(),
        IncidentFilter(visibility=BOTH, regions=("UA-14", "UA-63", "UA-65")),
        IncidentFilter(visibility=BOTH, text="district"),
        IncidentFilter(visibility=BOTH, near_lat=48.7389, near_lon=37.5848, within_km=300),
        IncidentFilter(visibility=BOTH, publishers=("Test Herald",)),
        IncidentFilter(visibility=BOTH, date_from=dt.date(2099, 1, 1)),
    ],
    ids=["public", "regions", "text", "radius", "publisher", "none"],
)
def test_fast_export_equals_row_export_filtered(
    engine: Engine, f: IncidentFilter, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk, "CHUNK", 4)
    slow, fast, n = _exports(engine, f)
    assert fast == slow
    assert fast.count("\n") >= n + 1


def _all(s: Session) -> list[IncidentRecord]:
    return queries.list_incidents(s, IncidentFilter(visibility=BOTH), limit=100)


def test_public_ids_that_need_escaping_are_escaped_as_the_permalink_does(engine: Engine) -> None:
    with session_scope(engine) as s:
        pids = [r.public_id for r in _all(s)]
        odd = {pids[0]: "UA 2024/7?x", pids[1]: "UA-2024-é", pids[2]: "x_y.z~1"}
        conn = s.connection()
        for old, new in odd.items():
            conn.execute(
                sa.text("UPDATE incidents SET public_id = :new WHERE public_id = :old"),
                {"new": new, "old": old},
            )
    slow, fast, _ = _exports(engine, IncidentFilter(visibility=BOTH))
    assert fast == slow
    base = get_settings().base_url
    for pid in odd.values():
        assert f'"{permalink(pid, base)}"' in fast
    assert permalink("", base) + "UA 2024" not in fast


def test_list_values_holding_the_packing_separator_are_exported_whole(engine: Engine) -> None:
    """PostgreSQL packs a range's link rows into one row split on \\x1f: a value holding
    that character is read again row by row, not split."""
    with session_scope(engine) as s:
        s.connection().execute(
            sa.text("UPDATE reports SET publisher = :p WHERE publisher IS NULL"),
            {"p": 'Odd\x1fPublisher, "quoted"'},
        )
    slow, fast, _ = _exports(engine, IncidentFilter(visibility=BOTH))
    assert fast == slow and "Odd\x1fPublisher" in fast


def test_binary_and_text_streams_get_the_same_bytes(engine: Engine) -> None:
    f = IncidentFilter(visibility=BOTH)
    with session_scope(engine, write=False) as s:
        as_text, as_bytes = io.StringIO(), io.BytesIO()
        n = bulk.export_csv(s, f, as_text, hxl=True)
        assert bulk.export_csv(s, f, as_bytes, hxl=True) == n
    assert as_bytes.getvalue() == as_text.getvalue().encode("utf-8")
    assert as_text.getvalue().splitlines()[1].startswith("#event+id,")


def test_sqlite_file_with_an_awkward_path(tmp_path: Path) -> None:
    """The ADBC reader opens the session's file by URI (escaped), read-only."""
    folder = tmp_path / "a dir #1 ü"
    folder.mkdir()
    url = f"sqlite:///{folder / 'x.db'}"
    init_db(url)
    eng = make_engine(url)
    try:
        _fill_links(eng)
        slow, fast, n = _exports(eng, IncidentFilter(visibility=BOTH))
        assert fast == slow and n == 9
        assert sorted(p.name for p in folder.iterdir() if p.suffix == ".db") == ["x.db"]
    finally:
        eng.dispose()


def test_sqlite_by_uri_is_read_through_the_session(tmp_path: object) -> None:
    """A URL the ADBC reader cannot open by path: the session's sqlite3 connection reads
    the same tables (no thread)."""
    path = f"{tmp_path}/by-uri.db"
    init_db(f"sqlite:///{path}")
    eng = make_engine(f"sqlite:///file:{path}?uri=true")
    try:
        _fill_links(eng)
        with session_scope(eng, write=False) as s:
            conn = s.connection()
            assert bulk._sqlite_path(conn) is None
        slow, fast, _ = _exports(eng, IncidentFilter(visibility=BOTH))
        assert fast == slow
    finally:
        eng.dispose()


def test_a_number_column_holding_text_is_an_error_naming_the_record(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    init_db(sqlite_url)
    eng = make_engine(sqlite_url)
    try:
        pids = _fill_links(eng)
        with session_scope(eng) as s:
            s.connection().execute(
                sa.text("UPDATE incidents SET killed = 'many' WHERE public_id = :p"),
                {"p": pids[8]},
            )
        monkeypatch.setattr(bulk, "CHUNK", 2)  # the bad record in a later range (thread)
        with session_scope(eng, write=False) as s, pytest.raises(StoreError) as err:
            bulk.export_csv(s, IncidentFilter(visibility=BOTH), io.BytesIO())
        assert "'killed'" in str(err.value) and pids[8] in str(err.value)
    finally:
        eng.dispose()


class _FullDisk(io.BytesIO):
    def __init__(self, room: int) -> None:
        super().__init__()
        self.room = room

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self.room -= 1
        if self.room < 0:
            raise OSError(28, "No space left on device")
        return super().write(data)


def test_a_failing_write_stops_the_reading_thread(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk, "CHUNK", 1)
    with session_scope(engine, write=False) as s, pytest.raises(OSError, match="No space"):
        bulk.export_csv(s, IncidentFilter(visibility=BOTH), _FullDisk(room=3))
    assert not [t for t in threading.enumerate() if t.name == "csv-export-reader"]


def test_an_empty_database_exports_the_header_only(db_url: str) -> None:
    init_db(db_url)
    eng = make_engine(db_url)
    try:
        slow, fast, n = _exports(eng, IncidentFilter())
        assert n == 0 and fast == slow and fast.count("\n") == 1
    finally:
        eng.dispose()
