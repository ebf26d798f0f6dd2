"""Caching, the way Streamlit means it.

- The engine (one pool per database URL) is a cached *resource*: shared, never
  copied.
- Query results are cached *data*, keyed by the database URL and the filter's
  JSON (the frozen ``IncidentFilter`` serialised, so two equal filters share an
  entry and a restricted view can never be served from a public one's key: the
  visibility is part of the key).  Streamlit hands each caller a copy, so a page
  cannot mutate what another page reads; that copy is why the panels cache the
  lean, panel-sized results of ``incidents.store.views`` (a few thousand rows
  of scalars at most), never the export frame of every incident.
- The map's deck is cached as the JSON text the browser receives (a string is
  the cheapest thing to copy), so a rerun with the same filter neither rebuilds
  nor re-serialises a few thousand rows.
- ``prefetch`` starts the start page's queries together in worker threads: on
  a cache miss (a server's first visitor, a new filter) the database answers
  them side by side instead of one after another while the page is drawn, and
  each panel then takes its result from the cache (Streamlit makes a second
  caller of a key being computed wait for it, never compute it twice).
- Every key also holds the store's data version (``version``: the newest ids
  of the audit log, reports and incidents, read once per page run), so a
  record ingested from the command line or accepted in the editor shows on
  the next run, and an unchanged store keeps its entries: the start page stays
  warm instead of being recomputed every few minutes.  Editor writes also call
  ``clear()``.  Entries still expire after ``TTL_SECONDS``, a backstop for
  writes the version cannot see (raw SQL, or on PostgreSQL a transaction
  committing a smaller id after a larger one).
- ``warm`` fills the start page's entries for the default view; the launcher
  (``incidents.ui.serve``) calls it when the server starts and again every
  minute, so the first visitor after a start or a write finds them ready.
"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy import Engine, select

from ..geo import Gazetteer, get_gazetteer
from ..schemas import IncidentFilter, IncidentRecord
from ..store import make_engine, session_scope
from ..store import queries as q
from ..store import views as v
from ..store.models import Report
from .mapview import MapCounts, WrittenDeck, build_deck

TTL_SECONDS = 600
MAX_ENTRIES = 64
# Threads for ``prefetch``: the database work of a start page is four queries.
_PREFETCH = ThreadPoolExecutor(max_workers=4, thread_name_prefix="incidents-prefetch")


@st.cache_resource(show_spinner=False, on_release=Engine.dispose)
def engine(db_url: str) -> Engine:
    """One pool per database URL; clearing the cache closes its connections."""
    return make_engine(db_url)


def _filter(key: str) -> IncidentFilter:
    return IncidentFilter.model_validate_json(key)


def key(f: IncidentFilter) -> str:
    return f.model_dump_json()


@st.cache_data(ttl=TTL_SECONDS, max_entries=MAX_ENTRIES, show_spinner=False)
def _totals(db_url: str, version: str, filter_key: str) -> dict[str, int]:
    with session_scope(engine(db_url), write=False) as s:
        return dict(q.totals(s, _filter(filter_key)))


@st.cache_data(ttl=TTL_SECONDS, max_entries=MAX_ENTRIES, show_spinner=False)
def _map_data(db_url: str, version: str, filter_key: str, limit: int
              ) -> tuple[pd.DataFrame, pd.DataFrame, v.MapCounts]:
    f = _filter(filter_key)
    with session_scope(engine(db_url), write=False) as s:
        return v.map_points(s, f, limit), v.region_totals(s, f), v.map_counts(s, f)


@st.cache_data(ttl=TTL_SECONDS, max_entries=MAX_ENTRIES, show_spinner=False)
def _map_deck(db_url: str, version: str, filter_key: str, limit: int, basemap: bool, names: bool
              ) -> tuple[str, MapCounts]:
    points, regions, counts = _map_data(db_url, version, filter_key, limit)
    deck, shown = build_deck(points, regions, counts, basemap=basemap, names=names)
    return deck.to_json(), shown


@st.cache_data(ttl=TTL_SECONDS, max_entries=MAX_ENTRIES, show_spinner=False)
def _timeline(db_url: str, version: str, filter_key: str, freq: v.Freq) -> tuple[pd.DataFrame, int]:
    with session_scope(engine(db_url), write=False) as s:
        return v.timeline_rows(s, _filter(filter_key), freq)


@st.cache_data(ttl=TTL_SECONDS, max_entries=MAX_ENTRIES, show_spinner=False)
def _table_page(db_url: str, version: str, filter_key: str, limit: int, offset: int
                ) -> pd.DataFrame:
    with session_scope(engine(db_url), write=False) as s:
        return v.table_page(s, _filter(filter_key), limit=limit, offset=offset)


@st.cache_data(ttl=TTL_SECONDS, max_entries=MAX_ENTRIES, show_spinner=False)
def _facets(db_url: str, version: str, filter_key: str) -> dict[str, list[tuple[str, int]]]:
    with session_scope(engine(db_url), write=False) as s:
        return {k: list(v) for k, v in q.facets(s, _filter(filter_key)).items()}


def version(db_url: str) -> str:
    """The store's data version (``queries.data_version``), read afresh: one small query.

    The router reads it once per run and every page passes it on, so all the
    panels of one run read the same state of the store.
    """
    with session_scope(engine(db_url), write=False) as s:
        return q.data_version(s)


def prefetch(db_url: str, version: str, f: IncidentFilter, *, map_limit: int, freq: v.Freq,
             table_limit: int, table_offset: int) -> None:
    """Start the start page's queries for ``f`` in the background and return at once.

    Only cached readers run here, and nothing waits for them: a panel that asks
    for the same key meanwhile waits for that result, and a query that fails
    is simply not cached, so the panel's own call runs it again and shows the
    error.
    """
    for func, args in _start_page_calls(db_url, version, f, map_limit=map_limit, freq=freq,
                                        table_limit=table_limit, table_offset=table_offset):
        _PREFETCH.submit(func, *args)


def _start_page_calls(db_url: str, version: str, f: IncidentFilter, *, map_limit: int,
                      freq: v.Freq, table_limit: int, table_offset: int
                      ) -> tuple[tuple[Any, tuple[Any, ...]], ...]:
    k = key(f)
    return (
        (_totals, (db_url, version, k)),
        (_map_data, (db_url, version, k, map_limit)),
        (_timeline, (db_url, version, k, freq)),
        (_table_page, (db_url, version, k, table_limit, table_offset)),
    )


def warm(db_url: str, f: IncidentFilter, *, map_limit: int, freq: v.Freq, table_limit: int,
         basemap: bool) -> str:
    """Fill the start page's entries for ``f`` (and the sidebar's choices) now, and
    return the data version they were filled for.

    Called outside any visitor's run (``incidents.ui.serve``): the queries run
    side by side as ``prefetch`` runs them, then the map's deck is written.  A
    failure (no database yet, say) propagates; the caller logs it, and the
    page's own calls then show it to the visitor.
    """
    ver = version(db_url)
    calls = _start_page_calls(db_url, ver, f, map_limit=map_limit, freq=freq,
                              table_limit=table_limit, table_offset=0)
    futures = [_PREFETCH.submit(func, *args) for func, args in calls]
    filter_choices(db_url, ver)
    for fut in futures:
        fut.result()
    map_deck(db_url, ver, f, map_limit, basemap=basemap, names=False)
    return ver


def totals(db_url: str, version: str, f: IncidentFilter) -> dict[str, int]:
    return _totals(db_url, version, key(f))


def map_deck(db_url: str, version: str, f: IncidentFilter, limit: int, *, basemap: bool,
             names: bool) -> tuple[WrittenDeck, MapCounts]:
    """The map's deck (``mapview.build_deck`` on ``_map_data``), written once per filter and
    map setting: the JSON of a few thousand rows is the page's largest element."""
    text, shown = _map_deck(db_url, version, key(f), limit, basemap, names)
    return WrittenDeck(text), shown


def timeline(db_url: str, version: str, f: IncidentFilter, freq: v.Freq
             ) -> tuple[pd.DataFrame, int]:
    """Incidents and figures per period and type, and the number without a date."""
    return _timeline(db_url, version, key(f), freq)


def table_page(db_url: str, version: str, f: IncidentFilter, limit: int, offset: int = 0
               ) -> pd.DataFrame:
    """One page of the table, newest first."""
    return _table_page(db_url, version, key(f), limit, offset)


def facets(db_url: str, version: str, f: IncidentFilter) -> dict[str, list[tuple[str, int]]]:
    return _facets(db_url, version, key(f))


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def filter_choices(db_url: str, version: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(settlements, publishers) known to the store, for the sidebar's choices."""
    with session_scope(engine(db_url), write=False) as s:
        return tuple(q.list_settlements(s)), tuple(q.list_publishers(s))


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def coverage(db_url: str, version: str) -> dict[str, Any]:
    with session_scope(engine(db_url), write=False) as s:
        return dict(q.coverage(s))


def incident(db_url: str, public_id: str, *, include_restricted: bool) -> IncidentRecord:
    """One record, uncached: the incident page must show the latest audit trail."""
    with session_scope(engine(db_url), write=False) as s:
        return q.get_incident(s, public_id, include_restricted=include_restricted)


@st.cache_data(ttl=TTL_SECONDS, max_entries=256, show_spinner=False)
def report_text(db_url: str, report_id: int) -> str | None:
    """The preserved text of a source report, to show each quote in its context.

    ``incidents.store.queries`` has no reader for one report's text yet; this
    reads the one column, and no ORM object leaves this function.
    """
    with session_scope(engine(db_url), write=False) as s:
        text = s.scalar(select(Report.text).where(Report.id == report_id))
        return None if text is None else str(text)


@st.cache_resource(show_spinner="Loading the gazetteer…")
def gazetteer() -> Gazetteer:
    """The offline gazetteer (an index of a few thousand places), loaded once per process."""
    return get_gazetteer()


def clear() -> None:
    """Forget cached query results after a write."""
    st.cache_data.clear()


def today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()
