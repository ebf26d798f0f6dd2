"""Explore (the start page): figures, map, timeline, table and downloads of the filter.

A permalink (``?id=UA-2025-000123``) opens on this page's URL, so with an ``id``
parameter the page shows that record instead.
"""

from __future__ import annotations

import datetime as dt
import math
import socket
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from ..errors import IncidentsError
from ..store.views import Freq
from ..vocab import region_name
from . import cache, downloads, incident
from .context import AppContext
from .filters import default_filter
from .mapview import MapCounts
from .palette import type_label
from .safe import md_escape
from .timeline import FREQS, MEASURES, timeline_chart

# The table shows one page at a time (newest first); the downloads hold every row.
# 100 rows, as datasette pages its tables: the data grid's first draw grows with
# the rows it is sent (500 rows cost a first visit about 0.3-0.5 s more in
# bench/bench_app.py), and a reader pages or filters rather than scrolls 500.
TABLE_PAGE = 100
# Fixed column widths in pixels: without them the
# grid measures the text of every cell to size its columns before its first draw.
# About what the grid chose itself on the demo data, so the summary starts on screen.
TABLE_WIDTHS = {"record": 115, "date": 88, "region": 140, "settlement": 105, "type": 150,
                "killed": 58, "injured": 62, "status": 60, "summary": 520}
# Above this many located incidents the map draws the newest; the region layer
# and the caption count all of them.  Each point costs the page about 300 bytes
# of deck JSON, serialised on every run and parsed and drawn by the browser:
# measured on 100,000 incidents (bench/bench_app.py), 5,000 points sent 1.9 MB
# per run; 2,000 send about 0.75 MB.
MAP_POINT_LIMIT = 2_000
BASEMAP_HOST = ("basemaps.cartocdn.com", 443)
HEADLINES = (
    ("incidents", "Incidents"),
    ("killed", "Killed"),
    ("injured", "Injured"),
    ("reports", "Source reports"),
    ("regions", "Regions"),
)


def page(ctx: AppContext) -> None:
    public_id = st.query_params.get("id")
    if public_id:
        incident.render(ctx, public_id, back_to_list=True)
        return
    page_number = max(1, int(st.session_state.get("table_page") or 1))
    cache.prefetch(ctx.db_url, ctx.version, ctx.filter, map_limit=MAP_POINT_LIMIT,
                   freq=st.session_state.get("tl_freq") or "month", table_limit=TABLE_PAGE,
                   table_offset=(page_number - 1) * TABLE_PAGE)
    st.title("Incidents")
    st.caption("Showing: " + md_escape(ctx.filter.describe()))
    try:
        totals = cache.totals(ctx.db_url, ctx.version, ctx.filter)
    except IncidentsError as exc:
        st.error(str(exc))
        return
    _headlines(totals)
    total = int(totals.get("incidents", 0))
    if total == 0:
        st.info("No incident matches these filters.")
    else:
        _map_panel(ctx)
        _timeline_panel(ctx)
        _table(ctx, total)
    _downloads(ctx, total)


def warm(db_url: str) -> str:
    """Fill the server's caches with the start page a visitor without a link sees.

    Run by the launcher (``incidents.ui.serve``) outside any visitor's session,
    at start and then every minute: the queries, the sidebar's choices, the
    map's deck, and the timeline chart written once (Altair builds its schema
    validator on the first chart).  Returns the data version filled.
    """
    f = default_filter(editor=False)
    freq: Freq = "month"
    ver = cache.warm(db_url, f, map_limit=MAP_POINT_LIMIT, freq=freq, table_limit=TABLE_PAGE,
                     basemap=basemap_reachable())
    rows, _ = cache.timeline(db_url, ver, f, freq)
    timeline_chart(rows, freq, "incidents").to_dict()
    return ver


def _headlines(totals: dict[str, int]) -> None:
    for col, (name, label) in zip(st.columns(len(HEADLINES)), HEADLINES, strict=True):
        col.metric(label, f"{int(totals.get(name) or 0):,}")
    st.caption(
        "Killed and injured add up the headline figure of each incident; an incident "
        "without a reported figure adds nothing (unknown is not zero)."
    )


@st.cache_resource(ttl=600, show_spinner=False)
def basemap_reachable() -> bool:
    """Whether the CARTO base map can be fetched (checked at most every 10 min)."""
    try:
        with socket.create_connection(BASEMAP_HOST, timeout=0.7):
            return True
    except OSError:
        return False


@st.fragment
def _map_panel(ctx: AppContext) -> None:
    st.subheader("Map")
    c1, c2 = st.columns(2)
    basemap = c1.toggle(
        "Base map (needs the internet)", value=basemap_reachable(), key="map_basemap",
        help="Without it the incidents still draw; switch on the region names for orientation.",
    )
    # Off at first: text is a shader of its own, about a third of a second for a
    # browser without a GPU to set up, on every visit (bench/bench_app.py).
    names = c2.toggle(
        "Region names", value=False, key="map_names", disabled=basemap,
        help="Writes each region's name at its centre (the base map has its own names). "
             "Hovering a grey circle also names its region.",
    )
    deck, shown = cache.map_deck(ctx.db_url, ctx.version, ctx.filter, MAP_POINT_LIMIT,
                                 basemap=basemap, names=names and not basemap)
    event = st.pydeck_chart(
        deck, height=520, width="stretch", on_select="rerun",
        selection_mode="single-object", key="incident_map",
    )
    st.caption(_map_caption(shown))
    _selected_link(event)


def _map_caption(c: MapCounts) -> str:
    parts = [f"{c.exact:,} incidents at a place (filled dots)"]
    parts.append(f"{c.region_only:,} known only to their region (rings on the region's centre)")
    if c.truncated:
        parts.append(f"{c.truncated:,} older located incidents left off the map to keep it "
                     "fast (the grey circles count them; narrow the filters to draw them)")
    if c.without_location:
        parts.append(f"{c.without_location:,} without a location (not on the map)")
    parts.append("grey circles: incidents per region, sized by count")
    return "; ".join(parts) + ". Colour: type; size: killed + injured."


def _selected_link(event: object) -> None:
    selection = getattr(event, "selection", None) or {}
    objects = selection.get("objects", {}) if isinstance(selection, dict) else {}
    # The layer's region circles have no ID: choosing one links nowhere.
    for obj in objects.get("incidents", []) or []:
        pid = str(obj.get("i") or "")  # mapview.ROW_COLUMNS
        if pid:
            st.markdown(f"Selected: [{md_escape(pid)}](?id={pid})")
            return


@st.fragment
def _timeline_panel(ctx: AppContext) -> None:
    st.subheader("Timeline")
    c1, c2 = st.columns(2)
    freq = c1.segmented_control("Per", FREQS, default="month", key="tl_freq") or "month"
    measure = c2.segmented_control(
        "Count", list(MEASURES), default="incidents", format_func=MEASURES.__getitem__,
        key="tl_measure",
    ) or "incidents"
    rows, undated = cache.timeline(ctx.db_url, ctx.version, ctx.filter, freq)
    st.altair_chart(timeline_chart(rows, freq, measure), width="stretch")
    if undated:
        st.caption(f"{undated:,} incidents without a known date are not on the timeline.")


def table_frame(rows: pd.DataFrame) -> pd.DataFrame:
    """The table's columns (from ``views.table_page``): a link to each record, then
    what a reader scans for."""
    return pd.DataFrame(
        {
            "record": "?id=" + rows["public_id"].astype(str),
            "date": pd.to_datetime(rows["date"], errors="coerce"),
            "region": rows["region_code"].map(lambda c: region_name(c) if c else None),
            "settlement": rows["settlement"],
            "type": rows["type"].map(type_label),
            "killed": rows["killed"].astype("Int64"),
            "injured": rows["injured"].astype("Int64"),
            "status": rows["status"],
            "summary": rows["summary"],
        }
    )


def _page_number(total: int) -> int:
    """The table page the reader asked for, kept within the filtered set's pages."""
    pages = max(1, math.ceil(total / TABLE_PAGE))
    if pages == 1:
        return 1
    # A narrower filter may leave fewer pages than the one last shown; the
    # widget refuses a value above its maximum, so clamp before drawing it.
    if int(st.session_state.get("table_page") or 1) > pages:
        st.session_state["table_page"] = pages
    return int(st.number_input(f"Page (of {pages:,})", min_value=1, max_value=pages, step=1,
                               value=1, key="table_page"))


@st.fragment
def _table(ctx: AppContext, total: int) -> None:
    st.subheader("Incidents")
    number = _page_number(total)
    offset = (number - 1) * TABLE_PAGE
    shown = table_frame(cache.table_page(ctx.db_url, ctx.version, ctx.filter, TABLE_PAGE, offset))
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        column_config=_table_columns(),
    )
    if total > len(shown):
        st.caption(
            f"Rows {offset + 1:,}–{offset + len(shown):,} of {total:,}, newest first; the "
            "downloads hold all of them."
        )


def _table_columns() -> dict[str, Any]:
    w = TABLE_WIDTHS
    text = st.column_config.TextColumn
    return {
        "record": st.column_config.LinkColumn("Record", display_text=r"\?id=(.*)",
                                              width=w["record"]),
        "date": st.column_config.DateColumn("Date", width=w["date"]),
        "region": text("Region", width=w["region"]),
        "settlement": text("Settlement", width=w["settlement"]),
        "type": text("Type", width=w["type"]),
        "killed": st.column_config.NumberColumn("Killed", format="%d", width=w["killed"]),
        "injured": st.column_config.NumberColumn("Injured", format="%d", width=w["injured"]),
        "status": text("Status", width=w["status"]),
        "summary": text("Summary", width=w["summary"]),
    }


def _downloads(ctx: AppContext, total: int) -> None:
    st.subheader("Download")
    st.caption(
        f"{total:,} incidents: exactly the filtered set ({md_escape(ctx.filter.describe())}), "
        "with the same columns as `incidents export`."
    )
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d")
    for col, fmt in zip(st.columns(len(downloads.FORMATS)), downloads.FORMATS, strict=True):
        col.download_button(
            fmt.label,
            data=partial(downloads.export_bytes, ctx.db_url, ctx.filter, fmt.key),
            file_name=downloads.file_name(fmt, stamp),
            mime=fmt.mime,
            key=f"download_{fmt.key}",
            on_click="ignore",
            width="stretch",
        )
