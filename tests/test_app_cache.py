"""The app's caches: keyed by the store's data version, and warmed at server start.

A write made anywhere through the package (the CLI's ingest, an import, an
editor's change) shows on the app's next run without waiting for an expiry,
and the start page a visitor without a link sees is filled before anyone asks.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from app_harness import metrics, no_exception, start
from app_seed import Seeded, _report, seed

from incidents.config import get_settings
from incidents.schemas import IncidentDraft
from incidents.store import make_engine, merge, queries, repo, session_scope, views
from incidents.ui import cache, explore, serve
from incidents.vocab import GeoPrecision, IncidentType


@pytest.fixture
def data(db_url: str) -> Seeded:
    return seed(db_url)


def _draft(killed: int) -> IncidentDraft:
    return IncidentDraft(
        date=dt.date(2025, 3, 2), region_code="UA-51", settlement="Odesa", lat=46.48,
        lon=30.73, geo_precision=GeoPrecision.SETTLEMENT, type=IncidentType.STRIKE_ON_CIVILIANS,
        killed=killed, injured=0, summary="Test incident written after the first run",
    )


def _version(url: str) -> str:
    engine = make_engine(url)
    try:
        with session_scope(engine, write=False) as s:
            return queries.data_version(s)
    finally:
        engine.dispose()


def _write(url: str, work: Any) -> Any:
    engine = make_engine(url)
    try:
        with session_scope(engine) as s:
            return work(s)
    finally:
        engine.dispose()


def test_data_version_changes_with_every_kind_of_write_and_only_then(data: Seeded) -> None:
    url = data.url
    seen = [_version(url)]
    assert _version(url) == seen[-1], "reading changed the version"
    _write(url, lambda s: queries.list_incidents(s, explore.default_filter(editor=False)))
    assert _version(url) == seen[-1], "a query changed the version"

    def new_report(s: Any) -> int:
        return repo.get_or_add_report(s, _report(90, "A new report about Odesa.", "Port News",
                                                 dt.date(2025, 3, 2)))[0]

    report_id = _write(url, new_report)
    writes = {
        "a report stored (no incident yet)": lambda s: None,
        "an incident created": lambda s: repo.create_incident(
            s, _draft(1), report_id, actor="test", status="reviewed"),
        "a field edited": lambda s: repo.update_incident(
            s, data.ids["kharkiv"], {"killed": 99}, actor="test"),
        "a source added": lambda s: repo.add_source(
            s, data.ids["kharkiv"], _draft(2), report_id, actor="test"),
        "two incidents merged": lambda s: merge.merge_incidents(
            s, data.ids["kharkiv"], data.ids["kherson"], actor="test"),
        "an incident deleted": lambda s: repo.delete_incident(
            s, data.ids["donetsk_pow"], actor="test"),
    }
    for what, work in writes.items():
        _write(url, work)
        now = _version(url)
        assert now not in seen, f"{what}: version did not change"
        seen.append(now)


def test_a_write_from_outside_the_app_shows_on_the_next_run(monkeypatch: pytest.MonkeyPatch,
                                                           data: Seeded) -> None:
    at = start(monkeypatch, data.url)
    no_exception(at)
    assert metrics(at)["Incidents"] == "4"
    assert metrics(at)["Killed"] == "14"

    def ingest(s: Any) -> str:
        report_id, _ = repo.get_or_add_report(
            s, _report(91, "Three people died in Odesa.", "Port News", dt.date(2025, 3, 2)))
        return repo.create_incident(s, _draft(3), report_id, actor="cli", status="reviewed")

    new_id = _write(data.url, ingest)
    at.run()
    no_exception(at)
    # Same filter, same session, no cache cleared: only the version in the key changed.
    assert metrics(at)["Incidents"] == "5"
    assert metrics(at)["Killed"] == "17"
    assert new_id in [r.removeprefix("?id=") for r in at.dataframe[0].value["record"]]


QUERIES = {
    (queries, "totals"), (queries, "list_settlements"), (queries, "list_publishers"),
    (views, "map_points"), (views, "region_totals"), (views, "map_counts"),
    (views, "timeline_rows"), (views, "table_page"),
}


def _refuse_queries(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    ran: list[str] = []
    for module, name in QUERIES:
        def refuse(*args: Any, _name: str = name, **kwargs: Any) -> Any:
            ran.append(_name)
            raise AssertionError(f"{_name} ran: the warm-up missed it")
        monkeypatch.setattr(module, name, refuse)
    return ran


def test_warm_fills_every_query_a_default_visit_makes(monkeypatch: pytest.MonkeyPatch,
                                                     data: Seeded) -> None:
    # A store no other test has cached (its URL is this test's own on SQLite; on
    # PostgreSQL a write moves the version past any earlier test's entries).
    monkeypatch.setenv("INCIDENTS_DB_URL", data.url)
    get_settings.cache_clear()
    version = explore.warm(data.url)
    assert version == _version(data.url)
    ran = _refuse_queries(monkeypatch)
    at = start(monkeypatch, data.url)
    no_exception(at)
    assert ran == []
    assert metrics(at)["Incidents"] == "4"
    assert len(at.get("deck_gl_json_chart")) == 1 and len(at.dataframe) == 1


def test_without_warming_a_default_visit_does_query(monkeypatch: pytest.MonkeyPatch,
                                                    data: Seeded) -> None:
    """The counterpart of the test above: the refusal does catch a cold cache."""
    ran = _refuse_queries(monkeypatch)
    at = start(monkeypatch, data.url)
    assert at.exception or at.error
    assert ran


@pytest.fixture
def runtime_exists(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    from streamlit.runtime import Runtime

    monkeypatch.setattr(Runtime, "exists", staticmethod(lambda: True))
    yield


def _until(predicate: Any, timeout: float = 30.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.02)
    return False


def test_keep_warm_logs_a_problem_once_then_warms_when_the_store_is_there(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, tmp_path: Any,
        runtime_exists: None, sqlite_url: str) -> None:
    passes: list[str] = []
    real_warm = explore.warm

    def counted(url: str) -> str:
        passes.append(url)
        return real_warm(url)

    monkeypatch.setattr(explore, "warm", counted)
    missing = f"sqlite:///{tmp_path}/no/such/dir/incidents.db"
    monkeypatch.setenv("INCIDENTS_DB_URL", missing)
    get_settings.cache_clear()
    stop = threading.Event()
    caplog.set_level(logging.WARNING, logger="incidents.ui.serve")
    worker = threading.Thread(target=serve.keep_warm, kwargs={"every": 0.01, "stop": stop})
    worker.start()
    try:
        assert _until(lambda: len(passes) >= 5), "keep_warm did not retry"
        problems = [r for r in caplog.records if "not warmed" in r.getMessage()]
        assert len(problems) == 1, "a lasting problem is logged once, not on every pass"
        seeded = seed(sqlite_url)
        monkeypatch.setenv("INCIDENTS_DB_URL", seeded.url)
        get_settings.cache_clear()
        assert _until(lambda: passes[-1] == seeded.url and len(passes) > 3 + passes.index(
            seeded.url)), "keep_warm stopped after a failure"
    finally:
        stop.set()
        worker.join(timeout=30)
    assert not worker.is_alive(), "keep_warm did not stop when told"
    ran = _refuse_queries(monkeypatch)
    version = _version(seeded.url)
    f = explore.default_filter(editor=False)
    assert cache.totals(seeded.url, version, f)["incidents"] == 4
    assert ran == []


def test_warm_now_before_the_server_fills_the_first_visit(monkeypatch: pytest.MonkeyPatch,
                                                          caplog: pytest.LogCaptureFixture,
                                                          data: Seeded, tmp_path: Any) -> None:
    monkeypatch.setenv("INCIDENTS_DB_URL", f"sqlite:///{tmp_path}/no/such/dir/x.db")
    get_settings.cache_clear()
    caplog.set_level(logging.WARNING)
    serve.warm_now()  # a store that cannot be read: said, not raised
    assert any("not warmed" in r.getMessage() for r in caplog.records)
    caplog.clear()
    monkeypatch.setenv("INCIDENTS_DB_URL", data.url)
    get_settings.cache_clear()
    serve.warm_now()
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING], caplog.records
    ran = _refuse_queries(monkeypatch)
    at = start(monkeypatch, data.url)
    no_exception(at)
    assert ran == []
